"""The figure extractors: numbers with their units, ranges and qualifiers, found in text.

One pattern, built from ``data/numbers.toml``, finds candidate figures — a numeral (Arabic,
full-width, Chinese or mixed, with 万/亿 magnitudes), an optional range end, a unit or measure
word and a trailing qualifier (左右/以上…) — in the folded text (:data:`extract.numerals.FOLD`,
same length as the original, so offsets stay valid). Calendar years and 一 meaning "a" are
rejected inside the pattern. :func:`find_quantities` then looks just before each candidate for a
qualifier (约/超/近…), a sign or a currency symbol, drops what the spec says is not a figure
(ordinals, names in quotes, unit definitions, age groups) and computes exact values. Keeping the
scan on digits alone is what makes it fast.
"""

from __future__ import annotations

from bisect import bisect_left
from decimal import Decimal

import regex

from .lexicon import alternation, load
from .numerals import BIG, CN_DIGITS, DIGITS, FRACTION, POINT, SMALL, SPECIAL, VAGUE, fold, parse_decimal
from .record import Quantity

_LEX = load("numbers")
_B = _LEX["bounds"]
_X = _LEX["exclude"]
_P = _LEX["percent"]
_MONEY = _LEX["money"]




def _spaced(word: str) -> str:
    """A literal that may carry layout spaces between its CJK characters (个 百 分 点)."""
    if word.isascii():
        return regex.escape(word)
    return r"[ \t]*".join(regex.escape(c) for c in word)


# ---------------------------------------------------------------- units
UNITS: dict[str, str] = {}
FAMILY: dict[str, str] = {}
for _fam, _table in _LEX["units"].items():
    if not isinstance(_table, dict):
        continue
    if _fam == "count":
        for _w in _table["words"]:
            UNITS[_w] = _w
            FAMILY[_w] = "count"
    else:
        for _surface, _canon in _table.items():
            UNITS[_surface] = _canon
            FAMILY[_canon] = _fam
for _noun, _canon in _LEX["people"]["nouns"].items():
    UNITS[_noun] = _canon
_NOT_AFTER = _LEX["units"]["count"]["not_after"]

_UNIT_SURFACES = sorted(UNITS, key=len, reverse=True)


def _unit_pattern(u: str) -> str:
    """A unit's surface form, not followed by what would make it part of another word (个性, 位于)."""
    tails = [w[len(u):] for w in _NOT_AFTER if w.startswith(u) and w not in UNITS]
    guard = r"(?![A-Za-z])" if u.isascii() else (f"(?!{alternation(tails)})" if tails else "")
    return _spaced(u) + guard


def _trie(words: list[str], leaf) -> str:
    """An alternation of ``words`` shaped as a trie (one branch per first character), longest first.

    The engine then tests one character per branch instead of every word in turn; ``leaf(word)``
    gives the pattern of a whole word (its spaces and guards).
    """
    by_first: dict[str, list[str]] = {}
    for w in words:
        by_first.setdefault(w[0], []).append(w)
    branches = []
    for ws in by_first.values():
        ws.sort(key=len, reverse=True)
        branches.append("|".join(leaf(w) for w in ws) if len(ws) > 1 else leaf(ws[0]))
    return "|".join(f"(?:{b})" for b in branches)


_UNIT_ALT = f"(?:{_trie(_UNIT_SURFACES, _unit_pattern)})"
_UNIT_KEY = {regex.sub(r"\s", "", u): c for u, c in UNITS.items()}
_TENTHS = "".join(_P["tenths"])


def _magnitude_char(c: str) -> str:
    """A magnitude character, unless it starts a unit (千米, 千瓦) or a per-cent word (百分之)."""
    tails = [u[1:] for u in UNITS if u[0] == c and len(u) > 1]
    tails += [p[1:] for p in _P["prefixes"] if p[0] == c]
    return regex.escape(c) + (f"(?!{alternation(tails)})" if tails else "")


_MAG = "(?:" + "|".join(_magnitude_char(c) for c in list(SMALL) + list(BIG)) + ")"

_MAGNITUDE_CHARS = "".join(SMALL) + "".join(BIG)
_TEN = next(k for k, v in SMALL.items() if v == 10)  # 十 alone starts a numeral (十余名)
_CN = rf"[{CN_DIGITS}{''.join(k for k in SPECIAL if len(k) == 1)}]"
_NONZERO = "".join(k for k, v in DIGITS.items() if v)
# in running text only the ASCII comma groups thousands: a full-width ， between digits is a clause break
_ARABIC = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
_VAGUE_IN = rf"[{VAGUE}]"
# a numeral: starts with a digit (or 十), goes on with digits and magnitudes
_NUM = (
    rf"(?:{_ARABIC}|{_CN}|{_TEN})"
    rf"(?:[ \t]*{_CN}|[ \t]*{_MAG}|{_VAGUE_IN}(?=[ \t]*{_MAG})|(?<=[{_MAGNITUDE_CHARS}]){_ARABIC})*+"
    rf"(?:[ \t]*{POINT}[ \t]*{_CN}(?:[ \t]*{_CN})*+(?:[ \t]*[{''.join(BIG)}])*+)?"
)
# a bare magnitude after 上/数/几 (上千万, 数十亿): the match starts at the magnitude, the word before
# it is added back in _quantity — so that the very common 上 and 数 do not each start a match attempt
_BARE_BEFORE: dict[str, str] = _B["bare_before"]
_BARE_WORDS = sorted(_BARE_BEFORE, key=len, reverse=True)
_BARE = rf"(?<=(?:{alternation(_BARE_WORDS)}))[{_MAGNITUDE_CHARS}]++"
# 百分之百: a bare magnitude right after a fraction word
_AFTER_FRACTION = rf"(?<={FRACTION})[{''.join(SMALL)}]"

_POST = alternation(_B["approx_after"] + _B["lower_after"] + _B["upper_after"])
_CONN = alternation(_LEX["ranges"]["connectors"])
_PCT_PREFIX = "|".join(_spaced(p) for p in sorted(_P["prefixes"], key=len, reverse=True))
_PCT_KEY = {p: u for p, u in _P["prefixes"].items()}
_HALF = _P["half"]
_UNIT = (
    rf"(?:{_UNIT_ALT}"
    rf"|(?P<tenths>[{_TENTHS}])(?:[ \t]*(?P<t2>[{_NONZERO}](?![{_MAGNITUDE_CHARS}])|{_HALF}))?"
    rf"(?![{_P['tenths_not_before']}]))"
)
_UNIT1 = rf"(?:{_UNIT_ALT})"

# what can follow a numeral that is a figure: a unit, a vague word, a range connector, a half
_NEXT = regex.escape("".join(sorted(
    {u[0] for u in _UNIT_SURFACES} | set(_TENTHS) | set(_P["half"]) | set(VAGUE)
    | {c[0] for c in _LEX["ranges"]["connectors"]}
)))
# a calendar year (2024 年) is never a figure: rejected in the pattern, before any work is done on it
# (a qualifier before it, 近 2000 年, leaves it to the checks in _quantity)
_QUALIFIER_ENDS = regex.escape("".join({w[-1] for w in _B["approx_before"] + _B["lower_before"]
                                          + _B["upper_before"]} | set(VAGUE)))
_YEAR_UNIT = _LEX["time"]["year_unit"]
_NOT_A_YEAR = (
    rf"(?!(?<![{_QUALIFIER_ENDS}][ \t]{{0,2}})(?:1[5-9]|20|21)\d\d[ \t]*{_YEAR_UNIT}"
    rf"(?![ \t]*(?:{alternation(_LEX['time']['year_not_calendar_after'])})))"
)
# 一 meaning "a" before a measure word (一个小团队, 一批, 新的一年) is rejected in the pattern too, unless a
# word before it makes it a number (提前一年) or a qualifier does (近一年); _quantity checks the rest
_COUNT_TIME = alternation(u for u in UNITS if FAMILY.get(UNITS[u]) in ("count", "time"))
_OTHER_UNITS = alternation(u for u in UNITS if FAMILY.get(UNITS[u]) not in ("count", "time"))
_NOT_A_ONE = (
    rf"(?!(?<!(?:{alternation(_X['one_is_a_figure_after'])})[ \t]*)(?<![{_QUALIFIER_ENDS}][ \t]*)"
    rf"(?:{'|'.join(k for k, v in DIGITS.items() if v == 1)})[ \t]*(?!{_OTHER_UNITS})(?:{_COUNT_TIME}))"
)
_FIGURE = regex.compile(
    rf"""
    (?:(?P<pct>{_PCT_PREFIX})[ \t]*)?
    (?<![\dA-Za-z.{CN_DIGITS}{_MAGNITUDE_CHARS}])
    {_NOT_A_YEAR}
    {_NOT_A_ONE}
    (?P<n1>(?>{_BARE}|{_NUM}|{_AFTER_FRACTION}))
    (?(pct)|(?:(?=[ \t]*[{_NEXT}])|(?<=[{''.join(BIG)}])))
    (?>
    (?:[ \t]*(?P<v1>{_VAGUE_IN}))?
    (?:[ \t]*(?P<u1>{_UNIT1}))?
    (?:[ \t]*(?P<conn>{_CONN})[ \t]*(?P<pct2>{_PCT_PREFIX})?(?P<n2>(?>{_NUM}))(?:[ \t]*(?P<v2>{_VAGUE_IN}))?)?
    (?:[ \t]*(?P<unit>{_UNIT}))?
    (?:(?<={_MONEY['yuan']})(?P<jiao>{_CN}|\d)[{''.join(_MONEY['jiao'])}](?:(?P<fen>{_CN}|\d){_MONEY['fen']})?)?
    (?P<half>{_HALF}(?![\p{{Han}}]))?
    (?:[ \t]*(?P<post>{_POST}))?
    )
    (?(unit)|(?(u1)|(?(pct)|(?<=[{''.join(BIG)}][ \t]*(?:{_POST})?))))
    """,
    regex.VERBOSE,
)
_SIGNS = "".join(_LEX["numerals"]["negative"])
_MAGNITUDES = frozenset(SMALL) | frozenset(BIG)
_CURRENCY_SIGNS = "".join(_LEX["units"]["signs"])
_PRE_WORDS = set(_B["approx_before"] + _B["lower_before"] + _B["upper_before"])
_PRE_LENGTHS = sorted({len(w) for w in _PRE_WORDS}, reverse=True)
_PHRASE = regex.compile(alternation(_B["phrases"]))

_BOUND_OF: dict[str, str] = {}
for _w in _B["approx_before"] + _B["approx_after"]:
    _BOUND_OF[_w] = "approx"
for _w in _B["lower_before"] + _B["lower_after"] + _B["phrase_lower"]:
    _BOUND_OF[_w] = "lower"
for _w in _B["upper_before"] + _B["upper_after"]:
    _BOUND_OF[_w] = "upper"
for _w in _LEX["numerals"]["vague_more"] + _LEX["numerals"]["vague_digit"]:
    _BOUND_OF[_w] = "lower"

_ORDINAL = tuple(_X["ordinal_before"])
_ONE = ("1",) + tuple(k for k, v in DIGITS.items() if v == 1)  # the numeral one, as in 一 meaning "a"
_TENTHS_ALWAYS = frozenset(_P["tenths_always"])
_ONE_KEEP = tuple(_X["one_is_a_figure_after"])
_YEAR_NAME = tuple(_X["year_name_after"])
_CATEGORY_UNITS = frozenset(_X["category_units"])
_HAN_NEXT = regex.compile(r"[ \t]*\p{Han}")
_DEFINITION = tuple(_X["definition"])
_NAME_OPEN = "".join(_X["name_open"])
_NAME_CLOSE = "".join(_X["name_close"])
_YEAR_MIN, _YEAR_MAX = _X["year_min"], _X["year_max"]
_PEOPLE_CLAUSE = regex.compile(alternation(_LEX["people"]["clause_words"]))
# a bare 万/亿 number before a short noun phrase naming people (960多万贫困人口, 500多万在校生)
_PEOPLE_AFTER = regex.compile(
    rf"\p{{Han}}{{0,{int(_LEX['people']['phrase_reach'])}}}?(?:{alternation(_LEX['people']['phrase_nouns'])})"
)
_CLAUSE_START = regex.compile(f"[{regex.escape(_X['clause_marks'])}]")
_VAGUE_RANGE = regex.compile(
    rf"^(?P<a>[{_NONZERO}])(?P<b>[{_NONZERO}])(?P<rest>[{_MAGNITUDE_CHARS}]*)$"
)


def _nospace(s: str) -> str:
    return s.replace(" ", "").replace("\t", "") if (" " in s or "\t" in s) else s


def find_quantities(text: str) -> list[Quantity]:
    """Every figure in ``text``, in order, as :class:`~extract.record.Quantity` records."""
    t = fold(text)
    out: list[Quantity] = []
    for m in _FIGURE.finditer(t):
        q = _quantity(t, m)
        if q is not None:
            out.append(q)
    for m in _PHRASE.finditer(t):
        word = m.group()
        pre, start = _pre_word(t, m.start())
        bound = _BOUND_OF.get(pre, "exact") if pre else _BOUND_OF.get(word, "exact")
        out.append(Quantity(start, m.end(), Decimal(_B["phrases"][word]), None, _B["phrase_unit"], bound))
    if len(out) > 1:
        out.sort(key=lambda q: q.start)
    return _without_false_figures(t, out)


def _quantity(t: str, m: regex.Match) -> Quantity | None:
    n1, unit_text, u1, pct, tenths, conn = m.group("n1", "unit", "u1", "pct", "tenths", "conn")
    if unit_text is None and u1 is None and pct is None:
        return _people(t, m)
    end = m.end()
    if conn and u1 and not unit_text:  # "2万亿元-3": not a range, the figure ends at its unit
        conn, end = None, m.end("u1")
    num_start = m.start("pct") if pct else m.start("n1")
    bare_word = None
    if not pct and n1[0] in _MAGNITUDES:
        bare_word = next((w for w in _BARE_WORDS if t.startswith(w, num_start - len(w))), None)
        if bare_word:
            num_start -= len(bare_word)
    # a sign or currency symbol right before the number (kept out of the pattern: cheaper scans)
    neg = False
    if num_start and t[num_start - 1] in _SIGNS:
        prev = t[num_start - 2] if num_start >= 2 else " "
        if not t[num_start - 1].isascii() or not (prev.isascii() and (prev.isalnum() or prev in ".-")):
            neg, num_start = True, num_start - 1
    if num_start and t[num_start - 1] in _CURRENCY_SIGNS:
        u1 = u1 or t[num_start - 1]
        num_start -= 1

    before = t[max(0, num_start - 8):num_start].rstrip(" \t")
    pre, start = _pre_word(t, num_start)
    if before.endswith(_ORDINAL) or (before and before[-1] in _NAME_OPEN and _closes_soon(t, m.end("n1"))):
        return None
    after = t[end:end + 6].lstrip(" \t")
    if _defines_a_unit(t, num_start, end, n1, after, before):
        return None

    # what is not a figure: calendar years, plan names, 一 meaning "a"
    plain = _nospace(n1)
    if not pct and not tenths and not pre and not m.group("v1"):
        unit_key = _nospace(unit_text or u1)
        if unit_key == _YEAR_UNIT:
            if _is_year(plain) and (not conn or _is_year(_nospace(m.group("n2")))):
                return None
            if after.startswith(_YEAR_NAME):
                return None
        if plain in _ONE and not conn and FAMILY.get(_UNIT_KEY[unit_key]) in ("count", "time"):
            if not before.endswith(_ONE_KEEP):
                return None
    post = m.group("post")
    if post and _nospace(unit_text or u1 or "") in _CATEGORY_UNITS and _HAN_NEXT.match(t, end):
        return None  # 3岁以下婴幼儿, 60岁以上老年人: a category, not a quantity

    # the unit
    if tenths:
        unit = "%"
    elif pct:
        unit = _PCT_KEY[_nospace(pct)]
        if unit_text and _UNIT_KEY.get(_nospace(unit_text)) != unit:
            end = m.end("n2") if m.group("n2") else m.end("n1")
            end = m.end("v2") if m.group("v2") else (m.end("v1") if m.group("v1") else end)
    else:
        key = _nospace(unit_text or u1)
        unit = _UNIT_KEY[key]
        if u1 and unit_text and _UNIT_KEY[_nospace(u1)] != _UNIT_KEY[_nospace(unit_text)]:
            return None
    if conn and not unit_text and not pct:
        return None

    # values
    rng = None if tenths else _VAGUE_RANGE.match(_nospace(n1))
    if rng and DIGITS[rng.group("b")] != DIGITS[rng.group("a")] + 1:
        rng = None
    bare = bare_word is not None
    if rng:
        mult = _magnitude(rng.group("rest"))
        value = DIGITS[rng.group("a")] * mult
        value_max = DIGITS[rng.group("b")] * mult
    elif bare:
        value = _magnitude(n1)
        value_max = value * 10 if _BARE_BEFORE[bare_word] == "range" else None
    else:
        v = parse_decimal(n1)
        if v is None:
            return None
        value, value_max = v, None
    if conn:
        v2 = parse_decimal(m.group("n2"))
        if v2 is None:
            return None
        value_max = v2
    if neg:
        value = -value

    if m.group("half"):
        value += Decimal("0.5")
    if m.group("jiao"):  # 五元三毛, 50元6角三分
        value += _digit(m.group("jiao")) / 10 + (_digit(m.group("fen")) / 100 if m.group("fen") else 0)
    if tenths:
        t2 = m.group("t2")
        extra = Decimal(0) if not t2 else Decimal(5) if t2 == _HALF else Decimal(DIGITS[t2])
        scale = tenths in _TENTHS_ALWAYS or value < 10
        value = value * 10 + extra if scale else value
        if value_max is not None and scale:
            value_max = value_max * 10

    # bound
    bound = "exact"
    vague = m.group("v2") or m.group("v1") or _vague_inside(n1)
    if pre and not bare:
        bound = _BOUND_OF[pre]
    elif post:
        bound = _BOUND_OF[post]
    elif bare:
        bound = "approx" if _BARE_BEFORE[bare_word] == "range" else _BARE_BEFORE[bare_word]
    elif vague:
        bound = "lower"
    return Quantity(start, end, value, value_max if value_max != value else None, unit, bound)


def _pre_word(t: str, i: int) -> tuple[str | None, int]:
    """The qualifier word that ends right before offset ``i`` (layout spaces allowed), and its start."""
    j = i
    while j > 0 and t[j - 1] in " \t":
        j -= 1
    for n in _PRE_LENGTHS:
        if j >= n and t[j - n:j] in _PRE_WORDS:
            return t[j - n:j], j - n
    return None, i


def _people(t: str, m: regex.Match) -> Quantity | None:
    """A bare 万/亿 number in a clause about people (务工规模超过3300万) counts 人."""
    if m.group("conn") or m.group("half"):
        return None
    a = m.start("n1")
    s = max(0, a - 40)
    clause = t[s:a]
    cut = max((x.end() for x in _CLAUSE_START.finditer(clause)), default=0)
    if not _PEOPLE_CLAUSE.search(clause, cut) and not _PEOPLE_AFTER.match(t, m.end()):
        return None
    v = parse_decimal(m.group("n1"))
    if v is None:
        return None
    pre, start = _pre_word(t, a)
    post = m.group("post")
    end = m.end()
    vague = m.group("v1") or _vague_inside(m.group("n1"))
    bound = _BOUND_OF[pre] if pre else _BOUND_OF[post] if post else "lower" if vague else "exact"
    return Quantity(start, end, v, None, _LEX["people"]["unit"], bound)


def _digit(c: str) -> Decimal:
    return Decimal(DIGITS[c]) if c in DIGITS else Decimal(c)


_UNIT_ONE = regex.compile(rf"(?<![\d.])(?:{'|'.join(_ONE)})[ \t]*[A-Za-z\p{{Han}}/]{{1,8}}[ \t]*$")


def _defines_a_unit(t: str, num_start: int, end: int, n1: str, after: str, before: str) -> bool:
    """``1PFlops 等于 1千万亿次浮点指令/秒``: both sides of a unit definition are no figures."""
    if after.startswith(_DEFINITION):
        return _nospace(n1) in _ONE
    if before.endswith(_DEFINITION):
        head = t[max(0, num_start - 24):num_start].rstrip(" \t")
        head = head[: len(head) - next(len(w) for w in _DEFINITION if head.endswith(w))]
        return _UNIT_ONE.search(head) is not None
    return False


def _magnitude(s: str) -> Decimal:
    v = Decimal(1)
    for c in s:
        if c in SMALL:
            v *= SMALL[c]
        elif c in BIG:
            v *= BIG[c]
    return v


def _vague_inside(n1: str) -> str | None:
    for c in n1:
        if c in VAGUE:
            return c
    return None


def _is_year(s: str) -> bool:
    if s.isdigit() and len(s) == 4:
        return _YEAR_MIN <= int(s) <= _YEAR_MAX
    if len(s) == 4 and all(c in DIGITS for c in s):
        v = int("".join(str(DIGITS[c]) for c in s))
        return _YEAR_MIN <= v <= _YEAR_MAX
    return False


def _closes_soon(t: str, i: int) -> bool:
    return any(c in _NAME_CLOSE for c in t[i:i + 6])


# ---------------------------------------------------------------- false figures
# Numbers that the pattern reads as figures but that state none: each rule below is one named
# check over a found quantity, with its word list in the ``[false_figures]`` table of numbers.toml.
_FF = _LEX["false_figures"]
_FRAME_N = rf"(?<![\d.{CN_DIGITS}十百千])[\d{CN_DIGITS}十]{{1,4}}"
_FRAME_AFTER = alternation(_FF["frame_after"])
_FRAME_RE = regex.compile(
    rf"(?<!{alternation(_FF['frame_not_after'])})"
    rf"(?:(?:{alternation(_FF['frame_before'])})[ \t]*(?P<a>{_FRAME_N})[ \t]*{_YEAR_UNIT}"
    rf"(?:{alternation(_FF['frame_since'])}|{_FRAME_AFTER})?"
    rf"|(?P<b>{_FRAME_N})[ \t]*{_YEAR_UNIT}(?:(?P<rate>{_FRAME_AFTER})|{alternation(_FF['frame_since'])}))"
)
_FRAME_VAGUE = regex.compile(rf"(?:{alternation(_FF['frame_vague_before'])})[ \t]*$")
_SET_PHRASES = regex.compile(alternation(_FF["set_phrases"]))
_RANK = regex.compile(rf"(?:{alternation(_FF['rank_before'])})[ \t]*$")
_RANK_UNITS = frozenset(_FF["rank_units"])
_GROUP_AFTER = regex.compile(rf"[ \t]*(?:[{regex.escape(_FF['group_after'])}]|{alternation(_FF['group_nouns'])})")


def framing_durations(text: str) -> list[tuple[int, int, int]]:
    """Durations that frame a rate or a total, as ``(start, end, years)``: ``过去五年``, ``五年来``,
    ``五年年均增长`` (its ``五年``), ``十年增加``. They are periods, not figures (see
    :func:`extract.periods.spans_back`)."""
    out = []
    for m in _FRAME_RE.finditer(text):
        if m.group("b") and not m.group("rate") and _FRAME_VAGUE.search(text, max(0, m.start() - 4), m.start()):
            continue  # 近 30 年来: nearly thirty years, an amount
        n = parse_decimal(m.group("a") or m.group("b"))
        if n is not None and n == int(n) and 1 < n <= 100:
            out.append((m.start(), m.end(), int(n)))
    return out


def _frames_a_period(q: Quantity, frames: list[tuple[int, int, int]], frame_starts: list[int]) -> bool:
    """``五年年均增长5.2%``: the ``五年`` is the period of the rate, not a duration stated."""
    if q.unit != _YEAR_UNIT:
        return False
    k = bisect_left(frame_starts, q.end) - 1  # the last frame starting before the figure ends
    return k >= 0 and q.start < frames[k][1]


def _set_phrase(t: str, q: Quantity) -> bool:
    """``两个大局``, ``三次产业``: a fixed phrase or a name that opens with a count."""
    m = _SET_PHRASES.match(t, q.start)
    return m is not None and m.end() > q.end


def _rank(t: str, q: Quantity) -> bool:
    """``前10名``, ``排名前三位``: a rank, not a count."""
    return q.unit in _RANK_UNITS and _RANK.search(t, max(0, q.start - 4), q.start) is not None


def _age_group(t: str, q: Quantity) -> bool:
    """``16-59岁（含不满60周岁）劳动年龄人口``: an age range, or an age bounding one in brackets, names a
    group of people, not an age stated."""
    if q.unit not in _CATEGORY_UNITS:
        return False
    if q.value_max is not None:
        return _GROUP_AFTER.match(t, q.end) is not None
    return t[q.end:q.end + 1] in _NAME_CLOSE_BRACKETS and _GROUP_AFTER.match(t, q.end + 1) is not None


_NAME_CLOSE_BRACKETS = _FF["group_close"]


def _without_false_figures(t: str, found: list[Quantity]) -> list[Quantity]:
    """``found`` without the quantities that one of the false-figure rules rejects."""
    if not found:
        return found
    frames = framing_durations(t) if _YEAR_UNIT in t else []
    starts = [a for a, _b, _n in frames]
    return [q for q in found
            if not (_frames_a_period(q, frames, starts) or _set_phrase(t, q) or _rank(t, q) or _age_group(t, q))]

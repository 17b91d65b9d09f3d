"""Time expressions in a sentence, normalised to ISO-like periods.

``find_periods`` lists the time expressions of a sentence (``2024年1至11月`` → ``2024-01/2024-11``,
``“十四五”时期`` → ``2021/2025``, ``今年`` → the document's year) and ``assign_periods`` picks the one
each figure takes: the nearest that ends before it. Comparisons (``比上年``, ``较2020年``), years inside a
title in 《》, a plan's years in parentheses, event names (``2024年世界机器人大会``) and deadlines named
as goals (``2030年前碳达峰``) are not periods. The vocabulary is the ``[period]`` table of
``extract/data/meaning.toml``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from . import lexicon, numerals
from .figures import framing_durations
from .lexicon import alternation

_D = lexicon.load("meaning")["period"]




_CN_DIGITS = numerals.CN_DIGITS
# a month in Chinese numerals (一…十二) or named by a word (正, 腊)
_CN_MONTH: dict[str, int] = {numerals.spelled(n): n for n in range(1, 13)} | _D["months"]
_REL: dict[str, int] = _D["relative_years"]
_PARTS: dict[str, list[int]] = _D["parts"]

_S = r"[ \t\u3000]*"
_NIAN = regex.escape(_D["year_word"])
_YUE = rf"(?:{alternation(_D['month_words'])})"
_YEAR = rf"{numerals.year_pattern()}|{numerals.cn_year_pattern()}"
_MONTH = rf"1[0-2]|0?[1-9]|{alternation(_CN_MONTH)}"
_J = rf"(?:{alternation(_D['range_joiners'])})"
_FM0, _FM1 = (regex.escape(w) for w in _D["first_months"])
_FIRST_N = regex.compile(rf"{_FM0}[ \t\u3000]*(1[0-2]|0?[1-9]|{alternation(_CN_MONTH)})[ \t\u3000]*{_FM1}")
_PART = rf"{alternation(_PARTS)}|{_FIRST_N.pattern}"
_REL_ALT = alternation(_REL)
_YSUF = alternation(_D["year_suffixes"])
_FY_SUF = alternation(_D["five_year_suffixes"])
_MSUF = alternation(_D["month_suffixes"])
_QO, _QC = (regex.escape(q) for q in _D["five_year_quotes"])
_TEN, _FIVE = regex.escape(_D["five_year_ten"]), regex.escape(_D["five_year_word"])
_UNITS = "".join(c for c, v in numerals.DIGITS.items() if v)  # 一…九 (and their variants)

# Alternatives in priority order: at a position the first that matches wins.
_FIRST = "".join(sorted({w[0] for w in [*_REL, *_PARTS, *_CN_MONTH]}
                        | set("0123456789" + _CN_DIGITS + _D["five_year_quotes"][0] + _D["five_year_ten"])))
_FIRST_SET = frozenset(_FIRST) | frozenset("０１２３４５６７８９")
_PATTERN = regex.compile(
    rf"""
    (?=[{regex.escape(_FIRST)}])
    (?:(?P<fyq>{_QO}{_TEN}(?P<fyqn>[{_UNITS}]?){_FIVE}{_QC}(?:{_FY_SUF})?)
  | (?P<fyu>(?<![{_UNITS}{_TEN}]){_TEN}(?P<fyun>[{_UNITS}]){_FIVE}(?:{_FY_SUF}))
  | (?P<yr>(?P<yr1>{_YEAR}){_S}{_NIAN}?{_S}{_J}{_S}(?P<yr2>{_YEAR}){_S}(?:{_YSUF}))
  | (?P<ymr>(?P<ymry>{_YEAR}|{_REL_ALT}){_S}{_NIAN}?{_S}(?P<ymr1>{_MONTH}){_S}{_YUE}?{_S}{_J}{_S}
        (?P<ymr2>{_MONTH}){_S}{_YUE})
  | (?P<yp>(?P<ypy>{_YEAR}|{_REL_ALT}){_S}{_NIAN}?{_S}(?P<ypp>{_PART}))
  | (?P<ym>(?P<ymy>{_YEAR}|{_REL_ALT}){_S}{_NIAN}?{_S}(?P<ymm>{_MONTH}){_S}{_YUE}(?:{_MSUF})?)
  | (?P<y>(?P<yy>{_YEAR}){_S}(?P<ysuf>{_YSUF})|(?P<yb>{_YEAR})(?={_S}(?:{alternation(_D['bare_year_followers'])})))
  | (?P<rel>{_REL_ALT})
  | (?P<mr>(?<![\d.])(?P<mr1>{_MONTH}){_S}{_YUE}?{_S}{_J}{_S}(?P<mr2>{_MONTH}){_S}{_YUE})
  | (?P<p>{_PART})
  | (?P<m>(?<![\d.{_CN_DIGITS}{_TEN}])(?P<mm>{_MONTH}){_S}{_YUE}(?:{_MSUF})?))
    """,
    regex.VERBOSE,
)

_CMP_BEFORE = re.compile(rf"(?:{alternation(_D['comparison_prefixes'])}){_S}$")
_CMP_REACH = max(map(len, _D["comparison_prefixes"])) + 4  # how far back a comparison word can start
_CMP_AFTER = re.compile(rf"{_S}(?:{alternation(_D['comparison_suffixes'])})")
_EVENT_AFTER = re.compile(
    rf"[^，。；：！？,;:!?、\n《》“”]{{0,{_D['event_window']}}}?(?:{alternation(_D['event_suffixes'])})"
)
_TITLE = regex.compile(r"《[^《》]*》")
_ANCHOR = re.compile(f"[{regex.escape(_D['anchors'])}]")
_REACH = _D["anchor_reach"]
_BEFORE = _D["before_word"]
_ITEM_END_RE = re.compile(f"[{regex.escape(_D['item_end'])}]")
_FY_HORIZON = tuple(_D["five_year_horizon_suffixes"])
_FY_NAME_AFTER = tuple(_D["five_year_name_after"])


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time expression ``[start, end)`` of a sentence and its period (``""`` when unresolved)."""

    start: int
    end: int
    period: str
    year: int | None = None
    horizon: bool = False
    bare: bool = False  # a month or quarter without its year inside a list item: it carries to the item's end


def _year(s: str) -> int:
    y = numerals.calendar_year(s)
    assert y is not None, s  # the pattern admits calendar years only
    return y


def _month(s: str) -> int:
    return _CN_MONTH[s] if s in _CN_MONTH else numerals.integer(s)


def relative_years() -> dict[str, int]:
    """The relative-year words this module resolves, each with its offset from the document's year
    (``去年`` → -1, ``今年`` → 0): what :mod:`extract.pairing` reads a result's year from too."""
    return dict(_REL)


def _span(y: int | None, a: int, b: int) -> str:
    if y is None:
        return ""
    if (a, b) == (1, 12):
        return str(y)
    if a == b:
        return f"{y}-{a:02d}"
    return f"{y}-{a:02d}/{y}-{b:02d}"


def _part(tok: str) -> tuple[int, int]:
    """First and last month of a part of a year (``前三季度`` → 1, 9; ``前11个月`` → 1, 11)."""
    if tok in _PARTS:
        a, b = _PARTS[tok]
        return a, b
    return 1, _month(_FIRST_N.fullmatch(tok).group(1))


_YEAR_WORD = regex.compile(rf"(?:{_YEAR}){_S}{_NIAN}|{_REL_ALT}")


def names_a_year(text: str) -> bool:
    """Whether ``text`` (a time expression) is a whole year by itself: ``2022年``, ``去年``, ``过去一年``."""
    return _YEAR_WORD.fullmatch(numerals.fold(text)) is not None


def five_year_plan(n: int) -> tuple[int, int]:
    """The first and last year of the ``n``-th five-year plan (from the third on)."""
    first = _D["five_year_first"] + 5 * (n - _D["five_year_first_number"])
    return first, first + 4


# _PATTERN, tried only where an anchor character follows within reach (see ``anchors`` in meaning.toml).
# It needs nothing beyond the standard library's syntax, whose engine runs it several times as fast; but
# regex knows more digits (\d) than the standard library's tables, all of them beyond the Basic
# Multilingual Plane, so a text holding such characters is read with regex (_windowed)
_WINDOWED_SOURCE = rf"(?=[{regex.escape(_FIRST)}])(?=(?s:.){{0,{_REACH}}}?{_ANCHOR.pattern})(?:{_PATTERN.pattern})"
_WINDOWED = re.compile(_WINDOWED_SOURCE, re.VERBOSE)
_WINDOWED_WIDE = regex.compile(_WINDOWED_SOURCE, regex.VERBOSE)
_Pattern = re.Pattern[str] | regex.Pattern
_Match = re.Match[str] | regex.Match


def _windowed(text: str) -> _Pattern:
    """The compiled :data:`_WINDOWED` that reads ``text`` as regex does: the standard library's unless
    ``text`` has a character beyond the Basic Multilingual Plane."""
    return _WINDOWED if not text or max(text) < "\U00010000" else _WINDOWED_WIDE


def _matches(text: str) -> Iterator[_Match]:
    """The matches of :data:`_PATTERN` in ``text`` that start within reach before an anchor character.

    Positions are tried left to right, each match resuming after the one before. A match that ends before
    the first anchor at or after its start (a bare year before ``全年``) uses that anchor up: the search
    resumes within reach of the next anchor only.
    """
    pos = 0
    windowed = _windowed(text)
    while True:
        m = windowed.search(text, pos)
        if m is None:
            return
        yield m
        pos = m.end()
        anchor = _ANCHOR.search(text, m.start())
        if anchor is not None and pos <= anchor.start():
            following = _ANCHOR.search(text, anchor.start() + 1)
            if following is None:
                return
            pos = max(pos, following.start() - _REACH)


class _Scan:
    """What :func:`find_periods` knows while it reads a sentence's time expressions left to right."""

    __slots__ = ("text", "doc_year", "context_year", "ctx", "first_item")

    def __init__(self, text: str, doc_year: int | None, context_year: int | None) -> None:
        self.text, self.doc_year, self.context_year = text, doc_year, context_year
        self.ctx: int | None = None  # the year of the last time expression, for a bare month or quarter
        item = _ITEM_END_RE.search(text)
        self.first_item = item.start() if item else -1

    def year_of(self, tok: str) -> int | None:
        if tok in _REL:
            return None if self.doc_year is None else self.doc_year + _REL[tok]
        return _year(tok)

    def bare_year(self) -> int | None:
        """The year of a month or part of a year stated without one: the last year named, else the
        year of the section, else the year of issue."""
        if self.ctx is not None:
            return self.ctx
        return self.context_year if self.context_year is not None else self.doc_year


def _plan(sc: _Scan, m: _Match, kind: str) -> TimeExpr | None:
    """“十四五”, 十四五时期: a five-year plan by its ordinal; “十四五”规划 names the plan, no period."""
    a, b = m.span()
    if kind == "fyq" and sc.text.startswith(_FY_NAME_AFTER, b):
        return None
    digit = m.group(kind + "n")
    y1, y2 = five_year_plan(10 + (numerals.integer(digit) if digit else 0))
    return TimeExpr(a, b, f"{y1}/{y2}", y1, horizon=sc.text.endswith(_FY_HORIZON, a, b))


def _year_range(sc: _Scan, m: _Match, kind: str) -> TimeExpr | None:
    """2020年至2030年: a span of years (ends in order)."""
    y1, y2 = _year(m.group("yr1")), _year(m.group("yr2"))
    if y2 < y1:
        return None
    sc.ctx = y1
    return TimeExpr(*m.span(), f"{y1}/{y2}", y2)


def _one_year(sc: _Scan, m: _Match, kind: str) -> TimeExpr | None:
    """2024年, 2024年底: a year; not 2030年前 (a deadline named as a goal) nor 2024年…大会 (an event)."""
    b = m.end()
    suffix = m.group("ysuf")
    if suffix == _D["year_word"] and sc.text[b:b + 1] == _BEFORE:
        return None
    if suffix and _EVENT_AFTER.match(sc.text, b):
        return None
    y = _year(m.group("yy") or m.group("yb"))
    sc.ctx = y
    return TimeExpr(*m.span(), str(y), y)


def _relative(sc: _Scan, m: _Match, kind: str) -> TimeExpr | None:
    """今年, 去年, 过去一年: a year counted from the year of issue."""
    y = sc.year_of(m.group("rel"))
    if y is not None:
        sc.ctx = y
    return TimeExpr(*m.span(), "" if y is None else str(y), y)


def _months(sc: _Scan, m: _Match, kind: str) -> TimeExpr | None:
    """2024年1至11月, 1-11月, 今年前三季度, 一季度, 2024年8月, 3月: months of a year — of the year named
    with them, else of :meth:`_Scan.bare_year`. Stated without a year inside a list item, they are ``bare``."""
    a, b = m.span()
    if kind in ("ymr", "yp", "ym"):
        y = sc.year_of(m.group(kind + "y"))
        if y is not None:
            sc.ctx = y
    else:
        y = sc.bare_year()
    if kind in ("ymr", "mr"):
        first, last = _month(m.group(kind + "1")), _month(m.group(kind + "2"))
        if not 1 <= first <= last <= 12:
            return None
    elif kind in ("yp", "p"):
        first, last = _part(m.group("ypp" if kind == "yp" else "p"))
        if not 1 <= last <= 12:
            return None
    else:
        first = last = _month(m.group(kind + "m"))
    bare = kind in ("mr", "m") or (kind == "p" and (first, last) != (1, 12))
    return TimeExpr(a, b, _span(y, first, last), y, bare=bare and 0 <= sc.first_item < a)


def _in_title(m: _Match, titles: list[tuple[int, int]], title_starts: list[int]) -> bool:
    """《数字经济发展规划（2023—2025年）》: a year inside a title."""
    t = bisect_right(title_starts, m.start()) - 1
    return t >= 0 and m.start() < titles[t][1]


def _a_comparison(text: str, m: _Match, compared: int) -> bool:
    """比上年, 较2020年, 与2020年相比, 上年同期 — and 比上年年初, what follows a comparison at once
    (``compared``: where the last one ended)."""
    a, b = m.span()
    return a == compared or bool(_CMP_BEFORE.search(text, max(0, a - _CMP_REACH), a) or _CMP_AFTER.match(text, b))


def _in_parentheses(text: str, m: _Match) -> bool:
    """行动方案（2024—2026年）: a plan's years in parentheses after its name."""
    a, b = m.span()
    return a > 0 and text[a - 1] in "（(" and text[b:b + 1] in "）)"


def find_periods(sentence: str, doc_year: int | None = None, context_year: int | None = None) -> list[TimeExpr]:
    """The time expressions of ``sentence`` in order; relative ones resolve against ``doc_year``.

    A month or a part of a year with no year before it in the sentence (全年, 一季度, 3月) takes
    ``context_year`` — the year the sentence's section is about (``一、2024年工作回顾``) — when
    given, else ``doc_year``.
    """
    return list(iter_periods(sentence, doc_year, context_year)) if _ANCHOR.search(sentence) else []


def iter_periods(sentence: str, doc_year: int | None = None, context_year: int | None = None) -> Iterator[TimeExpr]:
    """:func:`find_periods` one by one, read as they are asked for (the first alone costs less)."""
    if not _ANCHOR.search(sentence):
        return
    text = numerals.fold(sentence)
    titles = [(m.start(), m.end()) for m in _TITLE.finditer(text)] if "《" in text else []
    title_starts = [x for x, _y in titles]
    sc = _Scan(text, doc_year, context_year)
    compared = -1
    for m in _matches(text):
        if _in_title(m, titles, title_starts):
            continue
        if _a_comparison(text, m, compared):
            compared = m.end()
            continue
        if _in_parentheses(text, m):
            continue
        kind = m.lastgroup  # the alternative's own group closes last
        if kind not in _RULES:
            kind = next(k for k in _KINDS if m.group(k) is not None)
        e = _RULES[kind](sc, m, kind)
        if e is not None:
            yield e


_KINDS = ("fyq", "fyu", "yr", "ymr", "yp", "ym", "y", "rel", "mr", "p", "m")
#: the rule that reads each alternative of the pattern
_RULES = {"fyq": _plan, "fyu": _plan, "yr": _year_range, "y": _one_year, "rel": _relative,
          "ymr": _months, "yp": _months, "ym": _months, "mr": _months, "p": _months, "m": _months}


def assign_periods(sentence: str, exprs: list[TimeExpr], starts: list[int]) -> list[TimeExpr | None]:
    """The time expression of ``exprs`` (in order) that a figure at each of ``starts`` takes.

    That is the nearest one ending at or before the figure, except that a month or part of a year
    stated without its year (``前三季度``) carries only to the end of its list item (``；``).
    """
    if not exprs:
        return [None] * len(starts)
    items = [m.start() for m in _ITEM_END_RE.finditer(sentence)]
    ends = [e.end for e in exprs]
    full = [k for k, e in enumerate(exprs) if not e.bare]
    full_ends = [exprs[k].end for k in full]
    out: list[TimeExpr | None] = []
    for pos in starts:
        k = bisect_right(ends, pos) - 1
        if k >= 0 and exprs[k].bare:
            q = bisect_left(items, pos) - 1  # the last ； before the figure
            if q >= 0 and exprs[k].end <= items[q]:
                j = bisect_right(full_ends, pos) - 1
                k = full[j] if j >= 0 else -1
        out.append(exprs[k] if k >= 0 else None)
    return out


def spans_back(sentence: str, exprs: list[TimeExpr], doc_year: int | None) -> list[TimeExpr]:
    """``exprs`` with the framing durations of ``sentence`` added as periods counted back.

    A span of N years ends at the last year named before it in the sentence, else at the year before
    the document's year of issue: ``过去五年`` in a 2023 report is ``2018/2022``.
    """
    found = framing_durations(sentence)
    if not found:
        return exprs
    out = list(exprs)
    for a, b, n in found:
        if any(e.start < b and a < e.end for e in exprs):
            continue
        last = [e.year for e in exprs if e.end <= a and e.year is not None and e.period[:4] == e.period[-7:][:4]]
        end = last[-1] if last else None if doc_year is None else doc_year - 1
        out.append(TimeExpr(a, b, "" if end is None else f"{end - n + 1}/{end}", end))
    out.sort(key=lambda e: e.start)
    return out


def period_before(sentence: str, exprs: list[TimeExpr], pos: int) -> TimeExpr | None:
    """The time expression a figure at ``pos`` takes (see :func:`assign_periods`)."""
    return assign_periods(sentence, exprs, [pos])[0]

"""The figure extractors: numbers with their units, ranges and qualifiers, found in text.

One pattern, built from ``data/numbers.toml``, finds candidate figures — a numeral (Arabic,
full-width, Chinese or mixed, with 万/亿 magnitudes), an optional range end, a unit or measure
word and a trailing qualifier (左右/以上…) — in the folded text (:data:`extract.numerals.FOLD`,
same length as the original, so offsets stay valid). Calendar years and 一 meaning "a" are
rejected inside the pattern. :func:`find_quantities` then looks just before each candidate for a
qualifier (约/超/近…), a sign or a currency symbol, drops what the spec says is not a figure
(ordinals, names in quotes, unit definitions, age groups) and computes exact values. Keeping the
scan on digits alone is what makes it fast.

A :class:`Figures` is built from one :class:`~extract.lexicon.Lexicon`; the module's own names
(``find_quantities`` …) are those of the package's data.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import namedtuple
from collections.abc import Container
from decimal import Decimal
from typing import Any

import regex

from . import units
from .lexicon import Lexicon, alternation, default_names
from .numerals import Numerals
from .record import Quantity
from .units import Units

#: the named groups of one match of the figure pattern (a namedtuple made for each lexicon's pattern)
_Groups = Any


def _spaced(word: str) -> str:
    """A literal that may carry layout spaces between its CJK characters (个 百 分 点)."""
    if word.isascii():
        return regex.escape(word)
    return r"[ \t]*".join(regex.escape(c) for c in word)


def _trie(words: list[str], guard) -> str:
    """An alternation of ``words`` shaped as a trie, longest first: one branch per character at every
    depth, so the engine tests each character once instead of every word in turn. Layout spaces may
    sit between two CJK characters; ``guard(word)`` is what must (not) follow a whole word.
    """
    root: dict = {}
    for w in words:
        node = root
        for c in w:
            node = node.setdefault(c, {})
        node[""] = w

    def emit(node: dict, prev: str) -> str:
        alts = []
        for c, child in node.items():
            if c == "":
                continue
            sep = r"[ \t]*" if prev and not prev.isascii() and not c.isascii() else ""
            alts.append(sep + regex.escape(c) + emit(child, c))
        if "" in node:
            alts.append(guard(node[""]))
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")"

    return emit(root, "")


# in running text only the ASCII comma groups thousands: a full-width ， between digits is a clause break
_ARABIC = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"


_HAN_NEXT = regex.compile(r"[ \t]*\p{Han}")
_HAN = regex.compile(r"\p{Han}")


def _nospace(s: str) -> str:
    return s.replace(" ", "").replace("\t", "") if (" " in s or "\t" in s) else s


def _word_before(t: str, i: int, words: Container[str], lengths: tuple[int, ...]) -> tuple[str | None, int]:
    """The one of ``words`` (of ``lengths``, longest first) that ends right before offset ``i``, layout
    spaces allowed between, and where it starts; ``(None, i)`` when none does."""
    j = i
    while j > 0 and t[j - 1] in " \t":
        j -= 1
    for n in lengths:
        if j >= n and t[j - n:j] in words:
            return t[j - n:j], j - n
    return None, i


class Figures:
    """The figure extractor of one lexicon: its figure pattern and word lists, compiled from
    ``numbers.toml`` and ``units.toml``, and the rules that turn a match into a :class:`Quantity`."""

    def __init__(self, lex: Lexicon) -> None:
        self._numerals = lex.stage(Numerals)
        self._units = lex.stage(Units)
        self.BIG = self._numerals.BIG
        self.CN_DIGITS = self._numerals.CN_DIGITS
        self.DIGITS = self._numerals.DIGITS
        self.FRACTION = self._numerals.FRACTION
        self.POINT = self._numerals.POINT
        self.SMALL = self._numerals.SMALL
        self.SPECIAL = self._numerals.SPECIAL
        self.VAGUE = self._numerals.VAGUE
        self.calendar_year = self._numerals.calendar_year
        self.fold = self._numerals.fold
        self.parse_decimal = self._numerals.parse_decimal
        self.year_pattern = self._numerals.year_pattern
        self._LEX = lex["numbers"]
        self._B = self._LEX["bounds"]
        self._X = self._LEX["exclude"]
        self._P = self._LEX["percent"]
        self._unit_words(lex)
        self._numeral_parts()
        self._unit_parts()
        self._compound_parts()
        self._not_a_year()
        self._one_parts()
        self._figure_pattern()
        self._rule_words()
        self._false_figure_words()

    def _unit_words(self, lex: Lexicon) -> None:
        """The units the figures are read with (``units.toml``, the people nouns)."""
        # ---------------------------------------------------------------- units
        self._U = lex["units"]
        #: surface form -> canonical unit (the unit model's, plus the people nouns: 纳税人 -> 人)
        self.UNITS: dict[str, str] = dict(self._units.surfaces())
        for _noun, _canon in self._LEX["people"]["nouns"].items():
            self.UNITS[_noun] = _canon
        #: canonical unit -> family
        self.FAMILY: dict[str, str] = {name: u.family for name, u in self._units.units().items()}
        # 一个半小时, 一分半钟: 半 inside a unit's surface (a half-surface) adds a half
        self._HALF_INSIDE: dict[str, str] = {
            s[0] + self._P["half"] + s[1:]: c for s, c in self._units.surfaces().items()
            if len(s) > 1 and s[0] in self._U["half"]["inside"] and self.FAMILY[c] == "time"
        }
        self.UNITS.update(self._HALF_INSIDE)
        # 找回三毛。: surfaces read alone only before no Han character
        self._ALONE = {s: u.name for u in self._units.units().values() for s in u.alone}
        self.UNITS.update({s: c for s, c in self._ALONE.items() if s not in self.UNITS})
        self._NOT_AFTER = self._U["not_units"]["words"]
        self._COLLOQUIAL: dict[str, str] = {k: v for k, v in self._U["colloquial"].items() if isinstance(v, str)}
        self._MONEY_CUES = regex.compile(alternation(self._U["colloquial"]["cues"]))
        self._PREFIXES: dict[str, str] = {k: v for k, v in self._U["prefixes"].items() if isinstance(v, str)}
        self._GENERIC = frozenset(self._U["prefixes"]["generic"])
        self._UNIT_SURFACES = sorted(self.UNITS, key=len, reverse=True)

    def _numeral_parts(self) -> None:
        """The parts of a numeral: digits, magnitudes, what may follow one."""
        self._TENTHS = "".join(self._P["tenths"])
        # what can follow a numeral that is a figure: a unit, a vague word, a range connector, a half
        self._NEXT_CHARS = (
            {u[0] for u in self._UNIT_SURFACES} | set(self._TENTHS) | set(self._P["half"]) | set(self.VAGUE)
            | {c[0] for c in self._LEX["ranges"]["connectors"]} | {c[0] for c in self._LEX["ranges"]["inclusive"]}
        )
        self._NEXT = regex.escape("".join(sorted(self._NEXT_CHARS)))
        # a digit that is also a unit (两: 2, and a tenth of a 斤) continues a numeral only when more of a
        # numeral or a unit follows it: 两万两千 and 一两个 are numerals, 两万两 and 三十两 end in the unit 两
        self._DIGIT_UNITS = "".join(d for d in self.DIGITS if d in self.UNITS)
        self._CN_NEXT = regex.escape("".join(sorted(
            (self._NEXT_CHARS - set(self._DIGIT_UNITS))
            | set(self.CN_DIGITS) | set(self.SMALL) | set(self.BIG) | set(self.POINT))))
        self._UNIT_ALT = f"(?:{_trie(self._UNIT_SURFACES, self._unit_guard)})"
        self._UNIT_KEY = {regex.sub(r"\s", "", u): c for u, c in self.UNITS.items()}
        self._MAG = "(?:" + "|".join(self._magnitude_char(c) for c in list(self.SMALL) + list(self.BIG)) + ")"
        self._MAGNITUDE_CHARS = "".join(self.SMALL) + "".join(self.BIG)
        self._TEN = next(k for k, v in self.SMALL.items() if v == 10)  # 十 alone starts a numeral (十余名)
        self._CN = rf"[{self.CN_DIGITS}{''.join(k for k in self.SPECIAL if len(k) == 1)}]"
        self._NONZERO = "".join(k for k, v in self.DIGITS.items() if v)
        self._VAGUE_IN = rf"[{self.VAGUE}]"
        self._CN_PLAIN = (
            rf"[{''.join(d for d in self.CN_DIGITS if d not in self._DIGIT_UNITS)}"
            rf"{''.join(k for k in self.SPECIAL if len(k) == 1)}]"
        )
        self._CN_CONT = (
            rf"(?:{self._CN_PLAIN}|[{self._DIGIT_UNITS}](?=[ \t]*[{self._CN_NEXT}]))"
            if self._DIGIT_UNITS else self._CN_PLAIN
        )
        # 两个亿: a measure word between a numeral and its magnitude
        self._MEASURE_MAG = (
            rf"[ \t]*{regex.escape(self._LEX['units']['measure_before_magnitude'])}"
            rf"(?=[ \t]*[{self._LEX['units']['magnitudes_after_measure']}])"
        )
        # a numeral: starts with a digit (or 十), goes on with digits and magnitudes
        self._NUM = (
            rf"(?:{_ARABIC}|{self._CN}|{self._TEN})"
            rf"(?:[ \t]*{self._CN_CONT}|[ \t]*{self._MAG}|{self._VAGUE_IN}(?=[ \t]*{self._MAG}"
            rf")|(?<=[{self._MAGNITUDE_CHARS}]){_ARABIC}"
            rf"|(?<=[\d{self.CN_DIGITS}]){self._MEASURE_MAG})*+"
            rf"(?:[ \t]*{self.POINT}[ \t]*{self._CN}(?:[ \t]*{self._CN})*+(?:[ \t]*[{''.join(self.BIG)}])*+)?"
        )

    def _unit_parts(self) -> None:
        """The parts around a numeral: bare magnitudes, halves, units before and after, compound amounts."""
        # a bare magnitude after 上/数/几 (上千万, 数十亿): the match starts at the magnitude, the word before
        # it is added back in _quantity — so that the very common 上 and 数 do not each start a match attempt
        self._BARE_BEFORE: dict[str, str] = self._B["bare_before"]
        self._BARE_WORDS = sorted(self._BARE_BEFORE, key=len, reverse=True)
        self._BARE = (
            rf"(?<=(?:{alternation(self._BARE_WORDS)}))[{self._MAGNITUDE_CHARS}]++(?![ \t]*[\d{self.CN_DIGITS}])"
        )
        # 百分之百: a bare magnitude right after a fraction word
        self._AFTER_FRACTION = rf"(?<={self.FRACTION})[{''.join(self.SMALL)}]"
        # 半天, 半小时, 半个月, 半斤: 半 alone before a time or physical unit (not 上半年, 大半天)
        self._HALF = self._P["half"]
        self._HALF_UNITS = alternation(u for u in self.UNITS if self.FAMILY.get(self.UNITS[u]) in ("time", "physical")
                                  and u not in self._HALF_INSIDE and u not in self._ALONE and not u.isascii())
        self._HALF_ALONE = (
            rf"(?<!{alternation(self._U['half']['not_after'])}){regex.escape(self._HALF)}"
            rf"(?=[ \t]*(?:{self._HALF_UNITS}))"
        )
        self._POST = alternation(self._B["approx_after"] + self._B["lower_after"] + self._B["upper_after"])
        self._CONN = alternation(self._LEX["ranges"]["connectors"])
        self._INCL = alternation(self._LEX["ranges"]["inclusive"])
        self._PCT_PREFIX = "|".join(_spaced(p) for p in sorted(self._P["prefixes"], key=len, reverse=True))
        self._PCT_KEY = {p: u for p, u in self._P["prefixes"].items()}
        self._UNIT = (
            rf"(?:{self._UNIT_ALT}"
            rf"|(?P<tenths>[{self._TENTHS}])(?:[ \t]*(?P<t2>[{self._NONZERO}](?![{self._MAGNITUDE_CHARS}"
            rf"])|{self._HALF}))?"
            rf"(?![{self._P['tenths_not_before']}]))"
        )
        self._UNIT1 = rf"(?:{self._UNIT_ALT})"
        # a unit named before the amount (港币, 人民币, $, 摄氏), found by looking behind the numeral
        self._PREFIX_ALT = alternation(self._PREFIXES)
        self._SIGNS = "".join(self._LEX["numerals"]["negative"])
        self._NEG_ALT = alternation(list(self._SIGNS) + self._LEX["numerals"]["negative_words"])
        # the last characters of what may stand between a unit named before an amount and its numeral
        self._PREFIX_ENDS = regex.escape("".join(sorted(
            {w[-1] for w in list(self._PREFIXES) + self._LEX["numerals"]["negative_words"]}
                                                   | set(self._SIGNS) | {" ", "\t"})))

    def _compound_parts(self) -> None:
        """Compound amounts: a unit, then an amount of its smaller unit (三米九)."""
        # 找零三毛: a numeral does not start with a zero before another digit
        self._ZEROS = "".join(k for k, v in self.DIGITS.items() if v == 0)
        # 三米九, 六斤八两, 十块三毛, 两美元又三美分: a unit, then an amount of its smaller unit
        self._SUB_PARENTS = alternation(
            [s for u in self._units.units().values() if u.sub
             for s in u.surfaces if not s.isascii() and s not in self._PREFIXES]
            + list(self._COLLOQUIAL)
            + [s for u in self._units.units().values() if u.sub for s in u.after]
        )
        self._SUB_SURFACES: dict[str, str] = {}
        for _u in self._units.units().values():
            if _u.sub:
                _child = self._units.units()[_u.sub]
                for _s in _child.after or _child.surfaces:
                    self._SUB_SURFACES.setdefault(_s, _child.name)
        self._SUB_ALT = alternation(self._SUB_SURFACES)
        self._SUB_NUM = (
            rf"(?:{self._CN}(?:{self._TEN}{self._CN}?)?|{self._TEN}{self._CN}?|\d{{1,2}})"
            rf"(?![ \t]*[\d.,{''.join(d for d in self.CN_DIGITS if d not in self._DIGIT_UNITS)}"
            rf"{self._MAGNITUDE_CHARS}{self.POINT}])"
        )
        self._SUB = (
            rf"(?<=(?:{self._SUB_PARENTS}))(?:{alternation(self._U['compound']['joiners'])})?(?P<sub>{self._SUB_NUM})"
            rf"(?:(?P<subu>{self._SUB_ALT})(?:(?P<sub2>{self._SUB_NUM})(?P<subu2>{self._SUB_ALT}"
            rf"))?|(?![ \t]*[{self._NEXT}]))"
        )

    def _not_a_year(self) -> None:
        """A calendar year is never a figure: rejected inside the pattern."""
        # a calendar year (2024 年) is never a figure: rejected in the pattern, before any work is done on it
        # (a qualifier before it, 近 2000 年, leaves it to the checks in _quantity)
        self._QUALIFIER_ENDS = regex.escape("".join({w[-1] for w in self._B["approx_before"] + self._B["lower_before"]
                                                  + self._B["upper_before"]} | set(self.VAGUE)))
        self._YEAR_UNIT = self._LEX["time"]["year_unit"]
        self._NOT_A_YEAR = (
            rf"(?!(?=\d{{4}})(?<![{self._QUALIFIER_ENDS}][ \t]{{0,2}}){self.year_pattern()}[ \t]*{self._YEAR_UNIT}"
            rf"(?![ \t]*(?:{alternation(self._LEX['time']['year_not_calendar_after'])})))"
        )

    def _one_parts(self) -> None:
        """一 meaning "a": rejected inside the pattern, before any work is done on it."""
        # 一 meaning "a" before a measure word (一个小团队, 一批, 新的一年) is rejected in the pattern too, unless a
        # word before it makes it a number (提前一年) or a qualifier does (近一年), or what follows makes it an
        # amount (一个半小时, 一个亿, 一块五); _quantity checks the rest
        self._ONE_A_UNITS = [u for u in self.UNITS if self.FAMILY.get(self.UNITS[u]) in ("count", "time")
                             or self.UNITS[u] in self._X["one_is_a_units"]]
        self._ONE_TIME = [u for u in self._ONE_A_UNITS
                          if self.FAMILY.get(self.UNITS[u]) == "time" and u not in self._HALF_INSIDE]
        self._COUNT_TIME = alternation(u for u in self._ONE_A_UNITS
                                       if u not in self._HALF_INSIDE and u not in self._COLLOQUIAL
                                       and u not in self._ONE_TIME)
        self._ONE_CHARS = "".join(k for k, v in self.DIGITS.items() if v == 1)
        self._RELATIVE = alternation(self._X["one_time_relative_after"])
        # 一 at the start of a clause, before a time unit: a duration (一分钟), unless relative time follows
        self._CLAUSE_ONE = rf"(?:^|[{regex.escape(self._X['clause_marks'])}])[ \t]*[{self._ONE_CHARS}][ \t]*"
        self._TIME_ONE = (
            rf"(?<!{self._CLAUSE_ONE})(?:{alternation(self._ONE_TIME)})|(?:{alternation(self._ONE_TIME)}"
            rf")(?=[ \t]*(?:{self._RELATIVE}))"
        )
        self._OTHER_UNITS = alternation(u for u in self.UNITS if u not in self._ONE_A_UNITS or u in self._HALF_INSIDE)
        self._NOT_A_ONE = (
            rf"(?!(?=[{''.join(k for k, v in self.DIGITS.items() if v == 1)}])"
            rf"(?<!(?:{alternation(self._X['one_is_a_figure_after'])})[ \t]*)(?<![{self._QUALIFIER_ENDS}][ \t]*)"
            rf"(?:{'|'.join(k for k, v in self.DIGITS.items() if v == 1)})[ \t]*(?!{self._OTHER_UNITS}"
            rf"|{self._MEASURE_MAG})"
            rf"(?:(?!{alternation(self._ONE_TIME)})(?:{self._COUNT_TIME})|{self._TIME_ONE}"
            rf"|(?:{alternation(self._COLLOQUIAL)})(?!{self._SUB_NUM}(?:{self._SUB_ALT}|(?![ \t]*[{self._NEXT}])))))"
        )

    def _figure_pattern(self) -> None:
        """The figure pattern: a numeral, a range end, a unit, a qualifier."""
        # 找零三毛钱, 清零3个月: the 零 of a word (after a Han character that is no numeral) starts no numeral
        self._AFTER_WORD_ZERO = (
            rf"(?<=(?<=\p{{Han}})(?<![{self.CN_DIGITS}{self._MAGNITUDE_CHARS}])[{self._ZEROS}])"
        )
        # the characters a numeral starts with: checked first, so that the look-arounds run at numerals only
        self._N1_FIRST = regex.escape("".join(sorted(
            set(self.CN_DIGITS) | {k for k in self.SPECIAL if len(k) == 1}
            | set(self._MAGNITUDE_CHARS) | set(self._HALF))))
        self._FIGURE = regex.compile(
            rf"""
            (?:(?P<pct>{self._PCT_PREFIX})[ \t]*(?P<psign>[{self._SIGNS}])?)?
            (?:(?<![\dA-Za-z.{self.CN_DIGITS}{self._MAGNITUDE_CHARS}])|{self._AFTER_WORD_ZERO})
            (?=[\d{self._N1_FIRST}])
            {self._NOT_A_YEAR}
            {self._NOT_A_ONE}
            (?P<cur>(?<=[{self._PREFIX_ENDS}])(?<=(?:{self._PREFIX_ALT})[ \t]{{0,2}}(?:{self._NEG_ALT})?))?
            (?![{self._ZEROS}][ \t]*[{self._NONZERO}])
            (?P<n1>(?>{self._BARE}|{self._NUM}|{self._AFTER_FRACTION}|{self._HALF_ALONE}))
            (?(pct)|(?(cur)|(?:(?=[ \t]*[{self._NEXT}])|(?<=[{''.join(self.BIG)}]))))
            (?>
            (?:[ \t]*(?P<v1>{self._VAGUE_IN}))?
            (?:[ \t]*(?P<u1>{self._UNIT1}))?
            (?:[ \t]*(?P<incl>{self._INCL}))?
            (?:[ \t]*(?P<conn>{self._CONN})[ \t]*(?P<pct2>{self._PCT_PREFIX})?(?P<n2>(?>{self._NUM}))
               (?:[ \t]*(?P<v2>{self._VAGUE_IN}))?)?
            (?:[ \t]*(?P<unit>{self._UNIT}))?
            (?:{self._SUB})?
            (?P<half>{self._HALF}(?![\p{{Han}}]))?
            (?:[ \t]*(?P<post>{self._POST}))?
            )
            (?(unit)|(?(u1)|(?(pct)|(?(cur)|(?<=[{''.join(self.BIG)}][ \t]*(?:{self._POST})?)))))
            """,
            regex.VERBOSE,
        )

    def _rule_words(self) -> None:
        """The word lists of the rules :meth:`_quantity` applies to each match."""
        self._MAGNITUDES = frozenset(self.SMALL) | frozenset(self.BIG)
        self._PRE_WORDS = set(self._B["approx_before"] + self._B["lower_before"] + self._B["upper_before"])
        self._PRE_LENGTHS = sorted({len(w) for w in self._PRE_WORDS}, reverse=True)
        self._PHRASE = regex.compile(alternation(self._B["phrases"]))
        b = self._B
        self._DOUBLING = regex.compile(
            rf"{regex.escape(b['double_verb'])}(?:{regex.escape(b['double_done'])})?[ \t]*"
            rf"(?P<n>[\d{self.CN_DIGITS}]{{1,2}})[ \t]*{regex.escape(b['double_mark'])}")
        self._BOUND_OF: dict[str, str] = {}
        for _w in self._B["approx_before"] + self._B["approx_after"]:
            self._BOUND_OF[_w] = "approx"
        for _w in self._B["lower_before"] + self._B["lower_after"] + self._B["phrase_lower"]:
            self._BOUND_OF[_w] = "lower"
        for _w in self._B["upper_before"] + self._B["upper_after"]:
            self._BOUND_OF[_w] = "upper"
        for _w in self._LEX["numerals"]["vague_more"] + self._LEX["numerals"]["vague_digit"]:
            self._BOUND_OF[_w] = "lower"
        self._ORDINAL = tuple(self._X["ordinal_before"])
        self._ONE = ("1",) + tuple(k for k, v in self.DIGITS.items() if v == 1)  # the numeral one, of a unit definition
        self._ONE_WORD = tuple(k for k, v in self.DIGITS.items() if v == 1)  # 一 meaning "a" (an Arabic 1 never does)
        self._ONE_A = frozenset(self._ONE_A_UNITS) - frozenset(self._HALF_INSIDE)
        self._CLAUSE_MARKS = frozenset(self._X["clause_marks"])
        self._RELATIVE_WORDS = tuple(self._X["one_time_relative_after"])
        self._NEG_WORDS = tuple(self._LEX["numerals"]["negative_words"])
        self._PREFIX_LENGTHS = sorted({len(w) for w in self._PREFIXES}, reverse=True)
        self._MEASURE_WORD = self._LEX["units"]["measure_before_magnitude"]
        self._JOINERS = frozenset(self._U["compound"]["joiners"])
        self._TENTHS_ALWAYS = frozenset(self._P["tenths_always"])
        self._ONE_KEEP = tuple(self._X["one_is_a_figure_after"])
        self._YEAR_NAME = tuple(self._X["year_name_after"])
        self._CATEGORY_UNITS = frozenset(self._X["category_units"])
        self._DEFINITION = tuple(self._X["definition"])
        # what follows the one unit a definition or an exchange rate is stated for (1美元兑…)
        self._ONE_DEFINED = self._DEFINITION + tuple(self._X["rate_definition"])
        self._NAME_OPEN = "".join(self._X["name_open"])
        self._NAME_CLOSE = "".join(self._X["name_close"])
        self._PEOPLE_CLAUSE = regex.compile(alternation(self._LEX["people"]["clause_words"]))
        # a bare 万/亿 number before a short noun phrase naming people (960多万贫困人口, 500多万在校生)
        self._PEOPLE_AFTER = regex.compile(
            rf"\p{{Han}}{{0,{int(self._LEX['people']['phrase_reach'])}}}?(?:{alternation(self._LEX['people']['phrase_nouns'])}"
            rf")"
        )
        self._MONEY_CLAUSE = regex.compile(alternation(self._LEX["money"]["clause_words"]))
        self._CLAUSE_START = regex.compile(f"[{regex.escape(self._X['clause_marks'])}]")
        self._PAIR_STEPS = frozenset(self._LEX["numerals"]["vague_pair_steps"])
        self._VAGUE_RANGE = re.compile(
            rf"^(?P<a>[{self._NONZERO}])(?P<b>[{self._NONZERO}])(?P<rest>[{self._MAGNITUDE_CHARS}]*)$"
        )
        #: the groups of a match of _FIGURE, by name
        self._Groups = namedtuple("_Groups", sorted(self._FIGURE.groupindex, key=self._FIGURE.groupindex.get))
        self._UNIT_ONE = regex.compile(rf"(?<![\d.])(?:{'|'.join(self._ONE)})[ \t]*[A-Za-z\p{{Han}}/]{{1,8}}[ \t]*$")

    def _false_figure_words(self) -> None:
        """The word lists of the false-figure checks (``[false_figures]``)."""
        # ---------------------------------------------------------------- false figures
        # Numbers that the pattern reads as figures but that state none: each rule below is one named
        # check over a found quantity, with its word list in the ``[false_figures]`` table of numbers.toml.
        self._FF = self._LEX["false_figures"]
        self._FRAME_N = rf"(?<![\d.{self.CN_DIGITS}十百千])[\d{self.CN_DIGITS}十]{{1,4}}"
        self._FRAME_AFTER = alternation(self._FF["frame_after"])
        self._FRAME_RE = regex.compile(
            rf"(?<!{alternation(self._FF['frame_not_after'])})"
            rf"(?:(?:{alternation(self._FF['frame_before'])})[ \t]*(?P<a>{self._FRAME_N})[ \t]*{self._YEAR_UNIT}"
            rf"(?:{alternation(self._FF['frame_since'])}|(?P<after>{self._FRAME_AFTER}))?"
            rf"|(?P<b>{self._FRAME_N})[ \t]*{self._YEAR_UNIT}(?:(?P<rate>{self._FRAME_AFTER}"
            rf")|{alternation(self._FF['frame_since'])}))"
        )
        self._FRAME_YEAR = regex.compile(rf"[\d{self.CN_DIGITS}十][ \t]*{self._YEAR_UNIT}")
        self._FRAME_VAGUE = regex.compile(rf"(?:{alternation(self._FF['frame_vague_before'])})[ \t]*$")
        self._list_parts()
        self._RATE_FIRST = frozenset(w[0] for w in self._LEX["units"]["rate_marks"]) | {" ", "\t"}
        self._PER = regex.compile(rf"[ \t]*(?:{alternation(self._LEX['units']['rate_marks'])})[ \t]*"
                                  rf"(?P<per>{self._UNIT_ALT})(?:[ \t]*(?P<post>{self._POST}))?")
        self._SET_PHRASES = re.compile(alternation(self._FF["set_phrases"]))
        self._PHRASE_REACH = max(map(len, self._FF["set_phrases"]), default=0)
        # the characters a count stands after inside a phrase (the 落 of 一落一升)
        self._PHRASE_INNER = frozenset(w[i - 1] for w in self._FF["set_phrases"] for i in range(1, len(w))
                                       if w[i] in self.DIGITS or w[i].isdigit())
        self._SESSION_UNITS = frozenset(self._FF["session_units"])
        self._SESSION_AFTER = tuple(self._FF["session_after"])
        self._SESSION_BODIES = frozenset(self._FF["session_bodies"])
        self._TERM_UNITS = frozenset(self._FF["term_units"])
        self._TERM_NEXT = regex.compile(
            rf"[ \t]*(?:{alternation([b for b in self._FF['session_bodies'] if b] + self._FF['term_bodies'])}"
            rf"|[{self.CN_DIGITS}{''.join(self.SMALL)}\d])")
        self._SESSION_REACH = 2 * max(map(len, self._SESSION_BODIES), default=0) + 1  # layout spaces between
        self._RANK = regex.compile(rf"(?:{alternation(self._FF['rank_before'])})[ \t]*$")
        self._RANK_UNITS = frozenset(self._FF["rank_units"])
        self._GROUP_AFTER = regex.compile(
            rf"[ \t]*(?:[{regex.escape(self._FF['group_after'])}]|{alternation(self._FF['group_nouns'])})")
        self._NAME_CLOSE_BRACKETS = self._FF["group_close"]

    def _list_parts(self) -> None:
        """Lists of bare numbers before a figure that share its unit (:meth:`_listed`)."""
        joiners = self._LEX["ranges"]["list_joiners"]
        self._JOINER_ENDS = frozenset(w[-1] for w in joiners)
        cn = regex.escape(self.CN_DIGITS + "".join(self.SMALL) + "".join(self.BIG) + self.POINT)
        mag = regex.escape("".join(self.SMALL) + "".join(self.BIG))
        numeral = rf"(?P<d>\d+(?:\.\d+)?)(?P<mag>[{mag}]*)|(?P<c>[{cn}]+)"
        self._NUMERAL_AT = regex.compile(numeral)
        self._LISTED = regex.compile(rf"(?<![\d.{cn}A-Za-z])(?:{numeral})[ \t]*(?:{alternation(joiners)})[ \t]*$")

    def _listed(self, t: str, found: list[Quantity]) -> list[Quantity]:
        """``分别下降1.6和0.4个百分点``, ``分别增长3.2、4.5和5.1%``, ``分别为3.5和4.2万吨``: the bare numbers
        listed before a figure, each a figure in the unit written after the last (its magnitude too, when
        the number states none of its own) — what that number and that unit are to the grammar."""
        out: list[Quantity] = []
        for q in found:
            before = t[max(0, q.start - 8):q.start].rstrip(" \t")
            own = self._NUMERAL_AT.match(t, q.start)
            if not before or before[-1] not in self._JOINER_ENDS or own is None or q.value_max is not None:
                continue
            items, end = [], q.start
            while (m := self._LISTED.search(t, max(0, end - 16), end)) is not None:
                if bool(m.group("d")) != bool(own.group("d")):
                    break
                bare = t[m.start():m.end("mag") if m.group("d") else m.end("c")]
                if own.group("c") and self._scaled(own.group("c")) and not self._scaled(bare):
                    break  # 三十和四十万人: whether 万 is the first number's too is not said
                tail = own.end("d") if own.group("d") and not m.group("mag") else own.end()
                probe = self.find_quantities(bare + t[tail:q.end])
                if len(probe) != 1 or (probe[0].start, probe[0].end) != (0, len(bare) + q.end - tail):
                    break
                items.append(Quantity(m.start(), m.start() + len(bare), probe[0].value, None, probe[0].unit, "exact"))
                end = m.start()
            if not self._ordinal_at(t, end):  # 第一、二、三次产业: a list of ordinals
                out += items
        return out

    def _rate(self, t: str, q: Quantity) -> Quantity:
        """``173898元/人``, ``350公里/小时``, ``3000元/吨左右``: an amount per a unit is in the rate ``元/人``
        (a qualifier after the rate is the figure's)."""
        if t[q.end:q.end + 1] not in self._RATE_FIRST or self.FAMILY.get(q.unit) == "percent":
            return q
        m = self._PER.match(t, q.end)
        if m is None:
            return q
        per = self._UNIT_KEY.get(_nospace(m.group("per")))
        if per is None or self.FAMILY.get(per) == "percent":
            return q
        bound = self._BOUND_OF.get(_nospace(m.group("post") or ""), q.bound) if q.bound == "exact" else q.bound
        return Quantity(q.start, m.end(), q.value, q.value_max, f"{q.unit}/{per}", bound)

    def _scaled(self, numeral: str) -> bool:
        return any(c in self.BIG for c in numeral)

    def _ordinal_at(self, t: str, i: int) -> bool:
        """Whether the number at ``i`` follows an ordinal word (``第1、2类``)."""
        return t[max(0, i - 16):i].rstrip(" \t").endswith(self._ORDINAL)

    @property
    def pattern(self) -> regex.Pattern:
        """The one pattern every candidate figure matches (the benchmark times a pass of it alone)."""
        return self._FIGURE

    def _unit_guard(self, u: str) -> str:
        """What may not follow a unit's surface form: what would make it part of another word (个性, 位于)."""
        tails = [w[len(u):] for w in self._NOT_AFTER if w.startswith(u) and w not in self.UNITS]
        guard = r"(?![A-Za-z])" if u.isascii() else (f"(?!{alternation(tails)})" if tails else "")
        if u in self._ALONE:
            guard += r"(?!\p{Han})"
        if u in self._DIGIT_UNITS:  # 两 is the unit only where it cannot go on as a numeral (三十两, not 两分钟)
            guard += rf"(?![ \t]*[{self._CN_NEXT}])"
        return guard

    def _magnitude_char(self, c: str) -> str:
        """A magnitude character, unless it starts a unit (千米, 千瓦) or a per-cent word (百分之)."""
        tails = [u[1:] for u in self.UNITS if u[0] == c and len(u) > 1]
        tails += [p[1:] for p in self._P["prefixes"] if p[0] == c]
        return regex.escape(c) + (f"(?!{alternation(tails)})" if tails else "")

    def find_quantities(self, text: str) -> list[Quantity]:
        """Every figure in ``text``, in order, as :class:`~extract.record.Quantity` records."""
        t = self.fold(text)
        out: list[Quantity] = []
        pos = 0
        while (m := self._FIGURE.search(t, pos)) is not None:
            q = self._quantity(t, m)
            pos = m.end()
            if q is not None:
                if q.end < pos:  # the figure ends before the match (0.25个百分点至3.45%): read the rest again
                    pos = q.end
                out.append(self._rate(t, q))
        for m in self._PHRASE.finditer(t):
            word = m.group()
            pre, start = self._pre_word(t, m.start())
            bound = self._BOUND_OF.get(pre, "exact") if pre else self._BOUND_OF.get(word, "exact")
            out.append(Quantity(start, m.end(), Decimal(self._B["phrases"][word]), None, self._B["phrase_unit"], bound))
        if self._B["double_verb"] in t:
            out += self._doublings(t)
        out = self._without_false_figures(t, out)
        listed = self._listed(t, out)
        if listed:
            out += listed
        if len(out) > 1:
            out.sort(key=lambda q: q.start)
        return out

    def _quantity(self, t: str, m: regex.Match) -> Quantity | None:
        """The figure of one candidate match, or ``None`` when a named rule says it is none."""
        g = self._Groups._make(m.groups())  # one call: reading groups by name one by one costs more than the rule
        if g.unit is None and g.u1 is None and g.pct is None and g.cur is None:
            return self._people(t, m)
        g, end = self._unit_ends_it(m, g)
        num_start, bare_word = self._bare_start(t, m, g)
        neg, num_start = self._sign_before(t, num_start)
        prefix = None
        if g.cur is not None:
            prefix, num_start = self._prefix_before(t, num_start)
        pre, start = self._pre_word(t, num_start)
        if self._excluded(t, m, g, num_start, end, pre):
            return None
        found = self._unit_of(t, m, g, prefix, end)
        if found is None or (g.conn and not g.unit and not g.pct):
            return None
        unit, factor, end = found
        values = self._values(g, bare_word)
        if values is None:
            return None
        value, value_max, end = self._amount(m, g, values, neg != bool(g.psign), unit, factor, end)
        bound = self._bound(g, g.n1, pre, g.post, bare_word)
        return Quantity(start, end, value, value_max if value_max != value else None, unit, bound)

    def _doublings(self, t: str) -> list[Quantity]:
        """``翻一番`` (2 倍), ``接近翻两番`` (4 倍, upper): doubling N times states 2^N times."""
        out = []
        for m in self._DOUBLING.finditer(t):
            n = self.parse_decimal(m.group("n"))
            if n is None or not 0 < n <= 10 or n != n.to_integral_value():
                continue
            pre, start = self._pre_word(t, m.start())
            out.append(Quantity(start, m.end(), Decimal(2) ** int(n), None, self._B["double_unit"],
                                self._BOUND_OF.get(pre, "exact")))
        return out

    def _unit_ends_it(self, m: regex.Match, g: _Groups) -> tuple[_Groups, int]:
        """``2万亿元-3``: a unit before a range connector with no unit after it, or another one
        (``降低0.25个百分点至3.45%``), ends the figure (no range); so does a measure word before another unit
        (``3个人``, ``一两个人``: 个, then the noun 人). What follows is read again (:meth:`find_quantities`)."""
        if g.u1 and ((g.conn and (not g.unit or self._differ(g.u1, g.unit)))
                     or (not g.conn and g.unit and self._another_unit(g.u1, g.unit))):
            return g._replace(conn=None, n2=None, v2=None, pct2=None, unit=None, tenths=None, t2=None, sub=None,
                              subu=None, sub2=None, subu2=None, half=None, post=None), m.end("u1")
        return g, m.end()

    def _differ(self, first: str, second: str) -> bool:
        return self._UNIT_KEY[_nospace(first)] != self._UNIT_KEY[_nospace(second)]

    def _another_unit(self, first: str, second: str) -> bool:
        """Whether ``second`` is another count unit than the measure word ``first`` (个 then 人); a pair of
        other units (周年, 吨公里, 人公里) is a compound the unit model may not know, never two figures' units."""
        families = {self.FAMILY.get(self._UNIT_KEY[_nospace(u)]) for u in (first, second)}
        return self._differ(first, second) and families == {"count"}

    def _amount(self, m: regex.Match, g: _Groups, values: tuple[Decimal, Decimal | None], neg: bool, unit: str,
                factor: Decimal, end: int) -> tuple[Decimal, Decimal | None, int]:
        """The value and upper end in ``unit``, and the figure's end: the sign (负, 零下, 百分之负), a half
        (半, 一个半小时), an amount of a smaller unit (三米九), tenths (七成六) and the unit's factor applied."""
        value, value_max = values
        if neg:
            value = -value
        if g.half or _nospace(g.unit or g.u1 or "") in self._HALF_INSIDE:
            value += Decimal("0.5")
        extra, end = self._compound(m, g, unit, end)
        value += extra
        if g.tenths:
            value, value_max = self._tenths(g, value, value_max)
        if factor != 1:
            value = value * factor
            value_max = None if value_max is None else value_max * factor
        return value, value_max, end

    def _excluded(self, t: str, m: regex.Match, g: _Groups, num_start: int, end: int, pre: str | None) -> bool:
        """What the spec says is no figure: an ordinal (第二例), a name in quotes (“三个集中”), a unit
        definition (1PFlops 等于…), a calendar year, a plan's name, 一 meaning "a", an age group."""
        before = t[max(0, num_start - 8):num_start].rstrip(" \t")
        if before.endswith(self._ORDINAL) or (
                before and before[-1] in self._NAME_OPEN and self._closes_soon(t, m.end("n1"))):
            return True
        after = t[end:end + 6].lstrip(" \t")
        unit_text = g.unit or g.u1
        if self._defines_a_unit(t, num_start, end, g.n1, after, before):
            return True
        if self._not_an_amount(g, g.n1, unit_text, pre, after, before):
            return True
        # 3岁以下婴幼儿, 60岁以上老年人: a category, not a quantity
        return bool(g.post and _nospace(unit_text or "") in self._CATEGORY_UNITS and _HAN_NEXT.match(t, end))

    def _bare_start(self, t: str, m: regex.Match, g: _Groups) -> tuple[int, str | None]:
        """Where the figure starts, before a 上/数/几 that makes a bare magnitude a number (上千万)."""
        if g.pct:
            return m.start("pct"), None
        num_start = m.start("n1")
        n1 = g.n1
        if n1[0] in self._MAGNITUDES and all(c in self._MAGNITUDES for c in _nospace(n1)):
            bare_word = next((w for w in self._BARE_WORDS if t.startswith(w, num_start - len(w))), None)
            if bare_word:
                return num_start - len(bare_word), bare_word
        return num_start, None

    def _sign_before(self, t: str, i: int) -> tuple[bool, int]:
        """A minus sign or word right before offset ``i`` (负, -, 零下); a hyphen after a digit, a letter or a
        closing bracket joins, it is no sign (氦-4, 1万(含)-5万)."""
        for w in self._NEG_WORDS:
            if t.startswith(w, i - len(w)):
                return True, i - len(w)
        if i and t[i - 1] in self._SIGNS:
            prev = t[i - 2] if i >= 2 else " "
            if not t[i - 1].isascii() or not (prev.isascii() and (prev.isalnum() or prev in ".-)")):
                return True, i - 1
        return False, i

    def _prefix_before(self, t: str, i: int) -> tuple[str | None, int]:
        """The unit named right before offset ``i`` (港币, 人民币, $, 摄氏), and where it starts."""
        return _word_before(t, i, self._PREFIXES, self._PREFIX_LENGTHS)

    def _not_an_amount(self, g: _Groups, n1: str, unit_text: str | None, pre: str | None, after: str,
                       before: str) -> bool:
        """A calendar year (2024年), the name of a plan (三年行动计划), 一 meaning "a" (一批, 一度)."""
        if g.pct or g.tenths or pre or g.v1 or unit_text is None:
            return False
        plain, unit_key = _nospace(n1), _nospace(unit_text)
        if unit_key == self._YEAR_UNIT:
            if self._is_year(plain) and (not g.conn or self._is_year(_nospace(g.n2))):
                return True
            if after.startswith(self._YEAR_NAME):
                return True
        if plain in self._ONE_WORD and not g.conn and unit_key in self._ONE_A and not g.sub:
            if self.FAMILY.get(self._UNIT_KEY[unit_key]) == "time" and (not before or before[-1] in self._CLAUSE_MARKS):
                return after.startswith(self._RELATIVE_WORDS)  # 一分钟。 is a duration, 一年来 relative time
            return not before.endswith(self._ONE_KEEP)
        return False

    def _unit_of(self, t: str, m: regex.Match, g: _Groups, prefix: str | None,
                 end: int) -> tuple[str, Decimal, int] | None:
        """The figure's unit, the factor its value is multiplied by to be in that unit, and its end.

        A unit named before the amount names a generic word after it (港币…元 is 港元, 摄氏…度 摄氏度);
        a unit the table writes in a larger one converts (三毛钱 = 0.3 元); 块 is 元 or a measure word.
        """
        if g.tenths or g.pct:
            return self._share_unit(m, g, end)
        unit_text, u1 = g.unit, g.u1
        key = _nospace(unit_text or u1 or "")
        if u1 and unit_text and self._differ(u1, unit_text):
            return None
        if not key:  # 人民币100万, ￥300: the unit named before is the only one
            if prefix is None or not (_HAN.search(prefix) is None or g.n1[-1] in self.BIG or not _HAN.match(t, end)):
                return None
            return self._PREFIXES[prefix], Decimal(1), end
        unit = self._UNIT_KEY[key]
        if key in self._COLLOQUIAL and self._colloquial_money(t, m, g, prefix):
            unit = self._COLLOQUIAL[key]
        if prefix and key in self._GENERIC:
            unit = self._PREFIXES[prefix]
        u = self._units.unit(unit)
        if u is None or u.table == unit:
            return unit, Decimal(1), end
        return u.table, u.factor / self._units.units()[u.table].factor, end

    def _share_unit(self, m: regex.Match, g: _Groups, end: int) -> tuple[str, Decimal, int]:
        """成/折 and 百分之/千分之 give % or ‰; a different unit after the number ends the figure before it."""
        if g.tenths:
            return "%", Decimal(1), end
        unit = self._PCT_KEY[_nospace(g.pct)]
        if g.unit and self._UNIT_KEY.get(_nospace(g.unit)) != unit:
            end = m.end("n2") if g.n2 else m.end("n1")
            end = m.end("v2") if g.v2 else (m.end("v1") if g.v1 else end)
        return unit, Decimal(1), end

    def _colloquial_money(self, t: str, m: regex.Match, g: _Groups, prefix: str | None) -> bool:
        """块 is money after a unit named before the amount, before an amount of 毛/角 (十块三毛, 两块五),
        or at the end of a clause that speaks of money (花了三块)."""
        if prefix or g.sub:
            return True
        end = m.end()
        if _HAN.match(t, end):
            return False
        a = m.start("n1")
        clause = t[max(0, a - 20):a]
        cut = max((x.end() for x in self._CLAUSE_START.finditer(clause)), default=0)
        return self._MONEY_CUES.search(clause, cut) is not None

    def _values(self, g: _Groups, bare_word: str | None) -> tuple[Decimal, Decimal | None] | None:
        """The value and upper end of a match: a number, a vague range (两三个), a bare magnitude (数十亿),
        a half (半天), or a range whose magnitude is written once (3-5亿元)."""
        n1 = _nospace(g.n1)
        rng = None if g.tenths else self._VAGUE_RANGE.match(n1)
        if rng and self.DIGITS[rng.group("b")] - self.DIGITS[rng.group("a")] in self._PAIR_STEPS:
            mult = self._magnitude(rng.group("rest"))
            a, b = sorted((self.DIGITS[rng.group("a")], self.DIGITS[rng.group("b")]))
            return a * mult, b * mult
        if bare_word is not None:
            value = self._magnitude(n1)
            return value, (value * 10 if self._BARE_BEFORE[bare_word] == "range" else None)
        if n1 == self._HALF:
            return Decimal("0.5"), None
        v = self._parse(n1)
        if v is None:
            return None
        if not g.conn:
            return v, None
        n2 = _nospace(g.n2)
        v2 = self._parse(n2)
        if v2 is None:
            return None
        return self._range_ends(n1, v, n2, v2)

    def _parse(self, numeral: str) -> Decimal | None:
        """A numeral's value, with a measure word before its magnitude dropped (两个亿)."""
        if self._MEASURE_WORD in numeral:
            numeral = numeral.replace(self._MEASURE_WORD, "")
        return self.parse_decimal(numeral)

    def _range_ends(self, n1: str, v1: Decimal, n2: str, v2: Decimal) -> tuple[Decimal, Decimal]:
        """Both ends of a range: a magnitude written once at its end counts for both (3-5亿 = 3亿–5亿,
        八到九百亿 = 800亿–900亿, 十八至三十万 = 18万–30万); reversed ends are put in order (10%-5%)."""
        mag = self._shared_magnitude(n1, n2)
        if mag != 1 and v1 * mag <= v2:
            v1 *= mag
        return (v1, v2) if v1 <= v2 else (v2, v1)

    def _shared_magnitude(self, n1: str, n2: str) -> Decimal:
        """The magnitude that ends ``n2`` and that ``n1`` lacks: its 万/亿, and its 十/百/千 too when ``n1`` is
        a single digit and ``n2`` one digit with magnitudes (八到九百亿)."""
        if any(c in self.BIG for c in n1) or n2[-1] not in self._MAGNITUDES:
            return Decimal(1)
        k = len(n2)
        while k and n2[k - 1] in self.BIG:
            k -= 1
        j = k
        while j and n2[j - 1] in self.SMALL:
            j -= 1
        single = len(n1) == 1 and (n1 in self.DIGITS or n1.isdigit())
        if single and j == 1 and (n2[0] in self.DIGITS or n2[0].isdigit()):
            return self._magnitude(n2[1:])
        return self._magnitude(n2[k:])

    def _compound(self, m: regex.Match, g: _Groups, unit: str, end: int) -> tuple[Decimal, int]:
        """What a smaller unit after the unit adds (三米九 +0.9, 六斤八两 +0.8, 两美元又三美分 +0.03), and
        the figure's end; an amount that is no smaller unit of it is left out of the figure."""
        sub = g.sub
        if not sub:
            return Decimal(0), end
        parent = self._units.unit(unit)
        child = self._units.units().get(parent.sub) if parent and parent.sub else None
        extra = None
        if child is not None and child.sub and self._SUB_SURFACES.get(g.subu or "") == child.sub:
            child = self._units.units()[child.sub]  # 二十元零五分: the unit in between is skipped
        if child is not None:
            extra = self._sub_amount(parent, child, sub, g.subu)
            if extra is not None and g.sub2:
                grand = self._units.units().get(child.sub) if child.sub else None
                more = self._sub_amount(parent, grand, g.sub2, g.subu2) if grand else None
                extra = None if more is None else extra + more
        if extra is None or extra >= 1:
            cut = m.start("sub")
            while cut > 0 and m.string[cut - 1] in self._JOINERS:
                cut -= 1
            return Decimal(0), min(end, cut)
        return extra, end

    def _sub_amount(self, parent: units.Unit, child: units.Unit, num: str, word: str | None) -> Decimal | None:
        """An amount of ``child`` in ``parent``: 三毛 in 元 is 0.3; a bare digit after the unit (三米九) is a
        tenth of it when the smaller unit is a tenth."""
        ratio = child.factor / parent.factor
        if word is None:
            if ratio != Decimal("0.1") or not all(c in self.DIGITS or c.isdigit() for c in num):
                return None
            return Decimal("0." + "".join(str(self.DIGITS[c]) if c in self.DIGITS else c for c in num))
        if self._SUB_SURFACES.get(word) != child.name:
            return None
        v = self.parse_decimal(num)
        return None if v is None else v * ratio

    def _tenths(self, g: _Groups, value: Decimal, value_max: Decimal | None) -> tuple[Decimal, Decimal | None]:
        """成 and 折 as per cent: 四成 = 40 %, 七成六 = 76 %, 75折 = 75 %."""
        tenths, t2 = g.tenths, g.t2
        extra = Decimal(0) if not t2 else Decimal(5) if t2 == self._HALF else Decimal(self.DIGITS[t2])
        scale = tenths in self._TENTHS_ALWAYS or value < 10
        value = value * 10 + extra if scale else value
        if value_max is not None and scale:
            value_max = value_max * 10
        return value, value_max

    def _bound(self, g: _Groups, n1: str, pre: str | None, post: str | None, bare_word: str | None) -> str:
        """The qualifier: a word before (约, 超过, 最少) or after (左右, 以上, 或以下), a vague digit (十多万)."""
        vague = g.v2 or g.v1 or self._vague_inside(n1)
        if pre and bare_word is None:
            return self._BOUND_OF[pre]
        if post:
            return self._BOUND_OF[post]
        if bare_word is not None:
            return "approx" if self._BARE_BEFORE[bare_word] == "range" else self._BARE_BEFORE[bare_word]
        return "lower" if vague else "exact"

    def _pre_word(self, t: str, i: int) -> tuple[str | None, int]:
        """The qualifier word that ends right before offset ``i`` (layout spaces allowed), and its start."""
        return _word_before(t, i, self._PRE_WORDS, self._PRE_LENGTHS)

    def _people(self, t: str, m: regex.Match) -> Quantity | None:
        """A bare 万/亿 number in a clause about people (务工规模超过3300万) counts 人; in a clause about an
        amount of money (深圳GDP首次超过三万亿) it is 元."""
        if m.group("conn") or m.group("half"):
            return None
        a = m.start("n1")
        unit = self._clause_unit(t, a, m.end())
        if unit is None:
            return None
        v = self.parse_decimal(m.group("n1"))
        if v is None:
            return None
        pre, start = self._pre_word(t, a)
        post = m.group("post")
        end = m.end()
        vague = m.group("v1") or self._vague_inside(m.group("n1"))
        bound = self._BOUND_OF[pre] if pre else self._BOUND_OF[post] if post else "lower" if vague else "exact"
        return Quantity(start, end, v, None, unit, bound)

    def _clause_unit(self, t: str, a: int, end: int) -> str | None:
        """The unit a bare number at ``a`` (ending at ``end``) takes from its clause: 人 in one about people,
        元 in one about money; None in any other."""
        clause = t[max(0, a - 40):a]
        cut = max((x.end() for x in self._CLAUSE_START.finditer(clause)), default=0)
        if self._PEOPLE_CLAUSE.search(clause, cut) or self._PEOPLE_AFTER.match(t, end):
            return self._LEX["people"]["unit"]
        if self._MONEY_CLAUSE.search(clause, cut):
            return self._LEX["money"]["unit"]
        return None

    def _digit(self, c: str) -> Decimal:
        return Decimal(self.DIGITS[c]) if c in self.DIGITS else Decimal(c)

    def _defines_a_unit(self, t: str, num_start: int, end: int, n1: str, after: str, before: str) -> bool:
        """``1PFlops 等于 1千万亿次浮点指令/秒``: both sides of a unit definition are no figures."""
        if after.startswith(self._ONE_DEFINED):
            return _nospace(n1) in self._ONE
        if before.endswith(self._DEFINITION):
            head = t[max(0, num_start - 24):num_start].rstrip(" \t")
            head = head[: len(head) - next(len(w) for w in self._DEFINITION if head.endswith(w))]
            return self._UNIT_ONE.search(head) is not None
        return False

    def _magnitude(self, s: str) -> Decimal:
        v = Decimal(1)
        for c in s:
            if c in self.SMALL:
                v *= self.SMALL[c]
            elif c in self.BIG:
                v *= self.BIG[c]
        return v

    def _vague_inside(self, n1: str) -> str | None:
        for c in n1:
            if c in self.VAGUE:
                return c
        return None

    def _is_year(self, s: str) -> bool:
        return self.calendar_year(s) is not None

    def _closes_soon(self, t: str, i: int) -> bool:
        return any(c in self._NAME_CLOSE for c in t[i:i + 6])

    def framing_durations(self, text: str) -> list[tuple[int, int, int]]:
        """Durations that frame a rate or a total, as ``(start, end, years)``: ``过去五年``, ``五年来``,
        ``五年年均增长`` (its ``五年``), ``十年增加`` (its ``十年``). They are periods, not figures (see
        :func:`extract.periods.spans_back`)."""
        out: list[tuple[int, int, int]] = []
        if self._FRAME_YEAR.search(text) is None:  # every frame has its number right before 年
            return out
        for m in self._FRAME_RE.finditer(text):
            vague = self._FRAME_VAGUE.search(text, max(0, m.start() - 4), m.start())
            if m.group("b") and not m.group("rate") and vague:
                continue  # 近 30 年来: nearly thirty years, an amount
            n = self.parse_decimal(m.group("a") or m.group("b"))
            if n is not None and n == int(n) and 1 < n <= 100:  # the word after a rate's duration is not the period's
                end = next((m.start(g) for g in ("rate", "after") if m.group(g)), m.end())
                out.append((m.start(), end, int(n)))
        return out

    def _frames_a_period(self, q: Quantity, frames: list[tuple[int, int, int]], frame_starts: list[int]) -> bool:
        """``五年年均增长5.2%``: the ``五年`` is the period of the rate, not a duration stated."""
        if q.unit != self._YEAR_UNIT:
            return False
        k = bisect_left(frame_starts, q.end) - 1  # the last frame starting before the figure ends
        return k >= 0 and q.start < frames[k][1]

    def _set_phrase(self, t: str, q: Quantity) -> bool:
        """``两个大局``, ``三次产业``, ``一落一升``: a fixed phrase or a name that holds a count."""
        m = self._SET_PHRASES.match(t, q.start)
        if m is not None and m.end() > q.end:
            return True
        if not q.start or t[q.start - 1] not in self._PHRASE_INNER:  # no phrase holds a count after this
            return False
        reach = self._PHRASE_REACH
        return any(m.start() <= q.start and q.end <= m.end() and m.end() - m.start() > q.end - q.start
                   for m in self._SET_PHRASES.finditer(t, max(0, q.start - reach), q.start + reach))

    def _session(self, t: str, q: Quantity) -> bool:
        """``十四届全国人大二次会议``: an assembly's session, numbered after its term (届), not a count."""
        if q.unit not in self._SESSION_UNITS or not t.startswith(self._SESSION_AFTER, q.end):
            return False
        before = _nospace(t[max(0, q.start - self._SESSION_REACH):q.start])
        k = before.rfind(self._FF["session_mark"])
        return k >= 0 and before[k + 1:] in self._SESSION_BODIES

    def _term(self, t: str, q: Quantity) -> bool:
        """``十四届全国人大``, ``二十届三中全会``: the number of an assembly's term, not a count."""
        return q.unit in self._TERM_UNITS and self._TERM_NEXT.match(t, q.end) is not None

    def _rank(self, t: str, q: Quantity) -> bool:
        """``前10名``, ``排名前三位``: a rank, not a count."""
        return q.unit in self._RANK_UNITS and self._RANK.search(t, max(0, q.start - 4), q.start) is not None

    def _listed_ordinal(self, t: str, q: Quantity) -> bool:
        """``第1、2类``, ``第一、二批``: the last number of a list of ordinals is an ordinal too."""
        before = t[max(0, q.start - 8):q.start].rstrip(" \t")
        if not before or before[-1] not in self._JOINER_ENDS:
            return False
        end = q.start
        while (m := self._LISTED.search(t, max(0, end - 16), end)) is not None:
            end = m.start()
        return end < q.start and self._ordinal_at(t, end)

    def _age_group(self, t: str, q: Quantity) -> bool:
        """``16-59岁（含不满60周岁）劳动年龄人口``: an age range, or an age bounding one in brackets, names a
        group of people, not an age stated."""
        if q.unit not in self._CATEGORY_UNITS:
            return False
        if q.value_max is not None:
            return self._GROUP_AFTER.match(t, q.end) is not None
        return t[q.end:q.end + 1] in self._NAME_CLOSE_BRACKETS and self._GROUP_AFTER.match(t, q.end + 1) is not None

    def _without_false_figures(self, t: str, found: list[Quantity]) -> list[Quantity]:
        """``found`` without the quantities that one of the false-figure rules rejects."""
        if not found:
            return found
        frames = self.framing_durations(t) if self._YEAR_UNIT in t else []
        starts = [a for a, _b, _n in frames]
        return [q for q in found
                if not (self._frames_a_period(q, frames, starts) or self._set_phrase(t, q)
                        or self._session(t, q) or self._term(t, q) or self._rank(t, q) or self._age_group(t, q)
                        or self._listed_ordinal(t, q))]


def default() -> Figures:
    """The stage built from the package's own language data."""
    return Lexicon.default().stage(Figures)


#: the module's public names are those of :func:`default`
__getattr__ = default_names(__name__, default)

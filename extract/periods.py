"""Time expressions in a sentence, normalised to ISO-like periods.

``find_periods`` lists the time expressions of a sentence (``2024年1至11月`` → ``2024-01/2024-11``,
``“十四五”时期`` → ``2021/2025``, ``今年`` → the document's year) and ``assign_periods`` picks the one
each figure takes: the nearest that ends before it. Comparisons (``比上年``, ``较2020年``), years inside a
title in 《》, a plan's years in parentheses, event names (``2024年世界机器人大会``) and deadlines named
as goals (``2030年前碳达峰``) are not periods. The vocabulary is the ``[period]`` table of
``extract/data/meaning.toml``.

A :class:`Periods` is built from one :class:`~extract.lexicon.Lexicon`; the module's own names
(``find_periods`` …) are those of the package's data.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import regex

from .figures import Figures
from .lexicon import Lexicon, alternation, default_names
from .numerals import Numerals

_S = r"[ \t\u3000]*"


_TITLE = regex.compile(r"《[^《》]*》")


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time expression ``[start, end)`` of a sentence and its period (``""`` when unresolved)."""

    start: int
    end: int
    period: str
    year: int | None = None
    horizon: bool = False
    bare: bool = False  # a month or quarter without its year inside a list item: it carries to the item's end


def _year(calendar_year: Callable[[str], int | None], s: str) -> int:
    y = calendar_year(s)
    assert y is not None, s  # the pattern admits calendar years only
    return y


def _span(y: int | None, a: int, b: int) -> str:
    if y is None:
        return ""
    if (a, b) == (1, 12):
        return str(y)
    if a == b:
        return f"{y}-{a:02d}"
    return f"{y}-{a:02d}/{y}-{b:02d}"


_Pattern = re.Pattern[str] | regex.Pattern
_Match = re.Match[str] | regex.Match


class _Scan:
    """What :func:`find_periods` knows while it reads a sentence's time expressions left to right."""

    __slots__ = ("text", "doc_year", "context_year", "ctx", "first_item", "rel", "calendar_year")

    def __init__(self, p: Periods, text: str, doc_year: int | None, context_year: int | None) -> None:
        self.text, self.doc_year, self.context_year = text, doc_year, context_year
        self.rel, self.calendar_year = p._REL, p._numerals.calendar_year
        self.ctx: int | None = None  # the year of the last time expression, for a bare month or quarter
        item = p._ITEM_END_RE.search(text)
        self.first_item = item.start() if item else -1

    def year_of(self, tok: str) -> int | None:
        if tok in self.rel:
            return None if self.doc_year is None else self.doc_year + self.rel[tok]
        return _year(self.calendar_year, tok)

    def bare_year(self) -> int | None:
        """The year of a month or part of a year stated without one: the last year named, else the
        year of the section, else the year of issue."""
        if self.ctx is not None:
            return self.ctx
        return self.context_year if self.context_year is not None else self.doc_year


def _year_range(sc: _Scan, m: _Match, kind: str) -> TimeExpr | None:
    """2020年至2030年: a span of years (ends in order)."""
    y1, y2 = _year(sc.calendar_year, m.group("yr1")), _year(sc.calendar_year, m.group("yr2"))
    if y2 < y1:
        return None
    sc.ctx = y1
    return TimeExpr(*m.span(), f"{y1}/{y2}", y2)


def _relative(sc: _Scan, m: _Match, kind: str) -> TimeExpr | None:
    """今年, 去年, 过去一年: a year counted from the year of issue."""
    y = sc.year_of(m.group("rel"))
    if y is not None:
        sc.ctx = y
    return TimeExpr(*m.span(), "" if y is None else str(y), y)


def _in_title(m: _Match, titles: list[tuple[int, int]], title_starts: list[int]) -> bool:
    """《数字经济发展规划（2023—2025年）》: a year inside a title."""
    t = bisect_right(title_starts, m.start()) - 1
    return t >= 0 and m.start() < titles[t][1]


def _in_parentheses(text: str, m: _Match) -> bool:
    """行动方案（2024—2026年）: a plan's years in parentheses after its name."""
    a, b = m.span()
    return a > 0 and text[a - 1] in "（(" and text[b:b + 1] in "）)"


_KINDS = ("fyq", "fyu", "yr", "ymr", "yp", "ym", "y", "rel", "mr", "p", "m")


class Periods:
    """The time expressions of one lexicon (``meaning.toml [period]``, the numerals' years and months):
    the periods a sentence names, and which figure each belongs to."""

    def __init__(self, lex: Lexicon) -> None:
        self._numerals = lex.stage(Numerals)
        self._figures = lex.stage(Figures)
        self._D = lex["meaning"]["period"]
        self._CN_DIGITS = self._numerals.CN_DIGITS
        # a month in Chinese numerals (一…十二) or named by a word (正, 腊)
        self._CN_MONTH: dict[str, int] = {self._numerals.spelled(n): n for n in range(1, 13)} | self._D["months"]
        self._REL: dict[str, int] = self._D["relative_years"]
        self._PARTS: dict[str, list[int]] = self._D["parts"]
        self._NIAN = regex.escape(self._D["year_word"])
        self._YUE = rf"(?:{alternation(self._D['month_words'])})"
        self._YEAR = rf"{self._numerals.year_pattern()}|{self._numerals.cn_year_pattern()}"
        self._MONTH = rf"1[0-2]|0?[1-9]|{alternation(self._CN_MONTH)}"
        self._J = rf"(?:{alternation(self._D['range_joiners'])})"
        self._FM0, self._FM1 = (regex.escape(w) for w in self._D["first_months"])
        self._FIRST_N = regex.compile(
            rf"{self._FM0}[ \t\u3000]*(1[0-2]|0?[1-9]|{alternation(self._CN_MONTH)})[ \t\u3000]*{self._FM1}")
        self._PART = rf"{alternation(self._PARTS)}|{self._FIRST_N.pattern}"
        self._REL_ALT = alternation(self._REL)
        self._YSUF = alternation(self._D["year_suffixes"])
        self._FY_SUF = alternation(self._D["five_year_suffixes"])
        self._MSUF = alternation(self._D["month_suffixes"])
        self._QO, self._QC = (regex.escape(q) for q in self._D["five_year_quotes"])
        self._TEN, self._FIVE = regex.escape(self._D["five_year_ten"]), regex.escape(self._D["five_year_word"])
        self._UNITS = "".join(c for c, v in self._numerals.DIGITS.items() if v)  # 一…九 (and their variants)
        # Alternatives in priority order: at a position the first that matches wins.
        self._FIRST = "".join(sorted(
            {w[0] for w in [*self._REL, *self._PARTS, *self._CN_MONTH]}
            | set("0123456789" + self._CN_DIGITS + self._D["five_year_quotes"][0] + self._D["five_year_ten"])))
        self._FIRST_SET = frozenset(self._FIRST) | frozenset("０１２３４５６７８９")
        self._PATTERN = regex.compile(
            rf"""
            (?=[{regex.escape(self._FIRST)}])
            (?:(?P<fyq>{self._QO}{self._TEN}(?P<fyqn>[{self._UNITS}]?){self._FIVE}{self._QC}(?:{self._FY_SUF})?)
          | (?P<fyu>(?<![{self._UNITS}{self._TEN}]){self._TEN}(?P<fyun>[{self._UNITS}]){self._FIVE}(?:{self._FY_SUF}))
          | (?P<yr>(?P<yr1>{self._YEAR}){_S}{self._NIAN}?{_S}{self._J}{_S}(?P<yr2>{self._YEAR}){_S}(?:{self._YSUF}))
          | (?P<ymr>(?P<ymry>{self._YEAR}|{self._REL_ALT}){_S}{self._NIAN}?{_S}(?P<ymr1>{self._MONTH}){_S}{self._YUE}?
                {_S}{self._J}{_S}(?P<ymr2>{self._MONTH}){_S}{self._YUE})
          | (?P<yp>(?P<ypy>{self._YEAR}|{self._REL_ALT}){_S}{self._NIAN}?{_S}(?P<ypp>{self._PART}))
          | (?P<ym>(?P<ymy>{self._YEAR}|{self._REL_ALT}){_S}{self._NIAN}?{_S}(?P<ymm>{self._MONTH}){_S}{self._YUE}
                (?:{self._MSUF})?)
          | (?P<y>(?P<yy>{self._YEAR}){_S}(?P<ysuf>{self._YSUF})
                |(?P<yb>{self._YEAR})(?={_S}(?:{alternation(self._D['bare_year_followers'])})))
          | (?P<rel>{self._REL_ALT})
          | (?P<mr>(?<![\d.])(?P<mr1>{self._MONTH}){_S}{self._YUE}?{_S}{self._J}{_S}
                (?P<mr2>{self._MONTH}){_S}{self._YUE})
          | (?P<p>{self._PART})
          | (?P<m>(?<![\d.{self._CN_DIGITS}{self._TEN}])(?P<mm>{self._MONTH}){_S}{self._YUE}(?:{self._MSUF})?))
            """,
            regex.VERBOSE,
        )
        self._CMP_BEFORE = re.compile(rf"(?:{alternation(self._D['comparison_prefixes'])}){_S}$")
        self._CMP_REACH = max(map(len, self._D["comparison_prefixes"])) + 4  # how far back a comparison word can start
        self._CMP_AFTER = re.compile(rf"{_S}(?:{alternation(self._D['comparison_suffixes'])})")
        self._EVENT_AFTER = re.compile(
            rf"[^，。；：！？,;:!?、\n《》“”]{{0,{self._D['event_window']}}}?(?:{alternation(self._D['event_suffixes'])})"
        )
        self._ANCHOR = re.compile(f"[{regex.escape(self._D['anchors'])}]")
        self._REACH = self._D["anchor_reach"]
        self._BEFORE = self._D["before_word"]
        self._ITEM_END_RE = re.compile(f"[{regex.escape(self._D['item_end'])}]")
        self._FY_HORIZON = tuple(self._D["five_year_horizon_suffixes"])
        self._FY_NAME_AFTER = tuple(self._D["five_year_name_after"])
        self._YEAR_WORD = regex.compile(rf"(?:{self._YEAR}){_S}{self._NIAN}|{self._REL_ALT}")
        # _PATTERN, tried only where an anchor character follows within reach (see ``anchors`` in meaning.toml).
        # It needs nothing beyond the standard library's syntax, whose engine runs it several times as fast; but
        # regex knows more digits (\d) than the standard library's tables, all of them beyond the Basic
        # Multilingual Plane, so a text holding such characters is read with regex (_windowed)
        self._WINDOWED_SOURCE = (
            rf"(?=[{regex.escape(self._FIRST)}])(?=(?s:.){{0,{self._REACH}}}?{self._ANCHOR.pattern}"
            rf")(?:{self._PATTERN.pattern})"
        )
        self._WINDOWED = re.compile(self._WINDOWED_SOURCE, re.VERBOSE)
        self._WINDOWED_WIDE = regex.compile(self._WINDOWED_SOURCE, regex.VERBOSE)
        #: the rule that reads each alternative of the pattern
        self._RULES = {"fyq": self._plan, "fyu": self._plan, "yr": _year_range, "y": self._one_year, "rel": _relative,
                       **dict.fromkeys(("ymr", "yp", "ym", "mr", "p", "m"), self._months)}

    def _month(self, s: str) -> int:
        return self._CN_MONTH[s] if s in self._CN_MONTH else self._numerals.integer(s)

    def relative_years(self) -> dict[str, int]:
        """The relative-year words this module resolves, each with its offset from the document's year
        (``去年`` → -1, ``今年`` → 0): what :mod:`extract.pairing` reads a result's year from too."""
        return dict(self._REL)

    def _part(self, tok: str) -> tuple[int, int]:
        """First and last month of a part of a year (``前三季度`` → 1, 9; ``前11个月`` → 1, 11)."""
        if tok in self._PARTS:
            a, b = self._PARTS[tok]
            return a, b
        return 1, self._month(self._FIRST_N.fullmatch(tok).group(1))

    def names_a_year(self, text: str) -> bool:
        """Whether ``text`` (a time expression) is a whole year by itself: ``2022年``, ``去年``, ``过去一年``."""
        return self._YEAR_WORD.fullmatch(self._numerals.fold(text)) is not None

    def may_name_a_year(self, sentence: str) -> bool:
        """Whether some part of ``sentence`` could be a time expression that :meth:`names_a_year` (a quick
        test: without one, none of its time expressions names a year)."""
        return self._YEAR_WORD.search(self._numerals.fold(sentence)) is not None

    def five_year_plan(self, n: int) -> tuple[int, int]:
        """The first and last year of the ``n``-th five-year plan (from the third on)."""
        first = self._D["five_year_first"] + 5 * (n - self._D["five_year_first_number"])
        return first, first + 4

    def _windowed(self, text: str) -> _Pattern:
        """The compiled :data:`_WINDOWED` that reads ``text`` as regex does: the standard library's unless
        ``text`` has a character beyond the Basic Multilingual Plane."""
        return self._WINDOWED if not text or max(text) < "\U00010000" else self._WINDOWED_WIDE

    def _matches(self, text: str) -> Iterator[_Match]:
        """The matches of :data:`_PATTERN` in ``text`` that start within reach before an anchor character.

        Positions are tried left to right, each match resuming after the one before. A match that ends before
        the first anchor at or after its start (a bare year before ``全年``) uses that anchor up: the search
        resumes within reach of the next anchor only.
        """
        pos = 0
        windowed = self._windowed(text)
        while True:
            m = windowed.search(text, pos)
            if m is None:
                return
            yield m
            pos = m.end()
            anchor = self._ANCHOR.search(text, m.start())
            if anchor is not None and pos <= anchor.start():
                following = self._ANCHOR.search(text, anchor.start() + 1)
                if following is None:
                    return
                pos = max(pos, following.start() - self._REACH)

    def _plan(self, sc: _Scan, m: _Match, kind: str) -> TimeExpr | None:
        """“十四五”, 十四五时期: a five-year plan by its ordinal; “十四五”规划 names the plan, no period."""
        a, b = m.span()
        if kind == "fyq" and sc.text.startswith(self._FY_NAME_AFTER, b):
            return None
        digit = m.group(kind + "n")
        y1, y2 = self.five_year_plan(10 + (self._numerals.integer(digit) if digit else 0))
        return TimeExpr(a, b, f"{y1}/{y2}", y1, horizon=sc.text.endswith(self._FY_HORIZON, a, b))

    def _one_year(self, sc: _Scan, m: _Match, kind: str) -> TimeExpr | None:
        """2024年, 2024年底: a year; not 2030年前 (a deadline named as a goal) nor 2024年…大会 (an event)."""
        b = m.end()
        suffix = m.group("ysuf")
        if suffix == self._D["year_word"] and sc.text[b:b + 1] == self._BEFORE:
            return None
        if suffix and self._EVENT_AFTER.match(sc.text, b):
            return None
        y = _year(self._numerals.calendar_year, m.group("yy") or m.group("yb"))
        sc.ctx = y
        return TimeExpr(*m.span(), str(y), y)

    def _months(self, sc: _Scan, m: _Match, kind: str) -> TimeExpr | None:
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
            first, last = self._month(m.group(kind + "1")), self._month(m.group(kind + "2"))
            if not 1 <= first <= last <= 12:
                return None
        elif kind in ("yp", "p"):
            first, last = self._part(m.group("ypp" if kind == "yp" else "p"))
            if not 1 <= last <= 12:
                return None
        else:
            first = last = self._month(m.group(kind + "m"))
        bare = kind in ("mr", "m") or (kind == "p" and (first, last) != (1, 12))
        return TimeExpr(a, b, _span(y, first, last), y, bare=bare and 0 <= sc.first_item < a)

    def _a_comparison(self, text: str, m: _Match, compared: int) -> bool:
        """比上年, 较2020年, 与2020年相比, 上年同期 — and 比上年年初, what follows a comparison at once
        (``compared``: where the last one ended)."""
        a, b = m.span()
        before = self._CMP_BEFORE.search(text, max(0, a - self._CMP_REACH), a)
        return a == compared or bool(before or self._CMP_AFTER.match(text, b))

    def find_periods(self, sentence: str, doc_year: int | None = None,
                     context_year: int | None = None) -> list[TimeExpr]:
        """The time expressions of ``sentence`` in order; relative ones resolve against ``doc_year``.

        A month or a part of a year with no year before it in the sentence (全年, 一季度, 3月) takes
        ``context_year`` — the year the sentence's section is about (``一、2024年工作回顾``) — when
        given, else ``doc_year``.
        """
        return list(self.iter_periods(sentence, doc_year, context_year)) if self._ANCHOR.search(sentence) else []

    def iter_periods(self, sentence: str, doc_year: int | None = None,
                     context_year: int | None = None) -> Iterator[TimeExpr]:
        """:func:`find_periods` one by one, read as they are asked for (the first alone costs less)."""
        if not self._ANCHOR.search(sentence):
            return
        text = self._numerals.fold(sentence)
        titles = [(m.start(), m.end()) for m in _TITLE.finditer(text)] if "《" in text else []
        title_starts = [x for x, _y in titles]
        sc = _Scan(self, text, doc_year, context_year)
        compared = -1
        for m in self._matches(text):
            if _in_title(m, titles, title_starts):
                continue
            if self._a_comparison(text, m, compared):
                compared = m.end()
                continue
            if _in_parentheses(text, m):
                continue
            kind = m.lastgroup  # the alternative's own group closes last
            if kind not in self._RULES:
                kind = next(k for k in _KINDS if m.group(k) is not None)
            e = self._RULES[kind](sc, m, kind)
            if e is not None:
                yield e

    def assign_periods(self, sentence: str, exprs: list[TimeExpr], starts: list[int]) -> list[TimeExpr | None]:
        """The time expression of ``exprs`` (in order) that a figure at each of ``starts`` takes.

        That is the nearest one ending at or before the figure, except that a month or part of a year
        stated without its year (``前三季度``) carries only to the end of its list item (``；``).
        """
        if not exprs:
            return [None] * len(starts)
        items = [m.start() for m in self._ITEM_END_RE.finditer(sentence)]
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

    def spans_back(self, sentence: str, exprs: list[TimeExpr], doc_year: int | None) -> list[TimeExpr]:
        """``exprs`` with the framing durations of ``sentence`` added as periods counted back.

        A span of N years ends at the last year named before it in the sentence, else at the year before
        the document's year of issue: ``过去五年`` in a 2023 report is ``2018/2022``.
        """
        found = self._figures.framing_durations(sentence)
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

    def period_before(self, sentence: str, exprs: list[TimeExpr], pos: int) -> TimeExpr | None:
        """The time expression a figure at ``pos`` takes (see :func:`assign_periods`)."""
        return self.assign_periods(sentence, exprs, [pos])[0]


def default() -> Periods:
    """The stage built from the package's own language data."""
    return Lexicon.default().stage(Periods)


#: the module's public names are those of :func:`default`
__getattr__ = default_names(__name__, default)

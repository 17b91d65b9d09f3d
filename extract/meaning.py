"""What a figure measures, when, whose, and whether it is a goal, a forecast or a result.

``annotate`` is called once per sentence with the spans of the figures in it and returns one
:class:`Meaning` per figure: its ``period`` (:mod:`extract.periods`), ``role`` (:mod:`extract.roles`),
``metric`` (:mod:`extract.metrics`) and ``subject`` — the organisation or place the sentence names
before the figure (中央企业, 北京市, 江苏省, …, from the ``[subject]`` table of
``extract/data/meaning.toml``).

A :class:`Annotator` is built from one :class:`~extract.lexicon.Lexicon`; the module's own names
(``annotate`` …) are those of the package's data.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

import regex

from .lexicon import Lexicon, alternation, default_names
from .metrics import Metrics
from .periods import Periods, TimeExpr
from .roles import ACTUAL, TARGET, Roles


@dataclass(frozen=True, slots=True)
class Meaning:
    """What one figure means: when (``period``), what kind (``role``), what (``metric``), whose (``subject``)."""

    period: str = ""
    role: str = "actual"
    metric: str = ""
    subject: str = ""


def _outside(periods: list[TimeExpr], spans: list[tuple[int, int, str]]) -> list[TimeExpr]:
    """``periods`` that overlap none of ``spans`` (both in order)."""
    out, j = [], 0
    for p in periods:
        while j < len(spans) and spans[j][1] <= p.start:
            j += 1
        if j < len(spans) and spans[j][0] < p.end:
            continue
        out.append(p)
    return out


def _plan_default(p: TimeExpr | None, doc_year: int | None) -> str:
    """The role of a figure no cue governs in a plan section: a goal, unless dated before ``doc_year``."""
    if p is None or p.year is None or doc_year is None:
        return TARGET
    return ACTUAL if int(p.period.rsplit("/", 1)[-1][:4]) < doc_year else TARGET  # its last year


class Annotator:
    """The meaning stage of one lexicon: each figure's period, role, metric and subject."""

    def __init__(self, lex: Lexicon) -> None:
        self._metrics = lex.stage(Metrics)
        self._periods = lex.stage(Periods)
        self._roles = lex.stage(Roles)
        self._D = lex["meaning"]["subject"]
        self._NOT_START = frozenset(self._D["not_starts"])
        # plain alternations of words: the standard library's engine runs them faster than regex
        self._NAMES = re.compile(alternation(self._D["names"]))
        self._SUFFIX = re.compile(alternation(self._D["suffixes"]))
        self._LEN: dict[str, tuple[int, int]] = {k: (int(v[0]), int(v[1])) for k, v in self._D["suffixes"].items()}
        self._NOT_NAME = re.compile(alternation(self._D["not_names"]))
        self._M = lex["meaning"]["metric"]
        # A name starts after the last verb, conjunction or scope word inside the run before its suffix.
        self._R = lex["meaning"]["role"]
        self._CUT = re.compile(alternation(self._M["verbs"] + self._M["leading"] + list(self._D["cut_after"])
                                           + self._R["target"] + self._R["forecast"]))
        # the Chinese characters right before a suffix, none of them one a name cannot start after (searched backwards)
        self._RUN_BACK = regex.compile(rf"(?r)(?:(?![{regex.escape(''.join(self._NOT_START))}])\p{{Han}})*")

    def find_subjects(self, sentence: str) -> list[tuple[int, int, str]]:
        """Organisations and places named in ``sentence`` as ``(start, end, name)``, ordered by end.

        A name is a listed word (中央企业) or a run of Chinese characters ending in a suffix (省, 市, 集团,
        公司…); the run starts after punctuation or a function word, and words like 上市 or 城市 that end
        in a suffix are not names.
        """
        out = [(m.start(), m.end(), m.group()) for m in self._NAMES.finditer(sentence)]
        blocked = [(m.start(), m.end()) for m in self._NOT_NAME.finditer(sentence)]
        blocked_starts = [a for a, _b in blocked]
        for m in self._SUFFIX.finditer(sentence):
            start, end = m.span()
            k = bisect_right(blocked_starts, start) - 1
            if k >= 0 and end <= blocked[k][1]:
                continue
            lo, hi = self._LEN[m.group()]
            a = self._RUN_BACK.match(sentence, max(0, start - hi), start).start()
            cuts = [c.end() for c in self._CUT.finditer(sentence, a, start)]
            if cuts:
                a = cuts[-1]
            if start - a >= lo:
                out.append((a, end, sentence[a:end]))
        out.sort(key=lambda t: (t[1], t[0]))
        return out

    def annotate(self, sentence: str, spans: list[tuple[int, int, str]], *, doc_year: int | None = None,
                 context_year: int | None = None, plan: bool = False) -> list[Meaning]:
        """One :class:`Meaning` per ``(start, end, unit)`` span of a figure in ``sentence``.

        ``doc_year``, the year of issue, resolves relative years (今年, 去年, 过去五年); ``context_year``, the
        year the sentence's section is about, dates a bare month or part of a year (全年, 一季度) — see
        :func:`extract.periods.find_periods` and :mod:`extract.years`. ``plan`` says the sentence stands in
        a section that plans the year (:func:`extract.roles.plans_the_year`): there a figure no cue governs
        is a ``target`` unless its period lies before ``doc_year``.
        """
        if not spans:
            return []
        order = sorted(range(len(spans)), key=lambda k: spans[k][0])
        ordered = [spans[k] for k in order]
        found = self._periods.find_periods(sentence, doc_year, context_year)
        periods = self._periods.spans_back(sentence, found, doc_year)
        if periods:  # a time expression inside a figure (a duration) is not a period
            periods = _outside(periods, ordered)
        cues = self._roles.find_cues(sentence)
        weak = self._roles.horizons(sentence, periods, doc_year)
        names = self.find_subjects(sentence)
        name_ends = [b for _a, b, _n in names]
        starts = [s for s, _e, _u in ordered]
        mets = self._metrics.metrics(sentence, ordered, periods)
        pers = self._periods.assign_periods(sentence, periods, starts)
        default = [_plan_default(p, doc_year) for p in pers] if plan else None
        roles = self._roles.assign_roles(sentence, starts, cues, weak, default)
        firsts = self._roles.change_starts(sentence, [(a, b) for a, b, _u in ordered])
        roles = [ACTUAL if first else r for r, first in zip(roles, firsts, strict=True)]
        result: list[Meaning] = [Meaning()] * len(spans)
        for j, k in enumerate(order):
            n = bisect_right(name_ends, starts[j]) - 1
            p = pers[j]
            result[k] = Meaning(p.period if p else "", roles[j], mets[j], names[n][2] if n >= 0 else "")
        return result


def default() -> Annotator:
    """The stage built from the package's own language data."""
    return Lexicon.default().stage(Annotator)


#: the module's public names are those of :func:`default`
__getattr__ = default_names(__name__, default)

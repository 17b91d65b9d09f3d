"""What a figure measures, when, whose, and whether it is a goal, a forecast or a result.

``annotate`` is called once per sentence with the spans of the figures in it and returns one
:class:`Meaning` per figure: its ``period`` (:mod:`extract.periods`), ``role`` (:mod:`extract.roles`),
``metric`` (:mod:`extract.metrics`) and ``subject`` — the organisation or place the sentence names
before the figure (中央企业, 北京市, 江苏省, …, from the ``[subject]`` table of
``extract/data/meaning.toml``).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from . import lexicon
from .metrics import metrics
from .periods import find_periods, period_before
from .roles import find_cues, horizons, role_at

_D = lexicon.load("meaning")["subject"]


@dataclass(frozen=True, slots=True)
class Meaning:
    """What one figure means: when (``period``), what kind (``role``), what (``metric``), whose (``subject``)."""

    period: str = ""
    role: str = "actual"
    metric: str = ""
    subject: str = ""


def _alt(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


_NOT_START = regex.escape(_D["not_starts"])
_SUBJECT = regex.compile(
    rf"(?P<x>{_alt(_D['not_names'])})|(?P<n>{_alt(_D['names'])})|"
    + "|".join(
        rf"(?P<s{i}>[^\s\d{_NOT_START}A-Za-z]{{{lo},{hi}}}{regex.escape(suf)})"
        for i, (suf, (lo, hi)) in enumerate(sorted(_D["suffixes"].items(), key=lambda kv: -len(kv[0])))
    )
)


def find_subjects(sentence: str) -> list[tuple[int, int, str]]:
    """Organisations and places named in ``sentence`` as ``(start, end, name)``, in order."""
    out = []
    for m in _SUBJECT.finditer(sentence):
        if m.group("x") is None:
            out.append((m.start(), m.end(), m.group()))
    return out


def annotate(sentence: str, spans: list[tuple[int, int, str]], *, doc_year: int | None = None) -> list[Meaning]:
    """One :class:`Meaning` per ``(start, end, unit)`` span of a figure in ``sentence``."""
    if not spans:
        return []
    order = sorted(range(len(spans)), key=lambda k: spans[k][0])
    ordered = [spans[k] for k in order]
    periods = [p for p in find_periods(sentence, doc_year)
               if not any(s < p.end and p.start < e for s, e, _ in ordered)]
    cues = find_cues(sentence)
    weak = horizons(sentence, periods, doc_year)
    names = find_subjects(sentence) if _D else []
    mets = metrics(sentence, ordered, periods)
    result: list[Meaning] = [Meaning()] * len(spans)
    for k, (s, _e, _unit), metric in zip(order, ordered, mets, strict=True):
        p = period_before(sentence, periods, s)
        subj = ""
        for _a, b, name in reversed(names):
            if b <= s:
                subj = name
                break
        result[k] = Meaning(p.period if p else "", role_at(sentence, s, cues, weak), metric, subj)
    return result

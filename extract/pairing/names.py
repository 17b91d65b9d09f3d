"""Metric names: the canonical name a metric phrase is paired under, and how close two names are.

The vocabulary is ``extract/data/compare.toml``; the steps are in its header and in
:mod:`extract.pairing`'s docstring ("Metric names"). A user's mapping (phrase → canonical) is
consulted first, at every step, and once more on the result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from .. import lexicon


@dataclass(frozen=True)
class Language:
    """The pairing vocabulary of ``compare.toml``, read once."""

    punct: re.Pattern
    filler: tuple[str, ...]
    variants: tuple[tuple[str, str], ...]
    threshold: float
    change_words: tuple[str, ...]
    span_words: tuple[str, ...]
    synonyms: dict[str, str]
    canonicals: frozenset[str]
    ceiling_metrics: frozenset[str]
    ceiling_words: tuple[str, ...]
    decrease_words: tuple[str, ...]
    previous_year: tuple[str, ...]
    current_year: tuple[str, ...]
    comparison_before: str
    default_subjects: frozenset[str]


def relative_years(offset: int) -> tuple[str, ...]:
    """The relative-year words the extractor resolves (:func:`extract.periods.relative_years`) that
    name the year ``offset`` years from the document's: -1 → 去年, 上年 …"""
    from .. import periods

    return tuple(w for w, off in periods.relative_years().items() if off == offset)


def _longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


@cache
def language() -> Language:
    """The vocabulary, loaded and checked once."""
    d = lexicon.load("compare")
    punct = re.compile("[" + re.escape(d["normalise"]["punctuation"]) + r"\s]")
    lang = Language(
        punct=punct,
        filler=_longest_first(d["normalise"]["filler"]),
        variants=tuple(sorted(d["variants"].items(), key=lambda kv: len(kv[0]), reverse=True)),
        threshold=float(d["fuzzy"]["threshold"]),
        change_words=tuple(d["fuzzy"]["change_words"]),
        span_words=tuple(d["span"]["words"]),
        synonyms={},
        canonicals=frozenset(d["metrics"]),
        ceiling_metrics=frozenset(d["ceiling"]["metrics"]),
        ceiling_words=tuple(d["ceiling"]["words"]),
        decrease_words=_longest_first(d["decrease"]["words"]),
        previous_year=(*relative_years(-1), *d["period"]["previous_year"]),
        current_year=(*relative_years(0), *d["period"]["current_year"]),
        comparison_before="".join(d["period"].get("comparison_before", [])),
        default_subjects=frozenset(punct.sub("", s) for s in d["subjects"]["default"]),
    )
    for canonical, phrases in d["metrics"].items():
        for p in [canonical, *phrases]:
            lang.synonyms.setdefault(standard(clean(p, lang), lang), canonical)
    return lang


def clean(s: str, lang: Language | None = None) -> str:
    """``s`` without white space and punctuation."""
    return (lang or language()).punct.sub("", s)


def standard(s: str, lang: Language | None = None) -> str:
    """``s`` without filler words, each variant in its standard form (``降幅`` → ``降低``)."""
    lang = lang or language()
    for w in lang.filler:
        s = s.replace(w, "")
    for word, form in lang.variants:
        s = s.replace(word, form)
    return s


def is_change(s: str) -> bool:
    """Whether a metric name names a change (增长, 下降 …) rather than a level."""
    return any(w in s for w in language().change_words)


def is_span(s: str) -> bool:
    """Whether a metric name names an average or total over several years (年均, 连年 …)."""
    return any(w in s for w in language().span_words)


def normalise(phrase: str, subject: str, user: dict[str, str]) -> str:
    """The canonical metric name of ``phrase``; ``user`` maps cleaned phrases to the user's names."""
    lang = language()
    s = clean(phrase)
    if not s:
        return ""
    if s in user:
        return _resolve_user(user[s], user)
    s = _without_subject(s, subject)
    s2 = standard(s) or s
    for form in (s, s2):
        if form in user:
            return _resolve_user(user[form], user)
    canonical = lang.synonyms.get(s) or lang.synonyms.get(s2)
    if canonical is None:
        for name, _score, _i in process.extract(s2, list(lang.synonyms), scorer=fuzz.ratio,
                                                score_cutoff=lang.threshold, limit=5):
            if may_join(s2, name):
                canonical = lang.synonyms[name]
                break
    result = canonical or s2
    return user.get(result, result)


def named(metric: str, subject: str, user: dict[str, str]) -> tuple[str, str]:
    """A row's metric and subject as pairing compares them: the canonical metric (:func:`normalise`) and
    the subject cleaned, ``""`` for a national one."""
    subj = clean(subject)
    return normalise(metric, subject, user), "" if subj in language().default_subjects else subj


def _without_subject(s: str, subject: str) -> str:
    """``s`` without a leading subject (the row's own, or a national one)."""
    for subj in sorted({clean(subject), *language().default_subjects}, key=len, reverse=True):
        if subj and s.startswith(subj) and len(s) > len(subj):
            return s[len(subj):]
    return s


def _resolve_user(name: str, user: dict[str, str]) -> str:
    """A user's canonical name, joined to the built-in one it is a listed phrase of (exact only)."""
    c = clean(name)
    syn = language().synonyms
    builtin = syn.get(c) or syn.get(standard(c))
    if builtin is None or builtin == name:
        return name
    return user.get(builtin, builtin)


def may_join(a: str, b: str) -> bool:
    """Whether two different names may be joined by similarity alone.

    Not a change with a level (国内生产总值增长 / 国内生产总值), not a several-year figure with a
    one-year one (城镇新增就业年均 / 城镇新增就业), and not a name with the other one plus words in
    front, which name a narrower scope (船舶战略性新兴产业投资 / 战略性新兴产业投资).
    """
    if is_change(a) != is_change(b) or is_span(a) != is_span(b):
        return False
    return not (a.endswith(b) or b.endswith(a))


def score(a: str, b: str, known: frozenset[str]) -> float:
    """How well two canonical names match (0–100; 0 = never): equal, or similar within the limits."""
    if not a or not b:
        return 0.0
    if a == b:
        return 100.0
    if (a in known and b in known) or not may_join(a, b):
        return 0.0
    s = fuzz.ratio(a, b)
    return s if s >= language().threshold else 0.0

"""Finding each goal's result: which actual rows may be a goal's result, and which one is.

The rules (see :mod:`extract.pairing`, "What counts as the same figure") are named functions:
:func:`is_later` (a result comes from a later statement), :func:`restates` (a goal repeated is
not its result), :func:`collapse` (one goal stated twice is paired once), :func:`rank` (which
candidate wins).
"""

from __future__ import annotations

import re

import pandas as pd
from rapidfuzz import fuzz, process

from .mapping import Mapping, UserMapping, load_mapping
from .names import language, score
from .pair import EXTRA_COLUMNS, PAIR_COLUMNS, Pair, make_pair
from .rows import Row, prepare
from .status import TOLERANCE

GroupKey = tuple[str, str, str, str]


def is_later(t: Row, a: Row) -> bool:
    """Whether ``a`` is stated later than goal ``t``: a document of a later (or the same) year,
    or further on in the goal's own document; a document of an earlier year never is."""
    if a.doc == t.doc:
        return a.offset > t.offset and a.sentence != t.sentence and not a.weak
    return t.doc_year is None or a.doc_year is None or a.doc_year >= t.doc_year


def restates(t: Row, a: Row) -> bool:
    """Whether actual row ``a`` repeats goal ``t`` instead of reporting on it: the same bounded
    figure (``5%左右`` again, ``1.3万亿斤以上`` again), or the same value in the goal's own document."""
    same = a.unit == t.unit and a.value == t.value and a.value_max == t.value_max
    if not same:
        return False
    return a.doc == t.doc or (t.bound != "exact" and a.bound == t.bound)


def _goal_identity(t: Row) -> tuple:
    return (t.metric, t.subject_n, t.period, t.unit, t.value, t.value_max, t.bound)


def collapse(goals: list[Row]) -> list[Row]:
    """The goals with each goal stated more than once (the list, then the paragraph explaining
    it) kept once, at its first statement; a target wins over a forecast of the same figure."""
    first: dict[tuple, Row] = {}
    for t in goals:
        k = _goal_identity(t)
        if k not in first or (first[k].role == "forecast" and t.role == "target"):
            first[k] = t
    kept = {id(t) for t in first.values()}
    return [t for t in goals if id(t) in kept]


def rank(metric_score: float, a: Row) -> tuple:
    """The order among candidates: closest metric, then an exact figure over a bounded one,
    then a stated period over an inferred one, then table order."""
    return (-metric_score, a.bound != "exact", a.period_source != "stated", a.pos)


def full_year(period: str) -> str:
    """``2024-01/2024-12`` (a whole year stated by its months) → ``2024``; other periods unchanged."""
    m = re.fullmatch(r"(\d{4})-01/(\d{4})-12", period)
    return m.group(1) if m and m.group(1) == m.group(2) else period


def group_keys(t: Row) -> list[GroupKey]:
    """The (unit, subject, period, doc) groups a goal's result may be in; a span ``A/B`` also ``B``."""
    if not t.period:
        return [(t.unit, t.subject_n, "", t.doc)]
    keys = [(t.unit, t.subject_n, full_year(t.period), "")]
    if "/" in t.period:
        end = t.period.split("/", 1)[1]
        if len(end) == 4 and end.isdigit():
            keys.append((t.unit, t.subject_n, end, ""))
    return keys


class _Candidates:
    """The actual rows grouped by unit, subject and period, and the metric matches into a group."""

    def __init__(self, actuals: list[Row], known: frozenset[str]):
        self.groups: dict[GroupKey, dict[str, list[Row]]] = {}
        for a in actuals:
            k = (a.unit, a.subject_n, full_year(a.period), "" if a.period else a.doc)
            self.groups.setdefault(k, {}).setdefault(a.metric, []).append(a)
        self.names = {k: list(g) for k, g in self.groups.items()}
        self.known = known
        self._matches: dict[tuple[str, GroupKey], list[tuple[float, str]]] = {}

    def of(self, t: Row) -> list[tuple[float, Row]]:
        """``(metric score, actual row)`` for every row in the goal's groups with a matching metric."""
        out = []
        for k in group_keys(t):
            if k not in self.groups or not t.metric:
                continue
            mk = (t.metric, k)
            if mk not in self._matches:
                found = process.extract(t.metric, self.names[k], scorer=fuzz.ratio,
                                        score_cutoff=language().threshold, limit=None)
                self._matches[mk] = [(sc, name) for name, _r, _i in found
                                     if (sc := score(t.metric, name, self.known)) > 0]
            out += [(sc, a) for sc, name in self._matches[mk] for a in self.groups[k][name]]
        return out


def _result(t: Row, cands: _Candidates, user: UserMapping, by_key: dict[str, Row]) -> Row | None:
    if (t.key, "") in user.rejects:
        return None
    forced = by_key.get(user.pairs.get(t.key, ""))
    if forced is not None and forced.unit == t.unit and (t.key, forced.key) not in user.rejects:
        return forced
    best, best_rank = None, None
    for sc, a in cands.of(t):
        if (t.key, a.key) in user.rejects or not is_later(t, a) or restates(t, a):
            continue
        r = rank(sc, a)
        if best_rank is None or r < best_rank:
            best, best_rank = a, r
    return best


def find_pairs(table: pd.DataFrame, *, mapping: Mapping = None, tolerance: float = TOLERANCE) -> list[Pair]:
    """Every goal of ``table`` (target and forecast rows) with its result, judged, in table order."""
    if tolerance < 0:
        raise ValueError("tolerance must not be negative")
    user = load_mapping(mapping)
    rows, keys = [], set()
    for r in prepare(table, user.index()):  # a document given twice counts once
        if r.value is not None and r.key not in keys:
            keys.add(r.key)
            rows.append(r)
    goals = collapse([r for r in rows if r.role in ("target", "forecast")])
    actuals = [r for r in rows if r.role == "actual"]
    by_key = {a.key: a for a in actuals}
    cands = _Candidates([a for a in actuals if not a.plan],
                        language().canonicals | frozenset(user.metrics.values()))
    return [make_pair(t, _result(t, cands, user, by_key), tolerance) for t in goals]


def compare(table: pd.DataFrame, *, mapping: Mapping = None, tolerance: float = TOLERANCE) -> pd.DataFrame:
    """Pair every target and forecast row of ``table`` with its actual row, and judge it.

    ``table`` is an indicator table (``extract.record.COLUMNS``; missing columns count as empty),
    over any number of documents. ``mapping`` is a mapping file, dict or ``UserMapping`` (metric
    synonyms that override the built-in ones, and saved corrections); ``tolerance`` is relative
    (0.05 = ±5 % of the target). Returns one row per goal, in table order, with
    :data:`PAIR_COLUMNS` then :data:`EXTRA_COLUMNS`; rows with the same key (a document given
    twice) count once, rows without a value are left out, a goal stated twice is one row.
    """
    pairs = find_pairs(table, mapping=mapping, tolerance=tolerance)
    result = pd.DataFrame([p.to_dict() for p in pairs], columns=list(PAIR_COLUMNS + EXTRA_COLUMNS))
    for c in ("target_value", "actual_value", "gap", "gap_pct"):
        result[c] = pd.to_numeric(result[c], errors="coerce").astype("float64")
    return result

"""Finding each goal's result: which actual rows may be a goal's result, and which one is.

The rules (see :mod:`extract.pairing`, "What counts as the same figure") are named functions:
:func:`is_later` (a result comes from a later statement), :func:`restates` (a goal repeated is
not its result), :func:`collapse` (one goal stated twice is paired once), :func:`rank` (which
candidate wins). :func:`pairable` says which rows can pair at all, so only those are prepared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import attrgetter

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from .mapping import Mapping, UserMapping, load_mapping
from .names import language, named, score
from .pair import EXTRA_COLUMNS, PAIR_COLUMNS, Pair, make_pair
from .rows import Cells, Row, distinct_rows, prepare, row_key
from .status import TOLERANCE

GroupKey = tuple[str, str, str, str]
_WHOLE_YEAR = re.compile(r"(\d{4})-01/(\d{4})-12")


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


#: What makes two goal rows one goal stated twice (:func:`collapse`): a row's tuple of these fields.
_goal_identity = attrgetter("metric", "subject_n", "period", "unit", "value", "value_max", "bound")


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
    if len(period) != 15:  # the only length of a year by its months
        return period
    m = _WHOLE_YEAR.fullmatch(period)
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
        for g in self.groups.values():  # each metric's rows in the order they win among equals
            for rows in g.values():
                rows.sort(key=lambda a: rank(0.0, a))
        self.names = {k: list(g) for k, g in self.groups.items()}
        self.known = known
        self._matches: dict[tuple[str, GroupKey], list[tuple[float, str]]] = {}

    def of(self, t: Row) -> list[tuple[float, list[Row]]]:
        """``(metric score, its rows)`` for every metric in the goal's groups that matches, the closest
        first; each metric's rows in :func:`rank` order."""
        out: list[tuple[float, list[Row]]] = []
        for k in group_keys(t):
            if k not in self.groups or not t.metric:
                continue
            mk = (t.metric, k)
            if mk not in self._matches:
                found = process.extract(t.metric, self.names[k], scorer=fuzz.ratio,
                                        score_cutoff=language().threshold, limit=None)
                self._matches[mk] = [(sc, name) for name, _r, _i in found
                                     if (sc := score(t.metric, name, self.known)) > 0]
            out += [(sc, self.groups[k][name]) for sc, name in self._matches[mk]]
        return sorted(out, key=lambda e: -e[0])


def _result(t: Row, cands: _Candidates, user: UserMapping, by_key: dict[str, Row]) -> Row | None:
    if (t.key, "") in user.rejects:
        return None
    forced = by_key.get(user.pairs.get(t.key, ""))
    if forced is not None and forced.unit == t.unit and (t.key, forced.key) not in user.rejects:
        return forced
    best, best_rank = None, None
    for sc, rows in cands.of(t):
        if best_rank is not None and -sc > best_rank[0]:
            break  # a less close metric never wins
        # the first row of a metric that may be the goal's result is the best of that metric
        a = next((a for a in rows if _may_be(t, a, user)), None)
        if a is not None and (best_rank is None or rank(sc, a) < best_rank):
            best, best_rank = a, rank(sc, a)
    return best


def _may_be(t: Row, a: Row, user: UserMapping) -> bool:
    """Whether actual row ``a`` may be goal ``t``'s result: not rejected, later, no restatement."""
    return (t.key, a.key) not in user.rejects and is_later(t, a) and not restates(t, a)


@dataclass(frozen=True)
class Paired:
    """The goals of a table with their results, and the rows they were found among.

    ``rows`` are the rows that can be in a pair (:func:`pairable`), prepared, in table order (a row
    whose key an earlier row has is still there); ``pairs`` has one :class:`Pair` per goal, in table order,
    and ``positions`` each pair's goal and result row (their position in the table; -1: no result).
    """

    rows: list[Row]
    pairs: list[Pair]
    positions: list[tuple[int, int]]


def pairable(cells: Cells, user: UserMapping, metric: str = "") -> list[bool]:
    """Which rows can be in a pair: every target and forecast row, and each actual row with a value
    whose metric a goal's of the same unit and subject matches (:func:`extract.pairing.names.score`);
    when the user has paired rows by hand, every actual row with a value in a goal's unit; and the
    actual rows of the canonical ``metric``, when given. Decided once per distinct metric, subject and
    unit; a row it leaves out is never any goal's result."""
    roles = np.array([r.lower() for r in cells.texts["role"]], dtype=object)  # each distinct role
    goal = np.isin(roles, ("target", "forecast"))[cells.codes["role"]]
    actual = (roles == "actual")[cells.codes["role"]] & ~np.isnan(cells.values)
    combos = np.stack([cells.codes[c] for c in ("metric", "subject", "unit")], axis=1)
    index = user.index()
    known = language().canonicals | frozenset(user.metrics.values())
    metrics, subjects = cells.texts["metric"], cells.texts["subject"]
    goals: dict[tuple[str, str], set[str]] = {}
    for m, s, u in distinct_rows(combos[goal])[0]:
        name, subj = named(metrics[m], subjects[s], index)
        goals.setdefault((cells.texts["unit"][u], subj), set()).add(name)
    units = {u for u, _s in goals}
    found, inverse = distinct_rows(combos[actual])
    ok = []
    for m, s, u in found:
        name, subj = named(metrics[m], subjects[s], index)
        unit = cells.texts["unit"][u]
        ok.append((bool(user.pairs) and unit in units) or (bool(metric) and name == metric)
                  or any(score(g, name, known) > 0 for g in goals.get((unit, subj), ())))
    keep = goal.copy()
    keep[np.flatnonzero(actual)] = np.array(ok, dtype=bool)[inverse] if ok else False
    return keep.tolist()


def pairable_rows(table: pd.DataFrame, *, mapping: Mapping = None, metric: str = "") -> list[bool]:
    """:func:`pairable` of a table's rows (``metric`` a canonical name, as :func:`paired` takes it)."""
    return pairable(Cells(table), load_mapping(mapping), metric)


def repeats(cells: Cells, rows: list[Row]) -> set[int]:
    """The positions of ``rows`` whose key an earlier row of the table with a value already has (a
    document given twice counts once). Only rows of one document at one offset can share a key."""
    doc, at = cells.codes["doc"], np.nan_to_num(cells.offsets, nan=-np.inf)
    by_spot = np.lexsort((at, doc))
    after, before = by_spot[1:], by_spot[:-1]
    same = (doc[after] == doc[before]) & (at[after] == at[before])  # a row at the spot of the one before
    shared = np.union1d(after[same], before[same])  # in table order
    if not len(shared):
        return set()
    wanted = {r.pos for r in rows}
    seen: set[str] = set()
    out = set()
    for i in shared.tolist():
        if cells.number(cells.values, i) is None:
            continue
        key = row_key(cells.text("doc", i), cells.text("mention", i), cells.start(i), cells.text("sentence", i))
        if key in seen and i in wanted:
            out.add(i)
        seen.add(key)
    return out


def paired(table: pd.DataFrame, *, mapping: Mapping = None, tolerance: float = TOLERANCE,
           metric: str = "") -> Paired:
    """Every goal of ``table`` (target and forecast rows) with its result, judged, and the rows that
    can pair (with the actual rows of the canonical ``metric``)."""
    if tolerance < 0:
        raise ValueError("tolerance must not be negative")
    user = load_mapping(mapping)
    cells = Cells(table)
    prepared = prepare(cells, user.index(), pairable(cells, user, metric))
    dropped = repeats(cells, prepared)
    rows = [r for r in prepared if r.value is not None and r.pos not in dropped]
    goals = collapse([r for r in rows if r.role in ("target", "forecast")])
    actuals = [r for r in rows if r.role == "actual"]
    by_key = {a.key: a for a in actuals}
    cands = _Candidates([a for a in actuals if not a.plan],
                        language().canonicals | frozenset(user.metrics.values()))
    results = [_result(t, cands, user, by_key) for t in goals]
    return Paired(prepared, [make_pair(t, a, tolerance) for t, a in zip(goals, results, strict=True)],
                  [(t.pos, -1 if a is None else a.pos) for t, a in zip(goals, results, strict=True)])


def find_pairs(table: pd.DataFrame, *, mapping: Mapping = None, tolerance: float = TOLERANCE) -> list[Pair]:
    """Every goal of ``table`` (target and forecast rows) with its result, judged, in table order."""
    return paired(table, mapping=mapping, tolerance=tolerance).pairs


def pairs_frame(pairs: list[Pair]) -> pd.DataFrame:
    """Pairs as a table: :data:`PAIR_COLUMNS` then :data:`EXTRA_COLUMNS`, numbers as floats."""
    result = pd.DataFrame(pairs, columns=list(PAIR_COLUMNS + EXTRA_COLUMNS))
    for c in ("target_value", "actual_value", "gap", "gap_pct"):
        result[c] = pd.to_numeric(result[c], errors="coerce").astype("float64")
    return result


def compare(table: pd.DataFrame, *, mapping: Mapping = None, tolerance: float = TOLERANCE) -> pd.DataFrame:
    """Pair every target and forecast row of ``table`` with its actual row, and judge it.

    ``table`` is an indicator table (``extract.record.COLUMNS``; missing columns count as empty),
    over any number of documents. ``mapping`` is a mapping file, dict or ``UserMapping`` (metric
    synonyms that override the built-in ones, and saved corrections); ``tolerance`` is relative
    (0.05 = ±5 % of the target). Returns one row per goal, in table order, with
    :data:`PAIR_COLUMNS` then :data:`EXTRA_COLUMNS`; rows with the same key (a document given
    twice) count once, rows without a value are left out, a goal stated twice is one row.
    """
    return pairs_frame(find_pairs(table, mapping=mapping, tolerance=tolerance))

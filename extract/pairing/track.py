"""One indicator followed across documents and years: each year's goal and each year's result.

An indicator is a canonical metric with its subject and unit (``国内生产总值增长``, ``%``). Its
series has one ``target`` (or ``forecast``) point per year a document set a goal for, with the
goal's bound and status, and one ``actual`` point per year a result was stated for: the result
the goal was paired with, else the best whole-year actual row of that metric (the same order as
pairing's, :func:`extract.pairing.match.rank`). A goal for a span of years (``2021/2025``) stands
at its last year. Every point keeps its mention, document and sentence.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .mapping import Mapping, load_mapping
from .match import Paired, full_year, paired, rank
from .pair import Pair
from .rows import Row
from .status import TOLERANCE

#: The series' columns, in order.
TRACK_COLUMNS: tuple[str, ...] = (
    "indicator", "metric", "subject", "unit", "year", "kind", "value", "value_max", "bound", "status",
    "mention", "doc", "sentence",
)


@lru_cache(maxsize=4096)
def _year(period: str) -> int | None:
    """The year a period stands at (its last year), or None (worked out once per distinct period)."""
    p = full_year(period)
    if "/" in p:
        p = p.split("/", 1)[1]
    return int(p) if len(p) == 4 and p.isdigit() else None


def indicator_name(metric: str, subject: str, unit: str) -> str:
    """How an indicator is named: ``国内生产总值增长（%）``, ``中央企业·战略性新兴产业投资（元）``."""
    return f"{subject + '·' if subject else ''}{metric}（{unit}）"


def track(table: pd.DataFrame, *, metric: str | None = None, mapping: Mapping = None,
          tolerance: float = TOLERANCE) -> pd.DataFrame:
    """The series of every indicator that has a goal (or of ``metric``'s, normalised), by year."""
    user = load_mapping(mapping)
    wanted = None
    if metric:
        from . import normalise_metric

        wanted = normalise_metric(metric, mapping=user)
    return series(paired(table, mapping=user, tolerance=tolerance, metric=wanted or ""), wanted)


def series(found: Paired, wanted: str | None = None) -> pd.DataFrame:
    """:func:`track`'s series from the pairs already found (of ``wanted``'s metric only, when given)."""
    by_key = {r.key: r for r in found.rows}
    points, results, goals_of = _from_pairs(found.pairs, by_key, wanted)
    for (ident, year), a in _best_actuals(found.rows, goals_of, results, wanted).items():
        results[(ident, year)] = _point(ident, a, year, "actual", "")
    return _frame(points + list(results.values()))


def _from_pairs(pairs: list[Pair], by_key: dict[str, Row], wanted: str | None,
                ) -> tuple[list[tuple], dict[tuple, tuple], set[tuple]]:
    """The goal points of the pairs (of ``wanted``'s metric only, when given), the result each was
    paired with (by indicator and year), and the indicators that have a goal."""
    points: list[tuple] = []
    results: dict[tuple, tuple] = {}
    goals_of: set[tuple] = set()
    for p in pairs:
        year = _year(p.period)
        if year is None or (wanted and p.metric != wanted):
            continue
        t = by_key[p.target_key]
        ident = (p.metric, t.subject_n, p.unit)
        goals_of.add(ident)
        points.append(_point(ident, t, year, p.role, p.status))
        if p.actual_key and (ident, year) not in results:
            results[(ident, year)] = _point(ident, by_key[p.actual_key], year, "actual", "")
    return points, results, goals_of


def _whole_year_result(a: Row) -> bool:
    """An actual row with a value for one whole year (not a plan's own year)."""
    return a.role == "actual" and not a.plan and a.value is not None and _year(a.period) is not None \
        and "/" not in full_year(a.period)


def _best_actuals(rows: list[Row], goals_of: set[tuple], results: dict[tuple, tuple],
                  wanted: str | None) -> dict[tuple, Row]:
    """For each indicator with a goal (or ``wanted``'s) and year without a paired result, its best
    whole-year actual row (:func:`extract.pairing.match.rank`)."""
    best: dict[tuple, tuple] = {}
    for a in rows:
        if not _whole_year_result(a):
            continue
        ident, year = (a.metric, a.subject_n, a.unit), _year(a.period)
        if (ident in goals_of or (wanted and a.metric == wanted)) and (ident, year) not in results:
            r = rank(100.0, a)
            if (ident, year) not in best or r < best[(ident, year)][0]:
                best[(ident, year)] = (r, a)
    return {k: a for k, (_r, a) in best.items()}


def _frame(points: list[tuple]) -> pd.DataFrame:
    """The series as a table, by indicator, year and kind."""
    out = pd.DataFrame(points, columns=list(TRACK_COLUMNS))
    out = out.sort_values(["indicator", "year", "kind"], kind="stable").reset_index(drop=True)
    out["year"] = out["year"].astype("int64")
    for c in ("value", "value_max"):
        out[c] = pd.to_numeric(out[c], errors="coerce").astype("float64")
    return out


def _point(ident: tuple, r: Row, year: int, kind: str, status: str) -> tuple:
    """A point of the series: its cells in the order of :data:`TRACK_COLUMNS`."""
    metric, subject, unit = ident
    return (indicator_name(metric, subject, unit), metric, subject, unit, year, kind, r.value, r.value_max,
            r.bound, status, r.mention, r.doc, r.sentence)


def indicators(series: pd.DataFrame) -> list[str]:
    """The indicators of a :func:`track` series, those with the most decided pairs first."""
    if series.empty:
        return []
    goals = series[series["kind"] != "actual"]
    decided = goals["status"].isin(["met", "exceeded", "missed"]).groupby(goals["indicator"]).sum()
    count = goals.groupby("indicator").size()
    order = pd.DataFrame({"decided": decided, "goals": count}).fillna(0)
    order = order.sort_values(["decided", "goals"], ascending=False, kind="stable")
    return list(order.index)

"""The dashboard's questions answered with pandas over a prepared frame: the reference the DuckDB
queries of :mod:`extract.query` are checked against (the dashboard itself asks DuckDB)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from extract.record import ROLES
from extract.view import (
    _PERIOD_PART,
    FAMILIES,
    FILTER_COLUMNS,
    ChartData,
    Filters,
    _display_columns,
    counts_chart,
    counts_table,
    empty_label,
    headline_cards,
    largest_chart_of,
    largest_points,
    metrics_by_count,
    normalise,
    series,
    series_chart_of,
    unit_family,
)


def _period_bounds(period: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """First year, last year, and the date a figure is plotted at (its period's last part)."""
    first = period.str.extract("^" + _PERIOD_PART)
    last = period.str.extract(_PERIOD_PART + "$")
    y0 = pd.to_numeric(first[0], errors="coerce")
    y1 = pd.to_numeric(last[0], errors="coerce")
    month = pd.to_numeric(last[1], errors="coerce").fillna(1).clip(1, 12)
    when = pd.to_datetime(
        pd.DataFrame({"year": y1.fillna(1970), "month": month, "day": 1}), errors="coerce"
    ).where(y1.notna())
    return y0, y1, when


def prepare(df: pd.DataFrame) -> pd.DataFrame:
    """The table with the dashboard's helper columns added (their names start with ``_``).

    ``_id`` (row number), ``_family``, ``_value_text`` (formatted), ``_role`` (label),
    ``_badge``, ``_y0``/``_y1`` (first/last year of the period), ``_when`` (plotting date),
    ``_search`` (metric, sentence and mention, lower case).
    """
    out = normalise(df)
    fam = {u: unit_family(u) for u in out["unit"].unique()}
    out["_id"] = range(len(out))
    out["_family"] = out["unit"].map(fam)
    _display_columns(out)
    out["_y0"], out["_y1"], out["_when"] = _period_bounds(out["period"])
    out["_search"] = (out["metric"] + "\n" + out["sentence"] + "\n" + out["mention"]).str.lower()
    return out


def options(df: pd.DataFrame, column: str) -> list[str]:
    """The values a filter on ``column`` offers, by frequency; empty values as :func:`empty_label`."""
    if column == "_family":
        present = set(df["_family"]) if "_family" in df else set()
        return [f for f in FAMILIES if f in present]
    if column == "role":
        present = set(df["role"])
        return [r for r in ROLES if r in present] + sorted(present - set(ROLES))
    counts = df[column].value_counts(sort=True)
    return [v if v else empty_label() for v in counts.index]


def year_range(df: pd.DataFrame) -> tuple[int, int] | None:
    """The first and last year any period in ``df`` names, or ``None``."""
    ys = pd.concat([df["_y0"], df["_y1"]]).dropna()
    if ys.empty:
        return None
    return int(ys.min()), int(ys.max())


def apply_filters(df: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """The rows of a prepared table that ``f`` selects."""
    mask = pd.Series(True, index=df.index)
    empty = empty_label()
    for name, column in FILTER_COLUMNS.items():
        chosen = getattr(f, name)
        if chosen:
            wanted = {"" if v == empty else v for v in chosen}
            mask &= df[column].isin(wanted)
    if f.period is not None:
        lo, hi = f.period
        dated = df["_y0"].notna()
        inside = dated & (df["_y0"] <= hi) & (df["_y1"] >= lo)
        mask &= inside | (~dated if f.undated else False)
    elif not f.undated:
        mask &= df["_y0"].notna()
    text = f.text.strip().lower()
    if text:
        for word in text.split():
            mask &= df["_search"].str.contains(word, regex=False)
    return df[mask]


def counts_by(df: pd.DataFrame, by: str, top: int = 25) -> pd.DataFrame:
    """Figures per value of ``by`` and role: columns ``by``, ``_role``, ``n``, ``total``.

    Rows whose ``by`` is empty are left out (:func:`unlabelled` counts them), so a corpus of
    reports without sections never shows one bar of ``（无）``. The ``top`` most frequent values
    are kept; the rest are counted as ``其他`` (others).
    """
    df = df[df[by] != ""]
    g = (pd.DataFrame({"value": df[by], "role": df["role"], "first": range(len(df))})
         .groupby(["value", "role"], sort=False).agg(n=("first", "size"), first=("first", "min")).reset_index())
    return counts_table(g, by, top)


def unlabelled(df: pd.DataFrame, by: str) -> int:
    """How many rows have no ``by`` value (left out of :func:`counts_by`)."""
    return int((df[by] == "").sum())


def count_chart(df: pd.DataFrame, by: str, title: str, axis_title: str, grouped: bool = False) -> alt.Chart:
    """Bars of figures per ``by`` value, split by role (stacked, or side by side if ``grouped``)."""
    return counts_chart(counts_by(df, by), by, title, axis_title, grouped)


def headline(df: pd.DataFrame, pairs: pd.DataFrame | None = None) -> list[tuple[str, str, str]]:
    """The cards above the tabs, as ``(label, value, help)``: documents, figures (by role), goals
    (targets and forecasts, how many have a result), the share of checked goals met, and the
    largest actual amount of money in its most frequent currency with what it measures."""
    money = df[(df["role"] == "actual") & (df["_family"] == "money")]
    top = None
    if len(money):
        unit = money["unit"].value_counts().index[0]
        top = money[money["unit"] == unit].nlargest(1, "value").iloc[0]
    return headline_cards(df["doc"].nunique(), len(df), df["role"].value_counts().to_dict(), pairs, top)


def units_by_count(df: pd.DataFrame) -> list[str]:
    """Units in ``df``, the most frequent first."""
    return list(df["unit"].value_counts().index)


def series_chart(df: pd.DataFrame, unit: str, metric: str = "") -> ChartData:
    """Values over period, coloured by role; targets and forecasts hollow, actual figures filled."""
    data, aggregated, axis_unit = series(df, unit, metric)
    what = metric or next(iter(metrics_by_count(df[(df["unit"] == unit) & df["_when"].notna()], limit=1)), "")
    return series_chart_of(data, aggregated, axis_unit, what)


def largest(df: pd.DataFrame, unit: str, n: int = 20) -> pd.DataFrame:
    """The ``n`` largest figures in ``unit``, with a unique label each (``_label``)."""
    return largest_points(df[df["unit"] == unit].nlargest(n, "value"), unit)


def largest_chart(df: pd.DataFrame, unit: str, n: int = 20, log: bool = False) -> ChartData:
    """Bars of the largest figures in one unit; ``log`` uses a logarithmic value axis."""
    return largest_chart_of(largest(df, unit, n), unit, int((df["unit"] == unit).sum()), log)

"""The dashboard's data layer: loading, filtering, display formats, chart data and charts.

Everything the dashboard (``dashboard.py``) shows is computed here, so that it can be tested
without a browser:

- loading: documents (every suffix in :data:`extract.readers.SUPPORTED`) through the
  extractor, and previously exported tables (CSV/JSONL/Parquet) read back into the table's columns;
- the sidebar's choices as a :class:`Filters` (:mod:`extract.query` asks DuckDB for the rows they
  select); :func:`labelled` adds the display columns (formatted value, role label) to those rows;
- numbers as people write them (``2万亿元``, ``879亿元``, ``18.7%``): :func:`format_value`;
- charts from data aggregated before plotting (:func:`counts_table`, :func:`series`,
  :func:`largest_points`), so a chart never carries more than :data:`MAX_POINTS` rows whatever the
  size of the table; Altair charts built from them, one unit per value axis;
- downloads: :func:`csv_bytes` (the bytes :func:`extract.table.write_table` writes),
  :func:`xlsx_bytes`, :func:`chart_png`, :func:`chart_svg`;
- the target-vs-reported view's data: :func:`target_pairs` (through :mod:`extract.pairing`;
  corrections are saved with :func:`extract.pairing.save_correction`), and the indicator tracker
  (:func:`track_chart` over :func:`extract.pairing.track`).

Display words (unit family labels, role labels, magnitude words, column headings, titles) live in
``extract/data/view.toml``; :func:`word` and :func:`heading` read them. Which family a unit belongs
to is the unit model's (:mod:`extract.units`).
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import math
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from . import lexicon, pairing, readers, safety, units
from .lexicon import Lexicon
from .record import COLUMNS, ROLES
from .table import TABLE_SUFFIXES, run_files, write_table
from .table import read_table as _read_exported

#: Unit families, in the order the dashboard lists them (:data:`extract.units.FAMILIES`).
FAMILIES: tuple[str, ...] = units.FAMILIES
#: Suffixes of previously exported tables the dashboard reads back.
#: The most rows a chart is ever given; larger selections are aggregated first.
MAX_POINTS = 5000
#: Rows the table shows at a time (its pages; the downloads hold every selected row).
PAGE_ROWS = 1000
#: The most rows an Excel sheet holds (below its header).
XLSX_ROWS = 1_048_575
#: Text columns of the table (the others are numbers).
TEXT_COLUMNS: tuple[str, ...] = tuple(c for c in COLUMNS if c not in ("value", "value_max", "start", "end"))
#: The first columns of :func:`target_pairs`' result (:mod:`extract.pairing`'s).
PAIR_COLUMNS: tuple[str, ...] = pairing.PAIR_COLUMNS
#: The most pairs one bullet chart shows.
BULLET_ROWS = 60
#: The most rows that can pair (goals, and results whose metric matches a goal's) the dashboard pairs
#: at once (a million figures of which 180,000 can pair take about 5 s); above it, pairing runs within
#: the filtered rows.
PAIR_LIMIT = 500_000
#: Up to this many rows the headline cards count goals met (pairing runs when the page opens);
#: above it, pairing waits until the 目标与实际 or 指标跟踪 tab is opened.
HEADLINE_PAIR_LIMIT = 20_000
#: Environment variable naming the corpus shown at start (files or folders, ``os.pathsep``-separated).
DATA_ENV = "ZHIBIAO_DATA"


@cache
def config() -> dict[str, Any]:
    """The display vocabulary (``extract/data/view.toml``)."""
    return lexicon.load("view")


def unit_family(unit: str) -> str:
    """The family of a canonical unit: money, percent, count, physical or time (the unit model's)."""
    return units.family(unit)


def family_label(family: str) -> str:
    """The family's name as the dashboard shows it (``money`` → ``金额``)."""
    return config()["family_labels"].get(family, family)


def role_label(role: str) -> str:
    """The role's name as the dashboard shows it (``target`` → ``目标``)."""
    return config()["roles"].get(role, role)


def status_label(status: str) -> str:
    """A pairing status as the dashboard shows it (``met`` → ``达成``)."""
    return config()["status"].get(status, status)


def empty_label() -> str:
    """How an empty text value is listed in the filters (``（无）``)."""
    return config()["labels"]["empty"]


def word(key: str, **fill: Any) -> str:
    """A dashboard phrase from ``view.toml`` ``[text]``, its ``{placeholders}`` filled in."""
    text = config()["text"][key]
    return text.format(**fill) if fill else text


def ui(key: str, **fill: Any) -> str:
    """A word of the dashboard page from ``view.toml`` ``[ui]``, its ``{placeholders}`` filled in."""
    text = config()["ui"][key]
    return text.format(**fill) if fill else text


def uploader_style() -> str:
    """CSS that writes the file uploader's own words (Streamlit has no parameter for them) in Chinese."""
    zone = "[data-testid='stFileUploaderDropzone']"
    rules = {
        f"{zone} button": ui("upload_button"),
        f"{zone} [data-testid='stFileUploaderDropzoneInstructions'] span": ui("upload_drop"),
        f"{zone} [data-testid='stFileUploaderDropzoneInstructions'] small": ui("upload_limit"),
    }
    css = [f"{sel}, {sel} * {{ font-size: 0 !important; }} {sel}::after {{ "
           f"content: {json.dumps(text, ensure_ascii=False)}; font-size: .9rem; }}" for sel, text in rules.items()]
    return "<style>" + "\n".join(css) + "</style>"


def heading(column: str) -> str:
    """The heading a table column is shown under (``metric`` → ``指标``)."""
    return config()["columns"].get(column, column)


# --------------------------------------------------------------------------- number formats


def format_number(x: float, decimals: int = 2) -> str:
    """``x`` with at most ``decimals`` decimals, trailing zeros dropped, no exponent."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    s = f"{round(float(x), decimals):.{decimals}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def magnitude(value: float, unit: str) -> tuple[float, str]:
    """The magnitude word to write ``value`` in ``unit`` with: ``(1e8, "亿")``, or ``(1, "")``."""
    if unit_family(unit) not in config()["magnitudes"]["scaled_families"]:
        return 1.0, ""
    a = abs(value) if value == value else 0.0
    for word, factor in config()["magnitudes"]["words"]:
        if a >= factor:
            return float(factor), word
    return 1.0, ""


def _unit_suffix(unit: str) -> str:
    return f" {unit}" if unit in config()["labels"]["spaced_units"] else unit


def format_value(value: float, unit: str, value_max: float | None = None) -> str:
    """The figure written as people write it: ``2万亿元``, ``879亿元``, ``18.7%``, ``14-17%``."""
    if value is None or value != value:
        return ""
    hi = None if value_max is None or value_max != value_max else float(value_max)
    factor, word = magnitude(max(abs(value), abs(hi)) if hi is not None else value, unit)
    text = format_number(value / factor)
    if hi is not None:
        text += "-" + format_number(hi / factor)
    return f"{text}{word}{_unit_suffix(unit)}"


def axis_scale(values: Iterable[float], unit: str) -> tuple[float, str]:
    """Divisor and axis unit for plotting ``values`` in ``unit`` (``(1e8, "亿元")``)."""
    vals = [abs(v) for v in values if v == v]
    ref = sorted(vals)[len(vals) // 2] if vals else 0.0
    factor, word = magnitude(ref, unit)
    return factor, f"{word}{unit}"


# --------------------------------------------------------------------------- loading


@dataclass
class Loaded:
    """A loaded table and one ``(file name, reason)`` per file that could not be read."""

    table: pd.DataFrame
    errors: list[tuple[str, str]] = field(default_factory=list)


def empty_table() -> pd.DataFrame:
    """A table with the columns of :data:`~extract.record.COLUMNS` and no rows."""
    df = pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS})
    return normalise(df)


def normalise(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with exactly the table's columns in order and their types (text never NaN)."""
    out = pd.DataFrame(index=range(len(df)))
    src = df.reset_index(drop=True)
    for c in COLUMNS:
        if c in ("value", "value_max"):
            nan = pd.Series(float("nan"), index=out.index)
            out[c] = (pd.to_numeric(src[c], errors="coerce") if c in src else nan).astype("float64")
        elif c in ("start", "end"):
            col = pd.to_numeric(src[c], errors="coerce") if c in src else pd.Series(0, index=out.index)
            out[c] = col.fillna(0).astype("int64")
        else:
            col = src[c] if c in src else pd.Series("", index=out.index)
            out[c] = col.where(col.notna(), "").astype(str)
    return out


def is_table_file(name: str) -> bool:
    """Whether ``name`` is an exported table (CSV/JSONL/Parquet) rather than a document."""
    return Path(name).suffix.lower() in TABLE_SUFFIXES


def accepted_suffixes() -> list[str]:
    """Suffixes (without dot) the dashboard's upload accepts: documents and tables."""
    return sorted({s.lstrip(".") for s in (*readers.SUPPORTED, *TABLE_SUFFIXES)})


def read_table(name: str, data: bytes) -> pd.DataFrame:
    """A previously exported table (CSV as ``write_table`` writes it, JSONL or Parquet) as a frame.

    Raises :class:`ValueError` when the file is no indicator table.
    """
    try:
        raw = _read_exported(data, name)
    except ValueError:
        raise
    except Exception as e:  # pyarrow / parser errors come in many types
        raise ValueError(f"cannot read table: {type(e).__name__}: {e}") from None
    missing = [c for c in ("value", "unit") if c not in raw.columns]
    if missing:
        raise ValueError(f"not an indicator table (missing column {', '.join(missing)})")
    df = normalise(raw)
    if "doc" not in raw.columns:
        df["doc"] = name
    return df


def load_blob(name: str, data: bytes, lexicon: Lexicon | None = None) -> Loaded:
    """One file's rows: an exported table read back, or a document run through the extractor (with
    ``lexicon``'s language data; the package's own by default)."""
    if is_table_file(name):
        try:
            return Loaded(read_table(name, data))
        except ValueError as e:
            return Loaded(empty_table(), [(name, str(e))])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / Path(name).name
        path.write_bytes(data)
        res = run_files([path], lexicon=lexicon)
    errors = [(name, e.reason) for e in res.errors]
    return Loaded(normalise(res.table), errors)


def combine(parts: Sequence[Loaded]) -> Loaded:
    """Several loads as one: rows in order, errors together."""
    tables = [p.table for p in parts if len(p.table)]
    table = normalise(pd.concat(tables, ignore_index=True)) if tables else empty_table()
    return Loaded(table, [e for p in parts for e in p.errors])


def corpus_files(root: str | Path | None = None) -> list[Path]:
    """The files shown at start: ``$ZHIBIAO_DATA`` if set, else the ``data/`` folder next to ``root``.

    Folders expand to their documents and tables, sorted; what a folder holds under a name that starts
    with ``_`` or ``.`` is left out (a partitioned Parquet table's ``_documents/`` part, hidden files).
    """
    env = os.environ.get(DATA_ENV, "")
    if env:
        entries = [Path(p) for p in env.split(os.pathsep) if p]
    else:
        base = Path(root) if root is not None else Path.cwd()
        entries = [base / "data"]
    ok = (*readers.SUPPORTED, *TABLE_SUFFIXES)
    files: list[Path] = []
    for p in entries:
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in ok
                                and not is_hidden(f.relative_to(p))))
        elif p.is_file():
            files.append(p)
    return files


def is_hidden(relative: Path) -> bool:
    """Whether a path inside a folder lies under a name starting with ``_`` or ``.`` (a partitioned Parquet
    table's ``_documents/`` part, hidden files)."""
    return any(part.startswith(("_", ".")) for part in relative.parts)


def content_key(blobs: Iterable[tuple[str, bytes]]) -> str:
    """A key for a set of files that changes when any name or content changes."""
    h = hashlib.sha256()
    for name, data in blobs:
        h.update(name.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()


# --------------------------------------------------------------------------- prepared table

_PERIOD_PART = r"(\d{4})(?:-(\d{1,2}))?"


def _display_columns(df: pd.DataFrame) -> None:
    """Add ``_value_text`` (each distinct value formatted once), ``_role`` and ``_badge``."""
    memo: dict[tuple, str] = {}
    texts = []
    for k in zip(df["value"], df["unit"], df["value_max"], strict=True):
        t = memo.get(k)
        if t is None:
            t = memo[k] = format_value(k[0], k[1], k[2])
        texts.append(t)
    df["_value_text"] = texts
    badges = config()["role_badges"]
    df["_role"] = df["role"].map(lambda r: role_label(r))
    df["_badge"] = df["role"].map(lambda r: badges.get(r, r))


def labelled(df: pd.DataFrame) -> pd.DataFrame:
    """Rows that have the helper columns computed elsewhere (``_id``, ``_family``, ``_y0``/``_y1``,
    ``_when``: :mod:`extract.query`'s) with the display columns added beside them (formatted value,
    role label, badge)."""
    _display_columns(df)
    return df


def table_columns(df: pd.DataFrame) -> pd.DataFrame:
    """The table's own columns of a prepared frame (what downloads contain)."""
    return df.loc[:, list(COLUMNS)]


# --------------------------------------------------------------------------- filters


@dataclass(frozen=True)
class Filters:
    """What the sidebar selects. Empty selections select everything.

    Text selections may contain :func:`empty_label` for rows whose column is empty.
    ``period`` is an inclusive year range; rows without a period pass it only if ``undated``.
    """

    docs: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    families: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    period: tuple[int, int] | None = None
    undated: bool = True
    text: str = ""


#: Filter field → the table column it selects on.
FILTER_COLUMNS: dict[str, str] = {
    "docs": "doc", "topics": "topic", "sources": "source", "articles": "article",
    "families": "_family", "roles": "role",
}


# --------------------------------------------------------------------------- aggregation and charts


def role_scale() -> alt.Scale:
    """The colour scale of roles (labels → colours), the same in every chart."""
    colours = config()["role_colours"]
    return alt.Scale(domain=[role_label(r) for r in ROLES], range=[colours[r] for r in ROLES])


def counts_table(g: pd.DataFrame, by: str, top: int = 25) -> pd.DataFrame:
    """Figures per value and role for a bar chart, from the counts of each (columns ``value``, ``role``,
    ``n``, and ``first``, where the value is first seen): the ``top`` values by count, the rest as 其他."""
    totals = g.groupby("value")[["n", "first"]].agg({"n": "sum", "first": "min"})
    keep = set(totals.sort_values(["n", "first"], ascending=[False, True]).index[:top])
    other = word("other") if word("other") not in keep else word("other_rest")
    labels = g["value"].where(g["value"].isin(keep), other)
    out = (pd.DataFrame({by: labels, "_role": g["role"].map(role_label), "n": g["n"]})
           .groupby([by, "_role"], observed=True)["n"].sum().reset_index())
    out["n"] = out["n"].astype("int64")
    out["total"] = out[by].map(out.groupby(by)["n"].sum())
    return out.sort_values(["total", by], ascending=[False, True]).reset_index(drop=True)


def counts_chart(data: pd.DataFrame, by: str, title: str, axis_title: str, grouped: bool = False) -> alt.Chart:
    """The bar chart of counts already made (:func:`counts_table`'s frame)."""
    order = list(dict.fromkeys(data[by]))
    enc: dict[str, Any] = {
        "y": alt.Y(f"{by}:N", sort=order, title=None, axis=alt.Axis(labelLimit=220)),
        "x": alt.X("n:Q", title=word("count_axis")),
        "color": alt.Color("_role:N", scale=role_scale(), title=heading("role")),
        "tooltip": [alt.Tooltip(f"{by}:N", title=axis_title), alt.Tooltip("_role:N", title=heading("role")),
                    alt.Tooltip("n:Q", title=word("count")), alt.Tooltip("total:Q", title=word("total"))],
    }
    if grouped:
        enc["yOffset"] = alt.YOffset("_role:N", sort=[role_label(r) for r in ROLES])
    per = 12 * len(ROLES) if grouped else 22
    return (alt.Chart(data).mark_bar().encode(**enc)
            .properties(title=title, height=alt.Step(per), width="container"))


def headline_cards(docs: int, rows: int, roles: Mapping[str, int], pairs: pd.DataFrame | None = None,
                   top: Mapping[str, Any] | None = None) -> list[tuple[str, str, str]]:
    """The headline cards from their counts: documents, rows, rows per role, the pairs, and the
    largest actual amount of money (a row with ``metric``, ``mention``, ``_value_text``, ``sentence``)."""
    cards = [
        (word("card_docs"), f"{docs:,}", ""),
        (word("card_figures"), f"{rows:,}", word("card_figures_help", actual=int(roles.get("actual", 0)),
                                                  target=int(roles.get("target", 0)),
                                                  forecast=int(roles.get("forecast", 0)))),
    ]
    if pairs is not None and len(pairs):
        decided = int(pairs["status"].isin(["met", "exceeded", "missed"]).sum())
        met = int(pairs["status"].isin(["met", "exceeded"]).sum())
        cards.append((word("card_goals"), f"{len(pairs):,}",
                      word("card_goals_help", decided=decided, pending=len(pairs) - decided)))
        if decided:
            cards.append((word("card_met"), word("card_met_value", met=met, decided=decided), word("card_met_help")))
    if top is not None:
        cards.append((word("card_largest", what=top["metric"] or top["mention"]), str(top["_value_text"]),
                      str(top["sentence"])))
    return cards


def metrics_by_count(df: pd.DataFrame, limit: int = 300) -> list[str]:
    """Non-empty metrics in ``df``, the most frequent first (at most ``limit``)."""
    m = df.loc[df["metric"] != "", "metric"].value_counts()
    return list(m.index[:limit])


_TIP_COLUMNS = ("_value_text", "mention", "metric", "subject", "period", "_role", "doc", "article", "_sentence")


def _tooltips() -> list[alt.Tooltip]:
    return [alt.Tooltip(f"{c}:N", title=heading(c)) for c in _TIP_COLUMNS]


def points(rows: pd.DataFrame, factor: float) -> pd.DataFrame:
    """Prepared rows as a chart's points: ``_y``/``_y2`` (value and range end divided by ``factor``),
    a shortened ``_sentence`` for the tooltip."""
    data = rows.loc[:, ["_id", "_when", "value", "_value_text", "mention", "metric", "subject", "period",
                        "_role", "role", "doc", "article", "sentence"]].copy()
    data["_y"] = data["value"] / factor
    data["_y2"] = rows["value_max"] / factor
    s = data.pop("sentence")
    data["_sentence"] = s.where(s.str.len() <= 120, s.str.slice(0, 118) + "…")
    return data


@dataclass
class ChartData:
    """A chart, and whether its points are single figures (selectable) or aggregates."""

    chart: alt.Chart | alt.LayerChart
    selectable: bool
    rows: int


#: The name of the point-selection parameter in selectable charts.
PICK = "pick"


def series(df: pd.DataFrame, unit: str, metric: str = "") -> tuple[pd.DataFrame, bool, str]:
    """Figures of one metric in ``unit`` that have a period, ready to plot over time.

    The metric is ``metric``, or the most frequent one in ``unit`` (a chart never mixes
    metrics). Returns ``(data, aggregated, axis_unit)``: above :data:`MAX_POINTS` figures, one
    row per period and role with the median value (``_y``) and the count (``n``).
    """
    rows = df[(df["unit"] == unit) & df["_when"].notna()]
    metric = metric or next(iter(metrics_by_count(rows, limit=1)), "")
    rows = rows[rows["metric"] == metric]
    factor, axis_unit = axis_scale(rows["value"], unit)
    if len(rows) <= MAX_POINTS:
        return points(rows, factor), False, axis_unit
    g = (rows.groupby(["_when", "period", "role"], observed=True)["value"]
         .agg(["median", "size"]).reset_index().rename(columns={"median": "value", "size": "n"}))
    return medians(g, unit, factor), True, axis_unit


def medians(g: pd.DataFrame, unit: str, factor: float) -> pd.DataFrame:
    """One point per period and role (columns ``_when``, ``period``, ``role``, ``value`` the median,
    ``n`` the count), at most :data:`MAX_POINTS`, ready to plot."""
    g = g.assign(_role=g.pop("role").map(role_label))
    if len(g) > MAX_POINTS:  # very many distinct periods: keep the best-attested ones
        g = g.nlargest(MAX_POINTS, "n")
    g["_y"] = g["value"] / factor
    g["_value_text"] = [format_value(v, unit) for v in g["value"]]
    return g.reset_index(drop=True)


def series_chart_of(data: pd.DataFrame, aggregated: bool, axis_unit: str, what: str) -> ChartData:
    """:func:`series_chart` drawn from :func:`series`' result, for the metric ``what``."""
    title = word("series_title", metric=what, unit=axis_unit)
    if aggregated:
        title = word("series_title_median", metric=what, unit=axis_unit, n=int(data["n"].sum()))
    fill_opacity = alt.condition(f"datum._role == '{role_label('actual')}'", alt.value(1.0), alt.value(0.0))
    base = alt.Chart(data).encode(
        x=alt.X("_when:T", title=word("period_axis"), axis=alt.Axis(format="%Y", tickCount="year")),
        y=alt.Y("_y:Q", title=word("value_axis", unit=axis_unit)),
        fill=alt.Fill("_role:N", scale=role_scale(), title=heading("role")),
        stroke=alt.Stroke("_role:N", scale=role_scale(), title=heading("role")),
        fillOpacity=fill_opacity,
    )
    if aggregated:
        tips = [alt.Tooltip("period:N", title=heading("period")), alt.Tooltip("_role:N", title=heading("role")),
                alt.Tooltip("_value_text:N", title=word("median")), alt.Tooltip("n:Q", title=word("count"))]
        chart = base.mark_point(size=90, strokeWidth=2, filled=True).encode(
            tooltip=tips, size=alt.Size("n:Q", title=word("count")))
        return ChartData(chart.properties(title=title, height=340, width="container"), False, len(data))
    pick = alt.selection_point(name=PICK, fields=["_id"], on="click")
    points = base.mark_point(size=110, strokeWidth=2, filled=True).encode(
        tooltip=_tooltips(),
        strokeWidth=alt.condition(pick, alt.value(4), alt.value(2)),
    ).add_params(pick)
    chart: alt.Chart | alt.LayerChart = points
    if data["_y2"].notna().any():  # a range (14%-17%): a line from its low to its high end
        ranges = alt.Chart(data).transform_filter("isValid(datum._y2)").mark_rule(strokeWidth=2).encode(
            x="_when:T", y="_y:Q", y2="_y2:Q",
            stroke=alt.Stroke("_role:N", scale=role_scale(), title=heading("role")))
        chart = alt.layer(ranges, points)
    return ChartData(chart.properties(title=title, height=340, width="container"), True, len(data))


def largest_points(rows: pd.DataFrame, unit: str) -> pd.DataFrame:
    """The largest figures (prepared rows, largest first) as points of :func:`largest_chart_of`."""
    factor, _ = axis_scale(rows["value"], unit)
    data = points(rows, factor)
    names = data["metric"].where(data["metric"] != "", data["mention"])
    names = names.where(names.str.len() <= 18, names.str.slice(0, 17) + "…")
    data["_label"] = [f"{i}. {m}" for i, m in enumerate(names, 1)]
    return data


def largest_chart_of(data: pd.DataFrame, unit: str, total: int, log: bool = False) -> ChartData:
    """The chart of the largest figures from :func:`largest_points`' data; ``total`` figures are in ``unit``."""
    _, axis_unit = axis_scale(data["value"], unit)
    positive = bool((data["_y"] > 0).all())
    scale = alt.Scale(type="log") if log and positive else alt.Scale(zero=True)
    pick = alt.selection_point(name=PICK, fields=["_id"], on="click")
    extra: dict[str, Any] = {}
    if log and positive and len(data):  # a log axis has no zero: bars start a decade below the least
        base = 10 ** math.floor(math.log10(float(data["_y"].min())))
        scale = alt.Scale(type="log", domainMin=base)
        extra["x2"] = alt.X2(datum=base)
    chart = alt.Chart(data).mark_bar().encode(
        y=alt.Y("_label:N", sort=list(data["_label"]), title=None, axis=alt.Axis(labelLimit=260)),
        x=alt.X("_y:Q", scale=scale,
                title=word("value_axis", unit=axis_unit) + (word("log_scale") if log and positive else "")),
        **extra,
        color=alt.Color("_role:N", scale=role_scale(), title=heading("role")),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.55)),
        tooltip=_tooltips(),
    ).add_params(pick)
    title = word("largest_title", unit=axis_unit, base=unit, n=len(data), total=total)
    return ChartData(chart.properties(title=title, height=alt.Step(24), width="container"),
                     True, len(data))


def picked_ids(state: Any, param: str = PICK) -> list[int]:
    """Row ids (``_id``) a chart selection state holds (``st.altair_chart(on_select=...)``)."""
    try:
        sel = state["selection"][param]
    except (KeyError, TypeError, IndexError):
        return []
    items = sel if isinstance(sel, list) else [sel]
    out = []
    for item in items:
        if isinstance(item, Mapping) and "_id" in item:
            try:
                out.append(int(item["_id"]))
            except (TypeError, ValueError):
                continue
    return out


# --------------------------------------------------------------------------- sentences


def _find(sentence: str, mention: str) -> tuple[int, int] | None:
    if not mention:
        return None
    i = sentence.find(mention)
    if i >= 0:
        return i, i + len(mention)
    # the mention keeps the layout's spaces and line breaks; the sentence has them removed
    core = "".join(mention.split())
    squeezed, index = [], []
    for k, ch in enumerate(sentence):
        if not ch.isspace():
            squeezed.append(ch)
            index.append(k)
    j = "".join(squeezed).find(core)
    if j < 0 or not core:
        return None
    return index[j], index[j + len(core) - 1] + 1


def _cell_span(row: str, mention: str) -> tuple[int, int] | None:
    """Where a table cell stands in its row's line (a whole cell, not part of a longer number)."""
    pos = 0
    for cell in row.split(" "):
        if cell == mention:
            return pos, pos + len(cell)
        pos += len(cell) + 1
    return _find(row, mention)


def table_row_html(sentence: str, mention: str) -> str:
    """A table figure's sentence (caption, header and row, one per line) as HTML: the caption and the
    header small above the row, the cell marked in the row."""
    *above, row = sentence.split("\n")
    span = _cell_span(row, mention)
    e = html.escape
    row_html = e(row) if span is None else (
        e(row[:span[0]]) + "<mark>" + e(row[span[0]:span[1]]) + "</mark>" + e(row[span[1]:]))
    head = "".join(f'<div style="font-size:.8em;opacity:.7">{e(x)}</div>' for x in above)
    return f"{head}<div>{row_html}</div>"


def highlight_html(sentence: str, mention: str) -> str:
    """The sentence as HTML with the figure in ``<mark>``; all document text is escaped. A table
    figure's sentence (lines: caption, header, row) shows its row under its header."""
    if "\n" in sentence:
        return table_row_html(sentence, mention)
    span = _find(sentence, mention)
    if span is None:
        return html.escape(sentence)
    a, b = span
    return (html.escape(sentence[:a]) + "<mark>" + html.escape(sentence[a:b]) + "</mark>"
            + html.escape(sentence[b:]))


def context_html(row: Mapping[str, Any]) -> str:
    """A card for one figure: where it stands (document › topic › article, source), its
    sentence with the figure highlighted, and what it was read as. Text is escaped."""
    e = html.escape
    where = " › ".join(e(str(row.get(c) or "")) for c in ("doc", "topic", "article") if row.get(c))
    source = e(word("source", source=row["source"])) if row.get("source") else ""
    facts = [
        (heading("value"), row.get("_value_text")
         or format_value(row.get("value"), row.get("unit", ""), row.get("value_max"))),
        (heading("metric"), row.get("metric")), (heading("subject"), row.get("subject")),
        (heading("period"), row.get("period")), (heading("role"), role_label(str(row.get("role", "")))),
        (heading("bound"), config()["bounds"].get(str(row.get("bound", "")), row.get("bound"))),
    ]
    facts_html = " · ".join(f"{k}：<b>{e(str(v))}</b>" for k, v in facts if v)
    return (
        '<div style="border-left:4px solid #d62728;padding:.4em .8em;margin:.3em 0 1em 0;'
        'background:rgba(127,127,127,.06)">'
        f'<div style="font-size:.85em;opacity:.75">{where}{source}</div>'
        f'<div style="font-size:1.05em;line-height:1.7;margin:.3em 0">'
        f'{highlight_html(str(row.get("sentence", "")), str(row.get("mention", "")))}</div>'
        f'<div style="font-size:.85em">{facts_html}</div></div>'
    )


# --------------------------------------------------------------------------- table view

#: Display columns of the table view, in order (headings: :func:`heading`).
TABLE_VIEW: tuple[str, ...] = ("_badge", "mention", "_value_text", "metric", "subject", "period", "bound", "unit",
                               "topic", "article", "source", "doc", "sentence", "value")


def table_view(df: pd.DataFrame) -> pd.DataFrame:
    """The prepared rows as the dashboard's table shows them (bounds in words)."""
    out = df.loc[:, list(TABLE_VIEW)].copy()
    out["bound"] = out["bound"].map(lambda b: config()["bounds"].get(b, b))
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------- downloads


def chinese_headers(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with its columns under their Chinese headings (:func:`heading`)."""
    return df.rename(columns={c: heading(c) for c in df.columns})


def csv_bytes(df: pd.DataFrame, chinese: bool = False) -> bytes:
    """The rows as the CSV :func:`~extract.table.write_table` writes (UTF-8 with BOM, COLUMNS order);
    ``chinese`` puts Chinese headings over the columns (such a file is for people, not for re-upload)."""
    table = table_columns(df) if set(COLUMNS) <= set(df.columns) else df
    table = table.reset_index(drop=True)
    if chinese:
        return safety.neutralised(chinese_headers(table)).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "figures.csv"
        write_table(table, p)
        return p.read_bytes()


def xlsx_bytes(df: pd.DataFrame, chinese: bool = False) -> bytes:
    """The rows as an Excel workbook (one sheet, the table's columns; Chinese headings if ``chinese``;
    no cell a formula)."""
    table = safety.for_xlsx(table_columns(df).reset_index(drop=True))
    buf = io.BytesIO()
    (chinese_headers(table) if chinese else table).to_excel(buf, index=False, sheet_name="figures", engine="openpyxl")
    return buf.getvalue()


def chart_png(chart: alt.TopLevelMixin, scale: float = 2.0) -> bytes:
    """The chart as PNG (rendered by vl-convert)."""
    import vl_convert as vlc

    return vlc.vegalite_to_png(_static_spec(chart), scale=scale)


def chart_svg(chart: alt.TopLevelMixin) -> str:
    """The chart as SVG (rendered by vl-convert)."""
    import vl_convert as vlc

    return vlc.vegalite_to_svg(_static_spec(chart))


def _static_spec(chart: alt.TopLevelMixin) -> dict:
    spec = chart.to_dict()
    if spec.get("width") == "container":  # no container outside the page
        spec["width"] = 640
    return spec


# --------------------------------------------------------------------------- target vs reported


#: Pairing statuses, in the order the dashboard lists them (see :mod:`extract.pairing`).
STATUSES: tuple[str, ...] = pairing.STATUSES


def target_pairs(df: pd.DataFrame, mapping: str | Path | None = None,
                 tolerance: float = 0.05) -> pd.DataFrame:
    """Every target or forecast figure of ``df`` beside the reported (actual) figure for it.

    The pairing is :func:`extract.compare`'s (same metric, subject, period and unit;
    the user's corrections in the ``mapping`` file applied). Columns: :data:`PAIR_COLUMNS`,
    ``period_source``, ``target_key``/``actual_key`` (row keys, see :func:`row_keys`), and
    ``target_id``/``actual_id`` (the rows' ``_id`` in ``df`` if it is prepared, else -1).
    """
    table = table_columns(df) if set(COLUMNS) <= set(df.columns) else normalise(df)
    return with_ids(pairing.paired(table, mapping=mapping, tolerance=tolerance), df)


def with_ids(found: pairing.Paired, df: pd.DataFrame) -> pd.DataFrame:
    """:func:`extract.pairing.pairs_frame` of ``found`` (pairs of ``df``'s rows) with each pair's
    ``target_id``/``actual_id``: its rows' ``_id`` in ``df``, else -1."""
    pairs = pairing.pairs_frame(found.pairs)
    at = np.asarray(found.positions, dtype=np.int64).reshape(-1, 2)
    ids = np.append(df["_id"].to_numpy(dtype=np.int64), -1) if "_id" in df.columns else np.full(len(df) + 1, -1)
    pairs["target_id"], pairs["actual_id"] = ids[at[:, 0]], ids[at[:, 1]]  # position -1: the -1 at the end
    return pairs


@dataclass(frozen=True)
class Pairing:
    """Every goal of the data with its result, for the 目标与实际 and 指标跟踪 tabs: the pairs
    (:func:`with_ids`) and every indicator's series (:func:`extract.pairing.track`); ``None`` each when
    the rows that can pair were more than the limit, ``rows`` saying how many they were."""

    pairs: pd.DataFrame | None
    series: pd.DataFrame | None
    rows: int


def pairing_of(table: pd.DataFrame | None, rows: int, mapping: str | Path | None = None,
               tolerance: float = 0.05) -> Pairing:
    """The :class:`Pairing` of a table (of :meth:`extract.query.Figures.pairing_table`'s rows, or None
    when those were too many); ``rows`` is how many of them can pair."""
    if table is None:
        return Pairing(None, None, rows)
    found = pairing.paired(table, mapping=mapping, tolerance=tolerance)
    return Pairing(with_ids(found, table), pairing.track_series(found), rows)


def format_gap(gap: float | None, unit: str) -> str:
    """A gap in the target's unit, signed, as people write it: ``-2.5个百分点``, ``+106万人``."""
    if gap is None or gap != gap:
        return ""
    sign = "+" if gap > 0 else "-" if gap < 0 else ""
    if unit == "%":
        return f"{sign}{format_number(abs(gap))}{word('gap_points')}"
    return sign + format_value(abs(gap), unit)


def pairs_view(pairs: pd.DataFrame) -> pd.DataFrame:
    """The pairs as the dashboard's table shows them: formatted values, status in words, the gap
    in the target's unit."""
    h = config()["pair_columns"]
    units = pairs["unit"].tolist()
    out = pd.DataFrame({
        h["status"]: [status_badge(s) for s in pairs["status"]],
        h["metric"]: pairs["metric"], h["subject"]: pairs["subject"], h["period"]: pairs["period"],
        h["role"]: pairs["role"].map(role_label),
        h["target"]: [format_value(v, u) for v, u in zip(pairs["target_value"], units, strict=True)],
        h["actual"]: [format_value(v, u) if v == v and v is not None else ""
                      for v, u in zip(pairs["actual_value"], units, strict=True)],
        h["gap"]: [format_gap(g, u) for g, u in zip(pd.to_numeric(pairs["gap"], errors="coerce"), units, strict=True)],
        h["target_mention"]: pairs["target_mention"], h["actual_mention"]: pairs["actual_mention"],
        h["target_doc"]: pairs["target_doc"], h["actual_doc"]: pairs["actual_doc"],
    })
    return out.reset_index(drop=True)


def units_by_decided(pairs: pd.DataFrame) -> list[str]:
    """The units of pairs that have a result, the unit with the most decided pairs first."""
    decided = pairs[pd.to_numeric(pairs["actual_value"], errors="coerce").notna()]
    return list(decided["unit"].value_counts().index)


def status_colour(status: str) -> str:
    """The colour a status is drawn in (the bullet chart's, and the pairs table's text)."""
    return config()["status_colours"].get(status, "")


def status_badge(status: str) -> str:
    """A status with its mark (``✓ 达成``)."""
    return f"{config()['status_badges'].get(status, '')} {status_label(status)}".strip()


def bullet_chart(pairs: pd.DataFrame, unit: str) -> alt.LayerChart:
    """Target marks against actual bars for the pairs in ``unit`` that have both."""
    actual = pd.to_numeric(pairs["actual_value"], errors="coerce")
    both = pairs[(pairs["unit"] == unit) & actual.notna()]
    rows = both.head(BULLET_ROWS).copy()
    rows["actual_value"] = pd.to_numeric(rows["actual_value"])
    factor, axis_unit = axis_scale(pd.concat([rows["target_value"], rows["actual_value"]]), unit)
    rows["_t"] = rows["target_value"] / factor
    rows["_a"] = rows["actual_value"] / factor
    rows["_label"] = [f"{i}. {m[:18]}" + (f"（{p}）" if p else "")
                      for i, (m, p) in enumerate(zip(rows["metric"], rows["period"], strict=True), 1)]
    rows["_status"] = rows["status"].map(status_label)
    rows["_target_text"] = [format_value(v, unit) for v in rows["target_value"]]
    rows["_actual_text"] = [format_value(v, unit) for v in rows["actual_value"]]
    colours = config()["status_colours"]
    status_scale = alt.Scale(domain=[status_label(s) for s in colours], range=list(colours.values()))
    data = rows.loc[:, ["_label", "_t", "_a", "_status", "_target_text", "_actual_text", "metric", "period",
                        "target_mention", "actual_mention"]]
    h = config()["pair_columns"]
    tips = [alt.Tooltip("metric:N", title=h["metric"]), alt.Tooltip("period:N", title=h["period"]),
            alt.Tooltip("_target_text:N", title=h["target"]), alt.Tooltip("_actual_text:N", title=h["actual"]),
            alt.Tooltip("_status:N", title=h["status"])]
    y = alt.Y("_label:N", sort=list(data["_label"]), title=None, axis=alt.Axis(labelLimit=260))
    base = alt.Chart(data)
    bars = base.mark_bar(height=12).encode(
        y=y, x=alt.X("_a:Q", title=word("value_axis", unit=axis_unit)),
        color=alt.Color("_status:N", scale=status_scale, title=h["status"]), tooltip=tips)
    ticks = base.mark_tick(color="black", thickness=3, size=22).encode(y=y, x="_t:Q", tooltip=tips)
    title = word("bullet_title", unit=unit)
    if len(both) > len(rows):
        title += word("bullet_more", shown=len(rows), total=len(both))
    return (bars + ticks).properties(title=title, height=alt.Step(30), width="container")


# --------------------------------------------------------------------------- indicator tracker

#: The mark a goal is drawn with, by its bound: an arrow up for a floor (以上), down for a ceiling.
GOAL_SHAPES: dict[str, str] = {"lower": "triangle-up", "upper": "triangle-down", "approx": "diamond",
                               "exact": "diamond"}


def track_points(series: pd.DataFrame, indicator: str, tolerance: float = pairing.TOLERANCE) -> pd.DataFrame:
    """The points of one indicator of a :func:`extract.pairing.track` series, ready to draw:
    ``_y`` (value in the axis unit), ``_lo``/``_hi`` (a 左右 goal's tolerance band, a range's ends),
    texts for the tooltips, and ``_id`` (the point's row in ``series``)."""
    rows = series[series["indicator"] == indicator].copy()
    unit = str(rows["unit"].iloc[0]) if len(rows) else ""
    factor, _axis = axis_scale(rows["value"], unit)
    rows["_id"] = rows.index.astype("int64")
    rows["_y"] = rows["value"] / factor
    band = rows["bound"].eq("approx") & rows["kind"].ne("actual")
    ranged = rows["value_max"].notna() & rows["kind"].ne("actual")
    rows["_lo"] = (rows["value"] * (1 - tolerance)).where(band).where(~ranged, rows["value"]) / factor
    rows["_hi"] = (rows["value"] * (1 + tolerance)).where(band).where(~ranged, rows["value_max"]) / factor
    rows["_role"] = rows["kind"].map(role_label)
    rows["_bound"] = rows["bound"].map(lambda b: config()["bounds"].get(b, b))
    rows["_status"] = rows["status"].map(lambda s: status_badge(s) if s else "")
    rows["_value_text"] = [format_value(v, unit, m) for v, m in zip(rows["value"], rows["value_max"], strict=True)]
    s = rows["sentence"].fillna("")
    rows["_sentence"] = s.where(s.str.len() <= 120, s.str.slice(0, 118) + "…")
    rows["period"] = rows["year"].astype(str)
    return rows


def track_chart(series: pd.DataFrame, indicator: str, tolerance: float = pairing.TOLERANCE) -> ChartData:
    """One indicator across years: each year's result as a line, each year's goal as a marker
    (an arrow up for 以上, down for 以内/不超过, a band for 左右 and for a range); click a point
    to select it (:data:`PICK`)."""
    data = track_points(series, indicator, tolerance)
    unit = str(data["unit"].iloc[0]) if len(data) else ""
    _factor, axis_unit = axis_scale(data["value"], unit)
    data = data.loc[:, ["_id", "year", "kind", "_y", "_lo", "_hi", "_role", "_bound", "_status", "_value_text",
                        "mention", "doc", "_sentence", "bound"]]
    pick = alt.selection_point(name=PICK, fields=["_id"], on="click")
    x = alt.X("year:O", title=word("year_axis"), axis=alt.Axis(labelAngle=0))
    y = alt.Y("_y:Q", title=word("value_axis", unit=axis_unit), scale=alt.Scale(zero=False))
    tips = [alt.Tooltip("year:O", title=word("year_axis")), alt.Tooltip("_role:N", title=heading("role")),
            alt.Tooltip("_value_text:N", title=heading("value")), alt.Tooltip("_bound:N", title=heading("bound")),
            alt.Tooltip("_status:N", title=config()["pair_columns"]["status"]),
            alt.Tooltip("mention:N", title=heading("mention")), alt.Tooltip("doc:N", title=heading("doc")),
            alt.Tooltip("_sentence:N", title=heading("sentence"))]
    colour = alt.Color("_role:N", scale=role_scale(), title=heading("role"))
    base = alt.Chart(data)
    results = base.transform_filter("datum.kind == 'actual'")
    goals = base.transform_filter("datum.kind != 'actual'")
    line = results.mark_line(strokeWidth=2).encode(x=x, y=y, color=colour)
    dots = results.mark_point(filled=True, size=90).encode(
        x=x, y=y, color=colour, tooltip=tips, opacity=alt.condition(pick, alt.value(1.0), alt.value(0.5)))
    band = goals.transform_filter("isValid(datum._lo)").mark_rule(strokeWidth=14, opacity=0.25).encode(
        x=x, y="_lo:Q", y2="_hi:Q", color=colour)
    shapes = alt.Scale(domain=list(GOAL_SHAPES), range=list(GOAL_SHAPES.values()))
    marks = goals.mark_point(filled=True, size=220).encode(
        x=x, y=y, color=colour, tooltip=tips,
        shape=alt.Shape("bound:N", scale=shapes, legend=None),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.6)))
    chart = alt.layer(band, line, dots, marks).add_params(pick) if len(data) else alt.layer(dots)
    title = word("track_title", indicator=indicator)
    return ChartData(chart.properties(title=title, height=360, width="container"), True, len(data))


def track_row(series: pd.DataFrame, point_id: int) -> dict[str, Any]:
    """A series point as a figure row for :func:`context_html` (its sentence, mention, role, bound)."""
    r = series.loc[point_id]
    return {"doc": r["doc"], "sentence": r["sentence"], "mention": r["mention"], "metric": r["metric"],
            "subject": r["subject"], "period": str(r["year"]), "role": r["kind"], "bound": r["bound"],
            "_value_text": format_value(r["value"], r["unit"], r["value_max"])}

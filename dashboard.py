"""指标看板 — the zhibiao dashboard: every figure of a set of Chinese documents, as charts and a table.

Run ``streamlit run dashboard.py``. It opens on the sample corpus in ``data/`` (or the files and
folders named by ``$ZHIBIAO_DATA``, separated by ``os.pathsep``); more documents or previously
exported tables (CSV/JSONL/Parquet) can be uploaded in the sidebar. The sidebar's filters drive every
chart, the table and the downloads, and are kept in the page's URL so a view can be shared.

This file is the user interface only; loading, filtering, formatting, aggregation and the charts
themselves live in :mod:`extract.view`, pairing and the tracker in :mod:`extract.pairing`, and the
page's words in ``extract/data/view.toml`` (:func:`extract.view.ui`).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from extract import pairing, readers, view

HERE = Path(__file__).resolve().parent
#: Environment variable naming the mapping file where pairing corrections are saved.
MAPPING_ENV = "ZHIBIAO_MAPPING"
ui = view.ui

st.set_page_config(page_title=ui("page_title"), page_icon="📊", layout="wide")
# headline figures such as 134.9万亿元 fit their cards at a slightly smaller size (a fixed style, no document text)
st.html("<style>[data-testid='stMetricValue'] > div { font-size: 1.55rem; }</style>" + view.uploader_style())


# --------------------------------------------------------------------------- cached steps


@st.cache_data(show_spinner=False, max_entries=512)
def load_file(name: str, data: bytes) -> view.Loaded:
    """One file's rows (cached by its name and content)."""
    return view.load_blob(name, data)


@st.cache_resource(show_spinner=False, max_entries=4)
def prepared_table(key: str, _files: tuple[tuple[str, bytes], ...]) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """All loaded rows with the display columns, shared read-only (cached by the files' content key)."""
    loaded = view.combine([load_file(name, data) for name, data in _files])
    return view.prepare(loaded.table), loaded.errors


@st.cache_data(show_spinner=False, max_entries=16)
def table_download(key: str, kind: str, chinese: bool, _rows: pd.DataFrame) -> bytes:
    """The filtered rows as CSV or Excel bytes (cached by the data and filter key)."""
    return view.csv_bytes(_rows, chinese) if kind == "csv" else view.xlsx_bytes(_rows, chinese)


@st.cache_data(show_spinner=False, max_entries=4)
def pairs_for(key: str, mapping: str, mapping_stamp: float, _table: pd.DataFrame) -> pd.DataFrame:
    """Target/actual pairs over all loaded rows (cached by data, mapping file and its mtime)."""
    return view.target_pairs(_table, mapping=mapping or None)


@st.cache_data(show_spinner=False, max_entries=4)
def series_for(key: str, mapping: str, mapping_stamp: float, _table: pd.DataFrame) -> pd.DataFrame:
    """Every indicator's goals and results by year (cached like :func:`pairs_for`)."""
    return pairing.track(view.table_columns(_table), mapping=mapping or None)


@st.cache_resource(show_spinner=False)
def warm_chart_renderer() -> threading.Thread:
    """Start the PNG/SVG renderer in the background, so the first image download is quick."""
    thread = threading.Thread(target=view.warm_up_images, daemon=True)
    thread.start()
    return thread


# --------------------------------------------------------------------------- data


def gather_files() -> list[tuple[str, bytes]]:
    """The sample corpus and the uploads, as (name, content); an upload replaces a namesake."""
    files: dict[str, bytes] = {}
    if st.session_state.get("use_sample", True):
        for p in view.corpus_files(HERE):
            files[p.name] = p.read_bytes()
    for up in st.session_state.get("uploads") or []:
        files[up.name] = up.getvalue()
    return list(files.items())


def sidebar_sources() -> None:
    st.sidebar.header(ui("data"))
    st.sidebar.file_uploader(
        ui("upload"), type=view.accepted_suffixes(), accept_multiple_files=True, key="uploads",
        help=ui("upload_help", docs="、".join(s.lstrip(".") for s in readers.SUPPORTED)),
    )
    names = "、".join(p.name for p in view.corpus_files(HERE)) or view.empty_label()
    st.sidebar.checkbox(ui("sample"), value=True, key="use_sample", help=ui("sample_help", names=names))


def sidebar_mapping() -> tuple[str, float]:
    """The mapping file (under 高级) and its modification time (0 when it does not exist yet)."""
    default = os.environ.get(MAPPING_ENV) or str(HERE / "data" / "mapping.toml")
    with st.sidebar.expander(ui("advanced"), expanded=False):
        mapping = st.text_input(ui("mapping_path"), value=default, key="mapping_path", help=ui("mapping_help"))
    stamp = Path(mapping).stat().st_mtime if mapping and Path(mapping).is_file() else 0.0
    return mapping, stamp


def _multi(label: str, options: list, key: str, placeholder: str, **kw: Any) -> list:
    return st.sidebar.multiselect(label, options, key=key, bind="query-params", placeholder=placeholder,
                                  select_all=False, **kw)


def sidebar_filters(t: pd.DataFrame) -> view.Filters:
    sb = st.sidebar
    sb.header(ui("filters"))
    docs = _multi(ui("f_doc"), view.options(t, "doc"), "doc", ui("f_doc_all"))
    topics = _multi(ui("f_topic"), view.options(t, "topic"), "topic", ui("f_topic_all"))
    sources = _multi(ui("f_source"), view.options(t, "source"), "source", ui("f_source_all"))
    articles = _multi(ui("f_article"), view.options(t, "article"), "article", ui("f_article_all"))
    families = _multi(ui("f_family"), view.options(t, "_family"), "family", ui("f_family_all"),
                      format_func=view.family_label)
    roles = _multi(ui("f_role"), view.options(t, "role"), "role", ui("f_role_all"), format_func=view.role_label)
    period = None
    yr = view.year_range(t)
    if yr is not None and yr[0] < yr[1]:
        lo, hi = sb.slider(ui("f_period"), yr[0], yr[1], yr, key="period", bind="query-params")
        if (lo, hi) != yr:
            period = (lo, hi)
    undated = sb.checkbox(ui("f_undated"), value=True, key="undated", bind="query-params")
    text = sb.text_input(ui("f_search"), key="q", bind="query-params", placeholder=ui("f_search_hint"))
    return view.Filters(docs=tuple(docs), topics=tuple(topics), sources=tuple(sources),
                        articles=tuple(articles), families=tuple(families), roles=tuple(roles),
                        period=period, undated=undated, text=text)


# --------------------------------------------------------------------------- pieces of the page


def chart_downloads(chart: Any, name: str, key: str) -> None:
    """PNG and SVG download buttons for a chart, rendered when clicked (the page does not rerun,
    so the file is still there when the browser asks for it)."""
    row = st.container(horizontal=True)
    row.download_button("PNG", data=lambda: view.chart_png(chart), file_name=f"{name}.png",
                        mime="image/png", key=f"png_{key}", icon=":material/image:", on_click="ignore")
    row.download_button("SVG", data=lambda: view.chart_svg(chart), file_name=f"{name}.svg",
                        mime="image/svg+xml", key=f"svg_{key}", icon=":material/draw:", on_click="ignore")


def show_picked(t: pd.DataFrame, ids: list[int]) -> None:
    """The sentence of each picked figure, the figure highlighted (document text is escaped)."""
    for i in ids[:5]:
        hit = t[t["_id"] == i]
        if len(hit):
            st.html(view.context_html(hit.iloc[0].to_dict()))


def count_panel(rows: pd.DataFrame, by: str, grouped: bool) -> None:
    """Bars of figures per section or source; rows without one are counted in a caption, not drawn."""
    labelled = rows[rows[by] != ""]
    missing = view.unlabelled(rows, by)
    what = ui(f"{by}_axis")
    if labelled.empty:
        st.caption(ui("nothing_labelled", what=what))
        return
    c = view.count_chart(labelled, by, ui(f"by_{by}"), what, grouped)
    st.altair_chart(c, key=f"chart_{by}")
    if missing:
        st.caption(ui(f"unlabelled_{by}", n=f"{missing:,}"))
    chart_downloads(c, f"figures-by-{by}", by)


def charts_tab(t: pd.DataFrame, rows: pd.DataFrame) -> None:
    if rows.empty:
        st.info(ui("none_match"))
        return
    grouped = st.toggle(ui("grouped"), value=False, key="grouped")
    left, right = st.columns(2)
    with left:
        count_panel(rows, "topic", grouped)
    with right:
        count_panel(rows, "source", grouped)

    st.subheader(ui("over_time"))
    dated = rows[rows["_when"].notna() & (rows["metric"] != "")]
    if dated.empty:
        st.caption(ui("no_dated"))
    else:
        c1, c2, c3 = st.columns(3)
        fam = c1.selectbox(ui("family"), view.options(dated, "_family"), format_func=view.family_label,
                           key="series_family")
        in_fam = dated[dated["_family"] == fam]
        unit = c2.selectbox(ui("unit"), view.units_by_count(in_fam), key="series_unit")
        metric = c3.selectbox(ui("metric"), view.metrics_by_count(in_fam[in_fam["unit"] == unit]),
                              key="series_metric")
        sc = view.series_chart(dated, unit, metric or "")
        ev = st.altair_chart(sc.chart, key="chart_series", on_select="rerun" if sc.selectable else "ignore")
        st.caption(ui("series_help") if sc.selectable else ui("series_aggregated"))
        chart_downloads(sc.chart, "values-over-period", "series")
        show_picked(t, view.picked_ids(ev))

    st.subheader(ui("largest"))
    c1, c2, c3, c4 = st.columns([2, 2, 1, 1])
    fam = c1.selectbox(ui("family"), view.options(rows, "_family"), format_func=view.family_label,
                       key="largest_family")
    in_fam = rows[rows["_family"] == fam]
    unit = c2.selectbox(ui("unit"), view.units_by_count(in_fam), key="largest_unit")
    n = c3.number_input(ui("largest_n"), min_value=5, max_value=100, value=20, step=5, key="largest_n")
    log = c4.toggle(ui("log"), value=False, key="largest_log")
    lc = view.largest_chart(rows, unit, int(n), log)
    ev = st.altair_chart(lc.chart, key="chart_largest", on_select="rerun")
    st.caption(ui("click_bar"))
    chart_downloads(lc.chart, "largest-figures", "largest")
    show_picked(t, view.picked_ids(ev))


def table_tab(t: pd.DataFrame, rows: pd.DataFrame, download_key: str) -> None:
    st.caption(ui("table_caption", n=f"{len(rows):,}"))
    shown = view.table_view(rows)
    h = view.heading
    text = st.column_config.TextColumn
    cfg = {
        "_badge": text(h("_badge"), width=80),
        "mention": text(h("mention"), width=130),
        "_value_text": text(h("_value_text"), width=110),
        "metric": text(h("metric"), width=260),
        "subject": text(h("subject"), width=110),
        "period": text(h("period"), width=140),
        "bound": text(h("bound"), width=70),
        "unit": text(h("unit"), width=60),
        "topic": text(h("topic"), width=180),
        "article": text(h("article"), width=240),
        "source": text(h("source"), width=140),
        "doc": text(h("doc"), width=160),
        "sentence": text(h("sentence"), width=600),
        "value": st.column_config.NumberColumn(h("value") + "↕", help=ui("sort_value"), format="localized",
                                               width=140),
    }
    ev = st.dataframe(shown, column_config=cfg, hide_index=True, on_select="rerun",
                      selection_mode="single-row", key="figures_table", height=420, placeholder="—")
    picked = list(getattr(getattr(ev, "selection", None), "rows", []) or [])
    if picked:
        st.html(view.context_html(rows.iloc[picked[0]].to_dict()))
    downloads(rows, download_key)


def downloads(rows: pd.DataFrame, download_key: str) -> None:
    """CSV (made at once, cached) and Excel (made when clicked: a large workbook takes a while);
    neither click reruns the page, so the file is still there when the browser asks for it."""
    row = st.container(horizontal=True, vertical_alignment="center")
    chinese = row.toggle(ui("chinese_headers"), value=False, key="dl_chinese", help=ui("chinese_headers_help"))
    row.download_button(ui("download_csv"), data=table_download(download_key, "csv", chinese, rows),
                        file_name="figures.csv", mime="text/csv", key="dl_csv", icon=":material/download:",
                        on_click="ignore")
    row.download_button(ui("download_xlsx"), data=lambda: table_download(download_key, "xlsx", chinese, rows),
                        file_name="figures.xlsx",
                        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        key="dl_xlsx", icon=":material/table:", on_click="ignore")


def all_pairs(t: pd.DataFrame, rows: pd.DataFrame, data_key: str, mapping: str, stamp: float) -> pd.DataFrame | None:
    """Every goal of the table with its result, or None (with a message) when it cannot be paired."""
    source, source_key = t, data_key
    if len(t) > view.PAIR_LIMIT:  # a very large table: pair within the filtered rows only
        if len(rows) > view.PAIR_LIMIT:
            st.warning(ui("too_many", n=f"{len(rows):,}", limit=f"{view.PAIR_LIMIT:,}"))
            return None
        st.caption(ui("pair_within"))
        source, source_key = rows, f"{data_key}|{rows['_id'].sum()}|{len(rows)}"
    try:
        with st.spinner(ui("pairing")):
            return pairs_for(source_key, mapping, stamp, source)
    except ValueError as e:
        st.error(ui("bad_mapping", error=e))
        return None


def targets_tab(t: pd.DataFrame, rows: pd.DataFrame, pairs: pd.DataFrame | None, mapping: str) -> None:
    if pairs is None:
        return
    pairs = pairs[pairs["target_id"].isin(rows["_id"])]  # targets the filters select
    statuses = st.multiselect(ui("status"), list(view.STATUSES), format_func=view.status_badge, key="status",
                              bind="query-params", placeholder=ui("status_all"), select_all=False)
    if statuses:
        pairs = pairs[pairs["status"].isin(statuses)]
    if pairs.empty:
        st.info(ui("no_goals"))
        return
    cols = st.columns(len(view.STATUSES))
    for col, s in zip(cols, view.STATUSES, strict=True):
        col.metric(view.status_badge(s), int((pairs["status"] == s).sum()))

    units = view.units_by_decided(pairs)
    if units:
        unit = st.selectbox(ui("chart_unit"), units, key="bullet_unit")
        bc = view.bullet_chart(pairs, unit)
        st.altair_chart(bc, key="chart_bullet")
        chart_downloads(bc, "target-vs-actual", "bullet")
    else:
        st.caption(ui("no_results_yet"))

    st.caption(ui("status_rule", tol=view.format_number(pairing.TOLERANCE * 100)))
    st.caption(ui("pick_pair"))
    shown: Any = view.pairs_view(pairs)
    status_col = view.config()["pair_columns"]["status"]
    if len(shown) <= 5000:  # colour the status column (styles cost time on very long tables)
        colour = {view.status_badge(s): view.status_colour(s) for s in view.STATUSES}
        shown = shown.style.map(lambda v: f"color: {colour.get(v, '')}; font-weight: 600", subset=[status_col])
    h = view.config()["pair_columns"]
    widths = {"status": 90, "metric": 240, "subject": 100, "period": 80, "role": 60, "target": 110, "actual": 110,
              "gap": 120, "target_mention": 140, "actual_mention": 120, "target_doc": 140, "actual_doc": 140}
    ev = st.dataframe(shown, hide_index=True, on_select="rerun", selection_mode="single-row",
                      key="pairs_table", height=320, placeholder="—",
                      column_config={h[c]: st.column_config.TextColumn(h[c], width=w) for c, w in widths.items()})
    picked = list(getattr(getattr(ev, "selection", None), "rows", []) or [])
    if not picked:
        return
    pair = pairs.iloc[picked[0]]
    left, right = st.columns(2)
    tgt = t[t["_id"] == pair["target_id"]]
    act = t[t["_id"] == pair["actual_id"]]
    with left:
        st.markdown(f"**{view.role_label(pair['role'])}**")
        if len(tgt):
            st.html(view.context_html(tgt.iloc[0].to_dict()))
    with right:
        st.markdown(f"**{ui('actual')}**")
        if len(act):
            st.html(view.context_html(act.iloc[0].to_dict()))
        else:
            st.caption(ui("no_actual"))
    correction_form(t, pair, mapping)


def correction_form(t: pd.DataFrame, pair: pd.Series, mapping: str) -> None:
    with st.expander(ui("correct"), expanded=False):
        cands = view.actual_candidates(t, pair)
        options = list(cands["_key"])
        labels = {k: " · ".join([r["_value_text"], r["metric"] or r["mention"], r["period"] or ui("no_period"),
                                 r["doc"]])
                  for k, r in zip(cands["_key"], cands.to_dict("records"), strict=True)}
        choice = st.selectbox(ui("choose_actual"), options, format_func=lambda k: labels.get(k, k),
                              key="pair_choice", index=None, placeholder=ui("choose_placeholder"))
        c1, c2, c3 = st.columns(3)
        target_key, actual_key = str(pair["target_key"]), str(pair["actual_key"] or "")
        try:
            if c1.button(ui("save_pair"), disabled=choice is None, key="pair_save"):
                pairing.save_correction(mapping, target_key=target_key, actual_key=str(choice))
                st.rerun()
            if c2.button(ui("reject"), key="pair_reject", help=ui("reject_help")):
                pairing.save_correction(mapping, target_key=target_key, actual_key=actual_key or None, reject=True)
                st.rerun()
            if c3.button(ui("undo"), key="pair_undo"):
                pairing.clear_corrections(mapping, target_key)
                st.rerun()
        except (OSError, ValueError) as e:
            st.error(ui("cannot_save", error=e))


def track_tab(t: pd.DataFrame, rows: pd.DataFrame, data_key: str, mapping: str, stamp: float) -> None:
    """One indicator across documents and years; opens on the indicator with the most decided pairs."""
    try:
        series = series_for(data_key, mapping, stamp, t)
    except ValueError as e:
        st.error(ui("bad_mapping", error=e))
        return
    series = series[series["doc"].isin(set(rows["doc"]))]
    names = pairing.indicators(series)
    if not names:
        st.info(ui("no_indicators"))
        return
    indicator = st.selectbox(ui("indicator"), names, key="indicator", bind="query-params")
    tc = view.track_chart(series, indicator)
    ev = st.altair_chart(tc.chart, key="chart_track", on_select="rerun")
    st.caption(ui("track_help", tol=view.format_number(pairing.TOLERANCE * 100)))
    chart_downloads(tc.chart, "indicator-track", "track")
    for i in view.picked_ids(ev)[:5]:
        if i in series.index:
            st.html(view.context_html(view.track_row(series, i)))
    one = series[series["indicator"] == indicator]
    st.download_button(ui("download_series"), data=view.csv_bytes(one),
                       file_name="series.csv", mime="text/csv", key="dl_series", icon=":material/download:",
                       on_click="ignore")


# --------------------------------------------------------------------------- page


def main() -> None:
    warm_chart_renderer()
    sidebar_sources()
    files = gather_files()
    key = view.content_key(files)
    with st.spinner(ui("loading")):
        t, errors = prepared_table(key, tuple(files))

    st.title(ui("title"))
    for name, reason in errors:
        st.error(ui("cannot_read", name=name, reason=reason), icon=":material/error:")
    if t.empty:
        st.info(ui("no_figures") if not errors else ui("no_figures_rest"))

    f = sidebar_filters(t)
    mapping, stamp = sidebar_mapping()
    rows = view.apply_filters(t, f)
    st.caption(ui("summary", docs=t["doc"].nunique(), n=f"{len(t):,}", shown=f"{len(rows):,}"))

    pairs = all_pairs(t, rows, key, mapping, stamp) if 0 < len(t) <= view.HEADLINE_PAIR_LIMIT else None
    shown_pairs = pairs[pairs["target_id"].isin(rows["_id"])] if pairs is not None else None
    cards = view.headline(rows, shown_pairs) if len(rows) else []
    if cards:
        for col, (label, value, sentence) in zip(st.columns(len(cards)), cards, strict=True):
            col.metric(label, value, help=sentence or None, border=True)

    download_key = f"{key}|{f!r}"
    charts, table, targets, track = st.tabs(
        [ui("tab_charts"), ui("tab_table"), ui("tab_targets"), ui("tab_track")], key="tab", bind="query-params")
    if charts.open:
        with charts:
            charts_tab(t, rows)
    if table.open:
        with table:
            table_tab(t, rows, download_key)
    if targets.open:
        with targets:
            if pairs is None and len(t):
                pairs = all_pairs(t, rows, key, mapping, stamp)
            targets_tab(t, rows, pairs, mapping)
    if track.open:
        with track:
            track_tab(t, rows, key, mapping, stamp)


main()

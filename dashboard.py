"""指标看板 — the zhibiao dashboard: every figure of a set of Chinese documents, as charts and a table.

Run ``streamlit run dashboard.py``. It opens on the sample corpus in ``data/`` (or the files and
folders named by ``$ZHIBIAO_DATA``, separated by ``os.pathsep``); more documents or previously
exported tables (CSV/JSONL/Parquet) can be uploaded in the sidebar. ``streamlit run dashboard.py --
--db corpus.duckdb`` (or ``$ZHIBIAO_DB``, or the sidebar's 数据库 field) opens a store that
``zhibiao DOCS -o corpus.duckdb`` wrote instead, read where it lies: however many rows it holds, the
page asks DuckDB only for what it shows. ``-- --lexicon DIR`` (or ``$ZHIBIAO_LEXICON``) reads the
documents with edited copies of the language data files (``zhibiao lexicon DIR`` writes them). The
sidebar's filters drive every chart, the table and the downloads, and are kept in the page's URL so
a view can be shared.

This file is the user interface only; the questions asked of the data live in :mod:`extract.query`,
formatting and the charts in :mod:`extract.view`, pairing and the tracker in :mod:`extract.pairing`,
and the page's words in ``extract/data/view.toml`` (:func:`extract.view.ui`).
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from extract import pairing, query, readers, view
from extract.lexicon import Lexicon, LexiconError
from extract.table import no_cyclic_gc

HERE = Path(__file__).resolve().parent
#: Environment variable naming the mapping file where pairing corrections are saved.
MAPPING_ENV = "ZHIBIAO_MAPPING"
#: Environment variable naming a store to open (``--db`` on the command line wins).
DB_ENV = "ZHIBIAO_DB"
#: Environment variable naming a folder of edited language data files (``--lexicon`` wins).
LEXICON_ENV = "ZHIBIAO_LEXICON"
ui = view.ui

st.set_page_config(page_title=ui("page_title"), page_icon="📊", layout="wide")
# headline figures such as 134.9万亿元 fit their cards at a slightly smaller size (a fixed style, no document text)
st.html("<style>[data-testid='stMetricValue'] > div { font-size: 1.55rem; }</style>" + view.uploader_style())


# --------------------------------------------------------------------------- cached steps


@st.cache_data(show_spinner=False, max_entries=512)
def load_file(name: str, data: bytes, words: str, _lexicon: Lexicon | None) -> view.Loaded:
    """One file's rows, read with ``_lexicon`` (cached by its name and content and the lexicon's digest)."""
    return view.load_blob(name, data, lexicon=_lexicon)


@st.cache_resource(show_spinner=False, max_entries=4)
def loaded_figures(key: str, _files: tuple[tuple[str, bytes], ...], words: str = "",
                   _lexicon: Lexicon | None = None) -> tuple[query.Figures, list[tuple[str, str]]]:
    """All loaded rows in DuckDB, shared read-only (cached by the files' content key and the lexicon's digest)."""
    loaded = view.combine([load_file(name, data, words, _lexicon) for name, data in _files])
    return query.Figures.from_frame(loaded.table), loaded.errors


@st.cache_resource(show_spinner=False, max_entries=4)
def lexicon_of(folder: str, stamp: tuple[float, ...]) -> Lexicon:
    """The lexicon of an edited-data folder (cached by its path and its files' modification times)."""
    return Lexicon.from_folder(folder)


@st.cache_resource(show_spinner=False, max_entries=4)
def store_figures(path: str, stamp: tuple[float, int]) -> query.Figures:
    """A store's figures or a Parquet table's, read in place (cached by its path, modification time and size)."""
    return query.Figures.open(path)


@st.cache_data(show_spinner=False, max_entries=8)
def overview(key: str, _q: query.Figures) -> dict[str, Any]:
    """What the unfiltered data offers: its counts, each filter's options and the years (cached by data)."""
    opts = {c: _q.options(c) for c in view.FILTER_COLUMNS.values()}
    return {"summary": _q.summary(), "options": opts, "years": _q.year_range()}


@st.cache_resource(show_spinner=False, max_entries=4)
def pairing_for(key: str, mapping: str, mapping_stamp: float, _q: query.Figures, _f: view.Filters) -> view.Pairing:
    """Every goal of the rows ``_f`` selects with its result, and every indicator's series, from the rows
    that can pair (none when those are more than :data:`extract.view.PAIR_LIMIT`); shared read-only,
    cached by data (and filters), mapping file and its mtime."""
    table, n = _q.pairing_table(mapping or None, _f, limit=view.PAIR_LIMIT)
    # the rows and pairs made hold no reference cycles: the collections their numbers trigger find nothing
    with no_cyclic_gc():
        return view.pairing_of(table, n, mapping=mapping or None)


# --------------------------------------------------------------------------- data


def _command_line() -> argparse.Namespace:
    ap = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    ap.add_argument("--db", default="")
    ap.add_argument("--lexicon", default="")
    known, _rest = ap.parse_known_args(sys.argv[1:])
    return known


def default_store() -> str:
    """The store named on the command line (``-- --db PATH``) or by ``$ZHIBIAO_DB``, or ``""``."""
    return _command_line().db or os.environ.get(DB_ENV, "")


def lexicon_in_use() -> tuple[Lexicon | None, str, list[tuple[str, str]]]:
    """The lexicon the documents are read with (``-- --lexicon DIR`` or ``$ZHIBIAO_LEXICON``; ``None``: the
    package's own), its digest, and why a folder named cannot be read (the package's data is used then)."""
    folder = _command_line().lexicon or os.environ.get(LEXICON_ENV, "")
    if not folder:
        return None, "", []
    try:
        stamp = tuple(sorted(p.stat().st_mtime for p in Path(folder).glob("*.toml")))
        lex = lexicon_of(folder, stamp)
    except (LexiconError, OSError) as e:
        where = str(Path(folder))
        return None, "", [(folder, str(e).removeprefix(f"{where}: ").removeprefix(where + os.sep))]
    return lex, lex.digest(), []


def open_data() -> tuple[query.Figures, list[tuple[str, str]], str]:
    """The data the page shows, the files that could not be read, and a key that changes with the data:
    the store named in the sidebar, else the sample corpus and the uploads."""
    path = (st.session_state.get("db") or "").strip()
    if path:
        p = Path(path).expanduser()
        try:
            stamp = query.stamp(p)
            return store_figures(str(p), stamp), [], f"db|{p.resolve()}|{stamp}"
        except (OSError, ValueError) as e:
            reason = str(e).removeprefix(f"{p}: ")
            empty, _ = loaded_figures("", ())
            return empty, [(str(p), reason)], ""
    files = gather_files()
    lexicon, words, problems = lexicon_in_use()
    key = view.content_key(files) + words
    with st.spinner(ui("loading")):
        q, errors = loaded_figures(key, tuple(files), words, lexicon)
    return q, problems + errors, key


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
    sb = st.sidebar
    sb.header(ui("data"))
    if "db" not in st.session_state:
        st.session_state["db"] = default_store()
    in_store = bool(st.session_state["db"].strip())
    sb.file_uploader(
        ui("upload"), type=view.accepted_suffixes(), accept_multiple_files=True, key="uploads",
        help=ui("upload_help", docs="、".join(s.lstrip(".") for s in readers.SUPPORTED)), disabled=in_store,
    )
    names = "、".join(p.name for p in view.corpus_files(HERE)) or view.empty_label()
    sb.checkbox(ui("sample"), value=True, key="use_sample", help=ui("sample_help", names=names), disabled=in_store)
    sb.text_input(ui("db"), key="db", placeholder=ui("db_hint"), help=ui("db_help"))


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


def sidebar_filters(about: dict[str, Any]) -> view.Filters:
    sb = st.sidebar
    sb.header(ui("filters"))
    opts = about["options"]
    docs = _multi(ui("f_doc"), opts["doc"], "doc", ui("f_doc_all"))
    topics = _multi(ui("f_topic"), opts["topic"], "topic", ui("f_topic_all"))
    sources = _multi(ui("f_source"), opts["source"], "source", ui("f_source_all"))
    articles = _multi(ui("f_article"), opts["article"], "article", ui("f_article_all"))
    families = _multi(ui("f_family"), opts["_family"], "family", ui("f_family_all"), format_func=view.family_label)
    roles = _multi(ui("f_role"), opts["role"], "role", ui("f_role_all"), format_func=view.role_label)
    period = None
    yr = about["years"]
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


def show_picked(q: query.Figures, ids: list[int]) -> None:
    """The sentence of each picked figure, the figure highlighted (document text is escaped)."""
    if not ids:
        return
    for row in q.by_ids(ids[:5]).to_dict("records"):
        st.html(view.context_html(row))


def count_panel(q: query.Figures, f: view.Filters, by: str, grouped: bool) -> None:
    """Bars of figures per section or source; rows without one are counted in a caption, not drawn."""
    data, missing = q.bars(f, by)
    what = ui(f"{by}_axis")
    if data.empty:
        st.caption(ui("nothing_labelled", what=what))
        return
    c = view.counts_chart(data, by, ui(f"by_{by}"), what, grouped)
    st.altair_chart(c, key=f"chart_{by}")
    if missing:
        st.caption(ui(f"unlabelled_{by}", n=f"{missing:,}"))
    chart_downloads(c, f"figures-by-{by}", by)


def charts_tab(q: query.Figures, f: view.Filters, n_rows: int) -> None:
    if not n_rows:
        st.info(ui("none_match"))
        return
    grouped = st.toggle(ui("grouped"), value=False, key="grouped")
    left, right = st.columns(2)
    with left:
        count_panel(q, f, "topic", grouped)
    with right:
        count_panel(q, f, "source", grouped)

    st.subheader(ui("over_time"))
    families = q.options("_family", f, query.DATED)
    if not families:
        st.caption(ui("no_dated"))
    else:
        c1, c2, c3 = st.columns(3)
        fam = c1.selectbox(ui("family"), families, format_func=view.family_label, key="series_family")
        unit = c2.selectbox(ui("unit"), q.options("unit", f, f"{query.DATED} AND {query.in_family()}", [fam]),
                            key="series_unit")
        metric = c3.selectbox(ui("metric"), q.options("metric", f, f"{query.DATED} AND unit = ?", [unit], limit=300),
                              key="series_metric")
        sc = view.series_chart_of(*q.series(f, unit, metric or ""), metric or "")
        ev = st.altair_chart(sc.chart, key="chart_series", on_select="rerun" if sc.selectable else "ignore")
        st.caption(ui("series_help") if sc.selectable else ui("series_aggregated"))
        chart_downloads(sc.chart, "values-over-period", "series")
        show_picked(q, view.picked_ids(ev))

    st.subheader(ui("largest"))
    c1, c2, c3, c4 = st.columns([2, 2, 1, 1])
    fam = c1.selectbox(ui("family"), q.options("_family", f), format_func=view.family_label, key="largest_family")
    unit = c2.selectbox(ui("unit"), q.options("unit", f, query.in_family(), [fam]), key="largest_unit")
    n = c3.number_input(ui("largest_n"), min_value=5, max_value=100, value=20, step=5, key="largest_n")
    log = c4.toggle(ui("log"), value=False, key="largest_log")
    points, total = q.largest(f, unit, int(n))
    lc = view.largest_chart_of(points, unit, total, log)
    ev = st.altair_chart(lc.chart, key="chart_largest", on_select="rerun")
    st.caption(ui("click_bar"))
    chart_downloads(lc.chart, "largest-figures", "largest")
    show_picked(q, view.picked_ids(ev))


#: The table's orders (every selected row sorted, not only the page's): its words' keys and SQL.
ORDERS = {"sort_doc": "_id", "sort_desc": "value DESC NULLS LAST, _id", "sort_asc": "value ASC NULLS LAST, _id"}


def table_tab(q: query.Figures, f: view.Filters, n_rows: int) -> None:
    pages = max(1, math.ceil(n_rows / view.PAGE_ROWS))
    number = 1
    if pages > 1:  # a page per filter setting and order: a new selection starts on its first page
        c1, c2 = st.columns([1, 3])
        order = c1.selectbox(ui("sort"), list(ORDERS), format_func=ui, key="table_order")
        number = int(c2.number_input(ui("page", pages=f"{pages:,}"), min_value=1, max_value=pages, value=1,
                                     step=1, key=f"page|{f!r}|{order}"))
    else:
        order = "sort_doc"
    rows = q.page(f, number - 1, view.PAGE_ROWS, ORDERS[order])
    st.caption(ui("table_caption", n=f"{n_rows:,}"))
    if pages > 1:
        first = (number - 1) * view.PAGE_ROWS + 1
        st.caption(ui("page_rows", first=f"{first:,}", last=f"{first + len(rows) - 1:,}"))
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
    downloads(q, f, n_rows)


def downloads(q: query.Figures, f: view.Filters, n_rows: int) -> None:
    """CSV and Excel of every selected row (not only the page's), made when clicked: the CSV streamed from
    the query a piece at a time; neither click reruns the page, so the file is still there when the browser
    asks for it."""
    row = st.container(horizontal=True, vertical_alignment="center")
    chinese = row.toggle(ui("chinese_headers"), value=False, key="dl_chinese", help=ui("chinese_headers_help"))
    row.download_button(ui("download_csv"), data=lambda: q.csv_bytes(f, chinese),
                        file_name="figures.csv", mime="text/csv", key="dl_csv", icon=":material/download:",
                        on_click="ignore")
    row.download_button(ui("download_xlsx"), data=lambda: view.xlsx_bytes(q.rows(f), chinese),
                        file_name="figures.xlsx",
                        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        key="dl_xlsx", icon=":material/table:", on_click="ignore",
                        disabled=n_rows > view.XLSX_ROWS,
                        help=ui("xlsx_too_many", limit=f"{view.XLSX_ROWS:,}") if n_rows > view.XLSX_ROWS else None)


def pairs_of(q: query.Figures, f: view.Filters, key: str, mapping: str, stamp: float,
             say: bool = True) -> view.Pairing | None:
    """Every goal with its result: over all rows, else (when the rows that can pair are more than
    :data:`extract.view.PAIR_LIMIT`) within the filtered rows; None, saying why on the page (unless not
    ``say``), when even those are too many or the mapping file is broken."""
    try:
        with st.spinner(ui("pairing")):
            data = pairing_for(key, mapping, stamp, q, query.EVERYTHING)
            within = data.pairs is None and f != query.EVERYTHING
            if within:
                data = pairing_for(f"{key}|{f!r}", mapping, stamp, q, f)
    except ValueError as e:
        if say:
            st.error(ui("bad_mapping", error=e))
        return None
    if data.pairs is None:
        if say:
            st.warning(ui("too_many", n=f"{data.rows:,}", limit=f"{view.PAIR_LIMIT:,}"))
        return None
    if within and say:
        st.caption(ui("pair_within"))
    return data


def selected_pairs(q: query.Figures, f: view.Filters, pairs: pd.DataFrame) -> pd.Series:
    """Which pairs have a target the filters select."""
    if f == query.EVERYTHING:
        return pd.Series(True, index=pairs.index)
    return pairs["target_id"].isin(q.ids_within(f, pairs["target_id"].tolist()))


def targets_tab(q: query.Figures, f: view.Filters, data: view.Pairing | None, mapping: str) -> None:
    if data is None or data.pairs is None:
        return
    chosen = selected_pairs(q, f, data.pairs)
    statuses = st.multiselect(ui("status"), list(view.STATUSES), format_func=view.status_badge, key="status",
                              bind="query-params", placeholder=ui("status_all"), select_all=False)
    if statuses:
        chosen &= data.pairs["status"].isin(statuses)
    pairs = data.pairs[chosen.to_numpy()]
    if pairs.empty:
        st.info(ui("no_goals"))
        return
    cols = st.columns(len(view.STATUSES))
    counts = pairs["status"].value_counts()
    for col, s in zip(cols, view.STATUSES, strict=True):
        col.metric(view.status_badge(s), int(counts.get(s, 0)))

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
    first = pairs_page(len(pairs), f"pairs_page|{f!r}|{statuses}")
    pairs = pairs.iloc[first:first + view.PAGE_ROWS]
    page = view.pairs_view(pairs)
    status_col = view.config()["pair_columns"]["status"]
    colour = {view.status_badge(s): view.status_colour(s) for s in view.STATUSES}
    styled = page.style.map(lambda v: f"color: {colour.get(v, '')}; font-weight: 600", subset=[status_col])
    h = view.config()["pair_columns"]
    widths = {"status": 90, "metric": 240, "subject": 100, "period": 80, "role": 60, "target": 110, "actual": 110,
              "gap": 120, "target_mention": 140, "actual_mention": 120, "target_doc": 140, "actual_doc": 140}
    ev = st.dataframe(styled, hide_index=True, on_select="rerun", selection_mode="single-row",
                      key="pairs_table", height=320, placeholder="—",
                      column_config={h[c]: st.column_config.TextColumn(h[c], width=w) for c, w in widths.items()})
    picked = list(getattr(getattr(ev, "selection", None), "rows", []) or [])
    if not picked:
        return
    pair = pairs.iloc[picked[0]]
    left, right = st.columns(2)
    found = q.by_ids([int(pair["target_id"]), int(pair["actual_id"])])
    tgt = found[found["_id"] == pair["target_id"]]
    act = found[found["_id"] == pair["actual_id"]]
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
    correction_form(q, pair, mapping)


def pairs_page(n: int, key: str) -> int:
    """The first pair of the page the reader chose (:data:`extract.view.PAGE_ROWS` pairs a page), saying
    which pairs it shows when there is more than one page."""
    pages = max(1, math.ceil(n / view.PAGE_ROWS))
    if pages == 1:
        return 0
    number = int(st.number_input(ui("page", pages=f"{pages:,}"), min_value=1, max_value=pages, value=1, step=1,
                                 key=key))
    first = (number - 1) * view.PAGE_ROWS
    st.caption(ui("pairs_page_rows", first=f"{first + 1:,}", last=f"{min(n, first + view.PAGE_ROWS):,}",
                  n=f"{n:,}"))
    return first


def correction_form(q: query.Figures, pair: pd.Series, mapping: str) -> None:
    with st.expander(ui("correct"), expanded=False):
        cands = q.actual_candidates(str(pair["unit"]), str(pair.get("metric") or ""))
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


def track_tab(q: query.Figures, f: view.Filters, data: view.Pairing | None) -> None:
    """One indicator across documents and years; opens on the indicator with the most decided pairs."""
    if data is None or data.series is None:
        return
    series = data.series
    if f != query.EVERYTHING:
        series = series[series["doc"].isin(q.docs(f))]
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
    st.download_button(ui("download_series"), data=lambda: view.csv_bytes(one),
                       file_name="series.csv", mime="text/csv", key="dl_series", icon=":material/download:",
                       on_click="ignore")


# --------------------------------------------------------------------------- page


def main() -> None:
    try:
        page()
    except query.StoreBusy as e:  # an extraction is writing the store now
        st.error(ui("db_busy", reason=e), icon=":material/hourglass_top:")


def page() -> None:
    sidebar_sources()
    q, errors, key = open_data()
    with q.reading():  # a store stays attached while the page is drawn, and only then
        draw(q, errors, key)


def draw(q: query.Figures, errors: list[tuple[str, str]], key: str) -> None:
    about = overview(key, q)
    everything = about["summary"]

    st.title(ui("title"))
    for name, reason in errors:
        st.error(ui("cannot_read", name=name, reason=reason), icon=":material/error:")
    if not everything["rows"]:
        st.info(ui("no_figures") if not errors else ui("no_figures_rest"))

    f = sidebar_filters(about)
    mapping, stamp = sidebar_mapping()
    selected = everything if f == query.EVERYTHING else q.summary(f)
    n_rows, total = selected["rows"], everything["rows"]
    st.caption(ui("summary", docs=everything["docs"], n=f"{total:,}", shown=f"{n_rows:,}"))

    data = pairs_of(q, f, key, mapping, stamp, say=False) if total and total <= view.HEADLINE_PAIR_LIMIT else None
    pairs = None if data is None or data.pairs is None else data.pairs[selected_pairs(q, f, data.pairs).to_numpy()]
    cards = q.headline(f, pairs, selected) if n_rows else []
    if cards:
        for col, (label, value, sentence) in zip(st.columns(len(cards)), cards, strict=True):
            col.metric(label, value, help=sentence or None, border=True)

    charts, table, targets, track = st.tabs(
        [ui("tab_charts"), ui("tab_table"), ui("tab_targets"), ui("tab_track")], key="tab", bind="query-params")
    if charts.open:
        with charts:
            charts_tab(q, f, n_rows)
    if table.open:
        with table:
            table_tab(q, f, n_rows)
    if targets.open and total:
        with targets:
            targets_tab(q, f, pairs_of(q, f, key, mapping, stamp), mapping)
    if track.open and total:
        with track:
            track_tab(q, f, pairs_of(q, f, key, mapping, stamp))


main()

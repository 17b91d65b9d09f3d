"""指标看板 — the zhibiao dashboard: every figure of a set of Chinese documents, as charts and a table.

Run ``streamlit run dashboard.py``. It opens on the sample corpus in ``data/`` (or the files and
folders named by ``$ZHIBIAO_DATA``, separated by ``os.pathsep``); more documents or previously
exported tables (CSV/JSONL/Parquet) can be uploaded in the sidebar. The sidebar's filters drive every
chart, the table and the downloads, and are kept in the page's URL so a view can be shared.

This file is the user interface only; loading, filtering, formatting, aggregation and the charts
themselves live in :mod:`extract.view`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from extract import readers, view

HERE = Path(__file__).resolve().parent
#: Environment variable naming the mapping file where pairing corrections are saved.
MAPPING_ENV = "ZHIBIAO_MAPPING"

st.set_page_config(page_title="指标看板 · zhibiao", page_icon="📊", layout="wide")
# headline figures such as 134.9万亿元 fit their cards at a slightly smaller size (a fixed style, no document text)
st.html("<style>[data-testid='stMetricValue'] > div { font-size: 1.55rem; }</style>")


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
def csv_download(key: str, _rows: pd.DataFrame) -> bytes:
    """The filtered rows as CSV bytes (cached by the data and filter key)."""
    return view.csv_bytes(_rows)


@st.cache_data(show_spinner=False, max_entries=4)
def pairs_for(key: str, mapping: str, mapping_stamp: float, _table: pd.DataFrame) -> pd.DataFrame:
    """Target/actual pairs over all loaded rows (cached by data, mapping file and its mtime)."""
    return view.target_pairs(_table, mapping=mapping or None)


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
    st.sidebar.header("数据")
    st.sidebar.file_uploader(
        "上传文档或已导出的指标表", type=view.accepted_suffixes(), accept_multiple_files=True,
        key="uploads", help="文档：" + "、".join(s.lstrip(".") for s in readers.SUPPORTED)
        + "；指标表：csv、jsonl、parquet（本看板下载的 CSV 可以再上传）",
    )
    names = "、".join(p.name for p in view.corpus_files(HERE)) or "（无）"
    st.sidebar.checkbox("包含示例语料", value=True, key="use_sample", help=f"启动时载入的文件：{names}")


def sidebar_filters(t: pd.DataFrame) -> view.Filters:
    sb = st.sidebar
    sb.header("筛选")
    docs = sb.multiselect("文档", view.options(t, "doc"), key="doc", bind="query-params", placeholder="全部文档")
    topics = sb.multiselect("栏目", view.options(t, "topic"), key="topic", bind="query-params",
                            placeholder="全部栏目")
    sources = sb.multiselect("来源", view.options(t, "source"), key="source", bind="query-params",
                             placeholder="全部来源")
    articles = sb.multiselect("文章", view.options(t, "article"), key="article", bind="query-params",
                              placeholder="全部文章")
    families = sb.multiselect("单位类别", view.options(t, "_family"), format_func=view.family_label,
                              key="family", bind="query-params", placeholder="全部类别")
    roles = sb.multiselect("角色", view.options(t, "role"), format_func=view.role_label, key="role",
                           bind="query-params", placeholder="实际、目标、预测")
    period = None
    yr = view.year_range(t)
    if yr is not None and yr[0] < yr[1]:
        lo, hi = sb.slider("时期（年份）", yr[0], yr[1], yr, key="period", bind="query-params")
        if (lo, hi) != yr:
            period = (lo, hi)
    undated = sb.checkbox("包括未注明时期的数字", value=True, key="undated", bind="query-params")
    text = sb.text_input("搜索指标或句子", key="q", bind="query-params", placeholder="例如：投资")
    return view.Filters(docs=tuple(docs), topics=tuple(topics), sources=tuple(sources),
                        articles=tuple(articles), families=tuple(families), roles=tuple(roles),
                        period=period, undated=undated, text=text)


# --------------------------------------------------------------------------- pieces of the page


def chart_downloads(chart: Any, name: str, key: str) -> None:
    """PNG and SVG download buttons for a chart (rendered only when clicked)."""
    row = st.container(horizontal=True)
    row.download_button("PNG", data=lambda: view.chart_png(chart), file_name=f"{name}.png",
                       mime="image/png", key=f"png_{key}", icon=":material/image:")
    row.download_button("SVG", data=lambda: view.chart_svg(chart), file_name=f"{name}.svg",
                       mime="image/svg+xml", key=f"svg_{key}", icon=":material/draw:")


def show_picked(t: pd.DataFrame, ids: list[int]) -> None:
    """The sentence of each picked figure, the figure highlighted (document text is escaped)."""
    for i in ids[:5]:
        hit = t[t["_id"] == i]
        if len(hit):
            st.html(view.context_html(hit.iloc[0].to_dict()))


def charts_tab(t: pd.DataFrame, rows: pd.DataFrame) -> None:
    if rows.empty:
        st.info("没有符合筛选条件的数字。")
        return
    grouped = st.toggle("角色并列显示（不堆叠）", value=False, key="grouped")
    left, right = st.columns(2)
    with left:
        c = view.count_chart(rows, "topic", "各栏目的数字个数（按角色）", "栏目", grouped)
        st.altair_chart(c, key="chart_topic")
        chart_downloads(c, "figures-by-topic", "topic")
    with right:
        c = view.count_chart(rows, "source", "各来源的数字个数（按角色）", "来源", grouped)
        st.altair_chart(c, key="chart_source")
        chart_downloads(c, "figures-by-source", "source")

    st.subheader("数值随时期的变化")
    dated = rows[rows["_when"].notna()]
    if dated.empty:
        st.caption("筛选结果中没有注明时期的数字。")
    else:
        c1, c2, c3 = st.columns(3)
        fams = view.options(dated, "_family")
        fam = c1.selectbox("单位类别", fams, format_func=view.family_label, key="series_family")
        in_fam = dated[dated["_family"] == fam]
        unit = c2.selectbox("单位", view.units_by_count(in_fam), key="series_unit")
        metric = c3.selectbox("指标", ["", *view.metrics_by_count(in_fam[in_fam["unit"] == unit])],
                              format_func=lambda m: m or "（全部指标）", key="series_metric")
        sc = view.series_chart(dated, unit, metric)
        ev = st.altair_chart(sc.chart, key="chart_series", on_select="rerun" if sc.selectable else "ignore")
        st.caption("实心点为实际数，空心点为目标或预测。点击一个点可查看它所在的句子。"
                   if sc.selectable else "数字较多，已按时期和角色汇总为中位数。")
        chart_downloads(sc.chart, "values-over-period", "series")
        show_picked(t, view.picked_ids(ev))

    st.subheader("最大的数字")
    c1, c2, c3, c4 = st.columns([2, 2, 1, 1])
    fam = c1.selectbox("单位类别", view.options(rows, "_family"), format_func=view.family_label,
                       key="largest_family")
    in_fam = rows[rows["_family"] == fam]
    unit = c2.selectbox("单位", view.units_by_count(in_fam), key="largest_unit")
    n = c3.number_input("个数", min_value=5, max_value=100, value=20, step=5, key="largest_n")
    log = c4.toggle("对数刻度", value=False, key="largest_log")
    lc = view.largest_chart(rows, unit, int(n), log)
    ev = st.altair_chart(lc.chart, key="chart_largest", on_select="rerun")
    st.caption("点击一个条形可查看它所在的句子。")
    chart_downloads(lc.chart, "largest-figures", "largest")
    show_picked(t, view.picked_ids(ev))


def table_tab(t: pd.DataFrame, rows: pd.DataFrame, download_key: str) -> None:
    st.caption(f"共 {len(rows):,} 行。点击表格左侧选中一行，可在下方查看它所在的句子。")
    shown = view.table_view(rows)
    cfg = {
        "_badge": st.column_config.TextColumn("角色", width="small"),
        "mention": st.column_config.TextColumn("原文", help="文中写法"),
        "_value_text": st.column_config.TextColumn("数值", help="按单位换算后的数值"),
        "value": st.column_config.NumberColumn("数值（排序）", help="以单位计的数值，可排序", format="localized"),
        "unit": st.column_config.TextColumn("单位", width="small"),
        "metric": st.column_config.TextColumn("指标"),
        "subject": st.column_config.TextColumn("主体"),
        "period": st.column_config.TextColumn("时期", width="small"),
        "bound": st.column_config.TextColumn("界限", width="small"),
        "topic": st.column_config.TextColumn("栏目", width="small"),
        "article": st.column_config.TextColumn("文章"),
        "source": st.column_config.TextColumn("来源", width="small"),
        "doc": st.column_config.TextColumn("文档", width="small"),
        "sentence": st.column_config.TextColumn("句子", width="large"),
    }
    ev = st.dataframe(shown, column_config=cfg, hide_index=True, on_select="rerun",
                      selection_mode="single-row", key="figures_table", height=420, placeholder="—")
    picked = list(getattr(getattr(ev, "selection", None), "rows", []) or [])
    if picked:
        st.html(view.context_html(rows.iloc[picked[0]].to_dict()))
    downloads(rows, download_key)


def downloads(rows: pd.DataFrame, download_key: str) -> None:
    row = st.container(horizontal=True)
    row.download_button("下载 CSV", data=csv_download(download_key, rows), file_name="figures.csv",
                       mime="text/csv", key="dl_csv", icon=":material/download:")
    row.download_button("下载 Excel", data=lambda: view.xlsx_bytes(rows), file_name="figures.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key="dl_xlsx", icon=":material/table:")


def targets_tab(t: pd.DataFrame, rows: pd.DataFrame, data_key: str) -> None:
    default = os.environ.get(MAPPING_ENV) or str(HERE / "data" / "mapping.toml")
    mapping = st.text_input("更正保存到（对照表文件，TOML）", value=default, key="mapping_path")
    stamp = Path(mapping).stat().st_mtime if mapping and Path(mapping).is_file() else 0.0
    source, source_key = t, data_key
    if len(t) > view.PAIR_LIMIT:  # a very large table: pair within the filtered rows only
        if len(rows) > view.PAIR_LIMIT:
            st.warning(f"数字太多（{len(rows):,} 个）：请先用左侧筛选缩小到 {view.PAIR_LIMIT:,} 个以内再配对。")
            return
        st.caption("表格较大，仅在筛选结果之内为目标寻找实际数。")
        source, source_key = rows, f"{data_key}|{rows['_id'].sum()}|{len(rows)}"
    try:
        with st.spinner("正在配对目标与实际…"):
            pairs = pairs_for(source_key, mapping, stamp, source)
    except ValueError as e:
        st.error(f"对照表文件有误：{e}")
        return
    pairs = pairs[pairs["target_id"].isin(rows["_id"])]  # targets the filters select
    statuses = st.multiselect("结果", list(view.STATUSES), format_func=view.status_badge, key="status",
                              bind="query-params", placeholder="全部结果")
    if statuses:
        pairs = pairs[pairs["status"].isin(statuses)]
    if pairs.empty:
        st.info("没有符合条件的目标或预测数字。")
        return
    cols = st.columns(len(view.STATUSES))
    for col, s in zip(cols, view.STATUSES, strict=True):
        col.metric(view.status_badge(s), int((pairs["status"] == s).sum()))

    units = [u for u in view.units_by_count(pairs) if
             pd.to_numeric(pairs.loc[pairs["unit"] == u, "actual_value"], errors="coerce").notna().any()]
    if units:
        unit = st.selectbox("图中单位", units, key="bullet_unit")
        bc = view.bullet_chart(pairs, unit)
        st.altair_chart(bc, key="chart_bullet")
        chart_downloads(bc, "target-vs-actual", "bullet")
    else:
        st.caption("还没有找到与目标对应的实际数，因此没有图。")

    st.caption("选中一行，可对照两句原文，并更正配对。")
    shown: Any = view.pairs_view(pairs)
    if len(shown) <= 5000:  # colour the status column (styles cost time on very long tables)
        colour = {view.status_badge(s): view.status_colour(s) for s in view.STATUSES}
        shown = shown.style.map(lambda v: f"color: {colour.get(v, '')}; font-weight: 600", subset=["结果"])
    ev = st.dataframe(shown, hide_index=True, on_select="rerun", selection_mode="single-row",
                      key="pairs_table", height=320, placeholder="—",
                      column_config={"差距": st.column_config.NumberColumn("差距", format="%+.1f%%")})
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
        st.markdown("**实际**")
        if len(act):
            st.html(view.context_html(act.iloc[0].to_dict()))
        else:
            st.caption("没有找到对应的实际数。")
    correction_form(t, pair, mapping)


def correction_form(t: pd.DataFrame, pair: pd.Series, mapping: str) -> None:
    with st.expander("更正配对", expanded=False):
        cands = view.actual_candidates(t, pair)
        options = list(cands["_key"])
        labels = {k: f"{r['_value_text']} · {r['metric'] or r['mention']} · {r['period'] or '无时期'} · {r['doc']}"
                  for k, r in zip(cands["_key"], cands.to_dict("records"), strict=True)}
        choice = st.selectbox("改为与此实际数配对", options, format_func=lambda k: labels.get(k, k),
                              key="pair_choice", index=None, placeholder="选择一个实际数")
        c1, c2, c3 = st.columns(3)
        target_key, actual_key = str(pair["target_key"]), str(pair["actual_key"] or "")
        try:
            if c1.button("保存配对", disabled=choice is None, key="pair_save"):
                view.save_pairing(mapping, target_key, str(choice))
                st.rerun()
            if c2.button("不是同一指标", key="pair_reject",
                         help="这两个数字不是同一指标；没有实际数时表示文中没有对应结果"):
                view.reject_pairing(mapping, target_key, actual_key or None)
                st.rerun()
            if c3.button("撤销对此目标的更正", key="pair_undo"):
                view.undo_corrections(mapping, target_key)
                st.rerun()
        except (OSError, ValueError) as e:
            st.error(f"无法保存更正：{e}")


# --------------------------------------------------------------------------- page


def main() -> None:
    sidebar_sources()
    files = gather_files()
    key = view.content_key(files)
    with st.spinner("正在提取数字…"):
        t, errors = prepared_table(key, tuple(files))

    st.title("指标看板")
    for name, reason in errors:
        st.error(f"无法读取 {name}：{reason}", icon=":material/error:")
    if t.empty:
        st.info("还没有数字：请在左侧上传文档或指标表。" if not errors else "其余文档中没有找到数字。")

    f = sidebar_filters(t)
    rows = view.apply_filters(t, f)
    n_docs = t["doc"].nunique()
    st.caption(f"{n_docs} 个文档，共 {len(t):,} 个数字；筛选后 {len(rows):,} 个。")

    cards = view.headline(rows)
    if cards:
        for col, (label, value, sentence) in zip(st.columns(len(cards)), cards, strict=True):
            col.metric(label, value, help=sentence, border=True)

    download_key = f"{key}|{f!r}"
    charts, table, targets = st.tabs(["图表", "指标表", "目标与实际"], key="tab", bind="query-params")
    if charts.open:
        with charts:
            charts_tab(t, rows)
    if table.open:
        with table:
            table_tab(t, rows, download_key)
    if targets.open:
        with targets:
            targets_tab(t, rows, key)


main()

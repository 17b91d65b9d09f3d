"""Tests of the dashboard's data layer (extract/view.py): formats, loading, filters, charts, downloads."""

from __future__ import annotations

import io
import math
from pathlib import Path

import altair as alt
import frames
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract import pairing, query, view
from extract.record import COLUMNS
from extract.table import run_files, write_table

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "jsvc-2025-01.txt"


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    """The bundled sample as the dashboard loads it (prepared)."""
    return frames.prepare(run_files([SAMPLE]).table)


def synthetic(n: int, seed: int = 0) -> pd.DataFrame:
    """An indicator table of ``n`` made-up rows over many units, topics, periods and roles."""
    rng = np.random.default_rng(seed)
    units = np.array(["元", "美元", "%", "百分点", "个", "家", "人", "米", "PFlops", "年", "岁", "倍"])
    unit = units[rng.integers(0, len(units), n)]
    value = np.round(10 ** rng.uniform(0, 12, n), 2)
    years = rng.integers(2015, 2031, n)
    months = rng.integers(1, 13, n)
    kind = rng.integers(0, 4, n)
    period = np.where(kind == 0, "", np.where(kind == 1, years.astype(str),
                      np.where(kind == 2, [f"{y}-{m:02d}" for y, m in zip(years, months, strict=True)],
                               [f"{y}/{y + 5}" for y in years])))
    metric = np.array([f"指标{i}" for i in range(400)])[rng.integers(0, 400, n)]
    return pd.DataFrame({
        "doc": np.array([f"doc{i}.txt" for i in range(50)])[rng.integers(0, 50, n)],
        "topic": np.array([f"栏目{i}" for i in range(40)] + [""])[rng.integers(0, 41, n)],
        "article": np.array([f"文章{i}" for i in range(500)])[rng.integers(0, 500, n)],
        "source": np.array(["经济参考报", "新华社", "人民日报", ""])[rng.integers(0, 4, n)],
        "sentence": [f"{m}达到{v}{u}。" for m, v, u in zip(metric, value, unit, strict=True)],
        "mention": [f"{v}{u}" for v, u in zip(value, unit, strict=True)],
        "value": value, "value_max": np.nan, "unit": unit,
        "bound": np.array(["exact", "approx", "lower", "upper"])[rng.integers(0, 4, n)],
        "period": period,
        "role": np.array(["actual", "actual", "target", "forecast"])[rng.integers(0, 4, n)],
        "metric": metric, "subject": "", "start": np.arange(n), "end": np.arange(n) + 5, "doc_date": "",
    })


# --------------------------------------------------------------------------- formats

@pytest.mark.parametrize(("value", "unit", "value_max", "text"), [
    (2e12, "元", None, "2万亿元"),
    (8.79e10, "元", None, "879亿元"),
    (3.2e10, "元", None, "320亿元"),
    (2.4e9, "美元", None, "24亿美元"),
    (4.3e12, "元", None, "4.3万亿元"),
    (18.7, "%", None, "18.7%"),
    (14, "%", 17, "14-17%"),
    (-3.9, "%", None, "-3.9%"),
    (2.4, "百分点", None, "2.4百分点"),
    (6.6e7, "人", None, "6600万人"),
    (1e4, "米", None, "1万米"),
    (1268, "米", None, "1268米"),
    (2e4, "PFlops", None, "2万 PFlops"),
    (2400, "家", None, "2400家"),
    (12345, "个", None, "1.23万个"),
    (49, "岁", None, "49岁"),
    (5, "年", 10, "5-10年"),
    (1e9, "元", 1e10, "10-100亿元"),
    (2, "倍", None, "2倍"),
    (0.5, "%", None, "0.5%"),
    (float("nan"), "元", None, ""),
])
def test_format_value(value, unit, value_max, text):
    assert view.format_value(value, unit, value_max) == text


@pytest.mark.parametrize(("unit", "family"), [
    ("元", "money"), ("美元", "money"), ("日元", "money"), ("%", "percent"), ("百分点", "percent"),
    ("‰", "percent"), ("个", "count"), ("家", "count"), ("人", "count"), ("人次", "count"),
    ("米", "physical"), ("PFlops", "physical"), ("千瓦", "physical"), ("年", "time"), ("岁", "time"),
])
def test_unit_family(unit, family):
    assert view.unit_family(unit) == family


@given(st.floats(min_value=0.01, max_value=1e15, allow_nan=False),
       st.sampled_from(["元", "美元", "个", "人", "米", "年"]))
def test_format_value_reads_back(value, unit):
    text = view.format_value(value, unit)
    assert text.endswith(unit)
    number = text[: -len(unit)]
    factor = 1.0
    for word, f in view.config()["magnitudes"]["words"]:
        if number.endswith(word):
            number, factor = number[: -len(word)], f
            break
    assert "e" not in number
    # two decimals of a mantissa of at least 1: within half a per cent (or 0.005 below 1)
    assert float(number) * factor == pytest.approx(value, rel=5e-3, abs=5e-3)


def test_axis_scale_uses_the_median_magnitude():
    assert view.axis_scale([2e12, 3e11, 8.79e10], "元") == (1e8, "亿元")
    assert view.axis_scale([18.7, 40.0], "%") == (1.0, "%")


# --------------------------------------------------------------------------- prepared table and filters

def test_prepare_periods():
    df = frames.prepare(pd.DataFrame({"value": [1, 2, 3, 4], "unit": ["元"] * 4,
                                    "period": ["2024", "2024-01/2024-11", "2020/2030", ""]}))
    assert df["_y0"].tolist()[:3] == [2024, 2024, 2020] and math.isnan(df["_y0"].iloc[3])
    assert df["_y1"].tolist()[:3] == [2024, 2024, 2030]
    assert [str(d)[:7] for d in df["_when"][:3]] == ["2024-01", "2024-11", "2030-01"]
    assert pd.isna(df["_when"].iloc[3])
    assert list(df.columns[:len(COLUMNS)]) == list(COLUMNS)


def test_filters_on_the_sample(sample):
    assert len(sample) > 50
    assert "国企" in frames.options(sample, "topic")
    f = frames.apply_filters
    assert set(f(sample, view.Filters(topics=("国企",)))["topic"]) == {"国企"}
    assert set(f(sample, view.Filters(roles=("target", "forecast")))["role"]) <= {"target", "forecast"}
    money = f(sample, view.Filters(families=("money",)))
    assert len(money) and set(money["unit"]) <= {"元", "美元"}
    hit = f(sample, view.Filters(text="战略性新兴产业投资"))
    assert len(hit) and hit["_search"].str.contains("战略性新兴产业投资").all()
    assert len(f(sample, view.Filters())) == len(sample)


def test_empty_values_are_selectable():
    df = frames.prepare(pd.DataFrame({"value": [1, 2], "unit": ["个", "个"], "source": ["新华社", ""]}))
    assert view.empty_label() in frames.options(df, "source")
    got = frames.apply_filters(df, view.Filters(sources=(view.empty_label(),)))
    assert got["source"].tolist() == [""]


def test_period_filter_overlaps_and_undated():
    df = frames.prepare(pd.DataFrame({"value": [1, 2, 3, 4], "unit": ["个"] * 4,
                                    "period": ["2019", "2020/2030", "2024-11", ""]}))
    got = frames.apply_filters(df, view.Filters(period=(2022, 2025)))
    assert got["period"].tolist() == ["2020/2030", "2024-11", ""]
    got = frames.apply_filters(df, view.Filters(period=(2022, 2025), undated=False))
    assert got["period"].tolist() == ["2020/2030", "2024-11"]
    assert frames.year_range(df) == (2019, 2030)


def test_search_needs_every_word(sample):
    both = frames.apply_filters(sample, view.Filters(text="战略性新兴产业 投资"))
    assert len(both) and all("投资" in s for s in both["_search"])


# --------------------------------------------------------------------------- loading

def test_csv_download_is_write_table_bytes(sample, tmp_path):
    rows = frames.apply_filters(sample, view.Filters(topics=("国企",)))
    write_table(run_files([SAMPLE]).table.iloc[rows.index].reset_index(drop=True), tmp_path / "x.csv")
    got = view.csv_bytes(rows)
    assert got == (tmp_path / "x.csv").read_bytes()
    assert got.startswith(b"\xef\xbb\xbf" + ",".join(COLUMNS).encode())


def test_exported_tables_read_back(sample):
    csv = view.load_blob("t.csv", view.csv_bytes(sample))
    assert not csv.errors
    pd.testing.assert_frame_equal(csv.table, view.normalise(view.table_columns(sample)))
    buf = io.BytesIO()
    view.table_columns(sample).to_parquet(buf, index=False)
    pq = view.load_blob("t.parquet", buf.getvalue())
    pd.testing.assert_frame_equal(pq.table, view.normalise(view.table_columns(sample)))


def test_jsonl_tables_read_back(sample, tmp_path):
    write_table(view.table_columns(sample), tmp_path / "t.jsonl")
    got = view.load_blob("t.jsonl", (tmp_path / "t.jsonl").read_bytes())
    assert not got.errors
    pd.testing.assert_frame_equal(got.table, view.normalise(view.table_columns(sample)))


def test_uploads_accept_every_document_type_and_table():
    from extract import readers

    accepted = set(view.accepted_suffixes())
    assert {s.lstrip(".") for s in readers.SUPPORTED} <= accepted
    assert {"csv", "jsonl", "parquet"} <= accepted


def test_bad_files_become_errors():
    assert view.load_blob("x.csv", b"a,b\n1,2\n").errors[0][0] == "x.csv"
    assert view.load_blob("x.parquet", b"not parquet").errors
    assert view.load_blob("empty.txt", b"  \n").errors[0] == ("empty.txt", "empty file")
    both = view.combine([view.load_blob("empty.txt", b""), view.load_blob("jsvc.txt", SAMPLE.read_bytes())])
    assert len(both.errors) == 1 and len(both.table) > 50


def test_xlsx_download(sample):
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(view.xlsx_bytes(sample.head(10))))
    ws = wb.active
    assert [c.value for c in ws[1]] == list(COLUMNS)
    assert ws.max_row == 11


def test_corpus_files(monkeypatch, tmp_path):
    monkeypatch.delenv(view.DATA_ENV, raising=False)
    assert SAMPLE in view.corpus_files(ROOT)
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.csv").write_text("x", encoding="utf-8")
    (tmp_path / "c.toml").write_text("x", encoding="utf-8")
    monkeypatch.setenv(view.DATA_ENV, str(tmp_path))
    assert [p.name for p in view.corpus_files(ROOT)] == ["a.txt", "b.csv"]


def test_content_key_follows_content():
    assert view.content_key([("a", b"1")]) == view.content_key([("a", b"1")])
    assert view.content_key([("a", b"1")]) != view.content_key([("a", b"2")])


# --------------------------------------------------------------------------- sentences

def test_highlight_escapes_document_text():
    out = view.highlight_html("<script>alert(1)</script>投资 2万亿元 & 更多", "2万亿元")
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "<mark>2万亿元</mark>" in out and "&amp;" in out


def test_highlight_ignores_layout_spaces():
    assert view.highlight_html("完成投资2万亿元。", "2 万亿元") == "完成投资<mark>2万亿元</mark>。"
    assert view.highlight_html("没有", "5%") == "没有"


def test_context_card_escapes_every_field():
    row = {"doc": "<b>d</b>", "topic": "国企", "article": "a&b", "source": "<i>s</i>", "sentence": "x<y 5%",
           "mention": "5%", "value": 5.0, "unit": "%", "role": "target", "bound": "exact", "metric": "<m>"}
    out = view.context_html(row)
    for raw in ("<b>d</b>", "<i>s</i>", "<m>", "x<y"):
        assert raw not in out
    assert "<mark>5%</mark>" in out and "目标" in out


def test_picked_ids():
    assert view.picked_ids({"selection": {"pick": [{"_id": 3}, {"_id": "4"}]}}) == [3, 4]
    assert view.picked_ids({"selection": {}}) == []
    assert view.picked_ids(None) == []


# --------------------------------------------------------------------------- charts

def test_charts_on_the_sample(sample):
    for by in ("topic", "source"):
        for grouped in (False, True):
            spec = frames.count_chart(sample, by, "t", "x", grouped).to_dict()
            assert spec["title"] == "t"
    s = frames.series_chart(sample, "%")
    assert s.selectable and view.PICK in str(s.chart.to_dict())
    lg = frames.largest_chart(sample, "元", 10, log=True)
    assert lg.rows <= 10 and lg.chart.to_dict()["encoding"]["x"]["scale"]["type"] == "log"


def test_one_unit_per_value_axis(sample):
    data, _, axis_unit = view.series(sample, "元")
    ids = set(data["_id"])
    assert set(sample.loc[sample["_id"].isin(ids), "unit"]) == {"元"}
    assert axis_unit.endswith("元")
    top = frames.largest(sample, "%", 50)
    assert set(sample.loc[sample["_id"].isin(top["_id"]), "unit"]) == {"%"}


def test_chart_images(sample):
    c = frames.count_chart(sample, "topic", "各栏目的数字个数", "栏目")
    assert view.chart_png(c).startswith(b"\x89PNG")
    assert view.chart_svg(c).lstrip().startswith("<svg")


@pytest.fixture(scope="module")
def big() -> pd.DataFrame:
    """100,000 made-up rows, prepared."""
    return frames.prepare(synthetic(100_000))


def test_100k_rows_aggregate_before_plotting(big):
    rows = frames.apply_filters(big, view.Filters(roles=("actual", "target", "forecast"), undated=True))
    charts = [frames.count_chart(rows, "topic", "t", "x"), frames.count_chart(rows, "source", "t", "x", True)]
    s = frames.series_chart(rows, "元")  # one metric, never all 元 metrics mixed
    assert s.selectable and s.rows <= view.MAX_POINTS
    one = frames.series_chart(rows.assign(metric="指标0"), "元")  # one metric with very many figures
    assert not one.selectable and one.rows <= view.MAX_POINTS
    charts += [s.chart, one.chart, frames.largest_chart(rows, "元", 20, True).chart]
    for c in charts:
        with alt.data_transformers.enable("default", max_rows=view.MAX_POINTS):
            spec = c.to_dict()  # raises MaxRowsError if a chart carried too many rows
        assert sum(len(v) for v in spec.get("datasets", {}).values()) <= view.MAX_POINTS
    one_metric = frames.series_chart(rows, "元", view.metrics_by_count(rows[rows["unit"] == "元"])[0])
    assert one_metric.selectable


def test_100k_filters(big):
    got = frames.apply_filters(big, view.Filters(topics=("栏目1", view.empty_label()), families=("money",),
                                               period=(2020, 2024), text="指标1"))
    assert set(got["_family"]) == {"money"} and set(got["topic"]) <= {"栏目1", ""}


# --------------------------------------------------------------------------- target vs reported

def test_target_pairs_on_the_sample(sample):
    pairs = view.target_pairs(sample)
    assert list(pairs.columns[:len(view.PAIR_COLUMNS)]) == list(view.PAIR_COLUMNS)
    assert len(pairs) == sample["role"].isin(["target", "forecast"]).sum()
    assert set(pairs["status"]) <= set(view.STATUSES)
    assert (pairs["target_id"] >= 0).all()
    assert set(sample.loc[sample["_id"].isin(pairs["target_id"]), "role"]) <= {"target", "forecast"}
    shown = view.pairs_view(pairs)
    assert len(shown) == len(pairs) and shown["结果"].str.len().gt(0).all()


def _pairs_table() -> pd.DataFrame:
    rows = [
        dict(doc="a.txt", sentence="今年目标增长5%左右。", mention="5%左右", value=5.0, unit="%",
             bound="approx", period="2024", role="target", metric="国内生产总值增长", start=10),
        dict(doc="b.txt", sentence="国内生产总值增长5.2%。", mention="5.2%", value=5.2, unit="%",
             bound="exact", period="2024", role="actual", metric="国内生产总值增长", start=20),
        dict(doc="b.txt", sentence="社会消费品零售总额增长3.5%。", mention="3.5%", value=3.5, unit="%",
             bound="exact", period="2024", role="actual", metric="社会消费品零售总额增长", start=40),
    ]
    return frames.prepare(pd.DataFrame(rows))


def test_corrections_are_saved_and_survive_a_reload(tmp_path):
    t = _pairs_table()
    mapping = tmp_path / "mapping.toml"
    pairs = view.target_pairs(t, mapping=mapping)
    assert pairs.loc[0, "status"] == "met" and pairs.loc[0, "actual_id"] == 1
    other = query.Figures.from_frame(view.table_columns(t)).actual_candidates("%", pairs.loc[0, "metric"])
    assert other["_id"].tolist() == [1, 2]  # the closest metric first
    assert other["_key"].tolist() == pairing.row_keys(t).loc[[1, 2]].tolist()
    pairing.save_correction(mapping, target_key=pairs.loc[0, "target_key"], actual_key=pairing.row_keys(t).loc[2])
    again = view.target_pairs(t, mapping=mapping)
    assert again.loc[0, "actual_id"] == 2 and again.loc[0, "status"] == "missed"
    pairing.save_correction(mapping, target_key=pairs.loc[0, "target_key"], reject=True)
    assert view.target_pairs(t, mapping=mapping).loc[0, "status"] == "pending"
    assert pairing.clear_corrections(mapping, pairs.loc[0, "target_key"]) >= 1
    assert view.target_pairs(t, mapping=mapping).loc[0, "actual_id"] == 1


def test_bullet_chart(tmp_path):
    pairs = view.target_pairs(_pairs_table())
    spec = view.bullet_chart(pairs, "%").to_dict()
    assert len(spec["layer"]) == 2
    assert view.chart_png(view.bullet_chart(pairs, "%")).startswith(b"\x89PNG")


def test_headline(sample):
    rows = frames.apply_filters(sample, view.Filters(topics=("国企",)))
    pairs = view.target_pairs(sample)
    pairs = pairs[pairs["target_id"].isin(rows["_id"])]
    cards = dict((label.split(" · ")[0], value) for label, value, _ in frames.headline(rows, pairs))
    assert cards["最大金额"] == "2万亿元"
    assert cards["文档"] == "1" and cards["数字"] == f"{len(rows):,}"
    assert cards["目标与预测"] == f"{len(pairs):,}"
    assert not any(label.startswith("最大时长") for label, _v, _h in frames.headline(sample))


def test_ranges_are_drawn_from_low_to_high_end():
    df = frames.prepare(pd.DataFrame({
        "value": [14.0, 5.0], "value_max": [17.0, None], "unit": ["%", "%"], "period": ["2024", "2023"],
        "role": ["target", "actual"], "mention": ["14%-17%", "5%"], "sentence": ["s", "t"]}))
    c = frames.series_chart(df, "%")
    spec = c.chart.to_dict()
    assert c.selectable and [layer["mark"]["type"] for layer in spec["layer"]] == ["rule", "point"]
    assert view.chart_png(c.chart).startswith(b"\x89PNG")


# --------------------------------------------------------------------------- polish: labels, gaps, downloads

def test_empty_sections_are_counted_not_drawn():
    df = frames.prepare(pd.DataFrame({"value": [1, 2, 3], "unit": ["个"] * 3, "topic": ["国企", "", ""],
                                    "role": ["actual"] * 3}))
    assert frames.counts_by(df, "topic")["topic"].tolist() == ["国企"]
    assert frames.unlabelled(df, "topic") == 2


@pytest.mark.parametrize(("gap", "unit", "text"), [
    (-2.5, "%", "-2.5个百分点"), (0.0, "%", "0个百分点"), (1.06e6, "人", "+106万人"),
    (7e10, "斤", "+700亿斤"), (float("nan"), "%", ""),
])
def test_gap_is_written_in_the_targets_unit(gap, unit, text):
    assert view.format_gap(gap, unit) == text


def test_goal_chart_opens_on_the_unit_with_most_decided_pairs():
    pairs = pd.DataFrame({"unit": ["元", "元", "元", "%", "%"], "actual_value": [None, None, 5e8, 5.0, 3.0]})
    assert view.units_by_decided(pairs) == ["%", "元"]


def test_downloads_offer_chinese_headers(sample):
    raw = pd.read_csv(io.BytesIO(view.csv_bytes(sample, chinese=True)), encoding="utf-8-sig")
    assert list(raw.columns) == [view.heading(c) for c in COLUMNS] and raw.columns[0] == "文档"
    xl = pd.read_excel(io.BytesIO(view.xlsx_bytes(sample, chinese=True)))
    assert list(xl.columns) == list(raw.columns)
    assert list(pd.read_excel(io.BytesIO(view.xlsx_bytes(sample))).columns) == list(COLUMNS)


def test_largest_chart_title_says_unit_and_count(sample):
    total = int((sample["unit"] == "元").sum())
    title = frames.largest_chart(sample, "元", 5).chart.to_dict()["title"]
    assert "亿元" in title and " 5 " in title and f"共 {total} 个" in title


def test_every_ui_word_the_dashboard_asks_for_is_in_the_data():
    import re

    code = (ROOT / "dashboard.py").read_text(encoding="utf-8")
    keys = set(re.findall(r'ui\("([a-z_]+)"', code)) | {f"by_{b}" for b in ("topic", "source")} \
        | {f"{b}_axis" for b in ("topic", "source")} | {f"unlabelled_{b}" for b in ("topic", "source")}
    assert keys and keys <= set(view.config()["ui"])
    words = set(re.findall(r'word\("([a-z_]+)"', (ROOT / "extract" / "view.py").read_text(encoding="utf-8")))
    assert words and words <= set(view.config()["text"])


def test_view_code_holds_no_chinese_words():
    import ast

    tree = ast.parse((ROOT / "extract" / "view.py").read_text(encoding="utf-8"))
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    literals = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
                and id(n) not in docstrings and any("\u4e00" <= ch <= "\u9fff" for ch in n.value)]
    assert literals == []


# --------------------------------------------------------------------------- indicator tracker

GWR = ROOT / "tests" / "fixtures" / "gwr"


@pytest.fixture(scope="module")
def gwr_series() -> pd.DataFrame:
    return pairing.track(run_files([GWR / "gwr-2022.txt", GWR / "gwr-2023.txt"]).table)


def test_tracker_opens_on_the_indicator_with_most_pairs_and_draws_bounds(gwr_series):
    names = pairing.indicators(gwr_series)
    assert names[0] == "国内生产总值增长（%）"
    points = view.track_points(gwr_series, "国内生产总值增长（%）")
    target = points[(points["kind"] == "target") & (points["year"] == 2022)].iloc[0]
    assert (target["_lo"], target["_hi"]) == pytest.approx((5.5 * 0.95, 5.5 * 1.05))  # the band of 左右
    jobs = view.track_points(gwr_series, "城镇新增就业（人）")
    floor = jobs[(jobs["kind"] == "target") & (jobs["year"] == 2022)].iloc[0]
    assert floor["bound"] == "lower" and pd.isna(floor["_lo"])  # 以上: an arrow, no band
    spec = view.track_chart(gwr_series, "城镇新增就业（人）").chart.to_dict()
    marks = [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"] for layer in spec["layer"]]
    assert marks == ["rule", "line", "point", "point"]
    assert view.GOAL_SHAPES["lower"] in str(spec) and view.PICK in str(spec)
    row = view.track_row(gwr_series, int(floor["_id"]))
    assert row["mention"] == "1100万人以上" and "1100万人以上" in view.context_html(row)
    assert view.chart_png(view.track_chart(gwr_series, "国内生产总值增长（%）").chart).startswith(b"\x89PNG")

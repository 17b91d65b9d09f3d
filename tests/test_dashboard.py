"""The dashboard run headless with Streamlit's AppTest on the bundled sample corpus."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import frames
import pandas as pd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from extract import query, view
from extract.cli import main
from extract.table import run_files, write_table

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "jsvc-2025-01.txt"
GWR = ROOT / "tests" / "fixtures" / "gwr"


@pytest.fixture(scope="module")
def raw() -> pd.DataFrame:
    return run_files([SAMPLE]).table


@pytest.fixture(scope="module")
def table(raw) -> pd.DataFrame:
    return frames.prepare(raw)


@pytest.fixture
def app(monkeypatch, tmp_path) -> AppTest:
    monkeypatch.setenv(view.DATA_ENV, str(SAMPLE))
    monkeypatch.setenv("ZHIBIAO_MAPPING", str(tmp_path / "mapping.toml"))
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)


@pytest.fixture
def served(monkeypatch) -> dict[str, Callable[[], bytes]]:
    """The files the app hands to download buttons, by download file name: each a function that makes
    the file (as a click does: most are made only then)."""
    files: dict[str, Callable[[], bytes]] = {}
    original = MemoryMediaFileStorage.load_and_get_id
    deferred = MediaFileManager.add_deferred

    def record(self, path_or_data, mimetype, kind, filename=None):
        if isinstance(path_or_data, bytes) and filename:
            files[filename] = lambda: path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    def record_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kw):
        if file_name:
            files[file_name] = data_callable
        return deferred(self, data_callable, mimetype, coordinates, file_name, **kw)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    monkeypatch.setattr(MediaFileManager, "add_deferred", record_deferred)
    return files


def charts(at: AppTest) -> list:
    return list(at.get("vega_lite_chart"))


def summary(at: AppTest) -> str:
    return next(c.value for c in at.caption if "筛选后" in c.value)


def test_opens_on_the_sample(app, table):
    app.run()
    assert not app.exception
    assert app.title[0].value == "指标看板"
    assert not app.error
    assert len(charts(app)) == 4  # topic, source, values over period, largest figures
    assert f"共 {len(table):,} 个数字；筛选后 {len(table):,} 个" in summary(app)
    labels = {m.label.split(" · ")[0] for m in app.metric}
    assert labels >= {"文档", "数字", "目标与预测", "最大金额"} and "最大时长" not in labels


def test_table_and_csv_follow_a_filter_in_the_url(app, raw, table, served, tmp_path):
    app.query_params["tab"] = "指标表"
    app.query_params["topic"] = "国企"
    app.run()
    assert not app.exception
    expected = frames.apply_filters(table, view.Filters(topics=("国企",)))
    assert 0 < len(expected) < len(table)
    assert len(app.dataframe[0].value) == len(expected)
    assert set(app.dataframe[0].value["topic"]) == {"国企"}
    write_table(raw.iloc[expected.index].reset_index(drop=True), tmp_path / "x.csv")
    assert served["figures.csv"]() == (tmp_path / "x.csv").read_bytes()
    assert {b.label for b in app.download_button} >= {"下载 CSV", "下载 Excel"}


def test_widgets_filter_charts_and_table(app, table):
    app.run()
    app.multiselect(key="role").set_value(["target"]).run()
    n = int((table["role"] == "target").sum())
    assert f"筛选后 {n:,} 个" in summary(app)
    assert not app.exception and len(charts(app)) >= 3
    app.text_input(key="q").set_value("规模").run()
    want = frames.apply_filters(table, view.Filters(roles=("target",), text="规模"))
    assert 0 < len(want) < n
    assert f"筛选后 {len(want):,} 个" in summary(app)


def test_period_and_family_from_the_url(app, table):
    app.query_params["period"] = ["2024", "2025"]
    app.query_params["undated"] = "false"
    app.query_params["family"] = view.family_label("money")  # the URL holds the label shown
    app.run()
    want = frames.apply_filters(table, view.Filters(families=("money",), period=(2024, 2025), undated=False))
    assert f"筛选后 {len(want):,} 个" in summary(app)


def test_a_broken_upload_shows_its_error_and_the_rest_still_show(app, table):
    app.run()
    other = view.table_columns(table).assign(doc="other.txt")
    app.file_uploader(key="uploads").set_value([
        ("broken.txt", b"   ", "text/plain"),
        ("other.csv", view.csv_bytes(other), "text/csv"),
    ]).run()
    assert not app.exception
    assert any("broken.txt" in e.value for e in app.error)
    assert f"2 个文档，共 {2 * len(table):,} 个数字" in summary(app)
    assert len(charts(app)) == 4


def test_target_vs_reported_tab(app, table):
    app.query_params["tab"] = "目标与实际"
    app.run()
    assert not app.exception
    pairs = view.target_pairs(table)
    assert len(app.dataframe[0].value) == len(pairs)
    assert {m.label for m in app.metric} >= {view.status_badge(s) for s in view.STATUSES}
    if pd.to_numeric(pairs["actual_value"], errors="coerce").notna().any():
        assert charts(app)  # the bullet chart
    app.multiselect(key="status").set_value(["pending"]).run()
    assert len(app.dataframe[0].value) == int((pairs["status"] == "pending").sum())


def test_100k_rows(monkeypatch, tmp_path):
    """A 100,000-row table loads, charts (aggregated) and tabulates without errors."""
    from test_view import synthetic  # tests/ is on sys.path (pytest's default import mode)

    big = tmp_path / "big.parquet"
    view.normalise(synthetic(100_000)).to_parquet(big, index=False)
    monkeypatch.setenv(view.DATA_ENV, str(big))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    assert not at.exception and len(charts(at)) == 4
    assert "共 100,000 个数字" in summary(at)
    at.query_params["tab"] = "指标表"
    at.run()
    assert not at.exception


@pytest.mark.parametrize("tab", ["图表", "指标表", "目标与实际"])
def test_no_documents_yet(monkeypatch, tmp_path, tab):
    monkeypatch.setenv(view.DATA_ENV, str(tmp_path))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["tab"] = tab
    at.run()
    assert not at.exception
    assert "请在左侧上传文档或指标表" in at.info[0].value


def test_documents_are_read_with_the_lexicon_named(monkeypatch, tmp_path):
    doc = tmp_path / "docs" / "d.txt"
    doc.parent.mkdir()
    doc.write_text("全市新建居民楼12幢，产量增长5%。\n", encoding="utf-8")
    words = tmp_path / "words"
    assert main(["lexicon", str(words)]) == 0
    units_toml = words / "units.toml"
    units_toml.write_text(units_toml.read_text(encoding="utf-8").replace("words = [", 'words = ["幢",', 1),
                          encoding="utf-8")
    monkeypatch.setenv(view.DATA_ENV, str(doc.parent))
    monkeypatch.setenv("ZHIBIAO_LEXICON", str(words))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    assert not at.exception and not at.error
    assert "共 2 个数字" in summary(at)
    (words / "units.toml").write_text('default_family = "count"\n', encoding="utf-8")  # broken: said, not used
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == [f"无法读取 {words}：units.toml: [colloquial]: missing"]
    assert "共 1 个数字" in summary(at)


# --------------------------------------------------------------------------- a store


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory) -> Path:
    """The sample document extracted into a store by the command line."""
    out = tmp_path_factory.mktemp("store") / "corpus.duckdb"
    assert main([str(SAMPLE), "-o", str(out), "-q", "-j", "1"]) == 0
    return out


@pytest.fixture(scope="module")
def reports_store(tmp_path_factory) -> Path:
    """The two work reports extracted into a store (other figures than the sample's)."""
    out = tmp_path_factory.mktemp("store") / "reports.duckdb"
    assert main([str(GWR / "gwr-2022.txt"), str(GWR / "gwr-2023.txt"), "-o", str(out), "-q", "-j", "1"]) == 0
    return out


def store_app(monkeypatch, tmp_path, db: Path | None) -> AppTest:
    monkeypatch.setenv(view.DATA_ENV, str(SAMPLE))
    monkeypatch.setenv("ZHIBIAO_MAPPING", str(tmp_path / "mapping.toml"))
    if db is not None:
        monkeypatch.setenv("ZHIBIAO_DB", str(db))
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)


def test_a_store_opens_and_a_filter_changes_the_counts(monkeypatch, tmp_path, reports_store):
    q = query.Figures.open_store(reports_store)
    total, targets = q.count(), q.count(view.Filters(roles=("target",)))
    assert 0 < targets < total
    at = store_app(monkeypatch, tmp_path, reports_store)
    at.run()
    assert not at.exception and not at.error
    assert at.text_input(key="db").value == str(reports_store)
    assert f"2 个文档，共 {total:,} 个数字；筛选后 {total:,} 个" in summary(at)
    assert len(charts(at)) == 3  # sections, values over time, largest (the reports name no source)
    at.multiselect(key="role").set_value(["target"]).run()
    assert f"筛选后 {targets:,} 个" in summary(at)
    assert not at.exception and len(charts(at)) >= 3


def test_a_store_pages_its_table_and_downloads_every_selected_row(monkeypatch, tmp_path, sample_store, raw,
                                                                  served):
    monkeypatch.setattr(view, "PAGE_ROWS", 20)
    at = store_app(monkeypatch, tmp_path, sample_store)
    at.query_params["tab"] = "指标表"
    at.run()
    assert not at.exception
    shown = at.dataframe[0].value
    assert len(shown) == 20 and shown["mention"].tolist() == raw["mention"].head(20).tolist()
    page = next(n for n in at.number_input if n.key.startswith("page|"))
    page.set_value(2).run()
    assert at.dataframe[0].value["mention"].tolist() == raw["mention"].iloc[20:40].tolist()
    write_table(raw, tmp_path / "all.csv")
    assert served["figures.csv"]() == (tmp_path / "all.csv").read_bytes()  # every row, not the page
    at.selectbox(key="table_order").set_value("sort_desc").run()  # every row sorted, not only the page's
    largest = raw["value"].dropna().sort_values(ascending=False, kind="stable").head(20)
    assert at.dataframe[0].value["value"].tolist() == largest.tolist()


def test_the_sidebar_opens_a_store_and_says_what_it_cannot_open(monkeypatch, tmp_path, table, reports_store):
    at = store_app(monkeypatch, tmp_path, None)
    at.run()
    assert f"共 {len(table):,} 个数字" in summary(at)
    at.text_input(key="db").set_value(str(reports_store)).run()
    assert f"共 {query.Figures.open_store(reports_store).count():,} 个数字" in summary(at)
    assert not at.exception and not at.error
    missing = tmp_path / "missing.duckdb"
    at.text_input(key="db").set_value(str(missing)).run()
    assert not at.exception
    assert any(str(missing) in e.value for e in at.error)


def test_a_parquet_table_opens_in_place_as_its_store_does(monkeypatch, tmp_path, reports_store):
    out = tmp_path / "reports.parquet"
    assert main([str(GWR / "gwr-2022.txt"), str(GWR / "gwr-2023.txt"), "-o", str(out), "-q", "-j", "1"]) == 0
    shown = {}
    for name, data in (("store", reports_store), ("parquet", out)):
        at = store_app(monkeypatch, tmp_path, data)
        at.query_params["tab"] = "目标与实际"
        at.run()
        assert not at.exception and not at.error
        shown[name] = (summary(at), [m.value for m in at.metric], at.dataframe[0].value)
    assert shown["parquet"][:2] == shown["store"][:2]
    pd.testing.assert_frame_equal(shown["parquet"][2], shown["store"][2])


def test_the_command_line_names_the_store(monkeypatch, tmp_path, reports_store):
    monkeypatch.setattr(sys, "argv", ["dashboard.py", "--db", str(reports_store)])
    at = store_app(monkeypatch, tmp_path, None)
    at.run()
    assert not at.exception
    assert f"共 {query.Figures.open_store(reports_store).count():,} 个数字" in summary(at)


def test_the_dashboard_benchmark_runs_on_a_small_store(tmp_path):
    from extract import bench

    db = tmp_path / "s.duckdb"
    assert bench.make_store(db, 3000) == 3000
    assert query.Figures.open_store(db).summary()["docs"] == 6  # 500 figures a document
    r = bench.dashboard_run({"ZHIBIAO_DB": str(db), view.DATA_ENV: str(SAMPLE)}, settle=0)
    assert "6 个文档，共 3,000 个数字" in r["summary"]
    assert len(r["filter_changes"]) == 3 and r["first_run"] > 0 and r["peak_rss"] > 0


def test_a_store_s_goals_are_paired_whole_a_page_at_a_time(monkeypatch, tmp_path, reports_store):
    q = query.Figures.open_store(reports_store)
    pairs = view.target_pairs(q.rows())
    monkeypatch.setattr(view, "PAGE_ROWS", 5)
    at = store_app(monkeypatch, tmp_path, reports_store)
    at.query_params["tab"] = "目标与实际"
    at.run()
    assert not at.exception and not at.warning
    assert len(pairs) > 5 and len(at.dataframe[0].value) == 5
    assert any(f"共 {len(pairs):,} 对" in c.value for c in at.caption)
    counts = {m.label: int(m.value) for m in at.metric if m.label in {view.status_badge(s) for s in view.STATUSES}}
    assert counts == {view.status_badge(s): int((pairs["status"] == s).sum()) for s in view.STATUSES}


def test_above_the_limit_the_tabs_say_how_many_rows_can_pair_and_pair_within_the_filter(monkeypatch, tmp_path,
                                                                                       reports_store):
    q = query.Figures.open_store(reports_store)
    _table, n = q.pairing_table()
    monkeypatch.setattr(view, "PAIR_LIMIT", n - 1)
    at = store_app(monkeypatch, tmp_path, reports_store)
    at.query_params["tab"] = "指标跟踪"
    at.run()
    assert not at.exception
    assert [w.value for w in at.warning] == [view.ui("too_many", n=f"{n:,}", limit=f"{n - 1:,}")]
    at.multiselect(key="doc").set_value(["gwr-2022.txt"]).run()  # fewer rows can pair within it
    assert not at.exception and not at.warning
    assert any(c.value == view.ui("pair_within") for c in at.caption)
    assert at.selectbox(key="indicator").options


def test_the_dashboard_benchmark_opens_the_page_on_the_targets_tab(tmp_path):
    from extract import bench

    db = tmp_path / "s.duckdb"
    bench.make_store(db, 3000)
    r = bench.dashboard_run({"ZHIBIAO_DB": str(db), view.DATA_ENV: str(SAMPLE)}, settle=0,
                            tab=bench.DASHBOARD_TABS["targets"])
    pairs = view.target_pairs(query.Figures.open_store(db).rows())
    assert r["goals_shown"] == len(pairs) and not r["warnings"]

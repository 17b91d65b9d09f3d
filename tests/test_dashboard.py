"""The dashboard run headless with Streamlit's AppTest on the bundled sample corpus."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from extract import view
from extract.table import run_files, write_table

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "jsvc-2025-01.txt"


@pytest.fixture(scope="module")
def raw() -> pd.DataFrame:
    return run_files([SAMPLE]).table


@pytest.fixture(scope="module")
def table(raw) -> pd.DataFrame:
    return view.prepare(raw)


@pytest.fixture
def app(monkeypatch, tmp_path) -> AppTest:
    monkeypatch.setenv(view.DATA_ENV, str(SAMPLE))
    monkeypatch.setenv("ZHIBIAO_MAPPING", str(tmp_path / "mapping.toml"))
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)


@pytest.fixture
def served(monkeypatch) -> dict[str, bytes]:
    """The files the app hands to download buttons, by download file name."""
    files: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def record(self, path_or_data, mimetype, kind, filename=None):
        if isinstance(path_or_data, bytes) and filename:
            files[filename] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
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
    expected = view.apply_filters(table, view.Filters(topics=("国企",)))
    assert 0 < len(expected) < len(table)
    assert len(app.dataframe[0].value) == len(expected)
    assert set(app.dataframe[0].value["topic"]) == {"国企"}
    write_table(raw.iloc[expected.index].reset_index(drop=True), tmp_path / "x.csv")
    assert served["figures.csv"] == (tmp_path / "x.csv").read_bytes()
    assert {b.label for b in app.download_button} >= {"下载 CSV", "下载 Excel"}


def test_widgets_filter_charts_and_table(app, table):
    app.run()
    app.multiselect(key="role").set_value(["target"]).run()
    n = int((table["role"] == "target").sum())
    assert f"筛选后 {n:,} 个" in summary(app)
    assert not app.exception and len(charts(app)) >= 3
    app.text_input(key="q").set_value("规模").run()
    want = view.apply_filters(table, view.Filters(roles=("target",), text="规模"))
    assert 0 < len(want) < n
    assert f"筛选后 {len(want):,} 个" in summary(app)


def test_period_and_family_from_the_url(app, table):
    app.query_params["period"] = ["2024", "2025"]
    app.query_params["undated"] = "false"
    app.query_params["family"] = view.family_label("money")  # the URL holds the label shown
    app.run()
    want = view.apply_filters(table, view.Filters(families=("money",), period=(2024, 2025), undated=False))
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

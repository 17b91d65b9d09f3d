"""End to end: the dashboard served by ``streamlit run``, driven in headless Chromium.

Needs the system's Chromium at /usr/bin/chromium (never downloads a browser); skipped without it.
"""

from __future__ import annotations

import os
import urllib.parse
from pathlib import Path

import frames
import pytest
from helpers import CHROMIUM, ROOT, start_dashboard, stop_dashboard

from extract import view
from extract.table import run_files

SAMPLE = ROOT / "data" / "jsvc-2025-01.txt"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM}"),
]


GWR = ROOT / "tests" / "fixtures" / "gwr"
#: Set to a folder to keep the screenshots the tests take.
SHOTS_ENV = "ZHIBIAO_SCREENSHOTS"


def _shot(page, tmp_path: Path, name: str) -> Path:
    path = Path(os.environ.get(SHOTS_ENV) or tmp_path) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    return path


@pytest.fixture
def data():
    """The files the dashboard opens on (a test may change it before asking for ``server``)."""
    return os.pathsep.join([str(SAMPLE)])


@pytest.fixture
def server(tmp_path, data):
    """``streamlit run dashboard.py`` on a free port; yields its URL, then stops it."""
    try:
        proc, log, url = start_dashboard(tmp_path, {view.DATA_ENV: data,
                                                    "ZHIBIAO_MAPPING": str(tmp_path / "mapping.toml")})
    except RuntimeError as e:
        pytest.fail(str(e))
    try:
        yield url
    finally:
        stop_dashboard(proc, log)


def test_dashboard_in_a_browser(server, browser, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    table = frames.prepare(run_files([SAMPLE]).table)
    soe = frames.apply_filters(table, view.Filters(topics=("国企",)))
    soe_money = dict((label.split(" · ")[0], value) for label, value, _ in frames.headline(soe))["最大金额"]
    assert soe_money == "2万亿元"  # what the sample states: 2024年1至11月完成战略性新兴产业投资2万亿元

    page = browser.new_page(viewport={"width": 1440, "height": 2000})
    page.goto(server, wait_until="domcontentloaded")
    charts = page.locator("[data-testid='stVegaLiteChart']")
    sync_api.expect(charts).to_have_count(4, timeout=30_000)
    page.locator("[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg") \
        .first.wait_for(timeout=30_000)
    sync_api.expect(page.get_by_text("指标看板").first).to_be_visible()
    sync_api.expect(page.get_by_text(f"共 {len(table)} 个数字")).to_be_visible()

    # filter by topic in the sidebar: the charts, the cards and the URL follow
    topic = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").nth(1)
    topic.click()
    page.keyboard.type("国企")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    sync_api.expect(page.get_by_text(f"筛选后 {len(soe)} 个")).to_be_visible(timeout=20_000)
    sync_api.expect(page.get_by_text("国企").first).to_be_visible()
    sync_api.expect(page.get_by_text(soe_money).first).to_be_visible()
    sync_api.expect(charts).to_have_count(4, timeout=20_000)
    assert "topic=" + urllib.parse.quote("国企") in page.url
    page.wait_for_timeout(800)  # let the charts finish drawing before the picture
    _shot(page, tmp_path, "dashboard.png")

    # the page speaks Chinese: the uploader's own words, no "Select all" in a filter
    button_word = page.evaluate("""() => getComputedStyle(document.querySelector(
        "[data-testid='stFileUploaderDropzone'] button"), '::after').content""")
    assert button_word == '"上传"'
    topic.click()
    page.wait_for_timeout(300)
    assert page.get_by_text("Select all").count() == 0
    page.keyboard.press("Escape")

    # a chart's PNG downloads on the first click
    with page.expect_download(timeout=60_000) as dl:
        page.locator("[data-testid='stDownloadButton'] button", has_text="PNG").first.click()
    assert Path(dl.value.path()).read_bytes().startswith(b"\x89PNG")

    # the shared URL opens the same view
    page.goto(page.url, wait_until="domcontentloaded")
    sync_api.expect(page.get_by_text(f"筛选后 {len(soe)} 个")).to_be_visible(timeout=30_000)


def _two_reports() -> str:
    return os.pathsep.join(str(GWR / name) for name in ("gwr-2022.txt", "gwr-2023.txt"))


def _blue_point(png: bytes) -> tuple[int, int]:
    """Where the leftmost result dot (the actual colour) is drawn in a chart's picture."""
    import io

    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB")
    colour = tuple(int(view.config()["role_colours"]["actual"][i:i + 2], 16) for i in (1, 3, 5))
    w, h = img.size
    hits = [(x, y) for x in range(int(w * 0.8)) for y in range(h)
            if sum(abs(a - b) for a, b in zip(img.getpixel((x, y)), colour, strict=True)) < 40]
    assert hits, "no result drawn"
    x0 = min(x for x, _ in hits)
    ys = [y for x, y in hits if x <= x0 + 3]
    return x0 + 5, sorted(ys)[len(ys) // 2]


@pytest.mark.parametrize("data", [_two_reports()])
def test_tracker_and_pairs_on_two_work_reports(server, browser, tmp_path, data):
    sync_api = pytest.importorskip("playwright.sync_api")
    page = browser.new_page(viewport={"width": 1440, "height": 1600})
    # the tracker opens on the indicator with the most pairs
    page.goto(server + "/?tab=" + urllib.parse.quote("指标跟踪"), wait_until="domcontentloaded")
    chart = page.locator("[data-testid='stVegaLiteChart']")
    sync_api.expect(chart).to_have_count(1, timeout=60_000)
    chart.locator("canvas, svg").first.wait_for(timeout=30_000)
    sync_api.expect(page.get_by_role("combobox", name="指标")).to_have_value("国内生产总值增长（%）")
    page.wait_for_timeout(1000)
    box = chart.first.bounding_box()
    x, y = _blue_point(chart.first.screenshot())
    page.mouse.click(box["x"] + x, box["y"] + y)  # the 2021 result: its sentence shows below
    sync_api.expect(page.locator("mark", has_text="8.1%")).to_be_visible(timeout=20_000)
    _shot(page, tmp_path, "tracker.png")

    # the pairs: five goals met, one missed, the chart on %, the card 5 / 6
    page.goto(server + "/?tab=" + urllib.parse.quote("目标与实际"), wait_until="domcontentloaded")
    sync_api.expect(page.locator("[data-testid='stVegaLiteChart']")).to_have_count(1, timeout=60_000)
    met = page.locator("[data-testid='stMetric']", has_text="✓ 达成")
    sync_api.expect(met).to_contain_text("5", timeout=30_000)
    sync_api.expect(page.locator("[data-testid='stMetric']", has_text="✗ 未达成")).to_contain_text("1")
    sync_api.expect(page.locator("[data-testid='stMetric']", has_text="达成").first).to_be_visible()
    sync_api.expect(page.get_by_text("5 / 6")).to_be_visible()
    sync_api.expect(page.get_by_role("combobox", name="图中单位")).to_have_value("%")
    page.wait_for_timeout(800)
    _shot(page, tmp_path, "pairs.png")

    # Excel downloads on the first click
    page.goto(server + "/?tab=" + urllib.parse.quote("指标表"), wait_until="domcontentloaded")
    button = page.locator("[data-testid='stDownloadButton'] button", has_text="下载 Excel")
    button.wait_for(timeout=60_000)
    with page.expect_download(timeout=60_000) as dl:
        button.click()
    assert Path(dl.value.path()).read_bytes().startswith(b"PK")

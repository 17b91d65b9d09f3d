"""End to end: the dashboard served by ``streamlit run``, driven in headless Chromium.

Needs the system's Chromium at /usr/bin/chromium (never downloads a browser); skipped without it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from extract import view
from extract.table import run_files

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "jsvc-2025-01.txt"
CHROMIUM = "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM}"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    """``streamlit run dashboard.py`` on a free port; yields its URL, then stops it."""
    port = _free_port()
    env = {**os.environ, view.DATA_ENV: str(SAMPLE), "ZHIBIAO_MAPPING": str(tmp_path / "mapping.toml")}
    log = (tmp_path / "server.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("streamlit did not start:\n" + (tmp_path / "server.log").read_text())
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_dashboard_in_a_browser(server, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    table = view.prepare(run_files([SAMPLE]).table)
    soe = view.apply_filters(table, view.Filters(topics=("国企",)))
    soe_money = dict((label.split(" · ")[0], value) for label, value, _ in view.headline(soe))["最大金额"]
    assert soe_money == "2万亿元"  # what the sample states: 2024年1至11月完成战略性新兴产业投资2万亿元

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        try:
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
            shot = tmp_path / "dashboard.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000

            # the shared URL opens the same view
            page.goto(page.url, wait_until="domcontentloaded")
            sync_api.expect(page.get_by_text(f"筛选后 {len(soe)} 个")).to_be_visible(timeout=30_000)
        finally:
            browser.close()

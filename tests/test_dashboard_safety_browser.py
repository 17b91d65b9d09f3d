"""The dashboard in headless Chromium, fed hostile text: nothing of it runs, on any tab; uploads over the
server's limit are refused by the server itself, not only by the browser's widget.

Needs the system's Chromium at /usr/bin/chromium (never downloads a browser); skipped without it.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from helpers import CHROMIUM, ROOT, start_dashboard, stop_dashboard

from extract import view
from extract.table import run_files, write_table

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM}"),
]

IMG = "<img src=x onerror=alert(document.domain)>"
SCRIPT = "<script>alert(document.cookie)</script>"
LINK = '<a href="javascript:alert(document.domain)">点击</a>'
MD_LINK = "[链接](javascript:alert(document.domain))"
HOSTILE_DOC = f"""# {IMG}经济简讯{SCRIPT}

## 一、{IMG}国企{SCRIPT}

{LINK}营业收入{IMG}达到2万亿元，同比增长18.7%。

{MD_LINK}投资<svg onload=alert(document.domain)>目标是到2025年达到3万亿元。

2024年<b onmouseover=alert(document.domain)>投资</b>实际完成2.5万亿元。
"""

# every element, attribute and link that would run something; Streamlit's own page has none of them
FIND_INJECTED = """() => {
  const bad = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) bad.push(`${el.tagName} ${a.name}`);
        if (/href|src|action|formaction/i.test(a.name) && /^\\s*javascript:/i.test(a.value))
          bad.push(`${el.tagName} ${a.name}=${a.value}`);
      }
      const tag = el.tagName.toLowerCase();
      if (tag === 'img' && /(^|\\/)x$/.test(el.getAttribute('src') || '')) bad.push('img src=x');
      if (tag === 'script' && /alert\\(/.test(el.textContent)) bad.push('script');
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  for (const f of document.querySelectorAll('iframe')) {
    try { walk(f.contentDocument); } catch (e) { }
  }
  return bad.concat(window.__xss ? ['window.__xss'] : []);
}"""


def _start(tmp_path: Path, data: str, *extra: str):
    env = {view.DATA_ENV: data, "ZHIBIAO_MAPPING": str(tmp_path / "mapping.toml")}
    try:
        return start_dashboard(tmp_path, env, *extra)
    except RuntimeError as e:
        pytest.fail(str(e))


def _hostile_files(tmp_path: Path) -> list[Path]:
    """A document with markup in its title, heading and sentences, and an exported table with markup in every
    text column (a target and its actual, so the target-vs-reported tab has a pair to show)."""
    doc = tmp_path / "hostile.md"
    doc.write_text(HOSTILE_DOC, encoding="utf-8")
    df = run_files([doc]).table
    assert len(df) == 4 and set(df["role"]) == {"actual", "target"}
    df["doc"] = f"{IMG}表.csv"
    df["topic"] = f"{IMG}国企{SCRIPT}"
    df["article"] = f"{SCRIPT}{LINK}文章"
    df["source"] = f"{MD_LINK}日报"
    df["subject"] = f"{IMG}公司"
    table = tmp_path / "hostile.csv"
    write_table(df, table)
    return [doc, table]


def _click_first_row(page, grid) -> None:
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)  # the row-selection cell of the first data row


def test_hostile_text_never_runs_on_any_tab(browser, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    files = _hostile_files(tmp_path)
    proc, log, url = _start(tmp_path, os.pathsep.join(map(str, files)))
    dialogs: list[str] = []
    seen_as_text = []
    try:
        page = browser.new_page(viewport={"width": 1440, "height": 2000})
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(url, wait_until="domcontentloaded")
        sync_api.expect(page.get_by_text("指标看板").first).to_be_visible(timeout=30_000)
        sync_api.expect(page.locator("[data-testid='stVegaLiteChart']").first).to_be_visible(timeout=30_000)
        page.wait_for_timeout(1500)
        assert page.evaluate(FIND_INJECTED) == []

        # the headline cards' help (a tooltip with the sentence)
        helps = page.locator("[data-testid='stMetric'] [data-testid='stTooltipHoverTarget']")
        if helps.count():
            helps.first.hover()
            page.wait_for_timeout(500)
            assert page.evaluate(FIND_INJECTED) == []

        # the sidebar lists documents and topics by name
        page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first.click()
        page.wait_for_timeout(500)
        seen_as_text.append(IMG in page.inner_text("body"))
        assert page.evaluate(FIND_INJECTED) == []
        page.keyboard.press("Escape")

        for tab in ("指标表", "目标与实际"):
            page.get_by_role("tab", name=tab).click()
            grid = page.locator("[data-testid='stDataFrame']").first
            grid.wait_for(timeout=30_000)
            page.wait_for_timeout(1000)
            assert page.evaluate(FIND_INJECTED) == [], tab
            _click_first_row(page, grid)  # the selected row's sentence card (st.html)
            page.wait_for_timeout(2500)
            body = page.inner_text("body")
            seen_as_text.append("alert(document.domain)" in body)
            assert page.evaluate(FIND_INJECTED) == [], tab
        page.get_by_role("tab", name="图表").click()
        page.wait_for_timeout(1500)
        assert page.evaluate(FIND_INJECTED) == []
        page.screenshot(path=str(tmp_path / "hostile.png"), full_page=True)
    finally:
        stop_dashboard(proc, log)
    assert dialogs == []
    assert seen_as_text == [True, True, True]  # the markup was on the page, as text


def test_server_refuses_an_upload_over_its_limit(browser, tmp_path: Path) -> None:
    """The page's widget uploads a small file; on its way the body is swollen past the server's 1 MB limit,
    as a client that ignores the widget would send it: the server answers 413 and loads nothing."""
    sync_api = pytest.importorskip("playwright.sync_api")
    sample = ROOT / "data" / "jsvc-2025-01.txt"
    proc, log, url = _start(tmp_path, str(sample), "--server.maxUploadSize", "1")
    statuses: list[int] = []
    small = "上传的文件，营业收入达到7亿元。".encode()

    def swell(route) -> None:
        req = route.request
        if req.method != "PUT":
            route.continue_()
            return
        body = req.post_data_buffer or b""
        resp = route.fetch(post_data=body.replace(small, small + b" " * (2 * 2**20)))
        statuses.append(resp.status)
        route.fulfill(response=resp)

    try:
        page = browser.new_page(viewport={"width": 1440, "height": 1400})
        page.goto(url, wait_until="domcontentloaded")
        sync_api.expect(page.get_by_text("指标看板").first).to_be_visible(timeout=30_000)
        page.route("**/_stcore/upload_file/**", swell)
        page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
            files=[{"name": "upload.txt", "mimeType": "text/plain", "buffer": small}])
        deadline = time.monotonic() + 20
        while not statuses and time.monotonic() < deadline:
            page.wait_for_timeout(200)
        page.wait_for_timeout(1500)
        assert statuses == [413]
        assert "status code 413" in page.inner_text("[data-testid='stSidebar']")  # the widget says so
        sync_api.expect(page.get_by_text("1 个文档，").first).to_be_visible()  # and nothing was loaded
    finally:
        stop_dashboard(proc, log)

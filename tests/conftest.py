"""Fixtures shared by the test files: a small folder of documents (command-line and store tests) and
the browser the dashboard's browser tests drive."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import CHROMIUM, CHROMIUM_ARGS, TEXT


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A folder of two documents: ``a.txt`` (:data:`helpers.TEXT`, three figures) and ``sub/b.md``
    (one figure). A test module adds files of its own by overriding the fixture."""
    d = tmp_path / "docs"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(TEXT, encoding="utf-8")
    (d / "sub" / "b.md").write_text("市场规模达879亿元。\n", encoding="utf-8")
    return d


@pytest.fixture
def browser() -> Iterator[Any]:
    """Headless Chromium (the system's, :data:`helpers.CHROMIUM`) under Playwright; closed after the test."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()

"""Fixtures shared by the test files: the browser the dashboard's browser tests drive."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from helpers import CHROMIUM, CHROMIUM_ARGS


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

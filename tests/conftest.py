"""Fixtures shared by the command-line and store tests: a small folder of documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import TEXT


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A folder of two documents: ``a.txt`` (:data:`helpers.TEXT`, three figures) and ``sub/b.md``
    (one figure). A test module adds files of its own by overriding the fixture."""
    d = tmp_path / "docs"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(TEXT, encoding="utf-8")
    (d / "sub" / "b.md").write_text("市场规模达879亿元。\n", encoding="utf-8")
    return d

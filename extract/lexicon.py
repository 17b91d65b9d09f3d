"""Loads the package's language data (``extract/data/*.toml``).

Chinese vocabulary — digits, magnitude words, units and measure words, qualifier words, role
cue words, period words, metric synonyms — lives in TOML files next to this module so that a
linguist can extend it without reading the code. Each module builds its patterns from the
file it needs through :func:`load`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

import regex

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed contents of ``extract/data/NAME.toml``."""
    raw = resources.files("extract").joinpath("data", f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(raw)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of the literal ``words``, longest first (so the longest one matches)."""
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))

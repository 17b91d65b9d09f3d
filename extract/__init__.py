"""zhibiao (指标): find every figure stated in Chinese documents and turn them into one table.

Public API::

    extract_text(text, doc="", lexicon=None) -> DataFrame   one row per figure (see record.COLUMNS)
    extract_files(paths) -> DataFrame         the same over files and folders
    parse_number(s) -> float | None           one numeral string to its value
    compare(table) -> DataFrame               targets and forecasts paired with reported values
    Lexicon.from_folder(dir) -> Lexicon       the language data with edited copies of its files

The names are imported on first use, so ``import extract`` (and ``zhibiao --help``) loads
neither pandas nor the extractor's patterns.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .lexicon import Lexicon
    from .numerals import parse_number
    from .pairing import compare
    from .record import COLUMNS, Figure
    from .table import extract_files, extract_text

#: Where each public name lives.
_HOME = {
    "COLUMNS": "record",
    "Figure": "record",
    "Lexicon": "lexicon",
    "compare": "pairing",
    "extract_files": "table",
    "extract_text": "table",
    "parse_number": "numerals",
}

__all__ = ["COLUMNS", "Figure", "Lexicon", "compare", "extract_files", "extract_text", "parse_number"]


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'extract' has no attribute {name!r}")
    value = getattr(import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOME))

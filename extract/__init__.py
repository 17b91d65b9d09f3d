"""zhibiao (指标): find every figure stated in Chinese documents and turn them into one table.

Public API::

    extract_text(text, doc="") -> DataFrame   one row per figure (see record.COLUMNS)
    extract_files(paths) -> DataFrame         the same over files and folders
    parse_number(s) -> float | None           one numeral string to its value
    compare(table) -> DataFrame               targets and forecasts paired with reported values
"""

from __future__ import annotations

from .numerals import parse_number
from .pairing import compare
from .record import COLUMNS, Figure
from .table import extract_files, extract_text

__all__ = ["COLUMNS", "Figure", "compare", "extract_files", "extract_text", "parse_number"]

"""The record of one figure, and the column order of the indicator table.

Every output — the DataFrame, the CSV/JSONL/Parquet export, the dashboard — is built from
:class:`Figure` rows, in the order of :data:`COLUMNS` (the spec's columns, then ``subject``,
then the offsets ``start``/``end`` of the mention in the text the extractor was given, then
``doc_date``, the document's own date or year when it states one, and ``doc_year``, the year the
document reports on — see :mod:`extract.years`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

#: Columns of the indicator table, in order (``shared/spec/indicator-table.md`` + subject, offsets, doc_date, doc_year).
COLUMNS: tuple[str, ...] = (
    "doc",
    "topic",
    "article",
    "source",
    "sentence",
    "mention",
    "value",
    "value_max",
    "unit",
    "bound",
    "period",
    "role",
    "metric",
    "subject",
    "start",
    "end",
    "doc_date",
    "doc_year",
)

BOUNDS = ("exact", "approx", "lower", "upper")
ROLES = ("actual", "target", "forecast")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit as found in text, before any context is attached.

    ``start``/``end`` are offsets in the text that was searched; ``value``/``value_max``
    are exact decimals in ``unit`` (magnitudes applied).
    """

    start: int
    end: int
    value: Decimal
    value_max: Decimal | None
    unit: str
    bound: str = "exact"


@dataclass(frozen=True, slots=True)
class Figure:
    """One row of the indicator table."""

    doc: str
    topic: str
    article: str
    source: str
    sentence: str
    mention: str
    value: Decimal
    value_max: Decimal | None
    unit: str
    bound: str
    period: str
    role: str
    metric: str
    subject: str
    start: int
    end: int
    doc_date: str = ""
    doc_year: str = ""

    def to_dict(self) -> dict:
        """The row as a plain dict; values become floats (``None`` for a missing ``value_max``)."""
        d = {name: getattr(self, name) for name in COLUMNS}
        d["value"] = float(self.value)
        d["value_max"] = None if self.value_max is None else float(self.value_max)
        return d

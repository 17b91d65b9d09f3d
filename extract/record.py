"""The record of one figure, and the column order of the indicator table.

Every output — the DataFrame, the CSV/JSONL/Parquet export, the dashboard — is built from
:class:`Figure` rows, in the order of :data:`COLUMNS` (the spec's columns, then ``subject``,
then the offsets ``start``/``end`` of the mention in the text the extractor was given, then
``doc_date``, the document's own date or year when it states one, and ``doc_year``, the year the
document reports on — see :mod:`extract.years`). :class:`Rows` holds many of them column by column,
as the table is built.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Iterator, Sequence
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


#: The columns :class:`Rows` keeps as machine numbers (floats, NaN for no ``value_max``; integers).
_FLOATS = ("value", "value_max")
_INTS = ("start", "end")


class Rows(Sequence[Figure]):
    """Rows of the indicator table held column by column: a list per text column, machine numbers for
    ``value``/``value_max`` (the table's float64, NaN when there is no upper end) and ``start``/``end``.

    A large document states millions of figures; a record object per figure would cost several
    times the table itself. ``rows[i]`` is still the :class:`Figure` of row ``i`` (its ``value`` the
    :class:`~decimal.Decimal` of the table's float).
    """

    __slots__ = ("columns", "_texts")

    def __init__(self) -> None:
        self.columns: dict[str, list | array] = {
            c: array("d") if c in _FLOATS else array("q") if c in _INTS else [] for c in COLUMNS}
        self._texts: dict[str, str] = {}

    def shared(self, texts: list[str]) -> list[str]:
        """``texts`` with each text that an earlier row already holds replaced by that row's string: a
        metric, a subject or a mention repeated over a long document is stored once."""
        seen = self._texts
        return [seen.setdefault(t, t) for t in texts]

    def append(self, doc: str, topic: str, article: str, source: str, sentence: str, mention: str,
               value: Decimal, value_max: Decimal | None, unit: str, bound: str, period: str, role: str,
               metric: str, subject: str, start: int, end: int, doc_date: str = "", doc_year: str = "") -> None:
        """Add one row (the arguments are :class:`Figure`'s fields, in the order of :data:`COLUMNS`)."""
        row = (doc, topic, article, source, sentence, mention, float(value),
               math.nan if value_max is None else float(value_max), unit, bound, period, role, metric, subject,
               start, end, doc_date, doc_year)
        for col, x in zip(self.columns.values(), row, strict=True):
            col.append(x)

    def extend(self, figures: Iterable[Figure]) -> None:
        """Add ``figures`` (records) as rows."""
        for f in figures:
            self.append(*(getattr(f, c) for c in COLUMNS))

    def __len__(self) -> int:
        return len(self.columns["start"])

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        row = {c: col[i] for c, col in self.columns.items()}
        row["value"] = Decimal(repr(row["value"]))
        row["value_max"] = None if math.isnan(row["value_max"]) else Decimal(repr(row["value_max"]))
        return Figure(**row)

    def __iter__(self) -> Iterator[Figure]:
        return (self[i] for i in range(len(self)))

    def sort_by_start(self) -> None:
        """Put the rows in the order of their ``start`` (stable: rows that start together keep their order)."""
        starts = self.columns["start"]
        if all(starts[k] <= starts[k + 1] for k in range(len(starts) - 1)):
            return
        order = sorted(range(len(starts)), key=starts.__getitem__)
        for c, col in self.columns.items():
            picked = [col[k] for k in order]
            self.columns[c] = array(col.typecode, picked) if isinstance(col, array) else picked


def as_rows(figures: Sequence[Figure] | Rows) -> Rows:
    """``figures`` as :class:`Rows` (the same object when they are already)."""
    if isinstance(figures, Rows):
        return figures
    rows = Rows()
    rows.extend(figures)
    return rows

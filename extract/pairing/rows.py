"""The table's rows as pairing sees them: key, canonical metric, subject, and the period they are for.

Each rule of :mod:`extract.pairing`'s "Periods" section is a named function here:
:func:`infer_period` (a row without a stated period), :func:`reviewed_year` (a document that sets
goals for its own year reports the year before), and the cue reader :func:`last_cue`.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..numerals import YEAR_WORD, calendar_year, year_pattern
from ..record import COLUMNS
from .names import language, named

_TEXT_COLUMNS = tuple(c for c in COLUMNS if c not in ("value", "value_max", "start", "end"))
#: The cells a :class:`Row` is made of.
_BUILT_COLUMNS = ("period", "doc", "topic", "sentence", "mention", "subject", "unit")
# a calendar year written in Arabic digits (:func:`extract.numerals.year_pattern`), alone or before 年
_YEAR = re.compile(rf"(?<!\d)({year_pattern()})(?!\d)")
_YEAR_NIAN = re.compile(rf"(?<!\d)({year_pattern()})\s*{re.escape(YEAR_WORD)}")
_TO_LAST_CLAUSE_END = re.compile(r".*[，,；;。：:！？!?]", re.S)
_SPACE = re.compile(r"\s+")


@dataclass(slots=True)
class Row:
    """One table row, ready to pair (read, never changed: :func:`dataclasses.replace` makes another)."""

    pos: int            # position in the table
    key: str            # :func:`row_key`
    doc: str
    doc_year: int | None
    offset: float       # where it stands in its document (table order when unknown)
    role: str
    unit: str
    value: float | None
    value_max: float | None
    bound: str
    mention: str
    sentence: str
    metric: str         # canonical
    subject: str
    subject_n: str      # "" for a national subject
    period: str
    period_source: str  # stated / inferred / unknown
    clause: str         # the clause before the figure
    cue: str | None     # "prev" / "cur": the period cue before the figure in its sentence
    written_year: bool  # the period's year is written in the sentence or section heading
    weak: bool = False  # the period is only the document's own year, by default
    plan: bool = False  # an "actual" figure of the year its own document plans: not a result


def row_key(doc: Any, mention: Any, start: Any, sentence: Any) -> str:
    """A row's stable key: a hash of its document, mention, offset and sentence.

    White space in the mention and sentence is ignored, and ``start`` may be an int, a float
    or a string, so a table read back from CSV, JSONL or Parquet gives the same keys.
    """
    return _hashed(text(doc), _SPACE.sub("", text(mention)), _int_text(start), _SPACE.sub("", text(sentence)))


def _hashed(doc: str, bare_mention: str, start: str, bare_sentence: str) -> str:
    joined = f"{doc}\x1f{bare_mention}\x1f{start}\x1f{bare_sentence}"
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]


def row_keys(table: pd.DataFrame) -> pd.Series:
    """:func:`row_key` of every row of ``table``, indexed like it."""
    cols = [table[c] if c in table.columns else pd.Series([""] * len(table), index=table.index)
            for c in ("doc", "mention", "start", "sentence")]
    return pd.Series([row_key(*t) for t in zip(*cols, strict=True)], index=table.index, dtype=object)


def text(x: Any) -> str:
    """A cell as text; missing values are ``""``."""
    if type(x) is str:
        return x
    if x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA:
        return ""
    return str(x)


def _int_text(x: Any) -> str:
    if type(x) is int and abs(x) < 2**53:  # what the float round trip below gives
        return str(x)
    s = text(x).strip()
    try:
        f = float(s)
    except ValueError:
        return s
    return str(int(f)) if math.isfinite(f) and f == int(f) else s


def number(x: Any) -> float | None:
    """A cell as a number, or None."""
    try:
        f = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


@lru_cache(maxsize=1 << 16)
def doc_year(doc_date: str, article: str, doc: str) -> int | None:
    """The document's year: its date, else a year in its title, else one in its file name."""
    dated = calendar_year(doc_date.lstrip()[:4])
    if dated is not None:
        return dated
    m = _YEAR_NIAN.search(article)
    if m:
        return int(m.group(1))
    m = _YEAR.search(Path(doc).stem if doc else "")
    return int(m.group(1)) if m else None


def before(sentence: str, mention: str, nth: int = 0) -> str:
    """The text of ``sentence`` before the ``nth`` occurrence of ``mention`` (white space ignored)."""
    if not mention:
        return sentence
    pos = sentence.find(mention)
    for _ in range(nth):
        if pos < 0:
            break
        pos = sentence.find(mention, pos + 1)
    return sentence[:pos] if pos >= 0 else _before_bare(sentence, mention)


def _before_bare(sentence: str, mention: str) -> str:
    """The text of ``sentence`` before ``mention``'s first occurrence with white space ignored (all of it
    when there is none)."""
    bare_m = _SPACE.sub("", mention)
    if not bare_m:
        return sentence
    if not _SPACE.search(sentence):
        p = sentence.find(bare_m)
        return sentence[:p] if p >= 0 else sentence
    p = _SPACE.sub("", sentence).find(bare_m)
    if p < 0:
        return sentence
    for gap in _SPACE.finditer(sentence):  # the bare text's position in the sentence
        if gap.start() > p:
            break
        p += gap.end() - gap.start()
    return sentence[:p]


def last_cue(s: str) -> str | None:
    """``"prev"`` or ``"cur"``: whichever period cue stands last in ``s``, if any (the one that ends
    last; a ``previous_year`` word before a ``current_year`` word that ends at the same place).

    A cue right after a comparison word (``比上年``, ``较去年``) is a comparison, not a cue.
    """
    m = _cue_pattern().search(s[::-1])
    return m.lastgroup if m else None


@lru_cache(maxsize=1)
def _cue_pattern() -> re.Pattern:
    """The cue words reversed, so the first match in a reversed text is the cue that ends last; each
    followed (in the reversed text) by anything but a comparison word."""
    lang = language()
    guard = f"(?![{re.escape(lang.comparison_before)}])" if lang.comparison_before else ""

    def words(ws: tuple[str, ...]) -> str:
        return "|".join(re.escape(w[::-1]) for w in sorted(ws, key=len, reverse=True) if w) or "(?!)"

    prev, cur = words(lang.previous_year), words(lang.current_year)
    return re.compile(f"(?P<prev>(?:{prev}){guard})|(?P<cur>(?:{cur}){guard})")


def infer_period(period: str, year: int | None, topic: str, here: str | None, state: str | None
                 ) -> tuple[str, str, bool]:
    """``(period, period_source, weak)`` of a row with the ``period`` cell, its document's year
    (:func:`doc_year`) and its section heading ``topic``; ``weak`` when only the document's year gave it.

    A stated period stands. Otherwise, first match wins: a cue before the figure in its sentence
    (``here``); a year in the section heading; a cue in the heading; the last cue earlier in the
    section (``state``); the document's own year (weak). Without any document year the period stays empty.
    """
    if period:
        return period, "stated", False
    topic_year, topic_cue = _heading(topic)
    if here is None and topic_year:
        return topic_year, "inferred", False
    if year is None:
        return (topic_year, "inferred", False) if topic_year else ("", "unknown", False)
    cue = here or topic_cue or state
    return str(year - 1 if cue == "prev" else year), "inferred", cue is None


@lru_cache(maxsize=4096)
def _heading(topic: str) -> tuple[str, str | None]:
    """A section heading's year (``2024年工作回顾`` → ``2024``, else ``""``) and its period cue."""
    m = _YEAR_NIAN.search(topic)
    return (m.group(1) if m else ""), last_cue(topic)


def reviewed_year(r: Row, planned: set[str]) -> Row:
    """An actual row of the year its own document sets goals for, read as what it can be.

    A document that sets goals for its own year Y (a work report, a plan) cannot report Y's
    outcome: an actual row it dates to Y is either the plan itself (a ``今年`` cue before the
    figure, or Y written in its sentence or section heading) — then it is no result — or a year
    resolved from a relative word (``全年`` in the review of the year before) or from the
    document's year by default — then it is the year the document reviews, Y − 1.
    """
    if r.role != "actual" or r.doc_year is None or r.period != str(r.doc_year) or r.period not in planned:
        return r
    if r.cue == "cur" or r.written_year:
        return replace(r, plan=True)
    return replace(r, period=str(r.doc_year - 1), period_source="inferred", weak=False)


def _last_clause(text: str) -> str:
    """The text after the last clause end (``，``, ``；``, ``。`` …) of ``text``."""
    m = _TO_LAST_CLAUSE_END.match(text)
    return text[m.end():] if m else text


def _written(year: str, clause_text: str, topic: str) -> bool:
    return bool(year) and ((year in clause_text and year in _YEAR.findall(clause_text)) or year in _years_in(topic))


@lru_cache(maxsize=4096)
def _years_in(topic: str) -> list[str]:
    return _YEAR.findall(topic)


class Cells:
    """A table's columns as pairing reads them, each read once: a text column as codes (an array) into
    its distinct values (as text, stripped); ``value``, ``value_max`` and ``start`` as floats (NaN when
    missing: :meth:`number`), ``start`` also as given (for the row key)."""

    def __init__(self, table: pd.DataFrame):
        self.n = n = len(table)
        self.codes: dict[str, np.ndarray] = {}
        self.texts: dict[str, list[str]] = {}
        for c in _TEXT_COLUMNS:
            self.codes[c], self.texts[c] = _distinct(table[c]) if c in table.columns else (np.zeros(n, np.int64), [""])
        missing = np.full(n, np.nan)
        self.values = _numbers(table["value"]) if "value" in table.columns else missing
        self.maxima = _numbers(table["value_max"]) if "value_max" in table.columns else missing
        self.offsets = _numbers(table["start"]) if "start" in table.columns else missing
        self.starts = table["start"].to_numpy() if "start" in table.columns else np.full(n, "", dtype=object)

    def text(self, column: str, i: int) -> str:
        """Row ``i``'s cell of a text column."""
        return self.texts[column][self.codes[column][i]]

    @staticmethod
    def number(column: np.ndarray, i: int) -> float | None:
        """Row ``i``'s number in ``values``, ``maxima`` or ``offsets`` (None when missing)."""
        x = float(column[i])
        return None if x != x else x

    def start(self, i: int) -> Any:
        """Row ``i``'s ``start`` as the table gives it (a NumPy number as a Python one)."""
        x = self.starts[i]
        return x.item() if isinstance(x, np.generic) else x

    def order(self) -> np.ndarray:
        """The rows by document, and inside a document by offset (rows without one last), then table order."""
        missing = np.isnan(self.offsets)
        return np.lexsort((np.arange(self.n), np.where(missing, 0.0, self.offsets), missing, self.codes["doc"]))


def _distinct(col: pd.Series) -> tuple[np.ndarray, list[str]]:
    """A column as codes into its distinct cells as text (:func:`text`, stripped); cells with the same
    text share a code."""
    codes, uniques = pd.factorize(col, use_na_sentinel=True)
    cleaned = [text(u).strip() for u in uniques] + [""]  # code -1 (missing) is the last: ""
    first: dict[str, int] = {}
    remap = np.array([first.setdefault(t, len(first)) for t in cleaned], dtype=np.int64)
    return remap[codes], list(first)


def _numbers(col: pd.Series) -> np.ndarray:
    """:func:`number` of every cell, NaN for None (at once for a numeric column)."""
    if pd.api.types.is_numeric_dtype(col.dtype):
        return col.to_numpy(dtype=float, na_value=np.nan)
    return np.array([np.nan if (x := number(v)) is None else x for v in col.tolist()], dtype=float)


def prepare(table: pd.DataFrame | Cells, user: dict[str, str], needed: Sequence[bool] | None = None) -> list[Row]:
    """The table's rows with canonical metric and subject, resolved period and key, in table order.

    With ``needed`` only the rows it marks are returned (it must mark every target and forecast row:
    their periods are the goals of their document); every row still gives the rows after it in its
    document their period cues and section, so each returned row is the one the whole table gives.
    """
    cells = table if isinstance(table, Cells) else Cells(table)
    order = cells.order()
    nth, state, cued = _context(cells, order)
    wanted = np.ones(cells.n, dtype=bool) if needed is None else np.asarray(needed, dtype=bool)
    picked = np.flatnonzero(wanted[order])  # the rows to build, in document order
    built = _build(cells, user, order[picked], nth[picked].tolist(), [_CUES[c] for c in state[picked].tolist()],
                   cued[picked].tolist())
    by_doc: dict[str, list[Row]] = {}
    for r in built:
        by_doc.setdefault(r.doc, []).append(r)
    rows = [r for doc_rows in by_doc.values() for r in _reviewed(doc_rows)]
    rows.sort(key=attrgetter("pos"))
    return rows


#: The period cues :func:`last_cue` gives, by code (0: none).
_CUES: tuple[str | None, ...] = (None, "prev", "cur")


def _context(cells: Cells, order: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each row in ``order`` (by document and offset): which occurrence of its mention in its
    sentence it is in its document (from 0), the period cue in force before it (the last cue of the
    sentences before it in its document and section: a new section or document starts without one; a
    code into :data:`_CUES`), and whether its own sentence has a cue."""
    doc, topic, sent, ment = (cells.codes[c][order] for c in ("doc", "topic", "sentence", "mention"))
    nth = _occurrence(doc, sent, ment)
    present = np.unique(sent)
    code = np.zeros(len(cells.texts["sentence"]), dtype=np.int8)
    code[present] = [_CUES.index(last_cue(cells.texts["sentence"][c])) for c in present.tolist()]
    cue = code[sent]
    at = np.arange(len(order))
    starts = np.ones(len(order), dtype=bool)
    starts[1:] = (doc[1:] != doc[:-1]) | (topic[1:] != topic[:-1])
    section_start = np.maximum.accumulate(np.where(starts, at, 0)) if len(order) else at
    last = np.maximum.accumulate(np.where(cue > 0, at, -1)) if len(order) else at
    before = np.empty_like(last)
    before[:1], before[1:] = -1, last[:-1]
    state = np.where(before >= section_start, cue[np.maximum(before, 0)], 0)
    return nth, state, cue > 0


def _occurrence(doc: np.ndarray, sent: np.ndarray, ment: np.ndarray) -> np.ndarray:
    """Which occurrence of its (document, sentence, mention) codes each row is, from 0, in the given order."""
    if not len(doc):
        return np.zeros(0, dtype=np.int64)
    pair = pd.factorize(sent.astype(np.int64) * (int(ment.max()) + 1) + ment)[0]  # < rows² codes: no overflow
    key = doc.astype(np.int64) * (int(pair.max()) + 1) + pair
    return pd.Series(key).groupby(key, sort=False).cumcount().to_numpy()


def _reviewed(doc_rows: list[Row]) -> list[Row]:
    """A document's rows with :func:`reviewed_year` applied (the years its goals are for are its plan)."""
    planned = {r.period for r in doc_rows if r.role in ("target", "forecast")}
    return [reviewed_year(r, planned) for r in doc_rows]


def _build(cells: Cells, user: dict[str, str], positions: np.ndarray, nth: list[int], state: list[str | None],
           cued: list[bool]) -> list[Row]:
    """The :class:`Row` of each table row at ``positions``: the ``nth`` occurrence of its mention in its
    sentence, with period cue ``state`` in force before it; ``cued`` when its sentence has a cue (else
    no part of it has). Each column is read at once, and what rows share (a metric's canonical name,
    a sentence without white space, a document's year) worked out once."""
    cell = {c: _column(cells, c, positions) for c in _BUILT_COLUMNS}
    pos = positions.tolist()
    years = _years(cells, positions)
    heads, heres, periods = _periods(cell, years, nth, state, cued)
    metrics, subjects_n = _named(cells, positions, user)
    offsets = cells.offsets[positions]
    columns = (  # in the order of Row's fields
        pos, _keys(cells, positions, cell), cell["doc"], years,
        np.where(np.isnan(offsets), positions, offsets).tolist(),  # table order when unknown
        _column(cells, "role", positions, str.lower), cell["unit"], _numbers_at(cells.values, positions),
        _numbers_at(cells.maxima, positions), _column(cells, "bound", positions, lambda b: b or "exact"),
        cell["mention"], cell["sentence"], metrics, cell["subject"], subjects_n,
        [p[0] for p in periods], [p[1] for p in periods], [_last_clause(h) for h in heads], heres,
        [_written(p[0][:4], h, t) for p, h, t in zip(periods, heads, cell["topic"], strict=True)],
        [p[2] for p in periods],
    )
    return [Row(*fields) for fields in zip(*columns, strict=True)]


def _periods(cell: dict[str, list], years: list[int | None], nth: list[int], state: list[str | None],
             cued: list[bool]) -> tuple[list[str], list[str | None], list[tuple]]:
    """Each row's sentence before its figure, the period cue there (when its sentence has one), and its
    period (:func:`infer_period`, with its document's year ``years``)."""
    heads = list(map(before, cell["sentence"], cell["mention"], nth))
    heres = [last_cue(h) if c else None for h, c in zip(heads, cued, strict=True)]
    return heads, heres, list(map(infer_period, cell["period"], years, cell["topic"], heres, state))


def _column(cells: Cells, column: str, positions: np.ndarray, how: Callable[[str], Any] | None = None) -> list:
    """A text column's cells at ``positions``; with ``how``, ``how(text)`` of each, worked out once per
    distinct text there."""
    codes = cells.codes[column][positions]
    if how is None:
        return np.asarray(cells.texts[column], dtype=object)[codes].tolist()
    present, inverse = np.unique(codes, return_inverse=True)
    return np.asarray([how(cells.texts[column][c]) for c in present.tolist()], dtype=object)[inverse].tolist()


def _numbers_at(column: np.ndarray, positions: np.ndarray) -> list[float | None]:
    """``values`` or ``maxima`` at ``positions`` (None when missing)."""
    x = column[positions]
    out = x.astype(object)
    out[np.isnan(x)] = None
    return out.tolist()


def _named(cells: Cells, positions: np.ndarray, user: dict[str, str]) -> tuple[list[str], list[str]]:
    """Each row's canonical metric and its subject as pairing compares it ("" for a national one),
    worked out once per distinct (metric, subject)."""
    found, inverse = distinct_rows(np.stack([cells.codes["metric"][positions], cells.codes["subject"][positions]],
                                            axis=1))
    names = [named(cells.texts["metric"][m], cells.texts["subject"][s], user) for m, s in found]
    metrics, subjects = (np.array([n[j] for n in names], dtype=object)[inverse].tolist() for j in (0, 1))
    return metrics, subjects


def _keys(cells: Cells, positions: np.ndarray, cell: dict[str, list]) -> list[str]:
    """Each row's :func:`row_key`, a text's bare form (no white space) made once per distinct text."""
    mentions, sentences = (_column(cells, c, positions, lambda t: _SPACE.sub("", t)) for c in ("mention", "sentence"))
    return list(map(_hashed, cell["doc"], mentions, _start_texts(cells.starts[positions]), sentences))


def _start_texts(starts: np.ndarray) -> list[str]:
    """:func:`_int_text` of each ``start`` (at once for a column of integers)."""
    if starts.dtype.kind in "iu" and not (np.abs(starts) >= 2**53).any():
        return list(map(str, starts.tolist()))
    return [_int_text(x.item() if isinstance(x, np.generic) else x) for x in starts.tolist()]


def _years(cells: Cells, positions: np.ndarray) -> list[int | None]:
    """Each row's document year (:func:`doc_year`), worked out once per distinct date, title and file."""
    columns = ("doc_date", "article", "doc")
    found, inverse = distinct_rows(np.stack([cells.codes[c][positions] for c in columns], axis=1))
    years = [doc_year(*(cells.texts[c][k] for c, k in zip(columns, ks, strict=True))) for ks in found]
    return [years[i] for i in inverse.tolist()]


def distinct_rows(codes: np.ndarray) -> tuple[list[list[int]], np.ndarray]:
    """The distinct rows of a 2-D array of non-negative codes, and each row's index among them."""
    if not len(codes):
        return [], np.zeros(0, dtype=np.int64)
    bases = codes.max(axis=0) + 1
    flat = np.zeros(len(codes), dtype=np.int64)
    for j in range(codes.shape[1]):
        flat = flat * bases[j] + codes[:, j]
    _uniq, first, inverse = np.unique(flat, return_index=True, return_inverse=True)
    return codes[first].tolist(), inverse.reshape(-1)

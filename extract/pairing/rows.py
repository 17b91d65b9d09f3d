"""The table's rows as pairing sees them: key, canonical metric, subject, and the period they are for.

Each rule of :mod:`extract.pairing`'s "Periods" section is a named function here:
:func:`infer_period` (a row without a stated period), :func:`reviewed_year` (a document that sets
goals for its own year reports the year before), and the cue reader :func:`last_cue`.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from ..numerals import YEAR_WORD, calendar_year, year_pattern
from ..record import COLUMNS
from .names import clean, language, normalise

_TEXT_COLUMNS = tuple(c for c in COLUMNS if c not in ("value", "value_max", "start", "end"))
# a calendar year written in Arabic digits (:func:`extract.numerals.year_pattern`), alone or before 年
_YEAR = re.compile(rf"(?<!\d)({year_pattern()})(?!\d)")
_YEAR_NIAN = re.compile(rf"(?<!\d)({year_pattern()})\s*{re.escape(YEAR_WORD)}")
_CLAUSE_END = re.compile(r"[，,；;。：:！？!?]")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Row:
    """One table row, ready to pair."""

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
    parts = [text(doc), _SPACE.sub("", text(mention)), _int_text(start), _SPACE.sub("", text(sentence))]
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


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


@lru_cache(maxsize=4096)
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
    pos = -1
    for _ in range(nth + 1):
        pos = sentence.find(mention, pos + 1)
        if pos < 0:
            break
    if pos >= 0:
        return sentence[:pos]
    bare_m = _SPACE.sub("", mention)
    kept = [(i, ch) for i, ch in enumerate(sentence) if not ch.isspace()]
    p = "".join(ch for _, ch in kept).find(bare_m)
    if p < 0 or not bare_m:
        return sentence
    return sentence[:kept[p][0]]


def last_cue(s: str) -> str | None:
    """``"prev"`` or ``"cur"``: whichever period cue stands last in ``s``, if any.

    A cue right after a comparison word (``比上年``, ``较去年``) is a comparison, not a cue.
    """
    lang = language()
    best, which = -1, None
    for words, tag in ((lang.previous_year, "prev"), (lang.current_year, "cur")):
        for w in words:
            i = s.rfind(w)
            while i > 0 and s[i - 1] in lang.comparison_before:
                i = s.rfind(w, 0, i)
            if i >= 0 and i + len(w) > best:
                best, which = i + len(w), tag
    return which


def infer_period(r: dict[str, str], here: str | None, state: str | None) -> tuple[str, str, bool]:
    """``(period, period_source, weak)`` of a row; ``weak`` when only the document's year gave it.

    A stated period stands. Otherwise, first match wins: a cue before the figure in its sentence;
    a year in the section heading; a cue in the heading; the last cue earlier in the section;
    the document's own year (weak). Without any document year the period stays empty.
    """
    if r["period"]:
        return r["period"], "stated", False
    year = doc_year(r["doc_date"], r["article"], r["doc"])
    topic_year = _YEAR_NIAN.search(r["topic"])
    if here is None and topic_year:
        return topic_year.group(1), "inferred", False
    if year is None:
        return (topic_year.group(1), "inferred", False) if topic_year else ("", "unknown", False)
    cue = here or last_cue(r["topic"]) or state
    return str(year - 1 if cue == "prev" else year), "inferred", cue is None


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


def _written(year: str, clause_text: str, topic: str) -> bool:
    return bool(year) and (year in _YEAR.findall(clause_text) or year in _YEAR.findall(topic))


def prepare(table: pd.DataFrame, user: dict[str, str]) -> list[Row]:
    """The table's rows with canonical metric and subject, resolved period and key, in table order."""
    n = len(table)

    def col(c: str) -> list:
        return table[c].tolist() if c in table.columns else [""] * n

    cells = {c: [text(x).strip() for x in col(c)] for c in _TEXT_COLUMNS}
    values, maxima = [number(x) for x in col("value")], [number(x) for x in col("value_max")]
    starts = col("start")
    offsets = [number(x) for x in starts]
    metric_cache: dict[tuple[str, str], str] = {}
    by_doc: dict[str, list[int]] = {}
    for i, d in enumerate(cells["doc"]):
        by_doc.setdefault(d, []).append(i)
    rows: list[Row] = []
    for positions in by_doc.values():
        # rows inside a document by offset, so period cues carry forward
        positions.sort(key=lambda i: (offsets[i] is None, offsets[i] or 0.0, i))
        state: str | None = None
        topic_now: str | None = None
        seen: dict[tuple[str, str], int] = {}
        doc_rows = []
        for i in positions:
            r = {c: cells[c][i] for c in _TEXT_COLUMNS}
            if r["topic"] != topic_now:
                topic_now, state = r["topic"], None
            nth = seen.get((r["sentence"], r["mention"]), 0)
            seen[(r["sentence"], r["mention"])] = nth + 1
            head = before(r["sentence"], r["mention"], nth)
            here = last_cue(head)
            period, source, weak = infer_period(r, here, state)
            after = last_cue(r["sentence"])
            if after is not None:
                state = after
            mk = (r["metric"], r["subject"])
            if mk not in metric_cache:
                metric_cache[mk] = normalise(r["metric"], r["subject"], user)
            subj = clean(r["subject"])
            doc_rows.append(Row(
                pos=i, key=row_key(r["doc"], r["mention"], starts[i], r["sentence"]), doc=r["doc"],
                doc_year=doc_year(r["doc_date"], r["article"], r["doc"]),
                offset=offsets[i] if offsets[i] is not None else float(i),
                role=r["role"].lower(), unit=r["unit"], value=values[i], value_max=maxima[i],
                bound=r["bound"] or "exact", mention=r["mention"], sentence=r["sentence"],
                metric=metric_cache[mk], subject=r["subject"],
                subject_n="" if subj in language().default_subjects else subj,
                period=period, period_source=source, clause=_CLAUSE_END.split(head)[-1], cue=here,
                written_year=_written(period[:4], head, r["topic"]), weak=weak,
            ))
        planned = {r.period for r in doc_rows if r.role in ("target", "forecast")}
        rows.extend(reviewed_year(r, planned) for r in doc_rows)
    rows.sort(key=lambda x: x.pos)
    return rows

"""The indicator table: documents and text in, one row per figure out.

``extract_text`` runs the pipeline on one text — layout repair, segmentation, the figure
extractors, meaning — and ``extract_files`` runs it over files, collecting per-file errors
instead of stopping. ``write_table`` writes the table as CSV, JSONL or Parquet.
"""

from __future__ import annotations

import gc
import io
import sys
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from . import figures, layout, meaning, readers, roles, segment, tables, years
from .record import COLUMNS, Figure


@contextmanager
def no_cyclic_gc():
    """Pause the cyclic garbage collector, e.g. around one document (opt-in: the CLI and the benchmark).

    The pipeline allocates a great many short-lived containers (match groups, spans, records) but
    builds no reference cycles, so the collections they trigger find nothing and cost about a
    tenth of the extraction time; reference counting still frees everything as usual. The library
    functions leave the collector alone: it is the calling program's setting, not theirs.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def figures_of_text(text: str, doc: str = "", *, title: str = "",
                    outline: list[tuple[int, str]] | None = None,
                    tables: Sequence[tables.Table] = ()) -> list[Figure]:
    """The figures of ``text`` as :class:`Figure` records (offsets into ``text``).

    ``tables`` are the tables the reader found in ``text``: their cells become rows of their own
    (:func:`extract.tables.table_figures`), and the text path does not read them as running text.
    """
    return _figures_of_text(text, doc, title, outline, tables)


def _masked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with the ``spans`` blanked (line breaks kept, so offsets and paragraphs stay)."""
    parts, pos = [], 0
    for a, b in sorted(spans):
        if a < pos:
            a = pos
        parts.append(text[pos:a])
        parts.append("".join(c if c in "\n\f" else " " for c in text[a:b]))
        pos = max(pos, b)
    parts.append(text[pos:])
    return "".join(parts)


def _figures_of_text(text: str, doc: str, title: str, outline: list[tuple[int, str]] | None,
                     found: Sequence[tables.Table] = ()) -> list[Figure]:
    source_text = text
    if found:
        text = _masked(text, (t.span for t in found))
    rep = layout.repair(text)
    clean = rep.text
    struct = segment.segment(clean, title=title, name=_stem(doc), outline=outline)
    sents = struct.sentences
    starts = [s.start for s in sents]
    yrs = years.document_years(struct.title, struct.date, list(dict.fromkeys(s.topic for s in sents)))
    skip = sorted(struct.skip)
    skip_starts = [a for a, _ in skip]

    by_sentence: dict[int, list] = {}
    for q in figures.find_quantities(clean):
        k = bisect_right(skip_starts, q.start) - 1
        if k >= 0 and skip[k][0] <= q.start < skip[k][1]:
            continue
        i = bisect_right(starts, q.start) - 1
        if i < 0 or q.start >= sents[i].end:
            i = -1
        by_sentence.setdefault(i, []).append(q)

    about = years.sentence_years([(clean[s.start:s.end], s.topic, s.article) for s in sents], yrs)
    doc_year = "" if yrs.reported is None else str(yrs.reported)
    rows: list[Figure] = []
    for i, qs in by_sentence.items():
        if i >= 0:
            s = sents[i]
            sent_text = clean[s.start:s.end]
            base, topic, article, source = s.start, s.topic, s.article, s.source
        else:  # a figure outside every sentence (should not happen): its own line is its sentence
            base = clean.rfind("\n", 0, qs[0].start) + 1
            end = clean.find("\n", qs[0].end)
            sent_text = clean[base:end if end >= 0 else len(clean)]
            topic = article = source = ""
        spans = [(q.start - base, q.end - base, q.unit) for q in qs]
        context_year = about[i] if i >= 0 else yrs.reported
        plan = roles.plans_the_year(topic, years.named_year(topic), yrs.issued)
        notes = meaning.annotate(sent_text, spans, doc_year=yrs.issued, context_year=context_year, plan=plan)
        for q, m in zip(qs, notes, strict=True):
            a, b = rep.to_source(q.start), rep.to_source(q.end - 1) + 1
            rows.append(Figure(
                doc=doc, topic=topic, article=article, source=source,
                sentence=sent_text.strip(), mention=source_text[a:b],
                value=q.value, value_max=q.value_max, unit=q.unit, bound=q.bound,
                period=m.period, role=m.role, metric=m.metric, subject=m.subject,
                start=a, end=b, doc_date=struct.date, doc_year=doc_year,
            ))
    rows.extend(_table_rows(found, doc, rep, struct, yrs.reported, doc_year))
    rows.sort(key=lambda f: f.start)
    return rows


def _table_rows(found: Sequence[tables.Table], doc: str, rep: layout.Repaired, struct: segment.Structure,
                reported: int | None, doc_year: str) -> list[Figure]:
    """The figures of the tables, each placed in the article and section of the text before it."""
    if not found:
        return []
    sents = struct.sentences
    starts = [rep.to_source(s.start) for s in sents]
    rows: list[Figure] = []
    for t in found:
        i = bisect_right(starts, t.span[0]) - 1
        s = sents[i] if i >= 0 else (sents[0] if sents else None)
        where = {"topic": s.topic, "article": s.article, "source": s.source} if s else {}
        rows.extend(replace(f, doc_year=doc_year)
                    for f in tables.table_figures(t, doc, doc_year=reported, doc_date=struct.date, **where))
    return rows


def to_frame(rows: Iterable[Figure]) -> pd.DataFrame:
    """The rows as a DataFrame with the table's columns, in order."""
    df = pd.DataFrame([r.to_dict() for r in rows], columns=list(COLUMNS))
    df["value"] = df["value"].astype("float64")
    df["value_max"] = df["value_max"].astype("float64")
    df["start"] = df["start"].astype("int64")
    df["end"] = df["end"].astype("int64")
    return df


def extract_text(text: str, doc: str = "") -> pd.DataFrame:
    """One row per figure stated in ``text``: the spec's columns, ``subject``, ``start``/``end``."""
    return to_frame(figures_of_text(text, doc))


@dataclass
class Extraction:
    """The result of a run over files: the table, and one error per file that failed."""

    table: pd.DataFrame
    errors: list[readers.DocumentError] = field(default_factory=list)
    files: int = 0


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and the supported files inside folders named (sorted, recursively)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in readers.SUPPORTED))
        else:
            out.append(p)
    return out


def figures_of_file(path: Path) -> list[Figure]:
    """The figures of one document (``doc`` = its file name); raises :class:`readers.DocumentError`."""
    d = readers.read_document(path)
    return figures_of_text(d.text, path.name, title=d.title, outline=d.outline, tables=d.tables)


def run_files(paths: Iterable[str | Path], *, progress=None) -> Extraction:
    """Extract every file; a file that fails is recorded in ``errors`` and the rest go on."""
    files = expand_paths(paths)
    rows: list[Figure] = []
    errors: list[readers.DocumentError] = []
    for f in files:
        try:
            rows.extend(figures_of_file(f))
        except readers.DocumentError as e:
            errors.append(e)
        except Exception as e:  # a bug on one file must not take the others down
            errors.append(readers.DocumentError(f, f"internal error: {type(e).__name__}: {e}"))
        if progress is not None:
            progress(f)
    return Extraction(to_frame(rows), errors, len(files))


def extract_files(paths: Iterable[str | Path] | str | Path) -> pd.DataFrame:
    """The table over files (``doc`` = the file name); unreadable files are reported on stderr."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    res = run_files(paths)
    for e in res.errors:
        print(f"zhibiao: {e}", file=sys.stderr)
    return res.table


def write_table(df: pd.DataFrame, out: str | Path | io.TextIOBase) -> None:
    """Write ``df`` as CSV (UTF-8 with BOM), JSONL or Parquet, chosen by ``out``'s suffix."""
    if not isinstance(out, (str, Path)):
        df.to_csv(out, index=False)
        return
    p = Path(out)
    suffix = p.suffix.lower()
    if suffix == ".csv":
        df.to_csv(p, index=False, encoding="utf-8-sig")
    elif suffix == ".jsonl":
        df.to_json(p, orient="records", lines=True, force_ascii=False)
    elif suffix == ".parquet":
        df.to_parquet(p, index=False)
    else:
        raise ValueError(f"{p}: unknown output format {suffix!r} (use .csv, .jsonl or .parquet)")


#: Suffixes of the table formats :func:`write_table` writes and :func:`read_table` reads back.
TABLE_SUFFIXES: tuple[str, ...] = (".csv", ".jsonl", ".parquet")
_TEXT_COLUMNS = tuple(c for c in COLUMNS if c not in ("value", "value_max", "start", "end"))


def read_table(source: str | Path | bytes, name: str = "") -> pd.DataFrame:
    """A table :func:`write_table` wrote (.csv with or without BOM, .jsonl, .parquet) read back.

    ``source`` is a path, or the file's bytes with ``name`` giving its suffix. Text columns come back
    as text (empty, never NaN), ``value``/``value_max`` as numbers. Raises :class:`ValueError` for
    another suffix.
    """
    label = name or str(source)
    suffix = Path(label).suffix.lower()
    data = io.BytesIO(source) if isinstance(source, bytes) else source
    if suffix == ".csv":
        df = pd.read_csv(data, encoding="utf-8-sig", dtype={c: str for c in _TEXT_COLUMNS},
                         keep_default_na=False, na_values={"value": [""], "value_max": [""]})
    elif suffix == ".jsonl":
        df = pd.read_json(data, lines=True, dtype=False)
    elif suffix == ".parquet":
        df = pd.read_parquet(data)
    else:
        raise ValueError(f"{label}: not a table file (use .csv, .jsonl or .parquet)")
    for c in ("value", "value_max"):
        if c in df.columns:
            df[c] = pd.to_numeric(df[c], errors="coerce")
    return df


def _stem(doc: str) -> str:
    return Path(doc).stem if doc else ""

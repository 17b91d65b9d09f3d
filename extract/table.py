"""The indicator table: documents and text in, one row per figure out.

``extract_text`` runs the pipeline on one text — layout repair, segmentation, the figure
extractors, meaning — and ``extract_files`` runs it over files, collecting per-file errors
instead of stopping. ``write_table`` writes the table as CSV, JSONL or Parquet.
"""

from __future__ import annotations

import calendar
import errno
import gc
import io
import json
import math
import os
import re
import sys
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from . import layout, meaning, pipeline, readers, safety, tables
from . import limits as lim
from .lexicon import Lexicon
from .record import COLUMNS, Figure, Rows, as_rows


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
                    tables: Sequence[tables.Table] = (), lexicon: Lexicon | None = None) -> Rows:
    """The figures of ``text`` as :class:`~extract.record.Rows` (a sequence of :class:`Figure` records held
    column by column; offsets into ``text``).

    ``tables`` are the tables the reader found in ``text``: their cells become rows of their own
    (:meth:`extract.tables.TableReader.table_figures`), and the text path does not read them as running
    text. ``lexicon`` is the language data the stages read (the package's own by default).
    """
    return _figures_of_text(text, doc, title, outline, tables, lexicon or Lexicon.default())


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
                     found: Sequence[tables.Table], lexicon: Lexicon) -> Rows:
    masked = _masked(text, (t.span for t in found)) if found else text  # the tables read on their own
    d = pipeline.run(masked, title=title, name=_stem(doc), outline=outline, stages=pipeline.STAGES[:-1],
                     lexicon=lexicon)
    yrs = d.years
    doc_info = (doc, calendar_value(d.structure.date), "" if yrs.reported is None else str(yrs.reported))
    rows = Rows()
    groups, d.groups = d.groups, []
    groups.reverse()
    while groups:  # taken out one sentence at a time, so its quantities are freed as rows are made
        g = groups.pop()
        _sentence_rows(rows, g, pipeline.annotate(d, g), doc_info, d.repaired, text)
    rows.extend(_table_rows(found, doc, d, doc_info[2]))
    rows.sort_by_start()
    return rows


def _sentence_rows(rows: Rows, g: pipeline.Group, notes: Sequence[meaning.Meaning],
                   doc_info: tuple[str, str, str], rep: layout.Repaired, source_text: str) -> None:
    """Add the rows of the figures of one sentence (the group ``g``, their meanings ``notes``) to
    ``rows``, column by column."""
    qs, sent_text, topic, article, source = g.quantities, g.text, g.topic, g.article, g.source
    doc, doc_date, doc_year = doc_info
    n = len(qs)
    cols = rows.columns
    sentence = sent_text.strip()
    for c, x in (("doc", doc), ("topic", topic), ("article", article), ("source", source),
                 ("sentence", sentence), ("doc_date", doc_date), ("doc_year", doc_year)):
        cols[c].extend([x] * n)
    to_source = rep.to_source
    starts = [to_source(q.start) for q in qs]
    ends = [to_source(q.end - 1) + 1 for q in qs]
    cols["mention"].extend(rows.shared([source_text[a:b] for a, b in zip(starts, ends, strict=True)]))
    cols["value"].extend([float(q.value) for q in qs])
    cols["value_max"].extend([math.nan if q.value_max is None else float(q.value_max) for q in qs])
    cols["unit"].extend([q.unit for q in qs])
    cols["bound"].extend([q.bound for q in qs])
    cols["period"].extend([calendar_value(m.period) for m in notes])
    cols["role"].extend([m.role for m in notes])
    cols["metric"].extend(rows.shared([m.metric for m in notes]))
    cols["subject"].extend(rows.shared([m.subject for m in notes]))
    cols["start"].extend(starts)
    cols["end"].extend(ends)


def _table_rows(found: Sequence[tables.Table], doc: str, d: pipeline.Document, doc_year: str) -> list[Figure]:
    """The figures of the tables, each placed in the article and section of the text before it."""
    if not found:
        return []
    rep, struct, reported = d.repaired, d.structure, d.years.reported
    reader = d.lexicon.stage(tables.TableReader)
    sents = struct.sentences
    starts = [rep.to_source(s.start) for s in sents]
    doc_date = calendar_value(struct.date)
    rows: list[Figure] = []
    for t in found:
        i = bisect_right(starts, t.span[0]) - 1
        s = sents[i] if i >= 0 else (sents[0] if sents else None)
        where = {"topic": s.topic, "article": s.article, "source": s.source} if s else {}
        rows.extend(replace(f, doc_year=doc_year)
                    for f in reader.table_figures(t, doc, doc_year=reported, doc_date=doc_date, **where))
    return rows


_CALENDAR = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")


@lru_cache(maxsize=4096)
def calendar_value(s: str) -> str:
    """``s`` (``2024``, ``2024-11``, ``2024-11-05`` or ``START/END`` of these) cut to its valid calendar part.

    A month or day that does not exist is dropped (``2024-13`` → ``2024``, ``2024-02-30`` → ``2024-02``);
    anything else that is no calendar value becomes empty.
    """
    if not s:
        return s
    parts = []
    for part in s.split("/"):
        m = _CALENDAR.fullmatch(part)
        if m is None or len(s.split("/")) > 2:
            return ""
        y, mo, d = m.groups()
        if mo is None or not 1 <= int(mo) <= 12:
            parts.append(y)
        elif d is None or not 1 <= int(d) <= calendar.monthrange(int(y), int(mo))[1]:
            parts.append(f"{y}-{mo}")
        else:
            parts.append(part)
    return "/".join(parts)


def to_frame(rows: Iterable[Figure] | Rows) -> pd.DataFrame:
    """The rows as a DataFrame with the table's columns, in order (built from their columns)."""
    cols = as_rows(rows if isinstance(rows, (Rows, list)) else list(rows)).columns
    data = {}
    for c in COLUMNS:
        col = cols[c]
        if c in ("value", "value_max"):
            data[c] = np.frombuffer(col, dtype="float64") if len(col) else np.empty(0, "float64")
        elif c in ("start", "end"):
            data[c] = np.frombuffer(col, dtype="int64") if len(col) else np.empty(0, "int64")
        else:
            arr = np.empty(len(col), dtype=object)
            arr[:] = col
            data[c] = arr
    return pd.DataFrame(data, columns=list(COLUMNS), copy=False)


def extract_text(text: str, doc: str = "", *, lexicon: Lexicon | None = None) -> pd.DataFrame:
    """One row per figure stated in ``text``: the spec's columns, ``subject``, ``start``/``end``
    (read with ``lexicon``'s language data; the package's own by default)."""
    return to_frame(figures_of_text(text, doc, lexicon=lexicon))


@dataclass
class Extraction:
    """The result of a run over files: the table, one error per file that failed, and one note per file
    that was skipped or had no figures, so every input file is in the table, ``errors`` or ``notes``."""

    table: pd.DataFrame
    errors: list[readers.DocumentError] = field(default_factory=list)
    files: int = 0
    notes: list[Notice] = field(default_factory=list)


class Notice(readers.DocumentError):
    """A file reported beside the table that is no failure: skipped by the folder walk, or without figures."""


#: Reason noted for a file that was read but states no figure.
NO_FIGURES = "no figures found"


def walk(paths: Iterable[str | Path], *, follow_links: bool = False) -> tuple[list[Path], list[Notice]]:
    """Files named, and the supported files inside folders named (sorted, recursively), and what was skipped.

    Inside a folder, a symbolic link whose target lies outside that folder is not followed unless
    ``follow_links``; links that loop or dangle, named pipes, devices, sockets, files of another
    type and empty folders are skipped, each with a :class:`Notice` saying why. A file reached twice
    (named, and in a folder named) is read once. Any other path named explicitly is returned, to be
    read (or refused) by the reader.
    """
    files: list[Path] = []
    notes: list[Notice] = []
    seen: dict[Path, Path] = {}
    for p in map(Path, paths):
        if p.is_dir() and p.resolve() in seen:
            notes.append(Notice(p, f"skipped: the same folder as {seen[p.resolve()]}"))
        elif p.is_dir():
            _walk_folder(p, p.resolve(), follow_links, files, notes, seen)
        elif (why := _seen_before(p, seen)) is None:
            files.append(p)
        else:
            notes.append(Notice(p, f"skipped: {why}"))
    return files, notes


def _seen_before(path: Path, seen: dict[Path, Path]) -> str | None:
    """Why ``path`` is not read again (``None``: first seen, and now recorded in ``seen``)."""
    real = Path(os.path.realpath(path))  # never raises, not even for a link loop
    if real in seen:
        return f"the same file as {seen[real]}"
    seen[real] = path
    return None


def _walk_folder(folder: Path, root: Path, follow: bool, files: list[Path], notes: list[Notice],
                 seen: dict[Path, Path]) -> None:
    real = folder.resolve()
    if real in seen:
        notes.append(Notice(folder, f"skipped: symbolic link loop (already read as {seen[real]})"))
        return
    seen[real] = folder
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        notes.append(Notice(folder, f"skipped: cannot list the folder: {e.strerror or e}"))
        return
    if not entries:
        notes.append(Notice(folder, "skipped: empty folder"))
    for entry in entries:
        path = Path(entry.path)
        why = _link_problem(path, root, follow) if entry.is_symlink() else None
        if why is None and path.is_dir():
            _walk_folder(path, root, follow, files, notes, seen)
            continue
        if why is None and not path.is_file():
            why = readers.not_a_file(path)
        if why is None and path.suffix.lower() not in readers.SUPPORTED:
            why = f"unsupported file type {path.suffix or '(none)'!r}"
        if why is None:
            why = _seen_before(path, seen)
        if why is None:
            files.append(path)
        else:
            notes.append(Notice(path, f"skipped: {why}"))


def _link_problem(link: Path, root: Path, follow: bool) -> str | None:
    """Why the walk does not follow the symbolic link ``link`` inside folder ``root`` (``None``: it does)."""
    try:
        target = link.resolve(strict=True)
    except RuntimeError:
        return "symbolic link loop"
    except OSError as e:
        return "symbolic link loop" if e.errno == errno.ELOOP else "broken symbolic link"
    if not follow and not target.is_relative_to(root):
        return f"symbolic link to {target}, outside the folder (--follow-links reads it)"
    return None


def expand_paths(paths: Iterable[str | Path], *, follow_links: bool = False) -> list[Path]:
    """The files :func:`walk` finds (what it skipped left out)."""
    return walk(paths, follow_links=follow_links)[0]


def run_files(paths: Iterable[str | Path], *, progress=None, limits: lim.Limits | None = None,
              follow_links: bool = False, lexicon: Lexicon | None = None) -> Extraction:
    """Extract every file; a file that fails is recorded in ``errors`` and the rest go on; what the folder
    walk skipped and files without figures are in ``notes``.

    ``limits`` bound each document (:mod:`extract.limits`); with a time budget each document is read
    and extracted in a worker process stopped when the time is up. ``lexicon``: the language data
    (the package's own by default).
    """
    limits = limits or lim.active()
    files, notes = walk(paths, follow_links=follow_links)
    frames: list[pd.DataFrame] = []
    errors: list[readers.DocumentError] = []
    for f in files:
        try:
            if limits.seconds:
                found = lim.call_with_budget(_file_table, (f, limits, lexicon), limits.seconds)
            else:
                found = _file_table(f, limits, lexicon)
            frames.append(found)
            if not len(found):
                notes.append(Notice(f, NO_FIGURES))
        except readers.DocumentError as e:
            errors.append(e)
        except lim.BudgetExceeded as e:
            errors.append(readers.DocumentError(f, str(e)))
        except Exception as e:  # a bug on one file must not take the others down
            errors.append(readers.DocumentError(f, f"internal error: {type(e).__name__}: {e}"))
        if progress is not None:
            progress(f)
    frames = [t for t in frames if len(t)]
    table = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0] if frames else to_frame([])
    return Extraction(table, errors, len(files), notes)


def _file_table(path: Path, limits: lim.Limits, lexicon: Lexicon | None = None) -> pd.DataFrame:
    """The rows of one file, read under ``limits`` (a frame: compact to send back from a worker)."""
    return to_frame(figures_of_file(path, limits, lexicon))


def figures_of_file(path: Path, limits: lim.Limits | None = None, lexicon: Lexicon | None = None) -> Rows:
    """The figures of one document (``doc`` = its file name), read under ``limits`` with ``lexicon``'s
    language data (the package's own by default); raises :class:`readers.DocumentError`."""
    d = readers.read_document(path, limits, lexicon)
    return figures_of_text(d.text, path.name, title=d.title, outline=d.outline, tables=d.tables, lexicon=lexicon)


def extract_files(paths: Iterable[str | Path] | str | Path) -> pd.DataFrame:
    """The table over files (``doc`` = the file name); unreadable files are reported on stderr."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    res = run_files(paths)
    for e in res.errors:
        print(f"zhibiao: {e}", file=sys.stderr)
    return res.table


def write_table(df: pd.DataFrame, out: str | Path | io.TextIOBase) -> None:
    """Write ``df`` as CSV (UTF-8 with BOM), JSONL or Parquet, chosen by ``out``'s suffix.

    A path is written atomically (a temporary file beside it, renamed into place). In CSV, text cells
    a spreadsheet would take for a formula are neutralised (:mod:`extract.safety`); :func:`read_table`
    gives back exactly the table written, in every format.
    """
    if not isinstance(out, (str, Path)):
        _write_csv(df, out)
        return
    p = Path(out)
    writer = _WRITERS.get(p.suffix.lower())
    if writer is None:
        raise ValueError(f"{p}: unknown output format {p.suffix!r} (use .csv, .jsonl or .parquet)")
    with safety.atomic_path(p) as tmp:
        writer(df, tmp)


def check_output(path: str | Path) -> str | None:
    """Why the table cannot be written to ``path`` (``None`` when it can): checked before any work."""
    return safety.check_output(path, TABLE_SUFFIXES)


def _write_csv(df: pd.DataFrame, out: Path | io.TextIOBase) -> None:
    # CRLF line ends make the writer quote a lone \r inside a cell as well as a \n
    kw = {"encoding": "utf-8-sig"} if isinstance(out, Path) else {}
    safety.neutralised(df).to_csv(out, index=False, lineterminator="\r\n", **kw)


def _write_jsonl(df: pd.DataFrame, out: Path) -> None:
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        write_jsonl_lines(df, f)


def write_jsonl_lines(df: pd.DataFrame, f: io.TextIOBase) -> None:
    """``df``'s rows as JSON lines on ``f``: json.dumps writes a float's shortest exact form (pandas'
    to_json rounds to 15 digits)."""
    for rec in df.to_dict(orient="records"):
        rec = {k: None if isinstance(v, float) and math.isnan(v) else v for k, v in rec.items()}
        f.write(json.dumps(rec, ensure_ascii=False, allow_nan=False))
        f.write("\n")


def _write_parquet(df: pd.DataFrame, out: Path) -> None:
    df.to_parquet(out, index=False)


_WRITERS = {".csv": _write_csv, ".jsonl": _write_jsonl, ".parquet": _write_parquet}


#: Suffixes of the table formats :func:`write_table` writes and :func:`read_table` reads back.
TABLE_SUFFIXES: tuple[str, ...] = (".csv", ".jsonl", ".parquet")
_TEXT_COLUMNS = tuple(c for c in COLUMNS if c not in ("value", "value_max", "start", "end"))


def read_table(source: str | Path | bytes, name: str = "") -> pd.DataFrame:
    """A table :func:`write_table` wrote (.csv with or without BOM, .jsonl, .parquet) read back.

    ``source`` is a path, or the file's bytes with ``name`` giving its suffix. Text columns come back
    as text (empty, never NaN), ``value``/``value_max`` as numbers, ``start``/``end`` as integers: the
    table written, to the last digit. Raises :class:`ValueError` for another suffix.
    """
    label = name or str(source)
    suffix = Path(label).suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise ValueError(f"{label}: not a table file (use .csv, .jsonl or .parquet)")
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    if suffix == ".csv":
        # every cell as text, numbers converted below exactly; the C parser ends a cell at NUL
        df = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype={c: str for c in COLUMNS},
                         keep_default_na=False,
                         engine="python" if b"\x00" in data else "c")
        df = safety.restored(df)
    elif suffix == ".jsonl":
        lines = data.decode("utf-8-sig").split("\n")  # not splitlines: U+2028 may stand in a cell
        df = pd.DataFrame([json.loads(x) for x in lines if x.strip()]) if data.strip() else \
            pd.DataFrame(columns=list(COLUMNS))  # no line, no column names: an empty table
    else:
        df = pd.read_parquet(io.BytesIO(data))
    return _typed(df)


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    """The table's own columns in their types: text as str, value/value_max float, start/end int."""
    for c in ("value", "value_max"):
        if c in df.columns:
            df[c] = (df[c].map(_exact_float) if df[c].dtype == object else df[c]).astype("float64")
    for c in ("start", "end"):
        if c in df.columns and df[c].dtype == object:
            df[c] = pd.to_numeric(df[c], errors="coerce")
        if c in df.columns and df[c].notna().all():
            df[c] = df[c].astype("int64")
    for c in _TEXT_COLUMNS:
        if c in df.columns:
            df[c] = df[c].where(df[c].notna(), "").astype(str).astype(object)
    return df


def _exact_float(v: object) -> float:
    """A cell as a float, every digit kept (pandas' own text-to-float conversion may round)."""
    if v is None or v == "":
        return math.nan
    try:
        return float(v)
    except (TypeError, ValueError):
        return math.nan


def _stem(doc: str) -> str:
    return Path(doc).stem if doc else ""

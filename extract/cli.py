"""The command line: ``zhibiao [extract] PATH...``, ``zhibiao compare …``, ``zhibiao track …``.

Also ``python -m extract``. Four subcommands, each shown by ``zhibiao --help``:

* ``extract PATH... [-o OUT]`` (the default: ``zhibiao PATH...`` is ``zhibiao extract PATH...``)
  writes the indicator table of documents and folders (folders expand to the supported files);
* ``compare TABLE_OR_DOCS... [-o OUT] [--mapping FILE] [--tolerance X]`` pairs every target and
  forecast with the result reported for it (:mod:`extract.pairing`);
* ``track TABLE_OR_DOCS... [--metric M] [-o OUT]`` writes each indicator's goals and results by
  year (:mod:`extract.pairing.track`);
* ``lexicon DIR [--check]`` copies the language data files into DIR, to edit and read back with
  ``--lexicon DIR`` (:class:`extract.lexicon.Lexicon`), or checks DIR's files.

OUT's suffix picks the format — ``.csv`` (UTF-8 with BOM), ``.jsonl``, ``.parquet``, or for
``extract`` a ``.duckdb`` store; without ``-o`` (or with ``-o -``) CSV goes to stdout. ``extract``
runs on ``-j`` processes, or as a Dask job with ``--engine dask`` (:mod:`extract.runner`). A file
that cannot be read is reported on stderr as ``file: reason`` while the other files are still
processed; the exit status is then 1 (2 for a usage error). From
:data:`extract.runner.PROGRESS_FROM` documents on, a progress bar goes to stderr when it is a terminal.
Files skipped in folders (links leaving the folder, pipes, devices, other file types) and files
without figures are noted the same way without failing. Limits per document (size, unpacked size,
elements, pages, characters, seconds) have flags of their own (:mod:`extract.limits`); the output
path is checked before any work, and every output is written atomically.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from . import limits

if TYPE_CHECKING:  # pandas and the pipeline are imported when a command runs, not for --help
    import pandas as pd

    from . import table
    from .lexicon import Lexicon

SUBCOMMANDS = ("extract", "compare", "track", "lexicon")
FORMATS = (".csv", ".jsonl", ".parquet")


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="zhibiao",
        description="Extract every figure stated in Chinese documents into one indicator table, "
                    "and follow goals against results.",
        epilog="Without a subcommand, 'zhibiao PATH...' is 'zhibiao extract PATH...'.")
    sub = ap.add_subparsers(dest="command", metavar="{extract,compare,track,lexicon}")
    ex = sub.add_parser("extract", help="write the indicator table of documents and folders",
                        description="Write the indicator table of documents and folders.")
    ex.add_argument("paths", nargs="+", metavar="PATH", help="documents or folders of documents")
    ex.add_argument("-o", "--output", default="-", metavar="OUT",
                    help="output file (.csv, .jsonl, .parquet), a DuckDB store (.duckdb: reruns extract only "
                         "new or changed files); default: CSV on stdout")
    ex.add_argument("-j", "--jobs", type=int, metavar="N", help="documents extracted at once (default: all cores)")
    ex.add_argument("--engine", choices=("local", "dask"), default="local",
                    help="local processes (default), or a Dask cluster writing partitioned Parquet (OUT.parquet/)")
    ex.add_argument("--scheduler", metavar="ADDRESS",
                    help="with --engine dask: the scheduler to use (default: a cluster on this machine)")
    ex.add_argument("--errors", metavar="ERRORS.csv", help="also write the files that failed, as a CSV table")
    ex.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    ex.add_argument("--follow-links", action="store_true", help="in folders, follow links that leave the folder")
    _lexicon_option(ex)
    limits.add_arguments(ex)

    cmp = sub.add_parser("compare", help="pair each target and forecast with its reported result",
                         description="Pair each target and forecast with the result reported for it, "
                                     "across documents and years.")
    _inputs(cmp)
    _output(cmp)
    cmp.add_argument("--mapping", help="metric synonyms and corrections (.toml, or .csv phrase,canonical)")
    cmp.add_argument("--tolerance", type=float, default=0.05,
                     help="relative tolerance of an approximate goal (default 0.05 = ±5%%)")

    tr = sub.add_parser("track", help="follow each indicator's goals and results across years",
                        description="Each indicator's goals (with their bound and status) and results, by year.")
    _inputs(tr)
    _output(tr)
    tr.add_argument("--metric", metavar="M", help="only this indicator (any phrase naming it, e.g. GDP增速)")
    tr.add_argument("--mapping", help="metric synonyms and corrections (.toml, or .csv phrase,canonical)")

    lx = sub.add_parser("lexicon", help="copy the language data files into a folder, to edit and use with --lexicon",
                        description="Copy the package's language data files (numbers, layout, units, meaning, "
                                    "tables) into DIR, to edit and read with --lexicon DIR; or check DIR's files.")
    lx.add_argument("folder", metavar="DIR")
    lx.add_argument("--check", action="store_true", help="check DIR's files against the schema instead")
    return ap


def _inputs(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", metavar="TABLE_OR_DOCS",
                   help="exported tables (.csv/.jsonl/.parquet), documents or folders")
    _lexicon_option(p)


def _lexicon_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lexicon", metavar="DIR",
                   help="a folder of edited language data files (units.toml, meaning.toml …) read in place "
                        "of the package's own")


def _lexicon_files(a: argparse.Namespace) -> int:
    """``zhibiao lexicon DIR`` (copy the data files there) and ``zhibiao lexicon --check DIR``."""
    from . import lexicon

    try:
        if a.check:
            lexicon.Lexicon.from_folder(a.folder)
            names = sorted(p.name for p in Path(a.folder).glob("*.toml"))
            print(f"zhibiao lexicon: {a.folder}: {', '.join(names) or 'no data files'}: ok", file=sys.stderr)
        else:
            written = lexicon.export(a.folder)
            print(f"zhibiao lexicon: wrote {', '.join(p.name for p in written)} to {a.folder}; edit them and "
                  f"run with --lexicon {a.folder}", file=sys.stderr)
    except (lexicon.LexiconError, OSError) as e:
        print(f"zhibiao lexicon: {e}", file=sys.stderr)
        return 2
    return 0


def _read_lexicon(a: argparse.Namespace) -> str | None:
    """``a.lexicon`` (a folder) read into a :class:`~extract.lexicon.Lexicon`, in place; why it cannot be."""
    if not getattr(a, "lexicon", None):
        a.lexicon = None
        return None
    from .lexicon import Lexicon, LexiconError

    try:
        a.lexicon = Lexicon.from_folder(a.lexicon)
    except LexiconError as e:
        return str(e)
    return None


def _output(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", default="-", metavar="OUT",
                   help="output file (.csv, .jsonl, .parquet); default: CSV on stdout")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] not in SUBCOMMANDS and argv[0] not in ("-h", "--help"):
        argv.insert(0, "extract")
    try:
        a = _parser().parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    if a.command is None:
        _parser().print_help(sys.stderr)
        return 2
    prog = f"zhibiao {a.command}" if a.command != "extract" else "zhibiao"
    formats = FORMATS + (".duckdb",) if a.command == "extract" else FORMATS
    if a.command == "lexicon":
        return _lexicon_files(a)
    problem = _output_problem(a, formats) or _read_lexicon(a)
    if problem:
        print(f"{prog}: {problem}", file=sys.stderr)
        return 2
    try:
        return _extract(a) if a.command == "extract" else _pairs(a, prog)
    except KeyboardInterrupt:  # Ctrl-C: one line, no traceback (output files are left as they were)
        print(f"{prog}: interrupted", file=sys.stderr)
        return 130


def _output_problem(a: argparse.Namespace, formats: tuple[str, ...]) -> str | None:
    """Why an output the command asks for cannot be written (checked before any work), else ``None``."""
    from . import safety

    dask = getattr(a, "engine", "local") == "dask"  # the Dask engine writes a folder of Parquet files
    outs = [(a.output, formats, False) if not dask else (a.output.rstrip("/"), None, True),
            (getattr(a, "errors", None), (".csv",), False)]
    for out, suffixes, folder in outs:
        if out and out != "-" and "://" not in out:
            why = safety.check_output(out, suffixes, folder=folder)
            if why:
                return f"{out}: {why}"
    return None


def _run(files: list[Path], lexicon: Lexicon | None = None) -> table.Extraction:
    """Extract ``files`` with ``lexicon``, with a progress bar on a terminal from
    :data:`extract.runner.PROGRESS_FROM` files on."""
    from . import table
    from .runner import progress_bar

    bar = progress_bar(len(files))
    try:
        return table.run_files(files, progress=(lambda _f: bar.update()) if bar else None, lexicon=lexicon)
    finally:
        if bar:
            bar.close()


def _write(df: pd.DataFrame, out: str, prog: str) -> bool:
    from . import table

    try:
        table.write_table(df, sys.stdout if out == "-" else out)
    except (OSError, ValueError) as e:
        print(f"{prog}: {e}", file=sys.stderr)
        return False
    return True


def _extract(a: argparse.Namespace) -> int:
    if a.jobs is not None and a.jobs < 1:
        print("zhibiao: -j must be at least 1", file=sys.stderr)
        return 2
    from . import runner

    return runner.run_command(a)


def read_tables(inputs: Iterable[str | Path], *, errors: list[str] | None = None,
                lexicon: Lexicon | None = None) -> pd.DataFrame:
    """One table from exported tables and documents/folders (documents are extracted first, with
    ``lexicon``'s language data: the package's own by default).

    Problems with single inputs are appended to ``errors`` (one line each) when it is given.
    """
    import pandas as pd

    from . import table
    from .record import COLUMNS

    frames: list[pd.DataFrame] = []
    docs: list[Path] = []
    for item in map(Path, inputs):
        if item.is_file() and item.suffix.lower() in table.TABLE_SUFFIXES:
            try:
                frames.append(table.read_table(item))
            except Exception as e:  # one bad table must not stop the others
                if errors is None:
                    raise
                errors.append(f"{item}: {e}")
        else:
            docs.append(item)
    if docs:
        res = _run(table.expand_paths(docs), lexicon)
        frames.append(res.table)
        if errors is not None:
            errors.extend(str(e) for e in res.errors)
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=list(COLUMNS))
    return pd.concat(frames, ignore_index=True)


def _pairs(a: argparse.Namespace, prog: str) -> int:
    from . import pairing
    from .table import no_cyclic_gc

    missing = [p for p in a.inputs if not Path(p).exists()]
    for p in missing:
        print(f"{prog}: {p}: no such file or folder", file=sys.stderr)
    if missing:
        return 2
    if getattr(a, "tolerance", 0) < 0:
        print(f"{prog}: --tolerance must not be negative", file=sys.stderr)
        return 2
    if a.mapping and not Path(a.mapping).exists():
        print(f"{prog}: {a.mapping}: no such mapping file", file=sys.stderr)
        return 2
    problems: list[str] = []
    try:
        rows = read_tables(a.inputs, errors=problems, lexicon=a.lexicon)
        with no_cyclic_gc():  # the command line's choice, as for extraction: pairing makes no cycles
            if a.command == "compare":
                out = pairing.compare(rows, mapping=a.mapping, tolerance=a.tolerance)
            else:
                out = pairing.track(rows, metric=a.metric, mapping=a.mapping)
    except ValueError as e:
        print(f"{prog}: {e}", file=sys.stderr)
        return 2
    for line in problems:
        print(f"{prog}: {line}", file=sys.stderr)
    if not _write(out, a.output, prog):
        return 2
    return 1 if problems else 0

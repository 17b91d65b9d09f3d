"""The command line: ``zhibiao PATH... -o OUT`` (also ``python -m extract``).

PATH is a file or a folder (folders expand to the supported files inside); OUT's suffix picks
the format — ``.csv`` (UTF-8 with BOM), ``.jsonl``, ``.parquet`` or a ``.duckdb`` store — and
``-o -`` writes CSV to stdout (``-j``, the store and ``--engine dask``: :mod:`extract.runner`).
A file that cannot be read is reported on stderr as ``file: reason`` (and, with ``--errors FILE``,
written to a CSV table) while the other files are still processed; the
exit status is 1 when any file failed. ``zhibiao compare …`` pairs targets with reported
values (see :mod:`extract.pairing`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="zhibiao",
        description="Extract every figure stated in Chinese documents into one indicator table.",
        epilog="Subcommand: 'zhibiao compare TABLE_OR_DOCS... -o pairs.csv' pairs targets with reported values.",
    )
    ap.add_argument("paths", nargs="+", metavar="PATH", help="documents or folders of documents")
    ap.add_argument("-o", "--output", required=True, metavar="OUT",
                    help="output file (.csv, .jsonl, .parquet), a DuckDB store (.duckdb: reruns extract only "
                         "new or changed files), or - for CSV on stdout")
    ap.add_argument("-j", "--jobs", type=int, metavar="N", help="documents extracted at once (default: all cores)")
    ap.add_argument("--engine", choices=("local", "dask"), default="local",
                    help="local processes (default), or a Dask cluster writing partitioned Parquet (OUT.parquet/)")
    ap.add_argument("--scheduler", metavar="ADDRESS",
                    help="with --engine dask: the scheduler to use (default: a cluster on this machine)")
    ap.add_argument("--errors", metavar="ERRORS.csv", help="also write the files that failed, as a CSV table")
    ap.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    return ap


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "compare":
        from . import pairing

        return pairing.main(argv[1:])
    a = _parser().parse_args(argv)
    if a.output != "-" and Path(a.output).suffix.lower() not in (".csv", ".jsonl", ".parquet", ".duckdb"):
        print(f"zhibiao: {a.output}: unknown output format (use .csv, .jsonl, .parquet or .duckdb)", file=sys.stderr)
        return 2
    if a.jobs is not None and a.jobs < 1:
        print("zhibiao: -j must be at least 1", file=sys.stderr)
        return 2
    from . import runner

    return runner.run_command(a)

"""The command line: ``zhibiao PATH... -o OUT`` (also ``python -m extract``).

PATH is a file or a folder (folders expand to the supported files inside); OUT's suffix picks
the format — ``.csv`` (UTF-8 with BOM), ``.jsonl`` or ``.parquet`` — and ``-o -`` writes CSV
to stdout. A file that cannot be read is reported on stderr as ``file: reason`` (and, with
``--errors FILE``, written to a CSV table) while the other files are still processed; the
exit status is 1 when any file failed; files skipped in folders (links leaving the folder, pipes,
devices, other file types) and files without figures are noted the same way without failing.
Limits per document (size, unpacked size, elements, pages, characters, seconds) have flags of
their own (:mod:`extract.limits`); the output path is checked before any work, and every output is
written atomically. ``zhibiao compare …`` pairs targets with reported
values (see :mod:`extract.pairing`).
"""

from __future__ import annotations

import argparse
import sys
import time

import pandas as pd

from . import limits, safety, table

#: Show a progress bar from this many files on (when stderr is a terminal).
PROGRESS_FROM = 5


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="zhibiao",
        description="Extract every figure stated in Chinese documents into one indicator table.",
        epilog="Subcommand: 'zhibiao compare TABLE_OR_DOCS... -o pairs.csv' pairs targets with reported values.",
    )
    ap.add_argument("paths", nargs="+", metavar="PATH", help="documents or folders of documents")
    ap.add_argument("-o", "--output", required=True, metavar="OUT",
                    help="output file (.csv, .jsonl, .parquet), or - for CSV on stdout")
    ap.add_argument("--errors", metavar="ERRORS.csv", help="also write the files that failed, as a CSV table")
    ap.add_argument("-q", "--quiet", action="store_true", help="no summary line")
    ap.add_argument("--follow-links", action="store_true", help="in folders, follow links that leave the folder")
    limits.add_arguments(ap)
    return ap


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "compare":
        from . import pairing

        return pairing.main(argv[1:])
    a = _parser().parse_args(argv)
    for out, problem in ((a.output, a.output != "-" and table.check_output(a.output)),
                         (a.errors, a.errors and safety.check_output(a.errors, (".csv",)))):
        if problem:
            print(f"zhibiao: {out}: {problem}", file=sys.stderr)
            return 2
    t0 = time.perf_counter()
    files, skipped = table.walk(a.paths, follow_links=a.follow_links)
    bar = None
    if len(files) >= PROGRESS_FROM and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=len(files), unit="file", file=sys.stderr)
    res = table.run_files(files, progress=(lambda _f: bar.update()) if bar else None, limits=limits.from_args(a))
    reported = [*skipped, *res.notes, *res.errors]
    if bar:
        bar.close()
    if a.output == "-":
        table.write_table(res.table, sys.stdout)
    else:
        table.write_table(res.table, a.output)
    for e in reported:
        print(f"zhibiao: {e}", file=sys.stderr)
    if a.errors:
        table.write_table(pd.DataFrame([(e.path, e.reason) for e in reported], columns=["file", "reason"]),
                          a.errors)
    if not a.quiet:
        dt = time.perf_counter() - t0
        failed = f", {len(res.errors)} failed" if res.errors else ""
        failed += f", {len(reported) - len(res.errors)} noted" if len(reported) > len(res.errors) else ""
        print(f"zhibiao: {res.files} files{failed}, {len(res.table)} figures, {dt:.2f} s", file=sys.stderr)
    return 1 if res.errors else 0

"""Running the extractor over a corpus: documents in a process pool, results streamed out in order.

:func:`extract_stream` extracts documents on ``jobs`` processes and yields one :class:`DocResult`
per document, in the order given, while at most a few documents per worker are in flight — so
memory is bounded by the pool, not by the corpus, and the output of ``-j 8`` is the output of
``-j 1``. A document that fails is a result with an ``error``; a worker process that dies (a crash,
the out-of-memory killer) costs only the document that killed it. :func:`run_command` is the
command line's extraction: the files, the pool, a progress bar on a terminal, the output (a table
file written piece by piece, or the DuckDB store of :mod:`extract.store`) and the summary.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import nullcontext
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from . import readers, table
from .lexicon import Lexicon

if TYPE_CHECKING:
    import pandas as pd

#: Show a progress bar from this many files on (when stderr is a terminal).
PROGRESS_FROM = 5

#: Documents in flight per worker: enough to keep every worker busy, few enough to bound memory.
IN_FLIGHT = 4

#: Figures written to a table file at a time.
WRITE_BATCH = 20_000

#: Reason given for a document whose worker process died while extracting it.
WORKER_DIED = "the extracting process died (out of memory?)"


@dataclass
class DocResult:
    """One document's figures as a piece of the table (built in the worker, so the main process
    only writes it), or the reason it failed (``error``, empty when it did not)."""

    path: str
    table: pd.DataFrame | None = None
    error: str = ""

    @property
    def count(self) -> int:
        """The number of figures."""
        return 0 if self.table is None else len(self.table)


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


#: The lexicon a pool's worker process extracts with, set as the worker starts (:func:`start_pool`).
_worker_lexicon: Lexicon | None = None


def _start_worker(lexicon: Lexicon | None) -> None:
    global _worker_lexicon
    _worker_lexicon = lexicon


def extract_path(path: str, pause_gc: bool = False, lexicon: Lexicon | None = None) -> DocResult:
    """Read and extract one document under the limits in force (:func:`extract.limits.active`; with a
    time budget, in a worker process stopped when the time is up); failures become the result's
    ``error``. ``pause_gc`` pauses the cyclic GC meanwhile: the command line's choice for its own
    processes (:func:`extract_stream`), not for a worker shared with other work (the Dask engine).
    ``lexicon``: the language data (default: the pool worker's, else the package's own)."""
    from . import limits as lim

    lexicon = lexicon or _worker_lexicon
    budget = lim.active().seconds
    try:
        with table.no_cyclic_gc() if pause_gc else nullcontext():
            if budget:
                return DocResult(path, lim.call_with_budget(_piece, (path, lexicon), budget))
            return DocResult(path, _piece(path, lexicon))
    except readers.DocumentError as e:
        return DocResult(path, error=e.reason)
    except lim.BudgetExceeded as e:
        return DocResult(path, error=str(e))
    except Exception as e:  # a bug on one file must not take the others down
        return DocResult(path, error=f"internal error: {type(e).__name__}: {e}")


def _piece(path: str, lexicon: Lexicon | None) -> pd.DataFrame:
    return table.to_frame(table.figures_of_file(Path(path), lexicon=lexicon))


def start_pool(jobs: int, lexicon: Lexicon | None = None) -> ProcessPoolExecutor:
    """A pool of ``jobs`` worker processes extracting with ``lexicon`` (default: the package's own),
    started now (forked, where the platform can, before any thread of ours exists, so the workers
    share the extractor's loaded patterns)."""
    import multiprocessing as mp

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
    pool = ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_start_worker, initargs=(lexicon,))
    pool.submit(int).result()  # with fork, the first submission starts every worker
    return pool


def extract_stream(paths: Iterable[str], jobs: int = 1, pool: ProcessPoolExecutor | None = None,
                   lexicon: Lexicon | None = None) -> Iterator[DocResult]:
    """One :class:`DocResult` per path, in order: in this process for ``jobs`` ≤ 1, else in ``pool``
    (a pool of ``jobs`` processes started with ``lexicon``; one is started here when none is given)."""
    if pool is None and jobs <= 1:
        for p in paths:
            yield extract_path(p, pause_gc=True, lexicon=lexicon)
        return
    workers = _Workers(pool or start_pool(jobs, lexicon), jobs, own=pool is None, lexicon=lexicon)
    try:
        yield from _pooled(iter(paths), workers, workers.jobs * IN_FLIGHT)
    finally:
        workers.shutdown()


class _Workers:
    """The pool in use, replaced by a fresh one when a worker dies; shuts down the pools it started."""

    def __init__(self, pool: ProcessPoolExecutor, jobs: int, own: bool, lexicon: Lexicon | None = None):
        self.pool, self.jobs, self.lexicon = pool, jobs, lexicon
        self._own = [pool] if own else []

    def submit(self, path: str) -> Future:
        return self.pool.submit(extract_path, path, pause_gc=True)

    def restart(self) -> None:
        self.pool = start_pool(self.jobs, self.lexicon)
        self._own.append(self.pool)

    def shutdown(self) -> None:
        for p in self._own:
            p.shutdown(cancel_futures=True)


def _pooled(paths: Iterator[str], workers: _Workers, window: int) -> Iterator[DocResult]:
    flight: deque[tuple[str, Future]] = deque((p, workers.submit(p)) for p in islice(paths, window))
    while flight:
        path, fut = flight.popleft()
        try:
            res = fut.result()
        except BrokenProcessPool:  # some document in flight killed its worker: find it, go on
            stranded = [path] + [p for p, _ in flight]
            workers.restart()
            yield from _one_by_one(stranded, workers)
            flight = deque((p, workers.submit(p)) for p in islice(paths, window))
            continue
        yield res
        nxt = next(paths, None)
        if nxt is not None:
            flight.append((nxt, workers.submit(nxt)))


def _one_by_one(paths: list[str], workers: _Workers) -> Iterator[DocResult]:
    """Extract ``paths`` one at a time; the one whose worker dies gets :data:`WORKER_DIED`."""
    for p in paths:
        try:
            yield workers.submit(p).result()
        except BrokenProcessPool:
            workers.restart()
            yield DocResult(p, error=WORKER_DIED)


def concat(pieces: list[pd.DataFrame]) -> pd.DataFrame:
    """Pieces of the table as one (the empty table for none)."""
    import pandas as pd

    if not pieces:
        return table.to_frame([])
    return pieces[0] if len(pieces) == 1 else pd.concat(pieces, ignore_index=True)


class _TableSink:
    """The table file, written :data:`WRITE_BATCH` figures at a time."""

    def __init__(self, out: str):
        from .writers import TableWriter

        self.writer = TableWriter(sys.stdout if out == "-" else out)
        self.pieces: list[pd.DataFrame] = []
        self.rows = 0
        self.unchanged = 0

    def pending(self, files: list[Path]) -> list[str]:
        return [str(f) for f in files]

    def add(self, res: DocResult) -> None:
        if res.count:
            self.pieces.append(res.table)
            self.rows += res.count
        if self.rows >= WRITE_BATCH:
            self._flush()

    def _flush(self) -> None:
        self.writer.write(concat(self.pieces))
        self.pieces, self.rows = [], 0

    def close(self) -> None:
        if self.pieces:
            self._flush()
        self.writer.close()

    def abort(self) -> None:
        self.writer.abort()


def progress_bar(total: int):
    """A progress bar over ``total`` files on stderr, when it is a terminal and there are at least
    :data:`PROGRESS_FROM` of them (else ``None``)."""
    if total < PROGRESS_FROM or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True)


def run_command(a: argparse.Namespace) -> int:
    """The extraction the command line asked for (``a``: its parsed options); returns the exit status."""
    if a.engine == "dask":
        from . import cluster

        return cluster.run_command(a)
    if a.scheduler:
        print("zhibiao: --scheduler needs --engine dask", file=sys.stderr)
        return 2
    from . import limits as lim

    with lim.applied(lim.from_args(a)):  # before the pool is forked: its workers read them too
        return _run(a)


def _run(a: argparse.Namespace) -> int:
    t0 = time.perf_counter()
    files, notes = table.walk(a.paths, follow_links=a.follow_links)
    if a.output.lower().endswith(".duckdb"):
        from .store import Store

        sink = Store(a.output, a.lexicon)
    else:
        sink = _TableSink(a.output)
    try:
        n_figures, errors = _extract_into(sink, sink.pending(files), a.jobs, notes, a.lexicon)
    except OSError as e:  # the output could not be written (disk full …): the old file stays
        sink.abort()
        print(f"zhibiao: {a.output}: not written: {e.strerror or e}", file=sys.stderr)
        return 2
    except BaseException:  # interrupted or failed: the old output stays, the partial one goes
        sink.abort()
        raise
    report(a, errors, len(files), n_figures, sink.unchanged, time.perf_counter() - t0, notes)
    return 1 if errors else 0


def _extract_into(sink, todo: list[str], jobs: int | None, notes: list[table.Notice], lexicon: Lexicon | None = None
                  ) -> tuple[int, list[readers.DocumentError]]:
    """Extract ``todo`` on ``jobs`` processes with ``lexicon`` into ``sink`` and close it; the number of
    figures and the files that failed (files without figures are added to ``notes``)."""
    jobs = min(jobs or default_jobs(), len(todo))
    pool = start_pool(jobs, lexicon) if jobs > 1 else None  # forked while this process runs no other thread
    bar = progress_bar(len(todo))
    n_figures, errors = 0, []
    try:
        for res in extract_stream(todo, jobs, pool, lexicon):
            sink.add(res)
            n_figures += res.count
            if res.error:
                errors.append(readers.DocumentError(res.path, res.error))
            elif not res.count:
                notes.append(table.Notice(res.path, table.NO_FIGURES))
            if bar is not None:
                bar.set_postfix(figures=n_figures, errors=len(errors), refresh=False)
                bar.update()
        sink.close()
    finally:
        if bar is not None:
            bar.close()
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return n_figures, errors


def report(a: argparse.Namespace, errors: list[readers.DocumentError], files: int, figures: int, unchanged: int,
           seconds: float, notes: list[readers.DocumentError] = ()) -> None:
    """The failed and the noted files (skipped, without figures) on stderr and in ``--errors``, then
    the summary line unless ``--quiet``."""
    import pandas as pd

    reported = [*notes, *errors]
    for e in reported:
        print(f"zhibiao: {e}", file=sys.stderr)
    if a.errors:
        table.write_table(pd.DataFrame([(str(e.path), e.reason) for e in reported], columns=["file", "reason"]),
                          a.errors)
    if not a.quiet:
        failed = f", {len(errors)} failed" if errors else ""
        failed += f", {len(notes)} noted" if notes else ""
        kept = f", {unchanged} unchanged" if unchanged else ""
        print(f"zhibiao: {files} files{kept}{failed}, {figures} figures, {seconds:.2f} s", file=sys.stderr)

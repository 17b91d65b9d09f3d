"""The cluster engine: the same extraction as a Dask job, writing partitioned Parquet.

``zhibiao DOCS --engine dask [--scheduler ADDRESS] -o OUT.parquet`` splits the documents — local
paths, or fsspec URLs (``s3://bucket/reports/``, ``gs://…``, ``file://…``) that the workers read
themselves — into partitions of consecutive documents, extracts each partition on a
``dask.distributed`` worker and writes ``OUT.parquet/part-NNNNN.parquet`` (the table's rows, in
document order) and ``OUT.parquet/_documents/part-NNNNN.parquet`` (one row per document, the
store's ``documents`` columns). The parts are written into a hidden folder beside ``OUT.parquet`` and
renamed into its place when every partition is done, so a run that fails or is killed leaves the old
folder as it was. ``pandas.read_parquet("OUT.parquet")`` reads the table back — the
same table the local engine writes — and so does DuckDB (``read_parquet('OUT.parquet/*.parquet')``).
Without ``--scheduler`` a cluster of one worker process per core is started on this machine.
Needs the ``cluster`` extra (``pip install "zhibiao[cluster]"``); every worker needs zhibiao too.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

from . import readers, runner, store, table
from .lexicon import Lexicon
from .writers import arrow_table

#: Documents per partition at most (there are also at least four partitions per worker thread).
PARTITION_FILES = 500


def is_url(path: str) -> bool:
    """Whether ``path`` names its filesystem (``s3://…``, ``file://…``)."""
    return "://" in str(path)


def expand_sources(paths: list[str]) -> list[str]:
    """Local files and folders as :func:`extract.table.expand_paths` expands them (absolute: the
    workers may run elsewhere, on the same shared file system); a URL of a folder
    becomes the supported files under it (sorted), a URL of a file stays itself."""
    import fsspec

    out: list[str] = []
    for p in paths:
        if not is_url(p):
            out += [os.path.abspath(f) for f in table.expand_paths([p])]
            continue
        fs, root = fsspec.core.url_to_fs(p)
        if fs.isdir(root):
            found = sorted(f for f in fs.find(root) if Path(f).suffix.lower() in readers.SUPPORTED)
            out += [fs.unstrip_protocol(f) for f in found]
        else:
            out.append(p)
    return out


def partitions(sources: list[str], threads: int) -> list[list[str]]:
    """``sources`` cut into runs of consecutive documents: at least four per thread, at most
    :data:`PARTITION_FILES` documents each."""
    if not sources:
        return []
    n = max(min(len(sources), 4 * threads), -(-len(sources) // PARTITION_FILES))
    size = -(-len(sources) // n)
    return [sources[i:i + size] for i in range(0, len(sources), size)]


def extract_source(src: str, lexicon: Lexicon | None = None) -> tuple[runner.DocResult, tuple[str, int] | None]:
    """One document's result (read with ``lexicon``) and the hash and size of its bytes; a URL is read
    through fsspec."""
    if not is_url(src):
        return runner.extract_path(src, lexicon=lexicon), store.content_hash(src)
    import fsspec

    try:
        with fsspec.open(src, "rb") as f:
            data = f.read()
    except Exception as e:  # a missing object, no access, a network error: this document only
        return runner.DocResult(src, error=f"cannot read: {type(e).__name__}: {e}"), None
    with tempfile.TemporaryDirectory() as tmp:
        local = Path(tmp) / Path(src.rstrip("/")).name
        local.write_bytes(data)
        res = runner.extract_path(str(local), lexicon=lexicon)
    digest = store.hash_bytes(data)
    return runner.DocResult(src, res.table, res.error), (digest, len(data))


def extract_partition(index: int, sources: list[str], out: str, version: str, lexicon: Lexicon | None = None) -> dict:
    """Extract one partition and write its two Parquet files; returns its counts and errors."""
    import fsspec
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    results = [extract_source(s, lexicon) for s in sources]
    figs = runner.concat([r.table for r, _ in results if r.count])
    docs = pd.DataFrame([store.document_row(r, d, version) for r, d in results])
    fs, root = fsspec.core.url_to_fs(out)
    name = f"part-{index:05d}.parquet"
    with fs.open(f"{root}/{name}", "wb") as f:
        pq.write_table(arrow_table(figs), f)
    with fs.open(f"{root}/_documents/{name}", "wb") as f:
        pq.write_table(pa.Table.from_pandas(docs.astype(store.DOCUMENT_DTYPES), preserve_index=False), f)
    return {"files": len(results), "figures": len(figs),
            "errors": [(r.path, r.error) for r, _ in results if r.error]}


def _sibling(out: str, tag: str) -> str:
    """A hidden folder beside ``out`` (same file system, so a rename moves it): ``.NAME.TAG``."""
    parent, _, name = out.rstrip("/").rpartition("/")
    return f"{parent}/.{name}.{tag}"


def _prepare(out: str) -> str:
    """Check ``out`` can take the run's parts (a new folder, or one an earlier run wrote: parts and
    ``_documents`` only, so nothing of the user's is replaced), sweep what a killed run left beside it,
    and make the staging folder the workers write into; its URL."""
    import fsspec

    fs, root = fsspec.core.url_to_fs(out)
    if fs.exists(root):
        if not fs.isdir(root):
            raise readers.DocumentError(out, "is a file, not a Parquet folder")
        foreign = [p for p in fs.ls(root, detail=False)
                   if not (p.rstrip("/").rsplit("/", 1)[-1].startswith(("part-", "_documents")))]
        if foreign:
            raise readers.DocumentError(out, f"holds other files ({foreign[0].rsplit('/', 1)[-1]}, …): "
                                             "not replaced; choose a new folder")
    _, left = fsspec.core.url_to_fs(_sibling(out, "*"))
    for litter in fs.glob(left):
        fs.rm(litter, recursive=True)
    stage = _sibling(out, f"{os.getpid()}-{uuid.uuid4().hex[:8]}.part")
    fs.makedirs(f"{fsspec.core.url_to_fs(stage)[1]}/_documents", exist_ok=True)
    return stage


def _publish(stage: str, out: str) -> None:
    """Put the complete ``stage`` in the place of ``out``: the old folder is renamed aside, the new one
    renamed in, the old one removed (a run killed before this leaves ``out`` as it was)."""
    import fsspec

    fs, root = fsspec.core.url_to_fs(out)
    new = fsspec.core.url_to_fs(stage)[1]
    if fs.exists(root):
        old = fsspec.core.url_to_fs(_sibling(out, f"{os.getpid()}.old"))[1]
        fs.mv(root, old, recursive=True)
        fs.mv(new, root, recursive=True)
        fs.rm(old, recursive=True)
    else:
        fs.mv(new, root, recursive=True)


def _discard(stage: str) -> None:
    import fsspec

    fs, root = fsspec.core.url_to_fs(stage)
    if fs.exists(root):
        fs.rm(root, recursive=True)


def run(paths: list[str], out: str, client=None, scheduler: str | None = None, jobs: int | None = None,
        lexicon: Lexicon | None = None) -> dict:
    """Extract ``paths`` on a Dask cluster into ``out`` with ``lexicon`` (default: the package's own
    language data); the totals (files, figures, errors).

    ``client`` is a connected ``distributed.Client``; else one connects to ``scheduler``, else a
    cluster of ``jobs`` worker processes (default: one per core) is started for the run.
    """
    from distributed import Client, LocalCluster

    sources = expand_sources(paths)
    stage = _prepare(out)
    own, cluster = None, None
    if client is None:
        if not scheduler:
            cluster = LocalCluster(n_workers=jobs or runner.default_jobs(), threads_per_worker=1,
                                   processes=True, dashboard_address=None)
        own = client = Client(scheduler or cluster)
    try:
        threads = max(1, sum(client.nthreads().values()))
        parts = partitions(sources, threads)
        futures = client.map(extract_partition, range(len(parts)), parts,
                             [stage] * len(parts), [store.extractor_version(lexicon)] * len(parts),
                             [lexicon] * len(parts), pure=False)
        done = client.gather(futures)
        _publish(stage, out)
    except BaseException:
        _discard(stage)
        raise
    finally:
        if own is not None:
            own.close()
        if cluster is not None:
            cluster.close()
    return {"files": sum(d["files"] for d in done), "figures": sum(d["figures"] for d in done),
            "errors": [e for d in done for e in d["errors"]]}


def run_command(a: argparse.Namespace) -> int:
    """``--engine dask`` on the command line; returns the exit status."""
    if not a.output.lower().rstrip("/").endswith(".parquet"):
        print(f"zhibiao: {a.output}: the dask engine writes partitioned Parquet: use -o NAME.parquet "
              "(a folder)", file=sys.stderr)
        return 2
    try:
        import distributed  # noqa: F401
    except ImportError:
        print('zhibiao: --engine dask needs dask.distributed: pip install "zhibiao[cluster]"', file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    out = a.output.rstrip("/") if is_url(a.output) else os.path.abspath(a.output)
    try:
        res = run(a.paths, out, scheduler=a.scheduler, jobs=a.jobs, lexicon=a.lexicon)
    except readers.DocumentError as e:
        print(f"zhibiao: {e.path}: {e.reason}", file=sys.stderr)
        return 2
    errors = [readers.DocumentError(p, reason) for p, reason in res["errors"]]
    runner.report(a, errors, res["files"], res["figures"], 0, time.perf_counter() - t0)
    return 1 if errors else 0

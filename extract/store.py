"""The corpus store: an embedded DuckDB database of the figures and of the documents they came from.

``zhibiao DOCS -o corpus.duckdb`` keeps two tables:

* ``figures`` — the indicator table's columns (:data:`extract.record.COLUMNS`) after ``path``, the
  document the row came from;
* ``documents`` — one row per document: ``path`` (absolute), ``hash`` (BLAKE2b of the bytes),
  ``size``, ``format`` (the suffix), ``status`` (``ok``/``error``), ``error`` (the reason),
  ``figures`` (how many), ``extracted_at`` (UTC) and ``version`` (:func:`extractor_version`).

A rerun extracts only the documents that are new, whose bytes changed, or that an earlier
extractor version read; a changed document's old figures are dropped. Each document's figures
and its ``documents`` row are committed in one transaction (a few documents share one), so a run
killed at any point leaves a consistent store and the next run takes up where it stopped.
Documents of earlier runs that are not named again stay in the store.
"""

from __future__ import annotations

import hashlib
import os
import time
from datetime import datetime, timezone
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .record import COLUMNS

if TYPE_CHECKING:
    import pandas as pd

    from .lexicon import Lexicon
    from .runner import DocResult

#: Documents committed together at most, and seconds between commits at most (each document's
#: rows are always in one transaction; a killed run loses at most this much work).
COMMIT_DOCUMENTS = 64
COMMIT_SECONDS = 1.0

_TYPES = {"value": "DOUBLE", "value_max": "DOUBLE", "start": "BIGINT", "end": "BIGINT"}
_FIGURES = ", ".join(['"path" VARCHAR'] + [f'"{c}" {_TYPES.get(c, "VARCHAR")}' for c in COLUMNS])
_DOCUMENTS = ('"path" VARCHAR PRIMARY KEY, "hash" VARCHAR, "size" BIGINT, "format" VARCHAR, '
              '"status" VARCHAR, "error" VARCHAR, "figures" INTEGER, "extracted_at" TIMESTAMP, "version" VARCHAR')
_COLS = ", ".join(f'"{c}"' for c in COLUMNS)


#: pandas types of the ``documents`` columns that can be missing (no hash for an unreadable file).
DOCUMENT_DTYPES = {"size": "Int64", "figures": "int32"}


def document_row(res: DocResult, digest: tuple[str, int] | None, version: str) -> dict:
    """The ``documents`` row of one result: ``digest`` is its hash and size, when the bytes were read."""
    return {
        "path": res.path, "hash": digest[0] if digest else None, "size": digest[1] if digest else None,
        "format": Path(res.path).suffix.lower().lstrip("."), "status": "error" if res.error else "ok",
        "error": res.error or None, "figures": res.count,
        "extracted_at": datetime.now(timezone.utc).replace(tzinfo=None), "version": version,
    }


def extractor_version(lexicon: Lexicon | None = None) -> str:
    """The package version and a digest of the extractor's code and vocabulary (``0.1.0+3f2a…``), and
    of a lexicon other than the package's own (``…+lexicon.9c1d…``): any change to them makes a
    store re-extract its documents."""
    v = _package_version()
    if lexicon is not None and lexicon.origin:
        v += f"+lexicon.{lexicon.digest()}"
    return v


@cache
def _package_version() -> str:
    here = Path(__file__).resolve().parent
    h = hashlib.blake2b(digest_size=6)
    for f in sorted([*here.glob("*.py"), *here.glob("data/*.toml")]):
        h.update(f.name.encode())
        h.update(f.read_bytes())
    try:
        from importlib.metadata import version

        v = version("zhibiao")
    except Exception:  # not installed: run from a checkout
        v = "0"
    return f"{v}+{h.hexdigest()}"


def hash_bytes(data: bytes) -> str:
    """The content hash of a document's bytes (what :func:`content_hash` computes for a file)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def content_hash(path: str | Path) -> tuple[str, int] | None:
    """The content hash of the file's bytes, and its size; None when it cannot be read."""
    h = hashlib.blake2b(digest_size=16)
    size = 0
    try:
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                h.update(chunk)
                size += len(chunk)
    except OSError:
        return None
    return h.hexdigest(), size


def create_tables(con) -> None:
    """Create the store's ``figures`` and ``documents`` tables on a DuckDB connection, if missing."""
    con.execute(f"CREATE TABLE IF NOT EXISTS figures ({_FIGURES})")
    con.execute(f"CREATE TABLE IF NOT EXISTS documents ({_DOCUMENTS})")


class Store:
    """A store to update: :meth:`pending` picks the documents to extract, :meth:`add` records each result.

    The database is open only while it is read or written (DuckDB's threads with it), so a process
    pool can be forked between :meth:`pending` and the first :meth:`add`.
    """

    def __init__(self, path: str | Path, lexicon: Lexicon | None = None):
        self.path = str(path)
        self.version = extractor_version(lexicon)
        self.unchanged = 0
        self.con = None
        self._hashes: dict[str, tuple[str, int] | None] = {}
        self._stored: set[str] = set()
        self._batch: list[DocResult] = []
        self._committed = time.monotonic()

    def _connect(self):
        import duckdb

        con = duckdb.connect(self.path)
        create_tables(con)
        return con

    def pending(self, files: list[Path]) -> list[str]:
        """The files (as absolute paths) not in the store with these bytes and this extractor version."""
        with self._connect() as con:
            known = dict(con.execute(
                "SELECT path, hash FROM documents WHERE version = ? AND hash IS NOT NULL", [self.version]).fetchall())
            self._stored = {p for (p,) in con.execute("SELECT path FROM documents").fetchall()}
        todo = []
        for f in files:
            p = os.path.abspath(f)
            if p in self._hashes:  # named twice (a folder and a file in it): one row
                continue
            self._hashes[p] = digest = content_hash(p)
            if digest is not None and known.get(p) == digest[0]:
                self.unchanged += 1
            else:
                todo.append(p)
        return todo

    def add(self, res: DocResult) -> None:
        """Record one document's result (committed with the next few)."""
        self._batch.append(res)
        if len(self._batch) >= COMMIT_DOCUMENTS or time.monotonic() - self._committed >= COMMIT_SECONDS:
            self.commit()

    def commit(self) -> None:
        """Replace the batch's documents, their rows and their figures, in one transaction."""
        if not self._batch:
            return
        import pandas as pd

        from .runner import concat

        batch, self._batch = self._batch, []
        self._committed = time.monotonic()
        figs = concat([r.table for r in batch if r.count])
        figs.insert(0, "path", [r.path for r in batch for _ in range(r.count)])
        docs = pd.DataFrame([document_row(r, self._hashes.get(r.path), self.version) for r in batch])
        docs = docs.astype(DOCUMENT_DTYPES)
        if self.con is None:
            self.con = self._connect()
        con = self.con
        con.begin()
        try:
            con.register("new_docs", docs)
            con.register("new_figures", figs)
            if any(r.path in self._stored for r in batch):  # a first run has nothing to replace
                con.execute("DELETE FROM figures WHERE path IN (SELECT path FROM new_docs)")
            con.execute(f"INSERT INTO figures SELECT path, {_COLS} FROM new_figures")
            con.execute("INSERT OR REPLACE INTO documents SELECT * FROM new_docs")
            con.commit()
        except BaseException:
            con.rollback()
            raise
        finally:
            con.unregister("new_docs")
            con.unregister("new_figures")

    def close(self) -> None:
        """Commit what is left and close the database."""
        self.commit()
        self.abort()

    def abort(self) -> None:
        """Close the database without committing the batch (the documents committed so far stay)."""
        self._batch = []
        if self.con is not None:
            self.con.close()
            self.con = None


def read_figures(path: str | Path) -> pd.DataFrame:
    """The store's figures as the indicator table (the table's columns), by document path and offset."""
    import duckdb

    with duckdb.connect(str(path), read_only=True) as con:
        df = con.execute(f'SELECT {_COLS} FROM figures ORDER BY path, "start", "end"').df()
    return df

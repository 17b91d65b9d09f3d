"""Writing the indicator table a piece at a time, so a corpus run never holds the whole table.

:class:`TableWriter` writes CSV (UTF-8 with BOM), JSONL or Parquet by the output's suffix (or CSV on
a text stream); each :meth:`TableWriter.write` appends a DataFrame with the table's columns. The file
is the one :func:`extract.table.write_table` writes for the concatenated pieces, and it is the same
file however the pieces were cut. A file is written atomically: the pieces go to a temporary file
beside it (:class:`extract.safety.AtomicFile`) that :meth:`TableWriter.close` renames into place, so
a run stopped or killed midway leaves the old file, never a part of the new one.
:data:`ARROW_SCHEMA` is the table's Arrow schema, shared with the Parquet the cluster engine writes.
"""

from __future__ import annotations

import io
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from .record import COLUMNS
from .safety import AtomicFile

if TYPE_CHECKING:
    import pandas as pd

_TYPES = {"value": pa.float64(), "value_max": pa.float64(), "start": pa.int64(), "end": pa.int64()}

#: The table's columns as an Arrow schema (text columns are strings).
ARROW_SCHEMA = pa.schema([(c, _TYPES.get(c, pa.string())) for c in COLUMNS])


def arrow_table(df: pd.DataFrame) -> pa.Table:
    """``df`` (the table's columns) as an Arrow table of :data:`ARROW_SCHEMA`."""
    return pa.Table.from_pandas(df, schema=ARROW_SCHEMA, preserve_index=False)


class TableWriter:
    """Appends pieces of the table to one output; ``close()`` finishes it and puts a file in place,
    ``abort()`` drops it (``with`` does either, by how the block ends)."""

    def __init__(self, out: str | Path | io.TextIOBase):
        self._stream = None if isinstance(out, (str, Path)) else out
        self._suffix = ".csv" if self._stream is not None else Path(out).suffix.lower()
        if self._suffix not in (".csv", ".jsonl", ".parquet"):
            raise ValueError(f"{out}: unknown output format {self._suffix!r} (use .csv, .jsonl or .parquet)")
        self._atomic = None if self._stream is not None else AtomicFile(out)
        self._path = None if self._atomic is None else self._atomic.path
        self._file = None
        self._parquet = None
        self._header = True
        self.rows = 0

    def write(self, df: pd.DataFrame) -> None:
        """Append ``df``; the first piece (even an empty one) writes the header."""
        if self._suffix == ".parquet":
            if self._parquet is None:
                import pyarrow.parquet as pq

                self._parquet = pq.ParquetWriter(self._path, ARROW_SCHEMA)
            if len(df) or not self.rows:
                self._parquet.write_table(arrow_table(df))
        else:
            f = self._open()
            if self._suffix == ".csv":
                from .safety import neutralised

                neutralised(df).to_csv(f, index=False, header=self._header, lineterminator="\r\n")
            elif len(df):
                from .table import write_jsonl_lines

                write_jsonl_lines(df, f)
        self._header = False
        self.rows += len(df)

    def _open(self):
        if self._stream is not None:
            return self._stream
        if self._file is None:
            enc = "utf-8-sig" if self._suffix == ".csv" else "utf-8"
            self._file = open(self._path, "w", encoding=enc, newline="")  # noqa: SIM115 (closed in close())
        return self._file

    def close(self) -> None:
        """Finish the output and put it in place; with nothing written, it is the empty table (its header)."""
        if self._header or (self._suffix == ".jsonl" and not self.rows):
            from .table import to_frame

            empty = to_frame([])
            if self._suffix != ".jsonl":
                self.write(empty)
        if self._parquet is not None:
            self._parquet.close()
        if self._file is not None:
            self._file.close()
        elif self._stream is not None:
            self._stream.flush()
        if self._atomic is not None:
            self._atomic.commit()
            self._atomic = None

    def abort(self) -> None:
        """Drop the output: the file written so far is removed, an old file at the path stays."""
        for f in (self._parquet, self._file):
            if f is not None:
                with suppress(Exception):
                    f.close()
        if self._atomic is not None:
            self._atomic.discard()
            self._atomic = None

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, kind, *exc) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()

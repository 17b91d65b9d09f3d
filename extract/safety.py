"""Exports that cannot hurt: formula neutralisation, output checks and atomic writes.

* A spreadsheet treats a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
  return as a formula (CSV injection). :func:`neutralise` prefixes such a cell with an apostrophe, as
  OWASP recommends, and :func:`restore` undoes it when the table is read back, so the round trip stays
  lossless: a cell that already starts with apostrophes before such a character gets one more, and
  :func:`restore` removes exactly one. Only text columns are touched; numbers stay numbers.
* :func:`check_output` says what is wrong with an output path before any work starts.
* :func:`atomic_path` writes through a temporary file in the target folder renamed into place, so an
  interrupted write leaves the old file or the complete new one, never half of one.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pandas as pd

# a cell a spreadsheet would evaluate, possibly behind apostrophes this module added
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_RESTORE = re.compile(r"'+[=+\-@\t\r]")
# characters an XLSX cell cannot hold (XML 1.0 forbids them); openpyxl refuses them
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

_UMASK = os.umask(0)
os.umask(_UMASK)


def neutralise(cell: object) -> object:
    """``cell`` made inert for a spreadsheet: ``"=1+1"`` → ``"'=1+1"``; non-text cells unchanged."""
    if isinstance(cell, str) and _FORMULA.match(cell):
        return "'" + cell
    return cell


def restore(cell: object) -> object:
    """The inverse of :func:`neutralise`: ``"'=1+1"`` → ``"=1+1"``."""
    if isinstance(cell, str) and _RESTORE.match(cell):
        return cell[1:]
    return cell


def _text_columns(df: pd.DataFrame) -> list[str]:
    return [c for c in df.columns if df[c].dtype == object or pd.api.types.is_string_dtype(df[c].dtype)]


def neutralised(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with every text cell passed through :func:`neutralise`."""
    out = df.copy()
    for c in _text_columns(out):
        out[c] = out[c].map(neutralise)
    return out


def restored(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with every text cell passed through :func:`restore` (in place; returned)."""
    for c in _text_columns(df):
        df[c] = df[c].map(restore)
    return df


def for_xlsx(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` ready for a workbook: neutralised, and without the control characters XLSX cannot hold."""
    out = neutralised(df)
    for c in _text_columns(out):
        out[c] = out[c].map(lambda v: _XML_ILLEGAL.sub("", v) if isinstance(v, str) else v)
    return out


def check_output(path: str | Path, suffixes: tuple[str, ...]) -> str | None:
    """Why ``path`` cannot take an output with one of ``suffixes`` (``None`` when it can)."""
    p = Path(path)
    if p.suffix.lower() not in suffixes:
        return f"unknown output format {p.suffix or '(none)'!r} (use {', '.join(suffixes)})"
    parent = p.parent if str(p.parent) else Path(".")
    if not parent.exists():
        return f"folder {str(parent)!r} does not exist"
    if not parent.is_dir():
        return f"{str(parent)!r} is not a folder"
    if p.is_dir():
        return "is a folder"
    if not os.access(parent, os.W_OK | os.X_OK) or (p.exists() and not os.access(p, os.W_OK)):
        return "permission denied"
    return None


@contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """A temporary path beside ``target`` to write to; renamed onto ``target`` when the block succeeds.

    On an exception the temporary file is removed and ``target`` is left as it was.
    """
    target = Path(target)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    os.close(fd)
    try:
        yield Path(tmp)
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, target)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        raise

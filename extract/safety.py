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


def check_output(path: str | Path, suffixes: tuple[str, ...] | None, *, folder: bool = False) -> str | None:
    """Why ``path`` cannot take an output with one of ``suffixes`` (``None`` when it can; any suffix
    for ``None``); with ``folder``, the output is a folder of files (it may exist as one)."""
    p = Path(path)
    if suffixes is not None and p.suffix.lower() not in suffixes:
        return f"unknown output format {p.suffix or '(none)'!r} (use {', '.join(suffixes)})"
    parent = p.parent if str(p.parent) else Path(".")
    if not parent.exists():
        return f"folder {str(parent)!r} does not exist"
    if not parent.is_dir():
        return f"{str(parent)!r} is not a folder"
    if p.is_dir() != folder and p.exists():
        return "is a folder" if p.is_dir() else "is a file, not a folder"
    if not os.access(parent, os.W_OK | os.X_OK) or (p.exists() and not os.access(p, os.W_OK)):
        return "permission denied"
    return None


class AtomicFile:
    """A temporary file beside ``target`` to write an output to: :meth:`commit` renames it onto
    ``target``, :meth:`discard` removes it, so ``target`` is always the old file or the complete new one.

    The temporary file is ``.NAME.PID.XXXXXXXX.part`` in ``target``'s folder (the same file system, so
    the rename is atomic). One that a killed run left behind is removed when the next write of the
    same target starts (:func:`sweep`).
    """

    def __init__(self, target: str | Path):
        self.target = Path(target)
        sweep(self.target)
        fd, tmp = tempfile.mkstemp(dir=self.target.parent, prefix=f"{_temp_prefix(self.target)}{os.getpid()}.",
                                   suffix=_PART)
        os.close(fd)
        self.path = Path(tmp)

    def commit(self) -> None:
        """Flush the temporary file to disk and rename it onto the target (ordinary permissions)."""
        fd = os.open(self.path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(self.path, 0o666 & ~_UMASK)
        os.replace(self.path, self.target)

    def discard(self) -> None:
        """Remove the temporary file; the target stays as it was."""
        with suppress(FileNotFoundError):
            os.unlink(self.path)


_PART = ".part"


def _temp_prefix(target: Path) -> str:
    return f".{target.name}."


def sweep(target: str | Path) -> list[Path]:
    """Remove the temporary files of writes of ``target`` whose process is gone (a run killed while
    writing); returns them. Those of a process still running are left alone."""
    target = Path(target)
    prefix = _temp_prefix(target)
    gone = []
    with suppress(OSError):
        for entry in os.scandir(target.parent):
            pid = entry.name[len(prefix):].split(".", 1)[0]
            if entry.name.startswith(prefix) and entry.name.endswith(_PART) and pid.isdigit() \
                    and not _running(int(pid)) and entry.is_file(follow_symlinks=False):
                with suppress(FileNotFoundError):
                    os.unlink(entry.path)
                    gone.append(Path(entry.path))
    return gone


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


@contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """A temporary path beside ``target`` to write to; renamed onto ``target`` when the block succeeds
    (an :class:`AtomicFile`). On an exception the temporary file is removed and ``target`` is left as it was.
    """
    f = AtomicFile(target)
    try:
        yield f.path
        f.commit()
    except BaseException:
        f.discard()
        raise

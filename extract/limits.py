"""Resource limits for reading hostile documents, and the time budget of one document.

:class:`Limits` holds every limit in one settings object: the file size, the unpacked size and the
element count of DOCX and HTML files, the pages of a PDF, the characters of any document's text, and
the seconds one document may take. The command line sets them with flags (:func:`add_arguments`,
:func:`from_args`); a library caller passes a ``Limits`` to :func:`extract.table.run_files`.

A document over a limit raises :class:`~extract.readers.DocumentError` with a one-line reason, and
only that document is lost. The checks run before the expensive step they guard (the unpacked size
and element count before a DOCX or HTML tree is built, the page count before any page is read).
:func:`call_with_budget` runs one document's work in a worker process and turns a run over its
time budget into an error instead of a hang.
"""

from __future__ import annotations

import argparse
import multiprocessing
import pickle
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

MiB = 2**20


@dataclass(frozen=True)
class Limits:
    """The limits one run applies to every document (``None``: no limit)."""

    #: largest file read, in bytes (``None``: :data:`extract.readers.MAX_BYTES`)
    max_bytes: int | None = None
    #: largest total size of a DOCX's parts once unzipped, in bytes (a decompression bomb is refused)
    max_unpacked: int | None = 256 * MiB
    #: most XML/HTML elements in a DOCX's parts or an HTML file
    max_nodes: int | None = 2_000_000
    #: most pages of a PDF
    max_pages: int | None = 2_000
    #: most characters of one document's text, in any format
    max_chars: int | None = 60_000_000
    #: seconds one document may take, read and extracted (``None``: no budget, work in this process)
    seconds: float | None = None


_DEFAULT = Limits()
_ACTIVE: ContextVar[Limits | None] = ContextVar("limits", default=None)


def active() -> Limits:
    """The limits in force for the document being read."""
    return _ACTIVE.get() or _DEFAULT


@contextmanager
def applied(limits: Limits) -> Iterator[Limits]:
    """Put ``limits`` in force for the block (readers consult :func:`active`)."""
    token = _ACTIVE.set(limits)
    try:
        yield limits
    finally:
        _ACTIVE.reset(token)


def size_text(n: int) -> str:
    """A byte count as people read it, exact at any boundary: ``52,428,801 bytes``, ``50 MiB``."""
    return f"{n // MiB} MiB" if n and n % MiB == 0 else f"{n:,} bytes"


def over(what: str, found: int | str, limit: int | str) -> str:
    """The one-line reason for a document over a limit."""
    return f"{what} ({found}; the limit is {limit})"


# ------------------------------------------------------------------------------------ the checks


def docx_problem(path: Path, limits: Limits | None = None) -> str | None:
    """Why the DOCX at ``path`` is over the unpacked-size or element limit (``None`` when it is not).

    Reads each part once through zipfile (which stops at the size a part declares) and counts its
    elements without building a tree.
    """
    lim = limits or active()
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return None  # not a zip: the DOCX reader gives the reason
    with zf:
        declared = sum(i.file_size for i in zf.infolist())
        if lim.max_unpacked is not None and declared > lim.max_unpacked:
            return over("unpacks too large", size_text(declared), size_text(lim.max_unpacked))
        if lim.max_nodes is None:
            return None
        nodes = 0
        for info in zf.infolist():
            if not info.filename.endswith((".xml", ".rels")):
                continue
            with zf.open(info) as part:
                nodes += _count_elements(part.read, lim.max_nodes - nodes)
            if nodes > lim.max_nodes:
                return over("too many XML elements", f"over {lim.max_nodes:,}", f"{lim.max_nodes:,}")
    return None


def markup_problem(data: bytes, limits: Limits | None = None) -> str | None:
    """Why HTML ``data`` has too many elements to build a tree from (``None`` when it has not)."""
    lim = limits or active()
    if lim.max_nodes is None:
        return None
    n = _elements_in(data)
    if n > lim.max_nodes:
        return over("too many HTML elements", f"{n:,}", f"{lim.max_nodes:,}")
    return None


def pages_problem(pages: int, limits: Limits | None = None) -> str | None:
    """Why a PDF of ``pages`` pages is refused (``None`` when it is not)."""
    lim = limits or active()
    if lim.max_pages is not None and pages > lim.max_pages:
        return over("too many pages", f"{pages:,}", f"{lim.max_pages:,}")
    return None


def chars_problem(chars: int, limits: Limits | None = None) -> str | None:
    """Why a text of ``chars`` characters is refused (``None`` when it is not)."""
    lim = limits or active()
    if lim.max_chars is not None and chars > lim.max_chars:
        return over("text too long", f"{chars:,} characters", f"{lim.max_chars:,}")
    return None


def _elements_in(data: bytes) -> int:
    """Start tags in markup: every ``<`` but end tags, declarations and processing instructions."""
    return data.count(b"<") - data.count(b"</") - data.count(b"<!") - data.count(b"<?")


def _count_elements(read: Callable[[int], bytes], stop: int, chunk: int = 4 * MiB) -> int:
    """Start tags in a stream read ``chunk`` bytes at a time; stops counting past ``stop``."""
    n, carry = 0, b""
    while n <= stop:
        block = read(chunk)
        if not block:
            break
        data = carry + block
        n += _elements_in(data[:-1])
        carry = data[-1:]
    return n + _elements_in(carry)


# ------------------------------------------------------------------------------------ time budget


class BudgetExceeded(Exception):
    """The work took longer than its time budget and was stopped."""


def call_with_budget(fn: Callable[..., Any], args: tuple, seconds: float) -> Any:
    """``fn(*args)`` in a worker process, stopped after ``seconds``.

    Returns what ``fn`` returns, re-raises what it raises (in this process), and raises
    :class:`BudgetExceeded` when the time is up. The worker is forked, so ``fn`` and its arguments
    need not be importable; its result travels back pickled.
    """
    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_worker, args=(send, fn, args), daemon=True)
    proc.start()
    send.close()
    try:
        if not recv.poll(seconds):
            raise BudgetExceeded(f"took longer than its time budget ({seconds:g} s)")
        try:
            ok, payload = pickle.loads(recv.recv_bytes())
        except EOFError:
            proc.join(5)
            raise RuntimeError(f"worker process died (exit status {proc.exitcode})") from None
    finally:
        recv.close()
        if proc.is_alive():
            proc.kill()
        proc.join()
    if ok:
        return payload
    raise payload


def _worker(send, fn: Callable[..., Any], args: tuple) -> None:
    try:
        out = (True, fn(*args))
    except BaseException as e:  # sent back to be raised in the caller
        out = (False, e)
    try:
        data = pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # an exception that cannot be pickled still reports its message
        data = pickle.dumps((False, RuntimeError(f"{type(out[1]).__name__}: {out[1]}")))
    send.send_bytes(data)
    send.close()


# ------------------------------------------------------------------------------------ command line

_FLAGS = {
    "max_bytes": ("--max-file-size", "largest input file, bytes or with K/M/G (default 50M)"),
    "max_unpacked": ("--max-unpacked", "largest unpacked DOCX, bytes or with K/M/G (default 256M)"),
    "max_nodes": ("--max-nodes", "most XML/HTML elements of a DOCX or HTML file (default 2000000)"),
    "max_pages": ("--max-pages", "most pages of a PDF (default 2000)"),
    "max_chars": ("--max-chars", "most characters of one document's text (default 60000000)"),
    "seconds": ("--time-budget", "seconds one document may take; 0 for none (default %(default)s)"),
}
#: The command line's time budget per document, in seconds.
CLI_SECONDS = 300.0


def parse_size(s: str) -> int:
    """``"50M"`` → 52428800; plain digits are bytes; K, M, G are binary multiples."""
    t = s.strip().upper().removesuffix("IB").removesuffix("B")
    mult = {"K": 2**10, "M": 2**20, "G": 2**30}.get(t[-1:], 1)
    try:
        n = int(float(t[:-1] if mult > 1 else t) * mult)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {s!r}") from None
    if n <= 0:
        raise argparse.ArgumentTypeError(f"not a positive size: {s!r}")
    return n


def add_arguments(ap: argparse.ArgumentParser) -> None:
    """Add one flag per limit to ``ap``, in a group of their own."""
    g = ap.add_argument_group("limits per document")
    for f in fields(Limits):
        flag, text = _FLAGS[f.name]
        kind = float if f.name == "seconds" else (parse_size if "size" in flag or "unpacked" in flag else int)
        default = CLI_SECONDS if f.name == "seconds" else None
        g.add_argument(flag, dest=f"limit_{f.name}", type=kind, default=default, metavar="N", help=text)


def from_args(a: argparse.Namespace) -> Limits:
    """The :class:`Limits` the flags of :func:`add_arguments` ask for (defaults for the rest)."""
    given = {f.name: getattr(a, f"limit_{f.name}") for f in fields(Limits)}
    given = {k: v for k, v in given.items() if v is not None}
    if given.get("seconds") == 0:
        given["seconds"] = None
    return replace(Limits(), **given)

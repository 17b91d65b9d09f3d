"""Reading documents: file formats and encodings in, plain text (plus title and outline) out.

(First version: UTF-8 text only; the documents issue adds encodings, PDF, DOCX and HTML.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

#: File suffixes that :func:`read_document` reads (folders expand to these).
SUPPORTED = (".txt", ".md")


class DocumentError(Exception):
    """A document that cannot be read; ``str()`` is one line: ``file: reason``."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


@dataclass(frozen=True)
class Document:
    """A document's text, its own title when the format states one, and its outline.

    ``outline`` holds ``(level, heading)`` pairs from the format's structure (PDF bookmarks,
    DOCX/HTML headings), level 1 the top.
    """

    text: str
    title: str = ""
    outline: list[tuple[int, str]] = field(default_factory=list)


def read_document(path: str | Path) -> Document:
    """Read one file; raises :class:`DocumentError` naming the file and the reason."""
    p = Path(path)
    if p.suffix.lower() not in SUPPORTED:
        raise DocumentError(p, f"unsupported file type {p.suffix or '(none)'!r}")
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise DocumentError(p, str(e)) from None
    if not text.strip():
        raise DocumentError(p, "empty file")
    return Document(text)

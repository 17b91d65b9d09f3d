"""Reading documents: file formats and encodings in, plain text (plus title and outline) out.

:func:`read_document` reads

* ``.txt`` / ``.md`` in UTF-8 (with or without BOM), UTF-16/UTF-32 (with a BOM, or UTF-16
  recognised by its NUL bytes), GB18030/GBK/GB2312 and Big5. After the BOM and strict UTF-8, the
  legacy Chinese encodings are tried strictly and the one whose text uses the most common
  characters wins; charset-normalizer is asked only when neither fits. Text that still decodes
  to garbage is an error, never a silent misreading. Markdown headings become the outline and
  lose their marks, and so do block quotes; a post's front matter (``title:``, ``date:``) heads
  the text, and a body in HTML is read as a page is.
* ``.pdf`` with a text layer, through pdfplumber (pdfminer): pages are joined with a form feed,
  the bookmarks become the outline. A PDF without any text is reported as a scan, one whose
  text is mostly glyph codes (fonts without a character map) as unreadable.
* ``.docx`` through python-docx: paragraphs and table rows in body order; headings (``Heading N``
  or localised style names, or an outline level set on the paragraph or its style) become the
  outline, the ``Title`` style (or the core properties) the title.
* ``.html`` / ``.htm``: the page's article only — its main content as trafilatura finds it, with
  the page's date field (``发布时间：…``) at its head and the page's title as the title; lists of
  other pages are dropped. When trafilatura finds nothing, the whole page through BeautifulSoup
  + lxml: block elements become lines, ``script`` and ``style`` are dropped, ``h1``–``h6`` become
  the outline, ``<title>`` the title.
* a PDF's metadata title, when it is only a file name (``Microsoft Word - 报告.docx``), is none.

Anything else — another suffix, an empty or binary file, a file over :data:`MAX_BYTES` — raises
:class:`DocumentError` with a one-line reason.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import regex

from . import limits, tables
from .lexicon import Lexicon
from .numerals import Numerals
from .tables import TableReader

#: File suffixes that :func:`read_document` reads (folders expand to these).
SUPPORTED = (".txt", ".md", ".pdf", ".docx", ".html", ".htm")

#: Largest file read, in bytes (50 MiB); a larger file is refused rather than read.
MAX_BYTES = 50 * 1024 * 1024

#: Reason given for a PDF whose pages carry no text at all.
NO_TEXT_LAYER = "no text layer (scanned PDF?)"

#: Reason given for a PDF whose text is mostly glyph codes (fonts without a character map).
NO_CHARACTER_MAP = "text layer has no character map (glyph codes only)"


class DocumentError(Exception):
    """A document that cannot be read; ``str()`` is one line: ``file: reason``."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = " ".join(str(reason).split())
        super().__init__(f"{self.path}: {self.reason}")

    def __reduce__(self):  # pickled across the worker process of a time budget
        return (DocumentError, (self.path, self.reason))


@dataclass(frozen=True)
class Document:
    """A document's text, its own title when the format states one, and its outline.

    ``outline`` holds ``(level, heading)`` pairs from the format's structure (PDF bookmarks,
    DOCX/HTML headings), level 1 the top. ``tables`` are the tables read from the format's structure
    (:class:`extract.tables.Table`, their cells' offsets into ``text``).
    """

    text: str
    title: str = ""
    outline: list[tuple[int, str]] = field(default_factory=list)
    tables: list[tables.Table] = field(default_factory=list)


def read_document(path: str | Path, limits_: limits.Limits | None = None, lexicon: Lexicon | None = None) -> Document:
    """Read one file; raises :class:`DocumentError` naming the file and the reason.

    ``limits_`` (default: those in force, :func:`extract.limits.active`) bounds the work: a file over
    one of them is refused with the limit in the reason. Tables, headings and date fields are read
    with ``lexicon``'s language data (the package's own by default).
    """
    if limits_ is not None:
        with limits.applied(limits_):
            return read_document(path, lexicon=lexicon)
    p = Path(path)
    suffix = p.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        raise DocumentError(p, f"unsupported file type {p.suffix or '(none)'!r} "
                               f"(supported: {' '.join(SUPPORTED)})")
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise DocumentError(p, "file not found") from None
    except OSError as e:
        raise DocumentError(p, f"cannot read: {e.strerror or e}") from None
    if not p.is_file():
        raise DocumentError(p, not_a_file(p))
    if size == 0:
        raise DocumentError(p, "empty file")
    max_bytes = limits.active().max_bytes or MAX_BYTES
    if size > max_bytes:
        raise DocumentError(p, limits.over("file too large", limits.size_text(size), limits.size_text(max_bytes)))
    try:
        doc = reader(p, lexicon or Lexicon.default())
    except DocumentError:
        raise
    except OSError as e:
        raise DocumentError(p, f"cannot read: {e.strerror or e}") from None
    if not doc.text.strip():
        raise DocumentError(p, "empty file" if suffix != ".pdf" else NO_TEXT_LAYER)
    _refuse(p, limits.chars_problem(len(doc.text)))
    return doc


def _refuse(p: Path, problem: str | None) -> None:
    """Raise the :class:`DocumentError` for a document over a limit (``problem`` is ``None`` if not)."""
    if problem:
        raise DocumentError(p, problem)


def not_a_file(p: Path) -> str:
    """The reason a path that is no regular file is not read: ``not a regular file (named pipe)``."""
    import stat

    try:
        mode = p.stat().st_mode
    except OSError as e:
        return f"cannot read: {e.strerror or e}"
    kinds = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "named pipe"), (stat.S_ISCHR, "character device"),
             (stat.S_ISBLK, "block device"), (stat.S_ISSOCK, "socket"))
    kind = next((k for test, k in kinds if test(mode)), "special file")
    return "not a file (a folder)" if kind == "a folder" else f"not a regular file ({kind})"


# ---------------------------------------------------------------------------------------------
# plain text and encodings

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Characters that never occur in a real text: C0/C1 controls (but tab, newlines, form feed),
# the replacement character, private-use code points.
_JUNK = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff]")  # stdlib re: faster here
_CJK = regex.compile(r"\p{Han}")
# Legacy Chinese encodings tried when the bytes are not UTF-8 (most general first).
_LEGACY = ("gb18030", "big5hkscs")


def _is_common(ch: str) -> bool:
    """A Han character among the common ones of GB2312 (level 1) or Big5 (常用字)."""
    try:
        b = ch.encode("gb2312")
        if 0xB0 <= b[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        b = ch.encode("big5")
        return 0xA4 <= b[0] <= 0xC6
    except UnicodeEncodeError:
        return False


def _common_share(text: str) -> tuple[float, int]:
    han = _CJK.findall(text[:20000])
    if not han:
        return 0.0, 0
    return sum(map(_is_common, han)) / len(han), len(han)


def _junk_share(text: str) -> float:
    return len(_JUNK.findall(text)) / max(1, len(text))


def decode(data: bytes) -> tuple[str, str]:
    """``(text, encoding)`` of a text file's bytes; raises ``ValueError`` with a reason."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _after_bom(data, enc)
    if b"\x00" in data:
        return _utf16_without_bom(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:  # valid UTF-8 is strong evidence of text: a stray control character is tolerated
        return _checked(text, "utf-8", tolerance=0.01)
    best = _best_legacy(data)
    if best is not None and best[0] >= 0.9:
        return best[1], best[2]
    detected = _detected(data)
    if detected is not None:
        return detected
    if best is not None and best[0] >= 0.75:
        return best[1], best[2]
    raise ValueError("cannot determine the text encoding (the bytes decode to garbage)")


def _after_bom(data: bytes, enc: str) -> tuple[str, str]:
    """Text in the encoding its byte order mark names; invalid bytes after the mark are an error."""
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as e:
        raise ValueError(f"invalid {enc} text after its byte order mark ({e.reason})") from None
    return _checked(text, enc)


def _utf16_without_bom(data: bytes) -> tuple[str, str]:
    """UTF-16 recognised by its NUL bytes (most of them on one side of each pair); else binary."""
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if len(data) % 2 == 0 and max(even, odd) >= 0.75 * (even + odd):
        enc = "utf-16-le" if odd > even else "utf-16-be"
        try:
            return _checked(data.decode(enc), enc)
        except (UnicodeDecodeError, ValueError):
            pass
    raise ValueError("binary file, not text")


def _best_legacy(data: bytes) -> tuple[float, str, str] | None:
    """``(share of common characters, text, encoding)`` of the legacy Chinese encoding that decodes
    ``data`` strictly, without junk, with the most common characters."""
    best: tuple[float, str, str] | None = None
    for enc in _LEGACY:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        share, _n = _common_share(text)
        if _junk_share(text) > 0.001:
            continue
        if best is None or share > best[0]:
            best = (share, text, enc)
    return best


def _detected(data: bytes) -> tuple[str, str] | None:
    """What charset-normalizer reads ``data`` as, when that text is clean and mostly common characters."""
    try:
        from charset_normalizer import from_bytes
        guess = from_bytes(data).best()
    except Exception:  # a detector failure is a "cannot decode", not a crash
        guess = None
    if guess is None:
        return None
    text = str(guess)
    share, n = _common_share(text)
    if _junk_share(text) <= 0.001 and (n == 0 or share >= 0.9) and guess.chaos < 0.2:
        return text, guess.encoding
    return None


def _checked(text: str, enc: str, tolerance: float = 0.001) -> tuple[str, str]:
    """``(text, enc)`` unless more than ``tolerance`` of the text (and over two characters) is junk."""
    junk = len(_JUNK.findall(text))
    if junk > 2 and junk > tolerance * len(text):
        raise ValueError(f"binary or garbled file (control characters in {enc} text)")
    return text, enc


_MD_HEADING = regex.compile(r"(?m)^[ ]{0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_MD_QUOTE = regex.compile(r"(?m)^[ ]{0,3}>[ \t]?")
_FRONT_MATTER = regex.compile(r"\A\s*---[ \t]*\n(?P<fields>.*?)\n---[ \t]*(?:\n|\Z)", regex.S)
_FIELD = regex.compile(r"(?m)^(?P<k>title|date)[ \t]*:[ \t]*(?P<v>.*?)[ \t]*$")
_MARKUP = regex.compile(r"(?i)</(?:p|div|article|section|table|tr|li|h[1-6])>")


def _read_text(p: Path, lex: Lexicon) -> Document:
    try:
        text, _ = decode(p.read_bytes())
    except ValueError as e:
        raise DocumentError(p, str(e)) from None
    _refuse(p, limits.chars_problem(len(text)))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    fields, text = _front_matter(text)
    if len(_MARKUP.findall(text)) >= 2:  # a post whose body is HTML
        doc = _html_document(text, lex)
    elif p.suffix.lower() == ".md" or _MD_HEADING.search(text):
        doc = _markdown(text)
    else:
        doc = Document(text)
    return _with_head(doc, fields.get("title", ""), _front_matter_date(fields.get("date", "")))


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """A Markdown post's front matter (``title:``, ``date:``) and the text after it."""
    m = _FRONT_MATTER.match(text)
    if m is None:
        return {}, text
    fields = {f.group("k"): f.group("v").strip().strip("'\"") for f in _FIELD.finditer(m.group("fields"))}
    return fields, text[m.end():]


def _front_matter_date(value: str) -> str:
    """A front matter's date as ``YYYY-MM-DD`` (RFC 2822 ``Tue, 31 Aug 2021 …`` or ISO), else as written."""
    from email.utils import parsedate_to_datetime

    iso = regex.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if iso:
        return f"{iso.group(1)}-{int(iso.group(2)):02d}-{int(iso.group(3)):02d}"
    try:
        return parsedate_to_datetime(value).date().isoformat() if value else ""
    except (TypeError, ValueError, IndexError):
        return value


def _with_head(doc: Document, title: str, date: str) -> Document:
    """``doc`` with a title and a date stated by its format put at the head of its text."""
    first = doc.text.lstrip().split("\n", 1)[0]
    head = [x for x in (title, date) if x and not _same(first, x)]
    if not head:
        return doc
    return Document("\n".join(head + [doc.text]), title=title or doc.title, outline=doc.outline,
                    tables=_shifted(doc.tables, sum(len(x) + 1 for x in head)))


def _shifted(found: list[tables.Table], by: int) -> list[tables.Table]:
    """``found`` with their offsets moved ``by`` characters on (text was put before them)."""
    return [replace(t, starts=tuple(tuple(x + by if x >= 0 else x for x in row) for row in t.starts),
                    span=(t.span[0] + by, t.span[1] + by)) for t in found]


def _markdown(text: str) -> Document:
    """Markdown: ATX headings (``## 标题``) become the outline and lose their marks in the text,
    and so do block quotes (``> 原文：…``)."""
    outline = [(len(m.group(1)), m.group(2).strip()) for m in _MD_HEADING.finditer(text) if m.group(2).strip()]
    text = _MD_QUOTE.sub("", _MD_HEADING.sub(lambda m: m.group(2), text))
    return Document(text, outline=outline)


# ---------------------------------------------------------------------------------------------
# PDF


def pdf_pages(path: str | Path) -> int:
    """Number of pages of a PDF (for per-page benchmarks)."""
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return len(pdf.pages)


def _read_pdf(p: Path, lex: Lexicon) -> Document:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(str(p))
    except PDFPasswordIncorrect:
        raise DocumentError(p, ENCRYPTED) from None
    except Exception as e:
        raise DocumentError(p, _pdf_failure(e)) from None
    with pdf:
        try:
            _refuse(p, limits.pages_problem(len(pdf.pages)))
            pages = _pdf_pages(p, pdf, lex.stage(TableReader))
        except DocumentError:
            raise
        except Exception as e:
            raise DocumentError(p, _pdf_failure(e)) from None
        texts = [t for t, _w, _r in pages]
        if not any(t.strip() for t in texts):
            raise DocumentError(p, NO_TEXT_LAYER)
        # glyph codes that a font without a character map leaves: garbage, never figures
        coded = sum(len(m.group()) for t in texts for m in _CID.finditer(t))
        if coded > 0.3 * sum(map(len, texts)):
            raise DocumentError(p, NO_CHARACTER_MAP)
        outline = _pdf_outline(pdf)
        title = _pdf_title(_pdf_string((pdf.metadata or {}).get("Title", "")))
    if coded:
        return Document("\n\f".join(_CID.sub("", t) for t in texts), title=title, outline=outline)
    return Document("\n\f".join(texts), title=title, outline=outline, tables=_pdf_tables(pages, lex.stage(TableReader)))


def _pdf_pages(p: Path, pdf, reader: TableReader) -> list[tuple[str, list[dict], list[tables.Ruled]]]:
    """Each page's text and, on a page that may hold a table, its words and ruled tables."""
    pages = []
    chars = 0
    for page in pdf.pages:
        text = (page.extract_text() or "").strip("\n")
        if reader.may_hold_table(text):
            pages.append((text, page.extract_words(), _ruled(page)))
        else:
            pages.append((text, [], []))
        page.close()  # drop the page's cached layout objects
        chars += len(text)
        _refuse(p, limits.chars_problem(chars))
    return pages


def _ruled(page) -> list[tables.Ruled]:
    """The ruled tables pdfplumber finds on a page with drawn lines (none without)."""
    if not page.lines and not page.rects:
        return []
    return [tables.Ruled(tuple(tuple(row.cells) for row in t.rows)) for t in page.find_tables()]


def _pdf_outline(pdf) -> list[tuple[int, str]]:
    """A PDF's bookmarks as ``(level, heading)``; a broken outline gives none (it must not cost the text)."""
    from pdfminer.pdfdocument import PDFNoOutlines

    outline: list[tuple[int, str]] = []
    try:
        for level, heading, *_ in pdf.doc.get_outlines():
            heading = _pdf_string(heading)
            if heading:
                outline.append((int(level), heading))
    except PDFNoOutlines:
        pass
    except Exception:
        outline = []
    return outline


def _pdf_tables(pages: list[tuple[str, list[dict], list[tables.Ruled]]], reader: TableReader) -> list[tables.Table]:
    """The tables of a PDF's pages (texts joined by a form feed line, as in :func:`_read_pdf`)."""
    packed, pos = [], 0
    for text, words, ruled in pages:
        packed.append((text, words, pos, ruled))
        pos += len(text) + 2
    return tables.pdf_tables(packed, reader)


_CID = re.compile(r"\(cid:\d+\)")
# A metadata title that only names the file it was made from (`Microsoft Word - 报告.docx`, `untitled`).
_FILE_TITLE = regex.compile(r"(?i)\.(?:docx?|wps|pdf|txt|rtf|xlsx?|pptx?|html?)$|^(?:untitled|无标题|document\d*)$")


def _pdf_title(title: str) -> str:
    """A PDF's metadata title, unless it is a file name or a placeholder: a file name is never a title."""
    return "" if _FILE_TITLE.search(title.strip()) else title

#: Reason given for a PDF that needs a password to be opened.
ENCRYPTED = "encrypted PDF (password required)"


def _pdf_failure(e: Exception) -> str:
    """The reason for a PDF the PDF library could not read; never blank (its errors often are)."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    cause = e
    while cause is not None and not isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
        cause = cause.__cause__ or cause.__context__ or (cause.args[0] if cause.args and
                                                         isinstance(cause.args[0], Exception) else None)
    if isinstance(cause, PDFPasswordIncorrect):
        return ENCRYPTED
    if isinstance(cause, PDFEncryptionError):
        return f"encrypted PDF ({cause or 'unsupported encryption'})"
    return f"cannot read PDF (damaged, or not a PDF): {e or type(e).__name__}"


def _pdf_string(s: object) -> str:
    if isinstance(s, bytes):
        if s.startswith(codecs.BOM_UTF16_BE):
            s = s.decode("utf-16", "replace")
        else:
            s = s.decode("latin-1", "replace")
    return " ".join(str(s or "").replace("\x00", "").split())


# ---------------------------------------------------------------------------------------------
# DOCX


def _docx_cues(lexicon: Lexicon) -> tuple[regex.Pattern, regex.Pattern]:
    """Patterns for heading and title style names (``layout.toml``, ``[docx]``; ``lexicon.stage(_docx_cues)``)."""
    names = lexicon["layout"]["docx"]
    words = "|".join(regex.escape(w) for w in names["heading_styles"])
    titles = "|".join(regex.escape(w) for w in names["title_styles"])
    return regex.compile(rf"(?i)(?:{words})\s*(\d)"), regex.compile(rf"(?i){titles}")


def _docx_level(block, style, name: str, heading: regex.Pattern) -> int:
    """Outline level of a DOCX paragraph (0 for body text): from a heading style's name
    (``Heading 2``), else from an outline level set on the paragraph or its style."""
    m = heading.match(name)
    if m:
        return int(m.group(1))
    from docx.oxml.ns import qn

    for el in (block._p, getattr(style, "element", None)):
        ppr = el.find(qn("w:pPr")) if el is not None else None
        lvl = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        if lvl is not None:
            val = lvl.get(qn("w:val"), "9")
            return int(val) + 1 if val.isdigit() and int(val) < 9 else 0
    return 0


def _read_docx(p: Path, lex: Lexicon) -> Document:
    import docx
    from docx.table import Table

    _refuse(p, limits.docx_problem(p))
    try:
        d = docx.Document(str(p))
    except Exception as e:  # python-docx raises several kinds for a file that is no DOCX
        raise DocumentError(p, f"cannot read DOCX: {type(e).__name__}: {e}") from None
    reader = lex.stage(TableReader)
    heading, title_style = lex.stage(_docx_cues)
    lines = tables.Lines(reader=reader)
    outline: list[tuple[int, str]] = []
    title = ""
    for block in d.iter_inner_content():
        if isinstance(block, Table):  # merged cells repeat in row.cells
            lines.add_table([[cell.text for cell in row.cells] for row in block.rows])
            continue
        text = block.text.strip()
        if not text:
            continue
        style = block.style if block.style is not None else None
        name = (style.name if style is not None else "") or ""
        level = _docx_level(block, style, name, heading)
        if level:
            outline.append((level, " ".join(text.split())))
        elif title_style.fullmatch(name.strip()) and not title:
            title = " ".join(text.split())
        for x in text.split("\n"):
            if x.strip():
                lines.add(x)
    title = title or (d.core_properties.title or "").strip()
    return Document(lines.text(), title=title, outline=outline,
                    tables=[t for t in lines.tables if reader.has_figures(t.rows)])


# ---------------------------------------------------------------------------------------------
# HTML

_BLOCK = ("address", "article", "aside", "blockquote", "caption", "dd", "div", "dl", "dt",
          "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
          "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tr", "ul")
_DROP = ("script", "style", "noscript", "template", "svg", "iframe", "object", "head")
_META_CHARSET = regex.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", regex.I)
_HTML_WS = regex.compile(r"[ \t\r\n\f\v\xa0]+")
_LINE, _CELL = "\x1e", "\x1f"  # markers for line and cell ends while the tree is flattened


def _html_ws(m: regex.Match) -> str:
    """White space in HTML source: gone between two CJK characters, else one space."""
    s, a, b = m.string, m.start(), m.end()
    if "\n" in m.group() and a > 0 and b < len(s) and ord(s[a - 1]) > 0x2e80 and ord(s[b]) > 0x2e80:
        return ""
    return " "


def _read_html(p: Path, lex: Lexicon) -> Document:
    return _html_document(_html_text(p), lex)


def _html_text(p: Path) -> str:
    """The characters of an HTML file: by its ``<meta charset>``, else as any text file."""
    data = p.read_bytes()
    _refuse(p, limits.markup_problem(data))
    m = _META_CHARSET.search(data[:4096])
    text = None
    if m and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        enc = m.group(1).decode("ascii").lower()
        enc = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs"}.get(enc, enc)
        try:
            text = data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        try:
            text, _ = decode(data)
        except ValueError as e:
            raise DocumentError(p, str(e)) from None
    return text


def _html_document(html: str, lex: Lexicon) -> Document:
    """An HTML page's article — title, date and source fields, body — as a maintained
    main-content extractor finds it; the whole page (:func:`_html_page`) when it finds none."""
    page = _html_page(html, lex)
    main = _main_content(html, page.outline)
    if main is None:
        return page
    lines = main
    title = _SITE_SUFFIX.split(page.title, maxsplit=1)[0].strip()
    if lines and (_same(lines[0], title) or any(_same(lines[0], h) and _nows(page.title).startswith(_nows(h))
                                                 for _, h in page.outline)):
        title, lines = lines[0], lines[1:]  # the page's title heads its article: it is the format's title
    fields = [f for f in _page_fields(page.text, lex) if not any(f in line for line in lines[:5])]
    kept = {_nows(line) for line in lines}
    outline = [(lv, h) for lv, h in page.outline if _nows(h) in kept]
    text = tables.Lines(reader=lex.stage(TableReader))
    _add_with_tables(text, fields + lines, page.tables)
    return Document(text.text(), title=title, outline=outline, tables=text.tables)


def _cells(line: str) -> set[str]:
    return {_nows(c) for c in line.split("\t") if c.strip()}


def _add_with_tables(out: tables.Lines, lines: list[str], found: list[tables.Table]) -> None:
    """The main content's ``lines`` into ``out``, each data table the raw reader ``found`` put back as
    a table where the main content holds a row of it — a line of two or more of its cells (a table
    the main content left out stays out); the main content's other lines of that table are dropped."""
    cells = [{_nows(c) for row in t.rows for c in row if c.strip()} for t in found]
    placed: set[int] = set()
    current: int | None = None
    for line in lines:
        mine = _cells(line)
        if current is not None and mine and mine <= cells[current]:
            continue  # a further row of the table just put back
        current = next((k for k, ks in enumerate(cells) if k not in placed and len(mine) > 1 and mine <= ks), None)
        if current is None:
            out.add(line)
            continue
        placed.add(current)
        out.add_table(found[current].rows, found[current].caption)


def _nows(s: str) -> str:
    return "".join(s.split())


def _same(a: str, b: str) -> bool:
    return bool(a) and _nows(a) == _nows(b)


_TABLE_RULE = regex.compile(r"^\|(?:\s*:?-+:?\s*\|)+$")
_LIST_MARK = regex.compile(r"^[-*]\s+")


# What follows a page's title in its ``<title>``: the site's and the column's names.
_SITE_SUFFIX = regex.compile(r"\s*(?:--|_|\||｜|\s-\s)\s*")


def _main_content(html: str, headings: list[tuple[int, str]]) -> list[str] | None:
    """The lines of the page's main content by trafilatura, or None when it finds none.

    Its precise reading may leave out the article's headings, its fuller one lets in some page
    furniture: the lines of the fuller reading are kept that the precise one keeps too, or that
    are headings of the page. Markdown-like marks are undone: list bullets dropped, table rows
    as tab-separated cells."""
    try:
        import trafilatura
    except ImportError:  # the raw reader stands in
        return None
    html = _CJK_BREAK.sub("", html)  # a line break between CJK characters is no space
    try:
        precise, full = (trafilatura.bare_extraction(html, include_comments=False,
                                                     favor_recall=recall, include_tables=True)
                         for recall in (False, True))
    except Exception:  # a failure of the extractor falls back to the raw reader
        return None
    if precise is None or not (precise.text or "").strip():
        return None
    kept = {_nows(x) for x in precise.text.split("\n")} | {_nows(h) for _, h in headings}
    text = "\n".join(x for x in (full.text if full is not None else "").split("\n") if _nows(x) in kept) \
        or precise.text
    lines = []
    for line in _without_link_lists(text.split("\n")):
        line = line.strip()
        if not line or _TABLE_RULE.match(line):
            continue
        if line.startswith("|") and line.endswith("|"):
            line = "\t".join(c.strip() for c in line[1:-1].split("|") if c.strip())
        lines.append(_LIST_MARK.sub("", line))
    return lines


_CJK_BREAK = regex.compile(r"(?<=[\u2e80-\u9fff\uff00-\uffef])[ \t]*\n\s*(?=[\u2e80-\u9fff\uff00-\uffef])")
_DATED_ITEM = regex.compile(r"^[-*]\s+.*[\[(（［]\s*(?:\d{4}[-/.])?\d{1,2}[-/.]\d{1,2}\s*[\])）］]$")


def _without_link_lists(lines: list[str]) -> list[str]:
    """``lines`` without lists of other pages (three or more items, each ending with its date:
    `- 某某文章标题[08-19]`) and the short heading over such a list (`推荐阅读`)."""
    out: list[str] = []
    k = 0
    while k < len(lines):
        j = k
        while j < len(lines) and _DATED_ITEM.match(lines[j].strip()):
            j += 1
        if j - k >= 3:
            if out and len(out[-1].strip()) <= 8 and not out[-1].strip().startswith(("-", "*")):
                out.pop()
            k = j
            continue
        out.append(lines[k])
        k += 1
    return out


def _date_field(lexicon: Lexicon) -> regex.Pattern:
    """A date field of a page's head (`发布时间：2024年10月28日`): a field name and a date, as
    ``layout.toml`` names and writes them (``lexicon.stage(_date_field)``)."""
    lex, expand = lexicon["layout"], lexicon.stage(Numerals).expand
    words = "|".join(regex.escape(w) for w in sorted(lex["date"]["fields"], key=len, reverse=True))
    seps = regex.escape(lex["source"]["separators"])
    dates = "|".join(f"(?:{expand(d)})" for d in lex["date"]["patterns"])
    return regex.compile(rf"(?:{words})\s*[{seps}]\s*(?:{dates})")


def _page_fields(text: str, lex: Lexicon) -> list[str]:
    """The page's date field, which its main content may leave out with the line of fields
    under the title: ``[]`` or ``["发布时间：2024年10月28日"]``."""
    m = lex.stage(_date_field).search(text)
    return [m.group()] if m else []


def _html_page(text: str, lex: Lexicon) -> Document:
    """The whole page: block elements as lines, ``script`` and ``style`` dropped, ``h1``–``h6`` as
    the outline, ``<title>`` as the title."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "lxml")
    title = " ".join(soup.title.get_text().split()) if soup.title else ""
    for tag in soup(list(_DROP)):
        tag.decompose()
    outline = []
    for h in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
        t = _HTML_WS.sub(_html_ws, h.get_text()).strip()
        if t:
            outline.append((int(h.name[1]), t))
    # source white space first (a newline between CJK characters is no space), then structure
    for s in soup.find_all(string=True):
        if _HTML_WS.search(s):
            s.replace_with(_HTML_WS.sub(_html_ws, str(s)))
    reader = lex.stage(TableReader)
    grids = _html_tables(soup, reader)
    for br in soup.find_all("br"):
        br.replace_with(_LINE)
    for tag in soup.find_all(["td", "th"]):
        tag.insert_after(_CELL)
    for tag in soup.find_all(list(_BLOCK)):
        tag.insert_before(_LINE)
        tag.insert_after(_LINE)
    lines = tables.Lines(reader=reader)
    for chunk in soup.get_text().split(_LINE):
        if chunk.strip() in grids:
            lines.add_table(*grids[chunk.strip()])
            continue
        line = "\t".join(x for x in (c.strip() for c in chunk.split(_CELL)) if x)
        if line:
            lines.add(line)
    if not title and outline:
        title = outline[0][1]
    return Document(lines.text(), title=title, outline=outline, tables=lines.tables)


_TABLE_MARK = "\ue000"  # a private-use character: never in a page's text, not white space


def _html_tables(soup, reader: TableReader) -> dict[str, tuple[list[list[str]], str]]:
    """Data tables (innermost ``<table>``s with numbers) replaced by a marker line each; the markers'
    grids and captions."""
    found: dict[str, tuple[list[list[str]], str]] = {}
    for tag in soup.find_all("table"):
        if tag.find("table") is not None:
            continue  # a layout table: its inner tables are read on their own
        grid = tables.html_grid(tag)
        if not reader.has_figures(grid):
            continue
        cap = tag.find("caption")
        mark = f"{_TABLE_MARK}{len(found)}{_TABLE_MARK}"
        found[mark] = (grid, " ".join(cap.get_text(" ").split()) if cap else "")
        tag.replace_with(_LINE + mark + _LINE)
    return found


_READERS: dict[str, Callable[[Path, Lexicon], Document]] = {
    ".txt": _read_text,
    ".md": _read_text,
    ".pdf": _read_pdf,
    ".docx": _read_docx,
    ".html": _read_html,
    ".htm": _read_html,
}

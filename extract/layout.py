"""Layout repair: undo what page layout did to a document's text, keeping offsets honest.

Text taken from a typeset page (a PDF, a newsletter saved as text) is broken into lines at the
page's width, may carry a blank line after every line, page numbers, running headers and
footers, and page breaks. :func:`repair` turns it back into running text, one paragraph per
line:

* hard-wrapped lines are joined — with nothing between CJK characters, with one space where
  the break separated two Latin words or numbers;
* blank lines that are only layout (a blank after every line) are dropped; where blank lines
  are rare they still end paragraphs;
* page numbers, page counters and running headers/footers are dropped;
* a page break (a form feed, or in a blank-interleaved text a line starting with one space and
  no blank line before it) joins the pages, so a paragraph may run on across it;
* a line after a sentence end starts a new paragraph, so a title is not glued to the paragraph
  before it.

Every character of the repaired text is a verbatim copy of a character of the original, except
a space that joins two Latin words across a line break, which maps to that line break.
:meth:`Repaired.to_source` gives the original offset of any repaired offset.

The cue patterns (page numbers, punctuation) come from ``extract/data/layout.toml``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache

import regex

from . import lexicon


@dataclass(frozen=True)
class Repaired:
    """Repaired text and a map back to the original.

    ``pieces`` holds ``(repaired_offset, source_offset)`` pairs, sorted: the repaired text from
    ``repaired_offset`` on is a verbatim copy of the source from ``source_offset`` on, up to the
    next piece (a one-character piece that is a space joining two Latin words maps to the line
    break it stands for).
    """

    text: str
    pieces: tuple[tuple[int, int], ...] = field(default=((0, 0),))

    def to_source(self, i: int) -> int:
        """Offset in the original text of repaired offset ``i``."""
        k = bisect_right(self.pieces, (i, float("inf"))) - 1
        r, s = self.pieces[max(k, 0)]
        return s + (i - r)


# White space that layout puts around a line (a form feed marks a page break).
_WS = " \t\r\f\v\u3000\xa0"
_LATIN = regex.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class _Cues:
    page_number: regex.Pattern
    sentence_end: str
    closing: str
    repeated_share: float
    full_share: float
    full_percentile: float
    wrapped_share: float


@cache
def _cues() -> _Cues:
    lex = lexicon.load("layout")
    punct, page, wrap = lex["punctuation"], lex["page"], lex["wrap"]
    return _Cues(
        page_number=regex.compile("|".join(f"(?:{p})" for p in page["number_lines"])),
        sentence_end=punct["sentence_end"],
        closing=punct["closing"],
        repeated_share=float(page["repeated_share"]),
        full_share=float(wrap["full_share"]),
        full_percentile=float(wrap["full_percentile"]),
        wrapped_share=float(wrap["wrapped_share"]),
    )


def _width(s: str) -> int:
    """Display width: CJK characters (three UTF-8 bytes) count two columns, ASCII one."""
    return (len(s.encode("utf-8")) + len(s)) // 2


def _ends_sentence(s: str, cues: _Cues) -> bool:
    s = s.rstrip(cues.closing)
    return bool(s) and s[-1] in cues.sentence_end


def repair(text: str) -> Repaired:
    """Repair ``text``'s layout; see :class:`Repaired` for how offsets map back."""
    if not text:
        return Repaired("")
    cues = _cues()

    # One record per physical line: content span [a, b), leading white space, newline offset.
    raw_lines = text.split("\n")
    n = len(raw_lines)
    A: list[int] = []
    B: list[int] = []
    lead: list[str] = []
    nl: list[int] = []
    pos = 0
    for raw in raw_lines:
        stripped = raw.lstrip(_WS)
        a = pos + len(raw) - len(stripped)
        b = pos + len(raw.rstrip(_WS)) if stripped else a
        A.append(a)
        B.append(b)
        lead.append(raw[: len(raw) - len(stripped)])
        pos += len(raw) + 1
        nl.append(pos - 1)  # the "\n" after the line (== len(text) for the last line)
    content = [i for i in range(n) if B[i] > A[i]]
    if not content:
        return Repaired("")

    # Are blank lines layout only (one after nearly every line)?
    followed = sum(1 for i in content[:-1] if i + 1 < n and B[i + 1] == A[i + 1])
    interleaved = len(content) > 2 and followed >= 0.6 * (len(content) - 1)

    # Page breaks: a form feed, or (blank-interleaved text) a line with one leading space and
    # no blank line before it.
    page_start = [False] * n
    for k, i in enumerate(content):
        ld = lead[i]
        if "\f" in ld or (i > 0 and "\f" in raw_lines[i - 1]):
            page_start[i] = True
        elif interleaved and k > 0 and ld.startswith(" ") and not ld.startswith("  ") \
                and content[k - 1] == i - 1:
            page_start[i] = True

    # Paragraph indentation (tab, ideographic space, two spaces) is a signal unless most lines have it.
    indented = [bool(ld) and ("\t" in ld or "\u3000" in ld or "  " in ld) for ld in lead]
    use_indent = sum(indented[i] for i in content) <= 0.5 * len(content)

    # Page furniture: page numbers; running headers/footers recurring at page edges.
    drop = [False] * n
    for i in content:
        if cues.page_number.match(text[A[i]:B[i]]):
            drop[i] = True
    pages: list[list[int]] = [[]]
    for i in content:
        if page_start[i] and pages[-1]:
            pages.append([])
        if not drop[i]:
            pages[-1].append(i)
    if len(pages) >= 3:
        edges: dict[str, int] = {}
        edge_lines: list[tuple[int, str]] = []
        for pg in pages:
            seen = set()
            for i in pg[:2] + pg[-2:]:
                key = regex.sub(r"\d+", "#", text[A[i]:B[i]].replace(" ", ""))
                edge_lines.append((i, key))
                if key not in seen:
                    seen.add(key)
                    edges[key] = edges.get(key, 0) + 1
        need = max(3, cues.repeated_share * len(pages))
        furniture = {k for k, c in edges.items() if c >= need}
        for i, key in edge_lines:
            if key in furniture:
                drop[i] = True
    kept = [i for i in content if not drop[i]]
    if not kept:
        return Repaired("")

    # Hard wrap: the document's full line width, and whether many lines reach it.
    widths = {i: _width(text[A[i]:B[i]]) for i in kept}
    ws = sorted(widths.values())
    full = ws[min(len(ws) - 1, int(cues.full_percentile * len(ws)))]
    limit = cues.full_share * full
    wrapped = full <= 300 and len(ws) >= 3 and \
        sum(1 for w in ws if w >= limit) >= cues.wrapped_share * len(ws)

    # Build the repaired text piece by piece.
    out: list[str] = []
    pieces: list[tuple[int, int]] = []
    rpos = 0
    expect = -1  # source offset that continues the last piece

    def emit(a: int, b: int) -> None:
        nonlocal rpos, expect
        if a != expect:
            pieces.append((rpos, a))
        out.append(text[a:b])
        rpos += b - a
        expect = b

    def emit_char(ch: str, src: int) -> None:
        nonlocal rpos, expect
        if src != expect or text[src:src + 1] != ch:
            pieces.append((rpos, src))
        out.append(ch)
        rpos += 1
        expect = src + 1 if text[src:src + 1] == ch else -1

    prev = -1
    for i in kept:
        if prev >= 0:
            blanks = sum(1 for j in range(prev + 1, i) if B[j] == A[j] and "\f" not in raw_lines[j])
            pline = text[A[prev]:B[prev]]
            join = not (
                (blanks > 0 and not interleaved)
                or blanks >= 2
                or (interleaved and blanks == 0 and not page_start[i] and i == prev + 1)
                or (use_indent and indented[i] and not page_start[i])
                or not wrapped
                or widths[prev] < limit
                or _ends_sentence(pline, cues)
            )
            if join:
                if _LATIN.match(pline[-1]) and _LATIN.match(text[A[i]]):
                    if B[prev] < len(text) and text[B[prev]] == " ":
                        emit_char(" ", B[prev])
                    elif text[A[i] - 1] == " ":
                        emit_char(" ", A[i] - 1)
                    else:
                        emit_char(" ", nl[prev])
            else:
                emit_char("\n", nl[prev])
        emit(A[i], B[i])
        prev = i
    return Repaired("".join(out), tuple(pieces) or ((0, 0),))

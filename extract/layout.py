"""Layout repair: undo what page layout did to a document's text, keeping offsets honest.

Text taken from a typeset page (a PDF, a newsletter saved as text) is broken into lines at the
page's width, may carry a blank line after every line, page numbers, running headers and
footers, and page breaks. :func:`repair` turns it back into running text, one paragraph per
line:

* hard-wrapped lines are joined — with nothing between CJK characters, with one space where
  the break separated two Latin words or numbers. A text is taken as hard-wrapped when enough
  of its lines reach its full width (a high percentile of line widths) and stop mid-sentence;
  then a line that reaches the full width, or whose successor opens with a Latin word too long
  for the rest of it, runs on. In a text too short to tell, a line of running text (holding a
  comma) that stops mid-sentence runs on;
* blank lines that are only layout (a blank after every line) are dropped; where blank lines
  are rare they still end paragraphs, and so does an indented line where few lines are indented;
* page numbers, page counters and running headers/footers (a line recurring at the edges of
  most pages) are dropped;
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

import string
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate

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

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", [r for r, _s in self.pieces])

    def to_source(self, i: int) -> int:
        """Offset in the original text of repaired offset ``i``."""
        k = bisect_right(self._starts, i) - 1
        r, s = self.pieces[max(k, 0)]
        return s + (i - r)


_LATIN_CHARS = frozenset(string.ascii_letters + string.digits)
_DIGITS = regex.compile(r"\d+")


@dataclass(frozen=True)
class _Cues:
    page_number: regex.Pattern
    sentence_end: str
    closing: str
    repeated_share: float
    full_share: float
    full_percentile: float
    wrapped_share: float
    min_full: int
    max_full: int
    min_lines: int
    few_lines: int
    running: regex.Pattern
    heading: regex.Pattern
    inside_heading: regex.Pattern


@cache
def _cues() -> _Cues:
    lex = lexicon.load("layout")
    punct, page, wrap, heads = lex["punctuation"], lex["page"], lex["wrap"], lex["headings"]
    numbered = [pat for name, pat in heads["numbered"] if name not in heads["standalone"]]
    return _Cues(
        page_number=regex.compile("|".join(f"(?:{p})" for p in page["number_lines"])),
        sentence_end=punct["sentence_end"],
        closing=punct["closing"],
        repeated_share=float(page["repeated_share"]),
        full_share=float(wrap["full_share"]),
        full_percentile=float(wrap["full_percentile"]),
        wrapped_share=float(wrap["wrapped_share"]),
        min_full=int(wrap["min_full"]),
        max_full=int(wrap["max_full"]),
        min_lines=int(wrap["min_lines"]),
        few_lines=int(wrap["few_lines"]),
        running=regex.compile("[" + regex.escape(wrap["running_marks"]) + "]"),
        heading=regex.compile("|".join(f"(?:{p})" for p in numbered)),
        inside_heading=regex.compile("[" + regex.escape(punct["not_heading_end"]) + "]"),
    )


def _heading_line(line: str, cues: _Cues) -> bool:
    """A line that is a numbered heading on its own (`二、2024年经济社会发展总体要求和政策取向`):
    it opens with a heading number and holds no punctuation of running text, so it neither runs
    on from the line before nor into the next, however wide it is."""
    m = cues.heading.match(line)
    return m is not None and cues.inside_heading.search(line, m.end()) is None


def _width(s: str) -> int:
    """Display width: CJK characters (three UTF-8 bytes) count two columns, ASCII one."""
    return (len(s.encode("utf-8")) + len(s)) // 2


_WORD = regex.compile(r"[A-Za-z0-9][A-Za-z0-9.%'-]*")


def _pushed(text: str, a: int, b: int, prev_width: int, full: int) -> bool:
    """Whether the Latin word opening a line was pushed there because it did not fit on the
    line before (which then ends short although it was wrapped)."""
    m = _WORD.match(text, a, b)
    return m is not None and prev_width + 1 + (m.end() - m.start()) > full


def repair(text: str) -> Repaired:
    """Repair ``text``'s layout; see :class:`Repaired` for how offsets map back."""
    cues = _cues()
    # One record per line with content: content span [a, b), leading white space, display
    # width, and what lies between it and the line before (blank lines, a form feed).
    lines = text.split("\n")
    offsets = list(accumulate(map(len, lines), initial=0))
    phys = [i for i, line in enumerate(lines) if line and not line.isspace()]
    n = len(phys)
    if not n:
        return Repaired("")
    A: list[int] = []
    B: list[int] = []
    lead: list[str] = []
    widths: list[int] = []
    for i in phys:
        line = lines[i]
        body = line.lstrip()
        cut = len(line) - len(body)
        a = offsets[i] + i + cut
        body = body.rstrip()
        A.append(a)
        B.append(a + len(body))
        lead.append(line[:cut])
        widths.append(_width(body))
    blanks = [phys[0]] + [phys[k] - phys[k - 1] - 1 for k in range(1, n)]
    find = text.find
    if "\f" in text:
        feed = [find("\f", B[k - 1] if k else 0, A[k]) >= 0 for k in range(n)]
    else:
        feed = [False] * n

    # Are blank lines layout only (one after nearly every line)?
    interleaved = n >= 2 and sum(1 for k in range(1, n) if blanks[k]) >= 0.6 * (n - 1)

    # Page breaks: a form feed, or (blank-interleaved text) a line with one leading space and
    # no blank line before it.
    page_start = feed[:]
    if interleaved:
        for k in range(1, n):
            ld = lead[k]
            if ld[:1] == " " and ld[:2] != "  " and not blanks[k]:
                page_start[k] = True

    # Paragraph indentation (tab, ideographic space, two spaces) is a signal unless most lines have it.
    indented = [bool(ld) and ("\t" in ld or "\u3000" in ld or "  " in ld) for ld in lead]
    use_indent = sum(indented) <= 0.5 * n

    # Page furniture: page numbers; running headers/footers recurring at page edges.
    number = cues.page_number.match
    drop = [b - a <= 24 and number(text, a, b) is not None for a, b in zip(A, B, strict=True)]
    if sum(page_start) >= 2:
        pages: list[list[int]] = [[]]
        for k in range(n):
            if page_start[k] and pages[-1]:
                pages.append([])
            if not drop[k]:
                pages[-1].append(k)
        if len(pages) >= 3:
            edges: dict[str, int] = {}
            edge_lines: list[tuple[int, str]] = []
            for pg in pages:
                seen = set()
                for k in pg[:2] + pg[-2:]:
                    key = _DIGITS.sub("#", text[A[k]:B[k]].replace(" ", ""))
                    edge_lines.append((k, key))
                    if key not in seen:
                        seen.add(key)
                        edges[key] = edges.get(key, 0) + 1
            need = max(3, cues.repeated_share * len(pages))
            furniture = {key for key, c in edges.items() if c >= need}
            for k, key in edge_lines:
                if key in furniture:
                    drop[k] = True
    kept = [k for k in range(n) if not drop[k]]
    if not kept:
        return Repaired("")

    # Hard wrap: the document's full line width, and whether many lines reach it.
    ws = sorted(widths[k] for k in kept)
    full = ws[min(len(ws) - 1, int(cues.full_percentile * len(ws)))]
    limit = cues.full_share * full
    ends, closing = cues.sentence_end, cues.closing
    near = [k for k in kept if widths[k] >= limit]
    open_ended = sum(1 for k in near if text[A[k]:B[k]].rstrip(closing)[-1:] not in ends)
    wrapped = cues.min_full <= full <= cues.max_full and open_ended >= cues.min_lines \
        and open_ended >= cues.wrapped_share * len(near)

    few = len(kept) < cues.few_lines
    running = cues.running.search
    heading = {k for k in kept if _heading_line(text[A[k]:B[k]], cues)}

    # Build the repaired text piece by piece.
    out: list[str] = []
    pieces: list[tuple[int, int]] = []
    rpos = 0
    expect = -1  # source offset that continues the last piece
    prev = -1
    for k in kept:
        a = A[k]
        if prev >= 0:
            pb = B[prev]
            gap = blanks[k] if prev == k - 1 else max(blanks[prev + 1:k + 1])  # dropped lines between
            last = text[pb - 1]
            if last in closing:
                last = text[A[prev]:pb].rstrip(closing)[-1:]
            if wrapped:  # a line reaching the full width was broken by the layout
                broken = widths[prev] >= limit or _pushed(text, a, B[k], widths[prev], full)
            else:  # too few lines to tell: a line of running text that stops mid-sentence was
                broken = few and running(text, A[prev], pb) is not None
            join = broken and not (
                prev in heading or k in heading
                or (gap and not interleaved)
                or gap >= 2
                or (interleaved and not gap and not page_start[k])
                or (use_indent and indented[k] and not page_start[k])
                or last in ends
            )
            if join:
                if text[pb - 1].isdigit() and text[a].isdigit():
                    src = -1  # a number broken by the wrap (2|024年) is one number
                elif text[pb - 1] in _LATIN_CHARS and text[a] in _LATIN_CHARS:
                    if text[pb:pb + 1] == " ":
                        src, ch = pb, " "
                    elif text[a - 1] == " ":
                        src, ch = a - 1, " "
                    else:
                        src, ch = find("\n", pb), " "
                else:
                    src = -1
            else:
                src, ch = find("\n", pb), "\n"
            if src >= 0:
                if src != expect or text[src] != ch:
                    pieces.append((rpos, src))
                out.append(ch)
                rpos += 1
                expect = src + 1 if text[src] == ch else -1
        if a != expect:
            pieces.append((rpos, a))
        out.append(text[a:B[k]])
        rpos += B[k] - a
        expect = B[k]
        prev = k
    return Repaired("".join(out), tuple(pieces) or ((0, 0),))

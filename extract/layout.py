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
from itertools import accumulate

import regex

from .lexicon import Lexicon
from .paragraphs import numbered_headings


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


def _cues(lexicon: Lexicon) -> _Cues:
    """The layout data of ``lexicon``, compiled (once for each lexicon: ``lexicon.stage(_cues)``)."""
    lex = lexicon["layout"]
    punct, page, wrap, heads = lex["punctuation"], lex["page"], lex["wrap"], lex["headings"]
    numbered = [pat.pattern for name, pat in numbered_headings(lexicon) if name not in heads["standalone"]]
    return _Cues(
        page_number=regex.compile("|".join(f"(?:{p})" for p in page["number_lines"])),
        sentence_end=punct["sentence_end"],
        closing=punct["closing"],
        repeated_share=float(page["repeated_share"]),
        full_share=float(wrap["full_share"]),
        full_percentile=float(wrap["full_percentile"]),
        wrapped_share=float(wrap["wrapped_share"]),
        min_full=wrap["min_full"],
        max_full=wrap["max_full"],
        min_lines=wrap["min_lines"],
        few_lines=wrap["few_lines"],
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


@dataclass
class _Lines:
    """The lines of a text that have content: content span ``[A[k], B[k])``, leading white space,
    display width, blank lines before it, and whether a form feed stands before it."""

    A: list[int]
    B: list[int]
    lead: list[str]
    widths: list[int]
    blanks: list[int]
    feed: list[bool]

    @property
    def n(self) -> int:
        return len(self.A)


def _lines(text: str) -> _Lines:
    """The lines of ``text`` with content (see :class:`_Lines`)."""
    lines = text.split("\n")
    offsets = list(accumulate(map(len, lines), initial=0))
    phys = [i for i, line in enumerate(lines) if line and not line.isspace()]
    L = _Lines([], [], [], [], [], [])
    for i in phys:
        line = lines[i]
        body = line.lstrip()
        cut = len(line) - len(body)
        a = offsets[i] + i + cut
        body = body.rstrip()
        L.A.append(a)
        L.B.append(a + len(body))
        L.lead.append(line[:cut])
        L.widths.append(_width(body))
    if phys:
        L.blanks = [phys[0]] + [phys[k] - phys[k - 1] - 1 for k in range(1, len(phys))]
    if "\f" in text:
        L.feed = [text.find("\f", L.B[k - 1] if k else 0, L.A[k]) >= 0 for k in range(L.n)]
    else:
        L.feed = [False] * L.n
    return L


def _interleaved(L: _Lines) -> bool:
    """Whether blank lines are layout only: one after nearly every line."""
    n = L.n
    return n >= 2 and sum(1 for k in range(1, n) if L.blanks[k]) >= 0.6 * (n - 1)


def _page_starts(L: _Lines, interleaved: bool) -> list[bool]:
    """Lines that start a page: after a form feed, or (in a blank-interleaved text) a line with one
    leading space and no blank line before it."""
    starts = L.feed[:]
    if interleaved:
        for k in range(1, L.n):
            ld = L.lead[k]
            if ld[:1] == " " and ld[:2] != "  " and not L.blanks[k]:
                starts[k] = True
    return starts


def _indented(L: _Lines) -> list[bool]:
    """Lines indented as a paragraph's first line is (a tab, an ideographic space, two spaces) —
    none when most lines are, for then indentation tells nothing."""
    indented = [bool(ld) and ("\t" in ld or "\u3000" in ld or "  " in ld) for ld in L.lead]
    return indented if sum(indented) <= 0.5 * L.n else [False] * L.n


def _pages(drop: list[bool], page_start: list[bool]) -> list[list[int]]:
    """The lines of each page, page numbers left out."""
    pages: list[list[int]] = [[]]
    for k, start in enumerate(page_start):
        if start and pages[-1]:
            pages.append([])
        if not drop[k]:
            pages[-1].append(k)
    return pages


def _running_lines(text: str, L: _Lines, pages: list[list[int]], cues: _Cues) -> list[int]:
    """Running headers and footers: lines at the edges of pages (the first and last two) that
    recur, digits ignored, at ``repeated_share`` of the pages or more (three at least)."""
    edges: dict[str, int] = {}
    edge_lines: list[tuple[int, str]] = []
    for pg in pages:
        seen = set()
        for k in pg[:2] + pg[-2:]:
            key = _DIGITS.sub("#", text[L.A[k]:L.B[k]].replace(" ", ""))
            edge_lines.append((k, key))
            if key not in seen:
                seen.add(key)
                edges[key] = edges.get(key, 0) + 1
    need = max(3, cues.repeated_share * len(pages))
    furniture = {key for key, c in edges.items() if c >= need}
    return [k for k, key in edge_lines if key in furniture]


def _furniture(text: str, L: _Lines, page_start: list[bool], cues: _Cues) -> list[bool]:
    """Which lines are page furniture: page numbers and counters, running headers and footers."""
    number = cues.page_number.match
    drop = [b - a <= 24 and number(text, a, b) is not None for a, b in zip(L.A, L.B, strict=True)]
    if sum(page_start) >= 2:
        pages = _pages(drop, page_start)
        if len(pages) >= 3:
            for k in _running_lines(text, L, pages, cues):
                drop[k] = True
    return drop


@dataclass(frozen=True)
class _Wrap:
    """Whether the text is hard-wrapped, its full line width, and the width from which a line counts
    as full."""

    wrapped: bool
    full: int
    limit: float


def _wrap(text: str, L: _Lines, kept: list[int], cues: _Cues) -> _Wrap:
    """The document's full line width (a high percentile of the widths), and whether many of the
    lines that reach it stop mid-sentence (then the layout wrapped them)."""
    ws = sorted(L.widths[k] for k in kept)
    full = ws[min(len(ws) - 1, int(cues.full_percentile * len(ws)))]
    limit = cues.full_share * full
    near = [k for k in kept if L.widths[k] >= limit]
    open_ended = sum(1 for k in near if text[L.A[k]:L.B[k]].rstrip(cues.closing)[-1:] not in cues.sentence_end)
    wrapped = cues.min_full <= full <= cues.max_full and open_ended >= cues.min_lines \
        and open_ended >= cues.wrapped_share * len(near)
    return _Wrap(wrapped, full, limit)


@dataclass
class _Reading:
    """What repair decided about a text's lines, for the joins."""

    text: str
    L: _Lines
    cues: _Cues
    wrap: _Wrap
    interleaved: bool
    page_start: list[bool]
    indented: list[bool]
    few: bool
    heading: set[int]


def _broken(r: _Reading, prev: int, k: int) -> bool:
    """Whether line ``prev`` was broken by the layout before line ``k``: in a wrapped text it reaches
    the full width, or ``k`` opens with a Latin word too long for the rest of it; in a text too short
    to tell, it is running text (holds a comma) that stops mid-sentence."""
    L = r.L
    if r.wrap.wrapped:
        return L.widths[prev] >= r.wrap.limit or _pushed(r.text, L.A[k], L.B[k], L.widths[prev], r.wrap.full)
    return r.few and r.cues.running.search(r.text, L.A[prev], L.B[prev]) is not None


def _last_char(r: _Reading, prev: int) -> str:
    """The last character of line ``prev``, closing quotes and brackets passed over."""
    pb = r.L.B[prev]
    last = r.text[pb - 1]
    if last in r.cues.closing:
        last = r.text[r.L.A[prev]:pb].rstrip(r.cues.closing)[-1:]
    return last


def _paragraph_ends(r: _Reading, prev: int, k: int) -> bool:
    """Whether a paragraph ends between line ``prev`` and line ``k`` (lines dropped between them)
    whatever the width: at a numbered heading, a blank line that is not layout, two blank lines, a
    missing blank line in a blank-interleaved text (not at a page break), an indented line, or a
    sentence end."""
    L = r.L
    gap = L.blanks[k] if prev == k - 1 else max(L.blanks[prev + 1:k + 1])
    return (prev in r.heading or k in r.heading
            or (gap and not r.interleaved)
            or gap >= 2
            or (r.interleaved and not gap and not r.page_start[k])
            or (r.indented[k] and not r.page_start[k])
            or _last_char(r, prev) in r.cues.sentence_end)


def _joiner(text: str, pb: int, a: int) -> tuple[int, str]:
    """What joins a line ending at ``pb`` to the next starting at ``a``: nothing (``-1``) — between CJK
    characters, or in a number the wrap broke (2|024年) — or one space between two Latin words
    (``(source offset, " ")``: a space there in the source, else the line break)."""
    if text[pb - 1].isdigit() and text[a].isdigit():
        return -1, ""
    if text[pb - 1] in _LATIN_CHARS and text[a] in _LATIN_CHARS:
        if text[pb:pb + 1] == " ":
            return pb, " "
        if text[a - 1] == " ":
            return a - 1, " "
        return text.find("\n", pb), " "
    return -1, ""


class _Builder:
    """The repaired text, copied piece by piece, with its map back to the source."""

    def __init__(self, text: str):
        self.text = text
        self.out: list[str] = []
        self.pieces: list[tuple[int, int]] = []
        self.rpos = 0
        self.expect = -1  # source offset that continues the last piece

    def put(self, src: int, ch: str) -> None:
        """One joining character ``ch`` that stands for source offset ``src``."""
        if src != self.expect or self.text[src] != ch:
            self.pieces.append((self.rpos, src))
        self.out.append(ch)
        self.rpos += 1
        self.expect = src + 1 if self.text[src] == ch else -1

    def copy(self, a: int, b: int) -> None:
        """The source ``[a, b)`` verbatim."""
        if a != self.expect:
            self.pieces.append((self.rpos, a))
        self.out.append(self.text[a:b])
        self.rpos += b - a
        self.expect = b

    def result(self) -> Repaired:
        return Repaired("".join(self.out), tuple(self.pieces) or ((0, 0),))


def _reading(text: str, L: _Lines, cues: _Cues) -> tuple[_Reading, list[int]]:
    """What repair reads of the lines (see :class:`_Reading`), and the lines kept (furniture dropped)."""
    interleaved = _interleaved(L)
    page_start = _page_starts(L, interleaved)
    drop = _furniture(text, L, page_start, cues)
    kept = [k for k in range(L.n) if not drop[k]]
    if not kept:
        return _Reading(text, L, cues, _Wrap(False, 0, 0.0), interleaved, page_start, [], False, set()), kept
    return _Reading(
        text, L, cues, _wrap(text, L, kept, cues), interleaved, page_start, _indented(L),
        few=len(kept) < cues.few_lines,
        heading={k for k in kept if _heading_line(text[L.A[k]:L.B[k]], cues)},
    ), kept


def repair(text: str, lexicon: Lexicon | None = None) -> Repaired:
    """Repair ``text``'s layout; see :class:`Repaired` for how offsets map back.

    Each line with content is kept (unless it is page furniture) and joined to the one before with
    a line break, or — when the layout broke it (:func:`_broken`) and no paragraph ends there
    (:func:`_paragraph_ends`) — with nothing or a space (:func:`_joiner`).
    """
    L = _lines(text)
    r, kept = _reading(text, L, (lexicon or Lexicon.default()).stage(_cues))
    if not kept:
        return Repaired("")
    out = _Builder(text)
    prev = -1
    for k in kept:
        if prev >= 0:
            pb = L.B[prev]
            if _broken(r, prev, k) and not _paragraph_ends(r, prev, k):
                src, ch = _joiner(text, pb, L.A[k])
            else:
                src, ch = text.find("\n", pb), "\n"
            if src >= 0:
                out.put(src, ch)
        out.copy(L.A[k], L.B[k])
        prev = k
    return out.result()

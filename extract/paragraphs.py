"""Paragraphs of repaired text, and the cue words segmentation reads from ``data/layout.toml``.

:func:`paragraphs` cuts repaired text (one paragraph per line) into :class:`Para` records;
:func:`cues_of` compiles a lexicon's layout data into a :class:`Cues` record (:func:`cues`: the
package's own). Numbered headings and
dates are written in the data with the placeholders :func:`extract.numerals.expand` fills
(``{numeral}``, ``{year}`` …), so a heading number, a month or a year is read by the one numeral
grammar. Shared by :mod:`extract.segment`, :mod:`extract.toc` and
:mod:`extract.layout`.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

import regex

from .lexicon import Lexicon, alternation
from .numerals import Numerals


def numbered_headings(lex: Lexicon) -> tuple[tuple[str, regex.Pattern], ...]:
    """The numbered heading styles of ``lex``'s layout data, highest level first: ``(name, pattern)``,
    the number in group ``n``."""
    expand = lex.stage(Numerals).expand
    return tuple((name, regex.compile(expand(pat))) for name, pat in lex["layout"]["headings"]["numbered"])


# ---------------------------------------------------------------------------------------------
# cue words


@dataclass(frozen=True)
class Cues:
    """The layout data of ``data/layout.toml``, compiled (see :func:`cues_of`), and the numerals that
    read the numbers of headings and dates."""

    sentence_end: regex.Pattern
    ends: str
    not_heading_end: str
    inner_stops: regex.Pattern
    run_in_end: regex.Pattern
    closing: str
    source: regex.Pattern
    source_field: regex.Pattern
    source_cut: regex.Pattern
    byline: regex.Pattern
    stamp: regex.Pattern
    contact: regex.Pattern
    contact_head: regex.Pattern
    toc_heads: frozenset[str]
    toc_suffix: regex.Pattern
    toc_edge: float
    headings: tuple[tuple[str, regex.Pattern], ...]
    standalone: frozenset[str]
    max_len: int
    max_section_len: int
    min_title_len: int
    dates: tuple[regex.Pattern, ...]
    head_paragraphs: int
    num: Numerals  # reads heading numbers, months and years
    opening: str = ""
    closing_brackets: str = ""
    source_bare: regex.Pattern | None = None
    title_marks: tuple[str, ...] = ()
    original_title: regex.Pattern | None = None
    link: regex.Pattern | None = None
    date_field: regex.Pattern | None = None
    dateline: regex.Pattern | None = None
    open_ends: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    min_level: int = 2
    horizons: tuple[str, ...] = ()
    # literal words, searched with the standard ``re`` module (quicker at scanning for literals)
    anchor_words: re.Pattern | None = None  # what a source or original-title line must hold
    skip_words: re.Pattern | None = None  # what a contact or link line must hold


def cues() -> Cues:
    """The package's own layout data, compiled once."""
    return Lexicon.default().stage(cues_of)


def cues_of(lexicon: Lexicon) -> Cues:
    """The layout data of ``lexicon``, compiled (once for each lexicon: ``lexicon.stage(cues_of)``)."""
    num = lexicon.stage(Numerals)
    lex = lexicon["layout"]
    p, src, h, ttl = lex["punctuation"], lex["source"], lex["headings"], lex["title"]
    end = regex.escape(p["sentence_end"].replace(p["ascii_sentence_end"], ""))
    asc = regex.escape(p["ascii_sentence_end"])
    close = regex.escape(p["closing"])
    seps = regex.escape(src["separators"])
    opening = regex.escape(p["opening"])
    shut = regex.escape(p["closing_brackets"])
    return Cues(
        opening=p["opening"],
        closing_brackets=p["closing_brackets"],
        sentence_end=regex.compile(rf"(?:[{end}]+|[{asc}]+(?![A-Za-z0-9=&/]))[{close}]*"),
        ends=p["sentence_end"],
        not_heading_end=p["not_heading_end"],
        inner_stops=regex.compile("[" + regex.escape(p["heading_inner_stops"]) + "]"),
        run_in_end=regex.compile(rf"[{end}{asc}{regex.escape(p['run_in_heading_end'])}]"),
        closing=p["closing"],
        source=regex.compile(
            rf"[{opening}]?\s*(?:{alternation(src['prefixes'])})\s*[{seps}]\s*(?P<v>[^{shut}]+)"),
        source_field=regex.compile(
            rf"(?<=\s|^)[{opening}]?(?:{alternation(src['prefixes'])})\s*[{seps}]\s*(?P<v>[^{shut}]+)"),
        source_cut=regex.compile(
            rf"\s{{2,}}|\s*[{regex.escape(src['field_separators'])}]"
            rf"|\s*(?:{alternation(src['following_fields'])})\s*[{seps}]"
            rf"|\s+(?:{alternation(src['following_words'])})"
            rf"|\s*{num.year_pattern()}\s*[-年./]\s*\d{{1,2}}"),
        byline=regex.compile(rf"^(?:[{opening}]\s*(?:{alternation(lex['byline']['prefixes'])})"
                             rf"|(?:{alternation(lex['byline']['prefixes'])})\s*[{seps}\s])"),
        stamp=regex.compile(lex["byline"]["stamp"]),
        contact=regex.compile(rf"^(?:{alternation(lex['contact']['prefixes'])})\s*[{seps}]"),
        contact_head=regex.compile(rf"(?:{alternation(lex['contact']['heads'])})\s*[{seps}]?$"),
        toc_heads=frozenset(w.replace(" ", "") for w in lex["toc"]["heads"]),
        toc_suffix=regex.compile(lex["toc"]["page_suffix"]),
        toc_edge=float(lex["toc"]["edge_share"]),
        headings=numbered_headings(lexicon),
        num=num,
        standalone=frozenset(h["standalone"]),
        max_len=int(h["max_len"]),
        max_section_len=int(h["max_section_len"]),
        min_title_len=int(h["min_title_len"]),
        dates=tuple(regex.compile(num.expand(d)) for d in lex["date"]["patterns"]),
        head_paragraphs=lex["date"]["head_paragraphs"],
        source_bare=regex.compile(
            rf"[{opening}]?\s*(?:{alternation(src['bare_prefixes'])})\s*(?P<v>《[^》]+》)"),
        title_marks=tuple(src["title_marks"]),
        original_title=regex.compile(
            rf"^[{opening}]?\s*(?:{alternation(src['original_title'])})\s*[{seps}]\s*(?P<v>.+?)[{shut}]?$"),
        link=regex.compile(
            rf"^(?:>\s*)?(?:(?:{alternation(lex['link']['prefixes'])})\s*[{seps}]\s*)?<?https?://\S+$"),
        date_field=regex.compile(rf"^(?:{alternation(lex['date']['fields'])})\s*[{seps}]"),
        dateline=regex.compile(rf"^(?P<t>.+?)\s*(?:{alternation(ttl['dateline_dashes'])})\s*(?P<rest>.+)$"),
        open_ends=tuple(ttl["open_ends"]),
        kinds=tuple(ttl["kinds"]),
        min_level=int(h["min_level_headings"]),
        horizons=tuple(lex["date"]["horizons"]),
        anchor_words=re.compile(alternation([*src["prefixes"], *src["bare_prefixes"], *src["original_title"]])),
        skip_words=re.compile(rf"{alternation(lex['contact']['prefixes'])}|https?://"),
    )



# ---------------------------------------------------------------------------------------------
# paragraphs


#: A non-blank line stripped: from its first to its last character that is not white space (the
#: standard ``re`` module's ``\s`` is what ``str.strip`` strips); lines end at ``\n`` only.
_PARA = re.compile(r"\S(?:[^\n]*\S)?")


def nows(s: str) -> str:
    """``s`` without white space."""
    return "".join(s.split())


_MARKS = regex.compile(r"[\p{P}\p{S}\s_]+")


def heading_key(s: str) -> str:
    """``s`` as a heading is matched: compatibility forms folded, punctuation and white space
    removed (a table of contents may write ``2025:`` where the body writes ``2025：``)."""
    if not unicodedata.is_normalized("NFKC", s):  # the quick check; most text is already NFKC
        s = unicodedata.normalize("NFKC", s)
    return _MARKS.sub("", s)




@dataclass(slots=True)
class Para:
    """A paragraph ``[start, end)`` of the repaired text, its text stripped and without white space (``norm``)."""

    start: int
    end: int
    text: str
    norm: str  # white space removed
    _key: str | None = None

    @property
    def key(self) -> str:
        """The paragraph as a heading is matched (see :func:`heading_key`), computed once."""
        if self._key is None:
            self._key = heading_key(self.text)
        return self._key


def paragraphs(text: str) -> list[Para]:
    """The non-blank lines of repaired ``text``, stripped (each a match of :data:`_PARA`)."""
    out = []
    for m in _PARA.finditer(text):
        t = m.group()
        out.append(Para(m.start(), m.end(), t, nows(t)))
    return out


def norm_span(p: Para, i: int, j: int) -> tuple[int, int]:
    """Text offsets of the normalised characters ``p.norm[i:j]``."""
    k = -1
    a = b = p.start
    for off, ch in enumerate(p.text):
        if ch.isspace():
            continue
        k += 1
        if k == i:
            a = p.start + off
        if k == j - 1:
            b = p.start + off + 1
            break
    return a, b



def mentioning(text: str, paras: list[Para], words: re.Pattern) -> set[int]:
    """The paragraphs of ``text`` in which one of the literal ``words`` occurs, found in one pass
    over the text (a paragraph without them cannot match a pattern that needs one)."""
    starts = [p.start for p in paras]
    found = set()
    for m in words.finditer(text):
        k = bisect_right(starts, m.start()) - 1
        if k >= 0 and m.end() <= paras[k].end:
            found.add(k)
    return found


def source_match(text: str, c: Cues) -> regex.Match | None:
    """A source line: one that opens with a source field, or a short line of fields
    (`2024-05-06 10:20 来源：新华网 作者：张三`) that holds one."""
    m = c.source.match(text) or c.source_bare.match(text)
    if m is None and len(text) <= c.max_len + 20:
        m = c.source_field.search(text)
    return m


"""Segmentation of repaired text into sentences, each with its topic, article and source.

Input is the output of :func:`extract.layout.repair` — one paragraph per line. Output is a
:class:`Structure`: the sentences, each labelled with

* ``topic`` — the section (栏目) it stands in, or in a report the text of the top-level numbered
  heading (``一、``, ``第一章`` …) above it, without its number;
* ``article`` — the title of the article it stands in; a document that is one piece has its own
  title as its head states it (see below), else the ``title`` argument (a format's metadata),
  else an ``原标题：`` line; a document without any has none (a file name is never a title);
* ``source`` — the outlet the article credits (``来源：经济参考报``);

plus the document's own date (from its head) and the spans that state no figures (a table of
contents, a contact block).

Structure comes, in order of preference,

1. from headings the format lists (PDF bookmarks, DOCX/HTML/Markdown headings) or a table of
   contents found in the text (a run of short lines that repeat headings of the body, at its
   end or its top, leader dots and page numbers allowed). Each entry is located in the body (as
   a paragraph, over two paragraphs when the layout wrapped a title, or glued to a paragraph);
   with two levels the upper one names sections; with one, an entry the next entry directly
   follows is a section name and the others are article titles. One level of headings that
   names no section in a document that credits no outlet is a report's topics instead;
2. from the source lines of a newsletter, or a file of several articles: they either close
   their article (a title then opens the document and follows each source line) or stand under
   its title (bylines and date stamps between them); an ``原标题：`` line stands under its
   article's title or in its place; a short section name may come before a title;
3. from numbered headings (``第一章``/``第一部分`` > ``第一节`` > ``一、`` > ``（一）`` > ``1.`` >
   ``（1）``): the highest level present with at least two headings gives the topic; the
   article is the document's own title. A document without them that opens with a short column
   name and then a title is one article under that column.

A source line credits the article whose span holds it (the outlet without title marks or the
bylines after it). The document's head — its leading lines up to running text or a numbered
heading — gives its title and date however it is laid out: a title wrapped over two lines or
glued to its dateline (``政府工作报告——2024年3月5日在…``), an issuer line, a bracketed or dashed
dateline, a date stamp or field (``发布时间：…``), bylines, an ``原标题：`` line. The date is the
most specific one there (a plan's horizon, ``2035年远景目标``, dates nothing). Every cue word and
pattern is read from ``extract/data/layout.toml``.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from itertools import groupby

import regex

from . import lexicon
from .lexicon import alternation


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence as a span ``[start, end)`` of the repaired text, with where it stands."""

    start: int
    end: int
    topic: str = ""
    article: str = ""
    source: str = ""


@dataclass(frozen=True)
class Structure:
    """What segmentation found in one document.

    ``skip`` lists spans of the repaired text that state no figures (a table of contents,
    a contact block); ``date`` is the document's own date or year (``2024``, ``2024-03``) if
    it states one.
    """

    title: str
    date: str = ""
    sentences: list[Sentence] = field(default_factory=list)
    skip: list[tuple[int, int]] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# cue words


@dataclass(frozen=True)
class _Cues:
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
    digits: dict[str, int]
    tens: str
    hundreds: str
    max_len: int
    max_section_len: int
    min_title_len: int
    dates: tuple[regex.Pattern, ...]
    head_paragraphs: int
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


@cache
def _cues() -> _Cues:
    lex = lexicon.load("layout")
    p, src, h, ttl = lex["punctuation"], lex["source"], lex["headings"], lex["title"]
    end = regex.escape(p["sentence_end"].replace(p["ascii_sentence_end"], ""))
    asc = regex.escape(p["ascii_sentence_end"])
    close = regex.escape(p["closing"])
    seps = regex.escape(src["separators"])
    opening = regex.escape(p["opening"])
    shut = regex.escape(p["closing_brackets"])
    return _Cues(
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
            rf"|\s*(?:19|20)\d{{2}}\s*[-年./]\s*\d{{1,2}}"),
        byline=regex.compile(rf"^(?:[{opening}]\s*(?:{alternation(lex['byline']['prefixes'])})"
                             rf"|(?:{alternation(lex['byline']['prefixes'])})\s*[{seps}\s])"),
        stamp=regex.compile(lex["byline"]["stamp"]),
        contact=regex.compile(rf"^(?:{alternation(lex['contact']['prefixes'])})\s*[{seps}]"),
        contact_head=regex.compile(rf"(?:{alternation(lex['contact']['heads'])})\s*[{seps}]?$"),
        toc_heads=frozenset(w.replace(" ", "") for w in lex["toc"]["heads"]),
        toc_suffix=regex.compile(lex["toc"]["page_suffix"]),
        toc_edge=float(lex["toc"]["edge_share"]),
        headings=tuple((name, regex.compile(pat)) for name, pat in h["numbered"]),
        standalone=frozenset(h["standalone"]),
        digits=dict(h["digits"]),
        tens=h["tens"],
        hundreds=h["hundreds"],
        max_len=int(h["max_len"]),
        max_section_len=int(h["max_section_len"]),
        min_title_len=int(h["min_title_len"]),
        dates=tuple(regex.compile(d) for d in lex["date"]["patterns"]),
        head_paragraphs=int(lex["date"]["head_paragraphs"]),
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
    )


# ---------------------------------------------------------------------------------------------
# paragraphs


_PARA = regex.compile(r"[^\n]+")


def _nows(s: str) -> str:
    """``s`` without white space."""
    return "".join(s.split())


_MARKS = regex.compile(r"[\p{P}\p{S}\s_]+")


def _key(s: str) -> str:
    """``s`` as a heading is matched: compatibility forms folded, punctuation and white space
    removed (a table of contents may write ``2025:`` where the body writes ``2025：``)."""
    return _MARKS.sub("", unicodedata.normalize("NFKC", s))


_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


@dataclass(slots=True)
class _Para:
    start: int
    end: int
    text: str
    norm: str  # white space removed
    _key: str | None = None

    @property
    def key(self) -> str:
        """The paragraph as a heading is matched (see :func:`_key`), computed once."""
        if self._key is None:
            self._key = _key(self.text)
        return self._key


def _paragraphs(text: str) -> list[_Para]:
    out = []
    for m in _PARA.finditer(text):
        s = m.group()
        t = s.strip()
        if not t:
            continue
        a = m.start() + (len(s) - len(s.lstrip()))
        out.append(_Para(a, a + len(t), t, _nows(t)))
    return out


def _heading_like(p: _Para, c: _Cues) -> bool:
    """A short paragraph that does not read as running text: a title, a section name."""
    if not p.norm or len(p.norm) > c.max_len:
        return False
    if p.norm.rstrip(c.closing)[-1:] in c.not_heading_end or p.norm[-1] in c.not_heading_end:
        return False
    return not (_source_match(p.text, c) or c.byline.match(p.text) or c.contact.match(p.text)
                or c.stamp.match(p.norm) or c.date_field.match(p.norm) or c.original_title.match(p.text)
                or c.link.match(p.text))


def _norm_span(p: _Para, i: int, j: int) -> tuple[int, int]:
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


# ---------------------------------------------------------------------------------------------
# numbers in headings, dates


def _cn_number(s: str, c: _Cues) -> int | None:
    s = s.translate(_FULLWIDTH)
    if s.isdigit():
        return int(s)
    total, cur = 0, 0
    for ch in s:
        if ch in c.digits:
            cur = c.digits[ch]
        elif ch == c.tens:
            total += (cur or 1) * 10
            cur = 0
        elif ch == c.hundreds:
            total += (cur or 1) * 100
            cur = 0
        else:
            return None
    return total + cur


def _date_in(s: str, c: _Cues) -> str:
    """The first date stated in ``s`` as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` ('' if none); a
    year that names a plan's horizon (`2035年远景目标`) dates nothing."""
    s = s.translate(_FULLWIDTH)
    for pat in c.dates:
        m = next((m for m in pat.finditer(s) if not s.startswith(c.horizons, m.end())), None)
        if m:
            g = m.groupdict()
            y = g["y"] if g["y"].isdigit() else "".join(str(c.digits.get(ch, "")) for ch in g["y"])
            if len(y) != 4:
                continue
            out = y
            for part in ("m", "d"):
                n = _cn_number(g[part], c) if g.get(part) else None
                if not n:
                    break
                out += f"-{n:02d}"
            return out
    return ""



# ---------------------------------------------------------------------------------------------
# the document's head: its own title and date


@dataclass(frozen=True)
class _Head:
    title: str = ""  # the title its head states ('' if none)
    original: str = ""  # a title given by an `原标题：` line
    date: str = ""


def _starts_with_date(s: str, c: _Cues) -> bool:
    """Whether ``s`` opens with a date (after brackets and dashes)."""
    s = s.lstrip(c.opening + "—-－ \u3000").translate(_FULLWIDTH)
    return any(pat.match(s) for pat in c.dates)


def _glued_dateline(p: _Para, c: _Cues) -> tuple[str, str] | None:
    """A title glued to its dateline (`政府工作报告——2023年3月5日在…会议上`): (title, dateline)."""
    m = c.dateline.match(p.text)
    if m is None or not _starts_with_date(m.group("rest"), c):
        return None
    t = m.group("t").strip()
    return (t, m.group("rest")) if t and len(_nows(t)) <= c.max_len else None


def _dateline(p: _Para, c: _Cues) -> bool:
    """A line of the head that dates the document: a stamp, a date field (`发布时间：…`), or a
    bracketed or dashed line opening with a date (`（2023年3月5日在…上）`, `——2024年3月5日…`)."""
    if _stamp(p, c) or c.date_field.match(p.norm):
        return True
    return p.norm[:1] in c.opening + "—-－" and _starts_with_date(p.norm, c)


def _wrapped_title(first: _Para, second: _Para, c: _Cues) -> bool:
    """Whether ``second`` continues a title the layout wrapped after ``first``."""
    if not _heading_like(second, c) or _starts_with_date(second.norm, c) \
            or len(first.norm) + len(second.norm) > 2 * c.max_len:
        return False
    if first.norm.endswith(c.open_ends):
        return True
    return second.norm.endswith(c.kinds) and not first.norm.endswith(c.kinds)


def _document_head(paras: list[_Para], body: list[int], c: _Cues) -> _Head:
    """The title and date the document's leading lines state, however they are laid out: a
    title (wrapped over two lines, or glued to its dateline), an issuer, a dateline or a date
    stamp, bylines and an `原标题：` line; running text or a numbered heading ends the head."""
    title = original = date = ""

    def dated(s: str) -> None:
        nonlocal date
        found = _date_in(s, c)
        if len(found) > len(date):  # the most specific date of the head
            date = found

    x, n = 0, min(len(body), c.head_paragraphs)
    while x < n:
        p = paras[body[x]]
        x += 1
        glued = _glued_dateline(p, c)
        if glued is not None:
            title = title or glued[0]
            dated(glued[1])
            continue
        if _dateline(p, c):
            dated(p.text)
            continue
        orig = c.original_title.match(p.text)
        if orig is not None:
            original = original or orig.group("v").strip()
            continue
        if _meta(p, c):
            continue
        if not _heading_like(p, c) or any(h.match(p.text) for _, h in c.headings):
            break
        if title:
            dated(p.text)
            continue
        title = p.text
        if x < len(body) and _wrapped_title(p, paras[body[x]], c):
            title += paras[body[x]].text
            x += 1
        dated(title)
    return _Head(title, original, date)

# ---------------------------------------------------------------------------------------------
# table of contents


def _toc_entry(p: _Para, c: _Cues) -> str:
    """A table-of-contents line without its leader dots and page number (white space removed)."""
    return _nows(c.toc_suffix.sub("", p.text)) if p.norm[-1:].isdigit() else p.norm


def _find_toc(paras: list[_Para], c: _Cues) -> tuple[int, int] | None:
    """Paragraph range ``[i, j]`` of a table of contents: a run of short lines that repeat
    headings found elsewhere in the document."""
    n = len(paras)
    limit = c.max_len + 10
    entry: list[str | None] = [_toc_line(p, c, limit) for p in paras]
    keys = [p.key if len(p.norm) <= limit else "" for p in paras]
    bare = [(_key(c.toc_suffix.sub("", p.text)) if p.norm[-1].isdigit() else keys[k]) if entry[k] else ""
            for k, p in enumerate(paras)]
    where: dict[str, tuple[int, int]] = {}  # first and last paragraph reading so
    for k in range(n):
        if keys[k]:
            for key in (keys[k], keys[k] + keys[k + 1] if k + 1 < n and keys[k + 1] else ""):
                if key and len(key) <= limit:
                    first = where.get(key)
                    where[key] = (first[0], k) if first else (k, k)

    def outside(k: int, lo: int, hi: int) -> int | None:
        """Where entry ``k`` (as written, or without a trailing page number) reads as a
        paragraph outside ``[lo, hi]``, if anywhere."""
        for e in (keys[k], bare[k]) if entry[k] else ():
            span = where.get(e)
            if span is not None and (span[0] < lo or span[1] > hi):
                return span[0] if span[0] < lo else span[1]
        return None

    def elsewhere(k: int, lo: int, hi: int) -> bool:
        return outside(k, lo, hi) is not None

    best: tuple[int, int] | None = None
    k = 0
    while k < n:
        if entry[k] is None:
            k += 1
            continue
        j = k
        while j + 1 < n and entry[j + 1] is not None:
            j += 1
        # A run may go on into the body's first headings (a table of contents at the top):
        # keep the end that leaves the most entries repeated outside the run.
        hits: list[int] = []
        end = j
        for m in range(j, k + 1, -1) if j - k < 200 else (j,):
            h = [x for x in range(k, m + 1) if elsewhere(x, k, m)]
            if len(h) > len(hits):
                hits, end = h, m
        if len(hits) >= 3 and len(hits) >= 0.5 * (end - hits[0] + 1):
            lo, hi = hits[0], end  # entries after the last repeated one are listed too
            # a section name before the first hit that the body does not repeat
            while lo > k and len(paras[lo - 1].norm) <= c.max_section_len:
                lo -= 1
            # a table of contents stands at the top or the end, or under its own heading
            placed = lo <= c.toc_edge * n or hi >= (1 - c.toc_edge) * n - 1 \
                or any(paras[x].norm in c.toc_heads for x in range(max(0, lo - 2), lo + 1))
            # the headings it lists stand apart in the body (a section and a column name may
            # directly head a title); many lines repeated together are a repeated table
            at = sorted(x for h in hits if (x := outside(h, k, end)) is not None)
            together = max((sum(1 for _ in g) for _, g in groupby(
                range(len(at)), key=lambda i: at[i] - i)), default=0)
            if placed and together <= 3 and (best is None or hi - lo > best[1] - best[0]):
                best = (lo, hi)
        k = j + 1
    if best and best[0] > 0 and paras[best[0] - 1].norm in c.toc_heads:
        best = (best[0] - 1, best[1])
    return best


def _toc_line(p: _Para, c: _Cues, limit: int) -> str | None:
    """The entry a paragraph would be as a table-of-contents line, or None."""
    if len(p.norm) > limit + 6:
        return None
    e = _toc_entry(p, c)
    if not e or len(e) > limit or e.rstrip(c.closing)[-1:] in c.ends:
        return None
    if _source_match(p.text, c) or c.contact.match(p.text) or c.byline.match(p.text):
        return None
    return e


# ---------------------------------------------------------------------------------------------
# locating headings in the body


@dataclass(slots=True)
class _Hit:
    title: str
    first: int  # paragraph index
    last: int
    start: int  # text offsets of the heading
    end: int


class _Finder:
    """Finds headings in the body: as a paragraph, as two paragraphs (a title the layout
    wrapped), or glued to the start or end of a paragraph."""

    WINDOW = 500  # paragraphs searched for a glued heading

    def __init__(self, paras: list[_Para], body: list[int], c: _Cues):
        self.paras, self.body = paras, body
        self.exact: dict[str, list[int]] = {}
        self.pairs: dict[str, list[int]] = {}
        limit = c.max_len + 10
        keys = [paras[b].key if len(paras[b].norm) <= limit else "" for b in body]
        for x, key in enumerate(keys):
            if key:
                self.exact.setdefault(key, []).append(x)
                if x + 1 < len(body) and keys[x + 1] and len(key) + len(keys[x + 1]) <= limit:
                    self.pairs.setdefault(key + keys[x + 1], []).append(x)

    def find(self, title: str, cur: int) -> _Hit | None:
        """The first place at or after body position ``cur`` (else anywhere) that reads ``title``."""
        e, key = _nows(title), _key(title)
        if not e:
            return None
        paras, body = self.paras, self.body
        best: tuple[int, int, int] | None = None  # (rank, x, kind)
        for kind, table in ((1, self.exact), (2, self.pairs)):
            xs = table.get(key) if key else None
            if xs:
                i = bisect_right(xs, cur - 1)
                x = xs[i] if i < len(xs) else xs[0]
                rank = x if x >= cur else x + len(body)
                if best is None or rank < best[0]:
                    best = (rank, x, kind)
        if best is not None:
            _, x, kind = best
            p, q = paras[body[x]], paras[body[x + kind - 1]]
            return _Hit(title, body[x], body[x + kind - 1], p.start, q.end)
        if len(e) >= 4:
            for x in range(cur, min(len(body), cur + self.WINDOW)):
                p = paras[body[x]]
                if p.norm.startswith(e):
                    a, b = _norm_span(p, 0, len(e))
                    return _Hit(title, body[x], body[x], a, b)
                if p.norm.endswith(e):
                    a, b = _norm_span(p, len(p.norm) - len(e), len(p.norm))
                    return _Hit(title, body[x], body[x], a, b)
        return None


# ---------------------------------------------------------------------------------------------
# the structure finders: each returns (topics, articles) as sorted [(offset, name)]


Marks = list[tuple[int, str]]


def _from_entries(entries: list[tuple[int, str]], paras: list[_Para], body: list[int],
                  c: _Cues, breaks: list[int]) -> tuple[Marks, Marks]:
    """Sections and articles from headings listed by an outline or a table of contents."""
    levels = sorted({lv for lv, _ in entries})
    if len(levels) >= 2:
        top = [t for lv, t in entries if lv == levels[0]]
        if len(top) == 1 and len(levels) >= 2:  # a single top entry: the document's own title
            entries = [(lv, t) for lv, t in entries if lv != levels[0]]
            levels = levels[1:]
    index = {b: x for x, b in enumerate(body)}
    finder = _Finder(paras, body, c)
    hits: list[_Hit | None] = []
    cur = 0
    for _, t in entries:
        h = finder.find(t, cur)
        hits.append(h)
        if h is not None:
            cur = index[h.last] + 1
    following: list[_Hit | None] = [None] * len(hits)  # the next located entry after each
    for k in range(len(hits) - 2, -1, -1):
        following[k] = hits[k + 1] if hits[k + 1] is not None else following[k + 1]
    topics: Marks = []
    articles: Marks = []
    for k, ((lv, t), h) in enumerate(zip(entries, hits, strict=True)):
        nxt = following[k]
        if len(levels) >= 2:
            is_section = lv == levels[0]
            if lv not in levels[:2]:
                continue
        elif h is not None:
            is_section = nxt is not None and index[nxt.first] == index[h.last] + 1 \
                and hits[k + 1] is nxt
        else:
            is_section = len(_nows(t)) <= c.max_section_len
        name = t.strip()
        if h is None:
            if is_section and nxt is not None:
                topics.append((nxt.start, name))
                articles.append((nxt.start, ""))
            continue
        breaks.extend((h.start, h.end))
        if is_section:
            topics.append((h.start, name))
            articles.append((h.start, ""))
        else:
            articles.append((h.start, name))
    topics.sort(key=lambda m: m[0])
    articles.sort(key=lambda m: m[0])
    return topics, articles


def _stamp(p: _Para, c: _Cues) -> bool:
    """A line that is only a date and time."""
    return len(p.norm) <= c.max_len and c.stamp.match(p.norm) is not None


def _meta(p: _Para, c: _Cues) -> bool:
    """A byline, a bare date/time line, a date field or an original-title line, as stand between
    a title and its source line."""
    return bool(c.byline.match(p.text) or _stamp(p, c) or c.date_field.match(p.norm)
                or c.original_title.match(p.text))


def _anchor(p: _Para, c: _Cues) -> bool:
    """A line that marks an article of a file of several: a source line or an original title."""
    return bool(_source_match(p.text, c) or c.original_title.match(p.text))


def _from_sources(paras: list[_Para], body: list[int], c: _Cues) -> tuple[Marks, Marks]:
    """Sections and articles of a newsletter without a table of contents.

    Source lines either close their article (then a title opens the document and follows each
    source line) or stand under its title (then the title is the heading right above the source
    line, bylines and dates skipped). An original-title line (`原标题：…`) stands under its
    article's headline, or opens the article in its place. In all, a short section name may come
    before the title.
    """
    src = [x for x, b in enumerate(body) if _anchor(paras[b], c)]
    original = {x for x in src if c.original_title.match(paras[body[x]].text)}

    def above(x: int) -> int:
        """Start of the run of headings right above anchor line ``x`` (``x`` when none)."""
        y = x - 1
        while y >= 0 and _meta(paras[body[y]], c):
            y -= 1
        last = y
        while y >= 0 and last - y < 3 and _heading_like(paras[body[y]], c):
            y -= 1
        return y + 1 if y < last else x

    tops = [above(x) for x in src]
    if sum(1 for t, x in zip(tops, src, strict=True) if t < x) > 0.5 * len(src):
        starts = {t for t, x in zip(tops, src, strict=True) if t < x or x in original}
    else:
        starts = {0} | {x + 1 for x in src if x not in original} \
            | {t for t, x in zip(tops, src, strict=True) if x in original}
    topics: Marks = []
    articles: Marks = []
    for x in sorted(starts):
        run = []
        while x < len(body) and _heading_like(paras[body[x]], c):
            run.append(paras[body[x]])
            x += 1
        if not run:
            orig = c.original_title.match(paras[body[x]].text) if x < len(body) else None
            if orig is not None:  # the original title stands in place of a headline
                articles.append((paras[body[x]].start, orig.group("v").strip()))
            continue
        if len(run) >= 2 and len(run[0].norm) <= c.max_section_len:
            topics.append((run[0].start, run[0].text))
            articles.append((run[0].start, ""))
            run = run[1:]
        title = run[0].text
        if len(run) >= 2 and len(run[1].norm) <= c.max_section_len and len(run[0].norm) >= 2 * c.max_section_len \
                and run[1].text[0].isalnum():
            title += run[1].text  # a long title the layout wrapped over two lines (not a subtitle)
        articles.append((run[0].start, title))
    return topics, articles


def _column_and_title(paras: list[_Para], body: list[int], c: _Cues) -> tuple[_Para, _Para] | None:
    """A document opening with a short column name and then a longer title (a one-article
    newsletter page): the two paragraphs, else None."""
    if len(body) < 3:
        return None
    first, second = paras[body[0]], paras[body[1]]
    if not (_heading_like(first, c) and _heading_like(second, c)) or _stamp(second, c):
        return None
    if len(first.norm) > c.max_section_len or len(second.norm) < c.min_title_len \
            or not second.text[0].isalnum():
        return None
    return first, second


def _numbered(paras: list[_Para], body: list[int], c: _Cues) -> Marks:
    """Top-level numbered headings of a report: [(offset, heading text without its number)]."""
    found: list[tuple[int, int, str]] = []  # (rank, offset, text)
    last: dict[str, int] = {}
    for b in body:
        p = paras[b]
        for rank, (name, pat) in enumerate(c.headings):
            m = pat.match(p.text)
            if not m:
                continue
            n = _cn_number(m.group("n"), c)
            rest = p.text[m.end():].strip()
            if n is None or not rest:
                break
            head = rest
            end = c.sentence_end.search(rest)
            if name in c.standalone:  # must read as a heading on its own
                if end or rest[-1] in c.not_heading_end or c.inner_stops.search(rest):
                    break
            else:  # a run-in heading: its first sentence, or what comes before a colon
                stop = c.run_in_end.search(rest)
                if stop and stop.end() < len(rest):
                    head = rest[: stop.start()]
            head = head.rstrip(c.not_heading_end).strip()
            if not head or len(_nows(head)) > c.max_len:
                break
            if n != 1 and n != last.get(name, 0) + 1:
                break
            last[name] = n
            found.append((rank, p.start, head))
            break
    counts: dict[int, int] = {}
    for r, _, _ in found:
        counts[r] = counts.get(r, 0) + 1
    levels = [r for r, n in counts.items() if n >= c.min_level]
    if not levels:
        return []
    top = min(levels)
    return [(off, t) for r, off, t in found if r == top]


# ---------------------------------------------------------------------------------------------


def _unbracketed(name: str, c: _Cues) -> str:
    """``name`` without a pair of brackets around the whole of it."""
    name = name.strip()
    if len(name) > 2:
        k = c.opening.find(name[0])
        if k >= 0 and name[-1] == c.closing_brackets[k] and c.closing_brackets[k] not in name[1:-1]:
            return name[1:-1].strip()
    return name


def _source_match(text: str, c: _Cues) -> regex.Match | None:
    """A source line: one that opens with a source field, or a short line of fields
    (`2024-05-06 10:20 来源：新华网 作者：张三`) that holds one."""
    m = c.source.match(text) or c.source_bare.match(text)
    if m is None and len(text) <= c.max_len + 20:
        m = c.source_field.search(text)
    return m


def _source_of(p: _Para, c: _Cues, breaks: list[int] | None = None) -> str:
    """The outlet a source line credits ('' for any other paragraph); a heading glued to the
    line's end (a forced break) is no part of it."""
    text = p.text
    if breaks:
        k = bisect_right(breaks, p.start)
        if k < len(breaks) and breaks[k] < p.end:
            text = text[: breaks[k] - p.start]
    m = _source_match(text, c)
    if not m:
        return ""
    return _outlet(m.group("v"), c)


def _outlet(v: str, c: _Cues) -> str:
    """The outlet's name in what follows a source prefix: up to the next field, without the
    title marks around it (`《经济日报》2024年3月1日` → 经济日报)."""
    v = v.strip()
    for pair in c.title_marks:
        if v.startswith(pair[0]) and pair[1] in v:
            return v[1:v.index(pair[1])].strip()
    cut = c.source_cut.search(v)
    if cut:
        v = v[: cut.start()]
    return v.strip().strip(c.not_heading_end).strip()


def _split(text: str, paras: list[_Para], breaks: list[int], c: _Cues) -> list[tuple[int, int]]:
    """Sentence spans: a paragraph cut after each sentence end and at each forced break."""
    cuts = [m.end() for m in c.sentence_end.finditer(text)]
    if breaks:
        cuts = sorted(set(cuts).union(breaks))
    spans: list[tuple[int, int]] = []
    add = spans.append
    j, m = 0, len(cuts)
    for p in paras:
        a, end = p.start, p.end
        while j < m and cuts[j] <= a:
            j += 1
        while j < m and cuts[j] < end:
            e = cuts[j]
            j += 1
            if e > a:
                add((a, e))
                a = e
                while a < end and text[a].isspace():
                    a += 1
        if a < end:
            add((a, end))
    return spans


def _skipped(paras: list[_Para], c: _Cues) -> tuple[set[int], tuple[int, int] | None]:
    """Paragraphs that state no figures — the table of contents, contact blocks, lines that
    only link elsewhere — and the table of contents' range."""
    skip: set[int] = set()
    toc = _find_toc(paras, c)
    if toc:
        skip.update(range(toc[0], toc[1] + 1))
    for k, p in enumerate(paras):
        if c.contact.match(p.text) or (len(p.norm) <= c.max_len and c.contact_head.search(p.norm)) \
                or c.link.match(p.text):
            skip.add(k)
    return skip, toc


def _spans(paras: list[_Para], skip: set[int]) -> list[tuple[int, int]]:
    """Skipped paragraphs as text spans, neighbours merged."""
    out: list[tuple[int, int]] = []
    for k in sorted(skip):
        if out and k - 1 in skip and out[-1][1] == paras[k - 1].end:
            out[-1] = (out[-1][0], paras[k].end)
        else:
            out.append((paras[k].start, paras[k].end))
    return out


def _listed(outline: list[tuple[int, str]] | None, toc: tuple[int, int] | None, paras: list[_Para],
            body: list[int], c: _Cues) -> list[tuple[int, str]]:
    """Headings listed by the format's outline or the document's own table of contents (the fuller)."""
    entries = [(lv, t) for lv, t in outline or () if t and t.strip()]
    if len(entries) < 2:
        entries = []
    if toc:
        known = {paras[b].key for b in body if len(paras[b].norm) <= c.max_len + 10}
        listed = [(1, paras[k].text if paras[k].key in known else c.toc_suffix.sub("", paras[k].text).strip())
                  for k in range(toc[0], toc[1] + 1) if paras[k].norm not in c.toc_heads]
        if len(listed) > len(entries):
            entries = listed
    return entries


def _article_sources(articles: Marks, sources: Marks) -> dict[int, str]:
    """Each article's source: the first source line within its span (article index → outlet)."""
    art_pos = [a for a, _ in articles]
    out: dict[int, str] = {}
    for pos, s in sources:
        k = max(0, bisect_right(art_pos, pos) - 1)
        out.setdefault(k, s)
    return out


def segment(text: str, *, title: str = "", name: str = "",
            outline: list[tuple[int, str]] | None = None) -> Structure:
    """Split repaired ``text`` into sentences labelled with topic, article and source.

    ``title`` is the title the format states (PDF metadata, an HTML page's title): the article's
    title when the text's head states none. ``name`` (a file name) only dates a document whose
    text and title state no date; it is never a title.
    """
    c = _cues()
    paras = _paragraphs(text)
    if not paras:
        return Structure(title=title)

    skip_paras, toc = _skipped(paras, c)
    skip = _spans(paras, skip_paras)
    body = [k for k in range(len(paras)) if k not in skip_paras]

    credited = [b for b in body if _source_match(paras[b].text, c)]
    sources = [(paras[b].start, s) for b in credited if (s := _source_of(paras[b], c))]
    anchors = sum(1 for b in body if _anchor(paras[b], c))

    entries = _listed(outline, toc, paras, body, c)
    numbered_share = sum(1 for _, t in entries if any(p.match(t.strip()) for _, p in c.headings)) \
        / max(1, len(entries))

    head = _document_head(paras, body, c)
    own_title = head.title or title or head.original

    breaks: list[int] = []
    mode = ""
    topics: Marks = []
    articles: Marks = []
    if entries and numbered_share < 0.5:
        topics, articles = _from_entries(entries, paras, body, c, breaks)
        mode = "entries" if topics or any(a for _, a in articles) else ""
        if mode and not topics and not sources and len({lv for lv, _ in entries}) == 1:
            # one level of headings, none a section, no outlet credited: the headings of one
            # piece (a report whose numbering the format keeps out of the text)
            topics = [(pos, name) for pos, name in articles if name]
            articles = [(0, own_title)]
            mode = ""
    if not mode and anchors >= 2:
        topics, articles = _from_sources(paras, body, c)
        mode = "sources" if topics or articles else ""
    if not mode and not topics:
        topics = _numbered(paras, body, c)
        articles = [(0, own_title)]
        if not topics:  # one article under a column name: `国企动态` / its title / its text
            column = _column_and_title(paras, body, c)
            if column:
                own_title = column[1].text
                topics, articles = [(column[0].start, column[0].text)], [(0, own_title)]

    date = head.date or _date_in(title, c) or _date_in(name, c)

    if breaks:  # a heading glued to a source line ends the outlet's name
        breaks.sort()
        sources = [(paras[b].start, s) for b in credited if (s := _source_of(paras[b], c, breaks))]
    art_src = _article_sources(articles, sources)

    # a section name stands without the brackets that set it off (【政策速递】 → 政策速递)
    topics = [(pos, _unbracketed(name, c)) for pos, name in topics]

    # label the sentences in one walk: topics and articles are sorted by offset
    sentences = []
    t = k = -1
    topic = article = source = ""
    nt, na = len(topics), len(articles)
    for a, b in _split(text, paras, breaks, c):
        while t + 1 < nt and topics[t + 1][0] <= a:
            t += 1
            topic = topics[t][1]
        if k + 1 < na and articles[k + 1][0] <= a:
            while k + 1 < na and articles[k + 1][0] <= a:
                k += 1
            article, source = articles[k][1], art_src.get(k, "")
        sentences.append(Sentence(a, b, topic, article, source))
    return Structure(title=title if mode else own_title, date=date,
                     sentences=sentences, skip=skip)

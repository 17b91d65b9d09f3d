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
pattern is read from ``extract/data/layout.toml`` (:mod:`extract.paragraphs`); heading numbers and
dates are read by the numeral grammar (:mod:`extract.numerals`).

Each strategy is a named function: :func:`_by_entries` (1; the table of contents is found by
:mod:`extract.toc`), :func:`_from_sources` (2), :func:`_by_numbers` (3); :func:`_strategy` takes the
first that gives structure.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

import regex

from .lexicon import Lexicon
from .paragraphs import (
    Cues,
    Para,
    cues_of,
    heading_key,
    mentioning,
    norm_span,
    nows,
    paragraphs,
    source_match,
)
from .toc import find_toc


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
# paragraphs


def _heading_like(p: Para, c: Cues) -> bool:
    """A short paragraph that does not read as running text: a title, a section name."""
    if not p.norm or len(p.norm) > c.max_len:
        return False
    if p.norm.rstrip(c.closing)[-1:] in c.not_heading_end or p.norm[-1] in c.not_heading_end:
        return False
    return not (source_match(p.text, c) or c.byline.match(p.text) or c.contact.match(p.text)
                or c.stamp.match(p.norm) or c.date_field.match(p.norm) or c.original_title.match(p.text)
                or c.link.match(p.text))



# ---------------------------------------------------------------------------------------------
# numbers in headings, dates


def _date_in(s: str, c: Cues) -> str:
    """The first date stated in ``s`` as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` ('' if none); a
    year that names a plan's horizon (`2035年远景目标`) dates nothing."""
    s = c.num.fold(s)
    for pat in c.dates:
        m = next((m for m in pat.finditer(s) if _dates(m, s, c)), None)
        if m:
            return _iso_date(m, c)
    return ""


def _dates(m: regex.Match, s: str, c: Cues) -> bool:
    """Whether a match of a date pattern dates the text: its year is a calendar year
    (:meth:`extract.numerals.Numerals.calendar_year`) and no plan's horizon follows it."""
    return c.num.calendar_year(m.group("y")) is not None and not s.startswith(c.horizons, m.end())


def _iso_date(m: regex.Match, c: Cues) -> str:
    """A date pattern's match as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (its month and day read by
    :meth:`extract.numerals.Numerals.integer`; the day only with the month)."""
    g = m.groupdict()
    out = str(c.num.calendar_year(g["y"]))
    for part in ("m", "d"):
        n = c.num.integer(g[part]) if g.get(part) else None
        if not n:
            break
        out += f"-{n:02d}"
    return out


# ---------------------------------------------------------------------------------------------
# the document's head: its own title and date


@dataclass(frozen=True)
class _Head:
    title: str = ""  # the title its head states ('' if none)
    original: str = ""  # a title given by an `原标题：` line
    date: str = ""


def _starts_with_date(s: str, c: Cues) -> bool:
    """Whether ``s`` opens with a date (after brackets and dashes)."""
    s = c.num.fold(s.lstrip(c.opening + "—-－ \u3000"))
    return any(pat.match(s) for pat in c.dates)


def _glued_dateline(p: Para, c: Cues) -> tuple[str, str] | None:
    """A title glued to its dateline (`政府工作报告——2023年3月5日在…会议上`): (title, dateline)."""
    m = c.dateline.match(p.text)
    if m is None or not _starts_with_date(m.group("rest"), c):
        return None
    t = m.group("t").strip()
    return (t, m.group("rest")) if t and len(nows(t)) <= c.max_len else None


def _dateline(p: Para, c: Cues) -> bool:
    """A line of the head that dates the document: a stamp, a date field (`发布时间：…`), or a
    bracketed or dashed line opening with a date (`（2023年3月5日在…上）`, `——2024年3月5日…`)."""
    if _stamp(p, c) or c.date_field.match(p.norm):
        return True
    return p.norm[:1] in c.opening + "—-－" and _starts_with_date(p.norm, c)


def _wrapped_title(first: Para, second: Para, c: Cues) -> bool:
    """Whether ``second`` continues a title the layout wrapped after ``first``."""
    if not _heading_like(second, c) or _starts_with_date(second.norm, c) \
            or len(first.norm) + len(second.norm) > 2 * c.max_len:
        return False
    if first.norm.endswith(c.open_ends):
        return True
    return second.norm.endswith(c.kinds) and not first.norm.endswith(c.kinds)


def _document_head(paras: list[Para], body: list[int], c: Cues) -> _Head:
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

    def __init__(self, paras: list[Para], body: list[int], c: Cues):
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
        e, key = nows(title), heading_key(title)
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
                    a, b = norm_span(p, 0, len(e))
                    return _Hit(title, body[x], body[x], a, b)
                if p.norm.endswith(e):
                    a, b = norm_span(p, len(p.norm) - len(e), len(p.norm))
                    return _Hit(title, body[x], body[x], a, b)
        return None


# ---------------------------------------------------------------------------------------------
# the structure finders: each returns (topics, articles) as sorted [(offset, name)]


Marks = list[tuple[int, str]]


def _without_own_title(entries: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], list[int]]:
    """The entries and their levels, less a single top entry over two levels or more (it is the
    document's own title)."""
    levels = sorted({lv for lv, _ in entries})
    if len(levels) >= 2 and sum(1 for lv, _ in entries if lv == levels[0]) == 1:
        return [(lv, t) for lv, t in entries if lv != levels[0]], levels[1:]
    return entries, levels


def _locate(entries: list[tuple[int, str]], finder: _Finder, index: dict[int, int]) -> list[_Hit | None]:
    """Where each entry stands in the body, searched in order from after the one before."""
    hits: list[_Hit | None] = []
    cur = 0
    for _, t in entries:
        h = finder.find(t, cur)
        hits.append(h)
        if h is not None:
            cur = index[h.last] + 1
    return hits


def _next_located(hits: list[_Hit | None]) -> list[_Hit | None]:
    """For each entry, the next entry after it that was located."""
    following: list[_Hit | None] = [None] * len(hits)
    for k in range(len(hits) - 2, -1, -1):
        following[k] = hits[k + 1] if hits[k + 1] is not None else following[k + 1]
    return following


def _is_section(k: int, entries: list[tuple[int, str]], levels: list[int], hits: list[_Hit | None],
                following: list[_Hit | None], index: dict[int, int], c: Cues) -> bool | None:
    """Whether entry ``k`` names a section (else an article; None: neither, a lower level). With two
    levels the upper names sections; with one, an entry the next located entry directly follows is
    a section name, and an entry not located is one when it is short."""
    lv, t = entries[k]
    h, nxt = hits[k], following[k]
    if len(levels) >= 2:
        return lv == levels[0] if lv in levels[:2] else None
    if h is not None:
        return nxt is not None and index[nxt.first] == index[h.last] + 1 and hits[k + 1] is nxt
    return len(nows(t)) <= c.max_section_len


def _from_entries(entries: list[tuple[int, str]], paras: list[Para], body: list[int],
                  c: Cues, breaks: list[int]) -> tuple[Marks, Marks]:
    """Sections and articles from headings listed by an outline or a table of contents; each
    located heading is a forced break (added to ``breaks``)."""
    entries, levels = _without_own_title(entries)
    index = {b: x for x, b in enumerate(body)}
    hits = _locate(entries, _Finder(paras, body, c), index)
    following = _next_located(hits)
    topics: Marks = []
    articles: Marks = []
    for k, (_lv, t) in enumerate(entries):
        is_section = _is_section(k, entries, levels, hits, following, index, c)
        h = hits[k] if hits[k] is not None else (following[k] if is_section else None)
        if is_section is None or h is None:
            continue
        if hits[k] is not None:
            breaks.extend((h.start, h.end))
        if is_section:
            topics.append((h.start, t.strip()))
            articles.append((h.start, ""))
        else:
            articles.append((h.start, t.strip()))
    topics.sort(key=lambda m: m[0])
    articles.sort(key=lambda m: m[0])
    return topics, articles


def _stamp(p: Para, c: Cues) -> bool:
    """A line that is only a date and time."""
    return len(p.norm) <= c.max_len and c.stamp.match(p.norm) is not None


def _meta(p: Para, c: Cues) -> bool:
    """A byline, a bare date/time line, a date field or an original-title line, as stand between
    a title and its source line."""
    return bool(c.byline.match(p.text) or _stamp(p, c) or c.date_field.match(p.norm)
                or c.original_title.match(p.text))


def _anchor_lines(text: str, paras: list[Para], body: list[int], c: Cues) -> tuple[list[int], list[int]]:
    """The source lines (paragraph indices) and the anchor lines (body positions) of the body: the lines
    that mark an article of a file of several, a source line or an original title. Looked for only in
    the paragraphs that hold a source or original-title word."""
    maybe = mentioning(text, paras, c.anchor_words)
    credited = [b for b in body if b in maybe and source_match(paras[b].text, c)]
    sourced = set(credited)  # a source line is an anchor; of the others, an original-title line is
    anchors = [x for x, b in enumerate(body)
               if b in sourced or (b in maybe and c.original_title.match(paras[b].text))]
    return credited, anchors


def _headings_above(paras: list[Para], body: list[int], c: Cues, x: int) -> int:
    """Start of the run of (at most three) headings right above anchor line ``x``, bylines and
    dates skipped (``x`` when there is none)."""
    y = x - 1
    while y >= 0 and _meta(paras[body[y]], c):
        y -= 1
    last = y
    while y >= 0 and last - y < 3 and _heading_like(paras[body[y]], c):
        y -= 1
    return y + 1 if y < last else x


def _article_starts(paras: list[Para], body: list[int], c: Cues, src: list[int]) -> set[int]:
    """Body positions where an article of a file of several starts.

    When most anchor lines ``src`` (body positions of source lines, original titles) have headings
    right above them, they stand under their title: an article starts at those headings. Otherwise source lines close
    their article: one starts at the top and after each source line (and an original-title line
    still stands under its headline).
    """
    original = {x for x in src if c.original_title.match(paras[body[x]].text)}
    tops = [_headings_above(paras, body, c, x) for x in src]
    if sum(1 for t, x in zip(tops, src, strict=True) if t < x) > 0.5 * len(src):
        return {t for t, x in zip(tops, src, strict=True) if t < x or x in original}
    return {0} | {x + 1 for x in src if x not in original} \
        | {t for t, x in zip(tops, src, strict=True) if x in original}


def _heading_run(paras: list[Para], body: list[int], c: Cues, x: int) -> list[Para]:
    """The heading-like paragraphs from body position ``x`` on."""
    run = []
    while x < len(body) and _heading_like(paras[body[x]], c):
        run.append(paras[body[x]])
        x += 1
    return run


def _wrapped_over_two(run: list[Para], c: Cues) -> bool:
    """A long title the layout wrapped over two lines (not a title and its subtitle): a short
    second line, opening with a letter or digit, after a long first one."""
    return len(run) >= 2 and len(run[1].norm) <= c.max_section_len \
        and len(run[0].norm) >= 2 * c.max_section_len and run[1].text[0].isalnum()


def _from_sources(paras: list[Para], body: list[int], c: Cues, anchors: list[int]) -> tuple[Marks, Marks]:
    """Sections and articles of a newsletter without a table of contents.

    Articles start where :func:`_article_starts` says. An original-title line (`原标题：…`) with no
    headline above it gives the article's title. A short section name may come before the title.
    """
    topics: Marks = []
    articles: Marks = []
    for x in sorted(_article_starts(paras, body, c, anchors)):
        run = _heading_run(paras, body, c, x)
        if not run:
            orig = c.original_title.match(paras[body[x]].text) if x < len(body) else None
            if orig is not None:  # the original title stands in place of a headline
                articles.append((paras[body[x]].start, orig.group("v").strip()))
            continue
        if len(run) >= 2 and len(run[0].norm) <= c.max_section_len:
            topics.append((run[0].start, run[0].text))
            articles.append((run[0].start, ""))
            run = run[1:]
        title = run[0].text + (run[1].text if _wrapped_over_two(run, c) else "")
        articles.append((run[0].start, title))
    return topics, articles


def _column_and_title(paras: list[Para], body: list[int], c: Cues) -> tuple[Para, Para] | None:
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


def _heading_text(rest: str, style: str, c: Cues) -> str | None:
    """The heading a numbered paragraph states after its number, or None when it reads as a list
    item: a standalone style must be a heading on its own; a run-in heading ends at its first
    sentence end or colon."""
    head = rest
    if style in c.standalone:
        if c.sentence_end.search(rest) or rest[-1] in c.not_heading_end or c.inner_stops.search(rest):
            return None
    else:
        stop = c.run_in_end.search(rest)
        if stop and stop.end() < len(rest):
            head = rest[: stop.start()]
    head = head.rstrip(c.not_heading_end).strip()
    return head if head and len(nows(head)) <= c.max_len else None


def _numbered_heading(p: Para, c: Cues) -> tuple[int, str, int, str] | None:
    """``(level, style, number, heading)`` of a paragraph that opens with a heading number (the
    first style of :func:`extract.paragraphs.numbered_headings` that matches), else None."""
    for rank, (style, pat) in enumerate(c.headings):
        m = pat.match(p.text)
        if not m:
            continue
        n = c.num.integer(m.group("n"))
        rest = p.text[m.end():].strip()
        head = _heading_text(rest, style, c) if n is not None and rest else None
        return None if head is None or n is None else (rank, style, n, head)
    return None


def _top_level(found: list[tuple[int, int, str]], c: Cues) -> Marks:
    """Of ``(level, offset, heading)``, the headings of the highest level with at least
    ``min_level_headings`` of them."""
    counts = Counter(r for r, _, _ in found)
    levels = [r for r, n in counts.items() if n >= c.min_level]
    if not levels:
        return []
    top = min(levels)
    return [(off, t) for r, off, t in found if r == top]


def _numbered(paras: list[Para], body: list[int], c: Cues) -> Marks:
    """Top-level numbered headings of a report: [(offset, heading text without its number)]. A
    heading's number is 1 or follows the last of its style."""
    found: list[tuple[int, int, str]] = []  # (level, offset, text)
    last: dict[str, int] = {}
    for b in body:
        h = _numbered_heading(paras[b], c)
        if h is None:
            continue
        rank, style, n, head = h
        if n != 1 and n != last.get(style, 0) + 1:
            continue
        last[style] = n
        found.append((rank, paras[b].start, head))
    return _top_level(found, c)


# ---------------------------------------------------------------------------------------------


def _unbracketed(name: str, c: Cues) -> str:
    """``name`` without a pair of brackets around the whole of it."""
    name = name.strip()
    if len(name) > 2:
        k = c.opening.find(name[0])
        if k >= 0 and name[-1] == c.closing_brackets[k] and c.closing_brackets[k] not in name[1:-1]:
            return name[1:-1].strip()
    return name


def _source_of(p: Para, c: Cues, breaks: list[int] | None = None) -> str:
    """The outlet a source line credits ('' for any other paragraph); a heading glued to the
    line's end (a forced break) is no part of it."""
    text = p.text
    if breaks:
        k = bisect_right(breaks, p.start)
        if k < len(breaks) and breaks[k] < p.end:
            text = text[: breaks[k] - p.start]
    m = source_match(text, c)
    if not m:
        return ""
    return _outlet(m.group("v"), c)


def _outlet(v: str, c: Cues) -> str:
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


def _split(text: str, paras: list[Para], breaks: list[int], c: Cues) -> list[tuple[int, int]]:
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


def _skipped(text: str, paras: list[Para], c: Cues) -> tuple[set[int], tuple[int, int] | None]:
    """Paragraphs of ``text`` that state no figures — the table of contents, contact blocks, lines
    that only link elsewhere (looked for only where a contact word or a link stands) — and the
    table of contents' range."""
    skip: set[int] = set()
    toc = find_toc(paras, c)
    if toc:
        skip.update(range(toc[0], toc[1] + 1))
    maybe = mentioning(text, paras, c.skip_words)
    for k, p in enumerate(paras):
        if (k in maybe and (c.contact.match(p.text) or c.link.match(p.text))) \
                or (len(p.norm) <= c.max_len and c.contact_head.search(p.norm)):
            skip.add(k)
    return skip, toc


def _spans(paras: list[Para], skip: set[int]) -> list[tuple[int, int]]:
    """Skipped paragraphs as text spans, neighbours merged."""
    out: list[tuple[int, int]] = []
    for k in sorted(skip):
        if out and k - 1 in skip and out[-1][1] == paras[k - 1].end:
            out[-1] = (out[-1][0], paras[k].end)
        else:
            out.append((paras[k].start, paras[k].end))
    return out


def _listed(outline: list[tuple[int, str]] | None, toc: tuple[int, int] | None, paras: list[Para],
            body: list[int], c: Cues) -> list[tuple[int, str]]:
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


@dataclass
class _Doc:
    """What the structure strategies read of one document."""

    paras: list[Para]
    body: list[int]  # paragraphs that may state figures
    c: Cues
    entries: list[tuple[int, str]]  # headings listed by the format's outline or the table of contents
    sources: Marks  # the outlets credited, where
    own_title: str


def _by_entries(d: _Doc, breaks: list[int]) -> tuple[str, Marks, Marks]:
    """Strategy 1, listed headings: ``(mode, topics, articles)``, mode ``"entries"`` when they
    give structure. One level of headings naming no section, where no outlet is credited, is the
    headings of one piece (a report whose numbering the format keeps out of the text): its topics."""
    topics, articles = _from_entries(d.entries, d.paras, d.body, d.c, breaks)
    if not topics and not any(a for _, a in articles):
        return "", topics, articles
    if not topics and not d.sources and len({lv for lv, _ in d.entries}) == 1:
        return "", [(pos, name) for pos, name in articles if name], [(0, d.own_title)]
    return "entries", topics, articles


def _by_numbers(d: _Doc) -> tuple[Marks, Marks, str]:
    """Strategy 3, numbered headings: ``(topics, articles, own title)``; without them, one article
    under a column name (`国企动态` / its title / its text)."""
    topics = _numbered(d.paras, d.body, d.c)
    if topics:
        return topics, [(0, d.own_title)], d.own_title
    column = _column_and_title(d.paras, d.body, d.c)
    if column:
        return [(column[0].start, column[0].text)], [(0, column[1].text)], column[1].text
    return [], [(0, d.own_title)], d.own_title


def _numbered_share(entries: list[tuple[int, str]], c: Cues) -> float:
    """The share of listed headings that carry a heading number."""
    numbered = sum(1 for _, t in entries if any(p.match(t.strip()) for _, p in c.headings))
    return numbered / max(1, len(entries))


def _strategy(d: _Doc, anchors: list[int], breaks: list[int]) -> tuple[str, Marks, Marks, str]:
    """``(mode, topics, articles, own title)`` from the first strategy that gives structure:
    listed headings (unless most are numbered), source lines (two anchors or more), numbered headings."""
    mode, topics, articles = "", [], []
    if d.entries and _numbered_share(d.entries, d.c) < 0.5:
        mode, topics, articles = _by_entries(d, breaks)
    if not mode and len(anchors) >= 2:
        topics, articles = _from_sources(d.paras, d.body, d.c, anchors)
        mode = "sources" if topics or articles else ""
    if not mode and not topics:
        return ("", *_by_numbers(d))
    return mode, topics, articles, d.own_title


def _credits(paras: list[Para], credited: list[int], c: Cues, breaks: list[int] | None = None) -> Marks:
    """The outlets the source lines ``credited`` name, where they stand."""
    return [(paras[b].start, s) for b in credited if (s := _source_of(paras[b], c, breaks))]


def _labelled(spans: list[tuple[int, int]], topics: Marks, articles: Marks,
              art_src: dict[int, str]) -> list[Sentence]:
    """The sentence spans with the topic and article they stand under (both sorted by offset)."""
    sentences = []
    t = k = -1
    topic = article = source = ""
    nt, na = len(topics), len(articles)
    for a, b in spans:
        while t + 1 < nt and topics[t + 1][0] <= a:
            t += 1
            topic = topics[t][1]
        if k + 1 < na and articles[k + 1][0] <= a:
            while k + 1 < na and articles[k + 1][0] <= a:
                k += 1
            article, source = articles[k][1], art_src.get(k, "")
        sentences.append(Sentence(a, b, topic, article, source))
    return sentences


def segment(text: str, *, title: str = "", name: str = "", outline: list[tuple[int, str]] | None = None,
            lexicon: Lexicon | None = None) -> Structure:
    """Split repaired ``text`` into sentences labelled with topic, article and source.

    ``title`` is the title the format states (PDF metadata, an HTML page's title): the article's
    title when the text's head states none. ``name`` (a file name) only dates a document whose
    text and title state no date; it is never a title. The cue words are ``lexicon``'s (the package's
    own by default).
    """
    c = (lexicon or Lexicon.default()).stage(cues_of)
    paras = paragraphs(text)
    if not paras:
        return Structure(title=title)
    skip_paras, toc = _skipped(text, paras, c)
    body = [k for k in range(len(paras)) if k not in skip_paras]
    credited, anchors = _anchor_lines(text, paras, body, c)
    head = _document_head(paras, body, c)
    d = _Doc(paras, body, c, _listed(outline, toc, paras, body, c), _credits(paras, credited, c),
             head.title or title or head.original)
    breaks: list[int] = []
    mode, topics, articles, own_title = _strategy(d, anchors, breaks)
    breaks.sort()
    # a heading glued to a source line ends the outlet's name
    sources = _credits(paras, credited, c, breaks) if breaks else d.sources
    # a section name stands without the brackets that set it off (【政策速递】 → 政策速递)
    topics = [(pos, _unbracketed(name, c)) for pos, name in topics]
    sentences = _labelled(_split(text, paras, breaks, c), topics, articles, _article_sources(articles, sources))
    return Structure(title=title if mode else own_title,
                     date=head.date or _date_in(title, c) or _date_in(name, c),
                     sentences=sentences, skip=_spans(paras, skip_paras))

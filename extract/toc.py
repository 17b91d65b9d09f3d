"""A document's own table of contents: a run of short lines that repeat headings of its body.

:func:`find_toc` finds it among the paragraphs of repaired text (:mod:`extract.paragraphs`). Each
rule is a named function: which line may be an entry (:func:`toc_line`), where an entry reads
elsewhere in the document (:class:`_Index`), how far a run of entries goes (:func:`_best_end`),
whether it stands where a table of contents stands (:func:`_placed`) and whether the headings it
lists stand apart in the body (:func:`_together`). The cue words are the ``[toc]`` table of
``data/layout.toml``.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby

from .paragraphs import Cues, Para, heading_key, nows, source_match

#: a run this long is judged at its full length only (trying each end would be quadratic)
_LONG_RUN = 200
#: at most this many repeated lines may stand together in the body (more are a repeated table)
_MAX_TOGETHER = 3
#: a table of contents repeats at least this many headings of the body…
_MIN_HITS = 3
#: …making up at least this share of its lines
_MIN_HIT_SHARE = 0.5


def toc_entry(p: Para, c: Cues) -> str:
    """A table-of-contents line without its leader dots and page number (white space removed)."""
    return nows(c.toc_suffix.sub("", p.text)) if p.norm[-1:].isdigit() else p.norm


def toc_line(p: Para, c: Cues, limit: int) -> str | None:
    """The entry a paragraph would be as a table-of-contents line, or None: a short line that
    ends no sentence and is no source, contact or byline line."""
    if len(p.norm) > limit + 6:
        return None
    e = toc_entry(p, c)
    if not e or len(e) > limit or e.rstrip(c.closing)[-1:] in c.ends:
        return None
    if source_match(p.text, c) or c.contact.match(p.text) or c.byline.match(p.text):
        return None
    return e


class _Index:
    """Where each short paragraph (and each two adjacent ones, a wrapped title) reads in the document."""

    def __init__(self, paras: list[Para], c: Cues):
        n = len(paras)
        self.limit = limit = c.max_len + 10
        self.entry: list[str | None] = [toc_line(p, c, limit) for p in paras]
        self.keys = [p.key if len(p.norm) <= limit else "" for p in paras]
        self.bare = [self._bare(p, k, c) if self.entry[k] else "" for k, p in enumerate(paras)]
        self.where: dict[str, tuple[int, int]] = {}  # first and last paragraph reading so
        for k in range(n):
            if self.keys[k]:
                pair = self.keys[k] + self.keys[k + 1] if k + 1 < n and self.keys[k + 1] else ""
                self._add(self.keys[k], k)
                self._add(pair, k)

    def _bare(self, p: Para, k: int, c: Cues) -> str:
        """Entry ``k`` as a heading is matched, without its page number."""
        return heading_key(c.toc_suffix.sub("", p.text)) if p.norm[-1].isdigit() else self.keys[k]

    def _add(self, key: str, k: int) -> None:
        if key and len(key) <= self.limit:
            first = self.where.get(key)
            self.where[key] = (first[0], k) if first else (k, k)

    def outside(self, k: int, lo: int, hi: int) -> int | None:
        """Where entry ``k`` (as written, or without a trailing page number) reads as a paragraph
        outside ``[lo, hi]``, if anywhere."""
        for e in (self.keys[k], self.bare[k]) if self.entry[k] else ():
            span = self.where.get(e)
            if span is not None and (span[0] < lo or span[1] > hi):
                return span[0] if span[0] < lo else span[1]
        return None

    def hits(self, k: int, m: int) -> list[int]:
        """The entries of ``[k, m]`` that read elsewhere."""
        return [x for x in range(k, m + 1) if self.outside(x, k, m) is not None]


def _runs(entry: list[str | None]) -> Iterator[tuple[int, int]]:
    """The runs ``[k, j]`` of consecutive possible entries."""
    k, n = 0, len(entry)
    while k < n:
        if entry[k] is None:
            k += 1
            continue
        j = k
        while j + 1 < n and entry[j + 1] is not None:
            j += 1
        yield k, j
        k = j + 1


def _best_end(ix: _Index, k: int, j: int) -> tuple[list[int], int]:
    """A run may go on into the body's first headings (a table of contents at the top): the end
    that leaves the most entries repeated outside the run, and those entries."""
    hits: list[int] = []
    end = j
    for m in range(j, k + 1, -1) if j - k < _LONG_RUN else (j,):
        h = ix.hits(k, m)
        if len(h) > len(hits):
            hits, end = h, m
    return hits, end


def _placed(paras: list[Para], c: Cues, lo: int, hi: int) -> bool:
    """A table of contents stands at the top or the end, or under its own heading."""
    n = len(paras)
    return lo <= c.toc_edge * n or hi >= (1 - c.toc_edge) * n - 1 \
        or any(paras[x].norm in c.toc_heads for x in range(max(0, lo - 2), lo + 1))


def _together(ix: _Index, hits: list[int], k: int, end: int) -> int:
    """How many of the lines the entries repeat stand together in the body, at most (a section
    and a column name may directly head a title; many in a row are a repeated table)."""
    at = sorted(x for h in hits if (x := ix.outside(h, k, end)) is not None)
    return max((sum(1 for _ in g) for _, g in groupby(range(len(at)), key=lambda i: at[i] - i)), default=0)


def _candidate(ix: _Index, paras: list[Para], c: Cues, k: int, j: int) -> tuple[int, int] | None:
    """The table of contents the run ``[k, j]`` holds, as a paragraph range, or None."""
    hits, end = _best_end(ix, k, j)
    if len(hits) < _MIN_HITS or len(hits) < _MIN_HIT_SHARE * (end - hits[0] + 1):
        return None
    lo, hi = hits[0], end  # entries after the last repeated one are listed too
    while lo > k and len(paras[lo - 1].norm) <= c.max_section_len:
        lo -= 1  # a section name before the first hit that the body does not repeat
    if not _placed(paras, c, lo, hi) or _together(ix, hits, k, end) > _MAX_TOGETHER:
        return None
    return lo, hi


def find_toc(paras: list[Para], c: Cues) -> tuple[int, int] | None:
    """Paragraph range ``[i, j]`` of a table of contents (the longest candidate, with its heading
    line), or None."""
    ix = _Index(paras, c)
    best: tuple[int, int] | None = None
    for k, j in _runs(ix.entry):
        found = _candidate(ix, paras, c, k, j)
        if found and (best is None or found[1] - found[0] > best[1] - best[0]):
            best = found
    if best and best[0] > 0 and paras[best[0] - 1].norm in c.toc_heads:
        best = (best[0] - 1, best[1])
    return best

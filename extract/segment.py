"""Segmentation of repaired text into sentences, each with its topic, article and source.

(First version: sentences only; the documents issue adds sections, articles and sources.)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex


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


_SENT = regex.compile(r"[^\n]+?(?:[。！？!?]+[”’」』\"']*|(?=\n)|$)")


def segment(text: str, *, title: str = "", outline: list[tuple[int, str]] | None = None) -> Structure:
    """Split repaired ``text`` into sentences."""
    sents = [Sentence(m.start(), m.end(), article=title) for m in _SENT.finditer(text) if m.group().strip()]
    return Structure(title=title, sentences=sents)

"""The stages of the extraction pipeline, listed in one place: :data:`STAGES`.

A document's running text goes through the stages in order; each reads what the ones before it
left on a :class:`Document` and adds its own part, and names the language data it reads:

1. ``layout`` — :func:`extract.layout.repair`: page layout undone, one paragraph per line, offsets
   kept (``data/layout.toml``);
2. ``segment`` — :func:`extract.segment.segment`: sentences, each with its topic, article and source;
   the document's title and date; the spans that state no figures (``data/layout.toml``);
3. ``years`` — :class:`extract.years.YearReader`: the year of issue, the year reported on, and the year each
   sentence is about (``data/meaning.toml``);
4. ``figures`` — :meth:`extract.figures.Figures.find_quantities`: every figure of the text, grouped by the
   sentence it stands in, none from a skipped span (``data/numbers.toml``, ``data/units.toml``);
5. ``meaning`` — :meth:`extract.meaning.Annotator.annotate`: each figure's period, role, metric and subject
   (``data/meaning.toml``).

Every stage reads the language data of the document's :class:`~extract.lexicon.Lexicon` (the
package's own unless :func:`run` is given another) and builds what it compiles from it once per
lexicon (:meth:`~extract.lexicon.Lexicon.stage`).

:func:`run` walks the stages. :func:`extract.table.figures_of_text` walks all but the last, then
takes the groups one at a time through :func:`annotate` (the ``meaning`` stage for one sentence) and
turns them into the table's rows (offsets mapped back to the source, the tables' own rows added).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from . import layout, segment, years
from .figures import Figures
from .lexicon import Lexicon
from .meaning import Annotator, Meaning
from .record import Quantity
from .roles import Roles
from .years import YearReader


@dataclass
class Group:
    """The figures of one sentence (``index`` -1: a figure outside every sentence, on its own line)."""

    index: int
    base: int  # offset of the sentence in the repaired text
    text: str
    topic: str = ""
    article: str = ""
    source: str = ""
    quantities: list[Quantity] = field(default_factory=list)
    notes: list[Meaning] = field(default_factory=list)


@dataclass
class Document:
    """One document as the stages fill it in."""

    text: str
    lexicon: Lexicon  # the language data every stage reads
    title: str = ""
    name: str = ""  # the file's stem: it only dates a document that states no date
    outline: list[tuple[int, str]] | None = None
    repaired: layout.Repaired = field(default_factory=lambda: layout.Repaired(""))
    structure: segment.Structure = field(default_factory=lambda: segment.Structure(""))
    years: years.Years = field(default_factory=years.Years)
    about: list[int | None] = field(default_factory=list)  # the year each sentence is about
    groups: list[Group] = field(default_factory=list)  # in order of their first figure


@dataclass(frozen=True)
class Stage:
    """One stage: its name, what it does to a :class:`Document`, and the data files it reads."""

    name: str
    run: Callable[[Document], None]
    data: tuple[str, ...]


def _layout(d: Document) -> None:
    d.repaired = layout.repair(d.text, d.lexicon)


def _segment(d: Document) -> None:
    d.structure = segment.segment(d.repaired.text, title=d.title, name=d.name, outline=d.outline,
                                  lexicon=d.lexicon)


def _years(d: Document) -> None:
    s, clean, y = d.structure, d.repaired.text, d.lexicon.stage(YearReader)
    d.years = y.document_years(s.title, s.date, list(dict.fromkeys(x.topic for x in s.sentences)))
    d.about = y.sentence_years([(clean[x.start:x.end], x.topic, x.article) for x in s.sentences], d.years)


def _group(d: Document, i: int, q: Quantity) -> Group:
    """The group of sentence ``i`` (a new one for its first figure)."""
    clean = d.repaired.text
    if i >= 0:
        s = d.structure.sentences[i]
        return Group(i, s.start, clean[s.start:s.end], s.topic, s.article, s.source)
    base = clean.rfind("\n", 0, q.start) + 1
    end = clean.find("\n", q.end)
    return Group(-1, base, clean[base:end if end >= 0 else len(clean)])


def _figures(d: Document) -> None:
    sents = d.structure.sentences
    starts = [s.start for s in sents]
    skip = sorted(d.structure.skip)
    skip_starts = [a for a, _ in skip]
    by_sentence: dict[int, Group] = {}
    for q in d.lexicon.stage(Figures).find_quantities(d.repaired.text):
        k = bisect_right(skip_starts, q.start) - 1
        if k >= 0 and skip[k][0] <= q.start < skip[k][1]:
            continue
        i = bisect_right(starts, q.start) - 1
        if i < 0 or q.start >= sents[i].end:
            i = -1
        if i not in by_sentence:
            by_sentence[i] = _group(d, i, q)
        by_sentence[i].quantities.append(q)
    d.groups = list(by_sentence.values())


def annotate(d: Document, g: Group) -> list[Meaning]:
    """The meaning of each figure of the group ``g`` (the ``meaning`` stage for one sentence: the table
    takes the groups one at a time, so a sentence's figures are freed once its rows are made)."""
    issued = d.years.issued
    spans = [(q.start - g.base, q.end - g.base, q.unit) for q in g.quantities]
    context_year = d.about[g.index] if g.index >= 0 else d.years.reported
    lex = d.lexicon
    plan = lex.stage(Roles).plans_the_year(g.topic, lex.stage(YearReader).named_year(g.topic), issued)
    return lex.stage(Annotator).annotate(g.text, spans, doc_year=issued, context_year=context_year, plan=plan)


def _meaning(d: Document) -> None:
    for g in d.groups:
        g.notes = annotate(d, g)


#: the stages, in order
STAGES: tuple[Stage, ...] = (
    Stage("layout", _layout, ("layout",)),
    Stage("segment", _segment, ("layout",)),
    Stage("years", _years, ("meaning",)),
    Stage("figures", _figures, ("numbers", "units")),
    Stage("meaning", _meaning, ("meaning",)),
)


def run(text: str, *, title: str = "", name: str = "", outline: list[tuple[int, str]] | None = None,
        stages: tuple[Stage, ...] = STAGES, lexicon: Lexicon | None = None) -> Document:
    """``text`` through ``stages`` (all of them by default), each stage built from ``lexicon`` (the
    package's own language data by default)."""
    d = Document(text, lexicon or Lexicon.default(), title, name, outline)
    for stage in stages:
        stage.run(d)
    return d

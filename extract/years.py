"""Which year a document, and each of its sentences, is about.

A document has a date of issue and a year it reports on, and they differ: the 2024 statistical
communiqué is issued on 2025-02-28 and reports on 2024; a work report issued in March 2024 reviews
2023 and plans 2024. Relative words resolve against the year of **issue** (``今年`` → that year,
``去年``/``过去一年`` → the year before, ``过去五年`` counts back from it); a part of a year stated
without its year (``全年``, ``年末``, ``一季度``, ``12月份``) takes the year the text around it is
**about**:

1. the year a sentence opens with (``2022年是…``, ``过去一年，…``, ``去年…``) — the topic of the
   discourse — carries to the following sentences of its section until another one;
2. else the year the section's heading names (``一、2023年工作回顾``);
3. else the year the article's title names (``2023年1—8月份全国规模以上工业企业利润…``);
4. else the year the document reports on (:attr:`Years.reported`).

:func:`document_years` finds a document's two years from its head; :func:`sentence_years` walks
its sentences and gives each the year it is about.

A :class:`YearReader` is built from one :class:`~extract.lexicon.Lexicon`; the module's own names
(``document_years`` …) are those of the package's data.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from .figures import Figures
from .lexicon import Lexicon, alternation, default_names
from .periods import Periods


@dataclass(frozen=True, slots=True)
class Years:
    """A document's year of issue (``issued``) and the year it reports on (``reported``)."""

    issued: int | None = None
    reported: int | None = None


class YearReader:
    """The years of one lexicon's documents: the year of issue, the year reported on, and the year each
    sentence is about."""

    def __init__(self, lex: Lexicon) -> None:
        self._figures = lex.stage(Figures)
        self._periods = lex.stage(Periods)
        self.named_year = lru_cache(maxsize=1024)(self._named_year)
        self._D = lex["meaning"]["period"]
        self._LEAD = regex.compile(rf"[{regex.escape(self._D['clause_openers'])}]\s*$")
        self._REVIEW = regex.compile(alternation(self._D["review_headings"]))
        self._PLAN = regex.compile(alternation(lex["meaning"]["role"]["plan_headings"]))

    def _named_year(self, text: str) -> int | None:
        """The one year ``text`` (a title or a heading) names, if it names exactly one.

        A span (``2021—2025年``) or two different years name no single year.
        """
        if not text:
            return None
        exprs = self._periods.find_periods(text)
        years = {e.period[:4] for e in exprs if e.period}
        spans = any(e.period[:4] != e.period[-7:][:4] for e in exprs if "/" in e.period)
        return int(years.pop()) if len(years) == 1 and not spans else None

    def document_years(self, title: str, date: str, headings: list[str]) -> Years:
        """The year of issue and the year reported on, from the head of a document.

        The year of issue is the year of its date (``2025-02-28`` → 2025); without a date, the year its
        title names, else the year its headings tell (:func:`heading_issue_year`).
        The year reported on is the year the title names when that is not after the year of issue
        (``2024年…统计公报`` issued 2025 → 2024), else the year of issue.
        """
        dated = int(date[:4]) if date[:4].isdigit() else None
        in_title = self.named_year(title)
        issued = dated or in_title or self.heading_issue_year(headings)
        reported = in_title if in_title is not None and (issued is None or in_title <= issued) else issued
        return Years(issued, reported)

    def heading_issue_year(self, headings: list[str]) -> int | None:
        """The year a report was issued in, told by its headings: the year after a reviewed year
        (``2021年工作回顾`` → 2022), the year a plan heading names (``2022年政府工作任务`` → 2022); the latest."""
        found = []
        for h in headings:
            y = self.named_year(h)
            if y is not None and self._REVIEW.search(h):
                found.append(y + 1)
            elif y is not None and self._PLAN.search(h):
                found.append(y)
        return max(found, default=None)

    def opening_year(self, sentence: str, doc_year: int | None) -> int | None:
        """The year ``sentence`` opens with, as the topic of what follows (``2022年是…``, ``过去一年，…``).

        That is its first time expression when it names a single year (not a span, not a month), starts
        the sentence or a clause after a lead-in (``…指出，2022年是…``), and no figure stands before it.
        """
        if not self._periods.may_name_a_year(sentence):
            return None
        for e in self._periods.iter_periods(sentence, doc_year):
            if e.year is None or e.horizon or not self._periods.names_a_year(sentence[e.start:e.end]):
                return None
            head = sentence[:e.start]
            if head.strip() and (not self._LEAD.search(head) or self._figures.find_quantities(head)):
                return None
            return e.year
        return None

    def sentence_years(self, sentences: list[tuple[str, str, str]], years: Years) -> list[int | None]:
        """For each ``(text, topic, article)`` in document order, the year its text is about.

        See the module docstring for the order of precedence; the year a sentence opens with holds from
        the next sentence on, within the same topic and article.
        """
        out: list[int | None] = []
        said: int | None = None
        where: tuple[str, str] | None = None
        base = years.reported
        for text, topic, article in sentences:
            if (topic, article) != where:
                where, said = (topic, article), None
                base = self.named_year(topic) or self.named_year(article) or years.reported
            out.append(said if said is not None else base)
            opened = self.opening_year(text, years.issued)
            if opened is not None:
                said = opened
        return out


def default() -> YearReader:
    """The stage built from the package's own language data."""
    return Lexicon.default().stage(YearReader)


#: the module's public names are those of :func:`default`
__getattr__ = default_names(__name__, default)

"""Whether a figure is a result (``actual``), a goal (``target``) or an estimate (``forecast``).

A cue word (目标, 力争, 要, 预计, 有望, 将…) governs the figures after it up to the next ``；`` or the
end of the sentence; a cue followed by a colon before that ``；`` introduces a list and governs every
item. The nearest governing cue decides. A future horizon (``到2025年，…``, ``“十四五”时期``) makes a
figure a goal when no cue governs it; a cue of a result (已完成, 截至目前…) ends a goal's or an
estimate's scope. Words that contain a cue but are not one (需要, 主要, 将军…)
and the disposal 将 (``将指标分为三类``) are data, in the ``[role]`` table of
``extract/data/meaning.toml``.

A :class:`Roles` is built from one :class:`~extract.lexicon.Lexicon`; the module's own names
(``assign_roles`` …) are those of the package's data.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

import regex

from .lexicon import Lexicon, alternation, default_names
from .periods import TimeExpr

ACTUAL, TARGET, FORECAST = "actual", "target", "forecast"


def _trie(words) -> str:
    """A regex matching any of ``words``, longest first, as a prefix tree (faster than a flat alternation)."""
    root: dict = {}
    for w in words:
        node = root
        for c in w:
            node = node.setdefault(c, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [regex.escape(c) + build(sub) for c, sub in sorted(node.items()) if c]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


_TITLE = regex.compile(r"《[^《》]*》")


def _first_year(e: TimeExpr) -> int:
    """The first year a period covers (``2020/2030`` → 2020)."""
    return int(e.period[:4]) if e.period[:4].isdigit() else e.year or 0


class Roles:
    """The role cues of one lexicon (``meaning.toml [role]``): whether each figure is a target, a
    forecast or a reported value."""

    def __init__(self, lex: Lexicon) -> None:
        self._D = lex["meaning"]["role"]
        self._KIND = ({w: FORECAST for w in self._D["forecast"]} | {w: TARGET for w in self._D["target"]}
                      | {w: ACTUAL for w in self._D["actual"]})
        self._KIND |= {w: "" for w in self._D["not_cues"]}
        self._CUES = re.compile(_trie(self._KIND))  # a plain prefix tree: the standard library's engine runs it faster
        self._DISPOSAL = regex.compile(
            rf"[^，。；：！？,;:!?]{{1,{self._D['disposal_window']}}}?(?:{alternation(self._D['disposal_verbs'])})"
        )
        self._HORIZON = re.compile(rf"(?:{alternation(self._D['horizon_prefixes'])})[ \t\u3000]*$")
        self._NOT_HORIZON = regex.compile(rf"(?:{alternation(self._D['not_horizon_prefixes'])})[ \t\u3000]*$")
        self._HORIZON_REACH = max(map(len, self._D["horizon_prefixes"] + self._D["not_horizon_prefixes"])) + 6
        self._SCOPE_END_RE = regex.compile(f"[{regex.escape(self._D['scope_end'])}]")
        self._COLON_RE = regex.compile(f"[{regex.escape(self._D['list_colon'])}]")
        self._DISPOSAL_WORD = self._D["disposal_word"]
        self._NOUN_CUES = frozenset(self._D["noun_cues"])
        ends = regex.escape(self._D["list_colon"] + self._D["scope_end"])
        heads = alternation(self._D["noun_cue_name_heads"])
        self._NAME_HEAD = regex.compile(rf"[\s{ends}，,。、！？!?）)”]|$|(?:{heads})")
        self._AFTER_QUOTE = self._D["noun_cue_after_quote"]
        self._CHANGE_FROM = regex.compile(rf"(?:{alternation(self._D['change_from'])})[ \t\u3000]*$")
        self._CHANGE_FROM_WORD = re.compile(alternation(self._D["change_from"]))
        self._CHANGE_TO = regex.compile(rf"[ \t\u3000]*(?:{alternation(self._D['change_to'])})")
        self._PLAN_HEADING = re.compile(alternation(self._D["plan_headings"]))

    def _names_a_plan(self, sentence: str, start: int, end: int) -> bool:
        """``营养改善计划，…``, ``“十四五”规划重大工程``, ``计划补助``: the noun cue at ``[start, end)`` closes a
        name, it sets no goal."""
        if sentence[start:end] not in self._NOUN_CUES:
            return False
        quoted = start > 0 and sentence[start - 1] in self._AFTER_QUOTE
        return quoted or self._NAME_HEAD.match(sentence, end) is not None

    def change_starts(self, sentence: str, spans: list[tuple[int, int]]) -> list[bool]:
        """For each ``(start, end)`` of a figure, whether it is the start of a change (``从75%提高到100%``):
        that value is what is, so its role is ``actual`` whatever the cue."""
        if self._CHANGE_FROM_WORD.search(sentence) is None:
            return [False] * len(spans)
        return [self._CHANGE_FROM.search(sentence, max(0, a - 3), a) is not None
                and self._CHANGE_TO.match(sentence, b) is not None
                for a, b in spans]

    def plans_the_year(self, heading: str, heading_year: int | None, issued: int | None) -> bool:
        """Whether a section ``heading`` names a plan for the year (``2023年政府工作任务``, ``…总体要求和政策取向``)
        rather than a review: it names a plan word, and no year before the year of issue."""
        if not heading or self._PLAN_HEADING.search(heading) is None:
            return False
        return heading_year is None or issued is None or heading_year >= issued

    def find_cues(self, sentence: str) -> list[tuple[int, int, str]]:
        """The role cues of ``sentence`` as ``(start, end, role)``, in order."""
        titles = [(m.start(), m.end()) for m in _TITLE.finditer(sentence)] if "《" in sentence else []
        title_starts = [a for a, _b in titles]
        out = []
        for m in self._CUES.finditer(sentence):
            role = self._KIND[m.group()]
            if not role:
                continue
            t = bisect_right(title_starts, m.start()) - 1
            if t >= 0 and m.start() < titles[t][1]:
                continue
            if m.group() == self._DISPOSAL_WORD and self._DISPOSAL.match(sentence, m.end()):
                continue
            if self._names_a_plan(sentence, m.start(), m.end()):
                continue
            out.append((m.start(), m.end(), role))
        return out

    def horizons(self, sentence: str, periods: list[TimeExpr], doc_year: int | None) -> list[tuple[int, int, str]]:
        """Future horizons among ``periods`` (``到2025年``, ``“十四五”时期``, a year after ``doc_year``) as weak
        target cues."""
        out = []
        for e in periods:
            if e.year is None:
                continue
            if e.horizon:
                if doc_year is None or doc_year <= e.year:
                    out.append((e.start, e.end, TARGET))
            elif doc_year is not None and _first_year(e) > doc_year:
                out.append((e.start, e.end, TARGET))
            elif doc_year is None or e.year >= doc_year:
                a = max(0, e.start - self._HORIZON_REACH)
                if self._HORIZON.search(sentence, a, e.start) and not self._NOT_HORIZON.search(sentence, a, e.start):
                    out.append((e.start, e.end, TARGET))
        return out

    def assign_roles(self, sentence: str, starts: list[int], cues: list[tuple[int, int, str]],
                     weak: list[tuple[int, int, str]] = (), default: list[str] | None = None) -> list[str]:
        """The role of a figure at each of ``starts``: the nearest governing cue, else a horizon, else
        ``default`` (one per figure; ``actual`` when not given).

        A cue governs up to the next ``；``, or to the sentence end when a colon comes first (a list).
        """
        if not cues and not weak:
            return list(default) if default else [ACTUAL] * len(starts)
        ends = [m.start() for m in self._SCOPE_END_RE.finditer(sentence)]
        colons = [m.start() for m in self._COLON_RE.finditer(sentence)]

        def index(group: list[tuple[int, int, str]]) -> tuple[list[int], list[int]]:
            """Cue ends, and for each cue the index of the last list cue (colon before its ；) up to it."""
            cue_ends = [b for _a, b, _r in group]
            last_list, best = [], -1
            for k, b in enumerate(cue_ends):
                j = bisect_left(ends, b)
                c = bisect_left(colons, b)
                if c < len(colons) and (j == len(ends) or colons[c] < ends[j]):
                    best = k
                last_list.append(best)
            return cue_ends, last_list

        indexed = [(group, *index(group)) for group in (cues, list(weak))]
        out = []
        for j, pos in enumerate(starts):
            role = default[j] if default else ACTUAL
            q = bisect_left(ends, pos) - 1  # the last ； before the figure
            for group, cue_ends, last_list in indexed:
                k = bisect_right(cue_ends, pos) - 1
                if k < 0:
                    continue
                if q < 0 or cue_ends[k] > ends[q]:
                    role = group[k][2]
                    break
                if last_list[k] >= 0:
                    role = group[last_list[k]][2]
                    break
            out.append(role)
        return out

    def role_at(self, sentence: str, pos: int, cues: list[tuple[int, int, str]],
                weak: list[tuple[int, int, str]] = ()) -> str:
        """The role of one figure starting at ``pos`` (see :func:`assign_roles`)."""
        return self.assign_roles(sentence, [pos], cues, weak)[0]


def default() -> Roles:
    """The stage built from the package's own language data."""
    return Lexicon.default().stage(Roles)


#: the module's public names are those of :func:`default`
__getattr__ = default_names(__name__, default)

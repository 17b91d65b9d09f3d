"""What a figure measures: a short phrase taken from its sentence.

The phrase is the noun the figure is predicated of (``收入占比要达到35%`` → ``收入占比``) or, when the
figure quantifies a noun after it, that noun (``培育10家左右具有国际竞争力的上市公司``). Verbs and
qualifiers around it (达到, 完成, 超, 约, 已, 将…) and time expressions are dropped. A growth or share
after a level figure names whose growth (``投资2万亿元，同比增长18.7%`` → ``投资同比增长``); a figure
with nothing of its own before it (``由147户减至84户``) takes the metric of the figure before it. The
word lists are the ``[metric]`` table of ``extract/data/meaning.toml``.

A :class:`Metrics` is built from one :class:`~extract.lexicon.Lexicon`; the module's own names
(``metrics`` …) are those of the package's data.
"""

from __future__ import annotations

import re
from functools import lru_cache

import regex

from .lexicon import Lexicon, alternation, default_names
from .periods import TimeExpr


def _words(words, exclude=()) -> regex.Pattern:
    """A pattern finding ``words`` that skips over the longer ``exclude`` words containing them."""
    found = rf"(?P<w>{alternation(words)})"
    return regex.compile(rf"(?P<x>{alternation(exclude)})|{found}" if exclude else found)


_SPACES = regex.compile(r"\s+")
_MASK = "\x00"


def _lstrip(pattern: regex.Pattern, s: str) -> str:
    m = pattern.match(s)
    return s[m.end():] if m else s


def _rstrip(pattern: regex.Pattern, s: str) -> str:
    m = pattern.match(s)  # a backward pattern: matched at the end
    return s[:m.start()] if m else s


def _first(pattern: regex.Pattern, s: str, start: int = 0) -> int:
    """Offset of the first word ``pattern`` finds in ``s`` at or after ``start`` (-1 if none)."""
    for m in pattern.finditer(s):
        if m.group("w") is not None and m.start() >= start:
            return m.start()
    return -1


def _figures_out(masked: str, spans: list[tuple[int, int, str]], a: int, b: int) -> str:
    """``masked[a:b]`` without the figures in it: a metric never holds a number."""
    inside = [(max(x, a), min(y, b)) for x, y, _u in spans if x < b and a < y]
    return _masked(masked, inside)[a:b] if inside else masked[a:b]


def _masked(sentence: str, holes: list[tuple[int, int]]) -> str:
    """``sentence`` with the ``holes`` (spans, sorted) replaced by mask characters."""
    parts, at = [], 0
    for a, b in holes:
        a = max(a, at)
        if b > a:
            parts.append(sentence[at:a])
            parts.append(_MASK * (b - a))
            at = b
    parts.append(sentence[at:])
    return "".join(parts)


def shared_heads(nouns: list[str]) -> list[str]:
    """A one-character item of a list shares the head of the list's last noun: ``大、中型企业PMI`` →
    ``大型企业PMI``, ``中型企业PMI``; ``东、中、西部地区`` → ``东部地区``, …"""
    if len(nouns) < 2 or len(nouns[-1]) < 2:
        return nouns
    head = nouns[-1][1:]
    return [n + head if len(n) == 1 else n for n in nouns[:-1]] + nouns[-1:]


class _Run:
    """What :func:`metrics` remembers from the figures before the one it reads."""

    __slots__ = ("base", "levels", "preset", "last", "last_unit", "durations")

    def __init__(self, preset: dict[int, str], durations: frozenset[str]) -> None:
        self.durations = durations  # the units of a duration: a figure in one is not a level
        self.base = ""  # the metric of the last level figure, for a growth or share after it
        self.levels: list[str] = []  # the metrics of all level figures so far
        self.preset = preset  # metrics fixed by a 分别 group before the figure is reached
        self.last, self.last_unit = "", ""  # the metric and unit of the last figure that is not a duration

    def took(self, metric: str, unit: str, relative: bool) -> None:
        """Remember the metric of the figure just read."""
        if not relative and unit not in self.durations:
            self.base = metric
            self.levels.append(metric)
        if metric and unit not in self.durations:
            self.last, self.last_unit = metric, unit


class Metrics:
    """The metric reader of one lexicon (``meaning.toml [metric]``): the phrase each figure measures."""

    def __init__(self, lex: Lexicon) -> None:
        self.clean_before = lru_cache(maxsize=8192)(self._clean_before)
        self._tail = lru_cache(maxsize=8192)(self._read_tail)
        self._D = lex["meaning"]["metric"]
        self._ROLE = lex["meaning"]["role"]
        self._CUE_WORDS = self._ROLE["target"] + self._ROLE["forecast"]  # stripped around a metric like any verb
        self._MARKS = self._D["clause_marks"]
        self._LAST_MARK = regex.compile(rf"(?r)[{regex.escape(self._MARKS)}]")  # searched backwards: the last mark
        self._NEXT_MARK = re.compile(rf"[{regex.escape(self._MARKS)}]")
        self._ENUM = self._D["enum_mark"]
        self._ENUM_MAX = self._D["enum_item_max"]
        self._PUNCT = rf"[\s{regex.escape(self._MARKS + self._D['edge_marks'])}]"
        # Leading patterns are matched at the start; trailing ones, compiled to search backwards, at the end.
        self._LEADING = regex.compile(
            rf"(?:{self._PUNCT}|(?!{alternation(self._D['keep_leading'] + self._ROLE['not_cues'])})"
            rf"(?:{alternation(self._D['leading'] + self._CUE_WORDS)}))+")
        trailing = alternation(self._D["trailing"] + self._CUE_WORDS)
        self._TRAILING = regex.compile(rf"(?r)(?:{self._PUNCT}|(?:{trailing}))+")
        self._RELATIVE = re.compile(rf"(?:{alternation(self._D['relative_starts'])})")
        self._AGGREGATE = regex.compile(
            rf"(?r)(?:{alternation(self._D['aggregate_ends'])}|{alternation(self._D['growth_ends'])})")
        self._FROM = _words(self._D["from_markers"], self._D["not_from"])
        self._LOCATIVE = self._D["locative"]
        self._LOC_MAX = self._D["locative_subject_max"]
        self._PARTICLE = self._D["particle"]
        self._PREDICATE = regex.compile(rf"\s*(?:{alternation(self._D['predicate_starts'])}|$)")
        self._COPULA = regex.compile(rf"\s*(?:{alternation(self._D['copulas'])})")
        self._AFTER_LEADING = regex.compile(rf"(?:\s|(?:{alternation(self._D['after_leading'])}))+")
        self._BREAK = _words(self._D["after_breakers"] + self._ROLE["target"] + self._ROLE["forecast"],
                             self._D["not_breakers"] + self._ROLE["not_cues"])
        self._DURATION = frozenset(self._D["duration_units"])
        self._BARE_PREDICATES = frozenset(self._D["bare_predicates"])
        self._PERSON = frozenset(self._D["person_units"])
        # the nouns a figure's unit can be read from (6600多万纳税人, 上亿市场主体): the metric names them
        people = lex["numbers"]["people"]
        self._COUNTED_NOUNS = tuple(sorted({*people["nouns"], *people["phrase_nouns"]}, key=len, reverse=True))
        self._COUNTED_ENDS = frozenset(w[-1] for w in self._COUNTED_NOUNS)
        self._VERB = re.compile(rf"(?:{alternation(self._D['verbs'])})")
        self._TAIL_MAX = self._D["tail_max"]
        self._TAIL_ENDS = tuple(self._D["tail_ends"])
        self._DIVISION = regex.compile(
            rf"(?:{alternation(self._D['division_markers'])})(?P<x>[^{regex.escape(self._MARKS)}]{{1,24}}?)(?:{alternation(self._D['division_verbs'])})")
        self._AFTER_TRAILING = regex.compile(rf"(?r)(?:\s|(?:{alternation(self._D['after_trailing'])}))+")
        self._DEMONSTRATIVE = regex.compile(rf"(?r)(?:{alternation(self._D['demonstratives'])})+")
        self._PAREN = regex.compile(rf"（[^（）]*）|\([^()]*\)|{self._D['footnote_mark']}")
        self._RESPECTIVELY = re.compile(alternation(self._D["respectively"]))
        self._JOINERS = regex.compile(rf"\s*(?:{alternation(self._D['group_joiners'])})\s*")
        self._QUOTES = [(p[0], p[1]) for p in self._D["quote_pairs"]]
        self._PIVOT = _words(self._D["pivot_verbs"] + self._CUE_WORDS, self._ROLE["not_cues"])

    def _tidy(self, s: str) -> str:
        s = self._PAREN.sub("", s.replace(_MASK, ""))
        for a, b in self._QUOTES:
            if (a in s or b in s) and s.count(a) != s.count(b):
                s = s.replace(a, "").replace(b, "")
        return _SPACES.sub(" ", s).strip()

    def _strip(self, s: str) -> str:
        while True:
            t = _rstrip(self._TRAILING, _lstrip(self._LEADING, s))
            if t == s:
                return s
            s = t

    def _after_pivot(self, s: str) -> str:
        """``s`` after its first pivot verb or cue word past its start (``公司力争营业收入`` → 营业收入)."""
        for m in self._PIVOT.finditer(s):
            if m.group("w") is not None and m.start() > 0:
                return s[m.end():] if len(s) - m.end() >= 2 else s
        return s

    def _clean_before(self, raw: str) -> str:
        """The metric phrase in ``raw``, the text of a clause before a figure (``clean_before``, cached)."""
        s = self._strip(self._tidy(raw))
        k = s.find(self._LOCATIVE)
        if 0 < k <= self._LOC_MAX and self._PARTICLE not in s[:k]:
            s = s[k + 1:]
        if self._ENUM in s:
            items = s.split(self._ENUM)
            for k in range(len(items) - 2, -1, -1):
                if len(items[k].strip()) > self._ENUM_MAX:
                    s = self._ENUM.join(items[k + 1:])
                    break
        s = self._after_pivot(s)
        s = self._strip(s)
        k = _first(self._FROM, s, 1)
        if k > 0:
            s = s[:k]
        return self._strip(s)

    def _read_tail(self, raw: str) -> str:
        """The noun right before a figure that modifies the noun after it (``银河系中``, ``其他``)."""
        s = self._tidy(raw)
        ends = [m.end() for m in self._VERB.finditer(s)]
        if ends:
            s = s[ends[-1]:]
        s = self._after_pivot(s)
        s = _lstrip(self._LEADING, _rstrip(self._DEMONSTRATIVE, _rstrip(self._TRAILING, s))).strip()
        return s if len(s) <= self._TAIL_MAX else ""

    def _after(self, sentence: str, start: int, stop: int, *, breakers: bool = True) -> str:
        s = _lstrip(self._AFTER_LEADING, self._tidy(sentence[start:stop]))
        if breakers:
            k = _first(self._BREAK, s)
            if k >= 0:
                s = s[:k]
        return _rstrip(self._AFTER_TRAILING, s).strip()

    def _group(self, sentence: str, spans: list[tuple[int, int, str]], i: int) -> int:
        """How many figures from ``i`` on are joined by 和/、 alone (``23.5%和30.1%`` → 2)."""
        g = 1
        while i + g < len(spans) and self._JOINERS.fullmatch(sentence, spans[i + g - 1][1], spans[i + g][0]):
            g += 1
        return g

    def _noun_after(self, sentence: str, masked: str, left: int, span: tuple[int, int, str], stop: int) -> str:
        """The metric named after a figure: the predicate after a copula (``60%以上为制造业项目``) or the noun
        the figure counts (``15个国家级先进制造业集群``, or inside it: ``上亿市场主体``); empty when the figure
        ends its clause or is the predicate of what comes before it."""
        s, e, unit = span
        if sentence[e - 1:e] in self._COUNTED_ENDS:  # 全国6600多万纳税人受益: what the figure counts is inside it
            noun = next((w for w in self._COUNTED_NOUNS if sentence.endswith(w, s, e)), None)
            if noun is not None:
                return self.clean_before(masked[left:s]) + noun
        cop = self._COPULA.match(sentence, e, stop)
        if cop and cop.end() < stop:
            return self._after(sentence, cop.end(), stop, breakers=False)
        if self._PREDICATE.match(sentence, e, stop):
            return ""
        after = self._after(sentence, e, stop)
        if unit in self._PERSON and self._PARTICLE in after:
            after = after[:after.index(self._PARTICLE)]
        if not after:
            return ""
        div = self._DIVISION.search(masked, left, s)
        if div:  # 将指标分为…三个维度 → 指标维度
            return self._strip(self._tidy(div.group("x"))) + after
        tail = self._tail(masked[left:s])
        if unit not in self._DURATION and not tail.endswith(self._TAIL_ENDS):
            tail = ""
        return tail + after

    def distributed(self, masked: str, spans: list[tuple[int, int, str]]) -> dict[int, str]:
        """Metrics of the figures of a ``分别`` list, by figure index: ``出口、进口分别增长6.1%、2.4%`` →
        ``出口增长``, ``进口增长`` — each noun of the list before ``分别`` with the verb after it, when the
        nouns and the figures are as many."""
        out: dict[int, str] = {}
        for m in self._RESPECTIVELY.finditer(masked):
            i = next((k for k, (a, _b, _u) in enumerate(spans) if a >= m.end()), None)
            if i is None or (i and spans[i - 1][1] > m.start()):
                continue
            g = self._group(masked, spans, i)
            lm = self._LAST_MARK.search(masked, spans[i - 1][1] if i else 0, m.start())
            head = masked[lm.end() if lm else (spans[i - 1][1] if i else 0):m.start()]
            nouns = shared_heads([n for n in (self._strip(self._tidy(x)) for x in self._JOINERS.split(head)) if n])
            if g < 2 or len(nouns) != g:
                continue
            verb = self._strip(self._tidy(masked[m.end():spans[i][0]]))
            for k in range(g):
                out[i + k] = nouns[k] + verb
        return out

    def _clause(self, sentence: str, masked: str, spans: list[tuple[int, int, str]], i: int) -> tuple[int, int]:
        """Where the clause of figure ``i`` starts (after the last mark since the figure before it, looking
        through a duration: 连续10年稳定在700亿斤以上) and where its text after the figure stops."""
        s, e, _u = spans[i]
        prev_end = spans[i - 1][1] if i else 0
        if i and spans[i - 1][2] in self._DURATION:
            prev_end = spans[i - 2][1] if i > 1 else 0
        next_start = spans[i + 1][0] if i + 1 < len(spans) else len(sentence)
        m = self._NEXT_MARK.search(sentence, e, next_start)
        lm = self._LAST_MARK.search(masked, prev_end, s)
        return (lm.start() + 1 if lm else prev_end), (m.start() if m else next_start)

    def _listed_before_next(self, sentence: str, spans: list[tuple[int, int, str]], i: int) -> bool:
        """``2200套、12583件明代官窑标本``: figure ``i`` is an item of a list the next figure ends, whose noun
        follows that figure."""
        if i + 1 >= len(spans):
            return False
        rest = sentence[spans[i][1]:spans[i + 1][0]].lstrip()
        return rest.startswith(self._ENUM) and not rest[1:].strip()

    def _respectively(self, run: _Run, i: int, g: int, metric: str) -> str:
        """``游客3.2亿人次，收入4500亿元，分别增长23.5%和30.1%``: the ``g`` figures of a 分别 group from ``i`` on
        take the metrics of the last ``g`` level figures with ``metric`` (the verb after 分别); figure ``i``'s."""
        for j in range(1, g):
            run.preset[i + j] = _rstrip(self._AGGREGATE, run.levels[j - g]) + metric
        return _rstrip(self._AGGREGATE, run.levels[-g]) + metric

    def _metric_before(self, run: _Run, sentence: str, masked: str, spans: list[tuple[int, int, str]], i: int,
                       left: int) -> tuple[str, bool]:
        """The metric named before figure ``i`` in its clause, and whether it is relative to a figure before
        it (a growth of a level, a level after a growth); with nothing in its clause, the clause before."""
        s, _e, unit = spans[i]
        metric = self.clean_before(masked[left:s])
        resp = self._RESPECTIVELY.match(metric)
        if resp:
            metric, g = metric[resp.end():], self._group(sentence, spans, i)
            if len(run.levels) >= g:
                return self._respectively(run, i, g, metric), True
        if metric and run.base and self._RELATIVE.match(metric):
            return _rstrip(self._AGGREGATE, run.base) + metric, True
        if not metric and run.last:  # 增长6.1%，达到8500亿元: a level after a growth is not a growth
            return (run.last if run.last_unit == unit else _rstrip(self._AGGREGATE, run.last)), True
        if not metric and left > 0:  # nothing in its clause: the clause before names it
            pm = self._LAST_MARK.search(masked, 0, left - 1)
            return self.clean_before(_figures_out(masked, spans, pm.start() + 1 if pm else 0, left - 1)), False
        return metric, False

    def metrics(self, sentence: str, spans: list[tuple[int, int, str]], periods: list[TimeExpr] = ()) -> list[str]:
        """One metric phrase per ``(start, end, unit)`` figure span of ``sentence`` (spans in order)."""
        # time expressions and durations are masked out of the phrases before figures
        masked = _masked(sentence, sorted([(e.start, e.end) for e in periods]
                                          + [(a, b) for a, b, u in spans if u in self._DURATION]))
        out: list[str] = []
        coordinated: list[int] = []
        run = _Run(self.distributed(masked, spans), self._DURATION)
        for i, span in enumerate(spans):
            left, stop = self._clause(sentence, masked, spans, i)
            if i not in run.preset and self._listed_before_next(sentence, spans, i):
                coordinated.append(i)  # the noun after the last figure of the list
                out.append("")
                continue
            relative = i in run.preset
            metric = run.preset[i] if relative else self._noun_after(sentence, masked, left, span, stop)
            if not metric:
                metric, relative = self._metric_before(run, sentence, masked, spans, i, left)
            if metric in self._BARE_PREDICATES and run.base:
                metric, relative = (run.base + metric if span[2] in self._DURATION else run.base), True
            run.took(metric, span[2], relative)
            out.append(metric)
        for i in reversed(coordinated):
            out[i] = out[i + 1]
        return out


def default() -> Metrics:
    """The stage built from the package's own language data."""
    return Lexicon.default().stage(Metrics)


#: the module's public names are those of :func:`default`
__getattr__ = default_names(__name__, default)

"""Goals against results: pair every target (and forecast) with the result reported for it.

A government work report sets goals for its year (``今年发展主要预期目标是：国内生产总值增长5%左右…``);
the next year's report states what came of them (``过去一年…国内生产总值…增长5%``). Given an
indicator table over any number of documents, :func:`compare` finds, for each ``target`` row and
each ``forecast`` row, the ``actual`` row for the same metric, subject, period and unit, and says
whether the goal was met. ``compare`` is also ``extract.compare``.

The package's modules: :mod:`.names` (metric names), :mod:`.rows` (rows, keys and periods),
:mod:`.match` (which actual row is a goal's result), :mod:`.status` (met or not),
:mod:`.pair` (the :class:`Pair` record), :mod:`.mapping` (the user's mapping file),
:mod:`.track` (one indicator followed across documents and years).

Public API
==========

``compare(table, *, mapping=None, tolerance=0.05) -> DataFrame``
    One row per target or forecast, columns :data:`PAIR_COLUMNS` then :data:`EXTRA_COLUMNS`.
``find_pairs(table, *, mapping=None, tolerance=0.05) -> list[Pair]``
    The same as typed, immutable :class:`Pair` records (named tuples) (``Pair.to_dict()`` is an output row).
``track(table, *, metric=None, mapping=None) -> DataFrame``
    Each indicator's goals and results by year (:mod:`.track`).
``paired(table, *, mapping=None, tolerance=0.05, metric="") -> Paired``
    The pairs and the rows they were found among, once for both: ``pairs_frame(p.pairs)`` is
    :func:`compare`'s table, ``track_series(p)`` :func:`track`'s series.
``pairable_rows(table, *, mapping=None, metric="") -> list[bool]``
    Which rows can be in a pair at all (every goal; an actual row with a value whose metric matches
    a goal's of its unit and subject). Pairing prepares only those; the others still give the rows
    after them their period cues and sections, so a table whose other rows keep only ``doc``,
    ``start``, ``topic``, ``sentence``, ``mention`` and ``value`` (their role empty) pairs as the
    whole table does.
``row_key(doc, mention, start, sentence) -> str`` / ``row_keys(table) -> Series``
    The stable key of a table row (the UI refers to rows by it when saving corrections).
``load_mapping(mapping) -> UserMapping``
    A mapping file (TOML or CSV), a dict, or ``None``, read into metric synonyms and corrections.
``save_correction(path, *, target_key, actual_key=None, reject=False, note="")``
    Record a user's correction in a TOML mapping file; ``clear_corrections(path, target_key)``
    undoes it; ``save_metric(path, phrase, canonical)`` records a metric synonym.
``normalise_metric(phrase, subject="", *, mapping=None) -> str``
    The canonical metric name :func:`compare` uses for a phrase.
``judge(target, actual, *, bound="exact", target_max=None, ceiling=False, tolerance=0.05) -> str``
    The status rule on its own (``met`` / ``exceeded`` / ``missed``).

The command line is ``zhibiao compare`` and ``zhibiao track`` (:mod:`extract.cli`).

What counts as the same figure
==============================

A target row and an actual row pair when all of these agree:

* **unit** — exactly (money is already in 元; ``%`` never meets ``元``, ``百分点`` never meets ``%``);
* **subject** — after removing white space; the subjects listed in ``compare.toml``
  ``[subjects].default`` (全国, 我国 …) count as no subject, so a national goal with no subject
  pairs with a national result, but a goal of ``中央企业`` never pairs with a figure of ``中国船舶``;
* **period** — equal after inference (below); a target whose period is a span of years
  ``A/B`` (``“十四五”时期``) also pairs with a result for year ``B``; a result for
  ``2024-01/2024-12`` counts as ``2024`` (but a month or part of a year never does); two rows whose
  period stays empty pair only inside one document;
* **metric** — equal after normalisation (below), or, failing that, with a rapidfuzz
  ``fuzz.ratio`` of at least ``[fuzzy].threshold`` between the normalised names — but never a
  change (增长, 涨幅, 下降…) with a level, never a name with the other one plus words in front
  (``船舶战略性新兴产业投资`` is narrower than ``战略性新兴产业投资``), and never two different
  names that are both canonical names (built-in or the user's), never a figure over several
  years (``[span]``: 年均, 连年 …) with a one-year one. A row with no metric pairs with nothing;
* **a later statement** — the result is an ``actual`` row of a document of the same or a later
  year (never an earlier one), or of the goal's own document further on, in another sentence;
* **not a restatement** — an actual row with the goal's own figure (the same value in the goal's
  document, or the same bounded figure ``5%左右`` anywhere) repeats the goal and reports nothing.

Among several actual rows that qualify, the one with the closest metric wins, then an exact
figure over a bounded one (``1206万人`` over ``1270多万人``), then one whose period was stated,
then the first in table order. A result may serve several goals. A goal stated twice (same
metric, subject, period, unit, value and bound — the list of targets, then the paragraph that
explains them) is one goal, paired once, at its first statement.

Metric names
------------

A phrase loses white space and punctuation, a leading subject (the row's own, or a national one),
and the filler words of ``[normalise].filler`` (``比上年``, ``同比``, ``全年``, ``平均为``, ``控制在``,
``降到`` …); each ``[variants]`` word takes its standard form (降幅/下降 → 降低, 增速/增幅 → 增长,
上涨 → 涨幅); it then becomes
the canonical name listed for it under ``[metrics]`` in ``extract/data/compare.toml``, or the
closest listed phrase's canonical name when the fuzzy ratio reaches the threshold (within the
limits above). So ``国内生产总值比上年增长``, ``国内生产总值增长`` and ``GDP增长`` are all
``国内生产总值增长``. A user's mapping (``phrase → canonical``) is consulted first, at every step,
and once more on the result, so it overrides the built-in table: it can join two metrics or split
them apart. A user's canonical name that is a phrase listed in ``compare.toml`` joins that metric
(``"经济发展速度" = "GDP增速"`` pairs with ``国内生产总值增长``).

Periods
-------

A row whose ``period`` is not empty keeps it (``period_source`` = ``stated``). Otherwise the
period is inferred (``inferred``) from the document's year — its ``doc_date``, else a year in its
article title (``2025年政府工作报告``), else a year in its file name — as follows, first match
wins:

1. a ``[period]`` cue in the sentence before the figure: ``previous_year`` words (过去一年, 去年,
   工作回顾 …) give the year before the document's, ``current_year`` words (今年 …) its own year;
   a cue right after a ``comparison_before`` word (``比上年``, ``较去年``) is a comparison, not a cue;
2. a year in the section heading (``topic``): ``2024年工作回顾`` → ``2024``;
3. a cue word in the section heading;
4. the last cue seen earlier in the same document and section (so the sentences that follow
   ``过去一年，…`` inherit it, until a ``current_year`` cue or a new section);
5. the document's own year.

Without any document year the period stays empty (``period_source`` = ``unknown``).
An actual row whose period comes from rule 5 alone does not pair with a target of its own
document: such a figure is how things stood when the document was written — the baseline in
``已由147户减至84户，预计2025年将进一步减至70户左右`` — not the goal's result.

A document that sets goals for its own year ``Y`` (a work report, a plan) cannot report ``Y``'s
outcome, so its actual rows dated ``Y`` — stated or inferred — are read as what they can be:

* a ``current_year`` cue (今年) before the figure, or ``Y`` written in its sentence before it or in
  its section heading: the plan itself (``今年拟安排地方政府专项债券3.8万亿元``), no result at all;
* otherwise (``全年国内生产总值增长3%`` in the review, dated ``Y`` from a relative word, or only by
  the document's year): the year the document reviews, ``Y − 1``.
In a pair, ``period_source`` is ``stated`` when both rows stated their period, else ``inferred``.

Status
======

``gap = actual_value − target_value``, in the target's unit (for a ``%`` target: percentage
points), and ``gap_pct = gap / target_value`` (a fraction: ``0.05`` is 5 %, empty when the target
is 0). The status follows the target's bound; with ``t`` the target value, ``a`` the actual value
and ``tol = tolerance × |t|`` (``tolerance`` defaults to 0.05, i.e. ±5 % of the target):

* ``lower`` target (``超70%``, ``1100万人以上``): ``met`` at or above ``t``, ``missed`` below
  (a floor cannot be exceeded: 1206万人 and 1270万人 both meet ``1100万人以上``);
* ``approx`` target (``5%左右``) and ``exact`` target: ``met`` when ``|a − t| ≤ tol`` (4.75–5.25
  for ``5%左右``), ``exceeded`` above, ``missed`` below;
* a **ceiling** — an ``upper`` target (``不超过3%``, ``5.5%以内``), a metric listed under
  ``[ceiling].metrics`` (居民消费价格涨幅, 城镇调查失业率, 赤字率), a ``[ceiling].words`` word
  (控制在…) or a ``[decrease]`` word (减至, 下降到, 压减…) before the figure in its clause or in its
  metric: ``met`` at or below ``t`` (an ``approx`` ceiling: at or below ``t + tol``), ``missed`` above;
  so ``居民消费价格涨幅3%左右`` is met by 2%;
* a target range (``value_max`` set, ``14%-17%``): ``met`` inside it, ``exceeded`` above,
  ``missed`` below (a ceiling range: ``met`` at or below its top);
* no actual row: ``pending``, and the actual columns are empty.

Forecast rows are compared the same way; their ``role`` column says ``forecast``.

Mapping file and corrections
============================

``mapping`` may be a CSV file with the columns ``phrase,canonical``, a TOML file, or a dict with
the TOML file's structure (a flat dict is read as ``phrase → canonical``). A TOML mapping file::

    [metrics]
    "经济增速" = "国内生产总值增长"        # phrase = canonical name

    [[pairs]]                              # this target pairs with that actual row
    target = "3f9a0c1d2b4e5f60"
    actual = "a1b2c3d4e5f60718"
    note = "…"                             # optional, for people

    [[rejects]]                            # not the same metric: never pair these two
    target = "3f9a0c1d2b4e5f60"
    actual = "0718a1b2c3d4e5f6"

    [[rejects]]                            # no actual row is this target's result: pending
    target = "3f9a0c1d2b4e5f60"

Keys are :func:`row_key` values (the ``target_key`` / ``actual_key`` columns of the output).
A ``pairs`` entry overrides the automatic choice as long as both rows are in the table and their
units agree; otherwise the automatic choice stands. A missing mapping file is the same as none,
so the UI can pass its path before the first correction is saved.
"""

from __future__ import annotations

from .mapping import UserMapping, clear_corrections, load_mapping, save_correction, save_metric
from .match import Paired, compare, find_pairs, pairable_rows, paired, pairs_frame
from .names import normalise
from .pair import EXTRA_COLUMNS, PAIR_COLUMNS, Pair
from .rows import row_key, row_keys
from .status import STATUSES, TOLERANCE, judge
from .track import TRACK_COLUMNS, indicators, track
from .track import series as track_series

__all__ = [
    "EXTRA_COLUMNS", "PAIR_COLUMNS", "STATUSES", "TOLERANCE", "TRACK_COLUMNS", "Pair", "Paired", "UserMapping",
    "clear_corrections", "compare", "find_pairs", "indicators", "judge", "load_mapping",
    "normalise_metric", "pairable_rows", "paired", "pairs_frame", "row_key", "row_keys", "save_correction",
    "save_metric", "track", "track_series",
]


def normalise_metric(phrase: str, subject: str = "", *, mapping=None) -> str:
    """The canonical metric name :func:`compare` uses for ``phrase`` (see "Metric names")."""
    return normalise(str(phrase or ""), str(subject or ""), load_mapping(mapping).index())

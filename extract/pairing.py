"""Goals against results: pair every target (and forecast) with the result reported for it.

A government work report sets goals for its year (``今年发展主要预期目标是：国内生产总值增长5%左右…``);
the next year's report states what came of them (``过去一年…国内生产总值…增长5%``). Given an
indicator table over any number of documents, :func:`compare` finds, for each ``target`` row and
each ``forecast`` row, the ``actual`` row for the same metric, subject, period and unit, and says
whether the goal was met. ``compare`` is also ``extract.compare``.

Public API
==========

``compare(table, *, mapping=None, tolerance=0.05) -> DataFrame``
    One row per target or forecast, columns :data:`PAIR_COLUMNS` then :data:`EXTRA_COLUMNS`.
``row_key(doc, mention, start, sentence) -> str`` / ``row_keys(table) -> Series``
    The stable key of a table row (the UI refers to rows by it when saving corrections).
``load_mapping(mapping) -> UserMapping``
    A mapping file (TOML or CSV), a dict, or ``None``, read into metric synonyms and corrections.
``save_correction(path, *, target_key, actual_key=None, reject=False, note="")``
    Record a user's correction in a TOML mapping file; ``clear_corrections(path, target_key)``
    undoes it; ``save_metric(path, phrase, canonical)`` records a metric synonym.
``normalise_metric(phrase, subject="", *, mapping=None) -> str``
    The canonical metric name :func:`compare` uses for a phrase.
``judge(target, actual, *, bound="exact", target_max=None, decrease=False, tolerance=0.05) -> str``
    The status rule on its own (``met`` / ``exceeded`` / ``missed``).
``read_table(path) -> DataFrame`` / ``read_tables(inputs, *, errors=None) -> DataFrame``
    Exported tables (.csv/.jsonl/.parquet) and documents or folders (extracted) as one table.
``main(argv) -> int``
    ``zhibiao compare TABLE_OR_DOCS... -o pairs.csv [--mapping FILE] [--tolerance X]``.

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
  names that are both canonical names (built-in or the user's). A row with no metric pairs with
  nothing.

Among several actual rows that qualify, the one with the closest metric wins, then one whose
period was stated, then the first in table order. A result may serve several goals.

Metric names
------------

A phrase loses white space and punctuation, a leading subject (the row's own, or a national one),
and the filler words of ``[normalise].filler`` (``比上年``, ``同比``, ``全年`` …); it then becomes
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
In a pair, ``period_source`` is ``stated`` when both rows stated their period, else ``inferred``.

Status
======

``gap = actual_value − target_value`` and ``gap_pct = gap / target_value`` (a fraction:
``0.05`` is 5 %, empty when the target is 0). With ``t`` the target value, ``a`` the actual value
and ``tol = tolerance × |t|``:

* ``approx`` target (``5%左右``): ``met`` when ``|a − t| ≤ tol`` (4.75–5.25 at the default 5 %),
  ``exceeded`` above, ``missed`` below;
* ``exact`` target: the same — equal within the tolerance is ``met``;
* ``lower`` target (``超70%``, ``1200万人以上``): ``missed`` below ``t``; ``met`` from ``t`` to
  ``t + tol``; ``exceeded`` above;
* ``upper`` target (``近150个``, ``不超过3%``): ``met`` at or below ``t``, ``missed`` above;
* a target stated as a **decrease** — a ``[decrease]`` word (减至, 下降到, 降至, 压减…) in its
  clause before the figure or in its metric — is ``met`` at or below ``t`` (``t + tol`` when the
  target is ``approx``) and ``missed`` above; so is a target whose metric is listed under
  ``[ceiling].metrics`` (居民消费价格涨幅3%左右 is met by 0.2%) or whose clause has a
  ``[ceiling].words`` word (控制在…);
* a target range (``value_max`` set, ``14%-17%``): ``met`` inside it, ``exceeded`` above,
  ``missed`` below (a decrease or ceiling range: ``met`` at or below its top);
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

import argparse
import csv
import hashlib
import math
import os
import re
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
from rapidfuzz import fuzz, process

from . import lexicon
from .record import COLUMNS
from .table import TABLE_SUFFIXES, read_table, run_files

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: The output's columns, in order.
PAIR_COLUMNS: tuple[str, ...] = (
    "metric", "subject", "period", "unit", "role",
    "target_value", "target_bound", "target_mention", "target_doc", "target_sentence",
    "actual_value", "actual_bound", "actual_mention", "actual_doc", "actual_sentence",
    "gap", "gap_pct", "status",
)
#: Columns appended after :data:`PAIR_COLUMNS`: how the period was found, and the rows' keys.
EXTRA_COLUMNS: tuple[str, ...] = ("period_source", "target_key", "actual_key")

STATUSES = ("met", "exceeded", "missed", "pending")
_TEXT_COLUMNS = tuple(c for c in COLUMNS if c not in ("value", "value_max", "start", "end"))
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_YEAR_NIAN = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
_CLAUSE_END = re.compile(r"[，,；;。：:！？!?]")
_SPACE = re.compile(r"\s+")


# --------------------------------------------------------------------------- language data

@dataclass(frozen=True)
class _Data:
    punct: re.Pattern
    filler: tuple[str, ...]
    threshold: float
    change_words: tuple[str, ...]
    synonyms: dict[str, str]
    canonicals: frozenset[str]
    ceiling_metrics: frozenset[str]
    ceiling_words: tuple[str, ...]
    decrease_words: tuple[str, ...]
    previous_year: tuple[str, ...]
    current_year: tuple[str, ...]
    comparison_before: str
    default_subjects: frozenset[str]


@cache
def _data() -> _Data:
    d = lexicon.load("compare")
    punct = re.compile("[" + re.escape(d["normalise"]["punctuation"]) + r"\s]")
    filler = tuple(sorted(d["normalise"]["filler"], key=len, reverse=True))

    def norm(s: str) -> str:
        s = punct.sub("", s)
        for w in filler:
            s = s.replace(w, "")
        return s

    synonyms: dict[str, str] = {}
    for canonical, phrases in d["metrics"].items():
        for p in [canonical, *phrases]:
            synonyms.setdefault(norm(p), canonical)
    return _Data(
        punct=punct,
        filler=filler,
        threshold=float(d["fuzzy"]["threshold"]),
        change_words=tuple(d["fuzzy"]["change_words"]),
        synonyms=synonyms,
        canonicals=frozenset(d["metrics"]),
        ceiling_metrics=frozenset(d["ceiling"]["metrics"]),
        ceiling_words=tuple(d["ceiling"]["words"]),
        decrease_words=tuple(sorted(d["decrease"]["words"], key=len, reverse=True)),
        previous_year=tuple(d["period"]["previous_year"]),
        current_year=tuple(d["period"]["current_year"]),
        comparison_before="".join(d["period"].get("comparison_before", [])),
        default_subjects=frozenset(punct.sub("", s) for s in d["subjects"]["default"]),
    )


def _clean(s: str) -> str:
    return _data().punct.sub("", s)


def _strip_filler(s: str) -> str:
    for w in _data().filler:
        s = s.replace(w, "")
    return s


def _is_change(s: str) -> bool:
    return any(w in s for w in _data().change_words)


# --------------------------------------------------------------------------- mapping file

@dataclass
class UserMapping:
    """A user's metric synonyms and pairing corrections (see the module docstring).

    ``metrics`` maps a phrase to a canonical name; ``pairs`` maps a target key to the actual key
    it must pair with; ``rejects`` holds ``(target_key, actual_key)`` pairs that must never pair,
    ``actual_key`` ``""`` meaning the target has no result at all (always ``pending``).
    """

    metrics: dict[str, str] = field(default_factory=dict)
    pairs: dict[str, str] = field(default_factory=dict)
    rejects: set[tuple[str, str]] = field(default_factory=set)
    notes: dict[tuple[str, str], str] = field(default_factory=dict)

    def lookup(self, phrase: str) -> str | None:
        """The canonical name the user gave ``phrase`` (compared without white space/punctuation)."""
        return self.index().get(_clean(phrase)) if self.metrics else None

    def index(self) -> dict[str, str]:
        """``metrics`` keyed by the phrase without white space and punctuation."""
        return {_clean(k): v for k, v in self.metrics.items()}


def load_mapping(mapping: str | Path | dict | UserMapping | None) -> UserMapping:
    """Read a mapping: a TOML or CSV file (a missing file is an empty mapping), a dict, or None.

    A CSV file has the header ``phrase,canonical``. A dict has the TOML file's structure
    (``{"metrics": {...}, "pairs": [{"target": k, "actual": k}], "rejects": [...]}``), or is a flat
    ``{phrase: canonical}`` dict.
    """
    if mapping is None:
        return UserMapping()
    if isinstance(mapping, UserMapping):
        return mapping
    if isinstance(mapping, dict):
        return _from_dict(mapping)
    p = Path(mapping)
    if not p.exists():
        return UserMapping()
    if p.suffix.lower() == ".csv":
        with p.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            if not reader.fieldnames or not {"phrase", "canonical"} <= {h.strip() for h in reader.fieldnames}:
                raise ValueError(f"{p}: a CSV mapping needs the columns phrase,canonical")
            metrics = {}
            for r in reader:
                r = {k.strip(): (v or "").strip() for k, v in r.items() if k}
                if r["phrase"] and r["canonical"]:
                    metrics[r["phrase"]] = r["canonical"]
        return UserMapping(metrics=metrics)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8-sig"))
    except tomllib.TOMLDecodeError as e:
        raise ValueError(f"{p}: not a valid TOML mapping file: {e}") from None
    return _from_dict(data)


def _from_dict(d: dict) -> UserMapping:
    structured = any(k in d for k in ("metrics", "pairs", "rejects")) and all(
        isinstance(v, (dict, list)) for v in d.values())
    if not structured:
        return UserMapping(metrics={str(k): str(v) for k, v in d.items()})
    m = UserMapping(metrics={str(k): str(v) for k, v in dict(d.get("metrics", {})).items()})
    for e in d.get("pairs", []):
        m.pairs[str(e["target"])] = str(e["actual"])
        if e.get("note"):
            m.notes[(str(e["target"]), str(e["actual"]))] = str(e["note"])
    for e in d.get("rejects", []):
        key = (str(e["target"]), str(e.get("actual", "")))
        m.rejects.add(key)
        if e.get("note"):
            m.notes[key] = str(e["note"])
    return m


def _toml_str(s: str) -> str:
    out = []
    for ch in s:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _dump(m: UserMapping) -> str:
    lines = ["# Metric synonyms and pairing corrections for `zhibiao compare` (see extract/compare.py).", ""]
    lines.append("[metrics]")
    lines += [f"{_toml_str(k)} = {_toml_str(v)}" for k, v in m.metrics.items()]
    for t, a in m.pairs.items():
        lines += ["", "[[pairs]]", f"target = {_toml_str(t)}", f"actual = {_toml_str(a)}"]
        if (t, a) in m.notes:
            lines.append(f"note = {_toml_str(m.notes[(t, a)])}")
    for t, a in sorted(m.rejects):
        lines += ["", "[[rejects]]", f"target = {_toml_str(t)}"]
        if a:
            lines.append(f"actual = {_toml_str(a)}")
        if (t, a) in m.notes:
            lines.append(f"note = {_toml_str(m.notes[(t, a)])}")
    return "\n".join(lines) + "\n"


def _write_mapping(path: Path, m: UserMapping) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(_dump(m))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _editable(path: str | Path) -> tuple[Path, UserMapping]:
    p = Path(path)
    if p.suffix.lower() != ".toml":
        raise ValueError(f"{p}: corrections are saved in a .toml mapping file")
    return p, load_mapping(p)


def save_correction(path: str | Path, *, target_key: str, actual_key: str | None = None,
                    reject: bool = False, note: str = "") -> None:
    """Record a user's correction in the TOML mapping file ``path`` (created if missing).

    * ``actual_key`` given, ``reject=False``: the target pairs with that actual row, replacing
      any earlier choice for it ("this target pairs with that actual row instead");
    * ``actual_key`` given, ``reject=True``: these two rows are not the same metric and never
      pair; :func:`compare` falls back to the next best actual row, or ``pending``;
    * ``actual_key=None``, ``reject=True``: no row in the table is this target's result; it stays
      ``pending``.

    Keys are :func:`row_key` values (the ``target_key`` / ``actual_key`` output columns). ``note``
    is kept next to the entry for people reading the file. The file's metric synonyms and other
    corrections are kept (comments are not). The file is replaced atomically.
    """
    if not target_key:
        raise ValueError("target_key is empty")
    if actual_key is None and not reject:
        raise ValueError("give actual_key to pair, or reject=True to reject (use clear_corrections to undo)")
    p, m = _editable(path)
    a = actual_key or ""
    if reject:
        if a:
            if m.pairs.get(target_key) == a:
                del m.pairs[target_key]
        else:
            m.pairs.pop(target_key, None)
            m.rejects = {r for r in m.rejects if r[0] != target_key}
        m.rejects.add((target_key, a))
    else:
        m.pairs[target_key] = a
        m.rejects.discard((target_key, a))
        m.rejects.discard((target_key, ""))
    if note:
        m.notes[(target_key, a)] = note
    _write_mapping(p, m)


def clear_corrections(path: str | Path, target_key: str) -> int:
    """Remove every correction about ``target_key`` from the mapping file; returns how many."""
    p, m = _editable(path)
    if not p.exists():
        return 0
    n = int(target_key in m.pairs) + sum(1 for r in m.rejects if r[0] == target_key)
    m.pairs.pop(target_key, None)
    m.rejects = {r for r in m.rejects if r[0] != target_key}
    m.notes = {k: v for k, v in m.notes.items() if k[0] != target_key}
    _write_mapping(p, m)
    return n


def save_metric(path: str | Path, phrase: str, canonical: str) -> None:
    """Record in the TOML mapping file that ``phrase`` names the metric ``canonical``."""
    if not phrase.strip() or not canonical.strip():
        raise ValueError("phrase and canonical must not be empty")
    p, m = _editable(path)
    m.metrics[phrase.strip()] = canonical.strip()
    _write_mapping(p, m)


# --------------------------------------------------------------------------- metrics

def normalise_metric(phrase: str, subject: str = "", *,
                     mapping: str | Path | dict | UserMapping | None = None) -> str:
    """The canonical metric name of ``phrase`` (see "Metric names" in the module docstring)."""
    return _normalise(str(phrase or ""), str(subject or ""), load_mapping(mapping))


def _normalise(phrase: str, subject: str, user: UserMapping | dict[str, str]) -> str:
    data = _data()
    uidx = user.index() if isinstance(user, UserMapping) else user
    s = _clean(phrase)
    if not s:
        return ""
    if s in uidx:
        return _resolve_user(uidx[s], uidx)
    for subj in sorted({_clean(subject), *data.default_subjects}, key=len, reverse=True):
        if subj and s.startswith(subj) and len(s) > len(subj):
            s = s[len(subj):]
            break
    s2 = _strip_filler(s) or s
    for form in (s, s2):
        if form in uidx:
            return _resolve_user(uidx[form], uidx)
    canonical = data.synonyms.get(s) or data.synonyms.get(s2)
    if canonical is None:
        for phrase, _score, _i in process.extract(s2, list(data.synonyms), scorer=fuzz.ratio,
                                                  score_cutoff=data.threshold, limit=5):
            if _fuzzy_ok(s2, phrase):
                canonical = data.synonyms[phrase]
                break
    result = canonical or s2
    return uidx.get(result, result)


def _resolve_user(name: str, uidx: dict[str, str]) -> str:
    """A user's canonical name, joined to the built-in one it is a listed phrase of (exact only)."""
    c = _clean(name)
    builtin = _data().synonyms.get(c) or _data().synonyms.get(_strip_filler(c))
    if builtin is None or builtin == name:
        return name
    return uidx.get(builtin, builtin)


def _fuzzy_ok(a: str, b: str) -> bool:
    """Whether two different names may be joined by similarity alone.

    Not a change with a level (国内生产总值增长 / 国内生产总值), and not a name with the other
    one plus words in front, which name a narrower scope (船舶战略性新兴产业投资 / 战略性新兴产业投资).
    """
    if _is_change(a) != _is_change(b):
        return False
    return not (a.endswith(b) or b.endswith(a))


def _metric_score(a: str, b: str, known: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    if a == b:
        return 100.0
    if (a in known and b in known) or not _fuzzy_ok(a, b):
        return 0.0
    score = fuzz.ratio(a, b)
    return score if score >= _data().threshold else 0.0


# --------------------------------------------------------------------------- rows

def row_key(doc: Any, mention: Any, start: Any, sentence: Any) -> str:
    """A row's stable key: a hash of its document, mention, offset and sentence.

    White space in the mention and sentence is ignored, and ``start`` may be an int, a float
    or a string, so a table read back from CSV, JSONL or Parquet gives the same keys.
    """
    parts = [_text(doc), _SPACE.sub("", _text(mention)), _int_text(start), _SPACE.sub("", _text(sentence))]
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def row_keys(table: pd.DataFrame) -> pd.Series:
    """:func:`row_key` of every row of ``table``, indexed like it."""
    cols = [table[c] if c in table.columns else pd.Series([""] * len(table), index=table.index)
            for c in ("doc", "mention", "start", "sentence")]
    return pd.Series([row_key(*t) for t in zip(*cols, strict=True)], index=table.index, dtype=object)


def _text(x: Any) -> str:
    if type(x) is str:
        return x
    if x is None or (isinstance(x, float) and math.isnan(x)) or x is pd.NA:
        return ""
    return str(x)


def _int_text(x: Any) -> str:
    s = _text(x).strip()
    try:
        f = float(s)
    except ValueError:
        return s
    return str(int(f)) if math.isfinite(f) and f == int(f) else s


def _num(x: Any) -> float | None:
    try:
        f = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def _doc_year(doc_date: str, article: str, doc: str) -> int | None:
    m = re.match(r"\s*((?:19|20)\d{2})", doc_date)
    if m:
        return int(m.group(1))
    m = _YEAR_NIAN.search(article)
    if m:
        return int(m.group(1))
    m = _YEAR.search(Path(doc).stem if doc else "")
    return int(m.group(1)) if m else None


def _before(sentence: str, mention: str, nth: int = 0) -> str:
    """The text of ``sentence`` before the ``nth`` occurrence of ``mention`` (white space ignored)."""
    if not mention:
        return sentence
    pos = -1
    for _ in range(nth + 1):
        pos = sentence.find(mention, pos + 1)
        if pos < 0:
            break
    if pos >= 0:
        return sentence[:pos]
    bare_m = _SPACE.sub("", mention)
    kept = [(i, ch) for i, ch in enumerate(sentence) if not ch.isspace()]
    bare_s = "".join(ch for _, ch in kept)
    p = bare_s.find(bare_m)
    if p < 0 or not bare_m:
        return sentence
    return sentence[:kept[p][0]]


def _last_cue(text: str) -> str | None:
    """``"prev"`` or ``"cur"``: whichever period cue stands last in ``text``, if any."""
    data = _data()
    best, which = -1, None
    for words, tag in ((data.previous_year, "prev"), (data.current_year, "cur")):
        for w in words:
            i = text.rfind(w)
            while i > 0 and text[i - 1] in data.comparison_before:
                i = text.rfind(w, 0, i)
            if i >= 0 and i + len(w) > best:
                best, which = i + len(w), tag
    return which


@dataclass
class _Row:
    pos: int
    key: str
    doc: str
    role: str
    unit: str
    value: float | None
    value_max: float | None
    bound: str
    mention: str
    sentence: str
    metric: str
    subject: str
    subject_n: str
    period: str
    period_source: str
    clause: str
    weak: bool = False  # the period is only the document's own year, by default


def _prepare(table: pd.DataFrame, user: dict[str, str]) -> list[_Row]:
    """The table's rows with normalised metric and subject, resolved period, key, in table order."""
    n = len(table)

    def col(c: str) -> list:
        return table[c].tolist() if c in table.columns else [""] * n

    text = {c: [_text(x).strip() for x in col(c)] for c in _TEXT_COLUMNS}
    values, maxima = [_num(x) for x in col("value")], [_num(x) for x in col("value_max")]
    starts = col("start")
    offsets = [_num(x) for x in starts]
    data = _data()
    metric_cache: dict[tuple[str, str], str] = {}

    # Documents in table order; rows inside a document by offset, so period cues carry forward.
    by_doc: dict[str, list[int]] = {}
    for i, d in enumerate(text["doc"]):
        by_doc.setdefault(d, []).append(i)
    rows: list[_Row] = []
    for positions in by_doc.values():
        positions.sort(key=lambda i: (offsets[i] is None, offsets[i] or 0.0, i))
        state: str | None = None
        topic_now: str | None = None
        seen: dict[tuple[str, str], int] = {}
        for i in positions:
            r = {c: text[c][i] for c in _TEXT_COLUMNS}
            if r["topic"] != topic_now:
                topic_now, state = r["topic"], None
            nth = seen.get((r["sentence"], r["mention"]), 0)
            seen[(r["sentence"], r["mention"])] = nth + 1
            before = _before(r["sentence"], r["mention"], nth)
            here = _last_cue(before)
            period, source, weak = _infer_period(r, here, state)
            after = _last_cue(r["sentence"])
            if after is not None:
                state = after
            mk = (r["metric"], r["subject"])
            if mk not in metric_cache:
                metric_cache[mk] = _normalise(r["metric"], r["subject"], user)
            subj = _clean(r["subject"])
            rows.append(_Row(
                pos=i, key=row_key(r["doc"], r["mention"], starts[i], r["sentence"]), doc=r["doc"],
                role=r["role"].lower(), unit=r["unit"], value=values[i], value_max=maxima[i],
                bound=r["bound"] or "exact", mention=r["mention"], sentence=r["sentence"],
                metric=metric_cache[mk], subject=r["subject"],
                subject_n="" if subj in data.default_subjects else subj,
                period=period, period_source=source, clause=_CLAUSE_END.split(before)[-1], weak=weak,
            ))
    rows.sort(key=lambda x: x.pos)
    return rows


def _infer_period(r: dict[str, str], here: str | None, state: str | None) -> tuple[str, str, bool]:
    """``(period, period_source, weak)``; ``weak`` when only the document's year gave it."""
    if r["period"]:
        return r["period"], "stated", False
    year = _doc_year(r["doc_date"], r["article"], r["doc"])
    topic_year = _YEAR_NIAN.search(r["topic"])
    if here is None and topic_year:
        return topic_year.group(1), "inferred", False
    if year is None:
        return (topic_year.group(1), "inferred", False) if topic_year else ("", "unknown", False)
    cue = here or _last_cue(r["topic"]) or state
    return str(year - 1 if cue == "prev" else year), "inferred", cue is None


# --------------------------------------------------------------------------- status

def judge(target: float, actual: float, *, bound: str = "exact", target_max: float | None = None,
          decrease: bool = False, tolerance: float = 0.05) -> str:
    """``met``, ``exceeded`` or ``missed``: ``actual`` against a target (rules in the module docstring).

    ``decrease`` covers both a goal stated as a decrease and a ceiling goal.
    """
    eps = 1e-9 * max(1.0, abs(target))
    band = tolerance * abs(target)
    if target_max is not None and target_max > target:
        if decrease:
            return "met" if actual <= target_max + eps else "missed"
        if actual < target - eps:
            return "missed"
        return "exceeded" if actual > target_max + eps else "met"
    if decrease or bound == "upper":
        limit = target + (band if bound == "approx" else 0.0)
        return "met" if actual <= limit + eps else "missed"
    if bound == "lower":
        if actual < target - eps:
            return "missed"
        return "met" if actual <= target + band + eps else "exceeded"
    if abs(actual - target) <= band + eps:
        return "met"
    return "exceeded" if actual > target else "missed"


def _is_decrease(t: _Row) -> bool:
    data = _data()
    if t.metric in data.ceiling_metrics:
        return True
    words = data.decrease_words + data.ceiling_words
    return any(w in t.clause for w in words) or any(w in _clean(t.metric) for w in data.decrease_words)


# --------------------------------------------------------------------------- compare

def compare(table: pd.DataFrame, *, mapping: str | Path | dict | UserMapping | None = None,
            tolerance: float = 0.05) -> pd.DataFrame:
    """Pair every target and forecast row of ``table`` with its actual row, and judge it.

    ``table`` is an indicator table (``extract.record.COLUMNS``; missing columns count as empty),
    over any number of documents. ``mapping`` is a mapping file, dict or :class:`UserMapping`
    (metric synonyms that override the built-in ones, and saved corrections); ``tolerance`` is
    relative (0.05 = ±5 % of the target). Returns one row per target/forecast row, in table order,
    with :data:`PAIR_COLUMNS` then :data:`EXTRA_COLUMNS`; rows with the same :func:`row_key` (a
    document given twice) count once, rows without a value are left out. The rules are in the
    module docstring.
    """
    if tolerance < 0:
        raise ValueError("tolerance must not be negative")
    user = load_mapping(mapping)
    rows, keys = [], set()
    for r in _prepare(table, user.index()):  # a document given twice counts once
        if r.value is not None and r.key not in keys:
            keys.add(r.key)
            rows.append(r)
    goals = [r for r in rows if r.role in ("target", "forecast")]
    actuals = [r for r in rows if r.role == "actual"]
    by_key = {a.key: a for a in actuals}
    # (unit, subject, period, doc when the period is unknown) -> metric -> actual rows
    groups: dict[tuple[str, str, str, str], dict[str, list[_Row]]] = {}
    for a in actuals:
        k = (a.unit, a.subject_n, _full_year(a.period), "" if a.period else a.doc)
        groups.setdefault(k, {}).setdefault(a.metric, []).append(a)
    known = _data().canonicals | frozenset(user.metrics.values())
    names = {k: list(g) for k, g in groups.items()}
    threshold = _data().threshold
    matches: dict[tuple[str, tuple[str, str, str, str]], list[tuple[float, str]]] = {}

    out = []
    for t in goals:
        if (t.key, "") in user.rejects:
            out.append(_pair_row(t, None, tolerance))
            continue
        forced = by_key.get(user.pairs.get(t.key, ""))
        if forced is not None and forced.unit == t.unit and (t.key, forced.key) not in user.rejects:
            out.append(_pair_row(t, forced, tolerance))
            continue
        best, best_rank = None, None
        for k in _group_keys(t):
            if k not in groups or not t.metric:
                continue
            mk = (t.metric, k)
            if mk not in matches:
                found = process.extract(t.metric, names[k], scorer=fuzz.ratio, score_cutoff=threshold,
                                        limit=None)
                matches[mk] = [(sc, name) for name, _r, _i in found
                               if (sc := _metric_score(t.metric, name, known)) > 0]
            for score, name in matches[mk]:
                for a in groups[k][name]:
                    if a.key == t.key or (t.key, a.key) in user.rejects or (a.weak and a.doc == t.doc):
                        continue
                    rank = (-score, a.period_source != "stated", a.pos)
                    if best_rank is None or rank < best_rank:
                        best, best_rank = a, rank
        out.append(_pair_row(t, best, tolerance))
    result = pd.DataFrame(out, columns=list(PAIR_COLUMNS + EXTRA_COLUMNS))
    for c in ("target_value", "actual_value", "gap", "gap_pct"):
        result[c] = pd.to_numeric(result[c], errors="coerce").astype("float64")
    return result


def _full_year(period: str) -> str:
    """``2024-01/2024-12`` (a whole year stated by its months) → ``2024``; other periods unchanged."""
    m = re.fullmatch(r"(\d{4})-01/(\d{4})-12", period)
    return m.group(1) if m and m.group(1) == m.group(2) else period


def _group_keys(t: _Row) -> list[tuple[str, str, str, str]]:
    if not t.period:
        return [(t.unit, t.subject_n, "", t.doc)]
    keys = [(t.unit, t.subject_n, _full_year(t.period), "")]
    if "/" in t.period:
        end = t.period.split("/", 1)[1]
        if len(end) == 4 and end.isdigit():
            keys.append((t.unit, t.subject_n, end, ""))
    return keys


def _pair_row(t: _Row, a: _Row | None, tolerance: float) -> dict:
    assert t.value is not None
    row = {
        "metric": t.metric, "subject": t.subject, "period": t.period, "unit": t.unit, "role": t.role,
        "target_value": t.value, "target_bound": t.bound, "target_mention": t.mention,
        "target_doc": t.doc, "target_sentence": t.sentence,
        "actual_value": None, "actual_bound": "", "actual_mention": "", "actual_doc": "",
        "actual_sentence": "", "gap": None, "gap_pct": None, "status": "pending",
        "period_source": t.period_source, "target_key": t.key, "actual_key": "",
    }
    if a is None or a.value is None:
        return row
    gap = a.value - t.value
    row.update({
        "actual_value": a.value, "actual_bound": a.bound, "actual_mention": a.mention,
        "actual_doc": a.doc, "actual_sentence": a.sentence,
        "gap": gap, "gap_pct": gap / t.value if t.value else None,
        "status": judge(t.value, a.value, bound=t.bound, target_max=t.value_max,
                        decrease=_is_decrease(t), tolerance=tolerance),
        "period_source": "stated" if t.period_source == a.period_source == "stated" else "inferred",
        "actual_key": a.key,
    })
    return row


# --------------------------------------------------------------------------- command line

def read_tables(inputs: Iterable[str | Path], *, errors: list[str] | None = None) -> pd.DataFrame:
    """One table from exported tables and documents/folders (documents are extracted first).

    Problems with single inputs are appended to ``errors`` (one line each) when it is given.
    """
    frames: list[pd.DataFrame] = []
    docs: list[Path] = []
    for item in map(Path, inputs):
        if item.is_file() and item.suffix.lower() in TABLE_SUFFIXES:
            try:
                frames.append(read_table(item))
            except Exception as e:  # one bad table must not stop the others
                if errors is None:
                    raise
                errors.append(f"{item}: {e}")
        else:
            docs.append(item)
    if docs:
        res = run_files(docs)
        frames.append(res.table)
        if errors is not None:
            errors.extend(str(e) for e in res.errors)
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=list(COLUMNS))
    return pd.concat(frames, ignore_index=True)


def main(argv: list[str]) -> int:
    """``zhibiao compare TABLE_OR_DOCS... -o OUT [--mapping FILE] [--tolerance X]``.

    ``argv`` is the arguments after the word ``compare``. Inputs are exported tables (.csv,
    .jsonl, .parquet) or documents and folders, which are extracted first. ``-o -`` writes CSV
    to standard output; a file is written by its suffix (.csv as UTF-8 with BOM, .jsonl,
    .parquet). Exit status: 0 done, 1 done but some input could not be read, 2 usage error.
    """
    parser = argparse.ArgumentParser(
        prog="zhibiao compare",
        description="Pair each target and forecast with the result reported for it, across documents.")
    parser.add_argument("inputs", nargs="+", metavar="TABLE_OR_DOCS",
                        help="exported tables (.csv/.jsonl/.parquet), documents or folders")
    parser.add_argument("-o", "--output", required=True,
                        help="output file (.csv/.jsonl/.parquet) or - for stdout")
    parser.add_argument("--mapping", help="metric synonyms and corrections (.toml, or .csv phrase,canonical)")
    parser.add_argument("--tolerance", type=float, default=0.05,
                        help="relative tolerance for met (default 0.05 = ±5%%)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    prog = parser.prog
    missing = [p for p in args.inputs if not Path(p).exists()]
    if missing:
        for p in missing:
            print(f"{prog}: {p}: no such file or folder", file=sys.stderr)
        return 2
    if args.tolerance < 0:
        print(f"{prog}: --tolerance must not be negative", file=sys.stderr)
        return 2
    if args.mapping and not Path(args.mapping).exists():
        print(f"{prog}: {args.mapping}: no such mapping file", file=sys.stderr)
        return 2
    problems: list[str] = []
    try:
        table = read_tables(args.inputs, errors=problems)
        pairs = compare(table, mapping=args.mapping, tolerance=args.tolerance)
    except ValueError as e:
        print(f"{prog}: {e}", file=sys.stderr)
        return 2
    for line in problems:
        print(f"{prog}: {line}", file=sys.stderr)
    if args.output == "-":
        sys.stdout.write(pairs.to_csv(index=False))
    else:
        from .table import write_table

        try:
            write_table(pairs, args.output)
        except (OSError, ValueError) as e:
            print(f"{prog}: {e}", file=sys.stderr)
            return 2
    return 1 if problems else 0

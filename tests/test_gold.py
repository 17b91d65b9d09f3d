"""End-to-end accuracy on real documents against their hand-checked gold annotations.

The documents and their gold sit in ``tests/gold/`` (sources in ``tests/gold/SOURCES.md``): the sample
newsletter, two government work reports and a statistical communiqué. The matching rule is the
spec's (``shared/spec/indicator-table.md``, "Gold files"): per document, predicted and gold figures
match on (value, value_max, unit) as a multiset, paired in document order; attributes are compared
over matched pairs with white space ignored, and ``metric`` counts as right when its
character-bigram Dice overlap with gold's is at least 0.5.

Three kinds of check: floors (a regression below one fails CI); every gold figure's ``bound``,
``period`` and ``role`` right except the known failures; and the known failures themselves, in a
strict-xfail table (one that starts passing fails the suite until it is moved out).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from pathlib import Path

import pytest

from extract import extract_files

HERE = Path(__file__).parent / "gold"
SAMPLE = "jsvc-2025-01.txt"
#: The shared corpus and the sample (plain text); the other real documents are held to REAL_FLOORS below.
DOCS = sorted(p.with_suffix(".txt").name for p in HERE.glob("*.jsonl") if p.with_suffix(".txt").exists())

#: Floors on the sample newsletter alone.
SAMPLE_FLOORS = {
    "precision": 0.95, "recall": 0.95, "f1": 0.97,
    "bound": 0.97, "topic": 0.98, "article": 0.98, "source": 0.98,
    "period": 0.95, "role": 0.95, "metric": 0.85,
}
#: Detection F1 floor on every document.
DOC_F1 = 0.97
#: Floors over all documents together.
ALL_FLOORS = {
    "bound": 0.97, "period": 0.95, "role": 0.95, "topic": 0.97, "article": 0.97, "source": 0.97, "metric": 0.85,
}
#: Floors not met yet, with why.
FLOORS_NOT_MET: dict[str, str] = {}

#: Attributes checked figure by figure.
EXACT = ("bound", "period", "role")
#: Known wrong attributes of single gold figures: (doc, attribute, mention, end of gold context, why).
KNOWN = [
    ("jsvc-2025-01.txt", "bound", "1万米", "深地塔科 1井成功突破地下 ",
     "突破 is separated from the figure by 地下: the qualifier reaches over a noun"),
    ("jsvc-2025-01.txt", "period", "十余名", "载人潜水器搭载",
     "8月 stands before the year (8月起航的中国 2024…): a month takes no year stated after it"),
    ("gwr-2022.txt", "role", "超过1000万人", "今年高校毕业生",
     "an estimate of the coming year with no cue word, read as a target of the plan section"),
    ("gwr-2022.txt", "role", "14亿多", "充实“菜篮子”，把",
     "a fact inside a sentence governed by 要: the cue's scope is not narrowed to its clause"),
]


def _key(value, value_max, unit) -> tuple:
    def r6(x):
        if x is None or (isinstance(x, float) and math.isnan(x)):
            return None
        return float(f"{float(x):.6g}")

    return r6(value), r6(value_max), str(unit).replace("％", "%")


def _text(x) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    return "".join(str(x).split())


def _bigrams(s: str) -> set[str]:
    s = _text(s)
    return {s[i:i + 2] for i in range(len(s) - 1)} or ({s} if s else set())


def dice(a: str, b: str) -> float:
    A, B = _bigrams(a), _bigrams(b)
    if not A and not B:
        return 1.0
    if not A or not B:
        return 0.0
    return 2 * len(A & B) / (len(A) + len(B))


def pair(pred: list[dict], gold: list[dict]) -> list[tuple[dict, dict]]:
    """Gold and predicted figures of one document matched by the spec's rule, in gold order."""
    by_p: dict[tuple, list[dict]] = defaultdict(list)
    for r in pred:
        by_p[_key(r["value"], r["value_max"], r["unit"])].append(r)
    taken: dict[tuple, int] = defaultdict(int)
    pairs = []
    for g in gold:
        k = _key(g["value"], g["value_max"], g["unit"])
        if taken[k] < len(by_p[k]):
            pairs.append((g, by_p[k][taken[k]]))
            taken[k] += 1
    return pairs


def score(pairs: list[tuple[dict, dict]], npred: int, ngold: int) -> dict[str, float]:
    """Detection P/R/F1 and attribute accuracies of matched ``pairs``."""
    tp = len(pairs)
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    out = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}
    for a in ("bound", "period", "role", "topic", "article", "source"):
        out[a] = sum(_text(g[a]) == _text(q[a]) for g, q in pairs) / tp
    out["metric"] = sum(dice(g["metric"], q["metric"]) >= 0.5 for g, q in pairs) / tp
    return out


def _gold(doc: str) -> list[dict]:
    lines = (HERE / doc).with_suffix(".jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def run() -> dict[str, tuple[list[tuple[dict, dict]], int, int]]:
    """Per document: matched pairs, predicted count, gold count."""
    table = extract_files([HERE / d for d in DOCS])
    rows = table.to_dict("records")
    out = {}
    for d in DOCS:
        pred = [r for r in rows if r["doc"] == d]
        gold = _gold(d)
        out[d] = (pair(pred, gold), len(pred), len(gold))
    return out


def _known(doc: str, attr: str, g: dict) -> bool:
    return any(d == doc and a == attr and m == g["mention"] and g["context"].endswith(c)
               for d, a, m, c, _why in KNOWN)


def test_corpus_is_complete() -> None:
    assert {SAMPLE, "communique-2024.txt", "gwr-2022.txt", "gwr-2023.txt"} <= set(DOCS)


@pytest.mark.parametrize("measure", list(SAMPLE_FLOORS))
def test_sample_floor(run, measure: str) -> None:
    s = score(*run[SAMPLE])
    assert s[measure] >= SAMPLE_FLOORS[measure], f"{measure} = {s[measure]:.3f} < {SAMPLE_FLOORS[measure]}"


@pytest.mark.parametrize("doc", DOCS)
def test_detection_floor(run, doc: str) -> None:
    s = score(*run[doc])
    assert s["f1"] >= DOC_F1, f"{doc}: F1 = {s['f1']:.3f} < {DOC_F1}"


@pytest.mark.parametrize("measure", [
    pytest.param(m, marks=pytest.mark.xfail(strict=True, reason=FLOORS_NOT_MET[m])) if m in FLOORS_NOT_MET else m
    for m in ALL_FLOORS
])
def test_floor_over_all_documents(run, measure: str) -> None:
    pairs = [p for d in DOCS for p in run[d][0]]
    s = score(pairs, sum(run[d][1] for d in DOCS), sum(run[d][2] for d in DOCS))
    assert s[measure] >= ALL_FLOORS[measure], f"{measure} = {s[measure]:.3f} < {ALL_FLOORS[measure]}"


@pytest.mark.parametrize("attr", EXACT)
@pytest.mark.parametrize("doc", DOCS)
def test_every_figure_but_the_known_failures(run, doc: str, attr: str) -> None:
    wrong = [(g["mention"], g["context"][-12:], g[attr], q[attr]) for g, q in run[doc][0]
             if _text(g[attr]) != _text(q[attr]) and not _known(doc, attr, g)]
    assert wrong == []


@pytest.mark.parametrize("doc, attr, mention, context, why", [
    pytest.param(*k, marks=pytest.mark.xfail(strict=True, reason=k[-1]), id=f"{k[0]}-{k[1]}-{k[2]}") for k in KNOWN
])
def test_known_failure(run, doc: str, attr: str, mention: str, context: str, why: str) -> None:
    hits = [(g, q) for g, q in run[doc][0] if g["mention"] == mention and g["context"].endswith(context)]
    assert len(hits) == 1, f"no matched gold figure {mention!r} after …{context}"
    g, q = hits[0]
    assert _text(g[attr]) == _text(q[attr])


def test_known_failures_name_gold_figures(run) -> None:
    for doc, _attr, mention, context, _why in KNOWN:
        assert sum(g["mention"] == mention and g["context"].endswith(context) for g, _q in run[doc][0]) == 1


def test_scorer_matches_by_multiset() -> None:
    gold = [{"value": 2, "value_max": None, "unit": "家", "bound": "exact", "period": "", "role": "actual",
             "topic": "", "article": "", "source": "", "metric": "公司"}] * 2
    pred = [dict(gold[0], bound="lower")]
    s = score(pair(pred, gold), len(pred), len(gold))
    assert (s["precision"], s["recall"], s["bound"]) == (1.0, 0.5, 0.0)


# ---------------------------------------------------------------------------------------------
# real documents of other kinds (tests/gold/SOURCES.md): a statistics release reported as news,
# a city's work report as reported (Markdown posts with HTML bodies), a saved web page

#: Per document, the floors it is held to. Where its figures stand (topic, article, source) is
#: held at 0.97 and above; the other measures at what the extractor reaches today.
REAL_FLOORS = {
    "sina-pmi-2021-08.md": {"f1": 0.96, "topic": 0.97, "article": 0.97, "source": 0.97,
                            "bound": 0.95, "period": 0.95, "role": 0.9, "metric": 0.5},
    "sina-shenzhen-2022-04.md": {"f1": 0.97, "topic": 0.97, "article": 0.97, "source": 0.97,
                                 "bound": 0.97, "period": 0.97, "role": 0.7, "metric": 0.8},
    "sxyz-2024-10-28.html": {"f1": 0.98, "topic": 0.97, "article": 0.97, "source": 0.97,
                             "bound": 0.97, "period": 0.97, "role": 0.97, "metric": 0.6},
}


@pytest.fixture(scope="module")
def real_results() -> dict[str, dict[str, float]]:
    out = {}
    for name in REAL_FLOORS:
        pred = extract_files([HERE / name]).to_dict("records")
        gold_path = (HERE / name).with_suffix(".jsonl")
        gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
        out[name] = score(pair(pred, gold), len(pred), len(gold))
    return out


@pytest.mark.parametrize("name, measure", [(n, m) for n, floors in REAL_FLOORS.items() for m in floors])
def test_real_document_floor(real_results: dict[str, dict[str, float]], name: str, measure: str) -> None:
    got = real_results[name][measure]
    assert got >= REAL_FLOORS[name][measure], f"{name}: {measure} = {got:.3f} < {REAL_FLOORS[name][measure]}"

"""End-to-end accuracy on the sample newsletter against its hand-checked gold annotations.

The matching rule is the spec's (``shared/spec/indicator-table.md``, "Gold files"): per
document, predicted and gold figures match on (value, value_max, unit) as a multiset, paired in
document order; attributes are compared over matched pairs with white space ignored, and
``metric`` counts as right when its character-bigram Dice overlap with gold's is at least 0.5.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from pathlib import Path

import pytest

from extract import extract_files

HERE = Path(__file__).parent / "gold"
DOC = HERE / "jsvc-2025-01.txt"
GOLD = HERE / "jsvc-2025-01.jsonl"

#: The floors the suite enforces; a regression below any of them fails CI.
FLOORS = {
    "precision": 0.95, "recall": 0.95, "f1": 0.97,
    "bound": 0.97, "topic": 0.98, "article": 0.98, "source": 0.98,
    "period": 0.95, "role": 0.95, "metric": 0.85,
}


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


def score(pred: list[dict], gold: list[dict]) -> dict[str, float]:
    """Detection P/R/F1 and attribute accuracies, by the spec's matching rule."""
    by_p, by_g = defaultdict(list), defaultdict(list)
    for r in pred:
        by_p[_key(r["value"], r["value_max"], r["unit"])].append(r)
    for r in gold:
        by_g[_key(r["value"], r["value_max"], r["unit"])].append(r)
    pairs = []
    for k, gs in by_g.items():
        pairs.extend(zip(gs, by_p.get(k, []), strict=False))
    tp = len(pairs)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold) if gold else 0.0
    out = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}
    for a in ("bound", "period", "role", "topic", "article", "source"):
        out[a] = sum(_text(g[a]) == _text(q[a]) for g, q in pairs) / tp
    out["metric"] = sum(dice(g["metric"], q["metric"]) >= 0.5 for g, q in pairs) / tp
    return out


@pytest.fixture(scope="module")
def result() -> dict[str, float]:
    table = extract_files([DOC])
    pred = table.to_dict("records")
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    return score(pred, gold)


@pytest.mark.parametrize("measure", list(FLOORS))
def test_accuracy_floor(result: dict[str, float], measure: str) -> None:
    assert result[measure] >= FLOORS[measure], f"{measure} = {result[measure]:.3f} < {FLOORS[measure]}"


def test_scorer_matches_by_multiset() -> None:
    gold = [{"value": 2, "value_max": None, "unit": "家", "bound": "exact", "period": "", "role": "actual",
             "topic": "", "article": "", "source": "", "metric": "公司"}] * 2
    pred = [dict(gold[0], bound="lower")]
    s = score(pred, gold)
    assert (s["precision"], s["recall"], s["bound"]) == (1.0, 0.5, 0.0)


# ---------------------------------------------------------------------------------------------
# real documents of other kinds (tests/gold/SOURCES.md): a statistics release reported as news,
# a city's work report as reported (Markdown posts with HTML bodies), a saved web page

#: Per document, the floors it is held to. Where its figures stand (topic, article, source) is
#: held at 0.97 and above; the other measures at what the extractor reaches today.
REAL_FLOORS = {
    "sina-pmi-2021-08.md": {"f1": 0.94, "topic": 0.97, "article": 0.97, "source": 0.97,
                            "bound": 0.95, "period": 0.95, "role": 0.9, "metric": 0.5},
    "sina-shenzhen-2022-04.md": {"f1": 0.94, "topic": 0.97, "article": 0.97, "source": 0.97,
                                 "bound": 0.97, "period": 0.97, "role": 0.65, "metric": 0.8},
    "sxyz-2024-10-28.html": {"f1": 0.95, "topic": 0.97, "article": 0.97, "source": 0.97,
                             "bound": 0.97, "period": 0.8, "role": 0.97, "metric": 0.6},
}


@pytest.fixture(scope="module")
def real_results() -> dict[str, dict[str, float]]:
    out = {}
    for name in REAL_FLOORS:
        pred = extract_files([HERE / name]).to_dict("records")
        gold_path = (HERE / name).with_suffix(".jsonl")
        gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
        out[name] = score(pred, gold)
    return out


@pytest.mark.parametrize("name, measure", [(n, m) for n, floors in REAL_FLOORS.items() for m in floors])
def test_real_document_floor(real_results: dict[str, dict[str, float]], name: str, measure: str) -> None:
    got = real_results[name][measure]
    assert got >= REAL_FLOORS[name][measure], f"{name}: {measure} = {got:.3f} < {REAL_FLOORS[name][measure]}"

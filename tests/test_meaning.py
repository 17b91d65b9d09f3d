"""Meaning of figures: the API of ``extract.meaning.annotate`` and its accuracy on the gold sample.

The accuracy test rebuilds each gold figure's sentence from the committed sample
(``tests/gold/jsvc-2025-01.txt``, hard-wrapped with a blank line after every line), finds the figure
by the gold ``context`` + ``mention``, calls ``annotate`` with the spans of all gold figures of that
sentence, and compares period, role and metric (metric: character-bigram Dice ≥ 0.5) with the gold.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from helpers import assert_linear, spans
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.meaning import Meaning, annotate, find_subjects

GOLD = Path(__file__).parent / "gold"
DOC_YEAR = 2025  # the sample is the January 2025 issue


def dice(a: str, b: str) -> float:
    """Character-bigram Dice overlap of ``a`` and ``b``, white space ignored, as the shared scorer computes it."""
    def grams(s: str) -> set[str]:
        s = "".join(s.split())
        return {s[i:i + 2] for i in range(len(s) - 1)} or ({s} if s else set())

    x, y = grams(a), grams(b)
    if not x and not y:
        return 1.0
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’]")
_END_LINE = re.compile(r"[。！？][”’」』\"]*$")
_SENT_END = re.compile(r"[。！？!?]+[”’」』\"']*|\n")


def join_lines(raw: str) -> str:
    """The sample's text with wrapped lines joined; a paragraph (short or closed line) ends in ``\\n``."""
    lines = [ln.rstrip() for ln in raw.split("\n") if ln.strip()]
    widths = sorted(len(ln) for ln in lines)
    width = widths[int(len(widths) * 0.9)]
    out: list[str] = []
    for i, ln in enumerate(lines):
        out.append(ln)
        if _END_LINE.search(ln) or len(ln) < 0.75 * width:
            out.append("\n")
        elif i + 1 < len(lines) and not (_CJK.match(ln[-1]) or _CJK.match(lines[i + 1].lstrip()[:1] or "a")):
            out.append(" ")
    return "".join(out)


def gold_sentences() -> list[tuple[str, list[tuple[int, int, dict]]]]:
    """Each sentence of the sample that holds gold figures, with their spans and gold rows."""
    text = join_lines((GOLD / "jsvc-2025-01.txt").read_text(encoding="utf-8"))
    rows = [json.loads(x) for x in (GOLD / "jsvc-2025-01.jsonl").read_text(encoding="utf-8").splitlines() if x]
    keep = [i for i, c in enumerate(text) if not c.isspace()]
    squeezed = "".join(text[i] for i in keep)
    groups: dict[tuple[int, int], list[tuple[int, int, dict]]] = {}
    pos = 0
    for g in rows:
        ctx, men = "".join(g["context"].split()), "".join(g["mention"].split())
        k = squeezed.find(ctx + men, pos)
        assert k >= 0, f"gold figure not found: {g['context']}|{g['mention']}"
        pos = k + 1
        start, end = keep[k + len(ctx)], keep[k + len(ctx) + len(men) - 1] + 1
        a = 0
        for m in _SENT_END.finditer(text, 0, start):
            a = m.end()
        m = _SENT_END.search(text, end)
        b = m.end() if m else len(text)
        groups.setdefault((a, b), []).append((start - a, end - a, g))
    return [(text[a:b], figs) for (a, b), figs in groups.items()]


def test_gold_accuracy():
    n = period = role = metric = 0
    for sentence, figs in gold_sentences():
        got = annotate(sentence, [(a, b, g["unit"]) for a, b, g in figs], doc_year=DOC_YEAR)
        assert len(got) == len(figs)
        for (_a, _b, g), m in zip(figs, got, strict=True):
            n += 1
            period += m.period == g["period"]
            role += m.role == g["role"]
            metric += dice(m.metric, g["metric"]) >= 0.5
    assert n == 77
    assert period / n >= 0.95, period / n
    assert role / n >= 0.95, role / n
    assert metric / n >= 0.85, metric / n


def test_gold_accuracy_without_doc_year():
    """Nothing in the sample needs the document's year except bare months; roles hold without it."""
    n = role = 0
    for sentence, figs in gold_sentences():
        got = annotate(sentence, [(a, b, g["unit"]) for a, b, g in figs])
        for (_a, _b, g), m in zip(figs, got, strict=True):
            n += 1
            role += m.role == g["role"]
    assert role / n >= 0.95


def test_gold_accuracy_through_the_pipeline():
    """The same thresholds on the rows the whole extractor produces, matched to gold as the scorer does."""
    from extract import extract_text

    text = (GOLD / "jsvc-2025-01.txt").read_text(encoding="utf-8")
    rows = [json.loads(x) for x in (GOLD / "jsvc-2025-01.jsonl").read_text(encoding="utf-8").splitlines() if x]
    df = extract_text(text, "jsvc-2025-01.txt")

    def key(value, value_max, unit) -> tuple:
        vm = None if value_max is None or value_max != value_max else float(f"{value_max:.6g}")
        return float(f"{value:.6g}"), vm, str(unit).replace("％", "%")

    pred: dict[tuple, list[dict]] = defaultdict(list)
    for r in df.to_dict("records"):
        pred[key(r["value"], r["value_max"], r["unit"])].append(r)
    pairs = []
    for g in rows:
        got = pred.get(key(g["value"], g["value_max"], g["unit"]))
        if got:
            pairs.append((g, got.pop(0)))
    if len(pairs) < 0.9 * len(rows):
        pytest.skip(f"the figure extractor finds {len(pairs)} of {len(rows)} gold figures")
    n = len(pairs)
    assert sum(p["period"] == g["period"] for g, p in pairs) / n >= 0.95
    assert sum(p["role"] == g["role"] for g, p in pairs) / n >= 0.95
    assert sum(dice(p["metric"], g["metric"]) >= 0.5 for g, p in pairs) / n >= 0.85


def test_dice():
    assert dice("战略性新兴产业投资", "战略性新兴产业投资") == 1
    assert dice("AI 市场规模", "AI市场规模") == 1
    assert dice("导演", "其他导演") == 0.5
    assert dice("", "x") == 0


# --- the interface --------------------------------------------------------------------------

def test_no_spans():
    assert annotate("2024年，全国粮食产量再创新高。", []) == []


def test_one_meaning_per_span_in_given_order():
    s = "2024年，甲产品产量100万吨，乙产品产量50万吨。"
    a, b = s.index("100万吨"), s.index("50万吨")
    spans = [(b, b + 4, "吨"), (a, a + 5, "吨")]  # out of order on purpose
    got = annotate(s, spans, doc_year=2024)
    assert [m.metric for m in got] == ["乙产品产量", "甲产品产量"]
    assert all(isinstance(m, Meaning) and m.period == "2024" and m.role == "actual" for m in got)


def test_meaning_is_frozen():
    m = Meaning()
    assert (m.period, m.role, m.metric, m.subject) == ("", "actual", "", "")
    with pytest.raises(AttributeError):
        m.role = "target"  # type: ignore[misc]


# --- subject ----------------------------------------------------------------------------------



@pytest.mark.parametrize("sentence, mention, subject", [
    ("2024年，中央企业完成固定资产投资5.3万亿元。", "5.3万亿元", "中央企业"),
    ("截至2024年底，江苏省累计建成5G基站25万个。", "25万个", "江苏省"),
    ("北京市全年地区生产总值增长5.2%。", "5.2%", "北京市"),
    ("中国石油化工集团有限公司上半年实现营业收入1.5万亿元。", "1.5万亿元", "中国石油化工集团有限公司"),
    ("全年新增上市公司120家。", "120家", ""),
    ("城市居民人均可支配收入增长4.6%。", "4.6%", ""),
])
def test_subject(sentence, mention, subject):
    (m,) = annotate(sentence, spans(sentence, [mention]), doc_year=2024)
    assert m.subject == subject


def test_subject_is_the_nearest_name_before_the_figure():
    s = "广东省地区生产总值增长3.5%，浙江省增长5.5%。"
    got = annotate(s, spans(s, ["3.5%", "5.5%"]), doc_year=2024)
    assert [m.subject for m in got] == ["广东省", "浙江省"]
    assert [name for _a, _b, name in find_subjects(s)] == ["广东省", "浙江省"]


# --- speed --------------------------------------------------------------------------------------

ADVERSARIAL = {
    "one long list": "增长18.7%，投资2万亿元，" * 10_000,
    "a cue, then items": "预计" + "投资2万亿元；" * 10_000,
    "a list cue": "目标是：" + "投资2万亿元；" * 10_000,
    "years": "2024年投资2万亿元，" * 10_000,
    "bare quarters": "2024年投资5个；一季度增长5%；" * 5_000,
    "titles": "《2024年行动计划》投资5个，" * 10_000,
    "names": "江苏省投资5个，上市公司" * 10_000,
}
_FIG = re.compile(r"\d+(?:\.\d+)?(?:万亿|亿|万)?(?:元|%|个)")


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_linear_time_on_one_huge_sentence(name):
    def run(s: str) -> None:
        found = [(m.start(), m.end(), m.group()[-1]) for m in _FIG.finditer(s)]
        assert len(annotate(s, found, doc_year=2024)) == len(found)

    s = ADVERSARIAL[name]
    assert_linear(run, s[: len(s) // 4], s)  # per figure work is constant


# --- robustness ---------------------------------------------------------------------------------

_ALPHABET = ("0123456789一二三四五六七八九十〇年月季度前上下半全今去明到至截底末“”《》（）：；，。、"
             "要将预计目标力争需要占比同比增长的在由从和及为个元%")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60), st.lists(st.tuples(st.integers(0, 60), st.integers(1, 6)), max_size=6),
       st.one_of(st.none(), st.integers(1990, 2035)))
def test_never_raises(sentence, raw_spans, doc_year):
    spans = []
    for a, n in sorted(raw_spans):
        a = min(a, len(sentence))
        if spans and a < spans[-1][1]:
            continue
        spans.append((a, min(a + n, len(sentence)), "个"))
    got = annotate(sentence, spans, doc_year=doc_year)
    assert len(got) == len(spans)
    for m in got:
        assert m.role in ("actual", "target", "forecast")
        assert m.period == "" or re.fullmatch(r"\d{4}(-\d{2})?(/\d{4}(-\d{2})?)?", m.period)
        assert "\x00" not in m.metric


def test_language_data_is_clean():
    """Every word list in ``data/meaning.toml`` holds non-empty strings without repeats."""
    from extract import lexicon

    for section, table in lexicon.load("meaning").items():
        for key, value in table.items():
            if isinstance(value, list) and value and isinstance(value[0], str):
                assert all(w and w == w.strip() for w in value), (section, key)
                assert len(set(value)) == len(value), (section, key, [w for w in value if value.count(w) > 1])


@pytest.mark.parametrize(("sentence", "subject"), [
    ("中国船舶管理的二级单位户数已由147户减至84户。", "中国船舶"),
    ("中国智算中心市场投资规模达879亿元。", "中国"),
])
def test_enterprise_names_without_suffix(sentence: str, subject: str) -> None:
    from extract import extract_text

    assert set(extract_text(sentence)["subject"]) == {subject}

"""Invariants of every row, for any input: a grammar of Chinese numeric phrases, fuzzed with hypothesis.

In CI each property runs a bounded number of examples (a few seconds). For a long run set
``ZHIBIAO_FUZZ_MINUTES`` (e.g. ``ZHIBIAO_FUZZ_MINUTES=10 nice -n 19 python -m pytest tests/test_fuzz.py -s``):
the long test generates documents until the time is up and prints how many it checked.
"""

from __future__ import annotations

import calendar
import math
import os
import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import extract_text, parse_number
from extract.record import BOUNDS, ROLES

FUZZ_MINUTES = float(os.environ.get("ZHIBIAO_FUZZ_MINUTES", "0") or 0)
CI = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))

# ---------------------------------------------------------------- the grammar

_DIGITS = "零一二三四五六七八九"
_FULL = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


def _chinese(n: int) -> str:
    """``n`` (0 ≤ n < 10⁸) in Chinese numerals, as written: 一千二百三十四万五千六百."""
    if n == 0:
        return "零"
    out, zero = "", False
    for unit, size in (("万", 10**4), ("", 1)):
        part = n // size % 10**4
        if not part:
            zero = bool(out)
            continue
        for u, s in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
            d = part // s % 10
            if d:
                if zero:
                    out += "零"
                out += _DIGITS[d] + u
                zero = False
            elif out:
                zero = True
        out += unit
        zero = False
    return out[1:] if out.startswith("一十") else out


_arabic = st.one_of(
    st.integers(0, 10**7).map(str),
    st.tuples(st.integers(0, 99999), st.integers(0, 999)).map(lambda t: f"{t[0]}.{t[1]}"),
    st.integers(1000, 10**9).map(lambda n: f"{n:,}"),
)
_number = st.one_of(
    _arabic,
    _arabic.map(lambda s: s.translate(_FULL)),
    st.integers(0, 10**8 - 1).map(_chinese),
    st.sampled_from(["两", "几十", "十几", "数十", "三四", "一半", "百分之十八点七", "七成六", "三分之一"]),
)
_magnitude = st.sampled_from(["", "", "万", "亿", "万亿", "千万", "百万", "千"])
_unit = st.sampled_from(["元", "亿元", "美元", "%", "％", "个百分点", "家", "个", "人", "吨", "年", "倍", "千瓦", "平方米",
                         "万人次", "岁", "项", ""])
_before = st.sampled_from(["", "约", "超过", "近", "不到", "逾", "突破", "达到", "同比增长", "下降", "负", "-", "+"])
_after = st.sampled_from(["", "", "左右", "以上", "多", "余", "以下"])
_connector = st.sampled_from(["-", "—", "～", "至", "到", "~"])
_space = st.sampled_from(["", "", " ", "  ", "\xa0", "\t", "\u3000", "\n"])
_metric = st.sampled_from(["营业收入", "固定资产投资", "新增就业", "城镇调查失业率", "粮食产量", "研发投入", "出口",
                           "居民人均可支配收入", "企业数量", "国内生产总值"])
_period = st.one_of(
    st.integers(1900, 2100).map(lambda y: f"{y}年"),
    st.tuples(st.integers(1990, 2099), st.integers(0, 14)).map(lambda t: f"{t[0]}年{t[1]}月"),
    st.tuples(st.integers(2000, 2099), st.integers(1, 13)).map(lambda t: f"{t[0]}年1至{t[1]}月"),
    st.sampled_from(["", "今年", "去年", "“十四五”时期", "全年", "一季度", "9999年", "2024年2月30日"]),
)
_role = st.sampled_from(["", "预计", "目标是", "力争", "计划", "已经"])


@st.composite
def _figure(draw) -> str:
    a = draw(_number)
    parts = [draw(_before), draw(_space), a, draw(_space), draw(_magnitude)]
    if draw(st.booleans()):  # a range, in either order
        parts += [draw(_connector), draw(_space), draw(_number), draw(_magnitude)]
    parts += [draw(_space), draw(_unit), draw(_after)]
    return "".join(parts)


@st.composite
def _sentence(draw) -> str:
    items = [draw(_period) + draw(st.sampled_from(["", "，"])) + draw(_role) + draw(_metric) + draw(_figure())
             for _ in range(draw(st.integers(1, 4)))]
    return "；".join(items) + draw(st.sampled_from(["。", "！", "", "\n", "。\n\n"]))


_noise = st.text(max_size=12)  # random Unicode between the phrases
_document = st.lists(st.one_of(_sentence(), _sentence(), _noise), min_size=1, max_size=6).map("".join)

# ---------------------------------------------------------------- the invariants

_CAL = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")


def _calendar(s: str) -> bool:
    """An ISO-like calendar value: ``2024``, ``2024-11``, ``2024-11-05`` or ``START/END`` of these."""
    if s == "":
        return True
    parts = s.split("/")
    if len(parts) > 2:
        return False
    for part in parts:
        m = _CAL.fullmatch(part)
        if m is None:
            return False
        y, mo, d = m.groups()
        if mo is not None and not 1 <= int(mo) <= 12:
            return False
        if d is not None and not 1 <= int(d) <= calendar.monthrange(int(y), int(mo))[1]:
            return False
    return True


def problems(text: str) -> list[str]:
    """Every broken invariant of the rows ``extract_text(text)`` gives (empty when all hold)."""
    out = []
    for r in extract_text(text).itertuples():
        if text[r.start:r.end] != r.mention:
            out.append(f"offsets {r.start}:{r.end} give {text[r.start:r.end]!r}, not {r.mention!r}")
        if not math.isfinite(r.value):
            out.append(f"value {r.value} of {r.mention!r}")
        if not math.isnan(r.value_max) and (not math.isfinite(r.value_max) or r.value_max < r.value):
            out.append(f"value_max {r.value_max} < value {r.value} in {r.mention!r}")
        if r.bound not in BOUNDS:
            out.append(f"bound {r.bound!r}")
        if r.role not in ROLES:
            out.append(f"role {r.role!r}")
        if not _calendar(r.period):
            out.append(f"period {r.period!r}")
        if not _calendar(r.doc_date):
            out.append(f"doc_date {r.doc_date!r}")
    return out


@CI
@given(_document)
def test_rows_keep_their_invariants(text: str) -> None:
    assert problems(text) == []


@CI
@given(st.text(alphabet=st.sampled_from(list("0123456789０１２３４５６７８９.,，%％十百千万亿两零一二三四五六七八九"
                                           "点负+-分之又多余几数成 \xa0年月元个")), max_size=16))
def test_random_numeral_strings_parse_to_a_finite_value_or_none(s: str) -> None:
    v = parse_number(s)
    assert v is None or math.isfinite(v)
    assert problems(f"营业收入{s}。") == []


@pytest.mark.skipif(not FUZZ_MINUTES, reason="long run: set ZHIBIAO_FUZZ_MINUTES")
def test_long_run() -> None:  # pragma: no cover
    count = broken = 0
    failures: list[tuple[str, list[str]]] = []

    @settings(max_examples=500, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(_document)
    def batch(text: str) -> None:
        nonlocal count, broken
        count += 1
        found = problems(text)
        broken += bool(found)
        if found and len(failures) < 50:
            failures.append((text, found))

    deadline = time.monotonic() + 60 * FUZZ_MINUTES
    while time.monotonic() < deadline:
        batch()
    kinds: dict[str, int] = {}
    for _, found in failures:
        for f in found:
            kinds[f.split(" ")[0]] = kinds.get(f.split(" ")[0], 0) + 1
    print(f"\nfuzz: {count} documents in {FUZZ_MINUTES:g} min; {broken} with a broken invariant; "
          f"by kind, in those kept: {kinds}")
    for text, found in failures[:10]:
        print(repr(text), found)
    assert broken == 0


# ---------------------------------------------------------------- tables

MALFORMED = ["十一十一", "亿亿亿", "1亿亿亿", "++1", "--1", "+-1", "负负1", "百分之百分之五", "一百二百", "亿万", "三万万万"]


@pytest.mark.parametrize("s", MALFORMED)
def test_malformed_numerals_are_none(s: str) -> None:
    assert parse_number(s) is None


WELL_FORMED = [("一千二百三十四万五千六百", 12345600), ("四万万", 4e8), ("一万五千亿", 1.5e12), ("五千万亿", 5e15),
               ("两万多亿", 2e12), ("十几亿", 1e9), ("一百分之二", 0.02), ("百分之百", 100), ("-3.9", -3.9),
               ("负3.9", -3.9), ("+5", 5), ("3又一千分之23", 3.023)]


@pytest.mark.parametrize(("s", "value"), WELL_FORMED)
def test_well_formed_numerals_still_parse(s: str, value: float) -> None:
    assert parse_number(s) == pytest.approx(value, rel=1e-12)


# (text, the rows' (mention, value, unit) it must give)
FIGURES = [
    ("营业收入281百万美元。", [("281百万美元", 2.81e8, "美元")]),
    # no-break, thin and narrow no-break spaces between a number and its unit are layout spaces
    ("营业收入281百万\xa0美元。", [("281百万\xa0美元", 2.81e8, "美元")]),
    ("同比增长\u20095.2\u2009%。", [("5.2\u2009%", 5.2, "%")]),
    ("投资约2\u202f万亿元。", [("约2\u202f万亿元", 2e12, "元")]),
    ("发布日期：2024年13月5日\n营业收入增长5%。", [("5%", 5.0, "%")]),
    ("投资增长8-5%。", [("8-5%", 5.0, "%")]),  # a reversed range is read in order: 5 to 8
]
KNOWN_FAILURES = [
    ("公元9999年完成。", []),  # 9999年 is no duration of 9999 years: the year rule only knows 1500–2199
]


def _rows(text: str) -> list[tuple[str, float, str]]:
    df = extract_text(text)
    return list(zip(df["mention"], df["value"], df["unit"], strict=True))


@pytest.mark.parametrize(("text", "rows"), FIGURES)
def test_figures(text: str, rows: list) -> None:
    assert _rows(text) == rows
    assert problems(text) == []


@pytest.mark.xfail(strict=True)
@pytest.mark.parametrize(("text", "rows"), KNOWN_FAILURES)
def test_known_failures(text: str, rows: list) -> None:
    assert _rows(text) == rows and problems(text) == []


def test_invalid_calendar_values_never_reach_a_row() -> None:
    df = extract_text("2024年13月\n营业收入增长5%。")
    assert df["doc_date"].tolist() == ["2024"]

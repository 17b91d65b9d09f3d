"""Sentences to figures: every unit family, ranges, qualifiers, exclusions, and robustness."""

from decimal import Decimal
from pathlib import Path

import pytest
from helpers import assert_linear
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import extract_text
from extract.figures import find_quantities

# (sentence, [(mention, value, value_max, unit, bound), ...])
CASES = [
    # a year is no figure, its zero written 〇 or ○; a four-digit number of years below the calendar range is one
    ("二○二四年，全市生产总值增长5%。", [("5%", 5.0, None, "%", "exact")]),
    ("该寺已有1200年历史。", [("1200年", 1200.0, None, "年", "exact")]),
    ("一○○个村完成改造。", [("一○○个", 100.0, None, "个", "exact")]),
    # money with magnitudes and currencies
    ("全年完成投资 2 万亿元。", [("2 万亿元", 2e12, None, "元", "exact")]),
    ("市场规模达879亿元。", [("879亿元", 8.79e10, None, "元", "exact")]),
    ("市场规模将达到 24 亿美元。", [("24 亿美元", 2.4e9, None, "美元", "exact")]),
    ("签约金额8亿元人民币。", [("8亿元人民币", 8e8, None, "元", "exact")]),
    ("对外投资1万亿日元。", [("1万亿日元", 1e12, None, "日元", "exact")]),
    ("融资约 320 亿元。", [("约 320 亿元", 3.2e10, None, "元", "approx")]),
    ("总资产超 2万亿元。", [("超 2万亿元", 2e12, None, "元", "lower")]),
    ("投入数十亿元。", [("数十亿元", 1e9, 1e10, "元", "approx")]),
    ("收入三千五百亿元。", [("三千五百亿元", 3.5e11, None, "元", "exact")]),
    # percentages and points
    ("同比增长18.7%。", [("18.7%", 18.7, None, "%", "exact")]),
    ("占比１６．４％。", [("１６．４％", 16.4, None, "%", "exact")]),
    ("贡献率约为 14%-17%。", [("约为 14%-17%", 14, 17, "%", "approx")]),
    ("优化幅度超过 50%以上。", [("超过 50%以上", 50, None, "%", "lower")]),
    ("增速达到百分之十八点七。", [("百分之十八点七", 18.7, None, "%", "exact")]),
    ("失业率下降2.4个百分点。", [("2.4个百分点", 2.4, None, "百分点", "exact")]),
    ("占全国约四成。", [("约四成", 40, None, "%", "approx")]),
    ("占比七成六。", [("七成六", 76, None, "%", "exact")]),
    ("利润增长负3.9%。", [("负3.9%", -3.9, None, "%", "exact")]),
    ("自然增长率为-0.99‰。", [("-0.99‰", -0.99, None, "‰", "exact")]),
    ("不良率千分之二。", [("千分之二", 2, None, "‰", "exact")]),
    ("独角兽企业占全国超半数。", [("超半数", 50, None, "%", "lower")]),
    ("产量是去年的2倍。", [("2倍", 2, None, "倍", "exact")]),
    # counts with measure words
    ("已投运项目近 150 个。", [("近 150 个", 150, None, "个", "upper")]),
    ("培育 10 家左右上市公司。", [("10 家左右", 10, None, "家", "approx")]),
    ("其他八位导演参加。", [("八位", 8, None, "位", "exact")]),
    ("科学家数量达到 431 人次。", [("431 人次", 431, None, "人次", "exact")]),
    ("有 20 余所高校。", [("20 余所", 20, None, "所", "lower")]),
    ("搭载十余名科学家。", [("十余名", 10, None, "名", "lower")]),
    ("用户规模达 2.3 亿人。", [("2.3 亿人", 2.3e8, None, "人", "exact")]),
    ("两三个项目在建。", [("两三个", 2, 3, "个", "exact")]),
    ("全国6600多万纳税人受益。", [("6600多万纳税人", 6.6e7, None, "人", "lower")]),
    ("已有近千家企业入驻。", [("近千家", 1000, None, "家", "upper")]),
    ("累计投资超万亿元。", [("超万亿元", 1e12, None, "元", "lower")]),
    ("市值突破千亿元。", [("突破千亿元", 1e11, None, "元", "lower")]),
    ("参与者逾百万人。", [("逾百万人", 1e6, None, "人", "lower")]),
    ("近百年来屡见不鲜。", [("近百年", 100, None, "年", "upper")]),
    ("惠及上千万家庭。", [("上千万家庭", 1e7, None, "户", "lower")]),
    ("脱贫人口务工规模超过3300万，保持稳定。", [("超过3300万", 3.3e7, None, "人", "lower")]),
    ("中等收入群体超过4亿。", [("超过4亿", 4e8, None, "人", "lower")]),
    # a bare 万/亿 number in a clause about money is 元
    ("深圳GDP首次超过三万亿。", [("超过三万亿", 3e12, None, "元", "lower")]),
    ("全年营业收入突破1.2万亿，增长6%。", [("突破1.2万亿", 1.2e12, None, "元", "lower"), ("6%", 6, None, "%", "exact")]),
    ("全年进出口总额41.8万亿。", [("41.8万亿", 4.18e13, None, "元", "exact")]),
    ("园区规模超过300万。", []),
    ("建成5G基站337万个。", [("337万个", 3.37e6, None, "个", "exact")]),
    # physical and technical units
    ("岩芯长达 1268 米。", [("1268 米", 1268, None, "米", "exact")]),
    ("钻探深度突破 1万米。", [("突破 1万米", 1e4, None, "米", "lower")]),
    ("新增算力约为 2万 PFlops。", [("约为 2万 PFlops", 2e4, None, "PFlops", "approx")]),
    ("装机容量100万千瓦。", [("100万千瓦", 1e6, None, "千瓦", "exact")]),
    ("线路全长5千米。", [("5千米", 5, None, "千米", "exact")]),
    ("粮食产量6.5亿吨。", [("6.5亿吨", 6.5e8, None, "吨", "exact")]),
    ("改造农田1亿亩。", [("1亿亩", 1e8, None, "亩", "exact")]),
    # durations and ages
    ("生命周期一般 5-10 年。", [("5-10 年", 5, 10, "年", "exact")]),
    ("周期为5至10年。", [("5至10年", 5, 10, "年", "exact")]),
    ("现年 49 岁。", [("49 岁", 49, None, "岁", "exact")]),
    ("他的年龄不小于三十岁。", [("不小于三十岁", 30, None, "岁", "lower")]),
    ("参赛者须在18岁以上。", [("18岁以上", 18, None, "岁", "lower")]),
    ("一个两分钟的故事。", [("两分钟", 2, None, "分钟", "exact")]),
    ("连续 8年蝉联榜首。", [("8年", 8, None, "年", "exact")]),
    ("近 30 年来一直试图攻克。", [("近 30 年", 30, None, "年", "upper")]),
    ("提前一年完成目标。", [("一年", 1, None, "年", "exact")]),
    ("工期3个月。", [("3个月", 3, None, "个月", "exact")]),
    # traditional characters (Big5 documents)
    ("糧食產量6.5億噸，約四成。", [("6.5億噸", 6.5e8, None, "吨", "exact"), ("約四成", 40, None, "%", "approx")]),
    ("新增就業超過1200萬人。", [("超過1200萬人", 1.2e7, None, "人", "lower")]),
    # money in 元, 角 and 分; a share of a hundred per cent; equations that define no unit
    ("售价五元三毛。", [("五元三毛", 5.3, None, "元", "exact")]),
    ("票价50元6角三分。", [("50元6角三分", 50.63, None, "元", "exact")]),
    ("任务百分之百完成。", [("百分之百", 100, None, "%", "exact")]),
    ("百分之2等于2%。", [("百分之2", 2, None, "%", "exact"), ("2%", 2, None, "%", "exact")]),
    # doubling N times is 2^N times
    ("全国财政收入十年接近翻一番。", [("接近翻一番", 2, None, "倍", "upper")]),
    ("经济总量翻了一番。", [("翻了一番", 2, None, "倍", "exact")]),
    ("力争实现翻两番。", [("翻两番", 4, None, "倍", "exact")]),
    # an exchange rate: the one unit it is stated for is no figure, the amount is
    ("全年人民币平均汇率为1美元兑7.1217元人民币。", [("7.1217元人民币", 7.1217, None, "元", "exact")]),
    ("100美元兑换成人民币。", [("100美元", 100, None, "美元", "exact")]),
    ("共１１１，１１１个。", [("１１１，１１１个", 111111, None, "个", "exact")]),
    ("增长20，300家企业受益。", [("300家", 300, None, "家", "exact")]),
    # several figures in one sentence
    ("上市企业 46 家，总市值约 4.3 万亿元。",
     [("46 家", 46, None, "家", "exact"), ("约 4.3 万亿元", 4.3e12, None, "元", "approx")]),
]

EXCLUDED = [
    "2024 年 1 至 11 月，情况良好。",  # calendar expressions
    "二〇二五年是收官之年。",
    "2025 年底前全面推行。",
    "已完成该公司第二例手术。",  # ordinals
    "第 30 次缔约方大会。",
    "党的二十届三中全会提出。",
    "5G、VR/AR 等技术。",  # names and codes
    "H3 火箭试射成功。",
    "“十四五”规划纲要提出。",
    "中广核“6+1”产业。",
    "“1+M+N”服务体系。",
    "实施“2030 先锋工程”。",
    "加快国有资本“三个集中”。",
    "七大产业发展计划。",  # set names
    "入选年度十大突破。",
    "沉寂千年的陶俑。",  # figures of speech
    "百年未有之大变局。",
    "打破千年沉寂。",
    "赋能千行百业。",
    "一个小团队，一批企业，一系列举措。",  # 一 meaning "a"
    "新的一年，改革继续深化。",
    "（1PFlops 等于 1千万亿次浮点指令/秒）",  # unit definitions
    "电话：025-83303470",  # phone numbers and postcodes
    "邮编：210013",
    "反超氦-4 的首个证据。",
    "多项认知空白。",  # no number stated
    "三年实施方案目标。",  # the name of a plan
    "每千人口拥有3岁以下婴幼儿托位数。",  # an age group
    "60岁以上老年人口。",
]


def _rows(text: str) -> list[tuple]:
    df = extract_text(text)
    out = []
    for r in df.itertuples():
        vm = None if r.value_max != r.value_max else r.value_max
        out.append((r.mention, r.value, vm, r.unit, r.bound))
        assert text[r.start:r.end] == r.mention
    return out


@pytest.mark.parametrize(("text", "want"), CASES, ids=[c[0] for c in CASES])
def test_sentence_rows(text: str, want: list[tuple]) -> None:
    got = _rows(text)
    assert [(u, v, vm, un, b) for u, v, vm, un, b in got] == [
        (m, pytest.approx(v, rel=1e-12), vm, u, b) for m, v, vm, u, b in want
    ]


@pytest.mark.parametrize("text", EXCLUDED)
def test_not_figures(text: str) -> None:
    assert _rows(text) == []


def test_figure_across_hard_wrap() -> None:
    text = "截至 2024 年 11 月，备案的大模型已达到 252\n\n个，需求迅速增加。"
    df = extract_text(text)
    assert list(df["value"]) == [252.0]
    r = df.iloc[0]
    assert text[r.start:r.end] == r.mention


# the sample newsletter with its line breaks removed: one line of real text
_LINE = (Path(__file__).parent / "gold" / "jsvc-2025-01.txt").read_text(encoding="utf-8").replace("\n", "")

ADVERSARIAL = {
    "digits": "1" * 1_000_000,
    "wan": "万" * 1_000_000,
    "mixed numerals": "一二三四五六七八九十百千万亿零" * 70_000,
    "one line": (_LINE * 20_000)[:1_000_000],
    "percent signs": "%" * 1_000_000,
    "dashes": "-" * 1_000_000,
    "zhi": "至" * 1_000_000,
    "qualifiers": "超过约近左右以上" * 125_000,
}


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_linear_time_on_adversarial_input(name: str) -> None:
    """Four times the hostile input costs about four times the time, not sixteen (no backtracking blow-up).

    A ratio of CPU times is compared, never an absolute time (``helpers.assert_linear``).
    """
    text = ADVERSARIAL[name]
    n = 100_000
    assert len(text) >= 4 * n
    assert_linear(extract_text, text[:n], text[: 4 * n])


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_never_raises(text: str) -> None:
    df = extract_text(text)
    for r in df.itertuples():
        assert text[r.start:r.end] == r.mention


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="0123456789一二三四五六七八九十百千万亿零点.%％个元年-至约超近多余左右 \n，。", max_size=80))
def test_never_raises_on_numeral_soup(text: str) -> None:
    extract_text(text)


# One table per named rule of extract.figures.Figures._quantity: (text, (value, value_max, unit) of its figures).
QUANTITY_RULES = {
    # _unit_ends_it: a unit before a range connector with no unit after it ends the figure
    "_unit_ends_it": [("2万亿元-3", [(Decimal("2e12"), None, "元")]),
                      ("1.2-1.5万人", [(Decimal("12000"), Decimal("15000"), "人")])],
    # _amount: sign, half, a smaller unit, tenths and the unit's factor
    "_amount": [("负5%", [(Decimal("-5"), None, "%")]), ("零下4摄氏度", [(Decimal("-4"), None, "摄氏度")]),
                ("百分之负三点八", [(Decimal("-3.8"), None, "%")]), ("一个半小时", [(Decimal("1.5"), None, "小时")]),
                ("三米九", [(Decimal("3.9"), None, "米")]), ("七成六", [(Decimal("76"), None, "%")]),
                ("3.5亿元", [(Decimal("3.5e8"), None, "元")])],
}


@pytest.mark.parametrize("rule, text, expected",
                         [(rule, t, e) for rule, rows in QUANTITY_RULES.items() for t, e in rows])
def test_quantity_rule(rule: str, text: str, expected: list[tuple]) -> None:
    assert [(q.value, q.value_max, q.unit) for q in find_quantities(text)] == expected

"""Periods: the time expression before a figure, normalised (``extract.periods`` through ``annotate``)."""

from __future__ import annotations

import pytest
from helpers import spans
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.meaning import annotate
from extract.periods import find_periods, five_year_plan


def periods(sentence: str, mentions: list[str], doc_year: int | None = None) -> list[str]:
    return [m.period for m in annotate(sentence, spans(sentence, mentions), doc_year=doc_year)]


# (sentence, figures in it, doc_year, expected period of each figure)
CASES = [
    # a government work report's list: the year at its head carries to every item
    ("今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上；城镇调查失业率5.5%左右。",
     ["5%左右", "1200万人以上", "5.5%左右"], 2024, ["2024", "2024", "2024"]),
    ("今年发展主要预期目标是：国内生产总值增长5%左右。", ["5%左右"], None, [""]),
    ("全年国内生产总值1349084亿元，比上年增长5.0%。", ["1349084亿元", "5.0%"], 2024, ["2024", "2024"]),
    ("二〇二三年全省粮食总产量达到1.2亿吨。", ["1.2亿吨"], None, ["2023"]),
    ("２０２４年全市新增城镇就业２０万人。", ["２０万人"], None, ["2024"]),
    ("1—10月份，全国规模以上工业增加值同比增长5.8%。", ["5.8%"], 2024, ["2024-01/2024-10"]),
    ("1-11月，全省完成固定资产投资8000亿元。", ["8000亿元"], None, [""]),
    ("2023年一季度，社会消费品零售总额114922亿元，同比增长5.8%；3月份增长10.6%。",
     ["114922亿元", "5.8%", "10.6%"], None, ["2023-01/2023-03", "2023-01/2023-03", "2023-03"]),
    ("今年前三季度，全市实现地区生产总值3.2万亿元。", ["3.2万亿元"], 2024, ["2024-01/2024-09"]),
    ("今年前三季度，全市实现地区生产总值3.2万亿元。", ["3.2万亿元"], None, [""]),
    ("2024年前三季度，全国居民人均可支配收入30941元。", ["30941元"], None, ["2024-01/2024-09"]),
    ("2024年第三季度，全省外贸进出口4200亿元。", ["4200亿元"], None, ["2024-07/2024-09"]),
    ("上半年，规模以上工业增加值增长6.0%。", ["6.0%"], 2024, ["2024-01/2024-06"]),
    ("去年全年共接待游客4.5亿人次。", ["4.5亿人次"], 2025, ["2024"]),
    ("明年一季度预计完成投资300亿元。", ["300亿元"], 2024, ["2025-01/2025-03"]),
    ("截至2024年6月末，全国5G基站总数达391.7万个。", ["391.7万个"], None, ["2024-06"]),
    ("截至二〇二四年十一月底，全省累计发放贷款500亿元。", ["500亿元"], None, ["2024-11"]),
    ("2024年1至11月，全市新设经营主体12万户。", ["12万户"], None, ["2024-01/2024-11"]),
    ("2020年至2023年，全省累计完成投资1.2万亿元。", ["1.2万亿元"], None, ["2020/2023"]),
    ("2021—2025年，全市计划新建保障性住房5万套。", ["5万套"], None, ["2021/2025"]),
    ("到2027年，全省算力规模超过50EFlops。", ["50EFlops"], 2024, ["2027"]),
    ("2025年底前，全面完成1200个老旧小区改造。", ["1200个"], None, ["2025"]),
    ("2024 全年新增装机容量2.9亿千瓦。", ["2.9亿千瓦"], None, ["2024"]),
    ("“十四五”时期，全市数字经济核心产业增加值年均增长10%以上。", ["10%以上"], 2021, ["2021/2025"]),
    ("“十五五”期间，研发投入强度力争达到3.2%。", ["3.2%"], None, ["2026/2030"]),
    ("十四五期间累计建成高标准农田4.5亿亩。", ["4.5亿亩"], None, ["2021/2025"]),
    # 全年 and 年末 carry past ；, a bare quarter does not
    ("全年新能源汽车产量1316.8万辆，比上年增长38.7%；太阳能电池产量6.8亿千瓦，增长15.7%。",
     ["1316.8万辆", "38.7%", "6.8亿千瓦", "15.7%"], 2024, ["2024", "2024", "2024", "2024"]),
    ("年末全国就业人员73439万人。", ["73439万人"], 2024, ["2024"]),
    ("2023年末，全市常住人口2185.8万人，比上年末减少3.2万人。", ["2185.8万人", "3.2万人"], None, ["2023", "2023"]),
    ("2024年全市新增企业1.2万家；一季度融资320亿元；新增专利4.5万件。", ["1.2万家", "320亿元", "4.5万件"], None,
     ["2024", "2024-01/2024-03", "2024"]),
    ("过去一年，全市新增城镇就业15万人。", ["15万人"], 2024, ["2023"]),
    ("上半年，网上零售额7.1万亿元；其中，实物商品网上零售额5.96万亿元。", ["7.1万亿元", "5.96万亿元"], 2024,
     ["2024-01/2024-06", "2024-01/2024-06"]),
    # two time expressions: each figure takes the nearest before it
    ("2022年全省研发经费投入1200亿元，2023年达到1350亿元。", ["1200亿元", "1350亿元"], None, ["2022", "2023"]),
    ("2023年全年出口3.38万亿元，其中12月出口3300亿元。", ["3.38万亿元", "3300亿元"], None, ["2023", "2023-12"]),
    # a time expression after the figure is not its period
    ("新建5G基站42万个，超额完成2024年目标。", ["42万个"], None, [""]),
    # comparisons are not periods
    ("单位国内生产总值能耗较2020年下降13.5%。", ["13.5%"], None, [""]),
    ("2024年粮食产量比上年增加222亿斤。", ["222亿斤"], 2024, ["2024"]),
    ("粮食产量比上年增加222亿斤，与2020年相比增长5%。", ["222亿斤", "5%"], 2024, ["", ""]),
    ("赤字规模4.06万亿元，比上年年初预算增加1800亿元。", ["4.06万亿元", "1800亿元"], 2024, ["", ""]),
    ("全年工业增加值增长5.7%，增速比上年同期加快1.1个百分点。", ["5.7%", "1.1个百分点"], 2024, ["2024", "2024"]),
    # years that name something else
    ("确保2030年前碳达峰，非化石能源消费比重达到25%左右。", ["25%左右"], None, [""]),
    ("《数字经济发展规划（2023—2025年）》提出，数据要素市场规模突破500亿元。", ["500亿元"], None, [""]),
    ("行动方案（2024—2026年）提出，培育100家链主企业。", ["100家"], None, [""]),
    ("2024年世界人工智能大会期间，签约项目金额超过100亿元。", ["100亿元"], None, [""]),
    ("在2023 数字经济峰会上，发布成果30项。", ["30项"], None, [""]),
    ("2024 算力产业大会上，签约项目56个。", ["56个"], None, [""]),
    ("2024年世界机器人大会展出机器人1500余台。", ["1500余台"], None, [""]),
    ("《2024年中国算力发展报告》显示，我国算力总规模达到280EFlops。", ["280EFlops"], None, [""]),
    # durations are not periods
    ("全省出口连续两年增长8%以上。", ["8%以上"], None, [""]),
    ("近5年来，全市累计引进人才12万人。", ["12万人"], None, [""]),
]


@pytest.mark.parametrize("sentence, mentions, doc_year, expected", CASES)
def test_period(sentence, mentions, doc_year, expected):
    assert periods(sentence, mentions, doc_year) == expected


# (sentence, figures, year of issue, year the text is about, expected periods): a year of issue and a
# reported year that differ, as in a communiqué issued in 2025 on 2024 or a report reviewing last year
ISSUED_AND_ABOUT = [
    ("全年国内生产总值1349084亿元，比上年增长5.0%。", ["1349084亿元", "5.0%"], 2025, 2024, ["2024", "2024"]),
    ("年末全国就业人员73439万人。", ["73439万人"], 2025, 2024, ["2024"]),
    ("12月份，新建商品住宅销售价格环比上涨的城市个数为2个。", ["2个"], 2025, 2024, ["2024-12"]),
    ("一季度，国内生产总值同比增长5.3%。", ["5.3%"], 2025, 2024, ["2024-01/2024-03"]),
    ("截至6月底，全国累计建成5G基站391万个。", ["391万个"], 2023, 2023, ["2023-06"]),
    ("今年发展主要预期目标是：国内生产总值增长5%左右。", ["5%左右"], 2025, 2024, ["2025"]),
    ("去年新增减税降费超过1万亿元。", ["超过1万亿元"], 2022, 2021, ["2021"]),
    ("全年国内生产总值增长3%，年末城镇调查失业率降到5.5%。", ["3%", "5.5%"], 2023, 2022, ["2022", "2022"]),
    # spans counted back from the year of issue: 过去五年, 五年来, 十年来
    ("过去五年，全国城镇新增就业累计6500万人。", ["6500万人"], 2023, 2022, ["2018/2022"]),
    ("五年来，全国脱贫人口累计9899万人。", ["9899万人"], 2023, 2022, ["2018/2022"]),
    ("十年来我国居民消费价格涨幅稳定在2%左右。", ["2%左右"], 2023, 2022, ["2013/2022"]),
    # a duration that frames a rate or a total is the period of what follows
    ("国内生产总值增加到121万亿元，五年年均增长5.2%，十年增加近70万亿元、年均增长6.2%。",
     ["121万亿元", "5.2%", "近70万亿元", "6.2%"], 2023, 2022, ["", "2018/2022", "2013/2022", "2013/2022"]),
    ("五年累计减税5.4万亿元、降费2.8万亿元。", ["5.4万亿元", "2.8万亿元"], 2023, 2022, ["2018/2022", "2018/2022"]),
    # counted back from the year the sentence names before it
    ("2021年一季度，全国规模以上工业增加值两年平均增长6.8%。", ["6.8%"], 2021, 2021, ["2020/2021"]),
    # no year of issue: unresolved, but still the period, not a figure
    ("五年累计减税5.4万亿元。", ["5.4万亿元"], None, None, [""]),
    # a quoted plan's name is no period
    ("提前实施部分“十四五”规划重大工程项目，投放金融工具7400亿元。", ["7400亿元"], 2023, 2022, [""]),
]


@pytest.mark.parametrize("sentence, mentions, issued, about, expected", ISSUED_AND_ABOUT)
def test_period_against_year_of_issue_and_year_about(sentence, mentions, issued, about, expected):
    got = annotate(sentence, spans(sentence, mentions), doc_year=issued, context_year=about)
    assert [m.period for m in got] == expected


@pytest.mark.parametrize("text, expected", [
    ("2024年", ["2024"]),
    ("2024 年 1 至 11 月", ["2024-01/2024-11"]),
    ("截至 2024 年8 月底", ["2024-08"]),
    ("二〇二五年三月", ["2025-03"]),
    # a year's zero written ○ or Ｏ; months in Chinese numerals or named; years across the calendar range
    ("二○二三年十二月", ["2023-12"]),
    ("二Ｏ二三年", ["2023"]),
    ("２０２３年１１月", ["2023-11"]),
    ("2024年正月", ["2024-01"]),
    ("1840年", ["1840"]),
    ("2100年", ["2100"]),
    ("1499年", []),
    ("去年12月", ["2023-12"]),
    ("前11个月", ["2024-01/2024-11"]),
    ("今年前十个月", ["2024-01/2024-10"]),
    ("2024年9月至11月", ["2024-09/2024-11"]),
    ("二〇二〇年至二〇三〇年", ["2020/2030"]),
    ("去年同期", []),
    ("今年上半年", ["2024-01/2024-06"]),
    ("“十四五”", ["2021/2025"]),
    ("十四五", []),
    ("比上年", []),
    ("上年同期", []),
    ("2030年前", []),
    ("3个月", []),
    ("两年", []),
    ("1000年", []),
])
def test_find_periods(text, expected):
    assert [e.period for e in find_periods(text, 2024)] == expected


def test_five_year_plans():
    assert five_year_plan(11) == (2006, 2010)
    assert five_year_plan(14) == (2021, 2025)
    assert five_year_plan(15) == (2026, 2030)


def test_expression_offsets():
    s = "据统计，2024年1至11月全市完成投资"
    (e,) = find_periods(s)
    assert s[e.start:e.end] == "2024年1至11月"


def test_every_time_word_holds_an_anchor():
    """``find_periods`` skips sentences without an anchor character, so every time word needs one."""
    from extract import lexicon

    d = lexicon.load("meaning")["period"]
    words = [*d["relative_years"], *d["parts"], *d["bare_year_followers"], *d["year_suffixes"]]
    assert all(any(c in w for c in d["anchors"]) for w in words)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789一二三十〇年月季度前上半全今去过的至到-“”五四时期 ，；", max_size=60))
def test_anchored_search_finds_what_a_full_scan_finds(text):
    from extract import periods

    assert [m.span() for m in periods.default()._matches(text)] == [m.span() for m in periods.default()._PATTERN.finditer(text)]


# _windowed: the standard library's engine reads a text as regex does; a text with a character beyond the
# Basic Multilingual Plane (a digit regex knows and the standard library does not) is read by regex
WINDOWED_TEXTS = ["2024年1至11月", "今年前三季度，3月份", "\U00010d403月", "𠮷2023年底", "“十四五”时期"]


@pytest.mark.parametrize("text", WINDOWED_TEXTS)
def test_windowed_reads_as_regex(text):
    from extract import periods

    got = [(m.span(), m.groups()) for m in periods.default()._matches(text)]
    periods_regex = [(m.span(), m.groups()) for m in periods.default()._WINDOWED_WIDE.finditer(text)]
    assert got == periods_regex
    assert (periods.default()._windowed(text) is periods.default()._WINDOWED_WIDE) == (max(text) >= "\U00010000")


# One table per named rule of find_periods: (text, periods found with doc_year 2024 and the section
# about 2023).
PERIOD_RULES = {
    "_plan": [("“十四五”时期", ["2021/2025"]), ("十四五期间", ["2021/2025"]), ("“十五五”", ["2026/2030"]),
              ("“十四五”规划纲要", [])],
    "_year_range": [("2020年至2030年", ["2020/2030"]), ("二〇二〇年至二〇三〇年", ["2020/2030"]),
                    ("2030年至2020年", [])],
    "_one_year": [("2024年", ["2024"]), ("2025年底前", ["2025"]), ("2024 全年", ["2024"]),
                  ("2030年前碳达峰", []), ("2024年世界人工智能大会", [])],
    "_relative": [("今年", ["2024"]), ("去年", ["2023"]), ("过去一年", ["2023"]), ("明年", ["2025"])],
    "_months": [("2024年1至11月", ["2024-01/2024-11"]), ("1-11月", ["2023-01/2023-11"]),
                ("今年前三季度", ["2024-01/2024-09"]), ("一季度", ["2023-01/2023-03"]), ("2024年8月底", ["2024-08"]),
                ("3月", ["2023-03"]), ("11至3月", []), ("全年增长；一季度增长", ["2023", "2023-01/2023-03"])],
    "_in_title": [("《2024年统计年鉴》", []), ("《规划》提出，2025年", ["2025"])],
    "_a_comparison": [("比上年增长", []), ("与2020年相比", []), ("上年同期", []), ("比上年年初", [])],
    "_in_parentheses": [("规划（2021—2025年）", []), ("（2021年）", [])],
}


@pytest.mark.parametrize("rule, text, expected",
                         [(rule, t, e) for rule, rows in PERIOD_RULES.items() for t, e in rows])
def test_period_rule(rule: str, text: str, expected: list[str]) -> None:
    assert [e.period for e in find_periods(text, 2024, 2023)] == expected


def test_a_bare_month_in_a_list_item_is_bare() -> None:
    assert [(e.period, e.bare) for e in find_periods("全年增长；一季度增长", 2024, 2023)] == [
        ("2023", False), ("2023-01/2023-03", True)]

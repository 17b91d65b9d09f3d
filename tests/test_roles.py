"""Roles: ``actual``, ``target`` or ``forecast`` from cue words and their scope (``extract.roles``)."""

from __future__ import annotations

import pytest
from helpers import spans

from extract.meaning import annotate
from extract.roles import find_cues, plans_the_year


def roles(sentence: str, mentions: list[str], doc_year: int | None = None) -> list[str]:
    return [m.role for m in annotate(sentence, spans(sentence, mentions), doc_year=doc_year)]


A, T, F = "actual", "target", "forecast"

# (sentence, figures in it, doc_year, expected role of each figure)
CASES = [
    # a cue before a colon governs every item of the list
    ("今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上；城镇调查失业率5.5%左右；"
     "居民消费价格涨幅3%左右。", ["5%左右", "1200万人以上", "5.5%左右", "3%左右"], 2024, [T, T, T, T]),
    ("今年主要目标：新增城镇就业10万人；新开工改造老旧小区100个。", ["10万人", "100个"], 2024, [T, T]),
    # a cue governs up to the next ；
    ("预计明年市场规模将达到800亿元；今年市场规模为650亿元。", ["800亿元", "650亿元"], 2024, [F, A]),
    ("预计全年经济增长5%左右，物价涨幅3%左右。", ["5%左右", "3%左右"], None, [F, F]),
    ("全市新能源汽车产量达到45万辆，力争明年突破60万辆。", ["45万辆", "60万辆"], 2024, [A, T]),
    ("力争到2025年，全市新能源汽车产量达到100万辆；2023年产量为45万辆。", ["100万辆", "45万辆"], 2024, [T, A]),
    # the nearest cue before the figure decides
    ("产业规模将于明年达到500亿元，计划带动就业2万人。", ["500亿元", "2万人"], 2024, [F, T]),
    ("预计到2030年，市场规模将超过1万亿元。", ["1万亿元"], 2024, [F]),
    ("有望突破1000亿元。", ["1000亿元"], None, [F]),
    ("要确保粮食产量保持在1.3万亿斤以上。", ["1.3万亿斤以上"], None, [T]),
    ("计划投资50亿元，建设10个产业园区。", ["50亿元", "10个"], None, [T, T]),
    ("公司拟募集资金不超过20亿元。", ["不超过20亿元"], None, [T]),
    ("全年安排中央预算内投资7000亿元。", ["7000亿元"], 2024, [T]),
    ("可望实现营业收入120亿元。", ["120亿元"], None, [F]),
    ("赤字率拟按3%安排，赤字规模4.06万亿元，比上年年初预算增加1800亿元。", ["3%", "4.06万亿元", "1800亿元"], 2024,
     [T, T, T]),
    # a document's proposal is a goal; what it proposed, done, is a result
    ("今年的政府工作报告提出，规模以上工业增加值增长5%。", ["5%"], 2022, [T]),
    ("会议明确提出，粮食产量保持在1.3万亿斤以上。", ["1.3万亿斤以上"], None, [T]),
    ("报告提出的各项任务全面完成，国内生产总值增长5.2%。", ["5.2%"], None, [A]),
    ("会议要求，全年新增就业不少于10万人。", ["不少于10万人"], 2024, [T]),
    # a plan named as a noun (年度计划的, 完成全年计划) is no cue; 计划 as a verb after 全年 is
    ("全年计划投资500亿元，目前已完成320亿元。", ["500亿元", "320亿元"], 2024, [T, A]),
    ("完成全年计划的95%。", ["95%"], 2024, [A]),
    ("今年以来，全市已完成投资1200亿元，完成年度计划的60%。", ["1200亿元", "60%"], 2024, [A, A]),
    # a cue of a result after a goal marks what is reached so far
    ("计划投资50亿元，目前已完成投资30亿元。", ["50亿元", "30亿元"], None, [T, A]),
    ("到2027年，培育链主企业50家，截至目前已培育18家。", ["50家", "18家"], 2024, [T, A]),
    # a figure before the cue is not governed by it
    ("两家公司计划在2026年推出新产品。", ["两家"], 2024, [A]),
    ("三项重点工程将于明年开工。", ["三项"], 2024, [A]),
    # horizons in a plan text
    ("到2027年，全省算力规模超过50EFlops。", ["50EFlops"], 2024, [T]),
    ("到2027年，全省算力规模超过50EFlops。", ["50EFlops"], None, [T]),
    ("到2023年底，全市累计建成5G基站3.5万个。", ["3.5万个"], 2024, [A]),
    ("截至2023年底，全市累计建成5G基站3.5万个。", ["3.5万个"], None, [A]),
    ("“十四五”时期，全市数字经济核心产业增加值年均增长10%以上。", ["10%以上"], 2021, [T]),
    ("“十四五”以来，全市数字经济核心产业增加值年均增长10%。", ["10%"], 2024, [A]),
    ("2025年，全市地区生产总值达到2万亿元。", ["2万亿元"], 2024, [T]),
    ("2025年，全市地区生产总值达到2万亿元。", ["2万亿元"], 2026, [A]),
    ("2025年，全市地区生产总值达到2万亿元。", ["2万亿元"], None, [A]),
    # words that contain a cue but are not cues
    ("国家重点研发计划项目立项120项。", ["120项"], None, [A]),
    ("完成年度目标的105%。", ["105%"], None, [A]),
    ("需要投入资金30亿元。", ["30亿元"], None, [A]),
    ("主要指标完成良好：地区生产总值增长5.2%。", ["5.2%"], None, [A]),
    ("重要的是，全年新增就业1244万人。", ["1244万人"], None, [A]),
    ("将军山隧道全长3.2公里。", ["3.2公里"], None, [A]),
    ("模拟测试显示准确率达到95%。", ["95%"], None, [A]),
    ("在建及规划建设的项目120个。", ["120个"], None, [A]),
    ("按照要求，全市整改问题236个。", ["236个"], None, [A]),
    ("全国人口平均预期寿命达到79岁。", ["79岁"], None, [A]),
    ("生产经营活动预期指数为57.5%，持续位于较高景气区间。", ["57.5%"], None, [A]),  # an index named for expectations
    ("主要指标好于预期，工业增加值增长7%。", ["7%"], None, [A]),
    # the disposal 将 (= 把) is not the future
    ("将参与单位分为三类，分别给予奖励。", ["三类"], None, [A]),
    ("将12个项目纳入省重点项目库。", ["12个"], None, [A]),
    # cues in a title do not govern
    ("《行动计划》实施以来，全市新增算力5000P。", ["5000P"], None, [A]),
    # a plain fact
    ("全年粮食产量13908亿斤，比上年增加222亿斤。", ["13908亿斤", "222亿斤"], 2024, [A, A]),
]


@pytest.mark.parametrize("sentence, mentions, doc_year, expected", CASES)
def test_role(sentence, mentions, doc_year, expected):
    assert roles(sentence, mentions, doc_year) == expected


def test_a_following_sentence_is_not_governed():
    first = "预计全年增长5%左右。"
    second = "全市工业增加值增长6.1%。"
    assert roles(first, ["5%左右"]) == [F]
    assert roles(second, ["6.1%"]) == [A]


def test_find_cues():
    s = "主要目标是：需要重点保障的项目要确保按期完成，预计可望提前。"
    assert [(s[a:b], r) for a, b, r in find_cues(s)] == [
        ("主要目标", T), ("要", T), ("确保", T), ("预计", F), ("可望", F)]


@pytest.mark.parametrize("sentence", [
    "截至目前，已完成投资80亿元，占年度计划的65%。",
    "全年完成目标的108%。",
])
def test_a_plan_named_as_a_noun_is_no_cue(sentence: str) -> None:
    from extract import extract_text

    assert set(extract_text(sentence)["role"]) == {"actual"}


# cue words inside names, a result after a plan, the start of a change
NAMES_AND_CHANGES = [
    ("计提预计负债1.2亿元。", ["1.2亿元"], [A]),
    ("全省共有计划项目320个。", ["320个"], [A]),
    ("持续实施营养改善计划，每年惠及3700多万学生。", ["3700多万"], [A]),
    ("提高学生营养改善计划补助标准，惠及3700多万学生。", ["3700多万"], [A]),
    ("提前实施部分“十四五”规划重大工程项目，投放金融工具7400亿元。", ["7400亿元"], [A]),
    ("计划实施项目120个，累计完成85个。", ["120个", "85个"], [T, A]),
    ("计划投资50亿元，建设10个产业园区。", ["50亿元", "10个"], [T, T]),
    ("将科技型中小企业加计扣除比例从75%提高到100%。", ["75%", "100%"], [A, A]),
    ("要把失业保险返还比例由60%提高至90%。", ["60%", "90%"], [A, T]),
    ("将养老保险单位缴费比例从20%降至16%。", ["20%", "16%"], [A, A]),
    ("预计将于明年提高到30%。", ["30%"], [F]),
]


@pytest.mark.parametrize("sentence, mentions, expected", NAMES_AND_CHANGES)
def test_names_and_changes(sentence, mentions, expected):
    assert roles(sentence, mentions, 2023) == expected


# (sentence, figures, expected roles) in a section that plans the year of issue (2022)
PLAN_SECTION = [
    ("今年拟安排地方政府专项债券3.65万亿元。", ["3.65万亿元"], [T]),
    ("中央对地方转移支付增加约1.5万亿元、规模近9.8万亿元，增长18%。", ["约1.5万亿元", "近9.8万亿元", "18%"], [T, T, T]),
    ("居民医保人均财政补助标准再提高30元。", ["30元"], [T]),
    ("新建高标准农田1亿亩。", ["1亿亩"], [T]),
    ("预计全年退税减税约2.5万亿元。", ["约2.5万亿元"], [F]),
    ("将加计扣除比例从75%提高到100%。", ["75%", "100%"], [A, T]),
    ("去年新增减税降费超过1万亿元。", ["超过1万亿元"], [A]),
    ("2021年粮食产量1.37万亿斤，今年要稳定在1.3万亿斤以上。", ["1.37万亿斤", "1.3万亿斤以上"], [A, T]),
    ("截至目前，已完成投资80亿元。", ["80亿元"], [A]),
    # a span of years counted back (过去五年 = 2017/2021) lies before the year of issue
    ("过去五年，全国城镇新增就业累计6500万人。", ["6500万人"], [A]),
    ("五年累计减税5.4万亿元。", ["5.4万亿元"], [A]),
    ("2022—2025年，每年新建保障性租赁住房100万套。", ["100万套"], [T]),
]


@pytest.mark.parametrize("sentence, mentions, expected", PLAN_SECTION)
def test_roles_in_a_plan_section(sentence, mentions, expected):
    got = annotate(sentence, spans(sentence, mentions), doc_year=2022, context_year=2022, plan=True)
    assert [m.role for m in got] == expected


@pytest.mark.parametrize("heading, heading_year, issued, expected", [
    ("2022年政府工作任务", 2022, 2022, True),
    ("2022年经济社会发展总体要求和政策取向", 2022, 2022, True),
    ("2024年主要目标任务", 2024, 2024, True),
    ("2021年工作回顾", 2021, 2022, False),
    ("2021年工作任务完成情况", 2021, 2022, False),
    ("着力扩大国内需求", None, 2023, False),
    ("重点任务", None, None, True),
    ("", None, 2023, False),
])
def test_plans_the_year(heading, heading_year, issued, expected):
    assert plans_the_year(heading, heading_year, issued) is expected


def test_plan_section_in_a_whole_report():
    from extract import extract_text

    text = ("一、2021年工作回顾\n\n去年国内生产总值增长8.1%。\n\n"
            "二、2022年政府工作任务\n\n今年拟安排地方政府专项债券3.65万亿元。新建高标准农田1亿亩。\n")
    df = extract_text(text, "r.txt")
    assert df[["mention", "role", "period"]].values.tolist() == [
        ["8.1%", "actual", "2021"], ["3.65万亿元", "target", "2022"], ["1亿亩", "target", ""]]

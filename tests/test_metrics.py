"""Metrics: the phrase naming what a figure measures (``extract.metrics`` through ``annotate``)."""

from __future__ import annotations

import pytest

from extract.meaning import annotate
from extract.metrics import clean_before


def spans(sentence: str, mentions: list[str], unit: str = "") -> list[tuple[int, int, str]]:
    """Spans of ``mentions`` found in order in ``sentence``; ``mention|unit`` sets a figure's unit."""
    out, pos = [], 0
    for men in mentions:
        men, _, u = men.partition("|")
        k = sentence.index(men, pos)
        out.append((k, k + len(men), u or unit))
        pos = k + len(men)
    return out


def metrics(sentence: str, mentions: list[str], doc_year: int | None = 2024) -> list[str]:
    return [m.metric for m in annotate(sentence, spans(sentence, mentions), doc_year=doc_year)]


# (sentence, figures in it, expected metric of each figure)
CASES = [
    # the noun phrase the figure is predicated of, without verbs, qualifiers and time
    ("今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上；城镇调查失业率5.5%左右；"
     "居民消费价格涨幅3%左右。", ["5%左右", "1200万人以上", "5.5%左右", "3%左右"],
     ["国内生产总值增长", "城镇新增就业", "城镇调查失业率", "居民消费价格涨幅"]),
    ("2024年全市实现进出口总额4.2万亿元。", ["4.2万亿元"], ["进出口总额"]),
    ("截至2024年6月末，全国5G基站总数达391.7万个。", ["391.7万个"], ["5G基站总数"]),
    ("预计明年市场规模将达到800亿元。", ["800亿元"], ["市场规模"]),
    ("全省高新技术企业数量已突破5万家。", ["5万家"], ["高新技术企业数量"]),
    ("全国人口平均预期寿命达到79岁。", ["79岁|岁"], ["人口平均预期寿命"]),
    # growth and share after a level figure name whose growth or share
    ("全年国内生产总值1349084亿元，比上年增长5.0%。", ["1349084亿元", "5.0%"],
     ["国内生产总值", "国内生产总值比上年增长"]),
    ("全年粮食产量13908亿斤，比上年增加222亿斤，增长1.6%。", ["13908亿斤", "222亿斤", "1.6%"],
     ["粮食产量", "粮食产量比上年增加", "粮食产量增长"]),
    ("全年社会消费品零售总额48.8万亿元，同比增长3.5%。", ["48.8万亿元", "3.5%"],
     ["社会消费品零售总额", "社会消费品零售总额同比增长"]),
    ("新能源汽车产量958.7万辆，占汽车总产量的31.5%。", ["958.7万辆", "31.5%"],
     ["新能源汽车产量", "新能源汽车产量占汽车总产量"]),
    ("高技术制造业增加值增长8.9%，占规模以上工业增加值的比重为15.7%。", ["8.9%", "15.7%"],
     ["高技术制造业增加值增长", "高技术制造业增加值占规模以上工业增加值的比重"]),
    ("京津冀地区数据中心机架合计18万架，占比超过20%。", ["18万架", "超过20%"],
     ["京津冀地区数据中心机架合计", "京津冀地区数据中心机架占比"]),
    ("全年居民人均可支配收入41314元，比上年增长5.3%，扣除价格因素，实际增长5.1%。", ["41314元", "5.3%", "5.1%"],
     ["居民人均可支配收入", "居民人均可支配收入比上年增长", "居民人均可支配收入实际增长"]),
    ("一季度，全市地区生产总值增长5.2%，比全国高0.9个百分点。", ["5.2%", "0.9个百分点"],
     ["地区生产总值增长", "地区生产总值比全国高"]),
    ("全国粮食总产量达到13908.2亿斤，连续9年稳定在1.3万亿斤以上。", ["13908.2亿斤", "连续9年|年", "1.3万亿斤以上"],
     ["粮食总产量", "粮食总产量稳定", "粮食总产量"]),
    ("据介绍，该市力争2025年数字经济规模突破5000亿元，占GDP比重达到50%。", ["突破5000亿元", "50%"],
     ["数字经济规模", "数字经济规模占GDP比重"]),
    # 分别 pairs a group of figures with as many level figures before it
    ("全年共接待国内游客3.2亿人次，实现国内旅游收入4500亿元，分别增长23.5%和30.1%。",
     ["3.2亿人次", "4500亿元", "23.5%", "30.1%"],
     ["接待国内游客", "国内旅游收入", "接待国内游客增长", "国内旅游收入增长"]),
    # cue words and pronouns are not part of the metric
    ("中央预算内投资拟安排7000亿元。", ["7000亿元"], ["中央预算内投资"]),
    ("过去一年，我们新增城镇就业1256万人，城镇调查失业率平均为5.1%。", ["1256万人", "5.1%"],
     ["新增城镇就业", "城镇调查失业率"]),
    ("今年城镇调查失业率控制在5.5%以内。", ["5.5%以内"], ["城镇调查失业率"]),
    # a level after a growth of the same thing
    ("全市地区生产总值增长6.1%，达到8500亿元。", ["6.1%|%", "8500亿元|元"], ["地区生产总值增长", "地区生产总值"]),
    # a figure with nothing of its own before it takes the metric of the figure before it
    ("规上企业户数由1200户增至1560户。", ["1200户", "1560户"], ["规上企业户数", "规上企业户数"]),
    ("全省贫困发生率从3.1%降至0.6%，预计明年将进一步降至0.3%。", ["3.1%", "0.6%", "0.3%"],
     ["贫困发生率", "贫困发生率", "贫困发生率"]),
    # a figure that counts the noun after it
    ("全年建成15个国家级先进制造业集群。", ["15个"], ["国家级先进制造业集群"]),
    ("政策惠及1100多万学生。", ["1100多万"], ["学生"]),
    ("组织实施12个重大科技专项，形成800亿元产业规模。", ["12个", "800亿元"], ["重大科技专项", "产业规模"]),
    ("全市新认定300家专精特新企业和45家单项冠军企业。", ["300家", "45家"], ["专精特新企业", "单项冠军企业"]),
    ("平台汇聚4500套、12万件工业软件。", ["4500套", "12万件"], ["工业软件", "工业软件"]),
    ("其中60%以上为制造业项目。", ["60%以上"], ["制造业项目"]),
    ("五位院士的研究团队参与了攻关。", ["五位|位"], ["院士"]),
    ("截至目前，该平台已接入1.2万家企业。", ["1.2万家"], ["企业"]),
    ("2024年，数字经济规模达到53.9万亿元，占GDP比重提升至42.8%。", ["53.9万亿元", "42.8%"],
     ["数字经济规模", "数字经济规模占GDP比重"]),
    # durations qualify the predicate
    ("全省粮食产量连续10年稳定在700亿斤以上。", ["连续10年|年", "700亿斤以上"],
     ["粮食产量稳定", "粮食产量"]),
    ("该项目提前两年完成全部建设任务。", ["两年|年"], ["项目提前完成全部建设任务"]),
    # a parenthesis after the figure is an aside
    ("新增算力规模约2万P（以FP16计算）。", ["约2万P"], ["新增算力规模"]),
    # an enumeration of clauses is cut, a list of nouns is kept
    ("京津冀、长三角地区数据中心项目超过80个。", ["超过80个"], ["京津冀、长三角地区数据中心项目"]),
    ("新型储能项目全面铺开、抽水蓄能电站装机容量达到5000万千瓦。", ["5000万千瓦"], ["抽水蓄能电站装机容量"]),
]


@pytest.mark.parametrize("sentence, mentions, expected", CASES)
def test_metric(sentence, mentions, expected):
    assert metrics(sentence, mentions) == expected


@pytest.mark.parametrize("raw, expected", [
    ("2024年1至11月完成战略性新兴产业投资", "战略性新兴产业投资"),
    ("南京软件谷实现软件和信息服务业收入", "软件和信息服务业收入"),
    ("“充电桩数量", "充电桩数量"),
    ("“三公”经费再压减", "“三公”经费再压减"),
    ("数据显示，", ""),
    ("中央企业在重点领域的投资占比", "重点领域的投资占比"),
    ("户数已由", "户数"),
    ("收入占比要达到", "收入占比"),
    ("其中，", ""),
])
def test_clean_before(raw, expected):
    assert clean_before(raw) == expected


def test_time_expressions_are_not_part_of_the_metric():
    assert metrics("2024年1至11月完成战略性新兴产业投资2万亿元。", ["2万亿元"]) == ["战略性新兴产业投资"]

"""Which year a document and each of its sentences is about (``extract.years``), and the ``doc_year`` column."""

from __future__ import annotations

import pytest

from extract import extract_text
from extract.years import Years, document_years, heading_issue_year, named_year, opening_year, sentence_years

# (title, date of issue, headings, year of issue, year reported on)
DOCUMENTS = [
    # a communiqué is issued the year after the year it reports on
    ("中华人民共和国2024年国民经济和社会发展统计公报", "2025-02-28", [], 2025, 2024),
    ("2023年1—8月份全国规模以上工业企业利润下降11.7%", "2023-09-27", [], 2023, 2023),
    # a work report is issued in the year it plans
    ("2023年国务院政府工作报告", "2023-03-05", [], 2023, 2023),
    ("政府工作报告", "2024-03-05", ["2023年工作回顾", "2024年经济社会发展总体要求和政策取向"], 2024, 2024),
    # no date: the title's year, else the latest year the headings name
    ("", "", ["2021年工作回顾", "2022年经济社会发展总体要求和政策取向", "2022年政府工作任务"], 2022, 2022),
    ("2025年全省经济运行情况", "", [], 2025, 2025),
    ("本周要闻", "2025-01", ["国企", "科创"], 2025, 2025),
    ("本周要闻", "", ["国企", "科创"], None, None),
    # a title's year after the date is a plan's horizon, not the year reported on
    ("面向2035年的科技发展规划", "2024-06-01", [], 2024, 2024),
    # a span in a title names no single year
    ("数字经济发展规划（2021—2025年）", "2022-01-12", [], 2022, 2022),
]


@pytest.mark.parametrize("title, date, headings, issued, reported", DOCUMENTS)
def test_document_years(title, date, headings, issued, reported):
    assert document_years(title, date, headings) == Years(issued, reported)


@pytest.mark.parametrize("text, year", [
    ("2023年政府工作任务", 2023),
    ("一、2024年工作回顾", 2024),
    ("2021—2025年发展目标", None),
    ("2023年和2024年工作总结", None),
    ("经济观察", None),
    ("", None),
])
def test_named_year(text, year):
    assert named_year(text) == year


# (sentence, year of issue, the year it opens with)
OPENINGS = [
    ("2022年是党和国家历史上极为重要的一年。", 2023, 2022),
    ("过去一年，我国经济发展遇到多重超预期因素冲击。", 2023, 2022),
    ("去年终端消费直接受到冲击。", 2023, 2022),
    ("国务院总理5日在政府工作报告中指出，2022年是极不平凡的一年。", 2023, 2022),
    ("今年发展主要预期目标是：国内生产总值增长5%左右。", 2024, 2024),
    # not an opening year: a part of a year, a month, a span, a horizon, a year after other words
    ("全年国内生产总值增长3%。", 2023, None),
    ("一季度，全市生产总值增长5%。", 2023, None),
    ("2024年1—11月，全市投资增长3%。", 2025, None),
    ("2020年至2023年，全省累计完成投资1.2万亿元。", 2024, None),
    ("全市粮食产量比2020年增长5%。", 2024, None),
    ("我们在2022年完成了全部任务。", 2023, None),
    ("城镇新增就业1206万人，去年全国粮食产量再创新高。", 2023, None),
    ("今年发展目标是增长5%。", None, None),
]


@pytest.mark.parametrize("sentence, issued, year", OPENINGS)
def test_opening_year(sentence, issued, year):
    assert opening_year(sentence, issued) == year


def test_sentence_years_follow_the_discourse_within_a_section():
    y = Years(2023, 2023)
    sents = [
        ("2023年国务院政府工作报告", "", "R"),
        ("过去一年，我国经济发展遇到冲击。", "", "R"),
        ("全年国内生产总值增长3%。", "", "R"),
        ("针对企业困难，加大纾困力度。", "", "R"),
        ("今年发展主要预期目标是：增长5%左右。", "", "R"),
        ("全年新增就业1200万人左右。", "", "R"),
        ("全年粮食产量1.3万亿斤以上。", "2024年工作回顾", "R"),  # a new section starts from its heading
        ("全年粮食产量1.3万亿斤以上。", "经济观察", "2024年1—8月份工业利润"),  # from its article's title
        ("全年粮食产量1.3万亿斤以上。", "经济观察", "本周要闻"),  # from the document
    ]
    assert sentence_years(sents, y) == [2023, 2023, 2022, 2022, 2022, 2023, 2024, 2024, 2023]


def test_doc_year_column_and_periods_of_a_communique():
    text = ("中华人民共和国2024年国民经济和社会发展统计公报\n\n国家统计局\n\n2025年2月28日\n\n"
            "一、综合\n\n全年国内生产总值1349084亿元，比上年增长5.0%。年末全国人口140828万人。"
            "12月份，70个大中城市中，新建商品住宅销售价格环比上涨的城市个数为2个。\n")
    df = extract_text(text, "c.txt")
    assert df["mention"].tolist() == ["1349084亿元", "5.0%", "140828万人", "70个", "2个"]
    assert df["doc_year"].tolist() == ["2024"] * 5
    assert df["doc_date"].tolist() == ["2025-02-28"] * 5
    assert df["period"].tolist() == ["2024", "2024", "2024", "2024-12", "2024-12"]


def test_doc_year_is_empty_when_no_year_is_stated():
    df = extract_text("本周要闻\n\n全市新增企业120家。\n", "n.txt")
    assert df["doc_year"].tolist() == [""]


@pytest.mark.parametrize("headings, year", [
    (["2021年工作回顾", "2022年经济社会发展总体要求和政策取向", "2022年政府工作任务"], 2022),
    (["2023年工作回顾"], 2024),
    (["2024年主要目标任务"], 2024),
    # a horizon or a theme names no year of issue
    (["到2035年基本实现社会主义现代化远景目标", "2021年全省经济运行"], None),
    (["国企", "科创"], None),
])
def test_heading_issue_year(headings, year):
    assert heading_issue_year(headings) == year

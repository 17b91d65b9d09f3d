"""Numbers that look like figures but state none (the false-figure rules of ``extract.figures``), and
numbers the layout broke that must be read whole."""

from __future__ import annotations

import pytest
from helpers import assert_linear

from extract import extract_text
from extract.figures import find_quantities, framing_durations


def mentions(text: str) -> list[str]:
    df = extract_text(text)
    for r in df.itertuples():
        assert text[r.start:r.end] == r.mention
    return df["mention"].tolist()


# (sentence, the figures it states)
CASES = [
    # idiomatic counts and names that open with a count
    ("更好统筹国内国际两个大局，全年进出口增长7.7%。", ["7.7%"]),
    ("坚决做到两个维护，新增就业1206万人。", ["1206万人"]),
    ("利用好两个市场两种资源，外贸规模达到42万亿元。", ["42万亿元"]),
    ("三次产业结构持续优化，服务业增加值占比54.6%。", ["54.6%"]),
    ("全面实施长江十年禁渔。", []),
    ("与上月相比一落一升，均连续6个月位于临界点以上。", ["6个月"]),
    ("两项指数一升一降。", ["两项"]),
    # an assembly's session, numbered after its term, is no count; a count of meetings is
    ("深圳市七届人大二次会议开幕，全年增长6%左右。", ["6%左右"]),
    ("在十四届全国人大二次会议上作政府工作报告。", []),
    ("全国政协十四届二次会议开幕。", []),
    ("十四届全国人大常委会 三次会议审议。", []),
    ("全年共召开3次会议。", ["3次"]),
    ("本届政府召开了3次会议。", ["3次"]),
    # an assembly's term or a project's phase, numbered, is no count; editions and instalments are
    ("党的二十届三中全会精神。", []),
    ("全面贯彻党的十九大和十九届历次全会精神。", []),
    ("十届董事会第三次会议。", []),
    ("服贸会已成功举办十届。", ["十届"]),
    ("连续举办8届全国双创活动周。", ["8届"]),
    ("项目一期工程顺利完工。", []),
    ("二期工程投资5亿元。", ["5亿元"]),
    ("分两期投放政策性开发性金融工具7400亿元。", ["两期", "7400亿元"]),
    ("《学报》全年出版7期。", ["7期"]),
    # a duration that frames a rate or a total is a period
    ("国内生产总值五年年均增长5.2%。", ["5.2%"]),
    ("两年平均增长6.2%。", ["6.2%"]),
    ("并同近两年平均经济增速相衔接。", []),
    ("过去五年极不寻常、极不平凡。", []),
    ("五年来，累计减税5.4万亿元。", ["5.4万亿元"]),
    ("十年增加近70万亿元。", ["近70万亿元"]),
    ("全国财政收入十年接近翻一番。", ["接近翻一番"]),
    ("五年总体赤字率控制在3%以内。", ["3%以内"]),
    # a duration stated as an amount stays a figure
    ("经过八年持续努力，脱贫攻坚取得胜利。", ["八年"]),
    ("全省出口连续5年增长。", ["5年"]),
    ("近 30 年来一直试图攻克的难题。", ["近 30 年"]),
    ("创40多年来新高。", ["40多年"]),
    # ranks are no counts
    ("全市有3家企业进入全国前10名。", ["3家"]),
    ("营业收入排名前三位的企业。", []),
    # the last number of a list of ordinals is an ordinal too
    ("第1、2类地区共15个。", ["15个"]),
    ("第一、二批试点城市。", []),
    ("第一、二、三批共30个项目。", ["30个"]),
    ("第一批和3个新项目。", ["3个"]),
    # an age range or bound that names a group of people
    ("年末全国16-59岁（含不满60周岁）劳动年龄人口85798万人。", ["85798万人"]),
    ("15-59岁人口占63.4%。", ["63.4%"]),
    ("受访者平均年龄49岁。", ["49岁"]),
    ("受访者年龄在35-40岁之间。", ["35-40岁"]),
]


@pytest.mark.parametrize("text, want", CASES, ids=[c[0] for c in CASES])
def test_false_figures(text: str, want: list[str]) -> None:
    assert mentions(text) == want


@pytest.mark.parametrize("text, want", [
    ("过去五年极不寻常", [(0, 4, 5)]),
    ("五年来，我们", [(0, 3, 5)]),
    ("五年年均增长5.2%", [(0, 2, 5)]),
    ("十年增加近70万亿元", [(0, 2, 10)]),
    ("过去的五年里", [(0, 5, 5)]),
    ("近两年平均增速", [(1, 3, 2)]),
    ("连续五年增长", []),
    ("40多年来新高", []),
    ("近 30 年来", []),
    ("今后五年", []),
    ("2015年以来", []),
])
def test_framing_durations(text: str, want: list[tuple[int, int, int]]) -> None:
    assert framing_durations(text) == want


# numbers the page layout broke: a hard wrap inside a number, a form feed between a number and its unit
def test_number_broken_by_a_hard_wrap_is_joined() -> None:
    line = "全市上下坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，经济运行稳中向好。"
    text = f"{line}2\n024年全市地区生产总值增长5.2%，一般公共预算收入完成了1\n2.5亿元，城乡居民收入稳步增长。\n{line}\n"
    df = extract_text(text)
    assert df["mention"].tolist() == ["5.2%", "1\n2.5亿元"]
    assert df["value"].tolist() == [5.2, 1250000000.0]
    assert df["period"].tolist() == ["2024", "2024"]


def test_form_feed_between_a_number_and_its_unit() -> None:
    assert mentions("全市生产总值12\f万亿元。") == ["12\f万亿元"]


def test_page_number_between_lines_is_dropped() -> None:
    line = "全市上下坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，经济运行稳中向好，"
    text = f"{line}地区生产总值增长\n\f- 3 -\n5.2%，{line}\n{line}投资增长4%，{line}。\n"
    assert mentions(text) == ["5.2%", "4%"]


def test_framing_durations_in_linear_time() -> None:
    unit = "五年年均增长5.2%，十年来增长" + "一" * 40 + "1234567890年" * 3
    assert_linear(find_quantities, unit * 1000, unit * 4000)

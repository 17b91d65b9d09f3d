"""The named rules of segmentation and the table of contents, each with its table of examples."""

from __future__ import annotations

import pytest

from extract import segment, toc
from extract.lexicon import Lexicon
from extract.paragraphs import cues, mentioning, numbered_headings, paragraphs, source_match


def _para(line: str):
    return paragraphs(line)[0]


@pytest.mark.parametrize("line, want", [
    ("一、总体要求", (2, "cn", 1, "总体要求")),
    ("十二、加强组织领导", (2, "cn", 12, "加强组织领导")),
    ("第十二章 加快建设现代化产业体系", (0, "chapter", 12, "加快建设现代化产业体系")),
    ("第二部分 重点任务", (0, "chapter", 2, "重点任务")),
    ("第３节 研究方法", (1, "section", 3, "研究方法")),
    ("（三）推动消费持续恢复", (3, "cn_paren", 3, "推动消费持续恢复")),
    ("1. 发展目标", (4, "num", 1, "发展目标")),
    ("（2）城乡居民收入", (5, "num_paren", 2, "城乡居民收入")),
    # a run-in heading ends at its colon or first sentence end
    ("二、坚持稳中求进：今年增长5%左右。", (2, "cn", 2, "坚持稳中求进")),
    # a standalone style with running-text punctuation is a list item
    ("1. 今年增长5%，就业稳定。", None),
    ("（1）新增就业1200万人；", None),
    # no heading number
    ("十四五时期的主要目标", None),
    ("一年来，经济回升向好。", None),
])
def test_numbered_heading(line: str, want: tuple | None) -> None:
    assert segment._numbered_heading(_para(line), cues()) == want


@pytest.mark.parametrize("numeral, n", [
    ("一", 1), ("十", 10), ("十二", 12), ("二十一", 21), ("一百零一", 101), ("３", 3), ("12", 12), ("两", 2),
    ("五五", 55), ("1.5", None), ("第", None),
])
def test_heading_number(numeral: str, n: int | None) -> None:
    assert cues().num.integer(numeral) == n


@pytest.mark.parametrize("line, style", [
    ("第一章 总则", "chapter"), ("第十节 附则", "section"), ("三、重点工作", "cn"), ("（十一）其他", "cn_paren"),
    ("2、主要措施", "num"), ("（3）保障", "num_paren"),
])
def test_heading_styles_read_their_numbers_through_the_numeral_grammar(line: str, style: str) -> None:
    name = next(name for name, pat in numbered_headings(Lexicon.default()) if pat.match(line))
    assert name == style


@pytest.mark.parametrize("text, date", [
    ("2024年3月5日", "2024-03-05"),
    ("二〇二四年三月五日", "2024-03-05"),
    ("二〇二四年十二月", "2024-12"),
    ("２０２４年１２月", "2024-12"),
    ("发布时间：2024-10-28 09:30", "2024-10-28"),
    ("2023年工作回顾", "2023"),
    ("二〇二三年", "2023"),
    # a plan's horizon dates nothing; a year out of the data's calendar range is none
    ("2035年远景目标", ""),
    ("3000年", ""),
    ("第12期", ""),
])
def test_date_in(text: str, date: str) -> None:
    assert segment._date_in(text, cues()) == date


@pytest.mark.parametrize("rest, style, head", [
    ("总体要求", "cn", "总体要求"),
    ("坚持稳中求进：今年增长5%。", "cn", "坚持稳中求进"),
    ("发展目标", "num", "发展目标"),
    ("增长5%，就业稳定", "num", None),
    ("这是一个非常非常长的标题它超过了标题的最大长度因此不能算作一个标题而只是一段很长的正文内容而已", "cn", None),
])
def test_heading_text(rest: str, style: str, head: str | None) -> None:
    assert segment._heading_text(rest, style, cues()) == head


@pytest.mark.parametrize("lines, wrapped", [
    # a long first line and a short second one opening with a letter or digit: one title
    (["2024年全市规模以上工业企业实现利润总额同比增长百分之", "5.3"], True),
    # a title and a short subtitle
    (["2024年全市规模以上工业企业实现利润总额同比增长情况", "——综述"], False),
    (["短标题", "5.3"], False),
    (["只有一行的标题"], False),
])
def test_wrapped_over_two(lines: list[str], wrapped: bool) -> None:
    run = [_para(x) for x in lines]
    assert segment._wrapped_over_two(run, cues()) is wrapped


@pytest.mark.parametrize("entries, kept, levels", [
    # a single top entry over two levels is the document's own title
    ([(1, "报告"), (2, "一、回顾"), (2, "二、任务")], [(2, "一、回顾"), (2, "二、任务")], [2]),
    ([(1, "政策"), (2, "甲文"), (1, "动态"), (2, "乙文")], [(1, "政策"), (2, "甲文"), (1, "动态"), (2, "乙文")], [1, 2]),
    ([(1, "甲文"), (1, "乙文")], [(1, "甲文"), (1, "乙文")], [1]),
])
def test_without_own_title(entries: list, kept: list, levels: list) -> None:
    assert segment._without_own_title(entries) == (kept, levels)


@pytest.mark.parametrize("found, top", [
    ([(2, 0, "回顾"), (2, 10, "任务"), (3, 5, "就业")], [(0, "回顾"), (10, "任务")]),
    # a level with one heading only is no outline: the next level down gives the topics
    ([(2, 0, "回顾"), (3, 5, "就业"), (3, 8, "物价")], [(5, "就业"), (8, "物价")]),
    ([(3, 5, "就业")], []),
])
def test_top_level(found: list, top: list) -> None:
    assert segment._top_level(found, cues()) == top


@pytest.mark.parametrize("line, entry", [
    ("一、总体要求……………… 3", "一、总体要求"),
    ("政策速递", "政策速递"),
    ("二、重点任务 12", "二、重点任务"),
    ("今年经济增长5%。", None),
    ("来源：新华社", None),
    ("电话：010-12345678", None),
])
def test_toc_line(line: str, entry: str | None) -> None:
    assert toc.toc_line(_para(line), cues(), cues().max_len + 10) == entry


_BODY = "\n".join(["一、回顾", "经济增长5%。", "二、任务", "就业增加。", "三、措施", "投资增长。", "四、保障", "收入增长。"])


@pytest.mark.parametrize("text, found", [
    # a table of contents at the top that lists the headings of the body (under its own heading)
    ("目录\n一、回顾\n二、任务\n三、措施\n四、保障\n" + _BODY, (0, 4)),
    # with page numbers
    ("一、回顾……1\n二、任务……2\n三、措施……3\n四、保障……4\n" + _BODY, (0, 3)),
    # two headings repeated are too few
    ("一、回顾\n二、任务\n" + _BODY, None),
    # the body alone
    (_BODY, None),
])
def test_find_toc(text: str, found: tuple | None) -> None:
    assert toc.find_toc(paragraphs(text), cues()) == found


@pytest.mark.parametrize("text, anchors, skips", [
    ("今年增长5%。\n来源：新华社\n原标题：关于推进改革的意见", {1, 2}, set()),
    ("  摘自《经济日报》 \n\n联系电话：010-1234\n详见 https://example.cn/a", {0}, {1, 2}),
    ("全文没有一个这样的词。\n第二段也没有", set(), set()),
    ("", set(), set()),
])
def test_mentioning(text: str, anchors: set[int], skips: set[int]) -> None:
    paras = paragraphs(text)
    assert mentioning(text, paras, cues().anchor_words) == anchors
    assert mentioning(text, paras, cues().skip_words) == skips


@pytest.mark.parametrize("line", [
    "来源：新华社", "（来源：人民日报）", "摘自《经济日报》", "2024-05-06 10:20 来源：新华网 作者：张三",
    "原标题：关于推进改革的意见", "联系电话：010-1234", "原文链接：https://example.cn/a",
])
def test_lines_a_word_pass_keeps(line: str) -> None:
    """Every source, original-title, contact or link line holds a word the one-pass search finds
    (so looking only where one stands misses none)."""
    c = cues()
    p = _para(line)
    needs = source_match(p.text, c) or c.original_title.match(p.text) or c.contact.match(p.text) or c.link.match(p.text)
    assert needs and (mentioning(line, [p], c.anchor_words) or mentioning(line, [p], c.skip_words)) == {0}

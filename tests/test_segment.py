"""Segmentation: sentences, and the topic / article / source / date of a document."""

from __future__ import annotations

import json
from bisect import bisect_right
from pathlib import Path

import pytest
import regex
from helpers import assert_linear

from extract import layout, segment
from extract.lexicon import Lexicon
from extract.paragraphs import numbered_headings

HERE = Path(__file__).parent
NEWSLETTER = (HERE / "fixtures" / "mini-newsletter.txt").read_text(encoding="utf-8")
REPORT = (HERE / "fixtures" / "mini-report.txt").read_text(encoding="utf-8")
GOLD_TXT = HERE / "gold" / "jsvc-2025-01.txt"
GOLD_JSONL = HERE / "gold" / "jsvc-2025-01.jsonl"


def _ws(s: str) -> str:
    return regex.sub(r"\s", "", s)


def _structure(text: str, **kw) -> tuple[str, segment.Structure]:
    rep = layout.repair(text)
    return rep.text, segment.segment(rep.text, **kw)


def _sentences(text: str, **kw) -> list[str]:
    clean, st = _structure(text, **kw)
    return [clean[s.start:s.end] for s in st.sentences]


def _label(clean: str, st: segment.Structure, needle: str) -> tuple[str, str, str]:
    """(topic, article, source) of the sentence that contains ``needle``."""
    i = clean.index(needle)
    starts = [s.start for s in st.sentences]
    s = st.sentences[bisect_right(starts, i) - 1]
    assert s.start <= i < s.end
    return s.topic, s.article, s.source


# ---------------------------------------------------------------------------------------------
# sentences

@pytest.mark.parametrize("text, expected", [
    ("增长5%。下降3%！是否达标？", ["增长5%。", "下降3%！", "是否达标？"]),
    # ；and ，do not end a sentence; a list after a colon is one sentence
    ("主要目标是：增长5%左右；就业1200万人以上；通胀3%。", ["主要目标是：增长5%左右；就业1200万人以上；通胀3%。"]),
    # decimals never split
    ("规模达1.2万亿元，增长3.5%。", ["规模达1.2万亿元，增长3.5%。"]),
    # a closing quote stays with its sentence
    ("他说：“今年增长5%。”随后离开。", ["他说：“今年增长5%。”", "随后离开。"]),
    ("“真的吗？！”她问。", ["“真的吗？！”", "她问。"]),
    # ASCII ends, but not inside a URL
    ("Is it 5%? Yes! 好的", ["Is it 5%?", "Yes!", "好的"]),
    ("见 http://a.cn/q?id=3 页面。", ["见 http://a.cn/q?id=3 页面。"]),
    # a paragraph end ends a sentence; the ellipsis does not
    ("第一段没有句号\n第二段……还没完", ["第一段没有句号", "第二段……还没完"]),
])
def test_sentences(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


def test_sentences_cover_all_text() -> None:
    clean, st = _structure(GOLD_TXT.read_text(encoding="utf-8"))
    covered = "".join(clean[s.start:s.end] for s in st.sentences)
    assert _ws(covered) == _ws(clean)
    assert all(s.start < s.end and not clean[s.start].isspace() for s in st.sentences)


# ---------------------------------------------------------------------------------------------
# a newsletter: sections, article titles, source lines, a table of contents

NEWSLETTER_LABELS = [
    ("1288.8万辆", "经济观察", "新能源汽车产销两旺 出口规模再创新高", "新华财经"),
    ("1281.8万台", "经济观察", "新能源汽车产销两旺 出口规模再创新高", "新华财经"),
    ("2100余家", "地方动态", "苏州工业园区集聚生物医药企业超2000家", "苏州日报"),
    ("50万平方米", "地方动态", "苏州工业园区集聚生物医药企业超2000家", "苏州日报"),
    ("2350亿元", "地方动态", "南京软件谷软件业务收入增长一成", "南京日报"),
    ("10家以上", "地方动态", "南京软件谷软件业务收入增长一成", "南京日报"),
]


def _without_toc(text: str) -> str:
    return text[: text.index("\n目录\n") + 1]


def _typeset(text: str, width: int = 48) -> str:
    """The text hard-wrapped at ``width`` columns (never inside a number or Latin word) with a
    blank line after every line, as a newsletter saved as text looks."""
    out = []
    for par in text.split("\n"):
        line = ""
        for tok in regex.findall(r"[A-Za-z0-9.%]+|.", par):
            if line and sum(2 if ord(c) > 0x2E80 else 1 for c in line + tok) > width:
                out += [line, ""]
                line = ""
            line += tok
        out += [line, ""]
    return "\n".join(out)


VARIANTS = {
    "with its table of contents": NEWSLETTER,
    "without a table of contents": _without_toc(NEWSLETTER),
    "typeset, blank after every line": _typeset(NEWSLETTER),
    "typeset, no table of contents": _typeset(_without_toc(NEWSLETTER)),
}


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("needle, topic, article, source", NEWSLETTER_LABELS)
def test_newsletter_labels(variant: str, needle: str, topic: str, article: str, source: str) -> None:
    clean, st = _structure(VARIANTS[variant], title="mini-newsletter")
    got = _label(clean, st, needle)
    assert tuple(map(_ws, got)) == (_ws(topic), _ws(article), _ws(source))


TOC_ON_TOP = ("经济简讯 2025年第2期\n本期目录\n经济观察 ………………………… 1\n"
              "新能源汽车产销两旺 出口规模再创新高 ……… 1\n地方动态 …………………………… 2\n"
              "苏州工业园区集聚生物医药企业超2000家 …… 2\n南京软件谷软件业务收入增长一成 ………… 3\n")


@pytest.mark.parametrize("needle, topic, article, source", NEWSLETTER_LABELS)
def test_newsletter_with_toc_on_top(needle: str, topic: str, article: str, source: str) -> None:
    """A table of contents with leader dots and page numbers, before the body it lists."""
    clean, st = _structure(TOC_ON_TOP + _without_toc(NEWSLETTER))
    assert _label(clean, st, needle) == (topic, article, source)
    skipped = "".join(clean[a:b] for a, b in st.skip)
    assert "本期目录" in skipped and "………… 3" in skipped and "来源" not in skipped
    assert st.date == "2025"


def test_outline_that_matches_nothing_is_ignored() -> None:
    clean, st = _structure(_without_toc(NEWSLETTER), outline=[(1, "别的刊物的栏目"), (2, "别的文章")])
    assert _label(clean, st, "2350亿元") == ("地方动态", "南京软件谷软件业务收入增长一成", "南京日报")


def test_newsletter_outline_gives_structure() -> None:
    """Bookmarks (or DOCX/HTML headings) name sections and titles when there is no TOC."""
    text = _without_toc(NEWSLETTER).replace("来源：", "本文转载自")  # no source lines to lean on
    outline = [(1, "经济观察"), (2, "新能源汽车产销两旺 出口规模再创新高"), (1, "地方动态"),
               (2, "苏州工业园区集聚生物医药企业超2000家"), (2, "南京软件谷软件业务收入增长一成")]
    clean, st = _structure(text, outline=outline)
    assert _label(clean, st, "2100余家")[:2] == ("地方动态", "苏州工业园区集聚生物医药企业超2000家")
    assert _label(clean, st, "2350亿元")[:2] == ("地方动态", "南京软件谷软件业务收入增长一成")
    assert _label(clean, st, "1288.8万辆")[:2] == ("经济观察", "新能源汽车产销两旺 出口规模再创新高")


def test_newsletter_skips_toc_and_contact_block() -> None:
    clean, st = _structure(NEWSLETTER)
    skipped = "".join(clean[a:b] for a, b in st.skip)
    for line in ("目录", "邮编：210005", "电话：025-83000000", "地址：南京市中山北路 100 号"):
        assert line in skipped
    assert "2350亿元" not in skipped and "来源：南京日报" not in skipped
    assert st.date == ""


def test_toc_finds_a_title_wrapped_over_two_lines() -> None:
    text = NEWSLETTER.replace("苏州工业园区集聚生物医药企业超2000家\n园区",
                              "苏州工业园区集聚生物医药\n企业超2000家\n园区", 1)
    clean, st = _structure(text)
    assert _label(clean, st, "2100余家")[1] == "苏州工业园区集聚生物医药企业超2000家"


WEB_STYLE = """经济观察
新能源汽车产销两旺 出口规模再创新高
2025-01-06 09:30
来源：新华财经
据行业协会统计，2024年全国新能源汽车产量达到1288.8万辆，同比增长34.4%。
业内人士表示，预计2025年新能源汽车销量占比有望超过50%。
苏州工业园区集聚生物医药企业超2000家
作者：张三
来源：苏州日报
园区管委会介绍，园区现有生物医药企业2100余家。
地方动态
南京软件谷软件业务收入增长一成
来源：南京日报
今年前三季度，南京软件谷实现软件和信息服务业收入2350亿元。
"""


@pytest.mark.parametrize("needle, topic, article, source", [
    ("1288.8万辆", "经济观察", "新能源汽车产销两旺 出口规模再创新高", "新华财经"),
    ("50%", "经济观察", "新能源汽车产销两旺 出口规模再创新高", "新华财经"),
    ("2100余家", "经济观察", "苏州工业园区集聚生物医药企业超2000家", "苏州日报"),
    ("2350亿元", "地方动态", "南京软件谷软件业务收入增长一成", "南京日报"),
])
def test_source_lines_under_titles(needle: str, topic: str, article: str, source: str) -> None:
    """Source lines standing under the title (as web articles have them), not closing it."""
    clean, st = _structure(WEB_STYLE)
    assert _label(clean, st, needle) == (topic, article, source)


def test_subtitle_is_not_part_of_the_title() -> None:
    text = ("新能源汽车产业链加快向中西部地区梯度转移\n——访某研究院首席专家\n正文增长5%。\n来源：甲报\n"
            "乙文标题\n正文下降3%。\n来源：乙报\n")
    clean, st = _structure(text)
    assert _label(clean, st, "5%")[1:] == ("新能源汽车产业链加快向中西部地区梯度转移", "甲报")
    assert _label(clean, st, "3%")[1:] == ("乙文标题", "乙报")


def test_source_in_a_line_of_fields() -> None:
    text = ("甲文标题\n2024-05-06 10:20 来源：新华网 作者：张三\n正文增长5%。\n"
            "乙文标题\n发布时间：2024-05-07  来源：人民网\n正文下降3%。\n")
    clean, st = _structure(text)
    assert _label(clean, st, "5%")[1:] == ("甲文标题", "新华网")
    assert _label(clean, st, "3%")[1:] == ("乙文标题", "人民网")


def test_byline_is_no_title() -> None:
    text = ("甲文标题\n正文增长5%。\n（作者系某研究院研究员）\n来源：科技日报\n"
            "乙文标题\n正文下降3%。\n来源：科技日报\n")
    clean, st = _structure(text)
    assert _label(clean, st, "5%")[1] == "甲文标题"
    assert _label(clean, st, "3%")[1] == "乙文标题"


def test_toc_matches_titles_across_punctuation_forms() -> None:
    text = NEWSLETTER.replace("南京软件谷软件业务收入增长一成\n今年", "南京软件谷：软件业务收入增长“一成”\n今年", 1) \
        .replace("新能源汽车产销两旺 出口规模再创新高\n地方动态", "新能源汽车产销两旺，出口规模再创新高\n地方动态")
    clean, st = _structure(text)
    assert _label(clean, st, "2350亿元")[1] == "南京软件谷软件业务收入增长一成"
    assert _label(clean, st, "1288.8万辆")[1] == "新能源汽车产销两旺，出口规模再创新高"


def test_toc_finds_titles_glued_to_other_paragraphs() -> None:
    text = (NEWSLETTER.replace("来源：苏州日报\n南京软件谷", "来源：苏州日报南京软件谷")
            .replace("180多个国家和地区。\n", "180多个国家和地区，"))
    clean, st = _structure(text)
    assert _label(clean, st, "2100余家") == ("地方动态", "苏州工业园区集聚生物医药企业超2000家", "苏州日报")
    assert _label(clean, st, "2350亿元") == ("地方动态", "南京软件谷软件业务收入增长一成", "南京日报")
    assert "来源：苏州日报" in [clean[x.start:x.end] for x in st.sentences]


# ---------------------------------------------------------------------------------------------
# a report: its own title, numbered headings

REPORT_LABELS = [
    ("现在，我代表", ""),
    ("8500亿元", "2023年工作回顾"),
    ("52.4%", "2023年工作回顾"),
    ("2.6万个", "2023年工作回顾"),
    ("5.5%左右", "2024年主要目标任务"),
    ("3000张", "2024年主要目标任务"),
    ("再压减3%", "加强政府自身建设"),
]


@pytest.mark.parametrize("layout_", ["one paragraph a line", "blank line after each", "typeset"])
@pytest.mark.parametrize("needle, topic", REPORT_LABELS)
def test_report_topics(needle: str, topic: str, layout_: str) -> None:
    text = {"one paragraph a line": REPORT, "blank line after each": REPORT.replace("\n", "\n\n"),
            "typeset": _typeset(REPORT)}[layout_]
    clean, st = _structure(text, title="report-2024")
    assert _label(clean, st, needle) == (topic, "2024年滨江市政府工作报告", "")


def test_report_title_and_date() -> None:
    _, st = _structure(REPORT, title="report-2024")
    assert st.title == "2024年滨江市政府工作报告"
    assert st.date == "2024-01-15"


def test_report_with_table_of_contents() -> None:
    head, rest = REPORT.split("\n", 1)
    toc = "目  录\n一、2023年工作回顾\n二、2024年主要目标任务\n三、加强政府自身建设\n"
    clean, st = _structure(head + "\n" + toc + rest, title="report")
    assert _label(clean, st, "8500亿元") == ("2023年工作回顾", "2024年滨江市政府工作报告", "")
    assert _label(clean, st, "3000张")[0] == "2024年主要目标任务"
    skipped = "".join(clean[a:b] for a, b in st.skip)
    assert "目  录" in skipped and "三、加强政府自身建设" in skipped


def test_repeated_short_rows_in_the_body_are_no_table_of_contents() -> None:
    rows = "地区生产总值\n8500亿元\n一般公共预算收入\n620亿元\n进出口总额\n3100亿元\n"
    body = REPORT.split("\n")
    text = "\n".join(body[:2] + ["第一季度情况如下"] + body[2:6]) + "\n" + rows \
        + "\n".join(body[6:10] + ["上半年情况如下"]) + "\n" + rows + "\n".join(body[10:])
    clean, st = _structure(text, title="report")
    assert not st.skip
    assert _label(clean, st, "620亿元")[0] == "2023年工作回顾"


def test_report_without_title_line_takes_the_file_title() -> None:
    body = REPORT.split("\n", 3)[3]  # from 现在，我代表… on
    clean, st = _structure(body, title="滨江市报告")
    assert _label(clean, st, "8500亿元") == ("2023年工作回顾", "滨江市报告", "")
    assert st.date == ""


@pytest.mark.parametrize("text, needle, topic", [
    ("第一章 总体要求\n到2025年，覆盖率达到90%。\n第二章 重点任务\n新建基站2万个。", "2万个", "重点任务"),
    ("第一章 总体要求\n到2025年，覆盖率达到90%。\n第二章 重点任务\n新建基站2万个。", "90%", "总体要求"),
    # chapters outrank 一、
    ("第一章 总体要求\n一、目标\n覆盖率达到90%。\n第二章 重点任务\n一、基站\n新建基站2万个。",
     "2万个", "重点任务"),
    ("1. 发展目标\n产值增长8%。\n2. 保障措施\n投入资金3亿元。", "3亿元", "保障措施"),
    # a numbered list item with a sentence in it is no heading
    ("工作要点如下。\n1. 产值增长8%，利润增长5%。\n2. 投入资金3亿元，带动社会投资10亿元。", "3亿元", ""),
    # no sections at all
    ("全年产值增长8%。\n利润增长5%。", "5%", ""),
    # run-in headings end at their first sentence end or colon
    ("一、总体要求：到2025年，覆盖率达到90%。\n二、重点任务：新建基站2万个。", "2万个", "重点任务"),
    ("一、稳住经济大盘。全年增长5%。\n二、兜牢民生底线。新增就业1200万人。", "1200万人", "兜牢民生底线"),
])
def test_numbered_headings(text: str, needle: str, topic: str) -> None:
    clean, st = _structure(text, title="doc")
    assert _label(clean, st, needle)[0] == topic


@pytest.mark.parametrize("text, topic, article", [
    # a one-article page under a column name
    ("行业观察\n新能源汽车出口规模再创新高\n全年出口128.4万辆，同比增长77.6%。\n", "行业观察", "新能源汽车出口规模再创新高"),
    # a report's title with its dateline or its speaker is no column and title
    ("政府工作报告\n——2024年3月5日在大会上\n全年增长5.2%。\n", "", "政府工作报告"),
    ("政府工作报告\n市长 王某\n全年增长5.2%。\n", "", "政府工作报告"),
])
def test_column_name_and_title_at_the_head(text: str, topic: str, article: str) -> None:
    clean, st = _structure(text, title="doc")
    assert _label(clean, st, "%")[:2] == (topic, article)
    assert st.title == article


@pytest.mark.parametrize("head, date", [
    ("2024年政府工作报告", "2024"),
    ("关于2023年预算执行情况的报告\n——2024年3月5日在大会上", "2024-03-05"),
    ("某某简报\n2025年第1期", "2025"),
    ("某某简报\n２０２５年３月", "2025-03"),
    ("某某工作总结", ""),
    ("关于全市经济运行情况的报告\n二〇二四年三月五日", "2024-03-05"),
    ("某某局文件\n二〇二三年十二月", "2023-12"),
    ("某某简报\n2025-01-06 09:30", "2025-01-06"),
])
def test_document_date(head: str, date: str) -> None:
    _, st = _structure(head + "\n今年以来，全市产值增长8%，比2019年翻了一番。")
    assert st.date == date


@pytest.mark.parametrize("line, outlet", [
    ("来源：经济参考报", "经济参考报"),
    ("（来源：新华社）", "新华社"),
    ("来源 | 经济日报", "经济日报"),
    ("稿源：人民网 2024-05-06", "人民网"),
    ("来源：中国政府网  编辑：李四", "中国政府网"),
    ("来源：新华社 作者：张三", "新华社"),
    ("来源：“学习强国”平台", "“学习强国”平台"),
    ("文章来源:科技日报", "科技日报"),
    ("来源于群众的智慧，增长5%。", ""),  # running text, not a source line
    ("数据来源：国家统计局", ""),  # a data citation names no outlet
])
def test_source_outlet(line: str, outlet: str) -> None:
    clean, st = _structure(f"甲文标题\n正文增长5%。\n{line}\n")
    assert st.sentences[1].source == outlet


def test_source_line_variants() -> None:
    text = ("甲文标题\n正文增长5%。\n来源：人民日报  作者：张三\n乙文标题\n正文下降3%。\n（稿源：新华社 2024-05-06）\n")
    clean, st = _structure(text)
    assert _label(clean, st, "5%")[1:] == ("甲文标题", "人民日报")
    assert _label(clean, st, "3%")[1:] == ("乙文标题", "新华社")


# ---------------------------------------------------------------------------------------------
# the sample newsletter against its gold annotations


def _gold_accuracy() -> dict[str, float]:
    src = GOLD_TXT.read_text(encoding="utf-8")
    clean, st = _structure(src, title=GOLD_TXT.stem)
    keep = [i for i, ch in enumerate(clean) if not ch.isspace()]
    flat = "".join(clean[i] for i in keep)
    starts = [s.start for s in st.sentences]
    rows = [json.loads(line) for line in GOLD_JSONL.read_text(encoding="utf-8").splitlines() if line.strip()]
    right = dict.fromkeys(("topic", "article", "source"), 0)
    cur = 0
    for g in rows:
        ctx, mention = _ws(g["context"]), _ws(g["mention"])
        k = flat.find(ctx + mention, cur)
        if k < 0:
            k = flat.find(ctx + mention)
        assert k >= 0, g
        cur = k + 1
        pos = keep[k + len(ctx)]
        s = st.sentences[bisect_right(starts, pos) - 1]
        assert s.start <= pos < s.end
        for a in right:
            right[a] += _ws(getattr(s, a)) == _ws(g[a])
    return {a: n / len(rows) for a, n in right.items()}


def test_gold_topic_article_source_accuracy() -> None:
    acc = _gold_accuracy()
    assert all(v >= 0.98 for v in acc.values()), acc


def test_segment_time_grows_linearly_with_the_document() -> None:
    clean = layout.repair(GOLD_TXT.read_text(encoding="utf-8") * 10).text
    quarter = clean[: len(clean) // 4]
    assert_linear(segment.segment, quarter, clean)


@pytest.mark.parametrize("name, text", [
    ("identical short lines", "增长5%，\n" * 40_000),
    ("repeated headings", "".join(f"标题{i % 50}\n" for i in range(40_000))),
    ("numbered headings", "".join(f"{'一二三四五六七八九'[i % 9]}、标题{i}\n" for i in range(40_000))),
    ("one huge paragraph", "1" * 1_000_000),
])
def test_segment_linear_time(name: str, text: str) -> None:
    quarter = layout.repair(text[: len(text) // 4]).text
    clean = layout.repair(text).text
    assert_linear(segment.segment, quarter, clean)


def test_bracketed_section_names_lose_their_brackets() -> None:
    text = (
        "【政策速递】\n\n加快培育新质生产力\n\n今年以来，全国新设科技型企业超过5万家。\n\n（来源：新华社）\n\n"
        "【行业动态】\n\n创投机构新增投资超300亿元\n\n今年1—5月，新增投资项目1286个。\n\n（来源：新华日报）\n"
    )
    struct = segment.segment(layout.repair(text).text)
    labels = {(s.topic, s.article, s.source) for s in struct.sentences}
    assert ("政策速递", "加快培育新质生产力", "新华社") in labels
    assert ("行业动态", "创投机构新增投资超300亿元", "新华日报") in labels


# ---------------------------------------------------------------------------------------------
# the document's head: title and date however they are laid out

@pytest.mark.parametrize("head, title, date", [
    # a title glued to its dateline
    ("政府工作报告——2024年3月5日在第十四届全国人民代表大会第二次会议上\n各位代表：", "政府工作报告", "2024-03-05"),
    # title, dateline and speaker on lines of their own
    ("政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理 李强\n各位代表：",
     "政府工作报告", "2024-03-05"),
    # a dateline in brackets too long for a heading
    ("滨江市政府工作报告\n（2024年1月15日在滨江市第十六届人民代表大会第四次会议上市长王某所作的报告）\n各位代表：",
     "滨江市政府工作报告", "2024-01-15"),
    # title / issuer / date on separate lines: the issuer is no part of the title
    ("某市2024年国民经济和社会发展统计公报\n某市统计局\n2025年3月1日", "某市2024年国民经济和社会发展统计公报", "2025-03-01"),
    # a title the layout wrapped over two lines
    ("关于全市经济社会发展情况与\n下一步工作安排的报告", "关于全市经济社会发展情况与下一步工作安排的报告", ""),
    ("某省国民经济和社会发展第十四个五年规划和二〇三五年\n远景目标纲要", "某省国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", ""),
    # a subtitle or issuer is not a wrapped title
    ("某区经济运行分析\n某区统计局", "某区经济运行分析", ""),
    # a date field, a stamp or a byline before the title
    ("发布时间：2024年10月28日\n服务业发展成就综述", "服务业发展成就综述", "2024-10-28"),
    ("2024-07-15 10:00\n上半年经济运行情况", "上半年经济运行情况", "2024-07-15"),
    # an original-title line gives the title only where no headline stands
    ("原标题：全市产值稳中有升", "全市产值稳中有升", ""),
    ("产值再创新高\n原标题：全市产值稳中有升", "产值再创新高", ""),
    # no title at the head
    ("各位代表：\n现在，我代表市人民政府作报告。", "", ""),
])
def test_document_head(head: str, title: str, date: str) -> None:
    clean, st = _structure(head + "\n今年以来，全市产值增长8%。")
    assert (st.title, st.date) == (title, date)
    assert _label(clean, st, "8%")[1] == title


@pytest.mark.parametrize("kw, title, date", [
    ({"title": "元数据中的标题"}, "元数据中的标题", ""),  # a PDF whose title is only in its metadata
    ({"name": "2024年工作报告"}, "", "2024"),  # a file name dates, never titles
    ({}, "", ""),
])
def test_title_from_the_format_never_the_file_name(kw: dict, title: str, date: str) -> None:
    clean, st = _structure("各位代表：\n今年以来，全市产值增长8%。", **kw)
    assert (st.title, st.date, _label(clean, st, "8%")[1]) == (title, date, title)


# ---------------------------------------------------------------------------------------------
# several articles in one file

DIGESTS = {
    "sources under titles": (
        "外贸出口稳中有升\n来源：《经济日报》\n记者 张三\n前两个月出口增长7.1%。\n"
        "消费市场持续回暖\n稿源：新华社\n记者 李四 王五\n前两个月零售总额增长5.5%。\n"
        "工业生产加快\n来源：人民日报 记者 赵六\n规模以上工业增加值增长7.0%。\n",
        [("7.1%", "外贸出口稳中有升", "经济日报"), ("5.5%", "消费市场持续回暖", "新华社"),
         ("7.0%", "工业生产加快", "人民日报")]),
    "sources closing their articles": (
        "外贸出口稳中有升\n前两个月出口增长7.1%。\n（来源：《经济日报》 2024年3月8日）\n"
        "消费市场持续回暖\n前两个月零售总额增长5.5%。\n原载《人民日报》\n",
        [("7.1%", "外贸出口稳中有升", "经济日报"), ("5.5%", "消费市场持续回暖", "人民日报")]),
    "original titles": (
        "外贸出口稳中有升\n原标题：前两个月出口数据发布\n前两个月出口增长7.1%。\n"
        "消费市场持续回暖\n原标题：零售数据发布\n前两个月零售总额增长5.5%。\n",
        [("7.1%", "外贸出口稳中有升", ""), ("5.5%", "消费市场持续回暖", "")]),
    "original title and source": (
        "外贸出口稳中有升\n来源：经济日报\n前两个月出口增长7.1%。\n"
        "消费市场持续回暖\n原标题：零售数据发布\n来源：新华社\n前两个月零售总额增长5.5%。\n",
        [("7.1%", "外贸出口稳中有升", "经济日报"), ("5.5%", "消费市场持续回暖", "新华社")]),
    "original titles without headlines": (
        "原标题：前两个月出口数据发布\n前两个月出口增长7.1%。\n"
        "原标题：零售数据发布\n前两个月零售总额增长5.5%。\n",
        [("7.1%", "前两个月出口数据发布", ""), ("5.5%", "零售数据发布", "")]),
}


@pytest.mark.parametrize("name", list(DIGESTS))
def test_articles_of_a_digest(name: str) -> None:
    text, expected = DIGESTS[name]
    clean, st = _structure(text)
    assert [(needle, *_label(clean, st, needle)[1:]) for needle, _, _ in expected] == expected


@pytest.mark.parametrize("line, outlet", [
    ("来源：《经济日报》", "经济日报"),
    ("（来源：《人民日报》2024年3月1日第2版）", "人民日报"),
    ("原载《求是》2024年第5期", "求是"),
    ("来源：经济日报 记者 张三", "经济日报"),
    ("来源：新华社 本报记者 李四", "新华社"),
    ("记者 张三 李四", ""),  # a byline names people, not an outlet
    ("原标题：全市产值稳中有升", ""),  # an original title credits no outlet
])
def test_source_outlets_and_bylines(line: str, outlet: str) -> None:
    clean, st = _structure(f"甲文标题\n正文增长5%。\n{line}\n")
    assert st.sentences[1].source == outlet


# ---------------------------------------------------------------------------------------------
# numbered headings of every common form

@pytest.mark.parametrize("text, needle, topic", [
    ("第一部分 总体要求\n全年增长5%。\n第二部分 重点任务\n新建基站2万个。", "2万个", "重点任务"),
    ("（一）扩大内需\n消费增长6%。\n（二）稳定外贸\n出口增长3%。", "3%", "稳定外贸"),
    ("一、2023年经济社会发展总体要求和政策取向\n今年增长5%左右。\n二、2024年政府工作任务\n新增就业1200万人。",
     "5%左右", "2023年经济社会发展总体要求和政策取向"),
    ("第一章 总则\n第一节 目标\n增长5%。\n第二节 任务\n增长6%。\n第二章 保障\n投入3亿元。", "6%", "总则"),
    ("第一节 目标\n增长5%。\n第二节 任务\n增长6%。", "6%", "任务"),
    # a lone numbered paragraph is a list item, not an outline
    ("前言\n（一）着力扩大国内需求。今年拟安排专项债券3.8万亿元。", "3.8万亿元", ""),
])
def test_numbered_heading_forms(text: str, needle: str, topic: str) -> None:
    clean, st = _structure(text)
    assert _label(clean, st, needle)[0] == topic


@pytest.mark.parametrize("text, needle", [
    ("一、2024年经济社会发展总体要求和政策取向\n今年增长5%左右。\n二、2024年政府工作任务\n新增就业1200万人。", "5%左右"),
    ("第一部分 总体要求\n全年增长5%。\n第二部分 重点任务\n新建基站2万个。", "2万个"),
])
def test_a_heading_is_never_part_of_a_figures_sentence(text: str, needle: str) -> None:
    clean, st = _structure(text)
    sentence = next(clean[s.start:s.end] for s in st.sentences if needle in clean[s.start:s.end])
    assert not any(h.match(sentence) for _, h in numbered_headings(Lexicon.default()))


@pytest.mark.parametrize("line", [
    "原文：https://www.example.cn/news/2024/0308.html",
    "> 原文链接：https://www.example.cn/a?id=5",
    "https://www.example.cn/news/5.html",
])
def test_a_link_line_is_no_sentence(line: str) -> None:
    clean, st = _structure(f"甲文标题\n正文增长5%。\n{line}\n")
    i = clean.index("http")
    assert any(a <= i < b for a, b in st.skip)

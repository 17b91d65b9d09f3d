"""Layout repair: typeset text back to one paragraph per line, offsets honest."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex
from helpers import assert_linear
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import layout, segment

GOLD_TXT = Path(__file__).parent / "gold" / "jsvc-2025-01.txt"

PARAGRAPHS = [
    "城市更新进入新阶段",
    "今年以来，全市共启动老旧小区改造项目 126 个，惠及居民 4.3 万户，完成投资 58.6 亿元，"
    "改造面积达到 310 万平方米，加装电梯 820 部，新增停车位 1.1 万个，整体进度快于预期。",
    "项目采用 Building Information Modeling 技术与 smart grid 方案统筹管线改造，平均工期缩短了"
    "两个月，居民满意度提升到 96.5%，相关经验已在省内推广。",
    "下一步工作安排",
    "明年计划再改造小区 150 个，总投资约 70 亿元；同时开展“完整社区”试点，力争到 2026 年底"
    "覆盖全部城区街道，让群众在家门口享受便利服务。",
]


def _w(s: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


def _wrap(par: str, width: int) -> list[str]:
    """Break a paragraph into lines of at most ``width`` columns, never inside a Latin word."""
    lines: list[str] = []
    cur = ""
    for tok in regex.findall(r"[A-Za-z0-9.%]+|.", par):
        if cur.strip() and _w(cur + tok) > width:
            lines.append(cur.rstrip(" "))
            cur = tok.lstrip(" ")
        else:
            cur += tok
    lines.append(cur)
    return lines


def _joined(lines: list[str]) -> str:
    """What repair should make of one wrapped paragraph: one space only between Latin words."""
    out = lines[0]
    for line in lines[1:]:
        latin = regex.match(r"[A-Za-z0-9]", out[-1]) and regex.match(r"[A-Za-z0-9]", line[0])
        out += (" " if latin else "") + line
    return out


def _typeset(pars: list[str], width: int = 40, *, blank_after: bool = False, page_lines: int = 0,
             page_break: str = "", header: str = "", footer: bool = False) -> tuple[str, str]:
    """``(typeset text, expected repaired text)``."""
    lines = [(line, k) for k, par in enumerate(pars) for line in _wrap(par, width)]
    out: list[str] = []
    page = 1
    for n, (line, _) in enumerate(lines):
        if page_lines and n and n % page_lines == 0:
            if footer:
                out.append(f"- {page} -")
                if blank_after:
                    out.append("")
            page += 1
            if page_break == "\f":
                out.append("\f" + (header or line) if header else "\f" + line)
                if header:
                    out.append(line)
            elif page_break == "space":
                if out and out[-1] == "":
                    out.pop()
                out.append(" " + line)
            else:
                if header:
                    out.append(header)
                    if blank_after:
                        out.append("")
                out.append(line)
        else:
            if n == 0 and header:
                out.append(header)
                if blank_after:
                    out.append("")
            out.append(line)
        if blank_after:
            out.append("")
    expected = "\n".join(_joined(_wrap(p, width)) for p in pars)
    return "\n".join(out), expected


def _assert_honest(src: str, rep: layout.Repaired) -> None:
    for i, ch in enumerate(rep.text):
        j = rep.to_source(i)
        o = src[j]
        assert o == ch or (ch == " " and o in "\r\n"), (i, ch, j, o)


CASES = {
    "wrapped": {},
    "blank after every line": {"blank_after": True},
    "form-feed page breaks": {"page_lines": 4, "page_break": "\f"},
    "page numbers": {"page_lines": 4, "footer": True},
    "blank lines, page marks, page numbers": {"blank_after": True, "page_lines": 3,
                                              "page_break": "space", "footer": True},
    "running header": {"page_lines": 3, "page_break": "\f", "header": "城建简报 2025年第3期"},
    "narrow": {"blank_after": True},
}


@pytest.mark.parametrize("name", list(CASES))
def test_repair_undoes_typesetting(name: str) -> None:
    width = 24 if name == "narrow" else 40
    src, expected = _typeset(PARAGRAPHS, width, **CASES[name])
    rep = layout.repair(src)
    assert rep.text == expected
    _assert_honest(src, rep)


def test_joined_paragraphs_keep_their_words() -> None:
    src, expected = _typeset(PARAGRAPHS, 40, blank_after=True)
    assert "Building Information Modeling" in expected
    assert regex.sub(r"\s", "", expected) == regex.sub(r"\s", "", "".join(PARAGRAPHS))


@pytest.mark.parametrize("src, expected", [
    ("", ""),
    ("一行文字。", "一行文字。"),
    # one paragraph per line (not typeset): lines stay as they are
    ("第一段，内容较长的一段话，说明了很多事情。\n短句。\n第三段也是完整的一段。",
     "第一段，内容较长的一段话，说明了很多事情。\n短句。\n第三段也是完整的一段。"),
    # blank lines where they are rare end paragraphs, and are dropped
    ("甲段。\n\n\n乙段。\n", "甲段。\n乙段。"),
    # a short text gives no width to go by: running text that stops mid-sentence runs on
    ("截至 2024 年 11 月，备案的大模型已达到 252\n\n个，需求迅速增加。",
     "截至 2024 年 11 月，备案的大模型已达到 252个，需求迅速增加。"),
    ("产值增长8%，\n利润增长5%。\n标题\n正文。", "产值增长8%，利润增长5%。\n标题\n正文。"),
    # CRLF line ends and trailing spaces
    ("甲段。  \r\n乙段。\r\n", "甲段。\n乙段。"),
    # indented paragraphs (ideographic spaces) start new paragraphs, even after a full line
    ("\u3000\u3000这是第一段开头的一行文字，排版时被折到\n了下一行，又写满了一整行还没有说完的\n话，最后才在这里结束了"
     "\n\u3000\u3000第二段也是一样先写满了整整一行文字\n然后才结束。",
     "这是第一段开头的一行文字，排版时被折到了下一行，又写满了一整行还没有说完的话，最后才在这里结束了"
     "\n第二段也是一样先写满了整整一行文字然后才结束。"),
])
def test_repair_cases(src: str, expected: str) -> None:
    rep = layout.repair(src)
    assert rep.text == expected
    _assert_honest(src, rep)


def test_title_after_full_line_is_not_glued() -> None:
    lines = [
        "这一段文字写满了整整一行，而且句子还没有说完就被",
        "折到了下一行，然后又写满了整整一行还是没有说完就",
        "再折一次，最后这一行恰好写满并在行尾以句号结束。",
        "新的标题",
        "标题下面的正文又写满了整整一行，而且句子还没有说",
        "完就折到了下一行，接着又写满一行仍旧没有说完的话",
        "才在这里结束。",
    ]
    rep = layout.repair("\n".join(lines))
    assert rep.text.split("\n") == ["".join(lines[:3]), lines[3], "".join(lines[4:])]


def test_sample_newsletter_offsets_and_titles() -> None:
    src = GOLD_TXT.read_text(encoding="utf-8")
    rep = layout.repair(src)
    _assert_honest(src, rep)
    lines = rep.text.split("\n")
    # blank layout lines and page marks are gone; no line starts or ends with white space
    assert all(line and line == line.strip() for line in lines)
    assert len(lines) < src.count("\n") / 3
    # no hard-wrap is left inside a sentence: a paragraph that does not end a sentence is short
    assert max(len(line) for line in lines if not regex.search(r"[。！？”）…]$", line)) <= 45


def test_repair_time_grows_linearly() -> None:
    src = GOLD_TXT.read_text(encoding="utf-8")
    assert_linear(layout.repair, src * 3, src * 12)


_PIECES = st.sampled_from(list("甲乙丙丁增长。，；：！？!?“”（）AB12.% \t\f\r\u3000\xa0") + [
    "\n", "\n\n", " \n", "\n ", "来源：某报\n", "一、标题\n", "（一）小标题。", "1. 标题\n", "目录\n",
    "地址：某路1号\n", "2024年3月5日\n", "这一行写得比较长，一直写到行尾也没有结束",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join) | st.text(max_size=200))
def test_any_text_repairs_and_segments(text: str) -> None:
    rep = layout.repair(text)
    _assert_honest(text, rep)
    s = segment.segment(rep.text, title="t")
    spans = [(x.start, x.end) for x in s.sentences]
    assert spans == sorted(spans)
    assert all(0 <= a < b <= len(rep.text) for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:], strict=False))


_TYPESET_BEFORE = ("过去一年，全市经济运行稳中有进，地区生产总值增长百分之五，城镇新增就业\n"
                   "十二万人，居民收入稳步增长，各项事业取得新的进展和成效，人民群众获得感\n")
_TYPESET_AFTER = ("今年经济社会发展的主要预期目标是：地区生产总值增长百分之五左右，城镇新\n"
                  "增就业十万人以上，居民消费价格涨幅百分之三左右，居民收入增长与经济增长\n"
                  "基本同步，粮食产量保持稳定。\n")


@pytest.mark.parametrize("heading", [
    "二、2024年经济社会发展总体要求和政策取向安排",
    "第二部分 2024年经济社会发展总体要求和政策取向",
    "（二）2024年经济社会发展的总体要求和政策取向",
])
def test_a_numbered_heading_line_stands_on_its_own(heading: str) -> None:
    """A numbered heading as wide as the text neither runs on from the line before nor into the next."""
    src = _TYPESET_BEFORE + heading + "\n" + _TYPESET_AFTER
    rep = layout.repair(src)
    assert heading in rep.text.split("\n")
    _assert_honest(src, rep)


@pytest.mark.parametrize("line", [
    "二、推动经济实现质的有效提升和量的合理增长，全年地区生产总值增长百分之五，城镇",  # running text
    "1.李克强考察疫情防控与生活物资保障服务平台、国务院复工复产推进工作机制和宏观",  # a list item
])
def test_a_numbered_paragraph_still_runs_on(line: str) -> None:
    src = _TYPESET_BEFORE.replace("获得感\n", "获得感。\n") + line + "\n" + _TYPESET_AFTER
    rep = layout.repair(src)
    assert line not in rep.text.split("\n")

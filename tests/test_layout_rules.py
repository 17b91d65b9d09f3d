"""The named rules of layout repair, each with its table of examples."""

from __future__ import annotations

import pytest

from extract import layout
from extract.layout import _cues, _furniture, _indented, _interleaved, _joiner, _lines, _page_starts
from extract.lexicon import Lexicon


@pytest.mark.parametrize("text, interleaved", [
    ("第一行\n\n第二行\n\n第三行", True),
    ("第一行\n第二行\n第三行", False),
    ("第一行\n\n第二行\n第三行\n第四行", False),
    ("一行", False),
])
def test_interleaved(text: str, interleaved: bool) -> None:
    assert _interleaved(_lines(text)) is interleaved


@pytest.mark.parametrize("text, indented", [
    ("\u3000\u3000第一段开头\n接着写\n\u3000\u3000第二段开头\n接着写\n再写", [True, False, True, False, False]),
    ("\t第一段\n接着写\n再写", [True, False, False]),
    # when most lines are indented, indentation tells nothing
    ("\u3000\u3000第一段\n\u3000\u3000第二段\n第三段", [False, False, False]),
])
def test_indented(text: str, indented: list[bool]) -> None:
    assert _indented(_lines(text)) == indented


@pytest.mark.parametrize("text, starts", [
    ("第一页\n\f第二页", [False, True]),
    # blank-interleaved: one leading space and no blank line before it starts a page
    ("第一行\n\n第二行\n 第三行\n\n第四行", [False, False, True, False]),
    ("第一行\n第二行\n 第三行", [False, False, False]),
])
def test_page_starts(text: str, starts: list[bool]) -> None:
    L = _lines(text)
    assert _page_starts(L, _interleaved(L)) == starts


@pytest.mark.parametrize("text, drop", [
    ("正文一\n- 3 -\n正文二", [False, True, False]),
    ("正文一\n第 2 页 共 10 页\n正文二", [False, True, False]),
    ("正文一\n12/40\n正文二", [False, True, False]),
    ("增长3%\n正文二", [False, False]),
    # a running header at the top of every page
    ("某某日报\n甲\n\f某某日报\n乙\n\f某某日报\n丙", [True, False, True, False, True, False]),
])
def test_furniture(text: str, drop: list[bool]) -> None:
    L = _lines(text)
    assert _furniture(text, L, _page_starts(L, _interleaved(L)), Lexicon.default().stage(_cues)) == drop


@pytest.mark.parametrize("text, want", [
    ("2\n024年", (-1, "")),  # a number the wrap broke is one number
    ("增长\n百分之五", (-1, "")),  # nothing between CJK characters
    ("GDP\ngrowth", (3, " ")),  # the line break stands for the space between two Latin words
    ("GDP \ngrowth", (3, " ")),  # the source's own space
])
def test_joiner(text: str, want: tuple[int, str]) -> None:
    L = _lines(text)
    assert _joiner(text, L.B[0], L.A[1]) == want


@pytest.mark.parametrize("text, repaired", [
    # a numbered heading never runs on, however the text is wrapped
    ("一、总体要求\n今年经济增长。", "一、总体要求\n今年经济增长。"),
    # a sentence end ends the paragraph
    ("今年经济增长，\n就业稳定。\n下一段。", "今年经济增长，就业稳定。\n下一段。"),
    # blank-interleaved layout lines are dropped
    ("第一段。\n\n第二段。", "第一段。\n第二段。"),
])
def test_paragraph_ends(text: str, repaired: str) -> None:
    assert layout.repair(text).text == repaired

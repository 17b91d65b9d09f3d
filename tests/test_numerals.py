"""Numeral strings to exact values: Arabic, full-width, Chinese, financial, mixed, fractions."""

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract import parse_number
from extract.numerals import calendar_year, cn_year_pattern, integer, parse_decimal, spelled, year_pattern

CASES = [
    # Arabic, separators, decimals, full-width
    ("0", "0"), ("7", "7"), ("0.5", "0.5"), ("1268", "1268"), ("1,268", "1268"), ("1，268", "1268"),
    ("1,268.5", "1268.5"), ("1,050,000,000", "1050000000"), ("10,000.233", "10000.233"), ("4.800", "4.8"),
    (".5", "0.5"), ("-.5", "-0.5"), ("２０２４", "2024"), ("１２.５", "12.5"), ("２．２", "2.2"), ("１，２６８", "1268"),
    ("-10000", "-10000"), ("负10000", "-10000"),
    # Chinese digits and small units
    ("一", "1"), ("十", "10"), ("十一", "11"), ("一十", "10"), ("二十", "20"), ("两", "2"), ("两百", "200"),
    ("一百零五", "105"), ("一百一十", "110"), ("九百九十九", "999"), ("一千零一", "1001"), ("一千零五十", "1050"),
    ("两千四百五十", "2450"), ("三千零五", "3005"), ("廿", "20"), ("廿五", "25"), ("零", "0"), ("〇", "0"),
    # abbreviated tails
    ("一万三", "13000"), ("九百九", "990"), ("两千四百五", "2450"), ("千三", "1300"), ("百三", "130"),
    ("一亿三", "130000000"), ("一千六", "1600"),
    # magnitudes and nesting
    ("两万", "20000"), ("十二万", "120000"), ("一百零一万一千", "1011000"), ("一千二百三十四万五千六百", "12345600"),
    ("三千五百亿", "350000000000"), ("四亿五千六百四十二万零一十五", "456420015"), ("四万万", "400000000"),
    ("十万零五十六", "100056"), ("一万零十二", "10012"), ("五亿零六", "500000006"), ("九万零四百", "90400"),
    ("四十五亿四千零四万", "4540040000"), ("一百零十万", "1100000"),
    # mixed Arabic and Chinese
    ("2万亿", "2000000000000"), ("4.5亿", "450000000"), ("1千万亿", "1000000000000000"), ("1.2万亿", "1200000000000"),
    ("2万", "20000"), ("4.78万亿", "4780000000000"), ("10万万", "1000000000"), ("3万4000", "34000"),
    ("25万6千", "256000"), ("2千零30万", "20300000"), ("1,100.9亿", "110090000000"), ("7万5千4百", "75400"),
    ("２．２亿", "220000000"), ("1000 万", "10000000"),
    # digit sequences
    ("二〇二五", "2025"), ("一九九一", "1991"), ("二〇〇八", "2008"),
    # decimals in Chinese
    ("十八点七", "18.7"), ("零点五", "0.5"), ("二点五", "2.5"), ("一千六点五", "1600.5"), ("四百亿点零五零", "40000000000.050"),
    ("负六点六", "-6.6"), ("二点五亿", "250000000"), ("负3.9", "-3.9"),
    # financial and traditional characters
    ("壹佰伍拾", "150"), ("肆佰陆拾", "460"), ("貳仟", "2000"), ("兩千", "2000"), ("拾萬", "100000"), ("十萬柒仟", "107000"),
    ("四億", "400000000"), ("負三十二", "-32"), ("十五點七", "15.7"),
    # per cent as a numeral
    ("百分之十八点七", "18.7"), ("百分之一点五七", "1.57"), ("百分之五十", "50"),
    # vague amounts: the stated round value
    ("十多万", "100000"), ("500余万", "5000000"), ("二十几万", "200000"), ("一千多万", "10000000"),
    # fractions
    ("五分之一", "0.2"), ("二分之一", "0.5"), ("3/2", "1.5"), ("３／５", "0.6"), ("负一又二分之一", "-1.5"),
    ("一百分之二", "0.02"),
]

NOT_NUMBERS = ["", "abc", "第", "百分之", "五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五五", "1.2.3", "点", "分之"]


@pytest.mark.parametrize(("text", "want"), CASES, ids=[c[0] for c in CASES])
def test_parse_exact(text: str, want: str) -> None:
    assert parse_decimal(text) == Decimal(want)
    assert parse_number(text) == float(Decimal(want))


def test_enough_cases() -> None:
    assert len(CASES) >= 80


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_not_a_number(text: str) -> None:
    assert parse_number(text) is None


def test_no_float_artefacts() -> None:
    assert repr(parse_number("百分之一点五七")) == "1.57"
    assert repr(parse_number("0.1")) == "0.1"


_DIG = "零一二三四五六七八九"


def to_chinese(n: int) -> str:
    """Render 0 <= n < 10**16 in standard Chinese numerals (the inverse the parser must honour)."""
    if n == 0:
        return "零"

    def four(x: int) -> str:
        out, zero = "", False
        for unit, div in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
            d, x = divmod(x, div)
            if d:
                if zero:
                    out += "零"
                    zero = False
                out += _DIG[d] + unit
            elif out:
                zero = True
        return out

    groups = []
    while n:
        n, g = divmod(n, 10000)
        groups.append(g)
    parts, pending_zero = "", False
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            pending_zero = bool(parts)
            continue
        if parts and (pending_zero or g < 1000):
            parts += "零"
        pending_zero = False
        parts += four(g) + ("", "万", "亿", "万亿")[i]
    return parts


@given(st.integers(min_value=0, max_value=10**16 - 1))
def test_chinese_roundtrip(n: int) -> None:
    assert parse_decimal(to_chinese(n)) == n


@given(st.integers(min_value=0, max_value=10**12))
def test_arabic_with_separators_roundtrip(n: int) -> None:
    assert parse_decimal(f"{n:,}") == n


@pytest.mark.parametrize("s, year", [
    ("2024", 2024), ("1998", 1998), ("１９９８", 1998), ("二〇二四", 2024), ("一九九一", 1991), ("二零零八", 2008),
    ("1500", 1500), ("2200", 2200), ("二○二三", 2023), ("二Ｏ二三", 2023),
    # outside the data's calendar range, or no four-digit numeral
    ("1499", None), ("1000", None), ("0999", None), ("2201", None), ("9999", None), ("202", None), ("20245", None), ("二十二", None), ("20万", None),
])
def test_calendar_year(s: str, year: int | None) -> None:
    assert calendar_year(s) == year


@pytest.mark.parametrize("s, match", [
    ("1500", True), ("1949", True), ("2024", True), ("2199", True), ("2200", True),
    ("1499", False), ("1000", False), ("0999", False), ("2201", False), ("3000", False), ("999", False),
])
def test_year_pattern_is_the_calendar_range(s: str, match: bool) -> None:
    assert (re.fullmatch(year_pattern(), s) is not None) is match
    assert (calendar_year(s) is not None) is match


@pytest.mark.parametrize("s, match", [
    ("二〇二四", True), ("一九四九", True), ("二○二三", True), ("二Ｏ二三", True), ("一五〇〇", True), ("二二〇〇", True),
    ("一四九九", False), ("二二〇一", False), ("三〇〇〇", False), ("二十二", False), ("二〇二", False),
])
def test_cn_year_pattern_is_the_calendar_range(s: str, match: bool) -> None:
    assert (re.fullmatch(cn_year_pattern(), s) is not None) is match
    assert (calendar_year(s) is not None) is match


@pytest.mark.parametrize("n, s", [(1, "一"), (2, "二"), (9, "九"), (10, "十"), (11, "十一"), (12, "十二"), (20, "二十"),
                                  (31, "三十一"), (0, "〇")])
def test_spelled(n: int, s: str) -> None:
    assert spelled(n) == s
    assert integer(s) == n


@pytest.mark.parametrize("s, n", [
    ("十二", 12), ("１２", 12), ("12", 12), ("一百零一", 101), ("二〇二四", 2024), ("三十一", 31), ("零五", 5),
    ("五五", 55), ("1.5", None), ("负三", None), ("第一", None), ("", None), ("十万", 100000),
])
def test_integer(s: str, n: int | None) -> None:
    assert integer(s) == n

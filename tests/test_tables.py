"""Figures in tables: cell values, header units, labels, periods, the readers' grids, the dev set."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from extract import readers, table, tables

DEV = Path(__file__).parent / "tables"
GOLD = [json.loads(x) for x in (DEV / "gold.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]


# ---------------------------------------------------------------- cells

CELLS = [
    ("4899310", (Decimal("4899310"), None, Decimal(1))),
    ("1,234.5", (Decimal("1234.5"), None, Decimal(1))),
    ("-2.3", (Decimal("-2.3"), None, Decimal(1))),
    ("（1,234）", (Decimal("-1234"), None, Decimal(1))),  # accounting negative
    ("(12.8%)", (Decimal("-12.8"), "%", Decimal(1))),
    ("3.3%", (Decimal("3.3"), "%", Decimal(1))),
    ("12亿元", (Decimal("12"), "元", Decimal("100000000"))),
    ("658.36[5]", (Decimal("658.36"), None, Decimal(1))),  # footnote mark
    ("１２．５", (Decimal("12.5"), None, Decimal(1))),  # full-width
    ("-", None), ("—", None), ("…", None), ("--", None), ("", None), ("不适用", None),
    ("2015年度", None), ("2015.12.31", None), ("2024年1-3月", None),  # dates are headers
    ("60周岁及以上", None), ("18-59岁", None), ("三类", None),  # labels are no values
]


@pytest.mark.parametrize("text, expected", CELLS)
def test_cell_value(text, expected):
    assert tables.cell_value(text) == expected


UNITS = [
    ("亿元", ("元", Decimal("1e8"))),
    ("万元", ("元", Decimal("1e4"))),
    ("人民币百万元", ("元", Decimal("1e6"))),
    ("%", ("%", Decimal(1))),
    ("百分点", ("百分点", Decimal(1))),
    ("万吨", ("吨", Decimal("1e4"))),
    ("万人", ("人", Decimal("1e4"))),
    ("户", ("户", Decimal(1))),
    ("万千瓦", ("千瓦", Decimal("1e4"))),
    ("万千升", ("千升", Decimal("1e4"))),  # 万 × 千升, not 2万千 = 21000 of the probe
    ("千克", ("公斤", Decimal(1))),
    ("亿吨公里", ("吨公里", Decimal("1e8"))),  # unknown unit: kept as written after its magnitude
    ("以上年为100", None),
]


@pytest.mark.parametrize("text, expected", UNITS)
def test_unit_of(text, expected):
    assert tables.unit_of(text) == expected


HEADERS = [
    ("绝对数（亿元）", ("元", Decimal("1e8"))),
    ("比上年增长（%）", ("%", Decimal(1))),
    ("比上年增长(%)", ("%", Decimal(1))),
    ("增长%", ("%", Decimal(1))),
    ("增减（百分点）", ("百分点", Decimal(1))),
    ("年末数（万人）", ("人", Decimal("1e4"))),
    ("产量", None),
    ("2024年", None),
]


@pytest.mark.parametrize("header, expected", HEADERS)
def test_header_unit(header, expected):
    assert tables.header_unit(header) == expected


UNIT_LINES = [
    ("单位：万元", [("元", Decimal("1e4"))]),
    ("（货币单位：人民币百万元）", [("元", Decimal("1e6"))]),
    ("表10 年末每百户城乡居民家庭拥有耐用品 单位：台", [("台", Decimal(1))]),
    ("单位：万元，%", [("元", Decimal("1e4")), ("%", Decimal(1))]),
    ("金额单位：亿元", [("元", Decimal("1e8"))]),
    ("表2 财政收支情况", []),
]


@pytest.mark.parametrize("line, expected", UNIT_LINES)
def test_caption_units(line, expected):
    assert tables.caption_units(line) == expected


LABELS = [
    ("#种植业", "种植业"),
    ("其中：粮 食", "粮食"),
    ("（1）税收收入", "税收收入"),
    ("1.食品烟酒", "食品烟酒"),
    ("一、营业收入", "营业收入"),
    ("在总计中：轻工业", "轻工业"),
    ("毛利率（%）", "毛利率"),
    ("净利润（注2）", "净利润"),
    ("薯类（鲜薯）", "薯类（鲜薯）"),  # not a unit: stays
    ("18-59岁（含不满60周岁）", "18-59岁（含不满60周岁）"),
]


@pytest.mark.parametrize("label, expected", LABELS)
def test_clean_label(label, expected):
    assert tables.clean_label(label) == expected


MEASURES = [
    ("比上年增长（%）", "比上年增长"),
    ("比重（%）", "比重"),
    ("绝对数（亿元）", ""),
    ("产量（万吨）", ""),
    ("2024年", ""),
    ("比年初增长（%）", "比年初增长"),
    ("优良率", "优良率"),  # a rate column names what it measures of the row (101 + 优良率)
]


@pytest.mark.parametrize("header, expected", MEASURES)
def test_measure(header, expected):
    assert tables.measure(header) == expected


PERIODS = [
    ("2024年", 2024, "2024"),
    ("2023年12月31日", 2024, "2023-12"),
    ("2015.12.31", None, "2015-12"),
    ("2015年度", None, "2015"),
    ("本期发生额", 2024, "2024"),
    ("上年同期", 2024, "2023"),
    ("比上年增长（%）", 2024, ""),  # a comparison, not a period
    ("绝对数（亿元）", 2024, ""),
]


@pytest.mark.parametrize("header, year, expected", PERIODS)
def test_column_period(header, year, expected):
    assert tables.column_period(header, year) == expected


# ---------------------------------------------------------------- tables to figures


def _table(grid, caption=""):
    lines = tables.Lines()
    lines.add(caption) if caption else None
    lines.add_table(grid)
    return lines.tables[0], lines.text()


def _rows(grid, caption="", doc_year=2024):
    t, text = _table(grid, caption)
    figs = tables.table_figures(t, "t", doc_year=doc_year)
    for f in figs:
        assert text[f.start:f.end] == f.mention
    return [(f.mention, f.value, f.unit, f.metric, f.period) for f in figs]


TABLES = [
    (  # header units, measure joins the metric, caption year, # marks
        "表2 2023年农林牧渔业总产值及其增长速度",
        [["指标名称", "绝对数（亿元）", "比上年增长（%）"], ["农林牧渔业总产值", "481.96", "4.2"], ["#种植业", "282.41", "3.8"]],
        [("481.96", Decimal("48196000000.00"), "元", "农林牧渔业总产值", "2023"),
         ("4.2", Decimal("4.2"), "%", "农林牧渔业总产值比上年增长", "2023"),
         ("282.41", Decimal("28241000000.00"), "元", "种植业", "2023"),
         ("3.8", Decimal("3.8"), "%", "种植业比上年增长", "2023")],
    ),
    (  # a unit column; the age bracket of the label is no figure; 年末 is the year reported on
        "表1 人口",
        [["指标", "单位", "年末数"], ["18-59岁（含不满60周岁）", "万人", "463.10"]],
        [("463.10", Decimal("4631000.00"), "人", "18-59岁（含不满60周岁）", "2024")],
    ),
    (  # unit line, years in the header are periods, accounting negatives, dashes
        "单位：万元",
        [["项目", "2024年", "2023年"], ["营业收入", "1,234.5", "（88）"], ["财务费用", "-", "—"]],
        [("1,234.5", Decimal("12345000.0"), "元", "营业收入", "2024"),
         ("（88）", Decimal("-880000"), "元", "营业收入", "2023")],
    ),
    (  # 本期 / 上年同期 against the caption's year; percentage points
        "2024年主要指标（货币单位：人民币百万元）",
        [["项目", "本期", "上年同期", "增减（百分点）"], ["净息差", "(12.8%)", "1.2%", "0.3"]],
        [("(12.8%)", Decimal("-12.8"), "%", "净息差", "2024"),
         ("1.2%", Decimal("1.2"), "%", "净息差", "2023"),
         ("0.3", Decimal("0.3"), "百分点", "净息差增减", "2024")],
    ),
    (  # code columns (科目编码 over 类 款) are no values; a wrapped label
        "单位：万元",
        [["科目编码", "科目编码", "科目名称", "决算数"], ["类", "款", "科目名称", "决算数"],
         ["201", "06", "财政事务", "2,106.66"]],
        [("2,106.66", Decimal("21066600.00"), "元", "财政事务", "")],
    ),
    (  # blocks side by side: each value takes the label just left of it
        "收入支出决算总表 单位：万元",
        [["收入", "收入", "支出", "支出"], ["项目", "决算数", "项目", "决算数"],
         ["一、税收收入", "12.5", "一、教育支出", "3.0"], ["", "", "二、卫生健康支出", "60.99"]],
        [("12.5", Decimal("125000.0"), "元", "税收收入", ""), ("3.0", Decimal("30000.0"), "元", "教育支出", ""),
         ("60.99", Decimal("609900.00"), "元", "卫生健康支出", "")],
    ),
    (  # one row of values, its labels all in the header (a 三公经费 table): the header names them
        "单位：万元",
        [["三公经费", "三公经费", "三公经费"], ["合计", "合计", "公务接待费"], ["预算数", "决算数", "预算数"],
         ["0.95", "", "0.95"]],
        [("0.95", Decimal("9500.00"), "元", "合计预算数", ""),  # the title row joined the caption
         ("0.95", Decimal("9500.00"), "元", "公务接待费预算数", "")],
    ),
    (  # a header of three rows: the period above, the measure, the unit below
        "",
        [["指标", "2024年", "2024年"], ["指标", "绝对数", "比上年增长"], ["指标", "（亿元）", "（%）"],
         ["地区生产总值", "1,234.5", "5.1"]],
        [("1,234.5", Decimal("123450000000.0"), "元", "地区生产总值", "2024"),
         ("5.1", Decimal("5.1"), "%", "地区生产总值比上年增长", "2024")],
    ),
    (  # years down the first column of a one-row table stay labels
        "单位：亿元",
        [["年份", "收入"], ["2023", "12"]],
        [("12", Decimal("1200000000"), "元", "2023", "")],
    ),
    (  # no unit anywhere: an index column states no figure
        "表2 居民消费价格指数",
        [["类别", "指数（以上年为100）"], ["居民消费价格指数", "100.0"]],
        [],
    ),
]


@pytest.mark.parametrize("caption, grid, expected", TABLES)
def test_table_figures(caption, grid, expected):
    assert _rows(grid, caption) == expected


SEQUENCE_ROWS = [  # a 序号 column numbers the rows: its numbers are no part of the label
    [["序号", "股东名称", "持股数量（股）"], ["1", "刘冀鲁", "50,082,169"]],
    [["序号", "股东名称", "持股数量（股）"], ["1刘冀鲁", "", "50,082,169"]],
    [["编号", "工程和费用名称", "投资总额（万元）"], ["3.5安装工程", "", "1,901.52"]],
]


@pytest.mark.parametrize("grid", SEQUENCE_ROWS)
def test_sequence_numbers_leave_the_label(grid):
    t, _ = _table(grid)
    assert [f.metric for f in tables.table_figures(t, "t")] == [grid[1][1] or grid[1][0].lstrip("0123456789.")]


COLUMN_KINDS = [
    ("单位", True, False, "unit"),
    ("计量单位", False, False, "unit"),
    ("科目编码 类", True, True, "code"),
    ("股票代码", True, False, "code"),
    ("绝对数（亿元）", True, False, "value"),
    ("项目", False, False, "label"),
    ("指标名称", True, True, "label"),  # the first column is a label column
]


@pytest.mark.parametrize("header, numeric, first, expected", COLUMN_KINDS)
def test_column_kind(header, numeric, first, expected):
    assert tables.column_kind(header, numeric, first) == expected


def test_merged_title_row_joins_the_caption():
    t, _ = _table([["单位：万元", "单位：万元"], ["项目", "金额"], ["收入", "12"]], "表1 收支")
    assert t.caption == "表1 收支 单位：万元"
    assert [(f.value, f.unit) for f in tables.table_figures(t, "t")] == [(Decimal("120000"), "元")]


def test_html_grid_repeats_rowspan_and_colspan():
    from bs4 import BeautifulSoup

    html = """<table><tr><th rowspan="2">指标</th><th colspan="2">2024年</th></tr>
    <tr><th>绝对数（亿元）</th><th>增长（%）</th></tr>
    <tr><td>收入</td><td>12.5</td><td>3.1</td></tr></table>"""
    grid = tables.html_grid(BeautifulSoup(html, "lxml").table)
    assert grid == [["指标", "2024年", "2024年"], ["指标", "绝对数（亿元）", "增长（%）"], ["收入", "12.5", "3.1"]]
    assert tables.header_rows(grid) == 2


def test_html_reader_reads_tables_and_keeps_layout_tables_as_text(tmp_path):
    f = tmp_path / "t.html"
    f.write_text("""<html><body><table><tr><td><p>全年收入增长5%。</p>
    <p>表1 2024年财政收入</p>
    <table><tr><th rowspan="2">指标</th><th colspan="2">2024年</th></tr>
    <tr><th>绝对数（亿元）</th><th>比上年增长（%）</th></tr>
    <tr><td>#税收收入</td><td>12.5</td><td>3.1</td></tr></table>
    </td></tr></table></body></html>""", encoding="utf-8")
    doc = readers.read_document(f)
    assert len(doc.tables) == 1 and doc.tables[0].caption == "表1 2024年财政收入"
    df = table.run_files([f]).table
    got = sorted(zip(df["mention"], df["value"], df["unit"], df["metric"], df["period"], strict=True))
    assert got == [("12.5", 1.25e9, "元", "税收收入", "2024"), ("3.1", 3.1, "%", "税收收入比上年增长", "2024"),
                   ("5%", 5.0, "%", "收入增长", "2024")]  # 全年: the year the page's head names


LAYOUT_GRIDS = [  # tables that hold running text are read as text
    ([["要闻", "全年全市地区生产总值增长5.2%，规模以上工业增加值增长6.1%。"]], False),
    ([["栏目", "正文"], ["要闻", "全年地区生产总值突破3万亿元，同比增长5.2%，居全省首位。"], ["数据", "12"]], False),
    ([["指标", "绝对数（亿元）"], ["收入", "12.5"]], True),
]


@pytest.mark.parametrize("grid, expected", LAYOUT_GRIDS)
def test_has_figures_tells_data_tables_from_layout_tables(grid, expected):
    assert tables.has_figures(grid) is expected


def test_docx_merged_cells(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("表3 主要产品产量")
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(1, 0)).text = "产品"
    t.cell(0, 1).merge(t.cell(0, 2)).text = "2024年"
    t.cell(1, 1).text, t.cell(1, 2).text = "产量（万吨）", "比上年增长（%）"
    t.cell(2, 0).text, t.cell(2, 1).text, t.cell(2, 2).text = "粮食", "133.77", "-2.3"
    d.add_paragraph("粮食产量133.77万吨。")
    f = tmp_path / "t.docx"
    d.save(str(f))
    df = table.run_files([f]).table
    rows = sorted(zip(df["mention"], df["value"], df["unit"], df["period"], strict=True))
    assert rows == [("-2.3", -2.3, "%", "2024"), ("133.77", 1337700.0, "吨", "2024"), ("133.77万吨", 1337700.0, "吨", "")]
    table_row = df[df["mention"] == "-2.3"].iloc[0]
    assert table_row["sentence"].split("\n") == ["表3 主要产品产量", "产品 2024年 产量（万吨） 比上年增长（%）", "粮食 133.77 -2.3"]


# ---------------------------------------------------------------- the dev set


@pytest.fixture(scope="module")
def dev_rows():
    docs = sorted({g["doc"] for g in GOLD})
    res = table.run_files([DEV / d for d in docs])
    assert not res.errors
    return res.table


def _table_rows(df):
    return df[df["sentence"].str.contains("\n")]


def _key(doc, value, unit):
    return doc, round(float(value), 6), unit


def test_dev_set_has_the_four_kinds():
    # a communiqué PDF, a DOCX, an HTML page, an annual-report or budget PDF, each with gold cells
    docs = Counter(g["doc"] for g in GOLD)
    kinds = Counter(Path(d).suffix for d in docs)
    assert kinds[".pdf"] >= 2 and kinds[".docx"] >= 1 and kinds[".html"] >= 1
    assert docs["qdn-2023-tables.pdf"] and docs["putuo-czj-2024-final-accounts.pdf"] >= 100
    assert all(n >= 60 for n in docs.values())


def test_dev_set_recall_of_each_document(dev_rows):
    pred = _table_rows(dev_rows)
    for doc in {g["doc"] for g in GOLD}:
        gold = Counter(_key(g["doc"], g["value"], g["unit"]) for g in GOLD if g["doc"] == doc)
        got = Counter(_key(r.doc, r.value, r.unit) for r in pred[pred["doc"] == doc].itertuples())
        assert sum((gold & got).values()) / sum(gold.values()) >= 0.90, doc


def test_dev_set_recall_and_precision(dev_rows):
    pred = _table_rows(dev_rows)
    gold = Counter(_key(g["doc"], g["value"], g["unit"]) for g in GOLD)
    got = Counter(_key(r.doc, r.value, r.unit) for r in pred.itertuples())
    tp = sum((gold & got).values())
    assert tp / sum(gold.values()) >= 0.90  # recall floor
    assert tp / sum(got.values()) >= 0.95  # precision floor


def test_dev_set_value_and_unit_accuracy(dev_rows):
    by_cell = defaultdict(list)
    for g in GOLD:
        by_cell[g["doc"], g["mention"]].append(g)
    found = right = 0
    for r in _table_rows(dev_rows).itertuples():
        if by_cell.get((r.doc, r.mention)):
            g = by_cell[r.doc, r.mention].pop(0)
            found += 1
            right += abs(g["value"] - r.value) <= 1e-9 * max(1.0, abs(g["value"])) and g["unit"] == r.unit
    assert found >= 0.9 * len(GOLD)
    assert right / found >= 0.98


def test_dev_set_mentions_are_the_cells(dev_rows):
    for doc, rows in dev_rows.groupby("doc"):
        text = readers.read_document(DEV / doc).text
        for r in rows.itertuples():
            assert text[r.start:r.end] == r.mention


def test_dev_set_labels_give_no_false_figures(dev_rows):
    # age brackets and ordinals of the row labels were figures when tables were read as text
    mentions = set(dev_rows["mention"])
    for label_number in ("18-59岁", "60周岁", "0-15岁", "16周岁", "十种"):
        assert label_number not in mentions
    assert not dev_rows["unit"].isin(["周岁及以上", "岁"]).any()


# ---------------------------------------------------------------- the sentence view

VIEW_ROWS = [
    ("表2 财政\n指标 绝对数（亿元） 比上年增长（%）\n财政总收入 12.3 2.3", "2.3",
     '<div style="font-size:.8em;opacity:.7">表2 财政</div>'
     '<div style="font-size:.8em;opacity:.7">指标 绝对数（亿元） 比上年增长（%）</div>'
     "<div>财政总收入 12.3 <mark>2.3</mark></div>"),
    ("<b>\n项目 2024年\n收入 (12)", "(12)",
     '<div style="font-size:.8em;opacity:.7">&lt;b&gt;</div>'
     '<div style="font-size:.8em;opacity:.7">项目 2024年</div><div>收入 <mark>(12)</mark></div>'),
]


@pytest.mark.parametrize("sentence, mention, expected", VIEW_ROWS)
def test_sentence_view_shows_the_row_under_its_header(sentence, mention, expected):
    from extract import view

    assert view.highlight_html(sentence, mention) == expected


# ---------------------------------------------------------------- PDF text lines and word positions


def _page(lines):
    """A page's text and pdfplumber-style words from ``(text, x0)`` runs, 10 points a character."""
    text_lines, words = [], []
    for runs in lines:
        text_lines.append(" ".join(t for t, _x in runs))
        words.extend({"text": t, "x0": x, "x1": x + 10 * len(t)} for t, x in runs)
    return "\n".join(text_lines), words


def _pdf_figures(pages):
    texts = [_page(p) for p in pages]
    base, packed = 0, []
    for text, words in texts:
        packed.append((text, words, base))
        base += len(text) + 2
    found = tables.pdf_tables(packed)
    doc = "\n\f".join(t for t, _w in texts)
    out = []
    for t in found:
        for f in tables.table_figures(t, "p"):
            assert doc[f.start:f.end] == f.mention
            out.append((f.metric, f.value, f.unit))
    return out


def test_pdf_table_continues_on_the_next_page_past_the_page_number():
    page1 = [[("表1 2023年户籍人口", 100)], [("指", 100), ("标", 122), ("年末数（人）", 300), ("比重（%）", 420)],
             [("全州总户籍人口", 100), ("4899310", 310), ("100.0", 430)], [("2", 300)]]
    page2 = [[("18-59岁（含不满60周岁）", 100), ("3016917", 310), ("61.6", 430)],
             [("全州实现城镇新增就业60188人。", 100)]]
    assert _pdf_figures([page1, page2]) == [
        ("全州总户籍人口", Decimal(4899310), "人"), ("全州总户籍人口比重", Decimal("100.0"), "%"),
        ("18-59岁（含不满60周岁）", Decimal(3016917), "人"), ("18-59岁（含不满60周岁）比重", Decimal("61.6"), "%")]


def test_pdf_label_wrapped_round_its_numbers_and_a_unit_line():
    page = [[("（一）主要财务数据", 100)], [("单位：万元，%", 100)], [("项目", 100), ("2015年度", 300), ("2014年度", 420)],
            [("归属于母公司所有者", 100)], [("1,369.62", 300), ("1,443.68", 420)], [("权益", 100)],
            [("毛利率", 100), ("19.78", 300), ("17.25", 420)], [("注：表中数据未经审计。", 100)]]
    assert _pdf_figures([page]) == [
        ("归属于母公司所有者权益", Decimal("13696200"), "元"), ("归属于母公司所有者权益", Decimal("14436800"), "元"),
        ("毛利率", Decimal("19.78"), "%"), ("毛利率", Decimal("17.25"), "%")]


def test_pdf_running_text_is_no_table():
    page = [[("全年粮食产量 133.77 万吨，比上年下降", 100)], [("2.3%。蔬菜产量 389.84 万吨。", 100)], [("3", 300)]]
    assert _pdf_figures([page]) == []


HEADERS_WRAPPED = [  # unruled PDF headers wrapped over two and three lines, the lower lines centred
    [[("指标", 100), ("绝对数", 300), ("比上年", 420)], [("（亿元）", 295), ("增长（%）", 415)]],
    [[("指标", 100), ("本年", 300), ("比上年", 420)], [("收入", 300), ("增长", 420)], [("（亿元）", 295), ("（%）", 425)]],
]


@pytest.mark.parametrize("head", HEADERS_WRAPPED)
def test_pdf_header_wrapped_over_lines(head):
    page = [[("表2 财政收支", 100)], *head, [("一般公共预算收入", 100), ("12.5", 310), ("3.1", 430)],
            [("税收收入", 100), ("9.8", 310), ("2.0", 430)]]
    level = "一般公共预算收入"
    assert _pdf_figures([page]) == [
        (level, Decimal("1250000000.0"), "元"), (level + "比上年增长", Decimal("3.1"), "%"),
        ("税收收入", Decimal("980000000.0"), "元"), ("税收收入比上年增长", Decimal("2.0"), "%")]


# ---------------------------------------------------------------- PDF ruled tables

SLOTS = [
    ([[(0, 0, 200, 10), None], [(0, 10, 100, 20), (100, 10, 200, 20)]],  # a cell merged across
     [[(0, 0, 200, 10), (0, 0, 200, 10)], [(0, 10, 100, 20), (100, 10, 200, 20)]]),
    ([[(0, 0, 100, 20), (100, 0, 200, 10)], [None, (100, 10, 200, 20)]],  # a cell merged down
     [[(0, 0, 100, 20), (100, 0, 200, 10)], [(0, 0, 100, 20), (100, 10, 200, 20)]]),
]


@pytest.mark.parametrize("rows, expected", SLOTS)
def test_merged_cells_cover_every_slot(rows, expected):
    assert tables._slot_boxes(rows) == expected


RULED = [
    ([[["科目名称"], ["本年收入合", "计"]], [["行政运行"], ["1,511.90"]], [["住房公积金"], ["187.19"]]], True),
    ([[["合计"], ["公务接待费"]], [["0.95"], ["0.95"]]], True),  # one row, named by its header
    ([[["指标名称"], ["绝对数（亿元）"]], [[], ["481.96", "282.41"]]], False),  # one cell holds a column
    ([[["项目"], ["2015年度"]], [[], ["88,541.15"]], [[], ["17,740.93"]]], False),  # rows without labels
    ([[["指标名称"], ["年末数（人）"]]], False),  # a box round the header only
]


@pytest.mark.parametrize("grid, expected", RULED)
def test_ruled_ok(grid, expected):
    assert tables.ruled_ok(grid) is expected


def _ruled_page(rows, top=50.0, height=20.0):
    """A page of one ruled table: ``rows`` of cells, each a list of word lines ``[(text, x0)]``, 100
    points a column, 10 a character; returns the page's text, words and its :class:`tables.Ruled`."""
    lines, words, boxes = [], [], []
    y = top
    for row in rows:
        depth = max(len(cell) for cell in row)
        for k in range(depth):
            runs = [(cell[k], 100 * c + 5) for c, cell in enumerate(row) if k < len(cell)]
            lines.append(" ".join(t for t, _x in runs))
            words.extend({"text": t, "x0": x, "x1": x + 10 * len(t), "top": y + 10 * k, "bottom": y + 10 * k + 8}
                         for t, x in runs)
        boxes.append(tuple((100.0 * c, y, 100.0 * c + 100, y + height) for c in range(len(row))))
        y += height
    return lines, words, tables.Ruled(tuple(boxes))


def test_pdf_ruled_table_with_wrapped_header_codes_and_a_next_page():
    head = [["科目编码"], ["科目名称"], ["本年收入合", "计"], ["财政拨款收", "入"]]
    lines1, words1, ruled1 = _ruled_page([head, [["201"], ["一般公共服务支出"], ["2,112.86"], ["2,106.66"]],
                                          [["208"], ["社会保障和就业支出"], ["326.72"], ["326.72"]]])
    caption = [{"text": "收入决算表", "x0": 150, "x1": 200, "top": 10, "bottom": 18},
               {"text": "单位：万元", "x0": 300, "x1": 350, "top": 30, "bottom": 38}]
    text1 = "\n".join(["收入决算表", "单位：万元", *lines1])
    lines2, words2, ruled2 = _ruled_page([[["221"], ["住房保障支出"], ["445.69"], ["445.69"]]], top=10)
    text2 = "\n".join([*lines2, "注：本表不含上级补助收入。"])
    words2 = words2 + [{"text": "注：本表不含上级补助收入。", "x0": 5, "x1": 135, "top": 40, "bottom": 48}]
    pages = [(text1, caption + words1, 0, [ruled1]), (text2, words2, len(text1) + 2, [ruled2])]
    found = tables.pdf_tables(pages)
    doc = text1 + "\n\f" + text2
    assert len(found) == 1 and found[0].caption == "收入决算表 单位：万元"
    assert found[0].rows[0] == ("科目编码", "科目名称", "本年收入合计", "财政拨款收入")
    got = []
    for f in tables.table_figures(found[0], "p"):
        assert doc[f.start:f.end] == f.mention
        got.append((f.metric, f.value, f.unit))
    assert got == [("一般公共服务支出", Decimal("21128600.00"), "元"), ("一般公共服务支出", Decimal("21066600.00"), "元"),
                   ("社会保障和就业支出", Decimal("3267200.00"), "元"), ("社会保障和就业支出", Decimal("3267200.00"), "元"),
                   ("住房保障支出", Decimal("4456900.00"), "元"), ("住房保障支出", Decimal("4456900.00"), "元")]

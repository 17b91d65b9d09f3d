"""Reading documents: encodings, PDF (text layer, bookmarks, scans), DOCX, HTML, and errors.

Fixtures are built in the test run: encoded text files, a multi-page CJK PDF made with fpdf2 and
the WenQuanYi font (with bookmarks and page numbers), and the same newsletter as DOCX and HTML.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from pathlib import Path

import pytest
import regex
from helpers import assert_linear

from extract import extract_files, layout, readers, segment, table

HERE = Path(__file__).parent
NEWSLETTER = (HERE / "fixtures" / "mini-newsletter.txt").read_text(encoding="utf-8")
GOLD_TXT = HERE / "gold" / "jsvc-2025-01.txt"
GOLD_JSONL = HERE / "gold" / "jsvc-2025-01.jsonl"
FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

TRADITIONAL = ("國家統計局發布數據，全年國內生產總值達到一百二十六萬億元，比上年增長百分之五點二。\n"
               "其中，高技術製造業增加值增長百分之二點七，佔規模以上工業增加值的比重為百分之十五點七。\n"
               "全年城鎮新增就業一千二百四十四萬人，年末全國人口為十四億零九百六十七萬人。\n")


def _ws(s: str) -> str:
    return regex.sub(r"\s", "", s)


# ---------------------------------------------------------------------------------------------
# plain text in every encoding


@pytest.mark.parametrize("encoding, text", [
    ("utf-8", NEWSLETTER),
    ("utf-8-sig", NEWSLETTER),
    ("gb18030", NEWSLETTER),
    ("gbk", NEWSLETTER),
    ("utf-16", NEWSLETTER),       # with a byte order mark
    ("utf-16-le", NEWSLETTER),    # without one
    ("utf-16-be", NEWSLETTER),
    ("utf-32", NEWSLETTER),
    ("big5", TRADITIONAL),
    ("gb18030", TRADITIONAL),
    ("utf-8", "Plain ASCII report: revenue grew 5% to 3 billion.\n"),
])
def test_text_encodings(tmp_path: Path, encoding: str, text: str) -> None:
    f = tmp_path / "doc.txt"
    f.write_bytes(text.encode(encoding))
    doc = readers.read_document(f)
    assert doc.text == text
    assert doc.outline == []


def test_short_legacy_texts_decode_right(tmp_path: Path) -> None:
    for text, enc in (("人工智能企业超2400家。", "gb18030"), ("人工智慧企業超過2400家。", "big5")):
        f = tmp_path / f"{enc}.txt"
        f.write_bytes(text.encode(enc))
        assert readers.read_document(f).text == text


def test_markdown_headings_become_the_outline(tmp_path: Path) -> None:
    f = tmp_path / "news.md"
    f.write_text("# 经济简讯\n\n## 经济观察\n\n### 新能源汽车产销两旺 ###\n\n产量增长34.4%。\n", encoding="utf-8")
    doc = readers.read_document(f)
    assert doc.outline == [(1, "经济简讯"), (2, "经济观察"), (3, "新能源汽车产销两旺")]
    assert doc.text == "经济简讯\n\n经济观察\n\n新能源汽车产销两旺\n\n产量增长34.4%。\n"
    clean = layout.repair(doc.text).text
    st = segment.segment(clean, outline=doc.outline)
    s = next(s for s in st.sentences if "34.4%" in clean[s.start:s.end])
    assert (s.topic, s.article) == ("经济观察", "新能源汽车产销两旺")


def test_stray_control_character_is_tolerated(tmp_path: Path) -> None:
    f = tmp_path / "eof.txt"
    f.write_bytes("全年产值增长8%，利润增长5%，就业增加1200万人。".encode() + b"\x1a")
    assert readers.read_document(f).text.startswith("全年产值增长8%")


def test_crlf_becomes_lf(tmp_path: Path) -> None:
    f = tmp_path / "crlf.md"
    f.write_bytes("标题\r\n正文增长5%。\r\n".encode())
    assert readers.read_document(f).text == "标题\n正文增长5%。\n"


@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b" \n\t\n", "empty file"),
    ("binary.txt", bytes(range(256)) * 8, "binary"),
    ("noise.txt", bytes((i * 7919 + 13) % 251 + 5 for i in range(3000)).replace(b"\n", b" "), "garbage"),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(200), "binary"),
    ("sheet.xlsx", b"PK\x03\x04", "unsupported file type '.xlsx'"),
    ("noext", b"text", "unsupported file type '(none)'"),
    ("broken.pdf", b"%PDF-1.4\nnot really a pdf", "cannot read PDF"),
    ("broken.docx", b"PK\x03\x04 not a zip", "cannot read DOCX"),
])
def test_errors(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    f = tmp_path / name
    f.write_bytes(data)
    with pytest.raises(readers.DocumentError) as e:
        readers.read_document(f)
    assert reason in e.value.reason
    assert "\n" not in str(e.value) and str(e.value).startswith(str(f))


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(readers.DocumentError, match="file not found"):
        readers.read_document(tmp_path / "nope.txt")
    (tmp_path / "dir.txt").mkdir()
    with pytest.raises(readers.DocumentError, match="not a file"):
        readers.read_document(tmp_path / "dir.txt")


def test_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert readers.MAX_BYTES == 50 * 1024 * 1024
    f = tmp_path / "big.txt"
    f.write_text("增长5%。" * 100, encoding="utf-8")
    monkeypatch.setattr(readers, "MAX_BYTES", 1000)
    with pytest.raises(readers.DocumentError, match="file too large"):
        readers.read_document(f)


def test_supported_suffixes() -> None:
    assert set(readers.SUPPORTED) == {".txt", ".md", ".pdf", ".docx", ".html", ".htm"}


def test_reading_text_grows_linearly(tmp_path: Path) -> None:
    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_text(GOLD_TXT.read_text(encoding="utf-8") * 5, encoding="utf-8")
    large.write_text(GOLD_TXT.read_text(encoding="utf-8") * 20, encoding="utf-8")
    assert_linear(readers.read_document, small, large)


# ---------------------------------------------------------------------------------------------
# the mini newsletter in every format


def _blocks(text: str) -> list[tuple[str, str]]:
    """(kind, text) blocks of the mini newsletter: section, title, para, toc."""
    lines = text.strip().split("\n")
    toc_at = lines.index("目录")
    toc = lines[toc_at + 1:]
    sections = {t for k, t in enumerate(toc) if len(t) <= 4}
    out = []
    for line in lines[:toc_at]:
        kind = "section" if line in sections else "title" if line in toc else "para"
        out.append((kind, line))
    out.append(("para", "目录"))
    out.extend(("toc", t) for t in toc)
    return out


def _wrap(pdf, text: str, width: float) -> list[str]:
    lines, cur = [], ""
    for tok in regex.findall(r"[A-Za-z0-9.%]+|.", text):
        if cur and pdf.get_string_width(cur + tok) > width:
            lines.append(cur.rstrip())
            cur = tok.lstrip()
        else:
            cur += tok
    return lines + [cur]


def make_pdf(path: Path, blocks: list[tuple[str, str]], *, bookmarks: bool = True) -> None:
    from fpdf import FPDF

    class Paper(FPDF):
        def header(self) -> None:  # a running header on every page
            self.set_font("wqy", size=9)
            self.cell(0, 6, "经济简讯  2025年第2期", align="R", new_x="LMARGIN", new_y="NEXT")

        def footer(self) -> None:
            self.set_y(-12)
            self.set_font("wqy", size=9)
            self.cell(0, 6, f"- {self.page_no()} -", align="C")

    pdf = Paper()
    pdf.add_font("wqy", fname=str(FONT))
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for n, (kind, text) in enumerate(blocks):
        if (kind == "section" and n) or text == "目录":
            pdf.add_page()
        size = {"section": 14, "title": 16}.get(kind, 11)
        pdf.set_font("wqy", size=size)
        if bookmarks and kind in ("section", "title"):
            pdf.start_section(text, level=0 if kind == "section" else 1)
        for line in _wrap(pdf, text, width):
            pdf.cell(0, size * 0.6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def make_docx(path: Path, blocks: list[tuple[str, str]]) -> None:
    import docx

    d = docx.Document()
    d.core_properties.title = "经济简讯"
    for kind, text in blocks:
        if kind == "section":
            d.add_heading(text, level=1)
        elif kind == "title":
            d.add_heading(text, level=2)
        else:
            d.add_paragraph(text)
    d.save(str(path))


def make_html(path: Path, blocks: list[tuple[str, str]], encoding: str = "utf-8") -> None:
    body = []
    for kind, text in blocks:
        tag = {"section": "h2", "title": "h3"}.get(kind, "p")
        cut = next((i for i in range(20, len(text) - 1)
                    if ord(text[i - 1]) > 0x2E80 and ord(text[i]) > 0x2E80), 0)
        if tag == "p" and cut:  # source formatting: a newline inside a paragraph
            text = text[:cut] + "\n      " + text[cut:]
        body.append(f"<{tag}>{text}</{tag}>")
    html = (f'<!DOCTYPE html><html><head><meta charset="{encoding}"><title>经济简讯</title>'
            "<style>p { color: red; } .x::after { content: '增长99%'; }</style>"
            "<script>var total = '增长88%';</script></head><body>\n"
            + "\n".join(body)
            + "\n<noscript>请启用脚本，共3项</noscript></body></html>")
    path.write_bytes(html.encode(encoding))


needs_font = pytest.mark.skipif(not FONT.exists(), reason="WenQuanYi font not installed")


@pytest.fixture(scope="module")
def formats(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("formats")
    blocks = _blocks(NEWSLETTER)
    out = {}
    for name, enc in (("utf8.txt", "utf-8"), ("gb18030.txt", "gb18030"), ("utf16.txt", "utf-16")):
        (d / name).write_bytes(NEWSLETTER.encode(enc))
        out[name] = d / name
    make_docx(d / "news.docx", blocks)
    out["news.docx"] = d / "news.docx"
    make_html(d / "news.html", blocks)
    out["news.html"] = d / "news.html"
    make_html(d / "news-gbk.htm", blocks, encoding="gbk")
    out["news-gbk.htm"] = d / "news-gbk.htm"
    if FONT.exists():
        make_pdf(d / "news.pdf", blocks)
        out["news.pdf"] = d / "news.pdf"
    return out


def _labelled_sentences(doc: readers.Document) -> list[tuple[str, str, str, str]]:
    clean = layout.repair(doc.text).text
    st = segment.segment(clean, title="news", outline=doc.outline)
    skip = st.skip
    return [(_ws(clean[s.start:s.end]), _ws(s.topic), _ws(s.article), _ws(s.source))
            for s in st.sentences if not any(a <= s.start < b for a, b in skip)]


@needs_font
def test_pdf_text_layer_pages_and_bookmarks(formats: dict[str, Path]) -> None:
    pdf = formats["news.pdf"]
    assert readers.pdf_pages(pdf) == 3
    doc = readers.read_document(pdf)
    assert doc.text.count("\f") == 2
    assert doc.outline == [(1, "经济观察"), (2, "新能源汽车产销两旺 出口规模再创新高"), (1, "地方动态"),
                           (2, "苏州工业园区集聚生物医药企业超2000家"), (2, "南京软件谷软件业务收入增长一成")]
    assert _ws(doc.text).count("1288.8万辆") == 1
    # page numbers are furniture: gone after layout repair
    assert _ws(doc.text).count("经济简讯2025年第2期") == 3
    clean = layout.repair(doc.text).text
    assert "- 2 -" not in clean and "1288.8万辆，同比增长34.4%" in clean
    assert "经济简讯 2025" not in clean  # running headers and page numbers are furniture


def test_docx_headings_and_title(formats: dict[str, Path]) -> None:
    doc = readers.read_document(formats["news.docx"])
    assert doc.title == "经济简讯"
    assert doc.outline[:2] == [(1, "经济观察"), (2, "新能源汽车产销两旺 出口规模再创新高")]
    assert doc.text.splitlines()[:3] == NEWSLETTER.splitlines()[:3]


@pytest.mark.parametrize("name", ["news.html", "news-gbk.htm"])
def test_html_paragraphs_headings_no_script(formats: dict[str, Path], name: str) -> None:
    doc = readers.read_document(formats[name])
    assert doc.title == "经济简讯"
    assert doc.outline[:2] == [(2, "经济观察"), (3, "新能源汽车产销两旺 出口规模再创新高")]
    assert "88%" not in doc.text and "99%" not in doc.text and "color" not in doc.text
    assert doc.text.splitlines()[:4] == NEWSLETTER.splitlines()[:4]


def test_docx_report_with_unnumbered_headings(tmp_path: Path) -> None:
    """Headings whose numbers the format keeps out of the text still give the report's topics."""
    import docx

    d = docx.Document()
    d.add_heading("滨江市政府工作报告", level=0)
    d.add_paragraph("各位代表：现在，我代表市人民政府向大会报告工作。")
    d.add_heading("2023年工作回顾", level=1)
    d.add_paragraph("过去一年，全市地区生产总值增长6.1%，达到8500亿元。")
    d.add_heading("2024年主要目标任务", level=1)
    d.add_paragraph("地区生产总值增长5.5%左右。")
    d.save(str(tmp_path / "report.docx"))
    doc = readers.read_document(tmp_path / "report.docx")
    assert doc.title == "滨江市政府工作报告"
    assert doc.outline == [(1, "2023年工作回顾"), (1, "2024年主要目标任务")]
    clean = layout.repair(doc.text).text
    st = segment.segment(clean, title="report", outline=doc.outline)
    got = {clean[x.start:x.end]: (x.topic, x.article) for x in st.sentences}
    assert got["地区生产总值增长5.5%左右。"] == ("2024年主要目标任务", "滨江市政府工作报告")
    assert got["过去一年，全市地区生产总值增长6.1%，达到8500亿元。"][0] == "2023年工作回顾"


def test_docx_localised_heading_styles_and_outline_levels(tmp_path: Path) -> None:
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    d.styles.add_style("标题 1", WD_STYLE_TYPE.PARAGRAPH)
    d.add_paragraph("经济观察", style="标题 1")
    p = d.add_paragraph("新能源汽车产销两旺")
    level = OxmlElement("w:outlineLvl")
    level.set(qn("w:val"), "1")
    p._p.get_or_add_pPr().append(level)
    d.add_paragraph("产量增长34.4%。")
    d.save(str(tmp_path / "styles.docx"))
    doc = readers.read_document(tmp_path / "styles.docx")
    assert doc.outline == [(1, "经济观察"), (2, "新能源汽车产销两旺")]


def test_docx_table_rows(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("主要指标如下。")
    t = d.add_table(rows=2, cols=2)
    for r, row in enumerate((("指标", "数值"), ("产值", "1600亿元"))):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    d.save(str(tmp_path / "t.docx"))
    assert readers.read_document(tmp_path / "t.docx").text == "主要指标如下。\n指标\t数值\n产值\t1600亿元"


def test_same_text_same_structure_in_every_format(formats: dict[str, Path]) -> None:
    reference = _labelled_sentences(readers.read_document(formats["utf8.txt"]))
    assert any(a == _ws("苏州工业园区集聚生物医药企业超2000家") for _, _, a, _ in reference)
    for name, path in formats.items():
        got = _labelled_sentences(readers.read_document(path))
        assert got == reference, name


def test_same_text_same_figures_in_every_format(formats: dict[str, Path]) -> None:
    def figures(path: Path) -> list[tuple]:
        doc = readers.read_document(path)
        rows = table.figures_of_text(doc.text, path.name, title=doc.title, outline=doc.outline)
        return [(r.value, r.value_max, r.unit, _ws(r.topic), _ws(r.article), r.source) for r in rows]

    reference = figures(formats["utf8.txt"])
    for name, path in formats.items():
        assert figures(path) == reference, name


@needs_font
def test_sample_newsletter_as_pdf_keeps_its_structure(tmp_path: Path) -> None:
    """The gold sample typeset as a PDF (titles larger, running header, page numbers, its table
    of contents at the end): topic, article and source still right for the gold figures."""
    src = GOLD_TXT.read_text(encoding="utf-8")
    paras = layout.repair(src).text.split("\n")
    toc_at = max(i for i, p in enumerate(paras) if p == paras[0])  # the TOC repeats the first section
    listed = {_ws(p) for p in paras[toc_at:]}
    blocks = [("section" if _ws(p) in listed and len(p) <= 6 else "title" if _ws(p) in listed else "para", p)
              for p in paras[:toc_at]] + [("toc", p) for p in paras[toc_at:]]
    make_pdf(tmp_path / "sample.pdf", blocks, bookmarks=False)
    doc = readers.read_document(tmp_path / "sample.pdf")
    assert readers.pdf_pages(tmp_path / "sample.pdf") >= 10
    clean = layout.repair(doc.text).text
    st = segment.segment(clean, title="sample")
    keep = [i for i, ch in enumerate(clean) if not ch.isspace()]
    flat = "".join(clean[i] for i in keep)
    starts = [x.start for x in st.sentences]
    right = total = 0
    for line in GOLD_JSONL.read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        k = flat.find(_ws(g["context"]) + _ws(g["mention"]))
        assert k >= 0, g["context"]
        x = st.sentences[bisect_right(starts, keep[k + len(_ws(g["context"]))]) - 1]
        total += 3
        right += sum(_ws(getattr(x, a)) == _ws(g[a]) for a in ("topic", "article", "source"))
    assert right / total >= 0.98


@needs_font
def test_scanned_pdf_has_no_text_layer(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.rect(20, 20, 100, 60, style="F")  # a picture of a page, no text
    pdf.output(str(tmp_path / "scan.pdf"))
    with pytest.raises(readers.DocumentError) as e:
        readers.read_document(tmp_path / "scan.pdf")
    assert e.value.reason == "no text layer (scanned PDF?)"


def _raw_pdf(lines: list[str], encoding: str, font: str, ordering: str) -> bytes:
    """A one-page PDF written by hand: a Type0 font with a predefined or identity CMap."""
    content = "BT /F1 12 Tf 14 TL 40 800 Td\n" + "".join(
        f"<{line.encode('utf-16-be').hex()}> Tj T*\n" for line in lines) + "ET"
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >>"
        " /Contents 4 0 R >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        f"<< /Type /Font /Subtype /Type0 /BaseFont /{font} /Encoding /{encoding} /DescendantFonts [6 0 R] >>",
        f"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /{font} /CIDSystemInfo << /Registry (Adobe)"
        f" /Ordering ({ordering}) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 >>",
        f"<< /Type /FontDescriptor /FontName /{font} /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0"
        " /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{o}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer << /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_pdf_with_predefined_chinese_cmap(tmp_path: Path) -> None:
    """A PDF that uses a standard Chinese font by name (no embedded font) still reads."""
    lines = ["国务院国资委要求，2025年全面强化创新能力体系建设。", "战略性新兴产业投资2万亿元，同比增长18.7%。"]
    (tmp_path / "gb.pdf").write_bytes(_raw_pdf(lines, "UniGB-UTF16-H", "STSong-Light", "GB1"))
    assert readers.read_document(tmp_path / "gb.pdf").text.split("\n") == lines


def test_pdf_without_character_map_is_refused(tmp_path: Path) -> None:
    lines = ["国务院国资委要求，2025年全面强化创新能力体系建设。"]
    (tmp_path / "cid.pdf").write_bytes(_raw_pdf(lines, "Identity-H", "SomeFont", "Identity"))
    with pytest.raises(readers.DocumentError) as e:
        readers.read_document(tmp_path / "cid.pdf")
    assert e.value.reason == readers.NO_CHARACTER_MAP


@needs_font
def test_pdf_without_bookmarks_uses_its_table_of_contents(tmp_path: Path) -> None:
    make_pdf(tmp_path / "plain.pdf", _blocks(NEWSLETTER), bookmarks=False)
    doc = readers.read_document(tmp_path / "plain.pdf")
    assert doc.outline == []
    got = _labelled_sentences(doc)
    ref = _labelled_sentences(readers.Document(NEWSLETTER))
    assert got == ref


def test_extract_files_reports_bad_files(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(NEWSLETTER, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(bytes(range(256)))
    res = table.run_files([tmp_path])
    assert res.files == 2
    assert [Path(e.path).name for e in res.errors] == ["bad.txt"]


# ---------------------------------------------------------------------------------------------
# web pages and Markdown posts: only the article

NEWS_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>上半年全市经济运行稳中向好_财经频道_某某网</title>
<script>var hits = '增长88%';</script></head><body>
<div class="nav"><a href="/">首页</a> | <a href="/gn">国内</a> | <a href="/cj">财经</a> | 访问量 12345 次</div>
<div class="sidebar"><h3>热门排行</h3><ul>
<li><a href="/1">某市前三季度GDP增长5.5%</a> [10-21]</li><li><a href="/2">出口增长8%创新高</a> [10-20]</li>
<li><a href="/3">消费增长7%</a> [10-19]</li><li><a href="/4">投资增长3%</a> [10-18]</li></ul></div>
<div class="article"><h1>上半年全市经济运行稳中向好</h1>
<div class="info"><span>发布时间：2024年7月15日</span> <span>来源：滨江日报</span> <span>浏览：3456次</span></div>
<div class="content">
<p>上半年，全市地区生产总值达到5600亿元，同比增长5.2%，增速比一季度加快0.4个百分点。</p>
<p>规模以上工业增加值增长6.1%，其中高技术制造业
   增加值增长11.3%，占规模以上工业的比重为28.5%。</p>
<p>社会消费品零售总额2100亿元，增长4.3%；固定资产投资增长2.5%。</p>
<p>（来源：滨江日报）</p>
</div></div>
<div class="related"><h3>相关阅读</h3><ul>
<li><a href="/5">一季度GDP增长4.8%</a> [04-18]</li><li><a href="/6">去年GDP增长6.0%</a> [01-20]</li>
<li><a href="/7">工业投资增长12%</a> [01-05]</li></ul></div>
<div class="comments"><h3>网友评论</h3><p>张三：希望明年增长10%！</p><p>李四：房价涨了20%。</p></div>
<div class="footer">版权所有 © 2024 某某网 电话：0571-12345678 地址：滨江路100号 备案号12345号</div>
</body></html>"""

ARTICLE_FIGURES = ["5600亿元", "5.2%", "0.4个百分点", "6.1%", "11.3%", "28.5%", "2100亿元", "4.3%", "2.5%"]


def test_web_page_gives_only_its_article(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(NEWS_PAGE, encoding="utf-8")
    doc = readers.read_document(page)
    assert doc.text.split("\n")[0] == "发布时间：2024年7月15日"
    rows = extract_files([page])
    assert list(rows["mention"]) == ARTICLE_FIGURES
    assert set(rows["article"]) == {"上半年全市经济运行稳中向好"}
    assert set(rows["source"]) == {"滨江日报"}
    assert set(rows["doc_date"]) == {"2024-07-15"}
    assert "高技术制造业增加值增长11.3%" in rows["sentence"][4]  # a source line break is no space


def test_web_page_falls_back_to_the_whole_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "page.html"
    page.write_text(NEWS_PAGE, encoding="utf-8")
    monkeypatch.setattr(readers, "_main_content", lambda html, headings: None)
    doc = readers.read_document(page)
    assert "热门排行" in doc.text and "5600亿元" in doc.text and "增长88%" not in doc.text


POST = """
---
title: '上半年全市经济运行稳中向好'
categories:
 - 财经
date: Mon, 15 Jul 2024 02:30:00 GMT
---

<div>
<p>　　原标题：滨江上半年经济数据发布</p>
<p>　　上半年，全市地区生产总值增长5.2%。</p>
<p>　　文/滨江日报记者 张三</p>
<p class="article-editor">责任编辑：李四 </p>
</div>
"""


@pytest.mark.parametrize("name", ["post.md", "post.txt"])
def test_markdown_post_with_front_matter_and_html_body(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(POST, encoding="utf-8")
    rows = extract_files([path])
    assert list(rows["mention"]) == ["5.2%"]
    row = rows.iloc[0]
    assert (row["article"], row["source"], row["doc_date"]) == ("上半年全市经济运行稳中向好", "", "2024-07-15")


@pytest.mark.parametrize("name", ["notes.md", "notes.txt"])
def test_markdown_headings_and_quotes(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("# 滨江经济观察\n\n> 原文：https://www.example.cn/a/1.html\n\n## 1. 工业\n\n工业增长6.1%。\n\n"
                    "## 2. 消费\n\n消费增长4.3%。\n", encoding="utf-8")
    doc = readers.read_document(path)
    assert doc.outline == [(1, "滨江经济观察"), (2, "1. 工业"), (2, "2. 消费")]
    assert "#" not in doc.text and ">" not in doc.text
    rows = extract_files([path])
    assert list(zip(rows["mention"], rows["topic"], rows["article"], strict=True)) == [
        ("6.1%", "工业", "滨江经济观察"), ("4.3%", "消费", "滨江经济观察")]


@pytest.mark.parametrize("value, date", [
    ("Tue, 31 Aug 2021 01:57:59 GMT", "2021-08-31"),
    ("2024-7-5 10:00", "2024-07-05"),
    ("2024年7月5日", "2024年7月5日"),  # left as written: the head reads it
    ("", ""),
])
def test_front_matter_date(value: str, date: str) -> None:
    assert readers._front_matter_date(value) == date


@pytest.mark.parametrize("title, kept", [
    ("2024年国民经济和社会发展统计公报", "2024年国民经济和社会发展统计公报"),
    ("Microsoft Word - 2024年工作报告.docx", ""),
    ("工作报告.pdf", ""),
    ("untitled", ""),
])
def test_pdf_metadata_title_is_never_a_file_name(title: str, kept: str) -> None:
    assert readers._pdf_title(title) == kept


@needs_font
@pytest.mark.parametrize("meta, article", [
    ("滨江市政府工作报告", "滨江市政府工作报告"),  # the title is only in the metadata
    ("Microsoft Word - 滨江报告.docx", ""),  # a file name is no title
])
def test_pdf_title_only_in_its_metadata(tmp_path: Path, meta: str, article: str) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("wqy", fname=str(FONT))
    pdf.set_title(meta)
    pdf.add_page()
    pdf.set_font("wqy", size=11)
    for line in ("各位代表：", "过去一年，全市地区生产总值增长5.2%。"):
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "report-2024.pdf"
    pdf.output(str(path))
    rows = extract_files([path])
    assert list(zip(rows["mention"], rows["article"], strict=True)) == [("5.2%", article)]


DECODED = [  # bytes -> (text, encoding), one row per rule of decode
    ("\ufeff全年增长5%".encode("utf-8"), ("\ufeff全年增长5%", "utf-8-sig")),  # a byte order mark
    ("全年增长5%".encode("utf-16-le"), ("全年增长5%", "utf-16-le")),  # UTF-16 told by its NUL bytes
    ("全年增长5%".encode(), ("全年增长5%", "utf-8")),
    ("全省地区生产总值比上年增长百分之五，粮食产量稳定。".encode("gbk"),
     ("全省地区生产总值比上年增长百分之五，粮食产量稳定。", "gb18030")),  # the legacy encoding with common characters
]


@pytest.mark.parametrize("data, expected", DECODED)
def test_decode_rules(data, expected):
    text, enc = readers.decode(data)
    assert (text.lstrip("\ufeff"), enc.replace("_", "-").lower()) == (expected[0].lstrip("\ufeff"), expected[1])


UNDECODABLE = [b"\x00\x01\x02\x03\x00\x9f\x00", "a\x00".encode("utf-16-le") + b"\x00\x00\x00"]


@pytest.mark.parametrize("data", UNDECODABLE)
def test_decode_refuses_binary(data):
    with pytest.raises(ValueError):
        readers.decode(data)

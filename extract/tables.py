"""Figures in tables: tables read from DOCX, HTML and PDF text layers, and their cells as figures.

A :class:`Table` is a grid of cell texts (merged cells repeated into every position they cover),
its caption (the title and unit lines above it) and where its cells stand in the document's text.
The readers (:mod:`extract.readers`) build tables with :class:`Lines` (DOCX, HTML) or
:func:`pdf_tables` (a PDF page's text and word positions); :func:`table_figures` turns each numeric
cell into a :class:`~extract.record.Figure`:

* ``value``/``unit`` from the cell itself (``3.3%``), else the column header (``绝对数（亿元）`` → 元 ×
  1e8), else a unit column (``单位`` = ``万吨``), else the caption's unit line (``单位：万元``). A unit is
  read by :func:`unit_of` with the unit vocabulary of ``data/numbers.toml`` (the same grammar that
  reads ``3亿元`` in running text).
* ``metric`` = the row label without ``#``, ``其中：`` or numbering, plus the column's measure when
  the column is not the level (``种植业`` + ``比上年增长``).
* ``period`` from the column header (``2024年``, ``本期`` / ``上年同期`` against the table's year) or
  else the caption; ``sentence`` = caption, header and row, one per line.
* accounting conventions: ``(12.8%)`` and ``（1,234）`` are negative; ``-``, ``—``, ``…`` are no figure.

Row labels and headers are never read as figures. The vocabulary is in ``data/tables.toml``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

import regex

from . import figures, units
from .lexicon import alternation, load
from .numerals import BIG, SMALL, fold
from .periods import find_periods
from .record import Figure

_T = load("tables")


@dataclass(frozen=True)
class Table:
    """A table as read from a document.

    ``rows`` is the grid (every row as long as the widest, a merged cell repeated); ``starts`` gives
    each cell's offset in the document's text (-1 when the text does not hold it); ``header`` is the
    number of header rows; ``span`` the part of the document's text the table takes.
    """

    rows: tuple[tuple[str, ...], ...]
    starts: tuple[tuple[int, ...], ...]
    caption: str = ""
    header: int = 0
    span: tuple[int, int] = (0, 0)


# ---------------------------------------------------------------------------------------------
# cells


@cache
def _cell_patterns() -> dict[str, regex.Pattern]:
    c = _T["cells"]
    opens, closes = regex.escape("".join(c["negative_open"])), regex.escape("".join(c["negative_close"]))
    return {
        "foot": regex.compile(c["footnote"]),
        "neg": regex.compile(rf"[{opens}](?P<n>[^{opens}{closes}]+)[{closes}]"),
        "num": regex.compile(r"[-+−]?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?"),
        "space": regex.compile(r"\s+"),
    }


_EMPTY = frozenset(_T["cells"]["empty"])
_DOTTED_DATE = regex.compile(r"(?<!\d)((?:19|20)\d\d)[.\-/](0?[1-9]|1[0-2])[.\-/](0?[1-9]|[12]\d|3[01])(?!\d)")


def cell_value(text: str) -> tuple[Decimal, str | None, Decimal] | None:
    """``(number, unit, factor)`` a cell states, ``unit`` ``None`` when the cell names none.

    >>> cell_value("（1,234）"), cell_value("(12.8%)"), cell_value("—")
    ((Decimal('-1234'), None, Decimal('1')), (Decimal('-12.8'), '%', Decimal('1')), None)
    """
    p = _cell_patterns()
    t = p["space"].sub("", fold(p["foot"].sub("", text)))
    if not t or t in _EMPTY:
        return None
    sign = Decimal(1)
    m = p["neg"].fullmatch(t)
    if m:
        sign, t = Decimal(-1), m.group("n")
    if p["num"].fullmatch(t):
        return sign * Decimal(t.replace(",", "").replace("，", "").replace("−", "-")), None, Decimal(1)
    m = p["num"].match(t)
    if m and m.end() < len(t) and not _is_date(t):
        unit = known_unit(t[m.end():])  # 60周岁及以上 is a label, not 60 of a unit
        if unit is not None:
            n = Decimal(m.group().replace(",", "").replace("，", "").replace("−", "-"))
            return sign * n, unit[0], unit[1]
    return None


def _is_date(t: str) -> bool:
    """A cell that is a date or a year (``2015年度``, ``2024年1-3月``), a header's text, not a value."""
    return bool(_DOTTED_DATE.search(t)) or any(p.end - p.start >= len(t) - 1 for p in find_periods(t))


# ---------------------------------------------------------------------------------------------
# units of headers, unit columns and unit lines

_MAGNITUDES = {**SMALL, **BIG}
_MONEY_WORDS = tuple(w for w, u in units.surfaces().items() if u == "元" and len(w) > 1)


@cache
def known_unit(text: str) -> tuple[str, Decimal] | None:
    """A unit word the running-text grammar knows (:func:`unit_of` without its fallback)."""
    t = regex.sub(r"\s+", "", fold(text))
    if not t or len(t) > 12 or regex.search(r"\d", t):
        return None
    for money in _MONEY_WORDS:  # 人民币百万元 → 百万元
        if t.startswith(money) and len(t) > len(money):
            t = t[len(money):]
            break
    got = _probe(t)
    if got is not None and _power_of_ten(got[1]):
        return got
    i = 0  # 万千升: the magnitudes first, then the unit (the probe would read 2万千 as 21000)
    while i < len(t) - 1 and t[i] in BIG:
        i += 1
    rest = _probe(t[i:]) if i else None
    if rest is not None and _power_of_ten(rest[1]):
        factor = Decimal(1)
        for c in t[:i]:
            factor *= BIG[c]
        return rest[0], rest[1] * factor
    return None


def _probe(t: str) -> tuple[str, Decimal] | None:
    """What the running-text grammar reads ``2`` + ``t`` as: the unit and the factor of one. A unit
    word with a bound (``周岁及以上``) names a category, not a unit."""
    qs = figures.find_quantities("2" + t)
    if (len(qs) == 1 and qs[0].start == 0 and qs[0].end == len(t) + 1 and qs[0].value_max is None
            and qs[0].bound == "exact"):
        return qs[0].unit, qs[0].value / 2
    return None


def _power_of_ten(d: Decimal) -> bool:
    return d > 0 and d == Decimal(10) ** int(d.adjusted())


@cache
def unit_of(text: str) -> tuple[str, Decimal] | None:
    """The unit and factor a unit word names: ``亿元`` → ``("元", 1e8)``, ``%``, ``万吨``, ``百分点``.

    The one place a table's unit text is read. It asks the running-text grammar
    (:func:`extract.figures.find_quantities`) what ``2`` followed by the word would be; a word that
    grammar does not know keeps its own name after its magnitude (``亿吨公里`` → 吨公里 × 1e8).
    """
    t = regex.sub(r"\s+", "", fold(text))
    if not t or len(t) > 12 or regex.search(r"\d", t):
        return None
    known = known_unit(t)
    if known is not None:
        return known
    factor, i = Decimal(1), 0
    while i < len(t) and t[i] in _MAGNITUDES:
        factor *= _MAGNITUDES[t[i]]
        i += 1
    rest = t[i:]
    if rest and regex.fullmatch(r"[\p{Han}A-Za-z/]{1,6}", rest):
        return rest, factor
    return None


@cache
def _unit_patterns() -> tuple[regex.Pattern, regex.Pattern]:
    u = _T["unit_line"]
    line = regex.compile(
        rf"(?:{alternation(u['cues'])})\s*(?:{alternation(u['separators'])})\s*(?P<u>[^\s，,；;、）)]+)"
    )
    paren = regex.compile(r"[（(](?P<u>[^（()）]*)[）)]\s*$")
    return line, paren


def header_unit(header: str) -> tuple[str, Decimal] | None:
    """The unit a column header states: ``绝对数（亿元）``, ``比上年增长（%）``, ``增长%``, ``单位：万元``."""
    line, paren = _unit_patterns()
    m = line.search(header) or paren.search(header)
    if m:
        return unit_of(m.group("u"))
    t = regex.sub(r"\s+", "", header)
    if t[-1:] in ("%", "％", "‰"):
        return unit_of(t[-1])
    return None


def caption_unit(caption: str) -> tuple[str, Decimal] | None:
    """The unit a caption or line above a table states (``单位：万元``, ``（货币单位：人民币百万元）``)."""
    units = caption_units(caption)
    return units[0] if units else None


def caption_units(caption: str) -> list[tuple[str, Decimal]]:
    """All units a unit line lists: ``单位：万元，%`` → 元 × 1e4 and %."""
    m = _unit_patterns()[0].search(caption)
    if not m:
        return []
    listed = regex.match(r"[^\s；;）)]*", caption[m.start("u"):]).group()
    return [u for u in (unit_of(x) for x in regex.split(r"[，,、/]", listed)) if u is not None]


_RATIO_ENDS = tuple(_T["labels"]["ratio_ends"])


def row_unit(label: str, line_units: list[tuple[str, Decimal]]) -> tuple[str, Decimal] | None:
    """The unit a row label states (``毛利率（%）``, ``基本每股收益（元）``), or the one of several units
    a unit line lists that fits the row (``单位：万元，%``: a ``…率`` row is in %)."""
    m = _unit_patterns()[1].search(label)
    if m:
        known = known_unit(m.group("u"))
        if known is not None:
            return known
    if len(line_units) > 1 and clean_label(label).endswith(_RATIO_ENDS):
        return next((u for u in line_units if u[0] == "%"), None)
    return None


# ---------------------------------------------------------------------------------------------
# labels, measures, periods


@cache
def _label_patterns() -> tuple[regex.Pattern, regex.Pattern]:
    lab = _T["labels"]
    return regex.compile(rf"^(?:{alternation(lab['prefixes'])})+"), regex.compile(lab["numbering"])


def clean_label(label: str) -> str:
    """A row label as a metric: no ``#``/``其中：`` marks, numbering, footnotes or layout spaces."""
    prefix, numbering = _label_patterns()
    t = regex.sub(r"\s+", "", _cell_patterns()["foot"].sub("", label))
    m = _unit_patterns()[1].search(t)
    if m and known_unit(m.group("u")) is not None:  # 毛利率（%）: the unit is no part of the name
        t = t[:m.start()]
    for _ in range(3):
        t2 = numbering.sub("", prefix.sub("", t))
        if t2 == t:
            break
        t = t2
    return t


_MEASURE = regex.compile(alternation(_T["columns"]["measure_words"]))
_LEVEL = regex.compile(alternation(_T["columns"]["level_words"]))
_TARGET = regex.compile(alternation(_T["columns"]["target_words"]))
_UNIT_HEADERS = frozenset(regex.sub(r"\s+", "", w) for w in _T["columns"]["unit_headers"])


def measure(header: str) -> str:
    """What a column measures of its row when it is not the level (``比上年增长（%）`` → ``比上年增长``)."""
    t = regex.sub(r"\s+", "", header)
    t = regex.sub(r"[（(][^（()）]*[）)]|[%％‰]$", "", t)
    if not _MEASURE.search(t):
        return ""
    for p in find_periods(t):
        t = t.replace(t[p.start:p.end], "")
    return _LEVEL.sub("", t)


@cache
def _period_words() -> tuple[regex.Pattern, regex.Pattern]:
    p = _T["periods"]
    return regex.compile(alternation(p["current"])), regex.compile(alternation(p["previous"]))


def column_period(header: str, year: int | None) -> str:
    """The period a column header names: a date (``2024年``), or ``本期``/``上年同期`` against ``year``."""
    found = find_periods(header, year)
    if found:
        return found[-1].period
    numeric = _numeric_date(header)
    if numeric:
        return numeric
    current, previous = _period_words()
    t = _MEASURE.sub("", header)  # 比上年增长 compares with the year before: no period of its own
    if year is None:
        return ""
    if previous.search(t):
        return str(year - 1)
    if current.search(t):
        return str(year)
    return ""


def _numeric_date(header: str) -> str:
    """A date written with dots or dashes (``2015.12.31`` → ``2015-12``), as account headers write it."""
    m = _DOTTED_DATE.search(header)
    return f"{m.group(1)}-{int(m.group(2)):02d}" if m else ""


def caption_period(caption: str, doc_year: int | None) -> str:
    """The period a caption names (``表1 2023年年末户籍人口`` → ``2023``)."""
    found = find_periods(caption, doc_year)
    return found[0].period if found else ""


# ---------------------------------------------------------------------------------------------
# from a table to figures


@dataclass(frozen=True)
class _Column:
    index: int
    header: str
    unit: tuple[str, Decimal] | None
    measure: str
    period: str
    role: str


def _header_text(table: Table, c: int) -> str:
    parts: list[str] = []
    for r in range(table.header):
        t = " ".join(table.rows[r][c].split())
        if t and t not in parts:
            parts.append(t)
    return " ".join(parts)


def _is_numeric_column(table: Table, c: int) -> bool:
    return any(cell_value(row[c]) for row in table.rows[table.header:])


def _columns(table: Table, doc_year: int | None) -> tuple[list[_Column], int | None]:
    """The value columns of ``table`` and the index of its unit column (if any)."""
    width = len(table.rows[0]) if table.rows else 0
    year_text = caption_period(table.caption, doc_year)
    year = int(year_text[:4]) if year_text[:4].isdigit() else doc_year
    unit_col = None
    cols = []
    for c in range(1, width):
        head = _header_text(table, c)
        if regex.sub(r"\s+", "", head) in _UNIT_HEADERS:
            unit_col = c
            continue
        if not _is_numeric_column(table, c):
            continue
        role = "target" if _TARGET.search(head) else "actual"
        cols.append(_Column(c, head, header_unit(head), measure(head), column_period(head, year), role))
    return cols, unit_col


def header_rows(grid: Sequence[Sequence[str]]) -> int:
    """How many leading rows of ``grid`` are header: those before the first row with a number in a
    column other than the first."""
    for r, row in enumerate(grid):
        if any(cell_value(x) for x in row[1:]):
            return r
    return len(grid)


_SEQUENCE_HEADERS = frozenset(_T["columns"]["sequence_headers"])
_SEQUENCE = regex.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*|[一二三四五六七八九十]{1,3})(?=\p{Han})")


def _row_label(row: Sequence[str], first_value: int, sequence: bool) -> str:
    """A row's label: its text before the first value column, without the number of a ``序号``
    column (``1`` | ``刘冀鲁``, or ``1刘冀鲁`` run together in a PDF's text)."""
    parts = _distinct(row[:first_value])
    if sequence and parts:
        parts = parts[1:] if _SEQUENCE.sub("", parts[0]) == "" or cell_value(parts[0]) else \
            [_SEQUENCE.sub("", parts[0])] + parts[1:]
    return clean_label(parts[0]) if parts else ""


def table_figures(table: Table, doc: str, *, doc_year: int | None = None, topic: str = "",
                  article: str = "", source: str = "", doc_date: str = "") -> list[Figure]:
    """One :class:`Figure` per numeric cell of ``table`` (offsets from ``table.starts``)."""
    if not table.rows or table.header >= len(table.rows):
        return []
    cols, unit_col = _columns(table, doc_year)
    if not cols:
        return []
    first_value = min(c.index for c in cols)
    sequence = regex.sub(r"\s+", "", _header_text(table, 0)) in _SEQUENCE_HEADERS
    line_units = caption_units(table.caption) or next(
        (u for r in range(table.header) for u in [caption_units(" ".join(table.rows[r]))] if u), [])
    line_unit = line_units[0] if line_units else None
    period = caption_period(table.caption, doc_year)
    head_line = _header_line(table)
    out: list[Figure] = []
    label = ""
    for r in range(table.header, len(table.rows)):
        row = table.rows[r]
        label = _row_label(row, first_value, sequence) or label
        label_unit = row_unit(row[0], line_units)
        column_unit = unit_of(row[unit_col]) if unit_col is not None else None
        sentence = "\n".join(x for x in (table.caption, head_line, " ".join(_distinct(row))) if x)
        for col in cols:
            cell = row[col.index]
            got = cell_value(cell)
            if got is None:
                continue
            number, own, factor = got
            unit = (own, factor) if own is not None else (col.unit or label_unit or column_unit or line_unit)
            if unit is None:
                continue
            mention = cell.strip()
            start = table.starts[r][col.index]
            start = start + cell.index(mention) if start >= 0 and mention else start
            out.append(Figure(
                doc=doc, topic=topic, article=article, source=source, sentence=sentence,
                mention=mention, value=number * (factor if own is not None else unit[1]), value_max=None,
                unit=unit[0], bound="exact", period=col.period or period, role=col.role,
                metric=label + col.measure, subject="", start=start,
                end=start + len(mention) if start >= 0 else start, doc_date=doc_date,
            ))
    return out


def _header_line(table: Table) -> str:
    """The header rows as one line, each merged cell once (``产品 2024年 产量（万吨） 比上年增长（%）``)."""
    out: list[str] = []
    for r in range(table.header):
        for c, x in enumerate(table.rows[r]):
            t = " ".join(x.split())
            if t and (c == 0 or table.rows[r][c - 1] != x) and (r == 0 or table.rows[r - 1][c] != x):
                out.append(t)
    return " ".join(out)


def _distinct(cells) -> list[str]:
    """Cell texts with a merged cell's repeats dropped (neighbours only) and empty cells left out."""
    out: list[str] = []
    for x in cells:
        t = " ".join(x.split())
        if t and (not out or out[-1] != t):
            out.append(t)
    return out


# ---------------------------------------------------------------------------------------------
# building a document's text with its tables (DOCX, HTML)

_CAPTION = regex.compile(_T["caption"]["table_mark"])
_CAPTION_MAX = int(_T["caption"]["max_length"])
_SENTENCE_END = ("。", "；", "！", "？", ";")


def is_caption(line: str) -> bool:
    """A line that can caption the table below it: short, not the end of a sentence."""
    t = line.strip()
    return bool(t) and len(t) <= _CAPTION_MAX and not t.endswith(_SENTENCE_END)


@dataclass
class Lines:
    """A document's text built line by line, with the tables it holds (their cells' offsets known)."""

    lines: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    _pos: int = 0

    def add(self, line: str) -> int:
        """Append one line; returns its offset."""
        start = self._pos
        self.lines.append(line)
        self._pos += len(line) + 1
        return start

    def add_table(self, grid: Sequence[Sequence[str]], caption: str = "") -> None:
        """Append a table (one line per row, cells joined by tabs) and keep it as a :class:`Table`.

        Rows that span the table with one text before its header (a title, ``单位：万元``) join the
        caption; without a caption of its own the table takes the short lines just above it.
        """
        grid = [[" ".join(str(x).split()) for x in row] for row in grid]
        width = max((len(r) for r in grid), default=0)
        grid = [row + [""] * (width - len(row)) for row in grid if any(row)]
        if not grid or width == 0:
            return
        above = []
        while grid and len(set(grid[0])) == 1 and len(grid) > 1:
            above.append(grid.pop(0)[0])
        if not caption:
            caption = self._caption_above()
        caption = " ".join(x for x in [caption, *above] if x)
        first = self._pos
        starts = []
        for row in grid:
            cells, offsets, pos = [], [], self._pos
            for x in row:
                if x and (not cells or cells[-1] != x):
                    if cells:
                        pos += 1
                    cells.append(x)
                    offsets.append(pos)
                    pos += len(x)
                elif x:
                    offsets.append(offsets[-1])
                else:
                    offsets.append(-1)
            starts.append(tuple(offsets))
            self.add("\t".join(cells))
        self.tables.append(Table(tuple(map(tuple, grid)), tuple(starts), caption, header_rows(grid),
                                 (first, self._pos - 1)))

    def _caption_above(self) -> str:
        """The caption of a table about to be added: up to two short lines just above it."""
        picked: list[str] = []
        for line in reversed(self.lines[-2:]):
            if not is_caption(line) or (picked and not _CAPTION.match(line) and not caption_unit(picked[0])):
                break
            picked.insert(0, line)
            if _CAPTION.match(line):
                break
        return " ".join(picked)

    def text(self) -> str:
        """The document's text: the lines joined by newlines."""
        return "\n".join(self.lines)


def html_grid(table) -> list[list[str]]:
    """The grid of an HTML ``<table>`` (a BeautifulSoup tag): ``rowspan``/``colspan`` repeated."""
    grid: list[list[str]] = []
    pending: dict[tuple[int, int], str] = {}
    rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    for r, tr in enumerate(rows):
        row: list[str] = []
        c = 0
        for cell in tr.find_all(["td", "th"], recursive=False):
            while (r, c) in pending:
                row.append(pending.pop((r, c)))
                c += 1
            text = " ".join(cell.get_text(" ").split())
            span_c, span_r = _span(cell.get("colspan")), _span(cell.get("rowspan"))
            for dc in range(span_c):
                row.append(text)
                for dr in range(1, span_r):
                    pending[(r + dr, c + dc)] = text
            c += span_c
        while (r, c) in pending:
            row.append(pending.pop((r, c)))
            c += 1
        grid.append(row)
    return grid


def _span(v) -> int:
    try:
        return max(1, min(int(str(v).strip()), 100))
    except (TypeError, ValueError):
        return 1


def has_figures(grid: Sequence[Sequence[str]]) -> bool:
    """A data table, not a layout table: numbers outside its first column, and more of them than
    cells of running text (which the text path reads)."""
    cells = [x for row in grid for x in row[1:]]
    values = sum(1 for x in cells if cell_value(x))
    prose = sum(1 for x in set(cells) if len(x.strip()) > 15 and not cell_value(x))
    return values > 0 and values > prose


# ---------------------------------------------------------------------------------------------
# PDF: the unruled `label number number…` tables under a header line (ruled ones read the same)


@dataclass(frozen=True)
class _Word:
    text: str
    start: int
    x0: float
    x1: float


def _page_words(text: str, words: Sequence[dict], base: int) -> list[list[_Word]] | None:
    """The page's words grouped by the lines of ``text`` (offsets ``base`` + position in ``text``);
    ``None`` when the words cannot be found in the text in order."""
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    lines: list[list[_Word]] = [[] for _ in line_starts]
    pos = 0
    for w in words:
        i = text.find(w["text"], pos)
        if i < 0:
            return None
        pos = i + len(w["text"])
        lines[bisect_right(line_starts, i) - 1].append(_Word(w["text"], base + i, float(w["x0"]), float(w["x1"])))
    return lines


def _row_split(words: list[_Word]) -> tuple[list[_Word], list[_Word]] | None:
    """A line as ``(label words, value words)`` when it ends in cell values (one a number)."""
    k = len(words)
    while k > 0 and (cell_value(words[k - 1].text) is not None or _bare_empty(words[k - 1].text)):
        k -= 1
    values = words[k:]
    if not values or not any(cell_value(w.text) for w in values):
        return None
    return words[:k], values


def _bare_empty(t: str) -> bool:
    return t.strip() in _EMPTY


def _header_cells(lines: list[list[_Word]]) -> list[tuple[float, float, str]]:
    """Header words merged into cells: letter-spaced words (``指 标``, gaps of about one character)
    and the rest of an open bracket join; a wider gap starts a new cell."""
    words = sorted((w for line in lines for w in line), key=lambda w: w.x0)
    cells: list[list] = []
    for w in words:
        width = (w.x1 - w.x0) / max(1, len(w.text))
        open_bracket = cells and cells[-1][2].count("（") + cells[-1][2].count("(") > \
            cells[-1][2].count("）") + cells[-1][2].count(")")
        if cells and (w.x0 - cells[-1][1] < 1.3 * width or open_bracket):
            cells[-1][1] = max(cells[-1][1], w.x1)
            cells[-1][2] += w.text
        else:
            cells.append([w.x0, w.x1, w.text])
    return [(a, b, t) for a, b, t in cells]


def _column_of(w: _Word, cells: list[tuple[float, float, str]]) -> int:
    centre = (w.x0 + w.x1) / 2
    return min(range(len(cells)), key=lambda i: abs((cells[i][0] + cells[i][1]) / 2 - centre))


_NOTE = regex.compile(alternation(_T["caption"]["note_marks"]))


def _is_label_line(words: list[_Word]) -> bool:
    """A line that can be part of a row label wrapped over lines: short Chinese text, no sentence end,
    no note, caption or unit line."""
    text = "".join(w.text for w in words)
    return (0 < len(text) <= 30 and bool(regex.search(r"\p{Han}", text)) and not text.endswith(_SENTENCE_END)
            and not _NOTE.match(text) and not _CAPTION.match(text) and not _UNIT_LINE.match(text))


def _is_footer(words: list[_Word]) -> bool:
    """A page number or rule line (no Chinese text, no row)."""
    return not any(regex.search(r"\p{Han}", w.text) for w in words)


_UNIT_LINE = regex.compile(rf"^[（(]?(?:{alternation(_T['unit_line']['cues'])})\s*[：:]")
_UNIT_LINE_ANY = regex.compile(rf"(?m)^[（(]?(?:{alternation(_T['unit_line']['cues'])})\s*[：:]")
_CAPTION_LINE = regex.compile("(?m)" + _T["caption"]["table_mark"])
_ROW_LINE = regex.compile(r"(?m)^\S.*?\s[-+−(（]?\d[\d,.]*%?[)）]?\s+[-+−(（]?\d[\d,.]*%?[)）]?$")


def may_hold_table(page_text: str) -> bool:
    """A page worth reading word positions for: it has a table caption or rows of numbers."""
    if _CAPTION_LINE.search(page_text) or _UNIT_LINE_ANY.search(page_text):
        return True
    return len(_ROW_LINE.findall(page_text)) >= 2


def pdf_tables(pages: Sequence[tuple[str, Sequence[dict], int]]) -> list[Table]:
    """Tables in PDF pages given as ``(page text, page words, offset of the page in the document)``.

    A table is a caption line (``表3 …``) or a header line, then rows of ``label number…``; the header
    words give the columns, each number goes to the header cell nearest above it, and rows go on
    past a page break (after the page number, skipping a repeated header).
    """
    lines: list[tuple[int, list[_Word]]] = []  # (page, words of one line)
    for p, (text, words, base) in enumerate(pages):
        if not words:
            continue
        got = _page_words(text, words, base)
        if got is None:
            continue
        lines.extend((p, ws) for ws in got if ws)
    tables, i = [], 0
    while i < len(lines):
        t, i = _table_at(lines, i)
        if t is not None:
            tables.append(t)
    return tables


def _line_text(words: list[_Word]) -> str:
    return " ".join(w.text for w in words)


def _table_at(lines: list[tuple[int, list[_Word]]], i: int) -> tuple[Table | None, int]:
    """The table that line ``i`` opens (a caption, a unit line or a header) and the line after it,
    or ``(None, i + 1)``."""
    text = _line_text(lines[i][1])
    if len(text) > _CAPTION_MAX:
        return None, i + 1
    if _CAPTION.match(text):
        caption, j = [text], i + 1
    elif _opens_header(lines, i):  # a header line of its own, rows of numbers under it
        above = _line_text(lines[i - 1][1]) if i > 0 and lines[i - 1][0] == lines[i][0] else ""
        caption = [above] if above and is_caption(above) and _row_split(lines[i - 1][1]) is None else []
        j = i
    elif _UNIT_LINE.match(text):  # `单位：万元` opens a table; a short title just above names it
        first_of_page = i < 2 or lines[i - 2][0] != lines[i][0]  # a running page header is no title
        above = _line_text(lines[i - 1][1]) if i > 0 and lines[i - 1][0] == lines[i][0] and not first_of_page else ""
        caption = [above, text] if above and is_caption(above) and _row_split(lines[i - 1][1]) is None else [text]
        j = i + 1
    else:
        return None, i + 1
    head: list[list[_Word]] = []
    while j < len(lines) and len(head) < 3 and _row_split(lines[j][1]) is None:
        line = lines[j][1]
        if caption_unit(_line_text(line)) and not head:
            caption.append(_line_text(line))
        elif _CAPTION.match(_line_text(line)):
            return None, j
        elif head and _starts_a_label(line, head):
            break
        else:
            head.append(line)
        j += 1
    if not head or j >= len(lines):
        return None, j
    cells = _header_cells(head)
    if len(cells) < 2:
        return None, j
    rows: list[list[tuple[str, int]]] = []
    page = lines[j][0]
    head_text = "".join(c[2] for c in cells)
    pending: list[_Word] = []  # a label wrapped over lines, waiting for its numbers
    tails = 0  # lines of the last row's label still to come below its numbers
    while j < len(lines):
        p, words = lines[j]
        split = _row_split(words)
        if split is not None and not split[0] and not pending:  # a page number, not a row
            split = None
        if split is None:
            if p != page and "".join(w.text for w in words) == head_text:  # repeated header
                j += 1
                continue
            if _is_label_line(words) and len(pending) < 2:
                if tails and rows:
                    text, start = rows[-1][0]
                    rows[-1][0] = (text + "".join(w.text for w in words), start)
                    tails -= 1
                else:
                    pending.append(words)
                j += 1
                continue
            k = j
            while k < len(lines) and lines[k][0] == page and _is_footer(lines[k][1]):
                k += 1
            if k < len(lines) and lines[k][0] == page + 1:
                j, page = k, lines[k][0]
                continue
            break
        page = p
        label = [w for line in pending for w in line] + split[0]
        tails = len(pending)  # a label wrapped round its numbers has as many lines below as above
        rows.append(_grid_row((label, split[1]), cells))
        pending = []
        j += 1
    j -= len(pending)  # label lines no numbers followed are not the table's
    if not rows:
        return None, j
    grid = [tuple(c[2] for c in cells)] + [tuple(x for x, _ in r) for r in rows]
    starts = [tuple(-1 for _ in cells)] + [tuple(s for _, s in r) for r in rows]
    first = lines[i][1][0].start
    last = lines[j - 1][1][-1]
    return Table(tuple(grid), tuple(starts), " ".join(caption), 1, (first, last.start + len(last.text))), j


def _starts_a_label(line: list[_Word], head: list[list[_Word]]) -> bool:
    """A line under a header of two or more cells that is one long word: the first row's label,
    wrapped, not more header (``项目`` alone is header)."""
    return len(line) == 1 and len(line[0].text) >= 5 and len(_header_cells(head)) >= 2


def _opens_header(lines: list[tuple[int, list[_Word]]], i: int) -> bool:
    """Line ``i`` heads a table without caption: short words, no values, and within three lines two
    rows follow with the same two or more numbers each."""
    words = lines[i][1]
    if len(words) < 2 or any(len(w.text) > 16 for w in words) or _row_split(words) is not None:
        return False
    if i > 0 and lines[i - 1][0] == lines[i][0] and _row_split(lines[i - 1][1]) is not None:
        return False
    for k in range(i + 1, min(i + 4, len(lines) - 1)):
        a, b = _row_split(lines[k][1]), _row_split(lines[k + 1][1])
        if a is not None:
            return b is not None and bool(a[0]) and bool(b[0]) and len(a[1]) == len(b[1]) >= 2
    return False


def _grid_row(split: tuple[list[_Word], list[_Word]], cells: list[tuple[float, float, str]]) -> list[tuple[str, int]]:
    """One body row laid on the header's columns: ``(text, offset)`` per column."""
    label, values = split
    row: list[tuple[str, int]] = [("", -1)] * len(cells)
    unit_cols = [k for k, c in enumerate(cells) if c[2] in _UNIT_HEADERS]
    if unit_cols and len(label) > 1 and _column_of(label[-1], cells) == unit_cols[0]:
        row[unit_cols[0]] = (label[-1].text, label[-1].start)
        label = label[:-1]
    row[0] = ("".join(w.text for w in label), label[0].start if label else -1)
    for w in values:
        k = _column_of(w, cells)
        if k == 0 or row[k][1] >= 0:
            k = next((n for n in range(1, len(cells)) if row[n][1] < 0 and n not in unit_cols), k)
        row[k] = (w.text, w.start)
    return row

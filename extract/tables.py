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

Row labels and headers are never read as figures, nor are code columns (``科目编码``: ``201 06 01``).
In a table of blocks side by side (``收入 | 决算数 | 支出 | 决算数``) a value takes the label just
left of it; a one-row table under a header of several levels (a ``三公经费`` table) is named by its
header. The vocabulary is in ``data/tables.toml``.

PDF tables come two ways. A ruled table is taken from pdfplumber's ``find_tables`` (its line
strategy finds the cells, merged ones included, so a header wrapped over two or three lines inside a
cell reads as one text); the words inside each cell give the text and the offsets. pdfplumber sees
the ruling of many tables only in part (a box round the header, one cell holding a whole column):
:func:`ruled_ok` keeps only tables it read cell by cell. The rest, and unruled tables, are read from
word positions (``extract_words``): a header of up to three lines whose words are merged into
columns by their x-extents, then rows of ``label number…`` laid on those columns.

A :class:`TableReader` is built from one :class:`~extract.lexicon.Lexicon`; the module's own names
(``cell_value`` …) are those of the package's data.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache, cached_property

import regex

from .figures import Figures
from .lexicon import Lexicon, alternation, default_names
from .numerals import Numerals
from .periods import Periods
from .record import Figure
from .units import Units


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


# ---------------------------------------------------------------------------------------------
# units of headers, unit columns and unit lines


def _probe(figures: Figures, t: str) -> tuple[str, Decimal] | None:
    """What the running-text grammar reads ``2`` + ``t`` as: the unit and the factor of one. A unit
    word with a bound (``周岁及以上``) names a category, not a unit."""
    qs = figures.find_quantities("2" + t)
    if (len(qs) == 1 and qs[0].start == 0 and qs[0].end == len(t) + 1 and qs[0].value_max is None
            and qs[0].bound == "exact"):
        return qs[0].unit, qs[0].value / 2
    return None


def _power_of_ten(d: Decimal) -> bool:
    return d > 0 and d == Decimal(10) ** int(d.adjusted())


# ---------------------------------------------------------------------------------------------
# labels, measures, periods


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


@dataclass(frozen=True)
class _Layout:
    """What a table's header and caption say of its columns."""

    values: list[_Column]
    labels: list[int]  # the columns that hold row labels
    unit_col: int | None
    sequence: bool  # the first column numbers the rows (序号)
    line_units: list[tuple[str, Decimal]]
    period: str
    head_line: str


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

_SENTENCE_END = ("。", "；", "！", "？", ";")


@dataclass
class Lines:
    """A document's text built line by line, with the tables it holds (their cells' offsets known)."""

    lines: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    _pos: int = 0
    reader: TableReader = field(default_factory=lambda: default())  # what reads the tables' headers and captions

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
        above, grid = _title_rows(_squared(grid))
        if not grid:
            return
        caption = " ".join(x for x in [caption or self._caption_above(), *above] if x)
        first = self._pos
        starts = [self._add_row(row) for row in grid]
        self.tables.append(Table(tuple(map(tuple, grid)), tuple(starts), caption, self.reader.header_rows(grid),
                                 (first, self._pos - 1)))

    def _add_row(self, row: Sequence[str]) -> tuple[int, ...]:
        """Append one row as a line, a merged cell (the same text as the cell left of it) once;
        returns each cell's offset (-1 for an empty cell)."""
        cells: list[str] = []
        offsets: list[int] = []
        pos = self._pos
        for c, x in enumerate(row):
            if not x:
                offsets.append(-1)
            elif c > 0 and row[c - 1] == x:
                offsets.append(offsets[-1])
            else:
                pos += 1 if cells else 0
                cells.append(x)
                offsets.append(pos)
                pos += len(x)
        self.add("\t".join(cells))
        return tuple(offsets)

    def _caption_above(self) -> str:
        """The caption of a table about to be added: up to two short lines just above it."""
        picked: list[str] = []
        for line in reversed(self.lines[-2:]):
            r = self.reader
            if not r.is_caption(line) or (picked and not r._CAPTION.match(line) and not r.caption_unit(picked[0])):
                break
            picked.insert(0, line)
            if r._CAPTION.match(line):
                break
        return " ".join(picked)

    def text(self) -> str:
        """The document's text: the lines joined by newlines."""
        return "\n".join(self.lines)


def _squared(grid: Sequence[Sequence[str]]) -> list[list[str]]:
    """The grid with its cells' white space folded, every row as long as the widest, empty rows out."""
    rows = [[" ".join(str(x).split()) for x in row] for row in grid]
    width = max((len(r) for r in rows), default=0)
    return [row + [""] * (width - len(row)) for row in rows if any(row)]


def _title_rows(grid: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    """``(titles, rest)``: the leading rows that span the table with one text (a title, a unit line)."""
    above = []
    while len(grid) > 1 and len(set(grid[0])) == 1:
        above.append(grid.pop(0)[0])
    return above, grid


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


# ---------------------------------------------------------------------------------------------
# PDF: ruled tables as pdfplumber finds them, and the unruled `label number number…` tables under
# a header line


Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Ruled:
    """A ruled table of a PDF page as ``pdfplumber``'s ``find_tables`` gives it: rows of cell boxes
    ``(x0, top, x1, bottom)``, ``None`` in a slot that a merged cell covers."""

    rows: tuple[tuple[Box | None, ...], ...]


@dataclass(frozen=True)
class _Word:
    text: str
    start: int
    x0: float
    x1: float
    top: float = 0.0
    bottom: float = 0.0


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
        lines[bisect_right(line_starts, i) - 1].append(_Word(
            w["text"], base + i, float(w["x0"]), float(w["x1"]), float(w.get("top", 0)), float(w.get("bottom", 0))))
    return lines


def _line_text(words: list[_Word]) -> str:
    return " ".join(w.text for w in words)


# ---- ruled tables

def _slot_boxes(rows: Sequence[Sequence[Box | None]]) -> list[list[Box | None]]:
    """Every slot of a ruled table with the box of the cell that covers it (a merged cell's box in
    every slot it spans): the slot's centre is that of the narrowest box of its column and the
    lowest box of its row."""
    width = max((len(r) for r in rows), default=0)
    xs = [_narrowest([r[c] for r in rows if c < len(r) and r[c]], 0, 2) for c in range(width)]
    ys = [_narrowest([b for b in r if b], 1, 3) for r in rows]
    boxes = [b for r in rows for b in r if b]
    return [[_covering(boxes, x, y) for x in xs] for y in ys]


def _covering(boxes: list[Box], x: float | None, y: float | None) -> Box | None:
    if x is None or y is None:
        return None
    return next((b for b in boxes if b[0] <= x <= b[2] and b[1] <= y <= b[3]), None)


def _narrowest(boxes: list[Box], lo: int, hi: int) -> float | None:
    if not boxes:
        return None
    b = min(boxes, key=lambda b: b[hi] - b[lo])
    return (b[lo] + b[hi]) / 2


def _inside(w: _Word, box: Box) -> bool:
    x, y = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _ruled_grid(ruled: Ruled, words: list[_Word]) -> tuple[list[list[list[_Word]]], set[int]]:
    """The words of each slot of ``ruled`` (a merged cell's words in every slot it covers), rows
    without any word left out, and the indexes of the words the table holds."""
    slots = _slot_boxes(ruled.rows)
    inside: dict[Box, list[int]] = {}
    for box in {b for row in slots for b in row if b}:
        inside[box] = [k for k, w in enumerate(words) if _inside(w, box)]
    grid = [[[words[k] for k in inside[b]] if b else [] for b in row] for row in slots]
    held = {k for ks in inside.values() for k in ks}
    return [row for row in grid if any(row)], held


def _continued(previous: Table, table: Table) -> Table:
    """``previous`` with the rows of ``table`` (its continuation on the next page) added."""
    return replace(previous, rows=previous.rows + table.rows, starts=previous.starts + table.starts,
                   span=(previous.span[0], table.span[1]))


# ---- unruled tables


def _header_cells(lines: list[list[_Word]]) -> list[tuple[float, float, str]]:
    """Header words merged into cells: words that overlap or nearly touch across the header's lines
    (a header wrapped over two or three lines), letter-spaced words (``指 标``, gaps of about one
    character) and the rest of an open bracket join; a wider gap starts a new cell. A cell's text
    reads its words line by line."""
    words = sorted(((n, w) for n, line in enumerate(lines) for w in line), key=lambda nw: nw[1].x0)
    cells: list[list] = []  # [x0, x1, [(line, word)…]]
    for n, w in words:
        width = (w.x1 - w.x0) / max(1, len(w.text))
        if cells and (w.x0 - cells[-1][1] < 1.3 * width or _open_bracket(_cell_text(cells[-1][2]))):
            cells[-1][1] = max(cells[-1][1], w.x1)
            cells[-1][2].append((n, w))
        else:
            cells.append([w.x0, w.x1, [(n, w)]])
    return [(a, b, _cell_text(ws)) for a, b, ws in cells]


def _cell_text(words: list[tuple[int, _Word]]) -> str:
    return "".join(w.text for _n, w in sorted(words, key=lambda nw: (nw[0], nw[1].x0)))


def _open_bracket(t: str) -> bool:
    return t.count("（") + t.count("(") > t.count("）") + t.count(")")


def _column_of(w: _Word, cells: list[tuple[float, float, str]]) -> int:
    centre = (w.x0 + w.x1) / 2
    return min(range(len(cells)), key=lambda i: abs((cells[i][0] + cells[i][1]) / 2 - centre))


def _is_footer(words: list[_Word]) -> bool:
    """A page number or rule line (no Chinese text, no row)."""
    return not any(regex.search(r"\p{Han}", w.text) for w in words)


_ROW_LINE = regex.compile(r"(?m)^\S.*?\s[-+−(（]?\d[\d,.]*%?[)）]?\s+[-+−(（]?\d[\d,.]*%?[)）]?$")


Line = tuple[int, list[_Word]]  # (page, the words of one line)


def pdf_tables(pages: Sequence[tuple], reader: TableReader | None = None) -> list[Table]:
    """Tables in PDF pages given as ``(page text, page words, offset of the page in the document)``
    and, optionally, the page's :class:`Ruled` tables.

    A ruled table that pdfplumber reads cell by cell (:func:`ruled_ok`) is taken as it finds it,
    its caption from the short lines above it; one that opens the next page with as many columns
    continues it. The other tables are read from the words (:func:`_table_at`).
    """
    state = _PdfTables(reader or default())
    for p, (text, words, base, *rest) in enumerate(pages):
        got = _page_words(text, words, base) if words else None
        if got is not None:
            state.page(p, got, rest[0] if rest else ())
    return state.done()


@dataclass
class _PdfTables:
    """The tables found so far, the lines not yet read for unruled tables, the last ruled table."""

    reader: TableReader
    found: list[Table] = field(default_factory=list)
    segment: list[Line] = field(default_factory=list)
    last: tuple[int, int] | None = None  # (index in found, page) of the last ruled table

    def page(self, p: int, lines: list[list[_Word]], ruled: Sequence[Ruled]) -> None:
        """Read one page: its ruled tables, and the lines between them for unruled ones."""
        words = [w for ws in lines for w in ws]
        held: set[int] = set()
        for r in ruled:
            read = self.reader._ruled_table(r, words)
            if read is None:
                continue
            grid, in_table = read
            top = min(w.top for row in grid for ws in row for w in ws)
            above = [ws for ws in _lines_without(lines, held | in_table) if ws[0].top < top]
            self.found.extend(self.reader._word_tables(self.segment + [(p, ws) for ws in above]))
            self.segment = []
            self._add_ruled(p, grid, above)
            held |= in_table | {k for k, w in enumerate(words) if w.top < top}
        self.segment.extend((p, ws) for ws in _lines_without(lines, held))

    def _add_ruled(self, p: int, grid: list[list[list[_Word]]], above: list[list[_Word]]) -> None:
        table = self.reader._grid_table(grid, self.reader._caption_lines(above))
        if self.last is not None:
            k, page = self.last
            previous = self.found[k]
            if (k == len(self.found) - 1 and page == p - 1 and (not above or table.header == 0)
                    and len(previous.rows[0]) == len(table.rows[0])):
                self.found[k] = _continued(previous, self.reader._grid_table(grid, "", 0))
                self.last = (k, p)
                return
        self.found.append(table)
        self.last = (len(self.found) - 1, p)

    def done(self) -> list[Table]:
        self.found.extend(self.reader._word_tables(self.segment))
        self.segment = []
        return sorted(self.found, key=lambda t: t.span[0])


def _lines_without(lines: list[list[_Word]], held: set[int]) -> list[list[_Word]]:
    """The page's lines without the words numbered in ``held`` (in page order), empty lines left out."""
    out, k = [], 0
    for ws in lines:
        kept = [w for n, w in enumerate(ws, k) if n not in held]
        k += len(ws)
        if kept:
            out.append(kept)
    return out


@dataclass
class _Body:
    """The body rows of an unruled table as they are read, line by line."""

    reader: TableReader
    cells: list[tuple[float, float, str]]
    page: int
    rows: list[list[tuple[str, int]]] = field(default_factory=list)
    pending: list[list[_Word]] = field(default_factory=list)  # a label wrapped over lines, waiting for its numbers
    tails: int = 0  # lines of the last row's label still to come below its numbers

    def read(self, lines: list[Line], j: int) -> int:
        """Read rows from line ``j``; returns the first line after the table."""
        head_text = "".join(c[2] for c in self.cells)
        while j < len(lines):
            p, words = lines[j]
            split = self.reader._row_split(words)
            if split is not None and not split[0] and not self.pending:  # a page number, not a row
                split = None
            if split is not None:
                self._row(p, split)
            elif p != self.page and "".join(w.text for w in words) == head_text:  # repeated header
                pass
            elif self.reader._is_label_line(words) and len(self.pending) < 2:
                self._label_line(words)
            else:
                k = _next_page(lines, j, self.page)
                if k is None:
                    break
                j, self.page = k, lines[k][0]
                continue
            j += 1
        return j - len(self.pending)  # label lines no numbers followed are not the table's

    def _row(self, p: int, split: tuple[list[_Word], list[_Word]]) -> None:
        self.page = p
        label = [w for line in self.pending for w in line] + split[0]
        self.tails = len(self.pending)  # a label wrapped round its numbers has as many lines below as above
        self.rows.append(self.reader._grid_row((label, split[1]), self.cells))
        self.pending = []

    def _label_line(self, words: list[_Word]) -> None:
        if self.tails and self.rows:
            text, start = self.rows[-1][0]
            self.rows[-1][0] = (text + "".join(w.text for w in words), start)
            self.tails -= 1
        else:
            self.pending.append(words)


def _next_page(lines: list[Line], j: int, page: int) -> int | None:
    """The first line of the next page when only footers (a page number) are left on ``page``
    from line ``j``, else ``None``: the table goes on there."""
    k = j
    while k < len(lines) and lines[k][0] == page and _is_footer(lines[k][1]):
        k += 1
    return k if k < len(lines) and lines[k][0] == page + 1 else None


def _starts_a_label(line: list[_Word], head: list[list[_Word]]) -> bool:
    """A line under a header of two or more cells that is one long word: the first row's label,
    wrapped, not more header (``项目`` alone is header)."""
    return len(line) == 1 and len(line[0].text) >= 5 and len(_header_cells(head)) >= 2


def _unit_cell(label: list[_Word], cells: list[tuple[float, float, str]], unit_cols: list[int],
               row: list[tuple[str, int]]) -> list[_Word]:
    """The label's last word when it stands under the unit column: put into ``row``, off the label."""
    if unit_cols and len(label) > 1 and _column_of(label[-1], cells) == unit_cols[0]:
        row[unit_cols[0]] = (label[-1].text, label[-1].start)
        return label[:-1]
    return label


class TableReader:
    """The table reader of one lexicon (``tables.toml``): headers, units, labels and periods of tables,
    and their cells as figures."""

    def __init__(self, lex: Lexicon) -> None:
        self._figures = lex.stage(Figures)
        self._numerals = lex.stage(Numerals)
        self.known_unit = cache(self._known_unit)
        self.unit_of = cache(self._unit_of)
        self._periods = lex.stage(Periods)
        self._units = lex.stage(Units)
        self._T = lex["tables"]
        self._EMPTY = frozenset(self._T["cells"]["empty"])
        self._DOTTED_DATE = regex.compile(
            rf"(?<!\d)({self._numerals.year_pattern()})[.\-/](0?[1-9]|1[0-2])[.\-/](0?[1-9]|[12]\d|3[01])(?!\d)")
        self._MAGNITUDES = {**self._numerals.SMALL, **self._numerals.BIG}
        self._MONEY_WORDS = tuple(w for w, u in self._units.surfaces().items() if u == "元" and len(w) > 1)
        self._RATIO_ENDS = tuple(self._T["labels"]["ratio_ends"])
        self._MEASURE = regex.compile(alternation(self._T["columns"]["measure_words"]))
        self._LEVEL = regex.compile(alternation(self._T["columns"]["level_words"]))
        self._TARGET = regex.compile(alternation(self._T["columns"]["target_words"]))
        self._UNIT_HEADERS = frozenset(regex.sub(r"\s+", "", w) for w in self._T["columns"]["unit_headers"])
        self._CODE = regex.compile(alternation(self._T["columns"]["code_headers"]))
        self._SEQUENCE_HEADERS = frozenset(self._T["columns"]["sequence_headers"])
        self._SEQUENCE = regex.compile(self._numerals.expand(r"^(?:\d{1,3}(?:\.\d{1,3})*|{cn_digit}{1,3})(?=\p{Han})"))
        self._CAPTION = regex.compile(self._numerals.expand(self._T["caption"]["table_mark"]))
        self._CAPTION_MAX = self._T["caption"]["max_length"]
        self._NOTE = regex.compile(alternation(self._T["caption"]["note_marks"]))
        self._UNIT_LINE = regex.compile(rf"^[（(]?(?:{alternation(self._T['unit_line']['cues'])})\s*[：:]")
        self._UNIT_LINE_ANY = regex.compile(rf"(?m)^[（(]?(?:{alternation(self._T['unit_line']['cues'])})\s*[：:]")
        self._CAPTION_LINE = regex.compile("(?m)" + self._numerals.expand(self._T["caption"]["table_mark"]))

    @cached_property
    def _cell_patterns(self) -> dict[str, regex.Pattern]:
        c = self._T["cells"]
        opens, closes = regex.escape("".join(c["negative_open"])), regex.escape("".join(c["negative_close"]))
        return {
            "foot": regex.compile(c["footnote"]),
            "neg": regex.compile(rf"[{opens}](?P<n>[^{opens}{closes}]+)[{closes}]"),
            "num": regex.compile(r"[-+−]?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?"),
            "space": regex.compile(r"\s+"),
        }

    def cell_value(self, text: str) -> tuple[Decimal, str | None, Decimal] | None:
        """``(number, unit, factor)`` a cell states, ``unit`` ``None`` when the cell names none.

        >>> cell_value("（1,234）"), cell_value("(12.8%)"), cell_value("—")
        ((Decimal('-1234'), None, Decimal('1')), (Decimal('-12.8'), '%', Decimal('1')), None)
        """
        p = self._cell_patterns
        t = p["space"].sub("", self._numerals.fold(p["foot"].sub("", text)))
        if not t or t in self._EMPTY:
            return None
        sign = Decimal(1)
        m = p["neg"].fullmatch(t)
        if m:
            sign, t = Decimal(-1), m.group("n")
        if p["num"].fullmatch(t):
            return sign * Decimal(t.replace(",", "").replace("，", "").replace("−", "-")), None, Decimal(1)
        m = p["num"].match(t)
        if m and m.end() < len(t) and not self._is_date(t):
            unit = self.known_unit(t[m.end():])  # 60周岁及以上 is a label, not 60 of a unit
            if unit is not None:
                n = Decimal(m.group().replace(",", "").replace("，", "").replace("−", "-"))
                return sign * n, unit[0], unit[1]
        return None

    def _is_date(self, t: str) -> bool:
        """A cell that is a date or a year (``2015年度``, ``2024年1-3月``), a header's text, not a value."""
        periods = self._periods.find_periods(t)
        return bool(self._DOTTED_DATE.search(t)) or any(p.end - p.start >= len(t) - 1 for p in periods)

    def _known_unit(self, text: str) -> tuple[str, Decimal] | None:
        """A unit word the running-text grammar knows (:func:`unit_of` without its fallback)."""
        t = regex.sub(r"\s+", "", self._numerals.fold(text))
        if not t or len(t) > 12 or regex.search(r"\d", t):
            return None
        for money in self._MONEY_WORDS:  # 人民币百万元 → 百万元
            if t.startswith(money) and len(t) > len(money):
                t = t[len(money):]
                break
        got = _probe(self._figures, t)
        if got is not None and _power_of_ten(got[1]):
            return got
        i = 0  # 万千升: the magnitudes first, then the unit (the probe would read 2万千 as 21000)
        while i < len(t) - 1 and t[i] in self._numerals.BIG:
            i += 1
        rest = _probe(self._figures, t[i:]) if i else None
        if rest is not None and _power_of_ten(rest[1]):
            factor = Decimal(1)
            for c in t[:i]:
                factor *= self._numerals.BIG[c]
            return rest[0], rest[1] * factor
        return None

    def _unit_of(self, text: str) -> tuple[str, Decimal] | None:
        """The unit and factor a unit word names: ``亿元`` → ``("元", 1e8)``, ``%``, ``万吨``, ``百分点``.

        The one place a table's unit text is read. It asks the running-text grammar
        (:func:`extract.figures.find_quantities`) what ``2`` followed by the word would be; a word that
        grammar does not know keeps its own name after its magnitude (``亿吨公里`` → 吨公里 × 1e8).
        """
        t = regex.sub(r"\s+", "", self._numerals.fold(text))
        if not t or len(t) > 12 or regex.search(r"\d", t):
            return None
        known = self.known_unit(t)
        if known is not None:
            return known
        factor, i = Decimal(1), 0
        while i < len(t) and t[i] in self._MAGNITUDES:
            factor *= self._MAGNITUDES[t[i]]
            i += 1
        rest = t[i:]
        if rest and regex.fullmatch(r"[\p{Han}A-Za-z/]{1,6}", rest):
            return rest, factor
        return None

    @cached_property
    def _unit_patterns(self) -> tuple[regex.Pattern, regex.Pattern]:
        u = self._T["unit_line"]
        line = regex.compile(
            rf"(?:{alternation(u['cues'])})\s*(?:{alternation(u['separators'])})\s*(?P<u>[^\s，,；;、）)]+)"
        )
        paren = regex.compile(r"[（(](?P<u>[^（()）]*)[）)]\s*$")
        return line, paren

    def header_unit(self, header: str) -> tuple[str, Decimal] | None:
        """The unit a column header states: ``绝对数（亿元）``, ``比上年增长（%）``, ``增长%``, ``单位：万元``."""
        line, paren = self._unit_patterns
        m = line.search(header) or paren.search(header)
        if m:
            return self.unit_of(m.group("u"))
        t = regex.sub(r"\s+", "", header)
        if t[-1:] in ("%", "％", "‰"):
            return self.unit_of(t[-1])
        return None

    def caption_unit(self, caption: str) -> tuple[str, Decimal] | None:
        """The unit a caption or line above a table states (``单位：万元``, ``（货币单位：人民币百万元）``)."""
        units = self.caption_units(caption)
        return units[0] if units else None

    def caption_units(self, caption: str) -> list[tuple[str, Decimal]]:
        """All units a unit line lists: ``单位：万元，%`` → 元 × 1e4 and %."""
        m = self._unit_patterns[0].search(caption)
        if not m:
            return []
        listed = regex.match(r"[^\s；;）)]*", caption[m.start("u"):]).group()
        return [u for u in (self.unit_of(x) for x in regex.split(r"[，,、/]", listed)) if u is not None]

    def row_unit(self, label: str, line_units: list[tuple[str, Decimal]]) -> tuple[str, Decimal] | None:
        """The unit a row label states (``毛利率（%）``, ``基本每股收益（元）``), or the one of several units
        a unit line lists that fits the row (``单位：万元，%``: a ``…率`` row is in %)."""
        m = self._unit_patterns[1].search(label)
        if m:
            known = self.known_unit(m.group("u"))
            if known is not None:
                return known
        if len(line_units) > 1 and self.clean_label(label).endswith(self._RATIO_ENDS):
            return next((u for u in line_units if u[0] == "%"), None)
        return None

    @cached_property
    def _label_patterns(self) -> tuple[regex.Pattern, regex.Pattern]:
        lab = self._T["labels"]
        numbering = self._numerals.expand(lab["numbering"])
        return regex.compile(rf"^(?:{alternation(lab['prefixes'])})+"), regex.compile(numbering)

    def clean_label(self, label: str) -> str:
        """A row label as a metric: no ``#``/``其中：`` marks, numbering, footnotes or layout spaces."""
        prefix, numbering = self._label_patterns
        t = regex.sub(r"\s+", "", self._cell_patterns["foot"].sub("", label))
        m = self._unit_patterns[1].search(t)
        if m and self.known_unit(m.group("u")) is not None:  # 毛利率（%）: the unit is no part of the name
            t = t[:m.start()]
        for _ in range(3):
            t2 = numbering.sub("", prefix.sub("", t))
            if t2 == t:
                break
            t = t2
        return t

    def measure(self, header: str) -> str:
        """What a column measures of its row when it is not the level (``比上年增长（%）`` → ``比上年增长``)."""
        t = regex.sub(r"\s+", "", header)
        t = regex.sub(r"[（(][^（()）]*[）)]|[%％‰]$", "", t)
        if not self._MEASURE.search(t):
            return ""
        for p in self._periods.find_periods(t):
            t = t.replace(t[p.start:p.end], "")
        return self._LEVEL.sub("", t)

    @cached_property
    def _period_words(self) -> tuple[regex.Pattern, regex.Pattern]:
        p = self._T["periods"]
        return regex.compile(alternation(p["current"])), regex.compile(alternation(p["previous"]))

    def column_period(self, header: str, year: int | None) -> str:
        """The period a column header names: a date (``2024年``), or ``本期``/``上年同期`` against ``year``."""
        found = self._periods.find_periods(header, year)
        if found:
            return found[-1].period
        numeric = self._numeric_date(header)
        if numeric:
            return numeric
        current, previous = self._period_words
        t = self._MEASURE.sub("", header)  # 比上年增长 compares with the year before: no period of its own
        if year is None:
            return ""
        if previous.search(t):
            return str(year - 1)
        if current.search(t):
            return str(year)
        return ""

    def _numeric_date(self, header: str) -> str:
        """A date written with dots or dashes (``2015.12.31`` → ``2015-12``), as account headers write it."""
        m = self._DOTTED_DATE.search(header)
        return f"{m.group(1)}-{int(m.group(2)):02d}" if m else ""

    def caption_period(self, caption: str, doc_year: int | None) -> str:
        """The period a caption names (``表1 2023年年末户籍人口`` → ``2023``)."""
        found = self._periods.find_periods(caption, doc_year)
        return found[0].period if found else ""

    def _is_numeric_column(self, table: Table, c: int) -> bool:
        return any(self.cell_value(row[c]) for row in table.rows[table.header:])

    def column_kind(self, header: str, numeric: bool, first: bool = False) -> str:
        """What a column holds, from its header and whether its cells are numbers: ``unit`` (a unit
        column, ``单位``), ``code`` (``科目编码``: its numbers name accounts, they count nothing),
        ``value``, or ``label`` (the first column, and other columns of text)."""
        t = regex.sub(r"\s+", "", header)
        if t in self._UNIT_HEADERS:
            return "unit"
        if self._CODE.search(t):
            return "code"
        return "value" if numeric and not first else "label"

    def _layout(self, table: Table, doc_year: int | None) -> _Layout:
        year_text = self.caption_period(table.caption, doc_year)
        year = int(year_text[:4]) if year_text[:4].isdigit() else doc_year
        width = len(table.rows[0]) if table.rows else 0
        values, labels, unit_col = [], [], None
        first_values = self._first_column_values(table)
        for c in range(width):
            head = _header_text(table, c)
            kind = self.column_kind(head, self._is_numeric_column(table, c), c == 0 and not first_values)
            if kind == "unit":
                unit_col = c
            elif kind == "label":
                labels.append(c)
            elif kind == "value":
                role = "target" if self._TARGET.search(head) else "actual"
                values.append(_Column(c, head, self.header_unit(head), self.measure(head),
                                      self.column_period(head, year), role))
        line_units = self.caption_units(table.caption) or next(
            (u for r in range(table.header) for u in [self.caption_units(" ".join(table.rows[r]))] if u), [])
        sequence = regex.sub(r"\s+", "", _header_text(table, 0)) in self._SEQUENCE_HEADERS
        return _Layout(values, labels, unit_col, sequence, line_units, self.caption_period(table.caption, doc_year),
                       _header_line(table))

    def _first_column_values(self, table: Table) -> bool:
        """The first column holds values, not labels: a table of one row (the labels all in the header),
        its row without text in Chinese, the column's header with it (`合计 预算数`), its number no year."""
        body = table.rows[table.header:]
        han = regex.compile(r"\p{Han}")
        if not table.header or len(body) != 1 or any(han.search(x) for row in body for x in row):
            return False
        head = regex.sub(r"\s+", "", _header_text(table, 0))
        cells = [row[0].strip() for row in body if row[0].strip()]
        return (bool(han.search(head)) and head not in self._SEQUENCE_HEADERS and bool(cells)
                and not all(self._numerals.calendar_year(x) is not None for x in cells))

    def header_rows(self, grid: Sequence[Sequence[str]]) -> int:
        """How many leading rows of ``grid`` are header: those before the first row with a number in a
        column other than the first."""
        for r, row in enumerate(grid):
            if any(self.cell_value(x) for x in row[1:]):
                return r
        return len(grid)

    def _row_label(self, row: Sequence[str], columns: Sequence[int], sequence: bool) -> str:
        """A row's label: the text of its label ``columns``, without the number of a ``序号`` column
        (``1`` | ``刘冀鲁``, or ``1刘冀鲁`` run together in a PDF's text)."""
        parts = _distinct(row[c] for c in columns)
        if sequence and parts:
            parts = parts[1:] if self._SEQUENCE.sub("", parts[0]) == "" or self.cell_value(parts[0]) else \
                [self._SEQUENCE.sub("", parts[0])] + parts[1:]
        return self.clean_label(parts[0]) if parts else ""

    def _block_label(self, row: Sequence[str], c: int, layout: _Layout) -> str:
        """The label of the value in column ``c`` when the table sets blocks side by side (``收入 | 决算数
        | 支出 | 决算数``): the nearest label column left of ``c`` that stands after a value column;
        ``""`` in a table of one block."""
        first = layout.values[0].index
        block = [k for k in layout.labels if first < k < c]
        return self.clean_label(" ".join(row[block[-1]].split())) if block else ""

    def _metric(self, row: Sequence[str], col: _Column, label: str, layout: _Layout) -> str:
        """The row label (of the value's block) plus the column's measure; a row without any label
        takes its column's header without its unit (a one-row table names its values in the header)."""
        name = self._block_label(row, col.index, layout) or label
        if not name:
            return regex.sub(r"[（(][^（()）]*[）)]|\s+", "", col.header)
        return name + col.measure

    def table_figures(self, table: Table, doc: str, *, doc_year: int | None = None, topic: str = "",
                      article: str = "", source: str = "", doc_date: str = "") -> list[Figure]:
        """One :class:`Figure` per numeric cell of ``table`` (offsets from ``table.starts``)."""
        if not table.rows or table.header >= len(table.rows):
            return []
        layout = self._layout(table, doc_year)
        if not layout.values:
            return []
        first_value = layout.values[0].index
        heads = [k for k in layout.labels if k < first_value]
        meta = {"doc": doc, "topic": topic, "article": article, "source": source, "doc_date": doc_date}
        out: list[Figure] = []
        label = ""
        for r in range(table.header, len(table.rows)):
            row = table.rows[r]
            label = self._row_label(row, heads, layout.sequence) or label
            out.extend(self._row_figures(table, r, label, layout, meta))
        return out

    def _row_figures(self, table: Table, r: int, label: str, layout: _Layout, meta: dict) -> list[Figure]:
        """The figures of row ``r``, its label ``label``."""
        row = table.rows[r]
        label_unit = self.row_unit(row[0], layout.line_units)
        column_unit = self.unit_of(row[layout.unit_col]) if layout.unit_col is not None else None
        line_unit = layout.line_units[0] if layout.line_units else None
        sentence = "\n".join(x for x in (table.caption, layout.head_line, " ".join(_distinct(row))) if x)
        out = []
        for col in layout.values:
            got = self.cell_value(row[col.index])
            if got is None:
                continue
            number, own, factor = got
            unit = (own, factor) if own is not None else (col.unit or label_unit or column_unit or line_unit)
            if unit is None:
                continue
            mention = row[col.index].strip()
            start = table.starts[r][col.index]
            start = start + row[col.index].index(mention) if start >= 0 and mention else start
            out.append(Figure(
                **meta, sentence=sentence, mention=mention, value=number * (factor if own is not None else unit[1]),
                value_max=None, unit=unit[0], bound="exact", period=col.period or layout.period, role=col.role,
                metric=self._metric(row, col, label, layout), subject="", start=start,
                end=start + len(mention) if start >= 0 else start,
            ))
        return out

    def is_caption(self, line: str) -> bool:
        """A line that can caption the table below it: short, not the end of a sentence."""
        t = line.strip()
        return bool(t) and len(t) <= self._CAPTION_MAX and not t.endswith(_SENTENCE_END)

    def has_figures(self, grid: Sequence[Sequence[str]]) -> bool:
        """A data table, not a layout table: numbers outside its first column, and more of them than
        cells of running text (which the text path reads)."""
        cells = [x for row in grid for x in row[1:]]
        values = sum(1 for x in cells if self.cell_value(x))
        prose = sum(1 for x in set(cells) if len(x.strip()) > 15 and not self.cell_value(x))
        return values > 0 and values > prose

    def _row_split(self, words: list[_Word]) -> tuple[list[_Word], list[_Word]] | None:
        """A line as ``(label words, value words)`` when it ends in cell values (one a number)."""
        k = len(words)
        while k > 0 and (self.cell_value(words[k - 1].text) is not None or self._bare_empty(words[k - 1].text)):
            k -= 1
        values = words[k:]
        if not values or not any(self.cell_value(w.text) for w in values):
            return None
        return words[:k], values

    def _bare_empty(self, t: str) -> bool:
        return t.strip() in self._EMPTY

    def ruled_ok(self, grid: Sequence[Sequence[Sequence[str]]]) -> bool:
        """A ruled table read cell by cell (``grid``: the word texts of each cell): rows of values, one
        number to a cell, a label in Chinese on most rows of values; a table of one row of values passes
        too when its header names every value (:func:`_headed`). A table whose ruling pdfplumber only
        partly sees (a box round the header, one cell holding a column) fails."""
        numeric = [row for row in grid if any(self.cell_value("".join(ws)) for ws in row[1:])]
        if not numeric or any(sum(1 for w in ws if self.cell_value(w)) > 1 for row in grid for ws in row):
            return False
        labelled = sum(1 for row in numeric if any(regex.search(r"\p{Han}", "".join(ws)) for ws in row))
        if len(numeric) == 1 and self._headed(grid, list(grid).index(numeric[0])):
            return True
        return labelled >= 0.8 * len(numeric)

    def _headed(self, grid: Sequence[Sequence[Sequence[str]]], r: int) -> bool:
        """Every number of row ``r`` stands under header text in Chinese (a one-row table such as the
        `三公经费` table of a 决算, its labels all in the header)."""
        han = regex.compile(r"\p{Han}")
        return r > 0 and all(any(han.search("".join(grid[k][c])) for k in range(r))
                             for c, ws in enumerate(grid[r]) if self.cell_value("".join(ws)))

    def _ruled_table(self, ruled: Ruled, words: list[_Word]) -> tuple[list[list[list[_Word]]], set[int]] | None:
        grid, held = _ruled_grid(ruled, words)
        if not self.ruled_ok([[[w.text for w in ws] for ws in row] for row in grid]):
            return None
        return grid, held

    def _grid_table(self, grid: list[list[list[_Word]]], caption: str, header: int | None = None) -> Table:
        texts = [tuple("".join(w.text for w in ws) for ws in row) for row in grid]
        starts = [tuple(ws[0].start if ws else -1 for ws in row) for row in grid]
        all_words = [w for row in grid for ws in row for w in ws]
        first = min(w.start for w in all_words)
        last = max(all_words, key=lambda w: w.start)
        return Table(tuple(texts), tuple(starts), caption, self.header_rows(texts) if header is None else header,
                     (first, last.start + len(last.text)))

    def _caption_lines(self, above: list[list[_Word]]) -> str:
        """The caption of a table from the lines just above it: up to three short lines, nearest last,
        up to a table mark (``表3 …``)."""
        picked: list[str] = []
        for words in reversed(above[-3:]):
            text = _line_text(words)
            if not self.is_caption(text) or self._row_split(words) is not None:
                break
            picked.insert(0, text)
            if self._CAPTION.match(text):
                break
        return " ".join(picked)

    def _is_label_line(self, words: list[_Word]) -> bool:
        """A line that can be part of a row label wrapped over lines: short Chinese text, no sentence end,
        no note, caption or unit line."""
        text = "".join(w.text for w in words)
        return (0 < len(text) <= 30 and bool(regex.search(r"\p{Han}", text)) and not text.endswith(_SENTENCE_END)
                and not self._NOTE.match(text) and not self._CAPTION.match(text) and not self._UNIT_LINE.match(text))

    def may_hold_table(self, page_text: str) -> bool:
        """A page worth reading word positions for: it has a table caption or rows of numbers."""
        if self._CAPTION_LINE.search(page_text) or self._UNIT_LINE_ANY.search(page_text):
            return True
        return len(_ROW_LINE.findall(page_text)) >= 2

    def _word_tables(self, lines: list[Line]) -> list[Table]:
        """The unruled tables of ``lines`` (lines of consecutive pages)."""
        found, i = [], 0
        while i < len(lines):
            t, i = self._table_at(lines, i)
            if t is not None:
                found.append(t)
        return found

    def _table_at(self, lines: list[Line], i: int) -> tuple[Table | None, int]:
        """The table that line ``i`` opens (a caption, a unit line or a header) and the line after it,
        or ``(None, i + 1)``."""
        opened = self._opening(lines, i)
        if opened is None:
            return None, i + 1
        caption, j = opened
        head, j = self._header_lines(lines, j, caption)
        if head is None or j >= len(lines):
            return None, j
        cells = _header_cells(head)
        if len(cells) < 2:
            return None, j
        body = _Body(self, cells, lines[j][0])
        j = body.read(lines, j)
        if not body.rows:
            return None, j
        grid = [tuple(c[2] for c in cells)] + [tuple(x for x, _ in r) for r in body.rows]
        starts = [tuple(-1 for _ in cells)] + [tuple(s for _, s in r) for r in body.rows]
        first = lines[i][1][0].start
        last = lines[j - 1][1][-1]
        return Table(tuple(grid), tuple(starts), " ".join(caption), 1, (first, last.start + len(last.text))), j

    def _opening(self, lines: list[Line], i: int) -> tuple[list[str], int] | None:
        """``(caption lines, line where the header starts)`` when line ``i`` opens a table: a caption
        (``表3 …``), a header line of its own with rows of numbers under it, or a unit line
        (``单位：万元``) with the short title just above it."""
        text = _line_text(lines[i][1])
        if len(text) > self._CAPTION_MAX:
            return None
        if self._CAPTION.match(text):
            return [text], i + 1
        if self._opens_header(lines, i):
            above = self._title_above(lines, i, i > 0)
            return ([above] if above else []), i
        if self._UNIT_LINE.match(text):
            first_of_page = i < 2 or lines[i - 2][0] != lines[i][0]  # a running page header is no title
            above = self._title_above(lines, i, not first_of_page)
            return ([above, text] if above else [text]), i + 1
        return None

    def _title_above(self, lines: list[Line], i: int, allowed: bool) -> str:
        """The line above line ``i`` on its page when it can title a table (short, no row), else ``""``."""
        if not allowed or i == 0 or lines[i - 1][0] != lines[i][0]:
            return ""
        above = _line_text(lines[i - 1][1])
        return above if self.is_caption(above) and self._row_split(lines[i - 1][1]) is None else ""

    def _header_lines(self, lines: list[Line], j: int, caption: list[str]) -> tuple[list[list[_Word]] | None, int]:
        """The header lines from line ``j`` (up to three, wrapped headers included) and the first body
        line; a unit line before the header joins ``caption``. ``None`` when a new caption comes first."""
        head: list[list[_Word]] = []
        while j < len(lines) and len(head) < 3 and self._row_split(lines[j][1]) is None:
            line = lines[j][1]
            text = _line_text(line)
            if self.caption_unit(text) and not head:
                caption.append(text)
            elif self._CAPTION.match(text):
                return None, j
            elif head and _starts_a_label(line, head):
                break
            else:
                head.append(line)
            j += 1
        return (head or None), j

    def _opens_header(self, lines: list[Line], i: int) -> bool:
        """Line ``i`` heads a table without caption: short words, no values, and within three lines two
        rows follow with the same two or more numbers each."""
        words = lines[i][1]
        if len(words) < 2 or any(len(w.text) > 16 for w in words) or self._row_split(words) is not None:
            return False
        if i > 0 and lines[i - 1][0] == lines[i][0] and self._row_split(lines[i - 1][1]) is not None:
            return False
        return self._rows_follow(lines, i)

    def _rows_follow(self, lines: list[Line], i: int) -> bool:
        """Within three lines after line ``i``, two rows with labels and the same two or more numbers."""
        for k in range(i + 1, min(i + 4, len(lines) - 1)):
            a, b = self._row_split(lines[k][1]), self._row_split(lines[k + 1][1])
            if a is not None:
                return b is not None and bool(a[0]) and bool(b[0]) and len(a[1]) == len(b[1]) >= 2
        return False

    def _grid_row(self, split: tuple[list[_Word], list[_Word]],
                  cells: list[tuple[float, float, str]]) -> list[tuple[str, int]]:
        """One body row laid on the header's columns: ``(text, offset)`` per column."""
        label, values = split
        row: list[tuple[str, int]] = [("", -1)] * len(cells)
        unit_cols = [k for k, c in enumerate(cells) if c[2] in self._UNIT_HEADERS]
        label = _unit_cell(label, cells, unit_cols, row)
        row[0] = ("".join(w.text for w in label), label[0].start if label else -1)
        for w in values:
            k = _column_of(w, cells)
            if k == 0 or row[k][1] >= 0:
                k = next((n for n in range(1, len(cells)) if row[n][1] < 0 and n not in unit_cols), k)
            row[k] = (w.text, w.start)
        return row


def default() -> TableReader:
    """The stage built from the package's own language data."""
    return Lexicon.default().stage(TableReader)


#: the module's public names are those of :func:`default`
__getattr__ = default_names(__name__, default)

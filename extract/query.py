"""The dashboard's questions, asked of DuckDB: filter options, counts, aggregates and pages of rows.

A :class:`Figures` is the indicator table as DuckDB sees it, with the dashboard's helper columns
(``_id``, ``_family``, ``_y0``/``_y1``, ``_when``) computed in SQL. It opens a store written by
``zhibiao DOCS -o corpus.duckdb`` (:meth:`Figures.open_store`: the ``figures`` table is read where
it lies, never loaded whole), a table written as Parquet (:meth:`Figures.open_parquet`: a file or
the folder of parts ``--engine dask`` writes, read in place too) or a table already in memory
(:meth:`Figures.from_frame`: the sample corpus, uploads, an exported CSV), so the dashboard has one
way to ask whatever its data.

Every method takes the sidebar's :class:`extract.view.Filters` (:func:`condition` turns them into
one SQL condition) and returns only what the page shows: a few counts, the bars of a chart, at most
:data:`extract.view.MAX_POINTS` points, one page of the table. Rows come back with the helper
columns the charts and cards of :mod:`extract.view` draw from (``_id``, ``_family``,
``_y0``/``_y1``, ``_when`` and the display columns).
:meth:`Figures.csv_chunks` streams the selected rows as the CSV :func:`extract.table.write_table`
writes, a piece at a time.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from . import safety, units, view
from .record import COLUMNS, ROLES

#: Rows fetched at a time when the selection is streamed (:meth:`Figures.csv_chunks`).
CHUNK_ROWS = 50_000
#: DuckDB's memory for the queries over a store (beyond it, the store's pages are read again from disk).
#: A table in memory is held by DuckDB itself, so it has DuckDB's default (most of the machine's memory).
MEMORY_LIMIT = "512MB"

#: Filters that select every row.
EVERYTHING = view.Filters()

_TEXT = tuple(c for c in COLUMNS if c not in ("value", "value_max", "start", "end"))
_PART = r"(\d{4})(?:-(\d{1,2}))?"
#: What places a row in its document for pairing (every row has them), and what else pairing reads.
_PLACE = ("doc", "topic", "sentence", "mention")
_PAIRED_TEXT = ("role", "metric", "subject", "unit", "period", "bound", "article", "doc_date")


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _year(pattern: str, group: int) -> str:
    return f"TRY_CAST(NULLIF(regexp_extract(period, '{pattern}', {group}), '') AS INTEGER)"


def _periods_sql(source: str) -> str:
    """The table ``periods``: each distinct period's first and last year and the date it is plotted at
    (the last part's month, else January), so no query reads a period's text again."""
    y0, y1, month = _year("^" + _PART, 1), _year(_PART + "$", 1), _year(_PART + "$", 2)
    return f"""
        CREATE TABLE periods AS
        SELECT period, _y0, _y1, CASE WHEN _y1 IS NOT NULL THEN
                   make_timestamp(_y1, greatest(1, least(12, COALESCE(_m, 1))), 1, 0, 0, 0) END AS _when
        FROM (SELECT period, {y0} AS _y0, {y1} AS _y1, {month} AS _m
              FROM (SELECT DISTINCT COALESCE(period, '') AS period FROM {source}))
    """


def _view_sql(source: str, row_id: str = "rowid") -> str:
    """The ``figs`` view: ``_id`` (the row's id: ``row_id`` of ``source``) and the table's columns (text
    never NULL). The helper columns are looked up in ``unit_families`` and ``periods`` by unit and period: a
    condition on them is a semi-join on those small tables (:func:`in_family`, :data:`DATED`), rows get them
    after they are fetched."""
    cols = ", ".join(f"COALESCE({_q(c)}, '') AS {_q(c)}" if c in _TEXT else _q(c) for c in COLUMNS)
    return f"CREATE VIEW figs AS SELECT {row_id} AS _id, {cols} FROM {source}"


#: The SQL type of each numeric column of the table (text columns are VARCHAR).
_NUMERIC_TYPES = {"value": "DOUBLE", "value_max": "DOUBLE", "start": "BIGINT", "end": "BIGINT"}


def parquet_files(path: str | Path) -> list[Path]:
    """The Parquet files of a table: the file itself, or every ``*.parquet`` under a folder (a partitioned
    table, as ``--engine dask`` writes it) except those under a name starting with ``_`` or ``.`` (its
    ``_documents/``, hidden files), in name order."""
    p = Path(path)
    if p.is_file():
        return [p]
    return sorted(f for f in p.rglob("*.parquet") if f.is_file() and not view.is_hidden(f.relative_to(p)))


def stamp(path: str | Path) -> tuple[float, int]:
    """What changes when the data at ``path`` changes: the latest modification time and the total size of a
    store or of a Parquet table's files (raises :class:`OSError` when there is nothing there)."""
    p = Path(path)
    files = parquet_files(p) if p.is_dir() else [p]
    infos = [f.stat() for f in files] or [p.stat()]
    return max(i.st_mtime for i in infos), sum(i.st_size for i in infos)


def in_family(families: int = 1) -> str:
    """The condition "the unit is of one of these families" (``families`` parameters follow)."""
    return f"unit IN (SELECT unit FROM unit_families WHERE family IN ({', '.join('?' * families)}))"


#: The condition "the figure has a period and a metric" (what a chart over time can draw).
DATED = "metric <> '' AND period IN (SELECT period FROM periods WHERE _when IS NOT NULL)"


def condition(f: view.Filters) -> tuple[str, list[Any]]:
    """The SQL condition on ``figs`` that selects what ``f`` selects, and its parameters."""
    parts, params = ["TRUE"], []
    empty = view.empty_label()
    for name, column in view.FILTER_COLUMNS.items():
        chosen = getattr(f, name)
        if chosen and column == "_family":
            parts.append(in_family(len(chosen)))
            params += list(chosen)
        elif chosen:
            parts.append(f"{_q(column)} IN ({', '.join('?' for _ in chosen)})")
            params += ["" if v == empty else v for v in chosen]
    if f.period is not None:
        inside = "(_y0 IS NOT NULL AND _y0 <= ? AND _y1 >= ?)"
        periods = f"({inside} OR _y0 IS NULL)" if f.undated else inside
        parts.append(f"period IN (SELECT period FROM periods WHERE {periods})")
        params += [f.period[1], f.period[0]]
    elif not f.undated:
        parts.append("period IN (SELECT period FROM periods WHERE _y0 IS NOT NULL)")
    for word in f.text.strip().lower().split():
        parts.append("(contains(lower(metric), ?) OR contains(lower(sentence), ?) OR contains(lower(mention), ?))")
        params += [word] * 3
    return " AND ".join(parts), params


def _attach(con: Any, path: str) -> None:
    import duckdb

    try:
        con.execute("ATTACH ? AS store (READ_ONLY)", [path])
    except duckdb.IOException as e:
        if "lock" not in str(e).lower():
            raise ValueError(f"{path}: cannot open the store: {e}") from None
        raise StoreBusy(f"{path}: another process is writing it ({e})") from None


@contextmanager
def _closed_on_failure(con: Any, failure: str) -> Iterator[None]:
    """``con`` closed when the block fails: a :class:`ValueError` passes on, a DuckDB error becomes one that
    starts with ``failure`` (the path, and what could not be done with it)."""
    import duckdb

    try:
        yield
    except duckdb.Error as e:
        con.close()
        raise ValueError(f"{failure}: {e}") from None
    except ValueError:
        con.close()
        raise


def _parquet_view(con: Any, names: list[str]) -> None:
    """The view ``parquet`` over the files ``names``: the table's columns in their types, and ``_row``, a
    row's number in the files taken in order (each file's rows numbered on from the rows before it)."""
    sql = "SELECT num_rows FROM parquet_file_metadata(?) ORDER BY list_position(?, file_name)"
    rows = [int(n) for (n,) in con.execute(sql, [names, names]).fetchall()]
    bases = pd.DataFrame({"filename": names, "base": [sum(rows[:i]) for i in range(len(rows))]})
    con.register("incoming_parts", bases)
    con.execute("CREATE TABLE parts AS SELECT * FROM incoming_parts")
    con.unregister("incoming_parts")
    cols = ", ".join(f"TRY_CAST({_q(c)} AS {_NUMERIC_TYPES.get(c, 'VARCHAR')}) AS {_q(c)}" for c in COLUMNS)
    listed = ", ".join("'" + n.replace("'", "''") + "'" for n in names)
    con.execute(f"CREATE VIEW parquet AS SELECT t.file_row_number + parts.base AS _row, {cols} "
                f"FROM read_parquet([{listed}], union_by_name = true, filename = true, "
                f"file_row_number = true) t JOIN parts USING (filename)")


def _documents_with(docs: list[tuple[str, bool]]) -> list[str]:
    """The documents (as the table writes them) that are one document, for pairing, with a document that
    has a row that can pair: pairing reads a document's name as text, without the white space around it."""
    wanted = {d.strip() for d, has in docs if has}
    return [d for d, _has in docs if d.strip() in wanted]


class StoreBusy(ValueError):
    """The store cannot be read now: another process is writing it (DuckDB lets one process write a
    database, or several read it)."""


class Figures:
    """The indicator table in DuckDB; each method answers one question of the page (thread-safe).

    A store is attached only while a question is asked of it, so an extraction can update it between
    two questions; while one writes it, a question raises :class:`StoreBusy`.
    """

    def __init__(self, con: Any, label: str, store: str | None = None):
        self.con = con
        self.label = label
        self._lock = threading.RLock()
        self._store = store
        self._readers = 0
        self._periods = con.execute("SELECT * FROM periods").df().set_index("period")
        self._families = dict(con.execute("SELECT unit, family FROM unit_families").fetchall())

    # ------------------------------------------------------------------ opening

    @staticmethod
    def _connect(**config: str) -> Any:
        import duckdb

        return duckdb.connect(":memory:", config=config)

    @classmethod
    def open(cls, path: str | Path) -> Figures:
        """The figures at ``path`` read in place: a Parquet table (a ``.parquet`` file or a folder of
        parts: :meth:`open_parquet`), else a store (:meth:`open_store`)."""
        p = Path(path)
        if p.is_dir() or p.suffix.lower() == ".parquet":
            return cls.open_parquet(p)
        return cls.open_store(p)

    @classmethod
    def open_store(cls, path: str | Path) -> Figures:
        """A store's figures, read in place. Raises :class:`ValueError` naming the file and the reason when
        it is no store (missing, not DuckDB, no ``figures`` table, written by another process now)."""

        p = Path(path)
        if not p.is_file():
            raise ValueError(f"{p}: no such file")
        con = cls._connect(memory_limit=MEMORY_LIMIT)
        with _closed_on_failure(con, f"{p}: cannot open the store"):
            _attach(con, str(p))
            tables = {t for (t,) in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = 'store'").fetchall()}
            if "figures" not in tables:
                raise ValueError(f"{p}: not a zhibiao store (no figures table)")
            present = {c for (c,) in con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE database_name = 'store' AND table_name = 'figures'"
            ).fetchall()}
            missing = [c for c in COLUMNS if c not in present]
            if missing:
                raise ValueError(f"{p}: not a zhibiao store (figures has no column {', '.join(missing)})")
            cls._helpers(con, "store.figures")
            figures = cls(con, str(p), store=str(p))
            con.execute("DETACH store")
        return figures

    @classmethod
    def open_parquet(cls, path: str | Path) -> Figures:
        """A table written as Parquet — a file, or a folder of parts (``--engine dask``) — read in place:
        ``_id`` is the row's number in the parts taken in name order. Raises :class:`ValueError` naming the
        path and the reason when it is no indicator table (no Parquet files, unreadable, a column missing)."""

        p = Path(path)
        files = parquet_files(p)
        if not files:
            raise ValueError(f"{p}: no Parquet files" if p.is_dir() else f"{p}: no such file")
        con = cls._connect(memory_limit=MEMORY_LIMIT)
        with _closed_on_failure(con, f"{p}: cannot read the Parquet table"):
            names = [str(f) for f in files]
            scan = con.execute("SELECT * FROM read_parquet(?, union_by_name = true) LIMIT 0", [names])
            missing = [c for c in COLUMNS if c not in {d[0] for d in scan.description}]
            if missing:
                raise ValueError(f"{p}: not an indicator table (no column {', '.join(missing)})")
            _parquet_view(con, names)
            cls._helpers(con, "parquet", row_id="_row")
            return cls(con, str(p))

    @classmethod
    def from_frame(cls, df: pd.DataFrame, label: str = "") -> Figures:
        """A table in memory (the table's columns), copied into DuckDB; ``_id`` is its row number."""
        con = cls._connect()
        table = view.normalise(df)
        con.register("incoming", table)
        con.execute("CREATE TABLE frame AS SELECT * FROM incoming")
        con.unregister("incoming")
        cls._helpers(con, "frame")
        return cls(con, label)

    @staticmethod
    def _helpers(con: Any, source: str, row_id: str = "rowid") -> None:
        """The tables of each unit's family and each period's years, and the view ``figs`` over ``source``.
        The unit model's family of every unit the table holds is the table ``unit_families``."""
        present = [u for (u,) in con.execute(f"SELECT DISTINCT unit FROM {source} WHERE unit IS NOT NULL").fetchall()]
        fams = pd.DataFrame({"unit": pd.Series(present, dtype=object),
                             "family": pd.Series([units.family(u) for u in present], dtype=object)})
        con.register("incoming_units", fams)
        con.execute("CREATE TABLE unit_families AS SELECT * FROM incoming_units")
        con.unregister("incoming_units")
        con.execute(_periods_sql(source))
        con.execute(_view_sql(source, row_id))

    def close(self) -> None:
        """Close the database."""
        self.con.close()

    # ------------------------------------------------------------------ asking

    @contextmanager
    def reading(self) -> Iterator[None]:
        """The store attached while this lasts (each question attaches it if it is not: one page's
        questions can share one attachment, and DuckDB's cache with it)."""
        if self._store is None:
            yield
            return
        with self._lock:
            if not self._readers:
                _attach(self.con, self._store)
            self._readers += 1
        try:
            yield
        finally:
            with self._lock:
                self._readers -= 1
                if not self._readers:
                    self.con.execute("DETACH store")

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self._lock, self.reading():
            return self.con.execute(sql, list(params)).fetchall()

    def _df(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        with self._lock, self.reading():
            return self.con.execute(sql, list(params)).df()

    def _where(self, f: view.Filters, extra: str = "", extra_params: Sequence[Any] = ()) -> tuple[str, list[Any]]:
        cond, params = condition(f)
        if extra:
            cond, params = f"{cond} AND ({extra})", [*params, *extra_params]
        return cond, params

    def count(self, f: view.Filters = EVERYTHING, extra: str = "", params: Sequence[Any] = ()) -> int:
        """How many rows ``f`` (and the SQL condition ``extra``) select."""
        cond, p = self._where(f, extra, params)
        return int(self._all(f"SELECT count(*) FROM figs WHERE {cond}", p)[0][0])

    def summary(self, f: view.Filters = EVERYTHING) -> dict[str, Any]:
        """Rows, documents and rows of each role that ``f`` selects: ``{"rows", "docs", "roles"}``."""
        cond, p = self._where(f)
        got = self._all(f"SELECT role, grouping(role), count(*), count(DISTINCT doc) FROM figs WHERE {cond} "
                        "GROUP BY GROUPING SETS ((role), ())", p)
        n, docs = next(((n, d) for _r, whole, n, d in got if whole), (0, 0))
        roles = {r: int(n) for r, whole, n, _d in got if not whole}
        return {"rows": int(n), "docs": int(docs), "roles": roles}

    def options(self, column: str, f: view.Filters = EVERYTHING, extra: str = "",
                params: Sequence[Any] = (), limit: int | None = None) -> list[str]:
        """The values a filter (or a chart's choice) on ``column`` offers:
        by frequency (first seen first among equals), families and roles in their own order."""
        cond, p = self._where(f, extra, params)
        col = _q("unit" if column == "_family" else column)
        got = [v for (v,) in self._all(
            f"SELECT {col} FROM figs WHERE {cond} GROUP BY {col} ORDER BY count(*) DESC, min(_id)"
            + (f" LIMIT {int(limit)}" if limit and column != "_family" else ""), p)]
        if column == "_family":
            present = {self._families.get(u, "") for u in got}
            return [x for x in view.FAMILIES if x in present]
        if column == "role":
            return [r for r in ROLES if r in set(got)] + sorted(set(got) - set(ROLES))
        if column in view.FILTER_COLUMNS.values():
            return [v if v else view.empty_label() for v in got]
        return got

    def year_range(self) -> tuple[int, int] | None:
        """The first and last year any period names, or ``None``."""
        lo, hi = self._all("SELECT least(min(_y0), min(_y1)), greatest(max(_y0), max(_y1)) FROM periods")[0]
        return None if lo is None else (int(lo), int(hi))

    def bars(self, f: view.Filters, by: str, top: int = 25) -> tuple[pd.DataFrame, int]:
        """:meth:`counts_by` and :meth:`unlabelled` in one query."""
        cond, p = self._where(f)
        g = self._df(f"SELECT {_q(by)} AS value, role, count(*) AS n, min(_id) AS first FROM figs "
                     f"WHERE {cond} GROUP BY ALL", p)
        labelled = g["value"] != ""
        return view.counts_table(g[labelled], by, top), int(g.loc[~labelled, "n"].sum())

    def counts_by(self, f: view.Filters, by: str, top: int = 25) -> pd.DataFrame:
        """Figures per value of ``by`` and role (the ``top`` values,
        the rest as 其他; rows without a value left out)."""
        return self.bars(f, by, top)[0]

    def unlabelled(self, f: view.Filters, by: str) -> int:
        """How many selected rows have no ``by`` value."""
        return self.count(f, f"{_q(by)} = ''")

    def rows(self, f: view.Filters = EVERYTHING, extra: str = "", params: Sequence[Any] = (),
             order: str = "_id", limit: int | None = None, offset: int = 0) -> pd.DataFrame:
        """The selected rows with the helper and display columns (``_id`` the row's id here)."""
        cond, p = self._where(f, extra, params)
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        df = self._df(f"SELECT * FROM figs WHERE {cond} ORDER BY {order}{page}", p)
        df["_family"] = df["unit"].map(self._families).fillna("")
        for c in ("_y0", "_y1", "_when"):
            df[c] = df["period"].map(self._periods[c])
        return view.labelled(df)

    def page(self, f: view.Filters, number: int, size: int, order: str = "_id") -> pd.DataFrame:
        """Page ``number`` (from 0) of the selected rows, ``size`` rows a page, in the table's order (or
        sorted by the SQL ``order``)."""
        return self.rows(f, order=order, limit=size, offset=number * size)

    def by_ids(self, ids: Sequence[int]) -> pd.DataFrame:
        """The rows of these ids (at most a few: the figures picked in a chart)."""
        ids = [int(i) for i in ids]
        if not ids:
            return self.rows(extra="FALSE")
        return self.rows(extra=f"_id IN ({', '.join('?' for _ in ids)})", params=ids)

    def ids_within(self, f: view.Filters, ids: Sequence[int]) -> set[int]:
        """Which of ``ids`` the filters select."""
        ids = [int(i) for i in ids if i >= 0]
        if not ids:
            return set()
        cond, p = self._where(f, "_id IN (SELECT unnest(?::BIGINT[]))", [ids])
        return {int(i) for (i,) in self._all(f"SELECT _id FROM figs WHERE {cond}", p)}

    def docs(self, f: view.Filters) -> set[str]:
        """The documents of the selected rows."""
        cond, p = self._where(f)
        return {d for (d,) in self._all(f"SELECT DISTINCT doc FROM figs WHERE {cond}", p)}

    def headline(self, f: view.Filters, pairs: pd.DataFrame | None = None,
                 summary: dict[str, Any] | None = None) -> list[tuple[str, str, str]]:
        """The cards above the tabs for the selected rows (:func:`extract.view.headline_cards`);
        ``summary`` is their :meth:`summary` when it is at hand."""
        s = summary or self.summary(f)
        units_ = self.options("unit", f, f"role = 'actual' AND {in_family()}", ["money"], limit=1)
        top = None
        if units_:
            best = self.rows(f, "role = 'actual' AND unit = ? AND value IS NOT NULL", [units_[0]],
                             order="value DESC, _id", limit=1)
            top = best.iloc[0].to_dict() if len(best) else None
        return view.headline_cards(s["docs"], s["rows"], s["roles"], pairs, top)

    def series(self, f: view.Filters, unit: str, metric: str) -> tuple[pd.DataFrame, bool, str]:
        """One metric in ``unit`` over time, as :func:`extract.view.series`: its figures, or above
        :data:`extract.view.MAX_POINTS` one median per period and role."""
        extra, params = f"unit = ? AND metric = ? AND {DATED}", [unit, metric]
        cond, p = self._where(f, extra, params)
        rows = self.rows(f, extra, params, limit=view.MAX_POINTS + 1)
        if len(rows) <= view.MAX_POINTS:
            factor, axis_unit = view.axis_scale(rows["value"], unit)
            return view.points(rows, factor), False, axis_unit
        ref = self._all(f"SELECT quantile_disc(abs(value), 0.5) FILTER (value IS NOT NULL) FROM figs WHERE {cond}",
                        p)[0][0]
        factor, axis_unit = view.axis_scale([ref if ref is not None else float("nan")], unit)
        g = self._df(f"SELECT period, role, median(value) AS value, count(*) AS n FROM figs WHERE {cond} "
                     f"GROUP BY ALL", p)
        g.insert(0, "_when", g["period"].map(self._periods["_when"]))
        g = g.sort_values(["_when", "period", "role"], kind="stable").reset_index(drop=True)
        return view.medians(g, unit, factor), True, axis_unit

    def largest(self, f: view.Filters, unit: str, n: int) -> tuple[pd.DataFrame, int]:
        """The ``n`` largest figures in ``unit`` and how many are in it."""
        rows = self.rows(f, "unit = ? AND value IS NOT NULL", [unit], order="value DESC, _id", limit=n)
        return view.largest_points(rows, unit), self.count(f, "unit = ?", [unit])

    # ------------------------------------------------------------------ pairing

    def pairing_groups(self, f: view.Filters = EVERYTHING) -> pd.DataFrame:
        """Each role, metric, subject and unit of the selected rows, with their number ``n`` and ``value``
        1.0 when one of them has a value (else NaN): what decides whether rows can pair
        (:func:`extract.pairing.pairable_rows`)."""
        cond, p = self._where(f)
        return self._df("SELECT role, metric, subject, unit, CASE WHEN bool_or(value IS NOT NULL) THEN 1.0 END "
                        f"AS value, count(*) AS n FROM figs WHERE {cond} GROUP BY ALL ORDER BY min(_id)", p)

    def pairing_rows(self, kept: pd.DataFrame, f: view.Filters = EVERYTHING) -> pd.DataFrame:
        """The selected rows in table order, as pairing needs them: the rows of the ``kept`` groups (role,
        metric, subject, unit) with the columns pairing reads, any other row of a document that has one of
        those with only what places it in its document (``doc``, ``start``, ``topic``, ``sentence``,
        ``mention``, ``value``; its other cells empty); the rows of the other documents not at all. With
        ``_id``; text as categories (each distinct text once, not once a row)."""
        cond, p = self._where(f)
        place = ", ".join(f"{c}::_pairing_{c} AS {c}" for c in _PLACE)
        rest = ", ".join(f"CASE WHEN k THEN {c}::_pairing_{c} END AS {c}" for c in _PAIRED_TEXT)
        groups = "SELECT DISTINCT role, metric, subject, unit, TRUE AS k FROM kept_groups"
        marked = f"SELECT * FROM figs LEFT JOIN ({groups}) USING (role, metric, subject, unit) WHERE {cond}"
        sql = (f"SELECT _id, start, value, CASE WHEN k THEN value_max END AS value_max, {place}, {rest} "
               f"FROM ({marked}) WHERE doc IN (SELECT doc FROM kept_docs) ORDER BY _id")
        with self._lock, self.reading():
            self.con.register("kept_groups", kept.loc[:, ["role", "metric", "subject", "unit"]].astype(str))
            try:
                docs = self.con.execute(f"SELECT doc, bool_or(k IS NOT NULL) FROM ({marked}) GROUP BY doc",
                                        p).fetchall()
                self.con.register("kept_docs", pd.DataFrame({"doc": pd.Series(_documents_with(docs), dtype=object)}))
                for c in _PLACE + _PAIRED_TEXT:
                    self.con.execute(f"CREATE OR REPLACE TYPE _pairing_{c} AS ENUM (SELECT DISTINCT {c} FROM figs)")
                return self.con.execute(sql, p).df()
            finally:
                self.con.unregister("kept_groups")
                self.con.unregister("kept_docs")
                for c in _PLACE + _PAIRED_TEXT:
                    self.con.execute(f"DROP TYPE IF EXISTS _pairing_{c}")

    def pairing_table(self, mapping: Any = None, f: view.Filters = EVERYTHING,
                      limit: int | None = None) -> tuple[pd.DataFrame | None, int]:
        """The selected rows as :meth:`pairing_rows` gives them, keeping whole only the rows that can pair,
        and how many those are; ``None`` instead of the rows when they are more than ``limit``."""
        from . import pairing

        groups = self.pairing_groups(f)
        kept = groups[pairing.pairable_rows(groups, mapping=mapping)] if len(groups) else groups
        n = int(kept["n"].sum())
        if limit is not None and n > limit:
            return None, n
        return self.pairing_rows(kept, f), n

    def actual_candidates(self, unit: str, metric: str, limit: int = 50) -> pd.DataFrame:
        """Actual rows in ``unit`` a user may pair with a goal of ``metric`` instead: the closest metrics
        first (rapidfuzz ratio), then in table order, at most ``limit``, with their row key in ``_key``."""
        from rapidfuzz import fuzz

        from . import pairing

        names = [m for (m,) in self._all("SELECT DISTINCT metric FROM figs WHERE role = 'actual' AND unit = ?",
                                         [unit])]
        scores = pd.DataFrame({"metric": pd.Series(names, dtype=object),
                               "_score": [float(fuzz.ratio(metric, m)) if metric and m else 0.0 for m in names]})
        with self._lock:
            self.con.register("metric_scores", scores)
            try:
                rows = self.rows(extra="role = 'actual' AND unit = ?", params=[unit], limit=limit,
                                 order="(SELECT _score FROM metric_scores s WHERE s.metric = figs.metric) DESC, _id")
            finally:
                self.con.unregister("metric_scores")
        return rows.assign(_key=pairing.row_keys(rows))

    # ------------------------------------------------------------------ downloads
    # ------------------------------------------------------------------ downloads

    def csv_chunks(self, f: view.Filters, chinese: bool = False, rows: int = CHUNK_ROWS) -> Iterator[bytes]:
        """The selected rows as CSV, a piece of ``rows`` rows at a time: the bytes of
        :func:`extract.view.csv_bytes` (what :func:`extract.table.write_table` writes; Chinese headings
        if ``chinese``), never the whole selection in memory."""
        cond, p = self._where(f)
        cols = ", ".join(_q(c) for c in COLUMNS)
        with self.reading():
            with self._lock:
                cursor = self.con.cursor()
            try:
                cursor.execute(f"SELECT {cols} FROM figs WHERE {cond} ORDER BY _id", p)
                first = True
                while True:
                    piece = view.normalise(cursor.fetch_df_chunk(max(1, rows // 2048)))
                    if not first and not len(piece):
                        return
                    if chinese:
                        piece = view.chinese_headers(piece)
                    text = safety.neutralised(piece).to_csv(index=False, header=first, lineterminator="\r\n")
                    yield text.encode("utf-8-sig" if first else "utf-8")
                    first = False
            finally:
                cursor.close()

    def csv_bytes(self, f: view.Filters, chinese: bool = False) -> bytes:
        """:meth:`csv_chunks` joined (what the download button serves)."""
        return b"".join(self.csv_chunks(f, chinese))

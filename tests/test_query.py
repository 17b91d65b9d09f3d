"""The dashboard's DuckDB questions (extract/query.py) give what the pandas view gives on the same table,
over a store written by the command line and over a table in memory."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import frames
import pandas as pd
import pytest

from extract import pairing, query, view
from extract.cli import main
from extract.table import read_table

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "jsvc-2025-01.txt"
GWR = ROOT / "tests" / "fixtures" / "gwr"
EMPTY = view.empty_label()


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("store") / "corpus.duckdb"
    assert main([str(SAMPLE), str(GWR / "gwr-2022.txt"), str(GWR / "gwr-2023.txt"), "-o", str(out), "-q",
                 "-j", "1"]) == 0
    return out


@pytest.fixture(scope="module")
def raw(db) -> pd.DataFrame:
    """The store's figures in its own row order (the order the store's row ids follow)."""
    with duckdb.connect(str(db), read_only=True) as con:
        df = con.execute("SELECT * EXCLUDE (path) FROM figures ORDER BY rowid").df()
    return view.normalise(df)


@pytest.fixture(scope="module")
def table(raw) -> pd.DataFrame:
    return frames.prepare(raw)


@pytest.fixture(scope="module")
def parts(tmp_path_factory, raw) -> Path:
    """The store's figures as a partitioned Parquet table, three parts and a ``_documents/`` part."""
    out = tmp_path_factory.mktemp("parquet") / "figures.parquet"
    (out / "_documents").mkdir(parents=True)
    cut = [0, len(raw) // 3, len(raw) // 2, len(raw)]
    for i in range(3):
        raw.iloc[cut[i]:cut[i + 1]].to_parquet(out / f"part-{i:05d}.parquet", index=False)
    pd.DataFrame({"path": ["x"]}).to_parquet(out / "_documents" / "part-00000.parquet")
    return out


@pytest.fixture(scope="module", params=["store", "frame", "parquet"])
def q(request, db, raw, parts) -> query.Figures:
    figures = {"store": lambda: query.Figures.open(db), "frame": lambda: query.Figures.from_frame(raw),
               "parquet": lambda: query.Figures.open(parts)}[request.param]()
    yield figures
    figures.close()


FILTERS = [
    view.Filters(),
    view.Filters(roles=("target",)),
    view.Filters(roles=("actual", "forecast"), docs=("gwr-2023.txt",)),
    view.Filters(topics=(EMPTY,)),
    view.Filters(families=("percent",)),
    view.Filters(families=("money", "count")),
    view.Filters(period=(2023, 2024)),
    view.Filters(period=(2023, 2024), undated=False),
    view.Filters(undated=False),
    view.Filters(text="增长"),
    view.Filters(text="增长 投资"),
    view.Filters(text="aI"),  # case does not matter
    view.Filters(roles=("target",), period=(2022, 2022), text="增长"),
]


@pytest.mark.parametrize("f", FILTERS, ids=repr)
def test_counts_follow_the_filters_as_in_pandas(q, table, f):
    want = frames.apply_filters(table, f)
    got = q.summary(f)
    assert got["rows"] == q.count(f) == len(want)
    assert got["docs"] == want["doc"].nunique()
    assert got["roles"] == {k: int(v) for k, v in want["role"].value_counts().items()}
    assert set(q.rows(f)["_id"]) == set(want["_id"])


def test_the_filters_select_something(table):
    sizes = [len(frames.apply_filters(table, f)) for f in FILTERS]
    assert sizes[0] > 200 and all(0 < n < sizes[0] for n in sizes[1:])


@pytest.mark.parametrize("column", ["doc", "topic", "source", "article", "_family", "role"])
def test_filter_options_are_the_tables_values_most_frequent_first(q, table, column):
    got = q.options(column)
    assert got == frames.options(table, column) or column not in ("_family", "role")
    assert set(got) == set(frames.options(table, column))
    if column not in ("_family", "role"):
        counts = table[column].replace("", EMPTY).value_counts()
        assert [counts[v] for v in got] == sorted(counts, reverse=True)


def test_years_and_helper_columns_as_prepared(q, table):
    assert q.year_range() == frames.year_range(table)
    got = q.rows().set_index("_id").sort_index()
    want = table.set_index("_id")
    for c in ("_family", "_value_text", "_role", "_badge", "period", "value"):
        assert got[c].tolist() == want[c].tolist(), c
    for c in ("_y0", "_y1"):
        assert got[c].astype("float64").tolist() == pytest.approx(want[c].astype("float64").tolist(), nan_ok=True)
    assert (got["_when"].isna() == want["_when"].isna()).all()
    assert (got["_when"].dropna() == want["_when"].dropna()).all()


@pytest.mark.parametrize(("period", "y0", "y1", "when"), [
    ("2024", 2024, 2024, "2024-01-01"),
    ("2024-03", 2024, 2024, "2024-03-01"),
    ("2021/2025", 2021, 2025, "2025-01-01"),
    ("2024-2025", 2024, 2025, "2025-01-01"),
    ("2024-13", 2024, 2024, "2024-12-01"),
    ("", None, None, None),
    ("十四五", None, None, None),
])
def test_a_periods_years_and_date(period, y0, y1, when):
    df = view.normalise(pd.DataFrame({"period": [period], "value": [1.0], "unit": ["%"]}))
    row = query.Figures.from_frame(df).rows().iloc[0]
    assert (None if pd.isna(row["_y0"]) else int(row["_y0"])) == y0
    assert (None if pd.isna(row["_y1"]) else int(row["_y1"])) == y1
    assert (None if pd.isna(row["_when"]) else str(row["_when"].date())) == when
    want = frames.prepare(df).iloc[0]
    assert (None if pd.isna(want["_when"]) else str(want["_when"].date())) == when


@pytest.mark.parametrize("f", FILTERS[:6], ids=repr)
@pytest.mark.parametrize("by", ["topic", "source"])
def test_bar_counts_as_in_pandas(q, table, f, by):
    rows = frames.apply_filters(table, f)
    key = ["_role", by]
    got = q.counts_by(f, by, top=1000).sort_values(key).reset_index(drop=True)
    want = frames.counts_by(rows, by, top=1000).sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, want, check_dtype=False)
    assert q.unlabelled(f, by) == frames.unlabelled(rows, by)
    assert len(q.counts_by(f, by, top=3)[by].unique()) <= 4  # three and 其他


def test_series_and_largest_as_in_pandas(q, table):
    unit = "%"
    metric = view.metrics_by_count(table[(table["unit"] == unit) & table["_when"].notna()], limit=1)[0]
    data, aggregated, axis_unit = q.series(view.Filters(), unit, metric)
    want, want_agg, want_unit = view.series(table, unit, metric)
    assert (aggregated, axis_unit) == (want_agg, want_unit)
    assert sorted(data["_id"]) == sorted(want["_id"]) and len(data) > 1
    money = frames.units_by_count(table[table["_family"] == "money"])[0]
    points, total = q.largest(view.Filters(), money, 10)
    assert points["value"].tolist() == frames.largest(table, money, 10)["value"].tolist() and len(points) == 10
    assert total == int((table["unit"] == money).sum())


def test_series_above_the_point_limit_is_medians(monkeypatch, q, table):
    unit = "%"
    metric = view.metrics_by_count(table[(table["unit"] == unit) & table["_when"].notna()], limit=1)[0]
    points = int(((table["unit"] == unit) & (table["metric"] == metric) & table["_when"].notna()).sum())
    assert points >= 2
    monkeypatch.setattr(view, "MAX_POINTS", points - 1)  # one point fewer than the metric has
    got, aggregated, _ = q.series(view.Filters(), unit, metric)
    want, _, _ = view.series(table, unit, metric)
    assert aggregated and len(got) <= points - 1
    assert got["n"].tolist() == want["n"].tolist() and got["value"].tolist() == want["value"].tolist()


def test_headline_cards_as_in_pandas(q, table):
    for f in FILTERS[:5]:
        assert q.headline(f) == frames.headline(frames.apply_filters(table, f))


@pytest.mark.parametrize("f", [FILTERS[0], FILTERS[1], FILTERS[9]], ids=repr)
@pytest.mark.parametrize("chinese", [False, True])
def test_csv_streams_the_bytes_of_the_whole_table(q, table, f, chinese):
    want = view.csv_bytes(frames.apply_filters(table, f), chinese)
    pieces = list(q.csv_chunks(f, chinese, rows=2048))
    assert b"".join(pieces) == want and q.csv_bytes(f, chinese) == want
    assert len(pieces) >= (len(frames.apply_filters(table, f)) // 2048)  # a piece at a time
    if not chinese:
        assert len(read_table(want, "x.csv")) == len(frames.apply_filters(table, f))


def test_pages_ids_and_documents(q, table):
    f = view.Filters(roles=("actual",))
    want = frames.apply_filters(table, f)
    assert q.page(f, 0, 7)["_id"].tolist() == want["_id"].head(7).tolist()
    assert q.page(f, 2, 7)["_id"].tolist() == want["_id"].iloc[14:21].tolist()
    ids = table["_id"].iloc[[0, 5, 9]].tolist()
    assert q.by_ids(ids)["_id"].tolist() == ids and q.by_ids([]).empty
    assert q.ids_within(f, table["_id"].tolist()) == set(want["_id"])
    assert q.docs(view.Filters(docs=("gwr-2022.txt",))) == {"gwr-2022.txt"}


def test_an_empty_table(tmp_path):
    q = query.Figures.from_frame(view.empty_table())
    assert q.summary() == {"rows": 0, "docs": 0, "roles": {}}
    assert q.options("topic") == [] and q.year_range() is None and q.rows().empty
    assert q.csv_bytes(view.Filters()) == view.csv_bytes(view.empty_table())


def test_what_is_no_store_is_said_with_its_name(tmp_path):
    text = tmp_path / "notes.duckdb"
    text.write_text("不是数据库", encoding="utf-8")
    other = tmp_path / "other.duckdb"
    with duckdb.connect(str(other)) as con:
        con.execute("CREATE TABLE t (x INTEGER)")
    half = tmp_path / "half.duckdb"
    with duckdb.connect(str(half)) as con:
        con.execute("CREATE TABLE figures (doc VARCHAR)")
    for path, reason in [(tmp_path / "missing.duckdb", "no such file"), (text, "cannot open the store"),
                         (other, "no figures table"), (half, "figures has no column")]:
        with pytest.raises(ValueError, match=reason) as e:
            query.Figures.open_store(path)
        assert str(path) in str(e.value)


def test_a_parquet_table_is_read_in_place_or_said_why_not(tmp_path, raw, parts):
    one = tmp_path / "one.parquet"
    raw.to_parquet(one, index=False)
    whole, in_parts = query.Figures.open(one), query.Figures.open(parts)
    assert whole.rows().drop(columns="_id").equals(in_parts.rows().drop(columns="_id"))
    assert in_parts.rows()["_id"].tolist() == list(range(len(raw)))
    assert query.stamp(parts)[1] == sum(f.stat().st_size for f in query.parquet_files(parts))
    (tmp_path / "empty").mkdir()
    (tmp_path / "bad.parquet").write_text("不是表", encoding="utf-8")
    pd.DataFrame({"doc": ["a.txt"]}).to_parquet(tmp_path / "narrow.parquet")
    for path, reason in [(tmp_path / "empty", "no Parquet files"), (tmp_path / "missing.parquet", "no such file"),
                         (tmp_path / "bad.parquet", "cannot read the Parquet table"),
                         (tmp_path / "narrow.parquet", "not an indicator table")]:
        with pytest.raises(ValueError, match=reason) as e:
            query.Figures.open(path)
        assert str(path) in str(e.value)


def test_a_store_without_figures_opens(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    db = tmp_path / "one.duckdb"
    assert main([str(tmp_path / "empty.txt"), "-o", str(db), "-q", "-j", "1"]) in (0, 1)
    q = query.Figures.open_store(db)
    assert q.summary()["rows"] == 0 and q.options("doc") == []


def test_a_partitioned_parquet_folder_lists_its_parts_only(monkeypatch, tmp_path):
    out = tmp_path / "_runs" / "out.parquet"  # a folder named with _ may hold it
    (out / "_documents").mkdir(parents=True)
    for p in (out / "part-00000.parquet", out / "_documents" / "part-00000.parquet", out / ".x.parquet"):
        p.write_bytes(b"")
    monkeypatch.setenv(view.DATA_ENV, str(out))
    assert view.corpus_files() == [out / "part-00000.parquet"]


def test_an_open_store_can_be_updated_and_says_when_it_is_being_written(tmp_path):
    (tmp_path / "a.txt").write_text("全年粮食产量7亿吨，增长1.6%。\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    assert main([str(tmp_path / "a.txt"), "-o", str(db), "-q", "-j", "1"]) == 0
    q = query.Figures.open_store(db)
    assert q.count() == 2
    (tmp_path / "b.txt").write_text("市场规模达879亿元。\n", encoding="utf-8")
    rerun = subprocess.run([sys.executable, "-m", "extract", str(tmp_path), "-o", str(db), "-q", "-j", "1"],
                           cwd=ROOT, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr  # the open store did not keep the extractor out
    assert query.Figures.open_store(db).count() == 3
    writer = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('open', flush=True); time.sleep(60)", str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "open"
        with pytest.raises(query.StoreBusy, match="another process is writing it") as e:
            q.count()
        assert str(db) in str(e.value)
    finally:
        writer.kill()
        writer.wait()
    assert q.count() == 3  # read where it lies, once the writer is gone


# --------------------------------------------------------------------------- pairing from the store


@pytest.fixture(scope="module")
def synthetic_store(tmp_path_factory) -> Path:
    """The dashboard benchmark's store, small: real rows repeated over documents, periods and sections."""
    from extract import bench

    out = tmp_path_factory.mktemp("store") / "synthetic.duckdb"
    assert bench.make_store(out, 3000) == 3000
    return out


@pytest.mark.parametrize("store, f", [
    ("db", view.Filters()),
    ("synthetic_store", view.Filters()),
    ("synthetic_store", view.Filters(docs=("doc-00000.txt", "doc-00002.txt", "doc-00003.txt"))),
    ("synthetic_store", view.Filters(roles=("target", "actual"), period=(2015, 2024))),
])
def test_pairs_from_the_rows_that_can_pair_are_those_of_every_row(request, store, f):
    q = query.Figures.open_store(request.getfixturevalue(store))
    every = q.rows(f)  # every selected row, whole, paired in pandas
    table, n = q.pairing_table(None, f)
    assert n < len(table) <= len(every)  # the rows of documents that have rows to pair; fewer are whole
    got = view.pairing_of(table, n)
    want = view.target_pairs(every)
    assert len(want) and (want["status"] != "pending").any()
    pd.testing.assert_frame_equal(got.pairs, want)
    pd.testing.assert_frame_equal(got.series, pairing.track(view.table_columns(every)))


def test_the_rows_that_can_pair_are_counted_and_none_given_beyond_the_limit(db):
    q = query.Figures.open_store(db)
    table, n = q.pairing_table()
    assert (table["role"].notna() & (table["role"] != "")).sum() == n
    at_limit, m = q.pairing_table(limit=n)
    assert m == n and at_limit is not None and len(at_limit) == len(table) == q.count()
    assert q.pairing_table(limit=n - 1) == (None, n)


def test_corrections_offer_the_store_s_actual_rows_of_the_unit_closest_metric_first(db):
    q = query.Figures.open_store(db)
    got = q.actual_candidates("%", "国内生产总值增长", limit=5)
    assert len(got) == 5 and set(got["role"]) == {"actual"} and set(got["unit"]) == {"%"}
    assert got["metric"].iloc[0] == "国内生产总值增长"
    assert got["_key"].tolist() == pairing.row_keys(got).tolist()


def test_a_document_without_a_row_that_can_pair_is_left_out_and_the_pairs_stay_the_same():
    from test_compare import Doc, report_2024, report_2025  # tests/ is on sys.path
    from test_compare import table as frame

    other = Doc(" news.txt ", doc_date="2025-01")  # no goal, and no result of one
    other.fig("3台", 3, "台", metric="机器人销量")
    again = Doc("news.txt", doc_date="2025-01")  # the same document for pairing (its name without spaces)
    again.fig("5.3%", 5.3, "%", metric="国内生产总值增长", sentence="过去一年，国内生产总值增长5.3%。")
    unrelated = Doc("weather.txt", doc_date="2025-01")
    unrelated.fig("30毫米", 0.03, "米", metric="降水量")
    q = query.Figures.from_frame(frame(report_2024(), report_2025(), other, again, unrelated))
    table, n = q.pairing_table()
    assert set(table["doc"]) == {"gov-2024.txt", "gov-2025.txt", " news.txt ", "news.txt"}
    pd.testing.assert_frame_equal(view.pairing_of(table, n).pairs, view.target_pairs(q.rows()))

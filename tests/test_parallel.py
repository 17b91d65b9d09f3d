"""Running over a corpus: -j N writes what -j 1 writes, results stream in order with a bounded
number of documents in flight, a dying worker costs only its document, the progress bar, and the
Dask engine's partitioned Parquet (the local engine's table again)."""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
from pathlib import Path

import pandas as pd
import pytest
from helpers import TEXT

from extract import runner, table
from extract.cli import main
from extract.writers import TableWriter

FORK = pytest.mark.skipif("fork" not in mp.get_all_start_methods(), reason="needs fork")


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    d = tmp_path / "docs"
    (d / "sub").mkdir(parents=True)
    for i in range(8):
        (d / f"n{i}.txt").write_text(TEXT * (i + 1) + f"市场规模达{879 + i}亿元。\n", encoding="utf-8")
    (d / "sub" / "gb.txt").write_bytes("全年粮食产量 7 亿吨，增长 1.6%。\n".encode("gb18030"))
    (d / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    (d / "empty.txt").write_bytes(b"")
    return d


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_j2_writes_the_file_j1_writes_and_write_table_writes(docs: Path, tmp_path: Path, suffix: str) -> None:
    one, two, whole = (tmp_path / f"{n}{suffix}" for n in ("j1", "j2", "whole"))
    assert main([str(docs), "-o", str(one), "-q", "-j", "1"]) == 1
    assert main([str(docs), "-o", str(two), "-q", "-j", "2"]) == 1
    table.write_table(table.run_files([docs]).table, whole)
    assert two.read_bytes() == one.read_bytes()
    if suffix == ".parquet":  # row groups differ; the table does not
        pd.testing.assert_frame_equal(pd.read_parquet(one), pd.read_parquet(whole))
    else:
        assert one.read_bytes() == whole.read_bytes()


def test_errors_are_reported_in_order_whatever_the_pool(docs: Path, tmp_path: Path, capsys) -> None:
    for j in ("1", "2"):
        assert main([str(docs), "-o", str(tmp_path / "o.csv"), "-j", j, "--errors", str(tmp_path / f"e{j}.csv")]) == 1
        err = capsys.readouterr().err.splitlines()
        assert [line.split(": ")[1] for line in err[:-1]] == [str(docs / "broken.pdf"), str(docs / "empty.txt")]
        assert err[-1].startswith("zhibiao: 11 files, 2 failed, 118 figures, ")
    assert (tmp_path / "e1.csv").read_bytes() == (tmp_path / "e2.csv").read_bytes()


def test_writer_pieces_make_the_whole_table(tmp_path: Path) -> None:
    df = table.extract_text(TEXT * 3, doc="x.txt")
    for suffix in (".csv", ".jsonl"):
        with TableWriter(tmp_path / f"p{suffix}") as w:
            for i in range(len(df)):
                w.write(df.iloc[i:i + 1])
        table.write_table(df, tmp_path / f"w{suffix}")
        assert (tmp_path / f"p{suffix}").read_bytes() == (tmp_path / f"w{suffix}").read_bytes()
    with TableWriter(tmp_path / "empty.csv"):
        pass
    assert (tmp_path / "empty.csv").read_text(encoding="utf-8-sig").strip() == ",".join(table.COLUMNS)


def test_stream_keeps_order_and_bounds_the_documents_in_flight(docs: Path) -> None:
    files = [str(f) for f in table.expand_paths([docs])] * 5
    taken = []

    def feed():
        for f in files:
            taken.append(f)
            yield f

    out = []
    for res in runner.extract_stream(feed(), jobs=2):
        out.append(res.path)
        assert len(taken) - len(out) <= 2 * runner.IN_FLIGHT
    assert out == files


def _dies_on_poison(path: str, pause_gc: bool = False) -> runner.DocResult:
    if "poison" in path:
        os._exit(3)  # what the out-of-memory killer does to a worker
    return runner.DocResult(path, error="ok " + Path(path).name)


@FORK
def test_a_worker_that_dies_costs_only_its_document(monkeypatch) -> None:
    monkeypatch.setattr(runner, "extract_path", _dies_on_poison)  # the forked workers inherit it
    paths = [f"/x/{i}.txt" for i in range(6)] + ["/x/poison.txt"] + [f"/x/{i}.txt" for i in range(6, 12)]
    out = list(runner.extract_stream(paths, jobs=2))
    assert [r.path for r in out] == paths
    assert [r.error for r in out if "poison" in r.path] == [runner.WORKER_DIED]
    assert all(r.error.startswith("ok ") for r in out if "poison" not in r.path)


def test_progress_bar_shows_files_figures_and_errors(docs: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    main([str(docs), "-o", str(tmp_path / "o.csv"), "-j", "1"])
    err = capsys.readouterr().err
    assert "11/11" in err and "figures=118" in err and "errors=2" in err and "file/s" in err


def test_no_bar_for_few_files_or_not_a_terminal() -> None:
    assert runner.progress_bar(runner.PROGRESS_FROM - 1) is None
    assert runner.progress_bar(100) is None  # pytest's stderr is no terminal


def test_library_functions_leave_the_garbage_collector_alone(monkeypatch) -> None:
    monkeypatch.setattr(gc, "disable", lambda: pytest.fail("the library paused the GC"))
    assert len(table.extract_text(TEXT)) == 3


def test_jobs_must_be_positive(docs: Path, tmp_path: Path) -> None:
    assert main([str(docs), "-o", str(tmp_path / "o.csv"), "-j", "0"]) == 2
    assert runner.default_jobs() >= 1


# ---------------------------------------------------------------------------------------------
# the Dask engine


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as lc:
        with distributed.Client(lc) as c:
            yield c


def test_dask_engine_writes_the_local_engines_table(client, docs: Path, tmp_path: Path) -> None:
    from extract import cluster

    out = tmp_path / "figures.parquet"
    res = cluster.run([str(docs)], str(out), client=client)
    assert res["files"] == 11 and res["figures"] == 118
    assert sorted(Path(p).name for p, _ in res["errors"]) == ["broken.pdf", "empty.txt"]
    assert main([str(docs), "-o", str(tmp_path / "local.parquet"), "-q"]) == 1
    pd.testing.assert_frame_equal(pd.read_parquet(out), pd.read_parquet(tmp_path / "local.parquet"))
    docs_table = pd.read_parquet(out / "_documents")
    assert docs_table["status"].value_counts().to_dict() == {"ok": 9, "error": 2}
    assert docs_table["figures"].sum() == 118

    import duckdb

    with duckdb.connect() as con:
        n = con.execute(f"SELECT count(*) FROM read_parquet('{out}/*.parquet')").fetchone()[0]
    assert n == 118


def test_dask_engine_extracts_with_the_lexicon_it_is_given(client, tmp_path: Path) -> None:
    from extract import cluster
    from extract.lexicon import Lexicon

    data = (Path(cluster.__file__).parent / "data" / "units.toml").read_text(encoding="utf-8")
    lex = tmp_path / "lex"
    lex.mkdir()
    (lex / "units.toml").write_text(data.replace('words = [\n  "个",', 'words = [\n  "幢", "个",', 1), encoding="utf-8")
    doc = tmp_path / "d.txt"
    doc.write_text("新建居民楼12幢，增长5%。\n", encoding="utf-8")
    out = tmp_path / "l.parquet"
    cluster.run([str(doc)], str(out), client=client, lexicon=Lexicon.from_folder(lex))
    assert pd.read_parquet(out)["mention"].tolist() == ["12幢", "5%"]


def test_dask_engine_reads_fsspec_urls_and_a_rerun_replaces_the_parts(client, docs: Path, tmp_path: Path) -> None:
    from extract import cluster

    out = tmp_path / "u.parquet"
    cluster.run([docs.as_uri()], str(out), client=client)
    first = pd.read_parquet(out)
    cluster.run([(docs / "n0.txt").as_uri()], str(out), client=client)
    assert len(pd.read_parquet(out)) == 4 and len(first) == 118
    assert pd.read_parquet(out)["doc"].unique().tolist() == ["n0.txt"]


def test_dask_engine_that_fails_leaves_the_old_folder_as_it_was(client, docs: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from extract import cluster

    out = tmp_path / "f.parquet"
    cluster.run([str(docs / "n0.txt")], str(out), client=client)
    before = sorted(p.relative_to(out) for p in out.rglob("*"))

    def broken(*a, **k):
        raise OSError("the disk is full")

    monkeypatch.setattr(cluster, "extract_partition", broken)
    with pytest.raises(Exception, match="the disk is full"):
        cluster.run([str(docs)], str(out), client=client)
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert len(pd.read_parquet(out)) == 4
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no staging left


def test_dask_engine_sweeps_a_killed_runs_staging_folder(client, docs: Path, tmp_path: Path) -> None:
    from extract import cluster

    out = tmp_path / "k.parquet"
    (tmp_path / ".k.parquet.999-deadbeef.part" / "_documents").mkdir(parents=True)
    cluster.run([str(docs / "n0.txt")], str(out), client=client)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "docs") == ["k.parquet"]


def test_dask_engine_replaces_no_folder_of_the_users(docs: Path, tmp_path: Path, capsys) -> None:
    pytest.importorskip("distributed")
    out = tmp_path / "mine.parquet"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    assert main([str(docs), "--engine", "dask", "-o", str(out)]) == 2
    assert "holds other files (notes.txt" in capsys.readouterr().err
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_partitions_are_runs_of_consecutive_documents() -> None:
    from extract import cluster

    src = [f"d{i}" for i in range(10)]
    assert cluster.partitions(src, 1) == [["d0", "d1", "d2"], ["d3", "d4", "d5"], ["d6", "d7", "d8"], ["d9"]]
    assert cluster.partitions(src, 8) == [[s] for s in src]
    assert sum(cluster.partitions(src * 300, 1), []) == src * 300
    assert len(cluster.partitions(src * 300, 1)) == 6  # at most PARTITION_FILES each
    assert cluster.partitions([], 4) == []


def test_dask_engine_on_the_command_line_reports_like_the_local_one(docs: Path, tmp_path: Path, capsys,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    from extract import cluster

    monkeypatch.setattr(cluster, "run", lambda *a, **k: {"errors": [("x.txt", "empty file")], "files": 2,
                                                         "figures": 3})
    assert main([str(docs), "--engine", "dask", "-o", str(tmp_path / "x.parquet")]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "zhibiao: x.txt: empty file" and err[1].startswith("zhibiao: 2 files, 1 failed, 3 figures, ")


def test_dask_engine_on_the_command_line_needs_a_parquet_folder(docs: Path, tmp_path: Path, capsys) -> None:
    assert main([str(docs), "--engine", "dask", "-o", str(tmp_path / "x.csv")]) == 2
    assert "partitioned Parquet" in capsys.readouterr().err
    assert main([str(docs), "--scheduler", "tcp://127.0.0.1:8786", "-o", str(tmp_path / "x.csv")]) == 2
    assert "needs --engine dask" in capsys.readouterr().err


def test_the_command_line_pauses_the_collector_and_a_dask_worker_does_not(monkeypatch, tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(TEXT, encoding="utf-8")
    paused = []
    monkeypatch.setattr(gc, "disable", lambda: paused.append(True))
    assert len(runner.extract_path(str(doc)).table) == 3 and paused == []
    list(runner.extract_stream([str(doc)], jobs=1))
    assert paused == [True]

"""The DuckDB store: the same figures as the table, one documents row per file, incremental reruns,
and a run killed midway that leaves a consistent store the next run completes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from extract import COLUMNS, store, table
from extract.bench import make_corpus
from extract.cli import main

ROOT = Path(__file__).resolve().parent.parent
@pytest.fixture
def docs(docs: Path) -> Path:
    (docs / "c.txt").write_bytes("全年粮食产量 7 亿吨，增长 1.6%。\n".encode("gb18030"))
    (docs / "empty.txt").write_bytes(b"")
    return docs


def documents(db: Path) -> pd.DataFrame:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT * FROM documents ORDER BY path").df()


def by_path(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values(["doc", "start"], kind="stable").reset_index(drop=True)


def test_store_holds_the_table_and_one_row_per_document(docs: Path, tmp_path: Path) -> None:
    db = tmp_path / "corpus.duckdb"
    assert main([str(docs), "-o", str(db), "-q", "-j", "2"]) == 1  # empty.txt fails
    figs = store.read_figures(db)
    assert list(figs.columns) == list(COLUMNS)
    pd.testing.assert_frame_equal(by_path(figs), by_path(table.run_files([docs]).table))
    d = documents(db)
    assert [Path(p).name for p in d["path"]] == ["a.txt", "c.txt", "empty.txt", "b.md"]
    assert d["status"].tolist() == ["ok", "ok", "error", "ok"]
    assert d["figures"].tolist() == [3, 2, 0, 1]
    assert d["error"].tolist()[2] == "empty file" and d["error"].isna().sum() == 3
    assert d["format"].tolist() == ["txt", "txt", "txt", "md"]
    assert d["size"].tolist() == [os.path.getsize(p) for p in d["path"]]
    assert d["hash"].tolist() == [store.content_hash(p)[0] for p in d["path"]]
    assert set(d["version"]) == {store.extractor_version()}
    assert d["extracted_at"].notna().all()


def test_rerun_extracts_only_new_and_changed_files(docs: Path, tmp_path: Path, capsys) -> None:
    db = tmp_path / "corpus.duckdb"
    main([str(docs), "-o", str(db)])
    before = documents(db).set_index("path")
    capsys.readouterr()
    main([str(docs), "-o", str(db)])
    assert "4 files, 4 unchanged, 0 figures" in capsys.readouterr().err  # the empty file is not tried again

    (docs / "a.txt").write_text("新增客户 12 家。\n", encoding="utf-8")
    (docs / "new.txt").write_text("增长 3.5%。\n", encoding="utf-8")
    main([str(docs), "-o", str(db)])
    assert "5 files, 3 unchanged, 2 figures" in capsys.readouterr().err
    after = documents(db).set_index("path")
    a, c = str(docs / "a.txt"), str(docs / "c.txt")
    assert after.loc[a, "figures"] == 1 and after.loc[a, "hash"] != before.loc[a, "hash"]
    assert after.loc[c, "extracted_at"] == before.loc[c, "extracted_at"]
    figs = store.read_figures(db)
    assert figs[figs["doc"] == "a.txt"]["mention"].tolist() == ["12 家"]
    pd.testing.assert_frame_equal(by_path(figs), by_path(table.run_files([docs]).table))


def test_a_file_named_twice_is_stored_once(docs: Path, tmp_path: Path) -> None:
    db = tmp_path / "corpus.duckdb"
    main([str(docs), str(docs / "a.txt"), "-o", str(db), "-q"])
    assert len(documents(db)) == 4 and len(store.read_figures(db)) == 6


def test_a_new_extractor_version_extracts_everything_again(docs: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    db = tmp_path / "corpus.duckdb"
    main([str(docs / "a.txt"), str(docs / "c.txt"), "-o", str(db)])
    monkeypatch.setattr(store, "extractor_version", lambda lexicon=None: "9.9.9+test")
    capsys.readouterr()
    main([str(docs / "a.txt"), str(docs / "c.txt"), "-o", str(db)])
    assert "2 files, 5 figures" in capsys.readouterr().err
    assert set(documents(db)["version"]) == {"9.9.9+test"}
    assert len(store.read_figures(db)) == 5


def test_version_names_the_package_and_a_digest_of_the_extractor() -> None:
    v = store.extractor_version()
    assert v.count("+") == 1 and len(v.split("+")[1]) == 12


def consistent(db: Path) -> tuple[int, int]:
    """(documents, figures) of the store, after checking every documents row counts its figures."""
    with duckdb.connect(str(db), read_only=True) as con:
        bad = con.execute("""
            SELECT count(*) FROM documents d FULL JOIN
                (SELECT path, count(*) AS n FROM figures GROUP BY path) f USING (path)
            WHERE d.path IS NULL OR coalesce(f.n, 0) <> d.figures""").fetchone()[0]
        n_docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        n_figs = con.execute("SELECT count(*) FROM figures").fetchone()[0]
    assert bad == 0
    return n_docs, n_figs


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_run_leaves_a_consistent_store_and_the_next_run_completes_it(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 100, 0.8)
    clean = tmp_path / "clean.duckdb"
    assert main([str(corpus), "-o", str(clean), "-q", "-j", "1"]) == 0

    db = tmp_path / "killed.duckdb"
    wal = Path(f"{db}.wal")
    proc = subprocess.Popen([sys.executable, "-m", "extract", str(corpus), "-o", str(db), "-j", "1", "-q"], cwd=ROOT)
    while proc.poll() is None and not (wal.exists() and wal.stat().st_size > 20_000):  # documents committed
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    n_docs, _ = consistent(db)
    assert 0 < n_docs < 100

    assert main([str(corpus), "-o", str(db), "-q", "-j", "2"]) == 0
    assert consistent(db) == consistent(clean)
    pd.testing.assert_frame_equal(store.read_figures(db), store.read_figures(clean))

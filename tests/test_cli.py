"""The command line: formats, folders, stdout, failures reported per file, exit status."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from helpers import TEXT

from extract import COLUMNS
from extract.cli import main


@pytest.fixture
def docs(docs: Path) -> Path:
    (docs / "notes.xyz").write_text("ignored: not a supported suffix", encoding="utf-8")
    return docs


def test_csv_has_bom_and_columns(docs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    assert main([str(docs), "-o", str(out), "-q"]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    df = pd.read_csv(out, encoding="utf-8-sig")
    assert list(df.columns) == list(COLUMNS)
    assert sorted(df["value"]) == [18.7, 2400.0, 87900000000.0, 2000000000000.0]
    assert set(df["doc"]) == {"a.txt", "b.md"}


def test_jsonl_and_parquet(docs: Path, tmp_path: Path) -> None:
    j, p = tmp_path / "out.jsonl", tmp_path / "out.parquet"
    assert main([str(docs / "a.txt"), "-o", str(j), "-q"]) == 0
    rows = [json.loads(line) for line in j.read_text(encoding="utf-8").splitlines()]
    assert [r["mention"] for r in rows] == ["2万亿元", "18.7%", "超 2400 家"]
    assert rows[2]["bound"] == "lower"
    assert main([str(docs / "a.txt"), "-o", str(p), "-q"]) == 0
    assert pd.read_parquet(p)["unit"].tolist() == ["元", "%", "家"]


def test_stdout_csv(docs: Path) -> None:
    r = subprocess.run([sys.executable, "-m", "extract", str(docs / "a.txt"), "-o", "-"],
                       capture_output=True, text=True, encoding="utf-8", check=True)
    assert r.stdout.splitlines()[0] == ",".join(COLUMNS)
    assert len(r.stdout.splitlines()) == 4
    assert "1 files, 3 figures" in r.stderr


def test_failed_file_is_reported_and_others_still_written(docs: Path, tmp_path: Path, capsys) -> None:
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4 this is not really a pdf")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out, errs = tmp_path / "out.csv", tmp_path / "errors.csv"
    status = main([str(docs / "a.txt"), str(bad), str(empty), "-o", str(out), "--errors", str(errs)])
    assert status == 1
    assert len(pd.read_csv(out, encoding="utf-8-sig")) == 3
    err = capsys.readouterr().err
    assert f"{bad}: " in err and f"{empty}: " in err
    table = pd.read_csv(errs, encoding="utf-8-sig")
    assert list(table.columns) == ["file", "reason"]
    assert sorted(table["file"]) == sorted([str(bad), str(empty)])
    assert "2 failed" in err


def test_missing_file(tmp_path: Path, capsys) -> None:
    assert main([str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o.csv")]) == 1
    assert "nope.txt: " in capsys.readouterr().err


def test_unknown_output_format(docs: Path, tmp_path: Path) -> None:
    assert main([str(docs), "-o", str(tmp_path / "out.xlsx")]) == 2


def test_folder_with_a_corrupt_pdf(tmp_path: Path, capsys) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(TEXT, encoding="utf-8")
    (d / "corrupt.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ngarbage")
    out = tmp_path / "out.csv"
    assert main([str(d), "-o", str(out)]) == 1
    df = pd.read_csv(out, encoding="utf-8-sig")
    assert set(df["doc"]) == {"good.txt"} and len(df) == 3
    err = capsys.readouterr().err.splitlines()
    assert [line for line in err if "corrupt.pdf" in line] == [line for line in err if line.startswith(f"zhibiao: {d}")]
    assert any(line.startswith(f"zhibiao: {d / 'corrupt.pdf'}: ") for line in err)


def test_help_lists_the_subcommands(capsys) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for word in ("extract", "compare", "track"):
        assert word in out


@pytest.mark.parametrize("argv", [["extract"], []])
def test_output_defaults_to_stdout(docs: Path, capsys, argv: list[str]) -> None:
    assert main([*argv, str(docs / "a.txt"), "-q"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == ",".join(COLUMNS) and len(out.splitlines()) == 4


def test_progress_bar_for_many_files_on_a_terminal(tmp_path: Path, capsys, monkeypatch) -> None:
    from extract import runner

    for i in range(runner.PROGRESS_FROM):
        (tmp_path / f"d{i}.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main([str(tmp_path), "-o", str(tmp_path / "out.csv"), "-q"]) == 0
    err = capsys.readouterr().err
    assert f"{runner.PROGRESS_FROM}/{runner.PROGRESS_FROM}" in err and "file" in err


GWR = Path(__file__).parent / "fixtures" / "gwr"


def test_track_writes_one_indicators_series(tmp_path: Path) -> None:
    out = tmp_path / "series.csv"
    assert main(["track", str(GWR / "gwr-2022.txt"), str(GWR / "gwr-2023.txt"), "--metric", "GDP增速",
                 "-o", str(out)]) == 0
    s = pd.read_csv(out, encoding="utf-8-sig")
    assert set(s["indicator"]) == {"国内生产总值增长（%）"}
    got = [(r.year, r.kind, r.mention, r.status if isinstance(r.status, str) else "") for r in s.itertuples()]
    assert got == [(2021, "actual", "8.1%", ""), (2022, "actual", "3%", ""), (2022, "target", "5.5%左右", "missed"),
                   (2023, "target", "5%左右", "pending")]


def test_compare_subcommand_on_documents_to_stdout(capsys) -> None:
    assert main(["compare", str(GWR / "gwr-2022.txt"), str(GWR / "gwr-2023.txt")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("metric,subject,period,unit,role,") and "5.5%左右,gwr-2022.txt" in out

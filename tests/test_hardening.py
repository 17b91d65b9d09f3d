"""Hostile input and safe output: formula cells, lossless round trips, limits, atomic writes, folders."""

from __future__ import annotations

import io
import math
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import frames
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import COLUMNS, extract_text, limits, readers, safety, table, view
from extract.cli import main
from extract.writers import TableWriter

CORPUS = sorted(Path("/work/shared/corpus").glob("*.txt")) or sorted((Path(__file__).parent / "fixtures").glob("*.txt"))
TEXT = "2024年，公司完成投资2万亿元，同比增长18.7%；新增客户超2400家。\n"

# ------------------------------------------------------------------ 1. exports that cannot hurt

NEUTRALISE = [
    ("=HYPERLINK(\"http://x\",\"点击\")营业收入", "'=HYPERLINK(\"http://x\",\"点击\")营业收入"),
    ("+1+1", "'+1+1"),
    ("-3.9%", "'-3.9%"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("'=1", "''=1"),  # already quoted by someone: one more, so reading back gives it unchanged
    ("''-2", "'''-2"),
    ("营业收入=2万亿元", "营业收入=2万亿元"),
    ("'引号'", "'引号'"),
    ("", ""),
]


@pytest.mark.parametrize(("cell", "safe"), NEUTRALISE)
def test_neutralise_and_restore(cell: str, safe: str) -> None:
    assert safety.neutralise(cell) == safe
    assert safety.restore(safe) == cell


@given(st.text(alphabet=st.sampled_from("'=+-@\t\r a1中"), max_size=8))
def test_restore_inverts_neutralise(cell: str) -> None:
    assert safety.restore(safety.neutralise(cell)) == cell


def _hostile_table() -> pd.DataFrame:
    df = extract_text("=HYPERLINK(\"http://x\",\"点击\")营业收入增长-3.9%，利润@达到2万亿元。\n+1+1利润\t达到3亿元。",
                      doc="=HYPERLINK(x).txt")
    df.loc[0, "metric"] = "=1+1营业收入"
    return df


def test_xlsx_download_has_no_formula_and_numbers_stay_numbers() -> None:
    import openpyxl

    df = _hostile_table()
    assert (df["value"] < 0).any()  # a real negative number is in the table
    wb = openpyxl.load_workbook(io.BytesIO(view.xlsx_bytes(frames.prepare(df))))
    ws = wb["figures"]
    header = [c.value for c in ws[1]]
    cells = [c for row in ws.iter_rows(min_row=2) for c in row]
    assert cells and not [c.coordinate for c in cells if c.data_type == "f"]
    assert not [c.value for c in cells if isinstance(c.value, str) and c.value and c.value[0] in "=+-@\t\r"]
    values = [row[header.index("value")].value for row in ws.iter_rows(min_row=2)]
    assert sorted(values) == sorted(df["value"].tolist()) and min(values) == -3.9


def test_xlsx_drops_characters_a_workbook_cannot_hold() -> None:
    import openpyxl

    df = extract_text("营业收入\x00达到\x072万亿元。")
    ws = openpyxl.load_workbook(io.BytesIO(view.xlsx_bytes(frames.prepare(df))))["figures"]
    assert any(c.value == "营业收入达到2万亿元。" for row in ws.iter_rows(min_row=2) for c in row)


def test_csv_cells_are_neutralised_and_read_back_unchanged(tmp_path: Path) -> None:
    import csv

    df = _hostile_table()
    out = tmp_path / "x.csv"
    table.write_table(df, out)
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    text_cells = [r[c] for r in rows for c in COLUMNS if c not in ("value", "value_max", "start", "end")]
    assert not [c for c in text_cells if c and c[0] in "=+-@\t\r"]
    assert min(float(r["value"]) for r in rows) == -3.9  # the number column is a plain number
    pd.testing.assert_frame_equal(table.read_table(out), df, check_exact=True)


def _csv_cells(data: bytes) -> list[str]:
    import csv

    return [c for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")) for c in row]


def test_every_csv_download_is_neutralised() -> None:
    from extract import pairing

    goals = extract_text("2024年政府工作报告\n=HYPERLINK(\"x\")今年发展主要预期目标是：国内生产总值增长5%左右。\n",
                         doc="a.txt")
    results = extract_text("2025年政府工作报告\n=1+1过去一年，国内生产总值增长5%。\n", doc="b.txt")
    series = pairing.track(pd.concat([goals, results], ignore_index=True))
    assert series["sentence"].str.startswith("=").all()
    hostile = frames.prepare(_hostile_table())
    for data in (view.csv_bytes(hostile), view.csv_bytes(hostile, chinese=True), view.csv_bytes(series)):
        cells = _csv_cells(data)
        assert any(c.startswith("'=") for c in cells)
        assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r") or (c[:1] == "-" and not _number(c))]


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_compare_on_stdout_is_neutralised(tmp_path: Path) -> None:
    (tmp_path / "2024.txt").write_text(
        "2024年政府工作报告\n=HYPERLINK(\"x\")今年发展主要预期目标是：国内生产总值增长5%左右。\n", encoding="utf-8")
    (tmp_path / "2025.txt").write_text("2025年政府工作报告\n@SUM(1)过去一年，国内生产总值增长5%。\n", encoding="utf-8")
    for command in ("compare", "track"):
        r = subprocess.run([sys.executable, "-m", "extract", command, str(tmp_path), "-o", "-"], capture_output=True,
                           cwd=Path(__file__).parent.parent, check=True)
        cells = _csv_cells(r.stdout)
        assert "'=HYPERLINK(\"x\")今年发展主要预期目标是：国内生产总值增长5%左右。" in cells
        assert "'@SUM(1)过去一年，国内生产总值增长5%。" in cells
        assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]


# ------------------------------------------------------------------ 2. lossless round trips

_CELL = st.text(alphabet=st.sampled_from(list("中文数字，。\"',;\r\n\x00\x1c\x85\u2028\t =+-@😀𠀀ab1 ")), max_size=12)
_FLOAT = st.floats(allow_nan=False, allow_infinity=False, width=64)


@st.composite
def _tables(draw) -> pd.DataFrame:
    n = draw(st.integers(0, 6))
    rows = []
    for _ in range(n):
        row = {c: draw(_CELL) for c in COLUMNS}
        row["value"] = draw(_FLOAT)
        row["value_max"] = draw(st.one_of(st.none(), _FLOAT))
        row["start"], row["end"] = draw(st.integers(0, 2**40)), draw(st.integers(0, 2**40))
        rows.append(row)
    df = pd.DataFrame(rows, columns=list(COLUMNS))
    return table._typed(df)


@pytest.mark.parametrize("suffix", table.TABLE_SUFFIXES)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(df=_tables())
def test_fuzzed_table_round_trips(tmp_path: Path, suffix: str, df: pd.DataFrame) -> None:
    out = tmp_path / f"t{suffix}"
    table.write_table(df, out)
    pd.testing.assert_frame_equal(table.read_table(out), df, check_exact=True)
    pd.testing.assert_frame_equal(table.read_table(out.read_bytes(), out.name), df, check_exact=True)
    pieces = tmp_path / f"pieces{suffix}"  # the corpus runner's writer, a piece at a time
    with TableWriter(pieces) as w:
        for i in range(0, len(df), 4):
            w.write(df.iloc[i:i + 4])
    pd.testing.assert_frame_equal(table.read_table(pieces), df, check_exact=True)


@pytest.mark.parametrize("suffix", table.TABLE_SUFFIXES)
def test_corpus_round_trips(tmp_path: Path, suffix: str) -> None:
    df = table.run_files(CORPUS).table
    df.loc[0, "value"] = 6.214250555141948e16  # every digit of a float survives
    df.loc[1, "sentence"] = "营业收入\r达到2万亿元。\x00"
    out = tmp_path / f"t{suffix}"
    table.write_table(df, out)
    back = table.read_table(out)
    assert len(back) == len(df) > 100
    pd.testing.assert_frame_equal(back, df, check_exact=True)


# ------------------------------------------------------------------ 3. bounded resources


def _docx(path: Path, paragraphs: list[str], pad: int = 0) -> Path:
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    d.save(str(path))
    if pad:  # an extra part that compresses to almost nothing: a small decompression bomb
        with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as z:
            z.writestr("word/padding.xml", b"<a>" + b" " * pad + b"</a>")
    return path


def _pdf(path: Path, pages: int) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica")
    for i in range(pages):
        pdf.add_page()
        pdf.cell(text=f"Page {i}: revenue 25 percent")
    pdf.output(str(path))
    return path


# (make the file, the limits, what the reason says)
LIMITED = [
    ("bomb.docx", lambda p: _docx(p, ["营业收入2万亿元。"], pad=4 * 2**20), limits.Limits(max_unpacked=2**20),
     "unpacks too large (5,0"),
    ("nodes.docx", lambda p: _docx(p, ["增长5%。"] * 500), limits.Limits(max_nodes=1000), "too many XML elements"),
    ("nodes.html", lambda p: p.write_text("<p>增长5%。</p>" * 2000), limits.Limits(max_nodes=1000),
     "too many HTML elements (2,000; the limit is 1,000)"),
    ("pages.pdf", lambda p: _pdf(p, 4), limits.Limits(max_pages=3), "too many pages (4; the limit is 3)"),
    ("chars.pdf", lambda p: _pdf(p, 4), limits.Limits(max_chars=60), "text too long"),
    ("chars.txt", lambda p: p.write_text("增长5%。" * 100), limits.Limits(max_chars=499),
     "text too long (500 characters; the limit is 499)"),
    ("chars.docx", lambda p: _docx(p, ["增长5%。"] * 100), limits.Limits(max_chars=100), "text too long"),
    ("size.txt", lambda p: p.write_bytes(b"1" * (2**20 + 1)), limits.Limits(max_bytes=2**20),
     "file too large (1,048,577 bytes; the limit is 1 MiB)"),
]


@pytest.mark.parametrize(("name", "make", "lim", "reason"), LIMITED, ids=[x[0] for x in LIMITED])
def test_a_document_over_a_limit_is_one_error_and_the_others_are_read(tmp_path: Path, name, make, lim, reason) -> None:
    make(tmp_path / name)
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    res = table.run_files([tmp_path / name, tmp_path / "good.txt"], limits=lim)
    assert [(Path(e.path).name, reason in e.reason) for e in res.errors] == [(name, True)], res.errors
    assert len(str(res.errors[0]).splitlines()) == 1
    assert res.table["mention"].tolist() == ["2万亿元", "18.7%", "超2400家"]
    with limits.applied(limits.Limits()):  # within the default limits the same file reads
        if name != "size.txt":
            assert readers.read_document(tmp_path / name).text


def test_size_limit_message_at_the_boundary(tmp_path: Path) -> None:
    f = tmp_path / "edge.txt"
    f.write_bytes(b"5" * readers.MAX_BYTES)
    assert readers.read_document(f).text  # exactly the limit: read
    with open(f, "ab") as fh:
        fh.write(b"5")
    with pytest.raises(readers.DocumentError) as e:
        readers.read_document(f)
    assert e.value.reason == "file too large (52,428,801 bytes; the limit is 50 MiB)"


def test_limits_are_flags() -> None:
    import argparse

    ap = argparse.ArgumentParser()
    limits.add_arguments(ap)
    got = limits.from_args(ap.parse_args(["--max-file-size", "10M", "--max-unpacked", "1G", "--max-nodes", "5",
                                          "--max-pages", "7", "--max-chars", "9", "--time-budget", "2.5"]))
    assert got == limits.Limits(max_bytes=10 * 2**20, max_unpacked=2**30, max_nodes=5, max_pages=7, max_chars=9,
                                seconds=2.5)
    assert limits.from_args(ap.parse_args([])) == limits.Limits(seconds=limits.CLI_SECONDS)
    assert limits.from_args(ap.parse_args(["--time-budget", "0"])).seconds is None


def _sleepy(text: str, *args, **kwargs):
    if "慢" in text:
        time.sleep(60)
    return _REAL(text, *args, **kwargs)


_REAL = table.figures_of_text


def test_time_budget_turns_a_hang_into_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "slow.txt").write_text("很慢的文档，增长5%。", encoding="utf-8")
    (tmp_path / "z.txt").write_text("市场规模达879亿元。", encoding="utf-8")
    monkeypatch.setattr(table, "figures_of_text", _sleepy)
    t0 = time.monotonic()
    res = table.run_files([tmp_path], limits=limits.Limits(seconds=1.5))
    assert time.monotonic() - t0 < 30
    assert [(Path(e.path).name, e.reason) for e in res.errors] == [
        ("slow.txt", "took longer than its time budget (1.5 s)")]
    assert res.table["mention"].tolist() == ["2万亿元", "18.7%", "超2400家", "879亿元"]


def test_worker_reports_errors_and_a_death() -> None:
    with pytest.raises(readers.DocumentError, match="x.txt: file not found"):
        limits.call_with_budget(readers.read_document, ("x.txt",), 30)
    with pytest.raises(RuntimeError, match="worker process died"):
        limits.call_with_budget(os._exit, (3,), 30)
    assert limits.call_with_budget(sum, ([1, 2],), 30) == 3


# ------------------------------------------------------------------ 4. atomic output


@pytest.mark.parametrize("suffix", table.TABLE_SUFFIXES)
def test_a_failed_write_leaves_the_old_file(tmp_path: Path, suffix: str, monkeypatch: pytest.MonkeyPatch) -> None:
    df = extract_text(TEXT)
    out = tmp_path / f"out{suffix}"
    table.write_table(df.iloc[:1], out)
    old = out.read_bytes()

    def half(df, path):
        Path(path).write_bytes(b"half a fi")
        raise KeyboardInterrupt

    monkeypatch.setitem(table._WRITERS, suffix, half)
    with pytest.raises(KeyboardInterrupt):
        table.write_table(df, out)
    assert out.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


KILLED = """
import os, signal, sys
from pathlib import Path
from extract import extract_text, table
def half(df, path):
    Path(path).write_bytes(b"doc,topic\\r\\nhalf")
    os.kill(os.getpid(), signal.SIGKILL)
table._WRITERS[".csv"] = half
table.write_table(extract_text("增长5%。"), sys.argv[1])
"""


def test_a_kill_during_the_write_leaves_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    df = extract_text(TEXT)
    table.write_table(df, out)
    r = subprocess.run([sys.executable, "-c", KILLED, str(out)], cwd=Path(__file__).parent.parent)
    assert r.returncode == -signal.SIGKILL
    pd.testing.assert_frame_equal(table.read_table(out), df)


SLOW_RUN = """
import sys, time
from extract import cli, runner, writers
real = writers.TableWriter.write
def slow(self, df):
    real(self, df)
    if self._file is not None:
        self._file.flush()
    print("written", flush=True)
    time.sleep(60)
writers.TableWriter.write = slow
runner.WRITE_BATCH = 1
sys.exit(cli.main(sys.argv[1:]))
"""


@pytest.mark.parametrize("suffix", table.TABLE_SUFFIXES)
def test_a_run_killed_while_writing_leaves_the_old_output_and_no_litter(tmp_path: Path, suffix: str) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(3):
        (docs / f"d{i}.txt").write_text(TEXT, encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / f"table{suffix}"
    table.write_table(extract_text("旧的输出增长1%。"), out)
    old = out.read_bytes()
    args = [str(docs), "-o", str(out), "-j", "1", "--time-budget", "0", "-q"]
    proc = subprocess.Popen([sys.executable, "-c", SLOW_RUN, *args], stdout=subprocess.PIPE, text=True,
                            cwd=Path(__file__).parent.parent)
    try:
        assert proc.stdout.readline() == "written\n"  # the first piece is on disk, the run is not done
        [part] = [p for p in out_dir.iterdir() if p != out]
        assert part.name.startswith(f".{out.name}.{proc.pid}.") and part.stat().st_size > 0
        assert out.read_bytes() == old
    finally:
        proc.kill()
        proc.wait()
    assert out.read_bytes() == old  # killed: the old output, whole
    assert main(args) == 0  # the next run puts the new one in place and sweeps the dead run's file away
    assert sorted(out_dir.iterdir()) == [out]
    pd.testing.assert_frame_equal(table.read_table(out), table.run_files([docs]).table)


def test_an_interrupted_run_removes_its_partial_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys) -> None:
    from extract import runner

    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "o" / "t.csv"
    out.parent.mkdir()
    out.write_text("old", encoding="utf-8")

    real = runner.extract_stream

    def interrupted(*args):
        yield from real(*args)
        raise KeyboardInterrupt

    monkeypatch.setattr(runner, "extract_stream", interrupted)
    assert main([str(tmp_path / "a.txt"), "-o", str(out), "-j", "1"]) == 130
    assert capsys.readouterr().err == "zhibiao: interrupted\n"
    assert [p.name for p in out.parent.iterdir()] == ["t.csv"] and out.read_text(encoding="utf-8") == "old"


def test_a_write_error_is_one_line_and_the_old_output_stays(tmp_path: Path, monkeypatch, capsys) -> None:
    from extract import writers

    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "o" / "t.jsonl"
    out.parent.mkdir()
    out.write_text("old", encoding="utf-8")

    def full(self, df):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writers.TableWriter, "write", full)
    assert main([str(tmp_path / "a.txt"), "-o", str(out), "-j", "1", "-q"]) == 2
    assert capsys.readouterr().err == f"zhibiao: {out}: not written: No space left on device\n"
    assert [p.name for p in out.parent.iterdir()] == ["t.jsonl"] and out.read_text(encoding="utf-8") == "old"


def test_a_sweep_leaves_the_files_of_running_writers(tmp_path: Path) -> None:
    out = tmp_path / "t.csv"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()
    names = [f".t.csv.{dead}.abc.part", f".t.csv.{os.getpid()}.abc.part", f".t.csv.{os.getppid()}.x.part",
             ".t.csv.notapid.part", ".u.csv.1.x.part", f".t.csv.{dead}.abc.txt"]
    for n in names:
        (tmp_path / n).write_text("x", encoding="utf-8")
    assert [p.name for p in safety.sweep(out)] == [names[0]]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names[1:])


def test_written_file_has_ordinary_permissions(tmp_path: Path) -> None:
    out = tmp_path / "out.parquet"
    table.write_table(extract_text(TEXT), out)
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


OUTPUT_PROBLEMS = [
    ("/nonexistent/x.csv", "/nonexistent/x.csv: folder '/nonexistent' does not exist"),
    ("{tmp}/x.xlsx", "unknown output format '.xlsx'"),
    ("{tmp}", "unknown output format"),
    ("{tmp}/d.csv", "is a folder"),
    ("{tmp}/f.txt/x.csv", "is not a folder"),
]


@pytest.mark.parametrize("command", [[], ["compare"], ["track"]], ids=["extract", "compare", "track"])
@pytest.mark.parametrize(("out", "message"), OUTPUT_PROBLEMS)
def test_output_path_is_checked_before_any_work(tmp_path: Path, capsys, monkeypatch, command: list[str], out: str,
                                                message: str) -> None:
    from extract import cli

    (tmp_path / "d.csv").mkdir()
    (tmp_path / "f.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.setattr(table, "walk", lambda *a, **k: pytest.fail("work started"))
    monkeypatch.setattr(cli, "read_tables", lambda *a, **k: pytest.fail("work started"))
    prog = " ".join(["zhibiao", *command])
    assert main([*command, str(tmp_path), "-o", out.format(tmp=tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{prog}: ") and message in err and len(err.splitlines()) == 1


def test_the_dask_engines_output_folder_is_checked_before_any_work(tmp_path: Path, capsys, monkeypatch) -> None:
    (tmp_path / "x.parquet").write_text("a file", encoding="utf-8")
    monkeypatch.setattr(table, "walk", lambda *a, **k: pytest.fail("work started"))
    for out, message in [("/nonexistent/x.parquet", "folder '/nonexistent' does not exist"),
                         (f"{tmp_path}/x.parquet", "is a file, not a folder")]:
        assert main([str(tmp_path), "--engine", "dask", "-o", out]) == 2
        assert capsys.readouterr().err == f"zhibiao: {out}: {message}\n"
    assert not Path("/nonexistent").exists()


def test_errors_path_is_checked_too(tmp_path: Path, capsys) -> None:
    assert main([str(tmp_path), "-o", str(tmp_path / "o.csv"), "--errors", "/nonexistent/e.csv"]) == 2
    assert "/nonexistent/e.csv: folder '/nonexistent' does not exist" in capsys.readouterr().err
    assert not (tmp_path / "o.csv").exists()


def test_cli_without_traceback(tmp_path: Path) -> None:
    r = subprocess.run([sys.executable, "-m", "extract", str(tmp_path), "-o", "/nonexistent/x.csv"],
                       capture_output=True, text=True, cwd=Path(__file__).parent.parent)
    assert r.returncode == 2 and "Traceback" not in r.stderr and "does not exist" in r.stderr


# ------------------------------------------------------------------ 5. folders


def test_folder_walk_reports_everything_it_does_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("外部文件增长9%。", encoding="utf-8")
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(TEXT, encoding="utf-8")
    (d / "none.txt").write_text("没有数字的文档。", encoding="utf-8")
    (d / "bad.txt").write_bytes(bytes(range(256)))
    (d / "image.png").write_bytes(b"\x89PNG")
    (d / "out.txt").symlink_to(outside)
    (d / "passwd.txt").symlink_to("/etc/passwd")
    (d / "loop").symlink_to(d)
    (d / "self.txt").symlink_to(d / "self.txt")
    (d / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (d / "same.txt").symlink_to(d / "a.txt")
    os.mkfifo(d / "pipe.txt")
    (d / "sub" / "b.md").write_text("市场规模达879亿元。", encoding="utf-8")
    res = table.run_files([d])
    got = {Path(e.path).name: e.reason for e in [*res.notes, *res.errors]}
    assert got == {
        "bad.txt": "binary or garbled file (control characters in utf-16-le text)" if "utf-16" in got.get(
            "bad.txt", "") else got["bad.txt"],
        "dangling.txt": "skipped: broken symbolic link",
        "image.png": "skipped: unsupported file type '.png'",
        "loop": f"skipped: symbolic link loop (already read as {d})",
        "none.txt": "no figures found",
        "out.txt": f"skipped: symbolic link to {outside}, outside the folder (--follow-links reads it)",
        "passwd.txt": "skipped: symbolic link to /etc/passwd, outside the folder (--follow-links reads it)",
        "pipe.txt": "skipped: not a regular file (named pipe)",
        "same.txt": f"skipped: the same file as {d / 'a.txt'}",
        "self.txt": "skipped: symbolic link loop",
    }
    assert [Path(e.path).name for e in res.errors] == ["bad.txt"]
    assert sorted(set(res.table["doc"])) == ["a.txt", "b.md"]
    # every entry of the folder is in the table or in the errors
    entries = {p.name for p in d.rglob("*") if p.name != "sub"}
    assert entries == set(res.table["doc"]) | set(got)

    followed = table.run_files([d], follow_links=True)
    assert "outside.txt" not in set(followed.table["doc"])  # doc is the link's name
    assert "out.txt" in set(followed.table["doc"])


def test_a_file_named_and_in_a_folder_named_is_read_once(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(TEXT, encoding="utf-8")
    (d / "b.txt").write_text("市场规模达879亿元。", encoding="utf-8")
    (d / "link").symlink_to(d)
    res = table.run_files([d / "a.txt", d, d / "link", d])
    assert res.table["doc"].tolist() == ["a.txt"] * 3 + ["b.txt"]
    assert [(str(n.path), n.reason) for n in res.notes] == [
        (str(d / "a.txt"), f"skipped: the same file as {d / 'a.txt'}"),
        (str(d / "link"), f"skipped: symbolic link loop (already read as {d})"),
        (str(d / "link"), f"skipped: the same folder as {d}"),
        (str(d), f"skipped: the same folder as {d}"),
    ]


def test_an_empty_folder_is_noted(tmp_path: Path, capsys) -> None:
    d = tmp_path / "in"
    (d / "folder.txt").mkdir(parents=True)
    (d / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "none").mkdir()
    errs = tmp_path / "errors.csv"
    assert main([str(d), str(tmp_path / "none"), "-o", str(tmp_path / "o.csv"), "--errors", str(errs), "-q"]) == 0
    assert capsys.readouterr().err.splitlines() == [f"zhibiao: {d / 'folder.txt'}: skipped: empty folder",
                                                    f"zhibiao: {tmp_path / 'none'}: skipped: empty folder"]
    assert pd.read_csv(errs, encoding="utf-8-sig")["reason"].tolist() == ["skipped: empty folder"] * 2


def _without_root_powers() -> list[str] | None:
    """A command prefix that runs a command without the power to read any file (``[]`` for a user who
    never had it), or ``None`` when there is no way to drop it here."""
    import shutil

    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None or subprocess.run([setpriv, "--bounding-set=-dac_override,-dac_read_search", "true"],
                                         capture_output=True).returncode:
        return None
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"]


def test_an_unreadable_file_is_an_error_and_the_others_are_read(tmp_path: Path) -> None:
    prefix = _without_root_powers()
    if prefix is None:
        pytest.skip("running as root without setpriv: every file is readable")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "secret.txt").write_text("营业收入增长9%。", encoding="utf-8")
    (tmp_path / "secret.txt").chmod(0)
    out = tmp_path / "o.csv"
    r = subprocess.run([*prefix, sys.executable, "-m", "extract", str(tmp_path), "-o", str(out), "-q"],
                       capture_output=True, text=True, cwd=Path(__file__).parent.parent)
    assert (r.returncode, r.stderr) == (1, f"zhibiao: {tmp_path / 'secret.txt'}: cannot read: Permission denied\n")
    assert table.read_table(out)["mention"].tolist() == ["2万亿元", "18.7%", "超2400家"]


@pytest.mark.parametrize(("make", "reason"), [
    (lambda p: p.symlink_to(p), "cannot read: Too many levels of symbolic links"),
    (lambda p: p.symlink_to(p.parent / "gone.txt"), "file not found"),
    (lambda p: os.mkfifo(p), "not a regular file (named pipe)"),
])
def test_a_special_file_named_explicitly_is_an_error(tmp_path: Path, capsys, make, reason: str) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    make(tmp_path / "x.txt")
    out = tmp_path / "o.csv"
    assert main([str(tmp_path / "a.txt"), str(tmp_path / "x.txt"), "-o", str(out), "-q"]) == 1
    assert capsys.readouterr().err == f"zhibiao: {tmp_path / 'x.txt'}: {reason}\n"
    assert len(table.read_table(out)) == 3


def test_explicit_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "p.txt")
    with pytest.raises(readers.DocumentError, match=r"not a regular file \(named pipe\)"):
        readers.read_document(tmp_path / "p.txt")


def test_cli_notes_skipped_files_without_failing(tmp_path: Path, capsys) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(TEXT, encoding="utf-8")
    (d / "loop").symlink_to(d)
    errs = tmp_path / "errors.csv"
    assert main([str(d), "-o", str(tmp_path / "o.csv"), "--errors", str(errs)]) == 0
    assert "loop: skipped: symbolic link loop" in capsys.readouterr().err
    assert pd.read_csv(errs, encoding="utf-8-sig")["reason"].str.startswith("skipped").tolist() == [True]


def test_encrypted_pdf_has_a_reason(tmp_path: Path) -> None:
    from fpdf import FPDF
    from fpdf.enums import EncryptionMethod

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica")
    pdf.cell(text="Revenue 25 percent")
    pdf.set_encryption(owner_password="o", user_password="u", encryption_method=EncryptionMethod.RC4)
    pdf.output(str(tmp_path / "locked.pdf"))
    with pytest.raises(readers.DocumentError) as e:
        readers.read_document(tmp_path / "locked.pdf")
    assert e.value.reason == readers.ENCRYPTED


def test_nan_free_numbers() -> None:
    df = extract_text(TEXT)
    assert all(math.isfinite(v) for v in df["value"])

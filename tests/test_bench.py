"""The benchmarks' code paths on tiny inputs (correctness, never timing), and the start-up's imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from extract import bench, readers

ROOT = Path(__file__).resolve().parent.parent


def test_speed_counts_the_figures_and_the_patterns_matches() -> None:
    s = bench.speed(bench.corpus(0.02, bench.DENSE), repeat=1)
    assert s["chars"] >= 20_000 / 3 and s["figures"] > 100 and s["scan_hits"] >= s["figures"] / 2
    assert s["seconds"] > 0 and s["scan_seconds"] > 0


def test_bench_texts_are_the_bundled_documents() -> None:
    assert bench.DENSE.read_text(encoding="utf-8").startswith("中华人民共和国2024年国民经济和社会发展统计公报")
    assert all(p.exists() for p in bench.SOURCES)
    assert len(bench.corpus(0.2).encode("utf-8")) >= 200_000


def test_synthetic_corpus_is_deterministic_real_paragraphs_in_two_encodings(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    size = bench.make_corpus(a, 20, 0.4)
    assert bench.make_corpus(b, 20, 0.4) == size and 400_000 <= size < 450_000
    files = sorted(a.iterdir())
    assert len(files) == 20 and [f.read_bytes() for f in files] == [f.read_bytes() for f in sorted(b.iterdir())]
    paragraphs = {ln for s in bench.SOURCES for ln in s.read_text(encoding="utf-8").splitlines()}
    for f in files:
        text = readers.read_document(f).text
        assert {ln for ln in text.splitlines() if ln.strip()} <= paragraphs
    assert [f.name for f in files if f.read_bytes().decode("utf-8", "replace").count("\ufffd")] == [
        "doc-00009.txt", "doc-00019.txt"]  # GB18030
    assert bench.change_corpus(a, 0.1, 0.4) == 2
    assert sum(x.read_bytes() != y.read_bytes() for x, y in zip(sorted(a.iterdir()), files, strict=True)) == 0
    assert sum(x.read_bytes() != y.read_bytes() for x, y in zip(sorted(a.iterdir()), sorted(b.iterdir()), strict=True)) == 2


def test_corpus_bench_runs_the_command_line_at_both_job_counts_and_reruns() -> None:
    r = bench.corpus_bench(files=20, mb=0.3)
    assert r["files"] == 20 and r["figures"] > 100 and r["identical"] and r["changed"] == 1
    assert r["j1_seconds"] > 0 and r["j2_seconds"] > 0 and r["rerun_seconds"] > 0 and r["peak_rss"] > 0


PROBE = "import sys, runpy\ntry:\n    {}\nexcept SystemExit:\n    pass\nprint(' '.join(sys.modules), file=sys.stderr)"


def loaded_after(statement: str) -> set[str]:
    """The modules a fresh interpreter holds after ``statement``."""
    r = subprocess.run([sys.executable, "-c", PROBE.format(statement)], cwd=ROOT, capture_output=True, text=True,
                       check=True)
    return set(r.stderr.split())


def test_import_and_help_load_neither_pandas_nor_the_patterns() -> None:
    help_ = "sys.argv = ['zhibiao', '--help']; runpy.run_module('extract', run_name='__main__')"
    for mods in (loaded_after("import extract"), loaded_after(help_)):
        assert "extract" in mods
        assert not mods & {"pandas", "extract.figures", "extract.table", "extract.pairing", "duckdb", "pyarrow"}
    assert "extract.cli" in loaded_after(help_)


def test_startup_measures_the_three_commands() -> None:
    s = bench.startup(repeat=1)
    assert set(s) == {"python", "help", "import", "python_cpu", "help_cpu", "import_cpu"}
    assert all(v > 0 for v in s.values())

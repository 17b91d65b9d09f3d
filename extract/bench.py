"""The benchmarks: ``python -m extract.bench [--mb 5]`` and ``python -m extract.bench --corpus``.

Per core (the default): times :func:`extract.extract_text` on two texts of at least ``--mb``
megabytes (UTF-8) — the sample newsletter and the figure-dense statistics communiqué, each
repeated — beside one pass of the figure pattern alone over the same text, and prints characters
and figures per second, microseconds per figure and how many times the pattern's pass the whole
pipeline takes; then the start-up (``python -m extract --help``, ``import extract``) and the
ingestion of ``.txt`` (UTF-8, GB18030) and of a generated PDF.

Corpus (``--corpus``): writes a synthetic corpus into a temporary folder — ``--files`` documents,
``--corpus-mb`` megabytes in all, made of the bundled real documents' paragraphs shuffled, one
in ten in GB18030 — and runs the command line on it into a DuckDB store at ``-j 1`` and at
``-j 2``: files/s, MB/s, the speed-up, the peak memory of the run's processes, and the time of a
rerun after 1 % of the files changed (only those are extracted again).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from . import figures, readers
from .table import extract_text, no_cyclic_gc, run_files

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent / "data" / "jsvc-2025-01.txt"
DENSE = HERE / "bench_data" / "communique-2024.txt"
#: The real documents a synthetic corpus is made of.
SOURCES = (SAMPLE, DENSE, HERE / "bench_data" / "gwr-2022.txt", HERE / "bench_data" / "gwr-2023.txt")
CJK_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)

#: The issue's floors, printed beside the measurements.
FLOORS = {"help_s": 0.3, "import_s": 0.4, "speedup": 1.7, "incremental_share": 0.05, "peak_rss_mb": 1024}


def _best_of(n: int, fn: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(n):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def corpus(mb: float, sample: Path = SAMPLE) -> str:
    """The sample text repeated to at least ``mb`` megabytes of UTF-8."""
    one = sample.read_text(encoding="utf-8")
    reps = max(1, int(mb * 1e6 / len(one.encode("utf-8"))) + 1)
    return one * reps


def _verdict(ok: bool) -> str:
    return "ok" if ok else "NOT MET"


# ---------------------------------------------------------------------------------------------
# per core


def speed(text: str, repeat: int = 3) -> dict:
    """The pipeline and one pass of the figure pattern over ``text``: CPU seconds and counts."""
    with no_cyclic_gc():
        n = len(extract_text(text))
        dt = _best_of(repeat, lambda: extract_text(text))
    scan = figures.default().pattern
    hits = sum(1 for _ in scan.finditer(text))
    dt_scan = _best_of(repeat, lambda: sum(1 for _ in scan.finditer(text)))
    return {"chars": len(text), "mb": len(text.encode("utf-8")) / 1e6, "figures": n, "seconds": dt,
            "scan_hits": hits, "scan_seconds": dt_scan}


def _print_speed(name: str, s: dict) -> None:
    dt, n = s["seconds"], max(s["figures"], 1)
    print(f"{name}: {s['mb']:.1f} MB, {s['chars']:,} characters, {s['figures']:,} figures")
    print(f"  extract_text  {s['chars'] / dt:>12,.0f} chars/s {n / dt:>9,.0f} figures/s {dt / n * 1e6:6.1f} µs/figure")
    ds = max(s["scan_seconds"], 1e-9)
    print(f"  one regex     {s['chars'] / ds:>12,.0f} chars/s {s['scan_hits'] / ds:>9,.0f} matches/s "
          f"(the pipeline takes {dt / ds:.1f}× the pattern's pass)")


def startup(repeat: int = 5) -> dict:
    """Best wall-clock and best CPU seconds of ``python -m extract --help``, ``import extract`` and a
    bare interpreter, each in a fresh process (CPU time is what a busy machine does not inflate)."""
    import resource

    root = str(HERE.parent)
    cmds = {"python": ["-c", "pass"], "help": ["-m", "extract", "--help"], "import": ["-c", "import extract"]}
    out = {}
    for name, args in cmds.items():
        wall = cpu = float("inf")
        for _ in range(repeat):
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run([sys.executable, *args], cwd=root, check=True, stdout=subprocess.DEVNULL)
            wall = min(wall, time.perf_counter() - t0)
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = min(cpu, r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
        out[name], out[f"{name}_cpu"] = wall, cpu
    return out


def make_pdf(text: str, path: Path, pages: int) -> bool:
    """Write ``text`` as a PDF of about ``pages`` pages with a CJK font; False when that cannot be done."""
    try:
        from fpdf import FPDF
    except ImportError:
        return False
    font = next((f for f in CJK_FONTS if Path(f).exists()), None)
    if font is None:
        return False
    pdf = FPDF()
    pdf.add_font("cjk", fname=font)
    pdf.set_font("cjk", size=11)
    lines = [ln for ln in text.splitlines() if ln.strip()]
    per_page = 40
    for i in range(pages):
        pdf.add_page()
        for ln in lines[(i * per_page) % len(lines):][:per_page]:
            ln = ln.replace("\t", " ")
            pdf.cell(0, 6, ln, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return True


def _ingestion(repeat: int, pdf_pages: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        one = SAMPLE.read_text(encoding="utf-8") * 20
        base = _best_of(repeat, lambda: extract_text(one))
        for enc in ("utf-8", "gb18030"):
            p = Path(tmp) / f"sample-{enc}.txt"
            p.write_bytes(one.encode(enc))
            t = _best_of(repeat, lambda p=p: run_files([p]))
            print(f"ingest .txt ({enc}): {t:.3f} s vs extract_text {base:.3f} s: +{(t / base - 1) * 100:.0f}%")
        pdf = Path(tmp) / "sample.pdf"
        if make_pdf(SAMPLE.read_text(encoding="utf-8"), pdf, pdf_pages):
            pages = readers.pdf_pages(pdf)
            t_read = _best_of(1, lambda: readers.read_document(pdf))
            t_all = _best_of(1, lambda: run_files([pdf]))
            print(f"ingest .pdf: {pages} pages, reading {t_read / pages * 1000:.1f} ms/page, "
                  f"with extraction {t_all / pages * 1000:.1f} ms/page")
        else:
            print("ingest .pdf: skipped (needs fpdf2 and a CJK font, e.g. Debian's fonts-wqy-microhei)")


# ---------------------------------------------------------------------------------------------
# corpus


def make_corpus(folder: Path, files: int, mb: float, seed: int = 12, sources: tuple[Path, ...] = SOURCES) -> int:
    """Write ``files`` documents of at least ``mb`` megabytes in all into ``folder``: each keeps the head of
    one real document (its title and date lines) and continues with paragraphs drawn at random from
    all of them; one in ten is GB18030. Returns the bytes written."""
    rng = random.Random(seed)
    heads, paras = _pieces(sources)
    folder.mkdir(parents=True, exist_ok=True)
    total, goal = 0, mb * 1e6
    for i in range(files):
        mean = (goal - total) / (files - i)  # what is left, spread over the documents left
        total += _write_doc(folder, i, rng, rng.choice(heads), paras, mean, at_least=i == files - 1)
    return total


def change_corpus(folder: Path, share: float, mb: float, seed: int = 13, sources: tuple[Path, ...] = SOURCES) -> int:
    """Rewrite ``share`` of the documents :func:`make_corpus` wrote (new paragraphs); how many."""
    rng = random.Random(seed)
    heads, paras = _pieces(sources)
    docs = sorted(folder.glob("doc-*.txt"))
    mean = mb * 1e6 / len(docs)
    picked = rng.sample(docs, max(1, round(len(docs) * share)))
    for f in picked:
        _write_doc(folder, int(f.stem.split("-")[1]), rng, rng.choice(heads), paras, mean)
    return len(picked)


def _pieces(sources: tuple[Path, ...]) -> tuple[list[list[str]], list[str]]:
    docs = [s.read_text(encoding="utf-8").splitlines() for s in sources]
    heads = [[ln for ln in d[:8] if ln.strip()][:3] for d in docs]
    paras = [ln for d in docs for ln in d[8:] if ln.strip()]
    return heads, paras


def _write_doc(folder: Path, i: int, rng: random.Random, head: list[str], paras: list[str], mean: float,
               at_least: bool = False) -> int:
    """Document ``i``: ``head``, then paragraphs to about ``mean`` bytes (0.5–1.5×, or at least ``mean``);
    every tenth in GB18030."""
    enc = "gb18030" if i % 10 == 9 else "utf-8"
    target = mean if at_least else rng.uniform(0.5, 1.5) * mean
    lines, size = list(head) + [""], 0
    while size < target:
        p = rng.choice(paras)
        lines += [p, ""]
        size += len(p.encode(enc)) + 2
    data = "\n".join(lines).encode(enc)
    (folder / f"doc-{i:05d}.txt").write_bytes(data)
    return len(data)


def _tree_rss(pid: int) -> int:
    """Resident memory of a process and its descendants, in bytes (Linux /proc; 0 elsewhere)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                total += next((int(ln.split()[1]) * 1024 for ln in f if ln.startswith("VmRSS:")), 0)
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except (OSError, ValueError):
            continue
    return total


def _cpu_of(pid: int) -> float:
    """CPU seconds a process has used so far (Linux /proc; 0 elsewhere)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def run_cli(args: list[str]) -> tuple[float, int, float, float]:
    """Run ``python -m extract ARGS`` (quiet): wall seconds, the peak resident memory of all its
    processes together (sampled every 20 ms), their CPU seconds and the main process's alone (the
    part that does not run in parallel: reading the results, writing the output)."""
    import resource

    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "extract", *args, "-q"], cwd=str(HERE.parent))
    peak, main_cpu = [0], [0.0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            main_cpu[0] = max(main_cpu[0], _cpu_of(proc.pid))
            time.sleep(0.02)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    status = proc.wait()
    dt = time.perf_counter() - t0
    watcher.join()
    if status not in (0, 1):
        raise RuntimeError(f"python -m extract {' '.join(args)} exited with {status}")
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return dt, peak[0], r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime, main_cpu[0]


def corpus_bench(files: int = 2000, mb: float = 100.0, jobs: tuple[int, int] = (1, 2),
                 changed: float = 0.01, seed: int = 12) -> dict:
    """The corpus benchmark's measurements (see the module docstring), as a dict."""
    import duckdb

    out: dict = {"files": files}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        out["bytes"] = make_corpus(folder, files, mb, seed)
        peak = 0
        for j in jobs:
            dt, rss, cpu, main_cpu = run_cli([str(folder), "-o", str(Path(tmp) / f"j{j}.duckdb"), "-j", str(j)])
            out[f"j{j}_seconds"], out[f"j{j}_cpu"], out[f"j{j}_main_cpu"] = dt, cpu, main_cpu
            peak = max(peak, rss)
        with duckdb.connect() as con:
            a, b = (str(Path(tmp) / f"j{j}.duckdb") for j in jobs)
            con.execute(f"ATTACH '{a}' AS a (READ_ONLY); ATTACH '{b}' AS b (READ_ONLY)")
            cols = "* EXCLUDE (path)"
            out["figures"] = con.execute("SELECT count(*) FROM a.figures").fetchone()[0]
            out["identical"] = con.execute(
                f"SELECT (SELECT count(*) FROM (SELECT {cols} FROM a.figures EXCEPT ALL SELECT {cols} FROM b.figures))"
                f" + (SELECT count(*) FROM (SELECT {cols} FROM b.figures EXCEPT ALL SELECT {cols} FROM a.figures))"
            ).fetchone()[0] == 0
        n_changed = change_corpus(folder, changed, mb, seed + 1)
        out["changed"] = n_changed
        dt, rss, cpu, _ = run_cli([str(folder), "-o", str(Path(tmp) / f"j{jobs[-1]}.duckdb"), "-j", str(jobs[-1])])
        out["rerun_seconds"], out["rerun_cpu"] = dt, cpu
        out["peak_rss"] = max(peak, rss)
    return out


def _print_corpus(r: dict, jobs: tuple[int, int]) -> None:
    mb = r["bytes"] / 1e6
    print(f"corpus: {r['files']:,} files, {mb:.1f} MB, {r['figures']:,} figures "
          f"(tables at -j {jobs[0]} and -j {jobs[1]} identical: {r['identical']})")
    for j in jobs:
        dt = r[f"j{j}_seconds"]
        print(f"  -j {j}: {dt:7.2f} s  {r['files'] / dt:8.1f} files/s  {mb / dt:6.2f} MB/s  "
              f"({r[f'j{j}_cpu']:.1f} s CPU in all processes, {r[f'j{j}_main_cpu']:.1f} s in the main one)")
    sp = r[f"j{jobs[0]}_seconds"] / r[f"j{jobs[1]}_seconds"]
    share = r["rerun_seconds"] / r[f"j{jobs[1]}_seconds"]
    print(f"  speed-up -j {jobs[1]} over -j {jobs[0]}: {sp:.2f} (floor {FLOORS['speedup']} on 2 cores: "
          f"{_verdict(sp >= FLOORS['speedup'])})")
    print(f"  rerun, {r['changed']} files changed: {r['rerun_seconds']:.2f} s ({r['rerun_cpu']:.1f} s CPU) = "
          f"{share:.1%} of the full run "
          f"(floor {FLOORS['incremental_share']:.0%}: {_verdict(share <= FLOORS['incremental_share'])})")
    rss = r["peak_rss"] / 2**20
    print(f"  peak RSS, all processes of a run: {rss:.0f} MB (floor {FLOORS['peak_rss_mb']} MB: "
          f"{_verdict(rss <= FLOORS['peak_rss_mb'])})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m extract.bench", description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=5.0, help="size of each text to extract, in MB (default 5)")
    ap.add_argument("--pdf-pages", type=int, default=20, help="pages of the generated PDF (default 20)")
    ap.add_argument("--repeat", type=int, default=3, help="best of N timed runs (default 3)")
    ap.add_argument("--corpus", action="store_true", help="the corpus benchmark instead (-j 1 and -j 2, rerun)")
    ap.add_argument("--files", type=int, default=2000, help="documents of the synthetic corpus (default 2000)")
    ap.add_argument("--corpus-mb", type=float, default=100.0, help="size of the synthetic corpus in MB (default 100)")
    ap.add_argument("--dashboard", type=int, nargs="?", const=1_000_000, metavar="ROWS",
                    help="the dashboard benchmark instead, on a synthetic store of ROWS figures (default 1,000,000)")
    a = ap.parse_args(argv)

    if a.dashboard:
        print_dashboard(dashboard_bench(a.dashboard))
        return 0
    if a.corpus:
        _print_corpus(corpus_bench(a.files, a.corpus_mb), (1, 2))
        return 0
    for name, path in (("newsletter", SAMPLE), ("statistics communiqué (dense)", DENSE)):
        _print_speed(name, speed(corpus(a.mb, path), a.repeat))
    s = startup()
    print(f"start-up (best of 5, wall and CPU; a bare interpreter takes {s['python']:.3f} s, "
          f"{s['python_cpu']:.3f} s CPU):")
    for key, label in (("help", "python -m extract --help"), ("import", "import extract")):
        floor = FLOORS[f"{key}_s"]
        print(f"  {label:<25} {s[key]:.3f} s, {s[key + '_cpu']:.3f} s CPU (floor {floor} s: "
              f"{_verdict(s[key] <= floor)})")
    _ingestion(a.repeat, a.pdf_pages)
    return 0



# --------------------------------------------------------------------------- the dashboard over a store

#: The dashboard benchmark's floors (a synthetic store of a million figures).
DASHBOARD_FLOORS = {"first_run_s": 5.0, "filter_s": 1.0, "peak_rss_mb": 1024}

# Run in a fresh process: the dashboard headless under Streamlit's AppTest, timed, its own peak memory.
# The first filter change comes at once after the first run,
# the others once the page has settled (a few seconds later, as a reader would make them).
_DASHBOARD_RUN = r"""
import json, resource, sys, time
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[1], default_timeout=600)
if sys.argv[3]:
    at.query_params["tab"] = sys.argv[3]
t0 = time.perf_counter(); at.run(); first = time.perf_counter() - t0
assert not at.exception, at.exception
from extract import view
goals = sum(int(m.value) for m in at.metric if m.label in {view.status_badge(s) for s in view.STATUSES})
indicators = sum(len(s.options) for s in at.selectbox if s.key == "indicator")
warnings = [w.value for w in at.warning]

def change(key, value):
    t0 = time.perf_counter()
    (at.text_input(key=key) if key == "q" else at.multiselect(key=key)).set_value(value).run()
    assert not at.exception, at.exception
    return time.perf_counter() - t0

at_once = change("role", ["target"])
time.sleep(float(sys.argv[2]))
settled = [change("role", ["actual"]), change("topic", [at.multiselect(key="topic").options[0]]),
           change("q", "增长")]
summary = next(c.value for c in at.caption if "/" not in c.value and "，共" in c.value)
print(json.dumps({"first_run": first, "at_once": at_once, "filter_changes": settled, "summary": summary,
                  "warnings": warnings, "goals_shown": goals, "indicators": indicators,
                  "peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
"""


def synthetic_figures(rows: int, seed: int = 7, docs_every: int = 500) -> Iterator:
    """``rows`` figures in pieces of up to 100,000: the rows the bundled real documents give, repeated
    with their values, periods, sections and documents varied (``docs_every`` figures a document)."""
    import numpy as np
    import pandas as pd

    real = run_files(list(SOURCES)).table
    rng = np.random.default_rng(seed)
    topics = np.array(sorted(set(real["topic"])) + [f"栏目{i}" for i in range(30)] + [""])
    sources = np.array(["新华社", "人民日报", "经济参考报", "国家统计局", ""])
    done = 0
    while done < rows:
        n = min(100_000, rows - done)
        piece = real.iloc[rng.integers(0, len(real), n)].reset_index(drop=True)
        ids = np.arange(done, done + n)
        piece["doc"] = [f"doc-{i // docs_every:05d}.txt" for i in ids]
        piece["topic"] = topics[rng.integers(0, len(topics), n)]
        piece["source"] = sources[rng.integers(0, len(sources), n)]
        piece["value"] = piece["value"] * rng.uniform(0.5, 1.5, n)
        years = rng.integers(2010, 2031, n)
        piece["period"] = np.where(piece["period"] == "", "", years.astype(str))
        piece["start"], piece["end"] = ids, ids + 5
        done += n
        yield pd.DataFrame(piece)


def make_store(path: Path, rows: int) -> int:
    """Write a DuckDB store (:mod:`extract.store`'s tables) of ``rows`` synthetic figures; their count."""
    import duckdb

    from . import store
    from .record import COLUMNS

    cols = ", ".join(f'"{c}"' for c in COLUMNS)
    with duckdb.connect(str(path)) as con:
        store.create_tables(con)
        for piece in synthetic_figures(rows):
            con.register("piece", piece)
            con.execute(f'INSERT INTO figures SELECT \'/corpus/\' || doc, {cols} FROM piece')
            con.unregister("piece")
        con.execute("INSERT INTO documents SELECT path, md5(path), 1000, 'txt', 'ok', NULL, count(*), "
                    "now()::TIMESTAMP, '0' FROM figures GROUP BY path")
        return con.execute("SELECT count(*) FROM figures").fetchone()[0]


#: The tabs the benchmark opens the page on ("" is the first, 图表), by the names it prints.
DASHBOARD_TABS = {"charts": "", "targets": "目标与实际", "track": "指标跟踪"}


def dashboard_run(env: dict[str, str], settle: float = 5.0, tab: str = "") -> dict:
    """The dashboard's first run (opened on ``tab``, a tab's label) and four filter changes (one at once,
    three ``settle`` seconds later) under AppTest in a fresh process, with ``env`` naming its data:
    seconds, the summary line it showed last, its warnings, the goals the 目标与实际 tab counted and the
    indicators the 指标跟踪 tab offered, and the process's peak resident memory."""
    import json

    out = subprocess.run([sys.executable, "-c", _DASHBOARD_RUN, str(HERE.parent / "dashboard.py"), str(settle), tab],
                         cwd=str(HERE.parent), env={**os.environ, **env}, capture_output=True, text=True,
                         check=False)
    if out.returncode:
        raise RuntimeError(f"the dashboard failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def dashboard_bench(rows: int = 1_000_000, keep: Path | None = None) -> dict:
    """The dashboard over a store of ``rows`` synthetic figures, and over the same rows as Parquet (read in
    place, and loaded as a table file is)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = keep or Path(tmp)
        db = folder / "figures.duckdb"
        if not db.exists():
            make_store(db, rows)
        parquet = folder / "figures.parquet"
        if not parquet.exists():
            import duckdb

            with duckdb.connect(str(db), read_only=True) as con:
                con.execute(f"COPY (SELECT * EXCLUDE (path) FROM figures) TO '{parquet}' (FORMAT parquet)")
        result = {"rows": rows}
        runs = [("store", {"ZHIBIAO_DB": str(db)}, ""), ("parquet", {"ZHIBIAO_DB": str(parquet)}, ""),
                ("parquet, loaded", {"ZHIBIAO_DATA": str(parquet)}, "")]
        runs += [(f"store, {name}", {"ZHIBIAO_DB": str(db)}, tab) for name, tab in DASHBOARD_TABS.items() if tab]
        for name, env, tab in runs:
            try:
                result[name] = dashboard_run(env, tab=tab)
            except RuntimeError as e:
                result[name] = {"error": str(e)}
        return result


def print_dashboard(r: dict) -> None:
    """The dashboard benchmark's numbers beside its floors."""
    f = DASHBOARD_FLOORS
    print(f"dashboard, {r['rows']:,} synthetic figures (AppTest, a fresh process each; a tab's first run opens "
          "the page on it):")
    for name in [k for k in r if k != "rows"]:
        s = r[name]
        if "error" in s:
            print(f"  {name}: {s['error'].strip().splitlines()[-1]}")
            continue
        worst, rss = max(s["filter_changes"]), s["peak_rss"] / 2**20
        print(f"  {name:<15} first run {s['first_run']:6.2f} s (floor {f['first_run_s']} s: "
              f"{_verdict(s['first_run'] <= f['first_run_s'])}), filter changes "
              f"{', '.join(f'{x:.2f}' for x in s['filter_changes'])} s (floor {f['filter_s']} s: "
              f"{_verdict(worst <= f['filter_s'])}; one right after the first run: {s['at_once']:.2f} s), "
              f"peak RSS {rss:.0f} MB (floor {f['peak_rss_mb']} MB: {_verdict(rss <= f['peak_rss_mb'])})")
        print(f"           {s['summary']}")
        if s.get("goals_shown") or s.get("indicators"):
            print(f"           on opening, with no filter: goals counted {s['goals_shown']:,}, "
                  f"indicators offered: {s['indicators']:,}")
        for w in s.get("warnings", []):
            print(f"           warning on opening: {w}")


if __name__ == "__main__":
    raise SystemExit(main())

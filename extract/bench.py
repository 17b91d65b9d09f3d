"""The benchmark: ``python -m extract.bench [--mb 5] [--pdf-pages 20]``.

Times :func:`extract.extract_text` on the bundled sample corpus repeated to at least ``--mb``
megabytes (UTF-8) and prints characters and figures per second on one core; then times
ingestion: a UTF-8 and a GB18030 ``.txt`` of the same text through :func:`extract.extract_files`
(the share ingestion adds to extraction), and, when fpdf2 and a CJK font are installed, a
generated multi-page PDF (seconds per page).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from . import readers
from .table import extract_text, run_files

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "jsvc-2025-01.txt"
CJK_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)


def _best_of(n: int, fn) -> float:
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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m extract.bench", description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=5.0, help="size of the text to extract, in MB (default 5)")
    ap.add_argument("--pdf-pages", type=int, default=20, help="pages of the generated PDF (default 20)")
    ap.add_argument("--repeat", type=int, default=3, help="best of N timed runs (default 3)")
    a = ap.parse_args(argv)

    text = corpus(a.mb)
    n = len(extract_text(text))
    dt = _best_of(a.repeat, lambda: extract_text(text))
    mb = len(text.encode("utf-8")) / 1e6
    print(f"extract_text: {mb:.1f} MB, {len(text):,} characters, {n:,} figures in {dt:.3f} s CPU")
    print(f"  {len(text) / dt:,.0f} characters/s, {n / dt:,.0f} figures/s (one core)")

    with tempfile.TemporaryDirectory() as tmp:
        one = SAMPLE.read_text(encoding="utf-8") * 20
        base = _best_of(a.repeat, lambda: extract_text(one))
        for enc in ("utf-8", "gb18030"):
            p = Path(tmp) / f"sample-{enc}.txt"
            p.write_bytes(one.encode(enc))
            t = _best_of(a.repeat, lambda p=p: run_files([p]))
            print(f"ingest .txt ({enc}): {t:.3f} s vs extract_text {base:.3f} s: +{(t / base - 1) * 100:.0f}%")
        pdf = Path(tmp) / "sample.pdf"
        if make_pdf(SAMPLE.read_text(encoding="utf-8"), pdf, a.pdf_pages):
            pages = readers.pdf_pages(pdf)
            t_read = _best_of(1, lambda: readers.read_document(pdf))
            t_all = _best_of(1, lambda: run_files([pdf]))
            print(f"ingest .pdf: {pages} pages, reading {t_read / pages * 1000:.1f} ms/page, "
                  f"with extraction {t_all / pages * 1000:.1f} ms/page")
        else:
            print("ingest .pdf: skipped (needs fpdf2 and a CJK font, e.g. Debian's fonts-wqy-microhei)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

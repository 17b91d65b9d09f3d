"""Shared test helpers: a sample document, spans for the meaning tests, a growth ratio for the
linear-time tests, and the dashboard served for the browser tests (their browser is the ``browser``
fixture of ``conftest.py``)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: A document of three figures (``2万亿元``, ``18.7%``, ``超 2400 家``), with layout spaces.
TEXT = "2024 年，公司完成投资 2万亿元，同比增长 18.7%；新增客户超 2400 家。\n"


def spans(sentence: str, mentions: list[str], unit: str = "") -> list[tuple[int, int, str]]:
    """Spans of ``mentions`` found in order in ``sentence``; ``mention|unit`` sets a figure's unit."""
    out, pos = [], 0
    for men in mentions:
        men, _, u = men.partition("|")
        k = sentence.index(men, pos)
        out.append((k, k + len(men), u or unit))
        pos = k + len(men)
    return out


#: A timed sample lasts at least this many CPU seconds: a call quicker than that is timed in a loop of
#: calls, so that the clock's resolution and a stray interruption cannot decide a growth ratio.
MIN_SAMPLE = 0.05


def _sample(fn: Callable[[Any], object], arg: Any, calls: int) -> float:
    t0 = time.process_time()
    for _ in range(calls):
        fn(arg)
    return time.process_time() - t0


def best_time(fn: Callable[[Any], object], arg: Any, repeats: int = 5) -> float:
    """The best of ``repeats`` CPU times of ``fn(arg)``, in seconds (each sample at least
    :data:`MIN_SAMPLE` long, over as many calls as that takes)."""
    calls, dt = 1, _sample(fn, arg, 1)
    while dt < MIN_SAMPLE:
        calls *= 2
        dt = _sample(fn, arg, calls)
    best = dt / calls
    for _ in range(repeats - 1):
        best = min(best, _sample(fn, arg, calls) / calls)
    return best


def growth(fn: Callable[[Any], object], small: Any, large: Any, repeats: int = 5) -> float:
    """How much longer ``fn(large)`` takes than ``fn(small)``: near 2 when ``large`` is twice ``small`` and
    the work is linear, near 4 when it is quadratic. A ratio, never an absolute time, so a busy machine
    cannot fail a test built on it."""
    return best_time(fn, large, repeats) / max(best_time(fn, small, repeats), 1e-9)


#: Four times the input may cost at most this many times the time: linear work gives 4, quadratic 16,
#: so the margin absorbs a machine that is busy while one of the two is timed.
LINEAR_4X = 8.0


def assert_linear(fn: Callable[[Any], object], quarter: Any, whole: Any, repeats: int = 3) -> None:
    """``fn(whole)``, on four times the input of ``fn(quarter)``, grows linearly, not quadratically."""
    ratio = growth(fn, quarter, whole, repeats)
    assert ratio < LINEAR_4X, f"4n/n time ratio {ratio:.2f} (linear: 4, quadratic: 16)"


# --------------------------------------------------------------------------- the dashboard in a browser

#: The system's Chromium the browser tests drive (never a downloaded one).
CHROMIUM = "/usr/bin/chromium"
#: Chromium's flags for a headless run in a container, quiet on the network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_dashboard(folder: Path, env: dict[str, str], *extra: str) -> tuple[subprocess.Popen, Any, str]:
    """``streamlit run dashboard.py`` on a free port with ``env`` added (its log in ``folder/server.log``),
    once it answers its health check: the process, the log file and the URL."""
    port = free_port()
    log = (folder / "server.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none", *extra],
        cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as r:
                if r.status == 200:
                    return proc, log, url
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            stop_dashboard(proc, log)
            raise RuntimeError("streamlit did not start:\n" + (folder / "server.log").read_text())
        time.sleep(0.2)


def stop_dashboard(proc: subprocess.Popen, log: Any) -> None:
    """Stop what :func:`start_dashboard` started."""
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()

"""Shared test helpers: a sample document, spans for the meaning tests, and a growth ratio for the
linear-time tests."""

from __future__ import annotations

import time
from collections.abc import Callable
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


def best_time(fn: Callable[[Any], object], arg: Any, repeats: int = 5) -> float:
    """The best of ``repeats`` CPU times of ``fn(arg)``, in seconds."""
    best = float("inf")
    for _ in range(repeats):
        t0 = time.process_time()
        fn(arg)
        best = min(best, time.process_time() - t0)
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

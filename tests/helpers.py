"""Shared helpers for the meaning tests (periods, roles, metrics, subjects)."""

from __future__ import annotations


def spans(sentence: str, mentions: list[str], unit: str = "") -> list[tuple[int, int, str]]:
    """Spans of ``mentions`` found in order in ``sentence``; ``mention|unit`` sets a figure's unit."""
    out, pos = [], 0
    for men in mentions:
        men, _, u = men.partition("|")
        k = sentence.index(men, pos)
        out.append((k, k + len(men), u or unit))
        pos = k + len(men)
    return out

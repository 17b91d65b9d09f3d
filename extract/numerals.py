"""Chinese and Arabic numerals (placeholder)."""

from __future__ import annotations


def parse_number(s: str) -> float | None:
    return None

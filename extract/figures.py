"""The figure extractors (placeholder until the numeral engine lands)."""

from __future__ import annotations

from .record import Quantity


def find_quantities(text: str) -> list[Quantity]:
    return []

"""What a figure measures, when, whose, and whether it is a goal, a forecast or a result.

(First version: every figure ``actual`` with no period, metric or subject; the meaning issue
fills this in.)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Meaning:
    period: str = ""
    role: str = "actual"
    metric: str = ""
    subject: str = ""


def annotate(sentence: str, spans: list[tuple[int, int, str]], *, doc_year: int | None = None) -> list[Meaning]:
    """One :class:`Meaning` per ``(start, end, unit)`` span of a figure in ``sentence``."""
    return [Meaning() for _ in spans]

"""The pair record: one goal (target or forecast) with the result found for it, and its status."""

from __future__ import annotations

from typing import NamedTuple

from .rows import Row
from .status import is_ceiling, judge

#: The output's columns, in order.
PAIR_COLUMNS: tuple[str, ...] = (
    "metric", "subject", "period", "unit", "role",
    "target_value", "target_bound", "target_mention", "target_doc", "target_sentence",
    "actual_value", "actual_bound", "actual_mention", "actual_doc", "actual_sentence",
    "gap", "gap_pct", "status",
)
#: Columns appended after :data:`PAIR_COLUMNS`: how the period was found, and the rows' keys.
EXTRA_COLUMNS: tuple[str, ...] = ("period_source", "target_key", "actual_key")


class Pair(NamedTuple):
    """A goal and its result; ``gap`` is in the goal's unit, ``gap_pct`` a fraction of the goal.
    Its fields are the output's columns, in order (a pair is a row of :func:`extract.compare`'s table)."""

    metric: str
    subject: str
    period: str
    unit: str
    role: str
    target_value: float
    target_bound: str
    target_mention: str
    target_doc: str
    target_sentence: str
    actual_value: float | None = None
    actual_bound: str = ""
    actual_mention: str = ""
    actual_doc: str = ""
    actual_sentence: str = ""
    gap: float | None = None
    gap_pct: float | None = None
    status: str = "pending"
    period_source: str = ""
    target_key: str = ""
    actual_key: str = ""

    def to_dict(self) -> dict[str, object]:
        """The pair as a row of the output table (:data:`PAIR_COLUMNS` then :data:`EXTRA_COLUMNS`)."""
        return self._asdict()


def make_pair(t: Row, a: Row | None, tolerance: float) -> Pair:
    """The pair of goal ``t`` and result ``a`` (``None``: pending), judged."""
    assert t.value is not None
    if a is None or a.value is None:
        return Pair(t.metric, t.subject, t.period, t.unit, t.role, t.value, t.bound, t.mention, t.doc, t.sentence,
                    period_source=t.period_source, target_key=t.key)
    gap = a.value - t.value
    return Pair(
        t.metric, t.subject, t.period, t.unit, t.role, t.value, t.bound, t.mention, t.doc, t.sentence,
        actual_value=a.value, actual_bound=a.bound, actual_mention=a.mention, actual_doc=a.doc,
        actual_sentence=a.sentence, gap=gap, gap_pct=gap / t.value if t.value else None,
        status=judge(t.value, a.value, bound=t.bound, target_max=t.value_max,
                     ceiling=is_ceiling(t.metric, t.clause), tolerance=tolerance),
        period_source="stated" if t.period_source == a.period_source == "stated" else "inferred",
        target_key=t.key, actual_key=a.key,
    )


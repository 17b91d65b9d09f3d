"""Whether a goal was met: the status rule, by the goal's bound (see :mod:`extract.pairing`, "Status")."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from .names import clean, language

STATUSES = ("met", "exceeded", "missed", "pending")
#: The default tolerance of ``approx`` and ``exact`` goals: ±5 % of the goal's value.
TOLERANCE = 0.05


def judge(target: float, actual: float, *, bound: str = "exact", target_max: float | None = None,
          ceiling: bool = False, tolerance: float = TOLERANCE) -> str:
    """``met``, ``exceeded`` or ``missed``: ``actual`` against a goal.

    * a range (``target_max`` above ``target``): met inside it, exceeded above, missed below;
      a ceiling range is met at or below its top;
    * a ceiling (``ceiling``: CPI, deficit, unemployment, 控制在, 减至 …) or an ``upper`` bound
      (不超过, 以内): met at or below the value — for an ``approx`` ceiling at or below the value
      plus the tolerance — else missed;
    * ``lower`` (以上, 超过): met at or above the value, else missed (never exceeded);
    * ``approx`` (左右) and ``exact``: met within ``tolerance × |target|``, exceeded above, missed below.
    """
    eps = 1e-9 * max(1.0, abs(target))
    band = tolerance * abs(target)
    if target_max is not None and target_max > target:
        if ceiling:
            return "met" if actual <= target_max + eps else "missed"
        if actual < target - eps:
            return "missed"
        return "exceeded" if actual > target_max + eps else "met"
    if ceiling or bound == "upper":
        limit = target + (band if bound == "approx" else 0.0)
        return "met" if actual <= limit + eps else "missed"
    if bound == "lower":
        return "missed" if actual < target - eps else "met"
    if abs(actual - target) <= band + eps:
        return "met"
    return "exceeded" if actual > target else "missed"


def is_ceiling(metric: str, clause: str) -> bool:
    """Whether a goal is a ceiling: a ceiling metric, or a ceiling or decrease word before its figure."""
    return _ceiling_metric(metric) or _ceiling_word().search(clause) is not None


@lru_cache(maxsize=4096)
def _ceiling_metric(metric: str) -> bool:
    """Whether a metric is a ceiling by its name: listed, or with a decrease word in it."""
    lang = language()
    return metric in lang.ceiling_metrics or any(w in clean(metric) for w in lang.decrease_words)


@cache
def _ceiling_word() -> re.Pattern:
    """Any ceiling or decrease word (the vocabulary's, read once)."""
    words = language().decrease_words + language().ceiling_words
    return re.compile("|".join(map(re.escape, words)) if words else "(?!)")

"""Layout repair: join hard-wrapped lines, drop layout-only blank lines, keep offsets honest.

(First version: only the identity repair; the documents issue fills this in.)
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Repaired:
    """Repaired text and a map back to the original.

    ``pieces`` holds ``(repaired_offset, source_offset)`` pairs, sorted: the repaired text from
    ``repaired_offset`` on is a verbatim copy of the source from ``source_offset`` on, up to the
    next piece.
    """

    text: str
    pieces: tuple[tuple[int, int], ...] = field(default=((0, 0),))

    def to_source(self, i: int) -> int:
        """Offset in the original text of repaired offset ``i``."""
        k = bisect_right(self.pieces, (i, float("inf"))) - 1
        r, s = self.pieces[max(k, 0)]
        return s + (i - r)


def repair(text: str) -> Repaired:
    """Repair ``text``'s layout; see :class:`Repaired` for how offsets map back."""
    return Repaired(text)

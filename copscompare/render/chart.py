"""Text charts: horizontal bars beside the values.

Bars are drawn with block characters at half-cell resolution. Rules:

- Every bar uses one scale: the longest bar is ``width`` cells when all values have one sign;
  when values mix signs the negative and positive sides share ``width`` cells in proportion to
  the largest magnitude on each side, so a bar's length always means the same amount.
- Positive bars grow right (full blocks ``█``, a left half block ``▌`` for an odd half);
  negative bars grow left of a zero line ``│`` (a right half block ``▐`` for an odd half). The
  zero line is drawn only when some value is negative.
- A length is rounded half up to whole half cells; a value that is not zero is never drawn
  shorter than half a cell, so a small figure is not mistaken for zero.
- A gap (None, or not a finite number) gets no bar: a gap is shown as a gap. Zero gets none too.
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

CHART_WIDTH = 24
FULL, LEFT_HALF, RIGHT_HALF, ZERO_LINE = "█", "▌", "▐", "│"


class Bar(NamedTuple):
    """One row's bar, in three fixed-width parts: left of the zero line, the line, right of it."""

    negative: str
    axis: str
    positive: str

    @property
    def text(self) -> str:
        return self.negative + self.axis + self.positive


def chart_value(value: Any) -> float | None:
    """The number a bar is drawn for, or None for a gap (text, bool, None, NaN, infinity)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _halves(magnitude: float, per_unit: float) -> int:
    if magnitude == 0:
        return 0
    return max(1, math.floor(magnitude * per_unit + 0.5))


def bars(values: list[Any], width: int = CHART_WIDTH) -> list[Bar]:
    """Bars for ``values`` on one scale (rules in the module doc); same-width text for every row."""
    numbers = [chart_value(v) for v in values]
    most_negative = max((-n for n in numbers if n is not None and n < 0), default=0.0)
    most_positive = max((n for n in numbers if n is not None and n > 0), default=0.0)
    total = most_negative + most_positive
    if total == 0:
        return [Bar("", "", "") for _ in numbers]
    per_unit = 2 * width / total  # half cells per unit of value
    left = math.ceil(_halves(most_negative, per_unit) / 2)
    right = math.ceil(_halves(most_positive, per_unit) / 2)
    axis = ZERO_LINE if most_negative > 0 else ""
    result = []
    for number in numbers:
        halves = 0 if number is None else _halves(abs(number), per_unit)
        body = FULL * (halves // 2)
        if number is not None and number < 0:
            negative, positive = (RIGHT_HALF * (halves % 2) + body).rjust(left), " " * right
        else:
            negative, positive = " " * left, (body + LEFT_HALF * (halves % 2)).ljust(right)
        result.append(Bar(negative, axis, positive))
    return result

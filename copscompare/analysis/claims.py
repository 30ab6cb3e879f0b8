"""Claim checks: does a reported figure agree with the figures it can be computed from?

One implementation for ``delta`` (the check column) and ``audit`` (every check there is).

Rules:
- Every published figure stands for an interval (``common.bounds``): an exact figure is within
  half a unit of its last written digit (9.6 is 9.55–9.65), ``about`` within 10% more, and a
  bound is open on one side. Two figures *agree* when their intervals overlap: they can be
  equal given the published precision; otherwise they *differ*.
- A reported change against levels (``claim_check``): the change computed from the level of its
  period and the level of its baseline (the same period a year earlier unless it gives
  ``baseline``): a percent change ``(later / earlier − 1) × 100``, a point or absolute change
  ``later − earlier``. No check when either level is missing or a period unknown; no verdict
  when a percent change has a zero base.
- A level, an absolute change and a percent change of one period reported together
  (``together_check``: 297起, 减少72起, 下降19.5%): the base is the level minus the change
  (297 + 72 = 369) and the percent change the absolute one over that base (−72 / 369 =
  −19.5%).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from copscompare.analysis.common import Bounds, bounds, overlap
from copscompare.model import Observation
from copscompare.periods import Period, month_label, parse_period

CHANGES = ("change_pct", "change_pp", "change_abs")


def interval(obs: Observation) -> Bounds:
    """Where the true figure of ``obs`` may lie, given how it was published."""
    return bounds(obs.value, obs.qualifier, obs.decimals)


def computed_interval(measure: str, earlier: Observation, later: Observation) -> Bounds | None:
    """Every value the change could take given the two levels' precision; None if undefined."""
    a, b = interval(earlier), interval(later)
    if measure == "change_pct":
        if a.low <= 0:
            return None
        high = math.inf if b.high == math.inf or a.high == math.inf else (b.high / a.low - 1) * 100
        low = (b.low / a.high - 1) * 100 if a.high != math.inf else -100.0
        return Bounds(low, high)
    return Bounds(b.low - a.high, b.high - a.low)


def computed_value(measure: str, earlier: Observation, later: Observation) -> float | None:
    if measure == "change_pct":
        if earlier.value == 0:
            return None
        return (later.value / earlier.value - 1) * 100
    return later.value - earlier.value


@dataclass(frozen=True)
class Check:
    """A reported change set against the change computed from published levels."""

    reported: Observation
    baseline: Observation
    level: Observation
    computed: float | None
    agrees: bool | None


def baseline_period(obs: Observation) -> Period | None:
    """What a reported change is measured against: its ``baseline``, else a year earlier."""
    if obs.baseline:
        return parse_period(obs.baseline)
    if not obs.period.known:
        return None
    assert obs.period.start is not None and obs.period.end is not None
    start, end = obs.period.start - 12, obs.period.end - 12
    return Period(_period_text(start, end), start, end)


def _period_text(start: int, end: int) -> str:
    """A period as the data writes it: ``2008``, ``2008-H1``, ``2008-Q3``, ``2008-10``, or a
    span ``2008-01/2008-11``."""
    months = end - start + 1
    year, first = divmod(start, 12)
    if months == 12 and first == 0:
        return str(year)
    if months == 6 and first in (0, 6):
        return f"{year}-H{first // 6 + 1}"
    if months == 3 and first % 3 == 0:
        return f"{year}-Q{first // 3 + 1}"
    if months == 1:
        return month_label(start)
    return f"{month_label(start)}/{month_label(end)}"


def level_at(levels: list[Observation], period: Period) -> Observation | None:
    """The first of ``levels`` for exactly ``period``."""
    return next((o for o in levels if (o.period.start, o.period.end)
                 == (period.start, period.end)), None)


def claim_check(reported: Observation, levels: list[Observation]) -> Check | None:
    """Compare ``reported`` with the levels of its period and its baseline, if both exist."""
    base = baseline_period(reported)
    if base is None or not base.known or not reported.period.known:
        return None
    level, earlier = level_at(levels, reported.period), level_at(levels, base)
    if level is None or earlier is None:
        return None
    computed = computed_value(reported.measure, earlier, level)
    possible = computed_interval(reported.measure, earlier, level)
    agrees = None if possible is None else overlap(possible, interval(reported))
    return Check(reported, earlier, level, computed, agrees)


def together_check(level: Observation, absolute: Observation,
                   percent: Observation) -> tuple[float | None, bool | None]:
    """The percent change a level and its absolute change imply, and whether the reported
    percent change agrees with it (None, None when the implied base is not above zero)."""
    if level.value - absolute.value <= 0:
        return None, None
    computed = absolute.value / (level.value - absolute.value) * 100
    now, change = interval(level), interval(absolute)
    corners = [c / (n - c) * 100 for n in (now.low, now.high) for c in (change.low, change.high)
               if math.isfinite(n) and math.isfinite(c) and n - c > 0]
    if len(corners) < 4:
        return computed, None
    return computed, overlap(Bounds(min(corners), max(corners)), interval(percent))

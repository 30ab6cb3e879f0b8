"""A figure's dates against its source's: what it reports had happened when it was published.

Rules:
- A period ends no later than its source was published, compared at the coarser precision of
  the two: a source dated ``2017`` allows a period ending in 2017 at the latest; one dated
  ``2017-11-21`` a period ending in November 2017, in 2017-Q4 or in the year 2017 at the
  latest (a report on "these two years", 2016/2017, may come out in November), but not one
  ending in 2018. An unknown date, or an unknown period, is not compared.
- A change's baseline begins before its period begins (``unknown`` is not compared).
- A source is read (``accessed``) no earlier than it was published.

``earlier(a, b)`` says which of two dates comes first at the precision both have (None when
they cannot tell, or one is unknown: then the data's order decides).
"""

from __future__ import annotations

import functools

from copscompare.loading.quotes import Finding
from copscompare.model import Observation, Source
from copscompare.periods import parse_period

_MONTHS = {1: 12, 2: 1, 3: 1}  # months in the unit of a date written to the year, month, day


@functools.lru_cache(maxsize=4096)
def _unit_months(period: str) -> int:
    """Months in the unit a period's end is written in: 12 for 2017, 6 for 2017-H2 …"""
    end = period.split("/")[-1]
    if len(end) == 4:
        return 12
    return {"H": 6, "Q": 3}.get(end[5:6], 1)


@functools.lru_cache(maxsize=4096)
def date_parts(date: str) -> tuple[int, ...]:
    """``2017-11-21`` -> (2017, 11, 21); ``2017`` -> (2017,); ``unknown`` -> ()."""
    return () if date == "unknown" else tuple(int(part) for part in date.split("-"))


def earlier(first: str, second: str) -> int | None:
    """−1 when ``first`` comes before ``second``, 1 when after, None when the dates cannot
    tell (the same at their common precision, or one unknown)."""
    a, b = date_parts(first), date_parts(second)
    common = min(len(a), len(b))
    if not common or a[:common] == b[:common]:
        return None
    return -1 if a[:common] < b[:common] else 1


def period_problems(obs: Observation, source: Source) -> list[Finding]:
    """The period against the source's date, the baseline against the period."""
    found = []
    published = date_parts(source.date)
    end = obs.period.end
    if published and end is not None:
        unit = max(_MONTHS[len(published)], _unit_months(obs.period.text))
        month = published[0] * 12 + (published[1] - 1 if len(published) > 1 else 11)
        if end // unit > month // unit:
            found.append(Finding("period", f"the period {obs.period.text} ends after its "
                                           f"source '{source.id}' was published "
                                           f"({source.date})"))
    if obs.baseline and obs.period.start is not None:
        try:
            base = parse_period(obs.baseline)
        except ValueError:  # reported where the observation is read
            return found
        if base.start is not None and base.start >= obs.period.start:
            found.append(Finding("baseline", f"the baseline {base.text} does not come before "
                                             f"the period {obs.period.text}"))
    return found


def source_problems(source: Source) -> list[Finding]:
    """A source read before it was published."""
    if source.accessed and earlier(source.accessed, source.date) == -1:
        return [Finding("accessed", f"read on {source.accessed}, before it was published "
                                    f"({source.date})")]
    return []

"""Reporting periods as press releases state them: a year, a half, a quarter, a month, a span.

Months are counted as ``year * 12 + month - 1`` so that periods compare and subtract simply.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from copscompare.numbers import ascii_digits

UNKNOWN = "unknown"

_POINT = re.compile(r"([0-9]{4})(?:-(H[12]|Q[1-4]|[0-9]{2}))?")


class Period(NamedTuple):
    """A reporting period. ``start``/``end`` are month indices, both None when unknown."""

    text: str
    start: int | None
    end: int | None

    @property
    def known(self) -> bool:
        return self.start is not None

    @property
    def months(self) -> int | None:
        """Length in months (12 for a calendar year), None when unknown."""
        if self.start is None or self.end is None:
            return None
        return self.end - self.start + 1

    def within_year(self, year: int) -> bool:
        """True when the whole period lies inside calendar year ``year``."""
        if self.start is None or self.end is None:
            return False
        return self.start // 12 == year and self.end // 12 == year

    def sort_key(self) -> tuple[int, int]:
        """By end, then start: latest first when sorted descending. An unknown period sorts
        before everything, so "latest" never picks it while a known one exists."""
        if self.start is None or self.end is None:
            return (-1, -1)
        return (self.end, self.start)

    def time_order(self) -> tuple[int, int, int]:
        """By end, then start: oldest first when sorted ascending, unknown periods last (a
        series is listed in time order and the periods no year can be given for follow)."""
        if self.start is None or self.end is None:
            return (1, 0, 0)
        return (0, self.end, self.start)


def _point(text: str) -> tuple[int, int] | None:
    """First and last month index of a single point such as ``2007``, ``2007-H1``, ``2017-10``."""
    match = _POINT.fullmatch(text)
    if not match:
        return None
    year, part = int(match.group(1)), match.group(2)
    base = year * 12
    if part is None:
        return base, base + 11
    if part[0] == "H":
        half = int(part[1]) - 1
        return base + 6 * half, base + 6 * half + 5
    if part[0] == "Q":
        quarter = int(part[1]) - 1
        return base + 3 * quarter, base + 3 * quarter + 2
    month = int(part)
    if not 1 <= month <= 12:
        return None
    return base + month - 1, base + month - 1


def parse_period(text: str) -> Period:
    """Parse period text; raise ValueError with a curator-friendly reason when it is malformed.

    Rules: ``YYYY``, ``YYYY-H1|H2``, ``YYYY-Q1..Q4``, ``YYYY-MM``, a span ``START/END`` of two
    of those whose end is not before its start, or ``unknown``; digits are ASCII (0-9).
    """
    text = text.strip()
    if text == UNKNOWN:
        return Period(text, None, None)
    ascii = ascii_digits(text)
    if ascii is not None:
        raise ValueError(f"period {text!r} is written with full-width or other non-ASCII "
                         f"digits: write {ascii!r} in ASCII digits (0-9)")
    parts = text.split("/")
    if len(parts) > 2:
        raise ValueError(f"period {text!r} has more than one '/'")
    points = [_point(p) for p in parts]
    if any(p is None for p in points):
        raise ValueError(
            f"period {text!r} is not YYYY, YYYY-H1, YYYY-Q3, YYYY-MM, START/END or unknown"
        )
    first, last = points[0], points[-1]
    assert first is not None and last is not None
    if last[1] < first[0]:
        raise ValueError(f"period {text!r} ends before it starts")
    return Period(text, first[0], last[1])


def month_label(index: int) -> str:
    """``2009-01`` style label of a month index."""
    return f"{index // 12}-{index % 12 + 1:02d}"

"""A number as a plain value: the one rule for when a float is written as a whole number.

A float that is a whole number within the range where floats count exactly (below 2**53 in
size) becomes an int, so CSV, JSON and messages show ``171``, not ``171.0``; any other number
is returned as it is (``95.5``, ``1e+20``, ``inf``). None stays None (a gap).
"""

from __future__ import annotations

EXACT_INTEGERS = 2**53


def plain_number(value: float | None) -> int | float | None:
    """``value`` by the rule in the module docstring."""
    if value is None or isinstance(value, int):
        return value
    if value.is_integer() and abs(value) < EXACT_INTEGERS:
        return int(value)
    return value

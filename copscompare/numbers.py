"""How numbers are written: the one rule for when a float is written as a whole number, and
the one test for digits that are not ASCII.

- ``plain_number``: a float that is a whole number within the range where floats count exactly
  (below 2**53 in size) becomes an int, so CSV, JSON and messages show ``171``, not ``171.0``;
  any other number is returned as it is (``95.5``, ``1e+20``, ``inf``). None stays None (a gap).
- ``ascii_digits``: full-width (``２００４``) and other non-ASCII decimal digits look like
  figures and Python's ``int`` even reads them, but a figure, period or date in the data is
  written in ASCII digits, so that it sorts, compares and is found as the same figure.
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


def ascii_digits(text: str) -> str | None:
    """``text`` with its non-ASCII decimal digits written as ASCII ones (``２００４`` ->
    ``2004``), or None when it has none."""
    if text.isascii() or not any(c.isdecimal() and not c.isascii() for c in text):
        return None
    return "".join(str(int(c)) if c.isdecimal() else c for c in text)

"""Numbers as written: the one rule for whole floats, the one rule for rounding, and the one
test for digits that are not ASCII.

- ``plain_number``: a float that is a whole number within the range where floats count exactly
  (below 2**53 in size) becomes an int, so CSV, JSON and messages show ``171``, not ``171.0``;
  any other number is returned as it is (``95.5``, ``1e+20``, ``inf``). None stays None (a gap).
  ``plain_numbers`` is the same rule for a column of them, each distinct value converted once.
- ``as_written``: a float read from a data file as the decimal the curator wrote. Python keeps
  the shortest decimal that reads back as the same float (``repr``), which is the written one
  for any figure of at most 15 significant digits (the loader refuses more), so ``19.293``
  never becomes ``19.292999999999999``.
- ``rounded``: a number rounded to a number of decimals, **half up** (a tie goes away from
  zero: 2.45 -> 2.5, −2.45 -> −2.5, as 四舍五入 and most newsrooms round), on its decimal
  digits (``as_written``), never on the binary float. Every figure the tool shows or computes
  is rounded by it: published figures to their own decimals, computed changes to theirs.
- ``ascii_digits``: full-width (``２００４``) and other non-ASCII decimal digits look like
  figures and Python's ``int`` even reads them, but a figure, period or date in the data is
  written in ASCII digits, so that it sorts, compares and is found as the same figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # decimal is imported on first use: the CSV start-up path never needs it
    from decimal import Decimal

EXACT_INTEGERS = 2**53


def plain_number(value: float | None) -> int | float | None:
    """``value`` by the rule in the module docstring."""
    if value is None or isinstance(value, int):
        return value
    if value.is_integer() and abs(value) < EXACT_INTEGERS:
        return int(value)
    return value


def plain_numbers(values: Sequence[float | None]) -> list[int | float | None]:
    """``plain_number`` of each value: each distinct whole float's int made once, every other
    value passed through (an int equal to a whole float maps to that same int)."""
    floats = {value for value in values if type(value) is float}  # 0.0 after 0 kept too
    whole: dict[float | None, int | float | None] = {
        value: int(value) for value in floats
        if value.is_integer() and abs(value) < EXACT_INTEGERS}
    return list(map(whole.get, values, values))


def as_written(value: float | Decimal) -> Decimal:
    """``value`` as the decimal written for it (module docstring); a Decimal as it is."""
    from decimal import Decimal

    if isinstance(value, Decimal):
        return value
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def rounded(value: float | Decimal, decimals: int) -> Decimal:
    """``value`` to ``decimals`` places, half up (module docstring); ``decimals`` from 0."""
    from decimal import ROUND_HALF_UP, Decimal, localcontext

    with localcontext() as context:
        context.prec = 400  # enough digits for any figure the loader accepts, and its decimals
        return as_written(value).quantize(Decimal(1).scaleb(-max(decimals, 0)),
                                          rounding=ROUND_HALF_UP)


def fixed_text(value: float | Decimal, decimals: int) -> str:
    """``value`` with exactly ``decimals`` decimals (``rounded``), as plain text: ``-1234.50``.

    A figure already written with no more decimals than asked is padded with zeros without
    rounding anything, so showing a published figure needs no decimal arithmetic at all.
    """
    text = repr(value) if isinstance(value, float) else str(value)
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    plain = whole.lstrip("-").isdigit() and (fraction == "" or fraction.isdigit())
    if plain and len(fraction) <= decimals:
        return whole + ("." + fraction.ljust(decimals, "0") if decimals > 0 else "")
    return format(rounded(value, decimals), "f")


def rounded_number(value: float | Decimal | None, decimals: int) -> int | float | None:
    """``rounded`` as a plain number for CSV and JSON (``plain_number``); None stays None."""
    if value is None:
        return None
    return plain_number(float(rounded(value, decimals)))
def ascii_digits(text: str) -> str | None:
    """``text`` with its non-ASCII decimal digits written as ASCII ones (``２００４`` ->
    ``2004``), or None when it has none."""
    if text.isascii() or not any(c.isdecimal() and not c.isascii() for c in text):
        return None
    return "".join(str(int(c)) if c.isdecimal() else c for c in text)

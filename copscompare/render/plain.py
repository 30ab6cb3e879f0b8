"""The plain table a pipe gets by default (tabulate's ``simple`` layout), drawn without tabulate.

Importing tabulate and wcwidth takes longer than the rest of a ranking, so this module draws
that one layout itself, byte for byte as tabulate draws it from ``render.text`` (headers, no
number parsing, each column aligned as the grid says, whitespace kept):

- a column is as wide as its widest cell, and at least two wider than its header;
- a cell is padded with spaces to that width: on the left in a numeric column, else on the
  right; a header as its column, except that with no rows every header is left-aligned;
- the header line, a line of dashes as wide as each column, then the rows; columns two spaces
  apart; every line without trailing whitespace.

Widths are those of ``layout.cell_width``, which wcwidth (tabulate's measure) agrees with for
the characters in ``_MEASURED_ALIKE``: ASCII, Latin, punctuation, symbols, box drawing and the
bars, CJK ideographs and punctuation, full-width forms (tests/test_plain.py checks every one).
A grid with any other character, or with no columns, is left to tabulate (``drawable``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import chain

from copscompare.render.cells import Grid
from copscompare.render.chart import Bar
from copscompare.render.layout import cell_width

_MEASURED_ALIKE = (
    "\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e\u2100-\u218b\u2190-\u22ff"
    "\u2460-\u24ff\u2500-\u25ff\u3000-\u3029\u3030-\u303f\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\uff01-\uff60\uffe0-\uffe6"
)
GAP = "  "  # between columns
MIN_PADDING = 2  # a column is at least this much wider than its header


def texts(grid: Grid) -> list[list[str]]:
    """The grid's rows as text (a bar as its characters)."""
    return [[c.text if isinstance(c, Bar) else c for c in row] for row in grid.rows]


def drawable(grid: Grid) -> bool:
    """True when this module draws ``grid`` as tabulate would (module docstring)."""
    if not grid.headers:
        return False
    other = re.compile(f"[^{_MEASURED_ALIKE}]")
    return not any(map(other.search, chain(grid.headers, *texts(grid))))


def simple_table(grid: Grid) -> str:
    """``grid`` in tabulate's ``simple`` layout (rules in the module docstring)."""
    rows = texts(grid)
    widths = [max([cell_width(header) + MIN_PADDING, *(cell_width(row[i]) for row in rows)])
              for i, header in enumerate(grid.headers)]
    right = [numeric and bool(rows) for numeric in grid.numeric]
    dashes = ["-" * width for width in widths]
    lines = [grid.headers, dashes, *rows]
    return "\n".join(_line(cells, widths, right) for cells in lines)


def _line(cells: Sequence[str], widths: list[int], right: list[bool]) -> str:
    padded = [" " * (width - cell_width(text)) + text if to_right
              else text + " " * (width - cell_width(text))
              for text, width, to_right in zip(cells, widths, right, strict=True)]
    return GAP.join(padded).rstrip()

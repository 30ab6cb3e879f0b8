"""The neutral result table every analysis returns and every renderer reads.

A table has a title, columns, rows (dicts keyed by column key), footnotes, and the key of the
numeric DATA column its bar chart draws, if it has one (``chart``). Each column says
whether it is for people (``display``: formatted text such as ``≥95%``), for machines (``data``:
plain values a spreadsheet can compute with), or both. Renderers for people show the display
and both columns; CSV and JSON write the data and both columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

BOTH, DISPLAY, DATA = "both", "display", "data"
Row = dict[str, Any]  # one row: column key -> value (str, int, float, None)


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    role: str = BOTH  # BOTH, DISPLAY or DATA
    numeric: bool = False  # right-align in tables


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    footnotes: tuple[str, ...] = ()
    chart: str | None = None  # the numeric DATA column ``--chart`` draws bars for

    def columns_for(self, audience: str) -> tuple[Column, ...]:
        """Columns shown to ``audience``: DISPLAY (people) or DATA (machines)."""
        return tuple(c for c in self.columns if c.role in (BOTH, audience))

"""The neutral result table every analysis returns and every renderer reads.

A table has a title, columns, rows (dicts keyed by column key) and footnotes. Each column says
whether it is for people (``display``: formatted text such as ``≥95%``), for machines (``data``:
plain values a spreadsheet can compute with), or both. Renderers for people show the display
and both columns; CSV and JSON write the data and both columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

BOTH, DISPLAY, DATA = "both", "display", "data"


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
    rows: tuple[dict[str, Any], ...]
    footnotes: tuple[str, ...] = ()
    notes: dict[str, Any] = field(default_factory=dict)  # extra context for JSON (e.g. measure)

    def columns_for(self, audience: str) -> tuple[Column, ...]:
        """Columns shown to ``audience``: DISPLAY (people) or DATA (machines)."""
        return tuple(c for c in self.columns if c.role in (BOTH, audience))

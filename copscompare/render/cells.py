"""Cell values as text: for people (tables, markdown, SVG, HTML), for sheets (CSV/TSV) and for JSON.

Rules:

- Numbers are written plainly, never rounded: no thousands separators, units or qualifier
  symbols (those live in their own columns). A whole float is written as an integer by
  copscompare.numbers.plain_number (``171``, not ``171.0``); any other float in its shortest
  exact form (``95.5``, ``0.1``).
- A gap (None) is an empty cell in text and CSV, and ``null`` in JSON; a float that is not a
  finite number is a gap too.
- Text is cleaned for where it goes (see copscompare.render.sanitize).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from copscompare.numbers import plain_number
from copscompare.render.sanitize import for_sheet, for_terminal
from copscompare.table import DISPLAY, Table

if TYPE_CHECKING:  # the chart module is imported only when bars are drawn
    from copscompare.render.chart import Bar


def json_value(value: Any) -> Any:
    """A value as JSON should hold it: numbers as numbers, gaps as None, text as text."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return plain_number(value) if math.isfinite(value) else None
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    return str(value)


def _text(value: Any) -> str:
    """Any value as text, before cleaning: gaps empty, numbers plain, lists joined with ``; ``."""
    value = json_value(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value)
    return str(value)


def people_text(value: Any, clean: Callable[[str], str] = for_terminal) -> str:
    """A cell for people, cleaned by ``clean`` (terminal-safe by default)."""
    return clean(_text(value))


def sheet_cell(value: Any) -> str:
    """A CSV/TSV cell: numbers plain and never prefixed; text cleaned and formula-neutralised."""
    if isinstance(value, str):  # most cells, by the million in an export
        return for_sheet(value)
    value = json_value(value)
    if value is None or isinstance(value, bool | int | float):
        return _text(value)
    return for_sheet(_text(value))


class Grid(NamedTuple):
    """A table as people see it: cleaned header and cell text, and the optional bar column.

    ``rows`` hold str cells, and a ``Bar`` in the chart column when bars are drawn.
    """

    title: str
    headers: tuple[str, ...]
    numeric: tuple[bool, ...]
    rows: tuple[tuple[str | Bar, ...], ...]
    footnotes: tuple[str, ...]
    chart_column: int | None = None  # index of the bar column, if bars are drawn
    labels: tuple[bool, ...] = ()  # which columns name the row (Column.label)


def chart_key(table: Table) -> str | None:
    """The DATA column the table's chart draws (``table.chart``), or None if it has none."""
    return table.chart or None


def people_grid(table: Table, chart: bool = False,
                clean: Callable[[str], str] = for_terminal) -> Grid:
    """The DISPLAY view of ``table``; with ``chart``, the bars it asks for.

    The bar column goes right after the last numeric column people see, so the bars stand
    beside the values; with no numeric column it goes last. Its header is empty.
    """
    columns = table.columns_for(DISPLAY)
    headers = [clean(c.header) for c in columns]
    numeric = [c.numeric for c in columns]
    labels = [c.label for c in columns]
    given = table.all_rows()
    rows: list[list[str | Bar]] = [[people_text(row.get(c.key), clean) for c in columns]
                                   for row in given]
    at = None
    key = chart_key(table) if chart else None
    if key is not None:
        at = max((i + 1 for i, is_number in enumerate(numeric) if is_number),
                 default=len(columns))
        headers.insert(at, "")
        numeric.insert(at, False)
        labels.insert(at, False)
        from copscompare.render.chart import bars

        for cells, bar in zip(rows, bars([row.get(key) for row in given]), strict=True):
            cells.insert(at, bar)
    return Grid(
        title=clean(table.title),
        headers=tuple(headers),
        numeric=tuple(numeric),
        rows=tuple(tuple(cells) for cells in rows),
        footnotes=tuple(clean(note) for note in table.footnotes),
        chart_column=at,
        labels=tuple(labels),
    )

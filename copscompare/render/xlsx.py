"""An Excel workbook of a table, for spreadsheets that would guess a CSV's encoding wrong.

Rules:
- Sheet ``data``: the DATA columns, a header row of column keys, frozen so it stays in view;
  one row per table row. Numbers are numbers (``json_value``: 171, 95.5), gaps empty cells,
  and everything else text, stored as text: a period ``2009`` or a date is never turned into
  a number or a date, and text that starts with ``=`` is never a formula (no ``'`` is added:
  the cell is typed as text). Control characters are removed (``strip_controls``), keeping tab
  and line feed.
- Sheet ``notes``: the title, then the footnotes, one per row.
- Sheet ``sources``: the key of the sources cited (id, title, publisher, date, url).
- Chinese is stored as it is (the file format is UTF-8 XML). openpyxl is imported here only.
"""

from __future__ import annotations

from typing import IO, Any

from copscompare.render.cells import json_value
from copscompare.render.sanitize import strip_controls
from copscompare.table import DATA, Table

TEXT_FORMAT = "@"
MAX_COLUMN_WIDTH = 60


def write_xlsx(table: Table, out: IO[bytes]) -> None:
    """Write ``table`` as an .xlsx workbook to ``out`` (rules in the module docstring)."""
    from openpyxl import Workbook

    book = Workbook()
    data = book.active
    data.title = "data"
    columns = table.columns_for(DATA)
    _append(data, [c.key for c in columns])
    rows = table.all_rows()
    for row in rows:
        _append(data, [row.get(c.key) for c in columns])
    data.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        letter = data.cell(row=1, column=index).column_letter
        data.column_dimensions[letter].width = min(MAX_COLUMN_WIDTH, 4 + max(
            (len(str(row.get(column.key) or "")) for row in rows), default=len(column.key)))
    notes = book.create_sheet("notes")
    for line in (table.title, *table.footnotes):
        _append(notes, [line])
    sources = book.create_sheet("sources")
    _append(sources, ["id", "title", "publisher", "date", "url"])
    for source in table.sources:
        _append(sources, [source.id, source.title, source.publisher, source.date, source.url])
    sources.freeze_panes = "A2"
    book.save(out)


def _append(sheet: Any, values: list[Any]) -> None:
    """One row: numbers typed as numbers, text typed as text (never a formula)."""
    sheet.append([None] * len(values))
    for cell, value in zip(sheet[sheet.max_row], values, strict=True):
        value = json_value(value)
        if isinstance(value, list):
            value = "; ".join(str(v) for v in value)
        if isinstance(value, str):
            cell.value = strip_controls(value)
            cell.data_type = "s"  # openpyxl would read a leading '=' as a formula
            cell.number_format = TEXT_FORMAT
        elif value is not None:
            cell.value = value

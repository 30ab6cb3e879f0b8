"""CSV, TSV and JSON: the DATA view of a table, for spreadsheets and scripts.

- CSV/TSV: the standard csv module, UTF-8, a header row of column keys, then one row per table
  row. Numbers plain, gaps empty, text cleaned and formula-neutralised (render.sanitize).
  Line ends are ``\\n``; for Excel (``excel=True``, CSV only) the text starts with a byte-order
  mark and lines end with ``\\r\\n``, so Excel opens Chinese text as UTF-8.
- JSON: a list of objects, one per row, every object with the same keys in column order;
  numbers as numbers, gaps as null, non-ASCII written as is, control characters escaped.
- Neither carries the title or footnotes: the data rows stay clean (the CLI sends footnotes to
  stderr).
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Callable
from itertools import chain
from typing import Any

from copscompare.render.cells import json_value, sheet_cell
from copscompare.render.sanitize import escape_c1
from copscompare.table import DATA, Table

BOM = "\ufeff"
_PLAIN = frozenset((str, int, float, bool, type(None)))  # values whose cells can be remembered


def delimited_text(table: Table, delimiter: str = ",", excel: bool = False) -> str:
    """The table as CSV (``delimiter=","``) or TSV (``"\\t"``); ``excel`` for Excel's CSV."""
    keys = [c.key for c in table.columns_for(DATA)]
    buffer = io.StringIO()
    if excel:
        buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n" if excel else "\n")
    writer.writerow(map(sheet_cell, keys))
    cell = _once_each(table)
    writer.writerows(map(cell, map(row.get, keys)) for row in table.rows)
    return buffer.getvalue()


def _once_each(table: Table) -> Callable[[Any], str]:
    """``sheet_cell``, remembering each distinct value's cell when every value is a plain one
    (text, number, boolean or gap): an export repeats its names, units and periods on every row,
    and a remembered cell costs no Python call. Equal values of one type give equal cells
    (``-0.0`` and ``0.0`` are both written ``0``), so a cell is the same either way."""
    kinds = set(map(type, chain.from_iterable(map(dict.values, table.rows))))
    if kinds <= _PLAIN:
        return functools.lru_cache(maxsize=None, typed=True)(sheet_cell)
    return sheet_cell


def json_text(table: Table) -> str:
    """The table as a JSON list of objects (rules in the module doc), ending with a newline."""
    import json

    columns = table.columns_for(DATA)
    rows = [{c.key: json_value(row.get(c.key)) for c in columns} for row in table.rows]
    return escape_c1(json.dumps(rows, ensure_ascii=False, indent=2, allow_nan=False)) + "\n"

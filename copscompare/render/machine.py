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
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, repeat
from typing import Any

from copscompare.render.cells import json_value, sheet_cell
from copscompare.render.sanitize import FORMULA_START, escape_c1
from copscompare.table import DATA, Table

BOM = "\ufeff"
_PLAIN = frozenset((str, int, float, bool, type(None)))  # values whose cells can be remembered


def delimited_text(table: Table, delimiter: str = ",", excel: bool = False) -> str:
    """The table as CSV (``delimiter=","``) or TSV (``"\\t"``); ``excel`` for Excel's CSV.

    Cells are made a column at a time (``_column``), and a row whose cells need no quoting is
    joined as the csv module would write it; any other row is written by the csv module."""
    keys = [c.key for c in table.columns_for(DATA)]
    cell = _once_each(table)
    columns = [_column(list(map(dict.get, table.rows, repeat(key))), cell) for key in keys]
    rows = zip(*columns, strict=True) if keys else ([] for _ in table.rows)
    lines = _lines(chain([list(map(sheet_cell, keys))], rows), delimiter,
                   "\r\n" if excel else "\n")
    return (BOM if excel else "") + "".join(lines)


def _column(values: list[Any], cell: Callable[[Any], str]) -> list[str]:
    """A column's cells: the values themselves when all are text with nothing to clean and no
    formula start (checked for the whole column at once, as most are), else cell by cell."""
    if set(map(type, values)) <= {str} and "".join(values).isprintable():
        starts = "\n" + "\n".join(values)  # each value after a line break
        if not any("\n" + start in starts for start in FORMULA_START):
            return values
    return list(map(cell, values))


def _lines(rows: Iterable[Sequence[str]], delimiter: str, end: str) -> Iterator[str]:
    """Each row as the csv module writes it (minimal quoting): joined when no cell holds the
    delimiter, a quote or a line break (and the row is not one empty cell), else by csv."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=end)
    for cells in rows:
        line = delimiter.join(cells)
        if (line.count(delimiter) == len(cells) - 1 and '"' not in line and "\n" not in line
                and "\r" not in line and line):
            yield line + end
        else:
            writer.writerow(cells)
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()


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

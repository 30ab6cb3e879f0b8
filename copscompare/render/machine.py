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

import functools
import io
import math
import operator
from collections.abc import Callable, Collection, Iterator
from typing import Any

from copscompare.render.cells import json_value, sheet_cell
from copscompare.render.sanitize import FORMULA_START, escape_c1
from copscompare.table import DATA, Table

BOM = "\ufeff"
_PLAIN = frozenset((str, int, float, bool, type(None)))  # values whose cells can be remembered
_TEXT = frozenset((str, type(None)))
_NUMBERS = frozenset((int, float, type(None)))  # not bool: its cell is true or false
_SAMPLE = 1000  # values looked at to judge whether a column repeats
_FIRST = operator.itemgetter(0)
_GAP_EMPTY = {None: ""}  # .get(value, value): a gap's cell is empty, text is itself


def delimited_text(table: Table, delimiter: str = ",", excel: bool = False) -> str:
    """The table as CSV (``delimiter=","``) or TSV (``"\\t"``); ``excel`` for Excel's CSV."""
    return "".join(delimited_pieces(table, delimiter, excel))


def delimited_pieces(table: Table, delimiter: str = ",", excel: bool = False) -> Iterator[str]:
    """The text of ``delimited_text`` in pieces: the header line, then the lines of each run of
    rows the table gives (``Table.column_blocks``), so a long table is never held as text.

    Cells are made a column at a time (``_column``); rows are joined as the csv module would
    write them, and those it quotes (``_awkward``) are written by it. Neither the cells nor
    what was remembered to make them outlive their run of rows."""
    end = "\r\n" if excel else "\n"
    keys = [c.key for c in table.columns_for(DATA)]
    header = [[sheet_cell(key)] for key in keys]
    yield (BOM if excel else "") + _lines(header, 1, delimiter, end)[0] + end
    if not keys:
        yield end * len(table.all_rows())
        return
    for block in table.column_blocks(keys):
        remembered = functools.lru_cache(maxsize=None, typed=True)(sheet_cell)
        columns = [_column(block[key], remembered) for key in keys]
        lines = _lines(columns, len(columns[0]), delimiter, end)
        if lines:
            yield end.join(lines) + end


def _lines(columns: list[list[str]], count: int, delimiter: str, end: str) -> list[str]:
    """The ``count`` rows of ``columns`` as lines, as the csv module writes them (without line
    ends)."""
    lines = list(map(delimiter.join, zip(*columns, strict=True))) if columns else [""] * count
    awkward = sorted({i for column in columns for i in _awkward(column, delimiter, len(columns))})
    if not awkward:
        return lines
    import csv  # only for rows it must quote

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=end)
    for index in awkward:
        writer.writerow([column[index] for column in columns])
        lines[index] = buffer.getvalue()[:-len(end)]
        buffer.seek(0)
        buffer.truncate()
    return lines


def _column(values: list[Any], remembered: Callable[[Any], str]) -> list[str]:
    """A column's cells: the values themselves (gaps empty) when all are text or gaps and no
    text has anything to clean or a formula start, else cell by cell, each distinct value's
    cell made once (``remembered``) when all are plain values (text, numbers, booleans,
    gaps): equal values of one type give equal cells (``-0.0`` and ``0.0`` are both written
    ``0``), and a remembered cell costs no Python call.

    The check is made on the column's distinct texts, all at once: a column of a few hundred
    place names a million rows long is checked as a few hundred names."""
    kinds = set(map(type, values))
    if kinds <= _TEXT:
        if _clean(list(filter(None, _distinct(values)))):  # gaps and empty texts left out
            return list(map(_GAP_EMPTY.get, values, values)) if type(None) in kinds else values
    elif kinds <= _NUMBERS:
        cells = _number_cells(values, gaps=type(None) in kinds)
        if cells is not None:
            return cells
    return list(map(remembered if kinds <= _PLAIN else sheet_cell, values))


def _distinct(values: list[Any]) -> Collection[Any]:
    """The values without repeats when they repeat (judged on the first ``_SAMPLE``), else the
    values as they are: hashing a column that never repeats (quotes) costs more than it saves.
    """
    sample = values[:_SAMPLE]
    return set(values) if 2 * len(set(sample)) <= len(sample) else values


def _number_cells(values: list[int | float | None], gaps: bool) -> list[str] | None:
    """The cells of a column of ints, floats and (``gaps``) Nones when ``str`` gives each
    number's cell: no float is whole (``171.0`` is written ``171``) or not finite (written as
    a gap), so no float equals an int; None otherwise."""
    floats = {n for n in values if type(n) is float}  # each one: 0.0 beside 0 is kept
    if any(n.is_integer() or not math.isfinite(n) for n in floats):
        return None
    if not gaps:
        return list(map(str, values))
    cells = {n: str(n) for n in _distinct(values)}
    cells[None] = ""
    return list(map(cells.__getitem__, values))


def _clean(texts: list[str]) -> bool:
    """True when no text (none of them empty) has anything to clean (only printable
    characters) or starts as a formula would."""
    return "".join(texts).isprintable() and set(map(_FIRST, texts)).isdisjoint(FORMULA_START)


def _awkward(column: list[str], delimiter: str, width: int) -> list[int]:
    """The rows whose cell in ``column`` the csv module quotes: it holds the delimiter, a
    quote or a line break, or it is empty and the only cell of its row (``width`` 1)."""
    text = "".join(_distinct(column))
    if not (width == 1 or delimiter in text or '"' in text or "\n" in text or "\r" in text):
        return []
    return [i for i, cell in enumerate(column)
            if (width == 1 and not cell) or delimiter in cell or '"' in cell or "\n" in cell
            or "\r" in cell]


def json_text(table: Table) -> str:
    """The table as a JSON list of objects (rules in the module doc), ending with a newline."""
    import json

    columns = table.columns_for(DATA)
    rows = [{c.key: json_value(row.get(c.key)) for c in columns} for row in table.all_rows()]
    return escape_c1(json.dumps(rows, ensure_ascii=False, indent=2, allow_nan=False)) + "\n"

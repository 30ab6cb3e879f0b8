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
import io

from copscompare.render.cells import json_value, sheet_cell
from copscompare.render.sanitize import escape_c1
from copscompare.table import DATA, Table

BOM = "\ufeff"


def delimited_text(table: Table, delimiter: str = ",", excel: bool = False) -> str:
    """The table as CSV (``delimiter=","``) or TSV (``"\\t"``); ``excel`` for Excel's CSV."""
    columns = table.columns_for(DATA)
    buffer = io.StringIO()
    if excel:
        buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n" if excel else "\n")
    writer.writerow([sheet_cell(c.key) for c in columns])
    for row in table.rows:
        writer.writerow([sheet_cell(row.get(c.key)) for c in columns])
    return buffer.getvalue()


def json_text(table: Table) -> str:
    """The table as a JSON list of objects (rules in the module doc), ending with a newline."""
    import json

    columns = table.columns_for(DATA)
    rows = [{c.key: json_value(row.get(c.key)) for c in columns} for row in table.rows]
    return escape_c1(json.dumps(rows, ensure_ascii=False, indent=2, allow_nan=False)) + "\n"

"""Rendering: a neutral Table -> text in one format. The only module that imports rich/tabulate.

Imports of rich and tabulate happen inside the functions that need them, so CSV and JSON output
start fast.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any, TextIO

from copscompare.table import DATA, DISPLAY, Table

FORMATS = ("table", "csv", "tsv", "json", "markdown")


def render(table: Table, fmt: str, out: TextIO) -> None:
    """Write ``table`` to ``out`` in format ``fmt`` (one of FORMATS)."""
    if fmt in ("csv", "tsv"):
        write_delimited(table, out, "," if fmt == "csv" else "\t")
    elif fmt == "json":
        write_json(table, out)
    elif fmt == "markdown":
        write_text(table, out, "github")
    else:
        write_text(table, out, "simple")


def _plain(value: Any) -> Any:
    return "" if value is None else value


def write_delimited(table: Table, out: TextIO, delimiter: str) -> None:
    columns = table.columns_for(DATA)
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow([c.key for c in columns])
    for row in table.rows:
        writer.writerow([_plain(row.get(c.key)) for c in columns])


def write_json(table: Table, out: TextIO) -> None:
    columns = table.columns_for(DATA)
    rows = [{c.key: row.get(c.key) for c in columns} for row in table.rows]
    json.dump(rows, out, ensure_ascii=False, indent=2)
    out.write("\n")


def write_text(table: Table, out: TextIO, style: str) -> None:
    from tabulate import tabulate

    columns = table.columns_for(DISPLAY)
    body = [[_plain(row.get(c.key)) for c in columns] for row in table.rows]
    buffer = io.StringIO()
    if table.title:
        buffer.write(f"{table.title}\n\n")
    buffer.write(tabulate(body, headers=[c.header for c in columns], tablefmt=style,
                          disable_numparse=True))
    buffer.write("\n")
    for note in table.footnotes:
        buffer.write(f"\n{note}")
    if table.footnotes:
        buffer.write("\n")
    out.write(buffer.getvalue())

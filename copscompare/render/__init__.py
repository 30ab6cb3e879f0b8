"""Rendering: a neutral Table -> text in one format. The only package that imports tabulate,
wcwidth and openpyxl (ruff.toml in copscompare/ and each other layer bans them).

Formats (``FORMATS``) and what each writes:

- ``table``: on a terminal a boxed table fitted to the window (``print_boxed``: wrapped, or in
  parts that repeat the label columns, its header repeated every screenful; rules in
  ``layout``); elsewhere the same table as plain text (tabulate's ``simple`` layout, drawn by
  ``plain`` without importing tabulate), or in any tabulate format given as ``tablefmt``;
  title above, footnotes below.
- ``markdown``: a GitHub table, footnotes as a list below it.
- ``csv``/``tsv``/``json``: the DATA columns only, no title or footnotes (``machine``).
- SVG and HTML for publishing (``export_svg``, ``export_html``): the boxed table as an image,
  and a page with a real ``<table>``; both with a key of the sources (``publish``).
- Binary files, written to an open file rather than returned as text: ``xlsx`` a workbook of
  the table (``write_xlsx``), ``sqlite`` a database of a whole dataset (``write_sqlite``).

With ``chart=True`` the people formats draw the bars the table asks for in ``table.chart``
(the key of a numeric DATA column). Machine formats never draw.
Text from the data is cleaned for where it goes (render.sanitize). Imports of tabulate and
openpyxl happen inside the functions that need them, so CSV, JSON and the plain table start fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

from copscompare.table import Table

FORMATS = ("table", "csv", "tsv", "json", "markdown")
BINARY_FORMATS = ("xlsx", "sqlite")

# Each name is imported from its module on first use, so a CSV run loads only the CSV writer.
_LAZY = {
    "chart_key": "cells", "delimited_text": "machine", "json_text": "machine",
    "export_html": "publish", "export_svg": "publish", "print_boxed": "terminal",
    "screen_size": "terminal",
    "markdown_text": "text", "plain_text": "text", "table_formats": "text",
    "write_sqlite": "database", "write_xlsx": "xlsx",
}

__all__ = ["BINARY_FORMATS", "FORMATS", "render_pieces", "render_text", *_LAZY]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)


def render_text(table: Table, fmt: str, *, tablefmt: str | None = None, excel: bool = False,
                chart: bool = False) -> str:
    """``table`` as text in format ``fmt`` (one of FORMATS), without colour.

    ``tablefmt`` (a tabulate format name) applies to ``table``; ``excel`` to ``csv``.
    """
    return "".join(render_pieces(table, fmt, tablefmt=tablefmt, excel=excel, chart=chart))


def render_pieces(table: Table, fmt: str, *, tablefmt: str | None = None, excel: bool = False,
                  chart: bool = False) -> Iterator[str]:
    """The text of ``render_text`` in pieces, to be written as they come: CSV and TSV a run of
    rows at a time (``machine.delimited_pieces``), every other format whole."""
    if fmt in ("csv", "tsv"):
        from copscompare.render import machine

        return machine.delimited_pieces(table, "," if fmt == "csv" else "\t", excel=excel)
    return iter((_whole_text(table, fmt, tablefmt, chart),))


def _whole_text(table: Table, fmt: str, tablefmt: str | None, chart: bool) -> str:
    if fmt == "json":
        from copscompare.render import machine

        return machine.json_text(table)
    from copscompare.render import text

    if fmt == "markdown":
        return text.markdown_text(table, chart=chart)
    if fmt == "table":
        return text.plain_text(table, tablefmt or "simple", chart=chart)
    raise ValueError(f"unknown format {fmt!r}")

"""Rendering: a neutral Table -> text in one format. The only package that imports rich/tabulate.

Formats (``FORMATS``) and what each writes:

- ``table``: on a terminal a rich table (``print_rich``); elsewhere the same table as plain text
  (tabulate ``simple``), or in any tabulate format given as ``tablefmt``; title above,
  footnotes below.
- ``markdown``: a GitHub table, footnotes as a list below it.
- ``csv``/``tsv``/``json``: the DATA columns only, no title or footnotes (``machine``).
- SVG and HTML: the rich table recorded for publishing (``export_svg``, ``export_html``).

With ``chart=True`` the people formats draw the bars the table asks for in
``table.notes["chart"]`` (the key of a numeric DATA column); ``table.notes["chart_style"] ==
"sparkline"`` asks for one trend line below the table instead. Machine formats never draw.
Text from the data is cleaned for where it goes (copscompare.sanitize). Imports of rich and
tabulate happen inside the functions that need them, so CSV and JSON output start fast.
"""

from __future__ import annotations

from typing import TextIO

from copscompare.render.cells import chart_key
from copscompare.render.machine import delimited_text, json_text
from copscompare.render.terminal import export_html, export_svg, print_rich
from copscompare.render.text import markdown_text, plain_text, table_formats
from copscompare.table import Table

FORMATS = ("table", "csv", "tsv", "json", "markdown")

__all__ = [
    "FORMATS", "chart_key", "delimited_text", "export_html", "export_svg", "json_text",
    "markdown_text", "plain_text", "print_rich", "render", "render_text", "table_formats",
]


def render_text(table: Table, fmt: str, *, tablefmt: str | None = None, excel: bool = False,
                chart: bool = False) -> str:
    """``table`` as text in format ``fmt`` (one of FORMATS), without colour.

    ``tablefmt`` (a tabulate format name) applies to ``table``; ``excel`` to ``csv``.
    """
    if fmt == "csv":
        return delimited_text(table, ",", excel=excel)
    if fmt == "tsv":
        return delimited_text(table, "\t")
    if fmt == "json":
        return json_text(table)
    if fmt == "markdown":
        return markdown_text(table, chart=chart)
    if fmt == "table":
        return plain_text(table, tablefmt or "simple", chart=chart)
    raise ValueError(f"unknown format {fmt!r}")


def render(table: Table, fmt: str, out: TextIO, **options: object) -> None:
    """Write ``table`` to ``out`` in format ``fmt`` (see ``render_text`` for ``options``)."""
    out.write(render_text(table, fmt, **options))  # type: ignore[arg-type]

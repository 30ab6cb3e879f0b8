"""Plain-text tables through tabulate: the piped ``table`` format, markdown and any ``--fmt``.

Layout: the title, a blank line, the table; then, if any, a blank line and the footnotes, one
per line (in markdown, footnotes are a list). Numeric columns are right-aligned,
text left-aligned; cells are taken as written (no number parsing). Wide (CJK) characters count
as two columns, so Chinese names line up (tabulate measures with wcwidth).
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

from copscompare.render.cells import Grid, people_grid
from copscompare.render.chart import Bar
from copscompare.render.sanitize import for_markdown, for_terminal
from copscompare.table import Table

PLAIN = "simple"
MARKDOWN = "github"
PIPE_FORMATS = ("github", "pipe")  # markdown tables: a "|" in a cell must be escaped


def table_formats() -> tuple[str, ...]:
    """The tabulate formats ``--fmt`` accepts: all but ``unsafehtml`` and the ``*_raw`` ones,
    which write cells without escaping them (data must never become markup)."""
    from tabulate import tabulate_formats

    return tuple(f for f in tabulate_formats
                 if not f.startswith("unsafe") and not f.endswith("_raw"))


@functools.cache
def _has_whitespace_argument() -> bool:
    import inspect

    from tabulate import tabulate

    return "preserve_whitespace" in inspect.signature(tabulate).parameters


def _tabulate(grid: Grid, tablefmt: str) -> str:
    """The grid as one tabulate table, keeping the spaces that position the bars."""
    import tabulate as module

    body = [[cell.text if isinstance(cell, Bar) else cell for cell in row] for row in grid.rows]
    options: dict[str, Any] = {
        "headers": list(grid.headers),
        "tablefmt": tablefmt,
        "disable_numparse": True,
        "colalign": ["right" if n else "left" for n in grid.numeric] or None,
    }
    if _has_whitespace_argument():
        return module.tabulate(body, preserve_whitespace=True, **options)
    saved = module.PRESERVE_WHITESPACE  # tabulate < 0.10 has only the module switch
    module.PRESERVE_WHITESPACE = True
    try:
        return module.tabulate(body, **options)
    finally:
        module.PRESERVE_WHITESPACE = saved


def plain_text(table: Table, tablefmt: str = PLAIN, chart: bool = False) -> str:
    """Title, table and footnotes as plain text without colour, in any tabulate format.

    In HTML the cells are escaped by tabulate; the title and footnotes around the table are
    escaped here.
    """
    clean = for_markdown if tablefmt in PIPE_FORMATS else for_terminal
    grid = people_grid(table, chart, clean)
    notes = list(grid.footnotes)
    if tablefmt == "html":
        import html

        grid = dataclasses.replace(grid, title=html.escape(grid.title))
        notes = [html.escape(note) for note in notes]
    return _layout(grid, tablefmt, notes)


def markdown_text(table: Table, chart: bool = False) -> str:
    """A GitHub table a journalist can paste into a draft; the footnotes as a list below it."""
    grid = people_grid(table, chart, for_markdown)
    notes = [f"- {note}" for note in grid.footnotes]
    return _layout(grid, MARKDOWN, notes)


def _layout(grid: Grid, tablefmt: str, notes: list[str]) -> str:
    parts = []
    if grid.title:
        parts.append(f"{grid.title}\n\n")
    parts.append(_tabulate(grid, tablefmt) + "\n")
    if notes:
        parts.append("\n" + "\n".join(notes) + "\n")
    return "".join(parts)

"""Plain-text tables through tabulate: the piped ``table`` format, markdown and any ``--fmt``
(the piped table drawn by ``render.plain`` where it can: the same bytes, without tabulate).

Layout: the title, a blank line, the table; then, if any, a blank line and the footnotes, one
per line (in markdown, footnotes are a list). Numeric columns are right-aligned,
text left-aligned; cells are taken as written (no number parsing). Wide (CJK) characters count
as two columns, so Chinese names line up (tabulate measures with wcwidth).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from copscompare.render import plain
from copscompare.render.cells import Grid, people_grid
from copscompare.render.sanitize import for_markdown, for_rst, for_terminal
from copscompare.table import Table

PLAIN = "simple"
MARKDOWN = "github"
PIPE_FORMATS = ("github", "pipe")  # markdown tables: a "|" in a cell must be escaped
LATEX_FORMATS = ("latex", "latex_booktabs", "latex_longtable")  # tabulate escapes the cells
# The tabulate formats --fmt offers: text with no markup, and the markup this module escapes
# (markdown, HTML, LaTeX, reStructuredText). Not offered: those it cannot escape reliably
# (mediawiki, jira, youtrack, textile, asciidoc, moinmoin, orgtbl: a "|", "||", "[[...]]" or
# "{{...}}" in a name would make cells, links or templates), and tabulate's unescaped ones
# (unsafehtml, latex_raw).
OFFERED = (
    "plain", "simple", "grid", "simple_grid", "rounded_grid", "heavy_grid", "mixed_grid",
    "double_grid", "fancy_grid", "outline", "simple_outline", "rounded_outline",
    "heavy_outline", "mixed_outline", "double_outline", "fancy_outline", "presto", "pretty",
    "psql", "tsv", *PIPE_FORMATS, "html", *LATEX_FORMATS, "rst",
)


def table_formats() -> tuple[str, ...]:
    """The tabulate formats ``--fmt`` accepts (``OFFERED``, those this tabulate has)."""
    from tabulate import tabulate_formats

    return tuple(f for f in OFFERED if f in tabulate_formats)


def refused_format(name: str) -> bool:
    """True for a format tabulate has but ``--fmt`` does not offer (its markup unescaped)."""
    from tabulate import tabulate_formats

    return name in tabulate_formats and name not in OFFERED


@functools.cache
def _has_whitespace_argument() -> bool:
    import inspect

    from tabulate import tabulate

    return "preserve_whitespace" in inspect.signature(tabulate).parameters


def _tabulate(grid: Grid, tablefmt: str) -> str:
    """The grid as one tabulate table, keeping the spaces that position the bars (the plain
    layout drawn by ``render.plain`` where it can, the same bytes without importing tabulate)."""
    if tablefmt == PLAIN and plain.drawable(grid):
        return plain.simple_table(grid)
    return _with_tabulate(grid, tablefmt)


def _with_tabulate(grid: Grid, tablefmt: str) -> str:
    import tabulate as module

    body = plain.texts(grid)
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
    """Title, table and footnotes as plain text without colour, in any offered tabulate format.

    Markdown and reStructuredText cells, titles and footnotes are escaped here; in HTML and
    LaTeX tabulate escapes the cells, and the title and footnotes around the table are escaped
    here (in LaTeX as tabulate escapes cells).
    """
    clean = {**dict.fromkeys(PIPE_FORMATS, for_markdown), "rst": for_rst}.get(tablefmt,
                                                                             for_terminal)
    grid = people_grid(table, chart, clean)
    around = _AROUND.get(tablefmt)
    if around is None:
        return _layout(grid, tablefmt, list(grid.footnotes))
    escape = around()
    grid = grid._replace(title=escape(grid.title))
    return _layout(grid, tablefmt, [escape(note) for note in grid.footnotes])


def _html_escape() -> Callable[[str], str]:
    import html

    return html.escape


def _latex_escape() -> Callable[[str], str]:
    from tabulate import LATEX_ESCAPE_RULES

    rules = str.maketrans(LATEX_ESCAPE_RULES)
    return lambda text: text.translate(rules)


_AROUND: dict[str, Callable[[], Callable[[str], str]]] = {
    "html": _html_escape, **dict.fromkeys(LATEX_FORMATS, _latex_escape)}


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

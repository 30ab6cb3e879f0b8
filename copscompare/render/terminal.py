"""Rich tables: on a terminal, and recorded as SVG or HTML for publishing.

Data never becomes markup: every cell, header, title and footnote is handed to rich as a
``Text`` object (never parsed for ``[style]`` markup or ``:emoji:`` codes), after control
characters were stripped; the console is made with ``markup=False``, ``emoji=False`` and
``highlight=False`` too. Colour is decided by the caller; without it no escape code is written.
"""

from __future__ import annotations

from typing import Any, Literal, TextIO

from copscompare.render.cells import Grid, people_grid
from copscompare.render.chart import Bar
from copscompare.table import Table

PUBLISH_MIN_WIDTH, PUBLISH_MAX_WIDTH = 60, 200
POSITIVE_STYLE, NEGATIVE_STYLE, AXIS_STYLE = "cyan", "magenta", "dim"


def _console(file: TextIO, *, colour: bool, width: int | None = None,
             record: bool = False,
             colours: Literal["auto", "truecolor"] = "auto") -> Any:
    from rich.console import Console

    return Console(
        file=file, width=width, record=record,
        force_terminal=True if colour else None,
        color_system=colours if colour else None,
        no_color=not colour,
        highlight=False, markup=False, emoji=False,
    )


def _bar_text(bar: Bar) -> Any:
    from rich.text import Text

    return Text.assemble((bar.negative, NEGATIVE_STYLE), (bar.axis, AXIS_STYLE),
                         (bar.positive, POSITIVE_STYLE))


def rich_table(grid: Grid) -> Any:
    """The grid as a rich ``Table``: bold headers, numbers right-aligned, long text folded.

    The title is not part of it (a rich title wraps at the table's width): ``_print`` writes it
    above the table as its own line.
    """
    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text

    table = RichTable(box=box.ROUNDED, header_style="bold")
    for index, (header, numeric) in enumerate(zip(grid.headers, grid.numeric, strict=True)):
        table.add_column(Text(header), justify="right" if numeric else "left",
                         no_wrap=numeric or index == grid.chart_column, overflow="fold")
    for row in grid.rows:
        table.add_row(*(_bar_text(c) if isinstance(c, Bar) else Text(c) for c in row))
    return table


def _print(console: Any, grid: Grid) -> None:
    from rich.text import Text

    if grid.title:
        console.print(Text(grid.title, style="bold"))
    console.print(rich_table(grid))
    for line in grid.footnotes:
        console.print(Text(line, style="dim"))


def print_rich(table: Table, out: TextIO, *, colour: bool, chart: bool = False,
               width: int | None = None) -> None:
    """Draw ``table`` as a rich table on ``out`` (a terminal), then its footnotes."""
    _print(_console(out, colour=colour, width=width), people_grid(table, chart))


def _recorded(table: Table, chart: bool) -> Any:
    """A console that recorded the table in colour, as wide as the table needs (within limits)."""
    import io

    from rich.console import Console

    grid = people_grid(table, chart)
    from rich.text import Text

    measuring = Console(file=io.StringIO(), width=PUBLISH_MAX_WIDTH)
    needed = max(measuring.measure(rich_table(grid)).maximum,
                 Text(grid.title).cell_len)
    width = min(max(needed, PUBLISH_MIN_WIDTH), PUBLISH_MAX_WIDTH)
    console = _console(io.StringIO(), colour=True, width=width, record=True, colours="truecolor")
    _print(console, grid)
    return console


def export_svg(table: Table, chart: bool = False) -> str:
    """The rich table as a standalone SVG image (text escaped by rich)."""
    title = people_grid(table).title or "copscompare"
    return str(_recorded(table, chart).export_svg(title=title))


def export_html(table: Table, chart: bool = False) -> str:
    """The rich table as a standalone HTML page (text escaped by rich)."""
    return str(_recorded(table, chart).export_html(inline_styles=True))

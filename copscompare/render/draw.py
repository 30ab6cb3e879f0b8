"""A table drawn in a box, as lines of styled text, for a terminal or a published image.

The widths, wraps and blocks come from ``render.layout``; this module only draws them:

- the title (bold), wrapped to the width;
- when the table is split in blocks, a line that says so and names the repeated columns, and
  "Part 2 of 3" above each block; when some line is wider than the width even at its
  narrowest, a line that says nothing was cut;
- each block in a rounded box (``╭─┬─╮``), a space either side of each cell (none when that
  saves splitting the table, or a part wider than the window), bold header cells, values
  right-aligned and text left-aligned, a cell's wrapped lines top-aligned; the bars of
  ``--chart`` coloured by side;
- with a screen ``height``, the rows of a block in screenfuls, each after the title marked
  "continued" and the header again, so a long table never scrolls its header away;
- the footnotes (dim), wrapped.

A line is a tuple of ``Span``: text and a style name (``bold``, ``dim``, ``positive``,
``negative``, ``axis`` or None); the caller turns styles into escape codes, CSS or nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from copscompare.render.cells import Grid
from copscompare.render.chart import Bar
from copscompare.render.layout import (
    Block,
    Frame,
    Plan,
    Shape,
    cell_width,
    plan,
    screenfuls,
    shape,
    wrap,
)

BOX = Frame(per_column=3, edges=1)  # "│ " before each cell and " " after it; a closing "│"
TIGHT = Frame(per_column=1, edges=1)  # the same box without the spaces, for narrow windows
UNLIMITED = 10**6  # a width no table reaches: natural widths, one block
CHROME = 4  # lines a screenful adds to its rows: top, header rule, bottom, and the prompt


class Span(NamedTuple):
    text: str
    style: str | None = None


Line = tuple[Span, ...]


def table_lines(grid: Grid, width: int | None = None, height: int | None = None) -> list[Line]:
    """``grid`` drawn within ``width`` cells (None: as wide as it needs), with its header
    repeated every ``height`` lines (None: never); rules in the module docstring."""
    space = width or UNLIMITED
    texts = [[c.text if isinstance(c, Bar) else c for c in row] for row in grid.rows]
    shapes = [shape(header, [row[i] for row in texts], _label(grid, i), grid.numeric[i],
                    fixed=(i == grid.chart_column))
              for i, header in enumerate(grid.headers)]
    layout, frame = _best_plan(shapes, space)
    lines = _wrapped(grid.title, space, "bold")
    for notice in _notices(grid, layout, width):
        lines += _wrapped(notice, space, None)
    for number, block in enumerate(layout.blocks, start=1):
        if len(layout.blocks) > 1:
            lines.append((Span(f"Part {number} of {len(layout.blocks)}", "dim"),))
        lines += _block(grid, block, space, height, " " * _padding(frame))
    for note in grid.footnotes:
        lines += _wrapped(note, space, "dim")
    return lines


def _best_plan(shapes: list[Shape], space: int) -> tuple[Plan, Frame]:
    """The boxed table in one block; else without the spaces inside the box in one block;
    else in parts, with those spaces unless a part would be wider than the space."""
    boxed = plan(shapes, space, BOX)
    if len(boxed.blocks) == 1 and not boxed.overflow:
        return boxed, BOX
    tight = plan(shapes, space, TIGHT)
    if len(tight.blocks) == 1 and not tight.overflow:
        return tight, TIGHT
    return (tight, TIGHT) if boxed.overflow else (boxed, BOX)


def _label(grid: Grid, index: int) -> bool:
    return bool(grid.labels) and grid.labels[index]


def _wrapped(text: str, space: int, style: str | None) -> list[Line]:
    return [(Span(line, style),) for line in wrap(text, space)] if text else []


def _notices(grid: Grid, layout: Plan, width: int | None) -> list[str]:
    """What the reader must be told about the layout: parts, and lines wider than the window."""
    notices = []
    if layout.repeated:
        names = [grid.headers[i] or "bars" for i in layout.repeated]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        notices.append(f"Too wide for {width} columns: shown in {len(layout.blocks)} parts, "
                       f"each repeating {listed}.")
    if layout.overflow:
        notices.append(f"Some lines are wider than {width} columns even with every column at "
                       "its narrowest; nothing is cut: widen the window, or use --format csv.")
    return notices


def _padding(frame: Frame) -> int:
    """Spaces on each side of a cell in ``frame``."""
    return (frame.per_column - 1) // 2


def _block(grid: Grid, block: Block, space: int, height: int | None, pad: str) -> list[Line]:
    """One block's box, in screenfuls when ``height`` is given; ``pad`` around each cell."""
    header = _cells(grid, block, list(grid.headers), "bold", pad, header=True)
    rows = [_cells(grid, block, list(row), None, pad) for row in grid.rows]
    count = len(rows)
    room = sum(len(r) for r in rows)
    if height is not None:
        marker = _continued(grid.title, count, count, count, space)
        room = height - len(header) - len(marker) - CHROME
    lines: list[Line] = []
    for number, group in enumerate(screenfuls([len(r) for r in rows], max(room, 1))):
        if number:
            lines += _continued(grid.title, group.start + 1, group.stop, count, space)
        widths = [w + 2 * len(pad) for w in block.widths]
        lines.append(_rule("╭", "┬", "╮", widths))
        lines += header
        lines.append(_rule("├", "┼", "┤", widths))
        lines += [line for index in group for line in rows[index]]
        lines.append(_rule("╰", "┴", "╯", widths))
    return lines


def _continued(title: str, first: int, last: int, count: int, space: int) -> list[Line]:
    """The line above a repeated header: which table, and which rows follow."""
    return _wrapped(f"{title} (continued: rows {first:,}–{last:,} of {count:,})", space, "dim")


def _rule(left: str, middle: str, right: str, widths: Sequence[int]) -> Line:
    return (Span(left + middle.join("─" * w for w in widths) + right),)


def _cells(grid: Grid, block: Block, cells: list[str | Bar], style: str | None, pad: str,
           header: bool = False) -> list[Line]:
    """One row of a block (or its header) as lines: each cell wrapped to its width."""
    wrapped = [[c] if isinstance(c, Bar) else wrap(c, w, grid.numeric[i] and not header)
               for c, w, i in zip((cells[i] for i in block.columns), block.widths,
                                  block.columns, strict=True)]
    lines = []
    for number in range(max(len(w) for w in wrapped)):
        spans = [Span("│")]
        for index, width, parts in zip(block.columns, block.widths, wrapped, strict=True):
            part = parts[number] if number < len(parts) else ""
            spans += [Span(pad), *_cell(part, width, grid.numeric[index], style),
                      Span(pad + "│")]
        lines.append(tuple(spans))
    return lines


def _cell(part: str | Bar, width: int, numeric: bool, style: str | None) -> list[Span]:
    if isinstance(part, Bar):
        return [Span(part.negative, "negative"), Span(part.axis, "axis"),
                Span(part.positive, "positive"), Span(" " * (width - cell_width(part.text)))]
    pad = " " * (width - cell_width(part))
    return [Span(pad), Span(part, style)] if numeric else [Span(part, style), Span(pad)]


def plain(line: Line) -> str:
    """A line without its styles."""
    return "".join(span.text for span in line)

"""Tables on a terminal: the boxed drawing of ``render.draw``, fitted to the window.

- The window's size is read in one place (``screen_size``): ``COLUMNS`` and ``LINES`` when
  they are whole numbers from 1 up (``0``, empty or garbage count as unset), else the size the
  terminal reports, else 80 × 24.
- The table fits the width (``render.layout``: wrapped, or in parts that repeat the label
  columns, and said so); on a terminal its header is repeated every screenful.
- Colour is decided by the caller: with it, bold headers and titles, dim footnotes, bars cyan
  on the positive side and magenta on the negative (ANSI SGR codes); without it, no escape
  code at all. Text from the data was cleaned before it got here (``render.sanitize``), so it
  carries no escape of its own.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TextIO

from copscompare.render.cells import people_grid
from copscompare.render.draw import Line, table_lines
from copscompare.table import Table

DEFAULT_SIZE = (80, 24)
SGR = {"bold": "1", "dim": "2", "positive": "36", "negative": "35", "axis": "2"}


def screen_size(stream: TextIO | None = None,
                environ: Mapping[str, str] | None = None) -> tuple[int, int]:
    """(columns, lines) of the window ``stream`` shows in (rules in the module docstring)."""
    environ = os.environ if environ is None else environ
    columns, lines = DEFAULT_SIZE
    try:
        if stream is not None:
            size = os.get_terminal_size(stream.fileno())
            if size.columns > 0 and size.lines > 0:
                columns, lines = size.columns, size.lines
    except (AttributeError, OSError, ValueError):
        pass
    return (_positive(environ.get("COLUMNS")) or columns,
            _positive(environ.get("LINES")) or lines)


def _positive(text: str | None) -> int | None:
    """``text`` as a whole number from 1 up, else None (unset)."""
    text = (text or "").strip()
    return int(text) if text.isdigit() and int(text) > 0 else None


def styled(line: Line, colour: bool) -> str:
    """A drawn line as terminal text, with SGR codes for its styles when ``colour``."""
    if not colour:
        return "".join(span.text for span in line)
    return "".join(f"\x1b[{SGR[span.style]}m{span.text}\x1b[0m" if span.style and span.text
                   else span.text for span in line)


def print_boxed(table: Table, out: TextIO, *, colour: bool, chart: bool = False,
                width: int | None = None, height: int | None = None) -> None:
    """Draw ``table`` on ``out`` within ``width`` columns (default: the window's), repeating
    its header every ``height`` lines when given."""
    if width is None:
        width = screen_size(out)[0]
    lines = table_lines(people_grid(table, chart), width, height)
    out.write("".join(styled(line, colour) + "\n" for line in lines))
    out.flush()

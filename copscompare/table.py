"""The neutral result table every analysis returns and every renderer reads.

A table has a title, columns, rows (dicts keyed by column key), footnotes, the key of the
numeric DATA column its bar chart draws, if it has one (``chart``), and the sources its figures
come from (``sources``: the key a published image or spreadsheet carries from ``s003`` to a
title). Each column says whether it is for people (``display``: formatted text such as
``≥95%``), for machines (``data``: plain values a spreadsheet can compute with), or both; and
whether it names the row (``label``: the columns a reader needs on every part of a table too
wide for one screen, which a renderer repeats in each part). Renderers for people show the
display and both columns; CSV and JSON write the data and both columns.

A table too long to hold a dict per row (``export`` of a million observations) gives its rows
as ``blocks`` instead: runs of rows a column at a time, made when a renderer asks, so CSV can
be written a block at a time. Such a table's ``rows`` is empty; ``all_rows`` gives the dicts
either way, and ``column_blocks`` the columns either way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import repeat
from typing import Any, NamedTuple

BOTH, DISPLAY, DATA = "both", "display", "data"
Row = dict[str, Any]  # one row: column key -> value (str, int, float, None)
Block = dict[str, list[Any]]  # a run of rows: column key -> the rows' values, in row order


class Column(NamedTuple):
    key: str
    header: str
    role: str = BOTH  # BOTH, DISPLAY or DATA
    numeric: bool = False  # right-align in tables
    label: bool = False  # names the row: repeated in every part of a table split for width


class Cited(NamedTuple):
    """A source a table's figures come from, as its key lists it."""

    id: str
    title: str
    publisher: str
    date: str
    url: str | None = None

    def citation(self) -> str:
        """``title (publisher, date)``, saying so when publisher or date is unknown."""
        publisher = "publisher unknown" if self.publisher == "unknown" else self.publisher
        date = "date unknown" if self.date == "unknown" else self.date
        return f"{self.title} ({publisher}, {date})"


class Table(NamedTuple):
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    footnotes: tuple[str, ...] = ()
    chart: str | None = None  # the numeric DATA column ``--chart`` draws bars for
    sources: tuple[Cited, ...] = ()  # the sources of the figures shown, in id order
    blocks: Callable[[], Iterator[Block]] | None = None  # the rows, when ``rows`` is empty

    def all_rows(self) -> tuple[Row, ...]:
        """Every row as a dict: ``rows``, or the ``blocks``' rows."""
        if self.blocks is None:
            return self.rows
        return tuple(dict(zip(block, values, strict=True))
                     for block in self.blocks() for values in zip(*block.values(), strict=True))

    def column_blocks(self, keys: list[str]) -> Iterator[Block]:
        """The rows a run at a time, a list per column of ``keys``: the ``blocks``, or
        ``rows`` as one block."""
        if self.blocks is not None:
            for block in self.blocks():
                yield {key: block[key] for key in keys}
        else:
            yield {key: list(map(dict.get, self.rows, repeat(key))) for key in keys}

    def columns_for(self, audience: str) -> tuple[Column, ...]:
        """Columns shown to ``audience``: DISPLAY (people) or DATA (machines)."""
        return tuple(c for c in self.columns if c.role in (BOTH, audience))

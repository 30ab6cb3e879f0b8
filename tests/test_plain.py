"""The plain table drawn without tabulate: the same bytes as tabulate's ``simple`` layout."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from wcwidth import wcswidth, wcwidth

from copscompare.render import plain, text
from copscompare.render.cells import Grid
from copscompare.render.chart import Bar
from copscompare.render.layout import cell_width

RANGES = [(start, end) for start, end in re.findall("(.)-(.)", plain._MEASURED_ALIKE)]
# Characters a table shows (Chinese, Latin, figures, punctuation, the bars), spaces included.
CHARS = st.sampled_from([*"厦门市区 Xiamen-9.5%≥−（）,，。、·—█▌▐│é°", "\u3000"])
CELL = st.text(CHARS, max_size=8)


def _grid(headers: list[str], numeric: list[bool], rows: list[list[str | Bar]]) -> Grid:
    return Grid("", tuple(headers), tuple(numeric), tuple(map(tuple, rows)), ())


def test_every_character_drawn_here_is_as_wide_as_wcwidth_says() -> None:
    for start, end in RANGES:
        for code in range(ord(start), ord(end) + 1):
            assert cell_width(chr(code)) == wcwidth(chr(code)), hex(code)


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from([chr(c) for s, e in RANGES for c in range(ord(s), ord(e) + 1)
                                if c % 97 == 0 or c < 0x300]), max_size=12))
def test_text_drawn_here_measures_as_wcwidth_measures_it(words: str) -> None:
    assert cell_width(words) == wcswidth(words)


@st.composite
def grids(draw: st.DrawFn) -> Grid:
    count = draw(st.integers(1, 4))
    headers = draw(st.lists(CELL, min_size=count, max_size=count))
    numeric = draw(st.lists(st.booleans(), min_size=count, max_size=count))
    rows = draw(st.lists(st.lists(CELL, min_size=count, max_size=count), max_size=5))
    return _grid(headers, numeric, rows)


@settings(max_examples=500, deadline=None)
@given(grids())
def test_the_plain_table_is_tabulates_simple_table(grid: Grid) -> None:
    assert plain.drawable(grid)
    assert plain.simple_table(grid) == text._with_tabulate(grid, "simple")


def test_a_plain_table_with_bars_and_gaps() -> None:
    grid = _grid(["#", "City", "Value", ""], [True, False, True, False],
                 [["1", "武进区 Wujin", "6000", Bar("", "│", "████▌ ")],
                  ["=2", "白城市", "", Bar("  ▐█", "│", "")]])
    assert plain.simple_table(grid) == (
        "  #  City            Value\n"
        "---  ------------  -------  -------\n"
        "  1  武进区 Wujin     6000  │████▌\n"
        " =2  白城市" + " " * 19 + "▐█│")
    assert plain.simple_table(grid) == text._with_tabulate(grid, "simple")


def test_with_no_rows_every_header_is_left_aligned() -> None:
    grid = _grid(["City", "Value"], [False, True], [])
    assert plain.simple_table(grid) == "City    Value\n------  -------"
    assert plain.simple_table(grid) == text._with_tabulate(grid, "simple")


def test_what_tabulate_would_measure_otherwise_is_left_to_it() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # one emoji, two cells wide
    for grid in (_grid(["City"], [False], [[family]]), _grid(["한\u1161"], [False], []),
                 _grid([], [], [])):
        assert not plain.drawable(grid)
        assert text._tabulate(grid, "simple") == text._with_tabulate(grid, "simple")

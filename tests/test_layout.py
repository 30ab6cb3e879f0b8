"""The width rules (render.layout): pure functions, so any drawer can reuse them."""

from __future__ import annotations

import pytest
from wcwidth import wcswidth

from copscompare.loading import bundled_path, load
from copscompare.render.layout import (
    Frame,
    Shape,
    cell_width,
    fit,
    plan,
    screenfuls,
    shape,
    wrap,
)

BOX = Frame(per_column=3, edges=1)


def test_cell_width_agrees_with_wcwidth_on_every_character_of_the_bundled_data() -> None:
    dataset = load(bundled_path(), use_cache=False)
    texts = [t for s in dataset.sources.values() for t in (s.title, s.publisher)]
    texts += [t for j in dataset.jurisdictions.values() for t in (j.name_zh, j.name_en)]
    texts += [t for m in dataset.metrics.values() for t in (m.label_zh, m.label_en)]
    texts += [o.quote for o in dataset.observations]
    characters = set("".join(texts)) | set("≥≤~−—│╭╮╰╯├┼┤┬┴─█▌▐¥％，。、（）“”")
    assert {c: cell_width(c) for c in characters} == {c: wcswidth(c) for c in characters}


@pytest.mark.parametrize("text, width, lines", [
    ("Criminal cases filed 刑事案件立案数", 16, ["Criminal cases", "filed 刑事案件立", "案数"]),
    ("cameras_total shenzhen", 9, ["cameras_total", "shenzhen"]),  # ids whole, even if wider
    ("2017-01/2017-11 ministry/provincial", 10,
     ["2017-01/2017-11", "ministry/", "provincial"]),  # a slash breaks only between letters
    # no line starts with ” or ，
    ("“两抢一盗”案件，下降", 6, ["“两抢", "一盗”", "案件，", "下降"]),
    ("视频监控探头总量, 2016-11", 14, ["视频监控探头总", "量, 2016-11"]),
    ("fits as it is", 13, ["fits as it is"]),
])
def test_wrap(text: str, width: int, lines: list[str]) -> None:
    assert wrap(text, width) == lines


def test_a_figure_keeps_its_unit_and_scope_and_only_the_parenthesis_wraps() -> None:
    assert wrap("+9.6 pp", 4, figure=True) == ["+9.6 pp"]
    assert wrap("#1 in province (2017-H1)", 14, figure=True) == ["#1 in province", "(2017-H1)"]
    assert wrap("−67.7% (baseline not stated)", 13, figure=True) == [
        "−67.7%", "(baseline not", "stated)"]
    assert shape("value", ["top 3 in province", "+1 pp"], figures=True) == Shape(17, 17)


def test_shape_natural_and_narrowest_include_the_header() -> None:
    assert shape("jurisdiction", ["厦门市 Xiamen", "武进区 Wujin District"], label=True) == Shape(
        21, 12, label=True)
    assert shape("", ["████  ", "█     "], fixed=True) == Shape(6, 6)


def test_fit_gives_natural_widths_when_they_fit_else_shares_fairly() -> None:
    shapes = [Shape(40, 10, label=True), Shape(8, 8), Shape(20, 6)]
    assert fit(shapes, 100, BOX) == (40, 8, 20)
    # 40 cells for text: 10 + 8 + 6 at their narrowest, and the 16 left shared by the two
    # that want more, 8 each
    assert fit(shapes, 50, BOX) == (18, 8, 14)
    assert fit(shapes, 20, BOX) == (10, 8, 6)  # never below the longest word


def test_plan_splits_the_other_columns_into_balanced_parts_repeating_the_labels() -> None:
    shapes = [Shape(20, 12, label=True), *(Shape(14, 10) for _ in range(5))]
    one = plan(shapes, 200, BOX)
    assert [b.columns for b in one.blocks] == [(0, 1, 2, 3, 4, 5)] and one.repeated == ()
    split = plan(shapes, 60, BOX)  # the labels and three others at their narrowest: 55
    assert [b.columns for b in split.blocks] == [(0, 1, 2, 3), (0, 4, 5)]
    assert split.repeated == (0,) and not split.overflow
    assert all(sum(b.widths) + BOX.around(len(b.widths)) <= 60 for b in split.blocks)


def test_plan_says_when_even_one_column_beside_the_labels_is_too_wide() -> None:
    shapes = [Shape(30, 30, label=True), Shape(30, 30)]
    layout = plan(shapes, 40, BOX)
    assert layout.overflow and [b.columns for b in layout.blocks] == [(0, 1)]
    assert layout.blocks[0].widths == (30, 30)  # nothing is cut


def test_screenfuls_keep_rows_whole_and_fit_the_room() -> None:
    assert screenfuls([1, 1, 2, 1, 3, 1], 4) == [range(0, 3), range(3, 5), range(5, 6)]
    assert screenfuls([5, 1], 3) == [range(0, 1), range(1, 2)]  # a taller row stands alone
    assert screenfuls([1, 1], 10) == [range(0, 2)]

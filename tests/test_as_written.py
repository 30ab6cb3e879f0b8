"""Numbers as written: a figure shows its own published decimals, never float noise; every
rounding is half up; a value written with an exponent shows as the number it stands for."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import HEADER, write

from copscompare.analysis.values import format_value, number_text
from copscompare.errors import DataError
from copscompare.loading import load
from copscompare.loading.fields import written_decimals
from copscompare.numbers import fixed_text, rounded, rounded_number


@pytest.mark.parametrize("value, decimals, expected", [
    (41.9405, 15, "41.940500000000000"),  # f"{41.9405:.15f}" would also give this...
    (19.293, 15, "19.293000000000000"),  # ...but this one would be 19.292999999999999
    (121.03300000000002, 3, "121.033"),  # a computed difference, rounded to its decimals
    (2.45, 1, "2.5"), (-2.45, 1, "-2.5"), (2.675, 2, "2.68"),  # half up, on the decimals
    (0.0008604, 7, "0.0008604"), (1e-05, 5, "0.00001"), (171.0, 0, "171"), (1.0, 2, "1.00"),
    (Decimal("0.125"), 2, "0.13"),
])
def test_fixed_text_is_the_written_decimal(value: float, decimals: int, expected: str) -> None:
    assert fixed_text(value, decimals) == expected


def test_rounding_is_half_up_everywhere() -> None:
    assert [str(rounded(v, 0)) for v in (0.5, 1.5, 2.5, -0.5, -2.5)] == [
        "1", "2", "3", "-1", "-3"]
    assert rounded_number(25.14625, 4) == 25.1463 and rounded_number(None, 2) is None
    assert rounded_number(43.0, 0) == 43 and isinstance(rounded_number(43.0, 0), int)


def test_display_has_no_float_noise() -> None:
    assert number_text(-19.293, 15) == "\u221219.293000000000000"
    assert format_value(41.9405, "percent", decimals=4) == "41.9405%"
    assert format_value(-19.293, "percent", "change_pp", decimals=3) == "\u221219.293 pp"


FIGURE = """\
observations:
  - jurisdiction: xiamen
    metric: community_police_rooms
    period: 2004
    measure: level
    value: {value}
    qualifier: exact
    source: s2
    quote: 全市171个社区警务室当年全部建成
"""


@pytest.mark.parametrize("written, decimals", [
    ("8.604e-4", 7), ("1.5e3", 0), ("171", 0), ("97.030", 3), ("41.940500000000000", 15),
    ("-0.54", 2), ("2E+2", 0),
])
def test_decimals_of_a_value_are_those_of_the_number_it_stands_for(written: str,
                                                                   decimals: int) -> None:
    assert written_decimals(written) == decimals


def test_a_value_written_with_an_exponent_displays_as_its_number(tmp_path: Path) -> None:
    figure = FIGURE.format(value="8.604e-4").replace("全市171个社区警务室当年全部建成",
                                                    "每千人拥有警务室0.0008604个")
    obs = load(write(tmp_path / "d.yaml", HEADER + figure), use_cache=False).observations[0]
    assert (obs.value, obs.decimals) == (0.0008604, 7)
    assert format_value(obs.value, "count", decimals=obs.decimals) == "0.0008604"


@pytest.mark.parametrize("written", ["0.1234567890123456", "1234567890123456", "1e-16",
                                     "3.0000000000000001"])
def test_a_value_no_float_keeps_exactly_is_refused(tmp_path: Path, written: str) -> None:
    path = write(tmp_path / "d.yaml", HEADER + FIGURE.format(value=written))
    with pytest.raises(DataError) as caught:
        load(path, use_cache=False)
    assert [str(p).replace(str(path), "F") for p in caught.value.problems] == [
        f"F:53: observations[0].value: '{written}' has more than 15 significant digits or "
        "decimals, more than a figure can keep exactly"]

"""A figure written as a journalist writes it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copscompare.analysis.values import (
    format_value,
    gap_words,
    measure_label,
    number_text,
    qualifier_for_sign,
    signed_text,
    span_words,
)
from copscompare.numbers import plain_number, plain_numbers


@pytest.mark.parametrize("value, decimals, expected", [
    (204365, 0, "204,365"), (97.03, 2, "97.03"), (-0.54, 2, "\u22120.54"), (0, 0, "0"),
    (1.0, 1, "1.0"), (-0.001, 0, "0"), (1234567.5, 1, "1,234,567.5"),
])
def test_number_text(value: float, decimals: int, expected: str) -> None:
    assert number_text(value, decimals) == expected


def test_signed_text_has_a_sign_except_for_zero() -> None:
    assert [signed_text(43), signed_text(-8.8, 1), signed_text(0), signed_text(0.0, 1)] == [
        "+43", "−8.8", "0", "0.0"]


@pytest.mark.parametrize("args, expected", [
    ((95, "percent", "level", "at_least"), "≥95%"),
    ((6000, "count", "level", "about"), "~6,000"),
    ((30000, "count", "level", "over"), ">30,000"),
    ((100, "count", "level", "under"), "<100"),
    ((3, "count", "level", "at_most"), "≤3"),
    ((-0.54, "count", "change_pct", "exact", 2), "−0.54%"),
    ((25.1, "count", "change_pct", "exact", 1), "+25.1%"),
    ((1, "percent", "change_pp"), "+1 pp"),
    ((1.0, "percent", "change_pp", "exact", 1), "+1.0 pp"),
    ((9.6, "percent", "change_pp", "exact", 1), "+9.6 pp"),
    ((-6000, "count", "change_abs", "about"), "~−6,000"),
    ((-6000, "count", "change_abs", "over"), "<−6,000"),
    ((-30, "count", "change_pct", "at_least"), "≤−30%"),
    ((2, "percent", "change_abs"), "+2 pp"),
    ((10000000, "yuan", "level", "over"), ">¥10,000,000"),
    ((-1000, "yuan", "change_abs"), "−¥1,000"),
    ((360, "seconds"), "360 s"), ((5, "minutes"), "5 min"), ((2, "hours"), "2 h"),
    ((1055, "people"), "1,055"),
])
def test_format_value(args: tuple, expected: str) -> None:
    assert format_value(*args) == expected


def test_ranks() -> None:
    assert format_value(2, "count", "rank", scope="province") == "#2 in province"
    assert format_value(1, "count", "rank", scope="nation") == "#1 in nation"
    assert format_value(3, "count", "rank", "at_most", scope="province") == "top 3 in province"


def test_a_fall_mirrors_bounds_only() -> None:
    assert [qualifier_for_sign(-5, q) for q in ("over", "at_least", "under", "at_most",
                                                 "about", "exact")] == [
        "under", "at_most", "over", "at_least", "about", "exact"]
    assert qualifier_for_sign(5, "over") == "over"


def test_plain_number_keeps_whole_numbers_whole() -> None:
    assert (plain_number(171.0), type(plain_number(171.0)), plain_number(-0.54),
            plain_number(None)) == (171, int, -0.54, None)


_NUMBER = st.one_of(st.none(), st.integers(-2**60, 2**60), st.floats(), st.sampled_from(
    [0.0, -0.0, 171.0, 2.0**53, -(2.0**53), 2.0**60, 9007199254740993, float("nan")]))


@settings(max_examples=500, deadline=None)
@given(st.lists(_NUMBER, max_size=12))
def test_plain_numbers_is_plain_number_of_each(values: list) -> None:
    """Equal values of different types (171 and 171.0, 0 and -0.0, 2**60 and 2.0**60) in one
    column each get their own plain number."""
    got = plain_numbers(values)
    expected = [plain_number(v) for v in values]
    assert [(type(g), g) if g == g else "nan" for g in got] == [
        (type(e), e) if e == e else "nan" for e in expected]


def test_words() -> None:
    assert [span_words(m) for m in (1, 3, 6, 12, 11, 60)] == [
        "month", "quarter", "half year", "year", "11 months", "5 years"]
    assert [gap_words(m) for m in (12, 36, 18)] == ["1 year", "3 years", "18 months"]
    assert measure_label("rank", "nation") == "rank in nation"
    assert measure_label("change_pp") == "pp change"
    assert measure_label("change_abs") == "abs. change"

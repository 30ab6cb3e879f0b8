"""delta: changes between comparable periods, CAGR, zero baselines and the claim check."""

from __future__ import annotations

from test_rank import dataset, fig, metric

from copscompare.analysis.claims import claim_check
from copscompare.analysis.common import STANDING_FOOTNOTE
from copscompare.analysis.delta import comparable, delta_table
from copscompare.periods import parse_period
from copscompare.table import DISPLAY, Table

ROOMS = metric("rooms", en="Community police rooms", zh="社区警务室")
CASES = metric("cases", better="lower", en="Criminal cases filed", zh="刑事案件立案数")
RATE = metric("rate", unit="percent", en="Clearance rate", zh="破案率")


def shown(table: Table, *keys: str) -> list[tuple]:
    return [tuple(row.get(k) for k in keys) for row in table.rows]


def test_xiamen_example_change_percent_and_annual_rate() -> None:
    data = dataset([ROOMS], [fig("xiamen", "rooms", "2004", 171),
                             fig("xiamen", "rooms", "2007", 214)])
    table = delta_table(data, "rooms", ["xiamen"])
    assert shown(table, "jurisdiction", "period", "level_text", "since_text", "change_text",
                 "relative_text", "over", "per_year_text") == [
        ("厦门市 Xiamen", "2004", "171", None, None, None, None, None),
        ("", "2007", "214", "2004", "+43", "+25.1%", "3 years", "+7.8%/yr"),
    ]
    assert shown(table, "level", "since", "change", "change_pct", "months", "per_year_pct")[1] \
        == (214, "2004", 43, 25.1462, 36, 7.7637)
    assert table.chart == "level"
    assert table.footnotes == (
        "Changes are computed between consecutive periods of the same length; per year is the "
        "compound annual rate when they are more than a year apart.",
        STANDING_FOOTNOTE,
    )


def test_one_year_apart_has_no_annual_rate() -> None:
    data = dataset([ROOMS], [fig("xiamen", "rooms", "2006", 200),
                             fig("xiamen", "rooms", "2007", 214)])
    row = delta_table(data, "rooms").rows[1]
    assert (row["relative_text"], row["over"], row["per_year_text"]) == ("+7.0%", "1 year", "")


def test_zero_baseline_gives_a_dash_and_a_footnote_not_an_error() -> None:
    data = dataset([ROOMS], [fig("wujin", "rooms", "2008", 0), fig("wujin", "rooms", "2010", 5)])
    table = delta_table(data, "rooms")
    assert shown(table, "change_text", "relative_text", "per_year_text", "change_pct")[1] == (
        "+5", "—", "", None)
    assert "— no percent change: the earlier figure is zero." in table.footnotes


def test_rates_get_percentage_points_and_no_annual_rate() -> None:
    data = dataset([RATE], [fig("xiamen", "rate", "2004", "95.1"),
                            fig("xiamen", "rate", "2007", "97.03")])
    table = delta_table(data, "rate")
    assert shown(table, "relative_text", "change_pp", "per_year_text")[1] == (
        "+1.93 pp", 1.93, "")
    # the absolute change of a rate is its pp change: one figure, shown once
    assert [c.header for c in table.columns_for(DISPLAY)] == [
        "jurisdiction", "period", "level", "since", "pp change", "over", "source"]
    assert "change" not in table.rows[1] and "change_pct" not in table.rows[1]
    assert [c.key for c in table.columns].count("change_pp") == 1


def test_computed_changes_are_decimal_and_round_half_up() -> None:
    """500.233 − 379.2 is 121.033 exactly, not 121.03300000000002; 2.05% rounds to 2.1%."""
    data = dataset([ROOMS], [fig("xiamen", "rooms", "2006", "379.2"),
                             fig("xiamen", "rooms", "2007", "500.233"),
                             fig("wujin", "rooms", "2006", 200),
                             fig("wujin", "rooms", "2007", "204.1")])
    rows = delta_table(data, "rooms").rows  # Wujin District, then Xiamen
    assert (rows[3]["change_text"], rows[3]["change"]) == ("+121.033", 121.033)
    assert (rows[1]["relative_text"], rows[1]["change_pct"]) == ("+2.1%", 2.05)


def test_a_rate_with_many_written_decimals_shows_them_without_float_noise() -> None:
    data = dataset([RATE], [fig("xiamen", "rate", "2006", "61.233000000000000"),
                            fig("xiamen", "rate", "2007", "41.940500000000000")])
    row = delta_table(data, "rate").rows[1]
    assert (row["level_text"], row["relative_text"], row["change_pp"]) == (
        "41.940500000000000%", "−19.292500000000000 pp", -19.2925)


def test_half_year_is_not_differenced_with_a_year() -> None:
    data = dataset([ROOMS], [fig("xiamen", "rooms", "2006", 200),
                             fig("xiamen", "rooms", "2007-H1", 205),
                             fig("xiamen", "rooms", "2007", 214)])
    table = delta_table(data, "rooms")
    assert shown(table, "period", "since", "change") == [
        ("2006", None, None), ("2007-H1", None, None), ("2007", "2006", 14)]
    assert ("Not differenced, no earlier period of the same length: 厦门市 2007-H1."
            in table.footnotes)


def test_halves_eighteen_months_apart() -> None:
    data = dataset([ROOMS], [fig("xiamen", "rooms", "2007-H1", 100),
                             fig("xiamen", "rooms", "2008-H2", 121)])
    row = delta_table(data, "rooms").rows[1]
    assert (row["over"], row["per_year_text"], row["per_year_pct"]) == (
        "18 months", "+13.6%/yr", 13.5508)


def test_comparable_periods_rule() -> None:
    p = parse_period
    assert comparable(p("2004"), p("2007"))
    assert not comparable(p("2007-H1"), p("2007"))
    assert not comparable(p("2012/2016"), p("2013/2017"))  # same length, but overlapping
    assert not comparable(p("unknown"), p("2007"))


def test_unknown_periods_listed_last_not_differenced() -> None:
    data = dataset([ROOMS], [fig("wujin", "rooms", "unknown", 19, note="no year"),
                             fig("wujin", "rooms", "2009", 12)])
    table = delta_table(data, "rooms")
    assert shown(table, "period", "level", "change") == [("2009", 12, None),
                                                         ("unknown", 19, None)]
    assert "Unknown periods are listed but not differenced." in table.footnotes


def test_approximate_levels_mark_the_computed_change() -> None:
    data = dataset([ROOMS], [fig("xiamen", "rooms", "2006", 100, qualifier="about"),
                             fig("xiamen", "rooms", "2007", 120)])
    table = delta_table(data, "rooms")
    assert shown(table, "level_text", "change_text", "relative_text")[0:2] == [
        ("~100", None, None), ("120", "~+20", "~+20.0%")]
    assert "~ computed from a figure published as approximate or as a bound." in table.footnotes


def test_reported_change_beside_level_with_claim_check_agreeing() -> None:
    data = dataset([CASES], [fig("xiamen", "cases", "2008", 200),
                             fig("xiamen", "cases", "2009", 190),
                             fig("xiamen", "cases", "2009", "-5.0", "change_pct")])
    table = delta_table(data, "cases")
    assert shown(table, "period", "relative_text", "reported_text", "check_text", "check",
                 "check_computed")[1] == ("2009", "−5.0%", "−5.0%", "agrees", "agrees", -5)
    assert ("Check: whether the reported change matches the change computed from the published "
            "levels, allowing for their rounding.") in table.footnotes


def test_claim_check_differs_and_shows_the_computed_change() -> None:
    data = dataset([CASES], [fig("xiamen", "cases", "2008", 200),
                             fig("xiamen", "cases", "2009", 190),
                             fig("xiamen", "cases", "2009", -8, "change_pct")])
    row = delta_table(data, "cases").rows[1]
    assert (row["reported_text"], row["check_text"], row["check"]) == (
        "−8%", "differs: computed −5.0%", "differs")


def test_claim_check_tolerance_comes_from_published_precision() -> None:
    # 200 and 190 may be 199.5–200.5 and 189.5–190.5: the change lies in −5.49% … −4.51%.
    levels = [fig("xiamen", "cases", "2008", 200), fig("xiamen", "cases", "2009", 190)]
    near = claim_check(fig("xiamen", "cases", "2009", "-5.4", "change_pct"), levels)
    far = claim_check(fig("xiamen", "cases", "2009", "-5.6", "change_pct"), levels)
    assert near is not None and near.agrees is True
    assert far is not None and far.agrees is False


def test_claim_check_uses_the_stated_baseline_and_pp_for_rates() -> None:
    levels = [fig("xiamen", "rate", "2007", "88.5"), fig("xiamen", "rate", "2008", "90.5"),
              fig("xiamen", "rate", "2009", "91.5")]
    yearly = claim_check(fig("xiamen", "rate", "2009", 1, "change_pp"), levels)
    assert yearly is not None and (yearly.agrees, yearly.computed) == (True, 1.0)
    wrong = claim_check(fig("xiamen", "rate", "2009", 2, "change_pp"), levels)
    assert wrong is not None and wrong.agrees is False
    based = claim_check(fig("xiamen", "rate", "2009", 3, "change_pp", baseline="2007"), levels)
    assert based is not None and (based.agrees, based.baseline.period.text) == (True, "2007")


def test_claim_check_needs_both_levels() -> None:
    levels = [fig("xiamen", "cases", "2009", 190)]
    assert claim_check(fig("xiamen", "cases", "2009", -5, "change_pct"), levels) is None


def test_reported_changes_without_levels_get_their_own_rows() -> None:
    data = dataset([CASES], [fig("changchun", "cases", "2006", "-8.8", "change_pct"),
                             fig("wujin", "cases", "2009", "-0.54", "change_pct"),
                             fig("wujin", "cases", "2009", -6000, "change_abs", "about",
                                 baseline="2007")])
    table = delta_table(data, "cases", ["wujin", "changchun", "xiamen"])
    assert shown(table, "jurisdiction", "period", "reported_text", "reported_value") == [
        ("武进区 Wujin District", "2009", "−0.54%", -0.54),
        ("", "2009", "~−6,000 vs 2007", -6000),
        ("长春市 Changchun", "2006", "−8.8%", -8.8),
    ]
    assert "No figures for this metric from: 厦门市." in table.footnotes
    assert table.chart is None  # percent and absolute changes are not one scale
    only_pct = delta_table(data, "cases", ["changchun"])
    assert only_pct.chart == "reported_value"
    assert [c.header for c in table.columns_for(DISPLAY)] == [
        "jurisdiction", "period", "reported", "source"]

"""compare: metrics as rows, jurisdictions as columns; shared periods; gaps as gaps."""

from __future__ import annotations

from test_rank import dataset, fig, metric

from copscompare.analysis.common import STANDING_FOOTNOTE
from copscompare.analysis.compare import CompareOptions, choose_cells, compare_table
from copscompare.table import DATA, DISPLAY, Table

ROOMS = metric("rooms", category="community_policing", en="Community police rooms",
               zh="社区警务室")
CASES = metric("cases", better="lower", en="Criminal cases filed", zh="刑事案件立案数")
GDP = metric("gdp", unit="yuan", better="neither", category="context", en="GDP", zh="生产总值")
EMPTY = metric("empty", en="Nobody reports this", zh="无")


def cells(table: Table, *keys: str) -> list[tuple]:
    return [tuple(row.get(k) for k in keys) for row in table.rows]


def test_shared_period_rows_and_columns() -> None:
    data = dataset([ROOMS], [fig("xiamen", "rooms", "2004", 171),
                             fig("xiamen", "rooms", "2007", 214),
                             fig("changchun", "rooms", "2007", 216)])
    table = compare_table(data, ["xiamen", "changchun"], CompareOptions(["rooms"]))
    assert [c.header for c in table.columns_for(DISPLAY)] == [
        "metric", "figure", "period", "厦门市 Xiamen", "长春市 Changchun"]
    assert cells(table, "metric_text", "figure", "period_text", "xiamen_text",
                 "changchun_text") == [
        ("Community police rooms 社区警务室", "level", "2007", "214", "216")]
    assert table.footnotes == (
        "Showing 2 of 3 figures these places reported for these rows, one period per row; left "
        "out, other periods: 厦门市 2004 (Community police rooms 社区警务室). `--all-periods` "
        "shows every period.", STANDING_FOOTNOTE)
    assert table.title == "Side by side: 厦门市 Xiamen, 长春市 Changchun"


def test_latest_shared_period_wins_and_later_figures_are_named() -> None:
    data = dataset([ROOMS], [fig("xiamen", "rooms", "2007", 214),
                             fig("xiamen", "rooms", "2009", 250),
                             fig("changchun", "rooms", "2007", 216)])
    table = compare_table(data, ["xiamen", "changchun"])
    assert cells(table, "period", "xiamen", "changchun") == [("2007", 214, 216)]
    assert ("Showing 2 of 3 figures these places reported for these rows, one period per row; "
            "left out, other periods: 厦门市 2009 (Community police rooms 社区警务室). "
            "`--all-periods` shows every period.") in table.footnotes


def test_periods_that_differ_show_in_each_cell_and_are_flagged() -> None:
    data = dataset([CASES], [fig("changchun", "cases", "2006", "-8.8", "change_pct"),
                             fig("wujin", "cases", "2009", "-0.54", "change_pct")])
    table = compare_table(data, ["changchun", "wujin"])
    assert cells(table, "figure", "period_text", "period", "changchun_text", "wujin_text") == [
        ("% change", "varies", None, "−8.8% (2006)", "−0.54% (2009)")]
    assert ("Periods differ between jurisdictions in: Criminal cases filed 刑事案件立案数 "
            "(% change). Each cell shows its period.") in table.footnotes
    assert ("Different administrative levels: 长春市 sub-provincial city; 武进区 district."
            in table.footnotes)


def test_kinds_of_figure_get_separate_rows_and_gaps_show_as_dashes() -> None:
    data = dataset([GDP, CASES], [fig("wujin", "gdp", "2009", 98000000000),
                                  fig("wujin", "gdp", "2009", "17.7", "change_pct"),
                                  fig("xiamen", "cases", "2009", -3, "change_pct")])
    table = compare_table(data, ["wujin", "xiamen"])
    assert cells(table, "metric", "figure", "wujin_text", "xiamen_text") == [
        ("cases", "% change", "—", "−3%"),
        ("gdp", "level", "¥98,000,000,000", "—"),
        ("gdp", "% change", "+17.7%", "—"),
    ]
    assert "— no figure reported." in table.footnotes
    assert ("Context rows (economy, population) are background, not police results."
            in table.footnotes)


def test_rows_need_data_unless_all_or_named() -> None:
    data = dataset([ROOMS, EMPTY], [fig("xiamen", "rooms", "2007", 214)])
    assert cells(compare_table(data, ["xiamen"]), "metric") == [("rooms",)]
    every = compare_table(data, ["xiamen"], CompareOptions(show_all=True))
    assert cells(every, "metric", "figure", "xiamen_text") == [
        ("empty", "—", "—"), ("rooms", "level", "214")]  # crime first
    named = compare_table(data, ["xiamen"], CompareOptions(["empty"]))
    assert cells(named, "metric") == [("empty",)]
    crime = compare_table(data, ["xiamen"], CompareOptions(category="crime", show_all=True))
    assert cells(crime, "metric") == [("empty",)]


def test_transposed_has_jurisdictions_as_rows() -> None:
    data = dataset([ROOMS, CASES], [fig("xiamen", "rooms", "2007", 214),
                                    fig("changchun", "rooms", "2007", 216),
                                    fig("changchun", "cases", "2006", "-8.8", "change_pct")])
    table = compare_table(data, ["xiamen", "changchun"],
                          CompareOptions(transpose=True, lang="en"))
    assert [c.header for c in table.columns_for(DISPLAY)] == [
        "jurisdiction", "level", "Criminal cases filed (% change), 2006",
        "Community police rooms, 2007"]
    assert cells(table, "jurisdiction", "cases_change_pct_text", "rooms_text") == [
        ("Xiamen", "—", "214"), ("Changchun", "−8.8%", "216")]
    assert [c.key for c in table.columns_for(DATA)][:6] == [
        "city", "city_zh", "city_en", "level", "cases_change_pct", "cases_change_pct_qualifier"]


def test_data_columns_are_numbers_per_jurisdiction() -> None:
    data = dataset([ROOMS], [fig("xiamen", "rooms", "2007", 214, qualifier="about")])
    table = compare_table(data, ["xiamen"])
    row = table.rows[0]
    assert (row["xiamen"], row["xiamen_qualifier"], row["xiamen_period"], row["xiamen_source"],
            row["xiamen_text"]) == (214, "about", "2007", "s1", "~214")
    assert ("~ about, > over, ≥ at least, < under, ≤ at most: the figure was published as "
            "approximate or as a bound.") in table.footnotes


def test_choose_cells_without_a_shared_period_takes_each_latest() -> None:
    figures = [fig("xiamen", "rooms", "2004", 171), fig("xiamen", "rooms", "2007", 214),
               fig("changchun", "rooms", "2006", 200)]
    chosen, shared = choose_cells(figures, ["xiamen", "changchun"])
    assert ({k: o.value for k, o in chosen.items()}, shared) == (
        {"xiamen": 214, "changchun": 200}, None)


def test_earlier_periods_left_out_are_counted_and_all_periods_shows_them() -> None:
    """Changzhou showed 91 of its 93 figures without a word; now the rest are named."""
    data = dataset([ROOMS, CASES], [
        fig("changzhou", "rooms", "2015", 40), fig("changzhou", "rooms", "2016", 44),
        fig("changzhou", "rooms", "2017", 48), fig("wujin", "rooms", "2016", 12),
        fig("wujin", "rooms", "2017", 13), fig("changzhou", "cases", "2017", -5, "change_pct")])
    table = compare_table(data, ["changzhou", "wujin"])
    assert cells(table, "metric", "period_text", "changzhou_text", "wujin_text") == [
        ("cases", "2017", "−5%", "—"), ("rooms", "2017", "48", "13")]
    assert table.footnotes[0] == (
        "Showing 3 of 6 figures these places reported for these rows, one period per row; "
        "left out, other periods: 常州市 2015 (Community police rooms 社区警务室), 常州市 2016 "
        "(Community police rooms 社区警务室), 武进区 2016 (Community police rooms 社区警务室). "
        "`--all-periods` shows every period.")
    assert ("武进区 is part of 常州市: the larger place's figures may include the smaller "
            "one's, so they are not independent.") in table.footnotes
    every = compare_table(data, ["changzhou", "wujin"], CompareOptions(all_periods=True))
    assert every.title == "Side by side: 常州市 Changzhou, 武进区 Wujin District, every period"
    assert cells(every, "metric", "period_text", "changzhou_text", "wujin_text") == [
        ("cases", "2017", "−5%", "—"), ("rooms", "2015", "40", "—"), ("rooms", "2016", "44", "12"),
        ("rooms", "2017", "48", "13")]
    assert not any(note.startswith("Showing") for note in every.footnotes)
    assert sum(len([k for k in row if k in ("changzhou", "wujin") and row[k] is not None])
               for row in every.rows) == 6  # every figure shown


def test_all_periods_transposed_puts_each_period_in_a_column_header() -> None:
    data = dataset([ROOMS], [fig("changzhou", "rooms", "2016", 44),
                             fig("changzhou", "rooms", "2017", 48)])
    table = compare_table(data, ["changzhou"], CompareOptions(all_periods=True, transpose=True,
                                                              lang="en"))
    assert [c.header for c in table.columns_for(DISPLAY)] == [
        "jurisdiction", "level", "Community police rooms, 2016", "Community police rooms, 2017"]


def test_ranks_within_different_provinces_side_by_side_are_footnoted() -> None:
    standing = metric("standing", better="lower", en="Rank", zh="排名")
    data = dataset([standing], [fig("xiamen", "standing", "2017", 1, "rank", scope="province"),
                                fig("changzhou", "standing", "2017", 2, "rank",
                                    scope="province")])
    table = compare_table(data, ["xiamen", "changzhou"])
    assert ("Ranks within province are each within the place's own province (厦门市: Fujian "
            "福建; 常州市: Jiangsu 江苏): #1 in one province is not above #2 in another."
            in table.footnotes)
    assert [c.id for c in table.sources] == ["s1"]

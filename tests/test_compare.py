"""compare: metrics as rows, jurisdictions as columns; shared periods; gaps as gaps."""

from __future__ import annotations

from test_rank import dataset, fig, metric

from copscompare.analysis.common import STANDING_FOOTNOTE
from copscompare.analysis.compare import choose_cells, compare_table
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
    table = compare_table(data, ["xiamen", "changchun"], ["rooms"])
    assert [c.header for c in table.columns_for(DISPLAY)] == [
        "metric", "figure", "period", "厦门市 Xiamen", "长春市 Changchun"]
    assert cells(table, "metric_text", "figure", "period_text", "xiamen_text",
                 "changchun_text") == [
        ("Community police rooms 社区警务室", "level", "2007", "214", "216")]
    assert table.footnotes == (STANDING_FOOTNOTE,)
    assert table.title == "Side by side: 厦门市 Xiamen, 长春市 Changchun"


def test_latest_shared_period_wins_and_later_figures_are_named() -> None:
    data = dataset([ROOMS], [fig("xiamen", "rooms", "2007", 214),
                             fig("xiamen", "rooms", "2009", 250),
                             fig("changchun", "rooms", "2007", 216)])
    table = compare_table(data, ["xiamen", "changchun"])
    assert cells(table, "period", "xiamen", "changchun") == [("2007", 214, 216)]
    assert ("The latest period all share is shown; later figures: 厦门市 2009 "
            "(Community police rooms 社区警务室).") in table.footnotes


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
    assert cells(compare_table(data, ["xiamen"], show_all=True), "metric", "figure",
                 "xiamen_text") == [("empty", "—", "—"), ("rooms", "level", "214")]  # crime first
    assert cells(compare_table(data, ["xiamen"], ["empty"]), "metric") == [("empty",)]
    assert cells(compare_table(data, ["xiamen"], category="crime", show_all=True),
                 "metric") == [("empty",)]


def test_transposed_has_jurisdictions_as_rows() -> None:
    data = dataset([ROOMS, CASES], [fig("xiamen", "rooms", "2007", 214),
                                    fig("changchun", "rooms", "2007", 216),
                                    fig("changchun", "cases", "2006", "-8.8", "change_pct")])
    table = compare_table(data, ["xiamen", "changchun"], transpose=True, lang="en")
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
    chosen, shared, later = choose_cells(figures, ["xiamen", "changchun"])
    assert ({k: o.value for k, o in chosen.items()}, shared, later) == (
        {"xiamen": 214, "changchun": 200}, None, ())

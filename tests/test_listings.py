"""show, cities, sources, metrics: finding one's way around the data."""

from __future__ import annotations

from test_rank import PLACES, dataset, fig, metric, place

from copscompare.analysis.common import STANDING_FOOTNOTE
from copscompare.analysis.listings import cities_table, metrics_table, show_table, sources_table
from copscompare.table import DATA, DISPLAY

RATE = metric("clearance_rate", unit="percent", category="clearance", zh="刑事案件破案率",
              en="Criminal case clearance rate", aliases=("破案率",))
CASES = metric("cases", better="lower", zh="刑事案件立案数", en="Criminal cases filed")
ROOMS = metric("rooms", category="community_policing", zh="社区警务室",
               en="Community police rooms")
NANJING = place("nanjing", "南京市", "Nanjing", "sub_provincial_city", source="s1",
                note="Describes a system; no figures.")
DATA_SET = dataset([RATE, CASES, ROOMS], [
    fig("wujin", "rooms", "2009", 12, source="s2"),
    fig("wujin", "clearance_rate", "2009", 1, "change_pp", source="s2"),
    fig("wujin", "cases", "2009", "-0.54", "change_pct", source="s2"),
    fig("wujin", "cases", "2008", 3000, qualifier="about", source="s2"),
    fig("wujin", "cases", "unknown", "-3", "change_pct", source="s2", note="no year"),
    fig("xiamen", "rooms", "2004", 171), fig("xiamen", "rooms", "2007", 214),
    fig("changchun", "rooms", "2007", 216),
], [*PLACES, NANJING])


def test_show_groups_by_category_then_metric_kind_and_time() -> None:
    table = show_table(DATA_SET, "wujin")
    assert table.title == "武进区 Wujin District — district, Jiangsu 江苏; part of 常州市 Changzhou"
    assert [(r["category_text"], r["metric"], r["period_text"], r["value_text"], r["source"])
            for r in table.rows] == [
        ("crime", "cases", "2008", "~3,000", "s2"),
        ("", "cases", "2009", "−0.54%", "s2"),
        ("", "cases", "unknown", "−3%", "s2"),
        ("clearance", "clearance_rate", "2009", "+1 pp", "s2"),
        ("community policing", "rooms", "2009", "12", "s2"),
    ]
    assert table.footnotes == (
        "unknown: the source gives no year; `--sources` shows why.",
        "~ about, > over, ≥ at least, < under, ≤ at most: published as approximate or as a "
        "bound.",
        "s2: 第二篇 (常州日报, 2010-01-18)",
        STANDING_FOOTNOTE,
    )
    assert [c.header for c in table.columns_for(DISPLAY)] == [
        "category", "metric", "kind", "period", "value", "source"]
    assert [r["kind_text"] for r in table.rows] == [
        "level", "% change", "% change", "pp change", "level"]


def test_show_with_sources_adds_quote_and_note() -> None:
    table = show_table(DATA_SET, "wujin", sources=True, lang="en")
    assert [c.header for c in table.columns_for(DISPLAY)][-2:] == ["quote", "note"]
    assert table.rows[2]["note"] == "no year"
    assert table.rows[0]["metric_text"] == "Criminal cases filed"


def test_show_a_jurisdiction_without_figures_says_so_and_cites_the_mention() -> None:
    table = show_table(DATA_SET, "nanjing")
    assert table.rows == ()
    assert table.footnotes == (
        "No figures reported for 南京市 Nanjing in the data.",
        "Mentioned in s1: 第一篇 (厦门日报, 2007).",
        "Note: Describes a system; no figures.",
    )


def test_show_lists_jurisdictions_within() -> None:
    assert ("Also in the data, within it: 武进区 Wujin District."
            in show_table(DATA_SET, "changzhou").footnotes)


def test_cities_by_province_with_counts_and_years() -> None:
    table = cities_table(DATA_SET)
    assert [(r["id"], r["figures"], r["metrics"], r["periods"], r["parent_text"])
            for r in table.rows] == [
        ("xiamen", 2, 1, "2004–2007", ""),
        ("nanjing", 0, 0, "", ""),
        ("changzhou", 0, 0, "", ""),
        ("wujin", 5, 3, "2008–2009, unknown", "常州市"),
        ("changchun", 1, 1, "2007", ""),
        ("shenyang", 0, 0, "", ""),
    ]
    assert table.title == "Jurisdictions: 6 (3 with figures)"


def test_sources_with_figures_and_jurisdictions() -> None:
    table = sources_table(DATA_SET)
    assert [(r["id"], r["figures"], r["jurisdictions_text"], r["jurisdictions"])
            for r in table.rows] == [("s1", 3, "厦门市, 长春市", "xiamen;changchun"),
                                     ("s2", 5, "武进区", "wujin")]


def test_metrics_show_how_many_report_each_kind() -> None:
    table = metrics_table(DATA_SET)
    assert [(r["id"], r["jurisdictions"], r["measures"]) for r in table.rows] == [
        ("cases", 1, "level 1, % change 1"),
        ("clearance_rate", 1, "pp change 1"),
        ("rooms", 3, "level 3"),
    ]
    assert [c.key for c in table.columns_for(DATA)][-6:] == [
        "figures", "level", "change_pct", "change_pp", "change_abs", "rank"]
    assert (table.rows[0]["level"], table.rows[0]["change_pct"], table.rows[0]["figures"]) == (
        1, 1, 3)
    assert table.title == "Metrics: 3 (3 with figures)"


def test_metrics_search_matches_ids_labels_and_aliases() -> None:
    assert [r["id"] for r in metrics_table(DATA_SET, search="破案").rows] == ["clearance_rate"]
    assert [r["id"] for r in metrics_table(DATA_SET, search="POLICE").rows] == ["rooms"]
    assert [r["id"] for r in metrics_table(DATA_SET, category="crime").rows] == ["cases"]
    assert (metrics_table(DATA_SET, search="nothing").title
            == "Metrics matching 'nothing': 0 (0 with figures)")


def test_metrics_core_keeps_the_core_metrics_most_reported_first() -> None:
    cored = dataset([CASES._replace(core=True), RATE, ROOMS._replace(core=True)],
                    list(DATA_SET.observations), [*PLACES, NANJING])
    table = metrics_table(cored, core=True)
    assert [(r["id"], r["jurisdictions"], r["core_text"]) for r in table.rows] == [
        ("rooms", 3, "core"), ("cases", 1, "core")]
    assert table.title == "Core metrics: 2 (2 with figures)"
    assert [r["core"] for r in metrics_table(cored).rows] == [True, False, True]
    assert metrics_table(cored, search="police", core=True).title == (
        "Core metrics matching 'police': 1 (1 with figures)")

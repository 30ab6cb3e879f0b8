"""rank: direction, ties, measure choice, qualifiers and footnotes, on small inline datasets.

``place``, ``metric``, ``fig`` and ``dataset`` build a Dataset in Python (no YAML); the other
analysis tests import them from here.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from copscompare.analysis.common import STANDING_FOOTNOTE, Bounds, bounds
from copscompare.analysis.rank import RankOptions, competition_ranks, possible_ranks, rank_table
from copscompare.model import (
    QUALIFIERS,
    Dataset,
    InMemoryObservations,
    Jurisdiction,
    Metric,
    Observation,
    Source,
)
from copscompare.periods import parse_period
from copscompare.table import DATA, DISPLAY, Table

SOURCES = {"s1": Source("s1", "第一篇", "厦门日报", "2007", "a.txt"),
           "s2": Source("s2", "第二篇", "常州日报", "2010-01-18", "b.txt")}


def place(ident: str, zh: str, en: str, level: str = "prefecture_city",
          province: str = "Jiangsu", province_zh: str = "江苏", **extra: str) -> Jurisdiction:
    return Jurisdiction(ident, zh, en, province, province_zh, level, **extra)


PLACES = [
    place("xiamen", "厦门市", "Xiamen", "sub_provincial_city", "Fujian", "福建"),
    place("changchun", "长春市", "Changchun", "sub_provincial_city", "Jilin", "吉林"),
    place("changzhou", "常州市", "Changzhou"),
    place("wujin", "武进区", "Wujin District", "district", parent="changzhou"),
    place("shenyang", "沈阳市", "Shenyang", "sub_provincial_city", "Liaoning", "辽宁"),
]


def metric(ident: str, unit: str = "count", better: str = "higher", category: str = "crime",
           zh: str = "指标", en: str = "Metric", aliases: tuple[str, ...] = ()) -> Metric:
    return Metric(ident, zh, en, unit, better, category, "A test metric.", aliases)


def fig(where: str, what: str, period: str, value: str | float, measure: str = "level",
        qualifier: str = "exact", scope: str | None = None, baseline: str | None = None,
        source: str = "s1", note: str | None = None) -> Observation:
    """One observation; ``value`` as written (``"1.0"`` keeps one decimal)."""
    text = value if isinstance(value, str) else repr(value)
    decimals = len(text.split(".")[1]) if "." in text else 0
    return Observation(where, what, parse_period(period), measure, float(text), qualifier,
                       source, f"quote {text}", decimals, note, scope, baseline)


def dataset(metrics: list[Metric], figures: list[Observation],
            places: list[Jurisdiction] | None = None) -> Dataset:
    return Dataset(SOURCES, {p.id: p for p in places or PLACES},
                   {m.id: m for m in metrics}, InMemoryObservations(tuple(figures)))


def display(table: Table, key: str) -> list:
    return [row.get(key) for row in table.rows]


def ranked_measure(table: Table) -> str:
    """The one kind of figure the table ranks (every row has it)."""
    (measure,) = {row["measure"] for row in table.rows}
    return measure


def ranked(table: Table) -> list[tuple[str, str, str]]:
    """(rank as shown, city id, value as shown) for each row."""
    return [(r["rank_text"], r["city"], r["value_text"]) for r in table.rows]


ROOMS = metric("rooms", en="Community police rooms", zh="社区警务室")
CRIME = metric("cases", better="lower", en="Criminal cases filed", zh="刑事案件立案数")
RATE = metric("clearance_rate", unit="percent", en="Criminal case clearance rate",
              zh="刑事案件破案率")


def test_competition_ranks_share_and_skip() -> None:
    assert competition_ranks([(9, 0), (7, 0), (7, 0), (5, 0)]) == [1, 2, 2, 4]
    assert competition_ranks([]) == []


def test_higher_is_better_ranks_highest_first_with_ties_marked() -> None:
    data = dataset([ROOMS], [
        fig("xiamen", "rooms", "2007", 214), fig("changchun", "rooms", "2007", 216),
        fig("changzhou", "rooms", "2007", 214), fig("shenyang", "rooms", "2007", 100),
    ])
    table = rank_table(data, RankOptions("rooms"))
    assert ranked(table) == [("1", "changchun", "216"), ("=2", "changzhou", "214"),
                             ("=2", "xiamen", "214"), ("4", "shenyang", "100")]
    assert display(table, "rank") == [1, 2, 2, 4]
    assert table.title == ("Community police rooms 社区警务室 — reported levels; "
                           "highest first (higher is better)")


def test_lower_is_better_ranks_largest_fall_first() -> None:
    data = dataset([CRIME], [
        fig("xiamen", "cases", "2009", "-0.54", "change_pct"),
        fig("changchun", "cases", "2009", "-8.8", "change_pct"),
        fig("wujin", "cases", "2009", "3.1", "change_pct"),
    ])
    table = rank_table(data, RankOptions("cases"))
    assert ranked(table) == [("1", "changchun", "−8.8%"), ("2", "xiamen", "−0.54%"),
                             ("3", "wujin", "+3.1%")]
    assert table.title == ("Criminal cases filed 刑事案件立案数 — reported percent changes "
                           "(not levels); largest fall first (lower is better)")


def test_lower_is_better_levels_rank_lowest_first_and_order_overrides() -> None:
    data = dataset([CRIME], [fig("xiamen", "cases", "2009", 500),
                             fig("changchun", "cases", "2009", 300)])
    assert display(rank_table(data, RankOptions("cases")), "city") == ["changchun", "xiamen"]
    flipped = rank_table(data, RankOptions("cases", order="desc"))
    assert display(flipped, "city") == ["xiamen", "changchun"]
    assert flipped.title.endswith("highest first (lower is better: worst first)")


def test_neither_direction_sorts_descending_and_says_so() -> None:
    gdp = metric("gdp", unit="yuan", better="neither", category="context", en="GDP",
                 zh="地区生产总值")
    data = dataset([gdp], [fig("xiamen", "gdp", "2009", 5000000000),
                           fig("wujin", "gdp", "2009", 98000000000)])
    table = rank_table(data, RankOptions("gdp"))
    assert ranked(table) == [("1", "wujin", "¥98,000,000,000"),
                             ("2", "xiamen", "¥5,000,000,000")]
    assert table.title.endswith("; largest first")
    assert "A context figure (economy, population), not a police result." in table.footnotes


def test_seed_example_clearance_rate_ranks_changes_and_says_so() -> None:
    data = dataset([RATE], [
        fig("wujin", "clearance_rate", "2009", 1, "change_pp", source="s2"),
        fig("shenyang", "clearance_rate", "2007-H1", "9.6", "change_pp"),
    ])
    table = rank_table(data, RankOptions("clearance_rate"))
    assert table.title == ("Criminal case clearance rate 刑事案件破案率 — reported "
                           "percentage-point changes (not levels); largest rise first "
                           "(higher is better)")
    assert [(r["rank_text"], r["jurisdiction"], r["value_text"], r["period_text"],
             r["level_text"], r["source"]) for r in table.rows] == [
        ("1", "沈阳市 Shenyang", "+9.6 pp", "2007-H1", "sub-provincial city", "s1"),
        ("2", "武进区 Wujin District", "+1 pp", "2009", "district", "s2"),
    ]
    assert table.footnotes == (
        "Not the same period (2007-H1: 沈阳市; 2009: 武进区).",
        "Periods of different length: figures over a longer period are not comparable with "
        "shorter ones (half year: 沈阳市; year: 武进区).",
        "Different administrative levels (sub-provincial city: 沈阳市; district: 武进区).",
        "Reported by 2 of 5 jurisdictions in the data.",
        STANDING_FOOTNOTE,
    )


def test_levels_win_over_changes_and_other_kinds_are_named() -> None:
    data = dataset([CRIME], [
        fig("xiamen", "cases", "2009", "-3", "change_pct"),
        fig("changchun", "cases", "2009", "-4", "change_pct"),
        fig("wujin", "cases", "2009", 900),
    ])
    table = rank_table(data, RankOptions("cases"))
    assert display(table, "city") == ["wujin"]
    assert ranked_measure(table) == "level"
    assert ("Also reported, ranked separately: percent changes for 2 jurisdictions "
            "(--measure change_pct).") in table.footnotes


def test_measure_with_most_jurisdictions_and_tie_order() -> None:
    most = dataset([CRIME], [
        fig("xiamen", "cases", "2009", "-300", "change_abs"),
        fig("changchun", "cases", "2009", "-200", "change_abs"),
        fig("wujin", "cases", "2009", "-4", "change_pct"),
    ])
    assert ranked_measure(rank_table(most, RankOptions("cases"))) == "change_abs"
    tie = dataset([CRIME], [fig("xiamen", "cases", "2009", "-300", "change_abs"),
                            fig("wujin", "cases", "2009", "-4", "change_pct")])
    assert ranked_measure(rank_table(tie, RankOptions("cases"))) == "change_pct"


def test_published_ranks_ascend_and_scopes_never_mix() -> None:
    standing = metric("standing", better="lower", en="Rank", zh="排名")
    data = dataset([standing], [
        fig("xiamen", "standing", "2009", 3, "rank", scope="province"),
        fig("changchun", "standing", "2009", 1, "rank", scope="province"),
        fig("wujin", "standing", "2009", 1, "rank", scope="nation"),
    ])
    table = rank_table(data, RankOptions("standing"))
    # #3 in Fujian and #1 in Jilin are not ranked against each other
    assert ranked(table) == [("1", "xiamen", "#3 in province"),
                             ("1", "changchun", "#1 in province")]
    assert display(table, "among") == ["Fujian 福建", "Jilin 吉林"]
    assert table.title == ("Rank 排名 — reported ranks within province (not levels), each "
                           "province ranked apart; #1 first")
    assert table.footnotes[0] == (
        "Ranks within different provinces are not ranked against each other (#1 in one "
        "province is not above #2 in another): each province's places are ranked among "
        "themselves (Fujian 福建: 厦门市; Jilin 吉林: 长春市).")
    assert ("Also reported, ranked separately: ranks within nation for 1 jurisdiction "
            "(--measure rank --scope nation).") in table.footnotes
    nation = rank_table(data, RankOptions("standing", measure="rank", scope="nation"))
    assert display(nation, "city") == ["wujin"]
    assert table.chart is None  # bars would make the worst place look biggest


def test_bound_above_an_equal_figure_is_no_tie_and_certain() -> None:
    data = dataset([ROOMS], [fig("xiamen", "rooms", "2009", 30000, qualifier="over"),
                             fig("changchun", "rooms", "2009", 30000)])
    table = rank_table(data, RankOptions("rooms"))
    assert ranked(table) == [("1*", "xiamen", ">30,000"), ("2", "changchun", "30,000")]
    assert not any(note.startswith("The order is uncertain") for note in table.footnotes)


def test_bound_that_could_reverse_the_order_is_footnoted() -> None:
    data = dataset([ROOMS], [fig("xiamen", "rooms", "2009", 30000, qualifier="over"),
                             fig("changchun", "rooms", "2009", 30500),
                             fig("shenyang", "rooms", "2009", 100)])
    table = rank_table(data, RankOptions("rooms"))
    assert ranked(table) == [("1", "changchun", "30,500"), ("2*", "xiamen", ">30,000"),
                             ("3", "shenyang", "100")]
    assert table.footnotes[:2] == (
        "* The figure was published as approximate or as a bound (~ about, > over, "
        "≥ at least, < under, ≤ at most), so its place rests on it.",
        "The order is uncertain where figures are approximate or bounds; places each could "
        "hold: 长春市 1–2, 厦门市 1–2.",
    )


def test_approximate_and_at_least_figures_are_uncertain_within_reach() -> None:
    data = dataset([RATE], [fig("xiamen", "clearance_rate", "2009", 96),
                            fig("changchun", "clearance_rate", "2009", 95,
                                qualifier="at_least"),
                            fig("shenyang", "clearance_rate", "2009", 70, qualifier="about"),
                            fig("wujin", "clearance_rate", "2009", 50)])
    table = rank_table(data, RankOptions("clearance_rate"))
    assert ranked(table) == [("1", "xiamen", "96%"), ("2*", "changchun", "≥95%"),
                             ("3*", "shenyang", "~70%"), ("4", "wujin", "50%")]
    assert ("The order is uncertain where figures are approximate or bounds; places each "
            "could hold: 厦门市 1–2, 长春市 1–2.") in table.footnotes


def test_about_figures_within_ten_percent_could_swap() -> None:
    data = dataset([ROOMS], [fig("xiamen", "rooms", "2009", 6000, qualifier="about"),
                             fig("changchun", "rooms", "2009", 5500)])
    table = rank_table(data, RankOptions("rooms"))
    assert ("The order is uncertain where figures are approximate or bounds; places each "
            "could hold: 厦门市 1–2, 长春市 1–2.") in table.footnotes


def test_fall_of_over_is_mirrored_and_sorts_below_the_figure() -> None:
    data = dataset([CRIME], [fig("xiamen", "cases", "2009", -6000, "change_abs", "over"),
                             fig("changchun", "cases", "2009", -6000, "change_abs")])
    table = rank_table(data, RankOptions("cases"))
    assert ranked(table) == [("1*", "xiamen", "<−6,000"), ("2", "changchun", "−6,000")]


def test_top_and_bottom_keep_ties_at_the_cut() -> None:
    data = dataset([ROOMS], [
        fig("xiamen", "rooms", "2007", 10), fig("changchun", "rooms", "2007", 8),
        fig("changzhou", "rooms", "2007", 8), fig("wujin", "rooms", "2007", 5),
        fig("shenyang", "rooms", "2007", 1),
    ])
    top = rank_table(data, RankOptions("rooms", top=2))
    assert display(top, "rank_text") == ["1", "=2", "=2"]
    assert "Showing 3 of 5 ranked jurisdictions." in top.footnotes
    bottom = rank_table(data, RankOptions("rooms", bottom=1))
    assert display(bottom, "city") == ["shenyang"]
    both = rank_table(data, RankOptions("rooms", top=1, bottom=1))
    assert display(both, "city") == ["xiamen", "shenyang"]


def test_default_is_each_latest_and_period_or_year_select() -> None:
    data = dataset([ROOMS], [
        fig("xiamen", "rooms", "2004", 171), fig("xiamen", "rooms", "2007", 214),
        fig("changchun", "rooms", "2007", 216), fig("changchun", "rooms", "2008-H1", 220),
    ])
    latest = rank_table(data, RankOptions("rooms"))
    assert [(r["city"], r["period"]) for r in latest.rows] == [("changchun", "2008-H1"),
                                                              ("xiamen", "2007")]
    assert ("Each jurisdiction's latest figure is shown; all periods: "
            "`copscompare delta --metric rooms`.") in latest.footnotes
    exact = rank_table(data, RankOptions("rooms", period="2007"))
    assert [(r["city"], r["value"]) for r in exact.rows] == [("changchun", 216), ("xiamen", 214)]
    year = rank_table(data, RankOptions("rooms", year=2008))
    assert display(year, "city") == ["changchun"]
    none = rank_table(data, RankOptions("rooms", period="2010"))
    assert none.rows == ()
    assert none.footnotes[0] == ("No levels for that period; periods reported: 2004, 2007, "
                                 "2008-H1.")


def test_unknown_period_is_used_only_without_a_known_one_and_footnoted() -> None:
    data = dataset([ROOMS], [
        fig("wujin", "rooms", "unknown", 19, note="no year"), fig("wujin", "rooms", "2009", 12),
        fig("xiamen", "rooms", "unknown", 30, note="no year"),
    ])
    table = rank_table(data, RankOptions("rooms"))
    assert [(r["city"], r["period"]) for r in table.rows] == [("xiamen", "unknown"),
                                                              ("wujin", "2009")]
    assert ("Period unknown for 厦门市: the source gives no year (see `copscompare show CITY` "
            "for why).") in table.footnotes


def test_province_and_level_filters_and_baseline_footnote() -> None:
    data = dataset([CRIME], [
        fig("changzhou", "cases", "2009", "-5", "change_pct", baseline="2007"),
        fig("wujin", "cases", "2009", "-2", "change_pct"),
        fig("xiamen", "cases", "2009", "-9", "change_pct"),
    ])
    jiangsu = rank_table(data, RankOptions("cases", province="Jiangsu"))
    assert display(jiangsu, "city") == ["changzhou", "wujin"]
    assert display(jiangsu, "period_text") == ["2009 vs 2007", "2009"]
    assert ("Changes measured against a stated baseline, not the same period a year earlier: "
            "常州市 (2009 vs 2007).") in jiangsu.footnotes
    assert jiangsu.title.startswith("Criminal cases filed 刑事案件立案数 — reported percent "
                                    "changes (not levels), Jiangsu;")
    districts = rank_table(data, RankOptions("cases", level="district"))
    assert display(districts, "city") == ["wujin"]


def test_two_figures_for_one_period_use_the_first_and_say_so() -> None:
    data = dataset([ROOMS], [fig("xiamen", "rooms", "2007", 214),
                             fig("xiamen", "rooms", "2007", 215, source="s2")])
    table = rank_table(data, RankOptions("rooms"))
    assert display(table, "value") == [214]
    assert ("Two figures for the same period (厦门市 2007): the first in the data file is "
            "shown.") in table.footnotes


def test_data_columns_and_sources_option() -> None:
    data = dataset([ROOMS], [fig("xiamen", "rooms", "2007", 214)])
    plain = rank_table(data, RankOptions("rooms"))
    assert [c.key for c in plain.columns_for(DATA)] == [
        "rank", "city", "city_zh", "city_en", "value", "unit", "qualifier", "measure", "scope",
        "period", "baseline", "level", "source"]
    assert [c.header for c in plain.columns_for(DISPLAY)] == [
        "rank", "jurisdiction", "value", "period", "level", "source"]
    assert plain.chart == "value"
    assert plain.rows[0]["value"] == 214 and isinstance(plain.rows[0]["value"], int)
    quoted = rank_table(data, RankOptions("rooms", sources=True, lang="en"))
    assert [c.header for c in quoted.columns_for(DISPLAY)][-2:] == ["quote", "source title"]
    assert quoted.rows[0]["quote"] == "quote 214"
    assert quoted.rows[0]["jurisdiction"] == "Xiamen"


def test_every_table_ends_with_the_standing_footnote() -> None:
    data = dataset([ROOMS], [fig("xiamen", "rooms", "2007", 214)])
    assert rank_table(data, RankOptions("rooms")).footnotes[-1] == STANDING_FOOTNOTE
    empty = rank_table(data, RankOptions("rooms", province="Liaoning"))
    assert empty.rows == ()
    assert empty.footnotes == ("No levels reported for this selection.", STANDING_FOOTNOTE)


def _brute_force_ranks(rows: list[Bounds]) -> list[tuple[int, int]]:
    """The definition of possible_ranks, pair by pair."""
    result = []
    for index, r in enumerate(rows):
        others = [x for other, x in enumerate(rows) if other != index]
        surely = sum(x.low > r.high or (x.low == r.high and (x.low_open or r.high_open))
                     for x in others)
        could = sum(x.high > r.low for x in others)
        result.append((1 + surely, 1 + could))
    return result


@given(st.lists(st.tuples(st.integers(-5, 5), st.sampled_from(QUALIFIERS)), max_size=8))
def test_possible_ranks_match_the_pairwise_definition(figures: list) -> None:
    rows = [bounds(float(value), qualifier) for value, qualifier in figures]
    assert possible_ranks(rows) == _brute_force_ranks(rows)


def test_long_footnote_lists_are_cut_short() -> None:
    places = [place(f"p{i:02d}", f"第{i}区", f"P{i:02d}", "district") for i in range(14)]
    data = dataset([ROOMS], [fig(f"p{i:02d}", "rooms", str(2000 + i % 2), i) for i in range(14)],
                   places)
    assert rank_table(data, RankOptions("rooms")).footnotes[0] == (
        "Not the same period (2001: 第13区, 第11区, 第9区, 第7区, 第5区, 第3区 and 1 more; "
        "2000: 第12区, 第10区, 第8区, 第6区, 第4区, 第2区 and 1 more).")
    data = dataset([ROOMS], [fig(f"p{i:02d}", "rooms", str(2000 + i), i) for i in range(10)],
                   places)
    assert rank_table(data, RankOptions("rooms")).footnotes[0] == (
        "Not the same period (2009: 第9区; 2008: 第8区; 2007: 第7区; 2006: 第6区; 2005: 第5区; "
        "2004: 第4区; 2003: 第3区; 2002: 第2区; 2 more).")


def test_published_ranks_of_one_province_rank_together_and_others_apart() -> None:
    """#1 in Fujian is never above #2 in Jiangsu, and two #1s of different provinces are no
    tie; places of one province rank among themselves, and --top cuts within each."""
    standing = metric("standing", better="lower", en="Rank", zh="排名")
    data = dataset([standing], [
        fig("xiamen", "standing", "2009", 1, "rank", scope="province"),
        fig("changzhou", "standing", "2009", 2, "rank", scope="province"),
        fig("wujin", "standing", "2009", 1, "rank", scope="province"),
        fig("changchun", "standing", "2009", 1, "rank", scope="province"),
    ])
    table = rank_table(data, RankOptions("standing"))
    assert [(r["among"], r["rank_text"], r["city"]) for r in table.rows] == [
        ("Fujian 福建", "1", "xiamen"), ("Jiangsu 江苏", "1", "wujin"),
        ("Jiangsu 江苏", "2", "changzhou"), ("Jilin 吉林", "1", "changchun")]
    assert "=1" not in display(table, "rank_text")
    assert ("武进区 is part of 常州市: the larger place's figures may include the smaller "
            "one's, so they are not independent.") in table.footnotes
    top = rank_table(data, RankOptions("standing", top=1))
    assert display(top, "city") == ["xiamen", "wujin", "changchun"]
    assert top.footnotes[0].endswith(" --top and --bottom keep places of each province.")


def test_ranks_within_nation_rank_together_with_no_group_column() -> None:
    standing = metric("standing", better="lower", en="Rank", zh="排名")
    data = dataset([standing], [
        fig("xiamen", "standing", "2009", 4, "rank", scope="nation"),
        fig("changchun", "standing", "2009", 2, "rank", scope="nation")])
    table = rank_table(data, RankOptions("standing"))
    assert ranked(table) == [("1", "changchun", "#2 in nation"), ("2", "xiamen", "#4 in nation")]
    assert "among" not in [c.key for c in table.columns]


def test_order_words_keep_direction_only_where_the_outcome_is_plain() -> None:
    """Fewer crimes and more cases cleared are plainly better; more informants or arrests are
    the bureau's framing, so their tables say "largest first" (common.plain_direction)."""
    informants = metric("informants", category="prevention", en="Informants", zh="信息员")
    data = dataset([informants, ROOMS], [fig("xiamen", "informants", "2009", 500),
                                          fig("changchun", "informants", "2009", 300)])
    table = rank_table(data, RankOptions("informants"))
    assert table.title == "Informants 信息员 — reported levels; largest first"
    assert display(table, "city") == ["xiamen", "changchun"]
    assert rank_table(data, RankOptions("informants", order="asc")).title.endswith(
        "; smallest first")


def test_a_count_at_a_point_in_time_is_not_footnoted_as_periods_of_different_length() -> None:
    cameras = Metric("cameras_total", "视频监控探头总量", "Surveillance cameras in total", "count",
                     "neither", "technology", "All cameras at one moment.", point_in_time=True)
    data = dataset([cameras], [fig("xiamen", "cameras_total", "2007", 200000),
                               fig("changchun", "cameras_total", "2016-11", 2931)])
    table = rank_table(data, RankOptions("cameras_total"))
    assert table.footnotes[0] == "Counted at different times (2007: 厦门市; 2016-11: 长春市)."
    assert not any("different length" in note for note in table.footnotes)
    assert [c.id for c in table.sources] == ["s1"]

"""Each rule of the figure checker (copscompare.loading.quotes), pinned by a small failing
fixture and its exact message; the sentences are written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import HEADER, write

from copscompare.errors import DataError
from copscompare.loading import load, quotes

METRICS = """\
  - id: it_investment
    label_zh: 信息化建设投资
    label_en: IT investment
    unit: yuan
    better: neither
    category: resources
    definition: Money spent on IT.
  - id: suspects_arrested
    label_zh: 逮捕人数
    label_en: Suspects arrested
    unit: people
    better: neither
    category: enforcement
    definition: People arrested.
  - id: response_time
    label_zh: 到场时间
    label_en: Response time
    unit: minutes
    better: lower
    category: service
    definition: Minutes from call to arrival.
  - id: drug_control_rank
    label_zh: 禁毒工作排名
    label_en: Drug control rank
    unit: count
    better: lower
    category: enforcement
    definition: Rank among peers.
  - id: property_crime_cases
    label_zh: 侵财案件
    label_en: Property crime cases
    unit: count
    better: lower
    category: crime
    definition: Property crime cases filed.
  - id: robbery_cases
    label_zh: “两抢”案件
    label_en: Robberies
    unit: count
    better: lower
    category: crime
    definition: Robbery and snatching cases.
    aliases: [两抢]
"""


def observation(quote: str, value: str, *, metric: str = "community_police_rooms",
                measure: str = "level", qualifier: str = "exact", period: str = "2006",
                extra: str = "") -> str:
    return (f"  - jurisdiction: xiamen\n    metric: {metric}\n    period: \"{period}\"\n"
            f"    measure: {measure}\n    value: {value}\n    qualifier: {qualifier}\n"
            f"    source: s2\n    quote: \"{quote}\"\n{extra}")


def messages(tmp_path: Path, *observations: str) -> list[str]:
    path = write(tmp_path / "data.yaml",
                 HEADER + METRICS + "observations:\n" + "".join(observations))
    try:
        dataset = load(path, use_cache=False)
    except DataError as exc:
        found = exc.problems
    else:
        found = list(dataset.warnings)
    return [str(p).replace(str(path) + ":", "") for p in found]


def one(tmp_path: Path, quote: str, value: str, **fields: str) -> str:
    [found] = messages(tmp_path, observation(quote, value, **fields))
    return found


def test_a_figure_read_as_written_checks_clean(tmp_path: Path) -> None:
    assert messages(tmp_path, observation("全市建成社区警务室3万余个", "30000",
                                          qualifier="over")) == []


# -- 1. kind ----------------------------------------------------------------------------------

def test_nothing_falls_by_more_than_all_of_it(tmp_path: Path) -> None:
    assert one(tmp_path, "警务室同比下降150%", "-150", measure="change_pct") == (
        "92: observations[0].value: -150%: nothing falls by more than 100%")


# -- 2. the value is in the quote -------------------------------------------------------------

def test_a_dropped_multiplier_says_what_was_meant(tmp_path: Path) -> None:
    assert one(tmp_path, "全市共有警务室175万个", "175") == (
        "92: observations[0].value: value 175 but the quote says 175万: did you mean "
        "1750000?")


def test_a_multiplier_applied_twice_says_what_was_meant(tmp_path: Path) -> None:
    assert one(tmp_path, "全市共有警务室175个", "1750000") == (
        "92: observations[0].value: value 1750000 but the quote says 175: did you mean 175?")


def test_dropped_decimals_say_what_was_meant(tmp_path: Path) -> None:
    assert one(tmp_path, "破案率为万分之三十点五", "30", metric="clearance_rate") == (
        "92: observations[0].value: value 30 but the quote says 万分之三十点五: did you mean "
        "30.5?")


def test_a_chinese_decimal_per_ten_thousand_is_accepted(tmp_path: Path) -> None:
    assert messages(tmp_path, observation("破案率为万分之三十点五", "30.5",
                                          metric="clearance_rate")) == []


def test_a_year_is_no_figure(tmp_path: Path) -> None:
    assert one(tmp_path, "2005年建成社区警务室", "2005", period="2005") == (
        "92: observations[0].value: the quote writes 2005 as a year, not as a figure")


def test_a_figure_missing_from_the_quote(tmp_path: Path) -> None:
    assert one(tmp_path, "全市建成171个社区警务室", "172") == (
        "92: observations[0].quote: the quote does not contain the figure 172 (quote the "
        "shortest clause that does)")


# -- 3. which figure of several -----------------------------------------------------------------

SWAPPED = "侵财、“两抢”案件同比分别下降18.8%、67.7%"


def test_a_list_pairs_its_subjects_with_its_figures(tmp_path: Path) -> None:
    assert messages(tmp_path, observation(SWAPPED, "-18.8", metric="property_crime_cases",
                                          measure="change_pct"),
                    observation(SWAPPED, "-67.7", metric="robbery_cases",
                                measure="change_pct")) == []


def test_a_swapped_pair_is_an_error_without_figure(tmp_path: Path) -> None:
    assert one(tmp_path, SWAPPED, "-67.7", metric="property_crime_cases",
               measure="change_pct") == (
        "92: observations[0].value: value -67.7 is 67.7%, which the quote pairs with "
        "'两抢案件'; it pairs '侵财' with 18.8%: did you mean -18.8? (a swapped pair)")


def test_figure_says_which_of_several(tmp_path: Path) -> None:
    quote = "建立9个警务室和237个警务站"
    assert one(tmp_path, quote, "237", extra="    figure: \"9个\"\n") == (
        "92: observations[0].value: value 237 but the figure '9个' is 9: did you mean 9?")
    assert messages(tmp_path, observation(quote, "9", extra="    figure: \"9个\"\n")) == []


def test_figure_must_hold_a_figure(tmp_path: Path) -> None:
    assert one(tmp_path, "建立9个警务室和237个警务站", "9",
               extra="    figure: \"警务室\"\n") == (
        "92: observations[0].figure: no figure is read in '警务室': give the figure as the "
        "quote writes it (or `reading: curator` and a note)")


def test_several_figures_and_nothing_to_say_which_is_a_warning(tmp_path: Path) -> None:
    assert one(tmp_path, "建立9个警务室和237个警务站", "9") == (
        "92: observations[0].figure: warning: the quote holds 2 figures that could be this "
        "one (9, 237): add `figure:` to say which")


def test_a_curators_reading_skips_the_wording_rules(tmp_path: Path) -> None:
    extra = "    reading: curator\n    note: 不足二分之一 read as a fall of over 50%.\n"
    assert messages(tmp_path, observation("总量已不足五年前的二分之一", "-50",
                                          measure="change_pct", qualifier="over",
                                          extra=extra)) == []


# -- 4. sign ----------------------------------------------------------------------------------

@pytest.mark.parametrize("quote, value, said", [
    ("警务室比降84.83%", "84.83", "a fall"),
    ("警务室數量減少12.5%", "12.5", "a fall"),
    ("警务室同比分别下降3%、5%", "5", "a fall"),
    ("警务室同比增長8%", "-8", "a rise"),
])
def test_the_sign_is_the_wordings(tmp_path: Path, quote: str, value: str, said: str) -> None:
    assert messages(tmp_path, observation(quote, value, measure="change_pct"))[0].startswith(
        f"92: observations[0].value: the quote speaks of {said} but the value is {value}")


# -- 5. qualifier -----------------------------------------------------------------------------

def test_a_qualified_figure_stored_as_exact(tmp_path: Path) -> None:
    assert one(tmp_path, "建成警务室約3.5萬个", "35000") == (
        "92: observations[0].qualifier: qualifier 'exact' but the quote writes 約3.5萬个: "
        "about")


def test_a_plain_figure_stored_as_about(tmp_path: Path) -> None:
    assert one(tmp_path, "建成警务室171个", "171", qualifier="about") == (
        "92: observations[0].qualifier: qualifier 'about' but the quote writes the figure "
        "plainly (171个): exact")


@pytest.mark.parametrize("quote, value, qualifier", [
    ("建成警务室3万余个", "30000", "over"),
    ("建成警务室超过200个", "200", "over"),
    ("建成警务室200个以上", "200", "at_least"),
    ("建成警务室不到200个", "200", "under"),
    ("建成警务室200个以内", "200", "at_most"),
    ("建成警务室200个左右", "200", "about"),
])
def test_each_qualifier_word(tmp_path: Path, quote: str, value: str, qualifier: str) -> None:
    assert messages(tmp_path, observation(quote, value, qualifier=qualifier)) == []


def test_a_category_bound_is_no_qualifier(tmp_path: Path) -> None:
    assert messages(tmp_path, observation("二级以上医院建成警务室12个", "12")) == []


# -- 6. measure -------------------------------------------------------------------------------

def test_a_change_stored_as_a_level(tmp_path: Path) -> None:
    assert one(tmp_path, "警务室同比增加12个", "12") == (
        "92: observations[0].measure: the quote's 12 follows a fall or rise word: a change, "
        "not a level")


def test_a_level_stored_as_a_change(tmp_path: Path) -> None:
    assert one(tmp_path, "全市建成社区警务室171个", "171", measure="change_pct") == (
        "92: observations[0].measure: the quote's 171 is a level: no fall or rise in the "
        "quote is its")


@pytest.mark.parametrize("quote", ["到场时间缩短至5分钟", "到场时间缩短到5分钟"])
def test_shortened_to_is_a_level_not_a_change(tmp_path: Path, quote: str) -> None:
    """缩短至 holds the fall word 缩短 but says where the time ended up."""
    assert one(tmp_path, quote, "-5", metric="response_time", measure="change_abs") == (
        "92: observations[0].measure: the quote's 5 is a level: no fall or rise in the "
        "quote is its")
    assert messages(tmp_path, observation(quote, "5", metric="response_time")) == []


def test_unchanged_is_a_change_of_nought_not_a_level(tmp_path: Path) -> None:
    assert one(tmp_path, "侵财案件同比持平", "0", metric="property_crime_cases") == (
        "92: observations[0].measure: the quote's 持平 is a change of 0, not a level")
    assert messages(tmp_path, observation("侵财案件同比持平", "0", metric="property_crime_cases",
                                          measure="change_pct")) == []


@pytest.mark.parametrize("value, expected", [
    ("-17.5", []),
    ("17.5", ["92: observations[0].value: the quote speaks of a fall but the value is 17.5: "
              "decreases are negative"]),
])
def test_a_fall_said_apart_from_its_figures_still_signs_them(tmp_path: Path, value: str,
                                                             expected: list[str]) -> None:
    quote = "侵财案件实现三连降,分别为17.5%、12.5%和9%"
    assert messages(tmp_path, observation(quote, value, metric="property_crime_cases",
                                          measure="change_pct", extra='    figure: "17.5%"\n')
                    ) == expected


def test_upwards_of_a_round_number_is_over(tmp_path: Path) -> None:
    """上千人: upwards of a thousand, as 千余人 is."""
    assert one(tmp_path, "抓获犯罪嫌疑人上千人", "1000", metric="suspects_arrested",
               qualifier="about") == (
        "92: observations[0].qualifier: qualifier 'about' but the quote writes 上千人: over")
    assert messages(tmp_path, observation("抓获犯罪嫌疑人上千人", "1000",
                                          metric="suspects_arrested", qualifier="over")) == []


def test_points_are_change_pp(tmp_path: Path) -> None:
    assert one(tmp_path, "破案率上升1.5个百分点", "1.5", metric="clearance_rate",
               measure="change_pct") == (
        "92: observations[0].measure: the quote's 1.5 个百分点: percentage points are "
        "change_pp")


def test_change_pp_needs_points(tmp_path: Path) -> None:
    assert one(tmp_path, "破案率上升1.5%", "1.5", metric="clearance_rate",
               measure="change_pp") == (
        "92: observations[0].measure: the quote's 1.5% is written without 个百分点: no "
        "change in percentage points")


def test_a_rates_change_in_percent_may_mean_points(tmp_path: Path) -> None:
    assert one(tmp_path, "破案率提高13.4%", "13.4", metric="clearance_rate",
               measure="change_pct") == (
        "92: observations[0].measure: warning: a rate's change written in % (13.4%) without "
        "个百分点: the article may mean percentage points; change_pct keeps what it wrote")


def test_an_absolute_change_is_no_percent_change(tmp_path: Path) -> None:
    assert one(tmp_path, "警务室减少72个", "-72", measure="change_pct") == (
        "92: observations[0].measure: the quote's 72 is a change in 个 (change_abs), not "
        "change_pct")


def test_a_rank_is_a_rank(tmp_path: Path) -> None:
    assert one(tmp_path, "禁毒工作全省排名第二", "2", metric="drug_control_rank") == (
        "92: observations[0].measure: the quote's 第二 is a rank: measure rank")


# -- 7. unit ----------------------------------------------------------------------------------

def test_a_share_is_no_count(tmp_path: Path) -> None:
    assert one(tmp_path, "警务室覆盖率达95%", "95") == (
        "92: observations[0].metric: the quote writes 95%, a share, but "
        "'community_police_rooms' is counted in count")


def test_a_count_is_no_share(tmp_path: Path) -> None:
    assert one(tmp_path, "全年破案297起", "297", metric="clearance_rate") == (
        "92: observations[0].metric: 'clearance_rate' is a percentage but the quote writes "
        "297起, a count")


def test_money_is_yuan(tmp_path: Path) -> None:
    assert one(tmp_path, "投资1.63亿元", "163000000") == (
        "92: observations[0].metric: the quote writes 1.63亿元, an amount of money, but "
        "'community_police_rooms' is counted in count")


def test_people_are_counted_as_people(tmp_path: Path) -> None:
    assert one(tmp_path, "建立9支机动队", "9", metric="suspects_arrested") == (
        "92: observations[0].metric: the quote writes 9支, which counts no people, but "
        "'suspects_arrested' is counted in people")


def test_a_time_in_another_unit(tmp_path: Path) -> None:
    assert one(tmp_path, "平均到场时间为360秒", "360", metric="response_time") == (
        "92: observations[0].value: 'response_time' is counted in minutes but the quote "
        "writes 360秒: did you mean 6?")


# -- 8. scope ---------------------------------------------------------------------------------

def test_a_rank_is_among_the_peers_named(tmp_path: Path) -> None:
    assert one(tmp_path, "禁毒工作全省排名第一", "1", metric="drug_control_rank",
               measure="rank", extra="    scope: nation\n") == (
        "92: observations[0].scope: the quote ranks it among the province's peers (全省排名"
        "第一): scope province")


# -- 9. base ----------------------------------------------------------------------------------

def test_month_on_month_needs_its_baseline(tmp_path: Path) -> None:
    assert one(tmp_path, "警务室环比上升2.46%", "2.46", measure="change_pct",
               period="2006-10") == (
        "92: observations[0].baseline: 环比 compares with the period just before: give "
        "`baseline` (2006-09)")


def test_year_on_year_is_against_a_year_earlier(tmp_path: Path) -> None:
    assert one(tmp_path, "警务室环比上升2.46%,同比上升8.1%", "8.1", measure="change_pct",
               period="2006-10", extra="    baseline: \"2006-09\"\n    figure: \"8.1%\"\n") == (
        "92: observations[0].baseline: 同比 compares with the same period a year earlier, "
        "not 2006-09: leave `baseline` out")


def test_flat_on_both_bases_is_a_change_of_zero(tmp_path: Path) -> None:
    flat = "警务室5个,环、同比均持平"
    assert messages(tmp_path, observation(flat, "0", measure="change_pct", period="2006-10"),
                    observation(flat, "0", measure="change_pct", period="2006-10",
                                extra="    baseline: \"2006-09\"\n")) == []


def test_a_named_base_year_is_the_baseline(tmp_path: Path) -> None:
    assert one(tmp_path, "满意度较2003年上升12个百分点", "12", metric="clearance_rate",
               measure="change_pp") == (
        "92: observations[0].baseline: the quote compares with 2003: baseline 2003, not "
        "the year before")


# -- 10. period -------------------------------------------------------------------------------

def test_a_year_the_clause_names_is_in_the_period(tmp_path: Path) -> None:
    assert one(tmp_path, "2005年建成社区警务室171个", "171") == (
        "92: observations[0].period: the quote speaks of 2005 but the period is 2006")


# -- speed: a figure found fine is remembered, never a different one ---------------------------

def test_a_remembered_verdict_knows_the_metrics_unit(tmp_path: Path) -> None:
    fine = observation("全年破案297起", "297")
    assert messages(tmp_path, fine) == []
    # the same metric id with another unit, in another file read by the same process:
    path = write(tmp_path / "data.yaml", (HEADER + METRICS).replace(
        "unit: count\n    better: higher\n    category: community_policing",
        "unit: percent\n    better: higher\n    category: community_policing")
        + "observations:\n" + fine)
    with pytest.raises(DataError) as caught:
        load(path, use_cache=False)
    assert [str(p).replace(str(path) + ":", "") for p in caught.value.problems] == [
        "92: observations[0].metric: 'community_police_rooms' is a percentage but the quote "
        "writes 297起, a count"]


def test_a_remembered_verdict_never_hides_a_different_mistake(tmp_path: Path) -> None:
    quote = "禁毒工作全省排名第一"
    fine = observation(quote, "1", metric="drug_control_rank", measure="rank",
                       extra="    scope: province\n")
    wrong = fine.replace("scope: province", "scope: nation")
    assert messages(tmp_path, fine) == []
    assert len(quotes._FINE) > 0
    assert messages(tmp_path, wrong) == [
        "92: observations[0].scope: the quote ranks it among the province's peers (全省排名"
        "第一): scope province"]

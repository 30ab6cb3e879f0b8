"""Which metric a drafted figure counts, and the metrics extract proposes (invented words)."""

from __future__ import annotations

from copscompare.extract.metrics import (
    Metrics,
    Words,
    category_of,
    in_english,
    metric_label,
)
from copscompare.model import Metric

DATA = {
    "criminal_cases_filed": Metric("criminal_cases_filed", "刑事案件立案数", "Criminal cases "
                                   "filed", "count", "lower", "crime", "d",
                                   aliases=("刑事案件", "立案")),
    "clearance_rate": Metric("clearance_rate", "刑事案件破案率", "Criminal case clearance rate",
                             "percent", "higher", "clearance", "d", aliases=("破案率",)),
    "homicide_cases": Metric("homicide_cases", "命案", "Homicide cases", "count", "lower",
                             "crime", "d", aliases=("命案",)),
    "homicide_clearance_rate": Metric("homicide_clearance_rate", "命案破案率",
                                      "Homicide clearance rate", "percent", "higher",
                                      "clearance", "d"),
}


def test_the_longest_name_that_fits_wins_and_a_label_is_read_not_guessed() -> None:
    metrics = Metrics(DATA)
    found = metrics.choose(Words("全县命案破案率达", ""), "level", "percent")
    assert (found.metric, found.new, found.guessed) == ("homicide_clearance_rate", None, False)
    found = metrics.choose(Words("全县刑事案件立案同比下降", ""), "change_pct", None)
    assert (found.metric, found.guessed) == ("criminal_cases_filed", True)  # by an alias


def test_a_name_whose_unit_does_not_fit_is_passed_over() -> None:
    metrics = Metrics(DATA)
    # a count of homicides is no share, though 命案比例 is the longer name
    metrics = Metrics({**DATA, "homicide_share": Metric(
        "homicide_share", "命案比例", "Share of homicides", "percent", "lower", "crime", "d")})
    found = metrics.choose(Words("命案比例统计中的命案", ""), "level", "count")
    assert found.metric == "homicide_cases"
    # a percentage-point change needs a percent metric
    found = metrics.choose(Words("刑事案件破案率", ""), "change_pp", None)
    assert found.metric == "clearance_rate"


def test_the_quote_then_the_sentence_are_searched_when_the_subject_names_no_metric() -> None:
    metrics = Metrics(DATA)
    found = metrics.choose(Words("其中", "全县共发生命案3起"), "level", "count")
    assert found.metric == "homicide_cases"
    found = metrics.choose(Words("同比", "同比下降5%", "全县共发生命案3起,"), "change_pct", None)
    assert found.metric == "homicide_cases"


def test_a_list_item_is_matched_on_its_own_subject_only() -> None:
    found = Metrics(DATA).choose(Words("盗窃案件", "命案、盗窃案件分别下降3%、5%", paired=True),
                                 "change_pct", None)
    assert found.new is not None and found.new.label_zh == "盗窃案件"


def test_a_crime_after_a_verb_of_solving_it_is_counted_as_solved() -> None:
    metrics = Metrics({**DATA, "criminal_cases_solved": Metric(
        "criminal_cases_solved", "刑事案件破案数", "Criminal cases solved", "count", "higher",
        "clearance", "d")})
    assert metrics.choose(Words("全县破获刑事案件", ""), "level", "count").metric == (
        "criminal_cases_solved")
    assert metrics.choose(Words("刑事案件破案同比上升", ""), "change_pct", None).metric == (
        "criminal_cases_solved")
    assert metrics.choose(Words("全县命案100%侦破", ""), "level", "percent").metric == (
        "homicide_clearance_rate")
    assert metrics.choose(Words("", "26起命案全部破获"), "level", "count").metric == (
        "homicide_cases")


def test_a_new_metric_is_proposed_once_with_labels_unit_category_and_direction() -> None:
    metrics = Metrics(DATA)
    first = metrics.choose(Words("全市共打掉涉恶团伙", ""), "level", "count")
    again = metrics.choose(Words("打掉涉恶团伙", ""), "level", "count")
    assert first.new is not None and first.guessed
    assert (first.new.id, first.new.label_zh, first.new.label_en, first.new.unit,
            first.new.category, first.new.better) == (
        "gang_related_gangs_busted", "打掉涉恶团伙", "Gang-related gangs busted", "count",
        "enforcement", "neither")
    assert again == first


def test_a_label_the_glossary_cannot_translate_is_marked_and_numbered() -> None:
    found = Metrics(DATA).choose(Words("办理暂住证", ""), "level", "count")
    assert found.new is not None
    assert (found.new.id, found.new.label_en) == ("new_metric_1", "(to translate) 办理暂住证")


def test_labels_drop_places_bureaus_and_fillers() -> None:
    assert metric_label("全市公安机关共破获电信诈骗案件") == "破获电信诈骗案件"
    assert metric_label("“两抢”案件同比") == "两抢案件"
    assert in_english("破获电信诈骗案件") == "Telecom fraud cases solved"
    assert category_of("命案破案率") == ("clearance", "higher")
    assert category_of("抓获犯罪嫌疑人") == ("enforcement", "neither")
    assert category_of("地区生产总值") == ("context", "neither")

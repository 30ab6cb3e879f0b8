"""Name resolution: ids, Chinese names with or without suffix, English names; suggestions."""

from __future__ import annotations

import pytest
from test_rank import dataset, fig, metric, place

from copscompare.analysis.names import (
    core_name,
    resolve_jurisdiction,
    resolve_metric,
    resolve_province,
)
from copscompare.errors import NotFound

PLACES = [
    place("changzhou", "常州市", "Changzhou"),
    place("wujin", "武进区", "Wujin District", "district"),
    place("xiamen", "厦门", "Xiamen", "sub_provincial_city", "Fujian", "福建"),
    place("hanggin_rear_banner", "杭锦后旗", "Hanggin Rear Banner", "banner",
          "Inner Mongolia", "内蒙古"),
    place("wuhan", "武汉市", "Wuhan", "sub_provincial_city", "Hubei", "湖北"),
    place("jilin_city", "吉林市", "Jilin City", "prefecture_city", "Jilin", "吉林"),
    place("jilin", "吉林省", "Jilin", "province", "Jilin", "吉林"),
]
RATE = metric("clearance_rate", unit="percent", zh="刑事案件破案率",
              en="Criminal case clearance rate", aliases=("破案率", "clearance"))
ROOMS = metric("community_police_rooms", category="community_policing", zh="社区警务室",
               en="Community police rooms")
SILENT = metric("homicide_clearance_rate", unit="percent", category="clearance",
                zh="命案破案率", en="Homicide clearance rate")
DATA = dataset([RATE, ROOMS, SILENT], [fig("wujin", "clearance_rate", "2009", 1, "change_pp"),
                                       fig("xiamen", "community_police_rooms", "2007", 214)],
               PLACES)


@pytest.mark.parametrize("text, expected", [
    ("changzhou", "changzhou"), ("常州", "changzhou"), ("常州市", "changzhou"),
    ("Changzhou", "changzhou"), ("CHANGZHOU", "changzhou"), (" changzhou ", "changzhou"),
    ("武进", "wujin"), ("武进区", "wujin"), ("Wujin", "wujin"), ("wujin district", "wujin"),
    ("厦门", "xiamen"), ("厦门市", "xiamen"), ("杭锦后旗", "hanggin_rear_banner"),
    ("杭锦后", "hanggin_rear_banner"), ("吉林市", "jilin_city"), ("吉林省", "jilin"),
    ("jilin", "jilin"),
])
def test_jurisdiction_resolves(text: str, expected: str) -> None:
    assert resolve_jurisdiction(DATA, text).id == expected


def test_core_name_strips_one_suffix_and_keeps_short_names() -> None:
    assert [core_name(n) for n in ("常州市", "武进区", "杭锦后旗", "内蒙古自治区", "沙市",
                                   "Wujin District")] == [
        "常州", "武进", "杭锦后", "内蒙古", "沙市", "wujin"]


def test_ambiguous_suffixless_name_asks_to_choose() -> None:
    with pytest.raises(NotFound) as caught:
        resolve_jurisdiction(DATA, "吉林")
    assert str(caught.value) == (
        "'吉林' could be more than one jurisdiction; give its id (did you mean "
        "'jilin_city' (吉林市 Jilin City) or 'jilin' (吉林省 Jilin)?)")


def test_unknown_jurisdiction_suggests_close_chinese_names() -> None:
    with pytest.raises(NotFound) as caught:
        resolve_jurisdiction(DATA, "武近")
    assert str(caught.value) == ("no jurisdiction called '武近' (did you mean "
                                 "'wujin' (武进区 Wujin District) or 'wuhan' (武汉市 Wuhan)?)")


def test_unknown_jurisdiction_suggests_names_containing_the_text() -> None:
    with pytest.raises(NotFound) as caught:
        resolve_jurisdiction(DATA, "Hanggin")
    assert caught.value.suggestions == [("hanggin_rear_banner", "杭锦后旗 Hanggin Rear Banner")]


def test_nothing_close_gives_no_suggestion() -> None:
    with pytest.raises(NotFound) as caught:
        resolve_jurisdiction(DATA, "zzzz")
    assert str(caught.value) == "no jurisdiction called 'zzzz'"


@pytest.mark.parametrize("text", ["clearance_rate", "Clearance Rate", "clearance-rate", "破案率",
                                  "clearance", "刑事案件破案率", "criminal case clearance rate"])
def test_metric_resolves(text: str) -> None:
    assert resolve_metric(DATA, text).id == "clearance_rate"


def test_unknown_metric_suggests_ids_and_chinese_labels() -> None:
    with pytest.raises(NotFound) as caught:
        resolve_metric(DATA, "clearence_rate")
    assert caught.value.suggestions[0] == ("clearance_rate", "刑事案件破案率")
    with pytest.raises(NotFound) as caught:
        resolve_metric(DATA, "警务室")
    assert caught.value.suggestions == [("community_police_rooms", "社区警务室")]


def test_metric_without_data_names_the_metrics_that_have_data() -> None:
    with pytest.raises(NotFound) as caught:
        resolve_metric(DATA, "homicide_clearance_rate")
    assert str(caught.value) == (
        "no figures for metric 'homicide_clearance_rate' (命案破案率) in the data; 2 metrics "
        "have figures (see `copscompare metrics`); for example clearance_rate (刑事案件破案率), "
        "community_police_rooms (社区警务室)")
    assert resolve_metric(DATA, "命案破案率", require_data=False).id == "homicide_clearance_rate"


def test_province_by_english_or_chinese_name_and_a_province_typed_as_a_city() -> None:
    assert resolve_province(DATA, "江苏省") == "Jiangsu"
    assert resolve_province(DATA, "fujian") == "Fujian"
    with pytest.raises(NotFound) as caught:
        resolve_province(DATA, "Fujan")
    assert str(caught.value) == "no province called 'Fujan' in the data (did you mean 'Fujian'?)"
    with pytest.raises(NotFound) as caught:
        resolve_jurisdiction(DATA, "湖北")
    assert caught.value.suggestions == [("wuhan", "武汉市 Wuhan")]


# --- names in either script, and ids before names -------------------------------------------

TRADITIONAL_PLACES = [
    *PLACES,
    place("harbin", "哈尔滨市", "Harbin", "sub_provincial_city", "Heilongjiang", "黑龙江"),
    place("shenyang", "沈阳市", "Shenyang", "sub_provincial_city", "Liaoning", "辽宁"),
    place("changchun", "长春市", "Changchun", "sub_provincial_city", "Jilin", "吉林"),
]
EITHER = dataset([RATE, ROOMS, metric("cameras_total", category="technology",
                                      zh="视频监控探头总量", en="Surveillance cameras in total")],
                 [fig("xiamen", "community_police_rooms", "2007", 214),
                  fig("xiamen", "cameras_total", "2007", 200),
                  fig("wujin", "clearance_rate", "2009", 1, "change_pp")], TRADITIONAL_PLACES)


@pytest.mark.parametrize("traditional, simplified", [
    ("哈爾濱", "哈尔滨"), ("廈門", "厦门"), ("瀋陽", "沈阳"), ("長春", "长春"), ("武進", "武进"),
    ("杭錦後旗", "杭锦后旗"), ("廈門市", "厦门市"), ("長春市", "长春市"),
])
def test_a_place_in_traditional_characters_is_the_place_its_simplified_form_names(
        traditional: str, simplified: str) -> None:
    assert resolve_jurisdiction(EITHER, traditional) == resolve_jurisdiction(EITHER, simplified)


@pytest.mark.parametrize("traditional, expected", [
    ("社區警務室", "community_police_rooms"), ("刑事案件破案率", "clearance_rate"),
    ("視頻監控探頭總量", "cameras_total"),
])
def test_a_metric_in_traditional_characters(traditional: str, expected: str) -> None:
    assert resolve_metric(EITHER, traditional).id == expected


def test_an_unknown_traditional_name_is_reported_as_typed_with_suggestions() -> None:
    with pytest.raises(NotFound) as caught:
        resolve_jurisdiction(EITHER, "廈門灣")
    assert str(caught.value) == ("no jurisdiction called '廈門灣' (did you mean "
                                 "'xiamen' (厦门 Xiamen)?)")


def test_a_traditional_province_name() -> None:
    assert resolve_province(EITHER, "黑龍江") == "Heilongjiang"


def test_an_id_wins_over_another_places_name() -> None:
    """``jilin`` is the city whose id it is, though the province is called Jilin."""
    places = [place("jilin", "吉林市", "Jilin City", "prefecture_city", "Jilin", "吉林"),
              place("jilin_province", "吉林省", "Jilin", "province", "Jilin", "吉林")]
    data = dataset([RATE], [], places)
    assert resolve_jurisdiction(data, "jilin").id == "jilin"
    assert resolve_jurisdiction(data, "JILIN").id == "jilin"
    assert resolve_jurisdiction(data, "吉林省").id == "jilin_province"


def test_a_metric_id_wins_over_another_metrics_alias() -> None:
    cameras = metric("cameras", category="technology", zh="探头", en="Cameras")
    total = metric("cameras_total", category="technology", zh="探头总量", en="Camera total",
                   aliases=("cameras",))
    data = dataset([cameras, total], [])
    assert resolve_metric(data, "cameras", require_data=False).id == "cameras"
    assert resolve_metric(data, "探头总量", require_data=False).id == "cameras_total"

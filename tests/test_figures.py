"""The figure reader: one short invented sentence per reading rule (copscompare.loading.figures)."""

from __future__ import annotations

import math

import pytest

from copscompare.loading.figures import Figure, chinese_number, read_figures


def police(text: str) -> list[Figure]:
    return [f for f in read_figures(text) if f.kind == "figure"]


def one(text: str) -> Figure:
    found = police(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, written, value, bare", [
    ("全年破获案件3155起", "3155", 3155, 3155),
    ("共采集信息204,365条", "204,365", 204365, 204365),
    ("全年破获案件１２３起", "１２３", 123, 123),
    ("破获案件3.8万宗", "3.8万", 38000, 3.8),
    ("受理纠纷175万起", "175万", 1750000, 175),
    ("挽回损失1.63亿元", "1.63亿", 163000000, 1.63),
    ("挽回损失1.5億元", "1.5億", 150000000, 1.5),
    ("投资1000余万元", "1000余万", 10000000, 1000),
    ("受理纠纷3万余起", "3万余", 30000, 3),
    ("抓获嫌疑人1500多萬人", "1500多萬", 15000000, 1500),
    ("命案八十五起", "八十五", 85, 85),
    ("抓获嫌疑人三千零五十一人", "三千零五十一", 3051, 3051),
    ("抓获一千兩百七十名", "一千兩百七十", 1270, 1270),
    ("打掉两个团伙", "两", 2, 2),
    ("建成一百〇五个警务室", "一百〇五", 105, 105),
])
def test_numbers_are_read_with_their_multipliers(text: str, written: str, value: float,
                                                 bare: float) -> None:
    figure = one(text)
    assert (figure.text, figure.value, figure.bare) == (written, value, bare)
    assert text[figure.start:figure.end] == written


@pytest.mark.parametrize("text, written, value, per, percent", [
    ("破案率达95.3%", "95.3%", 95.3, 100, True),
    ("破案率达百分之九十五点三", "百分之九十五点三", 95.3, 100, True),
    ("警情下降了百分之四點一", "百分之四點一", 4.1, 100, True),
    ("发案率为万分之三十点五", "万分之三十点五", 30.5, 10000, False),
    ("发案率为千分之2.5", "千分之2.5", 2.5, 1000, False),
    ("满意率超过八成", "八成", 80, 100, True),
    ("无效警情占一半", "一半", 50, 100, True),
    ("抓获数占全省的四分之一", "四分之一", 25, 100, True),
])
def test_shares_are_read_as_shares(text: str, written: str, value: float, per: int,
                                   percent: bool) -> None:
    figure = one(text)
    assert (figure.text, figure.value, figure.per, figure.percent) == (written, value, per,
                                                                      percent)


def test_a_chinese_decimal_keeps_its_decimals() -> None:
    assert one("发案率为万分之三十点五").value == 30.5


def test_decimals_written_are_kept() -> None:
    assert one("盗窃案件同比下降33.50%").decimals == 2


@pytest.mark.parametrize("text, written, value, hint", [
    ("命案全破", "全破", 100, "level"),
    ("5起命案全部告破", "全部告破", 100, "level"),
    ("十起命案全部破获", "全部破获", 100, "level"),
    ("“两抢”案件实现零发案", "零发案", 0, "level"),
    ("群众满意度位居全省首位", "首位", 1, "rank"),
    ("满意度位居榜首", "榜首", 1, "rank"),
    ("执法质量考评实现全省“三连冠”", "三连冠", 1, "rank"),
    ("禁毒工作排名全省第一", "第一", 1, "rank"),
    ("发案总量在全国副省级城市最低", "最低", 1, "rank"),
])
def test_words_that_are_figures(text: str, written: str, value: float, hint: str) -> None:
    figure = police(text)[-1]
    assert (figure.text, figure.value, figure.measure_hint) == (written, value, hint)


def test_a_record_is_no_rank() -> None:
    assert police("满意度达到历史最高") == []


@pytest.mark.parametrize("text, kind", [
    ("2015年全市刑事案件", "year"),
    ("5月22日起开展行动", "date"),
    ("发布时间:2021-11-18", "date"),
    ("记者09:05获悉", "time"),
    ("侦破“2·16”杀人案", "id"),
    ("联系电话:0519-86620200", "id"),
    ("110报警服务台", "service"),
    ("一一0接报的警情", "service"),
    ("“135”快速反应圈", "name"),
    ("执行G20峰会安保任务", "name"),
    ("第五个中国人民警察节", "ordinal"),
    ("近4年来连续下降", "span"),
    ("今年前7个月全市", "span"),
])
def test_what_is_no_police_figure_keeps_its_kind(text: str, kind: str) -> None:
    assert [f.kind for f in read_figures(text)][:1] == [kind]
    assert police(text) == []


def test_a_service_number_with_a_counter_is_a_figure() -> None:
    assert one("破获毒品犯罪案件110起").value == 110


@pytest.mark.parametrize("text", ["“两抢”案件下降", "八类案件发案", "党的十九大期间",
                                  "千家万户", "统一部署", "二级警长"])
def test_numerals_in_names_count_nothing(text: str) -> None:
    assert police(text) == []


@pytest.mark.parametrize("text, qualifier", [
    ("年投入经费约4000万元", "about"),
    ("年投入经费約3.5万元", "about"),
    ("刑事类警情约占6%", "about"),
    ("命案下降近三成", "about"),
    ("扒窃案件同比下降40%左右", "about"),
    ("调解纠纷3万余起", "over"),
    ("破获案件4200餘起", "over"),
    ("破获案件45000多起", "over"),
    ("满意率超过了六成", "over"),
    ("盗窃电动车逾530辆", "over"),
    ("总点击突破2000万次", "over"),
    ("转发突破10万+", "over"),
    ("满意率达95%以上", "at_least"),
    ("发案不到200起", "under"),
    ("发案数不足200起", "under"),
    ("发案率低于3%", "under"),
    ("办证时间10分钟以内", "at_most"),
    ("命案降到200宗以下", "at_most"),
    ("总体绩效保持全省前三", "at_most"),
    ("破获案件3155起", "exact"),
])
def test_the_qualifier_comes_from_the_figures_own_words(text: str, qualifier: str) -> None:
    assert police(text)[-1].qualifier == qualifier


@pytest.mark.parametrize("text", ["较大以上火灾事故3起", "二级以上医院12家", "约谈20人"])
def test_words_that_bound_a_category_are_no_qualifier(text: str) -> None:
    assert one(text).qualifier == "exact"


def test_an_age_band_is_no_qualified_figure() -> None:
    figures = police("20岁以下占8.5%")
    assert [(f.text, f.qualifier) for f in figures] == [("20", "exact"), ("8.5%", "exact")]


@pytest.mark.parametrize("text, direction, hint", [
    ("刑事案件立案同比下降0.54%", -1, "change_pct"),
    ("刑事案件比降84.83%", -1, "change_pct"),
    ("刑事警情同比降四成", -1, "change_pct"),
    ("破案数同比上升8.4%", 1, "change_pct"),
    ("破案数同比增長8.4%", 1, "change_pct"),
    ("反应时间縮短了5分鐘", -1, "change_abs"),
    ("刑事案件减少72起", -1, "change_abs"),
    ("破案率上升1个百分点", 1, "change_pp"),
    ("满意度提高了27.53個百分點", 1, "change_pp"),
    ("抓获人数同比上升1.7倍", 1, "change_pct"),
    ("降幅超30%", -1, "change_pct"),
    ("命案降至200起", 0, "level"),
    ("命案下降至目前的不足200起", 0, "level"),
    ("安全感达93%", 0, "level"),
    ("全年破获案件3155起", 0, "level"),
    ("刑事立案同比下降6.3。", -1, ""),
])
def test_direction_and_measure_come_from_the_governing_word(text: str, direction: int,
                                                           hint: str) -> None:
    figure = one(text)
    assert (figure.direction, figure.measure_hint) == (direction, hint)


def test_a_one_character_cue_counts_only_after_a_base() -> None:
    assert one("三级警长以下职务晋升848名").direction == 0


def test_the_base_level_before_a_change_is_a_level() -> None:
    figures = police("共接报12000起,比去年同期的13000起减少1000起")
    assert [(f.value, f.direction, f.measure_hint) for f in figures] == [
        (12000, 0, "level"), (13000, 0, "level"), (1000, -1, "change_abs")]


def test_each_figure_has_the_cue_nearest_it() -> None:
    figures = police("盗窃警情环比上升2.46%,同比下降0.92%")
    assert [(f.direction, f.base) for f in figures] == [(1, "环比"), (-1, "同比")]


def test_a_named_base_year() -> None:
    figure = one("满意度较2018年上升12个百分点")
    assert (figure.base, figure.base_year, figure.measure_hint) == ("2018年", 2018,
                                                                    "change_pp")


def test_a_list_shares_its_cue_unit_and_qualifier() -> None:
    figures = police("警情、案件年均下降近6000起、7000起")
    assert [(f.value, f.qualifier, f.direction, f.counter, f.group) for f in figures] == [
        (6000, "about", -1, "起", 0), (7000, "about", -1, "起", 0)]
    points = police("破结案率分别同比提高30.8、16.5个百分点")
    assert [(f.value, f.measure_hint) for f in points] == [(30.8, "change_pp"),
                                                          (16.5, "change_pp")]


def test_a_respectively_list_pairs_subjects_with_figures() -> None:
    figures = police("侵财、“两抢”案件同比分别下降18.8%、67.7%")
    assert [(f.subject, f.value) for f in figures] == [("侵财", 18.8), ("两抢案件", 67.7)]
    shares = police("分别占全市社区、村屯、单位总数的53.7%、57.6%、43.6%")
    assert [f.subject for f in shares] == ["占全市社区", "村屯", "单位总数"]


def test_subjects_are_paired_only_when_the_counts_agree() -> None:
    figures = police("刑事、行政案件破结案率分别提高30.8、16.5、2个百分点")
    assert [f.subject for f in figures] == ["", "", ""]


def test_ranks_say_their_peers() -> None:
    figures = police("安全感、满意度分列全省第二和第一")
    assert [(f.value, f.scope, f.measure_hint) for f in figures] == [
        (2, "province", "rank"), (1, "province", "rank")]
    assert one("刑侦绩效全市第一").scope == "city"
    assert one("名列全国第五").scope == "nation"


def test_texts_that_differ_only_in_their_digits_read_alike() -> None:
    first = one("全市刑事案件立案数同比下降8.8%")
    second = one("全市刑事案件立案数同比下降7.3%")
    assert (second.value, second.text, second.direction) == (7.3, "7.3%", -1)
    assert (first.value, first.text) == (8.8, "8.8%")
    assert one("2019年破获案件2019起").value == 2019
    assert one("2020年破获案件1234起").value == 1234


@pytest.mark.parametrize("numeral, value", [("五", 5), ("两", 2), ("十二", 12), ("二十六", 26),
                                            ("三十点五", 30.5), ("一千零五", 1005)])
def test_a_chinese_numeral_alone_is_read_by_the_same_rule(numeral: str, value: float) -> None:
    assert chinese_number(numeral) == value


@pytest.mark.parametrize("numeral, value", [
    ("一亿二千万", 120_000_000), ("一亿零五万", 100_050_000), ("两万三千", 23_000),
    ("二十万零五百", 200_500), ("千万", 10_000_000), ("一万亿", 10**12), ("万", 10_000)])
def test_wan_and_yi_multiply_only_what_was_read_below_them(numeral: str, value: float) -> None:
    """一亿二千万 was read as 1,000,020,000,000: 万 multiplied the 一亿 before it too."""
    assert chinese_number(numeral) == value


def test_a_numeral_too_large_for_a_float_is_infinite_not_a_crash() -> None:
    assert chinese_number("一" + "亿" * 40) == math.inf


def test_a_date_written_with_dots_beside_a_figure_is_no_number() -> None:
    found = [(f.text, f.kind, f.value) for f in read_figures("截至08.01.2018,抓获嫌疑人35名")]
    assert ("35", "figure", 35.0) in found


def test_ranks_listed_after_their_peers_pair_with_the_subjects_before() -> None:
    found = police("上半年安全感、满意度分列全省第二和第一")
    assert [(f.text, f.subject, f.scope) for f in found] == [
        ("第二", "上半年安全感", "province"), ("第一", "满意度", "province")]


def test_a_chinese_numeral_that_opens_the_text_is_read() -> None:
    """A quote often starts with its figure: 两个团伙 alone reads as 2, as it does inside a
    longer text."""
    assert [(f.text, f.value) for f in police("两个黑社会性质团伙")] == [("两", 2.0)]
    assert police("统一部署") == []


def test_the_first_quarters_of_a_year_are_no_rank() -> None:
    """前三季度 in a city's bulletin (东城市: 城市 is a word of ranking) is a span of time."""
    assert police("东城市公安局通报前三季度治安形势") == []
    assert [(f.text, f.measure_hint, f.qualifier) for f in police("绩效保持全省前三")] == [
        ("三", "rank", "at_most")]


@pytest.mark.parametrize("text", ["到场时间缩短至5分钟", "到場時間縮短到5分鐘",
                                  "发案数压降至300起"])
def test_shortened_or_pressed_down_to_a_figure_is_a_level(text: str) -> None:
    figure = one(text)
    assert (figure.direction, figure.measure_hint) == (0, "level")

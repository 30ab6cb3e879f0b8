"""Each validation rule, pinned by a small failing fixture and its exact message."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import HEADER, OBSERVATIONS, write

from copscompare.errors import DataError
from copscompare.loading import load


def problems(path: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load(path)
    return [str(p).replace(str(path), "F") for p in caught.value.problems]


OBS = """\
  - jurisdiction: wujin
    metric: clearance_rate
    period: 2009
    measure: change_pp
    value: {value}
    qualifier: exact
    source: s1
    quote: {quote}
"""


def obs(value: str = "1", quote: str = "破案率上升1个百分点") -> str:
    return OBS.format(value=value, quote=quote)


def test_valid_file_loads(data_file: Path) -> None:
    dataset = load(data_file)
    assert sorted(dataset.jurisdictions) == ["changzhou", "wujin", "xiamen"]
    first = dataset.observations[0]
    assert (first.jurisdiction, first.period.text, first.measure, first.value) == (
        "wujin", "2009", "change_pp", 1.0)
    assert first.line == 49
    assert dataset.observations_of("community_police_rooms")[0].value == 171


def test_three_errors_reported_together(with_observations) -> None:
    path = with_observations(
        obs() + "  - jurisdiction: wujin\n    metric: clearence_rate\n    period: 2009\n"
        "    measure: level\n    value: \"98%\"\n    qualifier: exact\n    qualifier: about\n"
        "    source: s1\n    quote: 破案率98%\n")
    assert problems(path) == [
        "F:58: observations[1].metric: unknown metric 'clearence_rate' "
        "(did you mean 'clearance_rate'?)",
        "F:61: observations[1].value: must be a plain number, not the text '98%'; "
        "write 98 (the metric's unit says percent)",
        "F:63: observations[1].qualifier: duplicate key 'qualifier' (first at line 62); "
        "YAML would silently keep only the last one",
    ]


@pytest.mark.parametrize("value, message", [
    (".nan", "must be a plain number, not the text '.nan'"),
    ("1e400", "'1e400' is not a finite number"),
    ("3万", "must be a plain number, not the text '3万'; write the figure in digits"),
])
def test_value_must_be_finite_number(with_observations, value: str, message: str) -> None:
    [found] = problems(with_observations(obs(value=value)))
    assert found.startswith("F:53: observations[0].value: " + message)


def test_quote_must_contain_figure(with_observations) -> None:
    [found] = problems(with_observations(obs(value="2")))
    assert found == ("F:49: observations[0].quote: the quote does not contain the figure 2 "
                     "(quote the shortest clause that does)")


def test_sign_must_match_quote(with_observations) -> None:
    [found] = problems(with_observations(obs(value="-1")))
    assert found == ("F:49: observations[0].value: the quote speaks of a rise but the value "
                     "is -1: decreases are negative")


def test_unknown_field_suggests(with_observations) -> None:
    text = obs().replace("    value: 1\n", "    value: 1\n    vlaue: 1\n")
    [found] = problems(with_observations(text))
    assert found == "F:54: observations[0].vlaue: unknown field 'vlaue' (did you mean 'value'?)"


def test_missing_field(with_observations) -> None:
    text = obs().replace("    source: s1\n", "")
    [found] = problems(with_observations(text))
    assert found == "F:49: observations[0]: missing required field 'source'"


@pytest.mark.parametrize("period, message", [
    ("2009-13", "period '2009-13' is not YYYY, YYYY-H1, YYYY-Q3, YYYY-MM, START/END or unknown"),
    ("2012/2009", "period '2012/2009' ends before it starts"),
    ("H1", "period 'H1' is not YYYY, YYYY-H1, YYYY-Q3, YYYY-MM, START/END or unknown"),
    ("unknown", "an unknown period needs a note saying why no year can be known"),
])
def test_period_syntax(with_observations, period: str, message: str) -> None:
    [found] = problems(with_observations(obs().replace("period: 2009", f"period: {period}")))
    assert found == f"F:51: observations[0].period: {message}"


@pytest.mark.parametrize("word, reading", [
    ("no", "the boolean false"),
    ("2009-01-01", "a date"),
    ("0519", "a number (the leading zero is lost, or it is read as octal)"),
])
def test_implicit_typing_traps(with_observations, word: str, reading: str) -> None:
    [found] = problems(with_observations(obs().replace("jurisdiction: wujin",
                                                       f"jurisdiction: {word}")))
    assert found == (f"F:49: observations[0].jurisdiction: '{word}' is read by YAML as "
                     f"{reading}; put it in quotes (\"{word}\") if text is meant")


def test_rank_rules(with_observations) -> None:
    text = obs(value="0", quote="位居全省第一").replace("change_pp", "rank")
    found = problems(with_observations(text))
    assert found == [
        "F:49: observations[0]: a rank needs a 'scope' (province, nation or city)",
        "F:53: observations[0].value: a rank is a whole number from 1 up, not 0",
    ]


def test_percent_level_over_100_is_a_warning(with_observations) -> None:
    text = obs(value="103", quote="破案率达103%").replace("change_pp", "level")
    dataset = load(with_observations(text))
    assert [p.message for p in dataset.warnings] == ["103% is over 100%"]


def test_percentage_points_need_percent_metric(with_observations) -> None:
    text = obs().replace("clearance_rate", "community_police_rooms")
    [found] = problems(with_observations(text))
    assert found.endswith("observations[0].measure: a percentage-point change needs a percent "
                          "metric; 'community_police_rooms' is counted in count")


def test_unknown_references_and_parent_cycle(tmp_path: Path) -> None:
    text = HEADER.replace("    level: prefecture_city\n",
                          "    level: prefecture_city\n    parent: wujin\n")
    text += OBSERVATIONS.replace("source: s2", "source: s9")
    found = problems(write(tmp_path / "d.yaml", text))
    assert "F:13: jurisdictions[0].parent: parent cycle: changzhou -> wujin -> changzhou" in found
    assert "F:20: jurisdictions[1].parent: parent cycle: wujin -> changzhou -> wujin" in found
    assert "F:64: observations[1].source: unknown source 's9'" in found


def test_duplicate_ids(tmp_path: Path) -> None:
    text = HEADER.replace("  - id: s2\n", "  - id: s1\n") + OBSERVATIONS.replace("s2", "s1")
    found = problems(write(tmp_path / "d.yaml", text))
    assert found == ["F:7: sources[1].id: duplicate id 's1' (first at F:2)"]


@pytest.mark.parametrize("text, message", [
    ("", "F:1: the file is empty: expected a mapping with sources, jurisdictions, metrics, "
         "observations"),
    ("# only a comment\n", "F:1: the file is empty: expected a mapping with sources, "
                           "jurisdictions, metrics, observations"),
    ("- a\n- b\n", "F:1: the top level must be a mapping with sources, jurisdictions, metrics, "
                   "observations, not a list"),
    ("a:\n\tb: 1\n", "F:2: yaml: found character that cannot start any token (line has a tab: "
                     "indent with spaces)"),
    ("a: &x [1]\nb: *x\n", "F:1: yaml: anchors (&x) are not allowed: write values out"),
])
def test_file_shape(tmp_path: Path, text: str, message: str) -> None:
    assert problems(write(tmp_path / "d.yaml", text))[0] == message


def test_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_bytes(b"sources:\n  - id: \xff\n")
    assert problems(path) == ["F:2: encoding: not valid UTF-8 (byte 0xff); save the file as UTF-8"]


def test_bom_and_crlf_load(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    text = (HEADER + OBSERVATIONS).replace("\n", "\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert len(load(path).observations) == 2


def test_folder_is_merged(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", HEADER)
    write(tmp_path / "b.yaml", OBSERVATIONS)
    assert len(load(tmp_path).observations) == 2


def test_size_limit(data_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPSCOMPARE_MAX_MB", "0.001")
    [found] = problems(data_file)
    assert found.startswith("F: the file is 0.0 MB, over the 0 MB limit")


def test_broken_source_is_not_reported_again_by_its_observations(tmp_path: Path) -> None:
    text = HEADER.replace('date: "2007"', "date: 2007-13") + OBSERVATIONS
    assert problems(write(tmp_path / "d.yaml", text)) == [
        "F:10: sources[1].date: '2007-13' is not YYYY-MM-DD, YYYY-MM, YYYY or unknown"]


def test_plain_year_is_a_valid_source_date(tmp_path: Path) -> None:
    text = HEADER.replace('date: "2007"', "date: 2007") + OBSERVATIONS
    assert load(write(tmp_path / "d.yaml", text)).sources["s2"].date == "2007"

"""The fields added for sources read elsewhere, figures among several, and the dictionary.

A source may name no archived text (``url`` and ``accessed`` instead), with the SHA-256 of the
text the curator read; an observation may say which figure of its quote it is (``figure``) or
that its reading is the curator's (``reading: curator``, with a note); a metric may be ``core``;
a jurisdiction may be a township.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import HEADER, OBSERVATIONS, write

from copscompare.errors import DataError
from copscompare.loading import load

SHA = "0" * 63 + "a"
ONLINE = f"""\
  - id: s9
    title: 网上报道
    publisher: 羊城晚报
    via: ttnews.xyz
    date: 2020-02-26
    url: https://example.com/a
    accessed: 2026-12-03
    sha256: {SHA}
"""


def with_source(source: str, observations: str = OBSERVATIONS) -> str:
    return HEADER.replace("jurisdictions:\n", source + "jurisdictions:\n", 1) + observations


def problems(path: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load(path)
    return [str(p).replace(str(path), "F") for p in caught.value.problems]


def test_a_source_read_online_needs_no_archived_file(tmp_path: Path) -> None:
    dataset = load(write(tmp_path / "d.yaml", with_source(ONLINE)))
    source = dataset.sources["s9"]
    assert (source.file, source.url, source.accessed, source.sha256, source.via) == (
        None, "https://example.com/a", "2026-12-03", SHA, "ttnews.xyz")


def test_a_source_with_neither_file_nor_url_and_day_is_refused(tmp_path: Path) -> None:
    text = with_source(ONLINE.replace("    accessed: 2026-12-03\n", ""))
    assert problems(write(tmp_path / "d.yaml", text)) == [
        "F:12: sources[2]: a source needs its archived text ('file') or, when it is not "
        "archived here, its 'url' and the day it was read ('accessed')"]


@pytest.mark.parametrize("field, value, message", [
    ("sha256", "ABC", "'ABC' is not a SHA-256: 64 hexadecimal digits, lower case"),
    ("accessed", "2026-12", "'2026-12' is not a day written YYYY-MM-DD"),
    ("accessed", "2026-02-30", "'2026-02-30' is not YYYY-MM-DD, YYYY-MM, YYYY or unknown"),
])
def test_source_fields_are_checked(tmp_path: Path, field: str, value: str, message: str) -> None:
    line = {"sha256": "    sha256: ", "accessed": "    accessed: "}[field]
    old = next(x for x in ONLINE.splitlines() if x.startswith(line))
    text = with_source(ONLINE.replace(old, line + value))
    found = problems(write(tmp_path / "d.yaml", text))
    assert found[0].endswith(f"sources[2].{field}: {message}")


def test_figure_says_which_of_several_figures(tmp_path: Path) -> None:
    obs = OBSERVATIONS.replace("    quote: 全市171个社区警务室当年全部建成\n",
                               "    quote: 全市171个社区警务室当年全部建成\n    figure: \"171\"\n")
    dataset = load(write(tmp_path / "d.yaml", HEADER + obs))
    assert [o.figure for o in dataset.observations_of("community_police_rooms")] == ["171"]


def test_figure_must_be_written_in_the_quote(tmp_path: Path) -> None:
    obs = OBSERVATIONS.replace("    quote: 全市171个社区警务室当年全部建成\n",
                               "    quote: 全市171个社区警务室当年全部建成\n    figure: \"172\"\n")
    found = problems(write(tmp_path / "d.yaml", HEADER + obs))
    assert [p.split(": ", 1)[1] for p in found] == [
        "observations[1].figure: '172' is not written in the quote: give the figure as the "
        "quote writes it"]


def test_a_curators_reading_needs_a_note(tmp_path: Path) -> None:
    obs = OBSERVATIONS.replace("    quote: 全市171个社区警务室当年全部建成\n",
                               "    quote: 全市171个社区警务室当年全部建成\n    reading: curator\n")
    found = problems(write(tmp_path / "d.yaml", HEADER + obs))
    assert [p.split(": ", 1)[1] for p in found] == [
        "observations[1].reading: a curator's reading needs a note saying how the figure was "
        "read from the quote"]
    noted = obs.replace("    reading: curator\n", "    reading: curator\n    note: 读作171\n")
    assert load(write(tmp_path / "d.yaml", HEADER + noted)).observations[1].reading == "curator"


def test_core_is_a_flag(tmp_path: Path) -> None:
    text = (HEADER + OBSERVATIONS).replace("  - id: clearance_rate\n",
                                           "  - id: clearance_rate\n    core: true\n", 1)
    dataset = load(write(tmp_path / "d.yaml", text))
    assert dataset.metrics["clearance_rate"].core
    assert not dataset.metrics["community_police_rooms"].core
    quoted = text.replace("    core: true\n", "    core: \"yes\"\n")
    assert problems(write(tmp_path / "d.yaml", quoted))[0].endswith(
        "metrics[0].core: must be true or false (unquoted), not yes")


def test_a_township_is_a_level(tmp_path: Path) -> None:
    text = (HEADER + OBSERVATIONS).replace("    level: district\n", "    level: township\n", 1)
    assert load(write(tmp_path / "d.yaml", text)).jurisdictions["wujin"].level == "township"

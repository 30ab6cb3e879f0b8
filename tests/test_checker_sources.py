"""check across sources and layers: dates, the same article or figure twice, archived texts in
several folders, texts that are not UTF-8, sources with no archived text, data in layers."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import HEADER, OBSERVATIONS, write

from copscompare import loading
from copscompare.cli import main

ROOM = """\
  - jurisdiction: xiamen
    metric: community_police_rooms
    period: {period}
    measure: {measure}
    value: {value}
    qualifier: exact
    source: {source}
    quote: {quote}
"""


def room(period: str = "2004", value: str = "171", source: str = "s2",
         quote: str = "全市171个社区警务室当年全部建成", measure: str = "level",
         extra: str = "") -> str:
    return ROOM.format(period=period, value=value, source=source, quote=quote,
                       measure=measure) + extra


def check(capsys: pytest.CaptureFixture[str], *args: str,
          tmp_path: Path) -> tuple[int, str, list[str]]:
    """``copscompare check ARGS``: exit code, stdout, stderr lines with tmp_path as T."""
    code = main(["check", "--no-cache", *args])
    out, err = capsys.readouterr()
    return code, out.replace(str(tmp_path), "T"), err.replace(str(tmp_path), "T").splitlines()


def one_error(capsys: pytest.CaptureFixture[str], *args: str, tmp_path: Path) -> str:
    """The one error ``check ARGS`` reports (it exits 1 and says so last)."""
    code, out, lines = check(capsys, *args, tmp_path=tmp_path)
    assert (code, out, lines[-1]) == (
        1, "", "copscompare: error: 1 error(s) in the data; nothing was changed")
    [line] = lines[:-1]
    return line


def data(tmp_path: Path, observations: str, sources: str = "") -> Path:
    header = HEADER.replace("jurisdictions:", sources + "jurisdictions:")
    return write(tmp_path / "data.yaml", header + "observations:\n" + observations)


# -- dates ------------------------------------------------------------------------------------

def test_a_period_after_its_source_was_published(tmp_path: Path, capsys) -> None:
    path = data(tmp_path, room(period="2008"))
    assert one_error(capsys, "--data", str(path), tmp_path=tmp_path) == (
        "T/data.yaml:49: observations[0].period: the period 2008 ends after its source 's2' "
        "was published (2007)")


def test_a_period_is_compared_at_the_coarser_precision(tmp_path: Path, capsys) -> None:
    published = ("  - id: s3\n    title: 十一月通报\n    publisher: 常州日报\n"
                 "    date: 2007-11-21\n    file: c.txt\n")
    fine = room(period="2006/2007", source="s3")
    late = room(period="2007-12", source="s3", value="172", quote="全市172个社区警务室")
    path = data(tmp_path, fine + late, published)
    assert one_error(capsys, "--data", str(path), tmp_path=tmp_path) == (
        "T/data.yaml:62: observations[1].period: the period 2007-12 ends after its source "
        "'s3' was published (2007-11-21)")


def test_a_baseline_after_its_period(tmp_path: Path, capsys) -> None:
    path = data(tmp_path, room(period="2005", measure="change_abs", value="12",
                               quote="全市社区警务室增加12个", extra="    baseline: \"2006\"\n"))
    assert one_error(capsys, "--data", str(path), tmp_path=tmp_path) == (
        "T/data.yaml:49: observations[0].baseline: the baseline 2006 does not come before the "
        "period 2005")


def test_a_source_read_before_it_was_published(tmp_path: Path, capsys) -> None:
    online = ("  - id: s3\n    title: 网上报道\n    publisher: 常州日报\n    date: 2012-05-01\n"
              "    url: https://example.org/a\n    accessed: 2011-01-01\n")
    path = data(tmp_path, room(), online)
    assert one_error(capsys, "--data", str(path), tmp_path=tmp_path) == (
        "T/data.yaml:12: sources[2].accessed: read on 2011-01-01, before it was published "
        "(2012-05-01)")


# -- the same article twice, the same figure twice ----------------------------------------------

@pytest.mark.parametrize("fields, same", [
    ("    date: 2009-03-01\n    file: a.txt\n", "file"),
    ("    date: 2010-01-18\n    file: c.txt\n", "title and date"),
])
def test_the_same_article_twice(tmp_path: Path, capsys, fields: str, same: str) -> None:
    twice = "  - id: s3\n    title: 测试报道\n    publisher: 常州日报\n" + fields
    path = data(tmp_path, room(), twice)
    field = same.split()[0]
    assert one_error(capsys, "--data", str(path), tmp_path=tmp_path) == (
        f"T/data.yaml:12: sources[2].{field}: the same article as source 's1' "
        f"(T/data.yaml:2): the same {same}")


def test_the_same_text_under_two_names_is_the_same_article(tmp_path: Path, capsys) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    for name in ("a.txt", "b.txt"):
        (archive / name).write_text("2004年,全市171个社区警务室当年全部建成。", "utf-8")
    path = data(tmp_path, room())
    assert check(capsys, "--data", str(path), "--sources", str(archive),
                 tmp_path=tmp_path)[2] == [
        "T/data.yaml:7: file: the same article as source 's1' (T/data.yaml:2): 'b.txt' holds "
        "the same text as 'a.txt'",
        "copscompare: error: 1 error(s) in the data; nothing was changed"]


def test_the_same_figure_from_two_sources_stays_cited_from_the_earlier(tmp_path: Path,
                                                                         capsys) -> None:
    later = room(period="2004", source="s1")  # s1 is of 2010, s2 of 2007
    path = data(tmp_path, later + room(period="2004", source="s2"))
    code, out, err = check(capsys, "--data", str(path), tmp_path=tmp_path)
    assert (code, out, err) == (0, "ok: 3 jurisdictions, 2 metrics, 2 sources, 1 observations, "
                                   "1 warning(s)\n", [
        "T/data.yaml:57: observations[1]: warning: the same figure as T/data.yaml:49, from "
        "source 's1' and from source 's2': 's2' (published earlier) stays cited"])
    [kept] = loading.load(path, use_cache=False).observations
    assert kept.source == "s2"


def test_a_change_month_on_month_and_one_year_on_year_are_two_figures(tmp_path: Path,
                                                                      capsys) -> None:
    quote = "社区警务室环比增加3个,同比增加3个"
    path = data(tmp_path, room(period="2006-10", measure="change_abs", value="3", quote=quote,
                               extra="    figure: \"环比增加3个\"\n"
                                     "    baseline: \"2006-09\"\n")
                + room(period="2006-10", measure="change_abs", value="3", quote=quote,
                       extra="    figure: \"同比增加3个\"\n"))
    assert check(capsys, "--data", str(path), tmp_path=tmp_path)[:2] == (
        0, "ok: 3 jurisdictions, 2 metrics, 2 sources, 2 observations, 0 warning(s)\n")


# -- archived texts ---------------------------------------------------------------------------

def archives(tmp_path: Path, **folders: dict[str, bytes]) -> list[str]:
    args = []
    for folder, files in folders.items():
        (tmp_path / folder).mkdir()
        for name, text in files.items():
            (tmp_path / folder / name).write_bytes(text)
        args += ["--sources", str(tmp_path / folder)]
    return args


A_TEXT = "2009年,破案率上升1个百分点。".encode()
B_TEXT = "2004年,全市171个社区警务室当年全部建成。".encode()


def test_sources_may_be_given_several_times(tmp_path: Path, capsys) -> None:
    path = write(tmp_path / "data.yaml", HEADER + OBSERVATIONS)
    args = archives(tmp_path, seeds={"a.txt": A_TEXT}, articles={"b.txt": B_TEXT})
    code, out, err = check(capsys, "--data", str(path), *args, tmp_path=tmp_path)
    assert (code, err) == (0, [])
    assert out.endswith("every quote found in its source\n")


def test_a_text_in_two_folders_must_be_one_text(tmp_path: Path, capsys) -> None:
    path = write(tmp_path / "data.yaml", HEADER + OBSERVATIONS)
    args = archives(tmp_path, seeds={"a.txt": A_TEXT, "b.txt": B_TEXT},
                    articles={"a.txt": A_TEXT + b"\n", "b.txt": B_TEXT})
    assert one_error(capsys, "--data", str(path), *args, tmp_path=tmp_path) == (
        "T/data.yaml:2: file: archived text 'a.txt' differs between T/seeds/a.txt and "
        "T/articles/a.txt: which is the article?")


def test_a_text_found_in_no_folder_names_them_all(tmp_path: Path, capsys) -> None:
    path = write(tmp_path / "data.yaml", HEADER + OBSERVATIONS)
    args = archives(tmp_path, seeds={"a.txt": A_TEXT}, articles={})
    assert one_error(capsys, "--data", str(path), *args, tmp_path=tmp_path) == (
        "T/data.yaml:7: file: archived text 'b.txt' not found in T/seeds, T/articles")


@pytest.mark.parametrize("encoding, looks", [
    ("gbk", "a Chinese encoding such as GBK (GB 18030) or Big5"), ("utf-16", "UTF-16")])
def test_a_text_that_is_not_utf8_says_what_it_looks_like(tmp_path: Path, capsys,
                                                         encoding: str, looks: str) -> None:
    path = write(tmp_path / "data.yaml", HEADER + OBSERVATIONS)
    text = "2004年,全市171个社区警务室当年全部建成,破案率上升1个百分点。" * 3
    args = archives(tmp_path, seeds={"a.txt": A_TEXT, "b.txt": text.encode(encoding)})
    assert one_error(capsys, "--data", str(path), *args, tmp_path=tmp_path) == (
        f"T/data.yaml:7: file: archived text 'b.txt' is not UTF-8 — looks like {looks}; save "
        "it as UTF-8")


def test_a_traditional_quote_is_matched_as_written(tmp_path: Path, capsys) -> None:
    path = data(tmp_path, room(quote="全市171個社區警務室"))
    args = archives(tmp_path, seeds={"a.txt": A_TEXT, "b.txt": "全市171个社区警务室".encode()})
    assert one_error(capsys, "--data", str(path), *args, tmp_path=tmp_path) == (
        "T/data.yaml:49: quote: quote not found verbatim in b.txt: '全市171個社區警務室'")


def test_many_quotes_of_one_long_text_are_each_found_or_not(tmp_path: Path, capsys) -> None:
    filler = "公安工作稳步推进。" * 3000
    found = "".join(f"全市{n}个社区警务室。" for n in range(100, 140))
    text = (filler + found + filler).encode()
    rooms = "".join(room(period=f"{1800 + n}", value=str(n), quote=f"全市{n}个社区警务室")
                    for n in range(100, 141))
    path = data(tmp_path, rooms)
    args = archives(tmp_path, seeds={"a.txt": A_TEXT, "b.txt": text})
    assert one_error(capsys, "--data", str(path), *args, tmp_path=tmp_path) == (
        "T/data.yaml:369: quote: quote not found verbatim in b.txt: '全市140个社区警务室'")


def test_quotes_without_an_archived_text_are_counted(tmp_path: Path, capsys) -> None:
    online = ("  - id: s3\n    title: 网上报道\n    publisher: 常州日报\n    date: 2007-05-01\n"
              "    url: https://example.org/a\n    accessed: 2020-01-01\n")
    path = data(tmp_path, room() + room(source="s3", period="2005"), online)
    args = archives(tmp_path, seeds={"a.txt": A_TEXT, "b.txt": B_TEXT})
    code, out, err = check(capsys, "--data", str(path), *args, tmp_path=tmp_path)
    assert (code, err) == (0, [])
    assert out == ("ok: 3 jurisdictions, 2 metrics, 3 sources, 2 observations, 0 warning(s), "
                   "every archived quote found in its source\n"
                   "1 quote(s) not verified against a text: no archived copy here of s3\n")


def test_figures_read_by_the_curator_are_listed(tmp_path: Path, capsys) -> None:
    reading = "    reading: curator\n    note: 近两百 read as 200.\n"
    path = data(tmp_path, room(quote="全市近两百个社区警务室", value="200", extra=reading))
    code, out, err = check(capsys, "--data", str(path), tmp_path=tmp_path)
    assert (code, err) == (0, [])
    assert out == ("ok: 3 jurisdictions, 2 metrics, 2 sources, 1 observations, 0 warning(s)\n"
                   "1 figure(s) read by the curator, not verified by rule:\n"
                   "  T/data.yaml:49 community_police_rooms 2004: 近两百 read as 200.\n")


def test_quotes_are_checked_when_other_errors_exist(tmp_path: Path, capsys) -> None:
    broken = room().replace("metric: community_police_rooms", "metric: comunity_rooms")
    path = data(tmp_path, broken + room(period="2005", quote="全市171个社区警务室"))
    args = archives(tmp_path, seeds={"a.txt": A_TEXT, "b.txt": "全市170个社区警务室".encode()})
    assert check(capsys, "--data", str(path), *args, tmp_path=tmp_path)[2] == [
        "T/data.yaml:49: quote: quote not found verbatim in b.txt: '全市171个社区警务室当年全部"
        "建成'",
        "T/data.yaml:50: observations[0].metric: unknown metric 'comunity_rooms' (did you mean "
        "'community_police_rooms'?)",
        "T/data.yaml:57: quote: quote not found verbatim in b.txt: '全市171个社区警务室'",
        "copscompare: error: 3 error(s) in the data; nothing was changed"]


# -- data in layers ---------------------------------------------------------------------------

MINE = """\
sources:
  - id: mine1
    title: 我的文章
    publisher: 厦门日报
    date: 2006-03-01
    url: https://example.org/mine
    accessed: 2024-01-01
observations:
  - jurisdiction: xiamen
    metric: community_police_rooms
    period: 2005
    measure: level
    value: 190
    qualifier: exact
    source: mine1
    quote: 全市190个社区警务室
"""


def test_a_curators_file_is_a_layer_on_the_other(tmp_path: Path, capsys) -> None:
    base = write(tmp_path / "base.yaml", HEADER + OBSERVATIONS)
    mine = write(tmp_path / "mine.yaml", MINE)
    code, out, err = check(capsys, "--data", str(base), "--data", str(mine),
                           tmp_path=tmp_path)
    assert (code, out, err) == (
        0, "ok: 3 jurisdictions, 2 metrics, 3 sources, 3 observations, 0 warning(s)\n", [])


def test_the_bundled_data_is_a_layer_by_name(tmp_path: Path, capsys, monkeypatch) -> None:
    bundled = tmp_path / "bundled-data"
    bundled.mkdir()
    write(bundled / "indicators.yaml", HEADER + OBSERVATIONS)
    monkeypatch.setattr(loading.files, "bundled_path", lambda: bundled)
    mine = write(tmp_path / "mine.yaml", MINE)
    assert loading.data_layers(["bundled", str(mine)]) == [bundled, mine]
    assert len(loading.load(["bundled", mine], use_cache=False).observations) == 3


def test_the_environment_may_name_several_layers(tmp_path: Path, monkeypatch) -> None:
    base = write(tmp_path / "base.yaml", HEADER + OBSERVATIONS)
    mine = write(tmp_path / "mine.yaml", MINE)
    monkeypatch.setenv(loading.DATA_ENV, f"{base}{__import__('os').pathsep}{mine}")
    assert loading.data_layers() == [base, mine]
    assert len(loading.load().observations) == 3


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    base = write(tmp_path / "base.yaml", HEADER + OBSERVATIONS)
    assert loading.data_files([base, tmp_path / "." / "base.yaml"]) == [base]


def test_the_cache_knows_every_layer(tmp_path: Path) -> None:
    base = write(tmp_path / "base.yaml", HEADER + OBSERVATIONS)
    mine = write(tmp_path / "mine.yaml", MINE)
    assert len(loading.load([base, mine]).observations) == 3
    assert len(loading.load([base]).observations) == 2
    mine.write_text(MINE.replace("value: 190", "value: 191").replace("190个", "191个"),
                    encoding="utf-8")
    assert [o.value for o in loading.load([base, mine]).observations][-1] == 191

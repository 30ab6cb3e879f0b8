"""Input that used to pass, or pass wrongly: invisible line breaks, full-width digits, ids
ending in a line break, lookalike names, what a data folder holds, markup in every --fmt, and
what the command line and the archived texts bring in."""

from __future__ import annotations

import os
import re
import stat
import sys
from pathlib import Path

import pytest
from conftest import HEADER, OBSERVATIONS, write

from copscompare.cli import main

VALID = HEADER + OBSERVATIONS
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX files")


def check(capsys, path: Path, *args: str) -> tuple[int, str, str]:
    code = main(["check", "--no-cache", "--data", str(path), *args])
    out, err = capsys.readouterr()
    return code, out, err.replace(str(path), "F")


def data(tmp_path: Path, text: str) -> Path:
    return write(tmp_path / "data.yaml", text)


# -- 10. invisible line breaks ----------------------------------------------------------------

@pytest.mark.parametrize("char, name", [
    ("\u2028", "U+2028 (LINE SEPARATOR), an invisible character,"),
    ("\u2029", "U+2029 (PARAGRAPH SEPARATOR), an invisible character,"),
    ("\x85", "U+0085 (NEXT LINE), an invisible control character,"),
])
def test_an_invisible_line_break_is_named_and_lines_stay_right(char: str, name: str,
                                                              tmp_path: Path, capsys) -> None:
    """libyaml breaks lines there, so every line after it was reported one too far on."""
    text = (VALID.replace("title: 测试报道", f'title: "测试{char}报道"')
            .replace("value: 171", "value: 17"))
    assert check(capsys, data(tmp_path, text)) == (1, "", (
        f"F:3: yaml: {name} is read by YAML as a line break: remove it\n"
        "F:57: observations[1].quote: the quote does not contain the figure 17 (quote the "
        "shortest clause that does)\n"
        "copscompare: error: 2 error(s) in the data; nothing was changed\n"))


def test_several_invisible_breaks_are_counted_and_a_syntax_error_placed(tmp_path: Path,
                                                                        capsys) -> None:
    text = (VALID.replace("title: 测试报道", "title: 测试\u2028报道")  # breaks the plain text
            .replace("publisher: 厦门日报", 'publisher: "厦门\u2028日\u2028报"'))
    assert check(capsys, data(tmp_path, text)) == (1, "", (
        "F:3: yaml: U+2028 (LINE SEPARATOR), an invisible character, is read by YAML as a "
        "line break (2 more in this file): remove it\n"
        "F:4: yaml: could not find expected ':'\n"
        "copscompare: error: 2 error(s) in the data; nothing was changed\n"))


# -- 11. digits, ids, lookalike names -------------------------------------------------------------

WIDE = "; the digits are full-width or not ASCII: write {} in ASCII digits (0-9)"


@pytest.mark.parametrize("old, new, line, message", [
    ("period: 2004", "period: ２００４", 59, "observations[1].period: period '２００４' is written "
     "with full-width or other non-ASCII digits: write '2004' in ASCII digits (0-9)"),
    ("period: 2004", 'period: "2004-０６"', 59, "observations[1].period: period '2004-０６' is "
     "written with full-width or other non-ASCII digits: write '2004-06' in ASCII digits (0-9)"),
    ("value: 171", "value: １７１", 61, "observations[1].value: must be a plain number, not the "
     "text '１７１'" + WIDE.format("171")),
    ("value: 171", "value: ١٧١", 61, "observations[1].value: must be a plain number, not the "
     "text '١٧١'" + WIDE.format("171")),
    ('date: "2007"', 'date: "２００７"', 10,
     "sources[1].date: '２００７' is not YYYY-MM-DD, YYYY-MM, YYYY or unknown"
     + WIDE.format("2007")),
    ("measure: change_pp\n", "measure: change_pp\n    baseline: ２００８\n", 53,
     "observations[0].baseline: period '２００８' is written with full-width or other non-ASCII "
     "digits: write '2008' in ASCII digits (0-9)"),
])
def test_full_width_digits_are_refused(old: str, new: str, line: int, message: str,
                                       tmp_path: Path, capsys) -> None:
    code, out, err = check(capsys, data(tmp_path, VALID.replace(old, new, 1)))
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == f"F:{line}: {message}"


def test_full_width_digits_in_a_quote_are_fine(tmp_path: Path, capsys) -> None:
    text = VALID.replace("quote: 全市171个", "quote: 全市１７１个")
    assert check(capsys, data(tmp_path, text))[0] == 0


def test_full_width_period_on_the_command_line(data_file: Path, capsys) -> None:
    assert main(["rank", "-m", "community_police_rooms", "--period", "２００４", "--data",
                 str(data_file)]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "Error: Invalid value for '--period': period '２００４' is written with full-width or "
        "other non-ASCII digits: write '2004' in ASCII digits (0-9)")


@pytest.mark.parametrize("field, old, new, line", [
    ("jurisdictions[2].id", "id: xiamen\n", 'id: "xiamen\\n"\n', 26),
    ("metrics[1].id", "id: community_police_rooms\n", 'id: "community_police_rooms\\n"\n', 41),
    ("sources[0].id", "id: s1\n", 'id: "s1\\n"\n', 2),
])
def test_an_id_ending_in_a_line_break_is_refused(field: str, old: str, new: str, line: int,
                                                 tmp_path: Path, capsys) -> None:
    """Two identical-looking rows (xiamen and xiamen followed by a line break) passed."""
    code, _, err = check(capsys, data(tmp_path, VALID.replace(old, new, 1)))
    assert code == 1
    ident = old.split(": ")[1].strip()
    assert err.splitlines()[0].startswith(f"F:{line}: {field}: '{ident}\\n' is not a valid id")


TWIN = """\
  - id: {id}
    name_zh: {zh}
    name_en: {en}
    province: Fujian
    province_zh: 福建
    level: sub_provincial_city
"""


@pytest.mark.parametrize("zh, en, field, name, earlier, why", [
    ("厦门\u200b", "Xiamen Port", "name_zh", "厦门\u200b", "'厦门', the name_zh of jurisdiction "
     "'xiamen' (F:26)", "one holds U+200B ZERO WIDTH SPACE"),
    ("鹭岛", "Xiamеn", "name_en", "Xiamеn", "'Xiamen', the name_en of jurisdiction 'xiamen' "
     "(F:26)", "one holds U+0435 CYRILLIC SMALL LETTER IE"),
    ("鹭岛", "WUJIN DISTRICT", "name_en", "WUJIN DISTRICT", "'Wujin District', the name_en of "
     "jurisdiction 'wujin' (F:19)", "they differ in upper and lower case"),
    ("鹭岛", "Χiamen", "name_en", "Χiamen", "'Xiamen', the name_en of jurisdiction 'xiamen' "
     "(F:26)", "one holds U+03A7 GREEK CAPITAL LETTER CHI"),
    ("鹭岛", "Ｘｉａｍｅｎ", "name_en", "Ｘｉａｍｅｎ", "'Xiamen', the name_en of jurisdiction "
     "'xiamen' (F:26)", "one holds U+FF38 FULLWIDTH LATIN CAPITAL LETTER X, U+FF49 FULLWIDTH "
     "LATIN SMALL LETTER I, U+FF41 FULLWIDTH LATIN SMALL LETTER A"),
])
def test_names_that_look_alike_are_a_warning_naming_both(zh: str, en: str, field: str,
                                                         name: str, earlier: str, why: str,
                                                         tmp_path: Path, capsys) -> None:
    text = VALID.replace("metrics:\n", TWIN.format(id="harbour", zh=zh, en=en) + "metrics:\n")
    code, out, err = check(capsys, data(tmp_path, text))
    assert (code, err) == (0, (
        f"F:32: jurisdictions[3].{field}: warning: '{name}' looks the same as {earlier}, but "
        f"is not: {why}\n"))
    assert out.endswith("1 warning(s)\n")


def test_metric_labels_that_look_alike_are_a_warning(tmp_path: Path, capsys) -> None:
    text = VALID.replace("label_en: Community police rooms", "label_en: Criminal Case "
                         "Clearance Rate")
    code, _, err = check(capsys, data(tmp_path, text))
    assert (code, err) == (0, (
        "F:41: metrics[1].label_en: warning: 'Criminal Case Clearance Rate' looks the same as "
        "'Criminal case clearance rate', the label_en of metric 'clearance_rate' (F:33), but is "
        "not: they differ in upper and lower case\n"))


def test_the_same_name_twice_is_no_warning(tmp_path: Path, capsys) -> None:
    """Two places may share a name; the user is asked which one is meant."""
    text = VALID.replace("metrics:\n", TWIN.format(id="wujin_town", zh="武进区",
                                                   en="Wujin District") + "metrics:\n")
    assert check(capsys, data(tmp_path, text))[:2] == (0, "ok: 4 jurisdictions, 2 metrics, "
                                                          "2 sources, 2 observations, "
                                                          "0 warning(s)\n")


def test_the_bundled_data_has_no_lookalikes(capsys) -> None:
    assert main(["check", "--no-cache"]) == 0
    err = capsys.readouterr().err
    assert "warning: " in err  # the bundled data's own warnings are printed (data-notes.md)
    assert "looks the same as" not in err


# -- 12. what a data folder holds -------------------------------------------------------------

@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    write(path / "a.yaml", HEADER)
    write(path / "b.yaml", OBSERVATIONS)
    return path


def folder_check(capsys, path: Path) -> tuple[int, str, str]:
    code = main(["check", "--no-cache", "--data", str(path)])
    out, err = capsys.readouterr()
    return code, out, err.replace(str(path), "D")


@POSIX
@pytest.mark.parametrize("make, message", [
    (lambda p: p.symlink_to(p.parent / "gone.yaml"), "a link to '{}', which does not exist"),
    (lambda p: p.symlink_to(p), "a loop of symbolic links"),
    (lambda p: os.mkfifo(p), "not a data file but a named pipe"),
    (lambda p: p.mkdir(), "not a data file but a folder"),
])
def test_what_is_named_as_data_but_cannot_be_read_is_an_error(make, message: str,
                                                              folder: Path, capsys) -> None:
    """Each was skipped in silence: ``ok … 0 observations``."""
    make(folder / "c.yaml")
    code, out, err = folder_check(capsys, folder)
    assert (code, out) == (1, "")
    expected = message.format("D/gone.yaml")
    assert err == (f"D/c.yaml: {expected}\n"
                   "copscompare: error: 1 error(s) in the data; nothing was changed\n")


def test_a_yml_file_is_not_merged_but_said(folder: Path, capsys) -> None:
    write(folder / "more.yml", "observations: []\n")
    assert folder_check(capsys, folder) == (1, "", (
        "D/more.yml: not read: a data folder merges its *.yaml files only (rename it "
        "more.yaml)\ncopscompare: error: 1 error(s) in the data; nothing was changed\n"))


@POSIX
def test_hidden_and_editor_files_are_skipped(folder: Path, capsys) -> None:
    (folder / ".#b.yaml").symlink_to("someone@host.4242")  # emacs' lock: a dangling link
    write(folder / ".b.yaml", "not: [valid")
    write(folder / "b.yaml~", "not: [valid")
    write(folder / "#b.yaml#", "not: [valid")
    assert folder_check(capsys, folder) == (0, "ok: 3 jurisdictions, 2 metrics, 2 sources, "
                                               "2 observations, 0 warning(s)\n", "")


@POSIX
def test_a_data_file_that_is_a_named_pipe(tmp_path: Path, capsys) -> None:
    os.mkfifo(tmp_path / "data.yaml")
    code, out, err = check(capsys, tmp_path / "data.yaml")
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == "F: not a data file but a named pipe"
    assert stat.S_ISFIFO(os.lstat(tmp_path / "data.yaml").st_mode)


# -- 13. markup in every --fmt ----------------------------------------------------------------

HOSTILE = (VALID
           .replace("title: 第二篇", 'title: "\\\\input{/etc/hostname} 50% & $x$ #1 _a ^b ~c"')
           .replace("name_en: Xiamen", 'name_en: "javascript:alert(1) `x <javascript:alert(2)>`_'
                                       ' |sub| [1]_ **b**"')
           .replace("name_zh: 厦门", 'name_zh: ".. include:: /etc/hostname"'))


def rendered(tmp_path: Path, capsys, *args: str) -> tuple[int, str, str]:
    path = data(tmp_path, HOSTILE)
    code = main(["rank", "-m", "community_police_rooms", "--sources", "--no-cache", "--data",
                 str(path), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt", ["latex", "latex_booktabs", "latex_longtable"])
def test_latex_escapes_the_title_and_footnotes_too(fmt: str, tmp_path: Path, capsys) -> None:
    path = data(tmp_path, HOSTILE.replace("title: 测试报道", 'title: "\\\\input{/etc/passwd} '
                                                         '50% & more"'))
    assert main(["show", "wujin", "--sources", "--no-cache", "--data", str(path),
                 "--fmt", fmt]) == 0
    out = capsys.readouterr().out
    assert "\\input" not in out
    assert ("s1: \\textbackslash{}input\\{/etc/passwd\\} 50\\% \\& more (常州日报, 2010-01-18)"
            in out.splitlines())


def test_latex_cells_are_escaped(tmp_path: Path, capsys) -> None:
    code, out, _ = rendered(tmp_path, capsys, "--fmt", "latex")
    assert code == 0 and "\\input" not in out
    assert "\\textbackslash{}input\\{/etc/hostname\\} 50\\% \\& \\$x\\$ \\#1 \\_a \\^{}b" in out


def test_rst_makes_no_link_and_no_directive(tmp_path: Path, capsys) -> None:
    code, out, _ = rendered(tmp_path, capsys, "--fmt", "rst")
    assert code == 0
    assert ("\\.. include\\:\\: /etc/hostname javascript\\:alert(1) \\`x \\<javascript\\:alert(2)"
            "\\>\\`\\_ \\|sub\\| \\[1\\]\\_ \\*\\*b\\*\\*") in out
    assert not re.search(r"(?<!\\)javascript:", out)
    assert "\\`copscompare show CITY --sources\\`" in out  # footnotes too


@pytest.mark.parametrize("name", ["mediawiki", "jira", "youtrack", "textile", "asciidoc",
                                  "moinmoin", "orgtbl", "unsafehtml", "latex_raw"])
def test_formats_whose_markup_is_not_escaped_are_refused(name: str, tmp_path: Path,
                                                         capsys) -> None:
    code, out, err = rendered(tmp_path, capsys, "--fmt", name)
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == (
        f"Error: Invalid value for '--fmt': unknown table format '{name}': copscompare does "
        "not offer it, as it cannot escape its markup (formats: plain, simple, grid, "
        "simple_grid, rounded_grid, heavy_grid, mixed_grid, double_grid, fancy_grid, outline, "
        "simple_outline, rounded_outline, heavy_outline, mixed_outline, double_outline, "
        "fancy_outline, presto, pretty, psql, tsv, github, pipe, html, latex, latex_booktabs, "
        "latex_longtable, rst)")


# -- 14. the command line and archived texts ------------------------------------------------

@pytest.mark.parametrize("args", [
    ["rank", "-m", "\x1b[31mred\x1b]0;title\x07"],
    ["show", "\x1b[2J\x9b31m"],
    ["rank", "-m", "community_police_rooms", "--province", "\x1b]8;;http://x\x07link"],
])
def test_arguments_echoed_in_errors_are_cleaned(args: list[str], data_file: Path,
                                                capsys) -> None:
    assert main([*args, "--data", str(data_file)]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "\x9b" not in err
    assert "\\x1b" in err or "\\x9b" in err  # shown, as an escape


CHINESE = "a Chinese encoding such as GBK (GB 18030) or Big5"


@pytest.mark.parametrize("encoding, text, guess", [
    ("gbk", "2009年,破案率上升1个百分点,命案全部破获。", CHINESE),
    ("big5", "2009年,破案率上升1個百分點,命案全部破獲。", CHINESE),
    ("utf-16", "2009年,破案率上升1个百分点,命案全部破获。", "UTF-16"),  # with its byte-order mark
    ("utf-16-le", "2009年,破案率上升1个百分点,命案全部破获。", "UTF-16"),
])
def test_an_article_not_in_utf8_gets_a_hint(encoding: str, text: str, guess: str,
                                            data_file: Path, tmp_path: Path, capsys) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "a.txt").write_bytes(text.encode(encoding))
    (archive / "b.txt").write_text("全市171个社区警务室当年全部建成", encoding="utf-8")
    code, out, err = check(capsys, data_file, "--sources", str(archive))
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == (
        f"F:2: file: archived text 'a.txt' is not UTF-8 — looks like {guess}; save it as UTF-8")

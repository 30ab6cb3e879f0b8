"""A corpus of broken and hostile data files, each driven through ``copscompare check``.

Every case must give exit 1, one ``FILE:LINE: field: message`` line per problem (pinned here
exactly, with the file written as ``F``), the closing count, nothing on stdout and no traceback.
A few inputs that look broken but are fine (BOM, CRLF, old Mac CR line ends, an empty section)
must load. The pathological cases (10,000-deep nesting, an alias bomb, a 50 MB scalar) are here
too; their timings are measured by ``scripts/fuzz_data.py --pathological``, not asserted.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import HEADER, OBSERVATIONS

from copscompare import loading
from copscompare.cli import main

VALID = HEADER + OBSERVATIONS
OK_LINE = "ok: 3 jurisdictions, 2 metrics, 2 sources, 2 observations, 0 warning(s)"
CUT_SHORT = "F:{}: warning: the last line has no line break: was the file cut short?"
FORMAT_HELP = "expected a mapping with sources, jurisdictions, metrics, observations"


def edit(old: str, new: str, text: str = VALID) -> str:
    """``text`` with ``old`` (which must occur exactly once) replaced by ``new``."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


def cut_before(marker: str, text: str = VALID) -> str:
    """``text`` truncated just before ``marker``: a file that was cut short."""
    return text[: text.index(marker)]


def deep_list(depth: int) -> str:
    return "[" * depth + "]" * depth


def deep_flow_map(depth: int) -> str:
    return "{a: " * depth + "1" + "}" * depth


def deep_block_map(depth: int, indent: int) -> str:
    return "".join(" " * (indent + 2 * i) + "a:\n" for i in range(depth)) + (
        " " * (indent + 2 * depth) + "1\n")


ALIAS_BOMB = HEADER + """\
observations:
  - jurisdiction: wujin
    metric: clearance_rate
    period: 2009
    measure: change_pp
    value: 1
    qualifier: exact
    source: s1
    quote: 破案率上升1个百分点
    note: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]
  - &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
  - &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
  - [*c, *c, *c, *c, *c, *c, *c, *c, *c]
"""


@dataclass(frozen=True)
class Case:
    """A data file (text, bytes, or a function making them) and the problem lines it must give."""

    data: str | bytes | Callable[[], str | bytes]
    expected: tuple[str, ...]

    def write(self, path: Path) -> Path:
        data = self.data() if callable(self.data) else self.data
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path


def case(data: str | bytes | Callable[[], str | bytes], *expected: str) -> Case:
    return Case(data, expected)


def yaml_error(line: int, reason: str) -> str:
    return f"F:{line}: yaml: {reason}"


CASES: dict[str, Case] = {
    # -- the shape of the file --------------------------------------------------------------
    "empty file": case("", f"F:1: the file is empty: {FORMAT_HELP}"),
    "only comments": case("# curated by hand\n# nothing yet\n",
                          f"F:1: the file is empty: {FORMAT_HELP}"),
    "only blank lines": case("\n\n   \n", f"F:1: the file is empty: {FORMAT_HELP}"),
    "top-level list": case(
        "- sources\n- observations\n",
        "F:1: the top level must be a mapping with sources, jurisdictions, metrics, "
        "observations, not a list"),
    "top-level text": case(
        "police figures\n",
        "F:1: the top level must be a mapping with sources, jurisdictions, metrics, "
        "observations, not a text"),
    "unsupported format": case("format: 2\n" + VALID,
                               "F:1: format: this copscompare reads format 1"),
    "two YAML documents": case(
        VALID + "---\nsources: []\n",
        yaml_error(65, "more than one YAML document ('---'); use one per file")),
    "section is text": case(
        HEADER + "observations: see the spreadsheet\n",
        "F:48: observations: must be a list of entries, not a text"),
    "entry is text": case(
        HEADER + "observations:\n  - wujin clearance rate 2009\n",
        "F:49: observations[0]: must be a mapping of fields, not a text"),
    "unknown section near miss": case(
        edit("observations:", "observation:"),
        "F:48: observation: unknown section 'observation' (did you mean 'observations'?)"),
    # -- cut short ----------------------------------------------------------------------------
    "truncated mid-record": case(
        cut_before("    source: s2"),
        "F:57: observations[1]: missing required field 'source'",
        "F:57: observations[1]: missing required field 'quote'"),
    "truncated inside a quoted string": case(
        cut_before("1个社区警务室").replace("quote: 全市", 'quote: "全市'),
        yaml_error(64, "found unexpected end of stream (the quoted text opened at line 64 "
                       "is not closed?)"),
        CUT_SHORT.format(64)),
    "truncated inside a flow list": case(
        cut_before("]\n  - id: community_police_rooms"),
        CUT_SHORT.format(40),
        yaml_error(41, "did not find expected ',' or ']' (the [list] opened at line 40 "
                       "is not closed?)")),
    "truncated after a key": case(
        cut_before("全市171"), CUT_SHORT.format(64), "F:64: observations[1].quote: is empty"),
    "value left empty": case(
        edit("value: 171", "value:"), "F:61: observations[1].value: is empty"),
    "value null": case(
        edit("value: 171", "value: null"), "F:61: observations[1].value: is empty"),
    # -- bytes and characters -----------------------------------------------------------------
    "tab indentation": case(
        edit("    value: 171\n", "\tvalue: 171\n"),
        yaml_error(61, "found a tab character that violates indentation (line has a tab: "
                       "indent with spaces)")),
    "invalid UTF-8": case(
        VALID.encode("utf-8").replace("全市".encode(), b"\xff\xfe"),
        "F:64: encoding: not valid UTF-8 (byte 0xff); save the file as UTF-8"),
    "saved as GBK": case(
        VALID.encode("gb18030"),
        "F:3: encoding: not valid UTF-8 (byte 0xb2); save the file as UTF-8"),
    "saved as UTF-16": case(
        VALID.encode("utf-16"),
        "F:1: encoding: not valid UTF-8 (byte 0xff); save the file as UTF-8"),
    "NUL byte": case(
        edit("全市171", "全市\x00171"),
        yaml_error(64, "control character U+0000 is not allowed in a data file (remove it)")),
    "raw escape byte": case(
        edit("name_en: Xiamen", "name_en: \x1b[2JXiamen"),
        yaml_error(28, "control character U+001B is not allowed in a data file (remove it)")),
    "escape sequence written as \\e in a quote": case(
        edit("quote: 全市171个社区警务室当年全部建成", 'quote: "全市171个\\e[31m社区警务室"'),
        "F:64: observations[1].quote: contains the control character U+001B; "
        "data files hold plain text only"),
    "terminal title sequence in a key is shown escaped": case(
        edit("    value: 171\n", '    value: 171\n    "\\e]0;pwned\\a": 1\n'),
        "F:62: observations[1].\\x1b]0;pwned\\x07: unknown field '\\x1b]0;pwned\\x07'"),
    "bidirectional override in a name": case(
        edit("name_zh: 厦门", "name_zh: 厦\u202e门"),
        "F:27: jurisdictions[2].name_zh: contains the control character U+202E; "
        "data files hold plain text only"),
    "newline escape in a key cannot fake a line": case(
        edit("    value: 171\n", '    value: 171\n    "x\\nF:1: ok": 1\n'),
        "F:62: observations[1].x\\nF:1: ok: unknown field 'x\\nF:1: ok'"),
    # -- duplicate keys at every level --------------------------------------------------------
    "duplicate section": case(
        VALID + "sources: []\n",
        "F:65: sources: duplicate key 'sources' (first at line 1); "
        "YAML would silently keep only the last one"),
    "duplicate field in a source": case(
        edit("    file: a.txt\n", "    file: a.txt\n    file: b.txt\n"),
        "F:7: sources[0].file: duplicate key 'file' (first at line 6); "
        "YAML would silently keep only the last one"),
    "duplicate field in a jurisdiction": case(
        edit("    name_en: Xiamen\n", "    name_en: Xiamen\n    name_en: Amoy\n"),
        "F:29: jurisdictions[2].name_en: duplicate key 'name_en' (first at line 28); "
        "YAML would silently keep only the last one"),
    "duplicate field in a metric": case(
        edit("    unit: count\n", "    unit: count\n    unit: percent\n"),
        "F:45: metrics[1].unit: duplicate key 'unit' (first at line 44); "
        "YAML would silently keep only the last one"),
    "duplicate field in an observation": case(
        edit("    value: 171\n", "    value: 171\n    value: 172\n"),
        "F:62: observations[1].value: duplicate key 'value' (first at line 61); "
        "YAML would silently keep only the last one"),
    "duplicate key in a nested flow mapping": case(
        edit("aliases: [破案率]", "aliases: {破案率: 1, 破案率: 2}"),
        "F:40: metrics[0].aliases.破案率: duplicate key '破案率' (first at line 40); "
        "YAML would silently keep only the last one",
        "F:40: metrics[0].aliases: must be a list of text, not a mapping"),
    "key that is not text": case(
        edit("    value: 171\n", "    value: 171\n    [a, b]: 1\n"),
        "F:62: observations[1]: a key must be plain text"),
    "key over 1024 characters": case(
        lambda: edit("    value: 171\n", "    value: 171\n    " + "k" * 2000 + ": 1\n"),
        yaml_error(62, "could not find expected ':'")),
    # -- expansion, depth, size ---------------------------------------------------------------
    "anchor and alias": case(
        edit("    value: 171\n", "    value: &n 171\n").replace("value: 1\n", "value: *n\n"),
        yaml_error(53, "aliases (*n) are not allowed: write the value out"),
        "F:53: observations[0].value: is empty",
        yaml_error(61, "anchors (&n) are not allowed: write values out")),
    "10,000-deep nested lists": case(
        lambda: edit("quote: 全市171个社区警务室当年全部建成", "quote: " + deep_list(10_000)),
        "F:64: observations[1].quote: nested more than 100 levels deep (a data file needs 4)"),
    "10,000-deep nested lists, one bracket a line (where the 101st level opens)": case(
        lambda: edit("quote: 全市171个社区警务室当年全部建成",
                     "quote: [\n" + "      [\n" * 9_999 + "      " + "]" * 10_000),
        "F:161: observations[1].quote: nested more than 100 levels deep (a data file needs 4)"),
    "10,000-deep nested flow mappings": case(
        lambda: edit("    value: 171\n", "    value: 171\n    note: " + deep_flow_map(10_000)
                     + "\n"),
        "F:62: observations[1].note: nested more than 100 levels deep (a data file needs 4)"),
    "1,000-deep nested block mappings (10,000 would take 100 MB of indentation)": case(
        lambda: VALID + "extra:\n" + deep_block_map(1_000, 2),
        "F:165: extra.a.a: nested more than 100 levels deep (a data file needs 4)"),
    "10,000-deep compact block lists": case(
        lambda: edit("    value: 171\n", "    value: 171\n    note:\n      "
                     + "- " * 10_000 + "x\n"),
        "F:63: observations[1].note: nested more than 100 levels deep (a data file needs 4)"),
    "shallow nesting is reported as the wrong kind": case(
        edit("quote: 全市171个社区警务室当年全部建成", "quote: [[[全市171个]]]"),
        "F:64: observations[1].quote: must be text, not a list"),
    "50 MB scalar as a quote": case(
        lambda: edit("quote: 全市171个社区警务室当年全部建成", "quote: " + "1" * 50_000_000),
        "F:64: observations[1].quote: is 50000000 characters long; a quote is the shortest "
        "clause containing the figure (at most 500)"),
    "quote of 501 characters": case(
        edit("quote: 全市171个社区警务室当年全部建成", "quote: 171" + "个" * 498),
        "F:64: observations[1].quote: is 501 characters long; a quote is the shortest clause "
        "containing the figure (at most 500)"),
    "note of 2001 characters": case(
        edit("    value: 171\n", "    value: 171\n    note: " + "注" * 2001 + "\n"),
        "F:62: observations[1].note: is 2001 characters long, over the limit of 2000 for a "
        "text field"),
    "long invalid value is clipped in the message": case(
        edit("value: 171", "value: " + "x" * 5000),
        "F:61: observations[1].value: must be a plain number, not the text '"
        + "x" * 60 + "…'"),
    # -- values -------------------------------------------------------------------------------
    "value written as 98%": case(
        edit("value: 171", 'value: "98%"'),
        "F:61: observations[1].value: must be a plain number, not the text '98%'; write 98 "
        "(the metric's unit says percent)"),
    "value written as 3万": case(
        edit("value: 171", "value: 3万"),
        "F:61: observations[1].value: must be a plain number, not the text '3万'; write the "
        "figure in digits (3万余 is 30000 with qualifier: over)"),
    "value quoted": case(
        edit("value: 171", 'value: "171"'),
        "F:61: observations[1].value: must be a plain number, not the text '171'"),
    "value .nan": case(
        edit("value: 171", "value: .nan"),
        "F:61: observations[1].value: must be a plain number, not the text '.nan'"),
    "value .inf": case(
        edit("value: 171", "value: .inf"),
        "F:61: observations[1].value: must be a plain number, not the text '.inf'"),
    "value -.inf": case(
        edit("value: 171", "value: -.inf"),
        "F:61: observations[1].value: must be a plain number, not the text '-.inf'"),
    "value 1e400": case(
        edit("value: 171", "value: 1e400"),
        "F:61: observations[1].value: '1e400' is not a finite number"),
    "value with underscores": case(
        edit("value: 171", "value: 1_71"),
        "F:61: observations[1].value: must be a plain number, not the text '1_71'"),
    "value as a list": case(
        edit("value: 171", "value: [171]"),
        "F:61: observations[1].value: must be a number, not a list"),
    "quote as a mapping": case(
        edit("quote: 全市171个社区警务室当年全部建成", "quote: {text: 全市171个}"),
        "F:64: observations[1].quote: must be text, not a mapping"),
    # -- YAML's implicit typing ---------------------------------------------------------------
    "id read as a boolean": case(
        edit("jurisdiction: xiamen", "jurisdiction: no"),
        "F:57: observations[1].jurisdiction: 'no' is read by YAML as the boolean false; "
        "put it in quotes (\"no\") if text is meant"),
    "id read as a date": case(
        edit("source: s2", "source: 2009-01-01"),
        "F:63: observations[1].source: '2009-01-01' is read by YAML as a date; "
        "put it in quotes (\"2009-01-01\") if text is meant"),
    "id read as an octal number": case(
        edit("    parent: changzhou\n", "    parent: 0519\n"),
        "F:25: jurisdictions[1].parent: '0519' is read by YAML as a number (the leading zero "
        "is lost, or it is read as octal); put it in quotes (\"0519\") if text is meant"),
    "name read as null": case(
        edit("name_en: Xiamen", "name_en: ~"),
        "F:28: jurisdictions[2].name_en: is empty"),
    # -- fields -------------------------------------------------------------------------------
    "unknown field vlaue": case(
        edit("    value: 171\n", "    vlaue: 171\n"),
        "F:57: observations[1]: missing required field 'value'",
        "F:61: observations[1].vlaue: unknown field 'vlaue' (did you mean 'value'?)"),
    "unknown field titel in a source": case(
        edit("title: 第二篇", "titel: 第二篇"),
        "F:7: sources[1]: missing required field 'title'",
        "F:8: sources[1].titel: unknown field 'titel' (did you mean 'title'?)"),
    "missing required field in an observation": case(
        edit("    source: s2\n", ""),
        "F:57: observations[1]: missing required field 'source'"),
    "missing required field in a jurisdiction": case(
        edit("    level: sub_provincial_city\n", ""),
        "F:26: jurisdictions[2]: missing required field 'level'"),
    "missing required field in a metric": case(
        edit("    unit: count\n", ""),
        "F:41: metrics[1]: missing required field 'unit'"),
    "level not in the vocabulary": case(
        edit("level: sub_provincial_city", "level: sub-provincial city"),
        "F:31: jurisdictions[2].level: 'sub-provincial city' is not one of: district, county, "
        "banner, county_city, prefecture_city, sub_provincial_city, municipality, province, "
        "township (did you mean 'sub_provincial_city'?)"),
    "impossible source date": case(
        edit("date: 2010-01-18", "date: 2010-02-30"),
        "F:5: sources[0].date: '2010-02-30' is not YYYY-MM-DD, YYYY-MM, YYYY or unknown"),
    "source file outside the sources folder": case(
        edit("file: b.txt", "file: ../../etc/passwd"),
        "F:11: sources[1].file: '../../etc/passwd' must be a file name in the sources folder, "
        "without a folder ('/') or a leading '.'"),
    # -- references ---------------------------------------------------------------------------
    "unknown jurisdiction": case(
        edit("jurisdiction: xiamen", "jurisdiction: xiamn"),
        "F:57: observations[1].jurisdiction: unknown jurisdiction 'xiamn' "
        "(did you mean 'xiamen'?)"),
    "unknown metric": case(
        edit("metric: community_police_rooms", "metric: police_rooms"),
        "F:58: observations[1].metric: unknown metric 'police_rooms' "
        "(did you mean 'community_police_rooms'?)"),
    "unknown source": case(
        edit("source: s2", "source: s3"),
        "F:63: observations[1].source: unknown source 's3'"),
    "unknown parent": case(
        edit("parent: changzhou", "parent: changzou"),
        "F:25: jurisdictions[1].parent: unknown jurisdiction 'changzou' "
        "(did you mean 'changzhou'?)"),
    "parent cycle": case(
        edit("    level: prefecture_city\n", "    level: prefecture_city\n    parent: wujin\n"),
        "F:13: jurisdictions[0].parent: parent cycle: changzhou -> wujin -> changzhou",
        "F:20: jurisdictions[1].parent: parent cycle: wujin -> changzhou -> wujin"),
    "own parent": case(
        edit("    level: sub_provincial_city\n", "    level: sub_provincial_city\n"
             "    parent: xiamen\n"),
        "F:26: jurisdictions[2].parent: parent cycle: xiamen -> xiamen"),
    "duplicate id": case(
        edit("  - id: s2\n", "  - id: s1\n").replace("source: s2", "source: s1"),
        "F:7: sources[1].id: duplicate id 's1' (first at F:2)"),
    # -- periods, ranks, quotes ---------------------------------------------------------------
    "period 2009-13": case(
        edit("period: 2004", "period: 2009-13"),
        "F:59: observations[1].period: period '2009-13' is not YYYY, YYYY-H1, YYYY-Q3, "
        "YYYY-MM, START/END or unknown"),
    "period 2012/2009": case(
        edit("period: 2004", "period: 2012/2009"),
        "F:59: observations[1].period: period '2012/2009' ends before it starts"),
    "period H1": case(
        edit("period: 2004", "period: H1"),
        "F:59: observations[1].period: period 'H1' is not YYYY, YYYY-H1, YYYY-Q3, YYYY-MM, "
        "START/END or unknown"),
    "period with two slashes": case(
        edit("period: 2004", "period: 2004/2005/2006"),
        "F:59: observations[1].period: period '2004/2005/2006' has more than one '/'"),
    "unknown period without a note": case(
        edit("period: 2004", "period: unknown"),
        "F:59: observations[1].period: an unknown period needs a note saying why no year can "
        "be known"),
    "rank of 0": case(
        edit("    measure: level\n    value: 171\n",
             "    measure: rank\n    scope: province\n    value: 0\n"),
        "F:62: observations[1].value: a rank is a whole number from 1 up, not 0"),
    "rank of 1.5": case(
        edit("    measure: level\n    value: 171\n",
             "    measure: rank\n    scope: province\n    value: 1.5\n"),
        "F:62: observations[1].value: a rank is a whole number from 1 up, not 1.5"),
    "rank without a scope": case(
        edit("    measure: level\n    value: 171\n", "    measure: rank\n    value: 1\n"),
        "F:57: observations[1]: a rank needs a 'scope' (province, nation or city)"),
    "quote without its value": case(
        edit("value: 171", "value: 117"),
        "F:57: observations[1].quote: the quote does not contain the figure 117 "
        "(quote the shortest clause that does)"),
    "fall written as a rise": case(
        edit("value: 1\n", "value: -1\n"),
        "F:49: observations[0].value: the quote speaks of a rise but the value is -1: "
        "decreases are negative"),
    "negative level": case(
        edit("value: 171", "value: -171"),
        "F:57: observations[1].value: a level cannot be negative (write a fall as a change)"),
    "only a rank has a scope": case(
        edit("    measure: level\n", "    measure: level\n    scope: city\n"),
        "F:61: observations[1].scope: only a rank has a scope"),
}


def check(capsys: pytest.CaptureFixture[str], path: Path, *args: str,
          tmp_path: Path | None = None) -> tuple[int, str, str]:
    """Run ``copscompare check --data path``; return code, stdout and stderr with the path as F."""
    code = main(["check", "--data", str(path), *args])
    out, err = capsys.readouterr()
    err = err.replace(str(path), "F")
    if tmp_path is not None:
        err = err.replace(str(tmp_path), "T")
    return code, out, err


def assert_data_error(code: int, out: str, err: str, expected: tuple[str, ...] | list[str]):
    assert "Traceback" not in out + err
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert lines[:-1] == list(expected)
    errors = sum(": warning: " not in line for line in expected)
    assert lines[-1] == (f"copscompare: error: {errors} error(s) in the data; "
                         "nothing was changed")


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = CASES[name].write(tmp_path / "data.yaml")
    assert_data_error(*check(capsys, path), CASES[name].expected)


def test_alias_bomb_is_refused_not_expanded(tmp_path: Path, capsys) -> None:
    path = tmp_path / "data.yaml"
    path.write_text(ALIAS_BOMB, encoding="utf-8")
    code, out, err = check(capsys, path)
    lines = err.splitlines()
    assert (code, out) == (1, "")
    assert lines[:3] == [
        yaml_error(57, "anchors (&a) are not allowed: write values out"),
        "F:57: observations[0].note: must be text, not a list",
        yaml_error(58, "anchors (&b) are not allowed: write values out"),
    ]
    # 3 anchors and 27 aliases, each reported where it is; the three lists are not mappings
    assert sum("anchors (&" in line for line in lines) == 3
    assert sum("aliases (*" in line for line in lines) == 27
    assert lines[-1] == "copscompare: error: 34 error(s) in the data; nothing was changed"


@pytest.mark.parametrize("name, data", [
    ("UTF-8 with BOM", b"\xef\xbb\xbf" + VALID.encode("utf-8")),
    ("CRLF line ends", VALID.replace("\n", "\r\n").encode("utf-8")),
    ("BOM and CRLF", b"\xef\xbb\xbf" + VALID.replace("\n", "\r\n").encode("utf-8")),
    ("old Mac CR line ends", VALID.replace("\n", "\r").encode("utf-8")),
    ("trailing spaces and comments", VALID.replace("\n", "   # note\n").encode("utf-8")),
])
def test_looks_odd_but_loads(name: str, data: bytes, tmp_path: Path, capsys) -> None:
    path = tmp_path / "data.yaml"
    path.write_bytes(data)
    assert check(capsys, path) == (0, OK_LINE + "\n", "")


def test_file_cut_at_a_record_boundary_loads_with_a_warning(tmp_path: Path, capsys) -> None:
    path = tmp_path / "data.yaml"
    path.write_text(cut_before("\n  - jurisdiction: xiamen"), encoding="utf-8")
    code, out, err = check(capsys, path)
    assert (code, err) == (0, CUT_SHORT.format(56) + "\n")
    assert out == "ok: 3 jurisdictions, 2 metrics, 2 sources, 1 observations, 1 warning(s)\n"


def test_empty_section_is_no_entries(tmp_path: Path, capsys) -> None:
    path = tmp_path / "data.yaml"
    path.write_text(HEADER + "observations:\n", encoding="utf-8")
    code, out, err = check(capsys, path)
    assert (code, err) == (0, "")
    assert out == "ok: 3 jurisdictions, 2 metrics, 2 sources, 0 observations, 0 warning(s)\n"


@pytest.mark.parametrize("data", [
    b"\xef\xbb\xbf" + edit("value: 171", "value: 172").encode("utf-8"),
    edit("value: 171", "value: 172").replace("\n", "\r\n").encode("utf-8"),
], ids=["BOM", "CRLF"])
def test_line_numbers_survive_bom_and_crlf(data: bytes, tmp_path: Path, capsys) -> None:
    path = tmp_path / "data.yaml"
    path.write_bytes(data)
    assert_data_error(*check(capsys, path), [
        "F:57: observations[1].quote: the quote does not contain the figure 172 "
        "(quote the shortest clause that does)"])


def test_archived_file_missing_with_sources(tmp_path: Path, capsys) -> None:
    path = tmp_path / "data.yaml"
    path.write_text(VALID, encoding="utf-8")
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "a.txt").write_text("2009年,刑事案件破案率上升1个百分点。", encoding="utf-8")
    code, out, err = check(capsys, path, "--sources", str(archive), tmp_path=tmp_path)
    assert_data_error(code, out, err,
                      ["F:7: file: archived text 'b.txt' not found in T/archive"])


def test_quote_not_in_archived_text_with_sources(tmp_path: Path, capsys) -> None:
    path = tmp_path / "data.yaml"
    path.write_text(VALID, encoding="utf-8")
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "a.txt").write_text("破案率上升1个百分点", encoding="utf-8")
    (archive / "b.txt").write_text("全市建成171个社区警务室", encoding="utf-8")
    assert_data_error(*check(capsys, path, "--sources", str(archive)), [
        "F:57: quote: quote not found verbatim in b.txt: '全市171个社区警务室当年全部建成'"])


def test_archived_file_unreadable(tmp_path: Path, capsys, monkeypatch) -> None:
    path = tmp_path / "data.yaml"
    path.write_text(VALID, encoding="utf-8")
    archive = tmp_path / "archive"
    archive.mkdir()
    for name in ("a.txt", "b.txt"):
        (archive / name).write_text("破案率上升1个百分点,全市171个社区警务室当年全部建成", "utf-8")

    def refuse(self: Path, *args: object, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert_data_error(*check(capsys, path, "--sources", str(archive)), [
        "F:2: file: archived text 'a.txt' cannot be read: Permission denied",
        "F:7: file: archived text 'b.txt' cannot be read: Permission denied"])


def test_data_file_unreadable(tmp_path: Path, capsys, monkeypatch) -> None:
    path = tmp_path / "data.yaml"
    path.write_text(VALID, encoding="utf-8")

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    assert_data_error(*check(capsys, path), ["F: cannot read the file: Permission denied"])


def test_missing_data_file(tmp_path: Path, capsys) -> None:
    assert_data_error(*check(capsys, tmp_path / "nowhere.yaml"),
                      ["F: no such data file or folder"])


def test_folder_without_yaml(tmp_path: Path, capsys) -> None:
    (tmp_path / "notes.txt").write_text("not data", encoding="utf-8")
    code, out, err = check(capsys, tmp_path)
    assert_data_error(code, out, err, ["F: no *.yaml files in this folder"])


def test_duplicate_id_across_files(tmp_path: Path, capsys) -> None:
    (tmp_path / "a.yaml").write_text(HEADER, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(
        "sources:\n  - id: s2\n    title: 又一篇\n    publisher: 厦门日报\n    date: \"2008\"\n"
        "    file: c.txt\n" + OBSERVATIONS, encoding="utf-8")
    code, out, err = check(capsys, tmp_path)
    assert_data_error(code, out, err, ["F/b.yaml:2: sources[0].id: duplicate id 's2' "
                                       "(first at F/a.yaml:7)"])


def test_over_the_size_limit_is_refused_before_reading(tmp_path: Path, capsys, monkeypatch):
    path = tmp_path / "data.yaml"
    path.write_bytes(b"x" * 3 * 1048576)
    monkeypatch.setenv(loading.MAX_MB_ENV, "2")
    real_open = Path.open

    def guarded_open(self: Path, *args: object, **kwargs: object):
        if self == path:
            pytest.fail("opened a file over the limit")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded_open)
    real_builtin_open = open

    def guarded_builtin_open(file: object, *args: object, **kwargs: object):
        if str(file) == str(path):
            pytest.fail("opened a file over the limit")
        return real_builtin_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", guarded_builtin_open)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read a refused file"))
    assert_data_error(*check(capsys, path), [
        "F: the file is 3.0 MB, over the 2 MB limit (set COPSCOMPARE_MAX_MB to raise it)"])


def test_size_limit_default_is_generous(monkeypatch) -> None:
    monkeypatch.delenv(loading.MAX_MB_ENV, raising=False)
    assert loading.max_bytes() == 200 * 1048576


def test_file_growing_after_stat_is_still_limited(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_bytes(b"x" * 100)
    real_stat = Path.stat
    shrunk = type("Stat", (), {"st_size": 10})()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Path, "stat", lambda self, **kw: shrunk if self == path
                      else real_stat(self, **kw))
        with pytest.raises(loading.DataError) as caught:
            loading.read_bytes(path, limit=50)
    [problem] = caught.value.problems
    assert problem.message.startswith("the file is 0.0 MB, over the 0 MB limit")


def test_thousands_of_problems_are_capped_on_screen(tmp_path: Path, capsys) -> None:
    path = tmp_path / "data.yaml"
    path.write_text("observations:\n" + "  - x\n" * 1500, encoding="utf-8")
    code, out, err = check(capsys, path)
    lines = err.splitlines()
    assert (code, out, len(lines)) == (1, "", 1002)
    assert lines[0] == "F:2: observations[0]: must be a mapping of fields, not a text"
    assert lines[999] == "F:1001: observations[999]: must be a mapping of fields, not a text"
    assert lines[1000:] == ["... and 500 more problem(s) not shown",
                            "copscompare: error: 1500 error(s) in the data; nothing was changed"]


def test_corpus_is_big_enough() -> None:
    assert len(CASES) >= 40


# -- hostile text that is valid data: harmless in every output format --------------------------

HOSTILE = (VALID
           .replace("name_en: Xiamen",
                    'name_en: "[red]Xiamen[/red] <script>alert(1)</script> | x"')
           .replace("name_zh: 厦门", 'name_zh: "[bold]厦门[/]"')
           .replace("label_en: Community police rooms",
                    'label_en: "=1+1 <img src=x onerror=alert(1)> [link=file:///etc/passwd]x[/link]"')
           .replace("quote: 全市171个社区警务室当年全部建成",
                    "quote: \"=cmd|' /C calc'!A0 全市171个\"\n    note: \"+SUM(1,2) @A1 -3\"")
           .replace("title: 第二篇", 'title: "@SUM(A1:A2)"')
           .replace("publisher: 厦门日报", 'publisher: "-2+3"'))
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
SGR = re.compile(r"\x1b\[[0-9;]*m")  # colour and bold: the only escapes rich may write
C0_C1 = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
UNSAFE_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
COMMANDS = {
    "rank": ["rank", "-m", "community_police_rooms", "--sources"],
    "show": ["show", "xiamen", "--sources"],
    "compare": ["compare", "xiamen", "wujin"],
    "delta": ["delta", "-m", "community_police_rooms"],
    "cities": ["cities"],
    "sources": ["sources"],
    "metrics": ["metrics"],
}


def run_cli(args: list[str], env: dict[str, str] | None = None):
    from click.testing import CliRunner

    from copscompare.cli import cli

    return CliRunner().invoke(cli, args, env=env or {})


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


def assert_no_formula(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            assert not (cell.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(cell)), cell


@pytest.mark.parametrize("command", [*COMMANDS, "export"])
@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_spreadsheet_formulas_are_neutralised(command: str, fmt: str, hostile: Path) -> None:
    args = COMMANDS.get(command, ["export"])
    result = run_cli([*args, "--data", str(hostile), "--format", fmt])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout), delimiter="," if fmt == "csv" else "\t"))
    assert_no_formula(rows)
    if command in ("export", "rank", "show"):
        assert "'=cmd|' /C calc'!A0 全市171个" in [cell for row in rows for cell in row]


def test_excel_csv_neutralises_formulas(hostile: Path) -> None:
    result = run_cli(["export", "--data", str(hostile), "--excel"])
    assert result.exit_code == 0
    data = result.stdout_bytes
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))
    assert_no_formula(rows)


@pytest.mark.parametrize("command", [*COMMANDS, "export"])
def test_json_keeps_the_text_exactly(command: str, hostile: Path) -> None:
    args = COMMANDS.get(command, ["export"])
    result = run_cli([*args, "--data", str(hostile), "--format", "json"])
    assert result.exit_code == 0
    text = json.dumps(json.loads(result.stdout), ensure_ascii=False)
    if command in ("export", "rank", "show"):
        assert "=cmd|' /C calc'!A0 全市171个" in text
    if command in ("export", "rank", "cities", "delta"):
        assert "[red]Xiamen[/red] <script>alert(1)</script> | x" in text


@pytest.mark.parametrize("command", list(COMMANDS))
def test_rich_markup_is_printed_not_obeyed(command: str, hostile: Path) -> None:
    args = COMMANDS[command]
    result = run_cli([*args, "--data", str(hostile)], env={"FORCE_COLOR": "1", "COLUMNS": "400"})
    assert result.exit_code == 0
    assert SGR.sub("", result.stdout).count("\x1b") == 0  # no hyperlink (OSC 8), no cursor moves
    visible = SGR.sub("", result.stdout)
    if command in ("rank", "compare", "cities", "show"):
        assert "[red]Xiamen[/red]" in visible
    if command in ("rank", "metrics", "delta"):
        assert "[link=file:///etc/passwd]x[/link]" in visible


@pytest.mark.parametrize("command", list(COMMANDS))
def test_plain_table_prints_markup_literally(command: str, hostile: Path) -> None:
    result = run_cli([*COMMANDS[command], "--data", str(hostile), "--format", "table"])
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    if command in ("rank", "compare", "cities"):
        assert "[red]Xiamen[/red] <script>alert(1)</script> | x" in result.stdout


@pytest.mark.parametrize("command", list(COMMANDS))
def test_markdown_cells_stay_cells(command: str, hostile: Path) -> None:
    result = run_cli([*COMMANDS[command], "--data", str(hostile), "--format", "markdown"])
    assert result.exit_code == 0
    rows = [line for line in result.stdout.splitlines() if line.startswith("|")]
    widths = {len(re.findall(r"(?<!\\)\|", line)) for line in rows}
    assert len(widths) == 1  # an escaped "|" in a name does not add a column
    for line in rows:
        assert "<script" not in line and "<img" not in line


@pytest.mark.parametrize("fmt", [["--fmt", "html"], ["--format", "markdown"]])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_no_raw_html_from_the_data_anywhere(command: str, fmt: list[str], hostile: Path) -> None:
    """Titles and footnotes too: a metric label or a name can be in either."""
    result = run_cli([*COMMANDS[command], "--data", str(hostile), *fmt])
    assert result.exit_code == 0
    assert "<script" not in result.stdout and "<img" not in result.stdout


def test_unsafe_html_format_is_refused(hostile: Path) -> None:
    result = run_cli([*COMMANDS["rank"], "--data", str(hostile), "--fmt", "unsafehtml"])
    assert result.exit_code == 2
    assert "unknown table format 'unsafehtml'" in result.stderr


@pytest.mark.parametrize("option", ["--html", "--svg"])
def test_html_and_svg_files_escape_the_data(option: str, hostile: Path, tmp_path: Path) -> None:
    target = tmp_path / f"out{option.replace('--', '.')}"
    result = run_cli([*COMMANDS["rank"], "--data", str(hostile), option, str(target)])
    assert result.exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert "&lt;script&gt;" in text or "&lt;script" in text
    assert "<script" not in text and "<img" not in text


CONTROL_TEXT = ("\x1b]0;owned\x07\x1b[2J\x1b[31m", "\x9b31m", "\u202e", "\x00", "\x08", "\r")


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "markdown", "rich"])
def test_control_characters_never_reach_the_output(fmt: str, tmp_path: Path, monkeypatch) -> None:
    """Defense in depth: were the loader's control-character rule gone, output stays clean."""
    from copscompare.loading import fields

    monkeypatch.setattr(fields, "CONTROL", re.compile(r"(?!)"))  # matches nothing
    escaped = "".join(c.encode("unicode_escape").decode() for c in "".join(CONTROL_TEXT))
    path = tmp_path / "controls.yaml"
    path.write_text(HOSTILE.replace('name_zh: "[bold]厦门[/]"', f'name_zh: "厦{escaped}门"')
                    .replace("全市171个", f"全市171{escaped}个"), encoding="utf-8")
    env = {"FORCE_COLOR": "1", "COLUMNS": "400"} if fmt == "rich" else {}
    for args in (*COMMANDS.values(), ["export"]):
        options = [] if fmt == "rich" else ["--format", fmt]
        if args == ["export"] and fmt in ("table", "markdown", "rich"):
            continue
        result = run_cli([*args, "--data", str(path), "--no-cache", *options], env=env)
        assert result.exit_code == 0, result.output
        out = SGR.sub("", result.stdout) if fmt == "rich" else result.stdout
        if fmt == "json":
            json.loads(out)  # JSON escapes what it carries (bidi marks are valid JSON text)
            assert not C0_C1.search(out.replace("\n", "")), args
        elif fmt in ("csv", "tsv"):  # a sheet keeps tab and CR as text, but no escape
            assert not C0_C1.search(re.sub(r"[\n\t\r]", "", out)), args
        else:
            assert not UNSAFE_CONTROL.search(out.replace("\n", "")), args
        assert not UNSAFE_CONTROL.search(result.stderr.replace("\n", ""))


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_carriage_return_in_a_cell_keeps_the_row_shape(fmt: str, tmp_path: Path,
                                                       monkeypatch) -> None:
    from copscompare.loading import fields

    monkeypatch.setattr(fields, "CONTROL", re.compile(r"(?!)"))
    path = tmp_path / "cr.yaml"
    path.write_text(VALID.replace("quote: 全市171个社区警务室当年全部建成",
                                  'quote: "全市171\\r个"'), encoding="utf-8")
    result = run_cli(["export", "--data", str(path), "--no-cache", "--format", fmt])
    rows = list(csv.reader(io.StringIO(result.stdout, newline=""),
                           delimiter="," if fmt == "csv" else "\t"))
    assert [len(row) for row in rows] == [23, 23, 23]

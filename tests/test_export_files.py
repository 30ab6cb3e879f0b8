"""export: the filters of the other commands, a workbook read back with openpyxl, and a SQLite
database queried with the sqlite3 module and the sqlite3 shell."""

from __future__ import annotations

import csv
import io
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import HEADER, OBSERVATIONS, write
from openpyxl import load_workbook

from copscompare.cli import cli

FIGURES = OBSERVATIONS + """\
  - jurisdiction: xiamen
    metric: community_police_rooms
    period: 2007
    measure: level
    value: 214
    qualifier: exact
    source: s2
    quote: 目前已建立214个社区警务室
  - jurisdiction: xiamen
    metric: clearance_rate
    period: 2007
    measure: level
    value: 97.030
    qualifier: exact
    source: s2
    quote: 破案率达97.030%
    note: "=1+1 is how a formula starts"
"""


@pytest.fixture
def data(tmp_path: Path) -> str:
    return str(write(tmp_path / "d.yaml", HEADER + FIGURES))


def run(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="copscompare")


def exported(data: str, *args: str) -> list[tuple[str, str, str]]:
    result = run("export", "--data", data, *args)
    assert result.exit_code == 0, result.stderr
    return [(r["city"], r["metric"], r["period"])
            for r in csv.DictReader(io.StringIO(result.stdout))]


@pytest.mark.parametrize("args, expected", [
    ((), [("wujin", "clearance_rate", "2009"), ("xiamen", "community_police_rooms", "2004"),
          ("xiamen", "community_police_rooms", "2007"), ("xiamen", "clearance_rate", "2007")]),
    (("--metric", "破案率"), [("wujin", "clearance_rate", "2009"),
                             ("xiamen", "clearance_rate", "2007")]),
    (("--city", "廈門", "--period", "2007"), [("xiamen", "community_police_rooms", "2007"),
                                             ("xiamen", "clearance_rate", "2007")]),
    (("--category", "community_policing"), [("xiamen", "community_police_rooms", "2004"),
                                            ("xiamen", "community_police_rooms", "2007")]),
    (("--search", "社區警務"), [("xiamen", "community_police_rooms", "2004"),
                             ("xiamen", "community_police_rooms", "2007")]),
    (("--source", "s1"), [("wujin", "clearance_rate", "2009")]),
    (("--source", "S2", "--metric", "clearance_rate", "--city", "xiamen", "--city", "wujin"),
     [("xiamen", "clearance_rate", "2007")]),
    (("--search", "solved", "--category", "community_policing"), []),
])
def test_export_filters_like_the_other_commands(data: str, args: tuple[str, ...],
                                                expected: list[tuple[str, str, str]]) -> None:
    assert exported(data, *args) == expected


def test_a_filtered_export_says_what_it_kept(data: str) -> None:
    result = run("export", "--data", data, "--metric", "clearance_rate", "--period", "2009")
    assert result.stderr.splitlines()[0] == (
        "note: 1 of 4 observations: --metric clearance_rate --period 2009.")


@pytest.mark.parametrize("args, message", [
    (("--source", "s11"), "no source called 's11' (did you mean 's1'?)"),
    (("--city", "杭州"), "no jurisdiction called '杭州' (did you mean 'changzhou' (常州市 "
                       "Changzhou)?)"),
    (("--period", "2009-13"), "Invalid value for '--period': period '2009-13' is not YYYY, "
                              "YYYY-H1, YYYY-Q3, YYYY-MM, START/END or unknown"),
])
def test_an_unknown_filter_value_is_a_usage_error(data: str, args: tuple[str, ...],
                                                  message: str) -> None:
    result = run("export", "--data", data, *args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "Usage: copscompare export [OPTIONS]"
    assert result.stderr.splitlines()[-1] == f"Error: {message}"


@pytest.mark.parametrize("fmt", ["xlsx", "sqlite"])
@pytest.mark.parametrize("target", [[], ["-o", "-"]])
def test_binary_formats_need_a_file(data: str, fmt: str, target: list[str]) -> None:
    result = run("export", "--data", data, "--format", fmt, *target)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        f"Error: --format {fmt} writes a binary file: give -o FILE (it is never written to "
        "the terminal or stdout)")


def test_xlsx_typed_numbers_text_periods_frozen_header_notes_and_sources(
        data: str, tmp_path: Path) -> None:
    path = tmp_path / "police.xlsx"
    result = run("export", "--data", data, "--format", "xlsx", "-o", str(path))
    assert result.exit_code == 0 and result.stdout == "" and result.stderr == ""
    book = load_workbook(path)
    assert book.sheetnames == ["data", "notes", "sources"]
    sheet = book["data"]
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    assert header[:12] == ["city", "city_zh", "city_en", "level", "province", "metric",
                           "metric_zh", "metric_en", "category", "period", "measure", "value"]
    rows = [dict(zip(header, (c.value for c in row), strict=True))
            for row in sheet.iter_rows(min_row=2)]
    assert [(r["city_zh"], r["period"], r["value"]) for r in rows] == [
        ("武进区", "2009", 1), ("厦门", "2004", 171), ("厦门", "2007", 214),
        ("厦门", "2007", 97.03)]
    cells = {c.value: c for c in sheet[2]}
    assert cells["2009"].data_type == "s" and cells[1].data_type == "n"
    note = sheet.cell(row=5, column=header.index("note") + 1)
    assert (note.value, note.data_type) == ("=1+1 is how a formula starts", "s")
    assert [c.value for c in book["notes"]["A"]] == [
        "All observations", "Self-reported figures from the cited sources; see `copscompare "
        "show CITY --sources` or the source column for quotes."]
    assert [[c.value for c in row] for row in book["sources"].iter_rows()] == [
        ["id", "title", "publisher", "date", "url"],
        ["s1", "测试报道", "常州日报", "2010-01-18", None],
        ["s2", "第二篇", "厦门日报", "2007", None]]


def test_xlsx_is_written_whole_or_not_at_all(data: str, tmp_path: Path) -> None:
    """A failed write leaves the file that was there before, and no temporary file."""
    path = tmp_path / "police.xlsx"
    path.write_bytes(b"before")
    (tmp_path / "folder").mkdir()
    result = run("export", "--data", data, "--format", "xlsx", "-o", str(tmp_path / "folder"))
    assert result.exit_code != 0
    assert path.read_bytes() == b"before"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.yaml", "folder", "police.xlsx"]


@pytest.fixture
def database(data: str, tmp_path: Path) -> Path:
    path = tmp_path / "police.db"
    result = run("export", "--data", data, "--format", "sqlite", "-o", str(path))
    assert result.exit_code == 0, result.stderr
    return path


def test_sqlite_tables_keys_and_figures_as_written(database: Path) -> None:
    db = sqlite3.connect(database)
    tables = db.execute("SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view') "
                        "ORDER BY name").fetchall()
    assert tables == [("export", "view"), ("jurisdictions", "table"), ("metric_aliases", "table"),
                      ("metrics", "table"), ("observations", "table"), ("sources", "table")]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert [r[1:] for r in db.execute("PRAGMA foreign_key_list(observations)")] == [
        (0, "sources", "source", "id", "NO ACTION", "NO ACTION", "NONE"),
        (0, "metrics", "metric", "id", "NO ACTION", "NO ACTION", "NONE"),
        (0, "jurisdictions", "jurisdiction", "id", "NO ACTION", "NO ACTION", "NONE")]
    assert db.execute("SELECT name FROM pragma_table_info('jurisdictions') WHERE pk").fetchall() \
        == [("id",)]
    assert db.execute(
        "SELECT j.name_zh, o.period, o.value, o.value_text, o.decimals FROM observations o "
        "JOIN jurisdictions j ON j.id = o.jurisdiction WHERE o.metric = 'clearance_rate' "
        "ORDER BY o.id").fetchall() == [("武进区", "2009", 1.0, "1", 0),
                                        ("厦门", "2007", 97.03, "97.030", 3)]
    assert db.execute("SELECT parent FROM jurisdictions WHERE id = 'wujin'").fetchone() == (
        "changzhou",)
    assert db.execute("SELECT alias FROM metric_aliases").fetchall() == [("破案率",)]
    assert db.execute("SELECT count(*), sum(value) FROM export").fetchone() == (4, 483.03)


def test_a_filtered_database_keeps_the_records_its_figures_refer_to(data: str,
                                                                   tmp_path: Path) -> None:
    path = tmp_path / "wujin.db"
    result = run("export", "--data", data, "--city", "wujin", "--format", "sqlite", "-o",
                 str(path))
    assert result.exit_code == 0, result.stderr
    db = sqlite3.connect(path)
    assert db.execute("SELECT id FROM jurisdictions ORDER BY id").fetchall() == [
        ("changzhou",), ("wujin",)]  # Wujin's parent comes with it
    assert db.execute("SELECT id FROM sources").fetchall() == [("s1",)]
    assert db.execute("SELECT id FROM metrics").fetchall() == [("clearance_rate",)]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


@pytest.mark.skipif(shutil.which("sqlite3") is None, reason="no sqlite3 shell")
def test_the_sqlite3_shell_opens_it(database: Path) -> None:
    shell = subprocess.run(
        ["sqlite3", "-readonly", str(database),
         "SELECT city_zh || ' ' || period || ' ' || value FROM export ORDER BY rowid;"
         "PRAGMA integrity_check;"],
        capture_output=True, text=True, check=True)
    assert shell.stdout.splitlines() == [
        "武进区 2009 1.0", "厦门 2004 171.0", "厦门 2007 214.0", "厦门 2007 97.03", "ok"]

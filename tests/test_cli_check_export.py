"""check and export through the CLI: exact output, streams and exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner
from conftest import HEADER, write

from copscompare.cli import cli, main


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_check_summary(data_file: Path) -> None:
    result = run("check", "--data", str(data_file))
    assert result.exit_code == 0
    assert result.stdout == ("ok: 3 jurisdictions, 2 metrics, 2 sources, 2 observations, "
                             "0 warning(s)\n")


def test_check_sources_finds_quotes(data_file: Path, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "a.txt").write_text("2009年,破案率上升1个 百分点,26起命案全部破获。", "utf-8")
    (archive / "b.txt").write_text("2004年,全市171个社区警务室当年全部建成。", "utf-8")
    result = run("check", "--data", str(data_file), "--sources", str(archive))
    assert result.exit_code == 0
    assert result.stdout.endswith("every quote found in its source\n")


def test_check_sources_reports_missing_quote_and_file(data_file: Path, tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "a.txt").write_text("破案率上升了1个百分点", "utf-8")
    result = run("check", "--data", str(data_file), "--sources", str(archive))
    assert result.exit_code == 1
    lines = result.stderr.replace(str(data_file), "F").splitlines()
    assert lines == [
        "F:7: file: archived text 'b.txt' not found in " + str(archive),
        "F:49: quote: quote not found verbatim in a.txt: '破案率上升1个百分点'",
        "copscompare: error: 2 error(s) in the data; nothing was changed",
    ]


def test_check_data_error_exit_1_no_traceback(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.yaml", HEADER + "observations:\n  - jurisdiction: wujin\n")
    code = main(["check", "--data", str(path)])
    assert code == 1


def test_unknown_command_is_usage_error() -> None:
    result = run("frobnicate")
    assert result.exit_code == 2
    assert "No such command 'frobnicate'" in result.stderr


def test_missing_data_file(tmp_path: Path) -> None:
    result = run("check", "--data", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"{tmp_path / 'nope.yaml'}: no such data file or folder"


def test_export_csv_header_and_rows(data_file: Path) -> None:
    result = run("export", "--data", str(data_file), "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0])[:18] == [
        "city", "city_zh", "city_en", "level", "province", "metric", "metric_zh", "metric_en",
        "category", "period", "measure", "value", "unit", "qualifier", "source", "source_date",
        "quote", "note"]
    assert rows[1]["city_zh"] == "厦门"
    assert rows[1]["value"] == "171"
    assert rows[0]["value"] == "1"
    assert rows[0]["period_start"] == "2009-01" and rows[0]["period_end"] == "2009-12"


def test_export_json_types(data_file: Path) -> None:
    result = run("export", "--data", str(data_file), "--format", "json")
    rows = json.loads(result.stdout)
    assert rows[1]["value"] == 171 and rows[0]["note"] is None
    assert rows[0]["city_zh"] == "武进区"
    assert "武进区" in result.stdout  # non-ASCII written as is


def test_data_from_environment(data_file: Path, monkeypatch) -> None:
    monkeypatch.setenv("COPSCOMPARE_DATA", str(data_file))
    assert run("check").stdout.startswith("ok: 3 jurisdictions")


def test_check_warns_when_a_name_or_alias_is_another_records_id(tmp_path: Path) -> None:
    text = (HEADER.replace("name_en: Xiamen", "name_en: Wujin")
            .replace("aliases: [破案率]", "aliases: [破案率, Community-Police Rooms]")
            + "observations:\n")
    path = write(tmp_path / "d.yaml", text)
    result = run("check", "--data", str(path))
    assert result.exit_code == 0
    assert result.stderr.replace(str(path), "F").splitlines() == [
        "F:26: jurisdictions[2].name_en: warning: 'Wujin' is also the id of jurisdiction "
        "'wujin': typing it finds that one, not this",
        "F:33: metrics[0].aliases[1]: warning: 'Community-Police Rooms' is also the id of "
        "metric 'community_police_rooms': typing it finds that one, not this",
    ]
    assert result.stdout.endswith("2 warning(s)\n")


def test_export_is_made_and_written_a_block_of_rows_at_a_time(monkeypatch) -> None:
    """The bundled data's 867 rows in blocks of 100: CSV, TSV, JSON and Excel's CSV are the same
    bytes as in one block, and CSV comes as the header and then one piece per block."""
    from copscompare import loading, render
    from copscompare.analysis import export

    whole = {fmt: run("export", "--format", fmt).stdout for fmt in ("csv", "tsv", "json")}
    excel = run("export", "--excel").stdout_bytes
    monkeypatch.setattr(export, "BLOCK_ROWS", 100)
    for fmt, text in whole.items():
        assert run("export", "--format", fmt).stdout == text
    assert run("export", "--excel").stdout_bytes == excel
    table = export.export_table(loading.load())
    count = len(loading.load().observations)
    pieces = list(render.render_pieces(table, "csv"))
    assert len(pieces) == 1 + -(-count // 100)
    assert pieces[0] == ",".join(export.EXPORT_COLUMNS) + "\n"
    assert sum(piece.count("\n") for piece in pieces[1:]) >= count
    rows = list(csv.DictReader(io.StringIO("".join(pieces))))
    assert len(rows) == count == len(table.all_rows())
    assert rows[0]["city"] == table.all_rows()[0]["city"]

"""The shared output options through the CLI: streams, colour, files, Excel bytes, errors."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import HEADER, write
from test_render import ALIGN, EVIL, ROOMS

from copscompare.analysis.common import STANDING_FOOTNOTE
from copscompare.cli import cli
from copscompare.cli.completion import complete_city, complete_metric
from copscompare.cli.output import OutputOptions, emit, output_options, wants_colour

ROOT = Path(__file__).resolve().parent.parent
NOTE = ROOMS.footnotes[0]


@click.command()
@output_options()
def rooms(output: OutputOptions) -> None:
    """A command printing the ROOMS fixture (it has a chart and a footnote)."""
    emit(ROOMS, output)


@click.command()
@output_options()
def evil(output: OutputOptions) -> None:
    emit(EVIL, output)


@click.command()
@output_options()
def plain(output: OutputOptions) -> None:
    """A table without a chart."""
    emit(ALIGN, output)


@pytest.fixture(autouse=True)
def no_colour_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


def invoke(command: click.Command, *args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(command, list(args), env=env)


# --- formats and streams ------------------------------------------------------------------

def test_default_on_a_pipe_is_the_plain_table_with_footnotes_below() -> None:
    result = invoke(rooms)
    assert result.exit_code == 0
    assert result.stdout.startswith("Community police rooms 社区警务室\n\n  #  City")
    assert result.stdout.endswith(f"\n\n{NOTE}\n")
    assert "\x1b" not in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json"])
def test_machine_formats_keep_footnotes_off_stdout(fmt: str) -> None:
    result = invoke(rooms, "--format", fmt)
    assert result.exit_code == 0
    assert "Not the same period" not in result.stdout
    assert result.stderr == f"note: {NOTE}\n"


def test_csv_round_trips_through_dictreader() -> None:
    result = invoke(rooms, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0] == {"rank": "1", "city_id": "wujin", "value": "6000", "unit": "count",
                       "qualifier": "about", "period": "2009"}
    assert [float(r["value"]) for r in rows if r["value"]] == [6000, 171, 95.5]


def test_markdown_and_fmt() -> None:
    assert invoke(rooms, "--format", "markdown").stdout.splitlines()[2] == (
        "|   # | City                         |   Value | Period   |")
    assert invoke(rooms, "--fmt", "pipe").stdout.splitlines()[3] == (
        "|----:|:-----------------------------|--------:|:---------|")


def test_unknown_fmt_is_a_usage_error_with_a_suggestion() -> None:
    result = invoke(rooms, "--fmt", "githb")
    assert result.exit_code == 2
    assert "unknown table format 'githb' (did you mean 'github'?)" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("name", ["unsafehtml", "latex_raw"])
def test_unsafe_formats_are_not_offered(name: str) -> None:
    """tabulate's unsafehtml and latex_raw write cells unescaped: a name could inject markup."""
    result = invoke(rooms, "--fmt", name)
    assert result.exit_code == 2
    assert f"unknown table format '{name}'" in result.stderr


@pytest.mark.parametrize("args, message", [
    (["--fmt", "github", "--format", "csv"], "--fmt draws a table; it cannot be used with "
                                             "--format csv"),
    (["--excel", "--format", "json"], "--excel writes CSV; it cannot be used with --format json"),
    (["--excel", "--fmt", "grid"], "--excel writes CSV and --fmt draws a table: choose one"),
])
def test_conflicting_options_are_usage_errors(args: list[str], message: str) -> None:
    result = invoke(rooms, *args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: {message}"


def test_excel_implies_csv_and_writes_bom_and_crlf() -> None:
    result = invoke(rooms, "--excel")
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbfrank,city_id,value,unit,qualifier,period"
                                          b"\r\n1,wujin,6000,count,about,2009\r\n")
    assert result.stdout_bytes.count(b"\n") == result.stdout_bytes.count(b"\r\n") == 5


def test_chart_draws_bars_and_a_table_without_one_refuses() -> None:
    assert "  ~6,000  ████████████████████████  2009" in invoke(rooms, "--chart").stdout
    result = invoke(plain, "--chart")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: this command has no chart (--chart)"
    assert result.stdout == ""


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "tsv", "json"])
def test_injection_never_reaches_stdout_raw(fmt: str) -> None:
    result = invoke(evil, "--format", fmt)
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    if fmt in ("csv", "tsv"):
        assert "'=HYPERLINK(" in result.stdout and "'@SUM(A1:A2)" in result.stdout
        assert "-0.54" in result.stdout and "'-0.54" not in result.stdout
    elif fmt == "json":
        assert json.loads(result.stdout)[1]["city"] == "[red]武进区[/]"
    else:
        assert "red alert" in result.stdout
    assert "\x1b" not in result.stderr


# --- colour --------------------------------------------------------------------------------

@pytest.mark.parametrize("flag, environ, isatty, expected", [
    (False, {}, False, False),
    (False, {}, True, True),
    (True, {}, True, False),
    (False, {"NO_COLOR": "1"}, True, False),
    (False, {"NO_COLOR": ""}, True, True),
    (False, {"FORCE_COLOR": "1"}, False, True),
    (False, {"FORCE_COLOR": ""}, False, False),
    (False, {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, False),
    (True, {"FORCE_COLOR": "1"}, False, False),
])
def test_wants_colour(flag: bool, environ: dict[str, str], isatty: bool, expected: bool) -> None:
    assert wants_colour(flag, environ, isatty) is expected


def test_force_color_on_a_pipe_gives_the_rich_table_in_colour() -> None:
    result = invoke(rooms, env={"FORCE_COLOR": "1"})
    assert "\x1b[1m" in result.stdout and "╭───┬" in result.stdout


@pytest.mark.parametrize("args, env", [
    ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}),
    (["--no-color"], {"FORCE_COLOR": "1"}),
])
def test_no_color_wins(args: list[str], env: dict[str, str]) -> None:
    result = invoke(rooms, *args, env=env)
    assert result.stdout == invoke(rooms).stdout
    assert "\x1b" not in result.stdout


def test_rich_table_on_a_terminal_follows_no_color() -> None:
    """A real pseudo-terminal: the rich table, in colour unless NO_COLOR is set."""
    pty = pytest.importorskip("pty")
    script = ("import sys; sys.path[:0] = [sys.argv[1]]; from test_output import rooms; "
              "rooms.main([], standalone_mode=False)")
    for env, coloured in (({}, True), ({"NO_COLOR": "1"}, False)):
        main_fd, child_fd = pty.openpty()
        environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
        environ.update(env, PYTHONPATH=str(ROOT), COLUMNS="100", TERM="xterm")
        process = subprocess.run([sys.executable, "-c", script, str(ROOT / "tests")],
                                 stdout=child_fd, stderr=subprocess.PIPE, env=environ,
                                 timeout=60, check=False)
        os.close(child_fd)
        output = b""
        while True:
            try:
                chunk = os.read(main_fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        os.close(main_fd)
        assert process.returncode == 0, process.stderr
        text = output.decode("utf-8")
        assert "╭───┬" in text and "│ 1 │ 武进区 Wujin District        │ ~6,000 │ 2009   │" in (
            text.replace("\x1b[0m", "").replace("\x1b[1m", ""))
        assert ("\x1b[" in text) is coloured


# --- files ---------------------------------------------------------------------------------

def no_temporary_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_output_file_gets_what_stdout_would_without_colour(tmp_path: Path) -> None:
    target = tmp_path / "rooms.txt"
    result = invoke(rooms, "-o", str(target), env={"FORCE_COLOR": "1"})
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text("utf-8") == invoke(rooms).stdout
    assert no_temporary_files(tmp_path)


def test_output_file_excel_bytes(tmp_path: Path) -> None:
    target = tmp_path / "rooms.csv"
    invoke(rooms, "--excel", "--output", str(target))
    assert target.read_bytes() == (
        "\ufeffrank,city_id,value,unit,qualifier,period\r\n1,wujin,6000,count,about,2009\r\n"
        "2,xiamen,171,count,exact,2004\r\n3,hanggin_rear,95.5,count,at_least,2010\r\n"
        ",changzhou,,count,,2011\r\n").encode("utf-8")


def test_output_dash_is_stdout() -> None:
    assert invoke(rooms, "-o", "-", "--format", "csv").stdout.startswith("rank,city_id")


def test_a_failed_command_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", "utf-8")
    result = invoke(plain, "--chart", "-o", str(target))
    assert result.exit_code == 2
    assert target.read_text("utf-8") == "old" and no_temporary_files(tmp_path)


def test_a_failed_rename_leaves_the_old_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", "utf-8")

    def refuse(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    result = invoke(rooms, "--format", "csv", "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot write '{target}': No space left on device\n"
    assert target.read_text("utf-8") == "old" and no_temporary_files(tmp_path)


def test_unwritable_output_is_an_error_without_traceback(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "out.csv"
    result = invoke(rooms, "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot write '{target}': No such file or directory\n"


def test_output_never_overwrites_a_yaml_file(tmp_path: Path) -> None:
    target = tmp_path / "indicators.yaml"
    target.write_text("format: 1\n", "utf-8")
    result = invoke(rooms, "-o", str(target))
    assert result.exit_code == 2
    assert "looks like a data file; copscompare never writes to data files" in result.stderr
    assert target.read_text("utf-8") == "format: 1\n"


def test_svg_and_html_files_beside_normal_output(tmp_path: Path) -> None:
    svg, html = tmp_path / "t.svg", tmp_path / "t.html"
    result = invoke(evil, "--svg", str(svg), "--html", str(html), "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout == invoke(evil, "--format", "csv").stdout
    assert svg.read_text("utf-8").startswith("<svg") and "&lt;script&gt;" in svg.read_text("utf-8")
    page = html.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '[red]<span lang="zh-Hans">武进区</span>[/]' in page
    assert "\x1b" not in page and no_temporary_files(tmp_path)


# --- through the real group: export, BrokenPipe, completion ----------------------------------

def test_export_options(data_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "all.csv"
    result = CliRunner().invoke(cli, ["export", "--data", str(data_file), "--excel", "-o",
                                      str(target)])
    assert result.exit_code == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfcity,city_zh,") and b"\r\n" in data
    assert "厦门".encode() in data
    assert "--chart" not in CliRunner().invoke(cli, ["export", "--help"]).stdout


def test_piping_into_head_ends_quietly(tmp_path: Path) -> None:
    observation = ("  - jurisdiction: xiamen\n    metric: community_police_rooms\n"
                   "    period: {year}-{month:02d}\n    measure: level\n    value: 171\n"
                   "    qualifier: exact\n    source: s2\n    quote: 全市171个社区警务室\n")
    body = "".join(observation.format(year=1700 + i // 12, month=i % 12 + 1)
                   for i in range(2500))  # every period before the source's date, 2007
    path = write(tmp_path / "big.yaml", HEADER + "observations:\n" + body)
    process = subprocess.Popen([sys.executable, "-m", "copscompare", "export", "--data",
                                str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    first = process.stdout.readline()
    process.stdout.close()  # like `head -1`: the reader goes away
    errors = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=60) == 0
    assert first.startswith(b"city,city_zh,city_en,")
    # the standing note goes to stderr only if the table was written whole before the reader
    # left; either way nothing complains about the closed pipe
    assert errors in (b"", f"note: {STANDING_FOOTNOTE}\n".encode())


def test_completion_offers_ids_from_the_data(data_file: Path) -> None:
    ctx = click.Context(cli, info_name="copscompare")
    ctx.params["data"] = str(data_file)
    metrics = complete_metric(ctx, None, "c")
    assert [(m.value, m.help) for m in metrics] == [
        ("clearance_rate", "刑事案件破案率 Criminal case clearance rate"),
        ("community_police_rooms", "社区警务室 Community police rooms")]
    assert [m.value for m in complete_metric(ctx, None, "社区")] == ["community_police_rooms"]
    assert [c.value for c in complete_city(ctx, None, "")] == ["changzhou", "wujin", "xiamen"]
    assert [c.value for c in complete_city(ctx, None, "武进")] == ["wujin"]
    assert [c.value for c in complete_city(ctx, None, "Xia")] == ["xiamen"]


def test_completion_with_broken_data_offers_nothing(tmp_path: Path) -> None:
    ctx = click.Context(cli, info_name="copscompare")
    ctx.params["data"] = str(tmp_path / "missing.yaml")
    assert complete_city(ctx, None, "") == []


def test_metric_option_and_city_argument_complete_through_the_cli(data_file: Path) -> None:
    from click.shell_completion import ShellComplete

    shell = ShellComplete(cli, {}, "copscompare", "_COPSCOMPARE_COMPLETE")
    data = ["--data", str(data_file)]
    assert [c.value for c in shell.get_completions(["rank", *data, "--metric"], "cl")] == [
        "clearance_rate"]
    assert [c.value for c in shell.get_completions(["show", *data], "厦")] == ["xiamen"]


def test_the_console_script_ends_without_teardown_and_loses_nothing(tmp_path: Path) -> None:
    """``run`` leaves by ``os._exit`` once stdout and stderr are flushed: every byte of a long
    export still arrives whole on a pipe, the footnote on stderr, and each exit code is kept."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COPSCOMPARE_NO_CACHE": "1"}
    command = [sys.executable, "-m", "copscompare"]
    exported = subprocess.run([*command, "export", "--format", "json"], capture_output=True,
                              cwd=tmp_path, env=env, check=False)
    assert exported.returncode == 0
    assert exported.stdout == CliRunner().invoke(cli, ["export", "--format", "json"]).stdout_bytes
    assert len(json.loads(exported.stdout)) > 800
    assert exported.stderr == f"note: {STANDING_FOOTNOTE}\n".encode()
    broken = write(tmp_path / "broken.yaml", HEADER.replace("date: 2010-01-18", "date: soon"))
    for args, code in ((["check", "--data", str(broken)], 1), (["rank"], 2), (["--version"], 0)):
        finished = subprocess.run([*command, *args], capture_output=True, cwd=tmp_path,
                                  env=env, check=False)
        assert finished.returncode == code, (args, finished.stderr)
        assert (finished.stdout if code == 0 else finished.stderr).endswith(b"\n")

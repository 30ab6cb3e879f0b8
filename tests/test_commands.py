"""The analysis commands through the CLI: exact output, exit codes, names and suggestions."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import click
import conftest
import pytest
from click.testing import CliRunner
from conftest import HEADER, write

from copscompare.cli import cli, main

EXTRA_METRIC = """\
  - id: homicide_clearance_rate
    label_zh: 命案破案率
    label_en: Homicide clearance rate
    unit: percent
    better: higher
    category: clearance
    definition: Share of homicides solved.
"""

OBSERVATIONS = conftest.OBSERVATIONS + """\
  - jurisdiction: xiamen
    metric: community_police_rooms
    period: 2007
    measure: level
    value: 214
    qualifier: exact
    source: s2
    quote: 目前已建立214个社区警务室
  - jurisdiction: changzhou
    metric: community_police_rooms
    period: 2007
    measure: level
    value: 216
    qualifier: over
    source: s1
    quote: 社区警务室216个余
"""

STANDING = ("Self-reported figures from the cited sources; see `copscompare show CITY "
            "--sources` or the source column for quotes.")


@pytest.fixture
def data(tmp_path: Path) -> str:
    return str(write(tmp_path / "data.yaml", HEADER + EXTRA_METRIC + OBSERVATIONS))


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_rank_plain_table_exact(data: str) -> None:
    result = run("rank", "--metric", "社区警务室", "--data", data, "--format", "table")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Community police rooms 社区警务室 — reported levels; largest first\n"
        "\n"
        "  rank  jurisdiction        value  period    level                  source\n"
        "------  ----------------  -------  --------  ---------------------  --------\n"
        "    1*  常州市 Changzhou     >216  2007      prefecture-level city  s1\n"
        "     2  厦门 Xiamen           214  2007      sub-provincial city    s2\n"
        "\n"
        "* The figure was published as approximate or as a bound (~ about, > over, ≥ at least, "
        "< under, ≤ at most), so its place rests on it.\n"
        "Different administrative levels (prefecture-level city: 常州市; sub-provincial city: "
        "厦门).\n"
        "Reported by 2 of 3 jurisdictions in the data.\n"
        "Each jurisdiction's latest figure is shown; all periods: "
        "`copscompare delta --metric community_police_rooms`.\n"
        f"{STANDING}\n"
    )


def test_rank_csv_is_computable_and_notes_go_to_stderr(data: str) -> None:
    result = run("rank", "-m", "clearance_rate", "--data", data, "--format", "csv",
                 "--sources")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows == [{
        "rank": "1", "city": "wujin", "city_zh": "武进区", "city_en": "Wujin District",
        "value": "1", "unit": "percent", "qualifier": "exact", "measure": "change_pp",
        "scope": "", "period": "2009", "baseline": "", "level": "district", "source": "s1",
        "quote": "破案率上升1个百分点", "source_title": "测试报道", "source_date": "2010-01-18",
    }]
    assert f"note: {STANDING}" in result.stderr.splitlines()


def test_delta_by_chinese_name_and_yoy_alias(data: str) -> None:
    args = ["--metric", "community_police_rooms", "厦门市", "--data", data, "--format", "csv"]
    result = run("delta", *args)
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["period"], r["level"], r["since"], r["change"], r["change_pct"], r["months"],
             r["per_year_pct"]) for r in rows] == [
        ("2004", "171", "", "", "", "", ""),
        ("2007", "214", "2004", "43", "25.1462", "36", "7.7637"),
    ]
    assert run("yoy", *args).stdout == result.stdout


def test_compare_plain_table_exact(data: str) -> None:
    result = run("compare", "厦门", "常州", "--metric", "community_police_rooms", "--data", data,
                 "--format", "table", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Side by side: Xiamen, Changzhou\n"
        "\n"
        "metric                  figure    period      Xiamen    Changzhou\n"
        "----------------------  --------  --------  --------  -----------\n"
        "Community police rooms  level     2007           214         >216\n"
        "\n"
        "Showing 2 of 3 figures these places reported for these rows, one period per row; left "
        "out, other periods: Xiamen 2004 (Community police rooms). `--all-periods` shows every "
        "period.\n"
        "Different administrative levels: Xiamen sub-provincial city; Changzhou prefecture-level "
        "city.\n"
        "~ about, > over, ≥ at least, < under, ≤ at most: the figure was published as "
        "approximate or as a bound.\n"
        f"{STANDING}\n"
    )


def test_show_and_listings_run(data: str) -> None:
    show = run("show", "武进", "--data", data, "--format", "csv")
    assert show.exit_code == 0
    assert [r["metric"] for r in csv.DictReader(io.StringIO(show.stdout))] == ["clearance_rate"]
    cities = run("cities", "--data", data, "--format", "csv")
    assert [r["id"] for r in csv.DictReader(io.StringIO(cities.stdout))] == [
        "xiamen", "changzhou", "wujin"]
    sources = run("sources", "--data", data, "--format", "csv")
    assert [r["figures"] for r in csv.DictReader(io.StringIO(sources.stdout))] == ["2", "2"]
    metrics = run("metrics", "--data", data, "--format", "csv", "--search", "破案")
    assert [(r["id"], r["jurisdictions"]) for r in csv.DictReader(io.StringIO(metrics.stdout))] \
        == [("clearance_rate", "1"), ("homicide_clearance_rate", "0")]


def test_unknown_city_exits_2_with_suggestions(data: str) -> None:
    result = run("show", "武近", "--data", data)
    assert result.exit_code == 2
    assert ("no jurisdiction called '武近' (did you mean 'wujin' (武进区 Wujin District)?)"
            in result.stderr)
    assert main(["compare", "xiamen", "nowhere", "--data", data]) == 2


def test_unknown_metric_and_metric_without_data_exit_2(data: str) -> None:
    result = run("rank", "--metric", "clearence", "--data", data)
    assert result.exit_code == 2
    assert "did you mean 'clearance_rate' (刑事案件破案率)" in result.stderr
    empty = run("rank", "--metric", "命案破案率", "--data", data)
    assert empty.exit_code == 2
    assert ("no figures for metric 'homicide_clearance_rate' (命案破案率) in the data; 2 metrics "
            "have figures" in empty.stderr)


def test_usage_errors(data: str) -> None:
    both = run("rank", "-m", "clearance_rate", "--period", "2009", "--year", "2009",
               "--data", data)
    assert both.exit_code == 2 and "give --period or --year, not both" in both.stderr
    bad = run("rank", "-m", "clearance_rate", "--period", "2009-H3", "--data", data)
    assert bad.exit_code == 2 and "Invalid value for '--period'" in bad.stderr
    assert run("compare", "--data", data).exit_code == 2
    assert run("rank", "-m", "clearance_rate", "--province", "Fujan", "--data", data).stderr \
        .endswith("no province called 'Fujan' in the data (did you mean 'Fujian'?)\n")


def test_rank_period_year_and_filters(data: str) -> None:
    base = ["rank", "-m", "community_police_rooms", "--data", data, "--format", "csv"]
    def cities(*extra: str) -> list[tuple[str, str]]:
        result = run(*base, *extra)
        assert result.exit_code == 0, result.stderr
        return [(r["city"], r["value"]) for r in csv.DictReader(io.StringIO(result.stdout))]
    assert cities("--period", "2004") == [("xiamen", "171")]
    assert cities("--year", "2007", "--order", "asc") == [("xiamen", "214"), ("changzhou", "216")]
    assert cities("--province", "福建省") == [("xiamen", "214")]
    assert cities("--level", "prefecture_city") == [("changzhou", "216")]
    assert cities("--top", "1") == [("changzhou", "216")]


def test_metric_and_city_completion_offer_ids(data: str) -> None:
    rank = cli.get_command(click.Context(cli), "rank")
    ctx = click.Context(rank)
    ctx.params["data"] = data
    metric = next(p for p in rank.params if p.name == "metric")
    assert [c.value for c in metric.shell_complete(ctx, "comm")] == ["community_police_rooms"]
    compare = cli.get_command(click.Context(cli), "compare")
    ctx = click.Context(compare)
    ctx.params["data"] = data
    argument = next(p for p in compare.params if p.name == "cities")
    assert [c.value for c in argument.shell_complete(ctx, "常")] == ["changzhou"]


def test_yoy_is_listed_as_the_same_as_delta() -> None:
    result = run("--help")
    assert "Same as delta" in result.stdout


def test_bundled_data_commands_work() -> None:
    for args in (["rank", "--metric", "clearance_rate"], ["cities"], ["sources"], ["metrics"],
                 ["show", "武进"]):
        assert main([*args, "--format", "csv"]) == 0, args
    result = run("rank", "--metric", "clearance_rate", "--format", "table")
    assert result.stdout.startswith("Criminal case clearance rate 刑事案件破案率 — reported "
                                    "levels; highest first (higher is better)")


@pytest.mark.parametrize("name", ["check", "export", "extract", "rank", "delta", "yoy", "audit",
                                  "compare", "show", "cities", "sources", "metrics"])
def test_each_commands_help_ends_with_two_or_three_examples(name: str) -> None:
    """The examples come last, after the options."""
    result = CliRunner().invoke(cli, [name, "--help"], prog_name="copscompare")
    head, _, tail = result.stdout.partition("\n  Examples:\n\n")
    assert "Options:" in head
    examples = tail.splitlines()
    assert 2 <= len(examples) <= 3
    assert all(line.startswith("    copscompare ") for line in examples), examples


@pytest.mark.parametrize("args, usage", [
    (["rank", "-m", "nothing"], "Usage: copscompare rank [OPTIONS]"),
    (["show", "拉萨"], "Usage: copscompare show [OPTIONS] CITY"),
    (["compare", "常州", "--metric", "nothing"], "Usage: copscompare compare [OPTIONS] CITY..."),
    (["rank", "-m", "clearance_rate", "--period", "2009", "--year", "2009"],
     "Usage: copscompare rank [OPTIONS]"),
])
def test_a_usage_error_shows_the_commands_own_usage_line(args: list[str], usage: str) -> None:
    result = CliRunner().invoke(cli, args, prog_name="copscompare")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == usage


def test_metrics_core_lists_only_core_metrics(tmp_path: Path) -> None:
    core = EXTRA_METRIC.replace("    category: clearance\n",
                                "    category: clearance\n    core: true\n")
    data = str(write(tmp_path / "data.yaml", HEADER + core + OBSERVATIONS))
    result = run("metrics", "--core", "--data", data, "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "id,label_zh,label_en,category,unit,better,core,jurisdictions,figures,level,change_pct,"
        "change_pp,change_abs,rank",
        "homicide_clearance_rate,命案破案率,Homicide clearance rate,clearance,percent,higher,"
        "true,0,0,0,0,0,0,0",
    ]


def test_a_run_builds_only_the_command_it_runs(data: str) -> None:
    """Each command is a module of its own, imported when it runs: a ranking imports the rank
    command's module and no other; --help lists every command (all of them built)."""
    code = ("import sys; from copscompare.cli import main; "
            f"main(['rank', '-m', 'community_police_rooms', '--data', {data!r}, '--format', "
            "'csv']); print(sorted(m for m in sys.modules "
            "if m.startswith('copscompare.cli.commands.')))")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, env={**os.environ, "COPSCOMPARE_NO_CACHE": "1"})
    assert found.stdout.splitlines()[-1] == "['copscompare.cli.commands.rank']"
    listed = run("--help").stdout
    for name in ("audit", "check", "cities", "compare", "delta", "export", "extract",
                 "metrics", "rank", "show", "sources", "yoy"):
        assert f"\n  {name} " in listed

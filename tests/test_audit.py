"""audit: the figures checked against each other, with exact rows, summary and exit codes."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from conftest import HEADER, write

from copscompare.analysis.audit import audit_table
from copscompare.cli import main
from copscompare.loading import load

SOURCES = """\
  - id: s3
    title: 年度通报
    publisher: 厦门日报
    date: 2018-01-20
    file: c.txt
"""


def figure(place: str, metric: str, period: str, measure: str, value: str, quote: str,
           extra: str = "") -> str:
    return (f"  - jurisdiction: {place}\n    metric: {metric}\n    period: \"{period}\"\n"
            f"    measure: {measure}\n    value: {value}\n    qualifier: exact\n"
            f"    source: s3\n    quote: \"{quote}\"\n{extra}")


ROOMS = "community_police_rooms"
FIGURES = (
    # a change against the two levels: 369 -> 297 is −19.5%, reported as −19.5%: agrees
    figure("xiamen", ROOMS, "2016", "level", "369", "全市共有社区警务室369个")
    + figure("xiamen", ROOMS, "2017", "level", "297", "全市共有社区警务室297个")
    + figure("xiamen", ROOMS, "2017", "change_abs", "-72", "社区警务室减少72个")
    + figure("xiamen", ROOMS, "2017", "change_pct", "-19.5", "社区警务室下降19.5%")
    # a rate whose reported change is not what its levels give: differs
    + figure("wujin", "clearance_rate", "2016", "level", "90.1", "破案率达90.1%")
    + figure("wujin", "clearance_rate", "2017", "level", "92.3", "破案率达92.3%")
    + figure("wujin", "clearance_rate", "2017", "change_pp", "3.2", "破案率提高3.2个百分点")
    # a rank among the places of the same province and level: no peer's level is known
    + figure("wujin", "clearance_rate", "2017", "rank", "1", "破案率全省第一",
             "    scope: province\n")
)


def data(tmp_path: Path) -> Path:
    header = HEADER.replace("jurisdictions:", SOURCES + "jurisdictions:")
    return write(tmp_path / "data.yaml", header + "observations:\n" + FIGURES)


def test_every_check_with_its_verdict(tmp_path: Path) -> None:
    table = audit_table(load(data(tmp_path)))
    assert [(r["city"], r["check"], r["period"], r["reported"], r["computed"], r["verdict"])
            for r in table.rows] == [
        ("wujin", "change vs levels", "2017 vs 2016", 3.2, 2.2, "differs"),
        ("xiamen", "change vs levels", "2017 vs 2016", -72, -72, "agrees"),
        ("xiamen", "change vs levels", "2017 vs 2016", -19.5, -19.5122, "agrees"),
        ("xiamen", "level, change, %", "2017", -19.5, -19.5122, "agrees"),
        ("wujin", "rank vs levels", "2017", 1, None, "cannot check"),
    ]
    assert [r["computed_text"] for r in table.rows] == [
        "+2.2 pp", "−72", "−19.5%", "−19.5% (base 369)", "no peer's level"]
    assert table.footnotes[0] == "5 checks: 3 agree, 1 differ, 1 cannot be checked."


def test_a_rank_the_known_levels_contradict_differs(tmp_path: Path) -> None:
    peer = ("  - id: jiangyin\n    name_zh: 江阴区\n    name_en: Jiangyin\n"
            "    province: Jiangsu\n    province_zh: 江苏\n    level: district\n")
    path = data(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("metrics:", peer + "metrics:", 1)
                    + figure("jiangyin", "clearance_rate", "2017", "level", "95.5",
                             "破案率达95.5%"), encoding="utf-8")
    [rank] = [r for r in audit_table(load(path)).rows if r["check"] == "rank vs levels"]
    assert (rank["computed_text"], rank["verdict"], rank["sources"]) == (
        "#2 at best (1 peer known)", "differs", "s3")


def test_a_difference_is_a_finding_not_a_data_error(tmp_path: Path, capsys) -> None:
    path = data(tmp_path)
    assert main(["audit", "--data", str(path), "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["verdict"] for row in rows] == [
        "differs", "agrees", "agrees", "agrees", "cannot check"]
    assert err.splitlines()[0] == "note: 5 checks: 3 agree, 1 differ, 1 cannot be checked."
    assert main(["audit", "--data", str(path), "--strict", "--format", "csv"]) == 1


def test_strict_passes_when_nothing_differs(tmp_path: Path, capsys) -> None:
    path = data(tmp_path)
    assert main(["audit", "--data", str(path), "--strict", "-m", ROOMS,
                 "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [row["verdict"] for row in rows] == ["agrees", "agrees", "agrees"]


def test_delta_shows_the_same_verdict(tmp_path: Path, capsys) -> None:
    assert main(["delta", "--data", str(data(tmp_path)), "-m", "clearance_rate",
                 "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["period"], r["check"], r["check_computed"]) for r in rows] == [
        ("2016", "", ""), ("2017", "differs", "2.2")]

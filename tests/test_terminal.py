"""Tables on a real terminal: at 60, 80, 120 and 250 columns, in a pseudo-terminal, exactly.

Every label and value stays whole: text wraps at spaces and between Chinese characters, never
inside an id, a figure or a period; a table too wide for the window is split in parts that each
repeat the label columns, and says so; a long table repeats its header every screenful.
"""

from __future__ import annotations

import os
import pty
import select
import struct
import sys
from pathlib import Path

import pytest
from conftest import write

ROOT = Path(__file__).resolve().parent.parent

# Invented figures and quotes in the style of a press release; four places, four metrics.
PANEL = """\
sources:
  - id: s1
    title: 全市违法犯罪警情大幅下降
    publisher: 常州市公安局
    date: 2017-11-21
    file: a.txt
  - id: s2
    title: 白城公安工作综述
    publisher: 白城日报
    date: 2016-11-28
    file: b.txt
  - id: s3
    title: 公安局长谈平安建设
    publisher: 厦门日报
    date: "2007"
    file: c.txt
jurisdictions:
  - id: changzhou
    name_zh: 常州市
    name_en: Changzhou
    province: Jiangsu
    province_zh: 江苏
    level: prefecture_city
  - id: wujin
    name_zh: 武进区
    name_en: Wujin District
    province: Jiangsu
    province_zh: 江苏
    level: district
    parent: changzhou
  - id: baicheng
    name_zh: 白城市
    name_en: Baicheng
    province: Jilin
    province_zh: 吉林
    level: prefecture_city
  - id: xiamen
    name_zh: 厦门市
    name_en: Xiamen
    province: Fujian
    province_zh: 福建
    level: sub_provincial_city
metrics:
  - id: criminal_cases_filed
    label_zh: 刑事案件立案数
    label_en: Criminal cases filed
    unit: count
    better: lower
    category: crime
    definition: Criminal cases placed on file in the period.
  - id: robbery_cases
    label_zh: “两抢”案件
    label_en: Robbery and snatching cases (the 'two robberies')
    unit: count
    better: lower
    category: crime
    definition: Robberies and snatchings in the period.
  - id: public_satisfaction
    label_zh: 群众满意度
    label_en: Public satisfaction
    unit: percent
    better: higher
    category: public_opinion
    definition: Share of residents satisfied with the police, by survey.
  - id: cameras_total
    label_zh: 视频监控探头总量
    label_en: Surveillance cameras in total
    unit: count
    better: neither
    category: technology
    definition: All public cameras at one moment.
    point_in_time: true
observations:
  - jurisdiction: changzhou
    metric: criminal_cases_filed
    period: 2017-01/2017-11
    measure: change_pct
    value: -20.8
    qualifier: exact
    source: s1
    quote: 全市刑事案件立案数同比下降20.8%
  - jurisdiction: changzhou
    metric: robbery_cases
    period: 2016/2017
    measure: change_pct
    value: -67.7
    qualifier: exact
    source: s1
    quote: “两抢”案件下降67.7%
    baseline: unknown
    note: The source does not say against which period.
  - jurisdiction: changzhou
    metric: public_satisfaction
    period: 2017-H1
    measure: rank
    scope: province
    value: 1
    qualifier: exact
    source: s1
    quote: 群众满意度位居全省第一
  - jurisdiction: wujin
    metric: criminal_cases_filed
    period: 2009
    measure: change_pct
    value: -0.54
    qualifier: exact
    source: s1
    quote: 武进刑事案件立案数同比下降0.54%
  - jurisdiction: baicheng
    metric: public_satisfaction
    period: 2012/2016
    measure: level
    value: 95
    qualifier: at_least
    source: s2
    quote: 群众满意度始终保持在95%以上
  - jurisdiction: baicheng
    metric: cameras_total
    period: 2016-11
    measure: level
    value: 2931
    qualifier: exact
    source: s2
    quote: 全市公共视频监控探头总量2931个
  - jurisdiction: xiamen
    metric: cameras_total
    period: "2007"
    measure: level
    value: 200000
    qualifier: about
    source: s3
    quote: 全市约20万个探头
  - jurisdiction: xiamen
    metric: criminal_cases_filed
    period: "2007"
    measure: change_pct
    value: -0.54
    qualifier: exact
    source: s3
    quote: 刑事案件立案数同比下降0.54%
  - jurisdiction: xiamen
    metric: public_satisfaction
    period: 2007
    measure: rank
    scope: province
    value: 2
    qualifier: exact
    source: s3
    quote: 群众满意度列全省第二
"""


def terminal(args: list[str], columns: int, lines: int = 50,
             environ: dict[str, str] | None = None) -> list[str]:
    """What ``copscompare ARGS`` shows on a pseudo-terminal of ``columns`` × ``lines``."""
    import fcntl
    import termios

    env = {**os.environ, "PYTHONPATH": str(ROOT), **(environ or {})}
    for name in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR"):
        if environ is None or name not in environ:
            env.pop(name, None)
    pid, fd = pty.fork()
    if pid == 0:  # the child: the terminal is its stdin, stdout and stderr
        os.execve(sys.executable, [sys.executable, "-m", "copscompare", *args], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    shown = b""
    while select.select([fd], [], [], 30)[0]:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, shown.decode()
    return shown.decode("utf-8").replace("\r\n", "\n").splitlines()


@pytest.fixture
def panel(tmp_path: Path) -> str:
    return str(write(tmp_path / "panel.yaml", PANEL))


COMPARE = {
    60: [
        'Side by side: 常州市 Changzhou, 白城市 Baicheng, 厦门市',
        'Xiamen',
        'Too wide for 60 columns: shown in 3 parts, each repeating',
        'metric, figure and period.',
        'Part 1 of 3',
        '╭──────────────┬───────────┬───────────┬───────────────────╮',
        '│ metric       │ figure    │ period    │  常州市 Changzhou │',
        '├──────────────┼───────────┼───────────┼───────────────────┤',
        '│ Criminal     │ % change  │ varies    │            −20.8% │',
        '│ cases filed  │           │           │ (2017-01/2017-11) │',
        '│ 刑事案件立案 │           │           │                   │',
        '│ 数           │           │           │                   │',
        '│ Robbery and  │ % change  │ 2016/2017 │  −67.7% (baseline │',
        '│ snatching    │           │           │       not stated) │',
        '│ cases (the   │           │           │                   │',
        "│ 'two         │           │           │                   │",
        "│ robberies')  │           │           │                   │",
        '│ “两抢”案件   │           │           │                   │',
        '│ Public       │ level     │ 2012/2016 │                 — │',
        '│ satisfaction │           │           │                   │',
        '│ 群众满意度   │           │           │                   │',
        '│ Public       │ rank in   │ varies    │    #1 in province │',
        '│ satisfaction │ province  │           │         (2017-H1) │',
        '│ 群众满意度   │           │           │                   │',
        '│ Surveillance │ level     │ varies    │                 — │',
        '│ cameras in   │           │           │                   │',
        '│ total 视频监 │           │           │                   │',
        '│ 控探头总量   │           │           │                   │',
        '╰──────────────┴───────────┴───────────┴───────────────────╯',
        'Part 2 of 3',
        '╭─────────────────┬─────────────┬───────────┬──────────────╮',
        '│ metric          │ figure      │ period    │       白城市 │',
        '│                 │             │           │     Baicheng │',
        '├─────────────────┼─────────────┼───────────┼──────────────┤',
        '│ Criminal cases  │ % change    │ varies    │            — │',
        '│ filed 刑事案件  │             │           │              │',
        '│ 立案数          │             │           │              │',
        '│ Robbery and     │ % change    │ 2016/2017 │            — │',
        '│ snatching cases │             │           │              │',
        "│ (the 'two       │             │           │              │",
        "│ robberies') “两 │             │           │              │",
        '│ 抢”案件         │             │           │              │',
        '│ Public          │ level       │ 2012/2016 │         ≥95% │',
        '│ satisfaction 群 │             │           │              │',
        '│ 众满意度        │             │           │              │',
        '│ Public          │ rank in     │ varies    │            — │',
        '│ satisfaction 群 │ province    │           │              │',
        '│ 众满意度        │             │           │              │',
        '│ Surveillance    │ level       │ varies    │        2,931 │',
        '│ cameras in      │             │           │    (2016-11) │',
        '│ total 视频监控  │             │           │              │',
        '│ 探头总量        │             │           │              │',
        '╰─────────────────┴─────────────┴───────────┴──────────────╯',
        'Part 3 of 3',
        '╭───────────────┬───────────┬───────────┬──────────────────╮',
        '│ metric        │ figure    │ period    │    厦门市 Xiamen │',
        '├───────────────┼───────────┼───────────┼──────────────────┤',
        '│ Criminal      │ % change  │ varies    │    −0.54% (2007) │',
        '│ cases filed   │           │           │                  │',
        '│ 刑事案件立案  │           │           │                  │',
        '│ 数            │           │           │                  │',
        '│ Robbery and   │ % change  │ 2016/2017 │                — │',
        '│ snatching     │           │           │                  │',
        '│ cases (the    │           │           │                  │',
        "│ 'two          │           │           │                  │",
        "│ robberies')   │           │           │                  │",
        '│ “两抢”案件    │           │           │                  │',
        '│ Public        │ level     │ 2012/2016 │                — │',
        '│ satisfaction  │           │           │                  │',
        '│ 群众满意度    │           │           │                  │',
        '│ Public        │ rank in   │ varies    │   #2 in province │',
        '│ satisfaction  │ province  │           │           (2007) │',
        '│ 群众满意度    │           │           │                  │',
        '│ Surveillance  │ level     │ varies    │  ~200,000 (2007) │',
        '│ cameras in    │           │           │                  │',
        '│ total 视频监  │           │           │                  │',
        '│ 控探头总量    │           │           │                  │',
        '╰───────────────┴───────────┴───────────┴──────────────────╯',
        'Periods differ between jurisdictions in: Criminal cases',
        'filed 刑事案件立案数 (% change), Public satisfaction 群众满',
        '意度 (rank in province), Surveillance cameras in total 视频',
        '监控探头总量 (level). Each cell shows its period.',
        'Different administrative levels: 常州市 prefecture-level',
        'city; 白城市 prefecture-level city; 厦门市 sub-provincial',
        'city.',
        "Ranks within province are each within the place's own",
        'province (常州市: Jiangsu 江苏; 厦门市: Fujian 福建): #1 in',
        'one province is not above #2 in another.',
        '~ about, > over, ≥ at least, < under, ≤ at most: the figure',
        'was published as approximate or as a bound.',
        '— no figure reported.',
        'Self-reported figures from the cited sources; see',
        '`copscompare show CITY --sources` or the source column for',
        'quotes.',
    ],
    80: [
        'Side by side: 常州市 Changzhou, 白城市 Baicheng, 厦门市 Xiamen',
        '╭────────────┬─────────┬─────────┬──────────────────┬──────────┬───────────────╮',
        '│metric      │figure   │period   │  常州市 Changzhou│    白城市│  厦门市 Xiamen│',
        '│            │         │         │                  │  Baicheng│               │',
        '├────────────┼─────────┼─────────┼──────────────────┼──────────┼───────────────┤',
        '│Criminal    │% change │varies   │            −20.8%│         —│  −0.54% (2007)│',
        '│cases filed │         │         │ (2017-01/2017-11)│          │               │',
        '│刑事案件立案│         │         │                  │          │               │',
        '│数          │         │         │                  │          │               │',
        '│Robbery and │% change │2016/2017│  −67.7% (baseline│         —│              —│',
        '│snatching   │         │         │       not stated)│          │               │',
        '│cases (the  │         │         │                  │          │               │',
        "│'two        │         │         │                  │          │               │",
        "│robberies') │         │         │                  │          │               │",
        '│“两抢”案件  │         │         │                  │          │               │',
        '│Public      │level    │2012/2016│                 —│      ≥95%│              —│',
        '│satisfaction│         │         │                  │          │               │',
        '│群众满意度  │         │         │                  │          │               │',
        '│Public      │rank in  │varies   │    #1 in province│         —│ #2 in province│',
        '│satisfaction│province │         │         (2017-H1)│          │         (2007)│',
        '│群众满意度  │         │         │                  │          │               │',
        '│Surveillance│level    │varies   │                 —│     2,931│~200,000 (2007)│',
        '│cameras in  │         │         │                  │ (2016-11)│               │',
        '│total 视频监│         │         │                  │          │               │',
        '│控探头总量  │         │         │                  │          │               │',
        '╰────────────┴─────────┴─────────┴──────────────────┴──────────┴───────────────╯',
        'Periods differ between jurisdictions in: Criminal cases filed 刑事案件立案数 (%',
        'change), Public satisfaction 群众满意度 (rank in province), Surveillance cameras',
        'in total 视频监控探头总量 (level). Each cell shows its period.',
        'Different administrative levels: 常州市 prefecture-level city; 白城市',
        'prefecture-level city; 厦门市 sub-provincial city.',
        "Ranks within province are each within the place's own province (常州市: Jiangsu",
        '江苏; 厦门市: Fujian 福建): #1 in one province is not above #2 in another.',
        '~ about, > over, ≥ at least, < under, ≤ at most: the figure was published as',
        'approximate or as a bound.',
        '— no figure reported.',
        'Self-reported figures from the cited sources; see `copscompare show CITY',
        '--sources` or the source column for quotes.',
    ],
    120: [
        'Side by side: 常州市 Changzhou, 白城市 Baicheng, 厦门市 Xiamen',
        '╭────────────────────┬─────────────────┬───────────┬─────────────────────────┬─────────────────┬───────────────────────╮',
        '│ metric             │ figure          │ period    │        常州市 Changzhou │ 白城市 Baicheng │         厦门市 Xiamen │',
        '├────────────────────┼─────────────────┼───────────┼─────────────────────────┼─────────────────┼───────────────────────┤',
        '│ Criminal cases     │ % change        │ varies    │                  −20.8% │               — │         −0.54% (2007) │',
        '│ filed 刑事案件立案 │                 │           │       (2017-01/2017-11) │                 │                       │',
        '│ 数                 │                 │           │                         │                 │                       │',
        '│ Robbery and        │ % change        │ 2016/2017 │    −67.7% (baseline not │               — │                     — │',
        '│ snatching cases    │                 │           │                 stated) │                 │                       │',
        "│ (the 'two          │                 │           │                         │                 │                       │",
        "│ robberies') “两抢” │                 │           │                         │                 │                       │",
        '│ 案件               │                 │           │                         │                 │                       │',
        '│ Public             │ level           │ 2012/2016 │                       — │            ≥95% │                     — │',
        '│ satisfaction 群众  │                 │           │                         │                 │                       │',
        '│ 满意度             │                 │           │                         │                 │                       │',
        '│ Public             │ rank in         │ varies    │          #1 in province │               — │ #2 in province (2007) │',
        '│ satisfaction 群众  │ province        │           │               (2017-H1) │                 │                       │',
        '│ 满意度             │                 │           │                         │                 │                       │',
        '│ Surveillance       │ level           │ varies    │                       — │ 2,931 (2016-11) │       ~200,000 (2007) │',
        '│ cameras in total   │                 │           │                         │                 │                       │',
        '│ 视频监控探头总量   │                 │           │                         │                 │                       │',
        '╰────────────────────┴─────────────────┴───────────┴─────────────────────────┴─────────────────┴───────────────────────╯',
        'Periods differ between jurisdictions in: Criminal cases filed 刑事案件立案数 (% change), Public satisfaction 群众满意度',
        '(rank in province), Surveillance cameras in total 视频监控探头总量 (level). Each cell shows its period.',
        'Different administrative levels: 常州市 prefecture-level city; 白城市 prefecture-level city; 厦门市 sub-provincial city.',
        "Ranks within province are each within the place's own province (常州市: Jiangsu 江苏; 厦门市: Fujian 福建): #1 in one",
        'province is not above #2 in another.',
        '~ about, > over, ≥ at least, < under, ≤ at most: the figure was published as approximate or as a bound.',
        '— no figure reported.',
        'Self-reported figures from the cited sources; see `copscompare show CITY --sources` or the source column for quotes.',
    ],
    250: [
        'Side by side: 常州市 Changzhou, 白城市 Baicheng, 厦门市 Xiamen',
        '╭──────────────────────────────────────────────────────────────┬──────────────────┬───────────┬──────────────────────────────┬─────────────────┬───────────────────────╮',
        '│ metric                                                       │ figure           │ period    │             常州市 Changzhou │ 白城市 Baicheng │         厦门市 Xiamen │',
        '├──────────────────────────────────────────────────────────────┼──────────────────┼───────────┼──────────────────────────────┼─────────────────┼───────────────────────┤',
        '│ Criminal cases filed 刑事案件立案数                          │ % change         │ varies    │     −20.8% (2017-01/2017-11) │               — │         −0.54% (2007) │',
        "│ Robbery and snatching cases (the 'two robberies') “两抢”案件 │ % change         │ 2016/2017 │ −67.7% (baseline not stated) │               — │                     — │",
        '│ Public satisfaction 群众满意度                               │ level            │ 2012/2016 │                            — │            ≥95% │                     — │',
        '│ Public satisfaction 群众满意度                               │ rank in province │ varies    │     #1 in province (2017-H1) │               — │ #2 in province (2007) │',
        '│ Surveillance cameras in total 视频监控探头总量               │ level            │ varies    │                            — │ 2,931 (2016-11) │       ~200,000 (2007) │',
        '╰──────────────────────────────────────────────────────────────┴──────────────────┴───────────┴──────────────────────────────┴─────────────────┴───────────────────────╯',
        'Periods differ between jurisdictions in: Criminal cases filed 刑事案件立案数 (% change), Public satisfaction 群众满意度 (rank in province), Surveillance cameras in total 视频监控探头总量 (level). Each cell shows its period.',
        'Different administrative levels: 常州市 prefecture-level city; 白城市 prefecture-level city; 厦门市 sub-provincial city.',
        "Ranks within province are each within the place's own province (常州市: Jiangsu 江苏; 厦门市: Fujian 福建): #1 in one province is not above #2 in another.",
        '~ about, > over, ≥ at least, < under, ≤ at most: the figure was published as approximate or as a bound.',
        '— no figure reported.',
        'Self-reported figures from the cited sources; see `copscompare show CITY --sources` or the source column for quotes.',
    ],
}


@pytest.mark.parametrize("columns", [60, 80, 120, 250])
def test_compare_at_each_width(panel: str, columns: int) -> None:
    """At 250 one line per row; at 120 the labels wrap; at 80 the spaces inside the box go
    so the table stays in one piece; at 60 it is split in three parts, each repeating the
    metric, figure and period, and says so. No value is cut: −20.8% keeps its period below."""
    shown = terminal(["compare", "常州", "白城", "厦门", "--data", panel, "--no-color"], columns)
    assert shown == COMPARE[columns]
    assert max(width(line) for line in shown) <= columns


def width(line: str) -> int:
    from copscompare.render.layout import cell_width

    return cell_width(line)


def test_transposed_compare_keeps_the_place_column_in_every_part(panel: str) -> None:
    shown = terminal(["compare", "常州", "白城", "--transpose", "--data", panel, "--no-color"],
                     80)
    assert shown == [
        'Side by side: 常州市 Changzhou, 白城市 Baicheng',
        'Too wide for 80 columns: shown in 2 parts, each repeating jurisdiction.',
        'Part 1 of 2',
        '╭──────────────────┬─────────────────────┬────────────────────┬────────────────╮',
        '│ jurisdiction     │ level               │     Criminal cases │    Robbery and │',
        '│                  │                     │ filed 刑事案件立案 │      snatching │',
        '│                  │                     │     数 (% change), │     cases (the │',
        "│                  │                     │    2017-01/2017-11 │           'two │",
        "│                  │                     │                    │    robberies') │",
        '│                  │                     │                    │  “两抢”案件 (% │',
        '│                  │                     │                    │       change), │',
        '│                  │                     │                    │      2016/2017 │',
        '├──────────────────┼─────────────────────┼────────────────────┼────────────────┤',
        '│ 常州市 Changzhou │ prefecture-level    │             −20.8% │         −67.7% │',
        '│                  │ city                │                    │  (baseline not │',
        '│                  │                     │                    │        stated) │',
        '│ 白城市 Baicheng  │ prefecture-level    │                  — │              — │',
        '│                  │ city                │                    │                │',
        '╰──────────────────┴─────────────────────┴────────────────────┴────────────────╯',
        'Part 2 of 2',
        '╭──────────────────┬───────────────────┬────────────────────┬──────────────────╮',
        '│ jurisdiction     │            Public │             Public │     Surveillance │',
        '│                  │ satisfaction 群众 │  satisfaction 群众 │ cameras in total │',
        '│                  │ 满意度, 2012/2016 │    满意度 (rank in │   视频监控探头总 │',
        '│                  │                   │ province), 2017-H1 │      量, 2016-11 │',
        '├──────────────────┼───────────────────┼────────────────────┼──────────────────┤',
        '│ 常州市 Changzhou │                 — │     #1 in province │                — │',
        '│ 白城市 Baicheng  │              ≥95% │                  — │            2,931 │',
        '╰──────────────────┴───────────────────┴────────────────────┴──────────────────╯',
        '~ about, > over, ≥ at least, < under, ≤ at most: the figure was published as',
        'approximate or as a bound.',
        '— no figure reported.',
        'Self-reported figures from the cited sources; see `copscompare show CITY',
        '--sources` or the source column for quotes.',
    ]


def long_ranking(count: int) -> str:
    """A data file of ``count`` districts, each with one level of the metric (invented)."""
    places = "".join(
        f"  - id: d{n:02d}\n    name_zh: 城南{n:02d}区\n    name_en: Chengnan {n:02d} District\n"
        f"    province: Jiangsu\n    province_zh: 江苏\n    level: district\n"
        for n in range(1, count + 1))
    figures = "".join(
        f"  - jurisdiction: d{n:02d}\n    metric: criminal_cases_filed\n    period: 2017\n"
        f"    measure: level\n    value: {100 * n}\n    qualifier: exact\n    source: s1\n"
        f"    quote: 全区刑事案件立案{100 * n}起\n"
        for n in range(1, count + 1))
    head, _, rest = PANEL.partition("jurisdictions:\n")
    metrics = "metrics:\n" + rest.partition("metrics:\n")[2].partition("observations:\n")[0]
    return f"{head}jurisdictions:\n{places}{metrics}observations:\n{figures}"


def test_a_long_ranking_repeats_title_and_header_every_screenful(tmp_path: Path) -> None:
    """On a 20-line terminal each screenful holds the title (marked continued) and the
    header: 19 lines, so the prompt line still fits."""
    data = str(write(tmp_path / "long.yaml", long_ranking(30)))
    shown = terminal(["rank", "-m", "criminal_cases_filed", "--data", data, "--no-color"],
                     80, lines=20)
    title = ["Criminal cases filed 刑事案件立案数 — reported levels; lowest first (lower is"]
    header = [
        "╭──────┬───────────────────────────────┬───────┬────────┬──────────┬────────╮",
        "│ rank │ jurisdiction                  │ value │ period │ level    │ source │",
        "├──────┼───────────────────────────────┼───────┼────────┼──────────┼────────┤",
    ]
    bottom = ["╰──────┴───────────────────────────────┴───────┴────────┴──────────┴────────╯"]

    def rows(first: int, last: int) -> list[str]:
        return [f"│ {n:4} │ 城南{n:02d}区 Chengnan {n:02d} District │ {100 * n:5,} │ 2017   │ "
                "district │ s1     │" for n in range(first, last + 1)]
    assert shown == [
        *title, "better)", *header, *rows(1, 13), *bottom,
        *title, "better) (continued: rows 14–26 of 30)", *header, *rows(14, 26), *bottom,
        *title, "better) (continued: rows 27–30 of 30)", *header, *rows(27, 30), *bottom,
        "Reported by 30 of 30 jurisdictions in the data.",
        "Self-reported figures from the cited sources; see `copscompare show CITY",
        "--sources` or the source column for quotes.",
    ]
    assert len([*title, "better)", *header, *rows(1, 13), *bottom]) == 19


@pytest.mark.parametrize("columns_variable", ["0", "", "abc", "-5", " "])
def test_columns_zero_or_garbage_counts_as_unset(panel: str, columns_variable: str) -> None:
    shown = terminal(["compare", "常州", "白城", "厦门", "--data", panel, "--no-color"], 80,
                     environ={"COLUMNS": columns_variable})
    assert shown == COMPARE[80]


def test_columns_set_to_a_number_wins_over_the_terminal(panel: str) -> None:
    shown = terminal(["compare", "常州", "白城", "厦门", "--data", panel, "--no-color"], 250,
                     environ={"COLUMNS": "60"})
    assert shown == COMPARE[60]


def test_ids_are_never_broken_at_any_width(panel: str) -> None:
    """``cameras_total`` and ``criminal_cases_filed`` are ids a reader copies: each stays on
    one line, whatever the width."""
    for columns in (60, 80, 120):
        shown = "\n".join(terminal(["metrics", "--data", panel, "--no-color"], columns))
        for ident in ("criminal_cases_filed", "robbery_cases", "public_satisfaction",
                      "cameras_total"):
            assert ident in shown, (columns, ident)

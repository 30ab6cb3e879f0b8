"""Shared fixtures: a small, valid data file with Chinese names, written as literal YAML."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

HEADER = """\
sources:
  - id: s1
    title: 测试报道
    publisher: 常州日报
    date: 2010-01-18
    file: a.txt
  - id: s2
    title: 第二篇
    publisher: 厦门日报
    date: "2007"
    file: b.txt
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
  - id: xiamen
    name_zh: 厦门
    name_en: Xiamen
    province: Fujian
    province_zh: 福建
    level: sub_provincial_city
metrics:
  - id: clearance_rate
    label_zh: 刑事案件破案率
    label_en: Criminal case clearance rate
    unit: percent
    better: higher
    category: clearance
    definition: Share of criminal cases solved.
    aliases: [破案率]
  - id: community_police_rooms
    label_zh: 社区警务室
    label_en: Community police rooms
    unit: count
    better: higher
    category: community_policing
    definition: Community police rooms in operation.
"""

OBSERVATIONS = """\
observations:
  - jurisdiction: wujin
    metric: clearance_rate
    period: 2009
    measure: change_pp
    value: 1
    qualifier: exact
    source: s1
    quote: 破案率上升1个百分点
  - jurisdiction: xiamen
    metric: community_police_rooms
    period: 2004
    measure: level
    value: 171
    qualifier: exact
    source: s2
    quote: 全市171个社区警务室当年全部建成
"""


ROOT = Path(__file__).resolve().parent.parent


def environment(**extra: str) -> dict[str, str]:
    """This process's environment for a child process that imports this checkout (``extra``
    set on top)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    env.update(extra)
    return env


def interruptible() -> None:
    """For a child process (``preexec_fn``): Ctrl-C as a user's terminal delivers it. A runner
    that starts the tests in the background (``cmd &`` in a script) has SIGINT ignored, and a
    child inherits that: Python would then never raise KeyboardInterrupt."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


def limited_memory() -> None:
    """For a child process (``preexec_fn``): at most 1 GB, so that a run that reads without a
    bound or sets aside a buffer as large as its limit fails at once, not the machine."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return write(tmp_path / "data.yaml", HEADER + OBSERVATIONS)


@pytest.fixture
def with_observations(tmp_path: Path):
    """Write HEADER plus the given observations YAML; return the path."""
    def make(observations: str) -> Path:
        return write(tmp_path / "data.yaml", HEADER + "observations:\n" + observations)
    return make


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own empty cache folder, so none writes to the real ~/.cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))

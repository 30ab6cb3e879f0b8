"""Every file the tool writes is written whole or not at all, and it never writes a data file."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import HEADER, OBSERVATIONS

from copscompare.atomic import atomic_write
from copscompare.cli import cli, main

OLD = "the previous file, which must survive\n"


class Boom(Exception):
    pass


def leftovers(folder: Path) -> list[str]:
    """Temporary files left in ``folder`` (atomic_write names them ``.NAME.*.tmp``)."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def previous(tmp_path: Path) -> Path:
    target = tmp_path / "out.csv"
    target.write_text(OLD, encoding="utf-8")
    return target


# -- atomic_write itself ---------------------------------------------------------------------

def test_success_replaces_the_file(previous: Path) -> None:
    with atomic_write(previous) as handle:
        handle.write("new\n")
    assert previous.read_text(encoding="utf-8") == "new\n"
    assert leftovers(previous.parent) == []


def test_creates_a_new_file(tmp_path: Path) -> None:
    with atomic_write(tmp_path / "fresh.json", "wb") as handle:
        handle.write(b"[]\n")
    assert (tmp_path / "fresh.json").read_bytes() == b"[]\n"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("failure", [Boom("renderer failed"), KeyboardInterrupt(),
                                     OSError(28, "No space left on device")])
def test_failure_mid_write_keeps_the_previous_file(previous: Path, failure) -> None:
    with pytest.raises(type(failure)), atomic_write(previous) as handle:
        handle.write("half of the new ")
        handle.flush()
        raise failure
    assert previous.read_text(encoding="utf-8") == OLD
    assert leftovers(previous.parent) == []


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_failure_while_committing_keeps_the_previous_file(previous: Path, step: str,
                                                         monkeypatch) -> None:
    def fail(*args: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, step, fail)
    with pytest.raises(OSError), atomic_write(previous) as handle:
        handle.write("complete new text\n")
    monkeypatch.undo()
    assert previous.read_text(encoding="utf-8") == OLD
    assert leftovers(previous.parent) == []


def test_no_new_file_when_the_first_write_fails(tmp_path: Path) -> None:
    with pytest.raises(Boom), atomic_write(tmp_path / "never.csv") as handle:
        handle.write("x")
        raise Boom
    assert sorted(p.name for p in tmp_path.iterdir()) == []


# -- through the CLI: -o, --svg, --html --------------------------------------------------------

@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "data.yaml"
    path.write_text(HEADER + OBSERVATIONS, encoding="utf-8")
    return path


def test_output_option_writes_the_file(data: Path, previous: Path) -> None:
    result = CliRunner().invoke(cli, ["export", "--data", str(data), "-o", str(previous)])
    assert result.exit_code == 0
    assert previous.read_text(encoding="utf-8").startswith("city,city_zh,city_en,")
    assert leftovers(previous.parent) == []


@pytest.mark.parametrize("args", [
    ["export"],
    ["rank", "-m", "community_police_rooms", "--format", "csv"],
    ["rank", "-m", "community_police_rooms", "--format", "markdown"],
])
def test_disk_full_mid_write_keeps_the_previous_output(args: list[str], data: Path,
                                                       previous: Path, monkeypatch, capsys) -> None:
    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)  # after the bytes are written, before the rename
    code = main([*args, "--data", str(data), "-o", str(previous)])
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert code == 1
    assert f"cannot write '{previous}': No space left on device" in err
    assert "Traceback" not in err
    assert previous.read_text(encoding="utf-8") == OLD
    assert leftovers(previous.parent) == []


def test_ctrl_c_mid_write_keeps_the_previous_output(data: Path, previous: Path, monkeypatch,
                                                    capsys) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    code = main(["export", "--data", str(data), "-o", str(previous)])
    monkeypatch.undo()
    assert code == 130
    assert capsys.readouterr().err == "\ncopscompare: interrupted\n"  # ^C line ended
    assert previous.read_text(encoding="utf-8") == OLD
    assert leftovers(previous.parent) == []


def test_renderer_failure_writes_nothing(data: Path, previous: Path, monkeypatch,
                                         capsys) -> None:
    from copscompare import render

    def broken(*args: object, **kwargs: object) -> Iterator[str]:
        yield "city,city_zh\n"  # the first piece is written, then the renderer fails
        raise Boom("renderer failed")

    monkeypatch.delenv("COPSCOMPARE_DEBUG", raising=False)
    monkeypatch.setattr(render, "render_pieces", broken)
    code = main(["export", "--data", str(data), "-o", str(previous)])
    assert code == 70  # a bug: one line, never a traceback, and the old output untouched
    err = capsys.readouterr().err
    assert "internal error (Boom: renderer failed)" in err
    assert "Traceback" not in err
    assert previous.read_text(encoding="utf-8") == OLD
    assert leftovers(previous.parent) == []


@pytest.mark.parametrize("option", ["--svg", "--html"])
def test_image_files_are_written_whole_or_not_at_all(option: str, data: Path, tmp_path: Path,
                                                     monkeypatch, capsys) -> None:
    target = tmp_path / f"table{option.replace('--', '.')}"
    target.write_text(OLD, encoding="utf-8")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    code = main(["rank", "-m", "community_police_rooms", "--data", str(data), option,
                 str(target)])
    monkeypatch.undo()
    assert code == 1
    assert "Traceback" not in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path) == []


# -- the cache ---------------------------------------------------------------------------------

def test_cache_write_failure_keeps_the_previous_cache(data: Path, tmp_path: Path, monkeypatch,
                                                      capsys) -> None:
    cache_home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    assert main(["check", "--data", str(data)]) == 0
    [cached] = list((cache_home / "copscompare").glob("*.cache"))
    before = cached.read_bytes()
    data.write_text(HEADER + OBSERVATIONS.replace("全市171个", "全市171个 "), encoding="utf-8")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    assert main(["check", "--data", str(data)]) == 0  # the cache only ever saves time
    monkeypatch.undo()
    assert cached.read_bytes() == before
    assert leftovers(cached.parent) == []
    assert "Traceback" not in capsys.readouterr().err


# -- the data file is never written -----------------------------------------------------------

EVERY_COMMAND = [
    ["check"],
    ["export"],
    ["export", "--format", "json"],
    ["rank", "-m", "community_police_rooms"],
    ["rank", "-m", "clearance_rate", "--measure", "change_pp", "--format", "csv"],
    ["show", "xiamen", "--sources"],
    ["compare", "xiamen", "wujin"],
    ["delta", "-m", "community_police_rooms"],
    ["cities"],
    ["sources"],
    ["metrics"],
]


@pytest.mark.parametrize("args", EVERY_COMMAND, ids=lambda a: " ".join(a))
def test_no_command_writes_to_the_data(args: list[str], data: Path) -> None:
    folder_before = sorted(p.name for p in data.parent.iterdir())
    stat, content = data.stat(), data.read_bytes()
    for _ in range(2):  # once building the cache, once reading it
        result = CliRunner().invoke(cli, [*args, "--data", str(data)])
        assert result.exit_code == 0, result.output
    assert data.read_bytes() == content
    assert data.stat().st_mtime_ns == stat.st_mtime_ns
    assert sorted(p.name for p in data.parent.iterdir()) == folder_before


@pytest.mark.parametrize("target", ["data.yaml", "other.yml", "DATA.YAML"])
def test_output_never_goes_to_a_yaml_file(target: str, data: Path) -> None:
    content = data.read_bytes()
    result = CliRunner().invoke(cli, ["export", "--data", str(data), "-o",
                                      str(data.parent / target)])
    assert result.exit_code == 2
    assert "never writes to data files" in result.stderr
    assert data.read_bytes() == content
    assert sorted(p.name for p in data.parent.iterdir()) == ["data.yaml"]

"""Ctrl-C exits 130 and a closed pipe exits quietly: never a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import HEADER, OBSERVATIONS, interruptible

from copscompare import loading
from copscompare.cli import main

ROOT = Path(__file__).resolve().parent.parent
INTERRUPTED = "\ncopscompare: interrupted\n"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "data.yaml"
    path.write_text(HEADER + OBSERVATIONS, encoding="utf-8")
    return path


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    return env


@pytest.mark.parametrize("args", [
    ["check"],
    ["export", "--format", "json"],
    ["rank", "-m", "community_police_rooms"],
    ["show", "xiamen"],
])
def test_ctrl_c_while_loading_exits_130(args: list[str], data: Path, monkeypatch,
                                        capsys) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(loading, "parse", interrupted)
    monkeypatch.setattr(loading, "_cacheable", lambda files: False)
    assert main([*args, "--data", str(data)]) == 130
    out, err = capsys.readouterr()
    assert (out, err) == ("", INTERRUPTED)


def test_ctrl_c_while_writing_output_exits_130(data: Path, monkeypatch, capsys) -> None:
    from copscompare.cli import output

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(output, "_write_stdout", interrupted)
    assert main(["export", "--data", str(data)]) == 130
    assert capsys.readouterr().err == INTERRUPTED


# The real thing: a separate process, blocked while reading the data, gets SIGINT from the OS.
BLOCKED = """
import sys, time
from copscompare import loading
from copscompare.cli import run

def slow_read(*args, **kwargs):
    print("reading", flush=True)
    time.sleep(60)

loading.read_bytes = slow_read
sys.argv = ["copscompare", *sys.argv[1:]]
run()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("args", [["check", "--no-cache"], ["rank", "-m", "clearance_rate",
                                                            "--no-cache"]])
def test_sigint_exits_130_without_traceback(args: list[str], data: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", BLOCKED, *args, "--data", str(data)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment(), text=True,
        preexec_fn=interruptible)
    try:
        assert process.stdout is not None
        assert process.stdout.readline() == "reading\n"  # inside main(), blocked on the data
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 130
    assert "Traceback" not in err
    assert err == INTERRUPTED
    assert out == ""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes")
def test_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    """``copscompare export | head -1``: the reader leaves early; no traceback, exit 0."""
    body = OBSERVATIONS.split("\n", 1)[1]
    many = "".join(body.replace("period: 2004", f"period: {year}")
                   .replace("period: 2009", f"period: {year}") for year in range(1000, 2000))
    path = tmp_path / "many.yaml"
    path.write_text(HEADER + "observations:\n" + many, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "copscompare", "export", "--data", str(path), "--format", "json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment())
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline() == b"[\n"
    process.stdout.close()  # like `head -1` exiting
    err = process.stderr.read().decode("utf-8")
    assert process.wait(timeout=60) == 0
    assert "Traceback" not in err
    assert "Error" not in err

"""Never a traceback: each of these ended in one, and now ends with a clear message and the
documented exit code (0 ok, 1 data or write error, 2 usage error, 130 interrupted)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import HEADER, OBSERVATIONS, environment, interruptible, limited_memory, write

from copscompare.cli import main

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX processes and signals")
LONG = "a" * 300  # longer than a file name may be (255 bytes)


def run_cli(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "copscompare", *args], capture_output=True,
                          text=True, env=environment(**env), timeout=120, preexec_fn=limited_memory)


# -- a quote no float can hold ---------------------------------------------------------------

@pytest.mark.parametrize("written, value, said", [
    ("39" + "亿" * 39, "39", "value: value 39 but the quote says 39亿亿亿"),  # a dropped multiplier
    ("一" + "亿" * 40, "1", "quote: the quote does not contain the figure 1"),  # past a float
])
def test_a_quote_no_float_can_hold_is_read_without_overflow(written: str, value: str, said: str,
                                                             tmp_path: Path, capsys) -> None:
    """Through the CLI only, so that the test holds whatever reads the figures: 亿 after 亿
    neither overflows nor crashes (一 and forty 亿 is read as infinite)."""
    path = write(tmp_path / "data.yaml", HEADER + OBSERVATIONS.replace(
        "value: 171", f"value: {value}").replace("quote: 全市171个社区警务室当年全部建成",
                                                 f"quote: 全市共投入{written}元"))
    assert main(["check", "--data", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err
    assert f"{path}:57: observations[1].{said}" in err


# -- COPSCOMPARE_MAX_MB -------------------------------------------------------------------------

@pytest.mark.parametrize("setting", ["inf", "nan", "-inf", "0", "-5", "lots", "1e400"])
def test_a_size_limit_that_is_no_size_is_a_usage_error(setting: str, data_file: Path,
                                                       monkeypatch, capsys) -> None:
    monkeypatch.setenv("COPSCOMPARE_MAX_MB", setting)
    assert main(["check", "--data", str(data_file)]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "Error: COPSCOMPARE_MAX_MB must be a number of megabytes above 0 (such as 200), "
        f"not '{setting}'")


@POSIX
@pytest.mark.parametrize("setting", ["50000", "1e99", "123456789"])
def test_a_huge_size_limit_is_not_set_aside(setting: str, data_file: Path) -> None:
    """The limit was the size of the buffer read into: 50,000 MB asked for 50 GB at once."""
    result = run_cli(["check", "--no-cache", "--data", str(data_file)],
                     COPSCOMPARE_MAX_MB=setting)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("ok: 3 jurisdictions")


# -- names too long to be file names ------------------------------------------------------------

def test_a_data_name_too_long(tmp_path: Path, capsys, monkeypatch) -> None:
    path = tmp_path / f"{LONG}.yaml"
    assert main(["check", "--data", str(path)]) == 1
    assert capsys.readouterr().err == (f"{path}: cannot read it: File name too long\n"
                                       "copscompare: error: 1 error(s) in the data; nothing "
                                       "was changed\n")
    monkeypatch.setenv("COPSCOMPARE_DATA", str(tmp_path / LONG))
    assert main(["rank", "-m", "community_police_rooms"]) == 1
    assert capsys.readouterr().err.startswith(f"{tmp_path / LONG}: cannot read it: File name")


def test_a_sources_folder_name_too_long(data_file: Path, tmp_path: Path, capsys) -> None:
    assert main(["check", "--data", str(data_file), "--sources", str(tmp_path / LONG)]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"Error: --sources: no such folder '{tmp_path / LONG}'")


def test_a_source_file_name_too_long(tmp_path: Path, capsys) -> None:
    path = write(tmp_path / "data.yaml", (HEADER + OBSERVATIONS).replace(
        "file: a.txt", f"file: {LONG}.txt"))
    (tmp_path / "archive").mkdir()
    assert main(["check", "--data", str(path), "--sources", str(tmp_path / "archive")]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{path}:6: sources[0].file: is 304 bytes long; a file name has at most 255")


# -- a folder the user may not read ---------------------------------------------------------

# As root, permissions do not stop anyone: the check runs in a process that has imported what
# it needs and then given up root for nobody (seteuid), as a user without the right would.
AS_NOBODY = """
import os, sys
from copscompare.cli import main
main(["check", "--no-cache", "--data", sys.argv[1]])  # every module the path needs, imported
os.setegid(65534)
os.seteuid(65534)
os.environ["XDG_CACHE_HOME"] = sys.argv[3]
sys.exit(main(["check", "--data", sys.argv[2]]))
"""


@POSIX
@pytest.mark.parametrize("where", ["the file", "the folder"])
def test_data_in_a_folder_the_user_may_not_read(where: str, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    (locked / "inside").mkdir(parents=True)
    data = write(locked / "inside" / "data.yaml", HEADER + OBSERVATIONS)
    readable = write(tmp_path / "readable.yaml", HEADER + OBSERVATIONS)
    target = data if where == "the file" else data.parent
    cache_home = tmp_path / "nobody-cache"
    cache_home.mkdir(mode=0o777)
    cache_home.chmod(0o777)
    locked.chmod(0o000)
    try:
        if os.geteuid() == 0:
            result = subprocess.run([sys.executable, "-c", AS_NOBODY, str(readable),
                                     str(target), str(cache_home)], capture_output=True,
                                    text=True, env=environment(), timeout=60)
        else:
            result = run_cli(["check", "--data", str(target)])
    finally:
        locked.chmod(0o755)
    assert result.returncode == 1
    assert result.stderr == (f"{target}: cannot read it: Permission denied\n"
                             "copscompare: error: 1 error(s) in the data; nothing was changed\n")


# -- Ctrl-C while the program is still being imported -----------------------------------------

# Python runs sitecustomize before the program: this one interrupts the process (a real SIGINT,
# from the OS) at the moment it starts importing the module named in $INTERRUPT_AT.
SITECUSTOMIZE = """
import os, signal, sys

class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == os.environ.get("INTERRUPT_AT"):
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, Interrupt())
"""


@POSIX
@pytest.mark.parametrize("module", ["click", "copscompare.cli.app", "copscompare.cli.commands",
                                    "copscompare.model", "copscompare.cli.output"])
def test_ctrl_c_while_importing_exits_130(module: str, tmp_path: Path) -> None:
    (tmp_path / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = environment(INTERRUPT_AT=module)
    env["PYTHONPATH"] = os.pathsep.join([str(tmp_path), env["PYTHONPATH"]])
    result = subprocess.run([sys.executable, "-c", "from copscompare.cli import run; run()",
                             "rank", "-m", "clearance_rate"], capture_output=True, text=True,
                            env=env, timeout=60, preexec_fn=interruptible)
    assert (result.returncode, result.stdout) == (130, "")
    assert result.stderr == "\ncopscompare: interrupted\n"


def test_a_bug_is_one_line_and_exit_70(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """An exception no rule expected (a bug) never prints a traceback, unless asked to."""
    from copscompare.analysis import listings
    from copscompare.cli import main

    def broken(*_args: object, **_kwargs: object) -> None:
        raise KeyError("oops")

    monkeypatch.setattr(listings, "cities_table", broken)
    monkeypatch.delenv("COPSCOMPARE_DEBUG", raising=False)
    assert main(["cities"]) == 70
    err = capsys.readouterr().err
    assert err == ("copscompare: error: internal error (KeyError: 'oops'); this is a bug in "
                   "copscompare: please report it with the command (set COPSCOMPARE_DEBUG=1 "
                   "for the traceback)\n")
    monkeypatch.setenv("COPSCOMPARE_DEBUG", "1")
    with pytest.raises(KeyError):
        main(["cities"])

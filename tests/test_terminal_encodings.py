"""On a real terminal (a pseudo-terminal): encodings that are not UTF-8, and COLUMNS that is no
width, still print the table, never a traceback."""

from __future__ import annotations

import codecs
import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals")


def on_a_terminal(args: list[str], columns: int = 100, **env: str) -> tuple[int, bytes, str]:
    """Run copscompare with stdout on a new pseudo-terminal ``columns`` wide; its exit code,
    what the terminal received, and stderr."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    environ = dict(os.environ)
    for name in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "PYTHONIOENCODING"):
        environ.pop(name, None)
    environ["PYTHONPATH"] = os.pathsep.join([str(ROOT), environ.get("PYTHONPATH", "")])
    environ.update(env)
    child = subprocess.Popen([sys.executable, "-m", "copscompare", *args], stdin=slave,
                             stdout=slave, stderr=subprocess.PIPE, env=environ)
    os.close(slave)
    received = b""
    while select.select([master], [], [], 30)[0]:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closed with the child
            break
        if not chunk:
            break
        received += chunk
    assert child.stderr is not None
    err = child.stderr.read().decode("utf-8", "replace")
    child.wait(30)
    os.close(master)
    return child.returncode, received, err


COMMANDS = [
    ["rank", "-m", "community_police_rooms"],  # rich
    ["rank", "-m", "community_police_rooms", "--fmt", "grid"],  # tabulate, on the terminal
    ["show", "xiamen", "--sources"],
]
NOTE = "note: this terminal's encoding ({}) cannot show {} character(s), written as '?'; use " \
       "a UTF-8 locale (LANG=C.UTF-8) or write a file with -o\n"


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "gb2312", "big5", "shift_jis"])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_a_terminal_that_is_not_utf8(args: list[str], encoding: str, data_file: Path) -> None:
    code, received, err = on_a_terminal([*args, "--data", str(data_file)],
                                        PYTHONIOENCODING=encoding)
    assert code == 0, err
    shown = received.decode(encoding)
    assert "Xiamen" in shown and "171" in shown
    lost = shown.count("?")  # the data and the table's words hold no '?' of their own
    assert lost > 0  # each of these lacks a character of the output (a name, a dash)
    assert err == NOTE.format(codecs.lookup(encoding).name, lost)


def test_an_ascii_locale(data_file: Path) -> None:
    """LANG=C without Python's own switch to UTF-8: the terminal is ASCII."""
    code, received, err = on_a_terminal(["rank", "-m", "community_police_rooms", "--data",
                                         str(data_file)], LC_ALL="C", LANG="C",
                                        PYTHONCOERCECLOCALE="0", PYTHONUTF8="0")
    assert code == 0 and b"171" in received
    assert err.startswith("note: this terminal's encoding (ascii) cannot show ")


def test_a_utf8_terminal_needs_no_note(data_file: Path) -> None:
    code, received, err = on_a_terminal(["rank", "-m", "community_police_rooms", "--data",
                                         str(data_file)], PYTHONIOENCODING="utf-8")
    assert (code, err) == (0, "")
    assert "厦门 Xiamen" in received.decode("utf-8")


@pytest.mark.parametrize("columns", ["0", "00", "-3", "wide", ""])
def test_columns_that_is_no_width_is_ignored(columns: str, data_file: Path) -> None:
    """COLUMNS=0 drew a table 0 columns wide: nothing, with exit 0."""
    args = ["rank", "-m", "community_police_rooms", "--data", str(data_file)]
    code, received, err = on_a_terminal(args, columns=90, COLUMNS=columns)
    expected = on_a_terminal(args, columns=90)
    assert (code, err) == (0, "")
    assert "171" in received.decode("utf-8")
    assert received == expected[1]  # as wide as the terminal says, as if COLUMNS were unset


def test_columns_that_is_a_width_is_taken(data_file: Path) -> None:
    args = ["rank", "-m", "community_police_rooms", "--data", str(data_file)]
    narrow = on_a_terminal(args, columns=120, COLUMNS="50")[1].decode("utf-8")
    assert max(len(line) for line in narrow.replace("\x1b[1m", "").replace("\x1b[0m", "")
               .replace("\x1b[2m", "").splitlines()) <= 50

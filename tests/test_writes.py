"""What ``-o``, ``--svg`` and ``--html`` do to what is already there, and to special files.

Writes through named pipes, devices and process substitutions into them; follows symbolic links
to the file they name and replaces that file atomically; gives a new file the umask's mode and
keeps an existing file's mode and owner; never writes a data file this run read, whatever its
name; and a SIGTERM or SIGHUP mid-write leaves no temporary file behind.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import HEADER, OBSERVATIONS, environment

from copscompare.cli import main

OLD = "the previous file, which must survive\n"
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX files and signals")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "data.yaml"
    path.write_text(HEADER + OBSERVATIONS, encoding="utf-8")
    return path


@pytest.fixture
def exported(data: Path, capsys) -> str:
    """What ``export`` prints on stdout: what every target below must receive."""
    assert main(["export", "--data", str(data)]) == 0
    return capsys.readouterr().out


def only_notes(err: str) -> bool:
    """stderr holds nothing but footnotes (``note: ...``), which CSV sends there: no error."""
    return all(line.startswith("note: ") for line in err.splitlines())


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


class Reader(threading.Thread):
    """Reads a named pipe or a pipe's end to the end, as `cat fifo > file` would."""

    def __init__(self, path: str | int) -> None:
        super().__init__(daemon=True)
        self.path = path
        self.got = b""

    def run(self) -> None:
        with open(self.path, "rb") as pipe:
            self.got = pipe.read()


# -- special files are written into, never replaced --------------------------------------------

@POSIX
def test_a_named_pipe_is_written_into(data: Path, tmp_path: Path, exported: str) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    reader = Reader(str(fifo))
    reader.start()
    assert main(["export", "--data", str(data), "-o", str(fifo)]) == 0
    reader.join(10)
    assert reader.got.decode("utf-8") == exported
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # still a pipe, not a regular file
    assert leftovers(tmp_path) == []


@POSIX
def test_a_pipe_by_its_dev_fd_name_is_written_into(data: Path, exported: str) -> None:
    """What ``-o >(gzip > x.gz)`` hands the program: /dev/fd/N, the end of a pipe."""
    read_end, write_end = os.pipe()
    reader = Reader(read_end)
    reader.start()
    try:
        assert main(["export", "--data", str(data), "-o", f"/dev/fd/{write_end}"]) == 0
    finally:
        os.close(write_end)
    reader.join(10)
    assert reader.got.decode("utf-8") == exported


@POSIX
def test_process_substitution_in_bash(data: Path, tmp_path: Path, exported: str) -> None:
    if not Path("/bin/bash").exists():
        pytest.skip("no bash for >(...)")
    out = tmp_path / "through-cat.csv"
    script = (f'"{sys.executable}" -m copscompare export --data "{data}" '
              f'-o >(cat > "{out}"); status=$?; wait; exit $status')
    result = subprocess.run(["/bin/bash", "-c", script], capture_output=True, text=True,
                            env=environment(), timeout=60)
    assert result.returncode == 0 and only_notes(result.stderr)
    assert out.read_text(encoding="utf-8") == exported


def device(tmp_path: Path, name: str, minor: int) -> Path:
    """A private copy of a memory device (1, minor), made with mknod: a test of the old code
    that replaced devices must never get the system's own /dev/null or /dev/full."""
    node = tmp_path / name
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except (PermissionError, AttributeError):
        pytest.skip("making a device node needs root")
    return node


@POSIX
def test_a_character_device_is_written_into(data: Path, tmp_path: Path) -> None:
    null = device(tmp_path, "null", 3)
    assert main(["export", "--data", str(data), "-o", str(null)]) == 0
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    assert leftovers(tmp_path) == []


@POSIX
def test_a_full_device_is_a_write_error(data: Path, tmp_path: Path, capsys) -> None:
    full = device(tmp_path, "full", 7)
    assert main(["export", "--data", str(data), "-o", str(full)]) == 1
    assert capsys.readouterr().err == f"Error: cannot write '{full}': No space left on device\n"
    assert stat.S_ISCHR(os.lstat(full).st_mode)


# -- symbolic links are followed ------------------------------------------------------------

@POSIX
def test_a_link_is_followed_and_its_target_replaced(data: Path, tmp_path: Path,
                                                    exported: str) -> None:
    elsewhere = tmp_path / "shared"
    elsewhere.mkdir()
    target = elsewhere / "table.csv"
    target.write_text(OLD, encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "latest.csv"
    link.symlink_to(target)
    assert main(["export", "--data", str(data), "-o", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == exported
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == [] and leftovers(elsewhere) == []


@POSIX
def test_a_dangling_link_gets_its_target_made(data: Path, tmp_path: Path,
                                              exported: str) -> None:
    link = tmp_path / "latest.csv"
    link.symlink_to(tmp_path / "made.csv")
    assert main(["export", "--data", str(data), "-o", str(link)]) == 0
    assert link.is_symlink()
    assert (tmp_path / "made.csv").read_text(encoding="utf-8") == exported


# -- modes and owners --------------------------------------------------------------------------

@POSIX
@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
@pytest.mark.parametrize("option", ["-o", "--svg", "--html"])
def test_a_new_file_gets_the_umask_mode(option: str, umask: int, mode: int, data: Path,
                                        tmp_path: Path) -> None:
    target = tmp_path / "new.out"
    args = (["export", "--data", str(data), "-o", str(target)] if option == "-o" else
            ["rank", "-m", "community_police_rooms", "--data", str(data), option, str(target)])
    saved = os.umask(umask)
    try:
        code = main(args)
    finally:
        os.umask(saved)
    assert code == 0
    assert stat.S_IMODE(target.stat().st_mode) == mode


@POSIX
def test_an_existing_file_keeps_its_mode_and_owner(data: Path, tmp_path: Path) -> None:
    target = tmp_path / "newsroom.csv"
    target.write_text(OLD, encoding="utf-8")
    target.chmod(0o664)
    owner = (target.stat().st_uid, target.stat().st_gid)
    if os.geteuid() == 0:  # root may give a file away; the replacement must go back to it
        os.chown(target, 65534, 65534)
        owner = (65534, 65534)
    assert main(["export", "--data", str(data), "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") != OLD
    assert stat.S_IMODE(target.stat().st_mode) == 0o664
    assert (target.stat().st_uid, target.stat().st_gid) == owner


# -- never over a data file --------------------------------------------------------------------

@POSIX
@pytest.mark.parametrize("how", ["same name", "symbolic link", "hard link"])
def test_never_writes_over_a_data_file_whatever_its_name(how: str, tmp_path: Path,
                                                         capsys) -> None:
    data = tmp_path / "mydata.txt"
    data.write_text(HEADER + OBSERVATIONS, encoding="utf-8")
    target = {"same name": data, "symbolic link": tmp_path / "alias.csv",
              "hard link": tmp_path / "copy.csv"}[how]
    if how == "symbolic link":
        target.symlink_to(data)
    elif how == "hard link":
        os.link(data, target)
    before = data.read_bytes()
    assert main(["export", "--data", str(data), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == (f"Error: '{target}' is the data file {data}, read by this "
                                    "command; copscompare never writes to data files")
    assert data.read_bytes() == before


@POSIX
def test_never_writes_over_a_file_of_a_data_folder(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "a.yaml").write_text(HEADER, encoding="utf-8")
    (folder / "b.yaml").write_text(OBSERVATIONS, encoding="utf-8")
    os.link(folder / "b.yaml", tmp_path / "table.html")
    before = (folder / "b.yaml").read_bytes()
    code = main(["rank", "-m", "community_police_rooms", "--data", str(folder), "--html",
                 str(tmp_path / "table.html")])
    assert code == 2
    assert "is the data file" in capsys.readouterr().err
    assert (folder / "b.yaml").read_bytes() == before


# -- signals mid-write ---------------------------------------------------------------------

# A real process, stopped inside the write (after the bytes, before the rename) so the signal
# arrives exactly mid-write; the parent sends it once the child says it is writing.
MID_WRITE = """
import os, sys, time
from copscompare.cli import main

def slow_sync(fd):
    sys.stderr.write("writing\\n")
    sys.stderr.flush()
    time.sleep(60)

os.fsync = slow_sync
sys.exit(main(sys.argv[1:]))
"""


@POSIX
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
@pytest.mark.parametrize("option", ["-o", "--svg"])
def test_a_signal_mid_write_leaves_no_temporary_file(signum: int, option: str, data: Path,
                                                     tmp_path: Path) -> None:
    target = tmp_path / "out.file"
    target.write_text(OLD, encoding="utf-8")
    args = (["export", "--data", str(data), "-o", str(target)] if option == "-o" else
            ["rank", "-m", "community_police_rooms", "--data", str(data), option, str(target)])
    args.append("--no-cache")  # the first write (and fsync) is the output, not the cache
    child = subprocess.Popen([sys.executable, "-c", MID_WRITE, *args], env=environment(),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stderr is not None
    assert child.stderr.readline() == "writing\n"
    assert leftovers(tmp_path) != []  # the temporary file is there, mid-write
    child.send_signal(signum)
    _, err = child.communicate(timeout=30)
    assert child.returncode == 128 + signum
    assert err == (f"\ncopscompare: terminated by signal {signum}; nothing was left half "
                   "written\n")
    assert leftovers(tmp_path) == []
    assert target.read_text(encoding="utf-8") == OLD


# -- names that are no file names ---------------------------------------------------------------

@pytest.mark.parametrize("args, message", [
    (["export", "-o", ""], "Invalid value for '-o' / '--output': the file name is empty"),
    (["export", "-o", "x.csv/"], "Invalid value for '-o' / '--output': 'x.csv/' ends with "
                                 "'/', as a folder does: give a file name"),
    (["rank", "-m", "community_police_rooms", "--svg", ""],
     "Invalid value for '--svg': the file name is empty"),
    (["rank", "-m", "community_police_rooms", "--html", "page/"],
     "Invalid value for '--html': 'page/' ends with '/', as a folder does: give a file name"),
    (["check", "--data", ""], "Invalid value for '--data': the path is empty"),
    (["check", "--sources", ""], "Invalid value for '--sources': the path is empty"),
])
def test_empty_and_folder_names_are_usage_errors(args: list[str], message: str, data: Path,
                                                 tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)  # `x.csv/` must not become x.csv here, nor `""` the folder
    if "--data" not in args:
        args = [*args, "--data", str(data)]
    assert main(args) == 2
    assert capsys.readouterr().err.splitlines()[-1] == f"Error: {message}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.yaml"]


# -- standard output that cannot be written ----------------------------------------------------

def run_cli(args: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "copscompare", *args], env=environment(),
                          text=True, timeout=60, **kwargs)


@POSIX
@pytest.mark.parametrize("buffered", [True, False])
@pytest.mark.parametrize("args", [
    ["check"], ["export"], ["rank", "-m", "community_police_rooms"], ["--help"],
])
def test_a_full_disk_on_stdout_is_an_error(args: list[str], buffered: bool, data: Path,
                                           tmp_path: Path, monkeypatch) -> None:
    """``> /dev/full``: the shell opens the device; the program only writes to it."""
    if buffered:
        monkeypatch.delenv("PYTHONUNBUFFERED", raising=False)
    else:
        monkeypatch.setenv("PYTHONUNBUFFERED", "1")
    with open(device(tmp_path, "full", 7), "w") as full:
        result = run_cli([*args, "--data", str(data)] if args[0] != "--help" else args,
                         stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 1
    assert result.stderr == "Error: cannot write to standard output: No space left on device\n"


@POSIX
@pytest.mark.parametrize("args", [["check"], ["export"], ["rank", "-m", "community_police_rooms"]])
def test_a_closed_stdout_is_an_error(args: list[str], data: Path) -> None:
    result = run_cli([*args, "--data", str(data)], stderr=subprocess.PIPE,
                     preexec_fn=lambda: os.close(1))
    assert result.returncode == 1
    assert result.stderr == "Error: cannot write to standard output: it is closed\n"


@POSIX
def test_a_closed_stdout_does_not_matter_with_o(data: Path, tmp_path: Path) -> None:
    result = run_cli(["export", "--data", str(data), "-o", str(tmp_path / "x.csv")],
                     stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1))
    assert result.returncode == 0 and only_notes(result.stderr)
    assert (tmp_path / "x.csv").read_text(encoding="utf-8").startswith("city,")


@POSIX
def test_a_closed_stderr_shows_nothing_anywhere(data: Path) -> None:
    """A usage error with stderr closed: the exit code alone, nothing written to stdout."""
    result = run_cli(["rank", "-m", "no_such_metric", "--data", str(data)],
                     stdout=subprocess.PIPE, preexec_fn=lambda: os.close(2))
    assert (result.returncode, result.stdout) == (2, "")

"""Writing a file whole or not at all, without ever destroying what its name stands for.

Rules of ``atomic_write``:

- A regular file, or a name not taken yet, is written to a temporary file in the same folder,
  then renamed over the name in one step: a reader sees the old file or the new one, never
  half of either. If anything goes wrong first, the temporary file is removed and the old file
  stays as it was.
- A symbolic link is followed to the file it names, and that file is replaced (the temporary
  file is made in the target's folder): the link stays a link.
- A special file (a named pipe, a character device such as ``/dev/stdout`` or ``/dev/null``, the
  pipe of a process substitution ``>(gzip > x.gz)``) is written into directly: replacing it
  would cut off whoever reads it, and a stream cannot be written whole or not at all.
- A new file gets mode ``0666`` less the umask, as any program's new file does (``new_mode``
  instead for a file that must stay private); a replaced file keeps its mode, and its owner
  and group where the user is allowed to keep them.
- ``exact=True`` (the cache, in the program's own folder): the name itself is replaced whatever
  it holds (a pipe, a device, a link), and the new file always gets ``new_mode``.
- SIGTERM or SIGHUP while writing raise ``Terminated`` (handlers are installed only for the
  write, in the main thread), so the temporary file is removed as for any other failure.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from copscompare.errors import Terminated

_NAME_KEPT = 200  # characters of the file's name kept in the temporary file's name


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], mode: str = "w", encoding: str | None = "utf-8",
                 newline: str | None = None, new_mode: int | None = None,
                 exact: bool = False) -> Iterator[IO[Any]]:
    """Open ``path`` for writing by the rules in the module docstring; ``mode`` is "w" or "wb"."""
    binary = "b" in mode
    options: dict[str, Any] = {} if binary else {"encoding": encoding, "newline": newline}
    with _terminable():
        special = None if exact else _open_special(path)
        if special is not None:
            with os.fdopen(special, "wb" if binary else "w", **options) as handle:
                yield handle
            return
        with (_replacing(Path(path), new_mode, exact) as fd,
              os.fdopen(fd, "wb" if binary else "w", closefd=False, **options) as handle):
            yield handle


def _open_special(path: str | os.PathLike[str]) -> int | None:
    """An open descriptor when ``path`` (its links followed) is a special file, else None."""
    try:
        found = os.stat(path)
    except FileNotFoundError:  # a new name, or a link to one
        return None
    if stat.S_ISREG(found.st_mode):
        return None
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    if stat.S_ISREG(os.fstat(fd).st_mode):  # replaced by a regular file meanwhile
        os.close(fd)
        return None
    return fd


@contextlib.contextmanager
def _replacing(path: Path, new_mode: int | None, exact: bool) -> Iterator[int]:
    """A temporary file beside the file ``path`` leads to (``exact``: beside ``path`` itself),
    renamed over it when the body is done; removed, with the file left as it was, when the body
    fails."""
    target = path if exact else Path(os.path.realpath(path))
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name[:_NAME_KEPT]}.", suffix=".tmp",
                                     dir=target.parent)
    try:
        try:
            if hasattr(os, "fchmod"):  # not on Windows before Python 3.13
                _take_mode(fd, target, new_mode, exact)
            yield fd
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _take_mode(fd: int, target: Path, new_mode: int | None, exact: bool) -> None:
    """Give the temporary file the mode (and, where allowed, owner) the result must have: the
    replaced file's, or a new file's (``exact``: always a new file's)."""
    old = None if exact else _status(target)
    if old is None:
        os.fchmod(fd, (0o666 & ~_umask()) if new_mode is None else new_mode)
        return
    os.fchmod(fd, stat.S_IMODE(old.st_mode))
    mine = os.fstat(fd)
    if (mine.st_uid, mine.st_gid) != (old.st_uid, old.st_gid):
        with contextlib.suppress(PermissionError):  # only root may give a file away
            os.fchown(fd, old.st_uid, old.st_gid)


def _status(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def _terminable() -> Iterator[None]:
    """While the body runs, SIGTERM and SIGHUP raise ``Terminated`` (main thread only: signal
    handlers can be set nowhere else; elsewhere the signals keep their usual effect)."""
    import signal

    def stop(signum: int, _frame: object) -> None:
        raise Terminated(signum)

    saved: dict[signal.Signals, Any] = {}
    try:
        for name in ("SIGTERM", "SIGHUP"):  # Windows has no SIGHUP
            signum = getattr(signal, name, None)
            if signum is not None:
                saved[signum] = signal.signal(signum, stop)
    except ValueError:  # not the main thread
        pass
    try:
        yield
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)

"""Finding and reading the data files: which layers, which files, and their bytes.

Which data: the layers given (``--data``, as often as wanted; the word ``bundled`` names the
data bundled with the package), else ``$COPSCOMPARE_DATA`` (several paths separated by
``os.pathsep``: ``:`` on Linux and macOS, ``;`` on Windows; ``bundled`` works there too), else
the bundled data. Layers are merged in order, so a curator's own file adds articles to the
bundled data without a copy of it: ``--data bundled --data mine.yaml``. A folder means its
``*.yaml`` files in name order (hidden and backup files skipped; ``*.yml`` and anything named
``*.yaml`` that is no regular file are errors); a file named twice is read once. A file is
refused before it is read when it is over the size limit (``$COPSCOMPARE_MAX_MB``, default
200 MB), and is never read past its size; a UTF-8 byte-order mark is dropped; bytes that are
not UTF-8 are an error that names the line. Nothing here writes to a data file.
"""

from __future__ import annotations

import errno
import math
import os
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import Union

from copscompare.errors import BadUsage, DataError, Problem

DataArgument = Union[str, "os.PathLike[str]", Sequence[Union[str, "os.PathLike[str]"]], None]

DATA_ENV = "COPSCOMPARE_DATA"
BUNDLED = "bundled"  # names the bundled data among the layers
MAX_MB_ENV = "COPSCOMPARE_MAX_MB"
DEFAULT_MAX_MB = 200
_BOM = b"\xef\xbb\xbf"
_MB = 1024 * 1024
_STEP = 1 << 20  # bytes read at a time from a file that grew since its size was taken


def bundled_path() -> Path:
    """The data folder shipped inside the package (in a checkout, the repository's data/).

    It is read like any folder: its ``*.yaml`` files merged, so curated articles can be added
    in files of their own beside ``indicators.yaml``."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "data"
    if (installed / "indicators.yaml").is_file():
        return installed
    return package.parent / "data"


def data_layers(explicit: DataArgument = None) -> list[Path]:
    """The layers the user asked for, in order (module docstring)."""
    if isinstance(explicit, (str, os.PathLike)):
        explicit = [explicit]
    chosen = [str(layer) for layer in explicit or () if str(layer)]
    if not chosen:
        chosen = [part for part in os.environ.get(DATA_ENV, "").split(os.pathsep) if part]
    return [bundled_path() if layer == BUNDLED else Path(layer) for layer in chosen] or [
        bundled_path()]


def data_files(layers: Path | Sequence[Path]) -> list[Path]:
    """The YAML files behind the layers, layer after layer; a file named twice is read once.
    Each layer is a file, or a folder's ``*.yaml`` files in name order.

    In a folder, hidden files (``.a.yaml``, an editor's ``.#a.yaml`` lock) and backups
    (``a.yaml~``) are skipped; a ``*.yml`` file, and a ``*.yaml`` name that is no readable
    regular file (a link to nothing, a link loop, a named pipe, a folder) are errors: nothing
    named as data is left out in silence. DataError names every such file."""
    seen: set[Path] = set()
    files = []
    for layer in [layers] if isinstance(layers, Path) else layers:
        for file in _layer_files(layer):
            if file.resolve() not in seen:
                seen.add(file.resolve())
                files.append(file)
    return files


def _layer_files(path: Path) -> list[Path]:
    """The files of one layer (rules in ``data_files``)."""
    found = _looked_at(path)
    if stat.S_ISDIR(found.st_mode):
        return _folder_files(path)
    if not stat.S_ISREG(found.st_mode):
        raise DataError([Problem(str(path), None, "", f"not a data file but "
                                 f"{file_kind(found.st_mode)}")])
    return [path]


def _looked_at(path: Path) -> os.stat_result:
    """``path``'s status, its links followed; DataError when it cannot be looked at."""
    try:
        return os.stat(path)
    except OSError as exc:
        raise DataError([Problem(str(path), None, "", _why_not(path, exc))]) from None


def _why_not(path: Path, exc: OSError) -> str:
    """Why ``path`` cannot be read, in a curator's words."""
    if isinstance(exc, FileNotFoundError):
        if os.path.islink(path):
            return f"a link to '{os.readlink(path)}', which does not exist"
        return "no such data file or folder"
    if exc.errno == errno.ELOOP:
        return "a loop of symbolic links"
    return f"cannot read it: {exc.strerror or exc}"


def _folder_files(folder: Path) -> list[Path]:
    """The data files of a folder (rules in ``data_files``)."""
    try:
        names = sorted(os.listdir(folder))
    except OSError as exc:
        raise DataError([Problem(str(folder), None, "", f"cannot read the folder: "
                                 f"{exc.strerror or exc}")]) from None
    files: list[Path] = []
    problems: list[Problem] = []
    for name in names:
        path = folder / name
        if name.startswith(".") or not name.endswith((".yaml", ".yml")):
            continue  # hidden, an editor's lock or backup, or not data
        if name.endswith(".yml"):
            problems.append(Problem(str(path), None, "", "not read: a data folder merges its "
                                    f"*.yaml files only (rename it {name[:-4]}.yaml)"))
            continue
        try:
            found = os.stat(path)
        except OSError as exc:
            problems.append(Problem(str(path), None, "", _why_not(path, exc)))
            continue
        if stat.S_ISREG(found.st_mode):
            files.append(path)
        else:
            problems.append(Problem(str(path), None, "", f"not a data file but "
                                    f"{file_kind(found.st_mode)}"))
    if problems:
        raise DataError(problems)
    if not files:
        raise DataError([Problem(str(folder), None, "", "no *.yaml files in this folder")])
    return files


def max_bytes() -> int:
    """The size limit for one data file, from ``$COPSCOMPARE_MAX_MB`` (default 200 MB): a
    number of megabytes above 0 (``inf``, ``nan``, 0, a negative or no number at all is a usage
    error, BadUsage)."""
    text = os.environ.get(MAX_MB_ENV, "").strip()
    if not text:
        return DEFAULT_MAX_MB * _MB
    try:
        megabytes = float(text)
    except ValueError:
        megabytes = math.nan
    if not (math.isfinite(megabytes) and megabytes > 0):
        raise BadUsage(f"{MAX_MB_ENV} must be a number of megabytes above 0 (such as "
                       f"{DEFAULT_MAX_MB}), not '{text}'")
    return int(megabytes * _MB)


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The file's bytes without a UTF-8 BOM; refuses a file over the size limit before reading."""
    limit = max_bytes() if limit is None else limit
    data = _read_within(path, limit)
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DataError([Problem(str(path), line, "encoding", (
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8"))]) from None
    return data


def _read_within(path: Path, limit: int) -> bytes:
    """The bytes of ``path``; DataError when it cannot be read or is over ``limit`` bytes."""
    try:
        return read_at_most(path, limit)
    except OSError as exc:
        raise DataError([Problem(str(path), None, "",
                                 f"cannot read the file: {exc.strerror or exc}")]) from None
    except OverLimit as exc:
        raise DataError([Problem(str(path), None, "", (
            f"the file is {exc.size / _MB:.1f} MB, over the {limit / _MB:.0f} MB limit "
            f"(set {MAX_MB_ENV} to raise it)"))]) from None


class OverLimit(Exception):
    """A file holds more bytes than the limit it is read with (``size``: at least this many)."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def read_at_most(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``: refused (OverLimit) before it is opened when it
    is over ``limit`` bytes, read no further than its size (a file that grows meanwhile is
    read on in steps, up to the limit): nothing as large as the limit is ever set aside. A
    named pipe, a device or a folder is refused (OSError) without being opened."""
    found = path.stat()
    if not stat.S_ISREG(found.st_mode):
        raise OSError(errno.EINVAL, f"not a regular file but {file_kind(found.st_mode)}")
    if found.st_size > limit:
        raise OverLimit(found.st_size)
    with path.open("rb") as handle:
        chunks = [handle.read(found.st_size)]
        size = len(chunks[0])
        while chunk := handle.read(_STEP):  # it grew since it was looked at
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise OverLimit(size)
    return b"".join(chunks)


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, in a curator's words."""
    kinds = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"),
             (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))
    return next((name for test, name in kinds if test(mode)), "a special file")


def within_limit(files: list[Path]) -> bool:
    """True when every file can be looked at and is within the size limit."""
    limit = max_bytes()
    try:
        return all(file.stat().st_size <= limit for file in files)
    except OSError:
        return False

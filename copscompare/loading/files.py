"""Finding and reading the data files: which layers, which files, and their bytes.

Which data: the layers given (``--data``, as often as wanted; the word ``bundled`` names the
data bundled with the package), else ``$COPSCOMPARE_DATA`` (several paths separated by
``os.pathsep``: ``:`` on Linux and macOS, ``;`` on Windows; ``bundled`` works there too), else
the bundled data. Layers are merged in order, so a curator's own file adds articles to the
bundled data without a copy of it: ``--data bundled --data mine.yaml``. A folder means its
``*.yaml`` and ``*.yml`` files in name order; a file named twice is read once. A file is
refused before it is read when it is over the size limit (``$COPSCOMPARE_MAX_MB``, default
200 MB); a UTF-8 byte-order mark is dropped; bytes that are not UTF-8 are an error that names
the line. Nothing here writes to a data file.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Union

from copscompare.errors import DataError, Problem

DataArgument = Union[str, "os.PathLike[str]", Sequence[Union[str, "os.PathLike[str]"]], None]

DATA_ENV = "COPSCOMPARE_DATA"
BUNDLED = "bundled"  # names the bundled data among the layers
MAX_MB_ENV = "COPSCOMPARE_MAX_MB"
DEFAULT_MAX_MB = 200
_BOM = b"\xef\xbb\xbf"


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
    """The YAML files behind the layers: each file, or each folder's ``*.yaml`` files in name
    order, layer after layer; a file named twice is read once."""
    seen: set[Path] = set()
    files = []
    for layer in [layers] if isinstance(layers, Path) else layers:
        for file in _layer_files(layer):
            if file.resolve() not in seen:
                seen.add(file.resolve())
                files.append(file)
    return files


def _layer_files(path: Path) -> list[Path]:
    if path.is_dir():
        try:
            files = sorted(p for p in path.iterdir()
                           if p.suffix in (".yaml", ".yml") and p.is_file())
        except OSError as exc:
            raise DataError([Problem(str(path), None, "", f"cannot read the folder: "
                                     f"{exc.strerror or exc}")]) from None
        if not files:
            raise DataError([Problem(str(path), None, "", "no *.yaml files in this folder")])
        return files
    if not path.is_file():
        raise DataError([Problem(str(path), None, "", "no such data file or folder")])
    return [path]


def max_bytes() -> int:
    """The size limit for one data file, from ``$COPSCOMPARE_MAX_MB`` (default 200 MB)."""
    text = os.environ.get(MAX_MB_ENV, "")
    try:
        megabytes = float(text) if text else DEFAULT_MAX_MB
    except ValueError:
        megabytes = DEFAULT_MAX_MB
    return int(megabytes * 1024 * 1024)


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
    data = b""
    try:
        size = path.stat().st_size
        if size <= limit:
            with path.open("rb") as handle:
                data = handle.read(limit + 1)  # the file may have grown since stat()
            size = len(data)
    except OSError as exc:
        raise DataError([Problem(str(path), None, "",
                                 f"cannot read the file: {exc.strerror or exc}")]) from None
    if size > limit:
        raise DataError([Problem(str(path), None, "", (
            f"the file is {size / 1048576:.1f} MB, over the {limit / 1048576:.0f} MB limit "
            f"(set {MAX_MB_ENV} to raise it)"))])
    return data


def within_limit(files: list[Path]) -> bool:
    """True when every file can be looked at and is within the size limit."""
    limit = max_bytes()
    try:
        return all(file.stat().st_size <= limit for file in files)
    except OSError:
        return False

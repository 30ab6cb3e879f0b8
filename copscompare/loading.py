"""Find, read and validate the data: a file, a folder of ``*.yaml`` files, or the bundled file.

Which data: an explicit path (``--data``), else ``$COPSCOMPARE_DATA``, else the file bundled
with the package. The loader never writes to a data file.
"""

from __future__ import annotations

import gc
import os
import re
from pathlib import Path

from copscompare.errors import DataError, Problem
from copscompare.model import Dataset

DATA_ENV = "COPSCOMPARE_DATA"
MAX_MB_ENV = "COPSCOMPARE_MAX_MB"
DEFAULT_MAX_MB = 200
_BOM = b"\xef\xbb\xbf"


def bundled_path() -> Path:
    """The data file shipped inside the package (or, in a checkout, the repository's copy)."""
    here = Path(__file__).resolve().parent
    installed = here / "data" / "indicators.yaml"
    if installed.is_file():
        return installed
    return here.parent / "data" / "indicators.yaml"


def data_path(explicit: str | os.PathLike | None = None) -> Path:
    """The data the user asked for: ``explicit``, else ``$COPSCOMPARE_DATA``, else bundled."""
    if explicit:
        return Path(explicit)
    from_env = os.environ.get(DATA_ENV)
    if from_env:
        return Path(from_env)
    return bundled_path()


def data_files(path: Path) -> list[Path]:
    """The YAML files behind ``path``: itself, or a folder's ``*.yaml`` files in name order."""
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
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DataError([Problem(str(path), line, "encoding", (
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8"))]) from None
    return data


def parse_files(files: list[Path], limit: int | None = None) -> Dataset:
    """Parse and validate ``files`` together; raise DataError listing every error found."""
    from copscompare import validate, yamltree  # yaml is imported only when parsing

    problems: list[Problem] = []
    parts = validate.Parts()
    for file in files:
        data = read_bytes(file, limit)
        root, found = yamltree.parse(data, str(file))
        problems.extend(found)
        if data and not data.endswith((b"\n", b"\r")):  # a file cut short may still parse
            problems.append(Problem(str(file), data.count(b"\n") + 1, "", "the last line has no "
                                    "line break: was the file cut short?", "warning"))
        if root is not None or not found:
            validate.read_file(root, str(file), parts, problems)
    dataset = validate.link(parts, problems)
    if any(p.severity == "error" for p in problems):
        raise DataError(sorted(problems, key=_problem_order))
    return dataset


def load(path: str | os.PathLike | None = None, use_cache: bool = True) -> Dataset:
    """Load and validate the chosen data (see the module docstring for which).

    Unchanged data comes from the cache (copscompare/cache.py) unless ``use_cache`` is False
    or $COPSCOMPARE_NO_CACHE is set. The cyclic garbage collector is paused meanwhile: loading
    makes millions of objects and no garbage cycles, and each collection would rescan them all.
    """
    chosen = data_path(path)
    files = data_files(chosen)
    collecting = gc.isenabled()
    gc.disable()
    try:
        if use_cache and _cacheable(files):
            from copscompare import cache

            return cache.load(chosen, files, parse_files)
        return parse_files(files)
    finally:
        if collecting:
            gc.enable()


def _cacheable(files: list[Path]) -> bool:
    """The cache is on and every file is within the size limit (over it, the loader says so)."""
    from copscompare import cache

    if not cache.enabled():
        return False
    limit = max_bytes()
    try:
        return all(file.stat().st_size <= limit for file in files)
    except OSError:
        return False


def _problem_order(problem: Problem) -> tuple[str, int]:
    return (problem.file, problem.line or 0)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def check_quotes(dataset: Dataset, folder: Path) -> list[Problem]:
    """Every quote must appear verbatim (whitespace ignored) in its source's archived text."""
    problems: list[Problem] = []
    texts: dict[str, str | None] = {}
    for source in dataset.sources.values():
        archived = folder / source.file
        texts[source.id] = None
        if archived.is_file():
            try:
                texts[source.id] = _squeeze(archived.read_text(encoding="utf-8",
                                                               errors="replace"))
            except OSError as exc:
                problems.append(Problem(source.origin, source.line, "file",
                                        f"archived text '{source.file}' cannot be read: "
                                        f"{exc.strerror or exc}"))
        else:
            problems.append(Problem(source.origin, source.line, "file",
                                    f"archived text '{source.file}' not found in {folder}"))
    for obs in dataset.observations:
        text = texts.get(obs.source)
        if text is not None and _squeeze(obs.quote) not in text:
            problems.append(Problem(obs.origin, obs.line, "quote",
                                    f"quote not found verbatim in "
                                    f"{dataset.sources[obs.source].file}: {obs.quote[:40]!r}"))
    return problems

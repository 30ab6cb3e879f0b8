"""Find, read and validate the data: a file, a folder of ``*.yaml`` files, or the bundled file.

Which data: an explicit path (``--data``), else ``$COPSCOMPARE_DATA``, else the file bundled
with the package. The loader never writes to a data file.
"""

from __future__ import annotations

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
        files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
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
    size = path.stat().st_size
    if size > limit:
        raise DataError([Problem(str(path), None, "", (
            f"the file is {size / 1048576:.1f} MB, over the {limit / 1048576:.0f} MB limit "
            f"(set {MAX_MB_ENV} to raise it)"))])
    data = path.read_bytes()
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
        root, found = yamltree.parse(read_bytes(file, limit), str(file))
        problems.extend(found)
        if root is not None or not found:
            validate.read_file(root, str(file), parts, problems)
    dataset = validate.link(parts, problems)
    if any(p.severity == "error" for p in problems):
        raise DataError(sorted(problems, key=_problem_order))
    return dataset


def load(path: str | os.PathLike | None = None) -> Dataset:
    """Load and validate the chosen data (see the module docstring for which)."""
    return parse_files(data_files(data_path(path)))


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
        if archived.is_file():
            texts[source.id] = _squeeze(archived.read_text(encoding="utf-8", errors="replace"))
        else:
            texts[source.id] = None
            problems.append(Problem(source.origin, source.line, "file",
                                    f"archived text '{source.file}' not found in {folder}"))
    for obs in dataset.observations:
        text = texts.get(obs.source)
        if text is not None and _squeeze(obs.quote) not in text:
            problems.append(Problem(obs.origin, obs.line, "quote",
                                    f"quote not found verbatim in "
                                    f"{dataset.sources[obs.source].file}: {obs.quote[:40]!r}"))
    return problems

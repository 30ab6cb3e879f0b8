"""Loading: the data files -> a validated ``Dataset``, or a DataError listing every problem.

Read downward: ``files`` finds the layers and reads the bytes; ``yamltree`` (with
``yamlfast`` for the plain subset curators write) turns them into ``nodes``; ``records`` reads
each file's records through the scalar rules of ``fields``; ``link`` checks what needs every
file at once (each figure against its quote by ``quotes``, which reads quotes with the figure
reader ``figures`` and its vocabulary ``wording``, and its dates by ``dates``); ``cache`` keeps
the result for the next run (``private``: the user's own folder and key, the only things it
trusts; ``codec``: its plain values as bytes); ``archive`` checks quotes against the archived
texts. The loader never writes to a data file.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from copscompare.errors import DataError, Problem, Problems
from copscompare.loading.files import (
    BUNDLED,
    DATA_ENV,
    MAX_MB_ENV,
    DataArgument,
    bundled_path,
    data_files,
    data_layers,
    max_bytes,
    read_bytes,
    within_limit,
)
from copscompare.loading.pause import collector_paused
from copscompare.model import Dataset, Observation

__all__ = ["BUNDLED", "DATA_ENV", "MAX_MB_ENV", "DataError", "Examined", "bundled_path",
           "data_files", "data_layers", "examine", "load", "max_bytes", "parse",
           "parse_files", "read_bytes"]


class Examined(NamedTuple):
    """The data as far as it could be read: the dataset of every sound record, every problem
    found (errors and warnings, in file order), and every observation read, sound or not
    (``check --sources`` looks for all their quotes)."""

    dataset: Dataset
    problems: tuple[Problem, ...]
    read: tuple[Observation, ...] | None  # None: the dataset's own (data from the cache)
    more_errors: int = 0  # found beyond those kept (errors.Problems)
    more_warnings: int = 0

    @property
    def errors(self) -> bool:
        return self.more_errors > 0 or any(p.severity == "error" for p in self.problems)

    @property
    def observations(self) -> tuple[Observation, ...]:
        """Every observation read, sound or not (built only when asked for)."""
        return self.dataset.observations if self.read is None else self.read


def load(path: DataArgument = None, use_cache: bool = True) -> Dataset:
    """Load and validate the chosen data (``files.data_layers`` says which); raise DataError
    listing every problem when there is an error.

    Unchanged data comes from the cache (``cache``) unless ``use_cache`` is False or
    $COPSCOMPARE_NO_CACHE is set; its observations are then built only as they are asked for."""
    found = _read(path, use_cache)
    if isinstance(found, Dataset):
        return found
    if found.errors:
        raise DataError(list(found.problems), found.more_errors, found.more_warnings)
    return found.dataset


def examine(path: DataArgument = None, use_cache: bool = True) -> Examined:
    """The chosen data as far as it can be read, errors and all (``load`` raises on them)."""
    found = _read(path, use_cache)
    if isinstance(found, Examined):
        return found
    return Examined(found, found.warnings, None, more_warnings=found.more_warnings)


def _read(path: DataArgument, use_cache: bool) -> Dataset | Examined:
    """The cached dataset when the data is unchanged (sound, as only sound data is cached),
    else the data as read.

    The cyclic garbage collector is paused meanwhile (``pause``)."""
    layers = data_layers(path)
    files = data_files(layers)
    with collector_paused():
        if use_cache and _cacheable(files):
            from copscompare.loading import cache

            try:
                return cache.load(layers, files, parse_files)
            except _Broken as broken:
                return broken.examined
        return parse(files)


class _Broken(DataError):
    """Data with errors, found while the cache was being filled (data with errors is never
    cached): carries what was read."""

    def __init__(self, examined: Examined) -> None:
        super().__init__(list(examined.problems), examined.more_errors, examined.more_warnings)
        self.examined = examined


def parse_files(files: list[Path], limit: int | None = None) -> Dataset:
    """Parse and validate ``files`` together; raise DataError listing every problem found
    when there is an error."""
    examined = parse(files, limit)
    if examined.errors:
        raise _Broken(examined)
    return examined.dataset


def parse(files: list[Path], limit: int | None = None) -> Examined:
    """Parse and validate ``files`` together, errors and all."""
    from copscompare.loading import link, records, yamltree  # yaml: imported only to parse

    problems = Problems()
    parts = records.Parts()
    for file in files:
        data = read_bytes(file, limit)
        root, found = yamltree.parse(data, str(file))
        problems.extend(found)
        if data and not data.endswith((b"\n", b"\r")):  # a file cut short may still parse
            problems.append(Problem(str(file), data.count(b"\n") + 1, "", "the last line has no "
                                    "line break: was the file cut short?", "warning"))
        if root is not None or not found:
            records.read_file(root, str(file), parts, problems)
    dataset = link.link(parts, problems)
    return Examined(dataset, tuple(sorted(problems, key=_problem_order)),
                    tuple(parts.observations), problems.more_errors, problems.more_warnings)


def _cacheable(files: list[Path]) -> bool:
    """The cache is on and every file is within the size limit (over it, the loader says so)."""
    from copscompare.loading import cache

    return cache.enabled() and within_limit(files)


def _problem_order(problem: Problem) -> tuple[str, int]:
    return (problem.file, problem.line or 0)

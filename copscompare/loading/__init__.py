"""Loading: the data files -> a validated ``Dataset``, or a DataError listing every problem.

Read downward: ``files`` finds and reads the bytes; ``yamltree`` (with ``yamlfast`` for the
plain subset curators write) turns them into ``nodes``; ``records`` reads each file's records
through the scalar rules of ``fields``; ``link`` checks what needs every file at once (with the
quote rules of ``quotes``); ``cache`` keeps the result for the next run (``private``: the
user's own folder and key, the only things it trusts; ``codec``: its plain values as bytes).
The loader never writes to a data file.
"""

from __future__ import annotations

import gc
import os
from pathlib import Path

from copscompare.errors import DataError, Problem, Problems
from copscompare.loading.files import (
    DATA_ENV,
    MAX_MB_ENV,
    bundled_path,
    data_files,
    data_path,
    max_bytes,
    read_bytes,
    within_limit,
)
from copscompare.model import Dataset

__all__ = ["DATA_ENV", "MAX_MB_ENV", "DataError", "bundled_path", "data_files", "data_path",
           "load", "max_bytes", "parse_files", "read_bytes"]


def load(path: str | os.PathLike[str] | None = None, use_cache: bool = True) -> Dataset:
    """Load and validate the chosen data (``files.data_path`` says which).

    Unchanged data comes from the cache (``cache``) unless ``use_cache`` is False or
    $COPSCOMPARE_NO_CACHE is set. The cyclic garbage collector is paused meanwhile: loading
    makes millions of objects and no garbage cycles, and each collection would rescan them all.
    """
    chosen = data_path(path)
    files = data_files(chosen)
    collecting = gc.isenabled()
    gc.disable()
    try:
        if use_cache and _cacheable(files):
            from copscompare.loading import cache

            return cache.load(chosen, files, parse_files)
        return parse_files(files)
    finally:
        if collecting:
            gc.enable()


def parse_files(files: list[Path], limit: int | None = None) -> Dataset:
    """Parse and validate ``files`` together; raise DataError listing every error found."""
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
    if problems.errors:
        raise DataError(sorted(problems, key=_problem_order), problems.more_errors,
                        problems.more_warnings)
    return dataset


def _cacheable(files: list[Path]) -> bool:
    """The cache is on and every file is within the size limit (over it, the loader says so)."""
    from copscompare.loading import cache

    return cache.enabled() and within_limit(files)


def _problem_order(problem: Problem) -> tuple[str, int]:
    return (problem.file, problem.line or 0)

"""``check``: validate the data, each figure against its quote, each quote against its text."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from copscompare.cli.commands import command, examples
from copscompare.cli.options import data_options, paths_given
from copscompare.cli.output import show_problems

if TYPE_CHECKING:
    from copscompare.model import Dataset


@command(epilog=examples("check", "check --sources ../shared/seeds", "check --data my-articles/"))
@data_options
@click.option("--sources", "sources", type=click.Path(file_okay=False), multiple=True,
              metavar="DIR", callback=paths_given,
              help="Folder of archived article texts: check every quote against them "
                   "(repeatable: --sources seeds --sources articles).")
def check(data: tuple[Path, ...], sources: tuple[Path, ...]) -> None:
    """Validate the data and print a summary; exit 1 on any error.

    Every figure is checked against its quote: the number as written (with 万, 亿, 成, 百分之
    …), its sign, qualifier and measure from the wording, and which of several figures it is;
    with --sources, every quote against its archived text.
    """
    from copscompare import loading
    from copscompare.cli.options import use_cache
    from copscompare.errors import DataError, NotFound
    from copscompare.loading.archive import check_archive
    from copscompare.render.sanitize import for_message

    for folder in sources:
        if not os.path.isdir(folder):  # also for a name too long to be one: no traceback
            raise NotFound(f"--sources: no such folder '{folder}'")
    examined = loading.examine(data, use_cache())
    problems = list(examined.problems)
    unverified: dict[str, int] = {}
    if sources:
        archive = check_archive(examined.dataset.sources, examined.observations, list(sources))
        problems = sorted(problems + archive.problems, key=lambda p: (p.file, p.line or 0))
        unverified = archive.unverified
    if examined.more_errors or any(p.severity == "error" for p in problems):
        raise DataError(problems, examined.more_errors, examined.more_warnings)
    show_problems(problems, examined.more_warnings, "warning")
    for line in _check_summary(examined.dataset, len(problems) + examined.more_warnings,
                               sources, unverified):
        click.echo(for_message(line))


def _check_summary(dataset: Dataset, warnings: int, sources: tuple[Path, ...],
                   unverified: dict[str, int]) -> list[str]:
    """The ``ok:`` line, then what was not verified: quotes of sources with no archived text,
    figures read by the curator."""
    from copscompare.analysis.common import name_list

    lines = [f"ok: {len(dataset.jurisdictions)} jurisdictions, {len(dataset.metrics)} metrics, "
             f"{len(dataset.sources)} sources, {len(dataset.store)} observations, "
             f"{warnings} warning(s)"]
    if sources:
        lines[0] += (", every quote found in its source" if not unverified
                     else ", every archived quote found in its source")
    if unverified:
        lines.append(f"{sum(unverified.values())} quote(s) not verified against a text: no "
                     f"archived copy here of {name_list(sorted(unverified))}")
    curated = dataset.store.observations_where("reading", {"curator"})
    if curated:
        lines.append(f"{len(curated)} figure(s) read by the curator, not verified by rule:")
        lines += [f"  {o.origin}:{o.line} {o.metric} {o.period.text}: {o.note}"
                  for o in curated]
    return lines

"""``cities``, ``sources``, ``metrics``: what the data holds."""

from __future__ import annotations

from pathlib import Path

import click

from copscompare.cli.commands import command, examples
from copscompare.cli.options import data_options, lang_option, load
from copscompare.cli.output import OutputOptions, emit, output_options
from copscompare.model import CATEGORIES


@command(epilog=examples("cities", "cities --lang en --format csv"))
@data_options
@lang_option
@output_options()
def cities(data: tuple[Path, ...], lang: str | None, output: OutputOptions) -> None:
    """List jurisdictions and how much each reports.
    """
    from copscompare.analysis.listings import cities_table

    emit(cities_table(load(data), lang), output)


@command(epilog=examples("sources", "sources --format json"))
@data_options
@lang_option
@output_options()
def sources(data: tuple[Path, ...], lang: str | None, output: OutputOptions) -> None:
    """List source articles and what they cover.
    """
    from copscompare.analysis.listings import sources_table

    emit(sources_table(load(data), lang), output)


@command(epilog=examples("metrics --search 探头", "metrics --category clearance"))
@data_options
@click.option("--search", metavar="TEXT", default=None,
              help="Only metrics whose id, labels, aliases or definition contain TEXT.")
@click.option("--category", type=click.Choice(CATEGORIES), default=None,
              help="Only metrics of this category.")
@click.option("--core", is_flag=True, default=False,
              help="Only the core metrics, defined for comparison; most-reported first.")
@output_options()
def metrics(data: tuple[Path, ...], search: str | None, category: str | None, core: bool,
            output: OutputOptions) -> None:
    """List metrics and who reports them.

    For each metric: how many jurisdictions report it, and as which kind of figure (level,
    % change, ...), so what can be compared shows at once.
    """
    from copscompare.analysis.listings import metrics_table

    emit(metrics_table(load(data), search, category, core), output)

"""``export``: every observation, one row each, for spreadsheets, databases and scripts."""

from __future__ import annotations

from pathlib import Path

import click

from copscompare.cli.commands import cities_of, command, examples
from copscompare.cli.options import check_period, complete_city, complete_metric, data_options, load
from copscompare.cli.output import OutputOptions, emit, emit_binary, output_options
from copscompare.model import CATEGORIES


@command(epilog=examples("export --excel -o police.csv",
                          "export --city 常州 --search 探头 --format xlsx -o cameras.xlsx",
                          "export --format sqlite -o police.db"))
@data_options
@click.option("--metric", "-m", "metrics", multiple=True, metavar="M",
              shell_complete=complete_metric, help="Only these metrics (repeatable).")
@click.option("--city", "cities", multiple=True, metavar="CITY", shell_complete=complete_city,
              help="Only these jurisdictions (repeatable).")
@click.option("--category", type=click.Choice(CATEGORIES), default=None,
              help="Only metrics of this category.")
@click.option("--search", metavar="TEXT", default=None,
              help="Only metrics whose id, labels, aliases or definition contain TEXT.")
@click.option("--source", "sources", multiple=True, metavar="ID",
              help="Only figures from these sources (repeatable; ids as `sources` lists them).")
@click.option("--period", metavar="P", callback=check_period, default=None,
              help="Only figures for exactly this period (2009, 2007-H1, 2017-01/2017-10).")
@output_options(default="csv", formats=("csv", "tsv", "json", "xlsx", "sqlite"))
def export(data: tuple[Path, ...], metrics: tuple[str, ...], cities: tuple[str, ...],
           category: str | None, search: str | None, sources: tuple[str, ...],
           period: str | None, output: OutputOptions) -> None:
    """Every observation, one row each, for spreadsheets, databases and scripts.

    Columns: docs/export.md. --format xlsx writes a workbook (the data, its notes and sources on
    sheets of their own) and --format sqlite a database (observations, sources, jurisdictions,
    metrics, with keys, and an export view); both need -o FILE.
    """
    from copscompare.analysis.export import ExportFilter, export_table, subset
    from copscompare.analysis.names import resolve_metric, resolve_source

    dataset = load(data)
    chosen = ExportFilter(
        metrics=tuple(resolve_metric(dataset, m, require_data=False).id for m in metrics),
        cities=tuple(cities_of(dataset, cities)), category=category, search=search,
        sources=tuple(resolve_source(dataset, s) for s in sources), period=period)
    if output.fmt == "sqlite":
        from copscompare import render

        emit_binary(output, lambda handle: render.write_sqlite(subset(dataset, chosen), handle))
    else:
        emit(export_table(dataset, chosen), output)

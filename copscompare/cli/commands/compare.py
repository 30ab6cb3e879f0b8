"""``compare``: jurisdictions side by side, metric by metric."""

from __future__ import annotations

from pathlib import Path

import click

from copscompare.cli.commands import cities_of, command, examples
from copscompare.cli.options import complete_city, complete_metric, data_options, lang_option, load
from copscompare.cli.output import OutputOptions, emit, output_options
from copscompare.model import CATEGORIES


@command(epilog=examples("compare 常州 白城 --category public_opinion",
                          "compare 常州 武进 --all-periods -m community_police_rooms",
                          "compare 常州 白城 --transpose --svg compare.svg --html compare.html"))
@data_options
@click.argument("cities", nargs=-1, required=True, metavar="CITY...",
                shell_complete=complete_city)
@click.option("--metric", "-m", "metrics", multiple=True, metavar="M",
              shell_complete=complete_metric, help="Only these metrics (repeatable).")
@click.option("--category", type=click.Choice(CATEGORIES), default=None,
              help="Only metrics of this category.")
@click.option("--all", "show_all", is_flag=True, default=False,
              help="Also show metrics no one here reported, so a gap shows as a gap.")
@click.option("--all-periods", "all_periods", is_flag=True, default=False,
              help="Every period its own row, instead of one period per metric.")
@click.option("--transpose", is_flag=True, default=False,
              help="Jurisdictions as rows, metrics as columns.")
@lang_option
@output_options()
def compare(data: tuple[Path, ...], cities: tuple[str, ...], metrics: tuple[str, ...],
            category: str | None, show_all: bool, all_periods: bool, transpose: bool,
            lang: str | None, output: OutputOptions) -> None:
    """Jurisdictions side by side, metric by metric.

    Metrics as rows, jurisdictions as columns (--transpose for the other way). A row uses the
    latest period all share; where periods differ, each cell shows its own. The footnotes say
    which figures of other periods were left out; --all-periods shows them all.
    """
    from copscompare.analysis.compare import CompareOptions, compare_table
    from copscompare.analysis.names import resolve_metric

    dataset = load(data)
    places = cities_of(dataset, cities)
    chosen = [resolve_metric(dataset, m).id for m in metrics] or None
    options = CompareOptions(chosen, category, show_all, all_periods, transpose, lang)
    emit(compare_table(dataset, places, options), output)

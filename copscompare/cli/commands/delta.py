"""``delta`` (and ``yoy``, the same command): changes between periods, per jurisdiction."""

from __future__ import annotations

from pathlib import Path

import click

from copscompare.cli.commands import Command, cities_of, command, examples
from copscompare.cli.options import complete_city, complete_metric, data_options, lang_option, load
from copscompare.cli.output import OutputOptions, emit, output_options


@command(epilog=examples("delta -m community_police_rooms 厦门",
                          "delta -m criminal_cases_filed --format csv"))
@data_options
@click.option("--metric", "-m", "metric", required=True, metavar="M",
              shell_complete=complete_metric,
              help="Metric id, alias, or Chinese or English label.")
@click.argument("cities", nargs=-1, metavar="[CITY]...", shell_complete=complete_city)
@lang_option
@output_options()
def delta(data: tuple[Path, ...], metric: str, cities: tuple[str, ...], lang: str | None,
          output: OutputOptions) -> None:
    """Changes between periods, per jurisdiction.

    Default: every jurisdiction that reports the metric. Absolute and percent (or
    percentage-point) change between comparable periods, the annual rate over more than a
    year, and reported changes with a check against the levels.
    """
    from copscompare.analysis.delta import delta_table
    from copscompare.analysis.names import resolve_metric

    dataset = load(data)
    metric_id = resolve_metric(dataset, metric).id
    places = cities_of(dataset, cities) if cities else None
    emit(delta_table(dataset, metric_id, places, lang), output)


yoy = Command(
    "yoy", params=delta.params, callback=delta.callback,
    help="Same as delta.", epilog=examples("yoy -m community_police_rooms 厦门",
                                           "yoy -m criminal_cases_filed --format tsv"),
    short_help="Same as delta (year-on-year changes).")

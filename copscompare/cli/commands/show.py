"""``show``: everything reported for one jurisdiction."""

from __future__ import annotations

from pathlib import Path

import click

from copscompare.cli.commands import cities_of, command, examples
from copscompare.cli.options import complete_city, data_options, lang_option, load
from copscompare.cli.output import OutputOptions, emit, output_options


@command(epilog=examples("show 白城", "show 廈門 --sources --lang en"))
@data_options
@click.argument("city", metavar="CITY", shell_complete=complete_city)
@click.option("--sources", "with_sources", is_flag=True, default=False,
              help="Add each figure's verbatim quote and the curator's note.")
@lang_option
@output_options()
def show(data: tuple[Path, ...], city: str, with_sources: bool, lang: str | None,
         output: OutputOptions) -> None:
    """Everything reported for one jurisdiction.

    Grouped by category, with periods and sources; --sources adds the quotes.
    """
    from copscompare.analysis.listings import show_table

    dataset = load(data)
    emit(show_table(dataset, cities_of(dataset, (city,))[0], with_sources, lang), output)

"""``audit``: the bureaus' figures checked against each other."""

from __future__ import annotations

from pathlib import Path

import click

from copscompare.cli.commands import command, examples
from copscompare.cli.options import complete_metric, data_options, lang_option, load
from copscompare.cli.output import OutputOptions, emit, output_options


@command(epilog=examples("audit", "audit -m criminal_cases_filed --strict"))
@data_options
@click.option("--metric", "-m", "metrics", multiple=True, metavar="M",
              shell_complete=complete_metric, help="Only these metrics (repeatable).")
@click.option("--strict", is_flag=True, default=False,
              help="Exit 1 when any check differs.")
@lang_option
@output_options()
def audit(data: tuple[Path, ...], metrics: tuple[str, ...], strict: bool, lang: str | None,
          output: OutputOptions) -> None:
    """Check the bureaus' figures against each other.

    For every place and metric: each reported change against the levels of its two periods,
    a level with its absolute and percent change, a rank against the levels it ranks. A
    'differs' is a finding about the published figures, not an error in the data: the exit
    is 0 unless the data is broken, or --strict is given.
    """
    from copscompare.analysis.audit import DIFFERS, audit_table
    from copscompare.analysis.names import resolve_metric

    dataset = load(data)
    chosen = [resolve_metric(dataset, m).id for m in metrics] or None
    table = audit_table(dataset, chosen, lang)
    emit(table, output)
    if strict and any(row["verdict"] == DIFFERS for row in table.rows):
        raise click.exceptions.Exit(1)

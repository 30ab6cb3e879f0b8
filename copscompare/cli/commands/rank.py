"""``rank``: jurisdictions ranked on one metric."""

from __future__ import annotations

from pathlib import Path

import click

from copscompare.cli.commands import command, examples
from copscompare.cli.options import check_period, complete_metric, data_options, lang_option, load
from copscompare.cli.output import OutputOptions, emit, output_options
from copscompare.model import LEVELS, MEASURES, SCOPES


@command(epilog=examples("rank -m clearance_rate",
                          "rank -m community_police_rooms --chart --sources",
                          "rank -m 破案率 --measure change_pp --format csv"))
@data_options
@click.option("--metric", "-m", "metric", required=True, metavar="M",
              shell_complete=complete_metric,
              help="Metric id, alias, or Chinese or English label.")
@click.option("--measure", type=click.Choice(MEASURES), default=None,
              help="Kind of figure to rank (default: levels if any, else the kind most "
                   "jurisdictions report).")
@click.option("--scope", type=click.Choice(SCOPES), default=None,
              help="For --measure rank: rank within province, nation or city.")
@click.option("--period", metavar="P", callback=check_period, default=None,
              help="Only figures for exactly this period (2009, 2007-H1, 2017-01/2017-10).")
@click.option("--year", type=int, metavar="Y", default=None,
              help="Each jurisdiction's latest figure within year Y.")
@click.option("--top", type=click.IntRange(min=1), metavar="N", default=None,
              help="Only the first N places (ties at the cut are kept).")
@click.option("--bottom", type=click.IntRange(min=1), metavar="N", default=None,
              help="Only the last N places (ties at the cut are kept).")
@click.option("--province", metavar="NAME", default=None,
              help="Only jurisdictions in this province (Jiangsu, 江苏, 江苏省).")
@click.option("--level", "admin_level", type=click.Choice(LEVELS), default=None,
              help="Only jurisdictions at this administrative level.")
@click.option("--order", type=click.Choice(["asc", "desc"]), default=None,
              help="Sort ascending or descending instead of the metric's own order.")
@click.option("--sources", "with_sources", is_flag=True, default=False,
              help="Add the verbatim quote and the source title.")
@lang_option
@output_options()
def rank(data: tuple[Path, ...], metric: str, measure: str | None, scope: str | None,
         period: str | None, year: int | None, top: int | None, bottom: int | None,
         province: str | None, admin_level: str | None, order: str | None,
         with_sources: bool, lang: str | None, output: OutputOptions) -> None:
    """Rank jurisdictions on one metric, in the metric's order.

    Best first where the outcome is plain (fewer crimes, more cases cleared), else largest
    first. Kinds of figure are never mixed: levels when there are any, else the reported
    changes (the title says which); published ranks of different provinces are ranked apart.
    Ties share a rank (=2); * marks an approximate or bounded figure.
    """
    from copscompare.analysis.names import resolve_metric, resolve_province
    from copscompare.analysis.rank import RankOptions, rank_table

    if period is not None and year is not None:
        raise click.UsageError("give --period or --year, not both")
    dataset = load(data)
    options = RankOptions(
        metric=resolve_metric(dataset, metric).id, measure=measure, scope=scope, period=period,
        year=year, top=top, bottom=bottom,
        province=resolve_province(dataset, province) if province else None,
        level=admin_level, order=order, sources=with_sources, lang=lang)
    emit(rank_table(dataset, options), output)

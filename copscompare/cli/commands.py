"""The commands: each resolves the names typed, calls one analysis, and emits the table.

An unknown name is a usage error with suggestions (copscompare.analysis.names); every command
that prints a table takes the shared output options (``output``). ``COMMANDS`` lists them all:
``app`` registers them on the group, so nothing here imports ``app``.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from copscompare.cli.options import (
    check_period,
    complete_city,
    complete_metric,
    data_options,
    lang_option,
    load,
    paths_given,
)
from copscompare.cli.output import (
    OutputOptions,
    emit,
    emit_binary,
    emit_text,
    output_options,
    show_problems,
)
from copscompare.model import CATEGORIES, LEVELS, MEASURES, SCOPES

if TYPE_CHECKING:
    from copscompare.model import Dataset


class Command(click.Command):
    """A command whose usage errors show its own usage line (``copscompare rank [OPTIONS]``),
    not the group's: an unknown name (NotFound) or a usage error raised without a context."""

    def invoke(self, ctx: click.Context) -> Any:
        from copscompare.errors import NotFound

        try:
            return super().invoke(ctx)
        except NotFound as exc:
            raise click.UsageError(str(exc), ctx) from None
        except click.UsageError as exc:
            if exc.ctx is not None:
                raise
            raise click.UsageError(exc.message, ctx) from None


command = functools.partial(click.command, cls=Command)


def examples(*commands: str) -> str:
    """The end of a command's help: the example command lines, kept as written (``\\b``)."""
    return "Examples:\n\n\b\n" + "\n".join(f"  copscompare {c}" for c in commands)


def _cities(dataset: Dataset, names: tuple[str, ...]) -> list[str]:
    from copscompare.analysis.names import resolve_jurisdiction

    return [resolve_jurisdiction(dataset, name).id for name in names]


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
        cities=tuple(_cities(dataset, cities)), category=category, search=search,
        sources=tuple(resolve_source(dataset, s) for s in sources), period=period)
    if output.fmt == "sqlite":
        from copscompare import render

        emit_binary(output, lambda handle: render.write_sqlite(subset(dataset, chosen), handle))
    else:
        emit(export_table(dataset, chosen), output)


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
    places = _cities(dataset, cities) if cities else None
    emit(delta_table(dataset, metric_id, places, lang), output)


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


yoy = Command(
    "yoy", params=delta.params, callback=delta.callback,
    help="Same as delta.", epilog=examples("yoy -m community_police_rooms 厦门",
                                           "yoy -m criminal_cases_filed --format tsv"),
    short_help="Same as delta (year-on-year changes).")


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
    places = _cities(dataset, cities)
    chosen = [resolve_metric(dataset, m).id for m in metrics] or None
    options = CompareOptions(chosen, category, show_all, all_periods, transpose, lang)
    emit(compare_table(dataset, places, options), output)


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
    emit(show_table(dataset, _cities(dataset, (city,))[0], with_sources, lang), output)


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


def _check_published(ctx: click.Context, param: click.Parameter,
                     value: str | None) -> str | None:
    """``--published`` is a date as a source's date is written: YYYY-MM-DD, YYYY-MM or YYYY."""
    from copscompare.extract.when import published_of

    if value is not None and published_of(value).year is None:
        raise click.BadParameter(f"'{value}' is not a date written YYYY-MM-DD, YYYY-MM or YYYY",
                                 ctx, param)
    return value


def _same_file(one: Path, other: Path) -> bool:
    """Whether two paths name the same file (device and inode: through any link)."""
    try:
        return os.path.samefile(one, other)
    except OSError:  # either is not there (yet)
        return False


@command(epilog=examples("extract article.txt", "extract article.txt --format table",
                         "extract article.txt --data bundled --data mine.yaml -o draft.yaml"))
@click.argument("article", type=click.Path(path_type=Path, dir_okay=False),
                metavar="ARTICLE.txt")
@data_options
@click.option("--source", "source_id", metavar="ID", default=None,
              help="Id of the drafted source (default: the next free sNNN in the data).")
@click.option("--jurisdiction", metavar="CITY", default=None, shell_complete=complete_city,
              help="The place the article is about (default: the place of the data it names "
                   "most).")
@click.option("--published", metavar="DATE", callback=_check_published, default=None,
              help="Publication date, YYYY-MM-DD (default: the date the text gives); "
                   "今年, 去年 and 目前 are read from it.")
@click.option("--all", "include_context", is_flag=True, default=False,
              help="Also draft figures that are no police figures (GDP, population, budgets), "
                   "flagged context.")
@output_options(default="yaml", formats=("yaml", "csv", "json", "table"))
def extract(article: Path, data: tuple[Path, ...], source_id: str | None,
            jurisdiction: str | None,
            published: str | None, include_context: bool, output: OutputOptions) -> None:
    """Draft an article's police figures as observations for a curator to review.

    One row per figure: value (sign and multiplier applied), measure, qualifier, unit, metric
    (the data's, or a proposed new one), period, baseline, jurisdiction, the quote that
    proves it, and flags naming what the curator must decide. Every row passes the checker's
    rules; a figure that does not is dropped and counted on stderr. The YAML is ready to paste
    into a data file (docs/curating.md).
    """
    from copscompare.extract.article import read_article
    from copscompare.extract.draft import Options, draft_article

    if output.path is not None and _same_file(output.path, article):
        raise click.UsageError("-o names the article itself; copscompare never writes over a "
                               "file it read")
    if output.fmt == "yaml" and (output.chart or output.svg or output.html):
        raise click.UsageError("--chart, --svg and --html draw a table; use --format table")
    dataset = load(data)
    draft = draft_article(read_article(article), dataset,
                          Options(source_id, jurisdiction, published, include_context))
    for note in draft.notes:
        click.echo(f"note: {note}", err=True)
    if draft.dropped:
        click.echo(f"{draft.dropped} figures dropped: they did not pass the checker's rules",
                   err=True)
    if output.fmt == "yaml":
        from copscompare.extract.yamltext import draft_yaml

        emit_text(draft_yaml(draft), output)
    else:
        from copscompare.extract.table import draft_table

        emit(draft_table(draft, dataset.metrics), output)


COMMANDS = (check, export, extract, rank, delta, yoy, audit, compare, show, cities, sources,
            metrics)

"""``extract``: an article's police figures drafted as observations for a curator."""

from __future__ import annotations

import os
from pathlib import Path

import click

from copscompare.cli.commands import command, examples
from copscompare.cli.options import complete_city, data_options, load
from copscompare.cli.output import OutputOptions, emit, emit_text, output_options


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

"""The command line: thin click commands over loading, analysis and rendering.

The one place that imports click and the one place that turns the package's exceptions into
messages and exit codes: 0 ok, 1 data error, 2 usage error, 130 interrupted.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from copscompare import __version__
from copscompare.cli.output import OutputOptions, emit, output_options
from copscompare.errors import CopsError, DataError, NotFound

EXIT_DATA, EXIT_USAGE, EXIT_INTERRUPTED = 1, 2, 130
MAX_SHOWN = 1000  # problems printed at most; the count printed after them covers them all
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """One line with every control character written as an escape (``\\x1b``, ``\\n``).

    Messages quote what a data file says; written out raw, an escape sequence in a file would act
    on the terminal (retitle it, clear it, fake a line) instead of showing what is wrong.
    """
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def error(message: str) -> None:
    """The one helper that prints an error for the user: on stderr, prefixed with the tool name."""
    click.echo(f"copscompare: error: {visible(message)}", err=True)


class DataFailure(click.ClickException):
    """A data error, shown as one FILE:LINE line per problem; exit 1."""

    exit_code = EXIT_DATA

    def __init__(self, exc: DataError) -> None:
        super().__init__(str(exc))
        self.problems = exc.problems

    def show(self, file: Any = None) -> None:
        for problem in self.problems[:MAX_SHOWN]:
            click.echo(visible(str(problem)), err=True)
        if len(self.problems) > MAX_SHOWN:
            click.echo(f"... and {len(self.problems) - MAX_SHOWN} more problem(s) not shown",
                       err=True)
        errors = sum(p.severity == "error" for p in self.problems)
        error(f"{errors} error(s) in the data; nothing was changed")


class CopsGroup(click.Group):
    """Turns the package's exceptions into click exceptions with the right exit codes."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DataError as exc:
            raise DataFailure(exc) from None
        except NotFound as exc:
            raise click.UsageError(str(exc), ctx) from None
        except CopsError as exc:
            raise click.ClickException(str(exc)) from None


def data_options(func: Callable) -> Callable:
    """``--data`` and ``--no-cache``, shared by every command that reads data."""
    @click.option("--data", "data", type=click.Path(path_type=Path), default=None,
                  help="Data file or folder of *.yaml files "
                       "(default: $COPSCOMPARE_DATA, else the bundled data).")
    @click.option("--no-cache", "no_cache", is_flag=True, default=False,
                  help="Read the YAML even if it is unchanged since the last run "
                       "(also $COPSCOMPARE_NO_CACHE=1).")
    @functools.wraps(func)
    def wrapper(*args: Any, no_cache: bool, **kwargs: Any) -> Any:
        if no_cache:
            click.get_current_context().meta[NO_CACHE] = True
        return func(*args, **kwargs)
    return wrapper


NO_CACHE = "copscompare.no_cache"  # set in the click context's meta by --no-cache


def load(data: Path | None) -> Any:
    from copscompare import loading

    context = click.get_current_context(silent=True)
    use_cache = not (context is not None and context.meta.get(NO_CACHE))
    return loading.load(data, use_cache=use_cache)


@click.group(cls=CopsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="copscompare")
def cli() -> None:
    """Check what Chinese public security bureaus (公安局) reported about themselves.

    Every figure comes with its source and the verbatim quote that contains it.
    """


@cli.command()
@data_options
@click.option("--sources", "sources", type=click.Path(path_type=Path, file_okay=False),
              default=None, help="Folder of archived article texts: check every quote in them.")
def check(data: Path | None, sources: Path | None) -> None:
    """Validate the data and print a summary; exit 1 on any error."""
    from copscompare import loading

    dataset = load(data)
    problems = list(dataset.warnings)
    if sources is not None:
        if not sources.is_dir():
            raise NotFound(f"--sources: no such folder '{sources}'")
        found = loading.check_quotes(dataset, sources)
        problems.extend(found)
        if found:
            raise DataError(problems)
    for problem in problems:
        click.echo(visible(str(problem)), err=True)
    warnings = sum(p.severity == "warning" for p in problems)
    click.echo(
        f"ok: {len(dataset.jurisdictions)} jurisdictions, {len(dataset.metrics)} metrics, "
        f"{len(dataset.sources)} sources, {len(dataset.observations)} observations, "
        f"{warnings} warning(s)" + (", every quote found in its source" if sources else "")
    )


@cli.command()
@data_options
@output_options(default="csv", formats=("csv", "tsv", "json"))
def export(data: Path | None, output: OutputOptions) -> None:
    """Every observation, one row each, for spreadsheets and scripts (docs/export.md)."""
    from copscompare.export import export_table

    emit(export_table(load(data)), output)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI with ``argv``; return the exit code instead of exiting (testable)."""
    try:
        result = cli.main(args=argv, prog_name="copscompare", standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except (click.Abort, KeyboardInterrupt):
        # click has already ended the line the ^C was typed on
        click.echo("copscompare: interrupted", err=True)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader (e.g. `head`) went away: stop quietly, and keep Python from
        # complaining again when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    return result if isinstance(result, int) else 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


# Commands defined in other modules register themselves on ``cli`` when imported.
from copscompare.cli import commands  # noqa: E402, F401

"""The command group, ``main``/``run``, and the one place that maps errors to exit codes.

The package's exceptions become messages and exit codes here and nowhere else: 0 ok, 1 data
error (every problem as a ``FILE:LINE`` line), 2 usage error (with suggestions), 130
interrupted; a closed pipe ends quietly. Commands live in ``commands`` and are registered
below with ``cli.add_command``: ``commands`` never imports this module.
"""

from __future__ import annotations

import os
import sys
from typing import IO, Any

import click

from copscompare import __version__
from copscompare.cli import commands
from copscompare.errors import CopsError, DataError, NotFound

EXIT_DATA, EXIT_USAGE, EXIT_INTERRUPTED = 1, 2, 130
MAX_SHOWN = 1000  # problems printed at most; the count printed after them covers them all


def error(message: str) -> None:
    """The one helper that prints an error for the user: on stderr, prefixed with the tool name."""
    from copscompare.render.sanitize import for_message

    click.echo(f"copscompare: error: {for_message(message)}", err=True)


class DataFailure(click.ClickException):
    """A data error, shown as one FILE:LINE line per problem; exit 1."""

    exit_code = EXIT_DATA

    def __init__(self, exc: DataError) -> None:
        super().__init__(str(exc))
        self.problems = exc.problems

    def show(self, file: IO[Any] | None = None) -> None:  # noqa: ARG002 - click's signature
        from copscompare.render.sanitize import for_message

        for problem in self.problems[:MAX_SHOWN]:
            click.echo(for_message(str(problem)), err=True)
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


@click.group(cls=CopsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="copscompare")
def cli() -> None:
    """Check what Chinese public security bureaus (公安局) reported about themselves.

    Every figure comes with its source and the verbatim quote that contains it.
    """


for _command in commands.COMMANDS:
    cli.add_command(_command)


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

"""The command group, ``main``/``run``, and the one place that maps errors to exit codes.

The package's exceptions become messages and exit codes here and nowhere else: 0 ok, 1 data
error (every problem as a ``FILE:LINE`` line), 2 usage error (with suggestions), 130
interrupted; a closed pipe ends quietly. Commands live in ``commands``, a module each, and the
group builds the one it runs (``get_command``): ``commands`` never imports this module.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from typing import IO, Any

import click

from copscompare import __version__
from copscompare.cli import EXIT_INTERRUPTED, commands
from copscompare.cli.output import discard_stdout, show_problems
from copscompare.errors import BadUsage, CopsError, DataError, Terminated
from copscompare.loading.pause import collector_paused

EXIT_DATA, EXIT_USAGE = 1, 2
EXIT_INTERNAL = 70  # a bug (sysexits' EX_SOFTWARE)
DEBUG_ENV = "COPSCOMPARE_DEBUG"


def error(message: str) -> None:
    """The one helper that prints an error for the user: on stderr, prefixed with the tool name."""
    from copscompare.render.sanitize import for_message

    click.echo(f"copscompare: error: {for_message(message)}", err=True)


class DataFailure(click.ClickException):
    """A data error, shown as one FILE:LINE line per problem; exit 1."""

    exit_code = EXIT_DATA

    def __init__(self, exc: DataError) -> None:
        super().__init__(str(exc))
        self.exc = exc

    def show(self, file: IO[Any] | None = None) -> None:  # noqa: ARG002 - click's signature
        exc = self.exc
        show_problems(exc.problems, exc.more_errors + exc.more_warnings, "problem")
        error(f"{exc.errors} error(s) in the data; nothing was changed")


class ReaderGone(Exception):
    """Standard output's reader went away (``| head``) while a command wrote: raised in place
    of BrokenPipeError, which click would turn into exit 1, so that ``main`` ends quietly."""


class CopsGroup(click.Group):
    """The commands of ``commands``, each built when it is asked for; turns the package's
    exceptions into click exceptions with the right exit codes."""

    def list_commands(self, ctx: click.Context) -> list[str]:  # noqa: ARG002 - click's signature
        return sorted(commands.MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str  # noqa: ARG002 - click's
                    ) -> click.Command | None:
        return commands.command_named(cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise ReaderGone from None
        except DataError as exc:
            raise DataFailure(exc) from None
        except BadUsage as exc:
            raise click.UsageError(str(exc), ctx) from None
        except CopsError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=CopsGroup, context_settings={"help_option_names": ["-h", "--help"]})
# message and help as click's own defaults, given here so that no translation is looked up
@click.version_option(__version__, prog_name="copscompare",
                      message="%(prog)s, version %(version)s", help="Show the version and exit.")
def cli() -> None:
    """Check what Chinese public security bureaus (公安局) reported about themselves.

    Every figure comes with its source and the verbatim quote that contains it.
    """


def main(argv: list[str] | None = None) -> int:
    """Run the CLI with ``argv``; return the exit code instead of exiting (testable).

    Streams the shell closed (``>&-``): output to a closed stdout fails as a write error
    (exit 1, said on stderr); with stderr closed, errors are not shown at all (never on stdout)
    and only the exit code tells. The cyclic garbage collector is paused for the command
    (``loading.pause``): a run makes its objects by the million, and no garbage cycles.
    """
    closed = sys.stdout is None
    if closed:
        sys.stdout = _Closed()
    try:
        with collector_paused():
            return _main(argv)
    except Exception as exc:  # a bug: one line on stderr, never a traceback
        if os.environ.get(DEBUG_ENV):
            raise
        if sys.stderr is not None:
            error(f"internal error ({type(exc).__name__}: {exc}); this is a bug in copscompare: "
                  f"please report it with the command (set {DEBUG_ENV}=1 for the traceback)")
        return EXIT_INTERNAL
    finally:
        if closed:
            sys.stdout = None  # as it was


def _main(argv: list[str] | None) -> int:
    try:
        result = cli.main(args=argv, prog_name="copscompare", standalone_mode=False)
        _flush_stdout()
    except click.ClickException as exc:
        _show(exc)
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except (click.Abort, KeyboardInterrupt):
        # click has already ended the line the ^C was typed on
        click.echo("copscompare: interrupted", err=True)
        return EXIT_INTERRUPTED
    except Terminated as exc:
        click.echo(f"\ncopscompare: terminated by signal {exc.signum}; nothing was left half "
                   "written", err=True)
        return 128 + exc.signum
    except (BrokenPipeError, ReaderGone):
        # The reader (e.g. `head`) went away: stop quietly, and keep Python from
        # complaining again when it flushes stdout at exit.
        discard_stdout()
        return 0
    except OSError as exc:  # a stream failed in click.echo: a summary line, help, the version
        if exc.filename is not None:  # not a stream: files are opened with their errors handled
            raise
        discard_stdout()
        _show(click.ClickException(f"cannot write to standard output: {exc.strerror or exc}"))
        return EXIT_DATA
    return result if isinstance(result, int) else 0


def _show(exc: click.ClickException) -> None:
    """Show a click error on stderr, cleaned of control characters (the command line echoed in
    it may hold escape sequences); nowhere when stderr is closed."""
    if isinstance(exc, DataFailure):
        exc.show()
        return
    if sys.stderr is None:
        return
    from copscompare.render.sanitize import for_message

    shown = io.StringIO()
    exc.show(file=shown)
    lines = shown.getvalue().split("\n")
    with contextlib.suppress(OSError):  # stderr itself failing: the exit code still tells
        click.echo("\n".join(map(for_message, lines)), err=True, nl=False)


class _Closed(io.TextIOBase):
    """Standard output the shell closed (``>&-``): every write fails as a closed one does."""

    def writable(self) -> bool:
        return True

    def write(self, _text: str) -> int:
        raise OSError(errno.EBADF, "it is closed")


def _flush_stdout() -> None:
    """Flush stdout now, so that a write error (a full disk) is reported, not lost at exit."""
    if sys.stdout is not None:
        sys.stdout.flush()

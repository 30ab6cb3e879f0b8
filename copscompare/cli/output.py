"""Output options shared by every command that prints a table, and the one format dispatch.

Commands take ``@output_options()`` and receive ``output: OutputOptions``; they build a Table
and call ``emit(table, output)``. Nothing else in the CLI decides how a table is written.

Rules ``emit`` follows:

- Streams: data on stdout (or the ``-o`` file); errors on stderr. Footnotes belong to what a
  journalist pastes, so table and markdown output carry them below the table; CSV, TSV and JSON
  keep the data clean and send them to stderr as ``note: ...`` lines.
- ``--format table`` is a boxed table fitted to the window when stdout is a terminal or colour
  is forced (its header repeated every screenful on a terminal), else the same table as plain
  text. ``--fmt NAME`` draws the plain table in any tabulate format.
- Colour: off with ``--no-color`` or a non-empty ``NO_COLOR``; else on with a non-empty
  ``FORCE_COLOR`` (even on a pipe); else on only when stdout is a terminal. A file written with
  ``-o``, ``--svg`` or ``--html`` is never coloured by this rule (SVG and HTML carry their own).
- ``-o FILE``, ``--svg FILE`` and ``--html FILE`` are written whole or not at all (a temporary
  file, then a rename); no output option writes to a ``.yaml``/``.yml`` file, so a data file
  cannot be overwritten by a slip of the keyboard.
- Text goes out as UTF-8 (with ``--excel``: a byte-order mark and CRLF line ends).
- Binary formats (``xlsx``, ``sqlite``) need ``-o FILE``: without it, or with ``-o -``, it is a
  usage error, so a terminal never receives a workbook's bytes.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, NamedTuple

import click
from click.core import ParameterSource

from copscompare.cli.options import DATA_READ
from copscompare.errors import MAX_KEPT, CopsError, Problem
from copscompare.render import FORMATS
from copscompare.table import Table

ALL_FORMATS = FORMATS
MACHINE_FORMATS = ("csv", "tsv", "json")
PROTECTED_SUFFIXES = (".yaml", ".yml")

_LOSSY = "copscompare.question_marks"  # the codec error handler of _as_the_terminal_can
# Made once for every command (as options.ANY_PATH, for the same reason).
_FILE_OR_DASH = click.Path(dir_okay=False, allow_dash=True)
_FILE = click.Path(dir_okay=False)


class OutputOptions(NamedTuple):
    fmt: str  # one of ALL_FORMATS or BINARY_FORMATS
    tablefmt: str | None = None  # a tabulate format name (--fmt); implies fmt == "table"
    path: Path | None = None  # -o FILE; None for stdout (also for ``-o -``: see ``dash``)
    excel: bool = False  # CSV for Excel: BOM and CRLF
    chart: bool = False  # draw the table's bars
    svg: Path | None = None
    html: Path | None = None
    no_color: bool = False


def wants_colour(no_color: bool, environ: Mapping[str, str], isatty: bool) -> bool:
    """Colour or not, by the rule in the module doc (``NO_COLOR`` wins over ``FORCE_COLOR``)."""
    if no_color or environ.get("NO_COLOR", ""):
        return False
    return bool(environ.get("FORCE_COLOR", "")) or isatty


def _check_tablefmt(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--fmt`` must name a tabulate format; an unknown one is a usage error with suggestions."""
    if value is None:
        return None
    from copscompare.render import table_formats

    known = table_formats()
    if value in known:
        return value
    from copscompare.errors import suggest
    from copscompare.render.text import refused_format

    if refused_format(value):
        raise click.BadParameter(
            f"unknown table format '{value}': copscompare does not offer it, as it cannot "
            f"escape its markup (formats: {', '.join(known)})", ctx, param)
    hint = suggest(value, known) or f" (formats: {', '.join(known)})"
    raise click.BadParameter(f"unknown table format '{value}'{hint}", ctx, param)


def _check_target(ctx: click.Context, param: click.Parameter, value: str | None,
                  drafts: bool = False) -> Path | None:
    """A file to write: a name that is not empty, not a folder (``x.csv/``), and not named like
    a data file (whatever its name, a data file read in this run is refused when writing).
    A command that writes YAML drafts (``drafts``: extract) may name a ``*.yaml`` file, but
    only one that does not exist yet: a draft never replaces a file, data or not."""
    if value is None:
        return None
    if not value:
        raise click.BadParameter("the file name is empty", ctx, param)
    if value.endswith(("/", os.sep)):
        raise click.BadParameter(f"'{value}' ends with '/', as a folder does: give a file name",
                                 ctx, param)
    path = Path(value)
    if drafts and path.suffix.lower() in PROTECTED_SUFFIXES:
        if os.path.lexists(path):
            raise click.BadParameter(f"'{value}' exists; a draft is written only to a new file, "
                                     "so that no data file is ever written over", ctx, param)
        return path
    if path.suffix.lower() in PROTECTED_SUFFIXES:
        raise click.BadParameter(f"'{value}' looks like a data file; copscompare never writes "
                                 "to data files", ctx, param)
    return path


def _resolve_format(fmt: str | None, tablefmt: str | None, excel: bool, default: str) -> str:
    """The format asked for: ``--format``, else implied by ``--excel`` (csv) or ``--fmt``."""
    ctx = click.get_current_context(silent=True)
    if excel and tablefmt:
        raise click.UsageError("--excel writes CSV and --fmt draws a table: choose one", ctx)
    if tablefmt and fmt not in (None, "table"):
        raise click.UsageError(f"--fmt draws a table; it cannot be used with --format {fmt}",
                               ctx)
    if excel and fmt not in (None, "csv"):
        raise click.UsageError(f"--excel writes CSV; it cannot be used with --format {fmt}",
                               ctx)
    return fmt or ("csv" if excel else "table" if tablefmt else default)


def _given(fmt: str) -> str | None:
    """``--format`` if the user gave it, None if it is the command's default."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None and ctx.get_parameter_source("fmt") is ParameterSource.DEFAULT:
        return None
    return fmt


def output_options(default: str = "table", formats: tuple[str, ...] = ALL_FORMATS
                   ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Add the shared output options to a command; it receives ``output: OutputOptions``.

    Options for people (``--fmt``, ``--chart``, ``--svg``, ``--html``, ``--no-color``) are added
    only when ``table`` is among ``formats``; ``--excel`` only when ``csv`` is.
    """
    people = "table" in formats
    options: list[Callable[[Callable[..., Any]], Callable[..., Any]]] = [
        click.option("--format", "fmt", type=click.Choice(formats), default=default,
                     show_default=True, help="Output format."),
    ]
    if people:
        options.append(click.option(
            "--fmt", "output_tablefmt", metavar="NAME", default=None, callback=_check_tablefmt,
            help="Draw the table in a tabulate format (github, pipe, grid, latex, html, "
                 "rst, ...: those whose markup is escaped); implies --format table."))
    options.append(click.option(
        "-o", "--output", "output_path", metavar="FILE", default=None,
        callback=functools.partial(_check_target, drafts="yaml" in formats),
        type=_FILE_OR_DASH,
        help="Write to FILE instead of stdout, whole or not at all."))
    if "csv" in formats:
        options.append(click.option(
            "--excel", "output_excel", is_flag=True, default=False,
            help="CSV for Excel with Chinese text: UTF-8 with BOM, CRLF line ends; "
                 "implies --format csv."))
    if people:
        options += [
            click.option("--chart", "output_chart", is_flag=True, default=False,
                         help="Draw bars beside the values (table and markdown output, "
                              "--svg and --html)."),
            click.option("--svg", "output_svg", metavar="FILE", default=None,
                         callback=_check_target,
                         type=_FILE,
                         help="Also save the table as an SVG image for publishing."),
            click.option("--html", "output_html", metavar="FILE", default=None,
                         callback=_check_target,
                         type=_FILE,
                         help="Also save the table as an HTML page for publishing."),
            click.option("--no-color", "output_no_color", is_flag=True, default=False,
                         help="No colour (also: NO_COLOR=1; FORCE_COLOR=1 forces it)."),
        ]

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def wrapper(*args: Any, fmt: str, output_path: Path | None,
                    output_tablefmt: str | None = None, output_excel: bool = False,
                    output_chart: bool = False, output_svg: Path | None = None,
                    output_html: Path | None = None, output_no_color: bool = False,
                    **kwargs: Any) -> Any:
            output = OutputOptions(
                fmt=_resolve_format(_given(fmt), output_tablefmt, output_excel, default),
                tablefmt=output_tablefmt,
                path=None if output_path is None or str(output_path) == "-" else output_path,
                excel=output_excel, chart=output_chart, svg=output_svg, html=output_html,
                no_color=output_no_color)
            return func(*args, output=output, **kwargs)

        for option in reversed(options):
            wrapper = option(wrapper)
        return wrapper
    return decorate


def emit(table: Table, output: OutputOptions) -> None:
    """Write ``table`` as ``output`` says (rules in the module doc)."""
    from copscompare import render

    if output.chart and render.chart_key(table) is None:
        raise click.UsageError("this command has no chart (--chart)",
                               click.get_current_context(silent=True))
    if output.fmt == "xlsx":
        emit_binary(output, lambda handle: render.write_xlsx(table, handle))
        return
    if output.svg is not None:
        _write_file(output.svg, render.export_svg(table, chart=output.chart))
    if output.html is not None:
        _write_file(output.html, render.export_html(table, chart=output.chart))

    isatty = _isatty(sys.stdout)
    colour = output.path is None and wants_colour(output.no_color, os.environ, isatty)
    if (output.fmt == "table" and output.tablefmt is None and output.path is None
            and (isatty or colour)):
        width, lines = render.screen_size(sys.stdout)
        with _as_the_terminal_can(isatty):
            render.print_boxed(table, sys.stdout, colour=colour, chart=output.chart, width=width,
                               height=lines if isatty else None)
    else:
        pieces = render.render_pieces(table, output.fmt, tablefmt=output.tablefmt,
                                      excel=output.excel, chart=output.chart)
        if output.path is not None:
            _write_to(output.path, lambda handle: handle.writelines(
                piece.encode("utf-8") for piece in pieces))
        else:
            with _as_the_terminal_can(isatty):
                _write_stdout(pieces, isatty)
    if output.fmt in MACHINE_FORMATS:
        from copscompare.render.sanitize import for_terminal

        for note in table.footnotes:
            click.echo(f"note: {for_terminal(note)}", err=True)


def emit_binary(output: OutputOptions, write: Callable[[IO[bytes]], None]) -> None:
    """A binary format (``xlsx``, ``sqlite``) written by ``write`` to the ``-o`` file, whole or
    not at all; without ``-o FILE`` a usage error (module doc)."""
    if output.path is None:
        raise click.UsageError(f"--format {output.fmt} writes a binary file: give -o FILE "
                               "(it is never written to the terminal or stdout)",
                               click.get_current_context(silent=True))
    _write_to(output.path, write)


@contextlib.contextmanager
def _as_the_terminal_can(isatty: bool) -> Iterator[None]:
    """On a terminal whose encoding is not UTF-8 (``LANG=C``, ``PYTHONIOENCODING=gb2312``),
    characters it cannot show are written as ``?``, and a note on stderr says how many and how
    to see them all, instead of the run failing on the first one."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    if not isatty or not hasattr(sys.stdout, "reconfigure") or _is_utf8(encoding):
        yield
        return
    import codecs

    lost = 0

    def question_marks(exc: UnicodeError) -> tuple[str, int]:
        nonlocal lost
        assert isinstance(exc, UnicodeEncodeError)
        lost += exc.end - exc.start
        return "?" * (exc.end - exc.start), exc.end

    codecs.register_error(_LOSSY, question_marks)
    errors = sys.stdout.errors
    sys.stdout.reconfigure(errors=_LOSSY)
    try:
        yield
    finally:
        sys.stdout.reconfigure(errors=errors)
    if lost:
        click.echo(f"note: this terminal's encoding ({encoding}) cannot show {lost} "
                   "character(s), written as '?'; use a UTF-8 locale (LANG=C.UTF-8) or write "
                   "a file with -o", err=True)


def _is_utf8(encoding: str) -> bool:
    import codecs

    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def emit_text(text: str, output: OutputOptions) -> None:
    """Text a command writes as it is (extract's YAML draft): to ``-o`` whole or not at all,
    else to stdout, by the same rules as ``emit``."""
    if output.path is not None:
        _write_file(output.path, text)
    else:
        _write_stdout(text, _isatty(sys.stdout))


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _write_stdout(text: str | Iterable[str], isatty: bool) -> None:
    """Text on stdout, whole or in pieces as they come: UTF-8 bytes on a pipe or file (exactly,
    whatever the locale says).

    A write that fails (a closed stdout, a full disk) is an error (exit 1), said on stderr."""
    pieces = (text,) if isinstance(text, str) else text
    try:
        binary = None if isatty else getattr(sys.stdout, "buffer", None)
        if binary is None:
            for piece in pieces:
                sys.stdout.write(piece)
            sys.stdout.flush()
            return
        sys.stdout.flush()
        for piece in pieces:
            binary.write(piece.encode("utf-8"))
        binary.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        discard_stdout()
        raise click.ClickException(f"cannot write to standard output: {exc.strerror or exc}"
                                   ) from None


def discard_stdout() -> None:
    """Point stdout's descriptor at /dev/null after a failed write, so that Python's own flush at
    exit, of what could not be written, neither fails again nor complains."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _write_file(path: Path, text: str) -> None:
    """``text`` to ``path`` as UTF-8, whole or not at all; a failure is an error (exit 1)."""
    _write_to(path, lambda handle: handle.write(text.encode("utf-8")))


def _write_to(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """What ``write`` writes to ``path``, whole or not at all (copscompare.atomic); a failure is
    an error (exit 1); a data file this run read is never written, whatever its name (exit 2)."""
    from copscompare.atomic import atomic_write

    _refuse_data_file(path)
    try:
        with atomic_write(path, "wb") as handle:
            write(handle)
    except OSError as exc:
        raise click.ClickException(f"cannot write '{path}': {exc.strerror or exc}") from None


def _refuse_data_file(path: Path) -> None:
    """A usage error when ``path`` is, through any link, one of the data files this run read:
    the same file (device and inode), whatever it is called."""
    context = click.get_current_context(silent=True)
    read = context.meta.get(DATA_READ) if context is not None else None
    if read is None:
        return
    from copscompare.loading import data_files

    try:
        target = os.stat(path)
        files = data_files(read)
    except (OSError, CopsError):  # nothing there yet, or the data is gone
        return
    for file in files:
        with contextlib.suppress(OSError):
            found = os.stat(file)
            if (found.st_dev, found.st_ino) == (target.st_dev, target.st_ino):
                raise click.UsageError(f"'{path}' is the data file {file}, read by this "
                                       "command; copscompare never writes to data files",
                                       context)


def show_problems(problems: Sequence[Problem], more: int, what: str) -> None:
    """Print up to MAX_KEPT problems on stderr, one line each, then how many more there are
    (``more``: found beyond those kept)."""
    from copscompare.render.sanitize import for_message

    for problem in problems[:MAX_KEPT]:
        click.echo(for_message(str(problem)), err=True)
    hidden = max(0, len(problems) - MAX_KEPT) + more
    if hidden:
        click.echo(f"... and {hidden} more {what}(s) not shown", err=True)

"""Options shared by several commands, their callbacks, and loading the data a command names.

- ``data_options``: ``--data`` (a file or folder, as often as wanted: layers merged in order,
  ``bundled`` naming the bundled data; default ``$COPSCOMPARE_DATA``, else the bundled data)
  and ``--no-cache``, which ``load`` reads back from the click context.
- ``lang_option``: ``--lang zh|en``, names in one language only.
- ``check_period``: ``--period`` must be written as the data writes periods.
- ``complete_metric``/``complete_city``: shell completion, loaded only when a shell asks.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

if TYPE_CHECKING:  # both imported only where they are used
    from click.shell_completion import CompletionItem

    from copscompare.model import Dataset

F = TypeVar("F", bound=Callable[..., Any])
NO_CACHE = "copscompare.no_cache"  # set in the click context's meta by --no-cache
DATA_READ = "copscompare.data_read"  # the data layers ``load`` read, in the click context's meta
# One instance for every command: click.Path asks gettext for its name each time one is made
# (a search for translation files), which took half the time of building the commands.
ANY_PATH = click.Path()


def path_given(ctx: click.Context, param: click.Parameter, value: str | None) -> Path | None:
    """A path typed on the command line; an empty one is a usage error (``Path("")`` would be
    the current folder)."""
    if value is None:
        return None
    if not value:
        raise click.BadParameter("the path is empty", ctx, param)
    return Path(value)


def paths_given(ctx: click.Context, param: click.Parameter,
                value: tuple[str, ...]) -> tuple[Path, ...]:
    """Paths typed on the command line (``path_given`` for each)."""
    return tuple(Path(path) for path in value if path_given(ctx, param, path) is not None)


def data_options(func: F) -> F:
    """``--data`` and ``--no-cache``, shared by every command that reads data."""
    @click.option("--data", "data", type=ANY_PATH, multiple=True, callback=paths_given,
                  metavar="PATH",
                  help="Data file or folder of *.yaml files; repeat to add layers, in order "
                       "('bundled' is the bundled data: --data bundled --data mine.yaml). "
                       "Default: $COPSCOMPARE_DATA (paths separated by ':'), else the "
                       "bundled data.")
    @click.option("--no-cache", "no_cache", is_flag=True, default=False,
                  help="Read the YAML even if it is unchanged since the last run "
                       "(also $COPSCOMPARE_NO_CACHE=1).")
    @functools.wraps(func)
    def wrapper(*args: Any, no_cache: bool, **kwargs: Any) -> Any:
        if no_cache:
            click.get_current_context().meta[NO_CACHE] = True
        return func(*args, **kwargs)
    return cast(F, wrapper)


def load(data: tuple[Path, ...]) -> Dataset:
    """The dataset ``--data`` names, from the cache unless ``--no-cache`` was given; the
    layers are kept in the context (``DATA_READ``) so that no output is written over them."""
    from copscompare import loading

    remember_data_read(data)
    return loading.load(data, use_cache=use_cache())


def remember_data_read(data: tuple[Path, ...]) -> None:
    """Keep the layers ``data`` names in the click context (``DATA_READ``): an output path that
    is one of their files is refused (cli.output)."""
    from copscompare import loading

    context = click.get_current_context(silent=True)
    if context is not None:
        context.meta[DATA_READ] = loading.data_layers(data)


def use_cache() -> bool:
    """False when ``--no-cache`` was given."""
    context = click.get_current_context(silent=True)
    return not (context is not None and context.meta.get(NO_CACHE))


def lang_option(func: F) -> F:
    """``--lang zh|en``: which names to show (default both, e.g. ``厦门市 Xiamen``)."""
    return click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
                        help="Show names in one language only "
                             "(default: Chinese and English).")(func)


def check_period(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--period`` must be a period as the data writes it (2009, 2007-H1, 2017-01/2017-10)."""
    if value is None:
        return None
    from copscompare.periods import parse_period

    try:
        return parse_period(value).text
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx, param) from None


def complete_metric(ctx: click.Context, param: click.Parameter,
                    incomplete: str) -> list[CompletionItem]:
    """Metric ids for shell completion (the completion module loads only when asked)."""
    from copscompare.cli import completion

    return completion.complete_metric(ctx, param, incomplete)


def complete_city(ctx: click.Context, param: click.Parameter,
                  incomplete: str) -> list[CompletionItem]:
    """City ids for shell completion (the completion module loads only when asked)."""
    from copscompare.cli import completion

    return completion.complete_city(ctx, param, incomplete)

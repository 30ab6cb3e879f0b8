"""The commands, one module each, built only when that command runs.

Each module defines its click command under the command's name (``rank.rank``; ``delta`` also
``yoy``); ``MODULES`` says where each lives and ``command_named`` imports it, so a run builds
one command and its options, not all twelve (building them all was a twentieth of the floor's
instructions at every start). ``copscompare --help`` and completion of command names build
them all. Every command that prints a table takes the shared output options (``output``); an
unknown name is a usage error with suggestions (copscompare.analysis.names). Nothing here
imports ``app``, which turns this package's commands into a group.
"""

from __future__ import annotations

import functools
import importlib
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from copscompare.model import Dataset

MODULES = {"audit": "audit", "check": "check", "cities": "listings", "compare": "compare",
           "delta": "delta", "export": "export", "extract": "extract", "metrics": "listings",
           "rank": "rank", "show": "show", "sources": "listings", "yoy": "delta"}


def command_named(name: str) -> click.Command | None:
    """The command called ``name``, its module imported now; None for no such command."""
    module = MODULES.get(name)
    if module is None:
        return None
    found = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    assert isinstance(found, click.Command)
    return found


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


def cities_of(dataset: Dataset, names: tuple[str, ...]) -> list[str]:
    """The ids of the places named (ids, names, aliases, in either script, or English)."""
    from copscompare.analysis.names import resolve_jurisdiction

    return [resolve_jurisdiction(dataset, name).id for name in names]

"""Shell completion of ids from the loaded data, for ``--metric`` and city arguments.

Use as ``click.option("--metric", shell_complete=complete_metric)`` or
``click.argument("cities", shell_complete=complete_city)``. The data is the one the command
line names: ``--data`` when already typed, else ``$COPSCOMPARE_DATA``, else the bundled data.

Rules: an id is offered when it starts with what was typed (case-insensitively), or when what
was typed starts a Chinese or English name (``常`` offers ``changzhou``); each id comes with its
names as help text (shells that show help display ``常州市 Changzhou``). Data that cannot be
loaded offers nothing: completion never prints an error into the shell.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import click
from click.shell_completion import CompletionItem

if TYPE_CHECKING:
    from copscompare.model import Dataset


def _dataset(ctx: click.Context) -> Dataset | None:
    from copscompare import loading
    from copscompare.errors import CopsError

    data = ctx.params.get("data")
    if not data and ctx.parent is not None:
        data = ctx.parent.params.get("data")
    layers = (data,) if isinstance(data, str) else tuple(data or ())
    try:
        return loading.load(layers)
    except (CopsError, OSError, ValueError):
        return None


def _matching(candidates: Iterable[tuple[str, str, str]], incomplete: str) -> list[CompletionItem]:
    """Items for (id, name_zh, name_en) whose id or a name starts with ``incomplete``."""
    typed = incomplete.casefold()
    return [
        CompletionItem(ident, help=f"{zh} {en}")
        for ident, zh, en in candidates
        if any(text.casefold().startswith(typed) for text in (ident, zh, en))
    ]


def complete_metric(ctx: click.Context, param: click.Parameter,  # noqa: ARG001 - click's
                    incomplete: str) -> list[CompletionItem]:
    """Metric ids from the data, in file order."""
    dataset = _dataset(ctx)
    if dataset is None:
        return []
    return _matching(((m.id, m.label_zh, m.label_en) for m in dataset.metrics.values()),
                     incomplete)


def complete_city(ctx: click.Context, param: click.Parameter,  # noqa: ARG001 - click's
                  incomplete: str) -> list[CompletionItem]:
    """Jurisdiction ids from the data, in file order."""
    dataset = _dataset(ctx)
    if dataset is None:
        return []
    return _matching(((j.id, j.name_zh, j.name_en) for j in dataset.jurisdictions.values()),
                     incomplete)

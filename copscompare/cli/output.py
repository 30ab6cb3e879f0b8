"""Output options shared by every command that prints a table, and the one format dispatch.

Commands take ``@output_options()`` and receive ``output: OutputOptions``; they build a Table
and call ``emit(table, output)``. Nothing else in the CLI decides how a table is written.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import click

ALL_FORMATS = ("table", "csv", "tsv", "json", "markdown")


@dataclass(frozen=True)
class OutputOptions:
    fmt: str  # one of ALL_FORMATS


def output_options(default: str = "table", formats: tuple[str, ...] = ALL_FORMATS) -> Callable:
    """Add the shared output options to a command; it receives ``output: OutputOptions``."""
    def decorate(func: Callable) -> Callable:
        @click.option("--format", "fmt", type=click.Choice(formats), default=default,
                      show_default=True, help="Output format.")
        @functools.wraps(func)
        def wrapper(*args: Any, fmt: str, **kwargs: Any) -> Any:
            return func(*args, output=OutputOptions(fmt=fmt), **kwargs)
        return wrapper
    return decorate


def emit(table: Any, output: OutputOptions) -> None:
    """Write ``table`` to stdout as ``output`` says."""
    from copscompare import render

    render.render(table, output.fmt, sys.stdout)

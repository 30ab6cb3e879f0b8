"""Output options shared by every command that prints a table, and the one format dispatch."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any

import click


def output_options(formats: tuple[str, ...]) -> Callable:
    """``--format`` shared by every command that prints a table."""
    def decorate(func: Callable) -> Callable:
        @click.option("--format", "fmt", type=click.Choice(formats), default=None,
                      help=f"Output format (default: {formats[0]}).")
        @functools.wraps(func)
        def wrapper(*args: Any, fmt: str | None, **kwargs: Any) -> Any:
            return func(*args, fmt=fmt or formats[0], **kwargs)
        return wrapper
    return decorate


def emit(table: Any, fmt: str) -> None:
    from copscompare import render

    render.render(table, fmt, sys.stdout)

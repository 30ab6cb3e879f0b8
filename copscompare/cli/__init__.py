"""The command line. ``main(argv)`` returns an exit code; ``run()`` is the console script.

app.py: the group, ``main`` and the one place errors become exit codes;
commands/: the commands, a module each; options.py and output.py: the options they share,
and ``emit``;
completion.py: shell completion, loaded only when a shell asks.

This module imports nothing heavy itself: ``run`` imports the program inside its own guard, so
Ctrl-C in the first moments, while click and the commands are still being imported, ends the
program as Ctrl-C at any later moment does (exit 130, no traceback).
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing is not imported here: a Ctrl-C during its import would escape
if TYPE_CHECKING:
    from typing import Any

EXIT_INTERRUPTED = 130

__all__ = ["cli", "main", "run"]


def run() -> None:
    """Console-script entry point."""
    try:
        from copscompare.cli.app import main
    except KeyboardInterrupt:
        if sys.stderr is not None:
            sys.stderr.write("\ncopscompare: interrupted\n")
        sys.exit(EXIT_INTERRUPTED)
    exit_now(main())


def exit_now(code: int) -> None:
    """End the process with ``code`` once stdout and stderr are flushed, without the
    interpreter's teardown, which frees every object and module one by one (a fifth of a warm
    run's time) and has nothing left to do: every file a command writes is written whole and
    closed before ``main`` returns, and nothing registers work for exit. A stream that cannot
    be flushed any more (its reader gone) loses nothing ``main`` had not already reported."""
    import os

    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


def __getattr__(name: str) -> Any:
    """``cli`` and ``main`` from app.py, imported when first asked for."""
    if name in ("cli", "main"):
        from copscompare.cli import app

        return getattr(app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

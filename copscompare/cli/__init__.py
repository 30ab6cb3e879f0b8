"""The command line. ``main(argv)`` returns an exit code; ``run()`` is the console script.

app.py: the group, ``main``/``run`` and the one place errors become exit codes;
commands.py: the commands; options.py and output.py: the options they share, and ``emit``;
completion.py: shell completion, loaded only when a shell asks.
"""

from copscompare.cli.app import cli, main, run

__all__ = ["cli", "main", "run"]

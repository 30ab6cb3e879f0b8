"""The command line. ``main(argv)`` returns an exit code; ``run()`` is the console script."""

from copscompare.cli.app import cli, main, run

__all__ = ["cli", "main", "run"]

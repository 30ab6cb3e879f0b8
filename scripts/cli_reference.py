"""Write the README's command reference from the commands' ``--help``, or check it is current.

    python scripts/cli_reference.py           # rewrite the README between the markers
    python scripts/cli_reference.py --check   # exit 1 if the README differs from --help

The reference is the ``--help`` of the group and of every visible command, sorted by name, each
in a fenced block, rendered at a fixed width (100 columns) so it does not depend on the
terminal. tests/test_cli_reference.py fails when the README drifts from the code.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
START, END = "<!-- cli-reference start -->", "<!-- cli-reference end -->"
WIDTH = 100
PROG = "copscompare"


def _help(command: click.Command, name: str, parent: click.Context | None) -> str:
    settings = {"terminal_width": WIDTH, "max_content_width": WIDTH, **command.context_settings}
    ctx = click.Context(command, info_name=name, parent=parent, **settings)
    return command.get_help(ctx).rstrip() + "\n"


def reference() -> str:
    """The generated markdown: the group's help, then each command's, sorted by name."""
    sys.path.insert(0, str(ROOT))
    from copscompare.cli import cli

    root = click.Context(cli, info_name=PROG, terminal_width=WIDTH, max_content_width=WIDTH,
                         **cli.context_settings)
    parts = [
        "Generated from `--help` by `python scripts/cli_reference.py`; do not edit by hand.\n",
        f"### `{PROG}`\n\n```text\n{_help(cli, PROG, None)}```\n",
    ]
    for name in sorted(cli.list_commands(root)):
        command = cli.get_command(root, name)
        if command is None or command.hidden:
            continue
        parts.append(f"### `{PROG} {name}`\n\n```text\n{_help(command, name, root)}```\n")
    return "\n".join(parts)


def updated(readme: str) -> str:
    """``readme`` with the text between the markers replaced by the current reference."""
    head, found, rest = readme.partition(START)
    _, found_end, tail = rest.partition(END)
    if not found or not found_end:
        raise SystemExit(f"README.md: markers {START} ... {END} not found")
    return f"{head}{START}\n{reference()}{END}{tail}"


def check(path: Path = README) -> bool:
    """True if the README's reference matches the commands' current ``--help``."""
    text = path.read_text(encoding="utf-8")
    return updated(text) == text


def main(argv: list[str]) -> int:
    if argv == ["--check"]:
        if check():
            return 0
        print("README.md command reference is out of date: run python scripts/cli_reference.py",
              file=sys.stderr)
        return 1
    if argv:
        print(__doc__, file=sys.stderr)
        return 2
    text = README.read_text(encoding="utf-8")
    new = updated(text)
    if new != text:
        README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

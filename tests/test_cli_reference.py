"""The README's command reference is the commands' --help, generated; it must not drift."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import click

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "cli_reference.py"


def load_script():
    spec = importlib.util.spec_from_file_location("cli_reference", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_reference_matches_help() -> None:
    assert load_script().check(), (
        "README.md command reference is out of date: run python scripts/cli_reference.py")


def test_reference_has_every_command_and_ignores_the_terminal_width(monkeypatch) -> None:
    from copscompare.cli import cli

    script = load_script()
    monkeypatch.setenv("COLUMNS", "40")
    text = script.reference()
    monkeypatch.setenv("COLUMNS", "250")
    assert script.reference() == text
    for name in cli.list_commands(click.Context(cli)):
        assert f"### `copscompare {name}`\n\n```text\nUsage: copscompare {name} [OPTIONS]" in text
    assert "  -h, --help" in text


def test_update_replaces_only_between_markers() -> None:
    script = load_script()
    readme = f"# Title\n\n{script.START}\nold text\n{script.END}\n\n## After\n"
    new = script.updated(readme)
    assert new.startswith(f"# Title\n\n{script.START}\nGenerated from `--help`")
    assert new.endswith(f"```\n{script.END}\n\n## After\n")
    assert "old text" not in new
    assert script.updated(new) == new

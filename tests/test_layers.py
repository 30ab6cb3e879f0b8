"""The architecture holds: no import cycles, imports point down, and ruff refuses a breach.

Layers, top to bottom: cli -> render -> extract -> analysis -> loading -> core (the modules
directly in copscompare/). Which layer may import which third-party package, and which layer
below it, is written as banned imports in each layer's ruff.toml; the last test plants
forbidden imports in a copy of the package and checks that ruff refuses every one.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "copscompare"
LAYERS = {"core": 0, "loading": 1, "analysis": 2, "extract": 3, "render": 4, "cli": 5}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imports_of(path: Path) -> set[str]:
    """copscompare modules ``path`` imports anywhere in it (functions included)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
        else:
            continue
        found.update(name for name in names if name in MODULES)
    found.discard(module_name(path))
    return {name for name in found if not any(
        other != name and other.startswith(name + ".") for other in found)
        or name == "copscompare"}


GRAPH = {name: imports_of(path) for name, path in MODULES.items()}


def layer(module: str) -> int | None:
    parts = module.split(".")
    if module in ("copscompare", "copscompare.__main__"):
        return None  # the package itself (its version) and the entry point stand outside
    return LAYERS[parts[1]] if len(parts) > 2 or parts[1] in LAYERS else LAYERS["core"]


def test_no_import_cycles() -> None:
    """Depth-first search over every import, those inside functions included."""
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = "open"
        path.append(module)
        for target in sorted(GRAPH[module]):
            if state.get(target) == "open":
                cycle = [*path[path.index(target):], target]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target)
        path.pop()
        state[module] = "done"

    for module in sorted(GRAPH):
        if module not in state:
            visit(module)


def test_imports_point_down() -> None:
    upward = [f"{module} -> {target}" for module, targets in GRAPH.items()
              for target in targets
              if layer(module) is not None and layer(target) is not None
              and layer(target) > layer(module)]  # type: ignore[operator]
    assert upward == []


def test_the_graph_sees_the_imports_inside_functions() -> None:
    """The checks above are only as good as the graph: loading imports its cache lazily."""
    assert "copscompare.loading.cache" in GRAPH["copscompare.loading"]
    assert "copscompare.cli.commands" in GRAPH["copscompare.cli.app"]
    assert "copscompare.cli.app" not in GRAPH["copscompare.cli.commands"]


PLANTED = [
    ("model.py", "import click"),
    ("periods.py", "from copscompare.loading import load"),
    ("table.py", "import rich"),
    ("numbers.py", "from copscompare import analysis"),
    ("loading/records.py", "import yaml"),
    ("loading/files.py", "import click"),
    ("loading/link.py", "from copscompare.analysis import names"),
    ("loading/cache.py", "from copscompare.render import sanitize"),
    ("loading/records.py", "from . import cache"),
    ("analysis/rank.py", "from copscompare.render.cells import people_grid"),
    ("analysis/names.py", "import click"),
    ("analysis/values.py", "import tabulate"),
    ("analysis/export.py", "from copscompare.loading import load"),
    ("analysis/compare.py", "from copscompare.cli import main"),
    ("analysis/names.py", "from copscompare.extract import words"),
    ("loading/quotes.py", "from copscompare.extract.when import phrases"),
    ("periods.py", "from copscompare.extract import clauses"),
    ("extract/metrics.py", "import yaml"),
    ("extract/when.py", "import click"),
    ("extract/places.py", "from copscompare.render import text"),
    ("extract/clauses.py", "from copscompare.cli import main"),
    ("extract/view.py", "import opencc"),
    ("extract/yamltext.py", "import rich"),
    ("render/cells.py", "import click"),
    ("render/text.py", "from copscompare.cli.app import cli"),
    ("render/machine.py", "import yaml"),
    ("render/cells.py", "from copscompare.extract import rows"),
    ("render/terminal.py", "from copscompare.loading.cache import load"),
    ("cli/output.py", "import rich"),
    ("cli/commands/rank.py", "import yaml"),
    ("cli/options.py", "import wcwidth"),
]


def test_ruff_refuses_an_import_across_the_layers(tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    shutil.copytree(PACKAGE, copy / "copscompare",
                    ignore=shutil.ignore_patterns("__pycache__", "data"))
    shutil.copy(ROOT / "pyproject.toml", copy)
    planted: set[tuple[str, int]] = set()
    for name, line in PLANTED:
        target = copy / "copscompare" / name
        text = target.read_text(encoding="utf-8")
        # inside a function, where a lazy import would hide
        text += f"\n\ndef _planted_{len(planted)}() -> None:\n    {line}  # noqa: F401\n"
        target.write_text(text, encoding="utf-8")
        planted.add((f"copscompare/{name}", text.count("\n")))
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--select", "TID",
         "--output-format", "concise", "copscompare"],
        cwd=copy, capture_output=True, text=True, check=False)
    refused = {(line.split(":")[0], int(line.split(":")[1]))
               for line in result.stdout.splitlines() if " TID25" in line}
    assert sorted(planted - refused) == []  # every planted import refused
    assert sorted(refused - planted) == []  # and nothing else: the real code is clean

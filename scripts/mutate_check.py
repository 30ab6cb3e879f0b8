"""Plant one curator's mistake at a time in every observation, and count how many ``check`` names.

    python scripts/mutate_check.py                          # bundled data, seeds in ../shared
    python scripts/mutate_check.py --data DIR --sources DIR --sources DIR2
    python scripts/mutate_check.py --against /work/main     # check with another checkout's code
    python scripts/mutate_check.py --classes sign,swap --show-missed

For each observation of the data (which must check clean) and each class of mistake below
that applies to it, the harness writes the data with that one observation changed, runs
``copscompare check --no-cache --data … --sources …`` on it and counts the mistake as named
when an error (not a warning) is reported on a line of that observation's block. The classes:

- ``sign``: a change with its sign flipped;
- ``multiplier_dropped``: a figure written with 万/亿 stored as the bare number (175 for 175万);
- ``multiplier_extra``: a level or absolute change stored ten thousand times too large;
- ``decimals_dropped``: 30 for 30.5; ``last_digit``: the last digit one higher (18.9 for 18.8);
- ``qualifier_about``: ``about`` for a plain figure; ``qualifier_exact``: ``exact`` for a
  qualified one (约, 余, 以上 …); ``qualifier_other``: another qualifier for a qualified one
  (``about`` for 余);
- ``measure_level``: a change stored as a level; ``measure_change``: a level stored as a
  percent change; ``measure_points``: change_pp and change_pct swapped;
- ``swap``: the value of another figure of the same kind in the same quote;
- ``period_after``: a period ending the year after the source was published;
  ``period_earlier``: a period a year early (named only where the quote names its year);
- ``baseline_after``: a change's baseline the year after its period;
- ``unit``: the observation moved to a metric of another unit (percent ↔ count);
- ``scope``: a rank's scope changed.

The figures of a quote (which is the multiplier, which the other figure) come from this
checkout's figure reader; ``--against`` runs the check with another checkout's package, so the
same mutants measure the code before and after a change. Prints the rate per class and overall.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from copscompare.loading import data_files, parse_files  # noqa: E402
from copscompare.loading.figures import Figure, read_figures  # noqa: E402
from copscompare.model import Dataset, Observation  # noqa: E402

CHANGES = ("change_pct", "change_pp", "change_abs")
RUNNER = r"""
import contextlib, io, json, sys
from copscompare.cli.app import main
for line in sys.stdin:
    job = json.loads(line)
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(job["argv"])
    print(json.dumps({"id": job["id"], "code": code, "stderr": err.getvalue()}), flush=True)
"""
PROBLEM = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?: (?P<field>[^ :]+):)? (?P<rest>.*)$")


@dataclass(frozen=True)
class Mutant:
    """One planted mistake: the observation, the class, and the fields as they now read."""

    obs: Observation
    kind: str
    edits: dict[str, str]


def number(value: float) -> str:
    text = repr(round(value, 10))
    return text[:-2] if text.endswith(".0") else text


def matched(obs: Observation) -> Figure | None:
    """The figure of the quote the observation's value is."""
    for figure in read_figures(obs.quote):
        if figure.kind == "figure" and abs(figure.value - abs(obs.value)) < 1e-9:
            return figure
    return None


def others(obs: Observation) -> list[Figure]:
    """Other figures of the quote that could stand for this one (same list, or same kind)."""
    mine = matched(obs)
    found = [f for f in read_figures(obs.quote) if f.kind == "figure" and mine is not None
             and f.start != mine.start and abs(f.value - abs(obs.value)) > 1e-9]
    same_list = [f for f in found if mine is not None and mine.group >= 0
                 and f.group == mine.group]
    return same_list or [f for f in found if mine is not None
                         and f.measure_hint == mine.measure_hint and f.percent == mine.percent]


def signed(obs: Observation, value: float) -> str:
    return number(-value if obs.value < 0 else value)


def mutants(dataset: Dataset) -> list[Mutant]:
    made = []
    for obs in dataset.observations:
        for kind, plant in PLANTS.items():
            edits = plant(obs, dataset)
            if edits:
                made.append(Mutant(obs, kind, edits))
    return made


def _sign(obs: Observation, _: Dataset) -> dict[str, str] | None:
    return {"value": number(-obs.value)} if obs.measure in CHANGES and obs.value else None


def _dropped(obs: Observation, _: Dataset) -> dict[str, str] | None:
    figure = matched(obs)
    if figure is None or figure.bare in (0, figure.value) or figure.percent:
        return None
    return {"value": signed(obs, figure.bare)}


def _extra(obs: Observation, _: Dataset) -> dict[str, str] | None:
    if obs.measure not in ("level", "change_abs") or not obs.value:
        return None
    return {"value": number(obs.value * 10000)}


def _decimals(obs: Observation, _: Dataset) -> dict[str, str] | None:
    return {"value": number(float(int(obs.value)))} if obs.value != int(obs.value) else None


def _last_digit(obs: Observation, _: Dataset) -> dict[str, str] | None:
    if obs.measure == "rank":
        return {"value": number(obs.value + 1)}
    step = 10.0 ** -obs.decimals
    return {"value": signed(obs, abs(obs.value) + step)}


def _about(obs: Observation, _: Dataset) -> dict[str, str] | None:
    return {"qualifier": "about"} if obs.qualifier == "exact" else None


def _exact(obs: Observation, _: Dataset) -> dict[str, str] | None:
    return {"qualifier": "exact"} if obs.qualifier != "exact" else None


def _other_qualifier(obs: Observation, _: Dataset) -> dict[str, str] | None:
    swapped = {"over": "about", "about": "over", "at_least": "over", "at_most": "under",
               "under": "at_most"}
    return {"qualifier": swapped[obs.qualifier]} if obs.qualifier in swapped else None


def _as_level(obs: Observation, _: Dataset) -> dict[str, str] | None:
    if obs.measure not in CHANGES:
        return None
    return {"measure": "level", "value": number(abs(obs.value)), "baseline": ""}


def _as_change(obs: Observation, _: Dataset) -> dict[str, str] | None:
    return {"measure": "change_pct"} if obs.measure == "level" else None


def _points(obs: Observation, dataset: Dataset) -> dict[str, str] | None:
    if obs.measure == "change_pct" and dataset.metrics[obs.metric].unit == "percent":
        return {"measure": "change_pp"}
    return {"measure": "change_pct"} if obs.measure == "change_pp" else None


def _swap(obs: Observation, _: Dataset) -> dict[str, str] | None:
    other = others(obs)
    if not other:
        return None
    return {"value": signed(obs, other[0].value)}


def _period_after(obs: Observation, dataset: Dataset) -> dict[str, str] | None:
    date = dataset.sources[obs.source].date
    if date == "unknown" or not obs.period.known:
        return None
    return {"period": f'"{int(date[:4]) + 1}"'}


def _period_earlier(obs: Observation, _: Dataset) -> dict[str, str] | None:
    if obs.period.start is None or obs.period.end is None or obs.baseline:
        return None
    text = obs.period.text
    shifted = "/".join(str(int(part[:4]) - 1) + part[4:] for part in text.split("/"))
    return {"period": f'"{shifted}"'}


def _baseline_after(obs: Observation, _: Dataset) -> dict[str, str] | None:
    if obs.measure not in CHANGES or obs.period.end is None:
        return None
    return {"baseline": f'"{obs.period.end // 12 + 1}"'}


def _unit(obs: Observation, dataset: Dataset) -> dict[str, str] | None:
    if obs.measure != "level":
        return None
    unit = dataset.metrics[obs.metric].unit
    wanted = "count" if unit == "percent" else "percent" if unit in ("count", "people") else ""
    other = next((m.id for m in dataset.metrics.values() if m.unit == wanted), None)
    return {"metric": other} if other else None


def _scope(obs: Observation, _: Dataset) -> dict[str, str] | None:
    if obs.measure != "rank":
        return None
    return {"scope": "nation" if obs.scope != "nation" else "province"}


PLANTS: dict[str, Callable[[Observation, Dataset], dict[str, str] | None]] = {
    "sign": _sign, "multiplier_dropped": _dropped, "multiplier_extra": _extra,
    "decimals_dropped": _decimals, "last_digit": _last_digit, "qualifier_about": _about,
    "qualifier_exact": _exact, "qualifier_other": _other_qualifier,
    "measure_level": _as_level, "measure_change": _as_change, "measure_points": _points,
    "swap": _swap, "period_after": _period_after, "period_earlier": _period_earlier,
    "baseline_after": _baseline_after, "unit": _unit, "scope": _scope,
}


def blocks(dataset: Dataset) -> dict[tuple[str, int], tuple[int, int]]:
    """(file, first line) of each observation -> the lines of its block, first to last."""
    by_file: dict[str, list[int]] = {}
    for obs in dataset.observations:
        by_file.setdefault(obs.origin, []).append(obs.line)
    spans = {}
    for origin, lines in by_file.items():
        total = Path(origin).read_text(encoding="utf-8").count("\n") + 1
        ordered = sorted(lines)
        for first, after in zip(ordered, [*ordered[1:], total + 1], strict=True):
            spans[(origin, first)] = (first, after - 1)
    return spans


def edited(text: str, first: int, last: int, edits: dict[str, str]) -> str:
    """``text`` with the fields of the block from line ``first`` to ``last`` set by ``edits``
    (a field absent is added after the block's first line; '' removes a field)."""
    lines = text.split("\n")
    block = lines[first - 1:last]
    indent = re.match(r"^(\s*)-\s", block[0])
    pad = " " * (len(indent.group(1)) + 2) if indent else "    "
    for key, value in edits.items():
        pattern = re.compile(rf"^(\s*-?\s*){key}:.*$")
        spot = next((i for i, line in enumerate(block) if pattern.match(line)), None)
        if spot is None and value:
            block.insert(1, f"{pad}{key}: {value}")
        elif spot is not None and value:
            block[spot] = pattern.sub(lambda m, v=value, k=key: f"{m.group(1)}{k}: {v}",
                                      block[spot])
        elif spot is not None:
            del block[spot]
    return "\n".join(lines[:first - 1] + block + lines[last:])


def run(jobs: list[dict[str, object]], against: Path | None) -> dict[int, dict[str, object]]:
    env_path = str(against) if against else str(ROOT)
    process = subprocess.run(  # from a neutral folder: the checkout is not on the path by chance
        [sys.executable, "-c", RUNNER], input="\n".join(json.dumps(j) for j in jobs) + "\n",
        capture_output=True, text=True, cwd=tempfile.gettempdir(),
        env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin", "COPSCOMPARE_NO_CACHE": "1",
             "HOME": "/tmp"}, check=False)
    if process.returncode != 0:
        sys.exit(process.stderr)
    return {r["id"]: r for r in map(json.loads, process.stdout.splitlines())}


def named(stderr: str, origin: Path, span: tuple[int, int], first: int) -> tuple[bool, bool]:
    """(an error within the block, an error on the block's first line)."""
    within = on_line = False
    for line in stderr.splitlines():
        found = PROBLEM.match(line)
        if not found or found.group("rest").startswith("warning:"):
            continue
        if Path(found.group("file")).name != origin.name:
            continue
        at = int(found.group("line"))
        within |= span[0] <= at <= span[1]
        on_line |= at == first
    return within, on_line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--sources", type=Path, action="append", default=[])
    parser.add_argument("--against", type=Path, help="the checkout whose package checks")
    parser.add_argument("--classes", help="comma-separated classes (default: all)")
    parser.add_argument("--show-missed", action="store_true")
    args = parser.parse_args(argv)
    sources = args.sources or [ROOT.parent / "shared" / "seeds"]
    files = data_files(args.data)
    dataset = parse_files(files)
    chosen = set(args.classes.split(",")) if args.classes else set(PLANTS)
    planted = [m for m in mutants(dataset) if m.kind in chosen]
    spans = blocks(dataset)
    jobs, work = [], Path(tempfile.mkdtemp(prefix="mutate-check-"))
    try:
        for index, mutant in enumerate(planted):
            folder = work / str(index)
            folder.mkdir()
            for file in files:
                text = file.read_text(encoding="utf-8")
                if str(file) == mutant.obs.origin:
                    first, last = spans[(mutant.obs.origin, mutant.obs.line)]
                    text = edited(text, first, last, mutant.edits)
                (folder / file.name).write_text(text, encoding="utf-8")
            argv_check = ["check", "--no-cache", "--data", str(folder)]
            for directory in sources:
                argv_check += ["--sources", str(directory)]
            jobs.append({"id": index, "argv": argv_check})
        results = run(jobs, args.against)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(planted, results, spans, args.show_missed)
    return 0


def report(planted: list[Mutant], results: dict[int, dict[str, object]],
           spans: dict[tuple[str, int], tuple[int, int]], show_missed: bool) -> None:
    totals: dict[str, list[int]] = {}
    missed = []
    for index, mutant in enumerate(planted):
        obs = mutant.obs
        span = spans[(obs.origin, obs.line)]
        within, on_line = named(str(results[index]["stderr"]), Path(obs.origin), span,
                                obs.line)
        row = totals.setdefault(mutant.kind, [0, 0, 0])
        row[0] += 1
        row[1] += within
        row[2] += on_line
        if not within:
            missed.append(f"  {mutant.kind:18} {Path(obs.origin).name}:{obs.line} "
                          f"{obs.metric} {mutant.edits} | {obs.quote}")
    print(f"{'class':20} {'planted':>7} {'named':>6} {'rate':>6} {'on line':>8}")
    all_rows = [0, 0, 0]
    for kind in PLANTS:
        if kind in totals:
            row = totals[kind]
            all_rows = [a + b for a, b in zip(all_rows, row, strict=True)]
            print(f"{kind:20} {row[0]:7d} {row[1]:6d} {row[1] / row[0]:6.0%} {row[2]:8d}")
    if all_rows[0]:
        print(f"{'all':20} {all_rows[0]:7d} {all_rows[1]:6d} {all_rows[1] / all_rows[0]:6.0%} "
              f"{all_rows[2]:8d}")
    if show_missed:
        print("missed:")
        print("\n".join(missed))


if __name__ == "__main__":
    sys.exit(main())

"""The benchmark: start-up, scale and peers, side by side in one run. Prints one table.

    python bench/run.py                  # everything (the 1M first run takes minutes)
    python bench/run.py --quick          # fewer rounds, no 1M
    python bench/run.py --sizes 10k,100k --no-peers

Every figure is the median wall time of several runs of a fresh process. Commands of one
section are run in interleaved rounds (a, b, c, a, b, c, ...), so a noisy neighbour slows all
of them alike and the ratios stay fair. Peak memory is each process's maximum resident set
(``wait4``), the largest over its runs.

- Start-up: on the bundled data with the cache warm, against the floor
  ``python -c "import click, yaml"``. The rich table is forced with FORCE_COLOR=1 on a pipe.
- Scale: ``rank --metric clearance_rate`` as CSV on synthetic data (bench/generate.py). A first
  run starts with an empty cache (it parses, validates and writes the cache); a repeat run
  finds it warm. COPSCOMPARE_MAX_MB is raised for the 1M file (about 220 MB).
- Peers: the same ranking (one metric, one period, one kind of figure, sorted, printed) by
  csvkit (csvgrep | csvsort | csvlook), pandas and DuckDB, reading the data exported by
  ``copscompare export --format csv``. They run from bench/.venv (see docs/performance.md);
  a peer that is not installed is reported as missing.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
VENV = HERE / ".venv" / "bin"
sys.path.insert(0, str(HERE))

from generate import default_path, generate  # noqa: E402

PY = sys.executable
TOOL = [PY, "-m", "copscompare"]
SIZES = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000}


@dataclass
class Timing:
    name: str
    command: list[str]
    env: dict[str, str] = field(default_factory=dict)
    before: object = None  # called before each run (e.g. to empty a cache)
    walls: list[float] = field(default_factory=list)
    peak_kb: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.walls)


def run_once(timing: Timing) -> None:
    """Run the command once, appending its wall time and keeping its peak memory."""
    if callable(timing.before):
        timing.before()
    env = {**os.environ, **timing.env}
    start = time.perf_counter()
    proc = subprocess.Popen(timing.command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    error = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if proc.returncode != 0:
        sys.exit(f"benchmark: {timing.name} failed ({proc.returncode}):\n"
                 f"  {' '.join(timing.command)}\n{error[-2000:]}")
    timing.walls.append(wall)
    timing.peak_kb = max(timing.peak_kb, usage.ru_maxrss)


def rounds(timings: list[Timing], count: int, warm: bool = True) -> None:
    """``count`` interleaved rounds (after one untimed round when ``warm``)."""
    if warm:
        for timing in timings:
            run_once(timing)
            timing.walls.clear()
            timing.peak_kb = 0
    for _ in range(count):
        for timing in timings:
            run_once(timing)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f", {int(line.split()[1]) / 1048576:.0f} GiB"
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"machine: {cpu}, {os.cpu_count()} cores{memory}; {platform.system()} "
            f"{platform.release()}; Python {platform.python_version()}; "
            f"load average {load:.1f} at start")


def seconds(value: float) -> str:
    return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"


def megabytes(kb: int) -> str:
    return f"{kb / 1024:.0f} MB"


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


# -- sections -----------------------------------------------------------------------------------

def startup(count: int) -> list[str]:
    rank = [*TOOL, "rank", "--metric", "clearance_rate"]
    floor = Timing('floor: python -c "import click, yaml"', [PY, "-c", "import click, yaml"])
    timings = [
        floor,
        Timing("copscompare --help", [*TOOL, "--help"]),
        Timing("rank --format csv", [*rank, "--format", "csv"]),
        Timing("rank --format table (rich, FORCE_COLOR=1)", [*rank, "--format", "table"],
               {"FORCE_COLOR": "1"}),
        Timing("export --format csv", [*TOOL, "export", "--format", "csv"]),
        Timing("rank --format csv --no-cache", [*rank, "--format", "csv", "--no-cache"]),
    ]
    for timing in timings:  # a cache of its own, not the user's
        timing.env.setdefault("XDG_CACHE_HOME", str(OUT / "cache-startup"))
    rounds(timings, count)
    targets = {"rank --format csv": 1.3, "rank --format table (rich, FORCE_COLOR=1)": 1.6}
    lines = [f"START-UP (bundled data, cache warm; {count} rounds)",
             f"  {'command':<44} {'median':>9} {'× floor':>8}  {'peak':>7}  target"]
    for timing in timings:
        ratio = timing.median / floor.median
        target = targets.get(timing.name)
        goal = f"≤ {target}× {verdict(ratio <= target)}" if target else ""
        lines.append(f"  {timing.name:<44} {seconds(timing.median):>9} {ratio:>7.2f}×  "
                     f"{megabytes(timing.peak_kb):>7}  {goal}")
    return lines


def scale(sizes: list[str], count: int) -> list[str]:
    lines = ["SCALE (rank --metric clearance_rate --format csv on synthetic data)",
             f"  {'size':<6} {'file':>8}  {'first run':>10} {'peak':>8}  {'repeat run':>10} "
             f"{'peak':>8}  target"]
    for name in sizes:
        size = SIZES[name]
        path = default_path(size)
        if not path.exists():
            print(f"generating {path} ...", file=sys.stderr)
            generate(size, path)
        first_cache, warm_cache = OUT / f"cache-first-{name}", OUT / f"cache-warm-{name}"
        shutil.rmtree(warm_cache, ignore_errors=True)
        env = {"COPSCOMPARE_MAX_MB": "2000"}
        command = [*TOOL, "rank", "--data", str(path), "--metric", "clearance_rate",
                   "--format", "csv"]
        first = Timing("first", command, {**env, "XDG_CACHE_HOME": str(first_cache)},
                       before=lambda c=first_cache: shutil.rmtree(c, ignore_errors=True))
        repeat = Timing("repeat", command, {**env, "XDG_CACHE_HOME": str(warm_cache)})
        big = size >= 1_000_000
        print(f"scale {name} ...", file=sys.stderr)
        run_once(repeat)  # warms the repeat run's cache (untimed)
        repeat.walls.clear()
        repeat.peak_kb = 0
        for index in range(count if not big else max(1, count // 3)):
            if not big or index == 0:
                run_once(first)
            run_once(repeat)
        goal = ""
        if size == 100_000:
            goal = (f"first ≤ 4 s {verdict(first.median <= 4)}, "
                    f"repeat ≤ 0.3 s {verdict(repeat.median <= 0.3)}")
        elif big:
            goal = (f"repeat ≤ 2 s {verdict(repeat.median <= 2)}, "
                    f"≤ 1 GB {verdict(repeat.peak_kb <= 1024 * 1024)}")
        lines.append(f"  {name:<6} {path.stat().st_size / 1048576:>5.0f} MB  "
                     f"{seconds(first.median):>10} {megabytes(first.peak_kb):>8}  "
                     f"{seconds(repeat.median):>10} {megabytes(repeat.peak_kb):>8}  {goal}")
        shutil.rmtree(first_cache, ignore_errors=True)
    return lines


PANDAS = """
import sys, pandas as pd
df = pd.read_csv(sys.argv[1], dtype={"period": str})
df = df[(df.metric == sys.argv[2]) & (df.period == sys.argv[3]) & (df.measure == sys.argv[4])]
print(df.sort_values("value", ascending=False)[["city", "city_zh", "value", "qualifier",
      "period", "source"]].to_string(index=False))
"""
DUCKDB = """
import sys, duckdb
rows = duckdb.sql("SELECT city, city_zh, value, qualifier, period, source "
                  "FROM read_csv(?, all_varchar=true) WHERE metric = ? AND period = ? "
                  "AND measure = ? ORDER BY CAST(value AS DOUBLE) DESC",
                  params=sys.argv[1:5]).fetchall()
for row in rows:
    print(*row, sep=",")
"""


def peers(count: int, sizes: list[str]) -> list[str]:
    """One table: for each data size, every tool's median and its time over copscompare's."""
    venv_python = VENV / "python"
    have_csvkit = (VENV / "csvsort").exists()
    results: dict[str, dict[str, Timing | None]] = {}
    for name in sizes:
        if name == "bundled":
            data, csv_path = None, OUT / "bundled.csv"
            metric, period, measure = "clearance_rate", "2009", "change_pp"
        else:
            data = default_path(SIZES[name])
            if not data.exists():
                generate(SIZES[name], data)
            csv_path = OUT / f"{data.stem}.csv"
            metric, period, measure = "clearance_rate", "2024", "level"
        data_args = ["--data", str(data)] if data else []
        with csv_path.open("wb") as out:
            subprocess.run([*TOOL, "export", *data_args, "--format", "csv"], cwd=ROOT,
                           stdout=out, stderr=subprocess.DEVNULL, check=True,
                           env={**os.environ, "COPSCOMPARE_MAX_MB": "2000"})
        cache = OUT / f"cache-peers-{name}"
        tools: dict[str, Timing | None] = {
            "copscompare": Timing("copscompare", [
                *TOOL, "rank", *data_args, "--metric", metric, "--period", period,
                "--measure", measure, "--format", "csv"], {"XDG_CACHE_HOME": str(cache)}),
        }
        if have_csvkit:
            pipeline = (f"{VENV}/csvgrep -c metric -r '^{metric}$' {csv_path} "
                        f"| {VENV}/csvgrep -c period -r '^{period}$' "
                        f"| {VENV}/csvgrep -c measure -r '^{measure}$' "
                        f"| {VENV}/csvsort -c value -r | {VENV}/csvlook")
            tools["csvkit"] = Timing("csvkit", ["bash", "-c", pipeline])
        else:
            tools["csvkit"] = None
        for peer, script in (("pandas", PANDAS), ("duckdb", DUCKDB)):
            module = "pandas" if peer == "pandas" else "duckdb"
            usable = venv_python.exists() and subprocess.run(
                [str(venv_python), "-c", f"import {module}"], capture_output=True).returncode == 0
            tools[peer] = Timing(peer, [str(venv_python), "-c", script, str(csv_path), metric,
                                        period, measure]) if usable else None
        print(f"peers {name} ...", file=sys.stderr)
        rounds([t for t in tools.values() if t is not None], count)
        results[name] = tools
    lines = ["PEERS (the same ranking: one metric, one period, one kind of figure, sorted, "
             "printed; copscompare with its cache warm)",
             "  " + f"{'tool':<12}" + "".join(f" {n + ' median':>16} {'÷ ours':>7}"
                                             for n in sizes)]
    for tool in ("copscompare", "csvkit", "pandas", "duckdb"):
        cells = []
        for name in sizes:
            timing, ours = results[name][tool], results[name]["copscompare"]
            if timing is None:
                cells.append(f" {'not installed':>16} {'':>7}")
            else:
                cells.append(f" {seconds(timing.median):>16} "
                             f"{timing.median / ours.median:>6.2f}×")  # type: ignore[union-attr]
        lines.append(f"  {tool:<12}" + "".join(cells))
    lines.append("  goal: csvkit and pandas ÷ ours > 1 (we are ahead); duckdb ÷ ours ≥ 0.33 "
                 "(within 3× of DuckDB)")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=11, help="timed runs per command")
    parser.add_argument("--sizes", default="10k,100k,1M", help="synthetic sizes for SCALE")
    parser.add_argument("--peer-sizes", default="bundled,100k", help="data sizes for PEERS")
    parser.add_argument("--no-scale", action="store_true")
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--quick", action="store_true", help="5 rounds, no 1M")
    args = parser.parse_args(argv)
    count = 5 if args.quick else args.rounds
    sizes = [s for s in args.sizes.split(",") if s and not (args.quick and s == "1M")]
    OUT.mkdir(parents=True, exist_ok=True)
    # An installed package has its bytecode compiled; a checkout run with
    # PYTHONDONTWRITEBYTECODE=1 would otherwise compile every module on every run.
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "copscompare")], check=True)
    for name in sizes:
        if name not in SIZES:
            parser.error(f"unknown size {name} (one of {', '.join(SIZES)})")
    started = time.strftime("%Y-%m-%d %H:%M")
    lines = [f"copscompare benchmark, {started}", machine(),
             f"medians of {count} runs ({3 * count} for start-up); the 1M first run once", ""]
    lines += [*startup(3 * count), ""]  # fast and noisy: three times the rounds
    if not args.no_scale and sizes:
        lines += [*scale(sizes, count), ""]
    if not args.no_peers:
        lines += peers(count, args.peer_sizes.split(","))
    print("\n".join(lines).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())

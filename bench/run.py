"""Measure copscompare as users run it: start-up, scale and peers, from a clean venv.

    python bench/run.py                   # start-up, 100k, peers on bundled and 100k data
    python bench/run.py --big             # adds the 1M figures (the 1M first run takes minutes)
    python bench/run.py --instructions    # adds instruction counts (valgrind's callgrind)
    python bench/run.py --install-peers   # first makes the peers' venv (below)
    python bench/run.py --quick           # fewer rounds, for a look rather than a figure

The interpreter. Every command runs with the interpreter and the ``copscompare`` console script
of a clean virtual environment, never with the interpreter that started this script (a system
interpreter can carry ``.pth`` files that import modules at every start, which makes every
ratio look better). bench/run.py makes that venv itself in bench/out/venv the way the README
installs: ``python3 -m venv``, then ``pip install .`` of this checkout, with
``PIP_CONSTRAINT=constraints.txt`` (the versions CI pins) unless ``--newest`` is given (then
the newest versions setup.cfg allows, as the README's plain command takes). It reuses that
venv only when bench/run.py made it for the same base Python, the same constraints, the same
commit and the same package sources (a hash of copscompare/, data/, setup.cfg, pyproject.toml
and README.md, so uncommitted edits count); otherwise it makes it anew. ``--use-current-venv``
runs in the venv this script was started from instead, and the report says so. Environment
variables that change how Python or copscompare behave (PYTHON*, COPSCOMPARE_*, FORCE_COLOR,
NO_COLOR, COLUMNS, ...) are removed for every command; each section has a cache folder of its
own under bench/out, emptied at each start; commands run from an empty folder (bench/out/cwd).

Timing. Every figure is the wall time of a fresh process. The commands of a section run in
alternating rounds (a, b, c, a, b, c, ...) after one untimed round, so a noisy neighbour slows
them alike; a ratio is taken run by run against the same round's floor and reported as the
median with the lowest and highest round. Peak memory is each process's largest resident set
(``wait4``), the largest over its timed runs (the untimed round, which may fill a cache, is not
counted).

- Start-up, bundled data, cache warm, against the floor ``python -c "import click, yaml"``
  in the same venv: ``rank --format csv``; ``rank --format table`` drawn boxed on a real
  terminal (a pseudo-terminal from the ``pty`` module, 120x50, TERM=xterm-256color); the same
  table piped (the plain table); ``compare 常州 白城`` drawn boxed on the terminal.
- ``--instructions``: the same five commands once each under
  ``valgrind --tool=callgrind`` with PYTHONHASHSEED=0; instruction counts repeat where wall
  time is noisy (``perf stat -e instructions`` is not supported on these machines).
- Scale, synthetic data from bench/generate.py with COPSCOMPARE_MAX_MB raised: at 100k the
  first run (``rank --format csv`` with the cache emptied before each run), and with the cache
  warm ``export --format csv``, ``check`` and ``compare A B --format csv`` (the data path, not
  the drawing). ``--big`` adds 1M: the first run once (it fills the cache), then the warm
  commands.
- Peers: the same ranking (one metric, one period, one kind of figure, sorted best first with
  copscompare's order among equal figures, printed as CSV) read from the CSV that
  ``copscompare export --format csv`` writes; copscompare runs ``rank --format csv`` with its
  cache warm. Each peer's rows are checked against copscompare's (same places, same order,
  same values); a peer that differs is reported as a MISMATCH, never as a ratio. A ratio is
  the peer's time over ours: above 1 we are ahead. Peers, each only where present:
  the DuckDB CLI (the native binary that PyPI's ``duckdb-cli`` ships, run directly, not
  through its Python wrapper, which adds a Python start and a subprocess: that is shown on a
  row of its own, with no target), sqlite3 and Miller (``mlr``) from the system (Debian:
  ``apt-get install sqlite3 miller``), polars and pandas (Python, in the peers' venv).
  csvkit is no longer a peer: csvsort cannot sort one column down and another up, so it cannot
  give copscompare's order among equal figures.
- ``--install-peers`` makes bench/out/peers-venv (``python3 -m venv``) and installs exactly
  duckdb-cli==1.5.6, polars==2.1.0 and pandas==3.1.1 with what pip pulls in for them; it never
  touches the system's packages.

Output: one markdown table (figure, today's median with min–max, the target from issue 16,
met or missed), then the details; printed and written to bench/out/ (git-ignored) as
bench-YYYYMMDD-HHMM.md and latest.md.
"""

from __future__ import annotations

import argparse
import csv
import fcntl
import hashlib
import io
import json
import os
import platform
import pty
import re
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
RUN_DIR = OUT / "cwd"  # an empty folder: nothing in the checkout can be imported from here
VENV = OUT / "venv"
PEERS_VENV = OUT / "peers-venv"
PEER_PACKAGES = ("duckdb-cli==1.5.6", "polars==2.1.0", "pandas==3.1.1")
SOURCES = ("copscompare/**/*.py", "data/*.yaml", "setup.cfg", "pyproject.toml", "README.md")
DROPPED_ENV = ("PYTHON", "COPSCOMPARE_", "VIRTUAL_ENV", "FORCE_COLOR", "NO_COLOR", "CLICOLOR",
               "COLUMNS", "LINES", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "JUPYTER")
BIG_DATA = {"COPSCOMPARE_MAX_MB": "2000"}  # the 1M file is about 220 MB, over the default
TERMINAL_SIZE = (50, 120)  # rows, columns of the pseudo-terminal

sys.path.insert(0, str(HERE))
from generate import Generator, default_path, generate  # noqa: E402

# -- the venv the commands run in ---------------------------------------------------------------

@dataclass(frozen=True)
class Venv:
    """The interpreter and console script every command runs with, and where they came from."""

    python: Path
    script: Path
    origin: str
    versions: str  # pip freeze of the venv, less copscompare itself
    python_version: str


def run_text(argv: list[str], cwd: Path = ROOT) -> str:
    """Run a helper command (not timed) and return its stdout; exit with its stderr on error."""
    proc = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"bench: {' '.join(argv)} failed:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return proc.stdout.strip()


def source_digest() -> str:
    """A hash of what ``pip install .`` packages, so an uncommitted edit counts."""
    digest = hashlib.sha256()
    for path in sorted({p for pattern in SOURCES for p in ROOT.glob(pattern)}):
        digest.update(f"{path.relative_to(ROOT)}\0".encode() + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def venv_key(base_python: str, constraints: Path | None) -> dict[str, str]:
    """What the venv was made for; it is reused only when every field is the same."""
    pins = (hashlib.sha256(constraints.read_bytes()).hexdigest()[:16] if constraints
            else "none (newest allowed by setup.cfg)")
    return {
        "python": run_text([base_python, "-c", "import sys; print(sys.version)"]),
        "constraints": pins,
        "commit": run_text(["git", "rev-parse", "HEAD"]),
        "sources": source_digest(),
    }


def make_venv(base_python: str, constraints: Path | None) -> None:
    """``python3 -m venv`` then ``pip install .``, as the README says."""
    shutil.rmtree(VENV, ignore_errors=True)
    print(f"bench: making {VENV} (python3 -m venv; pip install .) ...", file=sys.stderr)
    run_text([base_python, "-m", "venv", str(VENV)])
    env = dict(os.environ)
    if constraints:
        env["PIP_CONSTRAINT"] = str(constraints)
    proc = subprocess.run([str(VENV / "bin" / "python"), "-m", "pip", "install", "-q", "."],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"bench: pip install . failed:\n{proc.stderr[-3000:]}")


def clean_venv(base_python: str, constraints: Path | None, rebuild: bool) -> Venv:
    key = venv_key(base_python, constraints)
    marker = VENV / "bench-venv.json"
    said = "pinned by constraints.txt" if constraints else "newest allowed by setup.cfg"
    if not rebuild and marker.exists() and json.loads(marker.read_text()) == key:
        origin = (f"reused bench/out/venv, made by bench/run.py for the same commit "
                  f"{key['commit'][:10]}, sources {key['sources']}, versions {said}")
    else:
        make_venv(base_python, constraints)
        marker.write_text(json.dumps(key, indent=1))
        origin = (f"bench/out/venv made anew by bench/run.py (python3 -m venv; pip install .) "
                  f"at commit {key['commit'][:10]}, sources {key['sources']}, versions {said}")
    return checked_venv(VENV, origin)


def current_venv() -> Venv:
    if sys.prefix == sys.base_prefix:
        sys.exit("bench: --use-current-venv, but this interpreter is not in a venv")
    return checked_venv(Path(sys.prefix), f"the current venv {sys.prefix} (--use-current-venv; "
                                          "not made by bench/run.py)")


def checked_venv(prefix: Path, origin: str) -> Venv:
    """The venv's interpreter and script, after checking copscompare is installed there."""
    python, script = prefix / "bin" / "python", prefix / "bin" / "copscompare"
    if not script.exists():
        sys.exit(f"bench: no copscompare console script in {prefix}/bin")
    where = run_text([str(python), "-c", "import copscompare; print(copscompare.__file__)"],
                     cwd=RUN_DIR)
    if not Path(where).resolve().is_relative_to(prefix.resolve()):
        sys.exit(f"bench: copscompare is imported from {where}, not from the venv {prefix}")
    pth = sorted(p.name for p in prefix.glob("lib/python*/site-packages/*.pth"))
    freeze = run_text([str(python), "-m", "pip", "freeze", "--all"])
    versions = ", ".join(line for line in freeze.splitlines() if "copscompare" not in line)
    version = run_text([str(python), "-c", "import platform; print(platform.python_version())"])
    return Venv(python, script, f"{origin}; .pth files: {', '.join(pth) or 'none'}", versions,
                version)


def peers_venv_install(base_python: str) -> None:
    """``--install-peers``: a venv of its own for the Python peers, never the runtime's."""
    if not (PEERS_VENV / "bin" / "python").exists():
        run_text([base_python, "-m", "venv", str(PEERS_VENV)])
    print(f"bench: installing {', '.join(PEER_PACKAGES)} into {PEERS_VENV} ...", file=sys.stderr)
    run_text([str(PEERS_VENV / "bin" / "python"), "-m", "pip", "install", "-q", *PEER_PACKAGES])
    for tool in ("sqlite3", "mlr"):
        if shutil.which(tool) is None:
            print(f"bench: {tool} is not installed (Debian: apt-get install "
                  f"{'miller' if tool == 'mlr' else tool}); it will be reported missing",
                  file=sys.stderr)


# -- running a command --------------------------------------------------------------------------

@dataclass
class Command:
    """One command of a section, with every timed run's wall time and the peak memory."""

    name: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    tty: bool = False  # stdout on a pseudo-terminal (else /dev/null)
    before: Callable[[], None] | None = None  # run before each run, untimed (e.g. empty a cache)
    walls: list[float] = field(default_factory=list)
    peak_kb: int = 0


def base_env() -> dict[str, str]:
    """The user's environment less whatever changes how Python or copscompare behave."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(DROPPED_ENV)}
    env.setdefault("LANG", "C.UTF-8")
    env["TERM"] = "xterm-256color"
    return env


def drain(master: int) -> None:
    """Read the terminal's output until the command closes it (EIO on Linux)."""
    while True:
        try:
            if not os.read(master, 1 << 16):
                return
        except OSError:
            return


# Forks, times and reaps the command from a small process (python -I -S: no site, no .pth), and
# writes "exit-code wall-seconds peak-KB" to the fd in argv[1]. A child forked straight from
# bench/run.py would count bench/run.py's own resident memory (Linux records the forking
# process's high-water mark at exec) in its peak; forked from here it counts at most this
# small process's.
TIMER = """
import os, sys, time
out = int(sys.argv[1])
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.close(out)
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
os.write(out, f"{os.waitstatus_to_exitcode(status)} {wall!r} {usage.ru_maxrss}".encode())
"""


def terminal() -> tuple[int, int]:
    """A pseudo-terminal (master, slave) of TERMINAL_SIZE."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", *TERMINAL_SIZE, 0, 0))
    return master, slave


def spawn(argv: list[str], env: dict[str, str], tty: bool, err: int) -> tuple[int, float, int]:
    """Run once; return the exit code, the wall seconds and the peak resident set in KB."""
    master, slave = terminal() if tty else (-1, subprocess.DEVNULL)
    reader, writer = os.pipe()
    proc = subprocess.Popen([sys.executable, "-I", "-S", "-c", TIMER, str(writer), *argv],
                            cwd=RUN_DIR, env=env, stdin=subprocess.DEVNULL, stdout=slave,
                            stderr=err, pass_fds=(writer,))
    os.close(writer)
    if tty:
        os.close(slave)
        drain(master)
        os.close(master)
    with os.fdopen(reader, "rb") as result:
        words = result.read().split()
    if proc.wait() != 0 or len(words) != 3:
        return 127, 0.0, 0
    return int(words[0]), float(words[1]), int(words[2])


def run_once(command: Command) -> None:
    """One timed run; a failing command stops the benchmark with its error output."""
    if command.before is not None:
        command.before()
    with tempfile.TemporaryFile() as err:
        code, wall, peak = spawn(command.argv, {**base_env(), **command.env}, command.tty,
                                 err.fileno())
        if code != 0:
            err.seek(0)
            sys.exit(f"bench: {command.name} failed ({code}):\n  {' '.join(command.argv)}\n"
                     f"{err.read().decode('utf-8', 'replace')[-2000:]}")
    command.walls.append(wall)
    command.peak_kb = max(command.peak_kb, peak)


def alternate(commands: list[Command], rounds: int, warm_up: bool = True) -> None:
    """``rounds`` rounds of a, b, c, ... after one untimed round when ``warm_up``; neither
    the time nor the memory of that round is counted (it may fill a cache the others read)."""
    if warm_up:
        for command in commands:
            run_once(command)
            command.walls.clear()
            command.peak_kb = 0
    for index in range(rounds):
        print(f"bench:   round {index + 1}/{rounds}", file=sys.stderr)
        for command in commands:
            run_once(command)


def captured(argv: list[str], env: dict[str, str] | None = None) -> str:
    """A command's stdout (untimed), for checking rows."""
    proc = subprocess.run(argv, cwd=RUN_DIR, env={**base_env(), **(env or {})},
                          capture_output=True)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.decode("utf-8", "replace")[-500:])
    return proc.stdout.decode("utf-8", "replace")


def instructions(command: Command) -> int:
    """Instructions the command executes, counted by callgrind (one run)."""
    with tempfile.NamedTemporaryFile(suffix=".log") as log:
        argv = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                f"--log-file={log.name}", *command.argv]
        env = {**base_env(), **command.env, "PYTHONHASHSEED": "0"}
        code, _, _ = spawn(argv, env, command.tty, subprocess.DEVNULL)
        found = re.search(r"Collected : (\d+)", Path(log.name).read_text())
    if code != 0 or found is None:
        sys.exit(f"bench: callgrind failed on {command.name}")
    return int(found.group(1))


# -- figures and the report ---------------------------------------------------------------------

@dataclass(frozen=True)
class Figure:
    """One row of the main table."""

    label: str
    value: str
    target: str
    verdict: str


def spread(values: list[float], unit: str) -> str:
    """``1.41× (1.33–1.52)``, ``4.80 s (4.71–5.02)``, ``93 ms (90–131)``: median, min–max."""
    low, mid, high = min(values), statistics.median(values), max(values)
    if unit == "×":
        return f"{mid:.2f}× ({low:.2f}–{high:.2f})"
    if len(values) == 1:
        return f"{mid:.2f} s (one run)"
    if high < 1:
        return f"{mid * 1000:.0f} ms ({low * 1000:.0f}–{high * 1000:.0f})"
    return f"{mid:.2f} s ({low:.2f}–{high:.2f})"


def judged(label: str, values: list[float], unit: str, limit: float,
           ahead: bool = False) -> Figure:
    """A figure against its target: at most ``limit``, or above it when ``ahead``."""
    mid = statistics.median(values)
    met = mid > limit if ahead else mid <= limit
    target = "> 1× (ahead)" if ahead else f"≤ {limit:g}{' s' if unit == 's' else '×'}"
    return Figure(label, spread(values, unit), target, "met" if met else "**MISSED**")


def ratios(command: Command, floor: Command) -> list[float]:
    """Run-by-run ratios against the same round's floor (or our own run)."""
    return [a / b for a, b in zip(command.walls, floor.walls, strict=True)]


def megabytes(kb: int) -> str:
    return f"{kb / 1024:,.0f} MB"


def markdown(header: list[str], rows: Iterable[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def timing_rows(commands: list[Command]) -> list[list[str]]:
    return [[f"`{c.name}`", spread(c.walls, "s"), megabytes(c.peak_kb)] for c in commands]


def machine() -> str:
    cpu = platform.machine()
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return (f"{cpu}, {os.cpu_count()} cores; {platform.system()} {platform.release()}; "
            f"load average {os.getloadavg()[0]:.2f} at start")


# -- start-up -----------------------------------------------------------------------------------

STARTUP_TARGETS = {"csv": 1.15, "boxed": 1.4, "piped": 1.4, "compare": 1.6}
STARTUP_LABELS = {
    "csv": "`rank … --format csv` ÷ floor",
    "boxed": "`rank … --format table`, boxed on a terminal ÷ floor",
    "piped": "the same table piped (plain) ÷ floor",
    "compare": "`compare 常州 白城`, boxed on a terminal ÷ floor",
}


def startup_commands(venv: Venv) -> dict[str, Command]:
    env = {"XDG_CACHE_HOME": str(warm_cache("bundled"))}
    script = str(venv.script)
    rank = [script, "rank", "--metric", "clearance_rate", "--format"]
    return {
        "floor": Command('python -c "import click, yaml"',
                         [str(venv.python), "-c", "import click, yaml"], env),
        "csv": Command("rank --metric clearance_rate --format csv", [*rank, "csv"], env),
        "boxed": Command("rank --metric clearance_rate --format table (terminal)",
                        [*rank, "table"], env, tty=True),
        "piped": Command("rank --metric clearance_rate --format table (piped)",
                         [*rank, "table"], env),
        "compare": Command("compare 常州 白城 (terminal)", [script, "compare", "常州", "白城"],
                           env, tty=True),
    }


def startup(venv: Venv, rounds: int, counting: bool) -> tuple[list[Figure], list[str]]:
    print(f"bench: start-up, {rounds} rounds ...", file=sys.stderr)
    commands = startup_commands(venv)
    floor = commands["floor"]
    alternate(list(commands.values()), rounds)
    figures = [judged(STARTUP_LABELS[k], ratios(c, floor), "×", STARTUP_TARGETS[k])
               for k, c in commands.items() if k != "floor"]
    details = [f"### Start-up: bundled data, cache warm, {rounds} alternating rounds", "",
               *markdown(["command", "wall, median (min–max)", "peak memory"],
                         timing_rows(list(commands.values())))]
    if counting:
        counted, lines = startup_instructions(commands)
        figures += counted
        details += ["", *lines]
    return figures, details


def startup_instructions(commands: dict[str, Command]) -> tuple[list[Figure], list[str]]:
    print("bench: instruction counts (callgrind) ...", file=sys.stderr)
    counts = {key: instructions(command) for key, command in commands.items()}
    figures = []
    for key, count in counts.items():
        if key != "floor":
            ratio = count / counts["floor"]
            met = "met" if ratio <= STARTUP_TARGETS[key] else "**MISSED**"
            figures.append(Figure(f"{STARTUP_LABELS[key]}, by instructions", f"{ratio:.2f}×",
                                  f"≤ {STARTUP_TARGETS[key]:g}×", met))
    rows = [[f"`{commands[k].name}`", f"{n:,}", f"{n / counts['floor']:.3f}×"]
            for k, n in counts.items()]
    return figures, ["### Instructions (callgrind, one run each, PYTHONHASHSEED=0)", "",
                     *markdown(["command", "instructions", "÷ floor"], rows)]


# -- scale --------------------------------------------------------------------------------------

def warm_cache(size: str) -> Path:
    """The cache folder every warm command on ``size``'s data shares (emptied at each start)."""
    return OUT / f"cache-warm-{size}"


def data_file(size: int) -> Path:
    path = default_path(size)
    if not path.exists():
        print(f"bench: generating {path} ...", file=sys.stderr)
        generate(size, path)
    return path


def two_places(size: int) -> list[str]:
    """Ids of the first two jurisdictions bench/generate.py writes for ``size``."""
    return [place[0] for place in Generator(size, None, 6).places[:2]]


def warm_commands(venv: Venv, size: int, label: str, cache: Path) -> list[Command]:
    data = ["--data", str(data_file(size))]
    env = {**BIG_DATA, "XDG_CACHE_HOME": str(cache)}
    script = str(venv.script)
    return [
        Command(f"{label} warm export --format csv", [script, "export", *data, "--format", "csv"],
                env),
        Command(f"{label} warm check", [script, "check", *data], env),
        Command(f"{label} warm compare A B --format csv",
                [script, "compare", *data, *two_places(size), "--format", "csv"], env),
    ]


def first_run(venv: Venv, size: int, label: str, cache: Path) -> Command:
    """``rank --format csv`` with the cache emptied before each run."""
    return Command(
        f"{label} first run: rank --metric clearance_rate --format csv, empty cache",
        [str(venv.script), "rank", "--data", str(data_file(size)), "--metric", "clearance_rate",
         "--format", "csv"],
        {**BIG_DATA, "XDG_CACHE_HOME": str(cache)},
        before=lambda: shutil.rmtree(cache, ignore_errors=True))


def scale_100k(venv: Venv, rounds: int) -> tuple[list[Figure], list[str]]:
    print(f"bench: 100k, {rounds} rounds ...", file=sys.stderr)
    first = first_run(venv, 100_000, "100k", OUT / "cache-first-100k")
    warm = warm_commands(venv, 100_000, "100k", warm_cache("100k"))
    alternate([first, *warm], rounds)
    figures = [judged("100k observations, first run", first.walls, "s", 3.0),
               judged("100k, warm `export --format csv`", warm[0].walls, "s", 1.0)]
    details = [f"### Scale, 100k observations ({rounds} alternating rounds)", "",
               *markdown(["command", "wall, median (min–max)", "peak memory"],
                         timing_rows([first, *warm]))]
    return figures, details


def scale_1m(venv: Venv, rounds: int) -> tuple[list[Figure], list[str]]:
    print("bench: 1M first run (minutes) ...", file=sys.stderr)
    cache = warm_cache("1M")
    first = first_run(venv, 1_000_000, "1M", cache)
    run_once(first)  # also fills the cache the warm commands use
    first.before = None
    warm = warm_commands(venv, 1_000_000, "1M", cache)
    print(f"bench: 1M warm, {rounds} rounds ...", file=sys.stderr)
    alternate(warm, rounds, warm_up=False)
    figures = [judged(f"1M, warm `{name}`", c.walls, "s", limit)
               for name, c, limit in zip(("export", "check", "compare"), warm, (8, 1.5, 1),
                                         strict=True)]
    details = [f"### Scale, 1M observations (first run once, then {rounds} alternating rounds)",
               "", *markdown(["command", "wall, median (min–max)", "peak memory"],
                             timing_rows([first, *warm]))]
    return figures, details


# -- peers --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Ranking:
    """One metric, one period, one kind of figure: the ranking every peer reproduces."""

    metric: str
    period: str
    measure: str


RANKINGS = {"bundled": Ranking("community_police_rooms", "2007", "level"),
            "100k": Ranking("clearance_rate", "2024", "level"),
            "1M": Ranking("clearance_rate", "2024", "level")}
SIZES = {"100k": 100_000, "1M": 1_000_000}
COLUMNS = "city, city_zh, value, qualifier, period, source"
# copscompare's order: value best first, then a bound above the exact figure (>30,000 before
# 30,000), then the English name without case, then the id.
BIAS_SQL = ("CASE qualifier WHEN 'over' THEN 2 WHEN 'at_least' THEN 1 WHEN 'at_most' THEN -1 "
            "WHEN 'under' THEN -2 ELSE 0 END")
MILLER_BIAS = ('$bias = $qualifier == "over" ? 2 : $qualifier == "at_least" ? 1 : '
               '$qualifier == "at_most" ? -1 : $qualifier == "under" ? -2 : 0; '
               "$name = tolower($city_en)")
POLARS = """
import sys
import polars as pl
path, metric, period, measure = sys.argv[1:5]
bias = {"over": 2, "at_least": 1, "at_most": -1, "under": -2}
df = pl.read_csv(path, infer_schema=False).filter(
    (pl.col("metric") == metric) & (pl.col("period") == period) & (pl.col("measure") == measure))
df = df.with_columns(pl.col("value").cast(pl.Float64).alias("v"),
                     pl.col("qualifier").replace_strict(bias, default=0).alias("b"),
                     pl.col("city_en").str.to_lowercase().alias("n"))
df = df.sort(["v", "b", "n", "city"], descending=[True, True, False, False])
sys.stdout.write(df.select("city", "city_zh", "value", "qualifier", "period", "source")
                 .write_csv())
"""
PANDAS = """
import sys
import pandas as pd
path, metric, period, measure = sys.argv[1:5]
bias = {"over": 2, "at_least": 1, "at_most": -1, "under": -2}
df = pd.read_csv(path, dtype=str, keep_default_na=False)
df = df[(df.metric == metric) & (df.period == period) & (df.measure == measure)]
df = df.assign(v=df.value.astype(float), b=df.qualifier.map(bias).fillna(0),
               n=df.city_en.str.lower())
df = df.sort_values(["v", "b", "n", "city"], ascending=[False, False, True, True], kind="stable")
df[["city", "city_zh", "value", "qualifier", "period", "source"]].to_csv(sys.stdout, index=False)
"""


def ranking_sql(table: str, ranking: Ranking, number: str) -> str:
    return (f"SELECT {COLUMNS} FROM {table} WHERE metric = '{ranking.metric}' "
            f"AND period = '{ranking.period}' AND measure = '{ranking.measure}' "
            f"ORDER BY CAST(value AS {number}) DESC, {BIAS_SQL} DESC, lower(city_en), city")


def duckdb_sql(path: Path, ranking: Ranking) -> str:
    return ranking_sql(f"read_csv('{path}', all_varchar = true)", ranking, "DOUBLE")


def duckdb_binary() -> Path | None:
    """The native DuckDB CLI: the one duckdb-cli ships in the peers' venv, else one on PATH."""
    for found in PEERS_VENV.glob("lib/python*/site-packages/duckdb_cli/duckdb"):
        return found
    on_path = shutil.which("duckdb")
    return Path(on_path) if on_path else None


def python_peer(module: str) -> str | None:
    python = PEERS_VENV / "bin" / "python"
    if not python.exists():
        return None
    usable = subprocess.run([str(python), "-c", f"import {module}"], capture_output=True)
    return str(python) if usable.returncode == 0 else None


PeerArgv = Callable[[Path, Ranking], list[str]]


def find_peers() -> dict[str, PeerArgv | None]:
    """Each peer's command line for a CSV file and a ranking, or None when it is missing."""
    duckdb, sqlite, mlr = duckdb_binary(), shutil.which("sqlite3"), shutil.which("mlr")
    wrapper = PEERS_VENV / "bin" / "duckdb" if (PEERS_VENV / "bin" / "duckdb").exists() else None
    polars, pandas = python_peer("polars"), python_peer("pandas")
    peers: dict[str, PeerArgv | None] = {
        "DuckDB CLI": (lambda f, r: [str(duckdb), "-csv", "-c", duckdb_sql(f, r)])
        if duckdb else None,
        "DuckDB CLI through pip's Python wrapper": (
            lambda f, r: [str(wrapper), "-csv", "-c", duckdb_sql(f, r)]) if wrapper else None,
        "sqlite3": (lambda f, r: [str(sqlite), "-csv", "-header", ":memory:", "-cmd",
                                  f".import --csv {f} t", ranking_sql("t", r, "REAL")])
        if sqlite else None,
        "Miller": (lambda f, r: [str(mlr), "--icsv", "--ocsv", "filter", miller_filter(r),
                                 "then", "put", MILLER_BIAS, "then", "sort", "-nr", "value",
                                 "-nr", "bias", "-f", "name", "-f", "city", "then", "cut",
                                 "-o", "-f", COLUMNS.replace(" ", ""), str(f)])
        if mlr else None,
        "polars": (lambda f, r: [str(polars), "-c", POLARS, str(f), r.metric, r.period,
                                 r.measure]) if polars else None,
        "pandas": (lambda f, r: [str(pandas), "-c", PANDAS, str(f), r.metric, r.period,
                                 r.measure]) if pandas else None,
    }
    return peers


def miller_filter(ranking: Ranking) -> str:
    return (f'string($metric) == "{ranking.metric}" && string($period) == "{ranking.period}" '
            f'&& string($measure) == "{ranking.measure}"')


def rows_of(text: str) -> list[tuple[str, float]]:
    """(place, value) in printed order from CSV output with ``city`` and ``value`` columns."""
    return [(row["city"], float(row["value"])) for row in csv.DictReader(io.StringIO(text))]


def difference(ours: list[tuple[str, float]], theirs: list[tuple[str, float]]) -> str:
    """'' when the rows are the same, else where they first differ."""
    if ours == theirs:
        return ""
    for index, (a, b) in enumerate(zip(ours, theirs, strict=False)):
        if a != b:
            return f"row {index + 1}: ours {a}, theirs {b}"
    return f"{len(ours)} rows from us, {len(theirs)} from the peer"


@dataclass
class PeerResult:
    """One peer at one size: its command, or why it has no ratio."""

    command: Command | None
    problem: str  # "" when it ran and matched


def peer_result(name: str, argv: list[str] | None, ours: list[tuple[str, float]]) -> PeerResult:
    if argv is None:
        return PeerResult(None, "not installed")
    try:
        theirs = rows_of(captured(argv))
    except (RuntimeError, KeyError, ValueError) as exc:
        return PeerResult(None, f"FAILED: {str(exc).strip()[-200:]}")
    problem = difference(ours, theirs)
    if problem:
        print(f"bench: !!! {name} MISMATCH: {problem}", file=sys.stderr)
        return PeerResult(None, f"**MISMATCH** ({problem})")
    return PeerResult(Command(name, argv), "")


def exported(venv: Venv, size: str, cache: Path) -> tuple[list[str], Path]:
    """The data arguments for ``size`` and the CSV ``copscompare export`` writes from it."""
    data = [] if size == "bundled" else ["--data", str(data_file(SIZES[size]))]
    path = OUT / f"export-{size}.csv"
    print(f"bench: exporting {size} to {path} ...", file=sys.stderr)
    path.write_text(captured([str(venv.script), "export", *data, "--format", "csv"],
                             {**BIG_DATA, "XDG_CACHE_HOME": str(cache)}), encoding="utf-8")
    return data, path


def peers_at(venv: Venv, size: str, rounds: int) -> tuple[Command, dict[str, PeerResult]]:
    cache = warm_cache(size)
    data, path = exported(venv, size, cache)
    ranking = RANKINGS[size]
    ours = Command("copscompare", [str(venv.script), "rank", *data, "--metric", ranking.metric,
                                   "--period", ranking.period, "--measure", ranking.measure,
                                   "--format", "csv"], {**BIG_DATA, "XDG_CACHE_HOME": str(cache)})
    our_rows = rows_of(captured(ours.argv, ours.env))
    results = {name: peer_result(name, make(path, ranking) if make else None, our_rows)
               for name, make in find_peers().items()}
    print(f"bench: peers at {size} ({len(our_rows)} rows), {rounds} rounds ...", file=sys.stderr)
    alternate([ours, *(r.command for r in results.values() if r.command)], rounds)
    return ours, results


def peers(venv: Venv, sizes: list[str], rounds: int) -> tuple[list[Figure], list[str]]:
    figures, table = [], {}
    for size in sizes:
        ours, results = peers_at(venv, size, rounds)
        table[size] = (ours, results)
        duck = results["DuckDB CLI"]
        label = f"vs DuckDB CLI on the same ranking, {size} (its time ÷ ours)"
        if duck.command is None:
            figures.append(Figure(label, duck.problem, "> 1× (ahead)", duck.problem))
        else:
            figures.append(judged(label, ratios(duck.command, ours), "×", 1.0, ahead=True))
    return figures, peer_details(table, sizes, rounds)


def peer_cell(result: PeerResult, ours: Command) -> str:
    if result.command is None:
        return result.problem
    return (f"{spread(result.command.walls, 's')}; {spread(ratios(result.command, ours), '×')}; "
            "rows match")


def peer_details(table: dict[str, tuple[Command, dict[str, PeerResult]]], sizes: list[str],
                 rounds: int) -> list[str]:
    names = list(next(iter(table.values()))[1])
    rows = [["copscompare (rank --format csv, warm)",
             *(spread(table[s][0].walls, "s") for s in sizes)]]
    rows += [[name, *(peer_cell(table[s][1][name], table[s][0]) for s in sizes)]
             for name in names]
    rankings = "; ".join(f"{s}: {RANKINGS[s].metric} {RANKINGS[s].period} "
                         f"{RANKINGS[s].measure}" for s in sizes)
    return [f"### Peers: the same ranking ({rankings}); {rounds} alternating rounds", "",
            "Each cell: the peer's wall time and its time ÷ ours (each median, min–max), and "
            "whether it printed the same rows as copscompare.", "",
            *markdown(["tool", *sizes], rows)]


# -- main ---------------------------------------------------------------------------------------

def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], epilog=__doc__.split("\n\n", 2)[2],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    add = parser.add_argument
    add("--big", action="store_true", help="add the 1M figures (first run once, then warm)")
    add("--instructions", action="store_true", help="add callgrind instruction counts")
    add("--install-peers", action="store_true", help=f"make {PEERS_VENV.relative_to(ROOT)} "
        f"with {', '.join(PEER_PACKAGES)} first")
    add("--quick", action="store_true", help="7 start-up, 2 scale and 3 peer rounds")
    add("--rounds", type=int, default=21, help="start-up rounds (default 21)")
    add("--scale-rounds", type=int, default=5, help="100k rounds (default 5; 1M: 3)")
    add("--peer-rounds", type=int, default=7, help="peer rounds (default 7)")
    add("--no-startup", action="store_true")
    add("--no-scale", action="store_true")
    add("--no-peers", action="store_true")
    add("--use-current-venv", action="store_true",
        help="run in the venv this script runs in, instead of making one")
    add("--newest", action="store_true",
        help="install the newest versions setup.cfg allows, not constraints.txt's")
    add("--rebuild", action="store_true", help="make the venv anew even if it could be reused")
    add("--python", default="python3", help="the Python that makes the venvs (default python3)")
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds, args.scale_rounds, args.peer_rounds = 7, 2, 3
    return args


def prepare(args: argparse.Namespace) -> Venv:
    OUT.mkdir(parents=True, exist_ok=True)
    RUN_DIR.mkdir(exist_ok=True)
    for old in OUT.glob("cache-*"):  # a cache from other code must not serve this run
        shutil.rmtree(old)
    if args.install_peers:
        peers_venv_install(args.python)
    if args.use_current_venv:
        return current_venv()
    if sys.prefix != sys.base_prefix:
        print(f"bench: started inside the venv {sys.prefix}; measuring in bench/out/venv all the "
              "same (--use-current-venv to measure in this one)", file=sys.stderr)
    constraints = None if args.newest else ROOT / "constraints.txt"
    return clean_venv(args.python, constraints, args.rebuild)


def sections(args: argparse.Namespace, venv: Venv) -> tuple[list[Figure], list[str]]:
    figures: list[Figure] = []
    details: list[str] = []
    steps: list[Callable[[], tuple[list[Figure], list[str]]]] = []
    if not args.no_startup:
        steps.append(lambda: startup(venv, args.rounds, args.instructions))
    if not args.no_scale:
        steps.append(lambda: scale_100k(venv, args.scale_rounds))
        if args.big:
            steps.append(lambda: scale_1m(venv, max(1, min(args.scale_rounds, 3))))
    if not args.no_peers:
        sizes = ["bundled", "100k", *(["1M"] if args.big else [])]
        steps.append(lambda: peers(venv, sizes, args.peer_rounds))
    for step in steps:
        found, lines = step()
        figures += found
        details += [*lines, ""]
    return figures, details


def report(venv: Venv, figures: list[Figure], details: list[str], started: float) -> str:
    took = time.monotonic() - started
    length = f"{took / 60:.1f} minutes" if took >= 120 else f"{took:.0f} s"
    head = [f"## copscompare benchmark, {time.strftime('%Y-%m-%d %H:%M')}", "",
            f"- machine: {machine()}",
            f"- interpreter: {venv.python} (Python {venv.python_version})",
            f"- venv: {venv.origin}", f"- installed: {venv.versions}",
            f"- this run took {length}", ""]
    table = markdown(["figure", "today: median (min–max)", "target (issue 16)", ""],
                     ([f.label, f.value, f.target, f.verdict] for f in figures))
    return "\n".join([*head, *table, "", *details]).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    started = time.monotonic()
    args = parse(argv)
    venv = prepare(args)
    figures, details = sections(args, venv)
    text = report(venv, figures, details, started)
    for name in (f"bench-{time.strftime('%Y%m%d-%H%M')}.md", "latest.md"):
        (OUT / name).write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

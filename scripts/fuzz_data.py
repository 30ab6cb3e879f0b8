"""Fuzzer: break the data file at random and run every command every way; nothing fails badly.

Each mutant is the real ``data/indicators.yaml`` (or, before it exists, the test fixture) with
one to three random edits of the kinds a hand-editing curator or a damaged transfer makes:
delete, duplicate or swap lines; flip, insert or delete a character (Chinese characters, tabs,
colons, quotes, ``&``, ``*``, ``-``, ``#``, brackets, control characters …); change a line's
indentation; cut the file short (also in the middle of a UTF-8 character); flip a byte.

For every mutant, the fast reader (``yamlfast``, when it reads the text at all) must build exactly
the tree PyYAML's events give, and ``copscompare check --data MUTANT`` must:
- return 0 or 1, never raise (no traceback) — a crash is a bug;
- print each problem as ``FILE:LINE: …`` naming the mutant file and a line of it (counted as an
  editor counts them: U+2028 and its kind, which YAML also counts, do not end a line);
- print nothing on stdout but the ``ok:`` summary, and only when it returns 0.

Runs (``--runs``): every command (check, export, rank, delta, yoy, audit, compare, show,
cities, sources, metrics) with random arguments (ids from the data, Chinese names, unknown names,
escape sequences, full-width periods), random output options (``--format``, ``--fmt`` in any
tabulate format, offered or not, ``--excel``, ``--chart``), a random environment (COLUMNS,
NO_COLOR, FORCE_COLOR, COPSCOMPARE_MAX_MB, COPSCOMPARE_NO_CACHE, each with values that are
no value), the output sent with ``-o``, ``--svg`` or ``--html`` to a new or existing file, a
symbolic link, a link to nothing, a named pipe (read by a thread), a device (a private
/dev/null, as root), the data file itself (named ``data.txt``), a missing folder, an empty
name, ``x/``, a name too long or ``-``; and the cache damaged between runs (a flipped byte,
cut short, empty, a named pipe, a link to /dev/zero, signed with a foreign key). On the test
fixture or, 30% of the time, a mutant of it. Each run must:
- never raise, and exit 0, 1 or 2;
- print nothing on stdout on an error, or when the output went to a file with ``-o``;
- leave the data file as it was, and no temporary file behind;
- refuse an empty name and ``x/`` as a usage error (exit 2), and the data file too (unless the
  data does not load: then the data error, exit 1);
- leave a link a link, a named pipe a pipe and a device a device;
- with a damaged cache, print exactly what the same run prints with ``--no-cache``.

Run on demand (the test suite runs a bounded number of the same mutants and runs)::

    python scripts/fuzz_data.py --iterations 20000 --seed 1
    python scripts/fuzz_data.py --runs 5000 --seed 1    # commands, options, files, the cache
    python scripts/fuzz_data.py --pathological          # time the pathological inputs

It prints how many mutants loaded, failed with data errors, or broke a rule, and the slowest.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import itertools
import os
import random
import re
import stat
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from copscompare.cli import main  # noqa: E402

REAL_DATA = ROOT / "data" / "indicators.yaml"
ALPHABET = [
    *"破案率上升下降万亿余第一全部零", "\t", ":", '"', "'", "&", "*", "-", "#", "[", "]", "{", "}",
    "|", ">", "!", "%", "@", "`", " ", "\\", ",", "?", "~", "0", "1", "9", ".", "e", "x", "\n",
    "\r", "\x00", "\x1b", "\u202e", "\ufeff", "\u00a0", "\u3000", "\u2028", "\u2029", "\x85",
    "\u200b", "２", "е",
]
SUMMARY = re.compile(r"^(copscompare: error: \d+ error\(s\) in the data; nothing was changed"
                     r"|\.\.\. and \d+ more (problem|warning)\(s\) not shown)$")


def fixture_text() -> str:
    """The test suite's small valid data file (tests/conftest.py)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from conftest import HEADER, OBSERVATIONS

    return HEADER + OBSERVATIONS


def seed_text() -> tuple[str, str]:
    """The text to mutate and where it came from: the real data if present, else the fixture."""
    if REAL_DATA.is_file():
        return REAL_DATA.read_text(encoding="utf-8"), str(REAL_DATA.relative_to(ROOT))
    return fixture_text(), "tests/conftest.py HEADER + OBSERVATIONS"


# -- mutations: each takes the text's lines and a random generator, returns (lines, what) ----

def _pick(lines: list[str], rng: random.Random) -> int:
    return rng.randrange(len(lines)) if lines else 0


def delete_line(lines: list[str], rng: random.Random) -> str:
    if not lines:
        return "delete nothing"
    index = _pick(lines, rng)
    del lines[index]
    return f"delete line {index + 1}"


def duplicate_line(lines: list[str], rng: random.Random) -> str:
    if not lines:
        return "duplicate nothing"
    index = _pick(lines, rng)
    lines.insert(index, lines[index])
    return f"duplicate line {index + 1}"


def swap_lines(lines: list[str], rng: random.Random) -> str:
    if len(lines) < 2:
        return "swap nothing"
    first = _pick(lines, rng)
    second = min(len(lines) - 1, first + rng.choice((1, 1, 2, rng.randrange(len(lines)))))
    lines[first], lines[second] = lines[second], lines[first]
    return f"swap lines {first + 1} and {second + 1}"


def flip_char(lines: list[str], rng: random.Random) -> str:
    index = _pick(lines, rng)
    if not lines or not lines[index]:
        return "flip nothing"
    line = lines[index]
    at = rng.randrange(len(line))
    char = rng.choice(ALPHABET)
    lines[index] = line[:at] + char + line[at + 1:]
    return f"line {index + 1} col {at + 1}: {line[at]!r} -> {char!r}"


def insert_char(lines: list[str], rng: random.Random) -> str:
    if not lines:
        lines.append("")
    index = _pick(lines, rng)
    line = lines[index]
    at = rng.randrange(len(line) + 1)
    char = rng.choice(ALPHABET)
    lines[index] = line[:at] + char + line[at:]
    return f"line {index + 1} col {at + 1}: insert {char!r}"


def delete_char(lines: list[str], rng: random.Random) -> str:
    index = _pick(lines, rng)
    if not lines or not lines[index]:
        return "delete no char"
    line = lines[index]
    at = rng.randrange(len(line))
    lines[index] = line[:at] + line[at + 1:]
    return f"line {index + 1} col {at + 1}: delete {line[at]!r}"


def reindent(lines: list[str], rng: random.Random) -> str:
    if not lines:
        return "reindent nothing"
    index = _pick(lines, rng)
    body = lines[index].lstrip(" ")
    old = len(lines[index]) - len(body)
    new = rng.choice((max(0, old - 4), max(0, old - 2), max(0, old - 1), old + 1, old + 2,
                      old + 4, 0))
    prefix = "\t" if rng.random() < 0.15 else " " * new
    lines[index] = prefix + body
    return f"line {index + 1}: indent {old} -> {prefix!r}"


MUTATIONS: tuple[Callable[[list[str], random.Random], str], ...] = (
    delete_line, duplicate_line, swap_lines, flip_char, insert_char, delete_char, reindent)


def mutant(text: str, rng: random.Random) -> tuple[bytes, list[str]]:
    """One to three random edits of ``text``; sometimes also cut short or a byte flipped."""
    lines = text.split("\n")
    done = [rng.choice(MUTATIONS)(lines, rng) for _ in range(rng.choice((1, 1, 1, 2, 3)))]
    data = "\n".join(lines).encode("utf-8")
    roll = rng.random()
    if roll < 0.04 and data:
        cut = rng.randrange(len(data))
        data = data[:cut]
        done.append(f"cut at byte {cut}")
    elif roll < 0.07 and data:
        at = rng.randrange(len(data))
        byte = rng.randrange(256)
        data = data[:at] + bytes([byte]) + data[at + 1:]
        done.append(f"byte {at}: -> 0x{byte:02x}")
    return data, done


# -- the fast reader must build exactly PyYAML's tree -----------------------------------------

def tree_difference(fast: object, slow: object, path: str = "") -> str | None:
    """Where two yamltree trees differ (type, text, quoting, line, key order), or None."""
    from copscompare.loading.nodes import Scalar, YList, YMap

    pending = [(fast, slow, path or "root")]
    while pending:
        a, b, where = pending.pop()
        if type(a) is not type(b):
            return f"{where}: {type(a).__name__} != {type(b).__name__}"
        if isinstance(a, Scalar):
            if (a.text, a.plain, a.line) != (b.text, b.plain, b.line):
                return f"{where}: {a!r} != {b!r}"
        elif isinstance(a, YMap):
            if a.line != b.line or list(a) != list(b) or a.key_lines != b.key_lines:
                return f"{where}: mapping line/keys {a.line} {list(a)} != {b.line} {list(b)}"
            pending += [(a[k], b[k], f"{where}.{k}") for k in a]
        elif isinstance(a, YList):
            if a.line != b.line or len(a) != len(b):
                return f"{where}: list line/length {a.line}/{len(a)} != {b.line}/{len(b)}"
            pending += [(x, y, f"{where}[{i}]") for i, (x, y) in enumerate(zip(a, b, strict=True))]
    return None


def fast_reader_agrees(data: bytes) -> str | None:
    """None when ``yamlfast`` declines the text or builds PyYAML's tree; else the difference."""
    try:
        from copscompare.loading import yamlfast, yamltree
    except ImportError:  # no fast reader in this version
        return None
    data = data.removeprefix(b"\xef\xbb\xbf")  # as loading.read_bytes does
    try:
        fast = yamlfast.scan(data.decode("utf-8"))
    except UnicodeDecodeError:
        return None
    if fast is None:
        return None
    import yaml

    problems: list = []
    try:
        slow = yamltree._build(yamltree._Parser(data), data, "mutant", problems)
    except yaml.YAMLError as exc:
        return f"yamlfast read a file PyYAML refuses: {str(exc).splitlines()[0]}"
    if problems:
        return f"yamlfast read a file PyYAML reports: {problems[0]}"
    return tree_difference(fast, slow)


# -- running one --------------------------------------------------------------------------------

@dataclass
class Outcome:
    code: int | None
    seconds: float
    broken: list[str] = field(default_factory=list)  # rules the run broke; empty when fine


def check_file(path: Path) -> Outcome:
    """Run ``copscompare check --data path`` in-process and judge its output."""
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code: int | None = main(["check", "--data", str(path)])
    except BaseException:  # a crash: exactly what the fuzzer hunts
        return Outcome(None, time.perf_counter() - start, [traceback.format_exc()])
    seconds = time.perf_counter() - start
    broken = []
    stdout, stderr = out.getvalue(), err.getvalue()
    if code not in (0, 1):
        broken.append(f"exit code {code}")
    if "Traceback" in stdout + stderr:
        broken.append("traceback in output")
    if code == 0 and not stdout.startswith("ok: "):
        broken.append(f"exit 0 without the ok summary: {stdout[:200]!r}")
    if code == 1 and stdout:
        broken.append(f"stdout on a data error: {stdout[:200]!r}")
    prefix = f"{path}:"
    data = path.read_bytes()
    lines = max(1, len(re.findall(rb"\r\n|\r|\n", data)) + (not data.endswith((b"\n", b"\r"))))
    for line in stderr.splitlines():
        if SUMMARY.match(line):
            continue
        number = line[len(prefix):].split(":", 1)[0]
        if not (line.startswith(prefix) and number.isdigit()):
            broken.append(f"problem line without FILE:LINE: {line[:200]!r}")
        elif int(number) > lines:
            broken.append(f"line {number} of a file of {lines} lines: {line[:200]!r}")
    return Outcome(code, seconds, broken)


@dataclass
class Report:
    loaded: int = 0
    data_errors: int = 0
    failures: list[str] = field(default_factory=list)
    slowest: tuple[float, str] = (0.0, "")


def fuzz(iterations: int, seed: int, text: str, folder: Path) -> Report:
    """Run ``iterations`` mutants of ``text`` (deterministic for ``seed``) through check."""
    rng = random.Random(seed)
    report = Report()
    path = folder / "mutant.yaml"
    for iteration in range(iterations):
        data, done = mutant(text, rng)
        path.write_bytes(data)
        outcome = check_file(path)
        differs = fast_reader_agrees(data)
        if differs:
            outcome.broken.append(f"yamlfast and PyYAML disagree: {differs}")
        what = f"seed {seed} iteration {iteration}: {'; '.join(done)}"
        if outcome.code == 0:
            report.loaded += 1
        elif outcome.code == 1:
            report.data_errors += 1
        if outcome.broken:
            report.failures.append(what + "\n  " + "\n  ".join(outcome.broken))
        if outcome.seconds > report.slowest[0]:
            report.slowest = (outcome.seconds, what)
    return report


# -- runs: every command, its output options, the environment, special files, a damaged cache --

COMMANDS = ("check", "export", "rank", "delta", "yoy", "audit", "compare", "show", "cities",
            "sources", "metrics")
FORMATS = {"export": ("csv", "tsv", "json")}
ALL_FORMATS = ("table", "csv", "tsv", "json", "markdown")
TABLE_FORMATS = ("plain", "simple", "grid", "github", "pipe", "html", "latex", "rst", "psql",
                 "mediawiki", "jira", "orgtbl", "unsafehtml", "latex_raw", "nonsense")
TARGETS = ("new", "existing", "link", "dangling link", "named pipe", "device", "the data",
           "missing folder", "empty", "folder slash", "too long", "stdout dash")
CACHE = ("as it is", "flipped byte", "cut short", "named pipe", "link to /dev/zero", "foreign key",
         "empty")
ENVIRONMENT = {
    "COLUMNS": (None, "0", "-1", "wide", "1", "80", "10000"),
    "NO_COLOR": (None, "1", ""),
    "FORCE_COLOR": (None, "1"),
    "COPSCOMPARE_MAX_MB": (None, "200", "0", "inf", "nan", "1e99", "0.0001", "lots"),
    "COPSCOMPARE_NO_CACHE": (None, "1", "0", "yes"),
}


@dataclass
class Run:
    """One command line with its environment, where its output goes, and what the cache is."""

    args: list[str]
    env: dict[str, str | None]
    target: str | None = None  # a TARGETS kind for -o, --svg or --html; None: stdout
    cache: str = "as it is"
    option: str = "-o"  # or --svg, --html

    def __str__(self) -> str:
        env = " ".join(f"{k}={v!r}" for k, v in self.env.items() if v is not None)
        sent = f"{self.option} {self.target}" if self.target else "stdout"
        return f"{env} copscompare {' '.join(map(repr, self.args))} [{sent}; cache {self.cache}]"


def names_in(text: str) -> tuple[list[str], list[str]]:
    """The jurisdiction and metric ids a data text defines (a mutant's, if any survive)."""
    ids = re.findall(r"^  - id: ([a-z0-9_-]+)$", text, flags=re.MULTILINE)
    metrics = re.findall(r"^  - id: ([a-z][a-z0-9_]*)\n    label_zh", text, flags=re.MULTILINE)
    return [i for i in ids if i not in metrics] or ["xiamen"], metrics or ["clearance_rate"]


def random_run(rng: random.Random, text: str) -> Run:
    """A command, its arguments and options, an environment, and where the output goes."""
    places, metrics = names_in(text)
    command = rng.choice(COMMANDS)
    args = [command, *_command_args(rng, command, places, metrics)]
    target, option = None, "-o"
    if command != "check":
        args += _output_options(rng, command)
        if rng.random() < 0.4:
            target = rng.choice(TARGETS)
        if command != "export" and target not in (None, "stdout dash") and rng.random() < 0.3:
            option = rng.choice(("--svg", "--html"))
    env = {name: rng.choice(values) for name, values in ENVIRONMENT.items()
           if rng.random() < 0.3}
    cache = rng.choice(CACHE) if rng.random() < 0.3 else "as it is"
    return Run(args, env, target, cache, option)


def _command_args(rng: random.Random, command: str, places: list[str],
                  metrics: list[str]) -> list[str]:
    def place() -> str:
        return rng.choice([*places, "厦门", "nowhere", "\x1b[31mred", ""])

    metric = rng.choice([*metrics, "破案率", "no_such_metric"])
    return {
        "check": lambda: ["--sources", "ARCHIVE"] if rng.random() < 0.3 else [],
        "rank": lambda: ["-m", metric, *rng.choice(([], ["--sources"], ["--top", "1"],
                                                    ["--period", rng.choice(["2009", "２００９",
                                                                             "20x"])]))],
        "delta": lambda: ["-m", metric, *[place() for _ in range(rng.randrange(3))]],
        "yoy": lambda: ["-m", metric],
        "audit": lambda: rng.choice(([], ["-m", metric])),
        "compare": lambda: [place() for _ in range(rng.randrange(1, 4))],
        "show": lambda: [place(), *rng.choice(([], ["--sources"], ["--lang", "en"]))],
        "metrics": lambda: rng.choice(([], ["--search", "率"], ["--category", "crime"])),
    }.get(command, lambda: [])()


def _output_options(rng: random.Random, command: str) -> list[str]:
    options: list[str] = []
    roll = rng.random()
    if roll < 0.3:
        options += ["--format", rng.choice(FORMATS.get(command, ALL_FORMATS))]
    elif roll < 0.5 and command != "export":
        options += ["--fmt", rng.choice(TABLE_FORMATS)]
    if rng.random() < 0.1:
        options.append("--excel")
    if rng.random() < 0.15 and command != "export":
        options.append("--chart")
    return options


@dataclass
class Places:
    """The files a run may write to or be pointed at, all in one fuzzing folder."""

    folder: Path
    data: Path
    archive: Path
    device: Path | None

    def leftovers(self) -> list[str]:
        return sorted(p.name for p in self.folder.rglob("*.tmp"))


def prepare_places(folder: Path, data: Path) -> Places:
    archive = folder / "archive"
    archive.mkdir(exist_ok=True)
    for name, quote in (("a.txt", "破案率上升1个百分点"), ("b.txt", "全市171个社区警务室")):
        (archive / name).write_text(f"通报:{quote}当年全部建成。", encoding="utf-8")
    device = folder / "null"
    if not device.exists():
        try:
            os.mknod(device, 0o20666, os.makedev(1, 3))  # a private /dev/null, as root only
        except (PermissionError, AttributeError):
            device = None
    return Places(folder, data, archive, device)


def output_target(run: Run, places: Places) -> tuple[list[str], Path | None]:
    """The option that sends the output to the run's target, and the path it names (None for
    a name that is refused or is not a file of the fuzzing folder)."""
    if run.target is None:
        return [], None
    out = places.folder / "out"
    made = places.folder / "made.csv"
    for old in (out, made):
        if old.is_symlink() or old.exists():
            old.unlink()
    named = {"the data": str(places.data), "missing folder": str(places.folder / "no" / "x"),
             "empty": "", "folder slash": f"{out}/", "too long": "x" * 300, "stdout dash": "-"}
    if run.target in named:
        return [run.option, named[run.target]], None
    if run.target == "device" and places.device is not None:
        return [run.option, str(places.device)], places.device
    makers: dict[str, Callable[[], object]] = {
        "existing": lambda: out.write_text("the previous output\n", encoding="utf-8"),
        "link": lambda: (made.write_text("old\n", encoding="utf-8"), out.symlink_to(made)),
        "dangling link": lambda: out.symlink_to(made),
        "named pipe": lambda: os.mkfifo(out),
    }
    makers.get(run.target, lambda: None)()
    return [run.option, str(out)], out


def damage_cache(kind: str, data: Path) -> None:
    """Do to the data's cache file what ``kind`` says (after a run has written it)."""
    from copscompare.loading import cache

    folder = cache.directory()
    if folder is None or kind == "as it is" or not folder.is_dir():
        return
    target = cache.cache_file(data, folder)
    blob = target.read_bytes() if target.is_file() and not target.is_symlink() else b""
    if target.is_symlink() or target.exists():
        target.unlink()
    if kind == "named pipe":
        os.mkfifo(target)
    elif kind == "link to /dev/zero":
        target.symlink_to("/dev/zero")
    elif kind == "foreign key":  # signed by someone without the user's key
        target.write_bytes(blob[:len(cache.MAGIC)] + os.urandom(32) + blob[len(cache.MAGIC) + 32:])
    else:
        at = len(blob) // 2
        target.write_bytes({"flipped byte": blob[:at] + bytes([blob[at] ^ 1]) + blob[at + 1:]
                            if blob else b"", "cut short": blob[:at], "empty": b""}[kind])


class PipeReader(threading.Thread):
    """Reads a named pipe to the end; let go by ``release`` if nothing ever opens it."""

    def __init__(self, path: Path) -> None:
        super().__init__(daemon=True)
        self.path, self.got = path, b""

    def run(self) -> None:
        with open(self.path, "rb") as pipe:
            self.got = pipe.read()

    def release(self) -> None:
        with contextlib.suppress(OSError):
            os.close(os.open(self.path, os.O_WRONLY | os.O_NONBLOCK))
        self.join(10)


def in_process(args: list[str], env: dict[str, str | None]) -> tuple[int | None, str, str, str]:
    """Run ``main(args)`` with ``env`` set: exit code, stdout, stderr, and a traceback if any."""
    saved = {name: os.environ.get(name) for name in env}
    for name, value in env.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            return main(args), out.getvalue(), err.getvalue(), ""
    except BaseException:  # a crash: what the fuzzer hunts
        return None, out.getvalue(), err.getvalue(), traceback.format_exc()
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def execute(run: Run, places: Places) -> list[str]:
    """Run one ``Run`` and return the rules it broke (empty when it behaved)."""
    args = [a.replace("ARCHIVE", str(places.archive)) for a in run.args]
    args += ["--data", str(places.data)]
    option, path = output_target(run, places)
    before = places.data.read_bytes()
    reader = PipeReader(path) if run.target == "named pipe" and path else None
    if reader:
        reader.start()
    reference = None
    if run.cache != "as it is" and run.target is None:
        in_process(args, run.env)  # writes the cache (if the data loads and the cache is on)
        damage_cache(run.cache, places.data)
        reference = in_process([*args, "--no-cache"], run.env)
    code, out, err, crash = in_process([*args, *option], run.env)
    if reader:
        reader.release()
    broken = [crash] if crash else []
    broken += judge(run, code, out, err, path, places, before)
    if reference is not None and (code, out, err) != reference[:3]:
        broken.append(f"a damaged cache changed the result: {reference[:3]!r} != "
                      f"{(code, out[:200], err[:200])!r}")
    return broken


def judge(run: Run, code: int | None, out: str, err: str, path: Path | None, places: Places,
          before: bytes) -> list[str]:
    """The rules every run keeps, whatever it was asked."""
    broken = []
    if code not in (0, 1, 2, None):
        broken.append(f"exit code {code}")
    if "Traceback" in out + err:
        broken.append("a traceback in the output")
    if code and out:
        broken.append(f"stdout on an error: {out[:200]!r}")
    if run.target not in (None, "stdout dash") and run.option == "-o" and out:
        broken.append(f"stdout while writing to a file: {out[:200]!r}")
    if places.data.read_bytes() != before:
        broken.append("the data file was written")
    if places.leftovers():
        broken.append(f"temporary files left: {places.leftovers()}")
    if run.target in ("empty", "folder slash") and code != 2:
        broken.append(f"{run.target} as output: exit {code}, not a usage error")
    if run.target == "the data" and code not in (1, 2):  # 1: it did not load, nothing written
        broken.append(f"the data file as output: exit {code}")
    kinds = {"link": os.path.islink, "dangling link": os.path.islink,
             "named pipe": lambda p: stat.S_ISFIFO(os.lstat(p).st_mode),
             "device": lambda p: stat.S_ISCHR(os.lstat(p).st_mode)}
    if path is not None and run.target in kinds and not kinds[run.target](path):
        broken.append(f"the {run.target} was replaced")
    return broken


def fuzz_runs(iterations: int, seed: int, text: str, folder: Path) -> Report:
    """``iterations`` runs (deterministic for ``seed``) of every command on ``text`` or one of
    its mutants, with random output options, environment, output targets and cache damage."""
    rng = random.Random(seed)
    report = Report()
    data = folder / "data.txt"  # not named .yaml: only its identity keeps it from being written
    places = prepare_places(folder, data)
    for iteration in range(iterations):
        mutated, done = mutant(text, rng) if rng.random() < 0.3 else (text.encode(), [])
        data.write_bytes(mutated)
        run = random_run(rng, text)
        start = time.perf_counter()
        broken = execute(run, places)
        seconds = time.perf_counter() - start
        what = f"seed {seed} run {iteration}: {run}" + (f" on {'; '.join(done)}" if done else "")
        report.loaded += not broken
        if broken:
            report.failures.append(what + "\n  " + "\n  ".join(broken))
        if seconds > report.slowest[0]:
            report.slowest = (seconds, what)
    return report


# -- pathological inputs (timed) ----------------------------------------------------------------

def pathological() -> dict[str, Callable[[], str]]:
    base = fixture_text()
    quote = "quote: 全市171个社区警务室当年全部建成"
    bomb = "a: &a [" + ", ".join(["lol"] * 9) + "]\n" + "".join(
        f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in itertools.pairwise("abcdefghi"))
    return {
        "10,000-deep [[[ ]]] as a quote": lambda: base.replace(
            quote, "quote: " + "[" * 10_000 + "]" * 10_000),
        "10,000-deep {a: {a: …}} as a note": lambda: base.replace(
            quote, quote + "\n    note: " + "{a: " * 10_000 + "1" + "}" * 10_000),
        "10,000-deep block mappings (100 MB of indentation)": lambda: base + "x:\n" + "".join(
            " " * (2 + 2 * i) + "a:\n" for i in range(10_000)),
        "10,000-deep '- - - …' on one line": lambda: base + "x:\n  " + "- " * 10_000 + "x\n",
        "alias bomb (9 levels of 9)": lambda: base + bomb,
        "50 MB scalar as a quote": lambda: base.replace(quote, "quote: " + "1" * 50_000_000),
        "50 MB scalar as a section": lambda: base + "notes: " + "x" * 50_000_000 + "\n",
        "50 MB quoted scalar as a value": lambda: base.replace(
            "value: 171", 'value: "' + "9" * 50_000_000 + '"'),
        "1,000,000 problems (6 MB)": lambda: "observations:\n" + "  - x\n" * 1_000_000,
    }


def time_pathological(folder: Path) -> None:
    path = folder / "pathological.yaml"
    for name, make in pathological().items():
        path.write_text(make(), encoding="utf-8")
        size = path.stat().st_size
        outcome = check_file(path)
        verdict = "; ".join(outcome.broken) or "ok"
        print(f"{outcome.seconds:7.2f} s  exit {outcome.code}  {size / 1048576:7.1f} MB  "
              f"{name}  [{verdict[:200]}]")


def main_script(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--iterations", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fixture", action="store_true",
                        help="mutate the small test fixture instead of data/indicators.yaml")
    parser.add_argument("--pathological", action="store_true",
                        help="time the corpus's pathological inputs instead of fuzzing")
    parser.add_argument("--runs", type=int, default=0, metavar="N",
                        help="N runs of every command, option, target and cache damage "
                             "(on the fixture) instead of mutants through check")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["XDG_CACHE_HOME"] = folder  # the cache is exercised, but not the user's
        if args.pathological:
            time_pathological(Path(folder))
            return 0
        if args.runs:
            return print_report(f"{args.runs} runs of the fixture, seed {args.seed}",
                                fuzz_runs(args.runs, args.seed, fixture_text(), Path(folder)))
        text, origin = (fixture_text(), "the test fixture") if args.fixture else seed_text()
        return print_report(f"mutated {origin}: {args.iterations} mutants, seed {args.seed}",
                            fuzz(args.iterations, args.seed, text, Path(folder)))


def print_report(title: str, report: Report) -> int:
    """Print what a fuzzing run found; 1 when anything broke a rule."""
    print(title)
    print(f"  loaded (exit 0), or a run that kept every rule: {report.loaded}")
    print(f"  data error (exit 1):  {report.data_errors}")
    print(f"  broke a rule:         {len(report.failures)}")
    print(f"  slowest: {report.slowest[0] * 1000:.0f} ms ({report.slowest[1]})")
    for failure in report.failures[:20]:
        print(failure)
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main_script())

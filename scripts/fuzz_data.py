"""Mutation fuzzer for the data loader: break the real data file at random, check it fails well.

Each mutant is the real ``data/indicators.yaml`` (or, before it exists, the test fixture) with
one to three random edits of the kinds a hand-editing curator or a damaged transfer makes:
delete, duplicate or swap lines; flip, insert or delete a character (Chinese characters, tabs,
colons, quotes, ``&``, ``*``, ``-``, ``#``, brackets, control characters …); change a line's
indentation; cut the file short (also in the middle of a UTF-8 character); flip a byte.

For every mutant, the fast reader (``yamlfast``, when it reads the text at all) must build exactly
the tree PyYAML's events give, and ``copscompare check --data MUTANT`` must:
- return 0 or 1, never raise (no traceback) — a crash is a bug;
- print each problem as ``FILE:LINE: …`` naming the mutant file and a line;
- print nothing on stdout but the ``ok:`` summary, and only when it returns 0.

Run on demand (the test suite runs a bounded number of the same mutants)::

    python scripts/fuzz_data.py --iterations 20000 --seed 1
    python scripts/fuzz_data.py --pathological     # time the corpus's pathological inputs

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
import sys
import tempfile
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
    "\r", "\x00", "\x1b", "\u202e", "\ufeff", "\u00a0", "\u3000",
]
SUMMARY = re.compile(r"^(copscompare: error: \d+ error\(s\) in the data; nothing was changed"
                     r"|\.\.\. and \d+ more problem\(s\) not shown)$")


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
    for line in stderr.splitlines():
        if SUMMARY.match(line):
            continue
        if not (line.startswith(prefix) and line[len(prefix):].split(":", 1)[0].isdigit()):
            broken.append(f"problem line without FILE:LINE: {line[:200]!r}")
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
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["XDG_CACHE_HOME"] = folder  # the cache is exercised, but not the user's
        if args.pathological:
            time_pathological(Path(folder))
            return 0
        text, origin = (fixture_text(), "the test fixture") if args.fixture else seed_text()
        start = time.perf_counter()
        report = fuzz(args.iterations, args.seed, text, Path(folder))
        elapsed = time.perf_counter() - start
    print(f"mutated {origin}: {args.iterations} mutants, seed {args.seed}, {elapsed:.1f} s")
    print(f"  loaded (exit 0):      {report.loaded}")
    print(f"  data error (exit 1):  {report.data_errors}")
    print(f"  broke a rule:         {len(report.failures)}")
    print(f"  slowest: {report.slowest[0] * 1000:.0f} ms ({report.slowest[1]})")
    for failure in report.failures[:20]:
        print(failure)
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main_script())

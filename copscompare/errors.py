"""The project's own exceptions, and the one way a message suggests what was meant.

Core code raises these; only the CLI turns them into messages and exit codes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

Suggestion = str | tuple[str, str]  # what to type, or (what to type, what it is)
MAX_CLOSE = 3  # close spellings offered at most


def did_you_mean(suggestions: Sequence[Suggestion]) -> str:
    """`` (did you mean 'a', 'b' or 'c'?)``: the one wording of a suggestion; '' when none.

    What to type is quoted; a description stays outside the quotes:
    ``'wujin' (武进区 Wujin District)``.
    """
    shown = [f"'{s}'" if isinstance(s, str) else f"'{s[0]}' ({s[1]})" for s in suggestions]
    if not shown:
        return ""
    listed = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]
    return f" (did you mean {listed}?)"


def suggest(word: str, choices: Iterable[str]) -> str:
    """``did_you_mean`` for the choices spelt closest to ``word`` (difflib, ratio 0.6 or more);
    '' when none is close, or when ``word`` is longer than any name (difflib would take long)."""
    if len(word) > 100:
        return ""
    import difflib

    return did_you_mean(difflib.get_close_matches(word, list(choices), n=MAX_CLOSE, cutoff=0.6))


class Problem(NamedTuple):
    """One thing wrong (or doubtful) in a data file, located for the curator who must fix it."""

    file: str
    line: int | None
    field: str
    message: str
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        label = "" if self.severity == "error" else "warning: "
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {label}{self.message}"


MAX_KEPT = 1000  # errors kept at most, and warnings kept at most; more are only counted


class Problems(list[Problem]):
    """Problems in the order they are found, keeping at most ``limit`` errors and ``limit``
    warnings: the rest are counted (``more_errors``, ``more_warnings``), not kept, so a file of
    a million bad entries does not hold a million messages (a 12 MB one held 1 GB of them).
    Extending with another ``Problems`` adds its counts too."""

    def __init__(self, limit: int = MAX_KEPT) -> None:
        super().__init__()
        self.limit = limit
        self.kept_errors = self.kept_warnings = 0
        self.more_errors = self.more_warnings = 0

    def append(self, problem: Problem) -> None:
        if problem.severity == "error":
            if self.kept_errors >= self.limit:
                self.more_errors += 1
                return
            self.kept_errors += 1
        else:
            if self.kept_warnings >= self.limit:
                self.more_warnings += 1
                return
            self.kept_warnings += 1
        super().append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.append(problem)
        if isinstance(problems, Problems):
            self.more_errors += problems.more_errors
            self.more_warnings += problems.more_warnings

    @property
    def errors(self) -> int:
        """How many errors were found, kept or not."""
        return self.kept_errors + self.more_errors


class CopsError(Exception):
    """Base class of every error this package raises on purpose."""


class DataError(CopsError):
    """The data could not be loaded: carries every problem kept (``Problems``), not just the
    first, and how many more errors and warnings were found but not kept."""

    def __init__(self, problems: list[Problem], more_errors: int = 0,
                 more_warnings: int = 0) -> None:
        self.problems = problems
        self.more_errors, self.more_warnings = more_errors, more_warnings
        self.errors = sum(p.severity == "error" for p in problems) + more_errors
        super().__init__(f"{self.errors} error(s) in the data")


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived while a file was being written (see copscompare.atomic): what
    was half written is gone. Like KeyboardInterrupt, neither a data nor a usage error."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class BadUsage(CopsError):
    """What the user asked for, on the command line or in an environment variable, cannot be
    done as asked; a usage error (exit 2)."""


class NotFound(BadUsage):
    """A name the user typed (city, metric, period …) matches nothing; a usage error."""

    def __init__(self, message: str, suggestions: Sequence[Suggestion] = ()) -> None:
        self.suggestions = list(suggestions)
        super().__init__(message + did_you_mean(self.suggestions))

"""The project's own exceptions, and the one way a message suggests what was meant.

Core code raises these; only the CLI turns them into messages and exit codes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Problem:
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


class CopsError(Exception):
    """Base class of every error this package raises on purpose."""


class DataError(CopsError):
    """The data could not be loaded: carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(f"{len(errors)} error(s) in the data")


class Terminated(BaseException):
    """SIGTERM or SIGHUP arrived while a file was being written (see copscompare.atomic): what
    was half written is gone. Like KeyboardInterrupt, neither a data nor a usage error."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class NotFound(CopsError):
    """A name the user typed (city, metric, period …) matches nothing; a usage error."""

    def __init__(self, message: str, suggestions: Sequence[Suggestion] = ()) -> None:
        self.suggestions = list(suggestions)
        super().__init__(message + did_you_mean(self.suggestions))

"""The project's own exceptions. Core code raises these; only the CLI turns them into messages."""

from __future__ import annotations

from dataclasses import dataclass


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


class NotFound(CopsError):
    """A name the user typed (city, metric, period …) matches nothing; a usage error."""

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        self.suggestions = suggestions or []
        if self.suggestions:
            message = f"{message} (did you mean {', '.join(self.suggestions)}?)"
        super().__init__(message)

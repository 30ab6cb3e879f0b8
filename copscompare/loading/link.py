"""What needs every file at once: unique ids, references, parents, and each figure's checks.

Rules:
- ids are unique within sources, within jurisdictions and within metrics (the first wins);
- two jurisdictions' names, or two metrics' labels, that look the same but are not (case, a
  Cyrillic or Greek letter, a zero-width character) are a warning naming both (``lookalikes``);
- every reference names a record that exists, with a suggestion when it does not; a reference
  to a record left out for errors of its own is not reported again;
- parents form no cycle (a place is never its own ancestor);
- each observation is checked against its metric and quote (``quotes.figure_error``); a percent
  level over 100 is a warning;
- two observations of the same jurisdiction, metric, period, measure and scope are a warning.
"""

from __future__ import annotations

from typing import TypeVar

from copscompare.errors import Problem, Problems, suggest
from copscompare.loading.lookalikes import lookalike_warnings
from copscompare.loading.quotes import figure_error, over_a_hundred_percent
from copscompare.loading.records import Parts
from copscompare.model import (
    Dataset,
    InMemoryObservations,
    Jurisdiction,
    Metric,
    Observation,
    Source,
)
from copscompare.numbers import plain_number

R = TypeVar("R", Source, Jurisdiction, Metric)
CYCLE_SHOWN = 10  # places of a parent cycle named in its message


def link(parts: Parts, problems: Problems) -> Dataset:
    """The dataset of ``parts`` after the cross-file checks; problems are appended."""
    sources = _unique(parts, parts.sources, problems)
    jurisdictions = _unique(parts, parts.jurisdictions, problems)
    metrics = _unique(parts, parts.metrics, problems)
    known: dict[str, dict[str, object]] = {
        "jurisdiction": dict(jurisdictions), "metric": dict(metrics), "source": dict(sources)}
    problems.extend(lookalike_warnings(jurisdictions.values(), ("name_zh", "name_en"),
                                       "jurisdiction", parts.paths))
    problems.extend(lookalike_warnings(metrics.values(), ("label_zh", "label_en"), "metric",
                                       parts.paths))
    _check_references(parts, known, problems)
    _check_cycles(parts, jurisdictions, problems)
    kept: list[Observation] = []
    first_of: dict[tuple[str, str, str, str, str | None], Observation] = {}
    for obs in parts.observations:
        if (obs.jurisdiction in jurisdictions and obs.metric in metrics
                and obs.source in sources
                and _figure_fits(parts.path(obs), obs, metrics[obs.metric], problems)):
            kept.append(obs)
            _warn_if_given_twice(parts, obs, first_of, problems)
    warnings = tuple(p for p in problems if p.severity == "warning")
    return Dataset(sources, jurisdictions, metrics, InMemoryObservations(tuple(kept)),
                   warnings, problems.more_warnings)


def _unique(parts: Parts, records: list[R], problems: list[Problem]) -> dict[str, R]:
    result: dict[str, R] = {}
    for record in records:
        if record.id in result:
            first = result[record.id]
            problems.append(Problem(record.origin, record.line, f"{parts.path(record)}.id",
                                    f"duplicate id '{record.id}' (first at "
                                    f"{first.origin}:{first.line})"))
            continue
        result[record.id] = record
    return result


def _check_references(parts: Parts, known: dict[str, dict[str, object]],
                      problems: list[Problem]) -> None:
    for filename, line, path, kind, value in parts.refs:
        if value not in known[kind] and f"{kind}s:{value}" not in parts.broken:
            problems.append(Problem(filename, line, path,
                                    f"unknown {kind} '{value}'{suggest(value, known[kind])}"))


def _check_cycles(parts: Parts, jurisdictions: dict[str, Jurisdiction],
                  problems: list[Problem]) -> None:
    """Each place on a parent cycle gets one problem that follows the cycle from itself back to
    itself (a cycle of more than CYCLE_SHOWN places is shortened)."""
    cycles = _cycles(jurisdictions)
    for place in jurisdictions.values():
        if place.id in cycles:
            cycle, position = cycles[place.id]
            problems.append(Problem(place.origin, place.line, f"{parts.path(place)}.parent",
                                    "parent cycle: " + _cycle_text(cycle, position)))


def _cycles(jurisdictions: dict[str, Jurisdiction]) -> dict[str, tuple[list[str], int]]:
    """Every place on a parent cycle -> (the cycle, its position in it); in linear time: each
    chain of parents is walked once, and a walk stops at a place an earlier walk passed."""
    found: dict[str, tuple[list[str], int]] = {}
    passed: set[str] = set()
    for start in jurisdictions:
        walk: dict[str, int] = {}  # place -> its position on this walk
        current: str | None = start
        while current in jurisdictions and current not in passed and current not in walk:
            walk[current] = len(walk)
            current = jurisdictions[current].parent
        if current is not None and current in walk:  # the walk came back: from there, a cycle
            cycle = list(walk)[walk[current]:]
            found.update((member, (cycle, index)) for index, member in enumerate(cycle))
        passed.update(walk)
    return found


def _cycle_text(cycle: list[str], position: int) -> str:
    """``a -> b -> a`` from the place at ``position`` round the cycle and back; a cycle of more
    than CYCLE_SHOWN places shows its first few and says how many there are."""
    size = len(cycle)
    shown = [cycle[(position + step) % size] for step in range(min(size, CYCLE_SHOWN))]
    if size > CYCLE_SHOWN:
        shown.append(f"… ({size} places in the cycle)")
    return " -> ".join([*shown, cycle[position]])


def _figure_fits(path: str, obs: Observation, metric: Metric, problems: list[Problem]) -> bool:
    """False, with the problem reported, when the figure breaks a rule of its metric or quote."""
    error = figure_error(obs, metric)
    if error is not None:
        field, message = error
        problems.append(Problem(obs.origin, obs.line, f"{path}.{field}", message))
        return False
    if over_a_hundred_percent(obs, metric):
        problems.append(Problem(obs.origin, obs.line, f"{path}.value",
                                f"{plain_number(obs.value)}% is over 100%", "warning"))
    return True


def _warn_if_given_twice(parts: Parts, obs: Observation,
                         first_of: dict[tuple[str, str, str, str, str | None], Observation],
                         problems: list[Problem]) -> None:
    key = (obs.jurisdiction, obs.metric, obs.period.text, obs.measure, obs.scope)
    first = first_of.setdefault(key, obs)
    if first is not obs:
        problems.append(Problem(obs.origin, obs.line, parts.path(obs),
                                f"the same figure is also given at {first.origin}:"
                                f"{first.line}", "warning"))

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
- two observations of the same jurisdiction, metric, period, measure and scope are a warning;
- a name, label or alias that is another record's id is a warning: the id wins when typed.
"""

from __future__ import annotations

import re
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
    _warn_names_that_are_ids(parts, jurisdictions, metrics, problems)
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


def _warn_names_that_are_ids(parts: Parts, jurisdictions: dict[str, Jurisdiction],
                             metrics: dict[str, Metric], problems: list[Problem]) -> None:
    """A warning for each name, label or alias that is another record's id: typing it finds
    the record whose id it is (an id wins over names), never this one."""
    named: list[tuple[Jurisdiction | Metric, str, str, Jurisdiction | Metric | None]] = []
    for place in jurisdictions.values():
        for field, name in (("name_zh", place.name_zh), ("name_en", place.name_en)):
            named.append((place, field, name, jurisdictions.get(_as_typed(name))))
    for metric in metrics.values():
        fields = [("label_zh", metric.label_zh), ("label_en", metric.label_en),
                  *((f"aliases[{i}]", alias) for i, alias in enumerate(metric.aliases))]
        for field, name in fields:
            named.append((metric, field, name, metrics.get(_as_typed(name, metric=True))))
    for record, field, name, other in named:
        if other is not None and other is not record:
            kind = "jurisdiction" if isinstance(other, Jurisdiction) else "metric"
            problems.append(Problem(record.origin, record.line, f"{parts.path(record)}.{field}",
                                    f"'{name}' is also the id of {kind} '{other.id}': typing "
                                    "it finds that one, not this", "warning"))


def _as_typed(name: str, metric: bool = False) -> str:
    """A name as the command line compares it with ids (analysis.names): case-folded; for a
    metric, spaces and hyphens read as ``_``."""
    folded = name.strip().casefold()
    return re.sub(r"[\s-]+", "_", folded) if metric else folded

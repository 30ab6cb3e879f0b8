"""What needs every file at once: unique ids, references, parents, repeats and each figure's
checks.

Rules:
- ids are unique within sources, within jurisdictions and within metrics (the first wins);
- every reference names a record that exists, with a suggestion when it does not; a reference
  to a record left out for errors of its own is not reported again;
- parents form no cycle (a place is never its own ancestor);
- two sources are the same article when they name the same archived ``file``, carry the same
  ``sha256``, or have the same title and date (an unknown title or date matches nothing): an
  error on the later one, naming the first;
- each observation is checked against its metric and quote (``quotes.figure_problems``) and
  its dates against its source's (``dates``); a percent level over 100 is a warning;
- two observations of the same jurisdiction, metric, period, measure, scope and baseline are a
  warning (a change month on month and one year on year are two figures).
  When they have the same value and come from two sources, it is the same figure twice: the
  warning names both, the figure stays cited from the earlier source (the one published
  first; where the dates cannot tell, the first in the data) and the other is left out of the
  tables. Otherwise the first in the data is the one the tables use.
"""

from __future__ import annotations

from typing import TypeVar

from copscompare.errors import Problem, suggest
from copscompare.loading import dates
from copscompare.loading.quotes import Finding, figure_problems
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
Key = tuple[str, str, str, str, str | None, str | None]


def link(parts: Parts, problems: list[Problem]) -> Dataset:
    """The dataset of ``parts`` after the cross-file checks; problems are appended."""
    sources = _unique(parts, parts.sources, problems)
    jurisdictions = _unique(parts, parts.jurisdictions, problems)
    metrics = _unique(parts, parts.metrics, problems)
    known: dict[str, dict[str, object]] = {
        "jurisdiction": dict(jurisdictions), "metric": dict(metrics), "source": dict(sources)}
    _check_references(parts, known, problems)
    _check_cycles(parts, jurisdictions, problems)
    _check_sources(parts, sources, problems)
    kept: dict[int, Observation] = {}
    first_of: dict[Key, tuple[int, Observation]] = {}
    for index, obs in enumerate(parts.observations):
        if (obs.jurisdiction in jurisdictions and obs.metric in metrics
                and obs.source in sources
                and _figure_fits(parts.path(obs), obs, metrics[obs.metric],
                                 sources[obs.source], problems)):
            kept[index] = obs
            _given_twice(parts, index, sources, kept, first_of, problems)
    warnings = tuple(p for p in problems if p.severity == "warning")
    return Dataset(sources, jurisdictions, metrics, InMemoryObservations(tuple(kept.values())),
                   warnings)


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
    for place in jurisdictions.values():
        chain = _ancestors(place, jurisdictions)
        if chain and chain[-1] == place.id:
            problems.append(Problem(place.origin, place.line, f"{parts.path(place)}.parent",
                                    "parent cycle: " + " -> ".join([place.id, *chain])))


def _ancestors(place: Jurisdiction, jurisdictions: dict[str, Jurisdiction]) -> list[str]:
    """Parent, grandparent, … of ``place`` up to the top or the first one met again."""
    chain: list[str] = []
    current = place.parent
    while current is not None and current in jurisdictions:
        chain.append(current)
        if current == place.id or current in chain[:-1]:
            break
        current = jurisdictions[current].parent
    return chain


def _check_sources(parts: Parts, sources: dict[str, Source], problems: list[Problem]) -> None:
    """The same article twice (module docstring), and each source's own dates."""
    seen: dict[tuple[str, str], Source] = {}
    for source in sources.values():
        path = parts.path(source)
        for finding in dates.source_problems(source):
            problems.append(_problem(source, path, finding))
        for key in _identities(source):
            first = seen.setdefault(key, source)
            if first is not source:
                problems.append(Problem(
                    source.origin, source.line, f"{path}.{key[0].split('+')[0]}",
                    f"the same article as source '{first.id}' ({first.origin}:{first.line}): "
                    f"the same {key[0].replace('+', ' and ')}"))
                break


def _identities(source: Source) -> list[tuple[str, str]]:
    found = []
    if source.file:
        found.append(("file", source.file))
    if source.sha256:
        found.append(("sha256", source.sha256))
    if "unknown" not in (source.title, source.date):
        found.append(("title+date", f"{source.title}\n{source.date}"))
    return found


def _problem(record: Source | Observation, path: str, finding: Finding) -> Problem:
    where = f"{path}.{finding.field}" if finding.field else path
    return Problem(record.origin, record.line, where, finding.message, finding.severity)


def _figure_fits(path: str, obs: Observation, metric: Metric, source: Source,
                 problems: list[Problem]) -> bool:
    """False, with the problems reported, when the figure breaks a rule of its metric, its
    quote or its source's date; warnings are reported and the figure kept."""
    findings = [*figure_problems(obs, metric), *dates.period_problems(obs, source)]
    for finding in findings:
        problems.append(_problem(obs, path, finding))
    if any(f.severity == "error" for f in findings):
        return False
    if obs.measure == "level" and metric.unit == "percent" and obs.value > 100:
        problems.append(Problem(obs.origin, obs.line, f"{path}.value",
                                f"{plain_number(obs.value)}% is over 100%", "warning"))
    return True


def _given_twice(parts: Parts, index: int, sources: dict[str, Source],
                 kept: dict[int, Observation], first_of: dict[Key, tuple[int, Observation]],
                 problems: list[Problem]) -> None:
    """Warn of a second figure for the same thing; keep one copy of the same figure twice,
    cited from the earlier source (module docstring)."""
    obs = kept[index]
    key = (obs.jurisdiction, obs.metric, obs.period.text, obs.measure, obs.scope, obs.baseline)
    at, first = first_of.setdefault(key, (index, obs))
    if first is obs:
        return
    if first.value != obs.value or first.source == obs.source:
        problems.append(Problem(obs.origin, obs.line, parts.path(obs),
                                f"the same figure is also given at {first.origin}:"
                                f"{first.line}", "warning"))
        return
    order = dates.earlier(sources[obs.source].date, sources[first.source].date)
    cited, dropped = (obs, first) if order == -1 else (first, obs)
    why = "first in the data" if order is None else "published earlier"
    problems.append(Problem(obs.origin, obs.line, parts.path(obs),
                            f"the same figure as {first.origin}:{first.line}, from source "
                            f"'{first.source}' and from source '{obs.source}': "
                            f"'{cited.source}' ({why}) stays cited", "warning"))
    del kept[index if dropped is obs else at]
    if cited is obs:
        first_of[key] = (index, obs)

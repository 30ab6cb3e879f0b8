"""What needs every file at once: unique ids, references, parents, repeats and each figure's
checks.

Rules:
- ids are unique within sources, within jurisdictions and within metrics (the first wins);
- two jurisdictions' names, or two metrics' labels, that look the same but are not (case, a
  Cyrillic or Greek letter, a zero-width character) are a warning naming both (``lookalikes``);
- every reference names a record that exists, with a suggestion when it does not; a reference
  to a record left out for errors of its own is not reported again;
- parents form no cycle (a place is never its own ancestor);
- two sources are the same article when they name the same archived ``file``, carry the same
  ``sha256``, or have the same title and date (an unknown title or date matches nothing): an
  error on the later one, naming the first;
- each observation is checked against its metric and quote (``quotes.figure_problems``) and
  its dates against its source's (``dates``); a percent level over 100 is a warning;
- a name, label or alias that is another record's id is a warning: the id wins when typed;
- two observations of the same jurisdiction, metric, period, measure, scope and baseline are a
  warning (a change month on month and one year on year are two figures).
  When they have the same value and come from two sources, it is the same figure twice: the
  warning names both, the figure stays cited from the earlier source (the one published
  first; where the dates cannot tell, the first in the data) and the other is left out of the
  tables. Otherwise the first in the data is the one the tables use.
"""

from __future__ import annotations

import re
from typing import TypeVar

from copscompare.errors import Problem, Problems, suggest
from copscompare.loading import dates
from copscompare.loading.lookalikes import lookalike_warnings
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
CYCLE_SHOWN = 10  # places of a parent cycle named in its message
Key = tuple[str, str, str, str, str | None, str | None]


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

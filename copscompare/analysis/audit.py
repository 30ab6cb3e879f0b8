"""audit: the bureaus' figures checked against each other, every check there is.

Rules:
- For every metric (in the data's order) and place (by English name), three kinds of check,
  each row a check with the figure reported, the figure computed and a verdict:
  - ``change vs levels``: every reported change against the levels of its period and of its
    baseline, whatever sources give them (``claims.claim_check``, the check ``delta`` shows);
  - ``level, change, %``: a level reported with an absolute and a percent change of the same
    period and baseline (``claims.together_check``: 297起, 减少72起, 下降19.5% imply a base of
    369 and −72/369 = −19.5%);
  - ``rank vs levels``: a rank against the levels of the same metric and period of the places
    it ranks among (province: the places of its province and level; nation: every place of its
    level; city: the places with its parent). The levels known put some places surely ahead
    (better by the metric's ``better``, their published intervals apart); the rank agrees when
    no more are ahead than it allows (rank − 1), which says nothing of peers whose levels are
    not in the data.
- Verdicts: ``agrees`` (equal within the published rounding and qualifiers: ``claims``),
  ``differs``, ``cannot check`` (saying why: a level missing, a zero base, no peer known).
- Rows: the checks that differ, then those that agree, then those that cannot be made; within
  each, by metric and place as above. The first footnote counts them.
- A ``differs`` is a finding about the published figures, not an error in the data.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from copscompare.analysis.claims import (
    CHANGES,
    baseline_period,
    claim_check,
    interval,
    level_at,
    together_check,
)
from copscompare.analysis.common import STANDING_FOOTNOTE, metric_title, short_name
from copscompare.analysis.values import figure_text, format_value
from copscompare.model import Dataset, Jurisdiction, Metric, Observation
from copscompare.numbers import plain_number
from copscompare.periods import Period
from copscompare.table import BOTH, DATA, DISPLAY, Column, Row, Table

AGREES, DIFFERS, CANNOT = "agrees", "differs", "cannot check"
_ORDER = (DIFFERS, AGREES, CANNOT)  # the checks that found something first


@dataclass(frozen=True)
class Audit:
    """One check: what it compares, the figures, the verdict and the sources it rests on."""

    check: str
    place: Jurisdiction
    metric: Metric
    period: str
    reported: Observation
    computed: str
    computed_value: float | None
    verdict: str
    sources: tuple[str, ...]


def audit_table(dataset: Dataset, metrics: list[str] | None = None,
                lang: str | None = None) -> Table:
    """Every check of the module docstring, for ``metrics`` (default: all) as a table."""
    chosen = [dataset.metrics[m] for m in metrics] if metrics else list(dataset.metrics.values())
    audits = sorted((a for metric in chosen for a in _audits(dataset, metric)),
                    key=lambda a: _ORDER.index(a.verdict))
    rows = [_row(a, lang) for a in audits]
    columns = (
        Column("place", "jurisdiction", DISPLAY), Column("city", "city", DATA),
        Column("metric_text", "metric", DISPLAY), Column("metric", "metric", DATA),
        Column("check", "check", BOTH), Column("period", "period", BOTH),
        Column("reported_text", "reported", DISPLAY, numeric=True),
        Column("reported", "reported", DATA, numeric=True),
        Column("computed_text", "computed", DISPLAY, numeric=True),
        Column("computed", "computed", DATA, numeric=True),
        Column("verdict", "verdict", BOTH), Column("sources", "sources", BOTH),
    )
    return Table("Audit: reported figures checked against each other", columns, tuple(rows),
                 tuple(_footnotes(audits)))


def summary(audits: list[Audit]) -> str:
    counts = {verdict: sum(a.verdict == verdict for a in audits)
              for verdict in (AGREES, DIFFERS, CANNOT)}
    return (f"{len(audits)} checks: {counts[AGREES]} agree, {counts[DIFFERS]} differ, "
            f"{counts[CANNOT]} cannot be checked.")


def _footnotes(audits: list[Audit]) -> list[str]:
    notes = [summary(audits)]
    if audits:
        notes.append("Agrees: equal within the published rounding (half a unit of the last "
                     "digit written) and qualifiers (about: within 10%; over, under: open).")
    if any(a.verdict == DIFFERS for a in audits):
        notes.append("Differs: a finding about the published figures, not an error in the "
                     "data; see the sources.")
    if any(a.check == "rank vs levels" for a in audits):
        notes.append("A rank is checked only against the peers whose levels are in the data.")
    notes.append(STANDING_FOOTNOTE)
    return notes


def _row(audit: Audit, lang: str | None) -> Row:
    return {
        "place": short_name(audit.place, lang), "city": audit.place.id,
        "metric_text": metric_title(audit.metric), "metric": audit.metric.id,
        "check": audit.check, "period": audit.period,
        "reported_text": figure_text(audit.reported, audit.metric.unit),
        "reported": plain_number(audit.reported.value),
        "computed_text": audit.computed,
        "computed": None if audit.computed_value is None else plain_number(
            round(audit.computed_value, 4)),
        "verdict": audit.verdict, "sources": ", ".join(audit.sources),
    }


def _audits(dataset: Dataset, metric: Metric) -> Iterator[Audit]:
    by_place: dict[str, list[Observation]] = {}
    for obs in dataset.observations_of(metric.id):
        by_place.setdefault(obs.jurisdiction, []).append(obs)
    places = sorted((dataset.jurisdictions[p] for p in by_place),
                    key=lambda p: (p.name_en.casefold(), p.id))
    for place in places:
        observed = sorted(by_place[place.id], key=lambda o: o.period.time_order())
        levels = [o for o in observed if o.measure == "level"]
        for obs in observed:
            if obs.measure in CHANGES:
                yield _change(place, metric, obs, levels)
        yield from _together(place, metric, observed)
        for obs in observed:
            if obs.measure == "rank":
                yield _rank(dataset, place, metric, obs)


def _sources(*observations: Observation) -> tuple[str, ...]:
    return tuple(dict.fromkeys(o.source for o in observations))


def _change(place: Jurisdiction, metric: Metric, obs: Observation,
            levels: list[Observation]) -> Audit:
    base = baseline_period(obs)
    period = f"{obs.period.text} vs {base.text if base else 'unknown'}"
    check = claim_check(obs, levels)
    if check is None:
        return Audit("change vs levels", place, metric, period, obs, _unchecked(obs, base,
                                                                               levels),
                     None, CANNOT, _sources(obs))
    sources = _sources(obs, check.baseline, check.level)
    if check.agrees is None or check.computed is None:
        return Audit("change vs levels", place, metric, period, obs, "zero base", None, CANNOT,
                     sources)
    decimals = obs.decimals if obs.measure == "change_abs" else max(1, obs.decimals)
    shown = format_value(check.computed, metric.unit, obs.measure, decimals=decimals)
    return Audit("change vs levels", place, metric, period, obs, shown, check.computed,
                 AGREES if check.agrees else DIFFERS, sources)


def _unchecked(obs: Observation, base: Period | None, levels: list[Observation]) -> str:
    """Why a change cannot be set against levels."""
    if not obs.period.known or base is None:
        return "period unknown"
    if not base.known:
        return "baseline unknown"
    missing = [p.text for p in (obs.period, base) if level_at(levels, p) is None]
    return "no level for " + " nor ".join(missing)


def _together(place: Jurisdiction, metric: Metric,
              observed: list[Observation]) -> Iterator[Audit]:
    kinds: dict[tuple[str, str | None], dict[str, Observation]] = {}
    for obs in observed:
        kinds.setdefault((obs.period.text, obs.baseline), {}).setdefault(obs.measure, obs)
    for (period, _), found in kinds.items():
        if not {"level", "change_abs", "change_pct"} <= set(found):
            continue
        level, absolute, percent = found["level"], found["change_abs"], found["change_pct"]
        computed, agrees = together_check(level, absolute, percent)
        sources = _sources(level, absolute, percent)
        if computed is None or agrees is None:
            yield Audit("level, change, %", place, metric, period, percent,
                        "base not above zero", computed, CANNOT, sources)
            continue
        base = plain_number(round(level.value - absolute.value, 6))
        shown = format_value(computed, metric.unit, "change_pct",
                             decimals=max(1, percent.decimals)) + f" (base {base})"
        yield Audit("level, change, %", place, metric, period, percent, shown, computed,
                    AGREES if agrees else DIFFERS, sources)


def _rank(dataset: Dataset, place: Jurisdiction, metric: Metric, obs: Observation) -> Audit:
    levels = {o.jurisdiction: o for o in reversed(dataset.observations_of(metric.id))
              if o.measure == "level" and o.period.text == obs.period.text}
    own = levels.get(place.id)
    peers = [levels[p.id] for p in _peers(dataset, place, obs.scope) if p.id in levels]
    if metric.better not in ("higher", "lower") or own is None or not peers:
        why = ("no level of its own" if own is None else "no peer's level"
               if not peers else f"'{metric.id}' is better neither higher nor lower")
        return Audit("rank vs levels", place, metric, obs.period.text, obs, why, None, CANNOT,
                     _sources(obs))
    mine = interval(own)
    ahead = [p for p in peers if (interval(p).low > mine.high if metric.better == "higher"
                                  else interval(p).high < mine.low)]
    best = 1 + len(ahead)
    shown = f"#{best} at best ({len(peers)} peer{'s' if len(peers) > 1 else ''} known)"
    verdict = DIFFERS if best > obs.value else AGREES
    return Audit("rank vs levels", place, metric, obs.period.text, obs, shown, float(best),
                 verdict, _sources(obs, own, *peers))


def _peers(dataset: Dataset, place: Jurisdiction, scope: str | None) -> list[Jurisdiction]:
    """The other places a rank of ``place`` within ``scope`` is among."""
    others = [p for p in dataset.jurisdictions.values() if p.id != place.id]
    if scope == "city":
        return [p for p in others if p.parent is not None and p.parent == place.parent]
    same_level = [p for p in others if p.level == place.level]
    if scope == "province":
        return [p for p in same_level if p.province == place.province]
    return same_level

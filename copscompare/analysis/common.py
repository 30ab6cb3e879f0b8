"""What every analysis shares: choosing figures, their uncertainty, and like-for-like footnotes.

Rules that hold in every table:
- a jurisdiction's default figure is its latest observation (latest end month, then latest
  start); an unknown period counts as the earliest, so it is used only when nothing else is;
- when one jurisdiction has two figures for the same metric, period, measure and scope, the first
  in the data file is used and a footnote says so;
- an approximate figure (约, 近, 左右) is taken to lie within 10% of what was written; a bound
  (``>30,000``) is open on one side; an exact figure is what was written;
- every table ends with the standing footnote that these are self-reported figures.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from copscompare.analysis.values import bilingual, span_words
from copscompare.model import LEVEL_LABELS, Dataset, Jurisdiction, Metric, Observation
from copscompare.periods import UNKNOWN
from copscompare.table import DISPLAY, Cited, Column, Row

STANDING_FOOTNOTE = ("Self-reported figures from the cited sources; see "
                     "`copscompare show CITY --sources` or the source column for quotes.")
SYMBOLS = "~ about, > over, ≥ at least, < under, ≤ at most"
APPROXIMATE_FOOTNOTE = f"{SYMBOLS}: the figure was published as approximate or as a bound."
OUTCOME_CATEGORIES = ("crime", "clearance", "public_safety", "public_opinion")
ABOUT_MARGIN = 0.10
MAX_NAMES = 6  # names listed in one footnote group before "and N more"
MAX_GROUPS = 8
INF = float("inf")



def plain_direction(metric: Metric) -> str | None:
    """``higher`` or ``lower`` when which way is better is plain to the public, else None.

    Plain: the metric says ``better: higher`` or ``lower`` and its category is an outcome the
    public lives with (OUTCOME_CATEGORIES: fewer crimes, more cases cleared, fewer road deaths,
    a safer-feeling public). Elsewhere, in what the police did or have (arrests, informants,
    cameras, police rooms), "more is better" is the bureau's own framing, so tables order by
    ``better`` but say "largest first", not "best" (docs/data-format.md, "Better").
    """
    if metric.better == "neither" or metric.category not in OUTCOME_CATEGORIES:
        return None
    return metric.better


def cited(dataset: Dataset, source_ids: Iterable[str]) -> tuple[Cited, ...]:
    """The key of the sources ``source_ids`` name, in id order, each once."""
    return tuple(Cited(s.id, s.title, s.publisher, s.date, s.url)
                 for s in sorted((dataset.sources[i] for i in set(source_ids)),
                                 key=lambda s: s.id))


def name_list(names: Iterable[str], limit: int = MAX_NAMES) -> str:
    """``a, b, c``; past ``limit`` distinct names ``a, b, c and 12 more`` (short footnotes)."""
    unique = list(dict.fromkeys(names))
    if len(unique) <= limit:
        return ", ".join(unique)
    return ", ".join(unique[:limit]) + f" and {len(unique) - limit} more"


def short_name(place: Jurisdiction, lang: str | None = None) -> str:
    """The name used inside footnotes: Chinese unless English was asked for."""
    return place.name_en if lang == "en" else place.name_zh


def metric_title(metric: Metric) -> str:
    """``Criminal case clearance rate 刑事案件破案率``: a metric named in both languages."""
    return bilingual(metric.label_en, metric.label_zh, None)


def baseline_words(obs: Observation) -> str:
    """What a change is measured against, when the data says: ``vs 2015-10``, or ``baseline
    not stated`` when the source gives a change without saying against what (``unknown``)."""
    if obs.baseline == UNKNOWN:
        return "baseline not stated"
    return f"vs {obs.baseline}"


def with_baseline(text: str, obs: Observation) -> str:
    """``text`` followed by the change's baseline when it has one: ``2017-10 vs 2015-10``,
    ``−18.8%, baseline not stated``."""
    if not obs.baseline:
        return text
    return f"{text}{',' if obs.baseline == UNKNOWN else ''} {baseline_words(obs)}"


def period_text(obs: Observation) -> str:
    """The period as shown: ``2009``; ``2017-10 vs 2015-10`` when a change has a baseline;
    ``2017-01/2017-11, baseline not stated`` when the source does not say which."""
    return with_baseline(obs.period.text, obs)


def latest_first(observations: Iterable[Observation]) -> list[Observation]:
    """Latest period first (see the module docstring); file order among equals."""
    return sorted(observations, key=lambda o: o.period.sort_key(), reverse=True)


class Picked(NamedTuple):
    """The figure chosen for each jurisdiction, and the jurisdictions that had two for it."""

    figures: dict[str, Observation]
    doubled: tuple[Observation, ...]


def pick(observations: Iterable[Observation], period: str | None = None,
         year: int | None = None) -> Picked:
    """One figure per jurisdiction: its latest, or its figure for ``period``, or its latest
    within ``year``; the first in file order when two share that period."""
    figures: dict[str, Observation] = {}
    doubled: list[Observation] = []
    for obs in latest_first(observations):
        if period is not None and obs.period.text != period:
            continue
        if year is not None and not obs.period.within_year(year):
            continue
        held = figures.get(obs.jurisdiction)
        if held is None:
            figures[obs.jurisdiction] = obs
        elif held.period.text == obs.period.text:
            doubled.append(obs)
    return Picked(figures, tuple(doubled))


def doubled_footnote(dataset: Dataset, doubled: Sequence[Observation],
                     lang: str | None = None) -> list[str]:
    if not doubled:
        return []
    names = name_list(f"{short_name(dataset.jurisdictions[o.jurisdiction], lang)} "
                      f"{o.period.text}" for o in doubled)
    return [f"Two figures for the same period ({names}): the first in the data file is shown."]


class Bounds(NamedTuple):
    """Where the true figure may lie. ``*_open`` means the end itself is excluded."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False


def bounds(value: float, qualifier: str, decimals: int | None = None) -> Bounds:
    """Where a published figure's true value may lie.

    exact: the figure itself, or, when ``decimals`` is given, within half a unit of its last
    published digit (``9.6`` is 9.55–9.65); about: within 10% (plus that half unit); over/under:
    beyond the figure, open; at least/at most: beyond it, closed. For a negative change the bound
    describes the size of the fall, so ``over`` −6000 lies below −6000.
    """
    from copscompare.analysis.values import qualifier_for_sign

    half = 0.5 * 10 ** -decimals if decimals is not None else 0.0
    q = qualifier_for_sign(value, qualifier)
    if q == "about":
        margin = abs(value) * ABOUT_MARGIN + half
        return Bounds(value - margin, value + margin)
    if q == "over":
        return Bounds(value, INF, low_open=True)
    if q == "at_least":
        return Bounds(value - half, INF)
    if q == "under":
        return Bounds(-INF, value, high_open=True)
    if q == "at_most":
        return Bounds(-INF, value + half)
    return Bounds(value - half, value + half)


def overlap(a: Bounds, b: Bounds) -> bool:
    """True when some value lies in both (closed ends touching count)."""
    if a.high < b.low or b.high < a.low:
        return False
    if a.high == b.low:
        return not (a.high_open or b.low_open)
    if b.high == a.low:
        return not (b.high_open or a.low_open)
    return True


def like_for_like_footnotes(dataset: Dataset, rows: Sequence[Observation],
                            lang: str | None = None, qualifiers: bool = True) -> list[str]:
    """Footnotes for whatever makes ``rows`` not like-for-like.

    Different periods (for a count at a point in time, such as cameras installed: counted at
    different times; the length of its period means nothing), periods of different length,
    different administrative levels, a place beside one that contains it, unknown periods,
    changes measured against a stated baseline or against one the source does not state, and
    (with ``qualifiers``) approximate or bounded figures.
    """
    def name(obs: Observation) -> str:
        return short_name(dataset.jurisdictions[obs.jurisdiction], lang)

    def level(obs: Observation) -> str:
        return LEVEL_LABELS[dataset.jurisdictions[obs.jurisdiction].level]

    notes: list[str] = []
    counted = bool(rows) and dataset.metrics[rows[0].metric].point_in_time
    if len({o.period.text for o in rows}) > 1:
        what = "Counted at different times" if counted else "Not the same period"
        notes.append(f"{what} ({_grouped(rows, _period, name)}).")
    if not counted and len({o.period.months for o in rows if o.period.known}) > 1:
        notes.append("Periods of different length: figures over a longer period are not "
                     f"comparable with shorter ones ({_grouped(rows, _length, name)}).")
    if len({level(o) for o in rows}) > 1:
        notes.append(f"Different administrative levels ({_grouped(rows, level, name)}).")
    notes += nested_footnote(dataset, [o.jurisdiction for o in rows], lang)
    unknown = [name(o) for o in rows if not o.period.known]
    if unknown:
        notes.append(f"Period unknown for {name_list(unknown)}: the source gives no year "
                     "(see `copscompare show CITY` for why).")
    based = [f"{name(o)} ({period_text(o)})" for o in rows
             if o.baseline and o.baseline != UNKNOWN]
    if based:
        notes.append("Changes measured against a stated baseline, not the same period a year "
                     f"earlier: {name_list(based)}.")
    unstated = [f"{name(o)} {o.period.text}" for o in rows if o.baseline == UNKNOWN]
    if unstated:
        notes.append("Changes whose source does not say what they are measured against (not "
                     f"necessarily a year earlier): {name_list(unstated)}.")
    if qualifiers and any(o.qualifier != "exact" for o in rows):
        notes.append(APPROXIMATE_FOOTNOTE)
    return notes


def _period(obs: Observation) -> str:
    return obs.period.text


def _length(obs: Observation) -> str:
    return span_words(obs.period.months) if obs.period.months else "unknown"


def _grouped(rows: Sequence[Observation], key_of: Callable[[Observation], str],
             name: Callable[[Observation], str]) -> str:
    """``2004: 厦门; 2009: 武进区, 常州``: names grouped by ``key_of``, at most MAX_GROUPS."""
    groups: dict[str, dict[str, None]] = {}
    for obs in rows:
        groups.setdefault(key_of(obs), {})[name(obs)] = None
    parts = [f"{key}: {name_list(names)}" for key, names in groups.items()]
    if len(parts) > MAX_GROUPS:
        parts = [*parts[:MAX_GROUPS], f"{len(parts) - MAX_GROUPS} more"]
    return "; ".join(parts)


def nested_footnote(dataset: Dataset, places: Iterable[str],
                    lang: str | None = None) -> list[str]:
    """A place shown beside one that contains it (武进区 is part of 常州市): the larger place's
    figures may include the smaller one's, so the two are not independent."""
    shown = list(dict.fromkeys(places))
    pairs = []
    for place_id in shown:
        place = dataset.jurisdictions[place_id]
        outer = next((a for a in ancestors(dataset, place) if a.id in shown), None)
        if outer is not None:
            pairs.append(f"{short_name(place, lang)} is part of {short_name(outer, lang)}")
    if not pairs:
        return []
    return ["; ".join(pairs) + ": the larger place's figures may include the smaller one's, "
            "so they are not independent."]


def ancestors(dataset: Dataset, place: Jurisdiction) -> list[Jurisdiction]:
    """The places that contain ``place``: its parent, the parent's parent, and so on."""
    chain: list[Jurisdiction] = []
    current = dataset.jurisdictions.get(place.parent) if place.parent else None
    while current is not None and current not in chain and current is not place:
        chain.append(current)
        current = dataset.jurisdictions.get(current.parent) if current.parent else None
    return chain


def context_footnote(metric: Metric) -> list[str]:
    if metric.category == "context":
        return ["A context figure (economy, population), not a police result."]
    return []


def drop_empty_display(columns: Sequence[Column], rows: Sequence[Row]) -> tuple[Column, ...]:
    """Leave out display-only columns that are empty in every row (data columns always stay,
    so a CSV keeps the same header whatever the figures)."""
    return tuple(c for c in columns
                 if c.role != DISPLAY or any(row.get(c.key) not in (None, "") for row in rows))

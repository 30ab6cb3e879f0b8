"""Rank jurisdictions on one metric: in order, ties shared, uncertainty said out loud.

Rules:
- Kinds of figure are never mixed in one ranking. The default is levels when any jurisdiction
  (after the filters) reports a level; otherwise the kind reported by most jurisdictions (ties:
  percent change, percentage-point change, absolute change, rank). The title says which, and
  says "not levels" when levels were not available. Ranks within different scopes (province,
  nation) are never mixed either: the scope reported by most jurisdictions is used.
- Ordered by the metric's direction: ``better: higher`` ranks the highest level or largest
  rise first, ``better: lower`` the lowest level or largest fall first (a fall in crime ranks
  above a rise); ``better: neither`` ranks largest first. The title says "(higher is better)"
  only where the direction is plain to the public (``common.plain_direction``), else just
  "largest first". A published rank (#1 in province) ranks ascending. ``order`` (asc/desc)
  overrides.
- Published ranks within different provinces (or cities) are never ranked against each other:
  each province's places are ranked among themselves, provinces in name order, with a
  "ranked among" column and a footnote; ``top``/``bottom`` cut within each.
- Ties (same figure, same qualifier) share a rank, competition style (1, 2, 2, 4), shown ``=2``.
  Equal figures with different qualifiers are not ties: ``>30,000`` ranks above ``30,000``.
- A row whose figure is approximate or a bound is marked ``*``. When the true figures could
  put two rows in the other order (``>30,000`` above exact ``30,500``), a footnote gives each
  affected row the range of ranks it could hold.
- ``top``/``bottom`` keep the first/last N places; a tie at the cut keeps every tied row.
- Footnotes say whatever is not like-for-like (periods, lengths, levels, unknown periods,
  baselines, qualifiers), which other kinds of figure exist, and the standing source line.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from typing import NamedTuple

from copscompare.analysis.common import (
    MAX_NAMES,
    STANDING_FOOTNOTE,
    SYMBOLS,
    Bounds,
    Picked,
    bounds,
    cited,
    context_footnote,
    doubled_footnote,
    drop_empty_display,
    like_for_like_footnotes,
    metric_title,
    name_list,
    period_text,
    pick,
    plain_direction,
    short_name,
)
from copscompare.analysis.values import (
    bilingual,
    figure_text,
    measure_words,
    qualifier_for_sign,
)
from copscompare.model import LEVEL_LABELS, MEASURES, SCOPES, Dataset, Metric, Observation
from copscompare.numbers import plain_number
from copscompare.table import BOTH, DATA, DISPLAY, Column, Row, Table

_BIAS = {"over": 2, "at_least": 1, "exact": 0, "about": 0, "at_most": -1, "under": -2}


class RankOptions(NamedTuple):
    """What the user asked for; every field optional except the metric."""

    metric: str
    measure: str | None = None
    scope: str | None = None
    period: str | None = None
    year: int | None = None
    top: int | None = None
    bottom: int | None = None
    province: str | None = None
    level: str | None = None
    order: str | None = None  # "asc" or "desc"
    sources: bool = False
    lang: str | None = None


def in_filters(dataset: Dataset, obs: Observation, province: str | None,
               level: str | None) -> bool:
    """True when the observation's jurisdiction is in ``province`` and at ``level`` (if given)."""
    place = dataset.jurisdictions[obs.jurisdiction]
    if province is not None and place.province != province:
        return False
    return level is None or place.level == level


def choose_measure(observations: list[Observation]) -> str | None:
    """Levels if any; else the measure most jurisdictions report (ties in MEASURES order)."""
    per_measure: dict[str, set[str]] = {}
    for obs in observations:
        per_measure.setdefault(obs.measure, set()).add(obs.jurisdiction)
    if not per_measure:
        return None
    if "level" in per_measure:
        return "level"
    return max(per_measure, key=lambda m: (len(per_measure[m]), -MEASURES.index(m)))


def choose_scope(observations: list[Observation]) -> str | None:
    """For ranks: the scope most jurisdictions report (ties in the order province, nation, city)."""
    per_scope: dict[str, set[str]] = {}
    for obs in observations:
        if obs.scope:
            per_scope.setdefault(obs.scope, set()).add(obs.jurisdiction)
    if not per_scope:
        return None
    return max(per_scope, key=lambda s: (len(per_scope[s]), -SCOPES.index(s)))


def default_order(metric: Metric, measure: str) -> str:
    """``asc`` for published ranks and ``better: lower`` metrics, ``desc`` otherwise."""
    if measure == "rank" or metric.better == "lower":
        return "asc"
    return "desc"


def order_words(metric: Metric, measure: str, order: str, overridden: bool) -> str:
    """How the rows are ordered, in words for the title; "is better" only where the data
    dictionary gives a plain direction (``common.plain_direction``)."""
    if measure == "rank":
        return "#1 first" if order == "asc" else "last placed first"
    best = plain_direction(metric)
    if measure.startswith("change"):
        first = "largest rise first" if order == "desc" else "largest fall first"
    elif best is None:
        first = "largest first" if order == "desc" else "smallest first"
    else:
        first = "highest first" if order == "desc" else "lowest first"
    if best is None:
        return first
    if overridden and order != default_order(metric, measure):
        return f"{first} ({best} is better: worst first)"
    return f"{first} ({best} is better)"


def _score(obs: Observation) -> tuple[float, int]:
    return (obs.value, _BIAS[qualifier_for_sign(obs.value, obs.qualifier)])


def competition_ranks(scores: list[tuple[float, int]]) -> list[int]:
    """Ranks of already ordered scores: equal neighbours share, the next skips (1, 2, 2, 4)."""
    ranks: list[int] = []
    for index, score in enumerate(scores):
        if index and score == scores[index - 1]:
            ranks.append(ranks[-1])
        else:
            ranks.append(index + 1)
    return ranks


def _oriented(b: Bounds, order: str) -> Bounds:
    """Bounds in "goodness" space: for ascending order a smaller value is better, so negate."""
    if order == "desc":
        return b
    return Bounds(-b.high, -b.low, b.high_open, b.low_open)


def possible_ranks(rows: list[Bounds]) -> list[tuple[int, int]]:
    """Best and worst competition rank each row could hold, given where its figure may lie.

    Rows are in goodness space (higher is better). Row x is surely above r when x.low > r.high
    (or they touch at an open end); x could be above r when x.high > r.low. Counted with
    sorted ends and bisection, so thousands of rows stay fast.
    """
    lows = sorted(b.low for b in rows)
    open_lows = sorted(b.low for b in rows if b.low_open)
    highs = sorted(b.high for b in rows)
    result = []
    for r in rows:
        if r.high_open:
            surely = len(lows) - bisect_left(lows, r.high)
        else:
            surely = (len(lows) - bisect_right(lows, r.high)
                      + bisect_right(open_lows, r.high) - bisect_left(open_lows, r.high))
        could = len(highs) - bisect_right(highs, r.low) - (1 if r.high > r.low else 0)
        result.append((1 + surely, 1 + could))
    return result


def _cut(ranks: list[int], top: int | None, bottom: int | None) -> list[bool]:
    """Which rows ``top``/``bottom`` keep; a tie at the cut keeps all tied rows."""
    if top is None and bottom is None:
        return [True] * len(ranks)
    keep = [False] * len(ranks)
    if top is not None:
        keep = [k or r <= top for k, r in zip(keep, ranks, strict=True)]
    if bottom is not None and bottom > 0 and ranks:
        threshold = ranks[max(len(ranks) - bottom, 0)]
        keep = [k or r >= threshold for k, r in zip(keep, ranks, strict=True)]
    return keep


class Placed(NamedTuple):
    """One ranked figure: its rank, whether it is tied, and the ranks it could hold."""

    obs: Observation
    rank: int
    tied: bool
    best: int
    worst: int


def ranking(observations: list[Observation], order: str,
            name_of: dict[str, str] | None = None) -> list[Placed]:
    """Order figures best first (``order`` desc: highest first) and give competition ranks.

    Among tied figures the order is by ``name_of[jurisdiction]`` (else the id), for a stable
    listing; it does not break the tie.
    """
    names = name_of or {}
    figures = sorted(observations, key=lambda o: (names.get(o.jurisdiction, o.jurisdiction),
                                                  o.jurisdiction))
    figures.sort(key=_score, reverse=(order == "desc"))
    ranks = competition_ranks([_score(o) for o in figures])
    counts = Counter(ranks)
    ranges = possible_ranks([_oriented(bounds(o.value, o.qualifier), order) for o in figures])
    return [Placed(o, r, counts[r] > 1, best, worst)
            for o, r, (best, worst) in zip(figures, ranks, ranges, strict=True)]


def rank_table(dataset: Dataset, options: RankOptions) -> Table:
    """The ranking as a neutral table (see the module docstring for every rule)."""
    metric = dataset.metrics[options.metric]
    pool = [o for o in dataset.observations_of(metric.id)
            if in_filters(dataset, o, options.province, options.level)]
    measure = options.measure or choose_measure(pool) or "level"
    of_measure = [o for o in pool if o.measure == measure]
    scope = None
    if measure == "rank":
        scope = options.scope or choose_scope(of_measure)
        of_measure = [o for o in of_measure if o.scope == scope]
    picked = pick(of_measure, options.period, options.year)
    order = options.order or default_order(metric, measure)
    groups = peer_groups(dataset, list(picked.figures.values()), options.lang)
    placed, shown = _placed(dataset, groups, order, options)

    apart = len(groups) > 1
    rows = tuple(_row(dataset, metric, p, options, apart) for p in shown)
    title = _title(metric, measure, scope, order, options,
                   has_levels=any(o.measure == "level" for o in pool), apart=apart)
    footnotes = _footnotes(dataset, metric, pool, measure, scope, placed, shown, picked, options)
    footnotes[:0] = _apart_footnote(dataset, groups, scope, options)
    # No bars for published ranks: the worst place would get the longest bar.
    return Table(title, drop_empty_display(_columns(options), rows), rows, tuple(footnotes),
                 chart=None if measure == "rank" else "value",
                 sources=cited(dataset, (p.obs.source for p in shown)))


def peer_groups(dataset: Dataset, figures: list[Observation],
                lang: str | None = None) -> dict[str, list[Observation]]:
    """Figures by whom they rank among: a published rank within province by its province, one
    within city by the city that contains the place; everything else in one group ("")."""
    groups: dict[str, list[Observation]] = {}
    for obs in figures:
        place = dataset.jurisdictions[obs.jurisdiction]
        key = ""
        if obs.measure == "rank" and obs.scope == "province":
            key = bilingual(place.province, place.province_zh, lang)
        elif obs.measure == "rank" and obs.scope == "city":
            key = (dataset.jurisdictions.get(place.parent or "") or place).display_name(lang)
        groups.setdefault(key, []).append(obs)
    return {key: groups[key] for key in sorted(groups, key=str.casefold)}


def _placed(dataset: Dataset, groups: dict[str, list[Observation]], order: str,
            options: RankOptions) -> tuple[list[Placed], list[Placed]]:
    """Each group ranked on its own, groups one after another: all placed figures, and those
    ``top``/``bottom`` keep (within each group)."""
    names = {k: p.name_en.casefold() for k, p in dataset.jurisdictions.items()}
    placed: list[Placed] = []
    shown: list[Placed] = []
    for figures in groups.values():
        group = ranking(figures, order, names)
        keep = _cut([p.rank for p in group], options.top, options.bottom)
        placed += group
        shown += [p for p, k in zip(group, keep, strict=True) if k]
    return placed, shown


def _apart_footnote(dataset: Dataset, groups: dict[str, list[Observation]], scope: str | None,
                    options: RankOptions) -> list[str]:
    """Why published ranks of different provinces (or cities) are ranked apart."""
    if len(groups) < 2:
        return []
    listed = "; ".join(
        f"{key}: " + name_list(short_name(dataset.jurisdictions[o.jurisdiction], options.lang)
                               for o in figures) for key, figures in groups.items())
    cut = (f" --top and --bottom keep places of each {scope}."
           if options.top is not None or options.bottom is not None else "")
    return [f"Ranks within different {scope}s are not ranked against each other (#1 in one "
            f"{scope} is not above #2 in another): each {scope}'s places are ranked among "
            f"themselves ({listed}).{cut}"]


def _row(dataset: Dataset, metric: Metric, placed: Placed, options: RankOptions,
         apart: bool) -> Row:
    obs = placed.obs
    place = dataset.jurisdictions[obs.jurisdiction]
    source = dataset.sources[obs.source]
    mark = "" if obs.qualifier == "exact" else "*"
    among = next(iter(peer_groups(dataset, [obs], options.lang))) if apart else ""
    return {
        "among": among,
        "rank_text": ("=" if placed.tied else "") + str(placed.rank) + mark,
        "rank": placed.rank,
        "jurisdiction": place.display_name(options.lang), "city": place.id,
        "city_zh": place.name_zh, "city_en": place.name_en,
        "value_text": figure_text(obs, metric.unit),
        "value": plain_number(obs.value), "unit": metric.unit, "qualifier": obs.qualifier,
        "measure": obs.measure, "scope": obs.scope, "period_text": period_text(obs),
        "period": obs.period.text, "baseline": obs.baseline,
        "level_text": LEVEL_LABELS[place.level], "level": place.level, "source": source.id,
        "quote": obs.quote, "source_title": source.title, "source_date": source.date,
    }


def _columns(options: RankOptions) -> tuple[Column, ...]:
    columns = [
        Column("among", "ranked among", DISPLAY, label=True),
        Column("rank_text", "rank", DISPLAY, numeric=True, label=True),
        Column("rank", "rank", DATA),
        Column("jurisdiction", "jurisdiction", DISPLAY, label=True), Column("city", "city", DATA),
        Column("city_zh", "city_zh", DATA), Column("city_en", "city_en", DATA),
        Column("value_text", "value", DISPLAY, numeric=True),
        Column("value", "value", DATA, numeric=True), Column("unit", "unit", DATA),
        Column("qualifier", "qualifier", DATA), Column("measure", "measure", DATA),
        Column("scope", "scope", DATA),
        Column("period_text", "period", DISPLAY), Column("period", "period", DATA),
        Column("baseline", "baseline", DATA),
        Column("level_text", "level", DISPLAY), Column("level", "level", DATA),
        Column("source", "source", BOTH),
    ]
    if options.sources:
        columns += [Column("quote", "quote", BOTH), Column("source_title", "source title", BOTH),
                    Column("source_date", "source_date", DATA)]
    return tuple(columns)


def _title(metric: Metric, measure: str, scope: str | None, order: str, options: RankOptions,
           has_levels: bool, apart: bool) -> str:
    what = "reported " + measure_words(measure, scope)
    if measure != "level" and not has_levels and options.measure is None:
        what += " (not levels)"
    if apart:
        what += f", each {scope} ranked apart"
    when = ""
    if options.period:
        when = f", {options.period}"
    elif options.year is not None:
        when = f", within {options.year}"
    where = ""
    if options.province:
        where += f", {options.province}"
    if options.level:
        where += f", {LEVEL_LABELS[options.level]}s only"
    return (f"{metric_title(metric)} — {what}{when}{where}; "
            f"{order_words(metric, measure, order, options.order is not None)}")


def _footnotes(dataset: Dataset, metric: Metric, pool: list[Observation], measure: str,
               scope: str | None, placed: list[Placed], shown: list[Placed], picked: Picked,
               options: RankOptions) -> list[str]:
    lang = options.lang
    notes: list[str] = []
    if not placed:
        notes.append(_nothing_found(measure, scope, pool, options))
    if any(p.obs.qualifier != "exact" for p in shown):
        notes.append(f"* The figure was published as approximate or as a bound ({SYMBOLS}), "
                     "so its place rests on it.")
    uncertain = [f"{short_name(dataset.jurisdictions[p.obs.jurisdiction], lang)} "
                 f"{p.best}–{p.worst}" for p in shown if (p.best, p.worst) != (p.rank, p.rank)]
    if uncertain:
        notes.append("The order is uncertain where figures are approximate or bounds; places "
                     "each could hold: " + name_list(uncertain, 2 * MAX_NAMES) + ".")
    observations = [p.obs for p in shown]
    notes += like_for_like_footnotes(dataset, observations, lang, qualifiers=False)
    notes += doubled_footnote(dataset, picked.doubled, lang)
    if options.top is not None or options.bottom is not None:
        notes.append(f"Showing {len(shown)} of {len(placed)} ranked jurisdictions.")
    elif placed and options.province is None and options.level is None:
        notes.append(f"Reported by {len(placed)} of {len(dataset.jurisdictions)} "
                     "jurisdictions in the data.")
    notes += _other_kinds(pool, measure, scope)
    periods: dict[tuple[str, str, str | None], set[str]] = {}
    for x in pool:
        periods.setdefault((x.jurisdiction, x.measure, x.scope), set()).add(x.period.text)
    if options.period is None and options.year is None and any(
            len(periods[(o.jurisdiction, o.measure, o.scope)]) > 1 for o in observations):
        notes.append("Each jurisdiction's latest figure is shown; all periods: "
                     f"`copscompare delta --metric {metric.id}`.")
    notes += context_footnote(metric)
    notes.append(STANDING_FOOTNOTE)
    return notes


def _nothing_found(measure: str, scope: str | None, pool: list[Observation],
                   options: RankOptions) -> str:
    kinds = measure_words(measure, scope)
    if options.period or options.year is not None:
        periods = ", ".join(sorted({o.period.text for o in pool if o.measure == measure}))
        return f"No {kinds} for that period; periods reported: {periods or 'none'}."
    return f"No {kinds} reported for this selection."


def _other_kinds(pool: list[Observation], measure: str, scope: str | None) -> list[str]:
    """Which other kinds of figure exist for this metric (they are never mixed in)."""
    others: dict[tuple[str, str | None], set[str]] = {}
    for obs in pool:
        if obs.measure == measure and obs.scope == scope:
            continue
        other = (obs.measure, obs.scope if obs.measure == "rank" else None)
        others.setdefault(other, set()).add(obs.jurisdiction)
    if not others:
        return []
    parts = []
    for (kind, within), places in sorted(others.items(), key=lambda item: _option(*item[0])):
        count = len(places)
        parts.append(f"{measure_words(kind, within)} for {count} "
                     f"jurisdiction{'s' if count != 1 else ''} ({_option(kind, within)})")
    return ["Also reported, ranked separately: " + "; ".join(parts) + "."]


def _option(measure: str, scope: str | None) -> str:
    """The options that rank this kind of figure: ``--measure rank --scope nation``."""
    return f"--measure {measure}" + (f" --scope {scope}" if scope else "")

"""Changes between periods, computed from published levels and set beside reported changes.

Rules:
- For each jurisdiction, its levels in time order. Each level is compared with the latest
  earlier level of a *comparable* period: the same length (a year with a year, a half with a
  half) that ended before this one began. A period with no comparable earlier one is listed but
  not differenced; so is an unknown period.
- The change is shown as an absolute change, plus a percent change for counts and amounts or a
  percentage-point change for rates (percent unit). A zero baseline gives no percent change
  (``—``, with a footnote), never an error or infinity.
- When the two periods end more than 12 months apart, the compound annual rate is shown:
  ``((later / earlier) ** (12 / months) − 1) × 100``, months counted between the periods' last
  months (2004 → 2007 is 36 months). Not for rates: a rate of a rate is not meaningful.
- Computed changes keep the published precision: an absolute or pp change has as many decimals
  as the more precise of its two figures; percent changes and annual rates have one decimal
  (four in the data columns). Every computed figure is rounded half up
  (copscompare.numbers.rounded). For a rate the absolute change is the percentage-point
  change: it is one figure, shown once (``pp change``, data column ``change_pp``).
  When either figure is approximate or a bound, the computed change is marked ``~``.
- Reported changes (percent, percentage-point, absolute) are shown beside the level of the same
  period, or on their own row, with the claim check of ``claims`` (the one ``audit`` makes):
  ``agrees`` or ``differs`` with the change the levels of its period and its baseline give.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from copscompare.analysis.claims import CHANGES, Check, claim_check
from copscompare.analysis.common import (
    STANDING_FOOTNOTE,
    cited,
    context_footnote,
    drop_empty_display,
    metric_title,
    name_list,
    short_name,
    with_baseline,
)
from copscompare.analysis.values import (
    DASH,
    format_value,
    gap_words,
    measure_label,
    signed_text,
)
from copscompare.model import Dataset, Jurisdiction, Metric, Observation
from copscompare.numbers import as_written, plain_number, rounded_number
from copscompare.periods import Period
from copscompare.table import BOTH, DATA, DISPLAY, Column, Row, Table

DATA_DECIMALS = 4  # decimals of computed percentages in the data columns (the table shows one)


class Change(NamedTuple):
    """A change computed from two levels; ``percent`` is None for a zero baseline."""

    earlier: Observation
    later: Observation
    absolute: float
    relative: float | None  # percent change (counts) or pp change (rates)
    months: int
    per_year: float | None
    approximate: bool


def comparable(earlier: Period, later: Period) -> bool:
    """Same known length, and ``earlier`` ends before ``later`` begins."""
    return (earlier.known and later.known and earlier.months == later.months
            and earlier.end is not None and later.start is not None
            and earlier.end < later.start)


def compute_change(earlier: Observation, later: Observation, unit: str) -> Change:
    """The change from ``earlier`` to ``later`` (see the module docstring for the rules).

    The absolute and percent changes are worked out on the figures as written, in decimal
    arithmetic (copscompare.numbers), so 500.233 − 379.2 is 121.033, not 121.03300000000002.
    """
    assert earlier.period.end is not None and later.period.end is not None
    before, after = as_written(earlier.value), as_written(later.value)
    absolute = float(after - before)
    months = later.period.end - earlier.period.end
    if unit == "percent":
        relative: float | None = absolute
    elif earlier.value == 0:
        relative = None
    else:
        relative = float((after / before - 1) * 100)
    per_year = None
    if unit != "percent" and months > 12 and earlier.value > 0:
        per_year = ((later.value / earlier.value) ** (12 / months) - 1) * 100
    approximate = earlier.qualifier != "exact" or later.qualifier != "exact"
    return Change(earlier, later, absolute, relative, months, per_year, approximate)


@dataclass
class Line:
    """One row of the delta table before formatting."""

    place: Jurisdiction
    period: Period
    level: Observation | None = None
    change: Change | None = None
    reported: Observation | None = None
    check: Check | None = None
    note: str = ""
    flags: set[str] = field(default_factory=set)


def series(metric: Metric, place: Jurisdiction, observations: list[Observation]) -> list[Line]:
    """The rows for one jurisdiction from its ``observations`` of ``metric``: its levels and
    reported changes in time order."""
    levels: list[Observation] = []
    lines: list[Line] = []
    for obs in sorted((o for o in observations if o.measure == "level"),
                      key=lambda o: o.period.time_order()):
        if any(o.period.text == obs.period.text for o in levels):
            continue  # a second figure for the same period: the first in file order is used
        line = Line(place, obs.period, level=obs)
        earlier = [o for o in levels if comparable(o.period, obs.period)]
        if earlier:
            line.change = compute_change(earlier[-1], obs, metric.unit)
        elif not obs.period.known:
            line.flags.add("unknown")
        elif levels:
            line.flags.add("no_comparable")
        levels.append(obs)
        lines.append(line)
    for obs in sorted((o for o in observations if o.measure in CHANGES),
                      key=lambda o: (o.period.time_order(), CHANGES.index(o.measure))):
        check = claim_check(obs, levels)
        host = next((ln for ln in lines if ln.level is not None and ln.reported is None
                     and ln.period.text == obs.period.text), None)
        if host is None:
            host = Line(place, obs.period)
            lines.append(host)
        host.reported, host.check = obs, check
    lines.sort(key=lambda ln: ln.period.time_order())
    return lines


def delta_table(dataset: Dataset, metric_id: str, places: list[str] | None = None,
                lang: str | None = None) -> Table:
    """Levels, computed changes and reported changes per jurisdiction (rules: module docstring).

    ``places`` are jurisdiction ids in the order asked; by default every jurisdiction with a
    figure for the metric, in English-name order.
    """
    metric = dataset.metrics[metric_id]
    reporting = {o.jurisdiction for o in dataset.observations_of(metric.id)
                 if o.measure == "level" or o.measure in CHANGES}
    if places is None:
        chosen = sorted((dataset.jurisdictions[j] for j in reporting),
                        key=lambda p: (p.name_en.casefold(), p.id))
    else:
        chosen = [dataset.jurisdictions[j] for j in dict.fromkeys(places)]
    by_place: dict[str, list[Observation]] = {}
    for obs in dataset.observations_of(metric.id):
        by_place.setdefault(obs.jurisdiction, []).append(obs)
    rows: list[Row] = []
    lines_all: list[Line] = []
    for place in chosen:
        lines = series(metric, place, by_place.get(place.id, []))
        for index, line in enumerate(lines):
            rows.append(_row(metric, line, lang, first=(index == 0)))
        lines_all += lines
    title = (f"{metric_title(metric)} — levels, changes between comparable periods, "
             "and reported changes")
    columns = (
        Column("jurisdiction", "jurisdiction", DISPLAY, label=True),
        Column("city", "city", DATA), Column("city_zh", "city_zh", DATA),
        Column("city_en", "city_en", DATA),
        Column("period", "period", BOTH, label=True),
        Column("level_text", "level", DISPLAY, numeric=True),
        Column("level", "level", DATA, numeric=True), Column("qualifier", "qualifier", DATA),
        Column("since_text", "since", DISPLAY), Column("since", "since", DATA),
        *_change_columns(metric),
        Column("over", "over", DISPLAY), Column("months", "months", DATA, numeric=True),
        Column("per_year_text", "per year", DISPLAY, numeric=True),
        Column("per_year_pct", "per_year_pct", DATA, numeric=True),
        Column("reported_text", "reported", DISPLAY, numeric=True),
        Column("reported_measure", "reported_measure", DATA),
        Column("reported_value", "reported_value", DATA, numeric=True),
        Column("reported_qualifier", "reported_qualifier", DATA),
        Column("check_text", "check", DISPLAY), Column("check", "check", DATA),
        Column("check_computed", "check_computed", DATA, numeric=True),
        Column("source", "source", BOTH),
    )
    footnotes = _footnotes(dataset, metric, chosen, lines_all, reporting, lang)
    used = (o.source for ln in lines_all for o in (ln.level, ln.reported) if o is not None)
    return Table(title, drop_empty_display(columns, rows), tuple(rows), tuple(footnotes),
                 chart=_chart(lines_all), sources=cited(dataset, used))


def _change_columns(metric: Metric) -> tuple[Column, ...]:
    """The computed change: for a rate one column of percentage points; else the absolute and
    the percent change."""
    if metric.unit == "percent":
        return (Column("relative_text", measure_label("change_pp"), DISPLAY, numeric=True),
                Column("change_pp", "change_pp", DATA, numeric=True))
    return (Column("change_text", "change", DISPLAY, numeric=True),
            Column("change", "change", DATA, numeric=True),
            Column("relative_text", measure_label("change_pct"), DISPLAY, numeric=True),
            Column("change_pct", "change_pct", DATA, numeric=True))


def _chart(lines: list[Line]) -> str | None:
    """Bars for the levels; else for reported changes when they are all of one kind."""
    if any(ln.level for ln in lines):
        return "level"
    kinds = {ln.reported.measure for ln in lines if ln.reported}
    return "reported_value" if len(kinds) == 1 else None


def _round(value: float | None, decimals: int = DATA_DECIMALS) -> float | int | None:
    """A computed figure for the data columns, rounded half up (copscompare.numbers)."""
    return rounded_number(value, decimals)


def _row(metric: Metric, line: Line, lang: str | None, first: bool) -> Row:
    """One row: the jurisdiction (named on its first row only), the period, and whichever of
    the level, computed change, reported change and check the line has."""
    place = line.place
    row: Row = {
        "jurisdiction": place.display_name(lang) if first else "", "city": place.id,
        "city_zh": place.name_zh, "city_en": place.name_en, "period": line.period.text,
    }
    if line.level is not None:
        row.update(_level_cells(metric, line.level))
    if line.change is not None:
        row.update(_change_cells(metric, line.change))
    if line.reported is not None:
        row.update(_reported_cells(metric, line.reported))
    if line.check is not None and line.check.agrees is not None:
        row.update(_check_cells(metric, line.check))
    sources = [o.source for o in (line.level, line.reported) if o is not None]
    row["source"] = ", ".join(dict.fromkeys(sources))
    return row


def _level_cells(metric: Metric, level: Observation) -> dict[str, Any]:
    return {"level_text": format_value(level.value, metric.unit, "level", level.qualifier,
                                       level.decimals),
            "level": plain_number(level.value), "qualifier": level.qualifier}


def _change_cells(metric: Metric, change: Change) -> dict[str, Any]:
    """The computed change: absolute, relative (pp for a rate), and per year when far apart;
    ``~`` when either level was approximate."""
    mark = "~" if change.approximate else ""
    decimals = max(change.earlier.decimals, change.later.decimals)
    per_year = "" if change.per_year is None else f"{mark}{signed_text(change.per_year, 1)}%/yr"
    cells: dict[str, Any] = {
        "since": change.earlier.period.text, "since_text": change.earlier.period.text,
        "over": gap_words(change.months), "months": change.months,
        "per_year_text": per_year, "per_year_pct": _round(change.per_year),
    }
    if metric.unit == "percent":  # the absolute change is the pp change: one figure
        cells["relative_text"] = f"{mark}{signed_text(change.absolute, decimals)} pp"
        cells["change_pp"] = _round(change.absolute, decimals)
        return cells
    cells["change_text"] = mark + format_value(change.absolute, metric.unit, "change_abs",
                                               decimals=decimals)
    cells["change"] = _round(change.absolute, decimals)
    cells["relative_text"] = (DASH if change.relative is None
                              else f"{mark}{signed_text(change.relative, 1)}%")
    cells["change_pct"] = _round(change.relative)
    return cells


def _reported_cells(metric: Metric, reported: Observation) -> dict[str, Any]:
    text = format_value(reported.value, metric.unit, reported.measure, reported.qualifier,
                        reported.decimals)
    text = with_baseline(text, reported)
    return {"reported_text": text, "reported_measure": reported.measure,
            "reported_value": plain_number(reported.value),
            "reported_qualifier": reported.qualifier}


def _check_cells(metric: Metric, check: Check) -> dict[str, Any]:
    """``agrees``, or ``differs`` with the change the levels give."""
    verdict = "agrees" if check.agrees else "differs"
    text = verdict
    if not check.agrees and check.computed is not None:
        shown = format_value(check.computed, metric.unit, check.reported.measure,
                             decimals=max(1, check.reported.decimals))
        text = f"differs: computed {shown}"
    return {"check": verdict, "check_text": text, "check_computed": _round(check.computed)}


def _footnotes(dataset: Dataset, metric: Metric, chosen: list[Jurisdiction], lines: list[Line],
               reporting: set[str], lang: str | None) -> list[str]:
    notes = _change_notes(lines, lang)
    if any(ln.reported for ln in lines):
        kinds = sorted({measure_label(ln.reported.measure) for ln in lines if ln.reported})
        notes.append("Reported: the change the source itself gives (" + ", ".join(kinds)
                     + "), against the same period a year earlier unless it says otherwise.")
    if any(ln.check and ln.check.agrees is not None for ln in lines):
        notes.append("Check: whether the reported change matches the change computed from the "
                     "published levels, allowing for their rounding.")
    if any(o.measure == "rank" for o in dataset.observations_of(metric.id)):
        notes.append(f"Published ranks are not listed here: `copscompare rank --metric "
                     f"{metric.id} --measure rank`.")
    missing = [p for p in chosen if p.id not in reporting]
    if missing:
        notes.append("No figures for this metric from: "
                     + name_list(short_name(p, lang) for p in missing) + ".")
    if not chosen:
        notes.append("No jurisdiction reports this metric as a level or a change.")
    notes += context_footnote(metric)
    notes.append(STANDING_FOOTNOTE)
    return notes


def _change_notes(lines: list[Line], lang: str | None) -> list[str]:
    """What the computed changes need said: how, approximate ones, gaps and lone periods."""
    notes: list[str] = []
    changes = [ln.change for ln in lines if ln.change]
    if changes:
        notes.append("Changes are computed between consecutive periods of the same length; "
                     "per year is the compound annual rate when they are more than a year "
                     "apart.")
    if any(change.approximate for change in changes):
        notes.append("~ computed from a figure published as approximate or as a bound.")
    if any(change.relative is None for change in changes):
        notes.append(f"{DASH} no percent change: the earlier figure is zero.")
    lonely = [ln for ln in lines if "no_comparable" in ln.flags]
    if lonely:
        notes.append("Not differenced, no earlier period of the same length: " + name_list(
            f"{short_name(ln.place, lang)} {ln.period.text}" for ln in lonely) + ".")
    if any("unknown" in ln.flags or (ln.reported and not ln.period.known) for ln in lines):
        notes.append("Unknown periods are listed but not differenced.")
    return notes

"""Jurisdictions side by side: metrics as rows, jurisdictions as columns (or transposed).

Rules:
- A row is one metric and one kind of figure (level, percent change, …; ranks also by scope),
  so kinds are never mixed in a row. Rows follow the category order of the data format, then
  the order of the metrics in the data file; metrics named with ``--metric`` keep the order
  given.
- A row appears when at least one of the jurisdictions has a figure for it. ``show_all`` also
  shows metrics nobody reported, and a metric named explicitly is always shown, so a gap is
  seen as a gap (``—``).
- In each row the cells come from the latest period that every jurisdiction with a figure in
  that row shares; when they share none, each cell is that jurisdiction's latest figure, shows
  its period, and the row is named in a footnote.
- Nothing is left out in silence: a footnote counts the figures of other periods a row did not
  show, names them, and points to ``all_periods`` (``--all-periods``), which gives every
  period its own row (a column when transposed), oldest first.
- Footnotes say what is not like-for-like: differing periods, administrative levels, a place
  beside one that contains it, ranks within different provinces, unknown periods, approximate
  figures, context rows.
"""

from __future__ import annotations

from typing import NamedTuple

from copscompare.analysis.common import (
    APPROXIMATE_FOOTNOTE,
    STANDING_FOOTNOTE,
    baseline_words,
    cited,
    doubled_footnote,
    latest_first,
    name_list,
    nested_footnote,
    period_text,
    short_name,
)
from copscompare.analysis.values import DASH, bilingual, figure_text, measure_label
from copscompare.model import (
    CATEGORIES,
    LEVEL_LABELS,
    MEASURES,
    SCOPES,
    Dataset,
    Jurisdiction,
    Metric,
    Observation,
)
from copscompare.numbers import plain_number
from copscompare.table import DATA, DISPLAY, Column, Row, Table


class Line(NamedTuple):
    """One metric and kind of figure, with the figure chosen for each jurisdiction."""

    metric: Metric
    measure: str | None  # None: nobody reported this metric
    scope: str | None
    cells: dict[str, Observation]
    shared: str | None  # the period every cell shares, or None when they differ
    left_out: tuple[Observation, ...] = ()  # figures of other periods this row does not show
    doubled: tuple[Observation, ...] = ()  # second figures for a period a cell shows

    @property
    def key(self) -> str:
        """A column-safe name: ``gdp``, ``gdp_change_pct``, ``criminal_investigation_rank_city``."""
        parts = [self.metric.id]
        if self.measure and self.measure != "level":
            parts.append(self.measure)
        if self.scope:
            parts.append(self.scope)
        return "_".join(parts)


def choose_cells(observations: list[Observation], places: list[str]
                 ) -> tuple[dict[str, Observation], str | None]:
    """One figure per jurisdiction: from the latest period all of them share, else each latest
    (the first in file order when a period has two). Returns the cells and the shared period
    (None when there is none)."""
    by_place: dict[str, list[Observation]] = {}
    for obs in latest_first(observations):
        by_place.setdefault(obs.jurisdiction, []).append(obs)
    present = [p for p in places if p in by_place]
    if not present:
        return {}, None
    common = set.intersection(*({o.period.text for o in by_place[p]} for p in present))
    for obs in by_place[present[0]]:  # latest first
        if obs.period.text in common:
            cells = {p: next(o for o in by_place[p] if o.period.text == obs.period.text)
                     for p in present}
            return cells, obs.period.text
    return {p: by_place[p][0] for p in present}, None


def _line(metric: Metric, measure: str, scope: str | None, of_kind: list[Observation],
          cells: dict[str, Observation], shared: str | None) -> Line:
    """A row with what it leaves out: other periods, and second figures for a shown period."""
    shown = {id(o) for o in cells.values()}
    others = [o for o in of_kind if id(o) not in shown]
    doubled = tuple(o for o in others if o.jurisdiction in cells
                    and o.period.text == cells[o.jurisdiction].period.text)
    left_out = tuple(o for o in others if o not in doubled)
    return Line(metric, measure, scope, cells, shared, left_out, doubled)


def _lines_of_kind(metric: Metric, measure: str, scope: str | None, of_kind: list[Observation],
                   places: list[str], all_periods: bool) -> list[Line]:
    """The row of one kind of figure; with ``all_periods`` one row per period, oldest first."""
    if not all_periods:
        return [_line(metric, measure, scope, of_kind, *choose_cells(of_kind, places))]
    periods = sorted({o.period.text: o.period for o in of_kind}.values(),
                     key=lambda p: p.time_order())
    lines = []
    for period in periods:
        in_period = [o for o in of_kind if o.period.text == period.text]
        cells: dict[str, Observation] = {}
        for obs in in_period:
            cells.setdefault(obs.jurisdiction, obs)
        lines.append(_line(metric, measure, scope, in_period, cells, period.text))
    return lines


def _metrics(dataset: Dataset, metrics: list[str] | None, category: str | None) -> list[Metric]:
    if metrics:
        return [dataset.metrics[m] for m in dict.fromkeys(metrics)]
    chosen = [m for m in dataset.metrics.values() if category is None or m.category == category]
    order = {m.id: i for i, m in enumerate(dataset.metrics.values())}
    return sorted(chosen, key=lambda m: (CATEGORIES.index(m.category), order[m.id]))


def build_lines(dataset: Dataset, places: list[str], metrics: list[str] | None = None,
                category: str | None = None, show_all: bool = False,
                all_periods: bool = False) -> list[Line]:
    """The rows of the comparison (see the module docstring for which appear)."""
    lines: list[Line] = []
    by_metric: dict[str, list[Observation]] = {}
    for obs in dataset.observations_at(set(places)):
        by_metric.setdefault(obs.metric, []).append(obs)
    for metric in _metrics(dataset, metrics, category):
        mine = by_metric.get(metric.id, [])
        kinds = sorted({(o.measure, o.scope) for o in mine},
                       key=lambda k: (MEASURES.index(k[0]),
                                      SCOPES.index(k[1]) if k[1] else -1))
        for measure, scope in kinds:
            of_kind = [o for o in mine if o.measure == measure and o.scope == scope]
            lines += _lines_of_kind(metric, measure, scope, of_kind, places, all_periods)
        if not kinds and (show_all or metrics):
            lines.append(Line(metric, None, None, {}, None))
    return lines


def _differ(line: Line) -> bool:
    return len({o.period.text for o in line.cells.values()}) > 1


def _cell_text(line: Line, obs: Observation | None) -> str:
    if obs is None:
        return DASH
    text = figure_text(obs, line.metric.unit)
    if _differ(line):
        text += f" ({period_text(obs)})"
    elif obs.baseline:
        text += f" ({baseline_words(obs)})"
    return text


def _metric_text(metric: Metric, lang: str | None) -> str:
    return bilingual(metric.label_en, metric.label_zh, lang)


def _kind_text(line: Line) -> str:
    return measure_label(line.measure, line.scope) if line.measure else DASH


class CompareOptions(NamedTuple):
    """What to set side by side, besides the places: every field optional."""

    metrics: list[str] | None = None  # metric ids, in the order given
    category: str | None = None
    show_all: bool = False  # also metrics nobody here reported
    all_periods: bool = False  # every period its own row
    transpose: bool = False
    lang: str | None = None


DEFAULT_OPTIONS = CompareOptions()


def compare_table(dataset: Dataset, places: list[str],
                  options: CompareOptions = DEFAULT_OPTIONS) -> Table:
    """Side-by-side table of ``places`` (jurisdiction ids) — rules in the module docstring."""
    places = list(dict.fromkeys(places))
    jurisdictions = [dataset.jurisdictions[p] for p in places]
    lines = build_lines(dataset, places, options.metrics, options.category, options.show_all,
                        options.all_periods)
    lang = options.lang
    names = ", ".join(p.display_name(lang) for p in jurisdictions)
    title = f"Side by side: {names}" + (f" — {options.category}" if options.category else "")
    if options.all_periods:
        title += ", every period"
    footnotes = tuple(_footnotes(dataset, lines, jurisdictions, lang))
    if options.transpose:
        columns, rows = _transposed(lines, jurisdictions, lang)
    else:
        columns, rows = _by_metric(lines, jurisdictions, lang)
    sources = cited(dataset, (o.source for line in lines for o in line.cells.values()))
    return Table(title, columns, rows, footnotes, sources=sources)


def _by_metric(lines: list[Line], places: list[Jurisdiction], lang: str | None
               ) -> tuple[tuple[Column, ...], tuple[Row, ...]]:
    columns = [
        Column("metric_text", "metric", DISPLAY, label=True), Column("metric", "metric", DATA),
        Column("metric_zh", "metric_zh", DATA), Column("metric_en", "metric_en", DATA),
        Column("category", "category", DATA),
        Column("figure", "figure", DISPLAY, label=True), Column("measure", "measure", DATA),
        Column("scope", "scope", DATA), Column("unit", "unit", DATA),
        Column("period_text", "period", DISPLAY, label=True), Column("period", "period", DATA),
    ]
    for place in places:
        columns += _cell_columns(place.id, place.display_name(lang))
    rows: list[Row] = []
    for line in lines:
        row = {"metric_text": _metric_text(line.metric, lang), "metric": line.metric.id,
               "metric_zh": line.metric.label_zh, "metric_en": line.metric.label_en,
               "category": line.metric.category, "figure": _kind_text(line),
               "measure": line.measure, "scope": line.scope, "unit": line.metric.unit,
               "period_text": line.shared or ("varies" if line.cells and _differ(line) else ""),
               "period": line.shared}
        for place in places:
            row.update(_cell(line, place.id, place.id))
        rows.append(row)
    return tuple(columns), tuple(rows)


def _cell_columns(key: str, header: str) -> list[Column]:
    """One cell's columns: its text for people; value, qualifier, period and source as data."""
    return [Column(f"{key}_text", header, DISPLAY, numeric=True),
            Column(key, key, DATA, numeric=True),
            Column(f"{key}_qualifier", f"{key}_qualifier", DATA),
            Column(f"{key}_period", f"{key}_period", DATA),
            Column(f"{key}_source", f"{key}_source", DATA)]


def _cell(line: Line, key: str, place: str) -> Row:
    obs = line.cells.get(place)
    return {f"{key}_text": _cell_text(line, obs),
            key: None if obs is None else plain_number(obs.value),
            f"{key}_qualifier": None if obs is None else obs.qualifier,
            f"{key}_period": None if obs is None else obs.period.text,
            f"{key}_source": None if obs is None else obs.source}


def _transposed(lines: list[Line], places: list[Jurisdiction], lang: str | None
                ) -> tuple[tuple[Column, ...], tuple[Row, ...]]:
    columns = [Column("jurisdiction", "jurisdiction", DISPLAY, label=True),
               Column("city", "city", DATA), Column("city_zh", "city_zh", DATA),
               Column("city_en", "city_en", DATA),
               Column("level_text", "level", DISPLAY), Column("level", "level", DATA)]
    for line in lines:
        header = _metric_text(line.metric, lang)
        if line.measure and line.measure != "level":
            header += f" ({_kind_text(line)})"
        if line.shared:
            header += f", {line.shared}"
        columns += _cell_columns(line.key, header)
    rows: list[Row] = []
    for place in places:
        row = {"jurisdiction": place.display_name(lang), "city": place.id,
               "city_zh": place.name_zh, "city_en": place.name_en,
               "level_text": LEVEL_LABELS[place.level], "level": place.level}
        for line in lines:
            row.update(_cell(line, line.key, place.id))
        rows.append(row)
    return tuple(columns), tuple(rows)


def _footnotes(dataset: Dataset, lines: list[Line], places: list[Jurisdiction],
               lang: str | None) -> list[str]:
    notes: list[str] = []
    cells = [o for line in lines for o in line.cells.values()]
    if not lines:
        notes.append("None of these jurisdictions reports a figure for this selection.")
    differ = [line for line in lines if _differ(line)]
    if differ:
        notes.append("Periods differ between jurisdictions in: " + name_list(
            f"{_metric_text(line.metric, lang)} ({_kind_text(line)})" for line in differ)
            + ". Each cell shows its period.")
    notes += _left_out_notes(dataset, lines, lang)
    if len({p.level for p in places}) > 1:
        notes.append("Different administrative levels: " + "; ".join(
            f"{short_name(p, lang)} {LEVEL_LABELS[p.level]}" for p in places) + ".")
    notes += nested_footnote(dataset, [p.id for p in places], lang)
    notes += _provinces_apart(dataset, lines, lang)
    unknown = [o for o in cells if not o.period.known]
    if unknown:
        notes.append("Period unknown for " + name_list(
            short_name(dataset.jurisdictions[o.jurisdiction], lang) for o in unknown)
            + ": the source gives no year (see `copscompare show CITY`).")
    if any(o.qualifier != "exact" for o in cells):
        notes.append(APPROXIMATE_FOOTNOTE)
    if any(line.metric.category == "context" for line in lines):
        notes.append("Context rows (economy, population) are background, not police results.")
    silent = [p for p in places if not any(p.id in line.cells for line in lines)]
    if silent and lines:
        notes.append("No figures in these rows from: "
                     + ", ".join(short_name(p, lang) for p in silent) + ".")
    if any(len(line.cells) < len(places) for line in lines):
        notes.append(f"{DASH} no figure reported.")
    notes.append(STANDING_FOOTNOTE)
    return notes


def _left_out_notes(dataset: Dataset, lines: list[Line], lang: str | None) -> list[str]:
    """What the rows did not show: figures of other periods, and second figures for a period."""
    notes: list[str] = []
    left = [o for line in lines for o in line.left_out]
    if left:
        shown = sum(len(line.cells) for line in lines)
        notes.append(
            f"Showing {shown} of {shown + len(left)} figures these places reported for these "
            "rows, one period per row; left out, other periods: " + name_list(
                f"{short_name(dataset.jurisdictions[o.jurisdiction], lang)} {o.period.text} "
                f"({_metric_text(dataset.metrics[o.metric], lang)})" for o in left)
            + ". `--all-periods` shows every period.")
    notes += doubled_footnote(dataset, [o for line in lines for o in line.doubled], lang)
    return notes


def _provinces_apart(dataset: Dataset, lines: list[Line], lang: str | None) -> list[str]:
    """Ranks within province side by side from different provinces: not comparable."""
    rows = [line for line in lines if line.measure == "rank" and line.scope == "province"
            and len({dataset.jurisdictions[p].province for p in line.cells}) > 1]
    if not rows:
        return []
    places = {p: dataset.jurisdictions[p] for line in rows for p in line.cells}
    return ["Ranks within province are each within the place's own province ("
            + "; ".join(f"{short_name(p, lang)}: {bilingual(p.province, p.province_zh, lang)}"
                        for p in places.values())
            + "): #1 in one province is not above #2 in another."]

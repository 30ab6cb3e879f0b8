"""One row per observation: the public export that scripts depend on (docs/export.md).

Rules:
- Every observation, in file order, with its jurisdiction, metric and source spelled out;
  filters narrow it as in the other commands (``ExportFilter``): metrics, places, a category,
  a search of the metric dictionary (``listings.searched``), sources and a period. Filters of
  different kinds all apply; several values of one kind (two metrics) any of them.
- ``subset``: the same selection as a dataset of its own, with the records its observations
  refer to (their places and the places containing them, metrics, sources), for a database;
  with no filter, everything, places without figures included.
- The footnotes say what was selected; the key lists the sources of the rows.
"""

from __future__ import annotations

from typing import NamedTuple

from copscompare.analysis.common import STANDING_FOOTNOTE, ancestors, cited
from copscompare.analysis.listings import searched
from copscompare.model import Dataset, InMemoryObservations, Observation
from copscompare.numbers import plain_number
from copscompare.periods import Period, month_label
from copscompare.table import DATA, Column, Row, Table

EXPORT_COLUMNS = (
    "city", "city_zh", "city_en", "level", "province", "metric", "metric_zh", "metric_en",
    "category", "period", "measure", "value", "unit", "qualifier", "source", "source_date",
    "quote", "note", "scope", "baseline", "period_start", "period_end", "source_file",
)


class ExportFilter(NamedTuple):
    """Which observations to export (ids as in the data); empty: no filter of that kind."""

    metrics: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    category: str | None = None
    search: str | None = None
    sources: tuple[str, ...] = ()
    period: str | None = None

    @property
    def active(self) -> bool:
        return any((self.metrics, self.cities, self.category, self.search, self.sources,
                    self.period))

    def words(self) -> str:
        """The filters as typed: ``--metric a --period 2009``."""
        given = [*(("--metric", m) for m in self.metrics), *(("--city", c) for c in self.cities),
                 ("--category", self.category), ("--search", self.search),
                 *(("--source", s) for s in self.sources), ("--period", self.period)]
        return " ".join(f"{option} {value}" for option, value in given if value)


NO_FILTER = ExportFilter()


def selected(dataset: Dataset, chosen: ExportFilter) -> list[Observation]:
    """The observations ``chosen`` keeps, in file order (rules in the module docstring)."""
    metrics = set(chosen.metrics)
    if chosen.category or chosen.search:
        found = {m.id for m in searched(dataset, chosen.search, chosen.category)}
        metrics = metrics & found if metrics else found
        if not metrics:
            return []
    places, sources = set(chosen.cities), set(chosen.sources)
    return [o for o in dataset.observations
            if (not metrics or o.metric in metrics) and (not places or o.jurisdiction in places)
            and (not sources or o.source in sources)
            and (chosen.period is None or o.period.text == chosen.period)]


def subset(dataset: Dataset, chosen: ExportFilter) -> Dataset:
    """The selection as a dataset of its own (rules in the module docstring)."""
    if not chosen.active:
        return dataset
    observations = selected(dataset, chosen)
    places = {o.jurisdiction for o in observations}
    for place_id in list(places):
        places.update(a.id for a in ancestors(dataset, dataset.jurisdictions[place_id]))
    kept = {k: p for k, p in dataset.jurisdictions.items() if k in places}
    sources = {o.source for o in observations} | {p.source for p in kept.values() if p.source}
    return Dataset({k: s for k, s in dataset.sources.items() if k in sources}, kept,
                   {k: m for k, m in dataset.metrics.items()
                    if k in {o.metric for o in observations}},
                   InMemoryObservations(tuple(observations)), dataset.warnings)


def export_table(dataset: Dataset, chosen: ExportFilter = NO_FILTER) -> Table:
    """Every chosen observation with its jurisdiction, metric and source spelled out (each
    place's, metric's, source's and period's cells made once, and shared by their rows)."""
    observations = selected(dataset, chosen) if chosen.active else dataset.observations
    places = {key: {"city": p.id, "city_zh": p.name_zh, "city_en": p.name_en,
                    "level": p.level, "province": p.province}
              for key, p in dataset.jurisdictions.items()}
    metrics = {key: {"metric": m.id, "metric_zh": m.label_zh, "metric_en": m.label_en,
                     "category": m.category, "unit": m.unit}
               for key, m in dataset.metrics.items()}
    sources = {key: {"source": s.id, "source_date": s.date, "source_file": s.file}
               for key, s in dataset.sources.items()}
    periods: dict[Period, Row] = {}
    rows: list[Row] = []
    for obs in observations:
        period = periods.get(obs.period)
        if period is None:
            period = periods[obs.period] = _period_cells(obs.period)
        rows.append({
            **places[obs.jurisdiction], **metrics[obs.metric], **period,
            "measure": obs.measure, "value": plain_number(obs.value),
            "qualifier": obs.qualifier, **sources[obs.source], "quote": obs.quote,
            "note": obs.note, "scope": obs.scope, "baseline": obs.baseline,
        })
    columns = tuple(Column(key, key, DATA, numeric=(key == "value")) for key in EXPORT_COLUMNS)
    notes = [STANDING_FOOTNOTE]
    if chosen.active:
        notes.insert(0, f"{len(rows)} of {len(dataset.observations)} observations: "
                        f"{chosen.words()}.")
    return Table("Observations" if chosen.active else "All observations", columns,
                 tuple(rows), tuple(notes),
                 sources=cited(dataset, (o.source for o in observations)))


def _period_cells(period: Period) -> Row:
    start, end = period.start, period.end
    return {"period": period.text,
            "period_start": None if start is None else month_label(start),
            "period_end": None if end is None else month_label(end)}

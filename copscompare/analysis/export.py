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

from collections.abc import Iterator
from typing import Any, NamedTuple

from copscompare.analysis.common import STANDING_FOOTNOTE, ancestors, cited
from copscompare.analysis.listings import searched
from copscompare.model import Dataset, InMemoryObservations, Observation
from copscompare.numbers import plain_numbers
from copscompare.periods import Period, month_label
from copscompare.table import DATA, Block, Column, Table

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


BLOCK_ROWS = 50_000  # rows made at a time: a block of CSV text is a few tens of MB at most
_PLACE = ("city", "city_zh", "city_en", "level", "province")
_METRIC = ("metric", "metric_zh", "metric_en", "category", "unit")
_SOURCE = ("source", "source_date", "source_file")
_PERIOD = ("period", "period_start", "period_end")
_OWN = ("measure", "qualifier", "quote", "note", "scope", "baseline")  # the observation's own
_FIELDS = ("jurisdiction", "metric", "source", "period", "value", *_OWN)  # those an export reads


def export_table(dataset: Dataset, chosen: ExportFilter = NO_FILTER) -> Table:
    """Every chosen observation with its jurisdiction, metric and source spelled out, given as
    ``blocks`` of ``BLOCK_ROWS`` rows a column at a time (``_block``), made as they are
    written: no observation built when nothing is filtered out (the store's ``columns``), no
    dict per row, and never every row's cells at once."""
    store = (InMemoryObservations(tuple(selected(dataset, chosen))) if chosen.active
             else dataset.store)
    notes = [STANDING_FOOTNOTE]
    if chosen.active:
        notes.insert(0, f"{len(store)} of {len(dataset.store)} observations: {chosen.words()}.")

    fields = dict(zip(_FIELDS, store.columns(_FIELDS), strict=True))

    def blocks() -> Iterator[Block]:
        cells = _Cells(dataset)
        for start in range(0, len(store), BLOCK_ROWS):
            yield _block({key: values[start:start + BLOCK_ROWS]
                          for key, values in fields.items()}, cells)

    return Table("Observations" if chosen.active else "All observations",
                 tuple(Column(key, key, DATA, numeric=(key == "value")) for key in EXPORT_COLUMNS),
                 (), tuple(notes), sources=cited(dataset, fields["source"]), blocks=blocks)


class _Cells:
    """Each place's, metric's, source's and period's cells, made once and shared by their
    rows."""

    def __init__(self, dataset: Dataset) -> None:
        self.places = {key: (p.id, p.name_zh, p.name_en, p.level, p.province)
                       for key, p in dataset.jurisdictions.items()}
        self.metrics = {key: (m.id, m.label_zh, m.label_en, m.category, m.unit)
                        for key, m in dataset.metrics.items()}
        self.sources = {key: (s.id, s.date, s.file) for key, s in dataset.sources.items()}
        self.periods: dict[Period, tuple[Any, ...]] = {}  # text, first month, last month

    def of_periods(self, periods: list[Period]) -> dict[Period, tuple[Any, ...]]:
        """The cells of every period so far, those of ``periods`` made now if new."""
        for period in set(periods).difference(self.periods):
            start, end = period.start, period.end
            self.periods[period] = (period.text,
                                    None if start is None else month_label(start),
                                    None if end is None else month_label(end))
        return self.periods


def _block(fields: dict[str, list[Any]], cells: _Cells) -> Block:
    """The export's columns for a run of observations given a field at a time: each record's
    cells looked up, the values made plain numbers."""
    block: Block = {}
    for keys, table, ids in ((_PLACE, cells.places, fields["jurisdiction"]),
                             (_METRIC, cells.metrics, fields["metric"]),
                             (_SOURCE, cells.sources, fields["source"]),
                             (_PERIOD, cells.of_periods(fields["period"]), fields["period"])):
        spread = zip(*map(table.__getitem__, ids), strict=True)
        block.update(zip(keys, map(list, spread), strict=True))
    block["value"] = plain_numbers(fields["value"])
    block.update((key, fields[key]) for key in _OWN)
    return {key: block[key] for key in EXPORT_COLUMNS}

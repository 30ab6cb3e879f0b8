"""One row per observation: the public export that scripts depend on (docs/export.md)."""

from __future__ import annotations

from copscompare.model import Dataset
from copscompare.numbers import plain_number
from copscompare.periods import month_label
from copscompare.table import DATA, Column, Row, Table

EXPORT_COLUMNS = (
    "city", "city_zh", "city_en", "level", "province", "metric", "metric_zh", "metric_en",
    "category", "period", "measure", "value", "unit", "qualifier", "source", "source_date",
    "quote", "note", "scope", "baseline", "period_start", "period_end", "source_file",
)


def export_table(dataset: Dataset) -> Table:
    """Every observation with its jurisdiction, metric and source spelled out, in file order."""
    rows: list[Row] = []
    for obs in dataset.observations:
        place = dataset.jurisdictions[obs.jurisdiction]
        metric = dataset.metrics[obs.metric]
        source = dataset.sources[obs.source]
        start, end = obs.period.start, obs.period.end
        rows.append({
            "city": place.id, "city_zh": place.name_zh, "city_en": place.name_en,
            "level": place.level, "province": place.province,
            "metric": metric.id, "metric_zh": metric.label_zh, "metric_en": metric.label_en,
            "category": metric.category, "period": obs.period.text, "measure": obs.measure,
            "value": plain_number(obs.value), "unit": metric.unit, "qualifier": obs.qualifier,
            "source": source.id, "source_date": source.date, "quote": obs.quote,
            "note": obs.note, "scope": obs.scope, "baseline": obs.baseline,
            "period_start": None if start is None else month_label(start),
            "period_end": None if end is None else month_label(end),
            "source_file": source.file,
        })
    columns = tuple(Column(key, key, DATA, numeric=(key == "value")) for key in EXPORT_COLUMNS)
    return Table("All observations", columns, tuple(rows))


"""A draft as the neutral result table, for ``--format csv|json|table``: one row per figure.

Columns, in this order (the first ten are the issue's, in its spelling): value, measure,
qualifier, unit, metric, period, baseline, jurisdiction, quote, flags (``; ``-separated), then
figure, scope, metric_zh (the metric's Chinese label, proposed or the data's) and note.
"""

from __future__ import annotations

from collections.abc import Mapping

from copscompare.extract.rows import Draft
from copscompare.model import Metric
from copscompare.table import BOTH, Column, Row, Table

COLUMNS = ("value", "measure", "qualifier", "unit", "metric", "period", "baseline",
           "jurisdiction", "quote", "flags", "figure", "scope", "metric_zh", "note")


def draft_table(draft: Draft, metrics: Mapping[str, Metric]) -> Table:
    """``draft`` one row per figure; ``metrics`` are the data's, for their Chinese labels."""
    labels = {m.id: m.label_zh for m in metrics.values()}
    labels.update({m.id: m.label_zh for m in draft.metrics})
    rows: list[Row] = [{
        "value": row.value, "measure": row.measure, "qualifier": row.qualifier,
        "unit": row.unit, "metric": row.metric, "period": row.period,
        "baseline": row.baseline, "jurisdiction": row.jurisdiction, "quote": row.quote,
        "flags": "; ".join(row.flags) or None, "figure": row.figure, "scope": row.scope,
        "metric_zh": labels.get(row.metric), "note": row.note,
    } for row in draft.rows]
    columns = tuple(Column(key, key, BOTH, numeric=(key == "value")) for key in COLUMNS)
    return Table(f"Draft of {draft.source.file} (source {draft.source.id})", columns,
                 tuple(rows))

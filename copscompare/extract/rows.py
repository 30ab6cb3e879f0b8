"""What a draft holds: a source entry, the metrics it proposes (``model.Metric``s not in the
data yet), and one row per figure.

Every field is what the data format calls it (docs/data-format.md), so a draft is written out
as data as it stands; ``flags`` name what the curator must decide before it is data.
"""

from __future__ import annotations

from dataclasses import dataclass

from copscompare.model import Metric

# What a flag says, in the words a curator reads in the draft.
SEVERAL_FIGURES = "several figures in the clause"
METRIC_GUESSED = "metric guessed"
NEW_METRIC = "new metric"
PERIOD_GUESSED = "period guessed"
PERIOD_UNKNOWN = "period unknown"
OTHER_PLACE = "about another place"
CONTEXT = "context"
SCOPE_GUESSED = "scope guessed"
BASE_LEVEL = "the level compared with"
MEASURE_GUESSED = "measure guessed"
GIVEN_AGAIN = "given again"  # the same figure already drafted from another quote


@dataclass(frozen=True)
class SourceDraft:
    id: str
    title: str
    publisher: str
    date: str
    file: str
    sha256: str
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Row:
    value: int | float
    measure: str
    qualifier: str
    unit: str
    metric: str
    period: str
    baseline: str | None
    jurisdiction: str
    quote: str
    flags: tuple[str, ...]
    source: str
    figure: str | None = None
    scope: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Draft:
    source: SourceDraft
    metrics: tuple[Metric, ...]  # the new metrics the draft proposes
    rows: tuple[Row, ...]
    dropped: int  # figures read but dropped: they did not pass the checker's rules
    notes: tuple[str, ...] = ()  # what the curator should know about the whole draft

"""A SQLite database of a dataset, for Datasette, DuckDB or the sqlite3 shell.

Tables, with primary and foreign keys (checked while writing):

- ``sources`` (id), ``jurisdictions`` (id; ``parent`` and ``source`` refer to records here),
  ``metrics`` (id) and ``metric_aliases`` (metric, alias);
- ``observations`` (id: the figure's place in the data, from 1), referring to a jurisdiction,
  a metric and a source; ``value`` is a REAL, ``value_text`` the figure as written (``97.03``,
  with exactly its published decimals, no separators) and ``decimals`` how many it has;
  periods as text (``2009``, ``2007-H1``), with their first and last months;
- a view ``export`` with the columns of ``copscompare export`` (docs/export.md), one row per
  observation, names spelled out.

The database is built in a temporary folder and then copied to ``out``, so the caller can write
it whole or not at all. sqlite3 is the standard library's.
"""

from __future__ import annotations

import itertools
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from copscompare.model import Dataset, Observation
from copscompare.numbers import fixed_text
from copscompare.periods import month_label

SCHEMA = """
CREATE TABLE sources (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, publisher TEXT NOT NULL, date TEXT NOT NULL,
    file TEXT, url TEXT, accessed TEXT, sha256 TEXT, via TEXT, note TEXT);
CREATE TABLE jurisdictions (
    id TEXT PRIMARY KEY, name_zh TEXT NOT NULL, name_en TEXT NOT NULL,
    province TEXT NOT NULL, province_zh TEXT NOT NULL, level TEXT NOT NULL,
    parent TEXT REFERENCES jurisdictions (id), source TEXT REFERENCES sources (id), note TEXT);
CREATE TABLE metrics (
    id TEXT PRIMARY KEY, label_zh TEXT NOT NULL, label_en TEXT NOT NULL, unit TEXT NOT NULL,
    better TEXT NOT NULL, category TEXT NOT NULL, definition TEXT NOT NULL,
    core INTEGER NOT NULL, point_in_time INTEGER NOT NULL);
CREATE TABLE metric_aliases (
    metric TEXT NOT NULL REFERENCES metrics (id), alias TEXT NOT NULL,
    PRIMARY KEY (metric, alias));
CREATE TABLE observations (
    id INTEGER PRIMARY KEY,
    jurisdiction TEXT NOT NULL REFERENCES jurisdictions (id),
    metric TEXT NOT NULL REFERENCES metrics (id),
    period TEXT NOT NULL, period_start TEXT, period_end TEXT,
    measure TEXT NOT NULL, scope TEXT, baseline TEXT,
    value REAL NOT NULL, value_text TEXT NOT NULL, decimals INTEGER NOT NULL,
    qualifier TEXT NOT NULL, source TEXT NOT NULL REFERENCES sources (id),
    quote TEXT NOT NULL, figure TEXT, reading TEXT, note TEXT);
CREATE INDEX observations_by_metric ON observations (metric, measure, period);
CREATE INDEX observations_by_place ON observations (jurisdiction);
CREATE VIEW export AS SELECT
    j.id AS city, j.name_zh AS city_zh, j.name_en AS city_en, j.level, j.province,
    m.id AS metric, m.label_zh AS metric_zh, m.label_en AS metric_en, m.category,
    o.period, o.measure, o.value, m.unit, o.qualifier, s.id AS source, s.date AS source_date,
    o.quote, o.note, o.scope, o.baseline, o.period_start, o.period_end, s.file AS source_file
FROM observations o JOIN jurisdictions j ON j.id = o.jurisdiction
JOIN metrics m ON m.id = o.metric JOIN sources s ON s.id = o.source ORDER BY o.id;
"""


def write_sqlite(dataset: Dataset, out: IO[bytes]) -> None:
    """Write ``dataset`` as a SQLite database file to ``out`` (rules in the module docstring)."""
    with tempfile.TemporaryDirectory(prefix="copscompare-") as folder:
        path = Path(folder) / "data.db"
        connection = sqlite3.connect(path)
        try:
            _fill(connection, dataset)
        finally:
            connection.close()
        with path.open("rb") as built:
            shutil.copyfileobj(built, out)


def _fill(connection: sqlite3.Connection, dataset: Dataset) -> None:
    connection.execute("PRAGMA foreign_keys = ON")
    connection.executescript(SCHEMA)
    with connection:  # one transaction; keys are checked at its end, whatever the order
        connection.execute("PRAGMA defer_foreign_keys = ON")
        _insert(connection, "sources", (
            (s.id, s.title, s.publisher, s.date, s.file, s.url, s.accessed, s.sha256, s.via,
             s.note) for s in dataset.sources.values()))
        _insert(connection, "jurisdictions", (
            (j.id, j.name_zh, j.name_en, j.province, j.province_zh, j.level, j.parent,
             j.source, j.note) for j in dataset.jurisdictions.values()))
        _insert(connection, "metrics", (
            (m.id, m.label_zh, m.label_en, m.unit, m.better, m.category, m.definition,
             int(m.core), int(m.point_in_time)) for m in dataset.metrics.values()))
        _insert(connection, "metric_aliases", (
            (m.id, alias) for m in dataset.metrics.values() for alias in dict.fromkeys(m.aliases)))
        _insert(connection, "observations", (
            _observation(number, o) for number, o in enumerate(dataset.observations, start=1)))


def _observation(number: int, obs: Observation) -> tuple[Any, ...]:
    start, end = obs.period.start, obs.period.end
    return (number, obs.jurisdiction, obs.metric, obs.period.text,
            None if start is None else month_label(start),
            None if end is None else month_label(end),
            obs.measure, obs.scope, obs.baseline, obs.value, fixed_text(obs.value, obs.decimals),
            obs.decimals, obs.qualifier, obs.source, obs.quote, obs.figure, obs.reading, obs.note)


def _insert(connection: sqlite3.Connection, table: str, rows: Iterable[tuple[Any, ...]]) -> None:
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return
    marks = ", ".join("?" * len(first))
    connection.executemany(f"INSERT INTO {table} VALUES ({marks})", itertools.chain([first], rows))

"""The loaded data, as named tuples, and the store a dataset keeps its observations in.

Records are ``NamedTuple``s rather than frozen dataclasses: as immutable, and made far faster,
both when a module is imported (a dataclass writes and compiles its methods at every start)
and when the cache builds a million observations.

Built by the loader (copscompare.loading); read by analysis and rendering.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any, NamedTuple

from copscompare.errors import Problem
from copscompare.periods import Period

MEASURES = ("level", "change_pct", "change_pp", "change_abs", "rank")
QUALIFIERS = ("exact", "about", "over", "at_least", "under", "at_most")
UNITS = ("count", "percent", "yuan", "seconds", "minutes", "hours", "people")
DIRECTIONS = ("higher", "lower", "neither")
SCOPES = ("province", "nation", "city")
CATEGORIES = (
    "crime", "clearance", "enforcement", "prevention", "community_policing", "mediation",
    "public_safety", "public_opinion", "technology", "resources", "workforce", "service",
    "context",
)
LEVELS = (
    "district", "county", "banner", "county_city", "prefecture_city", "sub_provincial_city",
    "municipality", "province", "township",
)
LEVEL_LABELS = {
    "district": "district",
    "county": "county",
    "banner": "banner (county level)",
    "county_city": "county-level city",
    "prefecture_city": "prefecture-level city",
    "sub_provincial_city": "sub-provincial city",
    "municipality": "municipality",
    "province": "province",
    "township": "township",
}


class Source(NamedTuple):
    id: str
    title: str
    publisher: str
    date: str  # YYYY-MM-DD, YYYY-MM, YYYY or "unknown"
    file: str | None = None  # the archived text in a sources folder; None: not archived here
    url: str | None = None
    note: str | None = None
    accessed: str | None = None  # YYYY-MM-DD the curator read the text at ``url``
    sha256: str | None = None  # of the UTF-8 text the curator worked from
    via: str | None = None  # the site that holds the text, when ``publisher`` is the original
    line: int = 0
    origin: str = ""


class Jurisdiction(NamedTuple):
    id: str
    name_zh: str
    name_en: str
    province: str
    province_zh: str
    level: str
    parent: str | None = None
    source: str | None = None
    note: str | None = None
    line: int = 0
    origin: str = ""

    def display_name(self, lang: str | None = None) -> str:
        """``厦门 Xiamen`` by default; one language with ``lang='zh'`` or ``'en'``."""
        if lang == "zh":
            return self.name_zh
        if lang == "en":
            return self.name_en
        return f"{self.name_zh} {self.name_en}"


class Metric(NamedTuple):
    id: str
    label_zh: str
    label_en: str
    unit: str
    better: str
    category: str
    definition: str
    aliases: tuple[str, ...] = ()
    core: bool = False  # one of the core metrics many bureaus report, defined for comparison
    point_in_time: bool = False  # a count at one moment (cameras installed), not over a period
    line: int = 0
    origin: str = ""


class Observation(NamedTuple):
    """One published figure. ``decimals`` is how many decimals the curator wrote (its precision)."""

    jurisdiction: str
    metric: str
    period: Period
    measure: str
    value: float
    qualifier: str
    source: str
    quote: str
    decimals: int = 0
    note: str | None = None
    scope: str | None = None
    baseline: str | None = None
    figure: str | None = None  # which figure of a quote holding several, as written in it
    reading: str | None = None  # "curator": a reading no rule of the checker can verify
    line: int = 0
    origin: str = ""


class Observations:
    """Where a dataset keeps its observations: all of them in file order (``observations``),
    those of one metric (``observations_of``) and those whose field has one of some values
    (``observations_where``: of some places, read by the curator), each in file order, equal
    whichever way they were found; and how many there are (``len``), without building them.

    Two stores are equal when they hold equal observations in the same order."""

    @property
    def observations(self) -> tuple[Observation, ...]:
        raise NotImplementedError

    def observations_of(self, metric: str) -> tuple[Observation, ...]:
        raise NotImplementedError

    def observations_where(self, field: str, values: Collection[str | None]
                           ) -> tuple[Observation, ...]:
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError

    def columns(self, fields: Sequence[str]) -> list[list[Any]]:
        """The values of each of ``fields`` for every observation, in file order: what
        ``observations`` holds, a list per field (an export of a million observations needs
        no observation built). Here, from the observations; a store may do without them."""
        if not len(self):
            return [[] for _ in fields]
        everything = list(zip(*self.observations, strict=True))
        return [list(everything[Observation._fields.index(field)]) for field in fields]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Observations):
            return NotImplemented
        return self.observations == other.observations


class InMemoryObservations(Observations):
    """Observations already built (parsed from YAML, or made by hand), indexed by metric on
    first use (the same objects every way)."""

    def __init__(self, observations: tuple[Observation, ...]) -> None:
        self._all = observations
        self._by_metric: dict[str, tuple[Observation, ...]] | None = None

    @property
    def observations(self) -> tuple[Observation, ...]:
        return self._all

    def observations_of(self, metric: str) -> tuple[Observation, ...]:
        if self._by_metric is None:
            index: dict[str, list[Observation]] = {}
            for obs in self._all:
                index.setdefault(obs.metric, []).append(obs)
            self._by_metric = {k: tuple(v) for k, v in index.items()}
        return self._by_metric.get(metric, ())

    def observations_where(self, field: str, values: Collection[str | None]
                           ) -> tuple[Observation, ...]:
        return tuple(obs for obs in self._all if getattr(obs, field) in values)

    def __len__(self) -> int:
        return len(self._all)

    def __repr__(self) -> str:
        return f"InMemoryObservations({len(self._all)} observations)"


class Dataset(NamedTuple):
    """Everything loaded from one data file or folder. ``warnings`` never stop loading; at
    most ``errors.MAX_KEPT`` are kept, and ``more_warnings`` counts those found beyond them.

    The observations are kept in ``store``: built in memory when the YAML was read, built on
    first use when the data came from the cache (copscompare.loading.cache).
    """

    sources: Mapping[str, Source]
    jurisdictions: Mapping[str, Jurisdiction]
    metrics: Mapping[str, Metric]
    store: Observations
    warnings: tuple[Problem, ...] = ()
    more_warnings: int = 0

    @property
    def observations(self) -> tuple[Observation, ...]:
        """Every observation, in file order."""
        return self.store.observations

    def observations_of(self, metric: str) -> tuple[Observation, ...]:
        """Observations of one metric, in file order."""
        return self.store.observations_of(metric)

    def observations_at(self, places: Collection[str]) -> tuple[Observation, ...]:
        """Observations of these jurisdictions (ids), in file order."""
        return self.store.observations_where("jurisdiction", places)

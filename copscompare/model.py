"""The loaded data, as frozen dataclasses. Built by the loader; read by analysis and rendering."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

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
    "municipality", "province",
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
}


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    publisher: str
    date: str  # YYYY-MM-DD, YYYY-MM, YYYY or "unknown"
    file: str
    url: str | None = None
    note: str | None = None
    line: int = 0
    origin: str = ""


@dataclass(frozen=True, slots=True)
class Jurisdiction:
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


@dataclass(frozen=True, slots=True)
class Metric:
    id: str
    label_zh: str
    label_en: str
    unit: str
    better: str
    category: str
    definition: str
    aliases: tuple[str, ...] = ()
    line: int = 0
    origin: str = ""


@dataclass(frozen=True, slots=True)
class Observation:
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
    line: int = 0
    origin: str = ""


@dataclass(frozen=True)
class Dataset:
    """Everything loaded from one data file or folder. ``warnings`` never stop loading."""

    sources: Mapping[str, Source]
    jurisdictions: Mapping[str, Jurisdiction]
    metrics: Mapping[str, Metric]
    observations: tuple[Observation, ...]
    warnings: tuple[Problem, ...] = ()
    _by_metric: dict[str, tuple[Observation, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def observations_of(self, metric: str) -> tuple[Observation, ...]:
        """Observations of one metric, in file order (indexed on first use)."""
        if not self._by_metric and self.observations:
            index: dict[str, list[Observation]] = {}
            for obs in self.observations:
                index.setdefault(obs.metric, []).append(obs)
            self._by_metric.update({k: tuple(v) for k, v in index.items()})
        return self._by_metric.get(metric, ())

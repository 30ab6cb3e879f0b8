"""Finding one's way: everything about one jurisdiction, and the lists of cities, sources, metrics.

Rules:
- ``show``: every figure reported for one jurisdiction, grouped by category (in the data
  format's order), then metric (file order), kind of figure, and period (oldest first, unknown
  last); the kind column says what each figure is (level, % change, pp change, abs. change,
  rank in ...), since levels and changes share the value column. A jurisdiction without
  figures says so, and names the source that mentions it.
- ``cities``: by province, then name; with how many figures and metrics each has, and the span
  of years they cover.
- ``sources``: in id order, with the figures each gives and the jurisdictions it covers.
- ``metrics``: by category, then by how many jurisdictions report it (most first), so what can
  be compared shows at once; ``search`` keeps metrics whose id, labels, aliases or definition
  contain the text (case-insensitive); ``core`` keeps only the core metrics (defined precisely
  enough to compare bureaus), most-reported first whatever their category.
"""

from __future__ import annotations

from copscompare.analysis.common import (
    STANDING_FOOTNOTE,
    SYMBOLS,
    metric_title,
    period_text,
    short_name,
)
from copscompare.analysis.names import in_either_script
from copscompare.analysis.values import bilingual, figure_text, measure_label
from copscompare.model import (
    CATEGORIES,
    LEVEL_LABELS,
    LEVELS,
    MEASURES,
    Dataset,
    Jurisdiction,
    Metric,
    Observation,
    Source,
)
from copscompare.numbers import plain_number
from copscompare.table import BOTH, DATA, DISPLAY, Column, Row, Table


def show_table(dataset: Dataset, place_id: str, sources: bool = False,
               lang: str | None = None) -> Table:
    """Everything reported for one jurisdiction (rules in the module docstring)."""
    place = dataset.jurisdictions[place_id]
    metric_order = {m: i for i, m in enumerate(dataset.metrics)}
    mine = sorted(dataset.observations_at({place.id}),
                  key=lambda o: (CATEGORIES.index(dataset.metrics[o.metric].category),
                                 metric_order[o.metric], MEASURES.index(o.measure),
                                 o.period.time_order()))
    rows: list[Row] = []
    previous = None
    for obs in mine:
        metric = dataset.metrics[obs.metric]
        source = dataset.sources[obs.source]
        rows.append({
            "category_text": ("" if metric.category == previous
                              else metric.category.replace("_", " ")),
            "category": metric.category,
            "metric_text": bilingual(metric.label_en, metric.label_zh, lang), "metric": metric.id,
            "metric_zh": metric.label_zh, "metric_en": metric.label_en,
            "kind_text": measure_label(obs.measure, obs.scope),
            "period_text": period_text(obs), "period": obs.period.text,
            "baseline": obs.baseline,
            "value_text": figure_text(obs, metric.unit),
            "value": plain_number(obs.value), "unit": metric.unit, "measure": obs.measure,
            "scope": obs.scope, "qualifier": obs.qualifier, "source": source.id,
            "quote": obs.quote, "note": obs.note,
        })
        previous = metric.category
    detail = BOTH if sources else DATA
    columns = (
        Column("category_text", "category", DISPLAY), Column("category", "category", DATA),
        Column("metric_text", "metric", DISPLAY, label=True), Column("metric", "metric", DATA),
        Column("metric_zh", "metric_zh", DATA), Column("metric_en", "metric_en", DATA),
        Column("kind_text", "kind", DISPLAY, label=True),
        Column("period_text", "period", DISPLAY, label=True), Column("period", "period", DATA),
        Column("baseline", "baseline", DATA),
        Column("value_text", "value", DISPLAY, numeric=True),
        Column("value", "value", DATA, numeric=True), Column("unit", "unit", DATA),
        Column("measure", "measure", DATA), Column("scope", "scope", DATA),
        Column("qualifier", "qualifier", DATA), Column("source", "source", BOTH),
        Column("quote", "quote", detail), Column("note", "note", detail),
    )
    return Table(_place_title(dataset, place, lang), columns, tuple(rows),
                 tuple(_show_footnotes(dataset, place, mine, sources, lang)))


def _place_title(dataset: Dataset, place: Jurisdiction, lang: str | None) -> str:
    title = (f"{place.display_name(lang)} — {LEVEL_LABELS[place.level]}, "
             f"{bilingual(place.province, place.province_zh, lang)}")
    if place.parent and place.parent in dataset.jurisdictions:
        title += f"; part of {dataset.jurisdictions[place.parent].display_name(lang)}"
    return title


def _show_footnotes(dataset: Dataset, place: Jurisdiction, mine: list[Observation],
                    sources: bool, lang: str | None) -> list[str]:
    notes: list[str] = []
    if not mine:
        notes.append(f"No figures reported for {place.display_name(lang)} in the data.")
        if place.source and place.source in dataset.sources:
            source = dataset.sources[place.source]
            notes.append(f"Mentioned in {_cite(source)}.")
    if place.note:
        notes.append(f"Note: {place.note}")
    within = [p for p in dataset.jurisdictions.values() if p.parent == place.id]
    if within:
        notes.append("Also in the data, within it: "
                     + ", ".join(p.display_name(lang) for p in within) + ".")
    if any(not o.period.known for o in mine):
        notes.append("unknown: the source gives no year"
                     + (" (the note says why)." if sources else "; `--sources` shows why."))
    if any(o.qualifier != "exact" for o in mine):
        notes.append(f"{SYMBOLS}: published as approximate or as a bound.")
    used = list(dict.fromkeys(o.source for o in mine))
    for source_id in used:
        source = dataset.sources[source_id]
        notes.append(_cite(source))
    if mine:
        notes.append(STANDING_FOOTNOTE)
    return notes


def _cite(source: Source) -> str:
    """``s000: title (publisher, date)``, saying so when publisher or date is unknown."""
    publisher = "publisher unknown" if source.publisher == "unknown" else source.publisher
    date = "date unknown" if source.date == "unknown" else source.date
    return f"{source.id}: {source.title} ({publisher}, {date})"


def _years(observations: list[Observation]) -> str:
    """``2004–2009`` (years the figures cover), plus ``unknown`` when some periods are."""
    known = [o.period for o in observations if o.period.known]
    parts = []
    if known:
        first = min(p.start for p in known if p.start is not None) // 12
        last = max(p.end for p in known if p.end is not None) // 12
        parts.append(str(first) if first == last else f"{first}–{last}")
    if len(known) < len(observations):
        parts.append("unknown")
    return ", ".join(parts)


def cities_table(dataset: Dataset, lang: str | None = None) -> Table:
    """Every jurisdiction with how much it reports (rules in the module docstring)."""
    by_place: dict[str, list[Observation]] = {}
    for obs in dataset.observations:
        by_place.setdefault(obs.jurisdiction, []).append(obs)
    places = sorted(dataset.jurisdictions.values(),
                    key=lambda p: (p.province.casefold(), LEVELS.index(p.level) * -1,
                                   p.name_en.casefold()))
    rows: list[Row] = []
    for place in places:
        mine = by_place.get(place.id, [])
        parent = dataset.jurisdictions.get(place.parent) if place.parent else None
        rows.append({
            "id": place.id, "jurisdiction": place.display_name(lang),
            "name_zh": place.name_zh, "name_en": place.name_en,
            "level_text": LEVEL_LABELS[place.level], "level": place.level,
            "province_text": bilingual(place.province, place.province_zh, lang),
            "province": place.province, "province_zh": place.province_zh,
            "parent_text": short_name(parent, lang) if parent else "", "parent": place.parent,
            "figures": len(mine), "metrics": len({o.metric for o in mine}),
            "periods": _years(mine),
        })
    columns = (
        Column("id", "id", BOTH, label=True), Column("jurisdiction", "jurisdiction", DISPLAY),
        Column("name_zh", "name_zh", DATA), Column("name_en", "name_en", DATA),
        Column("level_text", "level", DISPLAY), Column("level", "level", DATA),
        Column("province_text", "province", DISPLAY), Column("province", "province", DATA),
        Column("province_zh", "province_zh", DATA),
        Column("parent_text", "part of", DISPLAY), Column("parent", "parent", DATA),
        Column("figures", "figures", BOTH, numeric=True),
        Column("metrics", "metrics", BOTH, numeric=True), Column("periods", "periods", BOTH),
    )
    reporting = sum(1 for row in rows if row["figures"])
    title = f"Jurisdictions: {len(rows)} ({reporting} with figures)"
    notes = ("Use an id or a name (常州, 常州市, Changzhou) wherever a CITY is asked for.",)
    return Table(title, columns, tuple(rows), notes)


def sources_table(dataset: Dataset, lang: str | None = None) -> Table:
    """Every source with the figures it gives and the jurisdictions it covers."""
    by_source: dict[str, list[Observation]] = {}
    for obs in dataset.observations:
        by_source.setdefault(obs.source, []).append(obs)
    rows: list[Row] = []
    for source in sorted(dataset.sources.values(), key=lambda s: s.id):
        mine = by_source.get(source.id, [])
        places = [dataset.jurisdictions[j] for j in dict.fromkeys(o.jurisdiction for o in mine)]
        rows.append({
            "id": source.id, "title": source.title, "publisher": source.publisher,
            "date": source.date, "figures": len(mine),
            "jurisdictions_text": ", ".join(short_name(p, lang) for p in places),
            "jurisdictions": ";".join(p.id for p in places),
            "url": source.url, "file": source.file,
        })
    columns = (
        Column("id", "id", BOTH, label=True), Column("title", "title", BOTH),
        Column("publisher", "publisher", BOTH), Column("date", "date", BOTH),
        Column("figures", "figures", BOTH, numeric=True),
        Column("jurisdictions_text", "jurisdictions", DISPLAY),
        Column("jurisdictions", "jurisdictions", DATA),
        Column("url", "url", DATA), Column("file", "file", DATA),
    )
    return Table(f"Sources: {len(rows)}", columns, tuple(rows),
                 ("Archived texts of the articles are named by `file`; "
                  "`copscompare check --sources DIR` checks every quote against them.",))


def _matches(text: str, *fields: str) -> bool:
    wanted = text.casefold()
    return any(wanted in field.casefold() for field in fields)


def searched(dataset: Dataset, search: str | None = None,
             category: str | None = None) -> list[Metric]:
    """Metrics of ``category`` whose id, labels, aliases or definition contain ``search``
    (case-insensitive; in traditional characters it finds what its simplified form finds)."""
    def find(text: str | None) -> list[Metric]:
        return [m for m in dataset.metrics.values()
                if (category is None or m.category == category)
                and (not text or _matches(text, m.id, m.label_zh, m.label_en, m.definition,
                                          *m.aliases))]
    if not search:
        return find(None)
    return in_either_script(find, search)[0]


def metrics_table(dataset: Dataset, search: str | None = None,
                  category: str | None = None, core: bool = False) -> Table:
    """Every metric (``core``: every core metric) with how many jurisdictions report it, per
    kind of figure."""
    order = {m: i for i, m in enumerate(dataset.metrics)}
    rows: list[Row] = []
    for metric in searched(dataset, search, category):
        observations = dataset.observations_of(metric.id)
        per_measure: dict[str, set[str]] = {}
        for obs in sorted(observations, key=lambda o: MEASURES.index(o.measure)):
            kind = measure_label(obs.measure, obs.scope)
            per_measure.setdefault(kind, set()).add(obs.jurisdiction)
        counts = {m: len({o.jurisdiction for o in observations if o.measure == m})
                  for m in MEASURES}
        rows.append({
            "id": metric.id, "metric": metric_title(metric),
            "label_zh": metric.label_zh, "label_en": metric.label_en,
            "unit": metric.unit, "better": metric.better, "category": metric.category,
            "core": metric.core, "core_text": "core" if metric.core else "",
            "jurisdictions": len({o.jurisdiction for o in observations}),
            "figures": len(observations),
            "measures": ", ".join(f"{kind} {len(places)}"
                                  for kind, places in per_measure.items()),
            **counts,
        })
    rows.sort(key=lambda r: (CATEGORIES.index(r["category"]), -r["jurisdictions"],
                             order[r["id"]]))
    if core:
        rows = sorted((r for r in rows if r["core"]), key=lambda r: -r["jurisdictions"])
    columns = (
        Column("id", "id", BOTH, label=True), Column("metric", "metric", DISPLAY),
        Column("label_zh", "label_zh", DATA), Column("label_en", "label_en", DATA),
        Column("category", "category", BOTH), Column("unit", "unit", BOTH),
        Column("better", "better", BOTH),
        Column("core_text", "core", DISPLAY), Column("core", "core", DATA),
        Column("jurisdictions", "jurisdictions", BOTH, numeric=True),
        Column("measures", "reported as (jurisdictions)", DISPLAY),
        Column("figures", "figures", DATA, numeric=True),
        *(Column(m, m, DATA, numeric=True) for m in MEASURES),
    )
    having = sum(1 for r in rows if r["jurisdictions"])
    what = ("Core metrics" if core else "Metrics") + (f" matching '{search}'" if search else "")
    title = f"{what}: {len(rows)} ({having} with figures)"
    notes = ("Only figures of the same kind are ranked together: "
             "`copscompare rank --metric ID [--measure KIND]`.",)
    return Table(title, columns, tuple(rows), notes)

"""Find the jurisdiction or metric a user typed, or say what they may have meant.

Rules:
- A jurisdiction matches by id, Chinese name or English name, case-insensitively; a Chinese name
  also matches without its administrative suffix (``常州`` finds ``常州市``, ``武进`` finds
  ``武进区``, and ``厦门市`` finds a ``厦门`` written without one), and an English name without
  ``District``/``County``/``City``/``Banner`` (``Wujin`` finds ``Wujin District``).
- An id wins over any name: ``jilin`` is the place whose id it is, even when another place is
  called Jilin (``check`` warns about such a name). An exact full name wins over a suffix-less
  match; when a suffix-less name fits two jurisdictions (吉林省 and 吉林市), the user is asked
  to choose.
- A metric matches by id (spaces and hyphens read as ``_``), alias, Chinese or English label;
  an id wins over another metric's label or alias.
- A name typed in traditional characters (廈門, 監控, 社區警務室) is read as its simplified form
  when it finds nothing as typed, so it finds exactly what the simplified form finds; OpenCC is
  loaded only then (``in_either_script``).
- Nothing found raises NotFound (a usage error, exit 2) with "did you mean" suggestions: close
  spellings of ids and names (Chinese included) and names that contain what was typed.
- A metric with no figures in the data raises NotFound that names the metrics that do have
  figures (the closest first).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

from copscompare.errors import NotFound
from copscompare.model import Dataset, Jurisdiction, Metric

# Longest first, so 自治区 is stripped before 区.
ZH_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "新区",
               "市", "区", "县", "旗", "省", "盟", "州")
EN_SUFFIXES = ("district", "county", "city", "banner", "prefecture", "province",
               "municipality")
MAX_SUGGESTIONS = 5
V = TypeVar("V")


def _fold(text: str) -> str:
    """Case-folded, with runs of spaces collapsed."""
    return re.sub(r"\s+", " ", text.strip()).casefold()


def core_name(name: str) -> str:
    """A place name without its administrative suffix: 常州市 -> 常州, Wujin District -> wujin.

    A name that is nothing but a suffix, or would shrink to one character, is kept whole
    (``市`` stays ``市``; ``沙市`` stays ``沙市``).
    """
    folded = _fold(name)
    for suffix in ZH_SUFFIXES:
        if folded.endswith(suffix) and len(folded) - len(suffix) >= 2:
            return folded[: -len(suffix)]
    words = folded.split(" ")
    if len(words) > 1 and words[-1] in EN_SUFFIXES:
        return " ".join(words[:-1])
    return folded


def _place_names(place: Jurisdiction) -> tuple[str, ...]:
    return (place.id, _fold(place.name_zh), _fold(place.name_en))


def _label(place: Jurisdiction) -> tuple[str, str]:
    return (place.id, f"{place.name_zh} {place.name_en}")


def in_either_script(find: Callable[[str], list[V]], text: str) -> tuple[list[V], str]:
    """What ``find`` finds for ``text`` as typed, else for its simplified form (a name typed in
    traditional characters: 廈門, 監控); with the text that found it. OpenCC is loaded only
    when text that is not ASCII finds nothing as typed (copscompare.hanzi)."""
    found = find(text)
    if found or text.isascii():
        return found, text
    from copscompare.hanzi import to_simplified

    simplified = to_simplified(text)
    return (find(simplified), simplified) if simplified != text else (found, text)


def resolve_jurisdiction(dataset: Dataset, text: str) -> Jurisdiction:
    """The jurisdiction ``text`` names (see the module docstring); NotFound otherwise."""
    found, read = in_either_script(lambda typed: _places_named(dataset, typed), text)
    if len(found) == 1:
        return found[0]
    if found:
        raise NotFound(f"'{text}' could be more than one jurisdiction; give its id",
                       [_label(p) for p in found])
    return _not_found_place(dataset, text, read)


def _places_named(dataset: Dataset, text: str) -> list[Jurisdiction]:
    """The jurisdictions ``text`` could name: the one whose id it is; else those it names in
    full; else those it names without a suffix."""
    wanted = _fold(text)
    if wanted in dataset.jurisdictions:
        return [dataset.jurisdictions[wanted]]
    places = list(dataset.jurisdictions.values())
    exact = [p for p in places if wanted in _place_names(p)]
    if exact:
        return exact
    core = core_name(text)
    return [p for p in places if core in (core_name(p.name_zh), core_name(p.name_en))]


def _not_found_place(dataset: Dataset, text: str, read: str) -> Jurisdiction:
    """NotFound for ``text`` (read as ``read``, its simplified form if it had one)."""
    wanted = {_fold(read), core_name(read)}
    inside = [p for p in dataset.jurisdictions.values()
              if wanted & {_fold(p.province), _fold(p.province_zh), core_name(p.province_zh)}]
    if inside:
        raise NotFound(f"'{text}' is a province, not a jurisdiction in the data; "
                       "jurisdictions in it", [_label(p) for p in inside])
    keys: dict[str, Jurisdiction] = {}
    for place in dataset.jurisdictions.values():
        for key in (*_place_names(place), core_name(place.name_zh), core_name(place.name_en)):
            keys.setdefault(key, place)
    found = _closest(_fold(read), keys)
    raise NotFound(f"no jurisdiction called '{text}'", [_label(p) for p in found])


def _closest(wanted: str, keys: Mapping[str, V]) -> list[V]:
    """Records whose keys contain ``wanted`` (or the reverse), then close spellings; unique.

    Short Chinese names differ by one character in two, so the cutoff is lower for them.
    """
    import difflib

    found: list[V] = []

    def add(records: Iterable[V]) -> None:
        for record in records:
            if record not in found:
                found.append(record)

    if wanted:
        add(keys[k] for k in keys if wanted in k or (len(k) >= 2 and k in wanted))
    cutoff = 0.5 if any(ord(ch) > 0x2E80 for ch in wanted) else 0.6
    add(keys[k] for k in difflib.get_close_matches(wanted, list(keys), n=MAX_SUGGESTIONS,
                                                   cutoff=cutoff))
    return found[:MAX_SUGGESTIONS]


def _metric_names(metric: Metric) -> tuple[str, ...]:
    return (metric.id, _fold(metric.label_zh), _fold(metric.label_en),
            *(_fold(a) for a in metric.aliases))


def _by_name(metrics: Iterable[Metric]) -> dict[str, Metric]:
    """Each metric under each of its names (the first metric a name belongs to)."""
    keys: dict[str, Metric] = {}
    for metric in metrics:
        for key in _metric_names(metric):
            keys.setdefault(key, metric)
    return keys


def _as_id(text: str) -> str:
    return re.sub(r"[\s-]+", "_", _fold(text))


def metrics_with_data(dataset: Dataset) -> list[Metric]:
    """Metrics that have at least one observation, in file order."""
    return [m for m in dataset.metrics.values() if dataset.observations_of(m.id)]


def resolve_metric(dataset: Dataset, text: str, require_data: bool = True) -> Metric:
    """The metric ``text`` names; NotFound when none does or (``require_data``) it has no data."""
    matches, read = in_either_script(lambda typed: _metrics_named(dataset, typed), text)
    if len(matches) > 1:
        raise NotFound(f"'{text}' names more than one metric; give its id",
                       [m.id for m in matches])
    if not matches:
        found = _closest(_fold(read), _by_name(dataset.metrics.values()))
        raise NotFound(f"no metric called '{text}'", [_metric_label(m) for m in found])
    metric = matches[0]
    if require_data and not dataset.observations_of(metric.id):
        raise NotFound(*_no_data_message(dataset, metric))
    return metric


def _metrics_named(dataset: Dataset, text: str) -> list[Metric]:
    """The metric whose id ``text`` is; else the metrics it names by label or alias."""
    if _as_id(text) in dataset.metrics:
        return [dataset.metrics[_as_id(text)]]
    wanted = _fold(text)
    return [m for m in dataset.metrics.values() if wanted in _metric_names(m)]


def _metric_label(metric: Metric) -> tuple[str, str]:
    return (metric.id, metric.label_zh)


def _no_data_message(dataset: Dataset, metric: Metric) -> tuple[str, list[str]]:
    """A message naming metrics that have figures: close names, the same category, any."""
    having = metrics_with_data(dataset)
    if not having:
        return f"no figures for metric '{metric.id}': the data has no figures at all", []
    keys = _by_name(having)
    found = [m for m in _closest(_fold(metric.label_en), keys)
             + _closest(_fold(metric.label_zh), keys) + _closest(metric.id, keys)]
    found += [m for m in having if m.category == metric.category]
    found += having  # then any, in file order, up to MAX_SUGGESTIONS
    unique = list(dict.fromkeys(found))[:MAX_SUGGESTIONS]
    message = (f"no figures for metric '{metric.id}' ({metric.label_zh}) in the data; "
               f"{len(having)} metrics have figures (see `copscompare metrics`)")
    if unique:
        message += "; for example " + ", ".join(f"{m.id} ({m.label_zh})" for m in unique)
    return message, []


def resolve_province(dataset: Dataset, text: str) -> str:
    """The province (English name, as in the data) that ``text`` names, e.g. 江苏省 -> Jiangsu."""
    provinces: dict[str, str] = {}
    for place in dataset.jurisdictions.values():
        for name in (place.province, place.province_zh):
            provinces.setdefault(_fold(name), place.province)
            provinces.setdefault(core_name(name), place.province)

    def named(typed: str) -> list[str]:
        return [provinces[k] for k in (_fold(typed), core_name(typed)) if k in provinces][:1]
    found, read = in_either_script(named, text)
    if found:
        return found[0]
    found = _closest(_fold(read), provinces)
    raise NotFound(f"no province called '{text}' in the data", list(dict.fromkeys(found)))


def resolve_source(dataset: Dataset, text: str) -> str:
    """The id of the source ``text`` names (its id, any case); NotFound with close ids."""
    wanted = _fold(text)
    if wanted in dataset.sources:
        return wanted
    raise NotFound(f"no source called '{text}'", _closest(wanted, {k: k for k in dataset.sources}))

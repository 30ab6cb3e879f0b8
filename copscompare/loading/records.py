"""One file's records: its four sections read into model objects, each problem with its place.

Rules:
- The top level is a mapping of ``format`` (``"1"``, optional) and the four sections
  ``sources``, ``jurisdictions``, ``metrics`` and ``observations``; each section is a list of
  mappings (or empty). An unknown section or field is an error, with a suggestion.
- Each field is read by its rule in ``fields``; a record with any error is left out, and its
  id is noted so that references to it are not reported again as unknown (``link``).
- A source names its archived text (``file``) or, when the text is not archived here, the
  address it was read at (``url``) and the day it was read (``accessed``).
- Within one observation: a rank is a whole number from 1 and needs a scope, and only a rank
  has one; only a change has a baseline, which must be a period; an unknown period needs a
  note saying why no year can be known; a ``figure`` (which figure of several in the quote)
  is written as in the quote; ``reading: curator`` (a figure no rule of the checker reads)
  needs a note saying how the curator read it.
- References (an observation's jurisdiction, metric and source; a jurisdiction's parent and
  source) are collected here and checked in ``link``, when every file has been read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from copscompare.errors import Problem, suggest
from copscompare.loading import fields as rule
from copscompare.loading.fields import Rule, Unfit, is_empty
from copscompare.loading.nodes import Node, Scalar, YList, YMap, clip, kind
from copscompare.model import Jurisdiction, Metric, Observation, Source
from copscompare.numbers import plain_number
from copscompare.periods import parse_period

T = TypeVar("T")
SECTIONS = ("sources", "jurisdictions", "metrics", "observations")
TOP_LEVEL = ("format", *SECTIONS)
SUPPORTED_FORMAT = "1"
JURISDICTION_REQUIRED = ("id", "name_zh", "name_en", "province", "province_zh", "level")
OBSERVATION_REQUIRED = ("jurisdiction", "metric", "measure", "qualifier", "source", "quote")
FIELDS = {
    "sources": ("id", "title", "publisher", "date", "file", "url", "note", "accessed",
                "sha256", "via"),
    "jurisdictions": (*JURISDICTION_REQUIRED, "parent", "source", "note"),
    "metrics": ("id", "label_zh", "label_en", "unit", "better", "category", "definition",
                "aliases", "core", "point_in_time"),
    "observations": (*OBSERVATION_REQUIRED, "period", "value", "note", "scope", "baseline",
                     "figure", "reading"),
}
_KNOWN = {section: frozenset(names) for section, names in FIELDS.items()}
Record = Source | Jurisdiction | Metric | Observation


@dataclass
class Parts:
    """What one or more files contributed, before cross-checks."""

    sources: list[Source] = field(default_factory=list)
    jurisdictions: list[Jurisdiction] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    paths: dict[int, str] = field(default_factory=dict)  # id(record) -> "observations[3]"
    # every reference read, complete record or not: (file, line, field path, kind, id)
    refs: list[tuple[str, int, str, str, str]] = field(default_factory=list)
    # "sections:id" of records that had errors of their own: references to them are no errors
    broken: set[str] = field(default_factory=set)

    def path(self, record: object) -> str:
        return self.paths.get(id(record), "")


def read_file(root: Node, filename: str, parts: Parts, problems: list[Problem]) -> None:
    """Check one file's top level and read its four sections into ``parts``."""
    reader = FileReader(filename, parts, problems)
    if root is None:
        reader.error(1, "", "the file is empty: expected a mapping with " + ", ".join(SECTIONS))
        return
    if not isinstance(root, YMap):
        reader.error(getattr(root, "line", 1), "", f"the top level must be a mapping with "
                     f"{', '.join(SECTIONS)}, not a {kind(root)}")
        return
    for key in root:
        if key not in TOP_LEVEL:
            reader.error(root.key_lines[key], clip(key),
                         f"unknown section '{clip(key)}'{suggest(key, TOP_LEVEL)}")
    node = root.get("format")
    if "format" in root and not (isinstance(node, Scalar) and node.text == SUPPORTED_FORMAT):
        reader.error(root.key_lines["format"], "format",
                     f"this copscompare reads format {SUPPORTED_FORMAT}")
    for section in SECTIONS:
        reader.section(root.get(section), section)


class FileReader:
    """Reads one parsed file into ``Parts``, collecting problems instead of stopping.

    Speed on large files: a value a rule found fine is remembered by rule, text, quoting and
    whether the field is required (``field``), so ``measure: level`` is checked once per file.
    Errors are never remembered: every record with one goes the whole way and reports it.
    """

    def __init__(self, filename: str, parts: Parts, problems: list[Problem]) -> None:
        self.filename = filename
        self.parts = parts
        self.problems = problems
        self.fine: dict[tuple[object, str, bool, bool], Any] = {}
        self.builders: dict[str, tuple[Callable[[YMap, str], Record | None], list[Any]]] = {
            "sources": (self.source, parts.sources),
            "jurisdictions": (self.jurisdiction, parts.jurisdictions),
            "metrics": (self.metric, parts.metrics),
            "observations": (self.observation, parts.observations),
        }

    def error(self, line: int | None, path: str, message: str) -> None:
        self.problems.append(Problem(self.filename, line, path, message))

    # -- fields ----------------------------------------------------------------------------

    def field(self, item: YMap, key: str, path: str, read: Rule[T],
              required: bool = True) -> T | None:
        """The value of ``key`` by its rule; None when it is absent, empty or unfit (reported)."""
        node = item.get(key)
        memo = None
        if isinstance(node, Scalar) and read.remember:
            memo = (read, node.text, node.plain, required)
            found = self.fine.get(memo)
            if found is not None:
                return cast(T, found)
        if node is None and key not in item:
            if required:
                self.error(item.line, path, f"missing required field '{key}'")
            return None
        try:
            value = read.read(node, required)
        except Unfit as exc:
            self.error(item.key_lines.get(key, item.line), f"{path}.{key}", str(exc))
            return None
        if memo is not None and value is not None:
            self.fine[memo] = value
        return value

    def reference(self, item: YMap, key: str, path: str, refers_to: str,
                  read: Rule[str] = rule.ID, required: bool = True) -> str | None:
        """An id that must name a record of ``refers_to`` (checked in ``link``)."""
        value = self.field(item, key, path, read, required)
        if value is not None:
            self.parts.refs.append((self.filename, item.key_lines.get(key, item.line),
                                    f"{path}.{key}", refers_to, value))
        return value

    def text_list(self, item: YMap, key: str, path: str) -> tuple[str, ...]:
        """A list of texts, each checked on its own (an alias list)."""
        node = item.get(key)
        if node is None:
            return ()
        line = item.key_lines.get(key, item.line)
        if not isinstance(node, YList):
            self.error(line, f"{path}.{key}", f"must be a list of text, not a {kind(node)}")
            return ()
        values = []
        for index, entry in enumerate(node):
            where = f"{path}.{key}[{index}]"
            if not isinstance(entry, Scalar) or (entry.plain and rule.misreading(entry.text)):
                self.error(getattr(entry, "line", line), where, "must be text (quote it)")
            elif trouble := rule.text_trouble(entry.text):
                self.error(entry.line, where, trouble)
            else:
                values.append(entry.text)
        return tuple(values)

    # -- records ---------------------------------------------------------------------------

    def section(self, node: Node, section: str) -> None:
        """Read each entry of ``section`` into ``parts``; an empty section is fine."""
        if is_empty(node):
            return
        if not isinstance(node, YList):
            self.error(getattr(node, "line", None), section,
                       f"must be a list of entries, not a {kind(node)}")
            return
        build, into = self.builders[section]
        for index, item in enumerate(node):
            path = f"{section}[{index}]"
            if not isinstance(item, YMap):
                self.error(getattr(item, "line", node.line), path,
                           f"must be a mapping of fields, not a {kind(item)}")
                continue
            if not _KNOWN[section].issuperset(item):
                self.unknown_fields(item, path, FIELDS[section])
            record = build(item, path)
            ident = item.get("id")
            if record is not None:
                into.append(record)
                self.parts.paths[id(record)] = path
            elif isinstance(ident, Scalar):
                self.parts.broken.add(f"{section}:{ident.text}")

    def unknown_fields(self, item: YMap, path: str, known: tuple[str, ...]) -> None:
        for key in item:
            if key not in known:
                self.error(item.key_lines[key], f"{path}.{clip(key)}",
                           f"unknown field '{clip(key)}'{suggest(key, known)}")

    def source(self, item: YMap, path: str) -> Source | None:
        values: dict[str, Any] = dict(
            id=self.field(item, "id", path, rule.ID),
            title=self.field(item, "title", path, rule.TEXT),
            publisher=self.field(item, "publisher", path, rule.TEXT),
            date=self.field(item, "date", path, rule.DATE),
            file=self.field(item, "file", path, rule.FILE_NAME, required=False),
            url=self.field(item, "url", path, rule.TEXT, required=False),
            note=self.field(item, "note", path, rule.TEXT, required=False),
            accessed=self.field(item, "accessed", path, rule.DAY, required=False),
            sha256=self.field(item, "sha256", path, rule.SHA256, required=False),
            via=self.field(item, "via", path, rule.TEXT, required=False),
        )
        if any(values[k] is None for k in ("id", "title", "publisher", "date")):
            return None
        if values["file"] is None and (values["url"] is None or values["accessed"] is None):
            if "file" not in item and not {"url", "accessed"} <= set(item):  # else reported
                self.error(item.line, path, "a source needs its archived text ('file') or, "
                           "when it is not archived here, its 'url' and the day it was read "
                           "('accessed')")
            return None
        return Source(**values, line=item.line, origin=self.filename)

    def jurisdiction(self, item: YMap, path: str) -> Jurisdiction | None:
        values: dict[str, Any] = dict(
            id=self.field(item, "id", path, rule.ID),
            name_zh=self.field(item, "name_zh", path, rule.TEXT),
            name_en=self.field(item, "name_en", path, rule.TEXT),
            province=self.field(item, "province", path, rule.TEXT),
            province_zh=self.field(item, "province_zh", path, rule.TEXT),
            level=self.field(item, "level", path, rule.LEVEL),
            parent=self.reference(item, "parent", path, "jurisdiction", required=False),
            source=self.reference(item, "source", path, "source", required=False),
            note=self.field(item, "note", path, rule.TEXT, required=False),
        )
        if any(values[k] is None for k in JURISDICTION_REQUIRED):
            return None
        return Jurisdiction(**values, line=item.line, origin=self.filename)

    def metric(self, item: YMap, path: str) -> Metric | None:
        values: dict[str, Any] = dict(
            id=self.field(item, "id", path, rule.METRIC_ID),
            label_zh=self.field(item, "label_zh", path, rule.TEXT),
            label_en=self.field(item, "label_en", path, rule.TEXT),
            unit=self.field(item, "unit", path, rule.UNIT),
            better=self.field(item, "better", path, rule.BETTER),
            category=self.field(item, "category", path, rule.CATEGORY),
            definition=self.field(item, "definition", path, rule.TEXT),
        )
        aliases = self.text_list(item, "aliases", path)
        core = self.field(item, "core", path, rule.FLAG, required=False)
        point_in_time = self.field(item, "point_in_time", path, rule.FLAG, required=False)
        if any(v is None for v in values.values()):
            return None
        return Metric(**values, aliases=aliases, core=bool(core),
                      point_in_time=bool(point_in_time), line=item.line, origin=self.filename)

    def observation(self, item: YMap, path: str) -> Observation | None:
        values: dict[str, Any] = dict(
            jurisdiction=self.reference(item, "jurisdiction", path, "jurisdiction"),
            metric=self.reference(item, "metric", path, "metric", rule.METRIC_ID),
            measure=self.field(item, "measure", path, rule.MEASURE),
            qualifier=self.field(item, "qualifier", path, rule.QUALIFIER),
            source=self.reference(item, "source", path, "source"),
            quote=self.field(item, "quote", path, rule.QUOTE),
            note=self.field(item, "note", path, rule.TEXT, required=False),
            scope=self.field(item, "scope", path, rule.SCOPE, required=False),
            baseline=self.field(item, "baseline", path, rule.YEAR_TEXT, required=False),
            figure=self.field(item, "figure", path, rule.FIGURE, required=False),
            reading=self.field(item, "reading", path, rule.READING, required=False),
        )
        period = self.field(item, "period", path, rule.PERIOD)
        number = self.field(item, "value", path, rule.NUMBER)
        if period is None or number is None or any(
                values[k] is None for k in OBSERVATION_REQUIRED):
            return None
        obs = Observation(**values, period=period, value=number[0], decimals=number[1],
                          line=item.line, origin=self.filename)
        broken = observation_problems(obs)
        for key, message in broken:
            where = f"{path}.{key}" if key else path
            self.error(item.key_lines.get(key, item.line), where, message)
        return None if broken else obs


def observation_problems(obs: Observation) -> list[tuple[str, str]]:
    """The rules within one observation it breaks, as (field, message); [] when none."""
    found = _rank_problems(obs) if obs.measure == "rank" else []
    if obs.measure != "rank" and obs.scope is not None:
        found.append(("scope", "only a rank has a scope"))
    if obs.baseline is not None:
        found += _baseline_problems(obs)
    if not obs.period.known and not obs.note:
        found.append(("period", "an unknown period needs a note saying why no year can be "
                                "known"))
    if obs.figure is not None and obs.figure not in obs.quote:
        found.append(("figure", f"'{clip(obs.figure)}' is not written in the quote: give the "
                                "figure as the quote writes it"))
    if obs.reading is not None and not obs.note:
        found.append(("reading", "a curator's reading needs a note saying how the figure was "
                                 "read from the quote"))
    return found


def _rank_problems(obs: Observation) -> list[tuple[str, str]]:
    found = []
    if obs.value < 1 or obs.value != int(obs.value):
        found.append(("value", f"a rank is a whole number from 1 up, not "
                               f"{plain_number(obs.value)}"))
    if obs.scope is None:
        found.append(("", "a rank needs a 'scope' (province, nation or city)"))
    return found


def _baseline_problems(obs: Observation) -> list[tuple[str, str]]:
    found = []
    if not obs.measure.startswith("change"):
        found.append(("baseline", "only a change has a baseline"))
    try:
        parse_period(obs.baseline or "")
    except ValueError as exc:
        found.append(("baseline", str(exc)))
    return found

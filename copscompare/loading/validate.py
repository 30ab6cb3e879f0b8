"""Turn parsed YAML trees into the model, reporting every problem with file, line and field.

Two passes: ``read_file`` checks each file's shape and values on its own; ``link`` checks what
needs all files at once (unique ids, references, parents, quotes against their metric).
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from copscompare import model
from copscompare.controls import control_pattern
from copscompare.errors import Problem
from copscompare.loading.nodes import Node, Scalar, YList, YMap, clip
from copscompare.loading.quotes import quote_has_figure, stated_direction
from copscompare.model import Dataset, Jurisdiction, Metric, Observation, Source
from copscompare.periods import Period, parse_period

SECTIONS = ("sources", "jurisdictions", "metrics", "observations")
TOP_LEVEL = ("format", *SECTIONS)
SUPPORTED_FORMAT = "1"

_BOOLEANS = {"yes": "true", "no": "false", "on": "true", "off": "false",
             "true": "true", "false": "false"}
_NULLS = {"null", "~"}
_NUMBERISH = re.compile(
    r"^[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$|^0[xob][0-9a-fA-F_]+$"
    r"|^[-+]?\.(?:inf|nan)$", re.IGNORECASE)
_DATEISH = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}(?:[Tt ].*)?$")
_NUMBER = re.compile(r"^[-+]?\d+(?:\.(\d+))?(?:[eE][-+]?\d+)?$")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_METRIC_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
MAX_TEXT = 2000  # characters in one text field; more is a paste accident or a hostile file
MAX_QUOTE = 500  # a quote is the shortest clause containing the figure
# C0 controls but tab and line feed, DEL, C1 controls, bidirectional overrides and isolates
_CONTROL = control_pattern(allow="\t\n")
_FILE_NAME = re.compile(r"^(?!\.)[^/\\]+$")


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
    # ids of records that had errors of their own: references to them are not errors again
    broken: set[str] = field(default_factory=set)

    def path(self, record: object) -> str:
        return self.paths.get(id(record), "")


def suggest(word: str, choices: Iterable[str], n: int = 3) -> str:
    """`` (did you mean 'x'?)`` for the closest choices, or an empty string."""
    if len(word) > 100:  # no name is that long, and difflib would take its time
        return ""
    close = difflib.get_close_matches(word, list(choices), n=n, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + " or ".join(f"'{c}'" for c in close) + "?)"


def text_trouble(text: str, key: str = "") -> str | None:
    """Why ``text`` cannot be the value of text field ``key``, or None.

    Rules: a quote is at most MAX_QUOTE characters (the shortest clause containing the figure),
    any other text at most MAX_TEXT; no text carries control characters (other than tab and
    line feed) or bidirectional overrides, which could act on a terminal instead of printing.
    """
    if key == "quote" and len(text) > MAX_QUOTE:
        return (f"is {len(text)} characters long; a quote is the shortest clause containing "
                f"the figure (at most {MAX_QUOTE})")
    if len(text) > MAX_TEXT:
        return f"is {len(text)} characters long, over the limit of {MAX_TEXT} for a text field"
    bad = _CONTROL.search(text)
    if bad:
        return (f"contains the control character U+{ord(bad.group()):04X}; "
                "data files hold plain text only")
    return None


def misreading(text: str) -> str | None:
    """How plain YAML would misread ``text`` written unquoted, or None if it stays text."""
    lowered = text.lower()
    if lowered in _BOOLEANS:
        return f"the boolean {_BOOLEANS[lowered]}"
    if lowered in _NULLS or text == "":
        return "null (nothing)"
    if _DATEISH.match(text):
        return "a date"
    if _NUMBERISH.match(text):
        if re.match(r"^[-+]?0\d", text):
            return "a number (the leading zero is lost, or it is read as octal)"
        return "a number"
    return None


class FileReader:
    """Reads one parsed file into ``Parts``, collecting problems instead of stopping."""

    def __init__(self, filename: str, parts: Parts, problems: list[Problem]) -> None:
        self.filename = filename
        self.parts = parts
        self.problems = problems
        # Speed on large files: text fields, ids and choices already found fine (same key, text,
        # quoting and rule), and periods already parsed, are not checked again. Errors are
        # never remembered: every record with one goes the whole way and reports it.
        self.fine: set[tuple] = set()
        self.fine_ids: set[tuple] = set()
        self.fine_choices: set[tuple] = set()
        self.periods: dict[str, Period] = {}

    def error(self, line: int | None, path: str, message: str) -> None:
        self.problems.append(Problem(self.filename, line, path, message))

    # -- scalars -------------------------------------------------------------------------

    def text(self, item: YMap, key: str, path: str, required: bool = True,
             allow: str = "") -> str | None:
        """A text field. ``allow`` names implicit types that are fine here ('year', 'date')."""
        node = item.get(key)
        if node.__class__ is Scalar and (key, node.text, node.plain, required, allow) in self.fine:
            return node.text
        if node is None and not required and key not in item:
            return None  # an optional field left out
        where = f"{path}.{key}"
        line = item.key_lines.get(key, item.line)
        if node is None:
            if required:
                message = "is empty" if key in item else f"missing required field '{key}'"
                self.error(line, where if key in item else path, message)
            return None
        if not isinstance(node, Scalar):
            self.error(line, where, f"must be text, not a {_kind(node)}")
            return None
        trouble = text_trouble(node.text, key)
        if trouble:
            self.error(line, where, trouble)
            return None
        if node.plain:
            if node.text.lower() in _NULLS or not node.text:
                if required:
                    self.error(line, where, "is empty")
                return None
            trap = misreading(node.text)
            allowed = (allow == "year" and re.fullmatch(r"\d{4}", node.text)) or (
                allow == "date" and (trap == "a date" or re.fullmatch(r"\d{4}", node.text)))
            if trap and not allowed:
                self.error(line, where, f"'{node.text}' is read by YAML as {trap}; "
                           f"put it in quotes (\"{node.text}\") if text is meant")
                return None
        if required and not node.text.strip():
            self.error(line, where, "is empty")
            return None
        if key != "quote":  # quotes are one of a kind: not worth remembering
            self.fine.add((key, node.text, node.plain, required, allow))
        return node.text

    def ident(self, item: YMap, key: str, path: str, pattern: re.Pattern = _ID,
              required: bool = True, refers_to: str | None = None) -> str | None:
        """An id; ``refers_to`` names the section it must be found in (checked in ``link``)."""
        node = item.get(key)
        seen = ((key, node.text, node.plain, required, pattern.pattern)
                if node.__class__ is Scalar else None)
        if seen is not None and seen in self.fine_ids:
            value = node.text  # an id already found fine  # type: ignore[union-attr]
        else:
            value = self.text(item, key, path, required)
            if value is not None and not pattern.match(value):
                self.error(item.key_lines.get(key, item.line), f"{path}.{key}",
                           f"'{clip(value)}' is not a valid id (lower-case ASCII letters, "
                           f"digits, '_'{'' if pattern is _METRIC_ID else ' or -'})")
                return None
            if value is not None and seen is not None:
                self.fine_ids.add(seen)
        if value is not None and refers_to:
            self.parts.refs.append((self.filename, item.key_lines.get(key, item.line),
                                    f"{path}.{key}", refers_to, value))
        return value

    def choice(self, item: YMap, key: str, path: str, options: tuple[str, ...],
               required: bool = True) -> str | None:
        node = item.get(key)
        seen = (key, node.text, node.plain, required, options) if node.__class__ is Scalar else None
        if seen is not None and seen in self.fine_choices:
            return node.text  # a choice already found fine  # type: ignore[union-attr]
        value = self.text(item, key, path, required)
        if value is not None and value not in options:
            self.error(item.key_lines.get(key, item.line), f"{path}.{key}",
                       f"'{clip(value)}' is not one of: {', '.join(options)}"
                       f"{suggest(value, options)}")
            return None
        if value is not None and seen is not None:
            self.fine_choices.add(seen)
        return value

    def number(self, item: YMap, key: str, path: str) -> tuple[float, int] | None:
        """A finite plain number and how many decimals were written."""
        node = item.get(key)
        line = item.key_lines.get(key, item.line)
        where = f"{path}.{key}"
        if node is None or (isinstance(node, Scalar) and node.plain
                            and node.text.lower() in ("", *_NULLS)):
            self.error(line, where if key in item else path,
                       "is empty" if key in item else f"missing required field '{key}'")
            return None
        if not isinstance(node, Scalar):
            self.error(line, where, f"must be a number, not a {_kind(node)}")
            return None
        text = node.text.strip()
        match = _NUMBER.match(text)
        if not node.plain or not match:
            self.error(line, where, f"must be a plain number, not the text '{clip(text)}'"
                       f"{_number_hint(text)}")
            return None
        value = float(text)
        if not math.isfinite(value):
            self.error(line, where, f"'{clip(text)}' is not a finite number")
            return None
        return value, len(match.group(1) or "")

    def text_list(self, item: YMap, key: str, path: str) -> tuple[str, ...]:
        node = item.get(key)
        if node is None:
            return ()
        line = item.key_lines.get(key, item.line)
        if not isinstance(node, YList):
            self.error(line, f"{path}.{key}", f"must be a list of text, not a {_kind(node)}")
            return ()
        values = []
        for index, entry in enumerate(node):
            where = f"{path}.{key}[{index}]"
            if not isinstance(entry, Scalar) or (entry.plain and misreading(entry.text)):
                self.error(getattr(entry, "line", line), where, "must be text (quote it)")
            elif trouble := text_trouble(entry.text):
                self.error(entry.line, where, trouble)
            else:
                values.append(entry.text)
        return tuple(values)

    # -- records -------------------------------------------------------------------------

    def records(self, node: Node, section: str, fields: tuple[str, ...],
                build: Callable[[YMap, str], object | None], into: list) -> None:
        if node is None or (isinstance(node, Scalar) and node.plain
                            and node.text.lower() in ("", *_NULLS)):
            return  # an empty section
        if not isinstance(node, YList):
            self.error(getattr(node, "line", None), section,
                       f"must be a list of entries, not a {_kind(node)}")
            return
        known = frozenset(fields)
        for index, item in enumerate(node):
            path = f"{section}[{index}]"
            if not isinstance(item, YMap):
                self.error(getattr(item, "line", node.line), path,
                           f"must be a mapping of fields, not a {_kind(item)}")
                continue
            for key in item if not known.issuperset(item) else ():
                if key not in fields:
                    self.error(item.key_lines[key], f"{path}.{clip(key)}",
                               f"unknown field '{clip(key)}'{suggest(key, fields)}")
            record = build(item, path)
            if record is not None:
                into.append(record)
                self.parts.paths[id(record)] = path
            elif isinstance(item.get("id"), Scalar):
                self.parts.broken.add(f"{section}:{item['id'].text}")

    def source(self, item: YMap, path: str) -> Source | None:
        values = dict(
            id=self.ident(item, "id", path), title=self.text(item, "title", path),
            publisher=self.text(item, "publisher", path),
            date=self.text(item, "date", path, allow="date"),
            file=self.text(item, "file", path),
            url=self.text(item, "url", path, required=False),
            note=self.text(item, "note", path, required=False),
        )
        if values["date"] is not None and not _valid_date(values["date"]):
            self.error(item.key_lines.get("date"), f"{path}.date",
                       f"'{values['date']}' is not YYYY-MM-DD, YYYY-MM, YYYY or unknown")
            return None
        if values["file"] is not None and not _FILE_NAME.match(values["file"]):
            self.error(item.key_lines.get("file"), f"{path}.file",
                       f"'{clip(values['file'])}' must be a file name in the sources folder, "
                       "without a folder ('/') or a leading '.'")
            return None
        if any(values[k] is None for k in ("id", "title", "publisher", "date", "file")):
            return None
        return Source(**values, line=item.line, origin=self.filename)

    def jurisdiction(self, item: YMap, path: str) -> Jurisdiction | None:
        values = dict(
            id=self.ident(item, "id", path), name_zh=self.text(item, "name_zh", path),
            name_en=self.text(item, "name_en", path), province=self.text(item, "province", path),
            province_zh=self.text(item, "province_zh", path),
            level=self.choice(item, "level", path, model.LEVELS),
            parent=self.ident(item, "parent", path, required=False, refers_to="jurisdiction"),
            source=self.ident(item, "source", path, required=False, refers_to="source"),
            note=self.text(item, "note", path, required=False),
        )
        if any(values[k] is None for k in JURISDICTION_REQUIRED):
            return None
        return Jurisdiction(**values, line=item.line, origin=self.filename)

    def metric(self, item: YMap, path: str) -> Metric | None:
        values = dict(
            id=self.ident(item, "id", path, _METRIC_ID),
            label_zh=self.text(item, "label_zh", path), label_en=self.text(item, "label_en", path),
            unit=self.choice(item, "unit", path, model.UNITS),
            better=self.choice(item, "better", path, model.DIRECTIONS),
            category=self.choice(item, "category", path, model.CATEGORIES),
            definition=self.text(item, "definition", path),
        )
        aliases = self.text_list(item, "aliases", path)
        if any(v is None for v in values.values()):
            return None
        return Metric(**values, aliases=aliases, line=item.line, origin=self.filename)

    def observation(self, item: YMap, path: str) -> Observation | None:
        values = dict(
            jurisdiction=self.ident(item, "jurisdiction", path, refers_to="jurisdiction"),
            metric=self.ident(item, "metric", path, _METRIC_ID, refers_to="metric"),
            measure=self.choice(item, "measure", path, model.MEASURES),
            qualifier=self.choice(item, "qualifier", path, model.QUALIFIERS),
            source=self.ident(item, "source", path, refers_to="source"),
            quote=self.text(item, "quote", path),
            note=self.text(item, "note", path, required=False),
            scope=self.choice(item, "scope", path, model.SCOPES, required=False),
            baseline=self.text(item, "baseline", path, required=False, allow="year"),
        )
        period = self.period(item, path)
        number = self.number(item, "value", path)
        if period is None or number is None or any(
                values[k] is None for k in OBSERVATION_REQUIRED if k in values):
            return None
        obs = Observation(**values, period=period, value=number[0], decimals=number[1],
                          line=item.line, origin=self.filename)
        return obs if self.observation_rules(obs, item, path) else None

    def period(self, item: YMap, path: str) -> Period | None:
        text = self.text(item, "period", path, allow="year")
        if text is None:
            return None
        known = self.periods.get(text)
        if known is not None:
            return known  # one shared Period per period text
        try:
            period = self.periods[text] = parse_period(text)
            return period
        except ValueError as exc:
            self.error(item.key_lines.get("period"), f"{path}.period", str(exc))
            return None

    def observation_rules(self, obs: Observation, item: YMap, path: str) -> bool:
        """Rules within one observation; cross-file rules live in ``link``."""
        def line(key: str) -> int:
            return item.key_lines.get(key, item.line)
        ok = True
        if obs.measure == "rank":
            if obs.value < 1 or obs.value != int(obs.value):
                self.error(line("value"), f"{path}.value",
                           f"a rank is a whole number from 1 up, not {_plain(obs.value)}")
                ok = False
            if obs.scope is None:
                self.error(item.line, path,
                           "a rank needs a 'scope' (province, nation or city)")
                ok = False
        elif obs.scope is not None:
            self.error(line("scope"), f"{path}.scope", "only a rank has a scope")
            ok = False
        if obs.baseline is not None and not obs.measure.startswith("change"):
            self.error(line("baseline"), f"{path}.baseline", "only a change has a baseline")
            ok = False
        if obs.baseline is not None:
            try:
                parse_period(obs.baseline)
            except ValueError as exc:
                self.error(line("baseline"), f"{path}.baseline", str(exc))
                ok = False
        if not obs.period.known and not obs.note:
            self.error(line("period"), f"{path}.period",
                       "an unknown period needs a note saying why no year can be known")
            ok = False
        return ok


JURISDICTION_REQUIRED = ("id", "name_zh", "name_en", "province", "province_zh", "level")
OBSERVATION_REQUIRED = ("jurisdiction", "metric", "measure", "qualifier", "source", "quote")
FIELDS = {
    "sources": ("id", "title", "publisher", "date", "file", "url", "note"),
    "jurisdictions": (*JURISDICTION_REQUIRED, "parent", "source", "note"),
    "metrics": ("id", "label_zh", "label_en", "unit", "better", "category", "definition",
                "aliases"),
    "observations": (*OBSERVATION_REQUIRED, "period", "value", "note", "scope", "baseline"),
}


def read_file(root: Node, filename: str, parts: Parts, problems: list[Problem]) -> None:
    """Check one file's top level and read its four sections into ``parts``."""
    reader = FileReader(filename, parts, problems)
    if root is None:
        reader.error(1, "", "the file is empty: expected a mapping with "
                     + ", ".join(SECTIONS))
        return
    if not isinstance(root, YMap):
        reader.error(getattr(root, "line", 1), "", f"the top level must be a mapping with "
                     f"{', '.join(SECTIONS)}, not a {_kind(root)}")
        return
    for key in root:
        if key not in TOP_LEVEL:
            reader.error(root.key_lines[key], clip(key),
                         f"unknown section '{clip(key)}'{suggest(key, TOP_LEVEL)}")
    if "format" in root:
        node = root["format"]
        if not isinstance(node, Scalar) or node.text != SUPPORTED_FORMAT:
            reader.error(root.key_lines["format"], "format",
                         f"this copscompare reads format {SUPPORTED_FORMAT}")
    builders = {"sources": (reader.source, parts.sources),
                "jurisdictions": (reader.jurisdiction, parts.jurisdictions),
                "metrics": (reader.metric, parts.metrics),
                "observations": (reader.observation, parts.observations)}
    for section, (build, into) in builders.items():
        reader.records(root.get(section), section, FIELDS[section], build, into)


def link(parts: Parts, problems: list[Problem]) -> Dataset:
    """Cross-file checks: unique ids, references, parent cycles, quotes and signs."""
    sources = _unique(parts, parts.sources, problems)
    jurisdictions = _unique(parts, parts.jurisdictions, problems)
    metrics = _unique(parts, parts.metrics, problems)
    known = {"jurisdiction": jurisdictions, "metric": metrics, "source": sources}
    for filename, line, path, kind, value in parts.refs:
        if value not in known[kind] and f"{kind}s:{value}" not in parts.broken:
            problems.append(Problem(filename, line, path,
                                    f"unknown {kind} '{value}'{suggest(value, known[kind])}"))
    _check_cycles(parts, jurisdictions, problems)
    kept = []
    seen: dict[tuple, Observation] = {}
    for obs in parts.observations:
        ok = (obs.jurisdiction in jurisdictions and obs.metric in metrics
              and obs.source in sources)
        if ok and _check_figure(parts.path(obs), obs, metrics[obs.metric], problems):
            kept.append(obs)
            key = (obs.jurisdiction, obs.metric, obs.period.text, obs.measure, obs.scope)
            if key in seen:
                first = seen[key]
                problems.append(Problem(obs.origin, obs.line, parts.path(obs),
                                        f"the same figure is also given at {first.origin}:"
                                        f"{first.line}", "warning"))
            seen.setdefault(key, obs)
    warnings = tuple(p for p in problems if p.severity == "warning")
    return Dataset(sources, jurisdictions, metrics, tuple(kept), warnings)


def _check_figure(path: str, obs: Observation, metric: Metric, problems: list[Problem]) -> bool:
    def error(message: str, field_name: str = "quote") -> bool:
        problems.append(Problem(obs.origin, obs.line, f"{path}.{field_name}", message))
        return False
    percent = metric.unit == "percent" or obs.measure in ("change_pct", "change_pp")
    if obs.measure == "change_pp" and metric.unit != "percent":
        return error(f"a percentage-point change needs a percent metric; '{metric.id}' is "
                     f"counted in {metric.unit}", "measure")
    if obs.measure == "level" and obs.value < 0:
        return error("a level cannot be negative (write a fall as a change)", "value")
    if not quote_has_figure(obs.quote, obs.value, percent, obs.measure == "rank"):
        return error(f"the quote does not contain the figure {_plain(abs(obs.value))} "
                     f"(quote the shortest clause that does)")
    if obs.measure.startswith("change") and obs.value:
        direction = stated_direction(obs.quote)
        if direction and (direction > 0) != (obs.value > 0):
            said = "a fall" if direction < 0 else "a rise"
            return error(f"the quote speaks of {said} but the value is "
                         f"{_plain(obs.value)}: decreases are negative", "value")
    if obs.measure == "level" and metric.unit == "percent" and obs.value > 100:
        problems.append(Problem(obs.origin, obs.line, f"{path}.value",
                                f"{_plain(obs.value)}% is over 100%", "warning"))
    return True


def _unique(parts: Parts, records: list, problems: list[Problem]) -> dict:
    result: dict = {}
    for record in records:
        if record.id in result:
            first = result[record.id]
            problems.append(Problem(record.origin, record.line, f"{parts.path(record)}.id",
                                    f"duplicate id '{record.id}' (first at "
                                    f"{first.origin}:{first.line})"))
            continue
        result[record.id] = record
    return result


def _check_cycles(parts: Parts, jurisdictions: dict[str, Jurisdiction],
                  problems: list[Problem]) -> None:
    for place in jurisdictions.values():
        seen = [place.id]
        current = place.parent
        while current is not None and current in jurisdictions:
            if current in seen:
                if current == place.id:
                    chain = " -> ".join([*seen, current])
                    problems.append(Problem(place.origin, place.line,
                                            f"{parts.path(place)}.parent",
                                            f"parent cycle: {chain}"))
                break
            seen.append(current)
            current = jurisdictions[current].parent


def _valid_date(text: str) -> bool:
    if text == "unknown":
        return True
    if not _DATE.match(text):
        return False
    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def _kind(node: Node) -> str:
    if isinstance(node, YMap):
        return "mapping"
    if isinstance(node, YList):
        return "list"
    return "nothing" if node is None else "text"


def _plain(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def _number_hint(text: str) -> str:
    if text.endswith("%"):
        return f"; write {text[:-1]} (the metric's unit says percent)"
    if any(ch in text for ch in "万亿千百余多近约"):
        return "; write the figure in digits (3万余 is 30000 with qualifier: over)"
    return ""

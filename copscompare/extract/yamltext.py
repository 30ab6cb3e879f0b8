"""A draft written as YAML text, ready to paste into a data file, without a YAML library.

Rules:
- every text field is double-quoted: ``\\`` and ``"`` are escaped, and so is every character
  YAML would not keep as it is in a quoted string (control characters, DEL, C1, the line and
  paragraph separators, the byte-order mark); other characters (Chinese included) are kept;
- numbers are plain (``-20.8``, ``29000``), never in exponent form;
- flags are comments (``# flags: …``) under the record they concern, so the file loads as it
  is and the curator deletes each comment once it is decided;
- sections come in the data's order: sources, metrics (only those the draft proposes), then
  observations.
"""

from __future__ import annotations

from collections.abc import Iterable

from copscompare.extract.rows import Draft, Row, SourceDraft
from copscompare.model import Metric
from copscompare.numbers import plain_number

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (rules in the module docstring)."""
    return '"' + "".join(_escaped(char) for char in text) + '"'


def _escaped(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    if code < 0x20 or 0x7F <= code <= 0x9F or code in (0x2028, 0x2029, 0xFEFF):
        return f"\\u{code:04x}"
    return char


def number(value: float) -> str:
    """``value`` as a plain YAML number: ``171``, ``-0.54``, ``120000000``."""
    plain = plain_number(value)
    text = repr(plain)
    if "e" in text or "E" in text:
        text = f"{plain:f}".rstrip("0").rstrip(".")
    return text


def draft_yaml(draft: Draft) -> str:
    """The whole draft as YAML text (rules in the module docstring)."""
    lines = [
        f"# Drafted by `copscompare extract` from {draft.source.file}: every row is a draft.",
        "# Each `# flags:` comment names what the curator must decide; delete it once done.",
        "sources:",
        *_source(draft.source),
    ]
    if draft.metrics:
        lines.append("metrics:")
        for metric in draft.metrics:
            lines += _metric(metric)
    lines.append("observations:" if draft.rows else "observations: []")
    for row in draft.rows:
        lines += _observation(row)
    return "\n".join(lines) + "\n"


def _fields(pairs: Iterable[tuple[str, str | float | None]]) -> list[str]:
    """``  - key: value`` lines of one record; None values are left out."""
    lines: list[str] = []
    for key, value in pairs:
        if value is None:
            continue
        shown = quoted(value) if isinstance(value, str) else number(value)
        lines.append(f"{'  - ' if not lines else '    '}{key}: {shown}")
    return lines


def _flags(flags: tuple[str, ...]) -> list[str]:
    return [f"    # flags: {'; '.join(flags)}"] if flags else []


def _source(source: SourceDraft) -> list[str]:
    return _fields([("id", source.id), ("title", source.title),
                    ("publisher", source.publisher), ("date", source.date),
                    ("file", source.file), ("sha256", source.sha256)]) + _flags(source.flags)


def _metric(metric: Metric) -> list[str]:
    return _fields([("id", metric.id), ("label_zh", metric.label_zh),
                    ("label_en", metric.label_en), ("unit", metric.unit),
                    ("better", metric.better), ("category", metric.category),
                    ("definition", metric.definition)])


def _observation(row: Row) -> list[str]:
    return _fields([
        ("jurisdiction", row.jurisdiction), ("metric", row.metric), ("period", row.period),
        ("measure", row.measure), ("value", row.value), ("qualifier", row.qualifier),
        ("source", row.source), ("quote", row.quote), ("figure", row.figure),
        ("scope", row.scope), ("baseline", row.baseline), ("note", row.note),
    ]) + _flags(row.flags)

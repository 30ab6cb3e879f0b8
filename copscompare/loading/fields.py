"""The rules for one field's value: text, ids, choices, numbers, periods, dates, file names.

Each rule reads the node written under a key that is present and returns the value, None for
an optional field written empty (``null``, ``~`` or nothing), or raises ``Unfit`` with the
message a curator reads. Rules:

- text: at most MAX_TEXT characters (a quote at most MAX_QUOTE: the shortest clause that holds
  the figure); no control characters but tab and line feed (copscompare.controls); written
  unquoted, it must stay text in YAML: ``yes``, ``null``, ``2009-01-02``, ``0123`` are read as
  something else and must be quoted, except a plain year where a period or year is meant
  (``allow="year"``) and a date where a date is meant (``allow="date"``); a required text may
  not be empty or blank;
- an id: lower-case ASCII letters, digits, ``_`` and ``-`` (a metric id: no ``-``, starting
  with a letter);
- a choice: one of a fixed list of words, with a suggestion when it is misspelt;
- a number: plain (unquoted) decimal in ASCII digits, finite, of at most 15 significant digits
  and 15 decimals; how many decimals were written is its precision (with an exponent, of the
  number it stands for: ``8.604e-4`` is 0.0008604, seven decimals); a full-width figure
  (``１７１``) is refused with its ASCII spelling, as in periods, dates and baselines;
- a period: as copscompare.periods parses it; a date: ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or
  ``unknown``, a real day; a day: ``YYYY-MM-DD`` only; a file name: no folder and no leading
  dot, at most 255 bytes; a SHA-256: 64 lower-case hexadecimal digits; a flag: ``true`` or
  ``false``, unquoted.

``Rule`` objects hash by identity (one object per rule, below), so a reader can remember the
values a rule already found fine under a key cheaply (``records.FileReader.field``).
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Generic, TypeVar

from copscompare import model
from copscompare.controls import control_pattern
from copscompare.errors import suggest
from copscompare.loading.nodes import Node, Scalar, clip, kind
from copscompare.numbers import ascii_digits
from copscompare.periods import Period, parse_period

T = TypeVar("T")

MAX_TEXT = 2000  # characters in one text field; more is a paste accident or a hostile file
MAX_QUOTE = 500  # a quote is the shortest clause containing the figure
MAX_DIGITS = 15  # significant digits of a figure: every float keeps 15 exactly
MAX_FILE_NAME = 255  # bytes in a file name, on every common file system
CONTROL = control_pattern(allow="\t\n")
NULLS = frozenset(("null", "~"))
_BOOLEANS = {"yes": "true", "no": "false", "on": "true", "off": "false",
             "true": "true", "false": "false"}
# What YAML reads as something else (its resolver's digits are ASCII, as \d is here).
_NUMBERISH = re.compile(
    r"^[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$|^0[xob][0-9a-fA-F_]+$"
    r"|^[-+]?\.(?:inf|nan)$", re.IGNORECASE | re.ASCII)
_DATEISH = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}(?:[Tt ].*)?$", re.ASCII)
# What a field must be, whole (fullmatch: a final line break is not let through as by ``$``).
_YEAR = re.compile(r"[0-9]{4}")
_NUMBER = re.compile(r"[-+]?[0-9]+(?:\.([0-9]+))?(?:[eE][-+]?[0-9]+)?")
_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
_METRIC_ID = re.compile(r"[a-z][a-z0-9_]*")
_DATE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_FILE_NAME = re.compile(r"(?!\.)[^/\\]+")


_WIDE_DIGITS = "; the digits are full-width or not ASCII: write {} in ASCII digits (0-9)"


class Unfit(Exception):
    """A field's value breaks its rule; the message says how, for the curator."""


def text_trouble(text: str, quote: bool = False) -> str | None:
    """Why ``text`` cannot be a text value (a ``quote``'s limit is lower), or None."""
    if quote and len(text) > MAX_QUOTE:
        return (f"is {len(text)} characters long; a quote is the shortest clause containing "
                f"the figure (at most {MAX_QUOTE})")
    if len(text) > MAX_TEXT:
        return f"is {len(text)} characters long, over the limit of {MAX_TEXT} for a text field"
    bad = CONTROL.search(text)
    if bad:
        return (f"contains the control character U+{ord(bad.group()):04X}; "
                "data files hold plain text only")
    return None


def misreading(text: str) -> str | None:
    """How plain YAML would misread ``text`` written unquoted, or None if it stays text."""
    lowered = text.lower()
    if lowered in _BOOLEANS:
        return f"the boolean {_BOOLEANS[lowered]}"
    if lowered in NULLS or text == "":
        return "null (nothing)"
    if _DATEISH.match(text):
        return "a date"
    if _NUMBERISH.match(text):
        if re.match(r"^[-+]?0[0-9]", text):
            return "a number (the leading zero is lost, or it is read as octal)"
        return "a number"
    return None


def is_empty(node: Node) -> bool:
    """True for a value written as nothing: no node, or a plain ``null``, ``~`` or empty text."""
    return node is None or (isinstance(node, Scalar) and node.plain
                            and (not node.text or node.text.lower() in NULLS))


class Rule(Generic[T]):
    """How to read one kind of field. ``remember``: a fine value may be reused for the same
    key, text and quoting (a quote or a figure is one of a kind: not worth remembering)."""

    remember = True

    def read(self, node: Node, required: bool) -> T | None:
        raise NotImplementedError


class Text(Rule[str]):
    """Text (rules in the module docstring); ``allow`` is "", "year" or "date"."""

    def __init__(self, allow: str = "", quote: bool = False) -> None:
        self.allow, self.quote = allow, quote
        self.remember = not quote

    def read(self, node: Node, required: bool) -> str | None:
        if node is None:
            _refuse_nothing(required)
            return None
        if not isinstance(node, Scalar):
            raise Unfit(f"must be text, not a {kind(node)}")
        text = node.text
        trouble = text_trouble(text, self.quote)
        if trouble:
            raise Unfit(trouble)
        if node.plain:
            if not text or text.lower() in NULLS:
                _refuse_nothing(required)
                return None
            self.check_unquoted(text)
        if required and not text.strip():
            raise Unfit("is empty")
        return text

    def check_unquoted(self, text: str) -> None:
        """Plain text YAML would read as something else is refused, unless ``allow`` fits it."""
        trap = misreading(text)
        if trap is None or (self.allow and _YEAR.fullmatch(text)):
            return
        if self.allow == "date" and trap == "a date":
            return
        raise Unfit(f"'{text}' is read by YAML as {trap}; "
                    f"put it in quotes (\"{text}\") if text is meant")


def _refuse_nothing(required: bool) -> None:
    """A field written empty is an error when it is required (else its value is None)."""
    if required:
        raise Unfit("is empty")


class Ident(Text):
    """An id; a metric id (``metric=True``) has no ``-`` and starts with a letter."""

    def __init__(self, metric: bool = False) -> None:
        super().__init__()
        self.pattern = _METRIC_ID if metric else _ID
        self.allowed = "'_'" if metric else "'_' or -"

    def read(self, node: Node, required: bool) -> str | None:
        value = super().read(node, required)
        if value is not None and not self.pattern.fullmatch(value):
            raise Unfit(f"'{clip(value)}' is not a valid id (lower-case ASCII letters, digits, "
                        f"{self.allowed})")
        return value


class Choice(Text):
    """One of ``options``."""

    def __init__(self, options: tuple[str, ...]) -> None:
        super().__init__()
        self.options = options

    def read(self, node: Node, required: bool) -> str | None:
        value = super().read(node, required)
        if value is not None and value not in self.options:
            raise Unfit(f"'{clip(value)}' is not one of: {', '.join(self.options)}"
                        f"{suggest(value, self.options)}")
        return value


class Number(Rule[tuple[float, int]]):
    """A finite plain number and how many decimals were written."""

    remember = False

    def read(self, node: Node, required: bool) -> tuple[float, int] | None:
        if is_empty(node):
            _refuse_nothing(required)
            return None
        if not isinstance(node, Scalar):
            raise Unfit(f"must be a number, not a {kind(node)}")
        text = node.text.strip()
        match = _NUMBER.fullmatch(text)
        if not node.plain or not match:
            raise Unfit(f"must be a plain number, not the text '{clip(text)}'{_number_hint(text)}")
        value = float(text)
        if not math.isfinite(value):
            raise Unfit(f"'{clip(text)}' is not a finite number")
        return value, written_decimals(text)


def written_decimals(text: str) -> int:
    """How many decimals a plain number written as ``text`` has: ``97.03`` 2, ``8.604e-4`` 7
    (0.0008604), ``1.5e3`` 0; ``Unfit`` past MAX_DIGITS significant digits or decimals, which
    no float keeps exactly, so the figure could not be shown as written."""
    mantissa, _, exponent = text.lstrip("+-").lower().partition("e")
    whole, _, fraction = mantissa.partition(".")
    decimals = max(len(fraction) - int(exponent or 0), 0)
    if len((whole + fraction).strip("0")) > MAX_DIGITS or decimals > MAX_DIGITS:
        raise Unfit(f"'{clip(text)}' has more than {MAX_DIGITS} significant digits or "
                    "decimals, more than a figure can keep exactly")
    return decimals


def _number_hint(text: str) -> str:
    ascii = ascii_digits(text)
    if ascii is not None:
        return _WIDE_DIGITS.format(ascii)
    if text.endswith("%"):
        return f"; write {text[:-1]} (the metric's unit says percent)"
    if any(ch in text for ch in "万亿千百余多近约"):
        return "; write the figure in digits (3万余 is 30000 with qualifier: over)"
    return ""


class PeriodRule(Rule[Period]):
    """A period (copscompare.periods); a plain year such as 2009 is fine unquoted."""

    text = Text(allow="year")

    def read(self, node: Node, required: bool) -> Period | None:
        written = self.text.read(node, required)
        if written is None:
            return None
        try:
            return parse_period(written)
        except ValueError as exc:
            raise Unfit(str(exc)) from None


class Date(Text):
    """A source's date: ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``unknown``, a real day."""

    def __init__(self) -> None:
        super().__init__(allow="date")

    def read(self, node: Node, required: bool) -> str | None:
        value = super().read(node, required)
        if value is not None and not _valid_date(value):
            ascii = ascii_digits(value)
            hint = "" if ascii is None else _WIDE_DIGITS.format(ascii)
            raise Unfit(f"'{value}' is not YYYY-MM-DD, YYYY-MM, YYYY or unknown{hint}")
        return value


class Day(Date):
    """A day the curator did something, such as reading a page: ``YYYY-MM-DD``, a real day."""

    def read(self, node: Node, required: bool) -> str | None:
        value = super().read(node, required)
        if value is not None and not _DAY.fullmatch(value):
            raise Unfit(f"'{value}' is not a day written YYYY-MM-DD")
        return value


class Sha256(Text):
    """The SHA-256 of a text, as 64 lower-case hexadecimal digits (``sha256sum`` prints it)."""

    def read(self, node: Node, required: bool) -> str | None:
        value = super().read(node, required)
        if value is not None and not _SHA256.fullmatch(value):
            raise Unfit(f"'{clip(value)}' is not a SHA-256: 64 hexadecimal digits, lower case")
        return value


class Flag(Rule[bool]):
    """``true`` or ``false``, unquoted (a quoted "true" is text, and refused)."""

    def read(self, node: Node, required: bool) -> bool | None:
        if node is None or (isinstance(node, Scalar) and node.plain and node.text in NULLS):
            _refuse_nothing(required)
            return None
        if isinstance(node, Scalar) and node.plain and node.text in ("true", "false"):
            return node.text == "true"
        shown = node.text if isinstance(node, Scalar) else f"a {kind(node)}"
        raise Unfit(f"must be true or false (unquoted), not {clip(shown)}")


def _valid_date(text: str) -> bool:
    if text == "unknown":
        return True
    if not _DATE.fullmatch(text):
        return False
    year, month, day = ([int(p) for p in text.split("-")] + [1, 1])[:3]
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


class FileName(Text):
    """The name of a file in the sources folder: no folder, no leading dot, at most
    MAX_FILE_NAME bytes (what file systems allow)."""

    def read(self, node: Node, required: bool) -> str | None:
        value = super().read(node, required)
        if value is not None and not _FILE_NAME.fullmatch(value):
            raise Unfit(f"'{clip(value)}' must be a file name in the sources folder, "
                        "without a folder ('/') or a leading '.'")
        if value is not None and len(value.encode("utf-8")) > MAX_FILE_NAME:
            raise Unfit(f"is {len(value.encode('utf-8'))} bytes long; a file name has at most "
                        f"{MAX_FILE_NAME}")
        return value


TEXT = Text()
QUOTE = Text(quote=True)
YEAR_TEXT = Text(allow="year")
ID = Ident()
METRIC_ID = Ident(metric=True)
NUMBER = Number()
PERIOD = PeriodRule()
DATE = Date()
FILE_NAME = FileName()
DAY = Day()
SHA256 = Sha256()
FLAG = Flag()
READING = Choice(("curator",))
FIGURE = Text(quote=True)  # as written in its quote: one of a kind, not worth remembering
LEVEL = Choice(model.LEVELS)
UNIT = Choice(model.UNITS)
BETTER = Choice(model.DIRECTIONS)
CATEGORY = Choice(model.CATEGORIES)
MEASURE = Choice(model.MEASURES)
QUALIFIER = Choice(model.QUALIFIERS)
SCOPE = Choice(model.SCOPES)

"""Names that look the same but are not: ``Xiamen`` and ``xiamen``, ``Xiamen`` with a Cyrillic
``е``, ``厦门`` with a zero-width space in it.

Two names look alike when they have the same ``skeleton``: NFKC-normalised (full-width letters
become ASCII ones), without format characters (zero-width space, joiners, soft hyphen, BOM),
case-folded, with the Cyrillic and Greek letters that look like Latin ones read as those. Two
records whose names look alike but differ are a warning naming both (``lookalike_warnings``):
one of them is probably a mistake, and a reader could not tell them apart. Names that are
exactly the same are not (two places may share a name; the user is asked to choose).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from copscompare.errors import Problem

# Cyrillic and Greek letters (after case-folding) drawn like a Latin letter.
_LATIN_TWINS = str.maketrans({
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q",
    "ԝ": "w", "ӏ": "l", "α": "a", "β": "b", "ε": "e", "ζ": "z", "η": "h", "ι": "i", "κ": "k",
    "μ": "m", "ν": "n", "ο": "o", "ρ": "p", "τ": "t", "υ": "y", "χ": "x",
})


_NAMED = 3  # odd characters named at most


class Named(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def origin(self) -> str: ...

    @property
    def line(self) -> int: ...


def skeleton(name: str) -> str:
    """What ``name`` looks like (rules in the module docstring)."""
    import unicodedata

    text = unicodedata.normalize("NFKC", name)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return text.casefold().translate(_LATIN_TWINS)


def lookalike_warnings(records: Iterable[Named], fields: Sequence[str], kind: str,
                       path_of: dict[int, str]) -> list[Problem]:
    """A warning on each record one of whose ``fields`` looks like, but is not, the same field
    of an earlier record (``path_of``: each record's place in its file)."""
    found: list[Problem] = []
    first: dict[tuple[str, str], tuple[Named, str]] = {}  # (field, skeleton) -> record, name
    for record in records:
        for field in fields:
            name = getattr(record, field)
            earlier, earlier_name = first.setdefault((field, skeleton(name)), (record, name))
            if earlier is not record and earlier.id != record.id and earlier_name != name:
                found.append(Problem(
                    record.origin, record.line, f"{path_of.get(id(record), '')}.{field}",
                    f"'{name}' looks the same as '{earlier_name}', the {field} of {kind} "
                    f"'{earlier.id}' ({earlier.origin}:{earlier.line}), but is not: "
                    f"{difference(earlier_name, name)}", "warning"))
    return found


def difference(first: str, second: str) -> str:
    """How two lookalike names differ, in a curator's words."""
    if first.casefold() == second.casefold():
        return "they differ in upper and lower case"
    import unicodedata

    odd = [c for c in dict.fromkeys(second + first) if not c.isascii() and (c in first) !=
           (c in second)][:_NAMED]
    return "one holds " + ", ".join(
        f"U+{ord(c):04X} {unicodedata.name(c, 'an unnamed character')}" for c in odd)

"""Which place a figure is about: the article's own place, or another one it names.

Rules:
- A place is found by its Chinese name in simplified characters, with or without its
  administrative suffix (``常州市`` and ``常州``; see ``analysis.names.core_name``); names are
  looked for longest first, so ``武进区`` is not read as a shorter name inside it.
- The article's place is ``--jurisdiction`` when given; else the place of the data the text
  names most often (the first named, on a tie); else none.
- A figure is about the place last named before it in its paragraph; else, in an article
  of sections, the place whose name stands alone on the section's heading line (``沈阳``);
  else the article's place. A figure about a place other than the article's is flagged.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from copscompare.analysis.names import core_name
from copscompare.extract.clauses import Span, paragraphs
from copscompare.hanzi import to_simplified
from copscompare.model import Jurisdiction

HEADING_MAX = 8  # characters on a line that only names a place


@dataclass(frozen=True)
class Mention:
    start: int  # in the view
    end: int
    place: str  # jurisdiction id


def names_of(places: Iterable[Jurisdiction]) -> dict[str, str]:
    """Each Chinese name (full and without suffix, simplified) -> the id of the place it names;
    a name two places share (吉林 the province and the city) names neither."""
    names: dict[str, str] = {}
    shared: set[str] = set()
    for place in places:
        full = to_simplified(place.name_zh)
        for name in {full, core_name(full)}:
            if len(name) < 2:
                continue
            if names.get(name, place.id) != place.id:
                shared.add(name)
            names[name] = place.id
    return {name: place for name, place in names.items() if name not in shared}


def mentions(text: str, names: Mapping[str, str]) -> list[Mention]:
    """Every place named in ``text`` (a view), left to right, longest names first."""
    if not names:
        return []
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    return [Mention(m.start(), m.end(), names[m.group(0)]) for m in pattern.finditer(text)]


def most_named(found: list[Mention]) -> str | None:
    """The place named most often (the first named, on a tie); None when none is named."""
    counts = Counter(m.place for m in found)
    if not counts:
        return None
    best = max(counts.values())
    return next(m.place for m in found if counts[m.place] == best)


def headings(text: str, found: list[Mention]) -> list[Mention]:
    """The mentions that stand alone on a short line: section headings naming a place."""
    lines = {(p.start, p.end) for p in paragraphs(text) if p.end - p.start <= HEADING_MAX}
    return [m for m in found if (m.start, m.end) in lines]


def place_of(position: int, paragraph: Span, found: list[Mention], sections: list[Mention],
             main: str) -> str:
    """The place a figure at ``position`` (in the view) is about (rules in the module doc)."""
    before = [m for m in found if paragraph.start <= m.start and m.end <= position]
    if before:
        return before[-1].place
    heading = [m for m in sections if m.end <= position]
    return heading[-1].place if heading else main

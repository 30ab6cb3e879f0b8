"""An article as the word lists read it: simplified, without a mirror's pinyin, ASCII digits.

Quotes are cut from the text as published; the words (a metric's label, 今年, 国庆期间,
a place's name) are looked for in a ``View`` of it, whose every character points back to its
place in the published text.

Rules:
- traditional characters read as simplified (``copscompare.hanzi.to_simplified``, OpenCC);
  should a conversion change the text's length, each character is converted on its own;
- a mirror site's pinyin inside a word (``發(fā)案``, ``據(jù)``) is dropped: a round bracket
  holding nothing but Latin letters with tone marks;
- full-width digits and letters read as ASCII ones (``２０１６`` is ``2016``).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from copscompare.hanzi import to_simplified

_PINYIN = re.compile(r"[((][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]{1,7}[))]")


@dataclass(frozen=True)
class View:
    text: str
    origin: tuple[int, ...]  # origin[i]: where text[i] stands in the published text
    length: int  # of the published text

    def at(self, index: int) -> int:
        """Where the view's ``index`` (a start, or the end of a match) is in the published
        text."""
        if index >= len(self.origin):
            return self.length
        return self.origin[index]

    def index_of(self, published: int) -> int:
        """The view's index of the published text's ``published`` (or of the next character
        the view keeps, when the view dropped that one)."""
        return bisect.bisect_left(self.origin, published)

    def span_of(self, start: int, end: int) -> tuple[int, int]:
        """The published text's span of the view's ``[start, end)``."""
        return self.at(start), (self.origin[end - 1] + 1 if end > start else self.at(start))


def view_of(text: str) -> View:
    """``text`` as the word lists read it (rules in the module docstring)."""
    simple = to_simplified(text)
    if len(simple) != len(text):
        simple = "".join(_one(to_simplified(char), char) for char in text)
    kept: list[str] = []
    origin: list[int] = []
    position = 0
    for match in _PINYIN.finditer(simple):
        _keep(simple, position, match.start(), kept, origin)
        position = match.end()
    _keep(simple, position, len(simple), kept, origin)
    return View("".join(kept), tuple(origin), len(text))


def _one(converted: str, char: str) -> str:
    return converted if len(converted) == 1 else char


def _keep(text: str, start: int, end: int, kept: list[str], origin: list[int]) -> None:
    for index in range(start, end):
        char = text[index]
        if "\uff10" <= char <= "\uff5a":  # full-width digits and letters
            char = unicodedata.normalize("NFKC", char)
        kept.append(char)
        origin.append(index)

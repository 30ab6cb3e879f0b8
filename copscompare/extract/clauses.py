"""An article cut into paragraphs, sentences and clauses, and the quote that proves a figure.

A press release runs its figures together, several to a sentence; a quote must be the shortest
verbatim clause that still says what the figure counts. The curators' rule, read from how the
175 quotes of the bundled data were cut from the seed articles:

- A paragraph is a line. A sentence ends at 。!?!?… or the end of its line; a page whose
  lines were run together keeps them apart with spaces between Chinese characters, and
  bracketed heads (``【一组数据】``): a sentence ends there too.
- A clause ends at a comma, semicolon or colon or where its sentence ends (the checker's
  ``wording.CLAUSE_ENDS``); an ASCII comma between two digits is a thousands separator
  (``204,365``), not a boundary.
- The quote is the clause holding the figure, with leading and trailing spaces dropped.
- A clause that starts without a subject of its own, with a comparison or a change
  (``同比下降100%``, ``均增长10%``), says nothing alone: the clause before it (in the same
  sentence) is taken with it.
- A clause that lists several things each with its own figure (``“零发案”社区50个、
  “零发案”村屯1685个``; ``27个示范单位和190余名典型``) is cut at 、 (and at the other
  list words of ``wording.LIST_JOINERS``, 和 及 与 …, right before a figure) to the item
  holding the figure, when every item has a figure and
  words of its own (an item opening with a comparison or a change, 、同比上升95.63%, has
  none). A list of subjects sharing one verb (``侵财、“两抢”案件同比分别
  下降18.8%、67.7%``) is not cut: its items have no figures, or its figures no words.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from copscompare.loading.wording import CLAUSE_ENDS, LIST_JOINERS

SENTENCE_ENDS = "。!?!?…"
LIST_MARK = "、"  # the other list joiners mark a list only where a figure follows at once
_JOINER = re.compile("|".join(re.escape(j) for j in sorted(LIST_JOINERS, key=len,
                                                            reverse=True)))
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3})")
_CJK = re.compile(r"[\u3400-\u9fff]")
_GAP = re.compile(r"(?<=[\u3400-\u9fff”」』)】%])[ \t\u3000\xa0]+(?=[\u3400-\u9fff“「『(【])"
                  r"|(?=【)|(?<=】)")


@dataclass(frozen=True, slots=True)
class Span:
    """``text[start:end]`` of the article."""

    start: int
    end: int

    def holds(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


def _cut(text: str, span: Span, ends: str) -> list[Span]:
    """``span`` cut after each character of ``ends`` (spaces trimmed, empty pieces dropped)."""
    pieces: list[Span] = []
    start = span.start
    for index in range(span.start, span.end):
        char = text[index]
        if char in ends and not (char == "," and _THOUSANDS.match(text, index)):
            pieces.append(Span(start, index + 1))
            start = index + 1
    pieces.append(Span(start, span.end))
    return [trimmed for piece in pieces if (trimmed := _trim(text, piece)) is not None]


def _trim(text: str, span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if start < end else None


def paragraphs(text: str) -> list[Span]:
    """Each non-blank line of ``text``."""
    spans, start = [], 0
    for line in text.splitlines(keepends=True):
        piece = _trim(text, Span(start, start + len(line)))
        if piece is not None:
            spans.append(piece)
        start += len(line)
    return spans


def sentences(text: str) -> list[Span]:
    """Each sentence of ``text``, in order; none crosses a line break."""
    return [piece for p in paragraphs(text) for s in _cut(text, p, SENTENCE_ENDS)
            for piece in _gaps(text, s)]


def _gaps(text: str, span: Span) -> list[Span]:
    """``span`` cut where its lines were run together (module docstring)."""
    pieces, start = [], span.start
    for gap in _GAP.finditer(text, span.start, span.end):
        if gap.start() > start:
            pieces.append(Span(start, gap.start()))
        start = gap.end()
    pieces.append(Span(start, span.end))
    return [trimmed for piece in pieces if (trimmed := _trim(text, piece)) is not None]


def clauses(text: str, sentence: Span) -> list[Span]:
    """The clauses of ``sentence``, each without the punctuation that ends it."""
    return [_without_end(text, c) for c in _cut(text, sentence, CLAUSE_ENDS)
            if _without_end(text, c).end > c.start]


def _without_end(text: str, span: Span) -> Span:
    end = span.end
    while end > span.start and text[end - 1] in SENTENCE_ENDS + CLAUSE_ENDS:
        end -= 1
    return Span(span.start, end)


class Ordered:
    """Spans that do not overlap, in order of their starts (an article's paragraphs, its
    sentences, its figures), with their starts kept: which one holds a figure, and which ones a
    span holds, found by bisection, so that a long article costs n log n, not n²."""

    def __init__(self, spans: Sequence[Span]) -> None:
        self.spans = list(spans)
        self.starts = [s.start for s in self.spans]

    def enclosing(self, figure: Span) -> Span | None:
        """The span that holds ``figure``; None when none does."""
        at = bisect.bisect_right(self.starts, figure.start) - 1
        return self.spans[at] if at >= 0 and self.spans[at].holds(figure) else None

    def within(self, outer: Span) -> list[Span]:
        """The spans ``outer`` holds, in order."""
        low = bisect.bisect_left(self.starts, outer.start)
        high = bisect.bisect_right(self.starts, outer.end)
        return [s for s in self.spans[low:high] if outer.holds(s)]


def enclosing(spans: Sequence[Span], figure: Span) -> Span | None:
    """The span of ``spans`` that holds ``figure``; None when none does."""
    return next((s for s in spans if s.holds(figure)), None)


def quote_span(text: str, sentence: Span, figure: Span, figures: Ordered,
               continuations: Sequence[str], parts: Sequence[Span] | None = None) -> Span:
    """The shortest clause of ``sentence`` that proves ``figure`` (rules in the module doc).

    ``figures`` are the spans of every figure read in the article; ``continuations``
    the words that mark a clause with no subject of its own (comparison bases, change words);
    ``parts`` the sentence's clauses, when they were cut already.
    """
    parts = clauses(text, sentence) if parts is None else parts
    index = next((i for i, c in enumerate(parts) if c.holds(figure)), None)
    if index is None:  # the figure straddles a clause boundary: the sentence is the quote
        return _without_end(text, sentence)
    clause = parts[index]
    if index > 0 and text[clause.start:clause.end].startswith(tuple(continuations)):
        return Span(parts[index - 1].start, clause.end)
    return list_item(text, clause, figure, figures, continuations)


def list_item(text: str, clause: Span, figure: Span, figures: Ordered,
              continuations: Sequence[str]) -> Span:
    """The item of a list in ``clause`` that holds ``figure``, when each item has a figure and
    words of its own (an item that opens with a continuation has none); else the clause."""
    inside = figures.within(clause)
    items = _items(text, clause, inside)
    if len(items) < 2 or not all(_own_figure_and_words(text, item, inside) for item in items):
        return clause
    if any(text.startswith(tuple(continuations), item.start) for item in items[1:]):
        return clause
    return enclosing(items, figure) or clause


def _items(text: str, clause: Span, figures: Sequence[Span]) -> list[Span]:
    """``clause`` cut at each list mark that falls outside a figure."""
    starts = {f.start for f in figures}
    items, start = [], clause.start
    for joiner in _JOINER.finditer(text, clause.start, clause.end):
        mark = joiner.group() == LIST_MARK or joiner.end() in starts
        if mark and not any(f.start <= joiner.start() < f.end for f in figures):
            items.append(Span(start, joiner.start()))
            start = joiner.end()
    items.append(Span(start, clause.end))
    return [piece for item in items if (piece := _trim(text, item)) is not None]


def _own_figure_and_words(text: str, item: Span, figures: Sequence[Span]) -> bool:
    held = [f for f in figures if item.holds(f)]
    if not held:
        return False
    words = "".join(ch for i, ch in enumerate(text[item.start:item.end], item.start)
                    if not any(f.start <= i < f.end for f in held))
    return len(_CJK.findall(words)) >= 2

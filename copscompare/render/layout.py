"""How a table fits a width: cell widths, wrapping, column widths, blocks and screenfuls.

Pure functions of text and numbers, for any drawer (``render.draw`` draws boxes from them).

Rules:

- **Width** (``cell_width``): a character of East Asian width W or F (Chinese characters,
  full-width punctuation) takes two cells; a combining mark or a zero-width format character
  none; any other one. Terminals, rich and wcwidth agree on this for the text the tool shows.
- **Wrapping** (``wrap``): a line breaks at a space, after a slash between two letters
  (``ministry/provincial``), or between two characters when either is wide (Chinese may wrap
  between any two characters), except before closing or other punctuation (``）」”，。,``) or
  after opening punctuation (``（「“``). A word, a run of other characters, is never broken: an id a
  reader must copy (``cameras_total``), a figure (``−20.8%``), a period (``2017-01/2017-11``).
  In a column of values the figure with its unit or scope (``+9.6 pp``, ``#1 in province``)
  is one word, and only what follows it in parentheses wraps. So a column is never narrower
  than its longest word (``Shape``), and text that fits is returned as it is.
- **Column widths** (``fit``): every column its natural width when the table fits the space;
  else each starts at its longest word and they share what is left fairly, the one that wants
  least served first, so no column is starved for another.
- **Blocks** (``plan``): when even the narrowest layout is wider than the space, the columns
  that do not name the row are split into as few blocks as fit, of nearly equal size, in
  order, each repeating the label columns (``Shape.label``; the first column when none is).
  A block that cannot hold even one column beside the labels holds one anyway and is wider
  than the space (``Plan.overflow``): nothing is ever cut.
- **Screenfuls** (``screenfuls``): rows in groups that fit a screen of a given height with
  their header, for a drawer that repeats the header on each screen.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

_NO_BREAK_BEFORE = ("Pe", "Pf", "Po")
_NO_BREAK_AFTER = ("Ps", "Pi")
_ZERO_WIDTH = ("Mn", "Me", "Cf")


@functools.cache
def char_width(char: str) -> int:
    """Cells one character takes (rules in the module docstring)."""
    if char.isascii():
        return 1 if char.isprintable() else 0
    if unicodedata.category(char) in _ZERO_WIDTH:
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cell_width(text: str) -> int:
    """Cells ``text`` takes on a terminal."""
    if text.isascii():
        return len(text)
    return sum(map(char_width, text))


def _wide(char: str) -> bool:
    return char_width(char) == 2


def _may_break(before: str, after: str, previous: str) -> bool:
    """True when a line may break between ``before`` and ``after`` (no space between them);
    ``previous`` is the character before ``before``."""
    if before == "/" and previous.isalpha() and after.isalpha():  # ministry/provincial
        return True
    if not (_wide(before) or _wide(after)):
        return False
    if unicodedata.category(after) in _NO_BREAK_BEFORE:  # ）」”，。、,: stay with what precedes
        return False
    return unicodedata.category(before) not in _NO_BREAK_AFTER


@functools.lru_cache(maxsize=1 << 14)
def chunks(text: str, figure: bool = False) -> tuple[tuple[str, bool], ...]:
    """``text`` as the pieces a line may break between: (piece, a space came before it). With
    ``figure``, the figure that starts a value cell (``+9.6 pp``, ``#1 in province``, up to a
    parenthesis) is one piece. (Remembered: a long table repeats the same texts.)"""
    if figure:
        value, opening, rest = text.partition(" (")
        return ((value, False), *((p, True) for p, _ in chunks(opening[1:] + rest)))
    pieces: list[tuple[str, bool]] = []
    for number, word in enumerate(text.split(" ")):
        if not word:
            continue
        start = 0
        for index in range(1, len(word)):
            if _may_break(word[index - 1], word[index], word[index - 2] if index > 1 else ""):
                pieces.append((word[start:index], number > 0 and start == 0))
                start = index
        pieces.append((word[start:], number > 0 and start == 0))
    return tuple(pieces)


def longest_word(text: str, figure: bool = False) -> int:
    """Cells of the widest piece of ``text`` no line may break (0 for empty text)."""
    return max((cell_width(piece) for piece, _ in chunks(text, figure)), default=0)


def wrap(text: str, width: int, figure: bool = False) -> list[str]:
    """``text`` in lines of at most ``width`` cells (rules in the module docstring; ``figure``
    as for ``chunks``); a piece wider than ``width`` gets a line of its own, whole."""
    if cell_width(text) <= width:
        return [text]
    lines: list[str] = []
    line, used = "", 0
    for piece, spaced in chunks(text, figure):
        size = cell_width(piece)
        gap = 1 if spaced and line else 0
        if line and used + gap + size > width:
            lines.append(line)
            line, used, gap = "", 0, 0
        line += " " * gap + piece
        used += gap + size
    lines.append(line)
    return lines


class Shape(NamedTuple):
    """One column as the layout sees it: its natural width (widest line, header included), its
    narrowest (longest word), and whether it names the row."""

    natural: int
    narrowest: int
    label: bool = False


def shape(header: str, cells: Sequence[str], label: bool = False, figures: bool = False,
          fixed: bool = False) -> Shape:
    """The shape of a column of ``cells`` under ``header``: cells of ``figures`` (values) keep
    their figure whole (``chunks``); a ``fixed`` column (a bar) never wraps."""
    natural = max(cell_width(t) for t in [header, *cells])
    if fixed:
        return Shape(natural, natural, label)
    narrowest = max([longest_word(header), *(longest_word(c, figures) for c in cells)])
    return Shape(natural, narrowest, label)


class Frame(NamedTuple):
    """What a drawer puts around cells: cells added per column, and once per table line."""

    per_column: int
    edges: int

    def around(self, columns: int) -> int:
        """Cells the frame adds to a line of ``columns`` columns."""
        return self.edges + self.per_column * columns


class Block(NamedTuple):
    """Columns drawn together (indices into the table's columns) and their widths."""

    columns: tuple[int, ...]
    widths: tuple[int, ...]


class Plan(NamedTuple):
    """How a table is drawn in ``space`` cells: its blocks, the columns each block repeats
    (none when there is one block), and whether a block is wider than the space."""

    blocks: tuple[Block, ...]
    repeated: tuple[int, ...] = ()
    overflow: bool = False


def fit(shapes: Sequence[Shape], space: int, frame: Frame) -> tuple[int, ...]:
    """Widths of ``shapes`` drawn side by side in ``space`` cells (rules in the module doc)."""
    room = space - frame.around(len(shapes))
    if sum(s.natural for s in shapes) <= room:
        return tuple(s.natural for s in shapes)
    widths = [s.narrowest for s in shapes]
    wants = [s.natural for s in shapes]
    left = room - sum(widths)
    waiting = [i for i in range(len(shapes)) if widths[i] < wants[i]]
    while left > 0 and waiting:
        share = max(left // len(waiting), 1)
        for i in sorted(waiting, key=lambda i: (wants[i] - widths[i], i)):
            grow = min(share, wants[i] - widths[i], left)
            widths[i] += grow
            left -= grow
        waiting = [i for i in waiting if widths[i] < wants[i]]
    return tuple(widths)


def plan(shapes: Sequence[Shape], space: int, frame: Frame) -> Plan:
    """The blocks ``shapes`` are drawn in to fit ``space`` cells (rules in the module doc)."""
    everything = tuple(range(len(shapes)))
    labels = tuple(i for i, s in enumerate(shapes) if s.label) or everything[:1]
    others = [i for i in everything if i not in labels]
    if _narrowest(shapes, everything, frame) <= space or not others:
        block = Block(everything, fit(shapes, space, frame))
        return Plan((block,), overflow=_narrowest(shapes, everything, frame) > space)
    blocks = []
    for group in _balanced(shapes, labels, others, space, frame):
        columns = labels + tuple(group)
        blocks.append(Block(columns, fit([shapes[i] for i in columns], space, frame)))
    overflow = any(_narrowest(shapes, b.columns, frame) > space for b in blocks)
    return Plan(tuple(blocks), labels if len(blocks) > 1 else (), overflow)


def _narrowest(shapes: Sequence[Shape], columns: Sequence[int], frame: Frame) -> int:
    """The line width of ``columns`` at their narrowest."""
    return sum(shapes[i].narrowest for i in columns) + frame.around(len(columns))


def _balanced(shapes: Sequence[Shape], labels: tuple[int, ...], others: list[int], space: int,
              frame: Frame) -> list[list[int]]:
    """``others`` in as few consecutive groups as fit beside ``labels``, nearly equal in size
    when that still fits; a column that fits nowhere is a group of its own."""
    greedy: list[list[int]] = []
    for column in others:
        if greedy and _narrowest(shapes, (*labels, *greedy[-1], column), frame) <= space:
            greedy[-1].append(column)
        else:
            greedy.append([column])
    count = len(greedy)
    size, extra = divmod(len(others), count)
    even: list[list[int]] = []
    start = 0
    for number in range(count):
        end = start + size + (1 if number < extra else 0)
        even.append(others[start:end])
        start = end
    if all(len(g) == 1 or _narrowest(shapes, labels + tuple(g), frame) <= space for g in even):
        return even
    return greedy


def screenfuls(heights: Sequence[int], room: int) -> list[range]:
    """Consecutive rows (by their heights in lines) in groups of at most ``room`` lines; a row
    taller than ``room`` is a group of its own. One group when all fit."""
    groups: list[range] = []
    start, used = 0, 0
    for index, height in enumerate(heights):
        if index > start and used + height > room:
            groups.append(range(start, index))
            start, used = index, 0
        used += height
    groups.append(range(start, len(heights)))
    return groups

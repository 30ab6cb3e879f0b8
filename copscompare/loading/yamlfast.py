"""A fast reader for the plain subset of YAML that curated data files are written in.

``scan(text)`` builds the very tree ``yamltree.parse`` builds from PyYAML's event stream (same
texts, same quoted/plain flags, same line numbers, same key lines), several times faster, or
returns None as soon as a line is anything but plainly understood. Then the caller parses the
file with PyYAML, which also reports every syntax error: this reader never reports one, so it
cannot change a message, only skip work on files that have none. Most lines are read by one
regular expression, and a short line met again (``    measure: level``) is not matched twice.

What it reads (everything else gives None):
- block mappings whose keys are ASCII words of up to 64 characters (``id``, ``name_zh``),
  each key once;
- block sequences indented under their key (``sources:`` then ``  - id: s1``), with
  ``- key: value`` compact mappings or scalar items;
- values on the key's line: plain scalars (a `` #`` comment cut off), single-quoted scalars,
  double-quoted scalars without escapes, one-line flow sequences of such scalars
  (``[破案率, "clearance"]``), and ``>``, ``>-``, ``|``, ``|-`` block scalars whose lines all
  share one indentation with no blank line inside;
- ``\\n`` or ``\\r\\n`` line ends, comment lines, blank lines.
Never: lines over 4,096 characters, tabs, control characters, anchors, aliases, tags, flow
mappings, multi-line plain or quoted scalars, empty values, ``---`` documents, or keys written
on their own (``? key``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from copscompare.loading.nodes import Node, Scalar, YList, YMap

_KEY = re.compile(r"([A-Za-z0-9_][A-Za-z0-9_-]{0,63}):(?: +|$)")
# Anything that may make PyYAML read the text differently or refuse it: tabs, carriage returns
# left after CRLF folding, control characters, NEL, the line and paragraph separators, BOMs,
# non-characters (some are errors to libyaml, some are line breaks to it).
_UNSAFE = re.compile("[\t\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff"
                     "\ud800-\udfff]")
# The common line, ``    key: value``, with a plain or an escape-free double-quoted value and
# perhaps a comment: read in one match. A plain value here is exactly what ``_value`` accepts.
_PLAIN_FIRST = r"(?:[^-?:,\[\]{}#&*!|>'\"%@` \n]|[-?:](?=[^ \n]))"
_PLAIN_NEXT = r"(?:[^ \n:#]|:(?=[^ \n])|(?<=[^ ])#)"
_SIMPLE = (r"([A-Za-z0-9_][A-Za-z0-9_-]{0,63}): +"
           rf"(?:\"([^\"\\\n]*)\"|({_PLAIN_FIRST}(?: *{_PLAIN_NEXT})*))"
           r"(?: +(?:#.*)?)?")
_BLOCK_HEADER = re.compile(r"([>|])(-?)(?: +#.*)?$")
_MAX_DEPTH = 16  # open lists and mappings; data files need 4, yamltree refuses over 100
# Longer lines leave the fast path: the line regexes backtrack on a huge plain value (a 50 MB
# line took 30 s), while libyaml reads it in under a second. Curated lines are far shorter, and
# the loader refuses text fields over 2,000 characters anyway.
_MAX_LINE = 4096
_NOT_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_PLAIN_BAD = frozenset(",[]{}#:?")


class _Bail(Exception):
    """The text leaves the subset: let PyYAML read it."""


def scan(text: str) -> Node | None:
    """The tree of ``text`` (see the module docstring), or None to ask PyYAML instead."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    if _UNSAFE.search(text) or max(map(len, lines)) > _MAX_LINE:
        return None
    try:
        return _Scanner(lines).root()
    except _Bail:
        return None


def _rest_is_comment(rest: str) -> bool:
    """True when what follows a value on its line is nothing or a `` #`` comment."""
    if not rest:
        return True
    stripped = rest.lstrip(" ")
    return not stripped or (stripped[0] == "#" and len(stripped) < len(rest))


def _quoted(rest: str, line: int) -> tuple[Scalar, str]:
    """A quoted scalar at the start of ``rest``; returns it and the text after it."""
    quote = rest[0]
    if quote == '"':
        end = rest.find('"', 1)
        if end < 0 or "\\" in rest[1:end]:
            raise _Bail
        return Scalar(rest[1:end], False, line), rest[end + 1:]
    pieces, start = [], 1
    while True:
        end = rest.find("'", start)
        if end < 0:
            raise _Bail
        pieces.append(rest[start:end])
        if rest[end + 1:end + 2] == "'":
            pieces.append("'")
            start = end + 2
            continue
        return Scalar("".join(pieces), False, line), rest[end + 1:]


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos


def _flow_list(rest: str, line: int) -> YList:
    """A one-line flow sequence of scalars, ``[a, "b", 'c']``; nothing may follow but a comment."""
    items = YList(line)
    pos = _skip_spaces(rest, 1)
    if rest[pos:pos + 1] == "]":
        if not _rest_is_comment(rest[pos + 1:]):
            raise _Bail
        return items
    while True:
        scalar, pos = _flow_item(rest, pos, line)
        items.append(scalar)
        pos = _skip_spaces(rest, pos)
        if rest[pos:pos + 1] == "]":
            if not _rest_is_comment(rest[pos + 1:]):
                raise _Bail
            return items
        if rest[pos:pos + 1] != ",":
            raise _Bail  # the end of the line, or anything but a comma
        pos = _skip_spaces(rest, pos + 1)
        if rest[pos:pos + 1] in ("]", ""):
            raise _Bail  # a trailing comma


def _flow_item(rest: str, pos: int, line: int) -> tuple[Scalar, int]:
    """The quoted or plain scalar at ``pos`` in a flow sequence, and where it ends."""
    if pos >= len(rest):
        raise _Bail
    if rest[pos] in "\"'":
        scalar, after = _quoted(rest[pos:], line)
        return scalar, len(rest) - len(after)
    end = pos
    while end < len(rest) and rest[end] not in ",]":
        end += 1
    word = rest[pos:end].rstrip(" ")
    if not word or word[0] in _NOT_PLAIN_START or any(c in _FLOW_PLAIN_BAD for c in word):
        raise _Bail
    return Scalar(word, True, line), end


def _value(rest: str, line: int) -> Node:
    """The scalar or flow sequence written after ``key: `` or ``- ``."""
    first = rest[0]
    if first in "\"'":
        scalar, after = _quoted(rest, line)
        if not _rest_is_comment(after):
            raise _Bail
        return scalar
    if first == "[":
        return _flow_list(rest, line)
    if first in _NOT_PLAIN_START and (first not in "-?:" or len(rest) == 1 or rest[1] == " "):
        raise _Bail
    cut = rest.find(" #")
    if cut >= 0:
        rest = rest[:cut]
    rest = rest.rstrip(" ")
    if ": " in rest or rest.endswith(":"):
        raise _Bail
    return Scalar(rest, True, line)


_UNSEEN = ("", "", False)  # a line not read yet (told apart by identity)
_PLAIN_GROUP = 3  # in _SIMPLE: 1 the key, 2 a double-quoted value, 3 a plain one
_RECUR = 40  # lines shorter than this (``    measure: level``) are remembered once read

_SIMPLE_AT: dict[int, Callable[[str], re.Match[str] | None]] = {}


def _simple_at(indent: int) -> Callable[[str], re.Match[str] | None]:
    """``fullmatch`` of the common line at exactly ``indent`` spaces (compiled once per indent)."""
    found = _SIMPLE_AT.get(indent)
    if found is None:
        found = _SIMPLE_AT[indent] = re.compile(" " * indent + _SIMPLE).fullmatch
    return found


# What a line of the open mapping is read as by the one match: (key, text, plain), or None
# when it is not the common line.
_Common = tuple[str, str, bool] | None
_Matcher = Callable[[str], "re.Match[str] | None"]
# The common line's reading at this point: its matcher, the mapping it adds to, and the
# memo of short lines at that indent; no matcher when the next line must go the long way.
_FastPath = tuple[_Matcher | None, YMap, dict[str, _Common]]
_LONG_WAY: _FastPath = (None, YMap(0), {})
# A ``key:`` or ``-`` waiting for the block nested under it: (container, key, indent).
_Pending = tuple[YMap | YList, str | None, int]


class _Scanner:
    """Reads the lines of one file into a tree, or raises _Bail where they leave the subset.

    Most lines are the common line, ``    key: value`` in the mapping just read, and are read
    in ``root`` by one match; every other line goes the long way (``line``), which opens and
    closes containers by indentation.
    """

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.rows = iter(enumerate(lines, 1))
        # Open containers, innermost last: (container, indent of its keys or dashes).
        self.stack: list[tuple[YMap | YList, int]] = []
        self.pending: _Pending | None = None
        # Common lines recur (``    measure: level``): each is matched once per indent.
        self.memos: dict[int, dict[str, _Common]] = {}
        self.fast: _FastPath = _LONG_WAY

    def root(self) -> YMap:
        """The whole file's top-level mapping.

        Each line read is let go at once (only lines ahead are looked at again): otherwise a
        file of many short lines is held twice, as its lines and as its tree (a 12 MB file of
        one-word list items took 400 MB)."""
        simple, mapping, seen = self.fast
        lines = self.lines
        for line, raw in self.rows:
            lines[line - 1] = ""
            if simple is not None:
                found = seen.get(raw, _UNSEEN)
                if found is _UNSEEN:  # read it, and remember it if it is short
                    match = simple(raw)
                    found = None if match is None else (
                        match[1], match[match.lastindex or 0], match.lastindex == _PLAIN_GROUP)
                    if len(raw) < _RECUR:
                        seen[raw] = found
                if found is not None:
                    key = found[0]
                    if key in mapping:
                        raise _Bail  # a duplicate key: PyYAML's reading reports it
                    mapping.key_lines[key] = line
                    mapping[key] = Scalar(found[1], found[2], line)
                    continue
            simple, mapping, seen = self.line(line, raw)
        if self.pending is not None or not self.stack:
            raise _Bail
        top = self.stack[0][0]
        assert isinstance(top, YMap)
        return top

    def line(self, line: int, raw: str) -> _FastPath:
        """Read any line but the common one; return how the next line may be read."""
        body = raw.lstrip(" ")
        if not body or body[0] == "#":
            return self.fast
        indent = len(raw) - len(body)
        dash = body[0] == "-" and (len(body) == 1 or body[1] == " ")
        container = self.container(line, indent, dash)
        if dash:
            self.item(container, body, line, indent)
        else:
            self.entry_line(container, body, line, indent)
        if len(self.stack) > _MAX_DEPTH:
            raise _Bail  # PyYAML's reading reports data nested too deep
        top, top_indent = self.stack[-1]
        if self.pending is None and isinstance(top, YMap):
            self.fast = (_simple_at(top_indent), top, self.memos.setdefault(top_indent, {}))
        else:
            self.fast = _LONG_WAY
        return self.fast

    def container(self, line: int, indent: int, dash: bool) -> YMap | YList:
        """Where a line at ``indent`` goes: a new block under the pending key or dash, the
        top-level mapping, or the open container at exactly that indent."""
        stack = self.stack
        if self.pending is not None:
            return self.open_block(line, indent, dash)
        if not stack:
            if indent or dash:
                raise _Bail  # only a top-level mapping is read here
            stack.append((YMap(line), 0))
        while stack[-1][1] > indent:
            stack.pop()
            if not stack:
                raise _Bail
        if stack[-1][1] != indent:
            raise _Bail
        return stack[-1][0]

    def open_block(self, line: int, indent: int, dash: bool) -> YMap | YList:
        """The list or mapping that starts on this line, under the pending ``key:`` or ``-``."""
        assert self.pending is not None
        parent, key, parent_indent = self.pending
        self.pending = None
        if indent <= parent_indent:
            raise _Bail  # an empty value, or a sequence not indented under its key
        child: YMap | YList = YList(line) if dash else YMap(line)
        if isinstance(parent, YList):
            parent.append(child)
        elif key is not None:
            parent[key] = child
        self.stack.append((child, indent))
        return child

    def item(self, container: YMap | YList, body: str, line: int, indent: int) -> None:
        """A ``- `` line: a scalar item, a compact mapping (``- key: value``), or a block."""
        if not isinstance(container, YList):
            raise _Bail
        rest = body[1:].lstrip(" ")
        if not rest or rest[0] == "#":
            self.pending = (container, None, indent)
            return
        if rest[0] == "-" and (len(rest) == 1 or rest[1] == " "):
            raise _Bail  # a sequence inside a sequence item
        match = _KEY.match(rest)
        if match is None:
            if rest[0] in ">|":
                raise _Bail
            container.append(_value(rest, line))
            return
        item = YMap(line)
        container.append(item)
        column = indent + len(body) - len(rest)
        self.stack.append((item, column))
        self.pending = self.entry(item, match, rest, line, column)

    def entry_line(self, container: YMap | YList, body: str, line: int, indent: int) -> None:
        """A ``key: value`` or ``key:`` line of a block mapping."""
        if not isinstance(container, YMap):
            raise _Bail
        match = _KEY.match(body)
        if match is None:
            raise _Bail
        self.pending = self.entry(container, match, body, line, indent)

    def entry(self, mapping: YMap, match: re.Match[str], text: str, line: int,
              indent: int) -> _Pending | None:
        """Read ``key: value`` into ``mapping``; return a pending frame for ``key:`` alone."""
        key = match.group(1)
        if key in mapping:
            raise _Bail  # a duplicate key: PyYAML's reading reports it
        mapping.key_lines[key] = line
        rest = text[match.end():]
        if not rest or rest[0] == "#":
            return (mapping, key, indent)
        if rest[0] in ">|":
            mapping[key] = self.block_scalar(rest, line, indent)
        else:
            mapping[key] = _value(rest, line)
        return None

    def block_scalar(self, header: str, line: int, parent_indent: int) -> Scalar:
        """A ``>``/``>-``/``|``/``|-`` scalar whose lines share one indentation, no blank inside."""
        match = _BLOCK_HEADER.match(header.rstrip(" "))
        lines, start = self.lines, line  # the index of the line after the header
        if match is None or start >= len(lines):
            raise _Bail
        body = lines[start].lstrip(" ")
        indent = len(lines[start]) - len(body)
        if not body or indent <= parent_indent:
            raise _Bail  # empty, or starting with a blank line
        end = _block_end(lines, start, indent)
        content = [raw[indent:] for raw in lines[start:end]]
        for _ in range(end - start):
            next(self.rows)  # the scalar's lines are read
        text = (" " if match.group(1) == ">" else "\n").join(content)
        if not match.group(2) and end < len(lines):  # clip: the last line break, if any
            text += "\n"
        return Scalar(text, False, line)


def _block_end(lines: list[str], start: int, indent: int) -> int:
    """Where a block scalar starting at ``lines[start]`` with ``indent`` ends (exclusive)."""
    prefix = " " * indent
    end = start + 1
    while end < len(lines):
        raw = lines[end]
        if not raw.startswith(prefix):
            break
        if raw[indent:indent + 1] == " " or not raw.strip(" "):
            raise _Bail  # a more indented line, or spaces only
        end += 1
    if end < len(lines) and not lines[end].strip(" "):
        # A blank line: the scalar ends here only if no content line follows.
        after = end + 1
        while after < len(lines) and not lines[after].strip(" "):
            after += 1
        if after < len(lines) and lines[after].startswith(prefix):
            raise _Bail
    return end

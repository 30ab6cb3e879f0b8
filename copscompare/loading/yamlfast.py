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
    if _UNSAFE.search(text):
        return None
    try:
        return _Scanner(text.split("\n")).root()
    except _Bail:
        return None


def _rest_is_comment(rest: str) -> bool:
    """True when what follows a value on its line is nothing or a `` #`` comment."""
    if not rest:
        return True
    stripped = rest.lstrip(" ")
    return not stripped or (stripped[0] == "#" and len(stripped) < len(rest))


def _quoted(rest: str, line: int, flow: bool = False) -> tuple[Scalar, str]:
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


def _flow_list(rest: str, line: int) -> YList:
    """A one-line flow sequence of scalars, ``[a, "b", 'c']``; nothing may follow but a comment."""
    items = YList(line)
    pos = 1
    rest_len = len(rest)
    while pos < rest_len and rest[pos] == " ":
        pos += 1
    if rest[pos:pos + 1] == "]":
        if not _rest_is_comment(rest[pos + 1:]):
            raise _Bail
        return items
    while True:
        if pos >= rest_len:
            raise _Bail
        char = rest[pos]
        if char in "\"'":
            scalar, after = _quoted(rest[pos:], line, flow=True)
            pos = rest_len - len(after)
        else:
            end = pos
            while end < rest_len and rest[end] not in ",]":
                end += 1
            word = rest[pos:end].rstrip(" ")
            if (not word or word[0] in _NOT_PLAIN_START
                    or any(c in _FLOW_PLAIN_BAD for c in word)):
                raise _Bail
            scalar = Scalar(word, True, line)
            pos = end
        items.append(scalar)
        while pos < rest_len and rest[pos] == " ":
            pos += 1
        if pos >= rest_len:
            raise _Bail
        if rest[pos] == "]":
            if not _rest_is_comment(rest[pos + 1:]):
                raise _Bail
            return items
        if rest[pos] != ",":
            raise _Bail
        pos += 1
        while pos < rest_len and rest[pos] == " ":
            pos += 1
        if rest[pos:pos + 1] in ("]", ""):
            raise _Bail  # a trailing comma


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


_UNSEEN = object()
_RECUR = 40  # lines shorter than this (``    measure: level``) are remembered once read

_SIMPLE_AT: dict[int, Callable[[str], re.Match | None]] = {}


def _simple_at(indent: int) -> Callable[[str], re.Match | None]:
    """``fullmatch`` of the common line at exactly ``indent`` spaces (compiled once per indent)."""
    found = _SIMPLE_AT.get(indent)
    if found is None:
        found = _SIMPLE_AT[indent] = re.compile(" " * indent + _SIMPLE).fullmatch
    return found


class _Scanner:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.rows = iter(enumerate(lines, 1))

    def root(self) -> YMap:
        # Open containers, innermost last: (container, indent of its keys or dashes).
        stack: list[tuple[YMap | YList, int]] = []
        # A ``key:`` or ``-`` waiting for the block nested under it: (container, key, indent).
        pending: tuple[YMap | YList, str | None, int] | None = None
        # The common line (``    key: value`` in the open mapping, nothing pending) is read by
        # one match at the mapping's indent; every other line goes the long way below.
        simple: Callable[[str], re.Match | None] | None = None
        mapping: YMap = YMap(0)
        key_match = _KEY.match
        # Common lines recur (``    measure: level``): each is matched once per indent.
        memos: dict[int, dict[str, tuple[str, str, bool] | None]] = {}
        seen = memos.setdefault(0, {})
        for line, raw in self.rows:
            if len(raw) > _MAX_LINE:
                raise _Bail
            if simple is not None:
                found = seen.get(raw, _UNSEEN) if len(raw) < _RECUR else _UNSEEN
                if found is _UNSEEN:
                    match = simple(raw)
                    if match is None:
                        found = None
                    else:
                        key, quoted, plain = match.groups()
                        found = (key, plain, True) if quoted is None else (key, quoted, False)
                    if len(raw) < _RECUR:
                        seen[raw] = found
                if found is not None:
                    key = found[0]
                    if key in mapping:
                        raise _Bail  # a duplicate key: PyYAML's reading reports it
                    mapping.key_lines[key] = line
                    mapping[key] = Scalar(found[1], found[2], line)
                    continue
            body = raw.lstrip(" ")
            if not body or body[0] == "#":
                continue
            indent = len(raw) - len(body)
            dash = body[0] == "-" and (len(body) == 1 or body[1] == " ")
            if pending is not None:
                parent, key, parent_indent = pending
                pending = None
                if indent <= parent_indent:
                    raise _Bail  # an empty value, or a sequence not indented under its key
                child: YMap | YList = YList(line) if dash else YMap(line)
                if key is None:
                    parent.append(child)  # type: ignore[union-attr]
                else:
                    parent[key] = child  # type: ignore[index]
                stack.append((child, indent))
            elif not stack:
                if indent or dash:
                    raise _Bail  # only a top-level mapping is read here
                stack.append((YMap(line), 0))
            else:
                while stack[-1][1] > indent:
                    stack.pop()
                    if not stack:
                        raise _Bail
                if stack[-1][1] != indent:
                    raise _Bail
            container = stack[-1][0]
            if dash:
                if not isinstance(container, YList):
                    raise _Bail
                rest = body[1:].lstrip(" ")
                if not rest or rest[0] == "#":
                    pending = (container, None, indent)
                elif rest[0] == "-" and (len(rest) == 1 or rest[1] == " "):
                    raise _Bail  # a sequence inside a sequence item
                elif (match := key_match(rest)) is None:
                    if rest[0] in ">|":
                        raise _Bail
                    container.append(_value(rest, line))
                else:
                    item = YMap(line)
                    container.append(item)
                    column = indent + len(body) - len(rest)
                    stack.append((item, column))
                    pending = self.entry(item, match, rest, line, column)
            else:
                if not isinstance(container, YMap):
                    raise _Bail
                match = key_match(body)
                if match is None:
                    raise _Bail
                pending = self.entry(container, match, body, line, indent)
            if len(stack) > _MAX_DEPTH:
                raise _Bail  # PyYAML's reading reports data nested too deep
            top, top_indent = stack[-1]
            if pending is None and isinstance(top, YMap):
                mapping, simple = top, _simple_at(top_indent)
                seen = memos.setdefault(top_indent, {})
            else:
                simple = None
        if pending is not None or not stack:
            raise _Bail
        return stack[0][0]  # type: ignore[return-value]

    def entry(self, mapping: YMap, match: re.Match, text: str, line: int,
              indent: int) -> tuple[YMap, str, int] | None:
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
        if match is None:
            raise _Bail
        lines, count = self.lines, len(self.lines)
        start = line  # the index of the line after the header
        if start >= count:
            raise _Bail
        first = lines[start]
        body = first.lstrip(" ")
        indent = len(first) - len(body)
        if not body or indent <= parent_indent:
            raise _Bail  # empty, or starting with a blank line
        prefix = " " * indent
        end = start + 1
        while end < count:
            raw = lines[end]
            if raw.startswith(prefix):
                if raw[indent:indent + 1] == " " or not raw.strip(" "):
                    raise _Bail  # a more indented line, or spaces only
                end += 1
                continue
            if not raw.strip(" "):
                # A blank line: the scalar ends here only if no content line follows.
                after = end + 1
                while after < count and not lines[after].strip(" "):
                    after += 1
                if after < count and lines[after].startswith(prefix):
                    raise _Bail
            break
        content = [raw[indent:] for raw in lines[start:end]]
        for _ in range(end - start):
            next(self.rows)  # the scalar's lines are read
        text = (" " if match.group(1) == ">" else "\n").join(content)
        if not match.group(2) and end < count:  # clip: the last line break, if there is one
            text += "\n"
        return Scalar(text, False, line)

"""YAML text -> a light tree of mappings, lists and scalars that remember their line numbers.

The only module that imports yaml. It reads PyYAML's event stream (the C parser when
available) instead of building PyYAML's own objects, because that is several times faster and
lets the loader see what PyYAML would hide: duplicate keys (PyYAML keeps the last one
silently), whether a scalar was quoted, and where everything is. Anchors and aliases are
refused outright, so no expansion bomb can be built from them.
"""

from __future__ import annotations

import bisect
import re
from types import MappingProxyType
from typing import Any

import yaml  # noqa: TID251 - the one module that reads YAML

from copscompare.errors import Problem, Problems
from copscompare.loading.nodes import Node, Scalar, YList, YMap, clip
from copscompare.loading.yamlfast import scan

try:
    from yaml import CSafeLoader as _Parser  # noqa: TID251 - as above
    _BYTE_OFFSETS = True  # libyaml reports a reader error's position in bytes
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]  # noqa: TID251
    _BYTE_OFFSETS = False  # the pure-Python reader counts characters


MAX_DEPTH = 100  # lists and mappings inside each other; a data file needs 4
_NO_KEY = object()
_UNCLOSED = {"while scanning a quoted scalar": "the quoted text opened",
             "while parsing a flow sequence": "the [list] opened",
             "while parsing a flow mapping": "the {mapping} opened"}
_SKIP = object()  # the value of a duplicate or malformed key: reported, then dropped
_LIBYAML_DEPTH = "exceeded maximum nesting depth"  # libyaml's own limit (PyYAML 6.0.4 on)


def parse(data: bytes, filename: str) -> tuple[Node, list[Problem]]:
    """Parse YAML bytes into a tree. Problems are returned, never raised.

    On a syntax error the tree is None and the one problem names the line where the parser
    stopped (and, for an unclosed quote, list or mapping, the line where it was opened),
    after any line break the file's editor does not show (``LineMap``), which moves lines.
    Files written in the plain subset of YAML that curators use are read by ``yamlfast``,
    which builds the same tree faster; anything else, and every error, goes through PyYAML.
    A new check in ``_Tree`` needs ``yamlfast`` to step aside wherever the check could fire
    (tests/test_yamlfast.py compares the two on generated documents).
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    fast = None if text is None else scan(text)
    if fast is not None:
        return fast, []
    lines = LineMap(text or "")
    breaks = lines.breaks_problems(filename)
    problems = Problems()
    problems.extend(breaks)
    try:
        root = _Tree(filename, problems, lines).build(_Parser(data), data)
    except yaml.MarkedYAMLError as exc:
        return None, [*breaks, _syntax_problem(exc, data, filename, lines)]
    except yaml.reader.ReaderError as exc:  # a raw control character such as NUL or ESC
        line = _line_at(data, exc.position)
        return None, [*breaks, Problem(filename, line, "yaml", f"control character "
                                       f"U+{exc.character:04X} is not allowed in a data file "
                                       "(remove it)")]
    except yaml.YAMLError as exc:
        return None, [*breaks, Problem(filename, None, "yaml", str(exc).splitlines()[0])]
    return root, problems


def _syntax_problem(exc: yaml.MarkedYAMLError, data: bytes, filename: str,
                    lines: LineMap) -> Problem:
    """The one problem for a syntax error: the line the parser stopped at, and what it says."""
    mark = exc.problem_mark or exc.context_mark
    # libyaml puts the end of the file on a line after the last one: that line is the last
    line = min(lines.line(mark.line), _last_line(data)) if mark else None
    reason = exc.problem or exc.context or "not valid YAML"
    if line and _has_tab(data, line):
        reason += " (line has a tab: indent with spaces)"
    opened = _UNCLOSED.get(exc.context or "")
    if opened and exc.context_mark:
        reason += f" ({opened} at line {lines.line(exc.context_mark.line)} is not closed?)"
    return Problem(filename, line, "yaml", reason)


class LineMap:
    """libyaml's line numbers -> the file's. libyaml also ends a line at NEL (U+0085) and at
    the line and paragraph separators (U+2028, U+2029), which editors show on one line or not
    at all; the file's lines end at a line feed, a CRLF or (old Mac files) a carriage return.
    Each such invisible break is also an error that names the character, once per kind and
    file, at its first line, so the character that moved the lines is found."""

    BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
    _NAMES = MappingProxyType({
        "\x85": "U+0085 (NEXT LINE), an invisible control character,",
        "\u2028": "U+2028 (LINE SEPARATOR), an invisible character,",
        "\u2029": "U+2029 (PARAGRAPH SEPARATOR), an invisible character,"})

    def __init__(self, text: str) -> None:
        self.odd: list[int] = []  # which breaks (0 = the first) are invisible ones
        self.first: dict[str, tuple[int, int]] = {}  # kind -> (line of the first, how many)
        if any(c in text for c in self._NAMES):
            self._find(text)

    def _find(self, text: str) -> None:
        line = 1
        for ordinal, found in enumerate(self.BREAKS.finditer(text)):
            kind = found.group()
            if kind not in self._NAMES:
                line += 1
                continue
            self.odd.append(ordinal)
            where, count = self.first.get(kind, (line, 0))
            self.first[kind] = (where, count + 1)

    def line(self, libyaml_line: int) -> int:
        """The file's line (from 1) of libyaml's line ``libyaml_line`` (from 0)."""
        if not self.odd:
            return libyaml_line + 1
        return libyaml_line + 1 - bisect.bisect_left(self.odd, libyaml_line)

    def breaks_problems(self, filename: str) -> list[Problem]:
        """An error for each kind of odd line break, at its first line."""
        found = []
        for kind, (line, count) in sorted(self.first.items(), key=lambda item: item[1]):
            more = f" ({count - 1} more in this file)" if count > 1 else ""
            found.append(Problem(filename, line, "yaml", f"{self._NAMES[kind]} is read by YAML "
                                 f"as a line break{more}: remove it"))
        return found


def _last_line(data: bytes) -> int:
    """The number of the file's last line, as an editor shows it."""
    breaks = len(re.findall(rb"\r\n|\r|\n", data))
    return max(1, breaks + (not data.endswith((b"\n", b"\r"))))


def _line_at(data: bytes, position: int) -> int:
    """The line of a reader error's position: a byte offset from the C parser, else a character."""
    if not _BYTE_OFFSETS:  # pragma: no cover - pure-Python fallback counts characters
        return data.decode("utf-8", "replace").count("\n", 0, position) + 1
    return data.count(b"\n", 0, position) + 1


def _has_tab(data: bytes, line: int) -> bool:
    lines = data.split(b"\n", line)
    return len(lines) >= line and b"\t" in lines[line - 1]


def _build(parser: Any, data: bytes, filename: str, problems: list[Problem]) -> Node:
    """The tree of the events ``parser`` gives; problems are appended, syntax errors raised."""
    return _Tree(filename, problems, LineMap(data.decode("utf-8", "replace"))).build(parser,
                                                                                     data)


class _Stop(Exception):
    """Stop reading events: the tree so far (or None) is the result."""

    def __init__(self, result: Node) -> None:
        super().__init__()
        self.result = result


class _Tree:
    """Builds the tree from PyYAML's events, one method per kind of event.

    The open containers are frames ``[container, pending key, label]``, innermost last: a
    mapping alternates key and value; ``label`` is the key or index the container went under.
    """

    def __init__(self, filename: str, problems: list[Problem], lines: LineMap) -> None:
        self.filename = filename
        self.problems = problems
        self.lines = lines
        self.stack: list[list[Any]] = []
        self.root: Node = None
        self.documents = 0

    def build(self, parser: Any, data: bytes) -> Node:
        handlers = {
            yaml.ScalarEvent: self.scalar, yaml.MappingStartEvent: self.mapping,
            yaml.SequenceStartEvent: self.sequence, yaml.AliasEvent: self.alias,
            yaml.MappingEndEvent: self.end, yaml.SequenceEndEvent: self.end,
            yaml.DocumentStartEvent: self.document,
        }
        last_end = None  # where the last event ended
        try:
            while (event := _next_event(parser)) is not None:
                last_end = event.end_mark
                handler = handlers.get(event.__class__)
                if handler is not None:
                    handler(event, self.lines.line(event.start_mark.line))
        except _Stop as stop:
            return stop.result
        except _TooDeep:
            line = 1 if last_end is None else self.lines.line(_deep_line(
                data.decode("utf-8", "replace"), last_end.line, last_end.column,
                len(self.stack)) - 1)
            self.too_deep(line, _next_label(self.stack))
            return None
        return self.root

    def problem(self, line: int, path: str, message: str) -> None:
        self.problems.append(Problem(self.filename, line, path, message))

    def scalar(self, event: Any, line: int) -> None:
        self.refuse_anchor(event, line)
        self.place(Scalar(event.value, not event.style, line), line)

    def mapping(self, event: Any, line: int) -> None:
        self.open(YMap(line), event, line)

    def sequence(self, event: Any, line: int) -> None:
        self.open(YList(line), event, line)

    def open(self, node: YMap | YList, event: Any, line: int) -> None:
        self.refuse_anchor(event, line)
        label = self.place(node, line)
        self.stack.append([node, _NO_KEY, label])
        if len(self.stack) > MAX_DEPTH:  # stop early: libyaml slows down quadratically
            self.too_deep(line, None)
            raise _Stop(None)

    def too_deep(self, line: int, opening: object) -> None:
        """The one message for data nested deeper than MAX_DEPTH, named by its first levels.

        Raised by our own count of open lists and mappings (``opening`` None: the stack holds
        the collection that went too deep), or by libyaml's scanner, which looks ahead through
        a deep flow collection and, from PyYAML 6.0.4, stops at a limit of its own before the
        events reach us (``opening``: the key or index the next collection opens under).
        Either way the curator reads the same line, field and message.
        """
        labels = [frame[2] for frame in self.stack[1:]] + ([] if opening is None else [opening])
        path = "".join(f"[{x}]" if isinstance(x, int) else f".{x}" for x in labels[:3])
        self.problem(line, path.lstrip(".") or "yaml",
                     f"nested more than {MAX_DEPTH} levels deep (a data file needs 4)")

    def end(self, _event: Any, _line: int) -> None:
        self.stack.pop()

    def alias(self, event: Any, line: int) -> None:
        self.problem(line, "yaml", f"aliases (*{clip(event.anchor)}) are not allowed: "
                                   "write the value out")
        self.place(None, line)

    def document(self, _event: Any, line: int) -> None:
        self.documents += 1
        if self.documents > 1:
            self.problem(line, "yaml", "more than one YAML document ('---'); use one per file")
            raise _Stop(self.root)

    def refuse_anchor(self, event: Any, line: int) -> None:
        if event.anchor is not None:
            self.problem(line, "yaml",
                         f"anchors (&{clip(event.anchor)}) are not allowed: write values out")

    def place(self, node: Node, line: int) -> object:
        """Put ``node`` at the top or into the innermost container; its key or index."""
        if not self.stack:
            self.root = node
            return None
        return _attach(self.stack, node, line, self.filename, self.problems)


class _TooDeep(Exception):
    """libyaml refused data nested deeper than its own limit."""


def _next_event(parser: Any) -> Any:
    """The parser's next event; libyaml's nesting limit becomes ``_TooDeep``."""
    try:
        return parser.get_event()
    except yaml.MarkedYAMLError as exc:
        if exc.problem == _LIBYAML_DEPTH:
            raise _TooDeep from None
        raise


def _next_label(stack: list[list[Any]]) -> object:
    """The key or index the next node in the innermost open container would go under."""
    if not stack:
        return None
    container, key = stack[-1][0], stack[-1][1]
    if isinstance(container, YList):
        return len(container)
    return key if isinstance(key, str) else None


def _deep_line(text: str, start_line: int, start_column: int, depth: int) -> int:
    """The line where flow brackets opened after (``start_line``, ``start_column``) pass
    MAX_DEPTH open collections, counting from ``depth`` already open (quoted text skipped)."""
    quote = None
    for number, row in enumerate(LineMap.BREAKS.split(text)[start_line:], start_line):
        for char in row[start_column if number == start_line else 0:]:
            if quote:
                quote = None if char == quote else quote
            elif char in "'\"":
                quote = char
            elif char in "[{]}":
                depth += 1 if char in "[{" else -1
                if depth > MAX_DEPTH:
                    return number + 1
    return start_line + 1


def path_of(stack: list[list[Any]], last: object = None) -> str:
    """``observations[3].value`` for the frames on the stack (and one more key or index)."""
    labels = [frame[2] for frame in stack[1:]]
    if last is not None:
        labels.append(last)
    text = "".join(f"[{x}]" if isinstance(x, int) else f".{x}" for x in labels)
    return text.lstrip(".")


def _attach(stack: list[list[Any]], node: Node, line: int, filename: str,
            problems: list[Problem]) -> object:
    """Put ``node`` into the innermost container; return the key or index it went under."""
    frame = stack[-1]
    container, key = frame[0], frame[1]
    if isinstance(container, YList):
        container.append(node)
        return len(container) - 1
    if key is _NO_KEY:
        if not isinstance(node, Scalar):
            problems.append(Problem(filename, line, path_of(stack) or "yaml",
                                    "a key must be plain text"))
            frame[1] = _SKIP
            return None
        name = node.text
        if name in container:
            first = container.key_lines[name]
            problems.append(Problem(filename, line, path_of(stack, clip(name)),
                                    f"duplicate key '{clip(name)}' (first at line {first}); "
                                    "YAML would silently keep only the last one"))
            frame[1] = _SKIP
            return None
        container.key_lines[name] = line
        frame[1] = name
        return None
    if key is not _SKIP:
        container[key] = node
    frame[1] = _NO_KEY
    return key

"""The tree a data file is read into: mappings, lists and scalars that remember their lines.

Both readers build it (``yamltree`` from PyYAML's events, ``yamlfast`` from the plain subset),
and ``records`` reads it. A scalar keeps its text as written and whether it was plain
(unquoted): the loader needs both to tell ``"2009"`` (text) from ``2009`` (what YAML would read
as a number).
"""

from __future__ import annotations


class Scalar:
    """A scalar as written: its text, whether it was plain (unquoted), and its line (1-based)."""

    __slots__ = ("line", "plain", "text")

    def __init__(self, text: str, plain: bool, line: int) -> None:
        self.text = text
        self.plain = plain
        self.line = line

    def __repr__(self) -> str:
        return f"Scalar({self.text!r}, plain={self.plain}, line={self.line})"


class YMap(dict[str, "Node"]):
    """A mapping that remembers its own line and the line of each key."""

    __slots__ = ("key_lines", "line")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}


class YList(list["Node"]):
    """A sequence that remembers its line."""

    __slots__ = ("line",)

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line


Node = Scalar | YMap | YList | None


def clip(text: str, limit: int = 60) -> str:
    """``text`` shortened to ``limit`` characters with an ellipsis, for quoting it in a message."""
    return text if len(text) <= limit else text[:limit] + "…"


def kind(node: Node) -> str:
    """What a node is, in a curator's words: ``mapping``, ``list``, ``text`` or ``nothing``."""
    if isinstance(node, YMap):
        return "mapping"
    if isinstance(node, YList):
        return "list"
    return "nothing" if node is None else "text"

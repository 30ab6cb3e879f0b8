"""The fast reader of plain YAML builds exactly PyYAML's tree, or steps aside."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
from conftest import HEADER, OBSERVATIONS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copscompare.loading import yamlfast, yamltree
from copscompare.loading.nodes import Scalar, YList, YMap

ROOT = Path(__file__).resolve().parent.parent


def slow(text: str):
    """The tree and problems from PyYAML's event stream alone."""
    with mock.patch.object(yamlfast, "scan", lambda text: None):
        return yamltree.parse(text.encode("utf-8"), "F")


def shape(node) -> object:
    """A comparable picture of a tree: every text, quoting flag, line and key line."""
    if isinstance(node, Scalar):
        return ("scalar", node.text, node.plain, node.line)
    if isinstance(node, YMap):
        return ("map", node.line, [(k, node.key_lines[k], shape(v)) for k, v in node.items()])
    if isinstance(node, YList):
        return ("list", node.line, [shape(v) for v in node])
    return node


def agrees(text: str) -> bool:
    """True when the fast reader gives PyYAML's tree; False when it steps aside."""
    fast = yamlfast.scan(text)
    if fast is None:
        return False
    tree, problems = slow(text)
    assert problems == []
    assert shape(fast) == shape(tree)
    return True


def test_curated_style_is_read_fast() -> None:
    assert agrees(HEADER + OBSERVATIONS)
    assert agrees((HEADER + OBSERVATIONS).replace("\n", "\r\n"))
    bundled = ROOT / "data" / "indicators.yaml"
    if bundled.exists():
        assert agrees(bundled.read_text(encoding="utf-8"))


def test_every_construct_read_fast_matches() -> None:
    text = """\
# a comment
format: 1
plain: a value with spaces  # and a comment
hash: a#b
colon: http://example.com/a:b
quoted: "双引号 'inside'"   # comment
single: 'it''s'
negative: -8.8
empty_quoted: ""
list: [破案率, "clearance", 'it''s', a b]
empty_list: []
folded: >-
  line one
  line two
literal: |
  line one
  line two
clip: >
  kept newline

nested:
  - id: a
    deeper:
      - x
      - "y"
    note: >-
      # not a comment
      text
  -
    id: b
  - scalar item
"""
    assert agrees(text)


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n",                      # anchor, alias
    "a: 1\na: 2\n",                           # duplicate key
    "a:\n\tb: 1\n",                          # tab
    "---\na: 1\n---\nb: 2\n",                # two documents
    "a:\n",                                  # empty value
    "a:\n- x\n",                             # sequence not indented under its key
    "a: {b: 1}\n",                           # flow mapping
    "a: b: c\n",                             # a colon in a plain value
    'a: "open\n  still open"\n',             # multi-line quote
    'a: "esc\\"aped"\n',                     # escapes
    "a: plain\n  continued\n",               # multi-line plain scalar
    "k" * 65 + ": 1\n",                      # a long key (YAML limits them to 1024 chars)
    "a: !!str 1\n",                          # tag
    "- a\n- b\n",                            # a list at the top
    "a: >+\n  keep\n",                       # keep chomping
    "a: >\n  one\n\n  two\n",               # a blank line inside a block scalar
    "a: [x, ]\n",                            # trailing comma
    "a: 1\n...\n",                           # document end
    "a: x\u2028y\n",                         # a line separator
    "",                                      # empty
    "a:\n  c:\n    b: 1\n  d: 2\n    b: 1\n",  # a line seen before, now over-indented
    "".join(f"{' ' * i}k{i}:\n" for i in range(120)) + " " * 120 + "x: 1\n",  # too deep
])
def test_anything_else_steps_aside(text: str) -> None:
    assert yamlfast.scan(text) is None


KEYS = st.sampled_from(["id", "name_zh", "value", "a", "k-1", "_x", "x" * 64, "x" * 65, "1",
                        "null", "on", "-k", "a b", "键"])
SCALARS = st.sampled_from([
    "word", "two words", "中文 文本", "-8.8", "8.8%", "2009", "2009-01-01", "0519", "null", "~",
    "yes", "a: b", "a:b", "a #b", "a#b", "a:", ":a", "-", "- a", "?a", "? a", "&a", "*a",
    "!t", "%p", "@p", "`p", "{a: 1}", "[a, b]", "[a, 'b c', \"d\"]", "[]", "[ ]", "[a,]",
    "[a, [b]]", "[a: b]", "[?]", '"dq"', '""', '"a"b', '"a" #c', '"a\\"b"', "'sq'", "'it''s'",
    "''", "'a' b", ">-", "|", ">", "|-", ">+", "|2", "x ", "x\t", "\u3000x", "\u00a0", "#c",
    "a ,b", "a]", "a}", "'", '"', "\u2029", "x\u0085y",
])
FRAGMENTS = st.sampled_from([
    "", "# comment", "  # indented comment", "   ", "\t", "---", "...", "  continued",
    "    - item", "  folded text", "  - k: v", "-", "- - x", "\r",
])


@st.composite
def documents(draw) -> str:
    """Documents in the curated shape, with odd values, odd lines and odd indents."""
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        key = draw(KEYS)
        kind = draw(st.sampled_from(["scalar", "list", "block", "empty"]))
        if kind == "scalar":
            lines.append(f"{key}: {draw(SCALARS)}")
        elif kind == "empty":
            lines.append(f"{key}:")
        elif kind == "block":
            lines.append(f"{key}: {draw(st.sampled_from(['>-', '>', '|', '|-']))}")
            indent = " " * draw(st.integers(0, 4))
            lines += [indent + draw(SCALARS) for _ in range(draw(st.integers(0, 3)))]
        else:
            lines.append(f"{key}:")
            dash = " " * draw(st.integers(0, 3))
            for _ in range(draw(st.integers(0, 3))):
                pad = " " * draw(st.integers(1, 3))
                lines.append(f"{dash}-{pad}{draw(KEYS)}: {draw(SCALARS)}")
                column = " " * (len(dash) + 1 + len(pad) + draw(st.sampled_from([0, 0, 1, -1])))
                lines += [f"{column}{draw(KEYS)}: {draw(SCALARS)}"
                          for _ in range(draw(st.integers(0, 3)))]
        if draw(st.booleans()):
            lines.insert(draw(st.integers(0, len(lines))), draw(FRAGMENTS))
    end = draw(st.sampled_from(["\n", "", "\n\n", "\r\n"]))
    return ("\r\n" if end == "\r\n" else "\n").join(lines) + end


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_fast_tree_is_pyyaml_tree_or_nothing(text: str) -> None:
    agrees(text)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_any_edit_of_valid_data_keeps_them_agreeing(data: st.DataObject) -> None:
    """Insert, delete or replace one character anywhere in a valid file."""
    text = HEADER + OBSERVATIONS
    at = data.draw(st.integers(0, len(text) - 1))
    char = data.draw(st.sampled_from(list(" \n\t-:#'\"[]{}>|&*!%@`?,x中\u3000\\")))
    edit = data.draw(st.sampled_from(["insert", "delete", "replace"]))
    if edit == "insert":
        text = text[:at] + char + text[at:]
    elif edit == "delete":
        text = text[:at] + text[at + 1:]
    else:
        text = text[:at] + char + text[at + 1:]
    try:
        agrees(text)
    except AssertionError:
        raise AssertionError(f"disagree on {text!r}") from None


def test_a_very_long_line_is_left_to_pyyaml() -> None:
    """A huge plain value would make the line regexes backtrack for seconds: it steps aside."""
    from copscompare.loading.yamlfast import scan

    assert scan("a: " + "x" * 5000 + "\n") is None
    assert scan("a: " + "x" * 4000 + "\n") is not None

"""Data never becomes control: cleaning text from the data before it reaches a screen or a sheet.

The data is curated by hand from press articles, but a name, quote or note may still carry bytes
that would act rather than print. Rules, by where the text goes:

- Terminal, plain text, markdown, SVG and HTML (``for_terminal``): ANSI escape sequences
  (CSI ``ESC [``, OSC ``ESC ]``, DCS/PM/APC/SOS strings and two-byte ``ESC x`` escapes, and
  their one-byte C1 forms) are removed whole; every other C0 or C1 control character and DEL is
  removed, except that a line break or tab becomes one space (a table cell is one line); and the
  bidirectional overrides and isolates (U+202A..U+202E, U+2066..U+2069) that can reorder what a
  reader sees are removed. Markup such as ``[red]x[/]`` is not touched here: every renderer
  prints it literally.
- Markdown table cells (``for_markdown``): as for the terminal, and then what markdown would act
  on is escaped: ``|`` (it would end the cell) becomes ``\\|``, ``[`` (a link or an image that
  loads a remote picture) becomes ``\\[``, and ``<`` that would open an HTML tag, comment or
  autolink becomes ``&lt;`` (``<5`` stays as it is). Rendered, each shows as typed.
- reStructuredText (``for_rst``: cells, title and footnotes of ``--fmt rst``): as for the
  terminal, then a backslash before every character that can start inline markup or a link
  (``\\ * ` _ | [ ] < > : @``: so ``javascript:alert(1)`` is no link), and before a first
  character that could start a block (``..`` a directive, ``-`` a list, ``====`` a title
  line), unless the text is a plain number. Rendered, each shows as typed.
- LaTeX and HTML escape the cells in tabulate; their titles and footnotes are escaped the same
  way in render.text.
- CSV and TSV (``for_sheet``): escape sequences and control characters are removed the same way,
  but tab and line feed are kept (they can be real text; the csv module quotes a line feed).
  A text cell that starts with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a
  leading ``'`` so a spreadsheet shows it as text instead of running it as a formula (OWASP
  "CSV Injection"). Then a carriage return becomes a line feed: the csv module would write a
  lone CR unquoted, and readers would split the row there. Numbers are never prefixed: Python
  ints and floats, and text that is nothing but a plain decimal number (``-0.54``, ``+3``,
  ``1e5``), which cannot be a formula.
- JSON needs no cleaning: the encoder escapes C0 characters itself, and the renderer escapes C1
  characters and DEL as ``\\u`` sequences, so the text round-trips exactly.
- Messages (``for_message``: errors and warnings that quote a data file): every control
  character, line breaks included, is written as its escape (``\\x1b``, ``\\n``), so the
  message stays one line and shows what is wrong instead of acting on the terminal.

Which characters are control characters is said once, in copscompare.controls.
"""

from __future__ import annotations

import re

from copscompare.controls import DEL_C1, control_pattern

# Patterns as text: each is compiled on first use (``re`` keeps it), and text with nothing to
# clean (printable: no control character, so no escape sequence or line break) needs none.
_ESCAPE_SEQUENCE = r"""
      (?:\x1b\[|\x9b) [0-?]* [ -/]* [@-~]                 # CSI: colours, cursor moves, erase
    | (?:\x1b\]|\x9d) .*? (?:\x07|\x1b\\|\x9c|\Z)          # OSC: titles, hyperlinks
    | (?:\x1b[PX^_]|[\x90\x98\x9e\x9f]) .*? (?:\x1b\\|\x9c|\Z)  # DCS, SOS, PM, APC strings
    | \x1b [ -/]* [0-~]                                   # two-byte and nF escapes
    """
_ESCAPE_FLAGS = re.VERBOSE | re.DOTALL
_KEPT = "\t\n\r"  # line breaks and tabs have rules of their own
_LINE_BREAK = r"\r\n|[\t\n\r]"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_HTML_START = r"<(?=[A-Za-z/!?])"
_RST_INLINE = r"[\\*`_|\[\]<>:@]"
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./;=?^{}~")  # those _RST_INLINE leaves alone
_PLAIN_NUMBER = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"


def strip_controls(text: str) -> str:
    """Remove escape sequences and control characters other than tab, line feed and CR."""
    if text.isprintable():
        return text
    text = re.sub(_ESCAPE_SEQUENCE, "", text, flags=_ESCAPE_FLAGS)
    return control_pattern(allow=_KEPT).sub("", text)


def for_terminal(text: str) -> str:
    """Text safe to show on a terminal or in a one-line table cell (rules in the module doc)."""
    if text.isprintable():
        return text
    text = re.sub(_ESCAPE_SEQUENCE, "", text, flags=_ESCAPE_FLAGS)
    return control_pattern(allow=_KEPT).sub("", re.sub(_LINE_BREAK, " ", text))


def for_sheet(text: str) -> str:
    """A CSV/TSV text cell: controls removed, a formula-like start neutralised with ``'``."""
    text = strip_controls(text)
    if text.startswith(FORMULA_START) and not re.fullmatch(_PLAIN_NUMBER, text):
        text = "'" + text
    if text.isprintable():  # no carriage return (below) to rewrite
        return text
    # csv quotes a cell only for the line terminator's own characters: a lone CR would split
    # the row in a reader, so it is written as a line feed, which is quoted.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def for_markdown(text: str) -> str:
    """A markdown table cell: terminal-safe, and inert as markdown (rules in the module doc)."""
    text = for_terminal(text).replace("|", "\\|").replace("[", "\\[")
    return re.sub(_HTML_START, "&lt;", text)


def for_rst(text: str) -> str:
    """A reStructuredText cell, title or footnote: terminal-safe and inert (module doc)."""
    text = re.sub(_RST_INLINE, r"\\\g<0>", for_terminal(text))
    if text[:1] in _ASCII_PUNCTUATION and not re.fullmatch(_PLAIN_NUMBER, text):
        text = "\\" + text
    return text


def escape_c1(json_text: str) -> str:
    """Write DEL and C1 control characters in JSON text as ``\\u`` escapes (still valid JSON)."""
    return re.sub(f"[{DEL_C1}]", lambda m: f"\\u{ord(m.group()):04x}", json_text)


def for_message(text: str) -> str:
    """One line with every control character written as an escape (``\\x1b``, ``\\n``)."""
    return control_pattern().sub(lambda m: m.group().encode("unicode_escape").decode("ascii"),
                                 text)

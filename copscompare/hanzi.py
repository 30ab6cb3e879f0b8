"""Traditional Chinese characters read as simplified ones, for matching names and labels.

The data is written in simplified characters; a journalist may type 廈門 or 監控, and an
article may be in traditional script. ``to_simplified`` converts with OpenCC's ``t2s``
dictionaries (the official ``opencc`` binding, Apache-2.0), loaded on first use only: a text
of ASCII alone, the usual case on the command line, never loads it. The one module that
imports opencc.

Rules:
- ASCII text is returned as it is.
- Otherwise each traditional character or phrase becomes its simplified form, and everything
  else (simplified characters, digits, punctuation) is kept; the result may differ in length
  from the input only where OpenCC maps a phrase to one of another length, which its t2s
  dictionaries do not do for the characters the data uses.
- Figures are never read from the converted text: the numeral reader reads both scripts
  itself, so a position in a quote always points at the text as published.
"""

from __future__ import annotations

import functools
from collections.abc import Callable


def to_simplified(text: str) -> str:
    """``text`` in simplified characters (rules in the module docstring)."""
    if text.isascii():
        return text
    return _converter()(text)


@functools.cache
def _converter() -> Callable[[str], str]:
    import opencc  # noqa: TID251 - this module is the one place that converts scripts

    convert: Callable[[str], str] = opencc.OpenCC("t2s").convert
    return convert

"""Characters that act instead of printing: the one definition every layer checks against.

A control character here is any C0 control (U+0000..U+001F), DEL, any C1 control
(U+0080..U+009F), or a bidirectional override or isolate (U+202A..U+202E, U+2066..U+2069),
which can reorder what a reader sees. Tab, line feed and carriage return are C0 controls too;
each use says which of them it lets through (``allow``): the loader lets tab and line feed
through, a spreadsheet cell all three, an error message none.
"""

from __future__ import annotations

import functools
import re

C0 = "".join(map(chr, range(0x00, 0x20)))
DEL_C1 = "".join(map(chr, range(0x7F, 0xA0)))
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@functools.cache
def control_pattern(allow: str = "") -> re.Pattern[str]:
    """A pattern matching one control character (module docstring) not in ``allow``; compiled
    once, on first use."""
    chosen = "".join(c for c in C0 + DEL_C1 + BIDI if c not in allow)
    return re.compile(f"[{re.escape(chosen)}]")

"""The cyclic garbage collector paused while records are made by the million.

Loading, and a command's run, make millions of objects and no garbage cycles; with the
collector running, each of its collections would rescan every object made so far (a cached
million observations took three times as long to build, and their export twice as long).
Reference counting still frees what is dropped.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off for the ``with`` block, then as it was."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()

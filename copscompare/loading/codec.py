"""Plain values as bytes and back: the cache's header and small columns.

Only None, booleans, whole numbers (any size), floats, text, tuples (a list is written as a
tuple) and dicts with text keys can be written, and nothing else can come out: unlike
``marshal`` or ``pickle``, no bytes can make ``unpack`` build code or an object of another
class, and bytes it did not write (cut short, nested too deep, an unknown tag, a length past
the end) raise ValueError.

Each value is a one-byte tag, then: nothing (``N`` None, ``T`` true, ``F`` false); 8 bytes
(``i`` a whole number in 64 bits, ``f`` a float); a 4-byte length and UTF-8 (``s`` text,
``I`` a larger whole number in decimal); a 4-byte count and the items (``t`` tuple; ``d``
dict, each key as a length and UTF-8 before its value); ``x``, a tuple of at least TEXT_RUN
texts and gaps (a table of names) stored as one block: the count, the texts joined by NUL, and
the gaps' positions, read back in one step. Numbers are little-endian.
"""

from __future__ import annotations

import array
import sys
from collections.abc import Callable, Sequence
from typing import Any

MAX_NESTING = 16  # tuples and dicts inside each other; the cache's header has 6
TEXT_RUN = 8  # tuples of at least this many texts are stored as one block


def pack(value: Any) -> bytes:
    """``value`` as bytes (``unpack`` reads them back); TypeError for anything else (a list is
    written as a tuple)."""
    out: list[bytes] = []
    _pack_into(value, out, 0)
    return b"".join(out)


def _pack_into(value: Any, out: list[bytes], depth: int) -> None:
    kind = type(value)
    scalar = _SCALARS.get(kind)
    if scalar is not None:
        out.append(scalar(value))
    elif depth >= MAX_NESTING:
        raise TypeError("nested too deep")
    elif kind in (tuple, list) and _all_text(value):
        out.append(b"x" + _packed_texts(value))
    elif kind in (tuple, list):
        out.append(b"t" + len(value).to_bytes(4, "little"))
        for item in value:
            _pack_into(item, out, depth + 1)
    elif kind is dict and all(type(k) is str for k in value):
        out.append(b"d" + len(value).to_bytes(4, "little"))
        for name, item in value.items():
            out.append(_packed_text(name))
            _pack_into(item, out, depth + 1)
    else:
        raise TypeError(f"the values codec does not store {kind.__name__}")


def _packed_int(value: int) -> bytes:
    if -(1 << 63) <= value < (1 << 63):
        return b"i" + value.to_bytes(8, "little", signed=True)
    return b"I" + _packed_text(str(value))


def _packed_text(text: str) -> bytes:
    data = text.encode("utf-8")
    return len(data).to_bytes(4, "little") + data


def _all_text(values: Sequence[Any]) -> bool:
    """A run of text and gaps (a table of names), stored as one block: read back in one step."""
    return (len(values) >= TEXT_RUN and {type(v) for v in values} <= {str, type(None)}
            and not any("\x00" in v for v in values if v is not None))


def _packed_texts(values: Sequence[str | None]) -> bytes:
    """Text and gaps: the count, the texts joined by NUL, then the gaps' positions."""
    gaps = [i for i, v in enumerate(values) if v is None]
    return (len(values).to_bytes(4, "little") + _packed_text("\x00".join(v or "" for v in values))
            + len(gaps).to_bytes(4, "little") + b"".join(i.to_bytes(4, "little") for i in gaps))


def _unpack_texts(block: memoryview, at: int) -> tuple[tuple[str | None, ...], int]:
    count = int.from_bytes(_take(block, at, 4), "little")
    joined, at = _unpack_text(block, at + 4)
    values: list[str | None] = list(joined.split("\x00"))
    gaps = int.from_bytes(_take(block, at, 4), "little")
    if len(values) != count:
        raise ValueError("text run length")
    for index in range(gaps):
        position = int.from_bytes(_take(block, at + 4 + 4 * index, 4), "little")
        if position >= count:
            raise ValueError("gap past the end")
        values[position] = None
    return tuple(values), at + 4 + 4 * gaps


def unpack(block: memoryview) -> Any:
    """The value ``pack`` wrote into ``block``; ValueError when the bytes are anything else
    (nothing but None, bool, int, float, str, tuples and dicts can come out)."""
    value, end = _unpack_at(block, 0, 0)
    if end != len(block):
        raise ValueError("bytes after the value")
    return value


def _unpack_at(block: memoryview, at: int, depth: int) -> tuple[Any, int]:
    if depth > MAX_NESTING or at >= len(block):
        raise ValueError("nested too deep, or cut short")
    tag, at = block[at], at + 1
    if tag in _CONSTANTS:
        return _CONSTANTS[tag], at
    if tag == _INT:
        return int.from_bytes(_take(block, at, 8), "little", signed=True), at + 8
    if tag == _FLOAT:
        return _float_of(_take(block, at, 8)), at + 8
    if tag in (_TEXT, _BIG_INT):
        text, at = _unpack_text(block, at)
        return (text if tag == _TEXT else int(text)), at
    if tag == _TEXTS:
        return _unpack_texts(block, at)
    if tag not in (_TUPLE, _DICT):
        raise ValueError(f"unknown tag {tag}")
    count, at = int.from_bytes(_take(block, at, 4), "little"), at + 4
    items: list[Any] = []
    names: list[str] = []
    for _ in range(count):
        if tag == _DICT:
            name, at = _unpack_text(block, at)
            names.append(name)
        item, at = _unpack_at(block, at, depth + 1)
        items.append(item)
    return (dict(zip(names, items, strict=True)) if tag == _DICT else tuple(items)), at


def _unpack_text(block: memoryview, at: int) -> tuple[str, int]:
    size = int.from_bytes(_take(block, at, 4), "little")
    return str(_take(block, at + 4, size), "utf-8"), at + 4 + size


def _take(block: memoryview, at: int, size: int) -> memoryview:
    if at + size > len(block):
        raise ValueError("cut short")
    return block[at:at + size]


_CONSTANTS = {ord("N"): None, ord("T"): True, ord("F"): False}
_INT, _BIG_INT, _FLOAT, _TEXT, _TEXTS, _TUPLE, _DICT = b"iIfsxtd"  # the other tags, as bytes
_SCALARS: dict[type, Callable[[Any], bytes]] = {
    type(None): lambda _: b"N", bool: lambda v: b"T" if v else b"F", int: _packed_int,
    float: lambda v: b"f" + _float_bytes(v), str: lambda v: b"s" + _packed_text(v),
}


def _float_bytes(value: float) -> bytes:
    """A float as 8 bytes, little-endian."""
    numbers = array.array("d", (value,))
    if sys.byteorder != "little":  # pragma: no cover
        numbers.byteswap()
    return numbers.tobytes()


def _float_of(block: memoryview) -> float:
    numbers = array.array("d", bytes(block))
    if sys.byteorder != "little":  # pragma: no cover
        numbers.byteswap()
    return float(numbers[0])

"""The parsed, validated data kept between runs, so that a repeat run skips YAML altogether.

Rules:
- One cache file per data path (or list of layers), in ``$XDG_CACHE_HOME/copscompare`` (else
  ``~/.cache/copscompare``), named by the SHA-256 of the layers' absolute paths.
- It is used only when everything it was made from is unchanged: for every data file its
  absolute path, size, modification and change times (ns) and inode, and the tool's version
  and the cache format. The change time (ctime) is set by the system at every write and no
  program can set it back, so an edit is seen even when it keeps the size and restores the
  modification time. A file changed less than ``SETTLED_NS`` (2 s) before it is fingerprinted
  could be changed again within the same clock tick (a filesystem's times can be as coarse as
  a second), so its SHA-256 is kept as well and checked on every run; when a later run finds
  it settled and the same, the cache is signed again without the hash (``read``). An
  unchanged file is not read at all: a warm run costs a ``stat`` per file, whatever its size.
  Not protected against: a clock set back by more than that while a file is edited.
- It holds what loading returns, warnings included, so a cached run prints exactly what an
  uncached run prints. Data with errors is never cached: errors are shown from the YAML.
- Written atomically (a temporary file, then a rename), mode 0600. A cache that cannot be
  written (no home, a read-only or full disk) is skipped in silence: the cache only ever saves
  time. Anything wrong with a cache file makes it ignored and rebuilt, never an error.
- ``--no-cache`` or ``COPSCOMPARE_NO_CACHE=1`` turns it off (neither read nor written).
- Observations are built on first use, a chunk of metrics at a time (``CachedObservations``,
  the dataset's store): a ranking of one metric in a million observations builds only that
  metric's.

Trust. A cache file is believed only when all of this holds, checked in this order:
- the folder is a folder owned by the user that no one else may write to (it is made 0700;
  one that group or others may write to, e.g. a cache home in a shared folder, means no cache);
- the file is opened without following a link and without waiting on a named pipe, and is a
  regular file owned by the user, no larger than a few times the data it stands for (a link to
  /dev/zero, a pipe or a huge file is ignored, not read);
- its header carries a MAC (keyed BLAKE2b, RFC 7693) made with the user's key: 32 random
  bytes in the same folder, mode 0600, made on first use (``private``); and the header holds
  the BLAKE2b digest of every column's block, checked when that block is decoded, so every
  byte used is checked and a run that needs one metric of a million observations hashes only
  that metric's blocks. Anyone who cannot read that key cannot make a cache file the program
  believes, even by writing into the folder;
- every value the header decodes to has the type it must have, every block lies inside the
  file, and every column's kind gives the values of its field's type. The header and the small
  columns use this module's own codec, which can only yield None, booleans, numbers, text and
  tuples and dicts of them (``codec``): no code, no objects of any other class (``marshal``
  and ``pickle`` can build code objects or call functions; neither is used).
What it does not protect against: anyone who can act as the user (or root) can read the key
and sign what they like, but they can as well edit the data itself; a cache copied from
another account or machine is not believed (its key differs) and is rebuilt. The cache is not
secret: it holds the data, in the user's own folder.

Layout: ``MAGIC``, the 32-byte MAC over the header and its length, an 8-byte header length,
the header (the values codec: format, version, the data files' fingerprints, and per record
type its field names, count and columns, each column with its block's place and digest) and
the column blocks the header points into. Column kinds: text (UTF-8 joined by NUL, with the
positions of gaps), float and int (packed), cat and period (a table in the header and packed
indices), values (the codec). The header is a dict: a new part (an index, a new record type)
is a new key, checked by a function of its own.
"""

from __future__ import annotations

import array
import contextlib
import functools
import os
import sys
import time
import types
import typing
from collections.abc import Callable, Collection, Iterable, Sequence
from itertools import compress, repeat
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any, TypeVar, cast

from copscompare import __version__
from copscompare.errors import CopsError, Problem
from copscompare.loading import codec
from copscompare.loading.pause import collector_paused
from copscompare.loading.private import Mac, blake2b, read_private, sha256, user_key
from copscompare.model import (
    Dataset,
    Jurisdiction,
    Metric,
    Observation,
    Observations,
    Source,
)
from copscompare.periods import Period

R = TypeVar("R")
Print = tuple[str, int, int, int, int, str]  # path, size, mtime_ns, ctime_ns, inode, SHA-256 or ""
MAGIC = b"copscompare cache\n"
FORMAT = 5
_BLOCK_DIGEST = 16  # bytes of each block's BLAKE2b digest, kept in the signed header
SETTLED_NS = 2_000_000_000  # a file unchanged this long is known by its times (module doc)
ENV_OFF = "COPSCOMPARE_NO_CACHE"
_OFF_WORDS = ("", "0", "false", "no", "off")
_DIGEST = 32
KEY_SIZE = 32
_SIZE_RATIO, _SIZE_SLACK = 4, 1 << 20  # a cache file is read up to 4x the data + 1 MB
_CHUNK_ROWS = 8192  # observations are stored in chunks of whole metrics, at least this many
_EAGER: dict[str, type] = {"sources": Source, "jurisdictions": Jurisdiction,
                           "metrics": Metric, "warnings": Problem}
_DATASET_FIELDS = ("sources", "jurisdictions", "metrics", "store", "warnings", "more_warnings")


class Uncachable(Exception):
    """The dataset holds a value the cache format does not store: load it without the cache."""


# -- where, whether, and for what --------------------------------------------------------------

def enabled() -> bool:
    """False when ``$COPSCOMPARE_NO_CACHE`` is set to anything but 0/false/no/off/empty."""
    return os.environ.get(ENV_OFF, "").strip().lower() in _OFF_WORDS


def directory() -> Path | None:
    """``$XDG_CACHE_HOME/copscompare`` (an absolute path only), else ``~/.cache/copscompare``."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if base and os.path.isabs(base):
        return Path(base) / "copscompare"
    try:
        return Path.home() / ".cache" / "copscompare"
    except (RuntimeError, KeyError):  # no home directory to be found
        return None


def cache_file(data: Path | Sequence[Path], folder: Path) -> Path:
    """The cache file for the data at ``data``: a file or a folder, or the layers given, in
    order (one cache for each list of layers)."""
    layers = [data] if isinstance(data, Path) else data
    path = b"\n".join(os.fsencode(os.path.abspath(layer)) for layer in layers)
    digest = sha256(len(path))
    digest.update(path)
    return folder / f"{digest.hexdigest()[:32]}.cache"


def fingerprint(files: Iterable[Path]) -> list[Print]:
    """(absolute path, size, mtime_ns, ctime_ns, inode, SHA-256) of each file, in order; the
    SHA-256 only of a file changed in the last ``SETTLED_NS``, else "" (module docstring)."""
    prints = []
    settled = time.time_ns() - SETTLED_NS
    for file in files:
        found = os.stat(file)
        recent = max(found.st_mtime_ns, found.st_ctime_ns) > settled  # a time ahead too
        prints.append((os.path.abspath(file), found.st_size, found.st_mtime_ns,
                       found.st_ctime_ns, found.st_ino, file_sha256(file) if recent else ""))
    return prints


def file_sha256(file: Path | str) -> str:
    """The SHA-256 of a file's bytes, as hexadecimal digits."""
    with open(file, "rb") as handle:
        digest = sha256(os.fstat(handle.fileno()).st_size)
        buffer = bytearray(1 << 20)
        view = memoryview(buffer)
        while count := handle.readinto(buffer):
            digest.update(view[:count])
    return str(digest.hexdigest())


def unchanged(stored: Sequence[Print], now: Sequence[Print]) -> bool:
    """True when the files ``stored`` describes are as ``now`` describes them: the same path,
    size, times and inode, and, where ``stored`` holds a SHA-256, the same bytes."""
    return len(stored) == len(now) and all(
        old[:5] == new[:5] and (not old[5] or old[5] == (new[5] or file_sha256(new[0])))
        for old, new in zip(stored, now, strict=True))


def load(data: Path | Sequence[Path], files: list[Path],
         build: Callable[[list[Path]], Dataset]) -> Dataset:
    """The dataset for ``files`` from the cache when it is current, else ``build(files)``
    (which raises on errors), then cached for next time."""
    folder = directory()
    key = None if folder is None else user_key(folder)
    if folder is None or key is None:
        return build(files)
    try:
        prints = fingerprint(files)
    except OSError:
        return build(files)  # the loader reports the unreadable file
    target = cache_file(data, folder)
    cached = read(target, prints, key)
    if cached is not None:
        return cached
    dataset = build(files)
    with contextlib.suppress(OSError, Uncachable, ValueError):
        if unchanged(prints, fingerprint(files)):  # unchanged while it was being read
            write(target, prints, dataset, key)
    return dataset


def size_bound(prints: list[Print]) -> int:
    """The most bytes a cache file for data of these sizes is read for (it holds about half
    the data's size; a larger file is not a cache of this data, whatever it says)."""
    return _SIZE_RATIO * sum(entry[1] for entry in prints) + _SIZE_SLACK


# -- reading --------------------------------------------------------------------------------------

def read(path: Path, prints: list[Print], key: bytes) -> Dataset | None:
    """The cached dataset when ``path`` is a sound cache for the files ``prints`` describes,
    signed with ``key``, else None (rules in the module docstring)."""
    blob = read_private(path, size_bound(prints))
    if blob is None:
        return None
    try:
        found = _checked_header(blob, key)
        if found is None or not unchanged(found[0]["files"], prints):
            return None
        dataset = decode(*found)
    except Exception:  # corrupt, truncated, foreign or forged: ignored, and rebuilt
        return None
    if found[0]["files"] != tuple(map(tuple, prints)) and not any(p[5] for p in prints):
        # it keeps a SHA-256 the files, settled since, no longer need: sign it again without
        with contextlib.suppress(OSError, ValueError):
            _write_signed(path, {**found[0], "files": tuple(map(tuple, prints))}, [found[1]],
                          key)
    return dataset


def decode(header: dict[str, Any], payload: memoryview) -> Dataset:
    """The dataset of a cache file whose header was signed with the user's key
    (``_checked_header``); ValueError (or another Exception) when it is not sound.

    The header's every field, every block's bounds and every column's kind are checked against
    the field it fills, and the sources, places, metrics and warnings are decoded (each block
    against its digest) before anything is returned; the observations' blocks are checked
    against their digests when they are first decoded (``CachedObservations``)."""
    records = header["records"]
    eager: dict[str, list[Any]] = {}
    for name, cls in _EAGER.items():
        part = records[name]
        _check_part(part, cls, payload)
        columns = [_decode_column(c, payload, part["count"]) for c in part["columns"]]
        eager[name] = _build(cls, _checked(cls, columns), part["count"])
    observations = records["observations"]
    _check_observations(observations, payload)
    return Dataset({r.id: r for r in eager["sources"]},
                   {r.id: r for r in eager["jurisdictions"]},
                   {r.id: r for r in eager["metrics"]},
                   CachedObservations(payload, observations["count"], observations["chunks"]),
                   tuple(eager["warnings"]), _need(header["more_warnings"], int))


def _write_signed(path: Path, header: dict[str, Any], blocks: Sequence[bytes | memoryview],
                  key: bytes) -> None:
    """Write a cache file to ``path`` (mode 0600, replacing whatever the name holds, whole or
    not at all): ``MAGIC``, the MAC of the header and its length, them, then the blocks."""
    from copscompare.atomic import atomic_write

    packed = codec.pack(header)
    signed = len(packed).to_bytes(8, "little") + packed
    mac = Mac(key)
    mac.update(signed)
    with atomic_write(path, "wb", new_mode=0o600, exact=True) as handle:
        handle.write(MAGIC)
        handle.write(mac.digest())
        handle.write(signed)
        for block in blocks:
            handle.write(block)


def _checked_header(blob: bytes, key: bytes) -> tuple[dict[str, Any], memoryview] | None:
    """The header and the payload of a cache file whose header is signed with ``key`` and
    whose format and version match this program's; None otherwise."""
    start = len(MAGIC) + _DIGEST
    if not blob.startswith(MAGIC) or len(blob) < start + 8:
        return None
    view = memoryview(blob)
    size = int.from_bytes(view[start:start + 8], "little")
    if size > len(blob) - start - 8:
        return None
    mac = Mac(key)
    mac.update(view[start:start + 8 + size])
    if not _same(mac.digest(), blob[len(MAGIC):start]):
        return None
    header = _need(codec.unpack(view[start + 8:start + 8 + size]), dict)
    if (header.get("format"), header.get("version")) != (FORMAT, __version__):
        return None
    files = _need(header["files"], tuple)
    for entry in files:
        _shape(entry, (str, int, int, int, int, str))
    _need(header["records"], dict)
    return header, view[start + 8 + size:]


def _same(a: bytes, b: bytes) -> bool:
    """Equal, in a time that does not depend on where they differ."""
    return len(a) == len(b) and not sum(x ^ y for x, y in zip(a, b, strict=True))


def _need(value: Any, kind: type[R]) -> R:
    """``value`` when it is exactly of type ``kind`` (a bool is no int here); else ValueError."""
    if type(value) is not kind:
        raise ValueError(f"expected {kind.__name__}, found {type(value).__name__}")
    return value


def _shape(value: Any, kinds: tuple[type | tuple[type, ...], ...]) -> tuple[Any, ...]:
    """``value``: a tuple of ``len(kinds)`` items, each of its kind (or one of its kinds)."""
    items = _need(value, tuple)
    if len(items) != len(kinds):
        raise ValueError("wrong length")
    for item, kind in zip(items, kinds, strict=True):
        if type(item) not in (kind if isinstance(kind, tuple) else (kind,)):
            raise ValueError("wrong type")
    return items


def _count(part: dict[str, Any]) -> int:
    count = _need(part["count"], int)
    if count < 0:
        raise ValueError("negative count")
    return count


def _check_part(part: Any, cls: type, payload: memoryview) -> None:
    """A record type's header: its field names, its count, and one sound column per field."""
    _need(part, dict)
    if _need(part["fields"], tuple) != tuple(_field_names(cls)):
        raise ValueError("fields")
    _count(part)
    columns = _need(part["columns"], tuple)
    if len(columns) != len(part["fields"]):
        raise ValueError("columns")
    for column in columns:
        _check_column(column, payload)


def _check_observations(part: Any, payload: memoryview) -> None:
    """The observations' header: their chunks, each a part with its metrics and its order, the
    chunks' counts adding up, each column of a kind that gives its field's type."""
    _need(part, dict)
    chunks = _need(part["chunks"], tuple)
    for chunk in chunks:
        _check_part({**_need(chunk, dict), "fields": part["fields"]}, Observation, payload)
        metrics = _need(chunk["metrics"], tuple)
        if not all(type(m) is str for m in metrics):
            raise ValueError("metrics")
        if chunk["order"] is not None:
            _check_column(chunk["order"], payload)
            if chunk["order"]["kind"] != "int":
                raise ValueError("order")
        for column, name in zip(chunk["columns"], _field_names(Observation), strict=True):
            if not _kind_types(column) <= _field_types(Observation)[name]:
                raise ValueError(f"column {name}")
    if sum(chunk["count"] for chunk in chunks) != _count(part):
        raise ValueError("counts")


def _check_column(column: Any, payload: memoryview) -> None:
    """A column's header: a known kind, a block inside the payload, a sound table."""
    _need(column, dict)
    kind = _need(column["kind"], str)
    offset, length = _need(column["offset"], int), _need(column["length"], int)
    if offset < 0 or length < 0 or offset + length > len(payload):
        raise ValueError("block outside the payload")
    if len(_need(column["digest"], str)) != 2 * _BLOCK_DIGEST:
        raise ValueError("block digest")
    if kind == "cat":
        _need(column["table"], tuple)
        if not set(map(type, column["table"])) <= {str, type(None)}:
            raise ValueError("table")
    elif kind == "period":
        for entry in _need(column["table"], tuple):
            _shape(entry, (str, (int, type(None)), (int, type(None))))
    elif kind == "text" and column.get("nulls") is not None:
        _check_column(column["nulls"], payload)
    elif kind not in ("text", "float", "int", "values"):
        raise ValueError(f"unknown column kind {kind!r}")


def _kind_types(column: dict[str, Any]) -> set[type]:
    """The types of the values a column of this kind and table gives (a "values" column is
    checked value by value once decoded)."""
    kind = column["kind"]
    if kind == "text":
        return {str} if column.get("nulls") is None else {str, type(None)}
    if kind == "cat":
        return set(map(type, column["table"]))
    fixed: dict[str, set[type]] = {"float": {float}, "int": {int}, "period": {Period}}
    return fixed.get(kind, {object})


def _checked(cls: type, columns: list[list[Any]]) -> list[list[Any]]:
    """``columns``, when each holds only values of its field's types (else ValueError)."""
    for name, values in zip(_field_names(cls), columns, strict=True):
        allowed = _field_types(cls)[name]
        if not set(map(type, values)) <= allowed:
            raise ValueError(f"values of {cls.__name__}.{name}")
        if tuple in allowed and not all(type(x) is str for v in values if type(v) is tuple
                                        for x in v):
            raise ValueError(f"items of {cls.__name__}.{name}")
    return columns


@functools.cache
def _field_types(cls: type) -> dict[str, set[type]]:
    """Each field's allowed value types, from its annotation (``str | None``: str and
    NoneType; ``tuple[str, ...]``: tuple, of text)."""
    hints = typing.get_type_hints(cls)
    found = {}
    for name in _field_names(cls):
        hint = hints[name]
        options = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
        found[name] = {typing.get_origin(o) or o for o in options}
    return found


def _field_names(cls: type) -> list[str]:
    return list(cast(Any, cls)._fields)


class DamagedCache(CopsError):
    """A signed cache file whose observations do not hold together (the program wrote it
    wrong): the command stops with this error instead of a traceback."""

    def __init__(self) -> None:
        super().__init__("the cached data does not hold together; run the command again with "
                         f"--no-cache (or set {ENV_OFF}=1), and report this")


class CachedObservations(Observations):
    """The observations of a cached dataset, stored in chunks of whole metrics and built when
    first needed: a few metrics' through ``observations_of`` (all that a ranking needs), a few
    places' or a few readings' through ``observations_where`` (only their rows of each chunk),
    every one through ``observations``. Every way they equal what the YAML gives, in file order, and
    a given observation is the same object through ``observations`` and ``observations_of``."""

    def __init__(self, payload: memoryview, count: int,
                 chunks: Sequence[dict[str, Any]]) -> None:
        self.payload = payload
        self.count = count
        self.chunks = chunks
        self.chunk_of = {metric: chunk for chunk in chunks for metric in chunk["metrics"]}
        self.built: dict[str, tuple[Observation, ...]] = {}  # metric -> its observations
        self.rows: dict[int, list[Observation]] = {}  # id(chunk) -> its rows in stored order
        self.all: tuple[Observation, ...] | None = None

    def chunk_rows(self, chunk: dict[str, Any]) -> list[Observation]:
        rows = self.rows.get(id(chunk))
        if rows is None:
            try:
                columns = [_decode_column(c, self.payload, chunk["count"])
                           for c in chunk["columns"]]
            except (ValueError, IndexError) as exc:  # the header was checked: blocks are not
                raise DamagedCache from exc
            rows = self.rows[id(chunk)] = _build(Observation, columns, chunk["count"])
            by_metric: dict[str, list[Observation]] = {}
            for obs in rows:
                by_metric.setdefault(obs.metric, []).append(obs)
            self.built.update((metric, tuple(group)) for metric, group in by_metric.items())
        return rows

    def observations_of(self, metric: str) -> tuple[Observation, ...]:
        """The observations of ``metric`` in file order."""
        built = self.built.get(metric)
        if built is None:
            chunk = self.chunk_of.get(metric)
            if chunk is None:
                return ()
            self.chunk_rows(chunk)
            built = self.built.get(metric, ())
        return built

    def observations_where(self, field: str, values: Collection[str | None]
                           ) -> tuple[Observation, ...]:
        """The observations whose ``field`` holds one of ``values``, in file order: of a chunk
        not built yet, only their rows are built."""
        column = _field_names(Observation).index(field)
        placed: list[tuple[int, Observation]] = []
        for chunk in self.chunks:
            placed += self._rows_where(chunk, column, values)
        return tuple(obs for _, obs in sorted(placed, key=itemgetter(0)))

    def _rows_where(self, chunk: dict[str, Any], column: int, values: Collection[str | None]
                    ) -> list[tuple[int, Observation]]:
        """(position in the file, observation) of each row of ``chunk`` whose ``column`` holds
        one of ``values``; of a chunk not built, only that column is decoded whole, the others
        at those rows."""
        rows = self.rows.get(id(chunk))
        count = chunk["count"]
        try:
            held = (list(map(itemgetter(column), rows)) if rows is not None
                    else _decode_column(chunk["columns"][column], self.payload, count))
            picked = list(compress(range(count), map(values.__contains__, held)))
            if rows is not None:
                found = [rows[i] for i in picked]
            else:
                columns = [_decode_column(c, self.payload, count, picked)
                           for c in chunk["columns"]]
                found = _build(Observation, columns, len(picked))
            if chunk["order"] is None:
                return list(zip(picked, found, strict=True))
            positions = _decode_column(chunk["order"], self.payload, count, picked)
        except (ValueError, IndexError) as exc:  # the header was checked: blocks are not
            raise DamagedCache from exc
        return list(zip(positions, found, strict=True))

    def __len__(self) -> int:
        return self.count

    def columns(self, fields: Sequence[str]) -> list[list[Any]]:
        """The values of each of ``fields`` in file order, decoded from the chunks' columns and
        put in file order by their positions, with no observation built (unless they are)."""
        if self.all is not None or not self.count:
            return super().columns(fields)
        names = _field_names(Observation)
        found: list[list[Any]] = [[] for _ in fields]
        positions: list[int] = []
        try:
            for chunk in self.chunks:
                count = chunk["count"]
                positions += (range(count) if chunk["order"] is None
                              else _decode_column(chunk["order"], self.payload, count))
                for values, field in zip(found, fields, strict=True):
                    values += _decode_column(chunk["columns"][names.index(field)],
                                             self.payload, count)
        except (ValueError, IndexError) as exc:
            raise DamagedCache from exc
        if len(self.chunks) == 1 and self.chunks[0]["order"] is None:
            return found  # stored in file order
        if len(set(positions)) != self.count or min(positions) < 0 or max(positions) >= self.count:
            raise DamagedCache  # write() stores each observation's position in one chunk
        in_file_order = sorted(range(self.count), key=positions.__getitem__)
        return [list(map(values.__getitem__, in_file_order)) for values in found]

    @property
    def observations(self) -> tuple[Observation, ...]:
        """Every observation in file order (the same objects ``observations_of`` gives)."""
        if self.all is None:
            self.all = self._in_file_order()
        return self.all

    def _in_file_order(self) -> tuple[Observation, ...]:
        if len(self.chunks) == 1 and self.chunks[0]["order"] is None:
            return tuple(self.chunk_rows(self.chunks[0]))
        ordered: list[Observation | None] = [None] * self.count
        try:
            for chunk in self.chunks:
                positions = _decode_column(chunk["order"], self.payload, chunk["count"])
                for obs, position in zip(self.chunk_rows(chunk), positions, strict=True):
                    ordered[position] = obs
        except (ValueError, IndexError, TypeError) as exc:
            raise DamagedCache from exc
        if None in ordered:  # write() stores each observation's position in one chunk
            raise DamagedCache
        return cast(tuple[Observation, ...], tuple(ordered))

    def __repr__(self) -> str:
        return f"CachedObservations({self.count} observations)"


def _decode_column(column: dict[str, Any], payload: memoryview, count: int,
                   rows: Sequence[int] | None = None) -> list[Any]:
    """The values of a column (its header checked by ``_check_column``), or with ``rows`` those
    rows' values only; ValueError when its block does not give ``count`` of them."""
    kind = column["kind"]
    block = payload[column["offset"]:column["offset"] + column["length"]]
    if _block_digest(block) != column["digest"]:
        raise ValueError("a block differs from its digest")
    values: Sequence[Any]
    if kind == "text":
        texts: list[Any] = str(block, "utf-8").split("\x00") if count else []
        if column.get("nulls") is not None:
            for position in _decode_column(column["nulls"], payload, -1):
                texts[position] = None
        values = texts
    elif kind in _PACKED:
        values = _unpack(_PACKED[kind], block)
    else:  # "values"
        values = _need(codec.unpack(block), tuple)
    if count >= 0 and len(values) != count:
        raise ValueError("column length")
    if rows is not None:
        values = list(map(values.__getitem__, rows))
    if kind in ("cat", "period"):  # indices into the column's table
        table = column["table"]
        if kind == "period":
            table = [Period(text, start, end) for text, start, end in table]
        return list(map(table.__getitem__, values))
    return values.tolist() if isinstance(values, array.array) else list(values)


_PACKED = {"float": "d", "int": "q", "cat": "I", "period": "I"}  # kind -> array type code


def _block_digest(block: bytes | memoryview) -> str:
    """A block's BLAKE2b digest, as the signed header holds it."""
    return blake2b(block, digest_size=_BLOCK_DIGEST).hexdigest()


def _unpack(code: str, block: memoryview) -> array.array[Any]:
    numbers = array.array(code)
    numbers.frombytes(block)
    if sys.byteorder != "little":  # pragma: no cover - stored little-endian
        numbers.byteswap()
    return numbers


def _build(cls: type[R], columns: list[list[Any]], count: int) -> list[R]:
    """Records of ``cls`` (a named tuple) from one list per field (in field order).

    Each record is made by ``tuple.__new__`` from its row of fields, with no Python-level call
    per row: what the class's own constructor does, for the observations by the million.
    """
    if not count:
        return []
    with collector_paused():  # built after loading returned, as they are asked for
        return list(map(cast(Any, tuple.__new__), repeat(cls, count), zip(*columns, strict=True)))


# -- writing --------------------------------------------------------------------------------------

def write(path: Path, prints: list[Print], dataset: Dataset,
          key: bytes) -> None:
    """Write ``dataset`` to ``path`` (mode 0600, replacing whatever the name holds), signed with
    ``key``; raise Uncachable for what the cache does not store."""
    if Dataset._fields != _DATASET_FIELDS:
        raise Uncachable("the Dataset has fields this cache does not know")
    blocks: list[bytes] = []
    offset = 0

    def add(column: dict[str, Any], data: bytes) -> dict[str, Any]:
        nonlocal offset
        column.update(offset=offset, length=len(data), digest=_block_digest(data))
        offset += len(data)
        blocks.append(data)
        return column

    def columns_of(rows: list[Any], fields: list[str]) -> tuple[dict[str, Any], ...]:
        return tuple(_encoded(list(map(attrgetter(name), rows)), add) for name in fields)

    records: dict[str, dict[str, Any]] = {}
    for name, cls in _EAGER.items():
        rows = getattr(dataset, name)
        rows = list(rows.values()) if isinstance(rows, dict) else list(rows)
        fields = _field_names(cls)
        records[name] = {"fields": tuple(fields), "count": len(rows),
                         "columns": columns_of(rows, fields)}
    observations = dataset.observations
    fields = _field_names(Observation)
    chunks = []
    for metrics, positions in _chunks(observations):
        rows = [observations[p] for p in positions]
        whole = len(positions) == len(observations)  # in file order: no order column needed
        order = None if whole else add({"kind": "int"}, _pack("q", positions))
        chunks.append({"metrics": tuple(metrics), "count": len(rows), "order": order,
                       "columns": columns_of(rows, fields)})
    records["observations"] = {"fields": tuple(fields), "count": len(observations),
                               "chunks": tuple(chunks)}
    _write_signed(path, {"format": FORMAT, "version": __version__,
                         "files": tuple(map(tuple, prints)), "records": records,
                         "more_warnings": dataset.more_warnings}, blocks, key)


def _chunks(observations: tuple[Observation, ...]) -> list[tuple[list[str], list[int]]]:
    """Metrics grouped in first-seen order into chunks of at least _CHUNK_ROWS observations,
    with the positions of their observations in file order."""
    by_metric: dict[str, list[int]] = {}
    for position, metric in enumerate(map(attrgetter("metric"), observations)):
        by_metric.setdefault(metric, []).append(position)
    chunks: list[tuple[list[str], list[int]]] = []
    metrics: list[str] = []
    size = 0
    for metric, positions in by_metric.items():
        metrics.append(metric)
        size += len(positions)
        if size >= _CHUNK_ROWS:
            chunks.append((metrics, sorted(p for m in metrics for p in by_metric[m])))
            metrics, size = [], 0
    if metrics:
        chunks.append((metrics, sorted(p for m in metrics for p in by_metric[m])))
    return chunks


def _encoded(values: list[Any], add: Callable[[dict[str, Any], bytes], dict[str, Any]]
             ) -> dict[str, Any]:
    """A column's header, its block stored with ``add`` (a text column's nulls too)."""
    column, data, nulls = _encode_column(values)
    if nulls is not None:
        column["nulls"] = add({"kind": "int"}, nulls)
    return add(column, data)


def _encode_column(values: list[Any]) -> tuple[dict[str, Any], bytes, bytes | None]:
    """The most compact codec that gives ``values`` back exactly (see ``_decode_column``): the
    column's header, its block, and for text with gaps the gaps' positions."""
    kinds = set(map(type, values))
    if kinds == {Period}:  # shared objects (one per period text): told apart by identity
        by_id = {id(p): p for p in values}
        index = {key: i for i, key in enumerate(by_id)}
        return ({"kind": "period", "table": tuple((p.text, p.start, p.end)
                                                  for p in by_id.values())},
                _pack("I", map(index.__getitem__, map(id, values))), None)
    if kinds and kinds <= {str, type(None)}:
        distinct = set(values)
        if len(distinct) * 2 <= len(values):
            index = {v: i for i, v in enumerate(dict.fromkeys(values))}
            return ({"kind": "cat", "table": tuple(index)},
                    _pack("I", map(index.__getitem__, values)), None)
        joined = "\x00".join(v or "" for v in values)
        if joined.count("\x00") == len(values) - 1:  # no text holds a NUL itself
            gaps = [i for i, v in enumerate(values) if v is None]
            return ({"kind": "text"}, joined.encode("utf-8"),
                    _pack("q", gaps) if gaps else None)
    if kinds == {float}:
        return {"kind": "float"}, _pack("d", values), None
    if kinds == {int}:
        with contextlib.suppress(OverflowError):  # beyond 64 bits: stored as values
            return {"kind": "int"}, _pack("q", values), None
    try:
        return {"kind": "values"}, codec.pack(tuple(values)), None
    except TypeError:
        raise Uncachable("cannot store values of type "
                         f"{', '.join(sorted(k.__name__ for k in kinds))}") from None


def _pack(code: str, values: Iterable[Any]) -> bytes:
    numbers = array.array(code, values)
    if sys.byteorder != "little":  # pragma: no cover
        numbers.byteswap()
    return numbers.tobytes()

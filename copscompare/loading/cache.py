"""The parsed, validated data kept between runs, so that a repeat run skips YAML altogether.

Rules:
- One cache file per data path (or list of layers), in ``$XDG_CACHE_HOME/copscompare`` (else
  ``~/.cache/copscompare``), named by the SHA-256 of the layers' absolute paths.
- It is used only when everything it was made from is unchanged: for every data file its
  absolute path, size, modification time (ns) and the SHA-256 of its bytes, and the tool's
  version, the cache format and the Python version. An edited file is always read again,
  even one edited to the same size within the same clock tick: its bytes are hashed on every
  run.
- It holds what loading returns, warnings included, so a cached run prints exactly what an
  uncached run prints. Data with errors is never cached: errors are shown from the YAML.
- A cache file that is corrupt, truncated, from another version or not a cache at all is
  ignored and rebuilt: the whole file is checked against the SHA-256 written in it before any
  of it is decoded.
- It holds UTF-8 text, packed numbers (``array``) and, for the header and small columns,
  ``marshal`` data. Not pickle, but not safe either: marshal is not meant for untrusted data
  (crafted bytes can build code objects or crash the interpreter). The cache is trusted as
  the user's own file in the user's own cache folder; the SHA-256 inside guards against damage,
  not against someone who can write there.
- Written atomically (a temporary file, then a rename). A cache that cannot be written (no
  home, a read-only or full disk) is skipped in silence: the cache only ever saves time.
- ``--no-cache`` or ``COPSCOMPARE_NO_CACHE=1`` turns it off (neither read nor written).
- Observations are built on first use, a chunk of metrics at a time (``CachedObservations``,
  the dataset's store): a ranking of one metric in a million observations builds only that
  metric's.

Layout: ``MAGIC``, 32 bytes of SHA-256 over the rest, an 8-byte header length, the header
(marshal: version, the data files' fingerprints, and per record type its field names, count
and columns) and the column blocks the header points into.
"""

from __future__ import annotations

import array
import contextlib
import dataclasses
import marshal
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from itertools import repeat
from operator import attrgetter
from pathlib import Path
from typing import Any, TypeVar, cast

from copscompare import __version__
from copscompare.errors import Problem
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
MAGIC = b"copscompare cache\n"
FORMAT = 2
ENV_OFF = "COPSCOMPARE_NO_CACHE"
_OFF_WORDS = ("", "0", "false", "no", "off")
_DIGEST = 32
_PYTHON = tuple(sys.version_info[:2])  # marshal's format may change between Pythons
_MARSHAL_VERSION = 4
_SMALL = 8 << 20  # below this many bytes, hash with the built-in SHA-256 (no OpenSSL import)
_CHUNK_ROWS = 8192  # observations are stored in chunks of whole metrics, at least this many
_EAGER: dict[str, type] = {"sources": Source, "jurisdictions": Jurisdiction,
                           "metrics": Metric, "warnings": Problem}
_DATASET_FIELDS = ("sources", "jurisdictions", "metrics", "store", "warnings")


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


def _sha256(size: int) -> Any:
    """A SHA-256 hasher: the built-in one for small inputs (importing OpenSSL costs more than
    it saves), OpenSSL's for large ones (three times faster)."""
    if size < _SMALL:
        try:
            from _sha256 import sha256  # type: ignore[import-not-found]  # Python 3.10, 3.11
            return sha256()
        except ImportError:
            with contextlib.suppress(ImportError):
                from _sha2 import sha256  # type: ignore[import-not-found]  # 3.12 on
                return sha256()
    import hashlib

    return hashlib.sha256()


def cache_file(data: Path | Sequence[Path], folder: Path) -> Path:
    """The cache file for the data at ``data``: a file or a folder, or the layers given, in
    order (one cache for each list of layers)."""
    layers = [data] if isinstance(data, Path) else data
    path = b"\n".join(os.fsencode(os.path.abspath(layer)) for layer in layers)
    digest = _sha256(len(path))
    digest.update(path)
    return folder / f"{digest.hexdigest()[:32]}.cache"


def fingerprint(files: Iterable[Path]) -> list[tuple[str, int, int, str]]:
    """(absolute path, size, mtime_ns, SHA-256 of the bytes) of each file, in order."""
    prints = []
    for file in files:
        with open(file, "rb") as handle:
            stat = os.fstat(handle.fileno())
            digest = _sha256(stat.st_size)
            if stat.st_size < _SMALL:
                digest.update(handle.read())
            else:
                buffer = bytearray(1 << 20)
                view = memoryview(buffer)
                while count := handle.readinto(buffer):
                    digest.update(view[:count])
        prints.append((os.path.abspath(file), stat.st_size, stat.st_mtime_ns,
                       digest.hexdigest()))
    return prints


def load(data: Path | Sequence[Path], files: list[Path],
         build: Callable[[list[Path]], Dataset]) -> Dataset:
    """The dataset for ``files`` from the cache when it is current, else ``build(files)``
    (which raises on errors), then cached for next time."""
    folder = directory()
    if folder is None:
        return build(files)
    try:
        prints = fingerprint(files)
    except OSError:
        return build(files)  # the loader reports the unreadable file
    target = cache_file(data, folder)
    cached = read(target, prints)
    if cached is not None:
        return cached
    dataset = build(files)
    with contextlib.suppress(OSError, Uncachable, ValueError):
        if fingerprint(files) == prints:  # unchanged while it was being read
            folder.mkdir(parents=True, exist_ok=True)
            write(target, prints, dataset)
    return dataset


# -- reading --------------------------------------------------------------------------------------

def read(path: Path, prints: list[tuple[str, int, int, str]] | None) -> Dataset | None:
    """The cached dataset when ``path`` is a sound cache for exactly ``prints``, else None."""
    try:
        with open(path, "rb") as handle:
            blob = handle.read()
    except OSError:
        return None
    try:
        return decode(blob, prints)
    except Exception:  # corrupt, truncated or foreign: ignored, and rebuilt by the caller
        return None


def decode(blob: bytes, prints: list[tuple[str, int, int, str]] | None = None) -> Dataset | None:
    """Decode a cache file's bytes; None when it is not for ``prints`` (None: for any data).

    Every byte is checked against the SHA-256 written in the file, and every block's bounds
    against the payload, before anything is returned: the observations built later from a
    file that passed cannot fail.
    """
    found = _checked_header(blob)
    if found is None:
        return None
    header, payload = found
    if prints is not None and header["files"] != [tuple(p) for p in prints]:
        return None
    records = header["records"]
    observations = records["observations"]
    if not _blocks_fit(records, payload) or observations["fields"] != _field_names(Observation):
        return None
    eager: dict[str, list[Any]] = {}
    for name, cls in _EAGER.items():
        part = records[name]
        if part["fields"] != _field_names(cls):
            return None
        columns = [_decode_column(c, payload, part["count"]) for c in part["columns"]]
        eager[name] = _build(cls, columns, part["count"])
    return Dataset({r.id: r for r in eager["sources"]},
                   {r.id: r for r in eager["jurisdictions"]},
                   {r.id: r for r in eager["metrics"]},
                   CachedObservations(payload, observations["count"], observations["chunks"]),
                   tuple(eager["warnings"]))


def _checked_header(blob: bytes) -> tuple[dict[str, Any], memoryview] | None:
    """The header and the payload of a cache file whose checksum, format, version and Python
    match this program's; None otherwise."""
    start = len(MAGIC) + _DIGEST
    if not blob.startswith(MAGIC) or len(blob) < start + 8:
        return None
    view = memoryview(blob)
    digest = _sha256(len(blob))
    digest.update(view[start:])
    if digest.digest() != blob[len(MAGIC):start]:
        return None
    size = int.from_bytes(view[start:start + 8], "little")
    header = marshal.loads(view[start + 8:start + 8 + size])
    if (header["format"], header["version"], header["python"]) != (FORMAT, __version__, _PYTHON):
        return None
    return header, view[start + 8 + size:]


def _blocks_fit(records: dict[str, Any], payload: memoryview) -> bool:
    """Every column block lies inside the payload, and the chunks add up to the count."""
    observations = records["observations"]
    parts = [records[name] for name in _EAGER] + observations["chunks"]
    for part in parts:
        for column in [*part["columns"], part.get("order") or {"offset": 0, "length": 0}]:
            if column["offset"] < 0 or column["offset"] + column["length"] > len(payload):
                return False
    return bool(sum(chunk["count"] for chunk in observations["chunks"])
                == observations["count"])


def _field_names(cls: type) -> list[str]:
    return [f.name for f in dataclasses.fields(cls)]


class CachedObservations(Observations):
    """The observations of a cached dataset, stored in chunks of whole metrics and built when
    first needed: a few metrics' through ``observations_of`` (all that a ranking needs), every
    one through ``observations``. Either way they equal what the YAML gives, in file order, and
    a given observation is the same object through both."""

    def __init__(self, payload: memoryview, count: int, chunks: list[dict[str, Any]]) -> None:
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
            columns = [_decode_column(c, self.payload, chunk["count"]) for c in chunk["columns"]]
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
            built = self.built[metric]
        return built

    @property
    def observations(self) -> tuple[Observation, ...]:
        """Every observation in file order (the same objects ``observations_of`` gives)."""
        if self.all is None:
            self.all = self._in_file_order()
        return self.all

    def _in_file_order(self) -> tuple[Observation, ...]:
        if len(self.chunks) == 1 and self.chunks[0].get("order") is None:
            return tuple(self.chunk_rows(self.chunks[0]))
        ordered: list[Observation | None] = [None] * self.count
        for chunk in self.chunks:
            positions = _decode_column(chunk["order"], self.payload, chunk["count"])
            for obs, position in zip(self.chunk_rows(chunk), positions, strict=True):
                ordered[position] = obs
        # Every place is filled: write() stores each observation's position in one chunk.
        return cast(tuple[Observation, ...], tuple(ordered))

    def __repr__(self) -> str:
        return f"CachedObservations({self.count} observations)"


def _decode_column(column: dict[str, Any], payload: memoryview, count: int) -> list[Any]:
    kind = column["kind"]
    block = payload[column["offset"]:column["offset"] + column["length"]]
    if kind == "text":
        values = str(block, "utf-8").split("\x00") if count else []
    elif kind in ("float", "int"):
        values = _unpack("d" if kind == "float" else "q", block).tolist()
    elif kind in ("cat", "period"):
        table = column["table"]
        if kind == "period":
            table = [Period(text, start, end) for text, start, end in table]
        values = list(map(table.__getitem__, _unpack("I", block)))
    elif kind == "marshal":
        values = list(marshal.loads(block))
    else:
        raise ValueError(f"unknown column kind {kind!r}")
    if len(values) != count:
        raise ValueError("column length")
    return values


def _unpack(code: str, block: memoryview) -> array.array[Any]:
    numbers = array.array(code)
    numbers.frombytes(block)
    if sys.byteorder != "little":  # pragma: no cover - stored little-endian
        numbers.byteswap()
    return numbers


def _build(cls: type[R], columns: list[list[Any]], count: int) -> list[R]:
    """Records of ``cls`` from one list per field (in field order).

    A slotted dataclass (the observations, by the million) is filled slot by slot: each
    record is made with ``object.__new__`` and each field set through its slot's descriptor,
    one field at a time across all rows. That is what a frozen dataclass's ``__init__`` does
    row by row through ``object.__setattr__``, at half the cost, with no Python-level loop per
    row. Any other class is called as usual.
    """
    if not count:
        return []
    names = _field_names(cls)
    if tuple(names) != tuple(cls.__dict__.get("__slots__", ())):
        return list(map(cls, *columns))
    rows = list(map(object.__new__, repeat(cls, count)))
    for name, column in zip(names, columns, strict=True):
        deque(map(getattr(cls, name).__set__, rows, column), maxlen=0)
    return rows


# -- writing --------------------------------------------------------------------------------------

def write(path: Path, prints: list[tuple[str, int, int, str]], dataset: Dataset) -> None:
    """Write ``dataset`` to ``path`` atomically; raise Uncachable for a value it cannot store."""
    from copscompare.atomic import atomic_write

    if tuple(f.name for f in dataclasses.fields(Dataset)) != _DATASET_FIELDS:
        raise Uncachable("the Dataset has fields this cache does not know")
    blocks: list[bytes] = []
    offset = 0

    def add(column: dict[str, Any], data: bytes) -> dict[str, Any]:
        nonlocal offset
        column.update(offset=offset, length=len(data))
        offset += len(data)
        blocks.append(data)
        return column

    def columns_of(rows: list[Any], fields: list[str]) -> list[dict[str, Any]]:
        return [add(*_encode_column(list(map(attrgetter(name), rows)))) for name in fields]

    records: dict[str, dict[str, Any]] = {}
    for name, cls in _EAGER.items():
        rows = getattr(dataset, name)
        rows = list(rows.values()) if isinstance(rows, dict) else list(rows)
        fields = _field_names(cls)
        records[name] = {"fields": fields, "count": len(rows), "columns": columns_of(rows, fields)}
    observations = dataset.observations
    fields = _field_names(Observation)
    chunks = []
    for metrics, positions in _chunks(observations):
        rows = [observations[p] for p in positions]
        whole = len(positions) == len(observations)  # in file order: no order column needed
        order = None if whole else add({"kind": "int"}, _pack("q", positions))
        chunks.append({"metrics": metrics, "count": len(rows), "order": order,
                       "columns": columns_of(rows, fields)})
    records["observations"] = {"fields": fields, "count": len(observations), "chunks": chunks}
    header = marshal.dumps({"format": FORMAT, "version": __version__, "python": _PYTHON,
                            "files": [tuple(p) for p in prints], "records": records},
                           _MARSHAL_VERSION)
    digest = _sha256(len(header) + offset)
    rest = [len(header).to_bytes(8, "little"), header, *blocks]
    for piece in rest:
        digest.update(piece)
    with atomic_write(path, "wb") as handle:
        handle.write(MAGIC)
        handle.write(digest.digest())
        for piece in rest:
            handle.write(piece)


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


_MARSHAL_SCALARS = frozenset((str, int, float, bool, type(None)))


def _encode_column(values: list[Any]) -> tuple[dict[str, Any], bytes]:
    """The most compact codec that gives ``values`` back exactly (see ``_decode_column``)."""
    kinds = set(map(type, values))
    if kinds == {Period}:  # shared objects (one per period text): told apart by identity
        by_id = {id(p): p for p in values}
        index = {key: i for i, key in enumerate(by_id)}
        return ({"kind": "period", "table": [(p.text, p.start, p.end) for p in by_id.values()]},
                _pack("I", map(index.__getitem__, map(id, values))))
    if kinds and kinds <= {str, type(None)}:
        distinct = set(values)
        if len(distinct) * 2 <= len(values):
            index = {v: i for i, v in enumerate(dict.fromkeys(values))}
            return {"kind": "cat", "table": list(index)}, _pack("I", map(index.__getitem__,
                                                                         values))
        if kinds == {str}:
            joined = "\x00".join(values)
            if joined.count("\x00") == len(values) - 1:  # no text holds a NUL itself
                return {"kind": "text"}, joined.encode("utf-8")
    if kinds == {float}:
        return {"kind": "float"}, _pack("d", values)
    if kinds == {int}:
        with contextlib.suppress(OverflowError):  # beyond 64 bits: marshal keeps it
            return {"kind": "int"}, _pack("q", values)
    if kinds <= _MARSHAL_SCALARS or (kinds == {tuple} and all(
            type(x) in _MARSHAL_SCALARS for v in values for x in v)):
        return {"kind": "marshal"}, marshal.dumps(tuple(values), _MARSHAL_VERSION)
    raise Uncachable(f"cannot store values of type {', '.join(k.__name__ for k in kinds)}")


def _pack(code: str, values: Iterable[Any]) -> bytes:
    numbers = array.array(code, values)
    if sys.byteorder != "little":  # pragma: no cover
        numbers.byteswap()
    return numbers.tobytes()

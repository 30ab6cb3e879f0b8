"""Quotes against the archived texts they were copied from (``check --sources DIR …``).

Rules:
- A source's ``file`` is looked for in every sources folder given, in order. Found in none: an
  error naming the folders. Found in two with different bytes: an error naming both (which is
  the article?); the same bytes twice are one text.
- An archived text is UTF-8 (a byte-order mark is dropped). One that is not is an error with a
  hint at what it is: ``not UTF-8 — looks like GBK; save it as UTF-8`` (or UTF-16).
- Every quote stands in its source's text, white space ignored, in the script it is written in
  (a traditional quote is looked for as written, never converted).
- Two sources whose texts are the same text are the same article twice: an error on the later.
- A source with no archived text here (``url`` and ``accessed``, no ``file``): its quotes cannot
  be verified; ``unverified`` counts them by source for ``check`` to say so.

Speed: each text is read and its white space removed once. A large text with many quotes is
searched once for all of them (the quotes grouped by their first characters, then by length),
not once per quote, so 90,000 quotes of one long text take one pass over it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from copscompare.errors import Problem
from copscompare.model import Observation, Source

_SPACE = re.compile(r"\s+")
_BOM = b"\xef\xbb\xbf"
_PREFIX = 8  # characters that group the quotes of a large text
_LARGE = 20_000  # characters from which a text is searched once for all its quotes


@dataclass
class Archive:
    """What checking the quotes found: the problems, and the quotes no text here could show,
    counted by source."""

    problems: list[Problem] = field(default_factory=list)
    unverified: dict[str, int] = field(default_factory=dict)


def check_archive(sources: Mapping[str, Source], observations: Iterable[Observation],
                  folders: list[Path]) -> Archive:
    """Every quote against its source's archived text in ``folders`` (module docstring)."""
    archive = Archive()
    texts = _texts(sources, folders, archive.problems)
    quotes: dict[str, list[Observation]] = {}
    for obs in observations:
        if obs.source not in sources:
            continue
        if sources[obs.source].file is None:
            archive.unverified[obs.source] = archive.unverified.get(obs.source, 0) + 1
        elif texts.get(obs.source) is not None:
            quotes.setdefault(obs.source, []).append(obs)
    for source_id, observed in quotes.items():
        text = texts[source_id]
        assert text is not None
        found = found_in(text, {_squeeze(obs.quote) for obs in observed})
        file = sources[source_id].file
        for obs in observed:
            if _squeeze(obs.quote) not in found:
                archive.problems.append(Problem(obs.origin, obs.line, "quote",
                                                f"quote not found verbatim in {file}: "
                                                f"{obs.quote[:40]!r}"))
    return archive


def _texts(sources: Mapping[str, Source], folders: list[Path],
           problems: list[Problem]) -> dict[str, str | None]:
    """Each archived source's text with its white space removed; None when it cannot be read
    (the problem said). A text that is another source's too is reported here."""
    texts: dict[str, str | None] = {}
    seen: dict[str, Source] = {}
    for source in sources.values():
        if source.file is None:
            continue
        data = _bytes(source, folders, problems)
        text = None if data is None else _decoded(source, data, problems)
        texts[source.id] = text
        if text is None:
            continue
        digest = hashlib.sha256(text.encode()).hexdigest()
        first = seen.setdefault(digest, source)
        if first is not source and first.file != source.file:
            problems.append(Problem(source.origin, source.line, "file",
                                    f"the same article as source '{first.id}' "
                                    f"({first.origin}:{first.line}): '{source.file}' holds "
                                    f"the same text as '{first.file}'"))
    return texts


def _bytes(source: Source, folders: list[Path], problems: list[Problem]) -> bytes | None:
    """The archived text's bytes, read at most to the size limit for a data file
    (``$COPSCOMPARE_MAX_MB``); None, the problem said, when it cannot be had."""
    from copscompare.loading.files import OverLimit, max_bytes, read_at_most

    found: list[tuple[Path, bytes]] = []
    for folder in folders:
        path = folder / str(source.file)
        try:
            if path.is_file():
                found.append((path, read_at_most(path, max_bytes())))
        except OSError as exc:
            problems.append(Problem(source.origin, source.line, "file",
                                    f"archived text '{source.file}' cannot be read: "
                                    f"{exc.strerror or exc}"))
            return None
        except OverLimit as exc:
            problems.append(Problem(source.origin, source.line, "file",
                                    f"archived text '{source.file}' is "
                                    f"{exc.size / 1048576:.1f} MB, over the size limit for a "
                                    "file (COPSCOMPARE_MAX_MB)"))
            return None
    if not found:
        where = ", ".join(str(folder) for folder in folders)
        problems.append(Problem(source.origin, source.line, "file",
                                f"archived text '{source.file}' not found in {where}"))
        return None
    differing = [path for path, data in found if data != found[0][1]]
    if differing:
        problems.append(Problem(source.origin, source.line, "file",
                                f"archived text '{source.file}' differs between "
                                f"{found[0][0]} and {differing[0]}: which is the article?"))
        return None
    return found[0][1]


def _decoded(source: Source, data: bytes, problems: list[Problem]) -> str | None:
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    try:
        return _squeeze(data.decode("utf-8"))
    except UnicodeDecodeError:
        problems.append(Problem(source.origin, source.line, "file",
                                f"archived text '{source.file}' is not UTF-8{_looks_like(data)}"
                                "; save it as UTF-8"))
        return None


def _looks_like(data: bytes) -> str:
    """`` — looks like UTF-16`` (or a Chinese encoding) for bytes that are not UTF-8: UTF-16 has
    a byte-order mark or NUL bytes, which no other text has; a text that decodes as GB 18030 is
    most likely GBK (a Big5 text mostly decodes as one too)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data:
        return " — looks like UTF-16"
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return ""
    return " — looks like a Chinese encoding such as GBK (GB 18030) or Big5"


def _squeeze(text: str) -> str:
    return _SPACE.sub("", text)


def found_in(text: str, quotes: set[str]) -> set[str]:
    """The quotes that stand in ``text`` (both without white space)."""
    if len(text) < _LARGE or len(quotes) < 8:
        return {quote for quote in quotes if quote in text}
    found = {quote for quote in quotes if len(quote) < _PREFIX and quote in text}
    wanted: dict[str, dict[int, set[str]]] = {}
    for quote in quotes:
        if len(quote) >= _PREFIX:
            wanted.setdefault(quote[:_PREFIX], {}).setdefault(len(quote), set()).add(quote)
    for at in range(len(text) - _PREFIX + 1):
        lengths = wanted.get(text[at:at + _PREFIX])
        if lengths is None:
            continue
        for length, among in lengths.items():
            piece = text[at:at + length]
            if piece in among:
                found.add(piece)
    return found

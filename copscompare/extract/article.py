"""An article's text as a curator saved it: read as UTF-8, or refused with a hint.

Rules:
- The file must be UTF-8 text (a UTF-8 byte-order mark is dropped). A file that starts with a
  UTF-16 byte-order mark or is full of NUL bytes is UTF-16; bytes that are not UTF-8 but read
  as GB18030 are GBK/GB2312/GB18030: both are refused with the command that converts them.
- The text may be simplified or traditional, may start mid-article and stop mid-sentence:
  nothing here cares. A file with no text at all is refused.
- An article is read to at most ``MAX_ARTICLE_BYTES`` (1 MB; a press release is a few KB): a
  larger file is refused, and so is a device (``/dev/zero``) or a folder, without reading on.
  A named pipe (``extract <(curl …)``) is read as it comes, within the same bound.
- ``sha256`` is the SHA-256 of the text encoded as UTF-8 (the text the curator worked from,
  which a source records beside its ``url``): for a UTF-8 file without a byte-order mark,
  the SHA-256 of the file's bytes.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from copscompare.errors import CopsError

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
MAX_ARTICLE_BYTES = 1024 * 1024


class ArticleError(CopsError):
    """The article file cannot be read as text (exit 1, with what to do about it)."""


@dataclass(frozen=True)
class Article:
    name: str  # the file's name, as a source's ``file`` gives it
    text: str
    sha256: str


def read_article(path: Path) -> Article:
    """The article at ``path`` (rules in the module docstring); ArticleError when unreadable."""
    try:
        data = _bounded_bytes(path)
    except OSError as exc:
        raise ArticleError(f"cannot read '{path}': {exc.strerror or exc}") from None
    text = decode(data, str(path))
    if not text.strip():
        raise ArticleError(f"'{path}' holds no text")
    return article_of(path.name, text)


def _bounded_bytes(path: Path) -> bytes:
    """The bytes of a regular file or named pipe, at most MAX_ARTICLE_BYTES of them."""
    mode = os.stat(path).st_mode
    if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
        raise ArticleError(f"'{path}' is not a text file")
    with path.open("rb") as handle:
        data = handle.read(MAX_ARTICLE_BYTES + 1)
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError(f"'{path}' is over {MAX_ARTICLE_BYTES // 1024 // 1024} MB: an article "
                           "is a few KB; save the article's own text")
    return data


def article_of(name: str, text: str) -> Article:
    """An article named ``name`` with ``text`` (tests and scripts build one from a string)."""
    return Article(name, text, hashlib.sha256(text.encode("utf-8")).hexdigest())


def decode(data: bytes, where: str) -> str:
    """``data`` as UTF-8 text, or ArticleError naming the encoding it seems to be in."""
    if data.startswith(_UTF16_BOMS) or data.count(b"\x00") > len(data) // 4:
        raise ArticleError(f"'{where}' is UTF-16 text, not UTF-8; convert it first, e.g. "
                           f"iconv -f UTF-16 -t UTF-8 '{where}' > article.txt")
    try:
        return data.removeprefix(_UTF8_BOM).decode("utf-8")
    except UnicodeDecodeError as exc:
        if _reads_as_gb18030(data):
            raise ArticleError(f"'{where}' is not UTF-8 (it reads as GBK/GB18030, common on "
                               f"Chinese sites); convert it first, e.g. iconv -f GB18030 "
                               f"-t UTF-8 '{where}' > article.txt") from None
        raise ArticleError(f"'{where}' is not UTF-8 text (byte {data[exc.start]:#04x} at "
                           f"offset {exc.start}); save it as UTF-8") from None


def _reads_as_gb18030(data: bytes) -> bool:
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True

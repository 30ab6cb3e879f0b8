"""What belongs to the user alone: a folder no one else may write to, a secret key in it, and
files read only when they are the user's own. The cache (``cache``) trusts nothing else.

- ``own_folder``: made mode 0700; used only when it is a folder owned by the user that group
  and others may not write to.
- ``user_key``: 32 random bytes in ``KEY_FILE`` in that folder, mode 0600, made on first use
  (two runs making it at once agree on one); a key readable by others, a link, or a key of the
  wrong size is not used.
- ``read_private``: a file's bytes only when it is a regular file (opened without following a
  link, and without waiting on a named pipe) owned by the user and within a size limit; the
  bytes are never read past the size the file had when opened.
- ``Mac``: keyed BLAKE2b (RFC 7693's MAC mode, 32-byte digest) with that key: three times
  fewer instructions than HMAC-SHA-256 over the built-in SHA-256, and as strong a MAC.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import Any

try:
    from _blake2 import blake2b as blake2b  # built in: hashlib would import OpenSSL (cache too)
except ImportError:  # pragma: no cover - built without it
    from hashlib import blake2b as blake2b

KEY_FILE = "key"
KEY_SIZE = 32
HASH_IN_ONE_READ = 8 << 20  # below this many bytes: the built-in SHA-256, in one read


def sha256(size: int) -> Any:
    """A SHA-256 hasher: the built-in one for small inputs (importing OpenSSL costs more than
    it saves), OpenSSL's for large ones (three times faster)."""
    if size < HASH_IN_ONE_READ:
        try:
            from _sha256 import sha256  # type: ignore[import-not-found]  # Python 3.10, 3.11
            return sha256()
        except ImportError:
            with contextlib.suppress(ImportError):
                from _sha2 import sha256  # type: ignore[import-not-found]  # 3.12 on
                return sha256()
    import hashlib

    return hashlib.sha256()


def own_folder(folder: Path) -> bool:
    """Make ``folder`` (mode 0700) if needed; True when it is a folder owned by this user that
    no one else may write to (else the cache is not used at all; nor where the system cannot
    say who owns a file, such as Windows)."""
    if not hasattr(os, "geteuid") or not hasattr(os, "O_NOFOLLOW"):  # pragma: no cover
        return False
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        found = os.stat(folder)
    except OSError:
        return False
    return (stat.S_ISDIR(found.st_mode) and found.st_uid == os.geteuid()
            and not found.st_mode & (stat.S_IWGRP | stat.S_IWOTH))


def user_key(folder: Path) -> bytes | None:
    """The user's secret key for signing cache files: ``KEY_FILE`` in the user's own cache
    folder, made on first use (random, mode 0600); None when the folder or the key cannot be
    trusted or made (then there is no cache)."""
    if not own_folder(folder):
        return None
    path = folder / KEY_FILE
    key = read_private(path, KEY_SIZE, exact=True)
    if key is None and not os.path.lexists(path):
        _make_key(folder, path)
        key = read_private(path, KEY_SIZE, exact=True)
    return key


def _make_key(folder: Path, path: Path) -> None:
    """Write a new random key beside ``path`` and link it into place: of two runs making one
    at the same time, the first link wins and both read the winner's."""
    import tempfile  # a rare path: tempfile imports random, shutil and more

    fd, temporary = tempfile.mkstemp(prefix=".key.", dir=folder)  # mode 0600
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(os.urandom(KEY_SIZE))
        with contextlib.suppress(FileExistsError):
            os.link(temporary, path)
    except OSError:
        pass  # no key, no cache
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def read_private(path: Path, limit: int, exact: bool = False) -> bytes | None:
    """The bytes of ``path`` when it is a regular file (not a link, a pipe or a device) owned by
    this user, with no more than ``limit`` bytes (``exact``: exactly ``limit``) and, for a key
    (``exact``), readable by no one else; None otherwise. Never blocks on a named pipe."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        found = os.fstat(fd)
        if (not stat.S_ISREG(found.st_mode) or found.st_uid != os.geteuid()
                or found.st_size > limit or (exact and found.st_mode & 0o077)):
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            blob = handle.read(found.st_size + 1)  # never more than the size said (and allowed)
    except OSError:
        return None
    finally:
        os.close(fd)
    if len(blob) != found.st_size or (exact and len(blob) != limit):
        return None  # changed while it was read, or a key of the wrong size
    return blob


class Mac:
    """Keyed BLAKE2b with a 32-byte digest (RFC 7693, section 2.9: BLAKE2 is a MAC when
    keyed): ``update`` the message, then ``digest``. The built-in ``_blake2`` is used where it
    can be (``hashlib`` would import OpenSSL, which costs more at start-up than it saves)."""

    def __init__(self, key: bytes) -> None:
        self.inner = blake2b(key=key, digest_size=32)

    def update(self, data: bytes | memoryview) -> None:
        self.inner.update(data)

    def digest(self) -> bytes:
        return bytes(self.inner.digest())

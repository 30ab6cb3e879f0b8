"""The cache is believed only when the user's own account made it: forged, crafted, foreign,
oversized, linked or piped cache files are ignored and rebuilt, never a traceback or a hang."""

from __future__ import annotations

import hashlib
import marshal
import os
import random
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import HEADER, OBSERVATIONS, environment, limited_memory, write

from copscompare.cli import main
from copscompare.loading import cache, load, private

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX files")
ROOMS = ["rank", "-m", "community_police_rooms", "--sources", "--format", "csv"]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The cache folder, under a cache home of this test's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    return tmp_path / "cache-home" / "copscompare"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return write(tmp_path / "data.yaml", HEADER + OBSERVATIONS)


def run(args: list[str], capsys) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def cached(data: Path, home: Path, capsys) -> tuple[Path, tuple[int, str, str]]:
    """Build the cache of ``data``; its path and what the command printed from the YAML."""
    printed = run([*ROOMS, "--data", str(data)], capsys)
    assert printed[0] == 0
    target = cache.cache_file(data, home)
    assert target.is_file()
    assert isinstance(load(data).store, cache.CachedObservations)  # it is used
    return target, printed


def from_cache(data: Path) -> bool:
    return isinstance(load(data).store, cache.CachedObservations)


def resign(blob: bytes, key: bytes | None) -> bytes:
    """``blob`` with its signature made again: with ``key`` (keyed BLAKE2b), or (None) with
    plain SHA-256, a scheme that anyone able to write the folder could recompute."""
    start = len(cache.MAGIC) + 32
    rest = blob[start:]
    signed = rest[:8 + int.from_bytes(rest[:8], "little")]  # the header and its length
    digest = (hashlib.sha256(signed).digest() if key is None
              else hashlib.blake2b(signed, key=key, digest_size=32).digest())
    return cache.MAGIC + digest + rest


# -- forgery ------------------------------------------------------------------------------------

@pytest.mark.parametrize("signer", ["sha-256 only", "another key"])
def test_a_forged_cache_is_not_believed(signer: str, data: Path, home: Path, capsys) -> None:
    """Someone who can write the cache folder but not read the user's key changes a quote."""
    target, honest = cached(data, home, capsys)
    blob = target.read_bytes()
    forged = blob.replace("全市171个社区".encode(), "全市999个社区".encode())
    assert forged != blob
    key = None if signer == "sha-256 only" else os.urandom(32)
    target.write_bytes(resign(forged, key))
    printed = run([*ROOMS, "--data", str(data)], capsys)
    assert printed == honest
    assert "全市171个社区" in printed[1] and "999" not in printed[1]


def test_the_signature_is_keyed_blake2b_with_the_users_key(home: Path) -> None:
    """RFC 7693's keyed mode, 32-byte digest, as hashlib computes it, over messages of every
    size around BLAKE2b's 128-byte block."""
    key = private.user_key(home)
    assert key is not None and len(key) == 32
    rng = random.Random(4)
    for size in (0, 1, 127, 128, 129, 1000, 100_000):
        message = rng.randbytes(size)
        mac = private.Mac(key)
        mac.update(message[:size // 2])
        mac.update(message[size // 2:])
        assert mac.digest() == hashlib.blake2b(message, key=key, digest_size=32).digest()
    assert private.Mac(key).digest() != private.Mac(bytes(32)).digest()


# -- crafted contents, signed with the user's own key: still never a traceback ---------------

def header_of(blob: bytes) -> tuple[dict, bytes]:
    start = len(cache.MAGIC) + 32
    size = int.from_bytes(blob[start:start + 8], "little")
    header = cache.codec.unpack(memoryview(blob[start + 8:start + 8 + size]))
    return header, blob[start + 8 + size:]


def with_digests(part: object, payload: bytes) -> object:
    """``part`` of a header with the digest of every block a column points to made again, as
    the writer makes them: a crafted column gets past the digest to the checks behind it."""
    if isinstance(part, tuple):
        return tuple(with_digests(item, payload) for item in part)
    if not isinstance(part, dict):
        return part
    part = {key: with_digests(value, payload) for key, value in part.items()}
    if isinstance(part.get("offset"), int) and isinstance(part.get("length"), int):
        block = payload[part["offset"]:part["offset"] + part["length"]]
        part["digest"] = hashlib.blake2b(block, digest_size=16).hexdigest()
    return part


def rebuilt(header: object, payload: bytes, key: bytes) -> bytes:
    packed = cache.codec.pack(with_digests(header, payload))
    rest = len(packed).to_bytes(8, "little") + packed + payload
    return resign(cache.MAGIC + bytes(32) + rest, key)


def set_column(header: dict, part: str, field: str, change: dict) -> dict:
    """The header with one column of ``part`` (the first chunk, for observations) changed."""
    records = dict(header["records"])
    if part == "observations":
        chunk = dict(records[part]["chunks"][0])
        columns = list(chunk["columns"])
        index = cache._field_names(cache.Observation).index(field)
        columns[index] = {**columns[index], **change}
        chunk["columns"] = tuple(columns)
        records[part] = {**records[part], "chunks": (chunk, *records[part]["chunks"][1:])}
    else:
        columns = list(records[part]["columns"])
        index = list(records[part]["fields"]).index(field)
        columns[index] = {**columns[index], **change}
        records[part] = {**records[part], "columns": tuple(columns)}
    return {**header, "records": records}


CRAFTED = {
    "unknown kind": ("sources", "title", {"kind": "pickle"}),
    "text where a number goes": ("observations", "value", {"kind": "text"}),
    "numbers where text goes": ("observations", "quote", {"kind": "float"}),
    "a number in a table of names": ("jurisdictions", "name_zh", {"kind": "cat",
                                                                   "table": (1, 2, 3)}),
    "a period table of the wrong shape": ("observations", "period",
                                          {"kind": "period", "table": (("2009",),)}),
    "a block outside the file": ("sources", "title", {"offset": 10**9}),
    "a negative length": ("sources", "title", {"length": -5}),
    "a kind that is not text": ("sources", "title", {"kind": 7}),
    "a bool for an offset": ("sources", "title", {"offset": True}),
}


@pytest.mark.parametrize("name", CRAFTED)
def test_crafted_column_kinds_are_ignored(name: str, data: Path, home: Path, capsys) -> None:
    target, honest = cached(data, home, capsys)
    header, payload = header_of(target.read_bytes())
    part, field, change = CRAFTED[name]
    target.write_bytes(rebuilt(set_column(header, part, field, change), payload,
                               private.user_key(home)))
    assert cache.read(target, cache.fingerprint([data]), private.user_key(home)) is None
    assert run([*ROOMS, "--data", str(data)], capsys) == honest


@pytest.mark.parametrize("value", [{"a": 1}, 3, None, (1,), ("x", 2)])
def test_a_values_column_of_the_wrong_types_is_ignored(value: object, data: Path, home: Path,
                                                       capsys) -> None:
    """A 'values' column (the codec) whose values are not what the field holds (a source's
    title is text): refused value by value."""
    target, honest = cached(data, home, capsys)
    header, payload = header_of(target.read_bytes())
    block = cache.codec.pack((value, "第二篇"))
    header = set_column(header, "sources", "title",
                        {"kind": "values", "offset": len(payload), "length": len(block)})
    target.write_bytes(rebuilt(header, payload + block, private.user_key(home)))
    assert not from_cache(data)
    assert run([*ROOMS, "--data", str(data)], capsys) == honest


@pytest.mark.parametrize("header", [
    ["a list, not a dict"], {"format": cache.FORMAT}, "text", None,
    {"format": cache.FORMAT, "version": cache.__version__, "files": "nope", "records": {}},
])
def test_a_crafted_header_is_ignored(header: object, data: Path, home: Path, capsys) -> None:
    target, honest = cached(data, home, capsys)
    _, payload = header_of(target.read_bytes())
    target.write_bytes(rebuilt(header, payload, private.user_key(home)))
    assert run([*ROOMS, "--data", str(data)], capsys) == honest


def test_a_code_object_never_comes_out(data: Path, home: Path, capsys) -> None:
    """The old format kept the header and small columns in marshal, which builds code objects;
    the codec that replaced it can only give plain values, and refuses marshal's bytes."""
    code_object = compile("print('from the cache')", "cache", "exec")
    with pytest.raises(ValueError):
        cache.codec.unpack(memoryview(marshal.dumps(code_object)))
    with pytest.raises(TypeError):
        cache.codec.pack(code_object)
    target, honest = cached(data, home, capsys)
    header, payload = header_of(target.read_bytes())
    block = marshal.dumps((code_object, "第二篇"))
    header = set_column(header, "sources", "title",
                        {"kind": "values", "offset": len(payload), "length": len(block)})
    target.write_bytes(rebuilt(header, payload + block, private.user_key(home)))
    printed = run([*ROOMS, "--data", str(data)], capsys)
    assert printed == honest
    assert "code object" not in printed[1]


@pytest.mark.parametrize("part", ["sources", "observations"])
def test_a_block_changed_under_a_signed_header_is_never_used(part: str, data: Path, home: Path,
                                                             capsys) -> None:
    """Only the header is signed; each block is held to the digest the header keeps of it. A
    changed source block makes the file ignored and rebuilt; a changed observation block, found
    when it is first decoded, stops the command cleanly. The changed quote is never shown."""
    target, honest = cached(data, home, capsys)
    blob = target.read_bytes()
    forged = blob.replace("全市171个社区".encode(), "全市999个社区".encode())
    if part == "sources":
        forged = blob.replace("测试报道".encode(), "测试新闻".encode())
    assert forged != blob and len(forged) == len(blob)
    target.write_bytes(forged)  # the header, and so its signature, untouched
    printed = run([*ROOMS, "--data", str(data)], capsys)
    if part == "sources":
        assert printed == honest
    else:
        assert printed[0] == 1 and "999" not in printed[1]
        assert "the cached data does not hold together" in printed[2]


@pytest.mark.parametrize("blob", [b"t\xff\xff\xff\xff", b"s\x00\x00\x00\x10abc", b"d\x01\x00",
                                  b"t\x01\x00\x00\x00" * 40 + b"N", b"i\x01", b"Z", b"NN"])
def test_the_codec_refuses_what_it_did_not_write(blob: bytes) -> None:
    with pytest.raises(ValueError):
        cache.codec.unpack(memoryview(blob))


def test_damage_found_late_is_an_error_not_a_traceback(data: Path, home: Path, capsys,
                                                       monkeypatch) -> None:
    """Observations are decoded when first used; a signed file whose block does not hold what
    its header says (only a bug in the writer could make one) stops the command cleanly."""
    target, _ = cached(data, home, capsys)
    header, payload = header_of(target.read_bytes())
    quote = cache._field_names(cache.Observation).index("quote")
    column = header["records"]["observations"]["chunks"][0]["columns"][quote]
    header = set_column(header, "observations", "quote",
                        {"offset": column["offset"], "length": 3})  # cut inside a character
    target.write_bytes(rebuilt(header, payload, private.user_key(home)))
    assert run([*ROOMS, "--data", str(data)], capsys) == (1, "", (
        "Error: the cached data does not hold together; run the command again with "
        "--no-cache (or set COPSCOMPARE_NO_CACHE=1), and report this\n"))


# -- what the cache path and folder may be ----------------------------------------------------


def check_in_a_process(data: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "copscompare", "check", "--data", str(data)],
                          env=environment(), capture_output=True, text=True, timeout=30,
                          preexec_fn=limited_memory)


@POSIX
def test_a_named_pipe_at_the_cache_path_does_not_hang(data: Path, home: Path) -> None:
    home.mkdir(parents=True, mode=0o700)
    target = cache.cache_file(data, home)
    os.mkfifo(target)
    result = check_in_a_process(data)  # before: blocked for ever opening the pipe
    assert (result.returncode, result.stderr) == (0, "")
    assert stat.S_ISREG(os.lstat(target).st_mode)  # replaced by a real cache
    assert from_cache(data)


@POSIX
def test_a_link_to_dev_zero_at_the_cache_path_is_not_read(data: Path, home: Path) -> None:
    home.mkdir(parents=True, mode=0o700)
    target = cache.cache_file(data, home)
    target.symlink_to("/dev/zero")
    result = check_in_a_process(data)  # before: read /dev/zero until memory ran out
    assert (result.returncode, result.stderr) == (0, "")
    assert stat.S_ISREG(os.lstat(target).st_mode)  # the link replaced, not what it named
    assert stat.S_ISCHR(os.stat("/dev/zero").st_mode)


def test_a_file_larger_than_the_bound_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "big.cache"
    path.write_bytes(b"x" * 2001)
    assert private.read_private(path, 2000) is None
    assert private.read_private(path, 2001) == b"x" * 2001
    assert cache.size_bound([("a", 1000, 0, ""), ("b", 500, 0, "")]) == 4 * 1500 + (1 << 20)


@POSIX
def test_the_folder_is_made_private(data: Path, home: Path, capsys) -> None:
    cached(data, home, capsys)
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    key = home / private.KEY_FILE
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and key.stat().st_size == 32
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in home.glob("*.cache"))


@POSIX
def test_a_folder_others_may_write_to_is_not_used(data: Path, home: Path) -> None:
    home.mkdir(parents=True)
    home.chmod(0o777)
    load(data)
    load(data)
    assert not from_cache(data)
    assert sorted(home.iterdir()) == []  # neither a key nor a cache written there


@POSIX
@pytest.mark.parametrize("what", ["folder", "cache file", "key"])
def test_what_another_user_owns_is_not_used(what: str, data: Path, home: Path, capsys) -> None:
    if os.geteuid() != 0:
        pytest.skip("giving a file to another user needs root")
    target, _ = cached(data, home, capsys)
    owned = {"folder": home, "cache file": target, "key": home / private.KEY_FILE}[what]
    os.chown(owned, 65534, 65534)
    assert not from_cache(data)


@POSIX
@pytest.mark.parametrize("damage", ["readable by others", "a link", "too short", "a folder"])
def test_a_key_that_cannot_be_trusted_means_no_cache(damage: str, data: Path, home: Path,
                                                     tmp_path: Path, capsys) -> None:
    cached(data, home, capsys)
    key = home / private.KEY_FILE
    if damage == "readable by others":
        key.chmod(0o644)
    elif damage == "a link":
        (tmp_path / "elsewhere").write_bytes(key.read_bytes())
        key.unlink()
        key.symlink_to(tmp_path / "elsewhere")
    elif damage == "too short":
        key.write_bytes(b"short")
    else:
        key.unlink()
        key.mkdir()
    assert private.user_key(home) is None
    assert not from_cache(data)
    assert run(["check", "--data", str(data)], capsys)[0] == 0

"""The cache of parsed, validated data: same results, never stale, never in the way."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import HEADER, OBSERVATIONS, write

from copscompare.cli import cli
from copscompare.errors import DataError
from copscompare.loading import cache, load, private

WARNED = OBSERVATIONS + """\
  - jurisdiction: wujin
    metric: clearance_rate
    period: 2009
    measure: level
    value: 103
    qualifier: exact
    source: s1
    quote: 破案率达103%
"""


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    return home / "copscompare"


def read(target: Path, data: Path):
    """The cache at ``target`` read for the data file ``data`` with the user's key."""
    return cache.read(target, cache.fingerprint([data]), private.user_key(target.parent))


def signed(blob: bytes, folder: Path) -> bytes:
    """A cache file's bytes signed again with the user's key after being changed (what the
    user's own account could do, and no one else)."""
    start = len(cache.MAGIC) + 32
    size = int.from_bytes(blob[start:start + 8], "little")
    mac = private.Mac(private.user_key(folder))
    mac.update(blob[start:start + 8 + size])  # the header and its length: blocks have digests
    return cache.MAGIC + mac.digest() + blob[start:]


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.cache")) if folder.exists() else []


def same(a, b) -> bool:
    """Equal datasets, down to every record's line and file, in the same order."""
    def records(d):
        return [[(r, r.line, r.origin) for r in d.sources.values()],
                [(r, r.line, r.origin) for r in d.jurisdictions.values()],
                [(r, r.line, r.origin) for r in d.metrics.values()],
                [(o, o.line, o.origin, o.period) for o in d.observations],
                list(d.warnings)]
    return a == b and records(a) == records(b)


def test_cached_load_equals_uncached(tmp_path: Path, cache_home: Path) -> None:
    path = write(tmp_path / "data.yaml", HEADER + WARNED)
    fresh = load(path, use_cache=False)
    assert cache_files(cache_home) == []
    first = load(path)  # reads the YAML and writes the cache
    [written] = cache_files(cache_home)
    cached = load(path)
    assert isinstance(cached.store, cache.CachedObservations)
    assert not isinstance(first.store, cache.CachedObservations)
    assert same(fresh, cached) and same(cached, fresh)
    assert [p.message for p in cached.warnings] == ["103% is over 100%"]
    assert cached.observations_of("clearance_rate") == fresh.observations_of("clearance_rate")
    assert [o.line for o in cached.observations] == [49, 57, 65]
    assert written.name == cache.cache_file(path, cache_home).name


def test_observations_are_the_same_objects_both_ways(tmp_path: Path, cache_home: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "_CHUNK_ROWS", 1)  # one chunk per metric, as in large data
    path = write(tmp_path / "data.yaml", HEADER + WARNED)
    fresh = load(path)
    cached = load(path)
    rates = cached.observations_of("clearance_rate")
    assert [o.line for o in rates] == [49, 65]
    assert [o.line for o in cached.observations] == [49, 57, 65]  # file order across chunks
    assert cached.observations[0] is rates[0] and cached.observations[2] is rates[1]
    assert same(fresh, cached)
    assert cached.observations_of("no_such_metric") == ()
    replaced = cached._replace(warnings=())
    assert replaced.observations_of("clearance_rate") == rates and replaced.warnings == ()


def test_observations_of_some_places_in_file_order(tmp_path: Path, cache_home: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Only those places' rows of a chunk are built, in file order across chunks; equal to
    what the YAML gives, before and after the chunks are built whole."""
    monkeypatch.setattr(cache, "_CHUNK_ROWS", 1)  # one chunk per metric: positions interleave
    path = write(tmp_path / "data.yaml", HEADER + WARNED)
    fresh = load(path)
    cached = load(path)
    for places in ({"wujin"}, {"xiamen"}, {"wujin", "xiamen"}, {"nowhere"}, set()):
        expected = tuple(o for o in fresh.observations if o.jurisdiction in places)
        assert fresh.observations_at(places) == expected
        assert cached.observations_at(places) == expected
    assert [o.line for o in cached.observations_at({"wujin", "xiamen"})] == [49, 57, 65]
    assert [(o.jurisdiction, o.line) for o in cached.observations_at({"xiamen"})] == [
        ("xiamen", 57)]
    rates = cached.store.observations_where("metric", {"clearance_rate"})
    assert [o.line for o in rates] == [49, 65] and rates == fresh.observations_of("clearance_rate")
    assert cached.store.observations_where("note", {None}) == fresh.observations
    assert len(cached.store) == len(fresh.store) == 3
    assert not cached.store.rows  # no chunk was built whole
    built = cached.observations
    at = cached.observations_at({"wujin", "xiamen"})
    assert at == built and all(a is b for a, b in zip(at, built, strict=True))


@pytest.mark.parametrize("rows", [1, 8192])
def test_columns_in_file_order_without_building_observations(
        rows: int, tmp_path: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``columns``: each field's values in file order, the same from the YAML and from the
    cache, whether the cache keeps one chunk in file order or a chunk per metric; nothing is
    built for it; and a chunk whose positions do not fit it is an error."""
    monkeypatch.setattr(cache, "_CHUNK_ROWS", rows)
    path = write(tmp_path / "data.yaml", HEADER + WARNED)
    fresh = load(path)
    cached = load(path)
    fields = ("metric", "jurisdiction", "value", "period", "note", "line")
    expected = [[getattr(o, f) for o in fresh.observations] for f in fields]
    assert expected[0] == ["clearance_rate", "community_police_rooms", "clearance_rate"]
    assert fresh.store.columns(fields) == expected
    assert cached.store.columns(fields) == expected
    assert not cached.store.rows and cached.store.all is None  # nothing built
    assert cached.store.columns(()) == []
    if rows == 1:
        chunks = list(cached.store.chunks)
        order = chunks[0]["order"]
        chunks[1] = {**chunks[1], "order": order}  # positions that do not fit the chunk
        cached.store.chunks = chunks
        with pytest.raises(cache.DamagedCache):
            cached.store.columns(fields)


def test_a_large_dataset_round_trips(tmp_path: Path, cache_home: Path) -> None:
    """Enough rows for the fast constructor and several chunks; every field survives."""
    rows = []
    for index in range(3000):
        metric, measure, value, quote = (
            ("clearance_rate", "change_pp", f"-{index % 9 + 1}.5",
             f"破案率下降{index % 9 + 1}.5个百分点") if index % 2 else
            ("community_police_rooms", "level", str(index), f"全市{index}个社区警务室"))
        rows.append(f"  - jurisdiction: {('wujin', 'xiamen', 'changzhou')[index % 3]}\n"
                    f"    metric: {metric}\n    period: \"{1990 + index % 17}\"\n"
                    f"    measure: {measure}\n    value: {value}\n    qualifier: exact\n"
                    f"    source: s{1 + index % 2}\n    quote: \"{quote}\"\n"
                    + (f"    note: \"n{index}\"\n" if index % 7 == 0 else ""))
    path = write(tmp_path / "big.yaml", HEADER + "observations:\n" + "".join(rows))
    fresh = load(path)
    cached = load(path)
    assert isinstance(cached.store, cache.CachedObservations)
    assert len(cached.observations) == 3000
    assert same(fresh, cached)
    assert cached.observations[1].value == -2.5 and cached.observations[1].decimals == 1
    assert type(cached.observations[0]) is type(fresh.observations[0])
    assert cached.observations_at({"xiamen"}) == fresh.observations[1::3]
    with pytest.raises(AttributeError):
        cached.observations[0].value = 1.0  # still frozen


def test_an_edit_is_always_seen(tmp_path: Path, cache_home: Path) -> None:
    """Same size and same modification time, different bytes: the cache is not used."""
    path = write(tmp_path / "data.yaml", HEADER + OBSERVATIONS)
    assert load(path).observations[1].value == 171
    load(path)  # from the cache
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    edited = text.replace("value: 171", "value: 172").replace("全市171个", "全市172个")
    assert len(edited.encode()) == stat.st_size and edited != text
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (stat.st_size, stat.st_mtime_ns)
    assert load(path).observations[1].value == 172
    assert load(path).observations[1].value == 172  # and the rebuilt cache has the edit


def stored_prints(folder: Path) -> tuple:
    """The data files' fingerprints written in the one cache file in ``folder``."""
    [target] = cache_files(folder)
    blob = target.read_bytes()
    start = len(cache.MAGIC) + 32
    size = int.from_bytes(blob[start:start + 8], "little")
    return cache.codec.unpack(memoryview(blob[start + 8:start + 8 + size]))["files"]


def test_a_settled_file_is_known_by_its_times_and_never_read(tmp_path: Path, cache_home: Path,
                                                               monkeypatch) -> None:
    """Changed more than SETTLED_NS ago: no SHA-256 kept or computed; an edit that keeps the
    size and puts the modification time back still changes the change time, and is seen."""
    path = write(tmp_path / "data.yaml", HEADER + OBSERVATIONS)
    monkeypatch.setattr(cache, "SETTLED_NS", 0)
    assert load(path).observations[1].value == 171
    found = path.stat()
    assert stored_prints(cache_home) == ((str(path), found.st_size, found.st_mtime_ns,
                                          found.st_ctime_ns, found.st_ino, ""),)

    def no_hashing(file):
        raise AssertionError(f"{file} was read to be hashed")

    monkeypatch.setattr(cache, "file_sha256", no_hashing)
    assert isinstance(load(path).store, cache.CachedObservations)
    before = path.stat()
    time.sleep(0.05)  # past the coarsest clock tick a Linux filesystem stamps times with
    path.write_bytes(path.read_bytes().replace(b"value: 171", b"value: 172")
                     .replace("全市171个".encode(), "全市172个".encode()))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert load(path).observations[1].value == 172


def test_a_recent_file_keeps_its_hash_until_it_has_settled(tmp_path: Path, cache_home: Path,
                                                             monkeypatch) -> None:
    """Written just now: the cache keeps the file's SHA-256 and checks it; once the file has
    settled, the next run signs the cache again without it, and the run after only stats."""
    path = write(tmp_path / "data.yaml", HEADER + OBSERVATIONS)
    fresh = load(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert stored_prints(cache_home)[0][5] == digest
    monkeypatch.setattr(cache, "SETTLED_NS", 0)  # as if two seconds had passed
    assert same(load(path), fresh)
    assert stored_prints(cache_home)[0][5] == ""
    monkeypatch.setattr(cache, "file_sha256", lambda file: pytest.fail(f"{file} hashed"))
    cached = load(path)
    assert isinstance(cached.store, cache.CachedObservations) and same(cached, fresh)


def test_same_times_different_bytes_is_a_change_while_the_hash_is_kept(tmp_path: Path) -> None:
    """Two edits within one clock tick leave the same times, size and inode: the kept SHA-256
    is what tells them apart."""
    path = write(tmp_path / "data.yaml", "a: 1\n")
    [now] = cache.fingerprint([path])
    assert now[5] == hashlib.sha256(b"a: 1\n").hexdigest()
    assert cache.unchanged([now], [now])
    other = (*now[:5], hashlib.sha256(b"a: 2\n").hexdigest())
    assert not cache.unchanged([other], [now])
    assert not cache.unchanged([other], [(*now[:5], "")])  # hashed now, to compare
    assert cache.unchanged([(*now[:5], "")], [now])  # settled when stored: times suffice
    assert not cache.unchanged([(*now[:3], now[3] + 1, *now[4:])], [now])  # ctime differs


def test_an_edit_that_breaks_the_data_shows_the_error(tmp_path: Path, cache_home: Path) -> None:
    path = write(tmp_path / "data.yaml", HEADER + OBSERVATIONS)
    load(path)
    path.write_text(path.read_text(encoding="utf-8").replace("value: 171", "value: 17"),
                    encoding="utf-8")
    for _ in range(2):  # errors are never cached
        with pytest.raises(DataError) as caught:
            load(path)
        assert "the quote does not contain the figure 17" in str(caught.value.problems[0])


def test_a_folder_is_keyed_by_all_its_files(tmp_path: Path, cache_home: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    write(folder / "a.yaml", HEADER)
    write(folder / "b.yaml", OBSERVATIONS)
    assert len(load(folder).observations) == 2
    assert len(load(folder).observations) == 2
    write(folder / "c.yaml", "observations:\n" + WARNED.split("observations:\n")[1].split(
        "  - jurisdiction: xiamen")[0].replace("period: 2009", "period: 2010"))
    reloaded = load(folder)
    assert not isinstance(reloaded.store, cache.CachedObservations)
    assert [o.period.text for o in reloaded.observations] == ["2009", "2004", "2010"]


@pytest.mark.parametrize("damage", ["flip a byte", "truncate", "empty", "foreign", "header"])
def test_a_damaged_cache_is_ignored_and_rebuilt(tmp_path: Path, cache_home: Path,
                                                 damage: str) -> None:
    path = write(tmp_path / "data.yaml", HEADER + WARNED)
    fresh = load(path)
    [target] = cache_files(cache_home)
    blob = target.read_bytes()
    if damage == "flip a byte":
        middle = len(blob) // 2
        target.write_bytes(blob[:middle] + bytes([blob[middle] ^ 0x01]) + blob[middle + 1:])
    elif damage == "truncate":
        target.write_bytes(blob[: len(blob) // 2])
    elif damage == "empty":
        target.write_bytes(b"")
    elif damage == "foreign":
        target.write_bytes(b"\x80\x04\x95 not a cache, perhaps a pickle" * 10)
    else:  # another version's header, signed with the user's key
        version = cache.__version__.encode()
        target.write_bytes(signed(blob.replace(version, b"9" * len(version), 1), cache_home))
    loaded = load(path)
    assert not isinstance(loaded.store, cache.CachedObservations) and same(fresh, loaded)
    assert read(target, path) is not None  # rebuilt
    assert same(fresh, load(path))


def test_another_version_or_file_is_not_used(tmp_path: Path, cache_home: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "data.yaml", HEADER + OBSERVATIONS)
    load(path)
    target = cache.cache_file(path, cache_home)
    assert read(target, path) is not None
    other = write(tmp_path / "other.yaml", HEADER + OBSERVATIONS)
    assert read(target, other) is None  # another path
    monkeypatch.setattr(cache, "__version__", "0.0.0-other")
    assert read(target, path) is None


def test_no_cache_flag_and_environment(tmp_path: Path, cache_home: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "data.yaml", HEADER + OBSERVATIONS)
    runner = CliRunner()
    result = runner.invoke(cli, ["export", "--data", str(path), "--no-cache"])
    assert result.exit_code == 0 and cache_files(cache_home) == []
    monkeypatch.setenv(cache.ENV_OFF, "1")
    assert runner.invoke(cli, ["check", "--data", str(path)]).exit_code == 0
    assert cache_files(cache_home) == []
    monkeypatch.setenv(cache.ENV_OFF, "0")
    assert runner.invoke(cli, ["check", "--data", str(path)]).exit_code == 0
    assert len(cache_files(cache_home)) == 1


def test_cli_output_is_the_same_from_the_cache(tmp_path: Path, cache_home: Path) -> None:
    path = write(tmp_path / "data.yaml", HEADER + WARNED)
    runner = CliRunner()
    outputs = []
    for args in (["--no-cache"], [], []):  # YAML, YAML and cache written, cache
        check = runner.invoke(cli, ["check", "--data", str(path), *args])
        export = runner.invoke(cli, ["export", "--data", str(path), "--format", "json", *args])
        outputs.append((check.exit_code, check.output, export.exit_code, export.output))
    assert outputs[0] == outputs[1] == outputs[2]
    assert "warning: 103% is over 100%" in outputs[0][1]
    assert len(cache_files(cache_home)) == 1


def test_an_unwritable_cache_folder_is_skipped_silently(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # copscompare/ cannot be made in it
    path = write(tmp_path / "data.yaml", HEADER + OBSERVATIONS)
    result = CliRunner().invoke(cli, ["check", "--data", str(path)])
    assert (result.exit_code, result.output) == (
        0, "ok: 3 jurisdictions, 2 metrics, 2 sources, 2 observations, 0 warning(s)\n")
    assert len(load(path).observations) == 2


def test_cache_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.directory() == tmp_path / "copscompare"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # not absolute: ignored (XDG spec)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.directory() == tmp_path / "home" / ".cache" / "copscompare"


def test_values_the_format_cannot_hold_are_refused() -> None:
    with pytest.raises(cache.Uncachable):
        cache._encode_column([object()])
    for values in (["a", None, "b"], [1.5, -0.0], [3, 2**40], [("x", "y"), ()], [None, 1, "a"],
                   ["same"] * 5, ["nul\x00inside", "b"], [2**70, -(2**64)], [True, False],
                   [None], ["", None, ""], [{"k": (1, 2.5, None)}], []):
        blocks = bytearray()

        def add(column, data, blocks=blocks):
            column.update(offset=len(blocks), length=len(data),
                          digest=hashlib.blake2b(data, digest_size=16).hexdigest())
            blocks.extend(data)
            return column

        column = cache._encoded(list(values), add)
        assert cache._decode_column(column, memoryview(bytes(blocks)), len(values)) == values

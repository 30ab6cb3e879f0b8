"""Work and memory that grow with the input no faster than the input: parent chains, problems,
warnings, archived texts and their quotes."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from conftest import HEADER, OBSERVATIONS, write

from copscompare import loading
from copscompare.cli import main
from copscompare.errors import MAX_KEPT, Problems
from copscompare.loading import archive, link, records
from copscompare.model import Jurisdiction

# -- parent chains ---------------------------------------------------------------------------


class CountingDict(dict):
    """A dict that counts how often a key is looked up (``in`` and ``[]``)."""

    lookups = 0

    def __contains__(self, key: object) -> bool:
        self.lookups += 1
        return super().__contains__(key)

    def __getitem__(self, key: str) -> Jurisdiction:
        self.lookups += 1
        return super().__getitem__(key)


def places(parents: dict[str, str | None]) -> CountingDict:
    return CountingDict({place: Jurisdiction(place, place, place, "P", "省", "district",
                                             parent=parent, line=index + 1, origin="F")
                         for index, (place, parent) in enumerate(parents.items())})


def cycles(jurisdictions: dict[str, Jurisdiction]) -> list[str]:
    problems: list = []
    link._check_cycles(records.Parts(), jurisdictions, problems)
    return [str(p) for p in problems]


@pytest.mark.parametrize("size", [500, 2000])
def test_a_long_parent_chain_is_walked_once(size: int) -> None:
    """Each place's parents were walked to the top (and each step searched the chain so far):
    a 2,000-long chain took 26 s, 20,000 never finished. Now a few lookups per place."""
    chain = places({f"p{i}": f"p{i + 1}" if i + 1 < size else None for i in range(size)})
    assert cycles(chain) == []
    assert chain.lookups <= 3 * size


def test_a_long_cycle_is_walked_once_and_named_briefly() -> None:
    size = 20_000
    ring = places({f"p{i}": f"p{(i + 1) % size}" for i in range(size)})
    found = cycles(ring)
    assert ring.lookups <= 3 * size
    assert len(found) == size  # each place on it is told
    assert found[0] == ("F:1: .parent: parent cycle: p0 -> p1 -> p2 -> p3 -> p4 -> p5 -> p6 -> "
                        "p7 -> p8 -> p9 -> … (20000 places in the cycle) -> p0")
    assert found[-1] == ("F:20000: .parent: parent cycle: p19999 -> p0 -> p1 -> p2 -> p3 -> p4 "
                         "-> p5 -> p6 -> p7 -> p8 -> … (20000 places in the cycle) -> p19999")


def test_a_chain_into_a_cycle_names_only_the_cycle() -> None:
    found = cycles(places({"a": "b", "b": "c", "c": "d", "d": "c", "e": None}))
    assert found == ["F:3: .parent: parent cycle: c -> d -> c",
                     "F:4: .parent: parent cycle: d -> c -> d"]


def test_a_chain_of_20000_places_checks_through_the_cli(tmp_path: Path, capsys) -> None:
    rows = "".join(f"  - id: p{i}\n    name_zh: 地{i}\n    name_en: P{i}\n    province: P\n"
                   f"    province_zh: 省\n    level: district\n"
                   + (f"    parent: p{i + 1}\n" if i + 1 < 20_000 else "") for i in range(20_000))
    path = write(tmp_path / "chain.yaml", HEADER.replace("jurisdictions:\n",
                                                         "jurisdictions:\n" + rows, 1)
                 + OBSERVATIONS)
    assert main(["check", "--no-cache", "--data", str(path)]) == 0
    assert capsys.readouterr().out.startswith("ok: 20003 jurisdictions")


# -- problems and warnings: kept up to a cap, counted beyond ------------------------------------

def bad_entries(tmp_path: Path, count: int) -> Path:
    return write(tmp_path / "bad.yaml", "observations:\n" + "  - x\n" * count)


def test_problems_past_the_cap_are_counted_not_kept(tmp_path: Path) -> None:
    with pytest.raises(loading.DataError) as caught:
        loading.parse_files([bad_entries(tmp_path, 5000)])
    error = caught.value
    assert len(error.problems) == MAX_KEPT
    assert (error.more_errors, error.errors) == (4000, 5000)
    assert str(error) == "5000 error(s) in the data"


def test_the_cli_counts_what_it_did_not_keep(tmp_path: Path, capsys) -> None:
    path = bad_entries(tmp_path, 5000)
    assert main(["check", "--data", str(path)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == MAX_KEPT + 2
    assert lines[-2:] == ["... and 4000 more problem(s) not shown",
                          "copscompare: error: 5000 error(s) in the data; nothing was changed"]


def test_the_collector_keeps_errors_and_warnings_up_to_the_cap() -> None:
    from copscompare.errors import Problem

    found = Problems(limit=2)
    for index in range(5):
        found.append(Problem("F", index, "", "bad"))
        found.append(Problem("F", index, "", "odd", "warning"))
    assert [(p.line, p.severity) for p in found] == [(0, "error"), (0, "warning"),
                                                     (1, "error"), (1, "warning")]
    assert (found.more_errors, found.more_warnings, found.errors) == (3, 3, 5)
    more = Problems(limit=2)
    more.extend(found)
    assert (len(more), more.more_errors, more.more_warnings) == (4, 3, 3)


def given_twice(tmp_path: Path, copies: int) -> Path:
    """The fixture with one observation given ``copies`` more times: a warning each."""
    again = OBSERVATIONS.split("observations:\n")[1].split("  - jurisdiction: xiamen")[1]
    return write(tmp_path / "twice.yaml", HEADER + OBSERVATIONS
                 + ("  - jurisdiction: xiamen" + again) * copies)


def test_warnings_past_the_cap_are_counted_and_said(tmp_path: Path, capsys) -> None:
    path = given_twice(tmp_path, 1500)
    printed = []
    for _ in range(2):  # from the YAML, then from the cache: the same
        assert main(["check", "--data", str(path)]) == 0
        printed.append(capsys.readouterr())
    assert printed[0] == printed[1]
    out, err = printed[0]
    lines = err.splitlines()
    assert len(lines) == MAX_KEPT + 1
    assert lines[0] == (f"{path}:65: observations[2]: warning: the same figure is also given "
                        f"at {path}:57")
    assert lines[-1] == "... and 500 more warning(s) not shown"
    assert out == "ok: 3 jurisdictions, 2 metrics, 2 sources, 1502 observations, 1500 warning(s)\n"
    assert isinstance(loading.load(path).store, loading.cache.CachedObservations)


def test_parsing_bad_entries_holds_less_than_30_times_the_file(tmp_path: Path) -> None:
    """The issue's case: a file of one-word list items (each a problem). Its problems were all
    kept (1 GB for 12 MB), and its lines were held as the tree was built from them."""
    path = bad_entries(tmp_path, 100_000)
    size = path.stat().st_size
    tracemalloc.start()
    try:
        with pytest.raises(loading.DataError):
            loading.parse_files([path])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 30 * size


# -- archived texts -------------------------------------------------------------------------

def test_an_archived_text_over_the_size_limit_is_not_read(data_file: Path, tmp_path: Path,
                                                         monkeypatch, capsys) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "a.txt").write_text("破案率上升1个百分点" * 200_000, encoding="utf-8")  # 6 MB
    (archive / "b.txt").write_text("全市171个社区警务室当年全部建成", encoding="utf-8")
    monkeypatch.setenv("COPSCOMPARE_MAX_MB", "1")
    real_open = Path.open

    def guarded(self: Path, *args, **kwargs):
        assert self.name != "a.txt", "opened an archived text over the limit"
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded)
    assert main(["check", "--data", str(data_file), "--sources", str(archive)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{data_file}:2: file: archived text 'a.txt' is 5.3 MB, over the size limit for a "
        "file (COPSCOMPARE_MAX_MB)")


class CountingText(str):
    """A text that counts the searches made in it with ``in``."""

    searches = 0

    def __contains__(self, part: object) -> bool:
        CountingText.searches += 1
        return super().__contains__(part)


def test_many_quotes_of_one_text_are_found_in_one_pass(monkeypatch) -> None:
    """90,000 quotes in one long text took 42 s, a full search each: now a text with many
    quotes is indexed once, and only quotes shorter than the index's key are searched for."""
    text = "".join(f"第{i}段:全市报告{i}起案件。" for i in range(5000))
    wanted = {f"全市报告{i}起案件" for i in range(0, 5000, 2)} | {"全市报告5001起案件", "第3段"}
    counting = CountingText(text)
    CountingText.searches = 0
    found = archive.found_in(counting, wanted)
    assert found == wanted - {"全市报告5001起案件"}
    assert CountingText.searches == 1  # "第3段" alone: shorter than the index's key


def test_a_few_quotes_are_searched_for_directly() -> None:
    assert archive.found_in("甲乙丙丁", {"乙丙", "戊"}) == {"乙丙"}

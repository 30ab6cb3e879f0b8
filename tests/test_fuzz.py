"""Fuzzing: a bounded run of the fuzzer, and hypothesis properties of the analysis.

The fuzzer lives in ``scripts/fuzz_data.py`` (run it for many more). The default run takes a
fixed, seeded few: 30 mutants of the real data and 300 of the small fixture through check, and
200 runs of every command with random options, environment, output targets and cache damage,
a few seconds. The long run (``pytest -m long``, which ``.ci/run`` runs) adds 300 mutants of the
real data, 3,000 of the fixture and 2,000 runs.
"""

from __future__ import annotations

import importlib.util
import itertools
import math
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copscompare.analysis.delta import compute_change, series
from copscompare.analysis.rank import _score, ranking
from copscompare.model import Jurisdiction, Metric, Observation
from copscompare.numbers import as_written
from copscompare.periods import parse_period

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "fuzz_data.py"


def fuzz_module():
    spec = importlib.util.spec_from_file_location("fuzz_data", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz_data"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


# -- mutation fuzzing ------------------------------------------------------------------------

@pytest.mark.parametrize("source, iterations, seed", [
    ("real", 30, 0),
    ("fixture", 300, 1),
    pytest.param("real", 300, 0, marks=pytest.mark.long),
    pytest.param("fixture", 3000, 2, marks=pytest.mark.long),
])
def test_mutants_fail_cleanly(source: str, iterations: int, seed: int, tmp_path: Path) -> None:
    """No mutant crashes, exits other than 0/1, or prints a problem without FILE:LINE."""
    fuzz = fuzz_module()
    text = fuzz.seed_text()[0] if source == "real" else fuzz.fixture_text()
    (tmp_path / "seed.yaml").write_text(text, encoding="utf-8")
    assert fuzz.check_file(tmp_path / "seed.yaml").code == 0  # the unmutated file loads
    report = fuzz.fuzz(iterations, seed, text, tmp_path)
    assert report.failures == []
    assert report.loaded + report.data_errors == iterations
    assert report.loaded > 0 and report.data_errors > 0  # the mutants are not all alike


@pytest.mark.parametrize("runs, seed", [
    (200, 0),
    pytest.param(2000, 1, marks=pytest.mark.long),
])
def test_every_command_every_way_keeps_the_rules(runs: int, seed: int, tmp_path: Path) -> None:
    """No run crashes, writes the data, leaves a temporary file, replaces a link, pipe or
    device, or prints other than --no-cache does when the cache was damaged."""
    fuzz = fuzz_module()
    report = fuzz.fuzz_runs(runs, seed, fuzz.fixture_text(), tmp_path)
    assert report.failures == []
    assert report.loaded == runs


def test_the_runs_cover_every_command_target_and_damage() -> None:
    import random

    fuzz = fuzz_module()
    rng = random.Random(0)
    drawn = [fuzz.random_run(rng, fuzz.fixture_text()) for _ in range(400)]
    assert {run.args[0] for run in drawn} == set(fuzz.COMMANDS)
    assert {run.target for run in drawn} == {None, *fuzz.TARGETS}
    assert {run.cache for run in drawn} == set(fuzz.CACHE)
    assert {name for run in drawn for name in run.env} == set(fuzz.ENVIRONMENT)


def test_mutations_are_deterministic() -> None:
    import random

    fuzz = fuzz_module()
    text = fuzz.fixture_text()
    first = [fuzz.mutant(text, random.Random(5)) for _ in range(1)]
    again = [fuzz.mutant(text, random.Random(5)) for _ in range(1)]
    assert first == again
    assert first[0][0] != text.encode("utf-8")


# -- analysis properties -------------------------------------------------------------------

QUALIFIERS = ("exact", "about", "over", "at_least", "under", "at_most")
YEAR = parse_period("2009")


def figure(place: str, value: float, qualifier: str = "exact", period: str = "2009",
           measure: str = "level") -> Observation:
    return Observation(jurisdiction=place, metric="m", period=parse_period(period),
                       measure=measure, value=value, qualifier=qualifier, source="s",
                       quote=str(value))


values = st.one_of(st.integers(-1000, 1000).map(float),
                   st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False))
rows = st.lists(st.tuples(st.sampled_from([0.0, 1.0, 2.5, 100.0, -3.0]) | values,
                          st.sampled_from(QUALIFIERS)), max_size=25)


def as_figures(pairs: list[tuple[float, str]]) -> list[Observation]:
    return [figure(f"p{i:02d}", value, qualifier) for i, (value, qualifier) in enumerate(pairs)]


@settings(max_examples=200, deadline=None)
@given(rows, st.sampled_from(["asc", "desc"]))
def test_ranking_is_a_permutation_with_competition_ranks(pairs, order) -> None:
    figures = as_figures(pairs)
    placed = ranking(figures, order)
    assert sorted(p.obs.jurisdiction for p in placed) == sorted(f.jurisdiction for f in figures)
    scores = [_score(p.obs) for p in placed]
    better = (lambda a, b: a > b) if order == "desc" else (lambda a, b: a < b)
    for p, score in zip(placed, scores, strict=True):
        # competition ranks: 1 + how many are strictly better; ties share a rank
        assert p.rank == 1 + sum(better(other, score) for other in scores)
        assert p.tied == (scores.count(score) > 1)
        assert p.best <= p.rank <= p.worst
    assert [p.rank for p in placed] == sorted(p.rank for p in placed)


@settings(max_examples=200, deadline=None)
@given(rows)
def test_reversing_direction_reverses_order(pairs) -> None:
    figures = as_figures(pairs)
    down = [_score(p.obs) for p in ranking(figures, "desc")]
    up = [_score(p.obs) for p in ranking(figures, "asc")]
    assert down == up[::-1]


# a published figure: a whole number up to a billion, with up to three decimals
published = st.builds(lambda n, d: n / 10**d, st.integers(0, 10**9), st.integers(0, 3))
rates = st.builds(lambda n, d: n / 10**d, st.integers(0, 100), st.integers(0, 2))


@settings(max_examples=300, deadline=None)
@given(published, published, st.integers(2000, 2020), st.integers(1, 10))
def test_percent_change_and_annual_rate_agree_in_sign(before, after, year, years) -> None:
    earlier = figure("a", before, period=str(year))
    later = figure("a", after, period=str(year + years))
    change = compute_change(earlier, later, "count")
    # worked out on the figures as written: the decimal difference, no float noise
    assert change.absolute == float(as_written(after) - as_written(before))
    assert math.isclose(change.absolute, after - before, rel_tol=1e-12, abs_tol=1e-9)
    assert change.months == 12 * years
    if before == 0:
        assert change.relative is None  # a zero baseline gives no percent change
        assert change.per_year is None
        return
    assert change.relative is not None and math.isfinite(change.relative)
    assert (change.relative > 0) == (after > before) and (change.relative < 0) == (after < before)
    if years == 1:
        assert change.per_year is None  # no annual rate over a single year
    else:
        assert change.per_year is not None
        assert (change.per_year > 0) == (change.relative > 0)
        assert (change.per_year < 0) == (change.relative < 0)
        assert abs(change.per_year) <= abs(change.relative) + 1e-9


@settings(max_examples=200, deadline=None)
@given(rates, rates)
def test_rates_change_in_percentage_points(before, after) -> None:
    change = compute_change(figure("a", before, period="2008"), figure("a", after), "percent")
    assert change.relative == change.absolute == float(as_written(after) - as_written(before))
    assert change.per_year is None


METRIC = Metric("m", "指标", "metric", "count", "higher", "crime", "d")
PLACE = Jurisdiction("a", "甲", "A", "P", "省", "district")


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.integers(1990, 2030), st.integers(1, 10**7), min_size=2, max_size=12))
def test_computed_deltas_add_up_along_a_series(by_year: dict[int, int]) -> None:
    figures = [figure("a", float(v), period=str(y)) for y, v in by_year.items()]
    lines = series(METRIC, PLACE, figures)
    changes = [line.change for line in lines if line.change is not None]
    years = sorted(by_year)
    assert [line.period.text for line in lines] == [str(y) for y in years]
    assert len(changes) == len(years) - 1
    assert sum(c.absolute for c in changes) == by_year[years[-1]] - by_year[years[0]]
    assert all(a.later is b.earlier for a, b in itertools.pairwise(changes))  # consecutive
    # percent changes compound to the whole change (1 + r/100 loses digits near -100%)
    growth = math.prod(1 + c.relative / 100 for c in changes if c.relative is not None)
    assert math.isclose(growth, by_year[years[-1]] / by_year[years[0]], rel_tol=1e-6)

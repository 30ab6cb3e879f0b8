"""How well ``copscompare extract`` drafts what curators curated, and how fast.

    python scripts/extract_eval.py [--seeds DIR] [--articles DIR] [--all] [--show ID]

Seeds (``--seeds``, default ../shared/seeds beside the checkout): every source of the bundled
data whose archived text is there is drafted as the curator would run extract (``--published``
the source's date where it has a day, ``--jurisdiction`` the place most of its observations are
about) and compared with its curated observations:

- recall: curated figures drafted with the same value, measure and a quote that overlaps the
  curated one in the text (a drafted row may match several curated figures: 29 stations and
  29 mediation rooms in one clause);
- precision: drafted rows that match a curated figure;
- flagged: drafted rows with at least one flag; dropped: figures the checker's rules refused;
- invented: drafted rows whose value the shared reader does not see in the row's quote, or
  whose quote is not verbatim in the article (must be 0);
- time: drafting one article in this process (the data loaded once, OpenCC warm), and, for
  the largest seed and for 20 KB of seed text, the whole command as a user runs it.

Curated context figures (category ``context``: GDP, budgets) count only with ``--all``, which
drafts them too. Articles without curated truth (``--articles``, default
../scratch/articles with its index.json) are drafted too: rows, flagged, dropped per article.
``--show ID`` prints the matched, missed and extra rows of one seed source.

Last, the curator's check on each seed (``--check-seed ID`` for one): its source and
observations are taken out of a copy of the bundled data, extract drafts the article into a
file of its own beside it, the curator's choices are made as a curator accepting the draft
would (each proposed metric kept as proposed, each flag comment read and left: flags are
comments), and ``copscompare check --sources`` runs on the result: it must say ok.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from copscompare import loading  # noqa: E402
from copscompare.extract.article import article_of, read_article  # noqa: E402
from copscompare.extract.draft import Options, draft_article  # noqa: E402
from copscompare.extract.rows import Draft, Row  # noqa: E402
from copscompare.loading.figures import read_figures  # noqa: E402
from copscompare.model import Dataset, Observation  # noqa: E402

TWENTY_KB = 20_000


@dataclass
class Score:
    curated: int = 0
    recalled: int = 0
    drafted: int = 0
    precise: int = 0
    flagged: int = 0
    dropped: int = 0
    invented: int = 0
    seconds: float = 0.0

    def add(self, other: Score) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def _spans(text: str, quote: str) -> list[tuple[int, int]]:
    found, start = [], text.find(quote)
    while start >= 0:
        found.append((start, start + len(quote)))
        start = text.find(quote, start + 1)
    return found


def _overlap(text: str, one: str, other: str) -> bool:
    return any(a < d and c < b for a, b in _spans(text, one) for c, d in _spans(text, other))


def matches(text: str, row: Row, obs: Observation) -> bool:
    return (row.measure == obs.measure
            and math.isclose(float(row.value), obs.value, rel_tol=1e-9, abs_tol=1e-9)
            and _overlap(text, row.quote, obs.quote))


def invented(text: str, row: Row) -> bool:
    """The row's value is not a figure the reader sees in its quote, or the quote is not in
    the article."""
    if row.quote not in text:
        return True
    seen = [f for f in read_figures(row.quote) if f.kind == "figure"]
    return not any(math.isclose(abs(float(row.value)), f.value, abs_tol=1e-9) for f in seen)


def score(text: str, draft: Draft, curated: list[Observation], seconds: float) -> Score:
    rows = draft.rows
    return Score(
        curated=len(curated),
        recalled=sum(any(matches(text, r, o) for r in rows) for o in curated),
        drafted=len(rows),
        precise=sum(any(matches(text, r, o) for o in curated) for r in rows),
        flagged=sum(bool(r.flags) for r in rows), dropped=draft.dropped,
        invented=sum(invented(text, r) for r in rows), seconds=seconds)


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def _line(name: str, s: Score) -> str:
    return (f"{name:<28} {s.curated:>7} {s.drafted:>7} {s.recalled:>8} "
            f"{_percent(s.recalled, s.curated):>7} {_percent(s.precise, s.drafted):>9} "
            f"{s.flagged:>7} {s.dropped:>7} {s.invented:>8} {1000 * s.seconds:>8.1f}")


HEADER = (f"{'article':<28} {'curated':>7} {'drafted':>7} {'recalled':>8} {'recall':>7} "
          f"{'precision':>9} {'flagged':>7} {'dropped':>7} {'invented':>8} {'ms':>8}")


def _main_place(dataset: Dataset, source: str) -> str:
    places = [o.jurisdiction for o in dataset.observations if o.source == source]
    return max(dict.fromkeys(places), key=places.count)


def _published(date: str) -> str | None:
    return date if len(date) == 10 else None


def draft_timed(text_name: str, text: str, dataset: Dataset, options: Options
                ) -> tuple[Draft, float]:
    start = time.perf_counter()
    draft = draft_article(article_of(text_name, text), dataset, options)
    return draft, time.perf_counter() - start


def seeds(dataset: Dataset, folder: Path, with_context: bool, show: str | None) -> None:
    print(f"Seeds in {folder}, against the curated observations"
          f"{' (context figures included, --all)' if with_context else ' (police figures)'}:")
    print(HEADER)
    total = Score()
    for source in dataset.sources.values():
        if source.file is None or not (folder / source.file).is_file():
            continue
        text = read_article(folder / source.file).text
        options = Options(source=source.id, jurisdiction=_main_place(dataset, source.id),
                          published=_published(source.date), include_context=with_context)
        draft, seconds = draft_timed(source.file, text, dataset, options)
        curated = [o for o in dataset.observations if o.source == source.id
                   and (with_context or dataset.metrics[o.metric].category != "context")]
        result = score(text, draft, curated, seconds)
        total.add(result)
        print(_line(f"{source.id} {source.file[:20]}", result))
        if show == source.id:
            _show(text, draft, curated)
    print(_line("all seeds", total))


def _show(text: str, draft: Draft, curated: list[Observation]) -> None:
    for obs in curated:
        if not any(matches(text, r, obs) for r in draft.rows):
            print(f"    missed {obs.value} {obs.measure} {obs.quote}")
    for row in draft.rows:
        if not any(matches(text, row, o) for o in curated):
            print(f"    extra  {row.value} {row.measure} {row.quote} {'; '.join(row.flags)}")


def articles(dataset: Dataset, folder: Path) -> None:
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    print(f"\nArticles in {folder} (no curated truth yet):")
    print(f"{'article':<10} {'chars':>6} {'rows':>5} {'flagged':>7} {'dropped':>7} "
          f"{'invented':>8} {'ms':>7}")
    rows = flagged = dropped = made_up = 0
    times = []
    for entry in index:
        path = folder / f"{entry['id']}.txt"
        if not path.is_file():
            continue
        text = read_article(path).text
        options = Options(jurisdiction=entry["jurisdiction"],
                          published=_published(entry.get("published") or ""))
        draft, seconds = draft_timed(path.name, text, dataset, options)
        lost = sum(invented(text, r) for r in draft.rows)
        rows, dropped, made_up = rows + len(draft.rows), dropped + draft.dropped, made_up + lost
        flagged += sum(bool(r.flags) for r in draft.rows)
        times.append(seconds)
        print(f"{entry['id']:<10} {len(text):>6} {len(draft.rows):>5} "
              f"{sum(bool(r.flags) for r in draft.rows):>7} {draft.dropped:>7} {lost:>8} "
              f"{1000 * seconds:>7.1f}")
    print(f"{'all':<10} {'':>6} {rows:>5} {flagged:>7} {dropped:>7} {made_up:>8} "
          f"{1000 * sum(times):>7.1f}  (median {1000 * statistics.median(times):.1f} ms)")


def command_time(folder: Path, dataset: Dataset) -> None:
    """The whole command, as a user runs it: the largest seed, and 20 KB of seed text."""
    texts = sorted(folder.glob("*.txt"), key=lambda p: p.stat().st_size)
    if not texts:
        return
    largest = texts[-1]
    joined = ""
    while len(joined.encode("utf-8")) < TWENTY_KB:
        for path in texts:
            joined += path.read_text(encoding="utf-8")
    joined = joined.encode("utf-8")[:TWENTY_KB].decode("utf-8", errors="ignore")
    draft, seconds = draft_timed("20kb.txt", joined, dataset, Options(published="2017-11-21"))
    print(f"\n20 KB of seed text drafted in {1000 * seconds:.0f} ms "
          f"({len(draft.rows)} rows)")
    with tempfile.TemporaryDirectory() as work:
        twenty = Path(work) / "20kb.txt"
        twenty.write_text(joined, encoding="utf-8")
        for path in (largest, twenty):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "copscompare", "extract", str(path),
                            "--published", "2017-11-21"], cwd=ROOT, check=True,
                           capture_output=True)
            print(f"`copscompare extract {path.name}` ({path.stat().st_size} bytes), the whole "
                  f"command: {1000 * (time.perf_counter() - start):.0f} ms")


def check_seed(dataset: Dataset, folder: Path, source_id: str) -> None:
    """The draft of one seed, checked as the curator would check it (module docstring)."""
    import yaml

    source = dataset.sources[source_id]
    bundled = yaml.safe_load((ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8"))
    bundled["sources"] = [s for s in bundled["sources"] if s["id"] != source_id]
    bundled["observations"] = [o for o in bundled["observations"]
                               if o["source"] != source_id]
    for place in bundled["jurisdictions"]:  # a place that cites the source without figures
        if place.get("source") == source_id:
            del place["source"]
    with tempfile.TemporaryDirectory() as work:
        data = Path(work) / "data"
        data.mkdir()
        (data / "indicators.yaml").write_text(
            yaml.safe_dump(bundled, allow_unicode=True, sort_keys=False), encoding="utf-8")
        published = ["--published", source.date] if source.date != "unknown" else []
        draft = subprocess.run(
            [sys.executable, "-m", "copscompare", "extract", str(folder / source.file),
             "--data", str(data), "--source", source_id,
             "--jurisdiction", _main_place(dataset, source_id), *published],
            cwd=ROOT, check=False, capture_output=True, text=True)
        if draft.returncode:
            print(f"\nextract on {source_id} failed:\n{draft.stderr}")
            return
        (data / f"{source_id}-draft.yaml").write_text(draft.stdout, encoding="utf-8")
        check = subprocess.run(
            [sys.executable, "-m", "copscompare", "check", "--data", str(data), "--sources",
             str(folder)], cwd=ROOT, check=False, capture_output=True, text=True)
    rows = draft.stdout.count("\n  - jurisdiction:")
    flagged = draft.stdout.partition("observations:")[2].count("    # flags:")
    print(f"\nThe curator's check on {source_id}: {rows} drafted rows, "
          f"{flagged} with flags; `copscompare check --sources`: "
          f"exit {check.returncode}")
    print("".join(f"    {line}\n" for line in (check.stderr + check.stdout).splitlines()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--articles", type=Path, default=ROOT.parent / "scratch" / "articles")
    parser.add_argument("--all", action="store_true", help="draft and count context figures")
    parser.add_argument("--show", metavar="ID", help="matched, missed and extra rows of one seed")
    parser.add_argument("--no-command", action="store_true", help="skip timing the command")
    parser.add_argument("--check-seed", metavar="ID", action="append",
                        help="a seed whose draft is checked as a curator would (repeatable; "
                             "default: every seed)")
    args = parser.parse_args()
    dataset = loading.load(None, use_cache=False)
    seeds(dataset, args.seeds, args.all, args.show)
    if (args.articles / "index.json").is_file():
        articles(dataset, args.articles)
    if not args.no_command:
        command_time(args.seeds, dataset)
        for source_id in args.check_seed or [s.id for s in dataset.sources.values()
                                             if s.file and (args.seeds / s.file).is_file()]:
            check_seed(dataset, args.seeds, source_id)


if __name__ == "__main__":
    main()

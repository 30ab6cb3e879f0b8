"""A figure and its quote: the numbers a Chinese quote states, and the checks they serve.

- ``figures_in``/``quote_has_figure``: the numbers a reader could see in a quote;
- ``stated_direction``: whether a quote speaks of a fall or a rise;
- ``figure_error``: the first rule an observation breaks against its metric and quote: a
  percentage-point change needs a percent metric; a level is never negative; the quote contains
  the figure; a change's sign agrees with the fall or rise its quote speaks of;
- ``check_quotes``: every quote stands verbatim in its source's archived text.

Numbers are read in these forms (each gives one or more candidate numbers):
- Arabic figures, with an optional thousands comma: ``97.03``, ``3155``, ``204,365``;
- Arabic figures with Chinese multipliers, with 余/多 between: ``2.9万`` = 29000,
  ``1.2亿`` = 120000000, ``1000余万`` = 10000000, ``3万余`` = 30000 (the bare figure counts too);
- Chinese numerals: ``二十六`` = 26, ``第一`` = 1, ``近百`` = 100, ``千万`` = 10000000, ``两`` = 2;
- tenths: ``四成`` = 40, ``超过六成`` = 60;
- ``零`` = 0, and, for percentages only, ``全部`` (all) = 100;
- for ranks only, ``冠`` (champion: ``三连冠`` is first three times running) = 1.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from copscompare.errors import Problem
from copscompare.model import Dataset, Metric, Observation
from copscompare.numbers import plain_number

_MULTIPLIER = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
          "七": 7, "八": 8, "九": 9}

_ARABIC = re.compile(
    r"(\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?)\s*([余多]?)\s*([十百千万亿]*)\s*(成?)"
)
_CHINESE = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+成?")


def _chinese_numeral(text: str) -> int:
    """Value of a run of Chinese numerals such as 二十六, 一千零五, 千万 (``_CHINESE`` finds the
    runs; any run of those characters has a value: a lone 千 is 1000)."""
    total, section, digit = 0, 0, None
    for char in text:
        if char in _DIGIT:
            digit = _DIGIT[char]
        elif char in ("万", "亿"):
            section = (section + (digit or 0)) or 1
            total = (total + section) * _MULTIPLIER[char]
            section, digit = 0, None
        else:  # 十 百 千
            section += (1 if digit is None else digit) * _MULTIPLIER[char]
            digit = None
    return total + section + (digit or 0)


def figures_in(quote: str, percent: bool = False, rank: bool = False) -> set[float]:
    """Every number a reader could see in ``quote`` (see the module docstring for the forms)."""
    found: set[float] = set()
    for match in _ARABIC.finditer(quote):
        base = float(match.group(1).replace(",", ""))
        found.add(base)
        multiplier = 1
        for char in match.group(3):
            multiplier *= _MULTIPLIER[char]
        found.add(base * multiplier)
        if match.group(4):
            found.add(base * multiplier * 10)
    for match in _CHINESE.finditer(quote):
        run = match.group(0)
        tenths = run.endswith("成")
        number = _chinese_numeral(run.rstrip("成"))
        found.add(float(number))
        if tenths:
            found.add(float(number * 10))
    if percent and "全部" in quote:
        found.add(100.0)
    if rank and "冠" in quote:
        found.add(1.0)
    return found


def quote_has_figure(quote: str, value: float, percent: bool = False,
                     rank: bool = False) -> bool:
    """True when the magnitude of ``value`` is one of the figures written in ``quote``."""
    target = abs(value)
    figures = figures_in(quote, percent, rank)
    return any(math.isclose(target, f, rel_tol=1e-9, abs_tol=1e-9) for f in figures)


FALL_WORDS = ("下降", "减少", "降低", "下滑", "回落")
RISE_WORDS = ("上升", "增长", "提高", "增加", "提升", "上涨")


def stated_direction(quote: str) -> int:
    """-1 when the quote only speaks of a fall, +1 when only of a rise, 0 when both or neither."""
    falls = any(word in quote for word in FALL_WORDS)
    rises = any(word in quote for word in RISE_WORDS)
    return (rises and not falls) - (falls and not rises)


def figure_error(obs: Observation, metric: Metric) -> tuple[str, str] | None:
    """The first rule ``obs`` breaks against its metric and quote, as (field, message); None
    when it breaks none (rules in the module docstring)."""
    if obs.measure == "change_pp" and metric.unit != "percent":
        return "measure", (f"a percentage-point change needs a percent metric; '{metric.id}' is "
                           f"counted in {metric.unit}")
    if obs.measure == "level" and obs.value < 0:
        return "value", "a level cannot be negative (write a fall as a change)"
    percent = metric.unit == "percent" or obs.measure in ("change_pct", "change_pp")
    if not quote_has_figure(obs.quote, obs.value, percent, obs.measure == "rank"):
        return "quote", (f"the quote does not contain the figure {plain_number(abs(obs.value))} "
                         "(quote the shortest clause that does)")
    direction = stated_direction(obs.quote) if obs.measure.startswith("change") else 0
    if obs.value and direction and (direction > 0) != (obs.value > 0):
        said = "a fall" if direction < 0 else "a rise"
        return "value", (f"the quote speaks of {said} but the value is "
                         f"{plain_number(obs.value)}: decreases are negative")
    return None


def over_a_hundred_percent(obs: Observation, metric: Metric) -> bool:
    """A percent level over 100: possible (a target overshot), but worth a warning."""
    return obs.measure == "level" and metric.unit == "percent" and obs.value > 100


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def check_quotes(dataset: Dataset, folder: Path) -> list[Problem]:
    """Every quote must appear verbatim (whitespace ignored) in its source's archived text.

    A source with no archived text (``file`` absent: only its ``url`` and ``accessed``) is
    skipped; its quotes are not verified here."""
    problems: list[Problem] = []
    texts: dict[str, str | None] = {}
    for source in dataset.sources.values():
        texts[source.id] = None
        if source.file is None:  # not archived here: its quotes cannot be verified
            continue
        archived = folder / source.file
        if archived.is_file():
            try:
                texts[source.id] = _squeeze(archived.read_text(encoding="utf-8",
                                                               errors="replace"))
            except OSError as exc:
                problems.append(Problem(source.origin, source.line, "file",
                                        f"archived text '{source.file}' cannot be read: "
                                        f"{exc.strerror or exc}"))
        else:
            problems.append(Problem(source.origin, source.line, "file",
                                    f"archived text '{source.file}' not found in {folder}"))
    for obs in dataset.observations:
        text = texts.get(obs.source)
        if text is not None and _squeeze(obs.quote) not in text:
            problems.append(Problem(obs.origin, obs.line, "quote",
                                    f"quote not found verbatim in "
                                    f"{dataset.sources[obs.source].file}: {obs.quote[:40]!r}"))
    return problems

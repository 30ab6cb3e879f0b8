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

import contextlib
import math
import re
from pathlib import Path

from copscompare.errors import Problem
from copscompare.model import Dataset, Metric, Observation
from copscompare.numbers import plain_number

_MULTIPLIER = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
          "七": 7, "八": 8, "九": 9}

MAX_FIGURE = 10**20  # no press release states more; multipliers past it are not multiplied out
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
    """Every number a reader could see in ``quote`` (see the module docstring for the forms);
    multipliers or numerals past MAX_FIGURE are no figure (``39亿亿亿…`` would overflow a
    float)."""
    found: set[float] = set()
    for match in _ARABIC.finditer(quote):
        base = float(match.group(1).replace(",", ""))
        found.add(base)
        multiplier = 1
        for char in match.group(3):
            multiplier = min(multiplier * _MULTIPLIER[char], MAX_FIGURE + 1)
        if multiplier <= MAX_FIGURE:
            found.add(base * multiplier)
            if match.group(4):
                found.add(base * multiplier * 10)
    for match in _CHINESE.finditer(quote):
        run = match.group(0)
        tenths = run.endswith("成")
        number = _chinese_numeral(run.rstrip("成"))
        if number <= MAX_FIGURE:
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
    skipped; its quotes are not verified here. Each archived text is read once (at most the
    data's size limit) and searched once for all its quotes (``found_in``); a quote not found
    in a text that is not UTF-8 says what encoding the text seems to be in."""
    problems: list[Problem] = []
    archives: dict[str, tuple[str | None, str]] = {}  # file -> (squeezed text, encoding hint)
    texts: dict[str, str] = {}  # source id -> file, for sources whose text could be read
    for source in dataset.sources.values():
        if source.file is None:  # not archived here: its quotes cannot be verified
            continue
        if source.file not in archives:
            archives[source.file] = _archived(folder, source.file)
        text, trouble = archives[source.file]
        if text is None:
            problems.append(Problem(source.origin, source.line, "file", trouble))
        else:
            texts[source.id] = source.file
    quotes = [(obs, texts[obs.source], _squeeze(obs.quote)) for obs in dataset.observations
              if obs.source in texts]
    wanted: dict[str, set[str]] = {}
    for _, file, quote in quotes:
        wanted.setdefault(file, set()).add(quote)
    found = {file: found_in(archives[file][0] or "", each) for file, each in wanted.items()}
    for obs, file, quote in quotes:
        if quote not in found[file]:
            problems.append(Problem(obs.origin, obs.line, "quote",
                                    f"quote not found verbatim in {file}: {obs.quote[:40]!r}"
                                    + archives[file][1]))
    return problems


def _archived(folder: Path, name: str) -> tuple[str | None, str]:
    """An archived text, squeezed, and a hint when it is not UTF-8; or None and why not."""
    from copscompare.loading.files import OverLimit, max_bytes, read_at_most

    try:
        data = read_at_most(folder / name, max_bytes())
    except FileNotFoundError:
        return None, f"archived text '{name}' not found in {folder}"
    except OSError as exc:
        return None, f"archived text '{name}' cannot be read: {exc.strerror or exc}"
    except OverLimit as exc:
        return None, (f"archived text '{name}' is {exc.size / 1048576:.1f} MB, over the size "
                      f"limit for a file (COPSCOMPARE_MAX_MB)")
    text = data.decode("utf-8", errors="replace")
    return _squeeze(text), "" if "\ufffd" not in text else _encoding_hint(name, data)


def _encoding_hint(name: str, data: bytes) -> str:
    """`` (x.txt is not UTF-8 …)`` for a text whose bytes are not all UTF-8."""
    try:
        data.decode("utf-8")
        return ""  # a real U+FFFD in a UTF-8 text
    except UnicodeDecodeError:
        pass
    guess = "an encoding other than UTF-8"
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data:  # no NUL in other text
        guess = "UTF-16"
    else:
        with contextlib.suppress(UnicodeDecodeError):
            data.decode("gb18030")  # a Big5 text mostly decodes as one too
            guess = "a Chinese encoding such as GBK (GB 18030) or Big5"
    return f" ({name} is not UTF-8; it looks like {guess}: save it as UTF-8)"


FOUND_ONE_BY_ONE = 32  # quotes in one text searched for one by one; more: with an index
_PREFIX = 8  # characters of a quote the index looks up


def found_in(text: str, quotes: set[str]) -> set[str]:
    """Which of ``quotes`` stand in ``text``. A few are searched for one by one; many (90,000
    quotes of one long text took 35 s that way) through one pass over the text that looks up
    each place's next _PREFIX characters among the quotes' beginnings; a quote shorter than
    that is searched for on its own."""
    if len(quotes) <= FOUND_ONE_BY_ONE:
        return {quote for quote in quotes if quote in text}
    found = {quote for quote in quotes if len(quote) < _PREFIX and quote in text}
    starting: dict[str, list[str]] = {}
    for quote in quotes:
        if len(quote) >= _PREFIX:
            starting.setdefault(quote[:_PREFIX], []).append(quote)
    for at in range(len(text) - _PREFIX + 1):
        waiting = starting.get(text[at:at + _PREFIX])
        if waiting:
            here = [quote for quote in waiting if text.startswith(quote, at)]
            found.update(here)
            waiting[:] = [quote for quote in waiting if quote not in found]
    return found

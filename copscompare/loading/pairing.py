"""Which figure of its quote an observation is, and which other figures could be it.

Rules (``pick``):
- With ``figure``: the figure the quote writes where ``figure`` stands in it (a figure whose
  span overlaps it), the one with the observation's value first.
- In a list that pairs subjects with figures (``Figure.subject``: 侵财、“两抢”案件同比分别下降
  18.8%、67.7%), the figure of the subject that names the metric: the subject that holds the
  longest of the metric's label and aliases whole (or that one of them holds whole); failing
  that, the subject most of whose characters a label or alias holds in the same order (刑拘数
  for 刑事拘留数), by a clear margin (15 points of the share more than any other subject: 电诈
  发案 and 造成损失 are alike to 电信网络诈骗损失, so neither is named). At least two
  characters; and only when the observation's value is one of the list's figures or of none
  of the quote's: a value from another clause is that clause's figure.
- Otherwise the figure that has the observation's value (the value of 上升1.7倍 as a percent
  change is 170); among several, the one whose wording agrees most with the observation
  (measure, sign, qualifier), the first in the quote among equals. None when no figure has it.

``could_be`` lists the figures that could stand for an observation by their kind alone: the
same kind of measure and a unit that fits the metric. Two or more, with nothing above to tell
which, make the choice the curator's to state with ``figure``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from copscompare.hanzi import to_simplified
from copscompare.loading import wording as w
from copscompare.loading.figures import Figure
from copscompare.model import Metric, Observation

CHANGES = ("change_pct", "change_pp", "change_abs")
_NO_MARKS = str.maketrans("", "", w.QUOTE_MARKS + " ")
MONEY_UNITS = ("yuan",)
_MARGIN = 0.15  # how much more of one subject than of any other a name must hold
TIME_UNITS = {"seconds": ("秒", "秒钟", "秒鐘"), "minutes": ("分钟", "分鐘"),
              "hours": ("小时", "小時")}


@dataclass(frozen=True)
class Pick:
    """The figure chosen and how: ``figure`` (named by the field), ``list`` (paired with the
    metric's name) or ``value``; ``figure`` None when nothing in the quote is the value."""

    figure: Figure | None
    how: str


def same_value(figure: Figure, obs: Observation) -> bool:
    """The figure is the observation's value (``is_value``)."""
    return is_value(obs.value, obs.measure, figure.value, figure.counter)


def is_value(value: float, measure: str, written: float, counter: str) -> bool:
    """``value`` (signed) is the figure ``written`` with ``counter`` (unsigned; as a percent
    change, N倍 is read both ways the articles mean it: up by N×100%, or N times as much, up
    by (N−1)×100%)."""
    value = abs(value)
    if math.isclose(value, written, rel_tol=1e-12, abs_tol=1e-9):
        return True
    return counter == "倍" and measure == "change_pct" and any(
        math.isclose(value, abs(times) * 100, rel_tol=1e-12) for times in (written, written - 1))


def pick(obs: Observation, metric: Metric, figures: list[Figure]) -> Pick:
    """The figure of ``figures`` (the quote's police figures) the observation is (rules in the
    module docstring)."""
    if obs.figure is not None:
        return Pick(_named(obs, figures), "figure")
    listed = _paired(obs, metric, figures)
    if listed is not None:
        return Pick(listed, "list")
    having = [f for f in figures if same_value(f, obs)]
    if not having:
        return Pick(None, "value")
    return Pick(max(having, key=lambda f: (_agreement(f, obs), -f.start)), "value")


def _named(obs: Observation, figures: list[Figure]) -> Figure | None:
    written = obs.figure or ""
    spots = []
    at = obs.quote.find(written)
    while at >= 0 and written:
        spots.append((at, at + len(written)))
        at = obs.quote.find(written, at + 1)
    there = [f for f in figures if any(f.start < end and start < f.end for start, end in spots)]
    return next((f for f in there if same_value(f, obs)), there[0] if there else None)


def _paired(obs: Observation, metric: Metric, figures: list[Figure]) -> Figure | None:
    for group in {f.group for f in figures if f.group >= 0 and f.subject}:
        members = [f for f in figures if f.group == group]
        index = named_subject(metric, [f.subject for f in members])
        if index is None:
            continue
        in_list = any(same_value(f, obs) for f in members)
        anywhere = any(same_value(f, obs) for f in figures)
        if in_list or not anywhere:
            return members[index]
    return None


def named_subject(metric: Metric, subjects: list[str]) -> int | None:
    """The index of the one subject that names ``metric`` best (module docstring), or None."""
    names = [_plain(name) for name in (metric.label_zh, *metric.aliases) if not name.isascii()]
    plain = [_plain(subject) for subject in subjects]
    held = [max((_held(s, n) for n in names), default=0) for s in plain]
    if max(held, default=0) >= 2:
        return held.index(max(held)) if held.count(max(held)) == 1 else None
    likeness = [max((_likeness(s, n) for n in names), default=(0.0, 0)) for s in plain]
    ranked = sorted(likeness, reverse=True)
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][0] - ranked[1][0]
                                         >= _MARGIN):
        return likeness.index(ranked[0])
    return None


def _held(subject: str, name: str) -> int:
    """How much of a name the subject holds whole (or of the subject the name holds)."""
    if name and name in subject:
        return len(name)
    return len(subject) if len(subject) >= 2 and subject in name else 0


def _plain(text: str) -> str:
    return to_simplified(text.translate(_NO_MARKS))


def _likeness(subject: str, name: str) -> tuple[float, int]:
    """(share of the subject's characters the name has in the same order, how many): 刑拘 is
    all in 刑事拘留 (an abbreviation), 入室盗窃 all in 入室盗窃破案率."""
    shared = _in_order(subject, name)
    return (shared / len(subject) if subject else 0.0, shared)


def _in_order(a: str, b: str) -> int:
    """The longest run of characters ``a`` and ``b`` both hold in the same order (not
    necessarily side by side)."""
    row = [0] * (len(b) + 1)
    for char in a:
        previous = 0
        for j, other in enumerate(b, 1):
            current = row[j]
            row[j] = previous + 1 if char == other else max(row[j], row[j - 1])
            previous = current
    return row[-1]


def _agreement(figure: Figure, obs: Observation) -> int:
    """How many of the measure, the sign and the qualifier the figure's wording agrees on."""
    measure = fits_measure(figure, obs.measure)
    sign = obs.measure not in CHANGES or not figure.direction or (
        (figure.direction > 0) == (obs.value > 0))
    return measure + sign + (figure.qualifier == obs.qualifier)


def fits_measure(figure: Figure, measure: str) -> bool:
    """The figure's wording allows ``measure`` (an unclear change allows either kind)."""
    hint = figure.measure_hint
    if measure == "change_pct":
        return hint == "change_pct" or (hint == "" and not figure.counter)
    if measure == "change_abs":
        return hint == "change_abs" or (hint == "" and not figure.percent)
    return hint == measure


def fits_unit(figure: Figure, unit: str) -> bool:
    """The figure's unit can be the metric's: a share for a percent metric, money for yuan,
    the metric's own time unit, people for people, and none of those for counts."""
    family = figure.counter_family
    if unit == "percent":
        return figure.percent or family == ""
    if figure.percent:
        return False
    if unit in MONEY_UNITS:
        return family in ("money", "")
    if unit in TIME_UNITS:
        return family == "" or figure.counter in TIME_UNITS[unit]
    if unit == "people":
        return family in ("person", "")
    return family not in ("money", "points") and figure.counter not in _ALL_TIME


_ALL_TIME = tuple(word for words in TIME_UNITS.values() for word in words)


def could_be(obs: Observation, metric: Metric, figures: list[Figure]) -> list[Figure]:
    """The figures that could stand for ``obs`` by their kind (module docstring)."""
    return [f for f in figures if fits_measure(f, obs.measure)
            and (obs.measure not in ("level", "change_abs") or fits_unit(f, metric.unit))]

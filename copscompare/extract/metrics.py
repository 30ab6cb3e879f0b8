"""Which metric a figure counts: one of the data's, found by its label or an alias, or a new
one proposed for the curator to name and define.

Rules:
- A metric's names are its Chinese label and its aliases, in simplified characters; the
  figure's words are searched for them: its subject (for a figure of a 分别 list, the subject
  its place pairs it with, and nothing else), then the rest of its quote, then, for a figure
  whose clause has no subject of its own, its sentence before it (同比下降12.83% after
  全市共接报刑事类警情25385起). The longest name found wins, the nearest to the figure on a
  tie.
- A name of a crime after a verb of solving it (破获刑事案件, 侦破…案件) or right before one
  (刑事案件破案) names the metric of cases solved: the clearance metric whose label holds
  that name (刑事案件破案数; a count before a rate for a percent change), else a new one. So
  does a crime beside a solving verb when no metric of that crime fits the figure (命案100%
  侦破: the homicide clearance rate).
- A name found must fit the figure: a percentage-point change or a percent level needs a
  percent metric; a level or an absolute change counted in people, yuan, seconds … needs a
  metric in that unit; a rank or a percent change fits any metric. The longest name that fits
  is taken; a name that does not fit is passed over.
- A metric that already holds another figure of the same place, period and measure in the
  draft is passed over (two figures of one clause are two metrics, not one given twice).
- A metric is read when its full Chinese label is all the figure's subject says (after the
  words ``metric_label`` drops); found otherwise, it is guessed.
- Otherwise a new metric is proposed: its Chinese label is the figure's words (its quote
  without its figures, or the subject a 分别 list pairs it with) without the place, the
  bureau and filler words (``words.NOT_THE_METRIC``) and without the checker's words of
  change and comparison (``metric_label``), ending in 排名 for a rank; its English label and id come
  from ``words.GLOSSARY`` where every word is known (else the label says it needs translating
  and the id is ``new_metric_N``); its unit is the figure's (a change's unit is read from how
  the label ends: 率 is percent, 人数 people, 金额 yuan, else count); its category and which
  way is better from ``words.CATEGORY_WORDS``. The same label proposed twice in the same
  unit is one metric (涉及5个层次39万人: two metrics, a count and people; a percent change
  is the metric of the same label whatever its unit).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from copscompare.extract import words
from copscompare.hanzi import to_simplified
from copscompare.loading import wording
from copscompare.model import Metric

ANY_UNIT = ("rank", "change_pct")
_CJK = re.compile(r"[\u3400-\u9fff]")
_PUNCTUATION = re.compile(r"[“”\"'‘’《》()()【】,,;;::\s]")


_SOLVING = re.compile(r"(?<![突打])破|侦破")


@dataclass(frozen=True)
class Words:
    """A figure's words, in simplified characters: its subject, its quote, its sentence
    before it; ``paired``: the subject is the one a 分别 list pairs with it."""

    subject: str
    quote: str
    earlier: str = ""
    paired: bool = False
    label: str = ""  # what a new metric's label is made of (default: the subject)


@dataclass(frozen=True)
class Choice:
    metric: str
    new: Metric | None  # the proposed metric, when ``metric`` is not in the data
    guessed: bool


@dataclass(frozen=True)
class _Name:
    text: str
    metric: Metric
    label: bool  # the full Chinese label, not an alias


def fits(metric: Metric, measure: str, unit: str | None) -> bool:
    """True when a figure of ``measure`` counted in ``unit`` can be a figure of ``metric``."""
    if measure == "change_pp":
        return metric.unit == "percent"
    if measure in ANY_UNIT or unit is None:
        return True
    return metric.unit == unit


class Metrics:
    """The data's metrics by name, and the metrics a draft proposes (rules in the module doc)."""

    def __init__(self, metrics: Mapping[str, Metric]) -> None:
        names = []
        for metric in metrics.values():
            names.append(_Name(_plain(metric.label_zh), metric, True))
            names += [_Name(_plain(alias), metric, False) for alias in metric.aliases
                      if _CJK.search(alias)]
        self._names = [n for n in names if len(n.text) >= 2]
        self._taken = set(metrics)
        self.proposed: dict[tuple[str, str], Metric] = {}  # (label, unit) -> metric
        self._first_key: dict[str, tuple[str, str]] = {}  # label -> its first (label, unit)
        self.proposed_by_id: dict[str, Metric] = {}

    def choose(self, words_: Words, measure: str, unit: str | None,
               taken: Callable[[str], bool] = lambda _: False) -> Choice:
        """The metric of a figure with ``words_`` (rules in the module docstring); a metric
        ``taken`` already holds another figure of the same place, period and measure."""
        texts = ((words_.subject,) if words_.paired
                 else (words_.subject, words_.quote, words_.earlier))
        for text in texts:
            found = self._found(text, measure, unit, taken)
            if found is not None:
                read = found.label and metric_label(words_.subject) == found.text
                return Choice(found.metric.id, None, not read)
        return self._propose(words_.label or words_.subject or words_.quote, measure, unit)

    def _found(self, text: str, measure: str, unit: str | None,
               taken: Callable[[str], bool]) -> _Name | None:
        plain = _plain(text)
        hits = [(len(name.text), plain.rfind(name.text), name) for name in self._names
                if name.text in plain and not taken(name.metric.id)]
        fitting = [hit for hit in hits if fits(hit[2].metric, measure, unit)]
        if not fitting:  # 命案100%侦破: no crime count holds a percent, its clearance may
            crimes = [hit for hit in hits if hit[2].metric.category == "crime"]
            if crimes and _SOLVING.search(plain):
                return self._solved(max(crimes, key=_longest)[2].text, measure, unit)
            return None
        _, at, best = max(fitting, key=_longest)
        solving = _SOLVING.search(plain, 0, at) or _SOLVING.match(plain, at + len(best.text))
        if best.metric.category == "crime" and solving:
            return self._solved(best.text, measure, unit)
        return best

    def _solved(self, crime: str, measure: str, unit: str | None) -> _Name | None:
        """The clearance metric whose label holds the name of ``crime``, if any: the
        shortest label, a count rather than a rate for a percent change."""
        solved = [n for n in self._names if n.label and n.metric.category == "clearance"
                  and crime in n.text and fits(n.metric, measure, unit)]
        rate_last = measure == "change_pct"
        return min(solved, key=lambda n: (len(n.text), rate_last and n.metric.unit == "percent"),
                   default=None)

    def _propose(self, words_: str, measure: str, unit: str | None) -> Choice:
        label = metric_label(words_)
        if measure == "rank" and not label.endswith(("排名", "名次")):
            label += "排名"
        key = (label, unit_of(label, measure, unit))
        if measure == "change_pct":  # a percent change says nothing of the unit
            key = self._first_key.get(label, key)
        if key in self.proposed:
            return Choice(self.proposed[key].id, self.proposed[key], True)
        english = in_english(label)
        category, better = category_of(label)
        new = Metric(
            id=self._free_id(english), label_zh=label,
            label_en=english or f"(to translate) {label}", unit=key[1], better=better,
            category=category,
            definition=f"Proposed by copscompare extract from the words '{label}': "
                       "to be defined by the curator.")
        self.proposed[key] = new
        self._first_key.setdefault(label, key)
        self.proposed_by_id[new.id] = new
        return Choice(new.id, new, True)

    def _free_id(self, english: str | None) -> str:
        base = re.sub(r"[^a-z0-9]+", "_", (english or "").lower()).strip("_")[:48]
        base = base or f"new_metric_{len(self.proposed) + 1}"
        chosen, number = base, 2
        while chosen in self._taken:
            chosen, number = f"{base}_{number}", number + 1
        self._taken.add(chosen)
        return chosen


def _longest(hit: tuple[int, int, _Name]) -> tuple[int, int]:
    """The longest name, then the nearest to the figure (the end of the words)."""
    return hit[0], hit[1]


def _plain(text: str) -> str:
    """``text`` simplified, without quotation marks, brackets or spaces."""
    return _PUNCTUATION.sub("", to_simplified(text))


# Words of the checker's vocabulary that say how a figure changed or compares, never what it
# counts (one-character ones such as 为 or 有 can be part of a name: 有效警情).
_WORDING = tuple(sorted({word for word in (
    *wording.FALL_WORDS, *wording.RISE_WORDS, *wording.YEAR_BASES, *wording.PREVIOUS_BASES,
    *wording.QUALIFIERS_BEFORE, *wording.QUALIFIERS_AFTER, *wording.LEVEL_WORDS,
    *wording.RANK_SCOPES, *wording.RESPECTIVELY, *wording.ALL_SOLVED, "排名", "位居", "位列",
    "名列") if len(word) > 1}, key=len, reverse=True))


_NOT_THE_METRIC = re.compile("|".join(
    re.escape(word) for word in sorted({*words.NOT_THE_METRIC, *_WORDING}, key=len,
                                       reverse=True)))


def metric_label(words_: str) -> str:
    """A proposed metric's Chinese label: ``metric_words`` of ``words_``, or, when nothing is
    left, the words themselves without punctuation."""
    return metric_words(words_) or _plain(words_)


def metric_words(words_: str) -> str:
    """``words_`` without the words that are not a metric's (the place, the bureau, fillers;
    how it changed or compares: 同比下降, 以上, 全省) and without punctuation; '' when
    nothing is left."""
    label = _NOT_THE_METRIC.sub("", _plain(words_))
    return label.strip("的、和及与").removesuffix("前")  # 前 of 前三: a rank's bound


def in_english(label: str) -> str | None:
    """``label`` in English word by word from the glossary, verbs last; None when a Chinese
    word is left that the glossary does not know."""
    nouns: list[str] = []
    verbs: list[str] = []
    rest = label
    glossary = sorted(words.GLOSSARY, key=lambda entry: -len(entry[0]))
    while rest:
        entry = next((e for e in glossary if rest.startswith(e[0])), None)
        if entry is None:
            if _CJK.match(rest):
                return None
            rest = rest[1:]
            continue
        (verbs if entry[2] else nouns).append(entry[1])
        rest = rest[len(entry[0]):]
    english = " ".join(w for w in nouns + verbs if w)
    return english[:1].upper() + english[1:] if english else None


def category_of(label: str) -> tuple[str, str]:
    """(category, better) of a proposed metric, by the first word list its label meets."""
    for category, better, found in words.CATEGORY_WORDS:
        if any(word in label for word in found):
            return category, better
    return words.DEFAULT_CATEGORY


def unit_of(label: str, measure: str, unit: str | None) -> str:
    """A proposed metric's unit: the figure's own for a level, else read from the label."""
    if measure == "change_pp":
        return "percent"
    if unit is not None and measure in ("level", "change_abs"):
        return unit
    if label.endswith(words.PERCENT_ENDINGS):
        return "percent"
    if label.endswith(words.PEOPLE_ENDINGS):
        return "people"
    if label.endswith(words.YUAN_ENDINGS):
        return "yuan"
    return "count"

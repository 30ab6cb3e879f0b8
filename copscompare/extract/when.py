"""The period a figure covers, read from the words of time before it and the publication date.

Words of time, in simplified characters with ASCII digits (a ``View`` of the text):
- explicit: ``2018年``, ``2018年上半年``/``下半年``, ``2018年一季度`` (``第一季度``),
  ``2018年前三季度``, ``2018年1-10月`` (``1至10月``, ``前10个月``), ``2018年5月``,
  ``2018年5月上旬``, ``2011年至2013年``, ``2018年以来`` (to publication);
- relative to the publication date: ``今年``/``本年``, ``去年``/``上年``, ``前年``, each
  alone or with a part of the year as above, ``今年以来``/``年初以来``/``年初至今`` (the year
  to publication), ``五年来``/``近三年``/``过去五年``/``这两年`` (N calendar years to the
  publication year; published in January or February, to the year before: the year's
  review), ``目前``/``截至目前``/``至今``/``现已`` (the publication month),
  ``今天``/``昨日``/``近日``/``上周`` (the publication month, for their own sentence only:
  记者今天获悉 dates the news, not the figures after it), a part of the year without a year
  (``上半年``, ``一季度``, ``1-10月``, ``5月份``: the latest one that ended by the
  publication month;
  followed by ``以来``, from then to publication: ``5月10日以来``), holidays (``国庆期间``
  October, ``春节期间`` January to February, ``元旦`` January, ``五一`` May: the latest by
  the publication month, or of the year named with them); ``节日期间``, ``假期期间``: the
  holiday named before;
- an event's days (``十九大期间``, ``峰会期间``): a period no words give (``unknown``);
- not a period: a comparison base (``比2012年``, ``较去年``, ``与去年同期相比``,
  ``去年同期``), a streak (``连续三年``), ``近年来`` (no span given).

Which words apply to a figure (``draft`` chooses, by these rules): the nearest before it in
its clause, else those opening its sentence (2016年,…; 据悉,今年以来,…), else the nearest
before it in its sentence (read, not guessed); else the nearest that opens an earlier
sentence of its paragraph, else a frame (half a year or more, or up to publication) opening
an earlier sentence of the article (guessed: the curator must confirm); else none, and the
period is ``unknown``.

A period is never guessed into the future: one that ends after the publication month is
cut at it (and marked guessed unless its words run to publication, like 今年以来); one that
starts after it is ``unknown`` and marked ``future`` (a plan or a target: 活动将持续至
2026年…). Without a publication date, relative words give ``unknown``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from copscompare.loading import wording
from copscompare.loading.figures import chinese_number
from copscompare.periods import month_label

UNKNOWN = "unknown"
REVIEW_MONTHS = 2  # published in January or February, 一年来 and 五年来 end with last year
_NUM = r"(?<![\d.])(\d{1,2}|[一二两三四五六七八九十]{1,3})"
_YEAR = r"(\d{4})\s*年"
_PART = (r"(上半年|下半年|全年|前三季度|第?[一二三四1-4]季度|前" + _NUM + r"个?月|"
         + _NUM + r"\s*月?份?\s*(?:至|到|-|—|~|-)\s*" + _NUM + r"\s*月份?|" + _NUM
         + r"\s*月份?(?:[上中下]旬|\d{1,2}日|[一二三四五六七八九十]{1,3}日)?)")
_RELATIVE_YEAR = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2}
_HOLIDAYS = {"国庆": (10, 10), "春节": (1, 2), "元旦": (1, 1), "五一": (5, 5)}
_BASE_BEFORE = re.compile(r"(?:(?:比|较|与|相较)[^,,。;;、]{0,8}|同|相比)\s*$")
_BASE_AFTER = re.compile(r"^\s*(?:同期|相比|水平)")


@dataclass(frozen=True)
class Published:
    """The publication date as far as it is known."""

    year: int | None
    month: int | None

    @property
    def last_month(self) -> int | None:
        """Month index (year * 12 + month - 1) of the publication; the year's last month
        when only the year is known."""
        if self.year is None:
            return None
        return self.year * 12 + (self.month or 12) - 1


def published_of(date: str | None) -> Published:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (or None/unknown) as a Published; a date that
    is no day of the calendar (2019-02-30, 2019-13) is unknown."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", date or "")
    if match is None:
        return Published(None, None)
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        datetime.date(year, month, day)
    except ValueError:
        return Published(None, None)
    return Published(year, month if match.group(2) else None)


Months = tuple[int, int]  # first and last month index, inclusive


@dataclass(frozen=True)
class Phrase:
    """Words of time in the view: where, the months they cover (None: unknown), and whether
    they run to publication by their nature (今年以来, 目前, 五年来)."""

    start: int
    end: int
    months: Months | None
    to_publication: bool = False
    kind: str = ""  # "holiday" (国庆期间), "back": the holiday named before (节日期间), or
    # "day": the day of an event (今天, 昨日), which sets the time of its own sentence only


@dataclass(frozen=True)
class When:
    period: str  # as the data writes it: 2018, 2018-H1, 2017-01/2017-11, unknown
    guessed: bool
    months: Months | None = None
    future: bool = False  # the words of time lie after publication: a plan, not a report
    words: str = ""  # the words of time it was read from, as published


def _number(text: str) -> int:
    return int(text) if text.isdigit() else int(chinese_number(text))


def _year_months(year: int, part: str | None, groups: Sequence[str | None]) -> Months | None:
    """The months of ``part`` (上半年, 一季度, 1-10月 …) of ``year``; the whole year when
    ``part`` is None or 全年."""
    base = year * 12
    if part is None or part == "全年":
        return base, base + 11
    if part in ("上半年", "下半年"):
        first = 0 if part == "上半年" else 6
        return base + first, base + first + 5
    if part == "前三季度":
        return base, base + 8
    if part.endswith("季度"):
        quarter = _number(part.strip("第季度")) - 1
        return base + 3 * quarter, base + 3 * quarter + 2
    return _month_part(base, groups)


def _month_part(base: int, groups: Sequence[str | None]) -> Months | None:
    first_n, span_from, span_to, single = groups
    if first_n is not None:  # 前N个月
        first, last = 1, _number(first_n)
    elif span_from is not None and span_to is not None:
        first, last = _number(span_from), _number(span_to)
    elif single is not None:
        first = last = _number(single)
    else:
        return None
    if not 1 <= first <= last <= 12:
        return None
    return base + first - 1, base + last - 1


def _latest(months: Months, published: Published) -> Months | None:
    """``months`` (of some year) moved to the latest year in which they ended by the
    publication month."""
    if published.last_month is None:
        return None
    shift = (published.last_month - months[1]) // 12
    return months[0] + 12 * shift, months[1] + 12 * shift


Reader = Callable[[re.Match[str], Published], Phrase | None]


def _explicit(match: re.Match[str], _published: Published) -> Phrase | None:
    year = int(match.group(1))
    part = match.group(2)
    months = _year_months(year, part, match.groups()[2:6])
    until = match.group(7)
    if months is not None and until:  # 2011年至2013年
        months = (months[0], int(until) * 12 + 11)
    return Phrase(match.start(), match.end(), months)


def _since_year(match: re.Match[str], published: Published) -> Phrase | None:
    if published.last_month is None:
        return Phrase(match.start(), match.end(), None)
    return Phrase(match.start(), match.end(), (int(match.group(1)) * 12, published.last_month),
                  to_publication=True)


def _relative(match: re.Match[str], published: Published) -> Phrase | None:
    if published.year is None:
        return Phrase(match.start(), match.end(), None)
    year = published.year + _RELATIVE_YEAR[match.group(1)]
    since = match.group(7)
    if since and published.last_month is not None:  # 今年以来, 去年以来
        return Phrase(match.start(), match.end(), (year * 12, published.last_month), True)
    months = _year_months(year, match.group(2), match.groups()[2:6])
    return Phrase(match.start(), match.end(), months)


def _year_to_date(match: re.Match[str], published: Published) -> Phrase | None:
    if published.year is None or published.last_month is None:
        return Phrase(match.start(), match.end(), None)
    return Phrase(match.start(), match.end(), (published.year * 12, published.last_month), True)


def _recent_years(match: re.Match[str], published: Published) -> Phrase | None:
    if published.year is None or published.last_month is None:
        return Phrase(match.start(), match.end(), None)
    years = _number(match.group(1) or match.group(2))
    if not 1 <= years <= 30:
        return None
    if published.month is not None and published.month <= REVIEW_MONTHS:  # a year's review
        last_year = published.year - 1
        return Phrase(match.start(), match.end(),
                      ((last_year - years + 1) * 12, last_year * 12 + 11))
    first = (published.year - years + 1) * 12
    return Phrase(match.start(), match.end(), (first, published.last_month), True)


def _now(match: re.Match[str], published: Published) -> Phrase | None:
    last = published.last_month if published.month is not None else None
    return Phrase(match.start(), match.end(), None if last is None else (last, last), True)


def _day(match: re.Match[str], published: Published) -> Phrase | None:
    last = published.last_month if published.month is not None else None
    return Phrase(match.start(), match.end(), None if last is None else (last, last),
                  kind="day")


def _part_of_year(match: re.Match[str], published: Published) -> Phrase | None:
    months = _year_months(0, match.group(1), match.groups()[1:5])
    moved = None if months is None else _latest(months, published)
    return Phrase(match.start(), match.end(), moved)


def _part_since(match: re.Match[str], published: Published) -> Phrase | None:
    part = _part_of_year(match, published)
    if part is None or part.months is None or published.last_month is None:
        return part
    return Phrase(part.start, part.end, (part.months[0], published.last_month), True)


def _event(match: re.Match[str], _published: Published) -> Phrase | None:
    return Phrase(match.start(), match.end(), None)


def _holiday(match: re.Match[str], published: Published) -> Phrase | None:
    first, last = _HOLIDAYS[match.group(2)]
    if match.group(1):
        year = int(match.group(1)) * 12
        return Phrase(match.start(), match.end(), (year + first - 1, year + last - 1),
                      kind="holiday")
    return Phrase(match.start(), match.end(), _latest((first - 1, last - 1), published),
                  kind="holiday")


def _the_holiday(match: re.Match[str], _published: Published) -> Phrase | None:
    return Phrase(match.start(), match.end(), None, kind="back")


_READERS: tuple[tuple[re.Pattern[str], Reader], ...] = (
    (re.compile(_YEAR + r"\s*(?:以来|至今)"), _since_year),
    (re.compile(r"(?:(\d{4})\s*年)?(国庆|春节|元旦|五一)(?:期间|假期|长假|黄金周|小长假)?"),
     _holiday),
    (re.compile(r"(?:十[一二三四五六七八九]?大|两会|会议|峰会|.运会|博览会|安保)期间"), _event),
    (re.compile(r"(?:节日|节假日|假日|假期|长假|黄金周)期间"), _the_holiday),
    (re.compile(_YEAR + r"度?" + _PART + r"?(?:\s*(?:至|到|-|—|~)\s*(\d{4})\s*年)?"),
     _explicit),
    (re.compile(r"(今年|本年|去年|上年|前年)" + _PART + r"?(以来)?"), _relative),
    (re.compile(r"(?:今年)?年初(?:以来|至今)"), _year_to_date),
    (re.compile(r"(?:近|过去|这|最近)?" + _NUM + r"\s*年(?:来|以来)|(?:近|过去|这|最近)"
                + _NUM + r"\s*年"), _recent_years),
    (re.compile(r"截至目前|截止目前|目前|当前|至今|现已|现有"), _now),
    (re.compile(r"今天|今日|昨天|昨日|近日|日前|本周|上周"), _day),
    (re.compile(_PART + r"\s*(?:以来|至今)"), _part_since),
    (re.compile(_PART), _part_of_year),
)
_NOT_A_SPAN = re.compile(r"连续\s*$")


def phrases(text: str, published: Published) -> list[Phrase]:
    """Every word of time in ``text`` (a view), left to right; where two overlap, the one that
    starts first (then the longer) is kept. Comparison bases and streaks are left out."""
    found: list[Phrase] = []
    for pattern, reader in _READERS:
        for match in pattern.finditer(text):
            phrase = reader(match, published)
            if phrase is not None and not _is_base(text, phrase):
                found.append(phrase)
    found.sort(key=lambda p: (p.start, -p.end))
    kept: list[Phrase] = []
    holiday: Months | None = None
    for phrase in found:
        if kept and phrase.start < kept[-1].end:
            continue
        if phrase.kind == "holiday":
            holiday = phrase.months
        kept.append(replace(phrase, months=holiday) if phrase.kind == "back" else phrase)
    return kept


def _is_base(text: str, phrase: Phrase) -> bool:
    before = text[max(0, phrase.start - 10):phrase.start]
    after = text[phrase.end:phrase.end + 3]
    return bool(_BASE_BEFORE.search(before) or _BASE_AFTER.match(after)
                or _NOT_A_SPAN.search(before))


def period_text(months: Months) -> str:
    """``months`` as the data writes a period: 2018, 2018-H1, 2018-Q3, 2018-05, or a span
    START/END whose ends are years where they can be (2012/2016, 2015/2017-11) and months
    within one year (2017-01/2017-11)."""
    first, last = months
    year = first // 12
    if last // 12 == year:
        single = _within_year(first % 12, last % 12, year)
        if single is not None:
            return single
        return f"{month_label(first)}/{month_label(last)}"
    start = str(year) if first % 12 == 0 else month_label(first)
    end = str(last // 12) if last % 12 == 11 else month_label(last)
    return f"{start}/{end}"


def _within_year(first: int, last: int, year: int) -> str | None:
    if (first, last) == (0, 11):
        return str(year)
    if first == last:
        return month_label(year * 12 + first)
    if last - first == 5 and first in (0, 6):
        return f"{year}-H{first // 6 + 1}"
    if last - first == 2 and first % 3 == 0:
        return f"{year}-Q{first // 3 + 1}"
    return None


def resolve(months: Months | None, to_publication: bool, published: Published) -> When:
    """The period of ``months`` as of ``published`` (never in the future; rules above)."""
    if months is None:
        return When(UNKNOWN, True)
    last = published.last_month
    if last is None or months[1] <= last:
        return When(period_text(months), False, months)
    if months[0] > last:
        return When(UNKNOWN, True, future=True)
    cut = (months[0], last)
    return When(period_text(cut), not to_publication, cut)


_BASE_YEARS_AGO = re.compile(r"(?:比|较|与)\s*" + _NUM + r"\s*年前")


def baseline(base: str, base_year: int | None, words: str, months: Months | None
             ) -> str | None:
    """The period a change is measured against, when its wording gives one other than the
    same period a year earlier: a named year (the reader's ``base_year``, from 较2018年: that
    year, or the same part of it), ``与五年前相比`` in ``words`` (five years earlier), a base
    of the period before (the reader's ``base`` 环比: the period just before, of the same
    length). None when it gives none, or the base would not end before the period does."""
    if months is None:
        return None
    shift: int | None = None
    if base_year is not None:
        shift = (base_year - months[0] // 12) * 12
    elif (match := _BASE_YEARS_AGO.search(words)) is not None:
        shift = -_number(match.group(1)) * 12
    elif base in wording.PREVIOUS_BASES:
        shift = months[0] - months[1] - 1
    if shift is None or shift >= 0:
        return None
    return period_text((months[0] + shift, months[1] + shift))


def shifted(months: Months, base_year: int | None) -> Months:
    """``months`` moved to ``base_year`` (the same part of it), else a year back: the period
    of a base level (比去年同期的29120起)."""
    shift = -12 if base_year is None else (base_year - months[0] // 12) * 12
    return months[0] + shift, months[1] + shift

"""Every figure a reader sees in a Chinese text: ``read_figures(text) -> list[Figure]``.

The shared figure reader: the quote checks (``quotes``) and the drafting assistant read texts
with it, and every word it knows is in ``wording``. A ``Figure`` is frozen; fields are only
ever added, never renamed. Positions are in the text as given (published), whatever script.

Reading rules, each pinned by a test on a sentence of its own (tests/test_figures.py):

- Number forms. Arabic digits, with a thousands comma (204,365) or a decimal point; full-width
  digits (１２３); Chinese numerals (二十六, 三千零五十一, 一千兩百七十, 〇/零, 两/兩) and
  Chinese decimals (三十点五); a multiplier after the number (175万 = 1750000, 1.63亿,
  1000余万: ``value`` has it applied, ``bare`` is the number as written without it); percent
  (95.3%, 百分之九十五点三: ``percent``), per thousand and per ten thousand (万分之三十点五:
  ``value`` 30.5, ``per`` 10000); tenths (四成 = 40%); 一半 (50%); fractions (四分之一 = 25%).
- Words that are figures: 全破, 全部告破, 均已破获 … (100%), 零发案, 零命案 … (0; but “零发案”
  社区 is a kind of place), 持平 (a change of 0), 首位, 榜首, 之首, 最高, 最低 and 第一 where
  ranked (rank 1; 历史最高 is a record), 三连冠 (rank 1: first three times running), 前三 (rank
  3 at most), 是…的3.7倍 (a multiple, a rise).
- What is no police figure, kept with its ``kind`` so that period logic can use it: a year
  (``year``: 2015年), a month or day (``date``: 5月22日, 2017-11-21), a time of day (``time``:
  09:05, 20时), a case id or phone number (``id``: “2·16”, 0519-86620200, 备10202203号), a
  service number (``service``: 110报警, 一一0), a name (``name``: “135”工程, G20), an ordinal
  that ranks nothing (``ordinal``: 第五个中国人民警察节), a list number (``label``: 1、 at a
  line's start), a span of years (``span``: 近4年来). Police figures have kind ``figure``.
  Chinese numerals count only where a counter, a unit or a numeral word makes them a number
  (两个团伙 is 2; 两抢, 八类案件, 十九大 are names), and set phrases are never figures
  (千家万户).
- ``qualifier``: from the figure's own words (``wording`` lists them): before it (约, 近,
  超过, 逾, 突破, 不到, 不足, 低于: 约占6% counts), inside it (余, 多: 3万余, 1000余万元,
  45000多起), after its counter (以上, 以下, 以内, 左右, +), 前N for ranks; else ``exact``.
- ``direction``: −1 or +1 from the nearest fall or rise word before the figure in its clause
  (a clause ends at ， ； 。 ： and the like); a level word nearer to it (降至, 达到, 为 …)
  makes it a level (direction 0); so does ``比/较…的`` (the base level: 比去年同期的29120起).
- ``measure_hint``: ``rank`` (ranked ordinal, rank words), ``change_pp`` (个百分点),
  ``change_pct`` (a change in %, 成 or 倍), ``change_abs`` (a change with a counter: 减少72起),
  ``level`` (anything else); '' where the wording cannot tell (下降6.3 with neither % nor a
  counter).
- Lists. Figures joined only by 、 和 及 与 share a ``group`` (0, 1, … in order; −1 alone). An
  item without its own unit takes the last item's (提高30.8、16.5个百分点), one without its own
  qualifier or cue takes the first item's (下降近6000起、7000起: both ``about``, both falls).
  Where as many subjects as figures stand before the list (or after 分别占 …的), each figure's
  ``subject`` is the one its position pairs it with (侵财、“两抢”案件同比分别下降18.8%、67.7%:
  18.8% is 侵财's).
- ``base``: the comparison the change is against, as written: 同比 (a year earlier), 环比 (the
  period before), or a named year (较2018年: ``base_year`` 2018).
- ``scope``: for a rank, the peers named before it (全省 province, 全国 nation, 全市 city).

Helpers for the checks: ``written_with`` (a figure with its qualifying words, for messages),
``clause_start``, ``loose_change_word`` (a fall or rise word that governs no figure of its
clause) and ``figure_values`` (a text's shape and figure values, below).

Speed: one compiled pattern finds every number, one finds every cue word; a text is read once
and its figures remembered, and texts that differ only in their digits are read once per shape
(``read_figures`` is called for every quote of a large file).
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, replace

from copscompare.loading import wording as w

__all__ = ["Figure", "chinese_number", "clause_start", "figure_values", "loose_change_word",
           "read_figures", "written_with"]


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure as a reader sees it (rules in the module docstring)."""

    start: int
    end: int
    text: str  # as written: "3万余", "百分之九十五点三", "第二", "18.8%"
    value: float  # unsigned, multiplier applied; 40 for 四成, 100 for 全破
    bare: float  # the number without its multiplier (175 for 175万)
    percent: bool = False  # written with %, 百分之, 成, 一半 or a fraction
    per: int = 1  # 100 for a percent, 1000 for 千分之, 10000 for 万分之
    qualifier: str = "exact"
    direction: int = 0
    measure_hint: str = "level"
    counter: str = ""  # 起, 人, 元, 个百分点, 倍 …: the word after the number
    kind: str = "figure"  # figure, year, date, time, id, service, name, ordinal, label, span
    decimals: int = 0  # decimals written
    base: str = ""  # 同比, 环比, 2018年 …
    base_year: int | None = None
    scope: str = ""  # province, nation, city: for a rank
    group: int = -1  # the list the figure stands in, -1 for none
    subject: str = ""  # the subject a 分别 list pairs with it

    @property
    def counter_family(self) -> str:
        """case, person, money, time, thing, measure, multiple, points or ''."""
        if self.counter in w.POINTS:
            return "points"
        return w.COUNTER_FAMILY.get(self.counter, "")


def _alternation(words: object) -> str:
    listed = sorted(set(words), key=len, reverse=True)  # type: ignore[call-overload]
    return "|".join(re.escape(word) for word in listed)


_CN_DIGIT = "零〇一二两兩三四五六七八九"
_CN_RUN = f"[{_CN_DIGIT}十百千万萬亿億]+(?:[点點][{_CN_DIGIT}]+)?"
_ARABIC = r"\d{1,3}(?:,\d{3})+(?![\d])|\d+(?:\.\d+)?"
_WORDS = (*w.ALL_SOLVED, *w.ZERO_WORDS, *w.UNCHANGED, *w.RANK_WORDS, *w.HALF, *w.IDIOMS,
          *w.SERVICE_IN_CHINESE)
_NUMBER = re.compile(
    f"(?P<word>{_alternation(_WORDS)})"
    f"|(?P<streak>{_CN_RUN}|\\d+)(?:{_alternation(w.STREAK_RANK)})"
    f"|(?P<per>{_alternation(w.SPELLED_PER)})(?P<pnum>{_ARABIC}|{_CN_RUN})"
    f"|(?P<den>[{_CN_DIGIT}十]+)分之(?P<num>[{_CN_DIGIT}十]+)"
    f"|(?P<nth>第)(?P<onum>{_ARABIC}|{_CN_RUN})"
    f"|(?P<arabic>{_ARABIC})"
    f"|(?P<chinese>{_CN_RUN})"
)
_COUNTER_WORDS = (*w.POINTS, *w.COUNTER_FAMILY, *w.PERCENT_SIGNS, w.TENTHS)
_AFTER = re.compile(
    r"(?P<inside>[余餘多])?(?P<mult>[十百千万萬亿億]{0,3})(?P<inside2>[余餘多])?\s?"
    f"(?P<unit>{_alternation(_COUNTER_WORDS)})?"
    f"(?P<qual>{_alternation(w.QUALIFIERS_AFTER)})?"
)
_AFTER_CHINESE = re.compile(
    r"(?P<inside>[余餘多])?(?P<mult>)(?P<inside2>)\s?"
    f"(?P<unit>{_alternation(_COUNTER_WORDS)})?"
    f"(?P<qual>{_alternation(w.QUALIFIERS_AFTER)})?"
)
_CUES = {**dict.fromkeys(w.FALL_WORDS, "fall"), **dict.fromkeys(w.RISE_WORDS, "rise"),
         **dict.fromkeys(w.LEVEL_WORDS, "level"), **dict.fromkeys(w.YEAR_BASES, "year_base"),
         **dict.fromkeys(w.PREVIOUS_BASES, "previous_base"),
         **dict.fromkeys(w.BOTH_BASES, "both_base"),
         **dict.fromkeys(w.BARE_FALL, "bare_fall"), **dict.fromkeys(w.BARE_RISE, "bare_rise"),
         **dict.fromkeys(w.LEVEL_WORDS_NEXT, "level_next"),
         **dict.fromkeys(w.RANK_SCOPES, "scope"), **dict.fromkeys(w.RESPECTIVELY, "list")}
_CUE = re.compile(_alternation(_CUES))
_CHANGE = re.compile(_alternation((*w.FALL_WORDS, *w.RISE_WORDS)))
_LEVEL_WORD = frozenset(w.LEVEL_WORDS)
_FALL = frozenset(w.FALL_WORDS)
_FLOAT_LIMIT = 10**300  # a Chinese numeral past it (亿 forty times over) is read as infinite
_BEFORE_QUALIFIER = re.compile(
    f"(?:{_alternation(w.QUALIFIERS_BEFORE)})(?:[占佔为為有是达達]?)(?:了)?$")
_NAMED_BASE = re.compile(r"(?:比|较|較|与|與)[^，,。；;、]{0,10}?((?:19|20)\d\d)年")
_BASE_LEVEL = re.compile(r"(?:比|较|較|与|與)[^比较較与與]{0,14}的$")
_QUALIFIER_AFTER = re.compile(_alternation(w.QUALIFIERS_AFTER))
_CLAUSE_END = re.compile(f"[{re.escape(w.CLAUSE_ENDS)}]")
_SPECIAL = re.compile(
    r"(?P<date>(?:19|20)\d\d\s?[-/.年]\s?\d{1,2}\s?[-/.月]\s?\d{1,2}日?(?!\d)"
    r"|(?:19|20)\d\d[-/.]\d{1,2}(?![\d.])|\d{1,2}\.\d{1,2}\.(?:19|20)\d\d"
    r"|\d{1,2}\s?(?:月\s?)?(?:至|到|-|—|～|~)\s?\d{1,2}\s?月)"
    r"|(?P<time>(?<![\d.])\d{1,2}:\d{2}(?::\d{2})?(?!\d)|\d{1,2}[点點时時]\d{1,2}分)"
    r"|(?P<id>\d+\s?[·•]\s?\.?\d+|0\d{2,3}-\d{7,8}|\d{3,4}-\d{7,8}(?:-\d+)?)")
_JOIN = re.compile(f"\\s*(?:{_alternation(w.LIST_JOINERS)})\\s*$")
_SPAN = re.compile(_alternation(w.SPAN_AFTER))
_RANK_BEFORE = re.compile(_alternation(w.RANK_BEFORE))
_ORDINAL_AFTER = re.compile(f"(?:{_alternation(w.ORDINAL_AFTER)})")
_CACHE: dict[str, tuple[Figure, ...]] = {}
_Template = tuple[tuple[int, int, float, Figure], ...]
_SHAPES: dict[tuple[str, tuple[str, ...]], _Template | None] = {}
_CACHE_LIMIT = 500_000
_POLICE: dict[tuple[str, tuple[str, ...]],
              tuple[tuple[tuple[int, int, float, float, str], ...], bool]] = {}
_SERVICE = frozenset(w.SERVICE_NUMBERS)
_RUN = re.compile(r"\d+(?:[.,．]\d+)*")  # \d: full-width digits too
_GROUP = re.compile(r"\d+")
_AS_SHAPE = str.maketrans("0123456789０１２３４５６７８９", "d" * 20)


def read_figures(text: str) -> list[Figure]:
    """Every figure in ``text``, in order (rules in the module docstring); remembered by text."""
    found = _CACHE.get(text)
    if found is None:
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.clear()
            _SHAPES.clear()
            _POLICE.clear()
        found = _CACHE[text] = _read_by_shape(text)
    return list(found)


# -- texts that differ only in their digits ----------------------------------------------------
#
# A large file repeats a few sentence shapes with other numbers in them (全市刑事案件立案数同比
# 下降8.8% and …下降12.3%). Every rule of the reader depends on a number's digits only through
# its shape: how many digits in each group and what separates them, and, written out, a number
# with a leading zero, a service number (110), zero, and a group that may be a year (four digits
# from 19 or 20). So the first text of each shape is read in full, and a text of the same shape
# (the same length: every position is the same) takes its figures with its own numbers in them.
# A shape whose reading depends on more (a subject or a base year holding digits) is always
# read in full.

def _read_by_shape(text: str) -> tuple[Figure, ...]:
    runs = _RUN.findall(text)
    if not runs:
        return tuple(_Reading(text).figures())
    key = _shape(text, runs)
    if key not in _SHAPES:
        figures = tuple(_Reading(text).figures())
        _SHAPES[key] = _template(text, figures)
        return figures
    template = _SHAPES[key]
    if template is None:
        return tuple(_Reading(text).figures())
    return _fill(template, text)


def _shape(text: str, runs: list[str]) -> tuple[str, tuple[str, ...]]:
    return (text.translate(_AS_SHAPE), tuple(_written_out(run) for run in runs))


def figure_values(text: str) -> tuple[object, tuple[tuple[float, str], ...], bool] | None:
    """The shape of ``text``, the value and counter of each of its police figures, and
    whether it names a year or a base a change is against (a period matters to it), without
    reading it again when a text of its shape was read; None when its shape is read in full
    each time. Two texts of one shape hold figures of the same wording in the same places,
    so a rule that found a figure fine in one finds it fine in the other (``quotes``)."""
    runs = _RUN.findall(text)
    if not runs:
        return None
    key = _shape(text, runs)
    known = _POLICE.get(key)
    if known is None:
        if key not in _SHAPES:
            read_figures(text)
        template = _SHAPES.get(key)
        if template is None:
            return None
        known = _POLICE[key] = (
            tuple((start, end, ratio, figure.value, figure.counter)
                  for start, end, ratio, figure in template if figure.kind == "figure"),
            any(f.kind == "year" or f.base for _, _, _, f in template))
    police, dated = known
    return key, tuple((_arabic(text[start:end]) * ratio if ratio else value, counter)
                      for start, end, ratio, value, counter in police), dated


def _written_out(run: str) -> str:
    """``run`` itself where its digits matter to the reader, else ''."""
    if run[0] in "0０" or run in _SERVICE or not run.strip("0.,"):
        return run
    if ("19" in run or "20" in run) and any(
            len(group) == 4 and group[:2] in ("19", "20") for group in _GROUP.findall(run)):
        return run
    return ""


def _template(text: str, figures: tuple[Figure, ...]) -> _Template | None:
    """Each figure with the span of the number it reads and the ratio of its value to that
    number; None when the reading depends on more than the shape."""
    made = []
    for figure in figures:
        if figure.base_year is not None or _GROUP.search(figure.subject):
            return None
        run = _RUN.search(text, figure.start, figure.end)
        numeric = run is not None and figure.bare == _one_number(run.group())
        if run is None or not numeric:
            made.append((-1, -1, 0.0, figure))
        else:
            ratio = figure.value / figure.bare if figure.bare else 0.0
            made.append((run.start(), run.end(), ratio, figure))
    return tuple(made)


def _fill(template: _Template, text: str) -> tuple[Figure, ...]:
    filled = []
    for start, end, ratio, figure in template:
        if start < 0:
            filled.append(figure)
            continue
        bare = _arabic(text[start:end])
        filled.append(Figure(figure.start, figure.end, text[figure.start:figure.end],
                             bare * ratio if ratio else figure.value, bare, figure.percent,
                             figure.per, figure.qualifier, figure.direction,
                             figure.measure_hint, figure.counter, figure.kind, figure.decimals,
                             figure.base, figure.base_year, figure.scope, figure.group,
                             figure.subject))
    return tuple(filled)


def _change_words(text: str) -> list[re.Match[str]]:
    """The fall and rise words of ``text``; one that begins a level word (缩短至5分钟, 下降到)
    is the level word, not a change word."""
    return [word for word in _CHANGE.finditer(text)
            if text[word.start():word.end() + 1] not in _LEVEL_WORD]


def quote_direction(text: str) -> int:
    """-1 when every fall or rise word of ``text`` speaks of a fall, 1 when every one speaks of
    a rise, 0 when there are none or both."""
    found = {-1 if word.group() in _FALL else 1 for word in _change_words(text)}
    return found.pop() if len(found) == 1 else 0


def loose_change_word(text: str) -> bool:
    """A fall or rise word in ``text`` governs no figure of its clause (全市命案发案实现了
    三连降,分别为17.04%: the fall is said apart from its figures, which may be changes)."""
    figures = read_figures(text)
    for word in _change_words(text):
        ends = [text.find(end, word.end()) for end in w.CLAUSE_ENDS]
        stop = min((end for end in ends if end >= 0), default=len(text))
        if not any(f.direction and word.end() <= f.start < stop for f in figures):
            return True
    return False


def written_with(text: str, figure: Figure) -> str:
    """The figure as written with the words that qualify it (约3.5万, 3万余起, 95%以上)."""
    lead = _BEFORE_QUALIFIER.search(text, max(0, figure.start - 5), figure.start)
    start = lead.start() if lead else figure.start
    if lead is None and figure.qualifier == "over" and text[start - 1:start] == "上":
        start -= 1  # 上千人
    end = figure.end + len(figure.counter)
    tail = _QUALIFIER_AFTER.match(text, end)
    return text[start:tail.end() if tail else end]


def clause_start(text: str, position: int) -> int:
    """Where the clause holding ``position`` begins (after ， ； 。 ： and the like)."""
    return max(text.rfind(end, 0, position) for end in w.CLAUSE_ENDS) + 1


class _Reading:
    """One text being read: its normalised form, its clauses and cue words, its figures."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.plain = text.translate(w.FULL_WIDTH)  # same length: positions stay those of text
        self.cues = [(m.start(), m.end(), _CUES[m.group()]) for m in _CUE.finditer(self.plain)]
        self.cue_ends = [cue[1] for cue in self.cues]
        self.clause_ends = [m.start() for m in _CLAUSE_END.finditer(self.plain)]

    def figures(self) -> list[Figure]:
        figures: list[Figure] = []
        specials = {m.start(): m for m in _SPECIAL.finditer(self.plain)}
        position = 0
        while (match := _NUMBER.search(self.plain, position)) is not None:
            special = specials.get(match.start())
            if special is not None:  # a date, a time of day or an id, read whole
                kind = special.lastgroup or "id"
                number = _arabic(_GROUP.findall(special.group())[0])
                figures.append(self.make(special.start(), special.end(), number, number,
                                         kind=kind))
                position = special.end()
                continue
            figure, position = self.read(match)
            if figure is not None:
                figures.append(figure)
        return _lists(self, figures)

    # -- one number --------------------------------------------------------------------------

    def read(self, match: re.Match[str]) -> tuple[Figure | None, int]:
        """The figure ``match`` starts, and where reading goes on (past its multiplier, unit
        and qualifier)."""
        start, end = match.start(), match.end()
        if match.group("word"):
            return self.word(match), end
        if match.group("streak"):
            return self.make(start, end, 1.0, 1.0, hint="rank"), end
        if match.group("den"):
            share = _chinese(match.group("num")) / max(_chinese(match.group("den")), 1) * 100
            return self.make(start, end, share, share, percent=True, per=100), end
        if match.group("per"):
            return self.number(match, match.group("pnum"), w.SPELLED_PER[match.group("per")])
        if match.group("nth"):
            return self.ordinal(match), end
        return self.number(match, match.group(), 1)

    def word(self, match: re.Match[str]) -> Figure | None:
        word = match.group()
        start, end = match.start(), match.end()
        after = self.qualifier_after(end)
        if word in w.ALL_SOLVED:
            return self.make(start, end, 100.0, 100.0, percent=True, per=100)
        if word in w.UNCHANGED:
            return self.make(start, end, 0.0, 0.0, hint="")
        if word in w.ZERO_WORDS:
            named = (_one_of(self.plain[start - 1:start], "“「")
                     and _one_of(self.plain[end:end + 1], "”」")
                     and self.plain[end + 1:end + 2].isalpha())  # “零发案”社区: a kind of place
            return self.make(start, end, 0.0, 0.0, kind="name" if named else "figure")
        if word in w.HALF:
            return self.make(start, end, 50.0, 50.0, percent=True, per=100, qualifier=after)
        if word in w.RANK_WORDS and (word not in w.RANK_WORDS_RANKED or self.ranked(start)):
            return self.make(start, end, 1.0, 1.0, hint="rank")
        if word in w.SERVICE_IN_CHINESE:
            return self.make(start, end, 110.0, 110.0, kind="service")
        return None  # an idiom: its numerals count nothing

    def ordinal(self, match: re.Match[str]) -> Figure | None:
        digits = match.group("onum")
        value = _arabic(digits) if digits[0].isdigit() else _chinese(digits)
        end = match.end()
        after = self.plain[end:end + 2]
        if after[:1] in w.RANK_AFTER:
            return self.make(match.start(), end, value, value, hint="rank", counter=after[:1])
        if _ORDINAL_AFTER.match(self.plain, end) or not self.ranked(match.start()):
            return self.make(match.start(), end, value, value, kind="ordinal")
        return self.make(match.start(), end, value, value, hint="rank")

    def ranked(self, start: int) -> bool:
        """A rank word (全省, 排名, 位居 …) stands before ``start`` in its clause."""
        return bool(_RANK_BEFORE.search(self.plain, self.clause_start(start), start))

    def number(self, match: re.Match[str], digits: str, per: int) -> tuple[Figure | None, int]:
        """An Arabic or Chinese number (``per`` from 百分之/万分之 before it), and the
        position after all that belongs to it."""
        arabic = digits[0].isdigit()
        after = _AFTER.match(self.plain, match.end())
        assert after is not None  # every group is optional
        if not arabic:  # a Chinese numeral holds its own multipliers
            after = _AFTER_CHINESE.match(self.plain, match.end())
            assert after is not None
        kind = self.kind(digits, match.start(), match.end(), after, arabic) if per == 1 \
            else "figure"
        if kind is None:
            return None, match.end()
        bare = _arabic(digits) if arabic else _chinese(digits)
        multiplier = 1
        for char in after.group("mult") or "":
            multiplier *= w.MULTIPLIERS[char]
        unit = after.group("unit") or ""
        percent = per == 100 or unit in w.PERCENT_SIGNS or unit == w.TENTHS
        following = self.plain[after.end("unit"):after.end("unit") + 1]
        if unit == w.TENTHS and _one_of(following, w.TENTHS_NOT):
            unit, percent = "", per == 100
        value = bare * multiplier * (10 if unit == w.TENTHS else 1)
        end = max(match.end(), *(after.end(g) for g in ("inside", "mult", "inside2")))
        if unit in w.PERCENT_SIGNS or unit == w.TENTHS:
            end = after.end("unit")
        inside = after.group("inside") or after.group("inside2")
        qualifier = w.QUALIFIERS_INSIDE[inside] if inside else ""
        qualifier = w.QUALIFIERS_AFTER.get(after.group("qual") or "", qualifier)
        counter = "" if unit in (*w.PERCENT_SIGNS, w.TENTHS) else unit
        decimals = len(digits.split(".")[1]) if arabic and "." in digits else 0
        if kind == "figure" and counter and (
                _SPAN.match(self.plain, after.start("unit"))
                or (self.plain[match.start() - 1:match.start()] == "前"
                    and w.COUNTER_FAMILY.get(counter) == "time")):
            kind = "span"  # 近4年来, 前7个月: how long, not how many
        figure = self.make(match.start(), end, value, bare, percent=percent,
                           per=100 if percent else per, counter=counter, kind=kind,
                           qualifier=qualifier, decimals=decimals)
        return figure, max(end, after.end())

    def kind(self, digits: str, start: int, end: int, after: re.Match[str],
             arabic: bool) -> str | None:
        """What the number is (module docstring); None when it is no number at all."""
        if arabic:
            return _arabic_kind(self.plain, digits, start, end, after)
        following = self.plain[end:end + 1]
        if following == "年" and len(digits) == 4 and "十" not in digits:
            return "year"
        if len(digits) == 1 and _one_of(self.plain[start - 1:start], w.NUMERAL_IN_WORD):
            return None  # 统一, 唯一, 进一步: a word, not a number
        if following in w.DATE_AFTER and not after.group("unit"):
            return "date"
        if after.group("unit") or after.group("inside"):
            return "figure"
        if self.top_n(start, end):
            return "figure"  # 全省前三
        if any(c in w.MULTIPLIERS for c in digits) and self.led(start):
            return "figure"  # 投资近千万, 发案不过百: a number by its qualifier
        return None

    def top_n(self, start: int, end: int) -> bool:
        """前N among ranked peers (全省前三), not a span of time (前三季度, 前10个月)."""
        return (self.plain[start - 1:start] in w.AT_MOST_RANK and self.ranked(start)
                and not _ORDINAL_AFTER.match(self.plain, end))

    def led(self, start: int) -> bool:
        """A qualifier or a cue word stands right before ``start``."""
        before = self.plain[max(0, start - 4):start]
        return bool(_BEFORE_QUALIFIER.search(before)) or self.cue_right_before(start) is not None

    def make(self, start: int, end: int, value: float, bare: float, *, percent: bool = False,
             per: int = 1, hint: str | None = None, counter: str = "", kind: str = "figure",
             qualifier: str = "", decimals: int = 0) -> Figure:
        """The figure with the wording around it read (qualifier, cue, base, scope)."""
        if kind != "figure":
            return Figure(start, end, self.text[start:end], float(value), float(bare),
                          percent, per, "exact", 0, "", counter, kind, decimals)
        ahead = self.qualifier_before(start, value != bare or (bare >= 10 and bare % 10 == 0))
        if hint == "rank" and self.plain[start - 1:start] in w.AT_MOST_RANK:
            ahead = "at_most"
        direction, cue, base, base_year = self.context(start)
        if counter == "倍" and not direction:  # 是2023年的3.7倍: a ratio, a change all the same
            direction = 1 if bare > 1 else -1 if bare < 1 else 0
        if hint is None:
            hint = _hint(cue, direction, percent, counter)
        if hint == "level" and not counter and self.top_n(start, end):
            hint, ahead = "rank", "at_most"
        scope = self.scope(start) if hint == "rank" else ""
        return Figure(start, end, self.text[start:end], float(value), float(bare), percent,
                      per, qualifier or ahead or "exact", direction, hint, counter, kind,
                      decimals, base, base_year, scope)

    # -- the wording around it --------------------------------------------------------------

    def qualifier_before(self, start: int, round_number: bool = True) -> str:
        """The qualifier a word before ``start`` gives (突破 only before a round or multiplied
        number: 突破30万 is over, 攻坚突破12起命案积案 is twelve cases broken; 上 only right
        before a bare 百, 千, 万 or 亿: 上千人 is over a thousand)."""
        found = _BEFORE_QUALIFIER.search(self.plain, max(0, start - 5), start)
        if found is None:  # 上千人, 上万起: upwards of a round number
            upwards = (start > 0 and self.plain[start - 1] == "上"
                       and self.plain[start:start + 1] in "百千万萬亿億")
            return "over" if upwards else ""
        word = found.group().rstrip("了占佔为為有是达達")
        if word == "突破" and not round_number:
            return ""
        return w.QUALIFIERS_BEFORE.get(word, "")

    def qualifier_after(self, end: int) -> str:
        found = _QUALIFIER_AFTER.match(self.plain, end)
        return w.QUALIFIERS_AFTER[found.group()] if found else ""

    def clause_start(self, start: int) -> int:
        """``clause_start`` of the text, found by bisection (a long text, many figures)."""
        before = bisect.bisect_left(self.clause_ends, start)
        return self.clause_ends[before - 1] + 1 if before else 0

    def cue_right_before(self, start: int) -> str | None:
        """The kind of cue word ending right before ``start`` (past a qualifier and 了); a
        one-character cue (降, 增) only after a base or a subject (同比降, 报警降六成), not
        inside a word (晋升)."""
        lead = _BEFORE_QUALIFIER.search(self.plain, max(0, start - 5), start)
        edge = lead.start() if lead else start
        while edge > 0 and self.plain[edge - 1] in "了 ":
            edge -= 1
        index = bisect.bisect_right(self.cue_ends, edge) - 1
        if index < 0 or self.cue_ends[index] != edge:
            return None
        begin, _, kind = self.cues[index]
        if kind.startswith("bare") and not _one_of(self.plain[begin - 1:begin], w.BARE_AFTER):
            return None
        return kind

    def context(self, start: int) -> tuple[int, str, str, int | None]:
        """(direction, governing cue kind, base, base year) for a figure at ``start``."""
        clause = self.clause_start(start)
        before = self.plain[clause:start]
        right = self.cue_right_before(start)
        if _BASE_LEVEL.search(before):
            cue = "base_level"
        elif right in ("bare_fall", "bare_rise", "level_next"):
            cue = right
        else:
            cue = self.nearest_cue(clause, start)
        direction = -1 if cue in ("fall", "bare_fall") else 1 if cue in ("rise", "bare_rise") else 0
        named = list(_NAMED_BASE.finditer(before))
        base, base_year = "", None
        if named and cue != "base_level":
            base, base_year = named[-1].group(1) + "年", int(named[-1].group(1))
        for begin, end, kind in self.cues_within(clause, start):
            if kind in ("year_base", "previous_base", "both_base"):
                base, base_year = self.plain[begin:end], None
        return direction, cue, base, base_year

    def cues_within(self, begin: int, end: int) -> list[tuple[int, int, str]]:
        low = bisect.bisect_left(self.cue_ends, begin + 1)
        high = bisect.bisect_right(self.cue_ends, end)
        return [cue for cue in self.cues[low:high] if cue[0] >= begin]

    def nearest_cue(self, clause: int, start: int) -> str:
        for _, _, kind in reversed(self.cues_within(clause, start)):
            if kind in ("fall", "rise", "level"):
                return kind
        return ""

    def scope(self, start: int) -> str:
        clause = self.clause_start(start)
        scopes = [self.plain[b:e] for b, e, kind in self.cues_within(clause, start)
                  if kind == "scope"]
        return w.RANK_SCOPES[scopes[-1]] if scopes else ""


def _hint(cue: str, direction: int, percent: bool, counter: str) -> str:
    """The measure the wording suggests (module docstring)."""
    if counter in w.POINTS:
        return "change_pp"
    if direction and cue != "level":
        if percent or counter == "倍":
            return "change_pct"
        return "change_abs" if counter else ""
    return "level"


def _arabic_kind(text: str, digits: str, start: int, end: int,
                 after: re.Match[str]) -> str | None:
    """What an Arabic number is: a figure unless its neighbours make it a name, a date, an id
    or a paragraph's number."""
    before = text[max(0, start - 1):start]
    following = text[end:end + 3]
    if (before.isascii() and before.isalpha()) or (following[:1].isascii()
                                                   and following[:1].isalpha()):
        return "name"  # G20, 4S店
    if len(digits) == 4 and digits[:2] in ("19", "20") and following[:1] in ("年", "-", "/"):
        return "year" if following[:1] == "年" else "date"
    plain = not after.group("unit") and not after.group("mult")
    if plain:
        named = _unit_less_kind(digits, following)
        if named:
            return named
    if _one_of(before, "·•-") or (digits[0] == "0" and len(digits) > 2 and "." not in digits):
        return "id"
    if _one_of(following[:1], "、.．") and not text[text.rfind("\n", 0, start) + 1:start].strip():
        return "label"  # 1、 or 2. numbering a paragraph
    return "figure"


def _unit_less_kind(digits: str, following: str) -> str:
    """What a number without a counter or a multiplier is when it is no figure, else ''."""
    if digits in w.SERVICE_NUMBERS:
        return "service"
    if following[:1] in w.DATE_AFTER:
        return "date"
    if following[:1] in w.TIME_AFTER and following[1:2] not in _CN_DIGIT:
        return "time"
    if following[:1] in ("号", "號") or len(digits) >= 8:
        return "id"
    if _one_of(following[:1], "”」』"):
        return "name"  # “云剑2020”, “120选1”: a name in quotation marks
    return ""


def _one_number(digits: str) -> float | None:
    """``digits`` as one number; None when they are several (a date 08.01.2018)."""
    try:
        return _arabic(digits)
    except ValueError:
        return None


def _one_of(char: str, chars: str) -> bool:
    """``char`` is one of ``chars`` (an empty string, at the edge of a text, is none)."""
    return bool(char) and char in chars


def _arabic(digits: str) -> float:
    return float(digits.replace(",", "").replace("．", "."))


def chinese_number(text: str) -> float:
    """Value of a Chinese numeral standing alone (二十六, 两, 十二, 三十点五), by the reader's
    own rule: for words of time that hold one (五年来, 十月), read outside any figure."""
    return _chinese(text)


def _chinese(text: str) -> float:
    """Value of a Chinese numeral such as 二十六, 一千零五, 千万, 一亿二千万, 三十点五: 万 and
    亿 multiply what was read since the last larger unit (一万亿 is 10¹², 一亿二千万 1.2×10⁸)."""
    whole, _, fraction = text.replace("點", "点").partition("点")
    total, section, digit, last = 0, 0, None, ""
    for char in whole:
        if char in w.DIGITS:
            digit = w.DIGITS[char]
        elif (scale := w.MULTIPLIERS[char]) >= 10_000 and last in ("万", "亿", "億", "萬"):
            total *= scale  # 万亿: a unit of units
        elif scale >= 10_000:  # 万 亿: multiplies what was read below it
            above, below = divmod(total, scale)  # 一亿二千万: 二千 is of 万, 一亿 stays
            total = (above + (below + section + (digit or 0) or 1)) * scale
            section, digit = 0, None
        else:  # 十 百 千
            section += (1 if digit is None else digit) * w.MULTIPLIERS[char]
            digit = None
        last = char
    whole_value = total + section + (digit or 0)
    value = float(whole_value) if whole_value < _FLOAT_LIMIT else math.inf  # 一亿亿亿…
    if fraction:
        value += float("0." + "".join(str(w.DIGITS[c]) for c in fraction))
    return value


# -- lists -------------------------------------------------------------------------------------

def _lists(reading: _Reading, figures: list[Figure]) -> list[Figure]:
    """Group figures joined only by list words; share units, qualifiers and cues; pair
    subjects with figures where the counts agree (module docstring)."""
    groups: list[list[int]] = []
    for index, figure in enumerate(figures):
        if figure.kind != "figure":
            continue
        if groups and _joined(reading.plain, figures[groups[-1][-1]], figure):
            groups[-1].append(index)
        else:
            groups.append([index])
    result = list(figures)
    number = 0
    for members in groups:
        if len(members) < 2:
            continue
        items = _shared(reading, [figures[i] for i in members], number)
        for index, item in zip(members, items, strict=True):
            result[index] = item
        number += 1
    return result


def _joined(text: str, first: Figure, second: Figure) -> bool:
    end = first.end + len(first.counter)
    tail = text[end:second.start]
    for qualifier in w.QUALIFIERS_AFTER:
        if tail.startswith(qualifier):
            tail = tail[len(qualifier):]
    tail = _BEFORE_QUALIFIER.sub("", tail)
    return bool(tail) and bool(_JOIN.fullmatch(tail)) and _CLAUSE_END.search(tail) is None


def _shared(reading: _Reading, items: list[Figure], group: int) -> list[Figure]:
    """The items of one list: a unit written on the last item only is every item's; a cue
    or a qualifier written before the first item is every item's that has none of its own;
    subjects paired by position where the counts agree."""
    first, last = items[0], items[-1]
    lead = reading.qualifier_before(first.start) or "exact"
    subjects = _subjects(reading.plain, first.start, len(items)) or [""] * len(items)
    shared = []
    for item, subject in zip(items, subjects, strict=True):
        if not item.counter and not item.percent:
            item = replace(item, counter=last.counter, percent=last.percent, per=last.per)
        direction = item.direction or first.direction
        qualifier = lead if item.qualifier == "exact" else item.qualifier
        hint = item.measure_hint if item.measure_hint == "rank" else _hint(
            "", direction, item.percent, item.counter)
        shared.append(replace(item, direction=direction, qualifier=qualifier,
                              base=item.base or first.base, measure_hint=hint, group=group,
                              subject=subject))
    return shared


_TAIL = re.compile(
    "(?:" + _alternation((*w.RESPECTIVELY, *w.YEAR_BASES, *w.PREVIOUS_BASES, *w.FALL_WORDS,
                          *w.RISE_WORDS, *w.LEVEL_WORDS, *w.LEVEL_WORDS_NEXT, *w.ALL_OF_THEM,
                          *w.QUALIFIERS_BEFORE, *w.BARE_FALL, *w.BARE_RISE, *w.RANK_SCOPES,
                          "年均", "了", "的", "又", "再", "也", "同期", "相比", "相較", "相较"))
    + r"|(?:比|较|較|与|與)[^、，,和及]{0,8}?(?:相比|相較|相较)|\s)+$")
_NO_QUOTES = str.maketrans("", "", w.QUOTE_MARKS)
_PINYIN = re.compile(r"[(（][a-zàáâǎèéêěìíǐòóôǒùúǔǖǘǚǜü\s]+[)）]")  # 發(fā)案: a reading aid
_SPLIT = re.compile(_alternation(w.LIST_JOINERS))


def _subjects(text: str, start: int, count: int) -> list[str]:
    """The ``count`` subjects a list of figures starting at ``start`` pairs with, or []."""
    clause = start
    while clause > 0 and text[clause - 1] not in w.CLAUSE_ENDS:
        clause -= 1
    lead = _PINYIN.sub("", _TAIL.sub("", text[clause:start]))
    readings = [lead]
    for word in w.RESPECTIVELY:  # 分别占A、B、C的: the subjects follow 分别
        head, found, after = lead.partition(word)
        if found:
            readings = [after, head]
    for reading in readings:
        parts = [part.translate(_NO_QUOTES).strip() for part in _SPLIT.split(reading)]
        if len(parts) == count and all(parts):
            return parts
    return []

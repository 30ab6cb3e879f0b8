"""Which figures of an article are drafted, and in which unit each is counted.

The shared reader (``loading.figures``) finds every number; a curator drafts only those that
report what a bureau counted. A figure is drafted when all of these hold:

- the reader reads it as a figure (kind ``figure``: no year, date, id, service number, name,
  ordinal, list number or span) and it has a measure (``measure_of``: a change the reader
  cannot tell, 下降6.3 with neither % nor a counter or 同比持平, is drafted as a percent
  change for the curator to confirm);
- it counts something a metric can hold: a rank, a percent or share, a percentage-point change,
  a count of cases, people, things or yuan, a zero (零发案) or an all-solved (全破), a
  response time (秒, 分钟, 小时 beside 出警, 到达, 用时 …), or days without a crime (105天
  “两抢”零发案); not a bare number with no counter, a
  multiple (倍), a weight or a length, a per-thousand rate, a Chinese numeral naming a phase or
  a kind (二期, 三类);
- it is not one of many: a Chinese 一 (一名民警, 一个又一个) is never drafted, an Arabic 1
  (购置1辆) only beside other figures in its clause (党纪处分2人、…追究刑事责任1人);
- it stands outside a title in 《》 and outside a short quotation in “” (“四个能力”, “三张
  清单”: names of campaigns and slogans), unless it is a rank (全省“三连冠”); it is no part
  of a set phrase (六位一体);
- a zero or an all-solved (零发案, 全破) ends its clause or list item (实现零发案, 连续两年
  “零伤亡”, 保持全破、…): followed by a noun it names a kind of place (“零发案”社区50个);
- a number written as a bare multiplier (万名民警, 千家) is drafted only with a qualifier
  (近百个, 千余名): alone it is a manner of speaking;
- it counts no peers a rank of its clause is among (在全国32个省会城市中名列第一);
- it bounds no kind of thing (死亡5人以上的特大交通事故: a count, a bound, then 的; 85%以上的
  社区 is a share);
- it is no earlier change the clause builds on (在连续三年下降20%的基础上:
  ``words.EARLIER_CHANGE_AFTER``);
- its clause counts no honours (表彰, 批示, 评为: ``words.HONOUR_WORDS``), unless a rank;
- its sentence tells no story about someone (``words.STORY_WORDS``: 某住户, 两名男子; or a
  person named with 某 after ``words.NAMED_WITH_MOU``: 犯罪嫌疑人张某).

A figure is a context figure (no police figure: the economy, public finance, population)
when its quote holds one of ``words.CONTEXT_WORDS``, or its sentence does and its quote holds
none of ``words.POLICE_WORDS``.
"""

from __future__ import annotations

import re

from copscompare.extract import words
from copscompare.loading import wording
from copscompare.loading.figures import Figure

UNITS_OF_FAMILY = {"case": "count", "thing": "count", "person": "people", "money": "yuan"}
UNITS_OF_TIME = {"秒": "seconds", "秒钟": "seconds", "秒鐘": "seconds", "分钟": "minutes",
                 "分鐘": "minutes", "小时": "hours", "小時": "hours"}
DAYS = ("天",)
BARE_MULTIPLIERS = ("十", "百", "千", "万", "萬", "亿", "億")
SHORT_QUOTATION = 12  # characters between “ and ”: a name or a slogan, not a sentence
_OPENING, _CLOSING = "“《", "”》"
_NAMED = re.compile(f"(?:{'|'.join(words.NAMED_WITH_MOU)})[\u4e00-\u9fff]某")


def unit_of_figure(figure: Figure) -> str | None:
    """The unit a figure is counted in: percent, people, yuan, seconds …; None when its
    words do not say (a change in %, a figure with no counter)."""
    if figure.percent or figure.counter_family == "points":
        return "percent" if figure.measure_hint in ("level", "change_pp") else None
    if figure.counter_family == "time":
        return UNITS_OF_TIME.get(figure.counter)
    return UNITS_OF_FAMILY.get(figure.counter_family)


def measure_of(figure: Figure) -> str:
    """The reader's measure; for a change it cannot tell (下降6.3 with neither % nor a
    counter, 同比持平) a percent change, which the curator must confirm; else ''."""
    if figure.measure_hint:
        return figure.measure_hint
    unclear_change = figure.direction or figure.text in wording.UNCHANGED
    return "change_pct" if unclear_change and not figure.counter else ""


def counts_something(figure: Figure, quote: str, clause: str) -> bool:
    """True when ``figure`` reports a count a metric can hold (module docstring); its
    ``quote`` and ``clause`` in simplified characters."""
    measure = measure_of(figure)
    if figure.kind != "figure" or not measure or figure.per not in (1, 100):
        return False
    if not figure.measure_hint:
        return True
    if figure.measure_hint == "rank":
        return True
    if any(word in clause for word in words.HONOUR_WORDS):
        return False
    if figure.percent or figure.counter_family == "points":
        return True
    if figure.text in wording.ZERO_WORDS:
        return True
    if figure.counter_family == "time":
        return _a_time_counted(figure, quote, clause)
    if figure.counter_family not in UNITS_OF_FAMILY:
        return False
    if figure.text in BARE_MULTIPLIERS and figure.qualifier == "exact":
        return False
    return not (figure.counter in words.PHASE_COUNTERS and not figure.text[0].isdigit())


def _a_time_counted(figure: Figure, quote: str, clause: str) -> bool:
    """A response time (秒, 分钟, 小时 with 出警, 到达, 用时 …) or days without a crime (105天
    “两抢”零发案); not how long something lasts (24小时值守)."""
    if figure.counter in UNITS_OF_TIME:
        return any(word in quote for word in words.RESPONSE_WORDS)
    return figure.counter in DAYS and any(word in clause for word in wording.ZERO_WORDS)


def one_of_many(figure: Figure, others_in_clause: int) -> bool:
    """A lone 1 is drafted only beside other figures of its clause (module docstring)."""
    if figure.value != 1 or figure.measure_hint != "level":
        return True
    return figure.text[0].isdigit() and others_in_clause > 0


def in_a_name(text: str, figure: Figure) -> bool:
    """``figure`` is part of a name: inside 《a title》 or a short “quotation” (not a rank), in
    a set phrase, or a zero that names a kind of place (module docstring)."""
    if figure.text in (*wording.ZERO_WORDS, *wording.ALL_SOLVED):
        return _names_a_kind(text, figure.end)
    if figure.measure_hint == "rank":
        return False
    if text.startswith(words.SET_PHRASE_AFTER, figure.end + len(figure.counter)):
        return True
    return _quoted(text, figure)


def _names_a_kind(text: str, end: int) -> bool:
    following = text[end:end + 3].lstrip("”」』 ")
    return bool(following) and "\u3400" <= following[0] <= "\u9fff"


def _quoted(text: str, figure: Figure) -> bool:
    for opening, closing in zip(_OPENING, _CLOSING, strict=True):
        start = text.rfind(opening, 0, figure.start)
        if start < 0 or text.rfind(closing, start, figure.start) >= 0:
            continue
        end = text.find(closing, figure.end)
        if end >= 0 and (opening == "《" or end - start <= SHORT_QUOTATION):
            return True
    return False


def an_earlier_change(after: str) -> bool:
    """``after`` (the rest of a figure's quote, simplified) says it is an earlier change."""
    return any(word in after for word in words.EARLIER_CHANGE_AFTER)


def counts_peers(figure: Figure, after: str, ranked: bool) -> bool:
    """A count of the peers a rank in the same clause (``ranked``) is among: the count's
    counter is followed by a word for places (``words.PEERS_AFTER``)."""
    rest = after.removeprefix(figure.counter)
    return ranked and figure.measure_hint == "level" and rest.startswith(words.PEERS_AFTER)


def bounds_a_kind(figure: Figure, after: str) -> bool:
    """A bound followed by 的 names a kind of thing (``after``: the quote after the figure,
    its counter first): 死亡5人以上的特大交通事故."""
    if figure.qualifier not in ("at_least", "at_most") or figure.percent:
        return False  # 85%以上的社区 is a share of them
    rest = after.removeprefix(figure.counter).lstrip()
    bound = next((q for q in wording.QUALIFIERS_AFTER if rest.startswith(q)), "")
    return bool(bound) and rest[len(bound):].startswith("的")


def narrative(sentence: str) -> bool:
    """The sentence tells a story about someone (module docstring)."""
    return any(word in sentence for word in words.STORY_WORDS) or bool(_NAMED.search(sentence))


def is_context(quote: str, sentence: str) -> bool:
    """A figure that is no police figure (module docstring); both in simplified characters."""
    if any(word in quote for word in words.CONTEXT_WORDS):
        return True
    return (any(word in sentence for word in words.CONTEXT_WORDS)
            and not any(word in quote for word in words.POLICE_WORDS))

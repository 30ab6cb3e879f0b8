"""A figure and its quote: does the observation say what its quote says?

``figure_problems(obs, metric)`` lists every rule an observation breaks against its metric and
its quote, each a ``Finding`` (field, message, severity). The quote is read by the figure
reader (``figures``: its module docstring says how each form is read) and the observation's
figure chosen by ``pairing.pick``. The rules, in order:

1. Kind: a percentage-point change needs a percent metric; a level is never negative; nothing
   falls by more than 100%. (With ``reading: curator`` only these are checked: the curator's
   note says how the figure was read, and ``check`` counts such figures.)
2. Presence: the quote holds the value. When it does not, the message says what it does
   hold: the figure with its multiplier (``value 175 but the quote says 175万: did you mean
   1750000?``), without an extra one, with its decimals, or that the number is a year.
3. Pairing: where ``figure`` or a list's subjects say which figure it is, the value is that
   figure's (a swapped pair is an error).
4. Sign: a change's sign is its wording's (下降 −, 上升 +).
5. Qualifier: the one the figure's own words give (约 about, 余 over, 以上 at_least …; a plain
   figure exact).
6. Measure: a rank is written as one (第二, 首位, 前三) and a rank figure is a rank; 个百分点
   is change_pp and change_pp needs it; a figure after a fall or rise word is no level; a
   level's figure is no change, unless a fall or rise word of the quote governs no figure of
   its own clause (三连降,分别为17.04%); a percent change is written with % (or 成, 倍) and an
   absolute one without. A percent change of a percent metric written without 个百分点 is a
   warning: the article may mean points.
7. Unit: a share (%) is neither a count's level nor a change in a count; a percent metric's
   level is a share, not a count (起, 人); money is yuan and yuan is money; people are counted
   in 人, 名 … (not 起, 个, 支); a time is in the metric's own unit.
8. Scope: a rank is among the peers its wording names (全省 province, 全国 nation, 全市 city).
9. Base: 环比 compares with the period just before, so it needs that ``baseline``; 同比
   compares with the same period a year earlier, so a ``baseline`` it has is that one; a base
   year the quote names (较2018年) is the baseline, given or implied (a year earlier).
10. Period: a year the figure's clause names (not as its base) lies in the period or the
    baseline.
11. Several figures: two or more could stand for the observation and nothing above tells which
    one it is: a warning to say which with ``figure``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from copscompare.loading import wording as w
from copscompare.loading.figures import (
    Figure,
    clause_start,
    figure_values,
    loose_change_word,
    quote_direction,
    read_figures,
    written_with,
)
from copscompare.loading.pairing import (
    CHANGES,
    MONEY_UNITS,
    TIME_UNITS,
    Pick,
    could_be,
    fits_measure,
    is_value,
    pick,
    same_value,
)
from copscompare.model import Metric, Observation
from copscompare.numbers import plain_number
from copscompare.periods import Period, month_label, parse_period

_SECONDS = {"seconds": 1, "minutes": 60, "hours": 3600}
_FINE: set[tuple[object, ...]] = set()
_FINE_LIMIT = 500_000
_TIME_OF = {word: unit for unit, words in TIME_UNITS.items() for word in words}
_BASE_BEFORE = ("比", "较", "較", "与", "與", "和")
_KINDS = {"year": "a year", "date": "a date", "time": "a time of day", "id": "an id",
          "service": "a service number", "name": "a name", "ordinal": "an ordinal",
          "label": "a paragraph number", "span": "a span of time"}


@dataclass(frozen=True)
class Finding:
    """One rule broken: the field to look at, what is wrong, ``error`` or ``warning``."""

    field: str
    message: str
    severity: str = "error"


def figure_problems(obs: Observation, metric: Metric) -> list[Finding]:
    """Every rule of the module docstring ``obs`` breaks, in order.

    Speed: an observation found fine is remembered by what the rules see of it: its quote's
    shape (``figures.figure_values``: texts of one shape read alike), which of the quote's
    figures have its value, the sign of its value, and every field the rules read (measure,
    qualifier, scope, the metric's id, unit and names; period and baseline where the quote
    names a year or a base). A large file of one kind of sentence is checked in full once per
    kind."""
    key = _seen_as(obs, metric)
    if key is not None and key in _FINE:
        return []
    found = _problems(obs, metric)
    if key is not None and not found:
        if len(_FINE) >= _FINE_LIMIT:
            _FINE.clear()
        _FINE.add(key)
    return found


def _seen_as(obs: Observation, metric: Metric) -> tuple[object, ...] | None:
    if obs.figure is not None or obs.reading is not None:
        return None
    shaped = figure_values(obs.quote)
    if shaped is None:
        return None
    hits = tuple(is_value(obs.value, obs.measure, v, counter) for v, counter in shaped[1])
    sign = (obs.value > 0) - (obs.value < 0)
    key = (shaped[0], hits, sign, obs.value < -100, obs.measure, obs.qualifier, obs.scope,
           metric.id, metric.unit, metric.label_zh, metric.aliases)
    return (*key, obs.period.text, obs.baseline) if shaped[2] else key


def _problems(obs: Observation, metric: Metric) -> list[Finding]:
    found = _kind(obs, metric)
    if found or obs.reading == "curator":
        return found
    everything = read_figures(obs.quote)
    figures = [f for f in everything if f.kind == "figure"]
    chosen = pick(obs, metric, figures)
    if chosen.figure is None or not same_value(chosen.figure, obs):
        return [_absent(obs, chosen, figures, everything)]
    figure = chosen.figure
    found = [*_sign(obs, figure), *_qualifier(obs, figure), *_measure(obs, metric, figure),
             *_unit(obs, metric, figure), *_scope(obs, figure), *_base(obs, figure),
             *_period(obs, figure, everything)]
    rivals = could_be(obs, metric, figures)
    if chosen.how == "value" and len(rivals) > 1 and figure in rivals:
        listed = ", ".join(f.text for f in rivals)
        found.append(Finding("figure", f"the quote holds {len(rivals)} figures that could be "
                                       f"this one ({listed}): add `figure:` to say which",
                             "warning"))
    return found


def _kind(obs: Observation, metric: Metric) -> list[Finding]:
    if obs.measure == "change_pp" and metric.unit != "percent":
        return [Finding("measure", f"a percentage-point change needs a percent metric; "
                                   f"'{metric.id}' is counted in {metric.unit}")]
    if obs.measure == "level" and obs.value < 0:
        return [Finding("value", "a level cannot be negative (write a fall as a change)")]
    if obs.measure == "change_pct" and obs.value < -100:
        return [Finding("value", f"{plain_number(obs.value)}%: nothing falls by more than "
                                 "100%")]
    return []


# -- 2, 3: is the value in the quote? ---------------------------------------------------------

def _absent(obs: Observation, chosen: Pick, figures: list[Figure],
            everything: list[Figure]) -> Finding:
    value = plain_number(obs.value)
    shown = plain_number(abs(obs.value))
    figure = chosen.figure
    if chosen.how == "figure" and figure is None:
        return Finding("figure", f"no figure is read in '{obs.figure}': give the figure as the "
                                 "quote writes it (or `reading: curator` and a note)")
    if chosen.how == "figure" and figure is not None:
        return Finding("value", f"value {value} but the figure '{obs.figure}' is "
                                f"{figure.text}: did you mean {_signed(obs, figure)}?")
    if chosen.how == "list" and figure is not None:
        other = next((f for f in figures if f.group == figure.group and same_value(f, obs)),
                     None)
        if other is None:
            return Finding("value", f"value {value} but the quote pairs '{figure.subject}' "
                                    f"with {figure.text}: did you mean {_signed(obs, figure)}?")
        return Finding("value", f"value {value} is {other.text}, which the quote pairs with "
                                f"'{other.subject}'; it pairs '{figure.subject}' with "
                                f"{figure.text}: did you mean {_signed(obs, figure)}? "
                                "(a swapped pair)")
    hint = _what_it_says(obs, figures)
    if hint:
        return Finding("value", f"value {value} but the quote says {hint[0].text}: did you "
                                f"mean {hint[1]}?")
    named = next((f for f in everything if f.kind != "figure" and same_value(f, obs)), None)
    if named is not None:
        return Finding("value", f"the quote writes {named.text} as {_KINDS[named.kind]}, not "
                                "as a figure")
    return Finding("quote", f"the quote does not contain the figure {shown} (quote the "
                            "shortest clause that does)")


def _what_it_says(obs: Observation, figures: list[Figure]) -> tuple[Figure, str] | None:
    """The figure the value was likely meant to be, and that value: the same number with its
    multiplier, without an extra one, with its decimals."""
    value = abs(obs.value)
    for figure in figures:
        if figure.value != figure.bare and math.isclose(figure.bare, value, rel_tol=1e-9):
            return figure, _signed(obs, figure)
    for figure in figures:
        ratio = value / figure.value if figure.value else 0
        if ratio >= 10 and math.isclose(math.log10(ratio), round(math.log10(ratio)),
                                        abs_tol=1e-9):
            return figure, _signed(obs, figure)
    for figure in figures:
        if figure.value != value and math.isclose(round(figure.value, obs.decimals), value):
            return figure, _signed(obs, figure)
    return None


def _signed(obs: Observation, figure: Figure) -> str:
    value = figure.value * 100 if figure.counter == "倍" and obs.measure == "change_pct" \
        else figure.value
    negative = figure.direction < 0 if figure.direction else obs.value < 0
    return str(plain_number(-value if negative and obs.measure in CHANGES else value))


# -- 4-9: does the wording agree? --------------------------------------------------------------

def _sign(obs: Observation, figure: Figure) -> list[Finding]:
    """A change's sign is its figure's fall or rise word; where the fall or rise is said apart
    from the figures (全市命案实现三连降,分别为17.04%、17.22%), the quote's, when all its fall
    and rise words agree."""
    if obs.measure not in CHANGES or not obs.value:
        return []
    direction = figure.direction
    if not direction and loose_change_word(obs.quote):
        direction = quote_direction(obs.quote)
    if not direction or (direction > 0) == (obs.value > 0):
        return []
    said = "a fall" if direction < 0 else "a rise"
    return [Finding("value", f"the quote speaks of {said} but the value is "
                             f"{plain_number(obs.value)}: decreases are negative")]


def _qualifier(obs: Observation, figure: Figure) -> list[Finding]:
    if obs.qualifier == figure.qualifier:
        return []
    written = written_with(obs.quote, figure)
    if figure.qualifier == "exact":
        return [Finding("qualifier", f"qualifier '{obs.qualifier}' but the quote writes the "
                                     f"figure plainly ({written}): exact")]
    return [Finding("qualifier", f"qualifier '{obs.qualifier}' but the quote writes "
                                 f"{written}: {figure.qualifier}")]


def _measure(obs: Observation, metric: Metric, figure: Figure) -> list[Finding]:
    hint, measure = figure.measure_hint, obs.measure
    if "rank" in (hint, measure) and hint != measure:
        if measure == "rank":
            return [_wrong_measure(figure, "is no rank")]
        return [_wrong_measure(figure, "is a rank: measure rank")]
    if "change_pp" in (hint, measure) and hint != measure:
        if measure == "change_pp":
            return [_wrong_measure(figure, "is written without 个百分点: no change in "
                                           "percentage points")]
        return [_wrong_measure(figure, f"{figure.counter}: percentage points are change_pp")]
    if measure == "level" and figure.text in w.UNCHANGED:
        return [_wrong_measure(figure, "is a change of 0, not a level")]
    if measure == "level" and figure.direction and hint != "level":
        return [_wrong_measure(figure, "follows a fall or rise word: a change, not a level")]
    if measure in CHANGES and hint == "level" and not loose_change_word(obs.quote):
        return [_wrong_measure(figure, "is a level: no fall or rise in the quote is its")]
    if measure in CHANGES and not fits_measure(figure, measure) and hint != "level":
        unit = "% (change_pct)" if figure.percent else f"{figure.counter} (change_abs)"
        return [_wrong_measure(figure, f"is a change in {unit}, not {measure}")]
    return _measure_doubts(obs, metric, figure)


def _wrong_measure(figure: Figure, why: str) -> Finding:
    return Finding("measure", f"the quote's {figure.text} {why}")


def _measure_doubts(obs: Observation, metric: Metric, figure: Figure) -> list[Finding]:
    if (obs.measure == "change_pct" and metric.unit == "percent" and figure.percent
            and figure.measure_hint == "change_pct"):
        return [Finding("measure", f"a rate's change written in % ({figure.text}) without "
                                   "个百分点: the article may mean percentage points; "
                                   "change_pct keeps what it wrote", "warning")]
    if obs.measure in CHANGES and figure.measure_hint == "" and figure.value:
        return [Finding("measure", f"the quote writes {figure.text} with neither % nor a "
                                   f"counter: {obs.measure} is the curator's reading",
                        "warning")]
    return []


def _unit(obs: Observation, metric: Metric, figure: Figure) -> list[Finding]:
    if obs.measure not in ("level", "change_abs"):
        return []
    unit, family = metric.unit, figure.counter_family
    written = figure.text + figure.counter
    if unit == "percent" and not figure.percent and family not in ("", "points"):
        return [Finding("metric", f"'{metric.id}' is a percentage but the quote writes "
                                  f"{written}, a count")]
    if unit != "percent" and figure.percent:
        return [Finding("metric", f"the quote writes {written}, a share, but '{metric.id}' "
                                  f"is counted in {unit}")]
    if (unit in MONEY_UNITS) != (family == "money") and family not in ("", "multiple"):
        what = "an amount of money" if family == "money" else "no amount of money"
        return [Finding("metric", f"the quote writes {written}, {what}, but '{metric.id}' is "
                                  f"counted in {unit}")]
    if unit == "people" and family in ("case", "thing", "measure", "time"):
        return [Finding("metric", f"the quote writes {written}, which counts no people, but "
                                  f"'{metric.id}' is counted in people")]
    return _time_unit(obs, metric, figure)


def _time_unit(obs: Observation, metric: Metric, figure: Figure) -> list[Finding]:
    written_in = _TIME_OF.get(figure.counter)
    if written_in is None or written_in == metric.unit:
        return []
    if metric.unit not in _SECONDS:
        return [Finding("metric", f"the quote writes {figure.text}{figure.counter}, a time, "
                                  f"but '{metric.id}' is counted in {metric.unit}")]
    value = figure.value * _SECONDS[written_in] / _SECONDS[metric.unit]
    meant = plain_number(-value if obs.value < 0 else value)
    return [Finding("value", f"'{metric.id}' is counted in {metric.unit} but the quote writes "
                             f"{figure.text}{figure.counter}: did you mean {meant}?")]


def _scope(obs: Observation, figure: Figure) -> list[Finding]:
    if obs.measure != "rank" or not figure.scope or obs.scope in (None, figure.scope):
        return []
    begin = clause_start(obs.quote, figure.start)
    named = max(obs.quote.rfind(word, begin, figure.start) for word in w.RANK_SCOPES)
    return [Finding("scope", f"the quote ranks it among the {figure.scope}'s peers "
                             f"({obs.quote[named:figure.end]}): scope {figure.scope}")]


def _base(obs: Observation, figure: Figure) -> list[Finding]:
    if obs.measure not in CHANGES or not obs.period.known:
        return []
    start = obs.period.start
    assert start is not None
    if figure.base in w.PREVIOUS_BASES:
        before = _period_before(obs.period)
        if obs.baseline is None:
            return [Finding("baseline", f"{figure.base} compares with the period just before: "
                                        f"give `baseline` ({before})")]
        base = _known(obs.baseline)
        if base is not None and base.end != start - 1:
            return [Finding("baseline", f"{figure.base} compares with the period just before "
                                        f"({before}), not {obs.baseline}")]
    if figure.base in w.YEAR_BASES and obs.baseline:
        base = _known(obs.baseline)
        end = obs.period.end or 0
        if base is not None and (base.start, base.end) != (start - 12, end - 12):
            return [Finding("baseline", f"{figure.base} compares with the same period a year "
                                        f"earlier, not {obs.baseline}: leave `baseline` out")]
    if figure.base_year is not None:
        base = _known(obs.baseline) if obs.baseline else Period("", start - 12,
                                                                (obs.period.end or 0) - 12)
        if base is not None and not _holds_year(base, figure.base_year):
            given = f"not {obs.baseline}" if obs.baseline else "not the year before"
            return [Finding("baseline", f"the quote compares with {figure.base_year}: "
                                        f"baseline {figure.base_year}, {given}")]
    return []


def _period_before(period: Period) -> str:
    assert period.start is not None and period.months is not None
    end = period.start - 1
    begin = end - period.months + 1
    if period.months == 12 and begin % 12 == 0:
        return str(begin // 12)
    return month_label(end) if begin == end else f"{month_label(begin)}/{month_label(end)}"


def _known(text: str) -> Period | None:
    try:
        period = parse_period(text)
    except ValueError:
        return None
    return period if period.known else None


def _holds_year(period: Period, year: int) -> bool:
    assert period.start is not None and period.end is not None
    return period.start // 12 <= year <= period.end // 12


# -- 10: the period the clause names ----------------------------------------------------------

def _period(obs: Observation, figure: Figure, everything: list[Figure]) -> list[Finding]:
    begin = clause_start(obs.quote, figure.start)
    years = [int(f.value) for f in everything if f.kind == "year"
             and begin <= f.start < figure.start and not _as_base(obs.quote, f)
             and f.value != figure.base_year]
    if not years:
        return []
    named = " and ".join(str(y) for y in dict.fromkeys(years))
    if not obs.period.known:
        return [Finding("period", f"the quote names {named}: the period is not unknown")]
    base = _known(obs.baseline) if obs.baseline else None
    if any(_holds_year(period, year) for year in years
           for period in (obs.period, base) if period is not None):
        return []
    return [Finding("period", f"the quote speaks of {named} but the period is "
                              f"{obs.period.text}")]


def _as_base(quote: str, year: Figure) -> bool:
    """The year is what something is compared with (比2012年的, 较2018年)."""
    lead = quote[max(0, year.start - 8):year.start]
    return any(word in lead for word in _BASE_BEFORE) or quote.startswith("的", year.end + 1)

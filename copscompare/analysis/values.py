"""A figure written as a journalist writes it: ``≥95%``, ``~6,000``, ``>30,000``, ``−0.54%``.

Rules:
- thousands separators (``204,365``) and exactly the decimals the curator wrote, so a published
  ``1`` stays ``1``, ``9.6`` stays ``9.6`` and ``19.293`` never shows float noise: a published
  figure is neither rounded nor padded; a computed one is rounded half up (copscompare.numbers);
- negatives use the real minus sign U+2212 (``−0.54%``) in display text; data stays plain numbers;
- a change always carries its sign (``+9.6 pp``, ``−0.54%``); a change of zero is ``0``;
- the qualifier comes first as a symbol: ``~`` about, ``>`` over, ``≥`` at least, ``<`` under,
  ``≤`` at most. For a fall the qualifier describes the size of the fall (the data format says so),
  so the symbol is mirrored to keep the statement true: a fall of over 6,000 is ``<−6,000``;
- units: percent ``95%``, yuan ``¥10,000,000``, seconds ``360 s``, minutes ``5 min``, hours
  ``2 h``; counts and people are plain numbers;
- measures: ``change_pct`` ``+25.1%``, ``change_pp`` ``+9.6 pp``, ``change_abs`` in the metric's
  unit (``−6,000``, ``+¥1,000``; a percent metric's absolute change is in ``pp``), ``rank``
  ``#2 in province`` (at most: ``top 3 in province``, from 前三).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from copscompare.numbers import fixed_text

if TYPE_CHECKING:
    from copscompare.model import Observation

MINUS = "\u2212"
DASH = "—"  # a gap

QUALIFIER_SYMBOLS = {"exact": "", "about": "~", "over": ">", "at_least": "≥", "under": "<",
                     "at_most": "≤"}
_MIRROR = {"over": "under", "under": "over", "at_least": "at_most", "at_most": "at_least"}
_UNIT_SUFFIX = {"percent": "%", "seconds": " s", "minutes": " min", "hours": " h"}


def qualifier_for_sign(value: float, qualifier: str) -> str:
    """The qualifier as a statement about the number itself, not about the size of a fall.

    ``over`` on −6000 (a fall of over 6,000) means the number is *under* −6000; ``about`` and
    ``exact`` do not change.
    """
    if value < 0:
        return _MIRROR.get(qualifier, qualifier)
    return qualifier


def number_text(value: float, decimals: int = 0) -> str:
    """``204,365``, ``97.03``, ``−0.54``: separators, ``decimals`` places, a real minus sign.

    The digits are the figure as written, rounded half up where it has more decimals than
    asked (copscompare.numbers): never the binary float's noise. A figure that rounds to zero
    has no sign.
    """
    digits = fixed_text(value, decimals)
    whole, dot, fraction = digits.lstrip("-").partition(".")
    text = f"{int(whole):,}{dot}{fraction}"
    if digits.startswith("-") and text.strip("0.,") != "":
        return MINUS + text
    return text


def signed_text(value: float, decimals: int = 0) -> str:
    """A change with its sign: ``+43``, ``−0.54``; ``0`` (no sign) when it is zero as written."""
    text = number_text(value, decimals)
    if text.startswith(MINUS) or text.strip("0.,") == "":
        return text
    return "+" + text


def _with_unit(number: str, unit: str) -> str:
    """Attach a unit to an already formatted number (sign included)."""
    if unit == "yuan":
        sign = number[0] if number[:1] in ("+", MINUS) else ""
        return f"{sign}¥{number[len(sign):]}"
    return number + _UNIT_SUFFIX.get(unit, "")


def format_value(value: float, unit: str, measure: str = "level", qualifier: str = "exact",
                 decimals: int = 0, scope: str | None = None) -> str:
    """One published figure as display text (see the module docstring for the rules)."""
    if measure == "rank":
        if qualifier == "at_most":
            return f"top {number_text(value)} in {scope or 'peers'}"
        return f"{QUALIFIER_SYMBOLS[qualifier]}#{number_text(value)} in {scope or 'peers'}"
    symbol = QUALIFIER_SYMBOLS[qualifier_for_sign(value, qualifier)]
    if measure == "level":
        return symbol + _with_unit(number_text(value, decimals), unit)
    number = signed_text(value, decimals)
    if measure == "change_pct":
        return f"{symbol}{number}%"
    if measure == "change_pp" or unit == "percent":
        return f"{symbol}{number} pp"
    return symbol + _with_unit(number, unit)


def figure_text(obs: Observation, unit: str) -> str:
    """One observation's figure as display text, in its metric's ``unit`` (``format_value``)."""
    return format_value(obs.value, unit, obs.measure, obs.qualifier, obs.decimals, obs.scope)


# What each kind of figure is called: short, for a label or column; in words, for a title.
MEASURE_NAMES = {
    "level": ("level", "levels"),
    "change_pct": ("% change", "percent changes"),
    "change_pp": ("pp change", "percentage-point changes"),
    "change_abs": ("abs. change", "absolute changes"),
    "rank": ("rank", "ranks"),
}


def measure_label(measure: str, scope: str | None = None) -> str:
    """Short name of a kind of figure for a label: ``% change``, ``rank in nation``."""
    if measure == "rank" and scope:
        return f"rank in {scope}"
    return MEASURE_NAMES[measure][0]


def measure_words(measure: str, scope: str | None = None) -> str:
    """A kind of figure in words for a title or note: ``percent changes``,
    ``ranks within province``."""
    words = MEASURE_NAMES[measure][1]
    return f"{words} within {scope}" if measure == "rank" and scope else words


def bilingual(en: str, zh: str, lang: str | None) -> str:
    """A name in the language asked for (``zh``, ``en``), else both, English first."""
    if lang == "zh":
        return zh
    if lang == "en":
        return en
    return f"{en} {zh}"


def span_words(months: int) -> str:
    """Length of a period in words: ``month``, ``quarter``, ``half year``, ``year``, ``5 years``."""
    if months == 1:
        return "month"
    if months == 3:
        return "quarter"
    if months == 6:
        return "half year"
    if months == 12:
        return "year"
    if months % 12 == 0:
        return f"{months // 12} years"
    return f"{months} months"


def gap_words(months: int) -> str:
    """Time between two periods: ``1 year``, ``3 years``, ``18 months``."""
    if months % 12 == 0:
        years = months // 12
        return f"{years} year" + ("" if years == 1 else "s")
    return f"{months} months"

"""A press release's figures drafted as observations: what ``copscompare extract`` does.

Every figure the shared reader (``loading.figures``) sees as a police figure is drafted:
- which are drafted: those ``which`` says count something, in the body of the text (not on
  a line of page furniture, ``words.FOOTER_WORDS``; not in a headline that repeats a figure
  the body gives), whose words of time are not in the future (a plan: ``when``). A context
  figure (``which.is_context``: the economy, public finance, population) is drafted only
  when asked (``include_context``), flagged ``context``.
- value: the reader's, multiplier applied, negative for a fall; measure, qualifier, base and
  a rank's scope: the reader's; the quote: ``clauses.quote_span``; the period: ``when``
  (a level the change is measured from, 比去年同期的29120起, gets the period compared
  with); the place: ``places``; the metric: ``metrics``.
- ``figure``: written as in the quote when the quote holds more than one police figure.
- flags: what the curator must decide (``rows``): several figures, a metric guessed or new,
  a period guessed or unknown, another place, a context figure, a rank's scope guessed, a
  base level.
- never invents: each row is checked by the checker's own rules (``loading.quotes``: the
  figure in its quote, sign, magnitude, qualifier, measure, unit, scope, base, period, which
  of several figures) against its metric and quote, and the reader must see its figure in
  the quote alone as it did in the whole text (a counter across a line break does not
  count); a row that breaks one is dropped, counted in ``Draft.dropped``; the checker's
  warnings (a rate's change in % that may mean points) join its flags, ``check: …``.
- the same figure (``_same_figure``) with the same quote twice (a paragraph repeated) is
  drafted once; with another quote (a lead repeated in the body) it is drafted again, flagged
  ``given again``, for the curator to keep the quote that says most.
"""

from __future__ import annotations

import bisect
import itertools
import math
from dataclasses import dataclass, replace

from copscompare.extract import words
from copscompare.extract.article import Article
from copscompare.extract.clauses import (
    Ordered,
    Span,
    clauses,
    enclosing,
    paragraphs,
    quote_span,
    sentences,
)
from copscompare.extract.head import Head, read_head
from copscompare.extract.metrics import Choice, Metrics, Words, metric_words
from copscompare.extract.places import (
    Mention,
    headings,
    mentions,
    most_named,
    names_of,
    place_of,
)
from copscompare.extract.rows import (
    BASE_LEVEL,
    CONTEXT,
    GIVEN_AGAIN,
    MEASURE_GUESSED,
    METRIC_GUESSED,
    NEW_METRIC,
    OTHER_PLACE,
    PERIOD_GUESSED,
    PERIOD_UNKNOWN,
    SCOPE_GUESSED,
    SEVERAL_FIGURES,
    Draft,
    Row,
    SourceDraft,
)
from copscompare.extract.view import view_of
from copscompare.extract.when import (
    UNKNOWN,
    Phrase,
    When,
    baseline,
    phrases,
    published_of,
    resolve,
    shifted,
)
from copscompare.extract.which import (
    an_earlier_change,
    bounds_a_kind,
    counts_peers,
    counts_something,
    in_a_name,
    is_context,
    measure_of,
    narrative,
    one_of_many,
    unit_of_figure,
)
from copscompare.hanzi import to_simplified
from copscompare.loading import wording
from copscompare.loading.figures import Figure, read_figures
from copscompare.loading.quotes import figure_problems
from copscompare.model import Dataset, Metric, Observation
from copscompare.numbers import plain_number
from copscompare.periods import parse_period

NAMING_FIGURES = (*wording.ZERO_WORDS, *wording.ALL_SOLVED)
DISTINCTIVE = 1000  # a whole number this large is one figure wherever it is repeated
VALUE_DECIMALS = 6  # more than any figure is published with
HEADLINE = 40  # characters at most in a headline that repeats a figure of the body
LEAD_IN = 6  # characters before words of time that still open their sentence: 据悉,
CONTINUATIONS = (*wording.YEAR_BASES, *wording.PREVIOUS_BASES, *wording.ALL_OF_THEM,
                 *wording.RESPECTIVELY, *wording.FALL_WORDS, *wording.RISE_WORDS,
                 *(w for w in wording.LEVEL_WORDS if w.endswith(("至", "到"))))


@dataclass(frozen=True)
class Options:
    source: str | None = None  # the id of the drafted source (default: the next free sNNN)
    jurisdiction: str | None = None  # the place the article is about, as the data names it
    published: str | None = None  # YYYY-MM-DD (default: the date the text gives)
    include_context: bool = False  # also draft figures that are no police figures


def draft_article(article: Article, dataset: Dataset, options: Options) -> Draft:
    """The draft of ``article`` against ``dataset`` (rules in the module docstring)."""
    return _Drafting(article, dataset, options).draft()


class _Drafting:
    """One article being drafted: its text read once, then each figure in turn."""

    def __init__(self, article: Article, dataset: Dataset, options: Options) -> None:
        self.article, self.text, self.options = article, article.text, options
        self.view = view_of(article.text)
        self.head = read_head(article.text, self.view)
        self.published = published_of(options.published or self.head.date)
        self.sentences = Ordered(sentences(self.text))
        self._clauses: dict[Span, list[Span]] = {}
        self._footers: dict[Span, bool] = {}
        self.paragraphs = Ordered(paragraphs(self.text))
        self.phrases = [self._published_phrase(p) for p in phrases(self.view.text,
                                                                   self.published)]
        self.openers = {p for p in self.phrases if p.kind != "day" and self._opens(p)}
        self._phrase_starts = [p.start for p in self.phrases]
        self._openers = [p for p in self.phrases if p in self.openers]
        self._opener_starts = [p.start for p in self._openers]
        self._last_frame = list(itertools.accumulate(
            (i if _a_frame(p) else -1 for i, p in enumerate(self._openers)), max, initial=-1))[1:]
        self.figures = read_figures(self.text)
        self.spans = Ordered([_with_counter(self.text, f) for f in self.figures
                              if f.kind == "figure"])
        self.ranks = [f for f in self.figures if f.kind == "figure" and f.measure_hint == "rank"]
        self.metrics = Metrics(dataset.metrics)
        self.data_metrics = dataset.metrics
        self.source = options.source or _next_source_id(dataset)
        # (place, metric, period, measure, scope) -> the value the draft gives it
        self.given: dict[tuple[str, str, str, str, str | None], int | float] = {}
        self._places(dataset)
        self.notes += _already_a_source(article, dataset)

    def _places(self, dataset: Dataset) -> None:
        found = mentions(self.view.text, names_of(dataset.jurisdictions.values()))
        self.mentions = [self._published_mention(m) for m in found]
        self.sections = [self._published_mention(m) for m in headings(self.view.text, found)]
        given = self.options.jurisdiction
        main = _resolve_place(dataset, given) if given else most_named(found)
        self.main = main or UNKNOWN
        self.notes: tuple[str, ...] = ()
        if main is None:
            self.notes = ("the text names no place of the data: give --jurisdiction",)
        elif main not in dataset.jurisdictions:
            self.notes = (f"'{self.main}' is no jurisdiction of the data: add it under "
                          "jurisdictions, with an id, before the draft is checked",)

    def clauses_of(self, sentence: Span) -> list[Span]:
        """The clauses of ``sentence``, cut once."""
        if sentence not in self._clauses:
            self._clauses[sentence] = clauses(self.text, sentence)
        return self._clauses[sentence]

    def _published_mention(self, mention: Mention) -> Mention:
        return Mention(*self.view.span_of(mention.start, mention.end), mention.place)

    def _published_phrase(self, phrase: Phrase) -> Phrase:
        start, end = self.view.span_of(phrase.start, phrase.end)
        return replace(phrase, start=start, end=end)

    # -- the draft -------------------------------------------------------------------------

    def draft(self) -> Draft:
        rows: list[Row] = []
        seen: set[tuple[object, ...]] = set()
        dropped = 0
        for figure in self.figures:
            row = self.row(figure)
            if row is None or (*_same_figure(row), row.quote) in seen:
                continue  # a paragraph repeated word for word
            checked = self._checked(row)
            if checked is None:
                dropped += 1
                continue
            if _same_figure(row) in seen:  # a lead repeated in the body: which to keep?
                checked = replace(checked, flags=(*checked.flags, GIVEN_AGAIN))
            seen.update((_same_figure(row), (*_same_figure(row), row.quote)))
            self.given[(row.jurisdiction, row.metric, row.period, row.measure, row.scope)] = (
                row.value)
            rows.append(checked)
        used = {row.metric for row in rows}
        proposed = tuple(m for m in self.metrics.proposed.values() if m.id in used)
        return Draft(self._source(), proposed, tuple(rows), dropped, self.notes)

    def _source(self) -> SourceDraft:
        head: Head = self.head
        flags = tuple(f"{what} not found in the text" for what, value in
                      (("title", head.title), ("publisher", head.publisher)) if value is None)
        date = self.options.published or head.date
        if date is None:
            flags += ("date not found in the text (give --published)",)
        return SourceDraft(self.source, head.title or UNKNOWN, head.publisher or UNKNOWN,
                           date or UNKNOWN, self.article.name, self.article.sha256, flags)

    def _checked(self, row: Row) -> Row | None:
        """``row`` as the checker's own rules (``quotes.figure_problems``) see it against its
        metric and quote: None when it breaks one; its warnings added to its flags. The
        reader must also see its figure in the quote alone, as it did in the whole text."""
        seen = [f.value for f in read_figures(row.quote) if f.kind == "figure"]
        if not any(math.isclose(abs(row.value), value, abs_tol=1e-9) for value in seen):
            return None
        observation = Observation(
            row.jurisdiction, row.metric, parse_period(row.period), row.measure,
            float(row.value), row.qualifier, row.source, row.quote, scope=row.scope,
            baseline=row.baseline, figure=row.figure)
        found = figure_problems(observation, self._metric(row.metric))
        if any(finding.severity == "error" for finding in found):
            return None
        return replace(row, flags=(*row.flags, *(f"check: {f.message}" for f in found)))

    def _metric(self, metric_id: str) -> Metric:
        if metric_id in self.data_metrics:
            return self.data_metrics[metric_id]
        return self.metrics.proposed_by_id[metric_id]

    # -- one figure ------------------------------------------------------------------------

    def row(self, figure: Figure) -> Row | None:
        """The drafted row of ``figure``; None when it is not drafted."""
        spot = self._spot(figure)
        if spot is None or not self._drafted(spot):
            return None
        context = is_context(spot.words, spot.sentence_words)
        if context and not self.options.include_context:
            return None
        measure = measure_of(figure)
        unit = unit_of_figure(figure)
        when = self._when(spot)
        if when.future:  # a plan or a target, not a reported figure
            return None
        place = place_of(figure.start, spot.paragraph, self.mentions, self.sections, self.main)
        sign = figure.direction or 1 if measure.startswith("change") else 1
        value = _value(figure.value * sign)
        scope = (figure.scope or "province") if measure == "rank" else None

        def taken(metric: str) -> bool:
            held = self.given.get((place, metric, when.period, measure, scope))
            return held is not None and held != value

        choice = self.metrics.choose(self._words(spot), measure, unit, taken)
        several = self._others(spot) > 0 and self._several(spot)
        flags = [*([SEVERAL_FIGURES] if several else []), *_metric_flags(choice),
                 *_period_flags(when), *([OTHER_PLACE] if place != self.main else []),
                 *([CONTEXT] if context else []),
                 *([SCOPE_GUESSED] if measure == "rank" and not figure.scope else []),
                 *([BASE_LEVEL] if _base_level(spot) else []),
                 *([MEASURE_GUESSED] if measure != figure.measure_hint else [])]
        return Row(
            value=value, measure=measure,
            qualifier=figure.qualifier, unit=self._unit(choice, unit), metric=choice.metric,
            period=when.period, baseline=self._baseline(spot, when), jurisdiction=place,
            quote=self.text[spot.quote.start:spot.quote.end], flags=tuple(flags),
            source=self.source, figure=figure.text if several else None, scope=scope,
            note=self._note(when))

    def _spot(self, figure: Figure) -> _Spot | None:
        span = Span(figure.start, figure.end)
        sentence = self.sentences.enclosing(span)
        paragraph = self.paragraphs.enclosing(span)
        if sentence is None or paragraph is None:
            return None
        quote = quote_span(self.text, sentence, span, self.spans, CONTINUATIONS,
                           self.clauses_of(sentence))
        return _Spot(figure, sentence, paragraph, quote,
                     to_simplified(self.text[quote.start:quote.end]),
                     to_simplified(self.text[sentence.start:sentence.end]))

    def _drafted(self, spot: _Spot) -> bool:
        """``which``'s rules, and no page furniture or headline (module docstring)."""
        figure = spot.figure
        after = spot.words[figure.end - spot.quote.start:]
        clause = enclosing(self.clauses_of(spot.sentence), Span(figure.start, figure.end))
        clause_words = to_simplified(self.text[clause.start:clause.end]) if clause else ""
        ranked = clause is not None and any(
            f.measure_hint == "rank" and clause.holds(Span(f.start, f.end)) for f in self.ranks)
        return (counts_something(figure, spot.words, clause_words)
                and not in_a_name(self.text, figure) and not bounds_a_kind(figure, after)
                and not counts_peers(figure, after, ranked)
                and not an_earlier_change(after) and not narrative(spot.sentence_words)
                and one_of_many(figure, self._others(spot)) and not self._furniture(spot))

    def _others(self, spot: _Spot) -> int:
        """How many other police figures stand in the figure's clause."""
        parts = self.clauses_of(spot.sentence)
        clause = enclosing(parts, Span(spot.figure.start, spot.figure.end)) or spot.quote
        return len(self.spans.within(clause)) - 1

    def _furniture(self, spot: _Spot) -> bool:
        """A line of page furniture, or a headline (a short sentence without a full stop)
        that repeats a figure the text gives again later."""
        if self._footer(spot.paragraph):
            return True
        sentence = spot.sentence
        if sentence.end - sentence.start > HEADLINE or self.text[sentence.end - 1] in "。!?!?":
            return False
        return any(f.value == spot.figure.value and f.start >= sentence.end
                   and f.kind == "figure" for f in self.figures)

    def _footer(self, paragraph: Span) -> bool:
        """A line of page furniture (words.FOOTER_WORDS); each line looked at once."""
        if paragraph not in self._footers:
            line = to_simplified(self.text[paragraph.start:paragraph.end])
            self._footers[paragraph] = any(word in line for word in words.FOOTER_WORDS)
        return self._footers[paragraph]

    def _words(self, spot: _Spot) -> Words:
        """The figure's subject, quote and sentence before it, for finding its metric."""
        figure, quote = spot.figure, spot.quote
        if figure.subject:
            last = next((f.subject for f in reversed(self.figures)
                         if f.group == figure.group and f.subject), "")
            return Words(to_simplified(_with_kind(figure.subject, last)), spot.words,
                         paired=True)
        label = self._without_figures(self._own_words(quote, figure))
        if len(_hanzi(metric_words(label))) < 2:  # 增长7.7% after 生产总值980亿元: the quote's
            label = self._without_figures(quote)
        subject = self.text[quote.start:figure.start]
        if len(_hanzi(subject)) < 2:
            subject = self.text[figure.end:quote.end]
        clause = enclosing(self.clauses_of(spot.sentence), Span(figure.start, figure.end))
        own = self.text[clause.start:figure.start] if clause is not None else ""
        after = self.text[figure.end + len(figure.counter):quote.end]
        subjectless = own.startswith(CONTINUATIONS) or (len(_hanzi(own)) < 2
                                                        and len(_hanzi(after)) < 2)
        earlier = self.text[spot.sentence.start:quote.start] if subjectless else ""
        return Words(to_simplified(subject), spot.words, to_simplified(earlier),
                     label=to_simplified(label))

    def _own_words(self, quote: Span, figure: Figure) -> Span:
        """The part of ``quote`` that is the figure's own: from the figure before it to the
        figure after it (制定了20个警种系统176个岗位的训练科目: 176's is 个警种系统176个岗位的
        训练科目), so that two figures of one quote propose two labels."""
        inside = [s for s in self.spans.within(quote) if not self.text.startswith(
            NAMING_FIGURES, s.start)]
        before = [s.end for s in inside if s.end <= figure.start]
        after = [s.start for s in inside if s.start >= figure.end]
        return Span(max(before, default=quote.start), min(after, default=quote.end))

    def _without_figures(self, quote: Span) -> str:
        """The quote without its figures and their counters: what a new metric's label is
        made of (推进53项禁毒工作改革 gives 推进禁毒工作改革; a zero that names a kind of
        place stays: “零发案”社区)."""
        kept, position = [], quote.start
        for span in self.spans.within(quote):
            if not self.text.startswith(NAMING_FIGURES, span.start):
                kept.append(self.text[position:span.start])
                position = span.end
        kept.append(self.text[position:quote.end])
        return "".join(kept)

    def _unit(self, choice: Choice, unit: str | None) -> str:
        if choice.new is not None:
            return choice.new.unit
        return self.data_metrics[choice.metric].unit if unit is None else unit

    def _several(self, spot: _Spot) -> bool:
        quote = spot.quote
        inside = [f for f in self.figures if f.kind == "figure" and quote.start <= f.start
                  and f.end <= quote.end]
        return len(inside) > 1 and spot.figure in inside

    # -- periods -------------------------------------------------------------------------

    def _when(self, spot: _Spot) -> When:
        """The period of a figure (``when``'s rules): words before it in its sentence, else
        words opening an earlier sentence of its paragraph, then of the article; a base
        level's is the period compared with."""
        when = self._stated(spot.figure.start, spot.sentence, spot.paragraph)
        if _base_level(spot) and when.months is not None:
            return resolve(shifted(when.months, spot.figure.base_year), False, self.published)
        return when

    def _stated(self, position: int, sentence: Span, paragraph: Span) -> When:
        """Words of time before ``position`` in its clause, else those opening its sentence,
        else any earlier in its sentence (read); else those opening an earlier sentence of its
        paragraph, else a frame opening one earlier in the article (guessed)."""
        clause = enclosing(self.clauses_of(sentence), Span(position, position)) or sentence
        low = bisect.bisect_left(self._phrase_starts, sentence.start)
        high = bisect.bisect_right(self._phrase_starts, position)
        within = [p for p in self.phrases[low:high] if p.end <= position]
        chosen = ([p for p in within if p.start >= clause.start]
                  or [p for p in within if p in self.openers] or within)
        if chosen:
            return self._resolved(chosen[-1], guessed=False)
        earlier = self._earlier_opener(sentence.start, paragraph.start)
        return self._resolved(earlier, guessed=True) if earlier else When(UNKNOWN, True)

    def _earlier_opener(self, sentence: int, paragraph: int) -> Phrase | None:
        """The last opener that ends before ``sentence`` and starts in its paragraph, else
        the last such opener that is a frame (phrases are in order and do not overlap)."""
        at = bisect.bisect_left(self._opener_starts, sentence) - 1
        if at >= 0 and self._openers[at].end > sentence:
            at -= 1
        if at < 0:
            return None
        if self._openers[at].start >= paragraph:
            return self._openers[at]
        frame = self._last_frame[at]
        return self._openers[frame] if frame >= 0 else None

    def _resolved(self, phrase: Phrase, guessed: bool) -> When:
        found = resolve(phrase.months, phrase.to_publication, self.published)
        return replace(found, guessed=found.guessed or guessed,
                       words=self.text[phrase.start:phrase.end])

    def _opens(self, phrase: Phrase) -> bool:
        """The phrase sets the time of what follows: it stands in its sentence's first clause
        (``2016年,…``, ``五年来,…``) or right after a short lead-in (``据悉,今年以来,…``)."""
        sentence = self.sentences.enclosing(Span(phrase.start, phrase.end))
        if sentence is None:
            return False
        parts = self.clauses_of(sentence)
        return bool(parts) and (parts[0].start <= phrase.start < parts[0].end
                                or phrase.start - sentence.start <= LEAD_IN)

    def _baseline(self, spot: _Spot, when: When) -> str | None:
        figure = spot.figure
        if not measure_of(figure).startswith("change"):
            return None
        clause = to_simplified(self.text[spot.quote.start:figure.start])
        found = baseline(figure.base, figure.base_year, clause, when.months)
        if found is None and when.months is not None and when.months[1] - when.months[0] > 11:
            return UNKNOWN  # a change over several years: against what, the text does not say
        return found

    def _note(self, when: When) -> str | None:
        """Why a period is unknown (required by the data), or the words it was guessed from."""
        if when.period == UNKNOWN:
            if not when.words:
                return "Period unknown: no words of time before the figure give one."
            if self.published.year is None:
                return (f"Period unknown: '{when.words}' gives no year, and the text no "
                        "publication date.")
            return f"Period unknown: '{when.words}' gives no months."
        if when.guessed:
            return f"Period guessed from the words '{when.words}'."
        return None


@dataclass(frozen=True)
class _Spot:
    """Where a figure stands: its sentence, paragraph and quote, and the words of its quote
    and sentence in simplified characters."""

    figure: Figure
    sentence: Span
    paragraph: Span
    quote: Span
    words: str
    sentence_words: str


def _base_level(spot: _Spot) -> bool:
    """A level the change is measured from (比去年同期的29120起): a base before it and 的."""
    figure = spot.figure
    return (figure.measure_hint == "level" and bool(figure.base)
            and spot.words[:figure.start - spot.quote.start].rstrip().endswith("的"))


def _a_frame(phrase: Phrase) -> bool:
    """Words of time that frame what follows across paragraphs: a half year or more, or up
    to publication (2009年, 五年来, 今年以来), not a month or a day (2009年3月)."""
    return phrase.to_publication or (phrase.months is not None
                                     and phrase.months[1] - phrase.months[0] >= 5)


def _with_kind(subject: str, last: str) -> str:
    """``subject`` with the kind word the last subject of its list ends with, when it has none
    (侵财 of 侵财、“两抢”案件 is 侵财案件)."""
    kinds = sorted(words.KIND_WORDS, key=len, reverse=True)
    if any(subject.endswith(kind) for kind in kinds):
        return subject
    return subject + next((kind for kind in kinds if last.endswith(kind)), "")


def _value(value: float) -> int | float:
    """The figure as a plain number, without the float noise its multiplier brings
    (4.1亿 is 410000000, not 409999999.99999994)."""
    return plain_number(round(value, VALUE_DECIMALS)) or 0


def _same_figure(row: Row) -> tuple[object, ...]:
    """What makes two rows the same figure (a paragraph or a lead repeated in the body): the
    same value, measure, period and place, and the same metric unless the value is one no two
    figures share by chance (with decimals, or 1000 and more: 12.83%, 25385起)."""
    distinctive = not float(row.value).is_integer() or abs(row.value) >= DISTINCTIVE
    return (row.value, row.measure, row.period, row.jurisdiction, row.scope,
            None if distinctive else row.metric)


def _with_counter(text: str, figure: Figure) -> Span:
    """A figure's span with its counter (16.5个百分点): a counter is no word of its own."""
    end = figure.end + len(figure.counter)
    return Span(figure.start, end if text.startswith(figure.counter, figure.end) else figure.end)


def _hanzi(text: str) -> str:
    return "".join(ch for ch in text if "\u3400" <= ch <= "\u9fff")


def _metric_flags(choice: Choice) -> list[str]:
    if choice.new is not None:
        return [NEW_METRIC]
    return [METRIC_GUESSED] if choice.guessed else []


def _period_flags(when: When) -> list[str]:
    if when.period == UNKNOWN:
        return [PERIOD_UNKNOWN]
    return [PERIOD_GUESSED] if when.guessed else []


def _already_a_source(article: Article, dataset: Dataset) -> tuple[str, ...]:
    """A note when the data already cites this article (the same file or the same text)."""
    return tuple(f"the data already cites this article as source {s.id}"
                 for s in dataset.sources.values()
                 if s.file == article.name or s.sha256 == article.sha256)


def _next_source_id(dataset: Dataset) -> str:
    """The next free ``sNNN`` after the data's highest."""
    numbers = [int(sid[1:]) for sid in dataset.sources if sid[:1] == "s" and sid[1:].isdigit()]
    return f"s{max(numbers, default=-1) + 1:03d}"


def _resolve_place(dataset: Dataset, given: str) -> str:
    """The id of the place ``given`` names in the data; ``given`` itself when none does (the
    curator adds the place under ``jurisdictions``)."""
    from copscompare.analysis.names import resolve_jurisdiction
    from copscompare.errors import NotFound

    try:
        return resolve_jurisdiction(dataset, given).id
    except NotFound:
        return given


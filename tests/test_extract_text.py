"""Reading an article for extract: its encoding, clauses and quotes, head, periods and places.

Every sentence here is invented for the tests, in the style of a press release.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from copscompare.extract.article import ArticleError, read_article
from copscompare.extract.clauses import Ordered, Span, clauses, paragraphs, quote_span, sentences
from copscompare.extract.head import read_head
from copscompare.extract.places import headings, mentions, most_named, names_of, place_of
from copscompare.extract.view import view_of
from copscompare.extract.when import (
    Published,
    baseline,
    period_text,
    phrases,
    published_of,
    resolve,
)
from copscompare.model import Jurisdiction

SENTENCE = "今年以来,全县刑事案件同比下降12.5%,“零发案”村屯120个、“零发案”社区35个。"


# ---- the article file ----

def test_utf8_text_is_read_and_hashed_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeff全县破案率达90%。".encode())
    article = read_article(path)
    assert (article.name, article.text) == ("a.txt", "全县破案率达90%。")
    # the text the curator worked from, without the byte-order mark
    assert article.sha256 == hashlib.sha256("全县破案率达90%。".encode()).hexdigest()


@pytest.mark.parametrize("encoding, found, command", [
    ("gbk", "is not UTF-8 (it reads as GBK/GB18030, common on Chinese sites)", "GB18030"),
    ("utf-16", "is UTF-16 text, not UTF-8", "UTF-16"),
])
def test_other_encodings_are_refused_with_the_command_that_converts_them(
        tmp_path: Path, encoding: str, found: str, command: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes("全县破案率达90%。".encode(encoding))
    with pytest.raises(ArticleError) as caught:
        read_article(path)
    assert str(caught.value) == (f"'{path}' {found}; convert it first, e.g. iconv -f "
                                 f"{command} -t UTF-8 '{path}' > article.txt")


def test_an_article_over_a_megabyte_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("全县破获案件120起。" * 80_000, encoding="utf-8")  # 1.04 MB
    with pytest.raises(ArticleError) as caught:
        read_article(path)
    assert str(caught.value) == (f"'{path}' is over 1 MB: an article is a few KB; save the "
                                 "article's own text")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_is_no_article(tmp_path: Path) -> None:
    """/dev/zero was read without end."""
    with pytest.raises(ArticleError, match="'/dev/zero' is not a text file"):
        read_article(Path("/dev/zero"))


def test_a_named_pipe_is_read_as_it_comes(tmp_path: Path) -> None:
    """``extract <(curl …)`` hands over a pipe."""
    import os
    import threading

    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    writer = threading.Thread(target=pipe.write_text, args=("全县破案率达90%。",),
                              kwargs={"encoding": "utf-8"})
    writer.start()
    assert read_article(pipe).text == "全县破案率达90%。"
    writer.join()


def test_a_clause_start_found_by_bisection_is_the_one_the_text_gives() -> None:
    """A reading finds where a figure's clause starts by bisecting its clause ends (scanning
    back through a 200 KB text for every figure took 27 s); it must agree with the plain rule
    at every position."""
    from copscompare.loading.figures import _Reading, clause_start

    text = "今年以来,全县刑事案件同比下降12.5%;抓获嫌疑人35名。破案率:90%,同比持平"
    reading = _Reading(text)
    assert [reading.clause_start(at) for at in range(len(text) + 1)] == [
        clause_start(text, at) for at in range(len(text) + 1)]
    assert reading.clause_start(len(text)) == text.rindex(",") + 1


def test_a_file_of_blanks_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text(" \n\n", encoding="utf-8")
    with pytest.raises(ArticleError, match="holds no text"):
        read_article(path)


# ---- sentences, clauses, quotes ----

def _texts(text: str, spans: list[Span]) -> list[str]:
    return [text[s.start:s.end] for s in spans]


def test_lines_run_together_are_kept_apart_at_spaces_and_bracketed_heads() -> None:
    text = "【一组数据】 全县破案120起 抓获嫌疑人35名,同比下降5%。"
    assert _texts(text, sentences(text)) == ["【一组数据】", "全县破案120起",
                                             "抓获嫌疑人35名,同比下降5%。"]


def test_sentences_end_at_full_stops_and_line_ends_and_clauses_at_commas() -> None:
    text = "  标题一行\n2018年,全市破案1,234起;抓获320人。未完的句子"
    assert _texts(text, paragraphs(text)) == [
        "标题一行", "2018年,全市破案1,234起;抓获320人。未完的句子"]
    assert _texts(text, sentences(text)) == ["标题一行", "2018年,全市破案1,234起;抓获320人。",
                                             "未完的句子"]
    assert _texts(text, clauses(text, sentences(text)[1])) == [
        "2018年", "全市破案1,234起", "抓获320人"]  # 1,234 is one number


def _quote(text: str, figure: str, figures: list[str]) -> str:
    sentence = next(s for s in sentences(text) if figure in text[s.start:s.end])

    def span(word: str) -> Span:
        at = text.index(word)
        return Span(at, at + len(word))
    spans = [span(f) for f in figures]
    found = quote_span(text, sentence, span(figure), Ordered(spans), ("同比", "均"))
    return text[found.start:found.end]


def test_the_quote_is_the_clause_that_holds_the_figure() -> None:
    assert _quote(SENTENCE, "12.5%", ["12.5%", "120个", "35个"]) == "全县刑事案件同比下降12.5%"


def test_a_list_of_things_each_with_its_figure_is_cut_to_the_item() -> None:
    figures = ["12.5%", "120个", "35个"]
    assert _quote(SENTENCE, "120个", figures) == "“零发案”村屯120个"
    assert _quote(SENTENCE, "35个", figures) == "“零发案”社区35个"
    text = "培养骨干民警40名和200余名业务能手。"
    assert _quote(text, "200余名", ["40名", "200余名"]) == "200余名业务能手"


def test_subjects_sharing_one_verb_are_not_cut() -> None:
    text = "盗窃、诈骗案件同比分别下降8.1%、6.4%。"
    assert _quote(text, "6.4%", ["8.1%", "6.4%"]) == "盗窃、诈骗案件同比分别下降8.1%、6.4%"
    text = "安全感、满意度分列全省第三和第一。"
    assert _quote(text, "第一", ["第三", "第一"]) == "安全感、满意度分列全省第三和第一"


def test_a_clause_without_its_own_subject_takes_the_clause_before() -> None:
    text = "全县“两抢”案件零发案,同比下降100%。"
    assert _quote(text, "100%", ["零", "100%"]) == "全县“两抢”案件零发案,同比下降100%"


# ---- the head ----

def test_the_head_gives_title_date_and_publisher() -> None:
    text = ("您当前的位置:首页 >> 警务动态\n某县公安局通报上半年治安形势\n"
            "發佈日期:2019-07-05  來源:某县日报 记者 王某\n全县刑事案件下降5%。")
    head = read_head(text, view_of(text))
    assert (head.title, head.date, head.publisher) == (
        "某县公安局通报上半年治安形势", "2019-07-05", "某县日报")


def test_a_text_that_starts_mid_article_has_no_head() -> None:
    text = "全县刑事案件同比下降5%,破案率提高2个百分点。\n抓获嫌疑人35名。"
    head = read_head(text, view_of(text))
    assert (head.title, head.date, head.publisher) == (None, None, None)


# ---- periods ----

PUBLISHED = published_of("2019-07-05")


@pytest.mark.parametrize("words, period", [
    ("2018年", "2018"), ("2018年上半年", "2018-H1"), ("2018年一季度", "2018-Q1"),
    ("2018年前三季度", "2018-01/2018-09"), ("2018年1-10月", "2018-01/2018-10"),
    ("2018年5月", "2018-05"), ("2011年至2013年", "2011/2013"),
    ("2015年以来", "2015/2019-07"), ("今年", "2019-01/2019-07"), ("去年", "2018"),
    ("今年以来", "2019-01/2019-07"), ("今年上半年", "2019-H1"), ("去年一季度", "2018-Q1"),
    ("五年来", "2015/2019-07"), ("近三年", "2017/2019-07"), ("这两年", "2018/2019-07"),
    ("目前", "2019-07"), ("1至5月", "2019-01/2019-05"), ("10月份", "2018-10"),
    ("国庆期间", "2018-10"), ("春节期间", "2019-01/2019-02"), ("2017年国庆期间", "2017-10"),
    ("前三季度", "2018-01/2018-09"), ("5月10日以来", "2019-05/2019-07"),
])
def test_words_of_time_give_a_period(words: str, period: str) -> None:
    found = phrases(words + ",全县破案100起", PUBLISHED)
    assert len(found) == 1
    assert resolve(found[0].months, found[0].to_publication, PUBLISHED).period == period


def test_in_a_review_published_early_in_a_year_the_years_end_with_the_last() -> None:
    january = published_of("2019-01-18")
    found = phrases("一年来,全县破案100起;五年来,抓获300人", january)
    assert [resolve(p.months, p.to_publication, january).period for p in found] == [
        "2018", "2014/2018"]


@pytest.mark.parametrize("words", ["比2017年", "较去年", "与去年同期相比", "去年同期",
                                   "连续三年", "近年来", "比近十年最高的2013年"])
def test_comparison_bases_and_streaks_are_no_period(words: str) -> None:
    assert phrases(words + "下降5%", PUBLISHED) == []


def test_holidays_named_again_are_the_holiday_named_before() -> None:
    found = phrases("国庆黄金周,全县平安。节日期间,全县破案100起", PUBLISHED)
    assert [resolve(p.months, p.to_publication, PUBLISHED).period for p in found] == [
        "2018-10", "2018-10"]


def test_an_event_window_is_a_period_no_words_give() -> None:
    found = phrases("十九大期间,全县破案100起", PUBLISHED)
    assert [(p.months, p.end) for p in found] == [(None, 5)]


def test_without_a_publication_date_relative_words_give_unknown() -> None:
    nothing = Published(None, None)
    found = phrases("今年以来,全县破案100起", nothing)
    assert resolve(found[0].months, found[0].to_publication, nothing).period == "unknown"
    found = phrases("2016年,全县破案100起", nothing)
    assert resolve(found[0].months, found[0].to_publication, nothing).period == "2016"


def test_a_period_is_never_in_the_future() -> None:
    found = phrases("2019年,全县破案100起", PUBLISHED)[0]
    when = resolve(found.months, found.to_publication, PUBLISHED)
    assert (when.period, when.guessed) == ("2019-01/2019-07", True)
    found = phrases("今年以来,全县破案100起", PUBLISHED)[0]
    assert resolve(found.months, found.to_publication, PUBLISHED).guessed is False
    found = phrases("2020年,全县破案100起", PUBLISHED)[0]
    assert resolve(found.months, found.to_publication, PUBLISHED).period == "unknown"


def test_period_text_is_written_as_the_data_writes_it() -> None:
    assert period_text((2012 * 12, 2016 * 12 + 11)) == "2012/2016"
    assert period_text((2015 * 12, 2017 * 12 + 10)) == "2015/2017-11"
    assert period_text((2017 * 12, 2017 * 12 + 10)) == "2017-01/2017-11"
    assert period_text((2017 * 12 + 6, 2017 * 12 + 11)) == "2017-H2"


def test_a_baseline_only_when_the_words_give_one() -> None:
    year = (2019 * 12, 2019 * 12 + 11)
    assert baseline("较2016年", 2016, "较2016年下降", year) == "2016"
    assert baseline("", None, "与五年前相比下降", (2019 * 12, 2019 * 12 + 5)) == "2014-H1"
    assert baseline("环比", None, "环比下降", (2019 * 12 + 5, 2019 * 12 + 5)) == "2019-05"
    assert baseline("同比", None, "同比下降", year) is None
    assert baseline("较2020年", 2020, "较2020年下降", year) is None  # a base after the period


# ---- places ----

PLACES = [
    Jurisdiction("pinghu", "平湖县", "Pinghu County", "Jiangsu", "江苏", "county"),
    Jurisdiction("dongcheng", "东城市", "Dongcheng", "Jiangsu", "江苏", "prefecture_city"),
]


def test_places_are_named_with_or_without_their_suffix_in_either_script() -> None:
    text = "東城市公安局通报,平湖警方破案30起,平湖县抓获20人。"
    found = mentions(view_of(text).text, names_of(PLACES))
    assert [(m.place, text[m.start:m.end]) for m in found] == [
        ("dongcheng", "東城市"), ("pinghu", "平湖"), ("pinghu", "平湖县")]
    assert most_named(found) == "pinghu"


def test_a_figure_is_about_the_place_named_before_it_or_its_section() -> None:
    text = "东城\n全市破案30起。\n平湖县抓获20人,破案10起。"
    view = view_of(text)
    found = mentions(view.text, names_of(PLACES))
    sections = headings(view.text, found)
    lines = paragraphs(view.text)
    assert place_of(text.index("30起"), lines[1], found, sections, "pinghu") == "dongcheng"
    assert place_of(text.index("10起"), lines[2], found, sections, "dongcheng") == "pinghu"

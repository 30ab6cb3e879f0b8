"""What an article says about itself: its headline, publication date and publisher.

Rules (each read from the text as published, or None when the text does not say):
- date: the first date labelled 发布日期/发布时间/时间/日期 (``2017-11-21``, ``2017年11月21日``,
  ``2017/11/21``), else the first line of the head (its first twelve lines) that starts with a
  full date;
- publisher: the first ``来源:`` followed by a name (its first word: ``来源:常州日报
  胡越`` gives 常州日报; ``来源: 发布时间:`` gives none), else ``主办单位:``, else the
  name before ``版权所有`` (``白城日报社版权所有`` gives 白城日报社);
- title: the first line of the head that reads as a headline: 6 to 60 characters, no full
  stop, question or exclamation mark inside, not a label or byline (来源, 发布, 时间, 日期,
  编辑, 字号, 浏览, 记者, 通讯员, 作者, 热线, 关键词), not a breadcrumb (``>>``, 首页,
  当前位置), a page marker (``第03版``, 上一版, 上一篇, 放大), a list item (``·``,
  ``1、``, ``一、``), nor a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from copscompare.extract.clauses import paragraphs
from copscompare.extract.view import View

HEAD_LINES = 12
_DATE = r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})"
_LABELLED_DATE = re.compile(r"(?:发布日期|发布时间|发表时间|时间|日期)\s*[::]\s*" + _DATE)
_LINE_DATE = re.compile(r"[\s【\[]*" + _DATE)
_PUBLISHER = (
    re.compile(r"来源\s*[::]\s*([^\s::|,,。;;()()]+)"),
    re.compile(r"主办单位\s*[::]\s*([^\s::|,,。;;()()]+)"),
    re.compile(r"([^\s::|,,。;;()()]{2,20}?)版权所有"),
)
_NOT_A_HEADLINE = re.compile(
    r"[。!?!?]|来源|发布|时间|日期|编辑|字号|浏览|记者|通讯员|作者|热线|关键词|>>|>|首页|"
    r"当前位置|上一版|下一版|上一篇|下一篇|放大|第\s*\w{1,4}\s*版|^\s*[·•]|^\s*[\d一二三四五六七八九十]+\s*[、.]|"
    + _DATE)


@dataclass(frozen=True)
class Head:
    title: str | None
    date: str | None  # YYYY-MM-DD
    publisher: str | None


def read_head(text: str, view: View) -> Head:
    """The head of an article: ``text`` as published, ``view`` as the word lists read it
    (rules in the module docstring)."""
    return Head(_title(text, view), _date(view.text), _publisher(text, view))


def _date(simple: str) -> str | None:
    match = _LABELLED_DATE.search(simple)
    if match is None:
        lines = paragraphs(simple)[:HEAD_LINES]
        match = next((m for line in lines
                      if (m := _LINE_DATE.match(simple, line.start, line.end))), None)
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _publisher(text: str, view: View) -> str | None:
    for pattern in _PUBLISHER:
        for match in pattern.finditer(view.text):
            if not view.text[match.end(1):].lstrip().startswith((":", ":")):  # a label
                start, end = view.span_of(match.start(1), match.end(1))
                return text[start:end]
    return None


def _title(text: str, view: View) -> str | None:
    for line in paragraphs(view.text)[:HEAD_LINES]:
        words = view.text[line.start:line.end]
        if 6 <= len(words) <= 60 and not _NOT_A_HEADLINE.search(words):
            start, end = view.span_of(line.start, line.end)
            return text[start:end]
    return None

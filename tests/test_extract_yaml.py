"""extract's YAML, written as text without a YAML library, read back by copscompare's loader."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_extract_draft import DATA as PLACE  # its place, pinghu, and two metrics

from copscompare import loading
from copscompare.extract.rows import Draft, Row, SourceDraft
from copscompare.extract.yamltext import draft_yaml, number, quoted
from copscompare.model import Metric

AWKWARD = ['他说:"两抢"案件下降8%', "C:\\数据\\新建", "yes", "no", "2019-01-01", "0519",
           "# 不是注释", "- 不是列表", "  前后空格  ", "'单引号'", "{花括号}", "&锚 *别名",
           "| 竖线", "> 大于", "100%", "@at `tick`"]


def draft(title: str, quote: str, value: float) -> Draft:
    metric = Metric("cases", "案件", "Cases", "count", "lower", "crime", "Cases filed.")
    row = Row(value, "level", "exact", "count", "cases", "2019", None, "pinghu", quote,
              ("new metric",), "s001")
    source = SourceDraft("s001", title, "平湖日报", "2019-07-05", "a.txt", "0" * 64,
                         ("publisher not found in the text",))
    return Draft(source, (metric,), (row,), 0)


@pytest.mark.parametrize("title", AWKWARD)
def test_every_text_field_reads_back_as_written(tmp_path: Path, title: str) -> None:
    (tmp_path / "place.yaml").write_text(PLACE, encoding="utf-8")
    (tmp_path / "draft.yaml").write_text(draft_yaml(draft(title, "破获案件120起", 120)),
                                          encoding="utf-8")
    dataset = loading.load(tmp_path, use_cache=False)
    assert dataset.sources["s001"].title == title
    assert [(o.value, o.quote) for o in dataset.observations] == [(120, "破获案件120起")]


def test_text_is_double_quoted_with_escapes_and_numbers_plain() -> None:
    assert quoted('a"b\\c\nd\te') == '"a\\"b\\\\c\\nd\\te"'
    assert quoted("行\u2028分\x85隔\ufeff") == '"行\\u2028分\\u0085隔\\ufeff"'
    assert [number(v) for v in (171, -0.54, 1.2e8, 98000000000.0, 1e20)] == [
        "171", "-0.54", "120000000", "98000000000", "100000000000000000000"]


def test_flags_are_comments_under_their_record() -> None:
    text = draft_yaml(draft("标题", "破获案件120起", 120))
    assert text.splitlines()[2:9] == [
        "sources:", '  - id: "s001"', '    title: "标题"', '    publisher: "平湖日报"',
        '    date: "2019-07-05"', '    file: "a.txt"', f'    sha256: "{"0" * 64}"']
    assert "    # flags: publisher not found in the text" in text.splitlines()
    assert text.endswith('    quote: "破获案件120起"\n    # flags: new metric\n')

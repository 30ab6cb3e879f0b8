"""SVG and HTML for publishing: Chinese measured in cells, no outside request, a key of the
sources, a <title> and lang; the HTML a real table. (The screenshots are in the note: these
tests need no browser.)"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import write
from test_terminal import PANEL

from copscompare import render
from copscompare.cli import cli
from copscompare.render.layout import cell_width
from copscompare.render.publish import CELL, MARGIN
from copscompare.table import BOTH, DISPLAY, Cited, Column, Table

SVG = "{http://www.w3.org/2000/svg}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
KEY = (Cited("s1", "全市违法犯罪警情大幅下降", "常州市公安局", "2017-11-21"),
       Cited("s3", "公安局长谈平安建设", "unknown", "2007", "javascript:alert(1)"))
ROOMS = Table(
    "Community police rooms 社区警务室",
    (Column("city", "jurisdiction", DISPLAY, label=True),
     Column("value", "value", BOTH, numeric=True), Column("source", "source", BOTH)),
    ({"city": "厦门 Xiamen", "value": 214, "source": "s3"},
     {"city": "常州市 Changzhou", "value": 48, "source": "s1, s3"}),
    ("Not the same period.",), chart="value", sources=KEY)


def texts(svg: str) -> list[ET.Element]:
    return list(ET.fromstring(svg).iter(f"{SVG}text"))


def lines_of(svg: str) -> list[str]:
    """The text of the image line by line, each run put back at the cell it is drawn at."""
    lines: dict[float, str] = {}
    for run in texts(svg):
        y, column = float(run.get("y")), round((float(run.get("x")) - MARGIN) / CELL)
        line = lines.get(y, "")
        at = cell_width(line)
        lines[y] = line + " " * (column - at) + run.text
    return [lines[y] for y in sorted(lines)]


def test_svg_has_a_title_lang_the_key_and_no_outside_request() -> None:
    svg = render.export_svg(ROOMS)
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title").text == "Community police rooms 社区警务室"
    assert root.get(XML_LANG) == "en" and root.get("lang") == "en"
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)|@import|@font-face|url\(", svg)
    assert lines_of(svg)[-3:] == [
        "Sources",
        "s1  全市违法犯罪警情大幅下降 (常州市公安局, 2017-11-21)",
        "s3  公安局长谈平安建设 (publisher unknown, 2007) javascript:alert(1)",
    ]  # an address is text in an image, never a link


def test_svg_measures_chinese_in_cells_so_nothing_overlaps() -> None:
    """Each run is told its width in cells (a Chinese character is two): 厦门 takes four
    cells and Xiamen starts one space after them (rich sized runs by characters: #2742)."""
    runs = texts(render.export_svg(ROOMS))
    chinese = next(t for t in runs if t.text == "厦门")
    latin = next(t for t in runs if t.text == "Xiamen" and t.get("y") == chinese.get("y"))
    assert float(chinese.get("textLength")) == pytest.approx(4 * CELL)
    assert float(latin.get("x")) == pytest.approx(float(chinese.get("x")) + 5 * CELL)
    assert chinese.get(XML_LANG) == "zh-Hans" and latin.get(XML_LANG) is None
    for run in runs:
        assert float(run.get("textLength")) == pytest.approx(cell_width(run.text) * CELL)
    by_line: dict[str, list[ET.Element]] = {}
    for run in runs:
        by_line.setdefault(run.get("y"), []).append(run)
    for line in by_line.values():
        ends = [(float(r.get("x")), float(r.get("x")) + float(r.get("textLength")))
                for r in line]
        assert all(end <= start for (_, end), (start, _) in itertools.pairwise(ends)), line


def test_svg_draws_the_box_as_lines_and_the_bars_as_rectangles() -> None:
    root = ET.fromstring(render.export_svg(ROOMS, chart=True))
    assert len(root.findall(f"{SVG}path")) == 1  # every border, one path
    bars = root.findall(f"{SVG}rect")[1:]  # after the background
    assert [b.get("class") for b in bars] == ["positive", "positive"]
    assert float(bars[0].get("width")) == pytest.approx(24 * CELL)  # the longest bar
    assert not any(c in "".join(t.text for t in texts(ET.tostring(root, "unicode")))
                   for c in "│─╭█")


class Page(HTMLParser):
    """The tags of an HTML page, with their attributes, and its text."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text += data

    def all(self, tag: str, **wanted: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v
                                                            for k, v in wanted.items())]


def test_html_is_a_real_table_with_title_lang_key_and_links() -> None:
    page = Page(render.export_html(ROOMS))
    assert page.all("html", lang="en")
    assert "Community police rooms 社区警务室" in page.text
    assert len(page.all("table")) == 1 and len(page.all("caption")) == 1
    assert len(page.all("th", scope="col")) == 3
    assert len(page.all("th", scope="row")) == 2  # the jurisdiction names each row
    assert len(page.all("span", lang="zh-Hans")) >= 4
    assert [a["href"] for a in page.all("a")] == [
        "#source-s3", "#source-s1", "#source-s3"]  # the cells "s3" and "s1, s3"
    assert [a["id"] for a in page.all("dt")] == ["source-s1", "source-s3"]
    assert "javascript:alert(1)" in page.text and not page.all("a", href="javascript:alert(1)")
    assert not page.all("script") and not page.all("link") and not page.all("img")
    assert "s1全市违法犯罪警情大幅下降 (常州市公安局, 2017-11-21)" in page.text


def test_compare_transposed_keeps_its_place_column_in_svg_and_html(tmp_path: Path) -> None:
    data = str(write(tmp_path / "panel.yaml", PANEL))
    svg, html = tmp_path / "c.svg", tmp_path / "c.html"
    result = CliRunner().invoke(cli, ["compare", "常州", "白城", "--transpose", "--data", data,
                                      "--svg", str(svg), "--html", str(html)])
    assert result.exit_code == 0, result.stderr
    shown = lines_of(svg.read_text("utf-8"))
    assert shown[0] == "Side by side: 常州市 Changzhou, 白城市 Baicheng"
    assert shown[1].split()[:2] == ["jurisdiction", "level"]  # 160 cells: one part
    assert [line.split()[:2] for line in shown if "prefecture-level" in line] == [
        ["常州市", "Changzhou"], ["白城市", "Baicheng"]]
    page = Page(html.read_text("utf-8"))
    assert len(page.all("th", scope="row")) == 2
    assert "常州市 Changzhou" in page.text and "白城市 Baicheng" in page.text


def test_a_wide_table_in_an_image_is_split_in_parts_each_with_its_place_column() -> None:
    metrics = [Column(f"m{i}", f"指标{i}", BOTH, numeric=True) for i in range(10)]
    wide = Table("Wide", (Column("place", "jurisdiction", DISPLAY, label=True), *metrics),
                 ({"place": "常州市 Changzhou",
                   **{f"m{i}": f"{i},000 (2017-01/2017-11)" for i in range(10)}},
                  {"place": "白城市 Baicheng", **{f"m{i}": "—" for i in range(10)}}))
    shown = lines_of(render.export_svg(wide))
    assert shown[1] == ("Too wide for 160 columns: shown in 2 parts, each repeating "
                        "jurisdiction.")
    assert [line for line in shown if line.startswith("Part ")] == ["Part 1 of 2", "Part 2 of 2"]
    assert [line.split()[:2] for line in shown if line.split()[-1] == "—"] == [
        ["白城市", "Baicheng"], ["白城市", "Baicheng"]]
    assert max(cell_width(line) for line in shown) <= 160
    page = Page(render.export_html(wide))  # one table the reader scrolls, the place column
    assert len(page.all("th", scope="row")) == 2  # held at the left (position: sticky)


def test_a_table_with_no_rows_publishes_its_header(data_file: Path, tmp_path: Path) -> None:
    """No metric of the category: the SVG and HTML still draw the header, and say so."""
    svg, html = tmp_path / "t.svg", tmp_path / "t.html"
    result = CliRunner().invoke(cli, ["metrics", "--data", str(data_file), "--category",
                                      "crime", "--svg", str(svg), "--html", str(html)])
    assert result.exit_code == 0, result.output
    assert "Metrics: 0 (0 with figures)" in result.output
    assert "<svg" in svg.read_text(encoding="utf-8")
    assert "<table" in html.read_text(encoding="utf-8")

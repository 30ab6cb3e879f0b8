"""Tables for publishing: a standalone SVG image and a standalone HTML page.

Both carry the table's title (``<title>``), its footnotes, and a key from each source id in the
table (``s003``) to the source's title, publisher, date and address; neither loads anything
from elsewhere (no font, script or style from a CDN). Text is escaped; nothing from the data
becomes markup.

Languages: the page is English (``lang="en"``, the language of headers and footnotes) and each
run of Chinese is marked ``zh-Hans``, so a browser picks simplified-Chinese glyphs and a screen
reader the right voice.

SVG (``export_svg``): the boxed drawing of ``render.draw``, at most PUBLISH_WIDTH cells wide
(a wider table is split in parts that repeat the label columns, as on a terminal), dark text on
white. Each run of text is placed at its cell and told its width in cells (``textLength``):
a Chinese character takes two cells, so Chinese never overlaps what follows it, whatever the
font (rich's SVG sized runs by character count: upstream rich issue #2742). Runs are split
where the width of characters changes and at spaces, so no error accumulates along a line.
Fonts: the reader's own (FONTS): a monospace with Chinese, else any monospace.

HTML (``export_html``): a real ``<table>``, so borders line up whatever the font: the title as
its caption, header cells ``<th scope="col">``, the label columns ``<th scope="row">``, values
right-aligned; the header stays at the top and the first column at the left while the reader
scrolls a long or wide table. Source ids in cells link to the key.
"""

from __future__ import annotations

import html
from collections.abc import Iterator

from copscompare.render.cells import Grid, people_grid
from copscompare.render.chart import Bar
from copscompare.render.draw import Line, Span, table_lines
from copscompare.render.layout import cell_width, char_width, wrap
from copscompare.table import Cited, Table

PUBLISH_WIDTH = 160
FONTS = '"Noto Sans Mono CJK SC", "Sarasa Mono SC", "Sarasa Mono Slab SC", monospace'
HTML_FONTS = ('"Noto Sans", "Source Sans 3", "Noto Sans CJK SC", "Source Han Sans SC", '
              '"Noto Sans Mono CJK SC", sans-serif')
FONT_SIZE, CELL, LINE_HEIGHT, MARGIN = 16, 9.6, 22, 16
COLOURS = {"bold": "font-weight:bold", "dim": "fill:#555", "positive": "fill:#0b7285",
           "negative": "fill:#a61e4d", "axis": "fill:#555"}
ZH = "zh-Hans"
BAR_STYLES = ("positive", "negative")
BAR_HALVES = {"█": "11", "▌": "10", "▐": "01"}  # which halves of its cell a block fills
# which way each box-drawing character reaches from the middle of its cell: left, right, up, down
BOX_ARMS = {"─": "lr", "│": "ud", "╭": "rd", "╮": "ld", "╰": "ru", "╯": "lu", "├": "udr",
            "┤": "udl", "┬": "lrd", "┴": "lru", "┼": "lrud"}


def key_lines(sources: tuple[Cited, ...], width: int) -> list[Line]:
    """The key of the sources, as drawn lines: ``s003  title (publisher, date) url``."""
    if not sources:
        return []
    lines: list[Line] = [(), (Span("Sources", "bold"),)]
    for source in sources:
        text = f"{source.id}  {source.citation()}" + (f" {source.url}" if source.url else "")
        lines += [(Span(part),) for part in wrap(text, width)]
    return lines


def runs(text: str) -> Iterator[tuple[int, str, bool]]:
    """``text`` in runs of characters of one width, spaces and box-drawing characters left out
    (``rules`` draws those): (cell where the run starts, the run, whether it is wide)."""
    start, run, wide, at = 0, "", False, 0
    for char in text:
        size = char_width(char)
        if char in BOX_ARMS:
            char = " "
        if char == " " or (run and size and (size == 2) != wide):
            if run.strip():
                yield start, run, wide
            start, run = at, ""
        if char != " ":
            if not run:
                start, wide = at, size == 2
            run += char
        at += size
    if run.strip():
        yield start, run, wide


def export_svg(table: Table, chart: bool = False) -> str:
    """The table as a standalone SVG image (rules in the module docstring)."""
    grid = people_grid(table, chart)
    lines = table_lines(grid, PUBLISH_WIDTH) + key_lines(table.sources, PUBLISH_WIDTH)
    cells = max((cell_width("".join(s.text for s in line)) for line in lines), default=0)
    width = round(2 * MARGIN + cells * CELL)
    height = 2 * MARGIN + len(lines) * LINE_HEIGHT
    texts = [element for row, line in enumerate(lines) for element in _svg_line(row, line)]
    texts.append(rules(lines))
    styles = "\n".join(f".{name} {{ {css} }}" for name, css in COLOURS.items())
    return (f'<svg xmlns="http://www.w3.org/2000/svg" xml:lang="en" lang="en" '
            f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
            f'aria-labelledby="title">\n'
            f'<title id="title">{html.escape(grid.title or "copscompare")}</title>\n'
            f"<style>\ntext {{ font-family: {FONTS}; font-size: {FONT_SIZE}px; fill: #111; "
            f"white-space: pre }}\n{styles}\n</style>\n"
            f'<rect width="100%" height="100%" fill="#ffffff"/>\n'
            + "".join(texts) + "</svg>\n")


def rules(lines: list[Line]) -> str:
    """The box of the drawing as one SVG path: each box-drawing character's arms, joined into
    straight lines, so the borders are unbroken whatever the font."""
    across: dict[int, set[int]] = {}  # line -> the half cells a horizontal rule covers
    down: dict[int, set[int]] = {}  # cell -> the half lines a vertical rule covers
    for row, line in enumerate(lines):
        column = 0
        for char in "".join(span.text for span in line):
            arms = BOX_ARMS.get(char, "")
            across.setdefault(row, set()).update(
                2 * column + half for half, arm in enumerate("lr") if arm in arms)
            down.setdefault(column, set()).update(
                2 * row + half for half, arm in enumerate("ud") if arm in arms)
            column += char_width(char)
    path = [f"M{MARGIN + a * CELL / 2:g} {MARGIN + (row + 0.5) * LINE_HEIGHT:g}"
            f"H{MARGIN + b * CELL / 2:g}"
            for row, halves in across.items() for a, b in _spans(halves)]
    path += [f"M{MARGIN + (column + 0.5) * CELL:g} {MARGIN + a * LINE_HEIGHT / 2:g}"
             f"V{MARGIN + b * LINE_HEIGHT / 2:g}"
             for column, halves in down.items() for a, b in _spans(halves)]
    if not path:
        return ""
    return f'<path d="{" ".join(path)}" fill="none" stroke="#888" stroke-width="1"/>\n'


def _spans(halves: set[int]) -> Iterator[tuple[int, int]]:
    """Runs of consecutive numbers as (first, one past the last)."""
    ordered = sorted(halves)
    start = previous = ordered[0] if ordered else 0
    for number in ordered[1:]:
        if number != previous + 1:
            yield start, previous + 1
            start = number
        previous = number
    if ordered:
        yield start, previous + 1


def _positioned(line: Line) -> Iterator[tuple[int, Span]]:
    """Each span of ``line`` with the cell it starts at."""
    at = 0
    for span in line:
        yield at, span
        at += cell_width(span.text)


def _svg_line(row: int, line: Line) -> Iterator[str]:
    """The text runs of one drawn line, and its bars as rectangles."""
    for start, span in _positioned(line):
        if span.style in BAR_STYLES:
            yield from _bar(row, start, span)
            continue
        for offset, run, wide in runs(span.text):
            yield _svg_text(row, start + offset, span, run, wide)


def _bar(row: int, column: int, span: Span) -> Iterator[str]:
    """A bar's blocks (``█`` a cell, ``▌`` its left half, ``▐`` its right half) as one
    rectangle per unbroken stretch."""
    halves = {2 * (column + i) + half for i, char in enumerate(span.text)
              for half, filled in enumerate(BAR_HALVES.get(char, "")) if filled == "1"}
    for first, last in _spans(halves):
        yield (f'<rect class="{span.style}" x="{MARGIN + first * CELL / 2:g}" '
               f'y="{MARGIN + row * LINE_HEIGHT + 4}" width="{(last - first) * CELL / 2:g}" '
               f'height="{LINE_HEIGHT - 8}"/>\n')


def _svg_text(row: int, column: int, span: Span, run: str, wide: bool) -> str:
    x = MARGIN + column * CELL
    y = MARGIN + row * LINE_HEIGHT + FONT_SIZE
    attributes = (f'x="{x:g}" y="{y}" textLength="{cell_width(run) * CELL:g}" '
                  'lengthAdjust="spacingAndGlyphs"')
    if span.style:
        attributes += f' class="{span.style}"'
    if wide:
        attributes += f' xml:lang="{ZH}" lang="{ZH}"'
    return f"<text {attributes}>{html.escape(run)}</text>\n"


def in_languages(text: str) -> str:
    """``text`` escaped for HTML, each run of Chinese in a ``<span lang="zh-Hans">``: from a
    wide character to a wide character, with no space or ASCII letter between."""
    parts: list[str] = []
    chinese = ""
    pending = ""  # characters after Chinese that may still belong to it
    for char in text:
        if char_width(char) == 2:
            chinese += pending + char
            pending = ""
        elif chinese and not (char == " " or (char.isascii() and char.isalpha())):
            pending += char
        else:
            parts.append(_zh(chinese) + html.escape(pending + char))
            chinese = pending = ""
    parts.append(_zh(chinese) + html.escape(pending))
    return "".join(parts)


def _zh(text: str) -> str:
    return f'<span lang="{ZH}">{html.escape(text)}</span>' if text else ""


HTML_STYLE = f"""
body {{ font-family: {HTML_FONTS}; color: #111; background: #fff; margin: 1.5rem; }}
.scroll {{ overflow: auto; max-height: 90vh; }}
table {{ border-collapse: separate; border-spacing: 0; font-variant-numeric: tabular-nums; }}
caption {{ text-align: left; font-weight: bold; font-size: 1.1rem; padding-bottom: .5rem; }}
th, td {{ border-right: 1px solid #999; border-bottom: 1px solid #999; padding: .3rem .6rem;
  text-align: left; vertical-align: top; background: #fff; }}
tr > :first-child {{ border-left: 1px solid #999; position: sticky; left: 0; z-index: 1; }}
thead th {{ border-top: 1px solid #999; position: sticky; top: 0; z-index: 2;
  background: #f3f3f3; }}
thead th:first-child {{ z-index: 3; }}
thead th {{ vertical-align: bottom; }}
.head {{ display: inline-block; min-width: 9em; max-width: 16em; white-space: normal; }}
tbody th {{ font-weight: normal; }}
.num {{ text-align: right; white-space: nowrap; }}
.bar {{ font-family: {FONTS}; white-space: pre; }}
.positive {{ color: #0b7285; }} .negative {{ color: #a61e4d; }} .axis {{ color: #555; }}
.notes {{ color: #444; }}
dt {{ font-weight: bold; float: left; clear: left; margin-right: .6rem; }}
dd {{ margin: 0 0 .3rem 4rem; }}
"""


def export_html(table: Table, chart: bool = False) -> str:
    """The table as a standalone HTML page (rules in the module docstring)."""
    grid = people_grid(table, chart)
    keys = {s.id for s in table.sources}
    head = "".join(f'<th scope="col"{_class(grid, i)}><span class="head">{in_languages(h)}'
                   "</span></th>" for i, h in enumerate(grid.headers))
    body = "".join("<tr>" + "".join(_html_cell(grid, i, cell, keys) for i, cell in enumerate(row))
                   + "</tr>\n" for row in grid.rows)
    notes = "".join(f"<li>{in_languages(n)}</li>\n" for n in grid.footnotes)
    return ("<!DOCTYPE html>\n"
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(grid.title or 'copscompare')}</title>\n"
            f"<style>{HTML_STYLE}</style>\n</head>\n<body>\n"
            f'<div class="scroll">\n<table>\n<caption>{in_languages(grid.title)}</caption>\n'
            f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n</div>\n"
            + (f'<ul class="notes">\n{notes}</ul>\n' if notes else "")
            + _html_key(table.sources) + "</body>\n</html>\n")


def _class(grid: Grid, index: int) -> str:
    if index == grid.chart_column:
        return ' class="bar"'
    return ' class="num"' if grid.numeric[index] else ""


def _html_cell(grid: Grid, index: int, cell: str | Bar, keys: set[str]) -> str:
    if isinstance(cell, Bar):
        content = "".join(f'<span class="{style}">{html.escape(text)}</span>' for text, style in
                          ((cell.negative, "negative"), (cell.axis, "axis"),
                           (cell.positive, "positive")) if text)
    else:
        content = _linked(cell, keys)
    if grid.labels and grid.labels[index]:
        return f'<th scope="row"{_class(grid, index)}>{content}</th>'
    return f"<td{_class(grid, index)}>{content}</td>"


def _linked(text: str, keys: set[str]) -> str:
    """A cell; when it is nothing but source ids (``s003, s004``), each links to the key."""
    ids = text.split(", ")
    if text and all(i in keys for i in ids):
        return ", ".join(f'<a href="#source-{html.escape(i)}">{html.escape(i)}</a>' for i in ids)
    return in_languages(text)


def _html_key(sources: tuple[Cited, ...]) -> str:
    if not sources:
        return ""
    items = "".join(
        f'<dt id="source-{html.escape(s.id)}">{html.escape(s.id)}</dt>'
        f"<dd>{in_languages(s.citation())}"
        + (f" {_address(s.url)}" if s.url else "")
        + "</dd>\n" for s in sources)
    return f'<h2>Sources</h2>\n<dl class="key">\n{items}</dl>\n'


def _address(url: str) -> str:
    """A source's address: a link when it is a web address, else plain text (a ``javascript:``
    address from a data file never becomes a link)."""
    if url.startswith(("https://", "http://")):
        return f'<a href="{html.escape(url)}">{html.escape(url)}</a>'
    return html.escape(url)

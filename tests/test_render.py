"""Rendering: each format's exact output on small tables with Chinese names, bars, and cleaning."""

from __future__ import annotations

import csv
import io
import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from wcwidth import wcswidth

from copscompare import render
from copscompare.controls import control_pattern
from copscompare.render import sanitize
from copscompare.render.cells import sheet_cell
from copscompare.render.chart import Bar, bars
from copscompare.render.sanitize import for_markdown, for_sheet, for_terminal
from copscompare.table import BOTH, DATA, DISPLAY, Column, Table

ROOMS = Table(
    title="Community police rooms 社区警务室",
    columns=(
        Column("rank", "#", BOTH, numeric=True),
        Column("city", "City", DISPLAY),
        Column("city_id", "city", DATA),
        Column("value_text", "Value", DISPLAY, numeric=True),
        Column("value", "value", DATA, numeric=True),
        Column("unit", "unit", DATA),
        Column("qualifier", "qualifier", DATA),
        Column("period", "Period", BOTH),
    ),
    rows=(
        {"rank": 1, "city": "武进区 Wujin District", "city_id": "wujin", "value_text": "~6,000",
         "value": 6000, "unit": "count", "qualifier": "about", "period": "2009"},
        {"rank": 2, "city": "厦门 Xiamen", "city_id": "xiamen", "value_text": "171",
         "value": 171.0, "unit": "count", "qualifier": "exact", "period": "2004"},
        {"rank": 3, "city": "Hanggin Rear Banner 杭锦后旗", "city_id": "hanggin_rear",
         "value_text": "≥95.5", "value": 95.5, "unit": "count", "qualifier": "at_least",
         "period": "2010"},
        {"rank": None, "city": "常州市 Changzhou", "city_id": "changzhou", "value_text": "",
         "value": None, "unit": "count", "qualifier": None, "period": "2011"},
    ),
    footnotes=("Not the same period (2004: 厦门; 2009: 武进区; 2010: 杭锦后旗).",),
    chart="value",
)

# Data that tries to act: formulas, rich markup, emoji codes, ANSI and OSC escapes, HTML,
# markdown pipes and links, a bell and line breaks.
EVIL = Table(
    title="Quotes [bold]x[/]\x1b[2J",
    columns=(Column("city", "City", BOTH), Column("quote", "Quote", BOTH),
             Column("change", "change", BOTH, numeric=True)),
    rows=(
        {"city": "厦门", "quote": '=HYPERLINK("http://evil.example","click")', "change": -0.54},
        {"city": "[red]武进区[/]", "quote": "\x1b[31mred\x1b[0m alert", "change": 12},
        {"city": "@SUM(A1:A2)", "quote": "+cmd|' /C calc'!A0", "change": None},
        {"city": "\tTab", "quote": "-1+2", "change": -3},
        {"city": ":smile: a|b", "quote": "line one\nline two\x07", "change": "-0.54"},
        {"city": "<script>x</script>", "quote": "[see](http://evil.example)",
         "change": "\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\"},
    ),
    footnotes=("note with \x1b]0;pwned\x07title",),
)


def rich_text(table: Table, colour: bool = False, chart: bool = False) -> str:
    """The table as drawn on a terminal 100 columns wide."""
    out = io.StringIO()
    render.print_boxed(table, out, colour=colour, chart=chart, width=100)
    return out.getvalue()


# --- each format, exactly -------------------------------------------------------------------

def test_plain_table() -> None:
    assert render.render_text(ROOMS, "table") == (
        "Community police rooms 社区警务室\n"
        "\n"
        "  #  City                            Value  Period\n"
        "---  ----------------------------  -------  --------\n"
        "  1  武进区 Wujin District          ~6,000  2009\n"
        "  2  厦门 Xiamen                       171  2004\n"
        "  3  Hanggin Rear Banner 杭锦后旗    ≥95.5  2010\n"
        "     常州市 Changzhou                       2011\n"
        "\n"
        "Not the same period (2004: 厦门; 2009: 武进区; 2010: 杭锦后旗).\n"
    )


def test_markdown_is_a_github_table_with_footnotes_as_a_list() -> None:
    assert render.render_text(ROOMS, "markdown") == (
        "Community police rooms 社区警务室\n"
        "\n"
        "|   # | City                         |   Value | Period   |\n"
        "|-----|------------------------------|---------|----------|\n"
        "|   1 | 武进区 Wujin District        |  ~6,000 | 2009     |\n"
        "|   2 | 厦门 Xiamen                  |     171 | 2004     |\n"
        "|   3 | Hanggin Rear Banner 杭锦后旗 |   ≥95.5 | 2010     |\n"
        "|     | 常州市 Changzhou             |         | 2011     |\n"
        "\n"
        "- Not the same period (2004: 厦门; 2009: 武进区; 2010: 杭锦后旗).\n"
    )


def test_any_tabulate_format() -> None:
    assert render.render_text(ROOMS, "table", tablefmt="grid").splitlines()[2:6] == [
        "+-----+------------------------------+---------+----------+",
        "|   # | City                         |   Value | Period   |",
        "+=====+==============================+=========+==========+",
        "|   1 | 武进区 Wujin District        |  ~6,000 | 2009     |",
    ]


def test_csv_numbers_plain_gaps_empty_no_title_or_footnotes() -> None:
    assert render.render_text(ROOMS, "csv") == (
        "rank,city_id,value,unit,qualifier,period\n"
        "1,wujin,6000,count,about,2009\n"
        "2,xiamen,171,count,exact,2004\n"
        "3,hanggin_rear,95.5,count,at_least,2010\n"
        ",changzhou,,count,,2011\n"
    )


def test_tsv() -> None:
    assert render.render_text(ROOMS, "tsv") == (
        "rank\tcity_id\tvalue\tunit\tqualifier\tperiod\n"
        "1\twujin\t6000\tcount\tabout\t2009\n"
        "2\txiamen\t171\tcount\texact\t2004\n"
        "3\thanggin_rear\t95.5\tcount\tat_least\t2010\n"
        "\tchangzhou\t\tcount\t\t2011\n"
    )


def test_excel_csv_bytes_bom_and_crlf() -> None:
    data = render.render_text(ROOMS, "csv", excel=True).encode("utf-8")
    assert data[:3] == b"\xef\xbb\xbf"
    assert data.split(b"\r\n")[:2] == [b"\xef\xbb\xbfrank,city_id,value,unit,qualifier,period",
                                       b"1,wujin,6000,count,about,2009"]
    assert data.count(b"\r\n") == 5 and data.count(b"\n") == 5 and data.endswith(b"\r\n")


def test_json_list_of_objects_with_stable_keys() -> None:
    text = render.render_text(ROOMS, "json")
    assert text.startswith('[\n  {\n    "rank": 1,\n    "city_id": "wujin",\n    "value": 6000,')
    assert text.endswith("\n]\n")
    rows = json.loads(text)
    assert rows[1] == {"rank": 2, "city_id": "xiamen", "value": 171, "unit": "count",
                       "qualifier": "exact", "period": "2004"}
    assert rows[3]["value"] is None and rows[3]["rank"] is None
    assert rows[2]["value"] == 95.5
    assert all(list(row) == list(rows[0]) for row in rows)
    assert "Not the same period" not in text and "社区警务室" not in text


def test_json_empty_table_is_an_empty_list() -> None:
    empty = Table("Nothing", ROOMS.columns, ())
    assert render.render_text(empty, "json") == "[]\n"
    assert render.render_text(empty, "csv") == "rank,city_id,value,unit,qualifier,period\n"


def test_rich_table_without_colour() -> None:
    assert rich_text(ROOMS) == (
        "Community police rooms 社区警务室\n"
        "╭───┬──────────────────────────────┬────────┬────────╮\n"
        "│ # │ City                         │  Value │ Period │\n"
        "├───┼──────────────────────────────┼────────┼────────┤\n"
        "│ 1 │ 武进区 Wujin District        │ ~6,000 │ 2009   │\n"
        "│ 2 │ 厦门 Xiamen                  │    171 │ 2004   │\n"
        "│ 3 │ Hanggin Rear Banner 杭锦后旗 │  ≥95.5 │ 2010   │\n"
        "│   │ 常州市 Changzhou             │        │ 2011   │\n"
        "╰───┴──────────────────────────────┴────────┴────────╯\n"
        "Not the same period (2004: 厦门; 2009: 武进区; 2010: 杭锦后旗).\n"
    )


def test_rich_table_with_colour_uses_escape_codes() -> None:
    text = rich_text(ROOMS, colour=True)
    assert "\x1b[1m" in text  # bold header
    assert re.sub(r"\x1b\[[0-9;]*m", "", text) == rich_text(ROOMS)


# --- Chinese names line up ----------------------------------------------------------------

ALIGN = Table(
    "Wide characters",
    (Column("city", "City", DISPLAY), Column("value", "Value", BOTH, numeric=True)),
    ({"city": "厦门", "value": 171}, {"city": "武进区 Wujin District", "value": 6000},
     {"city": "Hanggin Rear Banner 杭锦后旗", "value": 95.5}),
)


def test_chinese_names_align_in_plain_markdown_and_rich() -> None:
    plain = render.render_text(ALIGN, "table").splitlines()[2:]
    markdown = render.render_text(ALIGN, "markdown").splitlines()[2:]
    boxed = [line for line in rich_text(ALIGN).splitlines() if line[:1] in "╭│├╰"]
    for lines in (plain, markdown, boxed):
        assert len(lines) >= 5
        assert len({wcswidth(line) for line in lines}) == 1, lines
    assert plain[-1] == "Hanggin Rear Banner 杭锦后旗     95.5"
    assert plain[2] == "厦门                              171"


# --- charts -------------------------------------------------------------------------------

def test_bars_one_sign_share_one_scale() -> None:
    assert [b.text for b in bars([4, 1, 0, None, 2.5], width=8)] == [
        "████████", "██      ", "        ", "        ", "█████   "]


def test_bars_signed_around_a_zero_line() -> None:
    drawn = bars([3, -1, 0, None, -2.5, 1, 0.01], width=8)
    assert [b.text for b in drawn] == [
        "    │████▌", "  ▐█│     ", "    │     ", "    │     ", "▐███│     ", "    │█▌   ",
        "    │▌    "]
    assert drawn[1] == Bar("  ▐█", "│", "     ")


def test_bars_all_gaps_or_zero_draw_nothing() -> None:
    assert [b.text for b in bars([None, 0, "n/a", float("nan")])] == ["", "", "", ""]


def test_chart_column_beside_the_values() -> None:
    assert render.render_text(ROOMS, "table", chart=True).splitlines()[2:8] == [
        "  #  City                            Value                            Period",
        "---  ----------------------------  -------  ------------------------  --------",
        "  1  武进区 Wujin District          ~6,000  ████████████████████████  2009",
        "  2  厦门 Xiamen                       171  ▌                         2004",
        "  3  Hanggin Rear Banner 杭锦后旗    ≥95.5  ▌                         2010",
        "     常州市 Changzhou                                                 2011",
    ]
    assert "████████████████████████" not in render.render_text(ROOMS, "csv")


def test_signed_chart_in_rich_keeps_the_zero_line_and_colours_the_sides() -> None:
    changes = Table("Change", (Column("city", "City", DISPLAY),
                               Column("pct", "%", BOTH, numeric=True)),
                    ({"city": "厦门", "pct": 2}, {"city": "武进区", "pct": -1}),
                    chart="pct")
    lines = rich_text(changes, chart=True).splitlines()
    assert lines[4] == "│ 厦门   │  2 │         │████████████████ │"
    assert lines[5] == "│ 武进区 │ -1 │ ████████│                 │"
    coloured = rich_text(changes, colour=True, chart=True)
    assert "\x1b[36m████████████████\x1b[0m" in coloured
    assert "\x1b[35m████████\x1b[0m" in coloured


# --- data never becomes control -----------------------------------------------------------

def test_injection_csv() -> None:
    rows = list(csv.reader(io.StringIO(render.render_text(EVIL, "csv"))))
    assert rows == [
        ["city", "quote", "change"],
        ["厦门", "'=HYPERLINK(\"http://evil.example\",\"click\")", "-0.54"],
        ["[red]武进区[/]", "red alert", "12"],
        ["'@SUM(A1:A2)", "'+cmd|' /C calc'!A0", ""],
        ["'\tTab", "'-1+2", "-3"],
        [":smile: a|b", "line one\nline two", "-0.54"],
        ["<script>x</script>", "[see](http://evil.example)", "link"],
    ]


def test_injection_tsv() -> None:
    rows = list(csv.reader(io.StringIO(render.render_text(EVIL, "tsv")), delimiter="\t"))
    assert [row[0] for row in rows[1:5]] == ["厦门", "[red]武进区[/]", "'@SUM(A1:A2)", "'\tTab"]
    assert rows[1][1].startswith("'=HYPERLINK") and rows[1][2] == "-0.54"


def test_injection_json_escapes_controls_and_keeps_text() -> None:
    text = render.render_text(EVIL, "json")
    assert "\x1b" not in text and "\x07" not in text
    rows = json.loads(text)
    assert rows[1]["quote"] == "\x1b[31mred\x1b[0m alert"
    assert rows[0]["quote"] == '=HYPERLINK("http://evil.example","click")'
    assert rows[0]["change"] == -0.54


def test_injection_plain_table() -> None:
    text = render.render_text(EVIL, "table")
    assert text.splitlines()[0] == "Quotes [bold]x[/]"
    assert text.splitlines()[5:10] == [
        "[red]武进区[/]      red alert                                        12",
        "@SUM(A1:A2)         +cmd|' /C calc'!A0",
        " Tab                -1+2                                             -3",
        ":smile: a|b         line one line two                             -0.54",
        "<script>x</script>  [see](http://evil.example)                     link",
    ]
    assert text.endswith("\nnote with title\n")
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", text)


def test_injection_markdown() -> None:
    text = render.render_text(EVIL, "markdown")
    assert text.splitlines()[5:9] == [
        "| \\[red]武进区\\[/]         | red alert                                 |       12 |",
        "| @SUM(A1:A2)              | +cmd\\|' /C calc'!A0                       |          |",
        "|  Tab                     | -1+2                                      |       -3 |",
        "| :smile: a\\|b             | line one line two                         |    -0.54 |",
    ]
    assert "| &lt;script>x&lt;/script> | \\[see](http://evil.example)" in text
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", text)


def test_injection_rich_prints_markup_and_emoji_codes_literally() -> None:
    for colour in (False, True):
        text = rich_text(EVIL, colour=colour)
        assert "[red]武进区[/]" in text and ":smile: a|b" in text and "Quotes [bold]x[/]" in text
        assert "note with title" in text and "evil.example\x1b" not in text
        without_styles = re.sub(r"\x1b\[[0-9;]*m", "", text)
        assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", without_styles)


def test_injection_svg_and_html_are_escaped() -> None:
    for page in (render.export_svg(EVIL), render.export_html(EVIL)):
        assert "<script>x" not in page and "&lt;script&gt;x" in page
        assert "\x1b" not in page and "\x07" not in page
        assert "武进区" in page
    assert "[red]<span lang=\"zh-Hans\">武进区</span>[/]" in render.export_html(EVIL)


def test_svg_of_the_chart_has_its_bars() -> None:
    assert render.export_svg(ROOMS, chart=True).count('<rect class="positive"') == 3
    assert '<rect class="positive"' not in render.export_svg(ROOMS)


# --- the cleaning rules themselves ----------------------------------------------------------

def test_for_terminal() -> None:
    assert for_terminal("a\x1b[1;31mb\x1b[0m") == "ab"
    assert for_terminal("a\x1b]0;title\x07b") == "ab"
    assert for_terminal("a\x1b]8;;http://x\x1b\\b") == "ab"
    assert for_terminal("a\x9b2Jb\x9d0;t\x9cc") == "abc"
    assert for_terminal("a\x1bcb\x1b(Bc") == "abc"
    assert for_terminal("one\r\ntwo\nthree\tfour\rfive") == "one two three four five"
    assert for_terminal("\u202eevil\u202c \x00\x7f") == "evil "
    assert for_terminal("≥95% 厦门 [red]x[/]") == "≥95% 厦门 [red]x[/]"


def test_for_sheet() -> None:
    assert [for_sheet(t) for t in ("=1+1", "+1+1", "-1+1", "@A1", "\t=1", "\r=1")] == [
        "'=1+1", "'+1+1", "'-1+1", "'@A1", "'\t=1", "'\n=1"]
    assert [for_sheet(t) for t in ("-0.54", "+3", "-1e5", "1,2", "a=b", "")] == [
        "-0.54", "+3", "-1e5", "1,2", "a=b", ""]
    assert for_sheet("\x1b[31m=cmd\x1b[0m") == "'=cmd"
    assert for_sheet("line\nbreak") == "line\nbreak"


# Text the cleaners meet: plain and Chinese text, formula starts, line breaks, escapes, C1
# controls, DEL, bidirectional overrides and spaces that are not printable (U+3000, U+2028).
_CELL_TEXT = st.text(st.sampled_from(
    ["a", "厦", "门", "9", ".", "-", "=", "+", "@", " ", "\t", "\n", "\r", "\x1b", "[", "3",
     "m", "]", "\x07", "\\", "\x9b", "\x9d", "\x9c", "\x00", "\x7f", "\u202e",
     "\u2066", "\u3000", "\u2028", "\xad", "≥"]), max_size=12)


def _every_pass(text: str, line_breaks: str | None) -> str:
    """Escape sequences, then (for a terminal) line breaks, then control characters removed,
    each by its regex whatever the text: what the cleaners did before they skipped text with
    nothing to clean."""
    text = re.sub(sanitize._ESCAPE_SEQUENCE, "", text, flags=sanitize._ESCAPE_FLAGS)
    if line_breaks is not None:
        text = re.sub(sanitize._LINE_BREAK, line_breaks, text)
    return control_pattern(allow="\t\n\r").sub("", text)


@settings(max_examples=2000, deadline=None)
@given(_CELL_TEXT)
def test_cleaning_skips_only_text_with_nothing_to_clean(text: str) -> None:
    """The same text out as with every regex pass applied, for cells that need cleaning and
    cells that do not."""
    assert sanitize.strip_controls(text) == _every_pass(text, None)
    assert for_terminal(text) == _every_pass(text, " ")
    cleaned = _every_pass(text, None)
    if cleaned.startswith(sanitize.FORMULA_START) and not re.fullmatch(
            sanitize._PLAIN_NUMBER, cleaned):
        cleaned = "'" + cleaned
    assert for_sheet(text) == cleaned.replace("\r\n", "\n").replace("\r", "\n")


def test_cells_with_nothing_to_clean_are_written_as_they_are() -> None:
    assert [for_sheet(t) for t in ("厦门市 Xiamen", "≥95%", "a b", "")] == [
        "厦门市 Xiamen", "≥95%", "a b", ""]
    assert for_sheet("\u3000=1\u2028") == "\u3000=1\u2028"  # not printable, nothing removed
    assert for_sheet("\u202e=1") == "'=1"


# Sheet cells as the data gives them: text with commas, quotes, line breaks, tabs and formula
# starts, gaps, numbers; a column's values of one kind or mixed.
_SHEET_VALUE = st.one_of(
    st.text(st.sampled_from(["a", "厦", " ", ",", '"', "\n", "\r", "\t", "=", "-", "1", "\x1b"]),
            max_size=6),
    st.none(), st.integers(-3, 3), st.floats(allow_nan=True, allow_infinity=True), st.booleans())


@st.composite
def _sheet_tables(draw: st.DrawFn) -> Table:
    width = draw(st.integers(0, 4))
    keys = [f"c{i}" for i in range(width)]
    rows = draw(st.lists(st.fixed_dictionaries({k: _SHEET_VALUE for k in keys}), max_size=5))
    return Table("t", tuple(Column(k, k, DATA) for k in keys), tuple(rows))


@settings(max_examples=1000, deadline=None)
@given(_sheet_tables(), st.sampled_from([(",", False), (",", True), ("\t", False)]))
def test_csv_and_tsv_are_what_the_csv_module_writes(table: Table, form: tuple[str, bool]
                                                     ) -> None:
    """Rows joined without the csv module, and columns cleaned at once, give its very bytes."""
    delimiter, excel = form
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n" if excel else "\n")
    keys = [c.key for c in table.columns]
    writer.writerow(keys)
    writer.writerows([sheet_cell(row.get(k)) for k in keys] for row in table.rows)
    expected = ("\ufeff" if excel else "") + buffer.getvalue()
    assert render.delimited_text(table, delimiter, excel=excel) == expected
    if not keys:
        return  # rows of no columns cannot be given as columns
    in_blocks = table._replace(rows=(), blocks=lambda: iter(
        [{k: [row[k] for row in table.rows[i:i + 2]] for k in keys}
         for i in range(0, len(table.rows), 2)]))  # runs of two rows, a column at a time
    assert render.delimited_text(in_blocks, delimiter, excel=excel) == expected
    assert in_blocks.all_rows() == table.rows


def test_for_markdown() -> None:
    assert for_markdown("a|b [x](u) ![i](u) <b>c</b> <5") == (
        "a\\|b \\[x](u) !\\[i](u) &lt;b>c&lt;/b> <5")

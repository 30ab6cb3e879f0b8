"""``copscompare extract`` end to end on an invented press release: the draft, its formats,
its round trip through the loader, and what it refuses.

The article and the data are written for the tests (no article's text is ours to keep).
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from copscompare import loading
from copscompare.cli import cli

DATA = """\
sources: []
jurisdictions:
  - id: pinghu
    name_zh: 平湖县
    name_en: Pinghu County
    province: Zhejiang
    province_zh: 浙江
    level: county
  - id: dongcheng
    name_zh: 东城市
    name_en: Dongcheng
    province: Zhejiang
    province_zh: 浙江
    level: prefecture_city
metrics:
  - id: criminal_cases_filed
    label_zh: 刑事案件立案数
    label_en: Criminal cases filed
    unit: count
    better: lower
    category: crime
    definition: Criminal cases filed.
    aliases: [刑事案件, 立案]
  - id: clearance_rate
    label_zh: 刑事案件破案率
    label_en: Criminal case clearance rate
    unit: percent
    better: higher
    category: clearance
    definition: Share of criminal cases solved.
    aliases: [破案率]
observations: []
"""

ARTICLE = """\
平湖县公安局通报上半年治安形势
发布日期:2019-07-05  来源:平湖日报
今年上半年,全县刑事案件立案同比下降12.5%,破案率上升3.2个百分点。\
全县共破获电信诈骗案件86起,抓获犯罪嫌疑人120名。盗窃、诈骗案件同比分别下降8.1%、6.4%。
2018年,全县“零发案”村屯120个、“零发案”社区35个。东城市同期破案率达到95%。
全县完成地区生产总值980亿元,增长7.7%。
"""

CSV = """\
value,measure,qualifier,unit,metric,period,baseline,jurisdiction,quote,flags,figure,scope,metric_zh,note
-12.5,change_pct,exact,count,criminal_cases_filed,2019-H1,,pinghu,全县刑事案件立案同比下降12.5%,metric guessed,,,刑事案件立案数,
3.2,change_pp,exact,percent,clearance_rate,2019-H1,,pinghu,破案率上升3.2个百分点,metric guessed,,,刑事案件破案率,
86,level,exact,count,telecom_fraud_cases_solved,2019-H1,,pinghu,全县共破获电信诈骗案件86起,new metric; period guessed,,,破获电信诈骗案件,Period guessed from the words '今年上半年'.
120,level,exact,people,suspects_caught,2019-H1,,pinghu,抓获犯罪嫌疑人120名,new metric; period guessed,,,抓获犯罪嫌疑人,Period guessed from the words '今年上半年'.
-8.1,change_pct,exact,count,theft_cases,2019-H1,,pinghu,盗窃、诈骗案件同比分别下降8.1%、6.4%,several figures in the clause; new metric; period guessed,8.1%,,盗窃案件,Period guessed from the words '今年上半年'.
-6.4,change_pct,exact,count,fraud_cases,2019-H1,,pinghu,盗窃、诈骗案件同比分别下降8.1%、6.4%,several figures in the clause; new metric; period guessed,6.4%,,诈骗案件,Period guessed from the words '今年上半年'.
120,level,exact,count,zero_case_villages,2018,,pinghu,全县“零发案”村屯120个,new metric,,,零发案村屯,
35,level,exact,count,zero_case_communities,2018,,pinghu,“零发案”社区35个,new metric,,,零发案社区,
95,level,exact,percent,clearance_rate,2018,,dongcheng,东城市同期破案率达到95%,metric guessed; period guessed; about another place,,,刑事案件破案率,Period guessed from the words '2018年'.
"""  # noqa: E501 - one drafted row a line, as the CSV has it


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "base.yaml").write_text(DATA, encoding="utf-8")
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def extract(folder: Path, *args: str):
    return CliRunner().invoke(cli, ["extract", str(folder / "article.txt"), "--data",
                                    str(folder / "data"), *args])


def test_one_row_per_police_figure_with_what_the_curator_must_decide(folder: Path) -> None:
    result = extract(folder, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == CSV
    assert result.stderr == ""


def test_context_figures_only_with_all_flagged_context(folder: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(extract(folder, "--format", "csv", "--all").stdout)))
    context = [(r["value"], r["measure"], r["quote"], r["flags"]) for r in rows
               if "context" in r["flags"]]
    assert context == [
        ("98000000000", "level", "全县完成地区生产总值980亿元",
         "new metric; period guessed; context"),
        ("7.7", "change_pct", "全县完成地区生产总值980亿元,增长7.7%",
         "new metric; period guessed; context"),
    ]


def test_the_yaml_names_the_source_and_proposes_the_new_metrics(folder: Path) -> None:
    result = extract(folder)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(
        "# Drafted by `copscompare extract` from article.txt: every row is a draft.\n"
        "# Each `# flags:` comment names what the curator must decide; delete it once done.\n"
        "sources:\n"
        '  - id: "s000"\n'
        '    title: "平湖县公安局通报上半年治安形势"\n'
        '    publisher: "平湖日报"\n'
        '    date: "2019-07-05"\n'
        '    file: "article.txt"\n'
        f'    sha256: "{loading_sha(folder)}"\n'
        "metrics:\n"
        '  - id: "telecom_fraud_cases_solved"\n'
        '    label_zh: "破获电信诈骗案件"\n'
        '    label_en: "Telecom fraud cases solved"\n'
        '    unit: "count"\n'
        '    better: "higher"\n'
        '    category: "clearance"\n')
    assert (
        '  - jurisdiction: "pinghu"\n'
        '    metric: "theft_cases"\n'
        '    period: "2019-H1"\n'
        '    measure: "change_pct"\n'
        "    value: -8.1\n"
        '    qualifier: "exact"\n'
        '    source: "s000"\n'
        '    quote: "盗窃、诈骗案件同比分别下降8.1%、6.4%"\n'
        '    figure: "8.1%"\n'
        """    note: "Period guessed from the words '今年上半年'."\n"""
        "    # flags: several figures in the clause; new metric; period guessed\n"
    ) in result.stdout


def loading_sha(folder: Path) -> str:
    import hashlib

    return hashlib.sha256((folder / "article.txt").read_bytes()).hexdigest()


def test_the_yaml_loads_back_as_the_drafted_figures_and_checks_clean(folder: Path) -> None:
    (folder / "data" / "draft.yaml").write_text(extract(folder, "--all").stdout,
                                                encoding="utf-8")
    dataset = loading.load(folder / "data", use_cache=False)
    drafted = [(o.metric, o.period.text, o.measure, o.value, o.figure)
               for o in dataset.observations]
    rows = list(csv.DictReader(io.StringIO(extract(folder, "--format", "csv", "--all").stdout)))
    assert drafted == [(r["metric"], r["period"], r["measure"], float(r["value"]),
                        r["figure"] or None) for r in rows]
    (folder / "texts").mkdir()
    (folder / "texts" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--data", str(folder / "data"), "--sources",
                                      str(folder / "texts")])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ("ok: 2 jurisdictions, 9 metrics, 1 sources, 11 observations, "
                             "0 warning(s), every quote found in its source\n")


def test_a_traditional_text_gives_the_same_figures(folder: Path) -> None:
    from copscompare.hanzi import to_simplified

    traditional = "今年上半年,全縣刑事案件立案同比下降12.5%,破案率上升3.2個百分點。"
    (folder / "article.txt").write_text(traditional, encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(extract(
        folder, "--format", "csv", "--published", "2019-07-05").stdout)))
    assert [(r["value"], r["metric"], r["period"], r["quote"]) for r in rows] == [
        ("-12.5", "criminal_cases_filed", "2019-H1", "全縣刑事案件立案同比下降12.5%"),
        ("3.2", "clearance_rate", "2019-H1", "破案率上升3.2個百分點"),
    ]
    assert to_simplified(rows[1]["quote"]) == "破案率上升3.2个百分点"


def test_without_a_date_relative_periods_are_unknown_with_a_note(folder: Path) -> None:
    (folder / "article.txt").write_text("今年以来,平湖县抓获犯罪嫌疑人120名。",
                                        encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(extract(folder, "--format", "csv").stdout)))
    assert [(r["period"], r["flags"], r["note"]) for r in rows] == [
        ("unknown", "new metric; period unknown",
         "Period unknown: '今年以来' gives no year, and the text no publication date.")]


def test_a_place_not_in_the_data_is_drafted_as_named_with_a_note(folder: Path) -> None:
    result = extract(folder, "--format", "csv", "--jurisdiction", "西湖县")
    assert result.exit_code == 0
    assert result.stderr == ("note: '西湖县' is no jurisdiction of the data: add it under "
                             "jurisdictions, with an id, before the draft is checked\n")
    assert {r["jurisdiction"] for r in csv.DictReader(io.StringIO(result.stdout))} == {
        "西湖县", "dongcheng"}


def test_an_article_the_data_already_cites_is_said(folder: Path) -> None:
    (folder / "data" / "source.yaml").write_text(
        'sources:\n  - id: s7\n    title: 旧\n    publisher: 平湖日报\n    date: "2019"\n'
        '    file: article.txt\n', encoding="utf-8")
    result = extract(folder, "--format", "csv")
    assert result.stderr == "note: the data already cites this article as source s7\n"


def test_a_gbk_article_is_refused_with_a_hint(folder: Path) -> None:
    (folder / "article.txt").write_bytes(ARTICLE.encode("gbk"))
    result = extract(folder)
    assert result.exit_code == 1
    assert "it reads as GBK/GB18030" in result.stderr
    assert "iconv -f GB18030 -t UTF-8" in result.stderr


def test_the_article_is_never_written_over(folder: Path) -> None:
    result = extract(folder, "--format", "csv", "-o", str(folder / "article.txt"))
    assert result.exit_code == 2
    assert "never writes over a file it read" in result.stderr
    assert (folder / "article.txt").read_text(encoding="utf-8") == ARTICLE


def test_a_publication_date_must_be_a_date(folder: Path) -> None:
    result = extract(folder, "--published", "5 July 2019")
    assert result.exit_code == 2
    assert "'5 July 2019' is not a date written YYYY-MM-DD, YYYY-MM or YYYY" in result.stderr


@pytest.mark.parametrize("link", ["same", "symlink", "hardlink"])
def test_the_draft_is_never_written_over_the_article(folder: Path, link: str) -> None:
    article = folder / "article.txt"
    target = {"same": lambda: article, "symlink": lambda: _symlink(folder / "out.txt", article),
              "hardlink": lambda: _hardlink(folder / "out.txt", article)}[link]()
    result = extract(folder, "-o", str(target))
    assert result.exit_code == 2
    assert "-o names the article itself; copscompare never writes over a file it read" in (
        result.stderr)
    assert article.read_text(encoding="utf-8") == ARTICLE


def _symlink(path: Path, to: Path) -> Path:
    path.symlink_to(to)
    return path


def _hardlink(path: Path, to: Path) -> Path:
    os.link(to, path)
    return path


def test_the_draft_goes_to_a_new_yaml_file_never_over_one(folder: Path) -> None:
    """Other commands refuse any *.yaml target; extract writes its YAML draft to a new one."""
    draft = folder / "draft.yaml"
    result = extract(folder, "-o", str(draft))
    assert result.exit_code == 0, result.stderr
    assert draft.read_text(encoding="utf-8").startswith("# Drafted by `copscompare extract`")
    again = extract(folder, "-o", str(draft))
    assert again.exit_code == 2
    assert (f"'{draft}' exists; a draft is written only to a new file, so that no data file is "
            "ever written over") in again.stderr
    mine = folder / "data" / "base.yaml"
    assert extract(folder, "-o", str(mine)).exit_code == 2
    assert mine.read_text(encoding="utf-8") == DATA


@pytest.mark.parametrize("date", ["2019-02-30", "2019-13", "2019-7-5"])
def test_a_publication_date_that_is_no_day_is_a_usage_error(folder: Path, date: str) -> None:
    result = extract(folder, "--published", date)
    assert result.exit_code == 2
    assert (f"Invalid value for '--published': '{date}' is not a date written YYYY-MM-DD, "
            "YYYY-MM or YYYY") in result.stderr

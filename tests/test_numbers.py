from __future__ import annotations

import pytest

from copscompare.loading.figures import read_figures
from copscompare.periods import parse_period


def values(quote: str) -> list[float]:
    return [f.value for f in read_figures(quote) if f.kind == "figure"]


@pytest.mark.parametrize("quote, value", [
    ("共受理矛盾纠纷3万余起", 30000),
    ("调处2.9万起", 29000),
    ("投入1.2亿元", 120_000_000),
    ("投资1000余万元", 10_000_000),
    ("信息化建设为破案抓逃贡献率超过了六成", 60),
    ("三类可防性案件下降四成", 40),
    ("满意率连续三年位居全省第一", 1),
    ("近百个监控平台", 100),
    ("投资近千万", 10_000_000),
    ("实现零发案", 0),
    ("二十六起", 26),
    ("新建204365个摄像头", 204365),
    ("新建204,365个摄像头", 204365),
    ("命案现案破案率达97.03%", 97.03),
    ("26起命案全部破获", 100),
    ("执法质量考评实现全省“三连冠”", 1),
])
def test_quote_figures(quote: str, value: float) -> None:
    assert value in values(quote)


def test_a_figure_is_read_with_its_multiplier_only() -> None:
    assert values("共受理矛盾纠纷3万余起") == [30000]
    assert values("调处率达98%") == [98]


@pytest.mark.parametrize("text, start, months", [
    ("2009", "2009-01", 12), ("2007-H1", "2007-01", 6), ("2017-Q3", "2017-07", 3),
    ("2017-01/2017-10", "2017-01", 10), ("2012/2016", "2012-01", 60), ("2017-10", "2017-10", 1),
])
def test_periods(text: str, start: str, months: int) -> None:
    from copscompare.periods import month_label

    period = parse_period(text)
    assert (month_label(period.start), period.months) == (start, months)


def test_unknown_period() -> None:
    period = parse_period("unknown")
    assert not period.known and period.months is None

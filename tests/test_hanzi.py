"""Traditional characters read as simplified (copscompare.hanzi)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from copscompare.hanzi import to_simplified


@pytest.mark.parametrize("traditional, simplified", [
    ("哈爾濱", "哈尔滨"), ("廈門", "厦门"), ("瀋陽", "沈阳"), ("長春", "长春"), ("武進", "武进"),
    ("杭錦後旗", "杭锦后旗"), ("監控", "监控"), ("社區警務室", "社区警务室"),
    ("刑事案件立案數同比減少", "刑事案件立案数同比减少"),
])
def test_traditional_names_and_labels_read_as_simplified(traditional: str,
                                                         simplified: str) -> None:
    assert to_simplified(traditional) == simplified


def test_simplified_text_digits_and_punctuation_are_kept() -> None:
    assert to_simplified("常州市下降18.8%、67.7%(全年)") == "常州市下降18.8%、67.7%(全年)"


def test_ascii_never_loads_the_dictionaries() -> None:
    code = ("import sys; from copscompare.hanzi import to_simplified; "
            "assert to_simplified('Xiamen') == 'Xiamen'; print('opencc' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "False"

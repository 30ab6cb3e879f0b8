"""Write a synthetic dataset in the real format (docs/data-format.md), for benchmarks only.

    python bench/generate.py 100000                 # -> bench/out/obs-100k.yaml
    python bench/generate.py 10000 100000 1000000   # all three sizes
    python bench/generate.py 5000 -o /tmp/x.yaml --jurisdictions 50

Every file passes ``copscompare check``: the quotes are realistic Chinese clauses that contain
their figure (``全市刑事案件立案数同比下降8.8%`` with value -8.8), signs agree with the fall and
rise words, ranks have a scope, ids are unique and every reference resolves. A few percent
levels over 100 are written on purpose, so the data carries warnings as real data does.

The figures are invented and deterministic (seeded): never mix this output with curated data.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import TextIO

OUT = Path(__file__).resolve().parent / "out"

PROVINCES = [
    ("Jiangsu", "江苏"), ("Zhejiang", "浙江"), ("Fujian", "福建"), ("Guangdong", "广东"),
    ("Shandong", "山东"), ("Henan", "河南"), ("Hebei", "河北"), ("Hunan", "湖南"),
    ("Hubei", "湖北"), ("Sichuan", "四川"), ("Jilin", "吉林"), ("Anhui", "安徽"),
    ("Jiangxi", "江西"), ("Shaanxi", "陕西"), ("Shanxi", "山西"), ("Yunnan", "云南"),
    ("Guizhou", "贵州"), ("Liaoning", "辽宁"), ("Heilongjiang", "黑龙江"), ("Gansu", "甘肃"),
    ("Inner Mongolia", "内蒙古"), ("Guangxi", "广西"),
]
SYLLABLES = [
    ("安", "an"), ("平", "ping"), ("清", "qing"), ("河", "he"), ("东", "dong"), ("西", "xi"),
    ("南", "nan"), ("北", "bei"), ("阳", "yang"), ("山", "shan"), ("江", "jiang"),
    ("宁", "ning"), ("丰", "feng"), ("昌", "chang"), ("武", "wu"), ("泰", "tai"),
    ("兴", "xing"), ("华", "hua"), ("长", "chang"), ("新", "xin"), ("永", "yong"),
    ("德", "de"), ("化", "hua"), ("宜", "yi"), ("临", "lin"), ("石", "shi"), ("桥", "qiao"),
    ("湖", "hu"), ("林", "lin"), ("城", "cheng"), ("溪", "xi"), ("岭", "ling"), ("泉", "quan"),
    ("云", "yun"), ("海", "hai"), ("金", "jin"), ("水", "shui"), ("源", "yuan"), ("崇", "chong"),
    ("嘉", "jia"), ("怀", "huai"), ("广", "guang"), ("仁", "ren"), ("和", "he"), ("庆", "qing"),
    ("固", "gu"), ("乐", "le"), ("鹤", "he"), ("凤", "feng"), ("桐", "tong"), ("梅", "mei"),
    ("汉", "han"), ("台", "tai"), ("宝", "bao"), ("康", "kang"), ("盛", "sheng"), ("望", "wang"),
    ("定", "ding"), ("丹", "dan"), ("沙", "sha"),
]
LEVELS = [("县", "County", "county"), ("区", "District", "district"),
          ("市", "City", "county_city")]

# id, label_zh, label_en, unit, better, category, counting word (for counts), has ranks
METRICS = [
    ("clearance_rate", "刑事案件破案率", "Criminal case clearance rate", "percent", "higher",
     "clearance", "", True),
    ("criminal_cases_filed", "刑事案件立案数", "Criminal cases filed", "count", "lower",
     "crime", "起", False),
    ("crime_incident_reports", "违法犯罪警情", "Incident reports of crimes and offences",
     "count", "lower", "crime", "起", False),
    ("criminal_cases_solved", "破获刑事案件", "Criminal cases solved", "count", "higher",
     "clearance", "起", False),
    ("suspects_arrested", "抓获犯罪嫌疑人", "Suspects arrested", "people", "neither",
     "enforcement", "名", False),
    ("fugitives_caught", "抓获网上逃犯", "Fugitives caught", "people", "higher",
     "enforcement", "名", False),
    ("burglaries", "入室盗窃案件", "Burglaries", "count", "lower", "crime", "起", False),
    ("vehicle_thefts", "盗窃机动车案件", "Vehicle thefts", "count", "lower", "crime", "起", False),
    ("telecom_fraud_cases", "电信网络诈骗案件", "Telecom and online fraud cases", "count",
     "lower", "crime", "起", False),
    ("fraud_losses_recovered", "挽回群众经济损失", "Fraud losses recovered", "yuan", "higher",
     "enforcement", "元", False),
    ("drug_cases_solved", "破获毒品案件", "Drug cases solved", "count", "higher",
     "enforcement", "起", False),
    ("gang_cases_solved", "破获涉黑涉恶案件", "Organised-crime cases solved", "count",
     "higher", "enforcement", "起", False),
    ("traffic_deaths", "道路交通事故死亡人数", "Road traffic deaths", "people", "lower",
     "public_safety", "人", False),
    ("traffic_accidents", "道路交通事故", "Road traffic accidents", "count", "lower",
     "public_safety", "起", False),
    ("fire_incidents", "火灾事故", "Fires", "count", "lower", "public_safety", "起", False),
    ("public_satisfaction", "群众安全感满意度", "Public sense of security", "percent", "higher",
     "public_opinion", "", True),
    ("police_satisfaction", "群众对公安工作满意度", "Satisfaction with police work", "percent",
     "higher", "public_opinion", "", True),
    ("disputes_mediated", "调处矛盾纠纷", "Disputes mediated", "count", "higher",
     "mediation", "起", False),
    ("mediation_success_rate", "调处成功率", "Mediation success rate", "percent", "higher",
     "mediation", "", False),
    ("community_police_rooms", "社区警务室", "Community police rooms", "count", "higher",
     "community_policing", "个", False),
    ("community_officers", "社区民警", "Community police officers", "people", "higher",
     "community_policing", "名", False),
    ("cameras_installed", "视频监控探头", "Surveillance cameras", "count", "neither",
     "technology", "个", False),
    ("patrol_officers", "巡逻防控警力", "Officers on patrol", "people", "higher",
     "prevention", "名", False),
    ("response_time", "接警后到达现场平均用时", "Average response time", "minutes", "lower",
     "service", "分钟", False),
    ("emergency_calls", "110接警", "Emergency calls received", "count", "neither",
     "service", "起", False),
    ("id_cards_issued", "办理居民身份证", "Identity cards issued", "count", "neither",
     "service", "张", False),
    ("officers_trained", "培训民警", "Officers trained", "people", "higher", "workforce",
     "人次", False),
    ("disciplined_officers", "查处违纪民警", "Officers disciplined", "people", "neither",
     "workforce", "名", False),
    ("police_stations", "派出所", "Police stations", "count", "neither", "resources", "个",
     False),
    ("case_clearance_gang_rate", "涉黑涉恶案件破案率", "Organised-crime clearance rate",
     "percent", "higher", "clearance", "", True),
]
CN_DIGITS = "零一二三四五六七八九十"


def chinese_ordinal(n: int) -> str:
    """1..99 in Chinese numerals: 一, 十二, 二十六."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return CN_DIGITS[ones]
    head = "" if tens == 1 else CN_DIGITS[tens]
    return head + "十" + (CN_DIGITS[ones] if ones else "")


def number(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}"


def yaml_text(text: str) -> str:
    """A double-quoted YAML scalar (the curators' style); the generator's text has no escapes."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Generator:
    def __init__(self, size: int, jurisdictions: int | None, seed: int) -> None:
        self.size = size
        self.random = random.Random(seed)
        self.count = jurisdictions or min(2800, max(300, size // 350))
        self.places = self.make_places()
        pairs = self.count * len(METRICS)
        self.years = max(1, -(-size // pairs))  # periods per (place, metric), newest first

    def make_places(self) -> list[tuple[str, str, str, str, str, str]]:
        places, seen = [], set()
        names = [(a + b, an + bn) for a, an in SYLLABLES for b, bn in SYLLABLES if a != b]
        self.random.shuffle(names)
        for index in range(self.count):
            zh, en = names[index % len(names)]
            suffix_zh, suffix_en, level = LEVELS[index % len(LEVELS)]
            province, province_zh = PROVINCES[index % len(PROVINCES)]
            pid = f"{en}-{level.replace('_', '-')}"
            if pid in seen:
                pid = f"{pid}-{index}"
            seen.add(pid)
            places.append((pid, zh + suffix_zh, f"{en.capitalize()} {suffix_en}", province,
                           province_zh, level))
        return places

    def write(self, out: TextIO) -> None:
        write = out.write
        write("# Synthetic benchmark data written by bench/generate.py: invented figures.\n")
        write("# Format: docs/data-format.md.\nformat: 1\n\nsources:\n")
        years = [2024 - k for k in range(self.years)]
        for p_index, place in enumerate(self.places):
            for year in years:
                write(f"  - id: s{p_index:04d}y{year}\n"
                      f"    title: {yaml_text(f'{place[1]}公安局{year}年工作综述')}\n"
                      f"    publisher: {yaml_text(place[4] + '法制报')}\n"
                      f"    date: {year + 1}-01-{1 + (p_index % 28):02d}\n"
                      f"    file: \"{p_index:04d}_{year}.txt\"\n")
        write("\njurisdictions:\n")
        for pid, zh, en, province, province_zh, level in self.places:
            write(f"  - id: {pid}\n    name_zh: {yaml_text(zh)}\n    name_en: {yaml_text(en)}\n"
                  f"    province: {yaml_text(province)}\n"
                  f"    province_zh: {yaml_text(province_zh)}\n    level: {level}\n")
        write("\nmetrics:\n")
        for mid, zh, en, unit, better, category, _, _ in METRICS:
            write(f"  - id: {mid}\n    label_zh: {yaml_text(zh)}\n    label_en: {yaml_text(en)}\n"
                  f"    unit: {unit}\n    better: {better}\n    category: {category}\n"
                  f"    definition: >-\n      {en}, as the bureau reported it (synthetic).\n"
                  f"    aliases: [{yaml_text(zh)}]\n")
        write("\nobservations:\n")
        written = 0
        for year in years:
            for p_index, place in enumerate(self.places):
                write(f"  # ---- {place[1]}, {year} ----\n")
                for metric in METRICS:
                    if written == self.size:
                        return
                    write(self.observation(place[0], f"s{p_index:04d}y{year}", year, metric))
                    written += 1

    def observation(self, place: str, source: str, year: int, metric: tuple) -> str:
        """One observation block; the measure and figure depend on the metric's unit."""
        mid, label, _, unit, _, _, word, ranked = metric
        rnd = self.random
        value: float
        qualifier, scope, note = "exact", None, None
        period = f"{year}" if rnd.random() < 0.85 else f"{year}-H1"
        roll = rnd.random()
        if ranked and roll < 0.12:
            measure, value, decimals, scope = "rank", rnd.randint(1, 15), 0, "province"
            quote = f"{label}位居全省第{chinese_ordinal(int(value))}"
        elif unit == "percent" and roll < 0.75:
            measure, decimals = "level", rnd.choice((1, 2))
            value = round(rnd.uniform(60, 99.9), decimals)
            if rnd.random() < 0.001:
                value = round(rnd.uniform(100.5, 130), decimals)  # a warning, as in real data
            if rnd.random() < 0.1:
                qualifier = "at_least"
                quote = f"{label}达{number(value, decimals)}%以上"
            else:
                quote = f"{label}达{number(value, decimals)}%"
        elif unit == "percent":
            measure, decimals = "change_pp", 1
            value = round(rnd.uniform(0.1, 9.9), 1) * rnd.choice((1, -1))
            word_dir = "上升" if value > 0 else "下降"
            quote = f"{label}同比{word_dir}{number(abs(value), 1)}个百分点"
        elif roll < 0.45:
            measure, decimals = "level", 0
            if rnd.random() < 0.15:
                value, qualifier = rnd.randint(2, 90) * 1000, "over"
                quote = f"全年{label}{number(value / 10000, 1).rstrip('0').rstrip('.')}万余{word}"
            else:
                value = rnd.randint(3, 60000)
                quote = f"全年{label}{value}{word}"
        elif roll < 0.9:
            measure, decimals = "change_pct", rnd.choice((1, 2))
            value = round(rnd.uniform(0.1, 45), decimals) * rnd.choice((1, -1))
            word_dir = "下降" if value < 0 else "上升"
            quote = f"全市{label}同比{word_dir}{number(abs(value), decimals)}%"
        else:
            measure, decimals = "change_abs", 0
            value = rnd.randint(5, 900) * rnd.choice((1, -1))
            word_dir = "减少" if value < 0 else "增加"
            quote = f"{label}同比{word_dir}{abs(value)}{word}"
            if rnd.random() < 0.3:
                qualifier = "about"
                quote = f"{label}同比{word_dir}近{abs(value)}{word}"
        if rnd.random() < 0.05:
            note = "同比 read as against the same period a year earlier (synthetic note)."
        text = (f"  - jurisdiction: {place}\n    metric: {mid}\n    period: \"{period}\"\n"
                f"    measure: {measure}\n    value: {number(value, decimals)}\n"
                f"    qualifier: {qualifier}\n    source: {source}\n"
                f"    quote: {yaml_text(quote)}\n")
        if scope:
            text += f"    scope: {scope}\n"
        if note:
            text += f"    note: {yaml_text(note)}\n"
        return text


def label(size: int) -> str:
    """``10k``, ``100k``, ``1M`` for file names."""
    if size % 1_000_000 == 0:
        return f"{size // 1_000_000}M"
    if size % 1000 == 0:
        return f"{size // 1000}k"
    return str(size)


def default_path(size: int) -> Path:
    return OUT / f"obs-{label(size)}.yaml"


def generate(size: int, path: Path, jurisdictions: int | None = None, seed: int = 6) -> Path:
    """Write ``size`` observations to ``path`` (atomically enough for a benchmark)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
        Generator(size, jurisdictions, seed).write(out)
    tmp.replace(path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="+", type=int, help="observations per file")
    parser.add_argument("-o", "--output", type=Path, help="output file (one size only)")
    parser.add_argument("--jurisdictions", type=int, help="default: 300 to 2800 by size")
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args(argv)
    if args.output and len(args.sizes) > 1:
        parser.error("--output takes one size")
    for size in args.sizes:
        path = generate(size, args.output or default_path(size), args.jurisdictions, args.seed)
        print(f"{path}: {size} observations, {path.stat().st_size / 1048576:.1f} MB",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

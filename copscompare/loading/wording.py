"""The words around a police figure, in simplified and traditional script: the one vocabulary.

Everything the figure reader (``figures``) and the quote checks (``quotes``) know about Chinese
wording is listed here and nowhere else. The lists were built from the five seed articles and
the 56 articles surveyed in scratch/articles/VOCAB.md (counts there); words the survey did not
meet but that press releases use for the same thing (比降, 再降, 攀升, 延长, 低于 …) are listed
beside them so that a new article is read the same way.

What each list means to the reader:

- ``FALL_WORDS`` / ``RISE_WORDS``: a figure after one of them (in its clause) is a change with
  that sign: 下降16% is −16. ``BARE_FALL`` / ``BARE_RISE`` are one-character forms that count
  only directly before a figure and after a base or a subject (``BARE_AFTER``: 同比降四成,
  报警降六成), never inside a word (晋升848名).
- ``LEVEL_WORDS``: a figure after one of them is a level, even after a fall word: 降至200起,
  达到95%. ``LEVEL_WORDS_NEXT`` count only directly before the figure (为, 达: too common
  elsewhere).
- ``YEAR_BASES`` / ``PREVIOUS_BASES`` / ``BOTH_BASES``: what a change is compared with: the
  same period a year earlier (同比), the period just before (环比), or either (环、同比均持平).
  A base named ``比…的`` before a figure makes that figure the base level (比去年同期的29120起).
- ``QUALIFIERS_BEFORE`` / ``QUALIFIERS_INSIDE`` / ``QUALIFIERS_AFTER``: how precise the figure
  is, from a word just before it (约3.5; 突破 only before a round or multiplied number:
  突破30万 is over, 攻坚突破12起命案积案 is twelve solved), between the number and its
  multiplier or counter
  (3万余起, 1000余万元), or just after its counter (95%以上, 10分钟以内). 以上/以下 after a word
  that is no figure (较大以上事故, 二级以上医院) are no qualifier: the reader only looks right
  after a figure. An age band (20岁以下) is no figure either: 岁 is no counter.
- ``POINTS``: 个百分点 makes a figure a change in percentage points.
- ``RANK_WORDS`` (首位 榜首 …, rank 1), ``RANK_BEFORE`` (words before 第N that make it a
  rank: 全省 排名 位居 …) and ``RANK_AFTER`` (第一名, 第五位); ``STREAK_RANK`` (三连冠: first,
  three times running); ``RANK_SCOPES`` say which peers a rank is among.
- ``ALL_SOLVED`` (全破, 全部告破, 均已破获 …: 100%), ``ZERO_WORDS`` (零发案 …: 0) and
  ``UNCHANGED`` (持平: a change of 0).
- ``MULTIPLIERS``, ``DIGITS``: Chinese numerals; ``COUNTERS`` by family (cases, people, money,
  time …); ``SPAN_AFTER``: a count of years that is a span, not a figure (近4年来).
- ``SERVICE_NUMBERS``: 110 and its kind are names of services, not figures, unless a counter
  follows (破获毒品案件110起).
- ``LIST_JOINERS``: what separates the items of a list (、 和 及 与 以及); ``RESPECTIVELY``:
  分别 and its kin, which pair a list of subjects with a list of figures.
"""

from __future__ import annotations

FALL_WORDS = (
    "下降", "降低", "减少", "減少", "下滑", "回落", "压降", "壓降", "比降", "再降", "连降",
    "連降", "缩短", "縮短", "降幅", "下跌", "压减", "壓減", "缩减", "縮減", "减幅", "減幅",
    "减少了", "下降了", "少死", "少伤", "少傷",
)
RISE_WORDS = (
    "上升", "增长", "增長", "提高", "增加", "比升", "比增", "攀升", "延长", "延長", "提升",
    "上涨", "上漲", "升幅", "增幅", "反弹", "反彈", "增多", "增长了", "增長了", "多死", "多伤",
    "多傷",
)
BARE_FALL = ("降", "减", "減")
BARE_RISE = ("增", "升")
BARE_AFTER = "比警情案件数數量率"  # 同比降, 报警降六成: where a one-character cue counts
LEVEL_WORDS = (
    "降至", "降到", "下降至", "下降到", "减至", "減至", "减少到", "減少到", "减少至", "減少至",
    "增至", "增加到", "增加至", "增长到", "增長到", "增长至", "增長至", "上升至", "上升到",
    "提高到", "提高至", "提升至", "提升到", "升至", "升到", "达到", "達到", "高达", "高達",
    "保持", "实现", "實現", "占", "佔", "共计", "共計", "总计", "總計", "累计", "累計",
    "缩短至", "缩短到", "縮短至", "縮短到", "压降至", "压降到", "壓降至", "壓降到",
)
LEVEL_WORDS_NEXT = ("为", "為", "达", "達", "是", "有")
YEAR_BASES = (
    "同比", "比上年", "较上年", "較上年", "比去年同期", "较去年同期", "較去年同期",
    "与去年同期", "與去年同期", "比去年", "较去年", "較去年", "与去年", "與去年", "同比去年",
)
PREVIOUS_BASES = ("环比", "環比", "比上月", "较上月", "較上月")
BOTH_BASES = ("环、同比", "環、同比", "环同比", "環同比")  # 环、同比均持平: either base
BASE_LEVEL_BEFORE = ("比", "较", "較", "与", "與")  # 比去年同期的29120起: the base level

QUALIFIERS_BEFORE = {
    "约": "about", "約": "about", "大约": "about", "大約": "about", "近": "about",
    "将近": "about", "將近": "about", "接近": "about", "超过": "over", "超過": "over",
    "超": "over", "逾": "over", "突破": "over", "多于": "over",
    "多於": "over", "高于": "over", "高於": "over", "不到": "under", "不足": "under",
    "低于": "under", "低於": "under", "少于": "under", "少於": "under", "不过": "at_most",
    "不過": "at_most", "不超过": "at_most", "不超過": "at_most",
}
QUALIFIERS_INSIDE = {"余": "over", "餘": "over", "多": "over"}
QUALIFIERS_AFTER = {
    "以上": "at_least", "以下": "at_most", "以内": "at_most", "以內": "at_most",
    "之内": "at_most", "之內": "at_most", "左右": "about", "上下": "about", "+": "over",
    "多": "over", "余": "over", "餘": "over",  # 216个余, 一个月余
}
AT_MOST_RANK = ("前",)  # 前三: among the first three

POINTS = ("个百分点", "個百分點", "百分点", "百分點")
PERCENT_SIGNS = ("%", "％")
SPELLED_PER = {"百分之": 100, "千分之": 1000, "万分之": 10_000, "萬分之": 10_000}
TENTHS = "成"  # 四成 = 40%
TENTHS_NOT = "员員功为為立本果绩績效熟长長交型都"  # 成员, 成功 …: no tenths
HALF = ("一半",)

RANK_WORDS = ("首位", "榜首", "之首", "冠军", "冠軍", "最高", "最低")
RANK_WORDS_RANKED = ("最高", "最低")  # a rank only among peers (全国副省级城市最低), not 历史最高
RANK_BEFORE = (
    "全省", "全国", "全國", "全市", "全区", "全區", "省内", "省內", "国内", "國內", "排名",
    "排", "位居", "位列", "名列", "居", "列", "荣获", "榮獲", "获得", "獲得", "获", "獲",
    "城市", "同级", "同級", "中",
)
RANK_AFTER = ("名", "位")
STREAK_RANK = ("连冠", "連冠")
RANK_SCOPES = {
    "全省": "province", "省内": "province", "省內": "province", "全国": "nation",
    "全國": "nation", "国内": "nation", "國內": "nation", "全市": "city",
}
ORDINAL_AFTER = ("时间", "時間", "手", "责任", "責任", "季度", "轮", "輪", "阶段", "階段",
                 "届", "屆", "道", "批", "期", "次", "个", "個", "章", "条", "條", "天", "年")

ALL_SOLVED = (
    "全破", "全部告破", "全部破获", "全部破獲", "全部侦破", "全部偵破", "全部破案", "全部侦结",
    "全部偵結", "均已破获", "均已破獲", "均已侦破", "均已偵破", "均告破", "均已告破",
)
UNCHANGED = ("持平", "基本持平")  # 同比持平: a change of 0
ZERO_WORDS = (
    "零发案", "零發案", "零接警", "零命案", "零发生", "零發生", "零新增", "零伤亡", "零傷亡",
    "零事故", "零死亡", "零报警", "零報警", "零发", "零發",
)

MULTIPLIERS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "萬": 10_000,
               "亿": 100_000_000, "億": 100_000_000}
DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
DECIMAL_POINTS = ("点", "點")
FULL_WIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")

# Counters by family; the reader takes the longest that follows a figure.
COUNTERS = {
    "case": ("起", "宗", "件"),
    "person": ("人次", "人口", "人", "名", "位"),
    "money": ("元", "美元", "港元"),
    "time": ("秒钟", "秒鐘", "秒", "分钟", "分鐘", "小时", "小時", "个月", "個月", "天", "周",
             "週", "年"),
    "thing": ("个", "個", "处", "處", "辆次", "輛次", "辆", "輛", "台", "臺", "部", "家次", "家",
              "条", "條", "支", "次", "项", "項", "期", "套", "只", "隻", "路", "户", "戶",
              "所", "座", "间", "間", "张", "張", "份", "封", "批", "架", "艘", "种", "種",
              "场", "場", "块", "塊", "枚", "把", "本", "册", "冊", "篇", "门", "門", "颗",
              "顆", "段", "组", "組", "队", "隊"),
    "measure": ("公斤", "千克", "克", "吨", "噸", "平方公里", "公里", "米", "亩", "畝"),
    "multiple": ("倍",),
}
COUNTER_FAMILY = {word: family for family, words in COUNTERS.items() for word in words}
SPAN_AFTER = ("年来", "年來", "年以来", "年以來", "个月来", "個月來", "天来", "天來", "天内",
              "天內")
DATE_AFTER = ("月", "日", "号", "號")
TIME_AFTER = ("时", "時", "点", "點")

SERVICE_NUMBERS = ("110", "119", "120", "122", "12345", "12110", "12315", "96110")
SERVICE_IN_CHINESE = ("一一0", "一一〇", "一一零")

# Set phrases whose numerals count nothing (千家万户: every household).
IDIOMS = ("千家万户", "千家萬戶", "万无一失", "萬無一失", "千方百计", "千方百計", "一件事",
          "一次性", "一系列", "一站式", "一张网", "一張網", "一盘棋", "一盤棋", "一把手",
          "一线", "一線", "一体", "一體", "一网", "一網", "一窗", "一码", "一碼", "一起上",
          "一起来", "一起來", "一道", "百城", "百警", "百日", "千里", "万家", "萬家", "两位数",
          "兩位數", "一等", "二等", "三等")
NUMERAL_IN_WORD = "统統唯逐单單同划劃专專合之步"  # 统一, 唯一, 进一步: no number

LIST_JOINERS = ("、", "和", "及", "与", "與", "以及", "或")
RESPECTIVELY = ("分别", "分別", "分列")
ALL_OF_THEM = ("均", "都")
CLAUSE_ENDS = ",，;；。!！?？:：\n\r"
QUOTE_MARKS = "“”\"'‘’「」『』《》〈〉()（）"

"""The word lists only extract needs, in simplified characters (texts are read through a
simplified ``View``). The words the checker reads figures by (direction, comparison bases,
qualifiers, measure cues, multipliers, counters) are loading.wording's, never copied here.

Each list was built from the wording of the five seed articles and the 56 articles surveyed
in ``articles/VOCAB.md`` and ``METRICS-SURVEY.md``.
"""

from __future__ import annotations

# Words that say a figure is not a police figure: the economy, public finance, population.
CONTEXT_WORDS = (
    "生产总值", "GDP", "财政收入", "财政支出", "一般预算", "预算收入", "税收", "可支配收入",
    "人均收入", "纯收入", "常住人口", "户籍人口", "总人口", "人口总数", "固定资产投资",
    "社会消费品", "进出口", "外贸", "增加值", "经济增长", "游客", "旅游收入", "国土面积",
    "平方公里",
)

# Words that end a subject and say what it counts, not which thing: a list's subjects share
# the last one's (侵财、“两抢”案件: 侵财 is 侵财案件).
KIND_WORDS = ("案件", "警情", "总量", "数量", "总数", "起数", "人数", "发案", "立案", "案", "数")

# Words of a page's furniture (address, registration, counters): no figure on their line.
FOOTER_WORDS = ("地址:", "邮编", "电话:", "ICP", "备案", "公网安备", "版权所有", "主办单位",
                "网站标识码", "访问统计", "浏览次数", "责任编辑", "网站地图")

# Words near a time (秒, 分钟, 小时) that make it a police figure (how fast they came, how
# long it took); other times are how long something lasts (24小时值守, 3分钟内集结).
RESPONSE_WORDS = ("时间", "用时", "缩短", "平均", "处警", "出警", "到达", "到场", "响应")

# Words that make a clause a police figure's even in a sentence about the economy.
POLICE_WORDS = ("警", "案", "公安", "犯罪", "嫌疑", "破获", "抓获", "治安", "派出所", "禁毒",
                "诈骗", "盗", "抢", "刑事", "交通", "火灾", "消防", "安全感", "满意", "纠纷")

# A story about someone (某住户, 犯罪嫌疑人张某, 两名男子): its figures are the story's, not the
# bureau's. Story words, and the people a story names with 某.
STORY_WORDS = ("男子", "女子", "住户", "事主", "网友", "小孩", "老人")
NAMED_WITH_MOU = ("嫌疑人", "男子", "女子", "司机", "民警")

# After a figure in its clause: an earlier change the new one builds on (在连续三年下降20%的
# 基础上, 同比又下降了1.5%): not this period's figure.
EARLIER_CHANGE_AFTER = ("的基础上",)

# After a count in a clause that ranks: the peers ranked among (在全国32个省会城市中名列第一).
PEERS_AFTER = ("省会城市", "副省级城市", "城市", "省", "地市", "市", "区县", "县")

# Honours and praise (表彰, 批示, 评为): counts of them report no police work.
HONOUR_WORDS = ("表彰", "批示", "报道", "评为", "荣获", "授予", "称号", "获评", "奖")

# What makes a number part of a set phrase after its counter: 六位一体, 四警合一.
SET_PHRASE_AFTER = ("一体", "合一")

# Counters that, after a Chinese numeral, make a phase or a kind, not a count: 二期建设.
PHASE_COUNTERS = ("期", "届", "代", "级", "类")

# Categories of a proposed metric, by the first of these words its label holds (in this
# order: 命案破案率 is clearance, not crime; 抓获犯罪嫌疑人 enforcement), with which way is
# better (docs/data-format.md "Categories" and "Better").
CATEGORY_WORDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("context", "neither", CONTEXT_WORDS),
    ("clearance", "higher", ("破案率", "破获率", "侦破率", "破案", "破获", "侦破", "告破",
                             "全破", "破结案")),
    ("public_opinion", "higher", ("安全感", "满意度", "满意率", "满意")),
    ("enforcement", "neither", ("抓获", "打掉", "逮捕", "刑拘", "查处", "缴获", "团伙",
                                "嫌疑人", "追逃", "起诉", "公诉", "打击", "捣毁", "铲除")),
    ("public_safety", "lower", ("交通事故", "火灾", "亡人", "死亡", "受伤", "事故", "消防")),
    ("crime", "lower", ("警情", "发案", "立案", "案件", "诈骗", "盗窃", "抢劫", "抢夺",
                        "两抢", "命案", "犯罪", "刑事", "治安案件")),
    ("mediation", "higher", ("调解", "纠纷", "调处")),
    ("prevention", "higher", ("巡逻", "防范", "零发案", "预警", "劝阻", "止付", "止损",
                              "挽回", "冻结", "反诈")),
    ("community_policing", "higher", ("社区民警", "警务室", "社区")),
    ("technology", "neither", ("监控", "探头", "摄像", "视频", "信息化", "大数据", "平台")),
    ("service", "neither", ("办理", "服务", "求助", "办结", "户籍", "出入境", "证件")),
    ("workforce", "neither", ("民警", "警力", "培训", "处分", "表彰", "人才", "警员")),
)
DEFAULT_CATEGORY = ("resources", "neither")

# The unit of a proposed metric, by the words its label ends with (a change says nothing of
# the unit; a level's counter does, see ``loading.wording``).
PERCENT_ENDINGS = ("率", "比例", "占比", "比重", "安全感", "满意度")
PEOPLE_ENDINGS = ("人数", "人员", "嫌疑人", "民警", "警力", "人口", "群众")
YUAN_ENDINGS = ("金额", "损失", "资金", "经费", "元")

# Words around a metric's name that are not part of it: the place (全市, 我市), the bureau,
# filler verbs and adverbs. Dropped from a proposed label, longest first.
NOT_THE_METRIC = (
    "各级公安机关", "全市公安机关", "公安机关", "市公安局", "公安局", "全市", "我市", "本市",
    "该市", "全区", "全县", "全旗", "全省", "全国", "全局", "该局", "警方", "市局", "目前",
    "共计", "累计", "先后", "相继", "总计", "共", "均", "已", "了", "达到", "达", "为",
    "实现", "分别", "其中", "总量", "总数", "同比", "环比", "比去年同期", "与去年同期相比",
)

# Chinese words of a metric's name in English, for a proposed metric's English label and id.
# A verb (``after``) goes after the noun it acts on: 打掉涉恶团伙 -> gangs busted.
GLOSSARY: tuple[tuple[str, str, bool], ...] = (
    ("刑事案件", "criminal cases", False), ("治安案件", "public-order cases", False),
    ("刑事警情", "criminal incident reports", False), ("治安警情", "public-order incident "
                                                       "reports", False),
    ("违法犯罪警情", "crime incident reports", False), ("警情", "incident reports", False),
    ("有效警情", "valid incident reports", False), ("命案", "homicides", False),
    ("电信网络诈骗", "telecom and online fraud", False), ("电信诈骗", "telecom fraud", False),
    ("电诈", "telecom fraud", False), ("诈骗", "fraud", False), ("盗窃", "theft", False),
    ("入室盗窃", "burglary", False), ("两抢", "robbery and snatching", False),
    ("抢劫", "robbery", False), ("抢夺", "snatching", False), ("侵财", "property crime", False),
    ("破案率", "clearance rate", False), ("破案数", "cases solved", False),
    ("立案数", "cases filed", False), ("立案", "cases filed", False),
    ("发案率", "incidence rate", False), ("发案数", "cases", False), ("发案", "cases", False),
    ("案件", "cases", False), ("犯罪嫌疑人", "suspects", False), ("嫌疑人", "suspects", False),
    ("违法犯罪人员", "offenders", False), ("团伙", "gangs", False), ("涉恶", "gang-related",
                                                                      False),
    ("恶势力", "gang", False), ("黑社会性质", "mafia-type", False), ("毒品", "drug", False),
    ("交通事故", "traffic accidents", False), ("火灾", "fires", False),
    ("死亡人数", "deaths", False), ("死亡", "deaths", False), ("受伤", "injuries", False),
    ("安全感", "sense of security", False), ("满意度", "satisfaction", False),
    ("满意率", "satisfaction rate", False), ("群众", "public", False),
    ("社区警务室", "community police rooms", False), ("警务室", "police rooms", False),
    ("派出所", "police stations", False), ("社区民警", "community police officers", False),
    ("民警", "police officers", False), ("警力", "police officers", False),
    ("探头", "cameras", False), ("摄像头", "cameras", False), ("监控", "surveillance", False),
    ("视频", "video", False), ("巡逻车", "patrol vehicles", False), ("车辆", "vehicles",
                                                                       False),
    ("矛盾纠纷", "disputes", False), ("纠纷", "disputes", False), ("损失", "losses", False),
    ("资金", "funds", False), ("经费", "funding", False), ("110", "110", False),
    ("报警", "emergency calls", False), ("接报", "reported", True), ("受理", "received", True),
    ("打掉", "busted", True), ("抓获", "caught", True), ("破获", "solved", True),
    ("侦破", "solved", True), ("逮捕", "arrested", True), ("刑拘", "detained", True),
    ("查处", "punished", True), ("缴获", "seized", True), ("调处", "settled", True),
    ("调解", "mediated", True), ("新增", "added", True), ("新建", "newly built", True),
    ("建成", "built", True), ("投入", "invested", True), ("投资", "invested", True),
    ("止付", "payments stopped", True), ("冻结", "frozen", True), ("挽回", "recovered", True),
    ("劝阻", "dissuaded", True), ("预警", "warned", True), ("走访", "visited", True),
    ("培训", "trained", True), ("处理", "dealt with", True), ("办理", "handled", True),
    ("零发案", "zero-case", False), ("村屯", "villages", False), ("社区", "communities", False),
    ("单位", "work units", False), ("城区", "urban", False), ("全市", "", False),
    ("刑事", "criminal", False),
    ("治安", "public-order", False), ("重点", "priority", False), ("人员", "people", False),
    ("人数", "people", False), ("数", "", False), ("的", "", False),
)

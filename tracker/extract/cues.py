"""Cue words: what the words around a figure say about it.

Tense (planned or achieved), growth or amount, the measure (a flow counted this year or a level
reached), ceilings and stretch targets. Each pattern is searched in a compact sentence, clause
or the text before a figure."""

from __future__ import annotations

import re

# -- a target or not -----------------------------------------------------------------------------

# A sentence without any of these is not read for goals.
CUE = re.compile(
    r"力争|确保|争取|目标|预期|计划|将|要|新增|引进|培育|建设|新建|完成|实现|达到|推动|推进|打造|"
    r"筹集|储备|年内|今年|全年|增至|突破|不少于|不低于|至少|以上|预计|动工|开工|力促|入库|增长|超|"
    r"增速|增幅|涨幅|控制在|以内|左右|不超过"
)
# Verbs a task of a list starts with (加装农村公路护栏4000公里): a plan read without a plan word.
TASK_VERB = re.compile(
    r"加装|开设|开发|援助|购置|更新|提升|改建|扩建|开办|推出|交付|启动|实施|改造|建成|开展|提供|"
    r"布局|新开工|新改建|安装|培训|救助|资助|覆盖|招聘|吸纳|举办|组织|创建|创成|治理|整治|修缮"
)
LIST_ITEM_CHARS = 40  # a sentence this short is an item of a list, read for a target as it is
STRONG_CUE = re.compile(r"力争|确保|争取|目标|预期|计划|今年|年内|明年|将|要|接下来|下一步")
DECLARED = re.compile(r"力争|确保|争取|目标|预期")
PLAN_AHEAD = re.compile(r"力争|确保|争取|目标|预期|计划|今年|年内|明年|接下来|下一步")
COMMITTED = re.compile(r"力争|确保|争取|目标|预期|计划|(?<![主重需])要|将")  # a plan, said so
# What follows a figure that is itself the target (7%的增长, 千亿大关), not a noun it qualifies.
TARGET_AFTER = re.compile(
    r"^的?(?:预期目标|目标|增长|增速|增幅|涨幅|升幅)|^(?:大关|台阶)|^“[^”]{1,12}”的?目标"
)
# Budgets and fiscal allocations are no targets: 赤字率拟按4%安排, 发行专项债券500亿元.
FISCAL = re.compile(r"赤字|国债|专项债|地方政府债|拟安排|拟发行")
FORECAST = re.compile(r"预计|有望")
STRETCH_CUE = re.compile(r"争取|力争|实际工作中|努力")

# -- tense ---------------------------------------------------------------------------------------

PAST_SENTENCE = re.compile(
    r"(?<![与比较])(?:去年|上年)|过去|一年来|以来|同比|截至|截止|先后|累计完成|回顾|以往"
)
PAST_CLAUSE = re.compile(
    r"已|正在|连跨|完成(?:年度|全年)?(?:任务|计划)|(?<![与比较])(?:去年|上年)|以往|(?:完成|实现|达到)了"
)
LAST_YEAR = re.compile(r"(?<![与比较])(?:去年|上年)")
THIS_YEAR = re.compile(r"今年(?!以来)|年内|明年")
# This year so far (今年以来, 上半年, 1-7月): what was done, though in the plan year.
# A bound (以上, 不少于, 左右, 1-2个) makes a figure a target even in a report of progress.
PROGRESS = re.compile(r"今年以来|上半年|一季度|前三季度|\d{1,2}[-—至]\d{1,2}月|当月|本月")
SAME_PERIOD = re.compile(r"同比")  # a change on last year's figure: an actual, unless declared
# A sentence with none of these words states what was done, not what is planned.
PLAN_CUE = re.compile(
    r"力争|确保|争取|目标|预期|计划|年内|明年|(?<![主重需])要|将|预计|有望|努力|力促|拟|"
    r"下一步|接下来|推动|推进"
)
DONE = re.compile(r"完成(?!后)")  # 地区生产总值完成1234.5亿元: an actual whatever the year
REPORTED = re.compile(r"完成(?!后)|实现|达到|同比")  # with a year: what that year achieved
# A verb between 完成 and a figure governs the figure instead: 完成改造后新增学位1000个.
# What a count of a list is about, not a target: 15件民生实事, 20项主要指标, 十个方面, 九条举措.
LIST_COUNT = re.compile(r"实事|指标|任务|方面|举措|候选")
# A count that introduces the list after it: 新增14项包括:, 10个项目具体如下.
LIST_INTRO = re.compile(r"[\w,，]{0,8}?(?:包括|如下|分别是|具体是)")
# A noun and a conjunction between two figures: 2000个托班托额和3200个托育托额.
JOINED_NOUN = re.compile(r"(?P<noun>[^、,，]+?)(?:和|及|以及|与|等)$")
# A figure right after a preposition is where or to whom, not a target: 向19个片区集中.
PREPOSITION = re.compile(r"(?:向|对|(?<!控制)(?<!保持)(?<!稳定)(?<!维持)(?<!设定)(?<!掌握)在)$")
# A figure that sizes a thing: 宽30米, 年产200万吨 (a dimension or capacity, not a target).
DIMENSION = re.compile(r"(?:宽|高|深|厚|直径|年产|产能|日处理|年处理|时速)$")
HAN_START = re.compile(r"[\u3400-\u9fff]")
# A figure that measures a place, not a target: 周边5-10公里范围.
EXTENT = re.compile(r"^(?:范围|半径|以内的|区域)")
# A noun right after the figure: 完成300户(改造) counts what is to be done.
COUNTED_TASK = re.compile(r"(?![增同比较占约左以的、和及与])[\u3400-\u9fff“(（]")
OTHER_VERB = re.compile(r"新增|引进|培育|新建|建设|筹集|招引|签约|开工|动工|建成|改造|后")

# -- growth, measure, comparator -----------------------------------------------------------------

GROWTH_WORD = re.compile(
    r"(?:年均|年平均)?(?:增长率?|增速|增幅)|涨幅|升幅|上涨|(?:年均)?(?:下降|降低|减少|压减)(?![到至])"
)
DECLINE = re.compile(r"下降|降低|减少|压减")  # a growth below zero: 能耗降低3% is −3%
GROWTH_AFTER = re.compile(r"^的?(?:增长|增速|增幅|涨幅|升幅)")
FLOW = re.compile(
    r"新增|引进|培育|新建|建设|完成|筹集|签约|动工|开工|投产|落地|招引|招商|开业|投资|产值|营收|"
    r"收入|销售|出口|进口|吞吐量|利润|税收|接待|改造|开通|落户|增加值|生产总值|GDP|零售|总量|总额|开票|建成(?!后)|投运|投用|竣工|实施|培训|服务|人次"
)
LEVEL = re.compile(r"增至|入库|累计|总数|保有|存量|人均|(?:全部|均|每\w)达")
LEVEL_WEAK = re.compile(r"达到|突破|达")
PLACE = re.compile(
    r"片区|园区|产业园|基地|集聚区|规模|行列|强区|强县|强市"
)  # a place, size or class
# 打造 a cluster or zone builds up what stands at the end (a level); 打造 a facility makes one.
AGGREGATE = re.compile(r"打造.*(?:集群|产业群|片区)")
# The verb of a list's first item (新增百亿级企业1家、50亿级企业1家) carries to the others.
VERB_LEAD = re.compile(r"^(?:新增|引进|培育|新建|建设|完成|新筹集|筹集|招引|签约|打造)")
MONEY = re.compile(r"元$")
CONTROL = re.compile(r"控制在|掌握在")  # 掌握在: a spun 控制在
PRICE_RISE = re.compile(r"涨幅|升幅|上涨")  # 居民消费价格涨幅2%左右: a ceiling, not an estimate

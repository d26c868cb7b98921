#!/usr/bin/env python3
# Copied unchanged (except this comment) from the project-shared peer-benchmark material
# (../shared/bench/gencorpus.py), provided to compare gongkai with Hugo on the same records.
# bench/gencorpus.py imports its text generator, so both corpora carry the same text.
"""Synthetic corpus generator for a district government information-disclosure site.

Generates N Markdown records with YAML front matter (``---`` fences) spread over
eight disclosure categories, deterministically for a given --seed.

    gencorpus.py --records N --out DIR [--flavor hugo|zola|plain] [--seed S]

Layout: DIR/content/<category>/<slug>.md plus DIR/content/_index.md and one
_index.md per category section.

Flavors differ only in front-matter shape:
  plain  flat keys (title, date, category, department, doc_number, index_no,
         topics, validity, amount, supplier, ... ) -- the canonical shape our
         own generator is meant to consume.
  hugo   plain + `departments: [dept]` (taxonomy key) + `description`.
  zola   Zola's fixed page keys (title, date, description, taxonomies) and all
         disclosure fields under `extra:`; section _index.md files carry
         sort_by / paginate_by / templates (Zola rejects unknown section keys).

Bodies are composed from a fixed vocabulary of Chinese government phrases,
with headings, lists, Markdown tables and links to earlier records
(`/<category>/<slug>/`). Only the Python standard library is used.
"""

import argparse
import datetime
import json
import os
import random
import sys

DISTRICT = "芙蓉区"
DISTRICT_CODE = "430102"

# key, Chinese name, relative weight
CATEGORIES = [
    ("policies", "政策法规", 14),
    ("procurement", "政府采购", 13),
    ("budgets", "财政资金", 8),
    ("leadership", "领导信息", 1),
    ("notices", "通知公告", 18),
    ("personnel", "人事信息", 8),
    ("emergency", "应急管理", 8),
    ("work-updates", "工作动态", 30),
]
CATEGORY_NAMES = {k: n for k, n, _ in CATEGORIES}

# name, document-number prefix
DEPARTMENTS = [
    ("区人民政府", "芙政发"),
    ("区人民政府办公室", "芙政办发"),
    ("区发展和改革局", "芙发改发"),
    ("区教育局", "芙教发"),
    ("区科学技术和工业信息化局", "芙科工信发"),
    ("区公安分局", "芙公发"),
    ("区民政局", "芙民发"),
    ("区司法局", "芙司发"),
    ("区财政局", "芙财发"),
    ("区人力资源和社会保障局", "芙人社发"),
    ("区自然资源和规划分局", "芙自然资规发"),
    ("区住房和城乡建设局", "芙住建发"),
    ("区城市管理和综合执法局", "芙城管发"),
    ("区商务局", "芙商务发"),
    ("区文化旅游体育局", "芙文旅体发"),
    ("区卫生健康局", "芙卫健发"),
    ("区退役军人事务局", "芙退役军人发"),
    ("区应急管理局", "芙应急发"),
    ("区审计局", "芙审发"),
    ("区市场监督管理局", "芙市监发"),
    ("区统计局", "芙统发"),
    ("区医疗保障局", "芙医保发"),
    ("区数据资源局", "芙数据发"),
    ("区政务服务中心", "芙政务发"),
    ("区生态环境分局", "芙环发"),
    ("区机关事务服务中心", "芙机关发"),
]

TOPICS = [
    "营商环境", "政务公开", "安全生产", "民生实事", "数字政府", "城市更新",
    "老旧小区改造", "生态环境保护", "教育", "医疗卫生", "就业创业", "社会保障",
    "食品药品安全", "防汛抗旱", "招商引资", "科技创新", "文明创建", "养老服务",
    "托育服务", "住房保障", "法治政府", "信用体系建设", "知识产权", "文化旅游",
    "体育健身", "财政预决算", "三公经费", "政府采购", "人事任免", "公务员招录",
    "事业单位招聘", "应急预案", "消防安全", "交通运输", "退役军人服务",
    "“放管服”改革", "双随机一公开", "12345热线", "5G新基建", "社区治理",
    "乡村振兴", "疫情防控",
]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方邹熊白孟秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志宏文斌海波宁晓辉鹏飞俊峰雪梅琳晶颖凯浩然宇航欣怡子涵佳琪思远博文嘉懿铭轩"

POSTS = [
    "区委副书记、区长", "区委常委、常务副区长", "副区长", "副区长（挂职）",
    "区政府党组成员", "区长助理", "区政府办公室主任", "区人大常委会副主任",
]

COMPANY_PREFIX = ["湖南", "长沙", "湖南省", "长沙市", "中建", "中铁", "湖南湘江", "芙蓉"]
COMPANY_CORE = ["恒信", "华创", "致远", "中联", "长城", "星沙", "岳麓", "同创", "天心",
                "金霞", "楚天", "潇湘", "信达", "博远", "金盾", "德润", "安邦", "鼎诚",
                "云智", "数联", "蓝天", "绿源", "宏图", "众合", "新航"]
COMPANY_KIND = ["科技有限公司", "信息技术有限公司", "建设工程有限公司", "物业管理有限公司",
                "环境工程有限公司", "软件股份有限公司", "咨询服务有限公司", "医疗器械有限公司",
                "建筑设计研究院有限公司", "工程造价咨询有限公司", "保安服务有限公司"]
PROC_METHODS = ["公开招标", "邀请招标", "竞争性谈判", "竞争性磋商", "询价", "单一来源采购", "框架协议采购"]
PROC_ITEMS = ["政务云服务", "智慧城管平台运维", "办公设备", "校园安防系统", "道路提质改造工程",
              "老旧小区改造工程", "垃圾分类收运服务", "档案数字化加工", "法律顾问服务",
              "网络安全等级保护测评", "应急物资储备", "物业管理服务", "食堂食材配送",
              "12345热线坐席外包", "社区服务中心装修工程", "5G智慧灯杆", "财务审计服务",
              "LED显示屏", "排水管网清淤", "绿化养护服务"]

BUDGET_ITEMS = ["一般公共服务支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出",
                "文化旅游体育与传媒支出", "社会保障和就业支出", "卫生健康支出", "节能环保支出",
                "城乡社区支出", "农林水支出", "交通运输支出", "资源勘探工业信息等支出",
                "商业服务业等支出", "住房保障支出", "灾害防治及应急管理支出", "债务付息支出"]

# ---------------------------------------------------------------- body vocabulary
OPENERS = [
    "为深入贯彻落实党中央、国务院决策部署，", "根据《中华人民共和国政府信息公开条例》有关规定，",
    "按照区委、区政府统一部署，", "近日，", "今年以来，",
    "为推动高质量发展，", "根据上级有关文件精神，", "经区人民政府同意，",
    "结合我区实际，", "按照市委、市政府工作要求，",
    "截至目前，", "会议指出，", "会议强调，", "会议要求，", "据悉，", "下一步，",
    "与此同时，", "此外，", "在此基础上，", "针对群众反映强烈的突出问题，",
    "按照“谁主管、谁负责”的原则，", "坚持以人民为中心的发展思想，", "对照年度目标任务，",
    "为确保各项措施落地见效，", "围绕“三高四新”美好蓝图，",
]
SUBJECTS = [
    "区直各单位", "各街道办事处", "各社区", "区政府各部门", "各有关单位", "辖区企业",
    "各级领导干部", "执法人员", "区应急管理局", "区财政局", "区教育局", "区卫生健康局",
    "区住房和城乡建设局", "区市场监督管理局", "区数据资源局", "区城市管理和综合执法局",
    "区人力资源和社会保障局", "区发展和改革局", "区民政局", "区商务局", "工作专班",
    "领导小组办公室", "各责任单位", "相关职能部门", "驻区单位", "网格员", "志愿者服务队",
    "基层党组织", "广大党员干部", "社区工作者",
]
VERBS = [
    "认真贯彻落实", "统筹推进", "扎实开展", "持续深化", "着力提升", "全面加强",
    "进一步规范", "切实做好", "稳步推进", "加快构建", "不断完善", "深入推进",
    "大力实施", "全力保障", "严格落实", "积极探索", "持续巩固", "有序推进",
    "全面推行", "着力解决", "精心组织", "协调推动", "压紧压实", "持续抓好",
    "加快推进", "全面梳理", "建立健全", "深入开展", "统筹做好", "扎实推进",
    "持续优化", "认真组织实施", "全面落实", "牢牢把握", "系统谋划", "积极稳妥推进",
]
OBJECTS = [
    "营商环境优化提升工作", "安全生产专项整治行动", "老旧小区改造项目", "基层治理体系建设",
    "民生实事项目", "政务公开标准化规范化建设", "“一件事一次办”改革", "城市精细化管理",
    "生态环境保护督察反馈问题整改", "防汛抗旱各项准备工作", "就业创业服务体系",
    "医疗卫生服务能力提升工程", "教育资源均衡配置", "养老服务体系建设", "住房保障工作",
    "食品药品安全监管", "消防安全隐患排查整治", "重点项目建设", "招商引资和项目引进",
    "科技创新平台建设", "数字政府建设", "“互联网+政务服务”", "社会信用体系建设",
    "法治政府建设", "财政预算管理改革", "政府采购监督管理", "国有资产管理",
    "审计发现问题整改", "干部队伍建设", "党风廉政建设", "作风建设",
    "文明城市创建工作", "垃圾分类工作", "城市更新行动", "背街小巷提质改造",
    "农贸市场提质改造", "校园及周边安全治理", "燃气安全专项整治", "自建房安全专项整治",
    "电动自行车安全隐患整治", "矛盾纠纷排查化解", "信访工作", "退役军人服务保障",
    "困难群众救助帮扶", "残疾人服务", "托育服务体系建设", "全民健身公共服务",
    "文化惠民工程", "历史文化街区保护", "商圈提质升级", "夜间经济发展",
    "楼宇经济发展", "总部经济集聚", "中小企业纾困解难", "减税降费政策落实",
    "“双随机、一公开”监管", "行政执法“三项制度”", "政务服务事项清单管理",
    "12345政务服务便民热线诉求办理", "数据资源整合共享", "网络安全等级保护工作",
    "应急预案体系建设", "应急物资储备管理", "森林防灭火工作", "地质灾害防治",
    "极端天气应对工作", "重大活动安全保障", "疫情防控常态化措施", "爱国卫生运动",
    "医保基金监管", "公立医院综合改革", "义务教育“双减”工作", "学前教育普惠发展",
    "职业技能培训", "高校毕业生就业服务", "农民工工资支付保障", "劳动保障监察执法",
    "社区居家养老服务", "“15分钟生活圈”建设", "智慧社区建设", "物业服务管理",
    "城市排水防涝设施建设", "海绵城市建设", "园林绿化提质", "道路交通秩序整治",
    "停车设施建设", "公共交通服务优化", "5G基站建设", "新型基础设施建设",
    "统计数据质量提升", "经济运行监测分析", "市场主体培育", "知识产权保护",
    "消费者权益保护", "特种设备安全监管", "价格监督检查", "人才引进政策落实",
]
PURPOSES = [
    "确保各项工作落到实处", "不断增强人民群众的获得感、幸福感、安全感",
    "为建设现代化新芙蓉贡献力量", "切实维护人民群众生命财产安全",
    "推动各项工作取得新成效", "为经济社会高质量发展提供有力保障",
    "确保按时保质完成年度目标任务", "持续提升群众满意度", "切实提高行政效能",
    "营造公平公正的市场环境", "形成工作合力", "坚决守住安全底线",
    "进一步激发市场主体活力", "推动政策红利直达基层", "实现“最多跑一次”",
    "努力打造一流营商环境", "确保资金安全、规范、高效使用", "做到早发现、早报告、早处置",
    "以实际行动践行初心使命", "确保社会大局和谐稳定", "切实把好事办实、实事办好",
    "全面提升城市品质", "加快形成长效机制", "为群众办实事、解难题",
]
STATS = [
    "累计完成投资{a}亿元", "同比增长{p}%", "共排查隐患{n}处，已整改{m}处",
    "惠及群众{n}余人", "完成年度目标任务的{p2}%", "新增市场主体{n}户",
    "开展专项检查{m}次", "出动执法人员{n}人次", "发放补贴资金{a}万元",
    "办结群众诉求{n}件，办结率{p2}%", "新增就业岗位{n}个", "培训各类人员{n}人次",
    "改造老旧小区{m}个", "新建充电桩{n}个", "受理政务服务事项{n}件",
    "公开政府信息{n}条", "答复依申请公开{m}件", "立案查处违法案件{m}起",
]
MEETINGS = ["区政府常务会议", "专题调度会", "工作推进会", "动员部署会", "联席会议",
            "现场办公会", "工作座谈会", "专题培训会", "安全生产委员会全体会议", "季度经济运行分析会"]
PURPOSE_OPENERS = ["为进一步加强", "为切实做好", "为全面提升", "为进一步优化", "为认真落实", "为扎实推进"]
TECH_BITS = ["5G", "App", "AI", "IPv6", "GIS", "大数据", "物联网", "OA系统", "区块链", "云计算"]
ASCII_BITS = ["5G", "App", "AI", "GDP", "PPP", "Wi-Fi", "LED", "CBD", "IPv6", "OA", "GIS", "PDF", "ISO 9001"]
CN_NUM = "一二三四五六七八九十"
HEADINGS = ["总体要求", "工作目标", "主要任务", "重点工作", "保障措施", "组织领导",
            "实施步骤", "工作要求", "适用范围", "责任分工", "监督考核", "附则"]


def cn_ordinal(i):
    if i <= 10:
        return CN_NUM[i - 1]
    return "十" + CN_NUM[i - 11]


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def pick(self, seq):
        return seq[self.r.randrange(len(seq))]

    def fill(self, s):
        r = self.r
        return s.format(a=round(r.uniform(0.5, 80), 2), p=round(r.uniform(1, 25), 1),
                        p2=round(r.uniform(85, 100), 1), n=r.randint(50, 9000),
                        m=r.randint(3, 400))

    def sentence(self, year):
        r = self.r
        k = r.randrange(9)
        if k == 0:
            s = f"{self.pick(OPENERS)}{self.pick(SUBJECTS)}{self.pick(VERBS)}{self.pick(OBJECTS)}，{self.pick(PURPOSES)}。"
        elif k == 1:
            s = f"{self.pick(SUBJECTS)}{self.pick(VERBS)}{self.pick(OBJECTS)}，{self.fill(self.pick(STATS))}。"
        elif k == 2:
            s = f"截至{year}年{r.randint(1, 12)}月底，全区{self.fill(self.pick(STATS))}，{self.fill(self.pick(STATS))}。"
        elif k == 3:
            s = f"{r.randint(1, 12)}月{r.randint(1, 28)}日，{self.pick(SUBJECTS)}召开{self.pick(MEETINGS)}，{self.pick(VERBS)}{self.pick(OBJECTS)}。"
        elif k == 4:
            s = f"{self.pick(['会议强调，', '会议要求，', '下一步，', '文件明确，'])}要{self.pick(VERBS)}{self.pick(OBJECTS)}和{self.pick(OBJECTS)}，{self.pick(PURPOSES)}。"
        elif k == 5:
            s = f"{self.pick(SUBJECTS)}要坚持问题导向，{self.pick(VERBS)}{self.pick(OBJECTS)}，{self.pick(VERBS)}{self.pick(OBJECTS)}，{self.pick(PURPOSES)}。"
        elif k == 6:
            s = f"依托{self.pick(TECH_BITS)}等技术手段，{self.pick(VERBS)}{self.pick(OBJECTS)}，{self.fill(self.pick(STATS))}。"
        elif k == 7:
            s = f"{self.pick(SUBJECTS)}{self.pick(VERBS)}{self.pick(OBJECTS)}，{self.pick(VERBS)}{self.pick(OBJECTS)}。"
        else:
            s = f"{self.pick(PURPOSE_OPENERS)}{self.pick(OBJECTS)}，{self.pick(SUBJECTS)}{self.pick(VERBS)}{self.pick(OBJECTS)}，{self.pick(PURPOSES)}。"
        return s

    def paragraph(self, year):
        return "".join(self.sentence(year) for _ in range(self.r.randint(2, 4)))

    def person(self):
        g = self.pick(GIVEN)
        if self.r.random() < 0.6:
            g += self.pick(GIVEN)
        return self.pick(SURNAMES) + g

    def company(self):
        return self.pick(COMPANY_PREFIX) + self.pick(COMPANY_CORE) + self.pick(COMPANY_KIND)


def title_for(g, cat, year, dept):
    r = g.r
    obj = g.pick(OBJECTS).strip("“”")
    if cat == "policies":
        kind = g.pick(["实施方案", "管理办法", "实施意见", "工作方案", "若干措施", "暂行规定", "行动计划"])
        t = f"关于印发《{DISTRICT}{obj}{kind}》的通知"
        if r.random() < 0.15:
            t = f"{DISTRICT}{year}—{year + r.randint(1, 3)}年{obj}{kind}"
    elif cat == "procurement":
        item = g.pick(PROC_ITEMS)
        t = g.pick([f"{dept}{item}项目{g.pick(['公开招标公告', '中标结果公告', '成交结果公告', '更正公告', '合同公告'])}",
                    f"{DISTRICT}{year}年{item}采购项目（{g.pick(['一', '二', '三'])}期）{g.pick(['招标公告', '结果公示'])}"])
    elif cat == "budgets":
        t = g.pick([f"{dept}{year}年部门预算公开", f"{dept}{year - 1}年部门决算公开",
                    f"{DISTRICT}{year}年“三公”经费预算说明", f"{DISTRICT}{year}年政府性基金预算执行情况"])
    elif cat == "leadership":
        t = f"{g.person()}同志简历及分工"
    elif cat == "notices":
        t = g.pick([f"关于开展{obj}的通知", f"关于做好{year}年{obj}的通知", f"关于{obj}有关事项的公告",
                    f"{dept}关于{obj}的通告", f"关于征求《{obj}（征求意见稿）》意见的公告"])
    elif cat == "personnel":
        t = g.pick([f"{DISTRICT}人民政府关于{g.person()}等同志职务任免的通知",
                    f"{DISTRICT}{year}年公开招聘事业单位工作人员{g.pick(['公告', '拟聘用人员名单公示', '面试成绩公示'])}",
                    f"{dept}{year}年公开遴选公务员公告"])
    elif cat == "emergency":
        t = g.pick([f"{DISTRICT}{g.pick(['突发事件总体应急预案', '防汛应急预案', '森林火灾应急预案', '地震应急预案'])}（{year}年修订）",
                    f"关于做好{year}年{g.pick(['汛期', '春节期间', '国庆期间', '高温天气'])}安全防范工作的通知",
                    f"{DISTRICT}发布{g.pick(['暴雨', '高温', '寒潮', '大风'])}{g.pick(['蓝色', '黄色', '橙色'])}预警信号"])
    else:
        t = g.pick([f"{dept}{g.pick(VERBS)}{obj}", f"{DISTRICT}召开{g.pick(MEETINGS)}",
                    f"{dept}：{obj}取得阶段性成效", f"{DISTRICT}{obj}跑出“加速度”"])
    if r.random() < 0.12:
        t += g.pick([" (Phase II)", "（2.0版）", f" {g.pick(ASCII_BITS)}专项", "（第2号）"])
    return t


def make_meta(g, i, cat, date, seqno):
    r = g.r
    year = date.year
    dept, prefix = g.pick(DEPARTMENTS)
    if cat == "budgets":
        dept, prefix = ("区财政局", "芙财发") if r.random() < 0.3 else (dept, prefix)
    if cat in ("leadership", "personnel"):
        dept, prefix = DEPARTMENTS[0] if r.random() < 0.5 else DEPARTMENTS[1]
    m = {
        "title": title_for(g, cat, year, dept),
        "date": date.isoformat(),
        "category": cat,
        "category_name": CATEGORY_NAMES[cat],
        "department": dept,
        "index_no": f"{DISTRICT_CODE}-{year}-{seqno:05d}",
        "topics": r.sample(TOPICS, r.randint(2, 4)),
        "slug": f"{year}-{seqno:05d}",
    }
    if cat in ("policies", "notices", "personnel", "emergency", "budgets"):
        m["doc_number"] = f"{prefix}〔{year}〕{r.randint(1, 180)}号"
    if cat == "policies":
        m["validity"] = r.choices(["有效", "失效", "废止"], [70, 20, 10])[0]
        m["effective_date"] = (date + datetime.timedelta(days=r.randint(0, 30))).isoformat()
    elif cat == "procurement":
        m["project_no"] = f"FRCG-{year}-{r.randint(1, 999):04d}"
        m["amount"] = round(r.lognormvariate(13, 1.2), 2)
        m["supplier"] = g.company()
        m["procurement_method"] = g.pick(PROC_METHODS)
    elif cat == "budgets":
        m["year"] = year
        items = r.sample(BUDGET_ITEMS, r.randint(4, 8))
        m["line_items"] = [{"item": it, "amount": round(r.uniform(10, 9000), 2)} for it in items]
        m["unit"] = "万元"
    elif cat == "leadership":
        m["name"] = m["title"].split("同志")[0]
        m["post"] = g.pick(POSTS)
        m["responsibilities"] = "负责" + "、".join(o.strip("“”") for o in r.sample(OBJECTS, 4)) + "等方面工作。"
    elif cat == "emergency":
        m["level"] = g.pick(["Ⅰ级", "Ⅱ级", "Ⅲ级", "Ⅳ级"])
    return m


def md_table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def make_body(g, m, earlier):
    r = g.r
    year = int(m["date"][:4])
    cat = m["category"]
    parts = []
    npara = r.randint(3, 15)
    use_headings = cat in ("policies", "notices", "emergency") and npara >= 5
    h = 0
    h0 = r.randrange(len(HEADINGS))
    if cat == "leadership":
        parts.append(f"**{m['name']}**，{m['post']}。")
        parts.append(f"工作分工：{m['responsibilities']}")
    for p in range(npara):
        if use_headings and p % 3 == 1:
            h += 1
            parts.append(f"## {cn_ordinal(h)}、{HEADINGS[(h0 + h) % len(HEADINGS)]}")
        parts.append(g.paragraph(year))
        roll = r.random()
        if roll < 0.08:
            items = [f"{g.pick(VERBS)}{g.pick(OBJECTS)}。" for _ in range(r.randint(3, 6))]
            if r.random() < 0.5:
                parts.append("\n".join(f"{k + 1}. {it}" for k, it in enumerate(items)))
            else:
                parts.append("\n".join(f"- {it}" for it in items))
        elif roll < 0.11 and earlier:
            ref = g.pick(earlier)
            parts.append(f"详见[《{ref[2]}》](/{ref[0]}/{ref[1]}/)。")
    if cat == "budgets":
        total = round(sum(li["amount"] for li in m["line_items"]), 2)
        rows = [(li["item"], f"{li['amount']:.2f}") for li in m["line_items"]] + [("**合计**", f"**{total:.2f}**")]
        parts.insert(1, md_table(["支出功能分类科目", f"{m['year']}年预算数（万元）"], rows))
    elif cat == "procurement":
        rows = [(k + 1, g.pick(PROC_ITEMS), r.randint(1, 50), f"{r.uniform(1, 300):.2f}") for k in range(r.randint(1, 4))]
        parts.insert(1, md_table(["标项", "采购内容", "数量", "预算金额（万元）"], rows))
        parts.append(f"采购人：{m['department']}；中标（成交）供应商：{m['supplier']}；"
                     f"采购方式：{m['procurement_method']}；中标金额：{m['amount']:.2f}元。")
    elif r.random() < 0.1:
        rows = [(g.pick(SUBJECTS), g.fill(g.pick(STATS)), g.pick(["已完成", "推进中", "未启动"])) for _ in range(r.randint(3, 6))]
        parts.append(md_table(["责任单位", "工作进展", "状态"], rows))
    if earlier and r.random() < 0.2:
        ref = g.pick(earlier)
        parts.append(f"相关链接：[{ref[2]}](/{ref[0]}/{ref[1]}/)")
    parts.append(f"{m['department']}\n\n{year}年{int(m['date'][5:7])}月{int(m['date'][8:10])}日")
    return "\n\n".join(parts) + "\n"


def q(s):
    return json.dumps(s, ensure_ascii=False)


def yaml_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, list):
        if v and isinstance(v[0], dict):
            return None  # handled by caller
        return "[" + ", ".join(q(x) for x in v) + "]"
    return q(v)


def yaml_lines(d, indent=""):
    out = []
    for k, v in d.items():
        if k == "date" or k == "effective_date":
            out.append(f"{indent}{k}: {v}")
        elif isinstance(v, dict):
            out.append(f"{indent}{k}:")
            out += yaml_lines(v, indent + "  ")
        elif isinstance(v, list) and v and isinstance(v[0], dict):
            out.append(f"{indent}{k}:")
            for item in v:
                first = True
                for ik, iv in item.items():
                    out.append(f"{indent}  {'- ' if first else '  '}{ik}: {yaml_value(iv)}")
                    first = False
        else:
            out.append(f"{indent}{k}: {yaml_value(v)}")
    return out


def front_matter(m, flavor, summary):
    if flavor == "plain":
        d = dict(m)
        d["summary"] = summary
    elif flavor == "hugo":
        d = dict(m)
        d.pop("slug")
        d["description"] = summary
        d["departments"] = [m["department"]]
    else:  # zola
        extra = {k: v for k, v in m.items() if k not in ("title", "date", "topics", "slug")}
        d = {"title": m["title"], "date": m["date"], "description": summary,
             "taxonomies": {"departments": [m["department"]], "topics": m["topics"]},
             "extra": extra}
    return "---\n" + "\n".join(yaml_lines(d)) + "\n---\n"


def section_index(cat, name, flavor, weight):
    if flavor == "zola":
        d = {"title": name, "sort_by": "date", "paginate_by": 50, "weight": weight,
             "template": "section.html", "page_template": "page.html", "extra": {"key": cat}}
    else:
        d = {"title": name, "weight": weight, "category": cat}
    return "---\n" + "\n".join(yaml_lines(d)) + "\n---\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--flavor", choices=["hugo", "zola", "plain"], default="plain")
    ap.add_argument("--seed", type=int, default=20240601)
    a = ap.parse_args(argv)

    g = Gen(a.seed)
    r = g.r
    start = datetime.date(2012, 1, 1).toordinal()
    end = datetime.date(2026, 6, 30).toordinal()
    keys = [c[0] for c in CATEGORIES]
    weights = [c[2] for c in CATEGORIES]

    # pass 1: category + date, then per-year sequence numbers in date order
    draws = [(r.choices(keys, weights)[0], datetime.date.fromordinal(r.randint(start, end))) for _ in range(a.records)]
    order = sorted(range(a.records), key=lambda i: (draws[i][1], i))
    seq = {}
    metas = [None] * a.records
    for i in order:
        cat, date = draws[i]
        seq[date.year] = seq.get(date.year, 0) + 1
        metas[i] = make_meta(g, i, cat, date, seq[date.year])

    content = os.path.join(a.out, "content")
    os.makedirs(content, exist_ok=True)
    if a.flavor == "zola":
        root = {"title": "芙蓉区人民政府信息公开", "sort_by": "none", "template": "index.html"}
    else:
        root = {"title": "芙蓉区人民政府信息公开"}
    with open(os.path.join(content, "_index.md"), "w", encoding="utf-8") as f:
        f.write("---\n" + "\n".join(yaml_lines(root)) + "\n---\n\n本网站依法公开芙蓉区人民政府及其部门的政府信息。\n")
    for w, (cat, name, _) in enumerate(CATEGORIES):
        os.makedirs(os.path.join(content, cat), exist_ok=True)
        with open(os.path.join(content, cat, "_index.md"), "w", encoding="utf-8") as f:
            f.write(section_index(cat, name, a.flavor, w + 1))

    # pass 2: bodies, in date order so links point at earlier records
    earlier = []
    total = 0
    for i in order:
        m = metas[i]
        body = make_body(g, m, earlier)
        summary = body.split("\n\n")[0].replace("**", "").replace("\n", " ")[:120]
        text = front_matter(m, a.flavor, summary) + "\n" + body
        with open(os.path.join(content, m["category"], m["slug"] + ".md"), "w", encoding="utf-8") as f:
            f.write(text)
        total += len(body.encode("utf-8"))
        if len(earlier) < 5000 or r.random() < 0.05:
            earlier.append((m["category"], m["slug"], m["title"]))
    print(f"wrote {a.records} records ({a.flavor}) to {content}; avg body {total / max(1, a.records) / 1024:.2f} KiB",
          file=sys.stderr)


if __name__ == "__main__":
    main()

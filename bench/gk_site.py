"""The gongkai side of the benchmark corpus: site.yaml, calendar, kind fields, attachments.

Used by gencorpus.py. Everything random here draws from the generator's second stream (`x`), so
the text shared with the Hugo corpus is unaffected.
"""

import datetime
import os

import hugo_corpus as H

PREFIX = "11430102MB0000000X"
Q = H.q

# The 16 publishers; the Hugo corpus's other departments publish through the one they fold onto.
PUBLISHERS = [
    ("qzf", "区人民政府"), ("qzfb", "区人民政府办公室"), ("fgj", "区发展和改革局"),
    ("jyj", "区教育局"), ("kgxj", "区科学技术和工业信息化局"), ("gaj", "区公安分局"),
    ("mzj", "区民政局"), ("sfj", "区司法局"), ("czj", "区财政局"),
    ("rsj", "区人力资源和社会保障局"), ("zrzy", "区自然资源和规划分局"),
    ("zjj", "区住房和城乡建设局"), ("cgj", "区城市管理和综合执法局"), ("swj", "区商务局"),
    ("wlt", "区文化旅游体育局"), ("wjj", "区卫生健康局"),
]
_DEPT_INDEX = {name: i for i, (name, _) in enumerate(H.DEPARTMENTS)}

VALIDITY = {"有效": "有效", "失效": "已失效", "废止": "已废止"}
GENRES = ["决定", "命令", "公告", "通告", "意见", "通知", "通报", "报告", "批复", "函", "纪要",
          "办法", "规定", "细则", "方案", "规划", "计划", "预案", "指南", "公示", "解读", "年报",
          "清单", "措施"]

# Article nodes that take the Hugo corpus's 工作动态 records.
UPDATE_NODES = ["ghjh/fzgh", "ghjh/zxgh", "tjxx", "xzxk/xkjg", "xzcf", "sfxx", "zdxm",
                "msbz/xczx", "msbz/jyxx", "msbz/ylws", "msbz/shbz", "msbz/cjjy",
                "jdjc/hjbh", "jdjc/ggws", "jdjc/aqsc", "jdjc/spyp", "jdjc/cpzl",
                "qtxx/gknb", "qtxx/jyta"]

REVIEWERS = ["王某某", "李某某", "张某某", "刘某某", "陈某某", "赵某某"]
UNITS = ["台", "套", "项", "批", "个", "月", "年", "次", "平方米", "公里"]
SERVICE_TYPES = ["行政许可", "非行政许可", "其他办事"]


def publisher_of(dept):
    return PUBLISHERS[_DEPT_INDEX[dept] % len(PUBLISHERS)][0]


def genre_of(title):
    for g in ("实施方案", "管理办法", "实施意见", "工作方案", "若干措施", "暂行规定", "行动计划"):
        if title.endswith(g + "》的通知"):
            return "通知"
        if title.endswith(g):
            return {"实施方案": "方案", "管理办法": "办法", "实施意见": "意见", "工作方案": "方案",
                    "若干措施": "措施", "暂行规定": "规定", "行动计划": "计划"}[g]
    return "通知"


def status_lines(rec):
    if rec.published:
        return ["status: approved", review_line(rec.published)]
    w = rec.withheld
    if w in ("draft", "review"):
        return [f"status: {w}"]
    lines = ["status: approved", review_line(rec.created)]
    if w == "request":
        return lines + ["disclosure: 依申请公开", f"reason: {Q('涉及第三方商业秘密，依申请公开')}"]
    return lines + ["embargo: 2030-01-01T09:00:00+08:00"]


def review_line(day):
    who = REVIEWERS[day.toordinal() % len(REVIEWERS)]
    return f"review: {{by: {who}, on: {day.isoformat()}, secrecy: 非涉密, conclusion: 同意公开}}"


def money(v):
    return f"{v:.2f}"


def kind_fields(x, rec, pools):
    """Appends the kind's typed fields to `rec.fields` (valid by construction)."""
    m, f = rec.m, rec.fields
    kind = rec.kind
    if kind == "interpretation":
        target = x.choice(pools["policy"][-20:])
        f.append(("interprets", Q(target.ix)))
        f.append(("interpreter", Q(H.DISTRICT + m["department"])))
        if rec.published and rec.published < target.published:
            rec.published = target.published
    elif kind == "procurement":
        procurement(x, rec)
    elif kind == "budget":
        budget(rec)
    elif kind == "person":
        since = rec.created - datetime.timedelta(days=x.randint(3, 40))
        f += [("name", Q(m["name"])), ("post", Q(m["post"])), ("duties", Q(m["responsibilities"])),
              ("since", since.isoformat()),
              ("resume", Q(f"{m['name']}，汉族，{x.randint(1965, 1985)}年{x.randint(1, 12)}月生，"
                             f"研究生学历，{x.randint(1988, 2008)}年参加工作。"))]
    elif kind == "organization":
        organization(x, rec)
    elif kind == "service":
        service(x, rec)


def procurement(x, rec):
    m, f = rec.m, rec.fields
    stage = m["_stage"]
    year = rec.created.year
    amount = m["amount"]
    budget_amount = round(amount * x.uniform(1.0, 1.12), 2)
    f += [("ocid", Q(f"ocds-fcq001-{year}-{rec.slug[5:]}")), ("stage", stage),
          ("buyer", Q(H.DISTRICT + m["department"])), ("method", Q(m["procurement_method"])),
          ("budget", f"{{amount: {money(budget_amount)}, currency: CNY}}")]
    if stage in ("award", "contract"):
        code = f"91430102MA4L{x.randrange(16**6):06X}"
        day = rec.created - datetime.timedelta(days=x.randint(1, 10))
        f.append(("award", f"{{supplier: {{name: {Q(m['supplier'])}, credit_code: {code}}}, "
                           f"amount: {money(amount)}, date: {day.isoformat()}}}"))
    if stage == "contract":
        f.append(("contract", f"{{amount: {money(amount)}, signed: {rec.created.isoformat()}}}"))
    items = [f"  - {{description: {Q(x.choice(H.PROC_ITEMS))}, quantity: {x.randint(1, 60)}, "
             f"unit: {x.choice(UNITS)}}}" for _ in range(x.randint(1, 3))]
    f.append(("items", "\n" + "\n".join(items)))


def budget(rec):
    m, f = rec.m, rec.fields
    final = "决算" in rec.title
    year = m["year"] - 1 if final else m["year"]
    cents = [round(li["amount"] * 100) for li in m["line_items"]]
    rows = [f"      - [{Q(li['item'])}, {c // 100}.{c % 100:02d}]"
            for li, c in zip(m["line_items"], cents)]
    total = sum(cents)
    head = "决算数" if final else "预算数"
    f += [("fiscal_year", str(year)), ("phase", "决算" if final else "预算"), ("unit", "万元"),
          ("tables", "\n" + "\n".join([
              f"  - title: {Q(f'{year}年一般公共预算支出{head}表')}",
              f"    columns: [科目, {head}]",
              "    rows:"] + rows + [f"    total: {total // 100}.{total % 100:02d}"]))]


def organization(x, rec):
    m, f = rec.m, rec.fields
    name = H.DISTRICT + m["department"]
    rec.title = name
    funcs = "\n".join(f"{k + 1}. 负责{o.strip('“”')}。" for k, o in enumerate(x.sample(H.OBJECTS, 5)))
    f += [("name", Q(name)), ("functions", Q(funcs)), ("head", Q(f"{m['name']}（局长）")),
          ("address", Q(f"{H.DISTRICT}人民路{x.randint(1, 300)}号")),
          ("phone", Q(f"0731-8{x.randint(1000000, 9999999)}")),
          ("hours", Q("周一至周五 9:00—12:00，13:30—17:30（法定节假日除外）"))]


def service(x, rec):
    m, f = rec.m, rec.fields
    item = x.choice(H.OBJECTS).strip("“”")
    rec.title = f"{item}事项办事指南"
    dept = H.DISTRICT + m["department"]
    f += [("name", Q(item + "事项")), ("legal_basis", Q("《中华人民共和国行政许可法》；《政府信息公开条例》")),
          ("conditions", "[" + ", ".join(Q(f"{v}{o}") for v, o in
                                         zip(x.sample(H.VERBS, 2), x.sample(H.OBJECTS, 2))) + "]"),
          ("materials", "[" + ", ".join(Q(s) for s in ("申请表", "身份证明", "相关证明材料")) + "]"),
          ("location", Q(f"{H.DISTRICT}政务服务中心")), ("agency", Q(dept)), ("fee", "不收费"),
          ("hours", Q("周一至周五 9:00—17:30（法定节假日除外）")),
          ("phone", Q(f"0731-8{x.randint(1000000, 9999999)}")),
          ("procedure", Q("申请、受理、审查、决定、送达")),
          ("service_type", x.choice(SERVICE_TYPES)), ("time_limit_days", str(x.randint(1, 20)))]


# ---------------------------------------------------------------- attachments

SHARED_PER_NODE = 4


def attach(x, rec):
    """About 8 % of records cite a PDF shared by their folder, 5 % one of their own."""
    roll = x.random()
    if roll < 0.08:
        k = x.randrange(SHARED_PER_NODE)
        rec.attachments.append((f"_files/shared-{k + 1}.pdf", f"附件{k + 1}：相关材料汇编"))
    elif roll < 0.13:
        rec.attachments.append((f"_files/{rec.slug}.pdf", f"{rec.title}（附件）"))


def pdf_bytes(x, label):
    """A small, well-formed one-page PDF of 2–12 KB."""
    text = f"BT /F1 12 Tf 72 720 Td ({label}) Tj ET\n"
    pad = "".join(f"% {x.randrange(16**12):012x}\n" for _ in range(x.randint(120, 800)))
    stream = (text + pad).encode("ascii")
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def write_attachments(out, recs, x):
    written = set()
    for rec in recs:
        for file, _ in rec.attachments:
            path = os.path.join(out, "content", rec.node, file)
            if path in written:
                continue
            written.add(path)
            with open(path, "wb") as fh:
                fh.write(pdf_bytes(x, os.path.basename(file)))


# ---------------------------------------------------------------- site.yaml

CATALOG = """\
catalog:
  - {id: zcwj, name: 政策文件, kind: policy, article: "20(1)", retention: 永久, code: ZC, children: [
      {id: gfxwj, name: 行政规范性文件, kind: policy, article: "20(1)"},
      {id: qtwj, name: 其他政策文件, kind: policy, article: "20(1)"}]}
  - {id: zcjd, name: 政策解读, kind: interpretation, article: "20(1)", retention: 30年, code: JD}
  - {id: jgxx, name: 机构信息, kind: organization, article: "20(2)", retention: 永久, code: JG, children: [
      {id: ldxx, name: 领导信息, kind: person, article: "20(2)", retention: 30年},
      {id: jgzn, name: 机构职能, kind: organization, article: "20(2)"}]}
  - {id: ghjh, name: 规划计划, kind: article, article: "20(3)", retention: 永久, code: GH, children: [
      {id: fzgh, name: 发展规划, kind: article}, {id: zxgh, name: 专项规划, kind: article}]}
  - {id: tjxx, name: 统计信息, kind: article, article: "20(4)", retention: 10年, code: TJ}
  - {id: xzxk, name: 行政许可和服务, kind: article, article: "20(5)", retention: 10年, code: XK, children: [
      {id: bszn, name: 办事指南, kind: service}, {id: xkjg, name: 许可办理结果, kind: article}]}
  - {id: xzcf, name: 行政处罚和行政强制, kind: article, article: "20(6)", retention: 30年, code: CF}
  - {id: czyjs, name: 财政预决算, kind: budget, article: "20(7)", retention: 永久, code: CZ, children: [
      {id: yjs, name: 预算决算, kind: budget}, {id: sgjf, name: 三公经费, kind: budget}]}
  - {id: sfxx, name: 收费信息, kind: article, article: "20(8)", retention: 10年, code: SF}
  - {id: zfcg, name: 政府采购, kind: procurement, article: "20(9)", retention: 30年, code: CG, children: [
      {id: cgyx, name: 采购意向, kind: procurement}, {id: cggg, name: 采购公告, kind: procurement},
      {id: jggg, name: 结果公告, kind: procurement}, {id: htgg, name: 合同公告, kind: procurement}]}
  - {id: zdxm, name: 重大建设项目, kind: article, article: "20(10)", retention: 永久, code: XM}
  - {id: msbz, name: 民生保障, kind: article, article: "20(11)", retention: 10年, code: MS, children: [
      {id: xczx, name: 乡村振兴}, {id: jyxx, name: 教育}, {id: ylws, name: 医疗卫生},
      {id: shbz, name: 社会保障}, {id: cjjy, name: 促进就业}]}
  - {id: yjgl, name: 应急管理, kind: article, article: "20(12)", retention: 10年, code: YJ, children: [
      {id: yjya, name: 应急预案, retention: 永久}, {id: yjxx, name: 预警信息}, {id: ydqk, name: 应对处置}]}
  - {id: jdjc, name: 监督检查, kind: article, article: "20(13)", retention: 10年, code: JC, children: [
      {id: hjbh, name: 环境保护}, {id: ggws, name: 公共卫生}, {id: aqsc, name: 安全生产},
      {id: spyp, name: 食品药品}, {id: cpzl, name: 产品质量}]}
  - {id: rsxx, name: 人事信息, kind: article, article: "20(14)", retention: 30年, code: RS, children: [
      {id: gwyzk, name: 公务员招考}, {id: rsrm, name: 人事任免, retention: 永久}]}
  - {id: tzgg, name: 通知公告, kind: article, article: "20(15)", retention: 10年, code: TZ}
  - {id: qtxx, name: 其他主动公开信息, kind: article, article: "20(15)", retention: 10年, code: QT, children: [
      {id: gknb, name: 政府信息公开年报, retention: 永久}, {id: jyta, name: 建议提案办理}]}
"""


def site_yaml():
    pubs = "\n".join(f"  - {{id: {i}, name: {H.DISTRICT}{n}, code: \"11430102MB{k:07d}X\"}}"
                     for k, (i, n) in enumerate(PUBLISHERS))
    topics = "[" + ", ".join(Q(t) for t in H.TOPICS) + "]"
    return f"""\
# Synthetic benchmark site written by bench/gencorpus.py: every unit, person and figure is fictional.
title: {H.DISTRICT}人民政府信息公开
base_url: https://xxgk.example.gov.cn/
language: zh-CN
office:
  name: {H.DISTRICT}人民政府办公室（政务公开办）
  address: {H.DISTRICT}人民路1号
  postcode: "410000"
  hours: 周一至周五（法定节假日除外）9:00—12:00，13:30—17:30
  phone: 0731-80000000
  email: zwgk@xxgk.example.gov.cn
  online_request: https://xxgk.example.gov.cn/ysqgk/
org:
  name: {H.DISTRICT}人民政府
  index_prefix: "{PREFIX}"
  index_format: "{{prefix}}/{{YYYY}}-{{NNNNN}}"
  site_id_code: "4301020001"
publishers:
{pubs}
{CATALOG}
vocabularies:
  topics: {topics}
  genres: [{", ".join(GENRES)}]
  channels: [政府网站, 政府公报, 新闻发布会, 报刊广播电视, 政务新媒体, 公开查阅点, 档案馆]
calendar: data/calendar.yaml
archive:
  fonds: "J001"
  org_code: "FRQZF"
  retention: {{policy: 永久, interpretation: 30年, procurement: 30年, budget: 永久, person: 30年, organization: 永久, service: 10年, article: 10年}}
build:
  page_size: 20
"""


def calendar_yaml():
    """Fixed-date holidays only: enough for working-day arithmetic, not an official calendar."""
    lines = ["# Synthetic calendar for the benchmark: fixed-date holidays 2012–2027.", "holidays:"]
    for y in range(2012, 2028):
        lines += [f"  - {{name: 元旦, from: {y}-01-01, to: {y}-01-01}}",
                  f"  - {{name: 劳动节, from: {y}-05-01, to: {y}-05-03}}",
                  f"  - {{name: 国庆节, from: {y}-10-01, to: {y}-10-07}}"]
    lines.append("workdays: []")
    return "\n".join(lines) + "\n"


def write_site(out, x):
    os.makedirs(os.path.join(out, "data"), exist_ok=True)
    with open(os.path.join(out, "site.yaml"), "w", encoding="utf-8") as fh:
        fh.write(site_yaml())
    with open(os.path.join(out, "data", "calendar.yaml"), "w", encoding="utf-8") as fh:
        fh.write(calendar_yaml())
    for node in all_nodes():
        os.makedirs(os.path.join(out, "content", node, "_files"), exist_ok=True)


def all_nodes():
    return ["zcwj", "zcwj/gfxwj", "zcwj/qtwj", "zcjd", "jgxx", "jgxx/ldxx", "jgxx/jgzn", "ghjh",
            "ghjh/fzgh", "ghjh/zxgh", "tjxx", "xzxk", "xzxk/bszn", "xzxk/xkjg", "xzcf", "czyjs",
            "czyjs/yjs", "czyjs/sgjf", "sfxx", "zfcg", "zfcg/cgyx", "zfcg/cggg", "zfcg/jggg",
            "zfcg/htgg", "zdxm", "msbz"] + [f"msbz/{c}" for c in ("xczx", "jyxx", "ylws", "shbz", "cjjy")] + \
        ["yjgl", "yjgl/yjya", "yjgl/yjxx", "yjgl/ydqk", "jdjc"] + \
        [f"jdjc/{c}" for c in ("hjbh", "ggws", "aqsc", "spyp", "cpzl")] + \
        ["rsxx", "rsxx/gwyzk", "rsxx/rsrm", "tzgg", "qtxx", "qtxx/gknb", "qtxx/jyta"]

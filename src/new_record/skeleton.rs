//! The text of a new draft: every field of the node's kind, with Chinese comments. Required
//! fields are filled in (today's date, the next 索引号, the node's publisher; placeholders in
//! （…） for the kind's own required fields, so the draft passes `gongkai check` as it is);
//! optional fields are commented out with an example. Pure: the same input gives the same bytes.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::values::{Date, Kind};

/// What the draft is made from.
pub struct Skeleton<'a> {
    pub kind: Kind,
    /// The node's path (`zcwj/gfxwj`) and its names from the root (`政策文件/行政规范性文件`).
    pub node_path: &'a str,
    pub node_name: &'a str,
    pub index_no: &'a str,
    pub codes: &'a BTreeMap<String, String>,
    pub title: &'a str,
    pub today: Date,
    pub publisher_id: &'a str,
    pub publisher_name: &'a str,
    /// First entries of the site's vocabularies, for the examples.
    pub genre: Option<&'a str>,
    pub topic: Option<&'a str>,
    /// For an interpretation: the 索引号 of a policy of the site, prefilled in `interprets`.
    pub policy: Option<&'a str>,
}

/// One line: `# comment` above `field: value`, or a commented-out field.
struct Out(String);

impl Out {
    fn line(&mut self, s: &str) {
        self.0.push_str(s);
        self.0.push('\n');
    }
    fn field(&mut self, note: &str, line: &str) {
        let _ = writeln!(self.0, "# {note}\n{line}");
    }
    fn optional(&mut self, note: &str, line: &str) {
        let _ = writeln!(self.0, "# {note}");
        for l in line.lines() {
            let _ = writeln!(self.0, "# {l}");
        }
    }
    fn heading(&mut self, title: &str) {
        let _ = writeln!(self.0, "\n# ———— {title} ————");
    }
}

pub fn render(s: &Skeleton) -> String {
    let mut o = Out(String::from("---\n"));
    o.line("# 说明：本文件由 gongkai new 生成，是一条草稿（status: draft），不会公开。");
    o.line("# 以“# ”开头的行是说明或可选字段：要用某个可选字段，删去行首的“# ”并改写示例值。");
    o.line("# 标点请用半角：冒号“:”、逗号“,”、方括号“[]”、引号“\"”；缩进用空格，不用 Tab。");
    o.line("# 每个字段的含义和示例见 docs/用户手册.md；写完后运行 gongkai check 检查。");
    let _ = writeln!(
        o.0,
        "# 栏目：{}（{}），记录类型：{}（{}）",
        s.node_name,
        s.node_path,
        s.kind,
        kind_name(s.kind)
    );
    required(&mut o, s);
    kind_fields(&mut o, s);
    review(&mut o, s);
    classification(&mut o, s);
    attachments(&mut o);
    other(&mut o, s);
    o.line("---");
    o.line("");
    o.line("（正文：用 Markdown 书写。第一段在未写 summary 时用作内容概述。）");
    o.0
}

fn required(o: &mut Out, s: &Skeleton) {
    o.heading("必填");
    o.field(
        "索引号：按本站编号规则自动编排的下一个号，不要改动",
        &format!("index_no: \"{}\"", s.index_no),
    );
    if !s.codes.is_empty() {
        let pairs: Vec<String> = (s.codes.iter())
            .map(|(k, v)| format!("{k}: {}", quote(v)))
            .collect();
        o.field(
            "索引号中随记录而变的代码（由 --code 给出）",
            &format!("index_codes: {{{}}}", pairs.join(", ")),
        );
    }
    o.field("名称（标题）", &format!("title: {}", quote(s.title)));
    o.field(
        "生成日期：信息形成或成文的日期，格式 YYYY-MM-DD",
        &format!("created: {}", s.today),
    );
    o.field(
        &format!(
            "发布机构：site.yaml 中发布机构的 id 或名称（{}）",
            s.publisher_name
        ),
        &format!("publisher: {}", s.publisher_id),
    );
    o.field(
        "状态：draft 草稿 → review 待审核 → approved 批准发布（须有完整的审核记录）；撤下用 withdrawn",
        "status: draft",
    );
    o.optional(
        "内容概述：不写则取正文第一段（前200字）",
        "summary: 一两句话说明本信息的主要内容。",
    );
}

fn kind_fields(o: &mut Out, s: &Skeleton) {
    let year = s.today.to_string()[..4].to_string();
    match s.kind {
        Kind::Article => {}
        Kind::Policy => {
            o.heading("政策文件的字段");
            o.optional("有效性：有效 | 已修改 | 已废止 | 已失效", "validity: 有效");
            o.optional(
                "施行日期 / 有效期至（过了有效期至，有效性自动视为已失效）",
                &format!(
                    "effective: {}\nexpires: {}-12-31",
                    s.today,
                    year.parse::<i32>().unwrap_or(2000) + 5
                ),
            );
            o.optional(
                "规范性文件统一登记号",
                &format!("registration_no: XXCR-{year}-00001"),
            );
            o.optional(
                "已废止、已修改或已失效时：替代它的文件的索引号，以及失效日期",
                "superseded_by: \"索引号\"\nvoid_from: 2030-01-01",
            );
        }
        Kind::Interpretation => {
            o.heading("政策解读的字段");
            let policy = s.policy.unwrap_or("所解读政策的索引号");
            o.field(
                "所解读政策的索引号（必填）：已预填本站一条政策文件，请改为实际解读的文件",
                &format!("interprets: \"{policy}\""),
            );
            o.optional("解读人或解读机构", "interpreter: 区司法局 张某某");
        }
        Kind::Procurement => procurement(o, s),
        Kind::Budget => budget(o, &year),
        Kind::Person => {
            o.heading("领导信息的字段");
            o.field("姓名（必填）", "name: （姓名）");
            o.field("职务（必填）", "post: （职务）");
            o.optional("工作分工", "duties: 负责……工作。");
            o.optional("任职时间", &format!("since: {}", s.today));
            o.optional(
                "照片：放在本栏目的 _files/ 文件夹",
                "photo: _files/照片.jpg",
            );
            o.optional("简历", "resume: 男，汉族，……");
        }
        Kind::Organization => {
            o.heading("机构职能的字段");
            o.field(
                "机构名称（必填）",
                &format!("name: {}", quote(s.publisher_name)),
            );
            o.field("主要职责（必填）", "functions: （主要职责）");
            o.optional("负责人", "head: 张某某");
            o.optional("办公地址", "address: ……路1号");
            o.optional("联系电话（办公电话）", "phone: 0731-80000000");
            o.optional("办公时间", "hours: 周一至周五 9:00—17:00");
        }
        Kind::Service => service(o, s),
    }
}

fn procurement(o: &mut Out, s: &Skeleton) {
    o.heading("政府采购的字段");
    o.field(
        "OCDS 采购编号 ocid（必填）：同一采购项目的各条公告用同一个",
        "ocid: （ocds-前缀-年份-编号）",
    );
    o.field(
        "采购阶段（必填）：planning 采购意向 | tender 采购公告 | award 结果公告 | contract 合同公告 | implementation 履约",
        "stage: tender",
    );
    o.field(
        "采购人（必填）",
        &format!("buyer: {}", quote(s.publisher_name)),
    );
    let year = &s.today.to_string()[..4];
    o.optional("项目编号", &format!("project_no: CG-{year}-0001"));
    o.optional("采购方式", "method: 公开招标");
    o.optional(
        "预算金额（元）",
        "budget: {amount: 1000000.00, currency: CNY}",
    );
    o.optional(
        "采购标的",
        "items:\n  - {description: 办公设备, quantity: 10, unit: 台}",
    );
    o.optional(
        "中标（成交）结果：award 及以后阶段必填",
        &format!(
            "award: {{supplier: {{name: 某某有限公司, credit_code: 统一社会信用代码}}, amount: 950000.00, date: {}}}",
            s.today
        ),
    );
    o.optional(
        "合同：contract 及以后阶段必填",
        &format!("contract: {{amount: 950000.00, signed: {}}}", s.today),
    );
}

fn budget(o: &mut Out, year: &str) {
    o.heading("预决算的字段");
    o.field("预算年度（必填）", &format!("fiscal_year: {year}"));
    o.field("阶段（必填）：预算 | 调整预算 | 决算", "phase: 预算");
    o.field("金额单位（必填）：元 | 万元", "unit: 万元");
    o.field(
        "表格（必填，除非附件就是正式文本）：第一列是项目，其余是数字；total 是合计，须等于各行之和（“其中”行不计入）",
        "tables:\n  - title: 收支预算总表\n    columns: [项目, 预算数]\n    rows:\n      - [一般公共预算拨款收入, 0.00]\n    total: 0.00",
    );
}

fn service(o: &mut Out, s: &Skeleton) {
    o.heading("办事指南的字段（十要素全部必填）");
    o.field("事项名称", &format!("name: {}", quote(s.title)));
    o.field(
        "设定依据（可写成列表）",
        "legal_basis:\n  - 《……条例》第……条",
    );
    o.field("申请条件", "conditions:\n  - （申请条件）");
    o.field("申请材料", "materials:\n  - （申请材料）");
    o.field("办理地点", "location: （办理地点）");
    o.field("办理机构", &format!("agency: {}", quote(s.publisher_name)));
    o.field("收费标准", "fee: 不收费");
    o.field("办理时间", "hours: 周一至周五 9:00—17:00（法定节假日除外）");
    o.field("联系电话", "phone: （联系电话）");
    o.field(
        "办理流程",
        "procedure:\n  - 申请\n  - 受理\n  - 审查\n  - 决定",
    );
    o.field(
        "事项类型：行政许可 | 非行政许可 | 其他办事",
        "service_type: 行政许可",
    );
    o.optional("承诺办结时限（工作日）", "time_limit_days: 20");
}

fn review(o: &mut Out, s: &Skeleton) {
    o.heading("审核（批准发布前必填）");
    o.optional(
        "审核人、审核日期（不早于生成日期）、保密审查结论、审核结论",
        &format!(
            "review:\n  by: 张某某\n  on: {}\n  secrecy: 非涉密\n  conclusion: 同意公开",
            s.today
        ),
    );
}

fn classification(o: &mut Out, s: &Skeleton) {
    o.heading("分类");
    let example = |v: Option<&str>, fallback: &str| quote_if_needed(v.unwrap_or(fallback));
    if matches!(s.kind, Kind::Policy | Kind::Interpretation | Kind::Article) {
        let year = &s.today.to_string()[..4];
        o.optional(
            "文号：机关代字〔年份〕序号号",
            &format!("doc_no: 某政办发〔{year}〕1号"),
        );
    }
    o.optional(
        "文种：site.yaml 中 vocabularies.genres 的一项",
        &format!("genre: {}", example(s.genre, "通知")),
    );
    o.optional(
        "主题分类：vocabularies.topics 中的一项或几项，可只写其中一部分（如“国有资产监管”）",
        &format!("topics: [{}]", example(s.topic, "综合政务")),
    );
    o.optional("关键词", "keywords: [政务公开]");
    o.optional("公开渠道：不写则为政府网站", "channels: [政府网站]");
}

fn attachments(o: &mut Out) {
    o.heading("附件：文件放在本栏目的 _files/ 文件夹");
    o.optional(
        "每个附件写文件路径和标题；PDF、OFD、Word、Excel、WPS、图片等",
        "attachments:\n  - {file: _files/文件名.pdf, title: 附件标题}",
    );
}

fn other(o: &mut Out, s: &Skeleton) {
    o.heading("其他可选字段");
    o.optional(
        "公开方式：主动公开（默认）| 依申请公开 | 不予公开；后两种须写理由 reason，且不会发布",
        "disclosure: 依申请公开\nreason: 涉及第三方合法权益",
    );
    o.optional(
        "定时发布：此时刻之前不公开",
        &format!("embargo: {}T09:00:00+08:00", s.today),
    );
    o.optional("相关信息的索引号", "related: [\"索引号\"]");
    if matches!(s.kind, Kind::Policy | Kind::Interpretation | Kind::Article) {
        o.optional(
            "成文日期、发文机关（与发布机构不同时）、信息来源",
            &format!(
                "dated: {}\nissuer: {}\ninfo_source: {}",
                s.today,
                quote(s.publisher_name),
                quote(s.publisher_name)
            ),
        );
    }
    o.optional(
        "保管期限：永久 | 30年 | 10年（不写则取栏目的设定）",
        "retention: 10年",
    );
    o.optional(
        "个人信息豁免：依法可以公开个人信息时（如本人书面同意），写明理由和决定人",
        "pii_waiver: {reason: 本人书面同意公开, by: 区政务公开办}",
    );
    o.optional("自由附加数据", "extra: {}");
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Article => "一般信息",
        Kind::Policy => "政策文件",
        Kind::Interpretation => "政策解读",
        Kind::Procurement => "政府采购",
        Kind::Budget => "预决算",
        Kind::Person => "领导信息",
        Kind::Organization => "机构职能",
        Kind::Service => "办事指南",
    }
}

/// A YAML double-quoted string.
pub fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Quoted only when YAML would read it otherwise (a flow-list item with a comma, a colon…).
fn quote_if_needed(s: &str) -> String {
    if s.chars().any(|c| ",:[]{}#&*!|>'\"%@`".contains(c)) {
        quote(s)
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests;

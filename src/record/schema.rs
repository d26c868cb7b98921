//! The record's fields as a person sees them: for each field of the content model its Chinese
//! and English label, a line of help, and the kind of input it takes. One table, read by the
//! desk's forms ([`crate::desk`]) and meant for the manual's field reference, so a new field needs
//! one row here and no form code. Which kinds use a field comes from [`super::raw::KIND_FIELDS`].

use super::raw::KIND_FIELDS;
use crate::values::Kind;

/// A closed or site-defined list of values a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vocab {
    /// `site.yaml` publishers (the value is the id).
    Publisher,
    /// `site.yaml` vocabularies.
    Topic,
    Genre,
    Channel,
    Disclosure,
    Status,
    Validity,
    Retention,
    Kind,
    Stage,
    BudgetPhase,
    MoneyUnit,
    ServiceType,
    /// 保密审查 conclusion.
    Secrecy,
}

/// What input a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// One line of text.
    Text,
    /// Several lines of text.
    LongText,
    /// `YYYY-MM-DD`.
    Date,
    /// A whole or decimal number, as written.
    Number,
    /// One value of a vocabulary.
    Choice(Vocab),
    /// Any values of a vocabulary.
    Choices(Vocab),
    /// A list of texts, one a line (or one text: materials, steps, keywords).
    Lines,
    /// A mapping of the sub-fields.
    Group(&'static [FieldSpec]),
    /// A list of rows, each a mapping of the sub-fields.
    Rows(&'static [FieldSpec]),
}

/// One field: its YAML name, labels, help and input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    pub name: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    /// One line of help, in Chinese (empty when the label says it all).
    pub help: &'static str,
    pub ty: FieldType,
    /// Required for every record of the kinds that use it.
    pub required: bool,
}

const fn f(name: &'static str, zh: &'static str, en: &'static str, ty: FieldType) -> FieldSpec {
    FieldSpec {
        name,
        zh,
        en,
        help: "",
        ty,
        required: false,
    }
}

impl FieldSpec {
    const fn help(mut self, help: &'static str) -> FieldSpec {
        self.help = help;
        self
    }

    const fn required(mut self) -> FieldSpec {
        self.required = true;
        self
    }

    /// Whether a record of `kind` has this (top-level) field.
    pub fn for_kind(&self, kind: Kind) -> bool {
        KIND_FIELDS
            .iter()
            .find(|(name, _)| *name == self.name)
            .is_none_or(|(_, kinds)| kinds.contains(&kind))
    }

    /// The label in the site's language.
    pub fn label(&self, en: bool) -> &'static str {
        if en { self.en } else { self.zh }
    }
}

use FieldType::*;

const REVIEW: &[FieldSpec] = &[
    f("by", "审核人", "Reviewer", Text),
    f("on", "审核日期", "Reviewed on", Date),
    f(
        "secrecy",
        "保密审查",
        "Secrecy review",
        Choice(Vocab::Secrecy),
    ),
    f("conclusion", "审核结论", "Conclusion", Text).help("主动公开须写“同意公开”"),
];
const ATTACHMENT: &[FieldSpec] = &[
    f("file", "文件", "File", Text).help("相对本记录的路径，如 _files/通知.pdf"),
    f("title", "附件名称", "Title", Text),
];
const WAIVER: &[FieldSpec] = &[
    f("reason", "豁免理由", "Reason", Text),
    f("by", "批准人", "Approved by", Text),
];
const MONEY: &[FieldSpec] = &[
    f("amount", "金额", "Amount", Number),
    f("currency", "币种", "Currency", Text).help("默认 CNY"),
];
const SUPPLIER: &[FieldSpec] = &[
    f("name", "供应商", "Supplier", Text),
    f("credit_code", "统一社会信用代码", "Credit code", Text),
];
const AWARD: &[FieldSpec] = &[
    f("supplier", "中标供应商", "Supplier", Group(SUPPLIER)),
    f("amount", "中标金额", "Amount", Number),
    f("date", "中标日期", "Date", Date),
];
const CONTRACT: &[FieldSpec] = &[
    f("amount", "合同金额", "Amount", Number),
    f("signed", "签订日期", "Signed on", Date),
];
const ITEM: &[FieldSpec] = &[
    f("description", "品目", "Description", Text),
    f("quantity", "数量", "Quantity", Number),
    f("unit", "单位", "Unit", Text),
];

/// Every field a form shows, in the order it shows them. Fields not listed here (`tables`,
/// `extra`, `index_codes`, `index_no_scheme`) are kept in the file as they are.
pub const FIELDS: &[FieldSpec] = &[
    f("index_no", "索引号", "Index number", Text)
        .help("新记录自动编号；已发布的记录不要改")
        .required(),
    f("title", "名称", "Title", Text).required(),
    f("summary", "内容概述", "Summary", LongText),
    f("created", "生成日期", "Created", Date).required(),
    f("published", "发布日期", "Published", Date).help("由“签发”填写"),
    f(
        "publisher",
        "发布机构",
        "Publisher",
        Choice(Vocab::Publisher),
    )
    .required(),
    f("kind", "信息类型", "Kind", Choice(Vocab::Kind)).help("默认取所在目录的类型"),
    f("doc_no", "文号", "Document number", Text).help("如 芙政办发〔2024〕12号"),
    f("genre", "文种", "Genre", Choice(Vocab::Genre)),
    f("topics", "主题分类", "Topics", Choices(Vocab::Topic)),
    f("keywords", "关键词", "Keywords", Lines).help("每行一个"),
    f(
        "disclosure",
        "公开属性",
        "Disclosure",
        Choice(Vocab::Disclosure),
    )
    .help("默认主动公开"),
    f("reason", "不予公开理由", "Reason not disclosed", Text),
    f("channels", "公开渠道", "Channels", Choices(Vocab::Channel)),
    f("validity", "有效性", "Validity", Choice(Vocab::Validity)),
    f("superseded_by", "被替代文件索引号", "Superseded by", Text),
    f("void_from", "失效日期", "Void from", Date),
    f("dated", "成文日期", "Dated", Date),
    f("effective", "施行日期", "Effective", Date),
    f("expires", "有效期至", "Expires", Date),
    f("registration_no", "统一登记号", "Registration number", Text),
    f("issuer", "发文机关", "Issuer", Text).help("与发布机构不同时填写"),
    f("info_source", "信息来源", "Source", Text),
    f("embargo", "解禁时间", "Embargo until", Text).help("如 2026-01-01T09:00:00+08:00"),
    f("interprets", "所解读文件索引号", "Interprets", Text),
    f("related", "相关信息索引号", "Related", Lines).help("每行一个"),
    f(
        "retention",
        "保管期限",
        "Retention",
        Choice(Vocab::Retention),
    ),
    f("interpreter", "解读人", "Interpreter", Text),
    f("ocid", "采购项目标识", "OCID", Text),
    f("project_no", "项目编号", "Project number", Text),
    f("stage", "采购阶段", "Stage", Choice(Vocab::Stage)),
    f("buyer", "采购人", "Buyer", Text),
    f("method", "采购方式", "Method", Text),
    f("budget", "预算金额", "Budget", Group(MONEY)),
    f("award", "中标（成交）信息", "Award", Group(AWARD)),
    f("contract", "合同信息", "Contract", Group(CONTRACT)),
    f("items", "采购品目", "Items", Rows(ITEM)),
    f("fiscal_year", "预决算年度", "Fiscal year", Number),
    f("phase", "预决算类型", "Phase", Choice(Vocab::BudgetPhase)),
    f("unit", "金额单位", "Unit", Choice(Vocab::MoneyUnit)),
    f("name", "名称（姓名）", "Name", Text),
    f("post", "职务", "Post", Text),
    f("duties", "工作分工", "Duties", LongText),
    f("since", "任职时间", "Since", Date),
    f("photo", "照片", "Photo", Text),
    f("resume", "简历", "Résumé", LongText),
    f("functions", "机构职能", "Functions", LongText),
    f("head", "负责人", "Head", Text),
    f("address", "地址", "Address", Text),
    f("phone", "联系电话", "Phone", Text),
    f("hours", "办公（办理）时间", "Hours", Text),
    f("legal_basis", "设定依据", "Legal basis", Lines),
    f("conditions", "申请条件", "Conditions", Lines),
    f("materials", "申请材料", "Materials", Lines).help("每行一项"),
    f("location", "办理地点", "Location", Text),
    f("agency", "办理机构", "Agency", Text),
    f("fee", "收费标准", "Fee", Text),
    f("procedure", "办理流程", "Procedure", Lines).help("每行一步"),
    f(
        "service_type",
        "事项类型",
        "Service type",
        Choice(Vocab::ServiceType),
    ),
    f(
        "time_limit_days",
        "承诺时限（工作日）",
        "Time limit (days)",
        Number,
    ),
    f("attachments", "附件", "Attachments", Rows(ATTACHMENT)),
    f("status", "状态", "Status", Choice(Vocab::Status)).help("用下方的审核、签发按钮更改"),
    f("review", "审核", "Review", Group(REVIEW)),
    f(
        "pii_waiver",
        "个人信息豁免",
        "Personal-data waiver",
        Group(WAIVER),
    ),
];

/// The Chinese label of a dotted field path (`review.on` → 审核日期, `attachments[0].file` →
/// 文件), for messages that name a field the way the office's forms do.
pub fn label_of(path: &str) -> Option<&'static str> {
    let mut specs = FIELDS;
    let mut label = None;
    for part in path.split('.') {
        let name = part.split('[').next().unwrap_or(part);
        let spec = specs.iter().find(|f| f.name == name)?;
        label = Some(spec.zh);
        specs = match spec.ty {
            Group(inner) | Rows(inner) => inner,
            _ => &[],
        };
    }
    label
}

/// The field named `name`, if the table has it.
pub fn field(name: &str) -> Option<&'static FieldSpec> {
    FIELDS.iter().find(|f| f.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_follow_dotted_paths() {
        assert_eq!(label_of("publisher"), Some("发布机构"));
        assert_eq!(label_of("review.on"), Some("审核日期"));
        assert_eq!(label_of("attachments[0].file"), Some("文件"));
        assert_eq!(label_of("no_such"), None);
    }

    #[test]
    fn every_field_is_a_field_of_the_raw_record() {
        // A row for a field the model does not have would make forms write what load refuses.
        for spec in FIELDS {
            let yaml = format!("{}: ~\n", spec.name);
            let tree = crate::yaml::parse(&yaml).unwrap();
            let decoded = crate::yaml::decode::<super::super::raw::RawRecord>(&tree);
            assert!(
                decoded.errors.is_empty(),
                "{}: {:?}",
                spec.name,
                decoded.errors
            );
        }
    }

    #[test]
    fn kind_fields_follow_the_model() {
        assert!(field("ocid").unwrap().for_kind(Kind::Procurement));
        assert!(!field("ocid").unwrap().for_kind(Kind::Article));
        assert!(field("title").unwrap().for_kind(Kind::Service));
    }
}

//! The national format of the annual report (国办公开办函〔2021〕30号): section titles, row and
//! column texts, exactly as the format writes them. HTML, CSV and JSON all read these tables, so
//! the three outputs cannot drift apart.

/// The six fixed sections.
pub const SECTIONS: [&str; 6] = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
];

/// A column of table 三: its key in CSV/JSON and its text.
pub struct Column {
    pub key: &'static str,
    pub label: &'static str,
}

/// The applicant columns of table 三; the last is 总计.
pub const APPLICANTS: [Column; 7] = [
    Column {
        key: "natural",
        label: "自然人",
    },
    Column {
        key: "business",
        label: "商业企业",
    },
    Column {
        key: "research",
        label: "科研机构",
    },
    Column {
        key: "nonprofit",
        label: "社会公益组织",
    },
    Column {
        key: "legal_services",
        label: "法律服务机构",
    },
    Column {
        key: "other",
        label: "其他",
    },
    Column {
        key: "total",
        label: "总计",
    },
];

/// The headers above the applicant columns.
pub const APPLICANTS_HEAD: &str = "申请人情况";
pub const LEGAL_PERSONS: &str = "法人或其他组织";
pub const BALANCE_NOTE: &str =
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

/// A row of table 三: `key` is its field in `requests:` of the data file; `section` and `group`
/// are the merged cells to its left in the printed table.
pub struct RowDef {
    pub key: &'static str,
    pub section: Option<&'static str>,
    pub group: Option<&'static str>,
    pub label: &'static str,
}

const RESULTS: Option<&str> = Some("三、本年度办理结果");
const REFUSED: Option<&str> = Some("（三）不予公开");
const UNABLE: Option<&str> = Some("（四）无法提供");
const NOT_PROCESSED: Option<&str> = Some("（五）不予处理");
const OTHER: Option<&str> = Some("（六）其他处理");

macro_rules! rows {
    ($($key:literal, $section:expr, $group:expr, $label:literal;)+) => {
        [$(RowDef { key: $key, section: $section, group: $group, label: $label }),+]
    };
}

/// The 25 rows of table 三, in the printed order.
pub const REQUEST_ROWS: [RowDef; 25] = rows![
    "received", None, None, "一、本年新收政府信息公开申请数量";
    "carried_in", None, None, "二、上年结转政府信息公开申请数量";
    "granted", RESULTS, None, "（一）予以公开";
    "partly_granted", RESULTS, None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）";
    "refused.state_secret", RESULTS, REFUSED, "1.属于国家秘密";
    "refused.prohibited_by_law", RESULTS, REFUSED, "2.其他法律行政法规禁止公开";
    "refused.three_safeties", RESULTS, REFUSED, "3.危及“三安全一稳定”";
    "refused.third_party", RESULTS, REFUSED, "4.保护第三方合法权益";
    "refused.internal_affairs", RESULTS, REFUSED, "5.属于三类内部事务信息";
    "refused.process_information", RESULTS, REFUSED, "6.属于四类过程性信息";
    "refused.enforcement_files", RESULTS, REFUSED, "7.属于行政执法案卷";
    "refused.query_matters", RESULTS, REFUSED, "8.属于行政查询事项";
    "unable.not_held", RESULTS, UNABLE, "1.本机关不掌握相关政府信息";
    "unable.needs_creation", RESULTS, UNABLE, "2.没有现成信息需要另行制作";
    "unable.still_unclear", RESULTS, UNABLE, "3.补正后申请内容仍不明确";
    "not_processed.petitions", RESULTS, NOT_PROCESSED, "1.信访举报投诉类申请";
    "not_processed.repeated", RESULTS, NOT_PROCESSED, "2.重复申请";
    "not_processed.publications", RESULTS, NOT_PROCESSED, "3.要求提供公开出版物";
    "not_processed.excessive", RESULTS, NOT_PROCESSED, "4.无正当理由大量反复申请";
    "not_processed.confirmation", RESULTS, NOT_PROCESSED, "5.要求行政机关确认或重新出具已获取信息";
    "other.no_correction", RESULTS, OTHER, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请";
    "other.no_fee", RESULTS, OTHER, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请";
    "other.other", RESULTS, OTHER, "3.其他";
    "total", RESULTS, None, "（七）总计";
    "carried_out", None, None, "四、结转下年度继续办理";
];

/// Indexes into `REQUEST_ROWS` of the rows the balance checks name.
pub const ROW_RECEIVED: usize = 0;
pub const ROW_CARRIED_IN: usize = 1;
/// The results that add up to （七）总计: （一）, （二） and every sub-row of （三）–（六）.
pub const RESULT_ROWS: std::ops::Range<usize> = 2..23;
pub const ROW_TOTAL: usize = 23;
pub const ROW_CARRIED_OUT: usize = 24;

/// The five result columns of table 四, repeated under 行政复议 and each kind of 行政诉讼.
pub const OUTCOMES: [Column; 5] = [
    Column {
        key: "upheld",
        label: "结果维持",
    },
    Column {
        key: "corrected",
        label: "结果纠正",
    },
    Column {
        key: "other",
        label: "其他结果",
    },
    Column {
        key: "pending",
        label: "尚未审结",
    },
    Column {
        key: "total",
        label: "总计",
    },
];

/// The three blocks of table 四: key in `appeals:`, heading, and the heading above it (if any).
pub const APPEAL_BLOCKS: [(&str, &str, Option<&str>); 3] = [
    ("reconsideration", "行政复议", None),
    ("litigation_direct", "未经复议直接起诉", Some("行政诉讼")),
    (
        "litigation_after_reconsideration",
        "复议后起诉",
        Some("行政诉讼"),
    ),
];

/// Table 二: the items of 条例 Art. 20 and their texts.
pub const ART_20_1: &str = "第二十条第（一）项";
pub const ART_20_5: &str = "第二十条第（五）项";
pub const ART_20_6: &str = "第二十条第（六）项";
pub const ART_20_8: &str = "第二十条第（八）项";
pub const CONTENT: &str = "信息内容";
pub const ISSUED: &str = "本年制发件数";
pub const ABOLISHED: &str = "本年废止件数";
pub const IN_FORCE: &str = "现行有效件数";
pub const DECISIONS: &str = "本年处理决定数量";
pub const FEE_AMOUNT: &str = "本年收费金额（单位：万元）";
pub const REGULATIONS: &str = "规章";
pub const NORMATIVE: &str = "行政规范性文件";
pub const LICENSING: &str = "行政许可";
pub const PENALTY: &str = "行政处罚";
pub const COERCION: &str = "行政强制";
pub const FEES: &str = "行政事业性收费";

//! `data/annual/YYYY.yaml`: the figures of one year's report that the records do not hold,
//! typed, with unknown fields refused and every problem located (file, line, field).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::format::REQUEST_ROWS;
use crate::diag::{Code, Diagnostic, Pos};
use crate::values::{Date, Decimal};
use crate::yaml::{Node, PathSeg};

/// A fixed-length row of whole numbers, written as a YAML list in the format's column order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figures<const N: usize>(pub [u64; N]);

impl<const N: usize> Default for Figures<N> {
    fn default() -> Self {
        Figures([0; N])
    }
}

impl<const N: usize> Figures<N> {
    /// The sum of every figure but the last (the row's own 总计).
    pub fn parts_sum(&self) -> u64 {
        self.0[..N - 1].iter().sum()
    }

    pub fn total(&self) -> u64 {
        self.0[N - 1]
    }
}

impl<const N: usize> Serialize for Figures<N> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.as_slice().serialize(s)
    }
}

impl<'de, const N: usize> Deserialize<'de> for Figures<N> {
    // Through `deserialize_newtype_struct`, so a wrong length is located at the list itself.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_newtype_struct("Figures", FiguresVisitor::<N>(PhantomData))
    }
}

struct FiguresVisitor<const N: usize>(PhantomData<()>);

impl<'de, const N: usize> Visitor<'de> for FiguresVisitor<N> {
    type Value = Figures<N>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a list of {N} whole numbers")
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Figures<N>, D::Error> {
        let v = Vec::<u64>::deserialize(d)?;
        <[u64; N]>::try_from(v.as_slice())
            .map(Figures)
            .map_err(|_| {
                de::Error::custom(format!(
                    "expected {N} figures (one per column of the format, 总计 last), found {}",
                    v.len()
                ))
            })
    }
}

/// 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
pub type Applicants = Figures<7>;
/// 结果维持, 结果纠正, 其他结果, 尚未审结, 总计.
pub type Outcomes = Figures<5>;

/// One year's data file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnualData {
    /// Overrides the default title 「<org>YYYY年政府信息公开工作年度报告」.
    #[serde(default)]
    pub title: Option<String>,
    /// The date the report is dated (shown under the title).
    #[serde(default)]
    pub date: Option<Date>,
    /// 一、总体情况 (Markdown).
    pub overview: String,
    /// 二: the figures the records do not hold.
    pub proactive: Proactive,
    /// 三.
    pub requests: Requests,
    /// 四.
    pub appeals: Appeals,
    /// 五、存在的主要问题及改进情况 (Markdown).
    pub problems: String,
    /// 六、其他需要报告的事项 (Markdown).
    pub other_matters: String,
    /// The day the report was published. A published report is kept exactly as written: its
    /// arithmetic slips are warnings, and `corrections` explain them on its page.
    #[serde(default)]
    pub published: Option<Date>,
    /// 更正说明 (Markdown), shown on the page of a published report.
    #[serde(default)]
    pub corrections: Option<String>,
    /// Items per channel (公开渠道) as written, in place of the counts from the records.
    #[serde(default)]
    pub channels: Option<std::collections::BTreeMap<String, u64>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Proactive {
    /// 第二十条第（五）项 行政许可 本年处理决定数量.
    pub licensing: u64,
    /// 第二十条第（六）项 行政处罚 本年处理决定数量.
    pub penalty: u64,
    /// 第二十条第（六）项 行政强制 本年处理决定数量.
    pub coercion: u64,
    /// 第二十条第（八）项 行政事业性收费 本年收费金额（万元）.
    pub fees: Decimal,
    /// 现行有效件数 as reported, when the records do not hold every document in force.
    #[serde(default)]
    pub in_force: Option<InForce>,
    /// 本年制发件数 as reported, in place of the count from the records.
    #[serde(default)]
    pub issued: Option<InForce>,
    /// 本年废止件数 as reported, in place of the count from the records.
    #[serde(default)]
    pub abolished: Option<InForce>,
}

/// A figure for 规章 and one for 行政规范性文件 (现行有效, 本年制发 or 本年废止).
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct InForce {
    pub regulations: u64,
    pub normative: u64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requests {
    pub received: Applicants,
    pub carried_in: Applicants,
    pub granted: Applicants,
    pub partly_granted: Applicants,
    #[serde(default)]
    pub refused: Refused,
    #[serde(default)]
    pub unable: Unable,
    #[serde(default)]
    pub not_processed: NotProcessed,
    #[serde(default)]
    pub other: OtherHandling,
    pub total: Applicants,
    pub carried_out: Applicants,
}

/// （三）不予公开. A sub-row left out is all zeros.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Refused {
    pub state_secret: Applicants,
    pub prohibited_by_law: Applicants,
    pub three_safeties: Applicants,
    pub third_party: Applicants,
    pub internal_affairs: Applicants,
    pub process_information: Applicants,
    pub enforcement_files: Applicants,
    pub query_matters: Applicants,
}

/// （四）无法提供.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Unable {
    pub not_held: Applicants,
    pub needs_creation: Applicants,
    pub still_unclear: Applicants,
}

/// （五）不予处理.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NotProcessed {
    pub petitions: Applicants,
    pub repeated: Applicants,
    pub publications: Applicants,
    pub excessive: Applicants,
    pub confirmation: Applicants,
}

/// （六）其他处理.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OtherHandling {
    pub no_correction: Applicants,
    pub no_fee: Applicants,
    pub other: Applicants,
}

impl Requests {
    /// The rows in the order of `format::REQUEST_ROWS`.
    pub fn rows(&self) -> [&Applicants; REQUEST_ROWS.len()] {
        let (r, u, n, o) = (
            &self.refused,
            &self.unable,
            &self.not_processed,
            &self.other,
        );
        [
            &self.received,
            &self.carried_in,
            &self.granted,
            &self.partly_granted,
            &r.state_secret,
            &r.prohibited_by_law,
            &r.three_safeties,
            &r.third_party,
            &r.internal_affairs,
            &r.process_information,
            &r.enforcement_files,
            &r.query_matters,
            &u.not_held,
            &u.needs_creation,
            &u.still_unclear,
            &n.petitions,
            &n.repeated,
            &n.publications,
            &n.excessive,
            &n.confirmation,
            &o.no_correction,
            &o.no_fee,
            &o.other,
            &self.total,
            &self.carried_out,
        ]
    }
}

/// 四: one row of five figures per block of `format::APPEAL_BLOCKS`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Appeals {
    pub reconsideration: Outcomes,
    pub litigation_direct: Outcomes,
    pub litigation_after_reconsideration: Outcomes,
}

impl Appeals {
    pub fn blocks(&self) -> [&Outcomes; 3] {
        [
            &self.reconsideration,
            &self.litigation_direct,
            &self.litigation_after_reconsideration,
        ]
    }
}

/// A parsed data file, with its node tree kept for locating later findings.
#[derive(Debug, Clone)]
pub struct AnnualFile {
    pub year: i32,
    /// Site-relative path, e.g. `data/annual/2025.yaml`.
    pub path: String,
    pub tree: Node,
    pub data: AnnualData,
}

impl AnnualFile {
    /// Where a dotted field (`requests.refused.state_secret[3]`) was written; for a field left
    /// out, the nearest enclosing one that was written.
    pub fn pos(&self, field: &str) -> Pos {
        let mut path = parse_field(field);
        while !path.is_empty() {
            if let Some(n) = self.tree.at(&path) {
                return n.pos;
            }
            path.pop();
        }
        Pos::new(1, 1)
    }

    /// A located error about `field`.
    pub fn error(&self, code: Code, field: &str, message: crate::i18n::Msg) -> Diagnostic {
        Diagnostic::error(code, &self.path, self.pos(field), message).field(field)
    }
}

fn parse_field(field: &str) -> Vec<PathSeg> {
    let mut out = Vec::new();
    for part in field.split('.') {
        let (key, rest) = part.split_once('[').unwrap_or((part, ""));
        out.push(PathSeg::Key(key.to_string()));
        for ix in rest.split('[') {
            if let Ok(i) = ix.trim_end_matches(']').parse() {
                out.push(PathSeg::Index(i));
            }
        }
    }
    out
}

/// Parses one data file's text. `path` is used in messages.
pub fn parse(path: &str, year: i32, text: &str) -> Result<AnnualFile, Vec<Diagnostic>> {
    let crate::diag::DecodedFile {
        value,
        tree,
        diagnostics: diags,
    } = crate::diag::decode_yaml::<AnnualData>(text, path)?;
    match value {
        Some(data) if diags.is_empty() => Ok(AnnualFile {
            year,
            path: path.to_string(),
            tree,
            data,
        }),
        _ => Err(diags),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) const FULL: &str =
        include_str!("../../tests/fixtures/report/site/data/annual/2025.yaml");

    #[test]
    fn every_row_of_the_format_is_a_field() {
        // Give each row a distinct figure and see it come back in the format's order.
        let mut yaml = String::from(
            "overview: x\nproblems: x\nother_matters: x\nproactive: {licensing: 1, penalty: 2, coercion: 3, fees: 4.50}\nappeals:\n  reconsideration: [0,0,0,0,0]\n  litigation_direct: [0,0,0,0,0]\n  litigation_after_reconsideration: [0,0,0,0,0]\nrequests:\n",
        );
        let mut groups: Vec<&str> = Vec::new();
        for (i, row) in REQUEST_ROWS.iter().enumerate() {
            let line = format!("[{i}, 0, 0, 0, 0, 0, {i}]");
            match row.key.split_once('.') {
                Some((g, k)) => {
                    if !groups.contains(&g) {
                        groups.push(g);
                        yaml.push_str(&format!("  {g}:\n"));
                    }
                    yaml.push_str(&format!("    {k}: {line}\n"));
                }
                None => yaml.push_str(&format!("  {}: {line}\n", row.key)),
            }
        }
        let file = parse("x.yaml", 2025, &yaml).unwrap();
        let got: Vec<u64> = file.data.requests.rows().iter().map(|r| r.0[0]).collect();
        assert_eq!(got, (0..REQUEST_ROWS.len() as u64).collect::<Vec<_>>());
        assert_eq!(file.data.proactive.fees.to_string(), "4.50");
    }

    #[test]
    fn a_short_row_is_located() {
        let text = FULL.replacen("[20, 4,", "[9, 20, 4,", 1);
        let diags = parse("d.yaml", 2025, &text).unwrap_err();
        let line = FULL.lines().position(|l| l.contains("[20, 4,")).unwrap() as u32 + 1;
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(
            (diags[0].line, diags[0].field.as_deref()),
            (line, Some("requests.received"))
        );
        assert!(
            diags[0].message.to_string().contains("expected 7 figures"),
            "{}",
            diags[0].message
        );
    }

    #[test]
    fn unknown_fields_are_refused_with_a_suggestion() {
        let text = FULL.replacen("  granted:", "  grantd:", 1);
        let diags = parse("d.yaml", 2025, &text).unwrap_err();
        assert!(
            diags.iter().any(|d| d.code == Code::UnknownField
                && d.message.to_string().contains("did you mean \"granted\"")),
            "{diags:?}"
        );
    }

    #[test]
    fn positions_follow_dotted_fields() {
        let file = parse("d.yaml", 2025, FULL).unwrap();
        let line = FULL
            .lines()
            .position(|l| l.contains("state_secret"))
            .unwrap() as u32
            + 1;
        assert_eq!(file.pos("requests.refused.state_secret[6]").line, line);
    }
}

//! The mapping file (`gongkai import --mapping 映射.yaml`): for what the built-in tables miss.
//!
//! ```yaml
//! node: zwgk/tzgg            # 栏目 for rows and pages that name none
//! publisher: jyj             # 发布机构 for rows and pages that name none
//! columns:                   # column header or page label → field (or node, url, extra, ignore)
//!   信息名称: title
//!   公开形式: ignore
//!   备注: extra
//! nodes:                     # values of the 栏目 column / ColumnName → catalog node path
//!   通知公告: tzgg
//! publishers:                # values of 发布机构 → publisher id
//!   区教育局: jyj
//! values:                    # other values → vocabulary values, per field
//!   topics: {教育: 教育体育}
//! date_formats: ["%d/%m/%Y"] # chrono patterns tried before the built-in shapes
//! html:                      # CSS selectors for page layouts the defaults miss
//!   title: "h1.article-title"
//!   body: "div.article-body"
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::fields::{self, Field};
use super::msg;
use crate::diag::{Code, Diagnostic, Pos};

/// What a column or label is mapped to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Field(Field),
    /// Kept in the record's `extra:` under the column's name.
    Extra,
    /// Dropped on purpose.
    Ignore,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMapping {
    node: Option<String>,
    publisher: Option<String>,
    columns: Option<BTreeMap<String, String>>,
    nodes: Option<BTreeMap<String, String>>,
    publishers: Option<BTreeMap<String, String>>,
    values: Option<BTreeMap<String, BTreeMap<String, String>>>,
    date_formats: Option<Vec<String>>,
    html: Option<Selectors>,
}

/// CSS selectors for saved pages.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Selectors {
    pub title: Option<String>,
    pub body: Option<String>,
    /// The element holding the metadata (索引号 … table or list).
    pub meta: Option<String>,
}

/// A checked mapping: the built-in tables with the file's entries over them.
#[derive(Debug, Default)]
pub struct Mapping {
    pub node: Option<String>,
    pub publisher: Option<String>,
    columns: BTreeMap<String, Target>,
    pub nodes: BTreeMap<String, String>,
    pub publishers: BTreeMap<String, String>,
    values: BTreeMap<Field, BTreeMap<String, String>>,
    pub date_formats: Vec<String>,
    pub html: Selectors,
}

impl Mapping {
    /// What a column header or page label names: the file's entry, else the built-in table.
    pub fn target(&self, label: &str) -> Option<Target> {
        let key = fields::normalize_label(label);
        if let Some(t) = self.columns.get(&key) {
            return Some(*t);
        }
        fields::builtin(label).map(Target::Field)
    }

    /// A value translated by `values:` (the value itself when not listed).
    pub fn value<'a>(&'a self, field: Field, v: &'a str) -> &'a str {
        self.values
            .get(&field)
            .and_then(|m| m.get(v.trim()))
            .map_or(v, String::as_str)
    }
}

/// Largest mapping file read.
const MAX_BYTES: usize = 1 << 20;

/// Reads and checks a mapping file; every problem is located in it.
pub fn load(path: &Path) -> Result<Mapping, Vec<Diagnostic>> {
    let shown = path.to_string_lossy().replace('\\', "/");
    let fail = |pos: Pos, m: crate::i18n::Msg| {
        vec![Diagnostic::error(Code::ImportMapping, &shown, pos, m)]
    };
    let bytes = match crate::fsutil::read_capped(path, MAX_BYTES) {
        Ok(b) if b.len() > MAX_BYTES => {
            return Err(fail(Pos::new(1, 1), msg::too_large(MAX_BYTES)));
        }
        Ok(b) => b,
        Err(e) => return Err(fail(Pos::new(0, 0), msg::unreadable(&e.to_string()))),
    };
    let text = super::decode::decode_table(&bytes).text;
    parse(&shown, &text)
}

/// [`load`] from text.
pub fn parse(shown: &str, text: &str) -> Result<Mapping, Vec<Diagnostic>> {
    let tree = crate::yaml::parse(text).map_err(|e| vec![crate::diag::yaml_error(shown, &e, 0)])?;
    let decoded = crate::yaml::decode::<RawMapping>(&tree);
    let mut diags: Vec<Diagnostic> = decoded
        .errors
        .iter()
        .map(|e| {
            let mut d = crate::diag::from_de_error(shown, e);
            d.code = Code::ImportMapping;
            d
        })
        .collect();
    let raw = decoded.value.unwrap_or_default();
    let mut m = Mapping {
        node: raw.node,
        publisher: raw.publisher,
        nodes: norm_keys(raw.nodes),
        publishers: norm_keys(raw.publishers),
        date_formats: raw.date_formats.unwrap_or_default(),
        html: raw.html.unwrap_or_default(),
        ..Mapping::default()
    };
    let at = |key: &[&str]| {
        let segs: Vec<crate::yaml::PathSeg> = key
            .iter()
            .map(|k| crate::yaml::PathSeg::Key(k.to_string()))
            .collect();
        tree.at(&segs).map_or(Pos::new(1, 1), |n| n.pos)
    };
    for (col, to) in raw.columns.unwrap_or_default() {
        let target = match to.trim() {
            "extra" => Target::Extra,
            "ignore" => Target::Ignore,
            name => match fields::by_name(name) {
                Some(f) => Target::Field(f),
                None => {
                    diags.push(Diagnostic::error(
                        Code::ImportMapping,
                        shown,
                        at(&["columns", &col]),
                        msg::unknown_target(&col, name),
                    ));
                    continue;
                }
            },
        };
        m.columns.insert(fields::normalize_label(&col), target);
    }
    for (field, table) in raw.values.unwrap_or_default() {
        match fields::by_name(&field) {
            Some(f) => {
                m.values.insert(f, table);
            }
            None => diags.push(Diagnostic::error(
                Code::ImportMapping,
                shown,
                at(&["values", &field]),
                msg::unknown_target(&field, &field),
            )),
        }
    }
    for (i, f) in m.date_formats.iter().enumerate() {
        // A pattern chrono cannot use would fail every date silently: refuse it here.
        let probe = chrono::NaiveDate::from_ymd_opt(2023, 5, 6).expect("a valid date");
        let mut out = String::new();
        if std::fmt::Write::write_fmt(&mut out, format_args!("{}", probe.format(f))).is_err() {
            let pos = tree
                .at(&[
                    crate::yaml::PathSeg::Key("date_formats".into()),
                    crate::yaml::PathSeg::Index(i),
                ])
                .map_or(Pos::new(1, 1), |n| n.pos);
            diags.push(Diagnostic::error(
                Code::ImportMapping,
                shown,
                pos,
                msg::bad_date_format(f),
            ));
        }
    }
    for (key, sel) in [
        ("title", &m.html.title),
        ("body", &m.html.body),
        ("meta", &m.html.meta),
    ] {
        if let Some(s) = sel
            && scraper::Selector::parse(s).is_err()
        {
            diags.push(Diagnostic::error(
                Code::ImportMapping,
                shown,
                at(&["html", key]),
                msg::bad_selector(s),
            ));
        }
    }
    if diags.is_empty() { Ok(m) } else { Err(diags) }
}

fn norm_keys(m: Option<BTreeMap<String, String>>) -> BTreeMap<String, String> {
    m.unwrap_or_default()
        .into_iter()
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mapping_file_overrides_the_built_in_headers() {
        let m = parse(
            "m.yaml",
            "node: tzgg\ncolumns:\n  信息名称: title\n  备注: extra\n  标题: ignore\nvalues:\n  topics: {教育: 城乡建设}\ndate_formats: [\"%d/%m/%Y\"]\n",
        )
        .unwrap();
        assert_eq!(m.target("信息名称"), Some(Target::Field(Field::Title)));
        assert_eq!(m.target("备注"), Some(Target::Extra));
        assert_eq!(m.target("标 题"), Some(Target::Ignore));
        assert_eq!(m.target("索引号"), Some(Target::Field(Field::IndexNo)));
        assert_eq!(m.target("某列"), None);
        assert_eq!(m.value(Field::Topics, "教育"), "城乡建设");
        assert_eq!(m.node.as_deref(), Some("tzgg"));
    }

    #[test]
    fn every_mistake_in_a_mapping_file_is_located() {
        let e = parse(
            "m.yaml",
            "columns:\n  备注: remarks\nhtml:\n  body: \"div[\"\nnodez: x\n",
        )
        .unwrap_err();
        let lines: Vec<String> = e
            .iter()
            .map(|d| format!("{}:{} {}", d.code.id(), d.line, d.message))
            .collect();
        assert_eq!(e.len(), 3, "{lines:#?}");
        assert!(lines.iter().any(|l| l.starts_with("E125:2")), "{lines:#?}");
        assert!(lines.iter().any(|l| l.starts_with("E125:4")), "{lines:#?}");
    }
}

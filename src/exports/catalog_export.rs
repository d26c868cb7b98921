//! `data/catalog.json` and `data/catalog.csv`: every published record with the standard catalog
//! columns (索引号, 名称, 内容概述, 发布机构, 生成日期, 发布日期, 文号, 主题分类, 文种, 有效性,
//! 公开方式, URL), the document's own fields (成文日期 … 项目编号), and the 基层政务公开标准目录
//! columns when the site declares them on its catalog nodes. The CSV starts with a UTF-8 BOM so Excel reads it as UTF-8.

use anyhow::Result;
use serde::Serialize;

use crate::catalog::Catalog;
use crate::config::{Site, StandardEntry};
use crate::incremental::Output;
use crate::record::Record;

/// The columns: JSON key and the Chinese heading used in the CSV.
pub const COLUMNS: [(&str, &str); 12] = [
    ("index_no", "索引号"),
    ("title", "名称"),
    ("summary", "内容概述"),
    ("publisher", "发布机构"),
    ("created", "生成日期"),
    ("published", "发布日期"),
    ("doc_no", "文号"),
    ("topics", "主题分类"),
    ("genre", "文种"),
    ("validity", "有效性"),
    ("disclosure", "公开方式"),
    ("url", "URL"),
];

/// The document's own fields, after the standard columns.
pub const DOCUMENT_COLUMNS: [(&str, &str); 7] = [
    ("dated", "成文日期"),
    ("effective", "施行日期"),
    ("expires", "有效期至"),
    ("registration_no", "统一登记号"),
    ("issuer", "发文机关"),
    ("info_source", "信息来源"),
    ("project_no", "项目编号"),
];

/// The 基层政务公开标准目录 columns, present when some catalog node declares `standard`.
pub const STANDARD_COLUMNS: [(&str, &str); 8] = [
    ("matter", "公开事项"),
    ("basis", "公开依据"),
    ("time_limit", "公开时限"),
    ("subject", "公开主体"),
    ("channel", "公开渠道和载体"),
    ("audience", "公开对象"),
    ("manner", "公开方式（主动/依申请）"),
    ("level", "公开层级"),
];

#[derive(Debug, Serialize)]
pub struct Entry<'a> {
    pub index_no: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub publisher: &'a str,
    pub created: String,
    pub published: String,
    pub doc_no: Option<&'a str>,
    pub topics: &'a [String],
    pub genre: Option<&'a str>,
    pub validity: Option<&'static str>,
    pub disclosure: &'static str,
    pub url: String,
    pub dated: Option<String>,
    pub effective: Option<String>,
    pub expires: Option<String>,
    pub registration_no: Option<&'a str>,
    pub issuer: Option<&'a str>,
    pub info_source: Option<&'a str>,
    pub project_no: Option<&'a str>,
    /// The node's standard-catalog entry, when the site declares them.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub standard: Option<&'a StandardEntry>,
}

#[derive(Debug, Serialize)]
struct Field {
    key: &'static str,
    label: &'static str,
}

#[derive(Debug, Serialize)]
struct CatalogJson<'a> {
    title: &'a str,
    publisher: &'a str,
    base_url: &'a str,
    count: usize,
    fields: Vec<Field>,
    records: Vec<Entry<'a>>,
}

/// Whether the exports carry the standard-catalog columns.
fn has_standard(site: &Site) -> bool {
    site.catalog.nodes.iter().any(|n| n.standard.is_some())
}

/// Every column of this site's exports, in order.
pub fn columns(site: &Site) -> Vec<(&'static str, &'static str)> {
    let mut cols: Vec<_> = COLUMNS.into_iter().chain(DOCUMENT_COLUMNS).collect();
    if has_standard(site) {
        cols.extend(STANDARD_COLUMNS);
    }
    cols
}

pub fn entry<'a>(site: &'a Site, r: &'a Record) -> Entry<'a> {
    let d = &r.document;
    let date = |v: Option<crate::values::Date>| v.map(|d| d.to_string());
    let standard = has_standard(site).then(|| site.catalog.nodes[r.node].standard.as_ref());
    Entry {
        index_no: r.index_no.as_str(),
        title: &r.title,
        summary: &r.summary,
        publisher: crate::render::views::publisher_name(site, &r.publisher),
        created: r.created.to_string(),
        published: r.published.map(|d| d.to_string()).unwrap_or_default(),
        doc_no: r.doc_no.as_deref(),
        topics: &r.topics,
        genre: r.genre.as_deref(),
        validity: r.validity().map(|v| v.as_str()),
        disclosure: r.disclosure.as_str(),
        url: format!("{}{}", site.config.base_url, r.url()),
        dated: date(d.dated),
        effective: date(d.effective),
        expires: date(d.expires),
        registration_no: d.registration_no.as_deref(),
        issuer: d.issuer.as_deref(),
        info_source: d.info_source.as_deref(),
        project_no: d.project_no.as_deref(),
        // A node without an entry still gets the keys (empty), so every row has every column.
        standard: standard.map(|s| s.unwrap_or(&EMPTY_STANDARD)),
    }
}

static EMPTY_STANDARD: StandardEntry = StandardEntry {
    matter: None,
    basis: None,
    time_limit: None,
    subject: None,
    channel: None,
    audience: None,
    manner: None,
    level: None,
};

/// The CSV text, BOM first.
pub fn csv(site: &Site, cat: &Catalog) -> String {
    let mut out = String::from("\u{FEFF}");
    let cols = columns(site);
    let header: Vec<&str> = cols.iter().map(|(_, label)| *label).collect();
    super::csv::row(&mut out, &header);
    let with_standard = has_standard(site);
    for r in &cat.records {
        let e = entry(site, r);
        let topics = e.topics.join("；");
        let mut cells: Vec<&str> = vec![
            e.index_no,
            e.title,
            e.summary,
            e.publisher,
            &e.created,
            &e.published,
            e.doc_no.unwrap_or(""),
            &topics,
            e.genre.unwrap_or(""),
            e.validity.unwrap_or(""),
            e.disclosure,
            &e.url,
            e.dated.as_deref().unwrap_or(""),
            e.effective.as_deref().unwrap_or(""),
            e.expires.as_deref().unwrap_or(""),
            e.registration_no.unwrap_or(""),
            e.issuer.unwrap_or(""),
            e.info_source.unwrap_or(""),
            e.project_no.unwrap_or(""),
        ];
        if with_standard {
            let s = e.standard.unwrap_or(&EMPTY_STANDARD);
            cells.extend(
                [
                    &s.matter,
                    &s.basis,
                    &s.time_limit,
                    &s.subject,
                    &s.channel,
                    &s.audience,
                    &s.manner,
                    &s.level,
                ]
                .map(|v| v.as_deref().unwrap_or("")),
            );
        }
        super::csv::row(&mut out, &cells);
    }
    out
}

pub fn write(site: &Site, cat: &Catalog, out: &Output) -> Result<()> {
    let json = CatalogJson {
        title: &site.config.title,
        publisher: &site.config.org.name,
        base_url: &site.config.base_url,
        count: cat.records.len(),
        fields: columns(site)
            .into_iter()
            .map(|(key, label)| Field { key, label })
            .collect(),
        records: cat.records.iter().map(|r| entry(site, r)).collect(),
    };
    let (json, csv) = rayon::join(
        || super::write_json(out, "data/catalog.json", &json),
        || out.bytes("data/catalog.csv", csv(site, cat).as_bytes()),
    );
    json.and(csv)
}

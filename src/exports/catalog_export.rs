//! `data/catalog.json` and `data/catalog.csv`: every published record with the standard catalog
//! columns (索引号, 名称, 内容概述, 发布机构, 生成日期, 发布日期, 文号, 主题分类, 文种, 有效性,
//! 公开方式, URL). The CSV starts with a UTF-8 BOM so Excel reads it as UTF-8.

use anyhow::Result;
use serde::Serialize;

use crate::catalog::Catalog;
use crate::config::Site;
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

pub fn entry<'a>(site: &'a Site, r: &'a Record) -> Entry<'a> {
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
    }
}

/// The CSV text, BOM first.
pub fn csv(site: &Site, cat: &Catalog) -> String {
    let mut out = String::from("\u{FEFF}");
    super::csv::row(&mut out, &COLUMNS.map(|(_, label)| label));
    for r in &cat.records {
        let e = entry(site, r);
        super::csv::row(
            &mut out,
            &[
                e.index_no,
                e.title,
                e.summary,
                e.publisher,
                &e.created,
                &e.published,
                e.doc_no.unwrap_or(""),
                &e.topics.join("；"),
                e.genre.unwrap_or(""),
                e.validity.unwrap_or(""),
                e.disclosure,
                &e.url,
            ],
        );
    }
    out
}

pub fn write(site: &Site, cat: &Catalog, out: &Output) -> Result<()> {
    let json = CatalogJson {
        title: &site.config.title,
        publisher: &site.config.org.name,
        base_url: &site.config.base_url,
        count: cat.records.len(),
        fields: COLUMNS
            .iter()
            .map(|&(key, label)| Field { key, label })
            .collect(),
        records: cat.records.iter().map(|r| entry(site, r)).collect(),
    };
    let (json, csv) = rayon::join(
        || super::write_json(out, "data/catalog.json", &json),
        || out.bytes("data/catalog.csv", csv(site, cat).as_bytes()),
    );
    json.and(csv)
}

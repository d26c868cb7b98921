//! The archival metadata: each record's `元数据.xml` and the bag's catalog, `归档文件目录.csv`
//! and `.xml`, one row per record in 档号 order. Field names follow DA/T 22 (归档文件整理规则);
//! 日期 is written `YYYYMMDD` as DA/T 22 has it, ledger times as the ledger wrote them.

use std::io::Write;

use super::dangh::DangH;
use super::ledger;
use super::xml::XmlWriter;
use crate::record::Review;
use crate::values::{Date, Retention};

/// 密级 of everything this tool archives: only records cleared for proactive disclosure get here.
pub const SECRECY: &str = "公开";

/// The role of a file in a record's folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Source,
    Page,
    Attachment,
    Photo,
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Source => "源文件",
            Role::Page => "网页",
            Role::Attachment => "附件",
            Role::Photo => "照片",
        }
    }
}

/// A file in a record's folder, as written into the bag.
#[derive(Debug, Clone)]
pub struct FileEntry {
    pub role: Role,
    /// Path relative to the record's folder.
    pub name: String,
    /// The attachment's title, for attachments.
    pub title: Option<String>,
    pub size: u64,
    pub sha256: String,
    pub sm3: Option<String>,
}

/// Everything the archive says about one record.
#[derive(Debug, Clone)]
pub struct ItemMeta {
    pub dangh: DangH,
    pub title: String,
    /// 责任者: the publishing department.
    pub author: String,
    pub doc_no: Option<String>,
    /// 日期: the publication date.
    pub date: Date,
    /// 成文日期.
    pub created: Date,
    pub genre: Option<String>,
    pub retention: Retention,
    pub index_no: String,
    /// The catalog node's names, root first, joined with `/`.
    pub category: String,
    pub url: String,
    pub review: Option<Review>,
    pub ledger: Vec<ledger::Entry>,
    /// The record's folder, relative to the bag root (`data/…`).
    pub folder: String,
    pub files: Vec<FileEntry>,
}

fn yyyymmdd(d: Date) -> String {
    d.0.format("%Y%m%d").to_string()
}

/// `元数据.xml` of one record.
pub fn record_xml(m: &ItemMeta) -> String {
    let mut w = XmlWriter::new();
    w.open("归档文件", &[]);
    common_fields(&mut w, m);
    w.opt_leaf("文种", m.genre.as_deref());
    w.leaf("成文日期", &[], &yyyymmdd(m.created));
    w.leaf("公开属性", &[], "主动公开");
    w.leaf("信息公开目录", &[], &m.category);
    w.leaf("网址", &[], &m.url);
    match &m.review {
        Some(r) => {
            w.open("审核", &[]);
            w.leaf("审核人", &[], &r.by);
            w.leaf("审核日期", &[], &yyyymmdd(r.on));
            w.leaf("保密审查", &[], &r.secrecy);
            w.leaf("审核结论", &[], &r.conclusion);
            w.close();
        }
        None => w.leaf("审核", &[], ""),
    }
    ledger_xml(&mut w, &m.ledger);
    w.open("文件清单", &[]);
    for f in &m.files {
        let size = f.size.to_string();
        let mut attrs = vec![
            ("类型", f.role.label()),
            ("字节数", size.as_str()),
            ("sha256", f.sha256.as_str()),
        ];
        if let Some(s) = &f.sm3 {
            attrs.push(("sm3", s.as_str()));
        }
        if let Some(t) = &f.title {
            attrs.push(("题名", t.as_str()));
        }
        w.leaf("文件", &attrs, &f.name);
    }
    w.close();
    w.close();
    w.finish()
}

/// The fields a catalog row and the record metadata share.
fn common_fields(w: &mut XmlWriter, m: &ItemMeta) {
    let d = &m.dangh;
    w.leaf("档号", &[], &d.to_string());
    w.leaf("全宗号", &[], &d.fonds);
    w.leaf("类别号", &[], &d.category);
    w.leaf("年度", &[], &d.year.to_string());
    w.leaf(
        "保管期限",
        &[("代码", d.retention_code)],
        m.retention.as_str(),
    );
    w.leaf("机构代码", &[], &d.org_code);
    w.leaf("件号", &[], &format!("{:04}", d.item));
    w.leaf("题名", &[], &m.title);
    w.leaf("责任者", &[], &m.author);
    w.opt_leaf("文号", m.doc_no.as_deref());
    w.leaf("日期", &[], &yyyymmdd(m.date));
    w.leaf("密级", &[], SECRECY);
    w.leaf("索引号", &[], &m.index_no);
}

fn ledger_xml(w: &mut XmlWriter, entries: &[ledger::Entry]) {
    if entries.is_empty() {
        w.leaf("发布台账", &[("条目数", "0")], "");
        return;
    }
    let count = entries.len().to_string();
    w.open("发布台账", &[("条目数", &count)]);
    for e in entries {
        let (seq, date, at) = (e.seq.to_string(), e.date.to_string(), e.at.to_string());
        let clock = match e.clock {
            crate::ledger::entry::Clock::System => "system",
            crate::ledger::entry::Clock::Injected => "injected",
        };
        w.open(
            "条目",
            &[
                ("序号", &seq),
                ("操作", e.action.as_str()),
                ("日期", &date),
                ("时间", &at),
                ("时钟", clock),
            ],
        );
        w.leaf("源文件sha256", &[], &e.source_sha256);
        w.leaf("内容sha256", &[], &e.content_sha256);
        for a in &e.attachments {
            w.leaf("附件", &[("sha256", &a.sha256)], &a.file);
        }
        w.leaf("前项", &[], &e.prev);
        w.close();
    }
    w.close();
}

/// Writes the catalog XML, one `<文件>` per item, streaming row by row.
pub fn catalog_xml(
    out: &mut (impl Write + ?Sized),
    head: &CatalogHead,
    items: &[ItemMeta],
) -> std::io::Result<()> {
    let year = head.year.to_string();
    let batch = head.batch.to_string();
    let count = items.len().to_string();
    let mut top = XmlWriter::new();
    top.open(
        "归档文件目录",
        &[
            ("全宗号", &head.fonds),
            ("全宗名称", &head.fonds_name),
            ("年度", &year),
            ("批次", &batch),
            ("件数", &count),
        ],
    );
    let text = top.finish_open();
    out.write_all(text.as_bytes())?;
    for m in items {
        let mut w = XmlWriter::fragment(1);
        w.open("文件", &[]);
        common_fields(&mut w, m);
        w.leaf("位置", &[], &m.folder);
        w.close();
        out.write_all(w.finish().as_bytes())?;
    }
    out.write_all("</归档文件目录>\n".as_bytes())
}

/// What the catalog says about the whole transfer.
#[derive(Debug, Clone)]
pub struct CatalogHead {
    pub fonds: String,
    pub fonds_name: String,
    pub year: i32,
    pub batch: u32,
}

pub const CSV_COLUMNS: &[&str] = &[
    "档号",
    "全宗号",
    "类别号",
    "年度",
    "保管期限",
    "机构代码",
    "件号",
    "题名",
    "责任者",
    "文号",
    "日期",
    "密级",
    "索引号",
    "位置",
];

/// Writes the catalog CSV (RFC 4180: CRLF, quoted where needed; a UTF-8 BOM so spreadsheet
/// programs read the Chinese correctly).
pub fn catalog_csv(out: &mut (impl Write + ?Sized), items: &[ItemMeta]) -> std::io::Result<()> {
    out.write_all("\u{FEFF}".as_bytes())?;
    csv_row(out, CSV_COLUMNS.iter().copied())?;
    for m in items {
        let d = &m.dangh;
        let row = [
            d.to_string(),
            d.fonds.clone(),
            d.category.clone(),
            d.year.to_string(),
            m.retention.as_str().to_string(),
            d.org_code.clone(),
            format!("{:04}", d.item),
            m.title.clone(),
            m.author.clone(),
            m.doc_no.clone().unwrap_or_default(),
            yyyymmdd(m.date),
            SECRECY.to_string(),
            m.index_no.clone(),
            m.folder.clone(),
        ];
        csv_row(out, row.iter().map(String::as_str))?;
    }
    Ok(())
}

fn csv_row<'a>(
    out: &mut (impl Write + ?Sized),
    fields: impl Iterator<Item = &'a str>,
) -> std::io::Result<()> {
    let mut line = String::new();
    for (i, f) in fields.enumerate() {
        if i > 0 {
            line.push(',');
        }
        line.push_str(&crate::exports::csv::field(f));
    }
    line.push_str("\r\n");
    out.write_all(line.as_bytes())
}

#[cfg(test)]
mod tests;

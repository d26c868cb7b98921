//! `gongkai import`: brings an office's existing records in from what its old CMS gives it
//! (issue 21) — a catalog spreadsheet ([`table`], [`rows`]: CSV in UTF-8 or GBK/GB18030, XLSX,
//! XLS) or a saved copy of the old site ([`html`]).
//!
//! The pipeline: the source is read into [`Item`]s (one a row or page, located) → each is
//! resolved against the site ([`plan`]: catalog node, publisher, dates, vocabularies, the old
//! 索引号 kept as a legacy number) and matched with the records already there by 索引号 →
//! new records are composed, checked by the same parser every build uses, and written without
//! ever replacing a file ([`write`]) → records the gate publishes get one ledger entry each
//! ([`ledger`]) → a [`Report`]: created, skipped, changed, problems (all in one run).

pub mod decode;
pub mod fields;
pub mod html;
pub mod ledger;
pub mod limits;
pub mod mapping;
pub mod markdown;
mod msg;
pub mod plan;
pub mod rows;
pub mod table;
pub mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use fields::Field;

use crate::build::Options;
use crate::diag::{Code, Diagnostic, Pos};

/// A link to a file, as a page or a row gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub href: String,
}

/// One record as the source gives it, before it is checked against the site.
#[derive(Debug, Clone, Default)]
pub struct Item {
    /// Where it is, for messages: the file as shown and the line (a page: 1).
    pub path: String,
    pub line: u32,
    /// The row (`目录.csv:12`) or the page (`xxgk/t1.html`), kept in `imported.source`.
    pub source: String,
    /// SHA-256 of the row's cells or the page's bytes.
    pub sha256: String,
    pub values: BTreeMap<Field, String>,
    /// Columns and labels no field takes, by their header.
    pub extra: BTreeMap<String, String>,
    /// The body as Markdown.
    pub body: Option<String>,
    pub attachments: Vec<Link>,
    /// The folder attachment links are relative to, inside the source folder.
    pub base: Option<PathBuf>,
}

impl Item {
    pub fn new(path: &str, line: u32, source: String) -> Item {
        Item {
            path: path.to_string(),
            line,
            source,
            ..Item::default()
        }
    }

    pub fn pos(&self) -> Pos {
        Pos::new(self.line, 1)
    }
}

/// What `gongkai import` is asked to do.
#[derive(Debug, Clone)]
pub struct Request {
    /// A spreadsheet file, or a saved site's folder.
    pub source: PathBuf,
    pub mapping: Option<PathBuf>,
    /// The catalog node of rows and pages that name none.
    pub node: Option<String>,
    /// Whether `now` is the system clock's (ledger entries say so).
    pub clock: crate::ledger::entry::Clock,
}

/// The outcome of a run.
#[derive(Debug, Default)]
pub struct Report {
    /// The source as shown, and how it was read (`CSV, gb18030`).
    pub source: String,
    pub read_as: String,
    /// Site-relative paths of the records written.
    pub created: Vec<String>,
    /// Of those, how many the gate publishes, holds for review, holds for personal data.
    pub published: usize,
    pub held_review: usize,
    pub held_personal: usize,
    /// Already imported, unchanged.
    pub skipped: usize,
    /// Imported before, changed in the source since; left as they are (reported).
    pub changed: usize,
    /// Pages without disclosure metadata (listings, home pages).
    pub not_records: usize,
    /// Ledger entries appended; `None` when the site has no ledger.
    pub ledger_entries: Option<usize>,
    pub problems: Vec<Diagnostic>,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Diagnostic::is_error)
    }
}

/// Runs an import. Content problems are in the report; `Err` is an operational failure.
pub fn run(
    opts: &Options,
    req: &Request,
    progress: &crate::progress::Progress,
) -> anyhow::Result<Report> {
    let mut report = Report {
        source: req.source.to_string_lossy().replace('\\', "/"),
        ..Report::default()
    };
    let site = match crate::config::load(&opts.root) {
        Ok(s) => s,
        Err(d) => {
            report.problems = d;
            return Ok(report);
        }
    };
    let mapping = match &req.mapping {
        Some(p) => match mapping::load(p) {
            Ok(m) => m,
            Err(d) => {
                report.problems = d;
                return Ok(report);
            }
        },
        None => mapping::Mapping::default(),
    };
    let mut diags = Vec::new();
    let items = read_items(req, &mapping, progress, &mut report, &mut diags);
    let from = report.source.clone();
    let ctx = plan::Ctx {
        site: &site,
        mapping: &mapping,
        root: &opts.root,
        source_root: source_root(&req.source),
        default_node: req.node.as_deref(),
        from: &from,
        now: opts.now,
        clock: req.clock,
    };
    let existing = write::existing(&opts.root);
    let planned = plan::plan(&ctx, items, &existing, &mut report, &mut diags);
    let written = write::write_all(&ctx, planned, progress, &mut report, &mut diags)?;
    ledger::record(opts, req.clock, &written, &mut report, &mut diags)?;
    crate::diag::sort(&mut diags);
    report.problems = diags;
    Ok(report)
}

/// The folder attachment links may reach into: the saved site, or the spreadsheet's folder.
fn source_root(source: &Path) -> PathBuf {
    if source.is_dir() {
        source.to_path_buf()
    } else {
        source
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    }
}

fn read_items(
    req: &Request,
    mapping: &mapping::Mapping,
    progress: &crate::progress::Progress,
    report: &mut Report,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Item> {
    let shown = report.source.clone();
    if req.source.is_dir() {
        let (items, not_records) = html::items(&req.source, &shown, mapping, progress, diags);
        report.not_records = not_records;
        report.read_as = "saved site / 网站副本".into();
        return items;
    }
    let ext = req
        .source
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if !matches!(ext.as_str(), "csv" | "txt" | "xlsx" | "xlsm" | "xls" | "et") {
        diags.push(Diagnostic::error(
            Code::ImportUnreadable,
            &shown,
            Pos::new(0, 0),
            msg::no_source_kind(),
        ));
        return Vec::new();
    }
    let Some(sheet) = table::read(&req.source, &shown, diags) else {
        return Vec::new();
    };
    report.read_as = match sheet.encoding {
        Some(enc) => format!("CSV, {enc}"),
        None => ext.to_ascii_uppercase(),
    };
    rows::items(&sheet, &shown, Path::new(""), mapping, diags)
}

//! The statutory annual report (政府信息公开工作年度报告) in the national format of
//! 国办公开办函〔2021〕30号.
//!
//! `data` reads `data/annual/YYYY.yaml` (what the records do not hold), `table2` computes
//! 第二十条第（一）项 and the channel statistics from the published catalog, `balance` checks
//! the tables add up, and `render` writes the pages under `xxgk/nb/` and the CSV/JSON exports.

pub mod balance;
pub mod data;
pub mod export;
pub mod format;
pub mod render;
pub mod table2;
pub mod tables;
pub mod written;

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::config::{Site, SiteConfig};
use crate::diag::{Code, Diagnostic, Message, Pos};
use crate::values::{Date, Instant};
use crate::yaml::{Node, PathSeg};
use data::{AnnualFile, InForce};
use table2::{Channels, Documents};

/// Where the data files live, relative to the site root.
pub const DATA_DIR: &str = "data/annual";
/// Where the report pages go, relative to the output root.
pub const OUT_DIR: &str = "xxgk/nb";

/// Who files the report, which sets its deadline (条例 Art. 49/50).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Deadline {
    /// A people's government: by 31 March.
    #[default]
    Government,
    /// A government department: by 31 January.
    Department,
}

impl Deadline {
    /// The last day to publish the report for `year - 1`.
    pub fn date(self, year: i32) -> Date {
        match self {
            Deadline::Government => Date::ymd(year, 3, 31),
            Deadline::Department => Date::ymd(year, 1, 31),
        }
    }
}

/// `report:` in `site.yaml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReportConfig {
    #[serde(default)]
    pub deadline: Deadline,
    /// Catalog node paths whose policies are 规章 (besides any policy of genre 规章).
    #[serde(default)]
    pub regulation_nodes: Vec<String>,
    /// Catalog node paths whose policies are 行政规范性文件; empty: every other policy.
    #[serde(default)]
    pub normative_nodes: Vec<String>,
}

/// Checks `report:` in `site.yaml`: the node paths must name catalog nodes.
pub fn validate_config(config: &SiteConfig, tree: &Node) -> Vec<Diagnostic> {
    let catalog = crate::catalog::tree::CatalogTree::from_config(&config.catalog);
    let mut diags = Vec::new();
    let r = &config.report;
    for (key, paths) in [
        ("regulation_nodes", &r.regulation_nodes),
        ("normative_nodes", &r.normative_nodes),
    ] {
        for (i, p) in paths.iter().enumerate() {
            if catalog.find(p).is_none() {
                let at = [
                    PathSeg::Key("report".into()),
                    PathSeg::Key(key.into()),
                    PathSeg::Index(i),
                ];
                let pos = tree.at(&at).map_or(Pos::new(1, 1), |n| n.pos);
                diags.push(
                    Diagnostic::error(
                        Code::ConfigInvalid,
                        crate::config::FILE_NAME,
                        pos,
                        crate::msg!("report-config-node", key = key, path = p),
                    )
                    .field(format!("report.{key}[{i}]")),
                );
            }
        }
    }
    if catalog.find(OUT_DIR.trim_start_matches("xxgk/")).is_some() {
        diags.push(
            Diagnostic::error(
                Code::ConfigInvalid,
                crate::config::FILE_NAME,
                Pos::new(1, 1),
                crate::msg!("report-config-nb", dir = OUT_DIR),
            )
            .field("catalog"),
        );
    }
    diags
}

/// Reads every `data/annual/YYYY.yaml`, oldest first. Files that do not parse come back as
/// diagnostics; a file not named `YYYY.yaml` is an error.
pub fn load_files(root: &Path) -> (Vec<AnnualFile>, Vec<Diagnostic>) {
    let dir = root.join(DATA_DIR);
    let mut files = Vec::new();
    let mut diags = Vec::new();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return (files, diags);
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with(['.', '_']) || !p.is_file() {
            continue;
        }
        let rel = format!("{DATA_DIR}/{name}");
        let year = name
            .strip_suffix(".yaml")
            .filter(|s| s.len() == 4)
            .and_then(|s| s.parse::<i32>().ok());
        let Some(year) = year else {
            diags.push(Diagnostic::error(
                Code::InvalidValue,
                &rel,
                Pos::new(0, 0),
                crate::msg!("report-file-name"),
            ));
            continue;
        };
        let text = match (std::fs::read(&p).map_err(|e| Message::from(e.to_string())))
            .and_then(|b| crate::record::front::decode_text(&b).map_err(|t| t.message))
        {
            Ok(t) => t,
            Err(msg) => {
                diags.push(Diagnostic::error(
                    Code::Unreadable,
                    &rel,
                    Pos::new(0, 0),
                    msg,
                ));
                continue;
            }
        };
        match data::parse(&rel, year, &text) {
            Ok(f) => files.push(f),
            Err(d) => diags.extend(d),
        }
    }
    (files, diags)
}

/// One year's report, assembled: the data file, table 二 and the channels as shown (written
/// figures where the file gives them, else counted from the records), and the counts from the
/// records beside them.
#[derive(Debug, Clone)]
pub struct AnnualReport {
    pub file: AnnualFile,
    /// As shown: the data file's figures where it writes them, else the records' counts.
    pub documents: Documents,
    pub channels: Channels,
    /// Counted from the records, to compare with what the file writes.
    pub counted: Documents,
    pub counted_channels: Channels,
}

impl AnnualReport {
    pub fn year(&self) -> i32 {
        self.file.year
    }

    pub fn in_force(&self) -> InForce {
        InForce {
            regulations: self.documents.regulations.in_force,
            normative: self.documents.normative.in_force,
        }
    }

    /// A report already published is kept exactly as written.
    pub fn is_published(&self) -> bool {
        self.file.data.published.is_some()
    }
}

/// Assembles a report from its file.
pub fn assemble(site: &Site, cat: &Catalog, file: AnnualFile) -> AnnualReport {
    let counted = table2::count(site, cat, file.year);
    let mut documents = counted;
    let p = &file.data.proactive;
    if let Some(f) = p.in_force {
        documents.regulations.in_force = f.regulations;
        documents.normative.in_force = f.normative;
    }
    if let Some(f) = p.issued {
        documents.regulations.issued = f.regulations;
        documents.normative.issued = f.normative;
    }
    if let Some(f) = p.abolished {
        documents.regulations.abolished = f.regulations;
        documents.normative.abolished = f.normative;
    }
    let counted_channels = table2::channels(site, cat, file.year);
    let mut channels = counted_channels.clone();
    if let Some(written) = &file.data.channels {
        channels.by_channel = written_channels(site, written);
    }
    AnnualReport {
        file,
        documents,
        channels,
        counted,
        counted_channels,
    }
}

/// Written channel counts, the configured channels first in their order, then the others.
fn written_channels(
    site: &Site,
    written: &std::collections::BTreeMap<String, u64>,
) -> Vec<(String, u64)> {
    let configured = &site.config.vocabularies.channels;
    let mut out: Vec<(String, u64)> = (configured.iter())
        .filter_map(|c| written.get(c).map(|n| (c.clone(), *n)))
        .collect();
    out.extend(
        (written.iter())
            .filter(|(c, _)| !configured.contains(c))
            .map(|(c, n)| (c.clone(), *n)),
    );
    out
}

/// Every report with a data file, oldest first, and the problems met: unreadable files,
/// failed balance checks (warnings for a published report), and written figures that differ
/// from the records' counts (warnings). Continuity uses last year's figures as shown.
pub fn load(site: &Site, cat: &Catalog, root: &Path) -> (Vec<AnnualReport>, Vec<Diagnostic>) {
    let (files, mut diags) = load_files(root);
    let reports: Vec<AnnualReport> = files.into_iter().map(|f| assemble(site, cat, f)).collect();
    for (i, r) in reports.iter().enumerate() {
        let prev = i
            .checked_sub(1)
            .map(|p| &reports[p])
            .filter(|p| p.year() == r.year() - 1)
            .map(|p| (&p.file, p.in_force()));
        let d = &r.documents;
        let changes = [
            (d.regulations.issued, d.regulations.abolished),
            (d.normative.issued, d.normative.abolished),
        ];
        let found = balance::check(&r.file, r.in_force(), changes, prev);
        if r.is_published() {
            diags.extend(found.into_iter().map(as_published_slip));
        } else {
            diags.extend(found);
        }
        diags.extend(written::differences(r));
    }
    (reports, diags)
}

/// A balance finding in a published report: kept as written, so a warning.
fn as_published_slip(d: Diagnostic) -> Diagnostic {
    let pos = Pos::new(d.line, d.col);
    let message = written::msg::slip(d.message);
    let w = Diagnostic::warning(Code::ReportSlip, d.path, pos, message);
    match d.field {
        Some(f) => w.field(f),
        None => w,
    }
}

/// Whether an error holds back only one annual report (its page and exports), not the site:
/// every error located in a file under `data/annual/`.
pub fn holds_back_only_its_report(d: &Diagnostic) -> bool {
    d.is_error() && d.path.starts_with(DATA_DIR) && d.path[DATA_DIR.len()..].starts_with('/')
}

/// The data files of the reports a build held back because of errors in them.
pub fn held_back(diags: &[Diagnostic]) -> Vec<&str> {
    let mut paths: Vec<&str> = (diags.iter())
        .filter(|d| holds_back_only_its_report(d))
        .map(|d| d.path.as_str())
        .collect();
    paths.dedup();
    paths
}

/// The diagnostics `build` and `check` add: data file problems, balance checks, and a warning
/// when last year's report is missing after its deadline.
pub fn validate(site: &Site, cat: &Catalog, root: &Path, now: Instant) -> Vec<Diagnostic> {
    let (reports, mut diags) = load(site, cat, root);
    diags.extend(missing_report(site, cat, &reports, now));
    diags
}

/// Only a year in which the site published something owes a report: a site that started this
/// year is not told off for last year.
fn missing_report(
    site: &Site,
    cat: &Catalog,
    reports: &[AnnualReport],
    now: Instant,
) -> Option<Diagnostic> {
    let today = now.date();
    let year = today.year() - 1;
    let deadline = site.config.report.deadline.date(today.year());
    if today <= deadline
        || !cat.by_year.contains_key(&year)
        || reports.iter().any(|r| r.year() == year)
    {
        return None;
    }
    Some(Diagnostic::warning(
        Code::ReportMissing,
        format!("{DATA_DIR}/{year}.yaml"),
        Pos::new(0, 0),
        crate::msg!(
            "report-missing",
            year = year,
            deadline = deadline.to_string()
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines_by_filer() {
        assert_eq!(Deadline::Government.date(2026), Date::ymd(2026, 3, 31));
        assert_eq!(Deadline::Department.date(2026), Date::ymd(2026, 1, 31));
    }
}

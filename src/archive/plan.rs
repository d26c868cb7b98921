//! What goes into a year's bag, decided before anything is written: the records published that
//! year (from the published catalog only), each with its retention period, its 档号 and its
//! folder, and every reason not to write the bag at all, as located diagnostics.

use super::check::LedgerSummary;
use super::dangh::{self, DangH, Entry, Fonds};
use super::layout;
use super::ledger::Ledger;
use crate::catalog::Catalog;
use crate::config::Site;
use crate::diag::{Code, Diagnostic, Pos};
use crate::record::Record;
use crate::values::Retention;

/// One record in the bag.
#[derive(Debug, Clone)]
pub struct Planned {
    /// Index into `Catalog.records`.
    pub record: usize,
    pub retention: Retention,
    pub dangh: DangH,
    /// The record's folder in the bag.
    pub folder: String,
}

/// The whole bag, items in 档号 order.
#[derive(Debug)]
pub struct Plan {
    pub fonds: Fonds,
    pub items: Vec<Planned>,
    pub ledger: LedgerSummary,
}

/// The retention period of a record: its own, else its catalog node's (inherited down the
/// tree), else the `archive.retention` default for its kind.
pub fn retention(site: &Site, r: &Record) -> Option<Retention> {
    r.retention
        .or(site.catalog.nodes[r.node].retention)
        .or_else(|| site.config.archive.retention.get(&r.kind).copied())
}

fn config_error(site_field: &str, message: crate::i18n::Msg) -> Diagnostic {
    Diagnostic::error(
        Code::ConfigInvalid,
        crate::config::FILE_NAME,
        Pos::new(1, 1),
        message,
    )
    .field(site_field)
}

/// Plans the bag of `year`, or says why there can be none.
pub fn plan(
    site: &Site,
    cat: &Catalog,
    ledger: &Ledger,
    year: i32,
) -> Result<Plan, Vec<Diagnostic>> {
    let archive = &site.config.archive;
    let mut diags = Vec::new();
    let fonds = archive.fonds.as_deref().filter(|s| !s.trim().is_empty());
    let org_code = archive.org_code.as_deref().filter(|s| !s.trim().is_empty());
    if fonds.is_none() {
        diags.push(config_error(
            "archive.fonds",
            crate::msg!(
                "archive-needs-field",
                field = "archive.fonds",
                label = "全宗号"
            ),
        ));
    }
    if org_code.is_none() {
        diags.push(config_error(
            "archive.org_code",
            crate::msg!(
                "archive-needs-field",
                field = "archive.org_code",
                label = "机构代码"
            ),
        ));
    }
    let in_year: &[usize] = cat.by_year.get(&year).map_or(&[], Vec::as_slice);
    let mut entries = Vec::with_capacity(in_year.len());
    let mut summary = LedgerSummary {
        present: ledger.present,
        ..LedgerSummary::default()
    };
    for &i in in_year {
        let r = &cat.records[i];
        let Some(published) = r.published else {
            continue;
        };
        let Some(retention) = retention(site, r) else {
            diags.push(
                Diagnostic::error(
                    Code::RetentionMissing,
                    &r.source.path,
                    r.source.pos("retention"),
                    crate::msg!(
                        "archive-no-retention",
                        index_no = r.index_no.to_string(),
                        kind = r.kind.as_str()
                    ),
                )
                .field("retention"),
            );
            continue;
        };
        if ledger.present {
            match ledger.check_source(r) {
                Some(d) => diags.push(d),
                None if ledger.entries(r.index_no.as_str()).is_empty() => {
                    summary.without_entries.push(r.index_no.to_string())
                }
                None => summary.matched += 1,
            }
        }
        let top = site.catalog.ancestry(r.node)[0];
        entries.push(Entry {
            key: i,
            category: &site.catalog.nodes[top].code,
            retention,
            published,
            index_no: &r.index_no,
        });
    }
    let (Some(fonds), Some(org_code), true) = (fonds, org_code, diags.is_empty()) else {
        return Err(diags);
    };
    let fonds = Fonds {
        fonds: fonds.to_string(),
        org_code: org_code.to_string(),
        year,
    };
    let items = dangh::assign(&fonds, &entries)
        .into_iter()
        .map(|(i, d)| {
            let r = &cat.records[i];
            let retention = retention(site, r).expect("checked above");
            let publisher = site
                .publisher(&r.publisher)
                .map_or(r.publisher.as_str(), |p| p.name.as_str());
            Planned {
                record: i,
                retention,
                folder: layout::record_folder(year, retention, publisher, &d),
                dangh: d,
            }
        })
        .collect();
    summary.without_entries.sort();
    Ok(Plan {
        fonds,
        items,
        ledger: summary,
    })
}

//! `gongkai status`: what the next `gongkai publish` would do, and what is waiting — records in
//! review, embargoes opening within a week, and the release gate's warnings. Writes nothing.

use anyhow::Result;
use serde::Serialize;

use crate::build::{self, Options};
use crate::catalog::WithheldReason;
use crate::diag::{Code, Diagnostic};
use crate::ledger::entry::Clock;
use crate::ledger::publish::plan;
use crate::values::Status;

/// How far ahead embargoes are announced.
pub const EMBARGO_HORIZON_DAYS: i64 = 7;

#[derive(Debug, Serialize)]
pub struct Item {
    pub path: String,
    pub index_no: String,
    pub title: String,
    /// For embargoes: when the record opens.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opens: Option<String>,
}

#[derive(Debug, Serialize, Default)]
pub struct SiteStatus {
    /// What the next publish would append to the ledger: new, revised and withdrawn records.
    pub to_publish: Vec<Item>,
    pub to_revise: Vec<Item>,
    pub to_withdraw: Vec<Item>,
    /// `status: review`: waiting for the 保密审查 / release review.
    pub waiting_for_review: Vec<Item>,
    pub drafts: usize,
    pub embargoes_opening: Vec<Item>,
    /// Problems that would stop `publish` or `build`.
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

/// Computes the status of the site at `opts.now`.
pub fn status(opts: &Options) -> Result<SiteStatus> {
    let mut st = SiteStatus::default();
    let model = match build::load(opts) {
        Ok(m) => m,
        Err(diags) => {
            st.errors = diags;
            return Ok(st);
        }
    };
    // Disagreements with the ledger are exactly what publish records (as revise or publish), so
    // they are listed below as such rather than as errors.
    let fixed_by_publish = |d: &Diagnostic| matches!(d.code, Code::LedgerMismatch);
    let (errors, warnings): (Vec<_>, Vec<_>) = model
        .diagnostics
        .iter()
        .filter(|d| !fixed_by_publish(d))
        .cloned()
        .partition(Diagnostic::is_error);
    st.errors = errors;
    st.warnings = warnings;
    let horizon = opts.now.0 + chrono::Duration::days(EMBARGO_HORIZON_DAYS);
    for w in &model.catalog.withheld {
        let r = &w.record;
        let item = |opens: Option<String>| Item {
            path: r.source.path.clone(),
            index_no: r.index_no.to_string(),
            title: r.title.clone(),
            opens,
        };
        match r.status {
            Status::Review => st.waiting_for_review.push(item(None)),
            Status::Draft => st.drafts += 1,
            _ => {}
        }
        for reason in &w.reasons {
            if let WithheldReason::Embargoed(t) = reason
                && t.0 <= horizon
            {
                st.embargoes_opening.push(item(Some(t.to_string())));
            }
        }
    }
    if st.errors.is_empty() {
        let title_of = |ix: &str| {
            model
                .catalog
                .records
                .iter()
                .chain(model.catalog.withheld.iter().map(|w| &w.record))
                .find(|r| r.index_no.as_str() == ix)
                .map(|r| r.title.clone())
                .unwrap_or_default()
        };
        match plan(opts, Clock::System)? {
            Ok(p) => {
                for e in p.entries {
                    let item = Item {
                        title: title_of(&e.index_no),
                        path: e.path,
                        index_no: e.index_no,
                        opens: None,
                    };
                    match e.action {
                        crate::ledger::entry::Action::Revise => st.to_revise.push(item),
                        crate::ledger::entry::Action::Withdraw => st.to_withdraw.push(item),
                        _ => st.to_publish.push(item),
                    }
                }
            }
            Err(diags) => st.errors.extend(diags),
        }
    }
    Ok(st)
}

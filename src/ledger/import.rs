//! `gongkai ledger import`: starts the ledger of a site that already has a history. Each
//! published record (one that passes the gate with a hand-written `published` date) gets one
//! `import` entry carrying that claimed date, oldest first; the entry says it was imported, not
//! witnessed. It refuses a ledger that already has entries.

use anyhow::Result;

use super::FILE_NAME;
use super::chain::{Head, append};
use super::commit::Change;
use super::entry::{Action, Clock, Content, Draft, entry_time};
use crate::build::Options;
use crate::diag::{Code, Diagnostic, Pos};

/// The ledger to write and how many records it imports; `Err` holds what stops the import.
pub fn plan(opts: &Options, clock: Clock) -> Result<Result<(Change, usize), Vec<Diagnostic>>> {
    let text = super::read(&opts.root)?;
    if text.as_deref().is_some_and(|t| !t.is_empty()) {
        return Ok(Err(vec![Diagnostic::error(
            Code::LedgerEntry,
            FILE_NAME,
            Pos::new(1, 1),
            crate::msg!("ledger-import-not-empty"),
        )]));
    }
    let site = match crate::config::load(&opts.root) {
        Ok(s) => s,
        Err(d) => return Ok(Err(d)),
    };
    let loaded = crate::record::load::load_all(&site, &opts.root);
    let (cat, more) = crate::catalog::build(&site, loaded.records, opts.now);
    let mut diags = loaded.diagnostics;
    diags.extend(more);
    if diags.iter().any(Diagnostic::is_error) {
        return Ok(Err(diags));
    }
    let at = entry_time(opts.now);
    let mut published: Vec<_> = cat.records.iter().collect();
    published.sort_by(|a, b| {
        a.published
            .cmp(&b.published)
            .then_with(|| a.index_no.cmp(&b.index_no))
    });
    let drafts: Vec<Draft> = published
        .iter()
        .filter_map(|r| {
            Some(Draft {
                index_no: r.index_no.to_string(),
                action: Action::Import,
                date: r.published?,
                at,
                clock,
                content: Content::of(r),
            })
        })
        .collect();
    let count = drafts.len();
    let (new_text, _) = append("", &Head::empty(), drafts);
    let mut problems = super::reconcile::check(Some(&new_text), &cat).diagnostics;
    problems.retain(Diagnostic::is_error);
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let change = Change {
        path: opts.root.join(FILE_NAME),
        bytes: new_text.into_bytes(),
        old: text.map(String::into_bytes),
    };
    Ok(Ok((change, count)))
}

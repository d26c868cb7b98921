//! The ledger's part in an import. A record the gate publishes at once (it was public on the
//! old site before the import) needs a ledger history, or every later build refuses its
//! hand-written `published` date: each gets one `import` entry carrying that claimed date, as
//! `gongkai ledger import` writes them — one entry per record, because the ledger attests each
//! record's content and date, and the build holds every published record against its own
//! entry. Records held back get their `publish` entry when `gongkai publish` releases them.
//! A site without a ledger is left so (its dates are trusted, with a warning, until
//! `gongkai ledger import` starts one).

use super::Report;
use super::msg;
use super::write::Written;
use crate::build::Options;
use crate::diag::{Code, Diagnostic, Pos};
use crate::ledger::chain::append;
use crate::ledger::commit::{Change, commit};
use crate::ledger::entry::{Action, Clock, Content, Draft, entry_time};
use crate::ledger::{FILE_NAME, reconcile::histories, verify::verify};

/// Appends the entries; the count goes to the report.
pub fn record(
    opts: &Options,
    clock: Clock,
    written: &[Written],
    report: &mut Report,
    diags: &mut Vec<Diagnostic>,
) -> anyhow::Result<()> {
    let Some(text) = crate::ledger::read(&opts.root)? else {
        report.ledger_entries = None;
        return Ok(());
    };
    let verified = verify(&text);
    let mut published: Vec<_> = written
        .iter()
        .filter(|w| w.reasons.is_empty())
        .map(|w| &w.record)
        .collect();
    if published.is_empty() {
        report.ledger_entries = Some(0);
        return Ok(());
    }
    if !verified.is_intact() {
        diags.push(Diagnostic::error(
            Code::LedgerChain,
            FILE_NAME,
            Pos::new(0, 0),
            msg::ledger_broken(),
        ));
        return Ok(());
    }
    let hist = histories(&verified.entries);
    published.retain(|r| !hist.contains_key(r.index_no.as_str()));
    published.sort_by(|a, b| {
        a.published
            .cmp(&b.published)
            .then_with(|| a.index_no.cmp(&b.index_no))
    });
    let at = entry_time(opts.now);
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
    let n = drafts.len();
    let (new_text, _) = append(&text, &verified.head, drafts);
    commit(&[Change {
        path: opts.root.join(FILE_NAME),
        bytes: new_text.into_bytes(),
        old: Some(text.into_bytes()),
    }])?;
    report.ledger_entries = Some(n);
    Ok(())
}

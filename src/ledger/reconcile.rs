//! Holds the published catalog against the ledger. Run by every build and check: a published
//! record must have a ledger history, its `published` date must be the date the ledger attests
//! (no back-dating), and its content must be what the ledger last recorded (no silent edits).
//! A site without a ledger builds with one warning, trusting its hand-written dates.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::FILE_NAME;
use super::entry::{Action, Content};
use super::verify::{Located, verify};
use crate::catalog::Audience;
use crate::catalog::{Catalog, Withheld};
use crate::diag::{Code, Diagnostic, Pos};
use crate::index_no::IndexNo;
use crate::record::Record;
use crate::values::{Date, Status};

/// Each record's ledger entries, in seq order, by 索引号.
pub fn histories(entries: &[Located]) -> BTreeMap<&str, Vec<&Located>> {
    let mut out: BTreeMap<&str, Vec<&Located>> = BTreeMap::new();
    for l in entries {
        out.entry(l.entry.index_no.as_str()).or_default().push(l);
    }
    out
}

/// The outcome of holding a catalog against a ledger.
#[derive(Debug, Default)]
pub struct Reconciled {
    pub diagnostics: Vec<Diagnostic>,
    /// For each published record: the dates of its revisions.
    pub revisions: Vec<Vec<Date>>,
    /// In a draft preview: published records edited since their last entry (a pending
    /// revision, not an error there).
    pub pending: BTreeSet<IndexNo>,
}

/// The build's hook: reads `<root>/ledger.jsonl`, reports every disagreement, and fills
/// `cat.revisions`.
pub fn attach(root: &Path, cat: &mut Catalog) -> Vec<Diagnostic> {
    let text = match super::read(root) {
        Ok(t) => t,
        Err(e) => {
            cat.revisions = vec![Vec::new(); cat.records.len()];
            let d = Diagnostic::error(
                Code::Unreadable,
                FILE_NAME,
                Pos::new(0, 0),
                crate::msg!("ledger-unreadable", error = format!("{e:#}")),
            );
            return vec![d];
        }
    };
    let r = check(text.as_deref(), cat);
    cat.revisions = r.revisions;
    cat.pending_revision = r.pending;
    r.diagnostics
}

/// Holds `cat` against the ledger `text` (`None`: the site has no ledger).
pub fn check(text: Option<&str>, cat: &Catalog) -> Reconciled {
    let mut out = Reconciled {
        diagnostics: Vec::new(),
        revisions: vec![Vec::new(); cat.records.len()],
        pending: BTreeSet::new(),
    };
    let Some(text) = text else {
        // Nothing published yet: nothing whose date could be doubted.
        if cat.records.is_empty() {
            return out;
        }
        out.diagnostics.push(Diagnostic::warning(
            Code::NoLedger,
            FILE_NAME,
            Pos::new(0, 0),
            crate::msg!("ledger-missing"),
        ));
        return out;
    };
    let verified = verify(text);
    out.diagnostics = verified.diagnostics;
    out.diagnostics
        .extend(unknown_index_nos(&verified.entries, cat));
    if out.diagnostics.iter().any(Diagnostic::is_error) {
        // Records are not held against a broken ledger: fix the ledger first.
        return out;
    }
    let hist = histories(&verified.entries);
    let preview = cat.audience == Audience::Preview;
    for (i, r) in cat.records.iter().enumerate() {
        // A draft or a record in review shown by a preview has no publication to check.
        if cat.preview_only.contains(&r.index_no) {
            continue;
        }
        let h = hist
            .get(r.index_no.as_str())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let (diags, edited) = check_published(r, h, preview);
        out.diagnostics.extend(diags);
        if edited {
            out.pending.insert(r.index_no.clone());
        }
        out.revisions[i] = revision_dates(h);
    }
    for w in &cat.withheld {
        if let Some(h) = hist.get(w.record.index_no.as_str()) {
            out.diagnostics.extend(check_withheld(w, h));
        }
    }
    out
}

fn unknown_index_nos(entries: &[Located], cat: &Catalog) -> Vec<Diagnostic> {
    let known: BTreeSet<&str> = cat
        .records
        .iter()
        .chain(cat.withheld.iter().map(|w| &w.record))
        .map(|r| r.index_no.as_str())
        .collect();
    entries
        .iter()
        .filter(|l| !known.contains(l.entry.index_no.as_str()))
        .map(|l| {
            Diagnostic::error(
                Code::LedgerEntry,
                FILE_NAME,
                Pos::new(l.line, 1),
                crate::msg!(
                    "ledger-unknown-index",
                    index_no = l.entry.index_no.to_string()
                ),
            )
            .field("index_no")
        })
        .collect()
}

fn revision_dates(history: &[&Located]) -> Vec<Date> {
    let mut dates: Vec<Date> = history
        .iter()
        .filter(|l| l.entry.action == Action::Revise)
        .map(|l| l.entry.date)
        .collect();
    dates.dedup();
    dates
}

fn mismatch(r: &Record, field: Option<&str>, message: crate::i18n::Msg) -> Diagnostic {
    let pos = field.map_or(Pos::new(1, 1), |f| r.source.pos(f));
    let d = Diagnostic::error(Code::LedgerMismatch, &r.source.path, pos, message);
    match field {
        Some(f) => d.field(f),
        None => d,
    }
}

/// A published record against its history, and whether it was edited since its last entry
/// (in a `preview`, an edit is a pending revision, not an error).
fn check_published(r: &Record, history: &[&Located], preview: bool) -> (Vec<Diagnostic>, bool) {
    let Some(last) = history.last() else {
        let published = r.published.map(|d| d.to_string()).unwrap_or_default();
        return (
            vec![mismatch(
                r,
                Some("published"),
                crate::msg!(
                    "ledger-no-entry",
                    published = published,
                    ledger = FILE_NAME,
                    index_no = r.index_no.to_string()
                ),
            )],
            false,
        );
    };
    if last.entry.action == Action::Withdraw {
        return (
            vec![mismatch(
                r,
                Some("status"),
                crate::msg!("ledger-republished", ledger = FILE_NAME, line = last.line),
            )],
            false,
        );
    }
    let mut out = Vec::new();
    let start = history
        .iter()
        .rev()
        .find(|l| matches!(l.entry.action, Action::Publish | Action::Import));
    if let (Some(start), Some(p)) = (start, r.published)
        && start.entry.date != p
    {
        out.push(mismatch(
            r,
            Some("published"),
            crate::msg!(
                "ledger-date-changed",
                published = p.to_string(),
                ledger = FILE_NAME,
                line = start.line,
                recorded = start.entry.date.to_string()
            ),
        ));
    }
    let changes = content_changes(r, last);
    let edited = !changes.is_empty();
    if !preview {
        out.extend(changes);
    }
    (out, edited)
}

/// What changed since the last entry: the record file, or which attachments.
fn content_changes(r: &Record, last: &Located) -> Vec<Diagnostic> {
    let now = Content::of(r);
    if now.sha256() == last.entry.content_sha256 {
        return Vec::new();
    }
    let mut out = Vec::new();
    if now.source_sha256 != last.entry.source_sha256 {
        out.push(mismatch(
            r,
            None,
            crate::msg!(
                "ledger-file-changed",
                now = short(&now.source_sha256),
                ledger = FILE_NAME,
                line = last.line,
                recorded = short(&last.entry.source_sha256)
            ),
        ));
    }
    let recorded: BTreeMap<&str, &str> = last
        .entry
        .attachments
        .iter()
        .map(|a| (a.file.as_str(), a.sha256.as_str()))
        .collect();
    let current: BTreeMap<&str, &str> = now
        .attachments
        .iter()
        .map(|a| (a.file.as_str(), a.sha256.as_str()))
        .collect();
    for file in recorded
        .keys()
        .chain(current.keys())
        .collect::<BTreeSet<_>>()
    {
        let what = match (recorded.get(file), current.get(file)) {
            (Some(a), Some(b)) if a == b => continue,
            (Some(_), Some(_)) => "changed",
            (Some(_), None) => "removed",
            _ => "added",
        };
        out.push(mismatch(
            r,
            Some("attachments"),
            crate::msg!(
                "ledger-attachment-changed",
                file = *file,
                what = what,
                ledger = FILE_NAME,
                line = last.line
            ),
        ));
    }
    if out.is_empty() {
        out.push(mismatch(
            r,
            None,
            crate::msg!(
                "ledger-content-changed",
                ledger = FILE_NAME,
                line = last.line
            ),
        ));
    }
    out
}

fn short(hash: &str) -> &str {
    &hash[..hash.len().min(12)]
}

/// A withheld record that the ledger still shows published.
fn check_withheld(w: &Withheld, history: &[&Located]) -> Option<Diagnostic> {
    let last = history.last()?;
    if last.entry.action == Action::Withdraw {
        return None;
    }
    let r = &w.record;
    let message = if r.status == Status::Withdrawn {
        crate::msg!(
            "ledger-withdrawal-unrecorded",
            ledger = FILE_NAME,
            line = last.line
        )
    } else {
        let reasons: Vec<String> = w.reasons.iter().map(ToString::to_string).collect();
        crate::msg!(
            "ledger-withheld-unrecorded",
            ledger = FILE_NAME,
            line = last.line,
            reasons = reasons.join("; ")
        )
    };
    Some(
        Diagnostic::warning(
            Code::LedgerUnrecorded,
            &r.source.path,
            r.source.pos("status"),
            message,
        )
        .field("status"),
    )
}

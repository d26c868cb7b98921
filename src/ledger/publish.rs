//! `gongkai publish`: plans the ledger entries and record edits a site needs, checks the site as
//! it will be after them, and only then writes (through [`super::commit`]).
//!
//! For each record, by 索引号: one that passes the gate but for a missing `published` date gets
//! `published: <today>` and a `publish` entry (so does a re-released withdrawn record, and one
//! with a hand-written date on a site that already has a ledger); a published record whose
//! content differs from its last entry gets `revise`; a `status: withdrawn` record the ledger
//! still shows published gets `withdraw`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::FILE_NAME;
use super::chain::append;
use super::commit::Change;
use super::entry::{Action, Clock, Content, Draft, entry_time};
use super::reconcile::{self, histories};
use super::stamp::stamp_published;
use super::verify::{Located, verify};
use crate::build::Options;
use crate::catalog::{self, WithheldReason, gate::withheld_reasons};
use crate::config::Site;
use crate::diag::{Code, Diagnostic, Pos};
use crate::record::Record;
use crate::record::convert::parse_record;
use crate::values::{Instant, Status};

/// What publish will do to one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Stamp `published: <today>` and append `publish`.
    Stamp,
    Revise,
    Withdraw,
    /// A hand-written date on a site without a ledger: import first.
    NeedsImport,
}

/// One planned ledger entry, for the report.
#[derive(Debug, Clone)]
pub struct Planned {
    pub action: Action,
    pub path: String,
    pub index_no: String,
}

/// Everything publish will write: record files first, the ledger last.
#[derive(Debug)]
pub struct Plan {
    pub changes: Vec<Change>,
    pub entries: Vec<Planned>,
}

/// Plans a publish at `opts.now`. `Err` holds the diagnostics that stop it: nothing is written.
pub fn plan(opts: &Options, clock: Clock) -> Result<Result<Plan, Vec<Diagnostic>>> {
    let site = match crate::config::load(&opts.root) {
        Ok(s) => s,
        Err(d) => return Ok(Err(d)),
    };
    let loaded = crate::record::load::load_all(&site, &opts.root);
    if loaded.diagnostics.iter().any(Diagnostic::is_error) {
        return Ok(Err(loaded.diagnostics));
    }
    let text = super::read(&opts.root)?;
    let verified = verify(text.as_deref().unwrap_or(""));
    if !verified.is_intact() {
        return Ok(Err(verified.diagnostics));
    }
    let mut records = loaded.records;
    records.sort_by(|a, b| a.index_no.cmp(&b.index_no));
    let ctx = Ctx {
        site: &site,
        root: &opts.root,
        now: opts.now,
        clock,
        has_ledger: text.is_some(),
    };
    let mut steps = take_steps(&ctx, &mut records, &verified.entries);
    if !steps.blocked.is_empty() {
        crate::diag::sort(&mut steps.blocked);
        return Ok(Err(steps.blocked));
    }
    let (new_text, _) = append(text.as_deref().unwrap_or(""), &verified.head, steps.drafts);
    let problems = check_after(&site, records, &new_text, opts.now);
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    if text.as_deref() != Some(new_text.as_str()) {
        steps.changes.push(Change {
            path: opts.root.join(FILE_NAME),
            bytes: new_text.into_bytes(),
            old: text.map(String::into_bytes),
        });
    }
    Ok(Ok(Plan {
        changes: steps.changes,
        entries: steps.entries,
    }))
}

struct Ctx<'a> {
    site: &'a Site,
    root: &'a Path,
    now: Instant,
    clock: Clock,
    has_ledger: bool,
}

/// What the records need: file changes, ledger drafts, and what stops the publish.
#[derive(Default)]
struct Steps {
    changes: Vec<Change>,
    drafts: Vec<Draft>,
    entries: Vec<Planned>,
    blocked: Vec<Diagnostic>,
}

/// Decides each record's step and prepares it; stamped records are replaced by their re-read
/// selves, so the site can be checked as it will be.
fn take_steps(ctx: &Ctx, records: &mut [Record], ledger: &[Located]) -> Steps {
    let hist = histories(ledger);
    let at = entry_time(ctx.now);
    let mut out = Steps::default();
    let mut hand_dated = Vec::new();
    for r in records.iter_mut() {
        let history = hist.get(r.index_no.as_str()).map_or(&[][..], Vec::as_slice);
        let action = match decide(r, history, ctx.has_ledger, ctx.now) {
            None => continue,
            Some(Step::NeedsImport) => {
                hand_dated.push(r.source.path.clone());
                continue;
            }
            Some(Step::Stamp) => {
                match stamp(ctx.site, ctx.root, r, at) {
                    Ok((change, stamped)) => {
                        out.changes.push(change);
                        *r = stamped;
                    }
                    Err(d) => out.blocked.push(d),
                }
                Action::Publish
            }
            Some(Step::Revise) => Action::Revise,
            Some(Step::Withdraw) => Action::Withdraw,
        };
        let index_no = r.index_no.to_string();
        out.entries.push(Planned {
            action,
            path: r.source.path.clone(),
            index_no: index_no.clone(),
        });
        out.drafts.push(Draft {
            index_no,
            action,
            date: at.date(),
            at,
            clock: ctx.clock,
            content: Content::of(r),
        });
    }
    if !hand_dated.is_empty() {
        hand_dated.sort();
        out.blocked.push(needs_import(&hand_dated));
    }
    out
}

fn decide(r: &Record, history: &[&Located], has_ledger: bool, now: Instant) -> Option<Step> {
    let reasons = withheld_reasons(r, now);
    let last = history.last().map(|l| l.entry.action);
    let live = last.is_some_and(|a| a != Action::Withdraw);
    if reasons.is_empty() {
        return match history.last() {
            None if !has_ledger => Some(Step::NeedsImport),
            None => Some(Step::Stamp),
            Some(l) if l.entry.action == Action::Withdraw => Some(Step::Stamp),
            Some(l) if Content::of(r).sha256() != l.entry.content_sha256 => Some(Step::Revise),
            Some(_) => None,
        };
    }
    if reasons == [WithheldReason::NotYetPublished] && !live {
        return Some(Step::Stamp);
    }
    (r.status == Status::Withdrawn && live).then_some(Step::Withdraw)
}

/// One error for all records with hand-written dates on a site without a ledger.
fn needs_import(paths: &[String]) -> Diagnostic {
    Diagnostic::error(
        Code::LedgerMismatch,
        FILE_NAME,
        Pos::new(0, 0),
        crate::msg!(
            "publish-needs-import",
            count = paths.len(),
            first = paths.first().map_or("", String::as_str)
        ),
    )
}

/// The record file with `published` stamped, and the record re-read from those bytes.
fn stamp(
    site: &Site,
    root: &Path,
    r: &Record,
    at: Instant,
) -> Result<(Change, Record), Diagnostic> {
    let fail = |msg: crate::i18n::Msg| {
        Diagnostic::error(Code::LedgerMismatch, &r.source.path, Pos::new(1, 1), msg)
            .field("published")
    };
    let path: PathBuf = root.join(&r.source.path);
    let old = std::fs::read(&path)
        .with_context(|| format!("cannot read {}", path.display()))
        .map_err(|e| fail(crate::msg!("publish-unreadable", error = format!("{e:#}"))))?;
    if crate::hash::sha256_hex(&old) != r.source.sha256 {
        return Err(fail(crate::msg!("publish-changed-meanwhile")));
    }
    let is_md = path.extension().is_some_and(|e| e == "md");
    let bytes = stamp_published(&old, is_md, at.date())
        .map_err(|e| fail(crate::msg!("publish-cannot-stamp", error = e.to_string())))?;
    let parsed = parse_record(site, root, Path::new(&r.source.path), &bytes);
    match parsed.record {
        Some(rec)
            if rec.published == Some(at.date())
                && !parsed.diagnostics.iter().any(Diagnostic::is_error) =>
        {
            Ok((
                Change {
                    path,
                    bytes,
                    old: Some(old),
                },
                rec,
            ))
        }
        _ => Err(fail(crate::msg!("publish-stamp-breaks"))),
    }
}

/// The errors the site would have after the publish: catalog checks and the ledger.
fn check_after(site: &Site, records: Vec<Record>, ledger: &str, now: Instant) -> Vec<Diagnostic> {
    let (cat, mut diags) = catalog::build(site, records, now);
    diags.extend(reconcile::check(Some(ledger), &cat).diagnostics);
    diags.retain(Diagnostic::is_error);
    crate::diag::sort(&mut diags);
    diags
}

/// Counts of planned entries by action, for the summary line.
pub fn counts(entries: &[Planned]) -> BTreeMap<&'static str, usize> {
    let mut out = BTreeMap::new();
    for e in entries {
        *out.entry(e.action.as_str()).or_insert(0) += 1;
    }
    out
}

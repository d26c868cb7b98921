//! Proves a ledger file: every line a well-formed entry, written as gongkai writes it, the seq
//! numbers complete and in order, each `prev` the hash of the entry before, the clock never
//! going back, and each record's actions in a possible order. Each break is located on the line
//! where it happened: an edited, deleted, inserted, reordered or cut line.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::FILE_NAME;
use super::chain::{GENESIS, Head, RawLine, line_hash, lines, to_line};
use super::entry::{Action, Entry, is_sha256_hex};
use crate::diag::{Code, Diagnostic, Pos};

/// An entry and the ledger line it is on.
#[derive(Debug, Clone)]
pub struct Located {
    pub line: u32,
    pub entry: Entry,
}

/// The outcome of verifying a ledger.
#[derive(Debug)]
pub struct Verified {
    /// The readable entries in seq order (for an intact ledger, also file order).
    pub entries: Vec<Located>,
    /// Where the next entry continues the chain (meaningful when intact).
    pub head: Head,
    pub diagnostics: Vec<Diagnostic>,
}

impl Verified {
    pub fn is_intact(&self) -> bool {
        !self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

fn err(code: Code, line: u32, col: u32, message: impl Into<crate::diag::Message>) -> Diagnostic {
    Diagnostic::error(code, FILE_NAME, Pos::new(line, col), message)
}

/// A readable line, with the seq it really holds after an edited seq is recognised.
struct Item {
    no: u32,
    hash: String,
    seq: u64,
    entry: Entry,
    removed: bool,
}

pub fn verify(text: &str) -> Verified {
    let raw = lines(text);
    let mut diags = Vec::new();
    let mut items: Vec<Item> = raw
        .iter()
        .filter_map(|l| parse_line(l, &mut diags))
        .collect();
    fix_edited_seqs(&mut items, &mut diags);
    mark_inserted(&mut items, &mut diags);
    report_deleted(&items, &mut diags);
    report_out_of_order(&items, &mut diags);
    check_links(&items, &mut diags);
    let mut live: Vec<&Item> = items.iter().filter(|i| !i.removed).collect();
    live.sort_by_key(|i| i.seq);
    let entries: Vec<Located> = live
        .iter()
        .map(|i| Located {
            line: i.no,
            entry: i.entry.clone(),
        })
        .collect();
    diags.extend(check_actions(&entries));
    let head = match raw.last() {
        None => Head::empty(),
        Some(l) => Head {
            next_seq: live.last().map_or(1, |i| i.seq + 1),
            hash: line_hash(l.text),
        },
    };
    crate::diag::sort(&mut diags);
    Verified {
        entries,
        head,
        diagnostics: diags,
    }
}

/// Parses one line and checks it on its own: JSON, keys, canonical form, hashes.
fn parse_line(l: &RawLine<'_>, diags: &mut Vec<Diagnostic>) -> Option<Item> {
    if l.text.trim().is_empty() {
        let what = if l.terminated { "blank" } else { "trailing" };
        diags.push(err(
            Code::LedgerSyntax,
            l.no,
            1,
            crate::msg!("ledger-blank-line", what = what),
        ));
        return None;
    }
    let entry: Entry = match serde_json::from_str(l.text) {
        Ok(e) => e,
        Err(e) => {
            let mut msg = e.to_string();
            if let Some(i) = msg.rfind(" at line ") {
                msg.truncate(i);
            }
            let message = if l.terminated {
                crate::msg!("ledger-invalid-entry", error = msg)
            } else {
                crate::msg!("ledger-truncated", error = msg)
            };
            diags.push(err(
                Code::LedgerSyntax,
                l.no,
                e.column().max(1) as u32,
                message,
            ));
            return None;
        }
    };
    if !l.terminated {
        diags.push(err(
            Code::LedgerSyntax,
            l.no,
            1,
            crate::msg!("ledger-no-newline"),
        ));
    }
    if to_line(&entry) != l.text {
        diags.push(err(
            Code::LedgerSyntax,
            l.no,
            1,
            crate::msg!("ledger-not-canonical"),
        ));
    }
    diags.extend(self_check(&entry, l.no));
    Some(Item {
        no: l.no,
        hash: line_hash(l.text),
        seq: entry.seq,
        entry,
        removed: false,
    })
}

/// Hash formats, attachment order and the content hash of one entry.
fn self_check(e: &Entry, no: u32) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if e.seq == 0 {
        out.push(err(Code::LedgerEntry, no, 1, crate::msg!("ledger-seq-zero")).field("seq"));
    }
    let hashes = [
        ("source_sha256", &e.source_sha256),
        ("content_sha256", &e.content_sha256),
        ("prev", &e.prev),
    ];
    let attachments = e
        .attachments
        .iter()
        .map(|a| ("attachments.sha256", &a.sha256));
    for (field, value) in hashes.into_iter().chain(attachments) {
        if !is_sha256_hex(value) {
            out.push(
                err(
                    Code::LedgerEntry,
                    no,
                    1,
                    crate::msg!("ledger-not-sha256", field = field, value = value.as_str()),
                )
                .field(field),
            );
        }
    }
    if e.attachments.windows(2).any(|w| w[0].file >= w[1].file) {
        out.push(
            err(
                Code::LedgerEntry,
                no,
                1,
                crate::msg!("ledger-attachments-unsorted"),
            )
            .field("attachments"),
        );
    }
    if e.content().sha256() != e.content_sha256 {
        out.push(
            err(Code::LedgerEntry, no, 1, crate::msg!("ledger-content-hash"))
                .field("content_sha256"),
        );
    }
    out
}

/// A line whose `prev` proves it follows the line above, yet whose seq does not: its seq was
/// edited. It is reported, and its true seq is used from here on.
fn fix_edited_seqs(items: &mut [Item], diags: &mut Vec<Diagnostic>) {
    for i in 0..items.len() {
        let expected = if items[i].no == 1 && items[i].entry.prev == GENESIS {
            Some((1, "first", 0, 0))
        } else if i > 0
            && items[i - 1].no + 1 == items[i].no
            && items[i].entry.prev == items[i - 1].hash
        {
            Some((
                items[i - 1].seq + 1,
                "follows",
                items[i - 1].seq,
                items[i - 1].no,
            ))
        } else {
            None
        };
        if let Some((seq, why, after_seq, after_line)) = expected
            && items[i].seq != seq
        {
            let m = crate::msg!(
                "ledger-seq-edited",
                seq = items[i].seq,
                why = why,
                after_seq = after_seq,
                after_line = after_line
            );
            diags.push(err(Code::LedgerChain, items[i].no, 1, m).field("seq"));
            items[i].seq = seq;
        }
    }
}

/// Of two lines with one seq, the one no other line's `prev` vouches for was inserted.
fn mark_inserted(items: &mut [Item], diags: &mut Vec<Diagnostic>) {
    let vouched: HashSet<String> = items.iter().map(|i| i.entry.prev.clone()).collect();
    let mut by_seq: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
    for (k, i) in items.iter().enumerate() {
        by_seq.entry(i.seq).or_default().push(k);
    }
    for same in by_seq.values().filter(|v| v.len() > 1) {
        let genuine = same
            .iter()
            .copied()
            .find(|&k| vouched.contains(&items[k].hash))
            .unwrap_or(same[0]);
        for &k in same.iter().filter(|&&k| k != genuine) {
            let m = crate::msg!(
                "ledger-inserted",
                line = items[k].no,
                seq = items[k].seq,
                genuine = items[genuine].no
            );
            diags.push(err(Code::LedgerChain, items[k].no, 1, m));
            items[k].removed = true;
        }
    }
}

/// Seq numbers missing below the highest one: entries deleted, reported where they stood.
fn report_deleted(items: &[Item], diags: &mut Vec<Diagnostic>) {
    let present: BTreeMap<u64, u32> = items
        .iter()
        .filter(|i| !i.removed)
        .map(|i| (i.seq, i.no))
        .collect();
    let Some(&max) = present.keys().next_back() else {
        return;
    };
    let mut s = 1;
    while s < max {
        if present.contains_key(&s) {
            s += 1;
            continue;
        }
        let start = s;
        while !present.contains_key(&s) {
            s += 1;
        }
        let line = present[&s];
        let m = crate::msg!(
            "ledger-deleted",
            many = if s - start == 1 { "one" } else { "many" },
            first = start,
            last = s - 1,
            line = line,
            seq = s
        );
        diags.push(err(Code::LedgerChain, line, 1, m));
    }
}

/// Lines outside the longest run of increasing seqs were moved.
fn report_out_of_order(items: &[Item], diags: &mut Vec<Diagnostic>) {
    let live: Vec<&Item> = items.iter().filter(|i| !i.removed).collect();
    let seqs: Vec<u64> = live.iter().map(|i| i.seq).collect();
    let keep = longest_increasing(&seqs);
    let line_of: BTreeMap<u64, u32> = live.iter().map(|i| (i.seq, i.no)).collect();
    for (k, i) in live.iter().enumerate() {
        if keep.contains(&k) {
            continue;
        }
        let (place, at, next) = match (
            line_of.get(&(i.seq.wrapping_sub(1))),
            line_of.get(&(i.seq + 1)),
        ) {
            (Some(l), _) => ("after", *l, i.seq - 1),
            (None, Some(l)) => ("before", *l, i.seq + 1),
            (None, None) => ("alone", 0, 0),
        };
        let m = crate::msg!(
            "ledger-out-of-order",
            line = i.no,
            seq = i.seq,
            place = place,
            at = at,
            next = next
        );
        diags.push(err(Code::LedgerChain, i.no, 1, m));
    }
}

/// Indexes of one longest strictly increasing subsequence (patience sorting, O(n log n)).
fn longest_increasing(seqs: &[u64]) -> BTreeSet<usize> {
    let mut tails: Vec<usize> = Vec::new();
    let mut parent: Vec<Option<usize>> = vec![None; seqs.len()];
    for (k, &s) in seqs.iter().enumerate() {
        let pos = tails.partition_point(|&t| seqs[t] < s);
        parent[k] = pos.checked_sub(1).map(|p| tails[p]);
        if pos == tails.len() {
            tails.push(k);
        } else {
            tails[pos] = k;
        }
    }
    let mut out = BTreeSet::new();
    let mut cur = tails.last().copied();
    while let Some(k) = cur {
        out.insert(k);
        cur = parent[k];
    }
    out
}

/// Each entry's `prev` against the line holding the seq before it, wherever that line is, and
/// the clock between them.
fn check_links(items: &[Item], diags: &mut Vec<Diagnostic>) {
    let by_seq: BTreeMap<u64, &Item> = items
        .iter()
        .filter(|i| !i.removed)
        .map(|i| (i.seq, i))
        .collect();
    for (&s, b) in &by_seq {
        if s == 0 {
            continue;
        }
        if s == 1 {
            if b.entry.prev != GENESIS {
                diags.push(
                    err(Code::LedgerChain, b.no, 1, crate::msg!("ledger-first-prev")).field("prev"),
                );
            }
            continue;
        }
        let Some(a) = by_seq.get(&(s - 1)) else {
            continue;
        };
        if b.entry.prev != a.hash {
            let m = crate::msg!(
                "ledger-line-edited",
                line = a.no,
                by = b.no,
                seq = s,
                recorded = short(&b.entry.prev),
                now = short(&a.hash)
            );
            diags.push(err(Code::LedgerChain, a.no, 1, m));
        }
        if b.entry.at < a.entry.at {
            diags.push(
                err(
                    Code::LedgerClock,
                    b.no,
                    1,
                    crate::msg!(
                        "ledger-clock-backwards",
                        at = b.entry.at.to_string(),
                        before = a.entry.at.to_string(),
                        line = a.no
                    ),
                )
                .field("at"),
            );
        }
    }
}

fn short(hash: &str) -> &str {
    &hash[..hash.len().min(12)]
}

/// Each record's actions in a possible order, and dates that fit them.
pub fn check_actions(entries: &[Located]) -> Vec<Diagnostic> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Live(u32),
        Withdrawn(u32),
    }
    let mut state: BTreeMap<&str, State> = BTreeMap::new();
    let mut out = Vec::new();
    for Located { line, entry: e } in entries {
        let before = state.get(e.index_no.as_str()).copied();
        let problem = match (e.action, before) {
            (Action::Publish, Some(State::Live(l))) => Some(crate::msg!(
                "ledger-published-again",
                index_no = e.index_no.to_string(),
                line = l
            )),
            (Action::Import, Some(State::Live(l) | State::Withdrawn(l))) => Some(crate::msg!(
                "ledger-imported-again",
                index_no = e.index_no.to_string(),
                line = l
            )),
            (Action::Revise | Action::Withdraw, None) => Some(crate::msg!(
                "ledger-action-unpublished",
                action = e.action.as_str(),
                index_no = e.index_no.to_string()
            )),
            (Action::Revise | Action::Withdraw, Some(State::Withdrawn(l))) => Some(crate::msg!(
                "ledger-action-withdrawn",
                action = e.action.as_str(),
                index_no = e.index_no.to_string(),
                line = l
            )),
            _ => None,
        };
        if let Some(p) = problem {
            out.push(err(Code::LedgerEntry, *line, 1, p).field("action"));
        }
        let day = e.at.date();
        if e.action == Action::Import && e.date > day {
            out.push(
                err(
                    Code::LedgerEntry,
                    *line,
                    1,
                    crate::msg!(
                        "ledger-import-future",
                        date = e.date.to_string(),
                        at = e.at.to_string()
                    ),
                )
                .field("date"),
            );
        } else if e.action != Action::Import && e.date != day {
            out.push(
                err(
                    Code::LedgerEntry,
                    *line,
                    1,
                    crate::msg!(
                        "ledger-date-not-day",
                        action = e.action.as_str(),
                        date = e.date.to_string(),
                        at = e.at.to_string()
                    ),
                )
                .field("date"),
            );
        }
        let next = match e.action {
            Action::Withdraw => State::Withdrawn(*line),
            _ => State::Live(*line),
        };
        state.insert(&e.index_no, next);
    }
    out
}

#[cfg(test)]
mod tests;

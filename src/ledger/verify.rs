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

fn err(code: Code, line: u32, col: u32, message: String) -> Diagnostic {
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
        let what = if l.terminated {
            "blank line"
        } else {
            "stray whitespace at the end"
        };
        diags.push(err(
            Code::LedgerSyntax,
            l.no,
            1,
            format!("{what}: every line must be one entry"),
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
                format!("not a valid ledger entry: {msg}")
            } else {
                format!(
                    "the last line is cut short (not a complete entry, no newline): the ledger was truncated ({msg})"
                )
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
            "the last line does not end with a newline: the ledger was cut short or edited by hand"
                .into(),
        ));
    }
    if to_line(&entry) != l.text {
        diags.push(err(Code::LedgerSyntax, l.no, 1, "the line is not written the way gongkai writes entries (spacing, key order or number format changed): it was edited by hand".into()));
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
        out.push(err(Code::LedgerEntry, no, 1, "\"seq\" starts at 1".into()).field("seq"));
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
                    format!("\"{field}\" is not a SHA-256 (64 lowercase hex digits): \"{value}\""),
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
                "\"attachments\" are not sorted by file without repeats".into(),
            )
            .field("attachments"),
        );
    }
    if e.content().sha256() != e.content_sha256 {
        out.push(err(Code::LedgerEntry, no, 1, "\"content_sha256\" is not the hash of source_sha256 and the attachment hashes: the line was edited".into()).field("content_sha256"));
    }
    out
}

/// A line whose `prev` proves it follows the line above, yet whose seq does not: its seq was
/// edited. It is reported, and its true seq is used from here on.
fn fix_edited_seqs(items: &mut [Item], diags: &mut Vec<Diagnostic>) {
    for i in 0..items.len() {
        let expected = if items[i].no == 1 && items[i].entry.prev == GENESIS {
            Some((1, "it is the first entry".to_string()))
        } else if i > 0
            && items[i - 1].no + 1 == items[i].no
            && items[i].entry.prev == items[i - 1].hash
        {
            Some((
                items[i - 1].seq + 1,
                format!(
                    "its prev shows it follows seq {} on line {}",
                    items[i - 1].seq,
                    items[i - 1].no
                ),
            ))
        } else {
            None
        };
        if let Some((seq, why)) = expected
            && items[i].seq != seq
        {
            diags.push(
                err(
                    Code::LedgerChain,
                    items[i].no,
                    1,
                    format!("seq is {}, but {why}: the seq was edited", items[i].seq),
                )
                .field("seq"),
            );
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
            diags.push(err(Code::LedgerChain, items[k].no, 1, format!(
                "line {} was inserted: entry seq {} is already on line {}, which the chain vouches for",
                items[k].no, items[k].seq, items[genuine].no
            )));
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
        let what = if s - start == 1 {
            format!("entry seq {start} was")
        } else {
            format!("entries seq {start}–{} were", s - 1)
        };
        diags.push(err(
            Code::LedgerChain,
            line,
            1,
            format!("{what} deleted before line {line} (which holds seq {s})"),
        ));
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
        let place = match (
            line_of.get(&(i.seq.wrapping_sub(1))),
            line_of.get(&(i.seq + 1)),
        ) {
            (Some(l), _) => format!("it belongs after line {l} (seq {})", i.seq - 1),
            (None, Some(l)) => format!("it belongs before line {l} (seq {})", i.seq + 1),
            (None, None) => "its neighbours are missing".into(),
        };
        diags.push(err(
            Code::LedgerChain,
            i.no,
            1,
            format!(
                "line {} is out of order: entry seq {}; {place}",
                i.no, i.seq
            ),
        ));
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
                diags.push(err(Code::LedgerChain, b.no, 1, "the first entry's prev must be 64 zeros: lines before it were deleted or it was edited".into()).field("prev"));
            }
            continue;
        }
        let Some(a) = by_seq.get(&(s - 1)) else {
            continue;
        };
        if b.entry.prev != a.hash {
            diags.push(err(Code::LedgerChain, a.no, 1, format!(
                "line {} was edited: line {} (seq {s}) recorded its SHA-256 as {}…, it now hashes to {}…",
                a.no, b.no, short(&b.entry.prev), short(&a.hash)
            )));
        }
        if b.entry.at < a.entry.at {
            diags.push(
                err(
                    Code::LedgerClock,
                    b.no,
                    1,
                    format!(
                        "the clock went backwards: at {} is earlier than {} on line {}",
                        b.entry.at, a.entry.at, a.no
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
            (Action::Publish, Some(State::Live(l))) => Some(format!(
                "{} is published again, but line {l} already published it and it was not withdrawn",
                e.index_no
            )),
            (Action::Import, Some(State::Live(l) | State::Withdrawn(l))) => Some(format!(
                "{} is imported, but line {l} already records it: import only starts a history",
                e.index_no
            )),
            (Action::Revise | Action::Withdraw, None) => Some(format!(
                "{} of {}, which no earlier line publishes",
                e.action.as_str(),
                e.index_no
            )),
            (Action::Revise | Action::Withdraw, Some(State::Withdrawn(l))) => Some(format!(
                "{} of {}, which line {l} withdrew",
                e.action.as_str(),
                e.index_no
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
                    format!(
                        "an import claims the date {}, after it was made ({})",
                        e.date, e.at
                    ),
                )
                .field("date"),
            );
        } else if e.action != Action::Import && e.date != day {
            out.push(err(Code::LedgerEntry, *line, 1, format!("a {} entry attests the day it was made, but its date {} is not the day of {}", e.action.as_str(), e.date, e.at)).field("date"));
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

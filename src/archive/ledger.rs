//! A reader for the publication ledger (`<site>/ledger.jsonl`, one JSON object a line), for what
//! the archive needs: each record's entries, to put in its metadata, and the source hash of its
//! last entry, which the archived source file must match. The ledger's own rules (the hash chain,
//! dates) are checked by the ledger module; this reader only types the lines.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diag::{Code, Diagnostic, Pos};
use crate::record::Record;

pub const FILE_NAME: &str = "ledger.jsonl";

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Attachment {
    pub file: String,
    pub sha256: String,
}

/// One ledger line, with the fields in the ledger's own order.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Entry {
    pub seq: u64,
    pub index_no: String,
    /// publish | revise | withdraw | import.
    pub action: String,
    /// YYYY-MM-DD.
    pub date: String,
    /// RFC 3339.
    pub at: String,
    /// system | injected.
    pub clock: String,
    pub source_sha256: String,
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    pub content_sha256: String,
    pub prev: Option<String>,
}

/// The ledger of a site: absent, or its entries per 索引号 in `seq` order.
#[derive(Debug, Default)]
pub struct Ledger {
    pub present: bool,
    pub by_index: BTreeMap<String, Vec<Entry>>,
}

impl Ledger {
    /// Reads `<root>/ledger.jsonl`; a missing file is an empty, absent ledger.
    pub fn load(root: &Path) -> Result<Ledger, Vec<Diagnostic>> {
        let path = root.join(FILE_NAME);
        let file = match std::fs::File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Ledger::default()),
            Err(e) => return Err(vec![unreadable(0, &e.to_string())]),
        };
        let mut ledger = Ledger {
            present: true,
            by_index: BTreeMap::new(),
        };
        let mut diags = Vec::new();
        for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
            let line_no = n as u32 + 1;
            let line = match line {
                Ok(l) => l,
                Err(e) => return Err(vec![unreadable(line_no, &e.to_string())]),
            };
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Entry>(&line) {
                Ok(e) => ledger
                    .by_index
                    .entry(e.index_no.clone())
                    .or_default()
                    .push(e),
                Err(e) => diags.push(Diagnostic::error(
                    Code::ArchiveLedgerInvalid,
                    FILE_NAME,
                    Pos::new(line_no, e.column() as u32),
                    format!("malformed ledger entry: {e}"),
                )),
            }
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        for entries in ledger.by_index.values_mut() {
            entries.sort_by_key(|e| e.seq);
        }
        Ok(ledger)
    }

    pub fn entries(&self, index_no: &str) -> &[Entry] {
        self.by_index.get(index_no).map_or(&[], Vec::as_slice)
    }

    /// An error when the record's source differs from what its last ledger entry recorded.
    pub fn check_source(&self, r: &Record) -> Option<Diagnostic> {
        let last = self.entries(r.index_no.as_str()).last()?;
        (last.source_sha256 != r.source.sha256).then(|| {
            Diagnostic::error(
                Code::ArchiveLedgerMismatch,
                &r.source.path,
                Pos::new(1, 1),
                format!(
                    "the file's SHA-256 {} differs from the one the publication ledger recorded for {} (entry {}, {} on {}): {}; it was edited after publication without a new ledger entry",
                    r.source.sha256, r.index_no, last.seq, last.action, last.date, last.source_sha256
                ),
            )
        })
    }
}

fn unreadable(line: u32, e: &str) -> Diagnostic {
    Diagnostic::error(
        Code::Unreadable,
        FILE_NAME,
        Pos::new(line, 0),
        format!("cannot read the publication ledger: {e}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_entries_in_seq_order_and_locates_bad_lines() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!Ledger::load(dir.path()).unwrap().present);
        let line = |seq: u64, sha: &str| {
            format!(
                r#"{{"seq":{seq},"index_no":"X/2025-00001","action":"publish","date":"2025-01-02","at":"2025-01-02T09:00:00+08:00","clock":"injected","source_sha256":"{sha}","attachments":[{{"file":"a.pdf","sha256":"00"}}],"content_sha256":"cc","prev":null}}"#
            )
        };
        std::fs::write(
            dir.path().join(FILE_NAME),
            format!("{}\n{}\n", line(2, "bb"), line(1, "aa")),
        )
        .unwrap();
        let l = Ledger::load(dir.path()).unwrap();
        let e = l.entries("X/2025-00001");
        assert_eq!(e.iter().map(|e| e.seq).collect::<Vec<_>>(), vec![1, 2]);
        assert_eq!(e[1].source_sha256, "bb");
        std::fs::write(
            dir.path().join(FILE_NAME),
            format!("{}\n{{oops\n", line(1, "aa")),
        )
        .unwrap();
        let diags = Ledger::load(dir.path()).unwrap_err();
        assert_eq!(
            (diags[0].code, diags[0].line),
            (Code::ArchiveLedgerInvalid, 2)
        );
    }
}

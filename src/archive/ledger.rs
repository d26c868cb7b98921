//! A reader for the publication ledger (`<site>/ledger.jsonl`, one JSON object a line), for what
//! the archive needs: each record's entries, to put in its metadata, and the source hash of its
//! last entry, which the archived source file must match. The ledger's own rules (the hash chain,
//! dates) are checked by the ledger module; this reader only types the lines.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::{Code, Diagnostic, Pos};
use crate::record::Record;

pub use crate::ledger::FILE_NAME;
pub use crate::ledger::entry::Entry;

/// The ledger of a site: absent, or its entries per 索引号 in `seq` order.
#[derive(Debug, Default)]
pub struct Ledger {
    pub present: bool,
    pub by_index: BTreeMap<String, Vec<Entry>>,
}

impl Ledger {
    /// Reads and verifies `<root>/ledger.jsonl` with the ledger module; a missing file is an
    /// empty, absent ledger, a broken chain is refused with the verifier's located errors.
    pub fn load(root: &Path) -> Result<Ledger, Vec<Diagnostic>> {
        let text = crate::ledger::read(root).map_err(|e| vec![unreadable(&format!("{e:#}"))])?;
        let Some(text) = text else {
            return Ok(Ledger::default());
        };
        let verified = crate::ledger::verify::verify(&text);
        if !verified.is_intact() {
            return Err(verified.diagnostics);
        }
        let mut by_index: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
        for located in verified.entries {
            by_index
                .entry(located.entry.index_no.clone())
                .or_default()
                .push(located.entry);
        }
        for entries in by_index.values_mut() {
            entries.sort_by_key(|e| e.seq);
        }
        Ok(Ledger {
            present: true,
            by_index,
        })
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
                crate::msg!(
                    "archive-ledger-mismatch",
                    sha = &r.source.sha256,
                    index_no = r.index_no.to_string(),
                    seq = last.seq,
                    action = last.action.as_str(),
                    date = last.date.to_string(),
                    recorded = &last.source_sha256
                ),
            )
        })
    }
}

fn unreadable(e: &str) -> Diagnostic {
    Diagnostic::error(
        Code::Unreadable,
        FILE_NAME,
        Pos::new(0, 0),
        crate::msg!("archive-ledger-unreadable", error = e.to_string()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_real_ledger_and_refuses_a_broken_one() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!Ledger::load(dir.path()).unwrap().present);
        let drafts = vec![
            crate::ledger::testutil::draft(
                "X/2025-00001",
                crate::ledger::entry::Action::Publish,
                "2025-01-02T09:00:00+08:00",
            ),
            crate::ledger::testutil::draft(
                "X/2025-00001",
                crate::ledger::entry::Action::Revise,
                "2025-01-03T09:00:00+08:00",
            ),
        ];
        let (text, _) =
            crate::ledger::chain::append("", &crate::ledger::chain::Head::empty(), drafts);
        std::fs::write(dir.path().join(FILE_NAME), &text).unwrap();
        let l = Ledger::load(dir.path()).unwrap();
        let e = l.entries("X/2025-00001");
        assert_eq!(e.iter().map(|e| e.seq).collect::<Vec<_>>(), vec![1, 2]);
        std::fs::write(dir.path().join(FILE_NAME), format!("{text}{{oops\n")).unwrap();
        let diags = Ledger::load(dir.path()).unwrap_err();
        assert!(
            diags.iter().any(|d| d.path == FILE_NAME && d.line == 3),
            "{diags:?}"
        );
    }
}

//! The publication ledger (`<site>/ledger.jsonl`): an append-only, hash-chained record of every
//! publication, revision and withdrawal, one JSON object a line.
//!
//! - [`entry`] — the typed entry and the content hash that ties it to a record's bytes;
//! - [`chain`] — lines, line hashes, appending;
//! - [`verify`] — proves a ledger file and locates every break;
//! - [`reconcile`] — compares the published catalog with the ledger (the build's hook);
//! - [`publish`] and [`import`] — the commands that append to it, through [`commit`]'s
//!   write-aside-then-rename transaction, after [`stamp`] has set `published` in record files.

pub mod chain;
pub mod commit;
pub mod entry;
pub mod import;
pub mod publish;
pub mod reconcile;
pub mod stamp;
pub mod verify;

use std::path::Path;

use anyhow::{Context, Result};

/// The ledger's file name, in the site root.
pub const FILE_NAME: &str = "ledger.jsonl";

/// The ledger's text, or `None` when the site has no ledger yet.
pub fn read(root: &Path) -> Result<Option<String>> {
    let path = root.join(FILE_NAME);
    match std::fs::read(&path) {
        Ok(bytes) => String::from_utf8(bytes)
            .map(Some)
            .with_context(|| format!("{} is not valid UTF-8", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

#[cfg(test)]
pub(crate) mod testutil {
    use super::entry::{Action, Clock, Content, Draft, FileHash};
    use crate::values::Instant;

    /// A draft for record `ix` made at `at`, with one attachment.
    pub fn draft(ix: &str, action: Action, at: &str) -> Draft {
        let at = Instant::parse(at).unwrap();
        Draft {
            index_no: ix.into(),
            action,
            date: at.date(),
            at,
            clock: Clock::Injected,
            content: Content {
                source_sha256: crate::hash::sha256_hex(format!("{ix} {at}").as_bytes()),
                attachments: vec![FileHash {
                    file: "content/a/_files/x.pdf".into(),
                    sha256: crate::hash::sha256_hex(b"x"),
                }],
            },
        }
    }
}

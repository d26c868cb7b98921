//! One line of the publication ledger: a typed entry whose keys are written in a fixed order
//! (the archive reads this format), and the content hash that ties an entry to a record's bytes.

use serde::{Deserialize, Serialize};

use crate::record::Record;
use crate::values::{Date, Instant};

/// What happened to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// Released by `gongkai publish`, which witnessed the date.
    Publish,
    /// A published record whose source or attachments changed.
    Revise,
    /// Taken down (`status: withdrawn`).
    Withdraw,
    /// A publication date claimed by the site's history, recorded by `gongkai ledger import`.
    Import,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Publish => "publish",
            Action::Revise => "revise",
            Action::Withdraw => "withdraw",
            Action::Import => "import",
        }
    }
}

/// Where the entry's time came from: the system clock, or `--now` / `GONGKAI_NOW`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Clock {
    System,
    Injected,
}

/// A site-relative attachment path and the SHA-256 of its bytes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileHash {
    pub file: String,
    pub sha256: String,
}

/// What a ledger entry attests about a record's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Content {
    pub source_sha256: String,
    /// Sorted by `file`.
    pub attachments: Vec<FileHash>,
}

impl Content {
    /// The content of a loaded record: its file's hash and its attachments' hashes.
    pub fn of(record: &Record) -> Content {
        let mut attachments: Vec<FileHash> = record
            .attachments
            .iter()
            .map(|a| FileHash {
                file: a.source.to_string_lossy().replace('\\', "/"),
                sha256: a.sha256.clone(),
            })
            .collect();
        attachments.sort();
        Content {
            source_sha256: record.source.sha256.clone(),
            attachments,
        }
    }

    /// SHA-256 of the source hash and each attachment hash, joined with "\n".
    pub fn sha256(&self) -> String {
        let mut parts = vec![self.source_sha256.as_str()];
        parts.extend(self.attachments.iter().map(|a| a.sha256.as_str()));
        crate::hash::sha256_hex(parts.join("\n").as_bytes())
    }
}

/// One ledger line. Field order is the serialization order; do not reorder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// 1-based position in the ledger.
    pub seq: u64,
    pub index_no: String,
    pub action: Action,
    /// The publication date this entry attests; for revise/withdraw the date of that event.
    pub date: Date,
    /// When the entry was made, RFC 3339 at +08:00, whole seconds.
    pub at: Instant,
    pub clock: Clock,
    pub source_sha256: String,
    pub attachments: Vec<FileHash>,
    pub content_sha256: String,
    /// SHA-256 of the previous line's bytes (without its newline); 64 zeros on the first line.
    pub prev: String,
}

impl Entry {
    pub fn content(&self) -> Content {
        Content {
            source_sha256: self.source_sha256.clone(),
            attachments: self.attachments.clone(),
        }
    }
}

/// An entry before it has a place in the chain.
#[derive(Debug, Clone)]
pub struct Draft {
    pub index_no: String,
    pub action: Action,
    pub date: Date,
    pub at: Instant,
    pub clock: Clock,
    pub content: Content,
}

impl Draft {
    pub fn into_entry(self, seq: u64, prev: String) -> Entry {
        let content_sha256 = self.content.sha256();
        Entry {
            seq,
            index_no: self.index_no,
            action: self.action,
            date: self.date,
            at: self.at,
            clock: self.clock,
            source_sha256: self.content.source_sha256,
            attachments: self.content.attachments,
            content_sha256,
            prev,
        }
    }
}

/// The instant an entry records: `now` at +08:00, truncated to whole seconds.
pub fn entry_time(now: Instant) -> Instant {
    use chrono::Timelike;
    let t = now.0.with_timezone(&crate::values::china_offset());
    Instant(t.with_nanosecond(0).unwrap_or(t))
}

/// True for a lowercase 64-digit hex string.
pub fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

//! Personal data inside attachments (issue 20): each text-bearing attachment is read
//! ([`super::extract`]) and scanned with the same detectors as the record. A record whose file
//! and attachments are unchanged is not parsed again at all (the parse cache keeps its findings);
//! besides, the scan of an attachment of [`CACHED_FROM`] bytes or more is kept by its SHA-256
//! (and the allow-lists it was made with) in `<site>/.gongkai-cache/attachments/`, so editing a
//! record does not read its large attachments again. Smaller files are read again: that costs
//! less than creating a cache file. A cache file that cannot be read is ignored.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::extract::{self, Extracted};
use super::filetype::FileType;
use crate::check::pii::{PieceFinding, Scanner, scan_piece};

/// Where the scans are kept, under the site.
pub const CACHE_DIR: &str = ".gongkai-cache/attachments";
/// Bumped when the readers or detectors change what a scan finds.
const FORMAT: u32 = 1;
/// Attachments this large or larger have their scan kept on disk.
pub const CACHED_FROM: u64 = 64 * 1024;

/// The scan of one attachment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentScan {
    pub findings: Vec<PieceFinding>,
    /// Why the file could not be read, if it could not.
    pub unreadable: Option<String>,
}

/// Whether the format can hold text worth scanning.
pub fn bears_text(format: FileType) -> bool {
    !matches!(
        format,
        FileType::Jpg | FileType::Png | FileType::Mp3 | FileType::Mp4 | FileType::Zip
    )
}

/// The scan of the attachment at `root/source` with content hash `sha256`, and whether it was
/// made now (`false`: read from the cache).
pub fn scan(
    root: &Path,
    source: &Path,
    sha256: &str,
    size: u64,
    format: FileType,
    scanner: &Scanner,
) -> (AttachmentScan, bool) {
    if size < CACHED_FROM {
        return (read(root, source, format, scanner), true);
    }
    let key = format!(
        "{sha256}-{}-{FORMAT}-{}.json",
        scanner.fingerprint(),
        env!("CARGO_PKG_VERSION")
    );
    let cached = root.join(CACHE_DIR).join(&key);
    if let Ok(bytes) = std::fs::read(&cached)
        && let Ok(scan) = serde_json::from_slice::<AttachmentScan>(&bytes)
    {
        return (scan, false);
    }
    let scan = read(root, source, format, scanner);
    keep(&cached, &scan);
    (scan, true)
}

fn read(root: &Path, source: &Path, format: FileType, scanner: &Scanner) -> AttachmentScan {
    match extract::extract(&root.join(source), format) {
        Extracted::Text(pieces) => AttachmentScan {
            findings: pieces
                .iter()
                .flat_map(|p| scan_piece(scanner, &p.place, &p.text))
                .collect(),
            unreadable: None,
        },
        Extracted::Unreadable(why) => AttachmentScan {
            findings: Vec::new(),
            unreadable: Some(why),
        },
        Extracted::NoText => AttachmentScan::default(),
    }
}

/// Writes the cache file beside its place and renames it there; a failure only costs a rescan.
fn keep(path: &Path, scan: &AttachmentScan) {
    let Some(dir) = path.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let Ok(bytes) = serde_json::to_vec(scan) else {
        return;
    };
    let tmp = path.with_extension(format!("{}.tmp", std::process::id()));
    if std::fs::write(&tmp, bytes).is_ok() && std::fs::rename(&tmp, path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

//! Records: one file each under `content/`. `front` splits files, `raw` is the record as written,
//! `convert` checks it and builds the typed `Record`, `kinds` and `budget` hold kind-specific
//! parts, and `load` walks the content folder in parallel.

mod attach;
pub mod attach_scan;
pub mod body;
pub mod budget;
pub mod cache;
pub mod convert;
pub mod document;
pub mod extract;
mod fields;
pub mod filetype;
pub mod front;
pub mod kinds;
pub mod load;
pub mod numbering;
pub mod raw;
pub mod schema;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::diag::Pos;
use crate::index_no::IndexNo;
use crate::values::{Date, Disclosure, Instant, Kind, Retention, Status, Validity};

pub use attach::FILES_DIR;
pub use kinds::Details;
pub use raw::{Imported, PiiWaiver};

/// Where a record came from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Source {
    /// Site-relative path, `/`-separated (for messages).
    pub path: String,
    /// Site-relative folder of the file.
    pub dir: PathBuf,
    /// SHA-256 of the file's bytes, hex.
    pub sha256: String,
    /// Position of each top-level field, for messages from later stages.
    pub field_pos: FieldPositions,
}

impl Source {
    /// Where `field` was written, or the top of the file.
    pub fn pos(&self, field: &str) -> Pos {
        self.field_pos.get(field).unwrap_or(Pos::new(1, 1))
    }
}

/// Where each top-level field of a record was written. The names are kept in one string: a
/// record has some twenty fields, and every build reads 100,000s of records from the parse
/// cache, where a map of strings is twenty allocations a record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldPositions {
    names: String,
    /// Each field's end in `names`, and its position.
    ends: Vec<(u32, Pos)>,
}

impl FieldPositions {
    pub fn get(&self, field: &str) -> Option<Pos> {
        let mut start = 0;
        for &(end, pos) in &self.ends {
            if self.names.get(start..end as usize) == Some(field) {
                return Some(pos);
            }
            start = end as usize;
        }
        None
    }
}

impl<'a> FromIterator<(&'a str, Pos)> for FieldPositions {
    fn from_iter<I: IntoIterator<Item = (&'a str, Pos)>>(fields: I) -> FieldPositions {
        let mut f = FieldPositions::default();
        for (name, pos) in fields {
            f.names.push_str(name);
            f.ends.push((f.names.len() as u32, pos));
        }
        f
    }
}

/// 保密审查 and release review.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Review {
    pub by: String,
    pub on: Date,
    pub secrecy: String,
    pub conclusion: String,
}

/// The secrecy conclusion that allows release.
pub const NOT_SECRET: &str = "非涉密";

/// Largest record file read (front matter and body); a longer one is refused, located, without
/// being read whole. Front matter alone is held to [`crate::yaml::limits`].
pub const MAX_RECORD_BYTES: usize = 8 << 20;

fn too_large_message() -> crate::i18n::Msg {
    crate::msg!("record-too-large", mib = MAX_RECORD_BYTES >> 20)
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Attachment {
    pub title: String,
    /// Site-relative path of the source file.
    pub source: PathBuf,
    /// File name in the output.
    pub file_name: String,
    pub size: u64,
    pub sha256: String,
    /// The format, as confirmed by the file's content ([`filetype`]).
    pub format: filetype::FileType,
}

/// A typed, validated record. (De)serialisable for the parse cache only: templates see views.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Record {
    pub source: Source,
    /// Index into the catalog tree.
    pub node: usize,
    pub kind: Kind,
    pub index_no: IndexNo,
    pub title: String,
    pub summary: String,
    pub created: Date,
    pub published: Option<Date>,
    pub publisher: String,
    pub doc_no: Option<String>,
    pub genre: Option<String>,
    pub topics: Vec<String>,
    pub keywords: Vec<String>,
    pub validity: Option<Validity>,
    pub superseded_by: Option<IndexNo>,
    pub void_from: Option<Date>,
    pub disclosure: Disclosure,
    pub reason: Option<String>,
    pub channels: Vec<String>,
    pub status: Status,
    pub review: Option<Review>,
    pub embargo: Option<Instant>,
    pub attachments: Vec<Attachment>,
    pub interprets: Option<IndexNo>,
    pub related: Vec<IndexNo>,
    pub retention: Option<Retention>,
    pub pii_waiver: Option<PiiWaiver>,
    pub extra: BTreeMap<String, serde_json::Value>,
    /// 成文日期, 施行日期, 有效期至, 登记号, 发文机关, 信息来源, 项目编号.
    #[serde(default)]
    pub document: document::DocumentFields,
    pub body: body::Body,
    /// Set when the record came in by `gongkai import`.
    #[serde(default)]
    pub imported: Option<Imported>,
    /// `gk:` links in the body, with the line they are on.
    pub body_refs: Vec<(IndexNo, Pos)>,
    pub details: Box<Details>,
    /// Personal data found by the scan ([`crate::check::pii`]); never printed unmasked.
    pub pii: Vec<crate::check::pii::Finding>,
    /// Digest of the record's fields ([`Record::digest_fields`]), made once
    /// when the record is parsed and kept in the parse cache: a rebuild need not walk every
    /// record's fields to learn that the exports or its page are unchanged.
    #[serde(skip)]
    pub fields_digest: crate::incremental::fingerprint::Fingerprint,
}

/// The fields [`Record::digest_fields`] leaves out: where the file is, the body (digested on its
/// own), its links (the body's), and the personal-data findings, which no output shows and the
/// office-number allowance trims after parsing.
const NOT_IN_FIELDS_DIGEST: &[&str] = &["source", "body", "body_refs", "pii"];

impl Record {
    /// The digest of every field but [`NOT_IN_FIELDS_DIGEST`]: all the exports read of a record,
    /// and all its page reads besides the body. Made once when the record is parsed (kept as
    /// [`Record::fields_digest`] and in the parse cache); fields are not changed after that.
    pub fn digest_fields(&self) -> crate::incremental::fingerprint::Fingerprint {
        crate::incremental::fingerprint::Digest::new()
            .value_without(self, NOT_IN_FIELDS_DIGEST)
            .finish()
    }

    /// The page URL, relative to the site root.
    pub fn url(&self) -> String {
        page_url(&self.index_no)
    }

    /// The effective validity: policies default to 有效.
    pub fn validity(&self) -> Option<Validity> {
        self.validity
            .or((self.kind == Kind::Policy).then_some(Validity::Valid))
    }
}

/// The page URL of a record, relative to the site root.
pub fn page_url(index_no: &IndexNo) -> String {
    let mut url = String::with_capacity(index_no.as_str().len() + 9);
    url.push_str("doc/");
    index_no.push_slug(&mut url);
    url.push_str(".html");
    url
}

/// The output folder of a record's attachments.
pub fn files_dir(index_no: &IndexNo) -> String {
    format!("files/{}", index_no.slug())
}

//! One shard of the parse cache on disk: its index file `<n>.bin` (sealed postcard: the program
//! and `site.yaml` it was made with, the name of its body file, and the entries without their
//! texts) and its body file `<n>.<digest>.bodies`; and how a build takes the stored entries.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context as _, Result};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::Cached;
use crate::incremental::fingerprint::{self, Fingerprint};
use crate::incremental::sealed::{self, Unsealed};
use crate::record::body::ShardFiles;

const MAGIC: &[u8] = b"gongkai parse cache\n";
const FORMAT: u32 = 4;

#[derive(Serialize, Deserialize)]
pub(super) struct Stored {
    program: Fingerprint,
    site: Fingerprint,
    /// The name of the shard's body file.
    bodies: String,
    entries: Vec<(String, Cached)>,
}

/// A shard's stored entries, taken by path. They were written in the order of the paths of the
/// build that wrote them, which is this build's order unless records were added or removed: so
/// each is usually the next one, and a map is made only for the rest when one is not.
pub(super) struct InOrder {
    next: std::iter::Peekable<std::vec::IntoIter<(String, Cached)>>,
    rest: Option<FxHashMap<String, Cached>>,
}

impl InOrder {
    pub(super) fn new(entries: Vec<(String, Cached)>) -> InOrder {
        InOrder {
            next: entries.into_iter().peekable(),
            rest: None,
        }
    }

    /// The entry of `path`, with its key.
    pub(super) fn take(&mut self, path: &str) -> Option<(String, Cached)> {
        if self.rest.is_none() {
            if self.next.peek().is_some_and(|(key, _)| key == path) {
                return self.next.next();
            }
            self.rest = Some(self.next.by_ref().collect());
        }
        (self.rest.as_mut()?).remove_entry(path)
    }

    pub(super) fn is_empty(&mut self) -> bool {
        self.next.peek().is_none() && self.rest.as_ref().is_none_or(FxHashMap::is_empty)
    }
}

/// A shard's body file name and entries, or why not: `Err(Some(notice))` when corrupt,
/// `Err(None)` when missing or outdated (silently).
pub(super) type ShardRead = Result<(String, Vec<(String, Cached)>), Option<String>>;

pub(super) fn read_shard(dir: &Path, path: &Path, site: Fingerprint) -> ShardRead {
    let bytes = fs::read(path).map_err(|_| None)?;
    let corrupt = || {
        Some(format!(
            "parse cache {} is corrupt: ignored",
            path.display()
        ))
    };
    let payload = match sealed::unseal(MAGIC, FORMAT, &bytes) {
        Ok(payload) => payload,
        Err(Unsealed::OtherFormat) => return Err(None),
        Err(Unsealed::Corrupt) => return Err(corrupt()),
    };
    let stored: Stored = postcard::from_bytes(payload).map_err(|_| corrupt())?;
    if stored.program != fingerprint::program() || stored.site != site {
        return Err(None);
    }
    let files = Arc::new(ShardFiles {
        index: path.to_path_buf(),
        bodies: dir.join(&stored.bodies),
    });
    // A missing body file (removed by hand): the records are parsed again, quietly.
    if !files.bodies.is_file() {
        return Err(None);
    }
    let mut entries = stored.entries;
    for (_, c) in &mut entries {
        c.files = Some(files.clone());
    }
    Ok((stored.bodies, entries))
}

/// Writes shard `n`: a new body file with every entry's texts (this build's, or copied from the
/// body file the entry was read from), then the index naming it. The body file is streamed out
/// under a temporary name (`<n>.tmp-<pid>.bodies`, which the next build sweeps away if this one
/// dies) and renamed to its digest once complete.
pub(super) fn write_shard(
    dir: &Path,
    n: usize,
    site: Fingerprint,
    entries: Vec<(String, Cached)>,
) -> Result<()> {
    use std::io::Write as _;
    // The body files the kept entries were read from: usually just this shard's one.
    let mut old: FxHashMap<PathBuf, Option<Vec<u8>>> = FxHashMap::default();
    for (_, c) in &entries {
        if let (None, Some(files)) = (&c.fresh_texts, &c.files)
            && !old.contains_key(&files.bodies)
        {
            old.insert(files.bodies.clone(), fs::read(&files.bodies).ok());
        }
    }
    let aside = dir.join(format!("{n}.tmp-{}.bodies", std::process::id()));
    let mut file = crate::fsutil::create(&aside)?;
    let mut digest = fingerprint::Digest::new();
    let mut at = 0u64;
    let mut kept = Vec::with_capacity(entries.len());
    for (rel, mut c) in entries {
        let fresh = c.fresh_texts.take();
        let texts: Option<&[u8]> = match (&fresh, &c.files) {
            (Some(fresh), _) => Some(fresh),
            (None, Some(files)) => (old.get(&files.bodies))
                .and_then(Option::as_deref)
                .and_then(|b| {
                    let (start, len) = (c.texts_at.0 as usize, c.texts_at.1 as usize);
                    b.get(start..start.checked_add(len)?)
                }),
            (None, None) => None,
        };
        // An entry whose texts cannot be found is dropped: its record is parsed again.
        let Some(texts) = texts else { continue };
        file.write_all(texts)
            .with_context(|| format!("cannot write {}", aside.display()))?;
        std::io::Write::write_all(&mut digest, texts)?;
        c.texts_at = (at, texts.len() as u32);
        at += texts.len() as u64;
        kept.push((rel, c));
    }
    file.flush()
        .with_context(|| format!("cannot write {}", aside.display()))?;
    drop(file);
    let name = format!("{n}.{:016x}.bodies", digest.finish() as u64);
    fs::rename(&aside, dir.join(&name))
        .with_context(|| format!("cannot write {}", dir.join(&name).display()))?;
    let stored = Stored {
        program: fingerprint::program(),
        site,
        bodies: name,
        entries: kept,
    };
    let payload = postcard::to_stdvec(&stored).context("cannot encode the parse cache")?;
    sealed::write(&dir.join(format!("{n}.bin")), MAGIC, FORMAT, &payload)
}

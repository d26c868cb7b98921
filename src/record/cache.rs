//! The parse cache: records parsed by an earlier build, reused while the record's file, the
//! files it points to (attachments, photo) and `site.yaml` are unchanged and the same gongkai
//! binary reads them. Only records that parsed without any diagnostic are kept, so a cached
//! record never hides a message. It can only save time, never change a result: anything
//! unexpected in it is ignored, and the record is parsed again.
//!
//! Kept in `<site>/.gongkai-cache/records/<n>.bin`, 256 files by path hash, so that a build after
//! a few edits rewrites a few files, not the whole cache.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::{Details, Record};
use crate::incremental::fingerprint::{self, Fingerprint};

const MAGIC: &[u8] = b"gongkai parse cache\n";
const FORMAT: u32 = 1;
const SHARDS: usize = 256;

/// One cached record.
#[derive(Debug, Serialize, Deserialize)]
pub struct Cached {
    /// Digest of the record file's bytes.
    file: Fingerprint,
    /// The files the parse read besides the record: attachments and photo.
    deps: Vec<Dep>,
    /// The record, MessagePack.
    record: Vec<u8>,
    /// Not part of the record's serialised form (templates must not see it), so kept here.
    photo_source: Option<PathBuf>,
}

#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Dep {
    /// Site-relative path as the record names it.
    path: PathBuf,
    /// Where it led once links were followed (a path that now leads elsewhere is a change).
    canonical: PathBuf,
    size: u64,
    mtime: i64,
}

impl Dep {
    fn of(root: &Path, path: &Path) -> Option<Dep> {
        let full = root.join(path);
        let canonical = full.canonicalize().ok()?;
        let meta = fs::metadata(&canonical).ok()?;
        Some(Dep {
            path: path.to_path_buf(),
            canonical,
            size: meta.len(),
            mtime: meta
                .modified()
                .ok()?
                .duration_since(std::time::UNIX_EPOCH)
                .ok()?
                .as_nanos() as i64,
        })
    }

    fn unchanged(&self, root: &Path) -> bool {
        Dep::of(root, &self.path).is_some_and(|now| now == *self)
    }
}

#[derive(Serialize, Deserialize)]
struct Stored {
    program: Fingerprint,
    site: Fingerprint,
    entries: Vec<(String, Cached)>,
}

/// The cache as read: an entry per record path, and what the site and program were.
pub struct ParseCache {
    dir: PathBuf,
    site: Fingerprint,
    entries: FxHashMap<String, Cached>,
    /// Shards that held nothing usable (or did not exist): always rewritten.
    stale: Vec<bool>,
    pub notices: Vec<String>,
}

fn shard_of(rel: &str) -> usize {
    (fingerprint::of_bytes(rel.as_bytes()) as usize) % SHARDS
}

impl ParseCache {
    /// Reads the cache of the site at `root`, whose `site.yaml` has the digest `site`.
    pub fn load(root: &Path, site: Fingerprint) -> ParseCache {
        let dir = root
            .join(crate::incremental::manifest::CACHE_DIR)
            .join("records");
        let read: Vec<ShardRead> = (0..SHARDS)
            .into_par_iter()
            .map(|n| read_shard(&dir.join(format!("{n}.bin")), site))
            .collect();
        let mut cache = ParseCache {
            dir,
            site,
            entries: FxHashMap::default(),
            stale: vec![false; SHARDS],
            notices: Vec::new(),
        };
        for (n, shard) in read.into_iter().enumerate() {
            match shard {
                Ok(entries) => cache.entries.extend(entries),
                Err(notice) => {
                    cache.stale[n] = true;
                    cache.notices.extend(notice);
                }
            }
        }
        cache.notices.truncate(1);
        cache
    }

    /// Takes the entry of `rel` out of the cache (each record asks once).
    pub fn take(&mut self, rel: &str) -> Option<Cached> {
        self.entries.remove(rel)
    }

    /// Writes the shards that changed: those holding a path whose entry is new, dropped or
    /// different from what was read (`reused[i]` says whether `paths[i]` reused its entry).
    pub fn save(self, entries: Vec<(String, Option<Cached>, bool)>) -> Result<()> {
        let mut dirty = self.stale;
        // Entries left in the map belong to records that are gone.
        for rel in self.entries.keys() {
            dirty[shard_of(rel)] = true;
        }
        let mut shards: Vec<Vec<(String, Cached)>> = (0..SHARDS).map(|_| Vec::new()).collect();
        for (rel, cached, reused) in entries {
            let n = shard_of(&rel);
            dirty[n] |= !reused;
            shards[n].extend(cached.map(|c| (rel, c)));
        }
        fs::create_dir_all(&self.dir)
            .with_context(|| format!("cannot create {}", self.dir.display()))?;
        (shards.into_par_iter().enumerate())
            .filter(|(n, _)| dirty[*n])
            .try_for_each(|(n, entries)| {
                write_shard(&self.dir.join(format!("{n}.bin")), self.site, entries)
            })
    }
}

impl Cached {
    /// The cached record, when its file and dependencies are unchanged.
    pub fn record(&self, root: &Path, file: Fingerprint) -> Option<Record> {
        if self.file != file || !self.deps.iter().all(|d| d.unchanged(root)) {
            return None;
        }
        let mut record: Record = rmp_serde::from_slice(&self.record).ok()?;
        if let Details::Person(p) = &mut record.details {
            p.photo_source.clone_from(&self.photo_source);
        }
        Some(record)
    }

    /// An entry for a record that parsed without a diagnostic.
    pub fn new(root: &Path, file: Fingerprint, record: &Record) -> Option<Cached> {
        let photo_source = match &record.details {
            Details::Person(p) => p.photo_source.clone(),
            _ => None,
        };
        let deps = (record.attachments.iter().map(|a| a.source.as_path()))
            .chain(photo_source.as_deref())
            .map(|p| Dep::of(root, p))
            .collect::<Option<Vec<Dep>>>()?;
        Some(Cached {
            file,
            deps,
            record: rmp_serde::to_vec_named(record).ok()?,
            photo_source,
        })
    }
}

/// A shard's entries, or why not: `Err(Some(notice))` when corrupt, `Err(None)` when missing or
/// outdated (silently).
type ShardRead = Result<Vec<(String, Cached)>, Option<String>>;

fn read_shard(path: &Path, site: Fingerprint) -> ShardRead {
    let bytes = fs::read(path).map_err(|_| None)?;
    let corrupt = || {
        Some(format!(
            "parse cache {} is corrupt: ignored",
            path.display()
        ))
    };
    let rest = bytes.strip_prefix(MAGIC).ok_or_else(corrupt)?;
    let (format, rest) = rest.split_first_chunk::<4>().ok_or_else(corrupt)?;
    if u32::from_le_bytes(*format) != FORMAT {
        return Err(None);
    }
    let (payload, sum) = rest
        .split_at_checked(rest.len().checked_sub(16).ok_or_else(corrupt)?)
        .ok_or_else(corrupt)?;
    if fingerprint::of_bytes(payload).to_le_bytes() != sum {
        return Err(corrupt());
    }
    let stored: Stored = postcard::from_bytes(payload).map_err(|_| corrupt())?;
    if stored.program != fingerprint::program() || stored.site != site {
        return Err(None);
    }
    Ok(stored.entries)
}

fn write_shard(path: &Path, site: Fingerprint, entries: Vec<(String, Cached)>) -> Result<()> {
    let stored = Stored {
        program: fingerprint::program(),
        site,
        entries,
    };
    let payload = postcard::to_stdvec(&stored).context("cannot encode the parse cache")?;
    let mut bytes = Vec::with_capacity(payload.len() + 64);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&FORMAT.to_le_bytes());
    bytes.extend_from_slice(&payload);
    bytes.extend_from_slice(&fingerprint::of_bytes(&payload).to_le_bytes());
    let aside = path.with_extension(format!("tmp-{}", std::process::id()));
    crate::fsutil::write(&aside, &bytes)?;
    fs::rename(&aside, path).with_context(|| format!("cannot write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> (&'static Path, crate::config::Site) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        (root, crate::config::load(root).unwrap())
    }

    #[test]
    fn every_example_record_comes_back_from_the_cache_as_it_was_parsed() {
        let (root, site) = example();
        let mut n = 0;
        for rel in super::super::load::record_paths(root) {
            let bytes = fs::read(root.join(&rel)).unwrap();
            let parsed = super::super::convert::parse_record(&site, root, &rel, &bytes);
            let Some(record) = parsed.record else {
                continue;
            };
            let digest = fingerprint::of_bytes(&bytes);
            let cached = Cached::new(root, digest, &record).expect("cacheable");
            let back = cached.record(root, digest).expect("reusable");
            assert_eq!(
                format!("{back:?}"),
                format!("{record:?}"),
                "{}",
                rel.display()
            );
            assert!(cached.record(root, digest ^ 1).is_none(), "another file");
            n += 1;
        }
        assert!(n > 100, "{n} records");
    }

    #[test]
    fn a_changed_attachment_invalidates_the_entry() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.pdf"), b"%PDF-1").unwrap();
        let dep = Dep::of(dir.path(), Path::new("a.pdf")).unwrap();
        assert!(dep.unchanged(dir.path()));
        std::fs::write(dir.path().join("a.pdf"), b"%PDF-1.7 longer").unwrap();
        assert!(!dep.unchanged(dir.path()));
        std::fs::remove_file(dir.path().join("a.pdf")).unwrap();
        assert!(!dep.unchanged(dir.path()));
    }

    #[test]
    fn shards_are_saved_and_read_back_and_corruption_is_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let cache = ParseCache::load(dir.path(), 1);
        assert!(cache.notices.is_empty(), "a missing cache is not news");
        let entry = |file| Cached {
            file,
            deps: Vec::new(),
            record: vec![1, 2, 3],
            photo_source: None,
        };
        let entries = vec![
            ("content/a.md".to_string(), Some(entry(7)), false),
            ("content/b.md".to_string(), Some(entry(8)), false),
        ];
        cache.save(entries).unwrap();
        let mut again = ParseCache::load(dir.path(), 1);
        assert_eq!(again.take("content/a.md").map(|c| c.file), Some(7));
        assert_eq!(again.take("content/b.md").map(|c| c.file), Some(8));
        assert!(
            ParseCache::load(dir.path(), 2).entries.is_empty(),
            "site.yaml changed"
        );

        let shard = again.dir.join(format!("{}.bin", shard_of("content/a.md")));
        let mut bytes = fs::read(&shard).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        fs::write(&shard, bytes).unwrap();
        let corrupt = ParseCache::load(dir.path(), 1);
        assert!(
            corrupt.notices[0].contains("corrupt"),
            "{:?}",
            corrupt.notices
        );
        assert!(!corrupt.entries.contains_key("content/a.md"));
    }
}

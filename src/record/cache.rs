//! The parse cache: records parsed by an earlier build, reused while the record's file, the
//! files it points to (attachments, photo) and `site.yaml` are unchanged and the same gongkai
//! binary reads them. Only records that parsed without any diagnostic are kept, so a cached
//! record never hides a message. It can only save time, never change a result: anything
//! unexpected in it is ignored, and the record is parsed again.
//!
//! Kept in `<site>/.gongkai-cache/records/`, 1,024 shards by path hash, so that a build after a few
//! edits rewrites a few shards, not the whole cache. A shard is an index file `<n>.bin` (the
//! records without their bodies' HTML and text) and the body file it names,
//! `<n>.<digest>.bodies`, from which a record reads its body's texts only when they are needed
//! ([`super::body`]). A body file is never changed once written: a new one is written beside it
//! and the index renamed over the old index, so a record read from the old index can still read
//! its body until the next build removes the old file.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

mod shard;

use super::body::{ShardFiles, Stored as StoredBody};
use super::{Details, Record};
use crate::incremental::fingerprint::{self, Fingerprint};
use shard::{InOrder, read_shard, write_shard};
use std::sync::Arc;

/// Enough that editing 50 records of 100,000 rewrites about 5 % of the cache (a shard is
/// written whole); few enough that a build opens a small number of files next to its records.
const SHARDS: usize = 1024;

/// One cached record.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Cached {
    /// Digest of the record file's bytes.
    file: Fingerprint,
    /// The file's identity and times when it was read, if they were settled then: while they
    /// stay the same the file is not read again (as git's index does).
    stat: Option<FileStat>,
    /// The files the parse read besides the record: attachments and photo.
    deps: Vec<Dep>,
    /// The record, MessagePack (structs as arrays: compact, and every field is always written),
    /// without its body's texts.
    #[serde(with = "serde_bytes")]
    record: Vec<u8>,
    /// Not part of the record's serialised form (templates must not see it), so kept here.
    photo_source: Option<PathBuf>,
    /// The record's [`Record::fields_digest`] (not in `record`).
    fields_digest: Fingerprint,
    /// Where the shard's body file holds the body's texts (MessagePack): offset, length.
    texts_at: (u64, u32),
    /// The texts of a record parsed by this build, to be written to a new body file.
    #[serde(skip)]
    fresh_texts: Option<Vec<u8>>,
    /// The files of the shard the entry was read from.
    #[serde(skip)]
    files: Option<Arc<ShardFiles>>,
}

/// What `stat` says of a file: any write changes the size, the times or the inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStat {
    size: u64,
    mtime: i128,
    ctime: i128,
    inode: u64,
    device: u64,
}

impl FileStat {
    pub fn of(path: &Path) -> Option<FileStat> {
        FileStat::from(&fs::metadata(path).ok()?)
    }

    #[cfg(unix)]
    pub fn from(m: &fs::Metadata) -> Option<FileStat> {
        use std::os::unix::fs::MetadataExt;
        let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
        Some(FileStat {
            size: m.size(),
            mtime: ns(m.mtime(), m.mtime_nsec()),
            ctime: ns(m.ctime(), m.ctime_nsec()),
            inode: m.ino(),
            device: m.dev(),
        })
    }

    #[cfg(not(unix))]
    pub fn from(_: &fs::Metadata) -> Option<FileStat> {
        None
    }

    /// A file written within the last seconds may be written again within the same clock tick
    /// without its times changing: such a stat is not trusted later.
    pub fn settled_before(self, limit_ns: i128) -> Option<FileStat> {
        (self.mtime < limit_ns && self.ctime < limit_ns).then_some(self)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Dep {
    /// Site-relative path as the record names it.
    path: PathBuf,
    /// The stat of the file it leads to, links followed: a path that now leads to another file
    /// has another inode (or device).
    stat: FileStat,
}

impl Dep {
    fn of(root: &Path, path: &Path) -> Option<Dep> {
        Some(Dep {
            path: path.to_path_buf(),
            stat: FileStat::of(&root.join(path))?,
        })
    }

    fn unchanged(&self, root: &Path) -> bool {
        FileStat::of(&root.join(&self.path)) == Some(self.stat)
    }
}

/// The cache of one site: where it lives and which `site.yaml` it belongs to.
pub struct ParseCache {
    dir: PathBuf,
    site: Fingerprint,
}

/// What loading through the cache gives for one record path.
pub struct Loaded<T> {
    pub value: T,
    /// The entry to keep for the next build, if the record can be cached.
    pub keep: Option<Cached>,
    /// Whether `keep` is the entry that was read (nothing to write).
    pub reused: bool,
}

/// The values of [`ParseCache::load_all`] in the order of its paths. Each shard holds its paths'
/// values in their order, so taking the next value of each path's shard puts every value in
/// place, moving it once (values may be large: records).
pub struct InPathOrder<T> {
    shards: Vec<std::vec::IntoIter<T>>,
    /// The shard of each path, in path order.
    order: std::vec::IntoIter<u32>,
}

impl<T> Iterator for InPathOrder<T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        let n = self.order.next()?;
        Some(self.shards[n as usize].next().expect("every path loaded"))
    }
}

/// One shard's values, in the order of its paths, and a notice.
type ShardLoaded<T> = (Vec<T>, Option<String>);

pub fn shard_of(rel: &str) -> usize {
    (fingerprint::of_bytes(rel.as_bytes()) as usize) % SHARDS
}

impl ParseCache {
    /// The cache of the site at `root`, whose `site.yaml` has the digest `site`.
    pub fn new(root: &Path, site: Fingerprint) -> ParseCache {
        let dir = (root.join(crate::incremental::manifest::CACHE_DIR)).join("records");
        ParseCache { dir, site }
    }

    /// Loads `paths` (site-relative, `/`-separated) a shard at a time, in parallel: `load` gets
    /// each path with its cached entry, if any. A shard is written again when anything in it
    /// changed, so memory holds a few shards' entries at a time, not the whole cache. Returns
    /// the values in the order of `paths`, and notices (a corrupt shard, a failed write).
    pub fn load_all<T: Send>(
        &self,
        paths: &[String],
        load: impl Fn(usize, Option<Cached>) -> Loaded<T> + Sync,
    ) -> (InPathOrder<T>, Vec<String>) {
        let shard_of_path: Vec<u32> = paths.iter().map(|rel| shard_of(rel) as u32).collect();
        let mut by_shard: Vec<Vec<usize>> = vec![Vec::new(); SHARDS];
        for (i, &n) in shard_of_path.iter().enumerate() {
            by_shard[n as usize].push(i);
        }
        let mut notices: Vec<String> = Vec::new();
        let shards: Vec<Vec<T>> = match fs::create_dir_all(&self.dir) {
            Err(e) => {
                notices.push(format!(
                    "parse cache not used: cannot create {}: {e}",
                    self.dir.display()
                ));
                (by_shard.into_par_iter())
                    .map(|members| members.into_iter().map(|i| load(i, None).value).collect())
                    .collect()
            }
            Ok(()) => {
                let bodies = self.body_files();
                let loaded: Vec<(Vec<T>, Option<String>)> = (by_shard.into_par_iter().enumerate())
                    .map(|(n, members)| self.load_shard(n, paths, &members, &bodies[n], &load))
                    .collect();
                let mut shards = Vec::with_capacity(loaded.len());
                for (values, notice) in loaded {
                    notices.extend(notice.filter(|_| notices.is_empty()));
                    shards.push(values);
                }
                shards
            }
        };
        let values = InPathOrder {
            shards: shards.into_iter().map(Vec::into_iter).collect(),
            order: shard_of_path.into_iter(),
        };
        (values, notices)
    }

    /// The body files in the cache, by shard.
    fn body_files(&self) -> Vec<Vec<String>> {
        let mut by_shard = vec![Vec::new(); SHARDS];
        for entry in fs::read_dir(&self.dir).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some((n, _)) = name.strip_suffix(".bodies").and_then(|s| s.split_once('.'))
                && let Ok(n) = n.parse::<usize>()
                && n < SHARDS
            {
                by_shard[n].push(name);
            }
        }
        by_shard
    }

    fn load_shard<T>(
        &self,
        n: usize,
        paths: &[String],
        members: &[usize],
        body_files: &[String],
        load: &impl Fn(usize, Option<Cached>) -> Loaded<T>,
    ) -> ShardLoaded<T> {
        let path = self.dir.join(format!("{n}.bin"));
        let (stored, old_bodies, mut notice, mut dirty) =
            match read_shard(&self.dir, &path, self.site) {
                Ok((bodies, entries)) => (entries, Some(bodies), None, false),
                // Missing, outdated or corrupt: written again.
                Err(notice) => (Vec::new(), None, notice, true),
            };
        // Body files the index does not name are left over from earlier builds (whose records
        // could still read them while those builds ran).
        for name in body_files {
            if old_bodies.as_deref() != Some(name.as_str()) {
                let _ = fs::remove_file(self.dir.join(name));
            }
        }
        let mut entries = InOrder::new(stored);
        let mut values = Vec::with_capacity(members.len());
        let mut keep = Vec::with_capacity(members.len());
        for &i in members {
            let (key, entry) = match entries.take(&paths[i]) {
                Some((key, entry)) => (Some(key), Some(entry)),
                None => (None, None),
            };
            let loaded = load(i, entry);
            dirty |= !loaded.reused;
            values.push(loaded.value);
            if let Some(c) = loaded.keep {
                keep.push((key.unwrap_or_else(|| paths[i].clone()), c));
            }
        }
        // Entries left over belong to records that are gone.
        dirty |= !entries.is_empty();
        // A small site leaves most shards empty: no file for them.
        let saved = match (dirty, keep.is_empty()) {
            (false, _) => Ok(()),
            (true, true) => fs::remove_file(&path).or_else(|e| match e.kind() {
                std::io::ErrorKind::NotFound => Ok(()),
                _ => Err(e).with_context(|| format!("cannot remove {}", path.display())),
            }),
            (true, false) => write_shard(&self.dir, n, self.site, keep),
        };
        if let Err(e) = saved {
            notice = Some(format!("parse cache not saved: {e:#}"));
        }
        (values, notice)
    }
}

impl Cached {
    /// The cached record, when its file and dependencies are unchanged.
    /// The cached record without reading the file, when the file's stat is the one recorded.
    pub fn record_if_untouched(&self, root: &Path, stat: Option<FileStat>) -> Option<Record> {
        match (self.stat, stat) {
            (Some(was), Some(is)) if was == is => self.record(root, self.file),
            _ => None,
        }
    }

    /// The entry with the file's current stat, and whether that is the stat it had.
    pub fn restat(mut self, stat: Option<FileStat>) -> (Cached, bool) {
        let same = self.stat == stat;
        self.stat = stat;
        (self, same)
    }

    pub fn record(&self, root: &Path, file: Fingerprint) -> Option<Record> {
        if self.file != file || !self.deps.iter().all(|d| d.unchanged(root)) {
            return None;
        }
        let mut record: Record = rmp_serde::from_slice(&self.record).ok()?;
        if let Details::Person(p) = &mut *record.details {
            p.photo_source.clone_from(&self.photo_source);
        }
        record.fields_digest = self.fields_digest;
        if let Some(files) = &self.files {
            record.body.set_stored(StoredBody {
                files: files.clone(),
                offset: self.texts_at.0,
                len: self.texts_at.1,
            });
        }
        Some(record)
    }

    /// An entry for a record that parsed without a diagnostic; `None` when a file it read
    /// changed too recently (`settled`, as in [`FileStat::settled_before`]) for its stat to be
    /// trusted later.
    pub fn new(
        root: &Path,
        file: Fingerprint,
        stat: Option<FileStat>,
        record: &Record,
        settled: i128,
    ) -> Option<Cached> {
        let photo_source = match &*record.details {
            Details::Person(p) => p.photo_source.clone(),
            _ => None,
        };
        let deps = (record.attachments.iter().map(|a| a.source.as_path()))
            .chain(photo_source.as_deref())
            .map(|p| Dep::of(root, p).filter(|d| d.stat.settled_before(settled).is_some()))
            .collect::<Option<Vec<Dep>>>()?;
        Some(Cached {
            file,
            stat,
            deps,
            record: rmp_serde::to_vec(record).ok()?,
            photo_source,
            fields_digest: record.fields_digest,
            texts_at: (0, 0),
            fresh_texts: Some(rmp_serde::to_vec(record.body.texts().ok()?).ok()?),
            files: None,
        })
    }
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
        let mut entries = Vec::new();
        for rel in super::super::load::record_paths(root) {
            let bytes = fs::read(root.join(&rel)).unwrap();
            let parsed = super::super::convert::parse_record(&site, root, &rel, &bytes);
            let Some(record) = parsed.record else {
                continue;
            };
            // Made at parse time, it must be what the exports would make of the record now.
            assert_eq!(record.fields_digest, record.digest_fields());
            assert_ne!(record.fields_digest, 0);
            let digest = fingerprint::of_bytes(&bytes);
            let cached = Cached::new(root, digest, None, &record, i128::MAX).expect("cacheable");
            let back = cached.record(root, digest).expect("reusable");
            assert_eq!(
                format!("{back:?}"),
                format!("{record:?}"),
                "{}",
                rel.display()
            );
            assert!(cached.record(root, digest ^ 1).is_none(), "another file");
            entries.push((rel.to_string_lossy().into_owned(), cached, record));
            n += 1;
        }
        assert!(n > 100, "{n} records");
        // Through a shard's files: the bodies come back from the body file, when asked.
        let dir = tempfile::tempdir().unwrap();
        let keep = entries
            .iter()
            .map(|(rel, c, _)| (rel.clone(), c.clone()))
            .collect();
        write_shard(dir.path(), 7, 1, keep).unwrap();
        let (_, back) = read_shard(dir.path(), &dir.path().join("7.bin"), 1).unwrap();
        for ((rel, c, record), (back_rel, back_c)) in entries.iter().zip(back) {
            assert_eq!(rel, &back_rel);
            let back = back_c.record(root, c.file).expect("reusable");
            assert_eq!(
                back.body.texts().unwrap(),
                record.body.texts().unwrap(),
                "{rel}"
            );
        }
    }

    #[test]
    fn a_file_written_just_now_is_not_trusted_by_its_stat() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "---\ntitle: a\n---\n").unwrap();
        let stat = FileStat::of(&path).unwrap();
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as i128;
        assert_eq!(stat.settled_before(now - 2_000_000_000), None);
        assert_eq!(stat.settled_before(now + 1_000_000_000), Some(stat));
        std::fs::write(&path, "---\ntitle: bb\n---\n").unwrap();
        assert_ne!(
            FileStat::of(&path),
            Some(stat),
            "a rewrite changes the stat"
        );
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
    fn entries_are_taken_in_order_and_by_name_once_out_of_order() {
        let entry = |file| Cached {
            file,
            stat: None,
            deps: Vec::new(),
            record: Vec::new(),
            photo_source: None,
            fields_digest: 0,
            texts_at: (0, 0),
            fresh_texts: None,
            files: None,
        };
        let names = ["a", "b", "c"];
        let mut e = InOrder::new(names.iter().map(|n| (n.to_string(), entry(1))).collect());
        assert_eq!(e.take("a").map(|(k, _)| k).as_deref(), Some("a"));
        assert!(e.take("new").is_none(), "a record added");
        assert_eq!(e.take("c").map(|(k, _)| k).as_deref(), Some("c"));
        assert!(!e.is_empty(), "b is left");
        assert!(e.take("b").is_some() && e.is_empty());
    }

    #[test]
    fn shards_are_written_when_they_change_and_corruption_is_noticed() {
        let dir = tempfile::tempdir().unwrap();
        let paths: Vec<String> = (0..40).map(|i| format!("content/{i}.md")).collect();
        let entry = |file| Cached {
            file,
            stat: None,
            deps: Vec::new(),
            record: vec![1, 2, 3],
            photo_source: None,
            fields_digest: 0,
            texts_at: (0, 0),
            fresh_texts: Some(vec![4, 5]),
            files: None,
        };
        // Each path's cached file digest, or None when it had no entry.
        let run = |cache: &ParseCache, file: u128| {
            let (values, notices) = cache.load_all(&paths, |_, slot| {
                let seen = slot.as_ref().map(|c| c.file);
                let reused = seen == Some(file);
                Loaded {
                    value: seen,
                    keep: Some(slot.filter(|_| reused).unwrap_or_else(|| entry(file))),
                    reused,
                }
            });
            (values.collect::<Vec<_>>(), notices)
        };
        let cache = ParseCache::new(dir.path(), 1);
        let (first, notices) = run(&cache, 7);
        assert!(first.iter().all(Option::is_none) && notices.is_empty());
        let (second, _) = run(&cache, 7);
        assert!(second.iter().all(|s| *s == Some(7)), "{second:?}");
        let (other_site, _) = run(&ParseCache::new(dir.path(), 2), 7);
        assert!(other_site.iter().all(Option::is_none), "site.yaml changed");

        let shard = cache.dir.join(format!("{}.bin", shard_of(&paths[0])));
        let mut bytes = fs::read(&shard).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        fs::write(&shard, bytes).unwrap();
        let cache = ParseCache::new(dir.path(), 2);
        let (after, notices) = run(&cache, 7);
        assert!(notices[0].contains("corrupt"), "{notices:?}");
        assert_eq!(after[0], None);
        let (repaired, notices) = run(&cache, 7);
        assert!(notices.is_empty() && repaired[0] == Some(7), "rewritten");

        // What a build killed while writing a body file leaves is swept by the next one; the
        // body files named by the indexes stay.
        let n = shard_of(&paths[0]);
        let orphan = cache.dir.join(format!("{n}.tmp-999999.bodies"));
        fs::write(&orphan, b"half").unwrap();
        let bodies = |dir: &Path| {
            (fs::read_dir(dir).unwrap().flatten())
                .filter(|e| e.file_name().to_string_lossy().ends_with(".bodies"))
                .count()
        };
        let before = bodies(&cache.dir);
        let (again, _) = run(&cache, 7);
        assert!(again.iter().all(|s| *s == Some(7)));
        assert!(!orphan.exists());
        assert_eq!(bodies(&cache.dir), before - 1);
    }
}

//! The build cache: what the last build into an output folder produced. One file per output
//! folder in `<site>/.gongkai-cache/`, written after the output is in place and removed before
//! the output is touched, so a cache on disk always describes the folder as it is.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::fingerprint::{self, Fingerprint};

/// The site-relative cache folder (git-ignored in a new site).
pub const CACHE_DIR: &str = ".gongkai-cache";

const MAGIC: &[u8] = b"gongkai build cache\n";
/// Bumped when the layout below changes.
const FORMAT: u32 = 2;

/// One file of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Digest of what the file was made from.
    pub fingerprint: Fingerprint,
    /// Digest of the file's bytes as written, for `publish` to find files changed by hand.
    pub content: Fingerprint,
    pub size: u64,
    /// Modification time in nanoseconds since the epoch, to notice files changed by hand.
    pub mtime: i64,
}

impl Entry {
    /// The entry for a file just written with the bytes whose digest is `content`.
    pub fn of_file(fingerprint: Fingerprint, content: Fingerprint, path: &Path) -> Result<Entry> {
        let meta = fs::symlink_metadata(path)
            .with_context(|| format!("cannot stat {}", path.display()))?;
        Ok(Entry {
            fingerprint,
            content,
            size: meta.len(),
            mtime: mtime_ns(&meta),
        })
    }
}

fn mtime_ns(meta: &fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i64)
}

#[derive(Debug, Serialize, Deserialize)]
struct Stored {
    program: Fingerprint,
    out: String,
    files: Vec<(String, Entry)>,
    state: State,
    spare: Option<Spare>,
}

/// How the spare folder beside the output (see [`super::spare`]) differs from it: the files
/// that are not hard links of the output's, each with whether the spare has it at all. Every
/// other file of the output is, in the spare, the same file (one inode).
pub type Spare = Vec<(String, bool)>;

/// What stages keep for the next build beside the files, by stage name (the search index
/// keeps its document list, to patch the index it wrote).
pub type State = BTreeMap<String, Vec<u8>>;

/// What the previous build produced, checked against the output folder.
#[derive(Debug)]
pub struct Previous {
    pub files: FxHashMap<String, Entry>,
    pub state: State,
    /// The output folder holding those files.
    pub dir: PathBuf,
    /// How the spare folder differs from it, when the spare can be trusted.
    pub spare: Option<FxHashMap<String, bool>>,
}

/// Why a cache was not used (shown to the user; a missing cache is silent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unusable {
    Missing,
    Discarded(String),
}

/// The cache file for the output folder `out` of the site at `root`.
pub fn path(root: &Path, out: &Path) -> PathBuf {
    let key = fingerprint::of_bytes(out_key(out).as_bytes()) as u64;
    root.join(CACHE_DIR).join(format!("build-{key:016x}.bin"))
}

fn out_key(out: &Path) -> String {
    std::path::absolute(out)
        .unwrap_or_else(|_| out.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

/// Reads the cache for `out` and checks that `out` still holds exactly the files it lists,
/// unchanged. Anything unexpected discards it: a cache is never trusted over the files.
pub fn load(root: &Path, out: &Path) -> Result<Previous, Unusable> {
    let file = path(root, out);
    let bytes = match fs::read(&file) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Unusable::Missing),
        Err(e) => return Err(discarded(format!("cannot read {}: {e}", file.display()))),
    };
    let stored = decode(&bytes).ok_or_else(|| {
        discarded(format!(
            "{} is corrupt or from an older format",
            file.display()
        ))
    })?;
    if stored.program != fingerprint::program() {
        return Err(discarded(
            "it was written by another build of gongkai".into(),
        ));
    }
    if stored.out != out_key(out) {
        return Err(discarded(format!(
            "it describes another folder, {}",
            stored.out
        )));
    }
    if !out.is_dir() {
        return Err(discarded(format!("{} does not exist", out.display())));
    }
    verify(out, &stored.files)?;
    Ok(Previous {
        files: stored.files.into_iter().collect(),
        state: stored.state,
        dir: out.to_path_buf(),
        spare: stored.spare.map(|s| s.into_iter().collect()),
    })
}

/// The files of the output folder whose bytes no longer have the digest they were written
/// with (changed by hand, keeping size and time), sorted. Reads every file: for `publish`.
pub fn changed_content(previous: &Previous) -> Vec<String> {
    let mut changed: Vec<String> = (previous.files.par_iter())
        .filter(|(rel, entry)| {
            fs::read(previous.dir.join(rel))
                .map_or(true, |b| fingerprint::of_bytes(&b) != entry.content)
        })
        .map(|(rel, _)| rel.clone())
        .collect();
    changed.sort_unstable();
    changed
}

fn discarded(why: String) -> Unusable {
    Unusable::Discarded(why)
}

/// Every listed file exists with its recorded size and time, and there are no others.
fn verify(out: &Path, files: &[(String, Entry)]) -> Result<(), Unusable> {
    let expected: FxHashMap<&str, &Entry> = (files.iter()).map(|(r, e)| (r.as_str(), e)).collect();
    let found = walk(out, "", &expected);
    let changed = found.changed.or_else(|| {
        if found.matched == files.len() {
            return None;
        }
        // Fewer files than listed: name one that is gone.
        let gone = files.iter().find(|(rel, _)| !out.join(rel).is_file());
        gone.map(|(rel, _)| rel.clone())
    });
    if let Some(rel) = changed {
        return Err(discarded(format!(
            "{rel} in {} was changed or removed",
            out.display()
        )));
    }
    if found.stray.is_some() || found.matched != files.len() {
        return Err(discarded(format!(
            "{} holds files the last build did not write",
            out.display()
        )));
    }
    Ok(())
}

/// What [`walk`] found under a folder: how many files are as listed, and the first (by name) that
/// differs from its entry and that has none.
#[derive(Default)]
struct Found {
    matched: usize,
    changed: Option<String>,
    stray: Option<String>,
}

impl Found {
    fn merge(self, other: Found) -> Found {
        let first = |a: Option<String>, b: Option<String>| match (a, b) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        Found {
            matched: self.matched + other.matched,
            changed: first(self.changed, other.changed),
            stray: first(self.stray, other.stray),
        }
    }
}

/// Checks every file under `dir` (whose path in the output is `prefix`) against `expected`.
/// Reads each folder once and takes each file's metadata from its folder entry (`statx`
/// relative to the open folder): at 100,000 pages, looking every path up from the root was
/// most of the check.
fn walk(dir: &Path, prefix: &str, expected: &FxHashMap<&str, &Entry>) -> Found {
    let Ok(entries) = fs::read_dir(dir) else {
        return Found::default();
    };
    let entries: Vec<fs::DirEntry> = entries.flatten().collect();
    (entries.par_iter())
        .map(|e| {
            let name = e.file_name();
            let rel = format!("{prefix}{}", name.to_string_lossy());
            match e.file_type() {
                Ok(t) if t.is_dir() => walk(&e.path(), &format!("{rel}/"), expected),
                _ => match expected.get(rel.as_str()) {
                    None => Found {
                        stray: Some(rel),
                        ..Found::default()
                    },
                    Some(want) => match e.metadata() {
                        Ok(m)
                            if m.is_file()
                                && m.len() == want.size
                                && mtime_ns(&m) == want.mtime =>
                        {
                            Found {
                                matched: 1,
                                ..Found::default()
                            }
                        }
                        _ => Found {
                            changed: Some(rel),
                            ..Found::default()
                        },
                    },
                },
            }
        })
        .reduce(Found::default, Found::merge)
}

fn decode(bytes: &[u8]) -> Option<Stored> {
    let payload = super::sealed::unseal(MAGIC, FORMAT, bytes).ok()?;
    postcard::from_bytes(payload).ok()
}

/// Writes the cache for `out` (atomically: aside, then renamed over the old one), with how the
/// spare folder differs from `out` when there is one.
pub fn save(
    root: &Path,
    out: &Path,
    files: Vec<(String, Entry)>,
    state: State,
    spare: Option<Spare>,
) -> Result<()> {
    let stored = Stored {
        program: fingerprint::program(),
        out: out_key(out),
        files,
        state,
        spare,
    };
    let payload = postcard::to_stdvec(&stored).context("cannot encode the build cache")?;
    super::sealed::write(&path(root, out), MAGIC, FORMAT, &payload)?;
    prune(&root.join(CACHE_DIR));
    Ok(())
}

/// The start of a stored cache: enough to know which folder it describes.
#[derive(Deserialize)]
struct Head {
    _program: Fingerprint,
    out: String,
}

/// Removes the caches of output folders that no longer exist (temporary folders, `serve`
/// sessions, folders deleted by hand), and any cache file that cannot be read.
fn prune(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with("build-") && name.ends_with(".bin")) {
            continue;
        }
        let described = read_head(&entry.path()).map(|h| PathBuf::from(h.out));
        if !described.is_some_and(|out| out.is_dir()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn read_head(file: &Path) -> Option<Head> {
    use std::io::Read as _;
    let mut start = vec![0; 4096];
    let n = fs::File::open(file).ok()?.read(&mut start).ok()?;
    let payload = super::sealed::payload_start(MAGIC, FORMAT, &start[..n])?;
    postcard::take_from_bytes::<Head>(payload)
        .ok()
        .map(|(h, _)| h)
}

/// Removes the cache for `out` before the folder is changed in place: if the change is cut
/// short, the next build finds no cache and builds everything.
pub fn forget(root: &Path, out: &Path) -> Result<()> {
    let file = path(root, out);
    match fs::remove_file(&file) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).with_context(|| format!("cannot remove {}", file.display()))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site_with_output() -> (tempfile::TempDir, PathBuf, Vec<(String, Entry)>) {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir_all(out.join("doc")).unwrap();
        fs::write(out.join("index.html"), "home").unwrap();
        fs::write(out.join("doc/a.html"), "a").unwrap();
        let files = ["doc/a.html", "index.html"]
            .iter()
            .map(|rel| {
                (
                    rel.to_string(),
                    Entry::of_file(7, 9, &out.join(rel)).unwrap(),
                )
            })
            .collect();
        (dir, out, files)
    }

    #[test]
    fn a_saved_cache_loads_while_the_folder_is_untouched() {
        let (dir, out, files) = site_with_output();
        assert!(matches!(load(dir.path(), &out), Err(Unusable::Missing)));
        let state = State::from([("search".to_string(), vec![1, 2, 3])]);
        save(dir.path(), &out, files, state.clone(), None).unwrap();
        let prev = load(dir.path(), &out).unwrap();
        assert_eq!(prev.files["index.html"].fingerprint, 7);
        assert_eq!(prev.files.len(), 2);
        assert_eq!(prev.state, state);
    }

    #[test]
    fn a_changed_added_or_removed_output_file_discards_the_cache() {
        for change in ["edit", "add", "remove"] {
            let (dir, out, files) = site_with_output();
            save(dir.path(), &out, files, State::new(), None).unwrap();
            match change {
                "edit" => fs::write(out.join("doc/a.html"), "changed by hand").unwrap(),
                "add" => fs::write(out.join("extra.html"), "x").unwrap(),
                _ => fs::remove_file(out.join("index.html")).unwrap(),
            }
            assert!(
                matches!(load(dir.path(), &out), Err(Unusable::Discarded(_))),
                "{change}"
            );
        }
    }

    #[test]
    fn caches_of_folders_that_are_gone_are_removed() {
        let (dir, out, files) = site_with_output();
        let other = dir.path().join("elsewhere");
        fs::create_dir_all(&other).unwrap();
        save(dir.path(), &other, Vec::new(), State::new(), None).unwrap();
        save(dir.path(), &out, files.clone(), State::new(), None).unwrap();
        assert!(path(dir.path(), &other).exists(), "its folder exists");
        fs::remove_dir_all(&other).unwrap();
        save(dir.path(), &out, files, State::new(), None).unwrap();
        assert!(!path(dir.path(), &other).exists(), "its folder is gone");
        assert!(path(dir.path(), &out).exists());
    }

    #[test]
    fn a_corrupt_cache_is_discarded_not_trusted() {
        let (dir, out, files) = site_with_output();
        save(dir.path(), &out, files, State::new(), None).unwrap();
        let file = path(dir.path(), &out);
        let mut bytes = fs::read(&file).unwrap();
        let n = bytes.len();
        bytes[n - 20] ^= 0xff;
        fs::write(&file, &bytes).unwrap();
        assert!(
            matches!(load(dir.path(), &out), Err(Unusable::Discarded(m)) if m.contains("corrupt"))
        );
        fs::write(&file, b"not a cache").unwrap();
        assert!(matches!(
            load(dir.path(), &out),
            Err(Unusable::Discarded(_))
        ));
    }

    #[test]
    fn a_cache_for_another_folder_is_discarded() {
        let (dir, out, files) = site_with_output();
        save(dir.path(), &out, files, State::new(), None).unwrap();
        let other = dir.path().join("elsewhere");
        fs::rename(path(dir.path(), &out), path(dir.path(), &other)).unwrap();
        fs::rename(&out, &other).unwrap();
        assert!(
            matches!(load(dir.path(), &other), Err(Unusable::Discarded(m)) if m.contains("another folder"))
        );
    }
}

//! Walks `content/` and reads every record in parallel.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::Record;
use super::cache::{self, Cached, FileStat, ParseCache};
use super::convert::Parsed;
use super::convert::parse_record;
use crate::config::Site;
use crate::diag::{Code, Diagnostic, Pos};
use crate::incremental::fingerprint;

/// Every record file under `content/`, sorted: `.md` and `.yaml`/`.yml`, skipping `_files`
/// folders and names starting with `_` or `.`.
pub fn record_paths(root: &Path) -> Vec<PathBuf> {
    record_files(root).into_iter().map(|(p, _)| p).collect()
}

/// [`record_paths`], each with its file's stat, taken from its folder entry (`statx` relative to
/// the open folder, folders in parallel): at 100,000 records, looking each path up from the
/// root again was a tenth of a rebuild's loading.
pub fn record_files(root: &Path) -> Vec<(PathBuf, Option<FileStat>)> {
    walk_content(root).files
}

/// What a walk of `content/` found: the record files, and the folders it could not read.
#[derive(Default)]
pub struct Walked {
    pub files: Vec<(PathBuf, Option<FileStat>)>,
    /// Site-relative folders that could not be listed (`content/` itself when it is missing),
    /// with the reason.
    pub unreadable: Vec<(PathBuf, crate::i18n::Arg)>,
}

/// Walks `content/`: [`record_files`], and every folder that could not be read.
pub fn walk_content(root: &Path) -> Walked {
    let mut walked = Walked::default();
    walk(&root.join("content"), Path::new("content"), &mut walked);
    walked
}

/// The errors for folders of `content/` that could not be read: a missing or unreadable
/// `content/` would otherwise publish an empty site.
pub fn unreadable_folders(walked: &Walked) -> Vec<Diagnostic> {
    (walked.unreadable.iter())
        .map(|(rel, why)| {
            Diagnostic::error(
                Code::Unreadable,
                rel.to_string_lossy(),
                Pos::new(0, 0),
                crate::msg!(
                    "content-folder-unreadable",
                    folder = rel.display().to_string(),
                    error = why.clone()
                ),
            )
        })
        .collect()
}

/// Appends the record files under `dir` (site-relative `rel`) in path order: each folder's
/// entries sorted by name, a subfolder's files where its name sorts, as `Path`'s order has it.
fn walk(dir: &Path, rel: &Path, walked: &mut Walked) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            walked.unreadable.push((rel.to_path_buf(), (&e).into()));
            return;
        }
    };
    let mut entries: Vec<std::fs::DirEntry> = (entries.flatten())
        .filter(|e| !e.file_name().as_encoded_bytes().starts_with(b"_"))
        .filter(|e| !e.file_name().as_encoded_bytes().starts_with(b"."))
        .collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    let found: Vec<Walked> = (entries.par_iter())
        .map(|e| {
            let mut found = Walked::default();
            let rel = rel.join(e.file_name());
            match e.file_type() {
                Ok(t) if t.is_dir() => walk(&e.path(), &rel, &mut found),
                Ok(t) if t.is_file() && is_record_file(&rel) => {
                    let stat = e.metadata().ok().and_then(|m| FileStat::from(&m));
                    found.files.push((rel, stat));
                }
                _ => {}
            }
            found
        })
        .collect();
    for f in found {
        walked.files.extend(f.files);
        walked.unreadable.extend(f.unreadable);
    }
}

fn is_record_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|x| x.to_str()),
        Some("md" | "yaml" | "yml")
    )
}

/// All records that parsed, and every diagnostic, in a stable order.
pub struct Loaded {
    pub records: Vec<Record>,
    pub diagnostics: Vec<Diagnostic>,
    /// About the parse cache, for the user (a corrupt cache file, a cache not saved).
    pub notices: Vec<String>,
}

pub fn load_all(site: &Site, root: &Path) -> Loaded {
    load_all_with(site, root, &crate::progress::Progress::default())
}

/// [`load_all`], reporting progress.
pub fn load_all_with(site: &Site, root: &Path, progress: &crate::progress::Progress) -> Loaded {
    let walked = walk_content(root);
    let paths: Vec<PathBuf> = walked.files.iter().map(|(p, _)| p.clone()).collect();
    let task = progress.task(crate::msg!("progress-reading-records"), paths.len() as u64);
    let results: Vec<_> = paths
        .par_iter()
        .map(
            |rel| match crate::fsutil::read_capped(&root.join(rel), super::MAX_RECORD_BYTES) {
                Ok(bytes) => {
                    let parsed = parse_record(site, root, rel, &bytes);
                    task.inc();
                    parsed
                }
                Err(e) => super::convert::Parsed {
                    record: None,
                    diagnostics: vec![Diagnostic::error(
                        Code::Unreadable,
                        rel.to_string_lossy(),
                        Pos::new(0, 0),
                        crate::msg!("file-unreadable", error = &e),
                    )],
                },
            },
        )
        .collect();
    task.finish();
    let mut records = Vec::with_capacity(results.len());
    let mut diagnostics = unreadable_folders(&walked);
    for r in results {
        records.extend(r.record);
        diagnostics.extend(r.diagnostics);
    }
    crate::check::pii::allow_office_numbers(&mut records);
    Loaded {
        records,
        diagnostics,
        notices: Vec::new(),
    }
}

/// [`load_all_with`], reusing records parsed by an earlier build ([`super::cache`]) and
/// keeping this build's for the next.
pub fn load_all_cached(site: &Site, root: &Path, progress: &crate::progress::Progress) -> Loaded {
    let walked = walk_content(root);
    let unreadable = unreadable_folders(&walked);
    let (paths, stats): (Vec<PathBuf>, Vec<Option<FileStat>>) = walked.files.into_iter().unzip();
    let keys: Vec<String> = paths
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    // Files changed in the last two seconds may change again unnoticed by their times.
    let settled = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128 - 2_000_000_000);
    let task = progress.task(crate::msg!("progress-reading-records"), paths.len() as u64);
    let (results, notices) = ParseCache::new(root, site.digest).load_all(&keys, |i, slot| {
        let loaded = load_one(site, root, &paths[i], stats[i], slot, settled);
        task.inc();
        loaded
    });
    task.finish();
    let mut loaded = Loaded {
        records: Vec::with_capacity(keys.len()),
        diagnostics: unreadable,
        notices,
    };
    for parsed in results {
        loaded.records.extend(parsed.record);
        loaded.diagnostics.extend(parsed.diagnostics);
    }
    // Every loader applies the site-wide office-number allowance, so that every command
    // (build, publish, ledger, status, archive) judges a record's personal data alike.
    crate::check::pii::allow_office_numbers(&mut loaded.records);
    loaded
}

/// One record, from the cache when its entry is still good.
fn load_one(
    site: &Site,
    root: &Path,
    rel: &Path,
    stat: Option<FileStat>,
    slot: Option<Cached>,
    settled: i128,
) -> cache::Loaded<Parsed> {
    let stat = stat.and_then(|s| s.settled_before(settled));
    if let Some(cached) = slot.as_ref()
        && let Some(record) = cached.record_if_untouched(root, stat)
    {
        return cache::Loaded {
            value: Parsed {
                record: Some(record),
                diagnostics: Vec::new(),
            },
            keep: slot,
            reused: true,
        };
    }
    let bytes = match crate::fsutil::read_capped(&root.join(rel), super::MAX_RECORD_BYTES) {
        Ok(b) => b,
        Err(e) => {
            return cache::Loaded {
                value: unreadable(rel, &e),
                keep: None,
                reused: false,
            };
        }
    };
    let digest = fingerprint::of_bytes(&bytes);
    if let Some(cached) = slot
        && let Some(record) = cached.record(root, digest)
    {
        // Same bytes, other times (a checkout, a `touch`): kept with the new stat.
        let (cached, same) = cached.restat(stat);
        return cache::Loaded {
            value: Parsed {
                record: Some(record),
                diagnostics: Vec::new(),
            },
            keep: Some(cached),
            reused: same,
        };
    }
    let parsed = parse_record(site, root, rel, &bytes);
    let keep = match (&parsed.record, parsed.diagnostics.is_empty()) {
        (Some(r), true) => Cached::new(root, digest, stat, r, settled),
        _ => None,
    };
    cache::Loaded {
        value: parsed,
        keep,
        reused: false,
    }
}

fn unreadable(rel: &Path, e: &std::io::Error) -> Parsed {
    Parsed {
        record: None,
        diagnostics: vec![Diagnostic::error(
            Code::Unreadable,
            rel.to_string_lossy(),
            Pos::new(0, 0),
            crate::msg!("file-unreadable", error = e),
        )],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_files_come_in_path_order_with_their_stats() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        // '-' < '.' < '/' in bytes: a folder's files sort where the folder's name does.
        for f in [
            "content/a/b.md",
            "content/a-b.md",
            "content/a.md",
            "content/a/c/d.yaml",
            "content/_files/x.md",
            "content/.hidden.md",
            "content/a/_draft.md",
            "content/b.txt",
            "content/z.yml",
        ] {
            let path = root.join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, f).unwrap();
        }
        let files = record_files(root);
        let paths: Vec<&Path> = files.iter().map(|(p, _)| p.as_path()).collect();
        let want = [
            "content/a/b.md",
            "content/a/c/d.yaml",
            "content/a-b.md",
            "content/a.md",
            "content/z.yml",
        ];
        assert_eq!(paths, want.map(Path::new));
        assert!(paths.is_sorted(), "as Path orders them");
        for (rel, stat) in &files {
            assert_eq!(*stat, FileStat::of(&root.join(rel)), "{}", rel.display());
            assert!(stat.is_some());
        }
    }
}

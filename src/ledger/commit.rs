//! Writes a set of files all or nothing. Every new content is first written aside (a dot file
//! next to its target, same folder, so the rename is atomic and `content/` walking ignores it);
//! only when all are written are they renamed into place, in the order given — the ledger is
//! given last, so it changes last. If a rename fails, the files already renamed get their old
//! bytes back and the remaining aside files are removed.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};

/// One file to replace (or create, when `old` is `None`).
#[derive(Debug, Clone)]
pub struct Change {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    /// The bytes it had when read, to put back if the commit fails half-way.
    pub old: Option<Vec<u8>>,
}

/// Where a change is written before it is renamed into place.
pub fn aside_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.gongkai-new"))
}

pub fn commit(changes: &[Change]) -> Result<()> {
    commit_with(changes, |from, to| fs::rename(from, to))
}

fn commit_with(changes: &[Change], rename: impl Fn(&Path, &Path) -> io::Result<()>) -> Result<()> {
    let mut aside = Vec::with_capacity(changes.len());
    for c in changes {
        let a = aside_path(&c.path);
        if let Err(e) = write_aside(&a, &c.path, &c.bytes) {
            let _ = fs::remove_file(&a);
            remove_all(&aside);
            return Err(e);
        }
        aside.push(a);
    }
    for (k, c) in changes.iter().enumerate() {
        if let Err(e) = rename(&aside[k], &c.path) {
            remove_all(&aside[k..]);
            let undo = restore(&changes[..k]);
            let err = anyhow!(e).context(format!("cannot move {} into place", c.path.display()));
            return Err(match undo {
                Ok(()) => err.context("nothing was changed"),
                Err(u) => err.context(format!("and undoing the files already moved failed: {u:#}")),
            });
        }
    }
    Ok(())
}

/// Writes and syncs `bytes` at `aside`, with the permissions of the file it will replace.
fn write_aside(aside: &Path, target: &Path, bytes: &[u8]) -> Result<()> {
    let mut f =
        fs::File::create(aside).with_context(|| format!("cannot create {}", aside.display()))?;
    f.write_all(bytes)
        .and_then(|()| f.sync_all())
        .with_context(|| format!("cannot write {}", aside.display()))?;
    if let Ok(meta) = fs::metadata(target) {
        fs::set_permissions(aside, meta.permissions())
            .with_context(|| format!("cannot set the permissions of {}", aside.display()))?;
    }
    Ok(())
}

fn remove_all(paths: &[PathBuf]) {
    for p in paths {
        let _ = fs::remove_file(p);
    }
}

/// Puts back the old bytes of files already renamed, newest first.
fn restore(done: &[Change]) -> Result<()> {
    for c in done.iter().rev() {
        match &c.old {
            Some(old) => {
                let a = aside_path(&c.path);
                write_aside(&a, &c.path, old)?;
                fs::rename(&a, &c.path)
                    .with_context(|| format!("cannot restore {}", c.path.display()))?;
            }
            None => fs::remove_file(&c.path)
                .with_context(|| format!("cannot remove {}", c.path.display()))?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (tempfile::TempDir, Vec<Change>) {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.md");
        let ledger = dir.path().join("ledger.jsonl");
        fs::write(&a, "old a").unwrap();
        let changes = vec![
            Change {
                path: a,
                bytes: b"new a".to_vec(),
                old: Some(b"old a".to_vec()),
            },
            Change {
                path: ledger,
                bytes: b"new ledger".to_vec(),
                old: None,
            },
        ];
        (dir, changes)
    }

    fn listing(dir: &Path) -> Vec<(String, String)> {
        let mut out: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    fs::read_to_string(e.path()).unwrap_or_default(),
                )
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn commits_every_file() {
        let (dir, changes) = setup();
        commit(&changes).unwrap();
        assert_eq!(
            listing(dir.path()),
            vec![
                ("a.md".into(), "new a".into()),
                ("ledger.jsonl".into(), "new ledger".into())
            ]
        );
    }

    #[test]
    fn a_failed_rename_puts_everything_back() {
        let (dir, changes) = setup();
        let before = listing(dir.path());
        let err = commit_with(&changes, |from, to| {
            if to.ends_with("ledger.jsonl") {
                Err(io::Error::other("injected failure"))
            } else {
                fs::rename(from, to)
            }
        })
        .unwrap_err();
        assert!(format!("{err:#}").contains("injected failure"));
        assert_eq!(listing(dir.path()), before);
    }

    #[test]
    fn a_failed_write_aside_changes_nothing() {
        let (dir, changes) = setup();
        fs::create_dir(aside_path(&changes[1].path)).unwrap();
        let before = listing(dir.path());
        assert!(commit(&changes).is_err());
        assert_eq!(listing(dir.path()), before);
    }
}

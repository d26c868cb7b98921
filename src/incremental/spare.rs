//! The spare folder: a second complete copy of the site beside the output folder
//! (`.<name>.spare`), sharing with it every file the two have in common (hard links, one inode).
//! An incremental build brings the spare up to date (the files it wrote are moved in, the files
//! that differ are linked from the output, the files no longer produced are removed) and then
//! exchanges it with the output folder in one `renameat2(RENAME_EXCHANGE)`: a kill at any moment
//! leaves the old complete site or the new one in the output folder. The old output becomes the
//! next spare, so each build touches only what changed in the last two builds, never the whole
//! tree: at 100,000 records, linking every file anew would cost seconds.
//!
//! The build cache says how the spare differs from the output ([`manifest::Spare`]); the cache is
//! removed before either folder is touched, so a spare is used only as the last build left it.
//! Without a usable spare (the first incremental build after a full one), the staging folder is
//! completed with links to every unchanged file of the output instead, and becomes the output.

use std::fs;
use std::path::Path;

use anyhow::{Context as _, Result};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::manifest::{self, Previous};
use super::outdir;
use super::output::Produced;
use crate::fsutil::{exchange, link_into, rename_into};

/// Puts an incremental build in place (see the module doc); `staging` holds the files it wrote.
/// Returns how many files of the previous output are gone.
pub fn apply(
    staging: &Path,
    out: &Path,
    previous: &Previous,
    produced: &[Produced],
) -> Result<usize> {
    let spare = outdir::spare_path(out);
    let now: FxHashSet<&str> = produced.iter().map(|p| p.rel.as_str()).collect();
    let removed = (previous.files.keys())
        .filter(|k| !now.contains(k.as_str()))
        .count();
    match (previous.spare.as_ref()).filter(|_| spare.join(outdir::MARKER).is_file()) {
        Some(differs) => {
            update(&spare, staging, out, previous, differs, produced, &now)?;
            exchange(&spare, out)?;
        }
        None => {
            if fs::symlink_metadata(&spare).is_ok() {
                outdir::remove_marker_last(&spare);
            }
            (produced.par_iter())
                .filter(|p| !p.written)
                .try_for_each(|p| link_into(&out.join(&p.rel), &staging.join(&p.rel), false))?;
            let _ = fs::remove_file(staging.join(outdir::STAGING_MARKER));
            exchange(staging, out)?;
            fs::rename(staging, &spare)
                .with_context(|| format!("cannot move {} aside", staging.display()))?;
        }
    }
    Ok(removed)
}

/// Makes the spare folder, which differs from `out` by `differs`, equal to the new site.
fn update(
    spare: &Path,
    staging: &Path,
    out: &Path,
    previous: &Previous,
    differs: &FxHashMap<String, bool>,
    produced: &[Produced],
    now: &FxHashSet<&str>,
) -> Result<()> {
    let mut stale: Vec<&str> = (previous.files.keys())
        .map(String::as_str)
        .filter(|k| !now.contains(k) && !differs.contains_key(*k))
        .collect();
    stale.extend(
        (differs.iter())
            .filter(|(k, has)| **has && !now.contains(k.as_str()))
            .map(|(k, _)| k.as_str()),
    );
    stale.sort_unstable();
    remove_files(spare, &stale)?;
    produced.par_iter().try_for_each(|p| {
        let to = spare.join(&p.rel);
        if p.written {
            rename_into(&staging.join(&p.rel), &to)
        } else if differs.contains_key(&p.rel) {
            link_into(&out.join(&p.rel), &to, true)
        } else {
            Ok(())
        }
    })
}

/// Removes `rels` under `dir`, and the folders they leave empty.
fn remove_files(dir: &Path, rels: &[&str]) -> Result<()> {
    for rel in rels {
        let path = dir.join(rel);
        match fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(e).with_context(|| format!("cannot remove {}", path.display()));
            }
            _ => {}
        }
        let mut parent = path.parent();
        while let Some(d) = parent.filter(|d| *d != dir) {
            if fs::remove_dir(d).is_err() {
                break; // not empty
            }
            parent = d.parent();
        }
    }
    Ok(())
}

/// How the spare (the previous output, once exchanged) differs from the new output: the files
/// this build wrote, and those it no longer produces.
pub fn diff(previous: &Previous, produced: &[Produced]) -> manifest::Spare {
    let now: FxHashSet<&str> = produced.iter().map(|p| p.rel.as_str()).collect();
    let mut differs: manifest::Spare = (produced.iter())
        .filter(|p| p.written)
        .map(|p| (p.rel.clone(), previous.files.contains_key(&p.rel)))
        .collect();
    differs.extend(
        (previous.files.keys())
            .filter(|k| !now.contains(k.as_str()))
            .map(|k| (k.clone(), true)),
    );
    differs.sort_unstable();
    differs
}

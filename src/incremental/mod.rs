//! Incremental builds. A build remembers, for every file it produced, a fingerprint of what the
//! file was made from: for a page, the theme, the site-wide template context, the template and
//! the page's own typed view; for any other file, its bytes. The next build into the same
//! folder computes the fingerprints again, renders and writes only the files whose fingerprint
//! changed (into a staging folder), then removes files no longer produced and moves the new
//! ones into place. The result equals a full build byte for byte: a page is a pure function of
//! what its fingerprint covers (templates read no clock and no files), and the program itself is
//! part of the cache's identity.
//!
//! The cache is used only while the output folder holds exactly what the last build left there;
//! a missing, corrupt, foreign or outdated cache means a full build (with a notice).

pub mod fingerprint;
pub mod manifest;
pub mod output;
pub mod sealed;

use std::fs;
use std::path::Path;

use anyhow::{Context as _, Result};
use rayon::prelude::*;
use rustc_hash::FxHashSet;

pub use output::Output;
use output::Produced;

/// How a build used the cache, for the summary line.
#[derive(Debug, Default, Clone)]
pub struct Reuse {
    /// False for a full build.
    pub incremental: bool,
    pub written: usize,
    pub kept: usize,
    pub removed: usize,
    /// Why the cache was not used or not saved, for the user.
    pub notices: Vec<String>,
}

/// Starts a build into `out`: an [`Output`] over a fresh staging folder, incremental when
/// `use_cache` and the cache for `out` is usable. The second value says why it was not.
pub fn begin(root: &Path, out: &Path, use_cache: bool) -> Result<(Output, Option<String>)> {
    let staging = crate::fsutil::staging_dir(out)?;
    if !use_cache {
        return Ok((Output::full(staging), None));
    }
    Ok(match manifest::load(root, out) {
        Ok(previous) => (Output::incremental(staging, previous), None),
        Err(manifest::Unusable::Missing) => (Output::full(staging), None),
        Err(manifest::Unusable::Discarded(why)) => (
            Output::full(staging),
            Some(format!("build cache not used ({why}): building everything")),
        ),
    })
}

/// Puts a finished build in place: swaps the staging folder in for a full build, moves the
/// written files over the old ones for an incremental build; then records it for the next.
pub fn finish(root: &Path, out: &Path, output: Output, save_cache: bool) -> Result<Reuse> {
    let staging = output.dir().to_path_buf();
    let output::Finished {
        previous,
        produced,
        state,
    } = match output.finish() {
        Ok(f) => f,
        Err(e) => {
            crate::fsutil::discard(&staging);
            return Err(e);
        }
    };
    let mut reuse = Reuse {
        incremental: previous.is_some(),
        written: produced.iter().filter(|p| p.written).count(),
        kept: produced.iter().filter(|p| !p.written).count(),
        ..Reuse::default()
    };
    match &previous {
        None => {
            // An unusable cache must not outlive the folder it described.
            manifest::forget(root, out)?;
            if let Err(e) = crate::fsutil::swap_into_place(&staging, out) {
                crate::fsutil::discard(&staging);
                return Err(e);
            }
        }
        Some(previous) => {
            manifest::forget(root, out)?;
            let applied = apply(&staging, out, previous, &produced);
            crate::fsutil::discard(&staging);
            reuse.removed = applied?;
        }
    }
    if save_cache {
        let files = produced.into_iter().map(|p| (p.rel, p.entry)).collect();
        if let Err(e) = manifest::save(root, out, files, state) {
            reuse.notices.push(format!(
                "build cache not saved ({e:#}): the next build will build everything"
            ));
        }
    }
    Ok(reuse)
}

/// Removes files no longer produced (and folders left empty), then moves the written files from
/// `staging` into `out`. Returns how many files were removed.
fn apply(
    staging: &Path,
    out: &Path,
    previous: &manifest::Previous,
    produced: &[Produced],
) -> Result<usize> {
    let now: FxHashSet<&str> = produced.iter().map(|p| p.rel.as_str()).collect();
    let mut stale: Vec<&String> = (previous.files.keys())
        .filter(|k| !now.contains(k.as_str()))
        .collect();
    stale.sort_unstable();
    for rel in &stale {
        let path = out.join(rel);
        match fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(e).with_context(|| format!("cannot remove {}", path.display()));
            }
            _ => {}
        }
        let mut dir = path.parent();
        while let Some(d) = dir.filter(|d| *d != out) {
            if fs::remove_dir(d).is_err() {
                break; // not empty
            }
            dir = d.parent();
        }
    }
    produced
        .par_iter()
        .filter(|p| p.written)
        .try_for_each(|p| {
            let (from, to) = (staging.join(&p.rel), out.join(&p.rel));
            // Most folders exist already: create them only when the move says so.
            let moved = fs::rename(&from, &to).or_else(|e| match to.parent() {
                Some(parent) if e.kind() == std::io::ErrorKind::NotFound => {
                    fs::create_dir_all(parent).and_then(|()| fs::rename(&from, &to))
                }
                _ => Err(e),
            });
            moved.with_context(|| format!("cannot move {} into {}", p.rel, out.display()))
        })?;
    Ok(stale.len())
}

//! Incremental builds. A build remembers, for every file it produced, a fingerprint of what the
//! file was made from: for a page, the theme, the site-wide template context, the template and
//! the page's own typed view; for any other file, its bytes. The next build into the same
//! folder computes the fingerprints again, renders and writes only the files whose fingerprint
//! changed (into a staging folder), then brings a spare copy of the output up to date with them
//! and exchanges it with the output in one step ([`spare`]). The result equals a full build byte for byte: a page is a pure function of
//! what its fingerprint covers (templates read no clock and no files), and the program itself is
//! part of the cache's identity.
//!
//! The cache is used only while the output folder holds exactly what the last build left there;
//! a missing, corrupt, foreign or outdated cache means a full build (with a notice).

pub mod fingerprint;
pub mod manifest;
pub mod outdir;
pub mod output;
pub mod sealed;
pub mod spare;

use std::fs;
use std::path::Path;

use anyhow::Result;

pub use output::Output;

/// How a build used the cache, for the summary line.
#[derive(Debug, Default, Clone)]
pub struct Reuse {
    /// False for a full build.
    pub incremental: bool,
    pub written: usize,
    pub kept: usize,
    pub removed: usize,
    /// Why the cache was not used or not saved, for the user.
    pub notices: Vec<crate::i18n::Msg>,
}

/// Refuses an output folder that is not gongkai's to replace (see [`outdir`]).
pub fn claim(root: &Path, out: &Path) -> Result<()> {
    let known = manifest::path(root, out).is_file();
    Ok(outdir::claim(root, out, known)?)
}

/// Starts a build into `out`: an [`Output`] over a fresh staging folder, incremental when
/// `use_cache` and the cache for `out` is usable. The second value says why it was not. With
/// `verify`, every file of `out` is hashed first, and any changed by hand means a full build.
/// Folders that killed builds left beside `out` are removed first.
pub fn begin(
    root: &Path,
    out: &Path,
    use_cache: bool,
    verify: bool,
) -> Result<(Output, Option<String>)> {
    outdir::clean_leftovers(out);
    let staging = crate::fsutil::staging_dir(out)?;
    crate::fsutil::write(&staging.join(outdir::STAGING_MARKER), b"")?;
    if !use_cache {
        return Ok((Output::full(staging), None));
    }
    Ok(match manifest::load(root, out) {
        Ok(mut previous) if verify => {
            let changed = manifest::changed_content(&previous);
            if let Some(first) = changed.first() {
                let why = format!(
                    "输出文件夹中有 {n} 个文件被改动过（首个：{first}），全部重新生成 ({n} files of the output were changed by hand, first {first}: building everything)",
                    n = changed.len()
                );
                return Ok((Output::full(staging), Some(why)));
            }
            // The spare folder is not hashed: this build makes a fresh one.
            previous.spare = None;
            (Output::incremental(staging, previous), None)
        }
        Ok(previous) => (Output::incremental(staging, previous), None),
        Err(manifest::Unusable::Missing) => (Output::full(staging), None),
        Err(manifest::Unusable::Discarded(why)) => (
            Output::full(staging),
            Some(format!("build cache not used ({why}): building everything")),
        ),
    })
}

/// Removes a staging folder after a failed build, its markers last (see [`outdir`]).
pub fn discard(staging: &Path) {
    outdir::remove_marker_last(staging);
}

/// Puts a finished build in place, in one exchange of folders whatever kind of build it was:
/// after a kill at any moment `out` is the old complete site or the new one. A full build's
/// staging folder is the new site; an incremental build's new site is the spare folder brought
/// up to date ([`spare`]). Then records the build for the next one. `marker` is the output
/// folder's [`outdir::MARKER`].
pub fn finish(
    root: &Path,
    out: &Path,
    output: Output,
    save_cache: bool,
    marker: &[u8],
) -> Result<Reuse> {
    let staging = output.dir().to_path_buf();
    let finished = output
        .bytes(outdir::MARKER, marker)
        .and_then(|()| output.finish());
    let output::Finished {
        previous,
        produced,
        state,
    } = match finished {
        Ok(f) => f,
        Err(e) => {
            discard(&staging);
            return Err(e);
        }
    };
    let mut reuse = Reuse {
        incremental: previous.is_some(),
        written: produced.iter().filter(|p| p.written).count(),
        kept: produced.iter().filter(|p| !p.written).count(),
        ..Reuse::default()
    };
    // The cache must not outlive the folder it describes, nor the spare folder as it was.
    manifest::forget(root, out)?;
    let spare_diff = match &previous {
        None => {
            let swapped = full_into_place(&staging, out);
            if swapped.is_err() {
                discard(&staging);
            }
            swapped?;
            None
        }
        Some(previous) => {
            let applied = spare::apply(&staging, out, previous, &produced);
            discard(&staging);
            reuse.removed = applied?;
            Some(spare::diff(previous, &produced))
        }
    };
    if save_cache {
        let files = produced.into_iter().map(|p| (p.rel, p.entry)).collect();
        if let Err(e) = manifest::save(root, out, files, state, spare_diff) {
            let error = format!("{e:#}");
            reuse
                .notices
                .push(crate::msg!("note-cache-not-saved", error = error));
        }
    }
    Ok(reuse)
}

/// Exchanges a full build's staging folder with `out`, then removes the old output and the
/// spare folder (which no cache describes any more).
fn full_into_place(staging: &Path, out: &Path) -> Result<()> {
    let _ = fs::remove_file(staging.join(outdir::STAGING_MARKER));
    if crate::fsutil::swap_into_place(staging, out)? {
        outdir::remove_marker_last(staging);
    }
    let spare = outdir::spare_path(out);
    if spare.exists() {
        outdir::remove_marker_last(&spare);
    }
    Ok(())
}

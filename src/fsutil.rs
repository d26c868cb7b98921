//! File-system helpers that name the path in every error, keep paths inside the site, and swap a
//! finished build into place so a failed build never leaves a half-written output folder.

use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result};

/// Normalises a relative path lexically; `None` when it is absolute or climbs out of its base.
pub fn safe_relative(s: &str) -> Option<PathBuf> {
    if s.is_empty() || s.contains('\0') || s.contains('\\') || s.contains(':') {
        return None;
    }
    let mut out = PathBuf::new();
    for c in Path::new(s).components() {
        match c {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    (!out.as_os_str().is_empty()).then_some(out)
}

/// Resolves `rel` (relative to `base_dir`, itself relative to the site root) to a site-relative
/// path, refusing anything that leaves the site.
pub fn resolve_in_site(base_dir: &Path, rel: &str) -> Option<PathBuf> {
    if rel.starts_with('/') {
        return None;
    }
    let joined = format!("{}/{}", base_dir.to_string_lossy(), rel);
    safe_relative(joined.trim_start_matches('/'))
}

/// True when the file at `root/rel` really lies inside `root` once links are followed.
pub fn stays_inside(root: &Path, rel: &Path) -> bool {
    match (root.canonicalize(), root.join(rel).canonicalize()) {
        (Ok(r), Ok(p)) => p.starts_with(r),
        _ => false,
    }
}

pub fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

/// Reads at most `cap + 1` bytes of `path`: enough for the caller to see that a file is too long
/// without holding all of a hostile one in memory.
pub fn read_capped(path: &Path, cap: usize) -> io::Result<Vec<u8>> {
    use io::Read;
    let file = fs::File::open(path)?;
    // Sized from the file's length, as fs::read does, so records are read in one go.
    let hint = file.metadata().map_or(0, |m| m.len()).min(cap as u64 + 1);
    let mut bytes = Vec::with_capacity(hint as usize + 1);
    file.take(cap as u64 + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Writes `bytes` to `path`, creating parent folders.
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = create(path)?;
    f.write_all(bytes)
        .with_context(|| format!("cannot write {}", path.display()))?;
    f.flush()
        .with_context(|| format!("cannot write {}", path.display()))
}

/// Writes `bytes` to `path` atomically: into a file beside it, then renamed over it, so a
/// reader sees the old file or the new one, never a part.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let aside = path.with_extension(format!("tmp-{}", std::process::id()));
    write(&aside, bytes)?;
    fs::rename(&aside, path).with_context(|| format!("cannot write {}", path.display()))
}

/// Creates `path` (and its parent folders) for buffered writing; the caller flushes.
pub fn create(path: &Path) -> Result<io::BufWriter<fs::File>> {
    Ok(io::BufWriter::with_capacity(32 * 1024, create_file(path)?))
}

/// Creates `path` (and its parent folders), unbuffered.
pub fn create_file(path: &Path) -> Result<fs::File> {
    with_parent(path, || fs::File::create(path))
        .with_context(|| format!("cannot create {}", path.display()))
}

/// Moves the file `from` to `to`, creating `to`'s parent folders when missing.
pub fn rename_into(from: &Path, to: &Path) -> Result<()> {
    with_parent(to, || fs::rename(from, to))
        .with_context(|| format!("cannot move {} to {}", from.display(), to.display()))
}

/// Makes `to` a hard link of `from` (replacing `to` when `replace`), creating parent folders.
pub fn link_into(from: &Path, to: &Path, replace: bool) -> Result<()> {
    if replace {
        match fs::remove_file(to) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                return Err(e).with_context(|| format!("cannot remove {}", to.display()));
            }
            _ => {}
        }
    }
    with_parent(to, || fs::hard_link(from, to))
        .with_context(|| format!("cannot link {} to {}", from.display(), to.display()))
}

/// Runs `op` (which creates `path`); when it fails because the parent folder is missing,
/// creates the parent folders and runs it once more. Most files of a build go into folders that
/// already exist, so this saves a `mkdir` (which locks the parent folder) and a `stat` per file.
fn with_parent<T>(path: &Path, op: impl Fn() -> io::Result<T>) -> Result<T> {
    match op() {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create {}", parent.display()))?;
            }
            Ok(op()?)
        }
        r => Ok(r?),
    }
}

/// Copies a file, creating parent folders.
pub fn copy(from: &Path, to: &Path) -> Result<()> {
    with_parent(to, || fs::copy(from, to))
        .with_context(|| format!("cannot copy {} to {}", from.display(), to.display()))?;
    Ok(())
}

/// A hidden sibling path of `out` whose name says what it is and that it is unfinished:
/// `.<name>.<what>-<pid>`, on the same file system (so a final rename is atomic). The parent
/// folder is created.
pub fn hidden_sibling(out: &Path, what: &str) -> Result<PathBuf> {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    Ok(parent.join(format!(".{name}.{what}-{}", std::process::id())))
}

/// A sibling folder of `out` to build into: same file system, so the final rename is atomic.
pub fn staging_dir(out: &Path) -> Result<PathBuf> {
    let staging = hidden_sibling(out, "building")?;
    if staging.exists() {
        fs::remove_dir_all(&staging)
            .with_context(|| format!("cannot clear {}", staging.display()))?;
    }
    fs::create_dir_all(&staging).with_context(|| format!("cannot create {}", staging.display()))?;
    Ok(staging)
}

/// Puts the finished `staging` folder in the place of `out` in one step: when `out` exists the
/// two are exchanged ([`exchange`]), so at every moment `out` is the old folder or the new one.
/// Returns true when an old output now lies at `staging`, for the caller to remove.
pub fn swap_into_place(staging: &Path, out: &Path) -> Result<bool> {
    if fs::symlink_metadata(out).is_ok() {
        exchange(staging, out)?;
        return Ok(true);
    }
    fs::rename(staging, out)
        .with_context(|| format!("cannot move the new build into {}", out.display()))?;
    Ok(false)
}

/// Exchanges two folders atomically (Linux `renameat2(RENAME_EXCHANGE)`). Where the file system
/// or the system cannot, falls back to three renames (not atomic: `b` is missing for a moment).
pub fn exchange(a: &Path, b: &Path) -> Result<()> {
    let context = || format!("cannot exchange {} and {}", a.display(), b.display());
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::ffi::OsStrExt as _;
        let c = |p: &Path| std::ffi::CString::new(p.as_os_str().as_bytes());
        let (ca, cb) = (c(a).with_context(context)?, c(b).with_context(context)?);
        // SAFETY: both are valid NUL-terminated paths that outlive the call.
        let r = unsafe {
            libc::renameat2(
                libc::AT_FDCWD,
                ca.as_ptr(),
                libc::AT_FDCWD,
                cb.as_ptr(),
                libc::RENAME_EXCHANGE,
            )
        };
        if r == 0 {
            return Ok(());
        }
        let e = io::Error::last_os_error();
        if !matches!(e.raw_os_error(), Some(libc::EINVAL | libc::ENOSYS)) {
            return Err(e).with_context(context);
        }
    }
    let aside = hidden_sibling(b, "exchanging")?;
    fs::rename(b, &aside).with_context(context)?;
    if let Err(e) = fs::rename(a, b) {
        let _ = fs::rename(&aside, b);
        return Err(e).with_context(context);
    }
    fs::rename(&aside, a).with_context(context)
}

/// Removes a staging folder after a failed build; errors are ignored, the folder is ours.
pub fn discard(staging: &Path) {
    let _ = fs::remove_dir_all(staging);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_stay_inside() {
        assert_eq!(safe_relative("a/./b.pdf"), Some(PathBuf::from("a/b.pdf")));
        assert_eq!(safe_relative("a/../b.pdf"), Some(PathBuf::from("b.pdf")));
        assert_eq!(safe_relative("../b.pdf"), None);
        assert_eq!(safe_relative("/etc/passwd"), None);
        assert_eq!(safe_relative("a/../../b"), None);
        assert_eq!(safe_relative("C:\\x"), None);
        assert_eq!(
            resolve_in_site(Path::new("content/zc"), "_files/a.pdf"),
            Some(PathBuf::from("content/zc/_files/a.pdf"))
        );
        assert_eq!(resolve_in_site(Path::new("content/zc"), "../../../x"), None);
    }

    #[test]
    fn swap_replaces_and_cleans_up() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("old.html"), "old").unwrap();
        let staging = staging_dir(&out).unwrap();
        fs::write(staging.join("new.html"), "new").unwrap();
        assert!(
            swap_into_place(&staging, &out).unwrap(),
            "the old one is aside"
        );
        assert!(out.join("new.html").exists());
        assert!(!out.join("old.html").exists());
        assert!(staging.join("old.html").exists());
        let fresh = dir.path().join("fresh");
        let staging = staging_dir(&fresh).unwrap();
        assert!(!swap_into_place(&staging, &fresh).unwrap());
        assert!(fresh.is_dir() && !staging.exists());
    }
}

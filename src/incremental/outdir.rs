//! The output folder as gongkai's own: the marker that says a folder is a gongkai output, the
//! refusal to build into a folder that is not (or that holds the site's inputs), the record
//! count a build leaves for the next one's mass-withdrawal check, and the removal of folders
//! that killed builds left beside it.
//!
//! Policy (see docs/dev/output-folder.md): `--out` takes an empty or missing folder, or one that
//! carries [`MARKER`] (or is described by a build cache); never the site root, `content/`,
//! `data/`, `themes/`, the ledger, the caches, a folder inside them or a parent of them.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The file that marks a folder as a gongkai output (and staging folders as gongkai's).
pub const MARKER: &str = ".gongkai-output";

/// The first line of [`MARKER`]; the second is `records: <n>`.
const MARKER_HEAD: &str = "gongkai output folder: every build replaces its content (由 gongkai 生成的输出文件夹，每次构建都会替换其内容)";

/// The site's inputs, relative to the site root: an output folder may not be, hold or lie in
/// any of them.
const INPUTS: [&str; 6] = [
    "content",
    "data",
    "themes",
    "ledger.jsonl",
    "site.yaml",
    super::manifest::CACHE_DIR,
];

/// Why a build refused its output folder. The text is what the user reads.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    #[error(
        "输出文件夹 {0} 不是空的，也不是 gongkai 以前的输出（没有 {MARKER} 标记）：拒绝写入，以免删除其中的文件；请换一个空文件夹 (--out {0} is not empty and not a previous gongkai output: refusing to replace it)"
    )]
    Foreign(PathBuf),
    #[error(
        "输出文件夹 {out} 是站点的输入 {input} 或包含它：拒绝写入 (--out {out} is, holds or lies in the site's input {input}: refusing to build there)"
    )]
    Input { out: PathBuf, input: PathBuf },
    #[error("输出路径 {0} 不是文件夹 (--out {0} is not a folder)")]
    NotAFolder(PathBuf),
    #[error("无法检查输出文件夹 {0}：{1} (cannot inspect the output folder {0})")]
    Unreadable(PathBuf, io::Error),
}

/// The text of the marker for an output of `records` published records.
pub fn marker(records: usize) -> Vec<u8> {
    format!("{MARKER_HEAD}\nrecords: {records}\n").into_bytes()
}

/// How many records the build that left `out` published; `None` when `out` is no gongkai output
/// or its marker says nothing.
pub fn previous_records(out: &Path) -> Option<usize> {
    let text = fs::read_to_string(out.join(MARKER)).ok()?;
    let rest = text.strip_prefix(MARKER_HEAD)?;
    rest.lines()
        .find_map(|l| l.strip_prefix("records: "))
        .and_then(|n| n.trim().parse().ok())
}

/// Checks that a build of the site at `root` may write `out` (see the module doc). `known` says
/// whether a build cache describes `out` (a folder built before the marker existed).
pub fn claim(root: &Path, out: &Path, known: bool) -> Result<(), Refused> {
    let site = resolved(root);
    let target = resolved(out);
    let inputs = std::iter::once(site.clone()).chain(INPUTS.iter().map(|i| site.join(i)));
    for input in inputs {
        let inside = input != site && target.starts_with(&input);
        if inside || input.starts_with(&target) {
            return Err(Refused::Input {
                out: out.to_path_buf(),
                input,
            });
        }
    }
    match fs::symlink_metadata(out) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Refused::Unreadable(out.to_path_buf(), e)),
        Ok(m) if !m.is_dir() => return Err(Refused::NotAFolder(out.to_path_buf())),
        Ok(_) => {}
    }
    if known || out.join(MARKER).is_file() {
        return Ok(());
    }
    let mut entries = fs::read_dir(out).map_err(|e| Refused::Unreadable(out.to_path_buf(), e))?;
    match entries.next() {
        None => Ok(()),
        Some(_) => Err(Refused::Foreign(out.to_path_buf())),
    }
}

/// `path` made absolute and normal (`.` and `..` taken lexically), with links resolved as far
/// as it exists.
fn resolved(path: &Path) -> PathBuf {
    let mut absolute = PathBuf::new();
    let given = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    for c in given.components() {
        match c {
            std::path::Component::ParentDir => {
                absolute.pop();
            }
            std::path::Component::CurDir => {}
            c => absolute.push(c),
        }
    }
    let mut missing: Vec<std::ffi::OsString> = Vec::new();
    let mut existing = absolute.as_path();
    loop {
        if let Ok(mut real) = existing.canonicalize() {
            real.extend(missing.iter().rev());
            return real;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                missing.push(name.to_os_string());
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

/// The kinds of hidden sibling folders a build of `out` makes: `.<name>.<kind>-<pid>`.
const LEFTOVER_KINDS: [&str; 3] = ["building", "old", "exchanging"];

/// The spare folder beside `out` (see [`super::spare`]): `.<name>.spare`.
pub fn spare_path(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    out.with_file_name(format!(".{name}.spare"))
}

/// Removes the folders killed builds of `out` left beside it: hidden siblings named as gongkai
/// names them, carrying a marker, whose process is gone. Returns how many were removed.
pub fn clean_leftovers(out: &Path) -> usize {
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return 0;
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let Ok(entries) = fs::read_dir(parent) else {
        return 0;
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let mut removed = 0;
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        let Some(pid) = LEFTOVER_KINDS.iter().find_map(|k| {
            rest.strip_prefix(k)
                .and_then(|r| r.strip_prefix('-'))
                .and_then(|p| p.parse::<u32>().ok())
        }) else {
            continue;
        };
        let dir = entry.path();
        let ours = dir.join(MARKER).is_file() || dir.join(STAGING_MARKER).is_file();
        if ours && pid != std::process::id() && !process_alive(pid) {
            remove_marker_last(&dir);
            removed += 1;
        }
    }
    removed
}

/// Marks a staging folder as gongkai's from the moment it exists (its [`MARKER`] comes later).
pub const STAGING_MARKER: &str = ".gongkai-staging";

/// Removes a folder of ours so that a kill at any moment leaves it recognisable: everything
/// but the markers first, the markers last.
pub fn remove_marker_last(dir: &Path) {
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.flatten() {
            let name = entry.file_name();
            if name == MARKER || name == STAGING_MARKER {
                continue;
            }
            let path = entry.path();
            let _ = match entry.file_type() {
                Ok(t) if t.is_dir() => fs::remove_dir_all(&path),
                _ => fs::remove_file(&path),
            };
        }
    }
    let _ = fs::remove_file(dir.join(MARKER));
    let _ = fs::remove_file(dir.join(STAGING_MARKER));
    let _ = fs::remove_dir(dir);
}

/// Whether a process with this id exists (a build that is still running).
fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: kill with signal 0 sends nothing; it only asks whether the process exists.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for d in ["content/zc", "data", "themes"] {
            fs::create_dir_all(dir.path().join(d)).unwrap();
        }
        fs::write(dir.path().join("site.yaml"), "x").unwrap();
        dir
    }

    #[test]
    fn inputs_and_their_parents_are_refused() {
        let s = site();
        let root = s.path();
        for out in [
            root.to_path_buf(),
            root.join("content"),
            root.join("content/zc"),
            root.join("content/new"),
            root.join("data"),
            root.join("themes/x"),
            root.join("ledger.jsonl"),
            root.join(".gongkai-cache"),
            root.join("."),
            root.join("public/.."),
            root.parent().unwrap().to_path_buf(),
        ] {
            assert!(
                matches!(claim(root, &out, false), Err(Refused::Input { .. })),
                "{}",
                out.display()
            );
        }
        assert!(claim(root, &root.join("public"), false).is_ok());
        assert!(claim(root, &root.join("sites/public"), false).is_ok());
    }

    #[test]
    fn a_foreign_folder_is_refused_an_empty_or_marked_one_taken() {
        let s = site();
        let out = s.path().join("elsewhere");
        fs::create_dir_all(&out).unwrap();
        assert!(claim(s.path(), &out, false).is_ok(), "empty");
        fs::write(out.join("notes.txt"), "mine").unwrap();
        assert!(matches!(
            claim(s.path(), &out, false),
            Err(Refused::Foreign(_))
        ));
        assert!(
            claim(s.path(), &out, true).is_ok(),
            "a build cache knows it"
        );
        fs::write(out.join(MARKER), marker(3)).unwrap();
        assert!(claim(s.path(), &out, false).is_ok(), "marked");
        assert_eq!(previous_records(&out), Some(3));
        let file = s.path().join("site.yaml.out");
        fs::write(&file, "").unwrap();
        assert!(matches!(
            claim(s.path(), &file, false),
            Err(Refused::NotAFolder(_))
        ));
    }

    #[test]
    fn only_marked_leftovers_of_dead_builds_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let mk = |name: &str, marker: Option<&str>| {
            let d = dir.path().join(name);
            fs::create_dir_all(d.join("doc")).unwrap();
            fs::write(d.join("doc/a.html"), "a").unwrap();
            if let Some(m) = marker {
                fs::write(d.join(m), "").unwrap();
            }
            d
        };
        // A pid that cannot be running: above the kernel's maximum.
        let dead = 1 << 30;
        let a = mk(&format!(".public.building-{dead}"), Some(STAGING_MARKER));
        let b = mk(&format!(".public.old-{dead}"), Some(MARKER));
        let unmarked = mk(&format!(".public.old-{}", dead + 1), None);
        let alive = mk(&format!(".public.building-{}", 1), Some(STAGING_MARKER));
        let other = mk(&format!(".publicx.old-{dead}"), Some(MARKER));
        assert_eq!(clean_leftovers(&out), 2);
        assert!(!a.exists() && !b.exists());
        assert!(unmarked.exists() && alive.exists() && other.exists());
    }
}

//! Which files the desk may read and write: record files under the site's `content/`, and
//! uploads into a record's `_files/` folder. A path from a request is checked lexically (no
//! `..`, no absolute path, no backslash), then on disk: no symbolic link on the way, and the real
//! folder inside the real `content/`.

use std::path::{Path, PathBuf};

/// Why a path is refused (the message is shown to the clerk).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError(pub &'static str);

pub const OUTSIDE: PathError =
    PathError("路径不在站点的 content/ 文件夹内（path outside content/）");
pub const NOT_RECORD: PathError = PathError("不是记录文件（.md 或 .yaml）（not a record file）");
pub const MISSING: PathError = PathError("文件不存在（no such file）");
pub const LINK: PathError = PathError("路径经过符号链接，不予读写（path goes through a link）");
pub const BAD_NAME: PathError =
    PathError("文件名不可用：须为常见文档或图片格式，不含路径和控制字符（unusable file name）");

/// The lexical check: `content/…`, plain segments only.
fn lexical(rel: &str) -> Result<PathBuf, PathError> {
    if rel.is_empty()
        || rel.len() > 400
        || rel.starts_with('/')
        || rel.contains(['\\', '\0', ':'])
        || rel.chars().any(char::is_control)
        || rel
            .split('/')
            .any(|s| s.is_empty() || s == "." || s == "..")
        || !rel.starts_with("content/")
    {
        return Err(OUTSIDE);
    }
    Ok(PathBuf::from(rel))
}

/// No component of `rel` below `root` is a symbolic link (those that exist).
fn no_links(root: &Path, rel: &Path) -> Result<(), PathError> {
    let mut p = root.to_path_buf();
    for c in rel.components() {
        p.push(c);
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => return Err(LINK),
            Ok(_) => {}
            Err(_) => break,
        }
    }
    Ok(())
}

/// The real folder of `abs` (its parent, links resolved) lies inside the real `content/`.
fn parent_inside(root: &Path, abs: &Path) -> Result<(), PathError> {
    let content = root.join("content").canonicalize().map_err(|_| OUTSIDE)?;
    let parent = abs.parent().ok_or(OUTSIDE)?;
    let real = parent.canonicalize().map_err(|_| MISSING)?;
    if real.starts_with(&content) {
        Ok(())
    } else {
        Err(OUTSIDE)
    }
}

/// A record file named by a request: `(site-relative path, absolute path)`. With `exists`, it
/// must be a file; without, it must not exist yet (a new record), in an existing folder.
pub fn record(root: &Path, rel: &str, exists: bool) -> Result<(PathBuf, PathBuf), PathError> {
    let relp = lexical(rel)?;
    if !(rel.ends_with(".md") || rel.ends_with(".yaml")) {
        return Err(NOT_RECORD);
    }
    no_links(root, &relp)?;
    let abs = root.join(&relp);
    parent_inside(root, &abs)?;
    match (exists, std::fs::symlink_metadata(&abs)) {
        (true, Ok(m)) if m.is_file() => Ok((relp, abs)),
        (true, _) => Err(MISSING),
        (false, Err(_)) => Ok((relp, abs)),
        (false, Ok(_)) => Err(PathError("文件已存在（file exists）")),
    }
}

/// A catalog node's folder under `content/`, for a new record.
pub fn node_dir(root: &Path, node: &str) -> Result<PathBuf, PathError> {
    let rel = format!("content/{node}");
    let relp = lexical(&rel)?;
    no_links(root, &relp)?;
    Ok(root.join(relp))
}

/// The `_files/` folder beside the records of `dir_rel` (a folder under `content/`), made when
/// missing; refused when it or its way is a link or leads out of `content/`.
pub fn files_dir(root: &Path, dir_rel: &str) -> Result<PathBuf, PathError> {
    let rel = lexical(&format!("{dir_rel}/_files"))?;
    no_links(root, &rel)?;
    let abs = root.join(&rel);
    std::fs::create_dir_all(&abs).map_err(|_| MISSING)?;
    no_links(root, &rel)?;
    let content = root.join("content").canonicalize().map_err(|_| OUTSIDE)?;
    let real = abs.canonicalize().map_err(|_| MISSING)?;
    if !real.starts_with(&content) {
        return Err(OUTSIDE);
    }
    Ok(real)
}

/// The file name an upload is stored under: the browser's name without any folder, refused
/// when hidden, too long, with control characters, or not a known document or image format.
pub fn upload_name(name: &str) -> Result<String, PathError> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("").trim();
    if base.is_empty()
        || base.starts_with('.')
        || base.len() > 120
        || base
            .chars()
            .any(|c| c.is_control() || matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        || crate::record::filetype::active_ext(base)
        || crate::record::filetype::FileType::from_ext(base).is_none()
    {
        return Err(BAD_NAME);
    }
    Ok(base.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/tzgg")).unwrap();
        std::fs::write(dir.path().join("content/tzgg/a.md"), "---\n---\n").unwrap();
        std::fs::write(dir.path().join("site.yaml"), "x").unwrap();
        dir
    }

    #[test]
    fn record_paths_stay_in_content() {
        let d = site();
        let root = d.path().canonicalize().unwrap();
        assert!(record(&root, "content/tzgg/a.md", true).is_ok());
        for bad in [
            "site.yaml",
            "content/../site.yaml",
            "content/tzgg/../../site.yaml",
            "/etc/passwd",
            "content//a.md",
            "content/./tzgg/a.md",
            "content\\tzgg\\a.md",
            "../content/tzgg/a.md",
        ] {
            assert!(record(&root, bad, true).is_err(), "{bad}");
            assert!(record(&root, bad, false).is_err(), "{bad}");
        }
        assert_eq!(record(&root, "content/tzgg/a.txt", true), Err(NOT_RECORD));
        assert_eq!(record(&root, "content/tzgg/b.md", true), Err(MISSING));
        assert!(record(&root, "content/tzgg/b.md", false).is_ok());
        assert!(record(&root, "content/tzgg/a.md", false).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_content_are_refused() {
        let d = site();
        let root = d.path().canonicalize().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("x.md"), "---\n---\n").unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("content/out")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("x.md"), root.join("content/tzgg/l.md"))
            .unwrap();
        assert_eq!(record(&root, "content/out/x.md", true), Err(LINK));
        assert_eq!(record(&root, "content/out/new.md", false), Err(LINK));
        assert_eq!(record(&root, "content/tzgg/l.md", true), Err(LINK));
    }

    #[test]
    fn upload_names_are_plain_documents() {
        assert_eq!(upload_name("C:\\x\\通知.pdf").unwrap(), "通知.pdf");
        assert_eq!(upload_name("a/b/表.xlsx").unwrap(), "表.xlsx");
        for bad in [
            "x.html",
            "x.svg",
            "x.js",
            ".hidden.pdf",
            "noext",
            "a.exe",
            "",
            "a\n.pdf",
        ] {
            assert!(upload_name(bad).is_err(), "{bad}");
        }
    }
}

//! Attachments uploaded into a record's `_files/` folder: a plain file name of a known document
//! or image format ([`super::paths::upload_name`]), at most [`MAX_UPLOAD`] bytes, and content
//! that confirms the name ([`crate::record::filetype::judge`], the check `build` makes of every
//! attachment) — no web pages, SVG or scripts. An existing file is never overwritten.

use std::path::Path;

use super::form_data::Upload;
use crate::record::filetype::{Verdict, judge};

/// Largest attachment the desk takes.
pub const MAX_UPLOAD: usize = 20 << 20;

/// Why an upload was refused (shown beside the upload field).
pub fn refusal(en: bool, what: &str) -> String {
    if en {
        format!("Upload refused: {what}")
    } else {
        format!("附件未上传：{what}")
    }
}

/// Stores `up` in `dir/_files/` (`dir` is the record's folder, inside `content/`) and returns
/// the path to write in the record (`_files/<name>`) and whether a new file was made.
pub fn store(root: &Path, dir_rel: &str, up: &Upload) -> Result<(String, bool), String> {
    let name = super::paths::upload_name(&up.name).map_err(|e| e.0.to_string())?;
    if up.bytes.is_empty() {
        return Err("文件是空的（empty file）".into());
    }
    if up.bytes.len() > MAX_UPLOAD {
        return Err(format!("文件超过 {} MiB（too large）", MAX_UPLOAD >> 20));
    }
    let head = &up.bytes[..up.bytes.len().min(8192)];
    let tail = &up.bytes[up.bytes.len().saturating_sub(64 * 1024)..];
    match judge(&name, head, tail) {
        Verdict::Ok(_) => {}
        Verdict::Active => {
            return Err("网页、SVG、脚本等可执行内容不能作为附件（active content）".into());
        }
        Verdict::Mismatch { found, .. } => {
            return Err(format!(
                "文件内容是 {}，与文件名不符（content does not match the name）",
                found.label()
            ));
        }
        Verdict::Unknown => return Err("无法识别的文件格式（unknown format）".into()),
    }
    let dir = super::paths::files_dir(root, dir_rel).map_err(|e| e.0.to_string())?;
    let (stem, ext) = name.rsplit_once('.').unwrap_or((&name, ""));
    for i in 1..100 {
        let candidate = if i == 1 {
            name.clone()
        } else {
            format!("{stem}-{i}.{ext}")
        };
        let path = dir.join(&candidate);
        match std::fs::symlink_metadata(&path) {
            Err(_) => {
                crate::fsutil::write_atomic(&path, &up.bytes).map_err(|e| format!("{e:#}"))?;
                return Ok((format!("_files/{candidate}"), true));
            }
            Ok(m) if m.is_file() && std::fs::read(&path).is_ok_and(|b| b == up.bytes) => {
                return Ok((format!("_files/{candidate}"), false));
            }
            Ok(_) => continue,
        }
    }
    Err("同名文件过多（too many files of this name）".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join("content/tzgg")).unwrap();
        d
    }

    fn up(name: &str, bytes: &[u8]) -> Upload {
        Upload {
            field: "upload".into(),
            name: name.into(),
            bytes: bytes.to_vec(),
        }
    }

    #[test]
    fn a_pdf_is_stored_and_never_overwritten() {
        let d = site();
        let root = d.path().canonicalize().unwrap();
        let pdf = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
        assert_eq!(
            store(&root, "content/tzgg", &up("通知.pdf", pdf)).unwrap(),
            ("_files/通知.pdf".into(), true)
        );
        assert_eq!(
            store(&root, "content/tzgg", &up("通知.pdf", pdf)).unwrap(),
            ("_files/通知.pdf".into(), false)
        );
        let mut other = pdf.to_vec();
        other.extend_from_slice(b"% more\n");
        assert_eq!(
            store(&root, "content/tzgg", &up("通知.pdf", &other))
                .unwrap()
                .0,
            "_files/通知-2.pdf"
        );
        assert_eq!(
            std::fs::read(root.join("content/tzgg/_files/通知.pdf")).unwrap(),
            pdf
        );
    }

    #[test]
    fn active_content_and_lies_are_refused() {
        let d = site();
        let root = d.path().canonicalize().unwrap();
        assert!(store(&root, "content/tzgg", &up("a.html", b"<html>")).is_err());
        assert!(store(&root, "content/tzgg", &up("a.svg", b"<svg/>")).is_err());
        assert!(
            store(
                &root,
                "content/tzgg",
                &up("a.pdf", b"<script>alert(1)</script>")
            )
            .is_err()
        );
        assert!(
            store(
                &root,
                "content/tzgg",
                &up("a.txt", b"<html><script>x</script>")
            )
            .is_err()
        );
        assert!(store(&root, "content/tzgg", &up("a.pdf", b"")).is_err());
        assert!(store(&root, "content/../x", &up("a.pdf", b"%PDF-1.4\n")).is_err());
        assert!(!root.join("content/tzgg/_files/a.html").exists());
    }
}

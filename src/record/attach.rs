//! A record's attachments: each must be a file in the record's own `_files/` folder (never another
//! record, `site.yaml`, the ledger or `data/`), of a format confirmed by its content, and never a
//! page or script that would run on the site's own domain.

use std::path::{Path, PathBuf};

use super::Attachment;
use super::convert::Checker;
use super::fields::resolve_file;
use super::filetype::{self, FileType, Verdict};
use super::raw::RawRecord;
use crate::diag::Code;

/// The folder, beside a record, that holds its attachments.
pub const FILES_DIR: &str = "_files";

/// The messages of this module (`locales/*/gongkai.ftl`).
mod msg {
    use crate::i18n::Msg;
    use crate::msg;

    pub fn outside(file: &str, what: &str, dir: &str) -> Msg {
        msg!("attachment-outside", file = file, what = what, dir = dir)
    }
    pub fn active(file: &str) -> Msg {
        msg!("attachment-active", file = file)
    }
    pub fn mismatch(file: &str, claimed: Option<&str>, found: &str) -> Msg {
        match claimed {
            Some(c) => msg!(
                "attachment-mismatch",
                file = file,
                claimed = c,
                found = found
            ),
            None => msg!("attachment-unnamed-format", file = file, found = found),
        }
    }
    pub fn unknown(file: &str) -> Msg {
        msg!("attachment-unknown-format", file = file)
    }
    pub fn unreadable(file: &str, e: &std::io::Error) -> Msg {
        msg!("attachment-unreadable", file = file, error = e)
    }
    pub fn not_scanned(file: &str, why: &str) -> Msg {
        msg!("attachment-not-scanned", file = file, why = why)
    }
}

/// Personal data in the record's attachments, each finding located at the attachment's entry
/// and naming its place in the file; a file that cannot be read is a warning naming it.
pub(super) fn scan_attachments(
    root: &Path,
    scanner: &crate::check::pii::Scanner,
    attachments: &[Attachment],
    c: &mut Checker,
) -> Vec<crate::check::pii::Finding> {
    let mut out = Vec::new();
    for (i, a) in attachments.iter().enumerate() {
        if !super::attach_scan::bears_text(a.format) {
            continue;
        }
        let field = format!("attachments[{i}].file");
        let (scan, _) =
            super::attach_scan::scan(root, &a.source, &a.sha256, a.size, a.format, scanner);
        if let Some(why) = &scan.unreadable {
            c.warn_at(
                &field,
                Code::AttachmentUnreadable,
                msg::not_scanned(&a.file_name, why),
            );
        }
        let pos = c.pos(&field);
        out.extend(
            scan.findings
                .iter()
                .map(|f| f.in_record(&a.file_name, &field, pos)),
        );
    }
    out
}

pub(super) fn check_attachments(
    root: &Path,
    dir: &Path,
    raw: &mut RawRecord,
    c: &mut Checker,
) -> Option<Vec<Attachment>> {
    let mut out = Vec::new();
    let mut ok = true;
    let mut names = std::collections::BTreeSet::new();
    for (i, a) in raw
        .attachments
        .take()
        .unwrap_or_default()
        .into_iter()
        .enumerate()
    {
        let field = format!("attachments[{i}].file");
        let Some(rel) = resolve_file(root, dir, &a.file, &field, c) else {
            ok = false;
            continue;
        };
        if let Some(what) = outside_files_area(root, dir, &rel) {
            let d = dir.to_string_lossy().replace('\\', "/");
            c.error_at(
                &field,
                Code::AttachmentOutside,
                msg::outside(&a.file, what, &d),
            );
            ok = false;
            continue;
        }
        let format = match judge(root, &rel, &a.file, &field, c) {
            Ok(Some(f)) => f,
            Ok(None) => {
                ok = false;
                continue;
            }
            Err(e) => {
                ok = false;
                c.error_at(
                    &field,
                    Code::AttachmentMissing,
                    msg::unreadable(&a.file, &e),
                );
                continue;
            }
        };
        match crate::hash::sha256_file(&root.join(&rel)) {
            Ok((sha256, size)) => {
                let base = rel
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let mut file_name = base.clone();
                let mut n = 2;
                while !names.insert(file_name.clone()) {
                    file_name = format!("{n}-{base}");
                    n += 1;
                }
                out.push(Attachment {
                    title: a.title,
                    source: rel,
                    file_name,
                    size,
                    sha256,
                    format,
                });
            }
            Err(e) => {
                ok = false;
                c.error_at(
                    &field,
                    Code::AttachmentMissing,
                    msg::unreadable(&a.file, &e),
                );
            }
        }
    }
    ok.then_some(out)
}

/// Why `rel` (site-relative, normalised, known to exist inside the site) is not in the record's
/// own `_files/` area, if it is not, as the key its message selects on. Links are followed: a
/// link in `_files/` to a draft is caught.
fn outside_files_area(root: &Path, dir: &Path, rel: &Path) -> Option<&'static str> {
    let area = dir.join(FILES_DIR);
    let real = |p: &Path| root.join(p).canonicalize().ok();
    let inside = rel.starts_with(&area)
        && match (real(&area), real(rel)) {
            (Some(a), Some(r)) => r.starts_with(a),
            _ => false,
        };
    if inside {
        return None;
    }
    let target: PathBuf = real(rel)
        .and_then(|r| {
            let root = root.canonicalize().ok()?;
            r.strip_prefix(root).ok().map(Path::to_path_buf)
        })
        .unwrap_or_else(|| rel.to_path_buf());
    let ext = target.extension().and_then(|e| e.to_str()).unwrap_or("");
    Some(if target == Path::new("site.yaml") {
        "site-yaml"
    } else if target.starts_with("data") {
        "data"
    } else if target.file_name().is_some_and(|n| n == "ledger.jsonl") {
        "ledger"
    } else if target.starts_with("content") && matches!(ext, "md" | "yaml" | "yml") {
        "record"
    } else {
        "elsewhere"
    })
}

/// The confirmed format, `None` (reported) when the file is refused.
fn judge(
    root: &Path,
    rel: &Path,
    file: &str,
    field: &str,
    c: &mut Checker,
) -> std::io::Result<Option<FileType>> {
    let (head, tail) = filetype::read_ends(&root.join(rel))?;
    let name = rel.to_string_lossy();
    Ok(match filetype::judge(&name, &head, &tail) {
        Verdict::Ok(t) => Some(t),
        Verdict::Active => {
            c.error_at(field, Code::AttachmentActive, msg::active(file));
            None
        }
        Verdict::Mismatch { claimed, found } => {
            let claimed = claimed.map(FileType::label);
            c.warn_at(
                field,
                Code::AttachmentFormat,
                msg::mismatch(file, claimed, found.label()),
            );
            Some(found)
        }
        Verdict::Unknown => {
            c.warn_at(field, Code::AttachmentFormat, msg::unknown(file));
            Some(FileType::Other)
        }
    })
}

#[cfg(test)]
mod tests;

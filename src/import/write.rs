//! Writing imported records: what the site already holds (by 索引号), attachments copied from
//! inside the import source only, each record checked by the parser every build uses before it
//! is written, and written atomically without ever replacing a file.

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::limits::MAX_ATTACHMENT_BYTES;
use super::plan::{Ctx, Planned, compose};
use super::{Item, Link, Report, msg};
use crate::catalog::WithheldReason;
use crate::diag::{Code, Diagnostic};
use crate::record::Record;

/// A record file already in `content/`.
#[derive(Debug, Clone)]
pub struct Found {
    pub path: String,
    /// Written by an import.
    pub imported: bool,
    /// The `imported.sha256` it carries.
    pub imported_sha256: Option<String>,
}

/// The records of the site, by 索引号, and every record file's path.
#[derive(Debug, Default)]
pub struct Existing {
    pub by_index: HashMap<String, Found>,
    pub paths: HashSet<PathBuf>,
}

/// Reads the `index_no:` and `imported:` lines of every record file (as `gongkai new` finds
/// used numbers): fast, and a broken record still counts.
pub fn existing(root: &Path) -> Existing {
    let paths = crate::record::load::record_paths(root);
    let found: Vec<(String, Found)> = paths
        .par_iter()
        .filter_map(|rel| {
            let bytes =
                crate::fsutil::read_capped(&root.join(rel), crate::record::MAX_RECORD_BYTES)
                    .ok()?;
            let text = String::from_utf8_lossy(&bytes);
            let mut index_no = None;
            let mut imported = None;
            for line in text.lines().take(400) {
                if let Some(v) = line.strip_prefix("index_no:") {
                    index_no.get_or_insert_with(|| unquote(v));
                } else if let Some(v) = line.strip_prefix("imported:") {
                    imported.get_or_insert_with(|| v.to_string());
                }
            }
            let path = rel.to_string_lossy().replace('\\', "/");
            let imported_sha256 = imported.as_deref().and_then(sha_in);
            Some((
                index_no?,
                Found {
                    path,
                    imported: imported.is_some(),
                    imported_sha256,
                },
            ))
        })
        .collect();
    Existing {
        by_index: found.into_iter().collect(),
        paths: paths.into_iter().collect(),
    }
}

fn unquote(v: &str) -> String {
    let v = v.trim();
    match serde_json::from_str::<String>(v) {
        Ok(s) => s,
        Err(_) => v.trim_matches(|c| c == '"' || c == '\'').to_string(),
    }
}

/// `sha256: "…"` in a one-line `imported: {…}`.
fn sha_in(line: &str) -> Option<String> {
    let at = line.find("sha256:")?;
    let rest = line[at + 7..].trim_start().strip_prefix('"')?;
    Some(rest.split('"').next()?.to_string())
}

/// A record written by this run.
#[derive(Debug)]
pub struct Written {
    pub record: Record,
    /// Why the gate holds it back; empty when it publishes it.
    pub reasons: Vec<WithheldReason>,
}

/// A record written (its path and record) or not, and what was found on the way.
type OneWritten = (Option<(String, Written)>, Vec<Diagnostic>);

/// Writes every planned record (in parallel; each touches only its own files).
pub fn write_all(
    ctx: &Ctx,
    planned: Vec<Planned>,
    progress: &crate::progress::Progress,
    report: &mut Report,
    diags: &mut Vec<Diagnostic>,
) -> anyhow::Result<Vec<Written>> {
    let task = progress.task(
        crate::msg!("progress-writing-records"),
        planned.len() as u64,
    );
    let results: Vec<anyhow::Result<OneWritten>> = planned
        .par_iter()
        .map(|p| {
            let r = write_one(ctx, p);
            task.inc();
            r
        })
        .collect();
    task.finish();
    let mut out = Vec::new();
    for r in results {
        let (w, d) = r?;
        diags.extend(d);
        if let Some((path, w)) = w {
            report.created.push(path);
            if w.reasons.is_empty() {
                report.published += 1;
            } else if w
                .reasons
                .iter()
                .any(|r| matches!(r, WithheldReason::PersonalData(_)))
            {
                report.held_personal += 1;
            } else {
                report.held_review += 1;
            }
            out.push(w);
        }
    }
    Ok(out)
}

fn write_one(ctx: &Ctx, p: &Planned) -> anyhow::Result<OneWritten> {
    let mut diags = Vec::new();
    let item = &p.item;
    let dir = p.rel.parent().unwrap_or(Path::new("content"));
    let slug = p
        .rel
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut copied: Vec<PathBuf> = Vec::new();
    let mut attachments = Vec::new();
    for link in &item.attachments {
        match source_file(ctx, item, link) {
            Ok((src, name)) => {
                let (dest, fresh) = copy_attachment(
                    &ctx.root.join(dir).join(crate::record::FILES_DIR),
                    &src,
                    &format!("{slug}-{name}"),
                )?;
                if fresh {
                    copied.push(dest.clone());
                }
                let title = if link.text.trim().is_empty() || link.text == link.href {
                    name.clone()
                } else {
                    link.text.clone()
                };
                let file = dest
                    .file_name()
                    .map(|f| f.to_string_lossy().into_owned())
                    .unwrap_or_default();
                attachments.push((file, title));
            }
            Err(m) => diags.push(Diagnostic::warning(
                Code::ImportAttachment,
                &item.path,
                item.pos(),
                m,
            )),
        }
    }
    let text = compose(p, &attachments, ctx);
    let parsed = crate::record::convert::parse_record(ctx.site, ctx.root, &p.rel, text.as_bytes());
    let errors: Vec<&Diagnostic> = parsed.diagnostics.iter().filter(|d| d.is_error()).collect();
    let record = match (parsed.record, errors.first()) {
        (Some(r), None) => r,
        (_, first) => {
            for c in copied {
                let _ = std::fs::remove_file(c);
            }
            let first = first.map_or_else(|| "".into(), |d| d.message.clone());
            diags.push(Diagnostic::error(
                Code::ImportRecordInvalid,
                &item.path,
                item.pos(),
                msg::record_invalid(first, errors.len().saturating_sub(1)),
            ));
            return Ok((None, diags));
        }
    };
    let path = ctx.root.join(&p.rel);
    if !write_new(&path, text.as_bytes())? {
        let shown = p.rel.to_string_lossy().replace('\\', "/");
        diags.push(Diagnostic::warning(
            Code::ImportExisting,
            &item.path,
            item.pos(),
            msg::existing(&p.front.index_no, &shown),
        ));
        return Ok((None, diags));
    }
    let reasons = crate::catalog::gate::withheld_reasons(&record, ctx.now);
    for r in &reasons {
        if let WithheldReason::PersonalData(what) = r {
            diags.push(Diagnostic::warning(
                Code::ImportPersonalData,
                &item.path,
                item.pos(),
                what.msg("import-held-personal"),
            ));
        }
    }
    let shown = p.rel.to_string_lossy().replace('\\', "/");
    Ok((Some((shown, Written { reasons, record })), diags))
}

/// Writes a new file atomically, never replacing one: written aside, then hard-linked into
/// place (which fails when the name is taken). False when the file already exists.
pub fn write_new(path: &Path, bytes: &[u8]) -> anyhow::Result<bool> {
    let aside = aside(path);
    crate::fsutil::write(&aside, bytes)?;
    let linked = std::fs::hard_link(&aside, path);
    let _ = std::fs::remove_file(&aside);
    match linked {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(anyhow::Error::new(e).context(format!("cannot write {}", path.display()))),
    }
}

fn aside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.import-{}", std::process::id()))
}

/// Copies `src` into `dir` as `name` (or `name` with `-2`, `-3` … when a different file has it);
/// the path and whether it was copied now (an identical file already there is reused).
fn copy_attachment(dir: &Path, src: &Path, name: &str) -> anyhow::Result<(PathBuf, bool)> {
    let (src_sha, _) = crate::hash::sha256_file(src)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", src.display()))?;
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) => (s.to_string(), format!(".{e}")),
        None => (name.to_string(), String::new()),
    };
    for n in 1..1000 {
        let candidate = if n == 1 {
            dir.join(name)
        } else {
            dir.join(format!("{stem}-{n}{ext}"))
        };
        if candidate.exists() {
            if crate::hash::sha256_file(&candidate).is_ok_and(|(s, _)| s == src_sha) {
                return Ok((candidate, false));
            }
            continue;
        }
        let aside = aside(&candidate);
        crate::fsutil::copy(src, &aside)?;
        let linked = std::fs::hard_link(&aside, &candidate);
        let _ = std::fs::remove_file(&aside);
        match linked {
            Ok(()) => return Ok((candidate, true)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(
                    anyhow::Error::new(e).context(format!("cannot write {}", candidate.display()))
                );
            }
        }
    }
    anyhow::bail!("cannot find a free name for {} in {}", name, dir.display())
}

/// Extensions of files that would run on the site's own domain.
const ACTIVE: &[&str] = &[
    "html", "htm", "shtml", "xhtml", "svg", "svgz", "js", "mjs", "xml", "xsl", "swf",
];

/// The file a link names inside the import source, and its (safe) file name; else why not.
fn source_file(ctx: &Ctx, item: &Item, link: &Link) -> Result<(PathBuf, String), crate::i18n::Msg> {
    let href = link.href.trim();
    let path_part = href.split(['?', '#']).next().unwrap_or("");
    if crate::url_policy::scheme(path_part).is_some() {
        return Err(msg::attachment_missing(href));
    }
    let decoded = percent_decode(path_part);
    let base = item.base.clone().unwrap_or_default();
    let joined = if let Some(abs) = decoded.strip_prefix('/') {
        abs.to_string()
    } else {
        format!("{}/{}", base.to_string_lossy().replace('\\', "/"), decoded)
    };
    let Some(rel) = crate::fsutil::safe_relative(joined.trim_start_matches('/')) else {
        return Err(msg::attachment_outside(href));
    };
    let abs = ctx.source_root.join(&rel);
    let Ok(meta) = std::fs::symlink_metadata(&abs) else {
        return Err(msg::attachment_missing(href));
    };
    if meta.file_type().is_symlink() || !crate::fsutil::stays_inside(&ctx.source_root, &rel) {
        return Err(msg::attachment_outside(href));
    }
    if !meta.is_file() {
        return Err(msg::attachment_missing(href));
    }
    if meta.len() > MAX_ATTACHMENT_BYTES {
        return Err(msg::attachment_too_large(href));
    }
    let name = safe_name(
        &rel.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    );
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if ACTIVE.contains(&ext.as_str()) || name.is_empty() {
        return Err(msg::attachment_refused(href));
    }
    Ok((abs, name))
}

/// A file name that is safe in `_files/`: no separators, controls or leading dot, bounded.
fn safe_name(name: &str) -> String {
    let mut out: String = name
        .chars()
        .map(|c| {
            if c.is_control()
                || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
                || c.is_whitespace()
            {
                '-'
            } else {
                c
            }
        })
        .collect();
    while out.starts_with('.') {
        out.remove(0);
    }
    if out.len() > 120 {
        let mut end = 120;
        while !out.is_char_boundary(end) {
            end -= 1;
        }
        let ext = out
            .rsplit_once('.')
            .map(|(_, e)| format!(".{e}"))
            .filter(|e| e.len() <= 10)
            .unwrap_or_default();
        out.truncate(end - ext.len().min(end));
        out.push_str(&ext);
    }
    out
}

/// `%E9%99%84.pdf` → `附.pdf` (UTF-8; invalid sequences kept as they were).
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = (
                (b[i + 1] as char).to_digit(16),
                (b[i + 2] as char).to_digit(16),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_escapes() {
        assert_eq!(percent_decode("%E9%99%84%E4%BB%B6.pdf"), "附件.pdf");
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(safe_name("..附件 1:2.pdf"), "附件-1-2.pdf");
        assert_eq!(
            sha_in(" {from: \"a\", sha256: \"abc\"}").as_deref(),
            Some("abc")
        );
        assert_eq!(unquote(" \"A/2023-1\""), "A/2023-1");
    }

    #[test]
    fn a_new_file_never_replaces_one() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a/b.md");
        assert!(write_new(&p, b"one").unwrap());
        assert!(!write_new(&p, b"two").unwrap());
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        assert_eq!(
            std::fs::read_dir(dir.path().join("a")).unwrap().count(),
            1,
            "nothing left aside"
        );
    }
}

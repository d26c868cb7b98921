//! Field-level checks of one record while its YAML tree is at hand: 索引号 formats, fields of
//! another kind, the review, vocabularies, attachment and photo paths (which must stay in the
//! site), body links and 文号 shape. Each reports through the file's [`Checker`].

use std::path::{Path, PathBuf};

use super::convert::Checker;
use super::raw::{KIND_FIELDS, RawRecord};
use super::{NOT_SECRET, Review};
use crate::config::Site;
use crate::diag::{Code, Diagnostic, Pos};
use crate::index_no::IndexNo;
use crate::markdown;
use crate::values::{Date, Disclosure, Kind, Status};
use crate::yaml;

pub(super) fn check_kind_fields(raw: &RawRecord, kind: Kind, c: &mut Checker) {
    let present: Vec<String> = match &c.tree.kind {
        yaml::NodeKind::Map(entries) => entries
            .iter()
            .filter_map(|(k, _)| k.as_str().map(str::to_string))
            .collect(),
        _ => vec![],
    };
    let _ = raw;
    for key in present {
        if let Some((_, kinds)) = KIND_FIELDS.iter().find(|(f, _)| *f == key)
            && !kinds.contains(&kind)
        {
            let users: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
            let pos = c.tree.key_pos(&key).unwrap_or(c.tree.pos);
            c.diags.push(
                Diagnostic::error(
                    Code::FieldNotForKind,
                    c.path,
                    pos,
                    crate::msg!(
                        "field-not-for-kind",
                        field = &key,
                        kinds = users.join("/"),
                        kind = kind.as_str()
                    ),
                )
                .field(key.clone()),
            );
        }
    }
}

/// A conclusion that consents to publication: 同意公开, 同意主动公开… but not 不同意….
fn is_consent(conclusion: &str) -> bool {
    conclusion.trim().starts_with("同意")
}

pub(super) fn check_review(
    raw: &mut RawRecord,
    status: Option<Status>,
    created: Option<Date>,
    c: &mut Checker,
) -> Option<Review> {
    let approved = status == Some(Status::Approved);
    let Some(r) = raw.review.take() else {
        // An imported record may come without a review: the release gate holds it back until
        // one is written, unless it was already public before the import.
        if approved && raw.imported.is_none() {
            c.require(false, "review", crate::msg!("review-missing"));
        }
        return None;
    };
    let complete = r.by.as_deref().is_some_and(|s| !s.trim().is_empty())
        && r.on.is_some()
        && r.conclusion
            .as_deref()
            .is_some_and(|s| !s.trim().is_empty())
        && r.secrecy.is_some();
    if approved {
        for (f, ok) in [
            ("by", r.by.as_deref().is_some_and(|s| !s.trim().is_empty())),
            ("on", r.on.is_some()),
            ("secrecy", r.secrecy.is_some()),
            ("conclusion", r.conclusion.is_some()),
        ] {
            if !ok {
                c.error_at(
                    "review",
                    Code::ReviewIncomplete,
                    crate::msg!(
                        "review-missing-field",
                        field = f,
                        label =
                            crate::record::schema::label_of(&format!("review.{f}")).unwrap_or(f)
                    ),
                );
            }
        }
        // Only a proactive record is published on the strength of its review, so only its
        // conclusion must consent; 依申请公开 / 不予公开 records are withheld whatever it says.
        if raw.disclosure.unwrap_or(Disclosure::Proactive) == Disclosure::Proactive
            && let Some(s) = &r.conclusion
            && !is_consent(s)
        {
            c.error_at(
                "review.conclusion",
                Code::ReviewIncomplete,
                crate::msg!("review-no-consent", conclusion = s),
            );
        }
        if let Some(s) = &r.secrecy
            && s != NOT_SECRET
        {
            let m = crate::msg!("review-secret", secrecy = s, not_secret = NOT_SECRET);
            c.error_at("review.secrecy", Code::ReviewIncomplete, m);
        }
    }
    if let (Some(on), Some(created)) = (r.on, created)
        && on < created
    {
        c.error_at(
            "review.on",
            Code::ReviewIncomplete,
            crate::msg!(
                "review-before-created",
                on = on.to_string(),
                created = created.to_string()
            ),
        );
    }
    complete.then(|| Review {
        by: r.by.unwrap_or_default(),
        on: r.on.expect("checked"),
        secrecy: r.secrecy.unwrap_or_default(),
        conclusion: r.conclusion.unwrap_or_default(),
    })
}

/// The id `written` means in `table`, or a located error at `field` (unknown, with a
/// did-you-mean, or ambiguous, with the candidates).
pub(super) fn resolve(
    table: &crate::names::Table,
    field: &str,
    written: &str,
    c: &mut Checker,
) -> Option<String> {
    match table.resolve_id(written) {
        Ok(id) => Some(id.to_string()),
        Err(miss) => {
            report_miss(table, field, written, &miss, c);
            None
        }
    }
}

fn report_miss(
    table: &crate::names::Table,
    field: &str,
    written: &str,
    miss: &crate::names::Miss,
    c: &mut Checker,
) {
    let what = table.what();
    c.error_at(
        field,
        what.code(),
        crate::names::msg::miss(what, written, miss),
    );
}

/// Genre, topics and channels by id or name; each is replaced by the vocabulary's own entry.
/// An empty vocabulary accepts anything.
pub(super) fn check_vocabularies(site: &Site, raw: &mut RawRecord, c: &mut Checker) {
    let names = &site.names;
    if let Some(g) = &mut raw.genre
        && !names.genres.is_empty()
        && let Some(id) = resolve(&names.genres, "genre", g, c)
    {
        *g = id;
    }
    for (table, name, list) in [
        (&names.topics, "topics", &mut raw.topics),
        (&names.channels, "channels", &mut raw.channels),
    ] {
        if table.is_empty() {
            continue;
        }
        for (i, v) in list.iter_mut().flatten().enumerate() {
            match table.resolve_id(v) {
                Ok(id) if id == v.as_str() => {}
                Ok(id) => *v = id.to_string(),
                Err(miss) => report_miss(table, &format!("{name}[{i}]"), v, &miss, c),
            }
        }
    }
}

/// Resolves a file named in a record against the record's folder, refusing escapes.
pub(super) fn resolve_file(
    root: &Path,
    dir: &Path,
    file: &str,
    field: &str,
    c: &mut Checker,
) -> Option<PathBuf> {
    let Some(rel) = crate::fsutil::resolve_in_site(dir, file) else {
        c.error_at(
            field,
            Code::PathEscapes,
            crate::msg!("path-leaves-site", path = file),
        );
        return None;
    };
    if !root.join(&rel).is_file() {
        c.error_at(
            field,
            Code::AttachmentMissing,
            crate::msg!(
                "attachment-not-found",
                file = file,
                looked = rel.display().to_string()
            ),
        );
        return None;
    }
    if !crate::fsutil::stays_inside(root, &rel) {
        c.error_at(
            field,
            Code::PathEscapes,
            crate::msg!("path-link-leaves-site", path = file),
        );
        return None;
    }
    Some(rel)
}

pub(super) fn check_photo(
    root: &Path,
    dir: &Path,
    photo: &str,
    ix: Option<&IndexNo>,
    c: &mut Checker,
) -> Option<(String, PathBuf)> {
    let rel = resolve_file(root, dir, photo, "photo", c)?;
    let name = rel.file_name()?.to_string_lossy().into_owned();
    Some((format!("{}/photo-{name}", super::files_dir(ix?)), rel))
}

pub(super) fn check_body_links(
    site: &Site,
    links: &[markdown::Link],
    body_line: u32,
    c: &mut Checker,
) -> Vec<(IndexNo, Pos)> {
    let mut refs = Vec::new();
    for l in links {
        let pos = Pos::new(body_line + l.line, 1);
        let d = l.dest.trim();
        if let Some(ix) = d.strip_prefix("gk:") {
            if site.is_site_index_no(ix.trim()) || crate::index_no::check_legacy(ix.trim()).is_ok()
            {
                refs.push((IndexNo::new(ix.trim()), pos));
            } else {
                c.diags.push(
                    Diagnostic::error(
                        Code::IndexNoFormat,
                        c.path,
                        pos,
                        crate::msg!("body-link-bad-index", link = d, value = ix),
                    )
                    .field("body"),
                );
            }
        } else if !crate::url_policy::allowed(d, crate::url_policy::BODY_SCHEMES) {
            c.diags.push(
                Diagnostic::error(
                    Code::UnsafeUrl,
                    c.path,
                    pos,
                    crate::msg!("body-link-unsafe", link = d),
                )
                .field("body"),
            );
        } else if !(d.starts_with("https://")
            || d.starts_with("http://")
            || d.starts_with("mailto:")
            || d.starts_with("tel:")
            || d.starts_with('#'))
        {
            c.diags.push(
                Diagnostic::error(
                    Code::PathEscapes,
                    c.path,
                    pos,
                    crate::msg!("body-link-relative", link = d),
                )
                .field("body"),
            );
        }
    }
    refs
}

/// 机关代字〔年份〕序号号, e.g. 芙政办发〔2023〕12号.
pub(super) fn looks_like_doc_no(s: &str) -> bool {
    let Some((agency, rest)) = s.split_once('〔') else {
        return false;
    };
    let Some((year, rest)) = rest.split_once('〕') else {
        return false;
    };
    let Some(num) = rest.strip_suffix('号') else {
        return false;
    };
    !agency.is_empty()
        && year.len() == 4
        && year.chars().all(|c| c.is_ascii_digit())
        && !num.is_empty()
        && num.chars().all(|c| c.is_ascii_digit())
}

//! The view of one record page: metadata, body, attachments, cross-references, neighbours.
//!
//! A page is split in two: what the record itself says, and what the catalog around it adds
//! ([`Around`]: rows of the records it names or sits between, its revisions). Its key digests
//! both without building the view: the record by the digests made when it was parsed, the
//! rest as the view would show it. A rebuild keeps every page whose key is unchanged without
//! making its view at all.

use serde::Serialize;

use super::views::{AttachmentView, Crumb, RecordPage, RecordRow, human_size, publisher_name};
use crate::catalog::Catalog;
use crate::config::Site;
use crate::incremental::fingerprint::{Digest, Fingerprint};
use crate::record::files_dir;
use crate::values::{Date, Validity};

/// What a record page shows of the catalog around its record.
#[derive(Serialize)]
pub struct Around<'a> {
    preview_status: Option<&'static str>,
    related: Vec<RecordRow<'a>>,
    interprets: Option<RecordRow<'a>>,
    interpretations: Vec<RecordRow<'a>>,
    superseded_by: Option<RecordRow<'a>>,
    replaces: Vec<RecordRow<'a>>,
    prev: Option<RecordRow<'a>>,
    next: Option<RecordRow<'a>>,
    revisions: &'a [Date],
}

/// The catalog around record `i`.
pub fn around<'a>(site: &'a Site, cat: &'a Catalog, i: usize) -> Around<'a> {
    let r = &cat.records[i];
    let row = |j: usize| RecordRow::of(site, cat, j);
    let lookup = |ix: &crate::index_no::IndexNo| cat.get(ix).map(row);
    let (prev, next) = cat.neighbours(i);
    Around {
        preview_status: if cat.preview_only.contains(&r.index_no) {
            Some(match r.status {
                crate::values::Status::Review => "待审核",
                _ => "草稿",
            })
        } else {
            cat.pending_revision
                .contains(&r.index_no)
                .then_some("待发布修订")
        },
        related: r.related.iter().filter_map(lookup).collect(),
        interprets: r.interprets.as_ref().and_then(lookup),
        interpretations: cat.interpretations[i].iter().map(|&j| row(j)).collect(),
        superseded_by: r.superseded_by.as_ref().and_then(lookup),
        replaces: cat.replaces[i].iter().map(|&j| row(j)).collect(),
        prev: prev.map(row),
        next: next.map(row),
        revisions: cat.revisions.get(i).map_or(&[], Vec::as_slice),
    }
}

/// Digest of everything the page of record `i` is made from besides the theme: `site.yaml`,
/// the record's fields (its [`crate::record::Record::fields_digest`], which covers all but its
/// source, body and body links), its body (HTML, text, headings) and `around` (rows as their
/// digests).
pub fn key(site: &Site, cat: &Catalog, i: usize, around: &Around) -> Fingerprint {
    let r = &cat.records[i];
    Digest::new()
        .field(b"record page")
        .field(&site.digest.to_le_bytes())
        .field(&r.fields_digest.to_le_bytes())
        .field(&r.body.digest().to_le_bytes())
        .value(&r.body.headings)
        .value(around)
        .finish()
}

/// The page of record `i`: everything it shows comes from the record, `site` and `around`.
pub fn view<'a>(site: &'a Site, cat: &'a Catalog, i: usize, around: Around<'a>) -> RecordPage<'a> {
    let r = &cat.records[i];
    let dir = files_dir(&r.index_no);
    RecordPage {
        preview_status: around.preview_status,
        title: &r.title,
        index_no: r.index_no.as_str(),
        kind: r.kind.as_str(),
        summary: &r.summary,
        publisher: publisher_name(site, &r.publisher),
        created: r.created.to_string(),
        published: r.published.map(|d| d.to_string()).unwrap_or_default(),
        doc_no: r.doc_no.as_deref(),
        genre: r.genre.as_deref(),
        topics: &r.topics,
        keywords: &r.keywords,
        validity: r.validity().map(|v| v.as_str()),
        in_force: !matches!(r.validity(), Some(Validity::Abolished | Validity::Expired)),
        void_from: r.void_from.map(|d| d.to_string()),
        channels: &r.channels,
        review: r.review.as_ref(),
        body_html: crate::record::body::BodyHtml(&r.body),
        headings: &r.body.headings,
        attachments: r
            .attachments
            .iter()
            .map(|a| AttachmentView {
                title: &a.title,
                url: format!("{dir}/{}", a.file_name),
                file_name: &a.file_name,
                size: human_size(a.size),
                sha256: &a.sha256,
                format: a.format.label().to_string(),
            })
            .collect(),
        related: around.related,
        interprets: around.interprets,
        interpretations: around.interpretations,
        superseded_by: around.superseded_by,
        replaces: around.replaces,
        details: &r.details,
        breadcrumb: breadcrumb(site, r.node),
        node_name: &site.catalog.nodes[r.node].name,
        prev: around.prev,
        next: around.next,
        extra: &r.extra,
        meta_rows: super::views::meta_rows(site, r),
        revisions: around.revisions.iter().map(ToString::to_string).collect(),
        qr_img: super::qr::img(&format!("{}{}", site.config.base_url, r.url())),
    }
}

/// Home › 政府信息公开 › … › the node.
pub fn breadcrumb(site: &Site, node: usize) -> Vec<Crumb> {
    site.catalog
        .ancestry(node)
        .into_iter()
        .map(|n| Crumb {
            name: site.catalog.nodes[n].name.clone(),
            url: super::listing::node_url(&site.catalog.nodes[n].path, 1),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::record::Record;

    /// Each record page of the example site after `edit`: 索引号 → (key, digest of the view).
    fn pages(edit: impl Fn(&mut Record)) -> BTreeMap<String, (Fingerprint, Fingerprint)> {
        let (site, cat) = crate::testing::example_catalog(edit);
        (0..cat.records.len())
            .map(|i| {
                let key = key(&site, &cat, i, &around(&site, &cat, i));
                let page = view(&site, &cat, i, around(&site, &cat, i));
                let shown = Digest::new().value(&page).finish();
                (cat.records[i].index_no.to_string(), (key, shown))
            })
            .collect()
    }

    #[test]
    fn a_page_key_changes_whenever_the_page_would() {
        let before = pages(|_| {});
        // A policy that an interpretation explains and that sits between two others: editing
        // it changes its own page and the pages showing its row.
        let target = "11430199MB0000000X/2025-00017";
        type Edit = fn(&mut Record);
        let edits: [(&str, Edit); 3] = [
            ("title", |r| r.title.push_str("（修订）")),
            ("summary", |r| r.summary.push('。')),
            ("topics", |r| r.topics.push("新主题".into())),
        ];
        for (what, edit) in edits {
            let after = pages(|r| {
                if r.index_no.to_string() == target {
                    edit(r)
                }
            });
            let mut pages_changed = 0;
            for (ix, (key, shown)) in &before {
                let (key_after, shown_after) = after[ix];
                if *shown != shown_after {
                    pages_changed += 1;
                    assert_ne!(
                        *key, key_after,
                        "{what}: the page of {ix} changed, its key not"
                    );
                } else {
                    assert_eq!(
                        *key, key_after,
                        "{what}: {ix} is as it was, its key changed"
                    );
                }
            }
            // The title shows on neighbours and the interpretation; the others only on the page.
            let least = if what == "title" { 3 } else { 1 };
            assert!(
                pages_changed >= least,
                "{what}: {pages_changed} pages changed"
            );
        }
    }
}

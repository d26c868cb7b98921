//! The view of one record page: metadata, body, attachments, cross-references, neighbours.

use super::views::{AttachmentView, Crumb, RecordPage, RecordRow, human_size, publisher_name};
use crate::catalog::Catalog;
use crate::config::Site;
use crate::record::files_dir;
use crate::values::Validity;

pub fn view<'a>(site: &'a Site, cat: &'a Catalog, i: usize) -> RecordPage<'a> {
    let r = &cat.records[i];
    let row = |j: usize| RecordRow::of(site, cat, j);
    let lookup = |ix: &crate::index_no::IndexNo| cat.get(ix).map(row);
    let (prev, next) = cat.neighbours(i);
    let dir = files_dir(&r.index_no);
    let preview_status = cat
        .preview_only
        .contains(&r.index_no)
        .then_some(match r.status {
            crate::values::Status::Review => "待审核",
            _ => "草稿",
        });
    RecordPage {
        preview_status,
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
                format: a
                    .file_name
                    .rsplit_once('.')
                    .map(|(_, e)| e.to_uppercase())
                    .unwrap_or_default(),
            })
            .collect(),
        related: r.related.iter().filter_map(lookup).collect(),
        interprets: r.interprets.as_ref().and_then(lookup),
        interpretations: cat.interpretations[i].iter().map(|&j| row(j)).collect(),
        superseded_by: r.superseded_by.as_ref().and_then(lookup),
        replaces: cat.replaces[i].iter().map(|&j| row(j)).collect(),
        details: &r.details,
        breadcrumb: breadcrumb(site, r.node),
        node_name: &site.catalog.nodes[r.node].name,
        prev: prev.map(row),
        next: next.map(row),
        extra: &r.extra,
        revisions: cat
            .revisions
            .get(i)
            .map_or_else(Vec::new, |d| d.iter().map(ToString::to_string).collect()),
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

//! Writes the payload: each record's folder (source, rendered page, attachments, photo,
//! `元数据.xml`) and the catalog. Files are copied and hashed as streams; a source or attachment
//! that cannot be read, or that no longer has the hash it had when the site was loaded, is a
//! located error.

use std::path::Path;

use anyhow::Result;

use super::bag::{BagWriter, FileDigest};
use super::layout;
use super::ledger::Ledger;
use super::metadata::{self, CatalogHead, FileEntry, ItemMeta, Role};
use super::plan::{Plan, Planned};
use crate::catalog::Catalog;
use crate::config::Site;
use crate::diag::{Code, Diagnostic, Pos};
use crate::record::{Details, Record};

/// Where the inputs are.
pub struct Sources<'a> {
    pub site: &'a Site,
    pub catalog: &'a Catalog,
    pub ledger: &'a Ledger,
    /// The site folder.
    pub root: &'a Path,
    /// The freshly rendered site, for the record pages.
    pub rendered: &'a Path,
}

/// A problem with one record (no bag) or with the machine (an operational failure).
pub enum Failure {
    Content(Vec<Diagnostic>),
    Io(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Io(e)
    }
}

/// Writes every planned record and the catalog; returns the items' metadata in 档号 order.
pub fn write(
    w: &mut BagWriter,
    src: &Sources,
    plan: &Plan,
    batch: u32,
) -> Result<Vec<ItemMeta>, Failure> {
    let mut items = Vec::with_capacity(plan.items.len());
    let mut diags = Vec::new();
    for p in &plan.items {
        match write_record(w, src, p) {
            Ok(m) => items.push(m),
            Err(Failure::Content(d)) => diags.extend(d),
            Err(e) => return Err(e),
        }
    }
    if !diags.is_empty() {
        return Err(Failure::Content(diags));
    }
    let head = CatalogHead {
        fonds: plan.fonds.fonds.clone(),
        fonds_name: src.site.config.org.name.clone(),
        year: plan.fonds.year,
        batch,
    };
    w.write_with(layout::CATALOG_CSV, |out| {
        metadata::catalog_csv(out, &items)
    })?;
    w.write_with(layout::CATALOG_XML, |out| {
        metadata::catalog_xml(out, &head, &items)
    })?;
    Ok(items)
}

fn write_record(w: &mut BagWriter, src: &Sources, p: &Planned) -> Result<ItemMeta, Failure> {
    let r = &src.catalog.records[p.record];
    let mut files = Vec::new();
    let mut diags = Vec::new();
    let source_name = layout::segment(r.source.path.rsplit('/').next().unwrap_or("record.md"));
    match copy_checked(
        w,
        &src.root.join(&r.source.path),
        &p.folder,
        &source_name,
        &r.source.sha256,
    ) {
        Ok(d) => files.push(entry(Role::Source, source_name, None, d)),
        Err(msg) => diags.push(Diagnostic::error(
            Code::Unreadable,
            &r.source.path,
            Pos::new(1, 1),
            msg,
        )),
    }
    let page = src.rendered.join(r.url());
    let d = w.copy_in(&page, &format!("{}/{}", p.folder, layout::PAGE))?;
    files.push(entry(Role::Page, layout::PAGE.into(), None, d));
    for (i, a) in r.attachments.iter().enumerate() {
        let name = format!("{}/{}", layout::ATTACHMENTS, layout::segment(&a.file_name));
        match copy_checked(w, &src.root.join(&a.source), &p.folder, &name, &a.sha256) {
            Ok(d) => files.push(entry(Role::Attachment, name, Some(a.title.clone()), d)),
            Err(msg) => diags.push(
                Diagnostic::error(
                    Code::AttachmentMissing,
                    &r.source.path,
                    r.source.pos("attachments"),
                    msg,
                )
                .field(format!("attachments[{i}].file")),
            ),
        }
    }
    if let Details::Person(person) = &*r.details
        && let Some(photo) = &person.photo_source
    {
        let file_name = photo
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = format!("{}/{}", layout::PHOTOS, layout::segment(&file_name));
        let d = w.copy_in(&src.root.join(photo), &format!("{}/{name}", p.folder));
        match d {
            Ok(d) => files.push(entry(Role::Photo, name, None, d)),
            Err(e) => diags.push(
                Diagnostic::error(
                    Code::AttachmentMissing,
                    &r.source.path,
                    r.source.pos("photo"),
                    crate::msg!("archive-copy-failed", error = format!("{e:#}")),
                )
                .field("photo"),
            ),
        }
    }
    if !diags.is_empty() {
        return Err(Failure::Content(diags));
    }
    let meta = item_meta(src, r, p, files);
    w.write_bytes(
        &format!("{}/{}", p.folder, layout::METADATA),
        metadata::record_xml(&meta).as_bytes(),
    )?;
    Ok(meta)
}

/// Copies a file named by a record, refusing one that changed since the site was loaded.
fn copy_checked(
    w: &mut BagWriter,
    from: &Path,
    folder: &str,
    name: &str,
    loaded_sha256: &str,
) -> Result<FileDigest, crate::i18n::Msg> {
    let d = w
        .copy_in(from, &format!("{folder}/{name}"))
        .map_err(|e| crate::msg!("archive-copy-failed", error = format!("{e:#}")))?;
    if d.sha256 != loaded_sha256 {
        return Err(crate::msg!(
            "archive-changed-meanwhile",
            file = from.display().to_string(),
            loaded = loaded_sha256,
            copied = &d.sha256
        ));
    }
    Ok(d)
}

fn entry(role: Role, name: String, title: Option<String>, d: FileDigest) -> FileEntry {
    FileEntry {
        role,
        name,
        title,
        size: d.size,
        sha256: d.sha256,
        sm3: d.sm3,
    }
}

fn item_meta(src: &Sources, r: &Record, p: &Planned, files: Vec<FileEntry>) -> ItemMeta {
    let site = src.site;
    let category = site
        .catalog
        .ancestry(r.node)
        .iter()
        .map(|&n| site.catalog.nodes[n].name.as_str())
        .collect::<Vec<_>>()
        .join("/");
    ItemMeta {
        dangh: p.dangh.clone(),
        title: r.title.clone(),
        author: site
            .publisher(&r.publisher)
            .map_or_else(|| r.publisher.clone(), |x| x.name.clone()),
        doc_no: r.doc_no.clone(),
        date: r.published.expect("published records have a date"),
        created: r.created,
        genre: r.genre.clone(),
        retention: p.retention,
        index_no: r.index_no.to_string(),
        category,
        url: format!("{}{}", site.config.base_url, r.url()),
        review: r.review.clone(),
        ledger: src.ledger.entries(r.index_no.as_str()).to_vec(),
        folder: p.folder.clone(),
        files,
    }
}

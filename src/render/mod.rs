//! Rendering: typed views through tera into files, in parallel. Every page is rendered and
//! written by its own rayon task, so memory does not grow with the number of pages.

pub mod browse;
pub mod listing;
pub mod plain;
pub mod qr;
pub mod record_page;
pub mod section;
pub mod theme;
pub mod views;

use std::path::Path;

use anyhow::{Context as _, Result};
use rayon::prelude::*;
use serde::Serialize;

use crate::catalog::Catalog;
use crate::config::Site;
pub use crate::incremental::Output;
pub use theme::Theme;
use views::{NavItem, SiteView};

/// Counts for the build summary.
#[derive(Debug, Default, Clone, Copy)]
pub struct RenderStats {
    pub pages: usize,
    pub files: usize,
}

/// The relative prefix from a page at `rel` back to the site root: `doc/a.html` → `../`.
pub fn root_of(rel: &str) -> String {
    "../".repeat(rel.matches('/').count())
}

/// Renders `template` with `view` (plus `root` and `page_path`) into the page `rel` of `out`
/// (unless `out` holds the page rendered from the same inputs already).
pub fn write_page<V: Serialize>(
    theme: &Theme,
    out: &Output,
    rel: &str,
    template: &str,
    view: &V,
) -> Result<()> {
    out.page(theme, rel, template, view)
}

/// Static files, fingerprinted: `style.css` → `static/style.<hash>.css`. Returns name → URL.
fn write_statics(
    theme: &Theme,
    out: &Output,
) -> Result<std::collections::BTreeMap<String, String>> {
    let mut urls = std::collections::BTreeMap::new();
    for (name, bytes) in &theme.statics {
        let hash = &crate::hash::sha256_hex(bytes)[..10];
        let url = match name.rsplit_once('.') {
            Some((stem, ext)) => format!("static/{stem}.{hash}.{ext}"),
            None => format!("static/{name}.{hash}"),
        };
        out.bytes(&url, bytes)?;
        urls.insert(name.clone(), url);
    }
    Ok(urls)
}

/// Renders the pages of the published catalog into `out`: all but the search page, which
/// needs the search index ([`crate::build::render_into`] writes it).
pub fn render_site(
    site: &Site,
    cat: &Catalog,
    theme: &mut Theme,
    root: &Path,
    out: &Output,
    progress: &crate::progress::Progress,
) -> Result<RenderStats> {
    let started = std::time::Instant::now();
    let statics = write_statics(theme, out)?;
    let c = &site.config;
    let nav = site
        .catalog
        .roots()
        .map(|i| NavItem {
            name: site.catalog.nodes[i].name.clone(),
            url: listing::node_url(&site.catalog.nodes[i].path, 1),
            count: cat.by_subtree[i].len(),
        })
        .collect();
    let site_view = SiteView {
        title: &c.title,
        lang: c.language.tag(),
        base_url: &c.base_url,
        domain: c
            .base_url
            .split_once("://")
            .map_or(c.base_url.as_str(), |(_, r)| r)
            .trim_end_matches('/'),
        org_name: &c.org.name,
        site_id_code: c.org.site_id_code.as_deref(),
        icp: c.org.icp.as_deref(),
        police_record: c.org.police_record.as_deref(),
        office: &c.office,
        nav,
        css: statics.get("style.css").cloned().unwrap_or_default(),
        footer: views::FooterView::of(c, &statics),
        emblem: c
            .header
            .emblem
            .as_ref()
            .and_then(|e| statics.get(e).cloned()),
    };
    theme.tera.global_context().insert("site", &site_view);
    theme.tera.global_context().insert("t", &theme.labels);
    theme.tera.global_context().insert("assets", &statics);
    out.set_env(theme, &(&site_view, &theme.labels, &statics));
    let theme = &*theme;

    let task = progress.task(
        crate::msg!("progress-writing-pages"),
        cat.records.len() as u64,
    );
    let record_pages: Result<Vec<usize>> = (0..cat.records.len())
        .into_par_iter()
        .map(|i| {
            let r = &cat.records[i];
            let around = record_page::around(site, cat, i);
            let key = record_page::key(site, cat, i, &around);
            out.keyed_page(theme, &r.url(), "record.html", key, || {
                record_page::view(site, cat, i, around)
            })?;
            task.inc();
            copy_attachments(root, out, r)
        })
        .collect();
    task.finish();
    let files: usize = record_pages?.into_iter().sum();
    let t = crate::build::span("  record pages", started);
    let listing_pages = listing::render_listings(site, cat, theme, out)?;
    let t = crate::build::span("  listings", t);
    let reports = crate::report::render::render_all(site, cat, theme, root, out)?;
    let section_pages = section::render_section(site, cat, theme, out)?
        + browse::render_browse(site, cat, theme, out)?
        + plain::render_plain_pages(site, cat, theme, out)?;
    section::render_not_found(site, theme, out)?;
    crate::build::span("  section, reports", t);
    Ok(RenderStats {
        pages: cat.records.len() + listing_pages + reports.pages + section_pages + 1,
        files: files + statics.len() + reports.files,
    })
}

fn copy_attachments(root: &Path, out: &Output, r: &crate::record::Record) -> Result<usize> {
    let dir = crate::record::files_dir(&r.index_no);
    for a in &r.attachments {
        out.copy(
            &format!("{dir}/{}", a.file_name),
            &root.join(&a.source),
            &a.sha256,
        )
        .with_context(|| format!("attachment of {}", r.source.path))?;
    }
    let mut n = r.attachments.len();
    if let crate::record::Details::Person(p) = &*r.details
        && let (Some(url), Some(src)) = (&p.photo, &p.photo_source)
    {
        // Photos carry no digest of their own: their bytes decide.
        out.bytes(url, &crate::fsutil::read(&root.join(src))?)?;
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    #[test]
    fn roots() {
        assert_eq!(super::root_of("index.html"), "");
        assert_eq!(super::root_of("doc/a.html"), "../");
        assert_eq!(super::root_of("xxgk/a/b/index.html"), "../../../");
    }
}

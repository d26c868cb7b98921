//! The 政府信息公开 section's own pages: the landing `xxgk/index.html` (entry points and the
//! catalog tree with counts), the 政府信息公开指南 (Art. 12, from `site.yaml` `office` and the
//! catalog), the 制度 page (`office.disclosure_rules`), the 法定主动公开内容 index, a placeholder
//! 年报 index (replaced by the annual-report pages), and the site's 404 page.

use anyhow::{Result, anyhow};
use serde::Serialize;

use super::browse::{SECTION, label, list_url, section_crumbs};
use super::listing::node_link;
use super::views::{Crumb, NodeLink, RecordRow, rows};
use super::{Theme, write_page};
use crate::catalog::Catalog;
use crate::config::Site;
use crate::incremental::Output;

/// How many newest records the landing shows.
const LANDING_NEWEST: usize = 8;

/// A titled link with a short description (the landing's entry cards).
#[derive(Debug, Serialize)]
pub struct Entry {
    pub name: String,
    pub url: String,
    pub description: String,
    pub count: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct LandingPage<'a> {
    pub title: String,
    pub entries: Vec<Entry>,
    pub browse: Vec<Entry>,
    pub tree: Vec<NodeLink>,
    pub total: usize,
    pub newest: Vec<RecordRow<'a>>,
}

#[derive(Debug, Serialize)]
pub struct GuidePage<'a> {
    pub title: String,
    pub breadcrumb: Vec<Crumb>,
    pub tree: Vec<NodeLink>,
    pub publishers: Vec<&'a str>,
    pub total: usize,
    pub has_rules: bool,
}

#[derive(Debug, Serialize)]
pub struct RulesPage {
    pub title: String,
    pub breadcrumb: Vec<Crumb>,
    pub body_html: Option<String>,
}

/// One Article-20 item on the 法定主动公开内容 page.
#[derive(Debug, Serialize)]
pub struct ArticleGroup {
    pub item: String,
    pub title: String,
    pub url: String,
    pub count: usize,
    pub nodes: Vec<NodeLink>,
}

#[derive(Debug, Serialize)]
pub struct StatutoryPage {
    pub title: String,
    pub breadcrumb: Vec<Crumb>,
    pub groups: Vec<ArticleGroup>,
}

#[derive(Debug, Serialize)]
pub struct ReportIndexPage<'a> {
    pub title: String,
    pub breadcrumb: Vec<Crumb>,
    pub rows: Vec<RecordRow<'a>>,
}

pub fn guide_url() -> String {
    format!("{SECTION}/zn.html")
}

pub fn rules_url() -> String {
    format!("{SECTION}/zd.html")
}

/// Renders the section's own pages; returns how many were written.
pub fn render_section(site: &Site, cat: &Catalog, theme: &Theme, out: &Output) -> Result<usize> {
    let l = &theme.labels;
    let tree: Vec<NodeLink> = site
        .catalog
        .roots()
        .map(|i| node_link(site, cat, i))
        .collect();
    let landing = LandingPage {
        title: label(l, "disclosure"),
        entries: entries(cat, l),
        browse: browse_entries(cat, l),
        tree: tree.clone(),
        total: cat.records.len(),
        newest: rows(
            site,
            cat,
            &(0..cat.records.len().min(LANDING_NEWEST)).collect::<Vec<_>>(),
        ),
    };
    write_page(
        theme,
        out,
        &format!("{SECTION}/index.html"),
        "section.html",
        &landing,
    )?;
    let crumbs = section_crumbs(l);
    let with = |key: &str, url: String| {
        let mut c = crumbs.clone();
        c.push(Crumb {
            name: label(l, key),
            url,
        });
        c
    };
    let guide = GuidePage {
        title: label(l, "guide"),
        breadcrumb: with("guide", guide_url()),
        tree,
        publishers: site
            .config
            .publishers
            .iter()
            .map(|p| p.name.as_str())
            .collect(),
        total: cat.records.len(),
        has_rules: site.config.office.disclosure_rules.is_some(),
    };
    write_page(theme, out, &guide_url(), "guide.html", &guide)?;
    let rules =
        RulesPage {
            title: label(l, "rules"),
            breadcrumb: with("rules", rules_url()),
            body_html: site.config.office.disclosure_rules.as_deref().map(|md| {
                crate::markdown::render(md, crate::config::RawHtml::Escape, &|_| None).html
            }),
        };
    write_page(theme, out, &rules_url(), "rules.html", &rules)?;
    let statutory = StatutoryPage {
        title: label(l, "statutory"),
        breadcrumb: with("statutory", format!("{SECTION}/fdzdgk/index.html")),
        groups: article_groups(site, cat, l),
    };
    write_page(
        theme,
        out,
        &format!("{SECTION}/fdzdgk/index.html"),
        "statutory.html",
        &statutory,
    )?;
    let mut n = 4;
    if !out.contains(&nb_url()) {
        write_report_placeholder(site, cat, theme, out, with("annual_report", nb_url()))?;
        n += 1;
    }
    Ok(n)
}

fn nb_url() -> String {
    format!("{SECTION}/nb/index.html")
}

pub(super) fn entries(cat: &Catalog, l: &std::collections::BTreeMap<String, String>) -> Vec<Entry> {
    let e = |key: &str, url: String, count: Option<usize>| Entry {
        name: label(l, key),
        url,
        description: label(l, &format!("{key}_intro")),
        count,
    };
    vec![
        e("guide", guide_url(), None),
        e("rules", rules_url(), None),
        e(
            "statutory",
            format!("{SECTION}/fdzdgk/index.html"),
            Some(cat.records.len()),
        ),
        e("annual_report", nb_url(), None),
    ]
}

pub(super) fn browse_entries(
    cat: &Catalog,
    l: &std::collections::BTreeMap<String, String>,
) -> Vec<Entry> {
    let e = |key: &str, dir: &str, count: usize| Entry {
        name: label(l, key),
        url: list_url(&format!("{SECTION}/{dir}"), 1),
        description: label(l, &format!("{key}_intro")),
        count: Some(count),
    };
    vec![
        e("by_publisher", "fbjg", cat.by_publisher.len()),
        e("by_year", "nf", cat.by_year.len()),
        e("by_topic", "ztfl", cat.by_topic.len()),
        e("in_force", "xxyx", cat.in_force.len()),
    ]
}

fn article_groups(
    site: &Site,
    cat: &Catalog,
    l: &std::collections::BTreeMap<String, String>,
) -> Vec<ArticleGroup> {
    cat.by_article
        .iter()
        .map(|(item, ids)| ArticleGroup {
            item: item.text.clone(),
            title: super::browse::article_title(site, l, item),
            url: list_url(&format!("{SECTION}/fdzdgk/{}", item.slug()), 1),
            count: ids.len(),
            // The highest nodes that fulfil this item (their children are listed under them).
            nodes: site
                .catalog
                .nodes
                .iter()
                .enumerate()
                .filter(|(i, n)| {
                    site.catalog.article_of(*i) == Some(item.text.as_str())
                        && n.parent
                            .is_none_or(|p| site.catalog.article_of(p) != Some(&item.text))
                })
                .map(|(i, _)| node_link(site, cat, i))
                .collect(),
        })
        .collect()
}

/// Without annual report data files (data/annual/), the 年报 page lists the records of 文种 年报.
fn write_report_placeholder(
    site: &Site,
    cat: &Catalog,
    theme: &Theme,
    out: &Output,
    breadcrumb: Vec<Crumb>,
) -> Result<()> {
    let ids: Vec<usize> = (0..cat.records.len())
        .filter(|&i| cat.records[i].genre.as_deref() == Some("年报"))
        .collect();
    let page = ReportIndexPage {
        title: label(&theme.labels, "annual_report"),
        breadcrumb,
        rows: rows(site, cat, &ids),
    };
    write_page(theme, out, &nb_url(), "report_index.html", &page)
}

/// The 404 page: served at any depth, so its links are root-relative to `base_url`'s path.
pub fn render_not_found(site: &Site, theme: &Theme, out: &Output) -> Result<()> {
    let base_path = base_path(&site.config.base_url);
    let mut ctx = tera::Context::new();
    ctx.insert("root", &base_path);
    ctx.insert("page_path", "404.html");
    let html = theme
        .tera
        .render("404.html", &ctx)
        .map_err(|e| anyhow!("rendering 404.html: {e}"))?;
    out.bytes("404.html", html.as_bytes())
}

/// The path part of an absolute URL, ending in `/`: `https://a.gov.cn/x/` → `/x/`.
pub fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].to_string(),
        None => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn base_paths() {
        assert_eq!(super::base_path("https://a.gov.cn/"), "/");
        assert_eq!(super::base_path("https://a.gov.cn/xxgk/"), "/xxgk/");
        assert_eq!(super::base_path("https://a.gov.cn"), "/");
    }
}

//! Browse views of the published catalog: by publisher (发布机构), by year, by topic (主题分类),
//! policies in force (现行有效) and 法定主动公开内容 by Article-20 item. Every listing page
//! slices one of the catalog's sorted index lists, so it costs in proportion to the rows it shows.

use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;

use super::listing::pager;
use super::views::{Crumb, Pager, RecordRow, rows};
use super::{Theme, write_page};
use crate::catalog::Catalog;
use crate::config::Site;
use crate::incremental::Output;

/// The section's own folder under the site root.
pub const SECTION: &str = "xxgk";

/// URL of page `page` (1-based) of a listing kept in folder `dir`.
pub fn list_url(dir: &str, page: usize) -> String {
    if page <= 1 {
        format!("{dir}/index.html")
    } else {
        format!("{dir}/{page}.html")
    }
}

/// A link to one value of a facet (a publisher, a year, a topic), with its record count.
#[derive(Debug, Clone, Serialize)]
pub struct FacetLink {
    pub name: String,
    pub url: String,
    pub count: usize,
}

/// A tab between sibling listings (现行有效 / 已废止、已失效).
#[derive(Debug, Clone, Serialize)]
pub struct Tab {
    pub name: String,
    pub url: String,
    pub current: bool,
    pub count: usize,
}

/// One page of a browse listing (`list.html`).
#[derive(Debug, Serialize)]
pub struct ListPage<'a> {
    pub title: &'a str,
    /// Which browse view this is (`fbjg`, `nf`, `ztfl`, `xxyx`, `fdzdgk`), for the section nav.
    pub view: &'a str,
    pub intro: Option<&'a str>,
    pub breadcrumb: &'a [Crumb],
    pub tabs: &'a [Tab],
    pub rows: Vec<RecordRow<'a>>,
    pub count: usize,
    pub pager: Pager,
}

/// The index page of a facet (`facets.html`): every value with its count.
#[derive(Debug, Serialize)]
pub struct FacetPage<'a> {
    pub title: &'a str,
    pub view: &'a str,
    pub intro: Option<&'a str>,
    pub breadcrumb: Vec<Crumb>,
    pub facets: Vec<FacetLink>,
}

/// A paginated listing of `ids` (already sorted newest first) in folder `dir`.
pub struct Listing<'a> {
    pub dir: String,
    pub title: String,
    pub view: &'static str,
    pub intro: Option<String>,
    pub breadcrumb: Vec<Crumb>,
    pub tabs: Vec<Tab>,
    pub ids: &'a [usize],
}

impl Listing<'_> {
    pub fn pages(&self, page_size: usize) -> usize {
        self.ids.len().div_ceil(page_size).max(1)
    }
}

/// Renders every page of every listing, in parallel; returns the number of pages written.
pub fn render_listings(
    site: &Site,
    cat: &Catalog,
    theme: &Theme,
    out: &Output,
    listings: &[Listing],
) -> Result<usize> {
    let size = site.config.build.page_size;
    let jobs: Vec<(usize, usize)> = listings
        .iter()
        .enumerate()
        .flat_map(|(l, listing)| (1..=listing.pages(size)).map(move |p| (l, p)))
        .collect();
    jobs.par_iter().try_for_each(|&(l, page)| {
        let listing = &listings[l];
        let ids = listing.ids;
        let start = ((page - 1) * size).min(ids.len());
        let slice = &ids[start..(start + size).min(ids.len())];
        let mut breadcrumb = listing.breadcrumb.clone();
        breadcrumb.push(Crumb {
            name: listing.title.clone(),
            url: list_url(&listing.dir, 1),
        });
        let view = ListPage {
            title: &listing.title,
            view: listing.view,
            intro: listing.intro.as_deref(),
            breadcrumb: &breadcrumb,
            tabs: &listing.tabs,
            rows: rows(site, cat, slice),
            count: ids.len(),
            pager: pager(ids.len(), size, page, &|p| list_url(&listing.dir, p)),
        };
        write_page(
            theme,
            out,
            &list_url(&listing.dir, page),
            "list.html",
            &view,
        )
    })?;
    Ok(jobs.len())
}

/// The crumbs every section page starts with: 政府信息公开.
pub fn section_crumbs(labels: &std::collections::BTreeMap<String, String>) -> Vec<Crumb> {
    vec![Crumb {
        name: label(labels, "disclosure"),
        url: format!("{SECTION}/index.html"),
    }]
}

pub fn label(labels: &std::collections::BTreeMap<String, String>, key: &str) -> String {
    labels.get(key).cloned().unwrap_or_else(|| key.to_string())
}

/// A folder-safe, stable name for a topic: the first 8 hex digits of its SHA-256.
pub fn topic_slug(topic: &str) -> String {
    crate::hash::sha256_hex(topic.as_bytes())[..8].to_string()
}

/// One facet (publisher, year, topic): its index page and one listing per value.
struct Facet<'a> {
    view: &'static str,
    title_key: &'static str,
    intro_key: &'static str,
    values: Vec<(String, String, &'a [usize])>,
}

fn facets<'a>(site: &'a Site, cat: &'a Catalog) -> Vec<Facet<'a>> {
    let publishers = site
        .config
        .publishers
        .iter()
        .filter_map(|p| {
            cat.by_publisher
                .get(&p.id)
                .map(|ids| (p.id.clone(), p.name.clone(), ids.as_slice()))
        })
        .collect();
    let years = cat
        .by_year
        .iter()
        .rev()
        .map(|(y, ids)| (y.to_string(), y.to_string(), ids.as_slice()))
        .collect();
    let vocab = &site.config.vocabularies.topics;
    let mut topics: Vec<(&String, &Vec<usize>)> = cat.by_topic.iter().collect();
    // Vocabulary order first (the 主题分类 scheme's own order), then any others by name.
    topics.sort_by_key(|(t, _)| (vocab.iter().position(|v| v == *t).unwrap_or(usize::MAX), *t));
    let topics = topics
        .into_iter()
        .map(|(t, ids)| (topic_slug(t), t.clone(), ids.as_slice()))
        .collect();
    vec![
        Facet {
            view: "fbjg",
            title_key: "by_publisher",
            intro_key: "by_publisher_intro",
            values: publishers,
        },
        Facet {
            view: "nf",
            title_key: "by_year",
            intro_key: "by_year_intro",
            values: years,
        },
        Facet {
            view: "ztfl",
            title_key: "by_topic",
            intro_key: "by_topic_intro",
            values: topics,
        },
    ]
}

/// The browse views: facet index pages and the listings under them, the 现行有效 view and the
/// 法定主动公开内容 listings. Returns the number of pages written.
pub fn render_browse(site: &Site, cat: &Catalog, theme: &Theme, out: &Output) -> Result<usize> {
    let labels = &theme.labels;
    let crumbs = section_crumbs(labels);
    let mut listings = Vec::new();
    let mut pages = 0;
    for f in facets(site, cat) {
        let title = label(labels, f.title_key);
        let dir = format!("{SECTION}/{}", f.view);
        let mut facet_crumbs = crumbs.clone();
        facet_crumbs.push(Crumb {
            name: title.clone(),
            url: format!("{dir}/index.html"),
        });
        let index = FacetPage {
            title: &title,
            view: f.view,
            intro: labels.get(f.intro_key).map(String::as_str),
            breadcrumb: facet_crumbs.clone(),
            facets: f
                .values
                .iter()
                .map(|(slug, name, ids)| FacetLink {
                    name: name.clone(),
                    url: list_url(&format!("{dir}/{slug}"), 1),
                    count: ids.len(),
                })
                .collect(),
        };
        write_page(
            theme,
            out,
            &format!("{dir}/index.html"),
            "facets.html",
            &index,
        )?;
        pages += 1;
        for (slug, name, ids) in f.values {
            listings.push(Listing {
                dir: format!("{dir}/{slug}"),
                title: name,
                view: f.view,
                intro: None,
                breadcrumb: facet_crumbs.clone(),
                tabs: Vec::new(),
                ids,
            });
        }
    }
    listings.extend(validity_listings(cat, labels, &crumbs));
    listings.extend(article_listings(site, cat, labels, &crumbs));
    pages += render_listings(site, cat, theme, out, &listings)?;
    Ok(pages)
}

/// 现行有效 and 已废止/已失效 policies: two listings with tabs between them.
fn validity_listings<'a>(
    cat: &'a Catalog,
    labels: &std::collections::BTreeMap<String, String>,
    crumbs: &[Crumb],
) -> Vec<Listing<'a>> {
    let in_force_dir = format!("{SECTION}/xxyx");
    let void_dir = format!("{SECTION}/xxyx/fz");
    let tabs = |current: usize| {
        vec![
            Tab {
                name: label(labels, "in_force"),
                url: list_url(&in_force_dir, 1),
                current: current == 0,
                count: cat.in_force.len(),
            },
            Tab {
                name: label(labels, "not_in_force"),
                url: list_url(&void_dir, 1),
                current: current == 1,
                count: cat.void.len(),
            },
        ]
    };
    vec![
        Listing {
            dir: in_force_dir.clone(),
            title: label(labels, "in_force"),
            view: "xxyx",
            intro: labels.get("in_force_intro").cloned(),
            breadcrumb: crumbs.to_vec(),
            tabs: tabs(0),
            ids: &cat.in_force,
        },
        Listing {
            dir: void_dir.clone(),
            title: label(labels, "not_in_force"),
            view: "xxyx",
            intro: labels.get("not_in_force_intro").cloned(),
            breadcrumb: crumbs.to_vec(),
            tabs: tabs(1),
            ids: &cat.void,
        },
    ]
}

/// One listing per Article-20 item, under the 法定主动公开内容 page.
fn article_listings<'a>(
    site: &Site,
    cat: &'a Catalog,
    labels: &std::collections::BTreeMap<String, String>,
    crumbs: &[Crumb],
) -> Vec<Listing<'a>> {
    let mut base = crumbs.to_vec();
    base.push(Crumb {
        name: label(labels, "statutory"),
        url: format!("{SECTION}/fdzdgk/index.html"),
    });
    cat.by_article
        .iter()
        .map(|(item, ids)| Listing {
            dir: format!("{SECTION}/fdzdgk/{}", item.slug()),
            title: article_title(site, labels, item),
            view: "fdzdgk",
            intro: None,
            breadcrumb: base.clone(),
            tabs: Vec::new(),
            ids,
        })
        .collect()
}

/// `第二十条第（七）项 财政预算、决算信息`: the item's statutory subject from the labels
/// (`article_20_7`), else the names of the catalog nodes that fulfil it.
pub fn article_title(
    site: &Site,
    labels: &std::collections::BTreeMap<String, String>,
    item: &crate::catalog::ArticleItem,
) -> String {
    let subject = labels
        .get(&format!("article_{}", item.slug().replace('-', "_")))
        .cloned()
        .unwrap_or_else(|| {
            site.catalog
                .nodes
                .iter()
                .filter(|n| n.parent.is_none() && n.article.as_deref() == Some(&item.text))
                .map(|n| n.name.as_str())
                .collect::<Vec<_>>()
                .join("、")
        });
    format!("{} {subject}", item.text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_urls_start_at_index() {
        assert_eq!(list_url("xxgk/nf/2025", 1), "xxgk/nf/2025/index.html");
        assert_eq!(list_url("xxgk/nf/2025", 3), "xxgk/nf/2025/3.html");
    }

    #[test]
    fn topic_slugs_are_stable_and_safe() {
        let s = topic_slug("财政、金融、审计");
        assert_eq!(s.len(), 8);
        assert!(s.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(s, topic_slug("财政、金融、审计"));
        assert_ne!(s, topic_slug("其他"));
    }
}

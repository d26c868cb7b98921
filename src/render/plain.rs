//! Pages that explain the site to a citizen: the HTML 网站地图 (`wzdt.html`: every column and
//! main page) and 开放数据与订阅 (`kfsj.html`: what each data file and feed holds and what opens
//! it, so the footer never sends a reader to raw XML or JSON unexplained).

use anyhow::Result;
use serde::Serialize;

use super::browse::{SECTION, label};
use super::listing::node_link;
use super::section::{Entry, browse_entries, entries};
use super::views::NodeLink;
use super::{Theme, write_page};
use crate::catalog::Catalog;
use crate::config::Site;
use crate::incremental::Output;

pub const SITEMAP_URL: &str = "wzdt.html";
pub const OPEN_DATA_URL: &str = "kfsj.html";

#[derive(Debug, Serialize)]
pub struct SitemapPage {
    pub title: String,
    pub section: Vec<Entry>,
    pub browse: Vec<Entry>,
    pub tree: Vec<NodeLink>,
}

/// One download of the 开放数据 page.
#[derive(Debug, Serialize)]
pub struct DataFile {
    /// The anchor of its row (`#feed`…).
    pub id: &'static str,
    pub name: String,
    pub url: &'static str,
    pub holds: String,
    pub opens_with: String,
}

#[derive(Debug, Serialize)]
pub struct OpenDataPage {
    pub title: String,
    pub files: Vec<DataFile>,
}

/// The downloads every build writes: (anchor, label key of its name, URL).
const FILES: [(&str, &str, &str); 7] = [
    ("catalog-json", "catalog_json", "data/catalog.json"),
    ("catalog-csv", "catalog_csv", "data/catalog.csv"),
    ("ocds", "ocds", "data/ocds-releases.json"),
    ("popolo", "popolo", "data/popolo.json"),
    ("budget", "budget_data", "data/budget/datapackage.json"),
    ("feed", "feed", "feed.xml"),
    ("sitemap-xml", "sitemap_xml", "sitemap.xml"),
];

/// Writes both pages; returns how many.
pub fn render_plain_pages(
    site: &Site,
    cat: &Catalog,
    theme: &Theme,
    out: &Output,
) -> Result<usize> {
    let l = &theme.labels;
    let mut section = entries(cat, l);
    section.insert(
        0,
        Entry {
            name: label(l, "disclosure"),
            url: format!("{SECTION}/index.html"),
            description: String::new(),
            count: Some(cat.records.len()),
        },
    );
    let sitemap = SitemapPage {
        title: label(l, "sitemap_title"),
        section,
        browse: browse_entries(cat, l),
        tree: site
            .catalog
            .roots()
            .map(|i| node_link(site, cat, i))
            .collect(),
    };
    write_page(theme, out, SITEMAP_URL, "sitemap.html", &sitemap)?;
    let data = OpenDataPage {
        title: label(l, "open_data_title"),
        files: FILES
            .iter()
            .map(|&(id, name, url)| DataFile {
                id,
                name: label(l, name),
                url,
                holds: label(l, &format!("od_{id}_holds")),
                opens_with: label(l, &format!("od_{id}_opens")),
            })
            .collect(),
    };
    write_page(theme, out, OPEN_DATA_URL, "open_data.html", &data)?;
    Ok(2)
}

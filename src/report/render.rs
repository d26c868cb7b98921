//! The report pages: `xxgk/nb/<year>.html` for each year with a data file, its CSV and JSON
//! beside it, and `xxgk/nb/index.html` listing them, newest first.

use std::path::Path;

use anyhow::Result;
use serde::Serialize;

use super::export::{csv, json, title};
use super::format::SECTIONS;
use super::tables::{self, Table};
use super::{AnnualReport, OUT_DIR};
use crate::catalog::Catalog;
use crate::config::Site;
use crate::incremental::Output;
use crate::render::{Theme, write_page};

#[derive(Debug, Serialize)]
pub struct SectionView {
    pub id: String,
    pub heading: &'static str,
    /// Prose, rendered from Markdown.
    pub html: Option<String>,
    pub tables: Vec<Table>,
}

#[derive(Debug, Serialize)]
pub struct ReportPage {
    pub title: String,
    pub year: i32,
    pub date: Option<String>,
    pub index_url: String,
    pub csv_url: String,
    pub json_url: String,
    pub sections: Vec<SectionView>,
    /// The day a published report was published.
    pub published: Option<String>,
    /// 更正说明 of a published report, rendered from Markdown.
    pub corrections: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ReportLink {
    pub year: i32,
    pub title: String,
    pub date: Option<String>,
    pub url: String,
    pub csv_url: String,
    pub json_url: String,
}

#[derive(Debug, Serialize)]
pub struct ReportIndex {
    pub title: String,
    pub reports: Vec<ReportLink>,
}

pub fn page_url(year: i32) -> String {
    format!("{OUT_DIR}/{year}.html")
}

pub fn index_url() -> String {
    format!("{OUT_DIR}/index.html")
}

fn prose(site: &Site, md: &str) -> String {
    crate::markdown::render(md, site.config.build.raw_html, &|_| None).html
}

/// The view of one report page.
pub fn page(site: &Site, r: &AnnualReport, labels: &dyn Fn(&str) -> String) -> ReportPage {
    let d = &r.file.data;
    let section = |i: usize, html: Option<String>, tables: Vec<Table>| SectionView {
        id: format!("s{}", i + 1),
        heading: SECTIONS[i],
        html,
        tables,
    };
    ReportPage {
        title: title(site, r),
        year: r.year(),
        date: d.date.map(|x| x.to_string()),
        index_url: index_url(),
        csv_url: format!("{OUT_DIR}/{}.csv", r.year()),
        json_url: format!("{OUT_DIR}/{}.json", r.year()),
        sections: vec![
            section(
                0,
                Some(prose(site, &d.overview)),
                vec![tables::channels(r, labels)],
            ),
            section(1, None, vec![tables::proactive(r)]),
            section(2, None, vec![tables::requests(r)]),
            section(3, None, vec![tables::appeals(r)]),
            section(4, Some(prose(site, &d.problems)), Vec::new()),
            section(5, Some(prose(site, &d.other_matters)), Vec::new()),
        ],
        published: d.published.map(|x| x.to_string()),
        corrections: (d.corrections.as_deref())
            .filter(|c| !c.trim().is_empty())
            .map(|c| prose(site, c)),
    }
}

/// Counts for the build summary.
#[derive(Debug, Default, Clone, Copy)]
pub struct Written {
    pub pages: usize,
    pub files: usize,
}

/// Renders every report with a data file (the build has already refused unbalanced ones), and
/// the index when there is at least one.
pub fn render_all(
    site: &Site,
    cat: &Catalog,
    theme: &Theme,
    root: &Path,
    out: &Output,
) -> Result<Written> {
    let (mut reports, diags) = super::load(site, cat, root);
    // A draft report with errors is held back (page and exports); the rest of the site is not.
    reports.retain(|r| !diags.iter().any(|d| d.is_error() && d.path == r.file.path));
    if reports.is_empty() {
        return Ok(Written::default());
    }
    let labels = |k: &str| {
        theme
            .labels
            .get(k)
            .cloned()
            .unwrap_or_else(|| k.to_string())
    };
    let mut links = Vec::new();
    for r in &reports {
        let view = page(site, r, &labels);
        write_page(theme, out, &page_url(r.year()), "annual_report.html", &view)?;
        out.bytes(&view.csv_url, csv(r).as_bytes())?;
        out.bytes(&view.json_url, json(site, r).as_bytes())?;
        links.push(ReportLink {
            year: r.year(),
            title: view.title,
            date: view.date,
            url: page_url(r.year()),
            csv_url: view.csv_url,
            json_url: view.json_url,
        });
    }
    links.reverse();
    let index = ReportIndex {
        title: labels("report_index_title"),
        reports: links,
    };
    write_page(theme, out, &index_url(), "annual_reports.html", &index)?;
    Ok(Written {
        pages: reports.len() + 1,
        files: 2 * reports.len(),
    })
}

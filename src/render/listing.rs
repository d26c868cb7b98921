//! Listing pages: the home page and one paginated page set per catalog node. Each page costs
//! in proportion to the rows it shows (it slices the node's sorted index, never copies it).

use std::path::Path;

use anyhow::Result;
use rayon::prelude::*;

use super::views::{HomePage, NodeLink, NodePage, PageLink, Pager, rows};
use super::{Theme, write_page};
use crate::catalog::Catalog;
use crate::config::Site;

/// URL of page `page` (1-based) of a node's listing.
pub fn node_url(path: &str, page: usize) -> String {
    if page <= 1 {
        format!("xxgk/{path}/index.html")
    } else {
        format!("xxgk/{path}/{page}.html")
    }
}

pub fn node_link(site: &Site, cat: &Catalog, i: usize) -> NodeLink {
    let n = &site.catalog.nodes[i];
    NodeLink {
        name: n.name.clone(),
        url: node_url(&n.path, 1),
        count: cat.by_subtree[i].len(),
        article: n.article.clone(),
        children: n
            .children
            .iter()
            .map(|&c| node_link(site, cat, c))
            .collect(),
    }
}

pub fn pager(
    total_rows: usize,
    page_size: usize,
    current: usize,
    url: &dyn Fn(usize) -> String,
) -> Pager {
    let total = total_rows.div_ceil(page_size).max(1);
    Pager {
        current,
        total,
        prev: (current > 1).then(|| url(current - 1)),
        next: (current < total).then(|| url(current + 1)),
        pages: (1..=total)
            .map(|n| PageLink {
                number: n,
                url: url(n),
                current: n == current,
            })
            .collect(),
    }
}

/// Renders the home page and every node's pages; returns how many pages were written.
pub fn render_listings(site: &Site, cat: &Catalog, theme: &Theme, out: &Path) -> Result<usize> {
    let home = HomePage {
        newest: rows(
            site,
            cat,
            &(0..cat.records.len().min(site.config.build.home_count)).collect::<Vec<_>>(),
        ),
        sections: site
            .catalog
            .roots()
            .map(|i| node_link(site, cat, i))
            .collect(),
        total: cat.records.len(),
    };
    write_page(theme, out, "index.html", "index.html", &home)?;
    let size = site.config.build.page_size;
    let jobs: Vec<(usize, usize)> = (0..site.catalog.nodes.len())
        .flat_map(|n| (1..=cat.by_subtree[n].len().div_ceil(size).max(1)).map(move |p| (n, p)))
        .collect();
    jobs.par_iter().try_for_each(|&(n, page)| {
        let node = &site.catalog.nodes[n];
        let ids = &cat.by_subtree[n];
        let start = (page - 1) * size;
        let slice = &ids[start.min(ids.len())..(start + size).min(ids.len())];
        let view = NodePage {
            title: &node.name,
            article: node.article.as_deref(),
            breadcrumb: super::record_page::breadcrumb(site, n),
            children: node
                .children
                .iter()
                .map(|&c| node_link(site, cat, c))
                .collect(),
            rows: rows(site, cat, slice),
            count: ids.len(),
            pager: pager(ids.len(), size, page, &|p| node_url(&node.path, p)),
            feed: format!("xxgk/{}/feed.xml", node.path),
        };
        write_page(theme, out, &node_url(&node.path, page), "node.html", &view)
    })?;
    Ok(1 + jobs.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pager_links_every_page() {
        let p = pager(45, 20, 2, &|n| format!("{n}.html"));
        assert_eq!(p.total, 3);
        assert_eq!(p.prev.as_deref(), Some("1.html"));
        assert_eq!(p.next.as_deref(), Some("3.html"));
        assert!(p.pages[1].current);
        assert_eq!(pager(0, 20, 1, &|n| n.to_string()).total, 1);
    }
}

//! Listing pages: the home page and one paginated page set per catalog node. Each page costs
//! in proportion to the rows it shows (it slices the node's sorted index, never copies it).

use anyhow::Result;
use rayon::prelude::*;

use super::views::{HomePage, NodeLink, NodePage, PageLink, Pager, rows};
use super::{Theme, write_page};
use crate::catalog::Catalog;
use crate::config::Site;
use crate::incremental::Output;

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

/// Page links shown around the current page; the first and last page are always shown.
const PAGER_WINDOW: usize = 2;

/// Up to this many pages, every page number is linked from every page (issue: "links to every
/// page number"). Beyond it, linking all of them would make a node's listing cost grow with the
/// square of its size, so a page links the first and last pages, a window around itself, and the
/// pages 10, 100, 1000… before and after it: every page stays a few clicks away and a listing
/// page's size grows only with the logarithm of its node's.
pub const PAGER_ALL_UP_TO: usize = 50;

/// The pager of page `current` (1-based); see [`PAGER_ALL_UP_TO`].
pub fn pager(
    total_rows: usize,
    page_size: usize,
    current: usize,
    url: &dyn Fn(usize) -> String,
) -> Pager {
    let total = total_rows.div_ceil(page_size).max(1);
    let numbers: Vec<usize> = if total <= PAGER_ALL_UP_TO {
        (1..=total).collect()
    } else {
        let window = current.saturating_sub(PAGER_WINDOW).max(1)..=(current + PAGER_WINDOW);
        let jumps = std::iter::successors(Some(10usize), |s| s.checked_mul(10))
            .take_while(|&s| s < total)
            .flat_map(|s| {
                [
                    current.checked_sub(s).filter(|&p| p >= 1),
                    Some(current + s),
                ]
            })
            .flatten();
        let mut n: Vec<usize> = std::iter::once(1)
            .chain(window)
            .chain(jumps)
            .chain([total])
            .collect();
        n.retain(|&x| x <= total);
        n.sort_unstable();
        n.dedup();
        n
    };
    let mut last = 0;
    let pages = numbers
        .into_iter()
        .map(|n| {
            let gap_before = last + 1 != n;
            last = n;
            PageLink {
                number: n,
                url: url(n),
                current: n == current,
                gap_before,
            }
        })
        .collect();
    Pager {
        current,
        total,
        prev: (current > 1).then(|| url(current - 1)),
        next: (current < total).then(|| url(current + 1)),
        pages,
    }
}

/// Renders the home page and every node's pages; returns how many pages were written.
pub fn render_listings(site: &Site, cat: &Catalog, theme: &Theme, out: &Output) -> Result<usize> {
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
        assert!(p.pages.iter().all(|l| !l.gap_before));
        assert_eq!(pager(0, 20, 1, &|n| n.to_string()).total, 1);
    }

    fn shown(p: &Pager) -> Vec<(usize, bool)> {
        p.pages.iter().map(|l| (l.number, l.gap_before)).collect()
    }

    #[test]
    fn long_pagers_show_a_window_not_every_page() {
        let p = pager(20 * 5000, 20, 2500, &|n| format!("{n}.html"));
        assert_eq!(p.total, 5000);
        let want = [
            1, 1500, 2400, 2490, 2498, 2499, 2500, 2501, 2502, 2510, 2600, 3500, 5000,
        ];
        assert_eq!(p.pages.iter().map(|l| l.number).collect::<Vec<_>>(), want);
        assert!(p.pages[1].gap_before && p.pages[4].gap_before && !p.pages[5].gap_before);
        assert_eq!(
            shown(&pager(20 * 80, 20, 1, &|n| n.to_string())),
            [(1, false), (2, false), (3, false), (11, true), (80, true)]
        );
        assert_eq!(
            shown(&pager(20 * 80, 20, 80, &|n| n.to_string())),
            [(1, false), (70, true), (78, true), (79, false), (80, false)]
        );
        // Up to PAGER_ALL_UP_TO pages, every page number is linked.
        assert_eq!(pager(20 * 50, 20, 5, &|n| n.to_string()).pages.len(), 50);
        assert!(
            pager(20 * 50, 20, 5, &|n| n.to_string())
                .pages
                .iter()
                .all(|l| !l.gap_before)
        );
    }
}

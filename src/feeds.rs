//! Feeds for machines that follow the site: the Atom feed of the newest disclosures (site-wide
//! and per catalog node), `sitemap.xml`, and `robots.txt` pointing to it. All read the
//! published catalog; the sitemap lists the HTML pages actually written.

use std::fmt::Write as _;

use anyhow::Result;
use rayon::prelude::*;

use crate::catalog::Catalog;
use crate::config::Site;
use crate::incremental::Output;
use crate::record::Record;

/// Entries per Atom feed.
pub const FEED_LEN: usize = 50;

/// Escapes text for XML content and attribute values, dropping the control characters XML 1.0
/// does not allow at all.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A date as an RFC 3339 instant at 00:00 China time (records carry dates, feeds want instants).
pub fn date_time(d: crate::values::Date) -> String {
    format!("{d}T00:00:00+08:00")
}

/// Writes `feed.xml`, one `xxgk/<node>/feed.xml` per node and `robots.txt`. Returns the number
/// of files written.
pub fn write_feeds(site: &Site, cat: &Catalog, out: &Output) -> Result<usize> {
    let base = &site.config.base_url;
    let newest: Vec<usize> = (0..cat.records.len().min(FEED_LEN)).collect();
    let site_feed = atom(
        site,
        cat,
        &site.config.title,
        "feed.xml",
        "index.html",
        &newest,
    );
    out.bytes("feed.xml", site_feed.as_bytes())?;
    (0..site.catalog.nodes.len())
        .into_par_iter()
        .try_for_each(|n| {
            let node = &site.catalog.nodes[n];
            let ids = &cat.by_subtree[n];
            let ids = &ids[..ids.len().min(FEED_LEN)];
            let rel = format!("xxgk/{}/feed.xml", node.path);
            let title = format!("{} - {}", node.name, site.config.title);
            let page = format!("xxgk/{}/index.html", node.path);
            let xml = atom(site, cat, &title, &rel, &page, ids);
            out.bytes(&rel, xml.as_bytes())
        })?;
    let robots = format!("User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n");
    out.bytes("robots.txt", robots.as_bytes())?;
    Ok(2 + site.catalog.nodes.len())
}

/// Writes `sitemap.xml`, which lists every HTML page written: after the last page.
/// Writes `sitemap.xml`: every HTML page made so far and `later`, a page still to come. Returns
/// how many pages that is (with `404.html`, which is not listed), to check against the pages
/// made in the end.
pub fn write_sitemap(site: &Site, cat: &Catalog, out: &Output, later: &str) -> Result<usize> {
    let mut pages = out.html_pages();
    if let Err(at) = pages.binary_search_by(|p| p.as_str().cmp(later)) {
        pages.insert(at, later.to_string());
    }
    let count = pages.len();
    out.bytes(
        "sitemap.xml",
        sitemap(cat, &site.config.base_url, pages).as_bytes(),
    )?;
    Ok(count)
}

/// An Atom 1.0 feed (RFC 4287) of `ids`, newest first. `updated` is the newest entry's date,
/// so the same catalog always gives the same bytes.
pub fn atom(
    site: &Site,
    cat: &Catalog,
    title: &str,
    rel: &str,
    page: &str,
    ids: &[usize],
) -> String {
    let base = &site.config.base_url;
    let updated = ids
        .first()
        .and_then(|&i| cat.records[i].published)
        .map(date_time)
        .unwrap_or_else(|| "1970-01-01T00:00:00+08:00".into());
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        x,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        site.config.language.tag()
    );
    let _ = writeln!(x, "  <id>{}</id>", xml_escape(&format!("{base}{rel}")));
    let _ = writeln!(x, "  <title>{}</title>", xml_escape(title));
    let _ = writeln!(x, "  <updated>{updated}</updated>");
    let _ = writeln!(
        x,
        "  <author><name>{}</name></author>",
        xml_escape(&site.config.org.name)
    );
    let _ = writeln!(
        x,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        xml_escape(&format!("{base}{rel}"))
    );
    let _ = writeln!(
        x,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml_escape(&format!("{base}{page}"))
    );
    for &i in ids {
        entry(&mut x, site, &cat.records[i]);
    }
    x.push_str("</feed>\n");
    x
}

fn entry(x: &mut String, site: &Site, r: &Record) {
    let url = format!("{}{}", site.config.base_url, r.url());
    let date = r.published.map(date_time).unwrap_or_default();
    let publisher = crate::render::views::publisher_name(site, &r.publisher);
    let _ = writeln!(x, "  <entry>");
    let _ = writeln!(x, "    <id>{}</id>", xml_escape(&url));
    let _ = writeln!(x, "    <title>{}</title>", xml_escape(&r.title));
    let _ = writeln!(
        x,
        "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml_escape(&url)
    );
    let _ = writeln!(x, "    <published>{date}</published>");
    let _ = writeln!(x, "    <updated>{date}</updated>");
    let _ = writeln!(
        x,
        "    <author><name>{}</name></author>",
        xml_escape(publisher)
    );
    for t in &r.topics {
        let _ = writeln!(x, "    <category term=\"{}\"/>", xml_escape(t));
    }
    let _ = writeln!(x, "    <summary>{}</summary>", xml_escape(&r.summary));
    let _ = writeln!(x, "  </entry>");
}

/// Every HTML page of the build (but the 404 page), sorted; record pages carry their
/// publication date as `lastmod`.
fn sitemap(cat: &Catalog, base: &str, pages: Vec<String>) -> String {
    let lastmod: rustc_hash::FxHashMap<&str, &str> = (0..cat.records.len())
        .map(|i| cat.text(i))
        .filter(|t| !t.published.is_empty())
        .map(|t| (t.url.as_str(), t.published.as_str()))
        .collect();
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for rel in pages.into_iter().filter(|p| p != "404.html") {
        let loc = if rel == "index.html" {
            base.to_string()
        } else {
            format!("{base}{rel}")
        };
        let _ = write!(x, "  <url><loc>{}</loc>", xml_escape(&loc));
        if let Some(d) = lastmod.get(rel.as_str()) {
            let _ = write!(x, "<lastmod>{d}</lastmod>");
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_controls() {
        assert_eq!(
            xml_escape("A&B <c> \"d\" 'e'\u{1}\n"),
            "A&amp;B &lt;c&gt; &quot;d&quot; &apos;e&apos;\n"
        );
        assert_eq!(xml_escape("芙川〔2025〕1号"), "芙川〔2025〕1号");
    }

    #[test]
    fn dates_become_china_instants() {
        assert_eq!(
            date_time(crate::values::Date::ymd(2025, 3, 1)),
            "2025-03-01T00:00:00+08:00"
        );
    }
}

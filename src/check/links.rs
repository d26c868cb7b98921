//! Broken internal links, anchors and attachments in the rendered output. Every generated HTML
//! file is scanned for `href` and `src` values that stay on the site; each must lead to a file
//! of the output, and a `#fragment` to an `id` (or `<a name>`) in the target page.
//!
//! A small hand-written tag scanner is enough: the pages come from our own templates, and the
//! check needs only attribute values and their positions, not a DOM (no HTML parser crate).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use anyhow::Result;
use rayon::prelude::*;

use crate::catalog::Catalog;
use crate::diag::{Code, Diagnostic, Pos};

/// An attribute value found in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr {
    pub name: String,
    pub value: String,
    pub pos: Pos,
}

/// What one page holds: its links and the fragment targets it offers.
#[derive(Debug, Default)]
pub struct Page {
    pub links: Vec<Attr>,
    pub ids: BTreeSet<String>,
}

/// Scans the tags of `html` for `href`/`src` (links) and `id`/`name` (fragment targets).
pub fn scan(html: &str) -> Page {
    let mut page = Page::default();
    let b = html.as_bytes();
    let mut line_starts = vec![0];
    line_starts.extend(html.match_indices('\n').map(|(i, _)| i + 1));
    let pos = |at: usize| {
        let l = line_starts.partition_point(|&s| s <= at) - 1;
        Pos::new(
            l as u32 + 1,
            html[line_starts[l]..at].chars().count() as u32 + 1,
        )
    };
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(b.len(), |e| i + e + 3);
            continue;
        }
        if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_end = i + html[i..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(0);
        let tag = html[i..name_end].to_ascii_lowercase();
        i = attributes(html, name_end, &mut |name, value, at| match name {
            "href" | "src" => page.links.push(Attr {
                name: name.to_string(),
                value: decode_entities(value),
                pos: pos(at),
            }),
            "id" => {
                page.ids.insert(decode_entities(value));
            }
            "name" if tag == "a" => {
                page.ids.insert(decode_entities(value));
            }
            _ => {}
        });
        if tag == "script" || tag == "style" {
            let close = format!("</{tag}");
            i = html[i..].find(&close).map_or(b.len(), |e| i + e);
        }
    }
    page
}

/// Reads `name="value"` pairs from `start` to the tag's `>`; returns the index after it.
fn attributes(html: &str, start: usize, found: &mut dyn FnMut(&str, &str, usize)) -> usize {
    let b = html.as_bytes();
    let mut i = start;
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() || b[i] == b'>' {
            return (i + 1).min(b.len());
        }
        let n0 = i;
        while i < b.len() && !b"=> \t\n\r/".contains(&b[i]) {
            i += 1;
        }
        let name = html[n0..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let (v0, v1) = match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let end = html[i + 1..].find(q as char).map_or(b.len(), |e| i + 1 + e);
                (i + 1, end)
            }
            _ => {
                let end = html[i..]
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .map_or(b.len(), |e| i + e);
                (i, end)
            }
        };
        found(&name, &html[v0..v1], v0);
        i = if v1 < b.len() && b[v1] != b'>' && v0 != i {
            v1 + 1
        } else {
            v1
        };
    }
}

/// `&amp;`, `&quot;`, `&#x2F;`, `&#39;` and friends.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let ent = &rest[1..end];
        let c = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => ent
                .strip_prefix("#x")
                .or_else(|| ent.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%'
            && let (Some(h), Some(l)) = (
                b.get(i + 1).and_then(|c| hex(*c)),
                b.get(i + 2).and_then(|c| hex(*c)),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A link that leaves the site (a scheme, or `//host`) or means nothing to check.
fn is_external(v: &str) -> bool {
    let scheme = v.find(':').is_some_and(|c| {
        v[..c]
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || "+.-".contains(ch))
            && c > 0
    });
    scheme || v.starts_with("//") || v.is_empty()
}

/// Resolves `target` (no fragment, no query) from the page at `page`; `None` when it leaves
/// the output folder.
fn resolve(page: &str, target: &str) -> Option<String> {
    let joined = match target.strip_prefix('/') {
        Some(abs) => PathBuf::from(abs),
        None => Path::new(page)
            .parent()
            .unwrap_or(Path::new(""))
            .join(target),
    };
    let mut out: Vec<String> = Vec::new();
    for c in joined.components() {
        match c {
            Component::Normal(p) => out.push(p.to_string_lossy().into_owned()),
            Component::ParentDir => {
                out.pop()?;
            }
            _ => {}
        }
    }
    Some(out.join("/"))
}

/// Checks every page under `out`. Messages name the page (output-relative) and, for a record's
/// page, the record's source file.
pub fn check(out: &Path, cat: &Catalog) -> Result<Vec<Diagnostic>> {
    let mut files = BTreeSet::new();
    let mut dirs = BTreeSet::new();
    for e in walkdir::WalkDir::new(out).sort_by_file_name() {
        let e = e?;
        let rel = crate::diag::rel_path(out, e.path());
        if e.file_type().is_dir() {
            dirs.insert(rel);
        } else {
            files.insert(rel);
        }
    }
    let html: Vec<&String> = files.iter().filter(|f| f.ends_with(".html")).collect();
    let pages: BTreeMap<&str, Page> = html
        .par_iter()
        .map(|rel| {
            let bytes = crate::fsutil::read(&out.join(rel))?;
            Ok((rel.as_str(), scan(&String::from_utf8_lossy(&bytes))))
        })
        .collect::<Result<_>>()?;
    let sources: BTreeMap<String, &str> = cat
        .records
        .iter()
        .map(|r| (r.url(), r.source.path.as_str()))
        .collect();
    let mut diags = Vec::new();
    for (rel, page) in &pages {
        // `none` is the key the message selects on for a page that is no record's.
        let from = sources.get(*rel).copied().unwrap_or("none");
        for link in &page.links {
            if let Some((code, why)) = broken(rel, &link.value, &files, &dirs, &pages) {
                let (why, target, fragment) = match why {
                    Why::Outside => ("outside", String::new(), String::new()),
                    Why::NotWritten => ("not-written", String::new(), String::new()),
                    Why::NotWrittenAt(t) => ("not-written-at", t, String::new()),
                    Why::NoAnchor { fragment, target } => ("no-anchor", target, fragment),
                };
                let msg = crate::msg!(
                    "link-broken",
                    attr = &link.name,
                    value = &link.value,
                    why = why,
                    target = target,
                    fragment = fragment,
                    source = from
                );
                diags.push(Diagnostic::warning(code, *rel, link.pos, msg));
            }
        }
    }
    Ok(diags)
}

/// Why a link is broken.
enum Why {
    Outside,
    /// The file the link names was not written.
    NotWritten,
    /// The link resolves to this file, which was not written.
    NotWrittenAt(String),
    NoAnchor {
        fragment: String,
        target: String,
    },
}

fn broken(
    page: &str,
    value: &str,
    files: &BTreeSet<String>,
    dirs: &BTreeSet<String>,
    pages: &BTreeMap<&str, Page>,
) -> Option<(Code, Why)> {
    if is_external(value) {
        return None;
    }
    let (path, fragment) = value.split_once('#').unwrap_or((value, ""));
    let path = path.split('?').next().unwrap_or("");
    let target = if path.is_empty() {
        page.to_string()
    } else {
        let Some(mut t) = resolve(page, &percent_decode(path)) else {
            return Some((Code::BrokenLink, Why::Outside));
        };
        if path.ends_with('/') || dirs.contains(&t) {
            t = if t.is_empty() {
                "index.html".into()
            } else {
                format!("{t}/index.html")
            };
        }
        t
    };
    if !files.contains(&target) {
        let code = if target.starts_with("files/") {
            Code::MissingAttachment
        } else {
            Code::BrokenLink
        };
        let why = if target == path.trim_start_matches('/') {
            Why::NotWritten
        } else {
            Why::NotWrittenAt(target)
        };
        return Some((code, why));
    }
    let fragment = percent_decode(fragment);
    if fragment.is_empty() {
        return None;
    }
    let ids = &pages.get(target.as_str())?.ids;
    (!ids.contains(&fragment)).then(|| {
        (
            Code::BrokenAnchor,
            Why::NoAnchor {
                fragment: fragment.to_string(),
                target: target.clone(),
            },
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scanner_finds_links_ids_and_positions() {
        let html = "<!doctype html>\n<a href=\"../x.html#a&amp;b\" id=top>x</a>\n<!-- <a href=\"no.html\"> -->\n<img alt='a > b' src='i.png'><script>var s = '<a href=\"js.html\">';</script><a name=n></a>";
        let p = scan(html);
        let links: Vec<(&str, &str, Pos)> = p
            .links
            .iter()
            .map(|a| (a.name.as_str(), a.value.as_str(), a.pos))
            .collect();
        assert_eq!(
            links,
            [
                ("href", "../x.html#a&b", Pos::new(2, 10)),
                ("src", "i.png", Pos::new(4, 23))
            ]
        );
        assert_eq!(p.ids, BTreeSet::from(["top".to_string(), "n".to_string()]));
    }

    #[test]
    fn links_resolve_like_a_static_host() {
        assert_eq!(
            resolve("doc/a.html", "../xxgk/zcwj/index.html").as_deref(),
            Some("xxgk/zcwj/index.html")
        );
        assert_eq!(
            resolve("doc/a.html", "/static/s.css").as_deref(),
            Some("static/s.css")
        );
        assert_eq!(resolve("index.html", "../../etc/passwd"), None);
        assert!(is_external("https://example.gov.cn/") && is_external("mailto:a@b.cn"));
        assert!(!is_external("doc/a.html") && !is_external("#top"));
        assert_eq!(percent_decode("%E6%94%BF%E7%AD%96"), "政策");
        assert_eq!(decode_entities("a&#x2F;b&#47;c&lt;&bogus"), "a/b/c<&bogus");
    }
}

//! A saved copy of the old site (a folder of pages left by wget or HTTrack) to import items:
//! each page is decoded ([`crate::import::decode`]), parsed by html5ever (through scraper) as a
//! browser would, and read for its title, disclosure metadata ([`meta`]) and body ([`body`]).
//! Pages that carry no disclosure metadata (listings, home pages) are counted, not reported.

pub mod body;
pub mod meta;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use scraper::{Html, Selector};

use super::fields::Field;
use super::limits::{MAX_DEPTH, MAX_PAGE_BYTES, MAX_PAGES};
use super::mapping::{Mapping, Target};
use super::{Item, Link, msg};
use crate::diag::{Code, Diagnostic, Pos};

/// Where portal CMSs put the article body, most specific first.
const BODY_SELECTORS: &[&str] = &[
    "#zoom",
    ".TRS_Editor",
    "#UCAP-CONTENT",
    ".trs_editor_view",
    "#Zoom",
    ".article-content",
    ".article_con",
    ".zwnr",
    "#zwnr",
    ".pages_content",
    ".view",
    "#content",
    ".content",
    "article",
    ".main-txt",
    ".nr",
];

/// Deepest element nesting a page may have. html5ever checks the open elements at every tag,
/// so a page of nested tags costs the square of its depth: a hostile 8 MiB page of `<div>`s
/// would take hours. Real pages stay far below this.
pub const MAX_NESTING: usize = 1_000;

/// Elements a browser closes by itself or that hold nothing: not counted in the nesting.
const NOT_NESTING: &[&str] = &[
    "p", "li", "td", "th", "tr", "dt", "dd", "option", "br", "img", "hr", "meta", "link", "input",
    "area", "base", "col", "embed", "source", "track", "wbr", "param",
];

/// An upper bound of the page's element nesting, from its tags alone (no tree is built).
pub fn nesting(html: &str) -> usize {
    let b = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(at) = b[i..].iter().position(|&c| c == b'<') {
        i += at + 1;
        let close = b.get(i) == Some(&b'/');
        let start = i + usize::from(close);
        let len = b[start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if len == 0 || len > 16 {
            continue;
        }
        let name = html[start..start + len].to_ascii_lowercase();
        if NOT_NESTING.contains(&name.as_str()) {
            continue;
        }
        if close {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

/// True when a spreadsheet cell holds HTML rather than text.
pub fn looks_like_html(s: &str) -> bool {
    let lower = s.get(..s.len().min(4096)).unwrap_or(s).to_ascii_lowercase();
    ["</p>", "<p>", "<br", "<div", "</span>", "<table", "<p "]
        .iter()
        .any(|t| lower.contains(t))
}

/// An HTML fragment (a spreadsheet's 正文 cell) as Markdown.
pub fn fragment_markdown(html: &str) -> String {
    if nesting(html) > MAX_NESTING {
        return super::markdown::plain(html);
    }
    let doc = Html::parse_fragment(html);
    body::to_markdown(doc.root_element()).0
}

/// Compiled selectors: the mapping file's, then the built-in ones.
pub struct Selectors {
    title: Option<Selector>,
    body: Vec<Selector>,
    meta: Option<Selector>,
    h1: Selector,
    title_tag: Selector,
    links: Selector,
}

impl Selectors {
    pub fn new(m: &Mapping) -> Selectors {
        let parse = |s: &Option<String>| s.as_deref().and_then(|s| Selector::parse(s).ok());
        let mut body: Vec<Selector> = parse(&m.html.body).into_iter().collect();
        body.extend(
            BODY_SELECTORS
                .iter()
                .filter_map(|s| Selector::parse(s).ok()),
        );
        Selectors {
            title: parse(&m.html.title),
            body,
            meta: parse(&m.html.meta),
            h1: Selector::parse("h1").expect("a valid selector"),
            title_tag: Selector::parse("title").expect("a valid selector"),
            links: Selector::parse("a[href]").expect("a valid selector"),
        }
    }
}

/// Reads one page's decoded text into an item (its location fields are the caller's).
pub fn page(
    text: &str,
    sel: &Selectors,
    mapping: &Mapping,
    item: &mut Item,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let doc = Html::parse_document(text);
    let metas = meta::meta_tags(&doc);
    let pairs = meta::pairs(&doc, sel.meta.as_ref(), mapping);
    let has_article_meta = metas.iter().any(|(f, _)| *f == Field::Title);
    if pairs.is_empty() && !has_article_meta {
        return false;
    }
    if let Some(t) = sel.title.as_ref().and_then(|s| doc.select(s).next()) {
        item.values
            .insert(Field::Title, meta::collapse(&t.text().collect::<String>()));
    }
    for p in pairs {
        match p.target {
            Target::Field(f) => {
                item.values.entry(f).or_insert(p.value);
            }
            Target::Extra => {
                item.extra.entry(p.label).or_insert(p.value);
            }
            Target::Ignore => {}
        }
    }
    for (f, v) in metas {
        item.values.entry(f).or_insert(v);
    }
    if let std::collections::btree_map::Entry::Vacant(slot) = item.values.entry(Field::Title) {
        let h1 = doc
            .select(&sel.h1)
            .next()
            .map(|h| meta::collapse(&h.text().collect::<String>()));
        let title = h1.filter(|t| !t.is_empty()).or_else(|| {
            doc.select(&sel.title_tag)
                .next()
                .map(|t| site_suffix_cut(&meta::collapse(&t.text().collect::<String>())))
        });
        if let Some(t) = title.filter(|t| !t.is_empty()) {
            slot.insert(t);
        }
    }
    let body = sel.body.iter().find_map(|s| {
        doc.select(s)
            .find(|e| e.text().any(|t| !t.trim().is_empty()))
    });
    match body {
        Some(b) => {
            let (md, files) = body::to_markdown(b);
            item.body = Some(md);
            item.attachments.extend(files);
        }
        None => diags.push(Diagnostic::warning(
            Code::ImportMissing,
            &item.path,
            Pos::new(item.line, 1),
            msg::no_body(),
        )),
    }
    // Attachment lists often sit outside the body ("相关附件").
    for a in doc.select(&sel.links) {
        let Some(href) = a.value().attr("href") else {
            continue;
        };
        if body::is_file_link(href) && !item.attachments.iter().any(|l| l.href == href) {
            item.attachments.push(Link {
                text: meta::collapse(&a.text().collect::<String>()),
                href: href.to_string(),
            });
        }
    }
    item.attachments.truncate(super::limits::MAX_ATTACHMENTS);
    true
}

/// `关于…的通知 - 芙川区人民政府` → `关于…的通知`.
fn site_suffix_cut(t: &str) -> String {
    for sep in [" - ", "_", " | ", "－", "——"] {
        if let Some((head, _)) = t.rsplit_once(sep)
            && head.chars().count() >= 4
        {
            return head.trim().to_string();
        }
    }
    t.to_string()
}

/// The pages of a saved site, sorted, with the folders that could not be read.
pub fn page_paths(root: &Path, diags: &mut Vec<Diagnostic>, shown: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(root)
        .follow_links(false)
        .max_depth(MAX_DEPTH)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(Diagnostic::warning(
                    Code::ImportUnreadable,
                    shown,
                    Pos::new(0, 0),
                    msg::unreadable(&e.to_string()),
                ));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let ext = entry
            .path()
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if matches!(ext.as_str(), "html" | "htm" | "shtml" | "xhtml") {
            if out.len() >= MAX_PAGES {
                diags.push(Diagnostic::error(
                    Code::ImportUnreadable,
                    shown,
                    Pos::new(0, 0),
                    msg::too_many_pages(MAX_PAGES),
                ));
                break;
            }
            if let Ok(rel) = entry.path().strip_prefix(root) {
                out.push(rel.to_path_buf());
            }
        }
    }
    out
}

/// Reads every page under `root` (shown as `shown`) in parallel; items in path order.
pub fn items(
    root: &Path,
    shown: &str,
    mapping: &Mapping,
    progress: &crate::progress::Progress,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Item>, usize) {
    let paths = page_paths(root, diags, shown);
    let sel = Selectors::new(mapping);
    let task = progress.task(crate::msg!("progress-reading-pages"), paths.len() as u64);
    let results: Vec<(Option<Item>, Vec<Diagnostic>)> = paths
        .par_iter()
        .map(|rel| {
            let r = one_page(root, rel, shown, &sel, mapping);
            task.inc();
            r
        })
        .collect();
    task.finish();
    let mut items = Vec::new();
    let mut not_records = 0;
    for (item, d) in results {
        diags.extend(d);
        match item {
            Some(i) => items.push(i),
            None => not_records += 1,
        }
    }
    (items, not_records)
}

fn one_page(
    root: &Path,
    rel: &Path,
    shown: &str,
    sel: &Selectors,
    mapping: &Mapping,
) -> (Option<Item>, Vec<Diagnostic>) {
    let rel_s = rel.to_string_lossy().replace('\\', "/");
    let path = format!("{}/{rel_s}", shown.trim_end_matches('/'));
    let mut diags = Vec::new();
    let bytes = match crate::fsutil::read_capped(&root.join(rel), MAX_PAGE_BYTES) {
        Ok(b) if b.len() > MAX_PAGE_BYTES => {
            diags.push(Diagnostic::error(
                Code::ImportUnreadable,
                &path,
                Pos::new(1, 1),
                msg::too_large(MAX_PAGE_BYTES),
            ));
            return (None, diags);
        }
        Ok(b) => b,
        Err(e) => {
            diags.push(Diagnostic::error(
                Code::ImportUnreadable,
                &path,
                Pos::new(0, 0),
                msg::unreadable(&e.to_string()),
            ));
            return (None, diags);
        }
    };
    let decoded = super::decode::decode_page(&bytes);
    if nesting(&decoded.text) > MAX_NESTING {
        diags.push(Diagnostic::error(
            Code::ImportUnreadable,
            &path,
            Pos::new(1, 1),
            msg::too_deep(MAX_NESTING),
        ));
        return (None, diags);
    }
    let mut item = Item::new(&path, 1, rel_s.clone());
    item.sha256 = crate::hash::sha256_hex(&bytes);
    item.base = Some(rel.parent().unwrap_or(Path::new("")).to_path_buf());
    if !page(&decoded.text, sel, mapping, &mut item, &mut diags) {
        return (None, diags);
    }
    if let Some(declared) = &decoded.contradicted {
        diags.push(Diagnostic::warning(
            Code::ImportEncoding,
            &path,
            Pos::new(1, 1),
            msg::encoding_contradicted(declared, decoded.encoding),
        ));
    } else if decoded.malformed {
        diags.push(Diagnostic::warning(
            Code::ImportEncoding,
            &path,
            Pos::new(1, 1),
            msg::encoding_malformed(decoded.encoding),
        ));
    }
    (Some(item), diags)
}

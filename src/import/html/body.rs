//! An article body (a DOM subtree) as Markdown. Walked without recursion (a hostile page may
//! nest elements a hundred thousand deep). Only text, paragraphs, headings, lists, tables and
//! links to allowed absolute addresses survive; scripts, styles, forms, frames, images and
//! every attribute are dropped, and all text is escaped ([`crate::import::markdown`]), so the
//! body can carry no markup of its own. Links to files are collected as attachments.

use ego_tree::iter::Edge;
use scraper::{ElementRef, Node};

use crate::import::Link;
use crate::import::markdown::{escape, link_target};

/// Elements whose content is never text of the body.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "iframe", "object", "embed", "form", "input", "button",
    "select", "textarea", "svg", "math", "template", "head", "title", "canvas", "video", "audio",
    "map", "frameset", "frame", "applet", "img",
];

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "center",
    "header",
    "footer",
    "main",
    "aside",
    "figure",
    "figcaption",
    "address",
    "hr",
    "body",
    "font",
];

/// File extensions of attachments on portal pages.
pub const FILE_EXTENSIONS: &[&str] = &[
    "pdf", "doc", "docx", "xls", "xlsx", "wps", "et", "dps", "ppt", "pptx", "ofd", "zip", "rar",
    "7z", "txt", "csv", "jpg", "jpeg", "png", "gif", "tif", "tiff", "mp3", "mp4", "ceb", "caj",
];

/// True when `href` names a file by its extension (query and fragment ignored).
pub fn is_file_link(href: &str) -> bool {
    let path = href.split(['?', '#']).next().unwrap_or("");
    let name = path.rsplit('/').next().unwrap_or("");
    name.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty() && FILE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
    })
}

#[derive(Default)]
struct Writer {
    out: String,
    line: String,
    prefix: String,
    skip: usize,
    /// Nesting of tables; only the outermost one is written as a table.
    tables: usize,
    rows: Vec<Vec<String>>,
    cell: Option<String>,
    /// Open links: where the link's text starts in `line`, and its address.
    links: Vec<(usize, String)>,
    files: Vec<Link>,
    lists: Vec<Option<u32>>,
}

impl Writer {
    fn text(&mut self, t: &str) {
        let target = match (&mut self.cell, self.tables) {
            (Some(c), _) => c,
            (None, 0) => &mut self.line,
            (None, _) => return,
        };
        let mut last_space = target.is_empty() || target.ends_with(' ');
        for c in t.chars() {
            if c.is_ascii_whitespace() || c == '\u{a0}' {
                if !last_space {
                    target.push(' ');
                    last_space = true;
                }
            } else {
                let mut buf = String::new();
                escape(c.encode_utf8(&mut [0; 4]), &mut buf);
                target.push_str(&buf);
                last_space = false;
            }
        }
    }

    fn flush(&mut self) {
        let text = self.line.trim_matches(|c: char| c.is_whitespace());
        if !text.is_empty() {
            if !self.out.is_empty() {
                self.out.push_str("\n\n");
            }
            self.out.push_str(&self.prefix);
            self.out.push_str(text);
        }
        self.line.clear();
        self.prefix.clear();
        self.links.clear();
    }

    fn table(&mut self) {
        let rows = std::mem::take(&mut self.rows);
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        if width == 0 {
            return;
        }
        if !self.out.is_empty() {
            self.out.push_str("\n\n");
        }
        for (i, row) in rows.iter().enumerate() {
            self.out.push('|');
            for c in 0..width {
                self.out.push(' ');
                self.out.push_str(row.get(c).map_or("", |s| s.trim()));
                self.out.push_str(" |");
            }
            self.out.push('\n');
            if i == 0 {
                self.out.push('|');
                self.out.push_str(&" --- |".repeat(width));
                self.out.push('\n');
            }
        }
        while self.out.ends_with('\n') {
            self.out.pop();
        }
    }

    fn open(&mut self, el: &ElementRef) {
        let name = el.value().name();
        if self.skip > 0 || SKIPPED.contains(&name) {
            self.skip += 1;
            return;
        }
        match name {
            "table" => {
                if self.tables == 0 {
                    self.flush();
                }
                self.tables += 1;
            }
            "tr" if self.tables == 1 => self.rows.push(Vec::new()),
            "td" | "th" if self.tables == 1 => self.cell = Some(String::new()),
            "br" => match &mut self.cell {
                Some(c) => c.push(' '),
                None => self.flush(),
            },
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" if self.tables == 0 => {
                self.flush();
                let level = name[1..].parse::<usize>().unwrap_or(2).max(2);
                self.prefix = format!("{} ", "#".repeat(level));
            }
            "ul" | "ol" => {
                self.flush();
                self.lists.push((name == "ol").then_some(0));
            }
            "li" if self.tables == 0 => {
                self.flush();
                self.prefix = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{n}. ")
                    }
                    _ => "- ".to_string(),
                };
            }
            "a" => {
                if let Some(href) = el.value().attr("href") {
                    self.links.push((self.line.len(), href.to_string()));
                    if let Some(c) = &self.cell {
                        self.links.last_mut().expect("pushed").0 = c.len();
                    }
                }
            }
            n if BLOCKS.contains(&n) && self.tables == 0 => self.flush(),
            _ => {}
        }
    }

    fn close(&mut self, el: &ElementRef) {
        let name = el.value().name();
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match name {
            "table" => {
                self.tables = self.tables.saturating_sub(1);
                if self.tables == 0 {
                    self.cell = None;
                    self.table();
                }
            }
            "td" | "th" if self.tables == 1 => {
                if let (Some(c), Some(row)) = (self.cell.take(), self.rows.last_mut()) {
                    row.push(c.replace('\n', " "));
                }
            }
            "ul" | "ol" => {
                self.flush();
                self.lists.pop();
            }
            "a" => self.close_link(el),
            n if (BLOCKS.contains(&n) || n.starts_with('h') && n.len() == 2 || n == "li")
                && self.tables == 0 =>
            {
                self.flush()
            }
            _ => {}
        }
    }

    fn close_link(&mut self, el: &ElementRef) {
        let Some(href) = el.value().attr("href") else {
            return;
        };
        let Some((start, _)) = self.links.pop() else {
            return;
        };
        let text: String = el
            .text()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if is_file_link(href) {
            self.files.push(Link {
                text,
                href: href.to_string(),
            });
            return;
        }
        let target = match &mut self.cell {
            Some(c) => c,
            None => &mut self.line,
        };
        if let Some(url) = link_target(href)
            && start <= target.len()
            && target.is_char_boundary(start)
            && !target[start..].trim().is_empty()
        {
            let label = target.split_off(start);
            target.push('[');
            target.push_str(label.trim());
            target.push_str("](");
            target.push_str(&url);
            target.push(')');
        }
    }
}

/// The Markdown of `root`'s content, and the file links found in it.
pub fn to_markdown(root: ElementRef) -> (String, Vec<Link>) {
    let mut w = Writer::default();
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Text(t) if w.skip == 0 => w.text(t),
                Node::Element(_) => {
                    if let Some(el) = ElementRef::wrap(node) {
                        w.open(&el);
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Some(el) = ElementRef::wrap(node) {
                    w.close(&el);
                }
            }
        }
    }
    w.flush();
    if w.tables > 0 {
        w.table();
    }
    (w.out, w.files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(html: &str) -> (String, Vec<Link>) {
        let doc = scraper::Html::parse_fragment(html);
        to_markdown(doc.root_element())
    }

    #[test]
    fn paragraphs_headings_lists_tables_and_links() {
        let (m, files) = md(
            "<p>　　第一段<b>加粗</b></p><h3>二、标题</h3><ul><li>甲</li><li>乙</li></ul>\
             <table><tr><th>项目</th><th>金额</th></tr><tr><td>合计</td><td>1|2</td></tr></table>\
             <p>见<a href=\"https://www.gov.cn/x.html\">国务院</a>，<a href=\"../att/1.pdf\">附件1</a></p>",
        );
        assert_eq!(
            m,
            "第一段加粗\n\n### 二、标题\n\n- 甲\n\n- 乙\n\n| 项目 | 金额 |\n| --- | --- |\n| 合计 | 1\\|2 |\n\n见[国务院](https://www.gov.cn/x.html)，附件1"
        );
        assert_eq!(files.len(), 1);
        assert_eq!(
            (files[0].text.as_str(), files[0].href.as_str()),
            ("附件1", "../att/1.pdf")
        );
    }

    #[test]
    fn nothing_active_survives() {
        let (m, _) = md(
            "<p onclick=\"x()\">正文<script>alert(1)</script><img src=x onerror=alert(1)>\
             <a href=\"javascript:alert(1)\">点我</a><iframe src=\"//evil\"></iframe>&lt;script&gt;</p>",
        );
        let html = crate::markdown::render(&m, crate::config::RawHtml::Sanitize, &|_| None).html;
        assert!(
            !html.contains("<script") && !html.contains("onclick") && !html.contains("<a"),
            "{html}"
        );
        assert!(
            !html.contains("onerror") && !html.contains("iframe"),
            "{html}"
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let html = format!("{}正文{}", "<div>".repeat(900), "</div>".repeat(900));
        assert!(crate::import::html::nesting(&html) <= crate::import::html::MAX_NESTING);
        let (m, _) = md(&html);
        assert!(m.contains("正文"));
        let hostile = "<div><span>".repeat(100_000);
        let t = std::time::Instant::now();
        assert!(crate::import::html::nesting(&hostile) > crate::import::html::MAX_NESTING);
        assert!(
            !crate::import::html::fragment_markdown(&hostile).contains("<div>"),
            "kept as text, not parsed"
        );
        assert!(t.elapsed().as_secs() < 5);
        let paragraphs = "<p>段".repeat(10_000);
        assert!(
            crate::import::html::nesting(&paragraphs) < 10,
            "unclosed paragraphs do not nest"
        );
    }
}

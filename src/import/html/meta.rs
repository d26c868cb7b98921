//! The disclosure metadata of a portal page: the `<meta name=…>` tags of the national site-group
//! CMSs (ArticleTitle, PubDate, ContentSource, ColumnName, Keywords, Description, Url) and the
//! table or list of labels and values above the article (索引号 / 发布机构 / 生成日期 / 文号 …),
//! in its two common layouts: a label cell followed by a value cell (`<td>索引号：</td><td>…</td>`,
//! also `<dt>`/`<dd>` and `<th>`), and a label and its value in one element
//! (`<li><b>索引号：</b>…</li>`, `<span>发布日期：2023-05-06</span>`).

use scraper::{ElementRef, Html, Selector};

use crate::import::fields::{Field, normalize_label};
use crate::import::mapping::{Mapping, Target};

/// The `<meta name>` tags read, by lower-cased name.
const META_TAGS: &[(&str, Field)] = &[
    ("articletitle", Field::Title),
    ("pubdate", Field::Published),
    ("contentsource", Field::InfoSource),
    ("columnname", Field::Node),
    ("keywords", Field::Keywords),
    ("description", Field::Summary),
    ("url", Field::Url),
];

/// Longest label read (in characters, after normalising).
const MAX_LABEL: usize = 12;

/// A label and its value found on the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub label: String,
    pub value: String,
    pub target: Target,
}

/// The fields given by meta tags. A site-wide `keywords`/`description` before ArticleTitle
/// is still taken: pages that carry ArticleTitle carry article-level ones.
pub fn meta_tags(doc: &Html) -> Vec<(Field, String)> {
    let sel = Selector::parse("meta[name]").expect("a valid selector");
    let has_article = doc.select(&sel).any(|m| {
        m.value()
            .attr("name")
            .is_some_and(|n| n.eq_ignore_ascii_case("articletitle"))
    });
    let mut out = Vec::new();
    for m in doc.select(&sel) {
        let (Some(name), Some(content)) = (m.value().attr("name"), m.value().attr("content"))
        else {
            continue;
        };
        let name = name.trim().to_ascii_lowercase();
        let content = collapse(content);
        if content.is_empty() {
            continue;
        }
        if let Some((_, f)) = META_TAGS.iter().find(|(n, _)| *n == name)
            && (has_article || !matches!(f, Field::Keywords | Field::Summary))
        {
            out.push((*f, content));
        }
    }
    out
}

/// Whitespace runs (no-break and full-width spaces too) as one space, trimmed.
pub fn collapse(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn text_of(el: &ElementRef) -> String {
    collapse(&el.text().collect::<String>())
}

/// A label as it may stand alone in a cell: a known one, or a short one ending in a colon.
fn as_label(text: &str, mapping: &Mapping) -> Option<(String, Target)> {
    let norm = normalize_label(text);
    if norm.is_empty() || norm.chars().count() > MAX_LABEL {
        return None;
    }
    let clean = text.trim().trim_end_matches([':', '：']).trim().to_string();
    match mapping.target(text) {
        Some(t) => Some((clean, t)),
        None if text.trim_end().ends_with([':', '：']) => Some((clean, Target::Extra)),
        None => None,
    }
}

/// Nodes a label or value element may hold; bigger ones are not read (a hostile page could
/// otherwise make every element's text a walk of the whole page).
const SMALL: usize = 64;

fn small(el: &ElementRef) -> bool {
    el.descendants().take(SMALL + 1).count() <= SMALL
}

const CONTAINERS: &[&str] = &[
    "td", "th", "li", "p", "div", "table", "tr", "ul", "ol", "dl", "dt", "dd", "tbody",
];

/// The label–value pairs under `scope` (the page when `None`), first occurrence of a label kept.
pub fn pairs(doc: &Html, scope: Option<&Selector>, mapping: &Mapping) -> Vec<Pair> {
    let roots: Vec<ElementRef> = match scope {
        Some(s) => doc.select(s).collect(),
        None => vec![doc.root_element()],
    };
    let cells = Selector::parse("td, th, dt").expect("a valid selector");
    let inline =
        Selector::parse("td, th, li, p, span, div, dd, em, strong").expect("a valid selector");
    let mut out: Vec<Pair> = Vec::new();
    let push = |out: &mut Vec<Pair>, label: String, value: String, target: Target| {
        if !value.is_empty()
            && !out
                .iter()
                .any(|p| normalize_label(&p.label) == normalize_label(&label))
        {
            out.push(Pair {
                label,
                value,
                target,
            });
        }
    };
    for root in &roots {
        for cell in root.select(&cells) {
            if !small(&cell) {
                continue;
            }
            let text = text_of(&cell);
            let Some((label, target)) = as_label(&text, mapping) else {
                continue;
            };
            let next = cell.next_siblings().filter_map(ElementRef::wrap).next();
            if let Some(v) =
                next.filter(|n| matches!(n.value().name(), "td" | "th" | "dd") && small(n))
            {
                push(&mut out, label, text_of(&v), target);
            }
        }
        for el in root.select(&inline) {
            let leaf = small(&el)
                && !el
                    .descendants()
                    .skip(1)
                    .filter_map(ElementRef::wrap)
                    .any(|d| CONTAINERS.contains(&d.value().name()));
            if !leaf {
                continue;
            }
            let text = text_of(&el);
            if text.len() > 600 {
                continue;
            }
            let Some((l, v)) = text.split_once(['：', ':']) else {
                continue;
            };
            let Some(target) = mapping.target(l) else {
                continue;
            };
            if normalize_label(l).chars().count() <= MAX_LABEL {
                push(&mut out, l.trim().to_string(), v.trim().to_string(), target);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_layouts_of_the_metadata_table_are_read() {
        let doc = Html::parse_document(
            "<table class=xxgk><tr><td>索 引 号：</td><td>000014349/2023-00012</td>\
             <td>主题分类：</td><td>教育</td></tr><tr><td>发文机关：</td><td>区政府</td>\
             <td>公开方式：</td><td>主动公开</td></tr></table>\
             <ul><li><b>发布日期：</b>2023年5月6日</li><li>文号：芙政发〔2023〕3号</li></ul>",
        );
        let got: Vec<(String, String)> = pairs(&doc, None, &Mapping::default())
            .into_iter()
            .map(|p| (p.label, p.value))
            .collect();
        let want = [
            ("索 引 号", "000014349/2023-00012"),
            ("主题分类", "教育"),
            ("发文机关", "区政府"),
            ("公开方式", "主动公开"),
            ("发布日期", "2023年5月6日"),
            ("文号", "芙政发〔2023〕3号"),
        ];
        assert_eq!(got.len(), want.len(), "{got:?}");
        for (l, v) in want {
            assert!(got.iter().any(|(a, b)| a == l && b == v), "{l} in {got:?}");
        }
    }

    #[test]
    fn site_group_meta_tags_are_read() {
        let doc = Html::parse_document(
            "<head><meta name=\"ArticleTitle\" content=\" 关于做好  工作的通知\"><meta name=\"PubDate\" content=\"2023-05-06 10:00\">\
             <meta name=\"ColumnName\" content=\"通知公告\"><meta name=\"ContentSource\" content=\"区教育局\"></head>",
        );
        let got = meta_tags(&doc);
        assert!(got.contains(&(Field::Title, "关于做好 工作的通知".into())));
        assert!(got.contains(&(Field::Node, "通知公告".into())));
        assert!(got.contains(&(Field::Published, "2023-05-06 10:00".into())));
    }
}

//! Markdown bodies → HTML with pulldown-cmark (tables, footnotes, strikethrough, heading ids).
//!
//! Record bodies are not trusted: raw HTML is shown as text unless the site opts in to a small
//! sanitised subset (attribute-less inline tags). Headings take no attributes from Markdown (ids
//! are gongkai's). Links may be absolute URLs, `#anchors`, or `gk:<索引号>` links to other
//! records; every target is reported to the caller, and one with a scheme outside
//! [`url_policy::BODY_SCHEMES`] is replaced by `#` in the HTML whatever the caller does.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use serde::{Deserialize, Serialize};

use crate::config::RawHtml;
use crate::url_policy;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A link or image target found in a body, with the 0-based line inside the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub dest: String,
    pub line: u32,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Rendered {
    pub html: String,
    /// Plain text, paragraphs separated by newlines (for search and summaries).
    pub text: String,
    pub first_paragraph: String,
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
}

/// Tags kept by `raw_html: sanitize`, and only without attributes.
const SAFE_TAGS: &[&str] = &[
    "b", "i", "u", "em", "strong", "sub", "sup", "br", "mark", "del", "ins", "small",
];

/// Renders a body. `gk:` link targets are rewritten by `link_target`.
pub fn render(
    md: &str,
    raw_html: RawHtml,
    link_target: &dyn Fn(&str) -> Option<String>,
) -> Rendered {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(md.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |offset: usize| {
        line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1) as u32
    };

    let mut out = Rendered::default();
    let mut events: Vec<Event> = Vec::new();
    for (event, range) in Parser::new_ext(md, opts).into_offset_iter() {
        let event = match event {
            Event::Html(s) | Event::InlineHtml(s) => match raw_html {
                RawHtml::Escape => Event::Text(s),
                RawHtml::Sanitize => Event::Html(sanitize(&s).into()),
            },
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                out.links.push(Link {
                    dest: dest_url.to_string(),
                    line: line_of(range.start),
                });
                let dest_url = link_target(&dest_url).map(CowStr::from).unwrap_or(dest_url);
                let dest_url = inert(dest_url);
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                out.links.push(Link {
                    dest: dest_url.to_string(),
                    line: line_of(range.start),
                });
                Event::Start(Tag::Image {
                    link_type,
                    dest_url: inert(dest_url),
                    title,
                    id,
                })
            }
            other => other,
        };
        events.push(event);
    }
    drop_cjk_soft_breaks(&mut events);
    assign_heading_ids(&mut events, &mut out.headings);
    collect_text(&events, &mut out);
    out.html.reserve(md.len() + md.len() / 2);
    html::push_html(&mut out.html, events.into_iter());
    // Rendered bodies live for the whole build: drop the slack left by growing the strings.
    out.html.shrink_to_fit();
    out.text.shrink_to_fit();
    out
}

/// The target itself when its scheme is allowed, `#` otherwise.
fn inert(dest: CowStr<'_>) -> CowStr<'_> {
    if dest.starts_with("gk:") || url_policy::allowed(&dest, url_policy::BODY_SCHEMES) {
        dest
    } else {
        CowStr::Borrowed("#")
    }
}

/// A line break inside Chinese text is not a space: a soft break between two CJK characters (or
/// a CJK character and CJK punctuation) is dropped, so "中华人民共和国⏎政府信息公开条例" reads as one
/// word. Between Latin words, a soft break stays (a space).
fn drop_cjk_soft_breaks(events: &mut Vec<Event>) {
    // The text next to a break, looking through inline markup (`**公开**⏎如下`).
    let inline = |e: &Event| {
        matches!(
            e,
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
                | Event::End(
                    TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link
                )
        )
    };
    let text = |e: &Event, last: bool| match e {
        Event::Text(t) | Event::Code(t) if last => t.chars().next_back(),
        Event::Text(t) | Event::Code(t) => t.chars().next(),
        _ => None,
    };
    let before = |i: usize| {
        events[..i]
            .iter()
            .rev()
            .find(|e| !inline(e))
            .and_then(|e| text(e, true))
    };
    let after = |i: usize| {
        events[i + 1..]
            .iter()
            .find(|e| !inline(e))
            .and_then(|e| text(e, false))
    };
    let drop: Vec<bool> = (0..events.len())
        .map(|i| {
            matches!(events[i], Event::SoftBreak)
                && before(i).is_some_and(is_cjk)
                && after(i).is_some_and(is_cjk)
        })
        .collect();
    if drop.contains(&true) {
        let mut i = 0;
        events.retain(|_| {
            i += 1;
            !drop[i - 1]
        });
    }
}

/// Han ideographs, kana, hangul, CJK punctuation and full-width forms.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}' // CJK symbols and punctuation: 、。《》「」
        | '\u{3040}'..='\u{30FF}' // kana
        | '\u{3400}'..='\u{4DBF}' // extension A
        | '\u{4E00}'..='\u{9FFF}' // unified ideographs
        | '\u{AC00}'..='\u{D7AF}' // hangul
        | '\u{F900}'..='\u{FAFF}' // compatibility ideographs
        | '\u{FE30}'..='\u{FE4F}' // CJK compatibility forms
        | '\u{FF00}'..='\u{FFEF}' // full-width forms: ，；：（）！？
        | '\u{20000}'..='\u{3FFFF}' // extensions B and later
    )
}

fn assign_heading_ids(events: &mut [Event], headings: &mut Vec<Heading>) {
    let mut used = std::collections::BTreeSet::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, .. }) = &events[i] {
            let level = heading_level(*level);
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let mut new_id = format!("sec-{}", headings.len() + 1);
            while !used.insert(new_id.clone()) {
                new_id.push_str("-x");
            }
            // Heading attributes are off in the parser; clearing them here as well keeps any
            // future option change from writing Markdown attributes into a page.
            if let Event::Start(Tag::Heading {
                id, classes, attrs, ..
            }) = &mut events[i]
            {
                *id = Some(new_id.clone().into());
                classes.clear();
                attrs.clear();
            }
            headings.push(Heading {
                level,
                id: new_id,
                text,
            });
            i = j;
        }
        i += 1;
    }
}

fn heading_level(l: HeadingLevel) -> u8 {
    l as u8
}

fn collect_text(events: &[Event], out: &mut Rendered) {
    let mut in_first = false;
    let mut first_done = false;
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => {
                out.text.push_str(t);
                if in_first {
                    out.first_paragraph.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => out.text.push(' '),
            Event::Start(Tag::Paragraph) if !first_done => in_first = true,
            Event::End(TagEnd::Paragraph) if in_first => {
                in_first = false;
                first_done = true;
                out.text.push('\n');
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => out.text.push('\n'),
            _ => {}
        }
    }
    out.first_paragraph = out.first_paragraph.trim().to_string();
}

/// Keeps attribute-less safe tags, escapes everything else.
fn sanitize(raw: &str) -> String {
    let mut out = String::new();
    let mut rest = raw;
    while let Some(start) = rest.find('<') {
        out.push_str(&escape(&rest[..start]));
        let after = &rest[start..];
        match after.find('>') {
            Some(end) => {
                let tag = &after[..=end];
                if is_safe_tag(tag) {
                    out.push_str(&tag.to_ascii_lowercase());
                } else {
                    out.push_str(&escape(tag));
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&escape(after));
                rest = "";
            }
        }
    }
    out.push_str(&escape(rest));
    out
}

fn is_safe_tag(tag: &str) -> bool {
    let inner = tag
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/')
        .trim();
    let name = inner.strip_prefix('/').unwrap_or(inner);
    SAFE_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name))
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(md: &str) -> Rendered {
        render(md, RawHtml::Escape, &|_| None)
    }

    #[test]
    fn a_line_break_inside_chinese_text_is_no_space() {
        // Regression (issue 19 item 14): "中华人民共和国 政府信息公开条例".
        let out = r("根据《中华人民共和国\n政府信息公开条例》，\n现将**公开**\n如下。\n");
        assert!(
            out.html
                .contains("《中华人民共和国政府信息公开条例》，现将<strong>公开</strong>如下。"),
            "{}",
            out.html
        );
        assert!(
            out.text.contains("中华人民共和国政府信息公开条例"),
            "{}",
            out.text
        );
        // Latin words keep their space; a hard break stays a break.
        assert!(r("open\ndata\n").html.contains("open\ndata"));
        assert!(r("中文  \n换行\n").html.contains("<br />"));
        assert!(r("中文 GB\nT\n").html.contains("GB\nT"));
    }

    #[test]
    fn raw_html_is_escaped_by_default() {
        let out = r("a <script>alert(1)</script> b\n\n<div onclick=x>hi</div>\n");
        assert!(!out.html.contains("<script"), "{}", out.html);
        assert!(!out.html.contains("<div"), "{}", out.html);
        assert!(out.html.contains("&lt;script&gt;"));
    }

    #[test]
    fn sanitize_keeps_only_plain_safe_tags() {
        let out = render(
            "H<sub>2</sub>O <img src=x onerror=y> <b onclick=z>x</b>",
            RawHtml::Sanitize,
            &|_| None,
        );
        assert!(out.html.contains("H<sub>2</sub>O"), "{}", out.html);
        assert!(out.html.contains("&lt;img"));
        assert!(out.html.contains("&lt;b onclick"));
    }

    #[test]
    fn headings_get_ids_and_tables_render() {
        let out = r(
            "# 总则\n\n## 目标\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~ 注[^1]\n\n[^1]: 脚注\n",
        );
        assert_eq!(out.headings[0].id, "sec-1");
        assert_eq!(out.headings[1].id, "sec-2");
        assert!(out.html.contains("<h1 id=\"sec-1\">总则</h1>"));
        assert!(out.html.contains("<table>"));
        assert!(out.html.contains("<del>x</del>"));
        assert!(out.html.contains("footnote"));
    }

    #[test]
    fn links_are_collected_with_lines_and_rewritten() {
        let out = render(
            "第一段。\n\n见[另一件](gk:ABC/2024-00001)。\n",
            RawHtml::Escape,
            &|d| d.strip_prefix("gk:").map(|s| format!("{s}.html")),
        );
        assert_eq!(
            out.links,
            vec![Link {
                dest: "gk:ABC/2024-00001".into(),
                line: 2
            }]
        );
        assert!(out.html.contains("href=\"ABC/2024-00001.html\""));
        assert_eq!(out.first_paragraph, "第一段。");
    }

    /// Issue 19.1: `## x {tabindex=0 autofocus onfocus=…}` wrote the handler into the page.
    #[test]
    fn heading_attributes_are_not_taken_from_markdown() {
        for raw in [RawHtml::Escape, RawHtml::Sanitize] {
            let out = render(
                "## 标题 {#own .cls tabindex=0 autofocus onfocus=alert(1)}\n",
                raw,
                &|_| None,
            );
            // The attribute text stays visible as text; the tag has gongkai's id and nothing else.
            let tag = out.html.split_inclusive('>').next().unwrap();
            assert_eq!(tag, "<h2 id=\"sec-1\">", "{}", out.html);
            assert_eq!(out.headings[0].id, "sec-1");
        }
    }

    /// Issue 19.1: link and image targets with an active scheme never reach the page, whatever
    /// the caller does with the links it is told about (site.yaml Markdown has no checker).
    #[test]
    fn active_url_schemes_are_neutralised() {
        let out = r(
            "[a](javascript:alert(1)) [b]( JaVaScRiPt:x) ![c](data:text/html,x) <vbscript:x> \
             [d](java&#x09;script:x) [e](https://example.gov.cn/) [f](#sec-1) [g](mailto:a@b.cn)\n",
        );
        let targets: Vec<&str> = (out.html.split(" href=\"").skip(1))
            .chain(out.html.split(" src=\"").skip(1))
            .map(|rest| rest.split('"').next().unwrap())
            .collect();
        assert_eq!(targets.len(), 8, "{}", out.html);
        for t in targets {
            assert!(
                url_policy::allowed(t, url_policy::BODY_SCHEMES),
                "{t} in {}",
                out.html
            );
        }
        assert!(out.html.contains("href=\"https://example.gov.cn/\""));
        assert!(out.html.contains("href=\"#sec-1\""));
        assert!(out.html.contains("href=\"mailto:a@b.cn\""));
        // The checker still hears about every target as written.
        assert_eq!(out.links.len(), 8, "{:?}", out.links);
    }

    /// Hostile nesting (quotes, lists, brackets, emphasis) renders without running out of stack.
    #[test]
    fn deep_nesting_renders() {
        let n = 20_000;
        for md in [
            format!("{}x\n", "> ".repeat(n)),
            format!("{}x\n", "- ".repeat(n)),
            format!("{}x{}\n", "[".repeat(n), "]".repeat(n)),
            format!("{}x{}\n", "*_".repeat(n), "_*".repeat(n)),
        ] {
            let out = r(&md);
            assert!(out.html.contains('x'));
        }
    }
}

//! Markdown written by the import: text escaped so that nothing in it becomes markup (no raw
//! HTML, no link, no heading by accident), and links only to addresses the site allows.

/// Escapes `text` for one line of Markdown: every ASCII punctuation mark that could start
/// markup is backslash-escaped (CommonMark allows a backslash before any of them).
pub fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '!' | '|' | '~' | '&' | '{'
            | '}' | '(' | ')' | '+' | '-' | '=' | '.' | '"' | '$' | '^' | ':' | '@' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// Plain text (a spreadsheet's 正文 cell) as Markdown paragraphs, one per non-empty line.
pub fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        escape(line, &mut out);
    }
    out
}

/// A link when `url` is one a body may carry (http, https, mailto, tel); else `None`.
pub fn link_target(url: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty()
        || crate::url_policy::scheme(url).is_none()
        || !crate::url_policy::allowed(url, crate::url_policy::BODY_SCHEMES)
    {
        return None;
    }
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '"' => out.push_str("%22"),
            '\'' => out.push_str("%27"),
            '\\' => out.push_str("%5C"),
            '`' => out.push_str("%60"),
            c if c.is_control() || c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_never_becomes_markup() {
        let md = plain("# 标题\n<script>alert(1)</script>\n[链接](javascript:x) 1. 项");
        let html = crate::markdown::render(&md, crate::config::RawHtml::Sanitize, &|_| None).html;
        assert!(
            !html.contains("<script") && !html.contains("<h1") && !html.contains("<a "),
            "{html}"
        );
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn only_allowed_absolute_links_are_kept() {
        assert_eq!(
            link_target("https://x.gov.cn/a b(1)").as_deref(),
            Some("https://x.gov.cn/a%20b%281%29")
        );
        assert_eq!(link_target("java\tscript:alert(1)"), None);
        assert_eq!(link_target("../t1.html"), None);
        assert_eq!(link_target("data:text/html,x"), None);
    }
}

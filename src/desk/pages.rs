//! The desk's page frame, its stylesheet and script (embedded in the binary), and escaping.

use super::text::Words;

pub const CSS: &str = include_str!("assets/desk.css");
pub const JS: &str = include_str!("assets/desk.js");

/// Text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    crate::markdown::escape(s)
}

/// A query-string component.
pub fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Where the desk's links go.
pub struct Nav<'a> {
    pub w: &'a Words,
    pub site_title: &'a str,
    pub preview: Option<u16>,
    pub token: &'a str,
}

/// A whole page: header with the site's name and the desk's links, then `main`.
pub fn page(nav: &Nav, title: &str, main: &str) -> String {
    let w = nav.w;
    let preview = nav.preview.map_or(String::new(), |p| {
        format!(
            "<li><a href=\"http://127.0.0.1:{p}/\" target=\"_blank\" rel=\"noopener\">{}</a></li>",
            w.preview
        )
    });
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<meta name=\"desk-token\" content=\"{token}\">\
<title>{title} · {desk}</title><link rel=\"stylesheet\" href=\"/assets/desk.css\">\
<script src=\"/assets/desk.js\" defer></script></head><body>\
<a class=\"skip\" href=\"#main\">{skip}</a>\
<header><p class=\"site\">{site} · {desk}</p><nav aria-label=\"{desk}\"><ul>\
<li><a href=\"/\">{records}</a></li><li><a href=\"/publish\">{publish}</a></li>{preview}</ul></nav></header>\
<main id=\"main\" tabindex=\"-1\"><h1>{title}</h1>{main}</main></body></html>\n",
        lang = w.lang,
        token = esc(nav.token),
        title = esc(title),
        desk = w.desk,
        skip = if w.lang == "en" {
            "Skip to content"
        } else {
            "跳到正文"
        },
        site = esc(nav.site_title),
        records = w.records,
        publish = w.publish,
    )
}

/// The hidden field every state-changing form carries.
pub fn token_field(token: &str) -> String {
    format!(
        "<input type=\"hidden\" name=\"_token\" value=\"{}\">",
        esc(token)
    )
}

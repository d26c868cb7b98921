//! What a browser would run in a built page: the audit both hostile-input tests apply.

use std::collections::BTreeSet;
use std::path::Path;

/// Attributes whose value a browser loads or follows as a URL.
pub const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "xlink:href",
    "data",
    "background",
    "cite",
    "srcset",
];

/// Elements that run or redirect something; only the theme's own may appear.
const ACTIVE_ELEMENTS: &[&str] = &[
    "script", "iframe", "frame", "object", "embed", "base", "style", "applet",
];

/// True when a browser would read `url` as an active scheme (spaces and controls around it and
/// tabs or line breaks inside it do not count).
pub fn active_scheme(url: &str) -> bool {
    let cleaned: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "data:", "vbscript:"]
        .iter()
        .any(|s| cleaned.starts_with(s))
}

/// The theme's QR code of a record page: an `<img class="qr">` whose source is a base64 PNG
/// (an image type, which a browser never runs); anything else under `data:` still counts.
pub fn theme_qr_code(el: scraper::ElementRef, attr: &str, url: &str) -> bool {
    el.value().name() == "img"
        && el.value().attr("class") == Some("qr")
        && attr == "src"
        && url
            .strip_prefix("data:image/png;base64,")
            .is_some_and(|b64| {
                b64.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
            })
}

/// An element that runs or redirects something (a `<meta http-equiv>` can refresh to a URL).
pub fn is_active(el: scraper::ElementRef) -> bool {
    let name = el.value().name();
    ACTIVE_ELEMENTS.contains(&name) || (name == "meta" && el.value().attr("http-equiv").is_some())
}

/// An active element as a comparable string: name, attributes and text.
pub fn signature(el: scraper::ElementRef) -> String {
    let mut attrs: Vec<String> = el
        .value()
        .attrs()
        .map(|(k, v)| format!("{k}={v:?}"))
        .collect();
    attrs.sort();
    let text: String = el.text().collect();
    format!("<{} {}>{}", el.value().name(), attrs.join(" "), text)
}

/// The signatures of the active elements of every page below `out`.
pub fn active_elements(out: &Path) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (path, bytes) in super::tree(out) {
        if path.ends_with(".html") {
            let html = scraper::Html::parse_document(&String::from_utf8_lossy(&bytes));
            for el in html.tree.nodes().filter_map(scraper::ElementRef::wrap) {
                if is_active(el) {
                    found.insert(signature(el));
                }
            }
        }
    }
    found
}

/// Adds to `problems` every event handler, active URL and active element the theme did not write.
pub fn audit_html(path: &str, text: &str, theme: &BTreeSet<String>, problems: &mut Vec<String>) {
    let html = scraper::Html::parse_document(text);
    for el in html.tree.nodes().filter_map(scraper::ElementRef::wrap) {
        let name = el.value().name();
        for (k, v) in el.value().attrs() {
            let k = k.to_ascii_lowercase();
            if k.starts_with("on") {
                problems.push(format!("{path}: <{name} {k}={v:?}>"));
            }
            if URL_ATTRS.contains(&k.as_str()) && active_scheme(v) && !theme_qr_code(el, &k, v) {
                problems.push(format!("{path}: <{name} {k}={v:?}>"));
            }
        }
        if is_active(el) && !theme.contains(&signature(el)) {
            problems.push(format!("{path}: not the theme's: {}", signature(el)));
        }
    }
}

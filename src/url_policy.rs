//! Which URLs user text may put into a page: the one rule for link and image targets in record
//! bodies and for every URL field of `site.yaml`.
//!
//! Allowed: `http:`, `https:`, `mailto:` (and `tel:` in bodies), or a URL without a scheme (a
//! site-relative path or `#anchor`). Anything else — `javascript:`, `data:`, `vbscript:`, `file:` —
//! is refused. The scheme is read as a browser reads it: leading and trailing spaces and control
//! characters are dropped and tabs and line breaks inside are ignored, so `java\tscript:` is
//! `javascript:`.

/// Schemes a body link may use (besides `gk:`, which gongkai rewrites itself).
pub const BODY_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Schemes a `site.yaml` URL field may use.
pub const CONFIG_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// The URL's scheme in lower case, as a browser would parse it; `None` for a scheme-less URL.
pub fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let end = cleaned.find([':', '/', '?', '#'])?;
    if !cleaned[end..].starts_with(':') {
        return None;
    }
    let name = &cleaned[..end];
    // A "scheme" that is not one (e.g. `a b:c`) still makes the browser treat the URL as
    // relative, but refusing it is the safe reading.
    Some(name.to_ascii_lowercase())
}

/// True when `url` has no scheme or one of `allowed`.
pub fn allowed(url: &str, allowed: &[&str]) -> bool {
    match scheme(url) {
        None => true,
        Some(s) => allowed.contains(&s.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_read_as_a_browser_reads_them() {
        assert_eq!(
            scheme(" JaVa\tScript:alert(1)").as_deref(),
            Some("javascript")
        );
        assert_eq!(scheme("\u{1}data:text/html,x").as_deref(), Some("data"));
        assert_eq!(scheme("../a/b.html"), None);
        assert_eq!(scheme("#sec-1"), None);
        assert_eq!(scheme("a/b:c"), None);
        assert_eq!(scheme("https://x.gov.cn/").as_deref(), Some("https"));
    }

    #[test]
    fn only_listed_schemes_are_allowed() {
        assert!(allowed("https://x.gov.cn/", CONFIG_SCHEMES));
        assert!(allowed("mailto:a@x.gov.cn", CONFIG_SCHEMES));
        assert!(allowed("/xxgk/zn.html", CONFIG_SCHEMES));
        assert!(!allowed("tel:123", CONFIG_SCHEMES));
        assert!(allowed("tel:123", BODY_SCHEMES));
        for bad in [
            "javascript:x",
            "vbscript:x",
            "data:,x",
            "file:///etc/passwd",
            "jav\nascript:x",
        ] {
            assert!(!allowed(bad, BODY_SCHEMES), "{bad}");
        }
    }
}

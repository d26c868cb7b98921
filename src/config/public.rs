//! `site.yaml` `footer:` and `header:`: the items national inspections look for on every page
//! of a government site besides the identifiers under `org:` (网站标识码, ICP, 公安备案).

use serde::{Deserialize, Serialize};

use super::at;
use crate::diag::{Code, Diagnostic};
use crate::yaml::Node;

/// The footer of every page.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Footer {
    /// 我为政府网站找错. Without it, a site with a 网站标识码 links the national platform's
    /// form for that code; `report_error: {url: ""}` is refused, so the entry cannot be blank.
    #[serde(default)]
    pub report_error: Option<Link>,
    /// 党政机关网站标识: the image the registration body issued (a file of the site's
    /// `static/` folder) and the registration page it links to. Shown only when configured.
    #[serde(default)]
    pub party_gov_mark: Option<Mark>,
    /// 主办单位 (default: `org.name`).
    #[serde(default)]
    pub sponsor: Option<String>,
    /// 承办单位 (default: `office.name`).
    #[serde(default)]
    pub undertaker: Option<String>,
    /// 政务新媒体 accounts (WeChat, Weibo, app): a name and a link each.
    #[serde(default)]
    pub new_media: Vec<Link>,
}

/// The header of every page.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// The 国徽 (or the office's emblem) beside the site title: a file of the site's `static/`
    /// folder. Without it the header shows a plain drawn seal.
    #[serde(default)]
    pub emblem: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// The text of the link (for `report_error`, default 我为政府网站找错).
    #[serde(default)]
    pub label: Option<String>,
    pub url: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Mark {
    /// File name under the site's `static/` folder, e.g. `dzjg.png`.
    pub image: String,
    /// The registration page (e.g. on bszs.conac.cn) the image links to.
    pub url: String,
}

/// The national platform's 找错 form for a site with this 网站标识码.
pub fn national_report_error_url(site_id_code: &str) -> String {
    format!("https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={site_id_code}")
}

/// The messages of this module, in one place (to move into the Fluent resources later).
mod msg {
    use crate::i18n::Msg;
    use crate::msg;

    pub fn bad_url(field: &str, url: &str) -> Msg {
        msg!("config-bad-link", field = field, url = url)
    }
    pub fn bad_static(field: &str, name: &str) -> Msg {
        msg!("config-bad-static", field = field, name = name)
    }
    pub fn missing_static(field: &str, name: &str) -> Msg {
        msg!("config-missing-static", field = field, name = name)
    }
    pub fn empty_label(field: &str) -> Msg {
        msg!("config-empty-label", field = field)
    }
}

fn url_ok(url: &str) -> bool {
    let ok_scheme = url.starts_with("https://") || url.starts_with("http://");
    let rooted = url.starts_with('/') && !url.starts_with("//");
    (ok_scheme || rooted) && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Checks the shapes of `footer:` and `header:` (the files they name are checked by
/// [`check_files`], which needs the site folder).
pub fn validate(footer: &Footer, header: &Header, tree: &Node) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let mut link = |path: &[&str], url: &str| {
        if !url_ok(url) {
            diags.push(at(
                tree,
                path,
                Code::ConfigInvalid,
                msg::bad_url(&path.join("."), url),
            ));
        }
    };
    if let Some(r) = &footer.report_error {
        link(&["footer", "report_error", "url"], &r.url);
    }
    if let Some(m) = &footer.party_gov_mark {
        link(&["footer", "party_gov_mark", "url"], &m.url);
    }
    for (i, m) in footer.new_media.iter().enumerate() {
        let field = format!("footer.new_media[{i}]");
        if !url_ok(&m.url) {
            diags.push(at(
                tree,
                &["footer", "new_media"],
                Code::ConfigInvalid,
                msg::bad_url(&field, &m.url),
            ));
        }
        if m.label.as_deref().is_none_or(|l| l.trim().is_empty()) {
            diags.push(at(
                tree,
                &["footer", "new_media"],
                Code::ConfigInvalid,
                msg::empty_label(&field),
            ));
        }
    }
    for (path, name) in static_files(footer, header) {
        if !safe_file_name(name) {
            diags.push(at(
                tree,
                path,
                Code::PathEscapes,
                msg::bad_static(&path.join("."), name),
            ));
        }
    }
    diags
}

type FieldPath = &'static [&'static str];

fn static_files<'a>(footer: &'a Footer, header: &'a Header) -> Vec<(FieldPath, &'a str)> {
    let mut files: Vec<(FieldPath, &str)> = Vec::new();
    if let Some(m) = &footer.party_gov_mark {
        files.push((&["footer", "party_gov_mark", "image"], m.image.as_str()));
    }
    if let Some(e) = &header.emblem {
        files.push((&["header", "emblem"], e.as_str()));
    }
    files
}

/// A plain file name: letters, digits, `-`, `_` and `.`, not starting with a dot.
fn safe_file_name(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('.')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Whether an image `footer:` or `header:` names is missing from `static/`.
pub fn images_missing(footer: &Footer, header: &Header, root: &std::path::Path) -> bool {
    static_files(footer, header)
        .into_iter()
        .any(|(_, name)| safe_file_name(name) && !root.join("static").join(name).is_file())
}

/// The images `footer:` and `header:` name must exist in the site's `static/` folder.
pub fn check_files(
    footer: &Footer,
    header: &Header,
    tree: &Node,
    root: &std::path::Path,
) -> Vec<Diagnostic> {
    static_files(footer, header)
        .into_iter()
        .filter(|(_, name)| safe_file_name(name) && !root.join("static").join(name).is_file())
        .map(|(path, name)| {
            at(
                tree,
                path,
                Code::ConfigInvalid,
                msg::missing_static(&path.join("."), name),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_must_be_http_or_root_relative() {
        assert!(url_ok(
            "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=1"
        ));
        assert!(url_ok("/ysqgk/"));
        for bad in [
            "javascript:alert(1)",
            "//evil.example/",
            "",
            "ftp://x",
            "https://a b",
        ] {
            assert!(!url_ok(bad), "{bad}");
        }
    }

    #[test]
    fn static_images_are_plain_file_names() {
        assert!(safe_file_name("dzjg.png"));
        for bad in ["../x.png", ".htaccess", "a/b.png", "", "x y.png"] {
            assert!(!safe_file_name(bad), "{bad}");
        }
    }

    #[test]
    fn the_national_form_carries_the_site_code() {
        assert_eq!(
            national_report_error_url("4301990001"),
            "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=4301990001"
        );
    }
}

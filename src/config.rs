//! `site.yaml`: the typed site configuration (content model §2) and its validation.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diag::{Code, Diagnostic, Pos};
use crate::index_no::{DEFAULT_FORMAT, IndexFormat};
use crate::values::{Kind, Retention};
use crate::yaml::{Node, PathSeg};

pub mod public;
mod validate;
pub use public::{Footer, Header, national_report_error_url};
pub use validate::{RESERVED_SECTION_IDS, is_safe_name};
use validate::{at, check_node_publishers, validate};

pub const FILE_NAME: &str = "site.yaml";

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    /// Absolute URL of the site root, ending in `/`.
    pub base_url: String,
    #[serde(default)]
    pub language: Language,
    /// A folder under `themes/` whose templates and static files override the built-in theme.
    #[serde(default)]
    pub theme: Option<String>,
    #[serde(default)]
    pub office: Office,
    pub org: Org,
    pub publishers: Vec<Publisher>,
    pub catalog: Vec<CatalogNodeConfig>,
    #[serde(default)]
    pub vocabularies: Vocabularies,
    /// Path (from the site root) of the working-day calendar.
    #[serde(default)]
    pub calendar: Option<String>,
    #[serde(default)]
    pub archive: ArchiveConfig,
    #[serde(default)]
    pub build: BuildConfig,
    /// The annual report (年报): deadline and what counts as 规章 / 行政规范性文件.
    #[serde(default)]
    pub report: crate::report::ReportConfig,
    /// The personal-data scan (§5).
    #[serde(default)]
    pub pii: PiiConfig,
    /// Footer items besides `org:` identifiers: 找错, 党政机关网站标识, 主办/承办, 政务新媒体.
    #[serde(default)]
    pub footer: Footer,
    /// The 国徽 in the header.
    #[serde(default)]
    pub header: Header,
    #[serde(default)]
    pub extra: BTreeMap<String, serde_json::Value>,
    /// Keys of records' `extra` shown on record pages (in this order, the key as the label).
    #[serde(default)]
    pub show_extra: Vec<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
pub enum Language {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl Language {
    pub fn tag(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::En => "en",
        }
    }
}

/// The disclosure office, shown on the 指南 page.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Office {
    pub name: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub hours: Option<String>,
    pub phone: Option<String>,
    pub fax: Option<String>,
    pub email: Option<String>,
    /// URL of the online request channel (依申请公开).
    pub online_request: Option<String>,
    /// The office's disclosure rules (制度), Markdown, shown on the section's 制度 page.
    #[serde(default)]
    pub disclosure_rules: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Org {
    pub name: String,
    pub index_prefix: String,
    #[serde(default = "default_index_format")]
    pub index_format: String,
    /// 网站标识码.
    #[serde(default)]
    pub site_id_code: Option<String>,
    /// ICP 备案号.
    #[serde(default)]
    pub icp: Option<String>,
    /// 公安机关备案号.
    #[serde(default)]
    pub police_record: Option<String>,
}

fn default_index_format() -> String {
    DEFAULT_FORMAT.to_string()
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Publisher {
    pub id: String,
    pub name: String,
    /// The department's own code in 索引号 (`{publisher}`): its 统一社会信用代码, an old
    /// organisation code or an abbreviation.
    #[serde(default)]
    pub code: Option<String>,
    /// The department's own numbering scheme, where it differs from `org.index_format`.
    #[serde(default)]
    pub index_format: Option<String>,
    /// Other names a clerk may write for it (`区政府办`); see [`crate::names`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogNodeConfig {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub kind: Option<Kind>,
    /// The 条例 item the node fulfils, e.g. `20(7)`.
    #[serde(default)]
    pub article: Option<String>,
    #[serde(default)]
    pub fresh_within_days: Option<u32>,
    #[serde(default)]
    pub retention: Option<Retention>,
    /// Classification code for 档号; defaults to the id in upper case.
    #[serde(default)]
    pub code: Option<String>,
    /// The node's entry in the 基层政务公开标准目录 (国办发〔2019〕54号), shown as columns of
    /// `catalog.csv`/`.json` for its records (and those of its children unless they declare their own).
    #[serde(default)]
    pub standard: Option<StandardEntry>,
    /// Other names a clerk may write for it; see [`crate::names`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The department that usually publishes in this node (an id or name from `publishers`),
    /// inherited by its children: `gongkai new` fills it in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default)]
    pub children: Vec<CatalogNodeConfig>,
}

/// 公开事项 of the standard catalog: 事项, 依据, 时限, 主体, 渠道, 对象, 方式, 层级.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StandardEntry {
    /// 公开事项.
    #[serde(default)]
    pub matter: Option<String>,
    /// 公开依据.
    #[serde(default)]
    pub basis: Option<String>,
    /// 公开时限.
    #[serde(default)]
    pub time_limit: Option<String>,
    /// 公开主体.
    #[serde(default)]
    pub subject: Option<String>,
    /// 公开渠道和载体.
    #[serde(default)]
    pub channel: Option<String>,
    /// 公开对象 (全社会 / 特定群体).
    #[serde(default)]
    pub audience: Option<String>,
    /// 公开方式 (主动 / 依申请).
    #[serde(default)]
    pub manner: Option<String>,
    /// 公开层级 (县级 / 乡级).
    #[serde(default)]
    pub level: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabularies {
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub genres: Vec<String>,
    #[serde(default)]
    pub channels: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ArchiveConfig {
    /// 全宗号.
    #[serde(default)]
    pub fonds: Option<String>,
    /// 机构代码 in 档号.
    #[serde(default)]
    pub org_code: Option<String>,
    /// Default 保管期限 per kind.
    #[serde(default)]
    pub retention: BTreeMap<Kind, Retention>,
}

/// How raw HTML inside Markdown is treated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Shown as text (the default: record bodies are not trusted).
    #[default]
    Escape,
    /// A small safe subset is kept, everything else removed.
    Sanitize,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BuildConfig {
    /// Records per catalog listing page.
    #[serde(default = "default_page_size")]
    pub page_size: usize,
    #[serde(default)]
    pub raw_html: RawHtml,
    /// Records on the home page's newest list.
    #[serde(default = "default_home_count")]
    pub home_count: usize,
}

impl Default for BuildConfig {
    fn default() -> Self {
        BuildConfig {
            page_size: default_page_size(),
            raw_html: RawHtml::default(),
            home_count: default_home_count(),
        }
    }
}

fn default_page_size() -> usize {
    20
}

fn default_home_count() -> usize {
    12
}

/// Settings of the personal-data scan. The site's own domain (from `base_url`) is always allowed,
/// as are the exact address `office.email`, `office.phone` and `office.fax`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PiiConfig {
    /// E-mail domains of official bodies; addresses there (and at their subdomains) are not
    /// personal data. Default: `[gov.cn]`.
    #[serde(default = "default_email_domains")]
    pub allowed_email_domains: Vec<String>,
    /// Further office numbers (e.g. a hotline on a mobile number) that are never findings.
    #[serde(default)]
    pub allowed_numbers: Vec<String>,
    /// Exact addresses of the office on public mail services (`fcqzwgk@163.com`): these
    /// addresses, not their whole domain, are never findings.
    #[serde(default)]
    pub allow_emails: Vec<String>,
}

impl Default for PiiConfig {
    fn default() -> Self {
        PiiConfig {
            allowed_email_domains: default_email_domains(),
            allowed_numbers: Vec::new(),
            allow_emails: Vec::new(),
        }
    }
}

fn default_email_domains() -> Vec<String> {
    vec!["gov.cn".to_string()]
}

/// The loaded configuration with what other stages need precomputed.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: SiteConfig,
    pub index_format: IndexFormat,
    /// `publishers[i].index_format`, parsed, by publisher position.
    pub publisher_formats: Vec<Option<IndexFormat>>,
    /// Every code a 索引号 of the site may carry (for references).
    pub index_codes: crate::index_no::IndexCodes,
    pub catalog: crate::catalog::tree::CatalogTree,
    /// Position of each publisher in `config.publishers`, by id: every listing row and search
    /// entry looks its publisher up.
    pub publisher_ids: rustc_hash::FxHashMap<String, usize>,
    /// Publishers, catalog nodes and vocabularies by id and by name (what a clerk writes).
    pub names: crate::names::Names,
    /// Digest of the text of `site.yaml`, which everything above comes from (build caches).
    pub digest: crate::incremental::fingerprint::Fingerprint,
}

impl Site {
    pub fn publisher(&self, id: &str) -> Option<&Publisher> {
        (self.publisher_ids.get(id)).map(|&i| &self.config.publishers[i])
    }
}

/// Reads and validates `site.yaml` under `root`. Content problems come back as diagnostics.
/// The `language` of the site's `site.yaml`, read alone (before the site is loaded, to choose
/// the language of a command's messages); `None` when the file or the field is unreadable.
pub fn language_of(root: &Path) -> Option<Language> {
    let bytes = crate::fsutil::read_capped(
        &root.join(FILE_NAME),
        crate::yaml::limits::MAX_DOCUMENT_BYTES,
    )
    .ok()?;
    let tree = crate::yaml::parse(std::str::from_utf8(&bytes).ok()?).ok()?;
    match tree.get("language")?.as_str()? {
        "en" => Some(Language::En),
        "zh-CN" => Some(Language::ZhCn),
        _ => None,
    }
}

pub fn load(root: &Path) -> Result<Site, Vec<Diagnostic>> {
    let path = root.join(FILE_NAME);
    let text = match crate::fsutil::read_capped(&path, crate::yaml::limits::MAX_DOCUMENT_BYTES) {
        Ok(bytes) => bytes,
        Err(e) => {
            return Err(vec![Diagnostic::error(
                Code::Unreadable,
                FILE_NAME,
                Pos::new(0, 0),
                crate::msg!("config-unreadable", error = &e),
            )]);
        }
    };
    let text = match crate::record::front::decode_text(&text) {
        Ok(t) => t,
        Err(d) => return Err(vec![d.into_diagnostic(FILE_NAME)]),
    };
    let site = parse(&text)?;
    let (footer, header) = (&site.config.footer, &site.config.header);
    if public::images_missing(footer, header, root) {
        // Rare: the tree is parsed again only to locate the error.
        let tree = crate::yaml::parse(&text).map_err(|_| Vec::new())?;
        return Err(public::check_files(footer, header, &tree, root));
    }
    Ok(site)
}

/// Parses the text of `site.yaml`.
pub fn parse(text: &str) -> Result<Site, Vec<Diagnostic>> {
    let crate::diag::DecodedFile {
        value,
        tree,
        diagnostics: mut diags,
    } = crate::diag::decode_yaml::<SiteConfig>(text, FILE_NAME)?;
    let Some(config) = value else {
        return Err(diags);
    };
    diags.extend(validate(&config, &tree));
    let index_format = IndexFormat::parse(&config.org.index_format, &config.org.index_prefix);
    if let Err(msg) = &index_format {
        diags.push(at(
            &tree,
            &["org", "index_format"],
            Code::ConfigInvalid,
            msg.clone(),
        ));
    }
    let publisher_formats = parse_publisher_formats(&config, &tree, &mut diags);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags);
    }
    let catalog = crate::catalog::tree::CatalogTree::from_config(&config.catalog);
    let index_codes = crate::index_no::IndexCodes::of(&config, &catalog);
    let publisher_ids = (config.publishers.iter().enumerate())
        .map(|(i, p)| (p.id.clone(), i))
        .collect();
    let names = crate::names::Names::of(&config, &catalog);
    check_node_publishers(
        &config.catalog,
        tree.get("catalog"),
        "catalog",
        &names,
        &mut diags,
    );
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags);
    }
    Ok(Site {
        config,
        publisher_ids,
        names,
        index_format: index_format.expect("checked above"),
        publisher_formats,
        index_codes,
        catalog,
        digest: crate::incremental::fingerprint::of_bytes(text.as_bytes()),
    })
}

/// Each publisher's own `index_format`, parsed with the site's prefix; errors located.
fn parse_publisher_formats(
    config: &SiteConfig,
    tree: &Node,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Option<IndexFormat>> {
    let mut out = Vec::with_capacity(config.publishers.len());
    for (i, p) in config.publishers.iter().enumerate() {
        let parsed = (p.index_format.as_deref())
            .map(|f| IndexFormat::parse(f, &config.org.index_prefix))
            .transpose();
        out.push(parsed.unwrap_or_else(|msg| {
            let segs = [
                PathSeg::Key("publishers".into()),
                PathSeg::Index(i),
                PathSeg::Key("index_format".into()),
            ];
            let pos = tree.at(&segs).map(|n| n.pos).unwrap_or_default();
            diags.push(
                Diagnostic::error(Code::ConfigInvalid, FILE_NAME, pos, msg)
                    .field(format!("publishers[{i}].index_format")),
            );
            None
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "title: 测试区\nbase_url: https://example.gov.cn/\norg:\n  name: 测试区人民政府\n  index_prefix: ABC\npublishers:\n  - {id: a, name: 办公室}\ncatalog:\n  - id: tzgg\n    name: 通知公告\n";

    #[test]
    fn minimal_config_loads_with_defaults() {
        let site = parse(MINIMAL).unwrap();
        assert_eq!(site.config.language, Language::ZhCn);
        assert_eq!(site.config.build.page_size, 20);
        let none = BTreeMap::new();
        let v = site.record_values("a", None, &none);
        assert_eq!(
            site.index_format.format((2025, 1, 1), 3, &v),
            "ABC/2025-00003"
        );
    }

    #[test]
    fn typos_are_located_with_a_suggestion() {
        let text = MINIMAL.replace("base_url", "base_ulr");
        let diags = parse(&text).unwrap_err();
        assert!(
            diags.iter().any(|d| d.code == Code::UnknownField
                && d.line == 2
                && d.message.to_string().contains("did you mean \"base_url\"")),
            "{diags:?}"
        );
    }

    #[test]
    fn bad_catalog_ids_are_refused() {
        let text = MINIMAL.replace("id: tzgg", "id: ../x");
        let diags = parse(&text).unwrap_err();
        assert!(
            diags
                .iter()
                .any(|d| d.message.to_string().contains("catalog id"))
        );
    }

    /// Issue 19.8: `office.online_request: javascript:…` was accepted and linked on the 指南 page.
    #[test]
    fn javascript_url_in_site_yaml_is_refused() {
        let office = "office:\n  online_request: \" JavaScript:alert(1)\"\n  email: a@x.gov.cn\n  disclosure_rules: |\n    第一段。\n\n    见[办法](data:text/html,x)和[指南](zn.html)。\n";
        let diags = parse(&format!("{MINIMAL}{office}")).unwrap_err();
        let unsafe_urls: Vec<_> = diags.iter().filter(|d| d.code == Code::UnsafeUrl).collect();
        assert_eq!(unsafe_urls.len(), 2, "{diags:?}");
        assert_eq!(unsafe_urls[0].line, 12, "{diags:?}");
        assert_eq!(
            unsafe_urls[0].field.as_deref(),
            Some("office.online_request")
        );
        assert_eq!(unsafe_urls[1].line, 17, "{diags:?}");
        assert_eq!(
            unsafe_urls[1].field.as_deref(),
            Some("office.disclosure_rules")
        );
        for ok in ["https://x.gov.cn/ysq", "mailto:ysq@x.gov.cn"] {
            let office = format!("office:\n  online_request: \"{ok}\"\n");
            assert!(parse(&format!("{MINIMAL}{office}")).is_ok(), "{ok}");
        }
    }
}

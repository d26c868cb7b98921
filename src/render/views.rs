//! Typed template contexts. Templates see only these structs, never maps filled by string keys.

use serde::Serialize;

use crate::catalog::Catalog;
use crate::config::Site;
use crate::markdown::Heading;
use crate::record::{Details, Review};

/// Site-wide values, set once as Tera's global context.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub lang: &'a str,
    pub base_url: &'a str,
    /// Host (and path) of `base_url`, for the SiteDomain meta tag.
    pub domain: &'a str,
    pub org_name: &'a str,
    pub site_id_code: Option<&'a str>,
    pub icp: Option<&'a str>,
    pub police_record: Option<&'a str>,
    pub office: &'a crate::config::Office,
    pub nav: Vec<NavItem>,
    pub css: String,
    /// Footer and header items of `site.yaml` `footer:` / `header:`, resolved.
    pub footer: FooterView<'a>,
    /// URL of the 国徽 image (`header.emblem`), when configured.
    pub emblem: Option<String>,
}

/// The footer's inspection items (`site.yaml` `footer:`), with defaults filled in.
#[derive(Debug, Serialize)]
pub struct FooterView<'a> {
    /// 我为政府网站找错: its label (`None`: the theme's) and URL.
    pub report_error: Option<LinkView<'a>>,
    /// 党政机关网站标识: the image's URL in the built site and the registration link.
    pub party_gov_mark: Option<LinkView<'a>>,
    /// 主办单位.
    pub sponsor: &'a str,
    /// 承办单位.
    pub undertaker: Option<&'a str>,
    /// 政务新媒体.
    pub new_media: Vec<LinkView<'a>>,
}

#[derive(Debug, Serialize)]
pub struct LinkView<'a> {
    pub label: Option<&'a str>,
    pub url: String,
    /// For an image link: the image's URL in the built site.
    pub image: Option<String>,
}

impl<'a> FooterView<'a> {
    /// `statics`: static file name → URL in the built site.
    pub fn of(
        c: &'a crate::config::SiteConfig,
        statics: &std::collections::BTreeMap<String, String>,
    ) -> Self {
        let f = &c.footer;
        let link = |l: &'a crate::config::public::Link| LinkView {
            label: l.label.as_deref(),
            url: l.url.clone(),
            image: None,
        };
        let report_error = f.report_error.as_ref().map(link).or_else(|| {
            c.org.site_id_code.as_deref().map(|code| LinkView {
                label: None,
                url: crate::config::national_report_error_url(code),
                image: None,
            })
        });
        FooterView {
            report_error,
            party_gov_mark: f.party_gov_mark.as_ref().map(|m| LinkView {
                label: None,
                url: m.url.clone(),
                image: statics.get(&m.image).cloned(),
            }),
            sponsor: f.sponsor.as_deref().unwrap_or(&c.org.name),
            undertaker: f.undertaker.as_deref().or(c.office.name.as_deref()),
            new_media: f.new_media.iter().map(link).collect(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct NavItem {
    pub name: String,
    /// Site-relative URL (templates prefix `root`).
    pub url: String,
    pub count: usize,
}

/// A link in a breadcrumb trail.
#[derive(Debug, Clone, Serialize)]
pub struct Crumb {
    pub name: String,
    pub url: String,
}

/// What a listing shows of a record.
#[derive(Debug, Clone, Serialize)]
pub struct RowFields<'a> {
    pub index_no: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    pub published: &'a str,
    pub created: &'a str,
    pub doc_no: Option<&'a str>,
    pub publisher: &'a str,
    pub summary: &'a str,
    pub node_name: &'a str,
    pub validity: Option<&'static str>,
}

impl<'a> RowFields<'a> {
    /// The row of record `i` of `cat`.
    pub fn of(site: &'a Site, cat: &'a Catalog, i: usize) -> Self {
        let r = &cat.records[i];
        let text = cat.text(i);
        RowFields {
            index_no: r.index_no.as_str(),
            title: &r.title,
            url: &text.url,
            published: &text.published,
            created: &text.created,
            doc_no: r.doc_no.as_deref(),
            publisher: publisher_name(site, &r.publisher),
            summary: &r.summary,
            node_name: &site.catalog.nodes[r.node].name,
            validity: r.validity().map(|v| v.as_str()),
        }
    }
}

/// One row of a listing: templates see its [`RowFields`]; a page fingerprint sees the digest of
/// those fields, made once per record ([`Catalog::row_digest`]), as a record is listed on
/// several pages.
#[derive(Clone, Copy)]
pub struct RecordRow<'a> {
    site: &'a Site,
    cat: &'a Catalog,
    i: usize,
}

impl<'a> RecordRow<'a> {
    /// The row of record `i` of `cat`.
    pub fn of(site: &'a Site, cat: &'a Catalog, i: usize) -> Self {
        RecordRow { site, cat, i }
    }

    pub fn fields(&self) -> RowFields<'a> {
        RowFields::of(self.site, self.cat, self.i)
    }
}

impl Serialize for RecordRow<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            self.fields().serialize(serializer)
        } else {
            let (site, cat) = (self.site, self.cat);
            let digest = cat.row_digest(self.i, |j| {
                crate::incremental::fingerprint::Digest::new()
                    .value(&RowFields::of(site, cat, j))
                    .finish()
            });
            serializer.serialize_u128(digest)
        }
    }
}

impl std::fmt::Debug for RecordRow<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.fields().fmt(f)
    }
}

pub fn publisher_name<'a>(site: &'a Site, id: &'a str) -> &'a str {
    site.publisher(id).map(|p| p.name.as_str()).unwrap_or(id)
}

pub fn rows<'a>(site: &'a Site, cat: &'a Catalog, ids: &[usize]) -> Vec<RecordRow<'a>> {
    ids.iter().map(|&i| RecordRow::of(site, cat, i)).collect()
}

#[derive(Debug, Serialize)]
pub struct AttachmentView<'a> {
    pub title: &'a str,
    pub url: String,
    pub file_name: &'a str,
    pub size: String,
    pub sha256: &'a str,
    pub format: String,
}

#[derive(Debug, Serialize)]
pub struct HomePage<'a> {
    pub newest: Vec<RecordRow<'a>>,
    pub sections: Vec<NodeLink>,
    pub total: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct NodeLink {
    pub name: String,
    pub url: String,
    pub count: usize,
    pub article: Option<String>,
    pub children: Vec<NodeLink>,
}

#[derive(Debug, Serialize)]
pub struct RecordPage<'a> {
    /// 草稿 / 待审核 in a draft preview; `None` on every public page.
    pub preview_status: Option<&'static str>,
    pub title: &'a str,
    pub index_no: &'a str,
    pub kind: &'static str,
    pub summary: &'a str,
    pub publisher: &'a str,
    pub created: String,
    pub published: String,
    pub doc_no: Option<&'a str>,
    pub genre: Option<&'a str>,
    pub topics: &'a [String],
    pub keywords: &'a [String],
    pub validity: Option<&'static str>,
    pub in_force: bool,
    pub void_from: Option<String>,
    pub channels: &'a [String],
    pub review: Option<&'a Review>,
    pub body_html: crate::record::body::BodyHtml<'a>,
    pub headings: &'a [Heading],
    pub attachments: Vec<AttachmentView<'a>>,
    pub related: Vec<RecordRow<'a>>,
    pub interprets: Option<RecordRow<'a>>,
    pub interpretations: Vec<RecordRow<'a>>,
    pub superseded_by: Option<RecordRow<'a>>,
    pub replaces: Vec<RecordRow<'a>>,
    pub details: &'a Details,
    pub breadcrumb: Vec<Crumb>,
    pub node_name: &'a str,
    pub prev: Option<RecordRow<'a>>,
    pub next: Option<RecordRow<'a>>,
    pub extra: &'a std::collections::BTreeMap<String, serde_json::Value>,
    /// Rows of the metadata table beyond the standard ones: 成文日期, 施行日期, 有效期至, 登记号,
    /// 发文机关, 信息来源, 项目编号 when set, then the `extra` keys `site.yaml` lists in `show_extra`.
    pub meta_rows: Vec<MetaRow>,
    /// Dates of the record's revisions after publication, from the ledger.
    pub revisions: Vec<String>,
    /// The QR code of the page's URL, an `<img>` with a PNG data URI (分享).
    pub qr_img: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Pager {
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PageLink>,
}

#[derive(Debug, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
    /// Pages were left out between the previous link and this one.
    pub gap_before: bool,
}

#[derive(Debug, Serialize)]
pub struct NodePage<'a> {
    pub title: &'a str,
    pub article: Option<&'a str>,
    pub breadcrumb: Vec<Crumb>,
    pub children: Vec<NodeLink>,
    pub rows: Vec<RecordRow<'a>>,
    pub count: usize,
    pub pager: Pager,
    /// The node's Atom feed.
    pub feed: String,
}

/// Human-readable file size: 1.2 MB, 34.5 KB, 512 B.
pub fn human_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1024 * 1024 => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
        b if b >= 1024 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{b} B"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes() {
        assert_eq!(super::human_size(512), "512 B");
        assert_eq!(super::human_size(2048), "2.0 KB");
        assert_eq!(super::human_size(3 * 1024 * 1024), "3.0 MB");
    }
}

/// One further row of a record's metadata table: a theme label (`key`) or, for an `extra`
/// key, the key itself as `label`.
#[derive(Debug, Serialize)]
pub struct MetaRow {
    pub key: &'static str,
    pub label: Option<String>,
    pub value: String,
}

/// The further metadata rows of a record page.
pub fn meta_rows(site: &crate::config::Site, r: &crate::record::Record) -> Vec<MetaRow> {
    let d = &r.document;
    let date = |v: Option<crate::values::Date>| v.map(|d| d.to_string());
    let mut rows: Vec<MetaRow> = [
        ("dated", date(d.dated)),
        ("effective", date(d.effective)),
        ("expires", date(d.expires)),
        ("registration_no", d.registration_no.clone()),
        ("issuer", d.issuer.clone()),
        ("info_source", d.info_source.clone()),
        ("project_no", d.project_no.clone()),
    ]
    .into_iter()
    .filter_map(|(key, v)| {
        v.map(|value| MetaRow {
            key,
            label: None,
            value,
        })
    })
    .collect();
    for key in &site.config.show_extra {
        if let Some(v) = r.extra.get(key) {
            rows.push(MetaRow {
                key: "extra",
                label: Some(key.clone()),
                value: extra_text(v),
            });
        }
    }
    rows
}

fn extra_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => {
            items.iter().map(extra_text).collect::<Vec<_>>().join("、")
        }
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

//! A record's own 索引号 against its department's scheme (codes and date), legacy numbers kept as
//! they were, and 索引号 named in references.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::convert::Checker;
use crate::config::Site;
use crate::diag::Code;
use crate::index_no::{Bindings, DatePart, IndexNo, IndexParts, check_legacy};
use crate::values::Date;

/// `index_no_scheme`: whether the record's number follows the site's current scheme.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NumberingScheme {
    #[default]
    Current,
    /// A number given under an older scheme (or by another CMS), kept as it was.
    Legacy,
}

/// What the record says about its own number.
pub(super) struct OwnNumber<'a> {
    pub text: &'a str,
    pub scheme: NumberingScheme,
    pub codes: &'a BTreeMap<String, String>,
    pub publisher: Option<&'a str>,
    pub node: Option<usize>,
    pub created: Option<Date>,
    pub published: Option<Date>,
}

/// Checks the record's own 索引号; errors go to `c` at `index_no`.
pub(super) fn check_own(site: &Site, n: &OwnNumber, c: &mut Checker) -> Option<IndexNo> {
    let s = n.text.trim();
    if n.scheme == NumberingScheme::Legacy {
        return match check_legacy(s) {
            Ok(()) => Some(IndexNo::new(s)),
            Err(why) => {
                c.error_at("index_no", Code::IndexNoFormat, msg::bad_legacy(s, why));
                None
            }
        };
    }
    // An unknown publisher is reported on its own; judge the shape only, not to repeat it.
    let Some(p) = n.publisher.filter(|p| site.publisher(p).is_some()) else {
        return (site.is_site_index_no(s) || site.index_format.matches(s).is_some())
            .then(|| IndexNo::new(s))
            .or_else(|| {
                c.error_at(
                    "index_no",
                    Code::IndexNoFormat,
                    msg::no_match(site, s, None, n),
                );
                None
            });
    };
    let scheme = site.index_scheme(p);
    let Some(parts) = scheme.matches_with(s, &site.record_bindings(p, n.node, n.codes)) else {
        let m = if scheme.matches_with(s, &Bindings::ANY).is_some() {
            crate::diag::Message::from(msg::wrong_codes(site, s, p, n))
        } else {
            msg::no_match(site, s, Some(p), n).into()
        };
        c.error_at("index_no", Code::IndexNoFormat, m);
        return None;
    };
    let fits = |d: Option<Date>| d.is_some_and(|d| date_fits(&parts, d));
    if n.created.is_some() && !fits(n.created) && !fits(n.published) {
        let written = date_text(&parts, scheme.date_part());
        c.error_at(
            "index_no",
            Code::IndexNoFormat,
            msg::wrong_date(s, &written, n),
        );
    }
    Some(IndexNo::new(s))
}

/// A 索引号 named by `interprets`, `superseded_by`, `related` or a `gk:` link. A number of any
/// department's scheme, or a legacy one, is accepted here; whether a record has it is judged
/// when the catalog is built.
pub(super) fn check_reference(
    site: &Site,
    s: &str,
    field: &str,
    c: &mut Checker,
) -> Option<IndexNo> {
    let s = s.trim();
    if site.is_site_index_no(s) || check_legacy(s).is_ok() {
        return Some(IndexNo::new(s));
    }
    c.error_at(field, Code::IndexNoFormat, msg::bad_reference(site, s));
    None
}

/// Whether the date written in a number is that of `d`, at the scheme's precision.
fn date_fits(parts: &IndexParts, d: Date) -> bool {
    use chrono::Datelike;
    parts.year == d.year()
        && parts.month.is_none_or(|m| m == d.0.month())
        && parts.day.is_none_or(|x| x == d.0.day())
}

fn date_text(parts: &IndexParts, part: DatePart) -> String {
    match part {
        DatePart::Year => format!("{:04}", parts.year),
        DatePart::YearMonth => format!("{:04}{:02}", parts.year, parts.month.unwrap_or(0)),
        DatePart::YearMonthDay => format!(
            "{:04}{:02}{:02}",
            parts.year,
            parts.month.unwrap_or(0),
            parts.day.unwrap_or(0)
        ),
    }
}

/// The words of this module's messages, in one place.
mod msg {
    use super::OwnNumber;
    use crate::config::Site;

    use crate::i18n::Msg;
    use crate::msg;

    pub fn bad_legacy(s: &str, why: &str) -> Msg {
        msg!("index-bad-legacy", value = s, why = why)
    }

    pub fn no_match(site: &Site, s: &str, publisher: Option<&str>, n: &OwnNumber) -> Msg {
        let Some(p) = publisher else {
            let example = (site.index_format).example(&site.record_values("", n.node, n.codes));
            let format = site.config.org.index_format.to_string();
            return msg!(
                "index-no-match",
                value = s,
                format = format,
                example = example
            );
        };
        let scheme = site.index_scheme(p);
        let example = scheme.example(&site.record_values(p, n.node, n.codes));
        if std::ptr::eq(scheme, &site.index_format)
            && site.publisher_formats.iter().all(Option::is_none)
        {
            // One scheme for the whole site: the message the site has always had.
            msg!(
                "index-no-match-legacy-hint",
                value = s,
                format = scheme.as_str(),
                example = example
            )
        } else {
            msg!(
                "index-no-match-publisher",
                value = s,
                publisher = p,
                format = scheme.as_str(),
                example = example
            )
        }
    }

    pub fn wrong_codes(site: &Site, s: &str, p: &str, n: &OwnNumber) -> String {
        let scheme = site.index_scheme(p);
        let example = scheme.example(&site.record_values(p, n.node, n.codes));
        let mut codes = Vec::new();
        if scheme.uses_publisher() {
            codes.push(format!("发布机构代码 {}", site.publisher_code(p)));
        }
        if scheme.uses_category()
            && let Some(node) = n.node
        {
            codes.push(format!("栏目代码 {}", site.catalog.nodes[node].code));
        }
        for f in scheme.field_names() {
            if let Some(v) = n.codes.get(f) {
                codes.push(format!("index_codes.{f} {v}"));
            }
        }
        format!(
            "索引号 \"{s}\" 的代码与本记录不符：应含 {} (例如 {example})；沿用旧编号请写 index_no_scheme: legacy",
            codes.join("、")
        )
    }

    pub fn wrong_date(s: &str, written: &str, n: &OwnNumber) -> Msg {
        let created = n.created.map(|d| d.to_string()).unwrap_or_default();
        match n.published {
            Some(p) => msg!(
                "index-wrong-date-published",
                value = s,
                written = written,
                created = created,
                published = p.to_string()
            ),
            None => msg!(
                "index-wrong-date",
                value = s,
                written = written,
                created = created
            ),
        }
    }

    pub fn bad_reference(site: &Site, s: &str) -> Msg {
        let _ = site;
        msg!("index-bad-reference", value = s)
    }
}

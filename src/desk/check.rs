//! Checks of an edited record before it is saved: the same parse and checks `gongkai check`
//! runs on every file ([`crate::record::convert::parse_record`]) and the same personal-data scan
//! ([`crate::check::pii::scan_record`]), each message placed beside its field. Findings of
//! personal data are shown masked, never as written.

use std::path::Path;

use super::forms::{Message, Messages};
use crate::config::Site;
use crate::values::Kind;

/// The desk's language as the messages' language.
fn lang(en: bool) -> crate::i18n::Lang {
    if en {
        crate::i18n::Lang::En
    } else {
        crate::i18n::Lang::Zh
    }
}

/// The top-level field a dotted field path belongs to (`review.on` → `review`).
fn top(field: &str) -> &str {
    field.split(['.', '[']).next().unwrap_or(field)
}

/// Every problem of `text` as the file `rel`, by field. Empty: it may be saved.
pub fn check(site: &Site, root: &Path, rel: &Path, text: &str, en: bool) -> Messages {
    let mut out = Messages::new();
    let parsed = crate::record::convert::parse_record(site, root, rel, text.as_bytes());
    // Personal data is reported below, masked, for drafts too.
    for d in (parsed.diagnostics.iter()).filter(|d| d.code != crate::diag::Code::PersonalData) {
        let field = d.field.as_deref().map_or("", top).to_string();
        out.entry(field).or_default().push(Message {
            text: format!("[{}] {}", d.code.id(), d.message.render(lang(en))),
            error: d.is_error(),
        });
    }
    // Personal data, whatever else is wrong (parse_record reports it only for finished records).
    let is_md = rel.extension().is_some_and(|e| e == "md");
    if let Ok(tree) = super::edit::front_tree(text, is_md) {
        let kind = tree
            .get("kind")
            .and_then(|n| n.as_str())
            .and_then(|k| Kind::ALL.iter().find(|x| x.as_str() == k).copied())
            .or_else(|| {
                let dir = rel.parent()?.strip_prefix("content").ok()?;
                let n = site
                    .catalog
                    .find(&dir.to_string_lossy().replace('\\', "/"))?;
                Some(site.catalog.nodes[n].kind)
            })
            .unwrap_or(Kind::Article);
        let waived = tree.get("pii_waiver").is_some();
        let scanner = crate::check::pii::Scanner::new(site);
        let (body, body_line) = if is_md {
            let b = super::edit::body_of(text);
            let line = text[..text.len() - b.len()].matches('\n').count() as u32 + 1;
            (Some(b), line)
        } else {
            (None, 1)
        };
        // Line numbers of the tree count from the file's top, as parse_record's do.
        let mut tree = tree;
        tree.offset_lines(u32::from(is_md));
        let findings = crate::check::pii::scan_record(
            &scanner,
            kind,
            &tree,
            text,
            body.map(|b| (b, body_line)),
        );
        for f in findings {
            let field = top(&f.field).to_string();
            let msg = if en {
                format!(
                    "Personal data: {} (line {}); remove it, or add a personal-data waiver",
                    f.describe(),
                    f.pos.line
                )
            } else {
                format!(
                    "个人信息：{}（第 {} 行）。请删除，或在依法可以公开时填写“个人信息豁免”。",
                    f.describe(),
                    f.pos.line
                )
            };
            let list = out.entry(field).or_default();
            let m = Message {
                text: msg,
                error: !waived,
            };
            if !list.contains(&m) {
                list.push(m);
            }
        }
    }
    out
}

/// Whether any message is an error.
pub fn has_errors(m: &Messages) -> bool {
    m.values().flatten().any(|x| x.error)
}

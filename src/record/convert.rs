//! From a record file's bytes to a typed `Record`, or to every problem it has, located.

use std::path::Path;

use super::attach::check_attachments;
use super::fields::{
    check_body_links, check_kind_fields, check_photo, check_review, check_vocabularies,
    looks_like_doc_no, resolve,
};
use super::front::{decode_text, split_front_matter};
use super::kinds::{self, Details, SERVICE_ELEMENTS};
use super::numbering::{OwnNumber, check_own, check_reference};
use super::raw::RawRecord;
use super::{Record, Source};
use crate::config::Site;
use crate::diag::{Code, Diagnostic, Message, Pos, did_you_mean, from_de_error};
use crate::index_no::IndexNo;
use crate::markdown;
use crate::values::{Disclosure, Kind, Validity};
use crate::yaml::{self, Node, PathSeg};

/// The result of reading one file: the record when it is usable, and what was found wrong.
#[derive(Debug, Default)]
pub struct Parsed {
    pub record: Option<Record>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Collects located diagnostics for one file.
pub struct Checker<'a> {
    pub(super) path: &'a str,
    pub(super) tree: &'a Node,
    broken: Vec<String>,
    pub diags: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    pub(super) fn pos(&self, field: &str) -> Pos {
        let segs = parse_field_path(field);
        // Point at the value when there is one, else at the nearest enclosing entry.
        for n in (0..=segs.len()).rev() {
            if let Some(node) = self.tree.at(&segs[..n]) {
                return node.pos;
            }
        }
        self.tree.pos
    }

    pub fn error_at(&mut self, field: &str, code: Code, message: impl Into<Message>) {
        let pos = self.pos(field);
        self.diags
            .push(Diagnostic::error(code, self.path, pos, message).field(field));
    }

    pub fn warn_at(&mut self, field: &str, code: Code, message: impl Into<Message>) {
        let pos = self.pos(field);
        self.diags
            .push(Diagnostic::warning(code, self.path, pos, message).field(field));
    }

    /// A value that must be present; reports it missing unless it was present but wrong.
    pub fn required<T>(&mut self, v: Option<T>, field: &str) -> Option<T> {
        if v.is_none() && !self.broken.iter().any(|b| b == field) {
            let pos = self.tree.pos;
            self.diags.push(
                Diagnostic::error(
                    Code::MissingField,
                    self.path,
                    pos,
                    crate::diag::missing_field(field),
                )
                .field(field),
            );
        }
        v
    }

    pub fn require(&mut self, ok: bool, field: &str, message: impl Into<Message>) {
        if !ok && !self.broken.iter().any(|b| b == field) {
            self.error_at(field, Code::MissingField, message);
        }
    }

    pub fn service_element_missing(&mut self, field: &str) {
        if self.broken.iter().any(|b| b == field) {
            return;
        }
        let label = SERVICE_ELEMENTS
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, l)| *l)
            .unwrap_or(field);
        let pos = self.tree.pos;
        self.diags.push(
            Diagnostic::error(
                Code::ServiceElement,
                self.path,
                pos,
                crate::msg!("service-element-missing", label = label, field = field),
            )
            .field(field),
        );
    }
}

/// `tables[0].total` → [Key(tables), Index(0), Key(total)].
pub fn parse_field_path(field: &str) -> Vec<PathSeg> {
    let mut segs = Vec::new();
    for part in field.split('.') {
        let (key, mut rest) = part
            .split_once('[')
            .map(|(k, r)| (k, Some(r)))
            .unwrap_or((part, None));
        if !key.is_empty() {
            segs.push(PathSeg::Key(key.to_string()));
        }
        while let Some(r) = rest {
            let (idx, after) = r.split_once(']').unwrap_or((r, ""));
            if let Ok(i) = idx.parse() {
                segs.push(PathSeg::Index(i));
            }
            rest = after.strip_prefix('[');
        }
    }
    segs
}

/// Reads one record. `rel` is the file's path relative to the site root.
pub fn parse_record(site: &Site, root: &Path, rel: &Path, bytes: &[u8]) -> Parsed {
    let path = rel.to_string_lossy().replace('\\', "/");
    let mut out = Parsed::default();
    if bytes.len() > super::MAX_RECORD_BYTES {
        out.diagnostics.push(Diagnostic::error(
            Code::TooLarge,
            &path,
            Pos::new(1, 1),
            super::too_large_message(),
        ));
        return out;
    }
    let text = match decode_text(bytes) {
        Ok(t) => t,
        Err(p) => {
            out.diagnostics.push(p.into_diagnostic(&path));
            return out;
        }
    };
    let is_md = rel.extension().is_some_and(|e| e == "md");
    let (yaml_text, offset, md_body, mut body_line) = if is_md {
        match split_front_matter(&text) {
            Ok(s) => (s.yaml, s.yaml_offset, Some(s.body), s.body_line),
            Err(p) => {
                out.diagnostics.push(p.into_diagnostic(&path));
                return out;
            }
        }
    } else {
        (text.as_str(), 0, None, 1)
    };
    let mut tree = match yaml::parse(yaml_text) {
        Ok(t) => t,
        Err(e) => {
            out.diagnostics
                .push(crate::diag::yaml_error(&path, &e, offset));
            return out;
        }
    };
    tree.offset_lines(offset);
    out.diagnostics
        .extend(crate::diag::typing_warnings(yaml_text, &path, offset));
    if !matches!(tree.kind, yaml::NodeKind::Map(_)) {
        // `title："…"` alone reads as one string, not a field: name the colon, not the shape.
        let slip = yaml::typing::slips(yaml_text)
            .into_iter()
            .find(|s| s.kind.breaks_yaml());
        out.diagnostics.push(match slip {
            Some(s) => Diagnostic::error(
                Code::YamlSyntax,
                &path,
                Pos::new(s.pos.line + offset, s.pos.col),
                s.msg(),
            ),
            None => Diagnostic::error(
                Code::FrontMatter,
                &path,
                tree.pos,
                crate::msg!("front-not-mapping"),
            ),
        });
        return out;
    }
    let decoded = yaml::decode::<RawRecord>(&tree);
    out.diagnostics
        .extend(decoded.errors.iter().map(|e| from_de_error(&path, e)));
    let broken: Vec<String> = decoded
        .broken
        .iter()
        .filter_map(|p| match p.first() {
            Some(PathSeg::Key(k)) => Some(k.clone()),
            _ => None,
        })
        .collect();
    let Some(mut raw) = decoded.value else {
        return out;
    };
    let mut c = Checker {
        path: &path,
        tree: &tree,
        broken,
        diags: Vec::new(),
    };
    if !is_md {
        body_line = tree.get("body").map_or(1, |n| n.pos.line);
    }
    let body_md = md_body
        .map(str::to_string)
        .or_else(|| raw.body.take())
        .unwrap_or_default();
    let kind_guess = raw.kind.or_else(|| node_kind(site, rel));
    let mut record = build(
        site, root, rel, bytes, &mut raw, &body_md, body_line, &mut c,
    );
    // The personal-data scan is the record's own concern: made here, whatever else is wrong,
    // so that a finding is reported in the same run as the record's other errors.
    let scanner = crate::check::pii::Scanner::new(site);
    let body = md_body.map(|b| (b, body_line));
    let kind = record
        .as_ref()
        .map_or(kind_guess.unwrap_or(Kind::Article), |r| r.kind);
    let mut pii = crate::check::pii::scan_record(&scanner, kind, &tree, &text, body);
    if let Some(r) = &record {
        pii.extend(super::attach::scan_attachments(
            root,
            &scanner,
            &r.attachments,
            &mut c,
        ));
    }
    out.diagnostics.extend(c.diags);
    let failed = out.diagnostics.iter().any(Diagnostic::is_error);
    if failed {
        let unfinished = matches!(
            tree.get("status").and_then(yaml::Node::as_str),
            Some("draft" | "review")
        );
        if tree.get("pii_waiver").is_none() && !unfinished {
            out.diagnostics.extend(
                pii.iter()
                    .map(|f| crate::check::pii::withheld_diagnostic(&path, f)),
            );
        }
        return out;
    }
    if let Some(r) = &mut record {
        r.pii = pii;
        r.fields_digest = r.digest_fields();
    }
    out.record = record;
    out
}

/// The kind of the catalog node a record's folder names, if any.
fn node_kind(site: &Site, rel: &Path) -> Option<Kind> {
    let dir = rel.parent()?.strip_prefix("content").ok()?;
    let n = site
        .catalog
        .find(&dir.to_string_lossy().replace('\\', "/"))?;
    Some(site.catalog.nodes[n].kind)
}

#[allow(clippy::too_many_arguments)]
fn build(
    site: &Site,
    root: &Path,
    rel: &Path,
    bytes: &[u8],
    raw: &mut RawRecord,
    body_md: &str,
    body_line: u32,
    c: &mut Checker,
) -> Option<Record> {
    let dir = rel.parent().unwrap_or(Path::new("")).to_path_buf();
    let node_path = dir
        .strip_prefix("content")
        .ok()
        .map(|p| p.to_string_lossy().replace('\\', "/"));
    let node = node_path.as_deref().and_then(|p| site.catalog.find(p));
    if node.is_none() {
        let shown = node_path.unwrap_or_default();
        let message = match did_you_mean(&shown, site.catalog.nodes.iter().map(|n| n.path.as_str()))
        {
            Some(s) => crate::msg!("folder-not-node-suggest", folder = &shown, suggestion = s),
            None => crate::msg!("folder-not-node", folder = &shown),
        };
        let d = Diagnostic::error(Code::UnknownCatalogNode, c.path, Pos::new(1, 1), message);
        c.diags.push(d);
    }
    let kind = raw
        .kind
        .or(node.map(|n| site.catalog.nodes[n].kind))
        .unwrap_or(Kind::Article);
    check_kind_fields(raw, kind, c);

    let publisher = c.required(raw.publisher.take(), "publisher");
    let publisher = publisher.and_then(|p| resolve(&site.names.publishers, "publisher", &p, c));
    let index_no_text = c.required(raw.index_no.take(), "index_no");
    let codes = raw.index_codes.take().unwrap_or_default();
    let index_no = index_no_text.and_then(|text| {
        let own = OwnNumber {
            text: &text,
            scheme: raw.index_no_scheme.unwrap_or_default(),
            codes: &codes,
            publisher: publisher.as_deref(),
            node,
            created: raw.created,
            published: raw.published,
        };
        check_own(site, &own, c)
    });
    let title = c.required(raw.title.take().filter(|t| !t.trim().is_empty()), "title");
    let created = c.required(raw.created, "created");
    let status = c.required(raw.status, "status");
    let disclosure = raw.disclosure.unwrap_or(Disclosure::Proactive);
    if disclosure != Disclosure::Proactive
        && raw.reason.as_deref().is_none_or(|r| r.trim().is_empty())
    {
        c.error_at(
            "disclosure",
            Code::MissingField,
            crate::msg!("reason-missing", disclosure = disclosure.to_string()),
        );
    }
    let review = check_review(raw, status, created, c);
    check_vocabularies(site, raw, c);
    let superseded_by = raw
        .superseded_by
        .take()
        .and_then(|s| check_reference(site, &s, "superseded_by", c));
    if superseded_by.is_some()
        && !matches!(
            raw.validity,
            Some(Validity::Abolished | Validity::Amended | Validity::Expired)
        )
    {
        c.error_at(
            "superseded_by",
            Code::InvalidValue,
            crate::msg!("superseded-needs-validity"),
        );
    }
    let interprets = raw
        .interprets
        .clone()
        .and_then(|s| check_reference(site, &s, "interprets", c));
    let related = raw
        .related
        .take()
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .filter_map(|(i, s)| check_reference(site, &s, &format!("related[{i}]"), c))
        .collect();
    if let Some(w) = &raw.pii_waiver {
        for (field, value) in [("reason", &w.reason), ("by", &w.by)] {
            if value.trim().is_empty() {
                c.error_at(
                    &format!("pii_waiver.{field}"),
                    Code::InvalidValue,
                    crate::msg!("waiver-empty", field = field),
                );
            }
        }
    }
    if let Some(doc_no) = &raw.doc_no
        && !looks_like_doc_no(doc_no)
    {
        c.warn_at(
            "doc_no",
            Code::DocNoFormat,
            crate::msg!("doc-no-format", doc_no = doc_no),
        );
    }
    let document = super::document::DocumentFields::take(raw, c);
    let attachments = check_attachments(root, &dir, raw, c);
    let photo = raw.photo.take();
    let has_attachments = attachments.as_ref().is_some_and(|a| !a.is_empty());
    let details = kinds::details(raw, kind, has_attachments, c);
    let body = markdown::render(body_md, site.config.build.raw_html, &|dest| {
        dest.strip_prefix("gk:")
            .map(|ix| format!("{}.html", IndexNo::new(ix.trim()).slug()))
    });
    let body_refs = check_body_links(site, &body.links, body_line, c);
    let summary = raw
        .summary
        .take()
        .filter(|s| !s.trim().is_empty())
        .or_else(|| {
            (!body.first_paragraph.is_empty())
                .then(|| body.first_paragraph.chars().take(200).collect())
        });
    if summary.is_none() {
        c.error_at(
            "summary",
            Code::SummaryMissing,
            crate::msg!("summary-missing"),
        );
    }
    let mut details = details?;
    if let (Details::Person(p), Some(photo)) = (&mut details, photo)
        && let Some((url, src)) = check_photo(root, &dir, &photo, index_no.as_ref(), c)
    {
        p.photo = Some(url);
        p.photo_source = Some(src);
    }
    let field_pos = match &c.tree.kind {
        yaml::NodeKind::Map(entries) => entries
            .iter()
            .filter_map(|(k, _)| Some((k.as_str()?, k.pos)))
            .collect(),
        _ => super::FieldPositions::default(),
    };
    let source = Source {
        path: c.path.to_string(),
        dir,
        sha256: crate::hash::sha256_hex(bytes),
        field_pos,
    };
    Some(Record {
        source,
        node: node?,
        kind,
        index_no: index_no?,
        title: title?.trim().to_string(),
        summary: summary?,
        created: created?,
        published: raw.published,
        publisher: publisher?,
        doc_no: raw.doc_no.take(),
        genre: raw.genre.take(),
        topics: raw.topics.take().unwrap_or_default(),
        keywords: raw.keywords.take().unwrap_or_default(),
        validity: raw.validity,
        superseded_by,
        void_from: raw.void_from,
        disclosure,
        reason: raw.reason.take(),
        channels: raw
            .channels
            .take()
            .unwrap_or_else(|| vec!["政府网站".to_string()]),
        status: status?,
        review,
        embargo: raw.embargo,
        attachments: attachments?,
        interprets,
        related,
        retention: raw.retention,
        pii_waiver: raw.pii_waiver.take(),
        extra: raw.extra.take().unwrap_or_default(),
        document,
        body: super::body::Body::new(
            super::body::Texts {
                html: body.html,
                text: body.text,
            },
            body.first_paragraph,
            body.headings,
        ),
        imported: raw.imported.take(),
        body_refs,
        details: Box::new(details),
        pii: Vec::new(),
        fields_digest: 0,
    })
}

#[cfg(test)]
mod tests;

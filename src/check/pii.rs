//! The personal-data scan (content model §5): resident ID numbers (GB 11643 check digit and a
//! plausible birth date), mainland mobile numbers, bank card numbers (Luhn), passport-like numbers
//! and e-mail addresses outside the official domains. Every scalar of a record's YAML and every
//! line of its Markdown body is scanned where the source text is still at hand
//! ([`crate::record::convert`]); the findings travel with the record, the release gate withholds
//! the record, and [`diagnostics`] reports each finding, located, with a masked excerpt.
//!
//! A low false-positive rate matters more than recall on odd spellings: a number glued to
//! letters, `/`, `_`, a decimal point or a unit (元, 万, %…) is part of a code or an amount, never
//! a finding; 索引号, 文号, 统一社会信用代码, dates and landlines never match.

use std::collections::BTreeSet;

use crate::catalog::{Catalog, WithheldReason};
use crate::config::Site;
use crate::diag::{Code, Diagnostic, Pos};
use crate::record::Record;
use crate::values::Kind;
use crate::yaml::{Node, NodeKind};

mod detect;
mod normal;
#[cfg(test)]
use detect::PROVINCES;
use detect::normalise_digits;
pub use detect::{
    email_hits, id_check_char, is_credit_code, is_resident_id, is_resident_id15, luhn_valid,
    number_hits, passport_hits,
};
pub use normal::normalise;

/// Words that, just before a number that passes both the 统一社会信用代码 and the resident-ID
/// checks (or a 15-digit one), say it is a code, not a person's number.
const CODE_CONTEXT: [&str; 8] = [
    "统一社会信用代码",
    "信用代码",
    "索引号",
    "项目编号",
    "登记号",
    "实施编码",
    "注册号",
    "机构代码",
];

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum PiiKind {
    ResidentId,
    BankCard,
    Mobile,
    Passport,
    Email,
}

impl PiiKind {
    /// The key the resources select the kind's name on.
    pub fn key(self) -> &'static str {
        match self {
            PiiKind::ResidentId => "resident-id",
            PiiKind::BankCard => "bank-card",
            PiiKind::Mobile => "mobile",
            PiiKind::Passport => "passport",
            PiiKind::Email => "email",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PiiKind::ResidentId => "resident ID number",
            PiiKind::BankCard => "bank card number",
            PiiKind::Mobile => "mobile number",
            PiiKind::Passport => "passport-like number",
            PiiKind::Email => "private e-mail address",
        }
    }
}

/// One finding in a record: what, where, and a masked excerpt safe to print.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Finding {
    pub kind: PiiKind,
    pub pos: Pos,
    /// `body`, or the dotted field (`award.supplier.name`, `items[0].description`).
    pub field: String,
    pub masked: String,
    /// The bare digits of a number, to match office numbers listed elsewhere; never printed.
    digits: String,
    /// In an attachment: `附件 名单.xlsx, Sheet1!C7`.
    #[serde(default)]
    pub at: Option<String>,
}

/// A finding inside one piece of an attachment's text, before it is tied to a record.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PieceFinding {
    pub kind: PiiKind,
    /// Where in the attachment (`Sheet1!C7`, `第3页`).
    pub place: String,
    pub masked: String,
    digits: String,
}

impl PieceFinding {
    /// The finding of a record whose attachment `name`, listed at `field` (`pos`), holds it.
    pub fn in_record(&self, name: &str, field: &str, pos: Pos) -> Finding {
        Finding {
            kind: self.kind,
            pos,
            field: field.to_string(),
            masked: self.masked.clone(),
            digits: self.digits.clone(),
            at: Some(format!("附件 {name}, {}", self.place)),
        }
    }
}

/// Scans one piece of an attachment's text.
pub fn scan_piece(scanner: &Scanner, place: &str, text: &str) -> Vec<PieceFinding> {
    scanner
        .scan(text)
        .into_iter()
        .map(|h| {
            let f = finding(h, text, Pos::new(0, 0), String::new());
            PieceFinding {
                kind: f.kind,
                place: place.to_string(),
                masked: f.masked,
                digits: f.digits,
            }
        })
        .collect()
}

impl Finding {
    pub fn describe(&self) -> String {
        format!("{} {}", self.kind.label(), self.masked)
    }
}

/// A match in one piece of text, as a byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub kind: PiiKind,
    pub start: usize,
    pub end: usize,
}

/// The detectors with the site's allow-lists.
#[derive(Debug, Clone, Default)]
pub struct Scanner {
    allowed_domains: Vec<String>,
    allowed_numbers: BTreeSet<String>,
    /// Exact addresses (lowercase) allowed on any domain: `office.email`, `pii.allow_emails`.
    allowed_emails: BTreeSet<String>,
}

impl Scanner {
    pub fn new(site: &Site) -> Scanner {
        let c = &site.config;
        let mut allowed_domains: Vec<String> = c
            .pii
            .allowed_email_domains
            .iter()
            .map(|d| d.trim().trim_start_matches('.').to_lowercase())
            .collect();
        let host = c
            .base_url
            .split("://")
            .nth(1)
            .unwrap_or("")
            .split(['/', ':'])
            .next()
            .unwrap_or("");
        allowed_domains.push(host.trim_start_matches("www.").to_lowercase());
        allowed_domains.retain(|d| !d.is_empty());
        let allowed_emails = c
            .office
            .email
            .iter()
            .chain(&c.pii.allow_emails)
            .map(|e| normalise(e.trim()).text.to_lowercase())
            .collect();
        let mut s = Scanner {
            allowed_domains,
            allowed_numbers: BTreeSet::new(),
            allowed_emails,
        };
        let office = [c.office.phone.as_deref(), c.office.fax.as_deref()];
        let extra = c.pii.allowed_numbers.iter().map(|s| Some(s.as_str()));
        for n in office.into_iter().chain(extra).flatten() {
            s.allow_numbers_in(n);
        }
        s
    }

    /// A digest of the allow-lists: a cached scan is good only for the same lists.
    pub fn fingerprint(&self) -> String {
        let text = format!(
            "{:?}{:?}{:?}",
            self.allowed_domains, self.allowed_numbers, self.allowed_emails
        );
        format!("{:016x}", xxhash_rust::xxh3::xxh3_64(text.as_bytes()))
    }

    /// Every number in `text` that a detector would find becomes an allowed office number.
    pub fn allow_numbers_in(&mut self, text: &str) {
        let plain: String = text.chars().filter(char::is_ascii_digit).collect();
        if !plain.is_empty() {
            self.allowed_numbers.insert(normalise_digits(&plain));
        }
        let found: Vec<String> = number_hits(text)
            .into_iter()
            .map(|h| normalise_digits(&text[h.start..h.end]))
            .collect();
        self.allowed_numbers.extend(found);
    }

    /// Every finding in `text`, in order, overlaps resolved in favour of the longer match; the
    /// ranges are of `text` as written, the matching is done on its [`normalise`]d form.
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        self.scan_in(text, false)
    }

    /// [`Scanner::scan`] for the value of a field that holds codes (`credit_code`, `index_no`…):
    /// a number that is both a valid credit code and a valid ID is a code there.
    pub fn scan_in(&self, original: &str, code_field: bool) -> Vec<Hit> {
        let nm = normalise(original);
        let text: &str = &nm.text;
        let mut hits = number_hits(text);
        hits.retain(|h| {
            let found = &text[h.start..h.end];
            !self.allowed_numbers.contains(&normalise_digits(found))
                && !(h.kind == PiiKind::ResidentId
                    && (code_field || code_context(&text[..h.start]))
                    && reads_as_code(found))
        });
        hits.extend(passport_hits(text));
        hits.extend(
            email_hits(text)
                .into_iter()
                .filter(|h| !self.email_allowed(&text[h.start..h.end])),
        );
        hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        let mut out: Vec<Hit> = Vec::new();
        for h in hits {
            if out.last().is_none_or(|l| h.start >= l.end) {
                out.push(h);
            }
        }
        for h in &mut out {
            (h.start, h.end) = nm.original(h.start, h.end, original);
        }
        out
    }

    fn email_allowed(&self, email: &str) -> bool {
        if self.allowed_emails.contains(&email.to_lowercase()) {
            return true;
        }
        let domain = email.rsplit_once('@').map_or("", |(_, d)| d).to_lowercase();
        self.allowed_domains
            .iter()
            .any(|d| domain == *d || domain.ends_with(&format!(".{d}")))
    }
}

/// A context word in the 12 characters before a number.
fn code_context(before: &str) -> bool {
    let start = before.char_indices().rev().nth(11).map_or(0, |(i, _)| i);
    let near = &before[start..];
    CODE_CONTEXT.iter().any(|w| near.contains(w))
}

/// A number an ID check passed that could also be a code: a valid 统一社会信用代码, or a
/// 15-digit number (the old 工商注册号 has that length).
fn reads_as_code(found: &str) -> bool {
    let plain: String = found
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_uppercase();
    is_credit_code(&plain) || plain.len() == 15
}

/// A masked excerpt: `4301**********1234`, `138****5678`, `E1*****78`, `z***@example.com`.
pub fn mask(kind: PiiKind, s: &str) -> String {
    if kind == PiiKind::Email {
        let (local, domain) = s.rsplit_once('@').unwrap_or((s, ""));
        let first: String = local.chars().take(1).collect();
        return format!("{first}***@{domain}");
    }
    let chars: Vec<char> = s.chars().filter(char::is_ascii_alphanumeric).collect();
    let (head, tail) = match chars.len() {
        0..=9 => (2, 2),
        10..=13 => (3, 4),
        _ => (4, 4),
    };
    let n = chars.len();
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| if i < head || i + tail >= n { *c } else { '*' })
        .collect()
}

/// Keys, at any depth, whose values are codes: a number there that is both a valid credit code
/// and a valid ID is a code. No field is exempt from the scan.
const CODE_KEYS: [&str; 6] = [
    "index_no",
    "interprets",
    "superseded_by",
    "related",
    "credit_code",
    "ocid",
];

/// Scans a record: every scalar of its YAML `tree` and every line of its Markdown `body`
/// (with the file line it starts on). `text` is the whole file, to point at the exact column.
/// The `phone` of an organization or service record is an office number, not scanned.
pub fn scan_record(
    scanner: &Scanner,
    kind: Kind,
    tree: &Node,
    text: &str,
    body: Option<(&str, u32)>,
) -> Vec<Finding> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    if let NodeKind::Map(entries) = &tree.kind {
        for (k, v) in entries {
            let Some(key) = k.as_str() else { continue };
            let office_phone = key == "phone" && matches!(kind, Kind::Organization | Kind::Service);
            if !office_phone {
                let code = CODE_KEYS.contains(&key);
                scan_node(scanner, v, key.to_string(), code, &lines, &mut out);
            }
        }
    }
    if let Some((md, first_line)) = body {
        for (i, line) in md.lines().enumerate() {
            for h in scanner.scan(line) {
                let col = line[..h.start].chars().count() as u32 + 1;
                let pos = Pos::new(first_line + i as u32, col);
                out.push(finding(h, line, pos, "body".into()));
            }
        }
    }
    out
}

fn scan_node(
    scanner: &Scanner,
    node: &Node,
    field: String,
    code: bool,
    lines: &[&str],
    out: &mut Vec<Finding>,
) {
    match &node.kind {
        NodeKind::Scalar(s, _) => {
            for h in scanner.scan_in(s, code) {
                let pos = locate(lines, node.pos, &s[h.start..h.end]);
                out.push(finding(h, s, pos, field.clone()));
            }
        }
        NodeKind::Seq(items) => {
            for (i, n) in items.iter().enumerate() {
                scan_node(scanner, n, format!("{field}[{i}]"), code, lines, out);
            }
        }
        NodeKind::Map(entries) => {
            for (k, v) in entries {
                if let Some(key) = k.as_str() {
                    let code = code || CODE_KEYS.contains(&key);
                    scan_node(scanner, v, format!("{field}.{key}"), code, lines, out);
                }
            }
        }
    }
}

fn finding(h: Hit, text: &str, pos: Pos, field: String) -> Finding {
    let found = &normalise(&text[h.start..h.end]).text;
    Finding {
        kind: h.kind,
        pos,
        field,
        masked: mask(h.kind, found),
        digits: if h.kind == PiiKind::Email {
            String::new()
        } else {
            normalise_digits(found)
        },
        at: None,
    }
}

/// The exact position of `needle` in the source, searching from the scalar's own line (block
/// scalars start on the next one); the scalar's position when it cannot be found verbatim.
fn locate(lines: &[&str], at: Pos, needle: &str) -> Pos {
    let first = at.line.max(1) as usize - 1;
    for (l, line) in lines.iter().enumerate().skip(first).take(500) {
        if let Some(b) = line.find(needle) {
            return Pos::new(l as u32 + 1, line[..b].chars().count() as u32 + 1);
        }
    }
    at
}

/// Numbers given as the `phone` of an organization or service record are office numbers: they
/// are not findings in any record of the site.
pub fn allow_office_numbers(records: &mut [Record]) {
    let mut office = Scanner::default();
    for r in records.iter() {
        match &*r.details {
            crate::record::Details::Organization(o) => {
                if let Some(p) = &o.phone {
                    office.allow_numbers_in(p);
                }
            }
            crate::record::Details::Service(s) => office.allow_numbers_in(&s.phone),
            _ => {}
        }
    }
    for r in records {
        r.pii
            .retain(|f| f.digits.is_empty() || !office.allowed_numbers.contains(&f.digits));
    }
}

/// Why the gate holds a record back: its first finding, and how many more there are.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Hold {
    pub kind: PiiKind,
    pub masked: String,
    pub line: u32,
    pub more: usize,
}

impl Hold {
    /// The hold as the argument of message `id` (its arguments are `kind`, `masked`, `line`
    /// and `more`).
    pub fn msg(&self, id: &'static str) -> crate::i18n::Msg {
        crate::i18n::Msg::new(id)
            .arg("kind", self.kind.key())
            .arg("masked", self.masked.as_str())
            .arg("line", self.line)
            .arg("more", self.more)
    }
}

/// English (logs, the desk's English pages): `mobile number 138****5678 at line 15 and 2 more`.
impl std::fmt::Display for Hold {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} at line {}",
            self.kind.label(),
            self.masked,
            self.line
        )?;
        if self.more > 0 {
            write!(f, " and {} more", self.more)?;
        }
        Ok(())
    }
}

/// The gate's reason to withhold a record with findings and no waiver.
pub fn block_reason(r: &Record) -> Option<Hold> {
    let first = r.pii.first().filter(|_| r.pii_waiver.is_none())?;
    Some(Hold {
        kind: first.kind,
        masked: first.masked.clone(),
        line: first.pos.line,
        more: r.pii.len() - 1,
    })
}

/// One located diagnostic per finding: an error for a record the finding withholds (one that
/// would otherwise be published), a warning for a record published under a `pii_waiver`.
pub fn diagnostics(cat: &Catalog) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for w in &cat.withheld {
        let only_pii = w.reasons.iter().all(|r| {
            matches!(
                r,
                WithheldReason::PersonalData(_) | WithheldReason::NotYetPublished
            )
        });
        if !only_pii {
            continue;
        }
        for f in w
            .record
            .pii
            .iter()
            .filter(|_| w.record.pii_waiver.is_none())
        {
            out.push(withheld_diagnostic(&w.record.source.path, f));
        }
    }
    for r in &cat.records {
        let Some(waiver) = &r.pii_waiver else {
            continue;
        };
        for f in &r.pii {
            let (where_, place) = place(f);
            let msg = crate::msg!(
                "pii-waived",
                where_ = where_,
                place = place,
                kind = f.kind.key(),
                masked = &f.masked,
                by = waiver.by.trim(),
                reason = waiver.reason.trim()
            );
            out.push(
                Diagnostic::warning(Code::PersonalDataWaived, &r.source.path, f.pos, msg)
                    .field(&f.field),
            );
        }
    }
    out
}

/// The error for a finding that withholds its record.
pub fn withheld_diagnostic(path: &str, f: &Finding) -> Diagnostic {
    let (where_, place) = place(f);
    let msg = crate::msg!(
        "pii-found",
        where_ = where_,
        place = place,
        kind = f.kind.key(),
        masked = &f.masked
    );
    Diagnostic::error(Code::PersonalData, path, f.pos, msg).field(&f.field)
}

/// Where a finding is, as the key its message selects on (`body`, `field`, `attachment`) and
/// the field or the place in the attachment.
fn place(f: &Finding) -> (&'static str, String) {
    if let Some(at) = &f.at {
        ("attachment", at.clone())
    } else if f.field == "body" {
        ("body", String::new())
    } else {
        ("field", f.field.clone())
    }
}

#[cfg(test)]
mod tests;

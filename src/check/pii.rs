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

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PiiKind {
    ResidentId,
    BankCard,
    Mobile,
    Passport,
    Email,
}

impl PiiKind {
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: PiiKind,
    pub pos: Pos,
    /// `body`, or the dotted field (`award.supplier.name`, `items[0].description`).
    pub field: String,
    pub masked: String,
    /// The bare digits of a number, to match office numbers listed elsewhere; never printed.
    digits: String,
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
}

const PROVINCES: [&str; 35] = [
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
    "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71",
    "81", "82", "83",
];

/// Characters after a number that make it an amount, a count or a serial, not an identifier.
const UNITS: &str = "元万亿千百%‰吨人户个次件米亩份台套辆股岁号";

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
        if let Some((_, d)) = c.office.email.as_deref().and_then(|e| e.rsplit_once('@')) {
            allowed_domains.push(d.to_lowercase());
        }
        allowed_domains.retain(|d| !d.is_empty());
        let mut s = Scanner {
            allowed_domains,
            allowed_numbers: BTreeSet::new(),
        };
        let office = [c.office.phone.as_deref(), c.office.fax.as_deref()];
        let extra = c.pii.allowed_numbers.iter().map(|s| Some(s.as_str()));
        for n in office.into_iter().chain(extra).flatten() {
            s.allow_numbers_in(n);
        }
        s
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

    /// Every finding in `text`, in order, overlaps resolved in favour of the longer match.
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        let mut hits = number_hits(text);
        hits.retain(|h| {
            !self
                .allowed_numbers
                .contains(&normalise_digits(&text[h.start..h.end]))
        });
        hits.extend(passport_hits(text));
        hits.extend(
            email_hits(text)
                .into_iter()
                .filter(|h| !self.domain_allowed(&text[h.start..h.end])),
        );
        hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        let mut out: Vec<Hit> = Vec::new();
        for h in hits {
            if out.last().is_none_or(|l| h.start >= l.end) {
                out.push(h);
            }
        }
        out
    }

    fn domain_allowed(&self, email: &str) -> bool {
        let domain = email.rsplit_once('@').map_or("", |(_, d)| d).to_lowercase();
        self.allowed_domains
            .iter()
            .any(|d| domain == *d || domain.ends_with(&format!(".{d}")))
    }
}

/// Digits only, without a leading `86` country code on a mobile number.
fn normalise_digits(s: &str) -> String {
    let d: String = s.chars().filter(char::is_ascii_digit).collect();
    match d.strip_prefix("86") {
        Some(rest) if rest.len() == 11 && rest.starts_with('1') => rest.to_string(),
        _ => d,
    }
}

/// GB 11643: 17 digits, then a check character from the weighted sum mod 11.
pub fn id_check_char(first17: &[u8]) -> char {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first17
        .iter()
        .zip(W)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    b"10X98765432"[(sum % 11) as usize] as char
}

/// An 18-character resident ID number: province code, plausible birth date, valid check char.
pub fn is_resident_id(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let birth = chrono::NaiveDate::parse_from_str(&s[6..14], "%Y%m%d");
    PROVINCES.contains(&&s[..2])
        && birth.is_ok_and(|d| (1900..=2099).contains(&chrono::Datelike::year(&d)))
        && id_check_char(&b[..17]) == (b[17] as char).to_ascii_uppercase()
}

/// The Luhn (mod 10) check used by payment cards.
pub fn luhn_valid(digits: &str) -> bool {
    let mut sum = 0;
    for (i, c) in digits.bytes().rev().enumerate() {
        if !c.is_ascii_digit() {
            return false;
        }
        let mut d = u32::from(c - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    !digits.is_empty() && sum % 10 == 0
}

/// GB 32100 统一社会信用代码: 18 characters with a mod-31 check character and a region code.
pub fn is_credit_code(s: &str) -> bool {
    const CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    const W: [usize; 17] = [
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ];
    let vals: Option<Vec<usize>> = s.chars().map(|c| CHARS.find(c)).collect();
    let Some(vals) = vals.filter(|v| v.len() == 18) else {
        return false;
    };
    let sum: usize = vals[..17].iter().zip(W).map(|(v, w)| v * w).sum();
    let check = (31 - sum % 31) % 31;
    vals[17] == check && PROVINCES.contains(&&s[2..4])
}

fn is_mobile(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1])
}

/// What a bare candidate number is, if anything.
fn classify(digits: &str) -> Option<PiiKind> {
    if is_resident_id(digits) {
        return Some(PiiKind::ResidentId);
    }
    if is_mobile(digits)
        || (digits.len() == 13 && digits.starts_with("86") && is_mobile(&digits[2..]))
    {
        return Some(PiiKind::Mobile);
    }
    let first = digits.as_bytes().first().copied().unwrap_or(b'0');
    if (16..=19).contains(&digits.len())
        && (b'2'..=b'9').contains(&first)
        && luhn_valid(digits)
        && !is_credit_code(digits)
    {
        return Some(PiiKind::BankCard);
    }
    None
}

/// Maximal runs of ASCII digits, as byte ranges.
fn digit_runs(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let s = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            runs.push((s, i));
        } else {
            i += 1;
        }
    }
    runs
}

/// Grouped spellings: 138 1234 5678, 6222 0212 3456 7890 123, 430102 19900101 1234.
const GROUPINGS: [&[usize]; 5] = [
    &[3, 4, 4],
    &[4, 4, 4, 4, 3],
    &[4, 4, 4, 4, 2],
    &[4, 4, 4, 4, 1],
    &[4, 4, 4, 4],
];
const ID_GROUPING: [usize; 3] = [6, 8, 3];

/// Finds numbers: resident IDs, mobiles (also `+86`), bank cards, spelt compact or grouped.
pub fn number_hits(text: &str) -> Vec<Hit> {
    let runs = digit_runs(text);
    let mut hits = Vec::new();
    let mut i = 0;
    while i < runs.len() {
        let groups = GROUPINGS
            .iter()
            .copied()
            .chain([&ID_GROUPING[..]])
            .filter_map(|g| grouped(text, &runs[i..], g).map(|end| (g.len(), end)));
        let mut taken = 1;
        for (n, end) in groups.chain([(1, runs[i].1)]) {
            let start = runs[i].0;
            let end = with_check_x(text, start, end);
            let digits: String = text[start..end]
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_uppercase();
            if let Some(kind) = classify(&digits)
                && standalone(text, start, end)
            {
                hits.push(Hit { kind, start, end });
                taken = n;
                break;
            }
        }
        i += taken;
    }
    hits
}

/// The end of `runs[0..g.len()]` when they have the lengths `g`, joined by one `' '` or `'-'`.
fn grouped(text: &str, runs: &[(usize, usize)], g: &[usize]) -> Option<usize> {
    if runs.len() < g.len() || g.len() < 2 {
        return None;
    }
    let sep = text.as_bytes().get(runs[0].1).copied()?;
    for (k, &len) in g.iter().enumerate() {
        let (s, e) = runs[k];
        let last_id_group = g == ID_GROUPING && k == 2;
        if e - s != len && !(last_id_group && e - s == 4) {
            return None;
        }
        if k + 1 < g.len() && !(runs[k + 1].0 == e + 1 && text.as_bytes()[e] == sep) {
            return None;
        }
    }
    (sep == b' ' || sep == b'-').then_some(runs[g.len() - 1].1)
}

/// Extends a candidate of 17 digits by its `X` check character.
fn with_check_x(text: &str, start: usize, end: usize) -> usize {
    let b = text.as_bytes();
    let n = b[start..end].iter().filter(|c| c.is_ascii_digit()).count();
    if n == 17 && matches!(b.get(end), Some(b'X' | b'x')) {
        end + 1
    } else {
        end
    }
}

/// A number not glued to a code, path, decimal, amount or another number.
fn standalone(text: &str, start: usize, end: usize) -> bool {
    let before = &text[..start];
    let after = &text[end..];
    let mut back = before.chars().rev();
    let p = back.next();
    let pp = back.next();
    let mut fwd = after.chars();
    let n = fwd.next();
    let nn = fwd.next();
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    let code_char = |c: Option<char>| {
        c.is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '\\' | '_' | '@'))
    };
    let country_code = before.ends_with("+86-") || before.ends_with("0086-");
    if code_char(p) || (matches!(p, Some('.' | ',' | '-')) && digit(pp) && !country_code) {
        return false;
    }
    if code_char(n) || (matches!(n, Some('.' | ',' | '-')) && digit(nn)) {
        return false;
    }
    !n.is_some_and(|c| UNITS.contains(c))
}

/// E12345678, G12345678, H/M + 8 digits (港澳通行证), EA1234567, C + letter + 7 digits.
pub fn passport_hits(text: &str) -> Vec<Hit> {
    let b = text.as_bytes();
    let mut hits = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let s = i;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let tok = &b[s..i];
        let digits = |r: &[u8]| r.iter().all(u8::is_ascii_digit);
        let letter2 = |c: u8| c.is_ascii_uppercase() && c != b'I' && c != b'O';
        let shaped = tok.len() == 9
            && ((matches!(tok[0], b'E' | b'G' | b'H' | b'M') && digits(&tok[1..]))
                || (matches!(tok[0], b'E' | b'C') && letter2(tok[1]) && digits(&tok[2..])));
        let glued =
            |c: Option<&u8>| c.is_some_and(|c| matches!(c, b'-' | b'_' | b'/' | b'.' | b'@'));
        if shaped && !glued(s.checked_sub(1).map(|p| &b[p])) && !glued(b.get(i)) {
            hits.push(Hit {
                kind: PiiKind::Passport,
                start: s,
                end: i,
            });
        }
    }
    hits
}

/// `local@domain.tld` addresses (ASCII).
pub fn email_hits(text: &str) -> Vec<Hit> {
    let b = text.as_bytes();
    let local = |c: u8| c.is_ascii_alphanumeric() || b"._%+-".contains(&c);
    let dom = |c: u8| c.is_ascii_alphanumeric() || c == b'.' || c == b'-';
    let mut hits = Vec::new();
    for (at, _) in text.match_indices('@') {
        let mut s = at;
        while s > 0 && local(b[s - 1]) {
            s -= 1;
        }
        let mut e = at + 1;
        while e < b.len() && dom(b[e]) {
            e += 1;
        }
        while e > at + 1 && matches!(b[e - 1], b'.' | b'-') {
            e -= 1;
        }
        let domain = &text[at + 1..e];
        let tld = domain.rsplit('.').next().unwrap_or("");
        if s < at
            && domain.contains('.')
            && tld.len() >= 2
            && tld.bytes().all(|c| c.is_ascii_alphabetic())
        {
            hits.push(Hit {
                kind: PiiKind::Email,
                start: s,
                end: e,
            });
        }
    }
    hits
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

/// Top-level fields that hold 索引号, never free text.
const CODE_FIELDS: [&str; 4] = ["index_no", "interprets", "superseded_by", "related"];
/// Keys, at any depth, that hold registration codes.
const CODE_KEYS: [&str; 2] = ["credit_code", "ocid"];

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
            if !CODE_FIELDS.contains(&key) && !office_phone {
                scan_node(scanner, v, key.to_string(), &lines, &mut out);
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
    lines: &[&str],
    out: &mut Vec<Finding>,
) {
    match &node.kind {
        NodeKind::Scalar(s, _) => {
            for h in scanner.scan(s) {
                let pos = locate(lines, node.pos, &s[h.start..h.end]);
                out.push(finding(h, s, pos, field.clone()));
            }
        }
        NodeKind::Seq(items) => {
            for (i, n) in items.iter().enumerate() {
                scan_node(scanner, n, format!("{field}[{i}]"), lines, out);
            }
        }
        NodeKind::Map(entries) => {
            for (k, v) in entries {
                if let Some(key) = k.as_str().filter(|k| !CODE_KEYS.contains(k)) {
                    scan_node(scanner, v, format!("{field}.{key}"), lines, out);
                }
            }
        }
    }
}

fn finding(h: Hit, text: &str, pos: Pos, field: String) -> Finding {
    let found = &text[h.start..h.end];
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
        match &r.details {
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

/// The gate's reason to withhold a record with findings and no waiver.
pub fn block_reason(r: &Record) -> Option<String> {
    let first = r.pii.first().filter(|_| r.pii_waiver.is_none())?;
    let more = match r.pii.len() {
        1 => String::new(),
        n => format!(" and {} more", n - 1),
    };
    Some(format!(
        "{} at line {}{more}",
        first.describe(),
        first.pos.line
    ))
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
            let msg = format!(
                "personal data in {}: {}; the record is withheld (remove it, or add a pii_waiver {{reason, by}} if its publication is lawful)",
                place(f),
                f.describe()
            );
            out.push(
                Diagnostic::error(Code::PersonalData, &w.record.source.path, f.pos, msg)
                    .field(&f.field),
            );
        }
    }
    for r in &cat.records {
        let Some(waiver) = &r.pii_waiver else {
            continue;
        };
        for f in &r.pii {
            let msg = format!(
                "personal data in {}: {}, published under the pii_waiver of {}: {}",
                place(f),
                f.describe(),
                waiver.by.trim(),
                waiver.reason.trim()
            );
            out.push(
                Diagnostic::warning(Code::PersonalDataWaived, &r.source.path, f.pos, msg)
                    .field(&f.field),
            );
        }
    }
    out
}

fn place(f: &Finding) -> String {
    if f.field == "body" {
        "the body".into()
    } else {
        format!("\"{}\"", f.field)
    }
}

#[cfg(test)]
mod tests;

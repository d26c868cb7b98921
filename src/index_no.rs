//! 索引号: the numbering schemes of a site (`org.index_format`, and `publishers[].index_format`
//! where a department numbers its own way) and the `IndexNo` newtype.
//!
//! A scheme is a mini-language of placeholders between literal separators, e.g.
//! `{publisher}/{YYYY}-{NNNNN}` or `{prefix}-{publisher}-{category}-{field:group}-{YYYYMMDD}-{N+}`:
//!
//! | placeholder | stands for |
//! |---|---|
//! | `{prefix}` | `org.index_prefix` |
//! | `{publisher}` | the record's publisher's `code` (`org.index_prefix` when it has none) |
//! | `{category}` | the `code` of the record's catalog node (its id in upper case by default) |
//! | `{field:NAME}` | the record's `index_codes.NAME` (a code that varies per record) |
//! | `{YYYY}`, `{YYYYMM}`, `{YYYYMMDD}` | the date of `created` or of `published` |
//! | `{NNNNN}` (any width), `{N+}` | a serial of fixed width, or of unbounded length |

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

mod scheme;
pub use scheme::IndexCodes;

/// Longest text matched against a scheme: index numbers are short, and the matcher backtracks.
const MAX_LEN: usize = 128;
/// Longest unbounded serial (fits a u64).
const MAX_SERIAL_DIGITS: usize = 18;

/// One piece of an index format.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Prefix,
    Publisher,
    Category,
    Field(String),
    Date(DatePart),
    /// `None`: unbounded (`{N+}`).
    Serial(Option<usize>),
    Literal(String),
}

/// Which date a scheme writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatePart {
    Year,
    YearMonth,
    YearMonthDay,
}

/// A parsed index format, bound to the site's prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexFormat {
    tokens: Vec<Token>,
    prefix: String,
    source: String,
}

/// What an index number says about itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexParts {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub serial: u64,
}

/// What a code placeholder may be when matching.
#[derive(Debug, Clone, Copy)]
pub enum CodeChoice<'a> {
    /// Exactly this text.
    Exact(&'a str),
    /// One of these (a reference may name any department's number).
    AnyOf(&'a [String]),
    /// Any run of letters and digits.
    Free,
}

/// The codes a number is matched against.
#[derive(Debug, Clone, Copy)]
pub struct Bindings<'a> {
    pub publisher: CodeChoice<'a>,
    pub category: CodeChoice<'a>,
    /// `index_codes` of the record; a name missing here matches any code.
    pub fields: Option<&'a BTreeMap<String, String>>,
}

impl Bindings<'_> {
    /// Any code at all: the shape of the scheme only.
    pub const ANY: Bindings<'static> = Bindings {
        publisher: CodeChoice::Free,
        category: CodeChoice::Free,
        fields: None,
    };
}

/// The codes a new number is written with.
#[derive(Debug, Clone, Copy)]
pub struct Values<'a> {
    pub publisher: &'a str,
    pub category: &'a str,
    pub fields: &'a BTreeMap<String, String>,
}

pub const DEFAULT_FORMAT: &str = "{prefix}/{YYYY}-{NNNNN}";

impl IndexFormat {
    pub fn parse(format: &str, prefix: &str) -> Result<IndexFormat, crate::i18n::Msg> {
        let mut tokens = Vec::new();
        let mut rest = format;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('{') {
                let (name, tail) = after
                    .split_once('}')
                    .ok_or_else(|| crate::msg!("format-unclosed"))?;
                tokens.push(placeholder(name)?);
                rest = tail;
            } else {
                let end = rest.find('{').unwrap_or(rest.len());
                if rest[..end].contains('}') {
                    return Err(crate::msg!("format-unmatched"));
                }
                tokens.push(Token::Literal(rest[..end].to_string()));
                rest = &rest[end..];
            }
        }
        let count = |f: fn(&Token) -> bool| tokens.iter().filter(|t| f(t)).count();
        if count(|t| matches!(t, Token::Serial(_))) != 1
            || count(|t| matches!(t, Token::Date(_))) != 1
        {
            return Err(crate::msg!("format-date-and-serial"));
        }
        if count(|t| !matches!(t, Token::Literal(_) | Token::Date(_) | Token::Serial(_))) > 4 {
            return Err(crate::msg!("format-too-many-codes"));
        }
        Ok(IndexFormat {
            tokens,
            prefix: prefix.to_string(),
            source: format.to_string(),
        })
    }

    /// The format as written in `site.yaml`.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Parses `s` against the format; `None` when it does not match.
    pub fn matches_with(&self, s: &str, b: &Bindings) -> Option<IndexParts> {
        if s.len() > MAX_LEN {
            return None;
        }
        let mut parts = IndexParts {
            year: 0,
            month: None,
            day: None,
            serial: 0,
        };
        self.walk(0, s, b, &mut parts).then_some(parts)
    }

    /// Matches the shape only, any code accepted.
    pub fn matches(&self, s: &str) -> Option<IndexParts> {
        self.matches_with(s, &Bindings::ANY)
    }

    /// Backtracking match of `tokens[i..]` against `s`; fills `parts` on success.
    fn walk(&self, i: usize, s: &str, b: &Bindings, parts: &mut IndexParts) -> bool {
        let Some(t) = self.tokens.get(i) else {
            return s.is_empty();
        };
        let next = |rest: &str, parts: &mut IndexParts| self.walk(i + 1, rest, b, parts);
        match t {
            Token::Literal(l) => s.strip_prefix(l.as_str()).is_some_and(|r| next(r, parts)),
            Token::Prefix => (s.strip_prefix(self.prefix.as_str())).is_some_and(|r| next(r, parts)),
            Token::Publisher => code(s, b.publisher, |r| next(r, parts)),
            Token::Category => code(s, b.category, |r| next(r, parts)),
            Token::Field(name) => {
                let choice = (b.fields.and_then(|f| f.get(name)))
                    .map_or(CodeChoice::Free, |v| CodeChoice::Exact(v));
                code(s, choice, |r| next(r, parts))
            }
            Token::Date(d) => {
                let Some((y, m, day, r)) = date(s, *d) else {
                    return false;
                };
                (parts.year, parts.month, parts.day) = (y, m, day);
                next(r, parts)
            }
            Token::Serial(Some(w)) => {
                let Some(digits) = s.get(..*w).filter(|d| all_digits(d)) else {
                    return false;
                };
                let Ok(n) = digits.parse() else { return false };
                parts.serial = n;
                next(&s[*w..], parts)
            }
            Token::Serial(None) => {
                let run = s.bytes().take_while(u8::is_ascii_digit).count();
                (1..=run.min(MAX_SERIAL_DIGITS)).rev().any(|n| {
                    parts.serial = s[..n].parse().unwrap_or(0);
                    next(&s[n..], parts)
                })
            }
        }
    }

    /// Writes the number for a date, serial and codes.
    pub fn format(&self, date: (i32, u32, u32), serial: u64, v: &Values) -> String {
        let (year, month, day) = date;
        let mut out = String::new();
        for t in &self.tokens {
            match t {
                Token::Prefix => out.push_str(&self.prefix),
                Token::Publisher => out.push_str(v.publisher),
                Token::Category => out.push_str(v.category),
                Token::Field(n) => out.push_str(v.fields.get(n).map_or("", String::as_str)),
                Token::Literal(l) => out.push_str(l),
                Token::Date(DatePart::Year) => out.push_str(&format!("{year:04}")),
                Token::Date(DatePart::YearMonth) => out.push_str(&format!("{year:04}{month:02}")),
                Token::Date(DatePart::YearMonthDay) => {
                    out.push_str(&format!("{year:04}{month:02}{day:02}"))
                }
                Token::Serial(w) => out.push_str(&format!("{serial:0w$}", w = w.unwrap_or(1))),
            }
        }
        out
    }

    /// A human-readable example for error messages, with the codes the record would use.
    pub fn example(&self, v: &Values) -> String {
        self.format((2025, 1, 1), 1, v)
    }

    /// Which date the scheme writes.
    pub fn date_part(&self) -> DatePart {
        (self.tokens.iter())
            .find_map(|t| match t {
                Token::Date(d) => Some(*d),
                _ => None,
            })
            .unwrap_or(DatePart::Year)
    }

    pub fn has_month(&self) -> bool {
        self.date_part() == DatePart::YearMonth
    }

    /// The largest serial a fixed-width scheme can write.
    pub fn max_serial(&self) -> u64 {
        (self.tokens.iter())
            .find_map(|t| match t {
                Token::Serial(Some(w)) => Some(10u64.saturating_pow(*w as u32) - 1),
                _ => None,
            })
            .unwrap_or(10u64.pow(MAX_SERIAL_DIGITS as u32) - 1)
    }

    /// Names of the `{field:NAME}` placeholders, which a record supplies in `index_codes`.
    pub fn field_names(&self) -> impl Iterator<Item = &str> {
        self.tokens.iter().filter_map(|t| match t {
            Token::Field(n) => Some(n.as_str()),
            _ => None,
        })
    }

    pub fn uses_publisher(&self) -> bool {
        self.tokens.contains(&Token::Publisher)
    }

    pub fn uses_category(&self) -> bool {
        self.tokens.contains(&Token::Category)
    }
}

fn placeholder(name: &str) -> Result<Token, crate::i18n::Msg> {
    Ok(match name {
        "prefix" => Token::Prefix,
        "publisher" => Token::Publisher,
        "category" => Token::Category,
        "YYYY" => Token::Date(DatePart::Year),
        "YYYYMM" => Token::Date(DatePart::YearMonth),
        "YYYYMMDD" => Token::Date(DatePart::YearMonthDay),
        "N+" => Token::Serial(None),
        n if !n.is_empty() && n.len() <= MAX_SERIAL_DIGITS && n.bytes().all(|c| c == b'N') => {
            Token::Serial(Some(n.len()))
        }
        n if n
            .strip_prefix("field:")
            .is_some_and(crate::config::is_safe_name) =>
        {
            Token::Field(n["field:".len()..].to_string())
        }
        other => {
            return Err(crate::msg!("format-unknown-placeholder", name = other));
        }
    })
}

/// Matches a code placeholder at the start of `s`, then the rest with `rest`.
fn code(s: &str, choice: CodeChoice, mut rest: impl FnMut(&str) -> bool) -> bool {
    match choice {
        CodeChoice::Exact(v) => !v.is_empty() && s.strip_prefix(v).is_some_and(rest),
        CodeChoice::AnyOf(vs) => vs
            .iter()
            .any(|v| !v.is_empty() && s.strip_prefix(v.as_str()).is_some_and(&mut rest)),
        CodeChoice::Free => {
            let ends: Vec<usize> = (s.char_indices())
                .take_while(|(_, c)| c.is_alphanumeric())
                .map(|(i, c)| i + c.len_utf8())
                .collect();
            ends.into_iter().rev().any(|e| rest(&s[e..]))
        }
    }
}

fn all_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

type DateMatch<'a> = (i32, Option<u32>, Option<u32>, &'a str);

fn date(s: &str, part: DatePart) -> Option<DateMatch<'_>> {
    let width = match part {
        DatePart::Year => 4,
        DatePart::YearMonth => 6,
        DatePart::YearMonthDay => 8,
    };
    let d = s.get(..width).filter(|d| all_digits(d))?;
    let year: i32 = d[..4].parse().ok()?;
    let month: Option<u32> = d.get(4..6).map(|m| m.parse()).transpose().ok()?;
    let day: Option<u32> = d.get(6..8).map(|m| m.parse()).transpose().ok()?;
    if month.is_some_and(|m| !(1..=12).contains(&m)) {
        return None;
    }
    if let (Some(m), Some(dd)) = (month, day) {
        chrono::NaiveDate::from_ymd_opt(year, m, dd)?;
    }
    Some((year, month, day, &s[width..]))
}

/// Whether `s` can be kept as a legacy 索引号 (one that matches no current scheme): it must be
/// printable text without spaces, of a bounded length. Returns why not.
pub fn check_legacy(s: &str) -> Result<(), &'static str> {
    if s.is_empty() {
        Err("索引号为空 (empty)")
    } else if s.len() > MAX_LEN {
        Err("索引号过长 (longer than 128 bytes)")
    } else if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Err("索引号含空白或控制字符 (contains spaces or control characters)")
    } else {
        Ok(())
    }
}

/// A validated 索引号. Ordering is by its text, which sorts by year then serial for every format.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct IndexNo(String);

impl IndexNo {
    /// Wraps text already checked against the site's format.
    pub fn new(s: impl Into<String>) -> IndexNo {
        IndexNo(s.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The URL-safe form: every character outside `[A-Za-z0-9-]` becomes `-`. Two numbers that
    /// differ only in their separators would share a slug; the catalog refuses that.
    pub fn slug(&self) -> String {
        let mut slug = String::with_capacity(self.0.len());
        self.push_slug(&mut slug);
        slug
    }

    /// Appends [`IndexNo::slug`] to `out` (page URLs are built for every listing row).
    pub fn push_slug(&self, out: &mut String) {
        if self.0.is_ascii() {
            // The usual case, byte by byte: the same result as the loop over chars below.
            out.extend(self.0.bytes().map(|b| {
                if b.is_ascii_alphanumeric() || b == b'-' {
                    b as char
                } else {
                    '-'
                }
            }));
            return;
        }
        out.extend(self.0.chars().map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        }));
    }
}

impl fmt::Display for IndexNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests;

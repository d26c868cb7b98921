//! 索引号: the site's numbering scheme (`org.index_format`) and the `IndexNo` newtype.

use std::fmt;

use serde::Serialize;

/// One piece of an index format such as `{prefix}/{YYYY}-{NNNNN}`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Prefix,
    Year,
    YearMonth,
    Serial(usize),
    Literal(String),
}

/// A parsed `org.index_format`, bound to the site's prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexFormat {
    tokens: Vec<Token>,
    prefix: String,
}

/// What an index number says about itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexParts {
    pub year: i32,
    pub month: Option<u32>,
    pub serial: u64,
}

pub const DEFAULT_FORMAT: &str = "{prefix}/{YYYY}-{NNNNN}";

impl IndexFormat {
    pub fn parse(format: &str, prefix: &str) -> Result<IndexFormat, String> {
        let mut tokens = Vec::new();
        let mut rest = format;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('{') {
                let (name, tail) = after
                    .split_once('}')
                    .ok_or("unclosed \"{\" in index_format")?;
                tokens.push(match name {
                    "prefix" => Token::Prefix,
                    "YYYY" => Token::Year,
                    "YYYYMM" => Token::YearMonth,
                    n if !n.is_empty() && n.chars().all(|c| c == 'N') => Token::Serial(n.len()),
                    other => {
                        return Err(format!(
                            "unknown placeholder \"{{{other}}}\" in index_format"
                        ));
                    }
                });
                rest = tail;
            } else {
                let end = rest.find('{').unwrap_or(rest.len());
                tokens.push(Token::Literal(rest[..end].to_string()));
                rest = &rest[end..];
            }
        }
        let serials = tokens
            .iter()
            .filter(|t| matches!(t, Token::Serial(_)))
            .count();
        let years = tokens
            .iter()
            .filter(|t| matches!(t, Token::Year | Token::YearMonth))
            .count();
        if serials != 1 || years != 1 || !tokens.contains(&Token::Prefix) {
            return Err(
                "index_format needs {prefix}, one of {YYYY}/{YYYYMM}, and one serial {NNNNN}"
                    .into(),
            );
        }
        Ok(IndexFormat {
            tokens,
            prefix: prefix.to_string(),
        })
    }

    /// Parses `s` against the format; `None` when it does not match.
    pub fn matches(&self, s: &str) -> Option<IndexParts> {
        let mut rest = s;
        let mut parts = IndexParts {
            year: 0,
            month: None,
            serial: 0,
        };
        for t in &self.tokens {
            match t {
                Token::Prefix => rest = rest.strip_prefix(self.prefix.as_str())?,
                Token::Literal(l) => rest = rest.strip_prefix(l.as_str())?,
                Token::Year => {
                    parts.year = take_digits(&mut rest, 4)?.parse().ok()?;
                }
                Token::YearMonth => {
                    let d = take_digits(&mut rest, 6)?;
                    parts.year = d[..4].parse().ok()?;
                    let m: u32 = d[4..].parse().ok()?;
                    if !(1..=12).contains(&m) {
                        return None;
                    }
                    parts.month = Some(m);
                }
                Token::Serial(w) => parts.serial = take_digits(&mut rest, *w)?.parse().ok()?,
            }
        }
        rest.is_empty().then_some(parts)
    }

    /// Writes the index number for a year (and month) and serial.
    pub fn format(&self, year: i32, month: u32, serial: u64) -> String {
        let mut out = String::new();
        for t in &self.tokens {
            match t {
                Token::Prefix => out.push_str(&self.prefix),
                Token::Literal(l) => out.push_str(l),
                Token::Year => out.push_str(&format!("{year:04}")),
                Token::YearMonth => out.push_str(&format!("{year:04}{month:02}")),
                Token::Serial(w) => out.push_str(&format!("{serial:0w$}")),
            }
        }
        out
    }

    /// A human-readable example for error messages.
    pub fn example(&self) -> String {
        self.format(2025, 1, 1)
    }

    pub fn has_month(&self) -> bool {
        self.tokens.contains(&Token::YearMonth)
    }
}

fn take_digits<'a>(rest: &mut &'a str, n: usize) -> Option<&'a str> {
    let s: &'a str = rest;
    if s.len() < n || !s.as_bytes()[..n].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let (d, tail) = s.split_at(n);
    *rest = tail;
    Some(d)
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

    /// The URL-safe form: every character outside `[A-Za-z0-9-]` becomes `-`. Since every 索引号
    /// of a site has the same separators, distinct numbers give distinct slugs.
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
mod tests {
    use super::*;
    use proptest::prelude::*;

    const P: &str = "11430199MB0000000X";

    #[test]
    fn default_format_matches() {
        let f = IndexFormat::parse(DEFAULT_FORMAT, P).unwrap();
        let parts = f.matches("11430199MB0000000X/2024-00012").unwrap();
        assert_eq!((parts.year, parts.serial), (2024, 12));
        assert!(f.matches("11430199MB0000000X/2024-0012").is_none());
        assert!(f.matches("11430199MB0000000Y/2024-00012").is_none());
        assert!(f.matches("11430199MB0000000X/2024-00012x").is_none());
    }

    #[test]
    fn other_schemes() {
        let f = IndexFormat::parse("{prefix}/{YYYYMM}-{NNNNN}", P).unwrap();
        assert_eq!(
            f.matches(&format!("{P}/202403-00001")).unwrap().month,
            Some(3)
        );
        assert!(f.matches(&format!("{P}/202413-00001")).is_none());
        let g = IndexFormat::parse("{prefix}-{YYYY}-{NNNNNN}", P).unwrap();
        assert_eq!(g.format(2025, 1, 7), format!("{P}-2025-000007"));
    }

    #[test]
    fn bad_formats_are_refused() {
        assert!(IndexFormat::parse("{prefix}/{YYYY}", P).is_err());
        assert!(IndexFormat::parse("{prefix}/{YY}-{NNN}", P).is_err());
        assert!(IndexFormat::parse("{prefix/{YYYY}-{NNN}", P).is_err());
    }

    #[test]
    fn slug_is_url_safe() {
        assert_eq!(
            IndexNo::new(format!("{P}/2024-00001")).slug(),
            format!("{P}-2024-00001")
        );
        // One dash per character, not per byte, outside ASCII.
        assert_eq!(IndexNo::new("区府/2024-1").slug(), "---2024-1");
    }

    proptest! {
        #[test]
        fn format_round_trips(year in 1990i32..2100, month in 1u32..13, serial in 0u64..99_999, fmt_i in 0usize..3) {
            let fmts = ["{prefix}/{YYYY}-{NNNNN}", "{prefix}/{YYYYMM}-{NNNNN}", "{prefix}-{YYYY}-{NNNNNNN}"];
            let f = IndexFormat::parse(fmts[fmt_i], P).unwrap();
            let s = f.format(year, month, serial);
            let parts = f.matches(&s).unwrap();
            prop_assert_eq!(parts.year, year);
            prop_assert_eq!(parts.serial, serial);
        }

        #[test]
        fn matching_never_panics(s in "\\PC{0,40}") {
            let f = IndexFormat::parse(DEFAULT_FORMAT, P).unwrap();
            let _ = f.matches(&s);
        }
    }
}

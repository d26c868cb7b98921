//! The one CSV writer of every CSV gongkai writes (RFC 4180): fields quoted when they hold a
//! comma, quote or line break, quotes doubled, CRLF line ends. Small enough not to need a crate.
//!
//! Cells are typed. A text cell that a spreadsheet would read as a formula — one beginning with
//! `=`, `+`, `-`, `@`, a tab or a carriage return — is written as OWASP recommends against CSV
//! injection: a `'` in front and the whole field quoted, so Excel and LibreOffice show the text
//! instead of running it. A number cell (gongkai's own figures) is written as it is, so
//! `-1200.00` stays a number; a "number" that is not one is treated as text.

/// One cell of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell<'a> {
    Text(&'a str),
    /// A figure gongkai wrote itself: optional `-`, digits, optional decimals; or empty.
    Number(&'a str),
}

/// Characters that make a spreadsheet read a cell as a formula when they come first.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One text field, escaped.
pub fn field(s: &str) -> String {
    if s.starts_with(FORMULA_STARTS) {
        format!("\"'{}\"", s.replace('"', "\"\""))
    } else if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One cell, escaped as its type needs.
pub fn cell(c: Cell) -> String {
    match c {
        Cell::Number(s) if s.is_empty() || is_number(s) => s.to_string(),
        Cell::Number(s) | Cell::Text(s) => field(s),
    }
}

fn is_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    !int.is_empty()
        && !frac.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

/// Appends one row of text cells, CRLF-terminated.
pub fn row<S: AsRef<str>>(out: &mut String, cells: &[S]) {
    let line: Vec<String> = cells.iter().map(|c| field(c.as_ref())).collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
}

/// Appends one row of typed cells, CRLF-terminated.
pub fn typed_row(out: &mut String, cells: &[Cell]) {
    let line: Vec<String> = cells.iter().map(|c| cell(*c)).collect();
    out.push_str(&line.join(","));
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(field("芙政发〔2025〕1号"), "芙政发〔2025〕1号");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        let mut out = String::new();
        row(&mut out, &["x", "y,z"]);
        assert_eq!(out, "x,\"y,z\"\r\n");
    }

    /// Issue 19.7: text cells beginning with `=`, `+`, `-`, `@`, tab or CR were written unchanged.
    #[test]
    fn csv_formula_injection_is_escaped() {
        assert_eq!(
            field("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
        assert_eq!(field("+1+cmd|' /C calc'!A0"), "\"'+1+cmd|' /C calc'!A0\"");
        assert_eq!(field("-2+3"), "\"'-2+3\"");
        assert_eq!(field("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(field("\t=1"), "\"'\t=1\"");
        assert_eq!(field("\r=1"), "\"'\r=1\"");
        // Inside the text they are harmless.
        assert_eq!(field("a=b"), "a=b");
    }

    #[test]
    fn numbers_stay_numbers() {
        let mut out = String::new();
        typed_row(
            &mut out,
            &[
                Cell::Text("-x"),
                Cell::Number("-1200.50"),
                Cell::Number(""),
                Cell::Number("=1"),
            ],
        );
        assert_eq!(out, "\"'-x\",-1200.50,,\"'=1\"\r\n");
        assert_eq!(cell(Cell::Number("42")), "42");
        assert_eq!(cell(Cell::Number("-")), "\"'-\"");
    }
}

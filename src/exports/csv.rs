//! CSV writing (RFC 4180): fields quoted when they hold a comma, quote or line break, quotes
//! doubled, CRLF line ends. Small enough not to need a crate.

/// One CSV field.
pub fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Appends one row, CRLF-terminated.
pub fn row<S: AsRef<str>>(out: &mut String, cells: &[S]) {
    let line: Vec<String> = cells.iter().map(|c| field(c.as_ref())).collect();
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
}

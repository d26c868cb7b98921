//! Text encodings of import sources. Old CMS exports and saved pages are often GBK/GB2312
//! (read as GB18030, their superset); newer ones UTF-8, with or without a BOM.
//!
//! A spreadsheet: BOM → valid UTF-8 → GB18030. A saved page: BOM → the page's own declaration
//! (`<meta charset>` or `http-equiv` Content-Type, in its first 4 KiB, as a browser prescans) →
//! valid UTF-8 → GB18030. A declaration the bytes contradict (a page saying UTF-8 in GBK bytes)
//! yields to the encoding that decodes without errors, with a warning.

use encoding_rs::{Encoding, GB18030, UTF_8};

/// A decoded text and what was learned about its encoding.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// The encoding used (`UTF-8`, `gb18030`, …).
    pub encoding: &'static str,
    /// Bytes that no encoding tried could read (replaced by U+FFFD).
    pub malformed: bool,
    /// The page declared an encoding its bytes are not in (the declared label).
    pub contradicted: Option<String>,
}

fn with(enc: &'static Encoding, bytes: &[u8]) -> (String, bool) {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    (text.into_owned(), had_errors)
}

fn done(enc: &'static Encoding, (text, malformed): (String, bool)) -> Decoded {
    Decoded {
        text,
        encoding: enc.name(),
        malformed,
        contradicted: None,
    }
}

/// Decodes a spreadsheet (CSV): BOM, else UTF-8 when the bytes are valid UTF-8, else GB18030.
pub fn decode_table(bytes: &[u8]) -> Decoded {
    if let Some((enc, len)) = Encoding::for_bom(bytes) {
        return done(enc, with(enc, &bytes[len..]));
    }
    sniff(bytes)
}

fn sniff(bytes: &[u8]) -> Decoded {
    match std::str::from_utf8(bytes) {
        Ok(s) => done(UTF_8, (s.to_string(), false)),
        Err(_) => done(GB18030, with(GB18030, bytes)),
    }
}

/// Decodes a saved HTML page.
pub fn decode_page(bytes: &[u8]) -> Decoded {
    if let Some((enc, len)) = Encoding::for_bom(bytes) {
        return done(enc, with(enc, &bytes[len..]));
    }
    let Some(label) = declared_charset(bytes) else {
        return sniff(bytes);
    };
    // GBK and GB2312 labels are read as GB18030, their superset (what browsers do in effect).
    let enc = match Encoding::for_label(label.as_bytes()) {
        Some(e) if e == encoding_rs::GBK => GB18030,
        // A page cannot really be UTF-16 when its ASCII prescan found the declaration.
        Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => UTF_8,
        Some(e) => e,
        None => return sniff(bytes),
    };
    let (text, bad) = with(enc, bytes);
    if !bad {
        return done(enc, (text, false));
    }
    let mut other = sniff(bytes);
    if other.malformed {
        return done(enc, (text, true));
    }
    other.contradicted = Some(label);
    other
}

/// The charset a page declares in its first 4 KiB: `charset=…` inside a `<meta …>` tag.
pub fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"<meta") {
        let start = from + at;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        if let Some(label) = charset_in(&lower[start..end]) {
            return Some(label);
        }
        from = end.max(start + 5);
        if from >= lower.len() {
            break;
        }
    }
    None
}

fn charset_in(tag: &[u8]) -> Option<String> {
    let at = find(tag, b"charset")?;
    let rest = &tag[at + 7..];
    let rest = trim_start(rest);
    let rest = trim_start(rest.strip_prefix(b"=")?);
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let len = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')))
        .unwrap_or(rest.len());
    (len > 0).then(|| String::from_utf8_lossy(&rest[..len]).into_owned())
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gbk(s: &str) -> Vec<u8> {
        GB18030.encode(s).0.into_owned()
    }

    #[test]
    fn a_gbk_table_is_read_as_gb18030_and_utf8_with_or_without_bom() {
        let d = decode_table(&gbk("索引号,标题\n"));
        assert_eq!((d.text.as_str(), d.encoding), ("索引号,标题\n", "gb18030"));
        let d = decode_table("索引号".as_bytes());
        assert_eq!((d.text.as_str(), d.encoding), ("索引号", "UTF-8"));
        let d = decode_table(b"\xEF\xBB\xBF\xE7\xB4\xA2");
        assert_eq!((d.text.as_str(), d.encoding), ("索", "UTF-8"));
        let d = decode_table(b"\xFF\xFEa\x00");
        assert_eq!(d.text, "a");
    }

    #[test]
    fn a_page_declares_its_charset_in_a_meta_tag() {
        let page = [
            b"<html><head><META http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
                .to_vec(),
            gbk("<title>通知</title>"),
        ]
        .concat();
        assert_eq!(declared_charset(&page).as_deref(), Some("gb2312"));
        let d = decode_page(&page);
        assert!(d.text.contains("<title>通知</title>"), "{}", d.text);
        assert_eq!(d.encoding, "gb18030");
        assert_eq!(
            declared_charset(b"<meta charset='utf-8'>").as_deref(),
            Some("utf-8")
        );
        assert_eq!(declared_charset(b"<p>charset=gbk</p>"), None);
    }

    #[test]
    fn a_declaration_the_bytes_contradict_yields_with_a_note() {
        let page = [b"<meta charset=\"utf-8\">".to_vec(), gbk("通知公告")].concat();
        let d = decode_page(&page);
        assert_eq!(d.encoding, "gb18030");
        assert_eq!(d.contradicted.as_deref(), Some("utf-8"));
        assert!(d.text.contains("通知公告"));
    }
}

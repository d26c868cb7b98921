//! Sets `published: <date>` in a record file, changing nothing else: the line is inserted after
//! the top-level `created:` line (or an existing `published:` line is rewritten in place), with
//! the file's own line ending; a BOM, comments, quoting and the body stay byte for byte.

use crate::values::Date;

/// The file's bytes with `published` set to `date`. `is_md`: a Markdown file with front matter
/// (else a whole-YAML record).
pub fn stamp_published(bytes: &[u8], is_md: bool, date: Date) -> Result<Vec<u8>, String> {
    let (bom, rest) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(r) => (&bytes[..3], r),
        None => (&bytes[..0], bytes),
    };
    let text = std::str::from_utf8(rest).map_err(|_| "the file is not valid UTF-8".to_string())?;
    let mut created = None;
    let mut published = None;
    for (start, line) in front_matter_lines(text, is_md) {
        match top_level_key(line) {
            Some("created") => created = Some((start, line)),
            Some("published") => published = Some((start, line)),
            _ => {}
        }
    }
    let value = format!("published: {date}");
    let stamped = match (published, created) {
        (Some((start, line)), _) => {
            let content = line.trim_end_matches(['\r', '\n']).len();
            format!("{}{value}{}", &text[..start], &text[start + content..])
        }
        (None, Some((start, line))) => {
            let end = start + line.len();
            let eol = if line.ends_with("\r\n") { "\r\n" } else { "\n" };
            if line.ends_with('\n') {
                format!("{}{value}{eol}{}", &text[..end], &text[end..])
            } else {
                format!("{}{eol}{value}{}", &text[..end], &text[end..])
            }
        }
        (None, None) => {
            return Err("no top-level \"created:\" line to put \"published\" after".into());
        }
    };
    let mut out = bom.to_vec();
    out.extend_from_slice(stamped.as_bytes());
    Ok(out)
}

/// The lines (with their byte offset and line ending) that hold the record's YAML mapping.
fn front_matter_lines(text: &str, is_md: bool) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        if is_md {
            if i == 0 {
                continue;
            }
            if line.trim_end() == "---" {
                break;
            }
        }
        out.push((start, line));
    }
    out
}

/// The key of a top-level `key: value` line; indented lines, comments and list items have none.
fn top_level_key(line: &str) -> Option<&str> {
    if line.starts_with([' ', '\t', '#', '-']) {
        return None;
    }
    let (key, _) = line.split_once(':')?;
    Some(key.trim().trim_matches(['"', '\'']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(text: &str, is_md: bool) -> String {
        String::from_utf8(stamp_published(text.as_bytes(), is_md, Date::ymd(2026, 11, 25)).unwrap())
            .unwrap()
    }

    #[test]
    fn inserts_after_created_and_keeps_the_rest() {
        let md = "---\nindex_no: X\ncreated: 2026-11-20  # 成文\ntitle: a\n---\ncreated: in body\n";
        assert_eq!(
            stamp(md, true),
            "---\nindex_no: X\ncreated: 2026-11-20  # 成文\npublished: 2026-11-25\ntitle: a\n---\ncreated: in body\n"
        );
        let yaml = "index_no: X\nbody: |\n  created: no\ncreated: 2026-11-20";
        assert_eq!(
            stamp(yaml, false),
            "index_no: X\nbody: |\n  created: no\ncreated: 2026-11-20\npublished: 2026-11-25"
        );
    }

    #[test]
    fn keeps_crlf_and_bom() {
        let bytes = b"\xEF\xBB\xBF---\r\ncreated: 2026-11-20\r\n---\r\n";
        let out = stamp_published(bytes, true, Date::ymd(2026, 11, 25)).unwrap();
        assert_eq!(
            out,
            b"\xEF\xBB\xBF---\r\ncreated: 2026-11-20\r\npublished: 2026-11-25\r\n---\r\n"
        );
    }

    #[test]
    fn rewrites_a_hand_written_date_in_place() {
        let md = "---\npublished: '2020-01-01'\ncreated: 2026-11-20\n---\n";
        assert_eq!(
            stamp(md, true),
            "---\npublished: 2026-11-25\ncreated: 2026-11-20\n---\n"
        );
    }

    #[test]
    fn refuses_without_created() {
        assert!(stamp_published(b"---\ntitle: a\n---\n", true, Date::ymd(2026, 1, 1)).is_err());
    }
}

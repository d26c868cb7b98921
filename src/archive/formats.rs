//! The file formats a bag may hold, recognised by extension and confirmed by content: magic
//! bytes for binary formats, UTF-8 (checked as a stream) for text formats. Formats the archive
//! does not prefer (legacy office files, WPS, ZIP, unknown ones) are kept and named for conversion.

use crate::record::filetype::{self, FileType};

/// The bag's own formats (sources, pages, metadata) and text; attachment formats are
/// [`FileType`]s, confirmed by [`filetype::sniff`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Md,
    Yaml,
    Xml,
    Csv,
    Txt,
    /// An attachment format (binary), checked by its signature.
    File(FileType),
}

impl Format {
    pub fn from_name(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match ext.as_str() {
            "html" | "htm" => Format::Html,
            "md" => Format::Md,
            "yaml" | "yml" => Format::Yaml,
            "xml" => Format::Xml,
            "csv" => Format::Csv,
            "txt" => Format::Txt,
            _ => Format::File(FileType::from_ext(name)?),
        })
    }

    fn binary(self) -> bool {
        matches!(self, Format::File(_))
    }

    /// Text formats whose first non-blank character must be `<`.
    fn markup(self) -> bool {
        matches!(self, Format::Html | Format::Xml)
    }

    fn name(self) -> &'static str {
        match self {
            Format::Html => "HTML",
            Format::Md => "Markdown",
            Format::Yaml => "YAML",
            Format::Xml => "XML",
            Format::Csv => "CSV",
            Format::Txt => "TXT",
            Format::File(t) => t.label(),
        }
    }
}

/// Formats kept as they are for the long term.
pub const ALLOWED: &str = "pdf, ofd, png, jpg, mp3, mp4, html, md, yaml, xml, csv, txt";

/// What the check found in one file.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Unusable: unreadable, or content that is not what the name says.
    pub problem: Option<String>,
    /// Kept, but not a format the archive prefers: to be converted (doc → pdf/ofd, …).
    pub convert: Option<String>,
}

/// Checks a file's content against its format, chunk by chunk.
pub struct Probe {
    format: Option<Format>,
    head: Vec<u8>,
    /// The last 64 KiB, where a ZIP's central directory names its entries.
    tail: Vec<u8>,
    carry: Vec<u8>,
    problem: Option<String>,
}

const HEAD: usize = 8192;
const TAIL: usize = 64 * 1024;

impl Probe {
    pub fn new(name: &str) -> Probe {
        Probe {
            format: Format::from_name(name),
            head: Vec::new(),
            tail: Vec::new(),
            carry: Vec::new(),
            problem: None,
        }
    }

    pub fn feed(&mut self, chunk: &[u8]) {
        let Some(format) = self.format else { return };
        if self.problem.is_some() {
            return;
        }
        if self.head.len() < HEAD {
            let take = chunk.len().min(HEAD - self.head.len());
            self.head.extend_from_slice(&chunk[..take]);
        }
        if format.binary() {
            self.tail.extend_from_slice(chunk);
            if self.tail.len() > 2 * TAIL {
                self.tail.drain(..self.tail.len() - TAIL);
            }
        } else {
            self.feed_text(chunk);
        }
    }
    fn feed_text(&mut self, chunk: &[u8]) {
        let mut buf = std::mem::take(&mut self.carry);
        buf.extend_from_slice(chunk);
        match std::str::from_utf8(&buf) {
            Ok(s) if s.contains('\0') => self.problem = Some("text holds NUL bytes".into()),
            Ok(_) => {}
            Err(e) if e.error_len().is_none() => {
                // A character cut at the chunk's end: keep its bytes for the next chunk.
                let (ok, rest) = buf.split_at(e.valid_up_to());
                if ok.contains(&0) {
                    self.problem = Some("text holds NUL bytes".into());
                }
                self.carry = rest.to_vec();
            }
            Err(e) => {
                self.problem = Some(format!(
                    "not UTF-8 text (invalid byte near offset {})",
                    e.valid_up_to()
                ));
            }
        }
    }

    /// What was found, once the whole file was fed.
    pub fn finish(self) -> Outcome {
        let problem = self.problem();
        let convert = match (problem.is_some(), self.format) {
            (true, _) => None,
            (false, None) => Some("格式不在长期保存格式之列，需转换".to_string()),
            (false, Some(Format::File(t))) if !t.archive_preferred() => Some(format!(
                "{} 不是长期保存格式，需转换为 PDF/OFD 等",
                t.label()
            )),
            _ => None,
        };
        Outcome { problem, convert }
    }

    fn problem(&self) -> Option<String> {
        if self.problem.is_some() {
            return self.problem.clone();
        }
        let format = self.format?;
        if let Format::File(t) = format {
            let family = filetype::sniff(&self.head, &self.tail);
            return (!t.family_matches(family)).then(|| {
                format!(
                    "content does not look like {} (wrong signature bytes)",
                    format.name()
                )
            });
        }
        if !self.carry.is_empty() {
            return Some("not UTF-8 text (cut off in a character)".into());
        }
        if format.markup() {
            let text = String::from_utf8_lossy(&self.head);
            let first = text
                .trim_start_matches('\u{feff}')
                .trim_start()
                .chars()
                .next();
            if first != Some('<') {
                return Some(format!(
                    "content does not look like {} (no leading \"<\")",
                    format.name()
                ));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(name: &str, chunks: &[&[u8]]) -> Outcome {
        let mut p = Probe::new(name);
        for c in chunks {
            p.feed(c);
        }
        p.finish()
    }

    fn probe(name: &str, chunks: &[&[u8]]) -> Option<String> {
        outcome(name, chunks).problem
    }

    #[test]
    fn legacy_and_audio_video_formats_are_kept_and_named_for_conversion() {
        let ole: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
        for name in ["a.doc", "a.xls", "a.wps", "a.et"] {
            let o = outcome(name, &[ole]);
            assert_eq!(o.problem, None, "{name}");
            assert!(o.convert.is_some(), "{name}");
        }
        assert_eq!(outcome("a.mp3", &[b"ID3\x04"]), Outcome::default());
        assert_eq!(
            outcome("a.mp4", &[b"\0\0\0\x18ftypisom"]),
            Outcome::default()
        );
        let zip = outcome("a.zip", &[b"PK\x03\x04"]);
        assert!(zip.problem.is_none() && zip.convert.is_some());
        let rar = outcome("a.rar", &[b"Rar!"]);
        assert!(rar.problem.is_none() && rar.convert.is_some());
        assert!(outcome("a.doc", &[b"%PDF-"]).problem.is_some());
    }

    #[test]
    fn extension_and_content_must_agree() {
        assert_eq!(probe("a.pdf", &[b"%PD", b"F-1.4\n"]), None);
        assert!(probe("a.pdf", &[b"<html>"]).is_some());
        assert_eq!(probe("a.PNG", &[b"\x89PNG\r\n\x1a\nrest"]), None);
        assert!(outcome("a.exe", &[b"MZ"]).convert.is_some());
        assert!(outcome("noext", &[b"x"]).convert.is_some());
        assert_eq!(probe("a.docx", &[b"PK\x03\x04"]), None);
        assert_eq!(probe("a.jpg", &[b"\xff\xd8\xff\xe0"]), None);
    }

    #[test]
    fn text_is_checked_as_a_stream() {
        let s = "标题\n".as_bytes();
        // A character split across chunks is fine.
        assert_eq!(probe("a.md", &[&s[..2], &s[2..]]), None);
        assert!(probe("a.md", &[&s[..2]]).is_some());
        assert!(probe("a.txt", &[b"a\xffb"]).is_some());
        assert!(probe("a.csv", &[b"a\0b"]).is_some());
        assert_eq!(
            probe("a.html", &["\u{feff}  <!doctype html>".as_bytes()]),
            None
        );
        assert!(probe("a.xml", &[b"hello"]).is_some());
    }
}

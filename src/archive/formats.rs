//! The file formats a bag may hold, recognised by extension and confirmed by content: magic
//! bytes for binary formats, UTF-8 (checked as a stream) for text formats.

/// An allowed format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Ofd,
    Xlsx,
    Docx,
    Png,
    Jpg,
    Html,
    Md,
    Yaml,
    Xml,
    Csv,
    Txt,
}

impl Format {
    pub fn from_name(name: &str) -> Option<Format> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match ext.as_str() {
            "pdf" => Format::Pdf,
            "ofd" => Format::Ofd,
            "xlsx" => Format::Xlsx,
            "docx" => Format::Docx,
            "png" => Format::Png,
            "jpg" | "jpeg" => Format::Jpg,
            "html" | "htm" => Format::Html,
            "md" => Format::Md,
            "yaml" | "yml" => Format::Yaml,
            "xml" => Format::Xml,
            "csv" => Format::Csv,
            "txt" => Format::Txt,
            _ => return None,
        })
    }

    fn magic(self) -> Option<&'static [u8]> {
        match self {
            Format::Pdf => Some(b"%PDF-"),
            // OFD (GB/T 33190), XLSX and DOCX are all ZIP containers.
            Format::Ofd | Format::Xlsx | Format::Docx => Some(b"PK\x03\x04"),
            Format::Png => Some(b"\x89PNG\r\n\x1a\n"),
            Format::Jpg => Some(b"\xff\xd8\xff"),
            _ => None,
        }
    }

    /// Text formats whose first non-blank character must be `<`.
    fn markup(self) -> bool {
        matches!(self, Format::Html | Format::Xml)
    }
}

pub const ALLOWED: &str = "pdf, ofd, xlsx, docx, png, jpg, html, md, yaml, xml, csv, txt";

/// Checks a file's content against its format, chunk by chunk.
pub struct Probe {
    format: Option<Format>,
    head: Vec<u8>,
    carry: Vec<u8>,
    problem: Option<String>,
}

impl Probe {
    pub fn new(name: &str) -> Probe {
        let format = Format::from_name(name);
        Probe {
            format,
            head: Vec::new(),
            carry: Vec::new(),
            problem: format
                .is_none()
                .then(|| format!("not an allowed format (allowed: {ALLOWED})")),
        }
    }

    pub fn feed(&mut self, chunk: &[u8]) {
        let Some(format) = self.format else { return };
        if self.problem.is_some() {
            return;
        }
        if self.head.len() < 64 {
            let take = chunk.len().min(64 - self.head.len());
            self.head.extend_from_slice(&chunk[..take]);
        }
        if format.magic().is_none() {
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

    /// The problem found, if any, once the whole file was fed.
    pub fn finish(mut self) -> Option<String> {
        if self.problem.is_some() {
            return self.problem;
        }
        let format = self.format?;
        if let Some(magic) = format.magic() {
            return (!self.head.starts_with(magic))
                .then(|| format!("content does not look like {format:?} (wrong signature bytes)"));
        }
        if !self.carry.is_empty() {
            self.problem = Some("not UTF-8 text (cut off in a character)".into());
        } else if format.markup() {
            let text = String::from_utf8_lossy(&self.head);
            let first = text
                .trim_start_matches('\u{feff}')
                .trim_start()
                .chars()
                .next();
            if first != Some('<') {
                self.problem = Some(format!(
                    "content does not look like {format:?} (no leading \"<\")"
                ));
            }
        }
        self.problem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probe(name: &str, chunks: &[&[u8]]) -> Option<String> {
        let mut p = Probe::new(name);
        for c in chunks {
            p.feed(c);
        }
        p.finish()
    }

    #[test]
    fn extension_and_content_must_agree() {
        assert_eq!(probe("a.pdf", &[b"%PD", b"F-1.4\n"]), None);
        assert!(probe("a.pdf", &[b"<html>"]).is_some());
        assert_eq!(probe("a.PNG", &[b"\x89PNG\r\n\x1a\nrest"]), None);
        assert!(probe("a.exe", &[b"MZ"]).unwrap().contains("allowed"));
        assert!(probe("noext", &[b"x"]).is_some());
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

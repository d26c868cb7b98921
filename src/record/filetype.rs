//! What an attachment is, judged by its content, not its name: the formats offices publish
//! (PDF, OFD, Word/Excel/WPS old and new, CSV/TXT, JPEG/PNG, MP3/MP4, ZIP) from their signature
//! bytes, and the *active* formats (HTML, SVG, JavaScript, XML that carries markup) that would run
//! script on the site's own domain and are never copied to `files/`.

use serde::{Deserialize, Serialize};

/// An attachment's format, as confirmed by content (or by its name where the content family,
/// such as OLE2 or ZIP, holds several formats).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum FileType {
    Pdf,
    Ofd,
    Doc,
    Docx,
    Xls,
    Xlsx,
    Wps,
    Et,
    Ppt,
    Pptx,
    Csv,
    Txt,
    Jpg,
    Png,
    Mp3,
    Mp4,
    Zip,
    /// Content of no format listed here.
    Other,
}

/// What the content's first bytes (and, for ZIP, the names it holds) say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Pdf,
    /// OLE2 compound file: doc, xls, ppt, wps, et.
    Ole2,
    /// ZIP container, with what its entry names suggest.
    Zip(FileType),
    Jpg,
    Png,
    Mp3,
    Mp4,
    /// Plain text (UTF-8 or a legacy Chinese encoding: no NUL bytes).
    Text,
    /// HTML, SVG, script or XML that can carry script.
    Active,
    Unknown,
}

/// Extensions refused whatever the content: browsers run them as pages or scripts.
const ACTIVE_EXT: [&str; 13] = [
    "html", "htm", "xhtml", "shtml", "svg", "svgz", "js", "mjs", "xml", "xsl", "xslt", "swf", "hta",
];

/// Markers that make text a page or script when a browser opens it (lowercase).
const ACTIVE_MARKERS: [&str; 8] = [
    "<html",
    "<!doctype html",
    "<svg",
    "<script",
    "<?xml-stylesheet",
    "http://www.w3.org/1999/xhtml",
    "<body",
    "<iframe",
];

impl FileType {
    /// The format a file name claims.
    pub fn from_ext(name: &str) -> Option<FileType> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match ext.as_str() {
            "pdf" => FileType::Pdf,
            "ofd" => FileType::Ofd,
            "doc" => FileType::Doc,
            "docx" => FileType::Docx,
            "xls" => FileType::Xls,
            "xlsx" => FileType::Xlsx,
            "wps" => FileType::Wps,
            "et" => FileType::Et,
            "ppt" => FileType::Ppt,
            "pptx" => FileType::Pptx,
            "csv" => FileType::Csv,
            "txt" => FileType::Txt,
            "jpg" | "jpeg" => FileType::Jpg,
            "png" => FileType::Png,
            "mp3" => FileType::Mp3,
            "mp4" | "m4a" | "m4v" => FileType::Mp4,
            "zip" => FileType::Zip,
            _ => return None,
        })
    }

    /// Whether content of `family` is this format.
    pub fn family_matches(self, family: Family) -> bool {
        use FileType as T;
        match family {
            Family::Pdf => self == T::Pdf,
            Family::Ole2 => matches!(self, T::Doc | T::Xls | T::Wps | T::Et | T::Ppt),
            // Any ZIP-based format is a ZIP; the entry names only refine the guess.
            Family::Zip(guess) => {
                matches!(self, T::Docx | T::Xlsx | T::Pptx | T::Ofd | T::Zip)
                    && (guess == T::Zip || guess == self || self == T::Zip)
            }
            Family::Jpg => self == T::Jpg,
            Family::Png => self == T::Png,
            Family::Mp3 => self == T::Mp3,
            Family::Mp4 => self == T::Mp4,
            Family::Text => matches!(self, T::Csv | T::Txt),
            Family::Active | Family::Unknown => false,
        }
    }

    /// The label on the record page's attachment list.
    pub fn label(self) -> &'static str {
        match self {
            FileType::Pdf => "PDF",
            FileType::Ofd => "OFD",
            FileType::Doc => "DOC",
            FileType::Docx => "DOCX",
            FileType::Xls => "XLS",
            FileType::Xlsx => "XLSX",
            FileType::Wps => "WPS",
            FileType::Et => "ET",
            FileType::Ppt => "PPT",
            FileType::Pptx => "PPTX",
            FileType::Csv => "CSV",
            FileType::Txt => "TXT",
            FileType::Jpg => "JPG",
            FileType::Png => "PNG",
            FileType::Mp3 => "MP3",
            FileType::Mp4 => "MP4",
            FileType::Zip => "ZIP",
            FileType::Other => "文件",
        }
    }

    /// Formats the long-term archive prefers (DA/T 47, GB/T 33190): kept as they are. The
    /// others are kept too, and named in the archive's report as needing conversion.
    pub fn archive_preferred(self) -> bool {
        matches!(
            self,
            FileType::Pdf
                | FileType::Ofd
                | FileType::Csv
                | FileType::Txt
                | FileType::Jpg
                | FileType::Png
                | FileType::Mp3
                | FileType::Mp4
        )
    }
}

/// The content family of a file from its first bytes `head` (a few KiB) and, for ZIP, its last
/// bytes `tail` (where the central directory names the entries).
pub fn sniff(head: &[u8], tail: &[u8]) -> Family {
    if head.starts_with(b"%PDF-") {
        return Family::Pdf;
    }
    if head.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Family::Ole2;
    }
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        let has = |n: &[u8]| contains(head, n) || contains(tail, n);
        let guess = if has(b"OFD.xml") {
            FileType::Ofd
        } else if has(b"word/") {
            FileType::Docx
        } else if has(b"xl/") {
            FileType::Xlsx
        } else if has(b"ppt/") {
            FileType::Pptx
        } else {
            FileType::Zip
        };
        return Family::Zip(guess);
    }
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Family::Png;
    }
    if head.starts_with(b"\xff\xd8\xff") {
        return Family::Jpg;
    }
    if head.get(4..8) == Some(b"ftyp") {
        return Family::Mp4;
    }
    if head.starts_with(b"ID3")
        || (head.len() > 1 && head[0] == 0xFF && matches!(head[1] & 0xE6, 0xE2))
    {
        return Family::Mp3;
    }
    if head.is_empty() {
        return Family::Text;
    }
    if head.contains(&0) {
        return Family::Unknown;
    }
    if is_active_text(head) {
        return Family::Active;
    }
    Family::Text
}

/// Text a browser would run as a page: markup markers near the start, in any case.
pub fn is_active_text(head: &[u8]) -> bool {
    let lower: Vec<u8> = head
        .iter()
        .filter(|b| !b.is_ascii_whitespace() && **b != 0)
        .map(u8::to_ascii_lowercase)
        .collect();
    ACTIVE_MARKERS.iter().any(|m| {
        let m: Vec<u8> = m.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
        contains(&lower, &m)
    })
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// Whether a file name names an active format.
pub fn active_ext(name: &str) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(_, e)| ACTIVE_EXT.contains(&e.to_ascii_lowercase().as_str()))
}

/// The verdict on one attachment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The content confirms the name (or the name says nothing and the content does).
    Ok(FileType),
    /// A usable format whose content does not match its name: a warning; the content wins.
    Mismatch {
        claimed: Option<FileType>,
        found: FileType,
    },
    /// Nothing recognisable: kept, with a warning.
    Unknown,
    /// HTML, SVG, script: refused.
    Active,
}

/// Judges a file from its name and content.
pub fn judge(name: &str, head: &[u8], tail: &[u8]) -> Verdict {
    let family = sniff(head, tail);
    if active_ext(name) || family == Family::Active {
        return Verdict::Active;
    }
    let claimed = FileType::from_ext(name);
    if let Some(t) = claimed
        && t.family_matches(family)
    {
        return Verdict::Ok(t);
    }
    let found = match family {
        Family::Pdf => FileType::Pdf,
        Family::Ole2 => FileType::Doc,
        Family::Zip(g) => g,
        Family::Jpg => FileType::Jpg,
        Family::Png => FileType::Png,
        Family::Mp3 => FileType::Mp3,
        Family::Mp4 => FileType::Mp4,
        Family::Text => FileType::Txt,
        Family::Active => return Verdict::Active,
        Family::Unknown => return Verdict::Unknown,
    };
    if claimed.is_none() && family == Family::Ole2 {
        // An OLE2 file under an unknown name: some legacy office document.
        return Verdict::Mismatch {
            claimed: None,
            found,
        };
    }
    Verdict::Mismatch { claimed, found }
}

/// Reads the first 8 KiB and last 64 KiB of a file for [`judge`].
pub fn read_ends(path: &std::path::Path) -> std::io::Result<(Vec<u8>, Vec<u8>)> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = std::fs::File::open(path)?;
    let len = f.metadata()?.len();
    let mut head = Vec::with_capacity(8192);
    (&mut f).take(8192).read_to_end(&mut head)?;
    let mut tail = Vec::new();
    if len > 8192 {
        let from = len.saturating_sub(64 * 1024).max(8192);
        f.seek(SeekFrom::Start(from))?;
        f.take(64 * 1024).read_to_end(&mut tail)?;
    }
    Ok((head, tail))
}

#[cfg(test)]
mod tests {
    use super::*;

    const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest";

    #[test]
    fn formats_offices_publish_are_confirmed_by_content() {
        let ok = |name: &str, head: &[u8], t| assert_eq!(judge(name, head, b""), Verdict::Ok(t));
        ok("a.pdf", b"%PDF-1.7\n", FileType::Pdf);
        ok("a.DOC", OLE, FileType::Doc);
        ok("a.xls", OLE, FileType::Xls);
        ok("a.wps", OLE, FileType::Wps);
        ok("a.et", OLE, FileType::Et);
        ok("a.docx", b"PK\x03\x04....word/document.xml", FileType::Docx);
        ok("a.xlsx", b"PK\x03\x04....xl/workbook.xml", FileType::Xlsx);
        ok("a.ofd", b"PK\x03\x04....OFD.xml", FileType::Ofd);
        ok("a.zip", b"PK\x03\x04....word/x", FileType::Zip);
        ok("a.mp3", b"ID3\x04\0", FileType::Mp3);
        ok("a.mp3", b"\xFF\xFB\x90\x00", FileType::Mp3);
        ok("a.mp4", b"\0\0\0\x18ftypmp42", FileType::Mp4);
        ok("a.jpg", b"\xff\xd8\xff\xe0", FileType::Jpg);
        ok("a.png", b"\x89PNG\r\n\x1a\n", FileType::Png);
        ok("a.csv", "姓名,电话\n".as_bytes(), FileType::Csv);
        ok("a.txt", b"", FileType::Txt);
    }

    #[test]
    fn a_name_that_lies_is_a_mismatch_and_the_content_wins() {
        assert_eq!(
            judge("a.pdf", b"\x89PNG\r\n\x1a\n", b""),
            Verdict::Mismatch {
                claimed: Some(FileType::Pdf),
                found: FileType::Png
            }
        );
        assert_eq!(
            judge("a.docx", b"PK\x03\x04 xl/sheet", b""),
            Verdict::Mismatch {
                claimed: Some(FileType::Docx),
                found: FileType::Xlsx
            }
        );
        assert_eq!(judge("a.bin", b"\x00\x01\x02", b""), Verdict::Unknown);
    }

    #[test]
    fn active_files_are_refused_by_name_and_by_content() {
        for name in ["a.html", "a.HTM", "a.svg", "a.js", "a.xhtml", "a.xml"] {
            assert_eq!(judge(name, b"plain", b""), Verdict::Active, "{name}");
        }
        for head in [
            &b"<!DOCTYPE html><p>x"[..],
            b"\xef\xbb\xbf  <svg xmlns='http://www.w3.org/2000/svg'><script>",
            b"<HTML><BODY>",
            b"hello <ScRiPt>alert(1)</script>",
            b"< s c r i p t >",
        ] {
            for name in ["a.pdf", "a.txt", "a.csv", "noext"] {
                assert_eq!(judge(name, head, b""), Verdict::Active, "{name}");
            }
        }
        // Text that merely mentions angle brackets stays text.
        assert_eq!(
            judge("a.txt", "a < b, c > d".as_bytes(), b""),
            Verdict::Ok(FileType::Txt)
        );
    }

    #[test]
    fn zip_entry_names_are_read_from_the_central_directory_too() {
        let tail = b"PK\x01\x02....word/document.xml";
        assert_eq!(
            sniff(b"PK\x03\x04 [Content_Types].xml", tail),
            Family::Zip(FileType::Docx)
        );
    }
}

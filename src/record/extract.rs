//! The text inside an attachment, for the personal-data scan, each piece with its place:
//! `Sheet1!C7` in a spreadsheet, `第3页` in a PDF or OFD, `第12行` in CSV or text, `第4段` in a
//! Word document. Every reader is bounded: files over [`MAX_FILE`] are not opened, ZIP entries
//! are read through a size cap whatever their header claims (zip bombs), PDF pages are
//! decompressed under a limit, spreadsheets are read cell by cell, and no more than
//! [`MAX_TEXT`] bytes of text are kept. What cannot be read (a scanned PDF without a text layer,
//! an encrypted file, an old binary Word file) is said, never silently passed.

use std::io::Read;
use std::path::Path;

use super::filetype::FileType;

/// Larger files are not scanned (a warning says so).
pub const MAX_FILE: u64 = 64 * 1024 * 1024;
/// At most this much decompressed XML is read from one ZIP entry.
const MAX_ENTRY: u64 = 128 * 1024 * 1024;
/// At most this much text is kept from one attachment.
pub const MAX_TEXT: usize = 64 * 1024 * 1024;

/// A piece of text and where it is in the attachment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub place: String,
    pub text: String,
}

/// What could be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Extracted {
    /// The text, in pieces.
    Text(Vec<Piece>),
    /// Text-bearing in principle, but not readable here: why.
    Unreadable(String),
    /// Not a text format (images, audio, video, archives).
    NoText,
}

/// The messages of this module, in one place.
mod msg {
    pub const TOO_LARGE: &str = "文件过大，未检查其中的个人信息";
    pub const ENCRYPTED: &str = "文件已加密，无法检查其中的个人信息";
    pub const NO_TEXT_LAYER: &str = "PDF 没有文字层（扫描件），无法检查其中的个人信息，请人工核对";
    pub fn broken(what: &str, e: impl std::fmt::Display) -> String {
        format!("无法读取{what}（{e}），未检查其中的个人信息")
    }
}

/// Reads the text of the attachment at `path`, of the confirmed `format`.
pub fn extract(path: &Path, format: FileType) -> Extracted {
    use FileType as T;
    if matches!(
        format,
        T::Jpg | T::Png | T::Mp3 | T::Mp4 | T::Zip | T::Other | T::Ppt | T::Pptx
    ) {
        return Extracted::NoText;
    }
    match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_FILE => return Extracted::Unreadable(msg::TOO_LARGE.into()),
        Ok(_) => {}
        Err(e) => return Extracted::Unreadable(msg::broken("文件", e)),
    }
    let result = match format {
        T::Csv | T::Txt => lines(path),
        T::Xlsx => xlsx(path),
        T::Xls | T::Et => xls(path),
        T::Docx => docx(path),
        T::Ofd => ofd(path),
        T::Pdf => pdf(path),
        T::Doc | T::Wps => legacy_word(path),
        _ => return Extracted::NoText,
    };
    result.unwrap_or_else(Extracted::Unreadable)
}

type Result<T> = std::result::Result<T, String>;

/// CSV and text, line by line: UTF-8, or lossily (a GBK file keeps its digits and addresses).
fn lines(path: &Path) -> Result<Extracted> {
    let bytes = std::fs::read(path).map_err(|e| msg::broken("文件", e))?;
    let text = String::from_utf8_lossy(&bytes);
    let pieces = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.bytes().any(|b| b.is_ascii_alphanumeric()))
        .map(|(i, l)| Piece {
            place: format!("第{}行", i + 1),
            text: l.to_string(),
        })
        .collect();
    Ok(Extracted::Text(pieces))
}

/// `C7` for row 6, column 2 (both from 0).
fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        letters.push(b'A' + ((c - 1) % 26) as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

/// A number as it would be typed: `13812345678`, not `13812345678.0` or `1.38e10`.
fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e17 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

struct Budget {
    left: usize,
}

impl Budget {
    fn take(&mut self, s: &str) -> bool {
        if s.len() > self.left {
            return false;
        }
        self.left -= s.len();
        true
    }
}

fn xlsx(path: &Path) -> Result<Extracted> {
    use calamine::{DataRef, Reader, Xlsx};
    let file = std::fs::File::open(path).map_err(|e| msg::broken("文件", e))?;
    let mut book: Xlsx<_> = Xlsx::new(std::io::BufReader::new(file))
        .map_err(|e| encrypted_or(&e.to_string(), "电子表格"))?;
    let mut pieces = Vec::new();
    let mut budget = Budget { left: MAX_TEXT };
    for sheet in book.sheet_names().to_owned() {
        let mut cells = book
            .worksheet_cells_reader(&sheet)
            .map_err(|e| msg::broken("电子表格", e))?;
        while let Some(cell) = cells.next_cell().map_err(|e| msg::broken("电子表格", e))? {
            let text = match cell.get_value() {
                DataRef::String(s) => s.clone(),
                DataRef::SharedString(s) => s.to_string(),
                DataRef::Int(i) => i.to_string(),
                DataRef::Float(f) => number_text(*f),
                _ => continue,
            };
            if !text.bytes().any(|b| b.is_ascii_alphanumeric()) && !text.contains('＠') {
                continue;
            }
            if !budget.take(&text) {
                break;
            }
            let (row, col) = cell.get_position();
            pieces.push(Piece {
                place: format!("{sheet}!{}", cell_name(row, col)),
                text,
            });
        }
    }
    Ok(Extracted::Text(pieces))
}

/// Old Excel (BIFF, also WPS 表格 `.et` saved in that form).
fn xls(path: &Path) -> Result<Extracted> {
    use calamine::{Data, Reader, Xls};
    let file = std::fs::File::open(path).map_err(|e| msg::broken("文件", e))?;
    let mut book: Xls<_> = Xls::new(std::io::BufReader::new(file))
        .map_err(|e| encrypted_or(&e.to_string(), "电子表格"))?;
    let mut pieces = Vec::new();
    let mut budget = Budget { left: MAX_TEXT };
    for sheet in book.sheet_names().to_owned() {
        let range = book
            .worksheet_range(&sheet)
            .map_err(|e| msg::broken("电子表格", e))?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, row) in range.rows().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let text = match v {
                    Data::String(s) => s.clone(),
                    Data::Int(i) => i.to_string(),
                    Data::Float(f) => number_text(*f),
                    _ => continue,
                };
                if !text.bytes().any(|b| b.is_ascii_alphanumeric()) || !budget.take(&text) {
                    continue;
                }
                pieces.push(Piece {
                    place: format!("{sheet}!{}", cell_name(r0 + r as u32, c0 + c as u32)),
                    text,
                });
            }
        }
    }
    Ok(Extracted::Text(pieces))
}

fn encrypted_or(e: &str, what: &str) -> String {
    let lower = e.to_lowercase();
    if lower.contains("encrypt") || lower.contains("password") {
        msg::ENCRYPTED.into()
    } else {
        msg::broken(what, e)
    }
}

/// Reads the entries of a ZIP whose names `want` accepts, each through the size cap.
fn zip_entries(path: &Path, want: impl Fn(&str) -> bool) -> Result<Vec<(String, String)>> {
    zip_entries_capped(path, want, MAX_ENTRY)
}

fn zip_entries_capped(
    path: &Path,
    want: impl Fn(&str) -> bool,
    cap: u64,
) -> Result<Vec<(String, String)>> {
    let file = std::fs::File::open(path).map_err(|e| msg::broken("文件", e))?;
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file))
        .map_err(|e| msg::broken("压缩容器", e))?;
    let mut names: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .filter(|n| want(n))
        .collect();
    names.sort_by_key(|n| natural_key(n));
    let mut out = Vec::new();
    let mut left = MAX_TEXT as u64;
    for name in names {
        let entry = zip
            .by_name(&name)
            .map_err(|e| encrypted_or(&e.to_string(), "压缩容器"))?;
        let mut bytes = Vec::new();
        entry
            .take(cap.min(left * 4))
            .read_to_end(&mut bytes)
            .map_err(|e| encrypted_or(&e.to_string(), "压缩容器"))?;
        left = left.saturating_sub(bytes.len() as u64 / 4);
        out.push((name, String::from_utf8_lossy(&bytes).into_owned()));
    }
    Ok(out)
}

/// `Page_10` after `Page_9`.
fn natural_key(name: &str) -> (String, u64) {
    let digits: String = name
        .chars()
        .rev()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let n = digits.parse().unwrap_or(0);
    (name.replace(&digits, ""), n)
}

/// The text of XML elements named `tag` (`w:t`, `ofd:TextCode`), each closing `block` tag
/// ending a piece.
fn xml_text(xml: &str, tag: &str, block: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let end_block = format!("</{block}>");
    let mut rest = xml;
    loop {
        let next_open = rest.find(&open);
        let next_block = rest.find(&end_block);
        match (next_open, next_block) {
            (Some(o), b) if b.is_none_or(|b| o < b) => {
                let after = &rest[o + open.len()..];
                // `<w:t>` or `<w:t xml:space=…>`, not `<w:tab/>`.
                if !after.starts_with(['>', ' ']) {
                    rest = after;
                    continue;
                }
                let Some(gt) = after.find('>') else { break };
                if after[..gt].ends_with('/') {
                    rest = &after[gt + 1..];
                    continue;
                }
                let body = &after[gt + 1..];
                let Some(end) = body.find(&close) else { break };
                cur.push_str(&unescape(&body[..end]));
                rest = &body[end + close.len()..];
            }
            (_, Some(b)) => {
                out.push(std::mem::take(&mut cur));
                rest = &rest[b + end_block.len()..];
            }
            _ => break,
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn docx(path: &Path) -> Result<Extracted> {
    let parts = zip_entries(path, |n| {
        n == "word/document.xml"
            || (n.starts_with("word/") && (n.contains("header") || n.contains("footer")))
    })?;
    let mut pieces = Vec::new();
    let mut para = 0;
    for (_, xml) in parts {
        for text in xml_text(&xml, "w:t", "w:p") {
            para += 1;
            if text.bytes().any(|b| b.is_ascii_alphanumeric()) {
                pieces.push(Piece {
                    place: format!("第{para}段"),
                    text,
                });
            }
        }
    }
    Ok(Extracted::Text(pieces))
}

/// OFD (GB/T 33190): each page's `Content.xml` holds its text in `TextCode` elements.
fn ofd(path: &Path) -> Result<Extracted> {
    let pages = zip_entries(path, |n| n.contains("Pages/") && n.ends_with("Content.xml"))?;
    let mut pieces = Vec::new();
    for (i, (_, xml)) in pages.iter().enumerate() {
        let tag = if xml.contains("<ofd:TextCode") {
            "ofd:TextCode"
        } else {
            "TextCode"
        };
        let block = if tag.starts_with("ofd:") {
            "ofd:TextObject"
        } else {
            "TextObject"
        };
        let text = xml_text(xml, tag, block).join("\n");
        if !text.is_empty() {
            pieces.push(Piece {
                place: format!("第{}页", i + 1),
                text,
            });
        }
    }
    Ok(Extracted::Text(pieces))
}

fn pdf(path: &Path) -> Result<Extracted> {
    let bytes = std::fs::read(path).map_err(|e| msg::broken("文件", e))?;
    let doc = lopdf::Document::load_mem(&bytes).map_err(|e| encrypted_or(&e.to_string(), "PDF"))?;
    if doc.is_encrypted() {
        return Err(msg::ENCRYPTED.into());
    }
    let mut pieces = Vec::new();
    let mut any_text = false;
    let mut budget = Budget { left: MAX_TEXT };
    for (n, _) in doc.get_pages() {
        let text = doc
            .extract_text_with_limit(&[n], 32 * 1024 * 1024)
            .unwrap_or_default();
        any_text |= text.chars().any(|c| !c.is_whitespace());
        if !budget.take(&text) {
            break;
        }
        if text.bytes().any(|b| b.is_ascii_alphanumeric()) {
            pieces.push(Piece {
                place: format!("第{n}页"),
                text,
            });
        }
    }
    if !any_text {
        return Err(msg::NO_TEXT_LAYER.into());
    }
    Ok(Extracted::Text(pieces))
}

/// Old binary Word and WPS 文字: no well-kept reader exists; their text is stored as UTF-16LE
/// (or 8-bit) runs, which are read as such. Digits and addresses survive; layout does not.
fn legacy_word(path: &Path) -> Result<Extracted> {
    let bytes = std::fs::read(path).map_err(|e| msg::broken("文件", e))?;
    let mut text = String::new();
    // UTF-16LE runs of printable characters.
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|p| u16::from_le_bytes([p[0], p[1]]))
        .collect();
    let mut run = String::new();
    for u in units {
        match char::from_u32(u32::from(u)) {
            Some(c) if !c.is_control() || c == '\r' || c == '\n' => run.push(c),
            _ => {
                if run.chars().count() >= 4 {
                    text.push_str(&run);
                    text.push('\n');
                }
                run.clear();
            }
        }
        if text.len() > MAX_TEXT {
            break;
        }
    }
    text.push_str(&run);
    text.push('\n');
    // 8-bit runs (Word stores Latin text one byte a character).
    for run in bytes.split(|b| !(b.is_ascii_graphic() || *b == b' ')) {
        if run.len() >= 6 && text.len() < MAX_TEXT {
            text.push_str(&String::from_utf8_lossy(run));
            text.push('\n');
        }
    }
    let pieces = text
        .split(['\r', '\n'])
        .filter(|l| l.bytes().any(|b| b.is_ascii_alphanumeric()))
        .map(|l| Piece {
            place: "正文".into(),
            text: l.to_string(),
        })
        .collect();
    Ok(Extracted::Text(pieces))
}

#[cfg(test)]
pub(crate) mod tests;

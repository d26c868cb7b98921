//! Spreadsheets as rows of text: CSV (UTF-8 or GB18030, see [`super::decode`]), XLSX and XLS
//! (calamine). Each row keeps its line (CSV: the line it starts on) or row number (Excel), so
//! every problem is located; limits hold a hostile file to bounded memory and time.

use std::path::Path;

use super::limits::{MAX_CELL_BYTES, MAX_COLUMNS, MAX_ROWS, MAX_TABLE_BYTES};
use super::msg;
use crate::diag::{Code, Diagnostic, Pos};

/// A sheet read as text: its rows with their line numbers; the header row is found later.
#[derive(Debug, Default)]
pub struct Sheet {
    pub rows: Vec<(u32, Vec<String>)>,
    /// The encoding a CSV was read in (`UTF-8`, `gb18030`); `None` for Excel.
    pub encoding: Option<&'static str>,
}

/// Reads the spreadsheet at `path` (shown as `shown`); problems go to `diags`.
pub fn read(path: &Path, shown: &str, diags: &mut Vec<Diagnostic>) -> Option<Sheet> {
    let bytes = match crate::fsutil::read_capped(path, MAX_TABLE_BYTES) {
        Ok(b) if b.len() > MAX_TABLE_BYTES => {
            diags.push(err(shown, 1, msg::too_large(MAX_TABLE_BYTES)));
            return None;
        }
        Ok(b) => b,
        Err(e) => {
            diags.push(err(shown, 0, msg::unreadable(&e.to_string())));
            return None;
        }
    };
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "xlsx" | "xlsm" => excel(bytes, shown, diags, true),
        "xls" | "et" => excel(bytes, shown, diags, false),
        _ => Some(csv_rows(&bytes, shown, diags)),
    }
}

fn err(shown: &str, line: u32, m: crate::i18n::Msg) -> Diagnostic {
    Diagnostic::error(Code::ImportUnreadable, shown, Pos::new(line, 1), m)
}

/// Parses CSV bytes; a malformed record is reported where it starts and the rest still read.
pub fn csv_rows(bytes: &[u8], shown: &str, diags: &mut Vec<Diagnostic>) -> Sheet {
    let decoded = super::decode::decode_table(bytes);
    if decoded.malformed {
        diags.push(Diagnostic::warning(
            Code::ImportEncoding,
            shown,
            Pos::new(1, 1),
            msg::encoding_malformed(decoded.encoding),
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(decoded.text.as_bytes());
    let mut sheet = Sheet {
        rows: Vec::new(),
        encoding: Some(decoded.encoding),
    };
    let mut record = csv::StringRecord::new();
    // Lines counted from byte offsets: the csv reader's own line count is off after CRLF.
    let text = decoded.text.as_bytes();
    let (mut at_byte, mut at_line) = (0usize, 1u32);
    let mut line_of = |byte: u64| -> u32 {
        // With CRLF a record's start is put before the `\n` that ended the one before.
        let mut byte = (byte as usize).min(text.len());
        while byte < text.len() && matches!(text[byte], b'\r' | b'\n') {
            byte += 1;
        }
        if byte >= at_byte {
            at_line += text[at_byte..byte].iter().filter(|&&b| b == b'\n').count() as u32;
            at_byte = byte;
        }
        at_line
    };
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| line_of(p.byte()));
                if sheet.rows.len() >= MAX_ROWS {
                    diags.push(err(shown, line, msg::too_many_rows(MAX_ROWS)));
                    break;
                }
                let cells = record
                    .iter()
                    .take(MAX_COLUMNS)
                    .map(str::to_string)
                    .collect();
                sheet.rows.push((line, cells));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| line_of(p.byte()));
                diags.push(err(shown, line, msg::csv_syntax(&e.to_string())));
                // The csv reader resumes after the bad record; a reader that cannot is done.
                if !matches!(
                    e.kind(),
                    csv::ErrorKind::UnequalLengths { .. } | csv::ErrorKind::Utf8 { .. }
                ) {
                    break;
                }
            }
        }
    }
    sheet
}

/// Cuts a cell to [`MAX_CELL_BYTES`] at a character boundary; true when it was cut.
pub fn cap_cell(s: &mut String) -> bool {
    if s.len() <= MAX_CELL_BYTES {
        return false;
    }
    let mut end = MAX_CELL_BYTES;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    true
}

fn excel(bytes: Vec<u8>, shown: &str, diags: &mut Vec<Diagnostic>, xlsx: bool) -> Option<Sheet> {
    use calamine::Reader;
    let cursor = std::io::Cursor::new(bytes);
    let mut rows: std::collections::BTreeMap<u32, Vec<String>> = Default::default();
    let mut budget = MAX_TABLE_BYTES * 4;
    let mut put = |row: u32, col: u32, text: String, diags: &mut Vec<Diagnostic>| -> bool {
        if text.is_empty() || col as usize >= MAX_COLUMNS {
            return true;
        }
        if text.len() > budget || (rows.len() >= MAX_ROWS && !rows.contains_key(&row)) {
            diags.push(err(shown, row + 1, msg::too_many_rows(MAX_ROWS)));
            return false;
        }
        budget -= text.len();
        let cells = rows.entry(row).or_default();
        if cells.len() <= col as usize {
            cells.resize(col as usize + 1, String::new());
        }
        cells[col as usize] = text;
        true
    };
    if xlsx {
        let mut book = match calamine::Xlsx::new(cursor) {
            Ok(b) => b,
            Err(e) => {
                diags.push(err(shown, 0, msg::unreadable(&e.to_string())));
                return None;
            }
        };
        let first = book.sheet_names().first()?.clone();
        let mut cells = match book.worksheet_cells_reader(&first) {
            Ok(c) => c,
            Err(e) => {
                diags.push(err(shown, 0, msg::unreadable(&e.to_string())));
                return None;
            }
        };
        loop {
            match cells.next_cell() {
                Ok(Some(cell)) => {
                    let (r, c) = cell.get_position();
                    if !put(r, c, ref_text(cell.get_value()), diags) {
                        break;
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    diags.push(err(shown, 0, msg::unreadable(&e.to_string())));
                    break;
                }
            }
        }
    } else {
        let mut book = match calamine::Xls::new(cursor) {
            Ok(b) => b,
            Err(e) => {
                diags.push(err(shown, 0, msg::unreadable(&e.to_string())));
                return None;
            }
        };
        let first = book.sheet_names().first()?.clone();
        let range = match book.worksheet_range(&first) {
            Ok(r) => r,
            Err(e) => {
                diags.push(err(shown, 0, msg::unreadable(&e.to_string())));
                return None;
            }
        };
        let (r0, c0) = range.start().unwrap_or((0, 0));
        'rows: for (r, row) in range.rows().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if !put(r0 + r as u32, c0 + c as u32, data_text(v), diags) {
                    break 'rows;
                }
            }
        }
    }
    Some(Sheet {
        rows: rows.into_iter().map(|(r, cells)| (r + 1, cells)).collect(),
        encoding: None,
    })
}

fn ref_text(v: &calamine::DataRef) -> String {
    use calamine::DataRef as D;
    match v {
        D::String(s) | D::DateTimeIso(s) | D::DurationIso(s) => s.clone(),
        D::SharedString(s) => s.to_string(),
        D::Int(i) => i.to_string(),
        D::Float(f) => number(*f),
        D::Bool(b) => b.to_string(),
        D::DateTime(d) => excel_date(d.as_f64()),
        D::Error(_) | D::Empty => String::new(),
    }
}

fn data_text(v: &calamine::Data) -> String {
    use calamine::Data as D;
    match v {
        D::String(s) | D::DateTimeIso(s) | D::DurationIso(s) => s.clone(),
        D::Int(i) => i.to_string(),
        D::Float(f) => number(*f),
        D::Bool(b) => b.to_string(),
        D::DateTime(d) => excel_date(d.as_f64()),
        D::Error(_) | D::Empty => String::new(),
    }
}

fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// An Excel date serial (days since 1899-12-30) as `YYYY-MM-DD`.
fn excel_date(serial: f64) -> String {
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).expect("a valid date");
    if !(1.0..2_958_466.0).contains(&serial) {
        return number(serial);
    }
    (base + chrono::Duration::days(serial.floor() as i64)).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_keep_the_line_they_start_on() {
        let mut d = Vec::new();
        let s = csv_rows(
            "标题,正文\n甲,\"两行\n正文\"\n乙,三\n".as_bytes(),
            "a.csv",
            &mut d,
        );
        assert!(d.is_empty(), "{d:?}");
        let lines: Vec<u32> = s.rows.iter().map(|r| r.0).collect();
        assert_eq!(lines, [1, 2, 4]);
        assert_eq!(s.rows[1].1[1], "两行\n正文");
        let s = csv_rows(
            "标题,正文\r\n甲,\"两行\r\n正文\"\r\n乙,三\r\n".as_bytes(),
            "a.csv",
            &mut d,
        );
        let lines: Vec<u32> = s.rows.iter().map(|r| r.0).collect();
        assert_eq!(lines, [1, 2, 4]);
    }

    #[test]
    fn excel_dates_are_days_since_1899() {
        assert_eq!(excel_date(45052.0), "2023-05-06");
        assert_eq!(number(12.0), "12");
    }

    #[test]
    fn a_long_cell_is_cut_at_a_character() {
        let mut s = "索".repeat(MAX_CELL_BYTES);
        assert!(cap_cell(&mut s));
        assert!(s.len() <= MAX_CELL_BYTES && s.ends_with('索'));
    }
}

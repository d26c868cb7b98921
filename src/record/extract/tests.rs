//! Fixture attachments are made here, at test time: a small xlsx, docx, csv, a PDF with a text
//! layer (and one without), an OFD, an mp3; with and without personal data.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::*;
use crate::check::pii::Scanner;
use crate::record::attach_scan;

/// A valid resident ID (check character computed) and a mobile number.
fn pid() -> String {
    let first17 = "43010219900307123";
    format!(
        "{first17}{}",
        crate::check::pii::id_check_char(first17.as_bytes())
    )
}
const MOBILE: &str = "13812345678";

/// A ZIP of `(name, text)` entries.
pub(crate) fn zip_file(path: &Path, entries: &[(&str, String)]) {
    let f = std::fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(f);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in entries {
        z.start_file(*name, opts).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap();
}

/// An xlsx with one sheet `Sheet1` whose rows are `rows` (inline strings).
/// Returns the size of the sheet's XML.
pub(crate) fn xlsx_file(path: &Path, rows: &[Vec<String>]) -> usize {
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, row) in rows.iter().enumerate() {
        sheet.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, v) in row.iter().enumerate() {
            let col = (b'A' + c as u8) as char;
            sheet.push_str(&format!(
                "<c r=\"{col}{}\" t=\"inlineStr\"><is><t>{v}</t></is></c>",
                r + 1
            ));
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let size = sheet.len();
    zip_file(
        path,
        &[
            ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.into()),
            ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.into()),
            ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#.into()),
            ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.into()),
            ("xl/worksheets/sheet1.xml", sheet),
        ],
    );
    size
}

pub(crate) fn docx_file(path: &Path, paragraphs: &[&str]) {
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>"))
        .collect();
    zip_file(
        path,
        &[
            ("[Content_Types].xml", "<Types/>".into()),
            (
                "word/document.xml",
                format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
                ),
            ),
        ],
    );
}

pub(crate) fn ofd_file(path: &Path, pages: &[&str]) {
    let mut entries = vec![(
        "OFD.xml",
        "<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\"/>".to_string(),
    )];
    let names: Vec<String> = (0..pages.len())
        .map(|i| format!("Doc_0/Pages/Page_{i}/Content.xml"))
        .collect();
    for (i, p) in pages.iter().enumerate() {
        entries.push((
            names[i].as_str(),
            format!("<ofd:Page xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:Content><ofd:Layer><ofd:TextObject ID=\"1\"><ofd:TextCode X=\"0\" Y=\"0\">{p}</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>"),
        ));
    }
    zip_file(path, &entries);
}

/// A PDF with one page per entry of `pages` (ASCII text in Helvetica); an empty entry is a page
/// without a text layer.
pub(crate) fn pdf_file(path: &Path, pages: &[&str]) {
    let n = pages.len();
    let mut objs: Vec<String> = Vec::new();
    let font_id = 3 + 2 * n;
    objs.push("<< /Type /Catalog /Pages 2 0 R >>".into());
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 3 + 2 * i)).collect();
    objs.push(format!(
        "<< /Type /Pages /Kids [{}] /Count {n} >>",
        kids.join(" ")
    ));
    for (i, text) in pages.iter().enumerate() {
        objs.push(format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {} 0 R /Resources << /Font << /F1 {font_id} 0 R >> >> >>", 4 + 2 * i));
        let content = if text.is_empty() {
            "0 0 m 10 10 l S".to_string()
        } else {
            format!("BT /F1 12 Tf 72 712 Td ({text}) Tj ET")
        };
        objs.push(format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ));
    }
    objs.push(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".into(),
    );
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.push_str(&format!("{} 0 obj\n{o}\nendobj\n", i + 1));
    }
    let xref = out.len();
    out.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objs.len() + 1
    ));
    for o in offsets {
        out.push_str(&format!("{o:010} 00000 n \n"));
    }
    out.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objs.len() + 1
    ));
    std::fs::write(path, out).unwrap();
}

fn found(path: &Path, format: FileType) -> Vec<(String, String)> {
    let Extracted::Text(pieces) = extract(path, format) else {
        panic!("{} unreadable: {:?}", path.display(), extract(path, format));
    };
    let scanner = Scanner::default();
    pieces
        .iter()
        .flat_map(|p| crate::check::pii::scan_piece(&scanner, &p.place, &p.text))
        .map(|f| (f.place.clone(), f.masked.clone()))
        .collect()
}

fn tmp(dir: &tempfile::TempDir, name: &str) -> PathBuf {
    dir.path().join(name)
}

#[test]
fn personal_data_is_found_and_located_in_every_text_format() {
    let d = tempfile::tempdir().unwrap();
    let pid = pid();
    let masked_id = crate::check::pii::mask(crate::check::pii::PiiKind::ResidentId, &pid);
    let row = |a: &str, b: &str, c: &str| vec![a.to_string(), b.to_string(), c.to_string()];
    let mut rows = vec![row("姓名", "补贴", "身份证号")];
    rows.extend((0..5).map(|i| row(&format!("户{i}"), "500", "")));
    rows.push(row("张三", "500", &pid));
    let x = tmp(&d, "名单.xlsx");
    xlsx_file(&x, &rows);
    assert_eq!(
        found(&x, FileType::Xlsx),
        [("Sheet1!C7".into(), masked_id.clone())]
    );

    let c = tmp(&d, "名单.csv");
    std::fs::write(
        &c,
        format!("姓名,电话\n张三,{MOBILE}\n李四,0731-80001000\n"),
    )
    .unwrap();
    assert_eq!(
        found(&c, FileType::Csv),
        [("第2行".into(), "138****5678".into())]
    );

    let w = tmp(&d, "公示.docx");
    docx_file(&w, &["公示名单如下：", &format!("张三 身份证 {pid}")]);
    assert_eq!(
        found(&w, FileType::Docx),
        [("第2段".into(), masked_id.clone())]
    );

    let p = tmp(&d, "公示.pdf");
    pdf_file(&p, &["Notice", "", &format!("Zhang San {MOBILE}")]);
    assert_eq!(
        found(&p, FileType::Pdf),
        [("第3页".into(), "138****5678".into())]
    );

    let o = tmp(&d, "公示.ofd");
    ofd_file(&o, &["第一页", &format!("联系电话 {MOBILE}")]);
    assert_eq!(
        found(&o, FileType::Ofd),
        [("第2页".into(), "138****5678".into())]
    );

    // Without personal data: nothing found.
    let clean = tmp(&d, "clean.xlsx");
    xlsx_file(
        &clean,
        &[
            row("科目", "金额", "备注"),
            row("教育", "10.5", "0731-80001000"),
        ],
    );
    assert_eq!(found(&clean, FileType::Xlsx), []);
    let mp3 = tmp(&d, "jd.mp3");
    std::fs::write(&mp3, b"ID3\x04\0\0\0\0\0\0").unwrap();
    assert_eq!(extract(&mp3, FileType::Mp3), Extracted::NoText);
}

#[test]
fn unreadable_files_are_said_not_passed() {
    let d = tempfile::tempdir().unwrap();
    let scan = tmp(&d, "scan.pdf");
    pdf_file(&scan, &["", ""]);
    let Extracted::Unreadable(why) = extract(&scan, FileType::Pdf) else {
        panic!("an image-only PDF is unreadable")
    };
    assert!(why.contains("文字层"), "{why}");
    let broken = tmp(&d, "broken.xlsx");
    std::fs::write(&broken, b"PK\x03\x04 not really").unwrap();
    assert!(matches!(
        extract(&broken, FileType::Xlsx),
        Extracted::Unreadable(_)
    ));
}

#[test]
fn a_zip_bomb_entry_is_read_only_up_to_the_cap() {
    let d = tempfile::tempdir().unwrap();
    let w = tmp(&d, "bomb.docx");
    // 16 MB of zeros compresses to a few KB; its header may claim any size.
    let f = std::fs::File::create(&w).unwrap();
    let mut z = zip::ZipWriter::new(f);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    z.start_file("word/document.xml", opts).unwrap();
    let chunk = vec![b'0'; 1 << 20];
    for _ in 0..16 {
        z.write_all(&chunk).unwrap();
    }
    z.finish().unwrap();
    assert!(std::fs::metadata(&w).unwrap().len() < 1 << 20);
    let read = zip_entries_capped(&w, |n| n == "word/document.xml", 1 << 20).unwrap();
    assert_eq!(read[0].1.len(), 1 << 20, "read up to the cap, no further");
}

/// A 20 MB spreadsheet is read cell by cell: found, within the text cap.
#[test]
fn a_20_mb_spreadsheet_is_scanned() {
    let d = tempfile::tempdir().unwrap();
    let x = tmp(&d, "big.xlsx");
    let mut rows: Vec<Vec<String>> = (0..150_000)
        .map(|i| {
            vec![
                format!("户{i}"),
                format!("{}", 1000 + i % 97),
                "备注备注备注".into(),
            ]
        })
        .collect();
    rows.push(vec!["末行".into(), "0".into(), MOBILE.into()]);
    let sheet_bytes = xlsx_file(&x, &rows);
    assert!(sheet_bytes >= 20_000_000, "a 20 MB sheet: {sheet_bytes}");
    let Extracted::Text(pieces) = extract(&x, FileType::Xlsx) else {
        panic!("readable")
    };
    let total: usize = pieces.iter().map(|p| p.text.len()).sum();
    assert!(total <= MAX_TEXT);
    let scanner = Scanner::default();
    let hits: Vec<_> = pieces
        .iter()
        .flat_map(|p| crate::check::pii::scan_piece(&scanner, &p.place, &p.text))
        .collect();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].place, "Sheet1!C150001");
}

/// Issue 20: a rebuild must not rescan unchanged attachments (the scan is kept by content hash).
#[test]
fn a_rescan_happens_only_for_a_changed_attachment() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    let files = root.join("content/zc/_files");
    std::fs::create_dir_all(&files).unwrap();
    // Large enough for their scans to be kept (smaller files are cheaper to read again).
    let pad = "项目,金额\n".repeat(attach_scan::CACHED_FROM as usize / 10);
    std::fs::write(files.join("a.csv"), format!("{pad}张三,{MOBILE}\n")).unwrap();
    std::fs::write(files.join("b.csv"), format!("{pad}李四,无\n")).unwrap();
    let scanner = Scanner::default();
    let scan = |rel: &Path| {
        let (sha, size) = crate::hash::sha256_file(&root.join(rel)).unwrap();
        attach_scan::scan(root, rel, &sha, size, FileType::Csv, &scanner)
    };
    let run = || -> usize {
        ["a.csv", "b.csv"]
            .iter()
            .filter(|n| scan(&Path::new("content/zc/_files").join(n)).1)
            .count()
    };
    assert_eq!(run(), 2, "first build scans both");
    assert_eq!(run(), 0, "a rebuild scans none");
    std::fs::write(files.join("b.csv"), format!("{pad}李四,{MOBILE}\n")).unwrap();
    assert_eq!(run(), 1, "touching one rescans only that one");
    let (found, fresh) = scan(Path::new("content/zc/_files/b.csv"));
    assert!(!fresh);
    assert_eq!(found.findings.len(), 1);
    assert!(found.findings[0].place.starts_with("第"));
}

use std::path::Path;

use crate::config;
use crate::record::convert::{Parsed, parse_record};
use crate::record::filetype::FileType;

const SITE: &str = "title: 测试区\nbase_url: https://example.gov.cn/\norg:\n  name: 测试区人民政府\n  index_prefix: ABC\npublishers:\n  - {id: bgs, name: 办公室}\ncatalog:\n  - id: zc\n    name: 政策文件\n    kind: policy\n";

fn record(attachments: &str) -> String {
    format!(
        "---\nindex_no: ABC/2025-00001\ntitle: 关于做好政务公开工作的通知\ncreated: 2025-03-01\npublisher: bgs\nstatus: draft\nattachments:\n{attachments}---\n\n正文。\n"
    )
}

/// A site in a temporary folder with `files` (path, bytes), and the record at content/zc/a.md.
fn parse_in(files: &[(&str, &[u8])], attachments: &str) -> (tempfile::TempDir, Parsed) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("site.yaml"), SITE).unwrap();
    for (p, bytes) in files {
        let p = dir.path().join(p);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    let site = config::parse(SITE).unwrap();
    let text = record(attachments);
    let parsed = parse_record(
        &site,
        dir.path(),
        Path::new("content/zc/a.md"),
        text.as_bytes(),
    );
    (dir, parsed)
}

fn codes(p: &Parsed) -> Vec<(u32, &'static str)> {
    p.diagnostics
        .iter()
        .map(|d| (d.line, d.code.id()))
        .collect()
}

#[test]
fn active_attachments_are_refused_by_name_and_by_content() {
    let (_d, p) = parse_in(
        &[
            ("content/zc/_files/page.html", b"<p>hi</p>"),
            (
                "content/zc/_files/logo.svg",
                b"<svg xmlns='http://www.w3.org/2000/svg'/>",
            ),
            ("content/zc/_files/app.js", b"alert(1)"),
            (
                "content/zc/_files/fake.pdf",
                b"<!DOCTYPE html><script>alert(1)</script>",
            ),
        ],
        "  - {file: _files/page.html, title: a}\n  - {file: _files/logo.svg, title: b}\n  - {file: _files/app.js, title: c}\n  - {file: _files/fake.pdf, title: d}\n",
    );
    assert!(p.record.is_none());
    assert_eq!(
        codes(&p),
        vec![(8, "E032"), (9, "E032"), (10, "E032"), (11, "E032")]
    );
    assert!(
        p.diagnostics[3].message.to_string().contains("fake.pdf"),
        "{}",
        p.diagnostics[3].message
    );
}

#[test]
fn an_attachment_may_not_be_another_record_the_config_the_ledger_or_data() {
    let (_d, p) = parse_in(
        &[
            (
                "content/zc/other-draft.md",
                b"---\ntitle: x\n---\nsecret draft\n",
            ),
            ("ledger.jsonl", b"{}\n"),
            ("data/calendar.yaml", b"x: 1\n"),
            ("content/other/_files/b.pdf", b"%PDF-1.4\n"),
        ],
        "  - {file: other-draft.md, title: a}\n  - {file: ../../site.yaml, title: b}\n  - {file: ../../ledger.jsonl, title: c}\n  - {file: ../../data/calendar.yaml, title: d}\n  - {file: ../other/_files/b.pdf, title: e}\n",
    );
    assert!(p.record.is_none());
    assert_eq!(
        codes(&p),
        vec![
            (8, "E033"),
            (9, "E033"),
            (10, "E033"),
            (11, "E033"),
            (12, "E033")
        ]
    );
    let m: Vec<String> = p
        .diagnostics
        .iter()
        .map(|d| d.message.render(crate::i18n::Lang::Zh))
        .collect();
    assert!(m[0].contains("另一条记录"), "{}", m[0]);
    assert!(m[1].contains("site.yaml"), "{}", m[1]);
    assert!(m[2].contains("台账"), "{}", m[2]);
    assert!(m[3].contains("data/"), "{}", m[3]);
}

#[cfg(unix)]
#[test]
fn a_link_in_files_to_a_draft_is_outside_the_area() {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("content/zc/_files");
    std::fs::create_dir_all(&files).unwrap();
    std::fs::write(dir.path().join("content/zc/draft.md"), "secret").unwrap();
    std::os::unix::fs::symlink("../draft.md", files.join("x.txt")).unwrap();
    let site = config::parse(SITE).unwrap();
    let text = record("  - {file: _files/x.txt, title: a}\n");
    let p = parse_record(
        &site,
        dir.path(),
        Path::new("content/zc/a.md"),
        text.as_bytes(),
    );
    assert_eq!(codes(&p), vec![(8, "E033")]);
    assert!(
        p.diagnostics[0]
            .message
            .render(crate::i18n::Lang::Zh)
            .contains("另一条记录")
    );
}

#[test]
fn every_office_format_is_accepted_and_confirmed_by_content() {
    let ole: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1....";
    let (_d, p) = parse_in(
        &[
            ("content/zc/_files/a.doc", ole),
            ("content/zc/_files/a.et", ole),
            ("content/zc/_files/a.mp3", b"ID3\x04\0\0"),
            ("content/zc/_files/a.mp4", b"\0\0\0\x18ftypmp42"),
            (
                "content/zc/_files/a.csv",
                "姓名,金额\n张三,100\n".as_bytes(),
            ),
            ("content/zc/_files/a.xlsx", b"PK\x03\x04....xl/workbook.xml"),
        ],
        "  - {file: _files/a.doc, title: a}\n  - {file: _files/a.et, title: b}\n  - {file: _files/a.mp3, title: c}\n  - {file: _files/a.mp4, title: d}\n  - {file: _files/a.csv, title: e}\n  - {file: _files/a.xlsx, title: f}\n",
    );
    // The OLE2 and ZIP bodies here are signatures only: the personal-data scan may say it cannot
    // read them (W033), nothing else.
    assert!(
        p.diagnostics.iter().all(|d| d.code.id() == "W033"),
        "{:?}",
        p.diagnostics
    );
    let formats: Vec<FileType> = p
        .record
        .unwrap()
        .attachments
        .iter()
        .map(|a| a.format)
        .collect();
    use FileType::*;
    assert_eq!(formats, vec![Doc, Et, Mp3, Mp4, Csv, Xlsx]);
}

#[test]
fn a_name_that_lies_is_a_located_warning_and_the_content_decides() {
    let (_d, p) = parse_in(
        &[("content/zc/_files/scan.pdf", b"\x89PNG\r\n\x1a\n....")],
        "  - {file: _files/scan.pdf, title: 扫描件}\n",
    );
    assert_eq!(codes(&p), vec![(8, "W032")]);
    assert!(
        p.diagnostics[0].message.to_string().contains("PDF")
            && p.diagnostics[0].message.to_string().contains("PNG")
    );
    assert_eq!(p.record.unwrap().attachments[0].format, FileType::Png);
}

/// Issue 20: attachments were never scanned; a subsidy list in an XLSX leaked ID numbers.
#[test]
fn personal_data_in_an_attachment_is_found_located_and_masked() {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("content/zc/_files");
    std::fs::create_dir_all(&files).unwrap();
    let first17 = "43010219900307123";
    let pid = format!(
        "{first17}{}",
        crate::check::pii::id_check_char(first17.as_bytes())
    );
    let row = |a: &str, b: &str, c: &str| vec![a.to_string(), b.to_string(), c.to_string()];
    let mut rows = vec![row("姓名", "补贴", "身份证号")];
    rows.extend((0..5).map(|i| row(&format!("户{i}"), "500", "")));
    rows.push(row("张三", "500", &pid));
    crate::record::extract::tests::xlsx_file(&files.join("名单.xlsx"), &rows);
    std::fs::write(files.join("说明.csv"), "项目,金额\n教育,10.5\n").unwrap();
    let site = config::parse(SITE).unwrap();
    let text = record(
        "  - {file: _files/说明.csv, title: 说明}\n  - {file: _files/名单.xlsx, title: 补贴名单}\n",
    );
    let p = parse_record(
        &site,
        dir.path(),
        Path::new("content/zc/a.md"),
        text.as_bytes(),
    );
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    let r = p.record.unwrap();
    assert_eq!(r.pii.len(), 1);
    let d = crate::check::pii::withheld_diagnostic(&r.source.path, &r.pii[0]);
    assert!(!d.message.to_string().contains(&pid));
    insta::assert_snapshot!(format!(
        "{}:{}:{} [{}] {}",
        d.path,
        d.line,
        d.col,
        d.field.clone().unwrap_or_default(),
        d.message
    ));
}

#[test]
fn an_image_only_pdf_is_a_warning_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("content/zc/_files");
    std::fs::create_dir_all(&files).unwrap();
    crate::record::extract::tests::pdf_file(&files.join("扫描件.pdf"), &[""]);
    let site = config::parse(SITE).unwrap();
    let text = record("  - {file: _files/扫描件.pdf, title: 扫描件}\n");
    let p = parse_record(
        &site,
        dir.path(),
        Path::new("content/zc/a.md"),
        text.as_bytes(),
    );
    assert_eq!(codes(&p), vec![(8, "W033")]);
    assert!(p.diagnostics[0].message.to_string().contains("扫描件.pdf"));
    assert!(p.record.is_some());
}

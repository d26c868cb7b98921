use super::*;
use crate::values::Date;

fn item(title: &str, item: u32) -> ItemMeta {
    ItemMeta {
        dangh: DangH {
            fonds: "J123".into(),
            category: "ZC".into(),
            year: 2025,
            retention_code: "Y",
            org_code: "FCQZF".into(),
            item,
        },
        title: title.into(),
        author: "芙川区财政局".into(),
        doc_no: Some("芙政办发〔2025〕3号".into()),
        date: Date::ymd(2025, 3, 4),
        created: Date::ymd(2025, 2, 28),
        genre: None,
        retention: Retention::Permanent,
        index_no: "X/2025-00003".into(),
        category: "政策文件/行政规范性文件".into(),
        url: "https://example.gov.cn/doc/X-2025-00003.html".into(),
        review: Some(Review {
            by: "张某 & 李某".into(),
            on: Date::ymd(2025, 3, 1),
            secrecy: "非涉密".into(),
            conclusion: "同意<公开>".into(),
        }),
        ledger: vec![ledger::Entry {
            seq: 4,
            index_no: "X/2025-00003".into(),
            action: crate::ledger::entry::Action::Publish,
            date: Date::ymd(2025, 3, 4),
            at: crate::values::Instant::parse("2025-03-04T09:00:00+08:00").unwrap(),
            clock: crate::ledger::entry::Clock::System,
            source_sha256: "aa".into(),
            attachments: vec![],
            content_sha256: "bb".into(),
            prev: "0".repeat(64),
        }],
        folder: "data/2025/永久/芙川区财政局/J123-ZC·2025-Y-FCQZF-0001".into(),
        files: vec![FileEntry {
            role: Role::Attachment,
            name: "附件/a&b.pdf".into(),
            title: Some("\"附表\"".into()),
            size: 10,
            sha256: "cc".into(),
            sm3: None,
        }],
    }
}

/// Parses with an independent XML reader; returns the text of every element named `name`.
fn texts_of(doc: &str, name: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(doc);
    let mut inside = false;
    let mut out = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(e) => {
                inside = e.name().as_ref() == name.as_bytes();
            }
            quick_xml::events::Event::Text(t) if inside => {
                out.push(t.unescape().expect("escaped").into_owned());
            }
            quick_xml::events::Event::End(_) => inside = false,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    out
}

#[test]
fn record_metadata_is_well_formed_and_complete() {
    let doc = record_xml(&item("关于<印发>“A&B”的\"通知\"", 1));
    assert_eq!(texts_of(&doc, "题名"), vec!["关于<印发>“A&B”的\"通知\""]);
    assert_eq!(texts_of(&doc, "档号"), vec!["J123-ZC·2025-Y-FCQZF-0001"]);
    assert_eq!(texts_of(&doc, "审核结论"), vec!["同意<公开>"]);
    assert_eq!(texts_of(&doc, "日期"), vec!["20250304"]);
    assert_eq!(texts_of(&doc, "文件"), vec!["附件/a&b.pdf"]);
    assert_eq!(texts_of(&doc, "源文件sha256"), vec!["aa"]);
    for field in ["责任者", "文号", "保管期限", "索引号", "密级", "审核人"] {
        assert_eq!(texts_of(&doc, field).len(), 1, "{field} in\n{doc}");
    }
}

#[test]
fn catalog_xml_streams_one_row_per_item() {
    let head = CatalogHead {
        fonds: "J123".into(),
        fonds_name: "芙川区人民政府".into(),
        year: 2025,
        batch: 1,
    };
    let mut out = Vec::new();
    catalog_xml(&mut out, &head, &[item("一 & 二", 1), item("三", 2)]).unwrap();
    let doc = String::from_utf8(out).unwrap();
    assert_eq!(texts_of(&doc, "题名"), vec!["一 & 二", "三"]);
    assert_eq!(texts_of(&doc, "件号"), vec!["0001", "0002"]);
}

#[test]
fn csv_quotes_what_needs_quoting() {
    let mut out = Vec::new();
    catalog_csv(&mut out, &[item("甲,乙\"丙\"", 1)]).unwrap();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{FEFF}').split("\r\n").collect();
    assert_eq!(lines[0], CSV_COLUMNS.join(","));
    assert!(lines[1].contains(",\"甲,乙\"\"丙\"\"\","), "{}", lines[1]);
    assert_eq!(lines[2], "");
}

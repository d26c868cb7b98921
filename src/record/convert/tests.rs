use super::*;
use crate::config;

const SITE: &str = "title: 测试区\nbase_url: https://example.gov.cn/\norg:\n  name: 测试区人民政府\n  index_prefix: ABC\npublishers:\n  - {id: bgs, name: 办公室}\ncatalog:\n  - id: zc\n    name: 政策文件\n    kind: policy\n  - id: cz\n    name: 财政预决算\n    kind: budget\n  - id: bs\n    name: 办事指南\n    kind: service\nvocabularies:\n  genres: [通知, 意见]\n";

fn parse(rel: &str, text: &str) -> Parsed {
    let site = config::parse(SITE).unwrap();
    let dir = tempfile::tempdir().unwrap();
    parse_record(&site, dir.path(), Path::new(rel), text.as_bytes())
}

fn codes(p: &Parsed) -> Vec<(String, u32, &'static str)> {
    p.diagnostics
        .iter()
        .map(|d| (d.field.clone().unwrap_or_default(), d.line, d.code.id()))
        .collect()
}

const GOOD: &str = "---\nindex_no: ABC/2025-00001\ntitle: 关于做好政务公开工作的通知\ncreated: 2025-03-01\npublisher: bgs\nstatus: draft\ngenre: 通知\n---\n\n为进一步做好政务公开工作，现通知如下。\n";

#[test]
fn a_good_record_parses_with_a_derived_summary() {
    let p = parse("content/zc/a.md", GOOD);
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    let r = p.record.unwrap();
    assert_eq!(r.summary, "为进一步做好政务公开工作，现通知如下。");
    assert_eq!(r.kind, Kind::Policy);
    assert_eq!(r.url(), "doc/ABC-2025-00001.html");
}

#[test]
fn every_problem_in_a_file_is_reported_with_its_line() {
    let text = "---\nindex_no: ABC/2024-1\ntitel: x\ncreated: 2025-02-30\npublisher: nobody\nstatus: draft\ngenre: 公告\n---\nbody\n";
    let p = parse("content/zc/a.md", text);
    assert!(p.record.is_none());
    assert_eq!(
        codes(&p),
        vec![
            ("titel".into(), 3, "E010"),
            ("created".into(), 4, "E013"),
            ("publisher".into(), 5, "E022"),
            ("index_no".into(), 2, "E020"),
            ("title".into(), 2, "E011"),
            ("genre".into(), 7, "E043"),
        ]
    );
    assert!(
        p.diagnostics[0]
            .message
            .to_string()
            .contains("did you mean \"title\"")
    );
}

#[test]
fn index_year_must_match_created() {
    let p = parse("content/zc/a.md", &GOOD.replace("2025-03-01", "2024-12-31"));
    assert_eq!(codes(&p), vec![("index_no".into(), 2, "E020")]);
}

#[test]
fn unknown_folder_is_reported() {
    let p = parse("content/zz/a.md", GOOD);
    assert_eq!(p.diagnostics[0].code, Code::UnknownCatalogNode);
}

#[test]
fn budget_totals_are_checked() {
    let text = "---\nindex_no: ABC/2025-00002\ntitle: 2025年部门预算\nsummary: 预算\ncreated: 2025-03-01\npublisher: bgs\nstatus: draft\nfiscal_year: 2025\nphase: 预算\nunit: 万元\ntables:\n  - title: 支出表\n    columns: [科目, 金额]\n    rows:\n      - [教育, 10.50]\n      - [卫生, 20.25]\n    total: 40.00\n---\n";
    let p = parse("content/cz/b.md", text);
    assert_eq!(codes(&p), vec![("tables[0].total".into(), 17, "E040")]);
    assert!(
        p.diagnostics[0].message.to_string().contains("30.75"),
        "{}",
        p.diagnostics[0].message
    );
}

/// Issue 20: a 决算 published as a PDF only was refused (tables required).
#[test]
fn a_budget_may_be_published_as_its_attachment_only() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content/cz/_files")).unwrap();
    crate::record::extract::tests::pdf_file(
        &dir.path().join("content/cz/_files/js.pdf"),
        &["2024 final accounts"],
    );
    let head = "---\nindex_no: ABC/2025-00002\ntitle: 2024年决算\nsummary: 决算\ncreated: 2025-03-01\npublisher: bgs\nstatus: draft\nfiscal_year: 2024\nphase: 决算\nunit: 万元\n";
    let site = config::parse(SITE).unwrap();
    let with = format!("{head}attachments: [{{file: _files/js.pdf, title: 决算全文}}]\n---\n");
    let p = parse_record(
        &site,
        dir.path(),
        Path::new("content/cz/b.md"),
        with.as_bytes(),
    );
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    let Details::Budget(b) = &*p.record.unwrap().details else {
        panic!("a budget")
    };
    assert!(b.tables.is_empty());
    let without = format!("{head}---\n");
    let p = parse_record(
        &site,
        dir.path(),
        Path::new("content/cz/b.md"),
        without.as_bytes(),
    );
    assert_eq!(codes(&p), vec![("tables".into(), 2, "E011")]);
}

#[test]
fn service_guides_need_all_ten_elements() {
    let text = "---\nindex_no: ABC/2025-00003\ntitle: 办事指南\nsummary: s\ncreated: 2025-03-01\npublisher: bgs\nstatus: draft\nname: 某事项\nservice_type: 行政许可\nlegal_basis: 法\nconditions: [条件]\nmaterials: [材料]\nlocation: 大厅\nagency: 局\nfee: 不收费\nhours: 工作日\n---\n";
    let p = parse("content/bs/c.md", text);
    let fields: Vec<_> = p
        .diagnostics
        .iter()
        .map(|d| (d.code.id(), d.field.clone().unwrap()))
        .collect();
    assert_eq!(
        fields,
        vec![
            ("E041", "phone".to_string()),
            ("E041", "procedure".to_string())
        ]
    );
}

#[test]
fn fields_of_another_kind_are_refused() {
    let p = parse(
        "content/zc/a.md",
        &GOOD.replace("genre: 通知\n", "genre: 通知\nocid: x\n"),
    );
    assert_eq!(codes(&p), vec![("ocid".into(), 8, "E042")]);
}

#[test]
fn paths_may_not_leave_the_site() {
    let text = GOOD.replace("genre: 通知\n", "genre: 通知\nattachments:\n  - {file: ../../../etc/passwd, title: x}\n  - {file: /etc/passwd, title: y}\n");
    let p = parse("content/zc/a.md", &text);
    assert_eq!(
        codes(&p),
        vec![
            ("attachments[0].file".into(), 9, "E031"),
            ("attachments[1].file".into(), 10, "E031")
        ]
    );
}

#[test]
fn body_links_must_be_safe() {
    let p = parse(
        "content/zc/a.md",
        &format!("{GOOD}\n见[这里](../../secret.md)和[另件](gk:ABC/2025-00009)。\n"),
    );
    assert_eq!(codes(&p), vec![("body".into(), 12, "E031")]);
}

#[test]
fn approved_records_need_a_complete_review() {
    let p = parse(
        "content/zc/a.md",
        &GOOD.replace(
            "status: draft",
            "status: approved\nreview: {by: 张三, secrecy: 涉密}",
        ),
    );
    let msgs: Vec<_> = p
        .diagnostics
        .iter()
        .map(|d| d.message.to_string())
        .collect();
    assert_eq!(msgs.len(), 3, "{msgs:?}");
    assert!(msgs.iter().any(|m| m.contains("\"on\"")));
    assert!(msgs.iter().any(|m| m.contains("涉密")));
}

#[test]
fn yaml_records_and_crlf_work() {
    let text = "index_no: ABC/2025-00004\r\ntitle: 通知\r\ncreated: 2025-03-01\r\npublisher: bgs\r\nstatus: draft\r\nbody: |\r\n  第一段。\r\n";
    let p = parse("content/zc/d.yaml", text);
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    assert_eq!(p.record.unwrap().summary, "第一段。");
}

#[test]
fn field_paths_parse() {
    assert_eq!(
        parse_field_path("tables[0].rows[2][1]"),
        vec![
            PathSeg::Key("tables".into()),
            PathSeg::Index(0),
            PathSeg::Key("rows".into()),
            PathSeg::Index(2),
            PathSeg::Index(1)
        ]
    );
}

/// Issue 19 item 14: a personal-data finding was only reported once the record's other errors
/// were fixed (the scan ran on a record that parsed). Now both come in one run.
#[test]
fn personal_data_is_reported_with_the_other_errors_in_one_run() {
    let text = GOOD
        .replace("status: draft\n", "status: approved\n")
        .replace("genre: 通知\n", "genre: 公告\n")
        .replace("现通知如下。", "联系人手机 13812345678。");
    let p = parse("content/zc/a.md", &text);
    assert!(p.record.is_none());
    let c = codes(&p);
    assert!(c.contains(&("genre".into(), 7, "E043")), "{c:?}");
    assert!(c.contains(&("body".into(), 10, "E060")), "{c:?}");
    let pii = p
        .diagnostics
        .iter()
        .find(|d| d.code.id() == "E060")
        .unwrap();
    assert!(
        pii.message.to_string().contains("138****5678"),
        "{}",
        pii.message
    );
    assert!(!pii.message.to_string().contains("13812345678"));
}

/// Issue 20: a 领导简介 without 分工 was refused (`duties` required).
#[test]
fn a_person_may_have_no_duties() {
    let text = "---\nindex_no: ABC/2025-00003\ntitle: 张三\nsummary: 简介\nkind: person\ncreated: 2025-03-01\npublisher: bgs\nstatus: draft\nname: 张三\npost: 副区长\nsince: 2024-01-01\n---\n";
    let p = parse("content/zc/p.md", text);
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    let Details::Person(person) = &*p.record.unwrap().details else {
        panic!("a person")
    };
    assert_eq!(person.duties, None);
}

const NAMED_SITE: &str = "title: 测试区\nbase_url: https://example.gov.cn/\norg:\n  name: 测试区人民政府\n  index_prefix: ABC\npublishers:\n  - {id: qzf, name: 测试区人民政府}\n  - {id: qzfb, name: 测试区人民政府办公室}\ncatalog:\n  - id: zc\n    name: 政策文件\n    kind: policy\nvocabularies:\n  genres: [通知, 意见]\n  topics: [综合政务, 国民经济管理、国有资产监管]\n";

fn parse_named(text: &str) -> Parsed {
    let site = config::parse(NAMED_SITE).unwrap();
    let dir = tempfile::tempdir().unwrap();
    parse_record(
        &site,
        dir.path(),
        Path::new("content/zc/a.md"),
        text.as_bytes(),
    )
}

#[test]
fn names_where_ids_are_expected_are_resolved_to_ids() {
    let text = GOOD
        .replace("publisher: bgs", "publisher: 区政府办公室")
        .replace(
            "genre: 通知",
            "genre: 通知\ntopics: [国有资产监管, 综合政务]",
        );
    let p = parse_named(&text);
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    let r = p.record.unwrap();
    assert_eq!(r.publisher, "qzfb");
    assert_eq!(r.topics, ["国民经济管理、国有资产监管", "综合政务"]);
}

#[test]
fn an_ambiguous_name_is_a_located_error_listing_the_candidates() {
    let text = GOOD
        .replace("publisher: bgs", "publisher: 区政府")
        .replace("genre: 通知", "genre: 通知\ntopics: [综合政务, 教育]");
    let p = parse_named(&text);
    assert!(p.record.is_none());
    assert_eq!(
        codes(&p),
        vec![
            ("publisher".into(), 5, "E022"),
            ("topics[1]".into(), 8, "E043")
        ]
    );
    assert_eq!(
        p.diagnostics[0].message.render(crate::i18n::Lang::Zh),
        "“区政府”可指 2 个发布机构：“测试区人民政府”（qzf）、“测试区人民政府办公室”（qzfb），请写明其 id 或全称"
    );
}

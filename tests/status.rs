//! `gongkai status` reports what the next publish would do and what is waiting.

mod common;

use std::path::Path;

const NOW: &str = "2026-11-25T12:00:00+08:00";

fn run(site: &Path, args: &[&str]) -> std::process::Output {
    common::gongkai_cmd()
        .args(args)
        .arg("--site")
        .arg(site)
        .env("GONGKAI_NOW", NOW)
        .output()
        .unwrap()
}

fn record(ix: &str, title: &str, extra: &str) -> String {
    format!(
        "---\nindex_no: \"11439999MB0000000X/{ix}\"\ntitle: {title}\ncreated: 2026-11-20\npublisher: bgs\n{extra}---\n正文。\n"
    )
}

const REVIEWED: &str =
    "review: {by: 李审核, on: 2026-11-21, secrecy: 非涉密, conclusion: 同意公开}\n";

#[test]
fn status_lists_new_revised_review_and_embargoes() {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
    let dir = common::temp_copy(&from);
    let site = dir.path();
    assert!(run(site, &["ledger", "import"]).status.success());
    let tz = site.join("content/tzgg");
    std::fs::write(
        tz.join("new.md"),
        record(
            "2026-00001",
            "新批准的通知",
            &format!("status: approved\n{REVIEWED}"),
        ),
    )
    .unwrap();
    std::fs::write(
        tz.join("review.md"),
        record("2026-00002", "待审核的通知", "status: review\n"),
    )
    .unwrap();
    let soon = format!("status: approved\n{REVIEWED}embargo: 2026-11-28T09:00:00+08:00\n");
    std::fs::write(
        tz.join("soon.md"),
        record("2026-00003", "即将解禁的通知", &soon),
    )
    .unwrap();
    let later = format!("status: approved\n{REVIEWED}embargo: 2027-03-01T09:00:00+08:00\n");
    std::fs::write(
        tz.join("later.md"),
        record("2026-00004", "远期解禁的通知", &later),
    )
    .unwrap();

    let out = run(site, &["status", "--format", "json"]);
    let st: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let titles = |k: &str| -> Vec<String> {
        st[k]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["title"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(titles("to_publish"), vec!["新批准的通知"]);
    assert_eq!(titles("waiting_for_review"), vec!["待审核的通知"]);
    assert_eq!(titles("embargoes_opening"), vec!["即将解禁的通知"]);
    assert_eq!(
        st["embargoes_opening"][0]["opens"],
        "2026-11-28T09:00:00+08:00"
    );
    assert_eq!(st["drafts"], 1);
    assert!(titles("to_revise").is_empty());

    // An edit of a published record shows up as a revision to record.
    let p = site.join("content/zcwj/banfa.md");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, text.replace("制定本办法。", "制定本办法（修订）。")).unwrap();
    let out = run(site, &["status"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("新记录，待发布：1"), "{text}");
    assert!(text.contains("待审核：1"), "{text}");
    assert!(text.contains("已发布，之后有修改（修订）：1\n  11439999MB0000000X/2025-00002 测试区植树造林管理办法 (content/zcwj/banfa.md)"), "{text}");
    assert_eq!(out.status.code(), Some(0));
}

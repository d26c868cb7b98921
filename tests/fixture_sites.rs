//! Fixture sites: every invalid case's diagnostics are snapshotted; the minimal site builds, its
//! chosen pages are snapshotted, and its draft never reaches the output.

mod common;

use std::path::{Path, PathBuf};

const NOW: &str = "2026-11-25T12:00:00+08:00";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn copy_dir(from: &Path, to: &Path) {
    common::copy_dir(from, to)
}

use common::run as gongkai;

/// A temp site made of the shared invalid-case site.yaml and the case's content.
fn invalid_case(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixtures().join("invalid/site.yaml"),
        dir.path().join("site.yaml"),
    )
    .unwrap();
    copy_dir(&fixtures().join("invalid").join(name), dir.path());
    dir
}

fn invalid_cases() -> Vec<String> {
    let mut cases: Vec<String> = std::fs::read_dir(fixtures().join("invalid"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    cases
}

/// In Chinese: the site's `language` is zh-CN and the environment has no preference.
#[test]
fn every_invalid_case_is_reported_with_file_line_and_field() {
    let cases = invalid_cases();
    assert!(cases.len() >= 17, "{cases:?}");
    for case in cases {
        let site = invalid_case(&case);
        let (code, _, stderr) = gongkai(site.path(), &["check"]);
        assert_eq!(
            code, 1,
            "{case}: check must fail with exit code 1\n{stderr}"
        );
        assert!(
            stderr.lines().any(|l| l.starts_with("错误[E")),
            "{case}: {stderr}"
        );
        insta::assert_snapshot!(format!("invalid__{case}"), stderr);
    }
}

/// The same cases in English (`--lang en`): the codes, places and fields are the same, only the
/// words change.
#[test]
fn every_invalid_case_in_english() {
    for case in invalid_cases() {
        let site = invalid_case(&case);
        let (code, _, stderr) = gongkai(site.path(), &["check", "--lang", "en"]);
        assert_eq!(code, 1, "{case}\n{stderr}");
        assert!(
            stderr.lines().any(|l| l.starts_with("error[E")),
            "{case}: {stderr}"
        );
        insta::assert_snapshot!(format!("invalid_en__{case}"), stderr);
    }
}

#[test]
fn a_failed_build_writes_nothing() {
    let site = invalid_case("budget_total");
    let out = site.path().join("public");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("index.html"), "previous build").unwrap();
    // A previous gongkai output carries its marker (a folder without one is refused outright).
    std::fs::write(out.join(".gongkai-output"), "").unwrap();
    let (code, _, _) = gongkai(site.path(), &["build"]);
    assert_eq!(code, 1);
    assert_eq!(
        std::fs::read_to_string(out.join("index.html")).unwrap(),
        "previous build"
    );
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 2);
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".public"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn check_json_lists_diagnostics_and_withheld_records() {
    let site = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("minimal"), site.path());
    let (code, stdout, _) = gongkai(site.path(), &["check", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["errors"], 0);
    assert_eq!(v["withheld"][0]["path"], "content/tzgg/draft.md");
    assert_eq!(v["withheld"][0]["reasons"][0], "状态为“草稿”，尚未批准");
}

/// JSON carries every message rendered in the chosen language: Chinese for a zh-CN site, English
/// with `--lang en` or an English locale.
#[test]
fn check_json_messages_are_in_the_chosen_language() {
    let site = invalid_case("missing_field");
    let message = |args: &[&str], env: Option<&str>| {
        let mut cmd = common::gongkai_cmd();
        cmd.args(["check", "--format", "json", "--site"])
            .arg(site.path())
            .args(args)
            .env("GONGKAI_NOW", NOW);
        if let Some(lang) = env {
            cmd.env("LANG", lang);
        }
        let out = cmd.output().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let d = &v["diagnostics"][0];
        assert_eq!(d["code"], "E011", "{v}");
        d["message"].as_str().unwrap().to_string()
    };
    let zh = message(&[], None);
    assert_eq!(zh, "缺少必填字段 “publisher”（发布机构）");
    assert_eq!(
        message(&["--lang", "en"], None),
        "missing required field \"publisher\" (发布机构)"
    );
    assert_eq!(
        message(&[], Some("en_US.UTF-8")),
        "missing required field \"publisher\" (发布机构)"
    );
    // The flag wins over the environment.
    assert_eq!(message(&["--lang", "zh-CN"], Some("en_US.UTF-8")), zh);
}

/// The `<main>` element of a page, for snapshots that ignore the shared chrome.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page closes <main>") + "</main>".len();
    &html[start..end]
}

#[test]
fn minimal_site_builds_and_pages_match_their_snapshots() {
    let site = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("minimal"), site.path());
    let (code, stdout, stderr) = gongkai(site.path(), &["build"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let out = site.path().join("public");
    let page = std::fs::read_to_string(out.join("doc/11439999MB0000000X-2025-00002.html")).unwrap();
    insta::assert_snapshot!("minimal__policy_page_main", main_of(&page));
    let bom = std::fs::read_to_string(out.join("doc/11439999MB0000000X-2025-00001.html")).unwrap();
    assert!(bom.contains("带BOM和CRLF的记录"));
    let node = std::fs::read_to_string(out.join("xxgk/zcwj/index.html")).unwrap();
    insta::assert_snapshot!("minimal__node_page_main", main_of(&node));
    // Raw HTML in a body is shown, not run.
    assert!(page.contains("&lt;script&gt;"));
    assert!(!page.contains("<script>alert"));
    // The attachment is copied with its checksum shown.
    let pdf = out.join("files/11439999MB0000000X-2025-00002/banfa.pdf");
    assert!(pdf.is_file());
    let (sha, _) = gongkai::hash::sha256_file(&pdf).unwrap();
    assert!(page.contains(&sha));
    // The draft leaves no trace anywhere.
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains("草稿秘密标记壬") && !text.contains("尚未审核的草稿"),
                "{}",
                entry.path().display()
            );
        }
    }
}

#[test]
fn new_makes_a_draft_with_the_next_free_index_number() {
    let site = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("minimal"), site.path());
    let out = common::gongkai_cmd()
        .args(["new", "tzgg", "--title", "关于\"新\"通知", "--site"])
        .arg(site.path())
        .env("GONGKAI_NOW", "2025-06-01T10:00:00+08:00")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim().to_string());
    assert!(
        path.ends_with("content/tzgg/11439999MB0000000X-2025-00004.md"),
        "{}",
        path.display()
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("index_no: \"11439999MB0000000X/2025-00004\""));
    assert!(text.contains("status: draft"));
    // The new draft is valid as written.
    let (code, _, stderr) = gongkai(site.path(), &["check"]);
    assert_eq!(code, 0, "{stderr}");
}

//! One failing fixture site per publication check (tests/fixtures/checks/<rule>/): `gongkai
//! check` must report it with the exact located message (insta snapshots of stderr + stdout).

mod common;

use std::path::{Path, PathBuf};

const NOW: &str = "2026-11-25T12:00:00+08:00";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/checks")
        .join(name)
}

/// Runs `gongkai <cmd> --site <fixture> <args>`; returns the exit code and stderr then stdout.
fn gongkai(cmd: &str, name: &str, args: &[&str]) -> (i32, String) {
    let out = common::gongkai_cmd()
        .arg(cmd)
        .arg("--site")
        .arg(fixture(name))
        .args(args)
        .env("GONGKAI_NOW", NOW)
        .output()
        .expect("gongkai runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    (out.status.code().expect("exit code"), text)
}

#[test]
fn pii_finding_blocks_and_is_located() {
    let (code, text) = gongkai("check", "pii", &[]);
    assert_eq!(code, 1, "{text}");
    assert!(
        !text.contains("430102199003071234"),
        "never print it unmasked"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn pii_waiver_with_empty_reason_is_refused() {
    let (code, text) = gongkai("check", "pii-waiver-empty", &[]);
    assert_eq!(code, 1, "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn late_publication_warns_and_strict_fails() {
    let (code, text) = gongkai("check", "late-publication", &[]);
    assert_eq!(code, 0, "{text}");
    insta::assert_snapshot!(text);
    let (code, text) = gongkai("check", "late-publication", &["--strict"]);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.starts_with("错误[W090] content/tzgg/late.md:5:1: "),
        "{text}"
    );
}

#[test]
fn strict_build_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let out_arg = out.to_string_lossy().into_owned();
    let (code, text) = gongkai(
        "build",
        "late-publication",
        &["--strict", "--out", &out_arg],
    );
    assert_eq!(code, 1, "{text}");
    assert!(!out.exists());
    let (code, text) = gongkai("build", "late-publication", &["--out", &out_arg]);
    assert_eq!(code, 0, "{text}");
    assert!(out.join("index.html").is_file());
}

#[test]
fn late_interpretation() {
    let (code, text) = gongkai("check", "late-interpretation", &[]);
    assert_eq!(code, 0, "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn stale_column_and_home_page() {
    let (code, text) = gongkai("check", "stale-column", &[]);
    assert_eq!(code, 0, "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn empty_column() {
    let (code, text) = gongkai("check", "empty-column", &[]);
    assert_eq!(code, 0, "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn broken_internal_link_and_anchor() {
    let (code, text) = gongkai("check", "broken-link", &[]);
    assert_eq!(code, 0, "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn invalid_calendar_is_located() {
    let (code, text) = gongkai("check", "calendar", &[]);
    assert_eq!(code, 1, "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn no_calendar_counts_weekends_only_with_a_warning() {
    let (code, text) = gongkai("check", "no-calendar", &[]);
    assert_eq!(code, 0, "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn report_is_written_escaped_and_masked() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.html");
    let arg = report.to_string_lossy().into_owned();
    let (code, text) = gongkai("check", "pii", &["--report", &arg]);
    assert_eq!(code, 1, "{text}");
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(
        html.contains("<code>E060</code> 个人信息（阻止发布）"),
        "grouped by rule"
    );
    assert!(html.contains("content/tzgg/leak.md:17:8"));
    assert!(html.contains("4301**********1234"));
    assert!(!html.contains("430102199003071234"));
    assert!(html.contains("个人信息标记") || html.contains("关于补发慰问金的公示"));
    assert!(
        html.contains("pii_waiver {reason, by}"),
        "messages are escaped text"
    );
    assert!(html.contains("栏目更新情况"));
}

#[test]
fn the_example_site_is_clean() {
    let out = common::gongkai_cmd()
        .args(["check", "--strict", "--site", env!("CARGO_MANIFEST_DIR")])
        .env("GONGKAI_NOW", NOW)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.ends_with("0 个错误，0 个警告\n"), "{stderr}");
}

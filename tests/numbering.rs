//! 索引号 as real sites number them: a multi-department fixture site with every real shape
//! checks clean, each kind of numbering mistake is reported (snapshotted), and `new` issues
//! the next number of each department's scheme.

mod common;

use std::path::{Path, PathBuf};

const NOW: &str = "2026-11-25T12:00:00+08:00";

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/numbering")
}

fn gongkai(site: &Path, now: &str, args: &[&str]) -> (i32, String, String) {
    let out = common::gongkai_cmd()
        .args(args)
        .arg("--site")
        .arg(site)
        .env("GONGKAI_NOW", now)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The fixture site in a temp folder, with `case`'s content (if any) in place of its own.
fn site(case: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    match case {
        None => common::copy_dir(&fixture().join("site"), dir.path()),
        Some(c) => {
            std::fs::copy(
                fixture().join("site/site.yaml"),
                dir.path().join("site.yaml"),
            )
            .unwrap();
            common::copy_dir(&fixture().join("invalid").join(c), dir.path());
        }
    }
    dir
}

fn errors_only(stderr: &str) -> String {
    (stderr.lines())
        .filter(|l| l.starts_with("错误") || l.ends_with("个警告"))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn every_real_numbering_shape_checks_clean_on_one_site() {
    let s = site(None);
    let (code, _, stderr) = gongkai(s.path(), NOW, &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("0 个错误"), "{stderr}");
}

#[test]
fn every_numbering_mistake_is_reported_with_file_line_and_why() {
    let mut cases: Vec<String> = std::fs::read_dir(fixture().join("invalid"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    for case in cases {
        let s = site(Some(&case));
        let (code, _, stderr) = gongkai(s.path(), NOW, &["check"]);
        assert_eq!(code, 1, "{case}: {stderr}");
        insta::assert_snapshot!(format!("numbering__{case}"), errors_only(&stderr));
    }
}

#[test]
fn a_bad_publisher_scheme_in_site_yaml_is_located() {
    let s = site(None);
    let path = s.path().join("site.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replace("{publisher}/{YYYYMM}-{NNNNN}", "{publisher}/{YYMM}-{NNNNN}");
    std::fs::write(&path, text).unwrap();
    let (code, _, stderr) = gongkai(s.path(), NOW, &["check"]);
    assert_eq!(code, 1, "{stderr}");
    insta::assert_snapshot!("numbering__bad_publisher_scheme", stderr);
}

/// Runs `new` at `now` and returns the 索引号 it wrote.
fn new_number(s: &Path, now: &str, args: &[&str]) -> String {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    all.extend(["--title", "新的记录"]);
    let (code, stdout, stderr) = gongkai(s, now, &all);
    assert_eq!(code, 0, "{args:?}: {stderr}");
    let text = std::fs::read_to_string(stdout.trim()).unwrap();
    let line = text.lines().find(|l| l.starts_with("index_no:")).unwrap();
    line["index_no:".len()..]
        .trim()
        .trim_matches('"')
        .to_string()
}

#[test]
fn new_issues_the_next_number_of_each_departments_scheme() {
    let s = site(None);
    let p = s.path();
    let cases: &[(&str, &[&str], &str)] = &[
        // After 00001 of 2025 (the record made in 2024 and published in 2025).
        (
            "2025-06-01T10:00:00+08:00",
            &["tzgg", "--publisher", "qzfb"],
            "11330203MB1D62705B/2025-00002",
        ),
        (
            "2021-06-01T10:00:00+08:00",
            &["tzgg", "--publisher", "fgj"],
            "113302030025328170/2021-0000346",
        ),
        (
            "2016-06-01T10:00:00+08:00",
            &["tzgg", "--publisher", "sjj"],
            "00253281X/2016-00008",
        ),
        (
            "2018-07-21T10:00:00+08:00",
            &["tzgg", "--publisher", "jyj"],
            "002532817/201807-00032",
        ),
        (
            "2018-08-01T10:00:00+08:00",
            &["tzgg", "--publisher", "jyj"],
            "002532817/201808-00001",
        ),
        (
            "2020-06-01T10:00:00+08:00",
            &["tzgg", "--publisher", "wjw"],
            "002532825-2020-000105",
        ),
        (
            "2022-06-01T10:00:00+08:00",
            &["tzgg", "--publisher", "mzj"],
            "3302001/2022-00046",
        ),
        (
            "2024-07-01T10:00:00+08:00",
            &["tzgg", "--publisher", "qzf"],
            "3302030000/2024-000124",
        ),
        (
            "2024-09-01T10:00:00+08:00",
            &["tzgg", "--publisher", "zjj"],
            "FCQZJJ/2024-00008",
        ),
        (
            "2023-12-01T10:00:00+08:00",
            &["ghjh", "--publisher", "fjq", "--code", "category=0401"],
            "FJ350102-0401-2023-00013",
        ),
        (
            "2023-12-01T10:00:00+08:00",
            &["ghjh", "--publisher", "fjq", "--code", "category=0402"],
            "FJ350102-0402-2023-00001",
        ),
        (
            "2023-12-01T10:00:00+08:00",
            &["ghjh", "--publisher", "fjn"],
            "FJ350102-0203-2023-00100",
        ),
        (
            "2007-09-03T10:00:00+08:00",
            &["zcwj", "--publisher", "nbs", "--code", "group=01"],
            "330203-SFJ-02-01-20070903-124",
        ),
        (
            "2024-02-01T10:00:00+08:00",
            &["zcwj", "--publisher", "szd", "--code", "unit=01"],
            "330203105020120240008",
        ),
    ];
    for (now, args, want) in cases {
        assert_eq!(&new_number(p, now, args), want, "{args:?}");
    }
    // The legacy number 芙政办〔2009〕索引-0012 is never continued: 2009 starts afresh.
    assert_eq!(
        new_number(
            p,
            "2009-05-01T10:00:00+08:00",
            &["tzgg", "--publisher", "qzfb"]
        ),
        "11330203MB1D62705B/2009-00001"
    );
    // Every number issued is valid as written.
    let (code, _, stderr) = gongkai(p, NOW, &["check"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn new_asks_for_a_per_record_code_the_scheme_needs() {
    let s = site(None);
    let (code, _, stderr) = gongkai(
        s.path(),
        NOW,
        &["new", "zcwj", "--publisher", "nbs", "--title", "t"],
    );
    assert_eq!(code, 1, "{stderr}");
    insta::assert_snapshot!("numbering__new_needs_code", stderr);
}

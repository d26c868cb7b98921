//! Same input, same bytes: the example site at the repository root builds byte-identically at
//! 1 and 2 threads, and a build that fails leaves the previous output folder as it was.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

const NOW: &str = "2026-11-25T12:00:00+08:00";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn build(site: &Path, out: &Path, threads: &str) -> Output {
    common::gongkai_cmd()
        .args(["--quiet", "build", "--full", "--site"])
        .arg(site)
        .arg("--out")
        .arg(out)
        .env("GONGKAI_NOW", NOW)
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .expect("gongkai runs")
}

fn assert_built(o: &Output) {
    assert!(
        o.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Every file below `dir`, by `/`-separated relative path, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            let key = rel.to_string_lossy().replace('\\', "/");
            (key, fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Copies the example site (config, content, data, theme) into `to`.
fn copy_example(to: &Path) {
    let root = repo();
    for part in ["site.yaml", "content", "data", "themes"] {
        let from = root.join(part);
        if from.is_file() {
            fs::copy(&from, to.join(part)).unwrap();
            continue;
        }
        for e in walkdir::WalkDir::new(&from).into_iter().map(Result::unwrap) {
            let dest = to.join(e.path().strip_prefix(&root).unwrap());
            if e.file_type().is_dir() {
                fs::create_dir_all(&dest).unwrap();
            } else {
                fs::copy(e.path(), &dest).unwrap();
            }
        }
    }
}

#[test]
fn example_site_is_byte_identical_at_one_and_two_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let (one, two) = (tmp.path().join("one"), tmp.path().join("two"));
    assert_built(&build(&repo(), &one, "1"));
    assert_built(&build(&repo(), &two, "2"));
    let (a, b) = (snapshot(&one), snapshot(&two));
    assert!(a.len() > 50, "suspiciously small build: {} files", a.len());
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the two builds wrote different files"
    );
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between 1 and 2 threads");
    }
}

/// A built copy of the example site: (temp dir, site, output folder, snapshot of the output).
fn built_copy() -> (
    tempfile::TempDir,
    PathBuf,
    PathBuf,
    BTreeMap<String, Vec<u8>>,
) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let out = tmp.path().join("out").join("public");
    fs::create_dir_all(&site).unwrap();
    copy_example(&site);
    assert_built(&build(&site, &out, "2"));
    let before = snapshot(&out);
    assert!(!before.is_empty());
    (tmp, site, out, before)
}

/// The output folder is exactly as before and no staging folder was left next to it.
fn assert_untouched(out: &Path, before: &BTreeMap<String, Vec<u8>>) {
    assert!(snapshot(out) == *before, "the previous output was changed");
    let siblings: Vec<_> = fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(siblings, ["public"], "a failed build left files behind");
}

#[test]
fn a_build_with_content_errors_leaves_the_previous_output_untouched() {
    let (_tmp, site, out, before) = built_copy();
    fs::write(
        site.join("content/tzgg/broken.md"),
        "---\ntitle: 缺少索引号的记录\nstatus: approved\n---\n\n正文。\n",
    )
    .unwrap();
    let o = build(&site, &out, "2");
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_untouched(&out, &before);
}

#[test]
fn a_build_that_fails_while_writing_leaves_the_previous_output_untouched() {
    let (_tmp, site, out, before) = built_copy();
    // The record template fails at render time, after other pages were written to staging.
    fs::create_dir_all(site.join("templates")).unwrap();
    fs::write(
        site.join("templates/record.html"),
        "{{ this_variable_does_not_exist }}",
    )
    .unwrap();
    let o = build(&site, &out, "2");
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_untouched(&out, &before);
}

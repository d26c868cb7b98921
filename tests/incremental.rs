//! Incremental builds: after records are changed, added, withdrawn, deleted and renamed, and
//! after a template or `site.yaml` changes, a build that reuses the cache writes exactly what a
//! full build writes; a corrupt cache or a hand-edited output is noticed and not trusted.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{NOW, example_site, tree};

fn gongkai(site: &Path, args: &[&str]) -> Output {
    let out = common::gongkai_cmd()
        .args(args)
        .arg("--site")
        .arg(site)
        .env("GONGKAI_NOW", NOW)
        .env_remove("GONGKAI_TIMINGS")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "gongkai {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Builds `site` with the cache; returns the summary line and the notices.
fn build(site: &Path) -> (String, String) {
    let out = gongkai(site, &["build"]);
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A full build of `site` into a fresh folder, ignoring the cache.
fn full_build(site: &Path) -> PathBuf {
    let dir = site.join("full");
    let _ = std::fs::remove_dir_all(&dir);
    let out = dir.to_string_lossy().into_owned();
    gongkai(site, &["build", "--full", "--quiet", "--out", &out]);
    dir
}

/// The output must equal a full build of the same input, file for file and byte for byte.
fn assert_same_as_full_build(site: &Path) {
    let incremental = tree(&site.join("public"));
    let full = tree(&full_build(site));
    let names =
        |t: &std::collections::BTreeMap<String, Vec<u8>>| t.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&incremental), names(&full), "the same files");
    for (rel, bytes) in &full {
        assert!(
            incremental[rel] == *bytes,
            "{rel} differs from a full build"
        );
    }
}

/// `… 109 个文件（重写 3 个，删除 0 个）…` → 3 (the summary in the site's Chinese).
fn rewritten(summary: &str) -> usize {
    let (_, after) = summary
        .split_once("（重写 ")
        .unwrap_or_else(|| panic!("not an incremental build: {summary:?}"));
    after.split(' ').next().unwrap().parse().unwrap()
}

fn edit(site: &Path, rel: &str, from: &str, to: &str) {
    let path = site.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn mtime(path: &Path) -> std::time::SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

const EDITED: &str = "content/tzgg/2025-yhbz-rfgl-tg.md";
const UNRELATED_PAGE: &str = "public/doc/11430199MB0000000X-2024-00019.html";

#[test]
fn records_changed_added_withdrawn_deleted_and_renamed_build_as_a_full_build_would() {
    let dir = example_site();
    let site = dir.path();
    let (first, _) = build(site);
    assert!(
        !first.contains("重写"),
        "the first build is a full one: {first}"
    );
    let untouched = mtime(&site.join(UNRELATED_PAGE));

    // Changed: a title; added: a new notice (published by `gongkai publish`); withdrawn: a
    // published notice leaves the site; deleted: a draft's file; renamed: a record's file.
    edit(site, EDITED, "title: ", "title: 修订：");
    let new = std::fs::read_to_string(site.join("content/tzgg/2024-awws-yd.md"))
        .unwrap()
        .replace("2024-00019", "2024-00919")
        .replace("published: 2024-10-17\n", "")
        .replacen("title: ", "title: 增补：", 1);
    std::fs::write(site.join("content/tzgg/2024-new.md"), new).unwrap();
    edit(
        site,
        "content/tzgg/2025-wmbss-zj.md",
        "status: approved",
        "status: withdrawn",
    );
    std::fs::remove_file(site.join("content/tzgg/2026-2027yd-zbap-draft.md")).unwrap();
    std::fs::rename(
        site.join("content/tzgg/2025-zwxmt-zc.md"),
        site.join("content/tzgg/2025-zwxmt-zc-renamed.md"),
    )
    .unwrap();
    // …and an attachment's bytes change under an unchanged record file.
    let pdf = site.join("content/yjgl/yjya/_files/ztya-2025.pdf");
    let mut bytes = std::fs::read(&pdf).unwrap();
    bytes.extend_from_slice(b"\n% revised\n");
    std::fs::write(&pdf, bytes).unwrap();
    gongkai(site, &["publish", "--quiet"]);
    assert_same_as_full_build(site);
    assert!(
        site.join("public/doc/11430199MB0000000X-2024-00919.html")
            .is_file(),
        "the added record has its page"
    );
    assert!(
        !site
            .join("public/doc/11430199MB0000000X-2025-00046.html")
            .exists(),
        "the withdrawn record's page is gone"
    );
    assert_eq!(
        mtime(&site.join(UNRELATED_PAGE)),
        untouched,
        "a page whose inputs did not change is not rewritten"
    );

    // Nothing changed since: nothing is rewritten.
    let (again, _) = build(site);
    assert_eq!(rewritten(&again), 0, "{again}");

    // One title changed: its page and the pages listing it, not the whole site.
    edit(site, EDITED, "title: 修订：", "title: 再修订：");
    gongkai(site, &["publish", "--quiet"]);
    let (after, _) = build(site);
    assert_eq!(rewritten(&after), 0, "publish already built it: {after}");
    assert_same_as_full_build(site);
    let total = tree(&site.join("public")).len();
    edit(site, EDITED, "再修订：", "三修订：");
    let elsewhere = site.join("elsewhere").to_string_lossy().into_owned();
    gongkai(site, &["publish", "--quiet", "--out", &elsewhere]);
    let (one_edit, _) = build(site);
    let n = rewritten(&one_edit);
    assert!(
        n > 0 && n < total / 2,
        "{n} of {total} rewritten: {one_edit}"
    );
    assert_same_as_full_build(site);
}

#[test]
fn a_changed_template_or_site_yaml_rebuilds_what_depends_on_it() {
    let dir = example_site();
    let site = dir.path();
    build(site);
    let total = tree(&site.join("public")).len();

    std::fs::create_dir_all(site.join("templates")).unwrap();
    let builtin = common::repo().join("themes/default/templates/404.html");
    let page = std::fs::read_to_string(builtin).unwrap();
    std::fs::write(
        site.join("templates/404.html"),
        page.replacen(
            "content=\"noindex\">",
            "content=\"noindex\"><!-- site override -->",
            1,
        ),
    )
    .unwrap();
    let (after_template, _) = build(site);
    assert!(rewritten(&after_template) > total / 2, "{after_template}");
    assert!(
        std::fs::read_to_string(site.join("public/404.html"))
            .unwrap()
            .contains("site override")
    );
    assert_same_as_full_build(site);

    edit(site, "site.yaml", "title: ", "title: 新版");
    let (after_config, _) = build(site);
    assert!(rewritten(&after_config) > total / 2, "{after_config}");
    assert_same_as_full_build(site);
}

#[test]
fn a_corrupt_cache_or_a_hand_edited_output_is_not_trusted() {
    let dir = example_site();
    let site = dir.path();
    build(site);
    let cache_dir = site.join(".gongkai-cache");
    let cache = std::fs::read_dir(&cache_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("build-")
        })
        .expect("the build cache file");
    let mut bytes = std::fs::read(&cache).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    std::fs::write(&cache, &bytes).unwrap();
    let (summary, notes) = build(site);
    assert!(notes.contains("build cache not used"), "{notes}");
    assert!(notes.contains("corrupt"), "{notes}");
    assert!(!summary.contains("重写"), "a full build: {summary}");
    assert_same_as_full_build(site);

    std::fs::write(site.join(UNRELATED_PAGE), "defaced").unwrap();
    std::fs::write(site.join("public/stray.html"), "not ours").unwrap();
    let (_, notes) = build(site);
    assert!(notes.contains("was changed or removed"), "{notes}");
    assert!(!site.join("public/stray.html").exists());
    assert_same_as_full_build(site);

    std::fs::write(site.join("public/stray.html"), "not ours").unwrap();
    let (_, notes) = build(site);
    assert!(
        notes.contains("files the last build did not write"),
        "{notes}"
    );
    assert_same_as_full_build(site);
}

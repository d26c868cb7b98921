//! The 政府信息公开 section on the example site: cross-links between abolished policies and their
//! replacements, policies and their interpretations, pagination of node and browse listings, and
//! the reserved section folder names.

mod common;

use std::path::{Path, PathBuf};

fn copy_dir(from: &Path, to: &Path) {
    common::copy_dir(from, to)
}

/// Copies the example site (site.yaml, content, data) with `page_size` set, and builds it.
fn build_example(page_size: usize) -> (tempfile::TempDir, PathBuf) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    for sub in ["content", "data"] {
        copy_dir(&repo.join(sub), &site.join(sub));
    }
    let yaml = std::fs::read_to_string(repo.join("site.yaml")).unwrap();
    let yaml = yaml.replace("page_size: 20", &format!("page_size: {page_size}"));
    assert!(yaml.contains(&format!("page_size: {page_size}")));
    std::fs::write(site.join("site.yaml"), yaml).unwrap();
    let out = dir.path().join("out");
    let status = common::build(&site, &out);
    assert!(status.success());
    (dir, out)
}

fn page(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn abolished_policy_and_its_replacement_link_both_ways() {
    let (_dir, out) = build_example(20);
    let old = page(&out, "doc/11430199MB0000000X-2024-00007.html");
    assert!(
        old.contains("banner-void"),
        "the abolished policy shows a banner"
    );
    let banner = &old[old.find("banner-void").unwrap()..];
    let banner = &banner[..banner.find("</div>").unwrap()];
    assert!(banner.contains("href=\"../doc/11430199MB0000000X-2025-00028.html\""));
    let new = page(&out, "doc/11430199MB0000000X-2025-00028.html");
    assert!(!new.contains("banner-void"), "the replacement is in force");
    assert!(new.contains("href=\"../doc/11430199MB0000000X-2024-00007.html\""));
}

#[test]
fn policy_lists_its_interpretation_and_the_interpretation_links_back() {
    let (_dir, out) = build_example(20);
    let policy = page(&out, "doc/11430199MB0000000X-2025-00017.html");
    let section = &policy[policy
        .find("id=\"jd-heading\"")
        .expect("interpretations section")..];
    assert!(section.contains("11430199MB0000000X-2025-00018.html"));
    let jd = page(&out, "doc/11430199MB0000000X-2025-00018.html");
    let xref = &jd[jd.find("class=\"xref\"").expect("interprets link")..];
    assert!(xref.contains("11430199MB0000000X-2025-00017.html"));
}

#[test]
fn listings_link_every_page_and_slice_the_rows() {
    let (_dir, out) = build_example(3);
    let catalog: serde_json::Value =
        serde_json::from_str(&page(&out, "data/catalog.json")).unwrap();
    let total = catalog["count"].as_u64().unwrap() as usize;
    // The policies node (政策文件, 11 records) and the 2025 year view, 3 rows a page.
    for dir in ["xxgk/zcwj", "xxgk/nf/2025"] {
        let first = page(&out, &format!("{dir}/index.html"));
        let pages = (2..)
            .take_while(|n| out.join(format!("{dir}/{n}.html")).exists())
            .count()
            + 1;
        assert!(pages >= 3, "{dir} has {pages} pages");
        for n in 2..=pages {
            assert!(
                first.contains(&format!("{n}.html\">{n}</a>")),
                "{dir} links page {n}"
            );
        }
        let last = page(&out, &format!("{dir}/{pages}.html"));
        assert!(last.contains("rel=\"prev\""));
        assert!(!last.contains("rel=\"next\""));
        assert_eq!(
            first.matches("<tr>").count() - 1,
            3,
            "{dir}: a full page has 3 rows"
        );
    }
    // Every year page together lists every record exactly once.
    let mut rows = 0;
    for entry in walkdir::WalkDir::new(out.join("xxgk/nf")).min_depth(2) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let html = std::fs::read_to_string(entry.path()).unwrap();
            rows += html.matches("<td class=\"ix\">").count();
        }
    }
    assert_eq!(rows, total);
}

#[test]
fn statutory_items_come_in_numeric_order() {
    let (_dir, out) = build_example(20);
    let html = page(&out, "xxgk/fdzdgk/index.html");
    let at = |s: &str| html.find(s).unwrap_or_else(|| panic!("{s} missing"));
    assert!(at("20(1) ") < at("20(2) "));
    assert!(at("20(2) ") < at("20(10) "));
    assert!(at("20(10) ") < at("20(15) "));
    assert!(out.join("xxgk/fdzdgk/20-7/index.html").exists());
}

#[test]
fn a_top_level_catalog_id_may_not_take_a_section_folder() {
    let yaml = "title: t\nbase_url: https://a.example.gov.cn/\norg: {name: o, index_prefix: P}\n\
                publishers: [{id: p, name: P}]\ncatalog:\n  - {id: nf, name: 年份}\n";
    let diags = gongkai::config::parse(yaml).expect_err("reserved id is an error");
    assert!(
        diags
            .iter()
            .any(|d| d.message.to_string().contains("reserved")),
        "{diags:?}"
    );
}

//! `gongkai new`: a node and a publisher by id or Chinese name; the draft is a commented
//! skeleton of the node's kind that passes `gongkai check` as written.

mod common;

use std::path::Path;

use common::run as gongkai;

/// Runs `new` and returns the text of the file it wrote.
fn new(site: &Path, args: &[&str]) -> String {
    let (code, stdout, stderr) = gongkai(site, &[&["new"], args].concat());
    assert_eq!(code, 0, "{args:?}: {stderr}");
    std::fs::read_to_string(stdout.trim()).unwrap()
}

fn field<'a>(text: &'a str, name: &str) -> &'a str {
    let line = (text.lines())
        .find(|l| l.starts_with(&format!("{name}:")))
        .unwrap_or_else(|| panic!("no {name} in\n{text}"));
    line[name.len() + 1..].trim()
}

#[test]
fn a_draft_of_every_kind_by_node_name_passes_check() {
    let site = common::example_site();
    let s = site.path();
    // One node of each kind, each written by its Chinese name.
    for node in [
        "通知公告",
        "行政规范性文件",
        "政策解读",
        "采购公告",
        "预算决算",
        "领导信息",
        "机构职能",
        "办事指南",
    ] {
        let text = new(s, &[node, "--title", &format!("测试{node}")]);
        assert!(text.contains("\nstatus: draft\n"), "{node}");
        assert!(text.contains("\ncreated: 2026-11-25\n"), "{node}");
        assert!(
            text.contains("# ———— 审核（批准发布前必填） ————"),
            "{node}"
        );
    }
    let (code, _, stderr) = gongkai(s, &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("0 个错误"), "{stderr}");
}

#[test]
fn the_publisher_by_name_by_the_nodes_default_or_the_first() {
    let site = common::example_site();
    let s = site.path();
    let by_name = new(s, &["tzgg", "--title", "t", "--publisher", "区政府办"]);
    assert_eq!(field(&by_name, "publisher"), "qzfb");
    // site.yaml gives 财政预决算 the publisher 芙川区财政局; its children inherit it.
    let budget = new(s, &["czyjs/yjs", "--title", "t"]);
    assert_eq!(field(&budget, "publisher"), "czj");
    let first = new(s, &["xxgk/tzgg", "--title", "t"]);
    assert_eq!(field(&first, "publisher"), "qzf");
    assert!(first.contains("\n# 栏目：通知公告（tzgg），"), "{first}");
    // The section's usual name in front of a node path, as the README once wrote it.
    let readme = new(s, &["zfxxgk/tzgg", "--title", "t"]);
    assert!(readme.contains("\n# 栏目：通知公告（tzgg），"), "{readme}");
}

#[test]
fn an_ambiguous_node_or_publisher_lists_the_candidates() {
    let site = common::example_site();
    let (code, _, stderr) = gongkai(site.path(), &["new", "公告", "--title", "t"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("new_ambiguous_node", stderr);
    let (code, _, stderr) = gongkai(
        site.path(),
        &["new", "tzgg", "--title", "t", "--publisher", "区政府"],
    );
    assert_eq!(code, 1);
    insta::assert_snapshot!("new_ambiguous_publisher", stderr);
    let (code, _, stderr) = gongkai(site.path(), &["new", "通知公吿", "--title", "t"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("是否应为 “tzgg”（通知公告）？"), "{stderr}");
}

#[test]
fn a_draft_is_the_same_bytes_for_the_same_clock() {
    let (a, b) = (common::example_site(), common::example_site());
    let ta = new(a.path(), &["领导信息", "--title", "张某某"]);
    let tb = new(b.path(), &["jgxx/ldxx", "--title", "张某某"]);
    assert_eq!(ta, tb);
}

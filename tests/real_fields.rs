//! Fields real records carry (成文日期, 施行日期, 有效期至, 统一登记号, 发文机关, 信息来源, 项目编号):
//! typed, on record pages, in catalog.csv/json with the standard-catalog columns of the node, and
//! 有效性 derived when 有效期至 has passed; mistakes reported (snapshotted).

mod common;

use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real_fields")
}

/// Exit code and stderr of `gongkai ARGS --site SITE`.
fn gongkai(site: &Path, args: &[&str]) -> (i32, String) {
    let (code, _, stderr) = common::run(site, args);
    (code, stderr)
}

#[test]
fn real_fields_reach_the_page_and_the_catalog_and_expiry_sets_validity() {
    let site = common::temp_copy(&fixture().join("site"));
    let out = site.path().join("out");
    let (code, stderr) = gongkai(site.path(), &["build", "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let page = std::fs::read_to_string(out.join("doc/TEST-2023-00001.html")).unwrap();
    for (label, value) in [
        ("成文日期", "2023-02-27"),
        ("施行日期", "2023-04-01"),
        ("有效期至", "2025-03-31"),
        ("统一登记号", "HHCR-2023-01005"),
        ("发文机关", "测试市人民政府办公室"),
        ("信息来源", "测试市人民政府网站"),
        ("文件类别", "转发上级文件"),
        // 有效期至 2025-03-31 has passed.
        ("有效性", "已失效"),
    ] {
        let row = format!("<th scope=\"row\">{label}</th><td");
        let at = page.find(&row).unwrap_or_else(|| panic!("{label} row"));
        let cell = &page[at + row.len()..];
        let cell = &cell[cell.find('>').unwrap() + 1..cell.find("</td>").unwrap()];
        assert_eq!(cell, value, "{label}");
    }
    assert!(
        !page.contains("不显示"),
        "extra keys not listed in show_extra stay off the page"
    );
    let procurement = std::fs::read_to_string(out.join("doc/TEST-2025-00002.html")).unwrap();
    assert!(
        procurement
            .contains("<th scope=\"row\">项目编号</th><td colspan=\"3\">CSCG-2025-0112</td>")
    );
    let csv = std::fs::read_to_string(out.join("data/catalog.csv")).unwrap();
    let mut lines = csv.trim_start_matches('\u{FEFF}').lines();
    let header = lines.next().unwrap();
    assert!(header.ends_with("成文日期,施行日期,有效期至,统一登记号,发文机关,信息来源,项目编号,公开事项,公开依据,公开时限,公开主体,公开渠道和载体,公开对象,公开方式（主动/依申请）,公开层级"), "{header}");
    let policy = lines
        .clone()
        .find(|l| l.starts_with("TEST/2023-00001"))
        .unwrap();
    assert!(policy.contains(",已失效,"), "{policy}");
    assert!(policy.ends_with("2023-02-27,2023-04-01,2025-03-31,HHCR-2023-01005,测试市人民政府办公室,测试市人民政府网站,,行政规范性文件,《中华人民共和国政府信息公开条例》第二十条,自形成或变更之日起20个工作日内,区政府办公室,政府网站,全社会,主动,县级"), "{policy}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("data/catalog.json")).unwrap())
            .unwrap();
    let by = |ix: &str| {
        (json["records"].as_array().unwrap().iter())
            .find(|r| r["index_no"] == ix)
            .unwrap()
            .clone()
    };
    let procurement = by("TEST/2025-00002");
    assert_eq!(procurement["project_no"], "CSCG-2025-0112");
    assert_eq!(
        procurement["matter"],
        serde_json::Value::Null,
        "a node without an entry: empty columns"
    );
    let policy = by("TEST/2023-00001");
    assert_eq!(policy["registration_no"], "HHCR-2023-01005");
    assert_eq!(policy["validity"], "已失效");
    assert_eq!(policy["manner"], "主动");
}

#[test]
fn real_field_mistakes_are_located() {
    for case in ["expires_before_effective", "project_no_elsewhere"] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(
            fixture().join("site/site.yaml"),
            dir.path().join("site.yaml"),
        )
        .unwrap();
        common::copy_dir(&fixture().join("invalid").join(case), dir.path());
        let (code, stderr) = gongkai(dir.path(), &["check"]);
        assert_eq!(code, 1, "{case}: {stderr}");
        let errors: String = (stderr.lines())
            .filter(|l| l.starts_with("error"))
            .map(|l| format!("{l}\n"))
            .collect();
        insta::assert_snapshot!(format!("real_fields__{case}"), errors);
    }
}

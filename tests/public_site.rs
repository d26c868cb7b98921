//! `site.yaml` `footer:` and `header:` (issue 24): the inspection items reach every page, an
//! image that is not in `static/` or a link that is not http(s) is a located error.

mod common;

use std::path::Path;

const FOOTER: &str = r#"
footer:
  report_error: {label: 我为网站找错, url: "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=4399990001"}
  party_gov_mark: {image: dzjg.png, url: "https://bszs.conac.cn/sitename?method=show&id=1"}
  sponsor: 测试区人民政府办公室
  undertaker: 测试区大数据中心
  new_media:
    - {label: 测试发布（微信公众号）, url: "https://mp.weixin.qq.com/test"}
header:
  emblem: guohui.svg
"#;

fn site_with(extra: &str, images: &[&str]) -> tempfile::TempDir {
    let dir = common::temp_copy(&common::repo().join("tests/fixtures/minimal"));
    let yaml = dir.path().join("site.yaml");
    let mut text = std::fs::read_to_string(&yaml).unwrap();
    text.push_str(extra);
    std::fs::write(&yaml, text).unwrap();
    std::fs::create_dir_all(dir.path().join("static")).unwrap();
    for name in images {
        std::fs::write(dir.path().join("static").join(name), b"<svg/>").unwrap();
    }
    dir
}

fn page(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap()
}

#[test]
fn footer_and_header_items_from_site_yaml_reach_every_page() {
    let site = site_with(FOOTER, &["dzjg.png", "guohui.svg"]);
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("public");
    assert!(common::build(site.path(), &out).success());
    for rel in [
        "index.html",
        "xxgk/index.html",
        "wzdt.html",
        "kfsj.html",
        "404.html",
    ] {
        let html = page(&out, rel);
        let footer = &html[html.find("<footer").unwrap()..];
        assert!(footer.contains(">我为网站找错</a>"), "{rel}: 找错");
        assert!(footer.contains("site_code=4399990001"), "{rel}: 找错 URL");
        assert!(
            footer.contains(
                r#"href="https://bszs.conac.cn/sitename?method=show&amp;id=1"><img src=""#
            ),
            "{rel}: 党政机关网站标识"
        );
        assert!(footer.contains(r#"alt="党政机关网站标识""#), "{rel}");
        assert!(
            footer.contains("主办单位：测试区人民政府办公室 · 承办单位：测试区大数据中心"),
            "{rel}"
        );
        assert!(
            footer.contains(">测试发布（微信公众号）</a>"),
            "{rel}: 政务新媒体"
        );
        assert!(
            html.contains(r#"<img class="emblem-img" src=""#),
            "{rel}: 国徽"
        );
    }
    // The images are fingerprinted static files of the built site.
    let home = page(&out, "index.html");
    let src = home.split(r#"class="emblem-img" src=""#).nth(1).unwrap();
    let src = &src[..src.find('"').unwrap()];
    assert!(
        src.starts_with("static/guohui.") && out.join(src).is_file(),
        "{src}"
    );
}

#[test]
fn without_footer_settings_the_mark_and_emblem_are_absent() {
    let site = site_with("", &[]);
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("public");
    assert!(common::build(site.path(), &out).success());
    let home = page(&out, "index.html");
    assert!(!home.contains("party-gov-mark") && !home.contains("emblem-img"));
    // Without a 网站标识码 there is no national 找错 form to link.
    assert!(!home.contains("jiucuo"));
    assert!(home.contains("主办单位：测试区人民政府"));
}

#[test]
fn a_missing_image_and_a_script_link_are_located_errors() {
    let extra = "footer:\n  party_gov_mark: {image: dzjg.png, url: \"https://bszs.conac.cn/\"}\n  new_media:\n    - {label: x, url: \"javascript:alert(1)\"}\n";
    let site = site_with(extra, &[]);
    let out = common::gongkai_cmd()
        .args(["build", "--site"])
        .arg(site.path())
        .arg("--out")
        .arg(site.path().join("public"))
        .env("GONGKAI_NOW", common::NOW)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("javascript:alert(1)"), "{stderr}");
    assert!(stderr.contains("site.yaml:"), "{stderr}");
    // The shape error stops the build before the file check; fixed, the missing file shows.
    let yaml = site.path().join("site.yaml");
    let text = std::fs::read_to_string(&yaml)
        .unwrap()
        .replace("javascript:alert(1)", "https://a.example/");
    std::fs::write(&yaml, text).unwrap();
    let out = common::gongkai_cmd()
        .args(["build", "--site"])
        .arg(site.path())
        .arg("--out")
        .arg(site.path().join("public"))
        .env("GONGKAI_NOW", common::NOW)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("static/dzjg.png"), "{stderr}");
    let line = extra_line(&std::fs::read_to_string(&yaml).unwrap(), "party_gov_mark");
    assert!(stderr.contains(&format!("site.yaml:{line}:")), "{stderr}");
}

fn extra_line(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

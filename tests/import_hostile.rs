//! Hostile input to `gongkai import` (issue 21): random bytes and hostile strings as a catalog
//! spreadsheet and as saved pages never panic, never write outside `content/` (nor into the
//! import source), and, once the site is built, no page carries markup that runs: no `on*`
//! attribute, no active URL, no script or frame the theme did not write.
//! `GONGKAI_HOSTILE_CASES=N` runs N property cases instead of the default few.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::markup;

use gongkai::build::Options;
use gongkai::import::{self, Request};
use gongkai::values::Instant;
use proptest::prelude::*;

const FRAGMENTS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "<a href=\"javascript:alert(3)\">x</a>",
    "<a href=\"JaVa\tScRiPt:alert(4)\">y</a>",
    "<svg onload=alert(5)>",
    "<iframe src=\"data:text/html,x\"></iframe>",
    "<p onclick=\"alert(6)\">p</p>",
    "<style>body{display:none}</style>",
    "<base href=\"//evil.example/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(7)\">",
    "</title><script>alert(8)</script>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(9)>\">",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(10)>",
    "[x](javascript:alert(11))",
    "![x](https://x.example/a.png \"\\\" onerror=alert(12)\")",
    "<https://x.example/?a=\"onmouseover=alert(13)>",
    "{{ site }}",
    "{% raw %}",
    "---",
    "\"",
    "'",
    ",",
    "\n",
    "\r\n",
    "\u{0}",
    "\u{1}\u{1f}\u{7f}",
    "\u{2028}",
    "\u{feff}",
    "../../../../etc/passwd",
    "/etc/passwd",
    "..\\..\\x.pdf",
    "a.pdf",
    "C:\\x.pdf",
    "file:///etc/passwd",
    "索引号：",
    "2023年13月45日",
    "9999-99-99",
    "#",
    "* ",
    "1. ",
    "> ",
    "|",
    "&amp;",
    "&#x6a;avascript:alert(14)",
    "正文",
    "　",
];

fn hostile_string() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..5).prop_map(|v| v.concat())
}

fn now() -> Instant {
    Instant::parse("2026-12-07T10:00:00+08:00").unwrap()
}

fn fixture_site() -> std::path::PathBuf {
    common::repo().join("tests/fixtures/import/site")
}

/// A CSV field, quoted.
fn field(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

fn import(site: &Path, source: &Path) -> usize {
    let req = Request {
        source: source.to_path_buf(),
        mapping: None,
        node: Some("tzgg".into()),
        clock: gongkai::ledger::entry::Clock::Injected,
    };
    import::run(
        &Options::new(site.to_path_buf(), now()),
        &req,
        &Default::default(),
    )
    .unwrap()
    .created
    .len()
}

/// Everything of the site but `content/`, and the whole source: an import may change neither.
fn outside_content(site: &Path) -> Vec<(String, Vec<u8>)> {
    common::tree(site)
        .into_iter()
        .filter(|(p, _)| !p.starts_with("content/"))
        .collect()
}

fn build(site: &Path) -> Option<std::path::PathBuf> {
    let out = site.join("public");
    let opts = Options {
        allow_mass_withdrawal: true,
        ..Options::new(site.to_path_buf(), now())
    };
    match gongkai::build::build(&opts, &out).unwrap() {
        gongkai::build::Outcome::Built(..) => Some(out),
        gongkai::build::Outcome::Invalid(_) => None,
    }
}

/// The theme's own active elements, from the fixture site built without imports.
fn theme() -> &'static BTreeSet<String> {
    static THEME: std::sync::OnceLock<BTreeSet<String>> = std::sync::OnceLock::new();
    THEME.get_or_init(|| {
        let dir = common::temp_copy(&fixture_site());
        markup::active_elements(&build(dir.path()).expect("the fixture site builds"))
    })
}

fn audit(out: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for (path, bytes) in common::tree(out) {
        if path.ends_with(".html") {
            markup::audit_html(
                &path,
                &String::from_utf8_lossy(&bytes),
                theme(),
                &mut problems,
            );
        }
    }
    problems
}

fn cases() -> u32 {
    std::env::var("GONGKAI_HOSTILE_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4)
}

/// Runs an import of `write_source`'s files and checks confinement and the built pages.
fn check(write_source: impl Fn(&Path), must_create: bool) -> Result<(), TestCaseError> {
    let site = common::temp_copy(&fixture_site());
    let source = tempfile::tempdir().unwrap();
    write_source(source.path());
    let source_before = common::tree(source.path());
    let site_before = outside_content(site.path());
    let entry = std::fs::read_dir(source.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let created = import(site.path(), &entry) + import(site.path(), source.path());
    prop_assert!(
        created > 0 || !must_create,
        "the hostile rows were all refused: the test would prove nothing"
    );
    prop_assert_eq!(
        common::tree(source.path()),
        source_before,
        "the source is never written"
    );
    prop_assert_eq!(
        outside_content(site.path()),
        site_before,
        "nothing outside content/"
    );
    if let Some(out) = build(site.path()) {
        let problems = audit(&out);
        prop_assert!(problems.is_empty(), "{:#?}", problems);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn hostile_rows_and_pages_never_escape_or_run(cells in prop::collection::vec(hostile_string(), 7..28)) {
        check(|dir| {
            let mut csv = String::from("标题,索引号,发布日期,正文,附件,备注,发布机构\n");
            for (i, row) in cells.chunks(7).enumerate() {
                let mut row: Vec<String> = row.iter().map(|c| field(c)).collect();
                row.resize(7, String::new());
                row[1] = field(&format!("{}X/2023-{i:05}", cells[0].chars().filter(|c| c.is_ascii_alphanumeric()).take(8).collect::<String>()));
                row[2] = format!("2023-05-0{}", i % 9 + 1);
                row[0] = field(&format!("{}标题", cells[i * 7]));
                row[6] = "芙川区教育局".into();
                csv.push_str(&row.join(","));
                csv.push('\n');
            }
            std::fs::write(dir.join("a.csv"), csv.as_bytes()).unwrap();
            let page = format!(
                "<html><head><meta charset=\"{}\"><meta name=\"ArticleTitle\" content=\"{}\"><title>{}</title></head><body>\
                 <table><tr><td>索引号：</td><td>{}Y/2023-1</td></tr><tr><td>发布日期：</td><td>2023-05-06</td></tr><tr><td>{}</td><td>{}</td></tr></table>\
                 <div id=\"zoom\">{}<a href=\"{}\">附件.pdf</a></div></body></html>",
                if cells.len() % 2 == 0 { "gbk" } else { "utf-8" },
                cells[1].replace('"', "&quot;"), cells[2], cells[3].chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>(),
                cells[4], cells[5], cells[6], cells.last().unwrap(),
            );
            std::fs::create_dir_all(dir.join("site/a")).unwrap();
            std::fs::write(dir.join("site/a/t1.html"), page.as_bytes()).unwrap();
            std::fs::write(dir.join("site/a/x.pdf"), b"%PDF-1.4\n%%EOF\n").unwrap();
        }, true)?;
    }

    #[test]
    fn random_bytes_as_a_spreadsheet_or_a_page_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048), header in any::<bool>()) {
        check(|dir| {
            let mut csv = if header { "标题,索引号,发布日期\n".as_bytes().to_vec() } else { Vec::new() };
            csv.extend_from_slice(&bytes);
            std::fs::write(dir.join("a.csv"), &csv).unwrap();
            let mut page = b"<meta name=ArticleTitle content=t><td>\xcb\xf7\xd2\xfd\xba\xc5\xa3\xba</td><td>Z/1</td>".to_vec();
            page.extend_from_slice(&bytes);
            std::fs::write(dir.join("p.html"), &page).unwrap();
            std::fs::write(dir.join("b.xlsx"), &bytes).unwrap();
        }, false)?;
    }
}

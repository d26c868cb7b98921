//! SECURITY: hostile text in records and `site.yaml` never becomes active markup, never takes the
//! machine, and never becomes a spreadsheet formula (issue 19). Regression tests named after each
//! bug, then a property test that puts random hostile strings into every text field of every kind
//! of record and into the strings of `site.yaml`, builds, and reads every output with a real HTML
//! parser (html5ever, through `scraper`), a JSON parser, an XML parser and a CSV reader.
//!
//! `GONGKAI_HOSTILE_CASES=N` runs N property cases instead of the default few.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::markup;

use gongkai::build::{Options, Outcome};
use gongkai::diag::{Code, Diagnostic};
use gongkai::values::Instant;
use proptest::prelude::*;

/// A small site with one published record of every kind. Each `{S}` takes the next hostile
/// string; `{G}` and `{T}` are the genre and topic (the vocabulary and the records share them).
const SITE_YAML: &str = r#"title: {S}
base_url: https://test.example.gov.cn/
office:
  name: {S}
  address: {S}
  hours: {S}
  phone: {S}
  online_request: https://test.example.gov.cn/ysq/
  disclosure_rules: {M}
org:
  name: {S}
  index_prefix: "11439999MB0000000X"
publishers:
  - {id: bgs, name: {S}}
catalog:
  - {id: zcwj, name: {S}, kind: policy, article: "20(1)"}
  - {id: zcjd, name: {S}, kind: interpretation}
  - {id: czyjs, name: {S}, kind: budget, article: "20(7)"}
  - {id: bszn, name: {S}, kind: service, article: "20(5)"}
  - {id: cggg, name: {S}, kind: procurement, article: "20(9)"}
  - {id: ldxx, name: {S}, kind: person, article: "20(2)"}
  - {id: jgzn, name: {S}, kind: organization, article: "20(2)"}
  - {id: tzgg, name: {S}}
footer:
  sponsor: {S}
  undertaker: {S}
  report_error: {label: {S}, url: https://test.example.gov.cn/jc/}
  new_media:
    - {label: {S}, url: /wx/}
vocabularies:
  genres: [{G}]
  topics: [{T}]
build:
  raw_html: {R}
"#;

const COMMON: &str = r#"created: 2025-03-01
published: 2025-03-03
publisher: bgs
status: approved
review: {by: 李审核, on: 2025-03-02, secrecy: 非涉密, conclusion: 同意公开}
title: {S}
summary: {S}
keywords: [{S}]
"#;

/// (path, kind-specific front matter, Markdown body; `{M}` is a hostile string as Markdown).
const RECORDS: &[(&str, &str, &str)] = &[
    (
        "tzgg/a.md",
        "genre: {G}\ntopics: [{T}]\n",
        "{M}\n\n## {M}\n\n- {M}\n\n> {M}\n\n| {M} | b |\n|---|---|\n| {M} | c |\n\n注[^1]\n\n[^1]: {M}\n",
    ),
    ("zcwj/b.md", "doc_no: {S}\nvalidity: 有效\n", "{M}\n"),
    (
        "zcjd/c.md",
        "interprets: \"11439999MB0000000X/2025-00002\"\n",
        "{M}\n",
    ),
    (
        "czyjs/d.md",
        "fiscal_year: 2025\nphase: 预算\nunit: 万元\ntables:\n  - title: {S}\n    columns: [{S}, {S}]\n    rows:\n      - [一般公共服务支出, 1.00]\n      - [{S}, 0.00]\n      - [{S}, 0.00]\n    total: 1.00\n",
        "{M}\n",
    ),
    (
        "bszn/e.md",
        "name: {S}\nlegal_basis: {S}\nconditions: [{S}]\nmaterials: [{S}]\nlocation: {S}\nagency: {S}\nfee: {S}\nhours: {S}\nphone: {S}\nprocedure: [{S}, {S}]\nservice_type: 行政许可\ntime_limit_days: 10\n",
        "{M}\n",
    ),
    (
        "cggg/f.md",
        "ocid: ocds-test-2025-0001\nstage: award\nbuyer: {S}\nmethod: {S}\nbudget: {amount: 100.00, currency: CNY}\naward:\n  supplier: {name: {S}}\n  amount: 90.00\n  date: 2025-02-20\nitems:\n  - {description: {S}, quantity: 2, unit: {S}}\n",
        "{M}\n",
    ),
    (
        "ldxx/g.md",
        "name: {S}\npost: {S}\nduties: {S}\nresume: {S}\n",
        "{M}\n",
    ),
    (
        "jgzn/h.md",
        "name: {S}\nfunctions: {S}\nhead: {S}\naddress: {S}\nphone: {S}\nhours: {S}\n",
        "{M}\n",
    ),
];

/// What goes into one generated site.
#[derive(Debug, Clone)]
struct Hostile {
    strings: Vec<String>,
    genre: String,
    topic: String,
    sanitize: bool,
}

/// Replaces every `{S}`, `{M}`, `{G}`, `{T}`, `{R}` of `template`. `{S}` and `{M}` cycle through
/// the strings; `{S}` is written as a YAML double-quoted scalar (a JSON string is one), `{M}` as
/// it is in a body, or as a quoted scalar inside YAML (`in_yaml`).
fn fill(template: &str, h: &Hostile, next: &mut usize, in_yaml: bool) -> String {
    let q = |s: &str| serde_json::to_string(s).unwrap();
    let t = template
        .replace("{G}", &q(&h.genre))
        .replace("{T}", &q(&h.topic))
        .replace("{R}", if h.sanitize { "sanitize" } else { "escape" });
    let mut out = String::new();
    let mut rest = t.as_str();
    while let Some(i) = rest.find(['{']) {
        let (tag, quoted) = match &rest[i..] {
            r if r.starts_with("{S}") => ("{S}", true),
            r if r.starts_with("{M}") => ("{M}", in_yaml),
            _ => {
                out.push_str(&rest[..=i]);
                rest = &rest[i + 1..];
                continue;
            }
        };
        out.push_str(&rest[..i]);
        let s = &h.strings[*next % h.strings.len()];
        *next += 1;
        out.push_str(&if quoted { q(s) } else { s.clone() });
        rest = &rest[i + tag.len()..];
    }
    out.push_str(rest);
    out
}

/// Writes the site into `dir`.
fn write_site(dir: &Path, h: &Hostile) {
    let mut next = 0;
    std::fs::write(dir.join("site.yaml"), fill(SITE_YAML, h, &mut next, true)).unwrap();
    for (i, (path, fields, body)) in RECORDS.iter().enumerate() {
        let ix = format!("index_no: \"11439999MB0000000X/2025-{:05}\"\n", i + 1);
        let front = fill(&format!("{ix}{COMMON}{fields}"), h, &mut next, true);
        let text = format!("---\n{front}---\n{}", fill(body, h, &mut next, false));
        let file = dir.join("content").join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
}

/// Builds `site` into `out`; the diagnostics when the build refused.
fn build(site: &Path, out: &Path) -> Result<(), Vec<Diagnostic>> {
    let opts = Options::new(site, Instant::parse(common::NOW).unwrap());
    match gongkai::build::build(&opts, out).unwrap() {
        Outcome::Built(..) => Ok(()),
        Outcome::Invalid(d) => Err(d),
    }
}

// ---------------------------------------------------------------------------------------------
// The audit of an output folder.

/// RFC 4180 fields of a CSV text (BOM dropped); `None` when it is not well-formed.
fn csv_rows(text: &str) -> Option<Vec<Vec<(String, bool)>>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = vec![];
    let mut row = vec![];
    let mut field = String::new();
    let mut quoted = false;
    let mut was_quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() && !was_quoted => {
                quoted = true;
                was_quoted = true;
            }
            (false, ',') => row.push((std::mem::take(&mut field), std::mem::take(&mut was_quoted))),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                row.push((std::mem::take(&mut field), std::mem::take(&mut was_quoted)));
                rows.push(std::mem::take(&mut row));
            }
            (false, '"') => return None,
            (false, c) => field.push(c),
        }
    }
    (!quoted && field.is_empty() && row.is_empty()).then_some(rows)
}

fn is_number(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '.')
}

fn audit_csv(path: &str, text: &str, problems: &mut Vec<String>) {
    let Some(rows) = csv_rows(text) else {
        problems.push(format!("{path}: not well-formed CSV"));
        return;
    };
    if rows.iter().any(|r| r.len() != rows[0].len()) {
        problems.push(format!("{path}: rows of different lengths"));
    }
    for (value, _) in rows.iter().flatten() {
        if value.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_number(value) {
            problems.push(format!("{path}: formula cell {value:?}"));
        }
    }
}

/// Everything wrong with the output folder: active markup the theme did not write, active URLs,
/// formula cells, and JSON, XML or CSV that does not parse.
fn audit(out: &Path, theme: &BTreeSet<String>) -> Vec<String> {
    let mut problems = Vec::new();
    for (path, bytes) in common::tree(out) {
        let text = String::from_utf8_lossy(&bytes);
        match path.rsplit('.').next().unwrap_or("") {
            "html" => markup::audit_html(&path, &text, theme, &mut problems),
            "json" => {
                if let Err(e) = serde_json::from_slice::<serde_json::Value>(&bytes) {
                    problems.push(format!("{path}: JSON: {e}"));
                }
            }
            "xml" | "atom" | "xsl" => {
                let mut reader = quick_xml::Reader::from_str(&text);
                loop {
                    match reader.read_event() {
                        Ok(quick_xml::events::Event::Eof) => break,
                        Ok(_) => {}
                        Err(e) => {
                            problems.push(format!("{path}: XML: {e}"));
                            break;
                        }
                    }
                }
            }
            "csv" => audit_csv(&path, &text, &mut problems),
            _ => {}
        }
    }
    problems
}

/// A benign site built once: the theme's own active elements.
fn theme_elements() -> &'static BTreeSet<String> {
    static THEME: std::sync::OnceLock<BTreeSet<String>> = std::sync::OnceLock::new();
    THEME.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        write_site(dir.path(), &plain(&["平常文本"]));
        build(dir.path(), &out.path().join("public")).expect("the benign site builds");
        let found = markup::active_elements(&out.path().join("public"));
        assert!(found.iter().any(|s| s.starts_with("<script")), "{found:?}");
        found
    })
}

fn plain(strings: &[&str]) -> Hostile {
    Hostile {
        strings: strings.iter().map(|s| s.to_string()).collect(),
        genre: "通知".into(),
        topic: "城乡建设".into(),
        sanitize: false,
    }
}

/// Builds `h` and audits the output; the build must succeed.
fn build_and_audit(h: &Hostile) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path(), h);
    let out = dir.path().join("public");
    if let Err(d) = build(dir.path(), &out) {
        panic!("the site did not build: {d:#?}\n{h:?}");
    }
    audit(&out, theme_elements())
}

// ---------------------------------------------------------------------------------------------
// Regression tests, one per bug of issue 19.

/// Issue 19.1: `## x {tabindex=0 autofocus onfocus=…}` wrote the handler into the page, in
/// `escape` mode too, and `office.disclosure_rules` the same.
#[test]
fn heading_attribute_handler_never_reaches_a_page() {
    let attack = "## 标题 {#x tabindex=0 autofocus onfocus=alert(document.domain)}\n\n正文";
    for sanitize in [false, true] {
        let h = Hostile {
            sanitize,
            ..plain(&["平常文本", attack])
        };
        let problems = build_and_audit(&h);
        assert!(problems.is_empty(), "{problems:#?}");
    }
}

/// Issue 19.1 (found beside it): an organization's `functions` went through `newlines_to_br |
/// safe` unescaped.
#[test]
fn organization_functions_markup_is_escaped() {
    let problems = build_and_audit(&plain(&["<img src=x onerror=alert(1)>\n第二行"]));
    assert!(problems.is_empty(), "{problems:#?}");
}

fn refused(h: &Hostile, edit: impl Fn(&Path)) -> Vec<Diagnostic> {
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path(), h);
    edit(dir.path());
    let out = dir.path().join("public");
    let diags = build(dir.path(), &out).expect_err("the build must refuse");
    assert!(!out.exists(), "a refused build writes nothing");
    diags
}

/// Nine-fold aliases, `levels` deep, as YAML lines.
fn alias_bomb(levels: usize) -> String {
    let mut text = String::from("l0: &l0 [x, x, x, x, x, x, x, x, x]\n");
    for i in 1..=levels {
        let refs = vec![format!("*l{}", i - 1); 9].join(", ");
        text.push_str(&format!("l{i}: &l{i} [{refs}]\n"));
    }
    text
}

/// Issue 19.3: a 633-byte record with 7 levels of aliases used ~2 GB; 10 levels exhausted the
/// machine. Now a located error, found at once.
#[test]
fn alias_bomb_in_a_record_is_a_located_error() {
    let started = std::time::Instant::now();
    let diags = refused(&plain(&["平常文本"]), |dir| {
        let file = dir.join("content/tzgg/a.md");
        let text = std::fs::read_to_string(&file).unwrap();
        let bomb = format!(
            "extra:\n{}",
            alias_bomb(10)
                .replace("\nl", "\n  l")
                .replacen("l0", "  l0", 1)
        );
        std::fs::write(&file, text.replacen("---\n", &format!("---\n{bomb}"), 1)).unwrap();
    });
    let e = diags
        .iter()
        .find(|d| d.code == Code::TooLarge)
        .expect("TooLarge");
    assert_eq!(
        (e.path.as_str(), e.line),
        ("content/tzgg/a.md", 7),
        "{diags:#?}"
    );
    assert!(started.elapsed().as_secs() < 20);
}

#[test]
fn alias_bomb_in_site_yaml_is_a_located_error() {
    let diags = refused(&plain(&["平常文本"]), |dir| {
        let file = dir.join("site.yaml");
        let text = std::fs::read_to_string(&file).unwrap();
        let bomb = format!(
            "extra:\n{}",
            alias_bomb(10)
                .replace("\nl", "\n  l")
                .replacen("l0", "  l0", 1)
        );
        std::fs::write(&file, format!("{text}{bomb}")).unwrap();
    });
    let e = diags
        .iter()
        .find(|d| d.code == Code::TooLarge)
        .expect("TooLarge");
    assert_eq!(e.path, "site.yaml", "{diags:#?}");
    assert!(e.line > 30, "{diags:#?}");
}

/// Issue 19.3 (sizes beside the aliases): a record file past the limit is refused, located,
/// without being read whole.
#[test]
fn oversized_record_is_a_located_error() {
    let diags = refused(&plain(&["平常文本"]), |dir| {
        let file = dir.join("content/tzgg/a.md");
        let mut text = std::fs::read_to_string(&file).unwrap();
        text.push_str(&"正文很长。\n".repeat(gongkai::record::MAX_RECORD_BYTES / 16 + 1));
        std::fs::write(&file, text).unwrap();
    });
    let e = diags
        .iter()
        .find(|d| d.code == Code::TooLarge)
        .expect("TooLarge");
    assert_eq!(
        (e.path.as_str(), e.line),
        ("content/tzgg/a.md", 1),
        "{diags:#?}"
    );
}

/// Issue 19.7: text cells beginning with `=`, `+`, `-`, `@`, tab or CR were written unchanged
/// into `catalog.csv` and the budget CSVs.
#[test]
fn csv_formula_cells_are_escaped_in_every_csv() {
    // Six strings cycled through some seventy fields: each lands in titles, labels and names.
    let starts = [
        "=HYPERLINK(\"http://x.example/\",\"y\")",
        "+1+1",
        "-1+1",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
    ];
    let dir = tempfile::tempdir().unwrap();
    write_site(dir.path(), &plain(&starts));
    let out = dir.path().join("public");
    build(dir.path(), &out).unwrap();
    let csvs: Vec<String> = (common::tree(&out).into_keys())
        .filter(|p| p.ends_with(".csv"))
        .collect();
    assert!(
        csvs.iter().any(|p| p.starts_with("data/budget/")),
        "{csvs:?}"
    );
    assert!(csvs.contains(&"data/catalog.csv".to_string()), "{csvs:?}");
    let catalog = std::fs::read_to_string(out.join("data/catalog.csv")).unwrap();
    assert!(catalog.contains("\"'=HYPERLINK("), "{catalog}");
    let problems = audit(&out, theme_elements());
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Issue 19.8: `office.online_request: javascript:…` was accepted and linked.
#[test]
fn javascript_url_in_site_yaml_is_refused() {
    let diags = refused(&plain(&["平常文本"]), |dir| {
        let file = dir.join("site.yaml");
        let text = std::fs::read_to_string(&file).unwrap();
        let bad = text.replace(
            "online_request: https://test.example.gov.cn/ysq/",
            "online_request: \"javascript:alert(1)\"",
        );
        std::fs::write(&file, bad).unwrap();
    });
    let e = diags
        .iter()
        .find(|d| d.code == Code::UnsafeUrl)
        .expect("UnsafeUrl");
    assert_eq!((e.path.as_str(), e.line), ("site.yaml", 8), "{diags:#?}");
}

// ---------------------------------------------------------------------------------------------
// The property test.

/// Pieces of hostile text: markup, handlers, active URLs, template syntax, formula starts,
/// breakouts of script, title, textarea, CDATA and comments. Markdown links with an active
/// scheme are left out: the checker refuses them (UnsafeUrl), tested in `src/markdown.rs`.
const FRAGMENTS: &[&str] = &[
    "<script>alert(1)</script>",
    "</script><script>alert(2)</script>",
    "\"><img src=x onerror=alert(3)>",
    "' onmouseover='alert(4)",
    "\" autofocus onfocus=\"alert(5)",
    "<svg onload=alert(6)>",
    "<svg><a xlink:href=\"javascript:alert(7)\"><text>x</text></a></svg>",
    "<a href=\"javascript:alert(8)\">x</a>",
    "<iframe src=\"data:text/html,x\"></iframe>",
    "{#id tabindex=0 autofocus onfocus=alert(9)}",
    "<b onclick=alert(10)>b</b>",
    "<sub>2</sub>",
    "<!-- x -->",
    "<![CDATA[ x ]]>",
    "]]>",
    "&amp;",
    "&",
    "&#x6a;avascript:alert(11)",
    "javascript:alert(12)",
    "=cmd|' /C calc'!A0",
    "+SUM(1)",
    "-1+2",
    "@x",
    "\t=1",
    "\r=1",
    "{{ site }}",
    "{% raw %}",
    "\\",
    "\"",
    "'",
    "<",
    ">",
    "\u{2028}",
    "正文",
    "　",
    "*x*",
    "`<code>`",
    "<style>body{display:none}</style>",
    "<base href=\"//evil.example/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(13)\">",
    "<form action=\"javascript:alert(14)\"><button formaction=\"javascript:alert(15)\">x</button></form>",
    "<object data=\"javascript:alert(16)\"></object>",
    "\n",
    "\n\n## h {onclick=x}\n",
    "</title><script>alert(17)</script>",
    "</textarea><script>alert(18)</script>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(19)>\">",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(20)>",
    "\u{1}\u{b}\u{1f}\u{7f}",
    "\u{0}",
    "\u{fffe}",
    "<<script>>alert(21)<</script>>",
    "<scr<script>ipt>alert(22)</scr</script>ipt>",
    "[x](#\" onclick=\"alert(23))",
    "![x](https://x.example/a.png \"\\\" onerror=alert(24)\")",
    "<https://x.example/?a=\"onmouseover=alert(25)>",
];

fn hostile_string() -> impl Strategy<Value = String> {
    // A letter at the end keeps required text non-empty; the start stays hostile.
    prop::collection::vec(prop::sample::select(FRAGMENTS), 1..4).prop_map(|v| v.concat() + "甲")
}

fn hostile_site() -> impl Strategy<Value = Hostile> {
    (
        prop::collection::vec(hostile_string(), 1..12),
        hostile_string(),
        hostile_string(),
        any::<bool>(),
    )
        .prop_map(|(strings, genre, topic, sanitize)| Hostile {
            strings,
            genre,
            topic,
            sanitize,
        })
}

fn cases() -> u32 {
    std::env::var("GONGKAI_HOSTILE_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn hostile_strings_never_become_active_markup(h in hostile_site()) {
        let problems = build_and_audit(&h);
        prop_assert!(problems.is_empty(), "{:#?}", problems);
    }
}

//! The annual report (年报) against the fixture site tests/fixtures/report/site: table 二 against
//! hand-counted records, the balance checks on a deliberately unbalanced year, the rendered
//! tables (snapshot), the CSV/JSON export and the deadline warning.

mod common;

use std::path::{Path, PathBuf};

use gongkai::build::{Options, load};
use gongkai::report::table2::{self, DocCounts, Documents};
use gongkai::values::Instant;

const NOW: &str = "2026-11-25T12:00:00+08:00";

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report/site")
}

/// A copy of the fixture site in a temp dir, to change files in.
fn copy_site() -> tempfile::TempDir {
    common::temp_copy(&fixture())
}

fn gongkai(args: &[&str], now: &str) -> std::process::Output {
    common::gongkai_cmd()
        .args(args)
        .env("GONGKAI_NOW", now)
        .output()
        .unwrap()
}

fn counts(issued: u64, abolished: u64, in_force: u64) -> DocCounts {
    DocCounts {
        issued,
        abolished,
        in_force,
    }
}

#[test]
fn table_2_matches_the_hand_count() {
    let opts = Options::new(fixture(), Instant::parse(NOW).unwrap());
    let model = load(&opts).unwrap_or_else(|d| panic!("{d:?}"));
    assert!(!model.has_errors(), "{:?}", model.diagnostics);
    // 2024: 行政规范性文件 issued 2024-a, 2024-b; in force 2023-a, 2023-b, 2024-a, 2024-b.
    //       规章 by genre: 2024-gz-genre (filed under 其他政策文件).
    assert_eq!(
        table2::count(&model.site, &model.catalog, 2024),
        Documents {
            regulations: counts(1, 0, 1),
            normative: counts(2, 0, 4),
        }
    );
    // 2025: issued 2025-a, 2025-b (published 2026), 2025-c; the draft is withheld, not counted;
    //       abolished 2024-a (已废止 2025-06-30) and 2025-c (已失效 2025-12-31); 2023-a is void
    //       only from 2026, so still in force. 规章 by node: 2025-gz.
    assert_eq!(
        table2::count(&model.site, &model.catalog, 2025),
        Documents {
            regulations: counts(1, 0, 2),
            normative: counts(3, 2, 5),
        }
    );
    // Published in 2025: 2025-a, 2025-c, 2025-gz, 2025-other, the notice (2025-b is 2026).
    let ch = table2::channels(&model.site, &model.catalog, 2025);
    assert_eq!(ch.total, 5);
    let by: Vec<(&str, u64)> = ch
        .by_channel
        .iter()
        .map(|(c, n)| (c.as_str(), *n))
        .collect();
    assert_eq!(
        by,
        vec![
            ("政府网站", 5),
            ("政府公报", 2),
            ("政务新媒体", 1),
            ("公开查阅点", 0)
        ]
    );
}

#[test]
fn an_unbalanced_year_is_refused_with_located_errors() {
    let site = copy_site();
    std::fs::copy(
        fixture().join("../unbalanced/2025.yaml"),
        site.path().join("data/annual/2025.yaml"),
    )
    .unwrap();
    let out = gongkai(
        &[
            "check",
            "--site",
            site.path().to_str().unwrap(),
            "--format",
            "json",
        ],
        NOW,
    );
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(String, u64, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "E080")
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["field"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let f = "data/annual/2025.yaml";
    let want = [
        (13, "proactive.in_force.normative"),
        (25, "requests.unable.not_held[6]"),
        (30, "requests.total[6]"),
        (31, "requests.carried_out[0]"),
        (31, "requests.carried_out[6]"),
        (34, "appeals.reconsideration[4]"),
    ];
    let want: Vec<(String, u64, String)> = want
        .iter()
        .map(|(l, fld)| (f.to_string(), *l, fld.to_string()))
        .collect();
    assert_eq!(found, want);
    // A draft report's errors hold back only that report (page and exports): the build
    // writes the rest of the site, and says which report it held back.
    let dest = site.path().join("out");
    let build = gongkai(
        &[
            "build",
            "--site",
            site.path().to_str().unwrap(),
            "--out",
            dest.to_str().unwrap(),
        ],
        NOW,
    );
    let stderr = String::from_utf8_lossy(&build.stderr).into_owned();
    assert_eq!(build.status.code(), Some(0), "{stderr}");
    for held in ["2025.html", "2025.csv", "2025.json"] {
        assert!(!dest.join("xxgk/nb").join(held).exists(), "{held}");
    }
    assert!(dest.join("xxgk/nb/2024.html").is_file() && dest.join("index.html").is_file());
    let index = std::fs::read_to_string(dest.join("xxgk/nb/index.html")).unwrap();
    assert!(!index.contains("2025.html"));
    assert!(
        stderr.contains("提示：data/annual/2025.yaml 有错误，该年度报告暂不发布"),
        "{stderr}"
    );
    // `check` still fails, and its text names file:line:col.
    let check = gongkai(&["check", "--site", site.path().to_str().unwrap()], NOW);
    assert_eq!(check.status.code(), Some(1));
    let text = String::from_utf8(check.stderr)
        .unwrap()
        .replace(site.path().to_str().unwrap(), "[SITE]");
    insta::assert_snapshot!("unbalanced_diagnostics", text);
}

#[test]
fn a_published_report_with_a_table_4_slip_is_kept_as_written_with_warnings() {
    let site = copy_site();
    let path = site.path().join("data/annual/2025.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replace(
        "reconsideration:                  [1, 0, 0, 1, 2]",
        "reconsideration:                  [1, 0, 0, 1, 3]",
    ) + "published: 2026-01-20\ncorrections: |\n  表四行政复议总计应为 2，原文误写为 3。\n";
    std::fs::write(&path, text).unwrap();
    let dest = site.path().join("out");
    let build = gongkai(
        &[
            "build",
            "--site",
            site.path().to_str().unwrap(),
            "--out",
            dest.to_str().unwrap(),
        ],
        NOW,
    );
    let stderr = String::from_utf8_lossy(&build.stderr).into_owned();
    assert_eq!(build.status.code(), Some(0), "{stderr}");
    let slips: String = (stderr.lines())
        .filter(|l| l.contains("[W082]") || l.contains("[E080]"))
        .map(|l| format!("{l}\n"))
        .collect();
    insta::assert_snapshot!("published_report_slip", slips);
    let html = std::fs::read_to_string(dest.join("xxgk/nb/2025.html")).unwrap();
    let t4 = between(&html, "id=\"table-appeals\"", "</table>");
    assert!(
        t4.contains("<td class=\"num\">3</td>"),
        "the figure as published"
    );
    let corrections = between(&html, "<section id=\"corrections\"", "</section>");
    assert!(corrections.contains("更正说明") && corrections.contains("原文误写为 3"));
    let check = gongkai(&["check", "--site", site.path().to_str().unwrap()], NOW);
    assert_eq!(check.status.code(), Some(0));
}

#[test]
fn written_figures_are_shown_differences_warn_and_continuity_uses_them() {
    let site = copy_site();
    let path = site.path().join("data/annual/2025.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    // The site lacks old documents: 制发 and 现行有效 written as the office counted them, and
    // the channels as published.
    let text = text.replace(
        "  fees: 86.40\n",
        "  fees: 86.40\n  issued: {regulations: 1, normative: 7}\n  in_force: {regulations: 2, normative: 9}\n",
    ) + "channels: {政府网站: 40, 政务新媒体: 12}\n";
    std::fs::write(&path, text).unwrap();
    let out = gongkai(&["check", "--site", site.path().to_str().unwrap()], NOW);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let lines: String = (stderr.lines())
        .filter(|l| l.contains("data/annual/"))
        .map(|l| format!("{l}\n"))
        .collect();
    insta::assert_snapshot!("written_figures_differ", lines);
    let root = site.path();
    let model = load(&Options::new(root, Instant::parse(NOW).unwrap())).unwrap();
    let (reports, _) = gongkai::report::load(&model.site, &model.catalog, root);
    let r = reports.iter().find(|r| r.year() == 2025).unwrap();
    assert_eq!(r.documents.normative, counts(7, 2, 9));
    assert_eq!(
        r.channels.by_channel,
        vec![("政府网站".to_string(), 40), ("政务新媒体".to_string(), 12)]
    );
    // Continuity uses this year's written figures: 4 + 7 − 2 = 9, no error. A 2026 report
    // continues from the written 9, not from the records' count.
    let next = std::fs::read_to_string(&path)
        .unwrap()
        .replace(
            "issued: {regulations: 1, normative: 7}",
            "issued: {regulations: 0, normative: 1}\n  abolished: {regulations: 0, normative: 0}",
        )
        .replace(
            "in_force: {regulations: 2, normative: 9}",
            "in_force: {regulations: 2, normative: 10}",
        )
        .replace(
            "carried_in:     [2, 0, 0, 0, 0, 0, 2]",
            "carried_in:     [3, 0, 0, 0, 0, 0, 3]",
        )
        .replace(
            "carried_out:    [3, 0, 0, 0, 0, 0, 3]",
            "carried_out:    [4, 0, 0, 0, 0, 0, 4]",
        );
    std::fs::write(root.join("data/annual/2026.yaml"), next).unwrap();
    let model = load(&Options::new(root, Instant::parse(NOW).unwrap())).unwrap();
    let errors: Vec<_> = (model.diagnostics.iter())
        .filter(|d| d.is_error())
        .map(|d| d.message.clone())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let i = html.find(start).expect("start marker");
    let j = html[i..].find(end).expect("end marker") + i + end.len();
    &html[i..j]
}

#[test]
fn the_rendered_tables_follow_the_national_format() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("public");
    let b = gongkai(
        &[
            "build",
            "--site",
            fixture().to_str().unwrap(),
            "--out",
            dest.to_str().unwrap(),
        ],
        NOW,
    );
    assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
    let html = std::fs::read_to_string(dest.join("xxgk/nb/2025.html")).unwrap();
    let article = between(&html, "<article class=\"annual-report\">", "</article>");
    insta::assert_snapshot!("report_2025_article", article);
    // 25 rows in table 三, each with seven figures.
    let t3 = between(article, "id=\"table-requests\"", "</table>");
    let body = between(t3, "<tbody>", "</tbody>");
    assert_eq!(body.matches("<tr>").count(), 25);
    assert_eq!(body.matches("<td class=\"num\">").count(), 25 * 7);
    let index = std::fs::read_to_string(dest.join("xxgk/nb/index.html")).unwrap();
    assert!(index.find("2025.html").unwrap() < index.find("2024.html").unwrap());
    assert!(dest.join("xxgk/nb/2025.csv").is_file() && dest.join("xxgk/nb/2024.json").is_file());
}

#[test]
fn report_annual_writes_csv_and_json() {
    let out = tempfile::tempdir().unwrap();
    let r = gongkai(
        &[
            "report",
            "annual",
            "--year",
            "2025",
            "--site",
            fixture().to_str().unwrap(),
            "--out",
            out.path().to_str().unwrap(),
        ],
        NOW,
    );
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let csv = std::fs::read_to_string(out.path().join("2025.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "\u{feff}table,row_key,row,column_key,column,value"
    );
    // 二: 2×3 + 3 + 1; 三: 25×7; 四: 3×5; channels: 4.
    assert_eq!(lines.len() - 1, 10 + 175 + 15 + 4);
    assert!(lines.contains(&"二,normative,行政规范性文件,abolished,本年废止件数,2"));
    assert!(lines.contains(&"三,refused.process_information,（三）不予公开 6.属于四类过程性信息,legal_services,法律服务机构,1"));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("2025.json")).unwrap())
            .unwrap();
    assert_eq!(json["proactive"]["normative"]["in_force"], 5);
    assert_eq!(json["requests"]["rows"][23]["label"], "（七）总计");
    assert_eq!(json["requests"]["rows"][23]["values"][6], 26);
    // Without --out the JSON goes to stdout; a year without a data file is an error.
    let r = gongkai(
        &[
            "report",
            "annual",
            "--year",
            "2025",
            "--site",
            fixture().to_str().unwrap(),
        ],
        NOW,
    );
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&r.stdout).unwrap(),
        json
    );
    let r = gongkai(
        &[
            "report",
            "annual",
            "--year",
            "2023",
            "--site",
            fixture().to_str().unwrap(),
        ],
        NOW,
    );
    assert_eq!(r.status.code(), Some(1));
}

#[test]
fn a_missing_report_warns_after_the_deadline() {
    let site = copy_site();
    std::fs::remove_file(site.path().join("data/annual/2025.yaml")).unwrap();
    let path = site.path().to_str().unwrap();
    let warned = |now: &str| {
        let out = gongkai(&["check", "--site", path, "--format", "json"], now);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "E081" && d["path"] == "data/annual/2025.yaml")
    };
    // The fixture files as a department: due by 31 January.
    assert!(!warned("2026-01-31T23:00:00+08:00"));
    assert!(warned("2026-02-01T09:00:00+08:00"));
    // A government has until 31 March.
    let cfg = site.path().join("site.yaml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    std::fs::write(
        &cfg,
        text.replace("deadline: department", "deadline: government"),
    )
    .unwrap();
    assert!(!warned("2026-02-01T09:00:00+08:00"));
    assert!(warned("2026-04-01T09:00:00+08:00"));
}

#[test]
fn the_example_site_has_a_balanced_2025_report() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let model =
        load(&Options::new(root, Instant::parse(NOW).unwrap())).unwrap_or_else(|d| panic!("{d:?}"));
    let report_diags: Vec<_> = model
        .diagnostics
        .iter()
        .filter(|d| d.path.starts_with("data/annual/"))
        .collect();
    assert!(report_diags.is_empty(), "{report_diags:?}");
    let (reports, _) = gongkai::report::load(&model.site, &model.catalog, root);
    let years: Vec<i32> = reports.iter().map(|r| r.year()).collect();
    assert_eq!(years, vec![2024, 2025]);
    // 现行有效 continues: 64 in 2024, + 3 issued − 2 abolished in 2025.
    assert_eq!(reports[1].documents.normative, counts(3, 2, 65));
}

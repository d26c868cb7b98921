//! The publication ledger end to end: `gongkai publish`, `ledger verify`, `ledger import` and the
//! build's reconciliation, on temp copies of tests/fixtures/ledger.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use gongkai::hash::sha256_hex;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ledger");
const A: &str = "content/tzgg/notice-a.md";
const B: &str = "content/tzgg/notice-b.yaml";
const C: &str = "content/tzgg/notice-c.md";

fn copy_site() -> tempfile::TempDir {
    common::temp_copy(Path::new(FIXTURE))
}

/// Runs gongkai in `site` at `now`, with the output kept inside the temp dir.
fn gongkai(site: &Path, now: &str, args: &[&str]) -> Output {
    let mut cmd = common::gongkai_cmd();
    cmd.args(args)
        .arg("--site")
        .arg(site)
        .env("GONGKAI_NOW", now);
    if matches!(args[0], "build" | "publish") {
        cmd.arg("--out").arg(site.join("public"));
    }
    cmd.output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn read(site: &Path, rel: &str) -> String {
    std::fs::read_to_string(site.join(rel)).unwrap()
}

fn write(site: &Path, rel: &str, text: &str) {
    std::fs::write(site.join(rel), text).unwrap();
}

fn ledger(site: &Path) -> Vec<serde_json::Value> {
    read(site, "ledger.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Every file under the site except the build output, path → bytes.
fn snapshot(site: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(site)
        .into_iter()
        .filter_entry(|e| e.file_name() != "public")
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(site).unwrap().to_path_buf();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

const DAY1: &str = "2026-11-25T10:00:00+08:00";
const DAY2: &str = "2026-11-26T11:30:00+08:00";

#[test]
fn publish_stamps_records_chains_the_ledger_and_catches_silent_edits() {
    let dir = copy_site();
    let site = dir.path();
    let (a0, b0, c0) = (read(site, A), read(site, B), read(site, C));
    let o = gongkai(site, DAY1, &["publish"]);
    assert!(o.status.success(), "{}", stderr(&o));

    // Only the published line is added, right after created; the draft is untouched.
    let a1 = read(site, A);
    assert_eq!(
        a1,
        a0.replace(
            "created: 2026-11-20\n",
            "created: 2026-11-20\npublished: 2026-11-25\n"
        )
    );
    assert_eq!(
        read(site, B),
        b0.replace(
            "created: 2026-11-22\n",
            "created: 2026-11-22\npublished: 2026-11-25\n"
        )
    );
    assert_eq!(read(site, C), c0);

    let text = read(site, "ledger.jsonl");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].starts_with(r#"{"seq":1,"index_no":"TEST/2026-00001","action":"publish","date":"2026-11-25","at":"2026-11-25T10:00:00+08:00","clock":"injected","source_sha256":""#), "{}", lines[0]);
    let e = ledger(site);
    assert_eq!(e[0]["source_sha256"], sha256_hex(a1.as_bytes()));
    let pdf = sha256_hex(&std::fs::read(site.join("content/tzgg/_files/schedule.pdf")).unwrap());
    assert_eq!(
        e[0]["attachments"],
        serde_json::json!([{"file": "content/tzgg/_files/schedule.pdf", "sha256": pdf}])
    );
    assert_eq!(e[0]["prev"], "0".repeat(64));
    assert_eq!(e[1]["prev"], sha256_hex(lines[0].as_bytes()));
    assert!(site.join("public/doc/TEST-2026-00001.html").is_file());
    assert!(gongkai(site, DAY1, &["ledger", "verify"]).status.success());

    // A silent edit after publication fails the build, naming the record and the ledger line.
    write(site, A, &format!("{a1}\n补充说明。\n"));
    let o = gongkai(site, DAY2, &["build"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("错误[E074] content/tzgg/notice-a.md:1:1: 文件在发布后被修改"),
        "{err}"
    );
    assert!(err.contains("ledger.jsonl:1 记录的是"), "{err}");

    // publish records it as a revision, shown on the page (date only).
    let o = gongkai(site, DAY2, &["publish"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let e = ledger(site);
    assert_eq!(
        (e.len(), &e[2]["action"], &e[2]["date"]),
        (3, &"revise".into(), &"2026-11-26".into())
    );
    assert!(
        read(site, A).contains("published: 2026-11-25\n"),
        "a revision keeps the publication date"
    );
    let page = read(site, "public/doc/TEST-2026-00001.html");
    assert!(
        page.contains(
            r#"<p class="revisions">修订记录：<time datetime="2026-11-26">2026-11-26</time></p>"#
        ),
        "{page}"
    );
    let o = gongkai(site, DAY2, &["publish"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("没有需要发布的内容"));
    assert_eq!(ledger(site).len(), 3);

    // Back-dating is caught, naming the file, the field's line and the ledger line.
    let b1 = read(site, B);
    write(
        site,
        B,
        &b1.replace("published: 2026-11-25", "published: 2026-11-01"),
    );
    let o = gongkai(site, DAY2, &["build"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("错误[E074] content/tzgg/notice-b.yaml:5:1: 发布日期写为 2026-11-01，但 ledger.jsonl:2 记录的发布日期是 2026-11-25"), "{err}");
    write(site, B, &b1);

    // Tampering with the ledger is located by verify and fails the build.
    let text = read(site, "ledger.jsonl");
    write(
        site,
        "ledger.jsonl",
        &text.replacen("T10:00:00", "T09:00:00", 1),
    );
    let o = gongkai(site, DAY2, &["ledger", "verify"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("错误[E071] ledger.jsonl:1:1: 第 1 行被修改过"),
        "{}",
        stderr(&o)
    );
    assert_eq!(gongkai(site, DAY2, &["build"]).status.code(), Some(1));
}

#[test]
fn a_failed_publish_leaves_records_and_ledger_as_they_were() {
    let dir = copy_site();
    let site = dir.path();
    // Something in the way of the ledger's aside file: the last write before any rename fails.
    let blocker = site.join(".ledger.jsonl.gongkai-new");
    std::fs::create_dir_all(blocker.join("x")).unwrap();
    let before = snapshot(site);
    let o = gongkai(site, DAY1, &["publish"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(snapshot(site), before);

    // A clock behind the ledger is refused before anything is written.
    std::fs::remove_dir_all(&blocker).unwrap();
    assert!(gongkai(site, DAY2, &["publish"]).status.success());
    write(site, C, &read(site, C).replace("status: draft", "status: approved\nreview: {by: 王某某, on: 2026-11-25, secrecy: 非涉密, conclusion: 同意公开}"));
    let before = snapshot(site);
    let o = gongkai(site, DAY1, &["publish"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("错误[E073] ledger.jsonl:3:1: 时间倒退"),
        "{}",
        stderr(&o)
    );
    assert_eq!(snapshot(site), before);
}

#[test]
fn a_withdrawal_is_recorded_and_the_page_leaves() {
    let dir = copy_site();
    let site = dir.path();
    assert!(gongkai(site, DAY1, &["publish"]).status.success());
    write(
        site,
        A,
        &read(site, A).replace("status: approved", "status: withdrawn"),
    );
    let o = gongkai(site, DAY2, &["build"]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains(
            "警告[W071] content/tzgg/notice-a.md:8:1: 状态为已撤回，但 ledger.jsonl:1 仍显示已发布"
        ),
        "{}",
        stderr(&o)
    );
    assert!(gongkai(site, DAY2, &["publish"]).status.success());
    let e = ledger(site);
    assert_eq!(
        (e.len(), &e[2]["action"], &e[2]["index_no"]),
        (3, &"withdraw".into(), &"TEST/2026-00001".into())
    );
    assert!(!site.join("public/doc/TEST-2026-00001.html").exists());
    let o = gongkai(site, DAY2, &["build"]);
    assert!(
        o.status.success() && !stderr(&o).contains("警告["),
        "{}",
        stderr(&o)
    );
}

#[test]
fn import_records_the_claimed_dates_once() {
    let dir = copy_site();
    let site = dir.path();
    write(
        site,
        A,
        &read(site, A).replace(
            "created: 2026-11-20\n",
            "created: 2026-11-20\npublished: 2026-11-21\n",
        ),
    );
    let o = gongkai(site, DAY1, &["build"]);
    assert!(stderr(&o).contains("警告[W070] ledger.jsonl: 没有发布台账"));
    assert_eq!(
        gongkai(site, DAY1, &["publish"]).status.code(),
        Some(1),
        "publish refuses hand-written dates without a ledger"
    );
    assert!(!site.join("ledger.jsonl").exists());

    let o = gongkai(site, DAY1, &["ledger", "import"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let e = ledger(site);
    assert_eq!(e.len(), 1);
    assert_eq!(
        (&e[0]["action"], &e[0]["date"], &e[0]["clock"]),
        (&"import".into(), &"2026-11-21".into(), &"injected".into())
    );
    let o = gongkai(site, DAY1, &["build"]);
    assert!(
        o.status.success() && !stderr(&o).contains("警告["),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        gongkai(site, DAY2, &["ledger", "import"]).status.code(),
        Some(1),
        "import refuses a ledger with entries"
    );

    // With a ledger, a hand-written date on a new record is an error until publish stamps it.
    write(
        site,
        B,
        &read(site, B).replace(
            "created: 2026-11-22\n",
            "created: 2026-11-22\npublished: 2026-11-22\n",
        ),
    );
    let o = gongkai(site, DAY2, &["build"]);
    assert!(
        stderr(&o)
            .contains("notice-b.yaml:5:1: 发布日期写为 2026-11-22，但 ledger.jsonl 中没有索引号"),
        "{}",
        stderr(&o)
    );
    assert!(gongkai(site, DAY2, &["publish"]).status.success());
    assert!(read(site, B).contains("published: 2026-11-26\n"));
}

//! `gongkai archive` end to end: the example site's 2025 bag is byte-identical across runs, and
//! every kind of bad input gives a located error and no bag (and no leftover temporary folder).

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

const NOW: &str = "2026-11-25T12:00:00+08:00";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn gongkai(site: &Path, args: &[&str]) -> Output {
    common::gongkai_cmd()
        .arg("archive")
        .arg("--site")
        .arg(site)
        .args(args)
        .env("GONGKAI_NOW", NOW)
        .output()
        .expect("gongkai runs")
}

fn ok(out: &Output) {
    assert!(
        out.status.success(),
        "exit {:?}\n{}\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every file under `dir`, by relative path, with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    common::tree(dir)
}

#[test]
fn the_same_site_and_date_give_byte_identical_bags() {
    let tmp = tempfile::tempdir().unwrap();
    let args = |out: &Path| -> Vec<String> {
        ["--year", "2025", "--date", "2026-11-25", "--sm3", "--out"]
            .iter()
            .map(|s| s.to_string())
            .chain([out.to_string_lossy().into_owned()])
            .collect()
    };
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    for out in [&a, &b] {
        let args = args(out);
        ok(&gongkai(
            &repo(),
            &args.iter().map(String::as_str).collect::<Vec<_>>(),
        ));
    }
    let (ta, tb) = (tree(&a), tree(&b));
    assert!(ta.len() > 100, "a real bag: {} files", ta.len());
    assert!(ta.contains_key("manifest-sm3.txt") && ta.contains_key("tagmanifest-sm3.txt"));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (path, bytes) in &ta {
        assert!(bytes == &tb[path], "{path} differs between two runs");
    }
    // And as tar files (of the same name: it is the bag's top folder inside).
    let (x, y) = (tmp.path().join("x/bag.tar"), tmp.path().join("y/bag.tar"));
    for out in [&x, &y] {
        let out = out.to_str().unwrap();
        ok(&gongkai(
            &repo(),
            &[
                "--year",
                "2025",
                "--date",
                "2026-11-25",
                "--tar",
                "--out",
                out,
            ],
        ));
    }
    let (tx, ty) = (std::fs::read(&x).unwrap(), std::fs::read(&y).unwrap());
    assert!(tx.len() > 100_000 && tx == ty, "the two tar files differ");
    // Nothing but the outputs is left beside them.
    let mut left: Vec<String> = walkdir::WalkDir::new(tmp.path())
        .max_depth(2)
        .min_depth(1)
        .into_iter()
        .map(|e| {
            e.unwrap()
                .path()
                .strip_prefix(tmp.path())
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|p| !p.starts_with("a/") && !p.starts_with("b/"))
        .collect();
    left.sort();
    assert_eq!(left, vec!["a", "b", "x", "x/bag.tar", "y", "y/bag.tar"]);
}

const SITE: &str = "title: 测试区\nbase_url: https://example.gov.cn/\noffice: {address: 测试路1号, phone: 0000-1}\norg:\n  name: 测试区人民政府\n  index_prefix: ABC\npublishers:\n  - {id: a, name: 办公室}\ncatalog:\n  - id: tzgg\n    name: 通知公告\n    code: TZ\narchive: {fonds: J9, org_code: CSQ}\n";

fn record(n: u32, extra: &str) -> String {
    format!(
        "---\nindex_no: ABC/2025-{n:05}\ntitle: 测试通知{n}\ncreated: 2025-03-01\npublished: 2025-03-02\npublisher: a\nstatus: approved\nreview: {{by: 张三, on: 2025-03-02, secrecy: 非涉密, conclusion: 同意公开}}\n{extra}---\n\n正文第一段。\n"
    )
}

/// A small site in a temp folder: two records, retention set on the first only.
fn small_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content/tzgg");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(dir.path().join("site.yaml"), SITE).unwrap();
    std::fs::write(content.join("a.md"), record(1, "retention: 10年\n")).unwrap();
    std::fs::write(content.join("b.md"), record(2, "retention: 永久\n")).unwrap();
    std::fs::write(
        content.join("c.md"),
        record(3, "retention: 10年\n").replace("approved", "draft"),
    )
    .unwrap();
    dir
}

/// Runs an export that must fail; returns stderr, and checks that nothing was left behind.
fn fails(site: &Path, extra: &[&str]) -> String {
    let outdir = tempfile::tempdir().unwrap();
    let out = outdir.path().join("bag");
    let mut args = vec!["--year", "2025", "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let result = gongkai(site, &args);
    assert_eq!(
        result.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert_eq!(
        std::fs::read_dir(outdir.path()).unwrap().count(),
        0,
        "something was left behind"
    );
    String::from_utf8_lossy(&result.stderr).into_owned()
}

#[test]
fn a_small_site_gives_a_bag_without_its_withheld_record() {
    let site = small_site();
    let outdir = tempfile::tempdir().unwrap();
    let out = outdir.path().join("bag");
    ok(&gongkai(
        site.path(),
        &["--year", "2025", "--out", out.to_str().unwrap()],
    ));
    let csv = std::fs::read_to_string(out.join("data/目录/归档文件目录.csv")).unwrap();
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{csv}");
    assert!(rows[0].starts_with("J9-TZ·2025-D10-CSQ-0001,"), "{csv}");
    assert!(rows[1].starts_with("J9-TZ·2025-Y-CSQ-0001,"), "{csv}");
    assert!(!csv.contains("ABC/2025-00003"), "a draft is never archived");
    let report = std::fs::read_to_string(out.join("检测报告.txt")).unwrap();
    assert!(report.contains("站点没有 ledger.jsonl，未核对"), "{report}");
    let info = std::fs::read_to_string(out.join("bag-info.txt")).unwrap();
    assert!(info.contains("Organization-Address: 测试路1号\n"), "{info}");
    assert!(
        info.contains("Bagging-Date: 2026-11-25\n"),
        "the date comes from GONGKAI_NOW: {info}"
    );
    // The output now holds a bag: a second export refuses it and leaves it as it was.
    let before = tree(&out);
    let again = gongkai(
        site.path(),
        &["--year", "2025", "--out", out.to_str().unwrap()],
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("错误[E113]"));
    assert_eq!(tree(&out), before);
}

#[test]
fn a_record_without_retention_stops_the_export() {
    let site = small_site();
    let b = site.path().join("content/tzgg/b.md");
    std::fs::write(&b, record(2, "")).unwrap();
    let err = fails(site.path(), &[]);
    assert!(
        err.contains("错误[E110] content/tzgg/b.md:1:1: ") && err.contains(" 没有保管期限："),
        "{err}"
    );
}

#[test]
fn a_source_edited_after_publication_stops_the_export() {
    let site = small_site();
    // A real ledger, made by gongkai itself.
    let import = common::gongkai_cmd()
        .args(["ledger", "import", "--site"])
        .arg(site.path())
        .env("GONGKAI_NOW", NOW)
        .output()
        .unwrap();
    ok(&import);
    let outdir = tempfile::tempdir().unwrap();
    let out = outdir.path().join("bag");
    // Matching: the bag is written and the entry is in the record's metadata.
    ok(&gongkai(
        site.path(),
        &["--year", "2025", "--out", out.to_str().unwrap()],
    ));
    let meta = std::fs::read_to_string(
        out.join("data/2025/10年/办公室/J9-TZ·2025-D10-CSQ-0001/元数据.xml"),
    )
    .unwrap();
    assert!(meta.contains("<发布台账 条目数=\"1\">"), "{meta}");
    // Edited after publication: no bag, and the record and ledger line are named.
    let a = site.path().join("content/tzgg/a.md");
    let text = std::fs::read_to_string(&a).unwrap();
    std::fs::write(&a, format!("{text}\n发布后擅自修改的内容。\n")).unwrap();
    let err = fails(site.path(), &[]);
    assert!(
        err.contains("content/tzgg/a.md") && err.contains("ledger.jsonl:"),
        "{err}"
    );
    std::fs::write(&a, text).unwrap();
    // Not even readable: no bag.
    let ledger = site.path().join("ledger.jsonl");
    std::fs::write(&ledger, "{\"seq\":1}\n").unwrap();
    let err = fails(site.path(), &[]);
    assert!(err.contains("ledger.jsonl:1:"), "{err}");
}

#[test]
fn a_missing_attachment_stops_the_export() {
    let site = small_site();
    let a = site.path().join("content/tzgg/a.md");
    std::fs::write(
        &a,
        record(
            1,
            "retention: 10年\nattachments:\n  - {file: _files/gone.pdf, title: 附表}\n",
        ),
    )
    .unwrap();
    let err = fails(site.path(), &["--tar"]);
    assert!(err.contains("错误[E030] content/tzgg/a.md:"), "{err}");
}

#[test]
fn an_attachment_of_a_format_outside_the_list_fails_the_check() {
    let site = small_site();
    let files = site.path().join("content/tzgg/_files");
    std::fs::create_dir_all(&files).unwrap();
    std::fs::write(files.join("fake.pdf"), "not a pdf").unwrap();
    let a = site.path().join("content/tzgg/a.md");
    std::fs::write(
        &a,
        record(
            1,
            "retention: 10年\nattachments:\n  - {file: _files/fake.pdf, title: 附表}\n",
        ),
    )
    .unwrap();
    let err = fails(site.path(), &[]);
    assert!(err.contains("可用性：不通过"), "{err}");
    assert!(
        err.contains("附件/fake.pdf: content does not look like PDF"),
        "{err}"
    );
}

#[test]
fn a_year_with_audio_video_and_legacy_office_files_is_archived() {
    let site = small_site();
    let files = site.path().join("content/tzgg/_files");
    std::fs::create_dir_all(&files).unwrap();
    let ole: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0";
    std::fs::write(files.join("jd.mp3"), b"ID3\x04\0\0\0\0\0\0").unwrap();
    std::fs::write(files.join("jd.mp4"), b"\0\0\0\x18ftypmp42\0\0\0\0").unwrap();
    std::fs::write(files.join("old.doc"), ole).unwrap();
    std::fs::write(files.join("old.wps"), ole).unwrap();
    std::fs::write(files.join("list.xls"), ole).unwrap();
    std::fs::write(
        site.path().join("content/tzgg/a.md"),
        record(
            1,
            "retention: 10年\nattachments:\n  - {file: _files/jd.mp3, title: 音频解读}\n  - {file: _files/jd.mp4, title: 视频解读}\n  - {file: _files/old.doc, title: 旧版文档}\n  - {file: _files/old.wps, title: WPS 文档}\n  - {file: _files/list.xls, title: 名单}\n",
        ),
    )
    .unwrap();
    let outdir = tempfile::tempdir().unwrap();
    let out = outdir.path().join("bag");
    ok(&gongkai(
        site.path(),
        &["--year", "2025", "--out", out.to_str().unwrap()],
    ));
    let report = std::fs::read_to_string(out.join("检测报告.txt"))
        .or_else(|_| {
            let found = common::tree(&out)
                .into_iter()
                .find(|(k, _)| k.ends_with("检测报告.txt"))
                .map(|(_, v)| String::from_utf8(v).unwrap());
            found.ok_or(())
        })
        .expect("a check report in the bag");
    assert!(report.contains("可用性：通过"), "{report}");
    assert!(report.contains("[提示]"), "{report}");
    for name in ["old.doc: DOC", "old.wps: WPS", "list.xls: XLS"] {
        assert!(report.contains(name), "{name}\n{report}");
    }
    assert!(!report.contains("jd.mp3:"), "{report}");
}

//! SECURITY: no withheld text reaches the output. Withheld records (drafts, under review,
//! withdrawn, embargoed, non-public, personal data) carry unique marker phrases; after a build,
//! no file under the output may contain any of them.

mod common;

use std::path::{Path, PathBuf};

use common::NOW;

fn markers(file: &Path) -> Vec<String> {
    std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// Every file below `dir` whose bytes contain `needle`.
fn files_containing(dir: &Path, needle: &str) -> Vec<PathBuf> {
    walkdir(dir)
        .into_iter()
        .filter(|p| {
            let bytes = std::fs::read(p).unwrap();
            bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
        })
        .collect()
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walkdir(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn assert_no_markers(out: &Path, markers: &[String]) {
    for m in markers {
        let leaks = files_containing(out, m);
        assert!(leaks.is_empty(), "marker {m:?} leaked into {leaks:?}");
    }
}

#[test]
fn example_site_output_holds_no_withheld_marker() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let markers = markers(&root.join("docs/example-withheld-markers.txt"));
    assert!(markers.len() >= 5);
    for m in &markers {
        assert!(
            !files_containing(&root.join("content"), m).is_empty(),
            "marker {m:?} is not in the example content, so this test proves nothing for it"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let status = common::gongkai_cmd()
        .args(["build", "--quiet", "--site"])
        .arg(root)
        .arg("--out")
        .arg(&out)
        .env("GONGKAI_NOW", NOW)
        .status()
        .unwrap();
    assert!(status.success());
    assert!(out.join("index.html").is_file());
    assert_no_markers(&out, &markers);
}

#[test]
fn fixture_withheld_records_never_render() {
    let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/checks/markers");
    let markers = markers(&site.join("markers.txt"));
    let opts =
        gongkai::build::Options::new(site.clone(), gongkai::values::Instant::parse(NOW).unwrap());
    // The personal-data finding is an error, so `build` writes nothing at all…
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let status = common::build(&site, &out);
    assert_eq!(status.code(), Some(1));
    assert!(!out.exists());
    // …and even rendering the published catalog regardless of that error leaks nothing.
    let model = gongkai::build::load(&opts).unwrap_or_else(|d| panic!("{d:?}"));
    assert_eq!(model.catalog.records.len(), 1);
    assert_eq!(model.catalog.withheld.len(), markers.len());
    let rendered = dir.path().join("rendered");
    let output = gongkai::incremental::Output::full(&rendered);
    gongkai::build::render_into(&opts, &model, &output).unwrap();
    assert!(
        !files_containing(&rendered, "对照标记壬").is_empty(),
        "the published control marker must be found, or the scan proves nothing"
    );
    assert_no_markers(&rendered, &markers);
}

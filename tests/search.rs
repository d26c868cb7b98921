//! The search index of the example site: deterministic bytes, published records only, and the
//! expected records found for typical queries.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use gongkai::search::matching_docs;

const NOW: &str = "2026-11-25T12:00:00+08:00";

fn site_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn build(out: &Path, threads: &str) {
    let status = common::gongkai_cmd()
        .args(["build", "--site"])
        .arg(site_root())
        .arg("--out")
        .arg(out)
        .env("GONGKAI_NOW", NOW)
        .env("RAYON_NUM_THREADS", threads)
        .status()
        .expect("run gongkai");
    assert!(status.success(), "gongkai build failed");
}

fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    common::tree(dir)
}

fn titles(out: &Path, docs: &[u32]) -> Vec<String> {
    docs.iter()
        .map(|&d| {
            let block: serde_json::Value = serde_json::from_slice(
                &std::fs::read(out.join(format!("search/meta/{}.json", d / 16))).unwrap(),
            )
            .unwrap();
            block[(d % 16) as usize]["t"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn index_is_deterministic_and_holds_only_published_records() {
    let tmp = tempfile::tempdir().unwrap();
    let (one, two) = (tmp.path().join("one"), tmp.path().join("two"));
    build(&one, "1");
    build(&two, "2");
    let a = tree(&one.join("search"));
    assert!(a.len() > 5, "search/ has only {} files", a.len());
    assert!(
        a == tree(&two.join("search")),
        "search/ differs between 1 and 2 threads"
    );

    let markers =
        std::fs::read_to_string(site_root().join("docs/example-withheld-markers.txt")).unwrap();
    let search = one.join("search");
    for marker in markers.lines().map(str::trim).filter(|l| !l.is_empty()) {
        for (path, bytes) in &a {
            assert!(
                !bytes.windows(marker.len()).any(|w| w == marker.as_bytes()),
                "{path} contains the withheld marker {marker}"
            );
        }
        let found = matching_docs(&search, marker).unwrap();
        assert!(
            found.is_empty(),
            "{marker} finds {:?}",
            titles(&one, &found)
        );
    }

    // The same lookups do find published text, so the checks above can fail.
    let leader = matching_docs(&search, "欧阳明远").unwrap();
    assert!(titles(&one, &leader).contains(&"欧阳明远".to_string()));
    let by_index_no = matching_docs(&search, "11430199MB0000000X/2025-00028").unwrap();
    assert_eq!(by_index_no.len(), 1);
    let by_doc_no = matching_docs(&search, "芙政办发〔2025〕9号").unwrap();
    assert!(
        titles(&one, &by_doc_no)
            .iter()
            .any(|t| t.contains("临时停车泊位管理办法")),
        "{:?}",
        titles(&one, &by_doc_no)
    );
    assert!(matching_docs(&search, "zzxqj火星殖民").unwrap().is_empty());
}

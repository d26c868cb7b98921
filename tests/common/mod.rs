//! Helpers shared by the integration tests: temp copies of fixture sites and file trees.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub mod markup;

/// The gongkai binary with no language preference in its environment (`LANG=C.UTF-8`, no
/// `LC_ALL`/`LC_MESSAGES`): its messages follow the site's `language`, whatever the machine's.
pub fn gongkai_cmd() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"));
    cmd.env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    cmd
}

/// Runs `gongkai ARGS --site SITE` at [`NOW`]: the exit code, stdout and stderr.
pub fn run(site: &Path, args: &[&str]) -> (i32, String, String) {
    let out = gongkai_cmd()
        .args(args)
        .arg("--site")
        .arg(site)
        .env("GONGKAI_NOW", NOW)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The repository root (which is also the example site).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies the folder `from` into `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A temp copy of the example site (records, data, ledger), without its output or cache.
pub fn example_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = repo();
    for name in ["content", "data"] {
        copy_dir(&repo.join(name), &dir.path().join(name));
    }
    for name in ["site.yaml", "ledger.jsonl"] {
        std::fs::copy(repo.join(name), dir.path().join(name)).unwrap();
    }
    dir
}

/// A temp folder holding a copy of `from`.
pub fn temp_copy(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(from, dir.path());
    dir
}

/// Every file below `dir`, by `/`-separated relative path, with its bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The clock the integration tests build at.
pub const NOW: &str = "2026-11-25T12:00:00+08:00";

/// Runs `gongkai --quiet build` of `site` into `out` at [`NOW`].
pub fn build(site: &Path, out: &Path) -> std::process::ExitStatus {
    gongkai_cmd()
        .args(["build", "--quiet", "--site"])
        .arg(site)
        .arg("--out")
        .arg(out)
        .env("GONGKAI_NOW", NOW)
        .status()
        .unwrap()
}

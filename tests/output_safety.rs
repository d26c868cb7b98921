//! The output folder is gongkai's and only gongkai's (issue 19, items 2, 4, 9, 10): `--out`
//! never replaces a folder it did not make or the site's inputs; a missing `content/` or a
//! build that would withdraw most of the site stops; a build killed at any moment leaves the old
//! complete site or the new one; `publish` repairs output files changed by hand.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};

use common::{NOW, example_site, tree};

fn command(site: &Path, args: &[&str]) -> Command {
    let mut cmd = common::gongkai_cmd();
    cmd.args(args)
        .arg("--site")
        .arg(site)
        .env("GONGKAI_NOW", NOW)
        .env_remove("GONGKAI_TIMINGS");
    cmd
}

fn run(site: &Path, args: &[&str]) -> Output {
    command(site, args).output().unwrap()
}

fn code(out: &Output) -> Option<i32> {
    out.status.code()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn build_ok(site: &Path, extra: &[&str]) {
    let mut args = vec!["build", "--quiet"];
    args.extend_from_slice(extra);
    let out = run(site, &args);
    assert_eq!(code(&out), Some(0), "{}", text(&out));
}

/// Regression: `build --out DIR` deleted what was in DIR (another folder's files, `content/`,
/// `data/`) and exited 0.
#[test]
fn out_refuses_a_foreign_folder_and_the_sites_inputs() {
    let dir = example_site();
    let site = dir.path();
    let other = site.join("elsewhere");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("notes.txt"), "not gongkai's").unwrap();
    let before = tree(site);
    for out in [
        "elsewhere",
        "content",
        "data",
        ".",
        "content/zfxxgk",
        "ledger.jsonl",
    ] {
        let target = site.join(out).to_string_lossy().into_owned();
        let result = run(site, &["build", "--quiet", "--out", &target]);
        assert_eq!(code(&result), Some(2), "--out {out}: {}", text(&result));
        assert!(
            text(&result).contains("拒绝"),
            "--out {out}: {}",
            text(&result)
        );
        assert!(tree(site) == before, "--out {out} changed the site");
    }
    // The site's own output folder, again and again; an empty folder; a folder it made.
    build_ok(site, &[]);
    build_ok(site, &[]);
    let empty = site.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    build_ok(site, &["--out", &empty.to_string_lossy()]);
    build_ok(site, &["--full", "--out", &empty.to_string_lossy()]);
}

/// The minimal fixture with twelve more published notices.
fn site_of_notices() -> tempfile::TempDir {
    let dir = common::temp_copy(&common::repo().join("tests/fixtures/minimal"));
    for n in 10..22 {
        let text = format!(
            "---\nindex_no: \"11439999MB0000000X/2025-000{n}\"\ntitle: 通知{n}\ncreated: 2025-03-01\npublisher: bgs\nstatus: approved\npublished: 2025-03-03\nreview: {{by: 李审核, on: 2025-03-02, secrecy: 非涉密, conclusion: 同意公开}}\n---\n正文。\n"
        );
        std::fs::write(dir.path().join(format!("content/tzgg/n{n}.md")), text).unwrap();
    }
    dir
}

/// Regression: a missing `content/` published an empty site and exited 0 (`built 0 records …
/// (212 removed)`), and so did a build that found almost none of the records.
#[test]
fn a_missing_content_folder_or_a_mass_withdrawal_stops_the_build() {
    let dir = site_of_notices();
    let site = dir.path();
    build_ok(site, &[]);
    let published = tree(&site.join("public"));
    std::fs::rename(site.join("content"), site.join("content.moved")).unwrap();
    let result = run(site, &["build"]);
    assert_eq!(code(&result), Some(1), "{}", text(&result));
    assert!(text(&result).contains("content"), "{}", text(&result));
    assert!(
        tree(&site.join("public")) == published,
        "the site is as it was"
    );
    std::fs::rename(site.join("content.moved"), site.join("content")).unwrap();

    // Most records gone: stopped unless told.
    for n in 10..20 {
        std::fs::remove_file(site.join(format!("content/tzgg/n{n}.md"))).unwrap();
    }
    let result = run(site, &["build"]);
    assert_eq!(code(&result), Some(2), "{}", text(&result));
    assert!(
        text(&result).contains("--allow-mass-withdrawal"),
        "{}",
        text(&result)
    );
    assert!(
        tree(&site.join("public")) == published,
        "the site is as it was"
    );
    build_ok(site, &["--allow-mass-withdrawal"]);
    assert!(tree(&site.join("public")) != published);
    build_ok(site, &[]);

    // No records at all: stopped even into a new folder.
    std::fs::remove_dir_all(site.join("content")).unwrap();
    std::fs::create_dir_all(site.join("content")).unwrap();
    let fresh = site.join("fresh").to_string_lossy().into_owned();
    let result = run(site, &["build", "--out", &fresh]);
    assert_eq!(code(&result), Some(2), "{}", text(&result));
    assert!(!site.join("fresh").exists());
}

/// The site's folder with its output and caches, copied with times kept (so the build cache
/// stays valid), to start each attempt from the same state.
fn snapshot(from: &Path, to: &Path) {
    let _ = std::fs::remove_dir_all(to);
    let status = Command::new("cp").arg("-a").arg(from).arg(to).status();
    assert!(status.unwrap().success());
}

/// The output folder's files, and the hidden folders beside it.
fn output_state(site: &Path) -> (BTreeMap<String, Vec<u8>>, Vec<String>) {
    let mut hidden: Vec<String> = std::fs::read_dir(site)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect();
    hidden.sort();
    (tree(&site.join("public")), hidden)
}

/// Regression: a kill during an incremental build left old and new files side by side, and the
/// `.public.building-*` / `.public.old-*` folders stayed for ever.
#[test]
fn a_build_killed_at_any_moment_leaves_the_old_or_the_new_site() {
    let work = tempfile::tempdir().unwrap();
    let pristine = work.path().join("pristine");
    let site_dir = example_site();
    snapshot(site_dir.path(), &pristine);
    build_ok(&pristine, &[]);
    build_ok(&pristine, &[]); // a second, incremental build: the usual state of a site
    let old = tree(&pristine.join("public"));
    // A change that rewrites every page.
    let yaml = std::fs::read_to_string(pristine.join("site.yaml")).unwrap();
    let title = yaml.lines().find(|l| l.starts_with("title:")).unwrap();
    let changed = yaml.replace(title, &format!("{title}（改版）"));
    std::fs::write(pristine.join("site.yaml"), &changed).unwrap();
    let expected = work.path().join("expected");
    snapshot(&pristine, &expected);
    let started = std::time::Instant::now();
    build_ok(&expected, &[]);
    let took = started.elapsed();
    let new = tree(&expected.join("public"));
    assert!(old != new);

    let attempt = work.path().join("attempt");
    let (mut saw_old, mut saw_new) = (0, 0);
    for step in 0..12u32 {
        snapshot(&pristine, &attempt);
        let mut child = command(&attempt, &["build", "--quiet"]).spawn().unwrap();
        std::thread::sleep(took * step / 10);
        let _ = child.kill();
        let _ = child.wait();
        let (files, _) = output_state(&attempt);
        if files == old {
            saw_old += 1;
        } else if files == new {
            saw_new += 1;
        } else {
            let differ = files.keys().filter(|k| old.get(*k) != files.get(*k));
            panic!(
                "killed after {step}/10 of a build: a mixed site ({} files differ from the old)",
                differ.count()
            );
        }
        // The next build finishes the job and clears what the killed one left.
        build_ok(&attempt, &[]);
        let (files, hidden) = output_state(&attempt);
        assert!(files == new, "the build after a kill gives the new site");
        let left: Vec<&String> = hidden.iter().filter(|h| !h.ends_with(".spare")).collect();
        assert!(left.is_empty(), "leftovers after step {step}: {left:?}");
    }
    assert!(saw_old > 0, "some kills came early");
    eprintln!("killed builds: {saw_old} left the old site, {saw_new} the new");
}

/// Regression: an output file changed by hand with its size and time kept survived every
/// rebuild, so a page's shown SHA-256 no longer matched its file until `--full`.
#[test]
fn publish_repairs_output_files_changed_by_hand() {
    let dir = example_site();
    let site = dir.path();
    build_ok(site, &[]);
    let good = tree(&site.join("public"));
    let (rel, bytes) = good
        .iter()
        .find(|(rel, b)| rel.ends_with(".html") && b.len() > 2000)
        .unwrap();
    let path = site.join("public").join(rel);
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let mut tampered = bytes.clone();
    let at = tampered.len() / 2;
    tampered[at] = if tampered[at] == b'x' { b'y' } else { b'x' };
    std::fs::write(&path, &tampered).unwrap();
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(modified).unwrap();
    drop(file);
    build_ok(site, &[]);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        tampered,
        "build trusts size and time (it stays fast)"
    );
    let result = run(site, &["publish", "--quiet"]);
    assert_eq!(code(&result), Some(0), "{}", text(&result));
    assert!(
        tree(&site.join("public")) == good,
        "publish repaired {rel}: {}",
        text(&result)
    );
}

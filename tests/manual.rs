//! The documentation keeps up with the code: every diagnostic code is explained in the office's
//! manual, the README stays short, and every relative link in the README and `docs/` leads to a
//! file of the repository.

mod common;

use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Parser, Tag};

const MANUAL: &str = "docs/用户手册.md";

/// A chapter another part of the project writes (the desk editor's); the manual links it ahead.
const MAY_BE_MISSING: &[&str] = &["docs/工作台.md"];

fn read(rel: &str) -> String {
    std::fs::read_to_string(common::repo().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The codes `Code::id` returns, read from the source of `src/diag.rs`.
fn codes_in_source() -> Vec<String> {
    let src = read("src/diag.rs");
    let start = src
        .find("pub fn id(self)")
        .expect("Code::id in src/diag.rs");
    let body = &src[start..];
    let body = &body[..body.find("\n    }\n").expect("end of Code::id")];
    let mut codes = Vec::new();
    for part in body.split("=> \"").skip(1) {
        let code = &part[..part.find('"').unwrap()];
        codes.push(code.to_string());
    }
    codes
}

#[test]
fn every_diagnostic_code_is_explained_in_the_manual() {
    let codes = codes_in_source();
    assert!(codes.len() > 60, "found only {codes:?} in Code::id");
    let manual = read(MANUAL);
    let missing: Vec<&String> = (codes.iter())
        .filter(|c| !manual.contains(&format!("**{c} ")))
        .collect();
    assert!(
        missing.is_empty(),
        "{MANUAL} does not explain {missing:?} (write each as **CODE 标题**)"
    );
}

#[test]
fn the_readme_is_at_most_150_lines() {
    let lines = read("README.md").lines().count();
    assert!(lines <= 150, "README.md has {lines} lines");
}

/// Every Markdown file whose links are checked: the README and everything under docs/.
fn documents() -> Vec<PathBuf> {
    let repo = common::repo();
    let mut out = vec![repo.join("README.md")];
    for e in walkdir::WalkDir::new(repo.join("docs")).sort_by_file_name() {
        let e = e.unwrap();
        if e.path().extension().is_some_and(|x| x == "md") {
            out.push(e.path().to_path_buf());
        }
    }
    out
}

/// Relative link targets of a Markdown text (links and images, outside code).
fn relative_links(text: &str) -> Vec<String> {
    Parser::new(text)
        .filter_map(|ev| match ev {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some(dest_url.to_string())
            }
            _ => None,
        })
        .filter(|d| !d.starts_with('#') && !d.contains(':'))
        .map(|d| d.split('#').next().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn every_relative_link_in_the_readme_and_docs_leads_to_a_file() {
    let repo = common::repo();
    let mut broken = Vec::new();
    let mut checked = 0;
    for doc in documents() {
        let dir = doc.parent().unwrap();
        for link in relative_links(&std::fs::read_to_string(&doc).unwrap()) {
            checked += 1;
            let target = normalise(&dir.join(&link));
            let rel = target.strip_prefix(&repo).unwrap_or(&target);
            let allowed = MAY_BE_MISSING.iter().any(|m| rel == Path::new(m));
            if !target.exists() && !allowed {
                broken.push(format!(
                    "{}: {link}",
                    doc.strip_prefix(&repo).unwrap().display()
                ));
            }
        }
    }
    assert!(checked > 20, "only {checked} links found");
    assert!(
        broken.is_empty(),
        "links to missing files:\n{}",
        broken.join("\n")
    );
}

/// `a/b/../c` → `a/c`, without touching the disk.
fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

#[test]
fn a_broken_link_is_found() {
    assert_eq!(
        relative_links("[a](x.md#y) [b](https://e.org) [c](#z) ![d](img/e.png) `[f](g.md)`"),
        ["x.md", "img/e.png"]
    );
}

//! `gongkai serve` over real HTTP: pages, content types, live rebuilds, the error page, drafts.

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const DRAFT_PAGE: &str = "/doc/11439999MB0000000X-2025-00003.html";
const POLICY_PAGE: &str = "/doc/11439999MB0000000X-2025-00002.html";

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn copy_minimal() -> tempfile::TempDir {
    common::temp_copy(&common::repo().join("tests/fixtures/minimal"))
}

fn start(site: &Path, extra: &[&str]) -> Server {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["serve", "--port", &port.to_string(), "--site"])
        .arg(site)
        .args(extra)
        .env("GONGKAI_NOW", "2026-11-25T12:00:00+08:00")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Server { child, port };
    wait_for(&server, "/", |status, _| status == 200);
    server
}

/// A plain HTTP/1.0 GET: (status, content type, body).
fn get(port: u16, path: &str) -> Option<(u16, String, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").ok()?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).ok()?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n")?;
    let status = head.split_whitespace().nth(1)?.parse().ok()?;
    let ctype = head
        .lines()
        .find_map(|l| {
            l.strip_prefix("Content-Type: ")
                .or_else(|| l.strip_prefix("content-type: "))
        })
        .unwrap_or("")
        .to_string();
    Some((status, ctype, body.to_string()))
}

fn wait_for(server: &Server, path: &str, ok: impl Fn(u16, &str) -> bool) -> (u16, String) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some((status, _, body)) = get(server.port, path) {
            if ok(status, &body) {
                return (status, body);
            }
            if Instant::now() > deadline {
                panic!("timed out waiting on {path}: last status {status}\n{body}");
            }
        } else if Instant::now() > deadline {
            panic!("server on port {} never answered", server.port);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn serves_pages_with_types_and_rebuilds_on_change() {
    let site = copy_minimal();
    let server = start(site.path(), &[]);
    let (status, ctype, body) = get(server.port, POLICY_PAGE).unwrap();
    assert_eq!(status, 200);
    assert_eq!(ctype, "text/html; charset=utf-8");
    assert!(body.contains("测试区植树造林管理办法"));
    assert!(body.contains("/__gongkai/reload.js"));
    let (status, ctype, _) = get(
        server.port,
        "/files/11439999MB0000000X-2025-00002/banfa.pdf",
    )
    .unwrap();
    assert_eq!((status, ctype.as_str()), (200, "application/pdf"));
    assert_eq!(get(server.port, "/no/such/page.html").unwrap().0, 404);
    assert_eq!(get(server.port, "/../site.yaml").unwrap().0, 404);
    assert_eq!(
        get(server.port, "/doc/").unwrap().0,
        404,
        "no directory listing"
    );
    // The draft is not served without --drafts.
    assert_eq!(get(server.port, DRAFT_PAGE).unwrap().0, 404);

    // Edit a record: the new title is served within seconds.
    let file = site.path().join("content/zcwj/banfa.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace(
            "title: 测试区植树造林管理办法",
            "title: 测试区植树造林管理办法（修订）",
        ),
    )
    .unwrap();
    let started = Instant::now();
    wait_for(&server, POLICY_PAGE, |s, b| {
        s == 200 && b.contains("（修订）")
    });
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "rebuild took {:?}",
        started.elapsed()
    );

    // Break it: the page shows the located error instead of the stale site.
    std::fs::write(&file, "---\ntitle: [broken\n---\n").unwrap();
    let (status, body) = wait_for(&server, POLICY_PAGE, |s, _| s == 500);
    assert_eq!(status, 500);
    assert!(
        body.contains("error[E005] content/zcwj/banfa.md:3:1: malformed YAML"),
        "{body}"
    );
    // Non-page files of the last good build are still served.
    assert_eq!(
        get(
            server.port,
            "/files/11439999MB0000000X-2025-00002/banfa.pdf"
        )
        .unwrap()
        .0,
        200
    );

    // Fix it again.
    std::fs::write(&file, text).unwrap();
    wait_for(&server, POLICY_PAGE, |s, b| {
        s == 200 && b.contains("测试区植树造林管理办法")
    });
    assert!(
        !site.path().join("public").exists(),
        "serve must never write public/"
    );
}

#[test]
fn drafts_show_with_a_banner_and_noindex() {
    let site = copy_minimal();
    let server = start(site.path(), &["--drafts"]);
    let (status, _, body) = get(server.port, DRAFT_PAGE).unwrap();
    assert_eq!(status, 200);
    assert!(body.contains("<strong>草稿</strong>"));
    assert!(body.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"));
    // Published pages carry no banner.
    let (_, _, policy) = get(server.port, POLICY_PAGE).unwrap();
    assert!(!policy.contains("noindex"));
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let site = copy_minimal();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["serve", "--port", &port.to_string(), "--site"])
        .arg(site.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{err}"
    );
}

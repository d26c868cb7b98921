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
    /// The lines the server printed on stdout.
    stdout: std::sync::mpsc::Receiver<String>,
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
    let child = common::gongkai_cmd()
        .args(["serve", "--port", &port.to_string(), "--site"])
        .arg(site)
        .args(extra)
        .env("GONGKAI_NOW", "2026-11-25T12:00:00+08:00")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut child = child;
    let out = child.stdout.take().unwrap();
    let (tx, stdout) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufRead::lines(std::io::BufReader::new(out)) {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let server = Server {
        child,
        port,
        stdout,
    };
    wait_for(&server, "/", |status, _| status == 200);
    server
}

/// A plain HTTP/1.0 GET: (status, content type, body).
fn get(port: u16, path: &str) -> Option<(u16, String, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
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
    // A deadline, not a delay: generous, because the suite starts many servers at once on a
    // busy machine (some build the whole example site).
    let deadline = Instant::now() + Duration::from_secs(60);
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
        body.contains("错误[E005] content/zcwj/banfa.md:2:8:"),
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
    let out = common::gongkai_cmd()
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

/// A raw request: the status line's code and the whole answer.
fn raw(port: u16, request: &[u8]) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    // The server may answer and stop reading before all of it is sent: write from another
    // thread and read the answer as it comes.
    let mut w = s.try_clone().unwrap();
    let request = request.to_vec();
    std::thread::spawn(move || {
        for chunk in request.chunks(16 * 1024) {
            if w.write_all(chunk).is_err() {
                break;
            }
        }
    });
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, text)
}

fn vm_rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
fn a_huge_header_gets_431_and_the_server_stays_small() {
    // Regression (issue 19 item 11): a 200 MB header grew the server to 600 MB.
    let site = copy_minimal();
    let server = start(site.path(), &[]);
    let before = vm_rss_kib(server.child.id());
    let mut request = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ".to_vec();
    request.resize(request.len() + 64 * 1024 * 1024, b'a');
    let (status, text) = raw(server.port, &request);
    assert_eq!(status, 431, "{}", &text[..text.len().min(300)]);
    let after = vm_rss_kib(server.child.id());
    assert!(
        after < before + 20 * 1024,
        "the server grew from {before} KiB to {after} KiB"
    );
    // A request line without end, and a body, are refused too; the server still serves.
    let mut long = b"GET /".to_vec();
    long.resize(1024 * 1024, b'a');
    assert_eq!(raw(server.port, &long).0, 414);
    let post = b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 3\r\n\r\nabc";
    assert_eq!(raw(server.port, post).0, 405);
    assert_eq!(get(server.port, POLICY_PAGE).unwrap().0, 200);
}

#[test]
fn only_requests_for_this_machine_are_served() {
    // Regression (issue 19 item 11): any Host was accepted, so a DNS-rebinding page could
    // read a --drafts preview.
    let site = copy_minimal();
    let server = start(site.path(), &["--drafts"]);
    let port = server.port;
    let ask = |host: &str| {
        raw(
            port,
            format!("GET {DRAFT_PAGE} HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes(),
        )
    };
    for bad in [
        format!("evil.example:{port}"),
        format!("127.0.0.1.evil.example:{port}"),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
    ] {
        let (status, text) = ask(&bad);
        assert_eq!(status, 421, "{bad}: {text}");
        assert!(!text.contains("草稿"), "{bad}");
    }
    let (status, _) = raw(
        port,
        format!("GET {DRAFT_PAGE} HTTP/1.1\r\n\r\n").as_bytes(),
    );
    assert_eq!(status, 421, "no Host at all");
    for good in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(ask(&good).0, 200, "{good}");
    }
}

#[test]
fn encoded_traversal_never_leaves_the_preview_folder() {
    let site = copy_minimal();
    let server = start(site.path(), &[]);
    for path in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E%2Fsite.yaml",
        "/..%2f..%2fetc%2fpasswd",
        "/..%5csite.yaml",
        "/doc/..\\..\\site.yaml",
        "/site.yaml%00.html",
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    ] {
        let (status, text) = raw(
            server.port,
            format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").as_bytes(),
        );
        assert!(matches!(status, 400 | 404), "{path}: {status}");
        assert!(
            !text.contains("root:") && !text.contains("office:"),
            "{path}"
        );
    }
}

fn preview_folder(server: &Server) -> std::path::PathBuf {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Ok(line) = server.stdout.recv_timeout(Duration::from_millis(200))
            && let Some(rest) = line.strip_prefix("预览文件夹 ")
        {
            return rest.split("（").next().unwrap().into();
        }
    }
    panic!("the server never named its preview folder");
}

#[cfg(unix)]
#[test]
fn the_preview_folder_is_private_and_removed_on_ctrl_c_and_term() {
    // Regression (issue 19 item 11): a predictable, world-readable folder left behind.
    use std::os::unix::fs::PermissionsExt;
    for signal in ["-INT", "-TERM"] {
        let site = copy_minimal();
        let mut server = start(site.path(), &["--drafts"]);
        let dir = preview_folder(&server);
        let meta = std::fs::symlink_metadata(&dir).unwrap();
        assert!(meta.is_dir(), "{}", dir.display());
        assert_eq!(
            meta.permissions().mode() & 0o777,
            0o700,
            "{}",
            dir.display()
        );
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            !name.ends_with(&server.child.id().to_string()),
            "predictable name {name}"
        );
        assert!(dir.join("site/index.html").is_file());
        let killed = Command::new("kill")
            .args([signal, &server.child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let deadline = Instant::now() + Duration::from_secs(10);
        while server.child.try_wait().unwrap().is_none() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        assert!(!dir.exists(), "{signal}: {} left behind", dir.display());
    }
}

/// A copy of the shipped example site (the repository root), ledger included.
fn copy_example() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = common::repo();
    for name in ["site.yaml", "ledger.jsonl", "content", "data", "themes"] {
        let from = root.join(name);
        if from.is_dir() {
            common::copy_dir(&from, &dir.path().join(name));
        } else if from.is_file() {
            std::fs::copy(&from, dir.path().join(name)).unwrap();
        }
    }
    dir
}

const EXAMPLE_DRAFT: &str = "/doc/11430199MB0000000X-2026-00036.html";
const EXAMPLE_REVIEW: &str = "/doc/11430199MB0000000X-2026-00037.html";
const EXAMPLE_PUBLISHED: &str = "/doc/11430199MB0000000X-2024-00016.html";

#[test]
fn the_weekly_preview_works_on_the_example_site_with_its_ledger() {
    // Regression (issue 19 item 12): every page failed with E074 for the draft records.
    let site = copy_example();
    let server = start(site.path(), &["--drafts"]);
    let (status, _, draft) = get(server.port, EXAMPLE_DRAFT).unwrap();
    assert_eq!(status, 200, "{draft}");
    assert!(draft.contains("<strong>草稿</strong>"), "{draft}");
    let (status, _, review) = get(server.port, EXAMPLE_REVIEW).unwrap();
    assert_eq!(status, 200);
    assert!(review.contains("<strong>待审核</strong>"));
    let (status, _, published) = get(server.port, EXAMPLE_PUBLISHED).unwrap();
    assert_eq!(status, 200);
    assert!(!published.contains("banner-preview"));

    // Regression: editing a published record turned every page into "Build failed"; it now
    // previews as a pending revision, and the other pages stay as they are.
    let file = site.path().join("content/zfcg/jggg/2024-yjwz-cjgg.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("## 项目信息", "## 项目信息（更正）")).unwrap();
    let (_, page) = wait_for(&server, EXAMPLE_PUBLISHED, |s, b| {
        s == 200 && b.contains("（更正）")
    });
    assert!(page.contains("<strong>待发布修订</strong>"), "{page}");
    assert_eq!(get(server.port, "/").unwrap().0, 200);
    assert_eq!(get(server.port, EXAMPLE_DRAFT).unwrap().0, 200);
}

#[test]
fn a_failed_preview_is_readable_in_the_sites_language() {
    let site = copy_example();
    let server = start(site.path(), &["--drafts"]);
    let file = site.path().join("content/zfcg/jggg/2024-yjwz-cjgg.md");
    std::fs::write(&file, "---\ntitle: [broken\n---\n").unwrap();
    let (_, body) = wait_for(&server, EXAMPLE_PUBLISHED, |s, _| s == 500);
    assert!(body.contains("<html lang=\"zh-CN\">"), "{body}");
    assert!(body.contains("构建失败"), "{body}");
    assert!(
        body.contains("white-space: pre-wrap"),
        "long lines wrap: {body}"
    );
    assert!(
        body.contains("content/zfcg/jggg/2024-yjwz-cjgg.md:"),
        "{body}"
    );
}

#[test]
fn a_published_page_without_drafts_still_refuses_an_unrecorded_edit() {
    // The pending-revision leniency is for the --drafts preview only.
    let site = copy_example();
    let file = site.path().join("content/zfcg/jggg/2024-yjwz-cjgg.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("## 项目信息", "## 项目信息（更正）")).unwrap();
    let port = free_port();
    let child = common::gongkai_cmd()
        .args(["serve", "--port", &port.to_string(), "--site"])
        .arg(site.path())
        .env("GONGKAI_NOW", "2026-11-25T12:00:00+08:00")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (_tx, stdout) = std::sync::mpsc::channel();
    let server = Server {
        child,
        port,
        stdout,
    };
    let (_, body) = wait_for(&server, EXAMPLE_PUBLISHED, |s, _| s == 500);
    assert!(body.contains("E074"), "{body}");
}

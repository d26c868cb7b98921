use std::io::{BufReader, Cursor, Read};

use proptest::prelude::*;

use super::*;

fn parse(bytes: &[u8]) -> Result<Request, Refusal> {
    read_request(&mut BufReader::new(Cursor::new(bytes.to_vec())), &LIMITS)
}

#[test]
fn a_plain_get_is_read() {
    let r = parse(b"GET /doc/x.html?q=1 HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nAccept: */*\r\n\r\n")
        .unwrap();
    assert_eq!(r.method, Method::Get);
    assert_eq!(r.target, "/doc/x.html?q=1");
    assert_eq!(r.host.as_deref(), Some("127.0.0.1:8000"));
    assert_eq!(parse(b"HEAD / HTTP/1.0\n\n").unwrap().method, Method::Head);
}

/// A reader that never ends: what a hostile peer can send.
fn endless(prefix: &'static [u8], fill: &'static [u8]) -> impl BufRead {
    BufReader::new(prefix.chain(Cursor::new(fill).chain(std::io::repeat(b'a'))))
}

#[test]
fn an_endless_header_is_431_after_the_limit() {
    // Regression (issue 19 item 11): a 200 MB header grew the server to 600 MB.
    let mut r = endless(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ", b"");
    assert_eq!(read_request(&mut r, &LIMITS).unwrap_err().status, 431);
    // Many small headers: the total is bounded too, and so is their number.
    let many: Vec<u8> = std::iter::once(b"GET / HTTP/1.1\r\n".to_vec())
        .chain(std::iter::repeat_n(b"X-A: b\r\n".to_vec(), 5000))
        .flatten()
        .collect();
    assert_eq!(parse(&many).unwrap_err().status, 431);
    let count: Vec<u8> = std::iter::once(b"GET / HTTP/1.1\r\n".to_vec())
        .chain(std::iter::repeat_n(b"A:\r\n".to_vec(), 101))
        .flatten()
        .collect();
    assert_eq!(parse(&count).unwrap_err().status, 431);
}

#[test]
fn an_endless_request_line_is_414() {
    let mut r = endless(b"GET /", b"");
    assert_eq!(read_request(&mut r, &LIMITS).unwrap_err().status, 414);
    let mut r = endless(b"", b"");
    assert_eq!(read_request(&mut r, &LIMITS).unwrap_err().status, 414);
}

#[test]
fn bodies_methods_and_odd_heads_are_refused() {
    let status = |b: &[u8]| parse(b).unwrap_err().status;
    assert_eq!(status(b"POST / HTTP/1.1\r\n\r\n"), 405);
    assert_eq!(
        status(b"GET / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"),
        413
    );
    assert_eq!(
        status(b"GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"),
        413
    );
    assert_eq!(status(b"GET / HTTP/2.0\r\n\r\n"), 505);
    assert_eq!(status(b"GET http://evil/ HTTP/1.1\r\n\r\n"), 400);
    assert_eq!(status(b"GET / HTTP/1.1\r\nHost : x\r\n\r\n"), 400);
    assert_eq!(status(b"GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n"), 400);
    assert_eq!(status(b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"), 400);
    assert_eq!(status(b"GET / HTTP/1.1\r\nA: b\rc\r\n\r\n"), 400);
    assert_eq!(status(b"GET / HTTP/1.1\r\nA: b"), 400, "head cut short");
    assert_eq!(status(b""), 400);
}

#[test]
fn only_this_machine_is_an_allowed_host() {
    for ok in [
        "127.0.0.1:8000",
        "localhost:8000",
        "[::1]:8000",
        "127.0.0.1",
        "LOCALHOST",
        "[::1]",
    ] {
        assert!(host_allowed(Some(ok), 8000), "{ok}");
    }
    for bad in [
        "evil.example:8000",
        "127.0.0.1:8001",
        "127.0.0.1.evil.example:8000",
        "localhost:8000:8000",
        "[::1]x:8000",
        "[::2]:8000",
        "127.0.0.1:",
        "",
    ] {
        assert!(!host_allowed(Some(bad), 8000), "{bad}");
    }
    assert!(!host_allowed(None, 8000));
}

#[test]
fn request_paths_never_climb_out() {
    assert_eq!(
        request_path("/files/x/%E9%99%84%E4%BB%B6.pdf?v=1").as_deref(),
        Some("/files/x/附件.pdf")
    );
    for bad in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/doc/%2E%2E/%2e%2e/x",
        "/a/..%2fb",
        "/a%2f..%2f..%2fb",
        "/..%5c..%5csite.yaml",
        "/a\\b",
        "/a%00.html",
        "/a%0a",
        "/a%2",
        "/%zz",
        "/%ff%fe",
        "/./x",
        "x",
    ] {
        assert_eq!(request_path(bad), None, "{bad}");
    }
}

#[test]
fn responses_carry_length_and_close() {
    let mut out = Vec::new();
    Response::new(200, "text/plain; charset=utf-8", "hi")
        .write_to(&mut out, false)
        .unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("HTTP/1.1 200 OK\r\n"));
    assert!(text.contains("Content-Length: 2\r\n"));
    assert!(text.contains("Connection: close\r\n"));
    assert!(text.ends_with("\r\n\r\nhi"));
    let mut head = Vec::new();
    Response::new(200, "text/plain", "hi")
        .write_to(&mut head, true)
        .unwrap();
    assert!(head.ends_with(b"\r\n\r\n"));
}

/// Counts the bytes the parser pulls, to show it stops at the limits.
struct Counting<R> {
    inner: R,
    read: usize,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n;
        Ok(n)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Any bytes: no panic, at most the limits (plus one buffer) read, and an accepted request
    /// has a method, an origin-form target, and a path that stays inside.
    #[test]
    fn any_bytes_are_parsed_within_bounds(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let mut reader = BufReader::with_capacity(64, Counting { inner: Cursor::new(bytes), read: 0 });
        let limits = Limits { request_line: 256, headers: 512, header_count: 8 };
        if let Ok(req) = read_request(&mut reader, &limits) {
            prop_assert!(req.target.starts_with('/'));
            if let Some(p) = request_path(&req.target) {
                prop_assert!(!p.split('/').any(|s| s == ".." || s == "."));
                prop_assert!(!p.contains('\\') && !p.contains('\0'));
            }
        }
        prop_assert!(reader.get_ref().read <= 256 + 512 + 256 + 2 * 64);
    }

    /// Structured heads: valid ones parse, whatever the header names and values.
    #[test]
    fn well_formed_heads_parse(
        path in "/[a-z0-9/._%-]{0,40}",
        headers in proptest::collection::vec(("[A-Za-z-]{1,12}", "[ -~]{0,40}"), 0..10),
    ) {
        let mut text = format!("GET {path} HTTP/1.1\r\n");
        for (n, v) in &headers {
            let lower = n.to_ascii_lowercase();
            if lower == "host" || lower == "content-length" || lower == "transfer-encoding" {
                continue;
            }
            text.push_str(&format!("{n}: {v}\r\n"));
        }
        text.push_str("\r\n");
        let req = parse(text.as_bytes());
        prop_assert!(req.is_ok(), "{text:?}: {req:?}");
        prop_assert_eq!(req.unwrap().target, path);
    }

    /// Decoded paths never hold a dot segment, however the dots are encoded.
    #[test]
    fn encoded_dots_never_survive(segs in proptest::collection::vec(prop_oneof![
        Just("..".to_string()), Just("%2e%2e".to_string()), Just("%2E.".to_string()),
        Just(".".to_string()), Just("%2f".to_string()), Just("%5c".to_string()), "[a-z]{1,3}",
    ], 1..8)) {
        let target = format!("/{}", segs.join("/"));
        if let Some(p) = request_path(&target) {
            prop_assert!(!p.split('/').any(|s| s == ".." || s == "."), "{target} -> {p}");
            prop_assert!(!p.contains('\\'));
        }
    }
}

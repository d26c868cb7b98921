//! The desk through its HTTP edge, without a socket: a copy of the example site, raw requests in,
//! responses out.

use std::io::{BufReader, Cursor};
use std::path::Path;

use super::server::{Desk, answer};
use crate::serve::http::Response;

const PORT: u16 = 8100;
const TOKEN: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const RECORD: &str = "content/tzgg/2024-awws-yd.md";

/// A copy of the example site (site.yaml, content, data, ledger) in a temporary folder.
fn site() -> tempfile::TempDir {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    for name in ["site.yaml", "ledger.jsonl"] {
        std::fs::copy(src.join(name), dir.path().join(name)).unwrap();
    }
    for folder in ["content", "data"] {
        copy_dir(&src.join(folder), &dir.path().join(folder));
    }
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    if !from.exists() {
        return;
    }
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

fn desk(root: &Path) -> Desk {
    Desk {
        root: root.canonicalize().unwrap(),
        port: PORT,
        token: TOKEN.into(),
        now: Box::new(|| {
            crate::values::Instant::parse("2026-11-25T10:00:00+08:00")
                .map_err(|e| anyhow::anyhow!(e))
        }),
        injected: true,
        preview: None,
        writing: Default::default(),
    }
}

fn send(desk: &Desk, raw: &[u8]) -> Response {
    answer(desk, &mut BufReader::new(Cursor::new(raw.to_vec()))).0
}

fn get(desk: &Desk, target: &str) -> Response {
    send(
        desk,
        format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{PORT}\r\n\r\n").as_bytes(),
    )
}

fn post(desk: &Desk, target: &str, extra: &str, body: &str) -> Response {
    send(
        desk,
        format!(
            "POST {target} HTTP/1.1\r\nHost: 127.0.0.1:{PORT}\r\n{extra}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    )
}

fn enc(s: &str) -> String {
    super::pages::q(s).replace('/', "%2F")
}

fn text(r: &Response) -> String {
    String::from_utf8_lossy(&r.body).into_owned()
}

/// The form a browser would send back for `rel` as the desk shows it, unchanged.
fn form_of(desk: &Desk, rel: &str) -> Vec<(String, String)> {
    let page = text(&get(desk, &format!("/record?path={}", enc(rel))));
    let mut out = Vec::new();
    let form = &page[page.find("<form class=\"record\"").unwrap()..];
    let form = &form[..form.find("</form>").unwrap()];
    let attr = |tag: &str, name: &str| -> Option<String> {
        let i = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(unescape(&tag[i..i + tag[i..].find('"')?]))
    };
    let mut rest = form;
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        let end = rest.find('>').unwrap();
        let tag = &rest[..=end];
        if tag.starts_with("<input") {
            let ty = attr(tag, "type").unwrap_or_default();
            if let Some(n) = attr(tag, "name")
                && ty != "file"
                && (ty != "checkbox" || tag.contains(" checked"))
            {
                out.push((n, attr(tag, "value").unwrap_or_default()));
            }
        } else if tag.starts_with("<textarea") {
            let close = rest.find("</textarea>").unwrap();
            // The newline after the opening tag is not part of the value (as in browsers).
            let v = &rest[end + 1..close];
            let v = v.strip_prefix('\n').unwrap_or(v);
            out.push((attr(tag, "name").unwrap(), unescape(v)));
        } else if tag.starts_with("<select") {
            let close = rest.find("</select>").unwrap();
            let inner = &rest[end + 1..close];
            let sel = inner
                .split("<option")
                .find(|o| o.contains(" selected"))
                .and_then(|o| attr(o, "value"))
                .unwrap_or_default();
            out.push((attr(tag, "name").unwrap(), sel));
        }
        rest = &rest[end + 1..];
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn urlencode(fields: &[(String, String)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn set(fields: &mut Vec<(String, String)>, name: &str, value: &str) {
    match fields.iter_mut().find(|(k, _)| k == name) {
        Some(f) => f.1 = value.into(),
        None => fields.push((name.into(), value.into())),
    }
}

#[test]
fn only_this_machine_by_name_and_port_is_served() {
    let d = site();
    let desk = desk(d.path());
    assert_eq!(get(&desk, "/").status, 200);
    for host in [
        "evil.example:8100",
        "127.0.0.1",
        "127.0.0.1:8101",
        "localhost.evil:8100",
        "[::1]:8100",
    ] {
        let r = send(
            &desk,
            format!("GET / HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes(),
        );
        assert_eq!(r.status, 421, "{host}");
    }
    assert_eq!(send(&desk, b"GET / HTTP/1.1\r\n\r\n").status, 421);
    assert_eq!(
        send(
            &desk,
            format!("GET / HTTP/1.1\r\nHost: localhost:{PORT}\r\n\r\n").as_bytes()
        )
        .status,
        200
    );
}

#[test]
fn a_post_needs_the_token_and_the_desk_as_origin() {
    let d = site();
    let desk = desk(d.path());
    let before = std::fs::read(d.path().join(RECORD)).unwrap();
    let body = format!("path={}&do=withdraw&_sha=x", enc(RECORD));
    assert_eq!(post(&desk, "/workflow", "", &body).status, 403, "no token");
    let with = |t: &str| format!("{body}&_token={t}");
    assert_eq!(post(&desk, "/workflow", "", &with("wrong")).status, 403);
    assert_eq!(
        post(&desk, "/workflow", "", &with(&TOKEN[..63])).status,
        403
    );
    assert_eq!(
        post(
            &desk,
            "/workflow",
            "Origin: http://evil.example\r\n",
            &with(TOKEN)
        )
        .status,
        403
    );
    assert_eq!(
        post(
            &desk,
            "/workflow",
            "Sec-Fetch-Site: cross-site\r\n",
            &with(TOKEN)
        )
        .status,
        403
    );
    assert_eq!(std::fs::read(d.path().join(RECORD)).unwrap(), before);
    // The right token from the desk itself gets through (to the conflict check: wrong _sha).
    let r = post(
        &desk,
        "/workflow",
        &format!("Origin: http://127.0.0.1:{PORT}\r\nSec-Fetch-Site: same-origin\r\n"),
        &with(TOKEN),
    );
    assert_eq!(r.status, 409);
    // Pages carry the token, and are never framed.
    let page = super::server::secure(get(&desk, "/"));
    assert!(text(&page).contains(TOKEN));
    assert!(
        page.headers
            .iter()
            .any(|(k, v)| *k == "X-Frame-Options" && v == "DENY")
    );
}

#[test]
fn bodies_are_bounded() {
    let d = site();
    let desk = desk(d.path());
    let r = send(
        &desk,
        format!(
            "POST /save HTTP/1.1\r\nHost: 127.0.0.1:{PORT}\r\nContent-Length: {}\r\n\r\n",
            super::server::MAX_BODY + 1
        )
        .as_bytes(),
    );
    assert_eq!(r.status, 413);
    let r = send(
        &desk,
        format!(
            "POST /save HTTP/1.1\r\nHost: 127.0.0.1:{PORT}\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        .as_bytes(),
    );
    assert_eq!(r.status, 411);
    // A body shorter than declared is refused, not waited for forever.
    let r = send(
        &desk,
        format!("POST /save HTTP/1.1\r\nHost: 127.0.0.1:{PORT}\r\nContent-Length: 50\r\n\r\nabc")
            .as_bytes(),
    );
    assert_eq!(r.status, 400);
}

#[test]
fn no_path_outside_content_is_read_or_written() {
    let d = site();
    let desk = desk(d.path());
    for p in [
        "site.yaml",
        "content/../site.yaml",
        "/etc/passwd",
        "content/tzgg/../../ledger.jsonl",
        "..%2Fsite.yaml",
    ] {
        let r = get(&desk, &format!("/record?path={}", enc(p)));
        assert_eq!(r.status, 404, "{p}");
        assert!(!text(&r).contains("index_format"), "{p}");
        let r = post(
            &desk,
            "/save",
            "",
            &format!("_token={TOKEN}&path={}&f.title=x", enc(p)),
        );
        assert_eq!(r.status, 404, "{p}");
    }
    let yaml = std::fs::read(d.path().join("site.yaml")).unwrap();
    assert_eq!(
        yaml,
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("site.yaml")).unwrap()
    );
    // A new record cannot be placed outside its node either.
    let r = post(
        &desk,
        "/create",
        "",
        &format!("_token={TOKEN}&node={}&f.index_no=x", enc("../..")),
    );
    assert_eq!(r.status, 404);
}

#[test]
fn saving_the_form_unchanged_writes_nothing_and_keeps_every_byte() {
    let d = site();
    let desk = desk(d.path());
    let mut n = 0;
    for rel in crate::record::load::record_paths(d.path()) {
        let rel = rel.to_string_lossy().replace('\\', "/");
        let before = std::fs::read_to_string(d.path().join(&rel)).unwrap();
        let mut fields = form_of(&desk, &rel);
        set(&mut fields, "_token", TOKEN);
        let r = post(&desk, "/save", "", &urlencode(&fields));
        let after = std::fs::read_to_string(d.path().join(&rel)).unwrap();
        assert_eq!(after, before, "{rel}: {}", text(&r));
        // A record that passes its checks is "saved" unchanged; one that does not is shown again.
        assert!(r.status == 303 || r.status == 422, "{rel}: {}", r.status);
        if r.status == 303 {
            let loc = &r.headers.iter().find(|(k, _)| *k == "Location").unwrap().1;
            assert!(loc.ends_with("msg=unchanged"), "{rel}: {loc}");
            n += 1;
        }
    }
    assert!(n > 20, "{n}");
}

#[test]
fn a_file_changed_since_it_was_opened_is_not_overwritten() {
    let d = site();
    let desk = desk(d.path());
    let mut fields = form_of(&desk, RECORD);
    set(&mut fields, "_token", TOKEN);
    set(&mut fields, "f.title", "我的修改");
    // Someone else edits the file meanwhile.
    let path = d.path().join(RECORD);
    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replace("秋冬季", "秋冬季（他人修改）");
    std::fs::write(&path, &theirs).unwrap();
    let r = post(&desk, "/save", "", &urlencode(&fields));
    assert_eq!(r.status, 409);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    let page = text(&r);
    assert!(page.contains("我的修改"), "what was entered is shown again");
    assert!(page.contains("重新载入"), "reload offered");
}

#[test]
fn a_changed_field_is_saved_and_errors_are_shown_beside_their_field() {
    let d = site();
    let desk = desk(d.path());
    let path = d.path().join(RECORD);
    let before = std::fs::read_to_string(&path).unwrap();
    let mut fields = form_of(&desk, RECORD);
    set(&mut fields, "_token", TOKEN);
    set(&mut fields, "f.title", "");
    let r = post(&desk, "/save", "", &urlencode(&fields));
    assert_eq!(r.status, 422, "{}", text(&r));
    assert!(text(&r).contains("id=\"f-title-msg0\""), "{}", text(&r));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
    // A mobile number in the body: shown masked, not saved.
    let mut fields = form_of(&desk, RECORD);
    set(&mut fields, "_token", TOKEN);
    let body = fields.iter().find(|(k, _)| k == "body").unwrap().1.clone();
    set(
        &mut fields,
        "body",
        &format!("{body}\n联系人手机 13812345678。\n"),
    );
    let r = post(&desk, "/save", "", &urlencode(&fields));
    assert_eq!(r.status, 422);
    let page = text(&r);
    let at = page
        .find("id=\"f-body-msg0\">")
        .expect("a message beside the body");
    let msg = &page[at..at + page[at..].find("</p>").unwrap()];
    assert!(msg.contains("个人信息") && msg.contains("138"), "{msg}");
    assert!(!msg.contains("13812345678"), "never shown unmasked: {msg}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
    // A good change: only that line changes.
    let mut fields = form_of(&desk, RECORD);
    set(&mut fields, "_token", TOKEN);
    set(
        &mut fields,
        "f.title",
        "关于开展2024年秋冬季爱国卫生运动的通知（修订）",
    );
    let r = post(&desk, "/save", "", &urlencode(&fields));
    assert_eq!(r.status, 303, "{}", text(&r));
    let after = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        after,
        before.replace("运动的通知\n", "运动的通知（修订）\n")
    );
}

#[test]
fn live_checks_answer_json_and_write_nothing() {
    let d = site();
    let desk = desk(d.path());
    let path = d.path().join(RECORD);
    let before = std::fs::read_to_string(&path).unwrap();
    let mut fields = form_of(&desk, RECORD);
    set(&mut fields, "_token", TOKEN);
    set(&mut fields, "f.title", "");
    let r = post(&desk, "/check", "", &urlencode(&fields));
    assert_eq!(r.status, 200);
    let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    let msgs = v["messages"].as_array().unwrap();
    assert!(
        msgs.iter()
            .any(|m| m["field"] == "title" && m["error"] == true),
        "{v}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
    // Without the token, not even a check.
    fields.retain(|(k, _)| k != "_token");
    assert_eq!(post(&desk, "/check", "", &urlencode(&fields)).status, 403);
}

#[test]
fn an_english_site_gets_an_english_desk() {
    let d = site();
    let yaml = std::fs::read_to_string(d.path().join("site.yaml")).unwrap();
    std::fs::write(
        d.path().join("site.yaml"),
        yaml.replace("language: zh-CN", "language: en"),
    )
    .unwrap();
    let desk = desk(d.path());
    let page = text(&get(&desk, "/"));
    assert!(
        page.contains("<html lang=\"en\">") && page.contains("Disclosure desk"),
        "{}",
        &page[..400]
    );
    let page = text(&get(&desk, &format!("/record?path={}", enc(RECORD))));
    assert!(page.contains(">Title") && page.contains(">Withdraw<"));
}

//! The desk's HTTP server: 127.0.0.1 only, the preview server's bounded request reader, and the
//! checks every request passes before a route sees it — the `Host` (DNS rebinding), and for a
//! `POST` the `Origin` / `Sec-Fetch-Site` headers when a browser sends them and the per-run token
//! issued in the desk's pages (cross-site requests).

use std::io::{BufRead, BufReader, Read};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow};

use super::form_data;
use crate::serve::http::{self, LIMITS, Method, Refusal, Request, Response};

/// Largest request body: an upload of up to [`super::upload::MAX_UPLOAD`] and the form around it.
pub const MAX_BODY: usize = super::upload::MAX_UPLOAD + (1 << 20);
/// The request head must arrive within this time, the body within [`BODY_DEADLINE`].
const HEAD_DEADLINE: Duration = Duration::from_secs(10);
const BODY_DEADLINE: Duration = Duration::from_secs(120);
const MAX_CONNECTIONS: usize = 32;

/// The running desk: the site, the port, the token and the clock.
pub struct Desk {
    /// The site folder, links resolved.
    pub root: PathBuf,
    pub port: u16,
    /// Issued in every page; required with every `POST`.
    pub token: String,
    pub now: Box<dyn Fn() -> Result<crate::values::Instant> + Send + Sync>,
    /// The clock is pinned (`--now`): ledger entries say so.
    pub injected: bool,
    pub preview: Option<u16>,
    /// One change to the site at a time.
    pub writing: Mutex<()>,
}

pub const WRONG_HOST: Refusal = Refusal {
    status: 421,
    message: "工作台只在 127.0.0.1 或 localhost 及其端口上提供；请求的 Host 不符（Misdirected Request）",
};
pub const CROSS_SITE: Refusal = Refusal {
    status: 403,
    message: "拒绝来自其他网站的请求（Forbidden: cross-site request）",
};
pub const BAD_TOKEN: Refusal = Refusal {
    status: 403,
    message: "请求缺少本次工作台的令牌，可能来自其他网页；请从工作台页面重新操作（Forbidden: missing or wrong token）",
};
const MALFORMED: Refusal = Refusal {
    status: 400,
    message: "表单格式错误（Bad Request）",
};
const UNSUPPORTED: Refusal = Refusal {
    status: 415,
    message: "不支持的表单类型（Unsupported Media Type）",
};

/// A random token of 32 bytes, hex (from the system's random source).
pub fn new_token() -> Result<String> {
    let mut bytes = [0u8; 32];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .context("cannot read /dev/urandom for the desk's token")?;
    Ok(crate::hash::hex(&bytes))
}

/// `Host` must be exactly 127.0.0.1:PORT or localhost:PORT.
pub fn host_ok(host: Option<&str>, port: u16) -> bool {
    let Some(h) = host else { return false };
    let h = h.to_ascii_lowercase();
    h == format!("127.0.0.1:{port}") || h == format!("localhost:{port}")
}

/// A browser's `Origin` and `Sec-Fetch-Site`, when sent, must say the desk itself.
pub fn same_origin(req: &Request, port: u16) -> bool {
    let origin_ok = req.origin.as_deref().is_none_or(|o| {
        let o = o.to_ascii_lowercase();
        o == format!("http://127.0.0.1:{port}") || o == format!("http://localhost:{port}")
    });
    let fetch_ok = req
        .sec_fetch_site
        .as_deref()
        .is_none_or(|s| matches!(s.to_ascii_lowercase().as_str(), "same-origin" | "none"));
    origin_ok && fetch_ok
}

/// Compares in time independent of where the first difference is.
fn token_ok(given: Option<&str>, token: &str) -> bool {
    let Some(g) = given else { return false };
    g.len() == token.len()
        && g.bytes()
            .zip(token.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// Security headers on every answer: no framing, no foreign script, no referrer.
pub fn secure(r: Response) -> Response {
    r.with_header(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    )
    .with_header("X-Frame-Options", "DENY")
    // Not `no-referrer`: with it a browser sends `Origin: null` on the desk's own forms.
    .with_header("Referrer-Policy", "same-origin")
}

/// Answers one request read from `r`: the whole edge, without a socket (tests drive it).
pub fn answer(desk: &Desk, r: &mut impl BufRead) -> (Response, bool) {
    let req = match http::read_request_with(r, &LIMITS, MAX_BODY) {
        Ok(req) => req,
        Err(refusal) => return (Response::refusal(refusal), false),
    };
    let head_only = req.method == Method::Head;
    if !host_ok(req.host.as_deref(), desk.port) {
        return (Response::refusal(WRONG_HOST), head_only);
    }
    let Some(path) = http::request_path(&req.target) else {
        return (
            Response::new(404, "text/plain; charset=utf-8", "404\n"),
            head_only,
        );
    };
    let query = req.target.split_once('?').map_or("", |(_, q)| q);
    if req.method != Method::Post {
        return (super::routes::get(desk, &path, query), head_only);
    }
    if !same_origin(&req, desk.port) {
        return (Response::refusal(CROSS_SITE), false);
    }
    let body = match http::read_body(r, &req) {
        Ok(b) => b,
        Err(refusal) => return (Response::refusal(refusal), false),
    };
    let form = match form_data::parse(req.content_type.as_deref(), &body) {
        Ok(f) => f,
        Err(form_data::FormError::UnsupportedType) => {
            return (Response::refusal(UNSUPPORTED), false);
        }
        Err(_) => return (Response::refusal(MALFORMED), false),
    };
    if !token_ok(form.get("_token"), &desk.token) {
        return (Response::refusal(BAD_TOKEN), false);
    }
    (super::routes::post(desk, &path, &form), false)
}

/// A reader that gives up past a deadline.
struct Deadline<'a> {
    stream: &'a TcpStream,
    until: Instant,
}

impl Read for Deadline<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        (&mut &*self.stream).read(buf)
    }
}

fn handle(mut stream: TcpStream, desk: &Desk) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(30)));
    let mut reader = BufReader::with_capacity(
        64 * 1024,
        Deadline {
            stream: &stream,
            until: Instant::now() + HEAD_DEADLINE + BODY_DEADLINE,
        },
    );
    let (response, head_only) = answer(desk, &mut reader);
    drop(reader);
    let _ = secure(response).write_to(&mut stream, head_only);
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(300)));
    let mut sink = [0u8; 8192];
    let mut left: usize = 1 << 20;
    while let Ok(n @ 1..) = stream.read(&mut sink) {
        left = left.saturating_sub(n);
        if left == 0 {
            break;
        }
    }
}

/// Listens on 127.0.0.1:`port` and serves the desk until the process ends.
pub fn listen(listener: TcpListener, desk: Desk) -> Result<()> {
    let desk: &'static Desk = Box::leak(Box::new(desk));
    let active = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else { continue };
        use std::sync::atomic::Ordering;
        if active.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            active.fetch_sub(1, Ordering::SeqCst);
            let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
            let _ = Response::refusal(http::BUSY).write_to(&mut stream, false);
            continue;
        }
        let active = std::sync::Arc::clone(&active);
        std::thread::spawn(move || {
            handle(stream, desk);
            active.fetch_sub(1, Ordering::SeqCst);
        });
    }
    Err(anyhow!("the desk's listener stopped"))
}

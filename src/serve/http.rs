//! The preview server's HTTP/1.1 edge: a hand-bounded request reader over any `BufRead`, the
//! `Host` rule, request paths, and the response writer.
//!
//! Every request is hostile until parsed: the request line, each header line and all headers
//! together have a byte limit ([`LIMITS`]) checked *while* reading, so a 200 MB header costs at
//! most 16 KiB of memory and ends in `431`. The preview serves only `GET` and `HEAD` without a
//! body; the desk ([`crate::desk`]) also takes `POST` with a body of a bounded, declared length
//! ([`read_request_with`], [`read_body`]). One request per connection (`Connection: close`).

use std::io::{self, BufRead, Read, Write};

/// Byte and count limits for one request.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The request line (method, target, version), CRLF included.
    pub request_line: usize,
    /// All header lines together, CRLFs included.
    pub headers: usize,
    /// How many header lines.
    pub header_count: usize,
}

pub const LIMITS: Limits = Limits {
    request_line: 8 * 1024,
    headers: 16 * 1024,
    header_count: 100,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Method {
    #[default]
    Get,
    Head,
    /// Only when the caller allows a body ([`read_request_with`]).
    Post,
}

/// A request that passed the edge: method, the raw target (origin form), the `Host` header,
/// and the headers the desk's checks read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Request {
    pub method: Method,
    pub target: String,
    pub host: Option<String>,
    pub origin: Option<String>,
    pub sec_fetch_site: Option<String>,
    pub content_type: Option<String>,
    /// The declared body length (0 without one); never more than the caller's limit.
    pub content_length: usize,
}

/// Why a request is refused: the status to answer with and a message for the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    pub message: &'static str,
}

// Messages a reader may see, in one place (to move into the Fluent resources with the rest).
const BAD_REQUEST: Refusal = Refusal {
    status: 400,
    message: "请求格式错误（Bad Request）",
};
const URI_TOO_LONG: Refusal = Refusal {
    status: 414,
    message: "请求行过长（URI Too Long）",
};
const HEADERS_TOO_LARGE: Refusal = Refusal {
    status: 431,
    message: "请求头过大（Request Header Fields Too Large）",
};
const NO_BODY: Refusal = Refusal {
    status: 413,
    message: "预览服务器不接受请求正文（Content Too Large）",
};
pub const BODY_TOO_LARGE: Refusal = Refusal {
    status: 413,
    message: "请求正文过大（Content Too Large）",
};
const LENGTH_REQUIRED: Refusal = Refusal {
    status: 411,
    message: "请求须注明正文长度（Length Required）",
};
const METHOD: Refusal = Refusal {
    status: 405,
    message: "只支持 GET 和 HEAD 请求（Method Not Allowed）",
};
const VERSION: Refusal = Refusal {
    status: 505,
    message: "只支持 HTTP/1.0 和 HTTP/1.1（HTTP Version Not Supported）",
};
pub const TIMEOUT: Refusal = Refusal {
    status: 408,
    message: "请求超时（Request Timeout）",
};
pub const WRONG_HOST: Refusal = Refusal {
    status: 421,
    message: "预览只在 127.0.0.1、localhost 或 [::1] 上提供；请求的 Host 不是本机地址（Misdirected Request）",
};
pub const BUSY: Refusal = Refusal {
    status: 503,
    message: "预览服务器忙，请稍后重试（Service Unavailable）",
};

/// One line, read with at most `max` bytes (its line end included). `Ok(None)` at end of input
/// before any byte; `Err(too_long)` past `max`.
fn read_line(
    r: &mut impl BufRead,
    max: usize,
    too_long: Refusal,
    buf: &mut Vec<u8>,
) -> Result<Option<usize>, Refusal> {
    buf.clear();
    let n = r
        .by_ref()
        .take(max as u64 + 1)
        .read_until(b'\n', buf)
        .map_err(io_refusal)?;
    if n == 0 {
        return Ok(None);
    }
    if buf.last() != Some(&b'\n') {
        // Either longer than allowed, or the peer stopped mid-line.
        return Err(if n > max { too_long } else { BAD_REQUEST });
    }
    if n > max {
        return Err(too_long);
    }
    buf.pop();
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    if buf.contains(&b'\r') || buf.contains(&0) {
        return Err(BAD_REQUEST);
    }
    Ok(Some(n))
}

fn io_refusal(e: io::Error) -> Refusal {
    match e.kind() {
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => TIMEOUT,
        _ => BAD_REQUEST,
    }
}

/// A token character (RFC 9110 `tchar`).
fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// Reads one request head from `r`, never buffering more than the limits allow. No body and no
/// `POST`: the preview server.
pub fn read_request(r: &mut impl BufRead, limits: &Limits) -> Result<Request, Refusal> {
    read_request_with(r, limits, 0)
}

/// Reads one request head; with `max_body > 0` a `POST` with a `Content-Length` of at most
/// `max_body` is accepted too (its body is left in `r` for [`read_body`]). Chunked bodies are
/// refused: a length declared up front is checked before a byte of the body is read.
pub fn read_request_with(
    r: &mut impl BufRead,
    limits: &Limits,
    max_body: usize,
) -> Result<Request, Refusal> {
    let mut line = Vec::new();
    // One empty line before the request line is tolerated (RFC 9112 §2.2).
    let mut got = read_line(r, limits.request_line, URI_TOO_LONG, &mut line)?;
    if got.is_some() && line.is_empty() {
        got = read_line(r, limits.request_line, URI_TOO_LONG, &mut line)?;
    }
    if got.is_none() {
        return Err(BAD_REQUEST);
    }
    let text = std::str::from_utf8(&line).map_err(|_| BAD_REQUEST)?;
    let mut parts = text.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(BAD_REQUEST);
    };
    if method.is_empty() || method.len() > 16 || !method.bytes().all(is_tchar) {
        return Err(BAD_REQUEST);
    }
    if !target.starts_with('/') || !target.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(BAD_REQUEST);
    }
    match version {
        "HTTP/1.1" | "HTTP/1.0" => {}
        v if v.starts_with("HTTP/") => return Err(VERSION),
        _ => return Err(BAD_REQUEST),
    }
    let method = match method {
        "GET" => Method::Get,
        "HEAD" => Method::Head,
        "POST" if max_body > 0 => Method::Post,
        _ => return Err(METHOD),
    };
    let target = target.to_string();

    let mut host = None;
    let mut req = Request::default();
    let mut length: Option<usize> = None;
    let mut budget = limits.headers;
    let mut count = 0;
    loop {
        let Some(n) = read_line(r, budget, HEADERS_TOO_LARGE, &mut line)? else {
            return Err(BAD_REQUEST); // the head must end with an empty line
        };
        budget -= n;
        if line.is_empty() {
            break;
        }
        count += 1;
        if count > limits.header_count {
            return Err(HEADERS_TOO_LARGE);
        }
        let colon = line.iter().position(|&b| b == b':').ok_or(BAD_REQUEST)?;
        let name = &line[..colon];
        // No whitespace before the colon, no obsolete line folding (RFC 9112 §5).
        if name.is_empty() || !name.iter().all(|&b| is_tchar(b)) {
            return Err(BAD_REQUEST);
        }
        let value = line[colon + 1..].trim_ascii();
        if name.eq_ignore_ascii_case(b"host") {
            let v = std::str::from_utf8(value).map_err(|_| BAD_REQUEST)?;
            if host.replace(v.to_string()).is_some() {
                return Err(BAD_REQUEST);
            }
        } else if name.eq_ignore_ascii_case(b"content-length") {
            if max_body == 0 {
                if value != b"0" {
                    return Err(NO_BODY);
                }
                continue;
            }
            if length.is_some() || value.is_empty() || !value.iter().all(u8::is_ascii_digit) {
                return Err(BAD_REQUEST);
            }
            let n = std::str::from_utf8(value)
                .ok()
                .and_then(|v| v.parse::<usize>().ok())
                .ok_or(BODY_TOO_LARGE)?;
            if n > max_body {
                return Err(BODY_TOO_LARGE);
            }
            length = Some(n);
        } else if name.eq_ignore_ascii_case(b"transfer-encoding") {
            return Err(if max_body == 0 {
                NO_BODY
            } else {
                LENGTH_REQUIRED
            });
        } else {
            let slot = if name.eq_ignore_ascii_case(b"origin") {
                &mut req.origin
            } else if name.eq_ignore_ascii_case(b"sec-fetch-site") {
                &mut req.sec_fetch_site
            } else if name.eq_ignore_ascii_case(b"content-type") {
                &mut req.content_type
            } else {
                continue;
            };
            let v = std::str::from_utf8(value).map_err(|_| BAD_REQUEST)?;
            if slot.replace(v.to_string()).is_some() {
                return Err(BAD_REQUEST);
            }
        }
    }
    if method == Method::Post && length.is_none() {
        return Err(LENGTH_REQUIRED);
    }
    if method != Method::Post && length.is_some_and(|n| n > 0) {
        return Err(NO_BODY);
    }
    Ok(Request {
        method,
        target,
        host,
        content_length: length.unwrap_or(0),
        ..req
    })
}

/// Reads the body of `req`: exactly its declared length (already held to the caller's limit).
pub fn read_body(r: &mut impl BufRead, req: &Request) -> Result<Vec<u8>, Refusal> {
    let mut body = vec![0; req.content_length];
    r.read_exact(&mut body).map_err(|e| match e.kind() {
        io::ErrorKind::UnexpectedEof => BAD_REQUEST,
        _ => io_refusal(e),
    })?;
    Ok(body)
}

/// Whether `Host` names this server: 127.0.0.1, localhost or [::1], with no port or `port`.
/// A DNS-rebinding page reaches 127.0.0.1 under its own name, which this refuses.
pub fn host_allowed(host: Option<&str>, port: u16) -> bool {
    let Some(host) = host else { return false };
    let host = host.to_ascii_lowercase();
    let (name, rest) = match host.strip_prefix('[') {
        Some(h) => match h.split_once(']') {
            Some((inner, rest)) => (format!("[{inner}]"), rest.to_string()),
            None => return false,
        },
        None => match host.split_once(':') {
            Some((n, p)) => (n.to_string(), format!(":{p}")),
            None => (host.clone(), String::new()),
        },
    };
    let port_ok = rest.is_empty() || rest.strip_prefix(':') == Some(&port.to_string());
    port_ok && matches!(name.as_str(), "127.0.0.1" | "localhost" | "[::1]")
}

/// The path of a request target, percent-decoded, with the query dropped. `None` (a 404) for
/// anything that could leave the served folder or name something odd: a `.` or `..` segment,
/// a backslash, a NUL or control byte, a malformed `%` escape, or bytes that are not UTF-8.
pub fn request_path(target: &str) -> Option<String> {
    let raw = target.split(['?', '#']).next().unwrap_or("");
    if !raw.starts_with('/') {
        return None;
    }
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let path = String::from_utf8(out).ok()?;
    if path.chars().any(|c| c == '\\' || c.is_control()) {
        return None;
    }
    if path.split('/').any(|seg| seg == "." || seg == "..") {
        return None;
    }
    Some(path)
}

/// A response: status, content type, body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// More header lines (name, value), e.g. `Location` or the desk's security policy.
    pub headers: Vec<(&'static str, String)>,
}

impl Response {
    pub fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Self {
        Response {
            status,
            content_type,
            body: body.into(),
            headers: Vec::new(),
        }
    }

    /// The response with one more header line; the value must not hold a line break.
    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        let value: String = value.into();
        debug_assert!(!value.contains(['\r', '\n']));
        self.headers.push((name, value.replace(['\r', '\n'], "")));
        self
    }

    /// The plain-text answer to a refused request.
    pub fn refusal(r: Refusal) -> Self {
        Response::new(
            r.status,
            "text/plain; charset=utf-8",
            format!("{} {}\n", r.status, r.message),
        )
    }

    /// Writes the response; `HEAD` gets the head only.
    pub fn write_to(&self, w: &mut impl Write, head_only: bool) -> io::Result<()> {
        write!(
            w,
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
            self.status,
            reason(self.status),
            self.content_type,
            self.body.len()
        )?;
        for (name, value) in &self.headers {
            write!(w, "{name}: {value}\r\n")?;
        }
        write!(w, "\r\n")?;
        if !head_only {
            w.write_all(&self.body)?;
        }
        w.flush()
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        303 => "See Other",
        403 => "Forbidden",
        405 => "Method Not Allowed",
        409 => "Conflict",
        411 => "Length Required",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        408 => "Request Timeout",
        413 => "Content Too Large",
        414 => "URI Too Long",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "Unknown",
    }
}

#[cfg(test)]
mod tests;

//! A WARC 1.1 (ISO 28500:2017) capture of a rendered site: one `warcinfo` record, then one
//! `response` record per file (sorted by path) with its URL and an HTTP/1.1 200 header block.
//! Each record is its own gzip member, as readers expect of `.warc.gz`. Record ids are derived
//! from the content and the date, so the same site and date give the same bytes.

use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::Path;

use anyhow::{Context, Result};
use flate2::Compression;
use flate2::write::GzEncoder;
use sha2::{Digest, Sha256};

/// What the capture says about itself.
pub struct Capture<'a> {
    pub base_url: &'a str,
    pub title: &'a str,
    pub org: &'a str,
    /// `YYYY-MM-DDThh:mm:ssZ`.
    pub date: String,
    pub file_name: &'a str,
}

/// Writes the capture of `site` to `out`; returns the number of response records.
pub fn write(site: &Path, capture: &Capture, out: &Path) -> Result<usize> {
    let file = File::create(out).with_context(|| format!("cannot create {}", out.display()))?;
    let mut w = BufWriter::new(file);
    let info_id = record_id(&["warcinfo", capture.base_url, &capture.date]);
    let fields = format!(
        "software: gongkai/{}\r\nformat: WARC File Format 1.1\r\nconformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\nisPartOf: {}\r\ndescription: {}（{}）网站静态版本全站采集\r\n",
        env!("CARGO_PKG_VERSION"),
        one_line(capture.title),
        one_line(capture.org),
        capture.base_url,
    );
    let headers = [
        ("WARC-Type", "warcinfo".to_string()),
        ("WARC-Date", capture.date.clone()),
        ("WARC-Filename", one_line(capture.file_name)),
        ("WARC-Record-ID", info_id.clone()),
        ("Content-Type", "application/warc-fields".to_string()),
    ];
    let mut body = fields.as_bytes();
    member(&mut w, &headers, &[], &mut body, fields.len() as u64)?;
    let mut count = 0;
    for entry in walkdir::WalkDir::new(site).sort_by_file_name() {
        let entry = entry.with_context(|| format!("cannot list {}", site.display()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(site).expect("inside the site");
        let rel = rel.to_string_lossy().replace('\\', "/");
        response(&mut w, entry.path(), &rel, capture, &info_id)
            .with_context(|| format!("cannot capture {}", entry.path().display()))?;
        count += 1;
    }
    let file = w.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()?;
    Ok(count)
}

fn response(w: &mut impl Write, path: &Path, rel: &str, c: &Capture, info_id: &str) -> Result<()> {
    let size = std::fs::metadata(path)?.len();
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {size}\r\n\r\n",
        content_type(rel)
    );
    // First pass: the digests, which go in the header before the body.
    let mut block = Sha256::new();
    block.update(http.as_bytes());
    let mut payload = Sha256::new();
    let mut f = File::open(path)?;
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        block.update(&buf[..n]);
        payload.update(&buf[..n]);
    }
    let url = format!("{}{}", c.base_url, percent_encode_path(rel));
    let payload_digest = base32(&payload.finalize());
    let headers = [
        ("WARC-Type", "response".to_string()),
        ("WARC-Date", c.date.clone()),
        (
            "WARC-Record-ID",
            record_id(&["response", &url, &c.date, &payload_digest]),
        ),
        ("WARC-Warcinfo-ID", info_id.to_string()),
        ("WARC-Target-URI", url),
        (
            "WARC-Block-Digest",
            format!("sha256:{}", base32(&block.finalize())),
        ),
        ("WARC-Payload-Digest", format!("sha256:{payload_digest}")),
        (
            "WARC-Identified-Payload-Type",
            content_type(rel)
                .split(';')
                .next()
                .unwrap_or("")
                .to_string(),
        ),
        (
            "Content-Type",
            "application/http;msgtype=response".to_string(),
        ),
    ];
    let mut body = File::open(path)?;
    member(w, &headers, http.as_bytes(), &mut body, size)?;
    Ok(())
}

/// Writes one record as its own gzip member: header lines, `Content-Length`, the block
/// (`prefix` then `body`, `body_len` bytes), and the two closing CRLFs.
fn member(
    w: &mut impl Write,
    headers: &[(&str, String)],
    prefix: &[u8],
    body: &mut impl Read,
    body_len: u64,
) -> io::Result<()> {
    let mut gz = GzEncoder::new(w, Compression::default());
    let mut head = String::from("WARC/1.1\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\n\r\n",
        prefix.len() as u64 + body_len
    ));
    gz.write_all(head.as_bytes())?;
    gz.write_all(prefix)?;
    let copied = io::copy(&mut body.take(body_len), &mut gz)?;
    if copied != body_len {
        return Err(io::Error::other(
            "the file changed size while it was being captured",
        ));
    }
    gz.write_all(b"\r\n\r\n")?;
    gz.finish()?;
    Ok(())
}

fn one_line(s: &str) -> String {
    s.replace(['\r', '\n'], " ")
}

/// A name-based id: a UUID built from the SHA-256 of `parts` (version and variant bits set).
fn record_id(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0]);
    }
    let mut b: [u8; 16] = h.finalize()[..16].try_into().expect("16 bytes");
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let x = crate::hash::hex(&b);
    format!(
        "<urn:uuid:{}-{}-{}-{}-{}>",
        &x[..8],
        &x[8..12],
        &x[12..16],
        &x[16..20],
        &x[20..]
    )
}

/// RFC 4648 base32 with padding, the usual encoding of WARC digests.
pub fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::new();
    for chunk in bytes.chunks(5) {
        let mut block = [0u8; 5];
        block[..chunk.len()].copy_from_slice(chunk);
        let n = u64::from_be_bytes([0, 0, 0, block[0], block[1], block[2], block[3], block[4]]);
        let chars = (chunk.len() * 8).div_ceil(5);
        for i in 0..8 {
            if i < chars {
                out.push(ALPHABET[((n >> (35 - i * 5)) & 31) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Percent-encodes a site path for a URL: everything but unreserved characters and `/`.
pub fn percent_encode_path(rel: &str) -> String {
    let mut out = String::new();
    for b in rel.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The Content-Type a web server would send for a file of the site.
pub fn content_type(rel: &str) -> &'static str {
    let ext = rel
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "atom" => "application/atom+xml",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        "ofd" => "application/ofd",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "zip" => "application/zip",
        "doc" | "wps" => "application/msword",
        "xls" | "et" => "application/vnd.ms-excel",
        "mp3" => "audio/mpeg",
        "mp4" => "video/mp4",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_matches_rfc4648() {
        assert_eq!(base32(b""), "");
        assert_eq!(base32(b"f"), "MY======");
        assert_eq!(base32(b"fo"), "MZXQ====");
        assert_eq!(base32(b"foob"), "MZXW6YQ=");
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI======");
    }

    #[test]
    fn urls_are_percent_encoded() {
        assert_eq!(
            percent_encode_path("files/x/附件 1.pdf"),
            "files/x/%E9%99%84%E4%BB%B6%201.pdf"
        );
        assert_eq!(
            percent_encode_path("doc/A-2025_1.html"),
            "doc/A-2025_1.html"
        );
    }

    #[test]
    fn every_record_is_its_own_gzip_member() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("doc")).unwrap();
        std::fs::write(site.join("index.html"), "<!doctype html>").unwrap();
        std::fs::write(site.join("doc/a.html"), "<p>a</p>").unwrap();
        let out = dir.path().join("x.warc.gz");
        let c = Capture {
            base_url: "https://example.gov.cn/",
            title: "t",
            org: "o",
            date: "2026-11-24T16:00:00Z".into(),
            file_name: "x.warc.gz",
        };
        assert_eq!(write(&site, &c, &out).unwrap(), 2);
        let bytes = std::fs::read(&out).unwrap();
        // Three members, each starting with the gzip magic and decodable on its own.
        let mut decoder = flate2::read::MultiGzDecoder::new(&bytes[..]);
        let mut text = String::new();
        decoder.read_to_string(&mut text).unwrap();
        assert_eq!(text.matches("WARC/1.1\r\n").count(), 3);
        assert!(text.contains("WARC-Target-URI: https://example.gov.cn/doc/a.html\r\n"));
        let members = bytes.windows(3).filter(|w| w == b"\x1f\x8b\x08").count();
        assert!(members >= 3);
        let first = flate2::read::GzDecoder::new(&bytes[..]);
        let mut one = String::new();
        io::BufReader::new(first).read_to_string(&mut one).unwrap();
        assert!(
            one.starts_with("WARC/1.1\r\nWARC-Type: warcinfo\r\n") && one.ends_with("\r\n\r\n")
        );
        assert_eq!(one.matches("WARC/1.1").count(), 1);
    }
}

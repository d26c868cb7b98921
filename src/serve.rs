//! `gongkai serve`: a local preview server. It builds into a temporary folder (never into the
//! site's `public/`), serves it on 127.0.0.1, watches the site and rebuilds on change (debounced),
//! and makes open tabs reload after each rebuild. A failed rebuild shows its located errors in
//! the browser; the last good build stays on disk for everything that is not a page.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, Result, anyhow};
use notify::{RecursiveMode, Watcher};

use crate::build::{self, Options, Outcome};
use crate::catalog::Audience;
use crate::diag;

/// What the server shows now.
struct State {
    /// The folder of the last good build.
    dir: Option<PathBuf>,
    /// Bumped on every rebuild, good or bad; tabs reload when it changes.
    version: u64,
    /// The located errors of the last rebuild, when it failed.
    error: Option<String>,
}

pub struct ServeArgs {
    pub root: PathBuf,
    pub port: u16,
    pub drafts: bool,
    /// Produces the time for each rebuild (the system clock, or a pinned one in tests).
    pub now: Box<dyn Fn() -> Result<crate::values::Instant> + Send>,
}

const RELOAD_JS: &str = "(function(){var v=null;function poll(){fetch('/__gongkai/version',{cache:'no-store'}).then(function(r){return r.text()}).then(function(t){if(v===null){v=t}else if(t!==v){location.reload();return}setTimeout(poll,500)}).catch(function(){setTimeout(poll,1000)})}poll()})();\n";

pub fn serve(args: ServeArgs) -> Result<()> {
    let server = tiny_http::Server::http(("127.0.0.1", args.port)).map_err(|e| {
        anyhow!(
            "cannot listen on 127.0.0.1:{}: {e} (is the port in use? choose another with --port)",
            args.port
        )
    })?;
    let work = std::env::temp_dir().join(format!("gongkai-serve-{}", std::process::id()));
    let state = Arc::new(Mutex::new(State {
        dir: None,
        version: 0,
        error: None,
    }));
    let audience = if args.drafts {
        Audience::Preview
    } else {
        Audience::Public
    };
    rebuild(&args, &work, audience, &state);
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .unwrap_or(args.port);
    println!(
        "serving {} on http://127.0.0.1:{port}/ {}(Ctrl-C to stop)",
        args.root.display(),
        if args.drafts { "with drafts " } else { "" }
    );

    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |ev: notify::Result<notify::Event>| {
        if ev.is_ok_and(|e| !matches!(e.kind, notify::EventKind::Access(_))) {
            let _ = tx.send(());
        }
    })?;
    for name in [
        "site.yaml",
        "content",
        "themes",
        "data",
        "templates",
        "static",
    ] {
        let p = args.root.join(name);
        if p.exists() {
            watcher
                .watch(&p, RecursiveMode::Recursive)
                .with_context(|| format!("cannot watch {}", p.display()))?;
        }
    }
    let rebuild_state = Arc::clone(&state);
    std::thread::spawn(move || {
        let _watcher = watcher;
        while rx.recv().is_ok() {
            // Debounce: editors write several events per save.
            while rx.recv_timeout(Duration::from_millis(150)).is_ok() {}
            rebuild(&args, &work, audience, &rebuild_state);
        }
    });
    for request in server.incoming_requests() {
        let response = respond(request.url(), &state);
        let _ = request.respond(response);
    }
    Ok(())
}

fn rebuild(args: &ServeArgs, work: &Path, audience: Audience, state: &Mutex<State>) {
    let version = state.lock().expect("state lock").version + 1;
    // One folder, rebuilt with the build cache: only changed files are written, each replaced
    // by a rename, so pages being served are never half-written (previews build in full).
    let out = work.join("site");
    let opts = |now| Options {
        cache: true,
        ..Options::new(args.root.clone(), now)
    };
    let result = (args.now)().and_then(|now| build::build_for(&opts(now), &out, audience));
    let mut s = state.lock().expect("state lock");
    s.version = version;
    match result {
        Ok(Outcome::Built(summary, diags)) => {
            s.dir = Some(out);
            s.error = None;
            println!(
                "rebuilt {} records in {:.2} s ({})",
                summary.records,
                summary.seconds,
                diag::summary_line(&diags)
            );
        }
        Ok(Outcome::Invalid(diags)) => {
            let text: Vec<String> = diags.iter().map(ToString::to_string).collect();
            let msg = format!("{}\n{}", text.join("\n"), diag::summary_line(&diags));
            eprintln!("{msg}");
            s.error = Some(msg);
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            s.error = Some(format!("{e:#}"));
        }
    }
}

type Response = tiny_http::Response<std::io::Cursor<Vec<u8>>>;

fn respond(url: &str, state: &Mutex<State>) -> Response {
    let path = percent_decode(url.split(['?', '#']).next().unwrap_or("/"));
    let s = state.lock().expect("state lock");
    if path == "/__gongkai/version" {
        return with_type(
            tiny_http::Response::from_string(s.version.to_string()),
            "text/plain; charset=utf-8",
        );
    }
    if path == "/__gongkai/reload.js" {
        return with_type(
            tiny_http::Response::from_string(RELOAD_JS),
            "text/javascript; charset=utf-8",
        );
    }
    let rel = if path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.clone()
    };
    let is_page = rel.ends_with(".html");
    if let (Some(err), true) = (&s.error, is_page) {
        return page(500, &error_page(err));
    }
    let Some(dir) = &s.dir else {
        return page(
            503,
            "<!DOCTYPE html><title>gongkai</title><p>No successful build yet.</p>",
        );
    };
    let file = crate::fsutil::safe_relative(rel.trim_start_matches('/'))
        .map(|p| dir.join(p))
        .filter(|p| p.is_file());
    match file {
        Some(f) => match std::fs::read(&f) {
            Ok(bytes) if is_page => page(200, &String::from_utf8_lossy(&bytes)),
            Ok(bytes) => with_type(tiny_http::Response::from_data(bytes), content_type(&f)),
            Err(_) => page(404, "<!DOCTYPE html><title>404</title><p>Not found.</p>"),
        },
        None => {
            let body = std::fs::read_to_string(dir.join("404.html"))
                .unwrap_or_else(|_| "<!DOCTYPE html><title>404</title><p>Not found.</p>".into());
            page(404, &body)
        }
    }
}

/// An HTML response with the reload script added.
fn page(status: u16, html: &str) -> Response {
    let script = "<script src=\"/__gongkai/reload.js\"></script>";
    let body = match html.rfind("</body>") {
        Some(i) => format!("{}{script}{}", &html[..i], &html[i..]),
        None => format!("{html}{script}"),
    };
    with_type(
        tiny_http::Response::from_string(body).with_status_code(status),
        "text/html; charset=utf-8",
    )
}

fn error_page(errors: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title></head><body><h1>Build failed</h1><p>Fix these and save; this page reloads by itself.</p><pre>{}</pre></body></html>",
        crate::markdown::escape(errors)
    )
}

fn with_type(r: Response, ty: &str) -> Response {
    r.with_header(tiny_http::Header::from_bytes("Content-Type", ty).expect("valid header"))
}

pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "pdf" => "application/pdf",
        "ofd" => "application/ofd",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "gz" => "application/gzip",
        _ => "application/octet-stream",
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        if let (b'%', Some(Ok(b))) = (bytes[i], hex.map(|h| u8::from_str_radix(h, 16))) {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_chinese_paths() {
        assert_eq!(
            percent_decode("/files/x/%E9%99%84%E4%BB%B6.pdf"),
            "/files/x/附件.pdf"
        );
        assert_eq!(percent_decode("/a%2"), "/a%2");
        assert_eq!(percent_decode("/%中文"), "/%中文");
    }

    #[test]
    fn pages_get_the_reload_script() {
        let r = page(200, "<html><body>x</body></html>");
        let mut body = String::new();
        std::io::Read::read_to_string(&mut r.into_reader(), &mut body).unwrap();
        assert!(body.contains("reload.js\"></script></body>"));
    }
}

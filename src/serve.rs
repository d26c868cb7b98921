//! `gongkai serve`: a local preview server. It builds into a temporary folder (never into the
//! site's `public/`), serves it on 127.0.0.1, watches the site and rebuilds on change (debounced),
//! and makes open tabs reload after each rebuild. A failed rebuild shows its located errors in
//! the browser; the last good build stays on disk for everything that is not a page. It prints
//! nothing: what happens is told to the command layer's reporter ([`Event`]).

use std::io::{BufReader, Read};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow};
use notify::{RecursiveMode, Watcher};

use crate::build::{self, Options, Outcome};
use crate::catalog::Audience;
use crate::diag::Diagnostic;
use crate::i18n::{Lang, text};

pub(crate) mod http;

use http::{LIMITS, Method, Response};

/// What the server shows now.
struct State {
    /// The folder of the last good build.
    dir: Option<PathBuf>,
    /// Bumped on every rebuild, good or bad; tabs reload when it changes.
    version: u64,
    /// The located errors of the last rebuild, when it failed.
    error: Option<String>,
    /// The language of the error page.
    lang: Lang,
}

/// What the server tells the command that runs it.
pub enum Event<'a> {
    Listening {
        root: &'a Path,
        port: u16,
        drafts: bool,
        folder: &'a Path,
    },
    Rebuilt {
        records: usize,
        seconds: f64,
        diagnostics: &'a [Diagnostic],
    },
    Failed {
        diagnostics: &'a [Diagnostic],
    },
    Error(&'a anyhow::Error),
}

/// Receives the server's events (from the watcher thread too).
pub type Reporter = Arc<dyn Fn(Event) + Send + Sync>;

pub struct ServeArgs {
    pub root: PathBuf,
    pub port: u16,
    pub drafts: bool,
    /// Produces the time for each rebuild (the system clock, or a pinned one in tests).
    pub now: Box<dyn Fn() -> Result<crate::values::Instant> + Send>,
    /// The language of the error page shown in the browser.
    pub lang: Lang,
    pub report: Reporter,
}

const RELOAD_JS: &str = "(function(){var v=null;function poll(){fetch('/__gongkai/version',{cache:'no-store'}).then(function(r){return r.text()}).then(function(t){if(v===null){v=t}else if(t!==v){location.reload();return}setTimeout(poll,500)}).catch(function(){setTimeout(poll,1000)})}poll()})();\n";

/// Connections served at once; more get a 503 (a page load opens a handful).
const MAX_CONNECTIONS: usize = 64;
/// The whole request head must arrive within this time.
const REQUEST_DEADLINE: Duration = Duration::from_secs(10);

pub fn serve(args: ServeArgs) -> Result<()> {
    let listener = TcpListener::bind(("127.0.0.1", args.port)).map_err(|e| {
        anyhow!(
            "cannot listen on 127.0.0.1:{}: {e} (is the port in use? choose another with --port)",
            args.port
        )
    })?;
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(args.port);
    // A private folder: a random name created exclusively, mode 0700, so nothing planted in the
    // system temp folder beforehand can redirect the preview and no other user can read drafts.
    let work = private_work_dir()?;
    remove_on_signal(work.path().to_path_buf())?;
    let state = Arc::new(Mutex::new(State {
        dir: None,
        version: 0,
        error: None,
        lang: args.lang,
    }));
    let audience = if args.drafts {
        Audience::Preview
    } else {
        Audience::Public
    };
    let work_path = work.path().to_path_buf();
    rebuild(&args, &work_path, audience, &state);
    (args.report)(Event::Listening {
        root: &args.root,
        port,
        drafts: args.drafts,
        folder: &work_path,
    });

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
        "ledger.jsonl",
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
            rebuild(&args, &work_path, audience, &rebuild_state);
        }
    });
    let active = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        if active.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            active.fetch_sub(1, Ordering::SeqCst);
            let mut stream = stream;
            let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
            let _ = Response::refusal(http::BUSY).write_to(&mut stream, false);
            continue;
        }
        let state = Arc::clone(&state);
        let active = Arc::clone(&active);
        std::thread::spawn(move || {
            handle(stream, port, &state);
            active.fetch_sub(1, Ordering::SeqCst);
        });
    }
    drop(work);
    Ok(())
}

fn private_work_dir() -> Result<tempfile::TempDir> {
    let dir = tempfile::Builder::new()
        .prefix("gongkai-serve-")
        .tempdir()
        .context("cannot create the preview folder in the system temp folder")?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o700))
            .with_context(|| format!("cannot make {} private", dir.path().display()))?;
    }
    Ok(dir)
}

/// On Ctrl-C (SIGINT), SIGTERM or SIGHUP: remove the preview folder, then exit 130.
#[cfg(unix)]
fn remove_on_signal(dir: PathBuf) -> Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
        .context("cannot install the Ctrl-C handler")?;
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            // A rebuild may be writing into it: retry once.
            if std::fs::remove_dir_all(&dir).is_err() {
                std::thread::sleep(Duration::from_millis(200));
                let _ = std::fs::remove_dir_all(&dir);
            }
            std::process::exit(128 + sig);
        }
    });
    Ok(())
}

#[cfg(not(unix))]
fn remove_on_signal(_dir: PathBuf) -> Result<()> {
    Ok(())
}

/// A reader that gives up when the deadline has passed (slow-drip request heads).
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

fn handle(mut stream: TcpStream, port: u16, state: &Mutex<State>) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(30)));
    let mut reader = BufReader::with_capacity(
        4096,
        Deadline {
            stream: &stream,
            until: Instant::now() + REQUEST_DEADLINE,
        },
    );
    let request = http::read_request(&mut reader, &LIMITS);
    drop(reader);
    let refused = request.is_err();
    let (response, head_only) = match request {
        Err(refusal) => (Response::refusal(refusal), false),
        Ok(req) if !http::host_allowed(req.host.as_deref(), port) => (
            Response::refusal(http::WRONG_HOST),
            req.method == Method::Head,
        ),
        Ok(req) => (respond(&req.target, state), req.method == Method::Head),
    };
    let _ = response.write_to(&mut stream, head_only);
    let _ = stream.shutdown(std::net::Shutdown::Write);
    if refused {
        // Closing with unread bytes would reset the connection before the peer reads the
        // refusal: drain a bounded amount, for a bounded time, into a small buffer.
        let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
        let mut sink = [0u8; 8192];
        let mut left: usize = 1 << 20;
        while let Ok(n @ 1..) = stream.read(&mut sink) {
            left = left.saturating_sub(n);
            if left == 0 {
                break;
            }
        }
    }
}

fn rebuild(args: &ServeArgs, work: &Path, audience: Audience, state: &Mutex<State>) {
    let version = state.lock().expect("state lock").version + 1;
    // One folder, rebuilt with the build cache: only changed files are written, each replaced
    // by a rename, so pages being served are never half-written (previews build in full).
    let out = work.join("site");
    let opts = |now| Options {
        cache: true,
        // A preview shows whatever the site holds, even nothing.
        allow_mass_withdrawal: true,
        ..Options::new(args.root.clone(), now)
    };
    let result = (args.now)().and_then(|now| build::build_for(&opts(now), &out, audience));
    let mut s = state.lock().expect("state lock");
    s.version = version;
    match result {
        Ok(Outcome::Built(summary, diags)) => {
            s.dir = Some(out);
            s.error = None;
            (args.report)(Event::Rebuilt {
                records: summary.records,
                seconds: summary.seconds,
                diagnostics: &diags,
            });
        }
        Ok(Outcome::Invalid(diags)) => {
            let mut lines: Vec<String> = diags.iter().map(|d| d.render(s.lang)).collect();
            lines.push(crate::diag::summary_line(&diags, s.lang));
            s.error = Some(lines.join("\n"));
            (args.report)(Event::Failed {
                diagnostics: &diags,
            });
        }
        Err(e) => {
            s.error = Some(format!("{e:#}"));
            (args.report)(Event::Error(&e));
        }
    }
}

fn respond(target: &str, state: &Mutex<State>) -> Response {
    let lang = state_lang(state);
    let not_found = || page(404, &not_found_page(lang));
    let Some(path) = http::request_path(target) else {
        return not_found();
    };
    let s = state.lock().expect("state lock");
    if path == "/__gongkai/version" {
        return Response::new(200, "text/plain; charset=utf-8", s.version.to_string());
    }
    if path == "/__gongkai/reload.js" {
        return Response::new(200, "text/javascript; charset=utf-8", RELOAD_JS);
    }
    let rel = if path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.clone()
    };
    let is_page = rel.ends_with(".html");
    if let (Some(err), true) = (&s.error, is_page) {
        return page(500, &error_page(err, s.lang));
    }
    let Some(dir) = &s.dir else {
        let body = format!(
            "<!DOCTYPE html><title>gongkai</title><p>{}</p>",
            text(s.lang, "serve-no-build")
        );
        return page(503, &body);
    };
    let file = crate::fsutil::safe_relative(rel.trim_start_matches('/'))
        .map(|p| dir.join(p))
        .filter(|p| p.is_file() && inside(dir, p));
    match file {
        Some(f) => match std::fs::read(&f) {
            Ok(bytes) if is_page => page(200, &String::from_utf8_lossy(&bytes)),
            Ok(bytes) => Response::new(200, content_type(&f), bytes),
            Err(_) => not_found(),
        },
        None => {
            let body = std::fs::read_to_string(dir.join("404.html"))
                .unwrap_or_else(|_| not_found_page(s.lang));
            page(404, &body)
        }
    }
}

/// Whether `file`, links resolved, is still inside `dir`.
fn inside(dir: &Path, file: &Path) -> bool {
    match (dir.canonicalize(), file.canonicalize()) {
        (Ok(d), Ok(f)) => f.starts_with(d),
        _ => false,
    }
}

/// An HTML response with the reload script added.
fn page(status: u16, html: &str) -> Response {
    let script = "<script src=\"/__gongkai/reload.js\"></script>";
    let body = match html.rfind("</body>") {
        Some(i) => format!("{}{script}{}", &html[..i], &html[i..]),
        None => format!("{html}{script}"),
    };
    Response::new(status, "text/html; charset=utf-8", body)
}

fn state_lang(state: &Mutex<State>) -> Lang {
    state.lock().map(|s| s.lang).unwrap_or_default()
}

fn not_found_page(lang: Lang) -> String {
    format!(
        "<!DOCTYPE html><title>404</title><p>{}</p>",
        text(lang, "serve-not-found")
    )
}

/// The page shown for every page while the last rebuild failed: the located errors, wrapped.
fn error_page(errors: &str, lang: Lang) -> String {
    let (title, hint) = (
        text(lang, "serve-error-title"),
        text(lang, "serve-error-hint"),
    );
    format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title><style>body{{font:16px/1.6 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}}pre{{white-space: pre-wrap;overflow-wrap:anywhere;background:#f6f6f6;padding:1rem;border-left:4px solid #b00}}</style></head><body><h1>{title}</h1><p>{hint}</p><pre>{}</pre></body></html>",
        lang.tag(),
        crate::markdown::escape(errors)
    )
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_get_the_reload_script() {
        let r = page(200, "<html><body>x</body></html>");
        let body = String::from_utf8(r.body).unwrap();
        assert!(body.contains("reload.js\"></script></body>"));
    }
}

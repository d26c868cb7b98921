//! `gongkai desk`: the office's desk in a browser. A local web application on 127.0.0.1 that
//! lists the records by catalog node with their state, edits them through forms generated from
//! the record model ([`crate::record::schema`]), checks them with the same code as `gongkai check`,
//! signs the review, publishes and withdraws with the same code as `gongkai publish` — and writes
//! record files by surgical edits ([`edit`]) that leave every other byte as it was. The live
//! preview (`gongkai serve --drafts`) runs beside it on the next port.
//!
//! A command of its own rather than `serve --edit`: the preview server stays read-only (GET and
//! HEAD, no body), and the write surface — forms, uploads, the token — exists only when asked for.

mod actions;
mod check;
pub mod edit;
pub mod form_data;
mod forms;
mod pages;
pub mod paths;
mod record_page;
mod records;
mod routes;
pub mod server;
mod text;
pub mod upload;

use std::net::TcpListener;
use std::path::PathBuf;

use anyhow::{Context, Result, anyhow};

pub use server::Desk;

/// What `gongkai desk` is asked for.
pub struct DeskArgs {
    pub root: PathBuf,
    pub port: u16,
    /// The preview's port; `None`: no preview.
    pub preview_port: Option<u16>,
    pub now: Box<dyn Fn() -> Result<crate::values::Instant> + Send + Sync>,
    /// A second clock for the preview's rebuilds.
    pub preview_now: Box<dyn Fn() -> Result<crate::values::Instant> + Send>,
    pub injected: bool,
    /// Told the preview's events (it prints nothing itself).
    pub preview_report: crate::serve::Reporter,
    /// The language of the preview's error page.
    pub lang: crate::i18n::Lang,
    /// Told where the desk listens, once it does.
    pub listening: Listening,
}

/// Told the desk's folder and port once it listens.
pub type Listening = Box<dyn Fn(&std::path::Path, u16)>;

/// Starts the preview (when asked) and serves the desk until the process ends.
pub fn run(args: DeskArgs) -> Result<()> {
    let root = args
        .root
        .canonicalize()
        .with_context(|| format!("cannot open the site folder {}", args.root.display()))?;
    crate::config::load(&root).map_err(|d| {
        anyhow!(
            "site.yaml: {}",
            d.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        )
    })?;
    let listener = TcpListener::bind(("127.0.0.1", args.port)).map_err(|e| {
        anyhow!(
            "cannot listen on 127.0.0.1:{}: {e} (is the port in use? choose another with --port)",
            args.port
        )
    })?;
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(args.port);
    if let Some(pp) = args.preview_port {
        let serve_args = crate::serve::ServeArgs {
            root: root.clone(),
            port: pp,
            drafts: true,
            now: args.preview_now,
            lang: args.lang,
            report: std::sync::Arc::clone(&args.preview_report),
        };
        let report = args.preview_report;
        std::thread::spawn(move || {
            if let Err(e) = crate::serve::serve(serve_args) {
                report(crate::serve::Event::Error(&e.context("preview")));
            }
        });
    }
    let desk = Desk {
        root: root.clone(),
        port,
        token: server::new_token()?,
        now: args.now,
        injected: args.injected,
        preview: args.preview_port,
        writing: Default::default(),
    };
    (args.listening)(&root, port);
    server::listen(listener, desk)
}

#[cfg(test)]
mod tests;

//! The whole pipeline: load → validate → catalog → render → swap into place.

use std::path::{Path, PathBuf};
use std::time::Instant as Clock;

use anyhow::Result;

use crate::catalog::{self, Catalog};
use crate::config::{self, Site};
use crate::diag::{self, Diagnostic};
use crate::record::load::load_all;
use crate::render;
use crate::values::Instant;

/// What a site is built or checked against.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub now: Instant,
}

/// A loaded, validated, gated site.
pub struct Model {
    pub site: Site,
    pub catalog: Catalog,
    pub diagnostics: Vec<Diagnostic>,
}

impl Model {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Whether stage timings are printed (env `GONGKAI_TIMINGS=1`), read once.
pub fn timings_on() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("GONGKAI_TIMINGS").is_some_and(|v| v == "1"))
}

/// Prints how long `stage` took since `since` (to stderr, only with `GONGKAI_TIMINGS=1`) and
/// returns now, so spans can be chained.
pub fn span(stage: &str, since: Clock) -> Clock {
    let now = Clock::now();
    if timings_on() {
        eprintln!(
            "timing {stage:<16} {:>8.3} s   {}",
            (now - since).as_secs_f64(),
            memory_use()
        );
    }
    now
}

/// Resident and peak memory from `/proc/self/status` (Linux), for the timing lines.
fn memory_use() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    format!("rss {} (peak {})", field("VmRSS:"), field("VmHWM:"))
}

/// Loads and validates everything. `Err` holds diagnostics when the site config is unusable.
pub fn load(opts: &Options) -> Result<Model, Vec<Diagnostic>> {
    let t = Clock::now();
    let site = config::load(&opts.root)?;
    let loaded = load_all(&site, &opts.root);
    let t = span("load records", t);
    let mut diagnostics = loaded.diagnostics;
    let (catalog, more) = catalog::build(&site, loaded.records, opts.now);
    span("catalog", t);
    diagnostics.extend(more);
    diag::sort(&mut diagnostics);
    Ok(Model {
        site,
        catalog,
        diagnostics,
    })
}

/// The outcome of a build.
pub enum Outcome {
    /// Content errors: nothing was written.
    Invalid(Vec<Diagnostic>),
    Built(Summary, Vec<Diagnostic>),
}

#[derive(Debug, Clone)]
pub struct Summary {
    pub records: usize,
    pub withheld: usize,
    pub pages: usize,
    pub files: usize,
    pub seconds: f64,
}

/// Builds the site into `out`, atomically: a failed build leaves `out` as it was.
pub fn build(opts: &Options, out: &Path) -> Result<Outcome> {
    let started = Clock::now();
    let model = match load(opts) {
        Ok(m) => m,
        Err(diags) => return Ok(Outcome::Invalid(diags)),
    };
    if model.has_errors() {
        return Ok(Outcome::Invalid(model.diagnostics));
    }
    let t = Clock::now();
    let mut theme = render::theme::load(
        &opts.root,
        model.site.config.theme.as_deref(),
        model.site.config.language.tag(),
    )?;
    let staging = crate::fsutil::staging_dir(out)?;
    let t = span("theme", t);
    let result = render::render_site(
        &model.site,
        &model.catalog,
        &mut theme,
        &opts.root,
        &staging,
    );
    let stats = match result {
        Ok(s) => s,
        Err(e) => {
            crate::fsutil::discard(&staging);
            return Err(e);
        }
    };
    let t = span("render + write", t);
    if let Err(e) = crate::fsutil::swap_into_place(&staging, out) {
        crate::fsutil::discard(&staging);
        return Err(e);
    }
    span("swap into place", t);
    let summary = Summary {
        records: model.catalog.records.len(),
        withheld: model.catalog.withheld.len(),
        pages: stats.pages,
        files: stats.files,
        seconds: started.elapsed().as_secs_f64(),
    };
    Ok(Outcome::Built(summary, model.diagnostics))
}

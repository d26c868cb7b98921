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

/// Loads and validates everything. `Err` holds diagnostics when the site config is unusable.
pub fn load(opts: &Options) -> Result<Model, Vec<Diagnostic>> {
    let site = config::load(&opts.root)?;
    let loaded = load_all(&site, &opts.root);
    let mut diagnostics = loaded.diagnostics;
    let (catalog, more) = catalog::build(&site, loaded.records, opts.now);
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
    let mut theme = render::theme::load(
        &opts.root,
        model.site.config.theme.as_deref(),
        model.site.config.language.tag(),
    )?;
    let staging = crate::fsutil::staging_dir(out)?;
    let result = render::render_site(
        &model.site,
        &model.catalog,
        &mut theme,
        &opts.root,
        &staging,
    )
    .and_then(|mut s| {
        // Feeds and exports after the pages: the sitemap lists the pages written.
        s.files += crate::exports::write_all(&model.site, &model.catalog, &staging)?;
        s.files += crate::feeds::write_all(&model.site, &model.catalog, &staging)?;
        Ok(s)
    });
    let stats = match result {
        Ok(s) => s,
        Err(e) => {
            crate::fsutil::discard(&staging);
            return Err(e);
        }
    };
    if let Err(e) = crate::fsutil::swap_into_place(&staging, out) {
        crate::fsutil::discard(&staging);
        return Err(e);
    }
    let summary = Summary {
        records: model.catalog.records.len(),
        withheld: model.catalog.withheld.len(),
        pages: stats.pages,
        files: stats.files,
        seconds: started.elapsed().as_secs_f64(),
    };
    Ok(Outcome::Built(summary, model.diagnostics))
}

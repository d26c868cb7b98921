//! The whole pipeline: load → validate → catalog → render → swap into place.

use std::path::{Path, PathBuf};
use std::time::Instant as Clock;

use anyhow::Result;

use crate::catalog::{self, Audience, Catalog};
use crate::check;
use crate::config::{self, Site};
use crate::diag::{self, Diagnostic};
use crate::render;
use crate::values::Instant;

/// What a site is built or checked against.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub now: Instant,
    /// `--strict`: site-health warnings are errors.
    pub strict: bool,
    /// How long work reports its progress (silent by default).
    pub progress: crate::progress::Progress,
    /// Use and keep the build cache (`.gongkai-cache/`) to rewrite only what changed.
    pub cache: bool,
    /// `--allow-mass-withdrawal`: build even when no record, or under half of those the output
    /// folder shows, would be published.
    pub allow_mass_withdrawal: bool,
    /// Hash every file of the output folder against the build cache and rewrite those that
    /// differ (`publish`); a build otherwise trusts a file whose size and time are unchanged.
    pub verify_output: bool,
}

impl Options {
    /// Options for the site at `root` at time `now`: not strict, silent.
    pub fn new(root: impl Into<PathBuf>, now: Instant) -> Options {
        Options {
            root: root.into(),
            now,
            strict: false,
            progress: Default::default(),
            cache: false,
            allow_mass_withdrawal: false,
            verify_output: false,
        }
    }
}

/// A loaded, validated, gated site.
pub struct Model {
    pub site: Site,
    pub catalog: Catalog,
    pub diagnostics: Vec<Diagnostic>,
    /// About the build cache, for the user.
    pub notices: Vec<String>,
}

impl Model {
    /// Errors that stop the site. An error in a draft annual report holds back only that
    /// report (see [`crate::report::holds_back_only_its_report`]); `check` still counts it.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(stops_the_site)
    }
}

fn stops_the_site(d: &Diagnostic) -> bool {
    d.is_error() && !crate::report::holds_back_only_its_report(d)
}

/// Whether stage timings are printed (env `GONGKAI_TIMINGS=1`), read once.
pub fn timings_on() -> bool {
    *TIMINGS.get_or_init(|| std::env::var_os("GONGKAI_TIMINGS").is_some_and(|v| v == "1"))
}

/// Set once at start-up from the command line; never changed afterwards.
static TIMINGS: std::sync::OnceLock<bool> = std::sync::OnceLock::new();

/// `--verbose`: print stage timings, as `GONGKAI_TIMINGS=1` does.
pub fn set_verbose(verbose: bool) {
    if verbose {
        let _ = TIMINGS.set(true);
    }
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
    load_for(opts, Audience::Public)
}

/// Loads for an audience: `Preview` is for `serve --drafts` only and is never written to a
/// site's output folder.
pub fn load_for(opts: &Options, audience: Audience) -> Result<Model, Vec<Diagnostic>> {
    let t = Clock::now();
    let site = config::load(&opts.root)?;
    let loaded = if opts.cache && audience == Audience::Public {
        crate::record::load::load_all_cached(&site, &opts.root, &opts.progress)
    } else {
        crate::record::load::load_all_with(&site, &opts.root, &opts.progress)
    };
    let t = span("load records", t);
    let mut diagnostics = loaded.diagnostics;
    let notices = loaded.notices;
    let (mut catalog, more) = catalog::build_for(&site, loaded.records, opts.now, audience);
    let t = span("catalog", t);
    diagnostics.extend(more);
    diagnostics.extend(crate::ledger::reconcile::attach(&opts.root, &mut catalog));
    diagnostics.extend(crate::report::validate(
        &site, &catalog, &opts.root, opts.now,
    ));
    diagnostics.extend(check::content_checks(
        &opts.root,
        &site,
        &catalog,
        opts.now,
        opts.strict,
    ));
    span("ledger, checks", t);
    diag::sort(&mut diagnostics);
    Ok(Model {
        site,
        catalog,
        diagnostics,
        notices,
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
    /// What the build cache saved (and any notice about it).
    pub reuse: crate::incremental::Reuse,
}

/// Builds the site into `out`, atomically: a failed build leaves `out` as it was.
pub fn build(opts: &Options, out: &Path) -> Result<Outcome> {
    build_for(opts, out, Audience::Public)
}

/// Builds for an audience (see [`load_for`]).
pub fn build_for(opts: &Options, out: &Path, audience: Audience) -> Result<Outcome> {
    let started = Clock::now();
    // The link scan reads every page of the staging folder, so a strict build is a full one;
    // previews are never cached.
    let use_cache = opts.cache && audience == Audience::Public && !opts.strict;
    crate::incremental::claim(&opts.root, out)?;
    // Checking the output folder against the build cache reads only the output folder: beside
    // the loading of the records.
    let (model, begun) = rayon::join(
        || load_for(opts, audience),
        || crate::incremental::begin(&opts.root, out, use_cache, opts.verify_output),
    );
    let model = match model {
        Ok(m) if !m.has_errors() => m,
        invalid => {
            if let Ok((output, _)) = &begun {
                crate::incremental::discard(output.dir());
            }
            return Ok(Outcome::Invalid(match invalid {
                Ok(m) => m.diagnostics,
                Err(diags) => diags,
            }));
        }
    };
    let t = Clock::now();
    let (output, notice) = begun?;
    let staging = output.dir().to_path_buf();
    if let Err(e) = mass_withdrawal(opts, &model, out, audience) {
        crate::incremental::discard(&staging);
        return Err(e.into());
    }
    let result = render_into(opts, &model, &output).and_then(|stats| {
        // The link scan re-reads every page; `check` always runs it, `build` only when strict
        // (at 100,000 records it costs a fifth of the build and a quarter of its memory).
        if !opts.strict {
            return Ok((stats, Vec::new()));
        }
        let t = Clock::now();
        let mut links = check::links::check(&staging, &model.catalog)?;
        span("  link check", t);
        check::apply_strictness(&mut links, opts.strict);
        Ok((stats, links))
    });
    let (stats, links) = match result {
        Ok(s) => s,
        Err(e) => {
            crate::incremental::discard(&staging);
            return Err(e);
        }
    };
    let mut diagnostics = model.diagnostics;
    diagnostics.extend(links);
    diag::sort(&mut diagnostics);
    if diagnostics.iter().any(stops_the_site) {
        crate::incremental::discard(&staging);
        return Ok(Outcome::Invalid(diagnostics));
    }
    let t = span("render + write", t);
    let marker = crate::incremental::outdir::marker(model.catalog.records.len());
    let mut reuse = crate::incremental::finish(&opts.root, out, output, use_cache, &marker)?;
    // The cache's own notices are still plain (English) text, shown inside a localized note.
    let plain = |text: String| crate::msg!("note-text", text = text);
    reuse.notices.splice(0..0, notice.map(plain));
    reuse.notices.extend(model.notices.into_iter().map(plain));
    span("into place", t);
    let summary = Summary {
        records: model.catalog.records.len(),
        withheld: model.catalog.withheld.len(),
        pages: stats.pages,
        files: stats.files,
        seconds: started.elapsed().as_secs_f64(),
        reuse,
    };
    // Freeing a large catalog (millions of allocations) takes a good part of a second at
    // 100,000 records: do it beside whatever comes next, or not at all if the process ends.
    let catalog = model.catalog;
    std::thread::spawn(move || drop(catalog));
    Ok(Outcome::Built(summary, diagnostics))
}

/// Why a build stopped before withdrawing most of a site. The text is what the user reads.
#[derive(Debug, thiserror::Error)]
pub enum MassWithdrawal {
    #[error(
        "没有找到任何可发布的记录：构建已停止，{0} 保持原样；确需发布空站点时请加 --allow-mass-withdrawal (no record would be published: stopped)"
    )]
    NoRecords(PathBuf),
    #[error(
        "本次构建只发布 {now} 条记录，而 {out} 现有 {before} 条：超过一半将被撤下，构建已停止，{out} 保持原样；确需如此时请加 --allow-mass-withdrawal (most published records would be withdrawn: stopped)"
    )]
    Most {
        out: PathBuf,
        before: usize,
        now: usize,
    },
}

/// Stops a public build that would publish no record, or fewer than half of the records the
/// output folder shows now (a missing folder, a bad checkout), unless allowed.
fn mass_withdrawal(
    opts: &Options,
    model: &Model,
    out: &Path,
    audience: Audience,
) -> Result<(), MassWithdrawal> {
    if opts.allow_mass_withdrawal || audience != Audience::Public {
        return Ok(());
    }
    let now = model.catalog.records.len();
    if now == 0 {
        return Err(MassWithdrawal::NoRecords(out.to_path_buf()));
    }
    match crate::incremental::outdir::previous_records(out) {
        Some(before) if now * 2 < before => Err(MassWithdrawal::Most {
            out: out.to_path_buf(),
            before,
            now,
        }),
        _ => Ok(()),
    }
}

/// The search page, made after the search index (see [`render_into`]).
const SEARCH_PAGE: &str = "search.html";

/// Renders the published catalog of a loaded site into `out` with the site's theme.
pub fn render_into(
    opts: &Options,
    model: &Model,
    out: &crate::incremental::Output,
) -> Result<render::RenderStats> {
    let mut theme = render::theme::load(
        &opts.root,
        model.site.config.theme.as_deref(),
        model.site.config.language.tag(),
    )?;
    let mut stats = render::render_site(
        &model.site,
        &model.catalog,
        &mut theme,
        &opts.root,
        out,
        &opts.progress,
    )?;
    let t = Clock::now();
    let (site, cat) = (&model.site, &model.catalog);
    // The search index, the exports, the feeds and the sitemap read only the catalog and the
    // pages made so far, and write files of their own, each mostly in one long pass: side by
    // side (the search index takes longest).
    let (search, (exports, (feeds, sitemap))) = rayon::join(
        || crate::search::write_index(site, cat, out),
        || {
            rayon::join(
                || crate::exports::write_all(site, cat, out),
                || {
                    let feeds = crate::feeds::write_feeds(site, cat, out);
                    (
                        feeds,
                        crate::feeds::write_sitemap(site, cat, out, SEARCH_PAGE),
                    )
                },
            )
        },
    );
    let search = search?;
    stats.files += search.files + exports? + feeds? + 1;
    let t = span("  search, exports, feeds, sitemap", t);
    // The last page: it needs the index's shape.
    crate::search::render_page(site, cat, &theme, out, &search)?;
    stats.pages += 1;
    if out.html_count() != sitemap? {
        anyhow::bail!("a page was made that the sitemap does not list");
    }
    span("  search page", t);
    Ok(stats)
}

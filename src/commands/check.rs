//! `gongkai check`: validate everything `build` validates, render into a temporary folder to
//! check links, list withheld records; writes nothing but the optional HTML report.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::build::{self, Options};
use crate::check::timeliness::Health;
use crate::cli::Format;
use crate::diag::{self, Diagnostic};
use crate::msg;

use super::{CONTENT_ERRORS, Ctx, print_diagnostics};

#[derive(Serialize)]
struct WithheldView<'a> {
    path: &'a str,
    index_no: &'a str,
    title: &'a str,
    reasons: Vec<String>,
}

#[derive(Serialize)]
struct CheckReport<'a> {
    errors: usize,
    warnings: usize,
    diagnostics: &'a [Diagnostic],
    withheld: Vec<WithheldView<'a>>,
    health: Option<&'a Health>,
}

pub fn run(opts: &Options, format: Format, report: Option<&Path>, ctx: Ctx) -> anyhow::Result<u8> {
    let model = build::load(opts);
    let (mut diags, withheld): (Vec<Diagnostic>, Vec<WithheldView>) = match &model {
        Err(d) => (d.clone(), Vec::new()),
        Ok(m) => (
            m.diagnostics.clone(),
            (m.catalog.withheld.iter())
                .map(|w| WithheldView {
                    path: &w.record.source.path,
                    index_no: w.record.index_no.as_str(),
                    title: &w.record.title,
                    reasons: w.reasons.iter().map(|r| ctx.say(r.msg())).collect(),
                })
                .collect(),
        ),
    };
    let health = match &model {
        Ok(m) => {
            diags.extend(rendered_link_check(opts, m)?);
            diag::sort(&mut diags);
            Some(crate::check::timeliness::health(
                &m.site, &m.catalog, opts.now,
            ))
        }
        Err(_) => None,
    };
    if let Some(path) = report {
        write_report(
            opts,
            model.as_ref().ok(),
            &diags,
            health.as_ref(),
            path,
            ctx,
        )?;
    }
    let (errors, warnings) = diag::counts(&diags);
    match format {
        Format::Json => {
            diag::localize(&mut diags, ctx.lang);
            let report = CheckReport {
                errors,
                warnings,
                diagnostics: &diags,
                withheld,
                health: health.as_ref(),
            };
            println!("{}", serde_json::to_string_pretty(&report)?);
        }
        Format::Text => {
            print_diagnostics(&diags, ctx.lang);
            let mut out = std::io::stdout().lock();
            for w in &withheld {
                let line = msg!(
                    "check-withheld",
                    path = w.path,
                    index_no = w.index_no,
                    reasons = w.reasons.join(ctx.say(msg!("list-separator")).as_str()),
                );
                writeln!(out, "{}", ctx.say(line))?;
            }
            if let Some(h) = &health {
                writeln!(out, "{}", ctx.say(health_line(h)))?;
            }
        }
    }
    Ok(if errors > 0 { CONTENT_ERRORS } else { 0 })
}

/// `site health: 0 stale columns, 5 empty columns (the inspection fails a site at 5 …)`.
fn health_line(h: &Health) -> crate::i18n::Msg {
    msg!(
        "check-health",
        stale = h.stale,
        empty = h.empty,
        stale_limit = h.stale_limit,
        empty_limit = h.empty_limit,
    )
}

/// Renders the site into a temporary folder (removed afterwards) and checks its links.
fn rendered_link_check(opts: &Options, model: &build::Model) -> anyhow::Result<Vec<Diagnostic>> {
    let dir = tempfile::Builder::new()
        .prefix("gongkai-check-")
        .tempdir()?;
    build::render_into(opts, model, &crate::incremental::Output::full(dir.path()))?;
    let mut diags = crate::check::links::check(dir.path(), &model.catalog)?;
    crate::check::apply_strictness(&mut diags, opts.strict);
    Ok(diags)
}

/// The report speaks the command's language (its labels come from the theme in that language).
fn write_report(
    opts: &Options,
    model: Option<&build::Model>,
    diags: &[Diagnostic],
    health: Option<&Health>,
    path: &Path,
    ctx: Ctx,
) -> anyhow::Result<()> {
    let theme_name = model.and_then(|m| m.site.config.theme.as_deref());
    let lang = ctx.lang.tag();
    let theme = crate::render::theme::load(&opts.root, theme_name, lang)?;
    let input = crate::check::report::Input {
        site_title: model.map_or("", |m| &m.site.config.title),
        lang,
        now: opts.now,
        strict: opts.strict,
        diagnostics: diags,
        catalog: model.map(|m| &m.catalog),
        health,
    };
    crate::check::report::write(path, &theme, &input)?;
    let shown = path.display().to_string();
    eprintln!("{}", ctx.say(msg!("check-report-written", path = shown)));
    Ok(())
}

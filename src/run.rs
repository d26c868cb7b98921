//! Runs a parsed command line: prints diagnostics and maps outcomes to exit codes
//! (0 ok, 1 content errors, 2 operational failure).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use crate::build::{self, Options, Outcome};
use crate::cli::{Cli, Command, Format, LedgerCommand, SiteArgs};
use crate::diag::{self, Diagnostic};
use crate::values::{Instant, china_offset};

const CONTENT_ERRORS: u8 = 1;
const OPERATIONAL: u8 = 2;

pub fn run(cli: Cli) -> ExitCode {
    build::set_verbose(cli.verbose);
    match dispatch(&cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(OPERATIONAL)
        }
    }
}

/// The current instant: `--now`/`GONGKAI_NOW` when given (tests), else the system clock.
pub fn now(args: &SiteArgs) -> anyhow::Result<Instant> {
    match &args.now {
        Some(s) => Instant::parse(s).map_err(|e| anyhow::anyhow!("--now: {e}")),
        None => Ok(Instant(chrono::Utc::now().with_timezone(&china_offset()))),
    }
}

fn site_args(args: &SiteArgs) -> SiteArgs {
    SiteArgs {
        site: args.site.clone(),
        now: args.now.clone(),
    }
}

pub fn options(args: &SiteArgs) -> anyhow::Result<Options> {
    Ok(Options::new(args.site.clone(), now(args)?))
}

fn strict_options(args: &SiteArgs, strict: bool) -> anyhow::Result<Options> {
    Ok(Options {
        strict,
        ..options(args)?
    })
}

/// `built 109 records (7 withheld) into public: 224 pages, 300 files (12 rewritten, 1 removed),
/// 3 warnings, in 0.31 s`.
fn summary_line(s: &build::Summary, out: &std::path::Path, warnings: usize) -> String {
    let reuse = if s.reuse.incremental {
        format!(
            " ({} rewritten, {} removed)",
            s.reuse.written, s.reuse.removed
        )
    } else {
        String::new()
    };
    format!(
        "built {} records ({} withheld) into {}: {} pages, {} files{reuse}, {warnings} warnings, in {:.2} s",
        s.records,
        s.withheld,
        out.display(),
        s.pages,
        s.files,
        s.seconds
    )
}

fn dispatch(cli: &Cli) -> anyhow::Result<u8> {
    match &cli.command {
        Command::Build {
            site,
            out,
            strict,
            full,
            allow_mass_withdrawal,
        } => {
            let mut opts = strict_options(site, *strict)?;
            opts.allow_mass_withdrawal = *allow_mass_withdrawal;
            opts.progress = crate::progress::Progress::for_stderr(cli.quiet);
            opts.cache = !*full;
            let out = out.clone().unwrap_or_else(|| site.site.join("public"));
            match build::build(&opts, &out)? {
                Outcome::Invalid(diags) => {
                    print_text(&diags);
                    eprintln!(
                        "build failed: nothing was written; {} left as it was",
                        out.display()
                    );
                    Ok(CONTENT_ERRORS)
                }
                Outcome::Built(s, diags) => {
                    if !cli.quiet {
                        print_text(&diags);
                        for note in crate::report::held_back_notes(&diags) {
                            eprintln!("note: {note}");
                        }
                        for notice in &s.reuse.notices {
                            eprintln!("note: {notice}");
                        }
                        println!("{}", summary_line(&s, &out, diag::counts(&diags).1));
                    }
                    Ok(0)
                }
            }
        }
        Command::Check {
            site,
            format,
            strict,
            report,
        } => check(&strict_options(site, *strict)?, *format, report.as_deref()),
        Command::Serve { site, port, drafts } => {
            let pinned = site.now.clone();
            let args = SiteArgs {
                site: site.site.clone(),
                now: pinned,
            };
            let now = Box::new(move || now(&args));
            crate::serve::serve(crate::serve::ServeArgs {
                root: site.site.clone(),
                port: *port,
                drafts: *drafts,
                now,
            })?;
            Ok(0)
        }
        Command::Desk {
            site,
            port,
            preview_port,
            no_preview,
        } => {
            let (a, b) = (site_args(site), site_args(site));
            crate::desk::run(crate::desk::DeskArgs {
                root: site.site.clone(),
                port: *port,
                preview_port: (!*no_preview)
                    .then(|| preview_port.unwrap_or(port.saturating_add(1))),
                now: Box::new(move || now(&a)),
                preview_now: Box::new(move || now(&b)),
                injected: site.now.is_some(),
            })?;
            Ok(0)
        }
        Command::New {
            site,
            node,
            title,
            publisher,
            codes,
        } => {
            let opts = options(site)?;
            let args = crate::new_record::NewArgs {
                node,
                title,
                publisher: publisher.as_deref(),
                codes,
            };
            match crate::new_record::create(&opts, &args) {
                Ok(path) => {
                    println!("{}", path.display());
                    Ok(0)
                }
                Err(crate::new_record::NewError::Content(diags)) => {
                    print_text(&diags);
                    Ok(CONTENT_ERRORS)
                }
                Err(crate::new_record::NewError::Io(e)) => Err(e),
            }
        }
        Command::Report { report } => crate::report::command::run(report, cli.quiet),
        Command::Publish {
            site,
            out,
            allow_mass_withdrawal,
        } => {
            let opts = Options {
                cache: true,
                verify_output: true,
                allow_mass_withdrawal: *allow_mass_withdrawal,
                ..options(site)?
            };
            crate::ledger::command::publish(&opts, site.now.is_some(), out.as_deref(), cli.quiet)
        }
        Command::Ledger { command } => match command {
            LedgerCommand::Verify { site } => crate::ledger::command::verify(&options(site)?),
            LedgerCommand::Import { site } => {
                crate::ledger::command::import(&options(site)?, site.now.is_some())
            }
        },
        Command::Archive(args) => archive(args, cli.quiet),
        Command::Import {
            site,
            source,
            mapping,
            node,
        } => {
            let req = crate::import::Request {
                source: source.clone(),
                mapping: mapping.clone(),
                node: node.clone(),
                clock: match site.now {
                    Some(_) => crate::ledger::entry::Clock::Injected,
                    None => crate::ledger::entry::Clock::System,
                },
            };
            crate::import::command::run(&options(site)?, &req, cli.quiet)
        }
        Command::Status { site, format } => {
            let st = crate::status::status(&options(site)?)?;
            match format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&st)?),
                Format::Text => print!("{}", crate::status::render_text(&st)),
            }
            Ok(if st.errors.is_empty() {
                0
            } else {
                CONTENT_ERRORS
            })
        }
    }
}

fn archive(args: &crate::cli::ArchiveArgs, quiet: bool) -> anyhow::Result<u8> {
    use crate::archive::{self, Outcome};
    let opts = options(&args.site)?;
    let date = match &args.date {
        Some(d) => Some(crate::values::Date::parse(d).map_err(|e| anyhow::anyhow!("--date: {e}"))?),
        None => None,
    };
    let outcome = match args.year {
        Some(year) if !args.warc => archive::export_bag(
            &opts,
            &archive::BagRequest {
                year,
                batch: args.batch,
                out: args.out.clone(),
                tar: args.tar,
                sm3: args.sm3,
                date,
            },
        )?,
        _ => archive::export_warc(
            &opts,
            &archive::WarcRequest {
                out: args.out.clone(),
                date,
            },
        )?,
    };
    match outcome {
        Outcome::Invalid(diags) => {
            print_text(&diags);
            eprintln!("archive export failed: nothing was written");
            Ok(CONTENT_ERRORS)
        }
        Outcome::Rejected(_, text) => {
            eprintln!("{text}");
            eprintln!("archive export failed its own check: nothing was written");
            Ok(CONTENT_ERRORS)
        }
        Outcome::Bag(s) => {
            if !quiet {
                println!("{}", s.report);
                println!(
                    "wrote a bag of {} records to {} (Payload-Oxum {})",
                    s.items,
                    s.path.display(),
                    s.oxum
                );
            }
            Ok(0)
        }
        Outcome::Warc { path, records } => {
            if !quiet {
                println!("captured {records} files into {}", path.display());
            }
            Ok(0)
        }
    }
}

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
    health: Option<&'a crate::check::timeliness::Health>,
}

fn check(opts: &Options, format: Format, report: Option<&Path>) -> anyhow::Result<u8> {
    let model = build::load(opts);
    let (mut diags, withheld): (Vec<Diagnostic>, Vec<WithheldView>) = match &model {
        Err(d) => (d.clone(), Vec::new()),
        Ok(m) => (
            m.diagnostics.clone(),
            m.catalog
                .withheld
                .iter()
                .map(|w| WithheldView {
                    path: &w.record.source.path,
                    index_no: w.record.index_no.as_str(),
                    title: &w.record.title,
                    reasons: w.reasons.iter().map(ToString::to_string).collect(),
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
        write_report(opts, model.as_ref().ok(), &diags, health.as_ref(), path)?;
    }
    let (errors, warnings) = diag::counts(&diags);
    match format {
        Format::Json => {
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
            print_text(&diags);
            let mut out = std::io::stdout().lock();
            for w in &withheld {
                writeln!(
                    out,
                    "withheld {} ({}): {}",
                    w.path,
                    w.index_no,
                    w.reasons.join("; ")
                )?;
            }
            if let Some(h) = &health {
                writeln!(out, "{}", h.summary_line())?;
            }
        }
    }
    Ok(if errors > 0 { CONTENT_ERRORS } else { 0 })
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

fn write_report(
    opts: &Options,
    model: Option<&build::Model>,
    diags: &[Diagnostic],
    health: Option<&crate::check::timeliness::Health>,
    path: &Path,
) -> anyhow::Result<()> {
    let (theme_name, lang) = model.map_or((None, "zh-CN"), |m| {
        (m.site.config.theme.as_deref(), m.site.config.language.tag())
    });
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
    eprintln!("wrote the check report to {}", path.display());
    Ok(())
}

/// Prints diagnostics, one a line, then the count line; to stderr so stdout stays for data.
/// Colours go to a terminal only, and never when NO_COLOR is set (no-color.org).
pub fn use_colour() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

pub fn print_text(diags: &[Diagnostic]) {
    let colour = use_colour();
    let mut err = std::io::stderr().lock();
    for d in diags {
        let _ = writeln!(err, "{}", diag::render_line(d, colour));
    }
    let _ = writeln!(err, "{}", diag::summary_line(diags));
}

//! The command layer: one module per command parses its arguments (clap, [`crate::cli`]), calls
//! the library, prints in the chosen language and picks the exit code (0 ok, 1 content errors,
//! 2 operational failure). The library below it returns data and typed errors and never prints.

mod archive;
mod build;
mod check;
mod desk;
pub mod help;
pub mod import;
mod ledger;
mod new;
mod output;
mod report;
mod serve;
mod status;

use std::ffi::OsString;
use std::process::ExitCode;

use crate::cli::{Cli, Command, SiteArgs};
use crate::i18n::{Lang, Msg};
use crate::values::{Instant, china_offset};

pub use output::{print_diagnostics, use_colour};

const CONTENT_ERRORS: u8 = 1;
const OPERATIONAL: u8 = 2;

/// What every command knows: the language it speaks and whether to stay quiet.
#[derive(Debug, Clone, Copy)]
pub struct Ctx {
    pub lang: Lang,
    pub quiet: bool,
}

impl Ctx {
    /// A message in the command's language.
    pub fn say(&self, m: Msg) -> String {
        m.render(self.lang)
    }
}

/// The whole program after `main`: parses `args` with help in the chosen language, then runs.
pub fn main(args: Vec<OsString>) -> ExitCode {
    let cli = help::parse(args);
    run(cli)
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    crate::build::set_verbose(cli.verbose);
    let ctx = Ctx {
        lang: choose_lang(cli.lang, site_root(&cli.command)),
        quiet: cli.quiet,
    };
    match dispatch(&cli, ctx) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!(
                "{}",
                ctx.say(crate::msg!("operational-error", error = format!("{e:#}")))
            );
            ExitCode::from(OPERATIONAL)
        }
    }
}

/// `--lang` > `LC_ALL`/`LC_MESSAGES`/`LANG` > the site's `language` > Chinese.
pub fn choose_lang(flag: Option<Lang>, root: Option<&std::path::Path>) -> Lang {
    Lang::choose(
        flag,
        Lang::from_process_env(),
        root.and_then(crate::config::language_of),
    )
}

/// The site folder a command works on.
fn site_root(cmd: &Command) -> Option<&std::path::Path> {
    use crate::cli::{LedgerCommand, ReportCommand};
    let site = match cmd {
        Command::Build { site, .. }
        | Command::Check { site, .. }
        | Command::New { site, .. }
        | Command::Serve { site, .. }
        | Command::Desk { site, .. }
        | Command::Publish { site, .. }
        | Command::Status { site, .. }
        | Command::Import { site, .. } => site,
        Command::Report {
            report: ReportCommand::Annual { site, .. },
        } => site,
        Command::Ledger { command } => match command {
            LedgerCommand::Verify { site } | LedgerCommand::Import { site } => site,
        },
        Command::Archive(a) => &a.site,
    };
    Some(&site.site)
}

fn dispatch(cli: &Cli, ctx: Ctx) -> anyhow::Result<u8> {
    match &cli.command {
        Command::Build { .. } => build::run(&cli.command, ctx),
        Command::Check {
            site,
            format,
            strict,
            report,
        } => check::run(
            &strict_options(site, *strict)?,
            *format,
            report.as_deref(),
            ctx,
        ),
        Command::Serve { site, port, drafts } => serve::run(site, *port, *drafts, ctx),
        Command::Desk {
            site,
            port,
            preview_port,
            no_preview,
        } => desk::run(site, *port, *preview_port, *no_preview, ctx),
        Command::New { .. } => new::run(&cli.command, ctx),
        Command::Report { report } => report::run(report, ctx),
        Command::Publish {
            site,
            out,
            allow_mass_withdrawal,
        } => ledger::publish(site, out.as_deref(), *allow_mass_withdrawal, ctx),
        Command::Ledger { command } => ledger::run(command, ctx),
        Command::Archive(args) => archive::run(args, ctx),
        Command::Import { .. } => import::run(&cli.command, ctx),
        Command::Status { site, format } => status::run(&options(site)?, *format, ctx),
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

pub fn options(args: &SiteArgs) -> anyhow::Result<crate::build::Options> {
    Ok(crate::build::Options::new(args.site.clone(), now(args)?))
}

fn strict_options(args: &SiteArgs, strict: bool) -> anyhow::Result<crate::build::Options> {
    Ok(crate::build::Options {
        strict,
        ..options(args)?
    })
}

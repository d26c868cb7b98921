//! `gongkai build`: validate every record and render the site into the output folder.

use crate::build::{self, Outcome, Summary};
use crate::cli::Command;
use crate::diag::{self, Diagnostic};
use crate::msg;

use super::{CONTENT_ERRORS, Ctx, print_diagnostics, strict_options};

pub fn run(cmd: &Command, ctx: Ctx) -> anyhow::Result<u8> {
    let Command::Build {
        site,
        out,
        strict,
        full,
        allow_mass_withdrawal,
    } = cmd
    else {
        unreachable!("dispatched by command")
    };
    let mut opts = strict_options(site, *strict)?;
    opts.allow_mass_withdrawal = *allow_mass_withdrawal;
    opts.progress = crate::progress::Progress::for_stderr(ctx.quiet, ctx.lang);
    opts.cache = !*full;
    let out = out.clone().unwrap_or_else(|| site.site.join("public"));
    match build::build(&opts, &out)? {
        Outcome::Invalid(diags) => {
            print_diagnostics(&diags, ctx.lang);
            let path = out.display().to_string();
            eprintln!("{}", ctx.say(msg!("build-failed", out = path)));
            Ok(CONTENT_ERRORS)
        }
        Outcome::Built(s, diags) => {
            if !ctx.quiet {
                print_built(&s, &diags, &out, ctx);
            }
            Ok(0)
        }
    }
}

/// The diagnostics, the notes and the summary of a successful build.
pub fn print_built(s: &Summary, diags: &[Diagnostic], out: &std::path::Path, ctx: Ctx) {
    print_diagnostics(diags, ctx.lang);
    for path in crate::report::held_back(diags) {
        eprintln!("{}", ctx.say(msg!("note-report-held-back", path = path)));
    }
    for notice in &s.reuse.notices {
        eprintln!("{}", notice.render(ctx.lang));
    }
    println!("{}", summary_line(s, out, diag::counts(diags).1, ctx));
}

/// `built 109 records (7 withheld) into public: 224 pages, 300 files (12 rewritten, 1 removed),
/// 3 warnings, in 0.31 s`.
fn summary_line(s: &Summary, out: &std::path::Path, warnings: usize, ctx: Ctx) -> String {
    let m = if s.reuse.incremental {
        msg!(
            "build-summary-incremental",
            records = s.records,
            withheld = s.withheld,
            out = out.display().to_string(),
            pages = s.pages,
            files = s.files,
            written = s.reuse.written,
            removed = s.reuse.removed,
            warnings = warnings,
            seconds = format!("{:.2}", s.seconds),
        )
    } else {
        msg!(
            "build-summary",
            records = s.records,
            withheld = s.withheld,
            out = out.display().to_string(),
            pages = s.pages,
            files = s.files,
            warnings = warnings,
            seconds = format!("{:.2}", s.seconds),
        )
    };
    ctx.say(m)
}

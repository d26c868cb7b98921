//! `gongkai import`: prints the problems and the report, picks the exit code (0 ok, 1 problems
//! that kept a row or page out, 2 operational failure).

use crate::cli::Command;
use crate::i18n::Lang;
use crate::import::{Report, Request};
use crate::msg;

use super::{CONTENT_ERRORS, Ctx, options, print_diagnostics};

pub fn run(cmd: &Command, ctx: Ctx) -> anyhow::Result<u8> {
    let Command::Import {
        site,
        source,
        mapping,
        node,
    } = cmd
    else {
        unreachable!("dispatched by command")
    };
    let req = Request {
        source: source.clone(),
        mapping: mapping.clone(),
        node: node.clone(),
        clock: match site.now {
            Some(_) => crate::ledger::entry::Clock::Injected,
            None => crate::ledger::entry::Clock::System,
        },
    };
    let progress = crate::progress::Progress::for_stderr(ctx.quiet, ctx.lang);
    let report = crate::import::run(&options(site)?, &req, &progress)?;
    if !report.problems.is_empty() {
        print_diagnostics(&report.problems, ctx.lang);
    }
    if !ctx.quiet {
        print!("{}", outcome_lines(&report, ctx.lang));
    }
    Ok(if report.has_errors() {
        CONTENT_ERRORS
    } else {
        0
    })
}

/// The report as text: the problems first (file:line), then what was created and the counts.
pub fn render(report: &Report, lang: Lang) -> String {
    let mut out = String::new();
    for p in &report.problems {
        out.push_str(&crate::diag::render_line(p, false, lang));
        out.push('\n');
    }
    out.push_str(&outcome_lines(report, lang));
    out
}

/// The records created, the counts, and what became of the ledger.
fn outcome_lines(r: &Report, lang: Lang) -> String {
    let mut out = String::new();
    for path in &r.created {
        out.push_str(&msg!("import-created", path = path).render(lang));
        out.push('\n');
    }
    let summary = msg!(
        "import-summary",
        source = &r.source,
        read_as = &r.read_as,
        created = r.created.len(),
        published = r.published,
        held_review = r.held_review,
        held_personal = r.held_personal,
        skipped = r.skipped,
        changed = r.changed,
        not_records = r.not_records,
        problems = r.problems.len(),
    );
    out.push_str(&summary.render(lang));
    out.push('\n');
    if !r.created.is_empty() || r.ledger_entries.is_some() {
        let line = match r.ledger_entries {
            Some(n) => msg!("import-ledger-appended", entries = n),
            None => msg!("import-no-ledger"),
        };
        out.push_str(&line.render(lang));
        out.push('\n');
    }
    out
}

//! `gongkai import` as the CLI runs it: prints the problems and the report, picks the exit code
//! (0 ok, 1 problems that kept a row or page out, 2 operational failure).

use super::{Report, Request, msg};
use crate::build::Options;

/// Runs the import and prints its report.
pub fn run(opts: &Options, req: &Request, quiet: bool) -> anyhow::Result<u8> {
    let progress = crate::progress::Progress::for_stderr(quiet);
    let report = super::run(opts, req, &progress)?;
    print(&report, quiet);
    Ok(if report.has_errors() { 1 } else { 0 })
}

/// The report as text: the problems first (file:line), then the counts.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for p in &report.problems {
        out.push_str(&crate::diag::render_line(p, false));
        out.push('\n');
    }
    for path in &report.created {
        out.push_str(&format!("新建 created {path}\n"));
    }
    out.push_str(&msg::summary_line(report));
    out.push('\n');
    if !report.created.is_empty() || report.ledger_entries.is_some() {
        out.push_str(&msg::ledger_line(report.ledger_entries));
        out.push('\n');
    }
    out
}

fn print(report: &Report, quiet: bool) {
    if !report.problems.is_empty() {
        crate::run::print_text(&report.problems);
    }
    if quiet {
        return;
    }
    for path in &report.created {
        println!("新建 created {path}");
    }
    println!("{}", msg::summary_line(report));
    if !report.created.is_empty() || report.ledger_entries.is_some() {
        println!("{}", msg::ledger_line(report.ledger_entries));
    }
}

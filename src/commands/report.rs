//! `gongkai report annual --year YYYY [--out DIR]`: validates the site and the year's data file,
//! then writes `<year>.csv` and `<year>.json` into `--out`, or prints the JSON to stdout.

use anyhow::Result;

use crate::build;
use crate::cli::ReportCommand;
use crate::diag::{Code, Diagnostic, Pos};
use crate::msg;
use crate::report::export::{csv, json};
use crate::report::{DATA_DIR, load};

use super::{CONTENT_ERRORS, Ctx, options, print_diagnostics};

pub fn run(cmd: &ReportCommand, ctx: Ctx) -> Result<u8> {
    let ReportCommand::Annual { site, year, out } = cmd;
    let opts = options(site)?;
    let model = match build::load(&opts) {
        Ok(m) => m,
        Err(diags) => {
            print_diagnostics(&diags, ctx.lang);
            return Ok(CONTENT_ERRORS);
        }
    };
    // Unlike a build, the report's own exports are refused when its file has errors.
    if model.diagnostics.iter().any(Diagnostic::is_error) {
        print_diagnostics(&model.diagnostics, ctx.lang);
        return Ok(CONTENT_ERRORS);
    }
    let (reports, _) = load(&model.site, &model.catalog, &opts.root);
    let Some(report) = reports.iter().find(|r| r.year() == *year) else {
        let d = Diagnostic::error(
            Code::ReportMissing,
            format!("{DATA_DIR}/{year}.yaml"),
            Pos::new(0, 0),
            msg!("report-no-data-file", year = *year),
        );
        print_diagnostics(&[d], ctx.lang);
        return Ok(CONTENT_ERRORS);
    };
    if !ctx.quiet && !model.diagnostics.is_empty() {
        print_diagnostics(&model.diagnostics, ctx.lang);
    }
    let json = json(&model.site, report);
    match out {
        None => print!("{json}"),
        Some(dir) => {
            for (ext, text) in [("csv", csv(report)), ("json", json)] {
                let path = dir.join(format!("{year}.{ext}"));
                crate::fsutil::write(&path, text.as_bytes())?;
                if !ctx.quiet {
                    println!("{}", path.display());
                }
            }
        }
    }
    Ok(0)
}

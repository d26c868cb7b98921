//! `gongkai report annual --year YYYY [--out DIR]`: validates the site and the year's data file,
//! then writes `<year>.csv` and `<year>.json` into `--out`, or prints the JSON to stdout.

use anyhow::Result;

use super::export::{csv, json};
use super::{DATA_DIR, load};
use crate::build;
use crate::cli::ReportCommand;
use crate::diag::{Code, Diagnostic, Pos};
use crate::run::{options, print_text};

const CONTENT_ERRORS: u8 = 1;

pub fn run(cmd: &ReportCommand, quiet: bool) -> Result<u8> {
    let ReportCommand::Annual { site, year, out } = cmd;
    let opts = options(site)?;
    let model = match build::load(&opts) {
        Ok(m) => m,
        Err(diags) => {
            print_text(&diags);
            return Ok(CONTENT_ERRORS);
        }
    };
    // Unlike a build, the report's own exports are refused when its file has errors.
    if model.diagnostics.iter().any(Diagnostic::is_error) {
        print_text(&model.diagnostics);
        return Ok(CONTENT_ERRORS);
    }
    let (reports, _) = load(&model.site, &model.catalog, &opts.root);
    let Some(report) = reports.iter().find(|r| r.year() == *year) else {
        let d = Diagnostic::error(
            Code::ReportMissing,
            format!("{DATA_DIR}/{year}.yaml"),
            Pos::new(0, 0),
            format!("no data file for the {year} annual report"),
        );
        print_text(&[d]);
        return Ok(CONTENT_ERRORS);
    };
    if !quiet && !model.diagnostics.is_empty() {
        print_text(&model.diagnostics);
    }
    let json = json(&model.site, report);
    match out {
        None => print!("{json}"),
        Some(dir) => {
            for (ext, text) in [("csv", csv(report)), ("json", json)] {
                let path = dir.join(format!("{year}.{ext}"));
                crate::fsutil::write(&path, text.as_bytes())?;
                if !quiet {
                    println!("{}", path.display());
                }
            }
        }
    }
    Ok(0)
}

//! `gongkai archive`: a BagIt bag of one year's published records, or a WARC capture.

use crate::archive::{self, Outcome};
use crate::cli::ArchiveArgs;
use crate::msg;

use super::{CONTENT_ERRORS, Ctx, options, print_diagnostics};

pub fn run(args: &ArchiveArgs, ctx: Ctx) -> anyhow::Result<u8> {
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
            print_diagnostics(&diags, ctx.lang);
            eprintln!("{}", ctx.say(msg!("archive-failed")));
            Ok(CONTENT_ERRORS)
        }
        Outcome::Rejected(_, text) => {
            eprintln!("{text}");
            eprintln!("{}", ctx.say(msg!("archive-rejected")));
            Ok(CONTENT_ERRORS)
        }
        Outcome::Bag(s) => {
            if !ctx.quiet {
                println!("{}", s.report);
                let m = msg!(
                    "archive-bag-written",
                    records = s.items,
                    path = s.path.display().to_string(),
                    oxum = s.oxum.to_string(),
                );
                println!("{}", ctx.say(m));
            }
            Ok(0)
        }
        Outcome::Warc { path, records } => {
            if !ctx.quiet {
                let m = msg!(
                    "archive-warc-written",
                    files = records,
                    path = path.display().to_string()
                );
                println!("{}", ctx.say(m));
            }
            Ok(0)
        }
    }
}

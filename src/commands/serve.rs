//! `gongkai serve`: the preview server, with its events printed in the command's language.

use crate::cli::SiteArgs;
use crate::diag;
use crate::msg;
use crate::serve::{Event, Reporter, ServeArgs};

use super::{Ctx, now, site_args};

pub fn run(site: &SiteArgs, port: u16, drafts: bool, ctx: Ctx) -> anyhow::Result<u8> {
    let args = site_args(site);
    crate::serve::serve(ServeArgs {
        root: site.site.clone(),
        port,
        drafts,
        now: Box::new(move || now(&args)),
        lang: ctx.lang,
        report: reporter(ctx),
    })?;
    Ok(0)
}

/// Prints the server's events: where it listens, each rebuild, each failure.
pub fn reporter(ctx: Ctx) -> Reporter {
    std::sync::Arc::new(move |event| match event {
        Event::Listening {
            root,
            port,
            drafts,
            folder,
        } => {
            let id = if drafts {
                msg!(
                    "serve-listening-drafts",
                    root = root.display().to_string(),
                    port = port,
                    folder = folder.display().to_string(),
                )
            } else {
                msg!(
                    "serve-listening",
                    root = root.display().to_string(),
                    port = port,
                    folder = folder.display().to_string(),
                )
            };
            println!("{}", ctx.say(id));
        }
        Event::Rebuilt {
            records,
            seconds,
            diagnostics,
        } => println!(
            "{}",
            ctx.say(msg!(
                "serve-rebuilt",
                records = records,
                seconds = format!("{seconds:.2}"),
                counts = diag::summary_line(diagnostics, ctx.lang),
            ))
        ),
        Event::Failed { diagnostics } => {
            for d in diagnostics {
                eprintln!("{}", d.render(ctx.lang));
            }
            eprintln!("{}", diag::summary_line(diagnostics, ctx.lang));
        }
        Event::Error(e) => eprintln!(
            "{}",
            ctx.say(msg!("operational-error", error = format!("{e:#}")))
        ),
    })
}

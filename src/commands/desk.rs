//! `gongkai desk`: the office's desk in a browser, with the draft preview beside it.

use crate::cli::SiteArgs;
use crate::msg;

use super::{Ctx, now, site_args};

pub fn run(
    site: &SiteArgs,
    port: u16,
    preview_port: Option<u16>,
    no_preview: bool,
    ctx: Ctx,
) -> anyhow::Result<u8> {
    let (a, b) = (site_args(site), site_args(site));
    crate::desk::run(crate::desk::DeskArgs {
        root: site.site.clone(),
        port,
        preview_port: (!no_preview).then(|| preview_port.unwrap_or(port.saturating_add(1))),
        now: Box::new(move || now(&a)),
        preview_now: Box::new(move || now(&b)),
        injected: site.now.is_some(),
        preview_report: super::serve::reporter(ctx),
        lang: ctx.lang,
        listening: Box::new(move |root, port| {
            let root = root.display().to_string();
            println!(
                "{}",
                ctx.say(msg!("desk-listening", root = root, port = port))
            );
        }),
    })?;
    Ok(0)
}

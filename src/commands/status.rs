//! `gongkai status`: what the next publish would do and what is waiting. Writes nothing.

use std::fmt::Write as _;

use crate::build::Options;
use crate::cli::Format;
use crate::diag::{self, Diagnostic};
use crate::i18n::Lang;
use crate::msg;
use crate::status::{EMBARGO_HORIZON_DAYS, Item, SiteStatus};

use super::{CONTENT_ERRORS, Ctx};

pub fn run(opts: &Options, format: Format, ctx: Ctx) -> anyhow::Result<u8> {
    let mut st = crate::status::status(opts)?;
    match format {
        Format::Json => {
            diag::localize(&mut st.errors, ctx.lang);
            diag::localize(&mut st.warnings, ctx.lang);
            println!("{}", serde_json::to_string_pretty(&st)?);
        }
        Format::Text => print!("{}", render_text(&st, ctx.lang)),
    }
    Ok(if st.errors.is_empty() {
        0
    } else {
        CONTENT_ERRORS
    })
}

/// A short summary for the office.
pub fn render_text(st: &SiteStatus, lang: Lang) -> String {
    let mut out = String::new();
    let section = |out: &mut String, title: String, items: &[Item]| {
        let _ = writeln!(
            out,
            "{}",
            msg!("status-section", title = title, count = items.len()).render(lang)
        );
        for i in items {
            let when = (i.opens.as_deref())
                .map(|o| msg!("status-opens", when = o).render(lang))
                .unwrap_or_default();
            let _ = writeln!(out, "  {} {} ({}){when}", i.index_no, i.title, i.path);
        }
    };
    let t = |id| crate::i18n::text(lang, id);
    section(&mut out, t("status-to-publish"), &st.to_publish);
    section(&mut out, t("status-to-revise"), &st.to_revise);
    section(&mut out, t("status-to-withdraw"), &st.to_withdraw);
    section(
        &mut out,
        t("status-waiting-for-review"),
        &st.waiting_for_review,
    );
    let embargoes = msg!("status-embargoes", days = EMBARGO_HORIZON_DAYS).render(lang);
    section(&mut out, embargoes, &st.embargoes_opening);
    let _ = writeln!(
        out,
        "{}",
        msg!("status-drafts", count = st.drafts).render(lang)
    );
    for d in st.errors.iter().chain(&st.warnings) {
        let _ = writeln!(out, "{}", d.render(lang));
    }
    let all: Vec<Diagnostic> = st.errors.iter().chain(&st.warnings).cloned().collect();
    let _ = writeln!(out, "{}", diag::summary_line(&all, lang));
    out
}

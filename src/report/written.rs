//! Figures a data file writes where gongkai can also count them from the records (本年制发,
//! 本年废止, 现行有效, items per channel): the file's figure is shown, a difference is a warning.
//! The records' 现行有效 is only a lower bound (a site rarely holds every older document still in
//! force), so a written 现行有效 warns only when it is below the records' count.

use super::AnnualReport;
use super::table2::DocCounts;
use crate::diag::{Code, Diagnostic};

/// A written figure of table 二: its key, its label, how to read it, and whether it is written.
type Row = (&'static str, &'static str, fn(&DocCounts) -> u64, bool);

/// One warning per written figure that differs from the records' count.
pub fn differences(r: &AnnualReport) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let p = &r.file.data.proactive;
    let rows: [Row; 3] = [
        ("issued", msg::ISSUED, |c| c.issued, p.issued.is_some()),
        (
            "abolished",
            msg::ABOLISHED,
            |c| c.abolished,
            p.abolished.is_some(),
        ),
        (
            "in_force",
            msg::IN_FORCE,
            |c| c.in_force,
            p.in_force.is_some(),
        ),
    ];
    for (key, label, get, written) in rows {
        if !written {
            continue;
        }
        for (class, class_label, shown, counted) in [
            (
                "regulations",
                msg::REGULATIONS,
                &r.documents.regulations,
                &r.counted.regulations,
            ),
            (
                "normative",
                msg::NORMATIVE,
                &r.documents.normative,
                &r.counted.normative,
            ),
        ] {
            let differs = if key == "in_force" {
                get(shown) < get(counted)
            } else {
                get(shown) != get(counted)
            };
            if differs {
                let field = format!("proactive.{key}.{class}");
                let m = msg::differs(&format!("{class_label}{label}"), get(shown), get(counted));
                out.push(warning(r, &field, m));
            }
        }
    }
    if let Some(written) = &r.file.data.channels {
        for (channel, n) in written {
            let counted = (r.counted_channels.by_channel.iter())
                .find(|(c, _)| c == channel)
                .map_or(0, |(_, n)| *n);
            if *n != counted {
                let m = msg::differs(&format!("公开渠道「{channel}」"), *n, counted);
                out.push(warning(r, &format!("channels.{channel}"), m));
            }
        }
    }
    out
}

fn warning(r: &AnnualReport, field: &str, message: crate::i18n::Msg) -> Diagnostic {
    Diagnostic::warning(
        Code::ReportDiffers,
        &r.file.path,
        r.file.pos(field),
        message,
    )
    .field(field)
}

/// The words of these warnings, in one place.
pub mod msg {
    pub const ISSUED: &str = "本年制发";
    pub const ABOLISHED: &str = "本年废止";
    pub const IN_FORCE: &str = "现行有效";
    pub const REGULATIONS: &str = "规章";
    pub const NORMATIVE: &str = "行政规范性文件";

    pub fn differs(what: &str, written: u64, counted: u64) -> crate::i18n::Msg {
        crate::msg!(
            "report-differs",
            what = what,
            written = written,
            counted = counted
        )
    }

    /// The warning a balance finding in a published report becomes; it quotes the finding.
    pub fn slip(finding: crate::diag::Message) -> crate::diag::Message {
        finding.within(
            crate::msg!("report-slip", finding = String::new()),
            "finding",
        )
    }
}

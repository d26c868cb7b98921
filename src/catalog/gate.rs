//! The release gate: the one place that decides whether a record may be published (§5).
//! Every output reads the published catalog built from this decision, never the raw records.

use serde::Serialize;

use crate::record::{NOT_SECRET, Record};
use crate::values::{Disclosure, Instant, Status};

/// Why a record is withheld.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum WithheldReason {
    NotApproved(Status),
    NotProactive(Disclosure),
    NoReview,
    Secret(String),
    Embargoed(Instant),
    NotYetPublished,
    PersonalData(crate::check::pii::Hold),
    /// Brought in by `gongkai import` on this day, without a review, and not shown as
    /// published before it: held until the office reviews it.
    ImportedUnreviewed(crate::values::Date),
}

impl WithheldReason {
    /// The reason as a message, for the reader's language.
    pub fn msg(&self) -> crate::i18n::Msg {
        use crate::msg;
        match self {
            WithheldReason::NotApproved(s) => msg!("withheld-not-approved", status = s.to_string()),
            WithheldReason::NotProactive(d) => {
                msg!("withheld-not-proactive", disclosure = d.to_string())
            }
            WithheldReason::NoReview => msg!("withheld-no-review"),
            WithheldReason::Secret(s) => msg!("withheld-secret", secrecy = s),
            WithheldReason::Embargoed(t) => msg!("withheld-embargoed", until = t.to_string()),
            WithheldReason::NotYetPublished => msg!("withheld-not-yet-published"),
            WithheldReason::PersonalData(hold) => hold.msg("withheld-personal-data"),
            WithheldReason::ImportedUnreviewed(on) => {
                msg!("withheld-imported-unreviewed", on = on.to_string())
            }
        }
    }
}

/// English (logs, tests); commands render [`WithheldReason::msg`] in their language.
impl std::fmt::Display for WithheldReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.msg().render(crate::i18n::Lang::En))
    }
}

/// Who a catalog is for. Only `Public` output is ever written to a site's output folder;
/// `Preview` (for `serve --drafts`) also admits drafts and records in review, marked as such.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Audience {
    #[default]
    Public,
    Preview,
}

/// Whether a withheld record may still be shown in a draft preview: only when it is held back
/// for being unfinished (draft, in review, not yet reviewed or stamped), never for being
/// non-public, secret, embargoed, withdrawn or carrying personal data.
pub fn admitted_in_preview(reasons: &[WithheldReason]) -> bool {
    reasons.iter().all(|r| {
        matches!(
            r,
            WithheldReason::NotApproved(Status::Draft | Status::Review)
                | WithheldReason::NoReview
                | WithheldReason::ImportedUnreviewed(_)
                | WithheldReason::NotYetPublished
        )
    })
}

/// Every reason `record` may not be published at `now`; empty means it may.
pub fn withheld_reasons(record: &Record, now: Instant) -> Vec<WithheldReason> {
    let mut reasons = Vec::new();
    if record.status != Status::Approved {
        reasons.push(WithheldReason::NotApproved(record.status));
    }
    if record.disclosure != Disclosure::Proactive {
        reasons.push(WithheldReason::NotProactive(record.disclosure));
    }
    match &record.review {
        // An imported record that was public on the old site before the import keeps its
        // publication without a new review; any other imported record waits for one.
        None => match &record.imported {
            Some(i) if record.published.is_some_and(|p| p < i.on) => {}
            Some(i) => reasons.push(WithheldReason::ImportedUnreviewed(i.on)),
            None => reasons.push(WithheldReason::NoReview),
        },
        Some(r) if r.secrecy != NOT_SECRET => {
            reasons.push(WithheldReason::Secret(r.secrecy.clone()))
        }
        Some(_) => {}
    }
    if let Some(e) = record.embargo
        && e > now
    {
        reasons.push(WithheldReason::Embargoed(e));
    }
    if reasons.is_empty() && record.published.is_none() {
        reasons.push(WithheldReason::NotYetPublished);
    }
    if let Some(what) = crate::check::pii::block_reason(record) {
        reasons.push(WithheldReason::PersonalData(what));
    }
    reasons
}

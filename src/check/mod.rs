//! Publication checks beyond the shape of a record, one file per rule family, each rule with a
//! stable code in [`crate::diag::Code`]:
//!
//! - [`pii`] — the personal-data scan; a finding withholds the record (an error), unless waived.
//! - [`calendar`] — the working-day calendar the timeliness rules count with.
//! - [`timeliness`] — late publication and interpretation, stale and empty columns, the home page.
//! - [`links`] — broken internal links, anchors and attachments in the rendered output.
//! - [`report`] — `gongkai check --report FILE.html`, the office's readable report.
//!
//! Site-health rules ([`Code::is_health_rule`]) are warnings; `--strict` makes them errors.

pub mod calendar;
pub mod links;
pub mod pii;
pub mod report;
pub mod timeliness;

use std::path::Path;

use crate::catalog::Catalog;
use crate::config::Site;
use crate::diag::{Code, Diagnostic, Severity};
use crate::values::Instant;

/// Under `--strict`, every site-health warning becomes an error.
pub fn apply_strictness(diags: &mut [Diagnostic], strict: bool) {
    if strict {
        for d in diags.iter_mut().filter(|d| Code::is_health_rule(d.code)) {
            d.severity = Severity::Error;
        }
    }
}

/// The checks that need only the catalog: personal data, the calendar, timeliness, freshness.
pub fn content_checks(
    root: &Path,
    site: &Site,
    cat: &Catalog,
    now: Instant,
    strict: bool,
) -> Vec<Diagnostic> {
    let mut diags = pii::diagnostics(cat);
    let (cal, cal_diags) = calendar::load(root, site);
    diags.extend(cal_diags);
    diags.extend(timeliness::check_records(cat, &cal));
    let health = timeliness::health(site, cat, now);
    diags.extend(timeliness::check_site(root, cat, &health));
    apply_strictness(&mut diags, strict);
    diags
}

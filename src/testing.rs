//! Helpers for unit tests.

use std::path::Path;

use crate::catalog::Catalog;
use crate::config::Site;
use crate::record::Record;

/// The example site's catalog, with `edit` applied to every record as it is loaded (and the
/// record's fields digest made again, as parsing the edited file would).
pub fn example_catalog(edit: impl Fn(&mut Record)) -> (Site, Catalog) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = crate::config::load(root).unwrap();
    let progress = crate::progress::Progress::default();
    let mut records = crate::record::load::load_all_with(&site, root, &progress).records;
    for r in &mut records {
        edit(r);
        r.fields_digest = r.digest_fields();
    }
    let now = crate::values::Instant::parse("2026-11-25T12:00:00+08:00").unwrap();
    let (cat, _) = crate::catalog::build(&site, records, now);
    (site, cat)
}

//! Machine-readable exports under `data/`, all from the published catalog: the catalog itself
//! (JSON, CSV), procurement as an OCDS 1.1 release package, people and organizations as Popolo
//! JSON, and budget tables as CSV with a Fiscal Data Package descriptor.

pub mod catalog_export;
pub mod csv;
pub mod fiscal;
pub mod ocds;
pub mod popolo;

use crate::incremental::Output;

use anyhow::Result;

use crate::catalog::Catalog;
use crate::config::Site;

/// Writes every export; returns the number of files written.
pub fn write_all(site: &Site, cat: &Catalog, out: &Output) -> Result<usize> {
    out.group("exports", "data/", inputs_digest(site, cat), || {
        write_each(site, cat, out)
    })
}

/// A digest of everything the exports read. They read the site and the published catalog
/// only, and of a record its fields ([`crate::record::Record::fields_digest`]: not its body or
/// where its file is; a record is what its
/// file, its attachments and `site.yaml` make of it, so a body edited leaves the exports as they
/// were). What the catalog adds beside the records (the order, the dates the ledger gives, the
/// indexes, validity as of the build's clock) is digested as it is.
fn inputs_digest(site: &Site, cat: &Catalog) -> crate::incremental::fingerprint::Fingerprint {
    let records: Vec<_> = cat.records.iter().map(|r| r.fields_digest).collect();
    let mut d = crate::incremental::fingerprint::Digest::new();
    d.field(&site.digest.to_le_bytes()).value(&records);
    d.value(&cat.by_node)
        .value(&cat.by_subtree)
        .value(&cat.by_publisher)
        .value(&cat.by_year)
        .value(&cat.by_topic)
        .value(&cat.in_force)
        .value(&cat.void)
        .value(&cat.interpretations)
        .value(&cat.replaces)
        .value(&cat.revisions);
    d.finish()
}

fn write_each(site: &Site, cat: &Catalog, out: &Output) -> Result<usize> {
    // The exports write disjoint files and read only the catalog: they run side by side (each
    // is one long serial pass, and at 100,000 records they were two seconds in a row).
    let ((catalog, ocds), (popolo, budget)) = rayon::join(
        || {
            rayon::join(
                || catalog_export::write(site, cat, out),
                || write_json(out, "data/ocds-releases.json", &ocds::package(site, cat)),
            )
        },
        || {
            rayon::join(
                || write_json(out, "data/popolo.json", &popolo::export(site, cat)),
                || fiscal::write(site, cat, out),
            )
        },
    );
    catalog?;
    ocds?;
    popolo?;
    Ok(4 + budget?)
}

/// Pretty JSON with a final newline.
pub fn write_json<T: serde::Serialize>(out: &Output, rel: &str, value: &T) -> Result<()> {
    let mut bytes = serde_json::to_vec_pretty(value)?;
    bytes.push(b'\n');
    out.bytes(rel, &bytes)
}

/// A JSON number from a decimal written in a record (OCDS and Popolo want numbers, not text).
pub fn number(d: crate::values::Decimal) -> serde_json::Value {
    serde_json::Number::from_f64(d.to_f64())
        .map(serde_json::Value::Number)
        .unwrap_or(serde_json::Value::Null)
}

//! gongkai: a static-site generator for government information-disclosure sites.
//!
//! The pipeline, one module per stage:
//!
//! 1. **load** — [`config`] reads `site.yaml`; [`record::load`] walks `content/` and parses every
//!    record in parallel ([`record::front`] → [`yaml`] → [`record::raw`] → [`record::convert`]),
//!    or takes it from the parse cache ([`record::cache`]) when nothing it was made from changed.
//! 2. **validate** — every problem becomes a located [`diag::Diagnostic`]; all are collected.
//! 3. **model** — [`catalog`] applies the release gate once ([`catalog::gate`]) and indexes the
//!    published records; withheld records are kept apart for `check`.
//! 4. **render** — [`render`] turns typed views into pages through tera, in parallel.
//! 5. **write** — every file goes through [`incremental::Output`]: [`build`] writes into a
//!    staging folder and swaps it into place ([`fsutil`]), or, with a usable build cache, writes
//!    only the files whose inputs changed and moves them in ([`incremental`]).
//!
//! [`archive`] exports the published catalog to the archive: BagIt bags and a WARC capture.
//! [`import`] brings an old site's records in (spreadsheets, saved pages) as record files.

pub mod archive;
pub mod build;
pub mod catalog;
pub mod check;
pub mod cli;
pub mod commands;
pub mod config;
pub mod desk;
pub mod diag;
pub mod exports;
pub mod feeds;
pub mod fsutil;
pub mod hash;
pub mod i18n;
pub mod import;
pub mod incremental;
pub mod index_no;
pub mod ledger;
pub mod markdown;
pub mod names;
pub mod new_record;
pub mod progress;
pub mod record;
pub mod render;
pub mod report;

pub mod search;
pub mod serve;
pub mod status;
#[cfg(test)]
pub mod testing;
pub mod url_policy;
pub mod values;
pub mod yaml;

pub use commands::run;

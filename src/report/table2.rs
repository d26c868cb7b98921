//! Table 二, 第二十条第（一）项, computed from the PUBLISHED catalog, and the channel statistics.
//!
//! The rule (also in the README):
//! - only `policy` records of the published catalog count;
//! - a policy is a **规章** when its `genre` is 规章 or it sits in (or under) a node listed in
//!   `report.regulation_nodes`; otherwise it is a **行政规范性文件** when `report.normative_nodes`
//!   is empty or lists its node (or an ancestor); other policies are not counted;
//! - **本年制发** = `created` (成文日期) falls in the year;
//! - **本年废止** = validity 已废止 or 已失效 and `void_from` falls in the year;
//! - **现行有效** = created on or before 31 December and not 已废止/已失效 by then (a void record
//!   without `void_from` counts as void).

use std::collections::BTreeMap;

use serde::Serialize;

use super::ReportConfig;
use crate::catalog::Catalog;
use crate::config::Site;
use crate::record::Record;
use crate::values::{Date, Kind, Validity};

/// The genre that marks a record as a 规章 wherever it is filed.
pub const REGULATION_GENRE: &str = "规章";

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DocCounts {
    pub issued: u64,
    pub abolished: u64,
    pub in_force: u64,
}

/// 规章 and 行政规范性文件.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Documents {
    pub regulations: DocCounts,
    pub normative: DocCounts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocClass {
    Regulation,
    Normative,
}

fn under_any(site: &Site, node: usize, paths: &[String]) -> bool {
    site.catalog
        .ancestry(node)
        .into_iter()
        .any(|a| paths.iter().any(|p| *p == site.catalog.nodes[a].path))
}

/// Which row of table 二 a record counts in, if any.
pub fn classify(site: &Site, cfg: &ReportConfig, r: &Record) -> Option<DocClass> {
    if r.kind != Kind::Policy {
        return None;
    }
    if r.genre.as_deref() == Some(REGULATION_GENRE)
        || under_any(site, r.node, &cfg.regulation_nodes)
    {
        return Some(DocClass::Regulation);
    }
    (cfg.normative_nodes.is_empty() || under_any(site, r.node, &cfg.normative_nodes))
        .then_some(DocClass::Normative)
}

fn is_void(r: &Record) -> bool {
    matches!(r.validity(), Some(Validity::Abolished | Validity::Expired))
}

/// Counts for `year` from the published catalog.
pub fn count(site: &Site, cat: &Catalog, year: i32) -> Documents {
    let cfg = &site.config.report;
    let year_end = Date::ymd(year, 12, 31);
    let mut docs = Documents::default();
    for r in &cat.records {
        let counts = match classify(site, cfg, r) {
            Some(DocClass::Regulation) => &mut docs.regulations,
            Some(DocClass::Normative) => &mut docs.normative,
            None => continue,
        };
        if r.created.year() == year {
            counts.issued += 1;
        }
        let void_from = if is_void(r) { r.void_from } else { None };
        if void_from.is_some_and(|d| d.year() == year) {
            counts.abolished += 1;
        }
        let void_by_year_end = is_void(r) && void_from.is_none_or(|d| d <= year_end);
        if r.created <= year_end && !void_by_year_end {
            counts.in_force += 1;
        }
    }
    docs
}

/// Items published in `year` per channel (公开渠道): the configured channels first, in their
/// order (zeros included), then any other channel by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Channels {
    /// Records published in the year.
    pub total: u64,
    pub by_channel: Vec<(String, u64)>,
}

pub fn channels(site: &Site, cat: &Catalog, year: i32) -> Channels {
    let mut counts: BTreeMap<&str, u64> = BTreeMap::new();
    let mut total = 0;
    for &i in cat
        .by_year
        .get(&year)
        .map(Vec::as_slice)
        .unwrap_or_default()
    {
        total += 1;
        for c in &cat.records[i].channels {
            *counts.entry(c.as_str()).or_default() += 1;
        }
    }
    let configured = &site.config.vocabularies.channels;
    let mut by_channel: Vec<(String, u64)> = configured
        .iter()
        .map(|c| (c.clone(), counts.remove(c.as_str()).unwrap_or(0)))
        .collect();
    by_channel.extend(counts.into_iter().map(|(c, n)| (c.to_string(), n)));
    Channels { total, by_channel }
}

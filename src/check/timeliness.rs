//! Timeliness and freshness (content model §6): late publication (条例 Art. 26), late policy
//! interpretations, stale and empty columns, a stale home page, and the counts the national
//! inspection fails a site on. All are warnings unless `--strict`.

use std::path::Path;

use serde::Serialize;

use super::calendar::Calendar;
use crate::catalog::Catalog;
use crate::config::{FILE_NAME, Site};
use crate::diag::{Code, Diagnostic, Pos};
use crate::values::{Date, Instant, Kind};
use crate::yaml::{self, Node, PathSeg};

/// 条例 Art. 26: published within 20 working days of being created.
pub const LATE_WORKING_DAYS: u32 = 20;
/// An interpretation follows its policy within 3 working days.
pub const INTERPRETATION_WORKING_DAYS: u32 = 3;
/// The home page's newest item may be at most this many days old.
pub const HOME_MAX_DAYS: i64 = 14;
/// The inspection fails a site with this many stale columns, or this many empty ones.
pub const STALE_LIMIT: usize = 5;
pub const EMPTY_LIMIT: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnState {
    Fresh,
    Stale,
    Empty,
}

/// One catalog node as the inspection sees it.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub node: usize,
    pub name: String,
    pub path: String,
    pub fresh_within_days: Option<u32>,
    pub newest: Option<Date>,
    pub age_days: Option<i64>,
    pub records: usize,
    pub state: ColumnState,
}

/// The site's freshness at `now`.
#[derive(Debug, Clone, Serialize)]
pub struct Health {
    pub columns: Vec<Column>,
    pub stale: usize,
    pub empty: usize,
    pub home_newest: Option<Date>,
    pub home_age_days: Option<i64>,
    pub stale_limit: usize,
    pub empty_limit: usize,
    pub home_max_days: i64,
}

/// Every column's state and the home page's age.
pub fn health(site: &Site, cat: &Catalog, now: Instant) -> Health {
    let today = now.date();
    let age = |d: Date| (today.0 - d.0).num_days();
    let columns: Vec<Column> = site
        .catalog
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let newest = cat.by_subtree[i]
                .first()
                .and_then(|&r| cat.records[r].published);
            let age_days = newest.map(age);
            let stale =
                matches!((n.fresh_within_days, age_days), (Some(f), Some(a)) if a > i64::from(f));
            Column {
                node: i,
                name: n.name.clone(),
                path: n.path.clone(),
                fresh_within_days: n.fresh_within_days,
                newest,
                age_days,
                records: cat.by_subtree[i].len(),
                state: if cat.by_subtree[i].is_empty() {
                    ColumnState::Empty
                } else if stale {
                    ColumnState::Stale
                } else {
                    ColumnState::Fresh
                },
            }
        })
        .collect();
    let count = |s| columns.iter().filter(|c| c.state == s).count();
    let home_newest = cat.records.first().and_then(|r| r.published);
    Health {
        stale: count(ColumnState::Stale),
        empty: count(ColumnState::Empty),
        columns,
        home_newest,
        home_age_days: home_newest.map(age),
        stale_limit: STALE_LIMIT,
        empty_limit: EMPTY_LIMIT,
        home_max_days: HOME_MAX_DAYS,
    }
}

/// Late publications and interpretations: each is located at the record's `published` field.
pub fn check_records(cat: &Catalog, cal: &Calendar) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut uncovered = std::collections::BTreeSet::new();
    // The years the calendar misses, for the message to say the count is approximate; `none`
    // (the key the message selects on) when it covers them all.
    let mut approx = |from: Date, to: Date| -> String {
        let years = cal.uncovered_years(from, to);
        if years.is_empty() {
            return "none".into();
        }
        uncovered.extend(years.iter().copied());
        let list: Vec<String> = years.iter().map(ToString::to_string).collect();
        list.join(", ")
    };
    for r in &cat.records {
        let Some(published) = r.published else {
            continue;
        };
        let days = cal.working_days_after(r.created, published);
        if days > LATE_WORKING_DAYS {
            let msg = crate::msg!(
                "late-publication",
                published = published.to_string(),
                days = days,
                created = r.created.to_string(),
                limit = LATE_WORKING_DAYS,
                uncovered = approx(r.created, published)
            );
            out.push(warning(
                Code::LatePublication,
                &r.source.path,
                r.source.pos("published"),
                msg,
                "published",
            ));
        }
        if r.kind != Kind::Interpretation {
            continue;
        }
        let policy = r
            .interprets
            .as_ref()
            .and_then(|ix| cat.get(ix))
            .map(|p| &cat.records[p]);
        if let Some(p) = policy
            && let Some(policy_published) = p.published
        {
            let days = cal.working_days_after(policy_published, published);
            if days > INTERPRETATION_WORKING_DAYS {
                let msg = crate::msg!(
                    "late-interpretation",
                    published = published.to_string(),
                    days = days,
                    policy = p.index_no.to_string(),
                    policy_published = policy_published.to_string(),
                    limit = INTERPRETATION_WORKING_DAYS,
                    uncovered = approx(policy_published, published)
                );
                out.push(warning(
                    Code::LateInterpretation,
                    &r.source.path,
                    r.source.pos("published"),
                    msg,
                    "published",
                ));
            }
        }
    }
    // Any count touching an uncovered year, late or not, is approximate: one warning a year.
    for r in &cat.records {
        if let Some(published) = r.published {
            uncovered.extend(cal.uncovered_years(r.created, published));
        }
    }
    if let Some(path) = &cal.source {
        for y in uncovered {
            let msg = crate::msg!("calendar-year-uncovered", year = y);
            out.push(Diagnostic::warning(
                Code::CalendarCoverage,
                path,
                Pos::new(1, 1),
                msg,
            ));
        }
    }
    out
}

/// Stale and empty columns (located at the node in `site.yaml`), a stale home page, and the
/// inspection's thresholds.
pub fn check_site(root: &Path, cat: &Catalog, h: &Health) -> Vec<Diagnostic> {
    let positions = node_positions(root);
    let at = |i: usize| positions.get(i).copied().unwrap_or(Pos::new(1, 1));
    let mut out = Vec::new();
    for c in &h.columns {
        let (code, msg) = match (c.state, c.fresh_within_days, c.newest, c.age_days) {
            (ColumnState::Stale, Some(f), Some(newest), Some(age)) => (
                Code::StaleColumn,
                crate::msg!(
                    "column-stale",
                    name = &c.name,
                    path = &c.path,
                    newest = newest.to_string(),
                    age = age,
                    fresh = f
                ),
            ),
            (ColumnState::Empty, ..) => (
                Code::EmptyColumn,
                crate::msg!("column-empty", name = &c.name, path = &c.path),
            ),
            _ => continue,
        };
        out.push(Diagnostic::warning(code, FILE_NAME, at(c.node), msg).field("catalog"));
    }
    if let (Some(newest), Some(age)) = (h.home_newest, h.home_age_days)
        && age > HOME_MAX_DAYS
    {
        let r = &cat.records[0];
        let msg = crate::msg!(
            "home-stale",
            newest = newest.to_string(),
            age = age,
            limit = HOME_MAX_DAYS
        );
        out.push(warning(
            Code::StaleHome,
            &r.source.path,
            r.source.pos("published"),
            msg,
            "published",
        ));
    }
    if h.stale >= STALE_LIMIT || h.empty >= EMPTY_LIMIT {
        let msg = crate::msg!(
            "inspection-threshold",
            stale = h.stale,
            empty = h.empty,
            stale_limit = STALE_LIMIT,
            empty_limit = EMPTY_LIMIT
        );
        out.push(Diagnostic::warning(
            Code::InspectionThreshold,
            FILE_NAME,
            Pos::new(0, 0),
            msg,
        ));
    }
    out
}

fn warning(code: Code, path: &str, pos: Pos, msg: crate::i18n::Msg, field: &str) -> Diagnostic {
    Diagnostic::warning(code, path, pos, msg).field(field)
}

/// The position of each catalog node in `site.yaml` (its `fresh_within_days` when it has one),
/// in the depth-first order of [`crate::catalog::tree::CatalogTree`].
fn node_positions(root: &Path) -> Vec<Pos> {
    let text = std::fs::read(root.join(FILE_NAME)).unwrap_or_default();
    let text = crate::record::front::decode_text(&text).unwrap_or_default();
    let Ok(tree) = yaml::parse(&text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(nodes) = tree.get("catalog") {
        walk(nodes, &mut out);
    }
    out
}

fn walk(seq: &Node, out: &mut Vec<Pos>) {
    for i in 0.. {
        let Some(n) = seq.at(&[PathSeg::Index(i)]) else {
            break;
        };
        out.push(n.get("fresh_within_days").map_or(n.pos, |f| f.pos));
        if let Some(children) = n.get("children") {
            walk(children, out);
        }
    }
}

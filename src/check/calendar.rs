//! The working-day calendar (`data/calendar.yaml`, or the path in `site.yaml` `calendar:`):
//! statutory holidays and make-up working days on top of the Monday–Friday week. Without a
//! calendar the timeliness checks count weekends only, and say so.
//!
//! ```yaml
//! holidays:                       # days off, both ends included (weekends inside may be listed)
//!   - {name: 元旦, from: 2025-01-01, to: 2025-01-01}
//! workdays:                       # make-up working days that fall on a weekend
//!   - {name: 春节调休, date: 2025-01-26}
//! ```

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;

use crate::config::Site;
use crate::diag::{Code, Diagnostic, Pos};
use crate::values::Date;
use crate::yaml::PathSeg;

/// The default place of the calendar when `site.yaml` names none.
pub const DEFAULT_PATH: &str = "data/calendar.yaml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CalendarFile {
    #[serde(default)]
    holidays: Vec<Holiday>,
    #[serde(default)]
    workdays: Vec<Workday>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Holiday {
    #[allow(dead_code)]
    name: String,
    from: Date,
    to: Date,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Workday {
    #[allow(dead_code)]
    name: String,
    date: Date,
}

/// Which days are working days.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    days_off: BTreeSet<NaiveDate>,
    make_up_days: BTreeSet<NaiveDate>,
    /// The years the file lists days of: outside them a count is approximate (weekends only).
    years: BTreeSet<i32>,
    /// Site-relative path of the calendar file; `None` for weekends only.
    pub source: Option<String>,
}

impl Calendar {
    /// Monday to Friday, no holidays.
    pub fn weekends_only() -> Calendar {
        Calendar::default()
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        if self.make_up_days.contains(&d) {
            return true;
        }
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !self.days_off.contains(&d)
    }

    /// Working days after `from` up to and including `to`; 0 when `to` is not later.
    pub fn working_days_after(&self, from: Date, to: Date) -> u32 {
        from.0
            .iter_days()
            .skip(1)
            .take_while(|d| *d <= to.0)
            .filter(|d| self.is_working_day(*d))
            .count() as u32
    }

    /// The years from `from` to `to` that a calendar file does not cover (none without a file:
    /// weekends only is then said once, by W061).
    pub fn uncovered_years(&self, from: Date, to: Date) -> Vec<i32> {
        if self.source.is_none() {
            return Vec::new();
        }
        (from.year()..=to.year())
            .filter(|y| !self.years.contains(y))
            .collect()
    }

    /// Parses the text of a calendar file named `path` (for messages).
    pub fn parse(text: &str, path: &str) -> Result<Calendar, Vec<Diagnostic>> {
        let crate::diag::DecodedFile {
            value,
            tree,
            diagnostics: mut diags,
        } = crate::diag::decode_yaml::<CalendarFile>(text, path)?;
        let file = value.ok_or_else(|| diags.clone())?;
        let pos = |list: &str, i: usize| {
            tree.at(&[PathSeg::Key(list.into()), PathSeg::Index(i)])
                .map_or(Pos::new(1, 1), |n| n.pos)
        };
        let mut cal = Calendar {
            source: Some(path.to_string()),
            ..Calendar::default()
        };
        for (i, h) in file.holidays.iter().enumerate() {
            if h.from > h.to || (h.to.0 - h.from.0).num_days() > 31 {
                let msg = crate::msg!(
                    "calendar-bad-holiday",
                    from = h.from.to_string(),
                    to = h.to.to_string()
                );
                diags.push(invalid(
                    path,
                    pos("holidays", i),
                    msg,
                    format!("holidays[{i}]"),
                ));
                continue;
            }
            cal.days_off
                .extend(h.from.0.iter_days().take_while(|d| *d <= h.to.0));
        }
        for (i, w) in file.workdays.iter().enumerate() {
            let field = format!("workdays[{i}]");
            let msg = if !matches!(w.date.0.weekday(), Weekday::Sat | Weekday::Sun) {
                crate::msg!("calendar-workday-not-weekend", date = w.date.to_string())
            } else if cal.days_off.contains(&w.date.0) {
                crate::msg!("calendar-both", date = w.date.to_string())
            } else {
                cal.make_up_days.insert(w.date.0);
                continue;
            };
            diags.push(invalid(path, pos("workdays", i), msg, field));
        }
        if diags.iter().any(Diagnostic::is_error) {
            return Err(diags);
        }
        cal.years = (cal.days_off.iter().chain(&cal.make_up_days))
            .map(Datelike::year)
            .collect();
        Ok(cal)
    }
}

fn invalid(path: &str, pos: Pos, msg: crate::i18n::Msg, field: String) -> Diagnostic {
    Diagnostic::error(Code::CalendarInvalid, path, pos, msg).field(field)
}

/// Loads the site's calendar. A missing default calendar means weekends only, with a warning; a
/// calendar named in `site.yaml` must exist.
pub fn load(root: &Path, site: &Site) -> (Calendar, Vec<Diagnostic>) {
    let named = site.config.calendar.as_deref();
    let rel = named.unwrap_or(DEFAULT_PATH);
    let file = root.join(rel);
    if !file.is_file() {
        let d = match named {
            Some(n) => Diagnostic::error(
                Code::CalendarInvalid,
                crate::config::FILE_NAME,
                config_line(root, "calendar"),
                crate::msg!("calendar-not-found", file = n),
            )
            .field("calendar"),
            None => Diagnostic::warning(
                Code::NoCalendar,
                crate::config::FILE_NAME,
                Pos::new(0, 0),
                crate::msg!("calendar-none", file = DEFAULT_PATH),
            ),
        };
        return (Calendar::weekends_only(), vec![d]);
    }
    let text = std::fs::read(&file)
        .map_err(|e| crate::diag::Message::from(e.to_string()))
        .and_then(|b| crate::record::front::decode_text(&b).map_err(|p| p.message));
    match text.map(|t| Calendar::parse(&t, rel)) {
        Ok(Ok(cal)) => (cal, Vec::new()),
        Ok(Err(diags)) => (Calendar::weekends_only(), diags),
        Err(e) => (
            Calendar::weekends_only(),
            vec![Diagnostic::error(
                Code::CalendarInvalid,
                rel,
                Pos::new(1, 1),
                e.within(
                    crate::msg!("calendar-unreadable", error = String::new()),
                    "error",
                ),
            )],
        ),
    }
}

/// The line of a top-level key in `site.yaml`, for messages about it.
fn config_line(root: &Path, key: &str) -> Pos {
    let text = std::fs::read_to_string(root.join(crate::config::FILE_NAME)).unwrap_or_default();
    let prefix = format!("{key}:");
    text.lines()
        .position(|l| l.starts_with(&prefix))
        .map_or(Pos::new(1, 1), |i| Pos::new(i as u32 + 1, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CAL: &str = "holidays:\n  - {name: 国庆节, from: 2025-10-01, to: 2025-10-08}\nworkdays:\n  - {name: 国庆调休, date: 2025-09-28}\n  - {name: 国庆调休, date: 2025-10-11}\n";

    #[test]
    fn holidays_and_make_up_days_count() {
        let cal = Calendar::parse(CAL, "data/calendar.yaml").unwrap();
        // Fri 26 Sep → Sun 12 Oct 2025: Sep 28 (Sun, make-up), 29, 30, Oct 9, 10, 11 (Sat, make-up).
        assert_eq!(
            cal.working_days_after(Date::ymd(2025, 9, 26), Date::ymd(2025, 10, 12)),
            6
        );
        let weekends = Calendar::weekends_only();
        assert_eq!(
            weekends.working_days_after(Date::ymd(2025, 9, 26), Date::ymd(2025, 10, 12)),
            10
        );
        assert_eq!(
            cal.working_days_after(Date::ymd(2025, 10, 12), Date::ymd(2025, 10, 1)),
            0
        );
    }

    /// Issue 20: from January 2027 every count silently fell back to weekends only.
    #[test]
    fn years_the_calendar_does_not_list_are_named() {
        let cal = Calendar::parse(CAL, "data/calendar.yaml").unwrap();
        assert_eq!(
            cal.uncovered_years(Date::ymd(2025, 12, 20), Date::ymd(2027, 1, 10)),
            vec![2026, 2027]
        );
        assert!(
            cal.uncovered_years(Date::ymd(2025, 1, 2), Date::ymd(2025, 3, 1))
                .is_empty()
        );
        // Without a file, weekends only is said once by W061, not per year.
        assert!(
            Calendar::weekends_only()
                .uncovered_years(Date::ymd(2027, 1, 2), Date::ymd(2027, 3, 1))
                .is_empty()
        );
    }

    #[test]
    fn problems_are_located() {
        let text = "holidays:\n  - {name: a, from: 2025-10-08, to: 2025-10-01}\nworkdays:\n  - {name: b, date: 2025-10-09}\n  - {name: c, dat: 2025-10-11}\n";
        let diags = Calendar::parse(text, "data/calendar.yaml").unwrap_err();
        let shown: Vec<String> = diags.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "error[E010] data/calendar.yaml:5:15: unknown field \"workdays[1].dat\"; did you mean \"date\"?",
                "error[E011] data/calendar.yaml:5:5: missing required field \"workdays[1].date\"",
                "error[E061] data/calendar.yaml:2:5: holiday from 2025-10-08 to 2025-10-01: \"from\" must not be after \"to\", and a holiday lasts at most a month",
                "error[E061] data/calendar.yaml:4:5: make-up working day 2025-10-09 is not a Saturday or Sunday",
            ]
        );
        let text = "holidays:\n  - {name: a, from: 2025-10-08, to: 2025-10-01}\nworkdays:\n  - {name: b, date: 2025-10-09}\n";
        let shown: Vec<String> = Calendar::parse(text, "c.yaml")
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            shown,
            [
                "error[E061] c.yaml:2:5: holiday from 2025-10-08 to 2025-10-01: \"from\" must not be after \"to\", and a holiday lasts at most a month",
                "error[E061] c.yaml:4:5: make-up working day 2025-10-09 is not a Saturday or Sunday",
            ]
        );
    }
}

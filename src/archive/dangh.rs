//! 档号 (archival reference numbers): `{fonds}-{category}·{year}-{retention code}-{org code}-{item}`.
//!
//! Item numbers (件号) run from 0001 without gaps within each group of records that share every
//! other part of the 档号 (category and retention, for one year of one fonds), in a stable order:
//! publication date, then 索引号. The same records always get the same numbers.

use std::fmt;

use crate::index_no::IndexNo;
use crate::values::{Date, Retention};

/// The parts of a 档号 that come from the site configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fonds {
    /// 全宗号.
    pub fonds: String,
    /// 机构代码.
    pub org_code: String,
    pub year: i32,
}

/// One assigned 档号.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct DangH {
    // Field order is the 档号 order: sorting by the struct sorts by the reference number.
    pub fonds: String,
    pub category: String,
    pub year: i32,
    pub retention_code: &'static str,
    pub org_code: String,
    pub item: u32,
}

impl fmt::Display for DangH {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{}·{}-{}-{}-{:04}",
            self.fonds, self.category, self.year, self.retention_code, self.org_code, self.item
        )
    }
}

/// What numbering needs to know about a record.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    /// The caller's handle for the record (e.g. its position in the catalog).
    pub key: usize,
    /// The category code: the `code` of the record's top-level catalog node.
    pub category: &'a str,
    pub retention: Retention,
    pub published: Date,
    pub index_no: &'a IndexNo,
}

/// Numbers `entries` and returns `(key, 档号)` pairs in 档号 order.
pub fn assign(fonds: &Fonds, entries: &[Entry]) -> Vec<(usize, DangH)> {
    let mut order: Vec<&Entry> = entries.iter().collect();
    order.sort_by(|a, b| {
        (a.category, a.retention.code(), a.published, a.index_no).cmp(&(
            b.category,
            b.retention.code(),
            b.published,
            b.index_no,
        ))
    });
    let mut out = Vec::with_capacity(order.len());
    let mut item = 0;
    let mut group: Option<(&str, &str)> = None;
    for e in order {
        let g = (e.category, e.retention.code());
        if group != Some(g) {
            group = Some(g);
            item = 0;
        }
        item += 1;
        out.push((
            e.key,
            DangH {
                fonds: fonds.fonds.clone(),
                category: e.category.to_string(),
                year: fonds.year,
                retention_code: e.retention.code(),
                org_code: fonds.org_code.clone(),
                item,
            },
        ));
    }
    out
}

/// The groups whose item numbers are not exactly 1..=n, as `(group prefix, message)`.
/// `numbers` must be in 档号 order (as [`assign`] returns them).
pub fn gaps<'a>(numbers: impl IntoIterator<Item = &'a DangH>) -> Vec<String> {
    let mut problems = Vec::new();
    let mut prev: Option<&DangH> = None;
    for d in numbers {
        let same_group = prev.is_some_and(|p| same_group(p, d));
        let expected = if same_group {
            prev.map_or(1, |p| p.item + 1)
        } else {
            1
        };
        if d.item != expected {
            problems.push(format!("{d}: expected item {expected:04}"));
        }
        prev = Some(d);
    }
    problems
}

fn same_group(a: &DangH, b: &DangH) -> bool {
    (&a.fonds, &a.category, a.year, a.retention_code, &a.org_code)
        == (&b.fonds, &b.category, b.year, b.retention_code, &b.org_code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonds() -> Fonds {
        Fonds {
            fonds: "J123".into(),
            org_code: "FCQZF".into(),
            year: 2025,
        }
    }

    fn ix(s: &str) -> IndexNo {
        IndexNo::new(s)
    }

    #[test]
    fn format_matches_the_convention() {
        let d = DangH {
            fonds: "J123".into(),
            category: "ZC".into(),
            year: 2025,
            retention_code: "Y",
            org_code: "FCQZF".into(),
            item: 7,
        };
        assert_eq!(d.to_string(), "J123-ZC·2025-Y-FCQZF-0007");
    }

    #[test]
    fn numbers_are_gapless_per_group_in_date_then_index_order() {
        let (a, b, c, d, e) = (
            ix("X/2025-00005"),
            ix("X/2025-00002"),
            ix("X/2025-00009"),
            ix("X/2025-00001"),
            ix("X/2025-00003"),
        );
        let entries = vec![
            Entry {
                key: 0,
                category: "ZC",
                retention: Retention::Permanent,
                published: Date::ymd(2025, 3, 1),
                index_no: &a,
            },
            Entry {
                key: 1,
                category: "ZC",
                retention: Retention::Permanent,
                published: Date::ymd(2025, 3, 1),
                index_no: &b,
            },
            Entry {
                key: 2,
                category: "ZC",
                retention: Retention::Permanent,
                published: Date::ymd(2025, 1, 9),
                index_no: &c,
            },
            Entry {
                key: 3,
                category: "TZ",
                retention: Retention::Years10,
                published: Date::ymd(2025, 6, 1),
                index_no: &d,
            },
            Entry {
                key: 4,
                category: "ZC",
                retention: Retention::Years30,
                published: Date::ymd(2025, 2, 1),
                index_no: &e,
            },
        ];
        let got: Vec<(usize, String)> = assign(&fonds(), &entries)
            .into_iter()
            .map(|(k, d)| (k, d.to_string()))
            .collect();
        assert_eq!(
            got,
            vec![
                (3, "J123-TZ·2025-D10-FCQZF-0001".to_string()),
                (4, "J123-ZC·2025-D30-FCQZF-0001".to_string()),
                (2, "J123-ZC·2025-Y-FCQZF-0001".to_string()),
                (1, "J123-ZC·2025-Y-FCQZF-0002".to_string()),
                (0, "J123-ZC·2025-Y-FCQZF-0003".to_string()),
            ]
        );
    }

    #[test]
    fn input_order_does_not_change_the_numbers() {
        let ids: Vec<IndexNo> = (1..=30).map(|n| ix(&format!("X/2025-{n:05}"))).collect();
        let entries: Vec<Entry> = ids
            .iter()
            .enumerate()
            .map(|(k, i)| Entry {
                key: k,
                category: if k % 3 == 0 { "A" } else { "B" },
                retention: Retention::Years10,
                published: Date::ymd(2025, 1 + (k as u32 % 12), 1),
                index_no: i,
            })
            .collect();
        let forward = assign(&fonds(), &entries);
        let mut reversed = entries.clone();
        reversed.reverse();
        assert_eq!(forward, assign(&fonds(), &reversed));
        let numbers: Vec<DangH> = forward.into_iter().map(|(_, d)| d).collect();
        assert!(gaps(&numbers).is_empty());
        assert_eq!(numbers.iter().filter(|d| d.category == "A").count(), 10);
        assert_eq!(numbers.iter().map(|d| d.item).max(), Some(20));
    }

    #[test]
    fn gaps_are_found() {
        let one = |item| DangH {
            fonds: "J".into(),
            category: "ZC".into(),
            year: 2025,
            retention_code: "Y",
            org_code: "O".into(),
            item,
        };
        assert!(gaps(&[one(1), one(2), one(3)]).is_empty());
        assert_eq!(
            gaps(&[one(1), one(3)]),
            vec!["J-ZC·2025-Y-O-0003: expected item 0002"]
        );
        assert_eq!(gaps(&[one(2)]).len(), 1);
        assert_eq!(gaps(&[one(1), one(1)]).len(), 1);
    }
}

//! Budget tables: typed rows and the rule that a declared total equals the sum of its rows,
//! within half a unit of the last decimal place written, summed over the rows (§4). Rows whose
//! label starts with 其中 (or is indented, as the continuation lines of a 其中 block are) are
//! sub-items of the nearest row above that is not one: they are left out of the column sum, and
//! their own sum may not exceed their parent's figure.

use serde::{Deserialize, Serialize};

use super::raw::{Cell, RawTable, TotalSpec};
use crate::values::Decimal;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BudgetRow {
    pub label: String,
    /// A 其中 sub-item of the row above it that is not one.
    #[serde(default)]
    pub sub: bool,
    /// One figure per figure column; `None` where the cell is empty.
    pub figures: Vec<Option<Decimal>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BudgetTable {
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<BudgetRow>,
    pub total: Option<Vec<Decimal>>,
}

/// A problem in one table, with the path inside the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableProblem {
    /// e.g. `rows[2][1]` or `total`.
    pub at: String,
    pub message: crate::i18n::Msg,
}

/// Types a written table and checks its shape and total.
pub fn check_table(raw: &RawTable) -> Result<BudgetTable, Vec<TableProblem>> {
    let mut problems = Vec::new();
    let figure_cols = raw.columns.len().saturating_sub(1);
    if figure_cols == 0 {
        problems.push(TableProblem {
            at: "columns".into(),
            message: crate::msg!("table-too-narrow", table = &raw.title),
        });
    }
    let mut rows = Vec::new();
    for (i, cells) in raw.rows.iter().enumerate() {
        if cells.len() != raw.columns.len() {
            problems.push(TableProblem {
                at: format!("rows[{i}]"),
                message: crate::msg!(
                    "table-row-cells",
                    table = &raw.title,
                    cells = cells.len(),
                    columns = raw.columns.len()
                ),
            });
            continue;
        }
        let label = match &cells[0] {
            Cell::Text(s) => s.clone(),
            Cell::Figure(d) => d.to_string(),
        };
        let mut figures = Vec::new();
        for (j, c) in cells[1..].iter().enumerate() {
            figures.push(match c {
                Cell::Figure(d) => Some(*d),
                Cell::Text(s) if s.trim().is_empty() || s.trim() == "-" => None,
                Cell::Text(s) => {
                    problems.push(TableProblem {
                        at: format!("rows[{i}][{}]", j + 1),
                        message: crate::msg!("table-not-a-number", table = &raw.title, value = s),
                    });
                    None
                }
            });
        }
        let sub = is_sub_item(&label);
        rows.push(BudgetRow {
            label,
            figures,
            sub,
        });
    }
    let total = raw.total.as_ref().map(|t| match t {
        TotalSpec::One(d) => vec![*d],
        TotalSpec::Many(v) => v.clone(),
    });
    if let Some(total) = &total {
        if total.len() != figure_cols {
            problems.push(TableProblem {
                at: "total".into(),
                message: crate::msg!(
                    "table-total-figures",
                    table = &raw.title,
                    figures = total.len(),
                    columns = figure_cols
                ),
            });
        } else if problems.is_empty() {
            for (j, declared) in total.iter().enumerate() {
                let column: Vec<Decimal> = (rows.iter().filter(|r| !r.sub))
                    .filter_map(|r| r.figures[j])
                    .collect();
                if let Some(sum) = mismatch(*declared, &column) {
                    problems.push(TableProblem {
                        at: "total".into(),
                        message: crate::msg!(
                            "table-total-mismatch",
                            table = &raw.title,
                            column = &raw.columns[j + 1],
                            declared = declared.to_string(),
                            sum = sum.to_string()
                        ),
                    });
                }
            }
        }
    }
    if problems.is_empty() {
        problems.extend(sub_item_problems(&raw.title, &rows, &raw.columns));
    }
    if problems.is_empty() {
        Ok(BudgetTable {
            title: raw.title.clone(),
            columns: raw.columns.clone(),
            rows,
            total,
        })
    } else {
        Err(problems)
    }
}

/// A 其中 row: `其中：公务用车购置费`, or an indented continuation (`　　公务用车运行费`).
pub fn is_sub_item(label: &str) -> bool {
    let l = label.trim_start_matches([' ', '\u{3000}', '\t']);
    l.starts_with("其中") || (l.len() != label.len() && !l.is_empty())
}

/// Each run of sub-items against its parent: their sum may not exceed the parent's figure (a
/// 其中 list may name only some parts), within the rounding allowed.
fn sub_item_problems(title: &str, rows: &[BudgetRow], columns: &[String]) -> Vec<TableProblem> {
    let mut out = Vec::new();
    let mut parent: Option<usize> = None;
    let mut i = 0;
    while i < rows.len() {
        if !rows[i].sub {
            parent = Some(i);
            i += 1;
            continue;
        }
        let start = i;
        while i < rows.len() && rows[i].sub {
            i += 1;
        }
        let Some(p) = parent else {
            out.push(TableProblem {
                at: format!("rows[{start}]"),
                message: crate::msg!(
                    "table-orphan-sub-row",
                    table = title,
                    row = &rows[start].label
                ),
            });
            continue;
        };
        for j in 0..rows[p].figures.len() {
            let parts: Vec<Decimal> = rows[start..i].iter().filter_map(|r| r.figures[j]).collect();
            let (Some(whole), false) = (rows[p].figures[j], parts.is_empty()) else {
                continue;
            };
            let scale = parts
                .iter()
                .map(|d| d.scale)
                .chain([whole.scale])
                .max()
                .unwrap_or(0);
            let sum: i128 = parts.iter().map(|d| d.units_at(scale)).sum();
            let slack: i128 = parts.iter().map(|d| 10i128.pow(scale - d.scale)).sum();
            if 2 * (sum - whole.units_at(scale)) > slack {
                out.push(TableProblem {
                    at: format!("rows[{start}][{}]", j + 1),
                    message: crate::msg!(
                        "table-sub-rows-exceed",
                        table = title,
                        row = &rows[p].label,
                        sum = Decimal { units: sum, scale }.to_string(),
                        column = columns.get(j + 1).map_or("", String::as_str),
                        whole = whole.to_string()
                    ),
                });
            }
        }
    }
    out
}

/// The exact sum of `rows` when `declared` differs from it by more than the rounding allowed.
pub fn mismatch(declared: Decimal, rows: &[Decimal]) -> Option<Decimal> {
    let scale = rows
        .iter()
        .map(|d| d.scale)
        .chain([declared.scale])
        .max()
        .unwrap_or(0);
    let sum: i128 = rows.iter().map(|d| d.units_at(scale)).sum();
    // Twice the tolerance, to stay in integers: each row may be off by half its last place.
    let twice_tolerance: i128 = rows.iter().map(|d| 10i128.pow(scale - d.scale)).sum();
    let diff = (declared.units_at(scale) - sum).abs();
    (2 * diff > twice_tolerance).then_some(Decimal { units: sum, scale })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::parse(s).unwrap()
    }

    #[test]
    fn exact_totals_pass() {
        assert_eq!(mismatch(d("3.30"), &[d("1.10"), d("2.20")]), None);
    }

    #[test]
    fn rounding_within_half_units_passes() {
        // Three rows in 万元 with two decimals: up to 0.015 may be lost to rounding.
        assert_eq!(
            mismatch(d("3.01"), &[d("1.00"), d("1.00"), d("1.00")]),
            None
        );
        assert_eq!(
            mismatch(d("3.02"), &[d("1.00"), d("1.00"), d("1.00")]),
            Some(d("3.00"))
        );
    }

    #[test]
    fn wrong_totals_fail() {
        assert_eq!(mismatch(d("100"), &[d("40"), d("50")]), Some(d("90")));
    }

    fn row(label: &str, v: &str) -> Vec<Cell> {
        vec![Cell::Text(label.into()), Cell::Figure(d(v))]
    }

    /// Issue 20: a 三公 table with 其中 rows got a false total error (the sub-items were summed
    /// with their parent).
    #[test]
    fn sub_items_are_checked_against_their_parent_not_the_total() {
        let raw = |car: &str| RawTable {
            title: "三公经费".into(),
            columns: vec!["项目".into(), "预算数".into()],
            rows: vec![
                row("因公出国（境）费", "10.00"),
                row("公务用车购置及运行费", "50.00"),
                row("其中：公务用车购置费", car),
                row("\u{3000}\u{3000}公务用车运行费", "30.00"),
                row("公务接待费", "5.00"),
            ],
            total: Some(TotalSpec::One(d("65.00"))),
        };
        let t = check_table(&raw("20.00")).unwrap();
        assert_eq!(t.rows.iter().filter(|r| r.sub).count(), 2);
        let problems = check_table(&raw("25.00")).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].at, "rows[2][1]");
        let text = problems[0].message.render(crate::i18n::Lang::En);
        assert!(text.contains("55.00"), "{text}");
    }

    #[test]
    fn a_one_figure_total_keeps_its_written_decimals() {
        // Regression (issue 19 item 14): `total: 435155.00` showed as "435155".
        let text =
            "title: t\ncolumns: [科目, 预算数]\nrows:\n  - [a, 435155.00]\ntotal: 435155.00\n";
        let tree = crate::yaml::parse(text).unwrap();
        let raw = crate::yaml::decode::<RawTable>(&tree).value.unwrap();
        let table = check_table(&raw).unwrap();
        assert_eq!(table.total.unwrap()[0].to_string(), "435155.00");
        // A list total and an integer total are read as before.
        let text = "title: t\ncolumns: [科目, 预算数]\nrows:\n  - [a, 7]\ntotal: [7]\n";
        let raw = crate::yaml::decode::<RawTable>(&crate::yaml::parse(text).unwrap()).value;
        assert_eq!(
            check_table(&raw.unwrap()).unwrap().total.unwrap()[0].to_string(),
            "7"
        );
    }

    #[test]
    fn table_shape_is_checked() {
        let raw = RawTable {
            title: "t".into(),
            columns: vec!["科目".into(), "金额".into()],
            rows: vec![
                vec![Cell::Text("a".into()), Cell::Figure(d("1.5"))],
                vec![Cell::Text("b".into())],
            ],
            total: Some(TotalSpec::One(d("1.5"))),
        };
        let problems = check_table(&raw).unwrap_err();
        assert_eq!(problems[0].at, "rows[1]");
    }
}

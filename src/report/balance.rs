//! The balance checks of the annual report. Each finding is an error located at the figure
//! that breaks the balance (file, line, column, field).

use super::data::{AnnualFile, InForce};
use super::format::{
    APPEAL_BLOCKS, APPLICANTS, OUTCOMES, REQUEST_ROWS, RESULT_ROWS, ROW_CARRIED_IN,
    ROW_CARRIED_OUT, ROW_RECEIVED, ROW_TOTAL,
};
use crate::diag::{Code, Diagnostic};

/// 制发 and 废止 of this year, for 规章 and for 行政规范性文件.
pub type Changes = [(u64, u64); 2];

/// Every check on one file. `in_force` is this year's 现行有效 (as shown), `changes` its
/// 制发 and 废止, and `prev` last year's file with its 现行有效, when that report exists.
pub fn check(
    file: &AnnualFile,
    in_force: InForce,
    changes: Changes,
    prev: Option<(&AnnualFile, InForce)>,
) -> Vec<Diagnostic> {
    let mut diags = row_totals(file);
    diags.extend(results_total(file));
    diags.extend(carry_over(file));
    diags.extend(appeal_totals(file));
    if let Some((prev_file, prev_in_force)) = prev {
        diags.extend(carried_in_matches(file, prev_file));
        diags.extend(in_force_continuity(file, in_force, changes, prev_in_force));
    }
    diags
}

fn field(row: usize, col: usize) -> String {
    format!("requests.{}[{col}]", REQUEST_ROWS[row].key)
}

/// The 总计 column of every row of table 三 equals the sum of the applicant columns.
fn row_totals(file: &AnnualFile) -> Vec<Diagnostic> {
    let rows = file.data.requests.rows();
    let last = APPLICANTS.len() - 1;
    (0..rows.len())
        .filter(|&i| rows[i].total() != rows[i].parts_sum())
        .map(|i| {
            file.error(
                Code::ReportBalance,
                &field(i, last),
                crate::msg!(
                    "report-row-total",
                    row = REQUEST_ROWS[i].label,
                    total = rows[i].total(),
                    sum = rows[i].parts_sum()
                ),
            )
        })
        .collect()
}

/// （七）总计 equals （一）+（二）+ every sub-row of （三）–（六）, column by column.
fn results_total(file: &AnnualFile) -> Vec<Diagnostic> {
    let rows = file.data.requests.rows();
    let mut diags = Vec::new();
    for (c, col) in APPLICANTS.iter().enumerate() {
        let sum: u64 = RESULT_ROWS.map(|i| rows[i].0[c]).sum();
        let declared = rows[ROW_TOTAL].0[c];
        if declared != sum {
            diags.push(file.error(
                Code::ReportBalance,
                &field(ROW_TOTAL, c),
                crate::msg!(
                    "report-results-total",
                    column = col.label,
                    total = declared,
                    sum = sum
                ),
            ));
        }
    }
    diags
}

/// 一 + 二 = 三（七） + 四, for every applicant column (and 总计).
fn carry_over(file: &AnnualFile) -> Vec<Diagnostic> {
    let rows = file.data.requests.rows();
    let mut diags = Vec::new();
    for (c, col) in APPLICANTS.iter().enumerate() {
        let (new, old) = (rows[ROW_RECEIVED].0[c], rows[ROW_CARRIED_IN].0[c]);
        let (done, left) = (rows[ROW_TOTAL].0[c], rows[ROW_CARRIED_OUT].0[c]);
        if new + old != done + left {
            diags.push(file.error(
                Code::ReportBalance,
                &field(ROW_CARRIED_OUT, c),
                crate::msg!(
                    "report-column-balance",
                    column = col.label,
                    new = new,
                    old = old,
                    received = new + old,
                    done = done,
                    left = left,
                    handled = done + left
                ),
            ));
        }
    }
    diags
}

/// Each 总计 of table 四 equals its four parts.
fn appeal_totals(file: &AnnualFile) -> Vec<Diagnostic> {
    let last = OUTCOMES.len() - 1;
    let mut diags = Vec::new();
    for (block, (key, label, _)) in file.data.appeals.blocks().iter().zip(APPEAL_BLOCKS) {
        if block.total() != block.parts_sum() {
            diags.push(file.error(
                Code::ReportBalance,
                &format!("appeals.{key}[{last}]"),
                crate::msg!(
                    "report-appeal-total",
                    block = label,
                    total = block.total(),
                    sum = block.parts_sum()
                ),
            ));
        }
    }
    diags
}

/// 二、上年结转 equals last year's 四、结转下年度继续办理.
fn carried_in_matches(file: &AnnualFile, prev: &AnnualFile) -> Vec<Diagnostic> {
    let now = file.data.requests.carried_in;
    let then = prev.data.requests.carried_out;
    let mut diags = Vec::new();
    for (c, col) in APPLICANTS.iter().enumerate() {
        if now.0[c] != then.0[c] {
            diags.push(file.error(
                Code::ReportBalance,
                &field(ROW_CARRIED_IN, c),
                crate::msg!(
                    "report-carried-over",
                    column = col.label,
                    carried = now.0[c],
                    previous = &prev.path,
                    then = then.0[c]
                ),
            ));
        }
    }
    diags
}

/// 现行有效 this year = last year's 现行有效 + 制发 − 废止, for 规章 and 行政规范性文件.
fn in_force_continuity(
    file: &AnnualFile,
    now: InForce,
    [reg, norm]: Changes,
    prev: InForce,
) -> Vec<Diagnostic> {
    let declared = file.data.proactive.in_force.is_some();
    let rows = [
        (
            "regulations",
            "规章",
            now.regulations,
            prev.regulations,
            reg,
        ),
        (
            "normative",
            "行政规范性文件",
            now.normative,
            prev.normative,
            norm,
        ),
    ];
    let mut diags = Vec::new();
    for (key, label, now, prev, (issued, abolished)) in rows {
        let expected = prev as i64 + issued as i64 - abolished as i64;
        if now as i64 != expected {
            let (at, how) = if declared {
                (format!("proactive.in_force.{key}"), "written")
            } else {
                ("proactive".to_string(), "counted")
            };
            diags.push(file.error(
                Code::ReportBalance,
                &at,
                crate::msg!(
                    "report-in-force",
                    class = label,
                    how = how,
                    now = now,
                    prev = prev,
                    issued = issued,
                    abolished = abolished,
                    expected = expected
                ),
            ));
        }
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::data::parse;

    const FULL: &str = include_str!("../../tests/fixtures/report/site/data/annual/2025.yaml");
    const PREV: &str = include_str!("../../tests/fixtures/report/site/data/annual/2024.yaml");
    const IN_FORCE: InForce = InForce {
        regulations: 2,
        normative: 5,
    };

    fn findings(text: &str) -> Vec<(u32, String)> {
        let file = parse("d.yaml", 2025, text).unwrap();
        let prev = parse("p.yaml", 2024, PREV).unwrap();
        let before = InForce {
            regulations: 1,
            normative: 4,
        };
        check(&file, IN_FORCE, [(1, 0), (3, 2)], Some((&prev, before)))
            .into_iter()
            .map(|d| (d.line, d.field.unwrap()))
            .collect()
    }

    #[test]
    fn the_fixture_balances() {
        assert_eq!(findings(FULL), vec![]);
    }

    #[test]
    fn a_wrong_row_total_is_located() {
        let text = FULL.replace("[4, 1, 0, 0, 1, 0, 6]", "[4, 1, 0, 0, 1, 0, 7]");
        let f = findings(&text);
        assert_eq!(f[0].1, "requests.unable.not_held[6]");
        assert_eq!(f[1].1, "requests.total[6]");
    }

    #[test]
    fn carried_in_must_match_last_year() {
        let text = FULL.replace("carried_in:     [2,", "carried_in:     [1,");
        let f: Vec<String> = findings(&text).into_iter().map(|x| x.1).collect();
        assert!(f.contains(&"requests.carried_in[0]".to_string()), "{f:?}");
    }

    #[test]
    fn in_force_must_continue() {
        let file = parse("d.yaml", 2025, FULL).unwrap();
        let before = InForce {
            regulations: 1,
            normative: 3,
        };
        let d = in_force_continuity(&file, IN_FORCE, [(1, 0), (3, 2)], before);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].field.as_deref(), Some("proactive"));
        assert!(
            d[0].message.to_string().contains("3 + 制发 3 − 废止 2 = 4"),
            "{}",
            d[0].message
        );
    }
}

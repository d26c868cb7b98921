//! The report as data: JSON (structured, one object) and CSV (one figure a line:
//! `table,row_key,row,column_key,column,value`, UTF-8 with a BOM so spreadsheet programs on
//! Chinese systems read it as UTF-8).

use serde::Serialize;

use super::AnnualReport;
use super::format::{self as f, APPEAL_BLOCKS, APPLICANTS, OUTCOMES, REQUEST_ROWS};
use super::table2::DocCounts;
use crate::config::Site;
use crate::exports::csv::Cell;

#[derive(Debug, Serialize)]
pub struct ColumnView {
    pub key: &'static str,
    pub label: &'static str,
}

#[derive(Debug, Serialize)]
pub struct RowView {
    pub key: &'static str,
    pub section: Option<&'static str>,
    pub group: Option<&'static str>,
    pub label: &'static str,
    pub values: Vec<u64>,
}

#[derive(Debug, Serialize)]
pub struct ProactiveView {
    pub regulations: DocCounts,
    pub normative: DocCounts,
    pub licensing: u64,
    pub penalty: u64,
    pub coercion: u64,
    /// 万元, as written.
    pub fees: String,
}

#[derive(Debug, Serialize)]
pub struct TableView {
    pub columns: Vec<ColumnView>,
    pub rows: Vec<RowView>,
}

#[derive(Debug, Serialize)]
pub struct ChannelView {
    pub channel: String,
    pub items: u64,
}

/// The JSON document of one report.
#[derive(Debug, Serialize)]
pub struct ReportJson<'a> {
    pub format: &'static str,
    pub year: i32,
    pub org: &'a str,
    pub title: String,
    pub date: Option<String>,
    pub sections: [&'static str; 6],
    pub overview: &'a str,
    pub proactive: ProactiveView,
    pub requests: TableView,
    pub appeals: TableView,
    pub problems: &'a str,
    pub other_matters: &'a str,
    pub published_items: u64,
    pub channels: Vec<ChannelView>,
}

/// The report's title: the data file's, or 「<org>YYYY年政府信息公开工作年度报告」.
pub fn title(site: &Site, r: &AnnualReport) -> String {
    r.file.data.title.clone().unwrap_or_else(|| {
        format!(
            "{}{}年政府信息公开工作年度报告",
            site.config.org.name,
            r.year()
        )
    })
}

fn columns(cols: &'static [f::Column]) -> Vec<ColumnView> {
    cols.iter()
        .map(|c| ColumnView {
            key: c.key,
            label: c.label,
        })
        .collect()
}

pub fn json_view<'a>(site: &'a Site, r: &'a AnnualReport) -> ReportJson<'a> {
    let d = &r.file.data;
    let rows = d.requests.rows();
    ReportJson {
        format: "国办公开办函〔2021〕30号",
        year: r.year(),
        org: &site.config.org.name,
        title: title(site, r),
        date: d.date.map(|x| x.to_string()),
        sections: f::SECTIONS,
        overview: &d.overview,
        proactive: ProactiveView {
            regulations: r.documents.regulations,
            normative: r.documents.normative,
            licensing: d.proactive.licensing,
            penalty: d.proactive.penalty,
            coercion: d.proactive.coercion,
            fees: d.proactive.fees.to_string(),
        },
        requests: TableView {
            columns: columns(&APPLICANTS),
            rows: REQUEST_ROWS
                .iter()
                .zip(rows)
                .map(|(def, v)| RowView {
                    key: def.key,
                    section: def.section,
                    group: def.group,
                    label: def.label,
                    values: v.0.to_vec(),
                })
                .collect(),
        },
        appeals: TableView {
            columns: columns(&OUTCOMES),
            rows: APPEAL_BLOCKS
                .iter()
                .zip(d.appeals.blocks())
                .map(|((key, label, above), v)| RowView {
                    key,
                    section: *above,
                    group: None,
                    label,
                    values: v.0.to_vec(),
                })
                .collect(),
        },
        problems: &d.problems,
        other_matters: &d.other_matters,
        published_items: r.channels.total,
        channels: r
            .channels
            .by_channel
            .iter()
            .map(|(c, n)| ChannelView {
                channel: c.clone(),
                items: *n,
            })
            .collect(),
    }
}

pub fn json(site: &Site, r: &AnnualReport) -> String {
    let mut s = serde_json::to_string_pretty(&json_view(site, r)).expect("plain data serializes");
    s.push('\n');
    s
}

/// The CSV: a header line, then one line per figure, in the printed order of the tables.
pub fn csv(r: &AnnualReport) -> String {
    let mut lines: Vec<[String; 6]> = Vec::new();
    let mut push = |table: &str, rk: &str, row: &str, ck: &str, col: &str, v: String| {
        lines.push([table, rk, row, ck, col, &v].map(str::to_string));
    };
    let d = &r.file.data;
    for (key, label, c) in [
        ("regulations", f::REGULATIONS, &r.documents.regulations),
        ("normative", f::NORMATIVE, &r.documents.normative),
    ] {
        push("二", key, label, "issued", f::ISSUED, c.issued.to_string());
        push(
            "二",
            key,
            label,
            "abolished",
            f::ABOLISHED,
            c.abolished.to_string(),
        );
        push(
            "二",
            key,
            label,
            "in_force",
            f::IN_FORCE,
            c.in_force.to_string(),
        );
    }
    let p = &d.proactive;
    for (key, label, v) in [
        ("licensing", f::LICENSING, p.licensing),
        ("penalty", f::PENALTY, p.penalty),
        ("coercion", f::COERCION, p.coercion),
    ] {
        push("二", key, label, "decisions", f::DECISIONS, v.to_string());
    }
    push(
        "二",
        "fees",
        f::FEES,
        "amount",
        f::FEE_AMOUNT,
        p.fees.to_string(),
    );
    for (def, row) in REQUEST_ROWS.iter().zip(d.requests.rows()) {
        let label = [def.group, Some(def.label)]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        for (col, v) in APPLICANTS.iter().zip(row.0) {
            push("三", def.key, &label, col.key, col.label, v.to_string());
        }
    }
    for ((key, label, above), row) in APPEAL_BLOCKS.iter().zip(d.appeals.blocks()) {
        let label = [*above, Some(*label)]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        for (col, v) in OUTCOMES.iter().zip(row.0) {
            push("四", key, &label, col.key, col.label, v.to_string());
        }
    }
    for (c, n) in &r.channels.by_channel {
        push("渠道", c, c, "items", "公开条数", n.to_string());
    }
    let mut out = String::from("\u{feff}");
    crate::exports::csv::row(
        &mut out,
        &["table", "row_key", "row", "column_key", "column", "value"],
    );
    for [table, rk, row, ck, col, v] in &lines {
        let text = [table, rk, row, ck, col].map(|s| Cell::Text(s));
        let mut cells = text.to_vec();
        cells.push(Cell::Number(v));
        crate::exports::csv::typed_row(&mut out, &cells);
    }
    out
}

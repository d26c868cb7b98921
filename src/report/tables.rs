//! The report's tables as typed views: rows of cells with their merges, laid out exactly as the
//! national format prints them. Templates only loop over these; they know nothing of the format.

use serde::Serialize;

use super::AnnualReport;
use super::format::{self as f, APPEAL_BLOCKS, APPLICANTS, OUTCOMES, REQUEST_ROWS};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    /// A header cell (`th`); `scope` is set for headers.
    pub header: bool,
    pub scope: Option<&'static str>,
    pub rowspan: usize,
    pub colspan: usize,
    /// A figure (right-aligned).
    pub figure: bool,
}

impl Cell {
    fn head(text: &str, scope: &'static str, rowspan: usize, colspan: usize) -> Cell {
        Cell {
            text: text.to_string(),
            header: true,
            scope: Some(scope),
            rowspan,
            colspan,
            figure: false,
        }
    }

    fn figure(n: impl ToString, colspan: usize) -> Cell {
        Cell {
            text: n.to_string(),
            header: false,
            scope: None,
            rowspan: 1,
            colspan,
            figure: true,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Table {
    /// Used for the table's id and CSS class.
    pub id: &'static str,
    pub caption: Option<String>,
    pub head: Vec<Vec<Cell>>,
    pub body: Vec<Vec<Cell>>,
}

/// Table 二: the four blocks of 第二十条 in one table of four columns.
pub fn proactive(r: &AnnualReport) -> Table {
    let p = &r.file.data.proactive;
    let d = &r.documents;
    let block = |art: &str| vec![Cell::head(art, "colgroup", 1, 4)];
    let decisions = |what: &str| {
        vec![
            Cell::head(f::CONTENT, "col", 1, 1),
            Cell::head(what, "col", 1, 3),
        ]
    };
    let docs = |label: &str, c: &super::table2::DocCounts| {
        vec![
            Cell::head(label, "row", 1, 1),
            Cell::figure(c.issued, 1),
            Cell::figure(c.abolished, 1),
            Cell::figure(c.in_force, 1),
        ]
    };
    let one = |label: &str, v: String| vec![Cell::head(label, "row", 1, 1), Cell::figure(v, 3)];
    let body = vec![
        block(f::ART_20_1),
        vec![
            Cell::head(f::CONTENT, "col", 1, 1),
            Cell::head(f::ISSUED, "col", 1, 1),
            Cell::head(f::ABOLISHED, "col", 1, 1),
            Cell::head(f::IN_FORCE, "col", 1, 1),
        ],
        docs(f::REGULATIONS, &d.regulations),
        docs(f::NORMATIVE, &d.normative),
        block(f::ART_20_5),
        decisions(f::DECISIONS),
        one(f::LICENSING, p.licensing.to_string()),
        block(f::ART_20_6),
        decisions(f::DECISIONS),
        one(f::PENALTY, p.penalty.to_string()),
        one(f::COERCION, p.coercion.to_string()),
        block(f::ART_20_8),
        decisions(f::FEE_AMOUNT),
        one(f::FEES, p.fees.to_string()),
    ];
    Table {
        id: "table-proactive",
        caption: None,
        head: Vec::new(),
        body,
    }
}

/// How many rows from `i` on share the same value of `key`.
fn run_length(i: usize, key: impl Fn(usize) -> Option<&'static str>) -> usize {
    (i..REQUEST_ROWS.len())
        .take_while(|&j| key(j) == key(i))
        .count()
}

/// Table 三: 25 rows under a three-row header, with the merged cells of the format.
pub fn requests(r: &AnnualReport) -> Table {
    let head = vec![
        vec![
            Cell::head(f::BALANCE_NOTE, "col", 3, 3),
            Cell::head(f::APPLICANTS_HEAD, "colgroup", 1, 7),
        ],
        vec![
            Cell::head(APPLICANTS[0].label, "col", 2, 1),
            Cell::head(f::LEGAL_PERSONS, "colgroup", 1, 5),
            Cell::head(APPLICANTS[6].label, "col", 2, 1),
        ],
        APPLICANTS[1..6]
            .iter()
            .map(|c| Cell::head(c.label, "col", 1, 1))
            .collect(),
    ];
    let rows = r.file.data.requests.rows();
    let mut body = Vec::new();
    for (i, def) in REQUEST_ROWS.iter().enumerate() {
        let mut cells = Vec::new();
        let section = |j: usize| REQUEST_ROWS[j].section;
        let group = |j: usize| REQUEST_ROWS[j].group;
        if let Some(s) = def.section
            && (i == 0 || section(i - 1) != def.section)
        {
            cells.push(Cell::head(s, "rowgroup", run_length(i, section), 1));
        }
        if let Some(g) = def.group
            && (i == 0 || group(i - 1) != def.group)
        {
            cells.push(Cell::head(g, "rowgroup", run_length(i, group), 1));
        }
        let span = 1 + usize::from(def.section.is_none()) + usize::from(def.group.is_none());
        cells.push(Cell::head(def.label, "row", 1, span));
        cells.extend(rows[i].0.iter().map(|n| Cell::figure(n, 1)));
        body.push(cells);
    }
    Table {
        id: "table-requests",
        caption: None,
        head,
        body,
    }
}

/// Table 四: 行政复议 and the two kinds of 行政诉讼, five figures each, in one row.
pub fn appeals(r: &AnnualReport) -> Table {
    let n = OUTCOMES.len();
    let outcome_heads = |rowspan| {
        OUTCOMES
            .iter()
            .map(move |o| Cell::head(o.label, "col", rowspan, 1))
            .collect::<Vec<_>>()
    };
    let litigation = APPEAL_BLOCKS[1].2.unwrap_or_default();
    let mut second = outcome_heads(2);
    second.extend(
        APPEAL_BLOCKS[1..]
            .iter()
            .map(|(_, label, _)| Cell::head(label, "colgroup", 1, n)),
    );
    let mut third = outcome_heads(1);
    third.extend(outcome_heads(1));
    let head = vec![
        vec![
            Cell::head(APPEAL_BLOCKS[0].1, "colgroup", 1, n),
            Cell::head(litigation, "colgroup", 1, 2 * n),
        ],
        second,
        third,
    ];
    let body = vec![
        r.file
            .data
            .appeals
            .blocks()
            .iter()
            .flat_map(|b| b.0.iter().map(|v| Cell::figure(v, 1)))
            .collect(),
    ];
    Table {
        id: "table-appeals",
        caption: None,
        head,
        body,
    }
}

/// The channel statistics: items published in the year per channel. `label` looks up the
/// theme's labels for the caption and headers.
pub fn channels(r: &AnnualReport, label: &dyn Fn(&str) -> String) -> Table {
    let mut body: Vec<Vec<Cell>> = r
        .channels
        .by_channel
        .iter()
        .map(|(c, n)| vec![Cell::head(c, "row", 1, 1), Cell::figure(n, 1)])
        .collect();
    body.push(vec![
        Cell::head(&label("report_items_total"), "row", 1, 1),
        Cell::figure(r.channels.total, 1),
    ]);
    Table {
        id: "table-channels",
        caption: Some(label("report_channels_caption")),
        head: vec![vec![
            Cell::head(&label("report_channel"), "col", 1, 1),
            Cell::head(&label("report_items"), "col", 1, 1),
        ]],
        body,
    }
}

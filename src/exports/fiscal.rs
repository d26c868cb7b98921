//! Budget tables (预算/决算/三公经费) as CSV, one file per table, described by a Fiscal Data
//! Package `data/budget/datapackage.json`: a tabular data package (`profile:
//! tabular-data-package`, as the published schema requires) plus a `model` whose measures are
//! the figure columns and whose dimension is the row label.

use anyhow::Result;
use serde_json::{Map, Value, json};

use crate::catalog::Catalog;
use crate::config::Site;
use crate::incremental::Output;
use crate::record::kinds::Budget;
use crate::record::{Details, Record};
use crate::values::{BudgetPhase, MoneyUnit};

use super::csv::Cell;

/// The FDP measure `phase` for a 预算 phase.
pub fn phase(p: BudgetPhase) -> &'static str {
    match p {
        BudgetPhase::Budget => "approved",
        BudgetPhase::Adjusted => "adjusted",
        BudgetPhase::Final => "executed",
    }
}

/// A resource name (`^[-a-z0-9._/]+$`) for table `t` (1-based) of a record.
pub fn resource_name(r: &Record, t: usize) -> String {
    format!("{}-t{t}", r.index_no.slug().to_lowercase())
}

/// Column names made unique within a table (`数额`, `数额-2`).
fn unique(columns: &[String]) -> Vec<String> {
    let mut seen = std::collections::BTreeMap::<&str, usize>::new();
    columns
        .iter()
        .map(|c| {
            let n = seen.entry(c.as_str()).or_default();
            *n += 1;
            if *n == 1 {
                c.clone()
            } else {
                format!("{c}-{n}")
            }
        })
        .collect()
}

/// Writes the CSVs and the descriptor into `dir`; returns the number of files written.
pub fn write(site: &Site, cat: &Catalog, out: &Output) -> Result<usize> {
    let mut resources = Vec::new();
    let mut measures = Map::new();
    let mut dimensions = Map::new();
    // Budgets published as documents only: the attachment is the authoritative form.
    let mut sources = Vec::new();
    for r in &cat.records {
        let Details::Budget(b) = &*r.details else {
            continue;
        };
        if b.tables.is_empty() {
            let dir = crate::record::files_dir(&r.index_no);
            sources.extend(r.attachments.iter().map(|a| {
                json!({
                    "title": format!("{}：{}（正式文本，无数据表，详见附件）", r.title, a.title),
                    "path": format!("{}{dir}/{}", site.config.base_url, a.file_name),
                })
            }));
        }
        for (k, table) in b.tables.iter().enumerate() {
            let name = resource_name(r, k + 1);
            let columns = unique(&table.columns);
            let mut text = String::new();
            super::csv::row(&mut text, &columns);
            for row in &table.rows {
                let figures: Vec<String> = (row.figures.iter())
                    .map(|f| f.map(|d| d.to_string()).unwrap_or_default())
                    .collect();
                let mut cells = vec![Cell::Text(&row.label)];
                cells.extend(figures.iter().map(|f| Cell::Number(f)));
                super::csv::typed_row(&mut text, &cells);
            }
            out.bytes(&format!("data/budget/{name}.csv"), text.as_bytes())?;
            resources.push(resource(site, r, b, &name, &table.title, &columns));
            let key = name.replace(['-', '.'], "_");
            for (j, col) in columns.iter().enumerate().skip(1) {
                measures.insert(
                    format!("{key}_m{j}"),
                    json!({"source": col, "resource": name, "currency": "CNY",
                           "factor": factor(b.unit), "phase": phase(b.phase)}),
                );
            }
            dimensions.insert(
                format!("{key}_item"),
                json!({"attributes": {"label": {"source": columns[0], "resource": name}},
                       "primaryKey": "label", "dimensionType": "classification"}),
            );
        }
    }
    let package = json!({
        "profile": "tabular-data-package",
        "name": "budget",
        "title": format!("{} 财政预决算", site.config.org.name),
        "homepage": site.config.base_url,
        "resources": resources,
        "model": {"measures": measures, "dimensions": dimensions},
    });
    let mut package = package;
    if !sources.is_empty() {
        package["sources"] = json!(sources);
    }
    super::write_json(out, "data/budget/datapackage.json", &package)?;
    Ok(resources.len() + 1)
}

fn factor(unit: MoneyUnit) -> u32 {
    match unit {
        MoneyUnit::Yuan => 1,
        MoneyUnit::TenThousandYuan => 10_000,
    }
}

fn resource(
    site: &Site,
    r: &Record,
    b: &Budget,
    name: &str,
    title: &str,
    columns: &[String],
) -> Value {
    let fields: Vec<Value> = columns
        .iter()
        .enumerate()
        .map(|(j, c)| {
            if j == 0 {
                json!({"name": c, "type": "string"})
            } else {
                json!({"name": c, "type": "number", "description": format!("{}", b.unit)})
            }
        })
        .collect();
    json!({
        "name": name,
        "path": format!("{name}.csv"),
        "profile": "tabular-data-resource",
        "title": format!("{}：{title}", r.title),
        "description": format!("{} {}年{}，单位：{}。来源：{}{}", r.index_no, b.fiscal_year, b.phase, b.unit, site.config.base_url, r.url()),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {"fields": fields},
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn duplicate_columns_get_suffixes() {
        let cols = vec!["科目".to_string(), "数额".into(), "数额".into()];
        assert_eq!(super::unique(&cols), ["科目", "数额", "数额-2"]);
    }
}

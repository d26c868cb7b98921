//! The records of the site by catalog node, each with its desk state and, when withheld, the
//! gate's reasons — from the one loader every command uses ([`crate::build::load`]).

use std::collections::BTreeMap;

use super::pages::{Nav, esc, page, q};
use super::text::{State, reason};
use crate::build::{self, Model, Options};
use crate::diag::Diagnostic;
use crate::values::Status;

/// One record as the desk lists it.
#[derive(Debug, Clone)]
pub struct Row {
    pub path: String,
    pub title: String,
    pub index_no: String,
    pub state: State,
    pub reasons: Vec<String>,
}

/// Rows by node position (`usize::MAX` for files outside every node).
pub fn rows(model: &Model, root: &std::path::Path, en: bool) -> BTreeMap<usize, Vec<Row>> {
    let lang = if en {
        crate::i18n::Lang::En
    } else {
        crate::i18n::Lang::Zh
    };
    let mut out: BTreeMap<usize, Vec<Row>> = BTreeMap::new();
    let mut seen = std::collections::BTreeSet::new();
    for r in &model.catalog.records {
        seen.insert(r.source.path.clone());
        out.entry(r.node).or_default().push(Row {
            path: r.source.path.clone(),
            title: r.title.clone(),
            index_no: r.index_no.to_string(),
            state: State::Published,
            reasons: Vec::new(),
        });
    }
    for w in &model.catalog.withheld {
        let r = &w.record;
        seen.insert(r.source.path.clone());
        let state = match r.status {
            Status::Draft => State::Draft,
            Status::Review => State::Review,
            Status::Withdrawn => State::Withdrawn,
            Status::Approved
                if w.reasons
                    .iter()
                    .all(|x| matches!(x, crate::catalog::WithheldReason::NotYetPublished)) =>
            {
                State::Approved
            }
            Status::Approved => State::Held,
        };
        out.entry(r.node).or_default().push(Row {
            path: r.source.path.clone(),
            title: r.title.clone(),
            index_no: r.index_no.to_string(),
            state,
            reasons: w.reasons.iter().map(|x| reason(x, en)).collect(),
        });
    }
    // Files that did not load: their errors are the reasons.
    let mut errors: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
    for d in model.diagnostics.iter().filter(|d| d.is_error()) {
        errors.entry(d.path.as_str()).or_default().push(d);
    }
    for rel in crate::record::load::record_paths(root) {
        let path = rel.to_string_lossy().replace('\\', "/");
        if seen.contains(&path) {
            continue;
        }
        let folder = path
            .strip_prefix("content/")
            .and_then(|p| p.rsplit_once('/'))
            .map_or("", |(d, _)| d);
        let node = model.site.catalog.find(folder).unwrap_or(usize::MAX);
        let title = std::fs::read_to_string(root.join(&rel))
            .ok()
            .and_then(|t| {
                t.lines().find_map(|l| {
                    l.strip_prefix("title:")
                        .map(|v| v.trim().trim_matches('"').to_string())
                })
            })
            .unwrap_or_default();
        out.entry(node).or_default().push(Row {
            path: path.clone(),
            title,
            index_no: String::new(),
            state: State::Broken,
            reasons: errors
                .get(path.as_str())
                .map(|ds| {
                    ds.iter()
                        .map(|d| format!("{}:{} {}", d.line, d.col, d.message.render(lang)))
                        .collect()
                })
                .unwrap_or_default(),
        });
    }
    for rows in out.values_mut() {
        rows.sort_by(|a, b| b.index_no.cmp(&a.index_no).then(a.path.cmp(&b.path)));
    }
    out
}

/// The list page, filtered by state and text.
pub fn list_page(opts: &Options, nav: &Nav, state: Option<&str>, text: Option<&str>) -> String {
    let w = nav.w;
    let en = w.lang == "en";
    let model = match build::load(opts) {
        Ok(m) => m,
        Err(diags) => {
            let items: String = diags
                .iter()
                .map(|d| format!("<li>{}</li>", esc(&d.to_string())))
                .collect();
            return page(
                nav,
                w.records,
                &format!("<div class=\"error-summary\" role=\"alert\"><ul>{items}</ul></div>"),
            );
        }
    };
    let by_node = rows(&model, &opts.root, en);
    let text = text.map(str::trim).filter(|t| !t.is_empty());
    let state = state.filter(|s| !s.is_empty());
    let mut counts: BTreeMap<State, usize> = BTreeMap::new();
    for r in by_node.values().flatten() {
        *counts.entry(r.state).or_default() += 1;
    }
    let mut html = String::new();
    // Filters: a plain GET form.
    html.push_str(&format!(
        "<form class=\"filters\" method=\"get\" action=\"/\" role=\"search\"><label for=\"state\">{}</label><select id=\"state\" name=\"state\"><option value=\"\">{}</option>",
        w.state, w.all_states
    ));
    for s in State::ALL {
        let sel = if state == Some(s.id()) {
            " selected"
        } else {
            ""
        };
        html.push_str(&format!(
            "<option value=\"{}\"{sel}>{} ({})</option>",
            s.id(),
            s.label(en),
            counts.get(&s).copied().unwrap_or(0)
        ));
    }
    html.push_str(&format!(
        "</select><label for=\"q\">{}</label><input id=\"q\" name=\"q\" type=\"search\" value=\"{}\"><button type=\"submit\">{}</button></form>",
        w.filter_text,
        esc(text.unwrap_or("")),
        w.filter
    ));
    let nodes = &model.site.catalog.nodes;
    let node_ids: Vec<usize> = (0..nodes.len())
        .chain(by_node.contains_key(&usize::MAX).then_some(usize::MAX))
        .collect();
    for n in node_ids {
        let rows: Vec<&Row> = by_node
            .get(&n)
            .into_iter()
            .flatten()
            .filter(|r| state.is_none_or(|s| r.state.id() == s))
            .filter(|r| text.is_none_or(|t| r.title.contains(t) || r.index_no.contains(t)))
            .collect();
        if (state.is_some() || text.is_some()) && rows.is_empty() {
            continue;
        }
        let (name, path, depth) = match nodes.get(n) {
            Some(node) => (node.name.as_str(), node.path.as_str(), node.depth),
            None => ("—", "", 0),
        };
        let level = (depth + 2).min(6);
        html.push_str(&format!(
            "<section class=\"node depth-{depth}\" aria-labelledby=\"n{n}\"><h{level} id=\"n{n}\">{} <small>{}</small></h{level}>",
            esc(name),
            esc(path)
        ));
        if n != usize::MAX {
            html.push_str(&format!(
                "<p class=\"new\"><a href=\"/new?node={}\">{}（{}）</a></p>",
                q(path),
                w.new_record,
                esc(name)
            ));
        }
        if rows.is_empty() {
            html.push_str(&format!(
                "<p class=\"empty\">{}</p></section>",
                w.no_records
            ));
            continue;
        }
        html.push_str(&format!(
            "<table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
            w.title, w.index_no, w.state, w.reasons
        ));
        for r in rows {
            let reasons = if r.reasons.is_empty() {
                String::new()
            } else {
                format!(
                    "<ul>{}</ul>",
                    r.reasons
                        .iter()
                        .map(|x| format!("<li>{}</li>", esc(x)))
                        .collect::<String>()
                )
            };
            html.push_str(&format!(
                "<tr><td><a href=\"/record?path={}\">{}</a></td><td>{}</td><td><span class=\"state state-{}\">{}</span></td><td>{reasons}</td></tr>",
                q(&r.path),
                esc(if r.title.is_empty() { &r.path } else { &r.title }),
                esc(&r.index_no),
                r.state.id(),
                r.state.label(en),
            ));
        }
        html.push_str("</tbody></table></section>");
    }
    page(nav, w.records, &html)
}

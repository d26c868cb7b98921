//! `gongkai new`: a draft record with the next free 索引号 of the current year.

use std::path::PathBuf;

use crate::build::Options;
use crate::diag::{Code, Diagnostic, Pos};
use crate::record::load::record_paths;

pub enum NewError {
    Content(Vec<Diagnostic>),
    Io(anyhow::Error),
}

impl From<anyhow::Error> for NewError {
    fn from(e: anyhow::Error) -> Self {
        NewError::Io(e)
    }
}

/// Writes `content/<node>/<index-serial>.md` and returns its path.
pub fn create(opts: &Options, node: &str, title: &str) -> Result<PathBuf, NewError> {
    let site = crate::config::load(&opts.root).map_err(NewError::Content)?;
    let node = node.trim_matches('/').trim_start_matches("content/");
    let Some(n) = site.catalog.find(node) else {
        let hint =
            crate::diag::did_you_mean(node, site.catalog.nodes.iter().map(|n| n.path.as_str()))
                .map(|s| format!("; did you mean {s}?"))
                .unwrap_or_default();
        return Err(NewError::Content(vec![Diagnostic::error(
            Code::UnknownCatalogNode,
            "site.yaml",
            Pos::new(0, 0),
            format!("no catalog node \"{node}\"{hint}"),
        )]));
    };
    let today = opts.now.date();
    let year = today.year();
    let month = chrono::Datelike::month(&today.0);
    // The highest serial of this year (and month, for {YYYYMM} schemes) in any record file,
    // published or not, found by reading each file's index_no line.
    let mut max = 0;
    for rel in record_paths(&opts.root) {
        let Ok(text) = std::fs::read_to_string(opts.root.join(&rel)) else {
            continue;
        };
        for line in text.lines() {
            if let Some(v) = line.trim().strip_prefix("index_no:") {
                let v = v.trim().trim_matches(|c| c == '"' || c == '\'');
                if let Some(p) = site.index_format.matches(v)
                    && p.year == year
                    && (!site.index_format.has_month() || p.month == Some(month))
                {
                    max = max.max(p.serial);
                }
            }
        }
    }
    let index_no = site.index_format.format(year, month, max + 1);
    let slug = crate::index_no::IndexNo::new(index_no.clone()).slug();
    let path = opts
        .root
        .join("content")
        .join(&site.catalog.nodes[n].path)
        .join(format!("{slug}.md"));
    let publisher = site
        .config
        .publishers
        .first()
        .map(|p| p.id.clone())
        .unwrap_or_default();
    let text = format!(
        "---\nindex_no: \"{index_no}\"\ntitle: {}\ncreated: {today}\npublisher: {publisher}\nstatus: draft\nsummary: \n---\n\n（正文）\n",
        yaml_quote(title)
    );
    if path.exists() {
        return Err(NewError::Io(anyhow::anyhow!(
            "{} already exists",
            path.display()
        )));
    }
    crate::fsutil::write(&path, text.as_bytes())?;
    Ok(path)
}

fn yaml_quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

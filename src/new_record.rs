//! `gongkai new`: a draft record with the next free 索引号 of the current year.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::Datelike;

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

/// What `gongkai new` is asked for.
pub struct NewArgs<'a> {
    pub node: &'a str,
    pub title: &'a str,
    /// The publisher's id; the first publisher of `site.yaml` by default.
    pub publisher: Option<&'a str>,
    /// `index_codes` for `{field:NAME}` parts of the scheme, as `NAME=VALUE`.
    pub codes: &'a [String],
}

/// Writes `content/<node>/<index-serial>.md` and returns its path.
pub fn create(opts: &Options, args: &NewArgs) -> Result<PathBuf, NewError> {
    let site = crate::config::load(&opts.root).map_err(NewError::Content)?;
    let node = args.node.trim_matches('/').trim_start_matches("content/");
    let Some(n) = site.catalog.find(node) else {
        let hint =
            crate::diag::did_you_mean(node, site.catalog.nodes.iter().map(|n| n.path.as_str()))
                .map(|s| format!("; did you mean {s}?"))
                .unwrap_or_default();
        return Err(content_error(
            Code::UnknownCatalogNode,
            format!("no catalog node \"{node}\"{hint}"),
        ));
    };
    let publisher = match args.publisher {
        Some(p) if site.publisher(p).is_some() => p.to_string(),
        Some(p) => {
            return Err(content_error(
                Code::UnknownPublisher,
                format!("未知的发布机构 \"{p}\" (unknown publisher: not in site.yaml publishers)"),
            ));
        }
        None => (site.config.publishers.first())
            .map(|p| p.id.clone())
            .unwrap_or_default(),
    };
    let codes = parse_codes(args.codes)?;
    let scheme = site.index_scheme(&publisher);
    if let Some(missing) = scheme.field_names().find(|f| !codes.contains_key(*f)) {
        return Err(content_error(
            Code::IndexNoFormat,
            format!(
                "编号规则 {} 含 {{field:{missing}}}，请用 --code {missing}=… 给出本记录的代码",
                scheme.as_str()
            ),
        ));
    }
    let index_no = next_index_no(opts, &site, n, &publisher, &codes)?;
    let today = opts.now.date();
    let slug = crate::index_no::IndexNo::new(index_no.clone()).slug();
    let path = opts
        .root
        .join("content")
        .join(&site.catalog.nodes[n].path)
        .join(format!("{slug}.md"));
    let codes_line = if codes.is_empty() {
        String::new()
    } else {
        let pairs: Vec<String> = (codes.iter())
            .map(|(k, v)| format!("{k}: {}", yaml_quote(v)))
            .collect();
        format!("index_codes: {{{}}}\n", pairs.join(", "))
    };
    let text = format!(
        "---\nindex_no: \"{index_no}\"\n{codes_line}title: {}\ncreated: {today}\npublisher: {publisher}\nstatus: draft\nsummary: \n---\n\n（正文）\n",
        yaml_quote(args.title)
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

/// The next free 索引号 of `publisher`'s scheme in catalog node `n` (by position), today.
pub fn next_index_no(
    opts: &Options,
    site: &crate::config::Site,
    n: usize,
    publisher: &str,
    codes: &BTreeMap<String, String>,
) -> Result<String, NewError> {
    let scheme = site.index_scheme(publisher);
    let today = opts.now.date();
    let date = (today.year(), today.0.month(), today.0.day());
    let max = highest_serial(opts, site, publisher, n, codes, date);
    if max >= scheme.max_serial() {
        return Err(content_error(
            Code::IndexNoFormat,
            format!(
                "编号规则 {} 的流水号已用尽 (serial {max} is the largest the scheme can write)",
                scheme.as_str()
            ),
        ));
    }
    Ok(scheme.format(
        date,
        max + 1,
        &site.record_values(publisher, Some(n), codes),
    ))
}

fn content_error(code: Code, message: String) -> NewError {
    NewError::Content(vec![Diagnostic::error(
        code,
        "site.yaml",
        Pos::new(0, 0),
        message,
    )])
}

fn parse_codes(codes: &[String]) -> Result<BTreeMap<String, String>, NewError> {
    let mut out = BTreeMap::new();
    for c in codes {
        let Some((k, v)) = c
            .split_once('=')
            .filter(|(k, v)| !k.is_empty() && !v.is_empty())
        else {
            return Err(content_error(
                Code::InvalidValue,
                format!("--code \"{c}\" 应写作 NAME=VALUE"),
            ));
        };
        out.insert(k.trim().to_string(), v.trim().to_string());
    }
    Ok(out)
}

/// The highest serial already used in the new number's series, in any record file, published
/// or not, found by reading each file's index_no line. A series is the scheme with this
/// record's codes, within one year ({YYYY}, {YYYYMMDD}: a running number over the year) or one
/// month ({YYYYMM}).
fn highest_serial(
    opts: &Options,
    site: &crate::config::Site,
    publisher: &str,
    node: usize,
    codes: &BTreeMap<String, String>,
    (year, month, _): (i32, u32, u32),
) -> u64 {
    let scheme = site.index_scheme(publisher);
    let bindings = site.record_bindings(publisher, Some(node), codes);
    let mut max = 0;
    for rel in record_paths(&opts.root) {
        let Ok(text) = std::fs::read_to_string(opts.root.join(&rel)) else {
            continue;
        };
        for line in text.lines() {
            if let Some(v) = line.trim().strip_prefix("index_no:") {
                let v = v.trim().trim_matches(|c| c == '"' || c == '\'');
                if let Some(p) = scheme.matches_with(v, &bindings)
                    && p.year == year
                    && (!scheme.has_month() || p.month == Some(month))
                {
                    max = max.max(p.serial);
                }
            }
        }
    }
    max
}

fn yaml_quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

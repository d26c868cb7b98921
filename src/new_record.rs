//! `gongkai new`: a draft record with the next free 索引号 of the current year, written as a
//! commented skeleton of every field of the node's kind ([`skeleton`]).

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::Datelike;

use crate::build::Options;
use crate::diag::{Code, Diagnostic, Pos};
use crate::record::load::record_paths;

mod skeleton;

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

/// Writes `content/<node>/<index-serial>.md` and returns its path. The node and the publisher
/// may be written by id or by name ([`crate::names`]).
pub fn create(opts: &Options, args: &NewArgs) -> Result<PathBuf, NewError> {
    use crate::names::{What, msg};
    let site = crate::config::load(&opts.root).map_err(NewError::Content)?;
    let n = (site.names.nodes.resolve(args.node)).map_err(|m| {
        content_error(
            Code::UnknownCatalogNode,
            msg::miss(What::Node, args.node, &m),
        )
    })?;
    let node = &site.catalog.nodes[n];
    let publisher = match args.publisher.or(node.publisher.as_deref()) {
        Some(p) => (site.names.publishers.resolve_id(p))
            .map_err(|m| content_error(Code::UnknownPublisher, msg::miss(What::Publisher, p, &m)))?
            .to_string(),
        None => (site.config.publishers.first())
            .map(|p| p.id.clone())
            .unwrap_or_default(),
    };
    let codes = parse_codes(args.codes)?;
    let scheme = site.index_scheme(&publisher);
    if let Some(missing) = scheme.field_names().find(|f| !codes.contains_key(*f)) {
        return Err(content_error(
            Code::IndexNoFormat,
            crate::msg!("new-needs-code", scheme = scheme.as_str(), name = missing),
        ));
    }
    let today = opts.now.date();
    let date = (today.year(), today.0.month(), today.0.day());
    let found = scan(opts, &site, &publisher, n, &codes, date);
    if found.max_serial >= scheme.max_serial() {
        return Err(content_error(
            Code::IndexNoFormat,
            crate::msg!(
                "new-serial-exhausted",
                scheme = scheme.as_str(),
                serial = found.max_serial
            ),
        ));
    }
    let index_no = scheme.format(
        date,
        found.max_serial + 1,
        &site.record_values(&publisher, Some(n), &codes),
    );
    let slug = crate::index_no::IndexNo::new(index_no.clone()).slug();
    let path = opts
        .root
        .join("content")
        .join(&node.path)
        .join(format!("{slug}.md"));
    let names: Vec<&str> = (site.catalog.ancestry(n).into_iter())
        .map(|a| site.catalog.nodes[a].name.as_str())
        .collect();
    let node_name = names.join("/");
    let vocab = &site.config.vocabularies;
    let text = skeleton::render(&skeleton::Skeleton {
        kind: node.kind,
        node_path: &node.path,
        node_name: &node_name,
        index_no: &index_no,
        codes: &codes,
        title: args.title,
        today,
        publisher_id: &publisher,
        publisher_name: site.publisher(&publisher).map_or("", |p| p.name.as_str()),
        genre: vocab.genres.first().map(String::as_str),
        topic: vocab.topics.first().map(String::as_str),
        policy: found.policy.as_deref(),
    });
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
    let max = scan(opts, site, publisher, n, codes, date).max_serial;
    if max >= scheme.max_serial() {
        return Err(content_error(
            Code::IndexNoFormat,
            crate::msg!(
                "new-serial-exhausted",
                scheme = scheme.as_str(),
                serial = max
            ),
        ));
    }
    Ok(scheme.format(
        date,
        max + 1,
        &site.record_values(publisher, Some(n), codes),
    ))
}

fn content_error(code: Code, message: impl Into<crate::diag::Message>) -> NewError {
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
                crate::msg!("new-bad-code", code = c),
            ));
        };
        out.insert(k.trim().to_string(), v.trim().to_string());
    }
    Ok(out)
}

/// What `new` learns from the record files.
struct Found {
    /// The highest serial already used in the new number's series.
    max_serial: u64,
    /// The greatest 索引号 of a record in a policy node (for an interpretation's `interprets`).
    policy: Option<String>,
}

/// Reads each record file's index_no line, published or not. A series is the scheme with this
/// record's codes, within one year ({YYYY}, {YYYYMMDD}: a running number over the year) or one
/// month ({YYYYMM}).
fn scan(
    opts: &Options,
    site: &crate::config::Site,
    publisher: &str,
    node: usize,
    codes: &BTreeMap<String, String>,
    (year, month, _): (i32, u32, u32),
) -> Found {
    let scheme = site.index_scheme(publisher);
    let bindings = site.record_bindings(publisher, Some(node), codes);
    let want_policy = site.catalog.nodes[node].kind == crate::values::Kind::Interpretation;
    let mut found = Found {
        max_serial: 0,
        policy: None,
    };
    for rel in record_paths(&opts.root) {
        let Ok(text) = std::fs::read_to_string(opts.root.join(&rel)) else {
            continue;
        };
        let in_policy_node = want_policy && is_policy_folder(site, &rel);
        for line in text.lines() {
            if let Some(v) = line.trim().strip_prefix("index_no:") {
                let v = v.trim().trim_matches(|c| c == '"' || c == '\'');
                if let Some(p) = scheme.matches_with(v, &bindings)
                    && p.year == year
                    && (!scheme.has_month() || p.month == Some(month))
                {
                    found.max_serial = found.max_serial.max(p.serial);
                }
                if in_policy_node && found.policy.as_deref().is_none_or(|best| v > best) {
                    found.policy = Some(v.to_string());
                }
            }
        }
    }
    found
}

fn is_policy_folder(site: &crate::config::Site, rel: &std::path::Path) -> bool {
    let dir = rel.parent().and_then(|d| d.strip_prefix("content").ok());
    let dir = dir.map(|d| d.to_string_lossy().replace('\\', "/"));
    (dir.and_then(|d| site.names.nodes.get(&d)))
        .is_some_and(|n| site.catalog.nodes[n].kind == crate::values::Kind::Policy)
}

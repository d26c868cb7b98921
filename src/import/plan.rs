//! Each import item resolved against the site: its catalog node, publisher, dates and
//! vocabulary values, its old 索引号 kept as a legacy number; then matched with the records
//! already there. Every problem of an item is reported in the same run, located at its row or
//! page; an item with an error is not imported, and nothing else is lost.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::fields::{self, Field, parse_date, parse_validity, split_list};
use super::mapping::Mapping;
use super::write::Existing;
use super::{Item, Report, msg};
use crate::config::Site;
use crate::diag::{Code, Diagnostic};
use crate::index_no::IndexNo;
use crate::values::{Date, Instant, Validity};

/// What every item is resolved with.
pub struct Ctx<'a> {
    pub site: &'a Site,
    pub mapping: &'a Mapping,
    /// The site root.
    pub root: &'a Path,
    /// The folder attachment links may reach into.
    pub source_root: PathBuf,
    pub default_node: Option<&'a str>,
    /// The source as given, kept in `imported.from`.
    pub from: &'a str,
    pub now: Instant,
    pub clock: crate::ledger::entry::Clock,
}

/// A record's front matter, resolved.
#[derive(Debug, Clone, Default)]
pub struct Front {
    pub index_no: String,
    pub title: String,
    pub created: Option<Date>,
    pub published: Option<Date>,
    pub publisher: String,
    pub doc_no: Option<String>,
    pub issuer: Option<String>,
    pub info_source: Option<String>,
    pub registration_no: Option<String>,
    pub dated: Option<Date>,
    pub effective: Option<Date>,
    pub expires: Option<Date>,
    pub topics: Vec<String>,
    pub genre: Option<String>,
    pub keywords: Vec<String>,
    pub validity: Option<Validity>,
    pub summary: Option<String>,
    pub extra: BTreeMap<String, String>,
    pub url: Option<String>,
    pub body: String,
}

/// A record to write.
#[derive(Debug)]
pub struct Planned {
    pub item: Item,
    pub front: Front,
    /// `content/<node>/<slug>.md`, site-relative.
    pub rel: PathBuf,
}

/// Resolves every item and keeps those to write.
pub fn plan(
    ctx: &Ctx,
    items: Vec<Item>,
    existing: &Existing,
    report: &mut Report,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Planned> {
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut paths: HashSet<PathBuf> = HashSet::new();
    let mut out = Vec::new();
    for item in items {
        let Some(p) = resolve(ctx, item, diags) else {
            continue;
        };
        let here = format!("{}:{}", p.item.path, p.item.line);
        if let Some(first) = seen.get(&p.front.index_no) {
            diags.push(err(
                &p.item,
                Code::ImportDuplicate,
                msg::duplicate(&p.front.index_no, first),
            ));
            continue;
        }
        seen.insert(p.front.index_no.clone(), here);
        if let Some(found) = existing.by_index.get(&p.front.index_no) {
            match &found.imported_sha256 {
                Some(sha) if *sha == p.item.sha256 => report.skipped += 1,
                Some(_) => {
                    report.changed += 1;
                    diags.push(warn(
                        &p.item,
                        Code::ImportChanged,
                        msg::changed(&p.front.index_no, &found.path),
                    ));
                }
                None if found.imported => report.skipped += 1,
                None => diags.push(warn(
                    &p.item,
                    Code::ImportExisting,
                    msg::existing(&p.front.index_no, &found.path),
                )),
            }
            continue;
        }
        if existing.paths.contains(&p.rel) || !paths.insert(p.rel.clone()) {
            let path = p.rel.to_string_lossy().replace('\\', "/");
            diags.push(err(
                &p.item,
                Code::ImportDuplicate,
                msg::duplicate(&p.front.index_no, &path),
            ));
            continue;
        }
        out.push(p);
    }
    out
}

fn err(item: &Item, code: Code, m: crate::i18n::Msg) -> Diagnostic {
    Diagnostic::error(code, &item.path, item.pos(), m)
}

fn warn(item: &Item, code: Code, m: crate::i18n::Msg) -> Diagnostic {
    Diagnostic::warning(code, &item.path, item.pos(), m)
}

/// One item against the site; `None` (with its errors reported) when it cannot be imported.
pub fn resolve(ctx: &Ctx, mut item: Item, diags: &mut Vec<Diagnostic>) -> Option<Planned> {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let m = ctx.mapping;
    let take = |item: &mut Item, f: Field| -> Option<String> {
        item.values
            .remove(&f)
            .map(|v| m.value(f, &v).trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let index_no = match take(&mut item, Field::IndexNo) {
        Some(ix) => match crate::index_no::check_legacy(&ix) {
            Ok(()) => Some(ix),
            Err(why) => {
                errors.push(err(&item, Code::ImportValue, msg::bad_index_no(&ix, why)));
                None
            }
        },
        None => {
            errors.push(err(&item, Code::ImportMissing, msg::missing("索引号")));
            None
        }
    };
    let title = take(&mut item, Field::Title);
    if title.is_none() {
        errors.push(err(&item, Code::ImportMissing, msg::missing("标题")));
    }
    let node = match take(&mut item, Field::Node) {
        Some(v) => {
            let n = find_node(ctx, &v);
            if n.is_none() {
                errors.push(err(&item, Code::ImportValue, msg::unknown_node(&v)));
            }
            n
        }
        None => match ctx.default_node.or(m.node.as_deref()) {
            Some(v) => {
                let n = find_node(ctx, v);
                if n.is_none() {
                    errors.push(err(&item, Code::ImportValue, msg::unknown_node(v)));
                }
                n
            }
            None => {
                errors.push(err(&item, Code::ImportMissing, msg::no_node()));
                None
            }
        },
    };
    let info_source = take(&mut item, Field::InfoSource);
    let publisher = match take(&mut item, Field::Publisher) {
        Some(v) => {
            let p = find_publisher(ctx, &v);
            if p.is_none() {
                errors.push(err(&item, Code::ImportValue, msg::unknown_publisher(&v)));
            }
            p
        }
        None => {
            let p = info_source
                .as_deref()
                .and_then(|v| find_publisher(ctx, v))
                .or_else(|| m.publisher.as_deref().and_then(|v| find_publisher(ctx, v)))
                .or_else(|| match ctx.site.config.publishers.as_slice() {
                    [only] => Some(only.id.clone()),
                    _ => None,
                });
            if p.is_none() {
                errors.push(err(&item, Code::ImportMissing, msg::no_publisher()));
            }
            p
        }
    };
    let mut date = |item: &mut Item, f: Field, label: &str, required: bool| -> Option<Date> {
        let v = take(item, f)?;
        match parse_date(&v, &m.date_formats) {
            Some(d) => Some(d),
            None if required => {
                errors.push(err(item, Code::ImportValue, msg::bad_date(label, &v)));
                None
            }
            None => {
                warnings.push(warn(item, Code::ImportValueKept, msg::bad_date(label, &v)));
                item.extra.insert(label.to_string(), v);
                None
            }
        }
    };
    let created = date(&mut item, Field::Created, "生成日期", true);
    let dated = date(&mut item, Field::Dated, "成文日期", true);
    let published = date(&mut item, Field::Published, "发布日期", true);
    let effective = date(&mut item, Field::Effective, "施行日期", false);
    let expires = date(&mut item, Field::Expires, "有效期至", false);
    let created = created.or(dated).or(published);
    if created.is_none() && !errors.iter().any(|d| d.code == Code::ImportValue) {
        errors.push(err(
            &item,
            Code::ImportMissing,
            msg::missing("日期（生成日期、成文日期或发布日期）"),
        ));
    }
    let vocab = &ctx.site.config.vocabularies;
    let mut topics = Vec::new();
    if let Some(v) = take(&mut item, Field::Topics) {
        for t in split_list(&v) {
            let t = m.value(Field::Topics, &t).to_string();
            if vocab.topics.is_empty() || vocab.topics.contains(&t) {
                topics.push(t);
            } else {
                warnings.push(warn(
                    &item,
                    Code::ImportValueKept,
                    msg::not_in_vocabulary("主题分类", &t),
                ));
                item.extra.insert("主题分类".into(), v.clone());
            }
        }
    }
    let genre = take(&mut item, Field::Genre).and_then(|g| {
        if vocab.genres.is_empty() || vocab.genres.contains(&g) {
            Some(g)
        } else {
            warnings.push(warn(
                &item,
                Code::ImportValueKept,
                msg::not_in_vocabulary("体裁", &g),
            ));
            item.extra.insert("体裁".into(), g);
            None
        }
    });
    let validity = take(&mut item, Field::Validity).and_then(|v| {
        let parsed = parse_validity(&v);
        if parsed.is_none() {
            warnings.push(warn(&item, Code::ImportValueKept, msg::bad_validity(&v)));
            item.extra.insert("有效性".into(), v);
        }
        parsed
    });
    let keywords = take(&mut item, Field::Keywords)
        .map(|k| split_list(&k))
        .unwrap_or_default();
    let doc_no = take(&mut item, Field::DocNo);
    let issuer = take(&mut item, Field::Issuer);
    let registration_no = take(&mut item, Field::RegistrationNo);
    let summary = take(&mut item, Field::Summary);
    let url = take(&mut item, Field::Url);
    diags.extend(warnings);
    if !errors.is_empty() {
        diags.extend(errors);
        return None;
    }
    let (index_no, title, node, publisher) = (index_no?, title?, node?, publisher?);
    let slug = IndexNo::new(index_no.clone()).slug();
    let rel = Path::new("content")
        .join(&ctx.site.catalog.nodes[node].path)
        .join(format!("{slug}.md"));
    let body = item.body.take().unwrap_or_default();
    let summary = summary.or_else(|| body.trim().is_empty().then(|| title.clone()));
    let front = Front {
        index_no,
        title,
        created,
        published,
        publisher,
        doc_no,
        issuer,
        info_source,
        registration_no,
        dated,
        effective,
        expires,
        topics,
        genre,
        keywords,
        validity,
        summary,
        extra: std::mem::take(&mut item.extra),
        url,
        body,
    };
    Some(Planned { item, front, rel })
}

fn find_node(ctx: &Ctx, v: &str) -> Option<usize> {
    let v = ctx.mapping.nodes.get(v.trim()).map_or(v, String::as_str);
    let v = v.trim().trim_matches('/').trim_start_matches("content/");
    let cat = &ctx.site.catalog;
    cat.find(v).or_else(|| {
        let mut named = cat.nodes.iter().enumerate().filter(|(_, n)| n.name == v);
        match (named.next(), named.next()) {
            (Some((i, _)), None) => Some(i),
            _ => None,
        }
    })
}

fn find_publisher(ctx: &Ctx, v: &str) -> Option<String> {
    let v = v.trim();
    let v = ctx.mapping.publishers.get(v).map_or(v, String::as_str);
    if ctx.site.publisher(v).is_some() {
        return Some(v.to_string());
    }
    let ps = &ctx.site.config.publishers;
    ps.iter().find(|p| p.name == v).map(|p| p.id.clone())
}

/// A YAML string: JSON's double-quoted form is valid YAML, with every escape YAML reads.
pub fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// The record file's text: front matter, then the body.
pub fn compose(p: &Planned, attachments: &[(String, String)], ctx: &Ctx) -> String {
    let f = &p.front;
    let mut y = String::with_capacity(512 + f.body.len());
    let mut line = |k: &str, v: String| {
        y.push_str(k);
        y.push_str(": ");
        y.push_str(&v);
        y.push('\n');
    };
    line("index_no", q(&f.index_no));
    line("index_no_scheme", "legacy".into());
    line("title", q(&f.title));
    if let Some(d) = f.created {
        line("created", d.to_string());
    }
    if let Some(d) = f.published {
        line("published", d.to_string());
    }
    line("publisher", q(&f.publisher));
    let opt = |v: &Option<String>| v.as_deref().map(q);
    for (k, v) in [
        ("doc_no", opt(&f.doc_no)),
        ("issuer", opt(&f.issuer)),
        ("info_source", opt(&f.info_source)),
        ("registration_no", opt(&f.registration_no)),
        ("genre", opt(&f.genre)),
        ("summary", opt(&f.summary)),
        ("dated", f.dated.map(|d| d.to_string())),
        ("effective", f.effective.map(|d| d.to_string())),
        ("expires", f.expires.map(|d| d.to_string())),
        ("validity", f.validity.map(|v| q(&v.to_string()))),
    ] {
        if let Some(v) = v {
            line(k, v);
        }
    }
    let list = |v: &[String]| {
        format!(
            "[{}]",
            v.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ")
        )
    };
    if !f.topics.is_empty() {
        line("topics", list(&f.topics));
    }
    if !f.keywords.is_empty() {
        line("keywords", list(&f.keywords));
    }
    line("status", "approved".into());
    if !attachments.is_empty() {
        y.push_str("attachments:\n");
        for (file, title) in attachments {
            y.push_str(&format!(
                "  - {{file: {}, title: {}}}\n",
                q(&format!("_files/{file}")),
                q(title)
            ));
        }
    }
    if !f.extra.is_empty() {
        let pairs: Vec<String> = f
            .extra
            .iter()
            .map(|(k, v)| format!("{}: {}", q(k), q(v)))
            .collect();
        y.push_str(&format!("extra: {{{}}}\n", pairs.join(", ")));
    }
    let mut imported = vec![
        format!("from: {}", q(ctx.from)),
        format!("on: {}", ctx.now.date()),
        format!("source: {}", q(&p.item.source)),
    ];
    if let Some(u) = &f.url {
        imported.push(format!("url: {}", q(u)));
    }
    imported.push(format!("sha256: {}", q(&p.item.sha256)));
    y.push_str(&format!("imported: {{{}}}\n", imported.join(", ")));
    let mut out = String::with_capacity(y.len() + f.body.len() + 16);
    out.push_str("---\n");
    out.push_str(&y);
    out.push_str("---\n");
    if !f.body.trim().is_empty() {
        out.push('\n');
        out.push_str(f.body.trim());
        out.push('\n');
    }
    out
}

/// The field name of a mapping target, for messages and docs.
pub fn field_name(f: Field) -> &'static str {
    fields::name(f)
}

//! The desk's pages and actions by path.

use std::path::Path;

use super::actions;
use super::edit::{self, Val};
use super::form_data::{Form, decode_component};
use super::pages::{self, Nav, esc};
use super::record_page::{self, Editing};
use super::server::Desk;
use super::text::Words;
use crate::build::Options;
use crate::config::{Language, Site};
use crate::serve::http::Response;
use crate::values::Kind;

/// A value of the query string.
pub fn query_value(query: &str, name: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (k == name).then(|| decode_component(v)).flatten()
    })
}

pub fn html(status: u16, body: String) -> Response {
    Response::new(status, "text/html; charset=utf-8", body)
}

pub fn redirect(to: &str) -> Response {
    Response::new(303, "text/plain; charset=utf-8", "").with_header("Location", to.to_string())
}

/// The site's words and the page frame's links.
pub fn words(site: Option<&Site>) -> &'static Words {
    match site.map(|s| s.config.language) {
        Some(Language::En) => Words::of(crate::i18n::Lang::En),
        _ => Words::of(crate::i18n::Lang::Zh),
    }
}

pub fn nav<'a>(desk: &'a Desk, site: Option<&'a Site>) -> Nav<'a> {
    Nav {
        w: words(site),
        site_title: site.map_or("gongkai", |s| s.config.title.as_str()),
        preview: desk.preview,
        token: &desk.token,
    }
}

pub fn options(desk: &Desk) -> anyhow::Result<Options> {
    Ok(Options::new(desk.root.clone(), (desk.now)()?))
}

/// A page saying what went wrong (site.yaml unusable, a path refused…).
pub fn problem(desk: &Desk, site: Option<&Site>, status: u16, text: &str) -> Response {
    let nav = nav(desk, site);
    let body = format!(
        "<div class=\"error-summary\" role=\"alert\"><p>{}</p></div><p><a href=\"/\">{}</a></p>",
        esc(text),
        nav.w.back
    );
    html(status, pages::page(&nav, nav.w.refused, &body))
}

/// The site as configured now, or the page listing what is wrong with `site.yaml`.
pub fn load_site(desk: &Desk) -> Result<Site, Response> {
    crate::config::load(&desk.root).map_err(|d| {
        let lines: Vec<String> = d.iter().map(ToString::to_string).collect();
        problem(desk, None, 500, &lines.join("\n"))
    })
}

pub fn get(desk: &Desk, path: &str, query: &str) -> Response {
    match path {
        "/assets/desk.css" => Response::new(200, "text/css; charset=utf-8", pages::CSS),
        "/assets/desk.js" => Response::new(200, "text/javascript; charset=utf-8", pages::JS),
        "/" => {
            let site = crate::config::load(&desk.root).ok();
            let opts = match options(desk) {
                Ok(o) => o,
                Err(e) => return problem(desk, site.as_ref(), 500, &format!("{e:#}")),
            };
            let nav = nav(desk, site.as_ref());
            html(
                200,
                super::records::list_page(
                    &opts,
                    &nav,
                    query_value(query, "state").as_deref(),
                    query_value(query, "q").as_deref(),
                ),
            )
        }
        "/record" => record(desk, query),
        "/new" => new_record(desk, query),
        "/publish" => actions::publish_page(desk, None),
        _ => Response::new(404, "text/plain; charset=utf-8", "404\n"),
    }
}

pub fn post(desk: &Desk, path: &str, form: &Form) -> Response {
    match path {
        "/save" => actions::save(desk, form, false, false),
        "/create" => actions::save(desk, form, true, false),
        "/check" => actions::save(desk, form, form.get("path").is_none(), true),
        "/workflow" => actions::workflow(desk, form),
        "/publish" => actions::publish(desk),
        _ => Response::new(404, "text/plain; charset=utf-8", "404\n"),
    }
}

/// The kind of a record: its `kind`, or its node's.
pub fn kind_of(site: &Site, tree: Option<&crate::yaml::Node>, node: &str) -> Kind {
    tree.and_then(|t| t.get("kind"))
        .and_then(|n| n.as_str())
        .and_then(|k| Kind::ALL.iter().find(|x| x.as_str() == k).copied())
        .or_else(|| site.catalog.find(node).map(|n| site.catalog.nodes[n].kind))
        .unwrap_or(Kind::Article)
}

/// The node path of a record file (`content/<node>/<file>`).
pub fn node_of(rel: &str) -> &str {
    rel.strip_prefix("content/")
        .and_then(|p| p.rsplit_once('/'))
        .map_or("", |(d, _)| d)
}

fn banner_for(msg: Option<&str>, w: &Words) -> Option<String> {
    let text = match msg? {
        "saved" => w.saved,
        "unchanged" => w.unchanged,
        "created" => w.created,
        _ => return None,
    };
    Some(format!(
        "<div class=\"notice\" role=\"status\"><p>{text}</p></div>"
    ))
}

fn record(desk: &Desk, query: &str) -> Response {
    let site = match load_site(desk) {
        Ok(s) => s,
        Err(page) => return page,
    };
    let rel = query_value(query, "path").unwrap_or_default();
    let (_, abs) = match super::paths::record(&desk.root, &rel, true) {
        Ok(p) => p,
        Err(e) => return problem(desk, Some(&site), 404, e.0),
    };
    let bytes = match crate::fsutil::read_capped(&abs, crate::record::MAX_RECORD_BYTES) {
        Ok(b) => b,
        Err(e) => return problem(desk, Some(&site), 500, &e.to_string()),
    };
    let sha = crate::hash::sha256_hex(&bytes);
    let Ok(text) = String::from_utf8(bytes) else {
        return problem(desk, Some(&site), 422, "文件不是 UTF-8 文本（not UTF-8）");
    };
    let is_md = rel.ends_with(".md");
    let tree = match edit::front_tree(&text, is_md) {
        Ok(t) => t,
        Err(e) => return problem(desk, Some(&site), 422, &format!("{rel}: {}", e.0)),
    };
    let kind = kind_of(&site, Some(&tree), node_of(&rel));
    let value = |name: &str| {
        tree.get(name)
            .map(edit::from_node)
            .unwrap_or(Val::Str(String::new()))
    };
    let body = if is_md {
        edit::body_of(&text).to_string()
    } else {
        value("body").text().to_string()
    };
    let en = site.config.language == Language::En;
    // Opening a record shows what `check` would say of it.
    let messages = super::check::check(&site, &desk.root, Path::new(&rel), &text, en);
    let nav = nav(desk, Some(&site));
    let today = options(desk)
        .map(|o| o.now.date().to_string())
        .unwrap_or_default();
    let page = record_page::render(
        &nav,
        &site,
        &Editing {
            rel: &rel,
            node: node_of(&rel),
            sha: &sha,
            kind,
            value: &value,
            body: &body,
            messages: &messages,
            banner: banner_for(query_value(query, "msg").as_deref(), nav.w),
            status: tree
                .get("status")
                .and_then(|n| n.as_str())
                .map(str::to_string),
            today,
        },
    );
    html(200, page)
}

fn new_record(desk: &Desk, query: &str) -> Response {
    let site = match load_site(desk) {
        Ok(s) => s,
        Err(page) => return page,
    };
    let node = query_value(query, "node").unwrap_or_default();
    let Some(n) = site.catalog.find(&node) else {
        return problem(
            desk,
            Some(&site),
            404,
            "没有这个目录（no such catalog node）",
        );
    };
    let opts = match options(desk) {
        Ok(o) => o,
        Err(e) => return problem(desk, Some(&site), 500, &format!("{e:#}")),
    };
    let publisher = site
        .config
        .publishers
        .first()
        .map(|p| p.id.clone())
        .unwrap_or_default();
    let index_no =
        crate::new_record::next_index_no(&opts, &site, n, &publisher, &Default::default())
            .unwrap_or_default();
    let today = opts.now.date().to_string();
    let value = |name: &str| {
        Val::Str(match name {
            "index_no" => index_no.clone(),
            "created" => today.clone(),
            "publisher" => publisher.clone(),
            "status" => "draft".into(),
            _ => String::new(),
        })
    };
    let nav = nav(desk, Some(&site));
    let messages = Default::default();
    html(
        200,
        record_page::render(
            &nav,
            &site,
            &Editing {
                rel: "",
                node: &node,
                sha: "",
                kind: site.catalog.nodes[n].kind,
                value: &value,
                body: "",
                messages: &messages,
                banner: None,
                status: None,
                today: today.clone(),
            },
        ),
    )
}

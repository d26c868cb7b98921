//! What the desk's forms do: save or create a record (surgical edit, checked, written
//! atomically, never over a file changed since it was opened), the workflow steps that edit
//! `status` and `review`, and publishing with the same code as `gongkai publish`.

use std::path::Path;

use super::check;
use super::edit::{self, Change, Val};
use super::form_data::Form;
use super::forms::{self, Message, Messages};
use super::pages::{self, esc};
use super::record_page::{self, Editing};
use super::routes::{html, kind_of, load_site, nav, node_of, options, problem, redirect};
use super::server::Desk;
use crate::config::{Language, Site};
use crate::record::schema;
use crate::serve::http::Response;

fn body_text(form: &Form) -> String {
    form.get("body")
        .unwrap_or("")
        .replace("\r\n", "\n")
        .replace('\r', "\n")
}

fn say(m: &mut Messages, field: &str, text: String) {
    m.entry(field.to_string())
        .or_default()
        .push(Message { text, error: true });
}

/// `/save` and `/create`; with `live`, `/check`: the same checks of the same edited text, answered
/// as JSON for the form's script, and nothing stored (not even an upload).
pub fn save(desk: &Desk, form: &Form, creating: bool, live: bool) -> Response {
    let _guard = desk.writing.lock().unwrap_or_else(|e| e.into_inner());
    let site = match load_site(desk) {
        Ok(s) => s,
        Err(page) => return page,
    };
    let en = site.config.language == Language::En;
    let w = nav(desk, Some(&site)).w;
    let mut messages = Messages::new();
    // Which file, and its text as opened.
    let (rel, abs, text, sha, node) = if creating {
        let node = form.get("node").unwrap_or("").to_string();
        if site.catalog.find(&node).is_none() {
            return problem(
                desk,
                Some(&site),
                404,
                "没有这个目录（no such catalog node）",
            );
        }
        let ix = form.get("f.index_no").unwrap_or("").trim().to_string();
        let slug = crate::index_no::IndexNo::new(ix.clone()).slug();
        let rel = format!("content/{node}/{slug}.md");
        match super::paths::record(&desk.root, &rel, false) {
            Ok((_, abs)) if !ix.is_empty() => (
                rel,
                Some(abs),
                "---\n---\n".to_string(),
                String::new(),
                node,
            ),
            Ok(_) => {
                say(
                    &mut messages,
                    "index_no",
                    if en {
                        "an index number is needed".into()
                    } else {
                        "请填写索引号".into()
                    },
                );
                (
                    String::new(),
                    None,
                    "---\n---\n".to_string(),
                    String::new(),
                    node,
                )
            }
            Err(e) => {
                say(&mut messages, "index_no", e.0.to_string());
                (
                    String::new(),
                    None,
                    "---\n---\n".to_string(),
                    String::new(),
                    node,
                )
            }
        }
    } else {
        let rel = form.get("path").unwrap_or("").to_string();
        let abs = match super::paths::record(&desk.root, &rel, true) {
            Ok((_, abs)) => abs,
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
        let node = node_of(&rel).to_string();
        (rel, Some(abs), text, sha, node)
    };
    let is_md = creating || rel.ends_with(".md");
    let tree = edit::front_tree(&text, is_md).ok();
    let kind = kind_of(&site, tree.as_ref(), &node);
    let mut changes = forms::changes(kind, form);
    // Uploads become attachment rows (kept even when the save fails, so nothing is lost).
    let dir_rel = format!("content/{node}");
    for up in form.files.iter().filter(|u| u.field == "upload" && !live) {
        match super::upload::store(&desk.root, &dir_rel, up) {
            Ok((file, _)) => {
                let title = form
                    .get("upload_title")
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_string)
                    .unwrap_or_else(|| {
                        file.rsplit('/')
                            .next()
                            .unwrap_or("")
                            .rsplit_once('.')
                            .map_or(file.clone(), |(s, _)| s.to_string())
                    });
                let row = Val::Map(vec![
                    ("file".into(), Val::Str(file)),
                    ("title".into(), Val::Str(title)),
                ]);
                match changes.iter_mut().find(|c| c.name == "attachments") {
                    Some(c) => {
                        if let Val::Seq(rows) = &mut c.value {
                            rows.push(row);
                        }
                    }
                    None => changes.push(Change {
                        name: "attachments".into(),
                        ty: schema::field("attachments").expect("in the table").ty,
                        value: Val::Seq(vec![row]),
                    }),
                }
            }
            Err(why) => say(
                &mut messages,
                "attachments",
                super::upload::refusal(en, &why),
            ),
        }
    }
    let mut body = body_text(form);
    if creating && !body.is_empty() && !body.starts_with('\n') {
        body.insert(0, '\n');
    }
    if !is_md && form.get("body").is_some() {
        changes.push(Change {
            name: "body".into(),
            ty: schema::FieldType::LongText,
            value: Val::Str(body.clone()),
        });
    }
    let conflict = !creating && form.get("_sha") != Some(sha.as_str());
    let new_text = if conflict {
        None
    } else {
        match edit::apply(&text, is_md, &changes, is_md.then_some(body.as_str())) {
            Ok(t) => Some(t),
            Err(e) => {
                say(&mut messages, "", e.0);
                None
            }
        }
    };
    if let Some(t) = &new_text
        && !rel.is_empty()
    {
        for (k, v) in check::check(&site, &desk.root, Path::new(&rel), t, en) {
            messages.entry(k).or_default().extend(v);
        }
    }
    if live {
        return live_answer(&messages, conflict);
    }
    let checking = form.get("_do") == Some("check");
    let ok = !conflict && new_text.is_some() && !check::has_errors(&messages) && !rel.is_empty();
    if ok && !checking {
        let new_text = new_text.expect("checked");
        if new_text == text {
            return redirect(&format!("/record?path={}&msg=unchanged", pages::q(&rel)));
        }
        let abs = abs.expect("a path");
        if let Err(e) = crate::fsutil::write_atomic(&abs, new_text.as_bytes()) {
            return problem(desk, Some(&site), 500, &format!("{e:#}"));
        }
        let msg = if creating { "created" } else { "saved" };
        return redirect(&format!("/record?path={}&msg={msg}", pages::q(&rel)));
    }
    // Shown again, with what was entered.
    let banner = if conflict {
        Some(format!(
            "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" id=\"problems\"><p>{}<a href=\"/record?path={}\">{}</a></p></div>",
            w.conflict,
            pages::q(&rel),
            w.reload
        ))
    } else if checking && !check::has_errors(&messages) {
        Some(format!(
            "<div class=\"notice\" role=\"status\"><p>{}</p></div>",
            if en {
                "No problems found."
            } else {
                "检查通过，未发现问题。"
            }
        ))
    } else {
        None
    };
    let value = |name: &str| {
        changes
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.value.clone())
            .or_else(|| tree.as_ref().and_then(|t| t.get(name)).map(edit::from_node))
            .unwrap_or(Val::Str(String::new()))
    };
    let shown_body = if creating {
        body.trim_start_matches('\n').to_string()
    } else {
        body
    };
    let nav = nav(desk, Some(&site));
    let today = options(desk)
        .map(|o| o.now.date().to_string())
        .unwrap_or_default();
    let status = if conflict {
        409
    } else if check::has_errors(&messages) {
        422
    } else {
        200
    };
    let page = record_page::render(
        &nav,
        &site,
        &Editing {
            rel: if creating { "" } else { &rel },
            node: &node,
            sha: form.get("_sha").unwrap_or(""),
            kind,
            value: &value,
            body: &shown_body,
            messages: &messages,
            banner,
            status: tree
                .as_ref()
                .and_then(|t| t.get("status"))
                .and_then(|n| n.as_str())
                .map(str::to_string),
            today,
        },
    );
    html(status, page)
}

/// The messages as JSON: `{"conflict": bool, "messages": [{"field", "text", "error"}]}`.
fn live_answer(messages: &Messages, conflict: bool) -> Response {
    let list: Vec<serde_json::Value> = messages
        .iter()
        .flat_map(|(field, ms)| {
            ms.iter()
                .map(move |m| serde_json::json!({"field": field, "text": m.text, "error": m.error}))
        })
        .collect();
    let body = serde_json::json!({"conflict": conflict, "messages": list});
    Response::new(200, "application/json; charset=utf-8", body.to_string())
}

/// `/workflow`: submit for review, sign the review, withdraw.
pub fn workflow(desk: &Desk, form: &Form) -> Response {
    let guard = desk.writing.lock().unwrap_or_else(|e| e.into_inner());
    let site = match load_site(desk) {
        Ok(s) => s,
        Err(page) => return page,
    };
    let en = site.config.language == Language::En;
    let rel = form.get("path").unwrap_or("").to_string();
    let abs = match super::paths::record(&desk.root, &rel, true) {
        Ok((_, abs)) => abs,
        Err(e) => return problem(desk, Some(&site), 404, e.0),
    };
    let Ok(text) = std::fs::read_to_string(&abs) else {
        return problem(desk, Some(&site), 500, "文件无法读取（cannot read）");
    };
    if form.get("_sha") != Some(crate::hash::sha256_hex(text.as_bytes()).as_str()) {
        let w = nav(desk, Some(&site)).w;
        return problem(
            desk,
            Some(&site),
            409,
            &format!("{}{}", w.conflict, w.reload),
        );
    }
    let status = |s: &str| Change {
        name: "status".into(),
        ty: schema::field("status").expect("in the table").ty,
        value: Val::Str(s.into()),
    };
    let action = form.get("do").unwrap_or("");
    let changes = match action {
        "submit" => vec![status("review")],
        "withdraw" => vec![status("withdrawn")],
        "sign" => {
            let get = |k: &str| form.get(k).unwrap_or("").trim().to_string();
            let consent = get("secrecy") == crate::record::NOT_SECRET
                && get("conclusion").starts_with("同意");
            vec![
                Change {
                    name: "review".into(),
                    ty: schema::field("review").expect("in the table").ty,
                    value: Val::Map(
                        ["by", "on", "secrecy", "conclusion"]
                            .iter()
                            .map(|k| (k.to_string(), Val::Str(get(k))))
                            .collect(),
                    ),
                },
                status(if consent { "approved" } else { "draft" }),
            ]
        }
        _ => return problem(desk, Some(&site), 400, "未知的操作（unknown action）"),
    };
    let is_md = rel.ends_with(".md");
    let new_text = match edit::apply(&text, is_md, &changes, None) {
        Ok(t) => t,
        Err(e) => return problem(desk, Some(&site), 422, &e.0),
    };
    let messages = check::check(&site, &desk.root, Path::new(&rel), &new_text, en);
    if check::has_errors(&messages) {
        let list: Vec<String> = messages
            .values()
            .flatten()
            .filter(|m| m.error)
            .map(|m| m.text.clone())
            .collect();
        let w = nav(desk, Some(&site)).w;
        return problem(
            desk,
            Some(&site),
            422,
            &format!(
                "{}{}",
                w.problems,
                list.iter().map(|m| format!("\n{m}")).collect::<String>()
            ),
        );
    }
    if let Err(e) = crate::fsutil::write_atomic(&abs, new_text.as_bytes()) {
        return problem(desk, Some(&site), 500, &format!("{e:#}"));
    }
    if action == "withdraw" {
        drop(guard);
        return publish(desk);
    }
    redirect(&format!("/record?path={}&msg=saved", pages::q(&rel)))
}

/// `/publish` (POST): the same plan, commit and build as `gongkai publish`.
pub fn publish(desk: &Desk) -> Response {
    let _guard = desk.writing.lock().unwrap_or_else(|e| e.into_inner());
    let opts = match options(desk) {
        Ok(o) => crate::build::Options {
            cache: true,
            verify_output: true,
            ..o
        },
        Err(e) => return problem(desk, None, 500, &format!("{e:#}")),
    };
    let clock = if desk.injected {
        crate::ledger::entry::Clock::Injected
    } else {
        crate::ledger::entry::Clock::System
    };
    let site = crate::config::load(&desk.root).ok();
    let w = nav(desk, site.as_ref()).w;
    let plan = match crate::ledger::publish::plan(&opts, clock) {
        Ok(Ok(p)) => p,
        Ok(Err(diags)) => {
            let text: String = diags
                .iter()
                .map(|d| format!("<li>{}</li>", esc(&d.render(w.ui_lang()))))
                .collect();
            return publish_page(
                desk,
                Some((
                    422,
                    format!(
                        "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" id=\"problems\"><p>{}</p><ul>{text}</ul></div>",
                        w.publish_failed
                    ),
                )),
            );
        }
        Err(e) => return problem(desk, site.as_ref(), 500, &format!("{e:#}")),
    };
    if let Err(e) = crate::ledger::commit::commit(&plan.changes) {
        return problem(desk, site.as_ref(), 500, &format!("{e:#}"));
    }
    let mut html_out = String::new();
    if plan.entries.is_empty() {
        html_out.push_str(&format!(
            "<div class=\"notice\" role=\"status\"><p>{}</p></div>",
            w.nothing_to_publish
        ));
    } else {
        html_out.push_str(&format!(
            "<div class=\"notice\" role=\"status\"><h2>{}</h2><ul class=\"entries\">",
            w.published_entries
        ));
        for e in &plan.entries {
            let a = e.action.as_str();
            html_out.push_str(&format!(
                "<li><span class=\"action action-{a}\">{}</span> {} <code>{}</code></li>",
                super::text::action(a, w.lang == "en"),
                esc(&e.index_no),
                esc(&e.path),
            ));
        }
        html_out.push_str("</ul></div>");
    }
    let out = desk.root.join("public");
    match crate::build::build(&opts, &out) {
        Ok(crate::build::Outcome::Built(s, _)) => html_out.push_str(&format!(
            "<p>{}</p>",
            super::text::built(s.records, s.withheld, w.lang == "en")
        )),
        Ok(crate::build::Outcome::Invalid(diags)) => {
            let text: String = diags
                .iter()
                .map(|d| format!("<li>{}</li>", esc(&d.render(w.ui_lang()))))
                .collect();
            html_out.push_str(&format!(
                "<div class=\"error-summary\" role=\"alert\"><p>{}</p><ul>{text}</ul></div>",
                w.build_failed
            ));
        }
        Err(e) => html_out.push_str(&format!(
            "<div class=\"error-summary\" role=\"alert\"><p>{} {}</p></div>",
            w.build_failed,
            esc(&format!("{e:#}"))
        )),
    }
    drop(_guard);
    publish_page(desk, Some((200, html_out)))
}

/// The publish page: what the next publish would do, the button, and the ledger's last lines.
pub fn publish_page(desk: &Desk, result: Option<(u16, String)>) -> Response {
    let site: Option<Site> = crate::config::load(&desk.root).ok();
    let nav = nav(desk, site.as_ref());
    let w = nav.w;
    let (status, mut body) = result.unwrap_or((200, String::new()));
    if let Ok(opts) = options(desk)
        && let Ok(st) = crate::status::status(&opts)
    {
        let list = |title: &str, items: &[crate::status::Item]| -> String {
            if items.is_empty() {
                return String::new();
            }
            let li: String = items
                .iter()
                .map(|i| {
                    format!(
                        "<li>{} <small>{}</small></li>",
                        esc(&i.title),
                        esc(&i.index_no)
                    )
                })
                .collect();
            format!("<h2>{title}</h2><ul>{li}</ul>")
        };
        body.push_str(&list(w.to_publish, &st.to_publish));
        body.push_str(&list(
            if w.lang == "en" {
                "To revise"
            } else {
                "待发布修订"
            },
            &st.to_revise,
        ));
        body.push_str(&list(
            if w.lang == "en" {
                "To withdraw"
            } else {
                "待撤回"
            },
            &st.to_withdraw,
        ));
        body.push_str(&list(w.waiting, &st.waiting_for_review));
    }
    body.push_str(&format!(
        "<form method=\"post\" action=\"/publish\">{}<p class=\"help\" id=\"pub-help\">{}</p><button type=\"submit\" class=\"primary\" aria-describedby=\"pub-help\">{}</button></form>",
        pages::token_field(&desk.token),
        w.publish_help,
        w.publish_now
    ));
    body.push_str(&format!("<h2>{}</h2>", w.ledger));
    let ledger = crate::ledger::read(&desk.root)
        .ok()
        .flatten()
        .unwrap_or_default();
    let lines: Vec<&str> = ledger.lines().rev().take(20).collect();
    if lines.is_empty() {
        body.push_str(&format!("<p>{}</p>", w.ledger_empty));
    } else {
        body.push_str("<table class=\"ledger\"><thead><tr><th scope=\"col\">#</th><th scope=\"col\">action</th><th scope=\"col\">索引号</th><th scope=\"col\">date</th><th scope=\"col\">at</th></tr></thead><tbody>");
        for l in lines {
            let v: serde_json::Value = serde_json::from_str(l).unwrap_or_default();
            let f = |k: &str| {
                esc(&v
                    .get(k)
                    .map(|x| x.as_str().map_or(x.to_string(), str::to_string))
                    .unwrap_or_default())
            };
            body.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                f("seq"),
                f("action"),
                f("index_no"),
                f("date"),
                f("at")
            ));
        }
        body.push_str("</tbody></table>");
    }
    html(status, pages::page(&nav, w.publish, &body))
}

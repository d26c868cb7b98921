//! The page of one record: its form (fields, body with a preview, attachment upload), the
//! problems found by the last check beside their fields and summed up on top, and the workflow
//! (submit for review, sign the review, withdraw).

use super::edit::Val;
use super::forms::{self, Messages, View};
use super::pages::{Nav, esc, page, q, token_field};
use crate::config::Site;
use crate::record::schema;
use crate::values::Kind;

/// What a record page shows.
pub struct Editing<'a> {
    /// Site-relative path; empty for a new record.
    pub rel: &'a str,
    /// The catalog node (for a new record).
    pub node: &'a str,
    /// SHA-256 of the file as opened.
    pub sha: &'a str,
    pub kind: Kind,
    pub value: &'a dyn Fn(&str) -> Val,
    pub body: &'a str,
    pub messages: &'a Messages,
    /// A notice on top (HTML).
    pub banner: Option<String>,
    /// The `status` written in the file (existing records).
    pub status: Option<String>,
    pub today: String,
}

fn label_of(field: &str, en: bool, w: &super::text::Words) -> String {
    if field == "body" {
        return w.body.to_string();
    }
    schema::field(field).map_or(field.to_string(), |s| s.label(en).to_string())
}

pub fn render(nav: &Nav, site: &Site, e: &Editing) -> String {
    let w = nav.w;
    let en = w.lang == "en";
    let mut html = String::new();
    if let Some(b) = &e.banner {
        html.push_str(b);
    }
    if super::check::has_errors(e.messages) {
        html.push_str(&format!(
            "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" id=\"problems\"><h2>{}</h2><p>{}</p><ul>",
            w.problems, w.problems_intro
        ));
        for (field, msgs) in e.messages {
            for m in msgs.iter().filter(|m| m.error) {
                let target = if field.is_empty() {
                    String::new()
                } else {
                    format!("#f-{field}")
                };
                let label = if field.is_empty() {
                    String::new()
                } else {
                    format!("{}：", label_of(field, en, w))
                };
                if target.is_empty() {
                    html.push_str(&format!("<li>{}</li>", esc(&m.text)));
                } else {
                    html.push_str(&format!(
                        "<li><a href=\"{target}\">{}{}</a></li>",
                        esc(&label),
                        esc(&m.text)
                    ));
                }
            }
        }
        html.push_str("</ul></div>");
    }
    let new = e.rel.is_empty();
    html.push_str(&format!(
        "<form class=\"record\" method=\"post\" action=\"{}\" enctype=\"multipart/form-data\" novalidate>{}",
        if new { "/create" } else { "/save" },
        token_field(nav.token)
    ));
    if new {
        html.push_str(&format!(
            "<input type=\"hidden\" name=\"node\" value=\"{}\">",
            esc(e.node)
        ));
    } else {
        html.push_str(&format!(
            "<input type=\"hidden\" name=\"path\" value=\"{}\"><input type=\"hidden\" name=\"_sha\" value=\"{}\"><p class=\"file\"><code>{}</code></p>",
            esc(e.rel),
            esc(e.sha),
            esc(e.rel)
        ));
    }
    html.push_str(&format!("<p class=\"note\">{}</p>", w.other_fields));
    let readonly: &[&str] = &[];
    let view = View {
        site,
        kind: e.kind,
        en,
        value: e.value,
        messages: e.messages,
        readonly,
    };
    html.push_str(&forms::fields_html(&view));
    // The body, with its messages and a preview.
    let body_msgs = e.messages.get("body").map(Vec::as_slice).unwrap_or(&[]);
    let mut described = vec!["f-body-help".to_string()];
    let mut notes = String::new();
    for (i, m) in body_msgs.iter().enumerate() {
        described.push(format!("f-body-msg{i}"));
        notes.push_str(&format!(
            "<p class=\"{}\" id=\"f-body-msg{i}\">{}</p>",
            if m.error {
                "field-error"
            } else {
                "field-warning"
            },
            esc(&m.text)
        ));
    }
    let invalid = if body_msgs.iter().any(|m| m.error) {
        " aria-invalid=\"true\""
    } else {
        ""
    };
    html.push_str(&format!(
        "<div class=\"field body{}\"><label for=\"f-body\">{}</label><p class=\"help\" id=\"f-body-help\">{}</p>{notes}<textarea id=\"f-body\" name=\"body\" rows=\"14\" aria-describedby=\"{}\"{invalid}>\n{}</textarea></div>",
        if invalid.is_empty() { "" } else { " has-error" },
        w.body,
        w.body_help,
        described.join(" "),
        esc(e.body)
    ));
    let preview = crate::markdown::render(e.body, crate::config::RawHtml::Escape, &|_| None).html;
    html.push_str(&format!(
        "<details class=\"preview\"><summary>{}</summary><div class=\"rendered\" id=\"body-preview\">{preview}</div></details>",
        w.body_preview
    ));
    html.push_str(&format!(
        "<fieldset class=\"field upload\"><legend>{}</legend><p class=\"help\" id=\"up-help\">{}</p><label for=\"up-file\">{}</label><input type=\"file\" id=\"up-file\" name=\"upload\" aria-describedby=\"up-help\" accept=\".pdf,.ofd,.doc,.docx,.xls,.xlsx,.wps,.et,.ppt,.pptx,.csv,.txt,.jpg,.jpeg,.png,.zip\"><label for=\"up-title\">{}</label><input type=\"text\" id=\"up-title\" name=\"upload_title\"></fieldset>",
        w.upload,
        w.upload_help,
        if en { "File" } else { "文件" },
        w.upload_title
    ));
    html.push_str(&format!(
        "<div class=\"actions\"><button type=\"submit\" name=\"_do\" value=\"save\" class=\"primary\">{}</button> <button type=\"submit\" name=\"_do\" value=\"check\">{}</button></div></form>",
        w.save, w.check
    ));
    if !new {
        html.push_str(&workflow(nav, e));
    }
    let title = {
        let t = (e.value)("title");
        if t.text().is_empty() {
            w.new_record.to_string()
        } else {
            t.text().to_string()
        }
    };
    page(nav, &title, &html)
}

fn workflow(nav: &Nav, e: &Editing) -> String {
    let w = nav.w;
    let en = w.lang == "en";
    let status = e.status.as_deref().unwrap_or("draft");
    let hidden = format!(
        "{}<input type=\"hidden\" name=\"path\" value=\"{}\"><input type=\"hidden\" name=\"_sha\" value=\"{}\">",
        token_field(nav.token),
        esc(e.rel),
        esc(e.sha)
    );
    let mut html = format!(
        "<section class=\"workflow\" aria-labelledby=\"wf\"><h2 id=\"wf\">{}</h2>",
        w.workflow
    );
    if status == "draft" {
        html.push_str(&format!(
            "<form method=\"post\" action=\"/workflow\">{hidden}<button type=\"submit\" name=\"do\" value=\"submit\">{}</button></form>",
            w.submit_review
        ));
    }
    if matches!(status, "draft" | "review") {
        let secrecy: String = forms::options_html(&["非涉密", "涉密"], "非涉密");
        html.push_str(&format!(
            "<form method=\"post\" action=\"/workflow\" class=\"sign\">{hidden}<fieldset><legend>{}</legend><p class=\"help\" id=\"sign-help\">{}</p>\
<div class=\"field\"><label for=\"s-by\">{}</label><input id=\"s-by\" name=\"by\" type=\"text\" aria-describedby=\"sign-help\"></div>\
<div class=\"field\"><label for=\"s-on\">{}</label><input id=\"s-on\" name=\"on\" type=\"date\" value=\"{}\"></div>\
<div class=\"field\"><label for=\"s-secrecy\">{}</label><select id=\"s-secrecy\" name=\"secrecy\">{secrecy}</select></div>\
<div class=\"field\"><label for=\"s-conclusion\">{}</label><input id=\"s-conclusion\" name=\"conclusion\" type=\"text\" value=\"{}\"></div>\
<button type=\"submit\" name=\"do\" value=\"sign\">{}</button></fieldset></form>",
            w.sign_review,
            w.sign_help,
            if en { "Reviewer" } else { "审核人" },
            if en { "Reviewed on" } else { "审核日期" },
            esc(&e.today),
            if en { "Secrecy review" } else { "保密审查" },
            if en { "Conclusion" } else { "审核结论" },
            "同意公开",
            w.sign_review
        ));
    }
    if status == "approved" {
        html.push_str(&format!(
            "<p><a href=\"/publish\">{}</a></p><form method=\"post\" action=\"/workflow\">{hidden}<p class=\"help\" id=\"wd-help\">{}</p><button type=\"submit\" name=\"do\" value=\"withdraw\" aria-describedby=\"wd-help\">{}</button></form>",
            w.publish, w.withdraw_help, w.withdraw
        ));
    }
    if let Some(p) = nav.preview {
        let ix = (e.value)("index_no");
        if !ix.text().is_empty() {
            let url = crate::record::page_url(&crate::index_no::IndexNo::new(ix.text()));
            html.push_str(&format!(
                "<p><a href=\"http://127.0.0.1:{p}/{}\" target=\"_blank\" rel=\"noopener\">{}</a></p>",
                q(&url),
                w.view_preview
            ));
        }
    }
    html.push_str("</section>");
    html
}

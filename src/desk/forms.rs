//! Forms generated from the field table ([`crate::record::schema::FIELDS`]): one input per field
//! of the record's kind, by the field's type — text, date, select, checkboxes, lines, groups and
//! rows — with its label, help and messages (linked by `aria-describedby`). And the way back:
//! the submitted form read into [`Change`]s for [`super::edit`].

use std::collections::BTreeMap;

use super::edit::{Change, Val};
use super::form_data::Form;
use super::pages::esc;
use crate::config::Site;
use crate::record::schema::{FIELDS, FieldSpec, FieldType, Vocab};
use crate::values::{
    BudgetPhase, Disclosure, Kind, MoneyUnit, Retention, ServiceType, Stage, Validity,
};

/// A message shown beside a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// Messages by top-level field name (`""` for the record as a whole).
pub type Messages = BTreeMap<String, Vec<Message>>;

/// What a form is drawn from.
pub struct View<'a> {
    pub site: &'a Site,
    pub kind: Kind,
    pub en: bool,
    /// The value of each top-level field (from the file, or as submitted).
    pub value: &'a dyn Fn(&str) -> Val,
    pub messages: &'a Messages,
    /// Fields shown read-only (the 索引号 of a record on file).
    pub readonly: &'a [&'a str],
}

/// The values a vocabulary offers: `(value, label)`.
pub fn options(site: &Site, vocab: Vocab, en: bool) -> Vec<(String, String)> {
    let same = |v: &[&str]| v.iter().map(|s| (s.to_string(), s.to_string())).collect();
    let strs = |v: &[String]| v.iter().map(|s| (s.clone(), s.clone())).collect();
    macro_rules! all {
        ($t:ty) => {
            same(&<$t>::ALL.iter().map(|x| x.as_str()).collect::<Vec<_>>())
        };
    }
    match vocab {
        Vocab::Publisher => site
            .config
            .publishers
            .iter()
            .map(|p| (p.id.clone(), format!("{}（{}）", p.name, p.id)))
            .collect(),
        Vocab::Topic => strs(&site.config.vocabularies.topics),
        Vocab::Genre => strs(&site.config.vocabularies.genres),
        Vocab::Channel => strs(&site.config.vocabularies.channels),
        Vocab::Disclosure => all!(Disclosure),
        Vocab::Validity => all!(Validity),
        Vocab::Retention => all!(Retention),
        Vocab::Stage => all!(Stage),
        Vocab::BudgetPhase => all!(BudgetPhase),
        Vocab::MoneyUnit => all!(MoneyUnit),
        Vocab::ServiceType => all!(ServiceType),
        Vocab::Kind => all!(Kind),
        Vocab::Secrecy => same(&["非涉密", "涉密"]),
        Vocab::Status => [
            ("draft", "草稿", "Draft"),
            ("review", "待审核", "In review"),
            ("approved", "已批准", "Approved"),
            ("withdrawn", "已撤回", "Withdrawn"),
        ]
        .iter()
        .map(|(v, zh, e)| (v.to_string(), if en { e } else { zh }.to_string()))
        .collect(),
    }
}

/// `review.by` → `f-review-by`.
fn id_of(path: &str) -> String {
    format!("f-{}", path.replace('.', "-"))
}

/// The fields of a form for a record of `v.kind`, in table order.
pub fn fields_html(v: &View) -> String {
    let mut out = String::new();
    for spec in FIELDS.iter().filter(|s| s.for_kind(v.kind)) {
        let value = (v.value)(spec.name);
        let msgs = v.messages.get(spec.name).map(Vec::as_slice).unwrap_or(&[]);
        out.push_str(&field_html(v, spec, spec.name, &value, msgs));
    }
    out
}

fn describe(id: &str, spec: &FieldSpec, msgs: &[Message]) -> (String, String) {
    let mut ids = Vec::new();
    let mut html = String::new();
    if !spec.help.is_empty() {
        ids.push(format!("{id}-help"));
        html.push_str(&format!(
            "<p class=\"help\" id=\"{id}-help\">{}</p>",
            esc(spec.help)
        ));
    }
    for (i, m) in msgs.iter().enumerate() {
        let mid = format!("{id}-msg{i}");
        html.push_str(&format!(
            "<p class=\"{}\" id=\"{mid}\">{}</p>",
            if m.error {
                "field-error"
            } else {
                "field-warning"
            },
            esc(&m.text)
        ));
        ids.push(mid);
    }
    let attr = if ids.is_empty() {
        String::new()
    } else {
        format!(" aria-describedby=\"{}\"", ids.join(" "))
    };
    let attr = if msgs.iter().any(|m| m.error) {
        format!("{attr} aria-invalid=\"true\"")
    } else {
        attr
    };
    (attr, html)
}

fn label(v: &View, spec: &FieldSpec) -> String {
    let req = if spec.required {
        let r = if v.en { "(required)" } else { "（必填）" };
        format!(" <span class=\"req\">{r}</span>")
    } else {
        String::new()
    };
    format!("{}{req}", esc(spec.label(v.en)))
}

fn field_html(v: &View, spec: &FieldSpec, path: &str, value: &Val, msgs: &[Message]) -> String {
    let id = id_of(path);
    let name = format!("f.{path}");
    let (described, notes) = describe(&id, spec, msgs);
    let err_class = if msgs.iter().any(|m| m.error) {
        " has-error"
    } else {
        ""
    };
    let readonly = if v.readonly.contains(&path) {
        " readonly"
    } else {
        ""
    };
    let text = value.text();
    let input = match spec.ty {
        FieldType::Text | FieldType::Number => {
            let mode = if spec.ty == FieldType::Number {
                " inputmode=\"decimal\""
            } else {
                ""
            };
            format!(
                "<input type=\"text\" id=\"{id}\" name=\"{name}\" value=\"{}\"{mode}{described}{readonly}>",
                esc(text)
            )
        }
        FieldType::Date => {
            // A value a date picker cannot show stays a text field, so it is never lost.
            let is_date =
                text.is_empty() || (text.len() == 10 && crate::values::Date::parse(text).is_ok());
            let ty = if is_date { "date" } else { "text" };
            format!(
                "<input type=\"{ty}\" id=\"{id}\" name=\"{name}\" value=\"{}\"{described}>",
                esc(text)
            )
        }
        FieldType::LongText => format!(
            "<textarea id=\"{id}\" name=\"{name}\" rows=\"3\"{described}>\n{}</textarea>",
            esc(text)
        ),
        FieldType::Lines => format!(
            "<textarea id=\"{id}\" name=\"{name}\" rows=\"3\"{described}>\n{}</textarea>",
            esc(&value.lines().join("\n"))
        ),
        FieldType::Choice(vocab) => {
            let mut opts = options(v.site, vocab, v.en);
            if !text.is_empty() && !opts.iter().any(|(o, _)| o == text) {
                opts.push((text.to_string(), text.to_string()));
            }
            let mut s = format!(
                "<select id=\"{id}\" name=\"{name}\"{described}><option value=\"\">{}</option>",
                if v.en { "(none)" } else { "（无）" }
            );
            for (o, l) in opts {
                let sel = if o == text { " selected" } else { "" };
                s.push_str(&format!(
                    "<option value=\"{}\"{sel}>{}</option>",
                    esc(&o),
                    esc(&l)
                ));
            }
            s.push_str("</select>");
            s
        }
        FieldType::Choices(vocab) => {
            let chosen = value.lines();
            let mut opts = options(v.site, vocab, v.en);
            if opts.is_empty() {
                // No vocabulary in site.yaml: free lines.
                return field_html(
                    v,
                    &FieldSpec {
                        ty: FieldType::Lines,
                        ..*spec
                    },
                    path,
                    value,
                    msgs,
                );
            }
            for c in &chosen {
                if !opts.iter().any(|(o, _)| o == c) {
                    opts.push((c.clone(), c.clone()));
                }
            }
            let mut s = format!(
                "<fieldset class=\"field choices{err_class}\" id=\"{id}\"{described}><legend>{}</legend>{notes}<div class=\"boxes\">",
                label(v, spec)
            );
            for (i, (o, l)) in opts.iter().enumerate() {
                let checked = if chosen.contains(o) { " checked" } else { "" };
                s.push_str(&format!(
                    "<label class=\"box\"><input type=\"checkbox\" id=\"{id}-{i}\" name=\"{name}\" value=\"{}\"{checked}> {}</label>",
                    esc(o),
                    esc(l)
                ));
            }
            s.push_str("</div></fieldset>");
            return s;
        }
        FieldType::Group(subs) => {
            let mut s = format!(
                "<fieldset class=\"field group{err_class}\" id=\"{id}\"{described}><legend>{}</legend>{notes}",
                label(v, spec)
            );
            let blank = Val::Str(String::new());
            for sub in subs {
                let sv = value.get(sub.name).unwrap_or(&blank);
                s.push_str(&field_html(
                    v,
                    sub,
                    &format!("{path}.{}", sub.name),
                    sv,
                    &[],
                ));
            }
            s.push_str("</fieldset>");
            return s;
        }
        FieldType::Rows(subs) => {
            let rows: Vec<Val> = match value.normalized() {
                Val::Seq(r) => r,
                _ => Vec::new(),
            };
            let mut s = format!(
                "<fieldset class=\"field rows{err_class}\" id=\"{id}\"{described}><legend>{}</legend>{notes}",
                label(v, spec)
            );
            let blank = Val::Str(String::new());
            // The rows written, and one empty row to add another.
            for (i, row) in rows
                .iter()
                .chain(std::iter::once(&Val::Map(vec![])))
                .enumerate()
            {
                let row_label = if v.en {
                    format!("Row {}", i + 1)
                } else {
                    format!("第 {} 行", i + 1)
                };
                s.push_str(&format!(
                    "<fieldset class=\"row\"><legend>{row_label}</legend>"
                ));
                for sub in subs {
                    let sv = row.get(sub.name).unwrap_or(&blank);
                    s.push_str(&field_html(
                        v,
                        sub,
                        &format!("{path}.{i}.{}", sub.name),
                        sv,
                        &[],
                    ));
                }
                s.push_str("</fieldset>");
            }
            s.push_str("</fieldset>");
            return s;
        }
    };
    format!(
        "<div class=\"field{err_class}\"><label for=\"{id}\">{}</label>{notes}{input}</div>",
        label(v, spec)
    )
}

/// A field's value as submitted under `path`.
pub fn read(spec: &FieldSpec, path: &str, form: &Form) -> Val {
    let name = format!("f.{path}");
    match spec.ty {
        FieldType::Choices(_) => {
            let all = form.all(&name);
            // Checkboxes (one value each), or free lines when the site has no vocabulary.
            if all.len() == 1 && all[0].contains('\n') {
                Val::Str(all[0].replace('\r', ""))
            } else {
                Val::Seq(all.iter().map(|s| Val::Str(s.trim().to_string())).collect())
            }
        }
        FieldType::LongText | FieldType::Lines => Val::Str(
            form.get(&name)
                .unwrap_or("")
                .replace("\r\n", "\n")
                .replace('\r', "\n"),
        ),
        FieldType::Group(subs) => Val::Map(
            subs.iter()
                .map(|s| {
                    (
                        s.name.to_string(),
                        read(s, &format!("{path}.{}", s.name), form),
                    )
                })
                .collect(),
        ),
        FieldType::Rows(subs) => {
            let mut rows = Vec::new();
            for i in 0..1000 {
                let prefix = format!("f.{path}.{i}.");
                if !form.has_prefix(&prefix) {
                    break;
                }
                rows.push(read(
                    &FieldSpec {
                        ty: FieldType::Group(subs),
                        ..*spec
                    },
                    &format!("{path}.{i}"),
                    form,
                ));
            }
            Val::Seq(rows)
        }
        _ => Val::Str(form.get(&name).unwrap_or("").trim().to_string()),
    }
}

/// The changes a submitted form asks for: one per field of the kind the form showed.
pub fn changes(kind: Kind, form: &Form) -> Vec<Change> {
    FIELDS
        .iter()
        .filter(|s| s.for_kind(kind))
        .filter(|s| {
            form.has_prefix(&format!("f.{}", s.name)) || matches!(s.ty, FieldType::Choices(_))
        })
        .map(|s| Change {
            name: s.name.to_string(),
            ty: s.ty,
            value: read(s, s.name, form),
        })
        .collect()
}

/// `<option>`s of plain values, `selected` the one chosen.
pub fn options_html(values: &[&str], selected: &str) -> String {
    values
        .iter()
        .map(|v| {
            let sel = if *v == selected { " selected" } else { "" };
            format!("<option value=\"{}\"{sel}>{}</option>", esc(v), esc(v))
        })
        .collect()
}

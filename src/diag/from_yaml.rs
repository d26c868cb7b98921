//! YAML problems as diagnostics: a document that cannot be read, Chinese typing slips, and the
//! decoder's errors (unknown or missing fields, wrong shapes, bad dates) with the field's name.

use super::*;

/// A YAML data file decoded into `T`: the value (when one could be built), the node tree (for
/// positions in later checks) and every problem found, as diagnostics for `path`.
pub struct DecodedFile<T> {
    pub value: Option<T>,
    pub tree: crate::yaml::Node,
    pub diagnostics: Vec<Diagnostic>,
}

/// The diagnostic of a YAML document that could not be read into a tree; `lines` is how far
/// below the top of the file the document starts.
pub fn yaml_error(path: &str, e: &crate::yaml::YamlSyntaxError, lines: u32) -> Diagnostic {
    let pos = Pos::new(e.pos.line + lines, e.pos.col);
    if let Some(m) = &e.limit {
        Diagnostic::error(Code::TooLarge, path, pos, m.clone())
    } else if e.over_limit {
        Diagnostic::error(Code::TooLarge, path, pos, e.message.clone())
    } else if let Some(slip) = &e.typing_slip {
        Diagnostic::error(Code::YamlSyntax, path, pos, slip.msg())
    } else if let Some(key) = &e.duplicate_key {
        let m = crate::msg!("yaml-duplicate-key", key = key);
        Diagnostic::error(Code::YamlSyntax, path, pos, m)
    } else {
        let m = crate::msg!("yaml-malformed", detail = &e.message);
        Diagnostic::error(Code::YamlSyntax, path, pos, m)
    }
}

/// Warnings for slips of Chinese typing that parse but not as meant ([`crate::yaml::typing`]);
/// `lines` is how far below the top of the file the YAML starts.
pub fn typing_warnings(yaml: &str, path: &str, lines: u32) -> Vec<Diagnostic> {
    crate::yaml::typing::slips(yaml)
        .into_iter()
        .filter(|s| !s.kind.breaks_yaml())
        .map(|s| {
            let pos = Pos::new(s.pos.line + lines, s.pos.col);
            Diagnostic::warning(Code::TypingSlip, path, pos, s.msg())
        })
        .collect()
}

/// Parses and decodes a YAML data file (`site.yaml`, the calendar, annual report data). A syntax
/// error is the only way to get no tree at all.
pub fn decode_yaml<T: serde::de::DeserializeOwned>(
    text: &str,
    path: &str,
) -> Result<DecodedFile<T>, Vec<Diagnostic>> {
    let tree = crate::yaml::parse(text).map_err(|e| vec![yaml_error(path, &e, 0)])?;
    let decoded = crate::yaml::decode::<T>(&tree);
    let mut diagnostics = typing_warnings(text, path, 0);
    diagnostics.extend(decoded.errors.iter().map(|e| from_de_error(path, e)));
    Ok(DecodedFile {
        value: decoded.value,
        tree,
        diagnostics,
    })
}

/// `missing required field "publisher"`, with the field's name on the office's forms when it
/// has one (`缺少必填字段 “publisher”（发布机构）`).
pub fn missing_field(field: &str) -> Msg {
    match crate::record::schema::label_of(field) {
        Some(label) => crate::msg!("missing-field-labelled", field = field, label = label),
        None => crate::msg!("missing-field", field = field),
    }
}

/// Turns a YAML decode error into a diagnostic for `path`.
pub fn from_de_error(path: &str, e: &crate::yaml::DeError) -> Diagnostic {
    use crate::yaml::DeErrorKind;
    let pos = e.pos.unwrap_or(Pos::new(1, 1));
    let field = e.field();
    match &e.kind {
        DeErrorKind::UnknownField {
            field: name,
            expected,
        } => {
            let message = match did_you_mean(name, expected.iter().copied()) {
                Some(s) => crate::msg!("unknown-field-suggest", field = &field, suggestion = s),
                None => crate::msg!("unknown-field", field = &field),
            };
            Diagnostic::error(Code::UnknownField, path, pos, message).field(field)
        }
        DeErrorKind::MissingField(name) => {
            let full = if field.is_empty() {
                name.to_string()
            } else {
                format!("{field}.{name}")
            };
            Diagnostic::error(Code::MissingField, path, pos, missing_field(&full)).field(full)
        }
        kind => {
            let code = if e.message.contains("date") {
                Code::BadDate
            } else {
                Code::InvalidValue
            };
            Diagnostic::error(code, path, pos, invalid_value(&field, kind, &e.message)).field(field)
        }
    }
}

/// The message of a value the decoder refused.
fn invalid_value(field: &str, kind: &crate::yaml::DeErrorKind, message: &str) -> Message {
    use crate::msg;
    use crate::yaml::{DeErrorKind, Found};
    match kind {
        DeErrorKind::WrongShape { expected, found } => {
            let (found, value) = match found {
                Found::Nothing => ("nothing", String::new()),
                Found::Text(t) => ("text", t.clone()),
                Found::List => ("list", String::new()),
                Found::Mapping => ("mapping", String::new()),
            };
            let expected = shape_key(expected);
            msg!(
                "wrong-shape",
                field = field,
                expected = expected,
                found = found,
                value = value
            )
            .into()
        }
        DeErrorKind::NotOneOf { value, allowed } => msg!(
            "not-one-of",
            field = field,
            value = value,
            allowed = allowed
        )
        .into(),
        _ => match bad_date(message) {
            Some((value, true)) => msg!("bad-date-time", field = field, value = value).into(),
            Some((value, false)) => msg!("bad-date", field = field, value = value).into(),
            None => format!("field \"{field}\": {message}").into(),
        },
    }
}

/// The resource's key for what the decoder expected (see `yaml::de`).
fn shape_key(expected: &str) -> &str {
    match expected {
        "a list" => "list",
        "text" => "text",
        "true or false" => "bool",
        "a mapping of fields" => "mapping",
        "one of the allowed values" => "choice",
        "nothing" => "nothing",
        "a whole number" => "integer",
        "a number" => "number",
        other => other,
    }
}

/// The value of `values::Date`'s and `values::Instant`'s parse errors (their `Deserialize` can
/// only hand serde a text): `(value, is_date_time)`.
fn bad_date(message: &str) -> Option<(&str, bool)> {
    let date = message
        .strip_prefix("invalid date \"")
        .and_then(|r| r.strip_suffix("\": expected YYYY-MM-DD"));
    let time = message
        .strip_prefix("invalid date-time \"")
        .and_then(|r| r.strip_suffix("\": expected YYYY-MM-DDTHH:MM:SS+08:00 or YYYY-MM-DD"));
    date.map(|v| (v, false)).or(time.map(|v| (v, true)))
}

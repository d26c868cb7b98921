//! Surgical edits of a record file: the fields a form changed are rewritten in place and every
//! other byte — comments, key order, quoting, blank lines, the body — stays as it was.
//!
//! The front matter's top-level entries are found by the lines their keys are on (from the YAML
//! tree); an entry whose value sits on the key's line has only its value replaced (a comment after
//! it is kept); an entry spread over several lines is rewritten whole. A new field is appended
//! at the end of the front matter; a field emptied is removed. Every edit is verified by parsing
//! the result again: the changed fields must read as intended, the others as before.

use crate::record::schema::FieldType;
use crate::yaml::{self, Node, NodeKind};

/// A field's value as a form gives it: text, a list, or a mapping. Empty text is "no value".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Val {
    Str(String),
    Seq(Vec<Val>),
    Map(Vec<(String, Val)>),
}

impl Val {
    pub fn is_empty(&self) -> bool {
        match self {
            Val::Str(s) => s.trim().is_empty(),
            Val::Seq(v) => v.iter().all(Val::is_empty),
            Val::Map(m) => m.iter().all(|(_, v)| v.is_empty()),
        }
    }

    /// Without empty items and entries, so that two ways of writing nothing compare equal.
    pub fn normalized(&self) -> Val {
        match self {
            Val::Str(s) => Val::Str(s.clone()),
            Val::Seq(v) => Val::Seq(
                v.iter()
                    .filter(|x| !x.is_empty())
                    .map(Val::normalized)
                    .collect(),
            ),
            Val::Map(m) => Val::Map(
                m.iter()
                    .filter(|(_, v)| !v.is_empty())
                    .map(|(k, v)| (k.clone(), v.normalized()))
                    .collect(),
            ),
        }
    }

    /// The text of a scalar ("" for anything else).
    pub fn text(&self) -> &str {
        match self {
            Val::Str(s) => s,
            _ => "",
        }
    }

    /// The items of a list as texts; a text is one item per line.
    pub fn lines(&self) -> Vec<String> {
        match self {
            Val::Str(s) => s
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
            Val::Seq(v) => v
                .iter()
                .map(|x| x.text().trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            Val::Map(_) => Vec::new(),
        }
    }

    /// The value under `key` of a mapping.
    pub fn get(&self, key: &str) -> Option<&Val> {
        match self {
            Val::Map(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// A node as a [`Val`]; a null is empty text.
pub fn from_node(node: &Node) -> Val {
    if node.is_null() {
        return Val::Str(String::new());
    }
    match &node.kind {
        NodeKind::Scalar(s, _) => Val::Str(s.clone()),
        NodeKind::Seq(items) => Val::Seq(items.iter().map(from_node).collect()),
        NodeKind::Map(entries) => Val::Map(
            entries
                .iter()
                .map(|(k, v)| (k.as_str().unwrap_or("").to_string(), from_node(v)))
                .collect(),
        ),
    }
}

/// Whether `old` (as read) and `new` (as the form gives it) say the same for a field of `ty`.
pub fn same(ty: FieldType, old: &Val, new: &Val) -> bool {
    match ty {
        FieldType::Lines => old.lines() == new.lines(),
        // Checkboxes come back in the vocabulary's order: a choice of values is a set.
        FieldType::Choices(_) => {
            let (mut a, mut b) = (old.lines(), new.lines());
            a.sort();
            b.sort();
            a == b
        }
        FieldType::LongText => {
            old.is_empty() && new.is_empty() || old.text().trim_end() == new.text().trim_end()
        }
        FieldType::Group(subs) => {
            subs.iter().all(|s| {
                let blank = Val::Str(String::new());
                same(
                    s.ty,
                    old.get(s.name).unwrap_or(&blank),
                    new.get(s.name).unwrap_or(&blank),
                )
            }) && old.is_empty() == new.is_empty()
        }
        FieldType::Rows(subs) => {
            let rows = |v: &Val| -> Vec<Val> {
                match v.normalized() {
                    Val::Seq(r) => r,
                    _ => Vec::new(),
                }
            };
            let (a, b) = (rows(old), rows(new));
            a.len() == b.len()
                && a.iter()
                    .zip(&b)
                    .all(|(x, y)| same(FieldType::Group(subs), x, y))
        }
        _ => old.text().trim() == new.text().trim(),
    }
}

/// One field to set: its name, its input type and the new value (empty removes it).
#[derive(Debug, Clone)]
pub struct Change {
    pub name: String,
    pub ty: FieldType,
    pub value: Val,
}

/// Why an edit could not be made; nothing is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditError(pub String);

/// The parts of a record file.
struct Parts<'a> {
    /// Byte range of the YAML in `text`.
    yaml: std::ops::Range<usize>,
    /// Where the Markdown body starts (`.md` only).
    body: Option<usize>,
    text: &'a str,
}

fn parts(text: &str, is_md: bool) -> Result<Parts<'_>, EditError> {
    if !is_md {
        return Ok(Parts {
            yaml: 0..text.len(),
            body: None,
            text,
        });
    }
    let split = crate::record::front::split_front_matter(text)
        .map_err(|p| EditError(p.message.render(crate::i18n::Lang::Zh)))?;
    let start = split.yaml.as_ptr() as usize - text.as_ptr() as usize;
    let body = split.body.as_ptr() as usize - text.as_ptr() as usize;
    Ok(Parts {
        yaml: start..start + split.yaml.len(),
        body: Some(body),
        text,
    })
}

/// The front matter of a record file, parsed.
pub fn front_tree(text: &str, is_md: bool) -> Result<Node, EditError> {
    let p = parts(text, is_md)?;
    yaml::parse(&p.text[p.yaml.clone()]).map_err(|e| EditError(e.message))
}

/// The Markdown body of a `.md` record file.
pub fn body_of(text: &str) -> &str {
    parts(text, true)
        .ok()
        .and_then(|p| p.body)
        .map_or("", |b| &text[b..])
}

/// A top-level entry's lines in the YAML text: `[start, end)` byte offsets, `end` after the
/// newline of its last line (trailing blank and column-0 comment lines left out).
#[derive(Debug, Clone)]
struct Entry {
    key: String,
    start: usize,
    end: usize,
}

fn entries(yaml_text: &str, tree: &Node) -> Vec<Entry> {
    let NodeKind::Map(map) = &tree.kind else {
        return Vec::new();
    };
    let mut line_starts = vec![0];
    line_starts.extend(
        yaml_text
            .bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i + 1),
    );
    let start_of = |line: u32| -> usize {
        line_starts
            .get(line.saturating_sub(1) as usize)
            .copied()
            .unwrap_or(yaml_text.len())
            .min(yaml_text.len())
    };
    let mut keys: Vec<(String, usize)> = map
        .iter()
        .map(|(k, _)| (k.as_str().unwrap_or("").to_string(), start_of(k.pos.line)))
        .collect();
    keys.sort_by_key(|(_, s)| *s);
    let mut out = Vec::new();
    for (i, (key, start)) in keys.iter().enumerate() {
        let mut end = keys.get(i + 1).map_or(yaml_text.len(), |(_, s)| *s);
        // Leave out trailing blank lines and comment lines at column 0: they belong to what
        // follows, or to nobody.
        loop {
            let body = &yaml_text[*start..end];
            let trimmed = body.strip_suffix('\n').unwrap_or(body);
            let Some(nl) = trimmed.rfind('\n') else { break };
            let last = &trimmed[nl + 1..];
            if last.trim().is_empty() || last.starts_with('#') {
                end = start + nl + 1;
            } else {
                break;
            }
        }
        out.push(Entry {
            key: key.clone(),
            start: *start,
            end,
        });
    }
    out
}

/// The byte range of the value on a one-line entry `key: value  # comment` (without the
/// comment and trailing spaces), and whether it is empty. `None` when the key is not written
/// plainly at the line's start.
fn inline_value(line: &str, key: &str) -> Option<(usize, usize)> {
    let rest = line.strip_prefix(key)?;
    let after_colon = rest.strip_prefix(':')?;
    let colon = key.len() + 1;
    let lead = after_colon.len() - after_colon.trim_start_matches([' ', '\t']).len();
    let v_start = colon + lead;
    let value = &line[v_start..];
    let mut end = value.len();
    let (mut single, mut double) = (false, false);
    let mut prev = ' ';
    for (i, c) in value.char_indices() {
        match c {
            '\'' if !double => single = !single,
            '"' if !single && prev != '\\' => double = !double,
            '#' if !single && !double && (prev == ' ' || prev == '\t' || i == 0) => {
                end = i;
                break;
            }
            _ => {}
        }
        prev = c;
    }
    let v_end = v_start + value[..end].trim_end().len();
    Some((v_start, v_end))
}

/// Applies `changes` (and a new Markdown `body`, when given) to a record file's text. Fields
/// whose value is the same as written are not touched; with nothing changed the text comes
/// back as it was, byte for byte.
pub fn apply(
    text: &str,
    is_md: bool,
    changes: &[Change],
    body: Option<&str>,
) -> Result<String, EditError> {
    let p = parts(text, is_md)?;
    let yaml_text = &text[p.yaml.clone()];
    let tree = yaml::parse(yaml_text).map_err(|e| EditError(e.message))?;
    if !matches!(tree.kind, NodeKind::Map(_)) {
        return Err(EditError(
            "front matter is not a mapping of fields".to_string(),
        ));
    }
    let list = entries(yaml_text, &tree);
    // (start, end, replacement) in YAML offsets; applied from the end.
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut appended = String::new();
    let mut changed = Vec::new();
    for ch in changes {
        let blank = Val::Str(String::new());
        let old = tree.get(&ch.name).map(from_node);
        if same(ch.ty, old.as_ref().unwrap_or(&blank), &ch.value) {
            continue;
        }
        changed.push(ch);
        let entry = list.iter().find(|e| e.key == ch.name);
        let Some(entry) = entry else {
            appended.push_str(&render_entry(&ch.name, ch.ty, &ch.value, None));
            continue;
        };
        if ch.value.is_empty() {
            edits.push((entry.start, entry.end, String::new()));
            continue;
        }
        let region = &yaml_text[entry.start..entry.end];
        let one_line = region.trim_end_matches('\n').lines().count() == 1;
        let line = region.trim_end_matches('\n');
        if one_line && let Some((vs, ve)) = inline_value(line, &ch.name) {
            let old_text = &line[vs..ve];
            let flow =
                old_text.starts_with('[') || old_text.starts_with('{') || old_text.is_empty();
            if let Some(v) = render_inline(ch.ty, &ch.value, flow) {
                let (s, e) = (entry.start + vs, entry.start + ve);
                if old_text.is_empty() {
                    let colon = entry.start + ch.name.len() + 1;
                    edits.push((colon, e, format!(" {v}")));
                } else {
                    edits.push((s, e, v));
                }
                continue;
            }
        }
        let flow = one_line;
        let style = if flow { Some(true) } else { Some(false) };
        edits.push((
            entry.start,
            entry.end,
            render_entry(&ch.name, ch.ty, &ch.value, style),
        ));
    }
    let mut new_yaml = yaml_text.to_string();
    if !appended.is_empty() {
        if !new_yaml.is_empty() && !new_yaml.ends_with('\n') {
            new_yaml.push('\n');
        }
        new_yaml.push_str(&appended);
    }
    edits.sort_by_key(|(s, _, _)| std::cmp::Reverse(*s));
    for (s, e, r) in edits {
        new_yaml.replace_range(s..e, &r);
    }
    let mut out = String::with_capacity(text.len() + 64);
    out.push_str(&text[..p.yaml.start]);
    out.push_str(&new_yaml);
    match p.body {
        Some(b) => {
            out.push_str(&text[p.yaml.end..b]);
            match body {
                Some(new_body) if new_body != &text[b..] => out.push_str(new_body),
                _ => out.push_str(&text[b..]),
            }
        }
        None => out.push_str(&text[p.yaml.end..]),
    }
    verify(&tree, &out, is_md, &changed)?;
    Ok(out)
}

/// Parses the result again: each changed field reads as intended, every other field as before.
fn verify(before: &Node, text: &str, is_md: bool, changed: &[&Change]) -> Result<(), EditError> {
    let after = front_tree(text, is_md)
        .map_err(|e| EditError(format!("the edit would break the front matter: {}", e.0)))?;
    let blank = Val::Str(String::new());
    for ch in changed {
        let now = after.get(&ch.name).map(from_node);
        if !same(ch.ty, now.as_ref().unwrap_or(&blank), &ch.value) {
            return Err(EditError(format!(
                "field \"{}\" would not read back as written",
                ch.name
            )));
        }
    }
    if let NodeKind::Map(entries) = &before.kind {
        for (k, v) in entries {
            let key = k.as_str().unwrap_or("");
            if changed.iter().any(|c| c.name == key) {
                continue;
            }
            if after.get(key).map(from_node) != Some(from_node(v)) {
                return Err(EditError(format!("field \"{key}\" would change")));
            }
        }
    }
    Ok(())
}

/// `name: value` as one or more lines; `flow` picks `[a, b]` / `{k: v}` over block style
/// (`None`: the usual style for the type).
fn render_entry(name: &str, ty: FieldType, v: &Val, flow: Option<bool>) -> String {
    let flow = flow.unwrap_or(!matches!(ty, FieldType::Rows(_)));
    if flow && let Some(s) = render_inline(ty, v, true) {
        return format!("{name}: {s}\n");
    }
    let v = v.normalized();
    match (&v, ty) {
        (_, FieldType::Lines | FieldType::Choices(_)) => {
            let mut out = format!("{name}:\n");
            for item in v.lines() {
                out.push_str(&format!("  - {}\n", scalar(&item, false)));
            }
            out
        }
        (Val::Str(s), _) if s.contains('\n') => format!("{name}: {}", literal(s, 0)),
        (Val::Str(s), _) => format!("{name}: {}\n", scalar(s.trim(), false)),
        (Val::Map(m), _) => {
            let mut out = format!("{name}:\n");
            for (k, x) in m {
                out.push_str(&format!("  {k}: {}\n", inline(x)));
            }
            out
        }
        (Val::Seq(rows), _) => {
            let mut out = format!("{name}:\n");
            for row in rows {
                match row {
                    Val::Map(m) => {
                        for (i, (k, x)) in m.iter().enumerate() {
                            let lead = if i == 0 { "  - " } else { "    " };
                            out.push_str(&format!("{lead}{k}: {}\n", inline(x)));
                        }
                    }
                    other => out.push_str(&format!("  - {}\n", inline(other))),
                }
            }
            out
        }
    }
}

/// The value on one line, or `None` when it needs several (multi-line text outside a flow).
fn render_inline(ty: FieldType, v: &Val, flow: bool) -> Option<String> {
    let v = v.normalized();
    match (&v, ty) {
        (Val::Str(s), FieldType::Lines | FieldType::Choices(_)) if flow => Some(inline(&Val::Seq(
            s.lines().map(|l| Val::Str(l.trim().into())).collect(),
        ))),
        (Val::Str(s), _) if s.trim_end().contains('\n') => None,
        (Val::Str(s), _) => Some(scalar(s.trim(), false)),
        (_, FieldType::Rows(_)) if !flow => None,
        (Val::Seq(_), FieldType::Lines | FieldType::Choices(_)) => Some(inline(&Val::Seq(
            v.lines().into_iter().map(Val::Str).collect(),
        ))),
        _ if flow => Some(inline(&v)),
        _ => None,
    }
}

/// Flow style: `text`, `[a, b]`, `{k: v}`.
fn inline(v: &Val) -> String {
    match v {
        Val::Str(s) => scalar(s.trim(), true),
        Val::Seq(items) => format!(
            "[{}]",
            items
                .iter()
                .filter(|x| !x.is_empty())
                .map(inline)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Val::Map(m) => format!(
            "{{{}}}",
            m.iter()
                .filter(|(_, x)| !x.is_empty())
                .map(|(k, x)| format!("{k}: {}", inline(x)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// A scalar: plain when that reads back as the same text, double-quoted otherwise.
pub fn scalar(s: &str, in_flow: bool) -> String {
    if plain_ok(s, in_flow) {
        s.to_string()
    } else {
        quoted(s)
    }
}

fn plain_ok(s: &str, in_flow: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if s != s.trim() || s.contains([':', '#', '\n', '\t', '\r', '"', '\'', '\\']) {
        return false;
    }
    if "-?,[]{}&*!|>%@`".contains(first) {
        return false;
    }
    if in_flow && s.contains([',', '[', ']', '{', '}']) {
        return false;
    }
    if s.chars().any(char::is_control) {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "~" | "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
    ) {
        return false;
    }
    true
}

fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A literal block scalar at the top level: `|2-` and the lines indented by two spaces.
fn literal(s: &str, indent: usize) -> String {
    if s.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return format!("{}\n", quoted(s));
    }
    let core = s.trim_end_matches('\n');
    let trailing = s.len() - core.len();
    let chomp = match trailing {
        0 => "-",
        1 => "",
        _ => "+",
    };
    let pad = " ".repeat(indent + 2);
    let mut out = format!("|2{chomp}\n");
    for line in core.split('\n') {
        if line.is_empty() {
            out.push('\n');
        } else {
            out.push_str(&pad);
            out.push_str(line);
            out.push('\n');
        }
    }
    for _ in 1..trailing {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests;

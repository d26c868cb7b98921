use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

use super::*;

/// Message id → the names of the variables it uses, for one resource.
fn messages(ftl: &str) -> BTreeMap<String, BTreeSet<String>> {
    let resource = fluent_syntax::parser::parse(ftl).unwrap_or_else(|(_, e)| panic!("{e:?}"));
    let mut out = BTreeMap::new();
    for entry in resource.body {
        match entry {
            Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    pattern_vars(p, &mut vars);
                }
                assert!(out.insert(m.id.name.to_string(), vars).is_none());
            }
            Entry::Junk { content } => panic!("unparsable Fluent: {content}"),
            _ => {}
        }
    }
    out
}

fn pattern_vars(p: &Pattern<&str>, vars: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let PatternElement::Placeable { expression } = el {
            match expression {
                Expression::Inline(e) => inline_vars(e, vars),
                Expression::Select { selector, variants } => {
                    inline_vars(selector, vars);
                    for v in variants {
                        pattern_vars(&v.value, vars);
                    }
                }
            }
        }
    }
}

fn inline_vars(e: &InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        InlineExpression::TermReference {
            arguments: Some(args),
            ..
        } => {
            for a in &args.positional {
                inline_vars(a, vars);
            }
            for a in &args.named {
                inline_vars(&a.value, vars);
            }
        }
        InlineExpression::Placeable { expression } => match &**expression {
            Expression::Inline(e) => inline_vars(e, vars),
            Expression::Select { selector, variants } => {
                inline_vars(selector, vars);
                for v in variants {
                    pattern_vars(&v.value, vars);
                }
            }
        },
        _ => {}
    }
}

#[test]
fn every_message_is_in_both_languages_with_the_same_arguments() {
    let zh = messages(ZH_CN_FTL);
    let en = messages(EN_FTL);
    let only_zh: Vec<_> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
    let only_en: Vec<_> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
    assert!(only_zh.is_empty(), "only in zh-CN: {only_zh:?}");
    assert!(only_en.is_empty(), "only in en: {only_en:?}");
    for (id, vars) in &zh {
        assert_eq!(
            vars, &en[id],
            "arguments of {id} differ between zh-CN and en"
        );
    }
}

/// Every `msg!("id", …)` and `tr(…, "id", …)` in the source names a message of the resources,
/// with exactly the arguments the resource uses.
#[test]
fn every_message_the_code_names_exists() {
    let zh = messages(ZH_CN_FTL);
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut missing = Vec::new();
    for entry in walkdir::WalkDir::new(root) {
        let entry = entry.unwrap();
        // This file names the macro in its own scanning code.
        if entry.path().extension().is_none_or(|e| e != "rs")
            || entry.path().ends_with("i18n/tests.rs")
        {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        // Comments may show the macro as an example.
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for (id, args) in named_in(&code) {
            match zh.get(&id) {
                None => missing.push(format!("{}: {id}", entry.path().display())),
                Some(vars) if args.as_ref().is_some_and(|a| a != vars) => missing.push(format!(
                    "{}: {id} passes {args:?}, the resource uses {vars:?}",
                    entry.path().display()
                )),
                Some(_) => {}
            }
        }
    }
    assert!(missing.is_empty(), "{missing:#?}");
}

/// `msg!("id", a = …, b = …)` gives the id and its argument names; `text(lang, "id")` the id.
fn named_in(text: &str) -> Vec<(String, Option<BTreeSet<String>>)> {
    let mut found = Vec::new();
    for (i, _) in text.match_indices("msg!(") {
        let rest = text[i + 5..].trim_start();
        let Some(rest) = rest.strip_prefix('"') else {
            continue;
        };
        let Some(end) = rest.find('"') else { continue };
        let id = rest[..end].to_string();
        // The arguments end at the macro's closing parenthesis, at depth zero.
        let mut depth = 1;
        let mut close = rest.len();
        for (j, c) in rest.char_indices() {
            match c {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => {
                    depth -= 1;
                    if depth == 0 {
                        close = j;
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(body) = rest.get(end + 1..close) else {
            continue;
        };
        let names = top_level_names(body);
        found.push((id, Some(names)));
    }
    for pat in ["text(lang, \"", "text(s.lang, \"", "text(ctx.lang, \""] {
        for (i, _) in text.match_indices(pat) {
            let rest = &text[i + pat.len()..];
            if let Some(end) = rest.find('"') {
                found.push((rest[..end].to_string(), Some(BTreeSet::new())));
            }
        }
    }
    found
}

/// Names before `=` at the top nesting level of a macro's argument list.
fn top_level_names(body: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut depth = 0;
    let mut start = 0;
    let bytes: Vec<char> = body.chars().collect();
    let mut parts = Vec::new();
    for (j, c) in bytes.iter().enumerate() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(bytes[start..j].iter().collect::<String>());
                start = j + 1;
            }
            _ => {}
        }
    }
    parts.push(bytes[start..].iter().collect::<String>());
    for p in parts {
        let p = p.trim();
        if let Some((name, _)) = p.split_once('=') {
            let name = name.trim();
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                names.insert(name.to_string());
            }
        }
    }
    names
}

#[test]
fn arguments_and_plurals_render_in_both_languages() {
    let m = crate::msg!("diag-summary", errors = 1, warnings = 7);
    assert_eq!(m.render(Lang::En), "1 error, 7 warnings");
    assert_eq!(m.render(Lang::Zh), "1 个错误，7 个警告");
}

#[test]
fn an_unknown_id_shows_itself() {
    assert_eq!(
        tr(Lang::En, "no-such-message", &[("x", Arg::Int(1))]),
        "no-such-message x=Int(1)"
    );
}

#[test]
fn common_io_errors_are_in_the_readers_words_and_others_as_the_system_wrote_them() {
    let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
    let m = crate::msg!("config-unreadable", error = &missing);
    assert_eq!(m.render(Lang::Zh), "无法读取站点配置：文件或文件夹不存在");
    assert!(
        m.render(Lang::En).ends_with("no such file or folder"),
        "{}",
        m.render(Lang::En)
    );
    let odd = std::io::Error::other("the device said no");
    let m = crate::msg!("config-unreadable", error = &odd);
    assert!(
        m.render(Lang::Zh).ends_with("the device said no"),
        "{}",
        m.render(Lang::Zh)
    );
}

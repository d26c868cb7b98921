use proptest::prelude::*;

use super::*;
use crate::record::schema::{self, FieldType};

const RECORD: &str = "---\n# 通知\nindex_no: \"11430199MB0000000X/2024-00019\"\ntitle: 关于开展爱国卫生运动的通知  # 标题\ncreated: 2024-10-15\npublisher: wjj\ngenre: 通知\ntopics: [卫生、体育]\nkeywords:\n  - 爱国卫生运动\n  - 环境整治\n\nstatus: draft\nsummary: \nreview: {by: 赵某某, on: 2024-10-16, secrecy: 非涉密, conclusion: 同意公开}\n---\n\n正文第一段。\n";

fn change(name: &str, value: Val) -> Change {
    Change {
        name: name.into(),
        ty: schema::field(name).unwrap().ty,
        value,
    }
}

fn s(x: &str) -> Val {
    Val::Str(x.into())
}

/// Every field of the form, as the form would send it back unchanged.
fn unchanged_form(text: &str) -> Vec<Change> {
    let tree = front_tree(text, true).unwrap();
    schema::FIELDS
        .iter()
        .map(|f| Change {
            name: f.name.into(),
            ty: f.ty,
            value: tree.get(f.name).map(from_node).unwrap_or(s("")),
        })
        .collect()
}

#[test]
fn saving_without_a_change_is_byte_identical() {
    let out = apply(RECORD, true, &unchanged_form(RECORD), Some(body_of(RECORD))).unwrap();
    assert_eq!(out, RECORD);
}

#[test]
fn every_example_record_saves_byte_identical() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf();
    let mut n = 0;
    for rel in crate::record::load::record_paths(&root) {
        let text = std::fs::read_to_string(root.join(&rel)).unwrap();
        let is_md = rel.extension().is_some_and(|e| e == "md");
        let tree = front_tree(&text, is_md).unwrap();
        let changes: Vec<Change> = schema::FIELDS
            .iter()
            .map(|f| Change {
                name: f.name.into(),
                ty: f.ty,
                value: tree.get(f.name).map(from_node).unwrap_or(s("")),
            })
            .collect();
        let body = is_md.then(|| body_of(&text));
        let out = apply(&text, is_md, &changes, body).unwrap();
        assert_eq!(out, text, "{}", rel.display());
        n += 1;
    }
    assert!(n > 50, "{n}");
}

#[test]
fn a_changed_title_keeps_its_comment_and_everything_else() {
    let out = apply(
        RECORD,
        true,
        &[change("title", s("新的标题: 含冒号"))],
        None,
    )
    .unwrap();
    assert_eq!(
        out,
        RECORD.replace(
            "title: 关于开展爱国卫生运动的通知  # 标题",
            "title: \"新的标题: 含冒号\"  # 标题"
        )
    );
}

#[test]
fn an_empty_value_is_filled_and_a_new_field_appended() {
    let out = apply(
        RECORD,
        true,
        &[
            change("summary", s("概述")),
            change("doc_no", s("芙政办发〔2024〕1号")),
        ],
        None,
    )
    .unwrap();
    assert!(out.contains("\nsummary: 概述\n"), "{out}");
    assert!(
        out.contains("conclusion: 同意公开}\ndoc_no: 芙政办发〔2024〕1号\n---\n"),
        "{out}"
    );
}

#[test]
fn lists_and_groups_keep_their_style() {
    let out = apply(
        RECORD,
        true,
        &[
            change("topics", Val::Seq(vec![s("卫生、体育"), s("其他")])),
            change("keywords", s("一\n二")),
            change(
                "review",
                Val::Map(vec![
                    ("by".into(), s("钱某某")),
                    ("on".into(), s("2024-10-17")),
                    ("secrecy".into(), s("非涉密")),
                    ("conclusion".into(), s("同意公开")),
                ]),
            ),
        ],
        None,
    )
    .unwrap();
    assert!(out.contains("topics: [卫生、体育, 其他]\n"), "{out}");
    assert!(out.contains("keywords:\n  - 一\n  - 二\n\nstatus"), "{out}");
    assert!(
        out.contains(
            "review: {by: 钱某某, on: 2024-10-17, secrecy: 非涉密, conclusion: 同意公开}\n"
        ),
        "{out}"
    );
}

#[test]
fn an_emptied_field_is_removed_and_the_body_replaced() {
    let out = apply(RECORD, true, &[change("genre", s(""))], Some("\n新正文\n")).unwrap();
    assert!(!out.contains("genre"));
    assert!(out.ends_with("---\n\n新正文\n"));
}

#[test]
fn multi_line_text_becomes_a_literal_block() {
    let out = apply(
        RECORD,
        true,
        &[change("summary", s("第一行\n  缩进行\n"))],
        None,
    )
    .unwrap();
    let tree = front_tree(&out, true).unwrap();
    assert_eq!(
        tree.get("summary").unwrap().as_str(),
        Some("第一行\n  缩进行\n")
    );
}

#[test]
fn rows_are_written_as_a_block() {
    let row = |f: &str, t: &str| Val::Map(vec![("file".into(), s(f)), ("title".into(), s(t))]);
    let out = apply(
        RECORD,
        true,
        &[change(
            "attachments",
            Val::Seq(vec![row("_files/a.pdf", "甲"), row("", "")]),
        )],
        None,
    )
    .unwrap();
    assert!(
        out.contains("attachments:\n  - file: _files/a.pdf\n    title: 甲\n---"),
        "{out}"
    );
    // And changed again, in place.
    let out2 = apply(
        &out,
        true,
        &[change(
            "attachments",
            Val::Seq(vec![row("_files/a.pdf", "乙")]),
        )],
        None,
    )
    .unwrap();
    assert!(out2.contains("    title: 乙\n---"), "{out2}");
}

fn tricky_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z 中文：:#'\"\\\\,\\[\\]{}!&*-]{0,24}",
        Just("null".to_string()),
        Just("- x".to_string()),
        Just("a: b".to_string()),
        Just("x #y".to_string()),
        "[0-9.-]{1,8}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Random edits to fields of example records keep every other field's lines, byte for
    /// byte, and read back as the values intended.
    #[test]
    fn random_edits_keep_every_other_byte(
        pick in 0usize..1000,
        field in prop::sample::select(vec!["title", "summary", "genre", "keywords", "doc_no", "topics", "created"]),
        value in tricky_text(),
        multi in any::<bool>(),
    ) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf();
        let paths: Vec<_> = crate::record::load::record_paths(&root)
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        let rel = &paths[pick % paths.len()];
        let text = std::fs::read_to_string(root.join(rel)).unwrap();
        let spec = schema::field(field).unwrap();
        let value = match spec.ty {
            FieldType::Lines | FieldType::Choices(_) => Val::Seq(value.split(',').map(|x| Val::Str(x.trim().into())).collect()),
            FieldType::LongText if multi => Val::Str(format!("{value}\n第二行 {value}\n")),
            FieldType::Date => Val::Str("2025-01-02".into()),
            _ => Val::Str(value.trim().into()),
        };
        let before = front_tree(&text, true).unwrap();
        let out = apply(&text, true, &[Change { name: field.into(), ty: spec.ty, value: value.clone() }], None);
        let out = out.map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let after = front_tree(&out, true).unwrap();
        let blank = Val::Str(String::new());
        prop_assert!(same(spec.ty, after.get(field).map(from_node).as_ref().unwrap_or(&blank), &value));
        // Every other entry's lines are unchanged, byte for byte, and so is the body.
        let y_before = &text[parts(&text, true).unwrap().yaml];
        let y_after = &out[parts(&out, true).unwrap().yaml];
        let old: Vec<String> = entries(y_before, &before).into_iter().filter(|e| e.key != field).map(|e| y_before[e.start..e.end].to_string()).collect();
        let new: Vec<String> = entries(y_after, &after).into_iter().filter(|e| e.key != field).map(|e| y_after[e.start..e.end].to_string()).collect();
        prop_assert_eq!(old, new);
        prop_assert_eq!(body_of(&text), body_of(&out));
    }
}

use super::*;
use crate::ledger::chain::{Head, append};
use crate::ledger::entry::Action;
use crate::ledger::testutil::draft;

/// A ledger of `n` publish entries, one a day from 2026-11-01.
fn ledger(n: u32) -> String {
    let drafts = (1..=n)
        .map(|i| {
            draft(
                &format!("X/2026-{i:05}"),
                Action::Publish,
                &format!("2026-11-{i:02}T09:00:00+08:00"),
            )
        })
        .collect();
    append("", &Head::empty(), drafts).0
}

fn edit(text: &str, f: impl FnOnce(&mut Vec<String>)) -> String {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    f(&mut lines);
    lines.iter().map(|l| format!("{l}\n")).collect()
}

/// (code id, line) of every error.
fn errors(text: &str) -> Vec<(&'static str, u32)> {
    verify(text)
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.code.id(), d.line))
        .collect()
}

#[test]
fn an_intact_ledger_verifies() {
    let text = ledger(5);
    let v = verify(&text);
    assert!(v.is_intact(), "{:?}", v.diagnostics);
    assert_eq!(v.entries.len(), 5);
    assert_eq!(v.entries[4].line, 5);
    assert_eq!(v.head.next_seq, 6);
    assert_eq!(v.head.hash, line_hash(text.lines().last().unwrap()));
    assert!(verify("").is_intact());
    assert_eq!(verify("").head, Head::empty());
}

#[test]
fn an_edited_line_is_named() {
    let text = edit(&ledger(5), |l| {
        l[1] = l[1].replace("T09:00:00", "T09:30:00")
    });
    let v = verify(&text);
    assert_eq!(errors(&text), vec![("E071", 2)], "{:?}", v.diagnostics);
    assert!(
        v.diagnostics[0]
            .message
            .to_string()
            .starts_with("line 2 was edited: line 3 (seq 3)")
    );
}

#[test]
fn an_edited_last_line_is_caught_by_its_own_hashes() {
    let text = edit(&ledger(3), |l| {
        let e: Entry = serde_json::from_str(&l[2]).unwrap();
        l[2] = l[2].replace(&e.source_sha256, &crate::hash::sha256_hex(b"forged"));
    });
    assert_eq!(errors(&text), vec![("E072", 3)]);
}

#[test]
fn a_deleted_line_is_named() {
    let text = edit(&ledger(5), |l| {
        l.remove(1);
    });
    let v = verify(&text);
    assert_eq!(errors(&text), vec![("E071", 2)], "{:?}", v.diagnostics);
    assert!(
        v.diagnostics[0]
            .message
            .to_string()
            .contains("entry seq 2 was deleted")
    );
    let first = edit(&ledger(3), |l| {
        l.remove(0);
    });
    assert_eq!(errors(&first), vec![("E071", 1)]);
}

#[test]
fn an_inserted_line_is_named() {
    // A forger who chains the new line correctly still breaks the line after it.
    let base = ledger(4);
    let two = edit(&base, |l| l.truncate(2));
    let v2 = verify(&two);
    let (forged, _) = append(
        "",
        &v2.head,
        vec![draft(
            "X/2026-00099",
            Action::Publish,
            "2026-11-02T12:00:00+08:00",
        )],
    );
    let text = edit(&base, |l| l.insert(2, forged.trim_end().to_string()));
    let v = verify(&text);
    assert_eq!(errors(&text), vec![("E071", 3)], "{:?}", v.diagnostics);
    assert!(
        v.diagnostics[0]
            .message
            .to_string()
            .starts_with("line 3 was inserted")
    );
    // A copied line.
    let copied = edit(&base, |l| {
        let dup = l[1].clone();
        l.insert(3, dup);
    });
    assert_eq!(errors(&copied), vec![("E071", 4)]);
}

#[test]
fn reordered_lines_are_named() {
    let text = edit(&ledger(5), |l| l.swap(1, 2));
    let v = verify(&text);
    assert_eq!(errors(&text), vec![("E071", 2)], "{:?}", v.diagnostics);
    assert!(
        v.diagnostics[0]
            .message
            .to_string()
            .contains("out of order")
    );
    let moved = edit(&ledger(5), |l| {
        let first = l.remove(0);
        l.push(first);
    });
    assert_eq!(errors(&moved), vec![("E071", 5)]);
}

#[test]
fn a_truncated_line_is_named() {
    let full = ledger(4);
    let cut = &full[..full.len() - 40];
    let v = verify(cut);
    assert_eq!(errors(cut), vec![("E070", 4)], "{:?}", v.diagnostics);
    assert!(v.diagnostics[0].message.to_string().contains("cut short"));
    assert_eq!(errors(&full[..full.len() - 1]), vec![("E070", 4)]);
}

#[test]
fn bad_lines_are_located() {
    let text = edit(&ledger(3), |l| l[1] = "{not json".into());
    assert!(errors(&text).contains(&("E070", 2)));
    let unknown = edit(&ledger(2), |l| l[1] = l[1].replacen('{', "{\"x\":1,", 1));
    let v = verify(&unknown);
    assert!(
        v.diagnostics
            .iter()
            .any(|d| d.line == 2 && d.message.to_string().contains("unknown field `x`")),
        "{:?}",
        v.diagnostics
    );
    let spaced = edit(&ledger(2), |l| l[1] = l[1].replace(",\"", ", \""));
    assert!(errors(&spaced).contains(&("E070", 2)));
    let blank = edit(&ledger(2), |l| l.insert(1, String::new()));
    assert!(errors(&blank).contains(&("E070", 2)));
}

#[test]
fn an_edited_seq_is_named() {
    let text = edit(&ledger(4), |l| {
        l[2] = l[2].replace("{\"seq\":3,", "{\"seq\":7,")
    });
    let v = verify(&text);
    assert_eq!(
        errors(&text),
        vec![("E071", 3), ("E071", 3)],
        "{:?}",
        v.diagnostics
    );
}

#[test]
fn a_clock_going_backwards_is_an_error() {
    let (text, _) = append(
        "",
        &Head::empty(),
        vec![
            draft("X/2026-00001", Action::Publish, "2026-11-05T09:00:00+08:00"),
            draft("X/2026-00002", Action::Publish, "2026-11-04T09:00:00+08:00"),
        ],
    );
    assert_eq!(errors(&text), vec![("E073", 2)]);
}

#[test]
fn actions_must_come_in_a_possible_order() {
    let at = "2026-11-05T09:00:00+08:00";
    let (text, _) = append(
        "",
        &Head::empty(),
        vec![
            draft("X/2026-00001", Action::Revise, at),
            draft("X/2026-00002", Action::Publish, at),
            draft("X/2026-00002", Action::Publish, at),
            draft("X/2026-00002", Action::Withdraw, at),
            draft("X/2026-00002", Action::Publish, at),
            draft("X/2026-00002", Action::Import, at),
        ],
    );
    assert_eq!(errors(&text), vec![("E072", 1), ("E072", 3), ("E072", 6)]);
    let mut late = draft("X/2026-00001", Action::Publish, at);
    late.date = crate::values::Date::ymd(2026, 11, 1);
    let (backdated, _) = append("", &Head::empty(), vec![late]);
    assert_eq!(errors(&backdated), vec![("E072", 1)]);
}

//! The hash chain: how an entry becomes a line, how a line is hashed, and how new entries are
//! appended so that each names the hash of the line before it.

use super::entry::{Draft, Entry};

/// The `prev` of the first line.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The exact line for an entry, without its newline: compact JSON, keys in struct order.
pub fn to_line(entry: &Entry) -> String {
    serde_json::to_string(entry).expect("a ledger entry always serializes")
}

/// SHA-256 of a line's bytes, without its newline.
pub fn line_hash(line: &str) -> String {
    crate::hash::sha256_hex(line.as_bytes())
}

/// A line of the ledger file as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawLine<'a> {
    /// 1-based line number.
    pub no: u32,
    /// The line without its newline.
    pub text: &'a str,
    /// False only for a last line that does not end with "\n".
    pub terminated: bool,
}

/// Splits a ledger file into lines, keeping whether the last one was cut short.
pub fn lines(text: &str) -> Vec<RawLine<'_>> {
    text.split_inclusive('\n')
        .zip(1u32..)
        .map(|(l, no)| match l.strip_suffix('\n') {
            Some(t) => RawLine {
                no,
                text: t,
                terminated: true,
            },
            None => RawLine {
                no,
                text: l,
                terminated: false,
            },
        })
        .collect()
}

/// The end of a well-formed ledger, from which new entries continue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// The seq of the next entry.
    pub next_seq: u64,
    /// The hash of the last line, or [`GENESIS`].
    pub hash: String,
}

impl Head {
    pub fn empty() -> Head {
        Head {
            next_seq: 1,
            hash: GENESIS.to_string(),
        }
    }
}

/// Appends `drafts` after `text` (a ledger ending at `head`): the new file's text and its new head.
pub fn append(text: &str, head: &Head, drafts: Vec<Draft>) -> (String, Head) {
    let mut out = String::with_capacity(text.len() + drafts.len() * 400);
    out.push_str(text);
    let mut head = head.clone();
    for d in drafts {
        let line = to_line(&d.into_entry(head.next_seq, head.hash.clone()));
        head = Head {
            next_seq: head.next_seq + 1,
            hash: line_hash(&line),
        };
        out.push_str(&line);
        out.push('\n');
    }
    (out, head)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::entry::Action;
    use crate::ledger::testutil::draft;
    use crate::values::Date;

    #[test]
    fn keys_are_written_in_the_fixed_order() {
        let (text, _) = append(
            "",
            &Head::empty(),
            vec![draft(
                "X/2026-00001",
                Action::Publish,
                "2026-11-25T09:00:00+08:00",
            )],
        );
        let keys: Vec<&str> = [
            "seq",
            "index_no",
            "action",
            "date",
            "at",
            "clock",
            "source_sha256",
            "attachments",
            "content_sha256",
            "prev",
        ]
        .to_vec();
        let mut last = 0;
        for k in keys {
            let pos = text.find(&format!("\"{k}\":")).expect(k);
            assert!(pos >= last, "{k} out of order in {text}");
            last = pos;
        }
        assert!(text.starts_with("{\"seq\":1,\"index_no\":\"X/2026-00001\",\"action\":\"publish\",\"date\":\"2026-11-25\",\"at\":\"2026-11-25T09:00:00+08:00\",\"clock\":\"injected\""));
        assert!(text.ends_with(&format!("\"prev\":\"{GENESIS}\"}}\n")));
    }

    #[test]
    fn each_line_names_the_hash_of_the_one_before() {
        let (one, head1) = append(
            "",
            &Head::empty(),
            vec![draft("X/2026-00001", Action::Publish, "2026-11-25")],
        );
        let (two, head2) = append(
            &one,
            &head1,
            vec![draft("X/2026-00002", Action::Publish, "2026-11-26")],
        );
        let ls = lines(&two);
        assert_eq!(ls.len(), 2);
        let second: Entry = serde_json::from_str(ls[1].text).unwrap();
        assert_eq!(second.seq, 2);
        assert_eq!(second.prev, line_hash(ls[0].text));
        assert_eq!(head1.hash, line_hash(ls[0].text));
        assert_eq!(head2.hash, line_hash(ls[1].text));
        assert_eq!(head2.next_seq, 3);
        assert_eq!(second.date, Date::ymd(2026, 11, 26));
    }

    #[test]
    fn content_hash_joins_source_and_attachments() {
        let d = draft("X/2026-00001", Action::Publish, "2026-11-25");
        let expected = crate::hash::sha256_hex(
            format!(
                "{}\n{}",
                d.content.source_sha256, d.content.attachments[0].sha256
            )
            .as_bytes(),
        );
        assert_eq!(d.into_entry(1, GENESIS.into()).content_sha256, expected);
    }

    #[test]
    fn a_cut_last_line_is_marked() {
        let ls = lines("a\nb");
        assert!(ls[0].terminated);
        assert!(!ls[1].terminated);
        assert_eq!(ls[1].no, 2);
        assert!(lines("").is_empty());
    }
}

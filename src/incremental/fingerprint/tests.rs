use std::collections::BTreeMap;

use super::*;
use crate::values::{Date, Decimal};

fn d<T: Serialize + ?Sized>(v: &T) -> Fingerprint {
    Digest::new().value(v).finish()
}

/// Every pair of values in `values` gives a different digest.
fn all_differ(values: &[Fingerprint]) {
    for (i, a) in values.iter().enumerate() {
        for (j, b) in values.iter().enumerate().skip(i + 1) {
            assert_ne!(a, b, "values {i} and {j} have the same digest");
        }
    }
}

#[test]
fn fields_are_delimited() {
    let a = Digest::new().field(b"ab").field(b"c").finish();
    let b = Digest::new().field(b"a").field(b"bc").finish();
    assert_ne!(a, b);
}

#[derive(Serialize)]
struct Page<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    tags: Vec<&'a str>,
}

#[test]
fn equal_values_give_equal_digests() {
    let page = |title| Page {
        title,
        note: None,
        tags: vec!["a", "b"],
    };
    assert_eq!(d(&page("通知")), d(&page("通知")));
    assert_ne!(d(&page("通知")), d(&page("公告")));
    // The same data model, whatever the Rust type: a Vec and a slice, maps in any order.
    assert_eq!(d(&vec!["a", "b"]), d(&["a", "b"][..]));
    let m1: BTreeMap<_, _> = [("x", 1), ("y", 2)].into_iter().collect();
    let m2: BTreeMap<_, _> = [("y", 2), ("x", 1)].into_iter().collect();
    assert_eq!(d(&m1), d(&m2));
}

#[test]
fn strings_and_sequences_are_delimited() {
    all_differ(&[
        d(&("ab", "c")),
        d(&("a", "bc")),
        d(&vec!["ab", "c"]),
        d(&vec!["a", "bc"]),
        d(&[vec![1], vec![]]),
        d(&[vec![], vec![1]]),
        d(&[vec![1]]),
        d(&"abc"),
        d(&b"abc"[..]),
        d(&serde_bytes_like(b"abc")),
    ]);
    // Text may hold any byte, a tag's included: only lengths tell these apart.
    let tag_str = char::from(tag::STR).to_string();
    assert_ne!(d(&vec!["a", "b"]), d(&vec![format!("a{tag_str}b")]));
}

/// Bytes through `serialize_bytes` (a `&[u8]` serialises as a sequence of numbers).
fn serde_bytes_like(b: &[u8]) -> impl Serialize + '_ {
    struct B<'a>(&'a [u8]);
    impl Serialize for B<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(self.0)
        }
    }
    B(b)
}

#[test]
fn options_empty_and_missing_differ() {
    let page = |note, tags| Page {
        title: "t",
        note,
        tags,
    };
    all_differ(&[
        d(&None::<Option<u8>>),
        d(&Some(None::<u8>)),
        d(&Some(Some(0u8))),
        d(&Some(0u8)),
        d(&0u8),
        d(&page(None, vec![])),
        d(&page(Some(""), vec![])),
        d(&page(None, vec![""])),
        d(&Some("")),
        d(&""),
        d(&()),
    ]);
}

#[derive(Serialize)]
enum Kind {
    A,
    B,
    N(u8),
    M(u8),
    T(u8, u8),
    S { x: u8 },
}

#[derive(Serialize)]
struct X {
    x: u8,
}

#[derive(Serialize)]
struct Y {
    y: u8,
}

#[test]
fn variants_names_and_numbers_differ() {
    all_differ(&[
        d(&Kind::A),
        d(&Kind::B),
        d(&Kind::N(1)),
        d(&Kind::N(2)),
        d(&Kind::M(1)),
        d(&Kind::T(1, 2)),
        d(&Kind::T(2, 1)),
        d(&Kind::S { x: 1 }),
        d(&X { x: 1 }),
        d(&Y { y: 1 }),
        d(&1u8),
        d(&1u64),
        d(&1i64),
        d(&1.0f64),
        d(&true),
        d(&'1'),
        d(&"1"),
    ]);
}

#[test]
fn maps_differ_by_keys_values_and_boundaries() {
    let m =
        |pairs: &[(&'static str, &'static str)]| pairs.iter().copied().collect::<BTreeMap<_, _>>();
    all_differ(&[
        d(&m(&[])),
        d(&m(&[("a", "1")])),
        d(&m(&[("a", "2")])),
        d(&m(&[("b", "1")])),
        d(&m(&[("ab", "c")])),
        d(&m(&[("a", "bc")])),
        d(&m(&[("a", "1"), ("b", "1")])),
        d(&["a", "1"]),
        d(&Vec::<u8>::new()),
    ]);
    // Untyped values: only the end of the list tells which map entry "c" belongs to.
    use serde_json::json;
    all_differ(&[
        d(&json!({"a": ["b"], "c": "d"})),
        d(&json!({"a": ["b", "c", "d"]})),
    ]);
}

#[test]
fn collect_str_values_are_covered() {
    all_differ(&[
        d(&Date::ymd(2026, 1, 2)),
        d(&Date::ymd(2026, 1, 3)),
        d(&Decimal::parse("1.5").unwrap()),
        d(&Decimal::parse("1.50").unwrap()),
        d(&(Date::ymd(2026, 1, 2), "x")),
        d(&(Date::ymd(2026, 1, 2), "")),
    ]);
    // Streamed text is closed, so where it ends matters, however long it is.
    let long = "长".repeat(40);
    all_differ(&[
        d(&(Decimal::parse("12").unwrap(), Decimal::parse("3").unwrap())),
        d(&(Decimal::parse("1").unwrap(), Decimal::parse("23").unwrap())),
        d(&(Streamed(&long), Streamed("a"))),
        d(&(Streamed(&format!("{long}a")), Streamed(""))),
    ]);
    assert_eq!(d(&Streamed(&long)), d(&Streamed(&long.clone())));
    // Streamed text may hold a tag byte: only its end marker tells these apart.
    let tagged = format!("a{}b", char::from(tag::STREAMED));
    assert_ne!(
        d(&vec![Streamed("a"), Streamed("b")]),
        d(&vec![Streamed(&tagged)])
    );
}

struct Streamed<'a>(&'a str);

impl Serialize for Streamed<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self.0)
    }
}

#[test]
fn skipped_fields_are_left_out_of_the_outer_struct_only() {
    #[derive(Serialize)]
    struct Outer<'a> {
        title: &'a str,
        body: &'a str,
        inner: Page<'a>,
    }
    let page = |title| Page {
        title,
        note: None,
        tags: vec![],
    };
    let outer = |title, body, inner| Outer {
        title,
        body,
        inner: page(inner),
    };
    let w = |v: &Outer| Digest::new().value_without(v, &["body"]).finish();
    assert_eq!(
        w(&outer("a", "正文", "x")),
        w(&outer("a", "改过的正文", "x"))
    );
    assert_ne!(w(&outer("a", "正文", "x")), w(&outer("b", "正文", "x")));
    // `Page` has a field `title`, not `body`; skipping `title` must not reach into it.
    let t = |v: &Outer| Digest::new().value_without(v, &["title"]).finish();
    assert_eq!(t(&outer("a", "正文", "x")), t(&outer("b", "正文", "x")));
    assert_ne!(t(&outer("a", "正文", "x")), t(&outer("a", "正文", "y")));
    assert_ne!(w(&outer("a", "正文", "x")), d(&outer("a", "正文", "x")));
}

#[test]
fn the_buffer_does_not_change_the_digest() {
    // Pieces short and long, across the buffer's edge: the digest is XXH3 of their bytes.
    let pieces: Vec<Vec<u8>> = (0..2000usize)
        .map(|i| vec![(i % 251) as u8; (i * 7) % (SINK_BUFFER + 40)])
        .collect();
    let mut d = Digest::new();
    let mut all = Vec::new();
    for p in &pieces {
        d.field(p);
        all.extend_from_slice(&(p.len() as u64).to_le_bytes());
        all.extend_from_slice(p);
    }
    assert_eq!(d.finish(), of_bytes(&all));
    assert_eq!(
        d.finish(),
        of_bytes(&all),
        "finish leaves the digest as it was"
    );
}

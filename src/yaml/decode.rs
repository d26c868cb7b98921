//! Decoding a node tree into a typed value, reporting every error instead of the first.
//!
//! serde stops at the first error. We record it, cut the offending entry out of the tree and try
//! again, so one pass over a file reports all its unknown fields and bad values. An entry that
//! was cut is remembered in `broken`, so that the "missing field" it causes is not reported twice.

use serde::de::DeserializeOwned;

use super::de::{DeError, DeErrorKind, NodeDe};
use super::node::{Node, PathSeg};

/// The result of decoding: a value when the tree (minus its broken entries) decoded, and the
/// errors met on the way.
#[derive(Debug)]
pub struct Decoded<T> {
    pub value: Option<T>,
    pub errors: Vec<DeError>,
    /// Paths of entries that were cut out because they were wrong.
    pub broken: Vec<Vec<PathSeg>>,
}

impl<T> Decoded<T> {
    /// True when the top-level field `name` was present but wrong.
    pub fn is_broken(&self, name: &str) -> bool {
        self.broken
            .iter()
            .any(|p| p.first() == Some(&PathSeg::Key(name.to_string())))
    }
}

const MAX_ROUNDS: usize = 64;

pub fn decode<T: DeserializeOwned>(tree: &Node) -> Decoded<T> {
    // The tree is copied only when a problem has to be cut out of it: most records have none.
    let mut cut_tree: Option<Node> = None;
    let mut errors: Vec<DeError> = Vec::new();
    let mut broken: Vec<Vec<PathSeg>> = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let current = cut_tree.as_ref().unwrap_or(tree);
        match T::deserialize(NodeDe::new(current, Vec::new())) {
            Ok(v) => {
                return Decoded {
                    value: Some(v),
                    errors,
                    broken,
                };
            }
            Err(e) => {
                // A missing field cannot be cut out, so its whole parent mapping is; the
                // parent is then absent, which the caller must not report again.
                let cut = e.path.clone();
                let repeated = match &e.kind {
                    DeErrorKind::MissingField(f) => {
                        let mut p = e.path.clone();
                        p.push(PathSeg::Key((*f).to_string()));
                        broken.contains(&p)
                    }
                    _ => false,
                };
                if !repeated {
                    errors.push(e);
                }
                let owned = cut_tree.get_or_insert_with(|| tree.clone());
                if cut.is_empty() || !owned.remove(&cut) {
                    break;
                }
                broken.push(cut);
            }
        }
    }
    Decoded {
        value: None,
        errors,
        broken,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::parse;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        name: String,
        amount: f64,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: Option<String>,
        count: Option<u32>,
        inner: Option<Inner>,
        tags: Option<Vec<String>>,
    }

    #[test]
    fn reports_every_error_with_its_line() {
        let yaml = "title: a\ncount: many\ntitel: b\ninner:\n  name: x\n  amount: lots\n";
        let d = decode::<Doc>(&parse(yaml).unwrap());
        let lines: Vec<_> = d
            .errors
            .iter()
            .map(|e| (e.pos.unwrap().line, e.field()))
            .collect();
        assert_eq!(
            lines,
            vec![
                (2, "count".to_string()),
                (3, "titel".to_string()),
                (6, "inner.amount".to_string())
            ]
        );
        assert!(d.is_broken("count"));
        let v = d.value.unwrap();
        assert_eq!(v.title.as_deref(), Some("a"));
        assert!(v.inner.is_none());
    }

    #[test]
    fn missing_nested_field_is_reported_once() {
        let d = decode::<Doc>(&parse("inner:\n  name: x\n").unwrap());
        assert_eq!(d.errors.len(), 1);
        assert_eq!(d.errors[0].message, "missing required field \"amount\"");
        assert_eq!(d.errors[0].pos.unwrap().line, 2);
    }

    #[test]
    fn unknown_field_lists_expected_names() {
        let d = decode::<Doc>(&parse("tittle: x\n").unwrap());
        match &d.errors[0].kind {
            DeErrorKind::UnknownField { field, expected } => {
                assert_eq!(field, "tittle");
                assert!(expected.contains(&"title"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn numbers_read_as_text_where_text_is_wanted() {
        let d = decode::<Doc>(&parse("title: 2024\ntags: [1, b]\n").unwrap());
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        assert_eq!(d.value.unwrap().tags.unwrap(), vec!["1", "b"]);
    }
}

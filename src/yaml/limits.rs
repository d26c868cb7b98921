//! Limits on one YAML document, so a hostile file cannot take the machine: its size, its nesting
//! depth, and how far aliases may expand it (a "billion laughs" alias bomb of a few hundred bytes
//! otherwise grows into gigabytes of nodes).
//!
//! An alias is a reference in the file but a copy in the tree, so every alias is weighed as the
//! nodes and scalar bytes it would copy before it is copied. The whole tree may hold at most
//! [`EXPANSION_FACTOR`] times the nodes the document itself wrote (and never fewer than
//! [`FLOOR_NODES`], nor more than [`MAX_NODES`]), and scalar text at most [`EXPANSION_FACTOR`]
//! times the document's length (never less than [`FLOOR_BYTES`]).

use crate::i18n::Msg;

use super::node::Pos;

/// Largest YAML document read (front matter, `site.yaml`, data files).
pub const MAX_DOCUMENT_BYTES: usize = 4 << 20;
/// Deepest nesting of sequences and mappings, aliases included.
pub const MAX_DEPTH: usize = 64;
/// How many times larger than written aliases may make a document.
pub const EXPANSION_FACTOR: u64 = 10;
/// Nodes any document may expand to, however small it is.
pub const FLOOR_NODES: u64 = 10_000;
/// Scalar bytes any document may expand to, however small it is.
pub const FLOOR_BYTES: u64 = 1 << 20;
/// Nodes no document may exceed.
pub const MAX_NODES: u64 = 1_000_000;

/// Messages of this module (a clerk reads them).
fn too_long(len: usize) -> Msg {
    crate::msg!("yaml-too-long", len = len, max = MAX_DOCUMENT_BYTES)
}
fn too_deep() -> Msg {
    crate::msg!("yaml-too-deep", max = MAX_DEPTH)
}
fn too_expanded(nodes: u64, bytes: u64) -> Msg {
    crate::msg!(
        "yaml-too-expanded",
        nodes = nodes,
        bytes = bytes,
        factor = EXPANSION_FACTOR,
        max = MAX_NODES
    )
}

/// What a subtree holds: nodes, scalar bytes, and its height (a scalar is 0).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Weight {
    pub nodes: u64,
    pub bytes: u64,
    pub height: usize,
}

impl Weight {
    pub fn scalar(text: &str) -> Weight {
        Weight {
            nodes: 1,
            bytes: text.len() as u64,
            height: 0,
        }
    }

    pub fn collection() -> Weight {
        Weight {
            nodes: 1,
            bytes: 0,
            height: 0,
        }
    }

    /// Adds a child to a collection's weight.
    pub fn add_child(&mut self, child: Weight) {
        self.nodes += child.nodes;
        self.bytes += child.bytes;
        self.height = self.height.max(child.height + 1);
    }
}

/// The running account of one document.
#[derive(Debug, Default)]
pub struct Budget {
    doc_bytes: u64,
    /// Nodes the document wrote itself.
    own_nodes: u64,
    /// Nodes and bytes the tree holds, copies made by aliases included.
    total_nodes: u64,
    total_bytes: u64,
}

impl Budget {
    /// A budget for a document of `text`, or the error when the text alone is too long.
    pub fn new(text: &str) -> Result<Budget, (Pos, Msg)> {
        if text.len() > MAX_DOCUMENT_BYTES {
            return Err((Pos::new(1, 1), too_long(text.len())));
        }
        Ok(Budget {
            doc_bytes: text.len() as u64,
            ..Budget::default()
        })
    }

    /// A node the document writes itself, opened at nesting `depth` (the root is at 0).
    pub fn own(&mut self, weight: Weight, depth: usize) -> Result<(), Msg> {
        if depth > MAX_DEPTH {
            return Err(too_deep());
        }
        self.own_nodes += weight.nodes;
        self.total_nodes += weight.nodes;
        self.total_bytes += weight.bytes;
        self.check()
    }

    /// An alias at nesting `depth` that copies a subtree of `weight`; checked before copying.
    pub fn alias(&mut self, weight: Weight, depth: usize) -> Result<(), Msg> {
        if depth + weight.height > MAX_DEPTH {
            return Err(too_deep());
        }
        self.total_nodes += weight.nodes;
        self.total_bytes += weight.bytes;
        self.check()
    }

    fn check(&self) -> Result<(), Msg> {
        let nodes = (EXPANSION_FACTOR * self.own_nodes).clamp(FLOOR_NODES, MAX_NODES);
        let bytes = (EXPANSION_FACTOR * self.doc_bytes).max(FLOOR_BYTES);
        if self.total_nodes > nodes || self.total_bytes > bytes {
            return Err(too_expanded(self.total_nodes, self.total_bytes));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    /// A "billion laughs" document: each level lists the one above nine times.
    fn alias_bomb(levels: usize) -> String {
        let mut text = String::from("l0: &l0 [x, x, x, x, x, x, x, x, x]\n");
        for i in 1..=levels {
            let refs = vec![format!("*l{}", i - 1); 9].join(", ");
            text.push_str(&format!("l{i}: &l{i} [{refs}]\n"));
        }
        text
    }

    /// Issue 19.3: a 633-byte record with 7 levels of aliases used ~2 GB.
    #[test]
    fn alias_bomb_is_refused_before_it_expands() {
        let text = alias_bomb(6);
        assert!(text.len() < 700);
        let e = parse(&text).unwrap_err();
        assert!(e.over_limit, "{e:?}");
        // Located at the alias that would have crossed the budget (the level-4 line).
        assert_eq!(e.pos.line, 5, "{e:?}");
        assert!(e.message.contains("别名"), "{}", e.message);
    }

    #[test]
    fn ordinary_aliases_are_fine() {
        let t = parse("a: &x {k: 1, v: [1, 2]}\nb: *x\nc: *x\n").unwrap();
        assert_eq!(t.get("b"), t.get("a"));
        assert!(parse(&alias_bomb(2)).is_ok());
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let e = parse(&deep).unwrap_err();
        assert!(e.over_limit && e.pos.line == 1, "{e:?}");
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&ok).is_ok());
    }

    /// Aliases stack depth too: a deep anchor nested under a deep alias.
    #[test]
    fn deep_nesting_through_an_alias_is_refused() {
        let half = MAX_DEPTH / 2 + 2;
        let text = format!(
            "a: &a {}{}\nb: {}*a{}\n",
            "[".repeat(half),
            "]".repeat(half),
            "[".repeat(half),
            "]".repeat(half)
        );
        let e = parse(&text).unwrap_err();
        assert!(e.over_limit && e.pos.line == 2, "{e:?}");
    }

    #[test]
    fn long_scalars_copied_by_aliases_count_as_bytes() {
        let big = "x".repeat(200_000);
        let refs = vec!["*s"; 60].join(", ");
        let e = parse(&format!("s: &s {big}\nl: [{refs}]\n")).unwrap_err();
        assert!(e.over_limit && e.pos.line == 2, "{e:?}");
    }

    #[test]
    fn overlong_documents_are_refused_unread() {
        let text = "a: b\n".repeat(MAX_DOCUMENT_BYTES / 5 + 1);
        let e = parse(&text).unwrap_err();
        assert!(e.over_limit && e.pos == Pos::new(1, 1), "{e:?}");
    }
}

//! The YAML node tree with positions (1-based line and column, counted from the file's top).

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle as SaphyrStyle, Span};

use super::limits::{Budget, Weight};

/// A position in a source file, 1-based.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub fn new(line: u32, col: u32) -> Self {
        Pos { line, col }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    Quoted,
    Block,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    Scalar(String, ScalarStyle),
    Seq(Vec<Node>),
    /// Keys are kept in file order; duplicates are rejected while parsing.
    Map(Vec<(Node, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub pos: Pos,
}

/// A YAML syntax error, or a document past one of the [`super::limits`], located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlSyntaxError {
    pub pos: Pos,
    pub message: String,
    /// True when the document is well-formed but past a limit (size, depth, alias expansion).
    pub over_limit: bool,
    /// The slip of Chinese typing ([`super::typing`]) the error is, when it is one: its message
    /// is in the user's words, rather than the parser's.
    pub typing_slip: Option<super::typing::Slip>,
    /// The key written twice in one mapping, when that is the error.
    pub duplicate_key: Option<String>,
    /// The limit passed, when that is the error (`over_limit`), in the reader's words.
    pub limit: Option<crate::i18n::Msg>,
}

impl YamlSyntaxError {
    fn syntax(pos: Pos, message: impl Into<String>) -> YamlSyntaxError {
        YamlSyntaxError {
            pos,
            message: message.into(),
            over_limit: false,
            typing_slip: None,
            duplicate_key: None,
            limit: None,
        }
    }

    fn limit(pos: Pos, message: crate::i18n::Msg) -> YamlSyntaxError {
        YamlSyntaxError {
            pos,
            // Chinese for text with no reader's language to hand (the desk's editor).
            message: message.render(crate::i18n::Lang::Zh),
            over_limit: true,
            typing_slip: None,
            duplicate_key: None,
            limit: Some(message),
        }
    }
}

impl Node {
    /// The text of a scalar, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar(s, _) => Some(s),
            _ => None,
        }
    }

    /// True for an explicit or implicit YAML null (`~`, `null`, or nothing at all).
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, NodeKind::Scalar(s, ScalarStyle::Plain) if is_null_text(s))
    }

    /// The value under `key` of a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.kind {
            NodeKind::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// The key node of `key` in a mapping (to point at the field name itself).
    pub fn key_pos(&self, key: &str) -> Option<Pos> {
        match &self.kind {
            NodeKind::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(k, _)| k.pos),
            _ => None,
        }
    }

    /// Follows a path of map keys and sequence indexes.
    pub fn at(&self, path: &[PathSeg]) -> Option<&Node> {
        let mut node = self;
        for seg in path {
            node = match (seg, &node.kind) {
                (PathSeg::Key(k), NodeKind::Map(_)) => node.get(k)?,
                (PathSeg::Index(i), NodeKind::Seq(items)) => items.get(*i)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// Removes the entry at `path`; false when there is nothing there to remove.
    pub fn remove(&mut self, path: &[PathSeg]) -> bool {
        let Some((last, parent_path)) = path.split_last() else {
            return false;
        };
        let Some(parent) = self.at_mut(parent_path) else {
            return false;
        };
        match (last, &mut parent.kind) {
            (PathSeg::Key(k), NodeKind::Map(entries)) => {
                let before = entries.len();
                entries.retain(|(key, _)| key.as_str() != Some(k));
                entries.len() != before
            }
            (PathSeg::Index(i), NodeKind::Seq(items)) if *i < items.len() => {
                items.remove(*i);
                true
            }
            _ => false,
        }
    }

    fn at_mut(&mut self, path: &[PathSeg]) -> Option<&mut Node> {
        let mut node = self;
        for seg in path {
            node = match (seg, &mut node.kind) {
                (PathSeg::Key(k), NodeKind::Map(entries)) => entries
                    .iter_mut()
                    .find(|(key, _)| key.as_str() == Some(k))
                    .map(|(_, v)| v)?,
                (PathSeg::Index(i), NodeKind::Seq(items)) => items.get_mut(*i)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// Shifts every position down by `lines` (front matter starts below the `---` line).
    pub fn offset_lines(&mut self, lines: u32) {
        self.pos.line += lines;
        match &mut self.kind {
            NodeKind::Scalar(..) => {}
            NodeKind::Seq(items) => items.iter_mut().for_each(|n| n.offset_lines(lines)),
            NodeKind::Map(entries) => entries.iter_mut().for_each(|(k, v)| {
                k.offset_lines(lines);
                v.offset_lines(lines);
            }),
        }
    }
}

/// One step of a path into a node tree.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PathSeg {
    Key(String),
    Index(usize),
}

pub(crate) fn is_null_text(s: &str) -> bool {
    matches!(s, "" | "~" | "null" | "Null" | "NULL")
}

fn pos_of(span: &Span) -> Pos {
    Pos::new(span.start.line() as u32, span.start.col() as u32 + 1)
}

/// Parses one YAML document into a node tree. An empty document is an empty mapping.
/// Refuses a document past the [`super::limits`] with a located error, before building it.
pub fn parse(text: &str) -> Result<Node, YamlSyntaxError> {
    let budget = Budget::new(text).map_err(|(pos, m)| YamlSyntaxError::limit(pos, m))?;
    let mut builder = Builder {
        budget,
        ..Builder::default()
    };
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| {
            let pos = Pos::new(e.marker().line() as u32, e.marker().col() as u32 + 1);
            typing_slip_before(text, pos).unwrap_or_else(|| YamlSyntaxError::syntax(pos, e.info()))
        })?;
        if builder.push(event, pos_of(&span))? {
            break;
        }
    }
    Ok(builder.root.unwrap_or(Node {
        kind: NodeKind::Map(Vec::new()),
        pos: Pos::new(1, 1),
    }))
}

/// The first slip of Chinese typing that breaks the document, at or before the parser's error:
/// the parser stumbles a line or more after a full-width colon or a tab, so it is the real cause.
fn typing_slip_before(text: &str, error: Pos) -> Option<YamlSyntaxError> {
    super::typing::slips(text)
        .into_iter()
        .find(|s| s.kind.breaks_yaml() && s.pos.line <= error.line)
        .map(|s| YamlSyntaxError {
            typing_slip: Some(s),
            ..YamlSyntaxError::syntax(s.pos, s.message())
        })
}

#[derive(Default)]
struct Builder {
    /// Open collections with their anchor id (0: none) and their weight so far.
    stack: Vec<(Node, usize, Weight)>,
    /// For mappings under construction: the key waiting for its value.
    pending_keys: Vec<Option<Node>>,
    anchors: HashMap<usize, (Node, Weight)>,
    root: Option<Node>,
    documents: usize,
    budget: Budget,
}

impl Builder {
    /// Feeds one event; returns true when the first document is complete.
    fn push(&mut self, event: Event<'_>, pos: Pos) -> Result<bool, YamlSyntaxError> {
        match event {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(YamlSyntaxError::syntax(
                        pos,
                        "more than one YAML document in one record",
                    ));
                }
            }
            Event::DocumentEnd => return Ok(false),
            Event::Scalar(text, style, anchor, _tag) => {
                let style = match style {
                    SaphyrStyle::Plain => ScalarStyle::Plain,
                    SaphyrStyle::SingleQuoted | SaphyrStyle::DoubleQuoted => ScalarStyle::Quoted,
                    _ => ScalarStyle::Block,
                };
                let weight = Weight::scalar(&text);
                self.budget
                    .own(weight, self.stack.len())
                    .map_err(|m| YamlSyntaxError::limit(pos, m))?;
                let node = Node {
                    kind: NodeKind::Scalar(text.into_owned(), style),
                    pos,
                };
                self.complete(node, anchor, weight)?;
            }
            Event::SequenceStart(anchor, _) => self.open(NodeKind::Seq(Vec::new()), anchor, pos)?,
            Event::MappingStart(anchor, _) => self.open(NodeKind::Map(Vec::new()), anchor, pos)?,
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor, weight) = self.stack.pop().expect("balanced events");
                self.pending_keys.pop();
                self.complete(node, anchor, weight)?;
            }
            Event::Alias(id) => {
                let weight = (self.anchors.get(&id).map(|(_, w)| *w))
                    .ok_or_else(|| YamlSyntaxError::syntax(pos, "alias to an unknown anchor"))?;
                // Weighed before copying: the copy is what an alias bomb is made of.
                self.budget
                    .alias(weight, self.stack.len())
                    .map_err(|m| YamlSyntaxError::limit(pos, m))?;
                let node = self.anchors[&id].0.clone();
                self.complete(node, 0, weight)?;
            }
            Event::StreamEnd => return Ok(true),
            _ => {}
        }
        Ok(false)
    }

    fn open(&mut self, kind: NodeKind, anchor: usize, pos: Pos) -> Result<(), YamlSyntaxError> {
        let weight = Weight::collection();
        self.budget
            .own(weight, self.stack.len())
            .map_err(|m| YamlSyntaxError::limit(pos, m))?;
        self.stack.push((Node { kind, pos }, anchor, weight));
        self.pending_keys.push(None);
        Ok(())
    }

    fn complete(
        &mut self,
        mut node: Node,
        anchor: usize,
        weight: Weight,
    ) -> Result<(), YamlSyntaxError> {
        if anchor != 0 {
            self.anchors.insert(anchor, (node.clone(), weight));
        }
        let Some((parent, _, parent_weight)) = self.stack.last_mut() else {
            self.root = Some(node);
            return Ok(());
        };
        parent_weight.add_child(weight);
        let pending = self
            .pending_keys
            .last_mut()
            .expect("one slot per open node");
        match &mut parent.kind {
            NodeKind::Seq(items) => items.push(node),
            NodeKind::Map(entries) => match pending.take() {
                None => *pending = Some(node),
                Some(key) => {
                    if let Some(name) = key.as_str()
                        && entries.iter().any(|(k, _)| k.as_str() == Some(name))
                    {
                        return Err(YamlSyntaxError {
                            duplicate_key: Some(name.to_string()),
                            ..YamlSyntaxError::syntax(key.pos, format!("duplicate key \"{name}\""))
                        });
                    }
                    // A key that is itself a collection is never meaningful here.
                    if key.as_str().is_none() {
                        node = key;
                        return Err(YamlSyntaxError::syntax(
                            node.pos,
                            "a mapping key must be plain text",
                        ));
                    }
                    entries.push((key, node));
                }
            },
            NodeKind::Scalar(..) => unreachable!("scalars have no children"),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_from_the_top() {
        let n = parse("a: 1\nb:\n  - x\n  - 'y'\n").unwrap();
        assert_eq!(n.key_pos("b"), Some(Pos::new(2, 1)));
        let b = n.get("b").unwrap();
        assert_eq!(b.at(&[PathSeg::Index(1)]).unwrap().pos, Pos::new(4, 5));
        assert_eq!(n.get("a").unwrap().pos, Pos::new(1, 4));
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let e = parse("a: 1\na: 2\n").unwrap_err();
        assert_eq!(e.pos, Pos::new(2, 1));
        assert!(e.message.starts_with("duplicate key"));
    }

    #[test]
    fn syntax_errors_are_located() {
        let e = parse("a: 1\nb: 2: 3").unwrap_err();
        assert_eq!(e.pos.line, 2);
        // An unclosed bracket is named where it opened, not where the parser gave up.
        let e = parse("a: [1,\nb: 2").unwrap_err();
        assert_eq!(
            (e.pos.line, e.pos.col, e.typing_slip.is_some()),
            (1, 4, true)
        );
    }

    #[test]
    fn empty_document_is_an_empty_map() {
        assert_eq!(parse("").unwrap().kind, NodeKind::Map(vec![]));
    }

    #[test]
    fn remove_drops_an_entry() {
        let mut n = parse("a: 1\nb: [1, 2]\n").unwrap();
        assert!(n.remove(&[PathSeg::Key("b".into()), PathSeg::Index(0)]));
        assert!(n.remove(&[PathSeg::Key("a".into())]));
        assert!(!n.remove(&[PathSeg::Key("zz".into())]));
    }
}

//! A serde `Deserializer` over the node tree. Every error carries the position and the path of
//! the innermost node it concerns, so messages name the field and its line.

use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};

use super::node::{Node, NodeKind, PathSeg, Pos, ScalarStyle, is_null_text};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeErrorKind {
    /// A key the type does not know; `expected` lists the known ones.
    UnknownField {
        field: String,
        expected: Vec<&'static str>,
    },
    MissingField(&'static str),
    /// A value of the wrong shape: `expected` names what was wanted (`a list`, `text`…).
    WrongShape {
        expected: &'static str,
        found: Found,
    },
    /// A value outside a closed list.
    NotOneOf {
        value: String,
        allowed: String,
    },
    /// Any other invalid value (from a type's own `Deserialize`).
    Invalid,
}

/// What stood where a value of another shape was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Nothing,
    /// A scalar, shortened to 40 characters.
    Text(String),
    List,
    Mapping,
}

/// A deserialization error with its location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeError {
    pub kind: DeErrorKind,
    pub message: String,
    pub pos: Option<Pos>,
    pub path: Vec<PathSeg>,
}

impl DeError {
    fn locate(mut self, pos: Pos, path: &[PathSeg]) -> Self {
        if self.pos.is_none() {
            self.pos = Some(pos);
            self.path = path.to_vec();
        }
        self
    }

    /// The dotted field path, e.g. `award.supplier.name` or `tables[0].total`.
    pub fn field(&self) -> String {
        path_to_string(&self.path)
    }
}

pub fn path_to_string(path: &[PathSeg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            PathSeg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            PathSeg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError {
            kind: DeErrorKind::Invalid,
            message: msg.to_string(),
            pos: None,
            path: vec![],
        }
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        DeError {
            kind: DeErrorKind::UnknownField {
                field: field.to_string(),
                expected: expected.to_vec(),
            },
            message: format!("unknown field \"{field}\""),
            pos: None,
            path: vec![],
        }
    }

    fn missing_field(field: &'static str) -> Self {
        DeError {
            kind: DeErrorKind::MissingField(field),
            message: format!("missing required field \"{field}\""),
            pos: None,
            path: vec![],
        }
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        let list = expected.join(" / ");
        DeError {
            kind: DeErrorKind::NotOneOf {
                value: variant.to_string(),
                allowed: list.clone(),
            },
            ..Self::custom(format!("\"{variant}\" is not one of {list}"))
        }
    }
}

/// Deserializes one node; `path` is where it sits in the document.
/// The newtype-struct name a `Deserialize` impl asks for to get a scalar's text as written
/// (`deserialize_any` gives a plain `435155.00` as the float 435155, losing its decimals). Other
/// deserializers hand the request to `visit_newtype_struct`, which should call `deserialize_any`.
pub const AS_WRITTEN: &str = "$gongkai::yaml::as_written";

pub struct NodeDe<'a> {
    node: &'a Node,
    path: Vec<PathSeg>,
}

impl<'a> NodeDe<'a> {
    pub fn new(node: &'a Node, path: Vec<PathSeg>) -> Self {
        NodeDe { node, path }
    }

    fn wrap<T>(&self, r: Result<T, DeError>) -> Result<T, DeError> {
        r.map_err(|e| e.locate(self.node.pos, &self.path))
    }

    fn invalid(&self, expected: &'static str) -> DeError {
        let (found, shown) = match &self.node.kind {
            NodeKind::Scalar(s, _) if is_null_text(s) => (Found::Nothing, "nothing".to_string()),
            NodeKind::Scalar(s, _) => (Found::Text(short(s)), format!("\"{}\"", short(s))),
            NodeKind::Seq(_) => (Found::List, "a list".to_string()),
            NodeKind::Map(_) => (Found::Mapping, "a mapping".to_string()),
        };
        DeError {
            kind: DeErrorKind::WrongShape { expected, found },
            message: format!("expected {expected}, found {shown}"),
            pos: Some(self.node.pos),
            path: self.path.clone(),
        }
    }

    fn scalar(&self, expected: &'static str) -> Result<&'a str, DeError> {
        match &self.node.kind {
            NodeKind::Scalar(s, _) => Ok(s),
            _ => Err(self.invalid(expected)),
        }
    }

    fn plain_parse<T: std::str::FromStr>(&self, expected: &'static str) -> Result<T, DeError> {
        let s = self.scalar(expected)?;
        s.trim()
            .replace('_', "")
            .parse()
            .map_err(|_| self.invalid(expected))
    }
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

macro_rules! number {
    ($name:ident, $visit:ident, $ty:ty, $what:expr) => {
        fn $name<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            let v: $ty = self.plain_parse($what)?;
            self.wrap(visitor.$visit(v))
        }
    };
}

impl<'de> de::Deserializer<'de> for NodeDe<'_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let r = match &self.node.kind {
            NodeKind::Scalar(s, ScalarStyle::Plain) => {
                if is_null_text(s) {
                    visitor.visit_unit()
                } else if s == "true" {
                    visitor.visit_bool(true)
                } else if s == "false" {
                    visitor.visit_bool(false)
                } else if let Ok(i) = s.parse::<i64>() {
                    visitor.visit_i64(i)
                } else if let Ok(f) = s
                    .parse::<f64>()
                    .map_err(|_| ())
                    .and_then(|f| if f.is_finite() { Ok(f) } else { Err(()) })
                {
                    visitor.visit_f64(f)
                } else {
                    visitor.visit_str(s)
                }
            }
            NodeKind::Scalar(s, _) => visitor.visit_str(s),
            NodeKind::Seq(_) => return self.deserialize_seq(visitor),
            NodeKind::Map(_) => return self.deserialize_map(visitor),
        };
        self.wrap(r)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.kind {
            NodeKind::Scalar(s, ScalarStyle::Plain) if s == "true" => {
                self.wrap(visitor.visit_bool(true))
            }
            NodeKind::Scalar(s, ScalarStyle::Plain) if s == "false" => {
                self.wrap(visitor.visit_bool(false))
            }
            _ => Err(self.invalid("true or false")),
        }
    }

    number!(deserialize_i8, visit_i8, i8, "a whole number");
    number!(deserialize_i16, visit_i16, i16, "a whole number");
    number!(deserialize_i32, visit_i32, i32, "a whole number");
    number!(deserialize_i64, visit_i64, i64, "a whole number");
    number!(deserialize_u8, visit_u8, u8, "a whole number");
    number!(deserialize_u16, visit_u16, u16, "a whole number");
    number!(deserialize_u32, visit_u32, u32, "a whole number");
    number!(deserialize_u64, visit_u64, u64, "a whole number");
    number!(deserialize_f32, visit_f32, f32, "a number");
    number!(deserialize_f64, visit_f64, f64, "a number");

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    /// Any scalar reads as text, so `postcode: 410000` or `title: 2024` need no quotes.
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.kind {
            NodeKind::Scalar(s, _) if !self.node.is_null() => self.wrap(visitor.visit_str(s)),
            _ => Err(self.invalid("text")),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.node.is_null() {
            self.wrap(visitor.visit_none())
        } else {
            let pos = self.node.pos;
            let path = self.path.clone();
            visitor.visit_some(self).map_err(|e| e.locate(pos, &path))
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.node.is_null() {
            self.wrap(visitor.visit_unit())
        } else {
            Err(self.invalid("nothing"))
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        v: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_unit(v)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        // A scalar as written (`435155.00` keeps its decimals), or the list or mapping.
        if name == AS_WRITTEN {
            return match &self.node.kind {
                NodeKind::Scalar(s, ScalarStyle::Plain) if is_null_text(s) => {
                    self.wrap(visitor.visit_unit())
                }
                NodeKind::Scalar(s, _) => self.wrap(visitor.visit_str(s)),
                _ => self.deserialize_any(visitor),
            };
        }
        let pos = self.node.pos;
        let path = self.path.clone();
        visitor
            .visit_newtype_struct(self)
            .map_err(|e| e.locate(pos, &path))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.kind {
            NodeKind::Seq(items) => {
                let access = Seq {
                    items: items.iter().enumerate(),
                    path: &self.path,
                };
                self.wrap(visitor.visit_seq(access))
            }
            _ => Err(self.invalid("a list")),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, v: V) -> Result<V::Value, DeError> {
        self.deserialize_seq(v)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        v: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(v)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.node.kind {
            NodeKind::Map(entries) => {
                let access = Map {
                    entries: entries.iter(),
                    value: None,
                    path: &self.path,
                };
                self.wrap(visitor.visit_map(access))
            }
            _ => Err(self.invalid("a mapping of fields")),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match &self.node.kind {
            NodeKind::Scalar(s, _) if !self.node.is_null() => {
                let r = visitor.visit_enum(s.as_str().into_deserializer());
                self.wrap(r)
            }
            _ => Err(self.invalid("one of the allowed values")),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.wrap(visitor.visit_unit())
    }
}

struct Seq<'a, I> {
    items: I,
    path: &'a [PathSeg],
}

impl<'de, 'a, I: Iterator<Item = (usize, &'a Node)>> SeqAccess<'de> for Seq<'a, I> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        match self.items.next() {
            None => Ok(None),
            Some((i, node)) => {
                let mut path = self.path.to_vec();
                path.push(PathSeg::Index(i));
                seed.deserialize(NodeDe::new(node, path)).map(Some)
            }
        }
    }
}

struct Map<'a, I> {
    entries: I,
    value: Option<(&'a Node, Vec<PathSeg>)>,
    path: &'a [PathSeg],
}

impl<'de, 'a, I: Iterator<Item = &'a (Node, Node)>> MapAccess<'de> for Map<'a, I> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        let mut path = self.path.to_vec();
        path.push(PathSeg::Key(key.as_str().unwrap_or_default().to_string()));
        let k = seed.deserialize(NodeDe::new(key, path.clone()))?;
        self.value = Some((value, path));
        Ok(Some(k))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let (node, path) = self.value.take().expect("value after key");
        seed.deserialize(NodeDe::new(node, path))
    }
}

//! YAML behind one door: a span-keeping node tree (`node`), a serde deserializer over it (`de`),
//! and `decode`, which turns a tree into a typed value while collecting *every* error it can.
//!
//! We parse with `saphyr-parser` (the maintained successor of yaml-rust) rather than a serde
//! front end, because the content model needs the line and column of every key and value, the raw
//! text of numbers (to know how many decimals a budget figure was written with), and more than
//! one error per file.

mod de;
mod decode;
pub mod limits;
mod node;
pub mod typing;

pub use de::path_to_string;
pub use de::{AS_WRITTEN, DeError, DeErrorKind, Found};
pub use decode::{Decoded, decode};
pub use node::{Node, NodeKind, PathSeg, Pos, ScalarStyle, YamlSyntaxError, parse};

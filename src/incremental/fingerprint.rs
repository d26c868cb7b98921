//! Fingerprints: 128-bit XXH3 digests of what an output file is made from.

use std::fmt;

use serde::Serialize;
use serde::ser::{self, Serializer};
use xxhash_rust::xxh3::Xxh3;

/// A 128-bit digest of an output's inputs.
pub type Fingerprint = u128;

/// Feeds bytes (and anything `Serialize`, as its serde data model) into one digest.
#[derive(Default, Clone)]
pub struct Digest(Sink);

/// The hasher behind a small buffer. A page's view is hundreds of short pieces (tags, lengths,
/// names, short strings); handing each to XXH3 on its own cost more than the hashing itself.
/// XXH3 gives the same digest however its input is split.
#[derive(Clone)]
struct Sink {
    h: Xxh3,
    buf: [u8; SINK_BUFFER],
    len: usize,
}

const SINK_BUFFER: usize = 512;

impl Default for Sink {
    fn default() -> Sink {
        Sink {
            h: Xxh3::new(),
            buf: [0; SINK_BUFFER],
            len: 0,
        }
    }
}

impl Sink {
    #[inline]
    fn update(&mut self, bytes: &[u8]) {
        if self.len + bytes.len() <= SINK_BUFFER {
            self.buf[self.len..self.len + bytes.len()].copy_from_slice(bytes);
            self.len += bytes.len();
            return;
        }
        self.flush();
        if bytes.len() < SINK_BUFFER {
            self.buf[..bytes.len()].copy_from_slice(bytes);
            self.len = bytes.len();
        } else {
            self.h.update(bytes);
        }
    }

    fn flush(&mut self) {
        self.h.update(&self.buf[..self.len]);
        self.len = 0;
    }

    fn digest128(&self) -> u128 {
        if self.len == 0 {
            return self.h.digest128();
        }
        let mut h = self.h.clone();
        h.update(&self.buf[..self.len]);
        h.digest128()
    }
}

impl Digest {
    pub fn new() -> Digest {
        Digest::default()
    }

    /// Adds a length-prefixed field, so `("ab", "c")` and `("a", "bc")` differ.
    pub fn field(&mut self, bytes: &[u8]) -> &mut Digest {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    /// Adds a value as the template would see it: the same `Serialize` impl feeds tera's
    /// context, and the bytes fed here tell apart any two values that serialise differently
    /// (see [`Feed`]), so an equal digest means an equal context. Nothing is formatted as JSON.
    pub fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> &mut Digest {
        // Hashing cannot fail; a value whose `Serialize` impl fails cannot be rendered either,
        // and rendering reports that error.
        self.value_without(value, &[])
    }

    /// [`Digest::value`] without the fields named `skip` of the value itself (a struct): for a
    /// digest of what one consumer reads of a record, which is every field but a few.
    pub fn value_without<T: Serialize + ?Sized>(
        &mut self,
        value: &T,
        skip: &[&str],
    ) -> &mut Digest {
        let _ = value.serialize(&mut Feed {
            h: &mut self.0,
            skip,
            depth: 0,
        });
        self
    }

    pub fn finish(&self) -> Fingerprint {
        self.0.digest128()
    }
}

impl std::io::Write for Digest {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The digest of some bytes.
pub fn of_bytes(bytes: &[u8]) -> Fingerprint {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// The running program's own bytes, read once: output depends on the code that renders it, so
/// a cache written by another build of gongkai is never trusted.
pub fn program() -> Fingerprint {
    static PROGRAM: std::sync::OnceLock<Fingerprint> = std::sync::OnceLock::new();
    *PROGRAM.get_or_init(|| {
        let bytes = std::env::current_exe()
            .and_then(std::fs::read)
            .unwrap_or_default();
        let mut d = Digest::new();
        d.field(env!("CARGO_PKG_VERSION").as_bytes()).field(&bytes);
        d.finish()
    })
}

/// Type tags: the first byte of every value's encoding. None of them is [`END`].
mod tag {
    pub const BOOL: u8 = 1;
    pub const I8: u8 = 2;
    pub const I16: u8 = 3;
    pub const I32: u8 = 4;
    pub const I64: u8 = 5;
    pub const I128: u8 = 6;
    pub const U8: u8 = 7;
    pub const U16: u8 = 8;
    pub const U32: u8 = 9;
    pub const U64: u8 = 10;
    pub const U128: u8 = 11;
    pub const F32: u8 = 12;
    pub const F64: u8 = 13;
    pub const CHAR: u8 = 14;
    pub const STR: u8 = 15;
    /// A `collect_str` string: UTF-8 closed by [`super::STR_END`].
    pub const STREAMED: u8 = 16;
    pub const BYTES: u8 = 17;
    pub const NONE: u8 = 18;
    pub const SOME: u8 = 19;
    pub const UNIT: u8 = 20;
    pub const UNIT_STRUCT: u8 = 21;
    pub const UNIT_VARIANT: u8 = 22;
    pub const NEWTYPE_STRUCT: u8 = 23;
    pub const NEWTYPE_VARIANT: u8 = 24;
    pub const SEQ: u8 = 25;
    pub const TUPLE: u8 = 26;
    pub const TUPLE_STRUCT: u8 = 27;
    pub const TUPLE_VARIANT: u8 = 28;
    pub const MAP: u8 = 29;
    pub const STRUCT: u8 = 30;
    pub const STRUCT_VARIANT: u8 = 31;
    /// Starts one field of a struct: the field name, then its value.
    pub const FIELD: u8 = 32;
}

/// Closes every compound value (sequence, tuple, map, struct, and their variants).
const END: u8 = 0;
/// Closes a `collect_str` string; UTF-8 never contains this byte.
const STR_END: u8 = 0xFF;

/// A `serde::Serializer` that feeds a value's serde data model straight into the hasher.
///
/// The bytes are a prefix-free encoding, so two different values never give the same bytes:
/// every value starts with a [`tag`] naming its kind; fixed-size scalars follow as fixed-width
/// little-endian bytes; strings, bytes and names (of structs, fields, variants) are prefixed
/// with their length, except a `collect_str` string, which is closed by 0xFF (never in UTF-8);
/// enum variants carry their enum's name, index and name; and a compound value is a run of
/// items, each starting with a tag (an element's or key's own tag, or `FIELD` in a struct),
/// closed by `END`, which is no tag. A reader could thus decode the bytes back into exactly one
/// value. Compound values are closed by `END` rather than prefixed with the length serde
/// announces, which a hand-written `Serialize` impl may get wrong (or not know).
struct Feed<'a> {
    h: &'a mut Sink,
    /// Fields of the outermost struct left out ([`Digest::value_without`]).
    skip: &'a [&'a str],
    /// How many compound values the current one is inside.
    depth: u32,
}

impl Feed<'_> {
    /// A tag followed by up to 16 fixed-width bytes, in one update.
    fn fixed(&mut self, tag: u8, bytes: &[u8]) {
        let mut buf = [0u8; 17];
        buf[0] = tag;
        buf[1..=bytes.len()].copy_from_slice(bytes);
        self.h.update(&buf[..=bytes.len()]);
    }

    /// A tag followed by length-prefixed bytes (a string's, or a name's), in two updates.
    fn sized(&mut self, tag: u8, bytes: &[u8]) {
        self.fixed(tag, &(bytes.len() as u64).to_le_bytes());
        self.h.update(bytes);
    }

    /// A length-prefixed name (a struct's, field's or variant's).
    fn name(&mut self, name: &str) {
        self.h.update(&(name.len() as u64).to_le_bytes());
        self.h.update(name.as_bytes());
    }

    /// The tag, enum name, variant index and variant name of an enum variant.
    fn variant(&mut self, tag: u8, name: &str, index: u32, variant: &str) {
        self.fixed(tag, &index.to_le_bytes());
        self.name(name);
        self.name(variant);
    }

    /// A compound value begins (closed by [`Feed::end`]).
    fn open(&mut self) {
        self.depth += 1;
    }

    fn end(&mut self) -> Result<(), Unhashable> {
        self.depth = self.depth.saturating_sub(1);
        self.h.update(&[END]);
        Ok(())
    }
}

/// The error a `Serialize` impl may raise; hashing itself never fails.
#[derive(Debug)]
struct Unhashable(String);

impl fmt::Display for Unhashable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unhashable {}

impl ser::Error for Unhashable {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Unhashable(msg.to_string())
    }
}

/// A `Display` value's pieces go through the sink's buffer: a date's five pieces cost one
/// hasher update, not five.
impl fmt::Write for Sink {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.update(s.as_bytes());
        Ok(())
    }
}

macro_rules! fixed_width {
    ($($method:ident($ty:ty) => $tag:ident),* $(,)?) => {
        $(fn $method(self, v: $ty) -> Result<(), Unhashable> {
            self.fixed(tag::$tag, &v.to_le_bytes());
            Ok(())
        })*
    };
}

impl Serializer for &mut Feed<'_> {
    type Ok = ();
    type Error = Unhashable;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fixed_width! {
        serialize_i8(i8) => I8, serialize_i16(i16) => I16, serialize_i32(i32) => I32,
        serialize_i64(i64) => I64, serialize_i128(i128) => I128,
        serialize_u8(u8) => U8, serialize_u16(u16) => U16, serialize_u32(u32) => U32,
        serialize_u64(u64) => U64, serialize_u128(u128) => U128,
        serialize_f32(f32) => F32, serialize_f64(f64) => F64,
    }

    /// Compact forms where a type has one (a record body is its digest here, see
    /// [`crate::record::body::BodyHtml`]): the fingerprint compares, it never shows.
    fn is_human_readable(&self) -> bool {
        false
    }

    fn serialize_bool(self, v: bool) -> Result<(), Unhashable> {
        self.fixed(tag::BOOL, &[v as u8]);
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), Unhashable> {
        self.fixed(tag::CHAR, &u32::from(v).to_le_bytes());
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Unhashable> {
        self.sized(tag::STR, v.as_bytes());
        Ok(())
    }

    /// Streams the text with no allocation (dates, decimals and instants come this way).
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<(), Unhashable> {
        self.h.update(&[tag::STREAMED]);
        fmt::write(&mut *self.h, format_args!("{value}"))
            .map_err(|_| Unhashable(String::from("a Display impl failed")))?;
        self.h.update(&[STR_END]);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), Unhashable> {
        self.sized(tag::BYTES, v);
        Ok(())
    }

    fn serialize_none(self) -> Result<(), Unhashable> {
        self.h.update(&[tag::NONE]);
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unhashable> {
        self.h.update(&[tag::SOME]);
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Unhashable> {
        self.h.update(&[tag::UNIT]);
        Ok(())
    }

    fn serialize_unit_struct(self, name: &'static str) -> Result<(), Unhashable> {
        self.sized(tag::UNIT_STRUCT, name.as_bytes());
        Ok(())
    }

    fn serialize_unit_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
    ) -> Result<(), Unhashable> {
        self.variant(tag::UNIT_VARIANT, name, index, variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Unhashable> {
        self.sized(tag::NEWTYPE_STRUCT, name.as_bytes());
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Unhashable> {
        self.variant(tag::NEWTYPE_VARIANT, name, index, variant);
        value.serialize(self)
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self, Unhashable> {
        self.h.update(&[tag::SEQ]);
        self.open();
        Ok(self)
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self, Unhashable> {
        self.h.update(&[tag::TUPLE]);
        self.open();
        Ok(self)
    }

    fn serialize_tuple_struct(self, name: &'static str, _len: usize) -> Result<Self, Unhashable> {
        self.sized(tag::TUPLE_STRUCT, name.as_bytes());
        self.open();
        Ok(self)
    }

    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self, Unhashable> {
        self.variant(tag::TUPLE_VARIANT, name, index, variant);
        self.open();
        Ok(self)
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self, Unhashable> {
        self.h.update(&[tag::MAP]);
        self.open();
        Ok(self)
    }

    fn serialize_struct(self, name: &'static str, _len: usize) -> Result<Self, Unhashable> {
        self.sized(tag::STRUCT, name.as_bytes());
        self.open();
        Ok(self)
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self, Unhashable> {
        self.variant(tag::STRUCT_VARIANT, name, index, variant);
        self.open();
        Ok(self)
    }
}

/// Elements of sequences, tuples and tuple structs and variants: each starts with its own tag.
macro_rules! elements {
    ($($trait:ident :: $method:ident),* $(,)?) => {
        $(impl ser::$trait for &mut Feed<'_> {
            type Ok = ();
            type Error = Unhashable;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unhashable> {
                value.serialize(&mut **self)
            }

            fn end(self) -> Result<(), Unhashable> {
                Feed::end(self)
            }
        })*
    };
}

elements! {
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field,
}

/// Fields of structs and struct variants: `FIELD`, the name, the value.
macro_rules! fields {
    ($($trait:ident),* $(,)?) => {
        $(impl ser::$trait for &mut Feed<'_> {
            type Ok = ();
            type Error = Unhashable;

            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Unhashable> {
                if self.depth == 1 && self.skip.contains(&key) {
                    return Ok(());
                }
                self.sized(tag::FIELD, key.as_bytes());
                value.serialize(&mut **self)
            }

            fn end(self) -> Result<(), Unhashable> {
                Feed::end(self)
            }
        })*
    };
}

fields!(SerializeStruct, SerializeStructVariant);

/// Map entries: a key and a value, each with its own tag.
impl ser::SerializeMap for &mut Feed<'_> {
    type Ok = ();
    type Error = Unhashable;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Unhashable> {
        key.serialize(&mut **self)
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unhashable> {
        value.serialize(&mut **self)
    }

    fn end(self) -> Result<(), Unhashable> {
        Feed::end(self)
    }
}

#[cfg(test)]
mod tests;

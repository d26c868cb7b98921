//! The inverted index and its shard files.
//!
//! Every term goes to shard `fnv1a32(term UTF-8) & (shards - 1)`. A shard file is
//!
//! ```text
//! "GKS1"  varint(term count)
//! per term, sorted by its UTF-8 bytes:
//!   varint(byte length) term-bytes  varint(tag)
//!   tag 0: the term's postings follow inline
//!   tag 1: the postings are in terms/<hex of the term's UTF-8>.bin (large terms, so that a
//!          shard stays small and a query fetches only the big lists it needs)
//! postings = three doc sets (postings.rs): title, meta (索引号, 文号, summary, keywords,
//!            publisher), body
//! ```

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::tokenize::HanKey;

use super::postings::{DocSet, decode_set, get_varint, put_varint};

pub const MAGIC: &[u8; 4] = b"GKS1";
/// Field groups, in the order their sets are written.
pub const GROUPS: [&str; 3] = ["title", "meta", "body"];
pub const TITLE: u8 = 1;
pub const META: u8 = 2;
pub const BODY: u8 = 4;
/// Postings longer than this move to their own file.
pub const BIG_TERM_BYTES: usize = 1024;
/// The shard size aimed at: small enough that a five-term query stays well under 100 KB.
pub const TARGET_SHARD_BYTES: usize = 12 * 1024;

/// 32-bit FNV-1a: stable across runs and platforms, and a few lines in JavaScript.
pub fn fnv1a32(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5u32, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

pub fn shard_of(term: &str, shards: u32) -> u32 {
    fnv1a32(term.as_bytes()) & (shards - 1)
}

/// Han terms are merged in this many independent parts, in parallel.
pub const PARTS: usize = 16;

/// The part a Han term is merged in (a multiplicative hash's top bits: even for similar keys).
pub fn han_part(k: HanKey) -> usize {
    (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 60) as usize
}

/// Term → its doc sets per field group, filled in doc order.
#[derive(Debug)]
pub struct Inverted {
    // FxHash: the index hashes every distinct term of every document, and needs no DoS
    // resistance; its iteration order never reaches output (terms are sorted in `encode`).
    han: Vec<FxHashMap<HanKey, [DocSet; 3]>>,
    words: FxHashMap<String, [DocSet; 3]>,
}

impl Default for Inverted {
    fn default() -> Self {
        Inverted {
            han: (0..PARTS).map(|_| FxHashMap::default()).collect(),
            words: FxHashMap::default(),
        }
    }
}

fn push_groups(sets: &mut [DocSet; 3], doc: u32, mask: u8) {
    for (g, set) in sets.iter_mut().enumerate() {
        if mask & (1 << g) != 0 {
            set.push(doc);
        }
    }
}

impl Inverted {
    /// Adds one document's terms (each with the OR of the groups it appeared in). Docs must be
    /// added in increasing id order.
    pub fn add(&mut self, doc: u32, terms: Vec<(String, u8)>) {
        for (term, mask) in terms {
            let sets = match super::tokenize::han_key_of(&term) {
                Some(k) => self.han[han_part(k)].entry(k).or_default(),
                None => self.words.entry(term).or_default(),
            };
            push_groups(sets, doc, mask);
        }
    }

    /// Adds documents `first`, `first + 1`, … as [`super::doc_terms`] gives them (Han terms
    /// ordered by part, then key). The Han parts are filled in parallel, each in doc order, so
    /// the result does not depend on the thread count.
    pub fn add_docs(&mut self, first: u32, docs: &[super::DocTerms]) {
        let (han, words) = (&mut self.han, &mut self.words);
        rayon::join(
            || {
                han.par_iter_mut().enumerate().for_each(|(p, map)| {
                    for (i, d) in docs.iter().enumerate() {
                        let lo = d.han.partition_point(|(k, _)| han_part(*k) < p);
                        let hi = d.han.partition_point(|(k, _)| han_part(*k) <= p);
                        for &(k, mask) in &d.han[lo..hi] {
                            push_groups(map.entry(k).or_default(), first + i as u32, mask);
                        }
                    }
                })
            },
            || {
                for (i, d) in docs.iter().enumerate() {
                    for (w, mask) in &d.words {
                        push_groups(words.entry(w.clone()).or_default(), first + i as u32, *mask);
                    }
                }
            },
        );
    }

    /// Every term with its encoded postings, sorted by term.
    pub fn encode(self) -> Vec<(String, Vec<u8>)> {
        let han = self
            .han
            .into_iter()
            .flatten()
            .map(|(k, sets)| (super::tokenize::han_text(k), sets));
        let mut out: Vec<(String, Vec<u8>)> = han
            .chain(self.words)
            .map(|(t, sets)| {
                let mut bytes = Vec::new();
                sets.iter().for_each(|s| s.encode(&mut bytes));
                (t, bytes)
            })
            .collect();
        out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        out
    }
}

/// The number of shards for `inline_bytes` of inline postings: a power of two.
pub fn shard_count(inline_bytes: usize) -> u32 {
    (inline_bytes.div_ceil(TARGET_SHARD_BYTES).max(1) as u32).next_power_of_two()
}

/// The hex file stem of a large term.
pub fn term_file(term: &str) -> String {
    crate::hash::hex(term.as_bytes())
}

/// Splits encoded terms into shard files and large-term files.
pub struct Layout {
    pub shards: Vec<Vec<u8>>,
    /// (file stem, postings) of the large terms.
    pub big: Vec<(String, Vec<u8>)>,
}

pub fn layout(terms: Vec<(String, Vec<u8>)>) -> Layout {
    let inline: usize = terms
        .iter()
        .filter(|(_, p)| p.len() <= BIG_TERM_BYTES)
        .map(|(t, p)| t.len() + p.len() + 2)
        .sum();
    let n = shard_count(inline);
    let mut per_shard: Vec<Vec<(String, Vec<u8>)>> = (0..n).map(|_| Vec::new()).collect();
    for entry in terms {
        per_shard[shard_of(&entry.0, n) as usize].push(entry);
    }
    let mut big = Vec::new();
    let shards = per_shard
        .into_iter()
        .map(|entries| {
            let mut out = MAGIC.to_vec();
            put_varint(&mut out, entries.len() as u64);
            for (term, postings) in entries {
                put_varint(&mut out, term.len() as u64);
                out.extend_from_slice(term.as_bytes());
                if postings.len() > BIG_TERM_BYTES {
                    out.push(1);
                    big.push((term_file(&term), postings));
                } else {
                    out.push(0);
                    out.extend_from_slice(&postings);
                }
            }
            out
        })
        .collect();
    big.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Layout { shards, big }
}

/// What a shard says about one term.
#[derive(Debug, PartialEq, Eq)]
pub enum Entry {
    Inline([Vec<u32>; 3]),
    External,
}

/// Decodes a shard file (for tests and tools; search.js has its own reader).
pub fn decode_shard(bytes: &[u8]) -> Option<Vec<(String, Entry)>> {
    if bytes.get(..4)? != MAGIC {
        return None;
    }
    let mut pos = 4;
    let count = get_varint(bytes, &mut pos)?;
    let mut out = Vec::new();
    for _ in 0..count {
        let len = get_varint(bytes, &mut pos)? as usize;
        let term = std::str::from_utf8(bytes.get(pos..pos + len)?).ok()?;
        pos += len;
        let tag = *bytes.get(pos)?;
        pos += 1;
        let entry = if tag == 1 {
            Entry::External
        } else {
            Entry::Inline(decode_postings(bytes, &mut pos)?)
        };
        out.push((term.to_string(), entry));
    }
    Some(out)
}

/// Decodes the three sets of one term's postings.
pub fn decode_postings(bytes: &[u8], pos: &mut usize) -> Option<[Vec<u32>; 3]> {
    Some([
        decode_set(bytes, pos)?,
        decode_set(bytes, pos)?,
        decode_set(bytes, pos)?,
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_matches_the_reference_values() {
        assert_eq!(fnv1a32(b""), 0x811c9dc5);
        assert_eq!(fnv1a32(b"a"), 0xe40c292c);
        assert_eq!(fnv1a32(b"foobar"), 0xbf9cf968);
    }

    #[test]
    fn shard_assignment_is_stable() {
        // Pinned: changing the hash or the masking would orphan every published index.
        assert_eq!(shard_of("预算", 64), fnv1a32("预算".as_bytes()) & 63);
        assert_eq!(fnv1a32("预算".as_bytes()), 0x080f_8bdc);
        assert_eq!(shard_count(0), 1);
        assert_eq!(shard_count(TARGET_SHARD_BYTES * 5), 8);
    }

    #[test]
    fn shards_decode_to_what_was_added() {
        let mut inv = Inverted::default();
        inv.add(0, vec![("预算".into(), TITLE | BODY), ("x".into(), META)]);
        inv.add(3, vec![("预算".into(), BODY)]);
        let big: Vec<(String, u8)> = vec![("big".into(), BODY)];
        for d in (10..40_000).step_by(20) {
            inv.add(d, big.clone());
        }
        let lay = layout(inv.encode());
        assert_eq!(lay.shards.len(), 1);
        let entries = decode_shard(&lay.shards[0]).unwrap();
        let get = |t: &str| &entries.iter().find(|e| e.0 == t).unwrap().1;
        assert_eq!(get("预算"), &Entry::Inline([vec![0], vec![], vec![0, 3]]));
        assert_eq!(get("big"), &Entry::External);
        assert_eq!(lay.big[0].0, term_file("big"));
        let mut pos = 0;
        let sets = decode_postings(&lay.big[0].1, &mut pos).unwrap();
        assert_eq!(sets[2].len(), 2000);
    }
}

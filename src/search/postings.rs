//! Postings: the sets of document ids a term occurs in, one set per field group, encoded as
//! delta + LEB128 varint lists or, when smaller, as bitmaps.
//!
//! A set is written as `varint(len << 1 | kind)` followed by `len` bytes of payload:
//! - kind 0, list: varints, the first doc id, then the difference to the previous one;
//! - kind 1, bitmap: bit `d % 8` of byte `d / 8` is set when doc `d` is in the set.
//!
//! An empty set is the single byte 0.

/// Appends `v` as an unsigned LEB128 varint.
pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a varint at `*pos`, advancing it; `None` when the bytes end or it overflows.
pub fn get_varint(bytes: &[u8], pos: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*pos)?;
        *pos += 1;
        v |= u64::from(b & 0x7F) << shift;
        if b < 0x80 {
            return Some(v);
        }
    }
    None
}

/// A growing, strictly increasing doc-id list, delta-encoded as it grows.
#[derive(Debug, Default, Clone)]
pub struct DocSet {
    last: Option<u32>,
    bytes: Vec<u8>,
    count: u32,
}

impl DocSet {
    /// Adds `doc`, which must be larger than every doc already added (repeats are ignored).
    pub fn push(&mut self, doc: u32) {
        match self.last {
            Some(l) if doc <= l => {}
            Some(l) => self.append(doc - l, doc),
            None => self.append(doc, doc),
        }
    }

    fn append(&mut self, delta: u32, doc: u32) {
        put_varint(&mut self.bytes, u64::from(delta));
        self.last = Some(doc);
        self.count += 1;
    }

    pub fn len(&self) -> usize {
        self.count as usize
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The encoded set (header and payload), choosing the smaller of list and bitmap.
    pub fn encode(&self, out: &mut Vec<u8>) {
        let Some(last) = self.last else {
            out.push(0);
            return;
        };
        let bitmap_len = last as usize / 8 + 1;
        if bitmap_len < self.bytes.len() {
            let mut bits = vec![0u8; bitmap_len];
            for d in decode_list(&self.bytes) {
                bits[d as usize / 8] |= 1 << (d % 8);
            }
            put_varint(out, (bitmap_len as u64) << 1 | 1);
            out.extend_from_slice(&bits);
        } else {
            put_varint(out, (self.bytes.len() as u64) << 1);
            out.extend_from_slice(&self.bytes);
        }
    }
}

fn decode_list(payload: &[u8]) -> Vec<u32> {
    let mut pos = 0;
    let mut doc = 0u32;
    let mut out = Vec::new();
    let mut first = true;
    while let Some(d) = get_varint(payload, &mut pos) {
        doc = if first { d as u32 } else { doc + d as u32 };
        first = false;
        out.push(doc);
    }
    out
}

/// Decodes one set at `*pos` (as written by [`DocSet::encode`]).
pub fn decode_set(bytes: &[u8], pos: &mut usize) -> Option<Vec<u32>> {
    let head = get_varint(bytes, pos)?;
    let len = (head >> 1) as usize;
    let payload = bytes.get(*pos..*pos + len)?;
    *pos += len;
    Some(if head & 1 == 0 {
        decode_list(payload)
    } else {
        (0..len * 8)
            .filter(|&d| payload[d / 8] & (1 << (d % 8)) != 0)
            .map(|d| d as u32)
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn round_trip(docs: &[u32]) -> Vec<u32> {
        let mut set = DocSet::default();
        for &d in docs {
            set.push(d);
        }
        let mut bytes = Vec::new();
        set.encode(&mut bytes);
        let mut pos = 0;
        let back = decode_set(&bytes, &mut pos).unwrap();
        assert_eq!(pos, bytes.len());
        back
    }

    #[test]
    fn dense_sets_become_bitmaps() {
        let docs: Vec<u32> = (0..1000).collect();
        let mut set = DocSet::default();
        docs.iter().for_each(|&d| set.push(d));
        let mut bytes = Vec::new();
        set.encode(&mut bytes);
        assert!(bytes.len() < 130, "{} bytes", bytes.len());
        assert_eq!(round_trip(&docs), docs);
        assert_eq!(round_trip(&[]), Vec::<u32>::new());
    }

    #[test]
    fn varints_are_leb128() {
        let mut out = Vec::new();
        put_varint(&mut out, 300);
        assert_eq!(out, [0xAC, 0x02]);
    }

    proptest! {
        #[test]
        fn varint_round_trips(v in any::<u64>()) {
            let mut out = Vec::new();
            put_varint(&mut out, v);
            let mut pos = 0;
            prop_assert_eq!(get_varint(&out, &mut pos), Some(v));
            prop_assert_eq!(pos, out.len());
        }

        #[test]
        fn doc_sets_round_trip(mut docs in proptest::collection::vec(0u32..200_000, 0..500)) {
            docs.sort_unstable();
            docs.dedup();
            prop_assert_eq!(round_trip(&docs), docs);
        }
    }
}

//! Patching the previous build's index instead of tokenising every record again. When the
//! published records are the same ones in the same order (so doc ids are unchanged), only the
//! records whose indexed text changed are tokenised; a term that neither held nor gains one of
//! them keeps its encoded postings byte for byte, the others are decoded, changed and encoded
//! again. A term's encoding depends only on its doc sets, so the result is the index a full
//! build writes (tests/incremental.rs and the tests below compare them).

use std::path::Path;

use anyhow::Result;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::postings::{DocSet, decode_set, get_varint};
use super::shards::{self, MAGIC};
use super::{doc_terms, tokenize};
use crate::catalog::Catalog;
use crate::config::Site;
use crate::incremental::Output;
use crate::incremental::fingerprint::{Digest, Fingerprint};
use crate::record::Record;

/// The key of the index's state in the build cache.
pub const STATE_KEY: &str = "search";

/// Past this share of changed records a full rebuild is as cheap as a patch.
const MAX_CHANGED_SHARE: usize = 4;

/// The indexed records, in doc-id order, with a fingerprint of what the index read of each.
#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocList {
    pub index_nos: Vec<String>,
    pub fingerprints: Vec<Fingerprint>,
}

impl DocList {
    pub fn of(site: &Site, cat: &Catalog) -> DocList {
        DocList {
            index_nos: cat
                .records
                .iter()
                .map(|r| r.index_no.as_str().to_string())
                .collect(),
            fingerprints: (cat.records.par_iter())
                .map(|r| fingerprint(site, r))
                .collect(),
        }
    }

    pub fn encode(&self) -> Vec<u8> {
        postcard::to_stdvec(self).unwrap_or_default()
    }
}

/// The fingerprint of what the index reads of a record ([`super::indexed_texts`]): its fields
/// by the digest made when it was parsed (which covers more than the index reads: a record
/// whose other fields changed is tokenised again, to the same terms), its publisher's name, and
/// its body by digest; so an unchanged record is neither read nor walked.
pub fn fingerprint(site: &Site, r: &Record) -> Fingerprint {
    Digest::new()
        .field(&r.fields_digest.to_le_bytes())
        .field(crate::render::views::publisher_name(site, &r.publisher).as_bytes())
        .field(&r.body.digest().to_le_bytes())
        .finish()
}

/// A changed record's terms: term → (doc, groups).
type Fresh = FxHashMap<String, Vec<(u32, u8)>>;
/// One term of [`Fresh`].
type FreshTerm<'a> = (&'a str, &'a [(u32, u8)]);
/// Terms with their encoded postings.
type Encoded = Vec<(String, Vec<u8>)>;

/// Every term with its encoded postings, sorted by term, patched from the index in the previous
/// output; `None` when it cannot be patched (other records, no previous index, too many changes).
pub fn patched(
    site: &Site,
    cat: &Catalog,
    out: &Output,
    docs: &DocList,
) -> Result<Option<Encoded>> {
    let Some((state, dir)) = out.previous_state(STATE_KEY) else {
        return Ok(None);
    };
    let Ok(old) = postcard::from_bytes::<DocList>(state) else {
        return Ok(None);
    };
    if old.index_nos != docs.index_nos {
        return Ok(None);
    }
    let changed: Vec<u32> = (0..docs.fingerprints.len())
        .filter(|&i| old.fingerprints[i] != docs.fingerprints[i])
        .map(|i| i as u32)
        .collect();
    if changed.len() * MAX_CHANGED_SHARE > docs.index_nos.len().max(1) {
        return Ok(None);
    }
    let terms = (changed.par_iter())
        .map(|&d| Ok((d, doc_terms(site, &cat.records[d as usize])?)))
        .collect::<Result<Vec<_>>>()?;
    Ok(patch_files(&dir.join("search"), &changed, &fresh(terms)))
}

fn fresh(terms: Vec<(u32, super::DocTerms)>) -> Fresh {
    let mut fresh = Fresh::default();
    for (d, t) in terms {
        for (k, mask) in t.han {
            fresh
                .entry(tokenize::han_text(k))
                .or_default()
                .push((d, mask));
        }
        for (w, mask) in t.words {
            fresh.entry(w).or_default().push((d, mask));
        }
    }
    fresh
}

/// Patches every shard (and the large-term files it points to) of the index in `search`.
fn patch_files(search: &Path, changed: &[u32], fresh: &Fresh) -> Option<Vec<(String, Vec<u8>)>> {
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(search.join("manifest.json")).ok()?).ok()?;
    let n = u32::try_from(manifest["shards"].as_u64()?).ok()?;
    let mut by_shard: Vec<Vec<FreshTerm>> = vec![Vec::new(); n as usize];
    for (term, docs) in fresh {
        by_shard[shards::shard_of(term, n) as usize].push((term.as_str(), docs.as_slice()));
    }
    let patched: Option<Vec<Encoded>> = (by_shard.into_par_iter().enumerate())
        .map(|(s, mut fresh)| {
            fresh.sort_unstable_by(|a, b| a.0.cmp(b.0));
            patch_shard(search, s, changed, &fresh)
        })
        .collect();
    let mut terms: Vec<(String, Vec<u8>)> = patched?.into_iter().flatten().collect();
    terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Some(terms)
}

fn patch_shard(search: &Path, s: usize, changed: &[u32], fresh: &[FreshTerm]) -> Option<Encoded> {
    let bytes = std::fs::read(search.join(format!("shards/{s}.bin"))).ok()?;
    let mut pos = MAGIC.len();
    if bytes.get(..pos)? != MAGIC {
        return None;
    }
    let count = get_varint(&bytes, &mut pos)?;
    let mut out = Vec::with_capacity(count as usize);
    let mut matched = vec![false; fresh.len()];
    for _ in 0..count {
        let len = get_varint(&bytes, &mut pos)? as usize;
        let term = std::str::from_utf8(bytes.get(pos..pos + len)?).ok()?;
        pos += len;
        let tag = *bytes.get(pos)?;
        pos += 1;
        let external;
        let postings: &[u8] = if tag == 1 {
            let file = search.join(format!("terms/{}.bin", shards::term_file(term)));
            external = std::fs::read(file).ok()?;
            &external
        } else {
            let start = pos;
            for _ in 0..3 {
                skip_set(&bytes, &mut pos)?;
            }
            &bytes[start..pos]
        };
        let add = fresh.binary_search_by(|f| f.0.cmp(term)).ok();
        if let Some(i) = add {
            matched[i] = true;
        }
        let add = add.map_or(&[][..], |i| fresh[i].1);
        let new = match same_members(postings, changed, add)? {
            true => Some(postings.to_vec()),
            false => recode(postings, changed, add)?,
        };
        out.extend(new.map(|p| (term.to_string(), p)));
    }
    for (i, (term, docs)) in fresh.iter().enumerate() {
        if !matched[i] {
            out.extend(recode(&[0, 0, 0], changed, docs)?.map(|p| (term.to_string(), p)));
        }
    }
    Some(out)
}

/// Moves `pos` past one encoded doc set.
fn skip_set(bytes: &[u8], pos: &mut usize) -> Option<()> {
    let head = get_varint(bytes, pos)?;
    *pos += (head >> 1) as usize;
    (*pos <= bytes.len()).then_some(())
}

/// True when the changed docs are in each of the three sets exactly as `add` (their new terms)
/// puts them, so that the sets, and so their encoding, stay as they are. Most terms of an edited
/// record are still its terms: they keep their bytes without being decoded and encoded again.
fn same_members(postings: &[u8], changed: &[u32], add: &[(u32, u8)]) -> Option<bool> {
    let mut pos = 0;
    for g in 0..3 {
        // `add` holds changed docs only, in doc order.
        let now_in = |d: u32| {
            add.binary_search_by_key(&d, |&(d, _)| d)
                .is_ok_and(|i| add[i].1 & (1 << g) != 0)
        };
        let head = get_varint(postings, &mut pos)?;
        let len = (head >> 1) as usize;
        let payload = postings.get(pos..pos + len)?;
        pos += len;
        let same = if head & 1 == 1 {
            changed.iter().all(|&d| {
                let was_in = payload
                    .get(d as usize / 8)
                    .is_some_and(|b| b & (1 << (d % 8)) != 0);
                was_in == now_in(d)
            })
        } else {
            // Every changed doc the list holds must stay, and as many must be there as stay.
            let (mut p, mut doc, mut first) = (0, 0u32, true);
            let mut kept = 0;
            let mut same = true;
            while let Some(delta) = get_varint(payload, &mut p) {
                doc = if first {
                    delta as u32
                } else {
                    doc + delta as u32
                };
                first = false;
                if changed.binary_search(&doc).is_ok() {
                    if !now_in(doc) {
                        same = false;
                        break;
                    }
                    kept += 1;
                }
            }
            same && kept == add.iter().filter(|(_, m)| m & (1 << g) != 0).count()
        };
        if !same {
            return Some(false);
        }
    }
    Some(true)
}

/// The postings without the changed docs, plus `add`; `None` inside when nothing is left.
fn recode(postings: &[u8], changed: &[u32], add: &[(u32, u8)]) -> Option<Option<Vec<u8>>> {
    let mut pos = 0;
    let mut encoded = Vec::new();
    let mut empty = true;
    for g in 0..3 {
        let added: Vec<u32> = (add.iter())
            .filter(|(_, m)| m & (1 << g) != 0)
            .map(|(d, _)| *d)
            .collect();
        let start = encoded.len();
        if !recode_bitmap(postings, &mut pos, changed, &added, &mut encoded)? {
            let mut docs: Vec<u32> = decode_set(postings, &mut pos)?
                .into_iter()
                .filter(|d| changed.binary_search(d).is_err())
                .collect();
            docs.extend(added);
            docs.sort_unstable();
            let mut set = DocSet::default();
            docs.iter().for_each(|&d| set.push(d));
            set.encode(&mut encoded);
        }
        empty &= encoded[start..] == [0];
    }
    Some((!empty).then_some(encoded))
}

/// The fast path for a set stored as a bitmap (the long lists of common terms): flip the bits
/// of the changed docs in place. It applies only when the result is still a bitmap the way
/// [`DocSet::encode`] decides: a list needs at least a byte per doc, so when the bitmap is
/// shorter than the number of docs it stays the smaller. Returns false, leaving `pos` where it
/// was, when the set is not a bitmap or would not stay one.
fn recode_bitmap(
    postings: &[u8],
    pos: &mut usize,
    changed: &[u32],
    added: &[u32],
    out: &mut Vec<u8>,
) -> Option<bool> {
    let mut at = *pos;
    let head = get_varint(postings, &mut at)?;
    if head & 1 == 0 {
        return Some(false);
    }
    let len = (head >> 1) as usize;
    let mut bits = postings.get(at..at + len)?.to_vec();
    for &d in changed {
        if let Some(b) = bits.get_mut(d as usize / 8) {
            *b &= !(1 << (d % 8));
        }
    }
    for &d in added {
        let i = d as usize / 8;
        if bits.len() <= i {
            bits.resize(i + 1, 0);
        }
        bits[i] |= 1 << (d % 8);
    }
    while bits.last() == Some(&0) {
        bits.pop();
    }
    let count: usize = bits.iter().map(|b| b.count_ones() as usize).sum();
    if bits.is_empty() || bits.len() >= count {
        return Some(false);
    }
    super::postings::put_varint(out, (bits.len() as u64) << 1 | 1);
    out.extend_from_slice(&bits);
    *pos = at + len;
    Some(true)
}

#[cfg(test)]
mod tests {
    use super::super::shards::{BODY, Inverted, TITLE, layout};
    use super::super::terms_of;
    use super::*;

    /// Short texts over a small alphabet, so terms are shared and some postings are bitmaps.
    fn texts(n: usize, salt: u32) -> Vec<String> {
        const HAN: [char; 12] = [
            '政', '府', '信', '息', '公', '开', '通', '知', '预', '算', '采', '购',
        ];
        (0..n as u32)
            .map(|i| {
                let mut s: String = (0..6)
                    .map(|k| HAN[((i * 7 + k * 5 + salt * (i % 3)) % 12) as usize])
                    .collect();
                s.push_str(&format!(" w{} ", i % 50));
                s
            })
            .collect()
    }

    fn terms(text: &str) -> super::super::DocTerms {
        terms_of(&[(&text[..6], TITLE), (text, BODY)])
    }

    fn full_index(texts: &[String]) -> Vec<(String, Vec<u8>)> {
        let mut inv = Inverted::default();
        let docs: Vec<_> = texts.iter().map(|t| terms(t)).collect();
        inv.add_docs(0, &docs);
        inv.encode()
    }

    /// Writes an index as `write_index` lays it out: shards, large terms, the shard count.
    fn write(dir: &Path, encoded: Vec<(String, Vec<u8>)>) {
        let laid = layout(encoded);
        std::fs::create_dir_all(dir.join("shards")).unwrap();
        std::fs::create_dir_all(dir.join("terms")).unwrap();
        let manifest = serde_json::json!({ "shards": laid.shards.len() });
        std::fs::write(dir.join("manifest.json"), manifest.to_string()).unwrap();
        for (i, b) in laid.shards.iter().enumerate() {
            std::fs::write(dir.join(format!("shards/{i}.bin")), b).unwrap();
        }
        for (stem, b) in &laid.big {
            std::fs::write(dir.join(format!("terms/{stem}.bin")), b).unwrap();
        }
    }

    fn patch(before: &[String], after: &[String]) -> Vec<(String, Vec<u8>)> {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), full_index(before));
        let changed: Vec<u32> = (0..after.len())
            .filter(|&i| before[i] != after[i])
            .map(|i| i as u32)
            .collect();
        let new: Vec<_> = changed
            .iter()
            .map(|&d| (d, terms(&after[d as usize])))
            .collect();
        patch_files(dir.path(), &changed, &fresh(new)).unwrap()
    }

    #[test]
    fn a_patched_index_equals_a_full_rebuild() {
        let before = texts(300, 0);
        let mut after = before.clone();
        for i in [0, 5, 17, 150, 299] {
            after[i] = texts(300, 1)[i].clone();
        }
        after[42] = "全新词语 unique".into();
        after[43] = "政府".into(); // loses most of its terms
        assert_eq!(patch(&before, &after), full_index(&after));
    }

    #[test]
    fn large_terms_in_their_own_files_are_patched_too() {
        // Thousands of docs share the alphabet, so its terms' postings leave the shards.
        let before = texts(9000, 0);
        let full = full_index(&before);
        assert!(full.iter().any(|(_, p)| p.len() > shards::BIG_TERM_BYTES));
        let mut after = before.clone();
        after[8999] = "采购".into();
        after[3] = "新增 word".into();
        assert_eq!(patch(&before, &after), full_index(&after));
    }

    #[test]
    fn edits_that_keep_some_terms_and_gain_others_patch_to_a_full_rebuild() {
        // Many docs, so the common terms are bitmaps in their own files and the rest lists.
        let before = texts(9000, 0);
        let mut after = before.clone();
        for i in [1, 2, 700, 4000, 8998] {
            after[i].push_str(" 修订 w1");
        }
        after[8000] = after[8000].replace(' ', "");
        assert_eq!(patch(&before, &after), full_index(&after));
        let mut fewer = before.clone();
        fewer[10] = before[10].chars().take(3).collect();
        assert_eq!(patch(&before, &fewer), full_index(&fewer));
    }

    #[test]
    fn nothing_changed_keeps_every_term() {
        let before = texts(100, 0);
        assert_eq!(patch(&before, &before), full_index(&before));
    }
}

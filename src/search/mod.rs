//! The static search index: written at build time from the published catalog only, read in
//! the browser by `search.js`. Layout under `search/`:
//!
//! - `manifest.json` — shard count, doc count, hash, block sizes, filter vocabularies;
//! - `shards/<n>.bin` — the inverted index, sharded by term hash ([`shards`]);
//! - `terms/<hex>.bin` — postings of terms too large for a shard;
//! - `meta/<k>.json` — display metadata of docs `k*16 ..` ([`meta`]);
//! - `facets/<k>.bin` — node, publisher, year, validity per doc, for filters and counts.
//!
//! Doc ids are positions in `Catalog.records` (newest first), so "newer" is "smaller id".

pub mod meta;
pub mod patch;
pub mod postings;
pub mod shards;
pub mod tokenize;

use std::path::Path;
use std::time::Instant as Clock;

use anyhow::Result;
use rayon::prelude::*;

use crate::catalog::Catalog;
use crate::config::Site;
use crate::incremental::Output;
use crate::record::Record;
use shards::{BODY, Inverted, META, TITLE};

/// Docs tokenised in parallel before being merged, in order, into the index.
const CHUNK: usize = 1024;

/// What the index build did, for the build summary and benchmarks.
#[derive(Debug, Default, Clone, Copy)]
pub struct SearchStats {
    pub docs: usize,
    pub terms: usize,
    pub shards: usize,
    pub big_terms: usize,
    pub files: usize,
    pub seconds: f64,
}

/// The distinct terms of one record, each with the OR of the groups it occurs in: Han n-grams
/// packed ([`tokenize::HanKey`], grouped by merge part) and words as text, sorted.
#[derive(Debug, Default)]
pub struct DocTerms {
    pub han: Vec<(tokenize::HanKey, u8)>,
    pub words: Vec<(String, u8)>,
}

/// The texts the index reads of a record besides its body, each with its field group.
pub fn meta_texts<'a>(site: &'a Site, r: &'a Record) -> Vec<(&'a str, u8)> {
    let mut texts = vec![(r.title.as_str(), TITLE), (r.index_no.as_str(), META)];
    if let Some(doc_no) = &r.doc_no {
        texts.push((doc_no, META));
    }
    texts.push((&r.summary, META));
    texts.extend(r.keywords.iter().map(|k| (k.as_str(), META)));
    // 统一登记号, 发文机关, 信息来源 and 项目编号 are what people search a document by.
    let d = &r.document;
    let own = [&d.registration_no, &d.issuer, &d.info_source, &d.project_no];
    texts.extend(own.into_iter().flatten().map(|t| (t.as_str(), META)));
    texts.push((
        crate::render::views::publisher_name(site, &r.publisher),
        META,
    ));
    texts
}

/// Every text the index reads of a record, each with its field group (the body's text is read
/// from the parse cache if the record came from there). A record's search fingerprint
/// ([`patch::fingerprint`]) covers all of these.
pub fn indexed_texts<'a>(site: &'a Site, r: &'a Record) -> Result<Vec<(&'a str, u8)>> {
    let mut texts = meta_texts(site, r);
    texts.push((r.body.text()?, BODY));
    Ok(texts)
}

pub fn doc_terms(site: &Site, r: &Record) -> Result<DocTerms> {
    Ok(terms_of(&indexed_texts(site, r)?))
}

/// The distinct terms of some texts, each with its field group.
pub fn terms_of(texts: &[(&str, u8)]) -> DocTerms {
    let mut d = DocTerms::default();
    for &(text, group) in texts {
        tokenize::index_keys(text, group, &mut d.han, &mut d.words);
    }
    d.han = group_by_part(d.han);
    d.words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    d.words = merge_sorted(d.words);
    d
}

/// The distinct Han terms with their groups OR-ed, grouped by merge part (a counting sort: the
/// order inside a part does not matter, each term occurs once per record).
fn group_by_part(all: Vec<(tokenize::HanKey, u8)>) -> Vec<(tokenize::HanKey, u8)> {
    let mut masks: rustc_hash::FxHashMap<tokenize::HanKey, u8> =
        rustc_hash::FxHashMap::with_capacity_and_hasher(all.len() / 2, Default::default());
    for (k, g) in all {
        *masks.entry(k).or_default() |= g;
    }
    let mut start = [0usize; shards::PARTS + 1];
    for k in masks.keys() {
        start[shards::han_part(*k) + 1] += 1;
    }
    for p in 0..shards::PARTS {
        start[p + 1] += start[p];
    }
    let mut out = vec![(0, 0); masks.len()];
    for (k, g) in masks {
        let p = shards::han_part(k);
        out[start[p]] = (k, g);
        start[p] += 1;
    }
    out
}

/// ORs the groups of neighbouring repeats of a sorted list (cheaper than hashing every
/// occurrence).
fn merge_sorted<T: Ord>(all: Vec<(T, u8)>) -> Vec<(T, u8)> {
    let mut out: Vec<(T, u8)> = Vec::with_capacity(all.len() / 2);
    for (t, g) in all {
        match out.last_mut() {
            Some((last, mask)) if *last == t => *mask |= g,
            _ => out.push((t, g)),
        }
    }
    out
}

/// Writes `search/` under `out` from the published records of `cat`.
pub fn write_index(site: &Site, cat: &Catalog, out: &Output) -> Result<SearchStats> {
    let started = Clock::now();
    let docs = patch::DocList::of(site, cat);
    out.set_state(patch::STATE_KEY, docs.encode());
    let encoded = match patch::patched(site, cat, out, &docs)? {
        Some(encoded) => encoded,
        None => {
            let mut inv = Inverted::default();
            for (c, chunk) in cat.records.chunks(CHUNK).enumerate() {
                let terms = (chunk.par_iter())
                    .map(|r| doc_terms(site, r))
                    .collect::<Result<Vec<DocTerms>>>()?;
                inv.add_docs((c * CHUNK) as u32, &terms);
            }
            inv.encode()
        }
    };
    let t = crate::build::span("    search: terms", started);
    let n_terms = encoded.len();
    let layout = shards::layout(encoded);

    let t = crate::build::span("    search: encode", t);
    let vocab = meta::Vocab::new(site, cat);
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let manifest = vocab.manifest(site, cat, layout.shards.len() as u32);
    files.push(("manifest.json".into(), serde_json::to_vec(&manifest)?));
    let n_shards = layout.shards.len();
    let n_big = layout.big.len();
    files.extend(
        (layout.shards.into_iter().enumerate()).map(|(i, b)| (format!("shards/{i}.bin"), b)),
    );
    files.extend((layout.big.into_iter()).map(|(stem, b)| (format!("terms/{stem}.bin"), b)));
    // Metadata blocks are many (one per 16 records) and depend on little: kept by key.
    let meta_blocks = cat.records.chunks(meta::META_BLOCK).len();
    (cat.records.par_chunks(meta::META_BLOCK).enumerate()).try_for_each(|(k, block)| {
        out.keyed_bytes(
            &format!("search/meta/{k}.json"),
            vocab.meta_key(block),
            || {
                let docs: Vec<meta::DocMeta> = block.iter().map(|r| vocab.doc(r)).collect();
                Ok(serde_json::to_vec(&docs)?)
            },
        )
    })?;
    files.par_extend(
        (cat.records.par_chunks(meta::FACET_BLOCK).enumerate())
            .map(|(k, block)| (format!("facets/{k}.bin"), vocab.facet_block(block))),
    );
    let t = crate::build::span("    search: blocks", t);
    files
        .par_iter()
        .try_for_each(|(rel, bytes)| out.bytes(&format!("search/{rel}"), bytes))?;
    crate::build::span("    search: write", t);
    Ok(SearchStats {
        docs: cat.records.len(),
        terms: n_terms,
        shards: n_shards,
        big_terms: n_big,
        files: files.len() + meta_blocks,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// The search page, `search.html`.
#[derive(Debug, serde::Serialize)]
pub struct SearchPage {
    pub breadcrumb: Vec<crate::render::views::Crumb>,
    /// The first catalog listings, linked for readers without JavaScript.
    pub sections: Vec<crate::render::views::NodeLink>,
    /// Index shape, so search.js can fetch shards without waiting for the manifest.
    pub shards: usize,
    pub docs: usize,
    pub meta_block: usize,
}

/// Renders `search.html` (the page search.js runs on).
pub fn render_page(
    site: &Site,
    cat: &Catalog,
    theme: &crate::render::Theme,
    out: &Output,
    stats: &SearchStats,
) -> Result<()> {
    let view = SearchPage {
        shards: stats.shards,
        docs: stats.docs,
        meta_block: meta::META_BLOCK,
        breadcrumb: Vec::new(),
        sections: site
            .catalog
            .roots()
            .map(|i| crate::render::listing::node_link(site, cat, i))
            .collect(),
    };
    crate::render::write_page(theme, out, "search.html", "search.html", &view)
}

/// Reads a term's postings back from a written index (for tests and tools): per field group,
/// the doc ids. `None` when the index has no such term.
pub fn lookup(search_dir: &Path, term: &str) -> Result<Option<[Vec<u32>; 3]>> {
    let manifest: serde_json::Value =
        serde_json::from_slice(&crate::fsutil::read(&search_dir.join("manifest.json"))?)?;
    let n = manifest["shards"].as_u64().unwrap_or(1) as u32;
    let shard_path = search_dir.join(format!("shards/{}.bin", shards::shard_of(term, n)));
    let bytes = crate::fsutil::read(&shard_path)?;
    let entries = shards::decode_shard(&bytes)
        .ok_or_else(|| anyhow::anyhow!("{} is not a shard", shard_path.display()))?;
    let Some((_, entry)) = entries.into_iter().find(|(t, _)| t == term) else {
        return Ok(None);
    };
    Ok(Some(match entry {
        shards::Entry::Inline(sets) => sets,
        shards::Entry::External => {
            let path = search_dir.join(format!("terms/{}.bin", shards::term_file(term)));
            let bytes = crate::fsutil::read(&path)?;
            shards::decode_postings(&bytes, &mut 0)
                .ok_or_else(|| anyhow::anyhow!("{} is not a postings file", path.display()))?
        }
    }))
}

/// The docs that have every term of `query`, in id order (newest first); unranked.
pub fn matching_docs(search_dir: &Path, query: &str) -> Result<Vec<u32>> {
    let mut result: Option<Vec<u32>> = None;
    for term in tokenize::query_terms(query) {
        let Some(sets) = lookup(search_dir, &term)? else {
            return Ok(Vec::new());
        };
        let mut docs: Vec<u32> = sets.concat();
        docs.sort_unstable();
        docs.dedup();
        result = Some(match result {
            None => docs,
            Some(prev) => prev
                .into_iter()
                .filter(|d| docs.binary_search(d).is_ok())
                .collect(),
        });
    }
    Ok(result.unwrap_or_default())
}

//! What the client shows and filters by: per-record display metadata in blocks of
//! [`META_BLOCK`] docs (`meta/<k>.json`), per-record facet values in blocks of [`FACET_BLOCK`]
//! docs (`facets/<k>.bin`), and the manifest with the filter vocabularies.

use serde::Serialize;

use crate::catalog::Catalog;
use crate::config::Site;
use crate::incremental::fingerprint::{Digest, Fingerprint};
use crate::record::Record;
use crate::values::Validity;

/// Docs per metadata block: a first page of ten results spread over the catalog costs at most
/// ten small blocks.
pub const META_BLOCK: usize = 16;
/// Docs per facet block.
pub const FACET_BLOCK: usize = 8192;
/// Characters of the excerpt.
pub const EXCERPT_CHARS: usize = 80;
/// "No value" in a facet column.
pub const NONE: u8 = 255;

/// One result row. Short keys: this is downloaded per query.
#[derive(Debug, Serialize)]
pub struct DocMeta<'a> {
    /// Title.
    pub t: &'a str,
    /// URL relative to the site root.
    pub u: String,
    /// Publication date.
    pub d: String,
    /// 索引号.
    pub i: &'a str,
    /// 文号.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub w: Option<&'a str>,
    /// Publisher id (index into the manifest's publishers).
    pub p: usize,
    /// Catalog node id.
    pub n: usize,
    /// Validity id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub v: Option<usize>,
    /// Year.
    pub y: i32,
    /// Excerpt.
    pub x: String,
}

#[derive(Debug, Serialize)]
pub struct Named {
    pub id: usize,
    pub name: String,
}

/// `search/manifest.json`.
#[derive(Debug, Serialize)]
pub struct Manifest {
    pub format: &'static str,
    pub docs: usize,
    pub shards: u32,
    pub hash: &'static str,
    pub groups: [&'static str; 3],
    pub meta_block: usize,
    pub facet_block: usize,
    pub nodes: Vec<Named>,
    pub publishers: Vec<Named>,
    pub years: Vec<Named>,
    pub validities: Vec<Named>,
}

/// The filter vocabularies, and how to map a record onto them.
pub struct Vocab {
    publishers: Vec<String>,
    /// Position in `publishers`, by id.
    publisher_at: rustc_hash::FxHashMap<String, usize>,
    years: Vec<i32>,
}

impl Vocab {
    pub fn new(site: &Site, cat: &Catalog) -> Vocab {
        let mut publishers: Vec<String> = site
            .config
            .publishers
            .iter()
            .map(|p| p.id.clone())
            .collect();
        for id in cat.by_publisher.keys() {
            if !publishers.contains(id) {
                publishers.push(id.clone());
            }
        }
        let mut years: Vec<i32> = cat.records.iter().map(year).collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        let publisher_at = (publishers.iter().enumerate())
            .map(|(i, id)| (id.clone(), i))
            .collect();
        Vocab {
            publishers,
            publisher_at,
            years,
        }
    }

    fn publisher(&self, r: &Record) -> usize {
        *(self.publisher_at.get(&r.publisher)).expect("every publisher is in the vocabulary")
    }

    fn year(&self, r: &Record) -> usize {
        self.years.iter().position(|&y| y == year(r)).expect("year")
    }

    pub fn manifest(&self, site: &Site, cat: &Catalog, shards: u32) -> Manifest {
        let nodes = (0..site.catalog.nodes.len())
            .filter(|&n| !cat.by_node[n].is_empty())
            .map(|n| Named {
                id: n,
                name: site.catalog.nodes[n].name.clone(),
            })
            .collect();
        Manifest {
            format: "gongkai-search-1",
            docs: cat.records.len(),
            shards,
            hash: "fnv1a32",
            groups: super::shards::GROUPS,
            meta_block: META_BLOCK,
            facet_block: FACET_BLOCK,
            nodes,
            publishers: self
                .publishers
                .iter()
                .enumerate()
                .filter(|(_, id)| cat.by_publisher.contains_key(*id))
                .map(|(i, id)| Named {
                    id: i,
                    name: crate::render::views::publisher_name(site, id).to_string(),
                })
                .collect(),
            years: self
                .years
                .iter()
                .enumerate()
                .map(|(i, y)| Named {
                    id: i,
                    name: y.to_string(),
                })
                .collect(),
            validities: Validity::ALL
                .iter()
                .enumerate()
                .map(|(i, v)| Named {
                    id: i,
                    name: v.as_str().to_string(),
                })
                .collect(),
        }
    }

    /// The key of the metadata block of `docs`: what [`Vocab::doc`] reads of each record (its
    /// fields, by the digest made when it was parsed, and its body's first paragraph, the
    /// excerpt when it has no summary) and the vocabularies it maps them onto.
    pub fn meta_key(&self, docs: &[Record]) -> Fingerprint {
        let mut d = Digest::new();
        d.field(b"search meta")
            .value(&self.publishers)
            .value(&self.years);
        for r in docs {
            d.field(&r.fields_digest.to_le_bytes())
                .field(r.body.first_paragraph.as_bytes());
        }
        d.finish()
    }

    pub fn doc<'a>(&self, r: &'a Record) -> DocMeta<'a> {
        DocMeta {
            t: &r.title,
            u: r.url(),
            d: r.published.unwrap_or(r.created).to_string(),
            i: r.index_no.as_str(),
            w: r.doc_no.as_deref(),
            p: self.publisher(r),
            n: r.node,
            v: validity_id(r),
            y: year(r),
            x: excerpt(r),
        }
    }

    /// A facet block: four columns of `docs` entries — node (u16 LE), publisher (u16 LE),
    /// year id (u8), validity id (u8, 255 = none).
    pub fn facet_block(&self, docs: &[Record]) -> Vec<u8> {
        let mut out = Vec::with_capacity(docs.len() * 6);
        for r in docs {
            out.extend_from_slice(&(r.node as u16).to_le_bytes());
        }
        for r in docs {
            out.extend_from_slice(&(self.publisher(r) as u16).to_le_bytes());
        }
        out.extend(docs.iter().map(|r| self.year(r) as u8));
        out.extend(
            docs.iter()
                .map(|r| validity_id(r).map_or(NONE, |v| v as u8)),
        );
        out
    }
}

fn year(r: &Record) -> i32 {
    r.published.unwrap_or(r.created).year()
}

fn validity_id(r: &Record) -> Option<usize> {
    r.validity()
        .map(|v| Validity::ALL.iter().position(|&x| x == v).expect("listed"))
}

/// The summary, or else the body's first paragraph, cut to [`EXCERPT_CHARS`].
pub fn excerpt(r: &Record) -> String {
    let source = if r.summary.trim().is_empty() {
        &r.body.first_paragraph
    } else {
        &r.summary
    };
    let text = source.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= EXCERPT_CHARS {
        text
    } else {
        let mut cut: String = text.chars().take(EXCERPT_CHARS - 1).collect();
        cut.push('…');
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each metadata block of the example site after `edit`: (key, bytes).
    fn blocks(edit: impl Fn(&mut Record)) -> Vec<(Fingerprint, Vec<u8>)> {
        let (site, cat) = crate::testing::example_catalog(edit);
        let vocab = Vocab::new(&site, &cat);
        (cat.records.chunks(META_BLOCK))
            .map(|block| {
                let docs: Vec<DocMeta> = block.iter().map(|r| vocab.doc(r)).collect();
                (vocab.meta_key(block), serde_json::to_vec(&docs).unwrap())
            })
            .collect()
    }

    #[test]
    fn a_metadata_block_key_changes_whenever_its_bytes_do() {
        const TARGET: &str = "11430199MB0000000X/2025-00017";
        type Edit = fn(&mut Record);
        // The first paragraph is the excerpt only without a summary: edited without one.
        let no_summary: Edit = |r| r.summary.clear();
        let edits: [(&str, Edit, Edit); 4] = [
            ("title", |_| {}, |r| r.title.push_str("（修订）")),
            (
                "doc_no",
                |_| {},
                |r| r.doc_no = Some("芙川〔2026〕9号".into()),
            ),
            ("summary", |_| {}, |r| r.summary = "新的摘要。".into()),
            ("first paragraph", no_summary, |r| {
                r.body.first_paragraph.push_str("又及。")
            }),
        ];
        for (what, setup, edit) in edits {
            let target = |r: &Record| r.index_no.to_string() == TARGET;
            let before = blocks(|r| {
                if target(r) {
                    setup(r)
                }
            });
            let after = blocks(|r| {
                if target(r) {
                    setup(r);
                    edit(r)
                }
            });
            assert_eq!(before.len(), after.len());
            let changed = (before.iter().zip(&after))
                .filter(|((k0, b0), (k1, b1))| {
                    assert_eq!(b0 == b1, k0 == k1, "{what}: key and bytes disagree");
                    b0 != b1
                })
                .count();
            assert_eq!(changed, 1, "{what}: one block shows the record");
        }
    }
}

//! The disclosure catalog: the published records, sorted once, with the indexes every output
//! reads (by node, publisher, year, topic, validity) and the cross-references between records.
//! Withheld records are kept apart, for `check` only.

pub mod article;
pub mod gate;
pub mod tree;

use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::config::Site;
use crate::diag::{Code, Diagnostic};
use crate::index_no::IndexNo;
use crate::record::Record;
use crate::values::{Date, Instant, Kind, Validity};
pub use article::ArticleItem;
pub use gate::{Audience, WithheldReason};

#[derive(Debug)]
pub struct Withheld {
    pub record: Record,
    pub reasons: Vec<WithheldReason>,
}

/// The published catalog. Record indexes (`usize`) point into `records`.
#[derive(Debug, Default)]
pub struct Catalog {
    /// Newest first: by publication date, then 索引号, both descending.
    pub records: Vec<Record>,
    pub withheld: Vec<Withheld>,
    by_index: FxHashMap<IndexNo, usize>,
    /// Per catalog node: its own records, newest first.
    pub by_node: Vec<Vec<usize>>,
    /// For each record: its position in `by_node[its node]`.
    node_pos: Vec<usize>,
    /// Per catalog node: its records and those of its descendants, newest first.
    pub by_subtree: Vec<Vec<usize>>,
    pub by_publisher: BTreeMap<String, Vec<usize>>,
    pub by_year: BTreeMap<i32, Vec<usize>>,
    pub by_topic: BTreeMap<String, Vec<usize>>,
    /// Per 条例 Article-20 item (`article` of the record's node or its nearest ancestor).
    pub by_article: BTreeMap<ArticleItem, Vec<usize>>,
    /// Policies in force (有效, 已修改), newest first.
    pub in_force: Vec<usize>,
    /// Policies no longer in force (已废止, 已失效), newest first.
    pub void: Vec<usize>,
    /// For each record: the interpretations that explain it.
    pub interpretations: Vec<Vec<usize>>,
    /// For each record: the records it replaced (those whose `superseded_by` names it).
    pub replaces: Vec<Vec<usize>>,
    /// Records shown only because this is a draft preview (never set for `Audience::Public`).
    pub preview_only: std::collections::BTreeSet<IndexNo>,
    /// Published records edited since their last ledger entry, shown in a draft preview as a
    /// pending revision (待发布修订) instead of failing it (never set for `Audience::Public`).
    pub pending_revision: std::collections::BTreeSet<IndexNo>,
    /// Who this catalog is for.
    pub audience: Audience,
    /// For each record: the dates of its revisions, from the publication ledger.
    pub revisions: Vec<Vec<Date>>,
    /// For each record: its URL and dates as text, made on first use ([`Catalog::text`]).
    texts: std::sync::OnceLock<Vec<RecordText>>,
    /// For each record: the digest of its listing row, made on first use
    /// ([`Catalog::row_digest`]).
    row_digests: std::sync::OnceLock<Vec<crate::incremental::fingerprint::Fingerprint>>,
}

/// A record's page URL and dates as the site shows them. Listings show a record some seven
/// times (its node, ancestors, browse views, neighbours), so the text is made once.
#[derive(Debug)]
pub struct RecordText {
    pub url: String,
    /// Empty when unpublished (previews).
    pub published: String,
    pub created: String,
}

impl Catalog {
    pub fn get(&self, ix: &IndexNo) -> Option<usize> {
        self.by_index.get(ix).copied()
    }

    /// The URL and dates of record `i` as text.
    pub fn text(&self, i: usize) -> &RecordText {
        let texts = self.texts.get_or_init(|| {
            (self.records.par_iter())
                .map(|r| RecordText {
                    url: r.url(),
                    published: r.published.map(|d| d.to_string()).unwrap_or_default(),
                    created: r.created.to_string(),
                })
                .collect()
        });
        &texts[i]
    }

    /// The digest of record `i`'s listing row, `digest` making every record's on first use:
    /// page fingerprints read a row as its digest, so each row is hashed once, not once for
    /// every listing that shows it.
    pub fn row_digest(
        &self,
        i: usize,
        digest: impl Fn(usize) -> crate::incremental::fingerprint::Fingerprint + Sync,
    ) -> crate::incremental::fingerprint::Fingerprint {
        self.row_digests.get_or_init(|| {
            (0..self.records.len())
                .into_par_iter()
                .map(&digest)
                .collect()
        })[i]
    }

    /// The previous (newer) and next (older) record in the same node.
    pub fn neighbours(&self, i: usize) -> (Option<usize>, Option<usize>) {
        let list = &self.by_node[self.records[i].node];
        let pos = self.node_pos[i];
        (
            pos.checked_sub(1).map(|p| list[p]),
            list.get(pos + 1).copied(),
        )
    }
}

/// Splits records by the gate, checks references, and builds the indexes.
pub fn build(site: &Site, records: Vec<Record>, now: Instant) -> (Catalog, Vec<Diagnostic>) {
    build_for(site, records, now, Audience::Public)
}

/// Like [`build`], for an audience: `Preview` also lists unfinished records, marked.
pub fn build_for(
    site: &Site,
    records: Vec<Record>,
    now: Instant,
    audience: Audience,
) -> (Catalog, Vec<Diagnostic>) {
    let t = std::time::Instant::now();
    let mut diags = check_duplicates(&records);
    let t = crate::build::span("  duplicates", t);
    let mut cat = Catalog {
        audience,
        ..Catalog::default()
    };
    let mut records = records;
    let today = now.date();
    for r in &mut records {
        r.derive_expiry(today);
    }
    // The gate once per record, in parallel; then references, which need every decision.
    let reasons: Vec<Vec<WithheldReason>> = (records.par_iter())
        .map(|r| gate::withheld_reasons(r, now))
        .collect();
    let all: FxHashMap<&IndexNo, (bool, &str)> = (records.iter().zip(&reasons))
        .map(|(r, why)| (&r.index_no, (shown(why, audience), r.source.path.as_str())))
        .collect();
    let references: Vec<Vec<Diagnostic>> = (records.par_iter().zip(&reasons))
        .map(|(r, why)| match shown(why, audience) {
            true => check_references(r, &all),
            false => Vec::new(),
        })
        .collect();
    drop(all);
    diags.extend(references.into_iter().flatten());
    // Records are large: the shown ones stay where they are (no copy into a new vector), the
    // withheld ones are taken out.
    let is_shown: Vec<bool> = reasons.iter().map(|why| shown(why, audience)).collect();
    let mut at = 0;
    let taken: Vec<Record> = records
        .extract_if(.., |_| {
            at += 1;
            !is_shown[at - 1]
        })
        .collect();
    let mut withheld_reasons = Vec::with_capacity(taken.len());
    let mut shown_records = records.iter();
    for (why, shown) in reasons.into_iter().zip(is_shown) {
        match shown {
            false => withheld_reasons.push(why),
            true => {
                let r = shown_records
                    .next()
                    .expect("one shown record per shown decision");
                if !why.is_empty() {
                    cat.preview_only.insert(r.index_no.clone());
                }
            }
        }
    }
    cat.withheld = (taken.into_iter().zip(withheld_reasons))
        .map(|(record, reasons)| Withheld { record, reasons })
        .collect();
    let t = crate::build::span("  gate", t);
    newest_first(&mut records);
    cat.records = records;
    let t = crate::build::span("  sort", t);
    cat.withheld
        .sort_by(|a, b| a.record.source.path.cmp(&b.record.source.path));
    index(site, &mut cat);
    crate::build::span("  index", t);
    (cat, diags)
}

/// Puts records newest first (then by 索引号, descending), in place. Sorts positions, then
/// follows each cycle of the permutation with swaps: a record is a large struct, sorting the
/// records themselves moved every one of them some 17 times at 100,000 records, and moving them
/// into a new vector touches as much fresh memory as they take.
fn newest_first(records: &mut [Record]) {
    let mut order: Vec<usize> = (0..records.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&records[a], &records[b]);
        b.published
            .cmp(&a.published)
            .then_with(|| b.index_no.cmp(&a.index_no))
    });
    // `order[k]` is the record that belongs at `k`; a position is done once `order[k] == k`.
    for start in 0..order.len() {
        let mut k = start;
        while order[k] != start {
            let from = order[k];
            records.swap(k, from);
            order[k] = k;
            k = from;
        }
        order[k] = k;
    }
}

/// Whether a record with these withheld reasons appears in a catalog for `audience`.
fn shown(reasons: &[WithheldReason], audience: Audience) -> bool {
    reasons.is_empty() || (audience == Audience::Preview && gate::admitted_in_preview(reasons))
}

fn check_duplicates(records: &[Record]) -> Vec<Diagnostic> {
    // Keyed by the page's slug: two numbers that differ only in separators (possible across
    // schemes and with legacy numbers) would share a page address.
    let mut first: FxHashMap<String, &Record> = FxHashMap::default();
    let mut diags = Vec::new();
    let mut sorted: Vec<&Record> = records.iter().collect();
    sorted.sort_by(|a, b| a.source.path.cmp(&b.source.path));
    for r in sorted {
        let slug = r.index_no.slug();
        if let Some(other) = first.get(&slug) {
            let message = if other.index_no == r.index_no {
                crate::msg!(
                    "index-duplicate",
                    value = r.index_no.to_string(),
                    other = &other.source.path
                )
            } else {
                crate::msg!(
                    "index-same-address",
                    value = r.index_no.to_string(),
                    other = &other.source.path,
                    other_value = other.index_no.to_string(),
                    slug = &slug
                )
            };
            diags.push(
                Diagnostic::error(
                    Code::DuplicateIndexNo,
                    &r.source.path,
                    r.source.pos("index_no"),
                    message,
                )
                .field("index_no"),
            );
        } else {
            first.insert(slug, r);
        }
    }
    diags
}

fn check_references(r: &Record, all: &FxHashMap<&IndexNo, (bool, &str)>) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let mut check = |target: &IndexNo, field: &str, pos| match all.get(target) {
        None => diags.push(
            Diagnostic::error(
                Code::UnknownReference,
                &r.source.path,
                pos,
                crate::msg!(
                    "reference-unknown",
                    field = field,
                    target = target.to_string()
                ),
            )
            .field(field),
        ),
        Some((false, path)) => diags.push(
            Diagnostic::error(
                Code::UnknownReference,
                &r.source.path,
                pos,
                crate::msg!(
                    "reference-unpublished",
                    field = field,
                    target = target.to_string(),
                    path = *path
                ),
            )
            .field(field),
        ),
        Some((true, _)) => {}
    };
    if let Some(t) = &r.interprets {
        check(t, "interprets", r.source.pos("interprets"));
    }
    if let Some(t) = &r.superseded_by {
        check(t, "superseded_by", r.source.pos("superseded_by"));
    }
    for t in &r.related {
        check(t, "related", r.source.pos("related"));
    }
    for (t, pos) in &r.body_refs {
        check(t, "body", *pos);
    }
    diags
}

/// Appends `i` to the list of `key`, cloning the key only for a new list.
fn push_to(map: &mut BTreeMap<String, Vec<usize>>, key: &str, i: usize) {
    match map.get_mut(key) {
        Some(ids) => ids.push(i),
        None => drop(map.insert(key.to_string(), vec![i])),
    }
}

fn index(site: &Site, cat: &mut Catalog) {
    let n_nodes = site.catalog.nodes.len();
    cat.by_node = vec![Vec::new(); n_nodes];
    cat.by_subtree = vec![Vec::new(); n_nodes];
    cat.interpretations = vec![Vec::new(); cat.records.len()];
    cat.replaces = vec![Vec::new(); cat.records.len()];
    cat.node_pos = Vec::with_capacity(cat.records.len());
    let articles: Vec<Option<ArticleItem>> = (0..n_nodes)
        .map(|n| site.catalog.article_of(n).map(ArticleItem::parse))
        .collect();
    cat.by_index.reserve(cat.records.len());
    for (i, r) in cat.records.iter().enumerate() {
        cat.by_index.insert(r.index_no.clone(), i);
        cat.node_pos.push(cat.by_node[r.node].len());
        cat.by_node[r.node].push(i);
        for a in site.catalog.ancestry(r.node) {
            cat.by_subtree[a].push(i);
        }
        push_to(&mut cat.by_publisher, &r.publisher, i);
        if let Some(p) = r.published {
            cat.by_year.entry(p.year()).or_default().push(i);
        }
        for t in &r.topics {
            push_to(&mut cat.by_topic, t, i);
        }
        if let Some(a) = &articles[r.node] {
            match cat.by_article.get_mut(a) {
                Some(ids) => ids.push(i),
                None => drop(cat.by_article.insert(a.clone(), vec![i])),
            }
        }
        match r.validity() {
            Some(Validity::Valid | Validity::Amended) => cat.in_force.push(i),
            Some(Validity::Abolished | Validity::Expired) => cat.void.push(i),
            None => {}
        }
    }
    for i in 0..cat.records.len() {
        let r = &cat.records[i];
        if let (Kind::Interpretation, Some(t)) = (r.kind, &r.interprets)
            && let Some(&p) = cat.by_index.get(t)
        {
            cat.interpretations[p].push(i);
        }
        if let Some(t) = &r.superseded_by
            && let Some(&p) = cat.by_index.get(t)
        {
            cat.replaces[p].push(i);
        }
    }
}

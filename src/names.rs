//! Names where ids are expected. A publisher, catalog node, topic, genre or channel may be
//! written by its id, its Chinese name, an alias from `site.yaml` (`aliases:`), or a short form
//! of its name that fits exactly one entry (`区政府办` for 芙川区人民政府办公室, `通知公告` or `tzgg`
//! for the node `tzgg`). One resolver serves every path that reads such a value: the record
//! loader, `gongkai new` and the desk editor.
//!
//! An exact id is one hash lookup; names are looked at only when that misses, so a site whose
//! records carry ids pays nothing. The record file keeps what the clerk wrote; the model stores
//! the resolved id.

use rustc_hash::FxHashMap;

use crate::catalog::tree::CatalogTree;
use crate::config::SiteConfig;

/// Which table a value is looked up in; it names the thing in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    Publisher,
    Node,
    Topic,
    Genre,
    Channel,
}

impl What {
    /// The diagnostic code of a value of this table that does not resolve.
    pub fn code(self) -> crate::diag::Code {
        use crate::diag::Code;
        match self {
            What::Publisher => Code::UnknownPublisher,
            What::Node => Code::UnknownCatalogNode,
            What::Topic | What::Genre | What::Channel => Code::NotInVocabulary,
        }
    }
}

/// An entry a written value could mean: its id and its (Chinese) name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: String,
    pub name: String,
}

/// Why a written value did not resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Miss {
    /// Nothing fits; perhaps one entry is close (a typo in the id or the name).
    Unknown { suggestion: Option<Candidate> },
    /// More than one entry fits, in `site.yaml` order.
    Ambiguous(Vec<Candidate>),
}

/// Every table of one site, built once when `site.yaml` is loaded.
#[derive(Debug, Clone, Default)]
pub struct Names {
    pub publishers: Table,
    pub nodes: Table,
    pub topics: Table,
    pub genres: Table,
    pub channels: Table,
}

impl Names {
    pub fn of(config: &SiteConfig, catalog: &CatalogTree) -> Names {
        let publishers = (config.publishers.iter())
            .map(|p| Entry::new(&p.id, &p.name, p.aliases.iter().cloned()))
            .collect();
        let nodes = (catalog.nodes.iter().enumerate())
            .map(|(i, n)| {
                let mut extra: Vec<String> = n.aliases.clone();
                if n.parent.is_some() {
                    // The path of names, as the catalog shows it: 政策文件/行政规范性文件.
                    let names: Vec<&str> = (catalog.ancestry(i).into_iter())
                        .map(|a| catalog.nodes[a].name.as_str())
                        .collect();
                    extra.push(names.join("/"));
                }
                Entry::new(&n.path, &n.name, extra)
            })
            .collect();
        let vocabulary = |list: &[String]| list.iter().map(|v| Entry::new(v, v, [])).collect();
        let v = &config.vocabularies;
        Names {
            publishers: Table::new(What::Publisher, publishers),
            nodes: Table::new(What::Node, nodes),
            topics: Table::new(What::Topic, vocabulary(&v.topics)),
            genres: Table::new(What::Genre, vocabulary(&v.genres)),
            channels: Table::new(What::Channel, vocabulary(&v.channels)),
        }
    }
}

#[derive(Debug, Clone)]
struct Entry {
    id: String,
    /// The name first, then aliases and other written forms.
    names: Vec<String>,
}

impl Entry {
    fn new(id: &str, name: &str, more: impl IntoIterator<Item = String>) -> Entry {
        let mut names = vec![name.to_string()];
        names.extend(more.into_iter().filter(|a| !a.trim().is_empty()));
        Entry {
            id: id.to_string(),
            names,
        }
    }

    fn candidate(&self) -> Candidate {
        Candidate {
            id: self.id.clone(),
            name: self.names[0].clone(),
        }
    }
}

/// One vocabulary of ids with their names.
#[derive(Debug, Clone)]
pub struct Table {
    what: What,
    ids: FxHashMap<String, usize>,
    names: FxHashMap<String, Vec<usize>>,
    entries: Vec<Entry>,
}

impl Default for Table {
    fn default() -> Table {
        Table::new(What::Publisher, Vec::new())
    }
}

impl Table {
    fn new(what: What, entries: Vec<Entry>) -> Table {
        let mut ids = FxHashMap::default();
        let mut names: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (i, e) in entries.iter().enumerate() {
            ids.entry(e.id.clone()).or_insert(i);
            for n in &e.names {
                let list = names.entry(n.clone()).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
        Table {
            what,
            ids,
            names,
            entries,
        }
    }

    pub fn what(&self) -> What {
        self.what
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The id at position `i` (the order of `site.yaml`).
    pub fn id(&self, i: usize) -> &str {
        &self.entries[i].id
    }

    /// The position of the entry with exactly this id (no names).
    pub fn get(&self, id: &str) -> Option<usize> {
        self.ids.get(id).copied()
    }

    /// The position of the entry `written` means.
    pub fn resolve(&self, written: &str) -> Result<usize, Miss> {
        match self.ids.get(written) {
            Some(&i) => Ok(i),
            None => self.resolve_name(written),
        }
    }

    /// The id `written` means.
    pub fn resolve_id(&self, written: &str) -> Result<&str, Miss> {
        self.resolve(written).map(|i| self.id(i))
    }

    #[cold]
    fn resolve_name(&self, written: &str) -> Result<usize, Miss> {
        let w = self.normalise(written);
        if let Some(&i) = self.ids.get(w.as_str()) {
            return Ok(i);
        }
        if let Some(list) = self.names.get(w.as_str()) {
            return self.pick(list.clone());
        }
        let chars = w.chars().count();
        let tiers: [&dyn Fn(&Entry) -> bool; 3] = [
            // A unique end of a node's path: `tzgg`, `gfxwj` for `zcwj/gfxwj`.
            &|e| self.what == What::Node && e.id.ends_with(&format!("/{w}")),
            // A part of the name: `国有资产监管` for 国民经济管理、国有资产监管.
            &|e| chars >= 2 && e.names.iter().any(|n| n.contains(w.as_str())),
            // An abbreviation, the characters in order: `区政府办` for 芙川区人民政府办公室.
            &|e| chars >= 2 && !w.is_ascii() && e.names.iter().any(|n| is_subsequence(&w, n)),
        ];
        for fits in tiers {
            let found: Vec<usize> = (0..self.entries.len())
                .filter(|&i| fits(&self.entries[i]))
                .collect();
            if !found.is_empty() {
                return self.pick(found);
            }
        }
        Err(Miss::Unknown {
            suggestion: self.suggest(&w).map(|i| self.entries[i].candidate()),
        })
    }

    /// Trims spaces; a node may also be written as its folder (`content/tzgg/`), the path of its
    /// listing (`xxgk/tzgg`), under the section's usual name (`zfxxgk/tzgg`, 政府信息公开), or
    /// with full-width slashes.
    fn normalise(&self, written: &str) -> String {
        let w = written.trim();
        if self.what != What::Node {
            return w.to_string();
        }
        let w = w.replace(['／', '\\'], "/");
        let mut w = w.trim_matches('/');
        for prefix in ["content/", "zfxxgk/", "xxgk/"] {
            w = w.strip_prefix(prefix).unwrap_or(w);
        }
        w.trim_matches('/').to_string()
    }

    fn pick(&self, found: Vec<usize>) -> Result<usize, Miss> {
        match found.as_slice() {
            [i] => Ok(*i),
            _ => Err(Miss::Ambiguous(
                found.iter().map(|&i| self.entries[i].candidate()).collect(),
            )),
        }
    }

    /// The closest entry by id (a typo in Latin letters) or by name (edit distance in
    /// characters, or a name the written value contains).
    fn suggest(&self, w: &str) -> Option<usize> {
        // A path whose last part names a node: `zfxxgk/tzgg` → `tzgg`.
        if let Some((_, last)) = w.rsplit_once('/')
            && let Ok(i) = self.resolve(last)
        {
            return Some(i);
        }
        let mut best: Option<(f64, usize)> = None;
        for (i, e) in self.entries.iter().enumerate() {
            let by_id = strsim::jaro_winkler(w, &e.id);
            let by_name = (e.names.iter())
                .map(|n| name_score(w, n))
                .fold(0.0, f64::max);
            let score = if by_id > 0.8 { by_id } else { 0.0 }.max(by_name);
            if score > 0.0 && best.is_none_or(|(s, _)| score > s) {
                best = Some((score, i));
            }
        }
        best.map(|(_, i)| i)
    }
}

/// How alike a written value and a Chinese name are, 0 when not alike enough to suggest.
fn name_score(w: &str, name: &str) -> f64 {
    if w.is_ascii() || name.is_ascii() {
        return 0.0;
    }
    if name.chars().count() >= 2 && w.contains(name) {
        return 0.85;
    }
    let longest = w.chars().count().max(name.chars().count()) as f64;
    let score = 1.0 - strsim::levenshtein(w, name) as f64 / longest;
    // Between names as far apart, the one that starts alike: 通令 → 通知 rather than 命令.
    let prefix = w
        .chars()
        .zip(name.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let tie_break = 0.01 * prefix as f64 / longest;
    if score >= 0.5 { score + tie_break } else { 0.0 }
}

/// Whether the characters of `short` appear in `long` in order.
fn is_subsequence(short: &str, long: &str) -> bool {
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|l| l == c))
}

/// Messages (`locales/*/gongkai.ftl`); `what` is passed as a key the resources select on.
pub mod msg {
    use super::{Candidate, Miss, What};
    use crate::i18n::Msg;
    use crate::msg;

    /// The resources' key of a kind of name.
    pub fn key(what: What) -> &'static str {
        match what {
            What::Publisher => "publisher",
            What::Node => "node",
            What::Topic => "topic",
            What::Genre => "genre",
            What::Channel => "channel",
        }
    }

    fn shown(c: &Candidate) -> String {
        if c.id == c.name {
            format!("“{}”", c.id)
        } else {
            format!("“{}”（{}）", c.name, c.id)
        }
    }

    /// A value that fits more than one entry.
    pub fn ambiguous(what: What, written: &str, candidates: &[Candidate]) -> Msg {
        const SHOWN: usize = 8;
        let list: Vec<String> = candidates.iter().take(SHOWN).map(shown).collect();
        msg!(
            "name-ambiguous",
            what = key(what),
            value = written,
            candidates = list.join("、"),
            count = candidates.len()
        )
    }

    /// A value that fits nothing, with the closest entry when one is close.
    pub fn unknown(what: What, written: &str, miss: &Miss) -> Msg {
        let what = key(what);
        match miss {
            Miss::Unknown {
                suggestion: Some(c),
            } if c.id == c.name => msg!(
                "name-unknown-suggest",
                what = what,
                value = written,
                suggestion = &c.id
            ),
            Miss::Unknown {
                suggestion: Some(c),
            } => msg!(
                "name-unknown-suggest-named",
                what = what,
                value = written,
                suggestion = &c.id,
                name = &c.name
            ),
            _ => msg!("name-unknown", what = what, value = written),
        }
    }

    /// The message for any miss.
    pub fn miss(what: What, written: &str, miss: &Miss) -> Msg {
        match miss {
            Miss::Ambiguous(c) => ambiguous(what, written, c),
            Miss::Unknown { .. } => unknown(what, written, miss),
        }
    }
}

#[cfg(test)]
mod tests;

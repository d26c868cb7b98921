//! The 目录 tree from `site.yaml`, flattened: every node knows its path, parent and children,
//! and its effective kind and retention (inherited from its ancestors).

use serde::Serialize;

use crate::config::CatalogNodeConfig;
use crate::values::{Kind, Retention};

#[derive(Debug, Clone, Serialize)]
pub struct CatalogNode {
    /// `/`-joined ids from the root, e.g. `zfxxgk/zcwj`; also the folder under `content/`.
    pub path: String,
    pub id: String,
    pub name: String,
    pub kind: Kind,
    pub article: Option<String>,
    pub fresh_within_days: Option<u32>,
    pub retention: Option<Retention>,
    /// Archive classification code (档号 category).
    pub code: String,
    /// The standard-catalog entry, the node's own or its nearest ancestor's.
    pub standard: Option<crate::config::StandardEntry>,
    /// Other names from `site.yaml`, for [`crate::names`].
    #[serde(skip)]
    pub aliases: Vec<String>,
    /// The publisher `site.yaml` gives the node or its nearest ancestor, as written.
    #[serde(skip)]
    pub publisher: Option<String>,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    pub depth: usize,
}

#[derive(Debug, Clone, Default)]
pub struct CatalogTree {
    /// Depth-first, in `site.yaml` order.
    pub nodes: Vec<CatalogNode>,
}

impl CatalogTree {
    pub fn from_config(roots: &[CatalogNodeConfig]) -> CatalogTree {
        let mut tree = CatalogTree::default();
        for r in roots {
            tree.add(r, None, Kind::Article, None);
        }
        tree
    }

    fn add(
        &mut self,
        c: &CatalogNodeConfig,
        parent: Option<usize>,
        kind: Kind,
        retention: Option<Retention>,
    ) -> usize {
        let path = match parent {
            Some(p) => format!("{}/{}", self.nodes[p].path, c.id),
            None => c.id.clone(),
        };
        let kind = c.kind.unwrap_or(kind);
        let retention = c.retention.or(retention);
        let idx = self.nodes.len();
        self.nodes.push(CatalogNode {
            path,
            id: c.id.clone(),
            name: c.name.clone(),
            kind,
            article: c.article.clone(),
            fresh_within_days: c.fresh_within_days,
            retention,
            code: c.code.clone().unwrap_or_else(|| c.id.to_uppercase()),
            standard: (c.standard.clone())
                .or_else(|| parent.and_then(|p| self.nodes[p].standard.clone())),
            aliases: c.aliases.clone(),
            publisher: (c.publisher.clone())
                .or_else(|| parent.and_then(|p| self.nodes[p].publisher.clone())),
            parent,
            children: Vec::new(),
            depth: parent.map_or(0, |p| self.nodes[p].depth + 1),
        });
        for child in &c.children {
            let ci = self.add(child, Some(idx), kind, retention);
            self.nodes[idx].children.push(ci);
        }
        idx
    }

    pub fn find(&self, path: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.path == path)
    }

    pub fn roots(&self) -> impl Iterator<Item = usize> + '_ {
        self.nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.parent.is_none())
            .map(|(i, _)| i)
    }

    /// The node and its ancestors, root first (for breadcrumbs).
    pub fn ancestry(&self, idx: usize) -> Vec<usize> {
        let mut chain = vec![idx];
        let mut cur = idx;
        while let Some(p) = self.nodes[cur].parent {
            chain.push(p);
            cur = p;
        }
        chain.reverse();
        chain
    }

    /// The 条例 item a node fulfils: its own `article`, else its nearest ancestor's.
    pub fn article_of(&self, idx: usize) -> Option<&str> {
        let mut cur = Some(idx);
        while let Some(i) = cur {
            if let Some(a) = &self.nodes[i].article {
                return Some(a);
            }
            cur = self.nodes[i].parent;
        }
        None
    }

    /// The node and all nodes below it.
    pub fn subtree(&self, idx: usize) -> Vec<usize> {
        let mut out = vec![idx];
        let mut i = 0;
        while i < out.len() {
            out.extend(self.nodes[out[i]].children.iter().copied());
            i += 1;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: &str, kind: Option<Kind>, children: Vec<CatalogNodeConfig>) -> CatalogNodeConfig {
        CatalogNodeConfig {
            id: id.into(),
            name: id.into(),
            kind,
            article: None,
            fresh_within_days: None,
            retention: None,
            code: None,
            standard: None,
            aliases: Vec::new(),
            publisher: None,
            children,
        }
    }

    #[test]
    fn kinds_inherit_and_paths_join() {
        let t = CatalogTree::from_config(&[
            node(
                "zc",
                Some(Kind::Policy),
                vec![
                    node("gf", None, vec![]),
                    node("jd", Some(Kind::Interpretation), vec![]),
                ],
            ),
            node("tz", None, vec![]),
        ]);
        let gf = t.find("zc/gf").unwrap();
        assert_eq!(t.nodes[gf].kind, Kind::Policy);
        assert_eq!(t.nodes[t.find("zc/jd").unwrap()].kind, Kind::Interpretation);
        assert_eq!(t.nodes[t.find("tz").unwrap()].kind, Kind::Article);
        assert_eq!(t.ancestry(gf).len(), 2);
        assert_eq!(t.subtree(0).len(), 3);
        assert_eq!(t.nodes[gf].code, "GF");
    }
}

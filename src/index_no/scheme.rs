//! The site's schemes together: which scheme and codes a record's 索引号 must follow, and
//! whether a reference names a number of any department of the site.

use super::{Bindings, CodeChoice, IndexFormat, Values};
use crate::config::Site;

/// Codes a reference may carry: every department's and every catalog node's.
#[derive(Debug, Clone, Default)]
pub struct IndexCodes {
    pub publishers: Vec<String>,
    pub categories: Vec<String>,
}

impl IndexCodes {
    pub fn of(
        config: &crate::config::SiteConfig,
        catalog: &crate::catalog::tree::CatalogTree,
    ) -> Self {
        let mut publishers: Vec<String> = (config.publishers.iter())
            .filter_map(|p| p.code.clone())
            .chain([config.org.index_prefix.clone()])
            .collect();
        // Longest first, so a code that begins another is tried after it.
        publishers.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        publishers.dedup();
        let mut categories: Vec<String> = catalog.nodes.iter().map(|n| n.code.clone()).collect();
        categories.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        categories.dedup();
        IndexCodes {
            publishers,
            categories,
        }
    }
}

impl Site {
    /// The scheme a publisher's records are numbered by: its own, or the site's.
    pub fn index_scheme(&self, publisher: &str) -> &IndexFormat {
        (self.publisher_ids.get(publisher))
            .and_then(|&i| self.publisher_formats.get(i))
            .and_then(Option::as_ref)
            .unwrap_or(&self.index_format)
    }

    /// The `{publisher}` code of a publisher: its `code`, or `org.index_prefix`.
    pub fn publisher_code<'a>(&'a self, publisher: &str) -> &'a str {
        (self.publisher(publisher))
            .and_then(|p| p.code.as_deref())
            .unwrap_or(&self.config.org.index_prefix)
    }

    /// The codes a record's own number must carry.
    pub fn record_bindings<'a>(
        &'a self,
        publisher: &str,
        node: Option<usize>,
        fields: &'a std::collections::BTreeMap<String, String>,
    ) -> Bindings<'a> {
        Bindings {
            publisher: CodeChoice::Exact(self.publisher_code(publisher)),
            category: node.map_or(CodeChoice::AnyOf(&self.index_codes.categories), |n| {
                CodeChoice::Exact(&self.catalog.nodes[n].code)
            }),
            fields: Some(fields),
        }
    }

    /// The values `new` and error messages write a record's number with.
    pub fn record_values<'a>(
        &'a self,
        publisher: &str,
        node: Option<usize>,
        fields: &'a std::collections::BTreeMap<String, String>,
    ) -> Values<'a> {
        Values {
            publisher: self.publisher_code(publisher),
            category: node.map_or("", |n| &self.catalog.nodes[n].code),
            fields,
        }
    }

    /// Whether `s` has the shape of a number of this site, under any department's scheme.
    pub fn is_site_index_no(&self, s: &str) -> bool {
        let b = Bindings {
            publisher: CodeChoice::AnyOf(&self.index_codes.publishers),
            category: CodeChoice::AnyOf(&self.index_codes.categories),
            fields: None,
        };
        std::iter::once(&self.index_format)
            .chain(self.publisher_formats.iter().flatten())
            .any(|f| f.matches_with(s, &b).is_some())
    }
}

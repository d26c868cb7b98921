//! The checks of `site.yaml` beyond its shape: URLs, catalog nodes and their publishers, names
//! that become folders, ids the site's own sections take. Each problem is located in the file.

use super::*;

pub(super) fn at(
    tree: &Node,
    path: &[&str],
    code: Code,
    message: impl Into<crate::diag::Message>,
) -> Diagnostic {
    let segs: Vec<PathSeg> = path
        .iter()
        .map(|s| PathSeg::Key((*s).to_string()))
        .collect();
    let pos = tree.at(&segs).map(|n| n.pos).unwrap_or(Pos::new(1, 1));
    Diagnostic::error(code, FILE_NAME, pos, message).field(path.join("."))
}

pub(super) fn validate(config: &SiteConfig, tree: &Node) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    if !(config.base_url.starts_with("https://") || config.base_url.starts_with("http://"))
        || !config.base_url.ends_with('/')
    {
        diags.push(at(
            tree,
            &["base_url"],
            Code::ConfigInvalid,
            crate::msg!("config-base-url"),
        ));
    }
    if config.org.index_prefix.trim().is_empty() {
        diags.push(at(
            tree,
            &["org", "index_prefix"],
            Code::ConfigInvalid,
            crate::msg!("config-index-prefix-empty"),
        ));
    }
    if config.build.page_size == 0 {
        diags.push(at(
            tree,
            &["build", "page_size"],
            Code::ConfigInvalid,
            crate::msg!("config-page-size"),
        ));
    }
    let mut seen = std::collections::BTreeSet::new();
    for (i, p) in config.publishers.iter().enumerate() {
        if !seen.insert(p.id.as_str()) {
            let pos = tree
                .at(&[PathSeg::Key("publishers".into()), PathSeg::Index(i)])
                .map(|n| n.pos)
                .unwrap_or_default();
            diags.push(
                Diagnostic::error(
                    Code::ConfigInvalid,
                    FILE_NAME,
                    pos,
                    crate::msg!("config-publisher-twice", id = &p.id),
                )
                .field(format!("publishers[{i}].id")),
            );
        }
    }
    validate_urls(config, tree, &mut diags);
    diags.extend(crate::report::validate_config(config, tree));
    diags.extend(public::validate(&config.footer, &config.header, tree));
    let catalog_node = tree.get("catalog");
    validate_nodes(&config.catalog, catalog_node, "catalog", &mut diags);
    if let Some(theme) = &config.theme
        && !is_safe_name(theme)
    {
        diags.push(at(
            tree,
            &["theme"],
            Code::PathEscapes,
            crate::msg!("config-theme-name", theme = theme),
        ));
    }
    if let Some(cal) = &config.calendar
        && crate::fsutil::safe_relative(cal).is_none()
    {
        diags.push(at(
            tree,
            &["calendar"],
            Code::PathEscapes,
            crate::msg!("config-calendar-path", path = cal),
        ));
    }
    diags
}

/// Every URL a page takes from `site.yaml` must be http(s) or mailto; links in the Markdown of
/// `office.disclosure_rules` follow the rule of record bodies ([`crate::url_policy`]).
fn validate_urls(config: &SiteConfig, tree: &Node, diags: &mut Vec<Diagnostic>) {
    use crate::url_policy::{self, BODY_SCHEMES, CONFIG_SCHEMES};
    let unsafe_url = |url: &str| crate::msg!("config-unsafe-url", url = url);
    if let Some(url) = &config.office.online_request
        && (url_policy::scheme(url).is_none() || !url_policy::allowed(url, CONFIG_SCHEMES))
    {
        let path = ["office", "online_request"];
        diags.push(at(tree, &path, Code::UnsafeUrl, unsafe_url(url)));
    }
    let Some(rules) = &config.office.disclosure_rules else {
        return;
    };
    let node = tree.at(&[
        PathSeg::Key("office".into()),
        PathSeg::Key("disclosure_rules".into()),
    ]);
    // The position of a block scalar is its first line of text (below the `|`).
    let first_line = node.map_or(1, |n| n.pos.line);
    let rendered = crate::markdown::render(rules, RawHtml::Escape, &|_| None);
    for link in rendered.links {
        if !url_policy::allowed(&link.dest, BODY_SCHEMES) {
            let pos = Pos::new(first_line + link.line, 1);
            diags.push(
                Diagnostic::error(Code::UnsafeUrl, FILE_NAME, pos, unsafe_url(&link.dest))
                    .field("office.disclosure_rules"),
            );
        }
    }
}

/// A node's `publisher` must name one publisher, by id or name.
pub(super) fn check_node_publishers(
    nodes: &[CatalogNodeConfig],
    tree: Option<&Node>,
    field: &str,
    names: &crate::names::Names,
    diags: &mut Vec<Diagnostic>,
) {
    for (i, n) in nodes.iter().enumerate() {
        let node_tree = tree.and_then(|t| t.at(&[PathSeg::Index(i)]));
        let here = format!("{field}[{i}]");
        if let Some(p) = &n.publisher
            && let Err(miss) = names.publishers.resolve(p)
        {
            let pos = (node_tree.and_then(|t| t.get("publisher")))
                .or(node_tree)
                .map(|t| t.pos)
                .unwrap_or_default();
            let message = crate::names::msg::miss(crate::names::What::Publisher, p, &miss);
            diags.push(
                Diagnostic::error(Code::ConfigInvalid, FILE_NAME, pos, message)
                    .field(format!("{here}.publisher")),
            );
        }
        let children = node_tree.and_then(|t| t.get("children"));
        check_node_publishers(
            &n.children,
            children,
            &format!("{here}.children"),
            names,
            diags,
        );
    }
}

fn validate_nodes(
    nodes: &[CatalogNodeConfig],
    tree: Option<&Node>,
    field: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let mut seen = std::collections::BTreeSet::new();
    for (i, n) in nodes.iter().enumerate() {
        let node_tree = tree.and_then(|t| t.at(&[PathSeg::Index(i)]));
        let pos = node_tree.map(|t| t.pos).unwrap_or_default();
        let here = format!("{field}[{i}]");
        if !is_safe_name(&n.id) || n.id.starts_with('_') {
            diags.push(
                Diagnostic::error(
                    Code::ConfigInvalid,
                    FILE_NAME,
                    pos,
                    crate::msg!("config-node-id", id = &n.id),
                )
                .field(format!("{here}.id")),
            );
        }
        if field == "catalog" && RESERVED_SECTION_IDS.contains(&n.id.as_str()) {
            diags.push(
                Diagnostic::error(
                    Code::ConfigInvalid,
                    FILE_NAME,
                    pos,
                    crate::msg!(
                        "config-node-id-reserved",
                        id = &n.id,
                        reserved = RESERVED_SECTION_IDS.join(", ")
                    ),
                )
                .field(format!("{here}.id")),
            );
        }
        if !seen.insert(n.id.as_str()) {
            diags.push(
                Diagnostic::error(
                    Code::ConfigInvalid,
                    FILE_NAME,
                    pos,
                    crate::msg!("config-node-id-twice", id = &n.id),
                )
                .field(format!("{here}.id")),
            );
        }
        validate_nodes(
            &n.children,
            node_tree.and_then(|t| t.get("children")),
            &format!("{here}.children"),
            diags,
        );
    }
}

/// Folder names under `xxgk/` that the 政府信息公开 section uses for its own pages (browse
/// views, 法定主动公开内容, 年报), so no top-level catalog node may take them.
pub const RESERVED_SECTION_IDS: [&str; 6] = ["fbjg", "nf", "ztfl", "xxyx", "fdzdgk", "nb"];

/// A plain ASCII folder name: no separators, no dots, nothing that could leave a folder.
pub fn is_safe_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

//! `gongkai check --report FILE.html`: a self-contained HTML report for the office — the
//! counts, every diagnostic grouped by rule, the withheld records and why, and the column table
//! against the inspection's thresholds. Rendered through the theme's `check-report.html`
//! (autoescaped; a site may override it like any template).

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Result, anyhow};
use serde::Serialize;

use super::timeliness::Health;
use crate::catalog::Catalog;
use crate::diag::{self, Diagnostic, Severity};
use crate::render::Theme;
use crate::values::Instant;

/// What the report is made from.
pub struct Input<'a> {
    pub site_title: &'a str,
    /// The page's language tag (`zh-CN`, `en`).
    pub lang: &'a str,
    pub now: Instant,
    pub strict: bool,
    pub diagnostics: &'a [Diagnostic],
    /// `None` when the site configuration could not be read.
    pub catalog: Option<&'a Catalog>,
    pub health: Option<&'a Health>,
}

#[derive(Serialize)]
struct Item<'a> {
    severity: &'static str,
    location: String,
    field: Option<&'a str>,
    message: String,
}

#[derive(Serialize)]
struct RuleGroup<'a> {
    code: &'static str,
    rule: String,
    errors: usize,
    warnings: usize,
    items: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct WithheldRow<'a> {
    path: &'a str,
    index_no: &'a str,
    title: &'a str,
    reasons: Vec<String>,
}

#[derive(Serialize)]
struct ReportView<'a> {
    site_title: &'a str,
    lang: &'a str,
    generated: String,
    strict: bool,
    errors: usize,
    warnings: usize,
    published: usize,
    withheld_count: usize,
    groups: Vec<RuleGroup<'a>>,
    withheld: Vec<WithheldRow<'a>>,
    health: Option<&'a Health>,
    t: &'a BTreeMap<String, String>,
}

/// Renders the report's HTML.
pub fn render(theme: &Theme, input: &Input) -> Result<String> {
    let (errors, warnings) = diag::counts(input.diagnostics);
    let ui = crate::i18n::Lang::from_tag(input.lang).unwrap_or_default();
    let mut groups: BTreeMap<&'static str, RuleGroup> = BTreeMap::new();
    for d in input.diagnostics {
        let id = d.code.id();
        let g = groups.entry(id).or_insert_with(|| RuleGroup {
            code: id,
            rule: theme
                .labels
                .get(&format!("rule_{id}"))
                .cloned()
                .unwrap_or_else(|| format!("{:?}", d.code)),
            errors: 0,
            warnings: 0,
            items: Vec::new(),
        });
        let severity = match d.severity {
            Severity::Error => {
                g.errors += 1;
                "error"
            }
            Severity::Warning => {
                g.warnings += 1;
                "warning"
            }
        };
        let location = if d.line > 0 {
            format!("{}:{}:{}", d.path, d.line, d.col.max(1))
        } else {
            d.path.clone()
        };
        g.items.push(Item {
            severity,
            location,
            field: d.field.as_deref(),
            message: d.message.render(ui),
        });
    }
    let withheld = input
        .catalog
        .map(|c| {
            c.withheld
                .iter()
                .map(|w| WithheldRow {
                    path: &w.record.source.path,
                    index_no: w.record.index_no.as_str(),
                    title: &w.record.title,
                    reasons: w.reasons.iter().map(|r| r.msg().render(ui)).collect(),
                })
                .collect()
        })
        .unwrap_or_default();
    let view = ReportView {
        site_title: input.site_title,
        lang: input.lang,
        generated: input.now.to_string(),
        strict: input.strict,
        errors,
        warnings,
        published: input.catalog.map_or(0, |c| c.records.len()),
        withheld_count: input.catalog.map_or(0, |c| c.withheld.len()),
        groups: groups.into_values().collect(),
        withheld,
        health: input.health,
        t: &theme.labels,
    };
    let ctx = tera::Context::from_serialize(&view).map_err(|e| anyhow!("{e}"))?;
    theme
        .tera
        .render("check-report.html", &ctx)
        .map_err(|e| anyhow!("rendering the check report with check-report.html: {e}"))
}

/// Renders the report and writes it to `path`.
pub fn write(path: &Path, theme: &Theme, input: &Input) -> Result<()> {
    let html = render(theme, input)?;
    crate::fsutil::write(path, html.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Code, Pos};

    #[test]
    fn report_groups_by_rule_and_escapes_text() {
        let dir = tempfile::tempdir().unwrap();
        let theme = crate::render::theme::load(dir.path(), None, "zh-CN").unwrap();
        let diags = [
            Diagnostic::warning(
                Code::LatePublication,
                "content/a.md",
                Pos::new(5, 1),
                "<script>alert(1)</script>",
            ),
            Diagnostic::warning(
                Code::LatePublication,
                "content/b.md",
                Pos::new(6, 1),
                "late",
            ),
            Diagnostic::error(Code::PersonalData, "content/c.md", Pos::new(9, 2), "pii"),
        ];
        let input = Input {
            site_title: "测试区 & <站>",
            lang: "zh-CN",
            now: Instant::parse("2026-11-25T12:00:00+08:00").unwrap(),
            strict: false,
            diagnostics: &diags,
            catalog: None,
            health: None,
        };
        let html = render(&theme, &input).unwrap();
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
                || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
        assert!(!html.contains("<script>alert"));
        assert!(html.contains("测试区 &amp; &lt;站&gt;"));
        let e060 = html.find("<code>E060</code>").unwrap();
        let w070 = html.find("<code>W090</code> 发布超过20个工作日").unwrap();
        assert!(e060 < w070, "groups in code order");
        assert!(html.contains("content/c.md:9:2"));
    }
}

//! Spreadsheet rows to import items: the header row is found and mapped, each later row becomes
//! one [`Item`], unknown columns are reported once and kept in `extra`.

use std::path::Path;

use super::fields::Field;
use super::mapping::{Mapping, Target};
use super::table::{Sheet, cap_cell};
use super::{Item, Link, msg};
use crate::diag::{Code, Diagnostic, Pos};

/// Rows searched for the header (exports often put a title row above it).
const HEADER_SEARCH: usize = 10;

/// The items of `sheet`, read from the file shown as `shown` in folder `base`.
pub fn items(
    sheet: &Sheet,
    shown: &str,
    base: &Path,
    mapping: &Mapping,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Item> {
    let Some(h) = sheet
        .rows
        .iter()
        .take(HEADER_SEARCH)
        .position(|(_, cells)| {
            cells.iter().any(|c| {
                matches!(
                    mapping.target(c),
                    Some(Target::Field(Field::Title | Field::IndexNo))
                )
            })
        })
    else {
        diags.push(Diagnostic::error(
            Code::ImportMissing,
            shown,
            Pos::new(1, 1),
            msg::no_header(),
        ));
        return Vec::new();
    };
    let (header_line, header) = &sheet.rows[h];
    let columns: Vec<(String, Target)> = header
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let name = name.trim().trim_start_matches('\u{feff}').to_string();
            match mapping.target(&name) {
                Some(t) => (name, t),
                None if name.is_empty() => (name, Target::Ignore),
                None => {
                    diags.push(Diagnostic::warning(
                        Code::ImportUnknownColumn,
                        shown,
                        Pos::new(*header_line, i as u32 + 1),
                        msg::unknown_column(&name),
                    ));
                    (name, Target::Extra)
                }
            }
        })
        .collect();
    let mut out = Vec::new();
    for (line, cells) in &sheet.rows[h + 1..] {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut item = Item::new(shown, *line, format!("{shown}:{line}"));
        item.base = Some(base.to_path_buf());
        let mut hashed = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let Some((name, target)) = columns.get(i) else {
                continue;
            };
            let mut v = cell.trim().to_string();
            if v.is_empty() {
                continue;
            }
            if cap_cell(&mut v) {
                diags.push(Diagnostic::warning(
                    Code::ImportValue,
                    shown,
                    Pos::new(*line, i as u32 + 1),
                    msg::cell_too_long(name, super::limits::MAX_CELL_BYTES),
                ));
            }
            hashed.push_str(&format!("{}:{name}{}:{v}", name.len(), v.len()));
            match target {
                Target::Ignore => {}
                Target::Extra => {
                    item.extra.insert(name.clone(), v);
                }
                Target::Field(Field::Body) => {
                    item.body = Some(if super::html::looks_like_html(&v) {
                        super::html::fragment_markdown(&v)
                    } else {
                        super::markdown::plain(&v)
                    });
                }
                Target::Field(Field::Attachments) => {
                    for f in super::fields::split_attachments(&v) {
                        item.attachments.push(Link {
                            text: String::new(),
                            href: f,
                        });
                    }
                }
                Target::Field(f) => {
                    item.values.entry(*f).or_insert(v);
                }
            }
        }
        item.sha256 = crate::hash::sha256_hex(hashed.as_bytes());
        out.push(item);
    }
    out
}

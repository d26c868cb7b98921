//! Every message `gongkai import` shows a clerk, in one place (`locales/*/gongkai.ftl`).
//! Labels passed in (`label`, `what`) are the office's Chinese column names.

use crate::i18n::Msg;
use crate::msg;

pub fn too_large(cap: usize) -> Msg {
    msg!("import-too-large", mib = cap >> 20)
}
pub fn unreadable(e: &str) -> Msg {
    msg!("import-unreadable", error = e)
}
pub fn unknown_target(col: &str, name: &str) -> Msg {
    msg!("import-unknown-target", column = col, name = name)
}
pub fn bad_date_format(f: &str) -> Msg {
    msg!("import-bad-date-format", format = f)
}
pub fn bad_selector(s: &str) -> Msg {
    msg!("import-bad-selector", selector = s)
}
pub fn no_header() -> Msg {
    msg!("import-no-header")
}
pub fn unknown_column(col: &str) -> Msg {
    msg!("import-unknown-column", column = col)
}
pub fn too_many_rows(cap: usize) -> Msg {
    msg!("import-too-many-rows", cap = cap)
}
pub fn cell_too_long(col: &str, cap: usize) -> Msg {
    msg!("import-cell-too-long", column = col, kib = cap >> 10)
}
pub fn csv_syntax(e: &str) -> Msg {
    msg!("import-csv-syntax", error = e)
}
pub fn encoding_malformed(enc: &str) -> Msg {
    msg!("import-encoding-malformed", encoding = enc)
}
pub fn encoding_contradicted(declared: &str, used: &str) -> Msg {
    msg!(
        "import-encoding-contradicted",
        declared = declared,
        used = used
    )
}
pub fn missing(what: &str) -> Msg {
    msg!("import-missing", what = what)
}
pub fn bad_date(label: &str, v: &str) -> Msg {
    msg!("import-bad-date", label = label, value = v)
}
pub fn bad_validity(v: &str) -> Msg {
    msg!("import-bad-validity", value = v)
}
pub fn not_in_vocabulary(label: &str, v: &str) -> Msg {
    msg!("import-not-in-vocabulary", label = label, value = v)
}
pub fn unknown_publisher(v: &str) -> Msg {
    msg!("import-unknown-publisher", value = v)
}
pub fn no_publisher() -> Msg {
    msg!("import-no-publisher")
}
pub fn unknown_node(v: &str) -> Msg {
    msg!("import-unknown-node", value = v)
}
pub fn no_node() -> Msg {
    msg!("import-no-node")
}
pub fn bad_index_no(v: &str, why: &str) -> Msg {
    msg!("import-bad-index-no", value = v, why = why)
}
pub fn duplicate(ix: &str, first: &str) -> Msg {
    msg!("import-duplicate", index_no = ix, first = first)
}
pub fn existing(ix: &str, path: &str) -> Msg {
    msg!("import-existing", index_no = ix, path = path)
}
pub fn changed(ix: &str, path: &str) -> Msg {
    msg!("import-changed", index_no = ix, path = path)
}
/// Quotes the record's first problem, in the reader's language.
pub fn record_invalid(first: crate::diag::Message, more: usize) -> crate::diag::Message {
    let outer = msg!("import-record-invalid", first = String::new(), more = more);
    first.within(outer, "first")
}
pub fn attachment_missing(link: &str) -> Msg {
    msg!("import-attachment-missing", link = link)
}
pub fn attachment_outside(link: &str) -> Msg {
    msg!("import-attachment-outside", link = link)
}
pub fn attachment_refused(link: &str) -> Msg {
    msg!("import-attachment-refused", link = link)
}
pub fn attachment_too_large(link: &str) -> Msg {
    msg!("import-attachment-too-large", link = link)
}
pub fn no_body() -> Msg {
    msg!("import-no-body")
}
pub fn too_many_pages(cap: usize) -> Msg {
    msg!("import-too-many-pages", cap = cap)
}
pub fn ledger_broken() -> Msg {
    msg!("import-ledger-broken")
}
pub fn no_source_kind() -> Msg {
    msg!("import-no-source-kind")
}
pub fn too_deep(cap: usize) -> Msg {
    msg!("import-too-deep", cap = cap)
}

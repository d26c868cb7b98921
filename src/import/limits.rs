//! Limits on what an import reads, so a hostile spreadsheet or saved site cannot take the
//! machine: each is met with a located message, and the rest of the source is still read.

/// Largest spreadsheet read.
pub const MAX_TABLE_BYTES: usize = 64 << 20;
/// Rows read from one spreadsheet.
pub const MAX_ROWS: usize = 200_000;
/// Columns read from one row.
pub const MAX_COLUMNS: usize = 256;
/// Longest cell kept (a body cell included); longer ones are cut, with a warning.
pub const MAX_CELL_BYTES: usize = 1 << 20;
/// Largest saved page read.
pub const MAX_PAGE_BYTES: usize = 8 << 20;
/// Pages read from one saved site.
pub const MAX_PAGES: usize = 200_000;
/// Deepest folder walked in a saved site.
pub const MAX_DEPTH: usize = 32;
/// Largest attachment copied.
pub const MAX_ATTACHMENT_BYTES: u64 = 256 << 20;
/// Attachments taken from one page or row.
pub const MAX_ATTACHMENTS: usize = 64;

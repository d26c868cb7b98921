//! Where things go in a bag:
//!
//! ```text
//! data/<year>/<retention>/<publisher>/<档号>/   one folder per record:
//!     <source file>                            the record as written (.md / .yaml)
//!     网页.html                                 the page as published
//!     附件/<file>                               its attachments
//!     照片/<file>                               a person's photo
//!     元数据.xml                                its archival metadata
//! data/目录/归档文件目录.csv, .xml               the catalog, in 档号 order
//! ```
//! Folder names are the Chinese an archivist reads (永久, 30年, 10年; the department's name).

use super::dangh::DangH;
use crate::values::Retention;

pub const PAGE: &str = "网页.html";
pub const METADATA: &str = "元数据.xml";
pub const ATTACHMENTS: &str = "附件";
pub const PHOTOS: &str = "照片";
pub const CATALOG_CSV: &str = "data/目录/归档文件目录.csv";
pub const CATALOG_XML: &str = "data/目录/归档文件目录.xml";
/// The check report, a tag file beside bag-info.txt.
pub const REPORT: &str = "检测报告.txt";

/// A safe single path segment: separators, characters Windows forbids and controls become `_`,
/// and a name of only dots or spaces becomes `_`.
pub fn segment(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    // No leading dot (a hidden file), no trailing dots or spaces (Windows drops them).
    let trimmed = cleaned.trim_matches([' ', '.']);
    if trimmed.is_empty() {
        "_".into()
    } else {
        trimmed.to_string()
    }
}

/// The bag path of a record's folder.
pub fn record_folder(year: i32, retention: Retention, publisher: &str, dangh: &DangH) -> String {
    format!(
        "data/{year}/{}/{}/{}",
        retention.as_str(),
        segment(publisher),
        segment(&dangh.to_string())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_cannot_leave_their_folder() {
        assert_eq!(segment("../../etc"), "_.._etc");
        assert_eq!(segment(".."), "_");
        assert_eq!(segment(".hidden"), "hidden");
        assert_eq!(segment("a:b*c?.pdf"), "a_b_c_.pdf");
        assert_eq!(segment("芙川区财政局"), "芙川区财政局");
        assert_eq!(segment("x\n"), "x_");
        assert_eq!(segment("报告. "), "报告");
    }

    #[test]
    fn record_folders_group_by_year_retention_publisher() {
        let d = DangH {
            fonds: "J123".into(),
            category: "ZC".into(),
            year: 2025,
            retention_code: "Y",
            org_code: "FCQZF".into(),
            item: 1,
        };
        assert_eq!(
            record_folder(2025, Retention::Permanent, "芙川区/财政局", &d),
            "data/2025/永久/芙川区_财政局/J123-ZC·2025-Y-FCQZF-0001"
        );
    }
}

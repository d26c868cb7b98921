//! The record fields an import fills, the column headers and metadata labels that name them on
//! old CMS exports and portal pages, and the reading of their values (dates, lists, validity).

use crate::values::{Date, Validity};

/// A field an import source may give. `Node` and `Url` are not record fields: they choose the
/// catalog node and keep the page's old address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    IndexNo,
    Title,
    Publisher,
    Issuer,
    DocNo,
    Created,
    Dated,
    Published,
    Effective,
    Expires,
    Topics,
    Genre,
    Keywords,
    Validity,
    RegistrationNo,
    InfoSource,
    Summary,
    Body,
    Attachments,
    Node,
    Url,
}

/// Every field, with its name in a mapping file (the record field's YAML key where it is one).
pub const FIELDS: &[(Field, &str)] = &[
    (Field::IndexNo, "index_no"),
    (Field::Title, "title"),
    (Field::Publisher, "publisher"),
    (Field::Issuer, "issuer"),
    (Field::DocNo, "doc_no"),
    (Field::Created, "created"),
    (Field::Dated, "dated"),
    (Field::Published, "published"),
    (Field::Effective, "effective"),
    (Field::Expires, "expires"),
    (Field::Topics, "topics"),
    (Field::Genre, "genre"),
    (Field::Keywords, "keywords"),
    (Field::Validity, "validity"),
    (Field::RegistrationNo, "registration_no"),
    (Field::InfoSource, "info_source"),
    (Field::Summary, "summary"),
    (Field::Body, "body"),
    (Field::Attachments, "attachments"),
    (Field::Node, "node"),
    (Field::Url, "url"),
];

/// Column headers and metadata-table labels of common disclosure CMSs, by field. Compared
/// after [`normalize_label`] (spaces, colons and brackets dropped).
const LABELS: &[(Field, &[&str])] = &[
    (
        Field::IndexNo,
        &["索引号", "信息索引号", "索引编号", "索取号"],
    ),
    (
        Field::Title,
        &[
            "标题",
            "名称",
            "信息名称",
            "文件名称",
            "文章标题",
            "题名",
            "公开事项名称",
            "文件标题",
        ],
    ),
    (
        Field::Publisher,
        &[
            "发布机构",
            "发布单位",
            "公开责任部门",
            "信息公开责任部门",
            "公开主体",
            "发布部门",
            "责任部门",
        ],
    ),
    (
        Field::Issuer,
        &["发文机关", "发文单位", "制发机关", "发文机构"],
    ),
    (
        Field::DocNo,
        &["发文字号", "文号", "发文号", "文件编号", "文件字号"],
    ),
    (
        Field::Created,
        &["生成日期", "产生日期", "形成日期", "创建日期"],
    ),
    (
        Field::Dated,
        &["成文日期", "印发日期", "签发日期", "发文日期"],
    ),
    (
        Field::Published,
        &["发布日期", "发布时间", "公开日期", "公开时间", "日期"],
    ),
    (Field::Effective, &["施行日期", "实施日期", "生效日期"]),
    (Field::Expires, &["有效期至", "失效日期", "有效期"]),
    (
        Field::Topics,
        &["主题分类", "主题", "分类", "信息分类", "公开分类"],
    ),
    (
        Field::Genre,
        &["体裁", "文种", "体裁分类", "公文种类", "文件类型"],
    ),
    (Field::Keywords, &["关键词", "关键字", "主题词"]),
    (
        Field::Validity,
        &["有效性", "效力状态", "时效性", "是否有效"],
    ),
    (
        Field::RegistrationNo,
        &["规范性文件统一登记号", "统一登记号", "登记号"],
    ),
    (Field::InfoSource, &["信息来源", "来源"]),
    (Field::Summary, &["内容概述", "摘要", "内容摘要", "概述"]),
    (Field::Body, &["正文", "内容", "文章内容", "正文内容"]),
    (Field::Attachments, &["附件", "相关附件", "附件名称"]),
    (
        Field::Node,
        &["栏目", "所属栏目", "栏目名称", "目录", "公开目录"],
    ),
    (
        Field::Url,
        &["链接", "原文链接", "网址", "页面地址", "url", "链接地址"],
    ),
];

/// A header or label as compared: without spaces (ASCII, full-width, no-break), colons and the
/// brackets of `【索引号】`, lower-cased.
pub fn normalize_label(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    ':' | '：' | '【' | '】' | '[' | ']' | '\u{feff}' | '*' | '＊'
                )
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The field a header or label names in the built-in table.
pub fn builtin(label: &str) -> Option<Field> {
    let l = normalize_label(label);
    LABELS
        .iter()
        .find(|(_, names)| names.contains(&l.as_str()))
        .map(|(f, _)| *f)
}

/// The field a mapping file names (`title`, `index_no`, …).
pub fn by_name(name: &str) -> Option<Field> {
    FIELDS.iter().find(|(_, n)| *n == name).map(|(f, _)| *f)
}

pub fn name(field: Field) -> &'static str {
    FIELDS
        .iter()
        .find(|(f, _)| *f == field)
        .map_or("", |(_, n)| *n)
}

/// Reads a date as old systems write it: `2023-05-06`, `2023/5/6`, `2023.05.06`,
/// `2023年5月6日`, `20230506`, each possibly followed by a time; `formats` (chrono `strftime`
/// patterns from the mapping file) are tried first.
pub fn parse_date(s: &str, formats: &[String]) -> Option<Date> {
    let s = s.trim();
    for f in formats {
        if let Ok(d) = chrono::NaiveDate::parse_from_str(s, f) {
            return Some(Date(d));
        }
        if let Ok(d) = chrono::NaiveDateTime::parse_from_str(s, f) {
            return Some(Date(d.date()));
        }
    }
    let mut nums = Vec::with_capacity(3);
    let mut cur = String::new();
    for c in s.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() {
            cur.push(c);
            if cur.len() > 8 {
                return None;
            }
        } else if !cur.is_empty() {
            nums.push(std::mem::take(&mut cur));
            if nums.len() == 3 {
                break;
            }
        }
    }
    let (y, m, d) = match nums.as_slice() {
        [one, ..] if one.len() == 8 => (&one[..4], &one[4..6], &one[6..]),
        [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => (&y[..], &m[..], &d[..]),
        _ => return None,
    };
    let date = chrono::NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    (1900..=2200)
        .contains(&chrono::Datelike::year(&date))
        .then_some(Date(date))
}

/// 有效性 as portals write it.
pub fn parse_validity(s: &str) -> Option<Validity> {
    Some(match normalize_label(s).as_str() {
        "有效" | "现行有效" | "是" | "有效文件" => Validity::Valid,
        "已修改" | "修改" | "已修订" => Validity::Amended,
        "已废止" | "废止" | "已撤销" => Validity::Abolished,
        "已失效" | "失效" | "否" | "无效" | "过期" => Validity::Expired,
        _ => return None,
    })
}

/// A list cell: `教育；卫生`, `教育,卫生`, `教育 卫生`.
pub fn split_list(s: &str) -> Vec<String> {
    s.split([',', '，', ';', '；', '、', '|', '\n'])
        .flat_map(|p| p.split_whitespace())
        .map(str::to_string)
        .filter(|p| !p.is_empty())
        .collect()
}

/// The file names or paths of an 附件 cell: `a.pdf；b.docx`, one a line.
pub fn split_attachments(s: &str) -> Vec<String> {
    s.split([';', '；', '\n', '|'])
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .take(super::limits::MAX_ATTACHMENTS)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_of_common_exports_are_recognised() {
        assert_eq!(builtin(" 索 引 号："), Some(Field::IndexNo));
        assert_eq!(builtin("【发布机构】"), Some(Field::Publisher));
        assert_eq!(builtin("文　号"), Some(Field::DocNo));
        assert_eq!(builtin("URL"), Some(Field::Url));
        assert_eq!(builtin("备注"), None);
        assert_eq!(by_name("registration_no"), Some(Field::RegistrationNo));
        assert_eq!(name(Field::Dated), "dated");
    }

    #[test]
    fn dates_are_read_in_every_common_shape() {
        let d = |s: &str| parse_date(s, &[]).map(|d| d.to_string());
        for s in [
            "2023-05-06",
            "2023/5/6",
            "2023.05.06",
            "2023年5月6日",
            "20230506",
            "2023-05-06 09:30:00",
            " 2023年05月06日 ",
        ] {
            assert_eq!(d(s).as_deref(), Some("2023-05-06"), "{s}");
        }
        for s in [
            "",
            "2023-13-01",
            "5/6/2023",
            "明天",
            "99999999999",
            "0000-01-01",
        ] {
            assert_eq!(d(s), None, "{s}");
        }
        let f = vec!["%d/%m/%Y".to_string()];
        assert_eq!(
            parse_date("06/05/2023", &f)
                .map(|d| d.to_string())
                .as_deref(),
            Some("2023-05-06")
        );
    }

    #[test]
    fn validity_and_lists() {
        assert_eq!(parse_validity("现行有效"), Some(Validity::Valid));
        assert_eq!(parse_validity("废止"), Some(Validity::Abolished));
        assert_eq!(parse_validity("待定"), None);
        assert_eq!(split_list("教育；卫生, 体育"), ["教育", "卫生", "体育"]);
    }
}

//! 条例 Article-20 items as written in `site.yaml` (`20(1)` … `20(15)`), ordered by their numbers
//! so that `20(2)` comes before `20(10)`.

use std::cmp::Ordering;

use serde::Serialize;

/// An item such as `20(7)`: the text as written and the numbers in it, which set the order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleItem {
    pub text: String,
    #[serde(skip)]
    numbers: Vec<u64>,
}

impl ArticleItem {
    pub fn parse(text: &str) -> ArticleItem {
        let numbers = text
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .filter_map(|s| s.parse().ok())
            .collect();
        ArticleItem {
            text: text.trim().to_string(),
            numbers,
        }
    }

    /// A folder-safe form: `20(7)` → `20-7`.
    pub fn slug(&self) -> String {
        if self.numbers.is_empty() {
            return format!("x{}", &crate::hash::sha256_hex(self.text.as_bytes())[..8]);
        }
        self.numbers
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join("-")
    }

    /// The item number within the article (`20(7)` → 7), when written that way.
    pub fn item(&self) -> Option<u64> {
        (self.numbers.len() >= 2).then(|| self.numbers[1])
    }
}

impl Ord for ArticleItem {
    fn cmp(&self, other: &Self) -> Ordering {
        self.numbers
            .cmp(&other.numbers)
            .then_with(|| self.text.cmp(&other.text))
    }
}

impl PartialOrd for ArticleItem {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::ArticleItem;

    #[test]
    fn items_sort_by_number_not_text() {
        let mut v: Vec<ArticleItem> = ["20(10)", "20(2)", "20(15)", "20(1)"]
            .iter()
            .map(|s| ArticleItem::parse(s))
            .collect();
        v.sort();
        let texts: Vec<&str> = v.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(texts, ["20(1)", "20(2)", "20(10)", "20(15)"]);
        assert_eq!(v[2].slug(), "20-10");
        assert_eq!(v[2].item(), Some(10));
    }
}

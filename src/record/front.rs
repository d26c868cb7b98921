//! From bytes to the parts of a record file: text checks (UTF-8, BOM, CRLF, empty) and the split
//! of a Markdown file into its YAML front matter and body, keeping line numbers from the top.

use crate::diag::{Code, Diagnostic, Pos};

/// A problem with a file as a whole, before any YAML is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextProblem {
    pub code: Code,
    pub pos: Pos,
    pub message: crate::diag::Message,
}

impl TextProblem {
    pub fn into_diagnostic(self, path: &str) -> Diagnostic {
        Diagnostic::error(self.code, path, self.pos, self.message)
    }
}

/// Checks and normalises a file's bytes: UTF-8 (with or without BOM), LF line ends.
pub fn decode_text(bytes: &[u8]) -> Result<String, TextProblem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = good.iter().filter(|b| **b == b'\n').count() as u32 + 1;
        let col = String::from_utf8_lossy(good.rsplit(|b| *b == b'\n').next().unwrap_or(good))
            .chars()
            .count() as u32
            + 1;
        TextProblem {
            code: Code::NotUtf8,
            pos: Pos::new(line, col),
            message: crate::msg!("file-not-utf8").into(),
        }
    })?;
    if text.trim().is_empty() {
        return Err(TextProblem {
            code: Code::EmptyFile,
            pos: Pos::new(1, 1),
            message: crate::msg!("file-empty").into(),
        });
    }
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    })
}

/// A Markdown record split in two.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Lines above the YAML (the opening `---`), to add to YAML line numbers.
    pub yaml_offset: u32,
    pub body: &'a str,
    /// The 1-based line on which the body starts.
    pub body_line: u32,
}

/// Splits `---\n<yaml>\n---\n<body>`. The closing fence may end the file.
pub fn split_front_matter(text: &str) -> Result<Split<'_>, TextProblem> {
    let first_line = text.lines().next().unwrap_or("");
    if first_line.trim_end() != "---" {
        return Err(TextProblem {
            code: Code::FrontMatter,
            pos: Pos::new(1, 1),
            message:
                "a Markdown record must start with a \"---\" line opening its YAML front matter"
                    .into(),
        });
    }
    let yaml_start = first_line.len() + 1;
    let mut offset = yaml_start.min(text.len());
    for (line_no, line) in (2u32..).zip(text[offset..].split_inclusive('\n')) {
        if line.trim_end() == "---" {
            let body_start = offset + line.len();
            return Ok(Split {
                yaml: &text[yaml_start.min(text.len())..offset],
                yaml_offset: 1,
                body: &text[body_start.min(text.len())..],
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(TextProblem {
        code: Code::FrontMatter,
        pos: Pos::new(1, 1),
        message: crate::msg!("front-not-closed").into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn splits_and_counts_lines() {
        let s = split_front_matter("---\ntitle: a\nx: 1\n---\nbody\n").unwrap();
        assert_eq!(s.yaml, "title: a\nx: 1\n");
        assert_eq!(s.body, "body\n");
        assert_eq!(s.body_line, 5);
        assert_eq!(s.yaml_offset, 1);
    }

    #[test]
    fn closing_fence_may_end_the_file() {
        let s = split_front_matter("---\na: 1\n---").unwrap();
        assert_eq!(s.body, "");
    }

    #[test]
    fn problems_are_reported() {
        assert_eq!(
            split_front_matter("title: a\n").unwrap_err().code,
            Code::FrontMatter
        );
        assert_eq!(
            split_front_matter("---\ntitle: a\n").unwrap_err().code,
            Code::FrontMatter
        );
        assert_eq!(decode_text(b"  \n").unwrap_err().code, Code::EmptyFile);
        let bad = decode_text(b"a\nb\xff").unwrap_err();
        assert_eq!((bad.code, bad.pos), (Code::NotUtf8, Pos::new(2, 2)));
    }

    #[test]
    fn bom_and_crlf_are_accepted() {
        assert_eq!(
            decode_text(b"\xEF\xBB\xBF---\r\na: 1\r\n---\r\n").unwrap(),
            "---\na: 1\n---\n"
        );
    }

    proptest! {
        #[test]
        fn split_keeps_every_byte(yaml in "[a-z: \n]{0,40}", body in "\\PC{0,60}") {
            let yaml = yaml.replace("---", "");
            let yaml = if yaml.is_empty() || yaml.ends_with('\n') { yaml } else { format!("{yaml}\n") };
            let text = format!("---\n{yaml}---\n{body}");
            let s = split_front_matter(&text).unwrap();
            prop_assert_eq!(s.yaml, yaml.as_str());
            prop_assert_eq!(s.body, body.as_str());
            prop_assert_eq!(s.body_line as usize, 3 + yaml.matches('\n').count());
        }

        #[test]
        fn never_panics(text in "\\PC{0,80}") {
            let _ = split_front_matter(&text);
        }
    }
}

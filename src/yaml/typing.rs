//! Slips of Chinese typing in YAML: what a Chinese input method types where YAML wants ASCII.
//!
//! A clerk typing `title：“…”` with a Chinese input method gets a full-width colon, and the YAML
//! parser then complains about the *next* line ("simple key expect ':'"). This scan finds such
//! slips where they are, so the error can name the character and its place. It reads the text as
//! lines, not as YAML: it runs before the parser (or after it failed) and must not need a tree.
//!
//! Two classes:
//! - slips that break the document (a full-width colon after a key, a tab in the indentation, an
//!   unclosed `[` or `{`): used to replace the parser's error, at or before its line;
//! - slips that parse but give a value nobody meant (`[综合政务，财政]` is one topic, `［a］` is
//!   a string with brackets, `“…”` keeps the quotes): reported as warnings.
//!
//! Block scalars (`body: |`) are skipped: their lines are text, where full-width marks are right.

use super::Pos;

/// What was typed, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slip {
    pub pos: Pos,
    pub kind: SlipKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlipKind {
    /// `key：value` — a full-width colon where the key ends.
    FullWidthColon,
    /// A tab in the indentation.
    TabIndent,
    /// An ASCII `[` or `{` opened here is never closed.
    Unclosed(char),
    /// `，` between the items of a `[...]` list.
    FullWidthComma(char),
    /// `［…］` or `｛…｝` around a whole value.
    FullWidthBracket(char),
    /// `“…”` or `‘…’` around a whole value.
    ChineseQuotes,
}

impl SlipKind {
    /// True when the slip makes the document unreadable (rather than oddly read).
    pub fn breaks_yaml(self) -> bool {
        matches!(
            self,
            SlipKind::FullWidthColon | SlipKind::TabIndent | SlipKind::Unclosed(_)
        )
    }
}

impl Slip {
    /// The message a clerk reads (the position is printed by the diagnostic).
    pub fn msg(&self) -> crate::i18n::Msg {
        use crate::msg;
        match self.kind {
            SlipKind::FullWidthColon => msg!("slip-full-width-colon"),
            SlipKind::TabIndent => msg!("slip-tab-indent"),
            SlipKind::Unclosed(c) => msg!(
                "slip-unclosed",
                open = c.to_string(),
                close = closing(c).to_string()
            ),
            SlipKind::FullWidthComma(c) => msg!("slip-full-width-comma", comma = c.to_string()),
            SlipKind::FullWidthBracket(c) => msg!(
                "slip-full-width-bracket",
                bracket = c.to_string(),
                ascii = ascii_of(c).to_string()
            ),
            SlipKind::ChineseQuotes => msg!("slip-chinese-quotes"),
        }
    }

    /// The message in Chinese, for text that has no reader's language to hand (the desk's
    /// editor, a syntax error's own text).
    pub fn message(&self) -> String {
        self.msg().render(crate::i18n::Lang::Zh)
    }
}

fn closing(c: char) -> char {
    if c == '{' { '}' } else { ']' }
}

fn ascii_of(c: char) -> char {
    match c {
        '［' => '[',
        '］' => ']',
        '｛' => '{',
        _ => '}',
    }
}

/// Every slip in `text`, in order. Cheap when there is none: lines without a tab, a full-width
/// form, a Chinese quote or an ASCII bracket are passed over at a glance.
pub fn slips(text: &str) -> Vec<Slip> {
    let mut out = Vec::new();
    let mut block: Option<usize> = None; // indentation of the key that opened a block scalar
    let mut open: Option<(Pos, char, usize)> = None; // an unclosed flow collection
    for (i, line) in text.lines().enumerate() {
        let no = i as u32 + 1;
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let rest = &line[indent..];
        if let Some(key_indent) = block {
            if rest.is_empty() || indent > key_indent {
                continue;
            }
            block = None;
        }
        if let Some((pos, c, depth)) = open.as_mut() {
            // Inside a flow collection spread over lines: count until it closes.
            *depth = flow_depth(rest, *depth);
            if *depth == 0 {
                open = None;
            } else if indent <= (pos.col as usize - 1) && looks_like_key(rest) {
                out.push(slip(pos.line, pos.col, SlipKind::Unclosed(*c)));
                open = None;
            } else {
                continue;
            }
        }
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        if line[..indent].contains('\t') {
            out.push(slip(no, 1, SlipKind::TabIndent));
        }
        let item = rest.strip_prefix("- ").unwrap_or(rest);
        let item_col = indent + (rest.len() - item.len()) + 1;
        let (value, value_col) = match key_end(item) {
            Some(KeyEnd::Ascii(after)) => (item[after..].trim_start(), None),
            Some(KeyEnd::FullWidth(at)) => {
                out.push(slip(
                    no,
                    col_of(line, item_col - 1 + at),
                    SlipKind::FullWidthColon,
                ));
                continue;
            }
            None => (item, Some(item_col)),
        };
        let value_col = value_col.unwrap_or_else(|| line.len() - value.len() + 1);
        let value = strip_comment(value);
        if value.starts_with('|') || value.starts_with('>') {
            block = Some(indent);
            continue;
        }
        value_slips(line, no, value, value_col, &mut out, &mut open);
    }
    if let Some((pos, c, _)) = open {
        out.push(slip(pos.line, pos.col, SlipKind::Unclosed(c)));
    }
    out
}

/// Slips inside one value that starts at byte column `col` (1-based) of `line`.
fn value_slips(
    line: &str,
    no: u32,
    value: &str,
    col: usize,
    out: &mut Vec<Slip>,
    open: &mut Option<(Pos, char, usize)>,
) {
    let Some(first) = value.chars().next() else {
        return;
    };
    let last = value.chars().last().unwrap_or(first);
    let at = |byte: usize| col_of(line, col - 1 + byte);
    match first {
        '[' | '{' => {
            for (b, c) in value.char_indices() {
                // Only '，': '、' joins the words of one name (主题 城乡建设、环境保护).
                if c == '，' && first == '[' {
                    out.push(slip(no, at(b), SlipKind::FullWidthComma(c)));
                    break;
                }
            }
            let depth = flow_depth(value, 0);
            if depth > 0 {
                *open = Some((Pos::new(no, at(0)), first, depth));
            }
        }
        '［' | '｛' if matches!(last, '］' | '｝') => {
            out.push(slip(no, at(0), SlipKind::FullWidthBracket(first)));
        }
        '“' | '‘' if matches!(last, '”' | '’') && value.chars().count() > 1 => {
            out.push(slip(no, at(0), SlipKind::ChineseQuotes));
        }
        _ => {}
    }
}

enum KeyEnd {
    /// The byte after the ASCII `:` ending the key.
    Ascii(usize),
    /// The byte where a full-width colon ends an ASCII key.
    FullWidth(usize),
}

/// Where a mapping key ends on this line, if the line starts with one. Keys in this content model
/// are ASCII identifiers; a full-width colon right after one is a slip. A value with a full-width
/// colon in it (`title: 关于：…`) is not: the key already ended at the ASCII colon.
fn key_end(item: &str) -> Option<KeyEnd> {
    let key_len = item
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
        .count();
    if key_len == 0 || !item.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    let after = &item[key_len..];
    let trimmed = after.trim_start_matches(' ');
    let at = key_len + (after.len() - trimmed.len());
    if trimmed.starts_with(':') && (trimmed.len() == 1 || trimmed[1..].starts_with([' ', '\t'])) {
        Some(KeyEnd::Ascii(at + 1))
    } else if trimmed.starts_with('：') {
        Some(KeyEnd::FullWidth(at))
    } else {
        None
    }
}

fn looks_like_key(rest: &str) -> bool {
    key_end(rest.strip_prefix("- ").unwrap_or(rest)).is_some()
}

/// The nesting depth after reading `text` from `depth`, skipping quoted strings.
fn flow_depth(text: &str, mut depth: usize) -> usize {
    let mut quote: Option<char> = None;
    for c in text.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            (None, '#') if depth == 0 => break,
            _ => {}
        }
    }
    depth
}

/// `value` without a trailing ` # comment`.
fn strip_comment(value: &str) -> &str {
    match value.find(" #") {
        Some(i) if !value.starts_with(['"', '\'']) => value[..i].trim_end(),
        _ => value.trim_end(),
    }
}

/// The 1-based column of byte `byte` of `line`, counted in characters as the parser counts.
fn col_of(line: &str, byte: usize) -> u32 {
    line[..byte.min(line.len())].chars().count() as u32 + 1
}

fn slip(line: u32, col: u32, kind: SlipKind) -> Slip {
    Slip {
        pos: Pos::new(line, col),
        kind,
    }
}

#[cfg(test)]
mod tests;

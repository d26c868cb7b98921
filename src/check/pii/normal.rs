//! Text normalised before matching, with a map back to the original bytes: full-width digits,
//! letters and `＠` become ASCII, zero-width characters go, HTML entities (`&#49;`, `&#x31;`,
//! `&commat;`) are decoded, and Markdown emphasis or code marks touching a digit
//! (`430102**1990**0101…`) are dropped, so that a number split or disguised that way is found.

use std::borrow::Cow;

/// The normalised text and, for each of its bytes, the byte of the original it came from (none
/// when the text needed no change: the common case costs no copy).
pub struct Normal<'a> {
    pub text: Cow<'a, str>,
    map: Option<Vec<usize>>,
    len: usize,
}

impl Normal<'_> {
    /// The original byte range of the normalised range `start..end`.
    pub fn original(&self, start: usize, end: usize, original: &str) -> (usize, usize) {
        let Some(map) = &self.map else {
            return (start, end);
        };
        let s = map.get(start).copied().unwrap_or(self.len);
        let last = map.get(end.saturating_sub(1)).copied().unwrap_or(s);
        let e = last + original[last..].chars().next().map_or(0, char::len_utf8);
        // An entity maps every byte it produced to its `&`: end after its `;`.
        let e = match entity(&original[last..]) {
            Some((_, n)) if original[last..].starts_with('&') => last + n,
            _ => e,
        };
        (s, e.max(s))
    }
}

fn zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// Full-width ASCII to ASCII, but for the full-width comma: `，` separates the items of a list,
/// where `,` between digits is a thousands separator.
fn fold(c: char) -> char {
    match c {
        '\u{FF0C}' => c,
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Decodes an entity at the start of `s` (`&#49;`, `&#x31;`, `&commat;`, `&amp;`…): the char
/// and the entity's length.
fn entity(s: &str) -> Option<(char, usize)> {
    let lim = s.char_indices().nth(12).map_or(s.len(), |(i, _)| i);
    let end = s[..lim].find(';')?;
    let body = &s[1..end];
    let c = if let Some(hex) = body.strip_prefix("#x").or_else(|| body.strip_prefix("#X")) {
        char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
    } else if let Some(dec) = body.strip_prefix('#') {
        char::from_u32(dec.parse().ok()?)?
    } else {
        match body {
            "commat" => '@',
            "period" => '.',
            "amp" => '&',
            "nbsp" => ' ',
            "plus" => '+',
            "lpar" => '(',
            "rpar" => ')',
            "hyphen" | "dash" => '-',
            _ => return None,
        }
    };
    Some((c, end + 1))
}

/// Fast path: the text holds nothing normalising would change that a detector could see, so it
/// is matched as it is. Chinese text is full of full-width punctuation (`，：；！？（）`) and
/// ideographic spaces; folding those matters only beside a digit (`（138）`, `１３８　１２３４`),
/// so they alone do not send a text down the slow path, which copies it and maps every byte
/// (that path was the largest new cost of a cold build of 10,000 records).
fn plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(at) = bytes[i..].iter().position(|&b| WATCH[b as usize]) {
        i += at;
        let c = text[i..].chars().next().unwrap_or(' ');
        let quiet = match c {
            '&' => false,
            '*' | '`' | '~' => !touches_digit(text, i, 1),
            _ => inert(text, i, c),
        };
        if !quiet {
            return false;
        }
        i += c.len_utf8();
    }
    true
}

/// The bytes [`plain`] stops at: `&`, the emphasis marks, and the lead bytes of U+00AD,
/// U+2000–U+2FFF, U+3000–U+3FFF and U+F000–U+FFFF, the only places a zero-width,
/// ideographic-space or full-width character can start. A table, because Chinese text is
/// mostly bytes that need one look each.
static WATCH: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    let watched = [b'&', b'*', b'`', b'~', 0xC2, 0xE2, 0xE3, 0xEF];
    while k < watched.len() {
        t[watched[k] as usize] = true;
        k += 1;
    }
    t
};

/// Whether the non-ASCII `c` at `i` is one normalising could not make visible to a detector.
fn inert(text: &str, i: usize, c: char) -> bool {
    let beside_digit =
        || digit(text[..i].chars().next_back()) || digit(text[i + c.len_utf8()..].chars().next());
    match c {
        '\u{FF0A}' => !touches_digit(text, i, c.len_utf8()),
        '\u{3000}' | '\u{FF08}' | '\u{FF09}' => !beside_digit(),
        '\u{FF01}' | '\u{FF0C}' | '\u{FF1A}' | '\u{FF1B}' | '\u{FF1F}' => true,
        _ => !(('\u{FF01}'..='\u{FF5E}').contains(&c) || zero_width(c)),
    }
}

/// An ASCII or full-width digit.
fn digit(c: Option<char>) -> bool {
    c.is_some_and(|c| fold(c).is_ascii_digit())
}

#[cfg(test)]
thread_local! {
    /// Set by the test that the fast path changes no finding: every text takes the slow path.
    pub static ALWAYS_SLOW: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

pub fn normalise(text: &str) -> Normal<'_> {
    #[cfg(test)]
    let fast = !ALWAYS_SLOW.get();
    #[cfg(not(test))]
    let fast = true;
    if fast && plain(text) {
        return Normal {
            text: Cow::Borrowed(text),
            map: None,
            len: text.len(),
        };
    }
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let c = rest.chars().next().unwrap_or(' ');
        let (ch, len) = if c == '&' {
            entity(rest).map_or((c, 1), |(ch, n)| (fold(ch), n))
        } else {
            (fold(c), c.len_utf8())
        };
        if zero_width(ch) {
            i += len;
            continue;
        }
        if matches!(ch, '*' | '`' | '~') && touches_digit(text, i, len) {
            i += len;
            continue;
        }
        let at = out.len();
        out.push(ch);
        map.extend(std::iter::repeat_n(i, out.len() - at));
        i += len;
    }
    Normal {
        text: Cow::Owned(out),
        map: Some(map),
        len: text.len(),
    }
}

/// Whether the run of emphasis marks around `i` has a digit (ASCII or full-width) on either side.
fn touches_digit(text: &str, i: usize, len: usize) -> bool {
    let is_mark = |c: char| matches!(c, '*' | '`' | '~' | '\u{FF0A}');
    let before = text[..i].chars().rev().find(|c| !is_mark(*c));
    let after = text[i + len..].chars().find(|c| !is_mark(*c));
    digit(before) || digit(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        normalise(s).text.into_owned()
    }

    #[test]
    fn disguises_are_undone() {
        assert_eq!(n("１３８１２３４５６７８"), "13812345678");
        assert_eq!(n("zhang＠qq．com"), "zhang@qq.com");
        assert_eq!(n("138\u{200B}1234\u{200D}5678"), "13812345678");
        assert_eq!(n("&#49;38&#x31;2345678"), "13812345678");
        assert_eq!(n("zhang&commat;qq.com"), "zhang@qq.com");
        assert_eq!(n("430102**1990**0101"), "430102199001 01".replace(' ', ""));
        assert_eq!(n("`13812345678`"), "13812345678");
        assert_eq!(n("**重要**通知"), "**重要**通知");
    }

    #[test]
    fn ranges_map_back_to_the_original() {
        let text = "电话：１３８１２３４５６７８。";
        let nm = normalise(text);
        let s = nm.text.find("138").unwrap();
        let (a, b) = nm.original(s, s + 11, text);
        assert_eq!(&text[a..b], "１３８１２３４５６７８");
        let text = "x &#49;3812345678 y";
        let nm = normalise(text);
        let (a, b) = nm.original(2, 13, text);
        assert_eq!(&text[a..b], "&#49;3812345678");
    }
}

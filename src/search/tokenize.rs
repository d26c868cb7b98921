//! Tokenisation shared by the index and the query (search.js repeats it exactly; both are
//! checked against `tests/search-vectors.json`).
//!
//! - Han characters form runs; a run is indexed as its single characters and its overlapping
//!   bigrams. A query run of two or more characters asks only for its bigrams, a one-character
//!   run for the character itself.
//! - ASCII letters and digits (full-width forms are folded to ASCII first) form lower-cased
//!   words. Words joined by `/ - . _` with no space (索引号 `11430199MB0000000X/2025-00012`)
//!   also give the whole joined string, so an exact identifier is one selective term.
//! - Everything else separates tokens.

/// Longest word kept; longer runs are cut (they are never useful search terms).
pub const MAX_WORD: usize = 64;

/// Full-width ASCII (`２０２３`, `ＡＢＣ`) → ASCII; other characters unchanged.
pub fn fold(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// A Han ideograph (CJK unified ideographs, extension A–F, compatibility, and 〇).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

fn is_joiner(c: char) -> bool {
    matches!(c, '/' | '-' | '.' | '_')
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Index,
    Query,
}

/// A Han unigram or bigram packed into an integer: the index builds millions of them, and a
/// `String` each made tokenising and merging the slowest part of a build. Words stay text.
pub type HanKey = u64;

const BIGRAM: u64 = 1 << 42;

fn han_key(a: char, b: Option<char>) -> HanKey {
    match b {
        None => a as u64,
        Some(b) => BIGRAM | (a as u64) << 21 | b as u64,
    }
}

/// The text of a packed Han term.
pub fn han_text(k: HanKey) -> String {
    let ch = |v: u64| char::from_u32((v & 0x1F_FFFF) as u32).unwrap_or('\u{FFFD}');
    if k & BIGRAM != 0 {
        [ch(k >> 21), ch(k)].iter().collect()
    } else {
        ch(k).to_string()
    }
}

/// The packed key of a term, when it is a Han unigram or bigram.
pub fn han_key_of(term: &str) -> Option<HanKey> {
    let mut it = term.chars();
    let a = it.next().filter(|c| is_han(*c))?;
    match (it.next(), it.next()) {
        (None, _) => Some(han_key(a, None)),
        (Some(b), None) if is_han(b) => Some(han_key(a, Some(b))),
        _ => None,
    }
}

/// [`index_terms`] without a `String` per Han term: Han n-grams go to `han` as keys, words to
/// `words`, each tagged with `group`. The same terms, as a set (a test checks it).
pub fn index_keys(
    text: &str,
    group: u8,
    han: &mut Vec<(HanKey, u8)>,
    words: &mut Vec<(String, u8)>,
) {
    scan(text, |piece| match piece {
        Piece::Han(run) => {
            han.extend(run.iter().map(|&c| (han_key(c, None), group)));
            han.extend(run.windows(2).map(|w| (han_key(w[0], Some(w[1])), group)));
        }
        Piece::Word(w) => words.push((w, group)),
    });
}

/// What the scanner finds, in order: a run of Han characters, or one word (joined groups give
/// each word and then the whole group).
enum Piece<'a> {
    Han(&'a [char]),
    Word(String),
}

/// Walks `text` (full-width folded) and hands each piece to `emit`: the one tokenising loop
/// behind the index keys, the index terms and the query terms.
fn scan(text: &str, mut emit: impl FnMut(Piece)) {
    let chars: Vec<char> = text.chars().map(fold).collect();
    let mut scratch = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if is_han(chars[i]) {
            let start = i;
            while i < chars.len() && is_han(chars[i]) {
                i += 1;
            }
            emit(Piece::Han(&chars[start..i]));
        } else if is_word(chars[i]) {
            i = word_group(&chars, i, &mut scratch);
            scratch.drain(..).for_each(|w| emit(Piece::Word(w)));
        } else {
            i += 1;
        }
    }
}

/// The terms a text is indexed under, in order of appearance, with repeats.
pub fn index_terms(text: &str) -> Vec<String> {
    terms(text, Mode::Index)
}

/// The terms a query asks for, in order, without repeats. A record matches when it has all.
pub fn query_terms(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in terms(text, Mode::Query) {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

fn terms(text: &str, mode: Mode) -> Vec<String> {
    let mut out = Vec::new();
    scan(text, |piece| match piece {
        Piece::Han(run) => han_run(run, mode, &mut out),
        Piece::Word(w) => out.push(w),
    });
    out
}

fn han_run(run: &[char], mode: Mode, out: &mut Vec<String>) {
    if mode == Mode::Index || run.len() == 1 {
        out.extend(run.iter().map(|c| c.to_string()));
    }
    out.extend(run.windows(2).map(|w| w.iter().collect::<String>()));
}

/// Reads words joined by joiners from `start`; pushes each word and, when there were several,
/// the whole group. Returns the index after the group.
fn word_group(chars: &[char], start: usize, out: &mut Vec<String>) -> usize {
    let mut i = start;
    let mut words = 0;
    loop {
        let w = i;
        while i < chars.len() && is_word(chars[i]) {
            i += 1;
        }
        out.push(lower(&chars[w..i]));
        words += 1;
        if i + 1 < chars.len() && is_joiner(chars[i]) && is_word(chars[i + 1]) {
            i += 1;
        } else {
            break;
        }
    }
    if words > 1 {
        out.push(lower(&chars[start..i]));
    }
    i
}

fn lower(chars: &[char]) -> String {
    chars
        .iter()
        .take(MAX_WORD)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn packed_keys_are_the_same_terms(text in "[预算公开芙政办发号a-zA-Z0-9/〔〕 ，。-]{0,40}") {
            let mut want: Vec<String> = index_terms(&text);
            want.sort();
            want.dedup();
            let (mut han, mut words) = (Vec::new(), Vec::new());
            index_keys(&text, 1, &mut han, &mut words);
            let mut got: Vec<String> = han.iter().map(|(k, _)| han_text(*k)).chain(words.into_iter().map(|(w, _)| w)).collect();
            got.sort();
            got.dedup();
            proptest::prop_assert_eq!(&got, &want);
            for t in &got {
                let round_trip = han_key_of(t).map(han_text).unwrap_or_else(|| t.clone());
                proptest::prop_assert_eq!(&round_trip, t);
            }
        }
    }

    #[test]
    fn han_runs_give_characters_and_bigrams() {
        assert_eq!(
            index_terms("预算公开"),
            ["预", "算", "公", "开", "预算", "算公", "公开"]
        );
        assert_eq!(query_terms("预算公开"), ["预算", "算公", "公开"]);
        assert_eq!(query_terms("税"), ["税"]);
    }

    #[test]
    fn doc_numbers_split_into_findable_parts() {
        assert_eq!(
            query_terms("芙政办发〔2023〕12号"),
            ["芙政", "政办", "办发", "2023", "12", "号"]
        );
    }

    #[test]
    fn index_numbers_give_parts_and_the_whole() {
        assert_eq!(
            query_terms("11430199MB0000000X/2025-00012"),
            [
                "11430199mb0000000x",
                "2025",
                "00012",
                "11430199mb0000000x/2025-00012"
            ]
        );
    }

    #[test]
    fn full_width_forms_fold_and_case_folds() {
        assert_eq!(query_terms("ＧＤＰ２０２５"), ["gdp2025"]);
        assert_eq!(query_terms("a-"), ["a"]);
        assert_eq!(query_terms("  ，。"), Vec::<String>::new());
    }

    #[test]
    fn shared_vectors_match() {
        let text = include_str!("../../tests/search-vectors.json");
        let cases: Vec<serde_json::Value> = serde_json::from_str(text).unwrap();
        assert!(cases.len() >= 8);
        for case in cases {
            let input = case["input"].as_str().unwrap();
            let want = |k: &str| -> Vec<String> {
                case[k]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap().to_string())
                    .collect()
            };
            assert_eq!(
                index_terms(input),
                want("index"),
                "index terms of {input:?}"
            );
            assert_eq!(
                query_terms(input),
                want("query"),
                "query terms of {input:?}"
            );
        }
    }
}

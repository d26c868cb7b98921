//! The detectors: numbers (resident IDs, mobiles, bank cards; compact or grouped), passport-like
//! numbers and e-mail addresses, each returning byte ranges of a text, with the checks they use.

use super::{Hit, PiiKind};

pub(super) const PROVINCES: [&str; 35] = [
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
    "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71",
    "81", "82", "83",
];

/// Characters after a number that make it an amount, a count or a serial, not an identifier.
pub(super) const UNITS: &str = "元万亿千百%‰吨人户个次件米亩份台套辆股岁号";

/// Digits only, without a leading `86` country code on a mobile number.
pub(super) fn normalise_digits(s: &str) -> String {
    let d: String = s.chars().filter(char::is_ascii_digit).collect();
    match d.strip_prefix("86") {
        Some(rest) if rest.len() == 11 && rest.starts_with('1') => rest.to_string(),
        _ => d,
    }
}

/// GB 11643: 17 digits, then a check character from the weighted sum mod 11.
pub fn id_check_char(first17: &[u8]) -> char {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first17
        .iter()
        .zip(W)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    b"10X98765432"[(sum % 11) as usize] as char
}

/// An 18-character resident ID number: province code, plausible birth date, valid check char.
pub fn is_resident_id(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let birth = chrono::NaiveDate::parse_from_str(&s[6..14], "%Y%m%d");
    PROVINCES.contains(&&s[..2])
        && birth.is_ok_and(|d| (1900..=2099).contains(&chrono::Datelike::year(&d)))
        && id_check_char(&b[..17]) == (b[17] as char).to_ascii_uppercase()
}

/// A first-generation (15-digit) resident ID: province code, then a birth date `YYMMDD` of the
/// 1900s, then a 3-digit serial.
pub fn is_resident_id15(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 15
        && b.iter().all(u8::is_ascii_digit)
        && PROVINCES.contains(&&s[..2])
        && chrono::NaiveDate::parse_from_str(&format!("19{}", &s[6..12]), "%Y%m%d").is_ok()
}

/// The Luhn (mod 10) check used by payment cards.
pub fn luhn_valid(digits: &str) -> bool {
    let mut sum = 0;
    for (i, c) in digits.bytes().rev().enumerate() {
        if !c.is_ascii_digit() {
            return false;
        }
        let mut d = u32::from(c - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    !digits.is_empty() && sum % 10 == 0
}

/// GB 32100 统一社会信用代码: 18 characters with a mod-31 check character and a region code.
pub fn is_credit_code(s: &str) -> bool {
    const CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    const W: [usize; 17] = [
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ];
    let vals: Option<Vec<usize>> = s.chars().map(|c| CHARS.find(c)).collect();
    let Some(vals) = vals.filter(|v| v.len() == 18) else {
        return false;
    };
    let sum: usize = vals[..17].iter().zip(W).map(|(v, w)| v * w).sum();
    let check = (31 - sum % 31) % 31;
    vals[17] == check && PROVINCES.contains(&&s[2..4])
}

fn is_mobile(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 11 && b[0] == b'1' && (b'3'..=b'9').contains(&b[1])
}

/// What a bare candidate number is, if anything.
fn classify(digits: &str) -> Option<PiiKind> {
    if is_resident_id(digits) || is_resident_id15(digits) {
        return Some(PiiKind::ResidentId);
    }
    if is_mobile(digits)
        || (digits.len() == 13 && digits.starts_with("86") && is_mobile(&digits[2..]))
    {
        return Some(PiiKind::Mobile);
    }
    let first = digits.as_bytes().first().copied().unwrap_or(b'0');
    if (16..=19).contains(&digits.len())
        && (b'2'..=b'9').contains(&first)
        && luhn_valid(digits)
        && !is_credit_code(digits)
    {
        return Some(PiiKind::BankCard);
    }
    None
}

/// Maximal runs of ASCII digits, as byte ranges.
fn digit_runs(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let s = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            runs.push((s, i));
        } else {
            i += 1;
        }
    }
    runs
}

/// Grouped spellings: 138 1234 5678, 6222 0212 3456 7890 123, 430102 19900101 1234.
const GROUPINGS: [&[usize]; 5] = [
    &[3, 4, 4],
    &[4, 4, 4, 4, 3],
    &[4, 4, 4, 4, 2],
    &[4, 4, 4, 4, 1],
    &[4, 4, 4, 4],
];
const ID_GROUPING: [usize; 3] = [6, 8, 3];

/// Finds numbers: resident IDs, mobiles (also `+86`), bank cards, spelt compact or grouped.
pub fn number_hits(text: &str) -> Vec<Hit> {
    let runs = digit_runs(text);
    let mut hits = Vec::new();
    let mut i = 0;
    while i < runs.len() {
        let groups = GROUPINGS
            .iter()
            .copied()
            .chain([&ID_GROUPING[..]])
            .filter_map(|g| grouped(text, &runs[i..], g).map(|end| (g.len(), end)));
        let mut taken = 1;
        if let Some((start, end)) = paren_mobile(text, &runs[i..]) {
            if standalone(text, start, end, PiiKind::Mobile) {
                hits.push(Hit {
                    kind: PiiKind::Mobile,
                    start,
                    end,
                });
            }
            i += 3;
            continue;
        }
        for (n, end) in groups.chain([(1, runs[i].1)]) {
            let start = runs[i].0;
            let end = with_check_x(text, start, end);
            let digits: String = text[start..end]
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_uppercase();
            if let Some(kind) = classify(&digits)
                && standalone(text, start, end, kind)
            {
                hits.push(Hit { kind, start, end });
                taken = n;
                break;
            }
        }
        i += taken;
    }
    hits
}

/// The end of `runs[0..g.len()]` when they have the lengths `g`, joined by one `' '` or `'-'`.
fn grouped(text: &str, runs: &[(usize, usize)], g: &[usize]) -> Option<usize> {
    if runs.len() < g.len() || g.len() < 2 {
        return None;
    }
    let sep = text.as_bytes().get(runs[0].1).copied()?;
    for (k, &len) in g.iter().enumerate() {
        let (s, e) = runs[k];
        let last_id_group = g == ID_GROUPING && k == 2;
        if e - s != len && !(last_id_group && e - s == 4) {
            return None;
        }
        if k + 1 < g.len() && !(runs[k + 1].0 == e + 1 && text.as_bytes()[e] == sep) {
            return None;
        }
    }
    let dotted_mobile = sep == b'.' && g == [3, 4, 4];
    (sep == b' ' || sep == b'-' || dotted_mobile).then_some(runs[g.len() - 1].1)
}

/// Extends a candidate of 17 digits by its `X` check character.
fn with_check_x(text: &str, start: usize, end: usize) -> usize {
    let b = text.as_bytes();
    let n = b[start..end].iter().filter(|c| c.is_ascii_digit()).count();
    if n == 17 && matches!(b.get(end), Some(b'X' | b'x')) {
        end + 1
    } else {
        end
    }
}

/// `(138)1234-5678`, `(138) 1234 5678`: the range from `(` to the end.
fn paren_mobile(text: &str, runs: &[(usize, usize)]) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let [(s0, e0), (s1, e1), (s2, e2), ..] = runs[..] else {
        return None;
    };
    let open = s0.checked_sub(1).filter(|&o| b[o] == b'(')?;
    let after = text[e0..].strip_prefix(')')?;
    let gap = after.len() - after.trim_start_matches(' ').len();
    let ok = e0 - s0 == 3
        && e1 - s1 == 4
        && e2 - s2 == 4
        && s1 == e0 + 1 + gap
        && gap <= 1
        && s2 == e1 + 1
        && matches!(b[e1], b'-' | b' ')
        && is_mobile(&format!(
            "{}{}{}",
            &text[s0..e0],
            &text[s1..e1],
            &text[s2..e2]
        ));
    ok.then_some((open, e2))
}

/// Letters that may stand right before a mobile number: `Tel13812345678`.
const MOBILE_PREFIXES: [&str; 8] = [
    "tel",
    "mobile",
    "mob",
    "phone",
    "cell",
    "cellphone",
    "wechat",
    "wx",
];

/// The length of the digit run that ends at `text[..at]` (or, `forward`, starts at `at`).
fn run_len(text: &str, at: usize, forward: bool) -> usize {
    let b = text.as_bytes();
    if forward {
        b[at..].iter().take_while(|c| c.is_ascii_digit()).count()
    } else {
        b[..at]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count()
    }
}

/// A number not glued to a code, path, decimal, amount or another number. Numbers listed with
/// `/` between them (`13812345678/13987654321`) are each standalone; a resident ID stays one
/// whatever unit follows it.
fn standalone(text: &str, start: usize, end: usize, kind: PiiKind) -> bool {
    let listed_before = text[..start].ends_with('/') && run_len(text, start - 1, false) >= 11;
    let listed_after = text[end..].starts_with('/') && run_len(text, end + 1, true) >= 11;
    let word_before = {
        let w: String = text[..start]
            .chars()
            .rev()
            .take_while(char::is_ascii_alphabetic)
            .collect::<String>()
            .to_ascii_lowercase();
        let w: String = w.chars().rev().collect();
        kind == PiiKind::Mobile && MOBILE_PREFIXES.contains(&w.as_str())
    };
    let before_ok = listed_before || word_before;
    let after_ok = listed_after;
    let before = &text[..start];
    let after = &text[end..];
    let mut back = before.chars().rev();
    let p = back.next();
    let pp = back.next();
    let mut fwd = after.chars();
    let n = fwd.next();
    let nn = fwd.next();
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    let code_char = |c: Option<char>| {
        c.is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '\\' | '_' | '@'))
    };
    let country_code = before.ends_with("+86-") || before.ends_with("0086-");
    if !before_ok
        && (code_char(p) || (matches!(p, Some('.' | ',' | '-')) && digit(pp) && !country_code))
    {
        return false;
    }
    if !after_ok && (code_char(n) || (matches!(n, Some('.' | ',' | '-')) && digit(nn))) {
        return false;
    }
    kind == PiiKind::ResidentId || !n.is_some_and(|c| UNITS.contains(c))
}

/// E12345678, G12345678, H/M + 8 digits (港澳通行证), EA1234567, C + letter + 7 digits.
pub fn passport_hits(text: &str) -> Vec<Hit> {
    let b = text.as_bytes();
    let mut hits = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let s = i;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let tok = &b[s..i];
        let digits = |r: &[u8]| r.iter().all(u8::is_ascii_digit);
        let letter2 = |c: u8| c.is_ascii_uppercase() && c != b'I' && c != b'O';
        let shaped = tok.len() == 9
            && ((matches!(tok[0], b'E' | b'G' | b'H' | b'M') && digits(&tok[1..]))
                || (matches!(tok[0], b'E' | b'C') && letter2(tok[1]) && digits(&tok[2..])));
        let glued =
            |c: Option<&u8>| c.is_some_and(|c| matches!(c, b'-' | b'_' | b'/' | b'.' | b'@'));
        if shaped && !glued(s.checked_sub(1).map(|p| &b[p])) && !glued(b.get(i)) {
            hits.push(Hit {
                kind: PiiKind::Passport,
                start: s,
                end: i,
            });
        }
    }
    hits
}

/// `local@domain.tld` addresses (ASCII).
pub fn email_hits(text: &str) -> Vec<Hit> {
    let b = text.as_bytes();
    let local = |c: u8| c.is_ascii_alphanumeric() || b"._%+-".contains(&c);
    let dom = |c: u8| c.is_ascii_alphanumeric() || c == b'.' || c == b'-';
    let mut hits = Vec::new();
    for (at, _) in text.match_indices('@') {
        let mut s = at;
        while s > 0 && local(b[s - 1]) {
            s -= 1;
        }
        let mut e = at + 1;
        while e < b.len() && dom(b[e]) {
            e += 1;
        }
        while e > at + 1 && matches!(b[e - 1], b'.' | b'-') {
            e -= 1;
        }
        let domain = &text[at + 1..e];
        let tld = domain.rsplit('.').next().unwrap_or("");
        if s < at
            && domain.contains('.')
            && tld.len() >= 2
            && tld.bytes().all(|c| c.is_ascii_alphabetic())
        {
            hits.push(Hit {
                kind: PiiKind::Email,
                start: s,
                end: e,
            });
        }
    }
    hits
}

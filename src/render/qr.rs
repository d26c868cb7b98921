//! The QR code of a page's URL, drawn at build time as one inline SVG path (分享 on record
//! pages: a reader scans it with WeChat, and the page needs no network or script for it).
//!
//! Every record page carries one, so it must be cheap. The code uses one fixed mask pattern
//! instead of trying all eight and scoring each (any mask is valid by the standard; the scoring
//! only tunes readability and was nine tenths of the time), and what does not depend on the
//! text — the function patterns, the format information and the order in which data modules
//! are filled — is worked out once per QR version ([`Layout`]); a page then only flips the
//! modules of its set bits. The path is one stroke per run of dark modules, with relative moves
//! inside a row, to keep the markup small.

use std::fmt::Write as _;
use std::sync::OnceLock;

use qrcode::canvas::{Canvas, MaskPattern, Module};
use qrcode::{Color, EcLevel, Version};

/// Modules of light margin around the code (the standard asks for 4; a white card with 2 reads
/// well on phone cameras and keeps the figure small).
const QUIET: usize = 2;
/// Level L (7 % recovery): a code shown on a screen or a clean print needs little, and L keeps
/// a typical record URL at version 4 (33 modules) instead of 5 (37) at M.
const LEVEL: EcLevel = EcLevel::L;
const MASK: MaskPattern = MaskPattern::Checkerboard;

/// What every code of one version shares: the masked code of no data (function patterns, format
/// and version information, the mask over empty data modules) and the data modules in the order
/// the standard fills them.
struct Layout {
    width: usize,
    base: Vec<bool>,
    order: Vec<u32>,
}

impl Layout {
    fn new(version: Version) -> Layout {
        let w = version.width();
        let mut canvas = Canvas::new(version, LEVEL);
        canvas.draw_all_functional_patterns();
        // The standard's zigzag: column pairs from the right, skipping the vertical timing
        // column, upwards then downwards, over the modules no function pattern took.
        let mut order = Vec::new();
        let (mut right, mut upward) = (w - 1, true);
        while right > 0 {
            if right == 6 {
                right = 5;
            }
            for i in 0..w {
                let y = if upward { w - 1 - i } else { i };
                for x in [right, right - 1] {
                    if canvas.get(x, y) == Module::Empty {
                        order.push((y as u32) * (w as u32) + x as u32);
                    }
                }
            }
            upward = !upward;
            right -= 2;
        }
        canvas.apply_mask(MASK);
        let base = canvas
            .into_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect();
        Layout {
            width: w as usize,
            base,
            order,
        }
    }

    /// The layout of `version` (normal QR versions 1–40), made on first use.
    fn of(version: Version) -> &'static Layout {
        static LAYOUTS: [OnceLock<Layout>; 40] = [const { OnceLock::new() }; 40];
        let Version::Normal(n) = version else {
            unreachable!("encode_auto makes normal QR codes only")
        };
        LAYOUTS[(n - 1) as usize].get_or_init(|| Layout::new(version))
    }
}

/// The dark modules of the QR code of `text` (row by row) and its width, or `None` when the
/// text is too long for a QR code.
pub fn modules(text: &str) -> Option<(Vec<bool>, usize)> {
    let bits = qrcode::bits::encode_auto(text.as_bytes(), LEVEL).ok()?;
    let version = bits.version();
    let (data, ec) = qrcode::ec::construct_codewords(&bits.into_bytes(), version, LEVEL).ok()?;
    let layout = Layout::of(version);
    let mut dark = layout.base.clone();
    let bits = data
        .iter()
        .chain(&ec)
        .flat_map(|byte| (0..8).rev().map(move |j| byte & (1 << j) != 0));
    for (bit, &at) in bits.zip(&layout.order) {
        // The base holds the mask over an empty module; a dark data bit inverts it.
        dark[at as usize] ^= bit;
    }
    Some((dark, layout.width))
}

/// An inline `<svg>` of the QR code of `url`, or `None` when the text is too long for a QR code.
/// It is hidden from screen readers: the template's caption says what it is.
pub fn svg(url: &str) -> Option<String> {
    let (dark, width) = modules(url)?;
    let size = width + 2 * QUIET;
    let mut out = String::with_capacity(1024 + width * width / 4);
    let _ = write!(
        out,
        r##"<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" aria-hidden="true" focusable="false" shape-rendering="crispEdges"><path fill="#fff" d="M0 0h{size}v{size}H0z"/><path stroke="#000" d=""##
    );
    for (y, row) in dark.chunks(width).enumerate() {
        // The pen's x after the last run of this row (None: no run drawn yet in this row).
        let mut pen: Option<usize> = None;
        let mut x = 0;
        while x < width {
            if !row[x] {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && row[x] {
                x += 1;
            }
            // `write!` per run was three quarters of the time: numbers are pushed by hand.
            match pen {
                None => {
                    out.push('M');
                    push_number(&mut out, start + QUIET);
                    out.push(' ');
                    push_number(&mut out, y + QUIET);
                    out.push_str(".5h");
                }
                Some(p) => {
                    out.push('m');
                    push_number(&mut out, start - p);
                    out.push_str(" 0h");
                }
            }
            push_number(&mut out, x - start);
            pen = Some(x);
        }
    }
    out.push_str(r#""/></svg>"#);
    Some(out)
}

/// Appends the decimal digits of `n` (QR coordinates stay below 200).
fn push_number(out: &mut String, n: usize) {
    if n >= 10 {
        push_number(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads the dark modules back from the path, to compare with the encoder's matrix.
    fn modules_of(svg: &str) -> Vec<(usize, usize)> {
        let d = svg.rsplit_once(" d=\"").unwrap().1;
        let d = d.split('"').next().unwrap();
        let (mut dark, mut x, mut y) = (Vec::new(), 0usize, 0usize);
        let mut rest = d;
        while let Some(cmd) = rest.chars().next() {
            let end = rest[1..]
                .find(['M', 'm', 'h'])
                .map_or(rest.len(), |i| i + 1);
            let arg = &rest[1..end];
            match cmd {
                'M' => {
                    let (a, b) = arg.split_once(' ').unwrap();
                    x = a.parse().unwrap();
                    y = b.trim_end_matches(".5").parse().unwrap();
                }
                'm' => x += arg.split_once(' ').unwrap().0.parse::<usize>().unwrap(),
                'h' => {
                    let n: usize = arg.parse().unwrap();
                    dark.extend((x..x + n).map(|i| (i - QUIET, y - QUIET)));
                    x += n;
                }
                _ => panic!("unexpected {cmd}"),
            }
            rest = &rest[end..];
        }
        dark
    }

    #[test]
    fn the_path_draws_exactly_the_dark_modules() {
        let url = "https://www.fuchuan.example.gov.cn/doc/11430199MB0000000X-2025-00017.html";
        let svg = svg(url).unwrap();
        let (dark, w) = modules(url).unwrap();
        let expected: Vec<(usize, usize)> = dark
            .iter()
            .enumerate()
            .filter(|(_, d)| **d)
            .map(|(i, _)| (i % w, i / w))
            .collect();
        assert_eq!(modules_of(&svg), expected);
        assert!(svg.starts_with("<svg class=\"qr\""));
        assert!(svg.contains("aria-hidden=\"true\""));
        assert!(svg.len() < 3000, "{} bytes", svg.len());
    }

    /// The library's own drawing of `text` with our mask: the reference [`modules`] must match.
    fn drawn_by_the_library(text: &str) -> (Vec<bool>, usize) {
        let bits = qrcode::bits::encode_auto(text.as_bytes(), LEVEL).unwrap();
        let version = bits.version();
        let (data, ec) =
            qrcode::ec::construct_codewords(&bits.into_bytes(), version, LEVEL).unwrap();
        let mut canvas = Canvas::new(version, LEVEL);
        canvas.draw_all_functional_patterns();
        canvas.draw_data(&data, &ec);
        canvas.apply_mask(MASK);
        let dark = canvas.into_colors().into_iter().map(|c| c == Color::Dark);
        (dark.collect(), version.width() as usize)
    }

    #[test]
    fn cached_layouts_draw_the_same_code_as_the_library_in_every_version_used() {
        let mut versions = std::collections::BTreeSet::new();
        for len in (1..600).step_by(7) {
            let text: String = "https://www.fuchuan.example.gov.cn/doc/"
                .chars()
                .cycle()
                .take(len)
                .collect();
            let (ours, w) = modules(&text).unwrap();
            let (theirs, w2) = drawn_by_the_library(&text);
            assert_eq!(w, w2, "{len}");
            assert!(ours == theirs, "length {len}: the codes differ");
            versions.insert(w);
        }
        // Versions 1 to 13 at least (widths 21..=69), including the ones with version
        // information blocks (7 and up).
        assert!(versions.len() >= 13, "{versions:?}");
    }

    #[test]
    fn text_too_long_for_a_qr_code_gives_none() {
        assert!(svg(&"x".repeat(5000)).is_none());
    }
}

//! The QR code of a page's URL, drawn at build time as one inline SVG path (分享 on record
//! pages: a reader scans it with WeChat, and the page needs no network or script for it).
//!
//! Every record page carries one, so it must be cheap. The code uses one fixed mask pattern
//! instead of trying all eight and scoring each (any mask is valid by the standard; the scoring
//! only tunes readability and was nine tenths of the time), and what does not depend on the
//! text — the function patterns, the format information and the order in which data modules
//! are filled — is worked out once per QR version ([`Layout`]); a page then only flips the
//! modules of its set bits. The code goes into the page as a 1-bit PNG data URI, a sixth of the
//! bytes of the same code drawn as an SVG path.

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

/// An `<img>` of the QR code of `url` as a 1-bit PNG data URI (about 390 bytes for a record URL,
/// against 2.1 KB for the same code as an SVG path), or `None` when the text is too long for a
/// QR code. It is decorative (`alt=""`): the template's caption says what it is.
pub fn img(url: &str) -> Option<String> {
    use base64::Engine as _;
    let png = png(url)?;
    let mut out = String::with_capacity(96 + png.len() * 4 / 3);
    out.push_str(r#"<img class="qr" alt="" width="148" height="148" src="data:image/png;base64,"#);
    base64::engine::general_purpose::STANDARD.encode_string(&png, &mut out);
    out.push_str(r#"">"#);
    Some(out)
}

/// The QR code of `text` as a PNG: one pixel per module, black on white, with the quiet margin;
/// grey-scale at 1 bit per pixel (colour type 0), so a 37-module code is 37 rows of 5 bytes
/// before compression.
pub fn png(text: &str) -> Option<Vec<u8>> {
    let (dark, width) = modules(text)?;
    let size = width + 2 * QUIET;
    let stride = size.div_ceil(8);
    // Each row: filter type 0 (none), then the pixels, most significant bit first; 1 is white.
    let mut raw = vec![0xffu8; size * (stride + 1)];
    for y in 0..size {
        let row = &mut raw[y * (stride + 1)..(y + 1) * (stride + 1)];
        row[0] = 0;
        if y < QUIET || y >= QUIET + width {
            continue;
        }
        for (x, &d) in dark[(y - QUIET) * width..(y - QUIET + 1) * width]
            .iter()
            .enumerate()
        {
            if d {
                let px = x + QUIET;
                row[1 + px / 8] &= !(0x80 >> (px % 8));
            }
        }
    }
    let idat = zlib(&raw);

    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&(size as u32).to_be_bytes());
    ihdr.extend_from_slice(&(size as u32).to_be_bytes());
    // Bit depth 1, colour type 0 (grey), deflate, adaptive filtering, no interlace.
    ihdr.extend_from_slice(&[1, 0, 0, 0, 0]);
    let mut out = Vec::with_capacity(64 + idat.len());
    out.extend_from_slice(b"\x89PNG\r\n\x1a\n");
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &idat);
    chunk(&mut out, b"IEND", &[]);
    Some(out)
}

/// `raw` as a zlib stream of stored (uncompressed) blocks. A QR code's bits do not compress (a
/// record URL's 222 bytes deflate to 218 at level 9, against 233 stored), while setting up or
/// resetting a compressor clears its tables: that was half the instructions of building the record
/// pages. The stream is a two-byte header, blocks of at most 65,535 bytes, and the Adler-32.
fn zlib(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len() + 5 * (raw.len() / 65_535 + 1) + 6);
    // CM 8 (deflate), 32 KiB window; FLEVEL 0; FCHECK makes the pair a multiple of 31.
    out.extend_from_slice(&[0x78, 0x01]);
    let mut blocks = raw.chunks(65_535).peekable();
    if blocks.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
    }
    while let Some(block) = blocks.next() {
        let last = u8::from(blocks.peek().is_none());
        let len = block.len() as u16;
        out.push(last); // BFINAL, BTYPE 00 (stored)
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    let mut adler = adler2::Adler32::new();
    adler.write_slice(raw);
    out.extend_from_slice(&adler.checksum().to_be_bytes());
    out
}

/// Appends one PNG chunk: length, type, data and the CRC-32 of type and data.
fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc = crc32fast::Hasher::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(&crc.finalize().to_be_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stored_zlib_stream_inflates_to_its_input() {
        for len in [0, 1, 222, 65_535, 65_536, 200_000] {
            let raw: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
            let mut back = Vec::new();
            std::io::Read::read_to_end(
                &mut flate2::read::ZlibDecoder::new(&zlib(&raw)[..]),
                &mut back,
            )
            .unwrap();
            assert_eq!(back, raw, "{len} bytes");
        }
    }

    /// The pixels of a PNG, decoded by an independent decoder, as grey levels (0 black, 255 white).
    fn decode(png: &[u8]) -> (Vec<u8>, usize) {
        let mut decoder = png::Decoder::new(png);
        decoder.set_transformations(png::Transformations::EXPAND);
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!(info.color_type, png::ColorType::Grayscale);
        assert_eq!(info.width, info.height);
        buf.truncate(info.buffer_size());
        (buf, info.width as usize)
    }

    #[test]
    fn the_png_shows_exactly_the_dark_modules_and_reads_back_as_the_url() {
        let url = "https://www.fuchuan.example.gov.cn/doc/11430199MB0000000X-2025-00017.html";
        let (pixels, size) = decode(&png(url).unwrap());
        let (dark, w) = modules(url).unwrap();
        assert_eq!(size, w + 2 * QUIET);
        for y in 0..size {
            for x in 0..size {
                let inside = (QUIET..QUIET + w).contains(&x) && (QUIET..QUIET + w).contains(&y);
                let want = inside && dark[(y - QUIET) * w + (x - QUIET)];
                assert_eq!(pixels[y * size + x] == 0, want, "pixel ({x}, {y})");
            }
        }
        // An independent QR reader finds one code and reads the URL back (scaled up 4x, as a
        // camera would see it).
        let scale = 4;
        let mut img =
            rqrr::PreparedImage::prepare_from_greyscale(size * scale, size * scale, |x, y| {
                pixels[(y / scale) * size + x / scale]
            });
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1);
        let (_, content) = grids[0].decode().unwrap();
        assert_eq!(content, url);
    }

    #[test]
    fn the_img_is_a_small_decorative_data_uri() {
        use base64::Engine as _;
        let url = "https://www.fuchuan.example.gov.cn/doc/11430199MB0000000X-2025-00017.html";
        let img = img(url).unwrap();
        assert!(img.starts_with(r#"<img class="qr" alt="" "#), "{img}");
        let data = img.split("base64,").nth(1).unwrap().trim_end_matches("\">");
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(data)
            .unwrap();
        assert_eq!(bytes, png(url).unwrap());
        assert!(img.len() < 600, "{} bytes", img.len());
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
        assert!(img(&"x".repeat(5000)).is_none());
    }
}

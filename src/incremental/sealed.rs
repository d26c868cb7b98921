//! The envelope of every cache file: a magic line naming the kind of cache, a format number,
//! the payload, and an XXH3-128 checksum of the payload. A file that fails any of these is
//! never decoded, so a truncated or corrupted cache cannot be mistaken for a good one.

use std::path::Path;

use anyhow::Result;

use super::fingerprint;

/// Why a file is not a usable cache.
#[derive(Debug, PartialEq, Eq)]
pub enum Unsealed {
    /// Another format number: written by another version of the cache layout.
    OtherFormat,
    /// Not a cache of this kind, truncated, or damaged.
    Corrupt,
}

/// `magic`, `format`, `payload`, checksum.
pub fn seal(magic: &[u8], format: u32, payload: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(magic.len() + payload.len() + 20);
    bytes.extend_from_slice(magic);
    bytes.extend_from_slice(&format.to_le_bytes());
    bytes.extend_from_slice(payload);
    bytes.extend_from_slice(&fingerprint::of_bytes(payload).to_le_bytes());
    bytes
}

/// The payload of a sealed file.
pub fn unseal<'a>(magic: &[u8], format: u32, bytes: &'a [u8]) -> Result<&'a [u8], Unsealed> {
    let rest = bytes.strip_prefix(magic).ok_or(Unsealed::Corrupt)?;
    let (found, rest) = rest.split_first_chunk::<4>().ok_or(Unsealed::Corrupt)?;
    if u32::from_le_bytes(*found) != format {
        return Err(Unsealed::OtherFormat);
    }
    let cut = rest.len().checked_sub(16).ok_or(Unsealed::Corrupt)?;
    let (payload, sum) = rest.split_at(cut);
    match fingerprint::of_bytes(payload).to_le_bytes() == sum {
        true => Ok(payload),
        false => Err(Unsealed::Corrupt),
    }
}

/// The start of a sealed file's payload, unchecked (the checksum needs the whole file): for
/// reading a header without reading a large file.
pub fn payload_start<'a>(magic: &[u8], format: u32, start: &'a [u8]) -> Option<&'a [u8]> {
    let rest = start.strip_prefix(magic)?;
    let (found, rest) = rest.split_first_chunk::<4>()?;
    (u32::from_le_bytes(*found) == format).then_some(rest)
}

/// Seals `payload` and writes it to `path` atomically (aside, then renamed over the old file).
pub fn write(path: &Path, magic: &[u8], format: u32, payload: &[u8]) -> Result<()> {
    crate::fsutil::write_atomic(path, &seal(magic, format, payload))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_payload_comes_back_and_damage_is_caught() {
        let bytes = seal(b"kind\n", 3, b"payload");
        assert_eq!(unseal(b"kind\n", 3, &bytes), Ok(&b"payload"[..]));
        assert_eq!(unseal(b"kind\n", 4, &bytes), Err(Unsealed::OtherFormat));
        assert_eq!(unseal(b"other\n", 3, &bytes), Err(Unsealed::Corrupt));
        assert_eq!(
            unseal(b"kind\n", 3, &bytes[..bytes.len() - 1]),
            Err(Unsealed::Corrupt)
        );
        let mut flipped = bytes.clone();
        flipped[10] ^= 1;
        assert_eq!(unseal(b"kind\n", 3, &flipped), Err(Unsealed::Corrupt));
        assert_eq!(payload_start(b"kind\n", 3, &bytes[..12]), Some(&b"pay"[..]));
    }
}

//! Fingerprints: 128-bit XXH3 digests of what an output file is made from.

use serde::Serialize;
use xxhash_rust::xxh3::Xxh3;

/// A 128-bit digest of an output's inputs.
pub type Fingerprint = u128;

/// Feeds bytes (and anything `Serialize`, as JSON) into one digest.
#[derive(Default, Clone)]
pub struct Digest(Xxh3);

impl Digest {
    pub fn new() -> Digest {
        Digest::default()
    }

    /// Adds a length-prefixed field, so `("ab", "c")` and `("a", "bc")` differ.
    pub fn field(&mut self, bytes: &[u8]) -> &mut Digest {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    /// Adds a value as the JSON a template would see: the same `Serialize` impl feeds tera's
    /// context, so equal JSON means an equal context.
    pub fn json<T: Serialize + ?Sized>(&mut self, value: &T) -> &mut Digest {
        // Writing into the digest cannot fail; a value that cannot be serialised cannot be
        // rendered either, and rendering reports that error.
        let _ = serde_json::to_writer(&mut *self, value);
        self.0.update(b"\x00end");
        self
    }

    pub fn finish(&self) -> Fingerprint {
        self.0.digest128()
    }
}

impl std::io::Write for Digest {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The digest of some bytes.
pub fn of_bytes(bytes: &[u8]) -> Fingerprint {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// The running program's own bytes, read once: output depends on the code that renders it, so
/// a cache written by another build of gongkai is never trusted.
pub fn program() -> Fingerprint {
    static PROGRAM: std::sync::OnceLock<Fingerprint> = std::sync::OnceLock::new();
    *PROGRAM.get_or_init(|| {
        let bytes = std::env::current_exe()
            .and_then(std::fs::read)
            .unwrap_or_default();
        let mut d = Digest::new();
        d.field(env!("CARGO_PKG_VERSION").as_bytes()).field(&bytes);
        d.finish()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_delimited() {
        let a = Digest::new().field(b"ab").field(b"c").finish();
        let b = Digest::new().field(b"a").field(b"bc").finish();
        assert_ne!(a, b);
    }

    #[test]
    fn json_digest_follows_the_value() {
        #[derive(Serialize)]
        struct V<'a> {
            title: &'a str,
        }
        let a = Digest::new().json(&V { title: "通知" }).finish();
        let b = Digest::new().json(&V { title: "通知" }).finish();
        let c = Digest::new().json(&V { title: "公告" }).finish();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }
}

//! A record's rendered body. Its HTML and plain text are most of a record's size, and only the
//! record's own page and the search index read them. A record that comes from the parse cache
//! therefore carries their digest and where the cache keeps them, and reads them when first
//! asked: a rebuild after a few edits decodes a few bodies, not all of them.
//!
//! Comparisons (page fingerprints, the search index's record list) use the digest, so they never
//! need the texts: a serialiser that is not human-readable (the fingerprint's) sees the digest,
//! templates see the HTML (see [`BodyHtml`]).

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::incremental::fingerprint::{Digest, Fingerprint};
use crate::markdown::Heading;

/// The large parts of a body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Texts {
    pub html: String,
    /// Plain text, paragraphs separated by newlines (for search).
    pub text: String,
}

impl Texts {
    pub fn digest(&self) -> Fingerprint {
        Digest::new()
            .field(self.html.as_bytes())
            .field(self.text.as_bytes())
            .finish()
    }
}

/// Where the parse cache keeps a body's texts: a byte range of a shard's body file, which the
/// shard's index file names.
#[derive(Debug, Clone)]
pub struct Stored {
    pub files: Arc<ShardFiles>,
    pub offset: u64,
    pub len: u32,
}

/// The two files of a parse-cache shard.
#[derive(Debug)]
pub struct ShardFiles {
    pub index: PathBuf,
    pub bodies: PathBuf,
}

/// A body's texts could not be read back from the parse cache.
#[derive(Debug, thiserror::Error)]
#[error(
    "a record body kept in the parse cache is missing or damaged ({file}: {why}); \
     that part of the cache was removed, so building again parses the record afresh"
)]
pub struct Unavailable {
    pub file: String,
    pub why: String,
}

/// A record's rendered body (see the module comment).
#[derive(Clone)]
pub struct Body {
    pub first_paragraph: String,
    pub headings: Vec<Heading>,
    digest: Fingerprint,
    texts: OnceLock<Texts>,
    stored: Option<Stored>,
}

impl Body {
    /// A freshly rendered body.
    pub fn new(texts: Texts, first_paragraph: String, headings: Vec<Heading>) -> Body {
        Body {
            first_paragraph,
            headings,
            digest: texts.digest(),
            texts: OnceLock::from(texts),
            stored: None,
        }
    }

    /// Digest of the HTML and the text.
    pub fn digest(&self) -> Fingerprint {
        self.digest
    }

    /// Where a body decoded from the parse cache finds its texts.
    pub fn set_stored(&mut self, stored: Stored) {
        self.stored = Some(stored);
    }

    /// The texts, read from the parse cache the first time if the record came from there.
    pub fn texts(&self) -> Result<&Texts, Unavailable> {
        if let Some(t) = self.texts.get() {
            return Ok(t);
        }
        let texts = self.read_stored()?;
        Ok(self.texts.get_or_init(|| texts))
    }

    pub fn html(&self) -> Result<&str, Unavailable> {
        self.texts().map(|t| t.html.as_str())
    }

    pub fn text(&self) -> Result<&str, Unavailable> {
        self.texts().map(|t| t.text.as_str())
    }

    fn read_stored(&self) -> Result<Texts, Unavailable> {
        let Some(s) = &self.stored else {
            return Err(Unavailable {
                file: "(none)".into(),
                why: "the record was decoded without its body".into(),
            });
        };
        read_range(&s.files.bodies, s.offset, s.len)
            .and_then(|bytes| {
                rmp_serde::from_slice::<Texts>(&bytes).map_err(|e| format!("cannot decode: {e}"))
            })
            .and_then(|t| match t.digest() == self.digest {
                true => Ok(t),
                false => Err("its digest differs".into()),
            })
            .map_err(|why| {
                // Never trusted again: the shard is parsed afresh next time.
                let _ = std::fs::remove_file(&s.files.index);
                Unavailable {
                    file: s.files.bodies.display().to_string(),
                    why,
                }
            })
    }
}

#[cfg(unix)]
fn read_range(path: &Path, offset: u64, len: u32) -> Result<Vec<u8>, String> {
    use std::os::unix::fs::FileExt;
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut buf = vec![0; len as usize];
    file.read_exact_at(&mut buf, offset)
        .map_err(|e| e.to_string())?;
    Ok(buf)
}

#[cfg(not(unix))]
fn read_range(path: &Path, offset: u64, len: u32) -> Result<Vec<u8>, String> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    file.seek(SeekFrom::Start(offset))
        .map_err(|e| e.to_string())?;
    let mut buf = vec![0; len as usize];
    file.read_exact(&mut buf).map_err(|e| e.to_string())?;
    Ok(buf)
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Body")
            .field("first_paragraph", &self.first_paragraph)
            .field("headings", &self.headings)
            .field("digest", &format_args!("{:032x}", self.digest))
            .finish_non_exhaustive()
    }
}

/// What the parse cache keeps of a body in the record itself: the texts go to the body file.
#[derive(Serialize, Deserialize)]
struct Kept {
    first_paragraph: String,
    headings: Vec<Heading>,
    digest: Fingerprint,
}

impl Serialize for Body {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Kept {
            first_paragraph: self.first_paragraph.clone(),
            headings: self.headings.clone(),
            digest: self.digest,
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Body {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Body, D::Error> {
        let k = Kept::deserialize(deserializer)?;
        Ok(Body {
            first_paragraph: k.first_paragraph,
            headings: k.headings,
            digest: k.digest,
            texts: OnceLock::new(),
            stored: None,
        })
    }
}

/// A body's HTML in a page view: templates (human-readable serialisers) get the HTML, read from
/// the parse cache if need be; the page fingerprint gets the digest, so an unchanged page is
/// recognised without reading its body.
#[derive(Debug, Clone, Copy)]
pub struct BodyHtml<'a>(pub &'a Body);

impl Serialize for BodyHtml<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            let html = self.0.html().map_err(serde::ser::Error::custom)?;
            serializer.serialize_str(html)
        } else {
            serializer.serialize_u128(self.0.digest)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts() -> Texts {
        Texts {
            html: "<p>正文</p>\n".into(),
            text: "正文\n".into(),
        }
    }

    fn stored(dir: &Path, bytes: &[u8]) -> Stored {
        let bodies = dir.join("0.x.bodies");
        let mut file = b"head".to_vec();
        file.extend_from_slice(bytes);
        std::fs::write(&bodies, file).unwrap();
        std::fs::write(dir.join("0.bin"), b"index").unwrap();
        Stored {
            files: Arc::new(ShardFiles {
                index: dir.join("0.bin"),
                bodies,
            }),
            offset: 4,
            len: bytes.len() as u32,
        }
    }

    #[test]
    fn a_decoded_body_reads_its_texts_from_the_body_file() {
        let dir = tempfile::tempdir().unwrap();
        let fresh = Body::new(texts(), "正文".into(), Vec::new());
        let mut back: Body = rmp_serde::from_slice(&rmp_serde::to_vec(&fresh).unwrap()).unwrap();
        assert_eq!(back.digest(), fresh.digest());
        assert!(back.html().is_err(), "no texts and nowhere to read them");
        back.set_stored(stored(dir.path(), &rmp_serde::to_vec(&texts()).unwrap()));
        assert_eq!(back.texts().unwrap(), &texts());
    }

    #[test]
    fn damaged_texts_are_refused_and_their_shard_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let fresh = Body::new(texts(), String::new(), Vec::new());
        let mut back: Body = rmp_serde::from_slice(&rmp_serde::to_vec(&fresh).unwrap()).unwrap();
        let other = Texts {
            html: "<p>别的</p>\n".into(),
            ..texts()
        };
        back.set_stored(stored(dir.path(), &rmp_serde::to_vec(&other).unwrap()));
        let err = back.texts().unwrap_err();
        assert!(err.why.contains("digest"), "{err}");
        assert!(
            !dir.path().join("0.bin").exists(),
            "the shard's index is removed"
        );
    }

    #[test]
    fn the_fingerprint_sees_the_digest_and_templates_the_html() {
        let body = Body::new(texts(), String::new(), Vec::new());
        let json = serde_json::to_string(&BodyHtml(&body)).unwrap();
        assert_eq!(json, "\"<p>正文</p>\\n\"");
        let other = Body::new(
            Texts {
                text: "别的".into(),
                ..texts()
            },
            String::new(),
            Vec::new(),
        );
        let fp = |b: &Body| Digest::new().value(&BodyHtml(b)).finish();
        assert_ne!(fp(&body), fp(&other), "the digest covers the text too");
        assert_eq!(fp(&body), fp(&body.clone()));
    }
}

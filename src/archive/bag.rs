//! A BagIt 1.0 (RFC 8493) writer. Payload files are copied and hashed in one pass, as streams,
//! and their manifest lines are written as they come, so memory does not grow with the bag.
//!
//! SM3 manifests (`--sm3`) use RustCrypto's `sm3` crate: pure Rust, maintained with `sha2`
//! under the same `digest` traits, so one hashing path serves both algorithms.

use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use sha2::{Digest as _, Sha256};
use sm3::Sm3;

pub const BAGIT_TXT: &str = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";
pub const MANIFEST_SHA256: &str = "manifest-sha256.txt";
pub const MANIFEST_SM3: &str = "manifest-sm3.txt";

/// The digests and size of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDigest {
    pub sha256: String,
    pub sm3: Option<String>,
    pub size: u64,
}

/// A writer that hashes what passes through it.
pub struct Hashing<W> {
    inner: W,
    sha256: Sha256,
    sm3: Option<Sm3>,
    size: u64,
}

impl<W: Write> Hashing<W> {
    pub fn new(inner: W, sm3: bool) -> Self {
        Hashing {
            inner,
            sha256: Sha256::new(),
            sm3: sm3.then(Sm3::new),
            size: 0,
        }
    }

    pub fn finish(self) -> (W, FileDigest) {
        let digest = FileDigest {
            sha256: crate::hash::hex(&self.sha256.finalize()),
            sm3: self.sm3.map(|h| crate::hash::hex(&h.finalize())),
            size: self.size,
        };
        (self.inner, digest)
    }
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.sha256.update(&buf[..n]);
        if let Some(h) = &mut self.sm3 {
            h.update(&buf[..n]);
        }
        self.size += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Hashes a file as a stream.
pub fn hash_file(path: &Path, sm3: bool) -> io::Result<FileDigest> {
    let mut h = Hashing::new(io::sink(), sm3);
    io::copy(&mut File::open(path)?, &mut h)?;
    Ok(h.finish().1)
}

/// A manifest path: `/`-separated, with `%`, CR and LF percent-encoded (RFC 8493 §2.1.3).
pub fn manifest_path(rel: &str) -> String {
    rel.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Payload-Oxum: total bytes and file count of the payload.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Oxum {
    pub bytes: u64,
    pub files: u64,
}

impl std::fmt::Display for Oxum {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.bytes, self.files)
    }
}

/// Writes a bag's payload under `root/data/` and its payload manifests.
pub struct BagWriter {
    root: PathBuf,
    sha256: BufWriter<File>,
    sm3: Option<BufWriter<File>>,
    oxum: Oxum,
}

fn create(path: &Path) -> Result<BufWriter<File>> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    Ok(BufWriter::new(File::create(path).with_context(|| {
        format!("cannot create {}", path.display())
    })?))
}

impl BagWriter {
    pub fn create(root: &Path, sm3: bool) -> Result<BagWriter> {
        Ok(BagWriter {
            root: root.to_path_buf(),
            sha256: create(&root.join(MANIFEST_SHA256))?,
            sm3: if sm3 {
                Some(create(&root.join(MANIFEST_SM3))?)
            } else {
                None
            },
            oxum: Oxum::default(),
        })
    }

    /// Writes the payload file `rel` (a bag path under `data/`) with what `fill` writes.
    pub fn write_with(
        &mut self,
        rel: &str,
        fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<FileDigest> {
        debug_assert!(rel.starts_with("data/"));
        let path = self.root.join(rel);
        let mut w = Hashing::new(create(&path)?, self.sm3.is_some());
        fill(&mut w).with_context(|| format!("cannot write {}", path.display()))?;
        let (mut inner, digest) = w.finish();
        inner
            .flush()
            .with_context(|| format!("cannot write {}", path.display()))?;
        self.record(rel, &digest)?;
        Ok(digest)
    }

    /// Copies `from` into the payload as `rel`, hashing as it goes.
    pub fn copy_in(&mut self, from: &Path, rel: &str) -> Result<FileDigest> {
        let mut src =
            File::open(from).with_context(|| format!("cannot read {}", from.display()))?;
        self.write_with(rel, |w| io::copy(&mut src, w).map(drop))
    }

    pub fn write_bytes(&mut self, rel: &str, bytes: &[u8]) -> Result<FileDigest> {
        self.write_with(rel, |w| w.write_all(bytes))
    }

    fn record(&mut self, rel: &str, d: &FileDigest) -> Result<()> {
        let line = |hex: &str| format!("{hex}  {}\n", manifest_path(rel));
        self.sha256
            .write_all(line(&d.sha256).as_bytes())
            .context("cannot write the manifest")?;
        if let (Some(w), Some(h)) = (&mut self.sm3, &d.sm3) {
            w.write_all(line(h).as_bytes())
                .context("cannot write the manifest")?;
        }
        self.oxum.bytes += d.size;
        self.oxum.files += 1;
        Ok(())
    }

    /// Flushes the manifests; the payload is complete.
    pub fn close(mut self) -> Result<Oxum> {
        self.sha256.flush().context("cannot write the manifest")?;
        if let Some(w) = &mut self.sm3 {
            w.flush().context("cannot write the manifest")?;
        }
        Ok(self.oxum)
    }
}

/// `bag-info.txt` from labelled values, in the given order; line breaks in values are folded
/// into spaces (a value is one line here).
pub fn bag_info_text(fields: &[(&str, String)]) -> String {
    let mut out = String::new();
    for (label, value) in fields {
        let one_line: String = value
            .split(['\r', '\n'])
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        out.push_str(&format!("{label}: {one_line}\n"));
    }
    out
}

/// Writes the tag manifests over `tags` (bag-root-relative names, written before this call).
pub fn write_tag_manifests(root: &Path, tags: &[&str], sm3: bool) -> Result<()> {
    let mut sha_lines = String::new();
    let mut sm3_lines = String::new();
    for name in tags {
        let path = root.join(name);
        let d = hash_file(&path, sm3).with_context(|| format!("cannot read {}", path.display()))?;
        sha_lines.push_str(&format!("{}  {}\n", d.sha256, manifest_path(name)));
        if let Some(h) = d.sm3 {
            sm3_lines.push_str(&format!("{h}  {}\n", manifest_path(name)));
        }
    }
    crate::fsutil::write(&root.join("tagmanifest-sha256.txt"), sha_lines.as_bytes())?;
    if sm3 {
        crate::fsutil::write(&root.join("tagmanifest-sm3.txt"), sm3_lines.as_bytes())?;
    }
    Ok(())
}

/// Packs the bag folder `bag` into `tar_path` under the top folder `top`: entries sorted by path,
/// fixed times and owners, so the same bag gives the same bytes.
pub fn write_tar(bag: &Path, top: &str, tar_path: &Path, mtime: u64) -> Result<()> {
    let file =
        File::create(tar_path).with_context(|| format!("cannot create {}", tar_path.display()))?;
    let mut tar = tar::Builder::new(BufWriter::new(file));
    for entry in walkdir::WalkDir::new(bag).sort_by_file_name() {
        let entry = entry.with_context(|| format!("cannot list {}", bag.display()))?;
        let rel = entry.path().strip_prefix(bag).expect("inside the bag");
        let name = Path::new(top).join(rel);
        let mut h = tar::Header::new_gnu();
        h.set_mtime(mtime);
        h.set_uid(0);
        h.set_gid(0);
        if entry.file_type().is_dir() {
            h.set_entry_type(tar::EntryType::Directory);
            h.set_mode(0o755);
            h.set_size(0);
            tar.append_data(&mut h, &name, io::empty())
        } else {
            let f = File::open(entry.path())
                .with_context(|| format!("cannot read {}", entry.path().display()))?;
            h.set_entry_type(tar::EntryType::Regular);
            h.set_mode(0o644);
            h.set_size(f.metadata()?.len());
            tar.append_data(&mut h, &name, f.take(u64::MAX))
        }
        .with_context(|| format!("cannot write {}", tar_path.display()))?;
    }
    let mut w = tar
        .into_inner()
        .with_context(|| format!("cannot write {}", tar_path.display()))?;
    w.flush()
        .with_context(|| format!("cannot write {}", tar_path.display()))?;
    w.get_ref().sync_all()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sm3_known_answer() {
        // GB/T 32905-2016, example 1 ("abc") and example 2 ("abcd" × 16).
        let one = hash_bytes(b"abc");
        assert_eq!(
            one.sm3.unwrap(),
            "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
        );
        let two = hash_bytes("abcd".repeat(16).as_bytes());
        assert_eq!(
            two.sm3.unwrap(),
            "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"
        );
        assert_eq!(
            one.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    fn hash_bytes(b: &[u8]) -> FileDigest {
        let mut h = Hashing::new(io::sink(), true);
        h.write_all(b).unwrap();
        h.finish().1
    }

    #[test]
    fn manifest_paths_escape_line_breaks_and_percent() {
        assert_eq!(
            manifest_path("data/a%b\nc\rd.txt"),
            "data/a%25b%0Ac%0Dd.txt"
        );
        assert_eq!(manifest_path("data/永久/a b.pdf"), "data/永久/a b.pdf");
    }

    #[test]
    fn payload_is_hashed_while_written() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("src.txt");
        fs::write(&src, "hello").unwrap();
        let bag = dir.path().join("bag");
        let mut w = BagWriter::create(&bag, true).unwrap();
        let d = w.copy_in(&src, "data/x/src.txt").unwrap();
        w.write_bytes("data/y.txt", b"abc").unwrap();
        assert_eq!(w.close().unwrap(), Oxum { bytes: 8, files: 2 });
        assert_eq!(d, hash_file(&bag.join("data/x/src.txt"), true).unwrap());
        let manifest = fs::read_to_string(bag.join(MANIFEST_SHA256)).unwrap();
        assert_eq!(
            manifest.lines().nth(1),
            Some("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  data/y.txt")
        );
        let mut w = BagWriter::create(&dir.path().join("bag2"), false).unwrap();
        let missing = w.copy_in(&dir.path().join("nope"), "data/n").unwrap_err();
        assert!(
            format!("{missing:#}").contains("cannot read"),
            "{missing:#}"
        );
        assert!(!dir.path().join("bag2/data/n").exists());
    }
}

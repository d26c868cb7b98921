//! The output of one build. Every file a build produces goes through [`Output`], which writes it
//! into the staging folder unless the previous build produced the same file from the same
//! inputs, and remembers what was produced for the next build.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use anyhow::{Context as _, Result, anyhow, bail};
use serde::Serialize;

use xxhash_rust::xxh3::Xxh3;

use super::fingerprint::{Digest, Fingerprint, of_bytes};
use super::manifest::{Entry, Previous, State};
use crate::render::Theme;

/// One produced file: its entry, and whether this build wrote it (or kept the previous one).
#[derive(Debug, Clone)]
pub struct Produced {
    pub rel: String,
    pub entry: Entry,
    pub written: bool,
}

/// What [`Output::group`] keeps: the digest of the group's inputs and the files it made.
#[derive(serde::Serialize, serde::Deserialize)]
struct Group {
    digest: Fingerprint,
    count: usize,
    files: Vec<String>,
}

/// A file being written, hashing what goes into it.
struct Hashing {
    inner: std::fs::File,
    hash: Xxh3,
}

impl std::io::Write for Hashing {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// A build's output, complete.
pub struct Finished {
    pub previous: Option<Previous>,
    pub produced: Vec<Produced>,
    pub state: State,
}

/// Where a build's files go.
pub struct Output {
    /// The staging folder: a whole site for a full build, only new files for an incremental one.
    dir: PathBuf,
    previous: Option<Previous>,
    /// Fingerprint of everything every page shares: theme and site-wide template context.
    env: OnceLock<Fingerprint>,
    produced: Mutex<Vec<Produced>>,
    state: Mutex<State>,
}

impl Output {
    /// Writes every file into `dir`.
    pub fn full(dir: impl Into<PathBuf>) -> Output {
        Output {
            dir: dir.into(),
            previous: None,
            env: OnceLock::new(),
            produced: Mutex::new(Vec::new()),
            state: Mutex::new(State::new()),
        }
    }

    /// Writes into `dir` only what differs from `previous` (the output folder as it is).
    pub fn incremental(dir: impl Into<PathBuf>, previous: Previous) -> Output {
        Output {
            previous: Some(previous),
            ..Output::full(dir)
        }
    }

    /// The staging folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Sets what all pages share; called once, before the first page.
    pub fn set_env(&self, theme: &Theme, globals: &impl Serialize) {
        let mut d = Digest::new();
        d.field(&theme.fingerprint.to_le_bytes()).value(globals);
        let _ = self.env.set(d.finish());
    }

    /// Renders `template` with `view` (plus `root` and `page_path`) into the page `rel`, unless
    /// the page was rendered from exactly these inputs last time.
    pub fn page<V: Serialize>(
        &self,
        theme: &Theme,
        rel: &str,
        template: &str,
        view: &V,
    ) -> Result<()> {
        let fp = self.page_digest(rel, template)?.value(view).finish();
        if self.keep(rel, fp) {
            return Ok(());
        }
        self.render(theme, rel, template, view, fp)
    }

    /// As [`Output::page`], for a page whose inputs the caller digests as `key` without making
    /// the view; `view` is made only when the page must be rendered. `key` must change whenever
    /// the view would.
    pub fn keyed_page<V: Serialize>(
        &self,
        theme: &Theme,
        rel: &str,
        template: &str,
        key: Fingerprint,
        view: impl FnOnce() -> V,
    ) -> Result<()> {
        let fp = (self.page_digest(rel, template)?)
            .field(b"key")
            .field(&key.to_le_bytes())
            .finish();
        if self.keep(rel, fp) {
            return Ok(());
        }
        self.render(theme, rel, template, &view(), fp)
    }

    /// A page's digest so far: what all pages share, its template and its path.
    fn page_digest(&self, rel: &str, template: &str) -> Result<Digest> {
        let env = self
            .env
            .get()
            .ok_or_else(|| anyhow!("page {rel} rendered before the site context was set"))?;
        let mut d = Digest::new();
        d.field(b"page")
            .field(&env.to_le_bytes())
            .field(template.as_bytes())
            .field(rel.as_bytes());
        Ok(d)
    }

    /// Renders the page `rel` into the staging folder.
    fn render<V: Serialize>(
        &self,
        theme: &Theme,
        rel: &str,
        template: &str,
        view: &V,
        fp: Fingerprint,
    ) -> Result<()> {
        let mut ctx = tera::Context::from_serialize(view).map_err(|e| anyhow!("{e}"))?;
        ctx.insert("root", &crate::render::root_of(rel));
        ctx.insert("page_path", rel);
        // Straight into the file: no intermediate String to build and re-validate as UTF-8;
        // hashed as it goes, in the buffer's large pieces.
        let path = self.dir.join(rel);
        let file = Hashing {
            inner: crate::fsutil::create_file(&path)?,
            hash: Xxh3::new(),
        };
        let mut file = std::io::BufWriter::with_capacity(32 * 1024, file);
        theme
            .tera
            .render_to(template, &ctx, &mut file)
            .map_err(|e| anyhow!("rendering {rel} with {template}: {e}"))?;
        let file = (file.into_inner())
            .map_err(|e| e.into_error())
            .with_context(|| format!("cannot write {}", path.display()))?;
        self.wrote(rel, fp, file.hash.digest128())
    }

    /// Writes `bytes` to `rel` unless the file already holds them.
    pub fn bytes(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let fp = Digest::new().field(b"bytes").field(bytes).finish();
        if self.keep(rel, fp) {
            return Ok(());
        }
        crate::fsutil::write(&self.dir.join(rel), bytes)?;
        self.wrote(rel, fp, of_bytes(bytes))
    }

    /// Writes the bytes `make` returns to `rel`, unless the previous build wrote `rel` from
    /// inputs with the same `key`: then `make` is not run. `key` must change whenever the bytes
    /// would.
    pub fn keyed_bytes(
        &self,
        rel: &str,
        key: Fingerprint,
        make: impl FnOnce() -> Result<Vec<u8>>,
    ) -> Result<()> {
        let fp = (Digest::new().field(b"keyed bytes"))
            .field(&key.to_le_bytes())
            .finish();
        if self.keep(rel, fp) {
            return Ok(());
        }
        let bytes = make()?;
        crate::fsutil::write(&self.dir.join(rel), &bytes)?;
        self.wrote(rel, fp, of_bytes(&bytes))
    }

    /// Copies the file `from` to `rel` unless it was copied last time with the same `digest`
    /// (a digest of its bytes the caller already has, such as an attachment's SHA-256).
    pub fn copy(&self, rel: &str, from: &Path, digest: &str) -> Result<()> {
        let fp = Digest::new()
            .field(b"copy")
            .field(digest.as_bytes())
            .finish();
        if self.keep(rel, fp) {
            return Ok(());
        }
        // Read, hashed and written rather than copied by the kernel: the manifest keeps the
        // digest of the bytes written.
        let bytes = crate::fsutil::read(from)?;
        crate::fsutil::write(&self.dir.join(rel), &bytes)?;
        self.wrote(rel, fp, of_bytes(&bytes))
    }

    /// True (and remembered) when the previous build made `rel` from the same inputs.
    fn keep(&self, rel: &str, fp: Fingerprint) -> bool {
        let Some(prev) = self.previous.as_ref().and_then(|p| p.files.get(rel)) else {
            return false;
        };
        if prev.fingerprint != fp {
            return false;
        }
        self.push(Produced {
            rel: rel.to_string(),
            entry: *prev,
            written: false,
        });
        true
    }

    fn wrote(&self, rel: &str, fp: Fingerprint, content: Fingerprint) -> Result<()> {
        let entry = Entry::of_file(fp, content, &self.dir.join(rel))?;
        self.push(Produced {
            rel: rel.to_string(),
            entry,
            written: true,
        });
        Ok(())
    }

    fn push(&self, p: Produced) {
        self.produced
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(p);
    }

    /// True when this build has produced `rel` already.
    pub fn contains(&self, rel: &str) -> bool {
        let produced = self.produced.lock().unwrap_or_else(|e| e.into_inner());
        produced.iter().any(|p| p.rel == rel)
    }

    /// How many HTML pages were produced so far (written or kept).
    pub fn html_count(&self) -> usize {
        let produced = self.produced.lock().unwrap_or_else(|e| e.into_inner());
        produced.iter().filter(|p| p.rel.ends_with(".html")).count()
    }

    /// Every HTML page produced so far (written or kept), sorted.
    pub fn html_pages(&self) -> Vec<String> {
        let produced = self.produced.lock().unwrap_or_else(|e| e.into_inner());
        let mut pages: Vec<String> = produced
            .iter()
            .filter(|p| p.rel.ends_with(".html"))
            .map(|p| p.rel.clone())
            .collect();
        pages.sort_unstable();
        pages
    }

    /// What the stage `key` kept last time, and the folder holding the previous output; `None`
    /// for a full build.
    pub fn previous_state(&self, key: &str) -> Option<(&[u8], &Path)> {
        let prev = self.previous.as_ref()?;
        Some((prev.state.get(key)?.as_slice(), prev.dir.as_path()))
    }

    /// Keeps `bytes` for the stage `key` of the next build.
    pub fn set_state(&self, key: &str, bytes: Vec<u8>) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.insert(key.to_string(), bytes);
    }

    /// Produces a group of files with `make` (which returns how many it made), or, when the
    /// previous build made the group from inputs with the same `digest`, keeps the files it made
    /// without running `make` at all. For stages whose files depend on few inputs that are cheap
    /// to digest. The group's files are those produced under `folder` while `make` runs (other
    /// stages may run meanwhile, but never write there), and must be as many as `make` says.
    pub fn group(
        &self,
        key: &str,
        folder: &str,
        digest: Fingerprint,
        make: impl FnOnce() -> Result<usize>,
    ) -> Result<usize> {
        if let Some((state, _)) = self.previous_state(key)
            && let Ok(group) = postcard::from_bytes::<Group>(state)
            && group.digest == digest
            && let Some(entries) = self.previous_entries(&group.files)
        {
            let state = state.to_vec();
            for (rel, entry) in group.files.into_iter().zip(entries) {
                self.push(Produced {
                    rel,
                    entry,
                    written: false,
                });
            }
            self.set_state(key, state);
            return Ok(group.count);
        }
        let before = self.lock_produced().len();
        let count = make()?;
        let files: Vec<String> = self.lock_produced()[before..]
            .iter()
            .filter(|p| p.rel.starts_with(folder))
            .map(|p| p.rel.clone())
            .collect();
        if files.len() != count {
            bail!(
                "{key}: {count} files made, {} of them under {folder}",
                files.len()
            );
        }
        let group = Group {
            digest,
            count,
            files,
        };
        self.set_state(key, postcard::to_stdvec(&group)?);
        Ok(count)
    }

    fn previous_entries(&self, rels: &[String]) -> Option<Vec<Entry>> {
        let prev = self.previous.as_ref()?;
        rels.iter().map(|r| prev.files.get(r).copied()).collect()
    }

    fn lock_produced(&self) -> std::sync::MutexGuard<'_, Vec<Produced>> {
        self.produced.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Everything produced, sorted by path; a path produced twice is a bug and an error.
    pub fn finish(self) -> Result<Finished> {
        let mut produced = (self.produced.into_inner()).unwrap_or_else(|e| e.into_inner());
        produced.sort_unstable_by(|a, b| a.rel.cmp(&b.rel));
        if let Some(w) = produced.windows(2).find(|w| w[0].rel == w[1].rel) {
            bail!("{} was produced twice in one build", w[0].rel);
        }
        Ok(Finished {
            previous: self.previous,
            produced,
            state: self.state.into_inner().unwrap_or_else(|e| e.into_inner()),
        })
    }
}

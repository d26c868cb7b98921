//! Archive export to the district archive (content model §7): a BagIt bag of one year's
//! published records with DA/T metadata ([`export_bag`]), and a WARC capture of the whole
//! rendered site ([`export_warc`]).
//!
//! Both read the published catalog only, render the site with the normal pipeline into a
//! temporary folder, and build their output beside the destination under a hidden name that
//! says it is partial, renaming it into place only when it is complete and checked.

pub mod bag;
pub mod check;
pub mod dangh;
pub mod formats;
pub mod layout;
pub mod ledger;
pub mod metadata;
pub mod payload;
pub mod plan;
pub mod warc;
pub mod xml;

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::build::{self, Options};
use crate::diag::{Code, Diagnostic, Pos};
use crate::values::{Date, china_offset};
use bag::{BagWriter, Oxum};

/// What `gongkai archive --year` was asked for.
#[derive(Debug, Clone)]
pub struct BagRequest {
    pub year: i32,
    pub batch: u32,
    /// The bag folder, or with `tar` the `.tar` file.
    pub out: PathBuf,
    pub tar: bool,
    pub sm3: bool,
    /// Bagging-Date; today (from `Options.now`) when absent.
    pub date: Option<Date>,
}

/// The result of an export that ran to its end.
pub enum Outcome {
    /// Bad input: nothing was written.
    Invalid(Vec<Diagnostic>),
    /// The written bag failed its own check: nothing was kept.
    Rejected(check::Report, String),
    Bag(BagSummary),
    Warc {
        path: PathBuf,
        records: usize,
    },
}

pub struct BagSummary {
    pub path: PathBuf,
    pub items: usize,
    pub oxum: Oxum,
    pub report: String,
}

/// Removes temporary folders and files when dropped, unless they were moved into place.
struct Temp(Vec<PathBuf>);

impl Drop for Temp {
    fn drop(&mut self) {
        for p in &self.0 {
            if p.is_dir() {
                let _ = fs::remove_dir_all(p);
            } else if p.exists() {
                let _ = fs::remove_file(p);
            }
        }
    }
}

/// Refuses a destination that already holds an export (or anything else that is not an empty
/// folder); an export never overwrites one.
fn check_destination(out: &Path, is_file: bool) -> Option<Diagnostic> {
    let shown = out.display().to_string();
    let problem = if is_file {
        out.exists().then_some("exists")
    } else if out.join("bagit.txt").exists() {
        Some("bag")
    } else if out.is_file() {
        Some("file")
    } else if out.is_dir()
        && fs::read_dir(out)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        Some("not-empty")
    } else {
        None
    }?;
    Some(Diagnostic::error(
        Code::ArchiveExists,
        shown,
        Pos::new(0, 0),
        crate::msg!("archive-destination", problem = problem),
    ))
}

fn load(opts: &Options) -> Result<build::Model, Vec<Diagnostic>> {
    let model = build::load(opts)?;
    if model.has_errors() {
        return Err(model.diagnostics);
    }
    Ok(model)
}

/// Renders the site into `dir` with the normal build.
fn render(opts: &Options, dir: &Path) -> Result<Result<(), Vec<Diagnostic>>> {
    // An archive copy is no publication: the mass-withdrawal stop guards the public site.
    let opts = Options {
        allow_mass_withdrawal: true,
        ..opts.clone()
    };
    Ok(match build::build(&opts, dir)? {
        build::Outcome::Invalid(d) => Err(d),
        build::Outcome::Built(..) => Ok(()),
    })
}

/// Exports the bag of one year. Bad input gives `Invalid` and writes nothing.
pub fn export_bag(opts: &Options, req: &BagRequest) -> Result<Outcome> {
    let model = match load(opts) {
        Ok(m) => m,
        Err(d) => return Ok(Outcome::Invalid(d)),
    };
    let ledger = match ledger::Ledger::load(&opts.root) {
        Ok(l) => l,
        Err(d) => return Ok(Outcome::Invalid(d)),
    };
    let plan = match plan::plan(&model.site, &model.catalog, &ledger, req.year) {
        Ok(p) => p,
        Err(d) => return Ok(Outcome::Invalid(d)),
    };
    if let Some(d) = check_destination(&req.out, req.tar) {
        return Ok(Outcome::Invalid(vec![d]));
    }
    let staging = crate::fsutil::hidden_sibling(&req.out, "partial")?;
    let rendered = crate::fsutil::hidden_sibling(&req.out, "site")?;
    let mut temp = Temp(vec![staging.clone(), rendered.clone()]);
    if let Err(d) = render(opts, &rendered)? {
        return Ok(Outcome::Invalid(d));
    }
    fs::create_dir_all(&staging).with_context(|| format!("cannot create {}", staging.display()))?;
    let mut writer = BagWriter::create(&staging, req.sm3)?;
    let sources = payload::Sources {
        site: &model.site,
        catalog: &model.catalog,
        ledger: &ledger,
        root: &opts.root,
        rendered: &rendered,
    };
    let items = match payload::write(&mut writer, &sources, &plan, req.batch) {
        Ok(items) => items,
        Err(payload::Failure::Content(d)) => return Ok(Outcome::Invalid(d)),
        Err(payload::Failure::Io(e)) => return Err(e),
    };
    let oxum = writer.close()?;
    let date = req.date.unwrap_or_else(|| opts.now.date());
    let info = bag_info(&model.site, &plan, req, oxum, date);
    crate::fsutil::write(&staging.join("bag-info.txt"), info.as_bytes())?;
    crate::fsutil::write(&staging.join("bagit.txt"), bag::BAGIT_TXT.as_bytes())?;
    let report = check::run(&check::Inputs {
        bag: &staging,
        items: &items,
        oxum,
        sm3: req.sm3,
        ledger: &plan.ledger,
    })?;
    let title = format!(
        "归档检测报告（DA/T 70 四性检测）\n全宗号 {}，年度 {}，第 {} 批，{} 件，检测日期 {date}",
        plan.fonds.fonds,
        req.year,
        req.batch,
        items.len()
    );
    let text = report.text(&title);
    if !report.passed() {
        return Ok(Outcome::Rejected(report, text));
    }
    crate::fsutil::write(&staging.join(layout::REPORT), text.as_bytes())?;
    let mut tags = vec!["bagit.txt", "bag-info.txt", bag::MANIFEST_SHA256];
    if req.sm3 {
        tags.push(bag::MANIFEST_SM3);
    }
    tags.push(layout::REPORT);
    bag::write_tag_manifests(&staging, &tags, req.sm3)?;
    move_into_place(&staging, req, date, &mut temp)?;
    Ok(Outcome::Bag(BagSummary {
        path: req.out.clone(),
        items: items.len(),
        oxum,
        report: text,
    }))
}

fn bag_info(
    site: &crate::config::Site,
    plan: &plan::Plan,
    req: &BagRequest,
    oxum: Oxum,
    date: Date,
) -> String {
    let c = &site.config;
    let fonds = &plan.fonds.fonds;
    let mut fields = vec![("Source-Organization", c.org.name.clone())];
    if let Some(a) = &c.office.address {
        fields.push(("Organization-Address", a.clone()));
    }
    if let Some(p) = &c.office.phone {
        fields.push(("Contact-Phone", p.clone()));
    }
    if let Some(e) = &c.office.email {
        fields.push(("Contact-Email", e.clone()));
    }
    fields.extend([
        (
            "External-Identifier",
            format!("{fonds}-{}-{}", req.year, req.batch),
        ),
        ("Bag-Group-Identifier", format!("{fonds}-{}", req.year)),
        ("Bag-Count", format!("{} of {}", req.batch, req.batch)),
        ("Bagging-Date", date.to_string()),
        ("Payload-Oxum", oxum.to_string()),
        (
            "Internal-Sender-Description",
            format!(
                "{}{}年度主动公开政府信息归档，第{}批，共{}件（全宗号 {fonds}）",
                c.org.name,
                req.year,
                req.batch,
                plan.items.len()
            ),
        ),
        (
            "Bag-Software-Agent",
            format!("gongkai {}", env!("CARGO_PKG_VERSION")),
        ),
    ]);
    bag::bag_info_text(&fields)
}

/// Seconds since the epoch of 00:00 China time on `date`: the fixed mtime of tar entries.
fn midnight(date: Date) -> i64 {
    use chrono::TimeZone;
    china_offset()
        .from_local_datetime(&date.0.and_hms_opt(0, 0, 0).expect("midnight"))
        .single()
        .expect("fixed offsets are unambiguous")
        .timestamp()
}

fn move_into_place(staging: &Path, req: &BagRequest, date: Date, temp: &mut Temp) -> Result<()> {
    if req.tar {
        let top = req
            .out
            .file_name()
            .map(|n| n.to_string_lossy().trim_end_matches(".tar").to_string())
            .unwrap_or_else(|| "bag".into());
        let tar_tmp = crate::fsutil::hidden_sibling(&req.out, "partial.tar")?;
        temp.0.push(tar_tmp.clone());
        bag::write_tar(staging, &top, &tar_tmp, midnight(date).max(0) as u64)?;
        fs::rename(&tar_tmp, &req.out)
            .with_context(|| format!("cannot move the bag into {}", req.out.display()))?;
    } else {
        if req.out.is_dir() {
            // Checked empty before the export began; a folder that filled since is an error.
            fs::remove_dir(&req.out)
                .with_context(|| format!("{} is no longer empty", req.out.display()))?;
        }
        fs::rename(staging, &req.out)
            .with_context(|| format!("cannot move the bag into {}", req.out.display()))?;
    }
    Ok(())
}

/// What `gongkai archive --warc` was asked for.
#[derive(Debug, Clone)]
pub struct WarcRequest {
    pub out: PathBuf,
    pub date: Option<Date>,
}

/// Captures the whole rendered site as one `.warc.gz`.
pub fn export_warc(opts: &Options, req: &WarcRequest) -> Result<Outcome> {
    let model = match load(opts) {
        Ok(m) => m,
        Err(d) => return Ok(Outcome::Invalid(d)),
    };
    if let Some(d) = check_destination(&req.out, true) {
        return Ok(Outcome::Invalid(vec![d]));
    }
    let rendered = crate::fsutil::hidden_sibling(&req.out, "site")?;
    let partial = crate::fsutil::hidden_sibling(&req.out, "partial")?;
    let _temp = Temp(vec![rendered.clone(), partial.clone()]);
    if let Err(d) = render(opts, &rendered)? {
        return Ok(Outcome::Invalid(d));
    }
    let when = match req.date {
        Some(d) => chrono::DateTime::from_timestamp(midnight(d), 0).context("date out of range")?,
        None => opts.now.0.with_timezone(&chrono::Utc),
    };
    let file_name = req
        .out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if file_name.is_empty() {
        bail!("--out must name a file, e.g. site.warc.gz");
    }
    let c = &model.site.config;
    let capture = warc::Capture {
        base_url: &c.base_url,
        title: &c.title,
        org: &c.org.name,
        date: when.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        file_name: &file_name,
    };
    let records = warc::write(&rendered, &capture, &partial)?;
    fs::rename(&partial, &req.out)
        .with_context(|| format!("cannot move the capture into {}", req.out.display()))?;
    Ok(Outcome::Warc {
        path: req.out.clone(),
        records,
    })
}

//! The command line (clap derive). Doc comments are the help text.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::i18n::Lang;

/// gongkai — a static-site generator for government information-disclosure (政府信息公开) sites.
#[derive(Debug, Parser)]
#[command(name = "gongkai", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Print only errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also print each stage's time and memory (same as GONGKAI_TIMINGS=1).
    #[arg(long, short, global = true)]
    pub verbose: bool,
    /// The language of messages: zh-CN or en (default: LC_ALL/LANG, else the site's language).
    #[arg(long, global = true, value_name = "zh-CN|en", value_parser = parse_lang)]
    pub lang: Option<Lang>,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::from_tag(s).ok_or_else(|| format!("{s}: expected zh-CN or en"))
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct SiteArgs {
    /// The site folder (holding site.yaml and content/).
    #[arg(long, default_value = ".")]
    pub site: PathBuf,
    /// Pretend the time is this instant (RFC 3339 or YYYY-MM-DD), for reproducible builds and
    /// tests; also read from GONGKAI_NOW. Ledger entries made under it say so.
    #[arg(long, env = "GONGKAI_NOW", hide = true)]
    pub now: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate every record and render the site into the output folder.
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Output folder (default: <site>/public). Written aside and swapped in when complete.
        /// It must be missing, empty or a previous gongkai output, and none of the site's inputs.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Treat site-health warnings (timeliness, stale or empty columns, broken links) as errors.
        /// A strict build is always a full build.
        #[arg(long)]
        strict: bool,
        /// Ignore the build cache (.gongkai-cache/) and render every page again.
        #[arg(long)]
        full: bool,
        /// Build even when no record would be published, or fewer than half of the records the
        /// output folder shows now (without it, such a build stops with exit code 2).
        #[arg(long)]
        allow_mass_withdrawal: bool,
    },
    /// Validate everything `build` validates, render into a temporary folder to check links, and
    /// list withheld records; writes nothing but the optional report.
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// Output format of the diagnostics.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Treat site-health warnings (timeliness, stale or empty columns, broken links) as errors.
        #[arg(long)]
        strict: bool,
        /// Also write a readable HTML report for the office to this file.
        #[arg(long, value_name = "FILE.html")]
        report: Option<PathBuf>,
    },
    /// Create a draft record in a catalog node with the next free 索引号 of this year.
    New {
        #[command(flatten)]
        site: SiteArgs,
        /// The catalog node (栏目): its Chinese name (通知公告), its folder under content/
        /// (zcwj/gfxwj) or a unique last part of it (gfxwj).
        node: String,
        /// The record's title (名称).
        #[arg(long)]
        title: String,
        /// The publisher (发布机构), by id or name (区政府办); its code and numbering scheme give
        /// the 索引号. Default: the node's publisher in site.yaml, else the first publisher.
        #[arg(long)]
        publisher: Option<String>,
        /// A code of the 索引号 that varies per record (`{field:NAME}` in the scheme), as
        /// NAME=VALUE; may be repeated.
        #[arg(long = "code", value_name = "NAME=VALUE")]
        codes: Vec<String>,
    },
    /// Preview the site on http://127.0.0.1:PORT/, rebuilding on every change. Never writes
    /// into public/.
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// Port to listen on.
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// Also show drafts and records in review, with a 草稿/待审核 banner and noindex.
        #[arg(long)]
        drafts: bool,
    },
    /// The office's desk in a browser on http://127.0.0.1:PORT/: records by catalog node with
    /// their state, forms to edit them, review sign-off, publish and withdraw; the draft preview
    /// runs beside it on PORT+1.
    Desk {
        #[command(flatten)]
        site: SiteArgs,
        /// Port to listen on.
        #[arg(long, default_value_t = 8100)]
        port: u16,
        /// Port of the preview beside it (default: PORT+1).
        #[arg(long)]
        preview_port: Option<u16>,
        /// Run without the preview.
        #[arg(long)]
        no_preview: bool,
    },
    /// Reports computed from the site.
    Report {
        #[command(subcommand)]
        report: ReportCommand,
    },
    /// Stamp `published` on newly approved records, record each publication, revision and
    /// withdrawal in the publication ledger (ledger.jsonl), then build.
    Publish {
        #[command(flatten)]
        site: SiteArgs,
        /// Output folder of the build (default: <site>/public). Every file in it is checked
        /// against the build cache by its content, and files changed by hand are rewritten.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Build even when no record would be published, or fewer than half of the records the
        /// output folder shows now (without it, such a build stops with exit code 2).
        #[arg(long)]
        allow_mass_withdrawal: bool,
    },
    /// The publication ledger: verify its hash chain, or start it for a site with a history.
    Ledger {
        #[command(subcommand)]
        command: LedgerCommand,
    },
    /// What the next publish would do: new, revised and withdrawn records, records waiting for
    /// review, embargoes opening within 7 days, and the release gate's warnings.
    Status {
        #[command(flatten)]
        site: SiteArgs,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Bring an office's existing records in (导入): from a catalog spreadsheet of the old CMS
    /// (CSV in UTF-8 or GBK/GB18030, XLSX, XLS) or from a saved copy of the old site (a folder of
    /// HTML pages). Records land in content/<node>/ marked `imported`, keeping their 索引号;
    /// running it again creates nothing new.
    Import {
        #[command(flatten)]
        site: SiteArgs,
        /// The spreadsheet file, or the folder of the saved site.
        source: PathBuf,
        /// A mapping file (YAML) for headers, catalog nodes, publishers, values, date formats
        /// and page selectors the built-in tables miss (see docs/moving-in.md).
        #[arg(long)]
        mapping: Option<PathBuf>,
        /// The catalog node (folder path under content/) of rows and pages that name none.
        #[arg(long)]
        node: Option<String>,
    },
    /// Export to the archive: a BagIt bag of one year's published records (--year), or a WARC
    /// capture of the whole rendered site (--warc).
    Archive(ArchiveArgs),
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Validate the annual report (年报) of one year and write it as CSV and JSON.
    Annual {
        #[command(flatten)]
        site: SiteArgs,
        /// The year reported on (its data file is data/annual/<year>.yaml).
        #[arg(long)]
        year: i32,
        /// Folder to write <year>.csv and <year>.json into; without it, the JSON goes to stdout.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum LedgerCommand {
    /// Prove the hash chain intact and every published record in agreement with it.
    Verify {
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Record the published dates a site already claims, once, as `import` entries.
    Import {
        #[command(flatten)]
        site: SiteArgs,
    },
}

#[derive(Debug, clap::Args)]
pub struct ArchiveArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The year whose published records go into the bag.
    #[arg(long, required_unless_present = "warc", conflicts_with = "warc")]
    pub year: Option<i32>,
    /// The batch number of this transfer (Bag-Group-Identifier, Bag-Count, External-Identifier).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..), conflicts_with = "warc")]
    pub batch: u32,
    /// The bag folder to create (must not exist or be empty); with --tar the .tar file; with
    /// --warc the .warc.gz file.
    #[arg(long)]
    pub out: std::path::PathBuf,
    /// Write the bag as one .tar file (sorted entries, fixed times and owners).
    #[arg(long, conflicts_with = "warc")]
    pub tar: bool,
    /// Add SM3 (GB/T 32905) manifests beside the SHA-256 ones.
    #[arg(long, conflicts_with = "warc")]
    pub sm3: bool,
    /// Bagging-Date / WARC-Date as YYYY-MM-DD (default: today); the same site and date give
    /// byte-identical output.
    #[arg(long)]
    pub date: Option<String>,
    /// Capture the whole rendered site as a WARC 1.1 file instead of writing a bag.
    #[arg(long)]
    pub warc: bool,
}

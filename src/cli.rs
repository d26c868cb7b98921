//! The command line (clap derive). Doc comments are the help text.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// gongkai — a static-site generator for government information-disclosure (政府信息公开) sites.
#[derive(Debug, Parser)]
#[command(name = "gongkai", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Print only errors.
    #[arg(long, short, global = true)]
    pub quiet: bool,
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
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Validate everything `build` validates and list withheld records; writes nothing.
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// Output format of the diagnostics.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Create a draft record in a catalog node with the next free 索引号 of this year.
    New {
        #[command(flatten)]
        site: SiteArgs,
        /// The catalog node, as its folder path under content/ (e.g. zfxxgk/tzgg).
        node: String,
        /// The record's title (名称).
        #[arg(long)]
        title: String,
    },
    /// Export to the archive: a BagIt bag of one year's published records (--year), or a WARC
    /// capture of the whole rendered site (--warc).
    Archive(ArchiveArgs),
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

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
        /// Treat site-health warnings (timeliness, stale or empty columns, broken links) as errors.
        #[arg(long)]
        strict: bool,
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
        /// The catalog node, as its folder path under content/ (e.g. zfxxgk/tzgg).
        node: String,
        /// The record's title (名称).
        #[arg(long)]
        title: String,
    },
}

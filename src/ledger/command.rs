//! The ledger's commands as the CLI runs them: `publish`, `ledger verify`, `ledger import`.
//! Each returns the exit code (0 ok, 1 content errors); operational failures are `Err`.

use std::path::Path;

use anyhow::Result;

use super::FILE_NAME;
use super::commit::commit;
use super::entry::Clock;
use crate::build::{self, Options, Outcome};
use crate::diag::{self, Diagnostic};
use crate::run::print_text;

fn clock(injected: bool) -> Clock {
    if injected {
        Clock::Injected
    } else {
        Clock::System
    }
}

/// `gongkai publish`: plan, check, write (all or nothing), then build into `out`.
pub fn publish(opts: &Options, injected: bool, out: Option<&Path>, quiet: bool) -> Result<u8> {
    let plan = match super::publish::plan(opts, clock(injected))? {
        Ok(p) => p,
        Err(diags) => {
            print_text(&diags);
            eprintln!("publish failed: nothing was changed; records and ledger are as they were");
            return Ok(1);
        }
    };
    commit(&plan.changes)?;
    if !quiet {
        for e in &plan.entries {
            println!("{:<8} {} ({})", e.action.as_str(), e.path, e.index_no);
        }
        let counts: Vec<String> = super::publish::counts(&plan.entries)
            .iter()
            .map(|(a, n)| format!("{n} {a}"))
            .collect();
        match counts.is_empty() {
            true => println!("nothing to publish: {FILE_NAME} is up to date"),
            false => println!("{FILE_NAME}: appended {}", counts.join(", ")),
        }
    }
    let out = out.map_or_else(|| opts.root.join("public"), Path::to_path_buf);
    match build::build(opts, &out)? {
        Outcome::Invalid(diags) => {
            print_text(&diags);
            eprintln!(
                "the publication is recorded, but the build failed: {} left as it was",
                out.display()
            );
            Ok(1)
        }
        Outcome::Built(s, diags) => {
            if !quiet {
                print_text(&diags);
                println!(
                    "built {} records ({} withheld) into {}",
                    s.records,
                    s.withheld,
                    out.display()
                );
            }
            Ok(0)
        }
    }
}

/// `gongkai ledger import`.
pub fn import(opts: &Options, injected: bool) -> Result<u8> {
    match super::import::plan(opts, clock(injected))? {
        Err(diags) => {
            print_text(&diags);
            eprintln!("import failed: nothing was written");
            Ok(1)
        }
        Ok((change, count)) => {
            commit(std::slice::from_ref(&change))?;
            println!(
                "{FILE_NAME}: imported the publication dates of {count} records (claimed by the site, not witnessed); head sha256 {}",
                super::chain::line_hash(
                    String::from_utf8_lossy(&change.bytes)
                        .lines()
                        .last()
                        .unwrap_or("")
                )
            );
            Ok(0)
        }
    }
}

/// `gongkai ledger verify`: the chain, every entry, and every published record against it.
pub fn verify(opts: &Options) -> Result<u8> {
    let Some(text) = super::read(&opts.root)? else {
        eprintln!(
            "no {FILE_NAME} in {}: nothing to verify (start one with gongkai ledger import or gongkai publish)",
            opts.root.display()
        );
        return Ok(1);
    };
    let site = match crate::config::load(&opts.root) {
        Ok(s) => s,
        Err(d) => {
            print_text(&d);
            return Ok(1);
        }
    };
    let loaded = crate::record::load::load_all(&site, &opts.root);
    let unreadable = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
    let (cat, _) = crate::catalog::build(&site, loaded.records, opts.now);
    let r = super::reconcile::check(Some(&text), &cat);
    let diags: Vec<Diagnostic> = r.diagnostics;
    if !diags.is_empty() {
        print_text(&diags);
    }
    if unreadable > 0 {
        eprintln!(
            "note: {unreadable} errors in records (see gongkai check); their ledger entries may show as unknown"
        );
    }
    if diag::counts(&diags).0 > 0 {
        return Ok(1);
    }
    let v = super::verify::verify(&text);
    println!(
        "{FILE_NAME}: {} entries, chain intact, every published record agrees; head sha256 {}",
        v.entries.len(),
        v.head.hash
    );
    Ok(0)
}

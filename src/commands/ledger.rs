//! The ledger's commands: `publish`, `ledger verify`, `ledger import`.

use std::path::Path;

use anyhow::Result;

use crate::build::{self, Options, Outcome};
use crate::cli::{LedgerCommand, SiteArgs};
use crate::diag::{self, Diagnostic};
use crate::ledger::FILE_NAME;
use crate::ledger::commit::commit;
use crate::ledger::entry::Clock;
use crate::msg;

use super::{CONTENT_ERRORS, Ctx, options, print_diagnostics};

fn clock(injected: bool) -> Clock {
    if injected {
        Clock::Injected
    } else {
        Clock::System
    }
}

pub fn run(cmd: &LedgerCommand, ctx: Ctx) -> Result<u8> {
    match cmd {
        LedgerCommand::Verify { site } => verify(&options(site)?, ctx),
        LedgerCommand::Import { site } => import(&options(site)?, site.now.is_some(), ctx),
    }
}

/// `gongkai publish`: plan, check, write (all or nothing), then build into `out`.
pub fn publish(
    site: &SiteArgs,
    out: Option<&Path>,
    allow_mass_withdrawal: bool,
    ctx: Ctx,
) -> Result<u8> {
    let opts = Options {
        cache: true,
        verify_output: true,
        allow_mass_withdrawal,
        ..options(site)?
    };
    let plan = match crate::ledger::publish::plan(&opts, clock(site.now.is_some()))? {
        Ok(p) => p,
        Err(diags) => {
            print_diagnostics(&diags, ctx.lang);
            eprintln!("{}", ctx.say(msg!("publish-failed")));
            return Ok(CONTENT_ERRORS);
        }
    };
    commit(&plan.changes)?;
    if !ctx.quiet {
        for e in &plan.entries {
            println!("{:<8} {} ({})", e.action.as_str(), e.path, e.index_no);
        }
        let counts: Vec<String> = crate::ledger::publish::counts(&plan.entries)
            .iter()
            .map(|(a, n)| format!("{n} {a}"))
            .collect();
        match counts.is_empty() {
            true => println!("{}", ctx.say(msg!("publish-nothing", ledger = FILE_NAME))),
            false => println!(
                "{}",
                ctx.say(msg!(
                    "publish-appended",
                    ledger = FILE_NAME,
                    counts = counts.join(", ")
                ))
            ),
        }
    }
    let out = out.map_or_else(|| opts.root.join("public"), Path::to_path_buf);
    match build::build(&opts, &out)? {
        Outcome::Invalid(diags) => {
            print_diagnostics(&diags, ctx.lang);
            let out = out.display().to_string();
            eprintln!("{}", ctx.say(msg!("publish-build-failed", out = out)));
            Ok(CONTENT_ERRORS)
        }
        Outcome::Built(s, diags) => {
            if !ctx.quiet {
                print_diagnostics(&diags, ctx.lang);
                let m = msg!(
                    "publish-built",
                    records = s.records,
                    withheld = s.withheld,
                    out = out.display().to_string(),
                );
                println!("{}", ctx.say(m));
            }
            Ok(0)
        }
    }
}

/// `gongkai ledger import`.
fn import(opts: &Options, injected: bool, ctx: Ctx) -> Result<u8> {
    match crate::ledger::import::plan(opts, clock(injected))? {
        Err(diags) => {
            print_diagnostics(&diags, ctx.lang);
            eprintln!("{}", ctx.say(msg!("ledger-import-failed")));
            Ok(CONTENT_ERRORS)
        }
        Ok((change, count)) => {
            commit(std::slice::from_ref(&change))?;
            let text = String::from_utf8_lossy(&change.bytes);
            let head = crate::ledger::chain::line_hash(text.lines().last().unwrap_or(""));
            let m = msg!(
                "ledger-imported",
                ledger = FILE_NAME,
                count = count,
                head = head.to_string(),
            );
            println!("{}", ctx.say(m));
            Ok(0)
        }
    }
}

/// `gongkai ledger verify`: the chain, every entry, and every published record against it.
fn verify(opts: &Options, ctx: Ctx) -> Result<u8> {
    let Some(text) = crate::ledger::read(&opts.root)? else {
        let m = msg!(
            "ledger-none",
            ledger = FILE_NAME,
            root = opts.root.display().to_string()
        );
        eprintln!("{}", ctx.say(m));
        return Ok(CONTENT_ERRORS);
    };
    let site = match crate::config::load(&opts.root) {
        Ok(s) => s,
        Err(d) => {
            print_diagnostics(&d, ctx.lang);
            return Ok(CONTENT_ERRORS);
        }
    };
    let loaded = crate::record::load::load_all(&site, &opts.root);
    let unreadable = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
    let (cat, _) = crate::catalog::build(&site, loaded.records, opts.now);
    let r = crate::ledger::reconcile::check(Some(&text), &cat);
    let diags: Vec<Diagnostic> = r.diagnostics;
    if !diags.is_empty() {
        print_diagnostics(&diags, ctx.lang);
    }
    if unreadable > 0 {
        let m = msg!("ledger-unreadable-records", errors = unreadable);
        eprintln!("{}", ctx.say(m));
    }
    if diag::counts(&diags).0 > 0 {
        return Ok(CONTENT_ERRORS);
    }
    let v = crate::ledger::verify::verify(&text);
    let m = msg!(
        "ledger-verified",
        ledger = FILE_NAME,
        entries = v.entries.len(),
        head = v.head.hash.to_string(),
    );
    println!("{}", ctx.say(m));
    Ok(0)
}

//! `gongkai new`: a draft record with the next free 索引号; prints its path.

use crate::cli::Command;
use crate::new_record::{NewArgs, NewError, create};

use super::{CONTENT_ERRORS, Ctx, options, print_diagnostics};

pub fn run(cmd: &Command, ctx: Ctx) -> anyhow::Result<u8> {
    let Command::New {
        site,
        node,
        title,
        publisher,
        codes,
    } = cmd
    else {
        unreachable!("dispatched by command")
    };
    let opts = options(site)?;
    let args = NewArgs {
        node,
        title,
        publisher: publisher.as_deref(),
        codes,
    };
    match create(&opts, &args) {
        Ok(path) => {
            println!("{}", path.display());
            Ok(0)
        }
        Err(NewError::Content(diags)) => {
            print_diagnostics(&diags, ctx.lang);
            Ok(CONTENT_ERRORS)
        }
        Err(NewError::Io(e)) => Err(e),
    }
}

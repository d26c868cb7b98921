//! Diagnostics on the terminal: one a line, then the count line, to stderr so stdout stays for
//! data.

use std::io::Write;

use crate::diag::{self, Diagnostic};
use crate::i18n::Lang;

/// Colours go to a terminal only, and never when NO_COLOR is set (no-color.org).
pub fn use_colour() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Prints `diags` in `lang`, one a line, then the count line.
pub fn print_diagnostics(diags: &[Diagnostic], lang: Lang) {
    let colour = use_colour();
    let mut err = std::io::stderr().lock();
    for d in diags {
        let _ = writeln!(err, "{}", diag::render_line(d, colour, lang));
    }
    let _ = writeln!(err, "{}", diag::summary_line(diags, lang));
}

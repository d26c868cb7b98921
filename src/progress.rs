//! Progress for long work: a bar on a terminal (indicatif), one plain line per stage otherwise
//! (logs, CI), nothing with `--quiet`. Short tasks show nothing: a small site builds in a blink.
//! The command layer makes the reporter (with its language) and passes it down; library code
//! only names its tasks.

use std::io::IsTerminal;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::i18n::{Lang, Msg};

/// Tasks shorter than this show no progress at all.
const MIN_ITEMS: u64 = 2000;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Mode {
    #[default]
    Silent,
    Lines,
    Bars,
}

/// How a command reports progress; `Default` is silent (library use, tests).
#[derive(Debug, Clone, Copy, Default)]
pub struct Progress {
    mode: Mode,
    lang: Lang,
}

impl Progress {
    /// A bar when stderr is a terminal, plain lines when it is not, nothing when `quiet`.
    pub fn for_stderr(quiet: bool, lang: Lang) -> Progress {
        let mode = match (quiet, std::io::stderr().is_terminal()) {
            (true, _) => Mode::Silent,
            (false, true) => Mode::Bars,
            (false, false) => Mode::Lines,
        };
        Progress { mode, lang }
    }

    /// Starts a task of `len` items, e.g. `task(msg!("progress-writing-pages"), n)`.
    pub fn task(&self, name: Msg, len: u64) -> Task {
        let name = name.render(self.lang);
        let mode = if len < MIN_ITEMS {
            Mode::Silent
        } else {
            self.mode
        };
        let bar = (mode == Mode::Bars).then(|| {
            let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{msg:<24} [{bar:32}] {pos}/{len} ({eta})")
                    .expect("valid template")
                    .progress_chars("=> "),
            );
            bar.set_message(name.clone());
            bar
        });
        Task {
            bar,
            mode,
            name,
            lang: self.lang,
            len,
            started: Instant::now(),
        }
    }
}

/// One task in progress. `inc` is safe to call from many threads.
pub struct Task {
    bar: Option<ProgressBar>,
    mode: Mode,
    name: String,
    lang: Lang,
    len: u64,
    started: Instant,
}

impl Task {
    pub fn silent() -> Task {
        Progress::default().task(crate::msg!("progress-silent"), 0)
    }

    pub fn inc(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    pub fn finish(self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        if self.mode != Mode::Silent {
            let done = crate::msg!(
                "progress-done",
                task = self.name.as_str(),
                count = self.len,
                seconds = format!("{:.2}", self.started.elapsed().as_secs_f64()),
            );
            eprintln!("{}", done.render(self.lang));
        }
    }
}

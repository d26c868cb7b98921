//! Words a user reads, in Chinese and English: messages with named arguments, kept in Fluent
//! resources (`locales/zh-CN/gongkai.ftl`, `locales/en/gongkai.ftl`), embedded so the binary
//! stands alone. The command layer chooses the language once ([`Lang::choose`]) and renders.
//!
//! Why `fluent-bundle` (with `unic-langid`) rather than the `fluent` crate: `fluent` is only a
//! thin re-export of `fluent-bundle` with a few macros, and lags it; `fluent-bundle` is the Fluent
//! project's own runtime (projectfluent/fluent-rs), released together with the parser
//! `fluent-syntax`, and its `concurrent` bundle can be shared by the rayon workers.

mod lang;

use std::borrow::Cow;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

pub use lang::Lang;

/// The Fluent resources, one per language, in the repository under `locales/`.
pub const ZH_CN_FTL: &str = include_str!("../../locales/zh-CN/gongkai.ftl");
pub const EN_FTL: &str = include_str!("../../locales/en/gongkai.ftl");

/// One argument of a message: text, a count (English plurals select on it), or an operating
/// system's error, shown in the reader's words when its kind is a common one (`io-not-found`…)
/// and as the system wrote it otherwise.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Arg {
    Str(String),
    Int(i64),
    Io(std::io::ErrorKind, String),
}

impl From<&std::io::Error> for Arg {
    fn from(e: &std::io::Error) -> Self {
        Arg::Io(e.kind(), e.to_string())
    }
}

/// The resource id of a common kind of I/O error; other kinds keep the system's text.
fn io_id(kind: std::io::ErrorKind) -> Option<&'static str> {
    use std::io::ErrorKind::*;
    Some(match kind {
        NotFound => "io-not-found",
        PermissionDenied => "io-permission-denied",
        AlreadyExists => "io-already-exists",
        IsADirectory => "io-is-a-directory",
        NotADirectory => "io-not-a-directory",
        StorageFull => "io-storage-full",
        ReadOnlyFilesystem => "io-read-only",
        _ => return None,
    })
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Str(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Str(s.clone())
    }
}
impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Str(s.to_string())
    }
}
impl From<Cow<'_, str>> for Arg {
    fn from(s: Cow<'_, str>) -> Self {
        Arg::Str(s.into_owned())
    }
}
macro_rules! int_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Int(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
int_arg!(i32, i64, u16, u32, u64, usize);

/// A message: its id in the resources and its named arguments, rendered when shown.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Msg {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Msg {
    pub fn new(id: &'static str) -> Self {
        Msg {
            id,
            args: Vec::new(),
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        tr(lang, self.id, &self.args)
    }
}

/// English (logs, tests, panics); readers get [`Msg::render`] in their language.
impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// `msg!("missing-field", field = name)`: a [`Msg`] with named arguments.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Msg::new($id)$(.arg(stringify!($name), $value))*
    };
}

/// Message `id` in `lang` with `args`. An id missing from the resource shows as itself with its
/// arguments (a test keeps every id in both resources, so this is only a guard).
pub fn tr(lang: Lang, id: &str, args: &[(&'static str, Arg)]) -> String {
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        let shown: Vec<String> = args.iter().map(|(k, v)| format!("{k}={v:?}")).collect();
        return format!("{id} {}", shown.join(" "));
    };
    let mut fargs = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Str(s) => fargs.set(*name, FluentValue::from(s.as_str())),
            Arg::Int(n) => fargs.set(*name, FluentValue::from(*n)),
            Arg::Io(kind, raw) => {
                let shown = io_id(*kind).map_or_else(|| raw.clone(), |id| text(lang, id));
                fargs.set(*name, FluentValue::from(shown))
            }
        }
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&fargs), &mut errors)
        .into_owned()
}

/// A message without arguments.
pub fn text(lang: Lang, id: &str) -> String {
    tr(lang, id, &[])
}

/// Whether `id` is a message of the resources (clap help falls back to its doc comment).
pub fn has(lang: Lang, id: &str) -> bool {
    bundle(lang).has_message(id)
}

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Lang) -> &'static Bundle {
    static ZH: OnceLock<Bundle> = OnceLock::new();
    static EN: OnceLock<Bundle> = OnceLock::new();
    match lang {
        Lang::Zh => ZH.get_or_init(|| make_bundle(ZH_CN_FTL, unic_langid::langid!("zh-CN"))),
        Lang::En => EN.get_or_init(|| make_bundle(EN_FTL, unic_langid::langid!("en"))),
    }
}

fn make_bundle(ftl: &'static str, id: unic_langid::LanguageIdentifier) -> Bundle {
    let resource = FluentResource::try_new(ftl.to_string())
        .unwrap_or_else(|(_, errors)| panic!("embedded Fluent resource is invalid: {errors:?}"));
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks: messages go to terminals, logs and JSON, not into bidi text.
    bundle.set_use_isolating(false);
    bundle
        .add_resource(resource)
        .unwrap_or_else(|errors| panic!("duplicate message ids in a resource: {errors:?}"));
    bundle
}

#[cfg(test)]
mod tests;

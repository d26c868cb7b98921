//! Every word the desk shows, from the Fluent resources (`desk-*` in `locales/`). The site's
//! language picks them; each language's words are looked up once per process.

use std::sync::OnceLock;

use crate::catalog::WithheldReason;
use crate::i18n::{self, Lang};
use crate::msg;

/// Declares [`Words`] with one `&'static str` per word and how to fill it from the resources
/// (field `new_record` is message `desk-new-record`).
macro_rules! words {
    ($($field:ident),* $(,)?) => {
        pub struct Words {
            /// The page's `lang` attribute.
            pub lang: &'static str,
            $(pub $field: &'static str,)*
        }

        impl Words {
            fn load(lang: Lang) -> Words {
                Words {
                    lang: match lang {
                        Lang::Zh => "zh-CN",
                        Lang::En => "en",
                    },
                    $($field: leak(i18n::text(
                        lang,
                        &format!("desk-{}", stringify!($field).replace('_', "-")),
                    )),)*
                }
            }
        }
    };
}

words!(
    desk,
    records,
    preview,
    publish,
    new_record,
    filter,
    filter_text,
    all_states,
    state,
    title,
    index_no,
    reasons,
    no_records,
    save,
    check,
    body,
    body_help,
    body_preview,
    upload,
    upload_help,
    upload_title,
    saved,
    unchanged,
    created,
    problems,
    problems_intro,
    conflict,
    reload,
    other_fields,
    workflow,
    submit_review,
    sign_review,
    sign_help,
    withdraw,
    withdraw_help,
    publish_help,
    publish_now,
    published_entries,
    nothing_to_publish,
    ledger,
    ledger_empty,
    build_failed,
    publish_failed,
    back,
    refused,
    view_preview,
    to_publish,
    waiting,
    state_draft,
    state_review,
    state_approved,
    state_published,
    state_withdrawn,
    state_held,
    state_broken,
);

/// A word kept for the life of the process: two languages' worth, made once.
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

impl Words {
    /// The words of `lang`.
    pub fn of(lang: Lang) -> &'static Words {
        static WORDS: [OnceLock<Words>; 2] = [OnceLock::new(), OnceLock::new()];
        let slot = match lang {
            Lang::Zh => 0,
            Lang::En => 1,
        };
        WORDS[slot].get_or_init(|| Words::load(lang))
    }

    /// The language of the desk's pages and of the diagnostics shown on them.
    pub fn ui_lang(&self) -> Lang {
        Lang::from_tag(self.lang).unwrap_or_default()
    }
}

/// The desk's record states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum State {
    Draft,
    Review,
    Approved,
    Published,
    Withdrawn,
    Held,
    Broken,
}

impl State {
    pub const ALL: [State; 7] = [
        State::Draft,
        State::Review,
        State::Approved,
        State::Published,
        State::Withdrawn,
        State::Held,
        State::Broken,
    ];

    pub fn id(self) -> &'static str {
        match self {
            State::Draft => "draft",
            State::Review => "review",
            State::Approved => "approved",
            State::Published => "published",
            State::Withdrawn => "withdrawn",
            State::Held => "held",
            State::Broken => "broken",
        }
    }

    pub fn label(self, en: bool) -> &'static str {
        let w = Words::of(if en { Lang::En } else { Lang::Zh });
        match self {
            State::Draft => w.state_draft,
            State::Review => w.state_review,
            State::Approved => w.state_approved,
            State::Published => w.state_published,
            State::Withdrawn => w.state_withdrawn,
            State::Held => w.state_held,
            State::Broken => w.state_broken,
        }
    }
}

/// A withheld reason in the clerk's words (the same words as `gongkai check`).
pub fn reason(r: &WithheldReason, en: bool) -> String {
    r.msg().render(if en { Lang::En } else { Lang::Zh })
}

/// A ledger action as the clerk reads it: 发布（publish）.
pub fn action(id: &str, en: bool) -> String {
    let lang = if en { Lang::En } else { Lang::Zh };
    let key = format!("desk-action-{id}");
    if i18n::has(lang, &key) {
        i18n::text(lang, &key)
    } else {
        id.to_string()
    }
}

/// The line after a publish's build.
pub fn built(records: usize, withheld: usize, en: bool) -> String {
    let lang = if en { Lang::En } else { Lang::Zh };
    msg!("desk-built", records = records, withheld = withheld).render(lang)
}

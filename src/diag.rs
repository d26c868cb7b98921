//! Diagnostics: content problems as data. Each names a file, a line and column, a stable code and
//! the field concerned. They are collected, never fail-fast, and printed as text or JSON.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::i18n::{Lang, Msg};
pub use crate::yaml::Pos;

mod from_yaml;
pub use from_yaml::{
    DecodedFile, decode_yaml, from_de_error, missing_field, typing_warnings, yaml_error,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// Stable diagnostic codes. The number never changes meaning; new problems get new numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    Unreadable,
    NotUtf8,
    EmptyFile,
    FrontMatter,
    YamlSyntax,
    /// A slip of Chinese typing that YAML reads, but not as meant (`[a，b]`, `［a］`, `“a”`).
    TypingSlip,
    /// A file past a size, nesting or alias-expansion limit.
    TooLarge,
    UnknownField,
    MissingField,
    InvalidValue,
    BadDate,
    IndexNoFormat,
    DuplicateIndexNo,
    UnknownPublisher,
    UnknownCatalogNode,
    UnknownReference,
    AttachmentMissing,
    PathEscapes,
    /// A URL with a scheme a page may not link to (`javascript:`, `data:`…).
    UnsafeUrl,
    AttachmentActive,
    AttachmentOutside,
    AttachmentFormat,
    AttachmentUnreadable,
    BudgetTotal,
    ServiceElement,
    FieldNotForKind,
    NotInVocabulary,
    ReviewIncomplete,
    ConfigInvalid,
    DocNoFormat,
    SummaryMissing,
    Withheld,
    ReportBalance,
    ReportMissing,
    /// An arithmetic slip in a report already published: kept as written.
    ReportSlip,
    /// A figure written in a report differs from the count from the records.
    ReportDiffers,
    LedgerSyntax,
    LedgerChain,
    LedgerEntry,
    LedgerClock,
    LedgerMismatch,
    NoLedger,
    LedgerUnrecorded,
    // Publication checks (src/check/). `W` codes are site-health rules: warnings by default,
    // errors under `--strict`.
    PersonalData,
    PersonalDataWaived,
    CalendarInvalid,
    NoCalendar,
    CalendarCoverage,
    LatePublication,
    LateInterpretation,
    StaleColumn,
    EmptyColumn,
    StaleHome,
    InspectionThreshold,
    BrokenLink,
    BrokenAnchor,
    MissingAttachment,
    RetentionMissing,
    ArchiveLedgerInvalid,
    ArchiveLedgerMismatch,
    ArchiveExists,
    ArchiveFormat,
    ArchiveCheck,
    ImportUnreadable,
    ImportMissing,
    ImportDuplicate,
    ImportRecordInvalid,
    ImportValue,
    ImportMapping,
    ImportUnknownColumn,
    ImportAttachment,
    ImportChanged,
    ImportExisting,
    ImportEncoding,
    ImportPersonalData,
    ImportValueKept,
}

impl Code {
    pub fn id(self) -> &'static str {
        use Code::*;
        match self {
            Unreadable => "E001",
            NotUtf8 => "E002",
            EmptyFile => "E003",
            FrontMatter => "E004",
            YamlSyntax => "E005",
            TypingSlip => "W005",
            TooLarge => "E006",
            UnknownField => "E010",
            MissingField => "E011",
            InvalidValue => "E012",
            BadDate => "E013",
            IndexNoFormat => "E020",
            DuplicateIndexNo => "E021",
            UnknownPublisher => "E022",
            UnknownCatalogNode => "E023",
            UnknownReference => "E024",
            AttachmentMissing => "E030",
            PathEscapes => "E031",
            UnsafeUrl => "E014",
            AttachmentActive => "E032",
            AttachmentOutside => "E033",
            AttachmentFormat => "W032",
            AttachmentUnreadable => "W033",
            BudgetTotal => "E040",
            ServiceElement => "E041",
            FieldNotForKind => "E042",
            NotInVocabulary => "E043",
            ReviewIncomplete => "E044",
            DocNoFormat => "E045",
            SummaryMissing => "E046",
            ConfigInvalid => "E050",
            Withheld => "I100",
            ReportBalance => "E080",
            ReportMissing => "E081",
            ReportSlip => "W082",
            ReportDiffers => "W083",
            LedgerSyntax => "E070",
            LedgerChain => "E071",
            LedgerEntry => "E072",
            LedgerClock => "E073",
            LedgerMismatch => "E074",
            NoLedger => "W070",
            LedgerUnrecorded => "W071",
            PersonalData => "E060",
            PersonalDataWaived => "W060",
            CalendarInvalid => "E061",
            NoCalendar => "W061",
            CalendarCoverage => "W062",
            LatePublication => "W090",
            LateInterpretation => "W091",
            StaleColumn => "W092",
            EmptyColumn => "W093",
            StaleHome => "W094",
            InspectionThreshold => "W095",
            BrokenLink => "W096",
            BrokenAnchor => "W097",
            MissingAttachment => "W098",
            RetentionMissing => "E110",
            ArchiveLedgerInvalid => "E111",
            ArchiveLedgerMismatch => "E112",
            ArchiveExists => "E113",
            ArchiveFormat => "E114",
            ArchiveCheck => "E115",
            ImportUnreadable => "E120",
            ImportMissing => "E121",
            ImportDuplicate => "E122",
            ImportRecordInvalid => "E123",
            ImportValue => "E124",
            ImportMapping => "E125",
            ImportUnknownColumn => "W120",
            ImportAttachment => "W121",
            ImportChanged => "W122",
            ImportExisting => "W123",
            ImportEncoding => "W124",
            ImportPersonalData => "W125",
            ImportValueKept => "W126",
        }
    }

    /// A site-health rule (timeliness, freshness, links): a warning unless `--strict`.
    pub fn is_health_rule(self) -> bool {
        use Code::*;
        matches!(
            self,
            LatePublication
                | LateInterpretation
                | StaleColumn
                | EmptyColumn
                | StaleHome
                | InspectionThreshold
                | BrokenLink
                | BrokenAnchor
                | MissingAttachment
        )
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// What a diagnostic says: a message of the resources (rendered in the reader's language when
/// shown), or plain text from a site not yet converted to messages.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Message {
    Text(String),
    Msg(Msg),
    /// A message that quotes another (`kept as published: <the balance finding>`): the inner
    /// message is rendered in the same language into the outer one's argument (boxed: rare, and
    /// it keeps every diagnostic small).
    Within(Box<Within>),
}

impl Message {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Message::Text(t) => t.clone(),
            Message::Msg(m) => m.render(lang),
            Message::Within(w) => (w.outer.clone())
                .arg(w.slot, w.inner.render(lang))
                .render(lang),
        }
    }

    /// `outer` quoting `self` in its argument `slot` (which `outer` names with a placeholder).
    pub fn within(self, outer: Msg, slot: &'static str) -> Message {
        Message::Within(Box::new(Within {
            outer,
            slot,
            inner: self,
        }))
    }
}

/// See [`Message::Within`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Within {
    outer: Msg,
    slot: &'static str,
    inner: Message,
}

impl From<String> for Message {
    fn from(s: String) -> Self {
        Message::Text(s)
    }
}
impl From<&str> for Message {
    fn from(s: &str) -> Self {
        Message::Text(s.to_string())
    }
}
impl From<Msg> for Message {
    fn from(m: Msg) -> Self {
        Message::Msg(m)
    }
}

/// English: the language of logs, tests and library callers that choose none.
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// JSON carries rendered text; the command layer renders in its language first ([`localize`]).
impl Serialize for Message {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Message::Text(t) => s.serialize_str(t),
            m => s.serialize_str(&m.render(Lang::En)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    /// Path relative to the site root, `/`-separated.
    pub path: String,
    pub line: u32,
    pub col: u32,
    /// The field concerned, dotted (`review.on`, `tables[0].total`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub message: Message,
}

impl Diagnostic {
    pub fn error(
        code: Code,
        path: impl Into<String>,
        pos: Pos,
        message: impl Into<Message>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            path: path.into(),
            line: pos.line,
            col: pos.col,
            field: None,
            message: message.into(),
        }
    }

    pub fn warning(
        code: Code,
        path: impl Into<String>,
        pos: Pos,
        message: impl Into<Message>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Self::error(code, path, pos, message)
        }
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Sort key: by file, then position, then code, so output never depends on thread timing.
    fn key(&self) -> (&str, u32, u32, Code, &Message) {
        (&self.path, self.line, self.col, self.code, &self.message)
    }

    /// `error[E011] content/a.md:7:3: missing required field "publisher"` in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let mut line = format!(
            "{}[{}] {}",
            severity_word(self.severity, lang),
            self.code.id(),
            self.path
        );
        if self.line > 0 {
            line.push_str(&format!(":{}:{}", self.line, self.col.max(1)));
        }
        line.push_str(": ");
        line.push_str(&self.message.render(lang));
        line
    }
}

fn severity_word(s: Severity, lang: Lang) -> String {
    let id = match s {
        Severity::Error => "severity-error",
        Severity::Warning => "severity-warning",
    };
    crate::i18n::text(lang, id)
}

/// English, as [`Diagnostic::render`] in English.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// One diagnostic as a line in `lang`, with the severity in colour (red errors, yellow
/// warnings) when `colour` is set.
pub fn render_line(d: &Diagnostic, colour: bool, lang: Lang) -> String {
    let plain = d.render(lang);
    if !colour {
        return plain;
    }
    let word = severity_word(d.severity, lang);
    let code = match d.severity {
        Severity::Error => "\x1b[1;31m",
        Severity::Warning => "\x1b[1;33m",
    };
    match plain.strip_prefix(word.as_str()) {
        Some(rest) => format!("{code}{word}\x1b[0m{rest}"),
        None => plain,
    }
}

/// Renders every message in `lang`, for output that carries them as text (JSON).
pub fn localize(diags: &mut [Diagnostic], lang: Lang) {
    for d in diags {
        if !matches!(d.message, Message::Text(_)) {
            d.message = Message::Text(d.message.render(lang));
        }
    }
}

/// Sorts diagnostics into their stable printing order and drops exact duplicates.
pub fn sort(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| a.key().cmp(&b.key()));
    diags.dedup();
}

/// Counts errors and warnings.
pub fn counts(diags: &[Diagnostic]) -> (usize, usize) {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    (errors, diags.len() - errors)
}

/// The closing line after a list of diagnostics: `1 error, 7 warnings`, `1 个错误，7 个警告`.
pub fn summary_line(diags: &[Diagnostic], lang: Lang) -> String {
    let (errors, warnings) = counts(diags);
    crate::msg!("diag-summary", errors = errors, warnings = warnings).render(lang)
}

/// Renders a site-relative display path for `file` under `root`.
pub fn rel_path(root: &Path, file: &Path) -> String {
    let rel: PathBuf = file
        .strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| file.to_path_buf());
    rel.to_string_lossy().replace('\\', "/")
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_located() {
        let d = Diagnostic::error(
            Code::MissingField,
            "content/a.md",
            Pos::new(7, 3),
            "missing required field \"publisher\"",
        );
        assert_eq!(
            d.to_string(),
            "error[E011] content/a.md:7:3: missing required field \"publisher\""
        );
    }

    #[test]
    fn suggestions_find_typos_only() {
        assert_eq!(
            did_you_mean("publsher", ["publisher", "title"]),
            Some("publisher")
        );
        assert_eq!(did_you_mean("zzz", ["publisher", "title"]), None);
    }

    #[test]
    fn colour_only_wraps_the_severity() {
        let d = Diagnostic::warning(Code::EmptyFile, "a.md", Pos::new(1, 1), "x");
        assert_eq!(
            render_line(&d, false, Lang::En),
            "warning[E003] a.md:1:1: x"
        );
        assert_eq!(
            render_line(&d, true, Lang::En),
            "\x1b[1;33mwarning\x1b[0m[E003] a.md:1:1: x"
        );
        assert_eq!(
            render_line(&d, true, Lang::Zh),
            "\x1b[1;33m警告\x1b[0m[E003] a.md:1:1: x"
        );
    }

    #[test]
    fn a_duplicate_key_is_named_in_both_languages() {
        let e = crate::yaml::parse("title: a\ntitle: b\n").unwrap_err();
        let d = yaml_error("content/a.md", &e, 1);
        assert_eq!((d.line, d.code), (3, Code::YamlSyntax));
        assert_eq!(
            d.message.render(Lang::Zh),
            "字段 “title” 写了两次：同一层中每个字段只能出现一次"
        );
        assert_eq!(
            d.message.render(Lang::En),
            "duplicate key \"title\": a field may appear only once at one level"
        );
    }

    #[test]
    fn a_quoted_message_is_rendered_in_the_outer_ones_language() {
        let inner = Message::from(crate::msg!("file-empty"));
        let m = crate::report::written::msg::slip(inner);
        assert_eq!(
            m.render(Lang::Zh),
            "已发布的年报按原样保留，此处计算不符：文件是空的"
        );
        assert!(m.render(Lang::En).ends_with(": file is empty"), "{m}");
    }

    #[test]
    fn summary_counts() {
        let d = Diagnostic::error(Code::EmptyFile, "a", Pos::new(1, 1), "x");
        let w = Diagnostic::warning(Code::EmptyFile, "a", Pos::new(1, 1), "x");
        let all = [d, w.clone(), w];
        assert_eq!(summary_line(&all, Lang::En), "1 error, 2 warnings");
        assert_eq!(summary_line(&all, Lang::Zh), "1 个错误，2 个警告");
    }
}

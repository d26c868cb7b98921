//! `--help` in the chosen language: the clap command built from [`crate::cli`] gets its about
//! and help texts from the resources at run time (`help-<command path>` for a command,
//! `help-<command path>-<argument>` for an argument); the doc comments stay as the fallback.

use std::ffi::OsString;

use clap::{Arg, ArgAction, CommandFactory, FromArgMatches};

use crate::cli::Cli;
use crate::i18n::{self, Lang};

/// Parses the command line; `--help` and errors are printed in the chosen language.
pub fn parse(args: Vec<OsString>) -> Cli {
    let lang = super::choose_lang(flag_lang(&args), site_flag(&args).as_deref());
    let matches = localized(lang).get_matches_from(args);
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// The clap command with every text in `lang`.
pub fn localized(lang: Lang) -> clap::Command {
    let cmd = Cli::command()
        .disable_help_flag(true)
        .disable_version_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .global(true)
                .action(ArgAction::Help),
        )
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version),
        );
    let cmd = if lang == Lang::Zh {
        cmd.help_template(ZH_TEMPLATE)
            .subcommand_help_heading("命令")
    } else {
        cmd
    };
    let mut cmd = localize(cmd, "gongkai", lang);
    // clap adds its `help` subcommand when the command is built: word it after that.
    cmd.build();
    let about = i18n::text(lang, "help-subcommand-help");
    cmd.mut_subcommand("help", |s| s.about(about))
}

/// clap's default template with Chinese words for its headings.
const ZH_TEMPLATE: &str =
    "{before-help}{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

fn localize(mut cmd: clap::Command, path: &str, lang: Lang) -> clap::Command {
    let about = format!("help-{path}");
    if i18n::has(lang, &about) {
        cmd = cmd.about(i18n::text(lang, &about));
    }
    if lang == Lang::Zh && path != "gongkai" {
        cmd = cmd
            .help_template(ZH_TEMPLATE)
            .subcommand_help_heading("命令");
    }
    let ids: Vec<(String, bool)> = (cmd.get_arguments())
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    for (id, positional) in ids {
        let help = arg_help_id(path, &id, lang).map(|key| i18n::text(lang, &key));
        let heading = (lang == Lang::Zh).then_some(if positional { "参数" } else { "选项" });
        cmd = cmd.mut_arg(id.as_str(), |mut a| {
            if let Some(h) = help {
                a = a.help(h);
            }
            if let Some(h) = heading {
                a = a.help_heading(h);
            }
            a
        });
    }
    let subs: Vec<String> = (cmd.get_subcommands())
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        let sub_path = format!("{path}-{name}");
        cmd = cmd.mut_subcommand(name, |s| localize(s, &sub_path, lang));
    }
    cmd
}

/// `help-<path>-<arg>`, else `help-arg-<arg>` for arguments every command shares (`--site`).
fn arg_help_id(path: &str, id: &str, lang: Lang) -> Option<String> {
    let id = id.replace('_', "-");
    [format!("help-{path}-{id}"), format!("help-arg-{id}")]
        .into_iter()
        .find(|k| i18n::has(lang, k))
}

/// `--lang X` or `--lang=X` anywhere on the line (read before clap parses it).
fn flag_lang(args: &[OsString]) -> Option<Lang> {
    flag_value(args, "--lang").and_then(|v| Lang::from_tag(&v))
}

fn site_flag(args: &[OsString]) -> Option<std::path::PathBuf> {
    flag_value(args, "--site")
        .map(std::path::PathBuf::from)
        .or_else(|| Some(std::path::PathBuf::from(".")))
}

fn flag_value(args: &[OsString], name: &str) -> Option<String> {
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let prefix = format!("{name}=");
    (args.iter().enumerate()).find_map(|(i, a)| match a.strip_prefix(&prefix) {
        Some(v) => Some(v.to_string()),
        None if a == name => args.get(i + 1).cloned(),
        None => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and argument has its help text in the resources, so none falls back.
    #[test]
    fn every_command_and_argument_has_help_in_the_resources() {
        let mut missing = Vec::new();
        walk(&Cli::command(), "gongkai", &mut missing);
        assert!(missing.is_empty(), "{missing:#?}");
    }

    fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
        let about = format!("help-{path}");
        if !i18n::has(Lang::Zh, &about) {
            missing.push(about);
        }
        for a in cmd.get_arguments() {
            if arg_help_id(path, a.get_id().as_str(), Lang::Zh).is_none() {
                missing.push(format!("{path} {}", a.get_id()));
            }
        }
        for s in cmd.get_subcommands() {
            walk(s, &format!("{path}-{}", s.get_name()), missing);
        }
    }

    #[test]
    fn help_speaks_the_chosen_language() {
        let zh = localized(Lang::Zh).render_help().to_string();
        assert!(zh.contains("用法："), "{zh}");
        assert!(zh.contains("校验全部记录"), "{zh}");
        let en = localized(Lang::En).render_help().to_string();
        assert!(en.contains("Validate every record"), "{en}");
    }

    #[test]
    fn the_lang_flag_is_read_before_parsing() {
        let args: Vec<OsString> = ["gongkai", "build", "--lang=en"].map(Into::into).to_vec();
        assert_eq!(flag_lang(&args), Some(Lang::En));
        let args: Vec<OsString> = ["gongkai", "--lang", "zh-CN", "check"]
            .map(Into::into)
            .to_vec();
        assert_eq!(flag_lang(&args), Some(Lang::Zh));
    }
}

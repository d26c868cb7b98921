//! Which language a command speaks: `--lang`, then the locale of the environment, then the
//! site's `language`, then Chinese.

use crate::config::Language;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// 简体中文, the default: the office's own language.
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The language tag of pages and themes.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// `zh`, `zh-CN`, `zh_CN.UTF-8`… → Chinese; `en`, `en_US.UTF-8`… → English; else none.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let lower = tag.trim().to_ascii_lowercase();
        if lower.starts_with("zh") {
            Some(Lang::Zh)
        } else if lower.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The preference of a POSIX locale: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is
    /// set and not empty decides (as in POSIX). `C`, `POSIX` and other languages say nothing, so
    /// that tests and scripts running under `LANG=C.UTF-8` get the site's language.
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Option<Lang> {
        let value = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(var)
            .find(|v| !v.trim().is_empty())?;
        Lang::from_tag(&value)
    }

    /// The choice: `flag` > environment > the site's `language` > Chinese.
    pub fn choose(flag: Option<Lang>, env: Option<Lang>, site: Option<Language>) -> Lang {
        flag.or(env)
            .or(site.map(|l| match l {
                Language::ZhCn => Lang::Zh,
                Language::En => Lang::En,
            }))
            .unwrap_or_default()
    }

    /// The choice from the process environment.
    pub fn from_process_env() -> Option<Lang> {
        Lang::from_env(|k| std::env::var(k).ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
    }

    #[test]
    fn c_and_posix_locales_leave_the_choice_to_the_site() {
        for v in ["C", "C.UTF-8", "POSIX"] {
            let e = Lang::from_env(env(&[("LANG", v)]));
            assert_eq!(e, None, "{v}");
            assert_eq!(Lang::choose(None, e, Some(Language::En)), Lang::En);
            assert_eq!(Lang::choose(None, e, Some(Language::ZhCn)), Lang::Zh);
        }
        assert_eq!(Lang::from_env(env(&[])), None);
    }

    #[test]
    fn lc_all_overrides_lang_and_empty_values_are_skipped() {
        let e = env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "zh_CN.UTF-8")]);
        assert_eq!(Lang::from_env(e), Some(Lang::En));
        let e = env(&[("LC_ALL", ""), ("LANG", "zh_CN.UTF-8")]);
        assert_eq!(Lang::from_env(e), Some(Lang::Zh));
    }

    #[test]
    fn the_flag_beats_the_environment_which_beats_the_site() {
        let site = Some(Language::ZhCn);
        assert_eq!(Lang::choose(Some(Lang::En), Some(Lang::Zh), site), Lang::En);
        assert_eq!(Lang::choose(None, Some(Lang::En), site), Lang::En);
        assert_eq!(Lang::choose(None, None, None), Lang::Zh);
    }
}

//! Small typed values shared by the config and the records: dates, decimals written as in the
//! file, and the closed vocabularies of the content model as enums.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date, `YYYY-MM-DD` in files and output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    pub fn parse(s: &str) -> Result<Date, String> {
        NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map(Date)
            .map_err(|_| format!("invalid date \"{}\": expected YYYY-MM-DD", s.trim()))
    }

    pub fn year(self) -> i32 {
        chrono::Datelike::year(&self.0)
    }

    pub fn ymd(y: i32, m: u32, d: u32) -> Date {
        Date(NaiveDate::from_ymd_opt(y, m, d).expect("valid date"))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use chrono::Datelike;
        let (y, m, d) = (self.0.year(), self.0.month(), self.0.day());
        // The common case without chrono's format-string interpreter, which dominated the cost
        // of listing rows; chrono's `%Y` differs only outside 0..=9999 (it adds a sign).
        if (0..=9999).contains(&y) {
            write!(f, "{y:04}-{m:02}-{d:02}")
        } else {
            write!(f, "{}", self.0.format("%Y-%m-%d"))
        }
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// China Standard Time, the offset assumed for dates without one.
pub fn china_offset() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("valid offset")
}

/// A point in time: RFC 3339 with an offset, or a bare date meaning 00:00 China time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(pub DateTime<FixedOffset>);

impl Instant {
    pub fn parse(s: &str) -> Result<Instant, String> {
        let s = s.trim();
        if let Ok(t) = DateTime::parse_from_rfc3339(s) {
            return Ok(Instant(t));
        }
        let d = Date::parse(s).map_err(|_| {
            format!("invalid date-time \"{s}\": expected YYYY-MM-DDTHH:MM:SS+08:00 or YYYY-MM-DD")
        })?;
        let t = china_offset()
            .from_local_datetime(&d.0.and_hms_opt(0, 0, 0).expect("midnight"))
            .single()
            .expect("fixed offsets are unambiguous");
        Ok(Instant(t))
    }

    pub fn date(&self) -> Date {
        Date(self.0.with_timezone(&china_offset()).date_naive())
    }
}

impl fmt::Display for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.to_rfc3339())
    }
}

impl<'de> Deserialize<'de> for Instant {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Instant::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl Serialize for Instant {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A decimal number kept exactly as written (`1234.50` keeps its two places), for money and
/// budget tables, where the number of decimals written sets the rounding tolerance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Decimal {
    /// The value times 10^scale.
    pub units: i128,
    pub scale: u32,
}

impl Decimal {
    pub fn parse(s: &str) -> Result<Decimal, String> {
        let t = s.trim();
        let bad =
            || format!("invalid number \"{t}\": expected digits with an optional decimal point");
        let (neg, digits) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t.strip_prefix('+').unwrap_or(t)),
        };
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        if int.is_empty() && frac.is_empty()
            || !int.chars().all(|c| c.is_ascii_digit())
            || !frac.chars().all(|c| c.is_ascii_digit())
            || int.len() + frac.len() > 30
        {
            return Err(bad());
        }
        let units: i128 = format!("{int}{frac}").parse().map_err(|_| bad())?;
        Ok(Decimal {
            units: if neg { -units } else { units },
            scale: frac.len() as u32,
        })
    }

    /// Rescales to `scale` decimal places (only ever widening).
    pub fn units_at(self, scale: u32) -> i128 {
        self.units * 10i128.pow(scale.saturating_sub(self.scale))
    }

    pub fn to_f64(self) -> f64 {
        self.units as f64 / 10f64.powi(self.scale as i32)
    }

    /// Money as shown to a reader: thousands separators and at least two decimals
    /// (`435155` → `435,155.00`, `308430.5` → `308,430.50`, `1.125` stays `1.125`).
    pub fn money(self) -> String {
        let scale = self.scale.max(2);
        Decimal {
            units: self.units_at(scale),
            scale,
        }
        .grouped()
    }

    /// Formats with thousands separators, keeping the written decimals: `1,234.50`.
    pub fn grouped(self) -> String {
        let plain = self.to_string();
        let (sign, rest) = plain
            .strip_prefix('-')
            .map(|r| ("-", r))
            .unwrap_or(("", &plain));
        let (int, frac) = rest
            .split_once('.')
            .map(|(i, f)| (i, Some(f)))
            .unwrap_or((rest, None));
        let mut grouped = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        match frac {
            Some(f) => format!("{sign}{grouped}.{f}"),
            None => format!("{sign}{grouped}"),
        }
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let neg = self.units < 0;
        let digits = self.units.unsigned_abs().to_string();
        let scale = self.scale as usize;
        let padded = if digits.len() <= scale {
            format!("{}{digits}", "0".repeat(scale + 1 - digits.len()))
        } else {
            digits
        };
        let (int, frac) = padded.split_at(padded.len() - scale);
        if neg {
            f.write_str("-")?;
        }
        if scale == 0 {
            write!(f, "{int}")
        } else {
            write!(f, "{int}.{frac}")
        }
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Decimal::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

macro_rules! vocabulary {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary!(
    /// 有效性.
    Validity { Valid = "有效", Amended = "已修改", Abolished = "已废止", Expired = "已失效" }
);
vocabulary!(
    /// 公开属性.
    Disclosure { Proactive = "主动公开", OnRequest = "依申请公开", NotDisclosed = "不予公开" }
);
vocabulary!(
    /// Workflow state; only `approved` is ever published.
    Status { Draft = "draft", Review = "review", Approved = "approved", Withdrawn = "withdrawn" }
);
vocabulary!(
    /// 保管期限.
    Retention { Permanent = "永久", Years30 = "30年", Years10 = "10年" }
);
vocabulary!(
    /// The record kinds of the content model (§4).
    Kind {
        Article = "article",
        Policy = "policy",
        Interpretation = "interpretation",
        Procurement = "procurement",
        Budget = "budget",
        Person = "person",
        Organization = "organization",
        Service = "service",
    }
);
vocabulary!(
    /// 采购阶段, mapped onto OCDS release tags.
    Stage { Planning = "planning", Tender = "tender", Award = "award", Contract = "contract", Implementation = "implementation" }
);
vocabulary!(
    /// 预算 / 调整预算 / 决算.
    BudgetPhase { Budget = "预算", Adjusted = "调整预算", Final = "决算" }
);
vocabulary!(
    /// The unit a budget's figures are written in.
    MoneyUnit { Yuan = "元", TenThousandYuan = "万元" }
);
vocabulary!(
    /// 事项类型 of a service guide.
    ServiceType { Licensing = "行政许可", NonLicensing = "非行政许可", Other = "其他办事" }
);

impl Retention {
    /// The short code used in 档号: 永久 → Y, 30年 → D30, 10年 → D10 (DA/T 22).
    pub fn code(self) -> &'static str {
        match self {
            Retention::Permanent => "Y",
            Retention::Years30 => "D30",
            Retention::Years10 => "D10",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_display_as_chrono_formats_them() {
        for s in ["2024-01-05", "0999-12-31", "9999-12-31"] {
            let d = Date::parse(s).unwrap();
            assert_eq!(d.to_string(), s);
            assert_eq!(d.to_string(), d.0.format("%Y-%m-%d").to_string());
        }
        let far = Date(chrono::NaiveDate::from_ymd_opt(10000, 1, 2).unwrap());
        assert_eq!(far.to_string(), far.0.format("%Y-%m-%d").to_string());
    }

    #[test]
    fn decimals_keep_their_scale() {
        let d = Decimal::parse("1234.50").unwrap();
        assert_eq!(d.to_string(), "1234.50");
        assert_eq!(d.grouped(), "1,234.50");
        assert_eq!(Decimal::parse("-0.05").unwrap().to_string(), "-0.05");
        assert_eq!(Decimal::parse("1234567").unwrap().grouped(), "1,234,567");
        assert!(Decimal::parse("12a").is_err());
        assert!(Decimal::parse(".").is_err());
        assert_eq!(Decimal::parse("1.5").unwrap().units_at(3), 1500);
    }

    #[test]
    fn money_has_two_decimals_and_groups() {
        let m = |s: &str| Decimal::parse(s).unwrap().money();
        assert_eq!(m("435155"), "435,155.00");
        assert_eq!(m("308430.5"), "308,430.50");
        assert_eq!(m("-1234.5"), "-1,234.50");
        assert_eq!(m("0.125"), "0.125");
        assert_eq!(m("12"), "12.00");
    }

    #[test]
    fn dates_and_instants() {
        assert_eq!(Date::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
        assert!(
            Date::parse("2023-02-29")
                .unwrap_err()
                .contains("YYYY-MM-DD")
        );
        let i = Instant::parse("2030-01-01").unwrap();
        assert_eq!(i.to_string(), "2030-01-01T00:00:00+08:00");
        assert_eq!(
            Instant::parse("2030-01-01T09:00:00+08:00").unwrap().date(),
            Date::ymd(2030, 1, 1)
        );
    }

    proptest::proptest! {
        #[test]
        fn decimal_round_trips(units in -10_000_000_000i64..10_000_000_000i64, scale in 0u32..4) {
            let d = Decimal { units: units as i128, scale };
            let back = Decimal::parse(&d.to_string()).unwrap();
            proptest::prop_assert_eq!(back, d);
        }
    }
}

//! The record as written: every field of every kind, all optional, unknown keys refused. This is
//! the only stringly shape; `convert` turns it into a typed `Record` or located diagnostics.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::values::{
    BudgetPhase, Date, Decimal, Disclosure, Instant, Kind, MoneyUnit, Retention, ServiceType,
    Stage, Status, Validity,
};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRecord {
    // Common fields (§3).
    pub index_no: Option<String>,
    /// `legacy`: the 索引号 was given under an older scheme and is kept as it is.
    pub index_no_scheme: Option<super::numbering::NumberingScheme>,
    /// Codes of the 索引号 that vary per record (`{field:NAME}` in the scheme).
    pub index_codes: Option<BTreeMap<String, String>>,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub created: Option<Date>,
    pub published: Option<Date>,
    pub publisher: Option<String>,
    pub kind: Option<Kind>,
    pub doc_no: Option<String>,
    pub genre: Option<String>,
    pub topics: Option<Vec<String>>,
    pub keywords: Option<Vec<String>>,
    pub validity: Option<Validity>,
    pub superseded_by: Option<String>,
    pub void_from: Option<Date>,
    pub disclosure: Option<Disclosure>,
    pub reason: Option<String>,
    pub channels: Option<Vec<String>>,
    pub status: Option<Status>,
    pub review: Option<RawReview>,
    pub embargo: Option<Instant>,
    pub attachments: Option<Vec<RawAttachment>>,
    pub interprets: Option<String>,
    pub related: Option<Vec<String>>,
    pub retention: Option<Retention>,
    pub pii_waiver: Option<PiiWaiver>,
    pub extra: Option<BTreeMap<String, serde_json::Value>>,
    /// 成文日期.
    pub dated: Option<Date>,
    /// 施行日期.
    pub effective: Option<Date>,
    /// 有效期至.
    pub expires: Option<Date>,
    /// 规范性文件统一登记号.
    pub registration_no: Option<String>,
    /// 发文机关 (when it differs from the publisher).
    pub issuer: Option<String>,
    /// 信息来源.
    pub info_source: Option<String>,
    /// Procurement 项目编号.
    pub project_no: Option<String>,
    /// Body of a `.yaml` record.
    pub body: Option<String>,
    /// Set by `gongkai import`: where the record came from.
    pub imported: Option<Imported>,

    // interpretation
    pub interpreter: Option<String>,

    // procurement
    pub ocid: Option<String>,
    pub stage: Option<Stage>,
    pub buyer: Option<String>,
    pub method: Option<String>,
    pub budget: Option<Money>,
    pub award: Option<Award>,
    pub contract: Option<Contract>,
    pub items: Option<Vec<Item>>,

    // budget
    pub fiscal_year: Option<i32>,
    pub phase: Option<BudgetPhase>,
    pub unit: Option<MoneyUnit>,
    pub tables: Option<Vec<RawTable>>,

    // person and organization (name is shared)
    pub name: Option<String>,
    pub post: Option<String>,
    pub duties: Option<String>,
    pub since: Option<Date>,
    pub photo: Option<String>,
    pub resume: Option<String>,
    pub functions: Option<String>,
    pub head: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub hours: Option<String>,

    // service (name, hours and phone are shared above)
    pub legal_basis: Option<TextOrList>,
    pub conditions: Option<TextOrList>,
    pub materials: Option<TextOrList>,
    pub location: Option<String>,
    pub agency: Option<String>,
    pub fee: Option<String>,
    pub procedure: Option<TextOrList>,
    pub service_type: Option<ServiceType>,
    pub time_limit_days: Option<u32>,
}

/// Fields and the kinds that use them; a field of another kind is an error, not silently kept.
pub const KIND_FIELDS: &[(&str, &[Kind])] = &[
    ("interpreter", &[Kind::Interpretation]),
    ("ocid", &[Kind::Procurement]),
    ("project_no", &[Kind::Procurement]),
    ("stage", &[Kind::Procurement]),
    ("buyer", &[Kind::Procurement]),
    ("method", &[Kind::Procurement]),
    ("budget", &[Kind::Procurement]),
    ("award", &[Kind::Procurement]),
    ("contract", &[Kind::Procurement]),
    ("items", &[Kind::Procurement]),
    ("fiscal_year", &[Kind::Budget]),
    ("phase", &[Kind::Budget]),
    ("unit", &[Kind::Budget]),
    ("tables", &[Kind::Budget]),
    ("name", &[Kind::Person, Kind::Organization, Kind::Service]),
    ("post", &[Kind::Person]),
    ("duties", &[Kind::Person]),
    ("since", &[Kind::Person]),
    ("photo", &[Kind::Person]),
    ("resume", &[Kind::Person]),
    ("functions", &[Kind::Organization]),
    ("head", &[Kind::Organization]),
    ("address", &[Kind::Organization]),
    ("phone", &[Kind::Organization, Kind::Service]),
    ("hours", &[Kind::Organization, Kind::Service]),
    ("legal_basis", &[Kind::Service]),
    ("conditions", &[Kind::Service]),
    ("materials", &[Kind::Service]),
    ("location", &[Kind::Service]),
    ("agency", &[Kind::Service]),
    ("fee", &[Kind::Service]),
    ("procedure", &[Kind::Service]),
    ("service_type", &[Kind::Service]),
    ("time_limit_days", &[Kind::Service]),
];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReview {
    pub by: Option<String>,
    pub on: Option<Date>,
    pub secrecy: Option<String>,
    pub conclusion: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAttachment {
    pub file: String,
    pub title: String,
}

/// Where an imported record came from (`gongkai import`, issue 21). An imported record keeps
/// its old 索引号 as a legacy number; the gate admits it without a new review only when its
/// `published` date precedes `on` (it was public on the old site before it came here).
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Imported {
    /// The import source as given to `gongkai import` (a spreadsheet or a saved site folder).
    pub from: String,
    /// The day of the import.
    pub on: Date,
    /// The row (`目录.csv:12`) or the saved page (`xxgk/t123.html`) it came from.
    #[serde(default)]
    pub source: Option<String>,
    /// The page's address on the old site, when known.
    #[serde(default)]
    pub url: Option<String>,
    /// SHA-256 of the source row or page: a later run tells a changed source by it.
    #[serde(default)]
    pub sha256: Option<String>,
}

/// 个人信息豁免.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PiiWaiver {
    pub reason: String,
    pub by: String,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Money {
    pub amount: Decimal,
    #[serde(default = "cny")]
    pub currency: String,
}

fn cny() -> String {
    "CNY".into()
}

#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Supplier {
    pub name: String,
    #[serde(default)]
    pub credit_code: Option<String>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Award {
    pub supplier: Supplier,
    pub amount: Decimal,
    #[serde(default)]
    pub date: Option<Date>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    pub amount: Decimal,
    #[serde(default)]
    pub signed: Option<Date>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub description: String,
    #[serde(default)]
    pub quantity: Option<Decimal>,
    #[serde(default)]
    pub unit: Option<String>,
}

/// A budget table as written: first column labels, the rest figures.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTable {
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    #[serde(default)]
    pub total: Option<TotalSpec>,
}

/// A table cell: text (the label) or a figure, keeping how it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Figure(Decimal),
    Text(String),
}

impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(match Decimal::parse(&s) {
            Ok(v) => Cell::Figure(v),
            Err(_) => Cell::Text(s),
        })
    }
}

/// A declared total: one figure, or one per figure column.
#[derive(Debug, Clone)]
pub enum TotalSpec {
    One(Decimal),
    Many(Vec<Decimal>),
}

/// Scalar-or-list visitors. We avoid `#[serde(untagged)]`: it buffers values and loses the
/// raw text of numbers, and with it the decimals they were written with.
struct ScalarOrSeq<T>(std::marker::PhantomData<T>);

macro_rules! scalar_visits {
    ($conv:expr) => {
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            $conv(v).map_err(E::custom)
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
            self.visit_str(&v.to_string())
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
            self.visit_str(&v.to_string())
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
            self.visit_str(&v.to_string())
        }
    };
}

impl<'de> serde::de::Visitor<'de> for ScalarOrSeq<TotalSpec> {
    type Value = TotalSpec;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a number or a list of numbers")
    }
    scalar_visits!(|v: &str| Decimal::parse(v).map(TotalSpec::One));
    fn visit_newtype_struct<D: serde::Deserializer<'de>>(
        self,
        d: D,
    ) -> Result<TotalSpec, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<TotalSpec, A::Error> {
        let mut out = Vec::new();
        while let Some(d) = seq.next_element::<Decimal>()? {
            out.push(d);
        }
        Ok(TotalSpec::Many(out))
    }
}

impl<'de> Deserialize<'de> for TotalSpec {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // As written: `total: 435155.00` keeps its two decimals like the rows do.
        d.deserialize_newtype_struct(
            crate::yaml::AS_WRITTEN,
            ScalarOrSeq::<TotalSpec>(std::marker::PhantomData),
        )
    }
}

impl<'de> serde::de::Visitor<'de> for ScalarOrSeq<TextOrList> {
    type Value = TextOrList;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a text or a list of texts")
    }
    scalar_visits!(|v: &str| Ok::<_, String>(TextOrList::Text(v.to_string())));
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<TextOrList, A::Error> {
        let mut out = Vec::new();
        while let Some(s) = seq.next_element::<String>()? {
            out.push(s);
        }
        Ok(TextOrList::List(out))
    }
}

impl<'de> Deserialize<'de> for TextOrList {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarOrSeq::<TextOrList>(std::marker::PhantomData))
    }
}

/// A text, or a list of texts (materials, steps).
#[derive(Debug, Clone, serde::Serialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum TextOrList {
    Text(String),
    List(Vec<String>),
}

impl TextOrList {
    pub fn is_blank(&self) -> bool {
        match self {
            TextOrList::Text(s) => s.trim().is_empty(),
            TextOrList::List(v) => v.iter().all(|s| s.trim().is_empty()),
        }
    }

    pub fn items(&self) -> Vec<String> {
        match self {
            TextOrList::Text(s) => vec![s.clone()],
            TextOrList::List(v) => v.clone(),
        }
    }

    pub fn joined(&self) -> String {
        self.items().join("\n")
    }
}

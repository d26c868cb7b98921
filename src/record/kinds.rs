//! Kind-specific parts of a record (§4), typed, with their required fields checked.

use serde::{Deserialize, Serialize};

use super::budget::{BudgetTable, check_table};
use super::convert::Checker;
use super::raw::{Award, Contract, Item, Money, RawRecord, TextOrList};
use crate::diag::Code;
use crate::values::{BudgetPhase, Date, Kind, MoneyUnit, ServiceType, Stage};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Procurement {
    pub ocid: String,
    pub stage: Stage,
    pub buyer: String,
    pub method: Option<String>,
    pub budget: Option<Money>,
    pub award: Option<Award>,
    pub contract: Option<Contract>,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Budget {
    pub fiscal_year: i32,
    pub phase: BudgetPhase,
    pub unit: MoneyUnit,
    /// Empty when an attachment is the authoritative form (a 决算 published as a PDF only).
    pub tables: Vec<BudgetTable>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    pub post: String,
    /// 工作分工: optional, real pages omit it for some posts.
    pub duties: Option<String>,
    pub since: Option<Date>,
    /// Output-relative URL of the photo, once copied.
    pub photo: Option<String>,
    /// Site-relative source of the photo.
    #[serde(skip)]
    pub photo_source: Option<std::path::PathBuf>,
    pub resume: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Organization {
    pub name: String,
    pub functions: String,
    pub head: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub hours: Option<String>,
}

/// 办事指南: the ten key elements are all required.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Service {
    pub name: String,
    pub legal_basis: TextOrList,
    pub conditions: TextOrList,
    pub materials: TextOrList,
    pub location: String,
    pub agency: String,
    pub fee: String,
    pub hours: String,
    pub phone: String,
    pub procedure: TextOrList,
    pub service_type: ServiceType,
    pub time_limit_days: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Details {
    Article,
    Policy,
    Interpretation { interpreter: Option<String> },
    Procurement(Procurement),
    Budget(Budget),
    Person(Person),
    Organization(Organization),
    Service(Service),
}

/// The ten key elements of a service guide, in the order the guide shows them.
pub const SERVICE_ELEMENTS: [(&str, &str); 10] = [
    ("name", "事项名称"),
    ("legal_basis", "设定依据"),
    ("conditions", "申请条件"),
    ("materials", "申请材料"),
    ("location", "办理地点"),
    ("agency", "办理机构"),
    ("fee", "收费标准"),
    ("hours", "办理时间"),
    ("phone", "联系电话"),
    ("procedure", "办理流程"),
];

/// Builds the kind's details, reporting each missing element. `None` when something is missing.
/// `has_attachments`: the record lists attachments (a budget's may be its authoritative form).
pub fn details(
    raw: &mut RawRecord,
    kind: Kind,
    has_attachments: bool,
    c: &mut Checker,
) -> Option<Details> {
    Some(match kind {
        Kind::Article => Details::Article,
        Kind::Policy => Details::Policy,
        Kind::Interpretation => {
            c.require(
                raw.interprets.is_some(),
                "interprets",
                crate::msg!("interpretation-needs-interprets"),
            );
            Details::Interpretation {
                interpreter: raw.interpreter.take(),
            }
        }
        Kind::Procurement => procurement(raw, c)?,
        Kind::Budget => budget(raw, has_attachments, c)?,
        Kind::Person => {
            let name = c.required(raw.name.take(), "name");
            let post = c.required(raw.post.take(), "post");
            let duties = raw.duties.take().filter(|d| !d.trim().is_empty());
            Details::Person(Person {
                name: name?,
                post: post?,
                duties,
                since: raw.since,
                photo: None,
                photo_source: None,
                resume: raw.resume.take(),
            })
        }
        Kind::Organization => {
            let name = c.required(raw.name.take(), "name");
            let functions = c.required(raw.functions.take(), "functions");
            Details::Organization(Organization {
                name: name?,
                functions: functions?,
                head: raw.head.take(),
                address: raw.address.take(),
                phone: raw.phone.take(),
                hours: raw.hours.take(),
            })
        }
        Kind::Service => service(raw, c)?,
    })
}

fn procurement(raw: &mut RawRecord, c: &mut Checker) -> Option<Details> {
    let ocid = c.required(raw.ocid.take(), "ocid");
    let stage = c.required(raw.stage, "stage");
    let buyer = c.required(raw.buyer.take(), "buyer");
    let (ocid, stage, buyer) = (ocid?, stage?, buyer?);
    if matches!(
        stage,
        Stage::Award | Stage::Contract | Stage::Implementation
    ) {
        c.require(
            raw.award.is_some(),
            "award",
            crate::msg!("procurement-needs-award"),
        );
    }
    if matches!(stage, Stage::Contract | Stage::Implementation) {
        c.require(
            raw.contract.is_some(),
            "contract",
            crate::msg!("procurement-needs-contract"),
        );
    }
    Some(Details::Procurement(Procurement {
        ocid,
        stage,
        buyer,
        method: raw.method.take(),
        budget: raw.budget.take(),
        award: raw.award.take(),
        contract: raw.contract.take(),
        items: raw.items.take().unwrap_or_default(),
    }))
}

fn budget(raw: &mut RawRecord, has_attachments: bool, c: &mut Checker) -> Option<Details> {
    let fiscal_year = c.required(raw.fiscal_year, "fiscal_year");
    let phase = c.required(raw.phase, "phase");
    let unit = c.required(raw.unit, "unit");
    // A budget published as a document only (详见附件): its attachment is the authoritative form.
    let raw_tables = match raw.tables.take() {
        None if has_attachments => Some(Vec::new()),
        None => {
            c.require(false, "tables", crate::msg!("budget-needs-tables"));
            None
        }
        t => t,
    };
    let mut tables = Vec::new();
    let mut ok = true;
    for (i, t) in raw_tables.iter().flatten().enumerate() {
        match check_table(t) {
            Ok(table) => tables.push(table),
            Err(problems) => {
                ok = false;
                for p in problems {
                    let field = format!("tables[{i}].{}", p.at);
                    let code = if p.at == "total" {
                        Code::BudgetTotal
                    } else {
                        Code::InvalidValue
                    };
                    c.error_at(&field, code, p.message);
                }
            }
        }
    }
    if raw_tables.as_ref().is_some_and(|t| t.is_empty()) && !has_attachments {
        c.error_at("tables", Code::MissingField, crate::msg!("budget-no-table"));
    }
    let (fiscal_year, phase, unit, _) = (fiscal_year?, phase?, unit?, raw_tables?);
    ok.then_some(Details::Budget(Budget {
        fiscal_year,
        phase,
        unit,
        tables,
    }))
}

fn service(raw: &mut RawRecord, c: &mut Checker) -> Option<Details> {
    let mut missing = false;
    let mut text = |v: Option<String>, field: &str, c: &mut Checker| -> String {
        match v.filter(|s| !s.trim().is_empty()) {
            Some(s) => s,
            None => {
                missing = true;
                c.service_element_missing(field);
                String::new()
            }
        }
    };
    let name = text(raw.name.take(), "name", c);
    let location = text(raw.location.take(), "location", c);
    let agency = text(raw.agency.take(), "agency", c);
    let fee = text(raw.fee.take(), "fee", c);
    let hours = text(raw.hours.take(), "hours", c);
    let phone = text(raw.phone.take(), "phone", c);
    let mut list = |v: Option<TextOrList>, field: &str| -> TextOrList {
        match v.filter(|l| !l.is_blank()) {
            Some(l) => l,
            None => {
                missing = true;
                c.service_element_missing(field);
                TextOrList::List(vec![])
            }
        }
    };
    let legal_basis = list(raw.legal_basis.take(), "legal_basis");
    let conditions = list(raw.conditions.take(), "conditions");
    let materials = list(raw.materials.take(), "materials");
    let procedure = list(raw.procedure.take(), "procedure");
    let service_type = c.required(raw.service_type, "service_type");
    if missing {
        return None;
    }
    Some(Details::Service(Service {
        name,
        legal_basis,
        conditions,
        materials,
        location,
        agency,
        fee,
        hours,
        phone,
        procedure,
        service_type: service_type?,
        time_limit_days: raw.time_limit_days,
    }))
}

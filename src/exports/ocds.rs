//! Procurement records as an OCDS 1.1 release package (`data/ocds-releases.json`). Each published
//! procurement record is one release: its `stage` is the release tag, and the release carries
//! what that stage has (planning budget; tender; awards; contracts). Amounts are numbers with a
//! currency.

use serde_json::{Value, json};

use super::number;
use crate::catalog::Catalog;
use crate::config::Site;
use crate::feeds::date_time;
use crate::record::kinds::Procurement;
use crate::record::raw::Money;
use crate::record::{Details, Record};
use crate::values::Stage;

/// The OCDS `procurementMethod` (a closed codelist) for a Chinese 采购方式, when one fits.
pub fn procurement_method(method: &str) -> Option<&'static str> {
    match method {
        "公开招标" => Some("open"),
        "邀请招标" | "询价" => Some("selective"),
        "竞争性谈判" | "竞争性磋商" => Some("limited"),
        "单一来源" => Some("direct"),
        _ => None,
    }
}

/// The release package. `publishedDate` is the newest release's date, so the same catalog gives
/// the same bytes.
pub fn package(site: &Site, cat: &Catalog) -> Value {
    let releases: Vec<Value> = cat
        .records
        .iter()
        .filter_map(|r| match &*r.details {
            Details::Procurement(p) => Some(release(site, r, p)),
            _ => None,
        })
        .collect();
    let published = cat
        .records
        .iter()
        .filter(|r| matches!(*r.details, Details::Procurement(_)))
        .filter_map(|r| r.published)
        .max()
        .map(date_time)
        .unwrap_or_else(|| "1970-01-01T00:00:00+08:00".into());
    json!({
        "uri": format!("{}data/ocds-releases.json", site.config.base_url),
        "version": "1.1",
        "publishedDate": published,
        "publisher": {"name": site.config.org.name},
        "releases": releases,
    })
}

fn value(m: &Money) -> Value {
    json!({"amount": number(m.amount), "currency": m.currency})
}

/// An organization id: the publisher's code when the name is a publisher's, else the name.
fn party_id(site: &Site, name: &str) -> String {
    site.config
        .publishers
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.code.clone())
        .unwrap_or_else(|| name.to_string())
}

fn release(site: &Site, r: &Record, p: &Procurement) -> Value {
    let date = r.published.map(date_time).unwrap_or_default();
    let buyer_id = party_id(site, &p.buyer);
    let mut parties = vec![json!({"id": buyer_id, "name": p.buyer, "roles": ["buyer"]})];
    let mut rel = json!({
        "ocid": p.ocid,
        "id": format!("{}-{}", p.ocid, r.index_no.slug()),
        "date": date,
        "tag": [p.stage.as_str()],
        "initiationType": "tender",
        "language": "zh",
        "buyer": {"id": buyer_id, "name": p.buyer},
    });
    if p.stage == Stage::Planning {
        let mut planning = json!({"rationale": r.summary});
        if let Some(b) = &p.budget {
            planning["budget"] = json!({"amount": value(b), "description": r.title});
        }
        rel["planning"] = planning;
    } else {
        rel["tender"] = tender(r, p);
    }
    if let Some(a) = p.award.as_ref().filter(|_| p.stage >= Stage::Award) {
        let supplier_id = a
            .supplier
            .credit_code
            .clone()
            .unwrap_or_else(|| a.supplier.name.clone());
        parties.push(json!({"id": supplier_id, "name": a.supplier.name, "roles": ["supplier"],
            "identifier": a.supplier.credit_code.as_ref().map(|c| json!({"scheme": "CN-USCC", "id": c}))}));
        let mut award = json!({
            "id": format!("{}-award", p.ocid),
            "status": "active",
            "value": {"amount": number(a.amount), "currency": currency(p)},
            "suppliers": [{"id": supplier_id, "name": a.supplier.name}],
        });
        if let Some(d) = a.date {
            award["date"] = json!(date_time(d));
        }
        rel["awards"] = json!([award]);
    }
    if let Some(c) = p.contract.as_ref().filter(|_| p.stage >= Stage::Contract) {
        let mut contract = json!({
            "id": format!("{}-contract", p.ocid),
            "awardID": format!("{}-award", p.ocid),
            "status": "active",
            "value": {"amount": number(c.amount), "currency": currency(p)},
        });
        if let Some(d) = c.signed {
            contract["dateSigned"] = json!(date_time(d));
        }
        rel["contracts"] = json!([contract]);
    }
    rel["parties"] = json!(parties);
    strip_nulls(&mut rel);
    rel
}

fn tender(r: &Record, p: &Procurement) -> Value {
    let mut t = json!({
        "id": format!("{}-tender", p.ocid),
        "title": r.title,
        "description": r.summary,
        "status": if p.stage == Stage::Tender { "active" } else { "complete" },
    });
    if let Some(m) = &p.method {
        t["procurementMethodDetails"] = json!(m);
        if let Some(code) = procurement_method(m) {
            t["procurementMethod"] = json!(code);
        }
    }
    if let Some(b) = &p.budget {
        t["value"] = value(b);
    }
    if !p.items.is_empty() {
        t["items"] = p
            .items
            .iter()
            .enumerate()
            .map(|(i, it)| {
                let mut item = json!({"id": (i + 1).to_string(), "description": it.description});
                if let Some(q) = it.quantity {
                    item["quantity"] = number(q);
                }
                if let Some(u) = &it.unit {
                    item["unit"] = json!({"name": u});
                }
                item
            })
            .collect();
    }
    t
}

/// The currency of award and contract amounts: the budget's, else CNY.
fn currency(p: &Procurement) -> &str {
    p.budget.as_ref().map_or("CNY", |b| b.currency.as_str())
}

/// OCDS fields may not be null where the schema wants a string or object: drop them.
fn strip_nulls(v: &mut Value) {
    match v {
        Value::Object(map) => {
            map.retain(|_, x| !x.is_null());
            map.values_mut().for_each(strip_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_nulls),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn methods_map_onto_the_closed_codelist() {
        assert_eq!(super::procurement_method("公开招标"), Some("open"));
        assert_eq!(super::procurement_method("单一来源"), Some("direct"));
        assert_eq!(super::procurement_method("框架协议"), None);
    }
}

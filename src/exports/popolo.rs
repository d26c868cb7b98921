//! People (领导信息) and organizations (机构职能) as Popolo JSON (`data/popolo.json`: persons,
//! organizations, memberships). A person's membership is in the site's own organization
//! (`org.name`): 领导信息 lists the leaders of the government or department that runs the site.
//! An organization record whose name is a publisher's takes that publisher's code as identifier.

use serde_json::{Value, json};

use crate::catalog::Catalog;
use crate::config::Site;
use crate::record::{Details, Record};

fn page(site: &Site, r: &Record) -> String {
    format!("{}{}", site.config.base_url, r.url())
}

fn identifiers(site: &Site, name: &str) -> Value {
    match site
        .config
        .publishers
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.code.as_deref())
    {
        Some(code) => json!([{"identifier": code, "scheme": "CN-USCC"}]),
        None => json!([]),
    }
}

pub fn export(site: &Site, cat: &Catalog) -> Value {
    let org_name = &site.config.org.name;
    let org_id = "org-site".to_string();
    let mut persons = Vec::new();
    let mut memberships = Vec::new();
    let mut organizations = Vec::new();
    let mut site_org_listed = false;
    for r in &cat.records {
        match &*r.details {
            Details::Person(p) => {
                let id = format!("person-{}", r.index_no.slug());
                let mut person = json!({
                    "id": id,
                    "name": p.name,
                    "links": [{"url": page(site, r), "note": r.title}],
                });
                if let Some(duties) = &p.duties {
                    person["summary"] = json!(duties);
                }
                if let Some(bio) = &p.resume {
                    person["biography"] = json!(bio);
                }
                if let Some(photo) = &p.photo {
                    person["image"] = json!(format!("{}{photo}", site.config.base_url));
                }
                let mut m = json!({
                    "id": format!("membership-{}", r.index_no.slug()),
                    "person_id": id,
                    "organization_id": org_id,
                    "role": p.post,
                    "label": p.post,
                });
                if let Some(since) = p.since {
                    m["start_date"] = json!(since.to_string());
                }
                persons.push(person);
                memberships.push(m);
            }
            Details::Organization(o) => {
                let is_site_org = o.name == *org_name;
                site_org_listed |= is_site_org;
                organizations.push(organization(site, r, o, is_site_org.then_some(&org_id)));
            }
            _ => {}
        }
    }
    if !site_org_listed {
        organizations.insert(
            0,
            json!({"id": org_id, "name": org_name, "classification": "government",
                   "identifiers": identifiers(site, org_name)}),
        );
    }
    json!({"persons": persons, "organizations": organizations, "memberships": memberships})
}

fn organization(
    site: &Site,
    r: &Record,
    o: &crate::record::kinds::Organization,
    id: Option<&String>,
) -> Value {
    let mut contacts = Vec::new();
    if let Some(a) = &o.address {
        contacts.push(json!({"type": "address", "value": a}));
    }
    if let Some(p) = &o.phone {
        contacts.push(json!({"type": "voice", "value": p}));
    }
    let mut org = json!({
        "id": id.cloned().unwrap_or_else(|| format!("org-{}", r.index_no.slug())),
        "name": o.name,
        "classification": "department",
        "identifiers": identifiers(site, &o.name),
        "contact_details": contacts,
        "links": [{"url": page(site, r), "note": r.title}],
        "description": o.functions,
    });
    if let Some(h) = &o.head {
        org["abstract"] = json!(format!("负责人：{h}"));
    }
    org
}

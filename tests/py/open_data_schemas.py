"""JSON Schemas for the open-data exports, kept in the repository (no folder beside it).

- OCDS 1.1.5: no PyPI package ships the release-package schema (ocdskit, libcoveocds and
  ocdsmerge fetch it at run time), so the rules of the 1.1.5 release package and release schema
  that apply to what gongkai writes are transcribed here: the required fields, their types and
  formats, the closed codelists (tag, initiationType, statuses, procurementMethod) and the
  building blocks gongkai uses (Organization, OrganizationReference, Value, Item, Award,
  Contract). OCDS allows extra fields, and so do these.
- Popolo (spec 1.0.1): a small set of draft-03 schemas; the rules of person, organization,
  membership and the parts they embed (contact_detail, identifier, link, other_name) are
  transcribed here as draft-04.
- Frictionless Data Package v1 profiles are not here: the PyPI package `datapackage` ships them
  (conftest.py reads them from the installed package, offline).

Each schema is a draft-04 dict; conftest.validator_for(name) compiles it.
"""

from __future__ import annotations

NULLABLE_STRING = {"type": ["string", "null"]}
DATE_TIME = {"type": "string", "format": "date-time"}

# --- OCDS 1.1.5 -------------------------------------------------------------------------------

OCDS_TAGS = [
    "planning", "planningUpdate", "tender", "tenderAmendment", "tenderUpdate",
    "tenderCancellation", "award", "awardUpdate", "awardCancellation", "contract",
    "contractUpdate", "contractAmendment", "implementation", "implementationUpdate",
    "contractTermination", "compiled",
]

_ocds_defs = {
    "Value": {
        "type": "object",
        "properties": {
            "amount": {"type": ["number", "null"]},
            # The currency codelist is ISO 4217: three capital letters.
            "currency": {"type": ["string", "null"], "pattern": "^[A-Z]{3}$"},
        },
    },
    "Identifier": {
        "type": "object",
        "properties": {
            "scheme": NULLABLE_STRING,
            "id": {"type": ["string", "integer", "null"]},
            "legalName": NULLABLE_STRING,
            "uri": {"type": ["string", "null"], "format": "uri"},
        },
    },
    "OrganizationReference": {
        "type": "object",
        "properties": {
            "name": {"type": ["string", "null"], "minLength": 1},
            "id": {"type": ["string", "integer"], "minLength": 1},
        },
    },
    "Organization": {
        "type": "object",
        "properties": {
            "name": NULLABLE_STRING,
            "id": {"type": "string"},
            "identifier": {"$ref": "#/definitions/Identifier"},
            "roles": {"type": ["array", "null"], "items": {"type": "string"}, "uniqueItems": True},
        },
    },
    "Item": {
        "type": "object",
        "required": ["id"],
        "properties": {
            "id": {"type": ["string", "integer"], "minLength": 1},
            "description": NULLABLE_STRING,
            "quantity": {"type": ["number", "null"]},
            "unit": {
                "type": "object",
                "properties": {"name": NULLABLE_STRING, "value": {"$ref": "#/definitions/Value"}},
            },
        },
    },
    "Tender": {
        "type": "object",
        "required": ["id"],
        "properties": {
            "id": {"type": ["string", "integer"], "minLength": 1},
            "title": NULLABLE_STRING,
            "description": NULLABLE_STRING,
            "status": {"type": ["string", "null"], "enum": [
                "planning", "planned", "active", "cancelled", "unsuccessful", "complete",
                "withdrawn", None]},
            "value": {"$ref": "#/definitions/Value"},
            "procurementMethod": {"type": ["string", "null"], "enum": [
                "open", "selective", "limited", "direct", None]},
            "procurementMethodDetails": NULLABLE_STRING,
            "items": {"type": "array", "items": {"$ref": "#/definitions/Item"}},
        },
    },
    "Award": {
        "type": "object",
        "required": ["id"],
        "properties": {
            "id": {"type": ["string", "integer"], "minLength": 1},
            "status": {"type": ["string", "null"], "enum": [
                "pending", "active", "cancelled", "unsuccessful", None]},
            "date": {"type": ["string", "null"], "format": "date-time"},
            "value": {"$ref": "#/definitions/Value"},
            "suppliers": {"type": ["array", "null"],
                          "items": {"$ref": "#/definitions/OrganizationReference"}},
        },
    },
    "Contract": {
        "type": "object",
        "required": ["id", "awardID"],
        "properties": {
            "id": {"type": ["string", "integer"], "minLength": 1},
            "awardID": {"type": ["string", "integer"], "minLength": 1},
            "status": {"type": ["string", "null"], "enum": [
                "pending", "active", "cancelled", "terminated", None]},
            "value": {"$ref": "#/definitions/Value"},
            "dateSigned": {"type": ["string", "null"], "format": "date-time"},
        },
    },
    "Release": {
        "type": "object",
        "required": ["ocid", "id", "date", "tag", "initiationType"],
        "properties": {
            "ocid": {"type": "string", "minLength": 1},
            "id": {"type": "string", "minLength": 1},
            "date": DATE_TIME,
            "tag": {"type": "array", "minItems": 1, "items": {"type": "string", "enum": OCDS_TAGS}},
            "initiationType": {"type": "string", "enum": ["tender"]},
            "language": NULLABLE_STRING,
            "parties": {"type": "array", "items": {"$ref": "#/definitions/Organization"},
                        "uniqueItems": True},
            "buyer": {"$ref": "#/definitions/OrganizationReference"},
            "planning": {"type": "object",
                         "properties": {"budget": {"type": "object", "properties": {
                             "amount": {"$ref": "#/definitions/Value"}}}}},
            "tender": {"$ref": "#/definitions/Tender"},
            "awards": {"type": "array", "items": {"$ref": "#/definitions/Award"},
                       "uniqueItems": True},
            "contracts": {"type": "array", "items": {"$ref": "#/definitions/Contract"},
                          "uniqueItems": True},
        },
    },
}

OCDS_RELEASE_PACKAGE = {
    "$schema": "http://json-schema.org/draft-04/schema#",
    "title": "OCDS 1.1.5 release package (the rules that apply to gongkai's export)",
    "type": "object",
    "required": ["uri", "publisher", "publishedDate", "releases", "version"],
    "properties": {
        "uri": {"type": "string", "format": "uri"},
        "version": {"type": "string", "pattern": "^(\\d+\\.)(\\d+)$"},
        "publishedDate": DATE_TIME,
        "publisher": {
            "type": "object",
            "required": ["name"],
            "properties": {"name": {"type": "string"}, "scheme": NULLABLE_STRING,
                           "uid": NULLABLE_STRING, "uri": {"type": ["string", "null"], "format": "uri"}},
        },
        "license": {"type": ["string", "null"], "format": "uri"},
        "releases": {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/Release"},
                     "uniqueItems": True},
    },
    "definitions": _ocds_defs,
}

# --- Popolo 1.0.1 -----------------------------------------------------------------------------

PARTIAL_DATE = {"type": ["string", "null"], "pattern": "^[0-9]{4}(-[0-9]{2}){0,2}$"}
DATE_OR_TIME = {"type": ["string", "null"], "pattern":
                "^[0-9]{4}((-[0-9]{2}){0,2}|(-[0-9]{2}){2}T[0-9]{2}(:[0-9]{2}){0,2}(Z|[+-][0-9]{2}(:[0-9]{2})?))$"}
TIMESTAMP = {"type": ["string", "null"], "format": "date-time"}

_popolo_parts = {
    "link": {"type": "object", "required": ["url"],
             "properties": {"url": {"type": "string", "format": "uri"}, "note": NULLABLE_STRING}},
    "identifier": {"type": "object", "required": ["identifier"],
                   "properties": {"identifier": {"type": "string"}, "scheme": NULLABLE_STRING}},
    "other_name": {"type": "object",
                   "properties": {"name": {"type": "string"}, "note": NULLABLE_STRING,
                                  "start_date": PARTIAL_DATE, "end_date": PARTIAL_DATE}},
    "contact_detail": {"type": "object", "required": ["type", "value"],
                       "properties": {"label": NULLABLE_STRING, "type": {"type": "string"},
                                      "value": {"type": "string"}, "note": NULLABLE_STRING,
                                      "valid_from": PARTIAL_DATE, "valid_until": PARTIAL_DATE}},
}


def _popolo(title: str, properties: dict) -> dict:
    common = {
        "id": NULLABLE_STRING,
        "contact_details": {"type": "array", "items": {"$ref": "#/definitions/contact_detail"}},
        "links": {"type": "array", "items": {"$ref": "#/definitions/link"}},
        "sources": {"type": "array", "items": {"$ref": "#/definitions/link"}},
        "created_at": TIMESTAMP,
        "updated_at": TIMESTAMP,
    }
    return {
        "$schema": "http://json-schema.org/draft-04/schema#",
        "title": f"Popolo {title} (spec 1.0.1)",
        "type": "object",
        "properties": {**common, **properties},
        "definitions": _popolo_parts,
    }


POPOLO_PERSON = _popolo("person", {
    "name": NULLABLE_STRING,
    "other_names": {"type": "array", "items": {"$ref": "#/definitions/other_name"}},
    "identifiers": {"type": "array", "items": {"$ref": "#/definitions/identifier"}},
    "family_name": NULLABLE_STRING,
    "given_name": NULLABLE_STRING,
    "sort_name": NULLABLE_STRING,
    "email": {"type": ["string", "null"], "format": "email"},
    "gender": NULLABLE_STRING,
    "birth_date": PARTIAL_DATE,
    "death_date": PARTIAL_DATE,
    "image": {"type": ["string", "null"], "format": "uri"},
    "summary": NULLABLE_STRING,
    "biography": NULLABLE_STRING,
    "national_identity": NULLABLE_STRING,
})

POPOLO_ORGANIZATION = _popolo("organization", {
    "name": NULLABLE_STRING,
    "other_names": {"type": "array", "items": {"$ref": "#/definitions/other_name"}},
    "identifiers": {"type": "array", "items": {"$ref": "#/definitions/identifier"}},
    "classification": NULLABLE_STRING,
    "parent_id": NULLABLE_STRING,
    "area_id": NULLABLE_STRING,
    "abstract": NULLABLE_STRING,
    "description": NULLABLE_STRING,
    "founding_date": PARTIAL_DATE,
    "dissolution_date": PARTIAL_DATE,
    "image": {"type": ["string", "null"], "format": "uri"},
})

POPOLO_MEMBERSHIP = _popolo("membership", {
    "label": NULLABLE_STRING,
    "role": NULLABLE_STRING,
    "member": {"type": ["object", "null"]},
    "person_id": NULLABLE_STRING,
    "organization_id": NULLABLE_STRING,
    "post_id": NULLABLE_STRING,
    "on_behalf_of_id": NULLABLE_STRING,
    "area_id": NULLABLE_STRING,
    "start_date": DATE_OR_TIME,
    "end_date": DATE_OR_TIME,
})

SCHEMAS = {
    "ocds/release-package.json": OCDS_RELEASE_PACKAGE,
    "popolo/person.json": POPOLO_PERSON,
    "popolo/organization.json": POPOLO_ORGANIZATION,
    "popolo/membership.json": POPOLO_MEMBERSHIP,
}

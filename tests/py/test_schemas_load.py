"""The open-data schemas (project-written OCDS and Popolo rules, the Frictionless profiles
from the datapackage package) load offline and validate as expected."""

import copy

import jsonschema
import pytest

SCHEMAS = [
    ("ocds/release-package.json", jsonschema.Draft4Validator),
    ("popolo/person.json", jsonschema.Draft4Validator),
    ("popolo/organization.json", jsonschema.Draft4Validator),
    ("popolo/membership.json", jsonschema.Draft4Validator),
    ("frictionless/v1/fiscal-data-package.json", jsonschema.Draft4Validator),
]

RELEASE_PACKAGE = {
    "uri": "https://example.gov.cn/ocds/ocds-fcq001-2025-0001.json",
    "version": "1.1",
    "publishedDate": "2025-04-02T09:00:00+08:00",
    "publisher": {"name": "芙川区教育局"},
    "releases": [
        {
            "ocid": "ocds-fcq001-2025-0001",
            "id": "ocds-fcq001-2025-0001-award",
            "date": "2025-04-02T09:00:00+08:00",
            "tag": ["award"],
            "initiationType": "tender",
            "tender": {"id": "ocds-fcq001-2025-0001-tender"},
        }
    ],
}


@pytest.mark.parametrize("relpath,cls", SCHEMAS, ids=[s[0] for s in SCHEMAS])
def test_validator_builds(validator_for, relpath, cls):
    validator = validator_for(relpath)
    assert isinstance(validator, cls)
    assert validator.format_checker is not None


def test_minimal_release_package_is_valid(validator_for):
    errors = list(validator_for("ocds/release-package.json").iter_errors(RELEASE_PACKAGE))
    assert errors == [], [e.message for e in errors]


def test_release_without_ocid_is_invalid(validator_for):
    package = copy.deepcopy(RELEASE_PACKAGE)
    del package["releases"][0]["ocid"]
    errors = list(validator_for("ocds/release-package.json").iter_errors(package))
    assert any("'ocid' is a required property" in e.message for e in errors), [e.message for e in errors]


def test_date_time_format_is_checked(validator_for):
    # Without rfc3339-validator installed this would pass silently.
    package = copy.deepcopy(RELEASE_PACKAGE)
    package["releases"][0]["date"] = "2025-04-02"
    errors = list(validator_for("ocds/release-package.json").iter_errors(package))
    assert any("date-time" in e.message for e in errors), [e.message for e in errors]


def test_popolo_person_and_organization(validator_for):
    person = validator_for("popolo/person.json")
    assert person.is_valid({"id": "p1", "name": "张三"})
    assert not person.is_valid({"id": "p1", "contact_details": [{"type": "voice"}]})  # needs value
    org = validator_for("popolo/organization.json")
    assert org.is_valid({"id": "o1", "name": "芙川区教育局"})
    assert not org.is_valid({"id": "o1", "name": 42})


def test_ocds_codelists_and_package_fields_are_checked(validator_for):
    v = validator_for("ocds/release-package.json")
    bad_tag = copy.deepcopy(RELEASE_PACKAGE)
    bad_tag["releases"][0]["tag"] = ["awarded"]
    assert not v.is_valid(bad_tag)
    no_publisher = copy.deepcopy(RELEASE_PACKAGE)
    del no_publisher["publisher"]
    assert not v.is_valid(no_publisher)
    bad_amount = copy.deepcopy(RELEASE_PACKAGE)
    bad_amount["releases"][0]["awards"] = [{"id": "a", "value": {"amount": "946850.00", "currency": "CNY"}}]
    assert not v.is_valid(bad_amount)
    no_award_id = copy.deepcopy(RELEASE_PACKAGE)
    no_award_id["releases"][0]["contracts"] = [{"id": "c"}]
    assert not v.is_valid(no_award_id)


def test_popolo_membership_dates_and_links(validator_for):
    m = validator_for("popolo/membership.json")
    assert m.is_valid({"id": "m1", "person_id": "p1", "organization_id": "o1", "start_date": "2026-02-25"})
    assert not m.is_valid({"id": "m1", "start_date": "25/02/2026"})
    person = validator_for("popolo/person.json")
    assert not person.is_valid({"id": "p1", "links": [{"note": "no url"}]})


def test_fiscal_data_package_profile_comes_from_the_datapackage_package(validator_for):
    v = validator_for("frictionless/v1/fiscal-data-package.json")
    assert not v.is_valid({"name": "x"}), "a fiscal data package needs resources and a model"

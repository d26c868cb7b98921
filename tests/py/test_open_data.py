"""The open-data exports of the built site validate against their schemas (the OCDS 1.1.5
release package and Popolo person/organization/membership rules written in
open_data_schemas.py, the Fiscal Data Package profile from the datapackage package), and
carry what the exporter promises beyond the schemas (which require little)."""

import csv
import io
import json

import pytest


def load(site_dir, rel):
    path = site_dir / rel
    assert path.is_file(), f"{rel} missing from the built site"
    return json.loads(path.read_text(encoding="utf-8"))


def errors(validator, instance):
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(instance)]


def test_ocds_release_package_validates(site_dir, validator_for):
    package = load(site_dir, "data/ocds-releases.json")
    v = validator_for("ocds/release-package.json")
    assert errors(v, package) == []
    releases = package["releases"]
    assert releases, "the example site has procurement records, so the package has releases"
    ids = [r["id"] for r in releases]
    assert len(ids) == len(set(ids)), "release ids must be unique"
    for r in releases:
        assert r["initiationType"] == "tender"
        assert len(r["tag"]) == 1 and r["tag"][0] in {"planning", "tender", "award", "contract", "implementation"}
        stage = r["tag"][0]
        if stage in {"award", "contract", "implementation"}:
            amount = r["awards"][0]["value"]["amount"]
            assert isinstance(amount, (int, float)), "amounts are numbers"
        if stage in {"contract", "implementation"}:
            assert r["contracts"][0]["awardID"] == r["awards"][0]["id"]
        assert r["buyer"]["name"]


def test_ocds_schema_rejects_a_broken_release(validator_for, site_dir):
    package = load(site_dir, "data/ocds-releases.json")
    del package["releases"][0]["ocid"]
    v = validator_for("ocds/release-package.json")
    assert any("ocid" in e for e in errors(v, package))


@pytest.mark.parametrize("key,schema", [
    ("persons", "popolo/person.json"),
    ("organizations", "popolo/organization.json"),
    ("memberships", "popolo/membership.json"),
])
def test_popolo_validates(site_dir, validator_for, key, schema):
    popolo = load(site_dir, "data/popolo.json")
    items = popolo[key]
    assert items, f"the example site has {key}"
    v = validator_for(schema)
    for item in items:
        assert errors(v, item) == [], item.get("id")


def test_popolo_memberships_point_at_listed_people_and_organizations(site_dir):
    popolo = load(site_dir, "data/popolo.json")
    persons = {p["id"] for p in popolo["persons"]}
    orgs = {o["id"] for o in popolo["organizations"]}
    for m in popolo["memberships"]:
        assert m["person_id"] in persons
        assert m["organization_id"] in orgs
        assert m["role"]


def test_fiscal_data_package_validates(site_dir, validator_for):
    package = load(site_dir, "data/budget/datapackage.json")
    v = validator_for("frictionless/v1/fiscal-data-package.json")
    assert errors(v, package) == []
    assert package["resources"], "the example site has budget tables"
    for res in package["resources"]:
        text = (site_dir / "data/budget" / res["path"]).read_text(encoding="utf-8")
        rows = list(csv.reader(io.StringIO(text)))
        header = [f["name"] for f in res["schema"]["fields"]]
        assert rows[0] == header, res["path"]
        for row in rows[1:]:
            assert len(row) == len(header)
            for cell, field in zip(row, res["schema"]["fields"]):
                if field["type"] == "number" and cell:
                    float(cell)
    sources = {(m["resource"], m["source"]) for m in package["model"]["measures"].values()}
    for res in package["resources"]:
        for f in res["schema"]["fields"][1:]:
            assert (res["name"], f["name"]) in sources, "every figure column is a measure"

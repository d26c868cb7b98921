"""Shared fixtures and helpers for the Python checks of a built gongkai site.

scripts/test.sh sets, for every test here:
  GONGKAI_SITE    the freshly built site (a temporary directory, never public/)
  GONGKAI_BIN     the gongkai binary that built it
  GONGKAI_SHARED  the shared/ folder beside the repo (JSON schemas under shared/schemas)

Fixtures: site_dir, gongkai_bin, shared_dir (pathlib.Path; the test fails clearly when the
variable is unset or points nowhere). Helpers, importable with `from conftest import ...` and also
offered as fixtures of the same name: schema_registry() and validator_for(relpath).
"""

from __future__ import annotations

import functools
import json
import os
import pathlib

import pytest
from jsonschema import validators
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource

FRICTIONLESS_BASE = "https://specs.frictionlessdata.io/schemas/"


def _env_path(name: str, what: str) -> pathlib.Path:
    value = os.environ.get(name)
    if not value:
        pytest.fail(f"{name} is not set ({what}); run the suite through scripts/test.sh", pytrace=False)
    path = pathlib.Path(value).resolve()
    if not path.exists():
        pytest.fail(f"{name}={value} does not exist ({what})", pytrace=False)
    return path


@pytest.fixture(scope="session")
def site_dir() -> pathlib.Path:
    """The built site (GONGKAI_SITE)."""
    return _env_path("GONGKAI_SITE", "the built site")


@pytest.fixture(scope="session")
def gongkai_bin() -> pathlib.Path:
    """The gongkai binary under test (GONGKAI_BIN)."""
    return _env_path("GONGKAI_BIN", "the gongkai binary")


@pytest.fixture(scope="session")
def shared_dir() -> pathlib.Path:
    """The shared/ folder beside the repo (GONGKAI_SHARED)."""
    return _env_path("GONGKAI_SHARED", "the shared/ folder beside the repo")


def schemas_dir() -> pathlib.Path:
    return _env_path("GONGKAI_SHARED", "the shared/ folder beside the repo") / "schemas"


def _offline(uri: str):
    # Never fetch: a $ref to anything not registered below is an error.
    raise NoSuchResource(ref=uri)


@functools.cache
def schema_registry() -> Registry:
    """Every JSON schema under shared/schemas, keyed by its own `id` (trailing '#' removed);
    schemas without an id (Frictionless) under their specs.frictionlessdata.io URL.
    Retrieval is off, as shared/schemas/README.md describes."""
    root = schemas_dir()
    pairs = []
    for path in sorted(root.rglob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        uri = doc.get("id") or doc.get("$id") or FRICTIONLESS_BASE + path.name
        pairs.append((uri.rstrip("#"), Resource.from_contents(doc)))  # dialect from "$schema"
    if not pairs:
        pytest.fail(f"no JSON schemas found under {root}", pytrace=False)
    return Registry(retrieve=_offline).with_resources(pairs)


def validator_for(relpath: str):
    """A validator instance (Draft4Validator, Draft3Validator for Popolo, ...) for the schema at
    shared/schemas/<relpath>, resolving $refs through schema_registry() and checking formats
    (date-time needs rfc3339-validator, which tests/requirements.txt pins)."""
    path = schemas_dir() / relpath
    if not path.is_file():
        pytest.fail(f"no schema {relpath} under {schemas_dir()}", pytrace=False)
    schema = json.loads(path.read_text(encoding="utf-8"))
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, registry=schema_registry(), format_checker=cls.FORMAT_CHECKER)


@pytest.fixture(name="schema_registry", scope="session")
def _schema_registry_fixture() -> Registry:
    return schema_registry()


@pytest.fixture(name="validator_for", scope="session")
def _validator_for_fixture():
    return validator_for

"""Shared fixtures and helpers for the Python checks of a built gongkai site.

scripts/test.sh sets, for every test here:
  GONGKAI_SITE    the freshly built site (a temporary directory, never public/)
  GONGKAI_BIN     the gongkai binary that built it

Fixtures: site_dir, gongkai_bin (pathlib.Path; the test fails clearly when the variable is unset
or points nowhere). Helper, importable with `from conftest import ...` and also offered as a
fixture of the same name: validator_for(name).

The schemas come from inside the repository or from installed packages, never from a folder
beside it: OCDS and Popolo from open_data_schemas.py (written in the project), the Frictionless
Data Package v1 profiles from the `datapackage` package (scripts/setup.sh installs it).
"""

from __future__ import annotations

import copy
import importlib.util
import json
import os
import pathlib

import pytest
from jsonschema import validators
from referencing import Registry
from referencing.exceptions import NoSuchResource

from open_data_schemas import SCHEMAS


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


def frictionless_profiles() -> pathlib.Path:
    """The Data Package v1 profiles shipped by the `datapackage` package (found without
    importing it: only its JSON files are used)."""
    spec = importlib.util.find_spec("datapackage")
    if spec is None or not spec.submodule_search_locations:
        pytest.fail("the datapackage package is not installed; run scripts/setup.sh", pytrace=False)
    return pathlib.Path(list(spec.submodule_search_locations)[0]) / "profiles"


def _offline(uri: str):
    # Never fetch: every schema here is self-contained.
    raise NoSuchResource(ref=uri)


def _schema(name: str) -> dict:
    if name in SCHEMAS:
        return copy.deepcopy(SCHEMAS[name])
    if name.startswith("frictionless/v1/"):
        path = frictionless_profiles() / name.removeprefix("frictionless/v1/")
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
    pytest.fail(f"no schema {name} (known: {sorted(SCHEMAS)} and frictionless/v1/<profile>.json)",
                pytrace=False)


def validator_for(name: str):
    """A validator instance for the schema `name` (see the module doc), offline, checking
    formats (date-time needs rfc3339-validator, which tests/requirements.txt pins)."""
    schema = _schema(name)
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, registry=Registry(retrieve=_offline), format_checker=cls.FORMAT_CHECKER)


@pytest.fixture(name="validator_for", scope="session")
def _validator_for_fixture():
    return validator_for

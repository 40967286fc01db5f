"""Shared fixtures: the documentation's example payloads and the spec, loaded once."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = ROOT / "flexport_outbounds_client" / "openapi.yaml"
# The seed examples live in the read-only shared folder next to the checkout; a copy ships in tests/data so the
# suite also runs from an sdist. test_seed_copy_is_current proves the copy equals the source when both exist.
SHARED_EXAMPLES = ROOT.parent / "shared" / "reference" / "seed-examples.json"
LOCAL_EXAMPLES = ROOT / "tests" / "data" / "seed-examples.json"


def load_spec() -> dict[str, Any]:
    with SPEC_PATH.open(encoding="utf-8") as f:
        spec: dict[str, Any] = yaml.safe_load(f)
    return spec


def load_seed_examples() -> list[dict[str, Any]]:
    examples: list[dict[str, Any]] = json.loads(LOCAL_EXAMPLES.read_text(encoding="utf-8"))
    return examples


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    return load_spec()


@pytest.fixture
def seed_examples() -> list[dict[str, Any]]:
    return copy.deepcopy(load_seed_examples())

"""Shared fixtures and helpers: the documentation's example payloads, the spec, and walking models along it."""

from __future__ import annotations

import copy
import enum
import inspect
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pytest_httpserver import HTTPServer

from flexport_outbounds_client._generated import models
from flexport_outbounds_client._generated.models import (
    AttachmentUploadUrl,
    AttachmentUploadUrlRequest,
    CreateOrderRequest,
    Order,
    ProblemDetails,
)

ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = ROOT / "flexport_outbounds_client" / "openapi.yaml"
# The seed examples live in the read-only shared folder next to the checkout; a copy ships in tests/data so the
# suite also runs from an sdist. test_seed_copy_is_current proves the copy equals the source when both exist.
SHARED_EXAMPLES = ROOT.parent / "shared" / "reference" / "seed-examples.json"
LOCAL_EXAMPLES = ROOT / "tests" / "data" / "seed-examples.json"


# The modules `-m "not slow"` leaves out (make check runs them on Python 3.11 only; noxfile.py): long runs whose
# subject does not change between Python versions, or whose fast cousins stay in (the hostile-server tests do).
SLOW_MODULES = {
    "tests/reliability/test_fault_matrix.py": "every operation x every fault on both transports: ~1 min",
    "tests/reliability/test_exactly_once.py": "randomised commit-then-drop runs over loopback",
    "tests/reliability/test_resources.py": "the cancellation storm and 2,000-request memory run",
    "tests/reliability/test_cli_bulk.py": "interrupted bulk loads, resumed",
    "tests/cli/test_script.py": "the console script in subprocesses",
    "tests/sandbox/test_schemathesis.py": "schemathesis against the sandbox",
    "tests/sandbox/test_control_schemathesis.py": "schemathesis against the sandbox's control endpoints",
    "tests/sandbox/test_control_served.py": "the console script and python -m in subprocesses, driven with curl",
    "tests/sandbox/test_pytest_plugin.py": "pytest in subprocesses",
    "tests/sandbox/test_hardening_process.py": "the console script in subprocesses: Ctrl-C, a low open-file limit",
    "tests/test_api.py": "griffe diffs of regenerated packages",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    missing = [name for name in SLOW_MODULES if not (ROOT / name).is_file()]
    if missing:  # a renamed module would silently join the fast tests
        raise pytest.UsageError(f"SLOW_MODULES names modules that do not exist: {missing}")
    for item in items:
        if item.path.relative_to(ROOT).as_posix() in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


def load_spec() -> dict[str, Any]:
    with SPEC_PATH.open(encoding="utf-8") as f:
        spec: dict[str, Any] = yaml.safe_load(f)
    return spec


def run_generator(spec: Path, output: Path, *, config: Path | None = None) -> None:
    """`make generate`'s command (this project's templates and config unless given one) on any spec, to `output`."""
    bin_dir = Path(sys.executable).parent  # the post-hooks call the pinned ruff next to this interpreter
    command = [str(bin_dir / "openapi-python-client"), "generate", "--path", str(spec), "--meta", "none"]
    command += ["--config", str(config or ROOT / "generator-config.yaml")]
    command += ["--custom-template-path", str(ROOT / "templates"), "--fail-on-warning", "--output-path", str(output)]
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    subprocess.run(command, check=True, capture_output=True, timeout=60, cwd=output.parent, env=env)


def class_name(schema_name: str) -> str:
    """The Python class of a spec schema: its name, or the one generator-config.yaml's class_overrides gives it."""
    config = yaml.safe_load((ROOT / "generator-config.yaml").read_text(encoding="utf-8"))
    override: dict[str, str] = config.get("class_overrides", {}).get(schema_name, {})
    return override.get("class_name", schema_name)


def load_seed_examples() -> list[dict[str, Any]]:
    examples: list[dict[str, Any]] = json.loads(LOCAL_EXAMPLES.read_text(encoding="utf-8"))
    return examples


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    return load_spec()


@pytest.fixture
def seed_examples() -> list[dict[str, Any]]:
    return copy.deepcopy(load_seed_examples())


EXAMPLE_MODELS = [
    (0, CreateOrderRequest),
    (1, Order),
    (2, Order),
    (3, Order),
    (4, AttachmentUploadUrlRequest),
    (5, AttachmentUploadUrl),
    (6, ProblemDetails),
]


def enum_classes() -> list[type[enum.StrEnum]]:
    found = [obj for obj in vars(models).values() if inspect.isclass(obj) and issubclass(obj, enum.StrEnum)]
    return sorted(found, key=lambda cls: cls.__name__)


def spec_schemas() -> dict[str, Any]:
    schemas: dict[str, Any] = load_spec()["components"]["schemas"]
    return schemas


def enum_paths(schema: dict[str, Any], value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every location in `value` whose schema is an enum, found by walking the spec alongside the payload."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = spec_schemas()[name]
    if "enum" in schema:
        yield path
    elif isinstance(value, dict):
        for key, sub in value.items():
            if key in schema.get("properties", {}):
                yield from enum_paths(schema["properties"][key], sub, (*path, key))
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            yield from enum_paths(schema["items"], sub, (*path, i))


def set_at(obj: Any, path: tuple[Any, ...], value: Any) -> None:
    for key in path[:-1]:
        obj = obj[key]
    obj[path[-1]] = value


def add_unknown_fields(value: Any) -> int:
    """Put an unknown field into every object of the payload; returns how many objects were touched."""
    count = 0
    if isinstance(value, dict):
        for sub in list(value.values()):
            count += add_unknown_fields(sub)
        value["fieldFromTheFuture"] = {"nested": [1, "two"]}
        count += 1
    elif isinstance(value, list):
        for sub in value:
            count += add_unknown_fields(sub)
    return count


@pytest.fixture(scope="session")
def make_httpserver() -> Iterator[HTTPServer]:
    """pytest-httpserver's server, on 127.0.0.1 and answering requests concurrently: a client's lookup must not
    wait behind a request the test holds on purpose (as a real server would not make it wait)."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()

"""The public surface: a sorted, complete `__all__`; every operation and every declared error status covered.

Cases are discovered from openapi.yaml, so an operation or error status added there without a client method
or an error class fails here.
"""

from __future__ import annotations

import http
import inspect
import re
import tomllib

import pytest

import flexport_outbounds_client as package
from flexport_outbounds_client import OutboundsClient
from flexport_outbounds_client._errors import STATUS_ERRORS, ServerError, error_class_for_status

from .conftest import ROOT, load_spec

SPEC = load_spec()
HTTP_METHODS = {"get", "post", "put", "patch", "delete"}
OPERATIONS = [op for item in SPEC["paths"].values() for method, op in item.items() if method in HTTP_METHODS]


def snake_case(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def test_all_is_sorted_unique_and_importable() -> None:
    names = list(package.__all__)
    assert names == sorted(names, key=lambda n: (not n.isupper(), n))  # constants first, then classes/functions
    assert len(set(names)) == len(names)
    for name in names:
        assert hasattr(package, name), name


def test_every_public_error_class_is_exported() -> None:
    from flexport_outbounds_client import _errors

    public = {name for name, obj in vars(_errors).items() if inspect.isclass(obj) and issubclass(obj, Exception)}
    assert {name for name in public if not name.startswith("_")} <= set(package.__all__)


def generated_models_and_enums() -> dict[str, type]:
    """Every class the generator wrote into _generated/models/, found module by module (not from its __all__)."""
    import enum
    import importlib
    import pkgutil

    import attrs

    from flexport_outbounds_client._generated import models as generated

    found: dict[str, type] = {}
    for info in pkgutil.iter_modules(generated.__path__):
        module = importlib.import_module(f"{generated.__name__}.{info.name}")
        for name, obj in vars(module).items():
            if (
                inspect.isclass(obj)
                and obj.__module__ == module.__name__
                and (attrs.has(obj) or issubclass(obj, enum.Enum))
            ):
                found[name] = obj
    return found


def test_models_module_exports_every_generated_model_and_enum() -> None:
    from flexport_outbounds_client import models

    generated = generated_models_and_enums()
    assert len(generated) >= 36
    assert sorted(models.__all__) == sorted(generated)  # nothing missing, nothing extra
    for name, cls in generated.items():
        assert getattr(models, name) is cls
        assert not name.startswith("_")


def test_top_level_models_are_those_of_the_models_module() -> None:
    from flexport_outbounds_client import models

    common = [name for name in package.__all__ if name in models.__all__]
    assert {"Order", "OrderStatus", "OrderType", "CreateOrderRequest", "Shipment"} <= set(common)
    for name in common:
        assert getattr(package, name) is getattr(models, name)
    assert not hasattr(package, "Type")  # the spec's `Type` schema is OrderType (generator-config.yaml)


def test_version_is_read_from_the_package_and_has_a_changelog_entry() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "version" in pyproject["project"]["dynamic"]  # hatch reads _version.py: one place for the version
    assert pyproject["tool"]["hatch"]["version"]["path"] == "flexport_outbounds_client/_version.py"
    changelog = (ROOT / "CHANGELOG.md").read_text()
    releases = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$", changelog, re.MULTILINE)
    assert releases and releases[0] == package.__version__  # the newest release section is this version
    assert changelog.index("## Unreleased") < changelog.index(f"## [{package.__version__}]")


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda op: op["operationId"])
def test_every_operation_has_an_async_client_method(operation: dict[str, object]) -> None:
    method = getattr(OutboundsClient, snake_case(str(operation["operationId"])), None)
    assert method is not None and inspect.iscoroutinefunction(method)
    assert method.__doc__ and "Raises:" in method.__doc__


def declared_error_statuses() -> set[str]:
    return {status for op in OPERATIONS for status in op["responses"] if not status.startswith("2")}


def test_every_operation_declares_the_same_error_statuses() -> None:
    expected = {"400", "401", "403", "404", "409", "422", "429", "5XX"}
    for operation in OPERATIONS:
        assert {s for s in operation["responses"] if not s.startswith("2")} == expected


@pytest.mark.parametrize("status", sorted(declared_error_statuses()))
def test_every_declared_error_status_maps_to_its_class(status: str) -> None:
    if status == "5XX":
        codes = [int(s) for s in http.HTTPStatus if 500 <= s <= 599]
        assert codes and all(error_class_for_status(code) is ServerError for code in codes)
        return
    cls = error_class_for_status(int(status))
    assert cls is STATUS_ERRORS[int(status)]
    # RFC 9110 renamed 422 "Unprocessable Content" (Python 3.13's phrase); the class keeps the name httpx, openai
    # and this package's users know, UnprocessableEntityError.
    phrase = http.HTTPStatus(int(status)).phrase.replace(" ", "").replace("TooManyRequests", "RateLimit")
    phrase = phrase.replace("UnprocessableContent", "UnprocessableEntity")
    assert cls.__name__.removesuffix("Error") in {phrase, "Authentication", "PermissionDenied"}


def test_every_public_name_loads_lazily_from_its_module() -> None:
    import subprocess
    import sys

    script = (
        "import flexport_outbounds_client as p; "
        "loaded = [n for n in p.__all__ if n in vars(p)]; "
        "[getattr(p, n) for n in p.__all__]; "
        "print(loaded, sorted(set(p.__all__) - set(vars(p))))"
    )
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "['__version__'] []"  # nothing but the version before first use, everything after
    assert dir(package) == sorted(package.__all__)
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        _ = package.Nope


def test_importing_the_package_loads_neither_httpx_nor_the_models() -> None:
    import subprocess
    import sys

    probe = "import sys, flexport_outbounds_client; print(sorted(m for m in ('httpx', 'attrs') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "[]"


def test_importing_the_client_loads_no_event_loop_machinery_or_optional_extra() -> None:
    # asyncio is imported where the client first awaits (a third of its import time); aiohttp only for its
    # transport; the sandbox's dependencies never. (click and rich are not listed: httpx imports them for its own
    # command line whenever they are installed.)
    import subprocess
    import sys

    unwanted = ("asyncio", "aiohttp", "starlette", "uvicorn", "jsonschema")
    probe = (
        "import sys; from flexport_outbounds_client import OutboundsClient; OutboundsClient('t');"
        f"print(sorted(m for m in {unwanted!r} if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "[]"

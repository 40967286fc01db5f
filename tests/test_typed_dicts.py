"""The request TypedDicts (`flexport_outbounds_client.params`) say what the spec says, for every request body.

Cases come from openapi.yaml: every object a JSON request body can contain must have its `<Model>Param`, with the
schema's required keys required, its other properties `NotRequired`, and each key typed from its schema. A second
test generates a small spec of its own to exercise what openapi.yaml does not have (keys that are not Python
identifiers, a model that contains itself).
"""

from __future__ import annotations

import enum
import importlib
import shutil
import sys
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from flexport_outbounds_client import params

from .conftest import ROOT, class_name, load_spec, run_generator

SPEC = load_spec()
SCHEMAS: dict[str, Any] = SPEC["components"]["schemas"]
JSON_TYPES: dict[str, Any] = {"string": str, "integer": int, "boolean": bool}


def ref_name(schema: dict[str, Any]) -> str:
    return str(schema["$ref"]).rsplit("/", 1)[-1]


def request_body_schemas() -> Iterator[str]:
    for item in SPEC["paths"].values():
        for operation in item.values():
            content = operation.get("requestBody", {}).get("content", {}) if isinstance(operation, dict) else {}
            if "application/json" in content:
                yield ref_name(content["application/json"]["schema"])


def reachable_objects(name: str, found: dict[str, dict[str, Any]]) -> None:
    schema = SCHEMAS[name]
    if schema.get("type") != "object" or name in found:
        return
    found[name] = schema
    for prop in schema.get("properties", {}).values():
        while "items" in prop:
            prop = prop["items"]
        if "$ref" in prop:
            reachable_objects(ref_name(prop), found)


def request_objects() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for name in request_body_schemas():
        reachable_objects(name, found)
    return found


def check_type(schema: dict[str, Any], hint: Any, where: str) -> None:
    """`hint` is what api_init.py.jinja promises for `schema` (see the template's comment)."""
    if "$ref" in schema:
        target = SCHEMAS[ref_name(schema)]
        if "enum" in target:
            literal, enum_class = typing.get_args(hint)
            assert typing.get_origin(literal) is typing.Literal, where
            assert set(typing.get_args(literal)) == set(target["enum"]), where
            assert issubclass(enum_class, enum.Enum), where
            assert enum_class.__name__ == class_name(ref_name(schema)), where
            assert {member.value for member in enum_class} == set(target["enum"]), where
        else:
            assert hint is getattr(params, class_name(ref_name(schema)) + "Param"), where
    elif schema["type"] == "array":
        assert typing.get_origin(hint) is list, where
        check_type(schema["items"], typing.get_args(hint)[0], where + "[]")
    elif schema["type"] == "number":
        assert hint == float | int, where
    else:
        assert hint is JSON_TYPES[schema["type"]], where  # date-time strings are str too: they are sent as text


def test_every_object_of_a_request_body_has_its_typed_dict() -> None:
    expected = {class_name(name) + "Param" for name in request_objects()}
    assert {"CreateOrderRequestParam", "OrderItemParam", "AttachmentUploadUrlRequestParam"} <= expected
    assert sorted(params.__all__) == sorted(expected)
    for name in expected:
        assert typing.is_typeddict(getattr(params, name)), name


@pytest.mark.parametrize("schema_name", sorted(request_objects()))
def test_typed_dict_keys_and_types_follow_the_schema(schema_name: str) -> None:
    schema = request_objects()[schema_name]
    typed_dict = getattr(params, class_name(schema_name) + "Param")
    required = set(schema.get("required", []))
    assert typed_dict.__required_keys__ == required
    assert typed_dict.__optional_keys__ == set(schema["properties"]) - required
    hints = typing.get_type_hints(typed_dict)
    for key, prop in schema["properties"].items():
        check_type(prop, hints[key], f"{schema_name}.{key}")


def test_create_order_takes_the_model_or_the_typed_dict() -> None:
    from flexport_outbounds_client import CreateOrderRequest, CreateOrderRequestParam, OutboundsClient

    hints = typing.get_type_hints(OutboundsClient.create_order)
    assert set(typing.get_args(hints["request"])) == {CreateOrderRequest, CreateOrderRequestParam}
    assert CreateOrderRequestParam is params.CreateOrderRequestParam


# --- what openapi.yaml does not exercise ------------------------------------------------------------------------

ODD_SPEC = {
    "openapi": "3.1.0",
    "info": {"title": "odd", "version": "1"},
    "paths": {
        "/nodes": {
            "post": {
                "operationId": "createNode",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Node"}}},
                },
                "responses": {"200": {"description": "Ok"}},
            }
        }
    },
    "components": {
        "schemas": {
            "Node": {
                "type": "object",
                "required": ["odd-key"],
                "properties": {
                    "odd-key": {"type": "string"},
                    "class": {"type": "integer"},
                    "parent": {"$ref": "#/components/schemas/Node"},
                    "leaves": {"type": "array", "items": {"$ref": "#/components/schemas/Leaf"}},
                },
            },
            "Leaf": {"type": "object", "properties": {"weight": {"type": "number"}}},
        }
    },
}


@pytest.fixture(scope="module")
def odd_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[types.ModuleType]:
    """The `api` package generated with this project's templates and config from ODD_SPEC."""
    work = tmp_path_factory.mktemp("odd")
    (work / "spec.yaml").write_text(yaml.safe_dump(ODD_SPEC))
    config = yaml.safe_load((ROOT / "generator-config.yaml").read_text())
    config.pop("class_overrides")
    (work / "config.yaml").write_text(yaml.safe_dump(config))
    run_generator(work / "spec.yaml", work / "odd_generated", config=work / "config.yaml")
    sys.path.insert(0, str(work))
    try:
        yield importlib.import_module("odd_generated.api")
    finally:
        sys.path.remove(str(work))
        for name in [m for m in sys.modules if m.split(".")[0] == "odd_generated"]:
            del sys.modules[name]
        shutil.rmtree(work, ignore_errors=True)


def test_keys_that_are_not_identifiers_are_kept(odd_api: types.ModuleType) -> None:
    node = odd_api.NodeParam
    assert node.__required_keys__ == {"odd-key"}
    assert node.__optional_keys__ == {"class", "parent", "leaves"}
    source = Path(odd_api.__file__).read_text()
    assert 'NodeParam = TypedDict(\n    "NodeParam",' in source  # functional syntax: any key is a string literal
    assert "class LeafParam(TypedDict):" in source  # the post-hook's UP013 turns the plain ones into classes


def test_a_model_that_contains_itself_is_a_forward_reference(odd_api: types.ModuleType) -> None:
    hints = typing.get_type_hints(odd_api.NodeParam)
    assert hints["parent"] is odd_api.NodeParam
    assert hints["leaves"] == list[odd_api.LeafParam]
    assert hints["class"] is int
    assert sorted(odd_api.__all__) == ["LeafParam", "NodeParam"]

"""The generated package: seed examples round-trip, every operation is generated, models are forward-compatible.

Cases are discovered from openapi.yaml and the documentation's examples, never listed by hand, so a new
operation, enum or field is covered the day it is added to the spec.
"""

from __future__ import annotations

import datetime
import importlib
import inspect
import json
import re
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from flexport_outbounds_client._generated import models
from flexport_outbounds_client._generated.models import (
    AttachmentUploadUrl,
    AttachmentUploadUrlRequest,
    CreateOrderRequest,
    Order,
)
from flexport_outbounds_client._generated.types import ApiRequest

from .conftest import (
    EXAMPLE_MODELS,
    LOCAL_EXAMPLES,
    SHARED_EXAMPLES,
    add_unknown_fields,
    class_name,
    enum_classes,
    enum_paths,
    load_seed_examples,
    load_spec,
    set_at,
)

ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
HTTP_METHODS = {"get", "post", "put", "patch", "delete"}
SPEC = load_spec()
SCHEMAS: dict[str, Any] = SPEC["components"]["schemas"]


def normalize_datetimes(value: Any) -> Any:
    """`2019-08-24T14:15:22Z` and `2019-08-24T14:15:22+00:00` are the same instant; compare them as such."""
    if isinstance(value, dict):
        return {k: normalize_datetimes(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalize_datetimes(v) for v in value]
    if isinstance(value, str) and ISO_DATETIME.match(value):
        return datetime.datetime.fromisoformat(value)
    return value


def validator_for(schema_name: str) -> jsonschema.protocols.Validator:
    resource = Resource.from_contents(SPEC, default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource("urn:spec", resource)
    schema = {"$ref": f"urn:spec#/components/schemas/{schema_name}"}
    return jsonschema.Draft202012Validator(schema, registry=registry)


def test_seed_copy_is_current() -> None:
    if not SHARED_EXAMPLES.exists():
        pytest.skip("../shared is not beside this checkout (sdist); tests/data holds the copy")
    assert json.loads(LOCAL_EXAMPLES.read_text()) == json.loads(SHARED_EXAMPLES.read_text())


# --- seed examples round-trip ----------------------------------------------------------------------------------


def test_every_seed_example_is_covered(seed_examples: list[dict[str, Any]]) -> None:
    assert sorted(i for i, _ in EXAMPLE_MODELS) == list(range(len(seed_examples)))


@pytest.mark.parametrize(("index", "model"), EXAMPLE_MODELS, ids=lambda v: getattr(v, "__name__", str(v)))
def test_seed_example_round_trips(seed_examples: list[dict[str, Any]], index: int, model: Any) -> None:
    example = seed_examples[index]
    parsed = model.from_dict(example)
    assert normalize_datetimes(parsed.to_dict()) == normalize_datetimes(example)
    # and the result is stable: a second trip changes nothing at all
    assert model.from_dict(parsed.to_dict()).to_dict() == parsed.to_dict()


def corrected_create_request(example: dict[str, Any]) -> dict[str, Any]:
    """The documented corrections, plus real values where Redoc printed placeholders (0, "string")."""
    example["currencyCode"] = "USD"  # docs: "LTL" (a shipping type)
    item = example["orderItems"][0]
    item["productData"]["gtin"] = "00012345678905"  # docs: number 0 (drops leading zeros)
    item.update(quantity=12, quantityPerPack=6)  # Redoc placeholder 0; quantities must be > 0
    example["transportationDetails"]["carrierAccountDetails"]["country"] = "US"
    return example


def test_corrected_create_example_validates(seed_examples: list[dict[str, Any]]) -> None:
    validator_for("CreateOrderRequest").validate(corrected_create_request(seed_examples[0]))


def test_documentation_errors_are_rejected_by_the_spec(seed_examples: list[dict[str, Any]]) -> None:
    fixed = corrected_create_request(seed_examples[0])
    fixed["currencyCode"] = "LTL"
    fixed["orderItems"][0]["productData"]["gtin"] = 0
    errors = {tuple(e.absolute_path) for e in validator_for("CreateOrderRequest").iter_errors(fixed)}
    assert errors == {("currencyCode",), ("orderItems", 0, "productData", "gtin")}


def test_attachment_request_example_needs_its_content_type_corrected(seed_examples: list[dict[str, Any]]) -> None:
    validator = validator_for("AttachmentUploadUrlRequest")
    assert not validator.is_valid(seed_examples[4])  # docs sample: "contentType": "string"
    validator.validate({**seed_examples[4], "contentType": "application/pdf"})


# --- every operation is generated ------------------------------------------------------------------------------


def spec_operations() -> Iterator[tuple[str, str, str]]:
    for path, item in SPEC["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield operation["operationId"], method, path


SAMPLE_BODIES: dict[Any, Any] = {
    CreateOrderRequest: CreateOrderRequest.from_dict(load_seed_examples()[0]),
    AttachmentUploadUrlRequest: AttachmentUploadUrlRequest.from_dict(load_seed_examples()[4]),
}


def snake_case(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def test_spec_declares_the_five_documented_operations() -> None:
    assert sorted(op for op, _, _ in spec_operations()) == sorted(
        ["createOrder", "getOrder", "getOrderByExternalId", "getShipmentAttachmentUploadUrl", "cancelOrder"]
    )


@pytest.mark.parametrize(("operation_id", "method", "path"), list(spec_operations()))
def test_every_operation_has_a_request_builder(operation_id: str, method: str, path: str) -> None:
    module = importlib.import_module(f"flexport_outbounds_client._generated.api.outbounds.{snake_case(operation_id)}")
    assert operation_id == module.OPERATION_ID
    signature = inspect.signature(module.build_request).parameters
    params: dict[str, Any] = {name: "x" for name in signature if name not in {"body", "idempotency_key"}}
    if "body" in signature:
        params["body"] = SAMPLE_BODIES[signature["body"].annotation]
    request = module.build_request(**params)
    assert isinstance(request, ApiRequest)
    assert (request.operation_id, request.method) == (operation_id, method.upper())
    assert request.path == re.sub(r"\{[^}]+\}", "x", path)
    assert request.json == (params["body"].to_dict() if "body" in params else None)
    assert request.headers == ({"Content-Type": "application/json"} if "body" in params else {})


def test_the_generated_package_has_no_stock_http_client() -> None:
    # templates/endpoint_module.py.jinja emits request builders only; the post-hook removes what they needed
    package = importlib.import_module("flexport_outbounds_client._generated")
    for name in ("client", "errors"):
        with pytest.raises(ModuleNotFoundError):
            importlib.import_module(f"{package.__name__}.{name}")
    for operation_id, _, _ in spec_operations():
        module = importlib.import_module(f"{package.__name__}.api.outbounds.{snake_case(operation_id)}")
        assert not {"sync", "sync_detailed", "asyncio", "asyncio_detailed", "_parse_response"} & set(vars(module))


# --- forward compatibility -------------------------------------------------------------------------------------


def test_every_spec_enum_is_generated() -> None:
    spec_enums = {name for name, schema in SCHEMAS.items() if "enum" in schema}
    assert {class_name(n) for n in spec_enums} == {cls.__name__ for cls in enum_classes()}


@pytest.mark.parametrize("enum_cls", enum_classes(), ids=lambda cls: cls.__name__)
def test_unknown_enum_value_is_kept(enum_cls: type[Any]) -> None:
    future = enum_cls("SOMETHING_FLEXPORT_ADDS_LATER")
    assert isinstance(future, enum_cls)
    assert future.value == "SOMETHING_FLEXPORT_ADDS_LATER" == str(future) == future
    assert not future.is_known
    assert enum_cls("SOMETHING_FLEXPORT_ADDS_LATER") is future  # cached like a real member
    assert all(member.is_known for member in enum_cls)
    assert "SOMETHING_FLEXPORT_ADDS_LATER" not in enum_cls.__members__  # listing the enum shows the spec's values
    with pytest.raises(ValueError, match="is not a valid"):
        enum_cls(42)


def test_order_with_unknown_value_in_every_enum_field_parses_and_round_trips(
    seed_examples: list[dict[str, Any]],
) -> None:
    payload = seed_examples[1]
    locations = list(enum_paths({"$ref": "#/components/schemas/Order"}, payload))
    assert len(locations) >= 10  # orderStatus, type, shipment status, units, speeds, incoterm, ...
    for n, location in enumerate(locations):
        set_at(payload, location, f"FUTURE_VALUE_{n}")
    order = Order.from_dict(payload)
    assert order.order_status == "FUTURE_VALUE_" + str(locations.index(("orderStatus",)))
    assert normalize_datetimes(order.to_dict()) == normalize_datetimes(payload)


@pytest.mark.parametrize(("index", "model"), EXAMPLE_MODELS, ids=lambda v: getattr(v, "__name__", str(v)))
def test_unknown_fields_are_kept_at_every_level(seed_examples: list[dict[str, Any]], index: int, model: Any) -> None:
    payload = seed_examples[index]
    assert add_unknown_fields(payload) >= 1
    parsed = model.from_dict(payload)
    assert parsed["fieldFromTheFuture"] == {"nested": [1, "two"]}
    assert normalize_datetimes(parsed.to_dict()) == normalize_datetimes(payload)


def test_upload_url_repr_hides_the_signature() -> None:
    target = AttachmentUploadUrl.from_dict(
        {
            "uploadUrl": "https://storage.example/b/k.pdf?X-Amz-Signature=0123456789abcdef&X-Amz-Expires=3600",
            "attachmentType": "SHIPPING_LABELS",
            "expirationTime": "2026-11-27T16:00:00Z",
        }
    )
    assert "0123456789abcdef" not in repr(target)
    assert "upload_url='https://storage.example/b/k.pdf?[REDACTED]'" in repr(target)
    assert target.upload_url.endswith("X-Amz-Expires=3600")  # the value itself is untouched
    assert target.to_dict()["uploadUrl"] == target.upload_url


def test_every_model_field_carries_its_json_key_as_attrs_metadata() -> None:
    # the client's request checks read these (no private module constant); each key is a property of the schema
    import attrs

    for name, schema in SCHEMAS.items():
        if "properties" not in schema:
            continue
        model = getattr(models, class_name(name))
        keys = {f.metadata["json_key"] for f in attrs.fields(model) if "json_key" in f.metadata}
        assert keys == set(schema["properties"]), name
        assert "json_key" not in attrs.fields_dict(model)["additional_properties"].metadata


# --- UNSET -----------------------------------------------------------------------------------------------------


def test_unset_is_one_falsy_sentinel_with_a_readable_repr(seed_examples: list[dict[str, Any]]) -> None:
    import copy
    import pickle

    from flexport_outbounds_client import UNSET, Unset

    assert isinstance(UNSET, Unset)
    assert list(Unset) == [UNSET]
    assert bool(UNSET) is False
    assert repr(UNSET) == "UNSET"
    order = Order.from_dict({k: v for k, v in seed_examples[1].items() if k not in {"notes", "shipBy"}})
    assert order.notes is UNSET
    assert "notes=UNSET" in repr(order)
    assert "object at 0x" not in repr(order)
    for same in (copy.copy(order), copy.deepcopy(order), pickle.loads(pickle.dumps(order))):  # noqa: S301 - our own bytes
        assert same.notes is UNSET
        assert same.to_dict() == order.to_dict()

"""The templates that replace stock ones (endpoint_module, model, types) change nothing a caller can see.

The reference is the same spec generated without them (the stock openapi-python-client endpoint, model, types and
api_init templates, plus this project's enum and package templates): both packages must parse every payload into
equal dicts, with the same key order, the same unknown fields and values, and the same errors, and describe every
request the same way. Speed itself is measured only by `make bench`. Two differences are deliberate and tested
elsewhere: `UNSET` is an enum member that type checkers narrow (test_generated.py), and api_init.py.jinja adds
the request TypedDicts to a file the stock template leaves empty (test_typed_dicts.py).
"""

from __future__ import annotations

import copy
import importlib
import inspect
import json
import shutil
import subprocess
import sys
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flexport_outbounds_client._generated.models import (
    AttachmentUploadUrlRequest,
    CreateOrderRequest,
    Order,
    OrderStatus,
    PackageStatus,
)
from flexport_outbounds_client._generated.types import ApiRequest, enum_from_json, quote_path_segment

from .conftest import (
    EXAMPLE_MODELS,
    ROOT,
    SPEC_PATH,
    add_unknown_fields,
    enum_classes,
    enum_paths,
    load_seed_examples,
    set_at,
)

REPLACED_TEMPLATES = ("endpoint_module.py.jinja", "model.py.jinja", "types.py.jinja", "api_init.py.jinja")


@pytest.fixture(scope="module")
def stock(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """The package as the stock templates generate it, importable as `stock_generated`."""
    work = tmp_path_factory.mktemp("stock")
    templates = work / "templates"
    shutil.copytree(ROOT / "templates", templates)
    for name in REPLACED_TEMPLATES:
        (templates / name).unlink()
    config = yaml.safe_load((ROOT / "generator-config.yaml").read_text())
    config.pop("post_hooks")  # formatting only; the reference is executed, not diffed
    (work / "config.yaml").write_text(yaml.safe_dump(config))
    generator = Path(sys.executable).parent / "openapi-python-client"
    command = [str(generator), "generate", "--path", str(SPEC_PATH), "--meta", "none"]
    command += ["--config", str(work / "config.yaml"), "--custom-template-path", str(templates)]
    command += ["--output-path", str(work / "stock_generated")]
    subprocess.run(command, check=True, capture_output=True, timeout=60)
    # The kept enum template reports drift through types.note_drift, which the stock types.py does not have.
    with (work / "stock_generated" / "types.py").open("a", encoding="utf-8") as types_module:
        types_module.write("\n\ndef note_drift(kind: str, where: str, name: str) -> None:\n    return None\n")
    sys.path.insert(0, str(work))
    try:
        reference = importlib.import_module("stock_generated.models")
        assert "d.pop(" in inspect.getsource(reference.Order.from_dict)  # really the stock model template
        yield reference
    finally:
        sys.path.remove(str(work))
        for name in [m for m in sys.modules if m.split(".")[0] == "stock_generated"]:
            del sys.modules[name]


def maximum_order() -> dict[str, Any]:
    """The documentation's full order grown to the limits: 1,000 items, 50 shipments of 20 packs."""
    order = load_seed_examples()[1]
    item, shipment = order["orderItems"][0], order["shipments"][0]
    order["orderItems"] = [{**copy.deepcopy(item), "logisticsSku": f"SKU{i}"} for i in range(1000)]
    shipment["packDetails"] *= 20
    shipment["shipmentItems"] *= 20
    order["shipments"] = [copy.deepcopy(shipment) for _ in range(50)]
    return order


def both(stock: ModuleType, model: type[Any], payload: dict[str, Any]) -> tuple[str, str]:
    """to_dict() of both packages, as JSON text so key order counts too."""
    fast = model.from_dict(copy.deepcopy(payload)).to_dict()
    reference = getattr(stock, model.__name__).from_dict(copy.deepcopy(payload)).to_dict()
    return json.dumps(fast, default=str), json.dumps(reference, default=str)


@pytest.mark.parametrize(("index", "model"), EXAMPLE_MODELS, ids=lambda v: getattr(v, "__name__", str(v)))
def test_seed_examples_give_what_the_stock_templates_give(stock: ModuleType, index: int, model: type[Any]) -> None:
    payload = load_seed_examples()[index]
    fast, reference = both(stock, model, payload)
    assert fast == reference
    with_unknown = copy.deepcopy(payload)
    add_unknown_fields(with_unknown)
    fast, reference = both(stock, model, with_unknown)
    assert fast == reference
    assert "fieldFromTheFuture" in fast


def test_maximum_order_round_trips_like_stock(stock: ModuleType) -> None:
    payload = maximum_order()
    fast, reference = both(stock, Order, payload)
    assert fast == reference
    order = Order.from_dict(payload)
    assert len(order.order_items) == 1000
    assert [len(s.pack_details) if isinstance(s.pack_details, list) else 0 for s in order.shipments] == [20] * 50
    assert Order.from_dict(order.to_dict()).to_dict() == order.to_dict()


def test_unknown_enum_values_everywhere_like_stock(stock: ModuleType) -> None:
    payload = load_seed_examples()[1]
    for n, location in enumerate(enum_paths({"$ref": "#/components/schemas/Order"}, payload)):
        set_at(payload, location, f"FUTURE_{n}")
    fast, reference = both(stock, Order, payload)
    assert fast == reference
    assert Order.from_dict(payload).order_status.is_known is False


def test_from_dict_copies_unknown_fields_and_leaves_the_source_alone() -> None:
    payload = load_seed_examples()[1]
    payload["fieldFromTheFuture"] = {"nested": [1]}
    before = copy.deepcopy(payload)
    order = Order.from_dict(payload)
    assert payload == before
    assert order.additional_properties == {"fieldFromTheFuture": {"nested": [1]}}
    order["another"] = 1
    assert "another" not in payload
    plain = Order.from_dict(load_seed_examples()[1])
    assert plain.additional_properties == {}
    assert plain.additional_properties is not Order.from_dict(load_seed_examples()[1]).additional_properties


def test_to_dict_key_order_is_unknown_then_required_then_optional(stock: ModuleType) -> None:
    order = Order.from_dict({"notes": "n", "orderId": "1", "type": "B2B", "orderStatus": "BOOKED"} | EMPTY_LISTS)
    order["zExtra"] = 1
    order["orderId"] = "kept by additional_properties, overwritten by the field"
    keys = list(order.to_dict())
    assert keys == ["zExtra", "orderId", "type", "orderStatus", "orderItems", "shipments", "notes"]
    assert order.to_dict()["orderId"] == "1"
    reference = stock.Order.from_dict(order.to_dict())
    reference["zExtra"] = 1
    assert list(reference.to_dict()) == list(Order.from_dict(order.to_dict()).to_dict())


EMPTY_LISTS: dict[str, Any] = {"orderItems": [], "shipments": []}


@pytest.mark.parametrize(
    ("payload", "error"),
    [
        ({"type": "B2B", "orderStatus": "BOOKED"} | EMPTY_LISTS, KeyError),  # required field missing
        ({"orderId": "1", "type": 42, "orderStatus": "BOOKED"} | EMPTY_LISTS, ValueError),  # wrong enum type
        ({"orderId": "1", "type": ["B2B"], "orderStatus": "BOOKED"} | EMPTY_LISTS, ValueError),  # unhashable
        ({"orderId": "1", "type": "B2B", "orderStatus": "BOOKED", "orderItems": None, "shipments": []}, TypeError),
    ],
)
def test_invalid_payloads_raise_what_stock_raises(stock: ModuleType, payload: dict[str, Any], error: type) -> None:
    with pytest.raises(error):
        stock.Order.from_dict(payload)
    with pytest.raises(error):
        Order.from_dict(payload)


def test_explicit_null_of_an_optional_field_is_kept_like_stock(stock: ModuleType) -> None:
    payload = {"orderId": "1", "type": "B2B", "orderStatus": "BOOKED", "notes": None} | EMPTY_LISTS
    fast, reference = both(stock, Order, payload)
    assert fast == reference
    assert '"notes": null' in fast


@pytest.mark.parametrize("enum_cls", enum_classes(), ids=lambda cls: cls.__name__)
def test_enum_from_json_is_the_enum_call(enum_cls: type[Any]) -> None:
    for member in enum_cls:
        assert enum_from_json(enum_cls, member.value) is enum_cls(member.value) is member
        assert enum_from_json(enum_cls, member) is member
    future = enum_from_json(enum_cls, "ADDED_LATER_BY_FLEXPORT")
    assert future is enum_cls("ADDED_LATER_BY_FLEXPORT")
    assert not future.is_known
    for wrong in (42, None, ["B2B"]):
        with pytest.raises(ValueError, match="is not a valid"):
            enum_from_json(enum_cls, wrong)


def test_enum_from_json_returns_the_enum_type() -> None:
    assert type(enum_from_json(OrderStatus, "SHIPPED")) is OrderStatus
    assert type(enum_from_json(PackageStatus, "IN_TRANSIT")) is PackageStatus


def stock_endpoint(name: str) -> ModuleType:
    return importlib.import_module(f"stock_generated.api.outbounds.{name}")


def generated_endpoint(name: str) -> ModuleType:
    return importlib.import_module(f"flexport_outbounds_client._generated.api.outbounds.{name}")


BASE = "https://api.test/logistics/api/2026-02"


def sent_by_stock(call: Callable[..., Any], *args: Any, **kwargs: Any) -> httpx.Request:
    """The request the stock endpoint function `call` (a `sync_detailed`) sends, caught by a mock transport."""
    sent: list[httpx.Request] = []

    def catch(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(418)  # a status the spec does not declare: the stock function returns None for it

    stock_client = importlib.import_module("stock_generated.client").AuthenticatedClient
    with stock_client(BASE, token="t", httpx_args={"transport": httpx.MockTransport(catch)}) as client:
        call(*args, client=client, **kwargs)
    (request,) = sent
    return request


def same_request(request: ApiRequest, stock: httpx.Request) -> None:
    """Our `build_request` describes the request the stock endpoint function sends."""
    ours = httpx.Request(request.method, BASE + request.path)
    assert (ours.method, ours.url.raw_path) == (stock.method, stock.url.raw_path)
    assert stock.url.query == b""  # nothing travels in a query string (ApiRequest has none)
    for name, value in request.headers.items():
        assert stock.headers[name] == value
    declared = {"content-type", "idempotency-key"}
    assert {k for k in stock.headers if k in declared} == {k.lower() for k in request.headers}
    assert (json.loads(stock.content) if stock.content else None) == request.json


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    segment=st.text() | st.text(alphabet="AZaz09_.~-/%?# ", max_size=8) | st.integers(),
    key=st.none() | st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=40),
)
def test_request_builders_describe_what_the_stock_functions_send(
    stock: ModuleType, segment: Any, key: str | None
) -> None:
    # build_request replaces the stock endpoint functions (and quote_path_segment skips urllib's quote for
    # unreserved ids): method, URL, declared headers and body of every operation must be what the stock ones send
    for name in ("get_order", "get_order_by_external_id", "cancel_order"):
        ours = generated_endpoint(name).build_request(segment)
        same_request(ours, sent_by_stock(stock_endpoint(name).sync_detailed, segment))
    body = AttachmentUploadUrlRequest.from_dict({"attachmentType": "SHIPPING_LABELS", "contentType": "application/pdf"})
    stock_body = stock.AttachmentUploadUrlRequest.from_dict(body.to_dict())
    endpoint = "get_shipment_attachment_upload_url"
    same_request(
        generated_endpoint(endpoint).build_request(segment, segment, body=body),
        sent_by_stock(stock_endpoint(endpoint).sync_detailed, segment, segment, body=stock_body),
    )
    order = CreateOrderRequest.from_dict(load_seed_examples()[0])
    stock_order = stock.CreateOrderRequest.from_dict(order.to_dict())
    optional: dict[str, Any] = {} if key is None else {"idempotency_key": key}
    same_request(
        generated_endpoint("create_order").build_request(body=order, **optional),
        sent_by_stock(stock_endpoint("create_order").sync_detailed, body=stock_order, **optional),
    )


@given(value=st.text() | st.integers())
def test_quote_path_segment_is_urllibs_quote(value: Any) -> None:
    assert quote_path_segment(value) == urllib.parse.quote(str(value), safe="")

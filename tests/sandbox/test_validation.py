"""The spec validator itself: the shipped spec, request and response checks, the closed copy, projection."""

from __future__ import annotations

from typing import Any

import pytest

from flexport_outbounds_client._spec import (
    SpecValidator,
    closed_copy,
    field_path,
    is_rfc3339_date_time,
    spec_validator,
)

from ..conftest import load_spec
from .conftest import order_request


def test_the_validator_reads_the_spec_shipped_in_the_package() -> None:
    assert spec_validator().spec == load_spec()
    assert set(spec_validator().operations) == {
        "createOrder",
        "getOrder",
        "getOrderByExternalId",
        "getShipmentAttachmentUploadUrl",
        "cancelOrder",
    }


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("2026-03-02T15:00:00Z", True),
        ("2026-03-02t15:00:00.123+05:30", True),
        ("2024-02-29T00:00:00Z", True),
        ("2026-02-29T00:00:00Z", False),
        ("0000-01-01T00:00:00Z", False),
        ("2026-03-02", False),
        ("2026-03-02T15:00:00", False),
        ("tomorrow", False),
        (12, True),
    ],
)
def test_date_time_format(value: object, valid: bool) -> None:
    assert is_rfc3339_date_time(value) is valid


def test_field_paths() -> None:
    assert field_path([]) == "body"
    assert field_path(["orderItems", 0, "productData", "gtin"]) == "orderItems[0].productData.gtin"


def test_request_errors_are_short_and_sorted() -> None:
    request = order_request(currencyCode="LTL")
    request["orderItems"][1]["productData"]["gtin"] = "12"
    errors = spec_validator().request_body_errors("createOrder", request)
    assert [(e.field, e.message) for e in errors] == [
        ("currencyCode", "'LTL' is not allowed here"),
        ("orderItems[1].productData.gtin", "must match the pattern ^[0-9]{8,14}$"),
    ]


def test_response_checks_use_the_closed_spec() -> None:
    validator = spec_validator()
    order: dict[str, Any] = {
        "orderId": "OB-1",
        "type": "B2B",
        "orderStatus": "PLANNED",
        "orderItems": [],
        "shipments": [],
    }
    assert validator.response_errors("getOrder", 200, "application/json", order) == []
    leaked = {**order, "internalNote": "x", "shipments": [{"shipmentId": "SH-1", "warehouseCost": 3}]}
    errors = validator.response_errors("getOrder", 200, "application/json", leaked)
    assert [e.field for e in errors] == ["internalNote", "shipments[0].warehouseCost"]
    problem = {"status": 404, "title": "Not Found", "errors": []}  # problem details stay open (RFC 7807)
    assert validator.response_errors("getOrder", 404, "application/problem+json", problem) == []
    assert validator.response_errors("getOrder", 503, "application/problem+json", problem) == []  # via 5XX


def test_response_checks_catch_status_media_type_and_body_presence() -> None:
    validator = spec_validator()
    assert validator.response_errors("getOrder", 302, None, None)[0].field == "status"
    assert validator.response_errors("getOrder", 200, "text/html", "<html>")[0].field == "content-type"
    assert validator.response_errors("getOrder", 200, None, None)[0].field == "content-type"
    assert validator.response_errors("cancelOrder", 200, None, None) == []


def test_header_parameters() -> None:
    spec = {
        "openapi": "3.1.0",
        "paths": {
            "/x": {
                "get": {
                    "operationId": "x",
                    "parameters": [
                        {"name": "X-Required", "in": "header", "required": True, "schema": {"type": "string"}},
                        {"name": "q", "in": "query", "schema": {"type": "string"}},
                    ],
                    "responses": {"default": {"description": "any"}},
                }
            }
        },
    }
    validator = SpecValidator(spec)
    assert [e.field for e in validator.header_errors("x", {})] == ["X-Required"]
    assert validator.header_errors("x", {"x-required": "1"}) == []
    assert validator.response_errors("x", 418, None, None) == []  # `default` covers every status


def test_closed_copy_leaves_the_original_and_problem_details_open() -> None:
    spec = load_spec()
    closed = closed_copy(spec)
    assert "unevaluatedProperties" not in spec["components"]["schemas"]["Order"]
    assert closed["components"]["schemas"]["Order"]["unevaluatedProperties"] is False
    assert "unevaluatedProperties" not in closed["components"]["schemas"]["ProblemDetails"]


def test_projection_drops_undeclared_fields_at_every_level() -> None:
    value = {"orderId": "OB-1", "x": 1, "shipments": [{"shipmentId": "S", "y": 2, "packDetails": [{"z": 3}]}]}
    assert spec_validator().project("Order", value) == {
        "orderId": "OB-1",
        "shipments": [{"shipmentId": "S", "packDetails": [{}]}],
    }

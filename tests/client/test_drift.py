"""Drift: fields and enum values a response carries that the spec does not list are kept, logged once per client
(with the correlation id) and counted in `client.drift`; a response without any costs nothing extra."""

from __future__ import annotations

import logging

import pytest
from pytest_httpserver import HTTPServer

from flexport_outbounds_client import Drift, OutboundsClient

from .conftest import CANARY_TOKEN, ORDERS, ok, order_payload


def drifting_order() -> dict[str, object]:
    order = order_payload(orderStatus="ON_HOLD", fieldFromTheFuture=1)
    order["shipments"][0]["status"] = "RETURNED"
    order["shipments"][0]["newShipmentField"] = {"x": 1}
    return order


async def test_drift_is_kept_logged_once_and_counted(
    httpserver: HTTPServer, client: OutboundsClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="flexport_outbounds_client")
    response = ok(drifting_order(), **{"x-correlation-id": "c-drift"})
    httpserver.expect_request(f"{ORDERS}/OB-1001").respond_with_response(response)
    for _ in range(3):
        order = await client.get_order("OB-1001")
    assert order.order_status == "ON_HOLD" and not order.order_status.is_known  # kept
    assert order.additional_properties == {"fieldFromTheFuture": 1}
    expected = {
        Drift("value", "OrderStatus", "ON_HOLD"): 3,
        Drift("field", "Order", "fieldFromTheFuture"): 3,
        Drift("value", "ShipmentStatus", "RETURNED"): 3,
        Drift("field", "Shipment", "newShipmentField"): 3,
    }
    assert client.drift == expected
    warnings = [vars(r) for r in caplog.records if getattr(r, "flexport_drift", None)]
    assert sorted(w["flexport_drift"] for w in warnings) == sorted(str(d) for d in expected)  # once each
    assert {w["flexport_correlation_id"] for w in warnings} == {"c-drift"}
    assert all(w["flexport_operation"] == "getOrder" for w in warnings)


async def test_drift_is_per_client_and_a_clean_response_adds_none(httpserver: HTTPServer, base_url: str) -> None:
    httpserver.expect_request(f"{ORDERS}/OB-D").respond_with_json(drifting_order())
    httpserver.expect_request(f"{ORDERS}/OB-1001").respond_with_json(order_payload())
    async with (
        OutboundsClient(CANARY_TOKEN, base_url=base_url) as first,
        OutboundsClient(CANARY_TOKEN, base_url=base_url) as second,
    ):
        await first.get_order("OB-D")
        await second.get_order("OB-1001")
        await first.get_order("OB-1001")
        assert len(first.drift) == 4 and sum(first.drift.values()) == 4
        assert second.drift == {}


async def test_a_drifting_name_is_shown_without_secrets(
    httpserver: HTTPServer, client: OutboundsClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="flexport_outbounds_client")
    httpserver.expect_request(f"{ORDERS}/OB-1001").respond_with_json(order_payload(orderStatus=f"X-{CANARY_TOKEN}"))
    await client.get_order("OB-1001")
    assert CANARY_TOKEN not in repr(client.drift) and CANARY_TOKEN not in caplog.text

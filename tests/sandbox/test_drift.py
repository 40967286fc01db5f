"""Drift mode: each kind, in process and served, response validation left on, the sandbox's own state untouched,
and the client taking each the way the README promises (kept, counted in `client.drift`, or simply tolerated)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from flexport_outbounds_client import Drift, OrderStatus
from flexport_outbounds_client.sandbox import DRIFT_KINDS, Sandbox
from flexport_outbounds_client.sandbox._drift import EXTRA_FIELD, NEW_ORDER_STATUS, drift_kinds

from .conftest import AUTH, ORDERS, create, order_request


def drifting(*kinds: str) -> Sandbox:
    return Sandbox(seed=7, validate_responses=True, drift=kinds)


@pytest.fixture
async def raw(request: pytest.FixtureRequest) -> AsyncIterator[tuple[Sandbox, httpx.AsyncClient]]:
    sandbox = drifting(*request.param)
    async with sandbox.http_client(headers=AUTH) as http:
        yield sandbox, http


# -- the setting --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        (None, set()),
        ("", set()),
        ("all", set(DRIFT_KINDS)),
        ("extra_field,new_enum_value", {"extra_field", "new_enum_value"}),
        (" missing_correlation_id , ", {"missing_correlation_id"}),
        (["duplicate_external_id_returns_existing"], {"duplicate_external_id_returns_existing"}),
        (["extra_field", "all"], set(DRIFT_KINDS)),
    ],
)
def test_drift_settings(setting: Any, expected: set[str]) -> None:
    assert drift_kinds(setting) == expected
    assert Sandbox(drift=setting).drift == expected


def test_an_unknown_drift_kind_is_refused_with_the_list() -> None:
    with pytest.raises(ValueError, match="unknown drift kind 'extra_fields'; expected 'all' or any of extra_field"):
        Sandbox(drift="extra_fields")


def test_no_drift_by_default_and_settable() -> None:
    sandbox = Sandbox()
    assert sandbox.drift == frozenset()
    sandbox.drift = "all"  # the setter takes every form the constructor does
    assert sandbox.drift == frozenset(DRIFT_KINDS)


# -- each kind, in process ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("raw", [("extra_field",)], indirect=True)
async def test_extra_field_in_every_order_its_shipments_and_items(raw: tuple[Sandbox, httpx.AsyncClient]) -> None:
    sandbox, http = raw
    created = await create(http)
    read = (await http.get(f"{ORDERS}/{created['orderId']}")).json()
    by_external_id = (await http.get(f"{ORDERS}/external_id/PO-1001")).json()
    for order in (created, read, by_external_id):
        assert order[EXTRA_FIELD]
        assert all(EXTRA_FIELD in shipment for shipment in order["shipments"])
        assert all(EXTRA_FIELD in item for item in order["orderItems"])
    assert EXTRA_FIELD not in sandbox.orders.raw(created["orderId"])  # the state stays faithful
    problem = (await http.get(f"{ORDERS}/OB-404")).json()
    assert EXTRA_FIELD not in problem


@pytest.mark.parametrize("raw", [("new_enum_value",)], indirect=True)
async def test_new_enum_value_in_every_order(raw: tuple[Sandbox, httpx.AsyncClient]) -> None:
    sandbox, http = raw
    created = await create(http)
    assert created["orderStatus"] == NEW_ORDER_STATUS
    sandbox.advance(created["orderId"], to=OrderStatus.SHIPPED)
    assert (await http.get(f"{ORDERS}/{created['orderId']}")).json()["orderStatus"] == NEW_ORDER_STATUS
    assert sandbox.orders[created["orderId"]].order_status == OrderStatus.SHIPPED


@pytest.mark.parametrize("raw", [("missing_correlation_id",)], indirect=True)
async def test_missing_correlation_id_on_api_responses_only(raw: tuple[Sandbox, httpx.AsyncClient]) -> None:
    sandbox, http = raw
    created = await http.post(ORDERS, json=order_request())
    not_found = await http.get(f"{ORDERS}/OB-404")
    sandbox.faults.add("rate_limit", operation="getOrder")
    limited = await http.get(f"{ORDERS}/OB-404")
    assert (created.status_code, not_found.status_code, limited.status_code) == (200, 404, 429)
    for response in (created, not_found, limited):
        assert "x-correlation-id" not in response.headers
    control = await http.get("http://sandbox.invalid/_sandbox/orders")
    assert control.headers["x-correlation-id"]


@pytest.mark.parametrize("raw", [("duplicate_external_id_returns_existing",)], indirect=True)
async def test_a_duplicate_external_id_answers_the_existing_order(raw: tuple[Sandbox, httpx.AsyncClient]) -> None:
    sandbox, http = raw
    first = await create(http)
    again = await http.post(ORDERS, json=order_request(notes="another body"), headers={"Idempotency-Key": "k-2"})
    assert again.status_code == 200, again.text
    assert again.json() == first
    assert len(sandbox.orders) == 1
    other = await create(http, externalId="PO-2")  # a new externalId still creates
    assert other["orderId"] != first["orderId"]


async def test_without_drift_a_duplicate_external_id_is_still_409() -> None:
    sandbox = drifting("extra_field", "new_enum_value", "missing_correlation_id")
    async with sandbox.http_client(headers=AUTH) as http:
        await create(http)
        assert (await http.post(ORDERS, json=order_request())).status_code == 409


# -- served, all at once ------------------------------------------------------------------------------------------
async def test_all_drift_over_http() -> None:
    sandbox = drifting("all")
    async with sandbox.serve() as base_url, httpx.AsyncClient(base_url=base_url, headers=AUTH) as http:
        created = await http.post(f"{base_url}{ORDERS}", json=order_request())
        again = await http.post(f"{base_url}{ORDERS}", json=order_request())
        for response in (created, again):
            assert response.status_code == 200
            assert "x-correlation-id" not in response.headers
            assert response.json()[EXTRA_FIELD]
            assert response.json()["orderStatus"] == NEW_ORDER_STATUS
        assert again.json()["orderId"] == created.json()["orderId"]
    assert len(sandbox.orders) == 1


# -- the client ---------------------------------------------------------------------------------------------------
async def test_the_client_keeps_and_counts_an_extra_field_and_a_new_status() -> None:
    sandbox = drifting("extra_field", "new_enum_value")
    async with sandbox.client() as client:
        order = await client.create_order(order_request())
        again = await client.get_order(order.order_id)
        drift = client.drift
    for seen in (order, again):
        assert seen.additional_properties[EXTRA_FIELD]
        assert seen.shipments[0].additional_properties[EXTRA_FIELD]
        assert not seen.order_status.is_known
        assert str(seen.order_status) == NEW_ORDER_STATUS
    assert drift[Drift("field", "Order", EXTRA_FIELD)] == 2
    assert drift[Drift("field", "Shipment", EXTRA_FIELD)] == 2
    assert drift[Drift("value", "OrderStatus", NEW_ORDER_STATUS)] == 2


async def test_the_client_tolerates_a_missing_correlation_id() -> None:
    sandbox = drifting("missing_correlation_id")
    async with sandbox.client() as client:
        details = await client.with_details.create_order(order_request())
    assert details.status_code == 200
    assert details.correlation_id is None


async def test_exactly_once_creation_holds_when_a_duplicate_answers_the_existing_order() -> None:
    sandbox = drifting("duplicate_external_id_returns_existing")
    async with sandbox.client() as client:
        first = await client.create_order(order_request())
        second = await client.create_order(order_request())
    assert second.order_id == first.order_id
    assert len(sandbox.orders) == 1

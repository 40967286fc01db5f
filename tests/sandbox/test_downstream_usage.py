"""Written the way a team that depends on flexport-outbounds-client would test its own code with the sandbox.

Nothing here comes from this project's test helpers: only the installed package and the `outbounds_sandbox`
fixture, which pytest finds through the package's `pytest11` entry point.
"""

from __future__ import annotations

import pytest

from flexport_outbounds_client import APIConnectionError, OrderStatus, OutboundsClient, RetryPolicy
from flexport_outbounds_client.sandbox import Sandbox

# --- the "application code" under test: a tiny fulfilment service of some downstream team ----------------------


async def submit_purchase_order(client: OutboundsClient, po_number: str, lines: dict[str, int]) -> str:
    """Send one purchase order to Flexport; returns Flexport's order id. Safe to call again after a failure."""
    order = await client.create_order(
        {
            "type": "B2B",
            "externalId": po_number,
            "orderItems": [
                {"logisticsSku": sku, "quantity": qty, "quantityUOM": "EACH"} for sku, qty in sorted(lines.items())
            ],
            "shipToAddress": {
                "name": "Store 118 receiving",
                "street1": "200 Elm St",
                "city": "Columbus",
                "state": "OH",
                "zip": "43215",
                "country": "US",
            },
            "transportationDetails": {"shippingPartner": "FLEXPORT", "shippingType": "LTL"},
        }
    )
    return order.order_id


async def tracking_numbers(client: OutboundsClient, po_number: str) -> list[str]:
    """Tracking numbers of a purchase order's packs, once it has shipped."""
    order = await client.get_order_by_external_id(po_number)
    return [pack.tracking_number for shipment in order.shipments for pack in shipment.pack_details or []]


# --- the tests ---------------------------------------------------------------------------------------------------

RETRY_FAST = RetryPolicy(max_retries=3, initial_delay=0.001, max_delay=0.01)


async def test_a_purchase_order_is_submitted_and_tracked(outbounds_sandbox: Sandbox) -> None:
    async with outbounds_sandbox.client(retry_policy=RETRY_FAST) as client:
        order_id = await submit_purchase_order(client, "PO-77", {"SKU-1": 24, "SKU-2": 6})
        assert await tracking_numbers(client, "PO-77") == []  # not packed yet

        outbounds_sandbox.advance(order_id, to=OrderStatus.SHIPPED)
        numbers = await tracking_numbers(client, "PO-77")

    assert numbers
    assert all(numbers)
    assert outbounds_sandbox.orders[order_id].order_status == OrderStatus.SHIPPED


async def test_a_lost_response_does_not_create_a_second_order(outbounds_sandbox: Sandbox) -> None:
    outbounds_sandbox.faults.add("commit_then_drop", operation="createOrder")
    async with outbounds_sandbox.client(retry_policy=RETRY_FAST) as client:
        first = await submit_purchase_order(client, "PO-78", {"SKU-1": 1})
        again = await submit_purchase_order(client, "PO-78", {"SKU-1": 1})  # the service retries the whole job
    assert first == again
    assert len(outbounds_sandbox.orders) == 1


async def test_an_outage_reaches_the_service_as_a_typed_error(outbounds_sandbox: Sandbox) -> None:
    outbounds_sandbox.faults.add("commit_then_drop", operation="getOrderByExternalId", times=None)
    async with outbounds_sandbox.client(retry_policy=RetryPolicy(max_retries=1, initial_delay=0)) as client:
        with pytest.raises(APIConnectionError):
            await tracking_numbers(client, "PO-79")


async def test_the_same_fixture_over_real_http(outbounds_sandbox: Sandbox) -> None:
    async with (
        outbounds_sandbox.serve() as base_url,
        OutboundsClient(outbounds_sandbox.token, base_url=base_url, retry_policy=RETRY_FAST) as client,
    ):
        order_id = await submit_purchase_order(client, "PO-80", {"SKU-9": 3})
    assert order_id in outbounds_sandbox.orders


def test_each_test_gets_a_fresh_sandbox(outbounds_sandbox: Sandbox) -> None:
    assert len(outbounds_sandbox.orders) == 0
    assert outbounds_sandbox.requests == ()


def test_the_fixture_checks_responses_and_uses_the_default_token(outbounds_sandbox: Sandbox) -> None:
    assert outbounds_sandbox.validate_responses  # the fixture checks every response against the spec
    assert outbounds_sandbox.token == "sandbox-token"

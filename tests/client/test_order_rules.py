"""The order rules client and command line share (`_orders`), and the bugs their single home fixed.

- Line-item identity covers every identifier: items identified only by `buyerPartNumber` used to compare equal
  whatever their part numbers (their key was ""), so a different order was returned as if it were this one.
- Errors carry only statuses that were received: a duplicate found by the lookup after a timeout is not a 409.
- Client and sandbox agree on RFC 3339 date-times (they once disagreed on a trailing newline).
"""

from __future__ import annotations

from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from flexport_outbounds_client import DuplicateExternalIdError, OutboundsClient, RequestValidationError
from flexport_outbounds_client._orders import differences, same_items

from .conftest import CANARY_TOKEN, FAST_RETRIES, ORDERS, create_request, ok, order_payload, problem, slow


def by_part_number(part: str, quantity: int = 5) -> dict[str, Any]:
    return {"productData": {"buyerPartNumber": part}, "quantity": quantity, "quantityUOM": "EACH"}


def test_items_named_only_by_buyer_part_number_differ_by_part_number() -> None:
    assert not same_items([by_part_number("BPN-1")], [by_part_number("BPN-2")])
    assert same_items([by_part_number("BPN-1")], [by_part_number("BPN-1")])


@pytest.mark.parametrize(
    ("requested", "existing", "same"),
    [
        (
            [{"logisticsSku": "A", "quantity": 1, "quantityUOM": "EACH"}],
            [{"logisticsSku": "A", "quantity": 1.0, "quantityUOM": "EACH"}],
            True,
        ),
        (
            [{"logisticsSku": "A", "quantity": 1, "quantityUOM": "EACH"}],
            [{"logisticsSku": "A", "quantity": 2, "quantityUOM": "EACH"}],
            False,
        ),
        (
            [{"logisticsSku": "A", "quantity": 1, "quantityUOM": "EACH"}],
            [{"logisticsSku": "A", "quantity": 1, "quantityUOM": "CASE"}],
            False,
        ),
        # the server may add an identifier (a logisticsSku resolved from productData): still the same item
        (
            [{"productData": {"gtin": "00012345678905"}, "quantity": 3, "quantityUOM": "EACH"}],
            [
                {
                    "logisticsSku": "DSKU1",
                    "productData": {"gtin": "00012345678905"},
                    "quantity": 3,
                    "quantityUOM": "EACH",
                }
            ],
            True,
        ),
        # but an identifier the request gives must be there, with its value
        (
            [{"productData": {"sku": "S", "upc": "012345678905"}, "quantity": 3, "quantityUOM": "EACH"}],
            [{"productData": {"sku": "S", "upc": "999999999999"}, "quantity": 3, "quantityUOM": "EACH"}],
            False,
        ),
        # one for one: two requested items cannot both match one existing item
        (
            [by_part_number("P"), {"logisticsSku": "B", "quantity": 5, "quantityUOM": "EACH"}],
            [by_part_number("P")],
            False,
        ),
        ([by_part_number("P"), by_part_number("Q")], [by_part_number("Q"), by_part_number("P")], True),
    ],
)
def test_same_items(requested: list[dict[str, Any]], existing: list[dict[str, Any]], same: bool) -> None:
    assert same_items(requested, existing) is same


async def test_a_409_for_an_order_of_other_part_numbers_is_a_duplicate(
    httpserver: HTTPServer, client: OutboundsClient
) -> None:
    httpserver.expect_request(ORDERS, method="POST").respond_with_response(problem(409, "Conflict"))
    other = order_payload(orderItems=[by_part_number("BPN-OTHER")])
    httpserver.expect_request(f"{ORDERS}/external_id/PO-1001").respond_with_response(ok(other))
    with pytest.raises(DuplicateExternalIdError):
        await client.create_order(create_request(orderItems=[by_part_number("BPN-MINE")]))


async def test_a_duplicate_found_after_a_timeout_claims_no_status(httpserver: HTTPServer, base_url: str) -> None:
    # the create times out (nothing was answered), the lookup finds an order with other items: no 409 was received
    httpserver.expect_request(ORDERS, method="POST").respond_with_handler(slow(0.6, ok(order_payload())))
    other = order_payload(orderItems=[{"logisticsSku": "SKU-OTHER", "quantity": 1, "quantityUOM": "EACH"}])
    httpserver.expect_request(f"{ORDERS}/external_id/PO-1001").respond_with_response(ok(other))
    async with OutboundsClient(CANARY_TOKEN, base_url=base_url, retry_policy=FAST_RETRIES, timeout=0.2) as client:
        with pytest.raises(DuplicateExternalIdError) as info:
            await client.create_order(create_request())
    assert info.value.conflict is None
    assert getattr(info.value, "status_code", None) is None
    assert info.value.existing_order_id == "OB-1001"


@pytest.mark.parametrize("value", ["2026-03-02T15:00:00Z\n", "2026-03-02T15:00:00Z", "2026-02-30T15:00:00Z"])
async def test_client_and_sandbox_agree_on_date_times(value: str) -> None:
    from flexport_outbounds_client.sandbox import Sandbox

    sandbox = Sandbox()
    client_accepts = True
    try:
        async with sandbox.client() as client:
            await client.create_order(create_request(externalId="PO-CLIENT", shipBy=value))
    except RequestValidationError:
        client_accepts = False
    async with sandbox.http_client(headers={"Authorization": f"Bearer {sandbox.token}"}) as http:
        response = await http.post("/outbounds/orders", json=create_request(externalId="PO-RAW", shipBy=value))
    assert client_accepts is (response.status_code == 200), response.text


# --- "the same order": everything the request states --------------------------------------------------------


def stored(**changes: Any) -> dict[str, Any]:
    """The order the API keeps for `create_request()`, with `changes` made to it."""
    return order_payload(**changes)


@pytest.mark.parametrize(
    ("change", "differing"),
    [
        (lambda o: o["shipments"][0]["shipToAddress"].update(street1="9 Other Rd"), ["shipToAddress.street1"]),
        (
            lambda o: o["shipments"][0]["transportationDetails"].update(shippingType="FTL"),
            ["transportationDetails.shippingType"],
        ),
        (
            lambda o: o.update(orderItems=[{"logisticsSku": "SKU-A", "quantity": 13, "quantityUOM": "CASE"}]),
            ["orderItems"],
        ),
        (lambda o: o.update(shipBy="2026-03-03T15:00:00Z"), ["shipBy"]),
        (lambda o: o.update(notes="other"), ["notes"]),
    ],
)
def test_a_changed_field_makes_another_order(change: Any, differing: list[str]) -> None:
    request = create_request(shipBy="2026-03-02T15:00:00Z", notes="dock 4")
    order = stored(shipBy="2026-03-02T15:00:00+00:00", notes="dock 4")
    assert differences(request, order) == []
    change(order)
    assert differences(request, order) == differing


def test_what_a_server_may_do_to_a_stored_order_is_not_a_difference() -> None:
    request = create_request(shipBy="2026-03-02T15:00:00Z", notes="Dock  4 ")
    request["orderItems"] = [{"productData": {"gtin": "00012345678905"}, "quantity": 24, "quantityUOM": "CASE"}]
    request["currencyCode"] = "USD"  # an Order does not carry it
    order = stored(shipBy="2026-03-02T16:00:00+01:00", notes="dock 4", orderStatus="SHIPPED")
    order["orderItems"] = [
        {"logisticsSku": "DSKU12", "productData": {"gtin": "00012345678905"}, "quantity": 24.0, "quantityUOM": "CASE"}
    ]
    address = order["shipments"][0]["shipToAddress"]
    address.update(state=address["state"].lower(), country=f" {address['country']} ")
    assert differences(request, order) == []


async def test_a_409_for_the_same_po_with_another_address_is_a_duplicate(
    httpserver: HTTPServer, client: OutboundsClient
) -> None:
    httpserver.expect_request(ORDERS, method="POST").respond_with_response(problem(409, "Conflict"))
    old = order_payload()
    old["shipments"][0]["shipToAddress"]["street1"] = "1 Old Address"
    httpserver.expect_request(f"{ORDERS}/external_id/PO-1001").respond_with_response(ok(old))
    with pytest.raises(DuplicateExternalIdError) as info:
        await client.create_order(create_request())
    assert info.value.differences == ("shipToAddress.street1",)
    assert "differs from this request in shipToAddress.street1" in str(info.value)

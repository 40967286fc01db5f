"""The five operations over raw HTTP, in process: status codes, bodies, headers, validation and business rules."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from flexport_outbounds_client.sandbox import Sandbox

from .conftest import AUTH, ORDERS, create, order_request, upload_body

PROBLEM = "application/problem+json"


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["type"].startswith("https://logistics-api.flexport.com/logistics/api/2026-02/documentation/spec#")
    assert body["title"]
    assert body["detail"]
    assert body["instance"] == response.headers["x-correlation-id"]
    return body


async def test_create_returns_a_planned_order_with_a_shipment(http: httpx.AsyncClient) -> None:
    response = await http.post(ORDERS, json=order_request())
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    order = response.json()
    assert order["orderId"].startswith("OB-")
    assert order["orderId"][3:].isdigit()
    assert order["orderStatus"] == "PLANNED"
    assert order["externalId"] == "PO-1001"
    assert order["type"] == "B2B"
    assert order["ingestionChannel"] == "API"
    assert order["orderItems"] == order_request()["orderItems"]
    (shipment,) = order["shipments"]
    assert shipment["status"] == "PLANNED"
    assert shipment["shipmentId"].startswith("SH-")
    assert shipment["shipToAddress"] == order_request()["shipToAddress"]
    assert shipment["shipFromAddress"]["company"] == "Flexport"
    assert next(i["logisticsSku"] for i in shipment["shipmentItems"]) == "SKU-A"
    assert shipment["shipmentItems"][1]["logisticsSku"].startswith("DSKU")  # resolved from productData
    assert all(i["shippedQuantity"] == 0 for i in shipment["shipmentItems"])
    assert "idempotent-replayed" not in response.headers
    assert "currencyCode" not in order  # request-only fields are not echoed


async def test_every_response_has_a_fresh_uuid4_correlation_id(http: httpx.AsyncClient) -> None:
    responses = [
        await http.post(ORDERS, json=order_request()),
        await http.get(f"{ORDERS}/OB-0"),
        await http.get("/nowhere"),
        await http.get("/documentation/raw"),
    ]
    ids = [uuid.UUID(r.headers["x-correlation-id"]) for r in responses]
    assert all(i.version == 4 for i in ids)
    assert len(set(ids)) == len(ids)


async def test_get_by_id_and_by_external_id(http: httpx.AsyncClient) -> None:
    order = await create(http)
    by_id = await http.get(f"{ORDERS}/{order['orderId']}")
    by_external = await http.get(f"{ORDERS}/external_id/PO-1001")
    assert by_id.status_code == by_external.status_code == 200
    assert by_id.json() == by_external.json() == order


@pytest.mark.parametrize(
    "path", [f"{ORDERS}/OB-404", f"{ORDERS}/external_id/nope", f"{ORDERS}/OB-404/shipments/SH-1/attachments/upload_url"]
)
async def test_unknown_ids_are_404(http: httpx.AsyncClient, path: str) -> None:
    if path.endswith("upload_url"):
        response = await http.post(path, json=upload_body())
    else:
        response = await http.get(path)
    body = assert_problem(response, 404)
    assert "cannot find" in body["detail"]


async def test_cancel_of_an_unknown_order_is_404(http: httpx.AsyncClient) -> None:
    assert_problem(await http.post(f"{ORDERS}/OB-404/cancel"), 404)


async def test_unknown_shipment_of_a_known_order_is_404(http: httpx.AsyncClient) -> None:
    order = await create(http)
    response = await http.post(f"{ORDERS}/{order['orderId']}/shipments/SH-0/attachments/upload_url", json=upload_body())
    assert "has no shipment SH-0" in assert_problem(response, 404)["detail"]


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic c2FuZGJveA=="}, {"Authorization": "Bearer "}],
)
async def test_missing_or_wrong_token_is_401(sandbox: Sandbox, headers: dict[str, str]) -> None:
    async with sandbox.http_client(headers=headers) as raw:
        response = await raw.post(ORDERS, json=order_request())
    body = assert_problem(response, 401)
    assert set(body) == {"status", "type", "title", "detail", "instance", "code", "message"}
    assert body["code"] == 401
    assert body["message"] == "Unauthorized"
    assert not sandbox.orders


async def test_the_bearer_scheme_is_case_insensitive(sandbox: Sandbox) -> None:
    async with sandbox.http_client(headers={"Authorization": "bearer sandbox-token"}) as raw:
        assert (await raw.get(f"{ORDERS}/OB-1")).status_code == 404


async def test_a_custom_token(clock: Any) -> None:
    sandbox = Sandbox(token="t0k3n", clock=clock)
    async with sandbox.http_client(headers={"Authorization": "Bearer t0k3n"}) as raw:
        assert (await raw.post(ORDERS, json=order_request())).status_code == 200
    async with sandbox.http_client(headers=AUTH) as raw:
        assert (await raw.post(ORDERS, json=order_request())).status_code == 401


async def test_a_bad_body_is_400_naming_every_field(http: httpx.AsyncClient) -> None:
    request = order_request(type="DROP_SHIP", shipBy="tomorrow")
    del request["shipToAddress"]["city"]
    request["orderItems"][0]["quantity"] = 0
    request["orderItems"][1]["quantityUOM"] = "PALLET"
    body = assert_problem(await http.post(ORDERS, json=request), 400)
    fields = {e["field"] for e in body["errors"]}
    assert fields == {
        "type",
        "shipBy",
        "shipToAddress.city",
        "orderItems[0].quantity",
        "orderItems[1].quantityUOM",
    }
    for field in fields:
        assert field in body["detail"]


@pytest.mark.parametrize("count", [0, 1001])
async def test_item_count_limits_are_400(http: httpx.AsyncClient, count: int) -> None:
    items = [{"logisticsSku": f"SKU-{i}", "quantity": 1, "quantityUOM": "EACH"} for i in range(count)]
    body = assert_problem(await http.post(ORDERS, json=order_request(orderItems=items)), 400)
    assert body["errors"][0]["field"] == "orderItems"
    assert len(body["detail"]) < 300  # the 1001-item array is not echoed back


async def test_the_item_count_limit_is_inclusive(http: httpx.AsyncClient) -> None:
    items = [{"logisticsSku": f"SKU-{i}", "quantity": 1, "quantityUOM": "EACH"} for i in range(1000)]
    order = await create(http, orderItems=items)
    assert len(order["shipments"][0]["shipmentItems"]) == 1000


@pytest.mark.parametrize(
    ("items", "field"),
    [
        (
            [
                {"logisticsSku": "SKU-A", "quantity": 1, "quantityUOM": "EACH"},
                {"logisticsSku": "SKU-A", "quantity": 2, "quantityUOM": "CASE"},
            ],
            "orderItems[1].logisticsSku",
        ),
        (
            [
                {"productData": {"sku": "W"}, "quantity": 1, "quantityUOM": "EACH"},
                {"productData": {"sku": "W", "upc": "1"}, "quantity": 2, "quantityUOM": "EACH"},
            ],
            "orderItems[1].productData.sku",
        ),
        ([{"quantity": 1, "quantityUOM": "EACH"}], "orderItems[0].productData"),
        ([{"productData": {}, "quantity": 1, "quantityUOM": "EACH"}], "orderItems[0].productData"),
    ],
)
async def test_business_rules_are_422(http: httpx.AsyncClient, items: list[dict[str, Any]], field: str) -> None:
    body = assert_problem(await http.post(ORDERS, json=order_request(orderItems=items)), 422)
    assert [e["field"] for e in body["errors"]] == [field]


@pytest.mark.parametrize(
    ("content", "content_type"),
    [(b"{not json", "application/json"), (b'{"type": NaN}', "application/json"), (b"{}", "text/plain"), (b"", "")],
)
async def test_unparseable_bodies_are_400(http: httpx.AsyncClient, content: bytes, content_type: str) -> None:
    response = await http.post(ORDERS, content=content, headers={"Content-Type": content_type})
    assert_problem(response, 400)


async def test_a_json_array_body_is_400(http: httpx.AsyncClient) -> None:
    body = assert_problem(await http.post(ORDERS, json=[1]), 400)
    assert body["errors"] == [{"field": "body", "message": "must be of type object"}]


async def test_an_overlong_idempotency_key_is_400(http: httpx.AsyncClient) -> None:
    response = await http.post(ORDERS, json=order_request(), headers={"Idempotency-Key": "k" * 256})
    assert assert_problem(response, 400)["errors"][0]["field"] == "Idempotency-Key"


async def test_a_second_create_with_the_same_external_id_is_409_naming_the_order(http: httpx.AsyncClient) -> None:
    first = await create(http)
    body = assert_problem(await http.post(ORDERS, json=order_request()), 409)
    assert first["orderId"] in body["detail"]
    assert "PO-1001" in body["detail"]


async def test_orders_without_external_id_are_independent(http: httpx.AsyncClient, sandbox: Sandbox) -> None:
    request = order_request()
    del request["externalId"]
    for _ in range(2):
        assert (await http.post(ORDERS, json=request)).status_code == 200
    assert len(sandbox.orders) == 2


async def test_idempotency_key_replays_the_original_response(http: httpx.AsyncClient, sandbox: Sandbox) -> None:
    headers = {"Idempotency-Key": "key-1"}
    first = await http.post(ORDERS, json=order_request(), headers=headers)
    sandbox.advance(first.json()["orderId"])
    again = await http.post(ORDERS, json=order_request(), headers=headers)
    assert again.status_code == 200
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()  # the original response, not the order's current state
    assert len(sandbox.orders) == 1


async def test_idempotency_key_with_a_different_body_is_409(http: httpx.AsyncClient, sandbox: Sandbox) -> None:
    headers = {"Idempotency-Key": "key-1"}
    await http.post(ORDERS, json=order_request(), headers=headers)
    response = await http.post(ORDERS, json=order_request(notes="changed"), headers=headers)
    assert "key-1" in assert_problem(response, 409)["detail"]  # the spec's Conflict response names this case
    assert len(sandbox.orders) == 1


async def test_cancel_planned_and_booked_then_again_is_a_no_op(http: httpx.AsyncClient, sandbox: Sandbox) -> None:
    planned = await create(http, externalId="A")
    booked = await create(http, externalId="B")
    sandbox.advance(booked["orderId"])
    for order in (planned, booked, planned):
        response = await http.post(f"{ORDERS}/{order['orderId']}/cancel")
        assert response.status_code == 200
        assert response.content == b""
        assert "content-type" not in response.headers
    for order in (planned, booked):
        current = (await http.get(f"{ORDERS}/{order['orderId']}")).json()
        assert current["orderStatus"] == "CANCELLED"
        assert current["shipments"][0]["status"] == "CANCELLED"


@pytest.mark.parametrize("status", ["IN_PROGRESS", "SHIPPED", "DELIVERED"])
async def test_cancel_after_booking_is_409_saying_the_status(
    http: httpx.AsyncClient, sandbox: Sandbox, status: str
) -> None:
    order = await create(http)
    sandbox.advance(order["orderId"], to=status)
    body = assert_problem(await http.post(f"{ORDERS}/{order['orderId']}/cancel"), 409)
    assert status in body["detail"]
    assert "PLANNED or BOOKED" in body["detail"]
    assert sandbox.orders[order["orderId"]].order_status == status


async def test_unknown_paths_are_404_and_unknown_methods_405_with_allow(http: httpx.AsyncClient) -> None:
    assert_problem(await http.get("/outbounds/shipments"), 404)
    response = await http.delete(ORDERS)
    assert_problem(response, 405)
    assert response.headers["allow"] == "POST"
    response = await http.put(f"{ORDERS}/OB-1")
    assert response.headers["allow"] == "GET"  # HEAD is not in the spec, so not advertised


async def test_the_raw_spec_is_served_as_json_without_a_token(sandbox: Sandbox) -> None:
    async with sandbox.http_client() as raw:
        response = await raw.get("/documentation/raw")
    assert response.status_code == 200
    spec = response.json()
    assert spec["info"]["version"] == "2026-02"
    assert "/outbounds/orders" in spec["paths"]


async def test_request_log_keeps_headers_but_never_the_token(http: httpx.AsyncClient, sandbox: Sandbox) -> None:
    await http.post(ORDERS, json=order_request(), headers={"Idempotency-Key": "k-9"})
    await http.get(f"{ORDERS}/external_id/PO-1001")
    (create_, get) = sandbox.requests
    operation_id, method, path, headers = create_
    assert (operation_id, method, path) == ("createOrder", "POST", "/logistics/api/2026-02/outbounds/orders")
    assert headers["idempotency-key"] == "k-9"
    assert "authorization" not in headers
    assert get.operation_id == "getOrderByExternalId"
    assert "sandbox-token" not in repr(sandbox.requests)


async def test_unknown_request_fields_are_accepted_but_never_echoed(http: httpx.AsyncClient) -> None:
    request = order_request(surprise=1)
    request["shipToAddress"]["floor"] = 3
    request["orderItems"][0]["colour"] = "red"
    order = await create(http, **request)
    assert "surprise" not in order
    assert "floor" not in order["shipments"][0]["shipToAddress"]
    assert "colour" not in order["orderItems"][0]


async def test_parcel_and_third_party_requests(http: httpx.AsyncClient, sandbox: Sandbox) -> None:
    details = {
        "shippingPartner": "THIRD_PARTY",
        "shippingType": "PARCEL",
        "carrierAccountDetails": {"carrierName": "UPS", "carrierAccountId": "A1B2C3"},
    }
    order = await create(http, transportationDetails=details, locationId="FC-RNO-03", ingestionChannel="SPS")
    assert order["locationId"] == "FC-RNO-03"
    assert order["shipments"][0]["shipFromAddress"]["city"] == "McCarran"
    assert order["ingestionChannel"] == "SPS"
    assert order["shipments"][0]["transportationDetails"] == details


async def test_ids_with_encoded_slashes_stay_one_path_parameter(sandbox: Sandbox) -> None:
    async with sandbox.serve() as base_url, httpx.AsyncClient(base_url=base_url, headers=AUTH) as http:
        created = await http.post(ORDERS, json=order_request(externalId="PO/2026/7"))
        assert created.status_code == 200
        found = await http.get(f"{ORDERS}/external_id/PO%2F2026%2F7")
        assert found.json()["orderId"] == created.json()["orderId"]
        assert (await http.get(f"{ORDERS}/external_id%2FPO")).status_code == 404  # not a route in disguise

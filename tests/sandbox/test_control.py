"""The control endpoints (`/_sandbox/...`) in process: each one, its authentication, and every bad-request path.

The fixture's sandbox checks its responses (`validate_responses=True`), control responses against
control-openapi.yaml included, so every answer below also conforms to that file.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from flexport_outbounds_client.sandbox import Sandbox

from .conftest import AUTH, ORDERS, create, order_request

PROBLEM = "application/problem+json"


@pytest.fixture
async def control(sandbox: Sandbox) -> AsyncIterator[httpx.AsyncClient]:
    """Raw HTTP to the control endpoints in process, with the sandbox's token."""
    async with sandbox.http_client(base_url="http://sandbox.invalid/_sandbox", headers=AUTH) as client:
        yield client


def problem_of(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["instance"] == response.headers["x-correlation-id"]
    return body


def fields_of(body: dict[str, Any]) -> set[str]:
    return {error["field"] for error in body.get("errors", [])}


# -- orders -------------------------------------------------------------------------------------------------------
async def test_orders_lists_every_order_as_the_api_returns_it(
    http: httpx.AsyncClient, control: httpx.AsyncClient
) -> None:
    first = await create(http, externalId="PO-1")
    second = await create(http, externalId="PO-2")
    listed = (await control.get("/orders")).json()["orders"]
    assert [order["orderId"] for order in listed] == [first["orderId"], second["orderId"]]
    assert listed[0] == (await http.get(f"{ORDERS}/{first['orderId']}")).json()


async def test_advance_one_step_with_an_empty_object_or_no_body(
    http: httpx.AsyncClient, control: httpx.AsyncClient
) -> None:
    order_id = (await create(http))["orderId"]
    stepped = await control.post(f"/orders/{order_id}/advance", json={})
    assert stepped.status_code == 200, stepped.text
    assert stepped.json()["orderStatus"] == "BOOKED"
    bare = await control.post(f"/orders/{order_id}/advance")
    assert bare.json()["orderStatus"] == "IN_PROGRESS"
    assert bare.json()["order"]["orderStatus"] == "IN_PROGRESS"


async def test_advance_to_shipped_fills_in_what_shipping_brings(
    http: httpx.AsyncClient, control: httpx.AsyncClient, sandbox: Sandbox
) -> None:
    order_id = (await create(http))["orderId"]
    response = await control.post(f"/orders/{order_id}/advance", json={"to": "SHIPPED"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["orderStatus"] == "SHIPPED"
    assert body["order"] == sandbox.orders.raw(order_id)
    assert body["order"]["shipments"][0]["packDetails"]


async def test_advance_to_cancelled_cancels(http: httpx.AsyncClient, control: httpx.AsyncClient) -> None:
    order_id = (await create(http))["orderId"]
    response = await control.post(f"/orders/{order_id}/advance", json={"to": "CANCELLED"})
    assert response.json()["orderStatus"] == "CANCELLED"
    assert (await http.get(f"{ORDERS}/{order_id}")).json()["orderStatus"] == "CANCELLED"


async def test_advance_of_an_unknown_order_is_404(control: httpx.AsyncClient) -> None:
    body = problem_of(await control.post("/orders/OB-404/advance", json={}), 404)
    assert "OB-404" in body["detail"]


async def test_impossible_moves_are_409(http: httpx.AsyncClient, control: httpx.AsyncClient) -> None:
    order_id = (await create(http))["orderId"]
    await control.post(f"/orders/{order_id}/advance", json={"to": "IN_PROGRESS"})
    backwards = problem_of(await control.post(f"/orders/{order_id}/advance", json={"to": "PLANNED"}), 409)
    assert "already past PLANNED" in backwards["detail"]
    too_late = problem_of(await control.post(f"/orders/{order_id}/advance", json={"to": "CANCELLED"}), 409)
    assert "only PLANNED or BOOKED" in too_late["detail"]
    await control.post(f"/orders/{order_id}/advance", json={"to": "DELIVERED"})
    problem_of(await control.post(f"/orders/{order_id}/advance", json={}), 409)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"to": "ON_HOLD"}, "to"),
        ({"to": 3}, "to"),
        ({"status": "SHIPPED"}, "status"),
        ([], "body"),
    ],
)
async def test_a_bad_advance_body_is_400(
    http: httpx.AsyncClient, control: httpx.AsyncClient, body: object, field: str
) -> None:
    order_id = (await create(http))["orderId"]
    problem = problem_of(await control.post(f"/orders/{order_id}/advance", json=body), 400)
    assert field in fields_of(problem) or field == "body", problem


# -- faults -------------------------------------------------------------------------------------------------------
async def test_a_fault_added_over_http_hits_the_api(
    http: httpx.AsyncClient, control: httpx.AsyncClient, sandbox: Sandbox
) -> None:
    added = await control.post("/faults", json={"kind": "rate_limit", "operation": "createOrder", "retry_after": 7})
    assert added.status_code == 201, added.text
    assert added.json() == {
        "kind": "rate_limit",
        "operation": "createOrder",
        "times": 1,
        "status": 429,
        "seconds": 0.0,
        "retry_after": 7,
        "fired": 0,
        "remaining": 1,
    }
    assert [f["kind"] for f in (await control.get("/faults")).json()["faults"]] == ["rate_limit"]
    limited = await http.post(ORDERS, json=order_request())
    assert limited.status_code == 429
    assert limited.headers["retry-after"] == "7"
    fired = (await control.get("/faults/fired")).json()
    assert fired == {
        "fired": [{"operationId": "createOrder", "kind": "rate_limit", "status": 429}],
        "counts": {"rate_limit": 1},
    }
    assert (await control.get("/faults")).json() == {"faults": []}
    assert sandbox.faults.fired["rate_limit"] == 1


async def test_every_field_of_faults_add_is_taken(control: httpx.AsyncClient, sandbox: Sandbox) -> None:
    body = {"kind": "delay", "operation": None, "times": None, "seconds": 0.25}
    assert (await control.post("/faults", json=body)).status_code == 201
    body = {"kind": "server_error", "operation": "getOrder", "times": 3, "status": 503}
    assert (await control.post("/faults", json=body)).status_code == 201
    delay, server_error = sandbox.faults.pending
    assert (delay.kind, delay.operation, delay.times, delay.seconds) == ("delay", None, None, 0.25)
    assert (server_error.operation, server_error.times, server_error.status) == ("getOrder", 3, 503)


async def test_delete_clears_faults_and_what_fired(
    http: httpx.AsyncClient, control: httpx.AsyncClient, sandbox: Sandbox
) -> None:
    await control.post("/faults", json={"kind": "server_error", "times": None})
    assert (await http.get(f"{ORDERS}/OB-1")).status_code == 500
    cleared = await control.delete("/faults")
    assert cleared.status_code == 204
    assert not sandbox.faults.pending
    assert (await control.get("/faults/fired")).json() == {"fired": [], "counts": {}}
    assert (await http.get(f"{ORDERS}/OB-1")).status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "meteor_strike"}, "kind"),
        ({"kind": "rate_limit", "operation": "deleteOrder"}, "operation"),
        ({"kind": "rate_limit", "operation": "createOrder", "color": "red"}, "color"),
        ({"kind": "rate_limit", "times": "2"}, "times"),
        ({"kind": "rate_limit", "times": 0}, "times"),
        ({"kind": "rate_limit", "times": True}, "times"),
        ({"kind": "delay", "seconds": -1}, "seconds"),
        ({"kind": "rate_limit", "status": 500}, "status"),
        ({"kind": "delay", "status": 503}, "status"),
        ({"operation": "createOrder"}, "kind"),
        ({}, "kind"),
    ],
)
async def test_a_bad_fault_is_400_naming_the_field(
    control: httpx.AsyncClient, sandbox: Sandbox, body: dict[str, Any], field: str
) -> None:
    problem = problem_of(await control.post("/faults", json=body), 400)
    assert field in fields_of(problem), problem
    assert not sandbox.faults.pending


async def test_a_fault_the_schema_allows_but_faults_add_refuses_is_400(control: httpx.AsyncClient) -> None:
    problem = problem_of(await control.post("/faults", json={"kind": "html_error", "status": 302}), 400)
    assert problem["errors"]


@pytest.mark.parametrize(
    ("content", "content_type", "expected"),
    [
        (b'{"kind": "rate_limit"', "application/json", "not valid JSON"),
        (b'{"kind": NaN}', "application/json", "not valid JSON"),
        (b"kind=rate_limit", "application/x-www-form-urlencoded", "must be application/json"),
        (b'"rate_limit"', "application/json", "invalid"),
    ],
)
async def test_a_body_that_is_not_a_json_object_is_400(
    control: httpx.AsyncClient, content: bytes, content_type: str, expected: str
) -> None:
    response = await control.post("/faults", content=content, headers={"Content-Type": content_type})
    assert expected in problem_of(response, 400)["detail"]


# -- requests, reset, drift ---------------------------------------------------------------------------------------
async def test_requests_lists_api_requests_without_authorization(
    http: httpx.AsyncClient, control: httpx.AsyncClient
) -> None:
    await create(http)
    await http.get(f"{ORDERS}/OB-1", headers={"Proxy-Authorization": "Basic c2VjcmV0"})
    await control.get("/orders")  # control requests are not logged
    logged = (await control.get("/requests")).json()["requests"]
    assert [(r["operationId"], r["method"]) for r in logged] == [("createOrder", "POST"), ("getOrder", "GET")]
    assert logged[1]["path"] == f"/logistics/api/2026-02{ORDERS}/OB-1"
    for entry in logged:
        assert "authorization" not in entry["headers"]
        assert "proxy-authorization" not in entry["headers"]
        assert entry["headers"]["host"] == "sandbox.invalid"


async def test_reset_forgets_orders_faults_and_requests(
    http: httpx.AsyncClient, control: httpx.AsyncClient, sandbox: Sandbox
) -> None:
    await create(http)
    await control.post("/faults", json={"kind": "server_error"})
    response = await control.post("/reset")
    assert response.status_code == 204
    assert len(sandbox.orders) == 0
    assert not sandbox.faults.pending
    assert (await control.get("/requests")).json() == {"requests": []}
    await create(http)  # the same externalId again: nothing remembers it


async def test_drift_can_be_read_and_set(control: httpx.AsyncClient, sandbox: Sandbox) -> None:
    assert (await control.get("/drift")).json() == {"drift": []}
    chosen = {"drift": ["missing_correlation_id", "extra_field"]}
    response = await control.put("/drift", json=chosen)
    assert response.json() == {"drift": ["extra_field", "missing_correlation_id"]}
    assert sandbox.drift == frozenset({"extra_field", "missing_correlation_id"})
    problem_of(await control.put("/drift", json={"drift": ["all"]}), 400)
    assert (await control.put("/drift", json={"drift": []})).json() == {"drift": []}


# -- authentication and routing -----------------------------------------------------------------------------------
ENDPOINTS = [
    ("GET", "/orders"),
    ("POST", "/orders/OB-1/advance"),
    ("GET", "/faults"),
    ("POST", "/faults"),
    ("DELETE", "/faults"),
    ("GET", "/faults/fired"),
    ("GET", "/requests"),
    ("GET", "/drift"),
    ("PUT", "/drift"),
    ("POST", "/reset"),
]


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
@pytest.mark.parametrize("authorization", [None, "Bearer wrong-token", "Basic c2FuZGJveC10b2tlbg=="])
async def test_every_endpoint_wants_the_sandbox_token(
    sandbox: Sandbox, method: str, path: str, authorization: str | None
) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    async with sandbox.http_client(base_url="http://sandbox.invalid/_sandbox", headers=headers) as anonymous:
        response = await anonymous.request(method, path, json={"kind": "server_error"})
    problem_of(response, 401)
    assert not sandbox.faults.pending


async def test_an_unknown_control_path_is_404_and_a_wrong_method_405(control: httpx.AsyncClient) -> None:
    problem_of(await control.get("/clock"), 404)
    wrong = problem_of(await control.patch("/faults"), 405)
    assert "PATCH" in wrong["detail"]
    allowed = {m.strip() for m in (await control.patch("/faults")).headers["allow"].split(",")}
    assert allowed == {"GET", "POST", "DELETE"}


async def test_the_control_spec_is_served_without_a_token(sandbox: Sandbox) -> None:
    async with sandbox.http_client(base_url="http://sandbox.invalid") as anonymous:
        spec = (await anonymous.get("/_sandbox/openapi.json")).json()
    assert spec["info"]["title"] == "Flexport Outbounds sandbox - control"
    assert "/_sandbox/faults" in spec["paths"]


async def test_control_never_touches_the_api_under_its_own_prefix(control: httpx.AsyncClient) -> None:
    response = await control.get("http://sandbox.invalid/logistics/api/2026-02/_sandbox/orders")
    problem_of(response, 404)

"""Fault injection over raw HTTP in process: each kind, matching, ordering, counting, and argument checks."""

from __future__ import annotations

import asyncio
import random
import time

import httpx
import pytest

from flexport_outbounds_client._spec import spec_validator
from flexport_outbounds_client.sandbox import FiredFault, Sandbox, SandboxResponseError

from .conftest import ORDERS, create, order_request


async def test_rate_limit_answers_429_with_retry_after(http: httpx.AsyncClient, sandbox: Sandbox) -> None:
    fault = sandbox.faults.add("rate_limit", operation="createOrder", times=2, retry_after=7)
    responses = [await http.post(ORDERS, json=order_request()) for _ in range(3)]
    assert [r.status_code for r in responses] == [429, 429, 200]
    assert responses[0].headers["retry-after"] == "7"
    assert responses[0].headers["content-type"] == "application/problem+json"
    assert responses[0].json()["status"] == 429
    assert fault.fired == 2
    assert fault.remaining == 0
    assert sandbox.faults.fired["rate_limit"] == 2
    assert len(sandbox.orders) == 1


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_server_errors_are_problem_json(http: httpx.AsyncClient, sandbox: Sandbox, status: int) -> None:
    sandbox.faults.add("server_error", status=status)
    response = await http.get(f"{ORDERS}/OB-1")
    assert response.status_code == status
    assert response.json()["status"] == status
    assert response.headers["x-correlation-id"]


async def test_html_error_has_an_html_body(http: httpx.AsyncClient, sandbox: Sandbox) -> None:
    sandbox.faults.add("html_error", status=403)
    response = await http.get(f"{ORDERS}/OB-1")
    assert response.status_code == 403
    assert response.headers["content-type"].startswith("text/html")
    assert "<title>403 Forbidden</title>" in response.text


async def test_empty_error_has_no_body(http: httpx.AsyncClient, sandbox: Sandbox) -> None:
    sandbox.faults.add("empty_error")
    response = await http.get(f"{ORDERS}/OB-1")
    assert response.status_code == 503
    assert response.content == b""
    assert "content-type" not in response.headers


async def test_delay_then_the_normal_answer(http: httpx.AsyncClient, sandbox: Sandbox) -> None:
    sandbox.faults.add("delay", seconds=0.2)
    started = time.monotonic()
    response = await http.post(ORDERS, json=order_request())
    assert time.monotonic() - started >= 0.2
    assert response.status_code == 200


async def test_delay_makes_a_short_timeout_fire(http: httpx.AsyncClient, sandbox: Sandbox) -> None:
    sandbox.faults.add("delay", seconds=5)
    with pytest.raises(httpx.TimeoutException):
        await http.get(f"{ORDERS}/OB-1", timeout=0.1)


async def test_commit_then_drop_creates_the_order_but_loses_the_response(
    http: httpx.AsyncClient, sandbox: Sandbox
) -> None:
    sandbox.faults.add("commit_then_drop", operation="createOrder")
    with pytest.raises(httpx.RemoteProtocolError):
        await http.post(ORDERS, json=order_request())
    (order_id,) = sandbox.orders
    found = await http.get(f"{ORDERS}/external_id/PO-1001")
    assert found.json()["orderId"] == order_id
    assert sandbox.faults.log == [FiredFault("createOrder", "commit_then_drop", None)]


async def test_commit_then_drop_of_a_cancel_cancels(http: httpx.AsyncClient, sandbox: Sandbox) -> None:
    order_id = (await create(http))["orderId"]
    sandbox.faults.add("commit_then_drop", operation="cancelOrder")
    with pytest.raises(httpx.TransportError):
        await http.post(f"{ORDERS}/{order_id}/cancel")
    assert sandbox.orders[order_id].order_status == "CANCELLED"


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_commit_then_error_creates_the_order_but_answers_5xx(
    http: httpx.AsyncClient, sandbox: Sandbox, status: int
) -> None:
    sandbox.faults.add("commit_then_error", operation="createOrder", status=status)
    response = await http.post(ORDERS, json=order_request())
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    (order_id,) = sandbox.orders
    assert (await http.get(f"{ORDERS}/external_id/PO-1001")).json()["orderId"] == order_id
    assert sandbox.faults.log == [FiredFault("createOrder", "commit_then_error", status)]


def test_commit_then_error_refuses_a_non_5xx_status(sandbox: Sandbox) -> None:
    with pytest.raises(ValueError, match="commit_then_error fault answers one of"):
        sandbox.faults.add("commit_then_error", status=404)


async def test_faults_match_their_operation_and_fire_in_order(http: httpx.AsyncClient, sandbox: Sandbox) -> None:
    sandbox.faults.add("server_error", operation="getOrder", status=502)
    sandbox.faults.add("rate_limit", operation=None, retry_after=0)
    sandbox.faults.add("server_error", operation="getOrder", status=504)
    assert (await http.post(ORDERS, json=order_request())).status_code == 429  # only the catch-all matches
    assert [(await http.get(f"{ORDERS}/OB-1")).status_code for _ in range(3)] == [502, 504, 404]
    assert [(f.operation_id, f.status) for f in sandbox.faults.log] == [
        ("createOrder", 429),
        ("getOrder", 502),
        ("getOrder", 504),
    ]
    assert not sandbox.faults.pending


async def test_a_fault_with_times_none_fires_until_cleared(http: httpx.AsyncClient, sandbox: Sandbox) -> None:
    fault = sandbox.faults.add("empty_error", times=None, status=500)
    for _ in range(5):
        assert (await http.get(f"{ORDERS}/OB-1")).status_code == 500
    assert fault.remaining is None
    assert sandbox.faults.pending == (fault,)
    sandbox.faults.clear()
    assert (await http.get(f"{ORDERS}/OB-1")).status_code == 404
    assert not sandbox.faults.fired


async def test_faults_hit_before_authentication(sandbox: Sandbox) -> None:
    sandbox.faults.add("rate_limit")
    async with sandbox.http_client() as anonymous:
        assert (await anonymous.get(f"{ORDERS}/OB-1")).status_code == 429
        assert (await anonymous.get(f"{ORDERS}/OB-1")).status_code == 401


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "meteor"}, "unknown fault kind"),
        ({"kind": "delay", "operation": "deleteOrder"}, "unknown operation"),
        ({"kind": "delay", "times": 0}, "times must be at least 1"),
        ({"kind": "rate_limit", "status": 503}, "always answers 429"),
        ({"kind": "server_error", "status": 501}, "server_error fault answers"),
        ({"kind": "html_error", "status": 302}, "4xx or 5xx"),
        ({"kind": "delay", "status": 500}, "takes no status"),
        ({"kind": "delay", "seconds": -1}, "negative"),
        ({"kind": "rate_limit", "retry_after": -1}, "negative"),
    ],
)
def test_bad_faults_are_refused(sandbox: Sandbox, kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        sandbox.faults.add(**kwargs)  # type: ignore[arg-type]
    assert not sandbox.faults.pending


def test_rate_limit_accepts_an_explicit_429(sandbox: Sandbox) -> None:
    assert sandbox.faults.add("rate_limit", status=429).status == 429


async def test_a_delayed_create_still_commits_after_the_client_gave_up(
    http: httpx.AsyncClient, sandbox: Sandbox
) -> None:
    sandbox.faults.add("delay", operation="createOrder", seconds=0.3)
    with pytest.raises(httpx.TimeoutException):
        await http.post(ORDERS, json=order_request(), timeout=0.05)
    assert not sandbox.orders
    await asyncio.sleep(0.4)
    assert len(sandbox.orders) == 1


def test_advance_body_refuses_to_move_a_finished_order() -> None:
    from flexport_outbounds_client.sandbox._fulfilment import advance_body

    with pytest.raises(ValueError, match="no next status"):
        advance_body({"orderId": "OB-1", "orderStatus": "DELIVERED"}, random.Random(0))


async def test_the_debug_check_refuses_to_send_a_non_conforming_response(
    http: httpx.AsyncClient, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spec_validator(), "project", lambda name, value: value)  # a sandbox bug: no projection
    request = order_request()
    request["shipToAddress"]["dockDoor"] = 7
    expected = r"createOrder 200 does not match openapi.yaml: shipments\[0\].shipToAddress.dockDoor: is not declared"
    with pytest.raises(SandboxResponseError, match=expected):
        await http.post(ORDERS, json=request)

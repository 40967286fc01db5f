"""`client.with_details`: each operation's value with its response (status, headers, correlation id, attempts), and
for `create_order` how the order was come by: created now, existing (409), or recovered after a lost answer."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer

from flexport_outbounds_client import CreateOutcome, OutboundsClient

from .conftest import CANARY_TOKEN, ORDERS, Sequence, create_request, ok, order_payload, problem, slow


async def test_a_created_order_says_so_with_its_correlation_id(httpserver: HTTPServer, client: OutboundsClient) -> None:
    httpserver.expect_request(ORDERS, method="POST").respond_with_response(
        ok(order_payload(), **{"x-correlation-id": "c-1"})
    )
    details = await client.with_details.create_order(create_request())
    assert details.value.order_id == "OB-1001"
    assert (details.outcome, details.status_code, details.attempts) == (CreateOutcome.CREATED, 200, 1)
    assert details.correlation_id == "c-1" and details.headers["X-Correlation-Id"] == "c-1"


async def test_an_existing_order_says_so(httpserver: HTTPServer, client: OutboundsClient) -> None:
    httpserver.expect_request(ORDERS, method="POST").respond_with_response(problem(409, "Conflict"))
    lookup = ok(order_payload(), **{"x-correlation-id": "c-lookup"})
    httpserver.expect_request(f"{ORDERS}/external_id/PO-1001").respond_with_response(lookup)
    details = await client.with_details.create_order(create_request())
    assert details.outcome is CreateOutcome.EXISTING
    assert details.correlation_id == "c-lookup"  # the response the order came from


async def test_an_order_found_after_a_lost_answer_says_so(httpserver: HTTPServer, client: OutboundsClient) -> None:
    create = Sequence(problem(502, "Bad Gateway"))
    httpserver.expect_request(ORDERS, method="POST").respond_with_handler(create)
    httpserver.expect_request(f"{ORDERS}/external_id/PO-1001").respond_with_response(ok(order_payload()))
    details = await client.with_details.create_order(create_request())
    assert details.outcome is CreateOutcome.RECOVERED and create.count == 1


async def test_attempts_count_the_retries(httpserver: HTTPServer, client: OutboundsClient) -> None:
    get = Sequence(problem(503, "Busy"), ok(order_payload()))
    httpserver.expect_request(f"{ORDERS}/OB-1001").respond_with_handler(get)
    details = await client.with_details.get_order("OB-1001")
    assert (details.attempts, details.outcome, details.value.order_id) == (2, None, "OB-1001")


async def test_headers_are_shown_without_cookies_or_secrets(httpserver: HTTPServer, client: OutboundsClient) -> None:
    headers = {"Set-Cookie": "session=abc", "X-Echo": f"got {CANARY_TOKEN}", "x-correlation-id": CANARY_TOKEN}
    httpserver.expect_request(f"{ORDERS}/OB-1001").respond_with_response(ok(order_payload(), **headers))
    details = await client.with_details.get_order("OB-1001")
    assert "set-cookie" not in {name.lower() for name in details.headers}
    assert details.headers["x-echo"] == "got [REDACTED]" and details.correlation_id == "[REDACTED]"
    assert CANARY_TOKEN not in repr(details)


@pytest.mark.parametrize("status", ["CANCELLED", "PLANNED"])
async def test_cancel_details_are_those_of_the_request_that_decided(
    httpserver: HTTPServer, client: OutboundsClient, status: str
) -> None:
    httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_response(
        ok(order_payload(orderId="OB-1", orderStatus=status), **{"x-correlation-id": "c-get"})
    )
    cancel = ok({}, **{"x-correlation-id": "c-cancel"})
    httpserver.expect_request(f"{ORDERS}/OB-1/cancel", method="POST").respond_with_response(cancel)
    details = await client.with_details.cancel_order("OB-1")
    assert details.value is None
    assert details.correlation_id == ("c-get" if status == "CANCELLED" else "c-cancel")


async def test_the_plain_call_and_the_detailed_one_return_the_same_value(httpserver: HTTPServer, base_url: str) -> None:
    httpserver.expect_request(f"{ORDERS}/OB-1001").respond_with_handler(slow(0.0, ok(order_payload())))
    async with OutboundsClient(CANARY_TOKEN, base_url=base_url) as client:
        plain = await client.get_order("OB-1001")
        detailed = await client.with_details.get_order("OB-1001")
    assert plain.to_dict() == detailed.value.to_dict()

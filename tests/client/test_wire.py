"""Wire behaviour of OutboundsClient against a real HTTP server on 127.0.0.1 (pytest-httpserver)."""

from __future__ import annotations

import asyncio
import datetime
import email.utils
import json
import time
from typing import Any

import httpx
import pytest
from pytest_httpserver import HTTPServer

from flexport_outbounds_client import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ClientClosedError,
    ConflictError,
    NotFoundError,
    Order,
    OrderStatus,
    OutboundsClient,
    RateLimitError,
    RequestValidationError,
    RetryPolicy,
    ServerError,
    UnexpectedResponseError,
)

from .conftest import (
    API_PREFIX,
    CANARY_TOKEN,
    FAST_RETRIES,
    ORDERS,
    Sequence,
    create_request,
    ok,
    order_payload,
    problem,
    slow,
    socket_closed_port,
)

# --- requests -------------------------------------------------------------------------------------------------


async def test_get_order_sends_auth_and_parses_the_order(httpserver: HTTPServer, client: OutboundsClient) -> None:
    handler = Sequence(ok(order_payload(), **{"x-correlation-id": "corr-1"}))
    httpserver.expect_request(f"{ORDERS}/OB-1001", method="GET").respond_with_handler(handler)
    order = await client.get_order("OB-1001")
    assert isinstance(order, Order)
    assert (order.order_id, order.order_status) == ("OB-1001", OrderStatus.BOOKED)
    sent = handler.requests[0]
    assert sent.headers["Authorization"] == f"Bearer {CANARY_TOKEN}"
    assert sent.headers["Accept"] == "application/json"
    assert sent.headers["User-Agent"].startswith("flexport-outbounds-client/")


@pytest.mark.parametrize(
    ("external_id", "raw_path_suffix"),
    [
        ("../x", "..%2Fx"),
        ("a/b", "a%2Fb"),
        ("100%", "100%25"),
        ("with space", "with%20space"),
        ("bestellung-ä", "bestellung-%C3%A4"),
        ("?q=1#f", "%3Fq%3D1%23f"),
    ],
)
async def test_path_parameters_are_percent_encoded(
    httpserver: HTTPServer, client: OutboundsClient, external_id: str, raw_path_suffix: str
) -> None:
    handler = Sequence(ok(order_payload()))
    httpserver.expect_request(f"{ORDERS}/external_id/{external_id}", method="GET").respond_with_handler(handler)
    await client.get_order_by_external_id(external_id)
    assert handler.requests[0].environ["RAW_URI"] == f"{ORDERS}/external_id/{raw_path_suffix}"


@pytest.mark.parametrize("bad_id", ["", "   ", ".", "..", "x" * 513, "a\nb", 42])
async def test_unusable_ids_are_refused_before_sending(
    httpserver: HTTPServer, client: OutboundsClient, bad_id: Any
) -> None:
    with pytest.raises(RequestValidationError) as info:
        await client.get_order(bad_id)
    assert "order_id" in info.value.errors
    assert httpserver.log == []


# --- errors ---------------------------------------------------------------------------------------------------


async def test_404_is_not_found_with_problem_details_and_correlation_id(
    httpserver: HTTPServer, client: OutboundsClient
) -> None:
    response = problem(404, "Not Found", detail="Cannot find order OB-9", headers={"x-correlation-id": "corr-404"})
    httpserver.expect_request(f"{ORDERS}/OB-9").respond_with_response(response)
    with pytest.raises(NotFoundError) as info:
        await client.get_order("OB-9")
    error = info.value
    assert (error.status_code, error.correlation_id) == (404, "corr-404")
    assert error.problem is not None and error.problem.detail == "Cannot find order OB-9"
    assert "Cannot find order OB-9" in str(error) and "corr-404" in str(error)
    assert '"title": "Not Found"' in error.body_excerpt


async def test_401_body_from_the_docs_is_an_authentication_error(
    httpserver: HTTPServer, client: OutboundsClient
) -> None:
    body = {"status": 401, "type": "t", "title": "Unauthorized", "detail": "bad token", "code": 401, "message": "m"}
    httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_json(body, status=401)
    with pytest.raises(AuthenticationError) as info:
        await client.get_order("OB-1")
    assert info.value.problem is not None and info.value.problem.code == 401
    assert CANARY_TOKEN not in str(info.value)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [("<html><body>Bad gateway</body></html>", "text/html"), ("", "text/plain"), ("{not json", "application/json")],
)
async def test_error_status_with_unparseable_body_keeps_its_class(
    httpserver: HTTPServer, client: OutboundsClient, body: str, content_type: str
) -> None:
    httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_data(body, status=400, content_type=content_type)
    with pytest.raises(BadRequestError) as info:
        await client.get_order("OB-1")
    assert info.value.problem is None
    assert info.value.body_excerpt == body
    assert ("empty body" in str(info.value)) == (body == "")


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ("{truncated", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"orderId": "OB-1"}', "does not match the Order schema"),
        (json.dumps(order_payload(orderId=17)), "order_id must be a non-empty string"),
        (json.dumps(order_payload(orderStatus=3)), "does not match the Order schema"),
        ("", "not valid JSON"),
        ("<html>maintenance</html>", "not valid JSON"),
    ],
)
async def test_unusable_2xx_body_is_an_unexpected_response(
    httpserver: HTTPServer, client: OutboundsClient, payload: str, reason: str
) -> None:
    httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_data(payload, content_type="application/json")
    with pytest.raises(UnexpectedResponseError, match=reason) as info:
        await client.get_order("OB-1")
    assert info.value.status_code == 200
    assert info.value.body_excerpt == payload[:500]
    assert len(httpserver.log) == 1  # a broken body is not retried


async def test_nonstandard_status_is_unexpected(httpserver: HTTPServer, client: OutboundsClient) -> None:
    httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_data("origin error", status=520)
    with pytest.raises(UnexpectedResponseError) as info:
        await client.get_order("OB-1")
    assert info.value.status_code == 520
    assert len(httpserver.log) == 1


async def test_redirect_is_not_followed_and_token_never_leaves(httpserver: HTTPServer, client: OutboundsClient) -> None:
    other = "http://127.0.0.1:9/steal"
    httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_data("", status=302, headers={"Location": other})
    with pytest.raises(UnexpectedResponseError) as info:
        await client.get_order("OB-1")
    assert info.value.status_code == 302
    assert len(httpserver.log) == 1


# --- retries --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
async def test_retryable_statuses_are_retried_then_succeed(
    httpserver: HTTPServer, client: OutboundsClient, status: int
) -> None:
    handler = Sequence(problem(status, "Busy"), problem(status, "Busy"), ok(order_payload()))
    httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_handler(handler)
    order = await client.get_order("OB-1")
    assert order.order_id == "OB-1001"
    assert handler.count == 3


async def test_retries_exhausted_raise_the_last_error(httpserver: HTTPServer, client: OutboundsClient) -> None:
    handler = Sequence(problem(503, "Unavailable", headers={"x-correlation-id": "c-503"}))
    httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_handler(handler)
    with pytest.raises(ServerError) as info:
        await client.get_order("OB-1")
    assert info.value.correlation_id == "c-503"
    assert handler.count == 3  # first attempt + max_retries=2


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422])
async def test_client_errors_are_not_retried(httpserver: HTTPServer, client: OutboundsClient, status: int) -> None:
    handler = Sequence(problem(status, "No"))
    httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_handler(handler)
    with pytest.raises(Exception) as info:  # noqa: PT011 - the class is asserted via the status map below
        await client.get_order("OB-1")
    assert getattr(info.value, "status_code", None) == status
    assert handler.count == 1


async def test_per_call_max_retries_overrides_the_client(httpserver: HTTPServer, client: OutboundsClient) -> None:
    handler = Sequence(problem(500, "Oops"))
    httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_handler(handler)
    with pytest.raises(ServerError):
        await client.get_order("OB-1", max_retries=0)
    assert handler.count == 1


async def test_retry_after_seconds_is_honoured(httpserver: HTTPServer, client: OutboundsClient) -> None:
    handler = Sequence(problem(429, "Slow down", headers={"Retry-After": "1"}), ok(order_payload()))
    httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_handler(handler)
    started = time.monotonic()
    await client.get_order("OB-1")
    assert time.monotonic() - started >= 0.95
    assert handler.count == 2


async def test_retry_after_http_date_is_honoured(httpserver: HTTPServer, client: OutboundsClient) -> None:
    when = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=2)
    header = email.utils.format_datetime(when, usegmt=True)
    handler = Sequence(problem(429, "Slow down", headers={"Retry-After": header}), ok(order_payload()))
    httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_handler(handler)
    started = time.monotonic()
    await client.get_order("OB-1")
    assert time.monotonic() - started >= 0.9  # HTTP dates have 1 s resolution
    assert handler.count == 2


async def test_retry_after_beyond_the_cap_raises_at_once(httpserver: HTTPServer, base_url: str) -> None:
    handler = Sequence(problem(429, "Slow down", headers={"Retry-After": "3600"}))
    httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_handler(handler)
    async with OutboundsClient(CANARY_TOKEN, base_url=base_url, max_retry_after=30) as client:
        started = time.monotonic()
        with pytest.raises(RateLimitError) as info:
            await client.get_order("OB-1")
    assert info.value.retry_after == 3600
    assert (
        time.monotonic() - started < 5
    )  # it did not sleep (the server asked for an hour); slack for a loaded CI machine
    assert handler.count == 1


async def test_deadline_bounds_attempts_and_sleeps(httpserver: HTTPServer, base_url: str) -> None:
    handler = Sequence(problem(503, "Unavailable", headers={"Retry-After": "1"}))
    httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_handler(handler)
    policy = RetryPolicy(max_retries=10, initial_delay=0.01)
    async with OutboundsClient(CANARY_TOKEN, base_url=base_url, retry_policy=policy, deadline=2.5) as client:
        started = time.monotonic()
        with pytest.raises(ServerError):
            await client.get_order("OB-1")
    assert time.monotonic() - started < 4  # deadline 2.5 s; without it 10 retries x 1 s; slack for a loaded CI machine
    assert 2 <= handler.count <= 3


async def test_read_timeout_is_retried_then_raises_timeout_error(
    httpserver: HTTPServer, base_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_handler(slow(0.6, ok(order_payload())))
    async with OutboundsClient(CANARY_TOKEN, base_url=base_url, retry_policy=FAST_RETRIES, timeout=0.2) as client:
        with pytest.raises(APITimeoutError) as info:
            await client.get_order("OB-1")
    assert info.value.request_sent
    # the test server answers one request at a time, so count the client's attempts in its retry log
    retries = [r for r in caplog.records if r.getMessage().startswith("retrying GET")]
    assert [r.flexport_retry for r in retries] == [1, 2]  # type: ignore[attr-defined]


async def test_per_call_timeout_overrides_the_client(httpserver: HTTPServer, client: OutboundsClient) -> None:
    httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_handler(slow(0.5, ok(order_payload())))
    with pytest.raises(APITimeoutError):
        await client.get_order("OB-1", timeout=0.1, max_retries=0)
    assert (await client.get_order("OB-1", timeout=3)).order_id == "OB-1001"


async def test_connection_refused_is_a_connection_error() -> None:
    with socket_closed_port() as port:
        base = f"http://127.0.0.1:{port}{API_PREFIX}"
        async with OutboundsClient(CANARY_TOKEN, base_url=base, retry_policy=FAST_RETRIES) as client:
            with pytest.raises(APIConnectionError) as info:
                await client.get_order("OB-1")
    assert not info.value.request_sent
    assert not isinstance(info.value, APITimeoutError)
    assert CANARY_TOKEN not in str(info.value)


# --- lifecycle ------------------------------------------------------------------------------------------------


async def test_closed_client_gives_a_clear_error(base_url: str) -> None:
    client = OutboundsClient(CANARY_TOKEN, base_url=base_url)
    async with client:
        pass
    await client.aclose()  # idempotent
    with pytest.raises(ClientClosedError):
        await client.get_order("OB-1")
    with pytest.raises(ClientClosedError):
        async with client:
            pass


async def test_caller_http_client_gets_auth_and_stays_open(httpserver: HTTPServer, base_url: str) -> None:
    handler = Sequence(problem(502, "Bad gateway"), ok(order_payload()))
    httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_handler(handler)
    async with httpx.AsyncClient(headers={"X-Team": "wholesale"}) as http:
        async with OutboundsClient(CANARY_TOKEN, base_url=base_url, http_client=http, retry_policy=FAST_RETRIES) as c:
            await c.get_order("OB-1")
        assert not http.is_closed
    assert handler.requests[1].headers["Authorization"] == f"Bearer {CANARY_TOKEN}"
    assert handler.requests[1].headers["X-Team"] == "wholesale"


async def test_closed_caller_http_client_is_a_client_closed_error(base_url: str) -> None:
    http = httpx.AsyncClient()
    await http.aclose()
    client = OutboundsClient(CANARY_TOKEN, base_url=base_url, http_client=http)
    with pytest.raises(ClientClosedError):
        await client.get_order("OB-1")


async def test_many_concurrent_calls_share_one_pool(httpserver: HTTPServer, base_url: str) -> None:
    httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_json(order_payload())
    async with OutboundsClient(CANARY_TOKEN, base_url=base_url, max_connections=10) as client:
        orders = await asyncio.gather(*(client.get_order("OB-1") for _ in range(300)))
    assert {o.order_id for o in orders} == {"OB-1001"}


# --- create: exactly once ---------------------------------------------------------------------------------------


async def test_idempotency_key_is_the_same_on_every_attempt(httpserver: HTTPServer, client: OutboundsClient) -> None:
    handler = Sequence(problem(503, "Unavailable"), problem(503, "Unavailable"), ok(order_payload()))
    httpserver.expect_request(ORDERS, method="POST").respond_with_handler(handler)
    httpserver.expect_request(f"{ORDERS}/external_id/PO-1001").respond_with_response(problem(404, "Not Found"))
    order = await client.create_order(create_request())
    assert order.order_id == "OB-1001"
    keys = {r.headers["Idempotency-Key"] for r in handler.requests}
    assert len(keys) == 1 and handler.count == 3
    assert json.loads(handler.requests[0].data) == create_request()


async def test_callers_idempotency_key_is_used(httpserver: HTTPServer, client: OutboundsClient) -> None:
    handler = Sequence(ok(order_payload()))
    httpserver.expect_request(ORDERS, method="POST").respond_with_handler(handler)
    await client.create_order(create_request(), idempotency_key="my-key-1")
    assert handler.requests[0].headers["Idempotency-Key"] == "my-key-1"


async def test_ambiguous_failure_then_found_by_external_id_returns_it_without_resending(
    httpserver: HTTPServer, client: OutboundsClient
) -> None:
    create = Sequence(problem(500, "Internal"))
    lookup = Sequence(ok(order_payload()))
    httpserver.expect_request(ORDERS, method="POST").respond_with_handler(create)
    httpserver.expect_request(f"{ORDERS}/external_id/PO-1001").respond_with_handler(lookup)
    order = await client.create_order(create_request())
    assert order.order_id == "OB-1001"
    assert (create.count, lookup.count) == (1, 1)


async def test_timeout_after_send_then_lookup_finds_the_order(httpserver: HTTPServer, base_url: str) -> None:
    httpserver.expect_request(ORDERS, method="POST").respond_with_handler(slow(0.6, ok(order_payload())))
    httpserver.expect_request(f"{ORDERS}/external_id/PO-1001").respond_with_json(order_payload())
    async with OutboundsClient(CANARY_TOKEN, base_url=base_url, retry_policy=FAST_RETRIES, timeout=0.2) as client:
        order = await client.create_order(create_request())
    assert order.external_id == "PO-1001"


async def test_409_with_same_items_returns_the_existing_order(httpserver: HTTPServer, client: OutboundsClient) -> None:
    httpserver.expect_request(ORDERS, method="POST").respond_with_response(problem(409, "Conflict"))
    httpserver.expect_request(f"{ORDERS}/external_id/PO-1001").respond_with_json(order_payload())
    order = await client.create_order(create_request())
    assert order.order_id == "OB-1001"


async def test_409_with_different_items_is_a_conflict_that_says_so(
    httpserver: HTTPServer, client: OutboundsClient
) -> None:
    from flexport_outbounds_client import DuplicateExternalIdError

    conflict = problem(409, "Conflict", headers={"x-correlation-id": "c-409"})
    httpserver.expect_request(ORDERS, method="POST").respond_with_response(conflict)
    other = order_payload(orderItems=[{"logisticsSku": "SKU-Z", "quantity": 1, "quantityUOM": "EACH"}])
    httpserver.expect_request(f"{ORDERS}/external_id/PO-1001").respond_with_json(other)
    with pytest.raises(DuplicateExternalIdError) as info:
        await client.create_order(create_request())
    assert isinstance(info.value.conflict, ConflictError)  # the 409 that was received, with its status
    assert info.value.conflict.status_code == 409 and info.value.conflict.correlation_id == "c-409"
    assert info.value.existing_order_id == "OB-1001" and info.value.external_id == "PO-1001"
    assert info.value.differences == ("orderItems",)
    assert "differs from this request in orderItems" in str(info.value) and "c-409" in str(info.value)
    assert not hasattr(info.value, "status_code")


async def test_409_without_external_id_is_raised(httpserver: HTTPServer, client: OutboundsClient) -> None:
    httpserver.expect_request(ORDERS, method="POST").respond_with_response(problem(409, "Key reused"))
    request = create_request()
    del request["externalId"]
    with pytest.raises(ConflictError):
        await client.create_order(request)


async def test_invalid_create_is_refused_before_sending(httpserver: HTTPServer, client: OutboundsClient) -> None:
    with pytest.raises(RequestValidationError) as info:
        await client.create_order(create_request(orderItems=[], type="DROP_SHIP"))
    assert set(info.value.errors) == {"orderItems", "type"}
    assert httpserver.log == []

"""The fault matrix: every client operation x every way a server or network misbehaves, on real loopback sockets.

Each cell asserts the exact outcome: success after a counted number of retries, or the specific typed error with
its status, body excerpt and correlation id. HTTP-level faults are served by pytest-httpserver; faults below HTTP
(connection refused, reset before or during the body, a withheld response) by the raw asyncio server of
conftest.py. Every exception a cell sees must be a FlexportError (TALLY counts the ones that are not).
"""

from __future__ import annotations

import datetime
import email.utils
import json
import logging
import math
import socket
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from flexport_outbounds_client import (
    APIConnectionError,
    APITimeoutError,
    AttachmentUploadUrl,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    FlexportError,
    NotFoundError,
    Order,
    OrderNotCancellableError,
    OrderStatus,
    OutboundsClient,
    PermissionDeniedError,
    RateLimitError,
    RetryPolicy,
    ServerError,
    UnexpectedResponseError,
    UnprocessableEntityError,
)

from ..client.conftest import API_PREFIX, CANARY_TOKEN, create_request, order_payload
from .conftest import TALLY, RawServer, reset_before, reset_during, respond, withhold

ORDERS = f"{API_PREFIX}/outbounds/orders"
POLICY = RetryPolicy(max_retries=2, initial_delay=0.01, max_delay=0.02, max_retry_after=30)
MAX_RETRIES = POLICY.max_retries
UPLOAD_URL = "https://storage.example.com/u/abc?X-Amz-Signature=deadbeefcafef00d&X-Amz-Expires=3600"


def upload_payload(**overrides: Any) -> dict[str, Any]:
    expires = datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1)
    payload = {"uploadUrl": UPLOAD_URL, "attachmentType": "SHIPPING_LABELS", "expirationTime": expires.isoformat()}
    payload.update(overrides)
    return payload


@dataclass(frozen=True)
class Op:
    """One client operation, the request of it that the faults hit, and what success looks like."""

    name: str
    method: str
    path: str  # the faulted path (below the server root)
    call: Callable[[OutboundsClient], Awaitable[Any]]
    success: Callable[[], dict[str, Any] | None]  # the 200 body (None: no body)
    parses_body: bool = True

    @property
    def url_path(self) -> str:
        return self.path


OPS = [
    Op("create_order", "POST", ORDERS, lambda c: c.create_order(create_request()), order_payload),
    Op("get_order", "GET", f"{ORDERS}/OB-1001", lambda c: c.get_order("OB-1001"), order_payload),
    Op(
        "get_order_by_external_id",
        "GET",
        f"{ORDERS}/external_id/PO-1001",
        lambda c: c.get_order_by_external_id("PO-1001"),
        order_payload,
    ),
    Op(
        "get_shipment_attachment_upload_url",
        "POST",
        f"{ORDERS}/OB-1001/shipments/SH-1/attachments/upload_url",
        lambda c: c.get_shipment_attachment_upload_url("OB-1001", "SH-1", attachment_type="SHIPPING_LABELS"),
        upload_payload,
    ),
    Op("cancel_order", "POST", f"{ORDERS}/OB-1001/cancel", lambda c: c.cancel_order("OB-1001"), lambda: None, False),
]
OP_IDS = [op.name for op in OPS]


def check_success(op: Op, result: Any) -> None:
    if op.name == "cancel_order":
        assert result is None
    elif op.name == "get_shipment_attachment_upload_url":
        assert isinstance(result, AttachmentUploadUrl) and result.upload_url == UPLOAD_URL
    else:
        assert isinstance(result, Order) and result.order_id == "OB-1001"


TRANSPORT: list[Literal["httpx", "aiohttp"]] = ["httpx"]  # set for each test by the `transport` fixture


@pytest.fixture(autouse=True, params=["httpx", "aiohttp"])
def transport(request: pytest.FixtureRequest) -> Iterator[str]:
    """Every cell runs on both transports: they must fail, retry and recover alike."""
    TRANSPORT[0] = request.param
    yield request.param
    TRANSPORT[0] = "httpx"


async def run_cell(op: Op, base_url: str, *, timeout: float = 2.0, **client_kwargs: Any) -> Any:
    """Run the operation once on a fresh client; count the cell, and any exception that is not a FlexportError."""
    TALLY["fault matrix cells run"] += 1
    async with OutboundsClient(
        CANARY_TOKEN,
        base_url=base_url,
        retry_policy=client_kwargs.pop("retry_policy", POLICY),
        timeout=timeout,
        transport=TRANSPORT[0],
    ) as client:
        try:
            return await op.call(client)
        except FlexportError:
            raise
        except BaseException:
            TALLY["fault matrix untyped exceptions"] += 1
            raise


def passed() -> None:
    TALLY["fault matrix cells passed"] += 1


# --- pytest-httpserver: faults that are HTTP responses --------------------------------------------------------


class Plan:
    """Answers the faulted request with the given responses in turn (the last repeats); records requests."""

    def __init__(self, *responses: Response) -> None:
        self.responses = list(responses)
        self.requests: list[Request] = []

    def __call__(self, request: Request) -> Response:
        self.requests.append(request)
        return self.responses[min(len(self.requests), len(self.responses)) - 1]

    @property
    def retries(self) -> int:
        return len(self.requests) - 1


def corr(fault: str) -> dict[str, str]:
    return {"x-correlation-id": f"corr-{fault}"}


def success_response(op: Op) -> Response:
    body = op.success()
    if body is None:
        return Response("", status=200, headers=corr("ok"))
    return Response(json.dumps(body), status=200, headers=corr("ok"), content_type="application/json")


def install(httpserver: HTTPServer, op: Op, *responses: Response) -> Plan:
    """Serve the faulted request from `responses`, plus what the operation needs around it."""
    plan = Plan(*responses)
    httpserver.expect_request(op.path, method=op.method).respond_with_handler(plan)
    if op.name == "create_order":  # the exactly-once lookup after an ambiguous failure: not created yet
        not_found = {"status": 404, "title": "Not Found"}
        httpserver.expect_request(f"{ORDERS}/external_id/PO-1001", method="GET").respond_with_json(
            not_found, status=404, content_type="application/problem+json"
        )
    if op.name == "cancel_order":  # cancel first reads the order: it is BOOKED
        httpserver.expect_request(f"{ORDERS}/OB-1001", method="GET").respond_with_json(order_payload())
    return plan


def problem_json(status: int, fault: str, **headers: str) -> Response:
    body = {"status": status, "type": f"about:blank#{status}", "title": f"Problem {status}", "detail": fault}
    return Response(
        json.dumps(body), status=status, headers={**corr(fault), **headers}, content_type="application/problem+json"
    )


def assert_error(
    error: BaseException, cls: type[Exception], status: int, fault: str, body: str | bytes | None = None
) -> None:
    assert type(error) is cls, f"expected {cls.__name__}, got {type(error).__name__}: {error}"
    assert getattr(error, "status_code", None) == status
    assert getattr(error, "correlation_id", None) == f"corr-{fault}"
    if body is not None:
        text = body.decode() if isinstance(body, bytes) else body
        text = text.replace("deadbeefcafef00d", "[REDACTED]")  # an upload URL's signature never shows
        assert getattr(error, "body_excerpt", None) == text[:500]


@pytest.fixture
def base_url(httpserver: HTTPServer) -> str:
    return httpserver.url_for(API_PREFIX)


# 5xx bursts ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("op", OPS, ids=OP_IDS)
@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_5xx_burst_shorter_than_the_budget_succeeds(
    httpserver: HTTPServer, base_url: str, op: Op, status: int
) -> None:
    fault = f"{status}-short"
    plan = install(httpserver, op, *[problem_json(status, fault)] * MAX_RETRIES, success_response(op))
    check_success(op, await run_cell(op, base_url))
    assert plan.retries == MAX_RETRIES
    passed()


@pytest.mark.parametrize("op", OPS, ids=OP_IDS)
@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_5xx_burst_longer_than_the_budget_is_a_server_error(
    httpserver: HTTPServer, base_url: str, op: Op, status: int
) -> None:
    fault = f"{status}-long"
    response = problem_json(status, fault)
    plan = install(httpserver, op, *[response] * (MAX_RETRIES + 1), success_response(op))
    with pytest.raises(ServerError) as info:
        await run_cell(op, base_url)
    assert_error(info.value, ServerError, status, fault, response.get_data())
    assert info.value.problem is not None and info.value.problem.detail == fault
    assert plan.retries == MAX_RETRIES
    passed()


# 429 ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("op", OPS, ids=OP_IDS)
async def test_429_retry_after_seconds_is_waited_for(httpserver: HTTPServer, base_url: str, op: Op) -> None:
    plan = install(httpserver, op, problem_json(429, "429-seconds", **{"Retry-After": "1"}), success_response(op))
    started = time.monotonic()
    check_success(op, await run_cell(op, base_url))
    assert time.monotonic() - started >= 0.95
    assert plan.retries == 1
    passed()


@pytest.mark.parametrize("op", OPS, ids=OP_IDS)
async def test_429_retry_after_http_date_is_waited_for(httpserver: HTTPServer, base_url: str, op: Op) -> None:
    # An HTTP date has whole seconds: aim at the next whole second at least 0.3 s away, and expect the wait.
    now = time.time()
    target = math.floor(now) + (2 if math.floor(now) + 1 - now < 0.3 else 1)
    when = email.utils.formatdate(target, usegmt=True)
    plan = install(httpserver, op, problem_json(429, "429-date", **{"Retry-After": when}), success_response(op))
    check_success(op, await run_cell(op, base_url))
    assert time.time() >= target - 0.05
    assert plan.retries == 1
    passed()


@pytest.mark.parametrize("op", OPS, ids=OP_IDS)
async def test_429_retry_after_beyond_the_cap_raises_at_once(httpserver: HTTPServer, base_url: str, op: Op) -> None:
    response = problem_json(429, "429-cap", **{"Retry-After": "3600"})
    plan = install(httpserver, op, response, success_response(op))
    started = time.monotonic()
    with pytest.raises(RateLimitError) as info:
        await run_cell(op, base_url)
    assert time.monotonic() - started < 5  # no sleep for a Retry-After beyond the cap; slack for a loaded CI machine
    assert_error(info.value, RateLimitError, 429, "429-cap", response.get_data())
    assert info.value.retry_after == 3600
    assert plan.retries == 0
    passed()


# 200 with a body the client cannot use (or can, with values it does not know) -------------------------------

BROKEN_BODIES: dict[str, Callable[[Op], str]] = {
    "malformed-json": lambda op: "{orderId: OB-1001,",
    "truncated-json": lambda op: json.dumps(op.success())[:40],
    "json-array": lambda op: json.dumps([op.success()]),
    "missing-required": lambda op: json.dumps(
        {k: v for k, v in (op.success() or {}).items() if k not in ("orderId", "uploadUrl")}
    ),
    "wrong-types": lambda op: json.dumps(
        {**(op.success() or {}), "orderStatus": 3, "orderItems": "12 cases", "expirationTime": 1760000000}
    ),
}


@pytest.mark.parametrize("op", OPS, ids=OP_IDS)
@pytest.mark.parametrize("kind", list(BROKEN_BODIES))
async def test_200_with_an_unusable_body(httpserver: HTTPServer, base_url: str, op: Op, kind: str) -> None:
    body = BROKEN_BODIES[kind](op)
    response = Response(body, status=200, headers=corr(kind), content_type="application/json")
    plan = install(httpserver, op, response)
    if not op.parses_body:  # cancel's 200 has no body by the spec: whatever comes is ignored
        assert await run_cell(op, base_url) is None
    else:
        with pytest.raises(UnexpectedResponseError) as info:
            await run_cell(op, base_url)
        assert_error(info.value, UnexpectedResponseError, 200, kind, body)
    assert plan.retries == 0
    passed()


@pytest.mark.parametrize("op", OPS, ids=OP_IDS)
async def test_200_with_unknown_enum_values_succeeds_and_keeps_them(
    httpserver: HTTPServer, base_url: str, op: Op
) -> None:
    body = {**(op.success() or {}), "orderStatus": "ON_HOLD", "attachmentType": "PACKING_LIST"}
    if op.name == "get_shipment_attachment_upload_url":
        body.pop("orderStatus")
    plan = install(httpserver, op, Response(json.dumps(body), status=200, content_type="application/json"))
    result = await run_cell(op, base_url)
    if isinstance(result, Order):
        assert result.order_status == "ON_HOLD" and not result.order_status.is_known
    elif isinstance(result, AttachmentUploadUrl):
        assert result.attachment_type == "PACKING_LIST" and not result.attachment_type.is_known
    else:
        assert op.name == "cancel_order" and result is None
    assert plan.retries == 0
    passed()


@pytest.mark.parametrize("op", OPS, ids=OP_IDS)
async def test_200_with_unknown_extra_fields_succeeds_and_keeps_them(
    httpserver: HTTPServer, base_url: str, op: Op
) -> None:
    extra = {"carbonFootprint": {"kg": 12.5}, "newFlag": True}
    body = {**(op.success() or {}), **extra}
    plan = install(httpserver, op, Response(json.dumps(body), status=200, content_type="application/json"))
    result = await run_cell(op, base_url)
    if op.parses_body:
        assert result.additional_properties == extra
        assert result.to_dict()["carbonFootprint"] == {"kg": 12.5}
    else:
        assert result is None
    assert plan.retries == 0
    passed()


# 4xx, odd statuses, redirects ---------------------------------------------------------------------------------

CLASSES = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
}


@pytest.mark.parametrize("op", OPS, ids=OP_IDS)
@pytest.mark.parametrize("status", sorted(CLASSES))
async def test_4xx_problem_json_is_its_typed_error(httpserver: HTTPServer, base_url: str, op: Op, status: int) -> None:
    fault = f"{status}-problem"
    response = problem_json(status, fault)
    plan = install(httpserver, op, response, success_response(op))
    with pytest.raises(CLASSES[status]) as info:
        await run_cell(op, base_url)
    assert_error(info.value, CLASSES[status], status, fault, response.get_data())
    assert info.value.problem is not None
    assert (info.value.problem.status, info.value.problem.title) == (status, f"Problem {status}")
    assert plan.retries == 0
    passed()


@pytest.mark.parametrize("op", OPS, ids=OP_IDS)
@pytest.mark.parametrize(
    ("status", "kind", "body", "content_type"),
    [
        (403, "html", "<html><body><h1>403 Forbidden</h1>nginx</body></html>", "text/html"),
        (404, "html", "<!doctype html><title>Not found</title>" + "x" * 800, "text/html"),
        (400, "empty", "", "text/plain"),
        (422, "empty", "", "application/problem+json"),
    ],
)
async def test_4xx_with_a_body_that_is_not_problem_json_keeps_its_class(
    httpserver: HTTPServer, base_url: str, op: Op, status: int, kind: str, body: str, content_type: str
) -> None:
    fault = f"{status}-{kind}"
    response = Response(body, status=status, headers=corr(fault), content_type=content_type)
    plan = install(httpserver, op, response, success_response(op))
    with pytest.raises(CLASSES[status]) as info:
        await run_cell(op, base_url)
    assert_error(info.value, CLASSES[status], status, fault, body)
    assert info.value.problem is None
    assert ("empty body" in str(info.value)) == (body == "")
    assert plan.retries == 0
    passed()


@pytest.mark.parametrize("op", OPS, ids=OP_IDS)
async def test_nonstandard_status_520_is_unexpected_and_not_retried(
    httpserver: HTTPServer, base_url: str, op: Op
) -> None:
    body = "<html>Web server is returning an unknown error</html>"
    plan = install(httpserver, op, Response(body, status=520, headers=corr("520"), content_type="text/html"))
    with pytest.raises(UnexpectedResponseError) as info:
        await run_cell(op, base_url)
    assert_error(info.value, UnexpectedResponseError, 520, "520", body)
    assert plan.retries == 0
    passed()


@pytest.fixture(scope="module")
def _second_server() -> Any:
    server = HTTPServer(host="127.0.0.1", port=0)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


@pytest.fixture
def second_server(_second_server: HTTPServer) -> HTTPServer:
    _second_server.clear()
    return _second_server


@pytest.mark.parametrize("op", OPS, ids=OP_IDS)
@pytest.mark.parametrize("status", [301, 302, 307, 308])
async def test_redirect_is_not_followed_and_the_token_stays_home(
    httpserver: HTTPServer, second_server: HTTPServer, base_url: str, op: Op, status: int
) -> None:
    second_server.expect_request("/steal").respond_with_json(op.success() or {})
    location = second_server.url_for("/steal")
    response = Response("", status=status, headers={"Location": location, **corr("redirect")})
    plan = install(httpserver, op, response)
    with pytest.raises(UnexpectedResponseError) as info:
        await run_cell(op, base_url)
    assert_error(info.value, UnexpectedResponseError, status, "redirect", "")
    assert second_server.log == []  # the other host saw nothing, so no token either
    assert plan.retries == 0
    passed()


# --- below HTTP: refused, reset, withheld (raw asyncio server) -------------------------------------------------


def raw_routes(server: RawServer, op: Op, fault: Callable[..., Any], *, times: int | None) -> None:
    """Route the raw server: `fault` for the first `times` faulted requests (None: all), then success."""
    success = op.success()
    ok_body = b"" if success is None else json.dumps(success).encode()
    ok = respond(200, ok_body, {"Content-Type": "application/json", **corr("ok")})
    not_found = respond(404, b'{"status":404,"title":"Not Found"}', {"Content-Type": "application/problem+json"})
    booked = respond(200, json.dumps(order_payload()).encode(), {"Content-Type": "application/json"})

    def route(request: Any, n: int) -> Any:
        path = request.target.split("?")[0]
        if (request.method, path) == (op.method, op.path):
            return fault if times is None or n < times else ok
        if op.name == "create_order" and path == f"{ORDERS}/external_id/PO-1001":
            return not_found
        if op.name == "cancel_order" and (request.method, path) == ("GET", f"{ORDERS}/OB-1001"):
            return booked
        raise AssertionError(f"unexpected request {request.method} {path}")

    server.route = route


RAW_FAULTS = {"reset-before-response": reset_before, "reset-during-body": reset_during, "withheld": withhold}


@pytest.mark.parametrize("op", OPS, ids=OP_IDS)
@pytest.mark.parametrize("kind", list(RAW_FAULTS))
async def test_transport_fault_once_is_retried_to_success(raw_server: RawServer, op: Op, kind: str) -> None:
    raw_routes(raw_server, op, RAW_FAULTS[kind], times=1)
    base = f"http://127.0.0.1:{raw_server.port}{API_PREFIX}"
    check_success(op, await run_cell(op, base, timeout=0.3 if kind == "withheld" else 5.0))
    assert raw_server.count(op.method, op.path) == 2  # one retry
    passed()


@pytest.mark.parametrize("op", OPS, ids=OP_IDS)
@pytest.mark.parametrize("kind", list(RAW_FAULTS))
async def test_transport_fault_every_time_is_a_connection_error(raw_server: RawServer, op: Op, kind: str) -> None:
    raw_routes(raw_server, op, RAW_FAULTS[kind], times=None)
    base = f"http://127.0.0.1:{raw_server.port}{API_PREFIX}"
    expected = APITimeoutError if kind == "withheld" else APIConnectionError
    # A short timeout only where the fault is a silence: a reset needs none, and on a loaded machine 0.3 s could
    # end the lookup between attempts (a GET timeout) before the reset is seen.
    with pytest.raises(APIConnectionError) as info:
        await run_cell(op, base, timeout=0.3 if kind == "withheld" else 5.0)
    assert type(info.value) is expected
    assert info.value.request_sent
    assert info.value.method == op.method and info.value.url == base + op.path.removeprefix(API_PREFIX)
    assert raw_server.count(op.method, op.path) == MAX_RETRIES + 1
    if op.name == "create_order":  # each ambiguous failure was followed by a lookup before the retry
        assert raw_server.count("GET", f"{ORDERS}/external_id/PO-1001") == MAX_RETRIES
    passed()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.mark.parametrize("op", OPS[:-1], ids=OP_IDS[:-1])  # cancel_order: the next test
async def test_connection_refused_is_retried_then_a_connection_error(op: Op, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="flexport_outbounds_client")
    base = f"http://127.0.0.1:{free_port()}{API_PREFIX}"
    with pytest.raises(APIConnectionError) as info:
        await run_cell(op, base)
    assert type(info.value) is APIConnectionError and not info.value.request_sent
    retries = [r for r in caplog.records if r.getMessage().startswith("retrying")]
    assert len(retries) == MAX_RETRIES
    passed()


async def test_connection_refused_on_the_cancel_post(raw_server: RawServer, caplog: pytest.LogCaptureFixture) -> None:
    """The GET is answered, then the server goes away before the POST …/cancel: refused, retried, typed."""
    caplog.set_level(logging.WARNING, logger="flexport_outbounds_client")
    op = OPS[-1]
    booked = respond(
        200, json.dumps(order_payload()).encode(), {"Content-Type": "application/json", "Connection": "close"}
    )

    def route(request: Any, n: int) -> Any:
        async def answer_then_stop(exchange: Any) -> None:
            await booked(exchange)
            exchange.keep_alive = False
            raw_server.stop_accepting()  # no new connections: the cancel POST is refused

        assert (request.method, request.target) == ("GET", f"{ORDERS}/OB-1001")
        return answer_then_stop

    raw_server.route = route
    with pytest.raises(APIConnectionError) as info:
        await run_cell(op, f"http://127.0.0.1:{raw_server.port}{API_PREFIX}")
    assert type(info.value) is APIConnectionError and not info.value.request_sent
    assert info.value.method == "POST" and info.value.url.endswith("/OB-1001/cancel")
    assert len([r for r in caplog.records if r.getMessage().startswith("retrying POST")]) == MAX_RETRIES
    passed()


# --- cancel: the GET decides ----------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["IN_PROGRESS", "SHIPPED", "ON_HOLD"])
async def test_cancel_of_an_order_past_booked_sends_no_cancel(
    httpserver: HTTPServer, base_url: str, status: str
) -> None:
    httpserver.expect_request(f"{ORDERS}/OB-1001", method="GET").respond_with_json(order_payload(orderStatus=status))
    cancel = Plan(Response("", status=200))
    httpserver.expect_request(f"{ORDERS}/OB-1001/cancel", method="POST").respond_with_handler(cancel)
    with pytest.raises(OrderNotCancellableError) as info:
        await run_cell(OPS[-1], base_url)
    assert info.value.status == OrderStatus(status)
    assert cancel.requests == []
    passed()

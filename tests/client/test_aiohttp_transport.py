"""`OutboundsClient(transport="aiohttp")` behaves like the default transport on the wire (real local server)."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import gzip
import json
import logging
import socket
import sys
import time
import warnings
from typing import Literal

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from flexport_outbounds_client import (
    APIConnectionError,
    APITimeoutError,
    ClientClosedError,
    ConfigurationError,
    NotFoundError,
    OutboundsClient,
    RetryPolicy,
    ServerError,
    UnexpectedResponseError,
)
from flexport_outbounds_client._redact import Secrets
from flexport_outbounds_client._transports import make_sender
from flexport_outbounds_client._transports.base import PreparedRequest

from .conftest import (
    CANARY_TOKEN,
    FAST_RETRIES,
    ORDERS,
    PDF,
    UPLOAD_URL_PATH,
    Sequence,
    create_request,
    ok,
    order_payload,
    problem,
    slow,
    socket_closed_port,
    upload_target,
)


def aiohttp_client(base_url: str, **kwargs: object) -> OutboundsClient:
    return OutboundsClient(
        CANARY_TOKEN,
        base_url=base_url,
        transport="aiohttp",
        retry_policy=FAST_RETRIES,
        **kwargs,  # type: ignore[arg-type]
    )


async def test_get_retry_and_error_mapping(httpserver: HTTPServer, base_url: str) -> None:
    handler = Sequence(problem(503, "Busy"), ok(order_payload()))
    httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_handler(handler)
    httpserver.expect_request(f"{ORDERS}/OB-2").respond_with_response(problem(404, "Not Found"))
    async with aiohttp_client(base_url) as client:
        assert (await client.get_order("OB-1")).order_id == "OB-1001"
        with pytest.raises(NotFoundError):
            await client.get_order("OB-2")
    assert handler.count == 2
    assert handler.requests[0].headers["Authorization"] == f"Bearer {CANARY_TOKEN}"


async def test_timeout_and_refused_connection_are_typed(httpserver: HTTPServer, base_url: str) -> None:
    httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_handler(slow(0.5, ok(order_payload())))
    async with aiohttp_client(base_url, timeout=0.1) as client:
        with pytest.raises(APITimeoutError):
            await client.get_order("OB-1", max_retries=0)
    with socket_closed_port() as port:
        async with aiohttp_client(f"http://127.0.0.1:{port}/api") as client:
            with pytest.raises(APIConnectionError) as info:
                await client.get_order("OB-1")
    assert not info.value.request_sent


async def test_upload_put_has_no_authorization(httpserver: HTTPServer, base_url: str) -> None:
    httpserver.expect_request(UPLOAD_URL_PATH, method="POST").respond_with_json(upload_target(httpserver))
    put = Sequence(Response(status=200))
    httpserver.expect_request("/bucket/u1.pdf", method="PUT").respond_with_handler(put)
    async with aiohttp_client(base_url) as client:
        await client.upload_shipment_attachment("OB-1", "SH-1", attachment_type="SHIPPING_LABELS", file=PDF)
    assert "Authorization" not in put.requests[0].headers
    assert put.requests[0].data == PDF


def test_unknown_transport_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="transport"):
        OutboundsClient(CANARY_TOKEN, transport="curl", retry_policy=RetryPolicy())  # type: ignore[arg-type]


# --- the direct aiohttp backend: the same behaviour as the httpx path ---------------------------------------------


class HangUpServer:
    """A raw server on 127.0.0.1 that reads a whole request head, then closes the connection without answering."""

    def __init__(self) -> None:
        self.requests: list[bytes] = []
        self.connections = 0
        self._server: asyncio.Server | None = None
        self.port = 0

    async def __aenter__(self) -> HangUpServer:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        with contextlib.suppress(asyncio.IncompleteReadError, ConnectionError):
            self.requests.append(await reader.readuntil(b"\r\n\r\n"))
        writer.close()
        with contextlib.suppress(ConnectionError):
            await writer.wait_closed()


async def test_read_timeout_is_sent_and_retried(
    httpserver: HTTPServer, base_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    handler = Sequence(ok(order_payload()))
    httpserver.expect_request(f"{ORDERS}/OB-SLOW").respond_with_handler(slow(0.4, ok(order_payload())))
    httpserver.expect_request(f"{ORDERS}/OB-2").respond_with_handler(handler)
    async with aiohttp_client(base_url, timeout=0.1) as client:
        with pytest.raises(APITimeoutError) as info:
            await client.get_order("OB-SLOW", max_retries=1)
        shown = f"{base_url}/outbounds/orders/OB-SLOW"
        assert info.value.request_sent
        retries = [r.getMessage() for r in caplog.records if r.getMessage().startswith("retrying GET")]
        assert len(retries) == 1 and retries[0].endswith("after: request timed out (GET " + shown + ")")
        assert (await client.get_order("OB-2", timeout=2.0)).order_id == "OB-1001"  # the client is still usable


async def test_an_httpx_timeout_bounds_each_read(httpserver: HTTPServer, base_url: str) -> None:
    httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_handler(slow(0.4, ok(order_payload())))
    async with aiohttp_client(base_url, timeout=httpx.Timeout(0.1)) as client:
        with pytest.raises(APITimeoutError) as info:
            await client.get_order("OB-1", max_retries=0)
    assert info.value.request_sent


async def test_connect_timeout_is_not_sent() -> None:
    # A listening socket whose backlog is full and that never accepts: further connects hang in SYN_SENT.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        port = listener.getsockname()[1]
        fillers = []
        try:
            for _ in range(8):
                filler = socket.socket()
                filler.setblocking(False)
                with contextlib.suppress(BlockingIOError):
                    filler.connect_ex(("127.0.0.1", port))
                fillers.append(filler)
            timeout = httpx.Timeout(5.0, connect=0.2)
            async with aiohttp_client(f"http://127.0.0.1:{port}/api", timeout=timeout) as client:
                with pytest.raises(APITimeoutError) as info:
                    await client.get_order("OB-1", max_retries=0)
        finally:
            for filler in fillers:
                filler.close()
    assert not info.value.request_sent


async def test_refused_connection_is_not_sent_and_is_retried() -> None:
    with socket_closed_port() as port:
        async with aiohttp_client(f"http://127.0.0.1:{port}/api") as client:
            with pytest.raises(APIConnectionError) as info:
                await client.get_order("OB-1")
    assert not info.value.request_sent and not isinstance(info.value, APITimeoutError)
    assert "ClientConnectorError" in str(info.value)


async def test_server_hang_up_after_the_request_is_sent() -> None:
    async with HangUpServer() as server, aiohttp_client(f"http://127.0.0.1:{server.port}/api") as client:
        with pytest.raises(APIConnectionError) as info:
            await client.get_order("OB-1")
    assert info.value.request_sent and not isinstance(info.value, APITimeoutError)
    assert len(server.requests) == 3  # the first attempt and two retries; aiohttp adds no silent resend
    assert server.requests[0].startswith(b"GET /api/outbounds/orders/OB-1 HTTP/1.1\r\n")


async def test_server_errors_are_retried_then_raised(httpserver: HTTPServer, base_url: str) -> None:
    handler = Sequence(problem(500, "Oops", correlationId="c-1"))
    httpserver.expect_request(f"{ORDERS}/OB-500").respond_with_handler(handler)
    async with aiohttp_client(base_url) as client:
        with pytest.raises(ServerError) as info:
            await client.get_order("OB-500")
    assert handler.count == 3
    assert info.value.status_code == 500


async def test_redirect_is_not_followed_and_the_token_stays_home(httpserver: HTTPServer, base_url: str) -> None:
    async with HangUpServer() as elsewhere:
        location = f"http://127.0.0.1:{elsewhere.port}/steal"
        httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_data("", status=302, headers={"Location": location})
        async with aiohttp_client(base_url) as client:
            with pytest.raises(UnexpectedResponseError) as info:
                await client.get_order("OB-1")
    assert info.value.status_code == 302
    assert elsewhere.connections == 0
    assert CANARY_TOKEN not in str(info.value)


async def test_headers_body_and_compressed_responses(httpserver: HTTPServer, base_url: str) -> None:
    created = Sequence(ok(order_payload()))
    httpserver.expect_request(ORDERS, method="POST").respond_with_handler(created)
    body = gzip.compress(json.dumps(order_payload()).encode())
    compressed = Response(body, status=200, content_type="application/json", headers={"Content-Encoding": "gzip"})
    httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_response(compressed)
    async with aiohttp_client(base_url) as client:
        order = await client.create_order(create_request(), idempotency_key="key-1")
        assert order.order_id == "OB-1001"
        assert (await client.get_order("OB-1")).order_id == "OB-1001"
    sent = created.requests[0]
    assert sent.headers["Authorization"] == f"Bearer {CANARY_TOKEN}"
    assert sent.headers["Idempotency-Key"] == "key-1"
    assert sent.headers["Content-Type"] == "application/json"
    assert sent.headers["Accept"] == "application/json"
    assert sent.headers["User-Agent"].startswith("flexport-outbounds-client/")
    assert json.loads(sent.data) == create_request()


async def test_upload_url_is_sent_verbatim(httpserver: HTTPServer, base_url: str) -> None:
    target = upload_target(httpserver)
    target["uploadUrl"] += "&X-Amz-Credential=AKIA%2F20261127%2Fus-east-1"  # escapes must not be re-quoted
    httpserver.expect_request(UPLOAD_URL_PATH, method="POST").respond_with_json(target)
    put = Sequence(Response(status=200))
    httpserver.expect_request("/bucket/u1.pdf", method="PUT").respond_with_handler(put)
    async with aiohttp_client(base_url) as client:
        await client.upload_shipment_attachment("OB-1", "SH-1", attachment_type="SHIPPING_LABELS", file=PDF)
    request = put.requests[0]
    assert "Authorization" not in request.headers
    assert request.headers["Content-Type"] == "application/pdf"
    assert request.query_string.decode().endswith("&X-Amz-Credential=AKIA%2F20261127%2Fus-east-1")


async def test_closed_client_raises_client_closed_error(httpserver: HTTPServer, base_url: str) -> None:
    httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_json(order_payload())
    never_used = aiohttp_client(base_url)
    await never_used.aclose()
    await never_used.aclose()
    with pytest.raises(ClientClosedError):
        await never_used.get_order("OB-1")
    client = aiohttp_client(base_url)
    await client.get_order("OB-1")
    await client.aclose()
    with pytest.raises(ClientClosedError):
        await client.get_order("OB-1")


async def test_no_unclosed_session_warnings_after_aclose(
    httpserver: HTTPServer, base_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_json(order_payload())
    with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.WARNING, logger="asyncio"):
        warnings.simplefilter("always")
        async with aiohttp_client(base_url) as client:
            await asyncio.gather(*(client.get_order("OB-1") for _ in range(20)))
        del client
        gc.collect()
        await asyncio.sleep(0)
    assert not [w for w in caught if issubclass(w.category, ResourceWarning)], [str(w.message) for w in caught]
    assert not [r for r in caplog.records if "nclosed" in r.getMessage()]


def test_a_missing_aiohttp_is_told_when_the_client_is_made(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "aiohttp", None)
    with pytest.raises(ConfigurationError, match=r"pip install 'aiohttp>=3.12'"):
        OutboundsClient(CANARY_TOKEN)
    OutboundsClient(CANARY_TOKEN, transport="httpx")  # the other transport does not need it


async def test_a_deadline_cuts_the_attempt_short(httpserver: HTTPServer, base_url: str) -> None:
    # aiohttp's own total timeout bounds the attempt: the call's deadline (0.3 s) wins over timeout=30
    httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_handler(slow(3.0, ok(order_payload())))
    async with aiohttp_client(base_url, timeout=30.0, deadline=0.3) as client:
        started = time.monotonic()
        with pytest.raises(APITimeoutError) as info:
            await client.get_order("OB-1")
    assert info.value.request_sent
    assert time.monotonic() - started < 2.5  # the server answers after 3 s; slack for a loaded CI machine


@pytest.mark.parametrize("transport", ["httpx", "aiohttp"])
async def test_an_attempt_with_no_time_left_is_not_sent(
    httpserver: HTTPServer, base_url: str, transport: Literal["httpx", "aiohttp"]
) -> None:
    # aiohttp reads total=0 as "no limit": the sender must refuse instead of waiting for as long as the server likes
    handler = Sequence(ok(order_payload()))
    httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_handler(handler)
    sender = make_sender(transport, http_client=None, max_connections=1, max_response_bytes=1024, secrets=Secrets())
    request = PreparedRequest("getOrder", "GET", f"{base_url}/outbounds/orders/OB-1", {})
    try:
        with pytest.raises(APITimeoutError) as info:
            await sender.send(request, httpx.Timeout(1.0), 0.0)
    finally:
        await sender.aclose()
    assert not info.value.request_sent
    assert handler.count == 0


@pytest.mark.parametrize("transport", ["httpx", "aiohttp"])
async def test_the_reason_phrase_is_the_servers_and_is_redacted(
    httpserver: HTTPServer, base_url: str, transport: Literal["httpx", "aiohttp"]
) -> None:
    reply = Response(b"", status=f"503 Down for upkeep, {CANARY_TOKEN}")
    httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_response(reply)
    async with OutboundsClient(CANARY_TOKEN, base_url=base_url, transport=transport, max_retries=0) as client:
        with pytest.raises(ServerError) as info:
            await client.get_order("OB-1")
    assert str(info.value).startswith("HTTP 503 Down for upkeep, [REDACTED]")
    assert CANARY_TOKEN not in str(info.value)


async def test_a_compressed_error_is_mapped_without_its_content_encoding(httpserver: HTTPServer, base_url: str) -> None:
    body = gzip.compress(json.dumps({"status": 404, "title": "Not Found", "detail": "no OB-1"}).encode())
    headers = {"Content-Encoding": "gzip", "x-correlation-id": "corr-gz"}
    reply = Response(body, status=404, content_type="application/problem+json", headers=headers)
    httpserver.expect_request(f"{ORDERS}/OB-1").respond_with_response(reply)
    async with aiohttp_client(base_url) as client:
        with pytest.raises(NotFoundError) as info:
            await client.get_order("OB-1")
    assert info.value.problem is not None and info.value.problem.detail == "no OB-1"
    assert info.value.correlation_id == "corr-gz"
    assert "content-encoding" not in {name.lower() for name in info.value.headers}

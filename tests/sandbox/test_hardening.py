"""The served sandbox against hostile callers, over real loopback sockets (raw bytes where a client would tidy them).

Each test names the promise it checks: bounded memory (request log, body size), cheap limits first, an event loop
that stays free, refusals as problem+json, upload URLs on the server's own address, quiet shutdowns.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import logging
import threading
from collections.abc import AsyncIterator, Callable
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from flexport_outbounds_client._spec import spec_validator
from flexport_outbounds_client.sandbox import Sandbox

from .conftest import AUTH, ORDERS, TOKEN, order_request, upload_body

WAIT = 10.0  # seconds any single answer may take on a loaded machine; a hang fails the test instead of blocking it


@pytest.fixture
async def base_url(sandbox: Sandbox) -> AsyncIterator[str]:
    """The `sandbox` fixture served on a loopback port."""
    async with sandbox.serve() as url:
        yield url


class RawResponse:
    """One HTTP/1.1 response read off a socket: status, lower-cased headers, body."""

    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body

    def json(self) -> Any:
        return json.loads(self.body)


async def read_response(reader: asyncio.StreamReader) -> RawResponse:
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), WAIT)
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines:
        if ":" in line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    body = await asyncio.wait_for(reader.readexactly(length), WAIT) if length else b""
    return RawResponse(int(status_line.split()[1]), headers, body)


async def raw_exchange(base_url: str, data: bytes) -> RawResponse:
    """Send bytes as they are on a new connection; read one response."""
    parts = urlsplit(base_url)
    reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
    try:
        writer.write(data)
        with contextlib.suppress(ConnectionError):  # the server may answer and stop reading before all is sent
            await writer.drain()
        return await read_response(reader)
    finally:
        writer.close()


def request_head(base_url: str, method: str, path: str, *headers: str) -> bytes:
    parts = urlsplit(base_url)
    lines = [f"{method} {parts.path}{path} HTTP/1.1", f"Host: {parts.netloc}", f"Authorization: Bearer {TOKEN}"]
    return ("\r\n".join([*lines, *headers]) + "\r\n\r\n").encode()


def assert_problem(response: RawResponse, status: int) -> dict[str, Any]:
    assert response.status == status, response.body[:300]
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    return body


# -- bounded memory ---------------------------------------------------------------------------------------------


async def test_the_request_log_keeps_the_latest_requests_only() -> None:
    sandbox = Sandbox(request_log_size=10)
    assert Sandbox().request_log_size == 1000
    async with sandbox.serve() as base_url, httpx.AsyncClient(base_url=base_url) as http:
        for n in range(25):
            await http.get(f"{ORDERS}/OB-{n}", headers={"Authorization": "Bearer wrong", "X-N": str(n)})
    assert len(sandbox.requests) == 10
    assert [r.headers["x-n"] for r in sandbox.requests] == [str(n) for n in range(15, 25)]
    assert all("authorization" not in r.headers for r in sandbox.requests)


def test_the_request_log_size_must_be_positive() -> None:
    with pytest.raises(ValueError, match="request_log_size"):
        Sandbox(request_log_size=0)


async def test_a_body_declared_too_large_is_refused_before_it_is_sent(base_url: str) -> None:
    # Content-Length says 50 MB; the client sends 1 KB and waits: the answer must come without the rest
    head = request_head(
        base_url, "POST", ORDERS, "Content-Type: application/json", f"Content-Length: {50 * 1024 * 1024}"
    )
    body = assert_problem(await raw_exchange(base_url, head + b"[" * 1024), 413)
    assert "10485760" in body["detail"]


async def test_a_chunked_body_is_read_no_further_than_the_limit() -> None:
    sandbox = Sandbox(max_body_size=64 * 1024)
    assert Sandbox().max_body_size == 10 * 1024 * 1024
    async with sandbox.serve() as base_url:
        head = request_head(base_url, "POST", ORDERS, "Content-Type: application/json", "Transfer-Encoding: chunked")
        chunk = b"x" * 16 * 1024
        chunks = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(6))  # 96 KiB, never terminated
        assert_problem(await raw_exchange(base_url, head + chunks), 413)
    assert len(sandbox.orders) == 0


async def test_an_upload_is_held_to_the_same_limit() -> None:
    sandbox = Sandbox(max_body_size=1024)
    async with sandbox.serve() as base_url, httpx.AsyncClient(base_url=base_url) as http:
        origin = base_url.split("/logistics")[0]
        response = await http.put(f"{origin}/_sandbox/uploads/x", content=b"%PDF-" + b"0" * 2048)
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"


# -- cheap limits first, a free event loop ----------------------------------------------------------------------


async def test_the_item_limit_is_checked_before_any_item(base_url: str) -> None:
    request = order_request(orderItems=[{"junk": n} for n in range(5000)])
    async with httpx.AsyncClient(base_url=base_url, headers=AUTH) as http:
        response = await http.post(ORDERS, json=request)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert [e["field"] for e in errors] == ["orderItems"]  # one error, not one per item
    assert "1000" in errors[0]["message"]


async def test_a_small_request_is_answered_while_a_large_one_is_validated(
    base_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    validator = spec_validator()
    validating, release = threading.Event(), threading.Event()
    original: Callable[[str, object], Any] = validator.request_body_errors

    def slow_validation(operation_id: str, body: object) -> Any:
        validating.set()
        release.wait(WAIT)  # stands for validation work that takes long; bounded so a failure cannot hang
        return original(operation_id, body)

    monkeypatch.setattr(validator, "request_body_errors", slow_validation)
    items = [
        {"logisticsSku": f"SKU-{n:05}", "quantity": 1, "quantityUOM": "EACH", "lineItemId": f"line-{n:05}"}
        for n in range(1000)
    ]
    finished: list[str] = []
    async with httpx.AsyncClient(base_url=base_url, headers=AUTH, timeout=3 * WAIT) as http:

        async def create() -> None:
            await http.post(ORDERS, json=order_request(orderItems=items))
            finished.append("large create")

        large = asyncio.create_task(create())
        for _ in range(int(WAIT * 100)):
            if validating.is_set():
                break
            await asyncio.sleep(0.01)
        assert validating.is_set()
        small = await http.get(f"{ORDERS}/OB-1")
        finished.append("small read")
        release.set()
        await large
    assert small.status_code == 404
    assert finished == ["small read", "large create"]


# -- refusals as problem+json -----------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["externalId", "notes"])
async def test_an_escaped_lone_surrogate_is_refused_and_nothing_stored(
    base_url: str, sandbox: Sandbox, field: str
) -> None:
    text = json.dumps(order_request(**{field: "PLACEHOLDER"})).replace("PLACEHOLDER", "PO-\\ud800")
    async with httpx.AsyncClient(base_url=base_url, headers=AUTH) as http:
        response = await http.post(ORDERS, content=text, headers={"Content-Type": "application/json"})
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in response.json()["errors"]] == [field]
    assert len(sandbox.orders) == 0


async def test_upload_urls_use_the_servers_own_address(base_url: str) -> None:
    async with httpx.AsyncClient(base_url=base_url, headers=AUTH) as http:
        order = (await http.post(ORDERS, json=order_request())).json()
        shipment = order["shipments"][0]["shipmentId"]
        path = f"{ORDERS}/{order['orderId']}/shipments/{shipment}/attachments/upload_url"
        response = await http.post(path, json=upload_body(), headers={"Host": "attacker.example:8443"})
    assert response.status_code == 200
    url = response.json()["uploadUrl"]
    assert "attacker" not in url
    assert url.startswith(base_url.split("/logistics")[0] + "/_sandbox/uploads/")


async def test_an_oversized_head_gets_431_problem_json(base_url: str) -> None:
    head = request_head(base_url, "GET", f"{ORDERS}/OB-1", "X-Big: " + "a" * 1024 * 1024)
    assert_problem(await raw_exchange(base_url, head), 431)


async def test_a_nul_in_the_method_gets_400_problem_json(base_url: str) -> None:
    head = request_head(base_url, "G\x00ET", f"{ORDERS}/OB-1")
    assert_problem(await raw_exchange(base_url, head), 400)


# -- connections --------------------------------------------------------------------------------------------------


async def test_a_connection_that_sends_nothing_is_closed(base_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from flexport_outbounds_client.sandbox import _server

    monkeypatch.setattr(_server, "IDLE_TIMEOUT", 0.2)
    async with Sandbox().serve() as url:
        parts = urlsplit(url)
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        writer.write(b"GET / HTTP/1.1\r\n")  # a head that never ends
        await writer.drain()
        assert await asyncio.wait_for(reader.read(), WAIT) == b""  # closed by the server
        writer.close()


async def test_over_the_connection_limit_the_longest_idle_connections_make_room(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from flexport_outbounds_client.sandbox import _server

    monkeypatch.setattr(_server, "MAX_CONNECTIONS", 20)
    async with Sandbox().serve() as url:
        parts = urlsplit(url)
        idle = [await asyncio.open_connection(parts.hostname, parts.port) for _ in range(30)]
        async with httpx.AsyncClient(base_url=url, headers=AUTH) as http:
            for _ in range(5):
                assert (await http.get(f"{ORDERS}/OB-1")).status_code == 404

        async def closed_by_the_server(reader: asyncio.StreamReader) -> bool:
            try:
                return await asyncio.wait_for(reader.read(), 1.0) == b""
            except TimeoutError:
                return False

        closed = await asyncio.gather(*(closed_by_the_server(reader) for reader, _ in idle))
        for _, writer in idle:
            writer.close()
    # the 21st to 30th idle connection and the client's each closed the longest idle one: the first eleven
    assert closed == [True] * 11 + [False] * 19


# -- quiet shutdowns -----------------------------------------------------------------------------------------------


async def test_leaving_serve_with_a_request_in_flight_logs_no_error(
    sandbox: Sandbox, caplog: pytest.LogCaptureFixture
) -> None:
    sandbox.faults.add("delay", seconds=30)
    caplog.set_level(logging.INFO)
    async with sandbox.serve() as base_url:
        http = httpx.AsyncClient(base_url=base_url, headers=AUTH, timeout=WAIT)
        in_flight = asyncio.create_task(http.get(f"{ORDERS}/OB-1"))
        for _ in range(int(WAIT * 100)):
            if sandbox.faults.log:
                break
            await asyncio.sleep(0.01)
    with pytest.raises(httpx.RemoteProtocolError):
        await in_flight
    await http.aclose()
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


async def test_when_every_connection_is_busy_a_new_one_gets_503(monkeypatch: pytest.MonkeyPatch) -> None:
    from flexport_outbounds_client.sandbox import _server

    monkeypatch.setattr(_server, "MAX_CONNECTIONS", 2)
    monkeypatch.setattr(_server, "FD_RESERVE", 0)
    sandbox = Sandbox()
    sandbox.faults.add("delay", seconds=1.0, times=None)
    async with sandbox.serve() as url:
        limit = _server.connection_limit()
        async with httpx.AsyncClient(base_url=url, headers=AUTH, timeout=WAIT) as http:
            busy = [asyncio.create_task(http.get(f"{ORDERS}/OB-{n}")) for n in range(limit)]
            for _ in range(int(WAIT * 100)):
                if len(sandbox.faults.log) == limit:
                    break
                await asyncio.sleep(0.01)
            refused = await raw_exchange(url, request_head(url, "GET", f"{ORDERS}/OB-1"))
            assert [r.status_code for r in await asyncio.gather(*busy)] == [404] * limit
    assert_problem(refused, 503)


def test_the_body_checks_find_a_lone_surrogate_anywhere() -> None:
    from flexport_outbounds_client.sandbox._body import _checked_json, declared_length
    from flexport_outbounds_client.sandbox._state import ApiProblem

    for text, field in [
        (b'{"notes": ["ok", {"\\udc00key": 1}]}', "notes[1].\\udc00key"),
        (b'{"a": "\\ud83d\\ude00", "b": "\\udfff"}', "b"),
    ]:
        with pytest.raises(ApiProblem) as info:
            _checked_json(text, spec_validator(), "createOrder")
        assert [e.field for e in info.value.errors] == [field]
    assert declared_length([(b"content-length", b"12")]) == 12
    assert declared_length([(b"content-length", b"twelve")]) is None


async def test_a_closed_connection_is_freed_without_the_cyclic_collector(sandbox: Sandbox) -> None:
    # full collections over thousands of dead connections paused every caller for 100-250 ms in the soak
    def server_transports(port: int) -> int:
        return sum(
            isinstance(o, asyncio.Transport) and (o.get_extra_info("sockname") or ("", 0))[1] == port
            for o in gc.get_objects()
        )

    async with sandbox.serve() as url:
        parts = urlsplit(url)
        assert parts.port is not None
        gc.collect()
        gc.disable()
        try:
            connections = [await asyncio.open_connection(parts.hostname, parts.port) for _ in range(20)]
            await asyncio.sleep(0.2)
            assert server_transports(parts.port) == 20
            for _, writer in connections:
                writer.close()
            for _ in range(20):  # the server sees each close within a few loop iterations
                if server_transports(parts.port) == 0:
                    break
                await asyncio.sleep(0.1)
            assert server_transports(parts.port) == 0
        finally:
            gc.enable()

"""The aiohttp transport (`_transport.aiohttp_http_client`) and the JSON backends (`_json`), on a real loopback server.

The transport must be a drop-in for httpx's own: same requests on the wire, same responses, and the same
exception classes for the same network failures (OutboundsClient's retries and exactly-once creation depend on
knowing whether a request may have reached the server).
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import json
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

import flexport_outbounds_client._json as json_module
from flexport_outbounds_client import APIConnectionError, OutboundsClient, RetryPolicy
from flexport_outbounds_client._generated.models import Order
from flexport_outbounds_client._transport import aiohttp_http_client

from .conftest import load_seed_examples

API = "/logistics/api/2026-02"
NO_RETRIES = RetryPolicy(max_retries=0)


@pytest.fixture(scope="session")
def httpserver_listen_address() -> tuple[str, int]:
    return ("127.0.0.1", 0)


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with aiohttp_http_client() as http:
        yield http


def order() -> dict[str, Any]:
    return load_seed_examples()[1] | {"orderId": "OB-1"}


# --- on the wire -----------------------------------------------------------------------------------------------


async def test_get_sends_httpx_headers_and_returns_the_body(httpserver: HTTPServer, client: httpx.AsyncClient) -> None:
    seen: list[Request] = []

    def handler(request: Request) -> Response:
        seen.append(request)
        return Response(json.dumps(order()), headers={"x-correlation-id": "c-1"}, content_type="application/json")

    httpserver.expect_request(f"{API}/outbounds/orders/OB-1", method="GET").respond_with_handler(handler)
    response = await client.get(httpserver.url_for(f"{API}/outbounds/orders/OB-1"), headers={"Authorization": "t"})
    assert response.status_code == 200
    assert response.json() == order()
    assert response.headers["x-correlation-id"] == "c-1"
    assert response.http_version == "HTTP/1.1"
    (request,) = seen
    assert request.headers["Authorization"] == "t"
    assert request.headers["User-Agent"].startswith("python-httpx/")  # httpx's headers, not aiohttp's defaults


async def test_post_body_arrives_unchanged(httpserver: HTTPServer, client: httpx.AsyncClient) -> None:
    body = json.dumps(load_seed_examples()[0]).encode()
    httpserver.expect_request(f"{API}/outbounds/orders", method="POST", data=body).respond_with_json(order())
    response = await client.post(httpserver.url_for(f"{API}/outbounds/orders"), content=body)
    assert response.status_code == 200
    httpserver.check_assertions()


async def test_status_and_large_body_pass_through(httpserver: HTTPServer, client: httpx.AsyncClient) -> None:
    big = order() | {"orderItems": [load_seed_examples()[1]["orderItems"][0]] * 3000}  # ~1 MB, many chunks
    httpserver.expect_request("/big").respond_with_json(big, status=201)
    httpserver.expect_request("/missing").respond_with_json({"status": 404, "title": "Not Found"}, status=404)
    response = await client.get(httpserver.url_for("/big"))
    assert (response.status_code, response.json()) == (201, big)
    assert (await client.get(httpserver.url_for("/missing"))).status_code == 404


async def test_cookies_are_sent_once(httpserver: HTTPServer, client: httpx.AsyncClient) -> None:
    httpserver.expect_ordered_request("/a").respond_with_response(Response("", headers={"Set-Cookie": "s=1; Path=/"}))
    cookies: list[str | None] = []
    httpserver.expect_ordered_request("/b").respond_with_handler(
        lambda request: cookies.append(request.headers.get("Cookie")) or Response("")
    )
    await client.get(httpserver.url_for("/a"))
    await client.get(httpserver.url_for("/b"))
    assert cookies == ["s=1"]


async def test_outbounds_client_on_the_aiohttp_transport(httpserver: HTTPServer) -> None:
    httpserver.expect_request(f"{API}/outbounds/orders/OB-1").respond_with_json(order())
    async with (
        aiohttp_http_client() as http,
        OutboundsClient("tok", base_url=httpserver.url_for(API), http_client=http) as client,
    ):
        parsed = await client.get_order("OB-1")
    assert parsed.to_dict() == Order.from_dict(order()).to_dict()


# --- failures are classified like httpx's own transport ---------------------------------------------------------


@contextlib.asynccontextmanager
async def raw_server(
    handle: Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]],
) -> AsyncIterator[str]:
    """A bare TCP server on 127.0.0.1 that misbehaves as `handle` says (no HTTP library would)."""
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    async with server:
        yield f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"


async def hang_up_after_request(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await reader.readuntil(b"\r\n\r\n")
    writer.close()
    await writer.wait_closed()


async def truncated_body(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await reader.readuntil(b"\r\n\r\n")
    writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{")
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def slow_response(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    await reader.readuntil(b"\r\n\r\n")
    async with asyncio.timeout(2):
        await reader.read()  # never answer; return once the client gives up and closes the connection
    writer.close()
    await writer.wait_closed()


def unused_port_url() -> str:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


async def test_refused_connection_is_connect_error(client: httpx.AsyncClient) -> None:
    with pytest.raises(httpx.ConnectError):
        await client.get(unused_port_url())


async def test_hang_up_after_the_request_is_remote_protocol_error(client: httpx.AsyncClient) -> None:
    async with raw_server(hang_up_after_request) as url:
        with pytest.raises(httpx.RemoteProtocolError):
            await client.get(url)


async def test_truncated_body_is_a_read_error(client: httpx.AsyncClient) -> None:
    async with raw_server(truncated_body) as url:
        with pytest.raises(httpx.ReadError):
            await client.get(url)


async def test_read_timeout(client: httpx.AsyncClient) -> None:
    async with raw_server(slow_response) as url:
        with pytest.raises(httpx.ReadTimeout):
            await client.get(url, timeout=httpx.Timeout(0.1))


@pytest.mark.parametrize("sent", [False, True], ids=["refused", "hang-up"])
async def test_outbounds_client_knows_whether_the_request_was_sent(sent: bool) -> None:
    async with (
        raw_server(hang_up_after_request) as hang_up_url,
        aiohttp_http_client() as http,
        OutboundsClient(
            "tok", base_url=hang_up_url if sent else unused_port_url(), http_client=http, retry_policy=NO_RETRIES
        ) as client,
    ):
        with pytest.raises(APIConnectionError) as caught:
            await client.get_order("OB-1")
    assert type(caught.value) is APIConnectionError  # not APITimeoutError
    assert caught.value.request_sent is sent


def test_missing_extra_says_which_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "httpx_aiohttp", None)
    with pytest.raises(ImportError, match=r"flexport-outbounds-client\[aiohttp\]"):
        aiohttp_http_client()


# --- JSON backends ---------------------------------------------------------------------------------------------


def stdlib_json_module(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """A private copy of _json loaded as if orjson were not installed (the real module is left alone)."""
    monkeypatch.setitem(sys.modules, "orjson", None)
    spec = importlib.util.spec_from_file_location("_json_without_orjson", Path(json_module.__file__))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_json_backends_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    stdlib = stdlib_json_module(monkeypatch)
    assert (json_module.BACKEND, stdlib.BACKEND) == ("orjson", "json")
    documents = [*load_seed_examples(), {"text": "naïve ✓ \u2028", "n": [0, -1.5, 1e300, 2**63 - 1, True, None]}]
    for document in documents:
        encoded = json_module.dumps(document)
        assert encoded == stdlib.dumps(document)
        assert json_module.loads(encoded) == stdlib.loads(encoded) == document
        assert json_module.loads(json.dumps(document, indent=2).encode()) == document


@pytest.mark.parametrize("body", [b"", b"{", b"[1 2]", b'{"a": 1,}', b"\xff"])
def test_invalid_json_is_value_error_with_both_backends(monkeypatch: pytest.MonkeyPatch, body: bytes) -> None:
    for module in (json_module, stdlib_json_module(monkeypatch)):
        with pytest.raises(ValueError):  # noqa: PT011 - the contract is exactly "a ValueError"
            module.loads(body)

"""The same app on a real uvicorn server bound to 127.0.0.1: wire behaviour, drops, shutdown, the entry points."""

from __future__ import annotations

import asyncio
import io
import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest

from flexport_outbounds_client._formats import is_loopback_host as is_loopback
from flexport_outbounds_client.sandbox import Sandbox
from flexport_outbounds_client.sandbox._run import serve_forever
from flexport_outbounds_client.sandbox._server import bind_socket

from .conftest import AUTH, ORDERS, order_request, upload_body

PDF = b"%PDF-1.4\n%%EOF\n"


async def test_serve_runs_the_api_on_a_free_loopback_port(sandbox: Sandbox) -> None:
    async with sandbox.serve() as base_url, httpx.AsyncClient(base_url=base_url, headers=AUTH) as http:
        assert base_url.startswith("http://127.0.0.1:")
        assert base_url.endswith("/logistics/api/2026-02")
        created = await http.post(ORDERS, json=order_request())
        assert created.status_code == 200
        assert created.headers["x-correlation-id"]
        assert "server" not in created.headers
        order_id = created.json()["orderId"]
        assert (await http.get(f"{ORDERS}/{order_id}")).json()["orderStatus"] == "PLANNED"
        assert (await http.post(f"{ORDERS}/{order_id}/cancel")).status_code == 200
        assert (await http.get(f"{ORDERS}/external_id/PO-1001")).json()["orderStatus"] == "CANCELLED"


async def test_upload_urls_point_at_the_real_server(sandbox: Sandbox) -> None:
    async with sandbox.serve() as base_url, httpx.AsyncClient(base_url=base_url, headers=AUTH) as http:
        order = (await http.post(ORDERS, json=order_request())).json()
        order_id, shipment_id = order["orderId"], order["shipments"][0]["shipmentId"]
        path = f"{ORDERS}/{order_id}/shipments/{shipment_id}/attachments/upload_url"
        target = (await http.post(path, json=upload_body("SHIPPING_LABELS"))).json()
        assert target["uploadUrl"].startswith(base_url.removesuffix("/logistics/api/2026-02") + "/_sandbox/uploads/")
        async with httpx.AsyncClient() as storage:
            response = await storage.put(target["uploadUrl"], content=PDF, headers={"Content-Type": "application/pdf"})
    assert response.status_code == 200
    assert sandbox.uploads[(order_id, shipment_id, "SHIPPING_LABELS")] == PDF


async def test_commit_then_drop_closes_the_connection_without_a_response(
    sandbox: Sandbox, caplog: pytest.LogCaptureFixture
) -> None:
    sandbox.faults.add("commit_then_drop", operation="createOrder")
    async with sandbox.serve() as base_url, httpx.AsyncClient(base_url=base_url, headers=AUTH) as http:
        with pytest.raises(httpx.RemoteProtocolError, match="without sending a response"):
            await http.post(ORDERS, json=order_request())
        assert len(sandbox.orders) == 1
        assert (await http.get(f"{ORDERS}/external_id/PO-1001")).status_code == 200  # the server lives on
    server_logs = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("uvicorn"))
    assert "Exception in ASGI application" not in server_logs
    assert "without" not in server_logs  # uvicorn logs nothing about an unfinished response


async def test_commit_then_drop_over_a_raw_socket_sends_zero_bytes(sandbox: Sandbox) -> None:
    sandbox.faults.add("commit_then_drop")
    async with sandbox.serve() as base_url:
        url = httpx.URL(base_url)
        reader, writer = await asyncio.open_connection(url.host, url.port)
        writer.write(f"GET {url.path}/outbounds/orders/OB-1 HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        await writer.drain()
        assert await asyncio.wait_for(reader.read(), 5) == b""
        writer.close()


async def test_leaving_serve_is_bounded_even_with_a_request_in_flight(sandbox: Sandbox) -> None:
    sandbox.faults.add("delay", seconds=30)
    started = time.monotonic()
    async with sandbox.serve() as base_url, httpx.AsyncClient(base_url=base_url, headers=AUTH) as http:
        pending = asyncio.create_task(http.get(f"{ORDERS}/OB-1"))
        await asyncio.sleep(0.2)
    assert time.monotonic() - started < 10
    with pytest.raises(httpx.TransportError):
        await pending


async def test_non_loopback_hosts_are_refused(sandbox: Sandbox) -> None:
    with pytest.raises(ValueError, match="loopback only"):
        async with sandbox.serve("0.0.0.0"):  # noqa: S104 - refusing it is the point
            pass  # pragma: no cover


def test_loopback_detection() -> None:
    assert is_loopback("127.0.0.1")
    assert is_loopback("127.5.5.5")
    assert is_loopback("::1")
    assert is_loopback("localhost")
    assert not is_loopback("0.0.0.0")  # noqa: S104
    assert not is_loopback("example.com")
    assert not is_loopback("10.0.0.1")


async def test_allow_non_loopback_is_explicit(sandbox: Sandbox) -> None:
    # still bound to loopback here: the test only shows the flag lifts the host check
    async with sandbox.serve("127.0.0.1", allow_non_loopback=True) as base_url:
        assert base_url.startswith("http://127.0.0.1:")


def test_a_port_in_use_raises_oserror() -> None:
    with bind_socket("127.0.0.1", 0) as taken:
        port = taken.getsockname()[1]
        with pytest.raises(OSError, match="in use"):
            bind_socket("127.0.0.1", port).close()


async def test_ipv6_loopback_url_has_brackets(sandbox: Sandbox) -> None:
    if not socket.has_ipv6:  # pragma: no cover
        pytest.skip("no IPv6")
    try:
        async with sandbox.serve("::1") as base_url, httpx.AsyncClient(base_url=base_url, headers=AUTH) as http:
            assert base_url.startswith("http://[::1]:")
            assert (await http.get(f"{ORDERS}/OB-1")).status_code == 404
    except OSError:  # pragma: no cover - a host without an IPv6 loopback
        pytest.skip("::1 cannot be bound here")


async def test_serve_forever_prints_the_url_and_token_and_stops_on_request() -> None:
    out = io.StringIO()
    stop = asyncio.Event()
    task = asyncio.create_task(serve_forever(Sandbox(token="tok-1"), "127.0.0.1", 0, out=out, stop=stop))
    for _ in range(500):
        if "Token" in out.getvalue():
            break
        await asyncio.sleep(0.01)
    url_line, token_line = out.getvalue().splitlines()
    base_url = url_line.split(": ", 1)[1]
    async with httpx.AsyncClient(headers={"Authorization": "Bearer tok-1"}) as http:
        assert (await http.get(f"{base_url}{ORDERS}/OB-1")).status_code == 404
    assert token_line == "Token: tok-1"
    stop.set()
    await asyncio.wait_for(task, 10)


def test_python_dash_m_runs_until_interrupted() -> None:
    command = [sys.executable, "-m", "flexport_outbounds_client.sandbox", "--port", "0", "--token", "cli-token"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) as process:
        try:
            assert process.stdout is not None
            base_url = process.stdout.readline().strip().split(": ", 1)[1]
            assert process.stdout.readline().strip() == "Token: cli-token"
            response = httpx.post(
                f"{base_url}{ORDERS}", json=order_request(), headers={"Authorization": "Bearer cli-token"}, timeout=10
            )
            assert response.status_code == 200
            process.send_signal(signal.SIGINT)
            _, stderr = process.communicate(timeout=15)
            assert process.returncode == 0
            assert "Traceback" not in stderr
        finally:
            if process.poll() is None:  # pragma: no cover - only when an assertion above failed
                process.kill()


def test_python_dash_m_refuses_a_public_host() -> None:
    command = [sys.executable, "-m", "flexport_outbounds_client.sandbox", "--host", "0.0.0.0", "--port", "0"]  # noqa: S104
    result = subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 2
    assert "loopback only" in result.stderr


async def test_a_client_leaving_mid_body_is_not_an_application_error(
    sandbox: Sandbox, caplog: pytest.LogCaptureFixture
) -> None:
    async with sandbox.serve() as base_url:
        url = httpx.URL(base_url)
        _reader, writer = await asyncio.open_connection(url.host, url.port)
        head = (
            f"POST {url.path}/outbounds/orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Authorization: Bearer {sandbox.token}\r\nContent-Length: 1000\r\n\r\n"
        )
        writer.write(head.encode() + b'{"type": "B2B", ')  # then leave before the rest of the body
        await writer.drain()
        writer.close()
        await writer.wait_closed()
        for _ in range(50):  # let the server notice the disconnect
            await asyncio.sleep(0.01)
    server_logs = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("uvicorn"))
    assert "Exception in ASGI application" not in server_logs
    assert len(sandbox.orders) == 0

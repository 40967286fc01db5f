"""Fixtures for wire-level client tests: a real HTTP server on 127.0.0.1 (pytest-httpserver) and a client on it."""

from __future__ import annotations

import copy
import datetime
import json
import logging
import threading
import time
from collections.abc import AsyncIterator
from typing import Any, Literal

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from flexport_outbounds_client import OutboundsClient, RetryPolicy

from ..conftest import load_seed_examples
from ..samples import ship_to, transportation

CANARY_TOKEN = "canary-tok-7d1e0c55f1a94b2e9a3b"  # planted in every client; must never show up anywhere
API_PREFIX = "/logistics/api/2026-02"
FAST_RETRIES = RetryPolicy(max_retries=2, initial_delay=0.01, max_delay=0.05)


@pytest.fixture(scope="session")
def httpserver_listen_address() -> tuple[str, int]:
    return ("127.0.0.1", 0)


def order_payload(**overrides: Any) -> dict[str, Any]:
    """A realistic order as the API returns it (the documentation's example with real values)."""
    order = copy.deepcopy(load_seed_examples()[1])
    order.update(orderId="OB-1001", externalId="PO-1001", orderStatus="BOOKED")
    order["orderItems"] = [{"logisticsSku": "SKU-A", "quantity": 12, "quantityUOM": "CASE"}]
    for shipment in order["shipments"]:  # what `create_request()` asks for, as the API keeps it per shipment
        shipment.update(shipToAddress=ship_to(), transportationDetails=transportation())
    order.update(overrides)
    return order


def create_request(**overrides: Any) -> dict[str, Any]:
    """A valid create-order request matching `order_payload()`."""
    request: dict[str, Any] = {
        "type": "B2B",
        "externalId": "PO-1001",
        "orderItems": [{"logisticsSku": "SKU-A", "quantity": 12, "quantityUOM": "CASE"}],
        "shipToAddress": ship_to(),
        "transportationDetails": transportation(),
    }
    request.update(overrides)
    return request


def json_body(payload: Any) -> str:
    return json.dumps(payload)


@pytest.fixture
def base_url(httpserver: HTTPServer) -> str:
    return httpserver.url_for(API_PREFIX)


@pytest.fixture(params=["aiohttp", "httpx"])
def transport(request: pytest.FixtureRequest) -> str:
    """Each wire test runs on both transports: the default (aiohttp) and httpx."""
    name: str = request.param
    return name


@pytest.fixture
async def client(base_url: str, transport: Literal["aiohttp", "httpx"]) -> AsyncIterator[OutboundsClient]:
    async with OutboundsClient(
        CANARY_TOKEN, base_url=base_url, retry_policy=FAST_RETRIES, timeout=5.0, transport=transport
    ) as c:
        yield c


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG)
    return caplog


def client_side_logs(caplog: pytest.LogCaptureFixture) -> str:
    """Every captured log line except the test server's own access log (werkzeug), formatted with its args."""
    return "\n".join(
        f"{record.name}: {record.getMessage()}" for record in caplog.records if not record.name.startswith("werkzeug")
    )


ORDERS = f"{API_PREFIX}/outbounds/orders"


class Sequence:
    """A handler that answers with the given responses in turn (the last one repeats) and records requests."""

    def __init__(self, *responses: Response) -> None:
        self.responses = list(responses)
        self.requests: list[Request] = []
        self.lock = threading.Lock()

    def __call__(self, request: Request) -> Response:
        with self.lock:
            self.requests.append(request)
            index = min(len(self.requests), len(self.responses)) - 1
            return self.responses[index]

    @property
    def count(self) -> int:
        return len(self.requests)


def problem(status: int, title: str, *, headers: dict[str, str] | None = None, **extra: Any) -> Response:
    body = {"status": status, "type": f"about:blank#{status}", "title": title, **extra}
    return Response(json_body(body), status=status, headers=headers, content_type="application/problem+json")


def ok(payload: Any, **headers: str) -> Response:
    return Response(json_body(payload), status=200, headers=headers, content_type="application/json")


def slow(seconds: float, response: Response) -> Any:
    def handle(_request: Request) -> Response:
        time.sleep(seconds)
        return response

    return handle


class socket_closed_port:  # noqa: N801 - used like a function
    """A port on 127.0.0.1 that was just free: connecting to it is refused."""

    def __enter__(self) -> int:
        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port: int = sock.getsockname()[1]
        return port

    def __exit__(self, *exc: object) -> None:
        return None


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload_target(httpserver: HTTPServer, *, expires_in: float = 3600, name: str = "u1") -> dict[str, str]:
    expires = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=expires_in)
    url = httpserver.url_for(f"/bucket/{name}.pdf") + f"?X-Amz-Signature={SIGNATURE}&X-Amz-Expires=3600"
    return {"uploadUrl": url, "attachmentType": "SHIPPING_LABELS", "expirationTime": expires.isoformat()}


UPLOAD_URL_PATH = f"{ORDERS}/OB-1/shipments/SH-1/attachments/upload_url"


SIGNATURE = "sig0a1b2c3d4e5f60718293a4b5c6d7e8f9"

"""Fixtures for wire-level client tests: a real HTTP server on 127.0.0.1 (pytest-httpserver) and a client on it."""

from __future__ import annotations

import copy
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

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


@pytest.fixture
async def client(base_url: str) -> AsyncIterator[OutboundsClient]:
    async with OutboundsClient(CANARY_TOKEN, base_url=base_url, retry_policy=FAST_RETRIES, timeout=5.0) as c:
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

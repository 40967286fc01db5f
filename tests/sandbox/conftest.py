"""Fixtures of the sandbox tests: a fresh sandbox with response validation on, and raw HTTP access to it."""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from flexport_outbounds_client.sandbox import ManualClock, Sandbox

from ..samples import ship_to, transportation

TOKEN = "sandbox-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ORDERS = "/outbounds/orders"

_REQUEST: dict[str, Any] = {
    "type": "B2B",
    "externalId": "PO-1001",
    "orderItems": [
        {"logisticsSku": "SKU-A", "quantity": 12, "quantityUOM": "CASE", "quantityPerPack": 6, "lineItemId": "1"},
        {"productData": {"sku": "WIDGET-9", "gtin": "00012345678905"}, "quantity": 40, "quantityUOM": "EACH"},
    ],
    "shipToAddress": ship_to(company="Acme Retail"),
    "transportationDetails": transportation(),
    "currencyCode": "USD",
    "notes": "Dock closes at 4pm",
}


def order_request(**overrides: Any) -> dict[str, Any]:
    """A valid create-order request (two items, LTL); keyword arguments replace top-level fields."""
    request = copy.deepcopy(_REQUEST)
    request.update(overrides)
    return request


def upload_body(attachment_type: str = "CASE_LABELS") -> dict[str, str]:
    return {"attachmentType": attachment_type, "contentType": "application/pdf"}


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def sandbox(clock: ManualClock) -> Sandbox:
    return Sandbox(clock=clock, seed=7, validate_responses=True)


@pytest.fixture
async def http(sandbox: Sandbox) -> AsyncIterator[httpx.AsyncClient]:
    """Raw HTTP to the sandbox in process, with the sandbox's bearer token."""
    async with sandbox.http_client(headers=AUTH) as client:
        yield client


async def create(http: httpx.AsyncClient, **overrides: Any) -> dict[str, Any]:
    """Create an order over raw HTTP and return its body (asserting 200)."""
    response = await http.post(ORDERS, json=order_request(**overrides))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body

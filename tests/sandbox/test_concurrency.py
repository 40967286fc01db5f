"""200 concurrent creates with one externalId make exactly one order, in process and over real HTTP."""

from __future__ import annotations

import asyncio
from collections import Counter

import httpx

from flexport_outbounds_client.sandbox import Sandbox

from .conftest import AUTH, ORDERS, order_request

N = 200


async def _burst(http: httpx.AsyncClient, headers: dict[str, str] | None = None) -> Counter[int]:
    responses = await asyncio.gather(*(http.post(ORDERS, json=order_request(), headers=headers) for _ in range(N)))
    return Counter(r.status_code for r in responses)


async def test_in_process_same_external_id(http: httpx.AsyncClient, sandbox: Sandbox) -> None:
    assert await _burst(http) == {200: 1, 409: N - 1}
    assert len(sandbox.orders) == 1


async def test_in_process_same_idempotency_key(http: httpx.AsyncClient, sandbox: Sandbox) -> None:
    assert await _burst(http, {"Idempotency-Key": "one-key"}) == {200: N}
    assert len(sandbox.orders) == 1


async def test_over_http_same_external_id(sandbox: Sandbox) -> None:
    limits = httpx.Limits(max_connections=50)
    async with sandbox.serve() as base_url, httpx.AsyncClient(base_url=base_url, headers=AUTH, limits=limits) as http:
        assert await _burst(http) == {200: 1, 409: N - 1}
    assert len(sandbox.orders) == 1

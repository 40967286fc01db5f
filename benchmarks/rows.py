"""The rows of the table: one way each of calling get_order and create_order on the canned server.

A row is an async context manager yielding a `Calls` (get, create); each returns what a caller would use: the
decoded dict for the raw rows, an order model for the others (this project's `Order`, the stock-generated one).
`check` verifies every result, so a fast path that returns the wrong thing cannot win.
"""

from __future__ import annotations

import contextlib
import datetime
import enum
import json
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, NamedTuple

import aiohttp
import httpx

from flexport_outbounds_client import OutboundsClient, _json
from flexport_outbounds_client._generated.models import Order

from .payloads import CREATE
from .server import TOKEN
from .stock import stock_models

AUTH = {"Authorization": f"Bearer {TOKEN}"}
POST_HEADERS = {**AUTH, "Content-Type": "application/json", "Idempotency-Key": "bench"}
CREATE_BYTES = json.dumps(CREATE).encode()


class Calls(NamedTuple):
    get: Callable[[str], Awaitable[Any]]
    create: Callable[[], Awaitable[Any]]


def order_url(base: str, order_id: str) -> str:
    return f"{base}/outbounds/orders/{order_id}"


@contextlib.asynccontextmanager
async def raw_aiohttp(base: str) -> AsyncIterator[Calls]:
    async with aiohttp.ClientSession() as session:

        async def get(order_id: str) -> Any:
            async with session.get(order_url(base, order_id), headers=AUTH) as response:
                response.raise_for_status()
                return json.loads(await response.read())

        async def create() -> Any:
            async with session.post(f"{base}/outbounds/orders", data=CREATE_BYTES, headers=POST_HEADERS) as response:
                response.raise_for_status()
                return json.loads(await response.read())

        yield Calls(get, create)


@contextlib.asynccontextmanager
async def aiohttp_direct_models(base: str) -> AsyncIterator[Calls]:
    """The floor under OutboundsClient(transport="aiohttp"): aiohttp directly, _json.loads and the models."""
    async with aiohttp.ClientSession() as session:

        async def get(order_id: str) -> Any:
            async with session.get(order_url(base, order_id), headers=AUTH) as response:
                response.raise_for_status()
                return to_order(await response.read())

        async def create() -> Any:
            async with session.post(f"{base}/outbounds/orders", data=CREATE_BYTES, headers=POST_HEADERS) as response:
                response.raise_for_status()
                return to_order(await response.read())

        yield Calls(get, create)


def httpx_calls(http: httpx.AsyncClient, base: str, decode: Callable[[bytes], Any]) -> Calls:
    async def get(order_id: str) -> Any:
        response = await http.get(order_url(base, order_id), headers=AUTH)
        response.raise_for_status()
        return decode(response.content)

    async def create() -> Any:
        response = await http.post(f"{base}/outbounds/orders", content=CREATE_BYTES, headers=POST_HEADERS)
        response.raise_for_status()
        return decode(response.content)

    return Calls(get, create)


def to_order(data: bytes) -> Order:
    return Order.from_dict(_json.loads(data))


@contextlib.asynccontextmanager
async def raw_httpx(base: str) -> AsyncIterator[Calls]:
    async with httpx.AsyncClient() as http:
        yield httpx_calls(http, base, json.loads)


@contextlib.asynccontextmanager
async def httpx_models(base: str) -> AsyncIterator[Calls]:
    """The floor under OutboundsClient's default transport: the same pool settings, JSON decoder and models."""
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)
    async with httpx.AsyncClient(limits=limits) as http:
        yield httpx_calls(http, base, to_order)


@contextlib.asynccontextmanager
async def generated(base: str) -> AsyncIterator[Calls]:
    """The stock generated functions (stock templates, see stock.py) on their default httpx client."""
    import importlib

    models = stock_models()
    ORDER_CLASSES.add(models.Order)
    stock_client = importlib.import_module("stock_generated.client")
    generated_get = importlib.import_module("stock_generated.api.outbounds.get_order")
    generated_create = importlib.import_module("stock_generated.api.outbounds.create_order")
    body = models.CreateOrderRequest.from_dict(CREATE)
    async with stock_client.AuthenticatedClient(base_url=base, token=TOKEN) as client:

        async def get(order_id: str) -> Any:
            return await generated_get.asyncio(order_id, client=client)

        async def create() -> Any:
            return await generated_create.asyncio(client=client, body=body, idempotency_key="bench")

        yield Calls(get, create)


def outbounds_client(**options: Any) -> Callable[[str], contextlib.AbstractAsyncContextManager[Calls]]:
    @contextlib.asynccontextmanager
    async def row(base: str) -> AsyncIterator[Calls]:
        async with OutboundsClient(TOKEN, base_url=base, **options) as client:

            async def create() -> Order:
                return await client.create_order(CREATE, idempotency_key="bench")

            yield Calls(client.get_order, create)

    return row


Row = Callable[[str], contextlib.AbstractAsyncContextManager[Calls]]

# name -> (row, short description). The first is the limit every ratio is taken against.
ROWS: dict[str, tuple[Row, str]] = {
    "aiohttp+json.loads": (raw_aiohttp, "raw aiohttp.ClientSession, stdlib json.loads (the practical limit)"),
    "httpx+json.loads": (raw_httpx, "raw httpx.AsyncClient() (defaults), stdlib json.loads"),
    "httpx+models": (httpx_models, "httpx, pool of 100, _json.loads + Order.from_dict (floor of the default client)"),
    "aiohttp+models": (
        aiohttp_direct_models,
        "aiohttp directly, _json.loads + Order.from_dict (floor of transport=aiohttp)",
    ),
    "generated (httpx)": (generated, "stock generated get_order.asyncio / create_order.asyncio, AuthenticatedClient"),
    "OutboundsClient": (outbounds_client(), "OutboundsClient() with its default transport (httpx)"),
    "OutboundsClient aiohttp": (outbounds_client(transport="aiohttp"), 'OutboundsClient(transport="aiohttp")'),
}


# Classes whose instances are orders; the row of the stock package adds its own when it loads it.
ORDER_CLASSES: set[type] = {Order}
DATE_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")


def wire_form(result: Any) -> Any:
    """The order as JSON-like data: the dict itself, or the model's own to_dict()."""
    return result if isinstance(result, dict) else result.to_dict()


def canonical(value: Any) -> Any:
    """Date-times as datetime (one instant, however written) and enum members as their values, so every model
    compares with the served JSON however it spells these; everything else exactly as it is."""
    if isinstance(value, dict):
        return {key: canonical(item) for key, item in value.items()}
    if isinstance(value, list):
        return [canonical(item) for item in value]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, str) and DATE_TIME.match(value):
        return datetime.datetime.fromisoformat(value)
    return value


def check(result: Any, expected: dict[str, Any], *, full: bool = False) -> None:
    """Cheap check of every result; `full` also compares the whole order with the one served."""
    if isinstance(result, dict):
        order_id, items = result["orderId"], len(result["orderItems"])
    elif type(result) in ORDER_CLASSES:
        order_id, items = result.order_id, len(result.order_items)
    else:
        raise AssertionError(f"not an order: {type(result).__name__}: {result!r:.200}")
    if (order_id, items) != (expected["orderId"], len(expected["orderItems"])):
        raise AssertionError(f"wrong order: {order_id} with {items} items")
    if full and canonical(wire_form(result)) != canonical(expected):
        raise AssertionError(f"the parsed order differs from the one served ({type(result).__module__})")

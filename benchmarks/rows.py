"""The rows of the table: one way each of calling get_order and create_order on the canned server.

A row is an async context manager yielding a `Calls` (get, create); each returns what a caller would use: the
decoded dict for the raw rows, an order model for the others (this project's `Order`, the stock-generated one, the
openapi-generator peer's). `check` verifies every result, so a fast path that returns the wrong thing cannot win.

The latency workload's configurations (`POOLED`) take a pool size too: a connection limit, None for unbounded.
"""

from __future__ import annotations

import contextlib
import datetime
import enum
import inspect
import json
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, NamedTuple

import aiohttp
import httpx

from flexport_outbounds_client import OutboundsClient, _json
from flexport_outbounds_client._generated.models import Order

from .payloads import CREATE
from .peer import peer_package
from .server import TOKEN
from .stock import stock_models

AIOHTTP_DEFAULT_LIMIT = 100  # aiohttp.TCPConnector's own default
AUTH = {"Authorization": f"Bearer {TOKEN}"}
POST_HEADERS = {**AUTH, "Content-Type": "application/json", "Idempotency-Key": "bench"}
CREATE_BYTES = json.dumps(CREATE).encode()


class Calls(NamedTuple):
    get: Callable[[str], Awaitable[Any]]
    create: Callable[[], Awaitable[Any]]


def order_url(base: str, order_id: str) -> str:
    return f"{base}/outbounds/orders/{order_id}"


@contextlib.asynccontextmanager
async def raw_aiohttp(base: str, pool: int | None = AIOHTTP_DEFAULT_LIMIT) -> AsyncIterator[Calls]:
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=pool or 0)) as session:

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
async def raw_httpx_pooled(base: str, pool: int | None) -> AsyncIterator[Calls]:
    """Raw httpx with `pool` connections, all kept alive (httpx keeps 20 by default: more would be reopened for
    every request), and no pool timeout (httpx's 5 s would fail calls queued behind a small pool at high latency),
    as OutboundsClient sets its own."""
    limits = httpx.Limits(max_connections=pool, max_keepalive_connections=pool)
    async with httpx.AsyncClient(limits=limits, timeout=httpx.Timeout(60.0, pool=None)) as http:
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


@contextlib.asynccontextmanager
async def openapi_generator(base: str, pool: int | None = None) -> AsyncIterator[Calls]:
    """openapi-generator's python asyncio client (peer.py), as its README shows it; `pool` sets
    `connection_pool_maxsize` (its default: PEER_DEFAULT_POOL)."""
    peer = peer_package()
    ORDER_CLASSES.add(peer.Order)
    configuration = peer.Configuration(host=base, access_token=TOKEN)
    if pool is not None:
        configuration.connection_pool_maxsize = pool
    body = peer.CreateOrderRequest.from_dict(CREATE)
    async with peer.ApiClient(configuration) as api_client:
        api = peer.OutboundsApi(api_client)

        async def get(order_id: str) -> Any:
            return await api.get_order(order_id)

        async def create() -> Any:
            return await api.create_order(body, idempotency_key="bench")

        yield Calls(get, create)


PEER_DEFAULT_POOL = 100  # Configuration.connection_pool_maxsize when left None, with library=asyncio


def outbounds_client(**options: Any) -> PooledRow:
    """OutboundsClient(**options); a `pool` is passed as max_connections (None: the client's default)."""

    @contextlib.asynccontextmanager
    async def row(base: str, pool: int | None = None) -> AsyncIterator[Calls]:
        settings = options if pool is None else {**options, "max_connections": pool}
        async with OutboundsClient(TOKEN, base_url=base, **settings) as client:

            async def create() -> Order:
                return await client.create_order(CREATE, idempotency_key="bench")

            yield Calls(client.get_order, create)

    return row


def client_default_transport() -> str:
    """OutboundsClient's default transport ("httpx" or "aiohttp"), read from its signature."""
    return str(inspect.signature(OutboundsClient).parameters["transport"].default)


def client_default_pool() -> int | None:
    """OutboundsClient's own max_connections default, read from its signature (it is the figure under study)."""
    default = inspect.signature(OutboundsClient).parameters["max_connections"].default
    return default if isinstance(default, int) else None


Row = Callable[[str], contextlib.AbstractAsyncContextManager[Calls]]
PooledRow = Callable[[str, int | None], contextlib.AbstractAsyncContextManager[Calls]]

# name -> (row, short description). The first is the limit every ratio is taken against.
ROWS: dict[str, tuple[Row, str]] = {
    "aiohttp+json.loads": (raw_aiohttp, "raw aiohttp.ClientSession, stdlib json.loads (the practical limit)"),
    "httpx+json.loads": (raw_httpx, "raw httpx.AsyncClient() (defaults), stdlib json.loads"),
    "httpx+models": (httpx_models, "httpx, pool of 100, _json.loads + Order.from_dict (floor of the httpx transport)"),
    "aiohttp+models": (
        aiohttp_direct_models,
        "aiohttp directly, _json.loads + Order.from_dict (floor of transport=aiohttp)",
    ),
    "generated (httpx)": (generated, "stock generated get_order.asyncio / create_order.asyncio, AuthenticatedClient"),
    "openapi-generator": (
        openapi_generator,
        "openapi-generator python client, library=asyncio (aiohttp + pydantic), OutboundsApi, default Configuration",
    ),
    "OutboundsClient": (outbounds_client(), "OutboundsClient() with every default (what a plain install gives)"),
    "OutboundsClient httpx": (outbounds_client(transport="httpx"), 'OutboundsClient(transport="httpx")'),
}


class Pooled(NamedTuple):
    """A configuration of the latency workload: its row, the pool sizes to measure, and the one it uses by default
    (None if the row does not use its library's default settings, as raw httpx with every connection kept alive)."""

    row: PooledRow
    pools: tuple[int | None, ...]  # None: unbounded
    default: int | None
    description: str
    skip: frozenset[tuple[int | None, int]] = frozenset()  # (pool, concurrency) cells not measured (description)


POOL_SIZES = (10, 50, 100, 200)


def pooled() -> dict[str, Pooled]:
    """The latency workload's configurations (a function: the client's default pool is read when it runs)."""
    client_pools = tuple(sorted({*POOL_SIZES, *filter(None, [client_default_pool()])}))
    return {
        "OutboundsClient()": Pooled(
            outbounds_client(), client_pools, client_default_pool(), "OutboundsClient(max_connections=N)"
        ),
        'OutboundsClient(transport="httpx")': Pooled(
            outbounds_client(transport="httpx"),
            client_pools,
            client_default_pool(),
            'OutboundsClient(transport="httpx", max_connections=N)',
        ),
        "raw aiohttp": Pooled(
            raw_aiohttp, (*POOL_SIZES, None), AIOHTTP_DEFAULT_LIMIT, "aiohttp.ClientSession, TCPConnector(limit=N)"
        ),
        "raw httpx": Pooled(
            raw_httpx_pooled,
            (*POOL_SIZES, None),
            None,
            "httpx.AsyncClient, N connections all kept alive. Unbounded at 1,000 concurrent is skipped: httpcore's"
            " scan of every pooled connection for every request holds the event loop for tens of seconds before the"
            " first calls complete, and the cell would cost more than the rest of its column",
            frozenset({(None, 1000)}),
        ),
        "openapi-generator": Pooled(
            openapi_generator, (PEER_DEFAULT_POOL,), PEER_DEFAULT_POOL, "the peer, at its default pool only"
        ),
    }


# Classes whose instances are orders; the rows of the stock and peer packages add theirs when they load them.
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

"""`Sandbox`: the state of one fake Outbounds API, its ASGI app, and the ways to reach it."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, get_args

import httpx

from .._generated.models import Order, OrderStatus
from .._spec import spec_validator
from ._app import API_PREFIX, MAX_BODY_SIZE, AppParts, AppSettings, SandboxApp
from ._clock import Clock, SystemClock
from ._control import control_routes
from ._drift import DriftKind, drift_kinds
from ._faults import Faults
from ._options import DEFAULT_ADVANCE_EVERY, DEFAULT_TOKEN
from ._server import RunningServer, serve
from ._state import REQUEST_LOG_SIZE, AutoAdvance, RecordedRequest, SandboxState, UploadKey

if TYPE_CHECKING:
    from .._client import OutboundsClient

__all__ = ["IN_PROCESS_BASE_URL", "InProcessTransport", "OrdersView", "Sandbox"]

IN_PROCESS_BASE_URL: Final = f"http://sandbox.invalid{API_PREFIX}"


class InProcessTransport(httpx.ASGITransport):
    """`httpx.ASGITransport` that honours the request's read timeout, as a socket would.

    Plain `ASGITransport` ignores timeouts, so a delay fault could never make an in-process client time out.
    """

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Run the app; raise `httpx.ReadTimeout` when it takes longer than the read timeout."""
        timeout = request.extensions.get("timeout", {}).get("read")
        try:
            async with asyncio.timeout(timeout):
                return await super().handle_async_request(request)
        except TimeoutError as exc:
            raise httpx.ReadTimeout(f"the sandbox did not answer within {timeout} s", request=request) from exc


class OrdersView(Mapping[str, Order]):
    """A live, read-only view of the sandbox's orders: order id → `Order` (a fresh model on every access).

    Reading through this view is not an API read: it never triggers `on_read` auto-advance.
    """

    def __init__(self, state: SandboxState) -> None:
        self._state = state

    def __getitem__(self, order_id: str) -> Order:
        return Order.from_dict(self._state.snapshot(order_id))

    def __iter__(self) -> Iterator[str]:
        return iter(self._state.order_ids())

    def __len__(self) -> int:
        return len(self._state.order_ids())

    def raw(self, order_id: str) -> dict[str, Any]:
        """The order as the JSON body a GET would return now (a copy).

        Raises:
            KeyError: when no order has this id.
        """
        return self._state.snapshot(order_id)


class Sandbox:
    """A faithful fake of Flexport's Outbounds API 2026-02, in process or on a loopback HTTP server.

    Args:
        token: the bearer token the sandbox accepts.
        clock: where time comes from (default: real time); pass a `ManualClock` to move time by hand.
        auto_advance: None (orders move only via `advance()`), "on_read" (every API read of an order first moves
            it one step), or "timed" (one step per `advance_every` seconds of `clock`).
        advance_every: seconds of clock time per step in "timed" mode.
        seed: makes generated ids and tracking data repeatable.
        validate_responses: check every API response against openapi.yaml and raise `SandboxResponseError`
            instead of sending a non-conforming one (on in the pytest fixture).
        drift: make the API differ from openapi.yaml on purpose (README "Drift mode"): "all", a kind, kinds
            separated by commas, or an iterable of kinds (`DRIFT_KINDS`); None for a faithful API.
        request_log_size: how many of the latest requests `requests` keeps (older ones are forgotten).
        max_body_size: the largest request body accepted, in bytes (10 MiB: a 1,000-item order is far smaller);
            a larger one gets 413 problem+json, and no byte past the limit is read.

    Raises:
        ValueError: for an unknown drift kind, an empty token, an unknown auto_advance mode, advance_every <= 0,
            or a size < 1.
    """

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        clock: Clock | None = None,
        auto_advance: AutoAdvance | None = None,
        advance_every: float = DEFAULT_ADVANCE_EVERY,
        seed: int | None = None,
        validate_responses: bool = False,
        drift: str | Iterable[DriftKind] | None = None,
        request_log_size: int = REQUEST_LOG_SIZE,
        max_body_size: int = MAX_BODY_SIZE,
    ) -> None:
        if not token or token != token.strip():
            raise ValueError("the sandbox token must be a non-empty string without surrounding spaces")
        if auto_advance is not None and auto_advance not in get_args(AutoAdvance):
            raise ValueError(f"auto_advance must be None, 'on_read' or 'timed', not {auto_advance!r}")
        if advance_every <= 0:
            raise ValueError("advance_every must be positive")
        if request_log_size < 1 or max_body_size < 1:
            raise ValueError("request_log_size and max_body_size must be at least 1")
        self.token = token
        self.clock: Clock = clock if clock is not None else SystemClock()
        self.faults = Faults()
        self._settings = AppSettings(validate_responses=validate_responses, max_body_size=max_body_size)
        validator = spec_validator()
        self._state = SandboxState(self.clock, validator, auto_advance, advance_every, seed, request_log_size)
        self.drift = drift  # the setter normalises every accepted form
        parts = AppParts(
            self._state,
            self.faults,
            validator,
            self._token_matches,
            self._settings,
            control_routes(self, self._token_matches),
        )
        self.app = SandboxApp(parts)

    def __repr__(self) -> str:
        return f"<Sandbox orders={len(self.orders)} auto_advance={self._state.auto_advance!r}>"

    def _token_matches(self, token: str) -> bool:
        return hmac.compare_digest(token.encode(), self.token.encode())

    @property
    def validate_responses(self) -> bool:
        """Whether every API response is checked against openapi.yaml before it is sent (settable)."""
        return self._settings.validate_responses

    @validate_responses.setter
    def validate_responses(self, value: bool) -> None:
        self._settings.validate_responses = value

    @property
    def drift(self) -> frozenset[DriftKind]:
        """The ways the API differs from openapi.yaml on purpose (settable, as the `drift` argument)."""
        return self._settings.drift

    @drift.setter
    def drift(self, value: str | Iterable[DriftKind] | None) -> None:
        self._settings.drift = drift_kinds(value)

    @property
    def request_log_size(self) -> int:
        """How many of the latest requests `requests` keeps."""
        return self._state.request_log_size

    @property
    def max_body_size(self) -> int:
        """The largest request body accepted, in bytes; a larger one gets 413."""
        return self._settings.max_body_size

    # -- inspection -------------------------------------------------------------------------------------------
    @property
    def orders(self) -> OrdersView:
        """Every order, by order id (read-only, live)."""
        return OrdersView(self._state)

    @property
    def requests(self) -> Sequence[RecordedRequest]:
        """The latest `request_log_size` requests, oldest first: (operation_id, method, path, headers without
        Authorization).

        `operation_id` is the spec's operationId, or "uploadAttachment" for a PUT to an upload URL.
        """
        return tuple(self._state.requests)

    @property
    def uploads(self) -> Mapping[UploadKey, bytes]:
        """Uploaded documents by (order_id, shipment_id, attachment_type) (read-only, live)."""
        return MappingProxyType(self._state.uploads)

    # -- control ----------------------------------------------------------------------------------------------
    def advance(self, order_id: str, to: OrderStatus | str | None = None) -> OrderStatus:
        """Move an order one step along PLANNED → BOOKED → IN_PROGRESS → SHIPPED → DELIVERED, or up to `to`.

        `to=OrderStatus.CANCELLED` cancels (a no-op for a CANCELLED order). Returns the new status.

        Raises:
            KeyError: when no order has this id.
            ValueError: when `to` is not a status, or the order cannot get there (already past it, DELIVERED,
                CANCELLED, or too far along to cancel).
        """
        return OrderStatus(self._state.advance(order_id, None if to is None else str(to)))

    def reset(self) -> None:
        """Forget every order, upload, logged request and fault; keep the token, clock and settings."""
        self._state.reset()
        self.faults.clear()

    # -- ways in ----------------------------------------------------------------------------------------------
    def http_client(self, base_url: str = IN_PROCESS_BASE_URL, **kwargs: Any) -> httpx.AsyncClient:
        """A plain `httpx.AsyncClient` routed to the app in process (no sockets); no Authorization header."""
        return httpx.AsyncClient(transport=InProcessTransport(app=self.app), base_url=base_url, **kwargs)

    def client(self, **kwargs: Any) -> OutboundsClient:
        """An `OutboundsClient` wired to this sandbox in process, authenticated with `self.token`.

        Keyword arguments go to `OutboundsClient` (e.g. `max_retries`, `timeout`). Close it with `aclose()` or
        `async with`.
        """
        from .._client import OutboundsClient

        kwargs.setdefault("allow_insecure_http", True)
        return OutboundsClient(
            kwargs.pop("token", self.token),
            base_url=IN_PROCESS_BASE_URL,
            transport=InProcessTransport(app=self.app),
            **kwargs,
        )

    def serve(
        self, host: str = "127.0.0.1", port: int = 0, *, allow_non_loopback: bool = False
    ) -> AbstractAsyncContextManager[str]:
        """`async with sandbox.serve() as base_url:` runs this sandbox on a real uvicorn server in this loop.

        Port 0 picks a free port; `base_url` includes `/logistics/api/2026-02`. Leaving the block stops the server
        within seconds, even with requests in flight.

        Raises:
            ValueError: for a host that is not loopback, unless `allow_non_loopback=True`.
            OSError: when the address cannot be bound.
        """
        return _base_url_of(serve(self.app, host, port, allow_non_loopback=allow_non_loopback))


@contextlib.asynccontextmanager
async def _base_url_of(server: AbstractAsyncContextManager[RunningServer]) -> AsyncIterator[str]:
    async with server as running:
        yield running.base_url

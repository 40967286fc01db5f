"""`OutboundsClient`: the async client for Flexport's Outbounds API that applications import.

The client holds its settings and the six operations (`_operations`). The generated package describes each
request (`build_request`) and parses models (`from_dict`); the request pipeline (`_pipeline`) sends them through
one transport (`_transports`) with timeouts, retries, typed errors and logging; the order rules (`_orders`) decide
whether a found order is the one asked for and whether an order can be cancelled.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Final, Self

import httpx

from ._config import (
    DEFAULT_BASE_URL,
    DEFAULT_MAX_CONNECTIONS,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_TIMEOUT,
    check_settings,
    make_retry_policy,
    resolve_base_url,
    resolve_token,
)
from ._drift import Drift
from ._errors import (
    APIConnectionError,
    FlexportError,
    OrderEndedError,
    RateLimitError,
    RequestValidationError,
    ServerError,
    WaitTimeoutError,
)
from ._generated.api import CreateOrderRequestParam
from ._generated.models import (
    AttachmentContentType,
    AttachmentType,
    AttachmentUploadUrl,
    CreateOrderRequest,
    Order,
    OrderStatus,
)
from ._operations import Operations
from ._orders import CANCELLABLE_STATUSES, has_reached, is_terminal
from ._pipeline import CallOptions, Pipeline, Timeout, logger
from ._redact import Secrets, protect_library_logs
from ._results import Details
from ._retry import RetryPolicy
from ._transports import TransportName, make_sender
from ._transports.bodies import ACCEPT_ENCODING
from ._upload import FileInput
from ._version import __version__

if TYPE_CHECKING:
    from opentelemetry.trace import TracerProvider

__all__ = ["CANCELLABLE_STATUSES", "DEFAULT_BASE_URL", "DEFAULT_TIMEOUT", "DetailedClient", "OutboundsClient"]

WAIT_BACKOFF: Final = 1.5
_PLAIN_HEADERS: Final = {
    "Accept": "application/json",
    "Accept-Encoding": ACCEPT_ENCODING,
    "User-Agent": f"flexport-outbounds-client/{__version__} httpx/{httpx.__version__}",
}


class OutboundsClient:
    """Async client for Flexport's Outbounds API (2026-02). One connection pool per client; share one instance.

    Use it as `async with OutboundsClient() as client:` or call `await client.aclose()` when done.

    Args:
        token: API token; defaults to the `FLEXPORT_API_TOKEN` environment variable.
        base_url: API root; defaults to `FLEXPORT_BASE_URL`, then Flexport's production server.
        timeout: seconds for one whole attempt (connect is bounded at 5 s), or an `httpx.Timeout`.
        max_retries: retries after the first attempt, on connection errors, timeouts, 408, 429 and 5xx.
        deadline: optional bound in seconds on one call, all attempts and sleeps included.
        max_retry_after: a Retry-After longer than this raises `RateLimitError` at once instead of sleeping.
        retry_policy: full control of backoff (initial and maximum delay); replaces the two arguments above.
        http_client: your own `httpx.AsyncClient` (proxies, HTTP/2, custom transport). It still gets auth,
            timeouts, retries and error mapping; you keep ownership (`aclose` does not close it).
        allow_insecure_http: permit a plain `http://` base URL to a non-loopback host.
        max_connections: size of the connection pool this client creates (ignored with `http_client`).
        transport: "aiohttp" (the default) sends through an aiohttp session, several times less CPU per request
            than httpx (README "Performance"); "httpx" through an `httpx.AsyncClient` of the client's own; or an
            `httpx.AsyncBaseTransport` (an `httpx.ASGITransport` to an app in process, say), which the client
            wraps in an httpx client of its own. Either way the pool is made per event loop, on its first request.
            Ignored with `http_client`, except that a transport object and `http_client` together are refused.
        max_response_bytes: the largest response body read (decoded or not; default 32 MiB, the largest order is
            about 0.5 MB). A longer 2xx body raises `UnexpectedResponseError`; error bodies are read only as far
            as their excerpt and problem details need.
        tracer_provider: the OpenTelemetry tracer provider to trace calls with (the `otel` extra); default: the
            global one, once an application configures it. Calls are not traced without one.

    Raises:
        ConfigurationError: when no token is found or the base URL is unusable or insecure.
    """

    def __init__(
        self,
        token: str | None = None,
        *,
        base_url: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        deadline: float | None = None,
        max_retry_after: float = 60.0,
        retry_policy: RetryPolicy | None = None,
        http_client: httpx.AsyncClient | None = None,
        allow_insecure_http: bool = False,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        transport: TransportName | httpx.AsyncBaseTransport = "aiohttp",
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        tracer_provider: TracerProvider | None = None,
    ) -> None:
        check_settings(
            timeout=timeout,
            max_retries=max_retries,
            deadline=deadline,
            max_connections=max_connections,
            max_response_bytes=max_response_bytes,
        )
        token = resolve_token(token)
        self._base_url = resolve_base_url(base_url, allow_insecure_http=allow_insecure_http)
        policy = retry_policy or make_retry_policy(max_retries, max_retry_after)
        self._max_retries = policy.max_retries
        secrets = Secrets([token])  # what error messages, problem details and logs must never show
        protect_library_logs(secrets)
        sender = make_sender(
            transport,
            http_client=http_client,
            max_connections=max_connections,
            max_response_bytes=max_response_bytes,
            secrets=secrets,
        )
        pipeline = Pipeline(
            sender,
            base_url=self._base_url,
            plain_headers=_PLAIN_HEADERS,
            api_headers={"Authorization": f"Bearer {token}"},
            secrets=secrets,
            default_options=CallOptions(timeout, policy, None),
            default_deadline=deadline,
            allow_insecure_http=allow_insecure_http,
            tracer_provider=tracer_provider,
        )
        self._pipeline = pipeline
        self._operations = Operations(pipeline)
        self._details = DetailedClient(self._operations)

    def __repr__(self) -> str:
        return f"OutboundsClient(base_url={self._base_url!r}, token='***', max_retries={self._max_retries})"

    @property
    def base_url(self) -> str:
        """The API root every operation's path is appended to."""
        return self._base_url

    async def __aenter__(self) -> Self:
        self._pipeline.ensure_open()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool (unless it was passed in as `http_client`). Safe to call twice."""
        await self._pipeline.aclose()

    @property
    def drift(self) -> dict[Drift, int]:
        """What this client's responses held that openapi.yaml does not list, and how often: `Drift` (kind
        "field" or "value", model or enum, name) to count. Each was logged at WARNING the first time. README
        "Drift" says what to do about it."""
        return self._pipeline.drift.snapshot()

    @property
    def with_details(self) -> DetailedClient:
        """The same operations, returning `Details`: the value with its response's status, headers and correlation
        id, the attempts it took, and for `create_order` whether this call created the order.

            details = await client.with_details.create_order(request)
            if details.outcome is CreateOutcome.EXISTING: ...
            print(details.correlation_id)
        """
        return self._details

    # --- operations -------------------------------------------------------------------------------------------

    async def create_order(
        self,
        request: CreateOrderRequest | CreateOrderRequestParam,
        *,
        idempotency_key: str | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        deadline: float | None = None,
    ) -> Order:
        """Create an order exactly once, however often the network fails on the way.

        One Idempotency-Key (yours or a fresh UUID) is sent on every attempt. After an ambiguous failure (timeout,
        dropped connection, 5xx) and before retrying, an order with an externalId is looked up by it (within this
        call's timeout and deadline): found, it is returned. A 409 for the externalId returns the existing order
        when it is the order this request describes (README "Exactly-once creation" says what counts as the same).
        `with_details.create_order` also tells which of these happened.

        Raises:
            RequestValidationError: the request breaks a documented rule, or names a field the spec does not
                declare (nothing was sent).
            DuplicateExternalIdError: the externalId belongs to an order this request does not describe.
            ConflictError: another conflict (e.g. the Idempotency-Key was reused with a different body).
            FlexportError: any other failure, typed (see the errors module).
        """
        details = await self._operations.create_order(
            request, idempotency_key=idempotency_key, timeout=timeout, max_retries=max_retries, deadline=deadline
        )
        return details.value

    async def get_order(
        self, order_id: str, *, timeout: Timeout | None = None, max_retries: int | None = None
    ) -> Order:
        """The order with this id.

        Raises:
            NotFoundError: no such order. RequestValidationError: an empty or unusable id.
        """
        return (await self._operations.get_order(order_id, timeout=timeout, max_retries=max_retries)).value

    async def get_order_by_external_id(
        self, external_id: str, *, timeout: Timeout | None = None, max_retries: int | None = None
    ) -> Order:
        """The order created with this externalId.

        Raises:
            NotFoundError: no order has it. RequestValidationError: an empty or unusable id.
        """
        operations = self._operations
        return (await operations.get_order_by_external_id(external_id, timeout=timeout, max_retries=max_retries)).value

    async def get_shipment_attachment_upload_url(
        self,
        order_id: str,
        shipment_id: str,
        *,
        attachment_type: AttachmentType | str,
        content_type: AttachmentContentType | str = AttachmentContentType.APPLICATIONPDF,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
    ) -> AttachmentUploadUrl:
        """A pre-signed URL (valid one hour) to PUT one PDF document of the shipment to.

        Raises:
            RequestValidationError: bad ids, an attachment type the API does not list, or a content type other
                than application/pdf.
            NotFoundError: no such order or shipment.
            UnexpectedResponseError: the URL handed out is not one a document may be sent to.
        """
        details = await self._operations.get_shipment_attachment_upload_url(
            order_id,
            shipment_id,
            attachment_type=attachment_type,
            content_type=content_type,
            timeout=timeout,
            max_retries=max_retries,
        )
        return details.value

    async def upload_shipment_attachment(
        self,
        order_id: str,
        shipment_id: str,
        *,
        attachment_type: AttachmentType | str,
        file: FileInput,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
    ) -> AttachmentUploadUrl:
        """Upload a PDF (bytes, a path, or a binary file) as a shipment document; returns the target used.

        Gets an upload URL, PUTs the bytes there with `Content-Type: application/pdf` and no Authorization
        header (the URL is pre-signed for another host), and fetches a fresh URL once if the first one is
        expired, about to expire, or refused (403).

        Raises:
            RequestValidationError: the file is empty, unreadable or not a PDF (nothing was sent).
            PermissionDeniedError: the storage refused a fresh URL too.
            UnexpectedResponseError: Flexport handed out a fresh URL that is expired already, or unusable.
        """
        details = await self._operations.upload_shipment_attachment(
            order_id, shipment_id, attachment_type=attachment_type, file=file, timeout=timeout, max_retries=max_retries
        )
        return details.value

    async def wait_for_order(
        self,
        order_id: str,
        until: OrderStatus | str,
        *,
        timeout: float = 600.0,
        interval: float = 2.0,
        max_interval: float = 30.0,
        on_change: Callable[[OrderStatus | None, Order], None] | None = None,
        on_error: Callable[[FlexportError], None] | None = None,
    ) -> Order:
        """Poll the order until it reaches `until` or a later status (PLANNED → BOOKED → IN_PROGRESS → SHIPPED →
        DELIVERED; CANCELLED is only itself), and return it.

        Polls every `interval` seconds, backing off x1.5 up to `max_interval` while nothing changes, and calls
        `on_change(previous_status, order)` for the first status seen and every change. Failures a later poll may
        not meet (connection, timeout, 5xx, 429) are logged (and given to `on_error`) and polling goes on; the
        rest are raised. Cancel the awaiting task to stop early.

        Raises:
            OrderEndedError: the order ended in another status (CANCELLED, or DELIVERED when CANCELLED was awaited,
                or a status this version does not know).
            WaitTimeoutError: `timeout` seconds passed first (`.order` is the order as last seen, or None).
            NotFoundError, AuthenticationError, ...: failures that polling again cannot fix.
            RequestValidationError: an unusable id, status or number.
        """
        import asyncio  # here, not at the top: importing the client does not load asyncio

        target = _status(until)
        numbers = {"timeout": timeout, "interval": interval, "max_interval": max_interval}
        problems = {
            name: f"must be a number > 0, got {value!r:.40}" for name, value in numbers.items() if not _seconds(value)
        }
        if problems:
            raise RequestValidationError(problems)
        deadline = time.monotonic() + timeout
        delay, last = interval, None
        order: Order | None = None
        failure: FlexportError | None = None
        while True:
            remaining = deadline - time.monotonic()
            try:
                order = await self.get_order(order_id, timeout=max(1.0, min(max_interval, remaining)))
            except (APIConnectionError, ServerError, RateLimitError) as exc:
                failure = exc
                logger.warning("polling order %r failed, trying again: %s", order_id, exc)
                if on_error is not None:
                    on_error(exc)
            else:
                if order.order_status != last:
                    if on_change is not None:
                        on_change(last, order)
                    last, delay = order.order_status, interval
                else:
                    delay = min(delay * WAIT_BACKOFF, max(max_interval, interval))
                if has_reached(order.order_status, target):
                    return order
                if is_terminal(order.order_status):
                    message = f"order {order_id!r} ended as {order.order_status}; it will not become {target}"
                    raise OrderEndedError(message, order=order, until=target)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                seen = "no poll succeeded" if order is None else f"the order is {order.order_status}"
                error = WaitTimeoutError(
                    f"timed out after {timeout:g}s waiting for order {order_id!r} to be {target}; {seen}",
                    order=order,
                    until=target,
                )
                if order is None and failure is not None:
                    raise error from failure
                raise error
            await asyncio.sleep(min(delay, remaining))

    async def cancel_order(
        self, order_id: str, *, timeout: Timeout | None = None, max_retries: int | None = None
    ) -> None:
        """Cancel an order that is PLANNED or BOOKED. Cancelling a CANCELLED order is a no-op.

        The order is fetched first; a cancel request is only sent when its status allows one.

        Raises:
            OrderNotCancellableError: the order is IN_PROGRESS or later (also when it moved on meanwhile).
            NotFoundError: no such order.
        """
        await self._operations.cancel_order(order_id, timeout=timeout, max_retries=max_retries)


def _seconds(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and 0 < value < float("inf")


def _status(value: OrderStatus | str) -> OrderStatus:
    """An order status the spec lists, from a member or its name (any case).

    Raises:
        RequestValidationError: for anything else (waiting for a status no order can have would never end).
    """
    if isinstance(value, str) and value.upper() in OrderStatus.__members__:
        return OrderStatus(value.upper())
    known = ", ".join(OrderStatus.__members__)
    raise RequestValidationError({"until": f"must be one of {known}, got {value!r:.40}"})


class DetailedClient:
    """`OutboundsClient.with_details`: the six operations, each returning `Details` (see `OutboundsClient` for
    what each does and raises)."""

    __slots__ = ("_operations",)

    def __init__(self, operations: Operations) -> None:
        self._operations = operations

    async def create_order(
        self,
        request: CreateOrderRequest | CreateOrderRequestParam,
        *,
        idempotency_key: str | None = None,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        deadline: float | None = None,
    ) -> Details[Order]:
        """`OutboundsClient.create_order`; `Details.outcome` says whether this call created the order."""
        return await self._operations.create_order(
            request, idempotency_key=idempotency_key, timeout=timeout, max_retries=max_retries, deadline=deadline
        )

    async def get_order(
        self, order_id: str, *, timeout: Timeout | None = None, max_retries: int | None = None
    ) -> Details[Order]:
        """`OutboundsClient.get_order`."""
        return await self._operations.get_order(order_id, timeout=timeout, max_retries=max_retries)

    async def get_order_by_external_id(
        self, external_id: str, *, timeout: Timeout | None = None, max_retries: int | None = None
    ) -> Details[Order]:
        """`OutboundsClient.get_order_by_external_id`."""
        return await self._operations.get_order_by_external_id(external_id, timeout=timeout, max_retries=max_retries)

    async def get_shipment_attachment_upload_url(
        self,
        order_id: str,
        shipment_id: str,
        *,
        attachment_type: AttachmentType | str,
        content_type: AttachmentContentType | str = AttachmentContentType.APPLICATIONPDF,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
    ) -> Details[AttachmentUploadUrl]:
        """`OutboundsClient.get_shipment_attachment_upload_url`."""
        return await self._operations.get_shipment_attachment_upload_url(
            order_id,
            shipment_id,
            attachment_type=attachment_type,
            content_type=content_type,
            timeout=timeout,
            max_retries=max_retries,
        )

    async def upload_shipment_attachment(
        self,
        order_id: str,
        shipment_id: str,
        *,
        attachment_type: AttachmentType | str,
        file: FileInput,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
    ) -> Details[AttachmentUploadUrl]:
        """`OutboundsClient.upload_shipment_attachment`; the details are those of the PUT that stored the file."""
        return await self._operations.upload_shipment_attachment(
            order_id, shipment_id, attachment_type=attachment_type, file=file, timeout=timeout, max_retries=max_retries
        )

    async def cancel_order(
        self, order_id: str, *, timeout: Timeout | None = None, max_retries: int | None = None
    ) -> Details[None]:
        """`OutboundsClient.cancel_order`; the details are those of the cancel request (or of the read that found
        the order CANCELLED already)."""
        return await self._operations.cancel_order(order_id, timeout=timeout, max_retries=max_retries)

"""`OutboundsClient`: the async client for Flexport's Outbounds API that applications import.

The client holds its settings and the six operations. The generated package describes each request
(`build_request`) and parses models (`from_dict`); the request pipeline (`_pipeline`) sends them through one
transport (`_transports`) with timeouts, retries, typed errors and logging; the order rules (`_orders`) decide
whether a found order is the one asked for and whether an order can be cancelled.
"""

from __future__ import annotations

import datetime
import functools
import uuid
from types import TracebackType
from typing import Final, Self

import httpx

from ._config import (
    DEFAULT_BASE_URL,
    DEFAULT_MAX_CONNECTIONS,
    DEFAULT_TIMEOUT,
    make_retry_policy,
    resolve_base_url,
    resolve_token,
)
from ._errors import (
    BadRequestError,
    ConflictError,
    DuplicateExternalIdError,
    FlexportError,
    NotFoundError,
    OrderNotCancellableError,
    PermissionDeniedError,
    RequestValidationError,
    UnprocessableEntityError,
)
from ._generated.api import CreateOrderRequestParam
from ._generated.api.outbounds import cancel_order as cancel_order_api
from ._generated.api.outbounds import create_order as create_order_api
from ._generated.api.outbounds import get_order as get_order_api
from ._generated.api.outbounds import get_order_by_external_id as get_order_by_external_id_api
from ._generated.api.outbounds import get_shipment_attachment_upload_url as upload_url_api
from ._generated.models import (
    AttachmentContentType,
    AttachmentType,
    AttachmentUploadUrl,
    AttachmentUploadUrlRequest,
    CreateOrderRequest,
    Order,
    OrderStatus,
)
from ._orders import CANCELLABLE_STATUSES, needs_cancel, same_items
from ._pipeline import CallOptions, Pipeline, Timeout, logger, no_body
from ._redact import Secrets, protect_library_logs
from ._retry import RetryPolicy
from ._transports import TransportName, make_sender
from ._transports.base import PreparedRequest, Response
from ._upload import FileInput, read_pdf
from ._validation import check_path_id, validate_create_order
from ._version import __version__

__all__ = ["CANCELLABLE_STATUSES", "DEFAULT_BASE_URL", "DEFAULT_TIMEOUT", "OutboundsClient"]

UPLOAD_URL_MIN_VALIDITY: Final = datetime.timedelta(seconds=30)
_PLAIN_HEADERS: Final = {
    "Accept": "application/json",
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
        transport: "aiohttp" sends through an aiohttp session directly, without httpx (extra `aiohttp`): several
            times less CPU per request (README "Performance"). Its session is created on the first request, in
            the running event loop: use the client from that loop only. Or an `httpx.AsyncBaseTransport` (an
            `httpx.ASGITransport` to an app in process, say): the client makes and owns an httpx client on it.
            Ignored with `http_client`, except that a transport object and `http_client` together are refused.

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
        transport: TransportName | httpx.AsyncBaseTransport = "httpx",
    ) -> None:
        token = resolve_token(token)
        self._base_url = resolve_base_url(base_url, allow_insecure_http=allow_insecure_http)
        policy = retry_policy or make_retry_policy(max_retries, max_retry_after)
        self._max_retries = policy.max_retries
        secrets = Secrets([token])  # what error messages, problem details and logs must never show
        protect_library_logs(secrets)
        self._pipeline = Pipeline(
            make_sender(transport, http_client=http_client, max_connections=max_connections),
            base_url=self._base_url,
            plain_headers=_PLAIN_HEADERS,
            api_headers={"Authorization": f"Bearer {token}"},
            secrets=secrets,
            default_options=CallOptions(timeout, policy, None),
            default_deadline=deadline,
        )

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
        dropped connection, 5xx) and before retrying, an order with an externalId is looked up by it: found, it is
        returned. A 409 for the externalId returns the existing order when it has the same items.

        Raises:
            RequestValidationError: the request breaks a documented rule (nothing was sent).
            DuplicateExternalIdError: the externalId belongs to an order with different items.
            ConflictError: another conflict (e.g. the Idempotency-Key was reused with a different body).
            FlexportError: any other failure, typed (see the errors module).
        """
        model = validate_create_order(request)
        key = _idempotency_key(idempotency_key)
        pipeline = self._pipeline
        prepared = pipeline.api_request(create_order_api.build_request(body=model, idempotency_key=key))
        options = pipeline.options(timeout, max_retries, deadline)
        external_id = model.external_id if isinstance(model.external_id, str) else None
        recover = None if external_id is None else functools.partial(self._find_created_order, model, external_id)
        try:
            return await pipeline.execute(prepared, options, pipeline.parse_order, recover=recover)
        except ConflictError as exc:
            if external_id is None:
                raise
            return await self._existing_order_for_conflict(model, external_id, exc)

    async def get_order(
        self, order_id: str, *, timeout: Timeout | None = None, max_retries: int | None = None
    ) -> Order:
        """The order with this id.

        Raises:
            NotFoundError: no such order. RequestValidationError: an empty or unusable id.
        """
        pipeline = self._pipeline
        prepared = pipeline.api_request(get_order_api.build_request(check_path_id("order_id", order_id)))
        return await pipeline.execute(prepared, pipeline.options(timeout, max_retries, None), pipeline.parse_order)

    async def get_order_by_external_id(
        self, external_id: str, *, timeout: Timeout | None = None, max_retries: int | None = None
    ) -> Order:
        """The order created with this externalId.

        Raises:
            NotFoundError: no order has it. RequestValidationError: an empty or unusable id.
        """
        pipeline = self._pipeline
        api_request = get_order_by_external_id_api.build_request(check_path_id("external_id", external_id))
        prepared = pipeline.api_request(api_request)
        return await pipeline.execute(prepared, pipeline.options(timeout, max_retries, None), pipeline.parse_order)

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
            RequestValidationError: bad ids, or a content type other than application/pdf.
            NotFoundError: no such order or shipment.
        """
        pipeline = self._pipeline
        prepared = self._upload_url_request(order_id, shipment_id, attachment_type, content_type)
        options = pipeline.options(timeout, max_retries, None)
        return await pipeline.execute(prepared, options, pipeline.parse_upload_url)

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
            UnexpectedResponseError: Flexport handed out a fresh URL that is expired already.
        """
        data = read_pdf(file)
        pipeline = self._pipeline
        prepared = self._upload_url_request(order_id, shipment_id, attachment_type)
        options = pipeline.options(timeout, max_retries, None)
        target = await pipeline.execute(prepared, options, pipeline.parse_upload_url)
        if _usable(target):
            try:
                await pipeline.execute(pipeline.upload_request(target.upload_url, data), options, no_body)
            except PermissionDeniedError:
                logger.info("upload URL was refused (expired or revoked); fetching a fresh one")
            else:
                return target
        else:
            logger.info("upload URL expires at %s; fetching a fresh one", target.expiration_time.isoformat())
        fresh = await pipeline.execute(prepared, options, self._parse_usable_upload_url)
        await pipeline.execute(pipeline.upload_request(fresh.upload_url, data), options, no_body)
        return fresh

    async def cancel_order(
        self, order_id: str, *, timeout: Timeout | None = None, max_retries: int | None = None
    ) -> None:
        """Cancel an order that is PLANNED or BOOKED. Cancelling a CANCELLED order is a no-op.

        The order is fetched first; a cancel request is only sent when its status allows one.

        Raises:
            OrderNotCancellableError: the order is IN_PROGRESS or later (also when it moved on meanwhile).
            NotFoundError: no such order.
        """
        check_path_id("order_id", order_id)
        order = await self.get_order(order_id, timeout=timeout, max_retries=max_retries)
        if not needs_cancel(order):
            return
        pipeline = self._pipeline
        prepared = pipeline.api_request(cancel_order_api.build_request(order_id))
        try:
            await pipeline.execute(prepared, pipeline.options(timeout, max_retries, None), no_body)
        except (ConflictError, BadRequestError, UnprocessableEntityError) as exc:
            current = await self.get_order(order_id, timeout=timeout, max_retries=max_retries)
            if current.order_status == OrderStatus.CANCELLED:
                return
            if current.order_status not in CANCELLABLE_STATUSES:
                raise OrderNotCancellableError(order_id, current.order_status, detail=str(exc)) from exc
            raise

    # --- helpers of the operations ----------------------------------------------------------------------------

    def _upload_url_request(
        self,
        order_id: str,
        shipment_id: str,
        attachment_type: AttachmentType | str,
        content_type: AttachmentContentType | str = AttachmentContentType.APPLICATIONPDF,
    ) -> PreparedRequest:
        body = _upload_url_body(attachment_type, content_type)
        api_request = upload_url_api.build_request(
            check_path_id("order_id", order_id), check_path_id("shipment_id", shipment_id), body=body
        )
        return self._pipeline.api_request(api_request)

    def _parse_usable_upload_url(self, response: Response) -> AttachmentUploadUrl:
        target = self._pipeline.parse_upload_url(response)
        if not _usable(target):
            reason = f"Flexport returned an upload URL that expires at {target.expiration_time.isoformat()}"
            raise self._pipeline.unusable(response, reason)
        return target

    async def _find_created_order(
        self, model: CreateOrderRequest, external_id: str, _error: FlexportError
    ) -> Order | None:
        """After an ambiguous create failure: the order if it was created, None if not (or if unknowable)."""
        try:
            order = await self.get_order_by_external_id(external_id)
        except NotFoundError:
            return None
        except FlexportError as exc:
            logger.info("could not look up externalId %r before retrying create: %s", external_id, exc)
            return None
        if not _same_order(model, order):
            raise DuplicateExternalIdError(
                _conflict_message(external_id, order), external_id=external_id, existing_order_id=order.order_id
            )
        logger.info("order with externalId %r was created despite the failure; returning it", external_id)
        return order

    async def _existing_order_for_conflict(
        self, model: CreateOrderRequest, external_id: str, conflict: ConflictError
    ) -> Order:
        try:
            order = await self.get_order_by_external_id(external_id)
        except NotFoundError:
            raise conflict from None
        if _same_order(model, order):
            logger.info("externalId %r already exists with the same items; returning that order", external_id)
            return order
        raise DuplicateExternalIdError(
            _conflict_message(external_id, order),
            external_id=external_id,
            existing_order_id=order.order_id,
            conflict=conflict,
        ) from conflict


# --- helpers (module level: pure functions, easy to test) -------------------------------------------------------


def _idempotency_key(key: str | None) -> str:
    if key is None:
        return str(uuid.uuid4())
    if not isinstance(key, str) or not key.strip() or len(key) > 255 or any(ord(c) < 32 for c in key):
        raise RequestValidationError({"idempotency_key": "must be 1 to 255 printable characters"})
    return key


def _upload_url_body(
    attachment_type: AttachmentType | str, content_type: AttachmentContentType | str
) -> AttachmentUploadUrlRequest:
    if content_type != AttachmentContentType.APPLICATIONPDF:
        raise RequestValidationError({"content_type": f"only application/pdf is supported, got {content_type!r}"})
    if not isinstance(attachment_type, str) or not attachment_type.strip():
        raise RequestValidationError({"attachment_type": "must be an AttachmentType such as SHIPPING_LABELS"})
    return AttachmentUploadUrlRequest(
        attachment_type=AttachmentType(attachment_type), content_type=AttachmentContentType.APPLICATIONPDF
    )


def _usable(target: AttachmentUploadUrl) -> bool:
    """Whether the upload URL is valid for long enough to send a document to it."""
    expires = target.expiration_time
    if expires.tzinfo is None:  # off-spec (RFC 3339 requires an offset); read it as UTC rather than crash
        expires = expires.replace(tzinfo=datetime.UTC)
    return expires > datetime.datetime.now(datetime.UTC) + UPLOAD_URL_MIN_VALIDITY


def _same_order(model: CreateOrderRequest, order: Order) -> bool:
    """Is `order` what `model` would have created? Compares the line items (every identifier, quantity, unit)."""
    return same_items((item.to_dict() for item in model.order_items), (item.to_dict() for item in order.order_items))


def _conflict_message(external_id: str, order: Order) -> str:
    return (
        f"externalId {external_id!r} already belongs to order {order.order_id!r} (status {order.order_status}) "
        "whose items differ from this request; use a new externalId or fetch that order"
    )
